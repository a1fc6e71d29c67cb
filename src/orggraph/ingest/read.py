"""Read files and folders into normalized articles (``SourceText``).

Forms: ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm`` (visible text only),
``.pdf`` (text layer), ``.docx`` and ``.jsonl`` (one article per line: ``text`` and optional
``title``, ``url``, ``published``, ``source``). Folders are walked recursively in sorted
order; files there that cannot be read are skipped with a warning, while a file named
explicitly raises a typed error.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from orggraph.errors import EmptyInputError, InputError, InputNotFoundError, UnsupportedInputError
from orggraph.ingest.boilerplate import body_spans
from orggraph.ingest.decode import decode, read_bytes
from orggraph.ingest.documents import DOCX_SUFFIXES, PDF_SUFFIXES, binary_text
from orggraph.ingest.formats import JsonArticle, html_text, jsonl_articles, markdown_markup
from orggraph.ingest.metadata import extract_meta, parse_date
from orggraph.ingest.normalize import Mapped, normalize, normalize_mapped
from orggraph.records import ArticleMeta, SourceText

TEXT_SUFFIXES = frozenset({".txt", ".text"})
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


def read_inputs(inputs: Sequence[Path]) -> ReadResult:
    """Read every article under the given files and folders."""
    articles: list[SourceText] = []
    warnings: list[str] = []
    for path in inputs:
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file or folder")
        if path.is_dir():
            _read_folder(path, articles, warnings)
        else:
            read = read_file(path, path.name)
            articles.extend(read)
            warnings.extend(w for a in read for w in a.warnings)
    if not articles:
        raise EmptyInputError(f"no article found in {', '.join(map(str, inputs)) or 'no inputs'}")
    return ReadResult(tuple(articles), tuple(warnings))


def _read_folder(folder: Path, articles: list[SourceText], warnings: list[str]) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() not in SUPPORTED:
            warnings.append(f"skipped {path}: unsupported file type")
            continue
        try:
            read = read_file(path, name)
        except InputError as err:
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
    data = read_bytes(path, str(path))
    extracted = binary_text(path, data)
    if extracted is not None:
        article = source_text(name, str(path), extracted, path.suffix.lower().lstrip("."))
        return [_checked(dataclasses.replace(article, extracted=True), path)]
    decoded = decode(data, str(path))
    if not decoded.text.strip():
        raise EmptyInputError(f"{path}: no text in file")
    if suffix in JSONL_SUFFIXES:
        return list(_jsonl(path, name, decoded.text, decoded.encoding))
    original, markup = decoded.text, list[tuple[int, int]]()
    if suffix in HTML_SUFFIXES:
        original = html_text(decoded.text)
    elif suffix in MARKDOWN_SUFFIXES:
        markup = markdown_markup(original)
    article = source_text(name, str(path), original, decoded.encoding, markup)
    if suffix not in PLAIN_SUFFIXES:
        article = dataclasses.replace(article, extracted=True)
    return [_checked(article, path)]


def _checked(article: SourceText, path: Path) -> SourceText:
    if not article.text:
        raise EmptyInputError(f"{path}: no article text (only page furniture)")
    return article


def _jsonl(path: Path, name: str, text: str, encoding: str) -> Iterator[SourceText]:
    for item in jsonl_articles(text):
        if not isinstance(item, JsonArticle):
            raise InputError(f"{path}: {item}")
        article = source_text(f"{name}#{item.line}", str(path), item.text, encoding)
        if article.text:
            yield dataclasses.replace(
                article, meta=_with_fields(article.meta, item), extracted=True
            )


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
