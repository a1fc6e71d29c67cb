"""The probe's cases for input forms, outputs and messages (scripts/probe_rerun.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from probe_harness import REPORT, SEED, Outcome, Scratch, case

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


@case("F15")
def view_killed_while_writing(s: Scratch) -> Outcome:
    """kill -9 of ``view --out`` once its temporary file appears: the page is the old one or
    the new one, and the next ``view`` leaves nothing beside it."""
    old = s.write("page.html", "<html>old</html>\n").read_bytes()
    command = [sys.executable, "-m", "orggraph.cli", "view", str(s.seeds_out / "graph.ttl")]
    proc = subprocess.Popen(
        [*command, "--out", "page.html"],
        cwd=s.path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = False
    while proc.poll() is None and not seen:  # no sleep: the write takes milliseconds
        seen = any(e.name.endswith(".tmp") for e in os.scandir(s.path))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    page = (s / "page.html").read_bytes()
    whole = page == old or page.rstrip().endswith(b"</html>")
    stray = sorted(e.name for e in os.scandir(s.path) if e.name.endswith(".tmp"))
    again = s.cli("view", s.seeds_out / "graph.ttl", "--out", "page.html")
    left = sorted(e.name for e in os.scandir(s.path) if e.name.endswith(".tmp"))
    note = f"{'old' if page == old else 'new'} page, {len(stray)} stray after the kill, "
    note += f"{len(left)} after the next view (rc {again.code})"
    held = seen and whole and again.code == 0 and not left
    return Outcome(held, note + ("" if seen else ", moment missed"))
