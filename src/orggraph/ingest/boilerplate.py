"""Page boilerplate: which lines of a normalized page are the article body.

Dropped: site banners above the headline, header lines (来源/时间/作者 label lines and
a value on the line after a bare label), credit lines ("(作者为…)", "(本版文字由…整理)"),
image placeholders, lone page numbers, and footers (主办单位, 技术支持, ICP备案, 责任编辑,
校对, 评论, 图片推荐, APP/微信 lines, visitor counters...). Everything after the last body
line that is short and unpunctuated is footer too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from orggraph.resources.tables import table


def _alternatives(role: str) -> str:
    """The ``pattern`` cells of one role of ``boilerplate.tsv``, joined as regex alternatives."""
    return "|".join(row["pattern"] for row in table("boilerplate") if row["role"] == role)


LABELS = _alternatives("label")
HEADER = re.compile(rf"^[\[【(]?\s*(?:{LABELS})\s*:")
BARE_LABEL = re.compile(rf"^(?:{LABELS})\s*:?$")
BANNER = re.compile(rf"^[^\s,。:]{{2,24}}(?:{_alternatives('banner_end')})$")
CREDIT = re.compile(rf"^[(\[【](?:{_alternatives('credit_start')}).*[)\]】]$")
PLACEHOLDER = re.compile(rf"^(?:{_alternatives('placeholder')})$")
FOOTER = re.compile(_alternatives("footer"), re.IGNORECASE)
CHANNEL = re.compile(rf"^\S{{0,12}}(?:{_alternatives('channel_end')})$", re.IGNORECASE)
SENTENCE_PUNCT = re.compile(r"[。!?;…]")
SHORT_TAIL = 25  # an unpunctuated line this short after the last body line is footer


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def lines_of(text: str) -> list[Line]:
    """The lines of a text with their spans (no newline)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(Line(pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def is_boilerplate(line: str) -> bool:
    """Whether a line on its own is page furniture rather than article text."""
    s = line.strip()
    return bool(
        not s
        or HEADER.match(s)
        or BARE_LABEL.match(s)
        or CREDIT.match(s)
        or PLACEHOLDER.match(s)
        or CHANNEL.match(s)
        or (len(s) <= 60 and FOOTER.search(s))
    )


def body_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of a normalized text that form the article body."""
    lines = lines_of(text)
    keep = [not is_boilerplate(line.text) for line in lines]
    for i in _label_values(lines):
        keep[i] = False
    for i in _banners(lines):
        keep[i] = False
    for i in _tail(lines, keep):
        keep[i] = False
    return [(line.start, line.end + 1) for line, k in zip(lines, keep, strict=True) if k]


def _label_values(lines: list[Line]) -> Iterator[int]:
    """Lines that hold the value of a bare label on the line before ("来源:" / "红星云")."""
    for i in range(len(lines) - 1):
        if BARE_LABEL.match(lines[i].text.strip()) and len(lines[i + 1].text) <= 40:
            yield i + 1


def _banners(lines: list[Line]) -> Iterator[int]:
    """Site banners at the very top."""
    for i, line in enumerate(lines[:3]):
        if not BANNER.match(line.text.strip()):
            break
        yield i


def _tail(lines: list[Line], keep: list[bool]) -> Iterator[int]:
    """Short unpunctuated lines after the last line of running text."""
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].text.strip()
        if keep[i] and (len(s) > SHORT_TAIL or SENTENCE_PUNCT.search(s)):
            return
        yield i
