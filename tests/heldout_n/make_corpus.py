#!/usr/bin/env python3
"""Held-out corpus N for `ledgergate redact` (issue 12, point 5): see README.md.

An honest estimate of both recall and precision, written before any rule was changed for
it and without reading the recognizers' word lists or rules. Back to the class issue 12's
hidden evaluation describes: ordinary prompts people send an LLM in six languages
(replies to pasted e-mails with signature blocks, referral letters, support tickets, CV
paragraphs, tenancy disputes, school notes, insurance claims, discharge summaries, tax
questions, reference letters, messages to neighbours), names in running prose without
labels, addresses in each country's format, dates of birth in words; harmless prompts of
the same kind full of capitalised things (software, medicines, cars named after places,
books and films named after characters, laws and treaties, eponymous diseases,
institutions known by their street, dishes, football results, fashion houses named after
their founders); decoys of numeric shapes none of A-M has.

Every name, place and template is typed by hand; no fake-data generator. A-M's corpora are
read only to avoid what they hold (a person whose full name occurs in any of them, a town
that occurs in any of them, a named thing of a harmless text one of whose distinctive
capitalised words occurs in a harmless text or decoy of A-M, a decoy shape whose
distinctive token occurs in any of them). Templates hold `<<slot>>`s; a slot is filled
with plain text or (ENTITY, value) segments, so span offsets (UTF-8 bytes) are computed,
never typed. Standard library only.
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

R = random.Random(20261203)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]
CAPWORD = r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+"


def pick(xs):
    return xs[R.randrange(len(xs))]


def num(a, b):
    return R.randint(a, b)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ what A-M hold --------
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
    "Street", "Straße", "Treaty", "Vertrag", "Traité", "Tratado", "Trattato", "Verdrag",
    "Agreement", "Protocol", "Regulation", "Directive", "Act", "Loi", "Legge", "Ley", "Wet",
    "Gesetz", "Model", "Series", "Club", "City", "United", "Real", "Sporting", "Athletic",
    "Salad", "Torte", "Tarte", "Pizza", "Spaghetti", "Quiche", "Crema", "Sauce", "Soup",
    "Disease", "Syndrome", "Plus", "Pro", "Max", "Mini", "Classic", "Original", "Sport",
    "Union", "Football", "Palazzo", "Palais", "Quai", "Hotel", "House", "Valley",
    # makers and club prefixes: the model or the town is the distinctive word
    "Seat", "Cupra", "Hyundai", "Porsche", "Skoda", "Dacia", "Nissan", "Renault", "Fiat", "Opel",
    "Toyota", "Ford", "Chevrolet", "Suzuki", "Jeep", "Mitsubishi", "Lancia", "Alfa", "Romeo",
    "Citroën", "Peugeot", "Subaru", "Ikea", "Nike", "Asics", "Braun", "Philips", "Tefal", "Jura",
    "Sage", "Melitta", "Hoka", "Brooks", "Saucony", "Mizuno", "Lowa", "Ortlieb", "Deuter",
    "Bodum", "Alessi", "KitchenAid", "Kenwood", "Hario", "Fissler", "Garmin", "Sonos", "Leica",
    "Rovers", "Stade", "Racing", "Convention", "Konvention", "Convenio", "Convenzione",
    "Protokoll", "Protocolo", "Protocollo", "Abkommen", "Tratado", "Trattato", "Verdrag",
    "Protocol", "Process", "Plan", "Friede", "Morbus", "Syndrom", "Palacio", "Piazzale",
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
        # Cornish
        (["Morwenna", "Jago", "Tamsin", "Kerensa", "Peran", "Demelza"],
         ["Trelawney", "Penhaligon", "Tregenza", "Polglase", "Carne", "Chenoweth"]),
        # Yoruba British
        (["Adebayo", "Folasade", "Oluwaseun", "Titilayo"], ["Adeyemi", "Ogunleye", "Bankole", "Akinola"]),
        # Scottish Gaelic
        (["Ruairidh", "Catriona", "Eilidh", "Calum"], ["MacNeil", "MacLennan", "Morrison-Bain", "MacAulay"]),
        # Bangladeshi British
        (["Shahana", "Rezaul", "Nusrat", "Tanvir"], ["Chowdhury", "Miah", "Begum", "Uddin"]),
        # Jamaican British
        (["Delroy", "Marcia", "Winston", "Shanice"], ["Campbell-Reid", "Gayle", "Ferguson", "McKenzie"]),
        # Polish British
        (["Krzysztof", "Agnieszka", "Wojciech", "Małgorzata"], ["Wiśniewski", "Zielińska", "Kowalczyk", "Grabowski"]),
    ],
    "de": [
        # Sorbian
        (["Jan", "Hanka", "Měrćin", "Lenka", "Beno", "Marja"],
         ["Brězan", "Šołta", "Zahrodnik", "Krawc", "Kowar", "Handrik"]),
        # Turkish German
        (["Elif", "Mehmet", "Zeynep", "Emre"], ["Yıldırım", "Öztürk", "Aydın", "Kaya-Schmitz"]),
        # Swiss German
        (["Urs", "Beat", "Regula", "Reto"], ["Bürgi", "Zwahlen", "Niederhauser", "von Gunten"]),
        # Vietnamese German
        (["Thi Lan", "Minh", "Hoa", "Duc"], ["Nguyen", "Tran", "Pham", "Vu"]),
        # Ghanaian
        (["Kwame", "Akosua", "Yaw", "Efua"], ["Mensah", "Owusu", "Boateng", "Asante"]),
        # Westphalian
        (["Heinrich", "Gertrud", "Wilhelm", "Mechthild"], ["Schulte-Ostermann", "Brinkhoff", "Hölscher", "zur Heiden"]),
    ],
    "fr": [
        # Breton
        (["Yannick", "Gwenaëlle", "Loïc", "Maïwenn", "Erwan", "Soazig"],
         ["Le Goff", "Le Gall", "Kerbrat", "Guivarc'h", "Le Bihan", "Riou"]),
        # Corsican
        (["Ghjuvan", "Dumenica", "Petru", "Santa"], ["Santoni", "Casanova", "Paoli", "Luciani"]),
        # Malagasy
        (["Hery", "Fanja", "Tiana", "Rado"], ["Rakotomalala", "Randrianarisoa", "Razafindrabe", "Andriamanana"]),
        # Kabyle
        (["Lounès", "Tassadit", "Amayas", "Dihya"], ["Aït-Ahmed", "Ouali", "Hamoudi", "Meziane"]),
        # Vietnamese French
        (["Thanh", "Linh", "Quang", "Mai"], ["Nguyen-Van", "Pham", "Dang", "Truong"]),
        # Senegalese
        (["Moussa", "Aminata", "Cheikh", "Fatou"], ["Diop", "Ndiaye", "Sow", "Fall"]),
    ],
    "es": [
        # Basque
        (["Iñaki", "Itziar", "Unai", "Nerea", "Aitor", "Maialen"],
         ["Etxeberria", "Goikoetxea", "Arrieta", "Urkijo", "Zubizarreta", "Agirre"]),
        # Galician
        (["Xosé", "Uxía", "Brais", "Antía"], ["Outeiral", "Castro Regueiro", "Pazos", "Villar"]),
        # Andalusian
        (["Rocío", "Curro", "Macarena", "Manolo"], ["Romero Muñoz", "Cabello", "de la Rosa", "Jiménez"]),
        # Mexican
        (["Guadalupe", "Jesús Alberto", "Ximena", "Itzel"], ["Tlaseca", "Ramírez Olvera", "Zamudio", "Coronado"]),
        # Ecuadorian
        (["Fausto", "Mayra", "Wilson", "Jessenia"], ["Tituaña", "Chalá", "Cevallos", "Pazmiño"]),
        # Filipino
        (["Rowena", "Jericho", "Lorna", "Marvin"], ["Dela Cruz", "Bautista", "Macaraeg", "Villanueva"]),
    ],
    "it": [
        # Sardinian
        (["Efisio", "Bonaria", "Gavino", "Tonina", "Giommaria", "Peppina"],
         ["Piras", "Sanna", "Pintus", "Floris-Melis", "Cocco", "Porcu"]),
        # Friulian
        (["Tarcisio", "Ivana", "Gildo", "Loredana"], ["Zamparo", "Della Pietra", "Tomat", "Cescutti"]),
        # Sicilian
        (["Calogero", "Rosalia", "Salvatore", "Santina"], ["La Rosa", "Lo Bianco", "Sciortino", "Giacalone"]),
        # Albanian Italian
        (["Arjan", "Elona", "Klodian", "Mirela"], ["Hoxha", "Gjoni", "Dushku", "Kola"]),
        # Romanian
        (["Mihai", "Ioana", "Florin", "Andreea"], ["Popescu", "Ionescu", "Stan", "Dumitrescu"]),
        # Trentino
        (["Ottavio", "Erminia", "Remo", "Carla"], ["Dallapiccola", "Zanoni", "Dell'Eva", "Bertagnolli"]),
    ],
    "nl": [
        # Frisian
        (["Sjoerd", "Wytske", "Jelle", "Froukje", "Hidde", "Tjitske"],
         ["Hoekstra", "Dijkstra", "de Boer-Wiersma", "Zijlstra", "Bouma", "van der Meer"]),
        # Limburg
        (["Sjef", "Truus", "Har", "Mia"], ["Hermans", "Vaessen", "Frijns", "Lemmens"]),
        # Surinamese Hindustani
        (["Rakesh", "Shanti", "Sunil", "Anita"], ["Ramdin", "Jagessar", "Mahabier", "Ramsaran"]),
        # Moroccan Dutch
        (["Mohamed", "Fatima", "Yassine", "Naima"], ["El Amrani", "Bouzidi", "Azzouz", "El Khattabi"]),
        # Antillean
        (["Jurgen", "Shurendy", "Rignald", "Gisela"], ["Martina", "Isenia", "Pieternella", "Winklaar"]),
        # Zeelandic
        (["Adriaan", "Janna", "Marinus", "Leuntje"], ["Kodde", "Minderhoud", "de Kam", "van Hoepen"]),
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
    "en": ["Bodmin", "Launceston", "Helston", "St Just", "Stornoway", "Tobermory", "Dunoon",
           "Oban", "Ilkley", "Hebden Bridge", "Bridport", "Lyme Regis", "Whitby", "Kendal",
           "Keswick", "Ulverston", "Dolgellau", "Tenby", "Brecon", "Thirsk", "Alnwick", "Hexham",
           "Padstow", "Fowey", "Lostwithiel", "Mevagissey", "Callington", "Liskeard", "Camelford", "Stromness", "Ullapool", "Dingwall", "Tain", "Dornoch", "Golspie", "Lochgilphead", "Inveraray", "Aberfeldy", "Crieff", "Settle", "Sedbergh", "Kirkby Lonsdale", "Hawes", "Masham", "Leyburn", "Helmsley", "Driffield", "Hornsea", "Horncastle", "Uppingham"],
    "de": ["Bautzen", "Kamenz", "Hoyerswerda", "Weißwasser", "Löbau", "Zittau", "Coesfeld",
           "Borken", "Warendorf", "Ahaus", "Telgte", "Lingen", "Meppen", "Husum", "Niebüll",
           "Eckernförde", "Schleswig", "Marbach am Neckar", "Waldkirch", "Tuttlingen",
           "Ebersbach", "Herrnhut", "Bernstadt", "Ostritz", "Pulsnitz", "Radeberg", "Wittichenau", "Lauta", "Dülmen", "Lüdinghausen", "Billerbeck", "Sassenberg", "Ennigerloh", "Oelde", "Harsewinkel", "Vreden", "Stadtlohn", "Gescher", "Südlohn", "Garding", "Tönning", "Friedrichstadt", "Bredstedt", "Kappeln", "Lauffen am Neckar", "Besigheim", "Bönnigheim", "Elzach", "Spaichingen"],
    "fr": ["Quimper", "Morlaix", "Paimpol", "Douarnenez", "Concarneau", "Corte", "Calvi",
           "Porto-Vecchio", "Sartène", "Millau", "Rodez", "Figeac", "Cahors", "Aurillac",
           "Privas", "Nyons", "Apt", "Forcalquier", "Manosque", "Landerneau",
           "Pont-Croix", "Audierne", "Plougastel-Daoulas", "Landivisiau", "Carhaix-Plouguer", "Châteaulin", "Pleyben", "Tréguier", "Binic", "Propriano", "Ghisonaccia", "Saint-Affrique", "Espalion", "Laguiole", "Entraygues-sur-Truyère", "Saint-Céré", "Gourdon", "Souillac", "Vals-les-Bains", "Largentière", "Dieulefit", "Buis-les-Baronnies", "Riez", "Valensole"],
    "es": ["Tolosa", "Azpeitia", "Bermeo", "Gernika", "Durango", "Lalín", "Betanzos", "Viveiro",
           "Ribadeo", "Écija", "Osuna", "Antequera", "Úbeda", "Baeza", "Alcañiz", "Barbastro",
           "Jaca", "Tudela", "Olite", "Zarautz",
           "Hondarribia", "Oñati", "Bergara", "Elorrio", "Markina-Xemein", "Lekeitio", "Ondarroa", "Mutriku", "A Estrada", "Silleda", "Melide", "Arzúa", "Mondoñedo", "Burela", "Marchena", "Estepa", "Archidona", "Cazorla", "Quesada", "Tarazona", "Caspe", "Monzón", "Sabiñánigo", "Sangüesa", "Estella-Lizarra", "Puente la Reina"],
    "it": ["Oristano", "Nuoro", "Alghero", "Iglesias", "Tempio Pausania", "Codroipo",
           "Gemona del Friuli", "Spilimbergo", "Cividale del Friuli", "Noto", "Modica", "Scicli",
           "Caltagirone", "Piazza Armerina", "Rovereto", "Arco", "Cles", "Pergine Valsugana",
           "Sacile", "Macomer",
           "Bosa", "Cuglieri", "Ghilarza", "Sorgono", "Orosei", "Dorgali", "Siniscola", "Bonorva", "Ozieri", "Tolmezzo", "San Daniele del Friuli", "Maniago", "Latisana", "Palmanova", "Avola", "Pachino", "Ispica", "Rosolini", "Comiso", "Grammichele", "Mezzolombardo", "Borgo Valsugana", "Levico Terme", "Tione di Trento", "Cavalese", "Predazzo"],
    "nl": ["Sneek", "Harlingen", "Dokkum", "Franeker", "Bolsward", "Heerenveen", "Sittard",
           "Weert", "Venray", "Roermond", "Valkenburg", "Gulpen", "Zierikzee", "Goes",
           "Vlissingen", "Middelburg", "Hulst", "Terneuzen", "Tiel", "Culemborg",
           "Workum", "Makkum", "Hindeloopen", "Stavoren", "IJlst", "Joure", "Akkrum", "Grou", "Burgum", "Kollum", "Echt", "Susteren", "Born", "Stein", "Meerssen", "Eijsden", "Vaals", "Simpelveld", "Brouwershaven", "Kapelle", "Yerseke", "Kruiningen", "Axel", "Sas van Gent", "Oostburg", "Aardenburg", "Buren", "Geldermalsen", "Zaltbommel", "Leerdam"],
}
TOWNS = {lang: unseen(ts) for lang, ts in TOWNS.items()}

STREETS = {
    "en": ["Fore Street", "Chapel Hill", "Polwithen Road", "Station Approach", "Albert Terrace",
           "Victoria Gardens", "Mill Lane", "Priory Walk", "St Mary's Close", "Quay Street",
           "Trevanion Road", "Kings Avenue"],
    "de": ["Karl-Marx-Straße", "Töpferstraße", "Mühlgasse", "Goethestraße", "Schulgasse",
           "Steinstraße", "Marktstraße", "Taucherstraße", "Wilhelm-Busch-Straße", "Mühlenstraße",
           "Bürgermeister-Schmidt-Straße", "Kornmarktgasse"],
    "fr": ["rue Jean-Jaurès", "avenue Victor-Hugo", "boulevard Gambetta", "rue du Port",
           "place du Général-de-Gaulle", "chemin de la Croix", "rue des Écoles",
           "allée Marie-Curie", "quai de l'Odet", "impasse du Lavoir", "route de Brest",
           "rue Pasteur"],
    "es": ["Calle Real", "Avenida de Zumalacárregui", "Plaza Nueva", "Calle San Juan",
           "Paseo de la Alameda", "Calle Cervantes", "Rúa do Vilar", "Calle del Carmen",
           "Avenida de Andalucía", "Travesía de la Iglesia", "Calle Ramón y Cajal",
           "Kale Nagusia"],
    "it": ["Via Garibaldi", "Corso Vittorio Emanuele", "Via Roma", "Piazza Eleonora d'Arborea",
           "Viale Trieste", "Via dei Mille", "Borgo San Nicolò", "Via Cavour", "Vicolo dei Fabbri",
           "Largo Mazzini", "Via Nazionale", "Salita San Giacomo"],
    "nl": ["Noorderhaven", "Kerkstraat", "Oude Gracht", "Prins Bernhardlaan", "Stationsweg",
           "Molenstraat", "Markt", "Wilhelminastraat", "Hoogstraat", "Dorpsstraat", "Lange Delft",
           "Pieter Zeemanstraat"],
}


def postcode(lang):
    if lang == "en":
        return f"{pick(['PL', 'TR', 'HS', 'PA', 'LS', 'HX', 'DT', 'YO', 'LA', 'CA', 'LL', 'SA', 'LD', 'NE'])}{num(1, 40)} {num(1, 9)}{pick('ABDEFGHJLNPQRSTUWXYZ')}{pick('ABDEFGHJLNPQRSTUWXYZ')}"
    if lang == "nl":
        return f"{pick([num(8600, 8649), num(9100, 9109), num(6130, 6139), num(4300, 4339), num(4460, 4469)])} {pick('ABCDEGHJKLMNPRSTVWXZ')}{pick('ABCDEGHJKLMNPRSTVWXZ')}"
    if lang == "de":
        return f"{pick(['02', '48', '49', '25', '24', '71', '79', '78'])}{num(100, 999)}"
    if lang == "es":
        return f"{pick(['20', '48', '36', '15', '27', '41', '29', '23', '44', '22', '31'])}{num(100, 999)}"
    if lang == "it":
        return f"{pick(['09', '08', '33', '96', '97', '95', '38'])}0{num(10, 99)}"
    return f"{pick(['29', '22', '20', '12', '46', '15', '07', '26', '84', '04'])}{num(100, 999)}"


def street_line(lang):
    """A street and house number in the country's order, as one value."""
    s = pick(STREETS[lang])
    n = num(1, 160)
    if lang == "en":
        return f"{n}{pick(['', '', '', 'b'])} {s}"
    if lang == "fr":
        return f"{n}{pick(['', '', ' bis'])} {s}"
    if lang == "es":
        return pick([f"{s}, {n}", f"{s} {n}, {pick(['2.º B', '1.º izq.', 'bajo', '3.º D'])}", f"{s} n.º {n}"])
    if lang == "it":
        return pick([f"{s}, {n}", f"{s} {n}", f"{s} {n}/{pick('ABC')}"])
    if lang == "de":
        return f"{s} {n}{pick(['', '', 'a', 'b'])}"
    return f"{s} {n}{pick(['', '', '-2', ' bis'])}"


def address(lang):
    """[street, postcode, town] segments in the country's layout, in running text."""
    t = pick(TOWNS[lang])
    pc = postcode(lang)
    first = [("LOCATION", street_line(lang))]
    if lang == "en":
        return first + [", ", ("LOCATION", t), " ", ("LOCATION", pc)]
    if lang == "it":
        return first + [", ", ("LOCATION", pc), " ", ("LOCATION", t)]
    return first + [", ", ("LOCATION", pc), " ", ("LOCATION", t)]


# ------------------------------------------------------------ numbers of people --------
def phone(lang):
    """A number in a valid range of the country's plan, written as people there do."""
    d = digits
    return pick({
        "en": [f"01208 {num(2, 8)}{d(5)}", f"07{num(700, 799)} {d(3)} {d(3)}", f"+44 (0)1872 {num(2, 8)}{d(5)}",
               f"01851 {num(7, 7)}{d(5)} ext. {num(100, 999)}", f"020 7{d(3)} {d(4)}"],
        "de": [f"03591 {num(2, 9)}{d(5)}", f"+49 (0) 2541 {num(7, 9)}{d(4)}", f"0152 {d(4)} {d(4)}",
               f"(04841) {num(2, 9)}{d(4)}", f"030 / {num(2, 9)}{d(2)} {d(2)} {d(2)}-{num(10, 99)}"],
        "fr": [f"02 98 {d(2)} {d(2)} {d(2)}", f"+33 (0)4 95 {d(2)} {d(2)} {d(2)}", f"07 {d(2)} {d(2)} {d(2)} {d(2)}",
               f"02.96.{d(2)}.{d(2)}.{d(2)}", f"05 65 {d(2)} {d(2)} {d(2)}"],
        "es": [f"943 {d(2)} {d(2)} {d(2)}", f"+34 981 {d(3)} {d(3)}", f"6{num(10, 99)} {d(2)} {d(2)} {d(2)}",
               f"95 {num(4, 5)}{d(2)} {d(2)} {d(2)}", f"(+34) 974 {d(6)}"],
        "it": [f"0783 {d(6)}", f"+39 0432 {d(6)}", f"3{num(30, 99)}-{d(7)}", f"0931/{d(6)}",
               f"(+39) 0461 {d(3)} {d(3)}"],
        "nl": [f"0515-{num(4, 4)}{d(5)}", f"+31 (0)46 {num(4, 4)}{d(2)} {d(4)}", f"06-{num(1, 6)}{d(7)}",
               f"0113 {d(2)} {d(2)} {d(2)}", f"(0118) {num(4, 6)}{d(5)}"],
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


def date_words(lang, d, m, y):
    """A date in words, as written in running text in the country."""
    mn = MONTHS[lang][m - 1]
    return pick({
        "en": [f"{d} {mn} {y}", f"{mn} {d}, {y}", f"the {d}{'st' if d in (1, 21) else 'nd' if d in (2, 22) else 'rd' if d in (3, 23) else 'th'} of {mn} {y}"],
        "de": [f"{d}. {mn} {y}", f"{d}. {mn[:3]}. {y}" if len(mn) > 4 else f"{d}. {mn} {y}"],
        "fr": [f"{d} {mn} {y}", f"{'1er' if d == 1 else d} {mn} {y}"],
        "es": [f"{d} de {mn} de {y}", f"{d} {mn} {y}"],
        "it": [f"{d} {mn} {y}", f"{'1º' if d == 1 else d} {mn} {y}"],
        "nl": [f"{d} {mn} {y}", f"{d} {mn[:3]}. {y}"],
    }[lang])


def date_text(lang, d, m, y):
    """A date as written in the country: words or numbers."""
    if R.random() < 0.5:
        return date_words(lang, d, m, y)
    return pick({
        "en": [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}"],
        "de": [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}"],
        "fr": [f"{d:02d}/{m:02d}/{y}"],
        "es": [f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}"],
        "it": [f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}"],
        "nl": [f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}"],
    }[lang])


def dob(lang):
    return ("DATE_OF_BIRTH", date_text(lang, num(1, 28), num(1, 12), num(1932, 2012)))


def dobw(lang):
    return ("DATE_OF_BIRTH", date_words(lang, num(1, 28), num(1, 12), num(1932, 2012)))


def mrn():
    return pick([digits(8), f"{pick('AEMP')}{digits(2)}-{digits(5)}", f"{digits(4)} {digits(4)}",
                 f"{num(1, 9)}{digits(9)}"])


EMAIL_HOSTS = ["btinternet.com", "sky.com", "t-online.de", "posteo.de", "laposte.net",
               "sfr.fr", "euskaltel.net", "yahoo.es", "alice.it", "virgilio.it", "ziggo.nl",
               "home.nl", "proton.me", "gmail.com"]


def email_of(given, surname):
    g = re.sub(r"[^a-z]", "", ascii_fold(given).lower())
    s = re.sub(r"[^a-z]", "", ascii_fold(surname).lower())
    return pick([f"{g}.{s}@{pick(EMAIL_HOSTS)}", f"{g[0]}.{s}{num(1, 99)}@{pick(EMAIL_HOSTS)}",
                 f"{s}{g[0]}@{pick(EMAIL_HOSTS)}", f"{g}_{s}@{pick(EMAIL_HOSTS)}"])


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


def card():
    kind = pick(["visa", "mc2", "mc5", "visa"])
    prefix = {"visa": "4", "mc5": str(num(51, 55)), "mc2": str(num(2221, 2720))}[kind]
    body = prefix + digits(15 - len(prefix))
    n = body + luhn_digit(body)
    return pick([" ".join(n[i:i + 4] for i in range(0, 16, 4)), n])


BBAN = {
    "GB": lambda: pick(["HBUK", "NWBK", "LOYD", "BUKB"]) + digits(14),
    "DE": lambda: digits(18),
    "FR": lambda: digits(10) + pick("ABCDEFGHJK") + digits(10) + digits(2),
    "ES": lambda: digits(20),
    "IT": lambda: pick("ABCDEFGHJKLMNPRSTUVWXZ") + digits(10) + digits(12),
    "NL": lambda: pick(["ABNA", "RABO", "ASNB", "KNAB"]) + digits(10),
}


def iban(lang):
    cc = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang]
    bban = BBAN[cc]()
    n = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
    s = f"{cc}{98 - n % 97:02d}{bban}"
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


# ------------------------------------------------------------ PII texts --------
# Slots: <<person>> <<given>> <<surname>> <<surnameU>> <<email>> (person A); <<person2>>
# <<given2>> <<surname2>> (B); <<person3>> <<given3>> <<surname3>> <<email3>> (C); <<addr>>
# (street, postcode, town in the country's order), <<street>> <<town>> <<town2>> <<phone>>
# <<dob>> (words or numbers) <<dobw>> (words) <<mrn>> <<iban>> <<card>> (values); <<date>>
# <<n>> (plain).
PII_T = {
    "en": [
        "Draft a polite reply to this e-mail for me:\n\nHi <<given>>,\nthanks for the quote for the kitchen. Could you come round on Thursday? I'm in all morning at <<street>>.\nCheers,\n<<given2>>\n\n--\n<<person2>>, MBA\nOperations Manager, Harbour Freight Ltd\nM: <<phone>>",
        "Summarise this referral letter in three bullet points:\n\nDear Dr <<surname3>>,\nThank you for seeing <<person>> (born <<dobw>>, hospital no. <<mrn>>), who lives with her daughter at <<addr>>. Mrs <<surname>> has had two falls since <<date>> and her mobility has declined.\nKind regards,\nDr <<person2>>",
        "Classify this support ticket and suggest a reply:\nTicket #<<n>> – Parcel never arrived. Customer <<person>> says the courier claims it was left with a neighbour, <<person2>>, at <<street>>, <<town>>. She was charged twice on card <<card>>. Call back on <<phone>>.",
        "Make this CV paragraph sound more professional: I'm <<person>>, a nurse based in <<town>>, born on <<dobw>>. I trained under <<person2>> on the stroke unit and I've been a ward sister for six years. You can reach me at <<email>> or on <<phone>>.",
        "Help me write a firm letter to my landlord. <<person2>> still hasn't returned my £950 deposit for the flat at <<addr>>. I moved out on <<date>> and gave the keys to his agent, <<given3>>, who said everything looked fine.",
        "Write a short note to <<given>>'s teacher, Mrs <<surname2>>, saying he'll miss school on Friday for a hospital appointment and that his grandmother, <<person3>>, will pick him up at 2pm.",
        "Turn my notes into the summary box of a car insurance claim: policyholder <<person>>, date of birth <<dob>>, home address <<addr>>. The other driver was <<person2>>, phone <<phone>>. Pay the settlement into <<iban>>.",
        "Explain this discharge summary to the family in plain English:\nDISCHARGE SUMMARY – <<surnameU>>, <<given>> – DOB <<dob>> – hospital number <<mrn>>\nAdmitted under Mr <<person2>> FRCS with a fractured neck of femur, hemiarthroplasty on day 2. GP: Dr <<surname3>>.",
        "My partner <<given2>> and I moved from <<town2>> to <<addr>> in August. Do we both have to tell HMRC, and what does <<given2>> need for her self-assessment if she was born on <<dobw>> and retires this year?",
        "Can you summarise this e-mail thread in two lines?\n\nFrom: <<person3>> <<<email3>>>\nI've asked <<person>> to take over the Leeds account from Monday.\n\nFrom: <<person2>>\nFine by me, but please copy <<given>> in on anything for <<given3>>'s team.",
        "Proofread this reference: It is a pleasure to recommend <<person>>, who worked with me for four years. <<given>> ran our branch in <<town>> and never missed a target. Yours faithfully, Prof. <<person2>>, PhD",
        "Translate this into Polish for my neighbour: Hi, it's <<given>> from number 12. A parcel for <<person2>> was delivered to us by mistake – she lives at <<street>>, doesn't she? Text me on <<phone>>.",
    ],
    "de": [
        "Formuliere eine freundliche Antwort auf diese Mail:\n\nHallo <<given>>,\ndanke für das Angebot für die Küche. Könnten Sie am Donnerstag vorbeikommen? Ich bin vormittags in der <<street>>.\nViele Grüße\n<<given2>>\n\n--\n<<person2>>, M.Sc.\nLeitung Einkauf, Spedition Nord GmbH\nMobil: <<phone>>",
        "Fasse diesen Arztbrief in drei Punkten zusammen:\n\nSehr geehrter Herr Kollege <<surname3>>,\nwir berichten über Ihre Patientin <<person>>, geb. am <<dobw>>, Patientennummer <<mrn>>, wohnhaft <<addr>>. Frau <<surname>> ist seit dem <<date>> zweimal gestürzt.\nMit kollegialen Grüßen\nDr. med. <<person2>>",
        "Ordne dieses Support-Ticket ein und schlag eine Antwort vor:\nTicket #<<n>> – Paket nie angekommen. Die Kundin <<person>> sagt, der Bote habe es bei einer Nachbarin, <<person2>>, in der <<street>> in <<town>> abgegeben. Ihre Karte <<card>> wurde doppelt belastet. Rückruf unter <<phone>>.",
        "Lass diesen Absatz meines Lebenslaufs professioneller klingen: Ich bin <<person>>, Pflegefachfrau aus <<town>>, geboren am <<dobw>>. Ausgebildet hat mich <<person2>> auf der Stroke Unit. Erreichbar bin ich unter <<email>> oder <<phone>>.",
        "Hilf mir bei einem Schreiben an meinen Vermieter. Herr <<surname2>> hat mir die Kaution von 1.800 € für die Wohnung in der <<addr>> immer noch nicht zurückgezahlt. Ausgezogen bin ich am <<date>>, die Schlüssel bekam seine Hausverwalterin <<person3>>.",
        "Schreib eine kurze Entschuldigung an die Klassenlehrerin von <<given>>, Frau <<surname2>>: Er fehlt am Freitag wegen eines Arzttermins, seine Oma <<person3>> holt ihn um 12 Uhr ab.",
        "Mach aus meinen Notizen die Zusammenfassung einer Schadensmeldung: Versicherungsnehmer <<person>>, geboren <<dob>>, wohnhaft <<addr>>. Unfallgegner war <<person2>>, Telefon <<phone>>. Auszahlung bitte auf <<iban>>.",
        "Erkläre der Familie diesen Entlassbrief in einfachen Worten:\nENTLASSBRIEF – <<surnameU>>, <<given>> – geb. <<dob>> – Fallnummer <<mrn>>\nAufnahme durch Prof. Dr. <<person2>> mit Schenkelhalsfraktur, Hemiprothese am 2. Tag. Hausärztin: Dr. <<surname3>>.",
        "Meine Frau <<given2>> und ich sind im August von <<town2>> in die <<addr>> gezogen. Müssen wir das beide dem Finanzamt melden, und was braucht <<given2>> für ihre Steuererklärung, wenn sie am <<dobw>> geboren ist und dieses Jahr in Rente geht?",
        "Fass diesen Mailverlauf in zwei Sätzen zusammen:\n\nVon: <<person3>> <<<email3>>>\nIch habe <<person>> gebeten, ab Montag das Konto Leipzig zu übernehmen.\n\nVon: <<person2>>\nPasst, aber setzt bitte <<given>> bei allem für das Team von <<given3>> in Kopie.",
        "Korrigiere dieses Arbeitszeugnis: Frau <<person>> war vier Jahre bei uns tätig. Sie leitete unsere Filiale in <<town>> stets zu unserer vollsten Zufriedenheit. Dipl.-Ing. <<person2>>, Geschäftsführer",
        "Übersetz das für meine Nachbarin ins Türkische: Hallo, hier ist <<given>> aus Nummer 12. Ein Paket für <<person2>> wurde aus Versehen bei uns abgegeben – sie wohnt doch in der <<street>>, oder? Schreib mir unter <<phone>>.",
    ],
    "fr": [
        "Rédige une réponse polie à ce mail :\n\nBonjour <<given>>,\nmerci pour le devis de la cuisine. Pourriez-vous passer jeudi ? Je suis là toute la matinée au <<street>>.\nBien à vous,\n<<given2>>\n\n--\n<<person2>>, MBA\nResponsable logistique, Transports Armor SAS\nPortable : <<phone>>",
        "Résume ce courrier d'adressage en trois points :\n\nCher confrère, chère consœur <<surname3>>,\nje vous adresse Mme <<person>>, née le <<dobw>>, n° de dossier <<mrn>>, domiciliée <<addr>>. Mme <<surname>> a fait deux chutes depuis le <<date>>.\nConfraternellement,\nDr <<person2>>",
        "Classe ce ticket de support et propose une réponse :\nTicket n° <<n>> – Colis jamais reçu. La cliente <<person>> dit que le livreur l'a laissé chez une voisine, <<person2>>, au <<street>> à <<town>>. Sa carte <<card>> a été débitée deux fois. Rappeler au <<phone>>.",
        "Rends ce paragraphe de mon CV plus professionnel : je m'appelle <<person>>, infirmière à <<town>>, née le <<dobw>>. J'ai été formée par <<person2>> en unité neurovasculaire. Vous pouvez me joindre à <<email>> ou au <<phone>>.",
        "Aide-moi à écrire une lettre ferme à mon propriétaire. M. <<surname2>> ne m'a toujours pas rendu le dépôt de garantie de 1 200 € pour l'appartement du <<addr>>. J'ai rendu les clés le <<date>> à son agente, <<person3>>.",
        "Écris un petit mot à la maîtresse de <<given>>, Mme <<surname2>>, pour dire qu'il sera absent vendredi pour un rendez-vous à l'hôpital et que sa grand-mère, <<person3>>, viendra le chercher à 11 h 30.",
        "Fais la synthèse de ma déclaration de sinistre : assuré <<person>>, né le <<dob>>, demeurant <<addr>>. L'autre conducteur était <<person2>>, téléphone <<phone>>. Virement de l'indemnité sur <<iban>>.",
        "Explique ce compte rendu d'hospitalisation à la famille :\nCOMPTE RENDU DE SORTIE – <<surnameU>> <<given>> – né(e) le <<dob>> – IPP <<mrn>>\nHospitalisé(e) dans le service du Pr <<person2>> pour fracture du col du fémur. Médecin traitant : Dr <<surname3>>.",
        "Ma compagne <<given2>> et moi avons déménagé de <<town2>> au <<addr>> en août. Faut-il le signaler tous les deux aux impôts, et que doit faire <<given2>> pour sa déclaration si elle est née le <<dobw>> et part à la retraite cette année ?",
        "Résume ce fil de mails en deux lignes :\n\nDe : <<person3>> <<<email3>>>\nJ'ai demandé à <<person>> de reprendre le compte de Lille dès lundi.\n\nDe : <<person2>>\nÇa me va, mais mettez <<given>> en copie pour tout ce qui concerne l'équipe de <<given3>>.",
        "Relis cette lettre de recommandation : c'est avec plaisir que je recommande <<person>>, qui a travaillé quatre ans avec moi. <<given>> a dirigé notre agence de <<town>> avec rigueur. Me <<person2>>, avocate au barreau",
        "Traduis ceci en arabe pour ma voisine : Bonjour, c'est <<given>> du numéro 12. Un colis pour <<person2>> a été livré chez nous par erreur – elle habite bien au <<street>> ? Envoie-moi un SMS au <<phone>>.",
    ],
    "es": [
        "Redacta una respuesta educada a este correo:\n\nHola, <<given>>:\ngracias por el presupuesto de la cocina. ¿Podrías pasarte el jueves? Estoy toda la mañana en <<street>>.\nUn saludo,\n<<given2>>\n\n--\n<<person2>>, MBA\nJefa de Logística, Transportes Cantábrico S.L.\nMóvil: <<phone>>",
        "Resume este informe de derivación en tres puntos:\n\nEstimado Dr. <<surname3>>:\nLe remito a <<person>>, nacida el <<dobw>>, n.º de historia clínica <<mrn>>, con domicilio en <<addr>>. La Sra. <<surname>> ha sufrido dos caídas desde el <<date>>.\nAtentamente,\nDra. <<person2>>",
        "Clasifica esta incidencia y propón una respuesta:\nIncidencia n.º <<n>> – El paquete nunca llegó. La clienta <<person>> dice que el repartidor lo dejó con una vecina, <<person2>>, en <<street>>, <<town>>. Le cobraron dos veces en la tarjeta <<card>>. Llamar al <<phone>>.",
        "Haz que este párrafo de mi currículum suene más profesional: soy <<person>>, enfermera en <<town>>, nacida el <<dobw>>. Me formé con <<person2>> en la unidad de ictus. Podéis escribirme a <<email>> o llamarme al <<phone>>.",
        "Ayúdame a escribir una carta a mi casero. <<person2>> todavía no me ha devuelto la fianza de 900 € del piso de <<addr>>. Me fui el <<date>> y le di las llaves a su agente, <<given3>>.",
        "Escribe una nota corta a la tutora de <<given>>, la señora <<surname2>>, diciendo que el viernes faltará por una cita en el hospital y que su abuela, <<person3>>, lo recogerá a las 12:30.",
        "Resume mi parte de accidente para el seguro: tomador <<person>>, fecha de nacimiento <<dob>>, domicilio <<addr>>. El otro conductor era <<person2>>, teléfono <<phone>>. La indemnización, a la cuenta <<iban>>.",
        "Explica este informe de alta a la familia con palabras sencillas:\nINFORME DE ALTA – <<surnameU>>, <<given>> – F. nac. <<dob>> – NHC <<mrn>>\nIngresó a cargo del Dr. <<person2>> por fractura de cadera; hemiartroplastia el segundo día. Médico de cabecera: Dra. <<surname3>>.",
        "Mi pareja <<given2>> y yo nos mudamos de <<town2>> a <<addr>> en agosto. ¿Tenemos que comunicarlo los dos a Hacienda, y qué necesita <<given2>> para la declaración si nació el <<dobw>> y se jubila este año?",
        "Resume este hilo de correos en dos líneas:\n\nDe: <<person3>> <<<email3>>>\nLe he pedido a <<person>> que se haga cargo de la cuenta de Bilbao desde el lunes.\n\nDe: <<person2>>\nMe parece bien, pero poned en copia a <<given>> en todo lo del equipo de <<given3>>.",
        "Revisa esta carta de recomendación: es un placer recomendar a <<person>>, que trabajó conmigo cuatro años. <<given>> dirigió nuestra oficina de <<town>> con gran acierto. Fdo.: Lic. <<person2>>",
        "Traduce esto al inglés para mi vecina: Hola, soy <<given>>, del número 12. Nos han dejado por error un paquete para <<person2>>; vive en <<street>>, ¿verdad? Escríbeme al <<phone>>.",
    ],
    "it": [
        "Scrivi una risposta cortese a questa mail:\n\nCiao <<given>>,\ngrazie per il preventivo della cucina. Riesci a passare giovedì? Sono in <<street>> tutta la mattina.\nA presto,\n<<given2>>\n\n--\n<<person2>>, MBA\nResponsabile logistica, Trasporti Isolani S.r.l.\nCell. <<phone>>",
        "Riassumi questa lettera di invio in tre punti:\n\nGentile collega <<surname3>>,\nLe invio la signora <<person>>, nata il <<dobw>>, cartella clinica n. <<mrn>>, residente in <<addr>>. La signora <<surname>> è caduta due volte dal <<date>>.\nCordiali saluti,\nDott.ssa <<person2>>",
        "Classifica questo ticket di assistenza e proponi una risposta:\nTicket n. <<n>> – Pacco mai arrivato. La cliente <<person>> dice che il corriere l'ha lasciato a una vicina, <<person2>>, in <<street>> a <<town>>. Le hanno addebitato due volte la carta <<card>>. Richiamare al <<phone>>.",
        "Rendi più professionale questo paragrafo del mio CV: sono <<person>>, infermiera a <<town>>, nata il <<dobw>>. Mi sono formata con <<person2>> nella stroke unit. Potete scrivermi a <<email>> o chiamarmi al <<phone>>.",
        "Aiutami a scrivere una lettera al padrone di casa. Il signor <<surname2>> non mi ha ancora restituito il deposito cauzionale di 1.500 € per l'appartamento di <<addr>>. Ho lasciato le chiavi il <<date>> alla sua agente, <<person3>>.",
        "Scrivi un biglietto alla maestra di <<given>>, la signora <<surname2>>, per dire che venerdì sarà assente per una visita in ospedale e che la nonna, <<person3>>, lo prenderà alle 12:30.",
        "Riassumi la mia denuncia di sinistro: contraente <<person>>, data di nascita <<dob>>, residente in <<addr>>. L'altro conducente era <<person2>>, telefono <<phone>>. Liquidazione sull'IBAN <<iban>>.",
        "Spiega alla famiglia questa lettera di dimissione con parole semplici:\nLETTERA DI DIMISSIONE – <<surnameU>> <<given>> – nato/a il <<dob>> – n. nosologico <<mrn>>\nRicoverato/a presso l'U.O. del prof. <<person2>> per frattura del collo del femore. Medico curante: dott. <<surname3>>.",
        "Mia moglie <<given2>> e io ci siamo trasferiti da <<town2>> a <<addr>> ad agosto. Dobbiamo comunicarlo entrambi all'Agenzia delle Entrate, e cosa serve a <<given2>> per la dichiarazione se è nata il <<dobw>> e va in pensione quest'anno?",
        "Riassumi questo scambio di mail in due righe:\n\nDa: <<person3>> <<<email3>>>\nHo chiesto a <<person>> di seguire il cliente di Verona da lunedì.\n\nDa: <<person2>>\nVa bene, ma mettete in copia <<given>> per tutto ciò che riguarda il gruppo di <<given3>>.",
        "Correggi questa lettera di referenze: sono lieto di raccomandare <<person>>, che ha lavorato con me per quattro anni. <<given>> ha diretto la nostra filiale di <<town>> con grande serietà. Avv. <<person2>>",
        "Traduci in rumeno per la mia vicina: Ciao, sono <<given>> del civico 12. Un pacco per <<person2>> è stato consegnato a noi per sbaglio – abita in <<street>>, vero? Scrivimi al <<phone>>.",
    ],
    "nl": [
        "Schrijf een beleefd antwoord op deze mail:\n\nHoi <<given>>,\nbedankt voor de offerte voor de keuken. Kun je donderdag langskomen? Ik ben de hele ochtend op de <<street>>.\nGroet,\n<<given2>>\n\n--\n<<person2>>, MBA\nManager logistiek, Waddenvracht B.V.\nM: <<phone>>",
        "Vat deze verwijsbrief samen in drie punten:\n\nGeachte collega <<surname3>>,\nHierbij verwijs ik mevrouw <<person>>, geboren op <<dobw>>, patiëntnummer <<mrn>>, wonende <<addr>>. Mevrouw <<surname>> is sinds <<date>> twee keer gevallen.\nMet collegiale groet,\ndrs. <<person2>>, huisarts",
        "Deel dit supportticket in en stel een antwoord voor:\nTicket #<<n>> – Pakket nooit aangekomen. Klant <<person>> zegt dat de bezorger het bij een buurvrouw, <<person2>>, op de <<street>> in <<town>> heeft afgegeven. Haar kaart <<card>> is twee keer belast. Terugbellen op <<phone>>.",
        "Laat deze alinea van mijn cv professioneler klinken: ik ben <<person>>, verpleegkundige in <<town>>, geboren op <<dobw>>. Ik ben opgeleid door <<person2>> op de stroke unit. Bereikbaar via <<email>> of <<phone>>.",
        "Help me met een brief aan mijn verhuurder. <<person2>> heeft mijn borg van € 1.100 voor het appartement aan de <<addr>> nog steeds niet terugbetaald. Ik ben op <<date>> vertrokken en heb de sleutels aan zijn makelaar, <<given3>>, gegeven.",
        "Schrijf een kort briefje aan de juf van <<given>>, juf <<surname2>>, dat hij vrijdag afwezig is vanwege een ziekenhuisafspraak en dat zijn oma, <<person3>>, hem om 12.00 uur ophaalt.",
        "Vat mijn schadeformulier samen: verzekeringnemer <<person>>, geboortedatum <<dob>>, woonadres <<addr>>. De andere bestuurder was <<person2>>, telefoon <<phone>>. Uitkering graag op <<iban>>.",
        "Leg deze ontslagbrief in gewone taal uit aan de familie:\nONTSLAGBRIEF – <<surnameU>>, <<given>> – geb. <<dob>> – ziekenhuisnummer <<mrn>>\nOpgenomen bij dr. <<person2>> met een heupfractuur, kophalsprothese op dag 2. Huisarts: dr. <<surname3>>.",
        "Mijn vriendin <<given2>> en ik zijn in augustus van <<town2>> naar de <<addr>> verhuisd. Moeten we dat allebei aan de Belastingdienst doorgeven, en wat heeft <<given2>> nodig voor haar aangifte als ze op <<dobw>> geboren is en dit jaar met pensioen gaat?",
        "Vat deze mailwisseling in twee regels samen:\n\nVan: <<person3>> <<<email3>>>\nIk heb <<person>> gevraagd vanaf maandag de klant in Zwolle over te nemen.\n\nVan: <<person2>>\nPrima, maar zet <<given>> in de cc bij alles voor het team van <<given3>>.",
        "Lees deze referentie na: met genoegen beveel ik <<person>> aan, die vier jaar met mij heeft gewerkt. <<given>> leidde ons kantoor in <<town>> uitstekend. Met vriendelijke groet, mr. <<person2>>",
        "Vertaal dit in het Papiaments voor mijn buurvrouw: Hoi, met <<given>> van nummer 12. Er is per ongeluk een pakket voor <<person2>> bij ons bezorgd – ze woont toch op de <<street>>? App me op <<phone>>.",
    ],
}


def segments(t, lang):
    """The template's segments: (None, text) or (ENTITY, value)."""
    a, b, c = R.sample(PEOPLE[lang], 3)
    town, town2 = R.sample(TOWNS[lang], 2)
    vals = {
        "person": lambda: ("PERSON", f"{a[0]} {a[1]}"),
        "given": lambda: ("PERSON", a[0]),
        "surname": lambda: ("PERSON", a[1]),
        "surnameU": lambda: ("PERSON", a[1].upper()),
        "email": lambda: ("EMAIL_ADDRESS", email_of(*a)),
        "person2": lambda: ("PERSON", f"{b[0]} {b[1]}"),
        "given2": lambda: ("PERSON", b[0]),
        "surname2": lambda: ("PERSON", b[1]),
        "email3": lambda: ("EMAIL_ADDRESS", email_of(*c)),
        "person3": lambda: ("PERSON", f"{c[0]} {c[1]}"),
        "given3": lambda: ("PERSON", c[0]),
        "surname3": lambda: ("PERSON", c[1]),
        "addr": lambda: address(lang),
        "street": lambda: ("LOCATION", street_line(lang)),
        "town": lambda: ("LOCATION", town),
        "town2": lambda: ("LOCATION", town2),
        "phone": lambda: ("PHONE_NUMBER", phone(lang)),
        "dob": lambda: dob(lang),
        "dobw": lambda: dobw(lang),
        "mrn": lambda: ("MEDICAL_RECORD_NUMBER", mrn()),
        "iban": lambda: ("IBAN_CODE", iban(lang)),
        "card": lambda: ("CREDIT_CARD", card()),
        "date": lambda: (None, date_text(lang, num(1, 28), num(1, 12), num(2025, 2026))),
        "n": lambda: (None, str(num(10000, 999999))),
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
# Capitalised things that are neither people nor anyone's whereabouts, many named after
# people or places; each pool is filtered against A-M's harmless texts and decoys.
SOFTWARE = avoided([
    "Kubernetes", "PostgreSQL", "Grafana", "Ansible", "Terraform", "Redis", "Kafka",
    "Cassandra", "Elasticsearch", "Django", "Laravel", "Svelte", "Jupyter", "Matplotlib",
    "Blender", "Inkscape", "Audacity", "Thunderbird", "LibreOffice", "Nextcloud", "Mattermost",
    "Keycloak", "Prometheus", "Traefik", "Airflow", "Metabase", "Kibana", "Jellyfin", "Gitea",
    "Hugo", "Jekyll", "Celery", "Pulumi", "Vagrant", "Nomad", "Debian", "Fedora",
    "Podman", "Buildah", "Tekton", "Argo CD", "Longhorn", "Rancher", "Cilium", "Linkerd", "Envoy", "Dapr", "Zitadel", "Authelia", "Forgejo", "Woodpecker CI", "Gatus", "Uptime Kuma", "Vaultwarden", "Paperless-ngx", "Immich", "Syncthing", "Restic", "BorgBackup", "Duplicati", "Directus", "Strapi", "Astro", "Nuxt", "Quasar", "Vuetify", "Tauri", "Bevy", "Godot", "Krita", "Darktable", "Kdenlive", "Shotcut", "Ardour", "MuseScore", "Zotero", "Joplin", "Logseq", "Anki",
])
MEDICINES = avoided([
    "Ibuprofen", "Paracetamol", "Metformin", "Ramipril", "Pantoprazol", "Amoxicillin",
    "L-Thyroxin", "Bisoprolol", "Simvastatin", "Novalgin", "Voltaren", "Buscopan", "Imodium",
    "Cetirizin", "Mirtazapin", "Xarelto", "Eliquis", "Ozempic", "Ventolin", "Nurofen", "Lyrica",
    "Tavor", "Zopiclon", "Dafalgan", "Doliprane", "Efferalgan", "Spasfon", "Gaviscon",
    "Enantyum", "Nolotil", "Tachipirina", "Brufen", "Oki", "Movicol", "Sinemet", "Madopar",
])
CARS = avoided([
    "Seat Ibiza", "Seat Arona", "Seat Ateca", "Seat Alhambra", "Seat Tarraco", "Cupra Formentor",
    "Hyundai Tucson", "Hyundai Santa Fe", "Kia Sorento", "Porsche Cayenne", "VW Touareg",
    "Skoda Kodiaq", "Dacia Sandero", "Chevrolet Malibu", "Nissan Qashqai", "Renault Austral",
    "Fiat Panda", "Opel Mokka", "Cupra Born", "Kia Sportage", "Toyota Corolla", "Ford Kuga",
    "Seat Exeo", "Suzuki Vitara", "Jeep Cherokee", "Jeep Renegade", "Mitsubishi Pajero", "Lancia Ypsilon", "Alfa Romeo Tonale", "Alfa Romeo Stelvio", "Fiat Doblò", "Kia Stonic", "Hyundai Kona", "Hyundai Bayon", "Dacia Jogger", "Renault Espace", "Citroën Berlingo", "Peugeot Rifter", "Opel Zafira", "Ford Puma", "Skoda Superb", "Subaru Forester", "Kia Ceed", "Seat Leon",
])
BOOKS = avoided([
    "Anna Karenina", "Madame Bovary", "Oliver Twist", "Effi Briest", "Jane Eyre",
    "Forrest Gump", "Notting Hill", "Casablanca", "Philadelphia", "Fargo", "Chinatown",
    "Toni Erdmann", "Lola rennt", "Heidi", "Momo", "Matilda", "Rebecca", "Lolita", "Dracula",
    "Frankenstein", "Don Quijote", "Pedro Páramo", "La Regenta", "Il Gattopardo", "Pinocchio",
    "Max Havelaar", "Kruimeltje", "Bel-Ami", "Thérèse Raquin", "Germinal", "Eugénie Grandet",
    "Mrs Dalloway", "Middlemarch", "David Copperfield", "Siddhartha", "Homo Faber",
    "Der Vorleser", "Marianela", "Fortunata y Jacinta", "Il deserto dei Tartari",
])
CLUBS = avoided([
    "Real Sociedad", "Athletic Club", "Werder Bremen", "Borussia Mönchengladbach",
    "Fortuna Sittard", "Go Ahead Eagles", "Heracles Almelo", "Sparta Rotterdam",
    "Hellas Verona", "Sampdoria", "Olympique Lyonnais", "Stade Rennais", "Union Berlin",
    "Hertha BSC", "Celta de Vigo", "Rayo Vallecano", "Queens Park Rangers", "Aston Villa",
    "Crystal Palace", "Nottingham Forest", "Arminia Bielefeld", "Holstein Kiel",
    "Stade Brestois", "Udinese", "Atalanta", "Fiorentina", "Deportivo Alavés", "PEC Zwolle",
    "Willem II", "NAC Breda", "Roda JC", "Alemannia Aachen", "Wolverhampton Wanderers",
    "SC Paderborn", "SV Sandhausen", "SpVgg Unterhaching", "Rot-Weiss Essen", "Wuppertaler SV", "Kickers Offenbach", "FC Lorient", "En Avant Guingamp", "Stade Lavallois", "Chamois Niortais", "SD Eibar", "SD Huesca", "Real Oviedo", "Racing de Ferrol", "CD Mirandés", "Burgos CF", "Pro Vercelli", "Ternana", "Virtus Entella", "Juve Stabia", "Cittadella", "FC Emmen", "Helmond Sport", "FC Dordrecht", "TOP Oss", "De Graafschap", "VVV-Venlo", "FC Den Bosch", "Tranmere Rovers", "Accrington Stanley", "Forest Green Rovers", "Crewe Alexandra", "Hamilton Academical", "Partick Thistle",
])
FASHION = avoided([
    "Hugo Boss", "Ralph Lauren", "Yves Saint Laurent", "Giorgio Armani", "Calvin Klein",
    "Tommy Hilfiger", "Karl Lagerfeld", "Jil Sander", "Marc O'Polo", "Louis Vuitton",
    "Christian Dior", "Carolina Herrera", "Massimo Dutti", "Paul Smith", "Ted Baker",
    "Salvatore Ferragamo", "Jean Paul Gaultier", "Isabel Marant", "Adolfo Domínguez",
    "Michael Kors", "Hermès", "Lancôme", "Nina Ricci", "Paco Rabanne",
    "Gerry Weber", "Betty Barclay", "Tom Tailor", "Marc Cain", "Brunello Cucinelli", "Ermenegildo Zegna", "Dries Van Noten", "Ann Demeulemeester", "Sonia Rykiel", "Vivienne Westwood", "Guy Laroche", "Ted Lapidus", "Elie Saab", "Oscar de la Renta", "Roberto Cavalli", "Laura Biagiotti", "Trussardi", "Hackett", "Barbour", "Joop", "Bogner", "Rosa Clará", "Pronovias",
])
PRODUCTS = avoided([
    "Thermomix TM6", "Dyson V15", "Kärcher K5", "Le Creuset", "De'Longhi Magnifica",
    "Bialetti Moka Express", "Ikea Billy", "Ikea Kallax", "Fjällräven Kånken", "Moleskine",
    "Lamy Safari", "Montblanc Meisterstück", "Philips Sonicare", "Braun Series 9",
    "Garmin Forerunner 265", "Leica Q3", "Sonos Era 100", "Bose QuietComfort",
    "Nespresso Vertuo", "Tefal Ingenio", "Miele Triflex", "Stanley Quencher",
    "Birkenstock Arizona", "Nike Pegasus", "Asics Gel-Nimbus", "Salomon Speedcross",
    "Ray-Ban Wayfarer", "Samsonite Cosmolite", "Victorinox Huntsman", "Opinel",
    "Ikea Hemnes", "Ikea Poäng", "WMF Perfect Plus", "Fissler Vitavit", "Liebherr", "Jura E8", "Sage Barista Express", "Moccamaster", "Melitta Caffeo", "Leifheit", "Brabantia Bo", "Petromax", "Ortlieb Back-Roller", "Deuter Futura", "Hanwag", "Meindl", "Lowa Renegade", "Hoka Clifton", "Brooks Ghost", "Saucony Kinvara", "Mizuno Wave Rider", "Sigg", "Nalgene", "Chemex", "Hario V60", "Aeropress", "Bodum Chambord", "Alessi Plissé", "KitchenAid Artisan", "Kenwood Chef", "Bamix",
])
DISHES = avoided([
    "Beef Wellington", "Eggs Benedict", "Caesar salad", "Pizza Margherita", "Carpaccio",
    "Crêpes Suzette", "Sachertorte", "Linzer Torte", "Bismarckhering", "Königsberger Klopse",
    "Strammer Max", "Tarte Tatin", "Quiche Lorraine", "Tournedos Rossini", "Fettuccine Alfredo",
    "Huevos rancheros", "Bitterballen", "Haagse bluf", "Frankfurter Kranz",
    "Schwarzwälder Kirschtorte", "Bœuf bourguignon", "Salade niçoise", "Sole meunière",
    "Pavlova", "Kaiserschmarrn", "Ensaladilla rusa", "Vitello tonnato", "Pesto alla genovese",
    "Zuppa inglese", "Negroni", "Bellini", "Hawaii-Toast", "Pollo alla cacciatora",
    "Leipziger Allerlei", "Bremer Knipp", "Himmel un Ääd", "Labskaus", "Pannhas", "Kouign-amann", "Far breton", "Aligot", "Cassoulet", "Pissaladière", "Tarte tropézienne", "Pets de nonne", "Porrusalda", "Marmitako", "Pulpo a feira", "Lacón con grelos", "Salmorejo", "Flamenquín", "Pipirrana", "Culurgiones", "Malloreddus", "Seadas", "Frico", "Cjarsons", "Pasta alla Norma", "Arancini", "Canederli", "Strangolapreti", "Stamppot", "Hutspot", "Poffertjes", "Kibbeling", "Zeeuwse bolus", "Limburgse vlaai", "Boterkoek", "Omelette norvégienne", "Spaghetti alla Nerano", "Chateaubriand", "Sauce Mornay", "Pommes Anna", "Lobster Thermidor", "Oysters Rockefeller", "Waldorf salad", "Cobb salad", "Reuben sandwich",
])
LAWS = {lang: avoided(xs) for lang, xs in {
    "en": ["Maastricht Treaty", "Schengen Agreement", "Lisbon Treaty", "Dublin Regulation",
           "Kyoto Protocol", "Sarbanes-Oxley Act", "Dodd-Frank Act", "Equality Act 2010",
           "Good Friday Agreement", "Geneva Conventions", "Helsinki Final Act", "Treaty of Versailles",
           "Aarhus Convention", "Istanbul Convention", "Marrakesh Treaty", "Treaty of Utrecht", "Bologna Process", "Treaty of Nice", "Ottawa Treaty", "Montreal Protocol", "Nagoya Protocol", "Espoo Convention", "Treaty of Lausanne"],
    "de": ["Vertrag von Maastricht", "Schengener Abkommen", "Vertrag von Lissabon",
           "Dublin-III-Verordnung", "Kyoto-Protokoll", "Hartz-IV-Reform", "Lieferkettengesetz",
           "Genfer Konventionen", "Zwei-plus-Vier-Vertrag", "Elysée-Vertrag",
           "Washingtoner Artenschutzabkommen", "Potsdamer Abkommen",
           "Aarhus-Konvention", "Istanbul-Konvention", "Montrealer Protokoll", "Nagoya-Protokoll", "Vertrag von Nizza", "Bologna-Prozess", "Berner Konvention", "Westfälischer Friede"],
    "fr": ["traité de Maastricht", "accords de Schengen", "traité de Lisbonne", "règlement Dublin",
           "protocole de Kyoto", "loi Evin", "loi Pinel", "loi Hamon", "accords de Matignon",
           "traité de l'Élysée", "accords d'Évian", "loi Macron",
           "convention d'Aarhus", "convention d'Istanbul", "protocole de Montréal", "protocole de Nagoya", "traité d'Ottawa", "traité de Nice", "processus de Bologne", "loi Badinter", "loi Carrez", "loi Alur", "loi Scellier", "loi Duflot"],
    "es": ["Tratado de Maastricht", "Acuerdo de Schengen", "Tratado de Lisboa",
           "Reglamento de Dublín", "Protocolo de Kioto", "Ley Celaá", "Ley Wert",
           "Pactos de la Moncloa", "Tratado de Tordesillas", "Ley Sinde", "Ley Rider", "Ley Beckham",
           "Convenio de Aarhus", "Convenio de Estambul", "Protocolo de Montreal", "Protocolo de Nagoya", "Tratado de Ottawa", "Tratado de Niza", "Plan Bolonia", "Ley Corcuera", "Ley Bosman"],
    "it": ["Trattato di Maastricht", "Accordo di Schengen", "Trattato di Lisbona",
           "Regolamento di Dublino", "Protocollo di Kyoto", "legge Fornero", "legge Merlin",
           "legge Basaglia", "Jobs Act", "Patti Lateranensi", "legge Biagi", "decreto Bersani",
           "Convenzione di Aarhus", "Convenzione di Istanbul", "Protocollo di Montreal", "Protocollo di Nagoya", "Trattato di Ottawa", "Trattato di Nizza", "processo di Bologna", "legge Gelmini", "legge Mancino", "legge Calderoli", "legge Bossi-Fini", "decreto Brunetta"],
    "nl": ["Verdrag van Maastricht", "Akkoord van Schengen", "Verdrag van Lissabon",
           "Dublinverordening", "Kyotoprotocol", "Wet Bibob", "Wet Poortwachter", "Wet Hillen",
           "Wet DBA", "Vrede van Münster", "Unie van Utrecht", "Verdrag van Rome",
           "Verdrag van Aarhus", "Verdrag van Istanbul", "Protocol van Montreal", "Protocol van Nagoya", "Verdrag van Ottawa", "Verdrag van Nice", "Bolognaproces", "Wet Mulder", "Wet Koppeling"],
}.items()}
DISEASES = {lang: avoided(xs) for lang, xs in {
    "en": ["Parkinson's disease", "Alzheimer's disease", "Crohn's disease", "Hashimoto's thyroiditis",
           "Hodgkin lymphoma", "Huntington's disease", "Asperger syndrome", "Raynaud's phenomenon",
           "Ménière's disease", "Guillain-Barré syndrome", "Kawasaki disease", "Lyme disease",
           "Addison's disease", "Cushing's syndrome", "Sjögren's syndrome", "Dupuytren's contracture",
           "Osgood-Schlatter disease", "Bell's palsy",
           "Paget's disease", "Peyronie's disease", "Kienböck's disease", "Scheuermann's disease", "Perthes disease", "Tietze syndrome", "Behçet's disease", "Marfan syndrome", "Ehlers-Danlos syndrome", "Gaucher disease", "Fabry disease", "Kaposi sarcoma", "Korsakoff syndrome", "Duchenne muscular dystrophy", "Baker's cyst", "Morton's neuroma", "Haglund's deformity", "Still's disease"],
    "de": ["Morbus Parkinson", "Alzheimer-Demenz", "Morbus Crohn", "Hashimoto-Thyreoiditis",
           "Morbus Bechterew", "Chorea Huntington", "Asperger-Syndrom", "Raynaud-Syndrom",
           "Morbus Menière", "Guillain-Barré-Syndrom", "Kawasaki-Syndrom", "Lyme-Borreliose",
           "Morbus Addison", "Cushing-Syndrom", "Sjögren-Syndrom", "Dupuytren-Kontraktur",
           "Morbus Osgood-Schlatter", "Morbus Basedow",
           "Morbus Paget", "Morbus Scheuermann", "Morbus Perthes", "Morbus Kienböck", "Tietze-Syndrom", "Morbus Behçet", "Marfan-Syndrom", "Ehlers-Danlos-Syndrom", "Morbus Gaucher", "Morbus Fabry", "Kaposi-Sarkom", "Korsakow-Syndrom", "Muskeldystrophie Duchenne", "Baker-Zyste", "Morton-Neurom", "Haglund-Ferse", "Morbus Sudeck", "Morbus Still"],
    "fr": ["maladie de Parkinson", "maladie d'Alzheimer", "maladie de Crohn",
           "thyroïdite de Hashimoto", "maladie de Charcot", "chorée de Huntington",
           "syndrome d'Asperger", "syndrome de Raynaud", "maladie de Ménière",
           "syndrome de Guillain-Barré", "maladie de Kawasaki", "maladie de Lyme",
           "maladie d'Addison", "syndrome de Cushing", "maladie de Dupuytren", "maladie de Horton",
           "maladie de Paget", "maladie de La Peyronie", "maladie de Kienböck", "maladie de Scheuermann", "syndrome de Tietze", "maladie de Behçet", "syndrome de Marfan", "syndrome d'Ehlers-Danlos", "maladie de Gaucher", "maladie de Fabry", "sarcome de Kaposi", "syndrome de Korsakoff", "myopathie de Duchenne", "kyste de Baker", "névrome de Morton", "maladie de Haglund", "maladie de Still"],
    "es": ["enfermedad de Parkinson", "enfermedad de Alzheimer", "enfermedad de Crohn",
           "tiroiditis de Hashimoto", "corea de Huntington", "síndrome de Asperger",
           "fenómeno de Raynaud", "enfermedad de Ménière", "síndrome de Guillain-Barré",
           "enfermedad de Kawasaki", "enfermedad de Lyme", "enfermedad de Addison",
           "síndrome de Cushing", "síndrome de Sjögren", "enfermedad de Chagas", "parálisis de Bell",
           "enfermedad de Paget", "enfermedad de Peyronie", "enfermedad de Kienböck", "enfermedad de Scheuermann", "síndrome de Tietze", "enfermedad de Behçet", "síndrome de Marfan", "síndrome de Ehlers-Danlos", "enfermedad de Gaucher", "enfermedad de Fabry", "sarcoma de Kaposi", "síndrome de Korsakoff", "distrofia de Duchenne", "quiste de Baker", "neuroma de Morton", "enfermedad de Still"],
    "it": ["morbo di Parkinson", "malattia di Alzheimer", "morbo di Crohn", "tiroidite di Hashimoto",
           "corea di Huntington", "sindrome di Asperger", "fenomeno di Raynaud",
           "sindrome di Ménière", "sindrome di Guillain-Barré", "malattia di Kawasaki",
           "malattia di Lyme", "morbo di Addison", "sindrome di Cushing", "sindrome di Sjögren",
           "morbo di Basedow", "paralisi di Bell",
           "morbo di Paget", "malattia di La Peyronie", "malattia di Kienböck", "morbo di Scheuermann", "sindrome di Tietze", "malattia di Behçet", "sindrome di Marfan", "sindrome di Ehlers-Danlos", "malattia di Gaucher", "malattia di Fabry", "sarcoma di Kaposi", "sindrome di Korsakoff", "distrofia di Duchenne", "cisti di Baker", "neuroma di Morton", "morbo di Still"],
    "nl": ["ziekte van Parkinson", "ziekte van Alzheimer", "ziekte van Crohn", "ziekte van Hashimoto",
           "ziekte van Huntington", "syndroom van Asperger", "fenomeen van Raynaud",
           "ziekte van Ménière", "syndroom van Guillain-Barré", "ziekte van Kawasaki",
           "ziekte van Lyme", "ziekte van Addison", "syndroom van Cushing", "syndroom van Sjögren",
           "ziekte van Bechterew", "ziekte van Kahler",
           "ziekte van Paget", "ziekte van Peyronie", "ziekte van Kienböck", "ziekte van Scheuermann", "syndroom van Tietze", "ziekte van Behçet", "syndroom van Marfan", "syndroom van Ehlers-Danlos", "ziekte van Gaucher", "ziekte van Fabry", "syndroom van Korsakov", "spierdystrofie van Duchenne", "neuroom van Morton", "ziekte van Still"],
}.items()}
INSTITUTIONS = {lang: avoided(xs) for lang, xs in {
    "en": ["Downing Street", "Wall Street", "Whitehall", "Threadneedle Street", "Fleet Street",
           "Capitol Hill", "Foggy Bottom", "Silicon Valley", "Holyrood", "Stormont",
           "Vauxhall Cross", "Millbank", "Marsham Street", "Canary Wharf", "King Charles Street", "Bute House", "Cathays Park", "Thames House", "Lambeth Palace"],
    "de": ["Wall Street", "Downing Street", "Karlsruhe", "der Bendlerblock", "das Willy-Brandt-Haus",
           "das Konrad-Adenauer-Haus", "Schloss Bellevue", "Brüssel", "Washington",
           "Pullach", "das Thomas-Dehler-Haus", "das Karl-Liebknecht-Haus", "Wiesbaden", "Flensburg", "Luxemburg", "Straßburg", "Den Haag"],
    "fr": ["Matignon", "Bercy", "l'Élysée", "le Quai d'Orsay", "la place Beauvau", "la rue de Valois",
           "Wall Street", "Downing Street", "Bruxelles", "Francfort",
           "la rue de Solférino", "le Palais-Bourbon", "le Palais du Luxembourg", "la place Vendôme", "l'hôtel de Brienne", "Balard", "le quai des Orfèvres", "Strasbourg", "La Haye"],
    "es": ["la Moncloa", "la Zarzuela", "Ferraz", "Génova", "Wall Street", "Downing Street",
           "Bruselas", "Ajuria Enea", "San Telmo", "Sant Jaume",
           "el Palacio de Santa Cruz", "la Carrera de San Jerónimo", "la Puerta del Sol", "Monte Pío", "San Caetano", "Estrasburgo", "Luxemburgo", "La Haya"],
    "it": ["Palazzo Chigi", "la Farnesina", "Montecitorio", "il Quirinale", "Palazzo Madama",
           "Viale Mazzini", "il Nazareno", "Wall Street", "Downing Street", "Bruxelles",
           "Palazzo Koch", "Via XX Settembre", "Piazzale Clodio", "Via Arenula", "Palazzo Marino", "Palazzo Vecchio", "Strasburgo", "Lussemburgo", "L'Aia"],
    "nl": ["het Binnenhof", "het Catshuis", "het Torentje", "de Zuidas", "Wall Street",
           "Downing Street", "Brussel", "Frankfurt",
           "de Kneuterdijk", "het Lange Voorhout", "de Bezuidenhoutseweg", "Straatsburg", "Luxemburg", "het Plein", "de Korte Voorhout"],
}.items()}

# Slots: <<sw>> <<med>> <<car>> <<book>> <<club>> <<fashion>> <<product>> <<dish>> <<law>>
# <<disease>> <<inst>> (2, 3: further picks of the same pool); <<ver>> <<date>> <<price>>
# <<score>> <<n>> (plain).
HARMLESS_T = {
    "en": [
        "We run <<sw>> 1.29 and <<sw2>> 16 on two servers. Would <<sw3>> be overkill for a team of five? Give me pros and cons.",
        "Can I take <<med>> 400 mg together with <<med2>>? My pharmacy closes at 6.30pm and I don't want to bother the GP.",
        "Which is cheaper to run over five years, a <<car>> or a <<car2>>? Both 2021, about 40,000 miles, £14,500.",
        "Suggest a reading order and three discussion questions for our book club: <<book>>, <<book2>> and <<book3>>. We meet on <<date>>.",
        "Explain in plain words how the <<law>> differs from the <<law2>>, for a Year 12 politics essay.",
        "Write a friendly waiting-room leaflet about <<disease>> and <<disease2>>: symptoms, when to see a doctor, where to get support.",
        "Summarise in five sentences how <<inst>> and <<inst2>> reacted to the rate decision on <<date>>.",
        "Give me a shopping list for <<dish>> and <<dish2>> for six people. I already have 250 g butter, eggs and flour.",
        "Write a 120-word match report: <<club>> <<score>> <<club2>>, goals in the 17th and 88th minutes, 23,400 spectators, a red card after the break.",
        "Which perfume should I get my sister for her 40th, <<fashion>> or <<fashion2>>? Budget about £80.",
        "Write an online shop description for the <<product>>: two-year warranty, free returns, £<<price>>.",
        "Rewrite these release notes for customers: version <<ver>> (out on <<date>>) fixes the export to <<sw>>, uses 30 % less memory and the price stays at £49 a month.",
    ],
    "de": [
        "Wir betreiben <<sw>> 1.29 und <<sw2>> 16 auf zwei Servern. Wäre <<sw3>> für ein Team von fünf Leuten übertrieben? Bitte Vor- und Nachteile.",
        "Darf ich <<med>> 400 mg zusammen mit <<med2>> nehmen? Die Apotheke schließt um 18:30 Uhr und ich will den Hausarzt nicht stören.",
        "Was ist auf fünf Jahre günstiger im Unterhalt, ein <<car>> oder ein <<car2>>? Beide Baujahr 2021, rund 60.000 km, 14.500 €.",
        "Schlag eine Lesereihenfolge und drei Gesprächsfragen für unseren Lesekreis vor: <<book>>, <<book2>> und <<book3>>. Treffen am <<date>>.",
        "Erkläre in einfachen Worten den Unterschied zwischen zwei Regelwerken, <<law>> und <<law2>>, für ein Referat in der Oberstufe.",
        "Schreib ein freundliches Merkblatt für das Wartezimmer über <<disease>> und <<disease2>>: Anzeichen, wann zum Arzt, wo es Hilfe gibt.",
        "Fasse in fünf Sätzen zusammen, wie <<inst>> und <<inst2>> auf die Zinsentscheidung vom <<date>> reagiert haben.",
        "Mach mir eine Einkaufsliste für <<dish>> und <<dish2>> für sechs Personen. Butter (250 g), Eier und Mehl sind da.",
        "Schreib einen Spielbericht mit 120 Wörtern: <<club>> – <<club2>> <<score>>, Tore in der 17. und 88. Minute, 23.400 Zuschauer, Rote Karte nach der Pause.",
        "Welches Parfum soll ich meiner Schwester zum 40. schenken, <<fashion>> oder <<fashion2>>? Budget etwa 80 €.",
        "Schreib eine Produktbeschreibung für den Onlineshop: <<product>>, zwei Jahre Garantie, kostenlose Rücksendung, <<price>> €.",
        "Formuliere diese Versionshinweise kundenfreundlich: Version <<ver>> (erscheint am <<date>>) behebt den Export nach <<sw>>, braucht 30 % weniger Speicher, der Preis bleibt bei 49 € im Monat.",
    ],
    "fr": [
        "Nous utilisons <<sw>> 1.29 et <<sw2>> 16 sur deux serveurs. <<sw3>> serait-il excessif pour une équipe de cinq ? Donne-moi les pour et les contre.",
        "Puis-je prendre du <<med>> 400 mg avec du <<med2>> ? La pharmacie ferme à 19 h et je ne veux pas déranger le médecin.",
        "Qu'est-ce qui revient le moins cher sur cinq ans, une <<car>> ou une <<car2>> ? Les deux de 2021, environ 60 000 km, 14 500 €.",
        "Propose un ordre de lecture et trois questions pour notre club de lecture : <<book>>, <<book2>> et <<book3>>. Rendez-vous le <<date>>.",
        "Explique simplement la différence entre deux textes, <<law>> et <<law2>>, pour un exposé de terminale.",
        "Rédige un dépliant pour la salle d'attente sur deux affections, <<disease>> et <<disease2>> : symptômes, quand consulter, où trouver de l'aide.",
        "Résume en cinq phrases comment <<inst>> et <<inst2>> ont réagi à la décision sur les taux du <<date>>.",
        "Fais-moi une liste de courses pour <<dish>> et <<dish2>> pour six personnes. J'ai déjà 250 g de beurre, des œufs et de la farine.",
        "Écris un compte rendu de match de 120 mots : <<club>> – <<club2>> <<score>>, buts à la 17e et à la 88e minute, 23 400 spectateurs, un carton rouge après la pause.",
        "Quel parfum offrir à ma sœur pour ses 40 ans, <<fashion>> ou <<fashion2>> ? Budget d'environ 80 €.",
        "Écris une fiche produit pour la boutique en ligne : <<product>>, garantie deux ans, retours gratuits, <<price>> €.",
        "Réécris ces notes de version pour les clients : la version <<ver>> (sortie le <<date>>) corrige l'export vers <<sw>>, consomme 30 % de mémoire en moins, et le prix reste à 49 € par mois.",
    ],
    "es": [
        "Usamos <<sw>> 1.29 y <<sw2>> 16 en dos servidores. ¿Sería <<sw3>> excesivo para un equipo de cinco? Dame ventajas e inconvenientes.",
        "¿Puedo tomar <<med>> 400 mg junto con <<med2>>? La farmacia cierra a las 20:30 y no quiero molestar al médico.",
        "¿Qué sale más barato de mantener en cinco años, un <<car>> o un <<car2>>? Los dos de 2021, unos 60.000 km, 14.500 €.",
        "Propón un orden de lectura y tres preguntas para nuestro club de lectura: <<book>>, <<book2>> y <<book3>>. Nos vemos el <<date>>.",
        "Explica con palabras sencillas la diferencia entre dos textos, <<law>> y <<law2>>, para un trabajo de bachillerato.",
        "Escribe un folleto para la sala de espera sobre dos afecciones, <<disease>> y <<disease2>>: síntomas, cuándo ir al médico, dónde pedir ayuda.",
        "Resume en cinco frases cómo reaccionaron <<inst>> y <<inst2>> a la decisión sobre los tipos del <<date>>.",
        "Hazme la lista de la compra para <<dish>> y <<dish2>> para seis personas. Ya tengo 250 g de mantequilla, huevos y harina.",
        "Escribe una crónica de 120 palabras: <<club>> <<score>> <<club2>>, goles en los minutos 17 y 88, 23.400 espectadores, una roja tras el descanso.",
        "¿Qué perfume le regalo a mi hermana por sus 40, <<fashion>> o <<fashion2>>? Presupuesto de unos 80 €.",
        "Escribe la ficha de producto para la tienda online: <<product>>, dos años de garantía, devolución gratuita, <<price>> €.",
        "Reescribe estas notas de versión para clientes: la versión <<ver>> (sale el <<date>>) corrige la exportación a <<sw>>, usa un 30 % menos de memoria y el precio sigue en 49 € al mes.",
    ],
    "it": [
        "Usiamo <<sw>> 1.29 e <<sw2>> 16 su due server. <<sw3>> sarebbe eccessivo per un team di cinque persone? Dammi pro e contro.",
        "Posso prendere <<med>> 400 mg insieme a <<med2>>? La farmacia chiude alle 19:30 e non voglio disturbare il medico.",
        "Cosa costa meno in cinque anni, una <<car>> o una <<car2>>? Entrambe del 2021, circa 60.000 km, 14.500 €.",
        "Proponi un ordine di lettura e tre domande per il nostro gruppo di lettura: <<book>>, <<book2>> e <<book3>>. Ci vediamo il <<date>>.",
        "Spiega con parole semplici la differenza tra due testi, <<law>> e <<law2>>, per una tesina di quinta superiore.",
        "Scrivi un opuscolo per la sala d'attesa su due patologie, <<disease>> e <<disease2>>: sintomi, quando andare dal medico, dove trovare aiuto.",
        "Riassumi in cinque frasi come hanno reagito <<inst>> e <<inst2>> alla decisione sui tassi del <<date>>.",
        "Fammi la lista della spesa per <<dish>> e <<dish2>> per sei persone. Ho già 250 g di burro, uova e farina.",
        "Scrivi una cronaca di 120 parole: <<club>>-<<club2>> <<score>>, gol al 17' e all'88', 23.400 spettatori, un rosso dopo l'intervallo.",
        "Che profumo regalo a mia sorella per i suoi 40 anni, <<fashion>> o <<fashion2>>? Budget sugli 80 €.",
        "Scrivi la scheda prodotto per il negozio online: <<product>>, due anni di garanzia, reso gratuito, <<price>> €.",
        "Riscrivi queste note di rilascio per i clienti: la versione <<ver>> (esce il <<date>>) corregge l'esportazione verso <<sw>>, usa il 30 % di memoria in meno e il prezzo resta 49 € al mese.",
    ],
    "nl": [
        "We draaien <<sw>> 1.29 en <<sw2>> 16 op twee servers. Is <<sw3>> overdreven voor een team van vijf? Geef voor- en nadelen.",
        "Mag ik <<med>> 400 mg samen met <<med2>> nemen? De apotheek sluit om 17.30 uur en ik wil de huisarts niet lastigvallen.",
        "Wat is over vijf jaar goedkoper, een <<car>> of een <<car2>>? Allebei uit 2021, zo'n 60.000 km, € 14.500.",
        "Stel een leesvolgorde en drie gespreksvragen voor onze leesclub voor: <<book>>, <<book2>> en <<book3>>. We komen op <<date>> bij elkaar.",
        "Leg in gewone taal het verschil uit tussen twee regelingen, <<law>> en <<law2>>, voor een werkstuk in 5 vwo.",
        "Schrijf een folder voor de wachtkamer over twee aandoeningen, <<disease>> en <<disease2>>: klachten, wanneer naar de dokter, waar je hulp vindt.",
        "Vat in vijf zinnen samen hoe <<inst>> en <<inst2>> reageerden op het rentebesluit van <<date>>.",
        "Maak een boodschappenlijst voor <<dish>> en <<dish2>> voor zes personen. Ik heb al 250 g boter, eieren en bloem.",
        "Schrijf een wedstrijdverslag van 120 woorden: <<club>> – <<club2>> <<score>>, goals in de 17e en 88e minuut, 23.400 toeschouwers, rood na de rust.",
        "Welk parfum geef ik mijn zus voor haar 40e, <<fashion>> of <<fashion2>>? Budget rond de € 80.",
        "Schrijf een producttekst voor de webshop: <<product>>, twee jaar garantie, gratis retour, € <<price>>.",
        "Herschrijf deze release notes voor klanten: versie <<ver>> (verschijnt op <<date>>) repareert de export naar <<sw>>, gebruikt 30 % minder geheugen en de prijs blijft € 49 per maand.",
    ],
}


def harmless(lang, t):
    picks = {}
    pools = {
        "sw": SOFTWARE, "med": MEDICINES, "car": CARS, "book": BOOKS, "club": CLUBS,
        "fashion": FASHION, "product": PRODUCTS, "dish": DISHES, "law": LAWS[lang],
        "disease": DISEASES[lang], "inst": INSTITUTIONS[lang],
    }
    plain = {
        "ver": lambda: f"{num(2, 9)}.{num(0, 19)}.{num(0, 9)}",
        "date": lambda: date_text(lang, num(1, 28), num(1, 12), num(2025, 2027)),
        "price": lambda: f"{num(19, 899)}{'.' if lang == 'en' else ','}{pick(['00', '90', '95', '99'])}",
        "score": lambda: f"{num(0, 4)}{pick(['–', '-', ':'])}{num(0, 3)}",
    }

    def slot(m):
        name, idx = m.group(1), int(m.group(2) or 1) - 1
        if name in plain:
            return plain[name]()
        if name not in picks:
            picks[name] = R.sample(pools[name], 3)
        return picks[name][idx]

    return re.sub(r"<<([a-z]+?)(\d?)>>", slot, t)


# ------------------------------------------------------------ decoys --------
# Numeric shapes none of A-M holds: each shape's distinctive token is searched in their
# text (`main` fails if one occurs there).
DEC = lambda lang, x, p=1: (f"{x:.{p}f}" if lang == "en" else f"{x:.{p}f}".replace(".", ","))
THOU = lambda lang, n: (f"{n:,}" if lang == "en" else f"{n:,}".replace(",", " " if lang == "fr" else "."))


def imei():
    body = pick(["35", "86", "01"]) + digits(12)
    n = body + luhn_digit(body)
    return pick([f"{n[:2]} {n[2:8]} {n[8:14]} {n[14]}", n])


def hhmm():
    return f"{num(6, 22):02d}:{num(0, 59):02d}"


DECOYS = {
    "imei": (r"IMEI", lambda l: f"IMEI 1: {imei()} · IMEI 2: {imei()} · SV {num(1, 99):02d}"),
    "gs1": (r"\(01\)\d", lambda l: f"(01)0{digits(13)}(17){num(26, 29)}{num(1, 12):02d}{num(1, 28):02d}(10){pick('ABLKX')}{digits(5)}"),
    "ndc": (r"NDC \d", lambda l: f"NDC {digits(5)}-{digits(4)}-{digits(2)} · {num(10, 100)} × {pick([5, 10, 20, 25, 50])} mg"),
    "formation": (r"\b\d-\d-\d-\d\b", lambda l: f"{pick(['4-2-3-1', '3-4-2-1', '4-1-4-1', '4-3-2-1'])} · {num(0, 4)}:{num(0, 4)} ({num(0, 2)}:{num(0, 2)}) · {num(35, 65)} % · {num(5, 22)}/{num(1, 9)} · {THOU(l, num(12000, 81000))}"),
    "quake": (r"\bMw \d", lambda l: f"Mw {DEC(l, R.uniform(2.5, 6.9))} · {DEC(l, R.uniform(2, 35))} km · {num(2024, 2026)}-{num(1, 12):02d}-{num(1, 28):02d} {hhmm()}:{num(0, 59):02d} UTC"),
    "wifi": (r"RSSI", lambda l: f"ch {pick([36, 40, 44, 48, 149, 153])} · {pick([5180, 5200, 5220, 5745])} MHz · RSSI −{num(40, 82)} dBm · SNR {num(15, 45)} dB · {num(200, 1200)} Mbit/s"),
    "golf": (r"HCP", lambda l: f"HCP {DEC(l, R.uniform(2, 36))} · Out {num(36, 48)} · In {num(36, 50)} · {num(18, 40)} Stbf · {num(1, 18)}/{num(1, 18)}"),
    "odds": (r"\bfav\b", lambda l: f"{num(2, 9)}/{num(1, 4)} fav · {num(5, 11)}/{num(2, 4)} · {num(10, 25)}/1 · {num(26, 66)}/1"),
    "pantone": (r"PMS \d", lambda l: f"PMS {num(100, 7700)} C · CMYK {num(0, 100)}/{num(0, 100)}/{num(0, 100)}/{num(0, 40)} · RGB {num(0, 255)}/{num(0, 255)}/{num(0, 255)}"),
    "ncs": (r"NCS S", lambda l: f"NCS S {num(0, 8)}{pick(['005', '010', '020', '030', '502'])}-{pick('YRBG')}{num(1, 9)}0{pick('RBGY')} · {num(1, 20)} l · {num(2, 3)} × {DEC(l, R.uniform(6, 16))} m²"),
    "bin": (r"\b[A-Z]-\d\d-\d\d-\d\b", lambda l: f"{pick('ABCDE')}-{num(1, 40):02d}-{num(1, 12):02d}-{num(1, 6)} → {pick('FGHKM')}-{num(1, 40):02d}-{num(1, 12):02d}-{num(1, 6)} · {num(1, 48)} × {DEC(l, R.uniform(0.2, 20))} kg"),
    "unicode": (r"U\+[0-9A-F]{4}", lambda l: " ".join(f"U+{R.choice([0x00C0, 0x0100, 0x0400, 0x2000, 0x1F300]) + num(0, 255):04X}" for _ in range(3)) + f" · {num(8, 96)} px · {num(100, 900)}"),
    "glucose": (r"mg/dl", lambda l: " · ".join(f"{hhmm()} {num(70, 240)} mg/dl" for _ in range(3)) + f" · {num(4, 30)} IE"),
    "league": (r"GD \+", lambda l: f"{num(20, 34)} · {num(8, 24)}-{num(2, 10)}-{num(1, 12)} · {num(30, 80)}:{num(15, 50)} · GD +{num(1, 40)} · {num(30, 75)}"),
    "hydro": (r"mS/cm", lambda l: f"EC {DEC(l, R.uniform(0.8, 2.6))} mS/cm · pH {DEC(l, R.uniform(5.5, 6.8))} · {num(18, 26)} °C · {num(12, 18)}/{num(6, 12)} h"),
    "skipass": (r"KeyCard", lambda l: f"KeyCard {num(1, 99):02d}-{num(1000, 3999)} {digits(4)} {digits(4)} {digits(4)}-{digits(1)} · {num(1, 14)} × · {num(1, 28):02d}.{num(1, 4):02d}.–{num(1, 28):02d}.{num(1, 4):02d}."),
    "resistor": (r"kΩ", lambda l: f"R{num(1, 40)} {DEC(l, R.choice([1.0, 2.2, 4.7, 10.0, 47.0]))} kΩ · C{num(1, 20)} {num(10, 470)} nF · {DEC(l, R.choice([3.3, 5.0, 12.0]))} V · {num(1, 500)} mA"),
    "chmod": (r"chmod", lambda l: f"chmod {pick(['0644', '0755', '0600', '2775'])} · uid {num(1000, 1999)} · gid {num(1000, 1999)} · inode {num(100000, 9999999)} · {num(1, 99999)} B"),
    "engine": (r"cm³", lambda l: f"{num(49, 1800)} cm³ · {num(3, 150)} kW · {num(90, 280)} kg · {num(2008, 2025)} · {THOU(l, num(1000, 90000))} km"),
    "gpx": (r"↑ ?\d", lambda l: f"{DEC(l, R.uniform(4, 42))} km · ↑ {num(100, 1800)} m · ↓ {num(100, 1800)} m · {num(1, 9)}:{num(0, 59):02d} h · max {THOU(l, num(900, 3200))} m"),
}


def main():
    seen = [k for k, (tok, _) in DECOYS.items() if re.search(tok, SEEN_TEXT, re.M)]
    assert not seen, f"decoy shapes seen in A-M: {seen}"
    rows = []
    kinds = sorted(DECOYS)
    for lang in LANGS:
        ht = HARMLESS_T[lang]
        for i in range(108):
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
    print(f"{len(rows)} rows; values and named things dropped as seen in A-M: {len(DROPPED)}", file=sys.stderr)
    print(", ".join(DROPPED), file=sys.stderr)


if __name__ == "__main__":
    main()
