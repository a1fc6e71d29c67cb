"""The harness of scripts/probe_rerun.py: scratch folders, CLI runs, outcomes, the case list."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
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
        folder = self.path
        for part in path.relative_to(self.path).parts[:-1]:  # any depth: no recursion
            folder = folder / part
            if not folder.is_dir():
                folder.mkdir()
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


def leftovers(folder: Path, wait: float = 0.0) -> list[str]:
    """Temporary files, staging folders, lock files or the build's work area left in or beside
    ``out/``, once they are gone or ``wait`` seconds are over (a killed build's janitor)."""
    deadline = time.monotonic() + wait
    while True:
        near = [*folder.iterdir(), *folder.parent.iterdir()] if folder.exists() else []
        left = [p.name for p in near if _temporary(p.name, folder.name)]
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.01)


def _temporary(name: str, out: str) -> bool:
    made = (f".{out}.orggraph", f".{out}.lock", f".{out}.old")
    return ".tmp" in name or "staging" in name or name in made


def work_area(scratch: Path, out: str = "out") -> Path:
    """Where a build into ``out`` stages and locks while it runs."""
    return scratch / f".{out}.orggraph"


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
