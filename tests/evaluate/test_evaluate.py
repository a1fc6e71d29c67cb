"""The evaluator: the gold standard's matching rules, scores, issue lists and graph reading."""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from orggraph.errors import GoldError
from orggraph.evaluate import (
    Attribute,
    Category,
    GoldDoc,
    GoldDocument,
    GoldMetric,
    GoldPlace,
    GoldProgram,
    IssueKind,
    PredDoc,
    PredDocument,
    PredMetric,
    PredPlace,
    PredProgram,
    load_gold,
    load_predictions,
    prediction_json,
    predictions_from_graph,
    rules,
    score,
)
from orggraph.rdf.build import build_graph
from orggraph.records import (
    ArticleFacts,
    DocumentKind,
    DocumentMention,
    Evidence,
    Metric,
    PlaceMention,
    ProgramKind,
    ProgramMention,
)
from orggraph.resolve import resolve
from tests.factories import HUAIHUA, HUBEI, HUNAN, QIANJIANG, evidence, source

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


# ------------------------------------------------------------------ matching rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“双报到双服务”", "双报到双服务"),
        ("78.3％", "78.3%"),
        ("村（社区）", "村(社区)"),
        (None, ""),
    ],
)
def test_norm_drops_quotes_and_folds_widths(text: str | None, expected: str) -> None:
    assert rules.norm(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("怀化", "怀化市", True),
        ("内蒙古", "内蒙古自治区", True),
        ("岳阳市南湖新区", "南湖新区", True),
        ("南湖新区", "岳阳市南湖新区", True),
        ("神农架", "神农架林区", True),
        ("湖南省", "怀化市", False),
        ("南湖新区", "新区", False),  # a suffix alone is not a parent prefix
        ("", "怀化市", False),
    ],
)
def test_same_place_name(a: str, b: str, same: bool) -> None:
    assert rules.same_place_name(a, b) is same


@pytest.mark.parametrize(
    ("pred", "name", "head", "same"),
    [
        ("五个一百", "五个一百", "工程", True),
        ("“五个一百”工程", "五个一百", "工程", True),
        ("三严三实专题教育", "三严三实", "专题教育", True),
        ("三严三实教育", "三严三实", "专题教育", True),  # part of the head
        ("五个一百行动", "五个一百", "工程", False),
        ("三严", "三严三实", None, False),
        ("双报到双服务", "双报到双服务", None, True),
    ],
)
def test_same_program(pred: str, name: str, head: str | None, same: bool) -> None:
    assert rules.same_program(pred, name, head) is same


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("全覆盖开展考察的县市区", "县市区", True),
        ("村党组织书记平均年龄", "村(社区)党组织书记平均年龄", True),
        ("党员", "专家人才", False),
        (None, "党员", False),
    ],
)
def test_same_measure(pred: str | None, gold: str, same: bool) -> None:
    assert rules.same_measure(pred, gold) is same


@given(st.text(max_size=8), st.text(max_size=8))
def test_same_place_name_is_symmetric(a: str, b: str) -> None:
    assert rules.same_place_name(a, b) == rules.same_place_name(b, a)


@given(st.lists(st.integers(0, 3), max_size=6), st.lists(st.integers(0, 3), max_size=6))
def test_greedy_matching_is_one_to_one(preds: list[int], golds: list[int]) -> None:
    pairs = rules.greedy(preds, golds, lambda p, g: p == g)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(preds[i] == golds[j] for i, j in pairs)
    expected = sum(min(preds.count(v), golds.count(v)) for v in set(golds))
    assert len(pairs) == expected


# ------------------------------------------------------------------ scoring

GOLD = GoldDoc(
    doc="a.txt",
    focal_places=("怀化市",),
    places=(
        GoldPlace("怀化市", "prefecture"),
        GoldPlace("洪江市", "county"),
        GoldPlace("黔城镇", "township"),
    ),
    programs=(
        GoldProgram("五个一百", "工程", "怀化市"),
        GoldProgram("双报到双服务", None, "怀化市"),
        GoldProgram("乡村振兴", None, "怀化市", optional=True),
    ),
    documents=(GoldDocument("九条措施", "policy"), GoldDocument("人民日报", "media")),
    metrics=(
        GoldMetric("12期", 12, "期", "专题轮训班", "怀化市", "2021"),
        GoldMetric("3.6万余名", 36000, "名", "党员干部", "怀化市"),
        GoldMetric("连续3年", 3, "年", optional=True),
    ),
)
PRED = PredDoc(
    focal_places=("怀化市",),
    places=(PredPlace("怀化"), PredPlace("湖南省"), PredPlace("黔城镇")),
    programs=(
        PredProgram("五个一百工程", ("湖南省",)),
        PredProgram("乡村振兴", ("怀化市",)),
        PredProgram("两个维护", ()),
    ),
    documents=(PredDocument("《九条措施》", "policy"), PredDocument("人民日报", "policy")),
    metrics=(
        PredMetric(12.0, "期", "怀化市", "2021-03", "县处级领导干部专题轮训班"),
        PredMetric(3.0, "年"),
        PredMetric(5.0, "个", text="5个"),
    ),
)


def test_score_counts_hits_misses_and_false_positives() -> None:
    result = score({"a": GOLD}, {"a": PRED})
    counts = {c: (t.tp, t.fp, t.fn) for c, t in result.tallies.items()}
    assert counts == {
        Category.PLACES: (1, 1, 1),  # 黔城镇 found a gold town: no false positive
        Category.LOCAL_PLACES: (1, 0, 0),
        Category.PROGRAMS: (1, 1, 1),  # 乡村振兴 matches an optional item: neither way
        Category.DOCUMENTS: (2, 0, 0),
        Category.METRICS: (1, 1, 1),
    }
    accuracies = {a: (x.ok, x.n) for a, x in result.accuracies.items()}
    assert accuracies == {
        Attribute.FOCAL: (1, 1),
        Attribute.PROGRAM_PLACE: (0, 1),
        Attribute.DOCUMENT_KIND: (1, 2),
        Attribute.METRIC_PLACE: (1, 1),
        Attribute.METRIC_YEAR: (1, 1),
        Attribute.METRIC_MEASURE: (1, 1),
    }
    assert result.figures()["programs.f1"] == 0.5


def test_score_lists_what_to_fix() -> None:
    issues = {(i.category, i.kind, i.item) for i in score({"a": GOLD}, {"a": PRED}).docs[0].issues}
    assert {
        (Category.PLACES, IssueKind.MISS, "洪江市"),
        (Category.PLACES, IssueKind.FALSE_POSITIVE, "湖南省"),
        (Category.PROGRAMS, IssueKind.MISS, "双报到双服务"),
        (Category.PROGRAMS, IssueKind.FALSE_POSITIVE, "两个维护"),
        (Category.METRICS, IssueKind.MISS, "3.6万余名 (党员干部)"),
        (Category.METRICS, IssueKind.FALSE_POSITIVE, "5个"),
        (Attribute.PROGRAM_PLACE, IssueKind.WRONG, "五个一百工程"),
        (Attribute.DOCUMENT_KIND, IssueKind.WRONG, "人民日报"),
    } <= issues
    assert not any(i[2] == "乡村振兴" for i in issues)


def test_found_local_places_are_no_false_positives() -> None:
    issues = score({"a": GOLD}, {"a": PRED}).docs[0].issues
    assert not [i for i in issues if i.item == "黔城镇"]


@pytest.mark.parametrize(
    ("gold", "pred", "places", "local"),
    [
        # exact names pair first: 南湖区 must not take the gold 南湖街道
        (["南湖街道:township", "南湖区:county"], ["南湖街道", "南湖区"], (1, 0, 0), (1, 0, 0)),
        # a town found but written without its suffix still finds the gold town
        (["长丰镇:township"], ["长丰"], (0, 0, 0), (1, 0, 0)),
        # a prediction matching nothing is a false positive
        (["长丰镇:township"], ["回村"], (0, 1, 0), (0, 0, 1)),
    ],
)
def test_place_matching_levels(
    gold: list[str], pred: list[str], places: tuple[int, ...], local: tuple[int, ...]
) -> None:
    golds = tuple(GoldPlace(*g.split(":")) for g in gold)
    result = score(
        {"a": GoldDoc("a.txt", (), golds)}, {"a": PredDoc(places=tuple(map(PredPlace, pred)))}
    )
    t, lt = result.tallies[Category.PLACES], result.tallies[Category.LOCAL_PLACES]
    assert ((t.tp, t.fp, t.fn), (lt.tp, lt.fp, lt.fn)) == (places, local)


def test_reports_show_figures_and_issues() -> None:
    result = score({"a": GOLD}, {"a": PRED, "b": PredDoc()})
    table, misses = result.format_table(), result.format_misses()
    assert "programs" in table and "0.500" in table and "not scored (no gold): b" in table
    assert "洪江市" in misses and "两个维护" in misses and "乡村振兴" not in misses
    total = result.as_json()["total"]
    assert total["metrics"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert total["program_place_acc"] == 0.0 and result.as_json()["unscored"] == ["b"]


def test_article_without_predictions_scores_zero_recall() -> None:
    result = score({"a": GOLD}, {})
    assert all(t.tp == 0 and t.fp == 0 for t in result.tallies.values())
    assert result.tallies[Category.METRICS].fn == 2


def _perfect(gold: GoldDoc) -> PredDoc:
    """Predictions that state exactly the required gold items (county level and above)."""
    required = [p for p in gold.programs if not p.optional]
    return PredDoc(
        focal_places=gold.focal_places,
        places=tuple(PredPlace(p.name) for p in gold.places if not p.local),
        programs=tuple(PredProgram(p.name, (p.place,) if p.place else ()) for p in required),
        documents=tuple(PredDocument(d.title, d.kind or "other") for d in gold.documents),
        metrics=tuple(PredMetric(m.value, m.unit, m.place, m.year, m.what) for m in gold.metrics),
    )


def test_perfect_predictions_of_the_gold_set_score_one() -> None:
    gold = load_gold(ROOT / "tests" / "gold")
    result = score(gold, {k: _perfect(g) for k, g in gold.items()})
    figures = result.figures()
    assert all(figures[f"{c}.f1"] == 1.0 for c in ("places", "programs", "documents", "metrics"))
    assert all(value == 1.0 for key, value in figures.items() if key.endswith("_acc"))


# ------------------------------------------------------------------ agreement with the reference

NAMES = st.sampled_from(["怀化市", "怀化", "洪江市", "岳阳市南湖新区", "南湖新区", "黔城镇", ""])
PROGRAMS = st.sampled_from(["五个一百", "五个一百工程", "三严三实专题教育", "三严三实教育", "头雁"])
UNITS = st.sampled_from(["名", "%", "％"])


def _gold_json() -> st.SearchStrategy[dict[str, object]]:
    place = st.fixed_dictionaries(
        {
            "name": NAMES.filter(bool),
            "level": st.sampled_from(["prefecture", "county", "township"]),
        }
    )
    program = st.fixed_dictionaries(
        {
            "name": st.sampled_from(["五个一百", "三严三实", "头雁"]),
            "head": st.sampled_from([None, "工程", "专题教育"]),
            "place": st.one_of(st.none(), NAMES.filter(bool)),
            "optional": st.booleans(),
        }
    )
    metric = st.fixed_dictionaries(
        {
            "span": st.just("x"),
            "value": st.integers(1, 2),
            "unit": UNITS,
            "what": st.sampled_from(["党员", "党员干部", "村"]),
            "place": st.one_of(st.none(), NAMES.filter(bool)),
            "year": st.sampled_from([None, 2020, 2021]),
            "optional": st.booleans(),
        }
    )
    document = st.fixed_dictionaries(
        {
            "title": st.sampled_from(["九条措施", "人民日报"]),
            "kind": st.sampled_from(["policy", "media"]),
            "optional": st.booleans(),
        }
    )
    return st.fixed_dictionaries(
        {
            "focal_places": st.lists(NAMES.filter(bool), max_size=2),
            "places": st.lists(place, max_size=4),
            "programs": st.lists(program, max_size=4),
            "documents": st.lists(document, max_size=2),
            "metrics": st.lists(metric, max_size=6),
        }
    )


def _pred_json() -> st.SearchStrategy[dict[str, object]]:
    metric = st.fixed_dictionaries(
        {
            "value": st.integers(1, 2),
            "unit": UNITS,
            "place": st.one_of(st.none(), NAMES),
            "year": st.sampled_from([None, "2020", "2021-05"]),
            "measure": st.one_of(st.none(), st.sampled_from(["党员", "干部", "村庄"])),
        }
    )
    return st.fixed_dictionaries(
        {
            "focal_places": st.lists(NAMES, max_size=2),
            "places": st.lists(st.fixed_dictionaries({"name": NAMES}), max_size=4),
            "programs": st.lists(
                st.fixed_dictionaries({"name": PROGRAMS, "place": st.lists(NAMES, max_size=2)}),
                max_size=4,
            ),
            "documents": st.lists(
                st.fixed_dictionaries(
                    {
                        "title": st.sampled_from(["《九条措施》", "人民日报", "其他"]),
                        "kind": st.sampled_from(["policy", "other"]),
                    }
                ),
                max_size=2,
            ),
            "metrics": st.lists(metric, max_size=6),
        }
    )


def _reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference_totals(module: ModuleType, gold_dir: Path, pred_dir: Path) -> dict[str, object]:
    tallies, accuracies, _ = module.score(gold_dir, pred_dir)
    out: dict[str, object] = {k: (t.tp, t.fp, t.fn) for k, t in tallies.items()}
    out |= {f"{k}_acc": (a.ok, a.n) for k, a in accuracies.items()}
    return out


def _our_totals(gold_dir: Path, pred_dir: Path) -> dict[str, object]:
    result = score(load_gold(gold_dir), load_predictions(pred_dir))
    out: dict[str, object] = {str(c): (t.tp, t.fp, t.fn) for c, t in result.tallies.items()}
    out |= {f"{a}_acc": (x.ok, x.n) for a, x in result.accuracies.items()}
    return out


def test_scorer_agrees_with_the_reference_on_arbitrary_articles() -> None:
    if not REFERENCE_SCORER.exists():
        # Without the shared reference, the hand-computed case stands in for it.
        test_score_counts_hits_misses_and_false_positives()
        return
    reference = _reference()

    @settings(max_examples=200, deadline=None)
    @given(gold=_gold_json(), pred=_pred_json())
    def agree(gold: dict[str, object], pred: dict[str, object]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            gold_dir, pred_dir = Path(tmp, "gold"), Path(tmp, "pred")
            gold_dir.mkdir()
            pred_dir.mkdir()
            (gold_dir / "a.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
            (pred_dir / "a.json").write_text(json.dumps(pred, ensure_ascii=False), "utf-8")
            assert _our_totals(gold_dir, pred_dir) == _reference_totals(
                reference, gold_dir, pred_dir
            )

    agree()


# ------------------------------------------------------------------ reading gold


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"places": [{"level": "county"}]}', "places[0] has no 'name'"),
        ('{"metrics": [{"span": "x", "value": "many"}]}', "metrics[0]: value 'many' is not"),
        ('{"programs": {"name": "x"}}', "'programs' must be a list"),
    ],
)
def test_malformed_gold_is_a_one_line_gold_error(
    tmp_path: Path, content: str, message: str
) -> None:
    folder = _write(tmp_path / "gold", "a.json", content)
    with pytest.raises(GoldError, match=re.escape(message)) as info:
        load_gold(folder)
    assert "a.json" in str(info.value) and "\n" not in str(info.value)


def test_missing_or_empty_gold_folder_is_a_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not found"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(GoldError, match=r"no gold files"):
        load_gold(tmp_path)


def test_gold_set_loads_with_its_counts() -> None:
    folder = ROOT / "tests" / "gold"
    gold = load_gold(folder)
    assert sorted(gold) == sorted(f.stem for f in folder.glob("*.json"))
    for key, doc in gold.items():
        raw = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        assert len(doc.metrics) == len(raw["metrics"]) and doc.focal_places


def test_prediction_json_round_trips(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", json.dumps(prediction_json(PRED), ensure_ascii=False))
    back = load_predictions(tmp_path)["a"]
    assert back.programs == PRED.programs and back.places == PRED.places
    assert [m.value for m in back.metrics] == [m.value for m in PRED.metrics]


# ------------------------------------------------------------------ reading a graph

TEXT_A = "怀化市实施“五个一百”工程。出台《九条措施》。全市12名党员参加。另有12名干部。"
TEXT_B = "潜江市推行“双报到双服务”。编印《谈话60问》。"


def _ev(text: str, needle: str, nth: int = 0) -> Evidence:
    return evidence(text, needle, "t", nth)


def _graph() -> Graph:
    a = ArticleFacts(
        source=source(TEXT_A, "000_a.txt"),
        places=(HUNAN, HUAIHUA),
        place_mentions=(PlaceMention("431200", "怀化市", _ev(TEXT_A, "怀化市")),),
        sections=(),
        focus=("431200",),
        programs=(
            ProgramMention(
                "五个一百", "工程", ProgramKind.PROJECT, "431200", _ev(TEXT_A, "五个一百")
            ),
        ),
        documents=(
            DocumentMention("九条措施", DocumentKind.POLICY, None, _ev(TEXT_A, "九条措施")),
        ),
        metrics=(  # listed out of text order on purpose
            Metric("12名", Decimal(12), "名", False, _ev(TEXT_A, "12名", 1), measure="干部"),
            Metric("12名", Decimal(12), "名", False, _ev(TEXT_A, "12名"), "党员", "431200"),
        ),
    )
    b = ArticleFacts(
        source=source(TEXT_B, "001_b.txt"),
        places=(HUBEI, QIANJIANG),
        place_mentions=(PlaceMention("429005", "潜江市", _ev(TEXT_B, "潜江市")),),
        sections=(),
        focus=("429005",),
        programs=(
            ProgramMention(
                "双报到双服务", None, ProgramKind.MECHANISM, "429005", _ev(TEXT_B, "双报到")
            ),
        ),
        documents=(DocumentMention("谈话60问", DocumentKind.WORK, None, _ev(TEXT_B, "谈话60问")),),
        metrics=(),
    )
    return build_graph(resolve([a, b]))


def test_predictions_from_graph_reads_each_article() -> None:
    preds = predictions_from_graph(_graph())
    assert sorted(preds) == ["000_a", "001_b"]
    a, b = preds["000_a"], preds["001_b"]
    assert a.focal_places == ("怀化市",) and b.focal_places == ("潜江市",)
    assert [p.name for p in a.places] == ["怀化市"]  # parents are not mentioned: not listed
    assert a.programs == (PredProgram("五个一百", ("怀化市",)),)
    assert b.programs == (PredProgram("双报到双服务", ("潜江市",)),)
    assert a.documents == (PredDocument("九条措施", "policy"),)
    assert b.documents == (PredDocument("谈话60问", "other"),)


def test_predicted_metrics_follow_the_text_order() -> None:
    metrics = predictions_from_graph(_graph())["000_a"].metrics
    assert [(m.measure, m.place) for m in metrics] == [("党员", "怀化市"), ("干部", None)]
    assert all(m.value == 12.0 and m.unit == "名" and m.text == "12名" for m in metrics)


def test_predictions_from_graph_score_like_the_gold_they_state(tmp_path: Path) -> None:
    gold = json.dumps(
        {
            "focal_places": ["怀化市"],
            "places": [{"name": "怀化市", "level": "prefecture"}],
            "programs": [{"name": "五个一百", "head": "工程", "place": "怀化市"}],
            "documents": [{"title": "九条措施", "kind": "policy"}],
            "metrics": [
                {"span": "12名", "value": 12, "unit": "名", "what": "党员", "place": "怀化市"},
                {"span": "12名", "value": 12, "unit": "名", "what": "干部"},
            ],
        },
        ensure_ascii=False,
    )
    result = score(
        load_gold(_write(tmp_path, "000_a.json", gold)), predictions_from_graph(_graph())
    )
    assert all(v == 1.0 for v in result.figures().values() if v is not None)
    assert result.unscored == ("001_b",)
