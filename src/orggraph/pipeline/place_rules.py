"""Text patterns around place names: institutions, local places below county, abbreviation runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from orggraph.resources.wordlist import jieba_dictionary

HAN = "\u4e00-\u9fff"

# a place name followed by one of these (within a few characters, no punctuation) names an
# institution, not the place: 湖南中医药大学, 怀仁市人民医院, 内蒙古科技大市场
INSTITUTION = re.compile(
    rf"[{HAN}A-Za-z]{{0,6}}?(?:大学|学院|医院|中学|小学|幼儿园|集团|公司|银行|研究院|研究所|"
    rf"大市场|科创中心|党校|协会|商会)"
)
# a name used as the name of a spirit, experience or brand: “右玉精神”, “枫桥经验”
EPITHET = re.compile(r"(?:精神|经验|品牌|模式)")
# words before a place name that make it part of an organisation's name: 中共湖南省委
ORG_PREFIX = ("中共",)

LOCAL_SUFFIX = r"街道|管理处|社区|苏木|嘎查|新区|开发区|高新区|管理区|经开区|镇|乡|村"
# a local place written directly after its parent: 洪江市|黔城镇|茶溪村, 岳阳市|南湖新区
AFTER_PARENT = re.compile(rf"([{HAN}]{{2,5}}?)({LOCAL_SUFFIX})")
# a local place standing alone: 在旧站村召开, 以同仁路社区为试点
STANDALONE = re.compile(
    rf"([{HAN}]{{2,4}}?)(街道|社区|村|镇)(?![{HAN}]?(?:委|级|民|组|党|干|集|务)|[(（])"
)
# 南湖、湖滨、龙山等街道  /  阁子市、刘山庙、虎形山等社区
LISTED = re.compile(rf"((?:[{HAN}]{{2,4}}、)+[{HAN}]{{2,4}})等({LOCAL_SUFFIX})")
# 呼包鄂榆乌五市: single-character city abbreviations followed by their number
ABBREVIATION_RUN = re.compile(rf"([{HAN}]{{2,8}})([二两三四五六七八九十]|\d{{1,2}})(?:市|地|城)")
NUMERALS = {
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

# characters and words that make a would-be local name generic: 行政村, 示范社区, 全村
GENERIC_FIRST = set(
    "的了和与及或等各每全本该其此这那个些之一二三四五六七八九十百千万多几驻包逐进到在对向从把被将为"
    "以用由经名位支家条项批次届乡农市县区省新老小大"
)
GENERIC_LAST = set(
    "的了和与及或等各每全本该其此这那个些之到在对向从把被将为建办抓下入驻包进乡农县区省型级化色"
)
GENERIC_WORDS = frozenset(
    [
        "示范",
        "试点",
        "行政",
        "空壳",
        "贫困",
        "先进",
        "重点",
        "美丽",
        "文明",
        "和谐",
        "智慧",
        "红色",
        "综合",
        "城市",
        "农村",
        "城乡",
        "幸福",
        "特色",
        "中心",
        "集体",
        "基层",
        "边远",
        "偏远",
        "周边",
        "所在",
        "居住",
        "联系",
        "结对",
        "帮扶",
        "脱贫",
        "易地",
        "搬迁",
        "安置",
        "社会",
        "居民",
        "党员",
        "乡村",
        "街道",
        "社区",
        "村庄",
        "片区",
        "辖区",
        "园区",
        "景区",
        "城镇",
        "集镇",
        "农业",
        "产业",
        "旅游",
        "生态",
        "传统",
        "历史",
        "文化",
        "宜居",
        "和美",
        "数字",
        "网格",
        "楼栋",
        "小区",
        "服务",
        "治理",
        "建设",
        "标准",
        "规范",
        "重镇",
        "强镇",
        "名镇",
        "小镇",
        "古镇",
        "乡镇",
    ]
)


# jieba dictionary tags of words that are not names: verbs, adjectives, idioms, adverbs, …
_NOT_NAME_TAGS = frozenset(
    ["v", "vn", "vd", "a", "ad", "an", "d", "i", "l", "p", "c", "u", "r", "m", "q", "t", "f"]
)


@cache
def common_words() -> frozenset[str]:
    """Words of jieba's dictionary that are verbs, adjectives, idioms or frequent nouns."""
    return frozenset(
        word
        for word, entry in jieba_dictionary().items()
        if entry.tag in _NOT_NAME_TAGS or (entry.tag == "n" and entry.freq >= 500)
    )


@dataclass(frozen=True)
class LocalName:
    start: int
    end: int
    name: str  # with suffix: 茶溪村


def is_institution(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` begins an institution's or an epithet's name."""
    return bool(INSTITUTION.match(text, end) or EPITHET.match(text, end))


def has_org_prefix(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` is part of an organisation's name (中共…)."""
    return any(text.endswith(p, 0, start) for p in ORG_PREFIX)


def generic(stem: str, strict: bool = True) -> bool:
    """Whether a would-be local place stem is a common modifier rather than a name.

    ``strict=False`` (a name written right after its parent) only rejects ordinary words.
    """
    if not strict:
        return stem in GENERIC_WORDS or stem in common_words()
    if stem[:1] in GENERIC_FIRST or stem[-1:] in GENERIC_LAST or stem in GENERIC_WORDS:
        return True
    common = common_words()
    if stem in common or stem[:2] in common or stem[-2:] in common:
        return True
    return any(stem.endswith(w) or stem.startswith(w) for w in GENERIC_WORDS)


def local_after(text: str, pos: int) -> LocalName | None:
    """A local place name starting exactly at ``pos`` (right after its parent's name)."""
    m = AFTER_PARENT.match(text, pos)
    if not m or generic(m.group(1), strict=False):
        return None
    return LocalName(m.start(), m.end(), m.group())


def standalone_locals(text: str, token_starts: list[int]) -> Iterator[LocalName]:
    """Local place names not preceded by a parent, starting on a token boundary."""
    last = 0
    for start in token_starts:
        m = STANDALONE.match(text, start) if start >= last else None
        if m and not generic(m.group(1)):
            last = m.end()
            yield LocalName(m.start(), m.end(), m.group())


def listed_locals(text: str) -> Iterator[LocalName]:
    """Each item of a list sharing one suffix: 南湖、湖滨等街道 → 南湖街道, 湖滨街道."""
    for m in LISTED.finditer(text):
        suffix, pos = m.group(2), m.start(1)
        items = m.group(1).split("、")
        if any(generic(item) for item in items):
            continue
        for item in items:
            yield LocalName(pos, pos + len(item), item + suffix)
            pos += len(item) + 1


def abbreviation_runs(text: str) -> Iterator[tuple[int, str]]:
    """Runs of one-character place abbreviations followed by their count: (start, run)."""
    for m in ABBREVIATION_RUN.finditer(text):
        number = m.group(2)
        count = int(number) if number.isdigit() else NUMERALS[number]
        run = m.group(1)
        if 2 <= count <= len(run):
            yield m.start(2) - count, run[-count:]
