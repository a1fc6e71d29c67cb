"""Benchmark the store: build, Turtle write, store load, named queries, incremental rebuild.

    uv run python scripts/bench_store.py --copies 6 --work /tmp/bench-store

1. A corpus of the wild reports repeated ``--copies`` times as distinct files (each copy ends
   with a line naming it, so every file has its own hash); ``--copies 6`` gives ~1M triples.
2. A clean build (``--no-cache``-equivalent, no HTML): total time; then, timed apart, the
   Turtle write and the store load of that graph.
3. Each named query's p50/p95 through the store (``query OUT``), through the Turtle file
   (``query graph.ttl``: load + query, as one CLI call does) and through rdflib.
4. A rebuild after changing 1% of the files (with the cache) against the clean build time
   (``--rebuild-only``: in one process with the pipeline loaded before both builds, and as
   two ``orggraph build --no-html`` commands; the rebuilt outputs checked against a clean
   build's bytes).

Prints Markdown for docs/performance.md.

``--replicate`` builds WORK/out from the wild reports' facts (extracted once, cached in
WORK/cache) repeated ``--copies`` times, without extracting the copies: the graph of the 1M
scale in minutes; then ``--queries-only WORK/out`` times the named queries on it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from orggraph.build import build, build_corpus, serialize_turtle, write_outputs
from orggraph.cache import CACHE_DIR, FactsCache
from orggraph.rdf.build import build_graph
from orggraph.rdf.load import load_graph
from orggraph.rdf.namespace import sparql_prologue
from orggraph.rdf.query import load_store, named_queries, run_query
from orggraph.rdf.sparql_text import bind_params
from orggraph.rdf.store import memory_store, write_store
from orggraph.records import ArticleFacts
from orggraph.resolve import resolve

WILD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wild"
PARAMS = {
    "programs-by-place": {"place": "浙江省"},
    "place-metrics": {"place": "浙江省"},
    "documents-by-place": {"place": "浙江省"},
    "link-evidence": {"program": "红色物业", "place": "浙江省"},
}


def make_corpus(target: Path, copies: int) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(copies):
        for path in sorted(WILD.iterdir()):
            copy = target / f"c{k:03d}_{path.name}"
            text = path.read_text(encoding="utf-8", errors="replace")
            copy.write_text(f"{text.rstrip()}\n\n（副本 {k}）\n", encoding="utf-8")
            files.append(copy)
    return files


def replicated(articles: tuple[ArticleFacts, ...], copies: int) -> list[ArticleFacts]:
    """The facts of every article ``copies`` times, each copy under its own file and hash."""
    out = []
    for k in range(copies):
        for facts in articles:
            src = facts.source
            sha = hashlib.sha256(f"{src.sha256}/{k}".encode()).hexdigest()
            name = f"c{k:03d}_{src.source_file}"
            source = dataclasses.replace(src, sha256=sha, source_file=name, path=name)
            out.append(dataclasses.replace(facts, source=source))
    return out


def build_replicated(work: Path, copies: int, jobs: int) -> Path:
    """A build of the wild facts replicated ``copies`` times (extracted once, cached in
    ``work/cache``): the graph of a corpus ``copies`` times larger without extracting it."""
    start = time.perf_counter()
    corpus, warnings = build_corpus([WILD], jobs=jobs, cache=FactsCache(work / CACHE_DIR))
    extracted = time.perf_counter()
    big = resolve(replicated(corpus.articles, copies))
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    write_outputs(big, warnings, out, html=False)
    print(
        f"extract {extracted - start:.0f} s; resolve + graph + Turtle + store of "
        f"{len(big.articles)} articles {time.perf_counter() - extracted:.0f} s"
    )
    return out


def timed(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    fn()
    return clock() - start


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (the extraction workers)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def profiled_build(corpus: Path, out: Path, jobs: int, use_cache: bool = True) -> dict[str, float]:
    """One build (no HTML): wall and CPU seconds in all (the extraction processes' included),
    and wall seconds per build phase (phases overlap work in other processes and threads, so
    their CPU cannot be told apart)."""
    marks: list[tuple[str, float]] = []
    t, c = time.perf_counter(), cpu_s()
    build(
        [corpus],
        out,
        html=False,
        jobs=jobs,
        use_cache=use_cache,
        phase=lambda name, _: marks.append((name, time.perf_counter())),
    )
    end = time.perf_counter()
    wall, cpu = end - t, cpu_s() - c
    marks.append(("end", end))
    spent = {"wall": wall, "cpu": cpu}
    for (name, start), (_, stop) in itertools.pairwise(marks):
        spent[name] = stop - start
    return spent


def phases(spent: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.1f}" for k, v in spent.items() if k not in ("wall", "cpu"))


def one_percent(files: list[Path]) -> list[Path]:
    """1 % of the files (at least one), spread over the corpus."""
    count = max(1, len(files) // 100)
    return files[:: max(1, len(files) // count)][:count]


def edit(files: list[Path], mark: str) -> None:
    """Change each file: a line appended (new bytes, a new hash, new facts)."""
    for path in files:
        path.write_text(path.read_text(encoding="utf-8") + f"（改{mark}）\n", encoding="utf-8")


def cli_build(corpus: Path, out: Path, jobs: int, pycache: Path) -> tuple[float, float]:
    """``orggraph build --no-html`` in a fresh process: wall and CPU seconds (start-up in),
    bytecode cached in ``pycache`` as an installed package has it."""
    command = [sys.executable, "-m", "orggraph.cli", "build", str(corpus), "--out", str(out)]
    command += ["--no-html", "--jobs", str(jobs)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    start, cpu = time.perf_counter(), children_cpu_s()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start, children_cpu_s() - cpu


def children_cpu_s() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def bench_rebuild(work: Path, files: list[Path], jobs: int, rebuilds: int = 3) -> list[str]:
    """A clean build, then ``rebuilds`` rebuilds, each after changing the same 1 % of the
    files again: wall and CPU, the median rebuild against the clean build.

    Measured twice: in one process with the pipeline loaded before both builds (so neither
    pays the start-up the other skips; what a long-lived process or the API sees), and as
    ``orggraph build`` commands (each pays the interpreter's and the pipeline's start-up).
    Neither draws the page (``--no-html``). The last rebuild's outputs are checked byte for
    byte against a clean build of the changed files.
    """
    from orggraph.executor import preload
    from orggraph.pipeline import load_pipeline

    corpus, out = work / "corpus", work / "out"
    start, cpu = time.perf_counter(), cpu_s()
    load_pipeline()
    preload()
    lines = [f"start-up (pipeline load): {time.perf_counter() - start:.1f} s wall, "]
    lines[0] += f"{cpu_s() - cpu:.1f} CPU-s; paid before both in-process builds"
    clean = profiled_build(corpus, out, jobs)
    changed = one_percent(files)
    runs = []
    for run in range(rebuilds):
        edit(changed, f"1-{run}")
        runs.append(profiled_build(corpus, out, jobs))
    rebuild = sorted(runs, key=lambda spent: spent["wall"])[len(runs) // 2]
    lines += [
        f"clean build: {clean['wall']:.1f} s wall, {clean['cpu']:.1f} CPU-s; "
        f"wall s by phase: {phases(clean)}",
        f"rebuilds after changing {len(changed)} of {len(files)} files, wall s: "
        + ", ".join(f"{spent['wall']:.2f}" for spent in runs),
        f"median rebuild: {rebuild['wall']:.2f} s wall, {rebuild['cpu']:.2f} CPU-s; "
        f"wall s by phase: {phases(rebuild)}",
        f"rebuild / clean, in one process: {rebuild['wall'] / clean['wall']:.1%} wall, "
        f"{rebuild['cpu'] / clean['cpu']:.1%} CPU",
    ]
    cli_out, pycache, warm = work / "cli-out", work / "pycache", work / "warm"
    warm.mkdir(exist_ok=True)
    for path in files[:2]:  # a first build compiles and caches the bytecode
        shutil.copy(path, warm / path.name)
    cli_build(warm, work / "warm-out", jobs, pycache)
    clean_wall, clean_cpu = cli_build(corpus, cli_out, jobs, pycache)
    timings = []
    for run in range(rebuilds):
        edit(changed, f"2-{run}")
        timings.append(cli_build(corpus, cli_out, jobs, pycache))
    wall, cpu = sorted(timings)[len(timings) // 2]
    lines += [
        f"as orggraph build commands: clean {clean_wall:.1f} s wall, {clean_cpu:.1f} CPU-s; "
        "rebuilds, wall s: " + ", ".join(f"{w:.2f}" for w, _ in timings),
        f"median rebuild command: {wall:.2f} s wall, {cpu:.2f} CPU-s; rebuild / clean: "
        f"{wall / clean_wall:.1%} wall, {cpu / clean_cpu:.1%} CPU",
    ]
    check = work / "check-out"
    build([corpus], check, html=False, jobs=jobs, use_cache=False)
    same = all(
        (cli_out / name).read_bytes() == (check / name).read_bytes()
        for name in ("graph.ttl", "metrics.csv", "report.json")
    )
    lines.append(
        f"rebuilt graph.ttl, metrics.csv, report.json byte-identical to a clean build: {same}"
    )
    return lines


def percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = sorted(timed(fn) for _ in range(runs))
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times) * 1000, p95 * 1000


def cpu_p50(fn: Callable[[], object], runs: int) -> float:
    """Median CPU time (ms): what a query costs when the machine is shared."""
    return statistics.median(timed(fn, time.process_time) for _ in range(runs)) * 1000


def bench_queries(out: Path, runs: int, ttl_runs: int, rdflib_runs: int) -> list[str]:
    store = load_store(out)
    ttl = out / "graph.ttl"
    graph = load_graph(ttl) if rdflib_runs else None
    rows = [
        "| query | params | rows | store p50 / p95 (ms) | store CPU p50 (ms) "
        "| graph.ttl p50 (ms) | rdflib p50 (ms) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, q in named_queries().items():
        params = PARAMS.get(name, {})
        result = run_query(store, q.text, params)
        p50, p95 = percentiles(lambda: run_query(store, q.text, params), runs)  # noqa: B023
        cpu = cpu_p50(lambda: run_query(store, q.text, params), runs)  # noqa: B023
        ttl_p50 = (
            percentiles(lambda: run_query(memory_store(ttl), q.text, params), ttl_runs)[0]  # noqa: B023
            if ttl_runs
            else float("nan")
        )
        rdf_p50 = float("nan")
        if graph is not None:
            text = sparql_prologue() + bind_params(q.text, params)
            rdf_p50 = percentiles(lambda: list(graph.query(text)), rdflib_runs)[0]  # noqa: B023
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        rows.append(
            f"| {name} | {shown} | {len(result.rows)} | {p50:.1f} / {p95:.1f} | {cpu:.1f} "
            f"| {ttl_p50:.0f} | {rdf_p50:.0f} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-store"))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20, help="runs per query through the store")
    parser.add_argument("--ttl-runs", type=int, default=3)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--queries-only", type=Path, help="only time the queries of this build")
    parser.add_argument(
        "--replicate",
        action="store_true",
        help="build WORK/out from the wild facts repeated --copies times (no query timing)",
    )
    parser.add_argument("--rebuild-only", action="store_true", help="only the 1%% rebuild")
    parser.add_argument("--rebuilds", type=int, default=3, help="rebuilds timed (median)")
    args = parser.parse_args()
    if args.replicate:
        build_replicated(args.work, args.copies, args.jobs)
        return
    if args.queries_only:
        print("\n".join(bench_queries(args.queries_only, args.runs, args.ttl_runs, 0)))
        return
    shutil.rmtree(args.work, ignore_errors=True)
    files = make_corpus(args.work / "corpus", args.copies)
    out = args.work / "out"
    if args.rebuild_only:
        print("\n".join(bench_rebuild(args.work, files, args.jobs, args.rebuilds)))
        return
    clean = timed(lambda: build([args.work / "corpus"], out, html=False, jobs=args.jobs))
    corpus, _ = build_corpus([args.work / "corpus"], cache=FactsCache(out / CACHE_DIR))
    graph = build_graph(corpus)
    text = ""

    def write() -> None:
        nonlocal text
        text = serialize_turtle(graph)

    turtle_s = timed(write)
    store_s = timed(lambda: write_store(out / "graph.ttl", args.work / "store-copy"))
    print(
        f"files {len(files)}, triples {len(graph)}, clean build {clean:.1f} s "
        f"(jobs {args.jobs}), Turtle write {turtle_s:.1f} s, store load {store_s:.1f} s"
    )
    print("\n".join(bench_queries(out, args.runs, args.ttl_runs, args.rdflib_runs)))
    changed = one_percent(files)
    edit(changed, "")
    rebuild = timed(lambda: build([args.work / "corpus"], out, html=False, jobs=args.jobs))
    print(
        f"rebuild after changing {len(changed)} of {len(files)} files: {rebuild:.1f} s "
        f"= {100 * rebuild / clean:.0f}% of the clean build"
    )


if __name__ == "__main__":
    main()
