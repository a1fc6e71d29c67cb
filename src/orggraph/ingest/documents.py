"""Binary document forms: PDF (its text layer, pypdf) and DOCX (python-docx).

Each yields the text orggraph reads, one paragraph (or PDF text line) per line. That text
is what evidence offsets index; the build saves it beside the graph (``text/<sha256>.txt``).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from orggraph.errors import DecodeError, EmptyInputError

PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})

_SPACES = re.compile(r"[ \t\u3000]+")
#: PDF text layers often map ideographs to look-alike Kangxi radicals (⾏ U+2F8F for 行);
#: their compatibility decomposition is the ideograph.
_RADICALS = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in range(0x2F00, 0x2FD6)
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}


def _lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def pdf_text(data: bytes, where: str) -> str:
    """The text layer of a PDF, page after page (scanned pages without one give nothing)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        raise DecodeError(f"{where}: cannot read as PDF ({err})") from err
    text = _lines("\n".join(pages).translate(_RADICALS))
    if not text:
        raise EmptyInputError(f"{where}: the PDF has no text layer (scanned pages need OCR first)")
    return text


def docx_text(data: bytes, where: str) -> str:
    """The paragraphs of a DOCX body, then the paragraphs of its tables, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise DecodeError(f"{where}: cannot read as DOCX ({err})") from err
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return _lines("\n".join(parts))


def binary_text(path: Path, data: bytes) -> str | None:
    """The text of a PDF or DOCX file, or None for other forms."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return pdf_text(data, str(path))
    if suffix in DOCX_SUFFIXES:
        return docx_text(data, str(path))
    return None
