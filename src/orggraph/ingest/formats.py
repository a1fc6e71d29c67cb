"""Input forms other than plain text: HTML pages, Markdown and JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = (
    "script, style, noscript, template, nav, iframe, svg, canvas, form, select, button, "
    "head, aside, [role=navigation], [aria-hidden=true]"
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


def html_text(html: str) -> str:
    """The visible text of an HTML page, one block element per line."""
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    parts = _walk(root)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(root: LexborNode) -> list[str]:
    """Text of ``root``'s descendants in document order; iterative, so any depth works."""
    parts: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        children: list[LexborNode | str] = []
        for child in item.iter(include_text=True):
            if child.tag == "-text":
                children.append(_WHITESPACE.sub(" ", child.text_content or ""))
            elif child.tag in _BLOCK:
                children.extend(("\n", child, "\n"))
            elif child.tag not in ("-comment", "img"):
                children.append(child)
        stack.extend(reversed(children))
    return parts


_MD_PATTERNS = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+", re.MULTILINE),  # heading marks
    re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE),  # closing heading marks
    re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE),  # block quotes
    re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE),  # rules
    re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE),  # code fences
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # images
    re.compile(r"(?<=\])\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)"),  # link targets
    re.compile(r"(?<!\\)\[(?=[^\]\[\n]{0,500}\]\()"),  # link text opening bracket (bounded)
    re.compile(r"(?<!\\)\](?=\()"),  # link text closing bracket
    re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`"),  # emphasis, code
)


def markdown_markup(text: str) -> list[tuple[int, int]]:
    """Spans of Markdown syntax (not text) in a Markdown document; linear time."""
    spans = [m.span() for pattern in _MD_PATTERNS for m in pattern.finditer(text)]
    return sorted(spans + list(_comments(text)))


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """``<!-- … -->`` spans, found with ``str.find`` (an unclosed one is text)."""
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        start = text.find("<!--", end + 3)


@dataclass(frozen=True)
class JsonArticle:
    line: int  # 1-based line number in the file
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


def jsonl_articles(text: str) -> Iterator[JsonArticle | str]:
    """The articles of a JSON Lines file, or a problem description for each bad line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield f"line {number}: not JSON ({err.msg})"
            continue
        except (ValueError, RecursionError) as err:  # 5,000-digit numbers, deep nesting
            yield f"line {number}: not readable JSON ({type(err).__name__})"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield f'line {number}: no "text" string'
            continue
        fields = {k: _string(record.get(k)) for k in ("title", "url", "published", "source")}
        text = _clean(record["text"])
        if text != record["text"]:
            yield f"line {number}: lone surrogates or control characters replaced"
        yield JsonArticle(number, text, **fields)


_NOT_TEXT = re.compile(r"[\ud800-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(value: str) -> str:
    """JSON escapes can hold what no text file can: lone surrogates (→ U+FFFD), controls."""
    return _NOT_TEXT.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", value)


def _string(value: object) -> str | None:
    return _clean(value).strip() or None if isinstance(value, str) else None
