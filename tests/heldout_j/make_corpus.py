#!/usr/bin/env python3
"""Held-out corpus J for `ledgergate redact` (issue 12, point 5): see README.md.

An honest estimate of both recall and precision, written before any rule was changed for
it and without reading the recognizers' word lists or rules. Registers none of A-I has: on
the PII side race entries, family-history notes, second-hand sale chats, neighbourhood
group posts, gym cancellations, home-care rotas, translation requests, school-trip consent
slips, vaccination requests, tutoring invoices, allotment waiting lists in fixed-width
columns and birthday-card prompts; on the harmless side text full of capitalised words that
are neither people nor anyone's whereabouts (novels named after their heroes, cocktails,
typefaces, algorithms and theorems named after people, physical laws, dog breeds, airports
named after people, seats of government used for the government, court cases, schools and
universities, teams named after their towns, films, medical signs and scores, streets as
the scene of history); decoys of numeric shapes none of A-I has.

Every name, place and template is typed by hand; no fake-data generator. A-I's corpora are
read only to avoid what they hold (a person whose full name occurs in any of them, a town
of a PII text that occurs in any of them, a named thing of a harmless text one of whose
distinctive capitalised words occurs in a harmless text or decoy of A-I). Templates hold
`<<slot>>`s; a slot is filled with plain text or (ENTITY, value) segments, so span offsets
(UTF-8 bytes) are computed, never typed. Standard library only.
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

R = random.Random(20261140)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]
CAPWORD = r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+"


def pick(xs):
    return xs[R.randrange(len(xs))]


def num(a, b):
    return R.randint(a, b)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ what A-I hold --------
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
SEEN_LOWER = "\n".join(_texts).lower()
DROPPED = []

# Words too common inside a named thing of several words to make it a repeat.
GENERIC = {
    "Street", "Road", "Rue", "Calle", "Via", "Straße", "Saint", "San", "Santa", "Airport",
    "Aeropuerto", "Aeroporto", "Flughafen", "Aéroport", "Luchthaven", "College", "Universität",
    "Université", "Universidad", "Università", "Universiteit", "Institut", "Instituto",
    "Istituto", "Hospital", "Ospedale", "Hôpital", "Lycée", "Liceo", "Colegio", "Gymnasium",
    "Basket", "Basketball", "Volley", "Hockey", "Handball", "Palazzo", "Sign", "Score",
}
# A team or a street of history is new when its own words are: the city in it is not.
CITIES = {
    "London", "Glasgow", "Liverpool", "Manchester", "Newcastle", "Sheffield", "Cardiff",
    "Nottingham", "Bristol", "Leeds", "Edinburgh", "Birmingham", "Southport", "Berlin",
    "Hamburg", "Frankfurt", "Dresden", "Köln", "München", "Rostock", "Magdeburg", "Kiel",
    "Paris", "Marseille", "Lyon", "Bordeaux", "Aix-en-Provence", "Brest", "Toulouse", "Lille",
    "Dijon", "Limoges", "Madrid", "Sevilla", "Barcelona", "Málaga", "Santiago", "Valencia",
    "Oviedo", "Pamplona", "Teruel", "León", "Roma", "Napoli", "Torino", "Catania", "Genova",
    "Milano", "Bologna", "Venezia", "Bari", "Palermo", "Varese", "Sassari", "Bolzano",
    "Trieste", "Rotterdam", "Amsterdam", "Utrecht", "Groningen", "Haag", "Maastricht",
    "Haarlem", "Arnhem", "Bosch", "Apeldoorn", "Tilburg", "Nijmegen", "Limburg",
}
GENERIC |= CITIES


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
        (["Morwenna", "Jago", "Tamsin", "Kerensa", "Piran", "Demelza", "Lowenna", "Hedley",
          "Bryony", "Wilfred", "Marigold", "Ambrose"],
         ["Trevithick", "Penhaligon", "Polglase", "Tregenza", "Nankivell", "Chenoweth",
          "Rowe-Pascoe", "Hosking", "Trelawny", "Curnow", "Pengelly", "Jory"]),
        (["Kwabena", "Akosua", "Yaw", "Abena", "Kofi", "Efua"],
         ["Mensah-Clarke", "Boateng", "Asante", "Owusu", "Agyeman", "Appiah"]),
        (["Imran", "Saima", "Tariq", "Nazia", "Zubair", "Farah"],
         ["Qureshi", "Mirza", "Chaudhry-Hussain", "Rashid", "Malik", "Butt"]),
        (["Hodan", "Abdirahman", "Ayan", "Liban"], ["Warsame", "Abdi", "Farah Osman", "Jama"]),
    ],
    "de": [
        (["Ilka", "Detlef", "Henrike", "Wolfram", "Almut", "Kuno", "Sieglinde", "Falko",
          "Irmgard", "Enno", "Ute", "Gunnar"],
         ["Zschiesche", "Kretzschmar", "Pietzsch", "Wendisch", "Hentschel-Mai", "Ebersbach",
          "Krautwurst", "zu Solms", "von Trotha", "Lehmkuhl", "Bierbaum", "Fröhlich-Uhde"]),
        (["Měto", "Hańža", "Jurij", "Lejna"], ["Nowak", "Wjelan", "Krawc", "Šołta"]),
        (["Roj", "Berivan", "Dilan", "Azad"], ["Aydın", "Kaplan", "Demir-Schulz", "Polat"]),
        (["Ivana", "Marko", "Snježana", "Tomislav"], ["Jurić", "Kovačević", "Babić-Hoffmann", "Perić"]),
        (["Văn Nam", "Thị Hương", "Đức Anh", "Thị Ngọc"], ["Trần", "Lê", "Phạm", "Võ"]),
    ],
    "fr": [
        (["Fanchon", "Marius", "Perrine", "Léandre", "Albane", "Firmin", "Clémence", "Eudes",
          "Oriane", "Bastien", "Salomé", "Honoré"],
         ["Casanova", "Santoni", "Paoli-Ferracci", "Etcheverry", "Harispe", "Lacombe",
          "Fabre-Montagut", "Roumanille", "de Castelbajac", "Duclos", "Vidalenc", "Ribeyrolles"]),
        (["Lamine", "Ramatoulaye", "Ibrahima", "Mariama"], ["Diop", "Fall", "Sarr", "Ba"]),
        (["Sokha", "Dara", "Chantha"], ["Chea", "Sok", "Heng"]),
        (["Nassim", "Lila", "Sofiane", "Yasmina"], ["Boudjemaa", "Hamidi", "Aït Ahmed", "Ferhat"]),
        (["Maryse", "Joël", "Ketty"], ["Jean-Baptiste", "Bellance", "Zamor"]),
    ],
    "es": [
        (["Uxía", "Brais", "Antía", "Xoán", "Iria", "Anxo", "Sabela", "Roi", "Xurxo", "Olalla"],
         ["Outeiro", "Castiñeira", "Vilariño Rei", "Lamas", "Figueroa Souto", "Teixeiro",
          "Rioboo", "Seoane", "Bouzas", "Pazos Insua"]),
        (["Pilar", "Jesús", "Remedios", "Paco", "Macarena", "Curro"],
         ["Lafuente Gracia", "Lasheras", "Bocanegra", "Cordero Salas", "Jurado", "Barrionuevo"]),
        (["Oksana", "Taras", "Nataliya", "Bohdan"], ["Kovalenko", "Shevchuk", "Bondarenko", "Hrytsenko"]),
        (["Cheikh", "Aïssatou", "Modou"], ["Ndoye", "Seck", "Gueye"]),
        (["Yesenia", "Edwin", "Marleny", "Deiby"], ["Choque Condori", "Mamani", "Quiroga Rojas", "Ticona"]),
        (["Shahid", "Rubina", "Asif"], ["Iqbal", "Javed", "Anwar"]),
    ],
    "it": [
        (["Efisio", "Bonaria", "Gavino", "Tonina", "Salvatore", "Maddalena", "Giommaria", "Antonella"],
         ["Pinna", "Deiana", "Sanna Piras", "Murgia", "Porcu", "Cossu", "Meloni-Fadda", "Usai"]),
        (["Elvio", "Lucia", "Denis", "Nives"], ["Zanutta", "Tomat", "Cescutti", "Della Mea"]),
        (["Rosalia", "Calogero", "Agata", "Turi"], ["Cannizzaro", "Lo Giudice", "Sciortino", "Li Causi"]),
        (["Maricel", "Jomar", "Rowena", "Arnel"], ["dela Cruz", "Bautista", "Macaraeg", "Villanueva"]),
        (["Nimal", "Chathurika", "Ruwan", "Dilani"], ["Perera", "Jayasuriya", "Wickramasinghe", "Fernando"]),
        (["Rahim", "Nasrin", "Sabbir"], ["Hossain", "Rahman", "Uddin"]),
    ],
    "nl": [
        (["Hylke", "Sietske", "Wybren", "Geartsje", "Jelmer", "Baukje", "Sjoukje", "Tjalling",
          "Anneke", "Durk"],
         ["Hylkema", "Sytsma", "Dijkstra", "de Boer", "Hoekstra-Zijlstra", "van der Wal",
          "Wiersma", "Talsma", "in 't Veld", "Terpstra"]),
        (["Jo", "Truus", "Sjra", "Mia"], ["Jeurissen", "Vroemen", "Habets", "Ramakers"]),
        (["Johanna", "Frans", "Wilhelmina"], ["Pattipeilohy", "Tahapary", "Latuheru"]),
        (["Jurgen", "Shurandy", "Ruthsel"], ["Martina", "Statia", "Isenia"]),
        (["Tesfay", "Mebrat", "Yonas"], ["Gebremedhin", "Tesfamariam", "Haile"]),
        (["Farid", "Mariam", "Wahid"], ["Ahmadzai", "Sultani", "Noorzai"]),
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
    "en": ["Launceston", "Camelford", "Liskeard", "Lostwithiel", "St Just", "Penryn",
           "Cockermouth", "Maryport", "Egremont", "Wigton", "Brampton", "Louth",
           "Horncastle", "Market Rasen", "Spilsby", "Alford", "Caistor", "Bourne",
           "Holsworthy", "Hatherleigh", "Chulmleigh", "Wadebridge", "Padstow", "Helston"],
    "de": ["Bad Lausick", "Colditz", "Leisnig", "Roßwein", "Frohburg", "Geithain", "Sebnitz",
           "Stolpen", "Schmölln", "Gößnitz", "Ronneburg", "Weida", "Zeulenroda", "Auma",
           "Triptis", "Ranis", "Ziegenrück", "Wolnzach", "Mainburg", "Geisenfeld", "Vohburg",
           "Gerabronn", "Blaufelden", "Langenburg", "Ilshofen"],
    "fr": ["Arbois", "Poligny", "Salins-les-Bains", "Champagnole", "Morez", "Nantua",
           "Brioude", "Billom", "Courpière", "Ambazac", "Eymoutiers", "Treignac", "Uzerche",
           "Ussel", "Bort-les-Orgues", "Saint-Pourçain-sur-Sioule", "Gannat", "Chantelle",
           "Lapalisse", "Le Donjon", "Craponne-sur-Arzon", "Yssingeaux"],
    "es": ["Allariz", "Ribadavia", "Celanova", "Xinzo de Limia", "Verín", "Viveiro", "Burela",
           "Ortigueira", "Cedeira", "Pontedeume", "Noia", "Corcubión", "Caspe", "Tauste",
           "Ejea de los Caballeros", "Hervás", "Jarandilla de la Vera", "Garrovillas",
           "Coria", "Valencia de Alcántara", "Brozas", "Monesterio"],
    "it": ["Bosa", "Macomer", "Ghilarza", "Sorgono", "Tonara", "Fonni", "Dorgali", "Siniscola",
           "Ozieri", "Ittiri", "Thiesi", "Tarcento", "Gemona del Friuli", "Venzone",
           "Tolmezzo", "Maniago", "Sacile", "Codroipo", "Lauria", "Tricarico", "Irsina",
           "Sorso"],
    "nl": ["Grou", "Joure", "Wolvega", "Oosterwolde", "Makkum", "Burgum", "Buitenpost",
           "Kollum", "Uithuizen", "Loppersum", "Zuidhorn", "Marum", "Gieten", "Borger",
           "Exloo", "Dedemsvaart", "Nijverdal", "Markelo", "Eibergen", "Dinxperlo", "Ulft",
           "Meerssen", "Eijsden", "Simpelveld", "Aardenburg", "Yerseke"],
}
TOWNS = {lang: unseen(ts) for lang, ts in TOWNS.items()}

STREETS = {
    "en": ["Fore Street", "Tregenna Terrace", "Chapel Hill", "Cross Street", "Paradise Row",
           "Back Lane", "Mount Pleasant", "Harbour View", "Lime Kiln Lane", "Gas Street",
           "Tannery Yard", "Trelawney Road"],
    "de": ["Straße des Friedens", "Thomas-Müntzer-Straße", "Am Gänseanger", "Töpfergasse",
           "Hinter den Gärten", "Zur Ziegelei", "Bergmannsweg", "Rote Gasse",
           "An der Pulvermühle", "Karl-Liebknecht-Straße", "Am Schafberg", "Niedermarkt"],
    "fr": ["rue du Four à Chaux", "chemin de la Croix Blanche", "rue Jean-Jaurès",
           "place du Foirail", "rue des Remparts", "impasse du Puits", "route de Clermont",
           "rue du Docteur Roux", "allée des Tilleuls", "rue de l'Abbé Grégoire",
           "quai des Tanneries", "rue Victor-Basch"],
    "es": ["Rúa do Franco", "Rúa Nova", "Avda. de Galicia", "Travesía da Fonte",
           "Praza do Concello", "Calle Doctor Fleming", "Calle Pintor Goya",
           "Avenida Virgen del Pilar", "Calle Alta", "Camino Viejo de Coria", "Calle Arrabal",
           "Calle Ramón Pignatelli"],
    "it": ["Via Nazionale", "Corso Umberto I", "Via Eleonora d'Arborea", "Vicolo Stretto",
           "Piazza Libertà", "Via Sebastiano Satta", "Borgo Grazzano", "Via del Forno",
           "Largo Cairoli", "Via Ippolito Nievo", "Viale Trieste", "Via Brigata Sassari"],
    "nl": ["Haadstrjitte", "Tsjerkebuorren", "Skoalstrjitte", "Buorren", "Hoofdstraat",
           "Gasthuisstraat", "Kapelweg", "Vondellaan", "Boschstraat", "Burgemeester Wiersmastraat",
           "Julianastraat", "Achter de Hoven"],
}


def postcode(lang):
    if lang == "en":
        return f"{pick(['PL', 'TR', 'CA', 'LN', 'PE', 'EX'])}{num(1, 32)} {num(1, 9)}{pick('ABDEFGHJLNPQRSTUWXYZ')}{pick('ABDEFGHJLNPQRSTUWXYZ')}"
    if lang == "nl":
        return f"{num(1011, 9999)} {pick('ABCDEGHJKLMNPRSTVWXZ')}{pick('ABCDEGHJKLMNPRSTVWXZ')}"
    if lang == "de":
        return f"0{num(1000, 9999)}" if R.random() < 0.5 else f"{num(84000, 99999)}"
    if lang == "es":
        return f"{pick(['15', '27', '32', '50', '10'])}{num(100, 999)}"
    if lang == "it":
        return f"{pick(['08', '07', '09', '33', '85'])}{num(10, 99)}0"
    return f"{pick(['39', '63', '87', '19', '03', '43'])}{num(100, 999)}"


def street_line(lang):
    """A street and house number in the country's order, as one value."""
    s = pick(STREETS[lang])
    n = num(1, 96)
    if lang == "en":
        return f"{n}{pick(['', '', 'A', 'B'])} {s}"
    if lang == "fr":
        return f"{n}{pick(['', '', ','])} {s}" if R.random() < 0.8 else f"{s}, n° {n}"
    if lang == "es":
        return f"{s}, {n}" if R.random() < 0.6 else f"{s} {n}"
    if lang == "it":
        return f"{s}, {n}" if R.random() < 0.5 else f"{s} {n}"
    return f"{s} {n}{pick(['', '', 'a', 'b', '-3'])}"


def address(lang, sep=", "):
    """[street, postcode, town] segments in the country's layout."""
    t = pick(TOWNS[lang])
    pc = postcode(lang)
    first = [("LOCATION", street_line(lang))]
    if lang == "en":
        return first + [sep, ("LOCATION", t), sep, ("LOCATION", pc)]
    if lang == "it" and R.random() < 0.5:
        return first + [sep, ("LOCATION", pc), " ", ("LOCATION", t), f" ({pick(['NU', 'OR', 'SS', 'UD', 'PN', 'PZ', 'MT'])})"]
    return first + [sep, ("LOCATION", pc), " ", ("LOCATION", t)]


# ------------------------------------------------------------ numbers of people --------
def phone(lang):
    """A number in a valid range of the country's plan, written as people there do."""
    d = digits
    return pick({
        "en": [f"07{num(700, 999)} {d(6)}", f"01208 {num(2, 8)}{d(5)}", f"01566 {num(2, 8)}{d(5)}",
               f"+44 (0)7{num(400, 599)} {d(6)}", f"0{num(7700, 7999)}-{d(3)}-{d(3)}"],
        "de": [f"0160 {num(2, 9)}{d(6)}", f"0157/{num(2, 9)}{d(6)}", f"034345 {num(2, 9)}{d(3)}",
               f"08442 {num(2, 9)}{d(3)}", f"+49 172 {num(2, 9)}{d(6)}", f"037421/{num(2, 9)}{d(4)}"],
        "fr": [f"06.{d(2)}.{d(2)}.{d(2)}.{d(2)}", f"07 {num(50, 89)} {d(2)} {d(2)} {d(2)}",
               f"04 71 {d(2)} {d(2)} {d(2)}", f"05 55 {d(2)} {d(2)} {d(2)}", f"+33 (0)6 {d(2)} {d(2)} {d(2)} {d(2)}"],
        "es": [f"6{num(10, 99)} {d(3)} {d(3)}", f"7{num(10, 49)} {d(2)} {d(2)} {d(2)}",
               f"988 {d(2)} {d(2)} {d(2)}", f"981 {d(3)} {d(3)}", f"+34 6{num(10, 99)}{d(6)}"],
        "it": [f"3{num(20, 93)} {d(3)} {d(4)}", f"3{num(20, 93)}-{d(7)}", f"0785 {d(5)}",
               f"0432 {d(6)}", f"+39 3{num(20, 93)} {d(3)} {d(4)}"],
        "nl": [f"06-{num(1, 6)}{d(7)}", f"06 {num(1, 6)}{d(1)} {d(2)} {d(2)} {d(2)}", f"0566-{num(2, 8)}{d(5)}",
               f"0512 {num(2, 8)}{d(2)} {d(3)}", f"+31 (0)6 {num(1, 6)}{d(7)}"],
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
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def date_text(lang, d, m, y):
    """A date as written in the country: abbreviated months, Roman-numeral months,
    two-digit years, ISO."""
    mn = MONTHS[lang][m - 1]
    short = mn[:3] + ("." if lang in ("de", "nl", "fr") and len(mn) > 4 else "")
    return pick({
        "en": [f"{d} {mn[:3]} {y}", f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {mn} {y}"],
        "de": [f"{d}.{m}.{str(y)[2:]}", f"{d}. {short} {y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}"],
        "fr": [f"{d}/{m}/{y}", f"{d} {short} {y}", f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}"],
        "es": [f"{d}-{ROMAN[m - 1]}-{y}", f"{d:02d}/{m:02d}/{y}", f"{d} de {mn} de {y}", f"{d}/{m}/{str(y)[2:]}"],
        "it": [f"{d}.{ROMAN[m - 1]}.{y}", f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}", f"{d}-{m}-{y}"],
        "nl": [f"{d} {short} {y}", f"{d:02d}-{m:02d}-{y}", f"{d} {mn} {y}", f"{d}-{m}-'{str(y)[2:]}"],
    }[lang])


def dob(lang, years=(1929, 2012)):
    return ("DATE_OF_BIRTH", date_text(lang, num(1, 28), num(1, 12), num(*years)))


def other_date(lang, years=(2026, 2027)):
    """A date that is no one's birth: deaths, visits, pick-ups, invoices."""
    return date_text(lang, num(1, 28), num(1, 12), num(*years))


def mrn():
    return pick([digits(7), f"{digits(2)} {digits(3)} {digits(3)}", f"{pick('BCGHKLNRW')}{digits(7)}",
                 f"{digits(4)}/{digits(5)}", f"{pick(['HC', 'PZ', 'ID'])}-{digits(6)}"])


EMAIL_HOSTS = ["sky.com", "yahoo.co.uk", "t-online.de", "mail.de", "sfr.fr", "wanadoo.fr",
               "hotmail.es", "movistar.es", "virgilio.it", "fastwebnet.it", "ziggo.nl",
               "xs4all.nl", "proton.me", "gmail.com"]


def email_of(given, surname):
    g = re.sub(r"[^a-z]", "", ascii_fold(given).lower())
    s = re.sub(r"[^a-z]", "", ascii_fold(surname).lower())
    return pick([f"{g}_{s}@{pick(EMAIL_HOSTS)}", f"{s}{g[0]}@{pick(EMAIL_HOSTS)}",
                 f"{g}.{s[0]}{num(1, 9)}@{pick(EMAIL_HOSTS)}", f"{s}-{g}@{pick(EMAIL_HOSTS)}"])


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


def card():
    kind = pick(["visa", "mc2", "mc", "amex"])
    if kind == "amex":
        body = pick(["34", "37"]) + digits(12)
        n = body + luhn_digit(body)
        return f"{n[:4]}-{n[4:10]}-{n[10:]}"
    prefix = {"visa": "4", "mc": str(num(51, 55)), "mc2": str(num(2221, 2720))}[kind]
    body = prefix + digits(15 - len(prefix))
    n = body + luhn_digit(body)
    return pick([" ".join(n[i:i + 4] for i in range(0, 16, 4)), n])


BBAN = {
    "GB": lambda: pick(["HBUK", "NAIA", "CPBK", "SRLG"]) + digits(14),
    "DE": lambda: digits(18),
    "FR": lambda: digits(10) + pick("ABCDEFGHJK") + digits(10) + digits(2),
    "ES": lambda: digits(20),
    "IT": lambda: pick("ABCDEFGHJKLMNPRSTUVWXZ") + digits(10) + digits(12),
    "NL": lambda: pick(["ASNB", "BUNQ", "KNAB", "RBRB", "FVLB"]) + digits(10),
}


def iban(lang):
    cc = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang]
    bban = BBAN[cc]()
    n = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    s = f"{cc}{98 - n % 97:02d}{bban}"
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


# ------------------------------------------------------------ PII texts --------
# Slots: <<person>> <<given>> <<surname>> <<email>> (person A); <<person2>> <<given2>>
# <<surname2>> (B); <<person3>> <<given3>> (C); <<addr>> <<addr2>> (street, postcode,
# town), <<street>> <<town>> <<phone>> <<phone2>> <<dob>> <<dob2>> <<dobkid>> <<mrn>>
# <<iban>> <<card>> (values); <<date>> <<n>> <<price>> (plain). `lc:` = all lower case.
# Column slots <<col:...>> pad a fixed-width table.
PII_T = {
    "en": [
        "RACE ENTRY – Moorland 10K\nName: <<person>>\nDate of birth: <<dob>>\nClub: unattached\nEmergency contact: <<person2>>, <<phone>>",
        "Family history notes: <<person>> (b. <<dobold>>, d. <<death>>) married <<person2>>; their son <<given3>> emigrated in 1961.",
        "lc:hi is the bike still for sale? i'm <<given>>, can collect saturday from <<street>>, <<town>>? my number's <<phone>>",
        "Lost cat on <<street>>! Grey tabby, answers to Smudge. If seen please message <<given>> <<surname>> on <<phone>>. Thanks, neighbours!",
        "Dear Membership Team,\nI wish to cancel my gym membership from <<date>>. Please stop collecting the direct debit from <<iban>>.\nRegards,\n<<person>>\n<<addr>>",
        "Home care rota, Tuesday\n08:00 <<person>>, hosp. no. <<mrn>>, DOB <<dob>>, <<addr>> – carer <<given2>>, key safe code with office",
        "Please translate into Spanish: \"Dear <<person>>, your parcel could not be delivered to <<addr>>. Call us back on <<phone>>.\"",
        "School trip consent\nPupil: <<given>> <<surname>>, born <<dobkid>>\nParent/carer: <<person2>>\nPhone during the trip: <<phone>>\nEmail: <<email>>",
        "Hello, I'd like to book a flu jab. My name is <<person>>, date of birth <<dob>>, patient number <<mrn>>. You can text me on <<phone>>.",
        "INVOICE – maths tutoring, 6 sessions, £<<price>>\nStudent: <<given2>>\nBill to: <<person>>, <<email>>\nPaid by card <<card>>",
        "Allotment waiting list\n<<col:Name:person>><<col:Address:street>><<col:Phone:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Write a warm 80th birthday card for my aunt <<person>>, born <<dob80>>, who still lives at <<addr>> and plays bowls every week.",
    ],
    "de": [
        "STARTERMELDUNG – Stadtlauf 10 km\nName: <<person>>\nGeburtsdatum: <<dob>>\nVerein: vereinslos\nNotfallkontakt: <<person2>>, <<phone>>",
        "Ahnenforschung: <<person>> (geb. <<dobold>>, gest. <<death>>) heiratete <<person2>>; der Sohn <<given3>> wanderte 1961 aus.",
        "lc:hallo, ist das fahrrad noch da? bin <<given>>, kann samstag in <<street>>, <<town>> abholen? meine nummer: <<phone>>",
        "Katze entlaufen in der <<street>>! Grau getigert, hört auf Mimi. Hinweise bitte an <<given>> <<surname>>, <<phone>>. Danke, liebe Nachbarn!",
        "Sehr geehrte Damen und Herren,\nhiermit kündige ich meine Mitgliedschaft im Fitnessstudio zum <<date>>. Bitte buchen Sie nicht mehr von <<iban>> ab.\nMit freundlichen Grüßen\n<<person>>\n<<addr>>",
        "Tourenplan Pflegedienst, Dienstag\n08:00 <<person>>, Pat.-Nr. <<mrn>>, geb. <<dob>>, <<addr>> – Pflegekraft <<given2>>, Schlüssel im Büro",
        "Bitte ins Englische übersetzen: „Sehr geehrte/r <<person>>, Ihr Paket konnte nicht an <<addr>> zugestellt werden. Rufen Sie uns unter <<phone>> zurück.“",
        "Einverständniserklärung Klassenfahrt\nSchüler/in: <<given>> <<surname>>, geb. <<dobkid>>\nErziehungsberechtigte/r: <<person2>>\nWährend der Fahrt erreichbar: <<phone>>\nE-Mail: <<email>>",
        "Guten Tag, ich möchte einen Termin für die Grippeimpfung. Ich heiße <<person>>, geboren <<dob>>, Patientennummer <<mrn>>. Per SMS an <<phone>>.",
        "RECHNUNG – Nachhilfe Mathematik, 6 Stunden, <<price>> €\nSchüler: <<given2>>\nRechnungsempfänger: <<person>>, <<email>>\nBezahlt mit Karte <<card>>",
        "Warteliste Kleingartenanlage\n<<col:Name:person>><<col:Anschrift:street>><<col:Telefon:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Schreib eine herzliche Karte zum 80. Geburtstag meiner Tante <<person>>, geboren am <<dob80>>, die noch immer in der <<addr>> wohnt und jede Woche kegelt.",
    ],
    "fr": [
        "BULLETIN D'INSCRIPTION – Foulées de la ville 10 km\nNom : <<person>>\nDate de naissance : <<dob>>\nClub : non licencié\nPersonne à prévenir : <<person2>>, <<phone>>",
        "Notes de généalogie : <<person>> (née le <<dobold>>, décédée le <<death>>) épousa <<person2>> ; leur fils <<given3>> émigra en 1961.",
        "lc:bonjour le vélo est toujours dispo ? c'est <<given>>, je peux passer samedi au <<street>> à <<town>> ? mon numéro : <<phone>>",
        "Chat perdu <<street>> ! Tigré gris, répond au nom de Grisou. Merci de contacter <<given>> <<surname>> au <<phone>>. Merci les voisins !",
        "Madame, Monsieur,\nje résilie mon abonnement à la salle de sport à compter du <<date>>. Merci de ne plus prélever le compte <<iban>>.\nCordialement,\n<<person>>\n<<addr>>",
        "Planning SSIAD, mardi\n08h00 <<person>>, n° patient <<mrn>>, né(e) le <<dob>>, <<addr>> – aide-soignante <<given2>>, boîte à clés",
        "Traduis en anglais : « Madame, Monsieur <<person>>, votre colis n'a pas pu être livré au <<addr>>. Rappelez-nous au <<phone>>. »",
        "Autorisation sortie scolaire\nÉlève : <<given>> <<surname>>, né(e) le <<dobkid>>\nResponsable légal : <<person2>>\nJoignable pendant la sortie : <<phone>>\nCourriel : <<email>>",
        "Bonjour, je voudrais prendre rendez-vous pour le vaccin contre la grippe. Je m'appelle <<person>>, née le <<dob>>, n° patient <<mrn>>. SMS au <<phone>>.",
        "FACTURE – soutien scolaire en maths, 6 séances, <<price>> €\nÉlève : <<given2>>\nFacturé à : <<person>>, <<email>>\nRéglé par carte <<card>>",
        "Liste d'attente jardins familiaux\n<<col:Nom:person>><<col:Adresse:street>><<col:Téléphone:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Écris une jolie carte pour les 80 ans de ma tante <<person>>, née le <<dob80>>, qui habite toujours au <<addr>> et joue à la pétanque chaque semaine.",
    ],
    "es": [
        "INSCRIPCIÓN – Carrera popular 10 km\nNombre: <<person>>\nFecha de nacimiento: <<dob>>\nClub: independiente\nContacto de emergencia: <<person2>>, <<phone>>",
        "Notas de genealogía: <<person>> (n. <<dobold>>, f. <<death>>) casó con <<person2>>; su hijo <<given3>> emigró en 1961.",
        "lc:hola sigue a la venta la bici? soy <<given>>, puedo recogerla el sábado en <<street>>, <<town>>? llama a <<person2>> <<phone>>",
        "¡Se ha perdido un gato en <<street>>! Atigrado gris, se llama Bigotes. Avisad a <<given>> <<surname>> al <<phone>>. ¡Gracias, vecinos!",
        "Estimados señores:\nsolicito la baja del gimnasio a partir del <<date>>. Les ruego que no carguen más recibos en <<iban>>.\nAtentamente,\n<<person>>\n<<addr>>",
        "Ruta de ayuda a domicilio, martes\n08:00 <<person>>, NHC <<mrn>>, nac. <<dob>>, <<addr>> – auxiliar <<given2>>, llave en la oficina",
        "Traduce al inglés: «Estimado/a <<person>>, no hemos podido entregar su paquete en <<addr>>. Llámenos al <<phone>>.»",
        "Autorización excursión escolar\nAlumno/a: <<given>> <<surname>>, nacido/a el <<dobkid>>\nPadre/madre/tutor: <<person2>>\nTeléfono durante la excursión: <<phone>>\nCorreo: <<email>>",
        "Hola, quiero pedir cita para la vacuna de la gripe. Me llamo <<person>>, nací el <<dob>>, número de historia <<mrn>>. Podéis escribirme al <<phone>>.",
        "FACTURA – clases particulares de matemáticas, 6 sesiones, <<price>> €\nAlumno: <<given2>>\nFacturar a: <<person>>, <<email>>\nPagado con tarjeta <<card>>",
        "Lista de espera huertos urbanos\n<<col:Nombre:person>><<col:Dirección:street>><<col:Teléfono:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Escribe una felicitación cariñosa por los 80 años de mi tía <<person>>, nacida el <<dob80>>, que sigue viviendo en <<addr>> y juega a la petanca cada semana.",
    ],
    "it": [
        "ISCRIZIONE – Corsa cittadina 10 km\nNome: <<person>>\nData di nascita: <<dob>>\nSocietà: nessuna\nContatto di emergenza: <<person2>>, <<phone>>",
        "Appunti di genealogia: <<person>> (n. <<dobold>>, m. <<death>>) sposò <<person2>>; il figlio <<given3>> emigrò nel 1961.",
        "lc:ciao la bici è ancora in vendita? sono <<given>>, posso passare sabato in <<street>>, <<town>>? il mio numero è <<phone>>",
        "Gatto smarrito in <<street>>! Tigrato grigio, si chiama Briciola. Contattate <<given>> <<surname>> al <<phone>>. Grazie, vicini!",
        "Spett.le palestra,\ncon la presente recedo dall'abbonamento a partire dal <<date>>. Vi prego di non addebitare più il conto <<iban>>.\nDistinti saluti,\n<<person>>\n<<addr>>",
        "Giro assistenza domiciliare, martedì\n08:00 <<person>>, ID paziente <<mrn>>, nato/a il <<dob>>, <<addr>> – operatrice <<given2>>, chiavi in ufficio",
        "Traduci in inglese: «Gentile <<person>>, non è stato possibile consegnare il suo pacco in <<addr>>. Ci richiami al <<phone>>.»",
        "Autorizzazione gita scolastica\nAlunno/a: <<given>> <<surname>>, nato/a il <<dobkid>>\nGenitore/tutore: <<person2>>\nReperibile durante la gita: <<phone>>\nEmail: <<email>>",
        "Buongiorno, vorrei prenotare il vaccino antinfluenzale. Mi chiamo <<person>>, nata il <<dob>>, codice paziente <<mrn>>. Potete scrivermi al <<phone>>.",
        "FATTURA – ripetizioni di matematica, 6 lezioni, <<price>> €\nStudente: <<given2>>\nIntestata a: <<person>>, <<email>>\nPagata con carta <<card>>",
        "Lista d'attesa orti urbani\n<<col:Nominativo:person>><<col:Indirizzo:street>><<col:Telefono:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Scrivi un biglietto affettuoso per gli 80 anni di mia zia <<person>>, nata il <<dob80>>, che abita ancora in <<addr>> e gioca a bocce ogni settimana.",
    ],
    "nl": [
        "INSCHRIJVING – Stadsloop 10 km\nNaam: <<person>>\nGeboortedatum: <<dob>>\nVereniging: geen\nNoodcontact: <<person2>>, <<phone>>",
        "Stamboomnotities: <<person>> (geb. <<dobold>>, overl. <<death>>) trouwde met <<person2>>; zoon <<given3>> emigreerde in 1961.",
        "lc:hoi is de fiets nog te koop? ik ben <<given>>, kan zaterdag ophalen op <<street>> in <<town>>? mijn nummer: <<phone>>",
        "Kat vermist op de <<street>>! Grijze cyperse, luistert naar Pluis. Gezien? Bel <<given>> <<surname>>, <<phone>>. Dank jullie wel, buren!",
        "Geachte heer, mevrouw,\nhierbij zeg ik mijn sportschoolabonnement op per <<date>>. Wilt u niet meer afschrijven van <<iban>>?\nMet vriendelijke groet,\n<<person>>\n<<addr>>",
        "Rooster thuiszorg, dinsdag\n08.00 <<person>>, patiëntnr. <<mrn>>, geb. <<dob>>, <<addr>> – verzorgende <<given2>>, sleutelkluis",
        "Vertaal naar het Engels: ‘Beste <<person>>, uw pakket kon niet worden bezorgd op <<addr>>. Bel ons terug op <<phone>>.’",
        "Toestemming schoolreis\nLeerling: <<given>> <<surname>>, geboren <<dobkid>>\nOuder/verzorger: <<person2>>\nBereikbaar tijdens de reis: <<phone>>\nE-mail: <<email>>",
        "Goedemiddag, ik wil graag een afspraak voor de griepprik. Mijn naam is <<person>>, geboren <<dob>>, patiëntnummer <<mrn>>. Sms naar <<phone>> mag.",
        "FACTUUR – bijles wiskunde, 6 lessen, € <<price>>\nLeerling: <<given2>>\nFactuur aan: <<person>>, <<email>>\nBetaald met kaart <<card>>",
        "Wachtlijst volkstuinen\n<<col:Naam:person>><<col:Adres:street>><<col:Telefoon:phone>>\n<<col::person2>><<col::street2>><<col::phone2>>",
        "Schrijf een hartelijke kaart voor de 80ste verjaardag van mijn tante <<person>>, geboren <<dob80>>, die nog altijd op <<addr>> woont en elke week klaverjast.",
    ],
}


def segments(t, lang):
    """The template's segments: (None, text) or (ENTITY, value)."""
    a, b, c = R.sample(PEOPLE[lang], 3)
    vals = {
        "person": lambda: ("PERSON", f"{a[0]} {a[1]}"),
        "given": lambda: ("PERSON", a[0]),
        "surname": lambda: ("PERSON", a[1]),
        "email": lambda: ("EMAIL_ADDRESS", email_of(*a)),
        "person2": lambda: ("PERSON", f"{b[0]} {b[1]}"),
        "given2": lambda: ("PERSON", b[0]),
        "person3": lambda: ("PERSON", f"{c[0]} {c[1]}"),
        "given3": lambda: ("PERSON", c[0]),
        "addr": lambda: address(lang),
        "addr2": lambda: address(lang),
        "street": lambda: ("LOCATION", street_line(lang)),
        "street2": lambda: ("LOCATION", street_line(lang)),
        "town": lambda: ("LOCATION", pick(TOWNS[lang])),
        "phone": lambda: ("PHONE_NUMBER", phone(lang)),
        "phone2": lambda: ("PHONE_NUMBER", phone(lang)),
        "dob": lambda: dob(lang),
        "dobkid": lambda: dob(lang, (2011, 2019)),
        "dobold": lambda: dob(lang, (1896, 1935)),
        "dob80": lambda: dob(lang, (1946, 1946)),
        "death": lambda: (None, other_date(lang, (1962, 2019))),
        "mrn": lambda: ("MEDICAL_RECORD_NUMBER", mrn()),
        "iban": lambda: ("IBAN_CODE", iban(lang)),
        "card": lambda: ("CREDIT_CARD", card()),
        "date": lambda: (None, other_date(lang)),
        "price": lambda: (None, f"{num(90, 360)}{'.00' if lang == 'en' else ',00'}"),
    }
    out = []
    for p in re.split(r"(<<[\w:]*>>)", t):
        m = re.fullmatch(r"<<col:(\w*):(\w+)>>", p)
        if m:
            # A fixed-width column: the header row holds the label, the other rows the
            # value, each padded to 28 characters.
            head, slot = m.groups()
            cell = (None, head) if head else vals[slot]()
            out.extend([cell, (None, " " * max(2, 28 - len(cell[1])))])
            continue
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
    # The last column's padding goes: no blanks at the end of a line.
    return [s for i, s in enumerate(out)
            if not (s[0] is None and s[1].isspace() and s[1].strip(" ") == ""
                    and (i + 1 == len(out) or out[i + 1][1].startswith("\n")))]


def assemble(segs, lower=False):
    out = b""
    spans = []
    for e, v in segs:
        v = v.lower() if lower else v
        b = v.encode()
        if e and b:
            spans.append([e, len(out), len(out) + len(b)])
        out += b
    return out.decode(), spans


def pii_text(lang, t):
    lower = t.startswith("lc:")
    return assemble(segments(t[3:] if lower else t, lang), lower)


# ------------------------------------------------------------ harmless texts --------
# Named things that are neither people nor anyone's whereabouts; each pool is filtered
# against A-I's harmless texts and decoys.
NOVELS = avoided([
    "Silas Marner", "Daniel Deronda", "Agnes Grey", "Tess of the d'Urbervilles", "Rebecca",
    "Matilda", "Coraline", "Effi Briest", "Michael Kohlhaas", "Siddhartha", "Demian", "Momo",
    "Eugénie Grandet", "Thérèse Raquin", "Nana", "Fortunata y Jacinta", "Pepita Jiménez",
    "Marianela", "Doña Perfecta", "Mastro-don Gesualdo", "Il fu Mattia Pascal", "Max Havelaar",
    "Woutertje Pieterse", "Kees de jongen", "Nicholas Nickleby", "Barnaby Rudge",
    "Martin Chuzzlewit", "Adam Bede", "Tonio Kröger", "Jakob von Gunten", "Colomba",
    "Dominique", "Adolphe", "Tirano Banderas", "Marianela", "Cosima",
])
COCKTAILS = avoided([
    "Tom Collins", "Rob Roy", "Harvey Wallbanger", "Shirley Temple", "Arnold Palmer",
    "John Collins", "Mary Pickford", "Bobby Burns", "Hanky Panky", "Garibaldi", "Rossini",
    "Bellini", "Americano", "Negroni Sbagliato", "Cuba Libre", "Tommy's Margarita",
    "Brandy Alexander", "Hemingway Daiquiri",
])
FONTS = avoided([
    "Gill Sans", "Times New Roman", "Frutiger", "Futura", "Garamond", "Baskerville", "Bodoni",
    "Caslon", "Franklin Gothic", "Myriad", "Didot", "Gotham", "Akzidenz-Grotesk", "Rockwell",
    "Perpetua", "Bembo", "Plantin", "Jenson", "Univers", "Optima",
])
ALGOS = avoided([
    "Dijkstra", "Kruskal", "Prim", "Bellman-Ford", "Floyd-Warshall", "Huffman", "Levenshtein",
    "Boyer-Moore", "Knuth-Morris-Pratt", "Tarjan", "Ford-Fulkerson", "Karatsuba", "Strassen",
    "Rabin-Karp", "Hopcroft-Karp", "Kosaraju",
])
THEOREMS = avoided([
    "Cauchy-Schwarz", "Bolzano-Weierstrass", "Heine-Borel", "Picard-Lindelöf", "Rolle",
    "Hahn-Banach", "Banach-Steinhaus", "Stone-Weierstrass", "Arzelà-Ascoli", "Lebesgue",
    "Fubini", "Sylvester", "Cayley-Hamilton", "Gauss-Bonnet",
])
LAWS = avoided([
    "Hooke", "Boyle", "Kirchhoff", "Faraday", "Snell", "Bernoulli", "Coulomb", "Lenz",
    "Kepler", "Wien", "Stefan-Boltzmann", "Gay-Lussac", "Avogadro", "Charles", "Dalton",
    "Biot-Savart", "Ampère",
])
BREEDS = avoided([
    "Jack Russell", "King Charles Spaniel", "Dobermann", "Gordon Setter", "Dandie Dinmont",
    "Sealyham Terrier", "Leonberger", "Weimaraner", "Münsterländer", "Bouvier des Flandres",
    "Braque d'Auvergne", "Spinone Italiano", "Lagotto Romagnolo", "Cane Corso",
    "Drentsche Patrijshond", "Kooikerhondje", "Perro de Agua Español", "Podenco Ibicenco",
    "Bergamasco", "Parson Russell",
])
AIRPORTS = avoided([
    "John Lennon Airport", "George Best City Airport", "Franz Josef Strauß", "Konrad Adenauer",
    "Saint-Exupéry", "Adolfo Suárez Madrid-Barajas", "Josep Tarradellas", "Leonardo da Vinci",
    "Marco Polo", "Falcone-Borsellino", "Guglielmo Marconi", "Willy Brandt",
    "Federico García Lorca", "César Manrique", "Rosalía de Castro", "Mario Mameli",
    "Cristoforo Colombo", "Pertini",
])
METONYMS = {
    "en": ["Downing Street", "Whitehall", "Holyrood", "Threadneedle Street", "Capitol Hill",
           "the Kremlin", "Foggy Bottom", "Number 10"],
    "de": ["das Kanzleramt", "Karlsruhe", "der Bendlerblock", "das Schloss Bellevue",
           "die Wilhelmstraße", "Pullach", "das Willy-Brandt-Haus", "Brüssel"],
    "fr": ["l'Élysée", "Matignon", "le Quai d'Orsay", "Bercy", "Beauvau", "la place Vendôme",
           "le Palais-Bourbon", "Solférino"],
    "es": ["la Moncloa", "la Zarzuela", "Ferraz", "Génova", "San Telmo", "Ajuria Enea",
           "la Carrera de San Jerónimo", "Santa Cruz"],
    "it": ["Palazzo Chigi", "il Quirinale", "la Farnesina", "Montecitorio", "Palazzo Madama",
           "via Arenula", "il Nazareno", "Viminale"],
    "nl": ["het Catshuis", "het Binnenhof", "Soestdijk", "Den Haag", "het Torentje",
           "Plein 2", "de Kneuterdijk", "Brussel"],
}
CASES = avoided([
    "Donoghue v Stevenson", "Hadley v Baxendale", "Carlill v Carbolic Smoke Ball",
    "Rylands v Fletcher", "Costa v ENEL", "Van Gend en Loos", "Cassis de Dijon", "Francovich",
    "Bosman", "Marleasing", "Lindenbaum/Cohen", "Haviltex", "Lüth", "Solange", "Blinkfüer",
    "Blanco", "Nicolo", "Perruche", "Factortame", "Defrenne",
])
INSTITUTIONS = {
    "en": ["Hertford College", "Magdalene College", "the Courtauld Institute", "the Ashmolean",
           "Great Ormond Street Hospital", "Gresham College", "the Wellcome Trust"],
    "de": ["die Humboldt-Universität", "das Goethe-Gymnasium", "das Max-Planck-Institut für Chemie",
           "das Leibniz-Gymnasium", "die Charité", "die Heinrich-Heine-Universität",
           "das Robert Koch-Institut"],
    "fr": ["le lycée Henri-IV", "le lycée Louis-le-Grand", "l'Institut Pasteur",
           "l'université Paul-Sabatier", "le collège Jean-Moulin", "l'hôpital Necker",
           "la fondation Cartier"],
    "es": ["el IES Ramiro de Maeztu", "la Universidad Carlos III", "el colegio San Ignacio",
           "el hospital Gregorio Marañón", "la Universidad Pompeu Fabra", "el Instituto Cervantes",
           "la Fundación Juan March"],
    "it": ["il liceo Parini", "l'Università Bocconi", "il liceo Galvani", "l'ospedale Niguarda",
           "l'Istituto Mario Negri", "l'Università Ca' Foscari", "la Fondazione Agnelli"],
    "nl": ["de Erasmus Universiteit", "het Christiaan Huygens College", "het Antoni van Leeuwenhoek",
           "het Spinoza Lyceum", "het Stedelijk Gymnasium", "de Radboud Universiteit",
           "het Maimonides"],
}
TEAMS = {
    "en": ["Leicester Riders", "Sheffield Steelers", "Cardiff Devils", "Nottingham Panthers",
           "Newcastle Eagles", "Belfast Giants", "Glasgow Clan", "Worcester Wolves",
           "Bristol Flyers", "Coventry Blaze", "Guildford Flames", "Manchester Storm",
           "Fife Flyers", "Plymouth Raiders", "Surrey Scorchers"],
    "de": ["SC Magdeburg", "THW Kiel", "Füchse Berlin", "Rhein-Neckar Löwen", "Telekom Baskets Bonn",
           "Adler Mannheim", "Eisbären Berlin", "Kölner Haie", "Grizzlys Wolfsburg", "HSG Wetzlar",
           "Bergischer HC", "Brose Bamberg", "Straubing Tigers", "Iserlohn Roosters"],
    "fr": ["Montpellier Handball", "Chambéry Savoie", "JDA Dijon", "Élan Chalon",
           "Brûleurs de Loups de Grenoble", "Rapaces de Gap", "Tours Volley", "Cholet Basket",
           "Limoges CSP", "Nantes Rezé", "Dunkerque Handball", "Dragons de Rouen",
           "Ducs d'Angers", "Metz Handball"],
    "es": ["Unicaja Málaga", "Baskonia", "Valencia Basket", "Bàsquet Manresa", "Río Breogán",
           "Obradoiro", "Bidasoa Irún", "Ademar León", "Fraikin Granollers", "CV Teruel",
           "Joventut Badalona", "Río Ourense", "Balonmano Logroño"],
    "it": ["Olimpia Milano", "Virtus Bologna", "Reyer Venezia", "Dinamo Sassari", "Trentino Volley",
           "Lube Civitanova", "Sir Perugia", "Asiago Hockey", "HC Bolzano", "Pallacanestro Varese",
           "Pallacanestro Trieste", "Vanoli Cremona", "Gas Sales Piacenza", "Rittner Buam"],
    "nl": ["Landstede Hammers", "Donar Groningen", "Heroes Den Bosch", "ZZ Leiden",
           "Dynamo Apeldoorn", "Lycurgus Groningen", "Tilburg Trappers", "Nijmegen Devils",
           "Amsterdam Tigers", "Limburg Lions", "Groene Uilen", "Feyenoord Basketball"],
}
FILMS = avoided([
    "Jules et Jim", "Amélie", "Lola rennt", "Mary Poppins", "Forrest Gump", "Annie Hall",
    "Erin Brockovich", "Billy Elliot", "Toni Erdmann", "Rosetta", "Antonia", "Karakter",
    "Marcelino pan y vino", "Rocco e i suoi fratelli", "Fitzcarraldo", "Viridiana", "Tristana",
    "Belle de Jour", "Jeanne Dielman", "Cléo de 5 à 7", "Ludwig", "Paulette", "Ninotchka",
    "Harold and Maude", "Pietje Bell", "Fanny och Alexander",
])
SIGNS = avoided(["Murphy", "Kernig", "Brudzinski", "Trousseau", "Chvostek", "Lasègue", "Romberg",
                 "Phalen", "Tinel", "Rovsing", "Babinski", "Courvoisier", "Cullen", "Grey Turner"])
SCORES = avoided(["Wells", "Centor", "Alvarado", "Glasgow-Blatchford", "Child-Pugh", "Barthel",
                  "Norton", "Waterlow", "Braden", "Apgar", "Ranson", "Caprini"])
HSTREETS = {
    "en": [("Cable Street", "London"), ("Sauchiehall Street", "Glasgow"), ("Bold Street", "Liverpool"),
           ("Deansgate", "Manchester"), ("Grey Street", "Newcastle"), ("Lord Street", "Southport"),
           ("Briggate", "Leeds"), ("Corporation Street", "Birmingham")],
    "de": [("dem Kurfürstendamm", "Berlin"), ("dem Jungfernstieg", "Hamburg"), ("der Zeil", "Frankfurt"),
           ("der Prager Straße", "Dresden"), ("der Karl-Marx-Allee", "Berlin"),
           ("der Schildergasse", "Köln"), ("der Kaufingerstraße", "München"),
           ("der Kröpeliner Straße", "Rostock"), ("dem Breiten Weg", "Magdeburg")],
    "fr": [("la rue de Rivoli", "Paris"), ("la Canebière", "Marseille"), ("la rue de la République", "Lyon"),
           ("le cours Mirabeau", "Aix-en-Provence"), ("la rue Sainte-Catherine", "Bordeaux"),
           ("la rue Saint-Ferréol", "Marseille"), ("la rue de Siam", "Brest"),
           ("la rue d'Alsace-Lorraine", "Toulouse"), ("le cours Julien", "Marseille")],
    "es": [("la Gran Vía", "Madrid"), ("la calle Sierpes", "Sevilla"), ("el paseo de Gracia", "Barcelona"),
           ("la calle Larios", "Málaga"), ("la rúa do Vilar", "Santiago"),
           ("la calle Preciados", "Madrid"), ("la calle Uría", "Oviedo"),
           ("la calle Estafeta", "Pamplona"), ("la calle Colón", "Valencia")],
    "it": [("via del Corso", "Roma"), ("via Toledo", "Napoli"), ("via Po", "Torino"),
           ("via Etnea", "Catania"), ("strada Nuova", "Genova"), ("via dei Tribunali", "Napoli"),
           ("corso Buenos Aires", "Milano"), ("via Sparano", "Bari"), ("via Maqueda", "Palermo")],
    "nl": [("de Coolsingel", "Rotterdam"), ("de Kalverstraat", "Amsterdam"), ("het Lange Voorhout", "Den Haag"),
           ("de Oudegracht", "Utrecht"), ("de Vismarkt", "Groningen"), ("de Lijnbaan", "Rotterdam"),
           ("het Vrijthof", "Maastricht"), ("de Steenstraat", "Arnhem"), ("de Korte Putstraat", "Den Bosch")],
}
METONYMS = {l: avoided(v) for l, v in METONYMS.items()}
INSTITUTIONS = {l: avoided(v) for l, v in INSTITUTIONS.items()}
TEAMS = {l: avoided(v) for l, v in TEAMS.items()}
HSTREETS = {l: [p for p in v if new_thing(f"{p[0]} {p[1]}")] for l, v in HSTREETS.items()}

HARMLESS_T = {
    "en": [
        "Book club, next month: we finish <<novel>> and start <<novel2>>; the library has six copies of each.",
        "Cocktail list: <<cocktail>> £9.50, <<cocktail2>> £10, <<cocktail3>> £8.50. Happy hour 5–7 pm.",
        "Style guide: headings in <<font>>, body text in <<font2>> at 10/14 pt, captions in <<font3>> italic.",
        "Week 7 covers the algorithms of <<algo>> and <<algo2>>; sheet 3 asks you to prove the <<theorem>> theorem.",
        "Lab write-up: the readings follow <<law>>'s law to within 2 %, and the rest is explained by <<law2>>'s law.",
        "Best in show went to a <<breed>>; reserve was a <<breed2>>, with a <<breed3>> third.",
        "Flights to <<airport>> now leave from gate B12; for <<airport2>> allow forty minutes at security.",
        "<<metonym>> declined to comment on the leak; <<metonym2>> is expected to reply on Monday.",
        "Reading for Thursday's seminar: <<case>> and <<case2>>, on duty of care and remoteness.",
        "Open day at <<inst>> on Saturday; <<inst2>> holds its own a week later.",
        "League table: 1. <<team>> 42 pts, 2. <<team2>> 39, 3. <<team3>> 37. <<team4>> host the leaders on Sunday.",
        "Film society, Thursday 8 pm: <<film>>, followed next week by <<film2>> (subtitled).",
        "Admission checklist: test for <<sign>>'s sign, record the <<score>> score, and image if <<sign2>>'s sign is positive.",
        "On this day in <<year>>, crowds filled <<hstreet>> in <<hcity>> as news of the armistice spread.",
    ],
    "de": [
        "Lesekreis im nächsten Monat: wir beenden <<novel>> und beginnen <<novel2>>; die Bücherei hat je sechs Exemplare.",
        "Cocktailkarte: <<cocktail>> 9,50 €, <<cocktail2>> 10 €, <<cocktail3>> 8,50 €. Happy Hour 17–19 Uhr.",
        "Gestaltungsrichtlinie: Überschriften in <<font>>, Fließtext in <<font2>> 10/14 Punkt, Bildunterschriften in <<font3>> kursiv.",
        "Woche 7 behandelt die Algorithmen von <<algo>> und <<algo2>>; Blatt 3 verlangt den Beweis des Satzes von <<theorem>>.",
        "Laborbericht: die Messwerte folgen dem Gesetz von <<law>> auf 2 % genau, der Rest erklärt sich mit dem Gesetz von <<law2>>.",
        "Bester der Ausstellung wurde ein <<breed>>, Reserve ein <<breed2>>, Dritter ein <<breed3>>.",
        "Flüge nach <<airport>> starten jetzt an Gate B12; für <<airport2>> bitte vierzig Minuten für die Kontrolle einplanen.",
        "<<metonym>> wollte sich zu dem Bericht nicht äußern; <<metonym2>> will am Montag antworten.",
        "Lektüre für das Seminar am Donnerstag: <<case>> und <<case2>>, zu Schutzpflichten und Drittwirkung.",
        "Tag der offenen Tür: <<inst>> am Samstag, <<inst2>> eine Woche später.",
        "Tabelle: 1. <<team>> 42 Punkte, 2. <<team2>> 39, 3. <<team3>> 37. <<team4>> empfängt am Sonntag den Tabellenführer.",
        "Filmclub, Donnerstag 20 Uhr: <<film>>, nächste Woche <<film2>> (OmU).",
        "Aufnahme-Checkliste: <<sign>>-Zeichen prüfen, <<score>>-Score dokumentieren, bei positivem <<sign2>>-Zeichen Bildgebung.",
        "Heute vor vielen Jahren, <<year>>, füllten Menschenmengen <<hstreet>> in <<hcity>>, als die Nachricht vom Waffenstillstand kam.",
    ],
    "fr": [
        "Club de lecture, le mois prochain : on termine <<novel>> et on commence <<novel2>> ; la médiathèque en a six exemplaires.",
        "Carte des cocktails : <<cocktail>> 9,50 €, <<cocktail2>> 10 €, <<cocktail3>> 8,50 €. Happy hour de 17 h à 19 h.",
        "Charte graphique : titres en <<font>>, texte courant en <<font2>> corps 10/14, légendes en <<font3>> italique.",
        "La semaine 7 traite des algorithmes de <<algo>> et de <<algo2>> ; la feuille 3 demande de démontrer le théorème de <<theorem>>.",
        "Compte rendu de TP : les mesures suivent la loi de <<law>> à 2 % près, le reste s'explique par la loi de <<law2>>.",
        "Meilleur de l'exposition : un <<breed>> ; réserve : un <<breed2>> ; troisième : un <<breed3>>.",
        "Les vols vers <<airport>> partent désormais de la porte B12 ; pour <<airport2>>, comptez quarante minutes au contrôle.",
        "<<metonym>> n'a pas souhaité commenter la fuite ; <<metonym2>> devrait répondre lundi.",
        "À lire pour le séminaire de jeudi : <<case>> et <<case2>>, sur la responsabilité.",
        "Portes ouvertes : <<inst>> samedi, <<inst2>> la semaine suivante.",
        "Classement : 1. <<team>> 42 pts, 2. <<team2>> 39, 3. <<team3>> 37. <<team4>> reçoit le leader dimanche.",
        "Ciné-club, jeudi 20 h : <<film>>, puis la semaine prochaine <<film2>> (VOST).",
        "Admission : rechercher un signe de <<sign>>, noter le score de <<score>>, imagerie si le signe de <<sign2>> est positif.",
        "Ce jour-là, en <<year>>, la foule envahit <<hstreet>> à <<hcity>> à l'annonce de l'armistice.",
    ],
    "es": [
        "Club de lectura, el mes que viene: terminamos <<novel>> y empezamos <<novel2>>; la biblioteca tiene seis ejemplares.",
        "Carta de cócteles: <<cocktail>> 9,50 €, <<cocktail2>> 10 €, <<cocktail3>> 8,50 €. Happy hour de 17 a 19 h.",
        "Manual de estilo: titulares en <<font>>, texto en <<font2>> a 10/14 pt, pies de foto en <<font3>> cursiva.",
        "La semana 7 trata los algoritmos de <<algo>> y de <<algo2>>; la hoja 3 pide demostrar el teorema de <<theorem>>.",
        "Informe de prácticas: las medidas siguen la ley de <<law>> con un error del 2 %, y el resto lo explica la ley de <<law2>>.",
        "Mejor de la exposición: un <<breed>>; reserva, un <<breed2>>; tercero, un <<breed3>>.",
        "Los vuelos a <<airport>> salen ahora por la puerta B12; para <<airport2>> calcule cuarenta minutos en el control.",
        "<<metonym>> no quiso comentar la filtración; <<metonym2>> responderá el lunes.",
        "Lecturas para el seminario del jueves: <<case>> y <<case2>>, sobre responsabilidad.",
        "Jornada de puertas abiertas: <<inst>> el sábado, <<inst2>> una semana después.",
        "Clasificación: 1. <<team>> 42 pts, 2. <<team2>> 39, 3. <<team3>> 37. El <<team4>> recibe al líder el domingo.",
        "Cineclub, jueves a las 20 h: <<film>>, y la semana que viene <<film2>> (VOSE).",
        "Ingreso: explorar el signo de <<sign>>, anotar la escala de <<score>> y pedir imagen si el signo de <<sign2>> es positivo.",
        "Tal día como hoy, en <<year>>, la multitud llenó <<hstreet>> en <<hcity>> al conocerse el armisticio.",
    ],
    "it": [
        "Gruppo di lettura, il mese prossimo: finiamo <<novel>> e iniziamo <<novel2>>; la biblioteca ne ha sei copie.",
        "Lista cocktail: <<cocktail>> 9,50 €, <<cocktail2>> 10 €, <<cocktail3>> 8,50 €. Happy hour dalle 17 alle 19.",
        "Linee guida grafiche: titoli in <<font>>, testo in <<font2>> corpo 10/14, didascalie in <<font3>> corsivo.",
        "La settimana 7 tratta gli algoritmi di <<algo>> e di <<algo2>>; il foglio 3 chiede di dimostrare il teorema di <<theorem>>.",
        "Relazione di laboratorio: le misure seguono la legge di <<law>> entro il 2 %, il resto si spiega con la legge di <<law2>>.",
        "Miglior cane della mostra un <<breed>>; riserva un <<breed2>>, terzo un <<breed3>>.",
        "I voli per <<airport>> partono ora dal gate B12; per <<airport2>> calcolate quaranta minuti ai controlli.",
        "<<metonym>> non ha voluto commentare la fuga di notizie; <<metonym2>> risponderà lunedì.",
        "Letture per il seminario di giovedì: <<case>> e <<case2>>, sulla responsabilità.",
        "Open day: <<inst>> sabato, <<inst2>> la settimana dopo.",
        "Classifica: 1. <<team>> 42 punti, 2. <<team2>> 39, 3. <<team3>> 37. La <<team4>> ospita la capolista domenica.",
        "Cineforum, giovedì ore 21: <<film>>, la prossima settimana <<film2>> (sottotitolato).",
        "Ingresso: cercare il segno di <<sign>>, registrare lo score di <<score>>, imaging se il segno di <<sign2>> è positivo.",
        "In questo giorno del <<year>> la folla riempì <<hstreet>> a <<hcity>> alla notizia dell'armistizio.",
    ],
    "nl": [
        "Leesclub volgende maand: we lezen <<novel>> uit en beginnen aan <<novel2>>; de bibliotheek heeft er zes van.",
        "Cocktailkaart: <<cocktail>> € 9,50, <<cocktail2>> € 10, <<cocktail3>> € 8,50. Happy hour 17–19 uur.",
        "Huisstijl: koppen in <<font>>, lopende tekst in <<font2>> 10/14 pt, onderschriften in <<font3>> cursief.",
        "Week 7 behandelt de algoritmen van <<algo>> en <<algo2>>; werkblad 3 vraagt de stelling van <<theorem>> te bewijzen.",
        "Practicumverslag: de metingen volgen de wet van <<law>> binnen 2 %, de rest verklaart de wet van <<law2>>.",
        "Best in show werd een <<breed>>, reserve een <<breed2>>, derde een <<breed3>>.",
        "Vluchten naar <<airport>> vertrekken nu vanaf gate B12; reken voor <<airport2>> op veertig minuten bij de controle.",
        "<<metonym>> wilde niet reageren op het uitgelekte rapport; <<metonym2>> antwoordt maandag.",
        "Leesstof voor het werkcollege van donderdag: <<case>> en <<case2>>, over aansprakelijkheid.",
        "Open dag: <<inst>> op zaterdag, <<inst2>> een week later.",
        "Stand: 1. <<team>> 42 pnt, 2. <<team2>> 39, 3. <<team3>> 37. <<team4>> ontvangt zondag de koploper.",
        "Filmhuis, donderdag 20.00 uur: <<film>>, volgende week <<film2>> (ondertiteld).",
        "Opname: controleer het teken van <<sign>>, noteer de <<score>>-score en maak beelden bij een positief teken van <<sign2>>.",
        "Op deze dag in <<year>> stroomde <<hstreet>> in <<hcity>> vol toen het nieuws van de wapenstilstand kwam.",
    ],
}


def harmless(lang, t):
    picks = {}

    def several(pool, key, k):
        if key not in picks:
            picks[key] = R.sample(pool, k)
        return picks[key]

    hs = pick(HSTREETS[lang])
    pools = {
        "novel": (NOVELS, 2), "cocktail": (COCKTAILS, 3), "font": (FONTS, 3), "algo": (ALGOS, 2),
        "theorem": (THEOREMS, 1), "law": (LAWS, 2), "breed": (BREEDS, 3), "airport": (AIRPORTS, 2),
        "metonym": (METONYMS[lang], 2), "case": (CASES, 2), "inst": (INSTITUTIONS[lang], 2),
        "team": (TEAMS[lang], 4), "film": (FILMS, 2), "sign": (SIGNS, 2), "score": (SCORES, 1),
    }

    def slot(m):
        name, idx = m.group(1), int(m.group(2) or 1) - 1
        if name in pools:
            pool, k = pools[name]
            return several(pool, name, k)[idx]
        return {"year": lambda: str(num(1871, 1945)), "hstreet": lambda: hs[0], "hcity": lambda: hs[1]}[name]()

    text = re.sub(r"<<([a-z]+?)(\d?)>>", slot, t)
    # A sentence that starts with `the`, `das`, `la`, `het`, `il`, `l'` takes a capital.
    return re.sub(r"(^|[.!?]\s)(the|das|die|der|le|la|l'|el|il|het|de)\b",
                  lambda m: m.group(1) + m.group(2)[0].upper() + m.group(2)[1:], text)


# ------------------------------------------------------------ decoys --------
# Numeric shapes none of A-I holds (each searched in their text first).
DEC = lambda lang, x, p=1: (f"{x:.{p}f}" if lang == "en" else f"{x:.{p}f}".replace(".", ","))
WORD = lambda lang, d: d[lang]


def golf_card():
    holes = [num(3, 6) for _ in range(9)]
    return " ".join(map(str, holes)) + f" = {sum(holes)}"


def bus_times():
    h, m = num(5, 7), num(0, 14)
    out = []
    for _ in range(7):
        out.append(f"{h:02d}:{m:02d}")
        m += 15
        h, m = h + m // 60, m % 60
    return " ".join(out)


DECOYS = {
    "exposure": lambda l: f"{WORD(l, {'en': 'Exposure', 'de': 'Belichtung', 'fr': 'Exposition', 'es': 'Exposición', 'it': 'Esposizione', 'nl': 'Belichting'})}: f/{pick(['1.8', '2.8', '4', '5.6', '8', '11'])}, 1/{pick([60, 125, 250, 500, 1000, 2000])} s, ISO {pick([100, 200, 400, 800, 1600, 3200])}, {num(16, 35)}–{num(70, 200)} mm @ {num(24, 70)} mm",
    "tide": lambda l: f"{WORD(l, {'en': 'Tides', 'de': 'Gezeiten', 'fr': 'Marées', 'es': 'Mareas', 'it': 'Maree', 'nl': 'Getijden'})}: HW {num(0, 5):02d}:{num(0, 59):02d} {DEC(l, R.uniform(3, 7))} m · LW {num(6, 11):02d}:{num(0, 59):02d} {DEC(l, R.uniform(0.2, 1.8))} m · HW {num(12, 17):02d}:{num(0, 59):02d} {DEC(l, R.uniform(3, 7))} m",
    "splits": lambda l: f"5 km {num(19, 29)}:{num(0, 59):02d} · 10 km {num(40, 58)}:{num(0, 59):02d} · {DEC(l, 21.1)} km 1:{num(30, 59)}:{num(0, 59):02d} ({num(4, 5)}:{num(0, 59):02d} min/km)",
    "oven": lambda l: f"{num(16, 22)}0 °C / {num(14, 20)}0 °C {WORD(l, {'en': 'fan', 'de': 'Umluft', 'fr': 'chaleur tournante', 'es': 'ventilador', 'it': 'ventilato', 'nl': 'hetelucht'})} / {num(32, 42)}0 °F / gas {num(3, 7)}, {num(25, 40)}–{num(41, 60)} min",
    "screen": lambda l: f"{pick(['2560×1440', '3840×2160', '1920×1200', '3440×1440'])} @ {pick([60, 120, 144, 165])} Hz, {pick([24, 27, 32, 34])}″, {num(90, 165)} ppi, {num(300, 600)} cd/m²",
    "golf": lambda l: f"{WORD(l, {'en': 'Out', 'de': 'Vorne', 'fr': 'Aller', 'es': 'Ida', 'it': 'Andata', 'nl': 'Heen'})}: {golf_card()}",
    "pantone": lambda l: f"PANTONE {num(11, 19)}-{num(1000, 6400)} TCX · CMYK {num(0, 100)}/{num(0, 100)}/{num(0, 100)}/{num(0, 60)} · RGB {num(0, 255)}/{num(0, 255)}/{num(0, 255)}",
    "fastener": lambda l: f"ISO 4017 M{pick([6, 8, 10, 12])}×{pick(['1', '1,25', '1,5', '1,75'])}×{num(2, 12)}0 A2-70, {WORD(l, {'en': 'torque', 'de': 'Anzugsmoment', 'fr': 'couple', 'es': 'par', 'it': 'coppia', 'nl': 'aanhaalmoment'})} {num(10, 80)} Nm",
    "concrete": lambda l: f"C{pick(['25/30', '30/37', '35/45'])} XC{num(1, 4)} F{num(2, 4)}, S355J2+N, B500B Ø {pick([8, 10, 12, 16])}/{pick([100, 150, 200])}",
    "electric": lambda l: f"{pick([230, 240])} V ~ 50 Hz, {pick([10, 13, 16])} A, {num(1200, 3680)} W, IP{pick(['44', '54', '65', 'X4'])}",
    "bridge": lambda l: f"{WORD(l, {'en': 'Bidding', 'de': 'Reizung', 'fr': 'Enchères', 'es': 'Subasta', 'it': 'Licita', 'nl': 'Bieding'})}: 1♠ – 2♥ – {pick(['2NT', '3♣', '2♠'])} – {pick(['3♦', '4♠', '3NT'])} – {pick(['4♠', '6♠', 'pass'])}",
    "hymns": lambda l: f"{WORD(l, {'en': 'Hymns', 'de': 'Lieder: EG', 'fr': 'Cantiques : ARC', 'es': 'Cantos', 'it': 'Canti', 'nl': 'Liederen: LvK'})} {num(1, 700)}, 1–{num(2, 6)}; {num(1, 700)}, {num(1, 3)}.{num(4, 6)}.{num(7, 9)}; {num(1, 700)}",
    "dice": lambda l: f"+{num(3, 9)} {WORD(l, {'en': 'to hit', 'de': 'zum Treffen', 'fr': 'au toucher', 'es': 'al ataque', 'it': 'per colpire', 'nl': 'om te raken'})}, {num(1, 3)}d{pick([6, 8, 10])}+{num(2, 5)}; AC {num(12, 19)}, HP {num(20, 120)} ({num(3, 15)}d8+{num(6, 40)})",
    "wine": lambda l: f"{num(2012, 2023)} · {DEC(l, pick([12.5, 13.0, 13.5, 14.0, 14.5]))} % vol · {DEC(l, 0.75, 2)} l · {num(14, 18)}–{num(16, 20)} °C",
    "shoes": lambda l: f"EU {num(36, 46)} = UK {num(4, 11)} = US {num(5, 12)} = {num(23, 29)} cm",
    "timezones": lambda l: f"UTC+{num(1, 9):02d}:00 / UTC−{num(3, 9):02d}:00 / UTC+05:30 / UTC+{num(10, 12)}:45",
    "tempo": lambda l: f"♩ = {num(60, 160)}, {pick(['3/4', '6/8', '4/4', '5/4', '7/8'])}, {WORD(l, {'en': 'bars', 'de': 'Takte', 'fr': 'mesures', 'es': 'compases', 'it': 'battute', 'nl': 'maten'})} {num(1, 40)}–{num(41, 96)}, capo {num(1, 5)}",
    "bus": lambda l: f"{WORD(l, {'en': 'Line', 'de': 'Linie', 'fr': 'Ligne', 'es': 'Línea', 'it': 'Linea', 'nl': 'Lijn'})} {num(2, 99)}: {bus_times()}",
    "paper": lambda l: f"A{num(3, 5)} {pick(['297 × 420', '210 × 297', '148 × 210'])} mm, {pick([80, 90, 120, 160])} g/m², {pick([250, 500, 2500])} {WORD(l, {'en': 'sheets', 'de': 'Blatt', 'fr': 'feuilles', 'es': 'hojas', 'it': 'fogli', 'nl': 'vel'})}",
    "titration": lambda l: f"{DEC(l, 0.1)} mol/l NaOH, {DEC(l, R.uniform(10, 30), 2)} ml, pH {DEC(l, R.uniform(2, 12.9), 2)}, {DEC(l, 298.15, 2)} K",
}


def main():
    rows = []
    kinds = sorted(DECOYS)
    for lang in LANGS:
        ht = HARMLESS_T[lang]
        for i in range(154):
            rows.append({"lang": lang, "kind": "harmless", "text": harmless(lang, ht[i % len(ht)]), "spans": []})
        for i in range(60):
            rows.append({"lang": lang, "kind": "decoy", "text": DECOYS[kinds[i % len(kinds)]](lang), "spans": []})
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
    print(f"{len(rows)} rows; values and named things dropped as seen in A-I: {len(DROPPED)}", file=sys.stderr)
    print(", ".join(DROPPED), file=sys.stderr)


if __name__ == "__main__":
    main()
