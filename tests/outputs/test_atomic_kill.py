"""kill -9 while one file is written: the target is wholly old or new, and no stray file stays.

The writers run in fresh processes (``sys.executable``) that say when they have begun writing,
so the kill lands in the middle of the write; the next write, by another fresh process, must
leave only the target in its folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from orggraph.build import write_outputs
from orggraph.outputs.atomic import SUFFIX, is_temporary, sweep
from orggraph.resolve import resolve
from tests.factories import article

CHUNK = 64 * 1024
CHUNKS = 128  # 8 MiB
# Writes the target through the atomic writer in chunks, saying "writing" after the first;
# with a third argument it then stays alive, so a kill meant for after the rename still kills.
WRITER = f"""
import sys, time
from pathlib import Path
from orggraph.outputs.atomic import open_atomic
target, fill = Path(sys.argv[1]), sys.argv[2]
with open_atomic(target) as fh:
    for i in range({CHUNKS}):
        fh.write(fill * {CHUNK})
        fh.flush()
        if i == 0:
            print("writing", flush=True)
        time.sleep(0.004)
if len(sys.argv) > 3:
    time.sleep(120)
"""
# The real CLI, with the one change that a temporary file is written slowly, in 50 steps.
SLOW_CLI = f"""
import pathlib, sys, time
real = pathlib.Path.write_text
def slow(self, data, encoding=None, errors=None, newline=None):
    if not self.name.endswith({SUFFIX!r}):
        return real(self, data, encoding=encoding, errors=errors, newline=newline)
    step = max(1, len(data) // 50)
    with self.open("w", encoding=encoding, errors=errors, newline=newline) as fh:
        for i in range(0, len(data), step):
            fh.write(data[i : i + step])
            fh.flush()
            if i == 0:
                print("writing", flush=True)
            time.sleep(0.02)
    return len(data)
pathlib.Path.write_text = slow
from orggraph.cli import app
app(sys.argv[1:], prog_name="orggraph")
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected(fill: str) -> str:
    return hashlib.sha256((fill * CHUNK * CHUNKS).encode()).hexdigest()


def write(target: Path, fill: str) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(target), fill], check=True, timeout=120)


def start(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def kill_when_writing(proc: subprocess.Popen[str], delay: float) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "writing":
            break
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if is_temporary(p.name))


def test_kill_9_in_the_middle_of_a_write_leaves_old_or_new_and_the_next_write_cleans(
    tmp_path: Path,
) -> None:
    target = tmp_path / "big.txt"
    began = time.monotonic()
    write(target, "a")
    span = time.monotonic() - began
    assert digest(target) == expected("a")
    rng = random.Random(7)
    for round_ in range(4):
        # The first kill follows the first chunk at once; the others fall anywhere, the rename too.
        proc = start(WRITER, str(target), "b", "stay")
        kill_when_writing(proc, 0.0 if round_ == 0 else rng.uniform(0, span * 1.2))
        assert proc.returncode == -signal.SIGKILL
        assert digest(target) in (expected("a"), expected("b"))
        if round_ == 0:
            assert digest(target) == expected("a")
            assert strays(tmp_path), "the kill fell after the write: nothing was tested"
        write(target, "a")  # the next write, by another process
        assert digest(target) == expected("a")
        assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]


def test_a_sweep_never_touches_a_live_writers_file(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    proc = start(WRITER, str(target), "c")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    live = strays(tmp_path)
    assert len(live) == 1 and live[0].startswith(f".big.txt.{proc.pid}-")
    assert sweep(tmp_path) == 0
    assert strays(tmp_path) == live
    assert proc.wait(timeout=120) == 0
    assert digest(target) == expected("c")
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]


def test_a_sweep_removes_only_unlocked_temporary_files_of_the_writer(tmp_path: Path) -> None:
    dead = tmp_path / f".page.html.99999-abc{SUFFIX}"
    held = tmp_path / f".page.html.99998-def{SUFFIX}"
    mine = tmp_path / ".notes.tmp"  # a user's file of another pattern
    for path in (dead, held, mine):
        path.write_text("x")
    fd = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert sweep(tmp_path) == 1
    finally:
        os.close(fd)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([held.name, mine.name])
    assert sweep(tmp_path) == 1  # its writer is gone now
    assert [p.name for p in tmp_path.iterdir()] == [mine.name]


def test_kill_9_during_view_out_leaves_the_old_page_and_the_next_view_cleans(
    tmp_path: Path,
) -> None:
    corpus = resolve([article("怀化市开展“五个一百”活动,印发《九条措施》,3.6万余名党员干部参加。")])
    write_outputs(corpus, [], tmp_path / "build", html=False, store=False)
    graph = tmp_path / "g.ttl"
    graph.write_bytes((tmp_path / "build" / "graph.ttl").read_bytes())
    page = tmp_path / "page.html"
    page.write_text("<html>the old page</html>\n", encoding="utf-8")
    old = digest(page)
    proc = start(SLOW_CLI, "view", str(graph), "--out", str(page))
    kill_when_writing(proc, 0.0)
    assert proc.returncode == -signal.SIGKILL
    assert digest(page) == old
    assert strays(tmp_path), "the kill fell after the write: nothing was tested"
    run = subprocess.run(
        [str(Path(sys.executable).with_name("orggraph")), "view", str(graph), "--out", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "g.ttl", "page.html"]
