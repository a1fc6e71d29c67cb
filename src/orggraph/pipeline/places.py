"""Place mentions linked to the national gazetteer, with local places below county level.

Names are matched longest-first against full names, short names, nicknames and fixed
abbreviations; a short name must sit on jieba token boundaries. Ambiguous names are resolved by
a parent written just before them, else by the article's region (the place it names most),
else left unlinked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from orggraph.pipeline import local_places as locals_
from orggraph.pipeline import place_rules as rules
from orggraph.pipeline.place_index import ANAPHORS, Hit, NameIndex, county_area, named_before
from orggraph.pipeline.state import start_doc
from orggraph.pipeline.text import token_ends, token_starts
from orggraph.records import Evidence, Place, PlaceLevel, PlaceMention
from orggraph.resources.formernames import labelled
from orggraph.resources.gazetteer import LOCAL_SUFFIXES, Gazetteer, load_gazetteer

MAX_NAME = 12
RUN_REACH = 6.0  # degrees: cities of an abbreviation run lie near the article's place


@dataclass
class Found:
    """Mentions of one article, built in text order."""

    mentions: list[tuple[int, int, str, str]]  # start, end, key, rule
    places: dict[str, Place]


class PlaceFinder:
    """The ``og_places`` component: holds the gazetteer's name index."""

    def __init__(
        self,
        gazetteer: Callable[[], Gazetteer] = load_gazetteer,
        max_name: int = MAX_NAME,
        run_reach: float = RUN_REACH,
    ) -> None:
        self.load_gazetteer = gazetteer
        self.max_name = max_name
        self.run_reach = run_reach
        self.index: NameIndex | None = None

    def initialize(self, get_examples: object = None, *, nlp: object = None) -> None:
        """Load the gazetteer through its registered loader and index its names."""
        self.gaz: Gazetteer = self.load_gazetteer()
        self.index = NameIndex(self.gaz, self.max_name)

    def __call__(self, doc: Doc) -> Doc:
        start_doc(doc)
        text = doc.text
        starts, ends = token_starts(doc), token_ends(doc)
        hits = list(self.scan(text))
        region = self.region(text, hits)
        found = Found([], {})
        self.link(text, hits, region, starts, ends, found)
        self.add_locals(text, region, found)
        self.add_runs(text, region, found)
        self.emit(doc, found)
        return doc

    def scan(self, text: str) -> Iterator[Hit]:
        """Longest names at each position, left to right, never across garbled characters."""
        if self.index is None:  # first use without nlp.initialize()
            self.initialize()
        assert self.index is not None
        return self.index.scan(text)

    def region(self, text: str, hits: list[Hit]) -> tuple[str, ...]:
        """The article's main place and its ancestors: the unambiguous name it uses most."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for hit in hits:
            if len(hit.codes) == 1 and hit.kind in ("full", "short") and self.countable(text, hit):
                place = self.gaz.places[hit.codes[0]]
                if hit.kind == "full" or place.level != PlaceLevel.COUNTY:
                    counts[place.key] += 1
                    first.setdefault(place.key, hit.start)
        if not counts:
            return ()
        top = min(counts, key=lambda k: (-counts[k], first[k]))
        return tuple(p.key for p in self.gaz.chain(top))

    def countable(self, text: str, hit: Hit) -> bool:
        """Whether the name is a mention of the place rather than part of another name."""
        return not rules.is_institution(text, hit.end) and not rules.has_org_prefix(text, hit.start)

    def link(
        self,
        text: str,
        hits: list[Hit],
        region: tuple[str, ...],
        starts: set[int],
        ends: set[int],
        found: Found,
    ) -> None:
        """Resolve every hit in text order; a place written just before is its parent context."""
        prev_end, prev_key = -1, None
        skip_until = -1
        for hit in hits:
            if hit.start < skip_until:
                continue
            parent = prev_key if hit.start == prev_end else None
            key = self.resolve(text, hit, parent, region, starts, ends)
            key = key or named_before(hit, found.mentions)
            if key is None:
                continue
            zone = locals_.zone_after(text, hit.start, hit.end, self.gaz.places[key])
            if zone is not None and self.countable(text, hit):
                self.add_local(found, zone.place)
                found.mentions.append((zone.start, zone.end, zone.place.key, "places.zone"))
                found.mentions.append((hit.start, hit.end, key, f"places.{hit.kind}"))
                prev_end, prev_key, skip_until = zone.end, None, zone.end
                continue
            town = locals_.named_after_county(text, hit.start, hit.end, self.gaz.places[key])
            if town is not None and hit.kind == "short":
                self.add_local(found, town.place)
                found.mentions.append((town.start, town.end, town.place.key, "places.town"))
                end = self.chain_locals(text, town.end, town.place, found, True)
                prev_end, prev_key, skip_until = end, None, end
                continue
            countable = self.countable(text, hit)
            keys = self.expand(text, hit, key)
            rule = "places.in_parent" if parent else f"places.{hit.kind}"
            for k in keys:
                self.add(found, k)
                if countable:
                    found.mentions.append((hit.start, hit.end, k, rule))
            prev_end, prev_key = hit.end, keys[-1]
            if any(h.start == hit.end and self.divides(text, h) for h in hits):
                continue  # another division follows: <city>|<county>
            end = self.chain_locals(text, hit.end, self.gaz.places.get(prev_key), found, countable)
            if end > hit.end:
                skip_until = end

    def divides(self, text: str, hit: Hit) -> bool:
        """Whether a hit is a division of its own, not the stem of a local name (X新区, X镇)."""
        if hit.kind != "short" or not locals_.any_suffix(text, hit.end):
            return True
        levels = {self.gaz.places[c].level for c in hit.codes}
        return bool(levels & {PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE})

    def resolve(
        self,
        text: str,
        hit: Hit,
        parent: str | None,
        region: tuple[str, ...],
        starts: set[int],
        ends: set[int],
    ) -> str | None:
        """The adcode a hit stands for, or None when it is no mention or stays ambiguous."""
        if hit.kind == "anaphor":
            return self.capital(text, hit, region)
        if hit.kind == "group":
            return hit.codes[0]
        if hit.kind == "nickname":
            ok = region and self.gaz.within(hit.codes[0], region[-1])
            return hit.codes[0] if ok and hit.start in starts else None
        codes = list(hit.codes)
        if parent:
            if parent in codes:  # apposition: 省会长沙
                return parent
            inside = [c for c in codes if self.gaz.within(c, parent)]
            if len(inside) == 1:
                return inside[0]
        if hit.kind == "short" and (hit.start not in starts or hit.end not in ends):
            return None
        if hit.kind == "short" or len(self.gaz.places[codes[0]].name) <= 2:
            codes = self.plausible_shorts(codes, region)
        else:
            codes = [c for c in codes if not self.generic_county(c, region)]
        if len(codes) > 1:
            codes = [c for c in codes if any(self.gaz.within(c, r) for r in region)] or []
        return codes[0] if len(codes) == 1 else None

    def plausible_shorts(self, codes: list[str], region: tuple[str, ...]) -> list[str]:
        """Provinces first, then prefectures; a county only inside the article's prefecture
        (or the municipality holding its county)."""
        places = [self.gaz.places[c] for c in codes]
        for level in (PlaceLevel.PROVINCE, PlaceLevel.PREFECTURE):
            same = [p.key for p in places if p.level == level]
            if same:
                return same
        area = county_area(self.gaz, region)
        return [
            p.key
            for p in places
            if area
            and self.gaz.within(p.key, area[0])
            and not rules.is_common_word(self.gaz.short(p.key))
        ]

    def generic_county(self, code: str, region: tuple[str, ...]) -> bool:
        """A county named outside the article's province whose stem is an ordinary word."""
        place = self.gaz.places[code]
        if place.level != PlaceLevel.COUNTY or (region and self.gaz.within(code, region[-1])):
            return False
        return rules.generic(self.gaz.short(code) or place.name[:-1])

    def capital(self, text: str, hit: Hit, region: tuple[str, ...]) -> str | None:
        """首府 / 省会 / 自治区: the article's province or its capital, if of the right kind."""
        if not region:
            return None
        province = self.gaz.places[region[-1]]
        word = text[hit.start : hit.end]
        kind = ANAPHORS[word]
        if province.name.endswith(_AUTONOMOUS) != kind.startswith("autonomous-"):
            return None
        if kind.endswith("province"):
            return province.key
        capital = self.gaz.capital_of(province.key)
        return capital.key if capital else None

    def expand(self, text: str, hit: Hit, key: str) -> list[str]:
        """A group abbreviation stands for several places; anything else for one."""
        return list(hit.codes) if hit.kind == "group" else [key]

    def chain_locals(
        self, text: str, pos: int, parent: Place | None, found: Found, countable: bool
    ) -> int:
        """Local places written right after their parent: <city>X镇Y村. Returns the end."""
        while parent is not None:
            local = locals_.after_parent(text, pos, parent)
            if local is None:
                break
            self.add_local(found, local.place)
            if countable:
                rule = "places.after_parent" if local.linked else "places.after_parent_unlinked"
                found.mentions.append((local.start, local.end, local.place.key, rule))
            parent, pos = local.place, local.end
        return pos

    def add_local(self, found: Found, place: Place) -> None:
        """A local place and all places above it."""
        for p in locals_.ancestors(place, self.gaz):
            found.places.setdefault(p.key, p)

    def context(self, found: Found, region: tuple[str, ...]) -> list[str]:
        """The counties whose towns and villages the article may name: those it names, else
        those of the prefecture it is about."""
        counties = [
            p.key for p in found.places.values() if p.adcode and p.level == PlaceLevel.COUNTY
        ]
        if counties or not region:
            return counties
        top = self.gaz.places[region[0]]
        if top.level != PlaceLevel.PREFECTURE:
            return []
        return [k for k, p in self.gaz.places.items() if p.parent == top.key]

    def add_locals(self, text: str, region: tuple[str, ...], found: Found) -> None:
        """Towns and villages of the context; listed or vouched names attached to the host."""
        counties = self.context(found, region)
        host = self.host(region, found)
        listed = list(rules.listed_locals(text))
        found.mentions = [
            m for m in found.mentions if not any(n.start <= m[0] < n.end for n in listed)
        ]
        taken = [(s, e) for s, e, _, _ in found.mentions]
        towns = [k for k, p in found.places.items() if p.level == PlaceLevel.TOWNSHIP]
        for item in listed:
            place = locals_.pick(locals_.lookup(item.name, counties), towns)
            if place is None and host is not None:
                place = locals_.unlinked(host, item.name)
            if place is not None:
                self.add_local(found, place)
                found.mentions.append((item.start, item.end, place.key, "places.listed"))
                taken.append((item.start, item.end))
        for local in locals_.in_context(text, counties, towns, taken):
            self.add_local(found, local.place)
            found.mentions.append((local.start, local.end, local.place.key, "places.in_context"))
            taken.append((local.start, local.end))
        if host is not None:
            for start, end, name in locals_.vouched(text, taken):
                place = locals_.unlinked(host, name)
                self.add_local(found, place)
                found.mentions.append((start, end, place.key, "places.vouched"))
                taken.append((start, end))
        known = {p.name: p for p in found.places.values() if p.adcode is None}
        for name, place in known.items():  # later bare mentions of a local place
            for pos in _occurrences(text, name):
                if not any(s <= pos < e for s, e in taken):
                    found.mentions.append((pos, pos + len(name), place.key, "places.local"))
                    taken.append((pos, pos + len(name)))
        self.prefer_local(found)

    def prefer_local(self, found: Found) -> None:
        """A county named by the stem of the article's own new district means that district."""
        stems = {
            p.name.removesuffix(suffix): p.key
            for p in found.places.values()
            if p.adcode is None and p.level == PlaceLevel.COUNTY
            for suffix, level in LOCAL_SUFFIXES.items()
            if level == PlaceLevel.COUNTY
            if p.name.endswith(suffix)
        }
        for i, (start, end, key, rule) in enumerate(found.mentions):
            place = found.places.get(key)
            if place and place.adcode and rule != "places.in_parent":
                local = stems.get(self.gaz.short(key))
                if local:
                    found.mentions[i] = (start, end, local, rule)

    def add_runs(self, text: str, region: tuple[str, ...], found: Found) -> None:
        """呼包鄂榆乌五市: each character is the first of a city nearest the article's place."""
        if not region:
            return
        for start, run in rules.abbreviation_runs(text):
            keys = [self.nearest_city(char, region[0]) for char in run]
            if all(keys) and len(set(keys)) == len(keys):
                for i, key in enumerate(keys):
                    assert key is not None
                    self.add(found, key)
                    found.mentions.append((start + i, start + i + 1, key, "places.run"))

    def nearest_city(self, char: str, anchor: str) -> str | None:
        """The prefecture-level city starting with ``char`` nearest to ``anchor``, within reach."""
        cities = [
            p.key
            for p in self.gaz.places.values()
            if p.level == PlaceLevel.PREFECTURE and p.name.startswith(char)
        ]
        best = min(cities, key=lambda k: (self.gaz.distance(k, anchor), k), default=None)
        return best if best and self.gaz.distance(best, anchor) <= self.run_reach else None

    def host(self, region: tuple[str, ...], found: Found) -> Place | None:
        """The place local names attach to: a county-level local place if the article has one."""
        counties = [p for p in found.places.values() if p.level == PlaceLevel.COUNTY]
        for group in ([p for p in counties if p.adcode is None], counties):
            if len(group) == 1:
                return group[0]
        return self.gaz.places[region[0]] if region else None

    def add(self, found: Found, key: str) -> None:
        for place in self.gaz.chain(key):
            found.places.setdefault(place.key, place)

    def emit(self, doc: Doc, found: Found) -> None:
        """Write places and mentions to the Doc, mentions in text order."""
        sentences = doc._.og_sentences
        doc._.og_places.update(found.places)
        for start, end, key, rule in sorted(found.mentions):
            if key not in found.places:
                continue
            s, e = sentences.around(start) if sentences else (0, len(doc.text))
            ev = Evidence(start, end, s, e, rule)
            doc._.og_place_mentions.append(PlaceMention(key, doc.text[start:end], ev))
            doc._.og_places[key] = labelled(doc._.og_places[key], doc.text[start:end])


# the suffix of an autonomous region's name is its own anaphor (自治区 standing for the region)
_AUTONOMOUS = next(w for w, v in ANAPHORS.items() if v == "autonomous-province")


def _occurrences(text: str, word: str) -> Iterator[int]:
    pos = text.find(word)
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + len(word))


@registry.misc("orggraph.gazetteer.v1")
def gazetteer_loader() -> Callable[[], Gazetteer]:
    """The national gazetteer (divisions, short names, nicknames), loaded once per process."""
    return load_gazetteer


@Language.factory(
    "og_places",
    assigns=["doc._.og_places", "doc._.og_place_mentions"],
    requires=["doc._.og_sentences"],
    default_config={
        "gazetteer": {"@misc": "orggraph.gazetteer.v1"},
        "max_name": MAX_NAME,
        "run_reach": RUN_REACH,
    },
)
def make_place_finder(
    nlp: Language,
    name: str,
    gazetteer: Callable[[], Gazetteer],
    max_name: int,
    run_reach: float,
) -> PlaceFinder:
    """Factory of the ``og_places`` component: names up to ``max_name`` characters; an
    abbreviation run's cities lie within ``run_reach`` degrees of the article's place."""
    return PlaceFinder(gazetteer, max_name, run_reach)
