#!/usr/bin/env python3
"""Held-out corpus G for `ledgergate redact` (issue 12, point 5): see README.md.

Written before any tuning for G: before reading the recognizers' word lists and rules and
without reading the generators of corpora C, D, E or F. No fake-data generator: every name,
street, town and named thing below is typed by hand; phone numbers are drawn at random and
kept only when libphonenumber's metadata (PyPI `phonenumbers` 9.0.43) says they are valid.

Templates hold `{slot}`s; each slot's generator returns segments, plain strings or
(ENTITY, value) pairs, so every span's UTF-8 byte offsets are computed, never typed.
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
from phonenumbers import PhoneNumberFormat as PNF  # noqa: E402
from phonenumbers import PhoneNumberType as PNT  # noqa: E402

if phonenumbers.__version__ != "9.0.43":
    sys.exit("make_corpus.py needs phonenumbers 9.0.43 (see README.md)")

R = random.Random(20261130)
HERE = os.path.dirname(os.path.abspath(__file__))


def pick(xs):
    return xs[R.randrange(len(xs))]


# ---------------------------------------------------------------- people ----------
# Given names and surnames of EU residents, by origin; typed by hand.
ORIGINS = {
    "indian": (["Priya", "Arjun", "Ananya", "Rohan", "Kavitha", "Siddharth", "Lakshmi", "Vikram",
                "Deepika", "Harpreet", "Gurpreet", "Sanjay", "Meenakshi", "Aravind", "Nandini"],
               ["Raghunathan", "Venkatesan", "Chaudhary", "Iyer", "Banerjee", "Kulkarni",
                "Subramaniam", "Dhillon", "Bhattacharya", "Nair", "Reddy", "Malhotra"]),
    "chinese": (["Xiaoming", "Jiahui", "Yuxin", "Haoran", "Zihan", "Meiling", "Wenjie", "Shuang",
                 "Qiang", "Yifan", "Ruoxi", "Zhenyu"],
                ["Zhang", "Wang", "Liu", "Chen", "Huang", "Zhou", "Xu", "Sun", "Ma", "Zhu",
                 "Guo", "Lin"]),
    "nigerian": (["Chukwuemeka", "Ngozi", "Oluwaseun", "Adaeze", "Babatunde", "Funmilayo", "Ifeanyi",
                  "Temitope", "Chiamaka", "Obinna", "Yetunde", "Emeka"],
                 ["Okonkwo", "Adeyemi", "Eze", "Obi", "Nwosu", "Balogun", "Okafor", "Adebayo",
                  "Ogunleye", "Chukwu", "Oyelaran", "Nnamdi"]),
    "arabic": (["Youssef", "Layla", "Omar", "Nour", "Karim", "Rania", "Tarek", "Samira", "Hamza",
                "Yasmin", "Bilal", "Amira"],
               ["Al-Masri", "Haddad", "El Amrani", "Khalil", "Nasser", "Saleh", "Abdelkader",
                "Bou Saab", "Hamdan", "El-Sayed", "Qasim", "Mansour"]),
    "greek": (["Dimitrios", "Eleni", "Konstantinos", "Georgia", "Panagiotis", "Vasiliki",
               "Ioannis", "Chrysoula", "Spyridon", "Athina"],
              ["Papadopoulos", "Georgiou", "Konstantinidis", "Papanikolaou", "Karagiannis",
               "Oikonomou", "Vlachou", "Christodoulou", "Antoniadis", "Makris"]),
    "romanian": (["Andreea", "Mihai", "Ioana", "Bogdan", "Alexandra", "Cristian", "Roxana",
                  "Florin", "Simona", "Vlad"],
                 ["Popescu", "Ionescu", "Dumitrescu", "Stanciu", "Constantinescu", "Munteanu",
                  "Georgescu", "Răducanu", "Ștefănescu", "Vasilescu"]),
    "hungarian": (["Zsófia", "Bence", "Réka", "Levente", "Dóra", "Gergely", "Eszter", "Ákos",
                   "Noémi", "Csaba"],
                  ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
                   "Németh", "Farkas"]),
    "czech": (["Tereza", "Jakub", "Kateřina", "Ondřej", "Lucie", "Vojtěch", "Markéta",
               "Jiří", "Barbora", "Matěj"],
              ["Novák", "Dvořák", "Procházková", "Černý", "Veselá", "Kučera", "Pokorný",
               "Horáková", "Marek", "Růžička"]),
    "nordic": (["Sigrid", "Magnus", "Astrid", "Leif", "Ingrid", "Søren", "Kaisa", "Mikael",
                "Sanna", "Ragnhild", "Eero", "Freja"],
               ["Lindqvist", "Halvorsen", "Johansson", "Virtanen", "Mikkelsen", "Bergström",
                "Korhonen", "Sørensen", "Åkesson", "Haugland", "Nieminen", "Dahlberg"]),
    "ukrainian": (["Oksana", "Taras", "Olena", "Bohdan", "Iryna", "Dmytro", "Kateryna",
                   "Andriy", "Yuliia", "Serhiy"],
                  ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko",
                   "Melnyk", "Oliynyk", "Hrytsenko", "Boyko", "Savchuk"]),
    "irish": (["Aoife", "Ciarán", "Siobhán", "Pádraig", "Niamh", "Eoin", "Caoimhe", "Oisín",
               "Gráinne", "Donnacha"],
              ["Ó Súilleabháin", "Mac Giolla", "O'Mahony", "Fitzgerald", "Ní Bhriain",
               "McGillycuddy", "Coughlan", "Breathnach", "Kavanagh", "Ó Ceallaigh"]),
    "uk": (["Harriet", "Rupert", "Philippa", "Hamish", "Imogen", "Alasdair", "Beatrix",
            "Tobias", "Jemima", "Crispin"],
           ["Carew-Pole", "Fiennes", "Ponsonby", "Wetherall", "Bellingham", "Featherstonehaugh",
            "Throckmorton", "Ashby-Hughes", "Pemberton", "Lytton-Cobbold"]),
    "us": (["Tanisha", "DeShawn", "Kayleigh", "Brandon", "Marisol", "Tyrone", "Shelby",
            "Dakota", "Jolene", "Trevor"],
           ["Washington", "Kowalczyk", "Delacroix-Moore", "Yazzie", "Whitfield", "Hargrove",
            "Montoya", "Okafor-Grant", "Lindgren", "Castellanos"]),
    "german": (["Hannelore", "Jannik", "Wiebke", "Korbinian", "Ilse", "Thorsten", "Gudrun",
                "Malte", "Roswitha", "Leopold", "Friederike", "Vinzenz"],
               ["Oberhuber", "Wimmer-Kastner", "Pfefferkorn", "Brandstätter", "Zehetner",
                "Hinterseer", "Kühnel", "Eggimann", "Stöckli", "Baumgartner-Lenz",
                "Grünwald", "Ziegenhagen"]),
    "french": (["Gwenaëlle", "Anne-Laure", "Baptiste", "Maëlys", "Théo", "Solène", "Aurélien",
                "Clémence", "Jean-Baptiste", "Océane", "Gaëtan", "Ségolène"],
               ["Le Goff", "Kerboriou", "Delacourt", "Vandenbroucke", "Marchal-Weber",
                "Faivre", "Lecomte de Villiers", "Bourgeois", "Schmitz", "Wagner",
                "Hoffmann-Reiter", "Guérin"]),
    "spanish": (["Itziar", "Iñaki", "Montserrat", "Xabier", "Begoña", "Jordi", "Amaia",
                 "Lluís", "Nerea", "Gonzalo", "Rocío", "Ainhoa"],
                ["Etxeberria", "Puigdemont", "García-Lorca", "Fernández de Córdoba",
                 "Urrutia", "Vilaplana", "Olabarrieta", "Rius i Serra", "Mendizábal",
                 "Sáez-Pardo", "Goikoetxea", "Llorente"]),
    "italian": (["Gianluca", "Mariagrazia", "Pierpaolo", "Annunziata", "Raffaele", "Ornella",
                 "Salvatore", "Benedetta", "Ettore", "Concetta", "Rosalba", "Nunzio"],
                ["Lo Presti", "Esposito", "Dell'Acqua", "Brambilla", "Santangelo",
                 "De Filippis", "Cuccurullo", "Scognamiglio", "Pozzi-Valli", "Mastrangelo",
                 "Cattaneo", "Di Stefano"]),
    "dutch": (["Femke", "Joost", "Marloes", "Sjoerd", "Ilse", "Wouter", "Annelies", "Gijs",
               "Mirjam", "Floris", "Hendrika", "Bram"],
              ["van der Steen", "de Wit", "Hoekstra", "van Dijk-Verhoef", "Bosman",
               "ter Haar", "Scholten", "Kuipers", "van 't Hof", "Dijkstra", "Brouwer",
               "op den Kamp"]),
}
NICKS = ["Bex", "Gianni", "Paco", "Manu", "Sepp", "Gigi", "Pepe", "Kiki", "Dodo", "Jojo",
         "Pauli", "Titi", "Nacho", "Lolo", "Fritzi", "Sanne", "Bibi", "Wim", "Ciccio", "Tash"]
LOCAL_ORIGINS = {
    "en": ["uk", "irish", "us"], "de": ["german"], "fr": ["french"], "es": ["spanish"],
    "it": ["italian"], "nl": ["dutch"],
}
OTHER = ["indian", "chinese", "nigerian", "arabic", "greek", "romanian", "hungarian",
         "czech", "nordic", "ukrainian"]


def person_parts(lang):
    origin = pick(LOCAL_ORIGINS[lang]) if R.random() < 0.45 else pick(OTHER)
    given, sur = ORIGINS[origin]
    return pick(given), pick(sur), origin


def name_text(lang, style=None):
    g, s, origin = person_parts(lang)
    style = style or pick(["gs", "gs", "gs", "ggs", "is", "sg_comma", "SG", "gs_hyph"])
    if style == "ggs":
        g2 = pick([x for x in ORIGINS[origin][0] if x != g])
        return f"{g} {g2} {s}"
    if style == "is":
        return f"{g[0]}. {s}"
    if style == "sg_comma":
        return f"{s}, {g}"
    if style == "SG":
        return f"{s.upper()} {g}"
    if style == "gs_hyph":
        _, s2, _ = person_parts(lang)
        return f"{g} {s}-{s2}" if "-" not in s and " " not in s and " " not in s2 and "-" not in s2 else f"{g} {s}"
    return f"{g} {s}"


# ---------------------------------------------------------------- places ----------
# (street words, house number style, postcode maker, towns, region) per country.
def pc_digits(n):
    return lambda: "".join(str(R.randrange(10)) for _ in range(n)) if n else ""


def pc_nl():
    return f"{R.randrange(1000, 9999)} {chr(65 + R.randrange(26))}{chr(65 + R.randrange(26))}"


def pc_uk():
    return pick(["LS6", "BS8", "EH3", "CF10", "NE1", "G12", "PL4", "YO31", "SY23", "TR1"]) + \
        f" {R.randrange(1, 9)}{chr(65 + R.randrange(26))}{chr(65 + R.randrange(26))}"


def pc_ie():
    return pick(["D02", "D6W", "T12", "H91", "V94", "A65", "F92", "P31"]) + " " + \
        "".join(pick("ACDEFHKNPRTVWXY0123456789") for _ in range(4))


COUNTRIES = {
    "DE": dict(streets=["Lindenstraße", "Am Kirchberg", "Hauptstraße", "Gartenweg", "Bahnhofstraße",
                        "Schillerplatz", "Mühlenweg", "Ringstraße", "Am Sonnenhang", "Eichendorffstraße"],
               num="after", pc=pc_digits(5),
               towns=["Bad Kreuznach", "Wolfenbüttel", "Hildesheim", "Landshut", "Pirna", "Heide",
                      "Weil am Rhein", "Neuruppin", "Kempten", "Ahrensburg"],
               pcprefix=["", "", "D-"], lang="de", phone="DE"),
    "AT": dict(streets=["Mariahilfer Gürtel", "Grazer Straße", "Kirchengasse", "Brunnenweg",
                        "Linzer Gasse", "Schulgasse", "Dorfplatz", "Feldgasse"],
               num="after", pc=pc_digits(4),
               towns=["Wiener Neustadt", "Leoben", "Dornbirn", "Wels", "Hallein", "Villach",
                      "Mödling", "Schwaz"],
               pcprefix=["", "A-"], lang="de", phone="AT", unit=["/Top 4", "/2/7", "/Stiege 3/Tür 12"]),
    "CH": dict(streets=["Bahnhofstrasse", "Seefeldstrasse", "Kirchweg", "Dorfstrasse", "Rue du Simplon",
                        "Via Cantonale", "Zürcherstrasse", "Chemin des Vignes"],
               num="after", pc=pc_digits(4),
               towns=["Winterthur", "Uster", "Yverdon-les-Bains", "Bellinzona", "Thun", "Wil",
                      "Frauenfeld", "Sierre"],
               pcprefix=["", "CH-"], lang="de", phone="CH"),
    "LU": dict(streets=["rue de la Gare", "route d'Arlon", "Grand-Rue", "rue des Prés", "Kierchestrooss",
                        "rue Principale"],
               num="before", pc=pc_digits(4),
               towns=["Esch-sur-Alzette", "Ettelbruck", "Diekirch", "Wiltz", "Mersch", "Differdange"],
               pcprefix=["L-"], lang="fr", phone="LU"),
    "FR": dict(streets=["rue des Lilas", "avenue de la République", "impasse du Moulin", "chemin des Écoliers",
                        "boulevard Gambetta", "allée des Tilleuls", "rue Pasteur", "place du Marché"],
               num="before", pc=pc_digits(5),
               towns=["Quimper", "Saint-Brieuc", "Montauban", "Chalon-sur-Saône", "Vannes", "Épinal",
                      "Carcassonne", "Angoulême", "Lons-le-Saunier", "Dax"],
               pcprefix=[""], lang="fr", phone="FR"),
    "BE": dict(streets=["Rue de Namur", "Chaussée de Wavre", "Kerkstraat", "Steenweg op Gent", "Avenue Louise",
                        "Molenstraat", "Rue du Pont", "Dorpsplein"],
               num="after", pc=pc_digits(4),
               towns=["Ottignies", "Nivelles", "Roeselare", "Hasselt", "Arlon", "Waregem", "Tienen",
                      "Verviers"],
               pcprefix=["", "B-"], lang="fr", phone="BE", unit=[" bus 3", " boîte 12", " bte 4"]),
    "ES": dict(streets=["Calle Mayor", "Avenida de la Constitución", "Carrer de Provença", "Paseo de la Castellana",
                        "Calle del Olmo", "Plaza de España", "Ronda de Valencia", "Travesía del Sol"],
               num="after_comma", pc=pc_digits(5),
               towns=["Alcobendas", "Getafe", "Ponferrada", "Lleida", "Cáceres", "Algeciras", "Irun",
                      "Talavera de la Reina", "Reus", "Motril"],
               pcprefix=[""], lang="es", phone="ES", unit=[", 3º 2ª", ", 1.º izda.", ", bajo B", ", 5º D"]),
    "IT": dict(streets=["Via Roma", "Viale dei Mille", "Corso Italia", "Piazza del Duomo", "Via dei Tigli",
                        "Vicolo Stretto", "Via della Repubblica", "Largo Augusto"],
               num="after_comma", pc=pc_digits(5),
               towns=["Cremona", "Rovigo", "Lecce", "Vigevano", "Civitavecchia", "Sassari", "Rieti",
                      "Pordenone", "Foligno", "Avellino"],
               pcprefix=[""], lang="it", phone="IT", prov=["(CR)", "(RO)", "(LE)", "(PV)", "(RM)", "(SS)"],
               unit=[", scala B, int. 7", ", piano 3", ", interno 12"]),
    "NL": dict(streets=["Dorpsstraat", "Kerkweg", "Prinsengracht", "Molenlaan", "Stationsplein",
                        "Burgemeester Visserlaan", "Zuiderdiep", "Havenkade"],
               num="after", pc=pc_nl,
               towns=["Zwolle", "Assen", "Amersfoort", "Heerenveen", "Roermond", "Gouda", "Tiel",
                      "Emmen", "Leeuwarden", "Middelburg"],
               pcprefix=[""], lang="nl", phone="NL", unit=[" III", "-2", " bis", "A"]),
    "GB": dict(streets=["Mill Lane", "Victoria Road", "Station Approach", "Church Walk", "Albert Terrace",
                        "Orchard Close", "Marlborough Crescent", "High Street"],
               num="before", pc=pc_uk,
               towns=["Harrogate", "Aberystwyth", "Tiverton", "Kendal", "Stirling", "Morpeth", "Ludlow",
                      "Truro"],
               pcprefix=[""], lang="en", phone="GB", unit=["Flat 3, ", "Flat 2B, ", "Apartment 14, "]),
    "IE": dict(streets=["Main Street", "Bóthar na Trá", "Church Road", "Strand Street", "Ballybane Road",
                        "Ardnacrusha Road"],
               num="before", pc=pc_ie,
               towns=["Tralee", "Ennis", "Clonmel", "Letterkenny", "Mullingar", "Kilkenny", "Castlebar"],
               pcprefix=[""], lang="en", phone="IE", county=["Co. Kerry", "Co. Clare", "Co. Tipperary",
                                                           "Co. Donegal", "Co. Westmeath", "Co. Mayo"]),
    "US": dict(streets=["Maple Avenue", "Elm Street", "Sycamore Drive", "Jefferson Boulevard",
                        "Lakeview Terrace", "Cedar Ridge Road", "Old Mill Road"],
               num="before", pc=pc_digits(5),
               towns=["Ann Arbor", "Boise", "Chattanooga", "Duluth", "Eau Claire", "Fort Collins",
                      "Olympia", "Savannah"],
               pcprefix=[""], lang="en", phone="US", state=["MI", "ID", "TN", "MN", "WI", "CO", "WA", "GA"],
               unit=[", Apt 4B", ", Suite 210", ", Unit 7"]),
}
LANG_COUNTRIES = {"en": ["GB", "IE", "US"], "de": ["DE", "AT", "CH", "LU"],
                  "fr": ["FR", "BE", "CH", "LU"], "es": ["ES"], "it": ["IT", "CH"],
                  "nl": ["NL", "BE"]}
# Streets and towns in the language of the text when the country has several.
CH_BY_LANG = {"de": (["Bahnhofstrasse", "Seefeldstrasse", "Kirchweg", "Dorfstrasse", "Zürcherstrasse"],
                     ["Winterthur", "Uster", "Thun", "Wil", "Frauenfeld"]),
              "fr": (["Rue du Simplon", "Chemin des Vignes", "Avenue de la Gare", "Rue du Lac"],
                     ["Yverdon-les-Bains", "Sierre", "Morges", "Nyon", "Delémont"]),
              "it": (["Via Cantonale", "Via Lugano", "Piazza Grande", "Via Trevano"],
                     ["Bellinzona", "Mendrisio", "Chiasso", "Locarno", "Biasca"])}
BE_BY_LANG = {"fr": (["Rue de Namur", "Chaussée de Wavre", "Avenue Louise", "Rue du Pont"],
                     ["Ottignies", "Nivelles", "Arlon", "Verviers"]),
              "nl": (["Kerkstraat", "Steenweg op Gent", "Molenstraat", "Dorpsplein"],
                     ["Roeselare", "Hasselt", "Waregem", "Tienen"])}
LU_BY_LANG = {"de": (["Kierchestrooss", "Haaptstrooss", "Uewerstrooss"], ["Ettelbréck", "Dikrech", "Wolz"]),
              "fr": (["rue de la Gare", "route d'Arlon", "Grand-Rue", "rue des Prés"],
                     ["Esch-sur-Alzette", "Ettelbruck", "Mersch", "Differdange"])}


def country_for(lang):
    return pick(LANG_COUNTRIES[lang])


def streets_towns(cc, lang):
    c = COUNTRIES[cc]
    if cc == "CH":
        return CH_BY_LANG.get(lang, CH_BY_LANG["de"])
    if cc == "BE":
        return BE_BY_LANG.get(lang, BE_BY_LANG["fr"])
    if cc == "LU":
        return LU_BY_LANG.get(lang, LU_BY_LANG["fr"])
    return c["streets"], c["towns"]


def street_segs(cc, lang):
    c = COUNTRIES[cc]
    streets, _ = streets_towns(cc, lang)
    st = pick(streets)
    n = str(R.randrange(1, 240))
    if c["num"] == "before":
        if cc in ("FR", "LU") and R.random() < 0.3:
            n += pick([" bis", " ter"])
        sep = ", " if cc in ("FR", "LU") and R.random() < 0.3 else " "
        return [("LOCATION", n + sep + st)]
    if c["num"] == "after_comma":
        return [("LOCATION", st + ", " + n)]
    return [("LOCATION", st + " " + n)]


def addr_segs(lang, cc=None, sep=", ", allow_unit=True):
    cc = cc or country_for(lang)
    c = COUNTRIES[cc]
    _, towns = streets_towns(cc, lang)
    town = pick(towns)
    segs = []
    kind = R.random()
    if kind < 0.1:
        # PO boxes in each country's words.
        box = {"GB": "PO Box", "IE": "PO Box", "US": "P.O. Box", "DE": "Postfach", "AT": "Postfach",
               "CH": "Postfach", "FR": "BP", "BE": "BP", "LU": "B.P.", "ES": "Apartado de Correos",
               "IT": "Casella Postale", "NL": "Postbus"}[cc]
        if cc == "CH" and lang == "fr":
            box = "Case postale"
        if cc == "CH" and lang == "it":
            box = "Casella postale"
        if cc == "BE" and lang == "nl":
            box = "Postbus"
        segs.append(("LOCATION", f"{box} {R.randrange(10, 9999)}"))
    elif kind < 0.17 and cc in ("FR", "IT", "GB", "IE", "ES"):
        rural = {"FR": ["Lieu-dit Les Granges", "Lieu-dit La Bergerie", "Hameau de Brouilly"],
                 "IT": ["Località Case Sparse, 14", "Contrada Piano Grande, 3", "Frazione San Rocco, 22"],
                 "GB": ["Rose Cottage, Mill Lane", "Hill Farm, Back Lane", "The Old Rectory, Church Road"],
                 "IE": ["Knockanore, Ballyheigue Road", "Cloonfad West", "Derrylea, Moycullen"],
                 "ES": ["Diseminado Los Llanos, 12", "Camino Rural de la Vega, km 3", "Masía Can Roca"]}[cc]
        segs.append(("LOCATION", pick(rural)))
    else:
        s = street_segs(cc, lang)
        if allow_unit and "unit" in c and R.random() < 0.4:
            u = pick(c["unit"])
            if cc == "GB":
                segs.append(u)
                segs += s
            elif cc == "AT":
                segs += s
                segs[-1] = ("LOCATION", segs[-1][1])
                segs.append(u)
            else:
                segs += s
                segs.append(u)
        else:
            segs += s
    segs.append(sep)
    if cc == "US":
        segs += [("LOCATION", town), ", ", ("LOCATION", pick(c["state"])), " ", ("LOCATION", c["pc"]())]
        return segs
    if cc == "GB":
        segs += [("LOCATION", town), sep, ("LOCATION", c["pc"]())]
        return segs
    if cc == "IE":
        segs += [("LOCATION", town), ", ", ("LOCATION", pick(c["county"])), sep if R.random() < 0.7 else " ",
                 ("LOCATION", c["pc"]())]
        return segs
    pre = pick(c["pcprefix"])
    segs += [("LOCATION", pre + c["pc"]()), " ", ("LOCATION", town)]
    if cc == "IT" and R.random() < 0.6:
        segs += [" ", ("LOCATION", pick(c["prov"]))]
    if cc == "FR" and R.random() < 0.15:
        segs += [" CEDEX"]
    return segs


def town_segs(lang):
    cc = country_for(lang)
    return [("LOCATION", pick(streets_towns(cc, lang)[1]))]


# ---------------------------------------------------------------- phones ----------
def valid_number(region, ntype):
    ex = phonenumbers.example_number_for_type(region, ntype)
    nsn = str(ex.national_number)
    for _ in range(500):
        keep = max(1, len(nsn) - 6)
        cand = nsn[:keep] + "".join(str(R.randrange(10)) for _ in range(len(nsn) - keep))
        if region == "US":
            cand = pick(["212", "415", "617", "734", "208", "423", "970", "360"]) + \
                str(R.randrange(2, 10)) + "".join(str(R.randrange(10)) for _ in range(6))
        num = phonenumbers.parse("+" + str(ex.country_code) + cand, None)
        if phonenumbers.is_valid_number(num) and phonenumbers.region_code_for_number(num) == region:
            t = phonenumbers.number_type(num)
            if t == ntype or t == PNT.FIXED_LINE_OR_MOBILE:
                return num
    return ex


def phone_text(region, style=None, ext_ok=True):
    ntype = PNT.MOBILE if R.random() < 0.5 else PNT.FIXED_LINE
    num = valid_number(region, ntype)
    style = style or pick(["nat", "nat", "intl", "intl", "e164", "00", "paren0", "dots", "bare"])
    nat = phonenumbers.format_number(num, PNF.NATIONAL)
    intl = phonenumbers.format_number(num, PNF.INTERNATIONAL)
    cc = str(num.country_code)
    nsn = str(num.national_number)
    trunk = "0" if region not in ("US", "IT", "LU") else ""
    if region == "IT" and not nsn.startswith("3"):
        nsn_print = "0" + nsn if not nsn.startswith("0") else nsn
    else:
        nsn_print = nsn
    if style == "nat":
        s = nat
    elif style == "intl":
        s = intl
    elif style == "e164":
        s = "+" + cc + nsn
    elif style == "00":
        s = "00" + intl[1:]
    elif style == "paren0":
        s = intl.replace(" ", " (0)", 1) if trunk else intl
    elif style == "dots":
        digits = re.sub(r"\D", "", nat)
        s = ".".join(digits[i:i + 2] for i in range(0, len(digits), 2)) if region in ("FR", "LU", "BE") \
            else re.sub(r"[\s-]", ".", nat.replace("(", "").replace(")", ""))
    elif style == "bare":
        s = re.sub(r"\D", "", nat)
    elif style == "notrunk":
        s = nsn
    else:
        s = nat
    if ext_ok and R.random() < 0.06:
        s += pick([" ext. 21", " x4410", " Durchwahl 17", " poste 302", " int. 55", " toestel 4"])
    return s


def phone_segs(lang, region=None, style=None):
    region = region or COUNTRIES[country_for(lang)]["phone"]
    return [("PHONE_NUMBER", phone_text(region, style))]


# ------------------------------------------------------------ dates of birth -------
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
MON3 = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]}


def ordinal(d):
    return str(d) + ("th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


def dob_text(lang, us=False):
    y, m, d = R.randrange(1931, 2008), R.randrange(1, 13), R.randrange(1, 29)
    mn = MONTHS[lang][m - 1]
    forms = {
        "en": [f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}", f"{mn} {d}, {y}", f"{ordinal(d)} {mn} {y}",
               f"{y}-{m:02d}-{d:02d}", f"{d}-{MON3['en'][m - 1]}-{y}", f"{d:02d}.{m:02d}.{y}"],
        "de": [f"{d:02d}.{m:02d}.{y}", f"{d}. {mn} {y}", f"{d}.{m}.{str(y)[2:]}", f"{y}-{m:02d}-{d:02d}",
               f"{d}. {'Jänner' if m == 1 else mn} {y}"],
        "fr": [f"{d:02d}/{m:02d}/{y}", f"{'1er' if d == 1 else d} {mn} {y}", f"{d:02d}.{m:02d}.{y}",
               f"{y}-{m:02d}-{d:02d}"],
        "es": [f"{d:02d}/{m:02d}/{y}", f"{d} de {mn} de {y}", f"{d}-{m}-{y}", f"{d:02d}.{m:02d}.{y}"],
        "it": [f"{d:02d}/{m:02d}/{y}", f"{'1°' if d == 1 else d} {mn} {y}", f"{d}.{m}.{y}",
               f"{d:02d}-{m:02d}-{y}"],
        "nl": [f"{d:02d}-{m:02d}-{y}", f"{d} {mn} {y}", f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}"],
    }
    if us:
        return f"{m:02d}/{d:02d}/{y}"
    return pick(forms[lang])


def dob_year():
    return str(R.randrange(1931, 2008))


# ------------------------------------------------------------- record numbers -------
def mrn_value():
    r = R.randrange
    return pick([
        f"{r(10**7, 10**8)}", f"MRN{r(10**6, 10**7)}", f"{r(10, 99)}-{r(100, 999)}-{r(100, 999)}",
        f"H{r(10**6, 10**7)}", f"{r(2015, 2026)}/{r(10**5, 10**6)}", f"KH-{r(10**5, 10**6)}",
        f"{r(100, 999)} {r(100, 999)} {r(1000, 9999)}", f"PAT{r(10**5, 10**6)}X",
        f"{r(10**8, 10**9)}", f"E{r(10, 99)}.{r(1000, 9999)}.{r(100, 999)}",
        f"{chr(65 + r(26))}{chr(65 + r(26))}{r(10**5, 10**6)}", f"0{r(10**6, 10**7)}",
    ])


MRN_LABELS = {
    "en": ["MRN", "Hospital No.", "Hosp. no:", "Patient ID:", "Unit number", "Case no.", "Chart #", "RN:"],
    "de": ["Fallnummer", "Pat.-Nr.", "PID", "Patientennummer:", "Aufnahme-Nr.", "KIS-Nr.", "Fall-ID:"],
    "fr": ["IPP", "N° de dossier", "dossier n°", "NDA", "N° patient :", "réf. dossier médical"],
    "es": ["NHC", "N.º historia", "nº de historia clínica", "CIP", "Nº paciente:", "HC"],
    "it": ["n. cartella", "ID paziente", "nosologico", "cartella n.", "N. ricovero", "cod. paziente:"],
    "nl": ["patiëntnr.", "ZIS-nr", "dossiernummer", "pat.nr:", "ziekenhuisnummer", "opnamenummer"],
}


# -------------------------------------------------------------------- others --------
DOMAINS = ["gmx.at", "orange.fr", "telenet.be", "libero.it", "xs4all.nl", "web.de", "eircom.net",
           "bluewin.ch", "pt.lu", "outlook.es", "btinternet.com", "comcast.net", "proton.me",
           "kliniken-nord.de", "chu-nantes.fr", "ospedale.example.it"]


def plain(s):
    import unicodedata
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isascii() and (ch.isalnum() or ch in ".-")).lower()


def email_text(lang):
    g, s, _ = person_parts(lang)
    local = pick([f"{plain(g)}.{plain(s)}", f"{plain(g)[0]}{plain(s)}", f"{plain(s)}{R.randrange(10, 99)}",
                  f"{plain(g)}_{plain(s)[:4]}"])
    return f"{local}@{pick(DOMAINS)}"


IBAN_LEN = {"DE": 22, "AT": 20, "CH": 21, "LU": 20, "FR": 27, "BE": 16, "ES": 24, "IT": 27, "NL": 18,
            "GB": 22, "IE": 22}


def iban_text(cc):
    n = IBAN_LEN.get(cc, 22)
    if cc in ("GB", "IE"):
        body = pick(["NWBK", "BARC", "AIBK", "BOFI"]) + "".join(str(R.randrange(10)) for _ in range(n - 8))
    elif cc == "NL":
        body = pick(["INGB", "RABO", "ABNA"]) + "".join(str(R.randrange(10)) for _ in range(10))
    elif cc == "IT":
        body = chr(65 + R.randrange(26)) + "".join(str(R.randrange(10)) for _ in range(22))
    else:
        body = "".join(str(R.randrange(10)) for _ in range(n - 4))
    num = "".join(str(int(ch, 36)) for ch in body + cc + "00")
    check = 98 - int(num) % 97
    iban = f"{cc}{check:02d}{body}"
    if R.random() < 0.6:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def luhn_complete(prefix, length):
    digits = prefix + "".join(str(R.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def card_text():
    c = luhn_complete(pick(["4", "51", "55", "2221", "6703"]), 16)
    return pick([c, " ".join(c[i:i + 4] for i in range(0, 16, 4)), "-".join(c[i:i + 4] for i in range(0, 16, 4))])


def ip_text():
    if R.random() < 0.7:
        return f"{pick([10, 172, 192, 81, 213, 94])}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"
    return f"2a02:{R.randrange(4096, 65535):x}:{R.randrange(1, 65535):x}::{R.randrange(1, 4096):x}"


# -------------------------------------------------------------- unannotated --------
def ts():
    return f"2026-{R.randrange(1, 12):02d}-{R.randrange(1, 28):02d}T{R.randrange(24):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}Z"


def visit_date(lang):
    d, m = R.randrange(1, 28), R.randrange(1, 12)
    return pick([f"{d:02d}/{m:02d}/2026", f"2026-{m:02d}-{d:02d}", f"{d}.{m}.2026"]) if lang != "en" else \
        pick([f"{d:02d}/{m:02d}/2026", f"2026-{m:02d}-{d:02d}", f"{d} {MONTHS['en'][m - 1]} 2026"])


def amount():
    return pick([f"€ {R.randrange(10, 9999)},{R.randrange(100):02d}", f"{R.randrange(10, 9999)}.{R.randrange(100):02d} EUR",
                 f"£{R.randrange(10, 999)}.{R.randrange(100):02d}", f"CHF {R.randrange(100, 9999)}.–",
                 f"${R.randrange(10, 9999):,}.00"])


def ticket():
    return pick([f"#{R.randrange(100000, 999999)}", f"INC{R.randrange(10**6, 10**7)}",
                 f"CS-{R.randrange(10000, 99999)}", f"SR {R.randrange(10**5, 10**6)}"])


HOSPITALS = {
    "en": ["St Luke's General", "Royal Infirmary", "Mercy University Hospital", "Riverside Medical Center"],
    "de": ["Klinikum Nord", "Landeskrankenhaus", "Kantonsspital", "Städtisches Klinikum"],
    "fr": ["CHU", "Centre hospitalier régional", "Clinique du Parc", "Hôpital de Jolimont"],
    "es": ["Hospital Universitario", "Complejo Hospitalario", "Hospital Comarcal", "Clínica del Pilar"],
    "it": ["Azienda Ospedaliera", "Ospedale Maggiore", "Policlinico", "Presidio Ospedaliero"],
    "nl": ["Streekziekenhuis", "Medisch Centrum", "Academisch Ziekenhuis", "Ziekenhuis Oost"],
}
DRUGS = ["Metformin 500 mg", "Ramipril 5 mg", "Apixaban 5 mg", "Pantoprazol 40 mg", "Amoxicillin 875 mg",
         "Levothyroxin 75 µg", "Bisoprolol 2.5 mg", "Paracetamol 1 g", "Enoxaparin 40 mg", "Furosemid 20 mg"]
COMPANIES = ["Brightwell Logistics GmbH", "Nordlicht Facility AG", "Sodexa Services SARL", "Talleres Urquiza SL",
             "Officine Brenta Srl", "Vanderlinde Installatie BV", "Kestrel Analytics Ltd", "Alpenhof Catering KG"]


# ---------------------------------------------------------------- template engine ---
def slot(name, lang, ctx):
    cc = ctx["cc"]
    if name == "name":
        return [("PERSON", name_text(lang))]
    if name == "name_gs":
        return [("PERSON", name_text(lang, "gs"))]
    if name == "name_sg":
        return [("PERSON", name_text(lang, "sg_comma"))]
    if name == "NAME":
        return [("PERSON", name_text(lang, pick(["gs", "ggs"])).upper())]
    if name == "name_lc":
        return [("PERSON", name_text(lang, "gs").lower())]
    if name == "first":
        return [("PERSON", person_parts(lang)[0])]
    if name == "sur":
        return [("PERSON", person_parts(lang)[1])]
    if name == "nick":
        return [("PERSON", pick(NICKS))]
    if name == "init":
        g, s, _ = person_parts(lang)
        g2 = person_parts(lang)[0]
        return [("PERSON", pick([f"{g[0]}.{g2[0]}. {s}", f"{g[0]}. {s}", f"{s} {g[0]}."]))]
    if name == "addr":
        return addr_segs(lang, cc)
    if name == "addr_nl":
        return addr_segs(lang, cc, sep="\n")
    if name == "street":
        return street_segs(cc, lang)
    if name == "town":
        return [("LOCATION", pick(streets_towns(cc, lang)[1]))]
    if name == "pc":
        return [("LOCATION", COUNTRIES[cc]["pc"]())]
    if name == "phone":
        return phone_segs(lang, COUNTRIES[cc]["phone"])
    if name == "phone_ctx":  # no trunk zero, in tables
        return phone_segs(lang, COUNTRIES[cc]["phone"], pick(["notrunk", "bare", "e164"]))
    if name == "phone_any":
        return phone_segs(lang, pick(["GB", "IE", "US", "DE", "AT", "CH", "FR", "BE", "LU", "ES", "IT", "NL"]))
    if name == "dob":
        return [("DATE_OF_BIRTH", dob_text(lang, us=(cc == "US" and R.random() < 0.7)))]
    if name == "dob_num":
        y, m, d = R.randrange(1931, 2008), R.randrange(1, 13), R.randrange(1, 29)
        return [("DATE_OF_BIRTH", f"{y}-{m:02d}-{d:02d}" if R.random() < 0.5 else f"{d:02d}.{m:02d}.{y}")]
    if name == "dob_year":
        return [("DATE_OF_BIRTH", dob_year())]
    if name == "age":
        return [str(R.randrange(18, 95))]
    if name == "mrn":
        return [("MEDICAL_RECORD_NUMBER", mrn_value())]
    if name == "mrnl":
        return [pick(MRN_LABELS[lang]) + " ", ("MEDICAL_RECORD_NUMBER", mrn_value())]
    if name == "email":
        return [("EMAIL_ADDRESS", email_text(lang))]
    if name == "iban":
        return [("IBAN_CODE", iban_text(cc if cc in IBAN_LEN else "DE"))]
    if name == "card":
        return [("CREDIT_CARD", card_text())]
    if name == "ip":
        return [("IP_ADDRESS", ip_text())]
    if name == "ts":
        return [ts()]
    if name == "date":
        return [visit_date(lang)]
    if name == "time":
        return [f"{R.randrange(6, 23):02d}:{R.randrange(60):02d}"]
    if name == "amount":
        return [amount()]
    if name == "ticket":
        return [ticket()]
    if name == "hosp":
        return [pick(HOSPITALS[lang])]
    if name == "drug":
        return [pick(DRUGS)]
    if name == "company":
        return [pick(COMPANIES)]
    if name == "n":
        return [str(R.randrange(2, 40))]
    if name == "order":
        return [f"{R.randrange(100, 999)}-{R.randrange(10**6, 10**7)}"]
    raise KeyError(name)


SLOT = re.compile(r"\{(\w+)\}")


def render(template, lang, ctx):
    segs = []
    pos = 0
    for m in SLOT.finditer(template):
        segs.append(template[pos:m.start()])
        segs += slot(m.group(1), lang, ctx)
        pos = m.end()
    segs.append(template[pos:])
    text = ""
    spans = []
    for s in segs:
        if isinstance(s, tuple):
            start = len(text.encode())
            text += s[1]
            spans.append([s[0], start, len(text.encode())])
        else:
            text += s
    return text, spans


from templates_g import PII, HARMLESS, HARMLESS_SLOTS, DECOYS  # noqa: E402


def harmless_render(template, lang):
    def rep(m):
        k = m.group(1)
        if k in HARMLESS_SLOTS:
            return pick(HARMLESS_SLOTS[k])
        return slot(k, lang, {"cc": country_for(lang)})[0]
    return SLOT.sub(rep, template)


def main():
    out = []
    per_lang_pii = 330
    for lang in ["en", "de", "fr", "es", "it", "nl"]:
        temps = PII[lang]
        for i in range(per_lang_pii):
            t = temps[i % len(temps)]
            ctx = {"cc": country_for(lang)}
            text, spans = render(t, lang, ctx)
            out.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
        hs = HARMLESS[lang]
        for i in range(100):
            out.append({"lang": lang, "kind": "harmless", "text": harmless_render(hs[i % len(hs)], lang),
                        "spans": []})
        ds = DECOYS[lang]
        for i in range(70):
            text = ds[i % len(ds)]
            text = SLOT.sub(lambda m: decoy_value(m.group(1)), text)
            out.append({"lang": lang, "kind": "decoy", "text": text, "spans": []})
    R.shuffle(out)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(out), "lines")


def check_digit_mod10(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch) * (3 if i % 2 == 0 else 1)
        total += d
    return str((10 - total % 10) % 10)


def decoy_value(k):
    r = R.randrange
    hexs = "0123456789abcdef"
    if k == "gtin":
        b = "".join(str(r(10)) for _ in range(12))
        return b + check_digit_mod10(b)
    if k == "uuid":
        return "01" + "".join(pick("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24))
    if k == "mac":
        return f"AS{r(1000, 65000)}"
    if k == "cve":
        return f"GHSA-{''.join(pick('23456789cfghjmpqrvwx') for _ in range(4))}-{''.join(pick('23456789cfghjmpqrvwx') for _ in range(4))}-{''.join(pick('23456789cfghjmpqrvwx') for _ in range(4))}"
    if k == "imo":
        return f"IMO {r(9000000, 9999999)}"
    if k == "container":
        return f"UIC {r(10, 99)} {r(70, 88)} {r(1000, 9999)} {r(100, 999)}-{r(10)}"
    if k == "ups":
        return "3S" + "".join(pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4)) + str(r(10**8, 10**9))
    if k == "rr":
        return f"EORI {pick(['DE', 'FR', 'NL', 'IT', 'ES', 'BE'])}{r(10**6, 10**7)}{r(10**4, 10**5)}"
    if k == "vin":
        return "".join(pick("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(17))
    if k == "tyre":
        return f"{pick([195, 205, 225, 245])}/{pick([45, 55, 65])} R{pick([15, 16, 17, 18])} {r(84, 99)}{pick('HVWY')}"
    if k == "hs":
        return f"HS {r(1000, 9999)} {r(10, 99)} {r(10, 99)}"
    if k == "epoch":
        return str(r(1600000000, 1800000000))
    if k == "epochms":
        return str(r(1600000000000, 1800000000000))
    if k == "jira":
        return f"{pick(['OPS', 'PAY', 'HR', 'CLIN', 'INFRA'])}-{r(100, 99999)}"
    if k == "doi":
        return f"PMID {r(10**7, 4 * 10**7)}"
    if k == "arxiv":
        return f"arXiv:{r(15, 26)}{r(1, 13):02d}.{r(10000, 99999)}"
    if k == "lei":
        return "".join(pick("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(18)) + f"{r(10, 99)}"
    if k == "dims":
        return f"{r(100, 2400)} x {r(100, 1200)} x {r(10, 400)} mm"
    if k == "grid":
        return f"{pick(['TQ', 'SK', 'NY', 'SU'])} {r(10000, 99999)} {r(10000, 99999)}"
    if k == "latlon":
        return f"{r(36, 60)}.{r(100000, 999999)}, {r(-9, 25)}.{r(100000, 999999)}"
    if k == "cron":
        return f"{r(60)} {r(24)} * * {r(1, 6)}"
    if k == "k8s":
        return f"-Xmx{r(1, 16) * 512}m -Xss{pick([256, 512, 1024])}k"
    if k == "sha1":
        return "".join(pick(hexs) for _ in range(40))
    if k == "semverb":
        return f"@{pick(['acme', 'infra', 'ui'])}/{pick(['core', 'forms', 'charts'])}@{r(1, 20)}.{r(0, 30)}.{r(0, 99)}"
    if k == "iso_std":
        return f"IPC {pick(['G06F', 'H04L', 'A61B', 'B60L'])} {r(1, 99)}/{r(10, 999)}"
    if k == "flight":
        return f"{pick(['LH', 'AF', 'IB', 'AZ', 'KL', 'EI', 'LX', 'OS'])} {r(100, 9999)}"
    if k == "pnr":
        return "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    if k == "bagtag":
        return f"{pick(['0220', '0057', '0074', '0075'])}{r(100000, 999999)}"
    if k == "score":
        return f"{r(60, 100)}-{r(60, 100)} ({r(10, 35)}-{r(10, 35)}, {r(10, 35)}-{r(10, 35)})"
    if k == "elev":
        return f"{r(200, 4800):,} m ü. M.".replace(",", "'")
    if k == "ticker":
        return f"{pick(['ASML', 'SAP', 'MC', 'ITX', 'ENEL', 'ADYEN'])} {r(10, 900)},{r(10, 99)} ({pick('+-')}{r(0, 9)},{r(10, 99)} %)"
    if k == "rgb":
        return f"rgb({r(256)}, {r(256)}, {r(256)})"
    if k == "ean_meter":
        return f"DE{r(10**9, 10**10)}{r(10**9, 10**10)}{r(10**9, 10**10)}{r(10, 99)}"
    if k == "zaehler":
        return f"{r(1, 9)}{pick(['ISK', 'EBZ', 'LOG', 'ITR'])}{r(10**7, 10**8)}"
    if k == "seriesn":
        return f"SN {r(10, 99)}{pick('ABCDEFGH')}{r(1000, 9999)}-{r(100, 999)}"
    if k == "port":
        return f"{pick(['tcp', 'udp'])}/{r(1024, 65535)}"
    if k == "dur":
        return f"{r(0, 23):02d}:{r(60):02d}:{r(60):02d}.{r(1000):03d}"
    if k == "loglvl":
        return f"pid={r(1000, 99999)} tid={r(100, 9999)} rss={r(10, 900)}MB"
    if k == "sepa_ct":
        return f"E2E-{r(2024, 2027)}{r(10**7, 10**8)}"
    if k == "nace":
        return f"NACE {pick('ABCDEFGHIJKLMN')}{r(10, 99)}.{r(10, 99)}"
    if k == "plu":
        return f"PLU {r(3000, 4999)} · {r(100, 999)} g · {r(1, 99)},{r(10, 99)} €/kg"
    if k == "ver4":
        return f"v{r(1, 9)}.{r(0, 20)}.{r(0, 20)}-rc.{r(1, 9)}"
    raise KeyError(k)


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    from templates_g import PII, HARMLESS, HARMLESS_SLOTS, DECOYS  # noqa: F811
    main()
