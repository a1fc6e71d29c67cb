"""Metrics: every stated quantity (number + unit, classifier or %) as a typed observation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from orggraph.pipeline.attribution import place_at
from orggraph.pipeline.figure_names import names_local_place
from orggraph.pipeline.measures import (
    RATE_NOUNS,
    Context,
    MeasureFinder,
    ends_in_done_verb,
    is_change,
    is_share,
    names_age,
    opens_from_to,
    pos_tagger,
    share_whole,
)
from orggraph.pipeline.numbers import NUMERAL
from orggraph.pipeline.quantities import alternation, find_quantities, one, ordered
from orggraph.pipeline.ranges import Quantity, low_end
from orggraph.pipeline.state import start_doc
from orggraph.pipeline.text import covering, single_char_tokens
from orggraph.pipeline.years import YearFinder, forget_years, year_finder
from orggraph.records import Evidence, Metric
from orggraph.resources.units import UnitKind, unit_info

SHARE_VERB = one("share_verb")
SHARE_SUFFIX = one("share_suffix")
ATTRIBUTIVE = one("attributive")
LIST_END = one("list_end")
PROTECTED_QUOTE = re.compile(
    r"“[^“”。]{1,30}”|‘[^‘’。]{1,30}’|\"[^\"。\n]{1,30}\"|《[^《》\n]*》|〈[^〈〉\n]*〉|「[^「」\n]{1,30}」"
)
NAME_SPAN_LIMIT = 40
NAME_NUMERAL = re.compile(rf"(?:{NUMERAL})\S")
# Amounts and ratios are named by the phrase before them ("筹措资金2.93亿元保障…"),
# counts by the noun after them ("5574名领导干部").
INDICATOR_KINDS = frozenset({UnitKind.MONEY, UnitKind.PERCENT, UnitKind.MULTIPLE})
# A figure ending in these is a bracket ("35岁以下") that can be the subject of a share after it.
BRACKETS = ordered("bracket")
LIST_OR_CLAUSE = re.compile(r"[、,，;；。]")


class MetricFinder:
    """Finds quantities and reads their measure, year, place, program and share from context."""

    def __init__(self, tagger: Callable[[], Any] = pos_tagger) -> None:
        self.load_tagger = tagger
        self._measures: MeasureFinder | None = None

    def initialize(self, get_examples: object = None, *, nlp: object = None) -> None:
        """Load the part-of-speech tagger through its registered loader."""
        self._measures = MeasureFinder(self.load_tagger())

    @property
    def measures(self) -> MeasureFinder:
        if self._measures is None:
            self.initialize()
        assert self._measures is not None
        return self._measures

    def __call__(self, doc: Doc) -> Doc:
        start_doc(doc)
        text = doc.text
        protected = _protected_spans(doc)
        found = sorted(find_quantities(text), key=lambda q: (q.start, q.end))
        covered = covering(protected)
        lone = single_char_tokens(doc)
        quantities = [
            q
            for q in found
            if not covered(q.number_start) and not names_local_place(text, q.unit, q.end, lone)
        ]
        years = year_finder(doc)
        previous: Metric | None = None
        for i, q in enumerate(quantities):
            s_start, s_end = doc._.og_sentences.around(q.start)
            prev = quantities[i - 1] if i else None
            nxt = quantities[i + 1] if i + 1 < len(quantities) else None
            ctx = Context(
                text=text,
                sentence_start=s_start,
                start=q.start,
                end=q.end,
                next_start=nxt.start if nxt and nxt.start < s_end else s_end,
                previous_end=prev.end if prev and prev.end > s_start else s_start,
            )
            same_sentence = (
                previous if previous and previous.evidence.sentence_start == s_start else None
            )
            metric = self._metric(doc, q, ctx, s_end, years, same_sentence)
            if q.low is not None:
                doc._.og_metrics.append(low_end(doc.text, q, metric))
            doc._.og_metrics.append(metric)
            previous = metric
        forget_years(doc)
        return doc

    def _metric(
        self,
        doc: Doc,
        q: Quantity,
        ctx: Context,
        s_end: int,
        years: YearFinder,
        previous: Metric | None,
    ) -> Metric:
        measure, rule = self._measure(ctx, q.unit, previous)
        dating = (
            years.baseline_dating(q.number_start, ctx.sentence_start)
            if opens_from_to(ctx)
            else years.dating(q.number_start, ctx.sentence_start)
        )
        share = is_share(ctx)
        whole = share_whole(ctx) if share else None
        if whole:
            part = previous.measure if previous and previous.measure else ""
            measure, rule = f"{part}{SHARE_VERB}{whole}" if part else whole, "metrics.share"
        elif share and measure and not measure.endswith(SHARE_SUFFIX):
            measure += SHARE_SUFFIX
        return Metric(
            surface=doc.text[q.start : q.end],
            value=q.value,
            unit=q.unit,
            approximate=q.approximate,
            evidence=Evidence(q.start, q.end, ctx.sentence_start, s_end, rule),
            measure=measure or None,
            place=place_at(doc, q.start, q.end),
            program=_program(doc, q, ctx.sentence_start),
            year=dating.year if dating else None,
            year_rule=dating.rule if dating else None,
            since=bool(dating and dating.since),
            change=is_change(ctx),
            share_of=whole,
        )

    def _measure(self, ctx: Context, unit: str, previous: Metric | None) -> tuple[str, str]:
        between = ctx.text[ctx.previous_end : ctx.start]
        if previous and previous.measure and _is_continuation(between):
            return previous.measure, "metrics.from_to"
        respective = self.measures.respective(ctx)
        if len(respective) >= 2:
            return respective, "metrics.respectively"
        info = unit_info(unit)
        before = self.measures.phrase_before(ctx)
        noun = self.measures.noun_after(ctx, info is not None and info.classifier)
        if info is not None and _noun_is_measured(ctx, info.kind, noun):
            return noun, "metrics.counted_noun"
        indicator_first = (
            (info is not None and info.kind in INDICATOR_KINDS)
            or opens_from_to(ctx)
            or (info is not None and info.kind is UnitKind.AGE and names_age(before))
        )
        # Only subject + verb before ("在该市举办了"): the noun after names the measure.
        if (
            indicator_first
            and len(before) >= 2
            and not (len(noun) >= 2 and ends_in_done_verb(before))
        ):
            return before, "metrics.indicator"
        if len(noun) >= 2 or (noun and ctx.text[ctx.start - 1 : ctx.start] == LIST_END):
            return noun, "metrics.counted_noun"  # "甲村、乙村等6个村": the noun, not the list
        if len(before) >= 2:
            return before, "metrics.indicator"
        if is_share(ctx) and previous:
            return _share_subject(ctx, previous), "metrics.share"
        after = self.measures.verb_after(ctx)
        if after:
            return after, "metrics.verb_after"
        if previous and previous.measure and ctx.previous_end >= ctx.start - 1:
            return previous.measure, "metrics.adjacent"
        phrase = self.measures.phrase_before(ctx, tight=False)
        if not phrase:  # "…的接种量,最高达569针次": the previous clause names it
            return self.measures.previous_clause(ctx), "metrics.previous_clause"
        return phrase, "metrics.indicator"


def _noun_is_measured(ctx: Context, kind: UnitKind, noun: str) -> bool:
    """ "全国99%以上的城市街道…": a percent tied by "的" to a noun is the share of that noun."""
    return (
        kind is UnitKind.PERCENT
        and len(noun) >= 2
        and ctx.text.startswith(ATTRIBUTIVE, ctx.end)
        and not noun.startswith(RATE_NOUNS)
    )


def _share_subject(ctx: Context, previous: Metric) -> str:
    """The subject of a share stated right after another figure ("35岁以下仅占8.8%")."""
    between = ctx.text[ctx.previous_end : ctx.start]
    if previous.surface.endswith(BRACKETS) and not LIST_OR_CLAUSE.search(between):
        return previous.surface  # an age or size bracket is the subject of the share
    return (previous.measure or "").removesuffix(SHARE_SUFFIX)


def _is_continuation(between: str) -> bool:
    """Text between two quantities that states the second as the end of a "from A to B"."""
    return bool(_continuation().fullmatch(between))


@cache
def _continuation() -> re.Pattern[str]:
    """ "…提高到", "…降至", "到", optionally with the year of the "to" figure ("到2025年底的")."""
    w = {role: alternation(role) for role in _CONTINUATION_ROLES}
    year = re.escape(ordered("year_mark", "time_words")[0])
    verb = f"(?:{w['continuation_adverb']})?(?:{w['continuation_verb']})(?:{w['continuation_to']})"
    short = f"(?:{w['continuation_short_verb']})(?:{w['continuation_short_to']})"
    to_year = rf"(?:19|20)\d{{2}}{year}(?:{w['year_end']})?{re.escape(ATTRIBUTIVE)}"
    return re.compile(rf"(?:[,，]?{verb}|[,，]?{short}|{w['continuation_bare']})(?:{to_year})?")


_CONTINUATION_ROLES = (
    "continuation_adverb",
    "continuation_verb",
    "continuation_to",
    "continuation_short_verb",
    "continuation_short_to",
    "continuation_bare",
    "year_end",
)


def _protected_spans(doc: Doc) -> list[tuple[int, int]]:
    """Quoted names, titles and the names of programs and documents: numbers there are names."""
    text = doc.text
    spans = [(m.start(), m.end()) for m in PROTECTED_QUOTE.finditer(text)]
    spans += _repeated_names(text, spans)
    for place in doc._.og_place_mentions or ():
        spans.append((place.evidence.start, place.evidence.end))
    for mention in (*doc._.og_programs, *doc._.og_documents):
        ev = mention.evidence
        if ev.end - ev.start <= NAME_SPAN_LIMIT:
            spans.append((ev.start, ev.end))
    return spans


def _repeated_names(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A quoted name that opens with a numeral (“三张清单”) is a name where it recurs unquoted."""
    names = {text[a + 1 : b - 1] for a, b in quoted}
    names = {n for n in names if len(n) >= 3 and NAME_NUMERAL.match(n)}
    return [(m.start(), m.end()) for n in sorted(names) for m in re.finditer(re.escape(n), text)]


def _program(doc: Doc, q: Quantity, sentence_start: int) -> str | None:
    """The first program named in the quantity's sentence before it."""
    names = sorted(
        (p.evidence.start, p.name)
        for p in doc._.og_programs
        if sentence_start <= p.evidence.start < q.start
    )
    return names[0][1] if names else None


@registry.misc("orggraph.pos_tagger.v1")
def pos_tagger_loader() -> Callable[[], Any]:
    """jieba's part-of-speech tagger over its plain dictionary, built once per process."""
    return pos_tagger


@Language.factory(
    "og_metrics",
    assigns=["doc._.og_metrics"],
    requires=["doc._.og_sentences", "doc._.og_places", "doc._.og_programs", "doc._.og_documents"],
    default_config={"tagger": {"@misc": "orggraph.pos_tagger.v1"}},
)
def make_metrics(nlp: Language, name: str, tagger: Callable[[], Any]) -> MetricFinder:
    """The metrics component: a finder holding its part-of-speech tagger."""
    return MetricFinder(tagger)
