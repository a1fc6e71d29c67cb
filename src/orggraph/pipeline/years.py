"""Which year a stated figure refers to, and the rule that fixed it.

A figure's year comes, in order, from: its own clause, the rest of its sentence before it, the
opening clause of its paragraph, a year that opened a clause earlier in its paragraph, an "as of"
year of an earlier paragraph of its section ("截至2022年底,…", a statistics report) that no other
year has replaced, the year several paragraph openings of the article agree on, and last the
article's publication year. A narrative year ("2017年,我市…") scopes its own paragraph only: the
next paragraphs may tell another story or the present. Relative years (今年, 去年, 上半年, 两年前
unless a year precedes it in its sentence) are read against the publication year; 当年/次年/全年
against the year stated just before. A year that opens
a period ("2019年以来") dates the figure as "since" that year; a year that is a bound, a list item
or the baseline of a comparison ("2018年前", "比2020年") dates nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import chain

from spacy.tokens import Doc

from orggraph.pipeline.measures import matches_whole_words
from orggraph.pipeline.year_cues import patterns as _patterns
from orggraph.pipeline.year_cues import sentence_time
from orggraph.pipeline.year_cues import shifts as _shifts
from orggraph.resources.tables import table, words

SENTENCE_END = re.compile(r"[。；;！!？?]")
CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_ENDS = re.compile(SENTENCE_END.pattern[:-1] + "\n]")  # a sentence's or a paragraph's end
SCOPING_LEAD = 2  # a year opens its clause when at most this many characters precede it
LATE_QUARTER = 10  # an event held from this month on is cited in reports of the next year on
AS_OF_REACH = 2  # paragraphs an "as of" year stated inside a paragraph reaches after its own
AGREEING = 3  # paragraph openings that must name one year for it to date the whole article


@dataclass(frozen=True)
class Dating:
    """The year (or year-month) of a figure and the rule that fixed it."""

    year: str  # "2021" or "2021-08"
    rule: str  # year.clause | year.sentence | year.paragraph | year.section | year.article | …
    since: bool = False  # the figure runs from this year to the present ("2019年以来")


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    value: str  # "2021" or "2021-08"
    since: bool
    opens_clause: bool
    as_of: bool = False  # opens an "as of" statement ("截至2022年底,…"): it scopes its section
    local: bool = False  # dates its own sentence only: an event's day, a span's start ("从2008年…")


def _with_month(year: int | str, month: str | None) -> str:
    if month and 1 <= int(month) <= 12:
        return f"{year}-{int(month):02d}"
    return str(year)


def published_year(text: str, issued: str | None) -> str | None:
    """The article's year: as stated in its metadata, else an estimate from what it cites.

    An undated article that reports a figure "as of the end of" a year ("截至2022年底") was
    written in a later year, one naming a dated event (二十届三中全会) in that year or later, or
    in the next year when the event was held in the last quarter (the reports that study a
    congress of October follow it by months); the latest is its estimated year. A year that
    opens a paragraph says nothing of the article's own date (a village history opens its
    paragraphs with 1995, 2008 …), so it estimates nothing; but the estimate is only a lower
    bound, so an article that tells a later year of its own story has none (see ``_outdated``).
    """
    if issued:
        return issued[:4]
    ends = [int(m.group("year")) + 1 for m in _patterns()["as_of_end"].finditer(text)]
    ends += [_cited_from(r) for r in table("dated_events") if r["cue"] in text]
    return str(max(ends)) if ends and not _outdated(text, max(ends)) else None


def _outdated(text: str, estimate: int) -> bool:
    """Whether the text states a year after ``estimate`` as a date ("到2019年底,…" then
    "2021年4月,…"): the estimate is then wrong and the article's year unknown. A target or a
    range end ("到2027年", "2023—2027年", "2025年前") and a year in a title do not count."""
    p, bounds = _patterns(), tuple(words("time_words", role="period_after"))
    for m in p["explicit"].finditer(text):
        lead = text[_clause_start(text, m.start()) : m.start()]
        if (
            int(m.group("year")) > estimate
            and not lead.endswith(bounds + tuple(words("time_words", role="as_of")))
            and not p["period"].match(text, m.end())
            and text.rfind("《", 0, m.start()) <= text.rfind("》", 0, m.start())
        ):
            return True
    return False


def _cited_from(event: dict[str, str]) -> int:
    """The first year reports citing a dated event usually come from (see ``published_year``)."""
    late = int(event["month"] or 0) >= LATE_QUARTER
    return int(event["year"]) + late


def _clause_start(text: str, offset: int) -> int:
    i = offset
    while i > 0 and not CLAUSE_END.match(text, i - 1):
        i -= 1
    return i


def _opens_clause(text: str, start: int) -> bool:
    lead = text[_clause_start(text, start) : start].strip(" \t\u3000")
    if re.fullmatch(r"【[^】]*】\s*", lead):
        return True
    if _is_object(lead):
        return False
    return len(lead) <= SCOPING_LEAD or lead in words("time_words", role="as_of")


def _is_object(lead: str) -> bool:
    """Whether a year after ``lead`` is the object of a verb ("对2022年度项目开展评估"), not the
    time of its clause: it dates its own sentence only."""
    return lead.endswith(tuple(words("time_words", role="object_before")))


def _is_baseline(text: str, m: re.Match[str]) -> bool:
    """Whether the year of ``m`` is the baseline of a comparison ("比2020年", "是2021年的2倍"); a
    year that closes its clause after 是 is a date ("那是1995年,她35岁")."""
    p, before = _patterns(), text[max(0, m.start() - 4) : m.start()]
    if p["baseline"].search(before):
        return True
    return bool(p["baseline_of"].search(before)) and not CLAUSE_END.match(text, m.end())


def _mentions(text: str, publication: str | None) -> list[YearMention]:
    p = _patterns()
    found: list[YearMention] = []
    as_of = words("time_words", role="as_of")
    for m in p["explicit"].finditer(text):
        if _is_baseline(text, m):
            continue
        since = bool(p["since"].match(text, m.end()))
        if not since and p["period"].match(text, m.end()):
            continue
        value = _with_month(m.group("year"), m.group("month"))
        # a year after the article's own (a target: "到2025年,…将实现") scopes nothing after it
        lead = text[_clause_start(text, m.start()) : m.start()].strip()
        target = lead in as_of and publication is not None and value[:4] > publication
        opens = not target and _opens_clause(text, m.start())
        as_of_opening = opens and lead in as_of
        local = not since and (
            bool(p["change_from"].fullmatch(lead))
            or _is_object(lead)
            or (not as_of_opening and bool(m.group("month") and p["day"].match(text, m.end())))
        )
        found.append(YearMention(m.start(), m.end(), value, since, opens, as_of_opening, local))
    if publication:
        shifts = _shifts("relative") | _shifts("ago_exact")
        for m in chain(p["relative"].finditer(text), p["ago_exact"].finditer(text)):
            if p["baseline"].search(text[max(0, m.start() - 4) : m.start()]):
                continue
            if m.re is p["ago_exact"] and _after_a_year(text, found, m.start()):
                continue  # "2022年,…从两年前的…": two years before 2022, not the article's
            digits = m.groupdict().get("digits")  # "3年前"; else a word: "去年", "两年前"
            year = int(publication) + (-int(digits) if digits else shifts[m.group("word")])
            since = bool(p["since"].match(text, m.end()))
            value = _with_month(year, m.groupdict().get("month"))
            opens = _opens_clause(text, m.start())
            found.append(YearMention(m.start(), m.end(), value, since, opens))
    found.sort(key=lambda x: x.start)
    return _previous_years(text, found)


def _after_a_year(text: str, found: list[YearMention], start: int) -> bool:
    """Whether a stated year precedes ``start`` in its sentence."""
    return any(x.end <= start and not _ENDS.search(text, x.end, start) for x in found)


def _previous_years(text: str, found: list[YearMention]) -> list[YearMention]:
    """当年, 次年: the year stated just before, shifted."""
    shifts = _shifts("previous")
    extra = []
    for m in _patterns()["previous"].finditer(text):
        i = bisect.bisect_left([x.start for x in found], m.start())
        if i == 0 or any(x.start <= m.start() < x.end for x in found):
            continue
        year = int(found[i - 1].value[:4]) + shifts[m.group("word")]
        value = _with_month(year, m.group("month"))
        extra.append(YearMention(m.start(), m.end(), value, False, _opens_clause(text, m.start())))
    return sorted([*found, *extra], key=lambda x: x.start)


@dataclass(frozen=True)
class YearFinder:
    """The years a text states, where they stand, and the article's own year."""

    text: str
    mentions: tuple[YearMention, ...]
    sections: tuple[tuple[int, int], ...]
    agreed: str | None  # the year every paragraph-opening year agrees on
    publication: str | None
    stated: bool = False  # the publication year is the article's own date, not an estimate

    @classmethod
    def of(
        cls,
        text: str,
        issued: str | None = None,
        sections: tuple[tuple[int, int], ...] = (),
    ) -> YearFinder:
        publication = published_year(text, issued)
        mentions = tuple(_mentions(text, publication))
        openings = [m.value[:4] for m in mentions if m.opens_clause and _line_opening(text, m)]
        # a yearly report ("2024年,我们…" paragraph after paragraph): only when it states no date
        agreed = openings[0] if len(openings) >= AGREEING and len(set(openings)) == 1 else None
        agreed = None if issued else agreed
        return cls(text, mentions, sections, agreed, publication, bool(issued))

    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def _latest(
        self, lo: int, hi: int, scoping: bool = False, carried: bool = False
    ) -> YearMention | None:
        """The last year stated in ``[lo, hi)``: with ``scoping``, the last that opens a clause;
        with ``carried``, the last that may date another sentence than its own."""
        i = bisect.bisect_left(self._starts(), hi) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            found = self.mentions[i]
            if (not scoping or found.opens_clause) and not (carried and found.local):
                return found
            i -= 1
        return None

    def _carried(self, offset: int, line: int) -> YearMention | None:
        """A year carried to a figure from before its sentence: the last year opening a clause
        earlier in its paragraph, else the last "as of" year of its section ("截至2019年底,…",
        a statistics report) when every clause-opening year after it names the same year. A
        narrative year ("2017年,…") of an earlier paragraph scopes that paragraph only."""
        lo = self._section_start(offset)
        latest = self._latest(lo, offset, scoping=True, carried=True)
        if latest is None or latest.start >= line:
            return latest
        i = self.mentions.index(latest)
        while i >= 0 and self.mentions[i].start >= lo:
            found = self.mentions[i]
            if found.opens_clause and found.value[:4] != latest.value[:4]:
                return None
            if found.as_of:
                return found if self._reaches(found, offset) else None
            i -= 1
        return None

    def _reaches(self, as_of: YearMention, offset: int) -> bool:
        """Whether an "as of" year still dates a figure ``offset`` paragraphs on: one that opens
        its paragraph heads a statistics report (its whole section); one stated inside a
        paragraph (a figure quoted in another story) only the next AS_OF_REACH paragraphs."""
        line = self.text.rfind("\n", 0, as_of.start) + 1
        if not SENTENCE_END.search(self.text, line, as_of.start):
            return True
        return self.text.count("\n", as_of.start, offset) <= AS_OF_REACH

    def _section_start(self, offset: int) -> int:
        starts = [s for s, e in self.sections if s <= offset < e]
        return max(starts) if starts else 0

    def dating(self, offset: int, sentence_start: int, local_only: bool = False) -> Dating | None:
        """The year of a figure (or a mention) at ``offset`` and the rule that fixed it."""
        text = self.text
        line = text.rfind("\n", 0, offset) + 1
        opening = CLAUSE_END.search(text, line)
        steps = (
            ("year.clause", _clause_start(text, offset), offset),
            ("year.sentence", sentence_start, offset),
            ("year.paragraph", line, min(offset, opening.start() if opening else offset)),
        )
        # a running total ("先后获得7项") takes no year from an earlier sentence
        total = bool(_patterns()["cumulative"].search(text, _clause_start(text, offset), offset))
        anchored = False  # the sentence points back to a moment told earlier ("当时")
        for rule, lo, hi in steps:
            found = self._latest(lo, hi, carried=rule == "year.paragraph")
            if rule == "year.clause" and not local_only:
                earlier = self._earlier_state(found, lo, offset, sentence_start)
                if not isinstance(earlier, bool):
                    return earlier
            if rule == "year.sentence" and not local_only:
                present = self._present(found.end if found else sentence_start, offset)
                if not isinstance(present, bool):
                    return present
                anchored = present
            if found is not None:
                return Dating(found.value, rule, found.since)
            if total and rule == "year.sentence":
                break
        if local_only:
            return None
        carried = None if total else self._carried(offset, line)
        if carried is not None:
            rule = "year.paragraph" if carried.start >= line else "year.section"
            return Dating(carried.value, rule, carried.since)
        if self.agreed:
            return Dating(self.agreed, "year.article")
        if self.publication and not anchored:
            return Dating(self.publication, "year.publication" if self.stated else "year.estimated")
        return None

    def _earlier_state(
        self, found: YearMention | None, clause: int, offset: int, sentence_start: int
    ) -> Dating | bool | None:
        """The dating of a figure that its clause sets against an earlier state: the "to"
        figure of a change whose year belongs to the "from" figure ("从2021年的1430元提高到如今的
        3000元": the year before 从, or the present), or a figure of a state once reached
        ("曾达43%": no year); False when the clause is neither."""
        p, text = _patterns(), self.text
        if found is None:
            return None if p["once"].search(text, clause, offset) else False
        cue = p["change_from"].search(text, clause, found.start)
        if cue is None or not p["change_to"].search(text, found.end, offset):
            return False
        present = self._present(found.end, offset)
        if not isinstance(present, bool):
            return present
        return self.dating(cue.start(), sentence_start)

    def baseline_dating(self, offset: int, sentence_start: int) -> Dating | None:
        """The year of the "from" figure of a change ("由6.4%提高到26.6%"): only a year stated
        after its 从/由 ("从2016年的8万元"); a year before it dates the change, not the baseline."""
        clause = _clause_start(self.text, offset)
        cue = _patterns()["change_from"].search(self.text, clause, offset)
        if cue is None:
            return self.dating(offset, sentence_start)
        found = self._latest(cue.start(), offset)
        return Dating(found.value, "year.baseline", found.since) if found else None

    def _present(self, lo: int, offset: int) -> Dating | bool | None:
        """The dating of a figure whose sentence (after its last year) speaks of the present
        ("如今", "近5年"), of what held before the story ("此前", "起初": no year) or of a year
        against an unknown date ("去年" in an undated article): the stated publication year, or
        no year; True when it points back to a moment told earlier ("当时": a carried year only,
        never the article's); False when none applies."""
        time = sentence_time(self.text, lo, offset, CLAUSE_END)
        if time is not None and time[0] == "present":
            return (
                Dating(self.publication, "year.present")
                if self.stated and self.publication
                else None
            )
        if time is not None:
            return time[0] == "past_then" or None
        unresolved = _patterns()["unresolved"]
        if self.publication is None and matches_whole_words(unresolved, self.text, lo, offset):
            return None
        return False

    def year_for(self, offset: int, sentence_start: int) -> str | None:
        """The year of a figure at ``offset`` in the sentence starting at ``sentence_start``."""
        found = self.dating(offset, sentence_start)
        return found.year if found else None


def _line_opening(text: str, mention: YearMention) -> bool:
    line = text.rfind("\n", 0, mention.start) + 1
    return _clause_start(text, mention.start) == line


def year_finder(doc: Doc) -> YearFinder:
    """The year finder of a pipeline document (built once per document)."""
    cached = doc._.og_years
    if isinstance(cached, YearFinder):
        return cached
    source = doc._.og_source
    issued = source.meta.issued if source is not None else None
    sections = tuple((s.start, s.end) for s in (doc._.og_sections or ()))
    finder = YearFinder.of(doc.text, issued, sections)
    doc._.og_years = finder  # a working extension: emptied before the Doc is packed
    return finder


def forget_years(doc: Doc) -> None:
    """Drop the cached year finder (the Doc must stay plain data to cross processes)."""
    doc._.og_years = None
