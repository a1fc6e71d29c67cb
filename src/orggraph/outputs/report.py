"""report.json and the summary of a build: counts, inputs, reference data, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from orggraph import __version__
from orggraph.resolve import Corpus
from orggraph.resources import versions as refdata


@dataclass(frozen=True)
class BuildSummary:
    """What a build produced: counts, warnings and the files written."""

    articles: int
    places: int
    programs: int
    documents: int
    metrics: int
    warnings: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = field(default_factory=tuple)


def summarize(
    corpus: Corpus, warnings: Sequence[str], outputs: Sequence[Path] = ()
) -> BuildSummary:
    mentioned = {m.place for a in corpus.articles for m in a.place_mentions}
    return BuildSummary(
        articles=len(corpus.articles),
        places=len(mentioned),
        programs=len(corpus.programs),
        documents=len(corpus.documents),
        metrics=sum(len(a.metrics) for a in corpus.articles),
        warnings=tuple(warnings),
        outputs=tuple(outputs),
    )


def run_report(corpus: Corpus, summary: BuildSummary) -> dict[str, object]:
    """The per-run record written to ``report.json``."""
    return {
        "orggraph_version": __version__,
        "reference_data": reference_data_versions(),
        "inputs": [
            {
                "source_file": a.source.source_file,
                "path": a.source.path,
                "sha256": a.source.sha256,
                "encoding": a.source.encoding,
                "traditional": a.source.traditional,
            }
            for a in corpus.articles
        ],
        "counts": {
            "articles": summary.articles,
            "places": summary.places,
            "programs": summary.programs,
            "documents": summary.documents,
            "metrics": summary.metrics,
            "warnings": len(summary.warnings),
        },
        "warnings": list(summary.warnings),
    }


def reference_data_versions() -> dict[str, str]:
    """Versions of the reference data the extractors used."""
    return refdata.versions()
