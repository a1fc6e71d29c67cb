"""Identity in resolve: one entity per key, names resolved to keys, metrics keyed by the original.

Sentences here are made up; they have the shape of report sentences, not their words.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from orggraph.ingest import normalize as normalize_module
from orggraph.ingest.read import read_inputs
from orggraph.pipeline import extract
from orggraph.rdf.build import build_graph
from orggraph.rdf.namespace import OG
from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    DocumentMention,
    Metric,
    ProgramKind,
    ProgramMention,
    SourceText,
)
from orggraph.resolve import document_key, resolve
from orggraph.resolve.programkey import program_key
from tests.factories import HUAIHUA, HUNAN, evidence, source

TEXT = "青山县推行“三联三帮”机制,依据《结对帮扶办法》,120名党员参与“三联三帮”。"


def _facts(
    text: str = TEXT,
    name: str = "a.txt",
    programs: tuple[ProgramMention, ...] = (),
    documents: tuple[DocumentMention, ...] = (),
    metrics: tuple[Metric, ...] = (),
    src: SourceText | None = None,
) -> ArticleFacts:
    return ArticleFacts(
        source=src or source(text, name),
        places=(HUNAN, HUAIHUA),
        place_mentions=(),
        sections=(),
        focus=(),
        programs=programs,
        documents=documents,
        metrics=metrics,
    )


def _program(name: str, head: str | None, kind: ProgramKind, **links: str) -> ProgramMention:
    return ProgramMention(name, head, kind, None, evidence(TEXT, "三联三帮"), **links)


def _metric(program: str | None = None, text: str = TEXT) -> Metric:
    return Metric("120名", Decimal(120), "名", False, evidence(text, "120名"), program=program)


def test_one_program_entity_per_key_with_the_most_common_name_and_kind() -> None:
    mentions = (
        _program("三联三帮", "机制", ProgramKind.MECHANISM),
        _program("三联三帮", None, ProgramKind.MECHANISM),
        _program("三联三帮机制", None, ProgramKind.OTHER),
    )
    corpus = resolve([_facts(programs=mentions)])
    (entity,) = corpus.programs
    assert entity.key == program_key("三联三帮", "机制")
    assert entity.name == "三联三帮" and entity.head == "机制"
    assert entity.kind == ProgramKind.MECHANISM and entity.label == "三联三帮机制"
    assert len(entity.mentions) == 3


def test_part_of_and_governed_by_become_keys() -> None:
    part = _program(
        "帮扶小组", None, ProgramKind.OTHER, part_of="三联三帮", governed_by="结对帮扶办法"
    )
    whole = _program("三联三帮", "机制", ProgramKind.MECHANISM)
    corpus = resolve([_facts(programs=(whole, part))])
    link = next(m for p in corpus.programs for m in p.mentions if m.mention is part)
    assert link.part_of == program_key("三联三帮", "机制")
    assert link.governed_by == document_key("结对帮扶办法")


def test_a_metric_program_is_the_key_of_that_article_program() -> None:
    whole = _program("三联三帮", "机制", ProgramKind.MECHANISM)
    corpus = resolve([_facts(programs=(whole,), metrics=(_metric("三联三帮"),))])
    (metric,) = corpus.metrics
    assert metric.program == corpus.programs[0].key
    unnamed = resolve([_facts(metrics=(_metric("四访四问"),))]).metrics[0]
    assert unnamed.program == program_key("四访四问")


def test_document_key_folds_width_and_spaces() -> None:
    assert document_key("结对 帮扶办法") == document_key("结对帮扶办法")
    assert document_key("帮扶办法（试行）") == document_key("帮扶办法(试行)")
    docs = [
        DocumentMention(t, DocumentKind.POLICY, None, evidence(TEXT, "结对帮扶办法"))
        for t in ("结对帮扶办法", "结对 帮扶办法")
    ]
    (entity,) = resolve([_facts(documents=tuple(docs))]).documents
    assert entity.title == "结对帮扶办法"


def test_articles_are_ordered_by_file_whatever_the_input_order() -> None:
    a, b = _facts(name="b.txt"), _facts(name="a.txt")
    assert [x.source.source_file for x in resolve([a, b]).articles] == ["a.txt", "b.txt"]


def test_metric_offsets_are_in_the_original_text() -> None:
    original = "【标题】\n" + TEXT
    shift = len("【标题】\n")
    src = SourceText(
        source_file="a.txt",
        path="a.txt",
        original=original,
        text=TEXT,
        offsets=tuple(i + shift for i in range(len(TEXT) + 1)),
        sha256=hashlib.sha256(original.encode()).hexdigest(),
    )
    (metric,) = resolve([_facts(src=src, metrics=(_metric(),))]).metrics
    assert original[metric.start : metric.end] == "120名"


def _metric_iris(folder: Path) -> list[str]:
    facts = [extract(s) for s in read_inputs([folder]).articles]
    graph = build_graph(resolve(facts))
    return sorted(str(m) for m in graph.subjects(OG.value, None))


def test_metric_iris_survive_a_normalization_rule_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = "青山(qīng shān)县开展结对帮扶。全县共有120名党员参加,覆盖85个村。"
    (tmp_path / "r.txt").write_text(report, encoding="utf-8")
    with_rule = _metric_iris(tmp_path)
    monkeypatch.setattr(normalize_module, "_PINYIN", re.compile(r"(?!)"))  # rule switched off
    without_rule = _metric_iris(tmp_path)
    assert len(with_rule) == 2
    assert without_rule == with_rule
