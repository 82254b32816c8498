"""Builds common_words.txt: ordinary words of English, German, French, Spanish, Italian
and Dutch, lower case, one a line, from the PyPI package wordfreq 3.1.1 (code
Apache-2.0; its frequency data CC BY-SA 4.0, see data/README.md): every word of 3+
letters whose Zipf frequency is at least MIN_ZIPF in one of the six languages.

The engine uses it as evidence against a person's name: a run of capitalised words
none of which is a listed first name, and each of which is an ordinary word (`Banana
Bread`, `Grote Zaal`, `Industriële Revolutie`, `Lemon Cake` with its listed surname
`Lemon`), names a thing, a dish, a work or an institution. Words already in
first_names*.txt are left out (the engine checks that list first, so they would never
be read here).

    pip install wordfreq==3.1.1
    python3 make_common_words.py > common_words.txt
"""

import re
import os

from wordfreq import top_n_list, zipf_frequency

LANGS = ["en", "de", "fr", "es", "it", "nl"]
MIN_ZIPF = 3.5
WORD = re.compile(r"[a-zà-ÿœ'-]+")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    listed = set()
    for f in ("first_names.txt", "first_names_eu.txt"):
        listed |= {l.strip().lower() for l in open(os.path.join(here, f), encoding="utf-8")}
    words = set()
    for lang in LANGS:
        for w in top_n_list(lang, 100000):
            if zipf_frequency(w, lang) < MIN_ZIPF:
                break
            if len(w) >= 3 and WORD.fullmatch(w) and w not in listed:
                words.add(w)
    for w in sorted(words):
        print(w)


main()
