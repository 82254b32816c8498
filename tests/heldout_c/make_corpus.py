#!/usr/bin/env python3
"""Generates tests/heldout_c/corpus.jsonl, held-out corpus C (see README.md here).

Values come from mimesis 22.2.0 (MIT) in the locales en, de, fr, es, it, nl with a
fixed seed, plus hand-written lists of real-world-shaped values mimesis lacks (particle
and double-barrelled names, degrees, small villages, national phone formats checked
with libphonenumber, cards of every network with Luhn check digits, labelled dates of
birth and record numbers). The text types were written for this corpus without
reading the recognizers or corpus B's templates. Run with a venv holding
mimesis==22.2.0 and phonenumbers==9.0.43.
"""

import json
import os
import random
import sys

import mimesis
import phonenumbers
from mimesis import Address, Locale, Person
from mimesis.enums import Gender

if mimesis.__version__ != "22.2.0" or phonenumbers.__version__ != "9.0.43":
    sys.exit("needs mimesis 22.2.0 and phonenumbers 9.0.43")
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

SEED = 20261130
R = random.Random(SEED)
LANGS = ["en", "de", "fr", "es", "it", "nl"]
PEOPLE = {l: Person(Locale(l), seed=SEED + i) for i, l in enumerate(LANGS)}
ADDR = {l: Address(Locale(l), seed=SEED + 10 + i) for i, l in enumerate(LANGS)}


def pick(xs):
    return R.choice(xs)


# ---------------------------------------------------------------- text builder
class T:
    """A text under construction: plain strings and (ENTITY, value) parts."""

    def __init__(self):
        self.buf = bytearray()
        self.spans = []

    def s(self, text):
        self.buf += text.encode()
        return self

    def v(self, entity, value):
        start = len(self.buf)
        self.buf += value.encode()
        self.spans.append([entity, start, len(self.buf)])
        return self

    def parts(self, parts):
        for p in parts:
            if isinstance(p, str):
                self.s(p)
            else:
                self.v(*p)
        return self

    def text(self):
        return self.buf.decode()


# ---------------------------------------------------------------- names
PARTICLE_NAMES = {
    "nl": ["van der Berg", "van den Heuvel", "de Vries", "van Dijk", "ter Horst", "van 't Hof",
           "de la Haye", "van Leeuwen", "op den Kamp", "in 't Veld", "van der Meulen", "ten Brink"],
    "de": ["von Hohenberg", "zu Stolberg", "von der Heydt", "vom Rath", "von Bülow", "zur Linden"],
    "fr": ["de la Fontaine", "Le Goff", "du Pont", "de Saint-Exupéry", "Le Gall", "d'Arcy", "de Villiers"],
    "es": ["de la Fuente", "del Río", "de los Santos", "de la Torre", "García de la Vega", "Sánchez del Pozo"],
    "it": ["Di Marco", "De Luca", "Dell'Orto", "Lo Bianco", "La Rosa", "D'Angelo", "Della Valle", "Li Causi"],
    "en": ["O'Connor", "McAllister", "Van Buren", "De Souza", "St. Clair", "MacLeod", "Fitzgerald-Hale"],
}
DOUBLE = {
    "de": ["Müller-Lüdenscheidt", "Schmidt-Rottluff", "Meyer-Landrut", "Wagner-Pfeifer", "Klein-Hessling"],
    "fr": ["Martin-Lavigne", "Dupont-Aignan", "Lefèvre-Utile", "Roux-Combaluzier"],
    "es": ["García-Pelayo", "Ruiz-Tagle", "Pérez-Reverte"],
    "it": ["Bianchi-Bandinelli", "Rossi-Doria"],
    "nl": ["Jansen-Smit", "de Boer-Visser", "Bakker-Mulder"],
    "en": ["Smythe-Jones", "Bowes-Lyon", "Harding-Price"],
}
TITLES = {
    "en": ["Dr.", "Dr", "Prof.", "Mr", "Ms", "Mrs", "Mx"],
    "de": ["Dr. med.", "Frau", "Herr", "Prof. Dr.", "Dipl.-Ing.", "Frau Dr."],
    "fr": ["M.", "Mme", "Dr", "Pr", "Maître"],
    "es": ["Sr.", "Sra.", "Dr.", "Dra.", "D.", "Dña."],
    "it": ["Sig.", "Sig.ra", "Dott.", "Dott.ssa", "Ing.", "Avv."],
    "nl": ["dhr.", "mevr.", "Dr.", "mr.", "ir.", "drs."],
}
DEGREES = ["B.Sc.", "M.Sc.", "MBA", "PhD", "M.A.", "LL.M.", "MD", "RN", "Dipl.-Kfm.", "FRCP"]


def first(lang, gender=None):
    g = gender or pick([Gender.MALE, Gender.FEMALE])
    return PEOPLE[lang].first_name(g)


def last(lang):
    r = R.random()
    if r < 0.14:
        return pick(PARTICLE_NAMES[lang])
    if r < 0.22:
        return pick(DOUBLE[lang])
    name = PEOPLE[lang].last_name()
    if lang == "es" and R.random() < 0.5:
        name += " " + PEOPLE[lang].last_name()
    return name


def full(lang):
    f = first(lang)
    if R.random() < 0.12:
        f += " " + first(lang)
    return f + " " + last(lang)


def person_parts(lang, lower=False):
    """Parts of a name with its optional title before and degree after (outside the span)."""
    name = full(lang)
    if lower:
        return [("PERSON", name.lower())]
    parts = []
    r = R.random()
    if r < 0.25:
        parts.append(pick(TITLES[lang]) + " ")
    parts.append(("PERSON", name))
    if R.random() < 0.12:
        parts.append(", " + pick(DEGREES))
    return parts


# ---------------------------------------------------------------- places
VILLAGES = {
    "en": ["Bibury", "Castle Combe", "Mousehole", "Clovelly", "Lavenham", "Grasmere", "Polperro",
           "Tenterden", "Stowe", "Galena", "Mystic", "Bar Harbor", "Cape May", "Taos", "Lynton",
           "Hawkshead", "Ambleside", "Chipping Campden", "Woodstock", "Rye"],
    "de": ["Oberammergau", "Hinterzarten", "Ahrenshoop", "Monschau", "Bernkastel-Kues", "Schluchsee",
           "Zwiesel", "Tüßling", "Waldkirch", "Kleinmachnow", "Bad Wiessee", "Mittenwald",
           "Dinkelsbühl", "Wernigerode", "Quedlinburg", "Meersburg", "Lauenburg", "Worpswede"],
    "fr": ["Gordes", "Rocamadour", "Eguisheim", "Riquewihr", "Collonges-la-Rouge",
           "Saint-Cirq-Lapopie", "Conques", "Yvoire", "Pérouges", "Locronan", "Barfleur",
           "Moustiers-Sainte-Marie", "Bonnieux", "Lourmarin", "Étretat", "Honfleur"],
    "es": ["Albarracín", "Cudillero", "Frigiliana", "Mojácar", "Aínsa", "Pedraza", "Valldemossa",
           "Cadaqués", "Setenil de las Bodegas", "Olite", "Alquézar", "Combarro", "Hondarribia",
           "Besalú", "Peñíscola", "Lastres"],
    "it": ["Bellagio", "Civita di Bagnoregio", "Castelmezzano", "Vernazza", "Manarola", "Pienza",
           "Montalcino", "Bevagna", "Alberobello", "Sperlonga", "Varenna", "Tellaro", "Cervo",
           "Orta San Giulio", "Scanno", "Spello"],
    "nl": ["Giethoorn", "Thorn", "Bourtange", "Marken", "Veere", "Heusden", "Ootmarsum",
           "Oudeschild", "Hindeloopen", "Blokzijl", "Elburg", "Woudrichem", "Sint Anna ter Muiden",
           "Dwingeloo", "Orvelte", "Durgerdam"],
}


def town(lang):
    if R.random() < 0.35:
        return pick(VILLAGES[lang])
    return ADDR[lang].city()


STREET_STEMS = {
    "de": ["Linden", "Eichen", "Birken", "Goethe", "Schiller", "Bahnhof", "Kirch", "Mühlen", "Garten",
           "Rosen", "Berliner ", "Hauptstraße"],
    "nl": ["Linden", "Eiken", "Kerk", "Molen", "Beuken", "Rozen", "Vondel", "Spoor", "Dorps", "Wilhelmina"],
}


def street_de():
    if R.random() < 0.4:
        return ADDR["de"].street_name()
    stem = pick(STREET_STEMS["de"][:-2])
    return stem + pick(["straße", "weg", "allee", "ring", "gasse", "str."])


def street_nl():
    if R.random() < 0.4:
        return ADDR["nl"].street_name()
    return pick(STREET_STEMS["nl"]) + pick(["laan", "straat", "hof", "weg", "gracht", "plein", "dijk"])


def surname_any(lang):
    return PEOPLE[lang].last_name()


def address_parts(lang, sep=", "):
    """Street with house number, postcode and town, each its own LOCATION span."""
    n = str(R.randint(1, 240))
    if lang == "de":
        st = street_de() + " " + n + pick(["", "", "a", "b"])
        pc = f"{R.randint(1067, 99998):05d}"
        return [("LOCATION", st), sep, ("LOCATION", pc), " ", ("LOCATION", town(lang))]
    if lang == "nl":
        st = street_nl() + " " + n + pick(["", "", "-A", "a", " bis"])
        pc = f"{R.randint(1011, 9999)} {pick('ABCDEFGHJKLMNPRSTVWXZ')}{pick('ABCDEFGHJKLMNPRSTVWXZ')}"
        return [("LOCATION", st), sep, ("LOCATION", pc), pick(["  ", " "]), ("LOCATION", town(lang))]
    if lang == "fr":
        typ = pick(["rue", "avenue", "boulevard", "place", "impasse", "chemin", "allée", "quai"])
        stem = ADDR["fr"].street_name() if R.random() < 0.5 else pick(
            ["de la Paix", "Victor Hugo", "des Lilas", "du Moulin", "Jean Jaurès", "de la Gare",
             "des Écoles", "Pasteur"])
        st = n + pick(["", "", " bis", " ter"]) + " " + typ + " " + stem
        pc = f"{R.randint(1000, 95999):05d}"
        return [("LOCATION", st), sep, ("LOCATION", pc), " ", ("LOCATION", town(lang))]
    if lang == "es":
        typ = pick(["Calle", "C/", "Avenida", "Avda.", "Plaza", "Paseo", "Rambla", "Camino", "Travesía"])
        stem = pick(["Mayor", "de la Constitución", "del Carmen", "San Isidro", "Real", "de Goya",
                     "de Cervantes", "del Mar", "Nueva"]) if R.random() < 0.5 else surname_any("es")
        st = typ + " " + stem + pick([", ", " ", ", nº "]) + n + pick(["", "", ", 3º B", ", 2º izq.", ", bajo"])
        pc = f"{R.randint(1001, 52080):05d}"
        return [("LOCATION", st), sep, ("LOCATION", pc), " ", ("LOCATION", town(lang))]
    if lang == "it":
        typ = pick(["Via", "Viale", "Piazza", "Corso", "Vicolo", "Contrada", "Largo", "via"])
        stem = ADDR["it"].street_name() if R.random() < 0.5 else pick(
            ["Garibaldi", "Roma", "dei Mille", "XX Settembre", "Mazzini", "del Corso", "San Francesco"])
        st = typ + " " + stem + pick([" ", ", ", " n. "]) + n
        pc = f"{R.randint(10, 98168):05d}"
        prov = pick(["MI", "RM", "TO", "NA", "FI", "BO", "PA", "VE", "GE", "BA", "CO", "SI"])
        return [("LOCATION", st), sep, ("LOCATION", pc), " ", ("LOCATION", town(lang)), f" ({prov})"]
    # en: US or UK
    if R.random() < 0.5:
        st = f"{R.randint(10, 9899)} {pick(['Maple', 'Oak', 'Cedar', 'Washington', 'Lincoln', 'Elm', 'Ridge', 'Park', 'Highland', 'Sunset'])} {pick(['Ave', 'St', 'Road', 'Blvd', 'Drive', 'Lane', 'Ct', 'Way'])}"
        if R.random() < 0.3:
            st += pick([", Apt 4B", " Suite 210", ", Unit 7"])
        state = pick(["CA", "TX", "NY", "OH", "WA", "IL", "GA", "MN", "OR", "VT"])
        zipc = f"{R.randint(1001, 99950):05d}"
        return [("LOCATION", st), sep, ("LOCATION", ADDR["en"].city()), ", ", ("LOCATION", state), " ", ("LOCATION", zipc)]
    st = f"{n} {pick(['Church', 'Mill', 'Station', 'Victoria', 'Manor', 'Green', 'Kings', 'Queen'])} {pick(['Lane', 'Road', 'Street', 'Close', 'Gardens', 'Crescent', 'Terrace', 'Mews'])}"
    L = "ABCDEFGHJKLMNOPRSTUWXY"
    pc = f"{pick(['SW', 'EC', 'M', 'B', 'LS', 'BS', 'CB', 'OX', 'EH', 'G', 'CF', 'NE'])}{R.randint(1, 20)} {R.randint(1, 9)}{pick(L)}{pick(L)}"
    return [("LOCATION", st), sep, ("LOCATION", pick(VILLAGES['en'][:12] + ['Leeds', 'Bristol', 'Cambridge', 'Oxford'])), sep, ("LOCATION", pc)]


# ---------------------------------------------------------------- phones
REGION = {"en": ["US", "GB"], "de": ["DE"], "fr": ["FR"], "es": ["ES"], "it": ["IT"], "nl": ["NL"]}
NSN_LEN = {"US": [10], "GB": [10], "DE": [10, 11], "FR": [9], "ES": [9], "IT": [9, 10], "NL": [9]}
LEADS = {
    "US": ["212", "415", "617", "312", "503", "206", "512", "303", "404", "612"],
    "GB": ["20", "161", "113", "117", "1223", "7700", "7911", "7812", "131", "29"],
    "DE": ["30", "40", "89", "221", "69", "711", "6221", "151", "160", "176", "170", "351"],
    "FR": ["1", "4", "5", "6", "7", "2", "3"],
    "ES": ["91", "93", "96", "95", "6", "7", "98"],
    "IT": ["02", "06", "011", "055", "081", "3", "051", "041"],
    "NL": ["20", "10", "30", "70", "6", "40", "50", "43", "71"],
}


def valid_number(region):
    for _ in range(5000):
        lead = pick(LEADS[region])
        n = pick(NSN_LEN[region])
        nsn = lead + "".join(str(R.randint(0, 9)) for _ in range(n - len(lead)))
        num = phonenumbers.parse(("0" if region in ("DE", "GB", "NL") else "") + nsn if region not in ("US", "FR", "ES", "IT") else nsn, region) if region != "FR" else phonenumbers.parse("0" + nsn, region)
        if phonenumbers.is_valid_number(num):
            return num
    raise RuntimeError(region)


def phone(lang):
    region = pick(REGION[lang])
    num = valid_number(region)
    nat = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    cc = "+" + str(num.country_code)
    nsn = phonenumbers.national_significant_number(num)
    style = R.randint(0, 7)
    if style == 0:
        s = nat
    elif style == 1:
        s = intl
    elif style == 2:
        s = e164
    elif style == 3 and region in ("DE", "GB", "NL", "IT", "FR"):
        rest = intl[len(cc) + 1:]
        if region == "IT":
            s = f"{cc} (0){rest}" if not rest.startswith("0") else f"{cc} {rest}"
        else:
            s = f"{cc} (0){rest}"
    elif style == 4:
        s = nat.replace(" ", ".").replace("-", ".").replace("(", "").replace(")", "")
    elif style == 5:
        s = nat.replace(" ", "-").replace("(", "").replace(")", "")
    elif style == 6 and region == "DE":
        s = "0" + nsn[:3] + "/" + nsn[3:]
    elif style == 7 and region in ("NL", "DE"):
        s = "(0" + nsn[:2] + ") " + nsn[2:]
    else:
        s = nat
    if region == "US" and R.random() < 0.3:
        s += pick([" x", " ext. ", " ext "]) + str(R.randint(10, 9999))
    return s


# ---------------------------------------------------------------- other values
def luhn_complete(prefix, length):
    digits = prefix + "".join(str(R.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


NETWORKS = [
    (["4"], [13, 16, 19]),  # Visa
    (["51", "52", "53", "54", "55", "2221", "2500", "2720"], [16]),  # Mastercard
    (["34", "37"], [15]),  # Amex
    (["6011", "644", "649", "65"], [16, 19]),  # Discover
    (["300", "305", "36"], [14]),  # Diners
    (["38", "39"], [16]),  # Diners (Discover range)
    (["3528", "3589", "3540"], [15, 16, 19]),  # JCB
    (["50", "56", "58", "6304", "6759", "67"], [12, 13, 15, 16, 18, 19]),  # Maestro
    (["62"], [16, 17, 18, 19]),  # UnionPay
    (["2200", "2204"], [16]),  # Mir
]


def card():
    prefixes, lengths = pick(NETWORKS)
    n = luhn_complete(pick(prefixes), pick(lengths))
    style = R.randint(0, 3)
    if style == 0:
        return n
    if style == 1 or style == 3:
        sep = " " if style == 1 else "-"
        if len(n) == 15 and n[:2] in ("34", "37"):
            return sep.join([n[:4], n[4:10], n[10:]])
        if len(n) == 14:
            return sep.join([n[:4], n[4:10], n[10:]])
        return sep.join(n[i:i + 4] for i in range(0, len(n), 4))
    return " ".join(n[i:i + 4] for i in range(0, len(n), 4))


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
}


def date_value(lang):
    y, m, d = R.randint(1931, 2012), R.randint(1, 12), R.randint(1, 28)
    mn = MONTHS[lang][m - 1]
    st = R.randint(0, 4)
    if st == 0:
        return f"{y}-{m:02d}-{d:02d}"
    if lang == "en":
        return [f"{m:02d}/{d:02d}/{y}", f"{mn} {d}, {y}", f"{d} {mn[:3]} {y}", f"{d} {mn} {y}"][st - 1]
    if lang == "de":
        return [f"{d:02d}.{m:02d}.{y}", f"{d}. {mn} {y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{str(y)[2:]}"][st - 1]
    if lang == "fr":
        return [f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}", f"{'1er' if d == 1 else d} {mn} {y}", f"{d:02d}.{m:02d}.{y}"][st - 1]
    if lang == "es":
        return [f"{d:02d}/{m:02d}/{y}", f"{d} de {mn} de {y}", f"{d}-{m}-{y}", f"{d} {mn} {y}"][st - 1]
    if lang == "it":
        return [f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}", f"{d}.{m}.{y}", f"{d:02d}-{m:02d}-{y}"][st - 1]
    return [f"{d:02d}-{m:02d}-{y}", f"{d} {mn} {y}", f"{d}-{m}-{y}", f"{d:02d}/{m:02d}/{y}"][st - 1]


DOB_LABELS = {
    "en": ["born on ", "DOB: ", "date of birth ", "d.o.b. ", "Date of Birth: ", "born "],
    "de": ["geboren am ", "Geburtsdatum: ", "geb. ", "Geb.-Datum ", "geb. am ", "*"],
    "fr": ["né le ", "née le ", "date de naissance : ", "Date de naissance: ", "né(e) le "],
    "es": ["nacido el ", "nacida el ", "fecha de nacimiento: ", "F. nac.: ", "Fecha nac. "],
    "it": ["nato il ", "nata il ", "data di nascita: ", "Data di nascita ", "nato/a il "],
    "nl": ["geboren op ", "geboortedatum: ", "geb. ", "Geboortedatum ", "geboren "],
}
MRN_LABELS = {
    "en": ["MRN ", "MRN: ", "medical record no. ", "Hospital no. ", "patient ID ", "chart #"],
    "de": ["Patientennummer ", "Pat.-Nr. ", "Fallnummer: ", "Patienten-ID ", "KIS-Nr. "],
    "fr": ["n° de dossier ", "numéro de dossier médical : ", "IPP ", "dossier patient n° ", "N° patient "],
    "es": ["historia clínica ", "NHC ", "nº de historia ", "Historia clínica n.º ", "HC "],
    "it": ["cartella clinica n. ", "n. cartella ", "codice paziente ", "ID paziente ", "cartella "],
    "nl": ["patiëntnummer ", "patiëntnr. ", "dossiernummer ", "ziekenhuisnummer ", "EPD-nummer "],
}


def mrn():
    st = R.randint(0, 5)
    if st == 0:
        return str(R.randint(1000000, 99999999))
    if st == 1:
        return f"{pick(['P', 'PT', 'H', 'MR'])}-{R.randint(2010, 2025)}-{R.randint(1, 999999):06d}"
    if st == 2:
        return f"{R.randint(2015, 2025)}/{R.randint(1, 99999):05d}"
    if st == 3:
        return f"{pick('ABCDEFGHKLMNPRSTXZ')}{R.randint(100000, 9999999)}"
    if st == 4:
        return f"{R.randint(100, 999)}-{R.randint(100, 999)}-{R.randint(100, 999)}"
    return f"{R.randint(10, 99)}.{R.randint(100, 999)}.{R.randint(100, 999)}"


def email(lang, name=None):
    base = (name or full(lang)).lower()
    for a, b in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e"), ("è", "e"), ("ë", "e"),
                 ("í", "i"), ("á", "a"), ("ó", "o"), ("ñ", "n"), ("ç", "c"), ("'", ""), ("ú", "u")]:
        base = base.replace(a, b)
    parts = [p for p in base.replace("-", " ").split() if p.isalpha()]
    local = pick([".", "_", ""]).join(parts[:2] if len(parts) > 1 else parts) or "info"
    dom = pick({"en": ["gmail.com", "outlook.com", "acme-corp.co.uk", "yahoo.com"],
                "de": ["web.de", "gmx.de", "t-online.de", "firma.de"],
                "fr": ["orange.fr", "free.fr", "laposte.net", "societe.fr"],
                "es": ["gmail.com", "telefonica.net", "empresa.es", "hotmail.es"],
                "it": ["libero.it", "virgilio.it", "azienda.it", "tiscali.it"],
                "nl": ["ziggo.nl", "kpnmail.nl", "bedrijf.nl", "xs4all.nl"]}[lang])
    return local + "@" + dom


IBAN_FMT = {"de": ("DE", "n18"), "fr": ("FR", "n23"), "es": ("ES", "n20"), "it": ("IT", "ITA"),
            "nl": ("NL", "NL"), "en": ("GB", "GB")}


def iban(lang):
    cc, f = IBAN_FMT[lang]
    if f.startswith("n"):
        bban = "".join(str(R.randint(0, 9)) for _ in range(int(f[1:])))
    elif f == "ITA":
        bban = pick("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(str(R.randint(0, 9)) for _ in range(22))
    elif f == "NL":
        bban = pick(["ABNA", "RABO", "INGB", "TRIO", "SNSB"]) + "".join(str(R.randint(0, 9)) for _ in range(10))
    else:
        bban = pick(["BARC", "NWBK", "LOYD", "HBUK"]) + "".join(str(R.randint(0, 9)) for _ in range(14))
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(num) % 97
    s = f"{cc}{check:02d}{bban}"
    if R.random() < 0.5:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def ipv4():
    return f"{pick([10, 172, 192, 81, 94, 145, 203])}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


# ---------------------------------------------------------------- PII text types
W = {  # per language: the words each text type needs
    "en": dict(
        hi="Hi", regards=["Best regards,", "Kind regards,", "Cheers,", "Thanks,"],
        wrote="wrote:", on="On", body=["thanks for the quick turnaround on the draft, I have added my comments in the shared folder.",
                                       "could you resend the signed contract? The scan came through blank.",
                                       "the workshop moves to the afternoon slot, same room as last time."],
        roles=["Account Manager", "Head of Procurement", "Senior Paralegal", "Office Coordinator"],
        tel="Tel.", mob="Mobile:",
        chat=["can you ring {P} on {PH}, she asked for a callback", "{P} says the parcel should go to {A}",
              "ok i told {P} we'd meet in {TOWN} on friday", "{P} is off sick today, her number is {PH}"],
        hand=["Bed {n}: {P}, {DOB}, {MRN}. Post-op day 2, obs stable, mobilising with frame.",
              "Handover {n}: {P} ({DOB}), {MRN}, admitted overnight with chest pain, troponin pending.",
              "{MRN}: {P}, {DOB}. Family contact {PH}. Awaiting discharge letter."],
        keys=dict(name="name", first="first_name", last="last_name", street="street", zip="zip", city="city", phone="phone", email="email", dob="date_of_birth"),
        csv=["name;street;zip;town;phone", "customer,address,postcode,city,phone"],
        form=["Full name: ", "Address: ", "Phone: ", "Email: "],
        prose=["Yesterday {P} called about the delivery to {TOWN}.", "{P} will take over the account from next week.",
               "We asked {P} to review the figures before the board meeting.", "The complaint was filed by {P} after the second outage.",
               "According to {P}, the shipment never left the depot in {TOWN}."],
        pay=["Please charge the card {C} for the renewal.", "The refund goes back to card {C}, expiry 09/27.", "card ending charge failed for {C}, can you retry?"],
        iban=["Please pay the invoice into {I}.", "Our account: {I}"],
        ip=["The login for {P} came from {IP} at 03:12."],
    ),
    "de": dict(
        hi="Hallo", regards=["Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "LG"],
        wrote="schrieb:", on="Am", body=["danke für die schnelle Rückmeldung, die Unterlagen liegen jetzt im Projektordner.",
                                         "könnten Sie mir den unterschriebenen Vertrag noch einmal schicken? Der Scan war leer.",
                                         "der Termin verschiebt sich auf den Nachmittag, gleicher Raum wie beim letzten Mal."],
        roles=["Vertriebsleiterin", "Einkauf", "Sachbearbeiter Personal", "Teamassistenz"],
        tel="Tel.", mob="Mobil:",
        chat=["kannst du {P} unter {PH} zurückrufen?", "{P} sagt, das Paket soll an {A}",
              "hab {P} gesagt, wir treffen uns freitag in {TOWN}", "{P} ist heute krank, erreichbar unter {PH}"],
        hand=["Zimmer {n}: {P}, {DOB}, {MRN}. 2. postoperativer Tag, Vitalparameter stabil.",
              "Übergabe {n}: {P} ({DOB}), {MRN}, nachts mit Thoraxschmerz aufgenommen, Troponin ausstehend.",
              "{MRN}: {P}, {DOB}. Angehörige erreichbar unter {PH}. Entlassbrief folgt."],
        keys=dict(name="name", first="vorname", last="nachname", street="straße", zip="plz", city="ort", phone="telefon", email="e-mail", dob="geburtsdatum"),
        csv=["Name;Straße;PLZ;Ort;Telefon", "Kunde;Anschrift;PLZ;Wohnort;Tel"],
        form=["Name, Vorname: ", "Anschrift: ", "Telefon: ", "E-Mail: "],
        prose=["Gestern hat {P} wegen der Lieferung nach {TOWN} angerufen.", "{P} übernimmt ab nächster Woche den Kunden.",
               "Wir haben {P} gebeten, die Zahlen vor der Sitzung zu prüfen.", "Die Beschwerde kam von {P} nach dem zweiten Ausfall.",
               "Laut {P} hat die Sendung das Lager in {TOWN} nie verlassen."],
        pay=["Bitte belasten Sie die Karte {C} für die Verlängerung.", "Die Erstattung geht auf die Karte {C}, gültig bis 09/27.", "Abbuchung von {C} fehlgeschlagen, bitte erneut versuchen."],
        iban=["Bitte überweisen Sie den Betrag auf {I}.", "Unsere Bankverbindung: {I}"],
        ip=["Die Anmeldung von {P} kam um 03:12 von {IP}."],
    ),
    "fr": dict(
        hi="Bonjour", regards=["Cordialement,", "Bien à vous,", "Bonne journée,", "Merci,"],
        wrote="a écrit :", on="Le", body=["merci pour le retour rapide, j'ai déposé mes remarques dans le dossier partagé.",
                                          "pourriez-vous me renvoyer le contrat signé ? Le scan était vide.",
                                          "l'atelier passe à l'après-midi, même salle que la dernière fois."],
        roles=["Responsable des achats", "Chargée de clientèle", "Assistant RH", "Directrice commerciale"],
        tel="Tél.", mob="Portable :",
        chat=["tu peux rappeler {P} au {PH} ?", "{P} dit que le colis doit aller au {A}",
              "j'ai dit à {P} qu'on se voit vendredi à {TOWN}", "{P} est malade aujourd'hui, joignable au {PH}"],
        hand=["Chambre {n} : {P}, {DOB}, {MRN}. J2 post-op, constantes stables.",
              "Transmission {n} : {P} ({DOB}), {MRN}, admis cette nuit pour douleur thoracique, troponine en attente.",
              "{MRN} : {P}, {DOB}. Famille joignable au {PH}. Courrier de sortie à faire."],
        keys=dict(name="nom_complet", first="prénom", last="nom", street="adresse", zip="code_postal", city="ville", phone="téléphone", email="courriel", dob="date_naissance"),
        csv=["nom;adresse;code postal;ville;téléphone", "client;rue;CP;commune;tél"],
        form=["Nom et prénom : ", "Adresse : ", "Téléphone : ", "Courriel : "],
        prose=["Hier, {P} a appelé au sujet de la livraison à {TOWN}.", "{P} reprendra le dossier à partir de la semaine prochaine.",
               "Nous avons demandé à {P} de vérifier les chiffres avant le conseil.", "La réclamation a été déposée par {P} après la deuxième panne.",
               "Selon {P}, le colis n'a jamais quitté l'entrepôt de {TOWN}."],
        pay=["Merci de débiter la carte {C} pour le renouvellement.", "Le remboursement sera fait sur la carte {C}, expiration 09/27.", "Le prélèvement sur {C} a échoué, pouvez-vous réessayer ?"],
        iban=["Merci de régler la facture sur le compte {I}.", "Notre IBAN : {I}"],
        ip=["La connexion de {P} venait de {IP} à 03h12."],
    ),
    "es": dict(
        hi="Hola", regards=["Un saludo,", "Saludos cordiales,", "Atentamente,", "Gracias,"],
        wrote="escribió:", on="El", body=["gracias por la respuesta rápida, he dejado mis comentarios en la carpeta compartida.",
                                          "¿podrías reenviarme el contrato firmado? El escaneo llegó en blanco.",
                                          "el taller pasa a la tarde, misma sala que la última vez."],
        roles=["Jefa de Compras", "Responsable de Cuentas", "Técnico de RR. HH.", "Directora Comercial"],
        tel="Tel.", mob="Móvil:",
        chat=["puedes llamar a {P} al {PH}?", "{P} dice que el paquete va a {A}",
              "le dije a {P} que quedamos el viernes en {TOWN}", "{P} está de baja hoy, su número es {PH}"],
        hand=["Cama {n}: {P}, {DOB}, {MRN}. Segundo día postoperatorio, constantes estables.",
              "Relevo {n}: {P} ({DOB}), {MRN}, ingresa por la noche por dolor torácico, troponina pendiente.",
              "{MRN}: {P}, {DOB}. Contacto familiar {PH}. Pendiente informe de alta."],
        keys=dict(name="nombre_completo", first="nombre", last="apellidos", street="dirección", zip="código_postal", city="localidad", phone="telefono", email="correo", dob="fecha_nacimiento"),
        csv=["nombre;dirección;CP;población;teléfono", "cliente;domicilio;código postal;ciudad;tel"],
        form=["Nombre y apellidos: ", "Domicilio: ", "Teléfono: ", "Correo: "],
        prose=["Ayer {P} llamó por la entrega en {TOWN}.", "{P} se hará cargo de la cuenta desde la semana que viene.",
               "Pedimos a {P} que revisara las cifras antes del consejo.", "La queja la presentó {P} tras la segunda caída.",
               "Según {P}, el envío nunca salió del almacén de {TOWN}."],
        pay=["Por favor, cargue la tarjeta {C} para la renovación.", "El reembolso irá a la tarjeta {C}, caducidad 09/27.", "El cobro a {C} ha fallado, ¿puedes reintentar?"],
        iban=["Por favor, abone la factura en {I}.", "Nuestra cuenta: {I}"],
        ip=["El acceso de {P} vino de {IP} a las 03:12."],
    ),
    "it": dict(
        hi="Ciao", regards=["Cordiali saluti,", "Un saluto,", "Grazie,", "A presto,"],
        wrote="ha scritto:", on="Il giorno", body=["grazie per il riscontro veloce, ho lasciato i commenti nella cartella condivisa.",
                                                   "potresti rimandarmi il contratto firmato? La scansione era vuota.",
                                                   "il workshop si sposta al pomeriggio, stessa sala dell'ultima volta."],
        roles=["Responsabile Acquisti", "Ufficio Personale", "Account Manager", "Segreteria di Direzione"],
        tel="Tel.", mob="Cell.:",
        chat=["puoi richiamare {P} al {PH}?", "{P} dice che il pacco va spedito in {A}",
              "ho detto a {P} che ci vediamo venerdì a {TOWN}", "{P} è in malattia oggi, il numero è {PH}"],
        hand=["Letto {n}: {P}, {DOB}, {MRN}. Seconda giornata post-operatoria, parametri stabili.",
              "Consegna {n}: {P} ({DOB}), {MRN}, ricoverato stanotte per dolore toracico, troponina in attesa.",
              "{MRN}: {P}, {DOB}. Familiare reperibile al {PH}. Lettera di dimissione da preparare."],
        keys=dict(name="nominativo", first="nome", last="cognome", street="indirizzo", zip="cap", city="comune", phone="telefono", email="email", dob="data_nascita"),
        csv=["nominativo;indirizzo;CAP;città;telefono", "cliente;via;cap;comune;cellulare"],
        form=["Nome e cognome: ", "Indirizzo: ", "Telefono: ", "Email: "],
        prose=["Ieri {P} ha chiamato per la consegna a {TOWN}.", "{P} seguirà il cliente dalla prossima settimana.",
               "Abbiamo chiesto a {P} di controllare i numeri prima del consiglio.", "Il reclamo è stato presentato da {P} dopo il secondo guasto.",
               "Secondo {P}, la spedizione non è mai partita dal magazzino di {TOWN}."],
        pay=["Si prega di addebitare la carta {C} per il rinnovo.", "Il rimborso andrà sulla carta {C}, scadenza 09/27.", "Addebito su {C} non riuscito, puoi riprovare?"],
        iban=["Si prega di versare l'importo su {I}.", "Il nostro conto: {I}"],
        ip=["L'accesso di {P} è arrivato da {IP} alle 03:12."],
    ),
    "nl": dict(
        hi="Hoi", regards=["Met vriendelijke groet,", "Groetjes,", "Hartelijke groet,", "Bedankt,"],
        wrote="schreef:", on="Op", body=["bedankt voor de snelle reactie, mijn opmerkingen staan in de gedeelde map.",
                                         "kun je het getekende contract nog eens sturen? De scan was leeg.",
                                         "de workshop schuift naar de middag, zelfde zaal als vorige keer."],
        roles=["Inkoper", "Accountmanager", "Medewerker HR", "Office manager"],
        tel="Tel.", mob="Mobiel:",
        chat=["kun jij {P} terugbellen op {PH}?", "{P} zegt dat het pakket naar {A} moet",
              "heb {P} gezegd dat we vrijdag in {TOWN} afspreken", "{P} is vandaag ziek, bereikbaar op {PH}"],
        hand=["Kamer {n}: {P}, {DOB}, {MRN}. Dag 2 na de operatie, controles stabiel.",
              "Overdracht {n}: {P} ({DOB}), {MRN}, vannacht opgenomen met pijn op de borst, troponine volgt.",
              "{MRN}: {P}, {DOB}. Contactpersoon familie {PH}. Ontslagbrief nog maken."],
        keys=dict(name="naam", first="voornaam", last="achternaam", street="straat", zip="postcode", city="woonplaats", phone="telefoon", email="e-mail", dob="geboortedatum"),
        csv=["naam;straat;postcode;plaats;telefoon", "klant;adres;postcode;woonplaats;tel"],
        form=["Naam: ", "Adres: ", "Telefoon: ", "E-mail: "],
        prose=["Gisteren belde {P} over de levering in {TOWN}.", "{P} neemt vanaf volgende week de klant over.",
               "We hebben {P} gevraagd de cijfers voor de vergadering na te kijken.", "De klacht is ingediend door {P} na de tweede storing.",
               "Volgens {P} heeft de zending het depot in {TOWN} nooit verlaten."],
        pay=["Wilt u de kaart {C} belasten voor de verlenging?", "De terugbetaling gaat naar kaart {C}, geldig tot 09/27.", "Afschrijving van {C} mislukt, kun je het opnieuw proberen?"],
        iban=["Graag het bedrag overmaken naar {I}.", "Ons rekeningnummer: {I}"],
        ip=["De login van {P} kwam om 03:12 van {IP}."],
    ),
}


def fill(t, lang, template, lower=False, values=None):
    """Writes `template` into t, replacing {P} {PH} {A} {TOWN} {DOB} {MRN} {C} {I} {IP} {n}."""
    import re
    for piece in re.split(r"(\{[A-Z]+\}|\{n\})", template):
        if piece == "{P}":
            t.parts(person_parts(lang, lower=lower))
        elif piece == "{PH}":
            t.v("PHONE_NUMBER", phone(lang))
        elif piece == "{A}":
            t.parts(address_parts(lang))
        elif piece == "{TOWN}":
            name = town(lang)
            t.v("LOCATION", name.lower() if lower and R.random() < 0.3 else name)
        elif piece == "{DOB}":
            t.s(pick(DOB_LABELS[lang])).v("DATE_OF_BIRTH", date_value(lang))
        elif piece == "{MRN}":
            t.s(pick(MRN_LABELS[lang])).v("MEDICAL_RECORD_NUMBER", mrn())
        elif piece == "{C}":
            t.v("CREDIT_CARD", card())
        elif piece == "{I}":
            t.v("IBAN_CODE", iban(lang))
        elif piece == "{IP}":
            t.v("IP_ADDRESS", ipv4())
        elif piece == "{n}":
            t.s(str(R.randint(1, 40)))
        else:
            t.s(piece)


def email_thread(lang):
    w = W[lang]
    t = T()
    sender_first = first(lang)
    t.s(w["hi"] + " ").v("PERSON", sender_first).s(",\n\n" + pick(w["body"]) + "\n\n" + pick(w["regards"]) + "\n")
    t.parts(person_parts(lang)).s("\n" + pick(w["roles"]) + "\n")
    if R.random() < 0.6:
        t.parts(address_parts(lang, sep="\n" if R.random() < 0.5 else ", ")).s("\n")
    t.s(pick([w["tel"], w["mob"]]) + " ").v("PHONE_NUMBER", phone(lang)).s("\n")
    if R.random() < 0.5:
        t.v("EMAIL_ADDRESS", email(lang)).s("\n")
    if R.random() < 0.5:
        t.s(f"\n{w['on']} {R.randint(1, 28)}.{R.randint(1, 12)}.2024 10:{R.randint(10, 59)}, ")
        nm = full(lang)
        t.v("PERSON", nm).s(" <").v("EMAIL_ADDRESS", email(lang, nm)).s("> " + w["wrote"] + "\n> " + pick(w["body"]))
    return t


def chat(lang):
    w = W[lang]
    t = T()
    handles = ["mk", "j.b", "sam_ops", "lea", "tom.w", "support-bot"]
    h = R.randint(8, 17)
    for i in range(R.randint(2, 3)):
        t.s(f"[{h:02d}:{R.randint(10, 59)}] {pick(handles)}: ")
        fill(t, lang, pick(w["chat"]), lower=True)
        t.s("\n")
    return t


def handover(lang):
    t = T()
    fill(t, lang, pick(W[lang]["hand"]))
    if R.random() < 0.4:
        t.s("\n")
        fill(t, lang, pick(W[lang]["hand"]))
    return t


def crm_json(lang):
    k = W[lang]["keys"]
    t = T()
    t.s("{")
    if R.random() < 0.5:
        t.s(f'"{k["first"]}": "').v("PERSON", first(lang)).s(f'", "{k["last"]}": "').v("PERSON", last(lang)).s('"')
    else:
        t.s(f'"{k["name"]}": "').v("PERSON", full(lang)).s('"')
    a = address_parts(lang)
    if R.random() < 0.6:
        st, pc, tw = [p for p in a if not isinstance(p, str)][:3]
        if lang == "en":
            st, tw, pc = [p for p in a if not isinstance(p, str)][:3]
        t.s(f', "{k["street"]}": "').v(*st).s(f'", "{k["zip"]}": "').v(*pc).s(f'", "{k["city"]}": "').v(*tw).s('"')
    t.s(f', "{k["phone"]}": "').v("PHONE_NUMBER", phone(lang)).s('"')
    if R.random() < 0.5:
        t.s(f', "{k["email"]}": "').v("EMAIL_ADDRESS", email(lang)).s('"')
    if R.random() < 0.4:
        t.s(f', "{k["dob"]}": "').v("DATE_OF_BIRTH", date_value(lang)).s('"')
    t.s(f', "id": {R.randint(1000, 99999)}, "status": "{pick(["active", "lead", "closed"])}"' + "}")
    return t


def csv_rows(lang):
    t = T()
    t.s(pick(W[lang]["csv"]) + "\n")
    for _ in range(R.randint(1, 3)):
        a = [p for p in address_parts(lang) if not isinstance(p, str)]
        if lang == "en":
            st, tw, pc = a[0], a[1], a[-1]
        else:
            st, pc, tw = a[:3]
        sep = ";"
        t.v("PERSON", full(lang)).s(sep).v(*st).s(sep).v(*pc).s(sep).v(*tw).s(sep).v("PHONE_NUMBER", phone(lang)).s("\n")
    return t


def form(lang):
    f = W[lang]["form"]
    t = T()
    t.s(f[0]).parts(person_parts(lang)).s("\n" + f[1]).parts(address_parts(lang)).s("\n" + f[2]).v("PHONE_NUMBER", phone(lang))
    if R.random() < 0.6:
        t.s("\n" + f[3]).v("EMAIL_ADDRESS", email(lang))
    if R.random() < 0.4:
        t.s("\n")
        fill(t, lang, "{DOB}")
    return t


def prose(lang):
    t = T()
    fill(t, lang, pick(W[lang]["prose"]))
    if R.random() < 0.5:
        t.s(" ")
        fill(t, lang, pick(W[lang]["prose"]))
    return t


def payment(lang):
    t = T()
    fill(t, lang, pick(W[lang]["pay"]))
    if R.random() < 0.5:
        t.s(" ")
        fill(t, lang, pick(W[lang]["prose"]))
    return t


def banking(lang):
    t = T()
    fill(t, lang, pick(W[lang]["iban"] + W[lang]["ip"]))
    return t


KINDS = [(email_thread, 5), (chat, 4), (handover, 5), (crm_json, 4), (csv_rows, 3), (form, 4), (prose, 5),
         (payment, 3), (banking, 2)]


# ---------------------------------------------------------------- harmless texts
PRODUCTS = ["Nimbus Sync", "Orion Board", "Atlas Gateway", "Harbor CLI", "Juniper Notes", "Falcon Reports",
            "Aurora Desk", "Beacon Pay", "Summit Planner", "Vega Studio", "Cobalt Vault", "Maple Sheets",
            "Polaris Insights", "Tundra Backup", "Quartz Editor"]
FEATURES = ["Dark Mode", "Smart Filters", "Quick Export", "Audit Trail", "Offline Sync", "Bulk Import",
            "Single Sign-On", "Team Spaces", "Live Preview", "Usage Alerts"]
COMPANIES = ["Northwind Logistics", "Brightline Energy", "Kestrel Foods", "Solvay Chemicals", "Helix Biotech",
             "Meridian Rail", "Bluewave Telecom", "Castor Mobility", "Alpine Dairy Group", "Redstone Mining"]
TEAMS = ["Platform", "Growth", "Payments", "Data", "Mobile", "Infra", "Design", "Support", "Security", "QA"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
}
HARMLESS = {
    "en": ["Release {V}: {F} is now on by default in {PR}, and {PR} exports twice as fast.",
           "Meeting notes ({WD}): Team {TEAM} presented the {MO} roadmap; {PR} migration slips to Q3.",
           "{CO} reported a 4.2 % rise in quarterly revenue and will open a new plant in {MO}.",
           "Whisk 200 g of flour with two eggs, add 300 ml of milk and rest the batter for 30 minutes.",
           "Known issue: {F} may freeze when more than 500 rows are selected; fixed in {V}.",
           "Action items: Platform to draft the SLA, Payments to review {PR} pricing before {WD}.",
           "The trail climbs through beech forest to a ridge with views over three valleys; allow five hours.",
           "Sunrise over the harbour is best seen from the old lighthouse; the ferry leaves every hour in {MO}.",
           "Shareholders of {CO} approved the merger at the annual meeting on {WD}.",
           "Roast the vegetables at 200 °C for 25 minutes, then stir in the pesto and serve warm.",
           "Sprint review moved to {WD}; Design will demo the new {F} flow in {PR}.",
           "Please summarise the attached {MO} report on {PR} adoption in three bullet points."],
    "de": ["Version {V}: {F} ist in {PR} jetzt standardmäßig aktiv, der Export läuft doppelt so schnell.",
           "Protokoll ({WD}): Team {TEAM} stellte die Roadmap für {MO} vor; die Migration auf {PR} verschiebt sich.",
           "{CO} meldet ein Umsatzplus von 4,2 % und eröffnet im {MO} ein neues Werk.",
           "200 g Mehl mit zwei Eiern verquirlen, 300 ml Milch zugeben und den Teig 30 Minuten ruhen lassen.",
           "Bekanntes Problem: {F} kann bei mehr als 500 markierten Zeilen hängen; behoben in {V}.",
           "Aufgaben: Platform entwirft das SLA, Payments prüft bis {WD} die Preise von {PR}.",
           "Der Weg steigt durch Buchenwald zu einem Grat mit Blick über drei Täler; fünf Stunden einplanen.",
           "Den Sonnenaufgang über dem Hafen sieht man am besten vom alten Leuchtturm; die Fähre fährt im {MO} stündlich.",
           "Die Aktionäre von {CO} stimmten der Fusion am {WD} auf der Hauptversammlung zu.",
           "Das Gemüse bei 200 °C 25 Minuten rösten, dann das Pesto unterrühren und warm servieren.",
           "Das Sprint-Review ist auf {WD} verschoben; Design zeigt den neuen {F}-Ablauf in {PR}.",
           "Fasse den beigefügten Bericht vom {MO} zur Nutzung von {PR} in drei Punkten zusammen."],
    "fr": ["Version {V} : {F} est activé par défaut dans {PR}, et l'export est deux fois plus rapide.",
           "Compte rendu ({WD}) : l'équipe {TEAM} a présenté la feuille de route de {MO} ; la migration vers {PR} glisse au T3.",
           "{CO} annonce une hausse de 4,2 % de son chiffre d'affaires et ouvrira une usine en {MO}.",
           "Fouetter 200 g de farine avec deux œufs, ajouter 30 cl de lait et laisser reposer la pâte 30 minutes.",
           "Problème connu : {F} peut se figer au-delà de 500 lignes sélectionnées ; corrigé dans {V}.",
           "Actions : Platform rédige le SLA, Payments revoit les tarifs de {PR} avant {WD}.",
           "Le sentier monte à travers la hêtraie jusqu'à une crête dominant trois vallées ; comptez cinq heures.",
           "Le lever du soleil sur le port se voit le mieux depuis le vieux phare ; le bac part toutes les heures en {MO}.",
           "Les actionnaires de {CO} ont approuvé la fusion lors de l'assemblée de {WD}.",
           "Rôtir les légumes à 200 °C pendant 25 minutes, puis ajouter le pesto et servir tiède.",
           "La revue de sprint passe à {WD} ; Design présentera le nouveau parcours {F} dans {PR}.",
           "Résume en trois points le rapport de {MO} sur l'adoption de {PR}."],
    "es": ["Versión {V}: {F} viene activado por defecto en {PR} y la exportación es el doble de rápida.",
           "Acta ({WD}): el equipo {TEAM} presentó la hoja de ruta de {MO}; la migración a {PR} se retrasa al T3.",
           "{CO} registra un aumento del 4,2 % en ventas y abrirá una planta nueva en {MO}.",
           "Bate 200 g de harina con dos huevos, añade 300 ml de leche y deja reposar la masa 30 minutos.",
           "Problema conocido: {F} puede bloquearse con más de 500 filas seleccionadas; corregido en {V}.",
           "Tareas: Platform redacta el SLA y Payments revisa los precios de {PR} antes del {WD}.",
           "La senda sube por un hayedo hasta una cresta con vistas a tres valles; calcula cinco horas.",
           "El amanecer sobre el puerto se ve mejor desde el faro viejo; el ferry sale cada hora en {MO}.",
           "Los accionistas de {CO} aprobaron la fusión en la junta del {WD}.",
           "Asa las verduras a 200 °C durante 25 minutos, mezcla con el pesto y sirve templado.",
           "La revisión del sprint pasa al {WD}; Design enseñará el nuevo flujo de {F} en {PR}.",
           "Resume en tres puntos el informe de {MO} sobre la adopción de {PR}."],
    "it": ["Versione {V}: {F} è attivo di default in {PR} e l'esportazione è due volte più veloce.",
           "Verbale ({WD}): il team {TEAM} ha presentato la roadmap di {MO}; la migrazione a {PR} slitta al Q3.",
           "{CO} registra un aumento del 4,2 % del fatturato e aprirà un nuovo stabilimento a {MO}.",
           "Sbattere 200 g di farina con due uova, aggiungere 300 ml di latte e far riposare la pastella 30 minuti.",
           "Problema noto: {F} può bloccarsi con più di 500 righe selezionate; risolto in {V}.",
           "Azioni: Platform scrive lo SLA, Payments rivede i prezzi di {PR} entro {WD}.",
           "Il sentiero sale nella faggeta fino a un crinale con vista su tre valli; calcolate cinque ore.",
           "L'alba sul porto si vede meglio dal vecchio faro; il traghetto parte ogni ora a {MO}.",
           "Gli azionisti di {CO} hanno approvato la fusione nell'assemblea di {WD}.",
           "Arrostire le verdure a 200 °C per 25 minuti, poi unire il pesto e servire tiepido.",
           "La sprint review passa a {WD}; Design mostrerà il nuovo flusso {F} in {PR}.",
           "Riassumi in tre punti il report di {MO} sull'adozione di {PR}."],
    "nl": ["Versie {V}: {F} staat in {PR} nu standaard aan en exporteren gaat twee keer zo snel.",
           "Notulen ({WD}): team {TEAM} presenteerde de roadmap voor {MO}; de migratie naar {PR} schuift naar Q3.",
           "{CO} meldt 4,2 % meer omzet en opent in {MO} een nieuwe fabriek.",
           "Klop 200 g bloem met twee eieren, voeg 300 ml melk toe en laat het beslag 30 minuten rusten.",
           "Bekend probleem: {F} kan vastlopen bij meer dan 500 geselecteerde rijen; opgelost in {V}.",
           "Actiepunten: Platform schrijft de SLA, Payments bekijkt de prijzen van {PR} voor {WD}.",
           "Het pad klimt door beukenbos naar een kam met uitzicht over drie dalen; reken op vijf uur.",
           "De zonsopkomst boven de haven zie je het best vanaf de oude vuurtoren; de pont vaart in {MO} elk uur.",
           "De aandeelhouders van {CO} stemden op {WD} in met de fusie.",
           "Rooster de groenten 25 minuten op 200 °C, schep de pesto erdoor en serveer lauw.",
           "De sprintreview is verplaatst naar {WD}; Design laat de nieuwe {F}-flow in {PR} zien.",
           "Vat het bijgevoegde rapport van {MO} over het gebruik van {PR} samen in drie punten."],
}
LOGS = ["2024-03-05T14:22:07Z INFO worker-3 job {H} finished in 412 ms",
        "[2025-01-17 08:01:44] WARN cache miss ratio 0.37 on shard 12, commit {H}",
        "ERROR 2024-11-02 23:59:01 request {U} returned 503 after 3 retries",
        "deploy {V} ({H}) to eu-west-1 at 2024-06-30 02:15 UTC: ok",
        "fn parse(input: &str) -> Result<Config, Error> {{ let v = input.trim(); Ok(Config::from(v)) }}",
        "SELECT id, status FROM orders WHERE created_at > '2024-02-01' LIMIT 500;"]


def version():
    return pick([f"{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 99)}",
                 f"{R.randint(1, 9)}.{R.randint(0, 12)}.{R.randint(0, 40)}.{R.randint(100, 9999)}",
                 f"v{R.randint(1, 4)}.{R.randint(0, 20)}"])


def hexs(n):
    return "".join(pick("0123456789abcdef") for _ in range(n))


def uuid():
    return f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-{pick('89ab')}{hexs(3)}-{hexs(12)}"


def harmless(lang):
    out = []
    k = R.randint(1, 3)
    for _ in range(k):
        if R.random() < 0.15:
            tpl = pick(LOGS)
        else:
            tpl = pick(HARMLESS[lang])
        s = tpl
        for key, f in [("{V}", version), ("{PR}", lambda: pick(PRODUCTS)), ("{F}", lambda: pick(FEATURES)),
                       ("{CO}", lambda: pick(COMPANIES)), ("{TEAM}", lambda: pick(TEAMS)),
                       ("{WD}", lambda: pick(WEEKDAYS[lang])), ("{MO}", lambda: pick(MONTHS[lang])),
                       ("{H}", lambda: hexs(pick([7, 12, 40]))), ("{U}", uuid)]:
            while key in s:
                s = s.replace(key, f(), 1)
        s = s.replace("{{", "{").replace("}}", "}")
        out.append(s)
    return T().s(" ".join(out))


# ---------------------------------------------------------------- decoys
DECOY_WORDS = {
    "en": dict(order="Order", invoice="Invoice", track="Tracking number", shipped="shipped on", build="build",
               total="Total", part="Part no.", ref="Reference", port="listening on port", status="returned status",
               coords="Coordinates", isbn="ISBN", ean="EAN", batch="batch"),
    "de": dict(order="Bestellung", invoice="Rechnung", track="Sendungsnummer", shipped="versandt am", build="Build",
               total="Gesamtbetrag", part="Artikelnr.", ref="Vorgang", port="lauscht auf Port", status="lieferte Status",
               coords="Koordinaten", isbn="ISBN", ean="EAN", batch="Charge"),
    "fr": dict(order="Commande", invoice="Facture", track="Numéro de suivi", shipped="expédié le", build="build",
               total="Total", part="Réf. article", ref="Dossier", port="écoute sur le port", status="a renvoyé le statut",
               coords="Coordonnées", isbn="ISBN", ean="EAN", batch="lot"),
    "es": dict(order="Pedido", invoice="Factura", track="Número de seguimiento", shipped="enviado el", build="build",
               total="Total", part="Ref. artículo", ref="Expediente", port="escucha en el puerto", status="devolvió el estado",
               coords="Coordenadas", isbn="ISBN", ean="EAN", batch="lote"),
    "it": dict(order="Ordine", invoice="Fattura", track="Numero di tracking", shipped="spedito il", build="build",
               total="Totale", part="Cod. articolo", ref="Pratica", port="in ascolto sulla porta", status="ha restituito lo stato",
               coords="Coordinate", isbn="ISBN", ean="EAN", batch="lotto"),
    "nl": dict(order="Bestelling", invoice="Factuur", track="Trackingnummer", shipped="verzonden op", build="build",
               total="Totaal", part="Artikelnr.", ref="Dossier", port="luistert op poort", status="gaf status",
               coords="Coördinaten", isbn="ISBN", ean="EAN", batch="partij"),
}


def isbn13():
    d = "978" + "".join(str(R.randint(0, 9)) for _ in range(9))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
    d += str((10 - s % 10) % 10)
    return pick([d, f"{d[:3]}-{d[3]}-{d[4:8]}-{d[8:12]}-{d[12]}"])


def ean13():
    d = "".join(str(R.randint(0, 9)) for _ in range(12))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
    return d + str((10 - s % 10) % 10)


def decoy(lang):
    w = DECOY_WORDS[lang]
    dt = f"{R.randint(2019, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}"
    ts = f"{dt} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}" + pick(["", f":{R.randint(0, 59):02d}"])
    items = [
        f"{w['order']} {R.randint(100, 999)}-{R.randint(1000000, 9999999)}-{R.randint(1000000, 9999999)} {w['shipped']} {dt}.",
        f"{w['invoice']} INV-{R.randint(2019, 2026)}-{R.randint(10000, 999999)}, {w['total']} {R.randint(10, 9999)},{R.randint(0, 99):02d} EUR",
        f"{w['track']}: 1Z{hexs(6).upper()}{R.randint(1000000000, 9999999999)}",
        f"{w['track']} {R.randint(100000000000, 999999999999)}",
        f"{w['build']} {R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 99)}.{R.randint(100, 9999)} ({hexs(7)}) {ts}",
        f"commit {hexs(40)}",
        f"request-id {uuid()}",
        f"{w['total']}: {pick(['€', '$', '£', 'CHF '])}{R.randint(1, 99)}.{R.randint(100, 999)},{R.randint(0, 99):02d}",
        f"{w['isbn']} {isbn13()}",
        f"{w['ean']} {ean13()}",
        f"{w['coords']}: {R.uniform(36, 60):.5f}, {R.uniform(-9, 18):.5f}",
        f"nginx {w['port']} {R.choice([8080, 8443, 5432, 6379, 9200])}, {w['status']} {R.choice([200, 301, 404, 429, 502])}",
        f"{w['part']} {R.randint(100, 999)}-{R.randint(100, 999)}-{R.randint(1000, 9999)}",
        f"{w['part']} ({R.randint(10, 99)}) {R.randint(100, 999)} {R.randint(1000, 9999)}",
        f"{w['ref']} {R.randint(100000000, 999999999)}",
        f"{w['batch']} {R.randint(100000000, 999999999)} / {ts}",
        f"{ts} UTC {w['shipped']} {dt}",
        f"sha256:{hexs(64)}",
        f"{w['order']} #{R.randint(10000000, 99999999)} — {w['total']} {R.randint(10, 500)}.{R.randint(0, 99):02d} USD",
    ]
    k = R.randint(1, 3)
    return T().s(" ".join(R.sample(items, k)))


# ---------------------------------------------------------------- main
def main():
    rows = []
    kinds = [k for k, n in KINDS for _ in range(n)]
    for lang in LANGS:
        for _ in range(360):
            t = pick(kinds)(lang)
            rows.append({"lang": lang, "kind": "pii", "t": t})
        for _ in range(70):
            rows.append({"lang": lang, "kind": "harmless", "t": harmless(lang)})
        for _ in range(70):
            rows.append({"lang": lang, "kind": "decoy", "t": decoy(lang)})
    R.shuffle(rows)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            t = r["t"]
            text = t.text()
            b = text.encode()
            for e, s, e2 in t.spans:
                assert b[s:e2].decode(), (e, text)
            if r["kind"] == "pii":
                assert t.spans, text
            f.write(json.dumps({"lang": r["lang"], "kind": r["kind"], "text": text, "spans": t.spans},
                               ensure_ascii=False) + "\n")
    print(len(rows), "rows")


main()
