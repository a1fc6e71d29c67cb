"""The pipeline as a user runs it: config, nlp(text), nlp.pipe, disable, to_disk, --jobs."""

from __future__ import annotations

from pathlib import Path

import spacy

import orggraph
from orggraph.build import build
from orggraph.pipeline import extract, facts_of, text_source

OPENING = "2020年以来,潜江市以“双报到双服务”为抓手,组建志愿服务队45支。"
TEXTS = [
    OPENING,
    "近年来,怀化市鹤城区推行“一村一策”工作法,培训村干部320名。",
    "某县出台《关于加强村级组织建设的若干措施》,新建党群服务中心12个。",
    "",
    "这是一句没有地名也没有数字的话",
]


def names(doc: spacy.tokens.Doc) -> tuple[set[str], set[str]]:
    facts = facts_of(doc)
    return {p.name for p in facts.places}, {p.name for p in facts.programs}


def test_nlp_on_any_text_names_the_place_and_the_program() -> None:
    nlp = orggraph.load_pipeline()
    places, programs = names(nlp(OPENING))
    assert "潜江市" in places
    assert "双报到双服务" in programs


def test_results_are_plain_data_on_the_doc() -> None:
    doc = orggraph.load_pipeline()(OPENING)
    packed = doc._.og_facts
    assert {p["name"] for p in packed["places"]} >= {"潜江市"}
    assert [m["value"] for m in packed["metrics"]] == ["45"]
    assert doc.to_bytes()  # serialisable: nothing but plain data in the extensions


def test_packed_results_read_back_as_the_same_records() -> None:
    for text in TEXTS:
        packed = facts_of(orggraph.load_pipeline()(text))
        direct = extract(text_source(text))  # the same input: a text without metadata
        assert packed.places == direct.places
        assert packed.place_mentions == direct.place_mentions
        assert packed.programs == direct.programs
        assert packed.documents == direct.documents
        assert packed.metrics == direct.metrics
        assert packed.focus == direct.focus


def test_two_processes_give_the_results_of_one() -> None:
    nlp = orggraph.load_pipeline()
    one = [d._.og_facts for d in nlp.pipe(TEXTS, n_process=1)]
    two = [d._.og_facts for d in nlp.pipe(TEXTS, n_process=2, batch_size=1)]
    assert two == one
    assert any(f["metrics"] for f in one)


def test_a_disabled_component_adds_nothing() -> None:
    text = TEXTS[1]
    assert facts_of(orggraph.load_pipeline()(text)).metrics
    nlp = orggraph.load_pipeline(disable=["og_metrics"])
    facts = facts_of(nlp(text))
    assert facts.metrics == ()
    assert {p.name for p in facts.programs} == {"一村一策"}


def test_settings_come_from_the_config() -> None:
    nlp = orggraph.load_pipeline({"components.og_places.max_name": 2})
    assert nlp.get_pipe("og_places").max_name == 2
    places, _ = names(nlp(TEXTS[1]))
    assert "鹤城区" not in places  # three characters: beyond the configured reach
    assert "鹤城区" in names(orggraph.load_pipeline()(TEXTS[1]))[0]


def test_the_pipeline_round_trips_through_disk(tmp_path: Path) -> None:
    nlp = orggraph.load_pipeline()
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert [t.text for t in loaded(OPENING)] == [t.text for t in nlp(OPENING)]
    assert [loaded(t)._.og_facts for t in TEXTS] == [nlp(t)._.og_facts for t in TEXTS]


def test_parallel_build_writes_the_same_bytes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, text in enumerate(TEXTS[:3] * 2):
        (inputs / f"{i:02d}.txt").write_text(text + f"\n第{i}篇。", encoding="utf-8")
    build([inputs], tmp_path / "one", html=False, jobs=1)
    build([inputs], tmp_path / "two", html=False, jobs=2)
    for name in ("graph.ttl", "metrics.csv", "report.json"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
