#!/usr/bin/env python3
"""Held-out corpus L for `ledgergate redact` (issue 12, point 5): see README.md.

An honest estimate of both recall and precision, written before any rule was changed for
it and without reading the recognizers' word lists or rules. Registers none of A-K has: on
the PII side YAML contact files, SQL INSERT statements, HL7-style pipe segments, calendar
invites (iCalendar), chat transcripts with timestamps, OCR'd forms with broken spacing,
seating plans in Markdown tables with an address column, customs labels, bank-transfer
screenshots read by OCR, `.env` files, sticky notes and XML records; on the harmless side
lists of named things with no head word (typefaces, paintings, software, minerals, board
games, beers), laws and effects of physics, eponymous diseases, sports fixtures at stadiums
named after people, instruments and gadgets with model names, headlines in Title Case and
CamelCase identifiers in log lines; decoys of numeric shapes none of A-K has.

Every name, place and template is typed by hand; no fake-data generator. A-K's corpora are
read only to avoid what they hold (a person whose full name occurs in any of them, a town
or street of a PII text that occurs in any of them, a named thing of a harmless text one
of whose distinctive capitalised words occurs in a harmless text or decoy of A-K, a decoy
shape whose distinctive token occurs in any of them). Templates hold `<<slot>>`s; a slot
is filled with plain text or (ENTITY, value) segments, so span offsets (UTF-8 bytes) are
computed, never typed. Standard library only.
"""

import glob
import json
import os
import random
import re
import sys
import unicodedata

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

R = random.Random(20261201)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]
CAPWORD = r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+"


def pick(xs):
    return xs[R.randrange(len(xs))]


def num(a, b):
    return R.randint(a, b)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ what A-K hold --------
def other_rows():
    for path in sorted(glob.glob(os.path.join(HERE, "..", "heldout*", "corpus.jsonl"))):
        if os.path.abspath(os.path.dirname(path)) != HERE:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)


_texts = []
SEEN_CAPS = set()
for _r in other_rows():
    _texts.append(_r["text"])
    if _r["kind"] != "pii":
        SEEN_CAPS.update(re.findall(CAPWORD, _r["text"]))
SEEN_TEXT = "\n".join(_texts)
SEEN_LOWER = SEEN_TEXT.lower()
DROPPED = []

# Words too common inside a named thing of several words to make it a repeat.
GENERIC = {
    "Stadium", "Stadion", "Stade", "Estadio", "Stadio", "Arena", "Park", "Sans", "Serif",
    "Gothic", "Law", "Gesetz", "Loi", "Ley", "Legge", "Wet", "Effect", "Effekt", "Effet",
    "Efecto", "Effetto", "Disease", "Morbus", "Maladie", "Enfermedad", "Malattia", "Ziekte",
    "Syndrome", "Syndrom", "Sindrome", "Síndrome", "Syndroom", "City", "United", "Club",
    "Real", "Sporting", "Athletic", "Portrait", "Lady", "Mars", "Constant", "Principle",
    "INFO", "WARN", "ERROR", "DEBUG",
}


def new_thing(t):
    caps = [w for w in re.findall(CAPWORD, t) if len(w) >= 4]
    if len(caps) > 1:
        caps = [w for w in caps if w not in GENERIC]
    return not any(w in SEEN_CAPS for w in caps)


def avoided(things):
    kept = [t for t in things if new_thing(t)]
    DROPPED.extend(t for t in things if not new_thing(t))
    return kept


def seen_anywhere(v):
    low = v.lower()
    return low in SEEN_LOWER and re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", SEEN_LOWER)


def unseen(values):
    kept = [v for v in values if not seen_anywhere(v)]
    DROPPED.extend(v for v in values if seen_anywhere(v))
    return kept


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


# ------------------------------------------------------------ people --------
# (given names, surnames) per country and per family origin common there, typed by hand.
NAMES = {
    "en": [
        (["Morag", "Ruaraidh", "Catriona", "Eachann", "Seonag", "Calum", "Peigi", "Murdo",
          "Ishbel", "Tormod"],
         ["MacSween", "MacAulay", "Morrison-Nicolson", "MacIver", "Matheson", "Mackinnon",
          "MacLennan", "Beaton", "Macaskill", "Gillies"]),
        (["Magnie", "Ingrid", "Tammie", "Brydon"], ["Jamieson", "Tulloch", "Halcrow", "Isbister"]),
        (["Delroy", "Marcia", "Winston", "Paulette"], ["Campbell-Grant", "McKenzie", "Thelwell", "Gayle"]),
        (["Shahana", "Abdul Malik", "Rumana", "Foysal"], ["Uddin", "Choudhury", "Begum", "Miah"]),
        (["Androulla", "Panicos", "Eleni", "Kyriacos"], ["Georgiou", "Christodoulou", "Hadjipanayi", "Loizou"]),
        (["Gurpreet", "Harjinder", "Manjit", "Sukhvinder"], ["Sandhu", "Dhaliwal", "Bains", "Gill"]),
    ],
    "de": [
        (["Gottlob", "Hannelies", "Eberhard", "Luise", "Ottmar", "Rosemarie", "Wendelin",
          "Gerlinde", "Siegfried", "Roswitha"],
         ["Schwenkedel", "Häberle", "Eisele-Maier", "Bräuninger", "Kächele", "Rau",
          "Widmaier", "Dreher", "Pfisterer", "Schnaitmann"]),
        (["Gunter", "Heike", "Uwe", "Kerstin"], ["Lätzsch", "Uhlig", "Tröger", "Flämig"]),
        (["Dimitrios", "Vasiliki", "Stavros", "Eirini"], ["Papadopoulos", "Karagianni", "Theodoridis", "Alexiou"]),
        (["Salvatore", "Giuseppina", "Rocco"], ["Lo Bue", "Schiavone", "Di Franco"]),
        (["Yusuf", "Rasha", "Tarek", "Lama"], ["Al-Hamwi", "Haddad", "Khoury", "Nasrallah"]),
        (["Senait", "Yonas", "Merhawi"], ["Tesfamariam", "Ghebremedhin", "Habte"]),
    ],
    "fr": [
        (["Mistral", "Magali", "Frédéric", "Mireille", "Estève", "Nanon", "Bastian", "Lisette",
          "Marius", "Fanette"],
         ["Roumanille", "Audibert", "Giraud-Reboul", "Espitalier", "Arnaud", "Bonnefoy",
          "Chabaud", "Roubaud", "Gassier", "Lieutaud"]),
        (["Jacquemine", "Rolande", "Abel", "Benoîte"], ["Favre-Bulle", "Perrier", "Duc", "Cattin"]),
        (["Joaquim", "Fátima", "Nuno", "Conceição"], ["Ferreira da Costa", "Gonçalves", "Pinto", "Carvalho"]),
        (["Grâce", "Exaucé", "Merveille", "Dieudonné"], ["Mbemba", "Kabongo", "Nsimba", "Lukusa"]),
        (["Rania", "Georges", "Nayla"], ["Haddad-Aoun", "Saadé", "Khalil"]),
    ],
    "es": [
        (["Yeray", "Nayra", "Acerina", "Echedey", "Chaxiraxi", "Ancor", "Idaira", "Tanausú"],
         ["Hernández Perdomo", "Cabrera", "Betancort", "Umpiérrez", "Quintana Santana", "Déniz",
          "Arbelo", "Rodríguez Tejera"]),
        (["Rocío", "Curro", "Macarena", "Manolo"], ["Jiménez Ortega", "Moreno", "Zurita", "Bohórquez"]),
        (["Vicent", "Amparo", "Xavier", "Empar"], ["Ferrandis", "Castelló", "Sanchis i Ferrer", "Mollà"]),
        (["Hamza", "Salma", "Bilal", "Houda"], ["El Amrani", "Benali", "Ouahbi", "Chakir"]),
        (["Yeison", "Luz Dary", "Wilson", "Marleny"], ["Restrepo Gaviria", "Ospina", "Cardona", "Valencia Arango"]),
    ],
    "it": [
        (["Bepi", "Gemma", "Toni", "Graziella", "Tiziano", "Loredana", "Giacomo", "Nives"],
         ["Zanon", "Dal Bello", "Furlan", "Bortolin", "De Zotti", "Zanatta", "Bellò", "Visentin"]),
        (["Battista", "Margherita", "Cesare", "Luigina"], ["Borgogno", "Chiavazza", "Gribaudo", "Ravera"]),
        (["Gennaro", "Assunta", "Ciro", "Carmela"], ["Esposito-Russo", "Iovine", "Capasso", "Scognamiglio"]),
        (["Oksana", "Taras", "Halyna"], ["Kovalenko", "Shevchuk", "Bondarenko"]),
        (["Ahmed", "Mona", "Karim"], ["Abdelrahman", "Saleh", "El Sayed"]),
        (["Ibrahima", "Awa", "Cheikh"], ["Ndiaye", "Sarr", "Diouf"]),
    ],
    "nl": [
        (["Gerrit-Jan", "Hennie", "Bertus", "Dinie", "Herman", "Truus", "Jans", "Gradus"],
         ["Nijhuis", "ter Braak", "Oude Luttikhuis", "Kamphuis", "Lansink", "Haverkate",
          "Tijhuis", "Brinkers"]),
        (["Djenifer", "Edson", "Celeste"], ["Monteiro", "Tavares", "Lopes Fortes"]),
        (["Kwabena", "Akosua", "Yaw"], ["Asante", "Boateng", "Owusu-Ansah"]),
        (["Tomasz", "Kasia", "Piotr"], ["Wróbel", "Kowalczyk", "Dąbrowski"]),
        (["Bashar", "Nour", "Amal"], ["Al-Khatib", "Darwish", "Shami"]),
    ],
}


def person_pool(lang):
    pool = [(g, f) for given, family in NAMES[lang] for g in given for f in family]
    R.shuffle(pool)
    kept = [p for p in pool if not seen_anywhere(f"{p[0]} {p[1]}")]
    DROPPED.extend(f"{g} {f}" for g, f in pool if (g, f) not in kept)
    return kept


PEOPLE = {lang: person_pool(lang) for lang in LANGS}

# ------------------------------------------------------------ places of people --------
TOWNS = {
    "en": ["Portree", "Ullapool", "Dornoch", "Golspie", "Brora", "Kyle of Lochalsh", "Tobermory",
           "Lerwick", "Stromness", "Kirkwall", "Scalloway", "Chatteris", "Whittlesey",
           "Ramsey St Mary's", "Bakewell", "Hathersage", "Tideswell", "Leek", "Wirksworth",
           "Gairloch", "Lochinver", "Thurso"],
    "de": ["Münsingen", "Ehingen", "Blaubeuren", "Riedlingen", "Mengen", "Sigmaringen",
           "Annaberg-Buchholz", "Marienberg", "Olbernhau", "Zschopau", "Schwarzenberg",
           "Templin", "Prenzlau", "Angermünde", "Meppen", "Haselünne", "Papenburg",
           "Laichingen", "Gammertingen", "Geyer", "Schwedt"],
    "fr": ["Forcalquier", "Manosque", "Sisteron", "Digne-les-Bains", "Moûtiers",
           "Saint-Jean-de-Maurienne", "Modane", "Bourg-Saint-Maurice", "Luçon",
           "Fontenay-le-Comte", "Challans", "Château-Chinon", "Saulieu", "Avallon",
           "Banon", "Riez", "Valensole", "Aiguebelle", "Lucenay", "Mareuil-sur-Lay"],
    "es": ["Teguise", "Haría", "Agüimes", "Icod de los Vinos", "Valverde", "Ubrique",
           "Grazalema", "Vejer de la Frontera", "Cazorla", "Baeza", "Xàtiva", "Ontinyent",
           "Morella", "Vinaròs", "Tinajo", "Gáldar", "Moya", "Olvera", "Bocairent", "Albaida"],
    "it": ["Asolo", "Feltre", "Castelfranco Veneto", "Marostica", "Bra", "Canelli",
           "Nizza Monferrato", "Ovada", "Mondovì", "Agerola", "Sapri", "Vallo della Lucania",
           "Sant'Agata de' Goti", "Valdobbiadene", "Pieve di Soligo", "Dogliani", "Cherasco",
           "Teggiano", "Padula", "Oderzo"],
    "nl": ["Oldenzaal", "Ootmarsum", "Haaksbergen", "Goor", "Rijssen", "Delden", "Raalte",
           "Ommen", "Hardenberg", "Schagen", "Medemblik", "Enkhuizen", "Tubbergen",
           "Losser", "Borne", "Dalfsen", "Nijverdal", "Vriezenveen", "Denekamp", "Hellendoorn"],
}
TOWNS = {lang: unseen(ts) for lang, ts in TOWNS.items()}

STREETS = {
    "en": ["Kirk Wynd", "Castle Brae", "Shore Road", "Bank Street", "Quay Street",
           "Somerled Square", "Commercial Street", "Hillhead", "Argyle Terrace",
           "Burnside", "Matlock Street", "Netherend"],
    "de": ["Uhlandstraße", "Mühlgasse", "Hinter der Kirche", "Albstraße", "Steigstraße",
           "Schillerplatz", "Buchholzer Straße", "Ringstr.", "Zur Lehmgrube", "Talweg",
           "Am Hirschsprung", "Ernst-Thälmann-Straße"],
    "fr": ["montée de la Citadelle", "traverse des Pêcheurs", "quai Saint-Antoine",
           "cours Gambetta", "faubourg Saint-Jacques", "ruelle des Tanneurs",
           "boulevard de la Résistance", "chemin des Oliviers", "place du Bourguet",
           "rue Grande", "avenue Jean-Giono", "passage du Four"],
    "es": ["Travesía del Carmen", "Calle Real", "Plaza de la Constitución", "Paseo Marítimo",
           "Callejón del Agua", "Carrer de Sant Josep", "Calle León y Castillo",
           "Avenida de Canarias", "Carrer Blasco Ibáñez", "Camino de la Ermita",
           "Calle Corredera", "Plaza del Pozo"],
    "it": ["Borgo Pieve", "Salita San Giacomo", "Vicolo dei Tessitori", "Riva del Garda",
           "Largo Garibaldi", "Strada Comunale delle Vigne", "Via Montegrappa",
           "Piazza della Libertà", "Via Nazionale", "Corso Italia", "Via Mazzini", "Contrà Santa Lucia"],
    "nl": ["Brink", "De Es", "Veldweg", "Grotestraat", "Oldenzaalsestraat", "Singel",
           "Westerkade", "Kloosterstraat", "Schoolstraat", "Bentheimerstraat", "Weverij",
           "Hoge Larenseweg"],
}


def postcode(lang):
    if lang == "en":
        return f"{pick(['IV', 'KW', 'ZE', 'PE', 'DE', 'ST', 'PA'])}{num(1, 40)} {num(1, 9)}{pick('ABDEFGHJLNPQRSTUWXYZ')}{pick('ABDEFGHJLNPQRSTUWXYZ')}"
    if lang == "nl":
        return f"{num(7400, 7699)}{pick([' ', ''])}{pick('ABCDEGHJKLMNPRSTVWXZ')}{pick('ABCDEGHJKLMNPRSTVWXZ')}"
    if lang == "de":
        return f"{pick(['72', '88', '89', '09', '17', '49'])}{num(100, 999)}"
    if lang == "es":
        return f"{pick(['35', '38', '11', '23', '46', '12'])}{num(100, 999)}"
    if lang == "it":
        return f"{pick(['31', '32', '36', '12', '15', '84'])}{num(10, 99)}{pick(['0', '5'])}"
    return f"{pick(['04', '73', '85', '58', '89'])}{num(100, 999)}"


def street_line(lang):
    """A street and house number in the country's order, as one value."""
    s = pick(STREETS[lang])
    n = num(1, 160)
    if lang == "en":
        return f"{n} {s}"
    if lang == "fr":
        return f"{n} {s}"
    if lang == "es":
        return f"{s}, {n}" if R.random() < 0.6 else f"{s} {n}"
    if lang == "it":
        return f"{s}, {n}" if R.random() < 0.6 else f"{s} {n}"
    if lang == "de":
        return f"{s} {n}{pick(['', '', '/1', 'b'])}"
    return f"{s} {n}{pick(['', '', 'a', '-2'])}"


def address(lang, sep=", "):
    """[street, postcode, town] segments in the country's layout."""
    t = pick(TOWNS[lang])
    pc = postcode(lang)
    first = [("LOCATION", street_line(lang))]
    if lang == "en":
        return first + [sep, ("LOCATION", t), sep, ("LOCATION", pc)]
    return first + [sep, ("LOCATION", pc), " ", ("LOCATION", t)]


# ------------------------------------------------------------ numbers of people --------
def phone(lang):
    """A number in a valid range of the country's plan, written as people there do."""
    d = digits
    return pick({
        "en": [f"07{num(700, 999)} {d(3)} {d(3)}", f"01478 {num(6, 6)}{d(5)}", f"01595 {num(6, 8)}{d(5)}",
               f"+44 (0)1629 {num(8, 8)}{d(5)}", f"01354-{num(6, 7)}{d(5)}"],
        "de": [f"0160 {d(3)} {d(4)}", f"07381/{num(2, 9)}{d(3)}", f"+49 3733 {num(2, 9)}{d(4)}",
               f"(03987) {num(2, 9)}{d(4)}", f"0152-{d(4)} {d(4)}"],
        "fr": [f"07 {num(50, 89)} {d(2)} {d(2)} {d(2)}", f"04 92 {d(2)} {d(2)} {d(2)}",
               f"+33 (0)4 79 {d(2)} {d(2)} {d(2)}", f"02.51.{d(2)}.{d(2)}.{d(2)}", f"06{d(2)} {d(2)} {d(2)} {d(2)}"],
        "es": [f"6{num(10, 99)} {d(2)} {d(2)} {d(2)}", f"928 {d(3)} {d(3)}", f"+34 956 {d(2)} {d(2)} {d(2)}",
               f"7{num(10, 49)} {d(3)} {d(3)}", f"96 {d(3)} {d(2)} {d(2)}"],
        "it": [f"34{num(0, 9)} {d(3)} {d(4)}", f"0423 {d(6)}", f"+39 0173 {d(6)}", f"0974/{d(6)}",
               f"33{num(0, 9)}-{d(7)}"],
        "nl": [f"06-{num(1, 6)}{d(7)}", f"0541-{num(2, 8)}{d(5)}", f"+31 (0)53 {num(2, 8)}{d(2)} {d(2)} {d(2)}",
               f"0546 {num(2, 8)}{d(2)} {d(3)}", f"06 {num(1, 6)}{d(3)} {d(2)} {d(2)}"],
    }[lang])


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}


def date_text(lang, d, m, y):
    """A date as written in the country: words, numeric orders, ISO."""
    mn = MONTHS[lang][m - 1]
    return pick({
        "en": [f"{d} {mn} {y}", f"{d}/{m:02d}/{y}", f"{d} {mn[:3]} {y}", f"{y}-{m:02d}-{d:02d}"],
        "de": [f"{d}. {mn} {y}", f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{y}-{m:02d}-{d:02d}"],
        "fr": [f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}/{str(y)[2:]}", f"{y}-{m:02d}-{d:02d}"],
        "es": [f"{d} de {mn} de {y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{y}-{m:02d}-{d:02d}"],
        "it": [f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{y}-{m:02d}-{d:02d}"],
        "nl": [f"{d} {mn} {y}", f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{str(y)[2:]}", f"{y}-{m:02d}-{d:02d}"],
    }[lang])


def dob(lang, years=(1932, 2009)):
    return ("DATE_OF_BIRTH", date_text(lang, num(1, 28), num(1, 12), num(*years)))


def iso_dob(years=(1932, 2009)):
    return ("DATE_OF_BIRTH", f"{num(*years)}-{num(1, 12):02d}-{num(1, 28):02d}")


def compact_dob(years=(1932, 2009)):
    return ("DATE_OF_BIRTH", f"{num(*years)}{num(1, 12):02d}{num(1, 28):02d}")


def mrn():
    return pick([f"{digits(8)}", f"{pick('KMRVZ')}{digits(7)}", f"{digits(4)}-{digits(5)}",
                 f"{pick(['PAT', 'MRN', 'HC'])}{digits(6)}"])


EMAIL_HOSTS = ["hotmail.co.uk", "live.com", "t-online.de", "mail.de", "laposte.net", "sfr.fr",
               "yahoo.es", "movistar.es", "alice.it", "virgilio.it", "ziggo.nl", "hetnet.nl",
               "proton.me", "gmail.com"]


def email_of(given, surname):
    g = re.sub(r"[^a-z]", "", ascii_fold(given).lower())
    s = re.sub(r"[^a-z]", "", ascii_fold(surname).lower())
    return pick([f"{g}.{s}@{pick(EMAIL_HOSTS)}", f"{g}_{s[:4]}{num(1, 99)}@{pick(EMAIL_HOSTS)}",
                 f"{s}{g[0]}@{pick(EMAIL_HOSTS)}", f"{g}{num(1950, 2005)}@{pick(EMAIL_HOSTS)}"])


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


def card():
    kind = pick(["visa", "mc2", "amex", "visa"])
    if kind == "amex":
        body = pick(["34", "37"]) + digits(12)
        n = body + luhn_digit(body)
        return pick([f"{n[:4]} {n[4:10]} {n[10:]}", n])
    prefix = {"visa": "4", "mc2": str(num(2221, 2720))}[kind]
    body = prefix + digits(15 - len(prefix))
    n = body + luhn_digit(body)
    return pick([" ".join(n[i:i + 4] for i in range(0, 16, 4)), n])


BBAN = {
    "GB": lambda: pick(["BOFS", "RBOS", "CLYD", "HLFX"]) + digits(14),
    "DE": lambda: digits(18),
    "FR": lambda: digits(10) + pick("ABCDEFGHJK") + digits(10) + digits(2),
    "ES": lambda: digits(20),
    "IT": lambda: pick("ABCDEFGHJKLMNPRSTUVWXZ") + digits(10) + digits(12),
    "NL": lambda: pick(["INGB", "ABNA", "RABO", "ASNB", "KNAB"]) + digits(10),
}


def iban(lang):
    cc = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang]
    bban = BBAN[cc]()
    n = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    s = f"{cc}{98 - n % 97:02d}{bban}"
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


# ------------------------------------------------------------ PII texts --------
# Slots: <<person>> <<given>> <<surname>> <<email>> (person A); <<person2>> <<given2>>
# <<surname2>> <<email2>> (B); <<addr>> (street, postcode, town), <<street>> <<town>>
# <<town2>> <<pc>> <<phone>> <<phone2>> <<dob>> <<dobiso>> <<dobc>> (compact) <<mrn>>
# <<iban>> <<card>> (values); <<date>> <<n>> <<hh>> <<mm>> (plain).
PII_T = {
    "en": [
        "Convert this YAML to JSON:\ncontacts:\n  - name: <<person>>\n    phone: \"<<phone>>\"\n    email: <<email>>\n  - name: <<person2>>\n    phone: \"<<phone2>>\"",
        "Why does this insert fail?\nINSERT INTO members (first_name, last_name, born, town) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Parse this HL7 segment for me:\nPID|1||<<mrn>>^^^WARD||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Boiler service\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\nWhat time is this in Lisbon?",
        "Summarise this chat:\n[<<hh>>:<<mm>>] <<given>>: hi, can you send the invoice to my new place?\n[<<hh>>:<<mm>>] <<given>>: it's <<addr>>\n[<<hh>>:<<mm>>] shop: noted, and a phone for the courier?\n[<<hh>>:<<mm>>] <<given>>: <<phone>>",
        "Clean up this OCR text from a scanned form:\nN ame: <<person>>   D ate of b irth :<<dob>>\nAdd ress: <<addr>>\nTel ephone:  <<phone>>",
        "Turn this seating plan into a list:\n| table | guest | address |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Customs declaration CN22. Sender: <<person>>, <<addr>>. Contents: knitted scarf, gift, value 25 GBP. Sender tel. <<phone>>.",
        "What does this transfer screenshot say?\nPayee  <<person>>\nIBAN  <<iban>>\nReference  rent <<date>>\nAmount  650.00 GBP",
        "Is this .env file safe to commit?\nCONTACT_NAME=\"<<person>>\"\nCONTACT_PHONE=\"<<phone>>\"\nBILLING_CARD=<<card>>\nSMTP_FROM=<<email>>",
        "Sticky note on the fridge: ring <<given>> back re: the kitchen quote, <<phone>>, after 5. Lives on <<street>> near the school.",
        "Validate this XML:\n<patient><mrn><<mrn>></mrn><name><<person>></name><dob><<dobiso>></dob><gp>Dr <<surname2>></gp></patient>",
    ],
    "de": [
        "Wandle dieses YAML in JSON um:\nkontakte:\n  - name: <<person>>\n    telefon: \"<<phone>>\"\n    email: <<email>>\n  - name: <<person2>>\n    telefon: \"<<phone2>>\"",
        "Warum schlägt dieses Insert fehl?\nINSERT INTO mitglieder (vorname, nachname, geburtsdatum, ort) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Zerlege dieses HL7-Segment:\nPID|1||<<mrn>>^^^STATION||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Heizungswartung\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\nWie spät ist das in Lissabon?",
        "Fasse diesen Chat zusammen:\n[<<hh>>:<<mm>>] <<given>>: hallo, können Sie die Rechnung an meine neue Adresse schicken?\n[<<hh>>:<<mm>>] <<given>>: das ist <<addr>>\n[<<hh>>:<<mm>>] Shop: notiert, und eine Nummer für den Kurier?\n[<<hh>>:<<mm>>] <<given>>: <<phone>>",
        "Bereinige diesen OCR-Text eines eingescannten Formulars:\nN ame: <<person>>   Geburts datum :<<dob>>\nAn schrift: <<addr>>\nTele fon:  <<phone>>",
        "Mach aus dieser Sitzordnung eine Liste:\n| Tisch | Gast | Adresse |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Zollinhaltserklärung CN22. Absender: <<person>>, <<addr>>. Inhalt: Strickschal, Geschenk, Wert 25 EUR. Tel. Absender <<phone>>.",
        "Was steht auf diesem Überweisungs-Screenshot?\nEmpfänger  <<person>>\nIBAN  <<iban>>\nVerwendungszweck  Miete <<date>>\nBetrag  650,00 EUR",
        "Kann ich diese .env-Datei committen?\nKONTAKT_NAME=\"<<person>>\"\nKONTAKT_TELEFON=\"<<phone>>\"\nZAHLUNG_KARTE=<<card>>\nSMTP_FROM=<<email>>",
        "Zettel am Kühlschrank: <<given>> wegen Küchenangebot zurückrufen, <<phone>>, ab 17 Uhr. Wohnt in der <<street>> bei der Schule.",
        "Prüfe dieses XML:\n<patient><nr><<mrn>></nr><name><<person>></name><geburt><<dobiso>></geburt><hausarzt>Dr. <<surname2>></hausarzt></patient>",
    ],
    "fr": [
        "Convertis ce YAML en JSON :\ncontacts:\n  - nom: <<person>>\n    tel: \"<<phone>>\"\n    email: <<email>>\n  - nom: <<person2>>\n    tel: \"<<phone2>>\"",
        "Pourquoi cet insert échoue-t-il ?\nINSERT INTO adherents (prenom, nom, naissance, commune) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Décode ce segment HL7 :\nPID|1||<<mrn>>^^^SERVICE||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Entretien chaudière\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\nQuelle heure est-il à Lisbonne à ce moment-là ?",
        "Résume cette discussion :\n[<<hh>>:<<mm>>] <<given>> : bonjour, vous pouvez envoyer la facture à ma nouvelle adresse ?\n[<<hh>>:<<mm>>] <<given>> : c'est <<addr>>\n[<<hh>>:<<mm>>] boutique : noté, et un numéro pour le livreur ?\n[<<hh>>:<<mm>>] <<given>> : <<phone>>",
        "Nettoie ce texte OCR d'un formulaire scanné :\nN om : <<person>>   Date de nais sance :<<dob>>\nAdr esse : <<addr>>\nTé léphone :  <<phone>>",
        "Transforme ce plan de table en liste :\n| table | invité | adresse |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Déclaration en douane CN22. Expéditeur : <<person>>, <<addr>>. Contenu : écharpe tricotée, cadeau, valeur 25 EUR. Tél. expéditeur <<phone>>.",
        "Que dit cette capture de virement ?\nBénéficiaire  <<person>>\nIBAN  <<iban>>\nLibellé  loyer <<date>>\nMontant  650,00 EUR",
        "Ce fichier .env peut-il être commité ?\nCONTACT_NOM=\"<<person>>\"\nCONTACT_TEL=\"<<phone>>\"\nCARTE_PAIEMENT=<<card>>\nSMTP_FROM=<<email>>",
        "Post-it sur le frigo : rappeler <<given>> pour le devis de la cuisine, <<phone>>, après 17 h. Habite <<street>>, près de l'école.",
        "Valide ce XML :\n<patient><ipp><<mrn>></ipp><nom><<person>></nom><naissance><<dobiso>></naissance><medecin>Dr <<surname2>></medecin></patient>",
    ],
    "es": [
        "Convierte este YAML a JSON:\ncontactos:\n  - nombre: <<person>>\n    telefono: \"<<phone>>\"\n    email: <<email>>\n  - nombre: <<person2>>\n    telefono: \"<<phone2>>\"",
        "¿Por qué falla este insert?\nINSERT INTO socios (nombre, apellidos, nacimiento, municipio) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Descompón este segmento HL7:\nPID|1||<<mrn>>^^^PLANTA||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Revisión de la caldera\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\n¿Qué hora es entonces en Lisboa?",
        "Resume este chat:\n[<<hh>>:<<mm>>] <<given>>: hola, ¿podéis mandar la factura a mi nueva dirección?\n[<<hh>>:<<mm>>] <<given>>: es <<addr>>\n[<<hh>>:<<mm>>] tienda: anotado, ¿y un teléfono para el repartidor?\n[<<hh>>:<<mm>>] <<given>>: <<phone>>",
        "Limpia este texto OCR de un formulario escaneado:\nNom bre: <<person>>   Fecha de naci miento :<<dob>>\nDirec ción: <<addr>>\nTelé fono:  <<phone>>",
        "Convierte este plano de mesas en una lista:\n| mesa | invitado/a | dirección |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Declaración de aduana CN22. Remitente: <<person>>, <<addr>>. Contenido: bufanda de punto, regalo, valor 25 EUR. Tel. remitente <<phone>>.",
        "¿Qué pone en esta captura de la transferencia?\nBeneficiario  <<person>>\nIBAN  <<iban>>\nConcepto  alquiler <<date>>\nImporte  650,00 EUR",
        "¿Puedo subir este fichero .env al repositorio?\nCONTACTO_NOMBRE=\"<<person>>\"\nCONTACTO_TEL=\"<<phone>>\"\nTARJETA_PAGO=<<card>>\nSMTP_FROM=<<email>>",
        "Nota en la nevera: llamar a <<given>> por el presupuesto de la cocina, <<phone>>, a partir de las 17. Vive en <<street>>, junto al colegio.",
        "Valida este XML:\n<paciente><nhc><<mrn>></nhc><nombre><<person>></nombre><nacimiento><<dobiso>></nacimiento><medico>Dra. <<surname2>></medico></paciente>",
    ],
    "it": [
        "Converti questo YAML in JSON:\ncontatti:\n  - nome: <<person>>\n    telefono: \"<<phone>>\"\n    email: <<email>>\n  - nome: <<person2>>\n    telefono: \"<<phone2>>\"",
        "Perché fallisce questo insert?\nINSERT INTO soci (nome, cognome, nascita, comune) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Scomponi questo segmento HL7:\nPID|1||<<mrn>>^^^REPARTO||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Manutenzione caldaia\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\nChe ora è allora a Lisbona?",
        "Riassumi questa chat:\n[<<hh>>:<<mm>>] <<given>>: salve, potete mandare la fattura al mio nuovo indirizzo?\n[<<hh>>:<<mm>>] <<given>>: è <<addr>>\n[<<hh>>:<<mm>>] negozio: annotato, e un numero per il corriere?\n[<<hh>>:<<mm>>] <<given>>: <<phone>>",
        "Ripulisci questo testo OCR di un modulo scansionato:\nNo me: <<person>>   Data di nasc ita :<<dob>>\nIndi rizzo: <<addr>>\nTele fono:  <<phone>>",
        "Trasforma questa disposizione dei tavoli in un elenco:\n| tavolo | invitato/a | indirizzo |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Dichiarazione doganale CN22. Mittente: <<person>>, <<addr>>. Contenuto: sciarpa a maglia, regalo, valore 25 EUR. Tel. mittente <<phone>>.",
        "Cosa dice questo screenshot del bonifico?\nBeneficiario  <<person>>\nIBAN  <<iban>>\nCausale  affitto <<date>>\nImporto  650,00 EUR",
        "Posso fare commit di questo file .env?\nCONTATTO_NOME=\"<<person>>\"\nCONTATTO_TEL=\"<<phone>>\"\nCARTA_PAGAMENTO=<<card>>\nSMTP_FROM=<<email>>",
        "Biglietto sul frigo: richiamare <<given>> per il preventivo della cucina, <<phone>>, dopo le 17. Abita in <<street>>, vicino alla scuola.",
        "Convalida questo XML:\n<paziente><cartella><<mrn>></cartella><nome><<person>></nome><nascita><<dobiso>></nascita><medico>Dott. <<surname2>></medico></paziente>",
    ],
    "nl": [
        "Zet deze YAML om naar JSON:\ncontacten:\n  - naam: <<person>>\n    telefoon: \"<<phone>>\"\n    email: <<email>>\n  - naam: <<person2>>\n    telefoon: \"<<phone2>>\"",
        "Waarom mislukt deze insert?\nINSERT INTO leden (voornaam, achternaam, geboren, woonplaats) VALUES ('<<given>>', '<<surname>>', '<<dobiso>>', '<<town>>');",
        "Ontleed dit HL7-segment:\nPID|1||<<mrn>>^^^AFDELING||<<surname>>^<<given>>||<<dobc>>|F|||<<street>>^^<<town>>^^<<pc>>||<<phone>>",
        "BEGIN:VEVENT\nSUMMARY:Onderhoud cv-ketel\nORGANIZER;CN=<<person>>:mailto:<<email>>\nLOCATION:<<street>>\\, <<town>>\nDTSTART:2027<<mm>>14T0<<n1>>0000\nEND:VEVENT\nHoe laat is dat in Lissabon?",
        "Vat deze chat samen:\n[<<hh>>:<<mm>>] <<given>>: hoi, kunnen jullie de factuur naar mijn nieuwe adres sturen?\n[<<hh>>:<<mm>>] <<given>>: dat is <<addr>>\n[<<hh>>:<<mm>>] winkel: genoteerd, en een nummer voor de bezorger?\n[<<hh>>:<<mm>>] <<given>>: <<phone>>",
        "Maak deze OCR-tekst van een gescand formulier schoon:\nNa am: <<person>>   Geboorte datum :<<dob>>\nAd res: <<addr>>\nTele foon:  <<phone>>",
        "Maak van deze tafelindeling een lijst:\n| tafel | gast | adres |\n|---|---|---|\n| 3 | <<person>> | <<street>>, <<town>> |\n| 5 | <<person2>> | <<street2>>, <<town2>> |",
        "Douaneverklaring CN22. Afzender: <<person>>, <<addr>>. Inhoud: gebreide sjaal, cadeau, waarde 25 EUR. Tel. afzender <<phone>>.",
        "Wat staat er op deze screenshot van de overboeking?\nBegunstigde  <<person>>\nIBAN  <<iban>>\nOmschrijving  huur <<date>>\nBedrag  650,00 EUR",
        "Kan ik dit .env-bestand committen?\nCONTACT_NAAM=\"<<person>>\"\nCONTACT_TEL=\"<<phone>>\"\nBETAAL_KAART=<<card>>\nSMTP_FROM=<<email>>",
        "Briefje op de koelkast: <<given>> terugbellen over de keukenofferte, <<phone>>, na vijven. Woont aan de <<street>> bij de school.",
        "Valideer deze XML:\n<patient><nummer><<mrn>></nummer><naam><<person>></naam><geboren><<dobiso>></geboren><huisarts>Dr. <<surname2>></huisarts></patient>",
    ],
}


def segments(t, lang):
    """The template's segments: (None, text) or (ENTITY, value)."""
    a, b = R.sample(PEOPLE[lang], 2)
    town, town2 = R.sample(TOWNS[lang], 2)
    vals = {
        "person": lambda: ("PERSON", f"{a[0]} {a[1]}"),
        "given": lambda: ("PERSON", a[0]),
        "surname": lambda: ("PERSON", a[1]),
        "email": lambda: ("EMAIL_ADDRESS", email_of(*a)),
        "person2": lambda: ("PERSON", f"{b[0]} {b[1]}"),
        "surname2": lambda: ("PERSON", b[1]),
        "email2": lambda: ("EMAIL_ADDRESS", email_of(*b)),
        "addr": lambda: address(lang),
        "street": lambda: ("LOCATION", street_line(lang)),
        "street2": lambda: ("LOCATION", street_line(lang)),
        "town": lambda: ("LOCATION", town),
        "town2": lambda: ("LOCATION", town2),
        "pc": lambda: ("LOCATION", postcode(lang)),
        "phone": lambda: ("PHONE_NUMBER", phone(lang)),
        "phone2": lambda: ("PHONE_NUMBER", phone(lang)),
        "dob": lambda: dob(lang),
        "dobiso": lambda: iso_dob(),
        "dobc": lambda: compact_dob(),
        "mrn": lambda: ("MEDICAL_RECORD_NUMBER", mrn()),
        "iban": lambda: ("IBAN_CODE", iban(lang)),
        "card": lambda: ("CREDIT_CARD", card()),
        "date": lambda: (None, date_text(lang, num(1, 28), num(1, 12), num(2026, 2027))),
        "hh": lambda: (None, f"{num(8, 21):02d}"),
        "mm": lambda: (None, f"{num(1, 12):02d}"),
        "n1": lambda: (None, str(num(8, 9))),
    }
    out = []
    for p in re.split(r"(<<\w+>>)", t):
        m = re.fullmatch(r"<<(\w+)>>", p)
        if not m:
            if p:
                out.append((None, p))
            continue
        v = vals[m.group(1)]()
        if isinstance(v, list):
            out.extend((None, x) if isinstance(x, str) else x for x in v)
        else:
            out.append(v)
    return out


def assemble(segs):
    out = b""
    spans = []
    for e, v in segs:
        b = v.encode()
        if e and b:
            spans.append([e, len(out), len(out) + len(b)])
        out += b
    return out.decode(), spans


def pii_text(lang, t):
    return assemble(segments(t, lang))


# ------------------------------------------------------------ harmless texts --------
# Named things that are neither people nor anyone's whereabouts, most of them in lists
# with no head word; each pool is filtered against A-K's harmless texts and decoys.
FONTS = avoided([
    "Baskerville", "Garamond", "Bodoni", "Caslon", "Didot", "Frutiger", "Akzidenz-Grotesk",
    "Univers", "Optima", "Palatino", "Rockwell", "Clarendon", "Franklin Gothic", "Bembo",
    "Plantin", "Perpetua", "Joanna", "Sabon", "Fira Sans", "Lato", "Roboto", "Minion",
    "Myriad", "Avenir", "Gotham", "Futura", "Trajan", "Jenson", "Bell MT", "Cooper Black",
    "Eurostile", "Calibri", "Cambria", "Constantia", "Georgia", "Verdana",
])
PAINTINGS = avoided([
    "Las Meninas", "Olympia", "The Hay Wain", "Whistler's Mother", "Ophelia", "Madame X",
    "The Arnolfini Portrait", "Las Hilanderas", "Saturno", "La Primavera", "Judith",
    "Venus of Urbino", "The Jewish Bride", "Het Melkmeisje", "Lady Lilith", "Flaming June",
    "Nighthawks", "Guernica", "Liberty Leading the People", "The Blue Boy", "Le Déjeuner sur l'herbe",
    "Isle of the Dead", "Wanderer above the Sea of Fog", "The Gleaners", "Salvator Mundi",
])
SOFTWARE = avoided([
    "Jenkins", "Ansible", "Haskell", "Pascal", "Julia", "Gatsby", "Jekyll", "Hugo", "Django",
    "Flask", "Laravel", "Sidekiq", "Svelte", "Ember", "Rails", "Elixir", "Phoenix", "Godot",
    "Blender", "Krita", "Inkscape", "Audacity", "Sentry", "Redis", "Mercurial", "Bazel",
    "Jupyter", "Pandas", "Matplotlib", "Homebrew", "Traefik", "Caddy", "Hadoop", "Cassandra",
    "Maven", "Gradle", "Sphinx", "Pelican", "Nextcloud", "Mastodon", "Jellyfin",
])
MINERALS = avoided([
    "Goethite", "Smithsonite", "Wulfenite", "Dolomite", "Wollastonite", "Gadolinite",
    "Scheelite", "Prehnite", "Uvarovite", "Cordierite", "Andradite", "Millerite", "Zoisite",
    "Tanzanite", "Vesuvianite", "Cuprite", "Fluorite", "Rhodochrosite", "Labradorite",
    "Morganite", "Alexandrite", "Sodalite", "Autunite", "Torbernite",
])
GAMES = avoided([
    "Carcassonne", "Agricola", "Pandemic", "Wingspan", "Dominion", "Azul", "Terraforming Mars",
    "Puerto Rico", "Tzolk'in", "Orléans", "Cascadia", "Everdell", "Brass Birmingham",
    "Concordia", "Caverna", "Splendor", "Codenames", "Dixit", "Hanabi", "Kingdomino",
    "Lost Ruins of Arnak", "Viticulture", "Patchwork", "Jaipur", "Santorini", "Istanbul",
])
BEERS = avoided([
    "Duvel", "Chimay Bleue", "Orval", "Westmalle Tripel", "Leffe Brune", "Peroni", "Moretti",
    "Mahou", "Estrella Galicia", "Kronenbourg", "Grolsch", "Bitburger", "Warsteiner",
    "Erdinger", "Paulaner", "Franziskaner", "Rochefort 10", "Brugse Zot", "La Chouffe",
    "Tripel Karmeliet", "Alhambra Reserva", "Ichnusa", "Menabrea", "Pelforth", "Ambrée de Pelforth",
    "Weihenstephaner", "Augustiner", "Hertog Jan", "Brand Pils", "Gulpener",
])
LAWS = {
    "en": ["Ohm's law", "Hooke's law", "Snell's law", "the Doppler effect", "the Coriolis force",
           "Bernoulli's principle", "a Faraday cage", "Archimedes' principle", "Pascal's law",
           "the Avogadro constant", "the Planck constant", "Boyle's law", "Kirchhoff's rules",
           "Lenz's law", "Coulomb's law", "the Peltier effect", "the Venturi effect"],
    "de": ["das Ohmsche Gesetz", "das Hookesche Gesetz", "das Snelliussche Brechungsgesetz",
           "der Doppler-Effekt", "die Corioliskraft", "das Bernoulli-Prinzip", "der Faradaysche Käfig",
           "das Archimedische Prinzip", "die Avogadro-Konstante", "das Plancksche Wirkungsquantum",
           "das Boyle-Mariottesche Gesetz", "die Kirchhoffschen Regeln", "die Lenzsche Regel",
           "das Coulombsche Gesetz", "der Peltier-Effekt", "der Venturi-Effekt"],
    "fr": ["la loi d'Ohm", "la loi de Hooke", "la loi de Snell-Descartes", "l'effet Doppler",
           "la force de Coriolis", "le principe de Bernoulli", "la cage de Faraday",
           "la poussée d'Archimède", "le principe de Pascal", "la constante d'Avogadro",
           "la constante de Planck", "la loi de Mariotte", "les lois de Kirchhoff",
           "la loi de Lenz", "la loi de Coulomb", "l'effet Peltier", "l'effet Venturi"],
    "es": ["la ley de Ohm", "la ley de Hooke", "la ley de Snell", "el efecto Doppler",
           "la fuerza de Coriolis", "el principio de Bernoulli", "la jaula de Faraday",
           "el principio de Arquímedes", "el principio de Pascal", "la constante de Avogadro",
           "la constante de Planck", "la ley de Boyle", "las leyes de Kirchhoff", "la ley de Lenz",
           "la ley de Coulomb", "el efecto Peltier", "el efecto Venturi"],
    "it": ["la legge di Ohm", "la legge di Hooke", "la legge di Snell", "l'effetto Doppler",
           "la forza di Coriolis", "il principio di Bernoulli", "la gabbia di Faraday",
           "il principio di Archimede", "il principio di Pascal", "la costante di Avogadro",
           "la costante di Planck", "la legge di Boyle", "le leggi di Kirchhoff", "la legge di Lenz",
           "la legge di Coulomb", "l'effetto Peltier", "l'effetto Venturi"],
    "nl": ["de wet van Ohm", "de wet van Hooke", "de wet van Snellius", "het dopplereffect",
           "de corioliskracht", "de wet van Bernoulli", "een kooi van Faraday",
           "de wet van Archimedes", "de wet van Pascal", "de constante van Avogadro",
           "de constante van Planck", "de wet van Boyle", "de wetten van Kirchhoff",
           "de wet van Lenz", "de wet van Coulomb", "het peltiereffect", "het venturi-effect"],
}
DISEASES = {
    "en": ["Crohn's disease", "Addison's disease", "Cushing's syndrome", "Graves' disease",
           "Hashimoto's thyroiditis", "Raynaud's phenomenon", "Tourette syndrome", "Ménière's disease",
           "Bell's palsy", "Kawasaki disease", "Lyme disease", "Sjögren's syndrome",
           "Guillain-Barré syndrome", "Osgood-Schlatter disease", "Dupuytren's contracture"],
    "de": ["Morbus Crohn", "Morbus Addison", "das Cushing-Syndrom", "Morbus Basedow",
           "die Hashimoto-Thyreoiditis", "das Raynaud-Syndrom", "das Tourette-Syndrom",
           "Morbus Menière", "die Fazialisparese", "das Kawasaki-Syndrom", "die Lyme-Borreliose",
           "das Sjögren-Syndrom", "das Guillain-Barré-Syndrom", "Morbus Osgood-Schlatter",
           "Morbus Dupuytren"],
    "fr": ["la maladie de Crohn", "la maladie d'Addison", "le syndrome de Cushing",
           "la maladie de Basedow", "la thyroïdite de Hashimoto", "le syndrome de Raynaud",
           "le syndrome de Gilles de la Tourette", "la maladie de Menière", "la paralysie de Bell",
           "la maladie de Kawasaki", "la maladie de Lyme", "le syndrome de Gougerot-Sjögren",
           "le syndrome de Guillain-Barré", "la maladie d'Osgood-Schlatter", "la maladie de Dupuytren"],
    "es": ["la enfermedad de Crohn", "la enfermedad de Addison", "el síndrome de Cushing",
           "la enfermedad de Graves-Basedow", "la tiroiditis de Hashimoto", "el fenómeno de Raynaud",
           "el síndrome de Tourette", "la enfermedad de Ménière", "la parálisis de Bell",
           "la enfermedad de Kawasaki", "la enfermedad de Lyme", "el síndrome de Sjögren",
           "el síndrome de Guillain-Barré", "la enfermedad de Osgood-Schlatter", "la contractura de Dupuytren"],
    "it": ["il morbo di Crohn", "il morbo di Addison", "la sindrome di Cushing",
           "il morbo di Basedow", "la tiroidite di Hashimoto", "il fenomeno di Raynaud",
           "la sindrome di Tourette", "la sindrome di Ménière", "la paralisi di Bell",
           "la malattia di Kawasaki", "la malattia di Lyme", "la sindrome di Sjögren",
           "la sindrome di Guillain-Barré", "la malattia di Osgood-Schlatter", "il morbo di Dupuytren"],
    "nl": ["de ziekte van Crohn", "de ziekte van Addison", "het syndroom van Cushing",
           "de ziekte van Graves", "de ziekte van Hashimoto", "het fenomeen van Raynaud",
           "het syndroom van Gilles de la Tourette", "de ziekte van Ménière", "de verlamming van Bell",
           "de ziekte van Kawasaki", "de ziekte van Lyme", "het syndroom van Sjögren",
           "het syndroom van Guillain-Barré", "de ziekte van Osgood-Schlatter", "de ziekte van Dupuytren"],
}
CLUBS = avoided([
    "Rosenborg", "Malmö FF", "Ferencváros", "Slavia Praha", "Legia Warszawa", "Dinamo Zagreb",
    "Hajduk Split", "Sturm Graz", "Rapid Wien", "Lech Poznań", "Brøndby", "Molde", "Djurgården",
    "Sparta Praha", "Maccabi Haifa", "Partizan", "Steaua", "Levski Sofia", "Viktoria Plzeň",
    "Hammarby", "Vitesse", "Heracles Almelo", "Go Ahead Eagles", "Cercle Brugge",
])
STADIUMS = avoided([
    "Stade Geoffroy-Guichard", "Estadio Benito Villamarín", "Fritz-Walter-Stadion",
    "Abe Lenstra Stadion", "Stadio Luigi Ferraris", "Estadio Ramón Sánchez-Pizjuán",
    "Stade Pierre-Mauroy", "Stadio Artemio Franchi", "Estadio Ramón de Carranza",
    "Stade Auguste-Delaune", "Max-Morlock-Stadion", "Stadio Renato Dall'Ara",
    "Stade Raymond-Kopa", "Estadio José Zorrilla", "Stadio Ennio Tardini",
    "Erich-Berndt-Stadion", "Stade Marcel-Picot", "Estadio Carlos Tartiere",
])
GEAR = avoided([
    "Leica M6", "Nokia 3310", "Roland Juno-106", "Korg MS-20", "Gibson Les Paul",
    "Fender Stratocaster", "Gretsch White Falcon", "Omega Speedmaster", "Casio F-91W",
    "Rickenbacker 360", "Hasselblad 500C", "Yamaha DX7", "Sennheiser HD 600", "Fender Jazzmaster",
    "Olympus OM-1", "Minolta X-700", "Steinway Model D", "Hohner Marine Band", "Vespa Primavera",
    "Brompton C Line", "Dyson V8", "Kindle Paperwhite", "Moleskine Cahier", "Zippo Armor",
])
HEADLINES = {
    "en": ["Council Approves New Cycle Lanes After Long Debate",
           "Heavy Rain Expected Across Northern Valleys This Weekend",
           "Local Bakery Wins Regional Award For Sourdough",
           "Library Opens Extended Hours During Exam Season",
           "Ferry Timetable Changes Announced For Winter",
           "Volunteers Restore Historic Lighthouse Lens",
           "School Orchestra Raises Funds For New Instruments",
           "Energy Prices Fall As Wind Output Hits Record"],
    "de": ["Gemeinderat beschließt neue Radwege nach langer Debatte",
           "Starker Regen erwartet: Wochenende bringt Unwetter in den Tälern",
           "Bäckerei gewinnt Landespreis für Sauerteigbrot",
           "Bibliothek verlängert Öffnungszeiten während der Prüfungszeit",
           "Fährplan ändert sich zum Winter",
           "Ehrenamtliche restaurieren historische Leuchtturmlinse",
           "Schulorchester sammelt Geld für neue Instrumente",
           "Strompreise sinken, Windkraft erreicht Rekord"],
    "fr": ["Le Conseil Municipal Adopte De Nouvelles Pistes Cyclables",
           "Fortes Pluies Attendues Dans Les Vallées Ce Week-End",
           "Une Boulangerie Primée Pour Son Pain Au Levain",
           "La Médiathèque Élargit Ses Horaires Pendant Les Examens",
           "Nouveaux Horaires Des Bacs Pour L'Hiver",
           "Des Bénévoles Restaurent La Lentille D'Un Phare Historique",
           "L'Orchestre Du Collège Collecte Des Fonds",
           "Les Prix De L'Énergie Baissent, L'Éolien Bat Un Record"],
    "es": ["El Pleno Aprueba Nuevos Carriles Bici Tras Un Largo Debate",
           "Se Esperan Lluvias Intensas En Los Valles Este Fin De Semana",
           "Una Panadería Gana Un Premio Regional Por Su Pan De Masa Madre",
           "La Biblioteca Amplía Su Horario En Época De Exámenes",
           "Cambian Los Horarios Del Ferry En Invierno",
           "Voluntarios Restauran La Lente De Un Faro Histórico",
           "La Orquesta Del Instituto Recauda Fondos",
           "Bajan Los Precios De La Energía Con Récord Eólico"],
    "it": ["Il Consiglio Comunale Approva Nuove Piste Ciclabili",
           "Attese Forti Piogge Nelle Valli Questo Fine Settimana",
           "Un Forno Vince Il Premio Regionale Per Il Pane A Lievito Madre",
           "La Biblioteca Allunga Gli Orari Durante Gli Esami",
           "Cambiano Gli Orari Dei Traghetti Per L'Inverno",
           "Volontari Restaurano La Lente Di Un Faro Storico",
           "L'Orchestra Della Scuola Raccoglie Fondi",
           "Scendono I Prezzi Dell'Energia, Record Per L'Eolico"],
    "nl": ["Gemeenteraad Stemt In Met Nieuwe Fietspaden Na Lang Debat",
           "Zware Regen Verwacht In De Dalen Dit Weekend",
           "Bakkerij Wint Provinciale Prijs Voor Zuurdesembrood",
           "Bibliotheek Verruimt Openingstijden Tijdens Examens",
           "Nieuwe Dienstregeling Veerboot Voor De Winter",
           "Vrijwilligers Restaureren Lens Van Historische Vuurtoren",
           "Schoolorkest Zamelt Geld In Voor Nieuwe Instrumenten",
           "Energieprijzen Dalen Door Record Aan Windstroom"],
}
LOGS = [
    "WARN  [HikariPool-1] JacksonConverter: slow mapping of OrderLine (412 ms)",
    "INFO  TomcatWebServer started on port 8443 with context path '/api'",
    "ERROR LettuceConnectionFactory: connection refused, retrying in 2 s",
    "DEBUG QuartzScheduler fired MorrisonReportJob at trigger RefreshNightly",
    "WARN  CaffeineCache evicted 1204 entries from PriceByRegionCache",
    "INFO  GrahamScanHull computed 57 vertices in FastHullBuilder",
    "ERROR DijkstraRouter: no path between node 17 and node 94 in RoadGraph",
    "INFO  KalmanTracker reset after 3 missed frames (CameraFeed#2)",
    "WARN  FloydWarshallSolver exceeded budget, falling back to BellmanFordSolver",
    "DEBUG HuffmanEncoder wrote 18231 bytes, ratio 0.41",
    "INFO  BloomFilterIndex rebuilt for segment 0042",
    "ERROR MockitoExtension: unnecessary stubbing in BillingServiceTest",
    "INFO  CamelContext started 14 routes, including SftpToKafkaRoute",
    "WARN  JettyHttpClient idle timeout on pool MartinGatewayPool",
    "DEBUG FibonacciBackoff next delay 13 s for WebhookDispatcher",
    "INFO  HamiltonPathFinder explored 4096 states in PuzzleSolver",
]
LOGS = avoided(LOGS)

HARMLESS_T = {
    "en": [
        "For the festival poster I shortlisted <<font>>, <<font2>> and <<font3>>; which pairs best?",
        "Room 4 highlights: <<painting>>, <<painting2>> and <<painting3>>. Allow an hour.",
        "Our stack is <<soft>>, <<soft2>> and <<soft3>>; we dropped <<soft4>> last year.",
        "Display case 2 holds <<mineral>>, <<mineral2>> and <<mineral3>>, all from old collections.",
        "Games night shortlist: <<game>>, <<game2>> or <<game3>>. Bring snacks.",
        "On tap this week: <<beer>>, <<beer2>> and <<beer3>>.",
        "Physics revision list: <<law>>, <<law2>> and <<law3>>.",
        "This month's patient leaflets cover <<disease>>, <<disease2>> and <<disease3>>.",
        "Saturday: <<club>> v <<club2>> at the <<stadium>>, kick-off 15:00.",
        "Studio inventory: a <<gear>>, a <<gear2>> and a <<gear3>>.",
        "Rewrite this headline more briefly: \"<<headline>>\"",
        "What does this log line mean?\n<<log>>\n<<log2>>",
    ],
    "de": [
        "Für das Festivalplakat habe ich <<font>>, <<font2>> und <<font3>> in der engeren Wahl. Was passt am besten?",
        "Höhepunkte in Saal 4: <<painting>>, <<painting2>> und <<painting3>>. Eine Stunde einplanen.",
        "Unser Stack: <<soft>>, <<soft2>> und <<soft3>>; <<soft4>> haben wir letztes Jahr abgelöst.",
        "In Vitrine 2 liegen <<mineral>>, <<mineral2>> und <<mineral3>>, alle aus alten Sammlungen.",
        "Spieleabend, engere Wahl: <<game>>, <<game2>> oder <<game3>>. Bringt Knabberzeug mit.",
        "Diese Woche vom Fass: <<beer>>, <<beer2>> und <<beer3>>.",
        "Lernliste Physik: <<law>>, <<law2>> und <<law3>>.",
        "Die Patientenbroschüren dieses Monats behandeln <<disease>>, <<disease2>> und <<disease3>>.",
        "Samstag: <<club>> gegen <<club2>> im <<stadium>>, Anstoß 15:00.",
        "Studioinventar: eine <<gear>>, ein <<gear2>> und ein <<gear3>>.",
        "Kürze diese Schlagzeile: „<<headline>>“",
        "Was bedeutet diese Logzeile?\n<<log>>\n<<log2>>",
    ],
    "fr": [
        "Pour l'affiche du festival, j'hésite entre <<font>>, <<font2>> et <<font3>> ; lequel irait le mieux ?",
        "À voir en salle 4 : <<painting>>, <<painting2>> et <<painting3>>. Prévoir une heure.",
        "Notre pile technique : <<soft>>, <<soft2>> et <<soft3>> ; nous avons abandonné <<soft4>> l'an dernier.",
        "La vitrine 2 présente <<mineral>>, <<mineral2>> et <<mineral3>>, issus d'anciennes collections.",
        "Soirée jeux, présélection : <<game>>, <<game2>> ou <<game3>>. Apportez à grignoter.",
        "À la pression cette semaine : <<beer>>, <<beer2>> et <<beer3>>.",
        "Révisions de physique : <<law>>, <<law2>> et <<law3>>.",
        "Les brochures du mois portent sur <<disease>>, <<disease2>> et <<disease3>>.",
        "Samedi : <<club>> reçoit <<club2>> au <<stadium>>, coup d'envoi à 15 h.",
        "Inventaire du studio : un <<gear>>, un <<gear2>> et un <<gear3>>.",
        "Raccourcis ce titre : « <<headline>> »",
        "Que signifie cette ligne de log ?\n<<log>>\n<<log2>>",
    ],
    "es": [
        "Para el cartel del festival dudo entre <<font>>, <<font2>> y <<font3>>; ¿cuál queda mejor?",
        "Lo mejor de la sala 4: <<painting>>, <<painting2>> y <<painting3>>. Calcula una hora.",
        "Nuestro stack: <<soft>>, <<soft2>> y <<soft3>>; el año pasado dejamos <<soft4>>.",
        "En la vitrina 2 hay <<mineral>>, <<mineral2>> y <<mineral3>>, de colecciones antiguas.",
        "Noche de juegos, preselección: <<game>>, <<game2>> o <<game3>>. Traed algo de picar.",
        "De barril esta semana: <<beer>>, <<beer2>> y <<beer3>>.",
        "Repaso de física: <<law>>, <<law2>> y <<law3>>.",
        "Los folletos de este mes tratan <<disease>>, <<disease2>> y <<disease3>>.",
        "Sábado: <<club>> recibe al <<club2>> en el <<stadium>>, a las 15:00.",
        "Inventario del estudio: una <<gear>>, un <<gear2>> y un <<gear3>>.",
        "Acorta este titular: «<<headline>>»",
        "¿Qué significa esta línea de log?\n<<log>>\n<<log2>>",
    ],
    "it": [
        "Per il manifesto del festival sono indeciso tra <<font>>, <<font2>> e <<font3>>: quale sta meglio?",
        "Da vedere in sala 4: <<painting>>, <<painting2>> e <<painting3>>. Serve un'ora.",
        "Il nostro stack: <<soft>>, <<soft2>> e <<soft3>>; l'anno scorso abbiamo abbandonato <<soft4>>.",
        "Nella vetrina 2 ci sono <<mineral>>, <<mineral2>> e <<mineral3>>, da vecchie collezioni.",
        "Serata giochi, rosa dei candidati: <<game>>, <<game2>> o <<game3>>. Portate da sgranocchiare.",
        "Alla spina questa settimana: <<beer>>, <<beer2>> e <<beer3>>.",
        "Ripasso di fisica: <<law>>, <<law2>> e <<law3>>.",
        "Gli opuscoli del mese trattano <<disease>>, <<disease2>> e <<disease3>>.",
        "Sabato: <<club>> ospita il <<club2>> allo <<stadium>>, calcio d'inizio alle 15.",
        "Inventario dello studio: una <<gear>>, un <<gear2>> e un <<gear3>>.",
        "Accorcia questo titolo: «<<headline>>»",
        "Cosa significa questa riga di log?\n<<log>>\n<<log2>>",
    ],
    "nl": [
        "Voor de festivalposter twijfel ik tussen <<font>>, <<font2>> en <<font3>>; wat past het best?",
        "Hoogtepunten in zaal 4: <<painting>>, <<painting2>> en <<painting3>>. Reken op een uur.",
        "Onze stack: <<soft>>, <<soft2>> en <<soft3>>; <<soft4>> hebben we vorig jaar laten vallen.",
        "In vitrine 2 liggen <<mineral>>, <<mineral2>> en <<mineral3>>, uit oude collecties.",
        "Spelletjesavond, shortlist: <<game>>, <<game2>> of <<game3>>. Neem wat te knabbelen mee.",
        "Deze week van de tap: <<beer>>, <<beer2>> en <<beer3>>.",
        "Herhaling natuurkunde: <<law>>, <<law2>> en <<law3>>.",
        "De folders van deze maand gaan over <<disease>>, <<disease2>> en <<disease3>>.",
        "Zaterdag: <<club>> tegen <<club2>> in het <<stadium>>, aftrap 15.00 uur.",
        "Studio-inventaris: een <<gear>>, een <<gear2>> en een <<gear3>>.",
        "Maak deze kop korter: ‘<<headline>>’",
        "Wat betekent deze logregel?\n<<log>>\n<<log2>>",
    ],
}


def harmless(lang, t):
    picks = {}
    pools = {
        "font": (FONTS, 3), "painting": (PAINTINGS, 3), "soft": (SOFTWARE, 4),
        "mineral": (MINERALS, 3), "game": (GAMES, 3), "beer": (BEERS, 3), "law": (LAWS[lang], 3),
        "disease": (DISEASES[lang], 3), "club": (CLUBS, 2), "stadium": (STADIUMS, 1),
        "gear": (GEAR, 3), "headline": (HEADLINES[lang], 1), "log": (LOGS, 2),
    }

    def slot(m):
        name, idx = m.group(1), int(m.group(2) or 1) - 1
        pool, k = pools[name]
        if name not in picks:
            picks[name] = R.sample(pool, k)
        return picks[name][idx]

    text = re.sub(r"<<([a-z]+?)(\d?)>>", slot, t)
    # A list that starts a sentence with an article takes a capital.
    return re.sub(r"(^|[.!?:]\s)(the|das|die|der|le|la|l'|el|il|lo|het|de|les|las|los)\b",
                  lambda m: m.group(1) + m.group(2)[0].upper() + m.group(2)[1:], text)


# ------------------------------------------------------------ decoys --------
# Numeric shapes none of A-K holds: each shape's distinctive token is searched in their
# text (`main` fails if one occurs there).
DEC = lambda lang, x, p=1: (f"{x:.{p}f}" if lang == "en" else f"{x:.{p}f}".replace(".", ","))
WORD = lambda lang, d: d[lang]
CHORDS = ["x32010", "320003", "022000", "xx0232", "x02210", "133211", "x24442", "002220", "x35553"]
CHESS = ["e4 c5", "Nf3 d6", "d4 cxd4", "Nxd4 Nf6", "Nc3 a6", "Be3 e5", "Nb3 Be6", "f3 Be7"]


def hand():
    ranks = "AKQJT98765432"
    return " ".join(f"{s} {''.join(sorted(R.sample(ranks, num(2, 5)), key=ranks.index))}" for s in "♠♥♦♣")


DECOYS = {
    "gauge": (r"sts ×", lambda l: f"{num(18, 28)} sts × {num(24, 36)} {WORD(l, {'en': 'rows', 'de': 'R.', 'fr': 'rgs', 'es': 'v.', 'it': 'ferri', 'nl': 'nld.'})} = 10 cm · {DEC(l, R.choice([3.0, 3.5, 4.0, 4.5, 5.0]))} mm · {num(3, 9)} × 50 g"),
    "aquarium": (r"°dH", lambda l: f"pH {DEC(l, R.uniform(6.2, 7.9))} · GH {num(4, 14)} °dH · KH {num(2, 10)} °dH · NO3 {num(5, 40)} mg/l · {num(22, 28)} °C"),
    "espresso": (r"g out", lambda l: f"{DEC(l, R.uniform(16, 20))} g in · {num(32, 44)} g out · {num(24, 33)} s · {num(90, 95)} °C · {DEC(l, R.uniform(1.5, 3.5))}"),
    "sizes": (r"/ UK ", lambda l: f"EU {num(36, 46)} / UK {num(3, 12)} / US {num(5, 13)} / {DEC(l, R.uniform(22.5, 30.0))} cm"),
    "screen": (r"Hz ·", lambda l: f"{pick(['2560×1440', '3840×2160', '1920×1200', '3440×1440'])} @ {pick([60, 120, 144, 165])} Hz · {pick([24, 27, 32, 34])}″ · {num(90, 165)} ppi · {pick([1, 4, 5])} ms"),
    "climbing": (r"· \d+ QD", lambda l: f"{pick(['6a+', '6b', '6c+', '7a', '7b'])} · {pick(['V3', 'V5', 'V6'])} · {pick(['5.10d', '5.11c', '5.12a'])} · {num(18, 45)} m · {num(8, 16)} QD"),
    "radio": (r"MHz", lambda l: f"FM {DEC(l, R.uniform(87.5, 107.9))} MHz · DAB {num(5, 12)}{pick('ABCD')} · MW {num(531, 1602)} kHz · PI {num(1, 9)}{pick('ABCDEF')}{num(10, 99)}"),
    "chess": (r"Elo \d", lambda l: f"Elo {num(1200, 2300)} · 1. {CHESS[0]} 2. {CHESS[1]} 3. {CHESS[2]} 4. {CHESS[3]} · {num(0, 1)}–{num(0, 1)} · {num(20, 90)}+{pick([0, 2, 3, 5])}"),
    "splits": (r"HM \d", lambda l: f"5K {num(19, 29)}:{num(0, 59):02d} · 10K {num(39, 59)}:{num(0, 59):02d} · HM 1:{num(25, 59)}:{num(0, 59):02d} · 30K 2:{num(10, 50)}:{num(0, 59):02d}"),
    "chords": (r"· capo \d", lambda l: " · ".join(R.sample(CHORDS, 4)) + f" · capo {num(1, 7)}"),
    "ticker": (r"%\) · vol", lambda l: f"{pick(['ASML', 'SAP', 'ENI', 'IBE', 'AIR', 'ADYEN'])} {DEC(l, R.uniform(20, 900), 2)} ({pick(['+', '−'])}{DEC(l, R.uniform(0.1, 4))} %) · vol {DEC(l, R.uniform(0.2, 9))}M · {num(9, 17)}:{num(0, 59):02d}"),
    "sky": (r"Dec −", lambda l: f"RA {num(0, 23):02d}h {num(0, 59):02d}m {num(0, 59):02d}s · Dec −{num(1, 60):02d}° {num(0, 59):02d}′ {num(0, 59):02d}″ · mag {DEC(l, R.uniform(-1, 9))}"),
    "sowing": (r"cm × \d", lambda l: f"{num(20, 60)} cm × {num(5, 40)} cm · {DEC(l, R.uniform(0.5, 3))} cm · {num(5, 12)}–{num(14, 28)} d · {num(12, 24)} °C"),
    "sewing": (r" · \d\d/\d\d$", lambda l: f"{num(80, 110)} · {num(62, 96)} · {num(88, 118)} · {pick(['36/38', '38/40', '40/42', '42/44'])}"),
    "vinyl": (r"33⅓", lambda l: f"33⅓ rpm · {pick([140, 180, 200])} g · {num(38, 52)}:{num(0, 59):02d} · {pick(['A1', 'A2', 'B1', 'B3'])}–{pick(['B4', 'B5', 'D2'])} · {num(1, 9)}/{num(10, 15)}"),
    "bowling": (r"X · \d/", lambda l: " · ".join(pick(["X", f"{num(1, 9)}/", f"{num(0, 8)}-{num(0, 1)}", "X"]) for _ in range(10)) + f" = {num(120, 240)}"),
    "gearing": (r"× 1[01]–", lambda l: f"{pick(['50/34', '52/36', '53/39', '46/33'])} × {pick(['11–28', '11–32', '10–33', '11–34'])} · {pick(['170', '172,5', '175'])} mm · {num(23, 35)} mm"),
    "solar": (r"Voc \d", lambda l: f"{num(300, 450)} Wp · {DEC(l, R.uniform(19, 23))} % · Voc {DEC(l, R.uniform(34, 42))} V · Isc {DEC(l, R.uniform(9, 14))} A · {num(18, 26)} kg"),
    "air": (r"µg/m³", lambda l: f"PM2.5 {num(3, 40)} µg/m³ · PM10 {num(8, 60)} µg/m³ · NO₂ {num(5, 70)} µg/m³ · O₃ {num(20, 120)} µg/m³"),
    "ski": (r"BSL", lambda l: f"DIN {DEC(l, R.choice([4.5, 5.5, 6.5, 7.5, 8.0]))} · BSL {num(270, 345)} mm · {num(150, 185)} cm · R {num(12, 19)} m"),
}


def main():
    seen = [k for k, (tok, _) in DECOYS.items() if re.search(tok, SEEN_TEXT, re.M)]
    assert not seen, f"decoy shapes seen in A-K: {seen}"
    rows = []
    kinds = sorted(DECOYS)
    for lang in LANGS:
        ht = HARMLESS_T[lang]
        for i in range(120):
            rows.append({"lang": lang, "kind": "harmless", "text": harmless(lang, ht[i % len(ht)]), "spans": []})
        for i in range(60):
            rows.append({"lang": lang, "kind": "decoy", "text": DECOYS[kinds[i % len(kinds)]][1](lang), "spans": []})
        pt = PII_T[lang]
        for i in range(108):
            text, spans = pii_text(lang, pt[i % len(pt)])
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
    R.shuffle(rows)
    for r in rows:
        b = r["text"].encode()
        for e, s, t in r["spans"]:
            v = b[s:t].decode()
            assert v and v == v.strip(), (e, v, r["text"])
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows; values and named things dropped as seen in A-K: {len(DROPPED)}", file=sys.stderr)
    print(", ".join(DROPPED), file=sys.stderr)


if __name__ == "__main__":
    main()
