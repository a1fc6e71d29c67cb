"""Terms of the graph built from records: dates, decimals, kinds, original forms, measures."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from rdflib import SKOS, XSD, Literal, URIRef

from orggraph.rdf.namespace import ontology
from orggraph.records import ProgramKind, SourceText

_QUOTES = str.maketrans("", "", '“”"‘’「」『』《》')


@cache
def kind_concepts() -> dict[ProgramKind, URIRef]:
    """Each program kind's SKOS concept in the ontology (matched by ``skos:notation``)."""
    by_notation = {
        str(notation): concept
        for concept, notation in ontology().subject_objects(SKOS.notation)
        if isinstance(concept, URIRef)
    }
    return {kind: by_notation[kind.value] for kind in ProgramKind}


def time_literal(value: str) -> Literal:
    """A date as precise as stated: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def decimal_literal(value: Decimal) -> Literal:
    text = format(value.normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def original_form(source: SourceText, start: int, end: int) -> str:
    """The characters of the original that the normalized span derives from (no inserted pinyin)."""
    return "".join(source.original[source.offsets[i]] for i in range(start, end)).translate(_QUOTES)


def same_measure(a: str, b: str) -> bool:
    """One measure names the other: containment, or character-bigram Dice ≥ 0.5."""
    if a in b or b in a:
        return True
    pa, pb = {a[i : i + 2] for i in range(len(a) - 1)}, {b[i : i + 2] for i in range(len(b) - 1)}
    return bool(pa and pb) and 2 * len(pa & pb) / (len(pa) + len(pb)) >= 0.5
