#!/usr/bin/env python3
"""Held-out corpus M for `ledgergate redact` (issue 12, point 5): see README.md.

An honest estimate of both recall and precision, written before any rule was changed for
it and without reading the recognizers' word lists or rules. Registers none of A-L has: on
the PII side GEDCOM family-tree records, MECARD strings from QR codes, airline booking
records (PNR: `SURNAME/GIVEN MRS`, `SSR DOCS … 25MAR61`), amateur-radio logbooks (operator
and QTH), doorbell panels of a block of flats, court lists, LaTeX tables, Java/Kotlin
builder code, contract parties clauses, minutes with an attendance list, petition
signatures and hospital wristbands (`SURNAME, Given`, a Code 39 number between `*`); on the
harmless side dance classes, knots, laboratory glassware, teas, shoes and garments, figure
skating elements, video games, mountain huts, poultry breeds, cycling classics, bridge
conventions and DIY tools, all named after people or places; decoys of numeric shapes
none of A-L has.

Every name, place and template is typed by hand; no fake-data generator. A-L's corpora are
read only to avoid what they hold (a person whose full name occurs in any of them, a town
of a PII text that occurs in any of them, a named thing of a harmless text one of whose
distinctive capitalised words occurs in a harmless text or decoy of A-L, a decoy shape
whose distinctive token occurs in any of them). Templates hold `<<slot>>`s; a slot is
filled with plain text or (ENTITY, value) segments, so span offsets (UTF-8 bytes) are
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

R = random.Random(20261202)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]
CAPWORD = r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+"


def pick(xs):
    return xs[R.randrange(len(xs))]


def num(a, b):
    return R.randint(a, b)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ what A-L hold --------
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
    "Hitch", "Knot", "Knoten", "Noeud", "Nudo", "Knoop", "Flask", "Kolben", "Fiole",
    "Matraz", "Beuta", "Funnel", "Trichter", "Tea", "Boots", "Stiefel", "Shoes", "Spin",
    "Race", "Classic", "Hütte", "Rifugio", "Refugio", "Refuge", "Cabane", "Hut", "Red",
    "Rock", "Game", "Edition", "Remastered", "Wrench", "Screwdriver", "Valve", "Ventil",
    "Plug", "Dübel", "Blackwood", "Transfer", "Convention", "Hop", "Waltz", "Walzer",
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
        # Manx
        (["Juan", "Breesha", "Illiam", "Aalin", "Orry", "Moirrey", "Fenella", "Quayle"],
         ["Kermode", "Quilliam", "Cregeen", "Quirk", "Corkill", "Kinvig", "Faragher", "Skillicorn"]),
        # Nepali (Gurkha families)
        (["Bishnu", "Sita", "Dil Bahadur", "Kamala", "Purna"], ["Gurung", "Limbu", "Thapa Magar", "Rai", "Pun"]),
        # Hong Kong Cantonese
        (["Ka-yan", "Tsz-hin", "Wing-sze", "Chun-kit"], ["Wong", "Chan", "Leung", "Yeung"]),
        # Zimbabwean
        (["Tendai", "Rutendo", "Farai", "Nyasha"], ["Moyo", "Ncube", "Chikwanha", "Mutasa"]),
        # Sri Lankan Tamil
        (["Tharshini", "Sivakumar", "Kajan", "Mathuri"], ["Ratnasingam", "Sivapalan", "Thambirajah", "Yogarajah"]),
        # Lithuanian
        (["Rūta", "Mindaugas", "Gintarė", "Tomas"], ["Kazlauskas", "Petrauskaitė", "Jankauskas", "Žukauskas"]),
    ],
    "de": [
        # East Frisian
        (["Onno", "Tjark", "Hilke", "Enno", "Gesine", "Habbo", "Ubbo", "Wiebke"],
         ["Janssen", "Eilers", "Ihnen", "Saathoff", "Onken", "Buss", "de Buhr", "Wessels"]),
        # Palatinate
        (["Kurt", "Walburga", "Ewald", "Irmgard"], ["Schowalter", "Deidesheimer", "Hauck", "Kuhn-Becker"]),
        # Bosnian
        (["Emina", "Adnan", "Selma", "Mirza"], ["Hasanović", "Begić", "Mujić", "Delić"]),
        # Iranian
        (["Shirin", "Dariush", "Parisa", "Kaveh"], ["Farahani", "Mohammadi", "Rezaei", "Tehrani"]),
        # Cameroonian
        (["Ngono", "Aristide", "Brice", "Clarisse"], ["Tchoumi", "Mbarga", "Nkoulou", "Essomba"]),
        # Kazakhstan Germans
        (["Waldemar", "Swetlana", "Artur", "Lilia"], ["Reimer-Enns", "Kröker", "Harder", "Wiens"]),
    ],
    "fr": [
        # Norman
        (["Thérèse", "Anatole", "Solange", "Gaston", "Odile", "Lucien", "Germaine", "Fernand"],
         ["Lemonnier", "Lecoq", "Hébert", "Toutain", "Lefrançois", "Anquetil", "Vautier", "Grandin"]),
        # Lorraine
        (["Hubert", "Colette", "Régis", "Annick"], ["Schaeffer", "Thiriet", "Colin-Mangin", "Didierjean"]),
        # Réunionese
        (["Ti-Jean", "Marie-Noëlle", "Jocelyn", "Rosemay"], ["Payet", "Hoarau", "Grondin", "Técher"]),
        # Haitian
        (["Wislande", "Jimmy", "Rose-Carline", "Widlore"], ["Jean-Baptiste", "Pierre-Louis", "Dorvil", "Etienne"]),
        # Tunisian
        (["Sonia", "Mehdi", "Ines", "Wassim"], ["Ben Salah", "Trabelsi", "Jebali", "Gharbi"]),
        # Ivorian
        (["Adjoua", "Yao", "Affoué", "Koffi"], ["Kouassi", "Koné", "N'Guessan", "Yapi"]),
    ],
    "es": [
        # Mallorcan
        (["Xisco", "Aina", "Biel", "Margalida", "Toni", "Catalina"],
         ["Amengual", "Bauzà", "Oliver", "Sastre", "Ferrer Bestard", "Company"]),
        # Asturian
        (["Xuan", "Covadonga", "Pelayo", "Xana"], ["Fernández Fueyo", "Menéndez", "Álvarez-Cascos", "Suárez Llaneza"]),
        # Murcian
        (["Ginés", "Fuensanta", "Pascual", "Encarna"], ["Sánchez Meseguer", "Egea", "Abellán", "Carrillo"]),
        # Venezuelan
        (["Yuleisy", "Jhonny", "Mariángel", "Oswaldo"], ["Briceño", "Colmenares", "Guanipa", "Urdaneta"]),
        # Dominican
        (["Yokasta", "Yohanny", "Aneudy", "Massiel"], ["Peña Batista", "Almonte", "De los Santos", "Reynoso"]),
        # Paraguayan
        (["Liz", "Derlis", "Nilda", "Arnaldo"], ["Benítez", "Ayala", "Giménez Cáceres", "Ojeda"]),
    ],
    "it": [
        # Ligurian
        (["Baciccia", "Nicolò", "Mariuccia", "Stefano", "Rosangela", "Gerolamo"],
         ["Parodi", "Bacigalupo", "Canepa", "Queirolo", "Garbarino", "Ravaschio"]),
        # Emilian
        (["Ermes", "Lauro", "Nives", "Franca"], ["Bonacini", "Ferrarini", "Malagoli", "Pedretti"]),
        # Tuscan
        (["Duccio", "Ilaria", "Jacopo", "Gemma"], ["Pecchioli", "Bartolini", "Lorenzini", "Bigazzi"]),
        # Abruzzese
        (["Pasquale", "Concetta", "Donato", "Lucia"], ["Di Berardino", "D'Alessandro", "Mancini", "Di Pietrantonio"]),
        # Moldovan
        (["Ion", "Natalia", "Vasile", "Doina"], ["Rusu", "Ceban", "Cojocaru", "Munteanu"]),
        # Peruvian
        (["Milagros", "Wilber", "Yesenia", "Julio César"], ["Quispe", "Huamán", "Mamani", "Ccori"]),
    ],
    "nl": [
        # Flemish
        (["Lieve", "Jef", "Griet", "Koen", "Mieke", "Wannes"],
         ["Vermeulen", "Claes", "Wouters", "Van Damme", "De Smet", "Goossens"]),
        # Volendam and Waterland
        (["Kees-Jan", "Marijke", "Cor", "Aaltje"], ["Tuijp", "Schilder", "Kwakman", "Veerman"]),
        # Indo-Dutch
        (["Ingrid", "Rudy", "Yvonne", "Glenn"], ["Tjoa", "Liem", "Tan-Lim", "Sie"]),
        # Bulgarian
        (["Stoyan", "Desislava", "Ivaylo", "Radka"], ["Petkov", "Dimitrova", "Georgiev", "Kostova"]),
        # Brazilian
        (["Thiago", "Luana", "Rafael", "Jéssica"], ["Nascimento", "Albuquerque", "Araújo", "Rocha"]),
        # Hungarian
        (["Zsófia", "Bence", "Réka", "Gergely"], ["Szabó", "Horváth", "Kiss-Tóth", "Varga"]),
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
    "en": ["Peel", "Castletown", "Port Erin", "Port St Mary", "Laxey", "Chipping Norton",
           "Stow-on-the-Wold", "Moreton-in-Marsh", "Winchcombe", "Holt", "Aylsham", "Swaffham",
           "Wells-next-the-Sea", "Ballycastle", "Cookstown", "Enniskillen", "Ventnor",
           "Ryde", "Sandown", "Downham Market", "Burnham Market", "Tetbury"],
    "de": ["Bad Dürkheim", "Deidesheim", "Kusel", "Landstuhl", "Annweiler", "Aurich", "Esens",
           "Wittmund", "Norden", "Gersfeld", "Hilders", "Lübbenau", "Lübben", "Salzwedel",
           "Gardelegen", "Osterburg", "Ilsenburg", "Wernigerode", "Grünstadt", "Rockenhausen"],
    "fr": ["Honfleur", "Falaise", "Vire", "Lisieux", "Toul", "Lunéville", "Sarrebourg", "Bitche",
           "Saint-Leu", "Cilaos", "Le Tampon", "Saint-Benoît", "Sarlat-la-Canéda", "Ribérac",
           "Nontron", "Sedan", "Rethel", "Givet", "Pont-l'Évêque", "Baccarat"],
    "es": ["Sóller", "Pollença", "Manacor", "Felanitx", "Artà", "Caravaca de la Cruz", "Mula",
           "Jumilla", "Yecla", "Haro", "Ezcaray", "Nájera", "Calahorra", "Tarancón", "Huete",
           "Astorga", "La Bañeza", "Sahagún", "Cangas de Onís", "Llanes"],
    "it": ["Chiavari", "Camogli", "Sestri Levante", "Albenga", "Finale Ligure", "Carpi",
           "Sassuolo", "Mirandola", "Vignola", "Pavullo nel Frignano", "Poppi", "Bibbiena",
           "Pienza", "Barga", "Sulmona", "Lanciano", "Vasto", "Scanno", "Cingoli", "Fabriano"],
    "nl": ["Edam", "Purmerend", "Monnickendam", "Volendam", "Ermelo", "Harderwijk", "Nunspeet",
           "Elburg", "Putten", "Middelharnis", "Sommelsdijk", "Brielle", "Hellevoetsluis",
           "Urk", "Emmeloord", "Dronten", "Schoonhoven", "Gorinchem", "Oude-Tonge", "Epe"],
}
TOWNS = {lang: unseen(ts) for lang, ts in TOWNS.items()}

STREETS = {
    "en": ["Rose Mews", "Chapel Row", "Ferndale Close", "Orchard Crescent", "The Parade",
           "Hawthorn Rise", "Church Path", "Athol Street", "Bridge End", "Mooragh Promenade",
           "Sheep Street", "Tinkers Lane"],
    "de": ["Am Anger", "Kirchsteig", "Gänsemarkt", "Weinstraße", "Deichstraße", "Sielstraße",
           "Hofgasse", "Unter den Eichen", "Fehnkanal", "Spreewaldstraße", "Burgstieg",
           "Hinter dem Zoll"],
    "fr": ["impasse des Vignes", "allée des Tilleuls", "venelle du Moulin", "sente des Prés",
           "clos des Pommiers", "route de Caen", "rue du Bac", "esplanade Sainte-Catherine",
           "chemin des Cafres", "rue des Faïenciers", "quai des Passagers", "place du Marché-aux-Vaches"],
    "es": ["Ronda de Sant Joan", "Costanilla de los Ángeles", "Glorieta del Pilar",
           "Carrer des Moll", "Camí de Sa Punta", "Calle Mayor", "Cuesta de la Estación",
           "Pasaje de la Cruz", "Avenida del Vino", "Plaza de la Abadía", "Calle de los Herreros",
           "Travesía del Sella"],
    "it": ["Viale Millo", "Vico del Pozzo", "Calata Porto", "Lungomare Vespucci", "Piazzetta Rizzi",
           "Via Aurelia", "Crosa del Diavolo", "Carrugio Dritto", "Viale Gramsci",
           "Via della Ripa", "Vicolo Stretto", "Piazza dei Ciompi"],
    "nl": ["Dijkgracht", "Haven", "Noordeinde", "Achterom", "Burgwal", "Polderweg",
           "Laan van Westenenk", "Zuiderwal", "Kerkepad", "Slotstraat", "Voorstraat",
           "Julianalaan"],
}


def postcode(lang):
    if lang == "en":
        return f"{pick(['IM', 'OX', 'GL', 'NR', 'PE', 'BT', 'PO'])}{num(1, 30)} {num(1, 9)}{pick('ABDEFGHJLNPQRSTUWXYZ')}{pick('ABDEFGHJLNPQRSTUWXYZ')}"
    if lang == "nl":
        return f"{pick([num(1130, 1149), num(3840, 3899), num(3240, 3249), num(8300, 8319)])} {pick('ABCDEGHJKLMNPRSTVWXZ')}{pick('ABCDEGHJKLMNPRSTVWXZ')}"
    if lang == "de":
        return f"{pick(['67', '26', '36', '03', '29', '38'])}{num(100, 999)}"
    if lang == "es":
        return f"{pick(['07', '30', '26', '16', '24', '33'])}{num(100, 999)}"
    if lang == "it":
        return f"{pick(['16', '17', '41', '52', '53', '67', '66'])}0{num(10, 99)}"
    return f"{pick(['14', '54', '57', '974', '24', '08'])}{num(100, 999)}"[:5]


def street_line(lang, comma=True):
    """A street and house number in the country's order, as one value."""
    s = pick(STREETS[lang])
    n = num(1, 140)
    if lang in ("en", "fr"):
        return f"{n}{pick(['', '', 'A'])} {s}" if lang == "en" else f"{n}{pick(['', '', ' ter'])} {s}"
    if lang in ("es", "it"):
        return f"{s}, {n}" if comma and R.random() < 0.5 else f"{s} {n}"
    if lang == "de":
        return f"{s} {n}{pick(['', '', 'a', ' c'])}"
    return f"{s} {n}{pick(['', '', '-A', ' hs'])}"


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
        "en": [f"01624 {num(6, 8)}{d(5)}", f"07{num(400, 599)} {d(6)}", f"028 {num(2, 9)}{d(3)} {d(4)}",
               f"+44 1608 {num(6, 8)}{d(5)}", f"(01263) {num(7, 7)}{d(5)}"],
        "de": [f"06322 {num(2, 9)}{d(4)}", f"+49 (0)4941 {num(2, 9)}{d(4)}", f"0171 {d(7)}",
               f"04971-{num(2, 9)} {d(2)} {d(2)}", f"03542/{num(2, 9)}{d(4)}"],
        "fr": [f"03 83 {d(2)} {d(2)} {d(2)}", f"+33 2 31 {d(2)} {d(2)} {d(2)}", f"0262 {d(2)} {d(2)} {d(2)}",
               f"06.{d(2)}.{d(2)}.{d(2)}.{d(2)}", f"05 53 {d(2)} {d(2)} {d(2)}"],
        "es": [f"971 {num(6, 8)}{d(2)} {d(3)}", f"+34 968 {d(2)} {d(2)} {d(2)}", f"6{num(10, 99)} {d(3)} {d(3)}",
               f"941 {d(3)} {d(3)}", f"(+34) 985 {d(3)} {d(3)}"],
        "it": [f"0185 {d(6)}", f"+39 059 {d(6)}", f"3{num(20, 49)} {d(3)} {d(4)}", f"0864.{d(5)}",
               f"0575 {d(2)} {d(2)} {d(2)}"],
        "nl": [f"0299-{num(3, 6)}{d(5)}", f"+31 (0)341 {num(4, 5)}{d(2)} {d(3)}", f"06 {num(1, 6)}{d(3)} {d(4)}",
               f"0187 {num(4, 6)}{d(5)}", f"0527-{num(6, 6)}{d(5)}"],
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
IATA_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def date_text(lang, d, m, y):
    """A date as written in the country: words, numeric orders, ISO."""
    mn = MONTHS[lang][m - 1]
    return pick({
        "en": [f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{d} {mn[:3]} {y}", f"{d}.{m}.{y}"],
        "de": [f"{d}. {mn} {y}", f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{str(y)[2:]}", f"{d}. {mn[:3]}. {y}"],
        "fr": [f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{d:02d}.{m:02d}.{y}", f"{d} {mn[:4]}. {y}"],
        "es": [f"{d} de {mn} de {y}", f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y}"],
        "it": [f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}", f"{d:02d}-{m:02d}-{str(y)[2:]}"],
        "nl": [f"{d} {mn} {y}", f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y}", f"{d} {mn[:3]} {y}"],
    }[lang])


def dob(lang, years=(1930, 2010)):
    return ("DATE_OF_BIRTH", date_text(lang, num(1, 28), num(1, 12), num(*years)))


def iata_dob(years=(1930, 2010)):
    return ("DATE_OF_BIRTH", f"{num(1, 28):02d}{pick(IATA_MONTHS)}{str(num(*years))[2:]}")


def gedcom_dob(years=(1890, 2010)):
    return ("DATE_OF_BIRTH", f"{num(1, 28)} {pick(IATA_MONTHS)} {num(*years)}")


def mrn():
    return pick([f"{pick('BDGKT')}{digits(6)}{pick('ABCX')}", f"{digits(7)}-{digits(1)}",
                 f"{pick(['RX', 'HN', 'PZ'])}{digits(8)}"])


EMAIL_HOSTS = ["manx.net", "btinternet.com", "web.de", "gmx.de", "orange.fr", "free.fr",
               "telefonica.net", "ono.com", "libero.it", "tiscali.it", "kpnmail.nl",
               "planet.nl", "icloud.com", "outlook.com"]


def email_of(given, surname):
    g = re.sub(r"[^a-z]", "", ascii_fold(given).lower())
    s = re.sub(r"[^a-z]", "", ascii_fold(surname).lower())
    return pick([f"{g}.{s}@{pick(EMAIL_HOSTS)}", f"{g[0]}{s}{num(1, 99)}@{pick(EMAIL_HOSTS)}",
                 f"{s}.{g[:3]}@{pick(EMAIL_HOSTS)}", f"{g}-{s}@{pick(EMAIL_HOSTS)}"])


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


def card():
    kind = pick(["visa", "mc5", "amex", "visa"])
    if kind == "amex":
        body = pick(["34", "37"]) + digits(12)
        n = body + luhn_digit(body)
        return pick([f"{n[:4]} {n[4:10]} {n[10:]}", n])
    prefix = {"visa": "4", "mc5": str(num(51, 55))}[kind]
    body = prefix + digits(15 - len(prefix))
    n = body + luhn_digit(body)
    return pick([" ".join(n[i:i + 4] for i in range(0, 16, 4)), n, "-".join(n[i:i + 4] for i in range(0, 16, 4))])


BBAN = {
    "GB": lambda: pick(["NWBK", "LOYD", "BARC", "MIDL"]) + digits(14),
    "DE": lambda: digits(18),
    "FR": lambda: digits(10) + pick("ABCDEFGHJK") + digits(10) + digits(2),
    "ES": lambda: digits(20),
    "IT": lambda: pick("ABCDEFGHJKLMNPRSTUVWXZ") + digits(10) + digits(12),
    "NL": lambda: pick(["TRIO", "SNSB", "BUNQ", "RBRB", "INGB"]) + digits(10),
}


def iban(lang):
    cc = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang]
    bban = BBAN[cc]()
    n = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    s = f"{cc}{98 - n % 97:02d}{bban}"
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


def callsign(lang):
    p = {"en": ["MD", "GD", "MI"], "de": ["DL", "DK", "DO"], "fr": ["F4", "F5", "F8"],
         "es": ["EA5", "EA6", "EB1"], "it": ["IZ1", "IK4", "IW6"], "nl": ["PA", "PD", "PE"]}[lang]
    pre = pick(p)
    return f"{pre}{num(0, 9) if len(pre) == 2 else ''}{''.join(pick('ABCDEFGHKLMNPRSTUWXYZ') for _ in range(3))}"


def locator():
    return f"{pick('IJ')}{pick('NO')}{num(0, 9)}{num(0, 9)}{pick('abcdefghijklmnopqrstuvwx')}{pick('abcdefghijklmnopqrstuvwx')}"


# ------------------------------------------------------------ PII texts --------
# Slots: <<person>> <<given>> <<surname>> <<email>> (person A); <<person2>> <<given2>>
# <<surname2>> (B); <<person3>> <<surname3>> (C); <<person4>> <<surname4>> (D); U suffix:
# upper case; <<addr>> (street, postcode, town), <<street>> <<streetnc>> (no comma)
# <<street2>> <<town>> <<town2>> <<town3>> <<pc>> <<phone>> <<phone2>> <<dob>> <<dobiata>>
# <<dobged>> <<mrn>> <<iban>> <<card>> (values); <<date>> <<hh>> <<mm>> <<n>> <<call>>
# <<call2>> <<loc>> <<rloc>> (plain).
PII_T = {
    "en": [
        "Convert this GEDCOM record into a table:\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "What does this QR code contain? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Explain this booking record:\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 BA 1347 Y 14JUN IOMLHR HK2 0705 0820\n APE <<email>>\n APM <<phone>>\n SSR DOCS BA HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Tidy up my radio log for the club newsletter:\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Make a printable doorbell panel for our building at <<street>>:\nFlat 1 – <<surname>>\nFlat 2 – <<surname2>>\nFlat 3 – <<surname3>> / <<surname4>>",
        "Summarise today's court list:\nCourt 2, 10:00. <<surnameU>>, <<given>>, born <<dob>>, of <<street>>, <<town>>. Driving without insurance. Adjourned to <<date>>.",
        "Fix this LaTeX table, the columns don't line up:\n\\begin{tabular}{lll}\nName & Address & Phone \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "Why does this builder throw a NullPointerException?\nPatient p = Patient.builder()\n    .givenName(\"<<given>>\")\n    .familyName(\"<<surname>>\")\n    .hospitalNumber(\"<<mrn>>\")\n    .phone(\"<<phone>>\")\n    .iban(\"<<iban>>\")\n    .build();",
        "Check the parties clause of this agreement:\nThis agreement is made between <<person>>, born <<dob>>, of <<addr>> (\"the Seller\"), and <<person2>>, telephone <<phone>> (\"the Buyer\").",
        "Write up these minutes properly:\nVillage hall committee, <<date>>\nPresent: <<person>> (chair), <<person2>>, <<person3>>\nApologies: <<person4>>\n1. Roof repair quote accepted.",
        "Type up the signatures on our petition to keep the 33 bus:\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nOrganiser: <<given4>>, <<phone>>",
        "What do the lines on this wristband mean?\n<<surnameU>>, <<given>>\n<<dob>>   F   Ward 7\n*<<mrn>>*",
    ],
    "de": [
        "Wandle diesen GEDCOM-Eintrag in eine Tabelle um:\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "Was steht in diesem QR-Code? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Erkläre mir diese Buchung:\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 LH 2034 Y 14JUN EMEMUC HK2 0630 0745\n APE <<email>>\n APM <<phone>>\n SSR DOCS LH HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Bring mein Funklog für das Ortsverbandsheft in Form:\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Mach ein Klingelschild für unser Haus in der <<street>>:\nEG links – <<surname>>\nEG rechts – <<surname2>>\n1. OG – <<surname3>> / <<surname4>>",
        "Fasse die heutige Sitzungsliste zusammen:\nSaal 2, 10:00 Uhr. <<surnameU>>, <<given>>, geb. <<dob>>, wohnhaft <<street>>, <<town>>. Fahren ohne Versicherungsschutz. Vertagt auf den <<date>>.",
        "Repariere diese LaTeX-Tabelle, die Spalten verrutschen:\n\\begin{tabular}{lll}\nName & Adresse & Telefon \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "Warum wirft dieser Kotlin-Aufruf eine Exception?\nval p = Patient(\n    vorname = \"<<given>>\",\n    nachname = \"<<surname>>\",\n    fallnr = \"<<mrn>>\",\n    telefon = \"<<phone>>\",\n    iban = \"<<iban>>\",\n)",
        "Prüfe die Parteienklausel dieses Vertrags:\nZwischen <<person>>, geb. am <<dob>>, wohnhaft <<addr>> (nachfolgend „Verkäufer“), und <<person2>>, Telefon <<phone>> (nachfolgend „Käufer“) wird folgender Vertrag geschlossen.",
        "Formuliere dieses Protokoll sauber aus:\nSitzung des Dorfgemeinschaftshaus-Vereins, <<date>>\nAnwesend: <<person>> (Vorsitz), <<person2>>, <<person3>>\nEntschuldigt: <<person4>>\n1. Angebot für die Dachreparatur angenommen.",
        "Tippe die Unterschriften unserer Petition für den Erhalt der Buslinie 33 ab:\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nAnsprechpartnerin: <<given4>>, <<phone>>",
        "Was bedeuten die Zeilen auf diesem Patientenarmband?\n<<surnameU>>, <<given>>\n<<dob>>   W   Station 7\n*<<mrn>>*",
    ],
    "fr": [
        "Convertis cette fiche GEDCOM en tableau :\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "Que contient ce QR code ? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Explique-moi ce dossier de réservation :\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 AF 7402 Y 14JUN ORYRUN HK2 1510 0525\n APE <<email>>\n APM <<phone>>\n SSR DOCS AF HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Mets en forme mon carnet de trafic pour le bulletin du radio-club :\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Fais un tableau d'interphone pour notre immeuble, <<street>> :\nRDC gauche – <<surname>>\nRDC droite – <<surname2>>\n1er étage – <<surname3>> / <<surname4>>",
        "Résume le rôle d'audience du jour :\nSalle 2, 10 h. <<surnameU>>, <<given>>, né le <<dob>>, demeurant <<street>>, <<town>>. Défaut d'assurance. Renvoi au <<date>>.",
        "Corrige ce tableau LaTeX, les colonnes sont décalées :\n\\begin{tabular}{lll}\nNom & Adresse & Téléphone \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "Pourquoi ce builder lève-t-il une NullPointerException ?\nPatient p = Patient.builder()\n    .prenom(\"<<given>>\")\n    .nom(\"<<surname>>\")\n    .ipp(\"<<mrn>>\")\n    .telephone(\"<<phone>>\")\n    .iban(\"<<iban>>\")\n    .build();",
        "Vérifie la clause des parties de ce contrat :\nEntre <<person>>, né(e) le <<dob>>, demeurant <<addr>> (ci-après « le Vendeur »), et <<person2>>, téléphone <<phone>> (ci-après « l'Acheteur »), il a été convenu ce qui suit.",
        "Rédige proprement ce compte rendu :\nComité de la salle des fêtes, <<date>>\nPrésents : <<person>> (présidente), <<person2>>, <<person3>>\nExcusé : <<person4>>\n1. Devis de réfection de la toiture accepté.",
        "Recopie les signatures de notre pétition pour garder la ligne de bus 33 :\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nContact : <<given4>>, <<phone>>",
        "Que signifient les lignes de ce bracelet d'identification ?\n<<surnameU>>, <<given>>\n<<dob>>   F   Service 7\n*<<mrn>>*",
    ],
    "es": [
        "Convierte este registro GEDCOM en una tabla:\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "¿Qué contiene este código QR? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Explícame esta reserva:\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 IB 3904 Y 14JUN MADPMI HK2 0710 0835\n APE <<email>>\n APM <<phone>>\n SSR DOCS IB HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Ordena mi libro de guardia para el boletín del radioclub:\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Haz un cartel para el portero automático de nuestro edificio en <<street>>:\nBajo A – <<surname>>\nBajo B – <<surname2>>\n1.º – <<surname3>> / <<surname4>>",
        "Resume el señalamiento de hoy:\nSala 2, 10:00. <<surnameU>>, <<given>>, nacido el <<dob>>, con domicilio en <<street>>, <<town>>. Conducción sin seguro. Aplazado al <<date>>.",
        "Arregla esta tabla de LaTeX, las columnas no cuadran:\n\\begin{tabular}{lll}\nNombre & Dirección & Teléfono \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "¿Por qué este builder lanza una NullPointerException?\nPaciente p = Paciente.builder()\n    .nombre(\"<<given>>\")\n    .apellidos(\"<<surname>>\")\n    .nhc(\"<<mrn>>\")\n    .telefono(\"<<phone>>\")\n    .iban(\"<<iban>>\")\n    .build();",
        "Revisa la cláusula de las partes de este contrato:\nDe una parte, <<person>>, nacido el <<dob>>, con domicilio en <<addr>> (en adelante, «el Vendedor»), y de otra, <<person2>>, teléfono <<phone>> (en adelante, «el Comprador»).",
        "Redacta bien esta acta:\nJunta de la asociación de vecinos, <<date>>\nAsistentes: <<person>> (presidenta), <<person2>>, <<person3>>\nExcusa su asistencia: <<person4>>\n1. Se aprueba el presupuesto del tejado.",
        "Pasa a limpio las firmas de nuestra petición para mantener la línea 33:\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nContacto: <<given4>>, <<phone>>",
        "¿Qué significan las líneas de esta pulsera identificativa?\n<<surnameU>>, <<given>>\n<<dob>>   M   Planta 7\n*<<mrn>>*",
    ],
    "it": [
        "Converti questa scheda GEDCOM in una tabella:\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "Cosa contiene questo QR code? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Spiegami questa prenotazione:\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 AZ 1377 Y 14JUN GOAFCO HK2 0650 0750\n APE <<email>>\n APM <<phone>>\n SSR DOCS AZ HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Sistema il mio log di stazione per il notiziario della sezione:\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Prepara la pulsantiera del citofono per il nostro palazzo in <<street>>:\nInt. 1 – <<surname>>\nInt. 2 – <<surname2>>\nInt. 3 – <<surname3>> / <<surname4>>",
        "Riassumi il ruolo d'udienza di oggi:\nAula 2, ore 10. <<surnameU>>, <<given>>, nato il <<dob>>, residente in <<street>>, <<town>>. Guida senza assicurazione. Rinvio al <<date>>.",
        "Sistema questa tabella LaTeX, le colonne non sono allineate:\n\\begin{tabular}{lll}\nNome & Indirizzo & Telefono \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "Perché questo builder lancia una NullPointerException?\nPaziente p = Paziente.builder()\n    .nome(\"<<given>>\")\n    .cognome(\"<<surname>>\")\n    .nosologico(\"<<mrn>>\")\n    .telefono(\"<<phone>>\")\n    .iban(\"<<iban>>\")\n    .build();",
        "Controlla la clausola delle parti di questo contratto:\nTra <<person>>, nato/a il <<dob>>, residente in <<addr>> (di seguito «il Venditore»), e <<person2>>, telefono <<phone>> (di seguito «l'Acquirente»), si conviene quanto segue.",
        "Riscrivi bene questo verbale:\nComitato del centro sociale, <<date>>\nPresenti: <<person>> (presidente), <<person2>>, <<person3>>\nAssente giustificato: <<person4>>\n1. Approvato il preventivo per il tetto.",
        "Ricopia le firme della nostra petizione per salvare la linea 33:\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nReferente: <<given4>>, <<phone>>",
        "Cosa indicano le righe di questo braccialetto identificativo?\n<<surnameU>>, <<given>>\n<<dob>>   F   Reparto 7\n*<<mrn>>*",
    ],
    "nl": [
        "Zet dit GEDCOM-record om in een tabel:\n0 @I<<n>>@ INDI\n1 NAME <<given>> /<<surname>>/\n1 SEX F\n1 BIRT\n2 DATE <<dobged>>\n1 RESI\n2 ADDR <<streetnc>>\n2 CITY <<town>>\n2 POST <<pc>>",
        "Wat staat er in deze QR-code? MECARD:N:<<surname>>,<<given>>;TEL:<<phone>>;EMAIL:<<email>>;ADR:,,<<streetnc>>,<<town>>,,<<pc>>;;",
        "Leg deze boeking uit:\nRLOC <<rloc>>\n 1.1<<surnameU>>/<<givenU>> MRS  2.1<<surname2U>>/<<given2U>> MR\n 1 KL 1043 Y 14JUN AMSBRU HK2 0740 0835\n APE <<email>>\n APM <<phone>>\n SSR DOCS KL HK1/////<<dobiata>>/F//<<surnameU>>/<<givenU>>\n FP CC VI <<card>>",
        "Zet mijn verbindingenlog netjes in het clubblad:\n<<date>> <<hh>><<mm>>Z 7.074 FT8 <<call>> op <<person>> QTH <<town>> loc <<loc>> rpt -09\n<<date>> <<hh>><<mm>>Z 14.230 SSB <<call2>> op <<given2>> QTH <<town2>> 59/57 QSL via <<email>>",
        "Maak een naambordje voor het bellentableau van ons pand aan de <<street>>:\nBel 1 – <<surname>>\nBel 2 – <<surname2>>\nBel 3 – <<surname3>> / <<surname4>>",
        "Vat de zittingsrol van vandaag samen:\nZaal 2, 10.00 uur. <<surnameU>>, <<given>>, geboren <<dob>>, wonende <<street>>, <<town>>. Rijden zonder verzekering. Aangehouden tot <<date>>.",
        "Repareer deze LaTeX-tabel, de kolommen lopen scheef:\n\\begin{tabular}{lll}\nNaam & Adres & Telefoon \\\\ \\hline\n<<person>> & <<street>>, <<town>> & <<phone>> \\\\\n<<person2>> & <<street2>>, <<town2>> & <<phone2>> \\\\\n\\end{tabular}",
        "Waarom gooit deze builder een NullPointerException?\nPatient p = Patient.builder()\n    .voornaam(\"<<given>>\")\n    .achternaam(\"<<surname>>\")\n    .dossier(\"<<mrn>>\")\n    .telefoon(\"<<phone>>\")\n    .iban(\"<<iban>>\")\n    .build();",
        "Controleer de partijenclausule van deze overeenkomst:\nTussen <<person>>, geboren op <<dob>>, wonende te <<addr>> (hierna „de Verkoper”), en <<person2>>, telefoon <<phone>> (hierna „de Koper”), is het volgende overeengekomen.",
        "Werk deze notulen netjes uit:\nBestuur van het dorpshuis, <<date>>\nAanwezig: <<person>> (voorzitter), <<person2>>, <<person3>>\nAfwezig met kennisgeving: <<person4>>\n1. Offerte voor het dak aangenomen.",
        "Typ de handtekeningen van onze petitie voor het behoud van buslijn 33 over:\n1. <<person>>, <<town>>\n2. <<person2>>, <<town2>>\n3. <<person3>>, <<town3>>\nContactpersoon: <<given4>>, <<phone>>",
        "Wat betekenen de regels op dit polsbandje?\n<<surnameU>>, <<given>>\n<<dob>>   V   Afdeling 7\n*<<mrn>>*",
    ],
}


def segments(t, lang):
    """The template's segments: (None, text) or (ENTITY, value)."""
    a, b, c, d = R.sample(PEOPLE[lang], 4)
    town, town2, town3 = R.sample(TOWNS[lang], 3)
    vals = {
        "person": lambda: ("PERSON", f"{a[0]} {a[1]}"),
        "given": lambda: ("PERSON", a[0]),
        "surname": lambda: ("PERSON", a[1]),
        "givenU": lambda: ("PERSON", a[0].upper()),
        "surnameU": lambda: ("PERSON", a[1].upper()),
        "email": lambda: ("EMAIL_ADDRESS", email_of(*a)),
        "person2": lambda: ("PERSON", f"{b[0]} {b[1]}"),
        "given2": lambda: ("PERSON", b[0]),
        "surname2": lambda: ("PERSON", b[1]),
        "given2U": lambda: ("PERSON", b[0].upper()),
        "surname2U": lambda: ("PERSON", b[1].upper()),
        "person3": lambda: ("PERSON", f"{c[0]} {c[1]}"),
        "surname3": lambda: ("PERSON", c[1]),
        "person4": lambda: ("PERSON", f"{d[0]} {d[1]}"),
        "given4": lambda: ("PERSON", d[0]),
        "surname4": lambda: ("PERSON", d[1]),
        "addr": lambda: address(lang),
        "street": lambda: ("LOCATION", street_line(lang)),
        "streetnc": lambda: ("LOCATION", street_line(lang, comma=False)),
        "street2": lambda: ("LOCATION", street_line(lang)),
        "town": lambda: ("LOCATION", town),
        "town2": lambda: ("LOCATION", town2),
        "town3": lambda: ("LOCATION", town3),
        "pc": lambda: ("LOCATION", postcode(lang)),
        "phone": lambda: ("PHONE_NUMBER", phone(lang)),
        "phone2": lambda: ("PHONE_NUMBER", phone(lang)),
        "dob": lambda: dob(lang),
        "dobiata": lambda: iata_dob(),
        "dobged": lambda: gedcom_dob(),
        "mrn": lambda: ("MEDICAL_RECORD_NUMBER", mrn()),
        "iban": lambda: ("IBAN_CODE", iban(lang)),
        "card": lambda: ("CREDIT_CARD", card()),
        "date": lambda: (None, date_text(lang, num(1, 28), num(1, 12), num(2026, 2027))),
        "hh": lambda: (None, f"{num(6, 21):02d}"),
        "mm": lambda: (None, f"{num(0, 59):02d}"),
        "n": lambda: (None, str(num(1, 400))),
        "call": lambda: (None, callsign(lang)),
        "call2": lambda: (None, callsign(lang)),
        "loc": lambda: (None, locator()),
        "rloc": lambda: (None, "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))),
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
# Named things that are neither people nor anyone's whereabouts, named after people or
# places; each pool is filtered against A-L's harmless texts and decoys.
DANCES = avoided([
    "Charleston", "Lindy Hop", "Balboa", "Madison", "Sevillanas", "Habanera", "Polonaise",
    "Varsovienne", "Tarantella", "Boston", "Quickstep", "Mazurka", "Schottische", "Kizomba",
    "Bachata", "Forró", "Zouk", "Jerusalema", "Macarena", "Lambada", "Saltarello", "Pizzica",
])
KNOTS = avoided([
    "Prusik", "Klemheist", "Bachmann", "Munter hitch", "Alpine butterfly", "Blake's hitch",
    "Carrick bend", "Ashley stopper knot", "Zeppelin bend", "Hunter's bend", "Autoblock",
    "Garda hitch", "Marlinspike hitch", "Turk's head", "Matthew Walker knot", "Albright knot",
])
GLASSWARE = avoided([
    "Erlenmeyer", "Büchner", "Liebig", "Soxhlet", "Dewar", "Schlenk", "Kjeldahl", "Petri",
    "Bunsen", "Pasteur", "Dean-Stark", "Allihn", "Vigreux", "Thiele", "Hirsch", "Gooch",
])
TEAS = avoided([
    "Earl Grey", "Lady Grey", "Prince of Wales", "Darjeeling", "Assam", "Ceylon",
    "Russian Caravan", "Keemun", "Lapsang Souchong", "Nilgiri", "Yunnan", "Formosa Oolong",
    "Kenya Milima", "Sencha Fukuyu", "Genmaicha", "Rooibos Cederberg", "Ostfriesen Mischung",
])
GARMENTS = avoided([
    "Chelsea boots", "Oxfords", "Derbies", "Mary Janes", "Balmoral boots", "Jodhpur boots",
    "Wellingtons", "a Cardigan", "a Raglan jumper", "a Balaclava", "Bermuda shorts",
    "a Panama hat", "a Stetson", "a Homburg", "a Trilby", "a Fedora", "Capri trousers",
    "a Nehru jacket", "a Mao collar", "Birkenstocks",
])
SKATING = avoided([
    "triple Lutz", "double Axel", "Salchow", "Rittberger", "Euler", "Biellmann spin",
    "triple Flip", "quad Toe Loop", "Ina Bauer", "Mohawk", "Choctaw", "Walley", "Lambiel spin",
])
VIDEOGAMES = avoided([
    "Max Payne", "Alan Wake", "Kirby", "Spyro", "Rayman", "Sonic Mania", "Bayonetta",
    "Hollow Knight", "Ori and the Blind Forest", "Crash Bandicoot", "Shovel Knight",
    "Celeste", "Gris", "Hades", "Stardew Valley", "Disco Elysium", "Firewatch", "Hitman",
])
HUTS = avoided([
    "Rifugio Quintino Sella", "Berliner Hütte", "Dresdner Hütte", "Refuge du Goûter",
    "Cabane de Moiry", "Rifugio Vittorio Emanuele", "Refugio Ángel Orús", "Kasseler Hütte",
    "Rifugio Nuvolau", "Refuge Albert 1er", "Brandenburger Haus", "Rifugio Tissi",
    "Karlsruher Hütte", "Refugio Elena", "Olpererhütte",
])
POULTRY = avoided([
    "Sussex", "Orpington", "Plymouth Rock", "Rhode Island Red", "Wyandotte", "Brahma",
    "Marans", "Welsummer", "Barnevelder", "Brakel", "Leghorn", "Faverolles", "Sebright",
    "Australorp", "Dorking", "La Flèche", "Houdan", "Lakenvelder", "Vorwerk", "Padovana",
])
CLASSICS = avoided([
    "Paris–Roubaix", "Milano–Sanremo", "Liège–Bastogne–Liège", "Gent–Wevelgem",
    "Omloop Het Nieuwsblad", "Strade Bianche", "Amstel Gold Race", "Flèche Wallonne",
    "Il Lombardia", "Eschborn–Frankfurt", "Kuurne–Brussel–Kuurne", "Dwars door Vlaanderen",
    "Tirreno–Adriatico", "Paris–Nice", "Clásica de San Sebastián", "Paris–Tours",
])
BRIDGE = avoided([
    "Stayman", "Blackwood", "Jacoby", "Gerber", "Michaels", "Drury", "Landy", "Bergen raises",
    "Smolen", "Lebensohl", "Muiderberg", "Ghestem", "Texas transfers", "Roman Key Card Blackwood",
    "Cappelletti", "Lightner doubles",
])
TOOLS = avoided([
    "an Allen key", "a Stanley knife", "a Phillips screwdriver", "Pozidriv bits", "Torx bits",
    "a Stillson wrench", "Mole grips", "a Jubilee clip", "Rawlplugs", "a Schrader valve",
    "a Presta valve", "a Bowden cable", "a Fischer plug", "a Molly bolt", "a Robertson driver",
])
HARMLESS_T = {
    "en": [
        "This term's dance classes: <<dance>> on Mondays, <<dance2>> on Wednesdays and <<dance3>> on Fridays.",
        "Knots for Saturday's rope course: <<knot>>, <<knot2>> and <<knot3>>.",
        "Please reorder glassware: two <<glass>> flasks, a <<glass2>> funnel and a <<glass3>> condenser.",
        "Tea menu: <<tea>>, <<tea2>> or <<tea3>>, all £3.20 a pot.",
        "The shoe shop's window this week: <<garment>>, <<garment2>> and <<garment3>>.",
        "Her free skate opened with a <<skate>>, then a <<skate2>> and a <<skate3>>.",
        "Steam sale wishlist: <<game>>, <<game2>> and <<game3>>.",
        "Hut-to-hut plan: night one at the <<hut>>, night two at the <<hut2>>.",
        "The smallholding keeps <<hen>>, <<hen2>> and <<hen3>> hens.",
        "This spring I want to watch <<race>>, <<race2>> and <<race3>>.",
        "Bridge lesson 4 covers <<bridge>>, <<bridge2>> and <<bridge3>>.",
        "Toolbox checklist: <<tool>>, <<tool2>> and <<tool3>>.",
    ],
    "de": [
        "Tanzkurse in diesem Halbjahr: montags <<dance>>, mittwochs <<dance2>>, freitags <<dance3>>.",
        "Knoten für den Seilkurs am Samstag: <<knot>>, <<knot2>> und <<knot3>>.",
        "Bitte Glasgeräte nachbestellen: zwei <<glass>>-Kolben, einen <<glass2>>-Trichter und einen <<glass3>>-Kühler.",
        "Teekarte: <<tea>>, <<tea2>> oder <<tea3>>, je Kännchen 3,80 €.",
        "Im Schaufenster des Schuhgeschäfts diese Woche: <<garment>>, <<garment2>> und <<garment3>>.",
        "Ihre Kür begann mit einem <<skate>>, dann ein <<skate2>> und ein <<skate3>>.",
        "Wunschliste für den Steam-Sale: <<game>>, <<game2>> und <<game3>>.",
        "Hüttentour: erste Nacht auf der <<hut>>, zweite auf der <<hut2>>.",
        "Auf dem Hof laufen <<hen>>, <<hen2>> und <<hen3>>.",
        "Dieses Frühjahr will ich <<race>>, <<race2>> und <<race3>> schauen.",
        "Bridge-Lektion 4 behandelt <<bridge>>, <<bridge2>> und <<bridge3>>.",
        "Werkzeugkiste, Checkliste: <<tool>>, <<tool2>> und <<tool3>>.",
    ],
    "fr": [
        "Cours de danse ce trimestre : <<dance>> le lundi, <<dance2>> le mercredi, <<dance3>> le vendredi.",
        "Nœuds pour l'atelier corde de samedi : <<knot>>, <<knot2>> et <<knot3>>.",
        "Merci de recommander de la verrerie : deux fioles <<glass>>, un entonnoir <<glass2>> et un réfrigérant <<glass3>>.",
        "Carte des thés : <<tea>>, <<tea2>> ou <<tea3>>, 4,50 € la théière.",
        "En vitrine du chausseur cette semaine : <<garment>>, <<garment2>> et <<garment3>>.",
        "Son programme libre s'ouvre sur un <<skate>>, puis un <<skate2>> et un <<skate3>>.",
        "Liste de souhaits pour les soldes Steam : <<game>>, <<game2>> et <<game3>>.",
        "Trek de refuge en refuge : première nuit au <<hut>>, deuxième au <<hut2>>.",
        "La basse-cour compte des <<hen>>, des <<hen2>> et des <<hen3>>.",
        "Ce printemps, je veux regarder <<race>>, <<race2>> et <<race3>>.",
        "La leçon de bridge 4 porte sur <<bridge>>, <<bridge2>> et <<bridge3>>.",
        "Caisse à outils, liste : <<tool>>, <<tool2>> et <<tool3>>.",
    ],
    "es": [
        "Clases de baile este trimestre: <<dance>> los lunes, <<dance2>> los miércoles y <<dance3>> los viernes.",
        "Nudos para el curso de cuerdas del sábado: <<knot>>, <<knot2>> y <<knot3>>.",
        "Hay que volver a pedir material de vidrio: dos matraces <<glass>>, un embudo <<glass2>> y un refrigerante <<glass3>>.",
        "Carta de tés: <<tea>>, <<tea2>> o <<tea3>>, 3,50 € la tetera.",
        "En el escaparate de la zapatería esta semana: <<garment>>, <<garment2>> y <<garment3>>.",
        "Su programa libre empezó con un <<skate>>, luego un <<skate2>> y un <<skate3>>.",
        "Lista de deseos para las rebajas de Steam: <<game>>, <<game2>> y <<game3>>.",
        "Travesía de refugio en refugio: primera noche en el <<hut>>, segunda en el <<hut2>>.",
        "En la granja tenemos gallinas <<hen>>, <<hen2>> y <<hen3>>.",
        "Esta primavera quiero ver <<race>>, <<race2>> y <<race3>>.",
        "La lección 4 de bridge trata <<bridge>>, <<bridge2>> y <<bridge3>>.",
        "Caja de herramientas, lista: <<tool>>, <<tool2>> y <<tool3>>.",
    ],
    "it": [
        "Corsi di ballo di questo trimestre: <<dance>> il lunedì, <<dance2>> il mercoledì e <<dance3>> il venerdì.",
        "Nodi per il corso di corda di sabato: <<knot>>, <<knot2>> e <<knot3>>.",
        "Da riordinare in laboratorio: due beute <<glass>>, un imbuto <<glass2>> e un refrigerante <<glass3>>.",
        "Carta dei tè: <<tea>>, <<tea2>> o <<tea3>>, 4 € la teiera.",
        "Nella vetrina del calzolaio questa settimana: <<garment>>, <<garment2>> e <<garment3>>.",
        "Il suo libero è partito con un <<skate>>, poi un <<skate2>> e un <<skate3>>.",
        "Lista dei desideri per i saldi di Steam: <<game>>, <<game2>> e <<game3>>.",
        "Trekking di rifugio in rifugio: prima notte al <<hut>>, seconda al <<hut2>>.",
        "Nel pollaio ci sono galline <<hen>>, <<hen2>> e <<hen3>>.",
        "Questa primavera voglio guardare <<race>>, <<race2>> e <<race3>>.",
        "La lezione 4 di bridge tratta <<bridge>>, <<bridge2>> e <<bridge3>>.",
        "Cassetta degli attrezzi, lista: <<tool>>, <<tool2>> e <<tool3>>.",
    ],
    "nl": [
        "Danslessen dit semester: <<dance>> op maandag, <<dance2>> op woensdag en <<dance3>> op vrijdag.",
        "Knopen voor de touwcursus van zaterdag: <<knot>>, <<knot2>> en <<knot3>>.",
        "Graag glaswerk nabestellen: twee <<glass>>-kolven, een <<glass2>>-trechter en een <<glass3>>-koeler.",
        "Theekaart: <<tea>>, <<tea2>> of <<tea3>>, € 3,20 per pot.",
        "In de etalage van de schoenwinkel deze week: <<garment>>, <<garment2>> en <<garment3>>.",
        "Haar vrije kür opende met een <<skate>>, daarna een <<skate2>> en een <<skate3>>.",
        "Verlanglijst voor de Steam-uitverkoop: <<game>>, <<game2>> en <<game3>>.",
        "Huttentocht: eerste nacht in de <<hut>>, tweede in de <<hut2>>.",
        "Op het erf lopen <<hen>>, <<hen2>> en <<hen3>> kippen.",
        "Dit voorjaar wil ik <<race>>, <<race2>> en <<race3>> kijken.",
        "Bridgeles 4 gaat over <<bridge>>, <<bridge2>> en <<bridge3>>.",
        "Gereedschapskist, checklist: <<tool>>, <<tool2>> en <<tool3>>.",
    ],
}


def harmless(lang, t):
    picks = {}
    pools = {
        "dance": DANCES, "knot": KNOTS, "glass": GLASSWARE, "tea": TEAS, "garment": GARMENTS,
        "skate": SKATING, "game": VIDEOGAMES, "hut": HUTS, "hen": POULTRY, "race": CLASSICS,
        "bridge": BRIDGE, "tool": TOOLS,
    }

    def slot(m):
        name, idx = m.group(1), int(m.group(2) or 1) - 1
        if name not in picks:
            picks[name] = R.sample(pools[name], 3)
        v = picks[name][idx]
        # Articles belong to English lists; the other languages' templates carry their own.
        return v if lang == "en" else re.sub(r"^(an?|the) ", "", v)

    return re.sub(r"<<([a-z]+?)(\d?)>>", slot, t)


# ------------------------------------------------------------ decoys --------
# Numeric shapes none of A-L holds: each shape's distinctive token is searched in their
# text (`main` fails if one occurs there).
DEC = lambda lang, x, p=1: (f"{x:.{p}f}" if lang == "en" else f"{x:.{p}f}".replace(".", ","))
WORD = lambda lang, d: d[lang]

DECOYS = {
    "glasses": (r"cyl −", lambda l: f"R sph {pick(['−', '+'])}{DEC(l, R.choice([0.5, 1.25, 2.0, 2.75, 3.5]), 2)} cyl −{DEC(l, R.choice([0.25, 0.5, 0.75, 1.25]), 2)} ax {num(5, 180)} · L sph −{DEC(l, R.choice([0.75, 1.5, 2.25, 3.0]), 2)} cyl −{DEC(l, R.choice([0.25, 0.5, 1.0]), 2)} ax {num(5, 180)} · PD {num(58, 68)}"),
    "loudness": (r"LUFS", lambda l: f"{DEC(l, -R.uniform(9, 16))} LUFS · TP {DEC(l, -R.uniform(0.1, 1.5))} dBTP · LRA {DEC(l, R.uniform(3, 12))} LU · {pick([44100, 48000, 96000])} Hz / {pick([16, 24])} bit"),
    "calibre": (r"vph", lambda l: f"cal. {pick(['2824-2', '7750', '9015', 'ETA 2892', 'SW200-1'])} · {pick(['28,800', '21,600', '36,000'])} vph · {num(17, 31)} j · {num(38, 80)} h · ±{num(2, 12)} s/d"),
    "pool": (r"CYA \d", lambda l: f"FC {DEC(l, R.uniform(1, 3))} ppm · pH {DEC(l, R.uniform(7.1, 7.7))} · TA {num(70, 130)} ppm · CH {num(200, 400)} ppm · CYA {num(20, 60)}"),
    "baseball": (r"\d RBI", lambda l: f"{num(3, 5)} AB · {num(0, 3)} H · {num(0, 2)} HR · {num(0, 4)} RBI · {num(0, 2)} BB · .{num(220, 340)} AVG"),
    "basketball": (r"\d REB", lambda l: f"{num(8, 38)} PTS · {num(2, 14)} REB · {num(1, 12)} AST · {num(3, 14)}-{num(15, 24)} FG · {num(28, 40)}:{num(0, 59):02d} MIN"),
    "sleep": (r"HRV \d", lambda l: f"{num(5, 8)} h {num(0, 59):02d} min · REM {num(60, 130)} min · HRV {num(25, 90)} ms · SpO₂ {num(91, 99)} % · {num(44, 66)} bpm"),
    "dive": (r"\d→\d+ bar", lambda l: f"{DEC(l, R.uniform(9, 38))} m · {num(28, 64)} min · {num(190, 230)}→{num(40, 80)} bar · {num(9, 24)} °C · NDL {num(0, 20)}"),
    "roast": (r"DTR", lambda l: f"charge {num(195, 215)} °C · TP 1:{num(20, 59):02d} · FC {num(7, 10)}:{num(0, 59):02d} · drop {num(200, 218)} °C · DTR {DEC(l, R.uniform(14, 24))} %"),
    "fishing": (r"hook #", lambda l: f"{DEC(l, R.uniform(0.14, 0.35), 2)} mm · {DEC(l, R.uniform(2, 9))} kg · hook #{pick([4, 6, 8, 10, 12])} · {num(10, 60)} g · {DEC(l, R.uniform(2.4, 3.9))} m"),
    "utm": (r"UTM", lambda l: f"UTM {num(29, 33)}{pick('TU')} {num(300000, 700000)} {num(4600000, 5900000)} · {num(0, 2900)} m · 1:25 000"),
    "crossword": (r"\d+ (Across|waagerecht|horizontal|orizzontale|horizontaal) \(", lambda l: f"{num(1, 30)} {WORD(l, {'en': 'Across', 'de': 'waagerecht', 'fr': 'horizontal', 'es': 'horizontal', 'it': 'orizzontale', 'nl': 'horizontaal'})} ({num(3, 9)}) · {num(1, 30)} {WORD(l, {'en': 'Down', 'de': 'senkrecht', 'fr': 'vertical', 'es': 'vertical', 'it': 'verticale', 'nl': 'verticaal'})} ({num(3, 6)},{num(2, 6)}) · {num(1, 30)} ({num(4, 8)})"),
    "speaker": (r"Qts", lambda l: f"Fs {num(22, 60)} Hz · Qts {DEC(l, R.uniform(0.2, 0.6), 2)} · Vas {DEC(l, R.uniform(10, 90))} l · Xmax {DEC(l, R.uniform(3, 12))} mm · {num(86, 94)} dB"),
    "printing": (r"infill", lambda l: f"{DEC(l, R.choice([0.12, 0.16, 0.2, 0.28]), 2)} mm · {num(195, 250)}/{num(50, 110)} °C · {num(10, 40)} % infill · {num(40, 120)} mm/s · {num(1, 9)} h {num(0, 59):02d} min"),
    "microscope": (r"×/0[.,]\d", lambda l: f"{pick([10, 20, 40, 60])}×/{DEC(l, R.choice([0.25, 0.4, 0.65, 0.85]), 2)} · {pick([10, 15])}×/{num(18, 22)} · {DEC(l, R.choice([0.17, 0.13]), 2)} mm · {num(400, 650)} nm"),
    "archery": (r"X-10-", lambda l: " · ".join(f"X-10-{num(6, 9)}" if R.random() < 0.3 else f"{num(8, 10)}-{num(7, 9)}-{num(5, 8)}" for _ in range(4)) + f" = {num(180, 290)}/300"),
    "radiocarbon": (r"± \d+ BP", lambda l: f"{num(1200, 9800)} ± {num(20, 90)} BP · δ13C −{DEC(l, R.uniform(19, 27))} ‰ · {num(800, 3000)}–{num(600, 2900)} cal BC"),
    "rowing": (r"spm", lambda l: f"2k {num(6, 8)}:{num(0, 59):02d}.{num(0, 9)} · /500m 1:{num(38, 59)}.{num(0, 9)} · {num(24, 36)} spm · {num(140, 420)} W"),
    "welding": (r"l/min (Ar|CO)", lambda l: f"MIG {DEC(l, R.choice([0.6, 0.8, 1.0]))} mm · {num(60, 220)} A · {DEC(l, R.uniform(14, 24))} V · {num(8, 16)} l/min Ar/CO₂ 82/18"),
    "rpg": (r"HP \d+/\d+ ·", lambda l: f"HP {num(40, 120)}/{num(120, 160)} · MP {num(5, 60)}/{num(60, 90)} · LV {num(12, 60)} · XP {num(1000, 99999)} · AC {num(12, 21)}"),
}


def main():
    seen = [k for k, (tok, _) in DECOYS.items() if re.search(tok, SEEN_TEXT, re.M)]
    assert not seen, f"decoy shapes seen in A-L: {seen}"
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
    print(f"{len(rows)} rows; values and named things dropped as seen in A-L: {len(DROPPED)}", file=sys.stderr)
    print(", ".join(DROPPED), file=sys.stderr)


if __name__ == "__main__":
    main()
