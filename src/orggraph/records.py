"""Plain, frozen records shared by every stage after reading.

Offsets are character offsets into ``SourceText.text`` (the normalized text);
``SourceText.offsets`` maps each of them back to the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum


class PlaceLevel(StrEnum):
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"
    COMMUNITY = "community"


class ProgramKind(StrEnum):
    CAMPAIGN = "campaign"
    PROJECT = "project"
    ACTION = "action"
    PLAN = "plan"
    MECHANISM = "mechanism"
    METHOD = "method"
    MODEL = "model"
    ACTIVITY = "activity"
    SYSTEM = "system"
    STRATEGY = "strategy"
    BRAND = "brand"
    OTHER = "other"


class DocumentKind(StrEnum):
    POLICY = "policy"
    PUBLICATION = "publication"
    WORK = "work"
    AGREEMENT = "agreement"
    OTHER = "other"


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata stated by the text itself."""

    title: str | None = None
    publisher: str | None = None
    issued: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY", as precise as stated
    creator: str | None = None
    url: str | None = None  # where the article was published (a JSONL ``url`` field)


@dataclass(frozen=True)
class SourceText:
    """One article as read and normalized.

    ``text`` is what extraction sees: simplified, pinyin removed, widths folded,
    boilerplate dropped, unrepairable garbled characters replaced one-for-one by
    U+FFFD. ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the index in
    ``original`` of ``text[i]``; the last entry is the end of the body in ``original``.
    """

    source_file: str  # file name as given to og:sourceFile ("000_x.txt", "a.jsonl#3")
    path: str  # path as the user gave it
    original: str  # decoded text exactly as written
    text: str
    offsets: tuple[int, ...]
    sha256: str  # of the original text, UTF-8
    encoding: str = "utf-8"
    traditional: bool = False
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    warnings: tuple[str, ...] = ()
    #: True when ``original`` was extracted from the file (HTML, PDF, DOCX, a JSONL field):
    #: the build then saves it as ``text/<sha256>.txt``, the file evidence offsets index.
    extracted: bool = False

    @property
    def text_file(self) -> str:
        """The file (relative to the output folder, or the input name) that offsets index."""
        return f"text/{self.sha256}.txt" if self.extracted else self.source_file

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``text`` to the same span of ``original``."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original text of a normalized span, as written."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the mention, its sentence, and the rule that found it."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    rule: str


@dataclass(frozen=True)
class Place:
    """A place: from the national gazetteer (with adcode) or found below/outside it."""

    key: str  # identity: the adcode, or "<parent key>/<name>" for places without one
    name: str  # full official name, simplified
    level: PlaceLevel
    adcode: str | None = None
    parent: str | None = None  # key of the containing place
    lon: float | None = None
    lat: float | None = None
    former_names: tuple[str, ...] = ()  # old names the texts call it by (怀仁县 for 怀仁市)


def merged_places(places: Iterable[Place]) -> tuple[Place, ...]:
    """One record per key, sorted by key, with the former names every copy was written with."""
    out: dict[str, Place] = {}
    for place in places:
        seen = out.get(place.key)
        if seen is None:
            out[place.key] = place
        elif not set(place.former_names) <= set(seen.former_names):
            names = tuple(sorted({*seen.former_names, *place.former_names}))
            out[place.key] = replace(seen, former_names=names)
    return tuple(out[k] for k in sorted(out))


@dataclass(frozen=True)
class PlaceMention:
    place: str  # Place.key
    surface: str  # as written in the normalized text
    evidence: Evidence


@dataclass(frozen=True)
class Section:
    """A stretch of the article reporting on its own place(s) (one city of a multi-city report)."""

    start: int
    end: int
    focus: tuple[str, ...]  # Place.key
    heading: str | None = None


@dataclass(frozen=True)
class ProgramMention:
    name: str  # core name without quotes: "四支队伍集村部"
    head: str | None  # head noun after the name: "工作机制"
    kind: ProgramKind
    place: str | None  # implementing Place.key
    evidence: Evidence
    part_of: str | None = None  # name of a larger program it belongs to
    governed_by: str | None = None  # title of a document that establishes it
    since: str | None = None  # the earliest year the article states for this place running it


@dataclass(frozen=True)
class DocumentMention:
    title: str  # without 《》
    kind: DocumentKind
    issuer: str | None  # Place.key
    evidence: Evidence


@dataclass(frozen=True)
class Metric:
    surface: str  # "3.6万余名", as in the normalized text
    value: Decimal  # 36000
    unit: str  # "名"
    approximate: bool
    evidence: Evidence
    measure: str | None = None  # what is counted, in the text's words
    place: str | None = None  # Place.key
    program: str | None = None  # ProgramMention.name
    year: str | None = None  # "2021", "2021-08"
    year_rule: str | None = None  # the rule that fixed the year (pipeline.years.Dating.rule)
    since: bool = False  # the figure runs from ``year`` to the present ("2019年以来")
    change: bool = False  # a change against a baseline, not a level
    share_of: str | None = None  # the whole a share or percent is of, when stated


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article: a pure function of its text and reference data."""

    source: SourceText
    places: tuple[Place, ...]  # every place referenced, with its parents up to the province
    place_mentions: tuple[PlaceMention, ...]
    sections: tuple[Section, ...]
    focus: tuple[str, ...]  # Place.key, the places the article reports on
    programs: tuple[ProgramMention, ...]
    documents: tuple[DocumentMention, ...]
    metrics: tuple[Metric, ...]
    warnings: tuple[str, ...] = ()  # from extraction; reading's own are on SourceText


#: Stands for the article where facts travel or are stored without it (the receiver has it
#: and puts it back): the build cache's entries, results from the extraction process.
NO_SOURCE = SourceText(source_file="", path="", original="", text="", offsets=(0,), sha256="")
