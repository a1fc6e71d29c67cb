"""Small hand-made records for tests that must not depend on the extractors."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from orggraph.records import (
    ArticleFacts,
    ArticleMeta,
    DocumentKind,
    DocumentMention,
    Evidence,
    Metric,
    Place,
    PlaceLevel,
    PlaceMention,
    ProgramKind,
    ProgramMention,
    SourceText,
)

HUNAN = Place("430000", "湖南省", PlaceLevel.PROVINCE, "430000")
HUAIHUA = Place("431200", "怀化市", PlaceLevel.PREFECTURE, "431200", "430000", 110.0, 27.55)
QIANJIANG = Place("429005", "潜江市", PlaceLevel.COUNTY, "429005", "420000")
HUBEI = Place("420000", "湖北省", PlaceLevel.PROVINCE, "420000")


def source(text: str, name: str = "a.txt", original: str | None = None) -> SourceText:
    original = text if original is None else original
    return SourceText(
        source_file=name,
        path=name,
        original=original,
        text=text,
        offsets=tuple(range(len(text) + 1)),
        sha256=hashlib.sha256(original.encode()).hexdigest(),
        meta=ArticleMeta(title="标题", publisher="红星云", issued="2021-11-17"),
    )


def evidence(text: str, needle: str, rule: str = "test.rule", nth: int = 0) -> Evidence:
    """Evidence for the ``nth`` occurrence of ``needle``, in its sentence (bounded by 。)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = text.find("。", start)
    sentence_end = end + 1 if end >= 0 else len(text)
    return Evidence(start, start + len(needle), text.rfind("。", 0, start) + 1, sentence_end, rule)


def article(text: str, name: str = "a.txt", program: str = "五个一百") -> ArticleFacts:
    """An article about 怀化市 with one program, one document and one metric found in ``text``."""
    src = source(text, name)
    return ArticleFacts(
        source=src,
        places=(HUNAN, HUAIHUA),
        place_mentions=(PlaceMention("431200", "怀化市", evidence(text, "怀化市")),),
        sections=(),
        focus=("431200",),
        programs=(
            ProgramMention(program, "工程", ProgramKind.PROJECT, "431200", evidence(text, program)),
        ),
        documents=(
            DocumentMention("九条措施", DocumentKind.POLICY, "431200", evidence(text, "九条措施")),
        ),
        metrics=(
            Metric(
                "3.6万余名",
                Decimal("36000"),
                "名",
                True,
                evidence(text, "3.6万余名"),
                measure="党员干部",
                place="431200",
                program=program,
                year="2021",
            ),
        ),
    )


TEXT = "怀化市实施“五个一百”工程,出台《九条措施》,3.6万余名党员干部参与。"
