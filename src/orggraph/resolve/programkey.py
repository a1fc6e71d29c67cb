"""Identity of a program across articles: one key per program, whatever its spelling.

The same program may be written with or without quotes, with or without its head noun
(“五个一百”工程 / 五个一百工程 / “五个一百”), in traditional characters, full width or with
punctuation inside its name; all of these share one key. The key keeps every character that
tells programs apart, so 党史学习教育 and 党纪学习教育 stay two programs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from orggraph.records import ProgramKind
from orggraph.resources.script import to_simplified
from orggraph.resources.tables import table

# quotes, brackets, separators and spaces: never part of what identifies a program
_DROP = re.compile(r"[\s“”\"'‘’「」『』《》〈〉【】·•・、,，:：;；.。!！?？\-—_()（）]")


# a core of this many characters or fewer keeps its head noun in the key
SHORT_CORE = 2


@dataclass(frozen=True)
class Head:
    """A head noun that ends a program name and the kind of program it implies."""

    word: str
    kind: ProgramKind
    unquoted: bool  # may end an unquoted name, not only a quoted one


@cache
def program_heads() -> tuple[Head, ...]:
    """Head nouns from ``data/program_heads.tsv``, longest first."""
    heads = [
        Head(row["word"], ProgramKind(row["kind"]), row["scope"] == "any")
        for row in table("program_heads")
    ]
    return tuple(sorted(heads, key=lambda h: (-len(h.word), h.word)))


def head_at_end(text: str, unquoted_only: bool = False) -> Head | None:
    """The longest head noun ``text`` ends with, if any."""
    for head in program_heads():
        if text.endswith(head.word) and (head.unquoted or not unquoted_only):
            return head
    return None


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = to_simplified(folded)
    return _DROP.sub("", folded).lower()


@cache
def _aliases() -> dict[str, str]:
    """Folded long official name → folded short name (``data/program_aliases.tsv``)."""
    return {_fold(r["alias"]): _fold(r["canonical"]) for r in table("program_aliases")}


def program_key(name: str, head: str | None = None) -> str:
    """The merge key of a program: its simplified, width-folded core name without its head noun.

    The longest known head noun ending the name (given apart as ``head`` or not) is dropped, so
    a program written with or without its head noun gets one key; a name that is nothing but
    a head noun keeps it, and so does a name whose core is a two-character modifier (红色驿站
    and 红色议事厅 are two programs: a short core such as a colour or 共富 names a family of
    places of service, not one program).
    """
    core = _fold(name)
    folded_head = _fold(head) if head else ""
    full = core if not folded_head or core.endswith(folded_head) else core + folded_head
    if full in _aliases():
        core, folded_head = _aliases()[full], ""
    if folded_head and not core.endswith(folded_head):
        core += folded_head
    found = head_at_end(core)
    word = found.word if found else folded_head
    if word and len(core) - len(word) > SHORT_CORE:
        core = core[: -len(word)]
    return core


def program_label(name: str, head: str | None) -> str:
    """The name as a reader would write it in full: the core name followed by its head noun."""
    if not head or name.endswith(head):
        return name
    return name + head
