"""Gold and predicted items of one article, as the scorer compares them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

BIG_LEVELS = frozenset({"province", "prefecture", "county"})


class Category(StrEnum):
    PLACES = "places"
    LOCAL_PLACES = "local_places"  # recall only
    PROGRAMS = "programs"
    DOCUMENTS = "documents"
    METRICS = "metrics"


class Attribute(StrEnum):
    FOCAL = "focal"
    PROGRAM_PLACE = "program_place"
    DOCUMENT_KIND = "document_kind"
    METRIC_PLACE = "metric_place"
    METRIC_YEAR = "metric_year"
    METRIC_MEASURE = "metric_measure"


class IssueKind(StrEnum):
    MISS = "miss"
    FALSE_POSITIVE = "false positive"
    WRONG = "wrong attribute"


@dataclass(frozen=True)
class GoldPlace:
    name: str
    level: str
    optional: bool = False

    @property
    def local(self) -> bool:
        """Below county level (township, village, community)."""
        return self.level not in BIG_LEVELS


@dataclass(frozen=True)
class GoldProgram:
    name: str
    head: str | None = None
    place: str | None = None
    optional: bool = False
    evidence: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    title: str
    kind: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldMetric:
    span: str
    value: float
    unit: str | None = None
    what: str | None = None
    place: str | None = None
    year: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldDoc:
    """The gold annotation of one article (eval/SCHEMA.md)."""

    doc: str
    focal_places: tuple[str, ...] = ()
    places: tuple[GoldPlace, ...] = ()
    programs: tuple[GoldProgram, ...] = ()
    documents: tuple[GoldDocument, ...] = ()
    metrics: tuple[GoldMetric, ...] = ()


@dataclass(frozen=True)
class PredPlace:
    name: str


@dataclass(frozen=True)
class PredProgram:
    name: str
    places: tuple[str, ...] = ()  # labels of the implementing places


@dataclass(frozen=True)
class PredDocument:
    title: str
    kind: str  # "policy" or "other"


@dataclass(frozen=True)
class PredMetric:
    value: float | None
    unit: str | None = None
    place: str | None = None
    year: str | None = None
    measure: str | None = None
    text: str | None = None  # the span as written, for reports

    def describe(self) -> str:
        """The span as written, else value and unit."""
        if self.text:
            return self.text
        value = "?" if self.value is None else f"{self.value:g}"
        return f"{value}{self.unit or ''}"


@dataclass(frozen=True)
class PredDoc:
    """What a graph says about one article, in document order where known."""

    focal_places: tuple[str, ...] = ()
    places: tuple[PredPlace, ...] = ()
    programs: tuple[PredProgram, ...] = ()
    documents: tuple[PredDocument, ...] = ()
    metrics: tuple[PredMetric, ...] = ()
