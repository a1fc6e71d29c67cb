"""Normalization: script, widths, pinyin, garbled stretches, and the offset map back."""

from __future__ import annotations

import itertools

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.ingest.garble import find_garbled, repair
from orggraph.ingest.normalize import normalize

REPLACEMENT = "\ufffd"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("新質(zhì)生產(chǎn)力", "新质生产力"),
        ("社區(qū))建設", "社区)建设"),
        ("發(fā)(fā)展", "发展"),
        ("質（zhì）量", "质量"),
        ("引進(jìn ná)人才", "引进人才"),
        ("試點(試行)", "试点(试行)"),  # Chinese in brackets is not pinyin
        ("APP(app)下载", "APP(app)下载"),  # no tone marks: not pinyin
        ("xiāng(zhèn)", "xiāng(zhèn)"),  # not after a Han character
    ],
)
def test_pinyin_annotations_removed(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("培训１２期，占比７８．３％", "培训12期,占比78.3%"),
        ("（试行）：完成！", "(试行):完成!"),
        ("ＡＢＣ\u3000党建", "ABC 党建"),
        ("“五个一百”工程《条例》。、", "“五个一百”工程《条例》。、"),  # kept as written
        ("\ufeff党建\u200b引领\r\n\r\n\n服务", "党建引领\n服务"),
        ("  党建   引领  \n\n  服务 ", "党建 引领\n服务"),
    ],
)
def test_widths_spaces_and_lines_folded(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_traditional_converted_and_recorded() -> None:
    result = normalize("山西省懷仁市認真貫徹落實黨的二十大精神,發展新質生產力。")
    assert result.text == "山西省怀仁市认真贯彻落实党的二十大精神,发展新质生产力。"
    assert result.traditional
    assert not normalize(result.text).traditional


def test_offsets_quote_the_original() -> None:
    original = "懷仁市(huái)強化１２項舉措"
    result = normalize(original)
    assert result.text == "怀仁市强化12项举措"
    span = result.text.index("12")
    a, b = result.offsets[span], result.offsets[span + 1] + 1
    assert original[a:b] == "１２"
    assert original[result.offsets[3]] == "強"


def _gbk_shifted(phrase: str) -> str:
    """``phrase`` as GBK bytes read again one byte out of step, the lead byte lost."""
    data = phrase.encode("gbk")
    return "?" + (bytes([data[0] & 0x7F]) + data[1:]).decode("gbk")


@pytest.mark.parametrize("phrase", ["“七一”期間", "“七一”前夕開"])
def test_shifted_gbk_stretch_is_repaired(phrase: str) -> None:
    garbled = _gbk_shifted(phrase)
    text = f"深刻把握发展的政策要求{garbled},组织党员观看艺术党课。"
    found = find_garbled(text)
    assert len(found) == 1
    assert found[0].repaired
    assert text[found[0].start : found[0].end] == garbled
    expected = opencc.OpenCC("t2s").convert(phrase)
    assert f"要求{REPLACEMENT}{expected}," in normalize(text).text


def test_shifted_stretch_blanked_when_bytes_are_lost() -> None:
    garbled = _gbk_shifted("“两学一做”學習")[:-2]  # the stream realigned: bytes missing
    text = f"深刻把握发展的政策要求{garbled}教育,组织党员观看艺术党课。"
    result = normalize(text)
    start = text.index(garbled)
    assert result.text[start : start + len(garbled)] == REPLACEMENT * len(garbled)


def test_unrepairable_stretch_blanked_one_for_one() -> None:
    text = "组织部门开展调研,陂咭捌鳏獯,形成报告。"
    result = normalize(text)
    assert result.text == "组织部门开展调研," + REPLACEMENT * 5 + ",形成报告。"
    assert [stretch for stretch, _ in result.garbled] == ["陂咭捌鳏獯"]


@pytest.mark.parametrize(
    "text",
    [
        "党的二十届三中全会要求健全因地制宜发展新质生产力体制机制,并作出全面部署。",
        "呼包鄂榆乌五市共同签署产教融合协议,引导干部学纪知纪明纪守纪。",
        "推行“群英断是非”工作法,全年化解矛盾纠纷1780多个。",
        "发展A股上市企业3家,建设5G基站120个。",
    ],
)
def test_ordinary_text_is_not_garbled(text: str) -> None:
    assert find_garbled(text) == []


def test_repair_refuses_noise() -> None:
    assert repair("鳏獯鼋") is None


_ALPHABET = st.sampled_from(
    list("的是党组织干部人才发展新质生产力懷仁市們來這個說區發國學質產經")
    + list("，。“”《》、（）！？：；１２３ＡＢａｂ％")
    + list("(zhìǎnfā) \n\r\t\u3000\u200babc123,.?!")
)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_offset_map_invariants(original: str) -> None:
    result = normalize(original)
    text, offsets = result.text, result.offsets
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    assert all(0 <= o < len(original) for o in offsets[:-1])
    t2s = opencc.OpenCC("t2s").convert
    for i, char in enumerate(text):
        source = original[offsets[i]]
        folded = chr(ord(source) - 0xFEE0) if 0xFF01 <= ord(source) <= 0xFF5E else source
        assert char in {source, folded, t2s(folded), REPLACEMENT} or (
            char == " " and source.isspace()
        ), (i, char, source)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_normalization_is_idempotent(original: str) -> None:
    once = normalize(original).text
    assert normalize(once).text == once
