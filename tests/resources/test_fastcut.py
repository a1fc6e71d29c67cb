"""The faster segmenter cuts every text exactly as jieba's own tokenizer does."""

from __future__ import annotations

from typing import Any

import jieba
import pytest

from orggraph.resources.fastcut import Segmenter
from orggraph.resources.wordlist import tokenizer_over_tables

# made-up report sentences: known words, names jieba does not know (its HMM finds them),
# digits and Latin letters, punctuation, blank lines and a user word
TEXTS = [
    "2021年以来，某某县坚持以党建引领乡村振兴，全县128个村（社区）全部建立了党群服务中心。",
    "据统计，茂林镇新建村级活动场所35个，培训农村党员干部2.3万人次，发展集体经济项目17个。",
    "各级党组织要把“双提升双服务”行动作为重要抓手。\n\n第二，加强APP和5G网络建设 ……",
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
    "",
    "  共产党员先锋岗、红色网格员、书记工作室，累计解决群众急难愁盼问题4,500余件。",
]
USER_WORDS = ("双提升双服务", "书记工作室", "茂林镇")


def _tokenizer(cls: Any) -> Any:
    return tokenizer_over_tables(cls, USER_WORDS)


@pytest.fixture(scope="module")
def pair() -> tuple[Any, Any]:
    return _tokenizer(jieba.Tokenizer), _tokenizer(Segmenter)


@pytest.mark.parametrize("hmm", [True, False])
def test_same_words_as_jieba(pair: tuple[Any, Any], hmm: bool) -> None:
    plain, fast = pair
    for text in TEXTS:
        assert list(fast.cut(text, HMM=hmm)) == list(plain.cut(text, HMM=hmm))


def test_same_graph_and_path_as_jieba(pair: tuple[Any, Any]) -> None:
    plain, fast = pair
    for text in TEXTS:
        assert fast.get_DAG(text) == plain.get_DAG(text)
        route_plain: dict[int, Any] = {}
        route_fast: dict[int, Any] = {}
        plain.calc(text, plain.get_DAG(text), route_plain)
        fast.calc(text, fast.get_DAG(text), route_fast)
        assert route_fast == route_plain
        assert fast.best_ends(text) == [route_plain[i][1] + 1 for i in range(len(text))]


def test_words_added_later_are_used(pair: tuple[Any, Any]) -> None:
    fast = _tokenizer(Segmenter)
    text = "推行庚辛壬癸工作法"
    before = list(fast.cut(text))
    fast.add_word("庚辛壬癸工作法", freq=200_000)
    assert "庚辛壬癸工作法" not in before
    assert "庚辛壬癸工作法" in list(fast.cut(text))


def test_tagger_hmm_gives_jiebas_path() -> None:
    from orggraph.resources.wordlist import tagger

    tagger()  # imports jieba.posseg the light way
    import jieba.posseg as posseg
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    from orggraph.resources.fasttag import viterbi

    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    for run in ("甲乙丙丁戊", "某某乡某某村", "张三李四王五", "鑫"):
        assert viterbi(run, *tables) == jieba_viterbi(run, *tables)


def test_tagger_gives_jiebas_words_and_tags() -> None:
    """Tags read from the packed table equal those of jieba's tagger over its own tables."""
    import jieba.posseg as posseg

    from orggraph.resources.wordlist import tagger

    ours = tagger(USER_WORDS)
    reference = posseg.POSTokenizer(_tokenizer(jieba.Tokenizer))
    for text in TEXTS:
        got = [(p.word, p.flag) for p in ours.cut(text)]
        assert got == [(p.word, p.flag) for p in reference.cut(text)]


def test_added_word_keeps_its_dictionary_tag_or_takes_the_given_one() -> None:
    fast = _tokenizer(Segmenter)
    tags = fast.tag_table()
    assert tags.get("茂林镇") == "nz"  # a user word jieba does not know
    assert tags.get("书记工", "x") == "x"  # a mere prefix of a user word is no word
    before = tags.get("建设")
    assert before is not None
    fast.add_word("建设", freq=9)
    assert tags.get("建设") == before
    fast.add_word("建设", freq=9, tag="vn")
    assert tags.get("建设") == "vn"
