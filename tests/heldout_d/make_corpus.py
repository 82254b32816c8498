#!/usr/bin/env python3
"""Generates tests/heldout_d/corpus.jsonl: held-out corpus D for issue 12 (see README.md).

Values come from hand-written real-world-shaped lists in this file (given names and
surnames per country including immigrant names as they appear in EU registers, small
towns and hamlets, streets in each country's format) and from the `phonenumbers`
package (libphonenumber metadata) for valid phone numbers. No fake-data generator.
Written before any tuning of the recognizers; deterministic for a fixed seed.
"""
import json
import os
import random
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import phonenumbers  # noqa: E402

if phonenumbers.__version__ != "9.0.43":
    sys.exit("make_corpus.py: needs phonenumbers 9.0.43, found " + phonenumbers.__version__)

R = random.Random(20261130)
LANGS = ["en", "de", "fr", "es", "it", "nl"]
PII_PER_LANG = 340
HARMLESS_PER_LANG = 90
DECOYS_PER_LANG = 70

# ---------------------------------------------------------------- names
GIVEN = {
    "en": ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Alfie", "Freya", "Theo", "Imogen",
           "Rhys", "Siobhan", "Callum", "Niamh", "Declan", "Bethany", "Tyler", "Kayla", "Brandon", "Madison",
           "Dwayne", "Latoya", "Cody", "Brianna", "Hunter", "Shelby", "Gareth", "Eilidh", "Fergus", "Morag"],
    "de": ["Lukas", "Leonie", "Finn", "Hannah", "Jonas", "Lea", "Maximilian", "Johanna", "Felix", "Annika",
           "Jürgen", "Birgit", "Uwe", "Heike", "Dieter", "Gudrun", "Torsten", "Silke", "Björn", "Kerstin",
           "Matthias", "Ute", "Volker", "Sabine", "Wolfgang", "Dörte", "Ole", "Frauke", "Henrik", "Wiebke"],
    "fr": ["Mathis", "Chloé", "Enzo", "Manon", "Hugo", "Camille", "Théo", "Léa", "Bastien", "Océane",
           "Jean-Baptiste", "Marie-Claire", "Loïc", "Gaëlle", "Yannick", "Solène", "Benoît", "Maëlys", "Gwenaël", "Ségolène",
           "Thibault", "Clémence", "Arnaud", "Margaux", "Quentin", "Anaïs", "Rémi", "Apolline", "Corentin", "Bérénice"],
    "es": ["Hugo", "Lucía", "Álvaro", "Martina", "Iker", "Paula", "Mateo", "Daniela", "Unai", "Noelia",
           "José Luis", "María del Carmen", "Íñigo", "Ainhoa", "Jordi", "Montserrat", "Xabier", "Itziar", "Rocío", "Fermín",
           "Macarena", "Gonzalo", "Begoña", "Sergio", "Nerea", "Rubén", "Almudena", "Aitor", "Covadonga", "Borja"],
    "it": ["Leonardo", "Giulia", "Francesco", "Sofia", "Lorenzo", "Aurora", "Alessandro", "Ginevra", "Mattia", "Chiara",
           "Gianluca", "Mariagrazia", "Salvatore", "Concetta", "Pierpaolo", "Annalisa", "Carmine", "Rosalba", "Vittorio", "Ornella",
           "Gennaro", "Assunta", "Ettore", "Loredana", "Raffaele", "Donatella", "Tommaso", "Benedetta", "Corrado", "Ilaria"],
    "nl": ["Daan", "Emma", "Sem", "Tess", "Bram", "Fleur", "Jesse", "Sanne", "Thijs", "Lotte",
           "Joost", "Marieke", "Sjoerd", "Anouk", "Gijs", "Femke", "Wouter", "Ilse", "Hidde", "Roos",
           "Kees", "Mieke", "Pieter-Jan", "Geertje", "Teun", "Liesbeth", "Floris", "Jantine", "Maarten", "Wietske"],
}
SURNAME = {
    "en": ["Whitfield", "Abernathy", "Pemberton", "Okafor", "Haworth", "Trelawny", "McAllister", "Fitzgerald", "Braithwaite", "Ashworth",
           "Kowalczyk", "Duggan", "Llewellyn", "Featherstone", "Oyelaran", "Hargreaves", "Vaughan", "Delacroix-Hale", "Quigley", "Prendergast"],
    "de": ["Schäfer", "Hoffmann", "Krüger", "Brandt", "Vogel", "Lindner", "Pohl", "Ziegler", "Kühn", "Seidel",
           "Eckhardt", "Wendt", "Böhm", "Lorenz", "Hartung", "Reinholz", "Großmann", "Dietrich-Lange", "Albrecht", "Voß"],
    "fr": ["Lefèvre", "Rousseau", "Garnier", "Fontaine", "Chevalier", "Mercier", "Lemoine", "Barbier", "Gauthier", "Perrin",
           "Le Goff", "Le Gall", "Deschamps", "Marchand", "Guérin", "Boyer", "Carpentier", "Dupuis-Roche", "Tessier", "Lacombe"],
    "es": ["Fernández", "Gutiérrez", "Jiménez", "Navarro", "Iglesias", "Castro", "Ortega", "Rubio", "Molina", "Delgado",
           "Sáez", "Echeverría", "Goikoetxea", "Puig", "Vidal", "Soler", "Cabrera", "Villanueva", "Garrido", "Arroyo"],
    "it": ["Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
           "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro"],
    "nl": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
           "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit"],
}
# immigrant names as they appear in EU registers (given, surname), by origin
IMMIGRANT = [
    ("Mehmet", "Yılmaz"), ("Ayşe", "Kaya"), ("Emre", "Demir"), ("Elif", "Öztürk"), ("Yusuf", "Çelik"),
    ("Zeynep", "Arslan"), ("Burak", "Şahin"), ("Fatma", "Doğan"), ("Hakan", "Aydın"), ("Esra", "Koç"),
    ("Mohamed", "El Amrani"), ("Youssef", "Benali"), ("Fatima", "Bouzid"), ("Khadija", "El Idrissi"),
    ("Hamza", "Ait Taleb"), ("Nadia", "Bakkali"), ("Rachid", "Ouahbi"), ("Samira", "Azzouzi"), ("Said", "Boukhari"),
    ("Katarzyna", "Nowak"), ("Piotr", "Kowalski"), ("Agnieszka", "Wiśniewska"), ("Krzysztof", "Wójcik"),
    ("Małgorzata", "Kamińska"), ("Tomasz", "Lewandowski"), ("Magdalena", "Zielińska"), ("Paweł", "Szymański"),
    ("João", "Silva"), ("Gonçalo", "Ferreira"), ("Inês", "Gonçalves"), ("Beatriz", "Pereira"), ("Tiago", "Rodrigues"),
    ("Rui", "Carvalho"), ("Mariana", "Sousa"),
    ("Priya", "Sharma"), ("Rahul", "Patel"), ("Anjali", "Gupta"), ("Arjun", "Iyer"), ("Deepika", "Reddy"),
    ("Sanjay", "Nair"), ("Kavya", "Krishnan"), ("Vikram", "Menon"),
    ("Wei", "Zhang"), ("Xiaoming", "Wang"), ("Jing", "Chen"), ("Hui", "Liu"), ("Yan", "Huang"), ("Lei", "Zhao"),
    ("Van An", "Nguyen"), ("Thi Mai", "Tran"), ("Minh", "Pham"), ("Thuy", "Le"), ("Quang", "Hoang"), ("Linh", "Vo"),
]
TITLES = {
    "en": ["Mr", "Mrs", "Ms", "Dr", "Prof."], "de": ["Herr", "Frau", "Dr.", "Prof. Dr."],
    "fr": ["M.", "Mme", "Dr", "Maître"], "es": ["Sr.", "Sra.", "Dr.", "Dña."],
    "it": ["Sig.", "Sig.ra", "Dott.", "Avv."], "nl": ["dhr.", "mevr.", "dr.", "ir."],
}


def person(lang, allow_immigrant=True):
    """(given, surname) drawn from the country's lists or an immigrant pair."""
    if allow_immigrant and R.random() < 0.3:
        return R.choice(IMMIGRANT)
    return R.choice(GIVEN[lang]), R.choice(SURNAME[lang])


def full(lang, g=None, s=None):
    if g is None:
        g, s = person(lang)
    r = R.random()
    if r < 0.1:
        return g[0] + ". " + s
    if r < 0.2:
        return g + " " + R.choice(GIVEN[lang]) + " " + s if " " not in g else g + " " + s
    return g + " " + s


# ---------------------------------------------------------------- places
TOWNS = {
    "en": ["Much Wenlock", "Chipping Norton", "Bishop's Castle", "Tobermory", "Ambleside", "Hay-on-Wye", "Ludlow",
           "Clovelly", "Port Isaac", "Bakewell", "Southwold", "Sedbergh", "Portree", "Kirkby Lonsdale", "Aldeburgh",
           "Marfa", "Bisbee", "Ely", "Hood River", "Stowe", "Bar Harbor", "Sitka", "Galena", "Red Wing", "Lanesboro"],
    "de": ["Quedlinburg", "Wernigerode", "Meersburg", "Bad Tölz", "Oberstdorf", "Monschau", "Bacharach", "Lauenburg",
           "Wolfhagen", "Dinkelsbühl", "Kühlungsborn", "Ratzeburg", "Plön", "Eutin", "Alsfeld", "Hann. Münden",
           "Tangermünde", "Mittenwald", "Bad Wimpfen", "Seligenstadt", "Schwäbisch Hall", "Wasserburg am Inn", "Zell (Mosel)"],
    "fr": ["Collioure", "Eguisheim", "Rocamadour", "Conques", "Saint-Cirq-Lapopie", "Honfleur", "Sarlat-la-Canéda",
           "Gordes", "Lourmarin", "Pont-Aven", "Locronan", "Yvoire", "Kaysersberg", "Sancerre", "Vézelay",
           "Barfleur", "Salers", "Uzès", "Cordes-sur-Ciel", "Le Puy-en-Velay", "Dinan", "Annecy-le-Vieux"],
    "es": ["Cudillero", "Frigiliana", "Cadaqués", "Zahara de la Sierra", "Potes", "Sos del Rey Católico", "Pedraza",
           "Olite", "Combarro", "Mojácar", "Valldemossa", "Peñíscola", "Llanes", "Hondarribia", "Cazorla",
           "Setenil de las Bodegas", "Ainsa", "Morella", "Chinchón", "Trujillo", "Ribadesella", "Calella de Palafrugell"],
    "it": ["Civita di Bagnoregio", "Pienza", "Montepulciano", "Bellagio", "Varenna", "Castelmezzano", "Alberobello",
           "Vernazza", "Orta San Giulio", "Bosa", "Sperlonga", "Tropea", "Spello", "Bevagna", "Anghiari",
           "Cefalù", "Sirmione", "Brisighella", "Gubbio", "Scanno", "Locorotondo", "Castiglione del Lago"],
    "nl": ["Bourtange", "Thorn", "Veere", "Heusden", "Elburg", "Hindeloopen", "Sloten", "Blokzijl", "Vollenhove",
           "Marken", "Ootmarsum", "Dwingeloo", "Oudewater", "Wijk bij Duurstede", "Woudrichem", "Zierikzee",
           "Harlingen", "Nieuwpoort", "Staphorst", "Bergen op Zoom", "Ter Apel", "Den Hoorn"],
}
STREETS = {
    "en": ["High Street", "Mill Lane", "Church Road", "Station Approach", "Orchard Close", "Victoria Terrace",
           "Beech Grove", "Queen's Parade", "Water Lane", "Market Place", "Sycamore Drive", "Ferry Road"],
    "us": ["Maple Avenue", "Cedar Street", "Lakeview Drive", "Old Mill Road", "Hillcrest Boulevard", "Pine Ridge Court",
           "Sunset Trail", "Washington Street", "Creekside Lane", "Prairie View Road"],
    "de": ["Am Lindenhof", "Kirchgasse", "Bahnhofstraße", "Mühlenweg", "Schillerplatz", "Im Wiesengrund",
           "Rosenstraße", "An der Alten Mühle", "Goethestraße", "Hauptstraße", "Birkenallee", "Zum Steinbruch"],
    "fr": ["rue du Moulin", "avenue Jean Jaurès", "impasse des Tilleuls", "chemin de la Fontaine", "place de l'Église",
           "allée des Peupliers", "boulevard Victor Hugo", "rue de la République", "quai des Brumes", "route de Lyon"],
    "es": ["Calle Real", "Avenida de la Constitución", "Plaza Mayor", "Calle del Carmen", "Paseo de la Castellana",
           "Camino de Santiago", "Calle San Vicente", "Ronda de Toledo", "Travesía del Mar", "Carrer de Balmes"],
    "it": ["Via Roma", "Via Vittorio Emanuele II", "Piazza Garibaldi", "Corso Cavour", "Vicolo del Pozzo",
           "Via dei Mille", "Viale della Repubblica", "Largo San Francesco", "Via Dante Alighieri", "Strada Statale 16"],
    "nl": ["Dorpsstraat", "Kerkplein", "Molenweg", "Prinsengracht", "Stationsweg", "Julianalaan", "Burgemeester de Bruinlaan",
           "Oude Haven", "Schoolstraat", "Lange Nieuwstraat", "Sint Jansstraat", "Nieuwe Kade"],
}
US_STATES = ["VT", "OR", "AZ", "MN", "ME", "AK", "IL", "NM", "WI", "MT"]
UK_POST = ["TF13 6AA", "OX7 5AD", "SY9 5AQ", "PA75 6NR", "LA22 9DH", "HR3 5AE", "SY8 1AA", "EX39 5TA", "PL29 3RL",
           "DE45 1DS", "IP18 6LD", "LA10 5AL", "IV51 9EH", "LA6 2AU", "IP15 5AS"]


def postcode(country):
    d = R.randint
    if country == "en":
        return R.choice(UK_POST)
    if country == "us":
        return "%05d" % d(1000, 99950)
    if country == "de":
        return "%05d" % d(1067, 99998)
    if country == "fr":
        return "%05d" % d(1000, 95999)
    if country == "es":
        return "%02d%03d" % (d(1, 52), d(0, 999))
    if country == "it":
        return "%05d" % d(10, 98168)
    if country == "nl":
        return "%d %s" % (d(1000, 9999), R.choice(["AB", "CK", "EX", "GT", "JM", "KR", "LP", "TW", "VZ", "HN"]))
    raise ValueError(country)


def house(country):
    n = R.randint(1, 180)
    if R.random() < 0.2:
        n = "%d%s" % (n, {"de": "a", "fr": " bis", "es": "B", "it": "/B", "nl": "-2", "en": "A", "us": "B"}[country])
    return str(n)


def address(lang):
    """List of pieces: street with number, postcode, town, as separate LOCATION spans.
    Returns (street_piece, postcode, town, order) where order is the country's order."""
    country = "us" if lang == "en" and R.random() < 0.5 else lang
    street = R.choice(STREETS[country])
    h = house(country)
    if country in ("en", "us", "fr"):
        line = h + (", " if country == "fr" and R.random() < 0.2 else " ") + street
    elif country == "es":
        line = street + ", " + h + R.choice(["", ", 2º izda.", ", bajo"])
        # the floor is part of the street span (as a door is)
    elif country == "it":
        line = street + R.choice([" ", ", ", " n. "]) + h
    else:
        line = street + " " + h
    town = R.choice(TOWNS["en"][15:] if country == "us" else TOWNS["en"][:15] if country == "en" else TOWNS[lang])
    pc = postcode(country)
    return country, line, pc, town


def addr_pieces(lang, multiline=False):
    country, line, pc, town = address(lang)
    sep = "\n" if multiline else ", "
    L = lambda v: ("LOCATION", v)  # noqa: E731
    if country == "us":
        return [L(line), sep, L(town), ", ", L(R.choice(US_STATES)), " ", L(pc)]
    if country == "en":
        return [L(line), sep, L(town), sep if multiline else ", ", L(pc)]
    if country == "it":
        return [L(line), sep, L(pc), " ", L(town), R.choice(["", " (" + R.choice(["VT", "SI", "CO", "LC", "PZ", "BA"]) + ")"])]
    if country == "nl":
        return [L(line), sep, L(pc), R.choice([" ", "  "]), L(town)]
    return [L(line), sep, L(pc), " ", L(town)]


# ---------------------------------------------------------------- numbers
REGION = {"en": ["GB", "US"], "de": ["DE"], "fr": ["FR"], "es": ["ES"], "it": ["IT"], "nl": ["NL"]}
PREFIXES = {"GB": ["7", "1", "2"], "US": ["2", "3", "4", "5", "6", "7", "8", "9"], "DE": ["1", "3", "4", "6", "8"],
            "FR": ["1", "2", "3", "4", "5", "6", "7", "9"], "ES": ["6", "9", "7"], "IT": ["3", "0"], "NL": ["6", "2", "1", "3"]}
LEN = {"GB": 10, "US": 10, "DE": 10, "FR": 9, "ES": 9, "IT": 10, "NL": 9}


def phone(lang):
    region = R.choice(REGION[lang])
    while True:
        nsn = R.choice(PREFIXES[region]) + "".join(R.choice("0123456789") for _ in range(LEN[region] - 1))
        try:
            num = phonenumbers.parse(("0" if region not in ("US", "IT", "ES") else "") + nsn, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            break
    r = R.random()
    if r < 0.45:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    elif r < 0.75:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif r < 0.85:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    else:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL).replace(" ", "")
    if region == "US" and R.random() < 0.15:
        s += R.choice([" x", " ext. "]) + str(R.randint(10, 9999))
    return s


def luhn_complete(prefix, length):
    digits = prefix + "".join(R.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return digits + str((10 - total % 10) % 10)


def card():
    prefix, length = R.choice([("4", 16), ("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                               ("6011", 16), ("3528", 16), ("36", 14), ("6759", 16), ("62", 16), ("4", 13)])
    n = luhn_complete(prefix, length)
    style = R.random()
    if style < 0.4 and length == 16:
        return " ".join(n[i:i + 4] for i in range(0, 16, 4))
    if style < 0.6 and length == 16:
        return "-".join(n[i:i + 4] for i in range(0, 16, 4))
    if length == 15 and style < 0.6:
        return n[:4] + " " + n[4:10] + " " + n[10:]
    return n


IBAN_LEN = {"DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "GB": 22}
IBAN_CC = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}


def iban_bban(cc):
    if cc == "NL":
        return R.choice(["ABNA", "RABO", "INGB", "TRIO"]) + "".join(R.choice("0123456789") for _ in range(10))
    if cc == "GB":
        return R.choice(["NWBK", "BARC", "LOYD", "MIDL"]) + "".join(R.choice("0123456789") for _ in range(14))
    if cc == "IT":
        return R.choice("ABCDEFGHIJKLMNOPRSTUVZ") + "".join(R.choice("0123456789") for _ in range(22))
    return "".join(R.choice("0123456789") for _ in range(IBAN_LEN[cc] - 4))


def iban_check(cc, bban):
    s = bban + cc + "00"
    v = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - v % 97)


def iban(lang, valid=True):
    cc = IBAN_CC[lang]
    bban = iban_bban(cc)
    chk = iban_check(cc, bban)
    if not valid:
        chk = "%02d" % ((int(chk) + R.randint(1, 90)) % 97 + 2)
        if chk == iban_check(cc, bban):
            chk = "%02d" % ((int(chk) + 1) % 97 + 2)
    s = cc + chk + bban
    if R.random() < 0.6:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
}


def date(lang):
    y, m, d = R.randint(1931, 2012), R.randint(1, 12), R.randint(1, 28)
    r = R.random()
    if r < 0.35:
        if lang == "en" and R.random() < 0.5:
            return "%02d/%02d/%d" % (m, d, y)
        return ("%02d.%02d.%d" if lang == "de" else "%02d-%02d-%d" if lang == "nl" else "%02d/%02d/%d") % (d, m, y)
    if r < 0.5:
        return "%d-%02d-%02d" % (y, m, d)
    mon = MONTHS[lang][m - 1]
    if lang == "en":
        return R.choice(["%d %s %d" % (d, mon, y), "%s %d, %d" % (mon, d, y)])
    if lang == "de":
        return "%d. %s %d" % (d, mon, y)
    if lang == "es":
        return "%d de %s de %d" % (d, mon, y)
    return "%d %s %d" % (d, mon, y)


def mrn():
    return R.choice([
        lambda: "%d%06d" % (R.randint(1, 9), R.randint(0, 999999)),
        lambda: "%s-%07d" % (R.choice(["PAT", "MR", "KH", "HSP", "EPD"]), R.randint(0, 9999999)),
        lambda: "%d/%05d" % (R.randint(2015, 2025), R.randint(0, 99999)),
        lambda: "%03d %03d %03d" % (R.randint(100, 999), R.randint(0, 999), R.randint(0, 999)),
        lambda: "%s%08d" % (R.choice(["A", "H", "P"]), R.randint(0, 99999999)),
    ])()


def email(g, s):
    clean = lambda x: "".join(c for c in x.lower().replace(" ", "").replace("'", "") if c.isascii() and (c.isalnum() or c in "-."))  # noqa: E731
    user = R.choice(["%s.%s", "%s%s", "%s_%s"]) % (clean(g) or "x", clean(s) or "y")
    if R.random() < 0.3:
        user = (clean(g)[:1] or "x") + clean(s) + str(R.randint(1, 99))
    return user + "@" + R.choice(["gmail.com", "outlook.com", "web.de", "orange.fr", "libero.it", "ziggo.nl",
                                  "hotmail.es", "posteo.de", "proton.me", "yahoo.co.uk", "icloud.com"])


def ip():
    if R.random() < 0.7:
        return "%d.%d.%d.%d" % (R.choice([81, 87, 93, 145, 185, 212, 62, 94]), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
    return "2a02:%x:%x::%x" % (R.randint(0x100, 0xffff), R.randint(0, 0xffff), R.randint(1, 0xffff))


# ---------------------------------------------------------------- building texts
def P(v):
    return ("PERSON", v)


def render(pieces):
    text, spans = "", []
    for p in pieces:
        if isinstance(p, tuple):
            start = len(text.encode())
            text += p[1]
            spans.append([p[0], start, len(text.encode())])
        else:
            text += p
    return text, spans


def lower_pieces(pieces):
    out = []
    for p in pieces:
        if isinstance(p, tuple):
            out.append((p[0], p[1].lower()))
        else:
            out.append(p.lower())
    return out


def named(lang, with_title=False):
    """Pieces for a name, title outside the span; returns (pieces, given, surname)."""
    g, s = person(lang)
    pcs = []
    if with_title:
        pcs.append(R.choice(TITLES[lang]) + " ")
    pcs.append(P(full(lang, g, s)))
    return pcs, g, s


W = {  # per-language words used by several text types
    "en": dict(born="date of birth", phone="Phone", mrn="Patient ID", card="card", iban="IBAN"),
    "de": dict(born="Geburtsdatum", phone="Telefon", mrn="Patientennummer", card="Karte", iban="IBAN"),
    "fr": dict(born="date de naissance", phone="Tél.", mrn="N° de dossier patient", card="carte", iban="IBAN"),
    "es": dict(born="fecha de nacimiento", phone="Tel.", mrn="Nº historia clínica", card="tarjeta", iban="IBAN"),
    "it": dict(born="data di nascita", phone="Tel.", mrn="cartella clinica n.", card="carta", iban="IBAN"),
    "nl": dict(born="geboortedatum", phone="Tel.", mrn="patiëntnummer", card="kaart", iban="IBAN"),
}


def sms_reminder(lang):
    pcs, g, s = named(lang, with_title=R.random() < 0.4)
    when = "%02d:%02d" % (R.randint(7, 18), R.choice([0, 15, 30, 45]))
    doc, _, _ = named(lang, with_title=True)
    town = ("LOCATION", R.choice(TOWNS[lang] if lang != "en" else TOWNS["en"]))
    tel = ("PHONE_NUMBER", phone(lang))
    t = {
        "en": [["Reminder: "] + pcs + [", your appointment with "] + doc + [" is tomorrow at %s at the surgery in " % when, town, ". To cancel call ", tel, " or reply STOP."],
               ["Hi "] + pcs[-1:] + [" - just confirming Tue %s with " % when] + doc + [". Reply Y to confirm, N to rebook. Questions: ", tel]],
        "de": [["Erinnerung für "] + pcs + [": Ihr Termin bei "] + doc + [" ist morgen um %s Uhr in der Praxis in " % when, town, ". Absage bitte unter ", tel, "."],
               ["Hallo "] + pcs[-1:] + [", Ihr Termin am Donnerstag um %s bei " % when] + doc + [" steht. Bei Verhinderung: ", tel]],
        "fr": [["Rappel : "] + pcs + [", votre rendez-vous avec "] + doc + [" est demain à %s au cabinet de " % when.replace(":", "h"), town, ". Pour annuler : ", tel, "."],
               ["Bonjour "] + pcs[-1:] + [", RDV confirmé jeudi %s avec " % when] + doc + [". Répondez STOP pour annuler. Infos au ", tel]],
        "es": [["Recordatorio: "] + pcs + [", su cita con "] + doc + [" es mañana a las %s en el centro de salud de " % when, town, ". Para anular llame al ", tel, "."],
               ["Hola "] + pcs[-1:] + [", te confirmamos la cita del jueves a las %s con " % when] + doc + [". Dudas: ", tel]],
        "it": [["Promemoria: "] + pcs + [", il suo appuntamento con "] + doc + [" è domani alle %s presso l'ambulatorio di " % when, town, ". Per disdire chiami il ", tel, "."],
               ["Ciao "] + pcs[-1:] + [", confermiamo giovedì ore %s con " % when] + doc + [". Info: ", tel]],
        "nl": [["Herinnering: "] + pcs + [", uw afspraak bij "] + doc + [" is morgen om %s in de praktijk in " % when, town, ". Afzeggen via ", tel, "."],
               ["Hoi "] + pcs[-1:] + [", je afspraak op donderdag om %s bij " % when] + doc + [" staat. Vragen? Bel ", tel]],
    }[lang]
    return R.choice(t)


def insurance_claim(lang):
    pcs, g, s = named(lang, with_title=R.random() < 0.5)
    dob = ("DATE_OF_BIRTH", date(lang))
    addr = addr_pieces(lang, multiline=False)
    pay = ("IBAN_CODE", iban(lang)) if R.random() < 0.6 else ("CREDIT_CARD", card())
    paylabel = W[lang]["iban"] if pay[0] == "IBAN_CODE" else W[lang]["card"]
    claim = "CLM-%d-%05d" % (R.randint(2023, 2026), R.randint(0, 99999))
    lab = {
        "en": ("Claim %s\nPolicyholder: ", "\nDate of birth: ", "\nAddress: ", "\nIncident: water damage to the kitchen ceiling after a burst pipe.\nRefund to %s: "),
        "de": ("Schadenmeldung %s\nVersicherungsnehmer: ", "\nGeburtsdatum: ", "\nAnschrift: ", "\nSchaden: Wasserschaden an der Küchendecke nach Rohrbruch.\nErstattung auf %s: "),
        "fr": ("Déclaration de sinistre %s\nAssuré : ", "\nNé(e) le : ", "\nAdresse : ", "\nSinistre : dégât des eaux au plafond de la cuisine.\nRemboursement sur %s : "),
        "es": ("Parte de siniestro %s\nTomador: ", "\nFecha de nacimiento: ", "\nDomicilio: ", "\nSiniestro: daños por agua en el techo de la cocina.\nAbono en %s: "),
        "it": ("Denuncia di sinistro %s\nContraente: ", "\nData di nascita: ", "\nIndirizzo: ", "\nSinistro: danni da acqua al soffitto della cucina.\nRimborso su %s: "),
        "nl": ("Schadeclaim %s\nVerzekeringnemer: ", "\nGeboortedatum: ", "\nAdres: ", "\nSchade: waterschade aan het keukenplafond na een gesprongen leiding.\nUitbetaling op %s: "),
    }[lang]
    return [lab[0] % claim] + pcs + [lab[1], dob, lab[2]] + addr + [lab[3] % paylabel, pay]


def police_report(lang):
    a, _, _ = named(lang)
    b, _, _ = named(lang)
    town = ("LOCATION", R.choice(TOWNS[lang]))
    country, line, pc, _ = address(lang)
    ref = "%d/%06d" % (R.randint(2024, 2026), R.randint(0, 999999))
    age = R.randint(19, 77)
    t = {
        "en": ["Incident ref %s. At approx. 23:40 officers attended " % ref, ("LOCATION", line), ", ", town,
               ", following a report of a disturbance. The caller, ", *a, " (%d), stated that " % age, *b,
               " had damaged a parked vehicle. No arrests were made."],
        "de": ["Vorgang %s. Gegen 23:40 Uhr wurde die Streife zur " % ref, ("LOCATION", line), " in ", town,
               " gerufen. Die Anruferin ", *a, " (%d) gab an, ihr Nachbar " % age, *b,
               " habe ein geparktes Fahrzeug beschädigt. Eine Festnahme erfolgte nicht."],
        "fr": ["PV n° %s. Vers 23h40, la patrouille s'est rendue au " % ref, ("LOCATION", line), " à ", town,
               " suite à un signalement. Le requérant, ", *a, ", %d ans, déclare que " % age, *b,
               " a dégradé un véhicule stationné. Aucune interpellation."],
        "es": ["Atestado %s. Sobre las 23:40 la patrulla acudió a " % ref, ("LOCATION", line), " en ", town,
               " por un aviso de altercado. El denunciante, ", *a, ", de %d años, manifiesta que " % age, *b,
               " dañó un vehículo estacionado. No hubo detenidos."],
        "it": ["Verbale %s. Alle 23:40 circa la pattuglia è intervenuta in " % ref, ("LOCATION", line), " a ", town,
               " per una segnalazione di lite. Il segnalante, ", *a, ", di %d anni, riferisce che " % age, *b,
               " ha danneggiato un'auto in sosta. Nessun arresto."],
        "nl": ["Proces-verbaal %s. Omstreeks 23:40 uur ging de surveillance naar de " % ref, ("LOCATION", line), " in ", town,
               " na een melding van burengerucht. Melder ", *a, " (%d) verklaarde dat " % age, *b,
               " een geparkeerde auto had beschadigd. Er werd niemand aangehouden."],
    }[lang]
    return t


def school_hr_letter(lang):
    parent, pg, ps = named(lang, with_title=True)
    child_g = R.choice(GIVEN[lang])
    child = P(child_g + " " + ps)
    sender, _, _ = named(lang)
    addr = addr_pieces(lang, multiline=True)
    tel = ("PHONE_NUMBER", phone(lang))
    if R.random() < 0.5:  # school letter
        t = {
            "en": [*parent, "\n", *addr, "\n\nDear Parent,\n\nWe are writing about ", child,
                   "'s attendance this term, which has fallen below 90%. Please contact the school office on ", tel,
                   " to arrange a meeting.\n\nYours sincerely,\n", *sender, "\nHead of Year 9"],
            "de": [*parent, "\n", *addr, "\n\nSehr geehrte Eltern,\n\nwir möchten mit Ihnen über die Fehlzeiten von ", child,
                   " in diesem Halbjahr sprechen. Bitte melden Sie sich im Sekretariat unter ", tel,
                   ".\n\nMit freundlichen Grüßen\n", *sender, "\nKlassenleitung 7b"],
            "fr": [*parent, "\n", *addr, "\n\nMadame, Monsieur,\n\nnous souhaitons faire le point sur les absences de ", child,
                   " ce trimestre. Merci de contacter le secrétariat au ", tel,
                   ".\n\nVeuillez agréer nos salutations distinguées.\n", *sender, "\nProfesseur principal, 4e B"],
            "es": [*parent, "\n", *addr, "\n\nEstimada familia:\n\nnos ponemos en contacto con ustedes por las faltas de asistencia de ", child,
                   " este trimestre. Pueden llamar a secretaría al ", tel,
                   ".\n\nAtentamente,\n", *sender, "\nTutora de 2º de ESO"],
            "it": [*parent, "\n", *addr, "\n\nGentili genitori,\n\nvi scriviamo in merito alle assenze di ", child,
                   " in questo quadrimestre. Vi preghiamo di contattare la segreteria al ", tel,
                   ".\n\nCordiali saluti,\n", *sender, "\nCoordinatrice della classe 3ªA"],
            "nl": [*parent, "\n", *addr, "\n\nBeste ouder/verzorger,\n\nwij maken ons zorgen over het verzuim van ", child,
                   " dit semester. Wilt u contact opnemen met de administratie via ", tel,
                   "?\n\nMet vriendelijke groet,\n", *sender, "\nMentor klas 2C"],
        }[lang]
    else:  # HR letter
        start = date(lang)
        t = {
            "en": [*parent, "\n", *addr, "\n\nDear ", parent[-1], ",\n\nFurther to your interview, we are pleased to offer you the role of Warehouse Supervisor starting ",
                   start, ". Your line manager will be ", *sender, ". Please sign and return the enclosed contract.\n\nHR Team"],
            "de": [*parent, "\n", *addr, "\n\nGuten Tag ", parent[-1], ",\n\nwir freuen uns, Ihnen die Stelle als Lagerleitung zum ",
                   start, " anzubieten. Ihre Vorgesetzte wird ", *sender, ". Bitte senden Sie den Vertrag unterschrieben zurück.\n\nPersonalabteilung"],
            "fr": [*parent, "\n", *addr, "\n\nBonjour ", parent[-1], ",\n\nsuite à votre entretien, nous avons le plaisir de vous proposer le poste de chef d'entrepôt à compter du ",
                   start, ". Votre responsable sera ", *sender, ". Merci de nous retourner le contrat signé.\n\nService RH"],
            "es": [*parent, "\n", *addr, "\n\nHola ", parent[-1], ":\n\ntras la entrevista, nos complace ofrecerle el puesto de responsable de almacén a partir del ",
                   start, ". Su responsable directo será ", *sender, ". Le rogamos devuelva el contrato firmado.\n\nRecursos Humanos"],
            "it": [*parent, "\n", *addr, "\n\nGentile ", parent[-1], ",\n\na seguito del colloquio siamo lieti di offrirle il ruolo di responsabile di magazzino dal ",
                   start, ". Il suo responsabile sarà ", *sender, ". La preghiamo di restituire il contratto firmato.\n\nUfficio Risorse Umane"],
            "nl": [*parent, "\n", *addr, "\n\nBeste ", parent[-1], ",\n\nnaar aanleiding van het gesprek bieden wij je graag de functie van teamleider magazijn aan per ",
                   start, ". Je leidinggevende wordt ", *sender, ". Wil je het contract ondertekend terugsturen?\n\nAfdeling HR"],
        }[lang]
    return t


def ticket(lang):
    rep, g, s = named(lang)
    assignee = R.choice(["@ops-oncall", "@jdev", "@support-l2", "@mkt"])
    key = "%s-%d" % (R.choice(["SUP", "OPS", "CRM", "HELP"]), R.randint(100, 9999))
    mail = ("EMAIL_ADDRESS", email(g, s))
    addr = ("IP_ADDRESS", ip())
    tel = ("PHONE_NUMBER", phone(lang))
    t = {
        "en": ["[%s] Login loop after password reset\nReporter: " % key, *rep, " <", mail, ">\nAssignee: %s\nPriority: P2\n\n" % assignee,
               "Customer says the portal keeps redirecting to /login. Last request came from ", addr,
               ". Customer asks for a call back on ", tel, " before 5pm.\n\nSteps: 1. reset password 2. log in 3. loop"],
        "de": ["[%s] Anmeldeschleife nach Passwort-Reset\nMelder: " % key, *rep, " <", mail, ">\nBearbeiter: %s\nPriorität: P2\n\n" % assignee,
               "Kunde meldet, dass das Portal immer wieder auf /login umleitet. Letzter Zugriff von ", addr,
               ". Rückruf erbeten unter ", tel, " bis 17 Uhr."],
        "fr": ["[%s] Boucle de connexion après réinitialisation\nRapporteur : " % key, *rep, " <", mail, ">\nAssigné : %s\nPriorité : P2\n\n" % assignee,
               "Le client est renvoyé sans cesse vers /login. Dernière requête depuis ", addr,
               ". Merci de le rappeler au ", tel, " avant 17h."],
        "es": ["[%s] Bucle de inicio de sesión tras restablecer la contraseña\nInformador: " % key, *rep, " <", mail, ">\nAsignado: %s\nPrioridad: P2\n\n" % assignee,
               "El cliente vuelve una y otra vez a /login. Última petición desde ", addr,
               ". Pide que le llamen al ", tel, " antes de las 17:00."],
        "it": ["[%s] Loop di accesso dopo il reset della password\nSegnalato da: " % key, *rep, " <", mail, ">\nAssegnatario: %s\nPriorità: P2\n\n" % assignee,
               "Il cliente viene rimandato continuamente a /login. Ultima richiesta da ", addr,
               ". Chiede di essere richiamato al ", tel, " entro le 17."],
        "nl": ["[%s] Inloglus na wachtwoordreset\nMelder: " % key, *rep, " <", mail, ">\nToegewezen: %s\nPrioriteit: P2\n\n" % assignee,
               "Klant wordt steeds teruggestuurd naar /login. Laatste verzoek vanaf ", addr,
               ". Graag terugbellen op ", tel, " voor 17.00 uur."],
    }[lang]
    return t


def jstr(v):
    """A JSON string literal of v, as the pieces list: quotes outside the span."""
    if isinstance(v, tuple):
        return ['"', (v[0], json.dumps(v[1], ensure_ascii=False)[1:-1]), '"']
    return [json.dumps(v, ensure_ascii=False)]


def support_chat_json(lang):
    g, s = person(lang)
    agent = R.choice(GIVEN[lang])
    tel = phone(lang)
    msgs = {
        "en": ["Hi, my parcel never arrived", "Can you confirm the delivery address?", "It should go to %s", "And a number to reach you?", "Sure, %s"],
        "de": ["Hallo, mein Paket ist nie angekommen", "Können Sie die Lieferadresse bestätigen?", "Es sollte an %s gehen", "Und eine Rückrufnummer?", "Klar, %s"],
        "fr": ["Bonjour, mon colis n'est jamais arrivé", "Pouvez-vous confirmer l'adresse de livraison ?", "Ça doit aller au %s", "Et un numéro pour vous joindre ?", "Oui, %s"],
        "es": ["Hola, mi paquete nunca llegó", "¿Puede confirmar la dirección de entrega?", "Debería ir a %s", "¿Y un teléfono de contacto?", "Claro, %s"],
        "it": ["Salve, il mio pacco non è mai arrivato", "Può confermare l'indirizzo di consegna?", "Deve arrivare in %s", "E un numero per richiamarla?", "Certo, %s"],
        "nl": ["Hallo, mijn pakket is nooit aangekomen", "Kunt u het bezorgadres bevestigen?", "Het moet naar %s", "En een telefoonnummer?", "Zeker, %s"],
    }[lang]
    name_key = R.choice(["name", "displayName", "customer_name"])
    pcs = ['{"conversation": {"id": "c_%d", "channel": "web", "customer": {"%s": ' % (R.randint(10000, 99999), name_key)]
    pcs += jstr(("PERSON", g + " " + s))
    pcs += [', "locale": "%s", "tier": "gold"}, "messages": [' % lang]
    pcs += ['{"from": "customer", "text": ', *jstr(msgs[0]), '}, ']
    pcs += ['{"from": "agent", "agent": {"first": ', *jstr(("PERSON", agent)), '}, "text": ', *jstr(msgs[1]), '}, ']
    pre, post = msgs[2].split("%s")
    pcs += ['{"from": "customer", "text": "' + json.dumps(pre, ensure_ascii=False)[1:-1], *addr_pieces(lang),
            json.dumps(post, ensure_ascii=False)[1:-1] + '"}, ']
    pcs += ['{"from": "agent", "text": ', *jstr(msgs[3]), '}, ']
    pre, post = msgs[4].split("%s")
    pcs += ['{"from": "customer", "text": "' + pre, ("PHONE_NUMBER", tel), post + '"}], "tags": ["delivery", "lost"]}}']
    return pcs


def voice_transcript(lang):
    g, s = person(lang)
    dob = date(lang) if R.random() < 0.5 else None
    tel = phone(lang)
    digits = " ".join(c for c in tel if c.isdigit()) if R.random() < 0.3 else tel.replace("+", "plus ")
    town = R.choice(TOWNS[lang])
    t = {
        "en": ["uh yes hi my name is ", P(g + " " + s), " i'm calling from ", ("LOCATION", town), " about my prescription",
               *([" my date of birth is ", ("DATE_OF_BIRTH", dob)] if dob else []), " you can call me back on ", ("PHONE_NUMBER", digits), " thanks bye"],
        "de": ["ja hallo hier ist ", P(g + " " + s), " ich rufe aus ", ("LOCATION", town), " an wegen meinem rezept",
               *([" geboren am ", ("DATE_OF_BIRTH", dob)] if dob else []), " sie erreichen mich unter ", ("PHONE_NUMBER", digits), " danke tschüss"],
        "fr": ["oui bonjour c'est ", P(g + " " + s), " j'appelle de ", ("LOCATION", town), " pour mon ordonnance",
               *([" je suis née le ", ("DATE_OF_BIRTH", dob)] if dob else []), " vous pouvez me rappeler au ", ("PHONE_NUMBER", digits), " merci au revoir"],
        "es": ["sí hola soy ", P(g + " " + s), " llamo desde ", ("LOCATION", town), " por lo de mi receta",
               *([" mi fecha de nacimiento es el ", ("DATE_OF_BIRTH", dob)] if dob else []), " me pueden llamar al ", ("PHONE_NUMBER", digits), " gracias adiós"],
        "it": ["sì buongiorno sono ", P(g + " " + s), " chiamo da ", ("LOCATION", town), " per la mia ricetta",
               *([" sono nata il ", ("DATE_OF_BIRTH", dob)] if dob else []), " potete richiamarmi al ", ("PHONE_NUMBER", digits), " grazie arrivederci"],
        "nl": ["ja hallo u spreekt met ", P(g + " " + s), " ik bel uit ", ("LOCATION", town), " over mijn recept",
               *([" mijn geboortedatum is ", ("DATE_OF_BIRTH", dob)] if dob else []), " u kunt mij terugbellen op ", ("PHONE_NUMBER", digits), " dank u wel"],
    }[lang]
    return lower_pieces(t)


def shipping_label(lang):
    pcs, g, s = named(lang, with_title=R.random() < 0.3)
    multi = R.random() < 0.6
    addr = addr_pieces(lang, multiline=multi)
    head = {"en": "SHIP TO:", "de": "Lieferanschrift:", "fr": "Livrer à :", "es": "Enviar a:", "it": "Spedire a:", "nl": "Bezorgadres:"}[lang]
    tel = ("PHONE_NUMBER", phone(lang))
    if multi:
        return [head + "\n"] + pcs + ["\n"] + addr + ["\n", tel]
    return [head + " "] + pcs + [", "] + addr + [" (", tel, ")"]


def markdown_table(lang):
    hdr = {
        "en": "| Name | Date of birth | Town | Phone |", "de": "| Name | Geburtsdatum | Ort | Telefon |",
        "fr": "| Nom | Date de naissance | Ville | Téléphone |", "es": "| Nombre | Fecha de nacimiento | Localidad | Teléfono |",
        "it": "| Nome | Data di nascita | Comune | Telefono |", "nl": "| Naam | Geboortedatum | Woonplaats | Telefoon |",
    }[lang]
    intro = {"en": "Participants for Saturday's trip:", "de": "Teilnehmende am Samstag:", "fr": "Participants de samedi :",
             "es": "Participantes del sábado:", "it": "Partecipanti di sabato:", "nl": "Deelnemers zaterdag:"}[lang]
    pcs = [intro + "\n\n" + hdr + "\n|---|---|---|---|\n"]
    for _ in range(R.randint(2, 4)):
        g, s = person(lang)
        pcs += ["| ", P(g + " " + s), " | ", ("DATE_OF_BIRTH", date(lang)), " | ", ("LOCATION", R.choice(TOWNS[lang])), " | ", ("PHONE_NUMBER", phone(lang)), " |\n"]
    return pcs


def patient_message(lang):
    pcs, g, s = named(lang, with_title=R.random() < 0.5)
    dob = ("DATE_OF_BIRTH", date(lang))
    rec = ("MEDICAL_RECORD_NUMBER", mrn())
    doc, _, _ = named(lang, with_title=True)
    t = {
        "en": ["Lab results ready. Patient: ", *pcs, ", DOB ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6.1 %, within target. Reviewed by ", *doc, "."],
        "de": ["Befund liegt vor. Patient: ", *pcs, ", geb. ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6,1 %, im Zielbereich. Freigegeben von ", *doc, "."],
        "fr": ["Résultats disponibles. Patient : ", *pcs, ", né(e) le ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6,1 %, dans la cible. Validé par ", *doc, "."],
        "es": ["Resultados disponibles. Paciente: ", *pcs, ", F. nac. ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6,1 %, dentro del objetivo. Revisado por ", *doc, "."],
        "it": ["Referti pronti. Paziente: ", *pcs, ", nato/a il ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6,1 %, nei limiti. Firmato da ", *doc, "."],
        "nl": ["Uitslag beschikbaar. Patiënt: ", *pcs, ", geb. ", dob, ", ", W[lang]["mrn"], " ", rec,
               ". HbA1c 6,1 %, binnen de streefwaarde. Beoordeeld door ", *doc, "."],
    }[lang]
    return t


def prose_mention(lang):
    """A sentence where only the position says who and where (no label)."""
    a, _, _ = named(lang)
    b, _, _ = named(lang)
    town = ("LOCATION", R.choice(TOWNS[lang]))
    t = {
        "en": [*a, " and ", *b, " moved to ", town, " last spring and now run the bakery there."],
        "de": [*a, " und ", *b, " sind im Frühjahr nach ", town, " gezogen und führen dort jetzt die Bäckerei."],
        "fr": [*a, " et ", *b, " se sont installés à ", town, " au printemps et tiennent la boulangerie."],
        "es": [*a, " y ", *b, " se mudaron a ", town, " en primavera y ahora llevan la panadería."],
        "it": [*a, " e ", *b, " si sono trasferiti a ", town, " in primavera e ora gestiscono il forno."],
        "nl": [*a, " en ", *b, " zijn in het voorjaar naar ", town, " verhuisd en runnen daar nu de bakkerij."],
    }[lang]
    return t


PII_TYPES = [sms_reminder, insurance_claim, police_report, school_hr_letter, ticket, support_chat_json,
             voice_transcript, shipping_label, markdown_table, patient_message, prose_mention]


# ---------------------------------------------------------------- harmless texts
# Capitalised names of things, many made of ordinary first names or surnames.
PRODUCTS = [
    "Victoria Line", "Jackson Hole Ski Pass", "Florence Suite", "Mercer Report", "Morgan Ledger", "Harper Desk",
    "Stella Lamp", "Luna Crib", "Oscar Planner", "Hudson Dock", "Sterling Vault", "Madison Sofa", "Austin Router",
    "Logan Tent", "Carter Table", "Beatrice Pro", "Emma Mattress", "Max Cloud", "Clara Notes", "Felix Scanner",
    "Hugo Backpack", "Leon Chair", "Elsa Kettle", "Bruno Grill", "Mila Stroller", "Nora Headset", "Otto Mixer",
    "Paula Bike", "Rita Oven", "Theo Speaker", "Vera Blender", "Walter Safe", "Greta Thermostat", "Jules Diary",
    "Marcel Sneaker", "Pablo Sketchbook", "Gina Espresso", "Dante Editor", "Tess Tracker", "Sanne Scale",
    "Polaris Dashboard", "Nimbus Drive", "Atlas Console", "Quantum Ledger", "Aurora Sync", "Cobalt Gateway",
    "Sequoia Analytics", "Kestrel Mail", "Juniper Forms", "Saffron POS", "Harlow Studio", "Bennett Router",
    "Franklin Planner", "Lincoln Navigator", "Ford Fiesta", "Renault Clio", "Fiat Panda", "Seat Ibiza", "Opel Corsa",
    "Škoda Octavia", "Volvo XC60", "Peugeot 208", "Mercedes-Benz Sprinter", "Ritter Sport", "Dr. Oetker Ristorante",
    "Bonne Maman", "Douwe Egberts", "Jacobs Krönung", "Albert Heijn", "Marks & Spencer", "Sainsbury's",
    "Tim Hortons", "Ben & Jerry's", "Jack Daniel's", "Johnnie Walker", "Wendy's", "Harley-Davidson Sportster",
    "Miele Classic", "Bosch Serie 6", "Philips Sonicare", "Grohe Eurosmart", "Hansgrohe Raindance", "Vileda Turbo",
    "Moleskine Classic", "Leica Q3", "Fairphone 5", "Kobo Clara", "Garmin Venu", "Sonos Arc",
]
FEATURES = [
    "Smart Folders", "Dark Mode", "Offline Sync", "Team Spaces", "Quick Reply", "Guest Access", "Audit Trail",
    "Bulk Export", "Live Captions", "Auto Backup", "Focus Timer", "Family Sharing", "Price Alerts", "Split Payments",
    "Route Planner", "Voice Notes", "Smart Compose", "Cost Centres", "Shift Swap", "Expense Rules",
]
TEAMS = ["Team Phoenix", "Team Orion", "Squad Falcon", "Platform Core", "Growth Guild", "Team Rosalind",
         "Team Darwin", "Team Curie", "Team Hopper", "Blue Team", "Team Lovelace", "Team Turing"]
PROJECTS = ["Project Aurora", "Project Atlas", "Project Hermes", "Project Juliet", "Project Matilda",
            "Project Oberon", "Project Sofia", "Operation Clean Desk", "Project Tarragona", "Project Nightingale"]
VENUES = ["Florence Suite", "Hotel Bristol", "Café Central", "Maison Blanche", "Villa Borghese", "Palazzo Vecchio",
          "Bodega Santa Cruz", "Brasserie Lipp", "Hofbräuhaus", "Rijksmuseum", "Kensington Roof Gardens",
          "Santa Clara County Fair", "Wellington Room", "Churchill Hall", "Mozart Saal", "Sala Verdi", "Salle Molière",
          "Auditorio Lorca", "Rembrandtzaal", "Grand Hotel Krasnapolsky", "Mandela Hall", "Galileo Room"]
SHIPS = ["Queen Mary 2", "Costa Smeralda", "MSC Bellissima", "Amerigo Vespucci", "Juan Sebastián de Elcano",
         "Gorch Fock", "Statsraad Lehmkuhl", "Queen Victoria", "AIDAnova", "Rotterdam"]
STORMS = ["Hurricane Milton", "Hurricane Helene", "Storm Ciarán", "Storm Babet", "Storm Daniel", "Hurricane Beryl",
          "Storm Eunice", "Storm Isha", "Hurricane Otis", "Storm Henk"]
HOLIDAYS = {
    "en": ["Boxing Day", "Thanksgiving", "Easter Monday", "the Spring Bank Holiday", "Good Friday"],
    "de": ["Pfingstmontag", "Tag der Deutschen Einheit", "Fronleichnam", "Christi Himmelfahrt", "Ostermontag"],
    "fr": ["la Pentecôte", "la Toussaint", "l'Ascension", "le 14 Juillet", "le lundi de Pâques"],
    "es": ["Semana Santa", "el Día de Reyes", "el Pilar", "la Nochebuena", "el Día de la Hispanidad"],
    "it": ["Ferragosto", "l'Epifania", "la Festa della Repubblica", "Pasquetta", "Ognissanti"],
    "nl": ["Koningsdag", "Sinterklaas", "Hemelvaartsdag", "Tweede Paasdag", "Bevrijdingsdag"],
}
DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"], "es": ["lunes", "martes", "miércoles", "jueves", "viernes"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì"], "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
}
CLUBS = {
    "en": ["Aston Villa", "Crystal Palace", "Nottingham Forest", "Queens Park Rangers", "Sheffield Wednesday", "Preston North End"],
    "de": ["Borussia Dortmund", "Werder Bremen", "Fortuna Düsseldorf", "Hertha BSC", "Eintracht Frankfurt", "Holstein Kiel"],
    "fr": ["Olympique Lyonnais", "AS Saint-Étienne", "Stade Rennais", "Girondins de Bordeaux", "RC Lens", "Stade Brestois"],
    "es": ["Real Sociedad", "Athletic Club", "Rayo Vallecano", "Deportivo Alavés", "Celta de Vigo", "Real Betis"],
    "it": ["Hellas Verona", "Sampdoria", "Fiorentina", "Atalanta", "Udinese", "Sassuolo"],
    "nl": ["Feyenoord", "Go Ahead Eagles", "Heracles Almelo", "Sparta Rotterdam", "FC Twente", "Willem II"],
}
DISHES = {
    "en": ["Beef Wellington", "Eggs Benedict", "Victoria Sponge", "Caesar Salad", "Waldorf Salad", "Shepherd's Pie"],
    "de": ["Schwarzwälder Kirschtorte", "Sachertorte", "Königsberger Klopse", "Leipziger Allerlei", "Frankfurter Grüne Soße", "Bienenstich"],
    "fr": ["Pêche Melba", "Crêpes Suzette", "Tarte Tatin", "Poulet Basquaise", "Madeleines de Commercy", "Sole Meunière"],
    "es": ["Tortilla de Patatas", "Crema Catalana", "Pulpo a la Gallega", "Tarta de Santiago", "Huevos a la Flamenca", "Patatas Bravas"],
    "it": ["Pizza Margherita", "Spaghetti alla Carbonara", "Carpaccio", "Saltimbocca alla Romana", "Tiramisù", "Fettuccine Alfredo"],
    "nl": ["Bitterballen", "Hollandse Nieuwe", "Bossche Bol", "Zeeuwse Bolus", "Limburgse Vlaai", "Haagse Bluf"],
}


def pick(lst):
    return R.choice(lst)


def harmless_sentence(lang):
    prod, feat, team, proj = pick(PRODUCTS), pick(FEATURES), pick(TEAMS), pick(PROJECTS)
    venue, ship, storm = pick(VENUES), pick(SHIPS), pick(STORMS)
    day, mon, hol = pick(DAYS[lang]), pick(MONTHS[lang]), pick(HOLIDAYS[lang])
    c1, c2 = R.sample(CLUBS[lang], 2)
    dish = pick(DISHES[lang])
    v = "%d.%d.%d" % (R.randint(1, 9), R.randint(0, 30), R.randint(0, 99))
    g1, g2 = R.randint(0, 4), R.randint(0, 4)
    deg, ms = R.randint(-3, 31), R.randint(12, 980)
    ts = "2025-%02d-%02dT%02d:%02d:%02dZ" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
    S = {
        "en": [f"Release {v}: {feat} is now on by default in {prod}, and exports are twice as fast.",
               f"Notes ({day}): {team} presented the {mon} roadmap; the move to {prod} slips to Q3.",
               f"{proj} kicks off after {hol}; the workshop is booked in the {venue}.",
               f"Final score: {c1} {g1}, {c2} {g2}. The second half was played in heavy rain.",
               f"For the {dish}, preheat the oven to 200 °C and rest the dough for 30 minutes.",
               f"Forecast for {day}: {deg} °C, gusts up to 70 km/h as {storm} moves north.",
               f"{ts} INFO worker-3 job=resize_images took {ms}ms queue=default",
               f"The {ship} calls at the harbour in {mon}; boarding opens at 14:00.",
               f"Our {prod} now ships with {feat}; see the {mon} newsletter for details."],
        "de": [f"Version {v}: {feat} ist in {prod} jetzt standardmäßig aktiv, der Export ist doppelt so schnell.",
               f"Protokoll ({day}): {team} stellte die Roadmap für {mon} vor; die Umstellung auf {prod} verschiebt sich.",
               f"{proj} startet nach {hol}; der Workshop findet im {venue} statt.",
               f"Endstand: {c1} {g1}:{g2} {c2}. Die zweite Halbzeit fand bei Starkregen statt.",
               f"Für die {dish} den Ofen auf 200 °C vorheizen und den Teig 30 Minuten ruhen lassen.",
               f"Vorhersage für {day}: {deg} °C, Böen bis 70 km/h, {storm} zieht nach Norden.",
               f"{ts} INFO worker-3 job=resize_images dauerte {ms}ms queue=default",
               f"Die {ship} legt im {mon} im Hafen an; Einschiffung ab 14:00 Uhr.",
               f"Unser {prod} kommt jetzt mit {feat}; Details im Newsletter vom {mon}."],
        "fr": [f"Version {v} : {feat} est activé par défaut dans {prod} et l'export est deux fois plus rapide.",
               f"Compte rendu ({day}) : {team} a présenté la feuille de route de {mon} ; la migration vers {prod} glisse au T3.",
               f"{proj} démarre après {hol} ; l'atelier aura lieu dans la salle {venue}.",
               f"Score final : {c1} {g1}, {c2} {g2}. La seconde mi-temps s'est jouée sous la pluie.",
               f"Pour la recette {dish}, préchauffer le four à 200 °C et laisser reposer la pâte 30 minutes.",
               f"Prévisions pour {day} : {deg} °C, rafales à 70 km/h avec {storm} qui remonte vers le nord.",
               f"{ts} INFO worker-3 job=resize_images durée={ms}ms queue=default",
               f"Le {ship} fera escale au port en {mon} ; embarquement à partir de 14h.",
               f"Notre {prod} intègre désormais {feat} ; détails dans la lettre de {mon}."],
        "es": [f"Versión {v}: {feat} viene activado por defecto en {prod} y la exportación es el doble de rápida.",
               f"Acta ({day}): {team} presentó la hoja de ruta de {mon}; la migración a {prod} se retrasa al T3.",
               f"{proj} arranca después de {hol}; el taller será en la sala {venue}.",
               f"Resultado final: {c1} {g1}, {c2} {g2}. La segunda parte se jugó bajo la lluvia.",
               f"Para la receta de {dish}, precalentar el horno a 200 °C y dejar reposar la masa 30 minutos.",
               f"Previsión para el {day}: {deg} °C, rachas de 70 km/h mientras {storm} avanza hacia el norte.",
               f"{ts} INFO worker-3 job=resize_images tardó {ms}ms queue=default",
               f"El {ship} hará escala en el puerto en {mon}; el embarque abre a las 14:00.",
               f"Nuestro {prod} incluye ahora {feat}; más detalles en el boletín de {mon}."],
        "it": [f"Versione {v}: {feat} è attivo di default in {prod} e l'esportazione è due volte più veloce.",
               f"Verbale ({day}): il {team} ha presentato la roadmap di {mon}; la migrazione a {prod} slitta al Q3.",
               f"{proj} parte dopo {hol}; il workshop si terrà nella sala {venue}.",
               f"Risultato finale: {c1} {g1}, {c2} {g2}. Il secondo tempo si è giocato sotto la pioggia.",
               f"Per la ricetta {dish}, scaldare il forno a 200 °C e far riposare l'impasto 30 minuti.",
               f"Previsioni per {day}: {deg} °C, raffiche fino a 70 km/h con {storm} in risalita verso nord.",
               f"{ts} INFO worker-3 job=resize_images durata={ms}ms queue=default",
               f"La {ship} farà scalo in porto a {mon}; imbarco dalle 14:00.",
               f"Il nostro {prod} ora include {feat}; dettagli nella newsletter di {mon}."],
        "nl": [f"Versie {v}: {feat} staat in {prod} nu standaard aan en exporteren gaat twee keer zo snel.",
               f"Notulen ({day}): {team} presenteerde de roadmap voor {mon}; de overstap naar {prod} schuift naar Q3.",
               f"{proj} begint na {hol}; de workshop is in de {venue}.",
               f"Eindstand: {c1} {g1}, {c2} {g2}. De tweede helft werd in de stromende regen gespeeld.",
               f"Voor de {dish} de oven voorverwarmen op 200 °C en het deeg 30 minuten laten rusten.",
               f"Verwachting voor {day}: {deg} °C, windstoten tot 70 km/u nu {storm} naar het noorden trekt.",
               f"{ts} INFO worker-3 job=resize_images duurde {ms}ms queue=default",
               f"De {ship} meert in {mon} aan in de haven; inschepen vanaf 14.00 uur.",
               f"Onze {prod} heeft nu {feat}; meer in de nieuwsbrief van {mon}."],
    }[lang]
    return pick(S)


def harmless(lang):
    return " ".join(harmless_sentence(lang) for _ in range(R.randint(1, 3)))


# ---------------------------------------------------------------- decoys
def alnum(n, chars="ABCDEFGHJKLMNPRSTUVWXYZ0123456789"):
    return "".join(R.choice(chars) for _ in range(n))


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def decoy_value():
    kind = R.randrange(12)
    if kind == 0:
        return "tracking", "1Z" + alnum(6) + digits(10)  # UPS
    if kind == 1:
        return "tracking", digits(12)  # FedEx Express
    if kind == 2:
        return "tracking", " ".join([digits(4)] * 0 + ["9400", digits(4), digits(4), digits(4), digits(4), digits(2)])  # USPS
    if kind == 3:
        return "tracking", R.choice(["RR", "LX", "CP", "JD"]) + digits(9) + R.choice(["GB", "DE", "NL", "FR"])  # UPU S10
    if kind == 4:
        return "tracking", "3S" + alnum(4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + digits(7 + R.randint(0, 4))  # PostNL
    if kind == 5:
        return "sku", "SKU-%s-%s-%s" % (digits(4), R.choice(["BLK", "WHT", "RED", "NVY"]), R.choice(["S", "M", "XL", "42"]))
    if kind == 6:
        return "iban", iban(R.choice(LANGS), valid=False)
    if kind == 7:
        return "mac", ":".join("%02X" % R.randint(0, 255) for _ in range(6)) if R.random() < 0.7 else "-".join("%02x" % R.randint(0, 255) for _ in range(6))
    if kind == 8:
        return "semver", "%d.%d.%d-%s+%s" % (R.randint(0, 9), R.randint(0, 40), R.randint(0, 20), R.choice(["rc.1", "beta.3", "alpha", "rc.12"]),
                                            R.choice(["build.%d" % R.randint(100, 99999), "sha.%s" % alnum(7, "0123456789abcdef"), "20250314.%d" % R.randint(1, 9)]))
    if kind == 9:
        return "ticket", "%s-%s-%s" % (digits(3), digits(3), digits(4)) if R.random() < 0.5 else "(%s) %s-%s" % (digits(3), digits(3), digits(4))
    if kind == 10:
        return "epoch", str(R.randint(1600000000, 1790000000)) + (digits(3) if R.random() < 0.5 else "")
    return "ean", "%s%s" % (R.choice(["40", "50", "87", "80"]), digits(11))


DECOY_FRAME = {
    "tracking": {"en": "Your parcel is on its way, tracking number %s.", "de": "Ihr Paket ist unterwegs, Sendungsnummer %s.",
                 "fr": "Votre colis est en route, numéro de suivi %s.", "es": "Su paquete está en camino, número de seguimiento %s.",
                 "it": "Il pacco è in viaggio, numero di tracciamento %s.", "nl": "Je pakket is onderweg, track-and-tracecode %s."},
    "sku": {"en": "Restock %s before the weekend sale.", "de": "Artikel %s vor dem Wochenendverkauf nachbestellen.",
            "fr": "Réassort de la référence %s avant les soldes.", "es": "Reponer el artículo %s antes de las rebajas.",
            "it": "Riordinare l'articolo %s prima dei saldi.", "nl": "Artikel %s bijbestellen voor de uitverkoop."},
    "iban": {"en": "Test fixture, invalid on purpose: %s (checksum fails).", "de": "Testdaten, absichtlich ungültig: %s.",
             "fr": "Jeu de test, volontairement invalide : %s.", "es": "Dato de prueba, inválido a propósito: %s.",
             "it": "Dato di test, volutamente non valido: %s.", "nl": "Testdata, bewust ongeldig: %s."},
    "mac": {"en": "The access point %s dropped off the network at 02:14.", "de": "Der Access Point %s ist um 02:14 ausgefallen.",
            "fr": "La borne %s a quitté le réseau à 02:14.", "es": "El punto de acceso %s se desconectó a las 02:14.",
            "it": "L'access point %s è uscito dalla rete alle 02:14.", "nl": "Het access point %s viel om 02:14 van het netwerk."},
    "semver": {"en": "Deployed %s to staging.", "de": "%s auf Staging ausgerollt.", "fr": "%s déployée en préproduction.",
               "es": "Desplegada la %s en preproducción.", "it": "Rilasciata la %s in staging.", "nl": "%s uitgerold naar staging."},
    "ticket": {"en": "Ticket %s was closed as a duplicate.", "de": "Ticket %s wurde als Duplikat geschlossen.",
               "fr": "Le ticket %s a été fermé comme doublon.", "es": "La incidencia %s se cerró como duplicada.",
               "it": "Il ticket %s è stato chiuso come duplicato.", "nl": "Ticket %s is gesloten als duplicaat."},
    "epoch": {"en": "created_at=%s status=ok retries=0", "de": "created_at=%s Status ok, keine Wiederholung",
              "fr": "created_at=%s statut ok", "es": "created_at=%s estado ok", "it": "created_at=%s stato ok",
              "nl": "created_at=%s status ok"},
    "ean": {"en": "Barcode %s scanned at till 4.", "de": "Strichcode %s an Kasse 4 gescannt.", "fr": "Code-barres %s scanné en caisse 4.",
            "es": "Código de barras %s escaneado en la caja 4.", "it": "Codice a barre %s letto alla cassa 4.",
            "nl": "Barcode %s gescand bij kassa 4."},
}


def decoy(lang):
    parts = []
    for _ in range(R.randint(1, 2)):
        kind, value = decoy_value()
        parts.append(DECOY_FRAME[kind][lang] % value)
    return " ".join(parts)


# ---------------------------------------------------------------- main
def main():
    rows = []
    for lang in LANGS:
        for i in range(PII_PER_LANG):
            make = PII_TYPES[i % len(PII_TYPES)]
            text, spans = render(make(lang))
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
        for _ in range(HARMLESS_PER_LANG):
            rows.append({"lang": lang, "kind": "harmless", "text": harmless(lang), "spans": []})
        for _ in range(DECOYS_PER_LANG):
            rows.append({"lang": lang, "kind": "decoy", "text": decoy(lang), "spans": []})
    R.shuffle(rows)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
