"""Words the segmenter must keep whole: place names and program head nouns."""

from __future__ import annotations

from functools import cache


@cache
def user_words() -> tuple[str, ...]:
    """Words added to the private jieba dictionary, loaded once per process."""
    return ()
