#!/usr/bin/env python3
"""Held-out corpus O for `ledgergate redact` (issue 12, point 5): see README.md.

Written before any rule was changed for it and without reading the recognizers' word
lists or rules (`src/pii/recognizers/`, `src/pii/data/`). Registers corpus N lacks:
group-chat exports, shift rotas, meeting minutes, bullet lists of people (guest lists,
team sheets), delivery notes, HR notes, forum posts and ward handover lists, in EN, DE,
FR, ES, IT and NL; harmless texts of the same registers full of capitalised things named
after people and places (meeting rooms named after scientists, storms with given names,
stadiums and concert halls named after people, rose and apple cultivars, grants and
prizes, ships and trains, wines named after towns, goods named after places); decoys of
numeric shapes none of A-N holds (lottery draws, bus timetables, tide tables, ...).

Every name, place and template is typed by hand; no fake-data generator. A-N's corpora
are read only to drop what they hold (a person whose full name occurs in any of them, a
town that occurs in any of them, a named thing of a harmless text one of whose
distinctive capitalised words occurs in a harmless text or decoy of A-N, a decoy shape
whose distinctive token occurs in any of them). Numbers are drawn from a seeded
generator; IBANs carry valid mod-97 check digits and cards valid Luhn digits. Offsets
(UTF-8 bytes) are computed from (ENTITY, value) pieces, never typed. Standard library only.
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

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20261204)
LANGS = ("en", "de", "fr", "es", "it", "nl")
PER_LANG = {"pii": 72, "harmless": 72, "decoy": 40}

# ------------------------------------------------------------ what A-N hold --------
SEEN_PARTS, SEEN_CAP_WORDS = [], set()
for corpus in sorted(glob.glob(os.path.join(HERE, "..", "heldout*", "corpus.jsonl"))):
    if os.path.samefile(os.path.dirname(corpus), HERE):
        continue
    held = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    SEEN_PARTS += [row["text"] for row in held]
    SEEN_CAP_WORDS.update(w for row in held if row["kind"] != "pii" for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{3,}", row["text"]))
SEEN = "\n".join(SEEN_PARTS)
SEEN_LOW = SEEN.lower()
DROPPED = []
# Heads and makers shared by many named things: the other word is the distinctive one.
COMMON_HEADS = {
    "Storm", "Sturm", "Tempête", "Borrasca", "Tempesta", "Hurricane", "Room", "Saal", "Salle",
    "Sala", "Zaal", "Stadium", "Stadion", "Stade", "Estadio", "Stadio", "Hall", "Halle",
    "Teatro", "Theater", "Théâtre", "Prize", "Preis", "Prix", "Premio", "Prijs", "Award",
    "Fellowship", "Stipendium", "Bourse", "Beca", "Borsa", "Beurs", "Programme", "Programm",
    "Rose", "Rosa", "Roos", "Apple", "Apfel", "Pomme", "Manzana", "Mela", "Appel", "Ferry",
    "Fähre", "Ship", "Schiff", "Train", "Zug", "Tren", "Treno", "Trein", "Sofa", "Chair",
    "Stuhl", "Wein", "Vino", "Wine", "Vin", "Wijn", "Auditorium", "Aula", "Park", "Parc",
    "Parque", "Parco", "Arena", "Centre", "Center", "Centro", "Building", "Gebäude",
}


def fresh_thing(thing):
    words = [w for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{3,}", thing)]
    if len(words) > 1:
        words = [w for w in words if w not in COMMON_HEADS]
    return all(w not in SEEN_CAP_WORDS for w in words)


def keep_fresh_things(things):
    DROPPED.extend(t for t in things if not fresh_thing(t))
    return [t for t in things if fresh_thing(t)]


def held_by_others(value):
    low = value.lower()
    return low in SEEN_LOW and re.search(r"(?<![\w])" + re.escape(low) + r"(?![\w])", SEEN_LOW) is not None


def keep_unheld(values):
    DROPPED.extend(v for v in values if held_by_others(v))
    return [v for v in values if not held_by_others(v)]


def choice(seq):
    return seq[RNG.randrange(len(seq))]


def rint(lo, hi):
    return RNG.randint(lo, hi)


def nd(count):
    return "".join(choice("0123456789") for _ in range(count))


# ------------------------------------------------------------ people --------
# Per language: families common there, (given names, surnames), typed by hand.
FAMILIES = {
    "en": [
        ("Welsh", ["Rhys", "Angharad", "Gethin", "Ffion", "Iolo", "Bethan"],
         ["Pritchard", "Llewellyn", "Prosser", "Gwynne", "ap Dafydd", "Bowen-Jones"]),
        ("Irish", ["Siobhán", "Pádraig", "Aoife", "Cathal"], ["Ní Bhriain", "Fitzmaurice", "McGuinness", "Ó Súilleabháin"]),
        ("Punjabi Sikh", ["Gurpreet", "Harjit", "Manpreet", "Jaswinder"], ["Sandhu", "Dhillon", "Grewal", "Bains"]),
        ("Somali", ["Abdirahman", "Hodan", "Mahad", "Ubah"], ["Warsame", "Jama", "Farah-Hassan", "Abdille"]),
        ("Lithuanian", ["Vytautas", "Rūta", "Mindaugas", "Aušra"], ["Kazlauskas", "Petrauskienė", "Jankauskas", "Žukauskas"]),
        ("Shetland", ["Magnus", "Thora", "Erling", "Inga"], ["Tulloch", "Rendall", "Isbister", "Flett"]),
    ],
    "de": [
        ("North Frisian", ["Momme", "Ipke", "Thies", "Inken", "Boy", "Keike"],
         ["Ketelsen", "Nissen", "Petersen-Jessen", "Boysen", "Carstensen", "Hansen-Lorenzen"]),
        ("Bavarian", ["Korbinian", "Vroni", "Sepp", "Resi"], ["Gschwendtner", "Pfisterer", "Obermaier", "Huber-Moosbauer"]),
        ("Russian German", ["Jewgenij", "Swetlana", "Waldemar", "Olga"], ["Giesbrecht", "Dück", "Penner", "Reimer"]),
        ("Syrian", ["Abdulkarim", "Rasha", "Yamen", "Ghalia"], ["Al-Halabi", "Haddad", "Sabbagh", "Khoury"]),
        ("Croatian", ["Ivica", "Snježana", "Dražen", "Marija"], ["Kovačević", "Perković", "Jurić", "Babić"]),
        ("Polish", ["Grzegorz", "Bożena", "Tadeusz", "Jadwiga"], ["Szczepański", "Wróblewska", "Dąbrowski", "Lewandowski-Kohl"]),
    ],
    "fr": [
        ("Alsatian", ["Fernand", "Odile", "Joseph", "Marthe", "Aloïse", "Théo"],
         ["Schaeffer", "Wendling", "Ehrhart", "Zimmermann", "Heitz", "Kieffer"]),
        ("Gascon", ["Bernat", "Jacqueline", "Guilhem", "Pèire"], ["Lacoste", "Dupouy", "Larrieu", "Castagnet"]),
        ("Portuguese French", ["João", "Conceição", "Manuel", "Rosa"], ["Ferreira da Silva", "Gonçalves", "Teixeira", "Pinto"]),
        ("Comorian", ["Soilihi", "Mariama", "Ahmed", "Zaharia"], ["Attoumani", "Madi", "Combo", "Abdallah"]),
        ("Antillean", ["Josué", "Murielle", "Rodrigue", "Ketty"], ["Jean-Baptiste", "Lubin", "Bellance", "Vélasques"]),
        ("Savoyard", ["Aimé", "Germaine", "Clovis", "Lucienne"], ["Perrollaz", "Mugnier", "Excoffier", "Tissot"]),
    ],
    "es": [
        ("Catalan", ["Jordi", "Montserrat", "Pau", "Núria", "Oriol", "Mireia"],
         ["Vilaró", "Casadevall", "Soler i Bosch", "Pujolràs", "Roca", "Puigvert"]),
        ("Asturian", ["Xuan", "Covadonga", "Pelayo", "Xuana"], ["Fernández-Llaneza", "Cueto", "Menéndez Vigil", "Tuñón"]),
        ("Canarian", ["Yeray", "Cathaysa", "Airam", "Acerina"], ["Perdomo", "Betancort", "Hernández Umpiérrez", "Cabrera Cabrera"]),
        ("Moroccan Spanish", ["Hamid", "Latifa", "Youssef", "Zineb"], ["El Idrissi", "Benali", "Ouahbi", "Tazi"]),
        ("Colombian", ["Yeison", "Leidy", "Jhon Fredy", "Daniela"], ["Ospina", "Quintero Gallego", "Restrepo", "Zuluaga"]),
        ("Peruvian", ["Wilmer", "Yaneth", "Edwin", "Rosa Elvira"], ["Quispe", "Mamani", "Huamán", "Ccori"]),
    ],
    "it": [
        ("Ladin", ["Hubert", "Irma", "Luis", "Erica", "Lois", "Martina"],
         ["Kostner", "Pescosta", "Runggaldier", "Demetz", "Senoner", "Insam"]),
        ("Neapolitan", ["Gennaro", "Carmela", "Ciro", "Immacolata"], ["Esposito", "Capasso", "Scognamiglio", "De Rosa"]),
        ("Venetian", ["Bepi", "Nives", "Toni", "Mirella"], ["Bortolussi", "Dal Moro", "Zanetti", "Scarpa"]),
        ("Chinese Italian", ["Wei", "Xiaoling", "Jun", "Meilin"], ["Hu", "Zhou", "Chen", "Ye"]),
        ("Arbëreshë", ["Giorgio", "Liboria", "Demetrio", "Serafina"], ["Bellusci", "Straticò", "Lopes", "Cucci"]),
        ("Ukrainian", ["Oksana", "Taras", "Halyna", "Bohdan"], ["Shevchuk", "Kovalenko", "Bondarenko", "Melnyk"]),
    ],
    "nl": [
        ("Groningen", ["Harm", "Geesje", "Roelf", "Aaltje", "Eltjo", "Grietje"],
         ["Dijkhuis", "Wubbena", "Kuiper-Bos", "Oosterhuis", "Mulder-Tiktak", "Bakker"]),
        ("Brabant", ["Toon", "Jet", "Driek", "Mieke"], ["van den Heuvel", "Verhoeven", "van Lieshout", "Smulders"]),
        ("Moluccan", ["Ruben", "Femmy", "Johnny", "Elly"], ["Pattiradjawane", "Latuheru", "Sahetapy", "Wattimena"]),
        ("Turkish Dutch", ["Kemal", "Hatice", "Burak", "Ayşe"], ["Demir", "Çelik", "Doğan", "Yılmaz-Kaya"]),
        ("Twente", ["Gerrit", "Dinie", "Hennie", "Jan-Willem"], ["Nijhuis", "Oude Wesselink", "Brinkhuis", "ter Horst"]),
        ("Cape Verdean", ["Nelson", "Djenifer", "Adilson", "Vanusa"], ["Lopes Tavares", "Fortes", "Monteiro", "Delgado"]),
    ],
}


def people_of(lang):
    pairs = [(g, s) for _, givens, surnames in FAMILIES[lang] for g in givens for s in surnames]
    RNG.shuffle(pairs)
    kept = []
    for g, s in pairs:
        if held_by_others(f"{g} {s}"):
            DROPPED.append(f"{g} {s}")
        else:
            kept.append((g, s))
    return kept


PEOPLE = {lang: people_of(lang) for lang in LANGS}

# ------------------------------------------------------------ places of people --------
TOWNS = {lang: keep_unheld(ts) for lang, ts in {
    "en": ["Lerwick", "Scalloway", "Brae", "Kirkwall", "Llandovery", "Llanidloes", "Machynlleth",
           "Rhayader", "Crickhowell", "Narberth", "Aberaeron", "Lampeter", "Bala", "Corwen",
           "Ruthin", "Llanrwst", "Beaumaris", "Amlwch", "Spalding", "Louth", "Sleaford",
           "Holbeach", "Market Rasen", "Caistor", "Brigg", "Frodsham", "Nantwich", "Tarporley",
           "Malpas", "Wem", "Ellesmere", "Bishop's Castle", "Clun", "Knighton", "Presteigne", "Kington"],
    "de": ["Wolgast", "Anklam", "Pasewalk", "Ueckermünde", "Barth", "Grimmen", "Tribsees",
           "Papenburg", "Haselünne", "Sögel", "Freren", "Dingolfing", "Vilsbiburg", "Eggenfelden",
           "Pfarrkirchen", "Mühldorf am Inn", "Burghausen", "Trostberg", "Traunreut", "Kelheim",
           "Abensberg", "Mainburg", "Riedenburg", "Beilngries", "Berching", "Dinkelsbühl",
           "Feuchtwangen", "Wassertrüdingen", "Gunzenhausen", "Treuchtlingen", "Hilpoltstein", "Bredstedt"],
    "fr": ["Sélestat", "Obernai", "Barr", "Molsheim", "Wissembourg", "Saverne", "Bouxwiller",
           "Ribeauvillé", "Guebwiller", "Thann", "Orthez", "Oloron-Sainte-Marie", "Mauléon-Licharre",
           "Salies-de-Béarn", "Nogaro", "Eauze", "Lectoure", "Mirande", "Vic-Fezensac",
           "Albertville", "Moûtiers", "Bourg-Saint-Maurice", "Saint-Jean-de-Maurienne", "Modane",
           "Thônes", "Cluses", "Sallanches", "Rumilly", "Seyssel", "Condom",
           "Navarrenx", "Sauveterre-de-Béarn", "Hagetmau", "Saint-Sever", "Riscle", "Marciac", "Masseube", "Samatan", "Lombez", "Kaysersberg", "Turckheim", "Rouffach", "Masevaux", "Ferrette", "Altkirch", "Saint-Amarin", "Ugine", "Aime", "Bozel", "Samoëns", "Taninges"],
    "es": ["Olot", "Ripoll", "Berga", "Solsona", "Banyoles", "Tàrrega", "Cervera", "Balaguer",
           "Tremp", "Puigcerdà", "Cangas de Onís", "Llanes", "Ribadesella", "Luarca", "Navia",
           "Tineo", "Pravia", "Infiesto", "Teguise", "Haría", "Tinajo", "Yaiza", "Gáldar", "Agaete",
           "Arucas", "Teror", "Icod de los Vinos", "Garachico", "Valverde", "Vic",
           "Vielha", "Organyà", "Agramunt", "Guissona", "Cardona", "Manlleu", "Torelló", "Camprodon", "Salas", "Cangas del Narcea", "Villaviciosa", "Colunga", "Nava", "Tías", "Moya", "Firgas", "Santa Brígida", "Vallehermoso", "Hermigua", "Tazacorte"],
    "it": ["Ortisei", "Selva di Val Gardena", "Castelrotto", "Chiusa", "Bressanone", "Brunico",
           "Vipiteno", "Nola", "Sarno", "Agerola", "Vico Equense", "Piano di Sorrento",
           "Castellabate", "Agropoli", "Vallo della Lucania", "Sapri", "Chioggia", "Portogruaro",
           "Caorle", "Oderzo", "Conegliano", "Vittorio Veneto", "Feltre", "Asolo",
           "Bassano del Grappa", "Marostica", "Thiene", "Schio", "Este", "Monselice", "Montagnana"],
    "nl": ["Appingedam", "Delfzijl", "Winschoten", "Ter Apel", "Stadskanaal", "Veendam",
           "Uithuizen", "Warffum", "Zuidhorn", "Leek", "Oss", "Uden", "Veghel", "Boxtel",
           "Oisterwijk", "Waalwijk", "Dongen", "Gemert", "Deurne", "Asten", "Someren", "Oldenzaal",
           "Losser", "Haaksbergen", "Rijssen", "Goor", "Delden", "Ootmarsum", "Tubbergen", "Vriezenveen", "Nijverdal",
           "Bedum", "Loppersum", "Marum", "Grootegast", "Slochteren", "Nieuweschans", "Bellingwolde", "Musselkanaal", "Schoonebeek", "Ommen", "Dalfsen", "Raalte", "Hellendoorn", "Wierden", "Markelo", "Diepenheim", "Neede", "Eibergen", "Sint-Oedenrode", "Schijndel", "Heeswijk-Dinther", "Boekel", "Cuijk", "Megen", "Ravenstein"],
}.items()}

STREET_NAMES = {
    "en": ["Commercial Road", "Hillhead", "King Harald Street", "Heol y Bont", "Bridge End",
           "Castle Square", "Sheep Street", "Watergate", "Broad Street", "Pen y Bryn",
           "Maengwyn Street", "Nelson Terrace"],
    "de": ["Lange Straße", "Am Fischmarkt", "Ludwigstraße", "Hauptstraße", "Bahnhofstraße",
           "Stadtplatz", "Kirchgasse", "Friedrich-Ebert-Straße", "Brunnenweg", "Am Hafen",
           "Sankt-Georgs-Platz", "Theodor-Storm-Straße"],
    "fr": ["rue du Général-Leclerc", "grande rue", "rue des Tanneurs", "place du Marché",
           "rue Saint-Nicolas", "avenue de la Gare", "chemin des Vignes", "rue Pierre-Brossolette",
           "route de Pau", "rue du Château", "place de l'Église", "allée des Tilleuls"],
    "es": ["Carrer Major", "Calle Uría", "Calle León y Castillo", "Avenida de Galicia",
           "Carrer de Sant Pere", "Plaza de la Constitución", "Calle Pérez Galdós",
           "Passeig de la Rambla", "Calle La Marina", "Calle Doctor Fleming", "Camino Real",
           "Travesía del Muelle"],
    "it": ["Via Rezia", "Strada Statale 18", "Riva Vena", "Via Meda", "Corso Matteotti",
           "Via Nazario Sauro", "Calle Larga", "Piazza Libertà", "Via Pedemontana",
           "Viale della Vittoria", "Via Vittorio Veneto", "Contrà Porta Padova"],
    "nl": ["Dijkstraat", "Markt", "Nieuwstraat", "Bisschop Zwijsenstraat", "Grotestraat",
           "Hengelosestraat", "Kerkplein", "Burgemeester van Royensingel", "Lindenlaan",
           "Oldenzaalsestraat", "Heuvel", "Koestraat"],
}


def house_line(lang):
    """Street and house number as one LOCATION, in the country's order."""
    street, no = choice(STREET_NAMES[lang]), rint(1, 140)
    return {
        "en": lambda: f"{no}{choice(['', '', 'a'])} {street}",
        "fr": lambda: f"{no}{choice(['', ' ter', ' bis', ''])} {street}",
        "es": lambda: choice([f"{street}, {no}", f"{street} {no}, {choice(['4.º 1.ª', '2.º A', 'bajo B'])}"]),
        "it": lambda: choice([f"{street} {no}", f"{street}, {no}/{choice('BCD')}"]),
        "de": lambda: f"{street} {no}{choice(['', 'c', ''])}",
        "nl": lambda: f"{street} {no}{choice(['', '', 'A', '-3'])}",
    }[lang]()


def postcode(lang):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return {
        "en": lambda: f"{choice(['ZE', 'KW', 'SA', 'SY', 'LL', 'PE', 'LN', 'DN', 'WA', 'CW', 'LD', 'HR'])}{rint(1, 23)} {rint(0, 9)}{choice(letters)}{choice(letters)}",
        "de": lambda: f"{choice(['17', '26', '49', '84', '83', '93', '91', '25'])}{nd(3)}",
        "fr": lambda: f"{choice(['67', '68', '64', '32', '73', '74'])}{rint(0, 9)}{nd(2)}",
        "es": lambda: f"{choice(['17', '08', '25', '33', '35', '38'])}{nd(3)}",
        "it": lambda: f"{choice(['39', '80', '84', '30', '31', '32', '36', '35'])}0{nd(2)}",
        "nl": lambda: f"{rint(9900, 9999) if RNG.random() < 0.3 else choice([rint(5340, 5469), rint(7500, 7699)])} {choice('BCEGHJKLMNPRSTVWXZ')}{choice('BCEGHJKLMNPRSTVWXZ')}",
    }[lang]()


def full_address(lang, town):
    """Pieces of a street line, postcode and town in the country's layout."""
    street = ("LOCATION", house_line(lang))
    code, place = ("LOCATION", postcode(lang)), ("LOCATION", town)
    if lang == "en":
        return [street, ", ", place, " ", code]
    return [street, ", ", code, " ", place]


# ------------------------------------------------------------ numbers of people --------
def phone(lang):
    """A number in a range of the national plan, written as people there write it."""
    forms = {
        "en": [lambda: f"01595 {rint(6, 8)}{nd(5)}", lambda: f"07{rint(400, 599)} {nd(6)}",
               lambda: f"+44 1650 {nd(6)}", lambda: f"(01970) {rint(6, 8)}{nd(5)}"],
        "de": [lambda: f"03836 {rint(2, 9)}{nd(5)}", lambda: f"0171 {nd(7)}",
               lambda: f"+49 8731 {nd(5)}", lambda: f"08671/{nd(5)}"],
        "fr": [lambda: f"03 88 {nd(2)} {nd(2)} {nd(2)}", lambda: f"06 {nd(2)} {nd(2)} {nd(2)} {nd(2)}",
               lambda: f"+33 5 59 {nd(2)} {nd(2)} {nd(2)}", lambda: f"04.79.{nd(2)}.{nd(2)}.{nd(2)}"],
        "es": [lambda: f"972 {nd(3)} {nd(3)}", lambda: f"6{rint(10, 99)} {nd(3)} {nd(3)}",
               lambda: f"+34 985 {nd(2)} {nd(2)} {nd(2)}", lambda: f"928 {nd(6)}"],
        "it": [lambda: f"0471 {nd(6)}", lambda: f"3{rint(20, 49)} {nd(3)} {nd(4)}",
               lambda: f"+39 081 {nd(3)} {nd(4)}", lambda: f"041-{nd(7)}"],
        "nl": [lambda: f"0596-{nd(6)}", lambda: f"06 {nd(4)} {nd(4)}",
               lambda: f"+31 413 {nd(6)}", lambda: f"(0541) {nd(3)} {nd(3)}"],
    }
    return choice(forms[lang])()


MONTH_NAMES = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def day_text(lang, first, last):
    """A date between years first and last, in words or in the country's numbers."""
    d, m, y = rint(1, 28), rint(1, 12), rint(first, last)
    month = MONTH_NAMES[lang].split()[m - 1]
    if RNG.random() < 0.5:
        return {
            "en": f"{d} {month} {y}", "de": f"{d}. {month} {y}", "fr": f"{d} {month} {y}",
            "es": f"{d} de {month} de {y}", "it": f"{d} {month} {y}", "nl": f"{d} {month} {y}",
        }[lang]
    sep = {"en": "/", "de": ".", "fr": "/", "es": "/", "it": "/", "nl": "-"}[lang]
    return f"{d:02d}{sep}{m:02d}{sep}{y}"


def luhn_complete(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        k = int(ch) * (1 + (i + 1) % 2)
        s += k // 10 + k % 10
    return body + str(-s % 10)


def card_number():
    first = choice(["4", "4", str(rint(51, 55)), str(rint(2221, 2720))])
    n = luhn_complete(first + nd(15 - len(first)))
    return choice([n, f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}", f"{n[:4]}-{n[4:8]}-{n[8:12]}-{n[12:]}"])


def iban_of(lang):
    country, bban = {
        "en": ("GB", lambda: choice(["MIDL", "BARC", "CLYD", "NAIA"]) + nd(14)),
        "de": ("DE", lambda: nd(18)),
        "fr": ("FR", lambda: nd(10) + choice("BCDEFLMNPR") + nd(12)),
        "es": ("ES", lambda: nd(20)),
        "it": ("IT", lambda: choice("BCDEFGHLMNPRSTVXZ") + nd(22)),
        "nl": ("NL", lambda: choice(["INGB", "SNSB", "TRIO", "BUNQ"]) + nd(10)),
    }[lang]
    b = bban()
    check = 98 - int("".join(str(int(ch, 36)) for ch in b + country + "00")) % 97
    whole = f"{country}{check:02d}{b}"
    return choice([whole, " ".join(whole[i:i + 4] for i in range(0, len(whole), 4))])


def record_number():
    return choice([nd(7), f"{choice('HKR')}{nd(6)}", f"{nd(3)}-{nd(3)}-{nd(3)}", f"{nd(2)}/{nd(6)}"])


MAIL_DOMAINS = ["outlook.com", "icloud.com", "gmx.de", "web.de", "orange.fr", "free.fr",
                "telefonica.net", "hotmail.es", "libero.it", "tiscali.it", "kpnmail.nl",
                "planet.nl", "gmail.com", "mailbox.org"]


def mail_of(given, surname):
    fold = lambda s: re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower())
    g, s = fold(given), fold(surname)
    return choice([f"{g}.{s}", f"{g}{s[:1]}{rint(70, 99)}", f"{g[:1]}{s}", f"{s}.{g}"]) + "@" + choice(MAIL_DOMAINS)


# ------------------------------------------------------------ PII texts --------
# Slots: <<pA>> full name, <<gA>> given name, <<sA>> surname, <<SA>> surname in capitals,
# <<mA>> e-mail, for people A-E; <<addr>> street, postcode and town; <<street>>,
# <<town>>, <<town2>>, <<phone>>, <<phone2>>, <<dob>>, <<mrn>>, <<iban>>, <<card>>
# (values); <<day>>, <<n>> (plain text).
PII_TEMPLATES = {
    "en": [
        "Summarise this group chat for someone who missed it:\n[07:52] <<gA>>: bus from <<town>> cancelled again, I'll be 20 min late\n[07:55] <<gB>>: no worries, <<gC>> has the keys\n[08:03] <<gC>>: opened up. Can someone ring <<pD>>? Her number is <<phone>>\n[08:10] <<gA>>: 👍",
        "Turn this rota into a table with one row per day:\nMon early – <<gA>>, <<gB>>\nMon late – <<pC>>\nTue early – <<gB>> (swapped with <<gD>>)\nTue late – <<gA>> + <<gE>>\nOn call all week: <<pD>>, <<phone>>",
        "Tidy up these minutes of the residents' association meeting of <<day>>:\nPresent: <<pA>> (chair), <<pB>>, <<pC>>\nApologies: <<gD>> <<sD>>\n1. Potholes on <<street>> – <<gA>> to write to the council again.\n2. Treasurer's report: <<gB>> says the account has £1,240.",
        "Make a seating plan for ten from this guest list:\n- <<pA>> (vegetarian)\n- <<pB>> + partner\n- <<gC>> <<sC>>, needs a chair near the door\n- Grandma <<gD>>\n- <<pE>> – arrives late from <<town>>",
        "Check this delivery note for mistakes before I print it:\nDeliver to: <<pA>>\n<<addr>>\nTel: <<phone>>\nIf out, leave with <<gB>> at number 14. Paid by card <<card>>.",
        "Rewrite this HR note in neutral language: <<pA>> (born <<dob>>) has been off sick since <<day>>. Her line manager, <<pB>>, wants a return-to-work meeting. Sick pay to <<iban>>. Contact: <<mA>>.",
        "Is this forum post OK to publish? \"Hi all, we moved to <<town>> last spring and our builder, <<pB>>, has vanished with a £3,000 deposit. If anyone in <<town2>> knows him, message me – <<gA>>.\"",
        "Turn this ward handover into a short list of actions:\nBay 2: <<SA>>, <<gA>>, <<mrn>>, DOB <<dob>>, post-op day 1, obs stable.\nBay 4: <<pB>>, falls risk, daughter <<gC>> visiting at 3.\nNight nurse: <<gD>>.",
    ],
    "de": [
        "Fass diesen Gruppenchat für jemanden zusammen, der nicht dabei war:\n[07:52] <<gA>>: Bus aus <<town>> fällt wieder aus, bin 20 Min später da\n[07:55] <<gB>>: kein Problem, <<gC>> hat den Schlüssel\n[08:03] <<gC>>: hab aufgesperrt. Kann jemand <<pD>> anrufen? Nummer: <<phone>>\n[08:10] <<gA>>: 👍",
        "Mach aus diesem Dienstplan eine Tabelle mit einer Zeile pro Tag:\nMo Früh – <<gA>>, <<gB>>\nMo Spät – <<pC>>\nDi Früh – <<gB>> (getauscht mit <<gD>>)\nDi Spät – <<gA>> + <<gE>>\nRufbereitschaft: <<pD>>, <<phone>>",
        "Bring dieses Protokoll der Mieterversammlung vom <<day>> in Form:\nAnwesend: <<pA>> (Vorsitz), <<pB>>, <<pC>>\nEntschuldigt: <<gD>> <<sD>>\nTOP 1: Schlaglöcher in der <<street>> – <<gA>> schreibt noch einmal an die Gemeinde.\nTOP 2: Kassenbericht: laut <<gB>> sind 1.240 € in der Kasse.",
        "Mach einen Sitzplan für zehn Personen aus dieser Gästeliste:\n- <<pA>> (vegetarisch)\n- <<pB>> mit Partner\n- <<gC>> <<sC>>, braucht einen Platz an der Tür\n- Oma <<gD>>\n- <<pE>> – kommt später aus <<town>>",
        "Prüf diesen Lieferschein auf Fehler, bevor ich ihn drucke:\nLieferadresse: <<pA>>\n<<addr>>\nTel.: <<phone>>\nFalls nicht da, bei <<gB>> in Nr. 14 abgeben. Bezahlt mit Karte <<card>>.",
        "Formuliere diese Personalnotiz neutral: <<pA>> (geb. <<dob>>) ist seit dem <<day>> krankgeschrieben. Ihr Vorgesetzter <<pB>> möchte ein BEM-Gespräch. Krankengeld auf <<iban>>. Kontakt: <<mA>>.",
        "Kann ich diesen Forenbeitrag so posten? \"Hallo zusammen, wir sind letztes Frühjahr nach <<town>> gezogen und unser Handwerker <<pB>> ist mit 3.000 € Anzahlung verschwunden. Falls ihn jemand in <<town2>> kennt, meldet euch – <<gA>>.\"",
        "Mach aus dieser Stationsübergabe eine kurze Aufgabenliste:\nZi. 2: <<SA>>, <<gA>>, <<mrn>>, geb. <<dob>>, 1. postop. Tag, Vitalwerte stabil.\nZi. 4: <<pB>>, sturzgefährdet, Tochter <<gC>> kommt um 15 Uhr.\nNachtdienst: <<gD>>.",
    ],
    "fr": [
        "Résume cette conversation de groupe pour quelqu'un qui l'a ratée :\n[07:52] <<gA>> : le car de <<town>> est encore supprimé, j'aurai 20 min de retard\n[07:55] <<gB>> : pas de souci, <<gC>> a les clés\n[08:03] <<gC>> : c'est ouvert. Quelqu'un peut appeler <<pD>> ? Son numéro : <<phone>>\n[08:10] <<gA>> : 👍",
        "Transforme ce planning en tableau, une ligne par jour :\nLun matin – <<gA>>, <<gB>>\nLun soir – <<pC>>\nMar matin – <<gB>> (échangé avec <<gD>>)\nMar soir – <<gA>> + <<gE>>\nAstreinte toute la semaine : <<pD>>, <<phone>>",
        "Mets au propre ce compte rendu de l'assemblée des locataires du <<day>> :\nPrésents : <<pA>> (président), <<pB>>, <<pC>>\nExcusé : <<gD>> <<sD>>\n1. Nids-de-poule <<street>> – <<gA>> relance la mairie.\n2. Trésorerie : d'après <<gB>>, il reste 1 240 € en caisse.",
        "Fais un plan de table pour dix à partir de cette liste d'invités :\n- <<pA>> (végétarienne)\n- <<pB>> et son conjoint\n- <<gC>> <<sC>>, a besoin d'une chaise près de la porte\n- Mamie <<gD>>\n- <<pE>> – arrive tard de <<town>>",
        "Vérifie ce bon de livraison avant que je l'imprime :\nLivrer à : <<pA>>\n<<addr>>\nTél. : <<phone>>\nEn cas d'absence, laisser chez <<gB>> au n° 14. Payé par carte <<card>>.",
        "Reformule cette note RH de façon neutre : <<pA>> (née le <<dob>>) est en arrêt maladie depuis le <<day>>. Son responsable, <<pB>>, souhaite un entretien de reprise. Indemnités sur <<iban>>. Contact : <<mA>>.",
        "Ce message de forum peut-il être publié ? « Bonjour à tous, nous avons emménagé à <<town>> au printemps et notre artisan, <<pB>>, a disparu avec un acompte de 3 000 €. Si quelqu'un à <<town2>> le connaît, écrivez-moi – <<gA>>. »",
        "Transforme ces transmissions infirmières en liste d'actions :\nCh. 2 : <<SA>> <<gA>>, IPP <<mrn>>, née le <<dob>>, J1 post-op, constantes stables.\nCh. 4 : <<pB>>, risque de chute, sa fille <<gC>> passe à 15 h.\nInfirmière de nuit : <<gD>>.",
    ],
    "es": [
        "Resume este chat de grupo para alguien que no lo ha visto:\n[07:52] <<gA>>: el autobús de <<town>> vuelve a estar cancelado, llego 20 min tarde\n[07:55] <<gB>>: tranqui, <<gC>> tiene las llaves\n[08:03] <<gC>>: ya está abierto. ¿Alguien puede llamar a <<pD>>? Su número: <<phone>>\n[08:10] <<gA>>: 👍",
        "Convierte este cuadrante de turnos en una tabla con una fila por día:\nLun mañana – <<gA>>, <<gB>>\nLun tarde – <<pC>>\nMar mañana – <<gB>> (cambiado con <<gD>>)\nMar tarde – <<gA>> + <<gE>>\nGuardia toda la semana: <<pD>>, <<phone>>",
        "Pasa a limpio el acta de la reunión de vecinos del <<day>>:\nAsistentes: <<pA>> (presidenta), <<pB>>, <<pC>>\nExcusa su ausencia: <<gD>> <<sD>>\n1. Baches en <<street>>: <<gA>> volverá a escribir al ayuntamiento.\n2. Cuentas: según <<gB>>, quedan 1.240 € en caja.",
        "Haz un plan de mesas para diez con esta lista de invitados:\n- <<pA>> (vegetariana)\n- <<pB>> y pareja\n- <<gC>> <<sC>>, necesita una silla junto a la puerta\n- La abuela <<gD>>\n- <<pE>> – llega tarde desde <<town>>",
        "Revisa este albarán de entrega antes de imprimirlo:\nEntregar a: <<pA>>\n<<addr>>\nTel.: <<phone>>\nSi no está, dejar a <<gB>> en el n.º 14. Pagado con tarjeta <<card>>.",
        "Reescribe esta nota de RR. HH. en tono neutro: <<pA>> (nacida el <<dob>>) está de baja desde el <<day>>. Su responsable, <<pB>>, quiere una reunión de reincorporación. Prestación a la cuenta <<iban>>. Contacto: <<mA>>.",
        "¿Puedo publicar este mensaje en el foro? «Hola a todos, nos mudamos a <<town>> la primavera pasada y nuestro albañil, <<pB>>, ha desaparecido con 3.000 € de señal. Si alguien de <<town2>> lo conoce, que me escriba – <<gA>>.»",
        "Convierte este relevo de enfermería en una lista de tareas:\nHab. 2: <<SA>>, <<gA>>, NHC <<mrn>>, F. nac. <<dob>>, primer día postoperatorio, constantes estables.\nHab. 4: <<pB>>, riesgo de caídas, su hija <<gC>> viene a las 15:00.\nEnfermera de noche: <<gD>>.",
    ],
    "it": [
        "Riassumi questa chat di gruppo per chi se l'è persa:\n[07:52] <<gA>>: la corriera da <<town>> è di nuovo soppressa, arrivo con 20 min di ritardo\n[07:55] <<gB>>: tranquilla, le chiavi le ha <<gC>>\n[08:03] <<gC>>: aperto. Qualcuno può chiamare <<pD>>? Il numero è <<phone>>\n[08:10] <<gA>>: 👍",
        "Trasforma questi turni in una tabella con una riga per giorno:\nLun mattina – <<gA>>, <<gB>>\nLun pomeriggio – <<pC>>\nMar mattina – <<gB>> (scambio con <<gD>>)\nMar pomeriggio – <<gA>> + <<gE>>\nReperibile tutta la settimana: <<pD>>, <<phone>>",
        "Sistema il verbale dell'assemblea condominiale del <<day>>:\nPresenti: <<pA>> (amministratore), <<pB>>, <<pC>>\nAssente giustificato: <<gD>> <<sD>>\n1. Buche in <<street>>: <<gA>> riscrive al Comune.\n2. Cassa: secondo <<gB>> restano 1.240 €.",
        "Fai una disposizione dei tavoli per dieci da questa lista di invitati:\n- <<pA>> (vegetariana)\n- <<pB>> più accompagnatore\n- <<gC>> <<sC>>, le serve una sedia vicino alla porta\n- Nonna <<gD>>\n- <<pE>> – arriva tardi da <<town>>",
        "Controlla questa bolla di consegna prima che la stampi:\nConsegnare a: <<pA>>\n<<addr>>\nTel. <<phone>>\nSe assente, lasciare a <<gB>> al civico 14. Pagato con carta <<card>>.",
        "Riformula questa nota del personale in modo neutro: <<pA>> (nata il <<dob>>) è in malattia dal <<day>>. Il suo responsabile, <<pB>>, chiede un colloquio di rientro. Indennità sull'IBAN <<iban>>. Contatto: <<mA>>.",
        "Posso pubblicare questo post sul forum? «Ciao a tutti, ci siamo trasferiti a <<town>> la primavera scorsa e il nostro muratore, <<pB>>, è sparito con 3.000 € di acconto. Se qualcuno a <<town2>> lo conosce, scrivetemi – <<gA>>.»",
        "Trasforma questa consegna infermieristica in un elenco di cose da fare:\nLetto 2: <<SA>> <<gA>>, cartella <<mrn>>, nata il <<dob>>, prima giornata post-op, parametri stabili.\nLetto 4: <<pB>>, rischio cadute, la figlia <<gC>> passa alle 15.\nNotte: <<gD>>.",
    ],
    "nl": [
        "Vat deze groepsapp samen voor iemand die hem gemist heeft:\n[07:52] <<gA>>: bus uit <<town>> valt weer uit, ben 20 min later\n[07:55] <<gB>>: geen probleem, <<gC>> heeft de sleutels\n[08:03] <<gC>>: is open. Kan iemand <<pD>> bellen? Nummer: <<phone>>\n[08:10] <<gA>>: 👍",
        "Zet dit rooster om in een tabel met één regel per dag:\nMa vroeg – <<gA>>, <<gB>>\nMa laat – <<pC>>\nDi vroeg – <<gB>> (geruild met <<gD>>)\nDi laat – <<gA>> + <<gE>>\nBereikbaarheidsdienst hele week: <<pD>>, <<phone>>",
        "Werk deze notulen van de bewonersvergadering van <<day>> netjes uit:\nAanwezig: <<pA>> (voorzitter), <<pB>>, <<pC>>\nAfwezig met kennisgeving: <<gD>> <<sD>>\n1. Gaten in de weg aan de <<street>>: <<gA>> schrijft de gemeente opnieuw aan.\n2. Kas: volgens <<gB>> is er nog € 1.240.",
        "Maak een tafelschikking voor tien uit deze gastenlijst:\n- <<pA>> (vegetarisch)\n- <<pB>> + partner\n- <<gC>> <<sC>>, heeft een stoel bij de deur nodig\n- Oma <<gD>>\n- <<pE>> – komt later uit <<town>>",
        "Controleer deze pakbon voordat ik hem print:\nAfleveren bij: <<pA>>\n<<addr>>\nTel.: <<phone>>\nNiet thuis? Afgeven bij <<gB>> op nummer 14. Betaald met kaart <<card>>.",
        "Herschrijf deze HR-notitie neutraal: <<pA>> (geboren <<dob>>) is sinds <<day>> ziek gemeld. Haar leidinggevende, <<pB>>, wil een re-integratiegesprek. Uitkering op <<iban>>. Contact: <<mA>>.",
        "Kan ik dit forumbericht zo plaatsen? \"Hoi allemaal, we zijn vorig voorjaar naar <<town>> verhuisd en onze aannemer, <<pB>>, is met € 3.000 aanbetaling verdwenen. Kent iemand in <<town2>> hem? Stuur me een bericht – <<gA>>.\"",
        "Maak van deze overdracht een korte actielijst:\nKamer 2: <<SA>>, <<gA>>, patiëntnr. <<mrn>>, geb. <<dob>>, dag 1 na de operatie, controles stabiel.\nKamer 4: <<pB>>, valrisico, dochter <<gC>> komt om 15.00 uur.\nNachtdienst: <<gD>>.",
    ],
}


def fill_pii(lang, template):
    """(text, spans) of one PII template with fresh people, places and numbers."""
    folks = dict(zip("ABCDE", RNG.sample(PEOPLE[lang], 5)))
    town, town2 = RNG.sample(TOWNS[lang], 2)
    pieces = []
    for part in re.split(r"(<<\w+>>)", template):
        slot = re.fullmatch(r"<<(\w+)>>", part)
        if not slot:
            pieces.append((None, part))
            continue
        key = slot.group(1)
        if len(key) == 2 and key[1] in folks:
            given, surname = folks[key[1]]
            kind = key[0]
            if kind == "m":
                pieces.append(("EMAIL_ADDRESS", mail_of(given, surname)))
            else:
                pieces.append(("PERSON", {"p": f"{given} {surname}", "g": given, "s": surname, "S": surname.upper()}[kind]))
        elif key == "addr":
            pieces.extend((None, x) if isinstance(x, str) else x for x in full_address(lang, town))
        else:
            pieces.append({
                "street": lambda: ("LOCATION", house_line(lang)),
                "town": lambda: ("LOCATION", town),
                "town2": lambda: ("LOCATION", town2),
                "phone": lambda: ("PHONE_NUMBER", phone(lang)),
                "dob": lambda: ("DATE_OF_BIRTH", day_text(lang, 1931, 2006)),
                "mrn": lambda: ("MEDICAL_RECORD_NUMBER", record_number()),
                "iban": lambda: ("IBAN_CODE", iban_of(lang)),
                "card": lambda: ("CREDIT_CARD", card_number()),
                "day": lambda: (None, day_text(lang, 2025, 2026)),
                "n": lambda: (None, str(rint(1000, 99999))),
            }[key]())
    text, spans = "", []
    for entity, value in pieces:
        if entity:
            at = len(text.encode())
            spans.append([entity, at, at + len(value.encode())])
        text += value
    return text, spans


# ------------------------------------------------------------ harmless texts --------
# Capitalised things that are nobody's name or whereabouts, most named after a person or
# a place, each pool filtered against A-N's harmless texts and decoys.
ROOMS = keep_fresh_things([
    "Lovelace", "Hopper", "Noether", "Meitner", "Hypatia", "Faraday", "Kepler", "Tesla",
    "Franklin", "Ramanujan", "Euler", "Gauss", "Fibonacci", "Bohr", "Hawking", "Goodall",
    "Darwin", "Mendel", "Pasteur", "Volta", "Galvani", "Ampère", "Huygens", "Lorentz",
])
STORMS = keep_fresh_things([
    "Storm Agnes", "Storm Babet", "Storm Ciarán", "Storm Debi", "Storm Henk", "Storm Isha",
    "Storm Jocelyn", "Storm Kathleen", "Storm Lilian", "Storm Bert", "Storm Darragh",
    "Storm Éowyn", "Storm Herminia", "Storm Ivo", "Storm Floris", "Storm Amy",
])
VENUES = keep_fresh_things([
    "Estadio Santiago Bernabéu", "Stade Pierre-Mauroy", "Stadio Diego Armando Maradona",
    "Philips Stadion", "Abe Lenstra Stadion", "Fritz-Walter-Stadion", "Ernst-Abbe-Sportfeld",
    "Stade Geoffroy-Guichard", "Estadio Ramón Sánchez-Pizjuán", "Stadio Giuseppe Meazza",
    "Royal Albert Hall", "Wigmore Hall", "Salle Pleyel", "Teatro Massimo", "Gewandhaus",
    "Konzerthaus", "Auditorio Manuel de Falla", "Teatro Donizetti", "Stade Auguste-Delaune",
    "Stadio Artemio Franchi", "Estadio Benito Villamarín", "Johan Cruijff ArenA",
])
CULTIVARS = keep_fresh_things([
    "Gertrude Jekyll", "Ingrid Bergman", "Gloria Dei", "Graham Thomas", "Munstead Wood",
    "Granny Smith", "Cox's Orange Pippin", "Boskoop", "Elstar", "Jonagold", "Golden Delicious",
    "Maris Piper", "King Edward", "Charlotte", "Nicola", "San Marzano", "Marmande",
    "Ailsa Craig", "Bramley", "James Grieve", "Conference", "Doyenné du Comice", "Williams",
])
GRANTS = keep_fresh_things([
    "Marie Skłodowska-Curie fellowship", "Humboldt-Stipendium", "Fulbright scholarship",
    "Erasmus+", "Rhodes scholarship", "prix Femina", "Premio Nadal", "AKO Literatuurprijs", "Max-Planck-Forschungspreis", "Costa Book Award", "Leibniz-Preis", "prix Goncourt", "Premio Cervantes",
    "Premio Strega", "Libris Literatuurprijs", "Booker Prize", "Spinozapremie",
    "Georg-Büchner-Preis", "prix Renaudot", "Premio Planeta", "Premio Campiello",
])
VESSELS = keep_fresh_things([
    "Queen Mary 2", "MS Prinsendam", "Pont-Aven", "Mont St Michel", "Finnmarken",
    "Hamnavoe", "Isle of Mull", "Stena Hollandica", "Moby Aki", "Cruise Roma",
    "Ciudad de Granada", "Villa de Teror", "Peter Pan", "Nils Holgersson", "Helgoland",
    "Gerhart Hauptmann",
])
WINES = keep_fresh_things([
    "Sancerre", "Chablis", "Pouilly-Fumé", "Gevrey-Chambertin", "Riesling", "Rioja",
    "Ribera del Duero", "Priorat", "Rueda", "Barolo", "Barbaresco", "Valpolicella",
    "Montepulciano", "Brunello di Montalcino", "Soave", "Châteauneuf-du-Pape", "Vouvray",
    "Würzburger Stein", "Bernkasteler Doctor", "Piesporter Goldtröpfchen", "Jerez", "Marsala",
])
GOODS = keep_fresh_things([
    "Chesterfield sofa", "Panama hat", "Bermuda shorts", "Wellington boots", "Cardigan",
    "Jacuzzi", "Biro", "Ottoman", "Davenport", "Stetson", "Derby shoes", "Oxford shirt",
    "Balaclava", "Duffle coat", "Mackintosh", "Chantilly cream", "Dijon mustard",
    "Parma ham", "Gouda", "Edam", "Camembert", "Gorgonzola", "Bolognese sauce",
])

HARMLESS_TEMPLATES = {
    "en": [
        "Summarise this team chat:\n[09:02] ops: <<room>> room is booked 10–12, we'll use <<room2>> instead\n[09:05] ops: projector in <<room3>> still broken, ticket #<<n>>\n[09:07] ops: 👍",
        "Make a weekly table from this rota of meeting rooms: Mon – <<room>>, Tue – <<room2>>, Wed – <<room>> + <<room3>>, Thu – closed for cleaning, Fri – <<room2>>.",
        "Clean up these minutes: 1. <<storm>> and <<storm2>> damaged the roof of the sports hall (quote £<<price>>). 2. The trip to the <<venue>> on <<day>> is confirmed. 3. Next meeting in the <<room>> room.",
        "Turn this bullet list into a short paragraph for the garden club newsletter:\n- roses: '<<cultivar>>' and '<<cultivar2>>'\n- apples: '<<cultivar3>>'\n- talk on pruning, <<day>>",
        "Check this order before I send it: 2 × <<goods>>, 1 × <<goods2>>, 6 bottles of <<wine>>, delivery on <<day>>, total £<<price>>.",
        "Write an HR announcement: two of our engineers have won a <<grant>>, and our library now has the shortlist of the <<grant2>>. Drinks on <<day>> in the <<room>> room.",
        "Is this forum post fine? \"Crossing on the <<vessel>> next month, then the <<vessel2>> back. Any tips for a cabin with a dog? We'll bring a case of <<wine>>.\"",
        "Put this event list in date order: <<venue>> concert (<<day>>), wine tasting of <<wine>> and <<wine2>>, the <<storm>> clean-up day, the tour of the <<venue2>>.",
    ],
    "de": [
        "Fass diesen Teamchat zusammen:\n[09:02] orga: Raum <<room>> ist 10–12 belegt, wir nehmen <<room2>>\n[09:05] orga: Beamer in <<room3>> immer noch kaputt, Ticket #<<n>>\n[09:07] orga: 👍",
        "Mach eine Wochentabelle aus diesem Raumplan: Mo – <<room>>, Di – <<room2>>, Mi – <<room>> + <<room3>>, Do – Reinigung, Fr – <<room2>>.",
        "Bring dieses Protokoll in Form: TOP 1: <<storm>> und <<storm2>> haben das Dach der Turnhalle beschädigt (Angebot <<price>> €). TOP 2: Fahrt zum <<venue>> am <<day>> bestätigt. TOP 3: nächste Sitzung im Raum <<room>>.",
        "Mach aus dieser Stichpunktliste einen kurzen Absatz für den Gartenverein:\n- Rosen: '<<cultivar>>' und '<<cultivar2>>'\n- Äpfel: '<<cultivar3>>'\n- Schnittkurs am <<day>>",
        "Prüf diese Bestellung, bevor ich sie abschicke: 2 × <<goods>>, 1 × <<goods2>>, 6 Flaschen <<wine>>, Lieferung am <<day>>, Summe <<price>> €.",
        "Schreib eine interne Mitteilung: Zwei unserer Ingenieurinnen haben ein <<grant>> bekommen, und die Bibliothek hat jetzt die Shortlist für den <<grant2>>. Umtrunk am <<day>> im Raum <<room>>.",
        "Kann ich das so ins Forum stellen? \"Wir fahren nächsten Monat mit der <<vessel>> rüber und mit der <<vessel2>> zurück. Tipps für eine Kabine mit Hund? Eine Kiste <<wine>> kommt mit.\"",
        "Sortier diese Termine nach Datum: Konzert im <<venue>> (<<day>>), Weinprobe <<wine>> und <<wine2>>, Aufräumtag nach <<storm>>, Führung durch das <<venue2>>.",
    ],
    "fr": [
        "Résume cette discussion d'équipe :\n[09:02] orga : la salle <<room>> est prise de 10 h à 12 h, on prend <<room2>>\n[09:05] orga : le vidéoprojecteur de <<room3>> est toujours en panne, ticket n° <<n>>\n[09:07] orga : 👍",
        "Fais un tableau hebdomadaire à partir de ce planning des salles : lun – <<room>>, mar – <<room2>>, mer – <<room>> + <<room3>>, jeu – ménage, ven – <<room2>>.",
        "Mets au propre ce compte rendu : 1. <<storm>> et <<storm2>> ont abîmé le toit du gymnase (devis <<price>> €). 2. La sortie au <<venue>> le <<day>> est confirmée. 3. Prochaine réunion salle <<room>>.",
        "Transforme cette liste à puces en paragraphe pour le bulletin du club de jardinage :\n- rosiers : '<<cultivar>>' et '<<cultivar2>>'\n- pommiers : '<<cultivar3>>'\n- atelier taille le <<day>>",
        "Vérifie cette commande avant envoi : 2 × <<goods>>, 1 × <<goods2>>, 6 bouteilles de <<wine>>, livraison le <<day>>, total <<price>> €.",
        "Rédige une annonce interne : deux de nos ingénieures ont obtenu une <<grant>>, et la bibliothèque a reçu la sélection du <<grant2>>. Pot le <<day>> en salle <<room>>.",
        "Ce message de forum va-t-il ? « Traversée sur le <<vessel>> le mois prochain, retour sur le <<vessel2>>. Des conseils pour une cabine avec un chien ? On emporte un carton de <<wine>>. »",
        "Classe ces sorties par date : concert au <<venue>> (<<day>>), dégustation de <<wine>> et de <<wine2>>, journée de nettoyage après <<storm>>, visite du <<venue2>>.",
    ],
    "es": [
        "Resume este chat del equipo:\n[09:02] orga: la sala <<room>> está ocupada de 10 a 12, usamos <<room2>>\n[09:05] orga: el proyector de <<room3>> sigue roto, incidencia n.º <<n>>\n[09:07] orga: 👍",
        "Haz una tabla semanal con este cuadrante de salas: lun – <<room>>, mar – <<room2>>, mié – <<room>> + <<room3>>, jue – limpieza, vie – <<room2>>.",
        "Pasa a limpio el acta: 1. <<storm>> y <<storm2>> dañaron el tejado del polideportivo (presupuesto <<price>> €). 2. Confirmada la excursión al <<venue>> el <<day>>. 3. Próxima reunión en la sala <<room>>.",
        "Convierte esta lista en un párrafo para el boletín del club de jardinería:\n- rosales: '<<cultivar>>' y '<<cultivar2>>'\n- manzanos: '<<cultivar3>>'\n- taller de poda el <<day>>",
        "Revisa este pedido antes de enviarlo: 2 × <<goods>>, 1 × <<goods2>>, 6 botellas de <<wine>>, entrega el <<day>>, total <<price>> €.",
        "Redacta un aviso interno: dos de nuestras ingenieras han conseguido una <<grant>> y la biblioteca ya tiene la lista de finalistas del <<grant2>>. Vino el <<day>> en la sala <<room>>.",
        "¿Está bien este mensaje para el foro? «Cruzamos el mes que viene en el <<vessel>> y volvemos en el <<vessel2>>. ¿Consejos para un camarote con perro? Llevamos una caja de <<wine>>.»",
        "Ordena estas actividades por fecha: concierto en el <<venue>> (<<day>>), cata de <<wine>> y <<wine2>>, jornada de limpieza tras <<storm>>, visita al <<venue2>>.",
    ],
    "it": [
        "Riassumi questa chat del team:\n[09:02] orga: la sala <<room>> è occupata dalle 10 alle 12, usiamo <<room2>>\n[09:05] orga: il proiettore in <<room3>> è ancora rotto, ticket n. <<n>>\n[09:07] orga: 👍",
        "Fai una tabella settimanale da questo calendario delle sale: lun – <<room>>, mar – <<room2>>, mer – <<room>> + <<room3>>, gio – pulizie, ven – <<room2>>.",
        "Sistema il verbale: 1. <<storm>> e <<storm2>> hanno danneggiato il tetto della palestra (preventivo <<price>> €). 2. Confermata la gita allo <<venue>> il <<day>>. 3. Prossima riunione in sala <<room>>.",
        "Trasforma questo elenco puntato in un paragrafo per il notiziario del circolo di giardinaggio:\n- rose: '<<cultivar>>' e '<<cultivar2>>'\n- meli: '<<cultivar3>>'\n- corso di potatura il <<day>>",
        "Controlla quest'ordine prima di inviarlo: 2 × <<goods>>, 1 × <<goods2>>, 6 bottiglie di <<wine>>, consegna il <<day>>, totale <<price>> €.",
        "Scrivi un avviso interno: due nostre ingegnere hanno vinto una <<grant>> e la biblioteca ha ricevuto la cinquina del <<grant2>>. Brindisi il <<day>> in sala <<room>>.",
        "Va bene questo post per il forum? «Il mese prossimo attraversiamo con la <<vessel>> e torniamo con la <<vessel2>>. Consigli per una cabina con cane? Portiamo una cassa di <<wine>>.»",
        "Metti in ordine di data questi eventi: concerto al <<venue>> (<<day>>), degustazione di <<wine>> e <<wine2>>, giornata di pulizia dopo <<storm>>, visita al <<venue2>>.",
    ],
    "nl": [
        "Vat deze teamchat samen:\n[09:02] orga: zaal <<room>> is bezet van 10 tot 12, we nemen <<room2>>\n[09:05] orga: beamer in <<room3>> nog steeds stuk, ticket #<<n>>\n[09:07] orga: 👍",
        "Maak een weektabel van dit zaalrooster: ma – <<room>>, di – <<room2>>, wo – <<room>> + <<room3>>, do – schoonmaak, vr – <<room2>>.",
        "Werk deze notulen uit: 1. <<storm>> en <<storm2>> hebben het dak van de gymzaal beschadigd (offerte € <<price>>). 2. Uitje naar het <<venue>> op <<day>> is bevestigd. 3. Volgende vergadering in zaal <<room>>.",
        "Maak van dit lijstje een korte alinea voor het blad van de tuinclub:\n- rozen: '<<cultivar>>' en '<<cultivar2>>'\n- appels: '<<cultivar3>>'\n- snoeicursus op <<day>>",
        "Controleer deze bestelling voor ik hem verstuur: 2 × <<goods>>, 1 × <<goods2>>, 6 flessen <<wine>>, levering op <<day>>, totaal € <<price>>.",
        "Schrijf een interne mededeling: twee van onze ingenieurs hebben een <<grant>> gekregen en de bibliotheek heeft de shortlist van de <<grant2>> binnen. Borrel op <<day>> in zaal <<room>>.",
        "Kan dit forumbericht zo? \"Volgende maand steken we over met de <<vessel>> en terug met de <<vessel2>>. Tips voor een hut met hond? We nemen een doos <<wine>> mee.\"",
        "Zet deze activiteiten op datum: concert in het <<venue>> (<<day>>), proeverij van <<wine>> en <<wine2>>, opruimdag na <<storm>>, rondleiding door het <<venue2>>.",
    ],
}
HARMLESS_POOLS = {"room": ROOMS, "storm": STORMS, "venue": VENUES, "cultivar": CULTIVARS,
                  "grant": GRANTS, "vessel": VESSELS, "wine": WINES, "goods": GOODS}


def fill_harmless(lang, template):
    drawn = {}

    def one(m):
        name, index = m.group(1), int(m.group(2) or "1") - 1
        if name == "day":
            return day_text(lang, 2025, 2027)
        if name == "price":
            return f"{rint(40, 4800)}{'.' if lang == 'en' else ','}{choice(['00', '50', '95'])}"
        if name == "n":
            return str(rint(1000, 99999))
        if name not in drawn:
            drawn[name] = RNG.sample(HARMLESS_POOLS[name], 3)
        return drawn[name][index]

    return re.sub(r"<<([a-z]+?)(\d?)>>", one, template)


# ------------------------------------------------------------ decoys --------
# Numeric shapes none of A-N holds: each shape's distinctive token is searched in their
# text, and `main` fails if one occurs there.
def comma(lang, x, places=1):
    s = f"{x:.{places}f}"
    return s if lang == "en" else s.replace(".", ",")


def THOU(lang, n):
    s = f"{n:,}"
    return s if lang == "en" else s.replace(",", " " if lang == "fr" else ".")


DECOY_SHAPES = {
    "cricket": (r"\b\d-\d-\d\d-\d\b", lambda l: " · ".join(f"{rint(3, 10)}-{rint(0, 2)}-{rint(10, 68)}-{rint(0, 5)}" for _ in range(3)) + f" · {rint(120, 340)}/{rint(2, 10)} ({rint(20, 50)} ov)"),
    "espresso": (r"→ \d+ g", lambda l: f"{rint(15, 22)} g → {rint(30, 48)} g · {rint(22, 34)} s · {rint(88, 96)} °C · {comma(l, RNG.uniform(1, 15))}"),
    "hvac": (r"\bSEER\b", lambda l: f"SEER {comma(l, RNG.uniform(5, 9))} · SCOP {comma(l, RNG.uniform(3.5, 5.2))} · {comma(l, RNG.choice([2.5, 3.5, 5.0, 7.1]))} kW · {rint(19, 28)} dB(A) · {rint(20, 90)} m²"),
    "varroa": (r"Varroa", lambda l: f"Varroa {rint(0, 40)}/{rint(1, 7)} · {rint(6, 12)} × · {rint(1, 3)} × · {comma(l, RNG.uniform(8, 40))} kg · {rint(10, 36)} °C"),
    "knitting": (r"\bK2 P2\b", lambda l: f"K2 P2 × {rint(8, 30)} · {comma(l, RNG.choice([3.5, 4.0, 4.5, 5.0]))} mm · {rint(60, 180)} st · {rint(2, 9)} × 50 g"),
    "gears": (r"\d\d/\d\d × \d\d-\d\d", lambda l: f"{choice(['50/34', '52/36', '53/39', '46/30'])} × {choice(['11-28', '11-30', '11-34', '10-33'])} · {comma(l, RNG.choice([170, 172.5, 175]))} mm · {rint(23, 40)} mm · {comma(l, RNG.uniform(7, 11))} kg"),
    "sudoku": (r"[Ss]udoku", lambda l: f"Sudoku {rint(1, 400)}: " + " ".join("".join(str(d) if RNG.random() < 0.45 else "0" for d in RNG.sample(range(1, 10), 9)) for _ in range(3))),
    "beer": (r"\bIBU\b", lambda l: f"IBU {rint(8, 90)} · EBC {rint(4, 80)} · {comma(l, RNG.uniform(3.5, 9.5))} % · {rint(10, 60)} l · {rint(62, 70)} °C / {rint(40, 90)} min"),
    "tyres": (r"\bpsi\b", lambda l: f"{rint(28, 36)}/{rint(30, 42)} psi · {comma(l, RNG.uniform(1.9, 2.9))}/{comma(l, RNG.uniform(1.9, 2.9))} bar · {THOU(l, rint(12000, 95000))} km"),
    "bmi": (r"\bBMI\b", lambda l: f"BMI {comma(l, RNG.uniform(18, 34))} · {rint(150, 200)} cm · {comma(l, RNG.uniform(48, 120))} kg · {rint(60, 120)} cm · {rint(18, 45)} %"),
}


def main():
    clash = [k for k, (tok, _) in DECOY_SHAPES.items() if re.search(tok, SEEN)]
    assert not clash, f"decoy shapes seen in A-N: {clash}"
    rows = []
    shapes = sorted(DECOY_SHAPES)
    for lang in LANGS:
        pt, ht = PII_TEMPLATES[lang], HARMLESS_TEMPLATES[lang]
        for i in range(PER_LANG["pii"]):
            text, spans = fill_pii(lang, pt[i % len(pt)])
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
        for i in range(PER_LANG["harmless"]):
            rows.append({"lang": lang, "kind": "harmless", "text": fill_harmless(lang, ht[i % len(ht)]), "spans": []})
        for i in range(PER_LANG["decoy"]):
            rows.append({"lang": lang, "kind": "decoy", "text": DECOY_SHAPES[shapes[i % len(shapes)]][1](lang), "spans": []})
    RNG.shuffle(rows)
    # Every span must cut a non-empty value with no space at either end.
    bad = [(e, r["text"]) for r in rows for e, a, b in r["spans"]
           if not r["text"].encode()[a:b].decode().strip() or r["text"].encode()[a:b].decode().strip() != r["text"].encode()[a:b].decode()]
    assert not bad, bad[:3]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as out:
        out.write(lines)
    sys.stderr.write(f"{len(rows)} rows; dropped as held by A-N: {len(DROPPED)}\n{', '.join(DROPPED)}\n")

if __name__ == "__main__":
    main()
