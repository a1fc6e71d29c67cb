"""Data for the page's views: tables, diffusion, timeline, map, article reader and search.

Every row refers to nodes by their page id (the index the graph view uses), so a row,
a map point or a highlighted span opens the same node in every view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pypinyin import Style
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin
from rdflib import SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from orggraph.outputs.html.project import label_of, name_of
from orggraph.rdf.index import TripleIndex, index_of
from orggraph.rdf.namespace import GEO, OG
from orggraph.rdf.view import view_of
from orggraph.resources.script import to_traditional
from orggraph.resources.tables import words

#: First year a place runs a program, where the graph states it (programs-and-time work).
SINCE = OG._NS["since"]


@lru_cache(maxsize=1)
def _year_pattern() -> re.Pattern[str]:
    """A stated year ("2019" + the year mark of the time_words table)."""
    mark = re.escape(words("time_words", role="year_mark")[0])
    return re.compile(rf"(?<![\d.])((?:19|20)\d\d)\s*{mark}")


@dataclass(frozen=True)
class Evidence:
    """One evidence node, flattened."""

    about: URIRef
    article: URIRef
    start: int
    end: int
    mention: tuple[int, int]
    quote: str
    relation: URIRef | None
    target: URIRef | None
    since: str


def _int(value: object, default: int = -1) -> int:
    """An integer literal's value; ``default`` when missing or ill-typed ("abc", "1e400")."""
    try:
        return int(str(value)) if isinstance(value, Literal) else default
    except ValueError:
        return default


def _evidence(graph: Graph | TripleIndex) -> list[Evidence]:
    found = []
    index = index_of(graph)
    for rows in view_of(graph).evidence_about().values():
        for row in rows:
            if not isinstance(row.about, URIRef) or not isinstance(row.article, URIRef):
                continue
            start, end = row.start, row.end
            mention_start = start if row.mention_start is None else row.mention_start
            found.append(
                Evidence(
                    about=row.about,
                    article=row.article,
                    start=start,
                    end=end,
                    mention=(mention_start, end if row.mention_end is None else row.mention_end),
                    quote=row.quote,
                    relation=row.relation if isinstance(row.relation, URIRef) else None,
                    target=row.target if isinstance(row.target, URIRef) else None,
                    since=str(index.value(row.node, SINCE) or ""),
                )
            )
    found.sort(key=_order)
    return found


def _order(e: Evidence) -> tuple[str, int, int, str, str, str, tuple[int, int], str, str]:
    """Every field: evidence read from an index in any order comes out in one order."""
    about, relation, target = str(e.about), str(e.relation), str(e.target)
    return (str(e.article), e.start, e.end, about, relation, target, e.mention, e.since, e.quote)


def _typed(index: TripleIndex, cls: URIRef) -> list[URIRef]:
    """The IRIs of type ``cls``, sorted."""
    return sorted((s for s in index.instances(cls) if isinstance(s, URIRef)), key=str)


def _year(value: object) -> str:
    return str(value)[:4] if value is not None else ""


def _number(value: object) -> float | int | None:
    if not isinstance(value, Literal):
        return None
    number = value.toPython()
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else float(number)
    return number if isinstance(number, int | float) else None


class _Views:
    def __init__(self, graph: Graph | TripleIndex, ids: Mapping[URIRef, int]) -> None:
        self.g = graph
        self.x = x = index_of(graph)
        self.ids = ids
        self.evidence = _evidence(graph)
        self.by_about: dict[URIRef, list[Evidence]] = {}
        self.by_article: dict[URIRef, list[Evidence]] = {}
        for ev in self.evidence:
            self.by_about.setdefault(ev.about, []).append(ev)
            self.by_article.setdefault(ev.article, []).append(ev)
        self.issued = {a: _year(x.value(a, DCTERMS.issued)) for a in x.instances(OG.Article)}

    def id(self, node: object) -> int:
        return self.ids.get(node, -1) if isinstance(node, URIRef) else -1

    def cite(self, ev: Evidence) -> dict[str, Any]:
        return {"article": self.id(ev.article), "start": ev.start, "end": ev.end, "quote": ev.quote}

    def metrics(self) -> list[dict[str, Any]]:
        x, rows = self.x, []
        first = {e.about: e for e in self.evidence if e.relation is None}
        for node in _typed(x, OG.Metric):
            if node not in self.ids or node not in first:
                continue
            ev = first[node]
            year = _year(x.value(node, OG.year))
            rows.append(
                {
                    "id": self.id(node),
                    "place": self.id(x.value(node, OG.place)),
                    "year": year,
                    "year_source": "stated" if year else "",
                    "issued": self.issued.get(ev.article, ""),
                    "measure": str(x.value(node, OG.measure) or ""),
                    "value": _number(x.value(node, OG.value)),
                    "unit": str(x.value(node, OG.unit) or ""),
                    "program": self.id(x.value(node, OG.program)),
                    "approximate": bool(_number(x.value(node, OG.approximate))),
                    "change": bool(_number(x.value(node, OG.change))),
                    **self.cite(ev),
                }
            )
        return rows

    def links(self) -> list[dict[str, Any]]:
        """Program × place: the first year each place is stated to run it, with its sentence."""
        best: dict[tuple[URIRef, URIRef], tuple[tuple[str, str, int], Evidence]] = {}
        for ev in self.evidence:
            if ev.relation != OG.implementedBy or ev.target is None:
                continue
            year = self._first_year(ev)[0]
            rank = (year or "9999", str(ev.article), ev.start)
            key = (ev.about, ev.target)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, ev)
        rows = []
        for (program, place), (rank, ev) in sorted(best.items()):
            kind = self.x.value(program, OG.kind)
            year = "" if rank[0] == "9999" else rank[0]
            rows.append(
                {
                    "program": self.id(program),
                    "place": self.id(place),
                    "kind": str(kind).rsplit("#", 1)[-1] if kind else "",
                    "kind_name": name_of(self.g, kind) if isinstance(kind, URIRef) else "",
                    "year": year,
                    "year_source": self._first_year(ev)[1] if year else "",
                    **self.cite(ev),
                }
            )
        return rows

    def _first_year(self, ev: Evidence) -> tuple[str, str]:
        if ev.since:
            return _year(ev.since), "stated"
        years = _year_pattern().findall(ev.quote)
        if years:
            return min(years), "sentence"
        issued = self.issued.get(ev.article, "")
        return issued, "article date" if issued else ""

    def documents(self) -> list[dict[str, Any]]:
        x, rows = self.x, []
        for node in _typed(x, OG.Document):
            if node not in self.ids:
                continue
            mentions = [e for e in self.by_about.get(node, ()) if e.relation is None]
            years = [self.issued.get(e.article) for e in mentions]
            cited = self.cite(mentions[0]) if mentions else {"article": -1, "quote": ""}
            cited.update(start=cited.get("start", -1), end=cited.get("end", -1))
            rows.append(
                {
                    "id": self.id(node),
                    "issuers": sorted(self.id(p) for p in x.objects(node, OG.issuedBy)),
                    "year": min((y for y in years if y), default=""),
                    "mentions": len(mentions),
                    **cited,
                }
            )
        return rows

    def places(self) -> list[dict[str, Any]]:
        rows = []
        for node in _typed(self.x, OG.Place):
            lat, lon = _number(self.x.value(node, GEO.lat)), _number(self.x.value(node, GEO.long))
            if node in self.ids and lat is not None and lon is not None:
                rows.append({"id": self.id(node), "lon": lon, "lat": lat})
        return rows

    def articles(self, texts: Mapping[str, str]) -> list[dict[str, Any]]:
        x, rows = self.x, []
        spans: dict[URIRef, set[tuple[int, int, int]]] = {}
        for ev in self.evidence:
            if ev.relation is None and ev.about in self.ids:
                spans.setdefault(ev.article, set()).add((*ev.mention, self.id(ev.about)))
        for node in _typed(x, OG.Article):
            sha = str(x.value(node, OG.sha256) or "")
            rows.append(
                {
                    "id": self.id(node),
                    "title": str(x.value(node, DCTERMS.title) or ""),
                    "issued": str(x.value(node, DCTERMS.issued) or ""),
                    "file": str(x.value(node, OG.sourceFile) or ""),
                    "text_file": str(x.value(node, OG.textFile) or x.value(node, OG.sourceFile)),
                    "url": str(x.value(node, DCTERMS.source) or ""),
                    "text": texts.get(sha),
                    "sentences": self._sentences(node) if sha not in texts else [],
                    "spans": sorted(spans.get(node, ())),
                }
            )
        return rows

    def _sentences(self, article: URIRef) -> list[list[Any]]:
        """Without the article's text, the sentences evidence quotes, in order."""
        seen = {(e.start, e.quote) for e in self.by_article.get(article, ())}
        return [[start, quote] for start, quote in sorted(seen)]

    def search_terms(self) -> list[str]:
        """Per page id: the words search matches besides the label (traditional, pinyin, …)."""
        out = [""] * len(self.ids)
        years: dict[URIRef, set[str]] = {}
        for node in _typed(self.x, OG.Metric):
            years.setdefault(node, set()).add(_year(self.x.value(node, OG.year)))
        for ev in self.evidence:
            years.setdefault(ev.about, set()).add(self.issued.get(ev.article, ""))
        for node, i in self.ids.items():
            words = sorted(str(v) for v in self.x.objects(node, SKOS.altLabel))
            words += sorted(str(v) for v in self.x.objects(node, OG.adcode))
            words += sorted(y for y in years.get(node, ()) if y)
            words += sorted(str(v) for v in self.x.objects(node, SKOS.prefLabel))
            words += sorted(str(v) for v in self.x.objects(node, DCTERMS.title))
            out[i] = " ".join(words)
        return out


def traditional_of(labels: list[str]) -> list[str]:
    """Each label in traditional characters (OpenCC s2t), so 懷仁 finds 怀仁市."""
    if not labels or any("\n" in label for label in labels):
        return [to_traditional(label) for label in labels]
    return to_traditional("\n".join(labels)).split("\n")  # one call: OpenCC keeps lines apart


class _Remembered(UltimateConverter):  # type: ignore[misc]
    """``lazy_pinyin``'s converter, converting each segmented word once."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[tuple[Any, ...], list[list[str]]] = {}

    def convert(
        self,
        words: str,
        style: Style,
        heteronym: bool,
        errors: Callable[[str], str] | str,
        strict: bool = True,
        **kwargs: Any,
    ) -> list[list[str]]:
        key = (words, style, heteronym, errors, strict)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = super().convert(words, style, heteronym, errors, strict)
        return [list(item) for item in found]


def pinyin_of(labels: list[str]) -> list[str]:
    """Toneless pinyin of each label, joined and spaced ("huai hua shi huaihuashi")."""
    converter = Pinyin(_Remembered())  # labels share words: 社区, 党支部, 工程 …
    out = []
    for label in labels:
        syllables = converter.lazy_pinyin(label, style=Style.NORMAL, errors="ignore")
        out.append(" ".join(syllables) + " " + "".join(syllables) if syllables else "")
    return out


def view_data(
    graph: Graph | TripleIndex, ids: Mapping[URIRef, int], texts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything the table, diffusion, timeline, map and reader views show."""
    views = _Views(graph, ids)
    labels = [""] * len(ids)
    names = view_of(graph)
    for node, i in ids.items():
        labels[i] = label_of(names, node)
    terms = views.search_terms()
    words = zip(terms, traditional_of(labels), pinyin_of(labels), strict=True)
    return {
        "metrics": views.metrics(),
        "links": views.links(),
        "documents": views.documents(),
        "places": views.places(),
        "articles": views.articles(texts or {}),
        "terms": [" ".join(w) for w in words],
    }
