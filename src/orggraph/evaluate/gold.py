"""Reading gold annotations and prediction JSON (eval/SCHEMA.md), one file per article."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from orggraph.errors import GoldError
from orggraph.evaluate.items import (
    GoldDoc,
    GoldDocument,
    GoldMetric,
    GoldPlace,
    GoldProgram,
    PredDoc,
    PredDocument,
    PredMetric,
    PredPlace,
    PredProgram,
)

T = TypeVar("T")
Json = dict[str, Any]


def load_gold(gold_dir: Path) -> dict[str, GoldDoc]:
    """Every ``<article>.json`` in ``gold_dir``, keyed by file stem; GoldError if unusable."""
    files = _json_files(gold_dir, "gold")
    return {f.stem: _gold_doc(f.stem, _read_object(f), f) for f in files}


def load_predictions(pred_dir: Path) -> dict[str, PredDoc]:
    """Prediction JSON as written by eval/from_turtle.py, keyed by file stem."""
    return {f.stem: _pred_doc(_read_object(f)) for f in _json_files(pred_dir, "prediction")}


def prediction_json(pred: PredDoc) -> Json:
    """One article's predictions in the form eval/from_turtle.py writes."""
    return {
        "focal_places": list(pred.focal_places),
        "places": [{"name": p.name} for p in pred.places],
        "programs": [{"name": p.name, "place": list(p.places)} for p in pred.programs],
        "documents": [{"title": d.title, "kind": d.kind} for d in pred.documents],
        "metrics": [
            {
                "value": m.value,
                "unit": m.unit,
                "place": m.place,
                "year": m.year,
                "measure": m.measure,
            }
            for m in pred.metrics
        ],
    }


def _json_files(folder: Path, what: str) -> list[Path]:
    if not folder.is_dir():
        raise GoldError(f"{what} folder not found: {folder}")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise GoldError(f"no {what} files (*.json) in {folder}")
    return files


def _read_object(path: Path) -> Json:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except (ValueError, RecursionError) as exc:  # nesting or integers beyond the parser
        raise GoldError(f"{path}: not readable JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object at top level")
    return data


def _items(data: Json, key: str, path: Path, make: Callable[[Json], T]) -> tuple[T, ...]:
    """Build each object of list ``data[key]``; a malformed one is a GoldError naming it."""
    raw = data.get(key) or []
    if not isinstance(raw, list):
        raise GoldError(f"{path}: '{key}' must be a list")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise GoldError(f"{path}: {key}[{i}] must be an object")
        try:
            out.append(make(item))
        except KeyError as exc:
            raise GoldError(f"{path}: {key}[{i}] has no '{exc.args[0]}'") from exc
        except (TypeError, ValueError) as exc:
            raise GoldError(f"{path}: {key}[{i}]: {exc}") from exc
    return tuple(out)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _required(item: Json, key: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"value {value!r} is not a number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"value {value!r} is not a finite number")
    return number


def _strings(data: Json, key: str, path: Path) -> tuple[str, ...]:
    raw = data.get(key) or []
    if not isinstance(raw, list):
        raise GoldError(f"{path}: '{key}' must be a list")
    return tuple(str(x) for x in raw if x)


def _gold_doc(stem: str, data: Json, path: Path) -> GoldDoc:
    return GoldDoc(
        doc=str(data.get("doc") or f"{stem}.txt"),
        focal_places=_strings(data, "focal_places", path),
        places=_items(data, "places", path, _gold_place),
        programs=_items(data, "programs", path, _gold_program),
        documents=_items(data, "documents", path, _gold_document),
        metrics=_items(data, "metrics", path, _gold_metric),
    )


def _gold_place(item: Json) -> GoldPlace:
    return GoldPlace(
        _required(item, "name"), str(item.get("level") or ""), bool(item.get("optional"))
    )


def _gold_program(item: Json) -> GoldProgram:
    return GoldProgram(
        name=_required(item, "name"),
        head=_text(item.get("head")),
        place=_text(item.get("place")),
        optional=bool(item.get("optional")),
        evidence=_text(item.get("evidence")),
    )


def _gold_document(item: Json) -> GoldDocument:
    return GoldDocument(
        _required(item, "title"), _text(item.get("kind")), bool(item.get("optional"))
    )


def _gold_metric(item: Json) -> GoldMetric:
    return GoldMetric(
        span=str(item.get("span") or ""),
        value=_number(item["value"]),
        unit=_text(item.get("unit")),
        what=_text(item.get("what")),
        place=_text(item.get("place")),
        year=_text(item.get("year")),
        optional=bool(item.get("optional")),
    )


def _pred_doc(data: Json) -> PredDoc:
    def places(item: Json) -> tuple[str, ...]:
        raw = item.get("place")
        return tuple(str(x) for x in (raw if isinstance(raw, list) else [raw]) if x)

    def value(raw: Any) -> float | None:
        try:
            return float(raw)
        except (TypeError, ValueError):
            return None

    return PredDoc(
        focal_places=tuple(str(x) for x in data.get("focal_places") or [] if x),
        places=tuple(PredPlace(str(p.get("name") or "")) for p in data.get("places") or []),
        programs=tuple(
            PredProgram(str(p.get("name") or ""), places(p)) for p in data.get("programs") or []
        ),
        documents=tuple(
            PredDocument(str(d.get("title") or ""), str(d.get("kind") or "other"))
            for d in data.get("documents") or []
        ),
        metrics=tuple(
            PredMetric(
                value=value(m.get("value")),
                unit=_text(m.get("unit")),
                place=_text(m.get("place")),
                year=_text(m.get("year")),
                measure=_text(m.get("measure")),
            )
            for m in data.get("metrics") or []
        ),
    )
