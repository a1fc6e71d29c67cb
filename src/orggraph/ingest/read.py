"""Read files and folders into normalized articles (``SourceText``).

Forms: ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm`` (visible text only),
``.pdf`` (text layer), ``.docx`` and ``.jsonl`` (one article per line: ``text`` and optional
``title``, ``url``, ``published``, ``source``). Markdown front matter is read as metadata.
Folders are walked (any depth) in sorted order; files there that cannot be read are skipped
with a warning (``strict``: the error is raised), while a file named explicitly raises a
typed error. A bad ``.jsonl`` line is a warning; the file's good lines are kept. The same
file given twice, or two files with the same content, are read once (with a warning);
``source_file`` names are unique.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from orggraph.errors import EmptyInputError, InputError, InputNotFoundError, UnsupportedInputError
from orggraph.ingest.boilerplate import body_spans
from orggraph.ingest.decode import decode, read_bytes
from orggraph.ingest.documents import DOCX_SUFFIXES, PDF_SUFFIXES, binary_text
from orggraph.ingest.formats import JsonArticle, html_text, jsonl_articles, markdown_markup
from orggraph.ingest.frontmatter import front_matter
from orggraph.ingest.metadata import extract_meta, parse_date
from orggraph.ingest.normalize import Mapped, normalize, normalize_mapped
from orggraph.ingest.unique import deduplicate
from orggraph.ingest.walk import shown, walk_files
from orggraph.records import ArticleMeta, SourceText

_SURROGATE = re.compile(r"[\ud800-\udfff]")
TEXT_SUFFIXES = frozenset({".txt", ".text"})
#: Reads one file into its articles: ``read_file`` or a cached equivalent (``cache.FactsCache``).
Reader = Callable[[Path, str], list[SourceText]]
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
SUPPORTED |= PDF_SUFFIXES | DOCX_SUFFIXES
#: Forms whose text is the file itself: their evidence offsets index the input file.
PLAIN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class ReadResult:
    """The articles read, and every warning met (each article's own warnings included)."""

    articles: tuple[SourceText, ...]
    warnings: tuple[str, ...]


def read_inputs(
    inputs: Sequence[Path], *, strict: bool = False, reader: Reader | None = None
) -> ReadResult:
    """Read every article under the given files and folders (each file with ``reader``)."""
    reader = reader or read_file
    articles: list[SourceText] = []
    warnings: list[str] = []
    for path in inputs:
        if not path.exists():
            raise InputNotFoundError(f"{shown(path)}: no such file or folder")
        if path.is_dir():
            _read_folder(path, articles, warnings, strict, reader)
        else:
            read = _guarded(path, shown(path.name), reader)
            articles.extend(read)
            warnings.extend(w for a in read for w in a.warnings)
    if not articles:
        shown_inputs = ", ".join(map(shown, inputs)) or "no inputs"
        raise EmptyInputError(f"no article found in {shown_inputs}")
    unique, duplicates = deduplicate(articles)
    return ReadResult(tuple(unique), (*warnings, *duplicates))


# What a library may raise on a hostile file: turned into InputError naming the file.
_LIBRARY_ERRORS = (ValueError, RecursionError, UnicodeError, LookupError, MemoryError)


def _guarded(path: Path, name: str, reader: Reader) -> list[SourceText]:
    """``reader``, with OS and library errors turned into ``InputError`` naming the file."""
    try:
        return reader(path, name)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{shown(path)}: {exc.strerror or exc}") from exc
    except _LIBRARY_ERRORS as exc:
        raise InputError(f"{shown(path)}: cannot read: {type(exc).__name__}") from exc


def _read_folder(
    folder: Path, articles: list[SourceText], warnings: list[str], strict: bool, reader: Reader
) -> None:
    for item in walk_files(folder, SUPPORTED):
        if isinstance(item, str):
            if strict:
                raise InputError(item.removeprefix("skipped "))
            warnings.append(item)
            continue
        path = item
        name = shown(path.relative_to(folder).as_posix())
        try:
            if path.suffix.lower() not in SUPPORTED:
                raise UnsupportedInputError(f"{shown(path)}: unsupported file type")
            read = _guarded(path, name, reader)
        except InputError as err:
            if strict:
                raise
            warnings.append(f"skipped {err}")
            continue
        articles.extend(read)
        warnings.extend(w for a in read for w in a.warnings)


def read_file(path: Path, name: str) -> list[SourceText]:
    """The articles of one file; ``name`` is its source-file name."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedInputError(
            f"{path}: unsupported file type {suffix or '(none)'}; "
            "expected .txt, .md, .html, .htm, .pdf, .docx or .jsonl"
        )
    label = shown(path)
    data = read_bytes(path, label)
    extracted = binary_text(path, data)
    if extracted is not None:
        article = source_text(name, label, extracted, path.suffix.lower().lstrip("."))
        return [_checked(dataclasses.replace(article, extracted=True), label)]
    decoded = decode(data, label)
    if not decoded.text.strip():
        raise EmptyInputError(f"{label}: no text in file")
    if suffix in JSONL_SUFFIXES:
        return _jsonl(label, name, decoded.text, decoded.encoding)
    original, markup = decoded.text, list[tuple[int, int]]()
    front = None
    if suffix in HTML_SUFFIXES:
        original = html_text(decoded.text)
    elif suffix in MARKDOWN_SUFFIXES:
        front = front_matter(original)
        markup = markdown_markup(original) + ([front[0]] if front else [])
    article = source_text(name, label, original, decoded.encoding, markup)
    if suffix not in PLAIN_SUFFIXES:
        article = dataclasses.replace(article, extracted=True)
    if front:
        article = dataclasses.replace(article, meta=_merged(front[1], article.meta))
    return [_checked(article, label)]


def _checked(article: SourceText, label: str) -> SourceText:
    if not article.text:
        raise EmptyInputError(f"{label}: no article text (only page furniture)")
    return article


def _merged(given: ArticleMeta, found: ArticleMeta) -> ArticleMeta:
    """Metadata stated as fields (front matter) take precedence over what the text states."""
    return ArticleMeta(
        title=given.title or found.title,
        publisher=given.publisher or found.publisher,
        issued=given.issued or found.issued,
        creator=given.creator or found.creator,
    )


def _jsonl(label: str, name: str, text: str, encoding: str) -> list[SourceText]:
    """The articles of a JSON Lines file; a bad line is a warning on the next good article."""
    articles: list[SourceText] = []
    problems: list[str] = []
    for item in jsonl_articles(text):
        if not isinstance(item, JsonArticle):
            problems.append(f"{label}: {item}")
            continue
        article = source_text(f"{name}#{item.line}", label, item.text, encoding)
        if article.text:
            article = dataclasses.replace(
                article, meta=_with_fields(article.meta, item), extracted=True
            )
            if problems:
                article = dataclasses.replace(article, warnings=(*problems, *article.warnings))
                problems = []
            articles.append(article)
    if not articles:
        raise InputError(f"{label}: no article in file" + (f" ({problems[0]})" if problems else ""))
    if problems:
        last = articles[-1]
        articles[-1] = dataclasses.replace(last, warnings=(*last.warnings, *problems))
    return articles


def _with_fields(meta: ArticleMeta, item: JsonArticle) -> ArticleMeta:
    """Metadata given as JSON fields take precedence over what the text states."""
    issued = (parse_date(item.published) or meta.issued) if item.published else meta.issued
    return ArticleMeta(
        title=item.title or meta.title,
        publisher=item.source or meta.publisher,
        issued=issued,
        creator=meta.creator,
        url=item.url or meta.url,
    )


def source_text(
    name: str,
    path: str,
    original: str,
    encoding: str = "utf-8",
    markup: Iterable[tuple[int, int]] = (),
) -> SourceText:
    """Normalize one article's original text into a ``SourceText``."""
    original = _SURROGATE.sub("\ufffd", original)  # one for one: offsets unchanged
    page = normalize(original, markup)
    mapped = Mapped(list(page.text), list(page.offsets[:-1]), page.offsets[-1])
    body = normalize_mapped(mapped.keep(body_spans(page.text)))
    warnings = tuple(
        f"{name}: garbled text “{stretch}” at character {fix.start} "
        + (f"repaired as “{fix.replacement}”" if fix.repaired else "replaced by U+FFFD")
        for stretch, fix in page.garbled
    )
    return SourceText(
        source_file=name,
        path=path,
        original=original,
        text=body.text,
        offsets=body.offsets(),
        sha256=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        encoding=encoding,
        traditional=page.traditional,
        meta=extract_meta(page.text),
        warnings=warnings,
    )
