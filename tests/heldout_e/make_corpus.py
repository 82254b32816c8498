#!/usr/bin/env python3
"""Generates tests/heldout_e/corpus.jsonl: held-out corpus E for issue 12 (see README.md).

Values come from lists typed by hand in this file in the shape of other sources than
corpora B (Faker), C (mimesis) and D: names as they stand in Irish, Scottish, Austrian,
Swiss, Belgian and Luxembourgish registers and in Spain and Italy (Ticino), with Spanish
two-surname names, double-barrelled and particle surnames and initials; small towns and
hamlets of those countries with their street formats and postcodes; phone numbers that
the `phonenumbers` package (libphonenumber metadata) accepts for IE, GB, AT, CH, BE, LU,
ES, IT and NL, written in every national way and read out word by word. No fake-data
generator. Written before any tuning of the recognizers for it; deterministic.
"""
import json
import os
import random
import re
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import phonenumbers  # noqa: E402

if phonenumbers.__version__ != "9.0.43":
    sys.exit("make_corpus.py: needs phonenumbers 9.0.43, found " + phonenumbers.__version__)

R = random.Random(20261130 + 5)
LANGS = ["en", "de", "fr", "es", "it", "nl"]
PII_PER_LANG = 340
HARMLESS_PER_LANG = 90
DECOYS_PER_LANG = 70

# ---------------------------------------------------------------- people
# Per language: the registers it stands for. (given names, surnames)
GIVEN = {
    "en": ["Aoife", "Siobhán", "Niamh", "Saoirse", "Caoimhe", "Róisín", "Orla", "Gráinne",
           "Clodagh", "Eimear", "Sinéad", "Mairéad", "Cian", "Oisín", "Darragh", "Ciarán",
           "Pádraig", "Seán", "Eoin", "Donncha", "Cathal", "Fionn", "Tadhg", "Ruairí",
           "Colm", "Diarmuid", "Hamish", "Alasdair", "Eilidh", "Isla", "Mhairi",
           "Catriona", "Ruaridh", "Lachlan", "Kirsty", "Morag", "Fraser", "Calum", "Iain",
           "Ishbel", "Besart", "Agnieszka", "Tomasz", "Chidi", "Adaeze"],
    "de": ["Florian", "Lukas", "Matthias", "Andreas", "Reto", "Urs", "Beat", "Jürg", "Ueli",
           "Corsin", "Gian-Reto", "Mathis", "Korbinian", "Verena", "Regula", "Brigitte",
           "Ursina", "Seraina", "Madlaina", "Theres", "Annemarie", "Vreni", "Christa",
           "Leonie", "Romana", "Valentin", "Leopold", "Ferdinand", "Engelbert", "Gottfried",
           "Hannelore", "Waltraud", "Roswitha", "Arbnor", "Ardita", "Emre", "Zeynep",
           "Dragan", "Jelena"],
    "fr": ["Thibault", "Quentin", "Maxime", "Arnaud", "Jérôme", "Gauthier", "Benoît",
           "Cédric", "Grégoire", "Loïc", "Jean-Philippe", "Pierre-Yves", "Maëlle",
           "Coralie", "Séverine", "Aurélie", "Ophélie", "Laetitia", "Gaëlle", "Anaïs",
           "Bérénice", "Jocelyne", "Marie-Laure", "Anne-Sophie", "Fernand", "Josiane",
           "Yassine", "Fatima-Zahra", "Mamadou", "Aminata", "João", "Letícia"],
    "es": ["Íñigo", "Aitor", "Xabier", "Jon", "Unai", "Joaquín", "Rodrigo", "Borja",
           "Álvaro", "Gonzalo", "Itziar", "Nerea", "Ainhoa", "Begoña", "Montserrat",
           "Rocío", "Macarena", "Almudena", "Amaia", "Leire", "Maite", "José Ramón",
           "María Jesús", "Juan Pablo", "Mari Carmen", "Oriol", "Jordi", "Núria",
           "Meritxell", "Youssef", "Ioana", "Mihai"],
    "it": ["Gianluca", "Pierluigi", "Massimiliano", "Ottavio", "Raffaele", "Nicolò",
           "Tiziano", "Edoardo", "Ilaria", "Benedetta", "Ludovica", "Ginevra", "Costanza",
           "Tiziana", "Donatella", "Mariangela", "Loredana", "Gianmarco", "Piergiorgio",
           "Annunziata", "Carmela", "Orazio", "Sebastiano", "Rosalba", "Arjola", "Elton",
           "Ion", "Mirela"],
    "nl": ["Wout", "Jef", "Pieter-Jan", "Bram", "Stijn", "Jelle", "Koen", "Wannes", "Joris",
           "Tuur", "Lotte", "Fien", "Elke", "Griet", "Annelies", "Hanne", "Lien", "Marieke",
           "Nele", "Veerle", "Sander", "Roel", "Femke", "Ilse", "Hatice", "Mustafa",
           "Bilal", "Soufiane", "Dewi", "Rutger"],
}
SURNAMES = {
    "en": ["Ó Súilleabháin", "O'Sullivan", "Mac Giolla Phádraig", "Ní Bhriain",
           "Nic Dhonnchadha", "McGillicuddy", "Fitzgerald", "Kavanagh", "Ó Briain",
           "Breathnach", "Mac Carthaigh", "Doherty", "Gallagher", "Dunne", "Cullinane",
           "Moriarty", "Keane", "O'Donoghue", "Ní Mhurchú", "MacLeod", "Mackenzie",
           "Urquhart", "Farquharson", "MacGillivray", "Drummond", "Sinclair", "Buchanan",
           "Menzies", "Dalrymple", "Cruickshank", "Ogilvie", "MacAulay", "Gunn", "Strachan",
           "Guthrie", "Lamont", "Douglas-Hamilton", "Stirling-Maxwell", "Home-Drummond",
           "Krasniqi", "Wiśniewska", "Okonkwo", "Nwachukwu"],
    "de": ["Huber", "Gruber", "Pichler", "Moser", "Steiner", "Hofer", "Leitner", "Wimmer",
           "Egger", "Brandstätter", "Oberhuber", "Bachmann", "Brunner", "Zürcher",
           "Baumgartner", "Aebischer", "Tschanz", "Gasser", "Zbinden", "Jaggi", "Stucki",
           "Wüthrich", "Grob", "Caduff", "Casutt", "Derungs", "Frischknecht", "Schnyder",
           "Imboden", "Hug-Bachmann", "Meier-Zürcher", "Stöckli-Wyss", "Berger-Egli",
           "von Arx", "von Gunten", "von Känel", "Haslinger", "Pölzl", "Krasniqi",
           "Berisha", "Yıldırım", "Petrović"],
    "fr": ["Lambert", "Lejeune", "Renard", "Mertens", "Leclercq", "Goffin", "Collignon",
           "Hennebert", "Jadot", "Wauters", "Detry", "Schmit", "Kieffer", "Thill",
           "Reuter", "Schroeder", "Rochat", "Favre", "Cuénod", "Chappuis", "Berthoud",
           "Jaccard", "Golay", "Perrenoud", "Pittet", "de Meeûs", "de Lannoy", "d'Ursel",
           "de Ribaucourt", "Dubois-Gérard", "El Amrani", "Bouzid", "Diallo", "Traoré",
           "da Silva", "Pereira"],
    "es": ["Etxeberria", "Urrutia", "Arrizabalaga", "Zubizarreta", "Olazábal", "Garmendia",
           "Iturriaga", "Fernández", "Sáez", "Gallardo", "Ibáñez", "Montero", "Carrasco",
           "Pascual", "Calvo", "Vidal", "Soler", "Puig", "Ferrer", "Rovira", "de la Torre",
           "del Pino", "Martín-Artajo", "Ruiz de Azúa", "Núñez", "Quintana", "Aguirre",
           "Popescu", "El Idrissi"],
    "it": ["Bernasconi", "Cattaneo", "Pedrazzini", "Rusconi", "Lurati", "Soldati",
           "Balestra", "Gianella", "Mondada", "Quadri", "Esposito", "Ferraro", "Lombardi",
           "Caruso", "De Santis", "Lo Bianco", "Dell'Acqua", "D'Alessandro", "Pellegrini",
           "Sartori", "Tedesco", "Marchetti", "Fontana", "La Rosa", "Di Stefano",
           "Hoxha", "Dumitrescu"],
    "nl": ["Vermeulen", "Claes", "Goossens", "Wouters", "De Smet", "Van Damme",
           "Vandenbroucke", "Verstraeten", "Maes", "Janssens", "Peeters", "Vanhoutte",
           "De Backer", "Van Acker", "Verbruggen", "Van den Bossche", "D'Hondt",
           "Van de Velde", "Callewaert", "Desmet", "van der Linden", "ter Haar",
           "Hoekstra", "Dijkstra", "Bakker-Visser", "Yılmaz", "El Khattabi", "Tahiri"],
}
TITLES = {
    "en": ["Dr", "Dr.", "Mr", "Ms", "Mrs", "Prof.", "Sr."],
    "de": ["Dr.", "Herr", "Frau", "Mag.", "DI", "Dr. med.", "Prof."],
    "fr": ["M.", "Mme", "Dr", "Me", "Pr"],
    "es": ["D.", "Dña.", "Sr.", "Sra.", "Dr.", "Dra."],
    "it": ["Sig.", "Sig.ra", "Dott.", "Dott.ssa", "Avv.", "Ing."],
    "nl": ["dhr.", "mevr.", "dr.", "Meester", "ir."],
}
DEGREES = ["MSc", "BA (Hons)", "PhD", "MBA", "FRCS", "MPH", "LL.M."]


def person(lang, shape=None):
    g = R.choice(GIVEN[lang])
    s = R.choice(SURNAMES[lang])
    shape = shape or R.choice(["full", "full", "full", "full", "two", "initials", "initial"])
    if lang == "es" and shape in ("full", "two"):
        s2 = R.choice(SURNAMES["es"])
        while s2 == s:
            s2 = R.choice(SURNAMES["es"])
        return f"{g} {s} {s2}" if R.random() < 0.7 else f"{g} {s} y {s2}"
    if shape == "two":
        g2 = R.choice(GIVEN[lang])
        while g2 == g:
            g2 = R.choice(GIVEN[lang])
        return f"{g} {g2} {s}"
    if shape == "initials":
        return f"{g[0]}. {R.choice(GIVEN[lang])[0]}. {s}"
    if shape == "initial":
        return f"{g[0]}. {s}"
    return f"{g} {s}"


def plain(s):
    """ASCII-ish e-mail local part of a name."""
    table = str.maketrans("áàâäãåçéèêëíìîïñóòôöõúùûüýÿßłśźżćńąęğışÁÉÍÓÚÖÜÇŁŚİ",
                          "aaaaaaceeeeiiiinooooouuuuyyslszzcnaegisAEIOUOUCLSI")
    return re.sub(r"[^a-z]", "", s.lower().translate(table))


def email_of(name):
    parts = [p for p in name.replace(".", "").split() if len(p) > 1 and p not in ("y",)]
    first, last = parts[0], parts[-1]
    dom = R.choice(["eircom.net", "gmx.at", "bluewin.ch", "skynet.be", "pt.lu", "telefonica.net",
                    "libero.it", "telenet.be", "outlook.com", "proton.me", "hotmail.ch"])
    style = R.randrange(4)
    if style == 0:
        return f"{plain(first)}.{plain(last)}@{dom}"
    if style == 1:
        return f"{plain(first)[0]}{plain(last)}@{dom}"
    if style == 2:
        return f"{plain(last)}.{plain(first)}{R.randrange(10, 99)}@{dom}"
    return f"{plain(first)}_{plain(last)}@{dom}"


# ---------------------------------------------------------------- places
# (country, town, postcode maker, street maker); streets are in the country's own format.
def pc_ie():
    letters = "ACDEFHKNPRTVWXY"
    return f"{R.choice('ADEFHKNPRTVWXY')}{R.randrange(10, 99)} {R.choice(letters)}{R.randrange(10)}{R.choice(letters)}{R.randrange(10)}"


def pc_scot(area):
    return f"{area}{R.randrange(1, 40)} {R.randrange(1, 10)}{R.choice('ABDEFGHJLNPQRSTUWXYZ')}{R.choice('ABDEFGHJLNPQRSTUWXYZ')}"


TOWNS = {
    "IE": ["Ballyjamesduff", "Kilkee", "Dingle", "Ennistymon", "Castletownbere",
           "Carrick-on-Shannon", "Abbeyleix", "Bantry", "Clonakilty", "Kinsale",
           "Lisdoonvarna", "Ballinasloe", "Cahersiveen", "Portumna", "Moate", "Kenmare",
           "Skibbereen", "Roundstone", "Ballyvaughan", "Mountshannon"],
    "SC": ["Tobermory", "Pitlochry", "Aberfeldy", "Ullapool", "Kirkcudbright", "Portree",
           "Crieff", "Dunkeld", "Lochinver", "Anstruther", "Kingussie", "Grantown-on-Spey",
           "Newtonmore", "Dornoch", "Lairg", "Ballater", "Braemar", "Auchtermuchty",
           "Kirriemuir", "Ecclefechan"],
    "AT": ["Hallstatt", "Zell am See", "Bad Aussee", "Mürzzuschlag", "Oberwart", "Gmünd",
           "Waidhofen an der Ybbs", "Bad Ischl", "Lienz", "Schärding", "Rattenberg",
           "Freistadt", "Mariazell", "Stainz", "Imst", "Bludenz", "Eferding", "Zwettl",
           "Hollabrunn", "Bad Radkersburg"],
    "CHD": ["Appenzell", "Stein am Rhein", "Sissach", "Langnau im Emmental", "Herisau",
            "Willisau", "Frutigen", "Meiringen", "Ilanz", "Scuol", "Sarnen", "Stans",
            "Andermatt", "Affoltern am Albis", "Huttwil", "Zofingen", "Lenzburg",
            "Disentis", "Einsiedeln", "Laufenburg"],
    "BEF": ["Durbuy", "Bouillon", "Malmedy", "Stavelot", "La Roche-en-Ardenne", "Chimay",
            "Bastogne", "Houffalize", "Rochefort", "Marche-en-Famenne", "Ciney", "Virton",
            "Jodoigne", "Thuin", "Florenville", "Gedinne"],
    "LU": ["Vianden", "Clervaux", "Echternach", "Wiltz", "Diekirch", "Ettelbruck",
           "Remich", "Grevenmacher", "Mersch", "Larochette", "Esch-sur-Sûre", "Beaufort"],
    "CHF": ["Gruyères", "Romont", "Avenches", "Porrentruy", "Delémont", "Moudon",
            "Sainte-Croix", "Le Locle", "Saignelégier", "Estavayer-le-Lac", "Orbe",
            "Payerne"],
    "ES": ["Cudillero", "Potes", "Frigiliana", "Alquézar", "Aínsa", "Cadaqués", "Besalú",
           "Morella", "Olite", "Hondarribia", "Lekeitio", "Getaria", "Zumaia", "Ujué",
           "Candelario", "Pedraza", "Almagro", "Mojácar", "Grazalema",
           "Zahara de la Sierra", "Sigüenza", "Llanes"],
    "CHI": ["Mendrisio", "Ascona", "Brissago", "Airolo", "Biasca", "Faido", "Morcote",
            "Gandria", "Riva San Vitale", "Cevio"],
    "IT": ["Castelmezzano", "Pienza", "Montalcino", "Sperlonga", "Scanno", "Tropea",
           "Vernazza", "Camogli", "Varenna", "Orta San Giulio", "Bobbio", "Anagni",
           "Sutri", "Gradara", "Spello", "Atrani"],
    "BEN": ["Damme", "Diksmuide", "Poperinge", "Veurne", "Geraardsbergen", "Oudenaarde",
            "Tielt", "Herentals", "Tongeren", "Bree", "Hoegaarden", "Zoutleeuw", "Maaseik",
            "Lo-Reninge", "Sint-Truiden", "Wervik", "Diest", "Borgloon"],
    "NL": ["Hindeloopen", "Sluis", "Thorn", "Bourtange", "Elburg", "Heusden", "Woudrichem",
           "Ootmarsum", "Vaals", "Sint-Oedenrode", "Oudewater", "Bronkhorst"],
}
REGIONS = {"en": ["IE", "SC"], "de": ["AT", "CHD"], "fr": ["BEF", "LU", "CHF"],
           "es": ["ES"], "it": ["CHI", "IT"], "nl": ["BEN", "NL"]}
PHONE_REGION = {"IE": "IE", "SC": "GB", "AT": "AT", "CHD": "CH", "BEF": "BE", "LU": "LU",
                "CHF": "CH", "ES": "ES", "CHI": "CH", "IT": "IT", "BEN": "BE", "NL": "NL"}
COUNTY = {"IE": ["Co. Cavan", "Co. Clare", "Co. Kerry", "Co. Cork", "Co. Galway", "Co. Leitrim"]}


def street(reg):
    n = R.randrange(1, 180)
    if reg == "IE":
        return R.choice([f"{n} Main Street", f"{n} Strand Road", f"{n} Chapel Street",
                         f"Apt {R.randrange(1, 20)}, {n} Bridge Street", f"{n} Fair Green",
                         f"{n} Sráid an Mhuilinn", f"{n} Cois Abhann"])
    if reg == "SC":
        return R.choice([f"{n} Kirk Wynd", f"{n} Harbour Brae", f"Flat 2/{R.randrange(1, 4)}, {n} Atholl Road",
                         f"{n} Seaview Terrace", f"{n} Mill Vennel", f"{n} Castle Street",
                         f"{n} Bridgend Crescent"])
    if reg == "AT":
        return R.choice([f"Hauptplatz {n}", f"Kirchengasse {n}/{R.randrange(1, 5)}/{R.randrange(1, 20)}",
                         f"Linzer Straße {n}", f"Am Marktplatz {n}", f"Salzburger Straße {n}a",
                         f"Feldweg {n}", f"Unterer Stadtplatz {n}"])
    if reg == "CHD":
        return R.choice([f"Bahnhofstrasse {n}", f"Dorfstrasse {n}a", f"Im Gässli {n}",
                         f"Hinterdorf {n}", f"Obere Gasse {n}", f"Rütiweg {n}",
                         f"Kirchrain {n}"])
    if reg in ("BEF",):
        return R.choice([f"Rue de la Station {n}", f"Chaussée de Namur {n} bte {R.randrange(1, 9)}",
                         f"Place du Marché {n}", f"Avenue des Tilleuls {n}/{R.randrange(1, 5)}",
                         f"Rue du Moulin {n}", f"Route de Bastogne {n}"])
    if reg == "LU":
        return R.choice([f"{n}, rue Principale", f"{n}, montée de la Pétrusse",
                         f"{n}, route d'Arlon", f"{n}, Grand-Rue", f"{n}, um Bierg"])
    if reg == "CHF":
        return R.choice([f"Chemin des Vignes {n}", f"Route de Lausanne {n}",
                         f"Rue du Bourg {n}", f"Ruelle des Moines {n}", f"Grand-Rue {n}"])
    if reg == "ES":
        return R.choice([f"Calle Mayor, {n}, {R.randrange(1, 6)}.º izda.", f"Plaza Mayor, {n}",
                         f"C/ San Juan {n}, bajo", f"Avenida de la Constitución {n}",
                         f"Kale Nagusia {n}", f"Carrer Major, {n}", f"Travesía del Sol {n}",
                         f"Camino de la Ermita, s/n"])
    if reg in ("CHI",):
        return R.choice([f"Via alla Chiesa {n}", f"Strada Regina {n}", f"Salita dei Frati {n}",
                         f"Via Cantonale {n}", f"Vicolo della Torre {n}"])
    if reg == "IT":
        return R.choice([f"Via Roma n. {n}/{R.choice('ABC')}", f"Piazza Garibaldi {n}",
                         f"Contrada Santa Lucia {n}", f"Vicolo Stretto {n}",
                         f"Via XX Settembre, {n}", f"Corso Umberto I {n}", f"Largo dei Mille {n}"])
    if reg == "BEN":
        return R.choice([f"Kerkstraat {n} bus {R.randrange(1, 9)}", f"Grote Markt {n}",
                         f"Stationsstraat {n}", f"Dorpsplein {n}", f"Molenweg {n}A",
                         f"Zuidzandstraat {n}", f"Sint-Jorisstraat {n}"])
    if reg == "NL":
        return R.choice([f"Kerkstraat {n}", f"Voorstraat {n}-{R.randrange(1, 4)}",
                         f"Hoogstraat {n}", f"Dijkweg {n}", f"Achter de Kerk {n}"])
    raise ValueError(reg)


def postcode(reg):
    if reg == "IE":
        return pc_ie()
    if reg == "SC":
        return pc_scot(R.choice(["PH", "IV", "DG", "KY", "AB", "PA"]))
    if reg == "AT":
        return R.choice(["", "A-"]) + str(R.randrange(1010, 9999))
    if reg in ("CHD", "CHF", "CHI"):
        return R.choice(["", "", "CH-"]) + str(R.randrange(1000, 9999))
    if reg in ("BEF", "BEN"):
        return R.choice(["", "", "B-"]) + str(R.randrange(1000, 9999))
    if reg == "LU":
        return f"L-{R.randrange(1000, 9999)}"
    if reg in ("ES", "IT"):
        return f"{R.randrange(1000, 99999):05d}"
    if reg == "NL":
        return f"{R.randrange(1000, 9999)} {R.choice('ABCDEGHJKLMNPRSTVWXZ')}{R.choice('ABCDEGHJKLMNPRSTVWXZ')}"
    raise ValueError(reg)


def address(reg, with_pc=True, sep=", "):
    """A list of segments: street, postcode, town (each a LOCATION span)."""
    town = R.choice(TOWNS[reg])
    st = street(reg)
    segs = [("LOCATION", st), (None, sep)]
    if reg == "IE":
        segs += [("LOCATION", town)]
        if R.random() < 0.5:
            segs += [(None, ", "), ("LOCATION", R.choice(COUNTY["IE"]))]
        if with_pc:
            segs += [(None, sep if sep != ", " else ", "), ("LOCATION", postcode(reg))]
        return segs
    if reg == "SC":
        segs += [("LOCATION", town)]
        if with_pc:
            segs += [(None, " " if sep == ", " else sep), ("LOCATION", postcode(reg))]
        return segs
    if with_pc:
        segs += [("LOCATION", postcode(reg)), (None, " ")]
    segs += [("LOCATION", town)]
    return segs


def town(lang):
    return R.choice(TOWNS[R.choice(REGIONS[lang])])


# ---------------------------------------------------------------- phones
PHONE_CACHE = {}


def valid_number(region, kind):
    t = phonenumbers.PhoneNumberType.MOBILE if kind == "m" else phonenumbers.PhoneNumberType.FIXED_LINE
    ex = phonenumbers.example_number_for_type(region, t)
    nsn = str(ex.national_number)
    for _ in range(500):
        keep = max(1, len(nsn) - 6)
        cand = nsn[:keep] + "".join(str(R.randrange(10)) for _ in range(len(nsn) - keep))
        n = phonenumbers.parse("+" + str(ex.country_code) + cand, None)
        if phonenumbers.is_valid_number(n) and phonenumbers.number_type(n) == t:
            return n
    return ex


WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "de": "null eins zwei drei vier fünf sechs sieben acht neun".split(),
    "fr": "zéro un deux trois quatre cinq six sept huit neuf".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
    "it": "zero uno due tre quattro cinque sei sette otto nove".split(),
    "nl": "nul een twee drie vier vijf zes zeven acht negen".split(),
}
PLUS = {"en": "plus", "de": "plus", "fr": "plus", "es": "más", "it": "più", "nl": "plus"}
DOUBLE = {"en": "double", "de": "doppel", "fr": "", "es": "", "it": "", "nl": ""}


def phone(reg, style=None):
    region = PHONE_REGION[reg]
    n = valid_number(region, R.choice("mmf"))
    nat = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    cc = str(n.country_code)
    nsn = phonenumbers.national_significant_number(n)
    trunk = "" if region == "IT" else "0"
    style = style or R.choice(["nat", "nat", "intl", "intl", "e164", "dots", "slash", "paren0",
                               "00", "compact", "dash"])
    if style == "intl":
        return intl
    if style == "e164":
        return e164
    if style == "nat":
        return nat
    if style == "dots":
        return nat.replace(" ", ".").replace("-", ".")
    if style == "dash":
        return nat.replace(" ", "-")
    if style == "slash" and region not in ("AT", "CH", "BE"):
        return nat  # a slash after the area code is an Austrian, Swiss and Belgian habit
    if style == "slash":
        first, _, rest = nat.partition(" ")
        return f"{first}/{rest}" if rest else nat
    if style == "paren0":
        rest = intl.split(" ", 1)[1]
        return f"+{cc} ({trunk or '0'}){rest}" if trunk else f"+{cc} {rest}"
    if style == "00":
        return "00" + intl[1:]
    if style == "compact":
        return re.sub(r"[^0-9]", "", nat)
    raise ValueError(style)


def spoken_phone(reg, lang):
    """A number read out word by word, as a voice transcript writes it."""
    region = PHONE_REGION[reg]
    n = valid_number(region, R.choice("mf"))
    cc = str(n.country_code)
    nsn = phonenumbers.national_significant_number(n)
    w = WORDS[lang]
    mode = R.randrange(4)
    if mode == 0:  # national, digit by digit
        digits = ("" if region == "IT" else "0") + nsn
        return " ".join(w[int(d)] for d in digits)
    if mode == 1:  # plus country code
        return f"{PLUS[lang]} {cc} " + " ".join(w[int(d)] for d in nsn)
    if mode == 2:  # zero zero country code
        return f"{w[0]} {w[0]} {' '.join(w[int(d)] for d in cc)} " + " ".join(w[int(d)] for d in nsn)
    # digits as numerals with spaces, in groups read out
    digits = ("" if region == "IT" else "0") + nsn
    return " ".join(digits)


# ---------------------------------------------------------------- dates, records, banking
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
}
if True:
    MONTHS["de"][0] = R.choice(["Januar", "Jänner"])  # Austria writes Jänner


def dob(lang):
    y, m, d = R.randrange(1932, 2008), R.randrange(1, 13), R.randrange(1, 29)
    style = R.randrange(5)
    if style == 0:
        return f"{d:02d}.{m:02d}.{y}" if lang in ("de",) else f"{d:02d}/{m:02d}/{y}"
    if style == 1:
        if lang == "en":
            return f"{d} {MONTHS['en'][m - 1]} {y}"
        if lang == "de":
            return f"{d}. {MONTHS['de'][m - 1]} {y}"
        if lang == "es":
            return f"{d} de {MONTHS['es'][m - 1]} de {y}"
        return f"{d} {MONTHS[lang][m - 1]} {y}"
    if style == 2:
        return f"{y}-{m:02d}-{d:02d}"
    if style == 3:
        return f"{d}.{m}.{y}" if lang in ("de", "nl") else f"{d}-{m:02d}-{y}"
    return f"{d:02d}.{m:02d}.{str(y)[2:]}" if lang == "de" else f"{d:02d}/{m:02d}/{y}"


def mrn():
    return R.choice([
        f"{R.randrange(10**6, 10**7)}", f"{R.randrange(10**7, 10**8)}",
        f"{R.randrange(10**8, 10**9)}", f"H{R.randrange(10**6, 10**7)}",
        f"{R.randrange(2015, 2026)}-{R.randrange(10**5, 10**6)}",
        f"MRN-{R.randrange(10**7, 10**8):08d}", f"{R.randrange(100, 999)} {R.randrange(100, 999)} {R.randrange(100, 999)}",
        f"PID{R.randrange(10**5, 10**6)}",
    ])


MRN_LABEL = {
    "en": ["MRN", "Hospital No.", "Patient ID", "Chart no."],
    "de": ["Pat.-Nr.", "Patientennummer", "PID", "Patienten-ID"],
    "fr": ["IPP", "N° dossier patient", "Dossier", "NIP"],
    "es": ["NHC", "Nº historia clínica", "Historia", "N.º de paciente"],
    "it": ["cartella clinica n.", "Codice paziente", "N. nosologico", "ID paziente"],
    "nl": ["Patiëntnummer", "Dossiernr.", "EPD-nr.", "Patiënt-ID"],
}
DOB_LABEL = {
    "en": ["DOB", "Date of birth", "D.O.B.", "born"],
    "de": ["geb.", "Geburtsdatum", "geboren am", "Geb.-Dat."],
    "fr": ["né(e) le", "Date de naissance", "DDN", "née le"],
    "es": ["F. nac.", "Fecha de nacimiento", "nacido el", "nacida el"],
    "it": ["nato il", "Data di nascita", "nata il", "DN"],
    "nl": ["geboren op", "Geboortedatum", "geb.", "Geb. datum"],
}
IBAN_SHAPE = {"BE": (12, ""), "AT": (16, ""), "CH": (17, ""), "LU": (16, ""), "IE": (14, "AIBK"),
              "ES": (20, ""), "IT": (22, "X"), "NL": (10, "RABO"), "GB": (14, "BOFS")}


def iban(country, grouped=True):
    n, prefix = IBAN_SHAPE[country]
    bban = prefix + "".join(str(R.randrange(10)) for _ in range(n))
    conv = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(conv) % 97
    s = f"{country}{check:02d}{bban}"
    if grouped:
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def luhn_complete(prefix, length):
    body = prefix + "".join(str(R.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def card():
    num = R.choice([luhn_complete("4", 16), luhn_complete(str(R.randrange(51, 56)), 16),
                    luhn_complete("37", 15), luhn_complete("6759", 16), luhn_complete("2223", 16)])
    if len(num) == 16 and R.random() < 0.6:
        return " ".join(num[i:i + 4] for i in range(0, 16, 4))
    return num


def ipv4():
    return f"{R.choice([81, 85, 91, 109, 178, 185, 194, 212])}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"


def ipv6():
    return f"2a02:{R.randrange(0x1000, 0xffff):x}:{R.randrange(0x10, 0xffff):x}::{R.randrange(1, 0xffff):x}"


# ---------------------------------------------------------------- assembly
def build(parts):
    """parts: list of str or (entity, str) or list of such. Returns (text, spans)."""
    text = b""
    spans = []

    def add(p):
        nonlocal text
        if isinstance(p, str):
            text += p.encode()
        elif isinstance(p, tuple):
            ent, val = p
            b = val.encode()
            if ent:
                spans.append([ent, len(text), len(text) + len(b)])
            text += b
        else:
            for q in p:
                add(q)

    for p in parts:
        add(p)
    return text.decode(), spans


def T(template, **vals):
    """Template with {key} slots; a slot's value is a str (plain), a (entity, str) tuple or a
    list of segments."""
    out = []
    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(template[pos:m.start()])
        out.append(vals[m.group(1)])
        pos = m.end()
    out.append(template[pos:])
    return out


def P(v):
    return ("PERSON", v)


def L(v):
    return ("LOCATION", v)


def PH(v):
    return ("PHONE_NUMBER", v)


def D(v):
    return ("DATE_OF_BIRTH", v)


def M(v):
    return ("MEDICAL_RECORD_NUMBER", v)


def E(v):
    return ("EMAIL_ADDRESS", v)


def flat(segs):
    return "".join(v for _, v in segs)


def reg_of(lang):
    return R.choice(REGIONS[lang])


def iban_country(reg):
    return {"IE": "IE", "SC": "GB", "AT": "AT", "CHD": "CH", "BEF": "BE", "LU": "LU", "CHF": "CH",
            "ES": "ES", "CHI": "CH", "IT": "IT", "BEN": "BE", "NL": "NL"}[reg]


# ---------------------------------------------------------------- PII text types
def t_email_thread(lang):
    reg = reg_of(lang)
    a, b = person(lang, "full"), person(lang, R.choice(["full", "two"]))
    first_a = a.split()[0]
    role = {"en": "Practice Manager", "de": "Sachbearbeiterin", "fr": "Gestionnaire de dossiers",
            "es": "Técnica de administración", "it": "Responsabile amministrativa",
            "nl": "Dossierbeheerder"}[lang]
    body = {
        "en": ("Hi {fa},\n\nThanks, the forms are attached. I moved house last month, so please use the new address.\n\nKind regards,\n{b}\n{addr}\nMob: {ph}\n\n"
               "On Tue, 4 Mar at 09:12, {a} <{ea}> wrote:\n> Could you send the signed forms back by Friday?\n> Regards, {a2}\n> " + role),
        "de": ("Hallo {fa},\n\nanbei die unterschriebenen Unterlagen. Ich bin letzten Monat umgezogen, bitte die neue Adresse verwenden.\n\nFreundliche Grüße\n{b}\n{addr}\nTel. {ph}\n\n"
               "Am 04.03. um 09:12 schrieb {a} <{ea}>:\n> Könnten Sie die Formulare bis Freitag zurückschicken?\n> Beste Grüße, {a2}\n> " + role),
        "fr": ("Bonjour {fa},\n\nVoici les documents signés. J'ai déménagé le mois dernier, merci d'utiliser la nouvelle adresse.\n\nCordialement,\n{b}\n{addr}\nGSM : {ph}\n\n"
               "Le mar. 4 mars à 09:12, {a} <{ea}> a écrit :\n> Pourriez-vous renvoyer les formulaires signés avant vendredi ?\n> Bien à vous, {a2}\n> " + role),
        "es": ("Hola {fa}:\n\nTe adjunto los formularios firmados. Me mudé el mes pasado, usa la dirección nueva, por favor.\n\nUn saludo,\n{b}\n{addr}\nMóvil: {ph}\n\n"
               "El mar, 4 mar a las 9:12, {a} (<{ea}>) escribió:\n> ¿Puedes devolver los formularios firmados antes del viernes?\n> Saludos, {a2}\n> " + role),
        "it": ("Ciao {fa},\n\nin allegato i moduli firmati. Mi sono trasferita il mese scorso, per favore usate il nuovo indirizzo.\n\nCordiali saluti,\n{b}\n{addr}\nCell. {ph}\n\n"
               "Il giorno mar 4 mar alle ore 09:12 {a} <{ea}> ha scritto:\n> Potrebbe rimandarci i moduli firmati entro venerdì?\n> Saluti, {a2}\n> " + role),
        "nl": ("Dag {fa},\n\nIn bijlage de ondertekende formulieren. Ik ben vorige maand verhuisd, gebruik aub het nieuwe adres.\n\nMet vriendelijke groeten,\n{b}\n{addr}\nGSM {ph}\n\n"
               "Op di 4 mrt om 09:12 schreef {a} <{ea}>:\n> Kunt u de getekende formulieren voor vrijdag terugsturen?\n> Groeten, {a2}\n> " + role),
    }[lang]
    return T(body, fa=P(first_a), b=P(b), addr=address(reg, sep="\n" if R.random() < 0.5 else ", "),
             ph=PH(phone(reg)), a=P(a), ea=E(email_of(a)), a2=P(a))


def t_discharge(lang):
    reg = reg_of(lang)
    pat, doc, gp = person(lang), person(lang, "full"), person(lang, R.choice(["full", "initial"]))
    t = R.choice(TITLES[lang][:3])
    body = {
        "en": "DISCHARGE SUMMARY\nPatient: {pat}   {dl}: {dob}   {ml}: {mrn}\nAddress: {addr}\nGP: Dr {gp}, {gtown}\nAdmitted with community-acquired pneumonia, treated with IV co-amoxiclav, discharged on oral antibiotics. Follow-up with {t} {doc} in 6 weeks. Next of kin contactable on {ph}.",
        "de": "ENTLASSUNGSBRIEF\nPatient/in: {pat}, {dl} {dob}, {ml} {mrn}\nWohnhaft: {addr}\nHausarzt: Dr. {gp}, {gtown}\nAufnahme wegen ambulant erworbener Pneumonie, i.v.-Antibiose, Entlassung mit oraler Therapie. Kontrolle bei {t} {doc} in 6 Wochen. Angehörige erreichbar unter {ph}.",
        "fr": "RÉSUMÉ DE SORTIE\nPatient(e) : {pat} – {dl} {dob} – {ml} {mrn}\nDomicile : {addr}\nMédecin traitant : Dr {gp}, {gtown}\nHospitalisé(e) pour pneumonie communautaire, antibiothérapie IV puis relais oral. Contrôle chez {t} {doc} dans 6 semaines. Famille joignable au {ph}.",
        "es": "INFORME DE ALTA\nPaciente: {pat}. {dl}: {dob}. {ml}: {mrn}\nDomicilio: {addr}\nMédico de cabecera: Dr. {gp}, {gtown}\nIngresa por neumonía adquirida en la comunidad; antibioterapia intravenosa y alta con tratamiento oral. Revisión con {t} {doc} en 6 semanas. Familiar de contacto: {ph}.",
        "it": "LETTERA DI DIMISSIONE\nPaziente: {pat}, {dl} {dob}, {ml} {mrn}\nResidenza: {addr}\nMedico curante: Dott. {gp}, {gtown}\nRicoverato per polmonite comunitaria, terapia antibiotica e.v., dimesso con terapia orale. Controllo con {t} {doc} tra 6 settimane. Familiare reperibile al {ph}.",
        "nl": "ONTSLAGBRIEF\nPatiënt: {pat}, {dl} {dob}, {ml} {mrn}\nAdres: {addr}\nHuisarts: dr. {gp}, {gtown}\nOpgenomen met een longontsteking, intraveneuze antibiotica, ontslagen met orale therapie. Controle bij {t} {doc} over 6 weken. Familie bereikbaar op {ph}.",
    }[lang]
    return T(body, pat=P(pat), dl=R.choice(DOB_LABEL[lang][:3]), dob=D(dob(lang)),
             ml=R.choice(MRN_LABEL[lang]), mrn=M(mrn()), addr=address(reg), gp=P(gp),
             gtown=L(town(lang)), t=t, doc=P(doc), ph=PH(phone(reg)))


def t_referral(lang):
    reg = reg_of(lang)
    pat, doc, sender = person(lang), person(lang, "full"), person(lang, R.choice(["full", "initials"]))
    deg = R.choice(DEGREES)
    body = {
        "en": "Dear Dr {doc},\n\nRe: {pat}, {dob} ({ml} {mrn})\n{addr}\n\nI would be grateful if you could see this lady, who has had intermittent chest pain on exertion for three months. ECG attached.\n\nYours sincerely,\n\n{s}, " + deg + "\nTel {ph}",
        "de": "Sehr geehrte Frau Dr. {doc},\n\nÜberweisung: {pat}, *{dob}, {ml} {mrn}\n{addr}\n\nich bitte um Mitbeurteilung der seit drei Monaten bestehenden belastungsabhängigen Thoraxschmerzen. EKG liegt bei.\n\nMit kollegialen Grüßen\n{s}\nTel. {ph}",
        "fr": "Chère Consœur, Dr {doc},\n\nJe vous adresse {pat}, née le {dob} ({ml} {mrn}), domiciliée {addr}, pour des douleurs thoraciques d'effort depuis trois mois. ECG joint.\n\nBien confraternellement,\n{s}\nTél. {ph}",
        "es": "Estimada Dra. {doc}:\n\nLe remito a {pat}, nacida el {dob} ({ml} {mrn}), con domicilio en {addr}, por dolor torácico de esfuerzo de tres meses de evolución. Se adjunta ECG.\n\nAtentamente,\n{s}\nTel. {ph}",
        "it": "Gentile Dott.ssa {doc},\n\nLe invio {pat}, nata il {dob} ({ml} {mrn}), residente in {addr}, per dolore toracico da sforzo da tre mesi. Si allega ECG.\n\nCordiali saluti,\n{s}\nTel. {ph}",
        "nl": "Geachte collega dr. {doc},\n\nGraag verwijs ik {pat}, geboren op {dob} ({ml} {mrn}), wonende {addr}, naar u door voor inspanningsgebonden pijn op de borst sinds drie maanden. ECG in bijlage.\n\nMet collegiale groet,\n{s}\nTel. {ph}",
    }[lang]
    return T(body, doc=P(doc), pat=P(pat), dob=D(dob(lang)), ml=R.choice(MRN_LABEL[lang]),
             mrn=M(mrn()), addr=address(reg), s=P(sender), ph=PH(phone(reg)))


def t_cv(lang):
    reg = reg_of(lang)
    name = person(lang, R.choice(["full", "two"]))
    heads = {
        "en": ("CURRICULUM VITAE", "Date of birth", "Place of birth", "Experience", "2019–present  Site engineer, Shannon Civil Works", "Referees: {ref}, {reft}"),
        "de": ("LEBENSLAUF", "Geburtsdatum", "Geburtsort", "Berufserfahrung", "2019–heute  Bauleiter, Alpenbau GmbH", "Referenzen: {ref}, {reft}"),
        "fr": ("CURRICULUM VITAE", "Date de naissance", "Lieu de naissance", "Expérience", "2019–auj.  Conducteur de travaux, Ardenne Construct SA", "Références : {ref}, {reft}"),
        "es": ("CURRÍCULUM VITAE", "Fecha de nacimiento", "Lugar de nacimiento", "Experiencia", "2019–actualidad  Jefe de obra, Construcciones Cantábrico S.L.", "Referencias: {ref}, {reft}"),
        "it": ("CURRICULUM VITAE", "Data di nascita", "Luogo di nascita", "Esperienza", "2019–oggi  Capocantiere, Edilticino SA", "Referenze: {ref}, {reft}"),
        "nl": ("CURRICULUM VITAE", "Geboortedatum", "Geboorteplaats", "Werkervaring", "2019–heden  Werfleider, Bouwbedrijf Kempen NV", "Referenties: {ref}, {reft}"),
    }[lang]
    tpl = (heads[0] + "\n\n{name}\n{addr}\n{ph} · {em}\n" + heads[1] + ": {dob}\n" + heads[2] +
           ": {pob}\n\n" + heads[3] + "\n" + heads[4] + "\n\n" + heads[5])
    return T(tpl, name=P(name), addr=address(reg), ph=PH(phone(reg)), em=E(email_of(name)),
             dob=D(dob(lang)), pob=L(town(lang)), ref=P(person(lang, "full")), reft=L(town(lang)))


def t_contract(lang):
    reg = reg_of(lang)
    a, b = person(lang, R.choice(["full", "two"])), person(lang, "full")
    ib = iban(iban_country(reg))
    tpl = {
        "en": "TENANCY AGREEMENT\n\nBETWEEN\n(1) {a}, of {addra} (the \"Landlord\"); and\n(2) {b}, born {dob}, of {addrb} (the \"Tenant\").\n\nRent is payable monthly to IBAN {ib}.\n\nSigned: ____________  {a2}",
        "de": "MIETVERTRAG\n\nzwischen\n{a}, wohnhaft {addra}\n– nachstehend Vermieter –\nund\n{b}, geb. {dob}, wohnhaft {addrb}\n– nachstehend Mieter –\n\nDie Miete ist monatlich auf IBAN {ib} zu überweisen.\n\nUnterschrift: ____________ {a2}",
        "fr": "CONTRAT DE BAIL\n\nENTRE\n{a}, domicilié(e) {addra}, ci-après « le bailleur »,\nET\n{b}, né(e) le {dob}, domicilié(e) {addrb}, ci-après « le preneur ».\n\nLe loyer est payable mensuellement sur le compte IBAN {ib}.\n\nFait en deux exemplaires. {a2}",
        "es": "CONTRATO DE ARRENDAMIENTO\n\nREUNIDOS\nDe una parte, {a}, con domicilio en {addra}, en adelante el ARRENDADOR.\nDe otra parte, {b}, nacido el {dob}, con domicilio en {addrb}, en adelante el ARRENDATARIO.\n\nLa renta se abonará mensualmente en la cuenta {ib}.\n\nFdo.: {a2}",
        "it": "CONTRATTO DI LOCAZIONE\n\ntra\n{a}, residente in {addra}, di seguito «locatore»,\ne\n{b}, nato il {dob}, residente in {addrb}, di seguito «conduttore».\n\nIl canone è versato mensilmente sull'IBAN {ib}.\n\nFirmato: {a2}",
        "nl": "HUUROVEREENKOMST\n\nTUSSEN\n{a}, wonende te {addra}, hierna „verhuurder”,\nEN\n{b}, geboren op {dob}, wonende te {addrb}, hierna „huurder”.\n\nDe huur wordt maandelijks betaald op rekening {ib}.\n\nGetekend: {a2}",
    }[lang]
    return T(tpl, a=P(a), addra=address(reg), b=P(b), dob=D(dob(lang)), addrb=address(reg_of(lang)),
             ib=("IBAN_CODE", ib), a2=P(a))


def t_forum(lang):
    reg = reg_of(lang)
    name = person(lang, "full")
    first = name.split()[0]
    tpl = {
        "en": "Re: Best vet near {t}?\n\nWe took our collie to the practice on {st} and they were brilliant. Ask for {v}, she's great with nervous dogs. If anyone wants a lift from {t2} I'm happy to help, text me on {ph}.\n\n-- {first}",
        "de": "Re: Guter Tierarzt in der Nähe von {t}?\n\nWir waren mit unserem Hund in der Praxis in der {st} und sehr zufrieden. Fragt nach {v}, die ist super mit ängstlichen Hunden. Wer aus {t2} eine Mitfahrgelegenheit braucht: {ph}.\n\nLG {first}",
        "fr": "Re: Un bon vétérinaire vers {t} ?\n\nOn a emmené notre chien au cabinet {st}, top. Demandez {v}, elle est géniale avec les chiens craintifs. Si quelqu'un de {t2} a besoin d'être conduit, SMS au {ph}.\n\n– {first}",
        "es": "Re: ¿Veterinario bueno cerca de {t}?\n\nLlevamos a nuestra perra a la clínica de {st} y genial. Preguntad por {v}, es muy buena con perros miedosos. Si alguien de {t2} necesita que le lleve, escribidme al {ph}.\n\nUn saludo, {first}",
        "it": "Re: Un buon veterinario vicino a {t}?\n\nAbbiamo portato il cane all'ambulatorio in {st} e ci siamo trovati benissimo. Chiedete di {v}, è bravissima con i cani paurosi. Se qualcuno da {t2} ha bisogno di un passaggio scrivetemi al {ph}.\n\nCiao, {first}",
        "nl": "Re: Goede dierenarts in de buurt van {t}?\n\nWe zijn met onze hond naar de praktijk in de {st} geweest, top. Vraag naar {v}, die is super met angstige honden. Wie vanuit {t2} een lift nodig heeft: {ph}.\n\nGroetjes, {first}",
    }[lang]
    return T(tpl, t=L(R.choice(TOWNS[reg])), st=L(street(reg)), v=P(person(lang, "full")),
             t2=L(R.choice(TOWNS[reg])), ph=PH(phone(reg)), first=P(first))


def ocr_break(text, spans, width):
    """Breaks lines as a scanner's OCR does: at spaces near `width`, sometimes hyphenating a
    long ordinary word. Keeps byte offsets of spans valid (a space becomes a newline; a
    hyphen inserted outside values shifts later spans)."""
    b = bytearray(text.encode())
    col = 0
    i = 0
    inside = lambda k: any(s <= k < e for _, s, e in spans)  # noqa: E731
    while i < len(b):
        if b[i] == 10:
            col = 0
        elif col >= width and b[i] == 32:
            b[i] = 10
            col = 0
            i += 1
            continue
        elif col >= width and 97 <= b[i] <= 122 and not inside(i) and i + 4 < len(b) and all(97 <= c <= 122 for c in b[i:i + 4]) and 97 <= b[i - 1] <= 122 and 97 <= b[i - 2] <= 122:
            b[i:i] = b"-\n"
            for sp in spans:
                if sp[1] >= i:
                    sp[1] += 2
                    sp[2] += 2
            col = 0
            i += 2
            continue
        col += 1
        i += 1
    return b.decode(), spans


def t_ocr(lang):
    reg = reg_of(lang)
    name = person(lang, R.choice(["full", "initial", "initials"]))
    tpl = {
        "en": "Revenue Commissioners\nNotice of assessment\n{name}\n{addr}\nDear taxpayer, our records show an underpayment for the year of assessment. Please contact the office on {ph} quoting your reference. Date of birth on file: {dob}.",
        "de": "Finanzamt\nEinkommensteuerbescheid\n{name}\n{addr}\nSehr geehrte Steuerpflichtige, laut unseren Unterlagen ergibt sich eine Nachzahlung für das Veranlagungsjahr. Rückfragen unter {ph}. Geburtsdatum laut Akte: {dob}.",
        "fr": "Administration des contributions\nAvertissement-extrait de rôle\n{name}\n{addr}\nMadame, Monsieur, nos données indiquent un supplément d'impôt pour l'exercice d'imposition. Renseignements au {ph}. Date de naissance enregistrée : {dob}.",
        "es": "Agencia Tributaria\nNotificación de liquidación\n{name}\n{addr}\nEstimado contribuyente, según nuestros registros existe una cantidad pendiente del ejercicio. Puede llamar al {ph}. Fecha de nacimiento registrada: {dob}.",
        "it": "Agenzia delle Entrate\nAvviso di accertamento\n{name}\n{addr}\nGentile contribuente, dai nostri archivi risulta un versamento insufficiente per il periodo d'imposta. Per informazioni chiamare il {ph}. Data di nascita in archivio: {dob}.",
        "nl": "FOD Financiën\nAanslagbiljet personenbelasting\n{name}\n{addr}\nGeachte belastingplichtige, volgens onze gegevens is er een bijbetaling voor het aanslagjaar. Inlichtingen op {ph}. Geboortedatum in het dossier: {dob}.",
    }[lang]
    text, spans = build(T(tpl, name=P(name), addr=address(reg, sep="\n"), ph=PH(phone(reg)), dob=D(dob(lang))))
    # OCR: line breaks at the width, hyphenated words, 0/O and l/1 confusions outside values.
    text, spans = ocr_break(text, spans, R.randrange(28, 46))
    return text, spans


def t_csv(lang, tsv=False):
    sep = "\t" if tsv else R.choice([";", ","])
    head = {
        "en": ["name", "street", "postcode", "town", "phone", "email"],
        "de": ["Name", "Strasse", "PLZ", "Ort", "Telefon", "E-Mail"],
        "fr": ["nom", "adresse", "code_postal", "localite", "telephone", "courriel"],
        "es": ["nombre", "direccion", "cp", "municipio", "telefono", "correo"],
        "it": ["nominativo", "indirizzo", "cap", "comune", "telefono", "email"],
        "nl": ["naam", "adres", "postcode", "gemeente", "telefoon", "e-mail"],
    }[lang]
    parts = [sep.join(head) + "\n"]
    for _ in range(R.randrange(2, 4)):
        reg = reg_of(lang)
        name = person(lang, R.choice(["full", "full", "two"]))
        st = street(reg)
        q = '"' if (sep == "," and "," in st) else ""
        parts += [P(name), sep, q, L(st), q, sep, L(postcode(reg)), sep, L(R.choice(TOWNS[reg])), sep,
                  PH(phone(reg)), sep, E(email_of(name)), "\n"]
    return parts


def t_vcard(lang):
    reg = reg_of(lang)
    g, s = R.choice(GIVEN[lang]), R.choice(SURNAMES[lang])
    st, pc, tw = street(reg), postcode(reg), R.choice(TOWNS[reg])
    cc = {"IE": "Ireland", "SC": "United Kingdom", "AT": "Austria", "CHD": "Switzerland", "BEF": "Belgium",
          "LU": "Luxembourg", "CHF": "Switzerland", "ES": "Spain", "CHI": "Switzerland", "IT": "Italy",
          "BEN": "Belgium", "NL": "Netherlands"}[reg]
    return ["BEGIN:VCARD\nVERSION:3.0\nN:", P(s), ";", P(g), ";;;\nFN:", P(f"{g} {s}"),
            "\nORG:Kellerei Rebstock AG\nTEL;TYPE=CELL:", PH(phone(reg, R.choice(["intl", "e164"]))),
            "\nTEL;TYPE=HOME:", PH(phone(reg, "nat")),
            "\nADR;TYPE=HOME:;;", L(st.replace(",", "\\,")), ";", L(tw), ";;", L(pc), ";", L(cc),
            "\nEMAIL:", E(email_of(f"{g} {s}")), "\nEND:VCARD"]


def t_ics(lang):
    reg = reg_of(lang)
    org, att = person(lang, "full"), person(lang, "full")
    summ = {"en": "Site visit", "de": "Besichtigung", "fr": "Visite du bien", "es": "Visita al piso",
            "it": "Sopralluogo", "nl": "Plaatsbezoek"}[lang]
    return ["BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:20261204T0930-7731@calendar\nDTSTART:20261204T093000Z\nSUMMARY:" + summ + "\nORGANIZER;CN=",
            P(org), ":mailto:", E(email_of(org)), "\nATTENDEE;CN=", P(att), ";ROLE=REQ-PARTICIPANT:mailto:",
            E(email_of(att)), "\nLOCATION:", address(reg), "\nDESCRIPTION:", {
                "en": "Ring ", "de": "Bitte anrufen: ", "fr": "Appeler le ", "es": "Llamar al ",
                "it": "Chiamare il ", "nl": "Bel "}[lang], PH(phone(reg)), "\nEND:VEVENT\nEND:VCALENDAR"]


def t_git(lang):
    a, b = person(lang, "full"), person(lang, "full")
    msg = {
        "en": "Fix rounding of VAT on credit notes", "de": "Rundung der MwSt. bei Gutschriften korrigieren",
        "fr": "Corrige l'arrondi de la TVA sur les avoirs", "es": "Corrige el redondeo del IVA en abonos",
        "it": "Corregge l'arrotondamento dell'IVA sulle note di credito", "nl": "Afronding btw op creditnota's hersteld",
    }[lang]
    h = "".join(R.choice("0123456789abcdef") for _ in range(40))
    return ["commit " + h + "\nAuthor: ", P(a), " <", E(email_of(a)), ">\nDate:   Thu Nov 26 14:03:51 2026 +0100\n\n    " + msg +
            "\n\n    Reported-by: ", P(b), "\n    Signed-off-by: ", P(a), " <", E(email_of(a)), ">\n"]


def t_logs(lang):
    reg = reg_of(lang)
    name = person(lang, "full")
    ip = R.choice([ipv4(), ipv6()])
    em = email_of(name)
    return ["2026-11-29T22:14:07.311Z INFO  auth: login ok user=\"", P(name), "\" email=", E(em), " src=", ("IP_ADDRESS", ip),
            "\n2026-11-29T22:14:09.002Z WARN  profile: address change for ", P(name), " to \"", address(reg), "\"\n"
            "2026-11-29T22:14:09.950Z INFO  sms: queued to=", PH(phone(reg, R.choice(["e164", "intl"]))), " tmpl=addr_changed\n"]


def t_yaml(lang):
    reg = reg_of(lang)
    name = person(lang, "full")
    owner = person(lang, "full")
    return ["service: billing-export\nversion: 3.12.0\nowner:\n  name: ", P(owner), "\n  email: ", E(email_of(owner)),
            "\noncall:\n  - name: ", P(name), "\n    phone: \"", PH(phone(reg, R.choice(["intl", "e164", "nat"]))),
            "\"\n    office: \"", L(street(reg)), ", ", L(R.choice(TOWNS[reg])), "\"\nretries: 3\ntimeout_ms: 2500\n"]


def t_json(lang):
    reg = reg_of(lang)
    name = person(lang, "full")
    g, s = name.split(" ", 1) if " " in name else (name, "")
    keys = {
        "en": ("firstName", "lastName", "mobile", "address", "town"),
        "de": ("vorname", "nachname", "handy", "adresse", "ort"),
        "fr": ("prenom", "nom", "portable", "adresse", "localite"),
        "es": ("nombre", "apellidos", "movil", "direccion", "localidad"),
        "it": ("nome", "cognome", "cellulare", "indirizzo", "comune"),
        "nl": ("voornaam", "achternaam", "gsm", "adres", "woonplaats"),
    }[lang]
    return ['{"config": {"tenant": "north-7", "contact": {"' + keys[0] + '": "', P(g), '", "' + keys[1] + '": "', P(s),
            '", "' + keys[2] + '": "', PH(phone(reg)), '", "' + keys[3] + '": "', L(street(reg)), '", "' + keys[4] + '": "',
            L(R.choice(TOWNS[reg])), '"}, "features": ["export", "sso"], "region": "eu-central-2"}}']


def t_voice(lang):
    reg = reg_of(lang)
    name = person(lang, "full").lower()
    st = street(reg).lower()
    tw = R.choice(TOWNS[reg]).lower()
    tpl = {
        "en": "agent: and can i take a number to call you back\ncaller: yeah it's {ph}\nagent: lovely and the name on the account\ncaller: {name} and i'm at {st} in {tw}",
        "de": "agent: unter welcher nummer kann ich sie zurückrufen\nanrufer: das ist die {ph}\nagent: danke und auf welchen namen läuft der vertrag\nanrufer: {name} ich wohne in der {st} in {tw}",
        "fr": "agent: à quel numéro puis-je vous rappeler\nappelant: c'est le {ph}\nagent: merci et le nom du titulaire\nappelant: {name} j'habite {st} à {tw}",
        "es": "agente: a qué número le devolvemos la llamada\nllamante: es el {ph}\nagente: gracias y el titular de la cuenta\nllamante: {name} vivo en {st} en {tw}",
        "it": "operatore: a che numero la posso richiamare\nchiamante: è il {ph}\noperatore: grazie e l'intestatario del contratto\nchiamante: {name} abito in {st} a {tw}",
        "nl": "agent: op welk nummer kan ik u terugbellen\nbeller: dat is {ph}\nagent: dank u en op wiens naam staat het contract\nbeller: {name} ik woon in de {st} in {tw}",
    }[lang]
    return T(tpl, ph=PH(spoken_phone(reg, lang)), name=P(name), st=L(st), tw=L(tw))


def t_nopc(lang):
    """Prose: a street then a town with no postcode between."""
    reg = reg_of(lang)
    name = person(lang)
    tpl = {
        "en": "The parcel for {name} was left with a neighbour at {st}, {tw} because nobody answered.",
        "de": "Das Paket für {name} wurde bei einem Nachbarn in der {st}, {tw} abgegeben, weil niemand öffnete.",
        "fr": "Le colis de {name} a été déposé chez un voisin au {st}, {tw}, personne n'ayant répondu.",
        "es": "El paquete de {name} se dejó a un vecino en {st}, {tw}, porque no contestó nadie.",
        "it": "Il pacco per {name} è stato lasciato a un vicino in {st}, {tw}, perché non rispondeva nessuno.",
        "nl": "Het pakket voor {name} is afgegeven bij een buur in de {st}, {tw}, omdat niemand opendeed.",
    }[lang]
    return T(tpl, name=P(name), st=L(street(reg)), tw=L(R.choice(TOWNS[reg])))


def t_birth_line(lang):
    """A German-style register card: birth asterisk at line start; other languages their own."""
    reg = reg_of(lang)
    name = person(lang, "full")
    if lang == "de":
        return ["", P(name), "\n*", D(dob("de")), " in ", L(R.choice(TOWNS[reg])), "\n", address(reg, sep="\n"),
                "\nTel.: ", PH(phone(reg)), "\n"]
    lab = R.choice(DOB_LABEL[lang])
    return [P(name), "\n", lab, " ", D(dob(lang)), " — ", L(R.choice(TOWNS[reg])), "\n", address(reg, sep="\n"),
            "\n", PH(phone(reg)), "\n"]


def t_card_pay(lang):
    name = person(lang, "full")
    tpl = {
        "en": "Please charge the deposit to my card {c}, name on card {name}, expiry 08/29.",
        "de": "Bitte die Anzahlung von meiner Karte {c} abbuchen, Karteninhaber {name}, gültig bis 08/29.",
        "fr": "Merci de débiter l'acompte sur ma carte {c}, titulaire {name}, expiration 08/29.",
        "es": "Cargad la señal en mi tarjeta {c}, titular {name}, caduca 08/29.",
        "it": "Addebitate la caparra sulla mia carta {c}, intestatario {name}, scadenza 08/29.",
        "nl": "Schrijf het voorschot af van mijn kaart {c}, kaarthouder {name}, geldig tot 08/29.",
    }[lang]
    return T(tpl, c=("CREDIT_CARD", card()), name=P(name))


PII_TYPES = [(t_email_thread, 3), (t_discharge, 3), (t_referral, 2), (t_cv, 2), (t_contract, 2),
             (t_forum, 2), (t_ocr, 2), (lambda l: t_csv(l), 1), (lambda l: t_csv(l, True), 1),
             (t_vcard, 2), (t_ics, 2), (t_git, 1), (t_logs, 2), (t_yaml, 1), (t_json, 2),
             (t_voice, 3), (t_nopc, 2), (t_birth_line, 2), (t_card_pay, 1)]


# ---------------------------------------------------------------- harmless texts
PRODUCTS = ["Helix Router", "Nimbus Desk", "Atlas Ledger", "Falcon Scanner", "Quartz Console",
            "Orca Backup", "Juniper Board", "Tundra Vault", "Sierra Pay", "Harbour CRM",
            "Beacon Insights", "Cobalt Sync", "Granite Store", "Ember Chat", "Meridian Planner",
            "Pinecone Notes", "Vortex Mixer", "Lumen Dock", "Saffron POS", "Kestrel Drive",
            "Marlowe Suite", "Hudson Hub", "Clara Assist", "Oscar Forms", "Victor Label",
            "Felix Timesheet", "Greta Scheduler", "Hugo Reports", "Ingrid Audit", "Ruby Invoicer",
            "Basil Recipes", "Otto Fleet", "Bruno Gateway", "Mila Tablet", "Leon Router",
            "Stella Monitor", "Nova Kiosk", "Iris Capture", "Milo Sensor", "Emil Pager",
            "Alpine Ledger", "Fjord Cloud", "Glacier Archive", "Delta Print", "Summit Analytics",
            "Tesla Coil Kit", "Boreal Mesh", "Canyon Share", "Prairie Books", "Magnolia HR"]
TEAMS = ["Team Aurora", "Team Basalt", "Squad Kiwi", "Platform Guild", "Payments Crew",
         "Team Hermes", "Team Ottilie", "Data Foundry", "Team Lindwurm", "Growth Pod 3",
         "Team Matterhorn", "Team Ardennes", "Team Connemara", "Team Sierra Nevada",
         "Team Dolomiti", "Team Zeeland"]
VENUES = ["Atrium Hall", "Glass Pavilion", "Room Edelweiss", "Salle Magritte", "Sala Velázquez",
          "Sala Caravaggio", "Zaal Rubens", "Boardroom 4B", "Harbour Lounge", "Campus Nord",
          "Innovation Lab East", "Studio Brel", "Saal Mozart", "Auditorium Joyce",
          "Café Central", "Hangar 11", "Dock 7 Warehouse", "Kiosk Bahnhof",
          "Building Lovelace", "Room Curie", "Sala Goya", "Salle Hergé", "Zaal Ensor",
          "Raum Klimt", "Room Turing", "Canteen West", "Showroom Süd", "Loft Merian"]
EVENTS = ["Oktoberfest", "Fête de la Musique", "Sanfermines", "Palio di Siena", "Gentse Feesten",
          "Hogmanay", "St Patrick's Day", "Sechseläuten", "Carnaval de Binche", "Schueberfouer",
          "Semana Santa", "Carnevale di Venezia", "Fasnacht", "Bloomsday"]
FOODS = ["Sachertorte", "Kaiserschmarrn", "Rösti", "Raclette", "Moules-frites", "Gaufre de Liège",
         "Judd mat Gaardebounen", "Crema catalana", "Pulpo a la gallega", "Risotto alla milanese",
         "Vitello tonnato", "Waterzooi", "Stoofvlees", "Colcannon", "Cullen Skink", "Cranachan",
         "Tarte Tatin", "Eggs Benedict", "Pizza Margherita", "Salade niçoise", "Spaghetti alla Carbonara"]
THINGS = ["Release Train 24.11", "Sprint 47", "Quarterly Business Review", "Single Sign-On",
          "Dark Mode", "Audit Trail", "Smart Filters", "Bulk Import", "Zero Trust", "Blue Team",
          "Red Team", "General Availability", "Early Access", "Black Friday", "Cyber Monday",
          "Happy Hour", "Open Day", "Town Hall", "All Hands", "Hackathon Spring"]


def amount():
    return R.choice([f"€ {R.randrange(10, 9999)},{R.randrange(100):02d}", f"CHF {R.randrange(10, 9999)}.{R.randrange(100):02d}",
                     f"£{R.randrange(10, 9999)}.{R.randrange(100):02d}", f"{R.randrange(10, 9999)},{R.randrange(100):02d} EUR"])


def ts():
    return f"2026-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d} {R.randrange(24):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}"


def ver():
    return R.choice([f"{R.randrange(1, 20)}.{R.randrange(30)}.{R.randrange(50)}",
                     f"v{R.randrange(1, 9)}.{R.randrange(20)}.{R.randrange(20)}.{R.randrange(900)}",
                     f"{R.randrange(2019, 2027)}.{R.randrange(1, 13)}.{R.randrange(1, 30)}"])


def sha(n=40):
    return "".join(R.choice("0123456789abcdef") for _ in range(n))


def nine():
    return str(R.randrange(10**8, 10**9))


HARMLESS = {
    "en": [
        "{prod} {ver} is out: {thing} now works with {prod2}, and exports finish in under a minute.",
        "Minutes: {team} will present the {thing} roadmap in {venue} on Thursday at 14:00. Budget {amt} approved.",
        "Invoice INV-{n6} for {amt} was paid on {date}; order {ord} shipped the next day.",
        "Build {bld} ({sha7}) passed at {ts}; {prod} artefacts uploaded, checksum {sha}.",
        "Reminder: {event} falls on a weekday this year, so {venue} closes early. {food} will be served.",
        "The {team} retro moved to {venue}. Topics: flaky tests in {prod}, {thing}, on-call rota for December.",
        "Batch {nine} processed {n3} records in {n2} s; next run {date} 02:00 UTC.",
        "Menu for the {event} dinner: {food}, then {food2}. Vegetarian option on request.",
        "Q3 revenue {amt}, up {n2} % on Q2; {prod} and {prod2} drove most of the growth.",
        "Reference {nine} closed. No further action needed for ticket {tkt}.",
    ],
    "de": [
        "{prod} {ver} ist erschienen: {thing} funktioniert jetzt mit {prod2}, Exporte dauern unter einer Minute.",
        "Protokoll: {team} stellt am Donnerstag um 14:00 im {venue} die {thing}-Roadmap vor. Budget {amt} freigegeben.",
        "Rechnung RE-{n6} über {amt} wurde am {date} bezahlt; Bestellung {ord} ging am nächsten Tag raus.",
        "Build {bld} ({sha7}) erfolgreich um {ts}; Artefakte von {prod} hochgeladen, Prüfsumme {sha}.",
        "Hinweis: Zum {event} schließt {venue} früher. Es gibt {food}.",
        "Die Retro von {team} findet im {venue} statt. Themen: wackelige Tests in {prod}, {thing}, Bereitschaftsplan Dezember.",
        "Charge {nine} hat {n3} Datensätze in {n2} s verarbeitet; nächster Lauf {date} 02:00 UTC.",
        "Menü zum {event}: {food}, danach {food2}. Vegetarisch auf Anfrage.",
        "Umsatz Q3 {amt}, plus {n2} % gegenüber Q2; vor allem {prod} und {prod2}.",
        "Vorgang {nine} abgeschlossen. Für Ticket {tkt} ist nichts mehr zu tun.",
    ],
    "fr": [
        "{prod} {ver} est disponible : {thing} fonctionne désormais avec {prod2} et les exports durent moins d'une minute.",
        "Compte rendu : {team} présentera la feuille de route {thing} en {venue} jeudi à 14h00. Budget {amt} validé.",
        "La facture FA-{n6} de {amt} a été réglée le {date} ; la commande {ord} est partie le lendemain.",
        "Build {bld} ({sha7}) réussi à {ts} ; artefacts de {prod} téléversés, somme de contrôle {sha}.",
        "Rappel : pour la {event}, {venue} ferme plus tôt. Au menu : {food}.",
        "La rétro de {team} a lieu en {venue}. Sujets : tests instables dans {prod}, {thing}, astreintes de décembre.",
        "Le lot {nine} a traité {n3} enregistrements en {n2} s ; prochaine exécution le {date} à 02:00 UTC.",
        "Menu du dîner {event} : {food}, puis {food2}. Option végétarienne sur demande.",
        "Chiffre d'affaires T3 {amt}, +{n2} % sur T2 ; {prod} et {prod2} en tête.",
        "Référence {nine} clôturée. Rien à faire de plus pour le ticket {tkt}.",
    ],
    "es": [
        "Ya está disponible {prod} {ver}: {thing} funciona con {prod2} y las exportaciones tardan menos de un minuto.",
        "Acta: {team} presentará la hoja de ruta de {thing} en la {venue} el jueves a las 14:00. Presupuesto de {amt} aprobado.",
        "La factura FV-{n6} por {amt} se pagó el {date}; el pedido {ord} salió al día siguiente.",
        "Build {bld} ({sha7}) correcto a las {ts}; artefactos de {prod} subidos, suma {sha}.",
        "Aviso: por {event} la {venue} cierra antes. Habrá {food}.",
        "La retro de {team} será en la {venue}. Temas: tests inestables en {prod}, {thing}, guardias de diciembre.",
        "El lote {nine} procesó {n3} registros en {n2} s; próxima ejecución el {date} a las 02:00 UTC.",
        "Menú de la cena de {event}: {food} y después {food2}. Opción vegetariana bajo petición.",
        "Facturación del T3 {amt}, un {n2} % más que en T2; sobre todo {prod} y {prod2}.",
        "Referencia {nine} cerrada. No hace falta nada más para la incidencia {tkt}.",
    ],
    "it": [
        "È uscito {prod} {ver}: {thing} ora funziona con {prod2} e le esportazioni durano meno di un minuto.",
        "Verbale: {team} presenterà la roadmap di {thing} in {venue} giovedì alle 14:00. Budget di {amt} approvato.",
        "La fattura FT-{n6} di {amt} è stata pagata il {date}; l'ordine {ord} è partito il giorno dopo.",
        "Build {bld} ({sha7}) riuscita alle {ts}; artefatti di {prod} caricati, checksum {sha}.",
        "Promemoria: per il {event} la {venue} chiude prima. Si servirà {food}.",
        "La retro di {team} si terrà in {venue}. Argomenti: test instabili in {prod}, {thing}, reperibilità di dicembre.",
        "Il lotto {nine} ha elaborato {n3} record in {n2} s; prossima esecuzione il {date} alle 02:00 UTC.",
        "Menù della cena per il {event}: {food}, poi {food2}. Opzione vegetariana su richiesta.",
        "Fatturato T3 {amt}, +{n2} % sul T2; trainato da {prod} e {prod2}.",
        "Riferimento {nine} chiuso. Nessuna altra azione per il ticket {tkt}.",
    ],
    "nl": [
        "{prod} {ver} is uit: {thing} werkt nu met {prod2} en exports duren minder dan een minuut.",
        "Verslag: {team} stelt donderdag om 14:00 in {venue} de roadmap voor {thing} voor. Budget {amt} goedgekeurd.",
        "Factuur F-{n6} van {amt} is betaald op {date}; bestelling {ord} ging de dag erna de deur uit.",
        "Build {bld} ({sha7}) geslaagd om {ts}; artefacten van {prod} geüpload, checksum {sha}.",
        "Herinnering: voor de {event} sluit {venue} vroeger. Er is {food}.",
        "De retro van {team} is in {venue}. Onderwerpen: wankele tests in {prod}, {thing}, wachtdiensten december.",
        "Batch {nine} verwerkte {n3} records in {n2} s; volgende run {date} 02:00 UTC.",
        "Menu voor het {event}-diner: {food}, daarna {food2}. Vegetarisch op aanvraag.",
        "Omzet Q3 {amt}, {n2} % meer dan Q2; vooral {prod} en {prod2}.",
        "Referentie {nine} afgesloten. Niets meer te doen voor ticket {tkt}.",
    ],
}


def harmless(lang):
    tpl = R.choice(HARMLESS[lang])
    p1, p2 = R.sample(PRODUCTS, 2)
    f1, f2 = R.sample(FOODS, 2)
    vals = dict(prod=p1, prod2=p2, ver=ver(), thing=R.choice(THINGS), team=R.choice(TEAMS),
                venue=R.choice(VENUES), amt=amount(), n6=str(R.randrange(10**5, 10**6)),
                date=f"{R.randrange(1, 29):02d}.{R.randrange(1, 13):02d}.2026" if lang in ("de", "nl") else f"2026-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}",
                ord=f"{R.randrange(100, 999)}-{R.randrange(10**6, 10**7)}-{R.randrange(10**6, 10**7)}",
                bld=f"#{R.randrange(1000, 99999)}", sha7=sha(7), ts=ts(), sha=sha(64), event=R.choice(EVENTS),
                food=f1, food2=f2, n3=str(R.randrange(100, 99999)), n2=str(R.randrange(2, 99)),
                nine=nine(), tkt=f"{R.choice(['OPS', 'BILL', 'SEC', 'WEB'])}-{R.randrange(100, 9999)}")
    return build(T(tpl, **vals))


# ---------------------------------------------------------------- decoys of new shapes
def container():
    owner = R.choice(["MSKU", "CMAU", "HLXU", "TGHU", "MSCU"])
    return f"{owner} {R.randrange(10**5, 10**6)}-{R.randrange(10)}"


DECOY_SHAPES = [
    lambda: f"air waybill 176-{R.randrange(10**7, 10**8)}",
    lambda: f"container {container()}",
    lambda: f"CVE-{R.randrange(2019, 2027)}-{R.randrange(1000, 49999)}",
    lambda: f"doi:10.{R.randrange(1000, 9999)}/{R.randrange(10**5, 10**6)}",
    lambda: f"pod api-{sha(9)}-{''.join(R.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(5))}",
    lambda: f"OID 1.3.6.1.4.1.{R.randrange(100, 60000)}.{R.randrange(1, 20)}.{R.randrange(1, 9)}",
    lambda: f"image sha256:{sha(64)}",
    lambda: f"build {R.randrange(2024, 2027)}{R.randrange(1, 13):02d}{R.randrange(1, 29):02d}.{R.randrange(1, 9)}",
    lambda: f"GTIN {R.randrange(10**13, 10**14)}",
    lambda: f"model SM-{R.choice('GANS')}{R.randrange(100, 999)}{R.choice('BFU')}",
    lambda: f"ISO {R.choice(['27001:2022', '9001:2015', '14001:2015', '8601-1:2019'])}",
    lambda: f"RAL {R.randrange(1000, 9999)}",
    lambda: f"range 10.{R.randrange(256)}.{R.randrange(256)}.0/{R.choice([16, 20, 24])}",
    lambda: f"T+{R.randrange(100):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}",
    lambda: f"page {R.randrange(10, 400)}–{R.randrange(400, 900)}",
    lambda: f"lot L{R.randrange(10**6, 10**7)}/{R.randrange(10, 99)}",
    lambda: f"seat {R.randrange(1, 60)}{R.choice('ABCDEF')}, flight {R.choice(['EI', 'LX', 'OS', 'SN', 'IB', 'AZ', 'KL'])} {R.randrange(100, 9999)}",
    lambda: f"QR-{R.randrange(10**9, 10**10)}",
    lambda: f"coords 47.{R.randrange(10**5, 10**6)}, 8.{R.randrange(10**5, 10**6)}",
    lambda: f"port {R.randrange(1024, 65535)}/tcp",
    lambda: f"score {R.randrange(0, 6)}:{R.randrange(0, 6)} ({R.randrange(0, 3)}:{R.randrange(0, 3)})",
    lambda: f"ISBN 0-{R.randrange(100, 999)}-{R.randrange(10000, 99999)}-{R.randrange(10)}",
    lambda: f"session {sha(8)}-{sha(4)}-{sha(4)}-{sha(4)}-{sha(12)}",
    lambda: f"ticket #{R.randrange(10**8, 10**9)}",
    lambda: f"chassis WVW{R.choice('ZZZ')}{R.randrange(10**5, 10**6)}{R.choice('ABCDEFGH')}{R.randrange(10**6, 10**7)}",
    lambda: f"meter {R.randrange(10**7, 10**8)} reading {R.randrange(1000, 99999)} kWh",
    lambda: f"parcel locker {R.randrange(100, 999)} code {R.randrange(100000, 999999)}",
    lambda: f"firmware {R.randrange(1, 9)}.{R.randrange(10)}.{R.randrange(10)}.{R.randrange(1000, 9999)}-r{R.randrange(10)}",
]
DECOY_FRAME = {
    "en": ["Checked {a} and {b} before the release.", "Log: {a}; {b}.", "Please quote {a} when you reply about {b}."],
    "de": ["Vor dem Release geprüft: {a} und {b}.", "Protokoll: {a}; {b}.", "Bitte {a} angeben, wenn Sie zu {b} antworten."],
    "fr": ["Vérifié avant la mise en production : {a} et {b}.", "Journal : {a} ; {b}.", "Merci de rappeler {a} pour toute question sur {b}."],
    "es": ["Revisado antes del despliegue: {a} y {b}.", "Registro: {a}; {b}.", "Indique {a} al responder sobre {b}."],
    "it": ["Controllati prima del rilascio: {a} e {b}.", "Log: {a}; {b}.", "Indicare {a} nella risposta su {b}."],
    "nl": ["Gecontroleerd voor de release: {a} en {b}.", "Log: {a}; {b}.", "Vermeld {a} als u antwoordt over {b}."],
}


def decoy(lang):
    a, b = R.sample(DECOY_SHAPES, 2)
    return build(T(R.choice(DECOY_FRAME[lang]), a=a(), b=b()))


# ---------------------------------------------------------------- main
def main():
    out = []
    for lang in LANGS:
        types = [f for f, w in PII_TYPES for _ in range(w)]
        for i in range(PII_PER_LANG):
            r = types[i % len(types)](lang)
            text, spans = r if isinstance(r, tuple) and len(r) == 2 and isinstance(r[0], str) else build(r)
            out.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
        for _ in range(HARMLESS_PER_LANG):
            text, spans = harmless(lang)
            out.append({"lang": lang, "kind": "harmless", "text": text, "spans": []})
        for _ in range(DECOYS_PER_LANG):
            text, _ = decoy(lang)
            out.append({"lang": lang, "kind": "decoy", "text": text, "spans": []})
    R.shuffle(out)
    for row in out:  # every span is where it says
        tb = row["text"].encode()
        for ent, s, e in row["spans"]:
            assert tb[s:e].decode().strip() == tb[s:e].decode() and e > s, (row, ent)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
