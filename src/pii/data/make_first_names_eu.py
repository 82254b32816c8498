"""Builds first_names_eu.txt: first names common in the countries whose languages the
engine reads, from Jörg Michael's nam_dict.txt (GNU Free Documentation License 1.2 or
later; shipped inside the PyPI package gender-guesser 0.4.0), which gives each name a
frequency from 1 (rare) to 13 (extremely common) per country.

Kept: names of 3+ letters with a frequency of at least MIN_FREQ in Great Britain,
Ireland, the U.S.A., Italy, Portugal, Spain, France, Belgium, Luxembourg, the
Netherlands, East Frisia, Germany, Austria or Switzerland, and from a frequency of
OTHER_MIN_FREQ those of the countries of origin of many EU residents (OTHER). Dropped: names that are
also frequent ordinary words in English, German, French, Spanish, Italian or Dutch
(wordfreq's Zipf frequency of the lower-case form; the stricter bound for the less
common names), since a capitalised sentence opener such as "Will", "Les" or "Ella"
must not read as a name. Names already in first_names.txt are left out.

    pip download gender-guesser==0.4.0 --no-deps && unzip gender_guesser-*.whl
    pip install wordfreq
    python3 make_first_names_eu.py gender_guesser/data/nam_dict.txt > first_names_eu.txt
"""

import sys

from wordfreq import zipf_frequency

# Columns of nam_dict.txt's frequency field (0-based, characters).
COUNTRIES = {"GB": 30, "IE": 31, "US": 32, "IT": 33, "PT": 35, "ES": 36, "FR": 37,
             "BE": 38, "LU": 39, "NL": 40, "FRISIA": 41, "DE": 42, "AT": 43, "CH": 44}
LANGS = ["en", "de", "fr", "es", "it", "nl"]
MIN_FREQ = 1
# Countries of origin of many EU residents (Nordic, Baltic, Central and Eastern Europe,
# the Balkans, Greece, Ukraine, Turkey, the Arab world and Persia, China, India and Sri
# Lanka, Vietnam): their names are kept from a higher frequency on, so that rare entries
# of these registers do not turn ordinary capitalised words into first names.
OTHER = {"IS": 45, "DK": 46, "NO": 47, "SE": 48, "FI": 49, "EE": 50, "LV": 51, "LT": 52,
         "PL": 53, "CZ": 54, "SK": 55, "HU": 56, "RO": 57, "BG": 58, "BA": 59, "HR": 60,
         "XK": 61, "MK": 62, "ME": 63, "RS": 64, "SI": 65, "AL": 66, "GR": 67, "RU": 68,
         "BY": 69, "MD": 70, "UA": 71, "TR": 76, "ARABIA": 77, "CN": 79, "IN": 80, "VN": 83}
OTHER_MIN_FREQ = 3


def main(path):
    have = {l.strip() for l in open(__file__.rsplit("/", 1)[0] + "/first_names.txt")}
    best = {}
    other_only = set()
    eu = set()
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\r\n").rstrip("$").rstrip()
        if not line or line[0] == "#" or line[0] == "=" or len(line) < 31:
            continue
        if line[29] == "+":  # second copy sorted by expanded umlauts
            continue
        name = line[3:29].strip()
        if "+" in name or " " in name or len(name) < 3 or not name[0].isupper():
            continue
        if not all(c.isalpha() or c in "-'" for c in name):
            continue
        freq = 0
        for col in COUNTRIES.values():
            c = line[col] if col < len(line) else " "
            if c != " ":
                freq = max(freq, int(c, 16))
        other = 0
        for col in OTHER.values():
            c = line[col] if col < len(line) else " "
            if c != " ":
                other = max(other, int(c, 16))
        if freq >= MIN_FREQ:
            best[name] = max(best.get(name, 0), freq)
            eu.add(name)
        elif other >= OTHER_MIN_FREQ:
            best[name] = max(best.get(name, 0), other)
            other_only.add(name)
    other_only -= eu
    for name in sorted(best):
        if name in have:
            continue
        word = max(zipf_frequency(name.lower(), l) for l in LANGS)
        if word >= 5.0 or (word >= 4.0 and best[name] < 6):
            continue
        # A name only of OTHER's registers must not be an ordinary word at all (`Gun`, `Bay`).
        if name in other_only and word >= 3.0:
            continue
        print(name)


main(sys.argv[1])
