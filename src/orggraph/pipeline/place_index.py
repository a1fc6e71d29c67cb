"""The gazetteer's names as one index, and the longest-first scan of a text against it.

Full names, short names (except those that are everyday words), nicknames and fixed group
abbreviations, the anaphors of ``place_words.tsv`` and former names of today's divisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from orggraph.pipeline.place_rules import in_person_name
from orggraph.pipeline.text import UNUSABLE
from orggraph.records import PlaceLevel
from orggraph.resources.formernames import by_name as former_names_by_name
from orggraph.resources.gazetteer import COMMON_SHORTS, Gazetteer
from orggraph.resources.tables import table

# words standing for the article's province or its capital (首府 in a report on a capital)
ANAPHORS = {row["word"]: row["value"] for row in table("place_words") if row["role"] == "anaphor"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    codes: tuple[str, ...]
    kind: str  # full | short | nickname | group | anaphor


class NameIndex:
    """Every name a place can be written with, mapped to its codes and the kind of name."""

    def __init__(self, gaz: Gazetteer, max_name: int) -> None:
        index: dict[str, tuple[tuple[str, ...], str]] = {}
        for short, codes in gaz.by_short.items():
            if short not in COMMON_SHORTS:
                index[short] = (codes, "short")
        for name, codes in gaz.by_name.items():
            index[name] = (codes, "full")
        for alias, nick in gaz.nicknames.items():
            index[alias] = (nick.places, "group" if nick.group else "nickname")
        for word in ANAPHORS:
            index[word] = ((), "anaphor")
        for name, rows in former_names_by_name().items():  # a former name: today's division
            codes = tuple(sorted({r.adcode for r in rows if r.adcode in gaz.places}))
            if len(codes) == 1 and name not in index:
                index[name] = (codes, "full")
        self.index = index
        self.gaz = gaz
        # short names that are everyday words (河南): a place only right before a division
        # inside it (河南新乡, 河南安阳市)
        self.common = {s: codes for s, codes in gaz.by_short.items() if s in COMMON_SHORTS}
        self.common_starts = {s[:2] for s in self.common}
        # 在京召开: a municipality's one-character abbreviation in the venue formula of a meeting
        self.one_char = {
            r["word"]: gaz.by_name[r["value"]]
            for r in table("place_words")
            if r["role"] == "one_char" and r["value"] in gaz.by_name
        }
        self.one_char_lead = frozenset(
            r["word"] for r in table("place_words") if r["role"] == "one_char_lead"
        )
        self.venues = tuple(r["word"] for r in table("place_words") if r["role"] == "venue")
        lengths: dict[str, set[int]] = {}
        for name in index:
            if 2 <= len(name) <= max_name:
                lengths.setdefault(name[:2], set()).add(len(name))
        # names by their first two characters: the lengths to try there, longest first
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def get(self, name: str) -> tuple[tuple[str, ...], str] | None:
        return self.index.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.index

    def entry_at(self, text: str, i: int) -> tuple[tuple[str, ...], str] | None:
        """The longest name starting at ``i``, if any."""
        for length in self.lengths.get(text[i : i + 2], ()):
            entry = self.index.get(text[i : i + length]) if i + length <= len(text) else None
            if entry and UNUSABLE not in text[i : i + length]:
                return entry
        return None

    def special_at(self, text: str, i: int) -> Hit | None:
        """A name the index alone does not hold: 河南 before 新乡, 京 in 在京召开."""
        if text[i : i + 2] in self.common_starts:
            return self.common_short(text, i)
        codes = self.one_char.get(text[i : i + 1])
        lead = i > 0 and text[i - 1] in self.one_char_lead
        if codes and lead and text.startswith(self.venues, i + 1):  # 在京召开: a meeting's venue
            return Hit(i, i + 1, codes, "group")
        return None

    def common_short(self, text: str, i: int) -> Hit | None:
        """河南 written right before 新乡: an everyday-word short name of a province or city
        followed directly by a division inside it names that province or city."""
        for length in (4, 3, 2):
            codes = self.common.get(text[i : i + length], ())
            after = self.entry_at(text, i + length) if codes else None
            if after is None:
                continue
            big = [
                c
                for c in codes
                if self.gaz.places[c].level in (PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE)
                and any(self.gaz.within(a, c) for a in after[0])
            ]
            if len(big) == 1:
                return Hit(i, i + length, (big[0],), "short")
        return None

    def scan(self, text: str) -> Iterator[Hit]:
        """Longest names at each position, left to right, never across garbled characters nor
        inside a person's name."""
        i, n = 0, len(text)
        lengths, index = self.lengths, self.index
        people: set[str] = set()  # 书记王遵义 … 王遵义说: a person's name, wherever it recurs
        while i < n:
            for length in lengths.get(text[i : i + 2], ()):  # longest first
                entry = index.get(text[i : i + length]) if i + length <= n else None
                if entry and UNUSABLE not in text[i : i + length]:
                    if entry[1] == "short" and in_person_name(text, i, i + length):
                        people.add(text[i - 1 : i + length])
                    elif entry[1] != "short" or text[max(0, i - 1) : i + length] not in people:
                        yield Hit(i, i + length, *entry)
                    i += length
                    break
            else:
                extra = self.special_at(text, i)
                if extra is not None:
                    yield extra
                i = extra.end if extra is not None else i + 1


def named_before(hit: Hit, mentions: list[tuple[int, int, str, str]]) -> str | None:
    """The place a full name stands for when the article linked it before: a county whose
    name is too short to link alone (泸县) but was written earlier with its parent (泸州市泸县)."""
    named = {m[2] for m in mentions} & set(hit.codes) if hit.kind == "full" else set()
    return named.pop() if len(named) == 1 else None


def county_area(gaz: Gazetteer, region: tuple[str, ...]) -> list[str]:
    """Where a county's short name may be linked: the region's prefecture, else the municipality
    (直辖市) that holds the region's county directly (万州 in a report on 重庆市万州区)."""
    levels = {k: gaz.places[k].level for k in region}
    area = [k for k in region if levels[k] == PlaceLevel.PREFECTURE]
    if not area and region and levels[region[0]] == PlaceLevel.COUNTY:
        parent = gaz.places[region[0]].parent
        area = [parent] if parent else []
    return area
