"""Instance IRIs derived from identity (admin code, normalized name, content hash).

Entity IRIs are cached: the graph names the same place or program once per mention.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache
from urllib.parse import quote

from rdflib import URIRef

from orggraph.rdf.namespace import ID


def _segment(text: str) -> str:
    return quote(unicodedata.normalize("NFKC", text), safe="")


def digest(*parts: object, length: int = 16) -> str:
    """A short, stable hash of the parts."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@cache
def place_iri(key: str) -> URIRef:
    """``id/place/431200`` for coded places, ``id/place/431281/<name>`` for the others."""
    return ID["place/" + "/".join(_segment(part) for part in key.split("/"))]


@cache
def program_iri(key: str) -> URIRef:
    return ID["program/" + _segment(key)]


@cache
def implementation_iri(program_key: str, place_key: str) -> URIRef:
    """The link of one program to one implementing place (a query helper node)."""
    return ID["implementation/" + digest(program_key, place_key, length=24)]


@cache
def document_iri(key: str) -> URIRef:
    return ID["document/" + _segment(key)]


@cache
def article_iri(sha256: str) -> URIRef:
    return ID["article/" + sha256[:20]]


def section_iri(article_sha: str, start: int) -> URIRef:
    return ID[f"section/{article_sha[:20]}-{start}"]


def metric_iri(article_sha: str, start: int, end: int) -> URIRef:
    return ID[f"metric/{article_sha[:20]}-{start:07d}-{end:07d}"]


def evidence_iri(*parts: object) -> URIRef:
    return ID["evidence/" + digest(*parts, length=24)]


@cache
def unit_iri(unit: str) -> URIRef:
    return ID["unit/" + _segment(unit)]
