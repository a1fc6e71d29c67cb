"""Benchmark of `orggraph build`: throughput against jieba.cut, parallel speed-up, start-up, memory.

    uv run python scripts/bench_build.py [--corpus DIR] [--scale K] [--jobs 1,2]
                                         [--doc-length] [--rss-scale K2] [--rdflib-page]

Every figure comes from the same run: each build runs in a fresh process (its peak RSS is its
own), stage by stage (read; extract, with each article's graph fragment made in the workers;
resolve; graph: the shared nodes and the merge of the fragments; Turtle write; store load;
pagegraph: the index of the graph the HTML page reads, from the fragments (``--rdflib-page``
also times the page read from an rdflib graph of the corpus, as before); HTML, with the
articles' texts as a build gives them; CSV). With ``--jobs`` > 1 the page is written in a
forked process during graph/Turtle/store/CSV, as the build does: "html" is then the wait for
it (with its CPU time, counted when it ends) and "pagegraph" is 0. chars/s counts the
normalized characters of the corpus over the build's time after start-up. jieba.cut runs over
the same texts with its dictionary already loaded. ``--scale K`` repeats the corpus as K
distinct files; ``--doc-length`` cuts the same text into 2.5k/10k/40k/100k-character documents
and compares extraction time per character; ``--rss-scale K2`` also builds at scale K2 to
compare peak RSS. On a shared machine absolute numbers are noisy: read the same-run ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wild"
DOC_LENGTHS = (2_500, 10_000, 40_000, 100_000)
STAGES = ("read", "extract", "resolve", "graph", "turtle", "store", "pagegraph", "html", "csv")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _env(pycache: Path) -> dict[str, str]:
    """Bytecode cached in ``pycache`` (as an installed package has it), not in the tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def worker_build(
    inputs: Path, out: Path, jobs: int, rdflib_page: bool = False
) -> dict[str, object]:
    """One build, stage by stage, in this (fresh) process."""
    t0 = time.perf_counter()
    import orggraph.build  # noqa: F401  (its import time is counted)
    from orggraph.executor import extract_with_fragments
    from orggraph.ingest.read import read_inputs
    from orggraph.outputs.atomic import write_text
    from orggraph.outputs.html import render_html
    from orggraph.outputs.html.render import collector_paused
    from orggraph.outputs.metrics_csv import write_metrics_csv
    from orggraph.outputs.pagejob import PageJob
    from orggraph.pipeline import load_pipeline
    from orggraph.rdf.build import build_graph
    from orggraph.rdf.fragments import article_id, graph_fragments, merged_turtle
    from orggraph.rdf.rendered import index_of_fragments
    from orggraph.rdf.store import write_store
    from orggraph.resolve import resolve

    t_import = time.perf_counter() - t0
    load_pipeline()
    t_startup = time.perf_counter() - t0
    cpu_startup = _cpu_s()
    times: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    last_cpu = [cpu_startup]

    def stage(name: str, start: float) -> float:
        now, cpu = time.perf_counter(), _cpu_s()
        times[name] = now - start
        cpu_times[name] = cpu - last_cpu[0]
        last_cpu[0] = cpu
        return now

    t = time.perf_counter()
    read = read_inputs([inputs])
    chars = sum(len(a.text) for a in read.articles)
    t = stage("read", t)
    pairs = [f for f in extract_with_fragments(read.articles, jobs) if isinstance(f, tuple)]
    fragments = {article_id(facts.source): fragment for facts, fragment in pairs}
    t = stage("extract", t)
    corpus = resolve([facts for facts, _ in pairs])
    t = stage("resolve", t)
    background = jobs > 1 and not rdflib_page  # as the build: the page beside graph and store
    with PageJob(corpus, out, fragments, background=background) as page:
        parts = list(graph_fragments(corpus, fragments))
        text, _ = merged_turtle(parts)
        t = stage("graph", t)
        write_text(out / "graph.ttl", text)
        t = stage("turtle", t)
        write_store(out / "graph.ttl", out / "store")
        t = stage("store", t)
        write_metrics_csv(corpus.articles, out / "metrics.csv")
        t = stage("csv", t)
        if background:
            t = stage("pagegraph", t)
            page.finish(parts)  # the wait for the forked process, and its CPU time
        else:
            if rdflib_page:
                graph = build_graph(corpus)  # as the build did before
            else:
                with collector_paused():  # as the build's page (outputs.pagejob.write_page)
                    graph = index_of_fragments(parts)
            t = stage("pagegraph", t)
            texts = {a.source.sha256: a.source.original for a in corpus.articles}
            render_html(graph, out / "graph.html", texts=texts)
        stage("html", t)
    total = sum(times.values())
    cpu = _cpu_s() - cpu_startup
    return {
        "cpu_s": cpu,
        "chars_per_cpu_s": chars / cpu,
        "jobs": jobs,
        "rdflib_page": rdflib_page,
        "articles": len(read.articles),
        "chars": chars,
        "import_s": t_import,
        "startup_s": t_startup,
        "stages": times,
        "stage_cpu": cpu_times,
        "build_s": total,
        "chars_per_s": chars / total,
        "peak_rss_mb": _rss_mb(),
    }


def worker_extract_only(inputs: Path) -> dict[str, object]:
    """Extraction time per character of the documents in ``inputs`` (one process)."""
    from orggraph.build import extract_texts
    from orggraph.ingest.read import read_inputs
    from orggraph.pipeline import load_pipeline

    load_pipeline()
    read = read_inputs([inputs])
    chars = sum(len(a.text) for a in read.articles)
    t, c = time.perf_counter(), time.process_time()
    for _ in extract_texts(read.articles, 1):
        pass
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    return {
        "chars": chars,
        "extract_s": elapsed,
        "s_per_mchar": elapsed / chars * 1e6,
        "cpu_s_per_mchar": cpu / chars * 1e6,
    }


PYCACHE: Path = Path(tempfile.gettempdir()) / "orggraph-bench-pycache"


def run_worker(*args: str) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(
        cmd, check=True, capture_output=True, text=True, cwd=ROOT, env=_env(PYCACHE)
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def texts_of(corpus: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]


def make_corpus(texts: list[str], scale: int, folder: Path) -> Path:
    """The texts ``scale`` times as distinct files: copy k ends in k extra newlines, so its
    original text (and hash) differs while its normalized text, and so its facts, do not
    (the build keeps only the first of identical texts)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(scale):
        for i, text in enumerate(texts):
            (folder / f"s{k:02d}_{i:04d}.txt").write_text(text + "\n" * k, encoding="utf-8")
    return folder


def cut_corpus(texts: list[str], length: int, folder: Path) -> Path:
    """The same text, joined and cut into documents of ``length`` characters."""
    folder.mkdir(parents=True, exist_ok=True)
    whole = "\n".join(texts)
    for i in range(0, len(whole), length):
        (folder / f"d{i // length:05d}.txt").write_text(whole[i : i + length], encoding="utf-8")
    return folder


def jieba_chars_per_s(texts: list[str]) -> tuple[float, float]:
    """chars/s of jieba.cut (wall and CPU), its dictionary already loaded."""
    import jieba

    jieba.initialize()
    t, c = time.perf_counter(), time.process_time()
    chars = 0
    for text in texts:
        chars += len(text)
        for _ in jieba.cut(text):
            pass
    return chars / (time.perf_counter() - t), chars / (time.process_time() - c)


def startup_s() -> dict[str, float]:
    """Import + pipeline load in a fresh process, bytecode warm (the second of two runs)."""
    code = (
        "import time; c=time.process_time(); t=time.perf_counter(); import orggraph.cli;"
        "import orggraph.build; from orggraph.pipeline import load_pipeline;"
        "i=time.perf_counter()-t; load_pipeline(); import json;"
        "print(json.dumps([i, time.perf_counter()-t, time.process_time()-c]))"
    )
    for _ in range(2):
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=_env(PYCACHE),
        )
        wall = time.perf_counter() - t
    imports, loaded, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return {"import_s": imports, "import_and_load_s": loaded, "cpu_s": cpu, "process_wall_s": wall}


def report_build(result: dict[str, object]) -> None:
    stages = result["stages"]
    assert isinstance(stages, dict)
    cpu = result["stage_cpu"]
    assert isinstance(cpu, dict)
    parts = "  ".join(f"{k} {stages[k]:.1f}" for k in STAGES)
    cpu_parts = "  ".join(f"{k} {cpu[k]:.1f}" for k in STAGES)
    how = " (page from an rdflib graph, as before)" if result.get("rdflib_page") else ""
    print(
        f"  --jobs {result['jobs']}{how}: {result['chars_per_s']:,.0f} chars/s wall, "
        f"{result['chars_per_cpu_s']:,.0f} chars/CPU-s  build {result['build_s']:.1f} s wall, "
        f"{result['cpu_s']:.1f} CPU-s  peak RSS {result['peak_rss_mb']:.0f} MB (main process)"
    )
    print(f"    stages, wall s: {parts}")
    print(f"    stages, CPU s:  {cpu_parts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--doc-length", action="store_true")
    parser.add_argument("--rss-scale", type=int, default=0)
    parser.add_argument("--rdflib-page", action="store_true")
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        mode, *rest = args.worker
        if mode == "build":
            out = worker_build(Path(rest[0]), Path(rest[1]), int(rest[2]), rest[3:] == ["rdflib"])
        else:
            out = worker_extract_only(Path(rest[0]))
        print(json.dumps(out))
        return

    texts = texts_of(args.corpus)
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, {sys.platform}")
    print(f"corpus: {args.corpus} ({len(texts)} files) x scale {args.scale}")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        base = Path(tmp)
        corpus = make_corpus(texts, args.scale, base / "corpus")
        up = startup_s()
        print(
            f"start-up: import {up['import_s']:.2f} s, import + pipeline load "
            f"{up['import_and_load_s']:.2f} s wall, {up['cpu_s']:.2f} CPU-s "
            f"(process wall {up['process_wall_s']:.2f} s)"
        )
        jieba_rate, jieba_cpu = jieba_chars_per_s(texts * args.scale)
        print(
            f"jieba.cut: {jieba_rate:,.0f} chars/s wall, {jieba_cpu:,.0f} chars/CPU-s "
            "(dictionary loaded, one core)"
        )
        results = {}
        for jobs in (int(j) for j in args.jobs.split(",")):
            target = base / f"out-{jobs}"
            target.mkdir()
            results[jobs] = run_worker("build", str(corpus), str(target), str(jobs))
        print(f"build ({results[min(results)]['chars']:,} chars):")
        for result in results.values():
            report_build(result)
        if args.rdflib_page:
            (base / "out-rdflib").mkdir()
            old = run_worker("build", str(corpus), str(base / "out-rdflib"), "1", "rdflib")
            report_build(old)
            page = (base / "out-rdflib" / "graph.html").read_bytes()
            same = all((base / f"out-{j}" / "graph.html").read_bytes() == page for j in results)
            print(f"  graph.html byte-identical to the page of the rdflib graph: {same}")
        for jobs, result in results.items():
            ratio = float(result["chars_per_s"]) / jieba_rate  # type: ignore[arg-type]
            cpu_ratio = float(result["chars_per_cpu_s"]) / jieba_cpu  # type: ignore[arg-type]
            print(
                f"  ratio --jobs {jobs} / jieba.cut: {ratio:.3f} (wall), "
                f"{cpu_ratio:.3f} (per CPU-second)"
            )
        if 1 in results and len(results) > 1:
            one = float(results[1]["chars_per_s"])  # type: ignore[arg-type]
            for jobs, result in results.items():
                if jobs != 1:
                    speedup = float(result["chars_per_s"]) / one  # type: ignore[arg-type]
                    print(f"  speed-up --jobs {jobs} / --jobs 1: {speedup:.2f}x")
            ttl = {j: (base / f"out-{j}" / "graph.ttl").read_bytes() for j in results}
            print(f"  graph.ttl byte-identical across jobs: {len(set(ttl.values())) == 1}")
            page = {j: (base / f"out-{j}" / "graph.html").read_bytes() for j in results}
            print(f"  graph.html byte-identical across jobs: {len(set(page.values())) == 1}")
        if args.rss_scale:
            big = make_corpus(texts, args.rss_scale, base / "big")
            (base / "out-big").mkdir()
            jobs = max(results)
            result = run_worker("build", str(big), str(base / "out-big"), str(jobs))
            small = float(results[jobs]["peak_rss_mb"])  # type: ignore[arg-type]
            big_rss = float(result["peak_rss_mb"])  # type: ignore[arg-type]
            print(
                f"peak RSS --jobs {jobs}: scale {args.scale} {small:.0f} MB, scale "
                f"{args.rss_scale} {big_rss:.0f} MB ({big_rss / small:.2f}x); "
                f"{result['chars_per_s']:,.0f} chars/s at scale {args.rss_scale}"
            )
        if args.doc_length:
            print("extraction time by document length (same text, --jobs 1):")
            rates, cpu_rates = {}, {}
            for length in DOC_LENGTHS:
                folder = cut_corpus(texts * args.scale, length, base / f"len-{length}")
                r = run_worker("extract", str(folder))
                rates[length] = float(r["s_per_mchar"])  # type: ignore[arg-type]
                cpu_rates[length] = float(r["cpu_s_per_mchar"])  # type: ignore[arg-type]
                print(
                    f"  {length:>7,}-char documents: {rates[length]:.1f} s wall, "
                    f"{cpu_rates[length]:.1f} CPU-s per million chars"
                )
            first, last = DOC_LENGTHS[0], DOC_LENGTHS[-1]
            print(
                f"  longest / shortest: {rates[last] / rates[first]:.2f}x wall, "
                f"{cpu_rates[last] / cpu_rates[first]:.2f}x CPU"
            )


if __name__ == "__main__":
    main()
