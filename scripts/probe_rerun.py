"""Rerun the reproducers of the reliability probe (../shared/reports/reliability-2026-11.md).

Every finding F1–F26 has one or more cases, each the probe's reproducer (or its table row)
rebuilt from made-up text or the seeds, run through the real CLI in a scratch folder. A case
HOLDS when the promise is kept: a correct build, or one ``error:`` line, a non-zero exit and
an untouched ``out/``; FAIL otherwise (a traceback always fails). Prints one line per case
as it ends and a table per finding; exits 1 when any case failed.

    uv run python scripts/probe_rerun.py [--keep DIR] [--jobs 2] [--only F1,F5]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import probe_cases  # noqa: F401  (registers the cases)
import probe_cases_io  # noqa: F401
from probe_harness import CASES, Case, Outcome, Scratch

ROOT = Path(__file__).resolve().parent.parent


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def run_case(case: Case, base: Path, seeds_out: Path) -> Outcome:
    scratch = Scratch(base / case.name, seeds_out)
    scratch.path.mkdir(parents=True)
    try:
        outcome = case.run(scratch)
    except Exception as exc:  # the harness itself failed: count it as a failure
        outcome = Outcome(False, f"harness error: {type(exc).__name__}: {exc}")
    print(line(case, outcome), flush=True)
    return outcome


def line(case: Case, outcome: Outcome) -> str:
    verdict = "HELD" if outcome.held else "FAIL"
    return f"{verdict}  {case.finding:<4} {case.name:<34} {outcome.note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="scratch folder to keep (default: a temp one)")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once")
    parser.add_argument("--only", default="", help="comma-separated findings, e.g. F1,F5")
    parser.add_argument("--seeds-out", type=Path, help="an existing seeds build to query")
    args = parser.parse_args(argv)
    wanted = {f.strip() for f in args.only.split(",") if f.strip()}
    cases = [c for c in CASES if not wanted or c.finding in wanted]
    temp = Path(tempfile.mkdtemp(prefix="probe-"))
    try:
        base = args.keep or temp
        base.mkdir(parents=True, exist_ok=True)
        seeds_out = args.seeds_out or base / "seeds-out"
        if not args.seeds_out:
            Scratch(base, seeds_out).ok("build", ROOT / "seeds", "--out", seeds_out)
        with ThreadPoolExecutor(args.jobs) as pool:
            outcomes = list(pool.map(lambda c: run_case(c, base, seeds_out), cases))
    finally:
        # rm, not shutil.rmtree: the F16 case's 1,100 nested folders exceed the recursion limit
        subprocess.run(["rm", "-rf", "--", str(temp)], check=False)
    return report(cases, outcomes)


def report(cases: list[Case], outcomes: list[Outcome]) -> int:
    held: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for case, outcome in zip(cases, outcomes, strict=True):
        (held if outcome.held else failed)[case.finding] += 1
    print("\n| finding | cases | held | failed |\n|---|---:|---:|---:|")
    for finding in sorted({c.finding for c in cases}, key=lambda f: int(f[1:])):
        total = held[finding] + failed[finding]
        print(f"| {finding} | {total} | {held[finding]} | {failed[finding]} |")
    print(
        f"| **total** | **{len(cases)}** | **{sum(held.values())}** | **{sum(failed.values())}** |"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
