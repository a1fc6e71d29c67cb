"""Sample place mentions of a corpus for a hand audit (docs/audits/places.md).

usage: uv run python scripts/audit_places.py CORPUS_DIR OUT.json [--sample 100] [--seed 11]
Extracts every text of CORPUS_DIR, writes all place mentions (label, level, chain, rule,
context) and a fixed-seed random sample to OUT.json, and lists labels whose characters before
the suffix end in a verb or function word.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from orggraph.ingest.read import read_file
from orggraph.pipeline import extract
from orggraph.pipeline import place_rules as rules

CONTEXT = 12


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rows = []
    for path in sorted(args.corpus.glob("*.txt")):
        for source in read_file(path, path.name):
            facts = extract(source)
            places = {p.key: p for p in facts.places}
            for m in facts.place_mentions:
                chain, place = [], places.get(m.place)
                while place is not None:
                    chain.append(place.name)
                    place = places.get(place.parent or "")
                s, e = m.evidence.start, m.evidence.end
                rows.append(
                    {
                        "doc": path.stem,
                        "surface": m.surface,
                        "label": chain[0],
                        "level": places[m.place].level.value,
                        "chain": " > ".join(chain),
                        "rule": m.evidence.rule,
                        "context": source.text[max(0, s - CONTEXT) : e + CONTEXT].replace(
                            "\n", " "
                        ),
                    }
                )
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    phrases = sorted(
        {r["label"] for r in rows if rules.trim_phrase(r["label"][:-1]) != r["label"][:-1]}
    )
    out = {"mentions": len(rows), "sample": sample, "verb_phrase_labels": phrases}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(len(rows), "mentions;", len(phrases), "labels ending in a phrase")


if __name__ == "__main__":
    main()
