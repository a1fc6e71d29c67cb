"""Article metadata stated by the text itself: headline, source, date, author.

Works on the normalized page (before boilerplate is dropped), line by line:
- title: the first line of the top block that reads as a headline, after any banner;
- publisher: the value of a 来源 label, in the header or anywhere on its own line;
- issued: the value of a 时间/日期 label, else a newspaper edition note
  ("(2023年7月10日 第11版)"), else the date in the address of a crawled page
  ("连接：…/2020-12/14/…_20201214_2-10.htm"), else the year of a news dateline in the lead
  ("10月22日,2020汉江流域…会议召开" → "2020").

Dates are fixed numeric patterns, read with regular expressions; a general date library
(dateparser) would add free-form and relative parsing against the clock, which this step must
not do (the same input must give the same output on any day).
- creator: "(作者为…)", a 作者 label, or the names in a reporter credit (记者/通讯员…).
"""

from __future__ import annotations

import re
from functools import cache

from orggraph.ingest.boilerplate import BANNER, BARE_LABEL, HEADER, LABELS, is_boilerplate
from orggraph.records import ArticleMeta
from orggraph.resources.tables import table, words

TABLE = "article_meta"


def _ordered(role: str, name: str = TABLE) -> tuple[str, ...]:
    """The words of one role of a table in file order (regex alternatives keep their order)."""
    return tuple(row["word"] for row in table(name) if row["role"] == role)


def _any(role: str) -> str:
    """The words of one role of ``article_meta.tsv`` as a regex alternation, in file order."""
    return "|".join(re.escape(w) for w in _ordered(role))


_Y, _M, _D = (re.escape(_ordered(f"{k}_mark", "time_words")[0]) for k in ("year", "month", "day"))
_TITLE_MAX = 60
_TOP_LINES = 6
_SOURCE_LABEL = f"(?:{_any('source_label')})"
_DATE_LABEL = f"(?:{_any('date_label')})"
_AUTHOR_LABEL = _any("author_label")
_VALUE_END = rf"(?=\s+(?:{LABELS})\s*:|\s{{2,}}|[\]】)]|$)"
_SOURCE = re.compile(rf"{_SOURCE_LABEL}\s*:\s*(.+?){_VALUE_END}")
_DATE_VALUE = re.compile(rf"{_DATE_LABEL}\s*:\s*(.+?){_VALUE_END}")
_NOT_AUTHOR = "".join(_ordered("author_not_after"))
_AUTHOR = re.compile(rf"(?<![{_NOT_AUTHOR}]){_AUTHOR_LABEL}\s*:\s*(.+?){_VALUE_END}")
_DATE = re.compile(
    rf"(?<!\d)((?:19|20)\d{{2}})\s*(?:[-/.{_Y}]\s*(\d{{1,2}})\s*"
    rf"(?:[-/.{_M}]\s*(\d{{1,2}})\s*{_D}?)?)?(?!\d)"
)
_AUTHOR_ROLE = re.compile(
    rf"[(\[【]\s*{_AUTHOR_LABEL}(?:{_any('author_role_verb')})\s*([^)\]】]+)[)\]】]"
)
_ROLE_WORDS = f"(?:{_any('role_prefix')})?(?:{_any('role_word')})"
_CREDIT = re.compile(
    rf"^[(\[【]?\s*(?:{_any('credit_opening')})?\s*(?:{_any('credit_agent')})?\s*"
    rf"(?={_ROLE_WORDS})(.+?)[)\]】]?$"
)
_CREDIT_TAIL = re.compile(f"(?:{_any('credit_tail')})$")
_NAME_JOINERS = "".join(_ordered("name_joiner"))
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_DATELINE = re.compile(
    rf"^(?:[^,。]{{0,20}}?[)\]】]\s*)?(?:((?:19|20)\d{{2}}){_Y})?"
    rf"(\d{{1,2}}){_M}(\d{{1,2}}){_D}[,,]?(.*?)(?:。|$)"
)
_URL = re.compile(r"https?://\S+")
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})/?(?P<d>\d{2})(?!\d)")
_NAMED_YEAR = re.compile(rf"(?<!\d)((?:19|20)\d{{2}})(?=[\u4e00-\u9fff])(?!{_Y})")


def extract_meta(text: str) -> ArticleMeta:
    """Title, publisher, date and author as the normalized page states them."""
    lines = [s for line in text.split("\n") if (s := line.strip())]
    return ArticleMeta(
        title=_title(lines),
        publisher=_publisher(lines),
        issued=_issued(lines),
        creator=_creator(lines),
    )


def _title(lines: list[str]) -> str | None:
    top = lines[:_TOP_LINES]
    while top and BANNER.match(top[0]):
        top = top[1:]
    if not top or is_boilerplate(top[0]):
        return None
    first = top[0]
    headline = len(first) <= _TITLE_MAX and not re.search(r"[。,;!?…]$|[。,;]", first)
    return first if headline else None


def _publisher(lines: list[str]) -> str | None:
    value = _labelled(lines, _SOURCE, _SOURCE_LABEL)
    return value.strip(" []【】") if value else None


def _issued(lines: list[str]) -> str | None:
    value = _labelled(lines, _DATE_VALUE, _DATE_LABEL)
    if value and (date := parse_date(value)):
        return date
    return _edition_date(lines) or _address_date(lines) or _dateline_year(lines)


def _edition_date(lines: list[str]) -> str | None:
    """A newspaper's edition note: "(2023年7月10日 第11版)", in the header or the last lines."""
    for line in (*lines[:_TOP_LINES], *lines[-_TOP_LINES:]):
        if (m := _edition().search(line)) and (date := parse_date(m.group("date"))):
            return date
    return None


def _address_date(lines: list[str]) -> str | None:
    """The date in the address of a crawled page ("…/2020-12/14/…", "…_20201214_…")."""
    for line in lines[:_TOP_LINES]:
        for url in _URL.findall(line):
            if m := _URL_DATE.search(url):
                year, month, day = m.group("y"), m.group("m"), m.group("d")
                if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                    return f"{year}-{month}-{day}"
    return None


@cache
def _edition() -> re.Pattern[str]:
    edition = re.escape(words("time_words", role="edition")[0])
    date = rf"(?:19|20)\d{{2}}{_Y}\d{{1,2}}{_M}\d{{1,2}}{_D}"
    return re.compile(rf"[(（]\s*(?P<date>{date})\s*\S{{1,2}}\s*\d{{1,3}}\s*{edition}\s*[)）]")


def _labelled(lines: list[str], pattern: re.Pattern[str], label: str) -> str | None:
    """The value of a label, on its line or on the line after a bare label."""
    bare = re.compile(rf"^{label}\s*:?$")
    for i, line in enumerate(lines):
        if not (HEADER.match(line) or BARE_LABEL.match(line) or len(line) <= 60):
            continue
        if bare.match(line) and i + 1 < len(lines):
            return lines[i + 1]
        if m := pattern.search(line):
            return m.group(1).strip()
    return None


def parse_date(value: str) -> str | None:
    """ "2021-11-17 16:18", "2021年11月17日", "2020" → "YYYY-MM-DD" / "YYYY-MM" / "YYYY"."""
    m = _DATE.search(value)
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return year
    if day and not 1 <= int(day) <= 31:
        day = None
    parts = [year, *(f"{int(p):02d}" for p in (month, day) if p)]
    return "-".join(parts[: 3 if month else 1])


def _dateline_year(lines: list[str]) -> str | None:
    """The date of a news lead that starts with a date ("10月22日,…召开")."""
    for line in lines[:_TOP_LINES]:
        if is_boilerplate(line):
            continue
        m = _DATELINE.match(line)
        if not m:
            return None
        year, month, day, rest = m.groups()
        if year:
            return parse_date(f"{year}-{month}-{day}")
        named = _NAMED_YEAR.search(rest)
        return named.group(1) if named else None
    return None


def _creator(lines: list[str]) -> str | None:
    for line in lines:
        if m := _AUTHOR_ROLE.search(line):
            return m.group(1).strip()
    author = _labelled(lines, _AUTHOR, _AUTHOR_LABEL)
    if author:
        return author
    for line in lines:
        names = credit_names(line)
        if names:
            return "、".join(names)
    return None


def credit_names(line: str) -> list[str]:
    """Names in a reporter credit line: "(本版文字由通讯员李勇 刘玉雷 记者吴芳整理)"."""
    m = _CREDIT.match(line.strip())
    if not m or len(line) > 80:
        return []
    body = _CREDIT_TAIL.sub("", m.group(1).strip())
    tokens = re.split(rf"{_ROLE_WORDS}|[\s、,,{_NAME_JOINERS}]+", body)
    names = [t for t in tokens if t]
    return names if names and all(_NAME.match(n) for n in names) else []
