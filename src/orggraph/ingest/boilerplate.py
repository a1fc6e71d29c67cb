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

LABELS = (
    "文章来源|稿件来源|信息来源|新闻来源|来源|出处|发布时间|创建时间|更新时间|发表时间|发布日期|"
    "时间|日期|作者|记者|通讯员|编辑|责任编辑|编审|审核|校对|浏览次数|阅读次数|阅读量|点击数|"
    "浏览|点击|字号|字体"
)
HEADER = re.compile(rf"^[\[【(]?\s*(?:{LABELS})\s*:")
BARE_LABEL = re.compile(rf"^(?:{LABELS})\s*:?$")
BANNER = re.compile(r"^[^\s,。:]{2,24}(?:网|网站|联盟|频道|首页|门户|客户端|官网|在线)$")
CREDIT = re.compile(
    r"^[(\[【](?:作者(?:为|系|是|单位)|本版|本文|文/|文:|图/|图:|记者|通讯员|摄影).*[)\]】]$"
)
PLACEHOLDER = re.compile(r"^(?:图片|图|视频|\[图片\]|\d{1,3}|第\s*\d+\s*页|上一页.*|下一页.*)$")
FOOTER = re.compile(
    r"主办单位|承办单位|^主办:|^承办:|技术支持:|ICP|备案号|公网安备|版权所有|Copyright|©|"
    r"欢迎您?访问|您是第.*位|访问量|责任编辑|^编辑:|校对:|审核:|"
    r"^评论|评论$|条评论|抢沙发|图片推荐|^(?:相关|推荐)(?:新闻|阅读|文章)|"
    r"^扫一扫|^分享到|^上一篇|^下一篇|打印本页|关闭窗口|返回顶部|联系我们|网站地图",
    re.IGNORECASE,
)
CHANNEL = re.compile(r"^\S{0,12}(?:APP|客户端|微信|微博|公众号|抖音号?|视频号)$", re.IGNORECASE)
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
