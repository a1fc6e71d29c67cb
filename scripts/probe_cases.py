"""The probe's cases for builds, kills, queries and walks (scripts/probe_rerun.py).

Inputs are made-up reports of the probe's shapes (or the seeds, as in the probe); every
command is the real CLI in its own process.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import typing
from collections.abc import Callable
from pathlib import Path

from probe_harness import (
    OUTPUTS,
    REPORT,
    ROOT,
    SEED,
    SEED2,
    Outcome,
    Scratch,
    case,
    leftovers,
    sums,
    work_area,
)

# A killed build's janitor cleans in milliseconds; the margin is for a loaded machine.
JANITOR_SECONDS = 20.0

# F1, F4, F15 --------------------------------------------------------------------------------


@case("F1")
def non_utf8_name_after_a_build(s: Scratch) -> Outcome:
    s.write("r/a.txt", SEED.read_bytes())
    s.ok("build", "r", "--out", "out2")
    s.write(b"r/b\xff.txt", SEED2.read_bytes())
    done = s.cli("build", "r", "--out", "out2")
    report = json.loads((s / "out2/report.json").read_text(encoding="utf-8"))
    names = [i["source_file"] for i in report["inputs"]]
    return Outcome(done.built().held and "b\\xff.txt" in names, f"rc {done.code}, inputs {names}")


@case("F1")
def write_failure_keeps_the_old_out(s: Scratch) -> Outcome:
    s.write("small.txt", SEED.read_text(encoding="utf-8")[:2500])
    s.ok("build", "small.txt", "--out", "out")
    before = sums(s / "out")
    done = s.cli("build", SEED, "--out", "out", prefix=("prlimit", "--fsize=300000", "--"))
    kept = sums(s / "out") == before and not leftovers(s / "out")
    return Outcome(done.one_line().held and kept, done.one_line().note + f", out kept {kept}")


def _killed_at(s: Scratch, moment: Callable[[Path], bool], label: str) -> Outcome:
    s.write("small.txt", SEED.read_text(encoding="utf-8")[:2500])
    s.ok("build", "small.txt", "--out", "out")
    old = sums(s / "out")
    command = [sys.executable, "-m", "orggraph.cli", "build", str(SEED), "--out", "out"]
    proc = subprocess.Popen(
        command, cwd=s.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 900
    while proc.poll() is None and not moment(s.path) and time.monotonic() < deadline:
        time.sleep(0.005)
    reached = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed = time.monotonic()
    now = sums(s / "out")
    whole = now == old or all(now[n] != old[n] for n in OUTPUTS)
    left = leftovers(s / "out", wait=JANITOR_SECONDS)
    note = f"{label}: {'old' if now == old else 'new'} build, leftovers {left}"
    note += f" {time.monotonic() - killed:.2f} s after the kill"
    return Outcome(whole and not left and reached, note + ("" if reached else ", moment missed"))


def _staging(p: Path) -> list[Path]:
    try:
        return [q for q in work_area(p).iterdir() if q.name.startswith("staging")]
    except OSError:  # no build running (yet)
        return []


@case("F1")
def kill_when_staging_appears(s: Scratch) -> Outcome:
    return _killed_at(s, lambda p: bool(_staging(p)), "staging")


@case("F15")
def kill_when_staged_graph_is_written(s: Scratch) -> Outcome:
    def staged(p: Path) -> bool:
        return any((q / "graph.ttl").exists() for q in _staging(p))

    return _killed_at(s, staged, "graph.ttl staged")


@case("F1")
def concurrent_build_is_refused(s: Scratch) -> Outcome:
    s.write("small.txt", SEED.read_text(encoding="utf-8")[:2500])
    command = [sys.executable, "-m", "orggraph.cli", "build", str(SEED), "--out", "out"]
    first = subprocess.Popen(
        command, cwd=s.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while not (work_area(s.path) / "lock").exists() and first.poll() is None:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGSTOP)
    second = s.cli("build", "small.txt", "--out", "out")
    os.kill(first.pid, signal.SIGCONT)
    first.wait()
    report = json.loads((s / "out/report.json").read_text(encoding="utf-8"))
    alone = len(report["inputs"]) == 1 and report["inputs"][0]["source_file"] == SEED.name
    held = second.one_line(6).held and first.returncode == 0 and alone
    return Outcome(held, second.one_line().note + f"; first rc {first.returncode}")


@case("F4")
def non_utf8_name_named(s: Scratch) -> Outcome:
    path = s.write(b"x\xff.txt", REPORT)
    return s.cli("build", path, "--out", "o", "--no-html").built()


# F2, F3 ---------------------------------------------------------------------------------------


@case("F2")
def article_over_a_million_characters(s: Scratch) -> Outcome:
    s.write("big.txt", SEED.read_text(encoding="utf-8") * 266)
    return s.cli("build", "big.txt", "--out", "o", "--no-html").built("parts")


@case("F3")
def number_of_29_digits(s: Scratch) -> Outcome:
    s.write("in/n.txt", "某市组织工作\n\n某市培训干部11111111111111111111111111111人次。\n")
    s.write("in/good.txt", REPORT)
    return s.cli("build", "in", "--out", "o", "--no-html").built("out of range")


# F5, F11, F17, F20, F25: queries ---------------------------------------------------------------


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: typing.ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.hits.append(self.path)
        self.send_response(501)
        self.end_headers()

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@case("F5")
def service_sends_nothing(s: Scratch) -> Outcome:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/x"
    ttl = s.seeds_out / "graph.ttl"
    plain = s.cli("query", ttl, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}").one_line(4)
    silent = s.cli("query", ttl, f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}")
    var = s.cli("query", ttl, f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}")
    server.shutdown()
    held = plain.held and silent.one_line(4).held and var.one_line(4).held and not _Listener.hits
    return Outcome(held, f"{plain.note}; requests received {len(_Listener.hits)}")


@case("F11")
def param_with_where_in_a_comment(s: Scratch) -> Outcome:
    body = (
        "SELECT ?m WHERE { ?m a og:Metric ; og:place/rdfs:label ?l"
        " FILTER(STR(?l) = STR(?place)) }\n"
    )
    s.write("c.rq", "# metrics where {place} is given\n" + body)
    s.write("c2.rq", body)
    place = "place=怀化市"
    a = s.cli(
        "query", s.seeds_out / "graph.ttl", "--file", "c.rq", "--param", place, "--format", "csv"
    )
    b = s.cli(
        "query", s.seeds_out / "graph.ttl", "--file", "c2.rq", "--param", place, "--format", "csv"
    )
    rows = len(a.out.splitlines()) - 1
    return Outcome(
        a.code == 0 and a.out == b.out and rows > 0, f"{rows} rows with the comment, same without"
    )


@case("F17")
def query_file_not_utf8(s: Scratch) -> Outcome:
    s.write("q.rq", b"\xff\xfeSELECT")
    return s.cli("query", s.seeds_out / "graph.ttl", "--file", "q.rq").one_line(4)


@case("F20")
def huge_result_is_bounded(s: Scratch) -> Outcome:
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    done = s.cli(
        "query",
        s.seeds_out / "graph.ttl",
        query,
        "--format",
        "csv",
        prefix=("/usr/bin/time", "-f", "RSS %M"),
    )
    rss = int(done.err.split("RSS ")[-1].split()[0]) // 1024
    rows = done.out.count("\n")
    held = (
        done.code == 0 and rows <= 100_002 and "more left out" in done.out + done.err and rss < 1000
    )
    return Outcome(held, f"rc {done.code}, {rows} lines, peak RSS {rss} MB")


@case("F25")
def param_typo_and_bind_and_construct_csv(s: Scratch) -> Outcome:
    ttl = s.seeds_out / "graph.ttl"
    typo = s.cli("query", ttl, "--name", "place-metrics", "--param", "plase=怀化市").one_line()
    bound = s.cli("query", ttl, 'SELECT ?x WHERE { BIND("a" AS ?x) }', "--param", "x=b").one_line()
    construct = s.cli(
        "query", ttl, "CONSTRUCT { ?s a og:Program } WHERE { ?s a og:Program }", "--format", "csv"
    )
    held = typo.held and bound.held and construct.one_line(4).held
    return Outcome(held, f"{typo.note}; {bound.note}")


def _gold(s: Scratch, folder: str, edit: Callable[[str], str]) -> Path:
    name = "000_793074010ad9b4f2.json"
    s.write(f"{folder}/{name}", edit((ROOT / "tests/gold" / name).read_text(encoding="utf-8")))
    return s / folder


@case("F25")
def gold_nan_is_refused(s: Scratch) -> Outcome:
    def nan(text: str) -> str:
        data = json.loads(text)
        data["metrics"][0]["value"] = "NaN-marker"
        return json.dumps(data, ensure_ascii=False).replace('"NaN-marker"', "NaN")

    return s.cli("eval", _gold(s, "gold", nan), s.seeds_out / "graph.ttl").one_line(7)


@case("F16")
def gold_nested_deep(s: Scratch) -> Outcome:
    deep = _gold(s, "gold", lambda t: '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    return s.cli("eval", deep, s.seeds_out / "graph.ttl").one_line(7)


# F6, F26: walks ------------------------------------------------------------------------------


@case("F6")
def unreadable_file_and_folder(s: Scratch) -> Outcome:
    s.write("in/a.txt", REPORT)
    locked = s.write("in/locked.txt", REPORT + "另一篇。")
    s.write("in/closed/c.txt", REPORT + "第三篇。")
    locked.chmod(0)
    (s / "in/closed").chmod(0)
    inner = f"{sys.executable} -m orggraph.cli build in --out o --no-html"
    done = s.cli(prefix=("capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", inner))
    (s / "in/closed").chmod(0o755)
    return done.built("locked.txt: Permission denied", "closed: Permission denied")


@case("F26")
def symlinks_fifo_hidden(s: Scratch) -> Outcome:
    s.write("in/a.txt", REPORT)
    s.write("real/b.txt", REPORT + "另一篇。")
    (s / "in/link").symlink_to(s / "real")
    (s / "in/dangling.txt").symlink_to(s / "nowhere.txt")
    os.mkfifo(s / "in/pipe.txt")
    s.write("in/.hidden.txt", REPORT + "隐藏。")
    s.write("in/.drafts/d.txt", REPORT + "草稿。")
    done = s.cli("build", "in", "--out", "o", "--no-html")
    return done.built("symlinked folder", "dangling", "pipe.txt", ".hidden.txt", ".drafts")
