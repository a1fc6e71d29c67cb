"""Which year a stated figure refers to: its sentence's year, else its paragraph's or report's."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})年(?:度)?(?:(?P<month>\d{1,2})月)?")
# A year that opens a period ("2018年以来"), is one of a list ("2018、2019年"), or is the baseline
# of a comparison ("是2021年的2.41倍", "比2020年") does not date the figure.
PERIOD_AFTER = re.compile(r"以来|来|起|至今|以前|之前|前|[、—\-~至到](?:19|20)\d{2}")
BASELINE_BEFORE = re.compile(r"(?:比|较|是|相当于|同|与|、)$")
# A line (paragraph) opening "2023年," or "【小标题】 2023年," dates all its figures.
LINE_OPENING = re.compile(
    r"^[ \t\u3000]*(?:【[^】\n]{1,20}】[ \t\u3000]*)?(?P<year>(?:19|20)\d{2})年[,，]", re.MULTILINE
)


@dataclass(frozen=True)
class YearFinder:
    """The years stated in a text: in sentences, at the opening of lines, and for the report."""

    mentions: tuple[tuple[int, str], ...]  # (offset, "YYYY" or "YYYY-MM"), by offset
    line_years: tuple[tuple[int, str], ...]  # (offset of a line opening with "YYYY年,", year)
    default: str | None  # the year every line-opening year agrees on

    @classmethod
    def of(cls, text: str) -> YearFinder:
        mentions = []
        for m in YEAR.finditer(text):
            if PERIOD_AFTER.match(text, m.end()) or BASELINE_BEFORE.search(
                text[max(0, m.start() - 4) : m.start()]
            ):
                continue
            month = m.group("month")
            value = m.group("year") + (
                f"-{int(month):02d}" if month and 1 <= int(month) <= 12 else ""
            )
            mentions.append((m.start(), value))
        lines = tuple((m.start(), m.group("year")) for m in LINE_OPENING.finditer(text))
        agreed = {y for _, y in lines}
        return cls(tuple(mentions), lines, agreed.pop() if len(agreed) == 1 else None)

    def year_for(self, offset: int, sentence_start: int) -> str | None:
        """The year of a figure at ``offset`` in the sentence starting at ``sentence_start``."""
        i = bisect.bisect_left(self.mentions, (offset, ""))
        if i and self.mentions[i - 1][0] >= sentence_start:
            return self.mentions[i - 1][1]
        j = bisect.bisect_right(self.line_years, (offset, "\uffff"))
        if j:
            return self.line_years[j - 1][1]
        return self.default
