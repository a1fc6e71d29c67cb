"""Long fuzz run: the suite's fuzz properties (tests/fuzzing.py) for a given number of minutes.

    uv run python scripts/fuzz.py --minutes 10

Runs rounds of each property with fresh random seeds until the time is up; prints the
examples tried and exits non-zero with the falsifying example on the first failure (add it
to tests/test_fuzz.py as a regression test).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    check_build,
    check_decode,
    check_normalize,
    check_read,
    report,
)


def _read(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_read(text, Path(tmp))


TARGETS = {
    "decode": (st.binary(max_size=2000), check_decode, 400),
    "normalize": (st.one_of(report, st.text()), check_normalize, 300),
    "read": (st.one_of(report, st.text(st.characters(exclude_categories=()))), _read, 100),
    "build": (st.lists(report, min_size=1, max_size=3), check_build, 60),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    end = time.monotonic() + 60 * args.minutes
    tried = dict.fromkeys(TARGETS, 0)
    round_no = 0
    while time.monotonic() < end:
        round_no += 1
        for name, (strategy, check, examples) in TARGETS.items():
            run = settings(
                max_examples=examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )(seed(round_no * 7919 + len(name))(given(strategy)(check)))
            run()
            tried[name] += examples
            if time.monotonic() >= end:
                break
        print(f"round {round_no}: " + ", ".join(f"{k} {v}" for k, v in tried.items()), flush=True)
    print(f"no crash in {args.minutes:g} minutes: {sum(tried.values())} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
