"""An open CJK font, subset to the characters a page shows, embedded as a WOFF data URL.

Subsetting is HarfBuzz's (``uharfbuzz``); the WOFF wrapper is written here.

The font is Noto Sans CJK (SIL Open Font License 1.1), taken from the PyPI package
``cvttf-notosanscjk-regular`` (a project dependency, so ``uv sync`` brings it); see
``assets/NotoSansCJK.SOURCE.md``. ``ORGGRAPH_CJK_FONT`` names another OTF/TTF to use.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import struct
import zlib
from functools import lru_cache
from pathlib import Path

from orggraph.errors import OutputError
from orggraph.outputs.atomic import write_bytes

FAMILY = "OrgGraph CJK"
#: OpenType features kept: vertical forms, kerning, proportional punctuation.
LAYOUT_FEATURES = ("vert", "vrt2", "kern", "palt")
#: name table entries kept: names, version, copyright and licence.
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)
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
    maker = f"harfbuzz {_harfbuzz_version()}"  # a subset made another way is not reused
    key = f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{maker}|{chars}"
    key = hashlib.sha256(key.encode()).hexdigest()
    cached = _cache_dir() / f"{key}.woff"
    if cached.is_file():
        return cached.read_bytes()
    data = _make_subset(path, chars)
    with contextlib.suppress(OSError, OutputError):  # an unwritable cache only costs time
        write_bytes(cached, data)
    return data


def _harfbuzz_version() -> str:
    import uharfbuzz as hb

    return str(hb.__version__)


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def _make_subset(path: Path, chars: str) -> bytes:
    """HarfBuzz's subsetter (milliseconds, where fontTools takes seconds on CFF), as WOFF."""
    import uharfbuzz as hb

    blob = hb.Blob.from_file_path(str(path))
    face = hb.Face(blob, 0)  # the first face of a collection (.ttc)
    wanted = hb.SubsetInput()
    for char in chars:
        wanted.unicode_set.add(ord(char))
    wanted.layout_feature_tag_set.clear()
    for feature in LAYOUT_FEATURES:
        wanted.layout_feature_tag_set.add(_tag(feature))
    wanted.name_id_set.clear()
    for name_id in NAME_IDS:
        wanted.name_id_set.add(name_id)
    wanted.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    subset = hb.subset(face, wanted)
    if subset is None:
        raise OutputError(f"{path}: the font could not be subset")
    return woff(bytes(subset.blob.data))


def woff(sfnt: bytes) -> bytes:
    """An OpenType font wrapped as WOFF 1.0 (each table zlib-compressed when that is smaller)."""
    flavor, count = struct.unpack_from(">4sH", sfnt)
    records = sorted(struct.unpack_from(">4sLLL", sfnt, 12 + 16 * i) for i in range(count))
    offset = 44 + 20 * count
    directory, blocks = [], []
    for tag, checksum, start, length in records:
        data = sfnt[start : start + length]
        packed = zlib.compress(data, 6)
        stored = packed if len(packed) < length else data
        directory.append(struct.pack(">4sLLLL", tag, offset, len(stored), length, checksum))
        blocks.append(stored + b"\0" * (-len(stored) % 4))
        offset += len(blocks[-1])
    sfnt_size = 12 + 16 * count + sum(r[3] + (-r[3] % 4) for r in records)
    header = struct.pack(
        ">4s4sLHHLHHLLLLL", b"wOFF", flavor, offset, count, 0, sfnt_size, 1, 0, 0, 0, 0, 0, 0
    )
    return header + b"".join(directory) + b"".join(blocks)


def font_face(text: str) -> str:
    """A CSS @font-face rule with the subset covering ``text``, or "" without a font."""
    path = font_path()
    chars = "".join(sorted(c for c in set(text) if ord(c) > 0x2E7F))
    if path is None or not chars:
        return ""
    data = base64.b64encode(_subset(path, chars)).decode("ascii")
    return (
        f"@font-face {{ font-family: '{FAMILY}'; font-display: block; "
        f"src: url(data:font/woff;base64,{data}) format('woff'); }}"
    )
