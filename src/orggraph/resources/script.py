"""The one traditional → simplified converter (OpenCC ``t2s``), built once per process."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with traditional characters converted to simplified ones (OpenCC ``t2s``)."""
    return str(_t2s().convert(text))
