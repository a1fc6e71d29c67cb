"""The probe's cases for scripts/probe_rerun.py: each finding's reproducer and its check.

Inputs are made-up reports of the probe's shapes (or the seeds, as in the probe); every
command is the real CLI in its own process.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_793074010ad9b4f2.txt"
SEED2 = ROOT / "seeds" / "001_cdb9b270fe56c2aa.txt"
REPORT = (
    "某市组织工作综述\n\n某市实施“=1+2”工程，全市培训党员2万人次。\n某市新建党群服务中心120个。\n"
)
OUTPUTS = ("graph.ttl", "metrics.csv", "report.json")


@dataclass(frozen=True)
class Outcome:
    held: bool
    note: str


@dataclass
class Done:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [
            line
            for line in self.err.splitlines()
            if line.strip() and not line.startswith("orggraph [")
        ]

    def one_line(self, code: int | None = None) -> Outcome:
        """A refusal: non-zero exit, exactly one ``error:`` line, no traceback."""
        ok = self.code != 0 and (code is None or self.code == code)
        ok = ok and len(self.lines) == 1 and self.lines[0].startswith("error:")
        ok = ok and "Traceback" not in self.err + self.out
        return Outcome(
            ok, f"rc {self.code}: {self.lines[0][:90] if self.lines else self.err[-90:]!r}"
        )

    def built(self, *needles: str) -> Outcome:
        """A build: exit 0, no traceback, and each needle in the messages."""
        missing = [n for n in needles if n not in self.err]
        ok = self.code == 0 and "Traceback" not in self.err and not missing
        return Outcome(ok, f"rc {self.code}" + (f", missing {missing}" if missing else ""))


class Scratch:
    """A case's scratch folder and the CLI run from it."""

    def __init__(self, path: Path, seeds_out: Path) -> None:
        self.path = path
        self.seeds_out = seeds_out

    def __truediv__(self, name: str | bytes) -> Path:
        return Path(os.fsdecode(os.path.join(os.fsencode(self.path), os.fsencode(name))))

    def write(self, name: str | bytes, data: str | bytes) -> Path:
        path = self / name
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        path.write_bytes(raw)
        return path

    def cli(self, *args: object, prefix: tuple[str, ...] = (), umask: int | None = None) -> Done:
        command = [*prefix, sys.executable, "-m", "orggraph.cli", *map(str, args)]
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        done = subprocess.run(
            command,
            cwd=self.path,
            capture_output=True,
            env=env,
            timeout=1800,
            check=False,
            preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
        )
        return Done(
            done.returncode,
            done.stdout.decode(errors="replace"),
            done.stderr.decode(errors="replace"),
        )

    def ok(self, *args: object) -> Done:
        done = self.cli(*args)
        if done.code != 0:
            raise RuntimeError(f"setup failed: {args}: {done.err[-300:]}")
        return done


def sums(folder: Path) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in OUTPUTS}


def leftovers(folder: Path) -> list[str]:
    """Temporary files or staging folders left in or beside ``out/``."""
    near = [*folder.iterdir(), *folder.parent.iterdir()] if folder.exists() else []
    return [p.name for p in near if ".tmp" in p.name or "staging" in p.name]


@dataclass(frozen=True)
class Case:
    finding: str
    name: str
    run: Callable[[Scratch], Outcome]


CASES: list[Case] = []


def case(finding: str) -> Callable[[Callable[[Scratch], Outcome]], Callable[[Scratch], Outcome]]:
    def register(fn: Callable[[Scratch], Outcome]) -> Callable[[Scratch], Outcome]:
        CASES.append(Case(finding, fn.__name__, fn))
        return fn

    return register


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
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = sums(s / "out")
    whole = now == old or all(now[n] != old[n] for n in OUTPUTS)
    left = leftovers(s / "out")
    return Outcome(
        whole and not left, f"{label}: {'old' if now == old else 'new'} build, leftovers {left}"
    )


@case("F1")
def kill_when_staging_appears(s: Scratch) -> Outcome:
    return _killed_at(s, lambda p: any("staging" in q.name for q in p.iterdir()), "staging")


@case("F15")
def kill_when_staged_graph_is_written(s: Scratch) -> Outcome:
    def staged(p: Path) -> bool:
        return any((q / "graph.ttl").exists() for q in p.iterdir() if "staging" in q.name)

    return _killed_at(s, staged, "graph.ttl staged")


@case("F1")
def concurrent_build_is_refused(s: Scratch) -> Outcome:
    s.write("small.txt", SEED.read_text(encoding="utf-8")[:2500])
    command = [sys.executable, "-m", "orggraph.cli", "build", str(SEED), "--out", "out"]
    first = subprocess.Popen(
        command, cwd=s.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while not (s / ".out.lock").exists() and first.poll() is None:
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
    hits: list[str] = []

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
    body = "SELECT ?m WHERE { ?m a og:Metric ; og:place/rdfs:label ?l FILTER(STR(?l) = STR(?place)) }\n"
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


# F7, F9, F10, F16, F22, F23: input forms -------------------------------------------------------


@case("F7")
def lone_surrogates_in_jsonl(s: Scratch) -> Outcome:
    s.write("s.jsonl", '{"title": "标题\\udc80", "text": "某市\\ud800开展培训1万人次。"}\n')
    return s.cli("build", "s.jsonl", "--out", "o").built("surrogate")


@case("F9")
def html_nested_1000_deep(s: Scratch) -> Outcome:
    s.write("n.html", "<html><body>" + "<div>" * 1000 + "<p>某市培训干部1万人次。</p>")
    return s.cli("build", "n.html", "--out", "o", "--no-html").built()


@case("F10")
def unclosed_comments_in_markdown(s: Scratch) -> Outcome:
    s.write("c.md", "<!--" * 20000 + "\n" + SEED.read_text(encoding="utf-8"))
    began = time.monotonic()
    done = s.cli("build", "c.md", "--out", "o", "--no-html")
    took = time.monotonic() - began
    began = time.monotonic()
    s.cli("build", SEED, "--out", "o2", "--no-html")
    plain = time.monotonic() - began
    held = done.built().held and took < 2 * plain + 10
    return Outcome(held, f"rc {done.code}, {took:.0f} s (the seed alone {plain:.0f} s)")


@case("F16")
def jsonl_deep_and_huge_integer(s: Scratch) -> Outcome:
    s.write("in/d.jsonl", '{"text": "某市", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    s.write("in/i.jsonl", '{"text": "某市", "n": ' + "9" * 5000 + "}\n")
    s.write("in/good.txt", REPORT)
    return s.cli("build", "in", "--out", "o", "--no-html").built("d.jsonl", "i.jsonl")


@case("F16")
def folders_1100_deep(s: Scratch) -> Outcome:
    s.write("deep/" + "d/" * 1100 + "a.txt", REPORT)
    return s.cli("build", "deep", "--out", "o", "--no-html").built()


@case("F22")
def front_matter_is_metadata(s: Scratch) -> Outcome:
    s.write("a.md", "---\ntitle: 前言标题\ntags: [a, b]\n---\n" + REPORT)
    done = s.cli("build", "a.md", "--out", "o", "--no-html")
    ttl = (s / "o/graph.ttl").read_text(encoding="utf-8") if done.code == 0 else ""
    held = done.built().held and "前言标题" in ttl and "tags:" not in ttl
    return Outcome(held, f"rc {done.code}, title read {'前言标题' in ttl}")


@case("F23")
def jsonl_bad_lines_keep_good_ones(s: Scratch) -> Outcome:
    good = json.dumps({"text": REPORT}, ensure_ascii=False)
    other = json.dumps({"text": REPORT + "另一篇。"}, ensure_ascii=False)
    s.write("bad.jsonl", "\n".join([good, "{not json", "[1]", other, '{"text": 5}']) + "\n")
    done = s.cli("build", "bad.jsonl", "--out", "o", "--no-html")
    report = json.loads((s / "o/report.json").read_text(encoding="utf-8")) if done.code == 0 else {}
    articles = len(report.get("inputs", []))
    return Outcome(
        done.built("line 2").held and articles == 2, f"rc {done.code}, {articles} articles"
    )


# F8, F12, F13, F14, F18, F19, F21, F24: outputs and messages -----------------------------------


@case("F8")
def csv_cells_neutralised(s: Scratch) -> Outcome:
    s.write("c.txt", REPORT + "@SUM(A1:A9)某市新建党群服务中心120个。\n+1+1某市发展党员3000名。\n")
    done = s.cli("build", "c.txt", "--out", "o", "--no-html")
    rows = (s / "o/metrics.csv").read_text(encoding="utf-8").splitlines() if done.code == 0 else []
    import csv as csv_module

    cells = [c for row in csv_module.reader(rows) for c in row]
    bad = [
        c
        for c in cells
        if c[:1] in ("=", "+", "-", "@") and not c.lstrip("-").replace(".", "").isdigit()
    ]
    return Outcome(
        done.code == 0 and rows != [] and not bad, f"rc {done.code}, formula cells {bad[:2]}"
    )


@case("F12")
def terminal_escapes(s: Scratch) -> Outcome:
    s.write(
        "e.txt",
        "某市组织工作\n\n某市推行“党建\033[8m隐藏\033[0m引领”机制，培训党员2万人次。\033]0;PWNED\007\n",
    )
    done = s.cli("build", "e.txt", "--out", "o", "--no-html")
    explained = s.cli("explain", "o/graph.ttl", "党建")
    raw = (s / "o/graph.ttl").read_bytes() + (s / "o/metrics.csv").read_bytes()
    escaped = b"\x1b" in raw
    held = done.code == 0 and not escaped and "\x1b" not in explained.out
    return Outcome(held, f"rc {done.code}/{explained.code}, ESC in outputs {escaped}")


@case("F13")
def ill_typed_literal_in_view(s: Scratch) -> Outcome:
    import re

    text = (s.seeds_out / "graph.ttl").read_text(encoding="utf-8")
    s.write("bad.ttl", re.sub(r"og:start \d+", 'og:start "abc"^^xsd:integer', text))
    done = s.cli("view", "bad.ttl", "--out", "bad.html")
    clean = "Traceback" not in done.err and "Failed to convert" not in done.err
    held = clean and (done.code == 0 or done.one_line().held)
    return Outcome(held, f"rc {done.code}, stderr lines {len(done.lines)}")


@case("F14")
def modes_follow_the_umask(s: Scratch) -> Outcome:
    s.write("c.txt", REPORT)
    s.cli("build", "c.txt", "--out", "o22", umask=0o022)
    s.cli("build", "c.txt", "--out", "o77", umask=0o077)
    modes = {
        oct(p.stat().st_mode & 0o777)
        for folder, mode in (("o22", 0o644), ("o77", 0o600))
        for p in (s / folder).iterdir()
        if p.is_file() and p.stat().st_mode & 0o777 != mode
    }
    return Outcome(not modes, f"files off the umask: {sorted(modes)}")


@case("F18")
def view_refuses_to_overwrite_its_input(s: Scratch) -> Outcome:
    ttl = s.write("g.ttl", (s.seeds_out / "graph.ttl").read_bytes())
    before = ttl.read_bytes()
    done = s.cli("view", "g.ttl", "--out", "g.ttl").one_line()
    return Outcome(done.held and ttl.read_bytes() == before, done.note)


@case("F19")
def view_out_is_a_folder(s: Scratch) -> Outcome:
    (s / "folder").mkdir()
    done = s.cli("view", s.seeds_out / "graph.ttl", "--out", "folder").one_line(6)
    return Outcome(done.held and ".tmp" not in done.note and "Errno" not in done.note, done.note)


@case("F21")
def duplicates_and_same_names(s: Scratch) -> Outcome:
    a = s.write("a/x.txt", REPORT)
    s.write("b/x.txt", REPORT + "另一篇。")
    done = s.cli("build", a, a, "a", "b", "--out", "o", "--no-html")
    report = json.loads((s / "o/report.json").read_text(encoding="utf-8")) if done.code == 0 else {}
    names = sorted(i["source_file"] for i in report.get("inputs", []))
    return Outcome(
        done.built().held and names == ["a/x.txt", "b/x.txt"], f"rc {done.code}, {names}"
    )


@case("F24")
def utf16_without_bom_builds(s: Scratch) -> Outcome:
    s.write("le.txt", REPORT.encode("utf-16-le"))
    s.write("be.txt", (REPORT + "另一篇。").encode("utf-16-be"))
    done = s.cli("build", "le.txt", "be.txt", "--out", "o", "--no-html")
    report = json.loads((s / "o/report.json").read_text(encoding="utf-8")) if done.code == 0 else {}
    encodings = sorted(i.get("encoding", "") for i in report.get("inputs", []))
    return Outcome(done.built().held and len(encodings) == 2, f"rc {done.code}, {encodings}")


@case("F24")
def tiny_gbk_is_not_big5(s: Scratch) -> Outcome:
    s.write("t.txt", "组织".encode("gbk"))
    done = s.cli("build", "t.txt", "--out", "o", "--no-html").one_line(2)
    return Outcome(done.held and "郪" not in done.note, done.note)


@case("F24")
def turtle_error_says_why_and_out_file_first(s: Scratch) -> Outcome:
    s.write("bad.ttl", '@prefix og: <https://w3id.org/orggraph/ontology#> .\nog:a og:b "x .\n')
    why = s.cli("view", "bad.ttl", "--out", "bad.html").one_line(3)
    s.write("outf", "a file")
    began = time.monotonic()
    first = s.cli("build", SEED, "--out", "outf").one_line(6)
    took = time.monotonic() - began
    held = why.held and "line 2" in why.note and first.held and took < 60
    return Outcome(held, f"{why.note}; --out a file: {first.note} after {took:.0f} s")
