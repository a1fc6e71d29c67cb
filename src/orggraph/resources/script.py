"""The one home of OpenCC: script conversion between simplified and traditional characters.

Each converter is built once per process: ``t2s`` for reading (normalization, program keys,
look-ups), ``s2t`` for the page's search (so 懷仁 finds 怀仁市).
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """``text`` with traditional characters converted to simplified ones (OpenCC ``t2s``)."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """``text`` with simplified characters converted to traditional ones (OpenCC ``s2t``)."""
    return str(_converter("s2t").convert(text))
