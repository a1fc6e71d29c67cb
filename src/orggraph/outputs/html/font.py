"""An open CJK font, subset to the characters a page shows, embedded as a WOFF data URL.

The font is Noto Sans CJK (SIL Open Font License 1.1), taken from the PyPI package
``cvttf-notosanscjk-regular`` (a project dependency, so ``uv sync`` brings it); see
``assets/NotoSansCJK.SOURCE.md``. ``ORGGRAPH_CJK_FONT`` names another OTF/TTF to use.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from orggraph.errors import OutputError
from orggraph.outputs.atomic import write_bytes

FAMILY = "OrgGraph CJK"
DEBIAN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def font_path() -> Path | None:
    """The font file to subset: $ORGGRAPH_CJK_FONT, the PyPI package's, or Debian's."""
    override = os.environ.get("ORGGRAPH_CJK_FONT")
    if override:
        return Path(override) if Path(override).is_file() else None
    try:
        import cvttf_NotoSansCJK_Regular as package

        return Path(package.get_TTF_path())
    except (ImportError, FileNotFoundError):
        return DEBIAN_FONT if DEBIAN_FONT.is_file() else None


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orggraph" / "fonts"


@lru_cache(maxsize=4)
def _subset(path: Path, chars: str) -> bytes:
    """The subset, from the cache when the same font and characters were subset before."""
    stat = path.stat()
    key = hashlib.sha256(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{chars}".encode()).hexdigest()
    cached = _cache_dir() / f"{key}.woff"
    if cached.is_file():
        return cached.read_bytes()
    data = _make_subset(path, chars)
    with contextlib.suppress(OSError, OutputError):  # an unwritable cache only costs time
        write_bytes(cached, data)
    return data


def _make_subset(path: Path, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["vert", "vrt2", "kern", "palt"]
    options.hinting = True  # dropping CFF hints re-executes every charstring: slow
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    font = TTFont(
        str(path),
        lazy=True,
        fontNumber=0 if path.suffix == ".ttc" else -1,
        recalcBBoxes=False,
        recalcTimestamp=False,  # same characters → same bytes
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


def font_face(text: str) -> str:
    """A CSS @font-face rule with the subset covering ``text``, or "" without a font."""
    path = font_path()
    chars = "".join(sorted({c for c in text if ord(c) > 0x2E7F}))
    if path is None or not chars:
        return ""
    data = base64.b64encode(_subset(path, chars)).decode("ascii")
    return (
        f"@font-face {{ font-family: '{FAMILY}'; font-display: block; "
        f"src: url(data:font/woff;base64,{data}) format('woff'); }}"
    )
