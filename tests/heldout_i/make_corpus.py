#!/usr/bin/env python3
"""Held-out corpus I for `ledgergate redact` (issue 12, point 5): see README.md.

An honest estimate of BOTH recall and precision, written before any rule was changed for
it and without reading the recognizers' word lists or rules. Registers none of A-H has:
on the PII side lettings e-mails, nursery notes, courier chat, job applications, wedding
and funeral notices, club membership lists, veterinary records, travel bookings, app
JSON and log lines, moving quotes, dental and physiotherapy recalls, car-sharing sign-ups;
on the harmless side mostly texts that name towns, regions and streets as no one's
whereabouts (weather, traffic, timetables, openings, property markets, fixtures, history,
travel guides, election results, waste collection rounds, river and snow reports) and a
few other registers (board games, birdwatching, knitting, TV listings, fitness timetables,
appliance manuals); decoys of shapes none of A-H has.

Every name, place and template is typed by hand; no fake-data generator. A-H's corpora
are read only to avoid what they hold: a person whose full name occurs in any of them, a
town of a PII text that occurs in any of them, and a named thing of a harmless text one of
whose distinctive capitalised words occurs in a harmless text or decoy of A-H are dropped.
Templates hold `{slot}`s; a slot is filled with plain text, an (ENTITY, value) pair or a
list of them, so every span's UTF-8 byte offsets are computed, never typed. Standard
library only.
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

R = random.Random(20261130 + 9)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]


def pick(xs):
    return xs[R.randrange(len(xs))]


def num(a, b):
    return R.randint(a, b)


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ what A-H hold --------
def corpora_rows():
    for path in sorted(glob.glob(os.path.join(HERE, "..", "heldout*", "corpus.jsonl"))):
        if os.path.abspath(os.path.dirname(path)) == HERE:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


ALL_TEXT = []
SEEN = set()
for _r in corpora_rows():
    ALL_TEXT.append(_r["text"])
    if _r["kind"] != "pii":
        SEEN.update(re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+", _r["text"]))
ALL_TEXT = "\n".join(ALL_TEXT)
ALL_LOWER = ALL_TEXT.lower()
DROPPED = []

GENERIC = {
    "Street", "Road", "Rue", "Calle", "Via", "Straße", "North", "South", "East", "West",
    "Nord", "Süd", "Sud", "Norte", "Sur", "Centre", "Centro", "Zentrum", "Saint", "Sankt",
    "San", "Santa", "Grand", "Gran", "Grande", "Bad", "Port", "Puerto", "Porto", "Bay",
    "Lake", "Valley", "Park", "Plaza", "Piazza", "Place", "Platz", "Plein", "Station",
    "Bahnhof", "Gare", "Estación", "Stazione", "Valle", "Monte", "Mont", "Berg", "Neu",
    "Nieuw", "Alt", "Oud", "Upper", "Lower", "Ober", "Unter", "Haute", "Basse",
}


def new_thing(t):
    """A named thing none of whose distinctive capitalised words A-H's harmless texts or
    decoys hold."""
    caps = [w for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+", t) if len(w) >= 4]
    if len(caps) > 1:
        caps = [w for w in caps if w not in GENERIC]
    return not any(w in SEEN for w in caps)


def avoided(things):
    kept = []
    for t in things:
        if new_thing(t):
            kept.append(t)
        else:
            DROPPED.append(t)
    return kept


def unseen(values):
    """Values (names, towns) that occur nowhere in A-H, compared case-insensitively as
    whole words."""
    kept = []
    for v in values:
        low = v.lower()
        if low in ALL_LOWER and re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", ALL_LOWER):
            DROPPED.append(v)
        else:
            kept.append(v)
    return kept


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


# ------------------------------------------------------------ people --------
# Given names and surnames typed by hand per country and per family origin common there.
# A full name is drawn as given name + surname of the same pool; particles and
# double-barrelled surnames are part of the pools.
NAMES = {
    "en": [
        (["Oliver", "Harriet", "Imogen", "Rupert", "Eleanor", "Toby", "Phoebe", "Gareth",
          "Bethan", "Callum", "Rosalind", "Declan", "Poppy", "Ewan", "Lettice", "Crispin"],
         ["Ashworth", "Pennington", "Blackwood", "Whitcombe", "Fairclough", "Haddleton",
          "Marchbank", "Ollerenshaw", "Tattersall", "Featherstone-Haugh", "Bolsover",
          "Rowntree-Clarke", "Kettleby", "Dunwoody", "Scarisbrick", "Heathcote-Amory"]),
        (["Chukwuemeka", "Adaeze", "Oluwaseun", "Folake", "Babatunde", "Ngozi", "Tobenna",
          "Ifeoma"], ["Okonkwo-Barnes", "Adeyemi", "Nwachukwu", "Balogun", "Ogunleye",
                      "Eze-Phillips", "Akinwande", "Onyekachi"]),
        (["Priyanka", "Rohan", "Harpreet", "Anjali", "Vikram", "Sunita", "Arjun", "Kavya"],
         ["Chaudhary", "Bhattacharya", "Sandhu", "Venkataraman", "Gill", "Raghunathan",
          "Deshpande", "Kaur Dhillon"]),
        (["Zofia", "Bartosz", "Agnieszka", "Wojciech"], ["Wiśniewska", "Grabowski",
                                                         "Zielińska", "Pawlak"]),
    ],
    "de": [
        (["Friederike", "Jannik", "Annegret", "Malte", "Wiebke", "Henrik", "Gudrun",
          "Lasse", "Swantje", "Ortwin", "Rieke", "Volkmar", "Hiltrud", "Bendix"],
         ["Lüdemann", "Brockhaus", "Siebenhaar", "Wolfersdorf", "Kleinschmidt-Ohlsen",
          "von der Heydt", "Oberhuber", "Pfefferkorn", "Dreesen", "zu Ortenburg",
          "Hagedorn-Lenz", "Achterberg", "Grünewald", "Tiedemann"]),
        (["Emine", "Burak", "Hatice", "Serkan", "Elif", "Yusuf", "Gülsüm", "Onur"],
         ["Karakaya", "Yıldırım", "Özdemir-Krause", "Aydoğan", "Kılıç", "Çelik",
          "Erdoğdu", "Taşkıran"]),
        (["Dariusz", "Katarzyna", "Łukasz", "Ewelina"], ["Woźniak", "Kowalczyk-Berg",
                                                         "Dąbrowski", "Szymańska"]),
        (["Thi Lan", "Minh Duc", "Thu Trang", "Quang Huy"], ["Nguyen", "Tran", "Pham",
                                                             "Hoang"]),
        (["Aleksandr", "Swetlana", "Jewgeni", "Olga"], ["Wiebe", "Schellenberg",
                                                        "Dück", "Friesen"]),
    ],
    "fr": [
        (["Gwenaëlle", "Aurélien", "Ségolène", "Maël", "Clotilde", "Baptiste", "Solène",
          "Gaspard", "Bérénice", "Anatole", "Maïwenn", "Thibault", "Apolline", "Corentin"],
         ["Le Gall", "Kerbrat", "Dufresne", "de La Rochefoucauld", "Beaumanoir",
          "Vasseur-Lemaire", "Quéré", "Delacroix-Ferrand", "Lavergne", "Fontanel",
          "d'Harcourt", "Perrichon", "Lhermitte", "Mauduit"]),
        (["Khadija", "Rachid", "Nadia", "Youssef", "Samira", "Mehdi", "Houda", "Karim"],
         ["El Amrani", "Benkirane", "Ouazzani", "Bensaïd", "Haddaoui", "Cherkaoui",
          "Tazi-Martin", "Belkacem"]),
        (["Aminata", "Moussa", "Fatou", "Ousmane"], ["Diallo", "Ndiaye", "Sow", "Camara"]),
        (["Thi Hoa", "Van Long", "Kim Anh"], ["Lê", "Vũ", "Đặng"]),
        (["João", "Inês", "Tiago"], ["Ferreira da Silva", "Gonçalves", "Mendes"]),
    ],
    "es": [
        (["Itziar", "Ander", "Montserrat", "Joaquín", "Rocío", "Borja", "Ainhoa", "Ignacio",
          "Maite", "Gonzalo", "Nerea", "Sebastián", "Amparo", "Xabier"],
         ["Etxeberria Goñi", "Villalobos Prieto", "de la Fuente Arrieta", "Olmedo",
          "Carbonell i Puig", "Zubizarreta", "Echeverría Lasa", "Bermúdez de Castro",
          "Cienfuegos", "Arrizabalaga", "Peñalver Ruiz", "Quintanilla", "Sanjurjo",
          "Montesinos Vidal"]),
        (["Fatima-Zahra", "Hamid", "Naima", "Abdelilah"], ["El Idrissi", "Bouzidi",
                                                           "Amrani", "Lahlou"]),
        (["Ioana", "Mihai", "Andreea", "Bogdan"], ["Popescu", "Constantinescu",
                                                   "Dumitrache", "Vlădescu"]),
        (["Wilson", "Maritza", "Jefferson", "Yolanda"], ["Cevallos Mora", "Quishpe",
                                                         "Andrade Vera", "Tenorio"]),
        (["Wei", "Xiaoling", "Jun"], ["Zhang", "Chen", "Liu"]),
    ],
    "it": [
        (["Ludovica", "Tommaso", "Ginevra", "Leonardo", "Ottavia", "Filippo", "Beatrice",
          "Jacopo", "Carlotta", "Edoardo", "Arianna", "Gianmarco", "Costanza", "Brando"],
         ["Dell'Acqua", "Lo Presti", "Di Benedetto", "Santoro", "Capuozzo", "Bellandi",
          "De Santis", "Zanardelli", "La Rocca", "Pittaluga", "Scognamiglio", "D'Alessio",
          "Mastrangelo", "Finotti"]),
        (["Erion", "Arjola", "Besnik", "Elira"], ["Hoxha", "Shehu", "Berisha-Mancini",
                                                  "Dervishi"]),
        (["Gurpreet", "Manpreet", "Jaswinder", "Rajveer"], ["Singh", "Kaur", "Sidhu",
                                                            "Randhawa"]),
        (["Oluwatobi", "Chiamaka", "Emeka", "Blessing"], ["Okafor", "Adebayo",
                                                          "Chukwu", "Osagie"]),
        (["Mei", "Hao", "Xiaoyu"], ["Hu", "Wang", "Zhou"]),
    ],
    "nl": [
        (["Marieke", "Wouter", "Femke", "Sjoerd", "Ilse", "Joost", "Roos", "Maarten",
          "Lieke", "Thijs", "Anouk", "Gerrit", "Marloes", "Bram"],
         ["van den Boogaard", "de Haan", "Verbeek", "ter Horst", "van Zuylen",
          "Hoogendoorn", "Schuurmans", "van der Meulen-Bos", "Kortekaas", "'t Hooft",
          "Vermeulen", "Brinkhuis", "de Wit-Jansen", "Oosterhuis"]),
        (["Mustafa", "Zeynep", "Hüseyin", "Ayşe"], ["Şahin", "Kaya", "Doğan", "Arslan"]),
        (["Mohammed", "Fatima", "Bilal", "Nora"], ["El Khatib", "Boukhari",
                                                   "Ait Ouali", "Ziani"]),
        (["Ravi", "Sharmila", "Dinesh", "Anita"], ["Ramdin", "Jagesar", "Mahabier",
                                                   "Sitaldin"]),
        (["Glenn", "Sharon", "Romano"], ["Wijngaarde", "Pinas", "Kartodikromo"]),
        (["Agata", "Piotr"], ["Nowicka", "Zawadzki"]),
    ],
}


def person_pool(lang):
    pool = []
    for given, family in NAMES[lang]:
        for g in given:
            for f in family:
                pool.append(f"{g} {f}")
    R.shuffle(pool)
    return unseen(pool)


PEOPLE = {lang: person_pool(lang) for lang in LANGS}


def person(lang):
    """(given, surname) of one person."""
    full = pick(PEOPLE[lang])
    for given, family in NAMES[lang]:
        for g in given:
            if full.startswith(g + " ") and full[len(g) + 1:] in family:
                return g, full[len(g) + 1:]
    raise ValueError(full)


# ------------------------------------------------------------ places of people --------
# Small towns and villages, typed by hand; a town any of A-H holds is dropped.
TOWNS = {
    "en": ["Chipping Norton", "Market Harborough", "Bampton", "Wivenhoe", "Kirkby Stephen",
           "Sedbergh", "Much Wenlock", "Bishop's Castle", "Tetbury", "Alnmouth",
           "Burnham Market", "Ledbury", "Hebden Bridge", "Uppingham", "Holt", "Olney",
           "Stow-on-the-Wold", "Wirksworth", "Bradninch", "Castle Cary", "Amble",
           "Crickhowell", "Leyburn", "Hadleigh", "Mere", "Fowey", "Loddon", "Ashbourne",
           "Bakewell", "Southwold", "Pateley Bridge", "Wymondham", "Kington",
           "Bideford", "Ilminster", "Crewkerne", "Sturminster Newton", "Shaftesbury", "Tenbury Wells", "Church Stretton", "Clun", "Appleby-in-Westmorland", "Haltwhistle", "Rothbury", "Masham", "Helmsley", "Pickering", "Stokesley", "Bungay", "Halesworth", "Framlingham", "Dereham"],
    "de": ["Marktoberdorf", "Bad Wurzach", "Wolfhagen", "Hünfeld", "Zwiesel", "Neustrelitz",
           "Ottersberg", "Bad Bentheim", "Ribnitz-Damgarten", "Schotten", "Wunsiedel",
           "Dinkelsbühl", "Hann. Münden", "Tecklenburg", "Bad Segeberg", "Grebenstein",
           "Lichtenfels", "Vilsbiburg", "Großröhrsdorf", "Kirchheimbolanden", "Meersburg",
           "Friedrichstadt", "Herrnhut", "Zell am Harmersbach", "Wittmund", "Eschwege",
           "Mosbach", "Bopfingen", "Weißenburg", "Schlitz", "Treuchtlingen",
           "Eltville", "Dettelbach", "Volkach", "Hornberg", "Triberg", "Todtnau", "Lauterecken", "Kusel", "Wadern", "Hermeskeil", "Daun", "Adenau", "Schleiden", "Bad Berleburg", "Sontra", "Schleusingen", "Plau am See", "Malchow", "Penzlin", "Burg Stargard", "Templin", "Angermünde"],
    "fr": ["Pont-l'Évêque", "Saint-Flour", "Uzès", "Montbrison", "Questembert", "Ambert",
           "Bourganeuf", "Lectoure", "Mauléon-Licharre", "Sarlat-la-Canéda", "Dieulefit",
           "Châtillon-sur-Seine", "Villefranche-de-Rouergue", "Lamballe", "Felletin",
           "Vic-Fezensac", "Riom-ès-Montagnes", "Plouaret", "Beaulieu-sur-Dordogne",
           "Saint-Affrique", "Marvejols", "Nogent-le-Rotrou", "Paimpol", "Saulieu",
           "Mirecourt", "Cluny", "Espalion", "Guérande", "Aubusson", "Vézelay", "Langeac",
           "Saint-Girons", "Tarascon-sur-Ariège", "Quillan", "Limoux", "Mauriac"],
    "es": ["Medina de Pomar", "Valderrobres", "Sahagún", "Tordesillas", "Olvera",
           "Alcalá del Júcar", "Cangas de Onís", "Sepúlveda", "Betanzos", "Chinchón",
           "Almagro", "Laguardia", "Tarazona", "Aínsa-Sobrarbe", "Vejer de la Frontera",
           "Ribadeo", "Villafranca del Bierzo", "Cazorla", "Alquézar", "Morella",
           "Potes", "Lerma", "Frigiliana", "Mondoñedo", "Zafra", "Olite", "Hondarribia",
           "Pals", "Cuéllar", "Ayllón",
           "Aranda de Duero", "Peñafiel", "Covarrubias", "Briviesca", "Astudillo", "Benavente", "Puebla de Sanabria", "Astorga", "Valencia de Don Juan", "Daroca", "Alcañiz", "Graus", "Benabarre", "Solsona", "Berga", "Olot", "Santa Pau", "Llerena", "Jerez de los Caballeros", "Plasencia"],
    "it": ["Castelfranco Veneto", "Montepulciano", "Sansepolcro", "Bagnoregio", "Cividale",
           "Borgo Val di Taro", "Spilimbergo", "Sulmona", "Tropea", "Ostuni", "Nizza Monferrato",
           "Bobbio", "Castiglione del Lago", "Pennabilli", "Locorotondo", "Fivizzano",
           "Cherasco", "Sutri", "Gradara", "Vipiteno", "Marostica", "Chiavenna", "Scanno",
           "Bevagna", "Camogli", "Tirano", "Pienza", "Alberobello", "Sabbioneta",
           "Castell'Arquato",
           "Bardonecchia", "Ormea", "Varallo", "Pontremoli", "Bagno di Romagna", "Norcia", "Cascia", "Atri", "Pescasseroli", "Melfi", "Rionero in Vulture", "Sessa Aurunca", "Nicosia", "Tempio Pausania", "Asolo", "Arquà Petrarca", "Comacchio", "Santarcangelo di Romagna", "Urbania", "Fabriano", "Cingoli", "Agnone", "Morbegno", "Clusone", "Lovere", "Dronero", "Oulx", "Cortemilia"],
    "nl": ["Winterswijk", "Dokkum", "Hellevoetsluis", "Ootmarsum", "Vlagtwedde",
           "Oudewater", "Ommen", "Sneek", "Woudrichem", "Nieuwpoort", "Harlingen",
           "Goedereede", "Bergen op Zoom", "Zierikzee", "Borculo", "Hattem", "Franeker",
           "Coevorden", "Staphorst", "Elburg", "Buren", "Eersel", "Sluis", "Westkapelle",
           "Lochem", "Hindeloopen", "Wijk bij Duurstede", "Nunspeet", "Kampen", "Bolsward",
           "Steenwijk", "Haaksbergen", "Groenlo", "Bredevoort", "Doesburg", "Tholen", "Brielle", "Valkenburg", "Gulpen", "Sittard", "Stramproy", "Dalfsen", "Ruinen", "Appingedam", "Workum", "IJlst", "Schagen", "Medemblik"],
}
TOWNS = {lang: unseen(ts) for lang, ts in TOWNS.items()}

STREETS = {
    "en": ["Tanners Lane", "Coppice Close", "Ropewalk", "Orchard Rise", "Maltings Way",
           "Chapel Row", "Nightingale Avenue", "Bell Yard", "Sheep Street", "Pump Lane",
           "Barley Mow Road", "Quarry Hill", "Kiln Lane", "Weavers Walk", "Fairfield Crescent"],
    "de": ["Brunnenweg", "Am Kirchberg", "Lindenstraße", "Heckenrosenweg", "Mühlgasse",
           "Hinter der Mauer", "Schmiedestraße", "Zum Sportplatz", "Hopfengarten",
           "Fasanenweg", "Am Anger", "Alte Poststraße", "Eichendorffstraße", "Im Wiesengrund",
           "Kapellenpfad"],
    "fr": ["rue des Tanneurs", "impasse des Lilas", "chemin du Moulin", "allée des Cerisiers",
           "rue de la Forge", "place du Marché", "route de Vichy", "rue Pasteur",
           "avenue de la Gare", "rue des Écoles", "chemin des Vignes", "rue du Lavoir",
           "boulevard Gambetta", "rue Saint-Roch", "ruelle des Potiers"],
    "es": ["calle del Horno", "avenida de la Constitución", "calle Real", "plaza del Ayuntamiento",
           "calle de las Eras", "travesía del Molino", "calle San Roque", "ronda de Poniente",
           "calle Mayor", "camino de la Ermita", "calle de los Herreros", "paseo del Prado Viejo",
           "calle Cervantes", "calle del Pozo", "avenida de Castilla"],
    "it": ["via dei Mille", "vicolo della Fontana", "via Garibaldi", "piazza della Repubblica",
           "via delle Vigne", "strada del Mulino", "via Mazzini", "corso Vittorio Emanuele",
           "via San Rocco", "via dei Tigli", "salita del Castello", "via Cavour",
           "borgo Santa Croce", "viale dei Pini", "via della Stazione"],
    "nl": ["Kerkstraat", "Molenweg", "Lindelaan", "Achter de Kerk", "Brinkstraat", "Dorpsstraat",
           "Voorstraat", "Sluisweg", "Wilhelminalaan", "Zandpad", "Raadhuisstraat",
           "Korte Nieuwstraat", "Beukenhof", "Prins Hendrikkade", "Meidoornstraat"],
}

# Rural addresses: a farm or hamlet name that is the whole first line.
RURAL = {
    "en": ["Lower Hollins Farm", "Brook Cottage, Nether End", "The Old Forge, Church Lane"],
    "de": ["Einöde 4", "Hof Wiesengrund 2", "Ausbau 7"],
    "fr": ["lieu-dit Les Granges", "hameau de la Vialle", "La Métairie Neuve"],
    "es": ["Diseminado Los Pinos, 14", "Cortijo El Algarrobo", "Barrio La Venta, 3"],
    "it": ["località Case Sparse, 12", "frazione Pian del Lago, 4", "podere Il Poggiolo"],
    "nl": ["Buitenweg 3a", "Hoeve De Lindehof, Broekdijk 5", "Buurtschap 't Veld 9"],
}


def postcode(lang):
    if lang == "en":
        return f"{pick(['OX', 'LE', 'CO', 'CA', 'SY', 'GL', 'NE', 'NR', 'HX', 'DE', 'TA'])}{num(1, 29)} {num(1, 9)}{pick('ABDEFGHJLNPQRSTUWXYZ')}{pick('ABDEFGHJLNPQRSTUWXYZ')}"
    if lang == "nl":
        return f"{num(1011, 9999)} {pick('ABCDEGHJKLMNPRSTVWXZ')}{pick('ABCDEGHJKLMNPRSTVWXZ')}"
    return f"{num(1, 52 if lang == 'es' else 95):02d}{num(100, 999)}" if lang in ("fr", "es", "it") else f"{num(10, 99)}{num(100, 999)}"


def street_line(lang):
    """A street and house number in the country's order, with the unit written before it
    where the country does (EN `Flat 3,`), as one value."""
    s = pick(STREETS[lang])
    n = num(1, 148)
    if lang == "en":
        unit = pick(["", "", "", f"Flat {num(1, 12)}, ", f"Apartment {num(1, 30)}, "])
        return f"{unit}{n} {s}"
    if lang == "de":
        return f"{s} {n}{pick(['', '', 'a', 'b'])}"
    if lang == "fr":
        return f"{n}{pick(['', '', ' bis', ' ter'])} {s}"
    if lang == "es":
        return f"{s[0].upper()}{s[1:]}, {n}"
    if lang == "it":
        return f"{s[0].upper()}{s[1:]} {n}{pick(['', '', '/A', '/B'])}"
    return f"{s} {n}{pick(['', '', 'A', '-II', ' bis'])}"


def floor_part(lang):
    """Floor, staircase and door after the street, not part of the labelled value."""
    return pick({
        "en": [""],
        "de": ["", ", 2. OG links", ", Hinterhaus, 3. Stock", ", Stiege 2, Tür 14"],
        "fr": ["", ", bât. B, 3e étage", ", escalier C, porte 12", ", appt 21"],
        "es": ["", ", 3.º izda.", ", esc. B, 2.º 1.ª", ", bajo A", ", 5.º D"],
        "it": ["", ", scala C, interno 9", ", piano 2", ", int. 4"],
        "nl": [""],
    }[lang])


def address(lang, sep=", "):
    """[street, postcode, town] segments in the country's layout."""
    town = pick(TOWNS[lang])
    pc = postcode(lang)
    if R.random() < 0.12:
        first = [("LOCATION", pick(RURAL[lang]))]
    else:
        first = [("LOCATION", street_line(lang)), floor_part(lang)]
    if lang == "en":
        return first + [sep, ("LOCATION", town), sep, ("LOCATION", pc)]
    if lang == "nl":
        return first + [sep, ("LOCATION", pc), "  " if R.random() < 0.3 else " ", ("LOCATION", town)]
    if lang == "it" and R.random() < 0.5:
        return first + [sep, ("LOCATION", pc), " ", ("LOCATION", town), f" ({pick(['CN', 'PG', 'SI', 'TN', 'BA', 'VI', 'AQ'])})"]
    return first + [sep, ("LOCATION", pc), " ", ("LOCATION", town)]


def town(lang):
    return ("LOCATION", pick(TOWNS[lang]))


# ------------------------------------------------------------ numbers of people --------
def phone(lang):
    """A national number without the country code (now and then with it), in a valid
    range of the country's plan and a common way of writing it."""
    d = digits
    if lang == "en":
        return pick([f"07{num(400, 599)} {d(6)}", f"01865 {num(2, 7)}{d(5)}", f"0161 {num(2, 8)}{d(2)} {d(4)}",
                     f"020 8{d(3)} {d(4)}", f"+44 7{num(400, 599)} {d(3)} {d(3)}", f"(01423) {num(5, 8)}{d(5)}"])
    if lang == "de":
        return pick([f"0151 {num(2, 9)}{d(7)}", f"0176/{num(2, 9)}{d(7)}", f"030 {num(2, 9)}{d(7)}",
                     f"(0 89) {num(2, 9)}{d(2)} {d(2)} {d(2)}", f"09641 {num(2, 9)}{d(3)}", f"0171-{num(2, 9)}{d(6)}"])
    if lang == "fr":
        return pick([f"06 {d(2)} {d(2)} {d(2)} {d(2)}", f"07.{num(5, 8)}{d(1)}.{d(2)}.{d(2)}.{d(2)}",
                     f"04 7{d(1)} {d(2)} {d(2)} {d(2)}", f"02{num(2, 9)}{d(7)}", f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}"])
    if lang == "es":
        return pick([f"6{num(10, 99)} {d(3)} {d(3)}", f"6{num(10, 99)} {d(2)} {d(2)} {d(2)}",
                     f"91{num(2, 9)} {d(2)} {d(2)} {d(2)}", f"976 {d(3)} {d(3)}", f"6{num(10, 99)}{d(6)}"])
    if lang == "it":
        return pick([f"3{num(20, 49)} {d(3)} {d(4)}", f"3{num(20, 49)}{d(7)}", f"02 {num(2, 9)}{d(3)} {d(4)}",
                     f"0577 {d(6)}", f"+39 3{num(20, 49)} {d(7)}", f"06-{num(2, 9)}{d(6)}"])
    return pick([f"06-{num(1, 6)}{d(7)}", f"06 {num(1, 6)}{d(3)} {d(4)}", f"020-{num(3, 7)}{d(6)}",
                 f"0546 {num(2, 8)}{d(5)}", f"(010) {num(2, 8)}{d(2)} {d(2)} {d(2)}", f"+31 6 {num(1, 6)}{d(7)}"])


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
ORDINAL_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
              "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
              "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
              "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth",
              "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth"]


def date_words(lang, d, m, y):
    mn = MONTHS[lang][m - 1]
    if lang == "en":
        return pick([f"{d} {mn} {y}", f"{mn} {d}, {y}", f"the {ORDINAL_EN[d - 1]} of {mn} {y}"])
    if lang == "de":
        return f"{d}. {mn} {y}"
    if lang == "fr":
        return f"{'1er' if d == 1 else d} {mn} {y}"
    if lang == "es":
        return f"{d} de {mn} de {y}"
    if lang == "it":
        return f"{'1º' if d == 1 else d} {mn} {y}"
    return f"{d} {mn} {y}"


def date_num(lang, d, m, y):
    return pick({
        "en": [f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d}/{m}/{str(y)[2:]}"],
        "de": [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{str(y)[2:]}"],
        "fr": [f"{d:02d}/{m:02d}/{y}", f"{d:02d}.{m:02d}.{y}"],
        "es": [f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}"],
        "it": [f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}"],
        "nl": [f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}", f"{d:02d}/{m:02d}/{y}"],
    }[lang])


def dob(lang, year=(1931, 2021)):
    d, m, y = num(1, 28), num(1, 12), num(*year)
    return ("DATE_OF_BIRTH", date_words(lang, d, m, y) if R.random() < 0.45 else date_num(lang, d, m, y))


def plain_date(lang):
    """A date that is no one's birth: appointments, moves, weddings."""
    d, m = num(1, 28), num(1, 12)
    return date_words(lang, d, m, 2026) if R.random() < 0.6 else date_num(lang, d, m, 2026)


def mrn(lang):
    return pick([digits(7), digits(8), f"{pick('ABCDEFHKMPRSTVZ')}{digits(6)}",
                 f"{digits(3)}-{digits(4)}", f"{pick(['PT', 'KD', 'DN'])}{digits(7)}"])


EMAIL_HOSTS = ["btinternet.com", "gmx.de", "web.de", "laposte.net", "orange.fr", "yahoo.es",
               "telefonica.net", "libero.it", "tiscali.it", "kpnmail.nl", "hetnet.nl",
               "outlook.com", "icloud.com", "posteo.de", "free.fr", "alice.it"]


def email_of(given, surname):
    g = re.sub(r"[^a-z]", "", ascii_fold(given).lower())
    s = re.sub(r"[^a-z]", "", ascii_fold(surname).lower())
    return pick([f"{g}.{s}@{pick(EMAIL_HOSTS)}", f"{g[0]}{s}{num(1, 99)}@{pick(EMAIL_HOSTS)}",
                 f"{s}.{g}{num(60, 99)}@{pick(EMAIL_HOSTS)}", f"{g}{s[:3]}@{pick(EMAIL_HOSTS)}"])


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    total = 0
    for i, c in enumerate(reversed(body)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return body + str((10 - total % 10) % 10)


def card():
    kind = pick(["visa", "visa", "mc", "mc", "amex"])
    if kind == "amex":
        n = luhn_complete(pick(["34", "37"]), 15)
        return f"{n[:4]} {n[4:10]} {n[10:]}"
    n = luhn_complete("4" if kind == "visa" else str(num(51, 55)), 16)
    return pick([" ".join(n[i:i + 4] for i in range(0, 16, 4)), n, "-".join(n[i:i + 4] for i in range(0, 16, 4))])


def iban(lang):
    cc = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang]
    bban = {
        "GB": lambda: pick(["NWBK", "BARC", "LOYD", "MIDL"]) + digits(14),
        "DE": lambda: digits(18),
        "FR": lambda: digits(10) + digits(11) + digits(2),
        "ES": lambda: digits(20),
        "IT": lambda: pick("ABCDEFGHIJKLMNOPRSTUVWXZ") + digits(10) + digits(12),
        "NL": lambda: pick(["ABNA", "RABO", "INGB", "SNSB", "TRIO"]) + digits(10),
    }[cc]()
    rearranged = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in rearranged))
    s = f"{cc}{98 - n % 97:02d}{bban}"
    return pick([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])


# ------------------------------------------------------------ PII texts --------
# Slots: <<person>> <<given>> <<surname>> <<email>> (person A), <<person2>> <<given2>>
# <<person3>> (others), <<addr>> (street, postcode, town on one line), <<addrnl>> (on
# lines), <<street>> <<town>> <<town2>> <<phone>> <<phone2>> <<dob>> <<dobkid>> <<mrn>>
# <<iban>> <<card>> (values), <<date>> <<time>> <<pet>> <<n>> <<price>> (plain). A template
# starting with `lc:` is written all in lower case, as people type in chat.
PII_T = {
    "en": [
        # lettings
        "Subject: Viewing request – 2-bed flat, Station Road\n\nHi, I'd like to view the flat on <<date>>. I currently rent at <<addr>> and can move in from next month. Best number is <<phone>>.\n\nKind regards,\n<<person>>",
        "Tenant reference for <<person>> (DOB <<dob>>): paid rent on time at <<addr>> for three years. Contact the landlord, <<person2>>, on <<phone2>>.",
        # nursery
        "Collection note – Little Acorns Nursery\nChild: <<given>> <<surname>>, born <<dobkid>>\nCollected today by: <<person2>> (grandmother), mobile <<phone>>\nSigned: <<given3>>",
        # courier chat
        "lc:[courier] hi is that <<person>>? parcel for <<street>> <<town>>, nobody home\n[customer] sorry at work, leave it with <<given2>> at number <<n>>\n[courier] ok, photo sent to <<phone>>",
        "Driver note: ring <<phone>> on arrival. Deliver to <<addrnl>>. Ask for <<person>>, side gate, dog friendly.",
        # job application / CV
        "CURRICULUM VITAE\n<<person>>\n<<addrnl>>\n<<phone>> | <<email>>\nDate of birth: <<dob>>\n\nProfile: warehouse team leader with eight years in cold-chain logistics.",
        "Dear Hiring Manager,\nplease find attached my application for the sous-chef post. I was born on <<dob>> and live at <<addr>>. You can reach me at <<email>>.\nYours faithfully,\n<<person>>",
        # wedding / funeral
        "Mr and Mrs <<surname>> of <<town>> are delighted to announce the engagement of their daughter <<given>> to <<person2>>, son of <<person3>> of <<town2>>.",
        "<<person>> passed away peacefully at home in <<town>> on <<date>>, aged 87. Born <<dob>>. Beloved wife of the late <<given2>>. Funeral at St Mary's; enquiries to <<phone>>.",
        # club membership
        "member_no,name,born,town,phone\n<<n>>,<<person>>,<<dob>>,<<town>>,<<phone>>\n<<n>>,<<person2>>,<<dob2>>,<<town2>>,<<phone2>>",
        # vet
        "Vet record – patient: <<pet>> (springer spaniel, 6 y)\nOwner: <<person>>, <<addr>>\nTel: <<phone>>\nVaccinated today; booster due in twelve months.",
        # travel booking
        "Booking confirmed for 2 guests, 3 nights from <<date>>.\nLead guest: <<person>>, date of birth <<dob>>\nPaid with card <<card>>\nQuestions: reply to <<email>>",
        # app JSON / log
        '{"event": "order.created", "customer": {"first": "<<given>>", "last": "<<surname>>", "dob": "<<dob>>", "email": "<<email>>"}, "ship_to": {"line1": "<<street>>", "city": "<<town>>"}}',
        "2026-11-30T08:14:22Z INFO signup ok user=<<email>> name=\"<<person>>\" phone=<<phone>> iban=<<iban>>",
        # moving quote
        "Removal quote: collect from <<addr>>; deliver to <<addr2>>. Contact on the day: <<person>>, <<phone>>.",
        # dental / physio
        "Physio recall: <<person>>, patient no. <<mrn>>, born <<dob>>. Please book your six-week review on <<phone>>.",
        "Dental practice – hospital number <<mrn>>\nPatient: <<sngiven>>\nDOB: <<dob>>\nNext check-up: <<date>>",
        # car sharing
        "Car club sign-up: <<person>>, licence holder since 2009, born <<dob>>, home address <<addr>>, monthly fee from IBAN <<iban>>.",
    ],
    "de": [
        "Betreff: Besichtigung 3-Zimmer-Wohnung\n\nGuten Tag, ich würde die Wohnung gern am <<date>> besichtigen. Derzeit wohne ich in der <<addr>>. Erreichbar unter <<phone>>.\n\nMit freundlichen Grüßen\n<<person>>",
        "Mieterselbstauskunft: <<person>>, geboren am <<dob>>, derzeitige Anschrift <<addr>>, Vermieter <<person2>>, Tel. <<phone2>>.",
        "Abholvollmacht Kita Sonnenblume\nKind: <<given>> <<surname>>, geb. <<dobkid>>\nAbholberechtigt: <<person2>> (Oma), Handy <<phone>>\nUnterschrift: <<given3>>",
        "lc:[fahrer] hallo ist da <<person>>? paket für <<street>> in <<town>>, keiner da\n[kunde] bin arbeiten, bitte bei <<given2>> nebenan abgeben\n[fahrer] ok, foto an <<phone>>",
        "Zustellhinweis: bei Ankunft <<phone>> anrufen. Lieferadresse: <<addrnl>>. Nach <<person>> fragen, Hoftor links.",
        "LEBENSLAUF\n<<person>>\n<<addrnl>>\n<<phone>> · <<email>>\nGeburtsdatum: <<dob>>\n\nProfil: Lagerleiter mit acht Jahren Erfahrung in der Kühllogistik.",
        "Sehr geehrte Damen und Herren,\nanbei meine Bewerbung als Koch. Ich bin am <<dob>> geboren und wohne in der <<addr>>. Sie erreichen mich unter <<email>>.\nMit freundlichen Grüßen\n<<person>>",
        "Wir heiraten! <<given>> <<surname>> und <<person2>> geben sich am <<date>> in <<town>> das Jawort. Die Eltern <<person3>> und Familie freuen sich.",
        "In stiller Trauer nehmen wir Abschied von <<person>>, * <<dob>>, † <<date>> in <<town>>. In Liebe: <<given2>> und Kinder. Kondolenz unter <<phone>>.",
        "Mitgliedsnr;Name;Geburtsdatum;Wohnort;Telefon\n<<n>>;<<person>>;<<dob>>;<<town>>;<<phone>>\n<<n>>;<<person2>>;<<dob2>>;<<town2>>;<<phone2>>",
        "Tierarztkartei – Patient: <<pet>> (Dackel, 9 J.)\nHalter: <<person>>, <<addr>>\nTel.: <<phone>>\nHeute geimpft, Auffrischung in zwölf Monaten.",
        "Buchungsbestätigung für 2 Gäste, 3 Nächte ab <<date>>.\nHauptgast: <<person>>, Geburtsdatum <<dob>>\nBezahlt mit Karte <<card>>\nRückfragen an <<email>>",
        '{"event": "bestellung.angelegt", "kunde": {"vorname": "<<given>>", "nachname": "<<surname>>", "geburtstag": "<<dob>>", "email": "<<email>>"}, "lieferung": {"strasse": "<<street>>", "ort": "<<town>>"}}',
        "2026-11-30 08:14:22 INFO registrierung ok user=<<email>> name=\"<<person>>\" tel=<<phone>> iban=<<iban>>",
        "Umzugsangebot: Abholung <<addr>>; Lieferung <<addr2>>. Ansprechpartner am Umzugstag: <<person>>, <<phone>>.",
        "Physiotherapie – Patientennummer <<mrn>>: <<person>>, geb. <<dob>>. Bitte Kontrolltermin unter <<phone>> vereinbaren.",
        "Zahnarztpraxis, Pat.-ID <<mrn>>\nPatient: <<sngiven>>\nGeburtsdatum: <<dob>>\nNächste Kontrolle: <<date>>",
        "Carsharing-Anmeldung: <<person>>, Führerschein seit 2009, geboren <<dob>>, Wohnadresse <<addr>>, Lastschrift von <<iban>>.",
    ],
    "fr": [
        "Objet : demande de visite – T3 quartier de la gare\n\nBonjour, je souhaiterais visiter l'appartement le <<date>>. J'habite actuellement au <<addr>>. Joignable au <<phone>>.\n\nCordialement,\n<<person>>",
        "Dossier locataire : <<person>>, né le <<dob>>, domicilié <<addr>>, bailleur actuel <<person2>>, tél. <<phone2>>.",
        "Crèche Les Petits Loups – autorisation de sortie\nEnfant : <<given>> <<surname>>, né(e) le <<dobkid>>\nRécupéré par : <<person2>> (grand-mère), portable <<phone>>\nSignature : <<given3>>",
        "lc:[livreur] bonjour c'est bien <<person>> ? colis pour <<street>> à <<town>>, personne\n[client] je suis au travail, laissez-le chez <<given2>> à côté\n[livreur] ok, photo envoyée au <<phone>>",
        "Consigne livreur : appeler le <<phone>> à l'arrivée. Adresse : <<addrnl>>. Demander <<person>>, portail vert.",
        "CURRICULUM VITAE\n<<person>>\n<<addrnl>>\n<<phone>> – <<email>>\nDate de naissance : <<dob>>\n\nProfil : chef d'équipe logistique, huit ans dans la chaîne du froid.",
        "Madame, Monsieur,\nje vous adresse ma candidature au poste de second de cuisine. Je suis né le <<dob>> et j'habite au <<addr>>. Vous pouvez me joindre à <<email>>.\nVeuillez agréer mes salutations distinguées.\n<<person>>",
        "M. et Mme <<surname>>, de <<town>>, ont la joie de vous annoncer le mariage de leur fille <<given>> avec <<person2>>, fils de <<person3>>, de <<town2>>.",
        "Avis de décès : <<person>>, née le <<dob>>, s'est éteinte le <<date>> à <<town>>. De la part de <<given2>> et de ses enfants. Renseignements au <<phone>>.",
        "n_adherent;nom;naissance;commune;telephone\n<<n>>;<<person>>;<<dob>>;<<town>>;<<phone>>\n<<n>>;<<person2>>;<<dob2>>;<<town2>>;<<phone2>>",
        "Fiche vétérinaire – patient : <<pet>> (épagneul breton, 6 ans)\nPropriétaire : <<person>>, <<addr>>\nTél. : <<phone>>\nVacciné ce jour ; rappel dans douze mois.",
        "Réservation confirmée pour 2 personnes, 3 nuits à partir du <<date>>.\nClient principal : <<person>>, date de naissance <<dob>>\nPayé par carte <<card>>\nQuestions : <<email>>",
        '{"event": "commande.creee", "client": {"prenom": "<<given>>", "nom": "<<surname>>", "naissance": "<<dob>>", "courriel": "<<email>>"}, "livraison": {"adresse": "<<street>>", "ville": "<<town>>"}}',
        "2026-11-30 08:14:22 INFO inscription ok user=<<email>> nom=\"<<person>>\" tel=<<phone>> iban=<<iban>>",
        "Devis de déménagement : chargement au <<addr>> ; livraison au <<addr2>>. Contact le jour J : <<person>>, <<phone>>.",
        "Kinésithérapie – n° de dossier patient <<mrn>> : <<person>>, né(e) le <<dob>>. Merci de prendre rendez-vous au <<phone>>.",
        "Cabinet dentaire – IPP <<mrn>>\nPatient : <<sngiven>>\nDate de naissance : <<dob>>\nProchain contrôle : <<date>>",
        "Inscription autopartage : <<person>>, permis depuis 2009, né le <<dob>>, adresse <<addr>>, prélèvement sur <<iban>>.",
    ],
    "es": [
        "Asunto: visita al piso de la calle Nueva\n\nHola, me gustaría ver el piso el <<date>>. Ahora vivo en <<addr>>. Mi teléfono es el <<phone>>.\n\nUn saludo,\n<<person>>",
        "Solicitud de alquiler: <<person>>, nacido el <<dob>>, domicilio actual <<addr>>, casero actual <<person2>>, tel. <<phone2>>.",
        "Escuela infantil Los Peques – autorización de recogida\nNiño/a: <<given>> <<surname>>, nacido/a el <<dobkid>>\nRecoge: <<person2>> (abuela), móvil <<phone>>\nFirma: <<given3>>",
        "lc:[repartidor] hola eres <<person>>? paquete para <<street>> en <<town>>, no hay nadie\n[cliente] estoy trabajando, déjalo a <<given2>> la vecina\n[repartidor] vale, foto al <<phone>>",
        "Nota para el repartidor: llamar al <<phone>> al llegar. Dirección: <<addrnl>>. Preguntar por <<person>>, puerta trasera.",
        "CURRÍCULUM VITAE\n<<person>>\n<<addrnl>>\n<<phone>> · <<email>>\nFecha de nacimiento: <<dob>>\n\nPerfil: jefe de almacén con ocho años en logística de frío.",
        "Estimados señores:\nles envío mi candidatura para el puesto de segundo de cocina. Nací el <<dob>> y vivo en <<addr>>. Pueden escribirme a <<email>>.\nAtentamente,\n<<person>>",
        "<<person>> y <<person2>> tienen el placer de invitarle a su boda, que se celebrará el <<date>> en <<town>>. Confirmar asistencia con <<given3>> en el <<phone>>.",
        "Rogad a Dios en caridad por el alma de <<person>>, nacida el <<dob>>, que falleció en <<town>> el <<date>>. Sus hijos <<given2>> y familia. Información: <<phone>>.",
        "n_socio;nombre;fecha_nac;localidad;telefono\n<<n>>;<<person>>;<<dob>>;<<town>>;<<phone>>\n<<n>>;<<person2>>;<<dob2>>;<<town2>>;<<phone2>>",
        "Ficha veterinaria – paciente: <<pet>> (podenco, 6 años)\nPropietario: <<person>>, <<addr>>\nTel.: <<phone>>\nVacunado hoy; revacunación en doce meses.",
        "Reserva confirmada para 2 personas, 3 noches desde el <<date>>.\nTitular: <<person>>, fecha de nacimiento <<dob>>\nPagado con tarjeta <<card>>\nDudas: <<email>>",
        '{"evento": "pedido.creado", "cliente": {"nombre": "<<given>>", "apellidos": "<<surname>>", "nacimiento": "<<dob>>", "correo": "<<email>>"}, "envio": {"direccion": "<<street>>", "localidad": "<<town>>"}}',
        "2026-11-30 08:14:22 INFO alta ok user=<<email>> nombre=\"<<person>>\" tel=<<phone>> iban=<<iban>>",
        "Presupuesto de mudanza: recogida en <<addr>>; entrega en <<addr2>>. Contacto el día de la mudanza: <<person>>, <<phone>>.",
        "Fisioterapia – n.º de historia clínica <<mrn>>: <<person>>, nacido/a el <<dob>>. Pida cita de revisión en el <<phone>>.",
        "Clínica dental – NHC <<mrn>>\nPaciente: <<sngiven>>\nFecha de nacimiento: <<dob>>\nPróxima revisión: <<date>>",
        "Alta en carsharing: <<person>>, carné desde 2009, nacido el <<dob>>, domicilio <<addr>>, cuota domiciliada en <<iban>>.",
    ],
    "it": [
        "Oggetto: visita trilocale zona stazione\n\nBuongiorno, vorrei vedere l'appartamento il <<date>>. Attualmente abito in <<addr>>. Mi trovate al <<phone>>.\n\nCordiali saluti,\n<<person>>",
        "Richiesta di locazione: <<person>>, nato il <<dob>>, residente in <<addr>>, proprietario attuale <<person2>>, tel. <<phone2>>.",
        "Asilo nido Il Girasole – delega al ritiro\nBambino/a: <<given>> <<surname>>, nato/a il <<dobkid>>\nRitira: <<person2>> (nonna), cellulare <<phone>>\nFirma: <<given3>>",
        "lc:[corriere] salve è <<person>>? pacco per <<street>> a <<town>>, non c'è nessuno\n[cliente] sono al lavoro, lo lasci a <<given2>> della porta accanto\n[corriere] ok, foto mandata al <<phone>>",
        "Nota per il corriere: chiamare il <<phone>> all'arrivo. Indirizzo: <<addrnl>>. Chiedere di <<person>>, cancello verde.",
        "CURRICULUM VITAE\n<<person>>\n<<addrnl>>\n<<phone>> · <<email>>\nData di nascita: <<dob>>\n\nProfilo: capo magazzino con otto anni nella logistica del freddo.",
        "Spettabile azienda,\ninvio la mia candidatura per il posto di aiuto cuoco. Sono nato il <<dob>> e abito in <<addr>>. Potete scrivermi a <<email>>.\nDistinti saluti,\n<<person>>",
        "<<person>> e <<person2>> annunciano il loro matrimonio, che sarà celebrato il <<date>> a <<town>>. Conferme a <<given3>>, <<phone>>.",
        "È mancata all'affetto dei suoi cari <<person>>, nata il <<dob>>, a <<town>> il <<date>>. Ne danno il triste annuncio i figli <<given2>> e famiglia. Info: <<phone>>.",
        "n_socio;nominativo;data_nascita;comune;telefono\n<<n>>;<<person>>;<<dob>>;<<town>>;<<phone>>\n<<n>>;<<person2>>;<<dob2>>;<<town2>>;<<phone2>>",
        "Cartella veterinaria – paziente: <<pet>> (segugio, 6 anni)\nProprietario: <<person>>, <<addr>>\nTel.: <<phone>>\nVaccinato oggi; richiamo tra dodici mesi.",
        "Prenotazione confermata per 2 persone, 3 notti dal <<date>>.\nIntestatario: <<person>>, data di nascita <<dob>>\nPagato con carta <<card>>\nDomande: <<email>>",
        '{"evento": "ordine.creato", "cliente": {"nome": "<<given>>", "cognome": "<<surname>>", "nascita": "<<dob>>", "email": "<<email>>"}, "spedizione": {"indirizzo": "<<street>>", "comune": "<<town>>"}}',
        "2026-11-30 08:14:22 INFO iscrizione ok user=<<email>> nome=\"<<person>>\" tel=<<phone>> iban=<<iban>>",
        "Preventivo trasloco: ritiro in <<addr>>; consegna in <<addr2>>. Referente il giorno del trasloco: <<person>>, <<phone>>.",
        "Fisioterapia – n. cartella clinica <<mrn>>: <<person>>, nato/a il <<dob>>. Prenoti il controllo al <<phone>>.",
        "Studio dentistico – codice paziente <<mrn>>\nPaziente: <<sngiven>>\nData di nascita: <<dob>>\nProssimo controllo: <<date>>",
        "Iscrizione car sharing: <<person>>, patente dal 2009, nato il <<dob>>, residenza <<addr>>, addebito su <<iban>>.",
    ],
    "nl": [
        "Onderwerp: bezichtiging appartement Stationsbuurt\n\nHallo, ik wil het appartement graag op <<date>> bekijken. Ik woon nu op <<addr>>. Bereikbaar op <<phone>>.\n\nMet vriendelijke groet,\n<<person>>",
        "Huurdersverklaring: <<person>>, geboren op <<dob>>, huidig adres <<addr>>, huidige verhuurder <<person2>>, tel. <<phone2>>.",
        "Kinderdagverblijf De Boomhut – ophaalmachtiging\nKind: <<given>> <<surname>>, geboren <<dobkid>>\nOpgehaald door: <<person2>> (oma), mobiel <<phone>>\nHandtekening: <<given3>>",
        "lc:[bezorger] hoi ben jij <<person>>? pakket voor <<street>> in <<town>>, niemand thuis\n[klant] ben op m'n werk, geef maar aan <<given2>> van hiernaast\n[bezorger] ok, foto gestuurd naar <<phone>>",
        "Bezorginstructie: bel <<phone>> bij aankomst. Afleveradres: <<addrnl>>. Vraag naar <<person>>, poort aan de zijkant.",
        "CURRICULUM VITAE\n<<person>>\n<<addrnl>>\n<<phone>> · <<email>>\nGeboortedatum: <<dob>>\n\nProfiel: teamleider magazijn met acht jaar ervaring in koelketenlogistiek.",
        "Geachte heer, mevrouw,\nhierbij solliciteer ik naar de functie van sous-chef. Ik ben geboren op <<dob>> en woon op <<addr>>. U kunt mij mailen op <<email>>.\nMet vriendelijke groet,\n<<person>>",
        "Wij gaan trouwen! <<given>> <<surname>> en <<person2>> zeggen op <<date>> ja in <<town>>. Aanmelden bij <<given3>> via <<phone>>.",
        "Bedroefd geven wij kennis van het overlijden van <<person>>, geboren <<dob>>, overleden <<date>> te <<town>>. Namens <<given2>> en kinderen. Informatie: <<phone>>.",
        "lidnr;naam;geboortedatum;woonplaats;telefoon\n<<n>>;<<person>>;<<dob>>;<<town>>;<<phone>>\n<<n>>;<<person2>>;<<dob2>>;<<town2>>;<<phone2>>",
        "Dierenartsdossier – patiënt: <<pet>> (stabij, 6 jaar)\nEigenaar: <<person>>, <<addr>>\nTel.: <<phone>>\nVandaag gevaccineerd; herhaling over twaalf maanden.",
        "Boeking bevestigd voor 2 gasten, 3 nachten vanaf <<date>>.\nHoofdboeker: <<person>>, geboortedatum <<dob>>\nBetaald met kaart <<card>>\nVragen: <<email>>",
        '{"event": "bestelling.aangemaakt", "klant": {"voornaam": "<<given>>", "achternaam": "<<surname>>", "geboortedatum": "<<dob>>", "email": "<<email>>"}, "levering": {"adres": "<<street>>", "plaats": "<<town>>"}}',
        "2026-11-30 08:14:22 INFO aanmelding ok user=<<email>> naam=\"<<person>>\" tel=<<phone>> iban=<<iban>>",
        "Verhuisofferte: ophalen op <<addr>>; afleveren op <<addr2>>. Contactpersoon op de verhuisdag: <<person>>, <<phone>>.",
        "Fysiotherapie – patiëntnummer <<mrn>>: <<person>>, geboren <<dob>>. Maak een controleafspraak via <<phone>>.",
        "Tandartspraktijk – ziekenhuisnummer <<mrn>>\nPatiënt: <<sngiven>>\nGeboortedatum: <<dob>>\nVolgende controle: <<date>>",
        "Aanmelding deelauto: <<person>>, rijbewijs sinds 2009, geboren <<dob>>, woonadres <<addr>>, incasso van <<iban>>.",
    ],
}

PETS = ["Bello", "Minou", "Luna", "Rocky", "Pippa", "Moos", "Filou", "Nala", "Balou", "Kiki",
        "Oscar", "Lola", "Toby", "Frodo", "Sissi", "Muffin"]


def segments(t, lang):
    """The template's segments: (None, text) or (ENTITY, value)."""
    a = person(lang)
    b = person(lang)
    c = person(lang)
    out = []
    for p in re.split(r"(<<\w+>>)", t):
        m = re.fullmatch(r"<<(\w+)>>", p)
        if not m:
            out.append((None, p))
            continue
        n = m.group(1)
        v = {
            "person": lambda: ("PERSON", f"{a[0]} {a[1]}"),
            "given": lambda: ("PERSON", a[0]),
            "sngiven": lambda: ("PERSON", f"{a[1]}, {a[0]}"),
            "surname": lambda: ("PERSON", a[1]),
            "email": lambda: ("EMAIL_ADDRESS", email_of(*a)),
            "person2": lambda: ("PERSON", f"{b[0]} {b[1]}"),
            "given2": lambda: ("PERSON", b[0]),
            "person3": lambda: ("PERSON", f"{c[0]} {c[1]}"),
            "given3": lambda: ("PERSON", c[0]),
            "addr": lambda: address(lang),
            "addr2": lambda: address(lang),
            "addrnl": lambda: address(lang, "\n"),
            "street": lambda: ("LOCATION", street_line(lang)),
            "town": lambda: town(lang),
            "town2": lambda: town(lang),
            "phone": lambda: ("PHONE_NUMBER", phone(lang)),
            "phone2": lambda: ("PHONE_NUMBER", phone(lang)),
            "dob": lambda: dob(lang),
            "dob2": lambda: dob(lang),
            "dobkid": lambda: dob(lang, (2021, 2024)),
            "mrn": lambda: ("MEDICAL_RECORD_NUMBER", mrn(lang)),
            "iban": lambda: ("IBAN_CODE", iban(lang)),
            "card": lambda: ("CREDIT_CARD", card()),
            "date": lambda: (None, plain_date(lang)),
            "pet": lambda: (None, pick(PETS)),
            "n": lambda: (None, str(num(2, 480))),
        }[n]()
        if isinstance(v, list):
            out.extend((None, x) if isinstance(x, str) else x for x in v)
        else:
            out.append(v)
    return out


def assemble(segs, lower=False):
    out = b""
    spans = []
    for e, v in segs:
        if lower:
            v = v.lower()
        b = v.encode()
        if e and b:
            spans.append([e, len(out), len(out) + len(b)])
        out += b
    return out.decode(), spans


def pii_text(lang, t):
    lower = t.startswith("lc:")
    if lower:
        t = t[3:]
    return assemble(segments(t, lang), lower)


# ------------------------------------------------------------ harmless texts --------
# Places named as no one's whereabouts: forecast areas, road sections, ports and stations,
# sites, markets, fixtures, history, sights, constituencies. Typed by hand; a place one of
# whose distinctive words A-H's harmless texts or decoys hold is dropped.
HTOWNS = {
    "en": ["Carlisle", "Kendal", "Preston", "Darlington", "Scunthorpe", "Grimsby", "Lowestoft",
           "Kettering", "Wellingborough", "Stevenage", "Basingstoke", "Taunton", "Barnstaple",
           "Yeovil", "Stafford", "Crewe", "Wigan", "Rochdale", "Huddersfield", "Harrogate",
           "Scarborough", "Whitby", "Morecambe", "Penrith", "Hexham", "Berwick", "Dover",
           "Folkestone", "Hastings", "Eastbourne", "Worthing", "Salisbury", "Swindon",
           "Gloucester", "Hereford", "Shrewsbury", "Telford", "Lincoln", "Boston", "King's Lynn"],
    "de": ["Gütersloh", "Paderborn", "Bielefeld", "Lingen", "Cloppenburg", "Husum", "Heide",
           "Itzehoe", "Stade", "Cuxhaven", "Uelzen", "Celle", "Goslar", "Nordhausen", "Suhl",
           "Gera", "Plauen", "Zwickau", "Bautzen", "Görlitz", "Cottbus", "Frankfurt (Oder)",
           "Neubrandenburg", "Stralsund", "Wismar", "Schwerin", "Pforzheim", "Reutlingen",
           "Aalen", "Ravensburg", "Kempten", "Memmingen", "Landshut", "Straubing", "Passau",
           "Weiden", "Bamberg", "Schweinfurt", "Fulda", "Limburg", "Siegen", "Hagen", "Lüdenscheid"],
    "fr": ["Châteauroux", "Vierzon", "Montluçon", "Nevers", "Auxerre", "Troyes", "Chaumont",
           "Épinal", "Saint-Dié", "Belfort", "Montbéliard", "Lons-le-Saunier", "Bourg-en-Bresse",
           "Annecy", "Chambéry", "Valence", "Montélimar", "Privas", "Aurillac", "Rodez", "Albi",
           "Castres", "Montauban", "Agen", "Périgueux", "Angoulême", "Niort", "La Roche-sur-Yon",
           "Cholet", "Laval", "Saint-Brieuc", "Quimper", "Lorient", "Vannes", "Alençon",
           "Évreux", "Dieppe", "Abbeville", "Arras", "Cambrai", "Maubeuge", "Charleville-Mézières"],
    "es": ["Ponferrada", "Palencia", "Zamora", "Soria", "Teruel", "Huesca", "Lleida",
           "Tortosa", "Castellón", "Sagunto", "Gandía", "Alcoy", "Elche", "Orihuela", "Lorca",
           "Cartagena", "Linares", "Úbeda", "Jaén", "Antequera", "Ronda", "Algeciras",
           "Jerez", "Huelva", "Mérida", "Cáceres", "Talavera de la Reina", "Cuenca",
           "Guadalajara", "Ávila", "Segovia", "Logroño", "Tudela", "Vitoria", "Lugo", "Ourense",
           "Ferrol", "Gijón", "Avilés", "Torrelavega", "Santander", "Burgos"],
    "it": ["Cuneo", "Alessandria", "Novara", "Vercelli", "Biella", "Varese", "Lecco", "Sondrio",
           "Cremona", "Mantova", "Rovigo", "Belluno", "Pordenone", "Udine", "Gorizia",
           "Piacenza", "Reggio Emilia", "Forlì", "Rimini", "Pesaro", "Ancona", "Macerata",
           "Fermo", "Teramo", "Chieti", "Campobasso", "Benevento", "Avellino", "Salerno",
           "Potenza", "Matera", "Foggia", "Barletta", "Brindisi", "Lecce", "Taranto", "Cosenza",
           "Catanzaro", "Trapani", "Ragusa", "Sassari", "Nuoro", "Oristano"],
    "nl": ["Emmen", "Assen", "Hoogeveen", "Meppel", "Zwolle", "Deventer", "Apeldoorn", "Zutphen",
           "Doetinchem", "Enschede", "Hengelo", "Almelo", "Leeuwarden", "Drachten", "Heerenveen",
           "Den Helder", "Alkmaar", "Hoorn", "Purmerend", "Zaandam", "Lelystad", "Almere",
           "Amersfoort", "Veenendaal", "Ede", "Arnhem", "Nijmegen", "Tiel", "Gorinchem",
           "Dordrecht", "Vlissingen", "Middelburg", "Terneuzen", "Roosendaal", "Tilburg",
           "Oss", "Venlo", "Roermond", "Weert", "Heerlen", "Helmond"],
}
REGIONS = {
    "en": ["the Cotswolds", "East Anglia", "the Peak District", "Northumberland", "the Fens",
           "the Lake District", "the Welsh Marches", "the Yorkshire Dales", "the Chilterns",
           "the Mendips", "the Isle of Wight", "Cornwall", "the Wash", "the Solent"],
    "de": ["Allgäu", "Uckermark", "Eifel", "Altmark", "Wetterau", "Vogtland", "Hunsrück",
           "Westerwald", "Oberlausitz", "Emsland", "Rhön", "Spessart", "Prignitz", "Nordfriesland"],
    "fr": ["Limousin", "Morvan", "Cévennes", "Beauce", "Vendée", "Sologne", "Vercors",
           "Quercy", "Berry", "Pays basque", "Cotentin", "Ardèche", "Jura", "Vosges"],
    "es": ["La Mancha", "El Bierzo", "Maestrazgo", "La Alpujarra", "Ribeira Sacra",
           "Tierra de Campos", "La Rioja Alavesa", "Sierra de Gredos", "Las Hurdes", "Somontano",
           "Costa da Morte", "Campo de Cartagena", "Valle del Jerte", "Empordà"],
    "it": ["Langhe", "Mugello", "Cilento", "Garfagnana", "Valtellina", "Lomellina", "Polesine",
           "Carnia", "Maremma", "Sila", "Gargano", "Salento", "Ogliastra", "Irpinia"],
    "nl": ["Achterhoek", "Veluwe", "Betuwe", "Twente", "Westland", "Salland", "Drenthe",
           "Zeeuws-Vlaanderen", "de Peel", "de Kempen", "het Gooi", "West-Friesland",
           "de Alblasserwaard", "Zuid-Limburg"],
}
HSTREETS = {
    "en": ["Deansgate", "Briggate", "Corporation Street", "Lord Street", "Northumberland Street",
           "Commercial Road", "Above Bar Street", "Fishergate", "Silver Street", "Broadmead"],
    "de": ["Königsallee", "Zeil", "Schildergasse", "Maximilianstraße", "Prager Straße",
           "Breite Straße", "Limbecker Straße", "Kröpeliner Straße", "Sögestraße", "Hohe Straße"],
    "fr": ["la Canebière", "la rue de la République", "le cours Mirabeau", "la rue Sainte-Catherine",
           "l'avenue Jean-Médecin", "la rue Nationale", "le quai de la Fosse", "la rue Mercière"],
    "es": ["la Gran Vía", "la calle Larios", "el paseo de Gracia", "la calle Sierpes",
           "la calle Uría", "la avenida de la Libertad", "la calle Colón", "la rúa do Franco"],
    "it": ["corso Buenos Aires", "via del Corso", "via Etnea", "via Sparano", "via Garibaldi",
           "corso Vannucci", "via Indipendenza", "via Maqueda"],
    "nl": ["de Coolsingel", "de Kalverstraat", "de Lange Poten", "het Vredenburg", "de Oudegracht",
           "de Demer", "de Lange Elisabethstraat", "de Hoogstraat"],
}
ROADS = {
    "en": ["the M6", "the A1(M)", "the M62", "the A303", "the M5", "the A14", "the M25", "the A66"],
    "de": ["der A7", "der A3", "der A9", "der A44", "der B27", "der A20", "der A14", "der B96"],
    "fr": ["l'A7", "l'A10", "la N7", "l'A20", "l'A75", "la RN165", "l'A84", "l'A31"],
    "es": ["la A-4", "la AP-7", "la A-6", "la N-232", "la A-2", "la A-66", "la A-7", "la N-634"],
    "it": ["l'A1", "l'A14", "la SS16", "l'A4", "l'A22", "la E45", "l'A3", "la SS36"],
    "nl": ["de A28", "de A2", "de N381", "de A12", "de A1", "de A7", "de N33", "de A67"],
}
HTOWNS = {l: avoided(ts) for l, ts in HTOWNS.items()}
REGIONS = {l: avoided(ts) for l, ts in REGIONS.items()}
HSTREETS = {l: avoided(ts) for l, ts in HSTREETS.items()}

PARTIES = {
    "en": ["Labour", "the Conservatives", "the Liberal Democrats", "the Greens", "Reform UK"],
    "de": ["die CDU", "die SPD", "die Grünen", "die FDP", "die Linke", "die Freien Wähler"],
    "fr": ["le RN", "Renaissance", "LFI", "Les Républicains", "les écologistes", "le PS"],
    "es": ["el PP", "el PSOE", "Vox", "Sumar", "el PNV", "Junts"],
    "it": ["FdI", "il PD", "il M5S", "la Lega", "Forza Italia", "AVS"],
    "nl": ["de VVD", "de PVV", "GroenLinks-PvdA", "het CDA", "D66", "de SP", "BBB"],
}
CHAINS = ["Lidl", "Aldi", "IKEA", "Decathlon", "Primark", "Action", "Leroy Merlin",
          "Mediamarkt", "Jumbo", "Carrefour Express", "Mercadona", "Esselunga", "Rossmann"]
INDUSTRY = {
    "en": ["a battery plant", "a distribution centre", "a data centre", "a bakery plant",
           "a recycling plant"],
    "de": ["ein Batteriewerk", "ein Logistikzentrum", "ein Rechenzentrum", "eine Großbäckerei",
           "eine Recyclinganlage"],
    "fr": ["une usine de batteries", "une plateforme logistique", "un centre de données",
           "une boulangerie industrielle", "un centre de tri"],
    "es": ["una planta de baterías", "un centro logístico", "un centro de datos",
           "una planta de reciclaje", "una panificadora"],
    "it": ["uno stabilimento di batterie", "un polo logistico", "un data center",
           "un impianto di riciclo", "un panificio industriale"],
    "nl": ["een batterijfabriek", "een distributiecentrum", "een datacenter",
           "een recyclingfabriek", "een broodfabriek"],
}
CHAINS = avoided(CHAINS)

# Other registers' named things: birds (many named after people), board games, yarns and
# stitches, TV programmes, fitness classes, appliances.
BIRDS = avoided([
    "Bewick's Swan", "Montagu's Harrier", "Bonelli's Eagle", "Cetti's Warbler",
    "Savi's Warbler", "Temminck's Stint", "Leach's Petrel", "Baillon's Crake",
    "Sabine's Gull", "Audouin's Gull", "Slavonian Grebe", "Eurasian Wigeon", "Hawfinch",
    "Wryneck", "Bluethroat", "Golden Oriole", "Hoopoe", "Black-winged Stilt",
    "Red-backed Shrike", "Ortolan Bunting", "Kentish Plover", "Spotted Crake",
])
GAMES = avoided([
    "Carcassonne", "Catan", "Ticket to Ride", "Azul", "Wingspan", "Dixit", "Kingdomino",
    "Terraforming Mars", "Pandemic", "Splendor", "Agricola", "Patchwork", "7 Wonders",
    "Codenames", "Cascadia", "Heat: Pedal to the Metal", "Everdell", "Brass: Birmingham",
])
YARNS = avoided([
    "Fair Isle", "Aran", "Shetland lace", "Drops Alpaca", "Rowan Felted Tweed",
    "Lopi", "Scheepjes Stone Washed", "Lana Grossa Cool Wool", "Katia Merino",
    "Phildar Partner", "Debbie Bliss Rialto", "Sandnes Garn Tynn Merinoull",
])
STITCHES = ["moss stitch", "cable 6 back", "double rib", "seed stitch", "brioche rib"]
TV = {
    "en": ["Countryfile", "Gardeners' World", "University Challenge", "Pointless",
           "The Repair Shop", "Antiques Roadshow", "Only Connect", "Escape to the Country"],
    "de": ["Tatort", "Wer wird Millionär?", "Die Sendung mit der Maus", "Bares für Rares",
           "Polizeiruf 110", "Lindenstraße", "Terra X", "Landfrauenküche"],
    "fr": ["Questions pour un champion", "Des chiffres et des lettres", "Thalassa",
           "Koh-Lanta", "Plus belle la vie", "Le Meilleur Pâtissier", "Faut pas rêver"],
    "es": ["Pasapalabra", "Saber y ganar", "Cuéntame cómo pasó", "MasterChef",
           "Aquí la tierra", "El hormiguero", "Españoles en el mundo"],
    "it": ["Che tempo che fa", "Affari tuoi", "Linea verde", "Don Matteo", "Report",
           "Il commissario Montalbano", "Superquark", "Geo"],
    "nl": ["Boer zoekt vrouw", "Het Klokhuis", "Wie is de Mol?", "Heel Holland Bakt",
           "Nieuwsuur", "Zondag met Lubach", "Flikken Maastricht", "Ik Vertrek"],
}
TV = {l: avoided(t) for l, t in TV.items()}
CLASSES = avoided(["Pilates", "Zumba", "Body Pump", "Spinning", "Aqua Fit", "Yin Yoga",
                   "Tabata", "Bootcamp", "Hatha Yoga", "Step Aerobics", "Boxfit"])
APPLIANCES = avoided(["Miele W1", "Bosch Serie 6", "Siemens iQ500", "AEG ProSteam",
                      "Candy Smart Pro", "Beko b300", "Smeg DF6", "Indesit Push&Go",
                      "Whirlpool Supreme Clean", "Liebherr CNsfd 5723"])
ERRORS = ["E21", "F05", "E15", "d02", "C4", "E:24"]


def hnum(lang, x):
    s = f"{x:,.1f}"
    if lang != "en":
        s = s.replace(",", "X").replace(".", ",").replace("X", ".")
    return s

# Harmless templates: PLACE ones name towns, regions, streets and roads as no one's
# whereabouts; OTHER ones are registers without places.
PLACE_T = {
    "en": [
        "Forecast for <<R>>: showers moving east this afternoon, 11 °C in <<T>>, brighter around <<T2>> by evening.",
        "Met Office warning: gusts of 60 mph along the coast from <<T>> to <<T2>> until 18:00.",
        "Traffic: two lanes closed on <<road>> between <<T>> and <<T2>> after a lorry fire; expect delays of 40 minutes.",
        "Roadworks on <<S>> in <<T>> continue until <<date>>; buses divert via the ring road.",
        "The 07:42 from <<T>> to <<T2>> is cancelled today; the 08:12 calls additionally at <<T3>>.",
        "Ferry timetable: sailings from <<T>> leave at <<time>> and 16:30, berth <<n>>; the winter service starts <<date>>.",
        "<<chain>> opens its new store in <<T>> on <<date>>, creating <<n>> jobs.",
        "Planning approved for <<ind>> on the edge of <<T>>; construction starts next spring.",
        "House prices in <<T>> rose <<pct>> % over the year, ahead of <<T2>> and the rest of <<R>>.",
        "Rents along <<S>> in <<T>> have fallen for the third quarter running, agents report.",
        "Saturday: <<T>> v <<T2>> kicks off at 15:00; <<T3>> host the league leaders on Sunday.",
        "Cup draw: <<T>> away at <<T2>>, replays on <<date>>.",
        "In <<year>> the railway reached <<T>>, and within a decade the town had doubled in size.",
        "The siege of <<T>> in <<year>> ended when the garrison surrendered to troops marching from <<T2>>.",
        "Day two: drive from <<T>> through <<R>> to <<T2>>; stop for lunch in the market square.",
        "<<T>> is best explored on foot: start at the cathedral, walk down <<S>> and finish at the river.",
        "Results in <<T>>: <<party>> 38 %, <<party2>> 27 %; turnout 61 %. <<T2>> declared shortly after midnight.",
        "Council by-election: <<party>> gain the <<T>> North ward from <<party2>>.",
        "Bin collections: garden waste in <<S>> and neighbouring streets moves to Thursdays from <<date>>.",
        "River levels: the gauge at <<T>> reads 2.4 m and falling; flood alert lifted for <<R>>.",
    ],
    "de": [
        "Wetter für das <<R>>: am Nachmittag Schauer, in <<T>> 11 Grad, gegen Abend Aufheiterungen bei <<T2>>.",
        "Unwetterwarnung: Sturmböen bis 90 km/h zwischen <<T>> und <<T2>> bis 18 Uhr.",
        "Verkehr: auf <<road>> zwischen <<T>> und <<T2>> nach Lkw-Brand zwei Spuren gesperrt, 40 Minuten Verzögerung.",
        "Die Baustelle in der <<S>> in <<T>> dauert bis <<date>>; Busse fahren eine Umleitung.",
        "Der RE um 7:42 Uhr von <<T>> nach <<T2>> fällt heute aus; der Zug um 8:12 hält zusätzlich in <<T3>>.",
        "Fährplan: Abfahrten ab <<T>> um <<time>> und 16:30 Uhr, Anleger <<n>>; der Winterfahrplan gilt ab <<date>>.",
        "<<chain>> eröffnet am <<date>> eine neue Filiale in <<T>> und schafft <<n>> Arbeitsplätze.",
        "Genehmigt: <<ind>> am Stadtrand von <<T>>, Baubeginn im Frühjahr.",
        "Die Immobilienpreise in <<T>> stiegen binnen eines Jahres um <<pct>> %, stärker als in <<T2>> und im übrigen <<R>>.",
        "Die Ladenmieten in der <<S>> in <<T>> sinken das dritte Quartal in Folge, melden Makler.",
        "Samstag: <<T>> gegen <<T2>>, Anstoß 15:30 Uhr; <<T3>> empfängt am Sonntag den Tabellenführer.",
        "Pokalauslosung: <<T>> muss nach <<T2>>, gespielt wird am <<date>>.",
        "<<year>> erreichte die Eisenbahn <<T>>, und binnen zehn Jahren verdoppelte sich die Einwohnerzahl.",
        "Die Belagerung von <<T>> endete <<year>>, als die Besatzung vor den aus <<T2>> anrückenden Truppen kapitulierte.",
        "Tag zwei: von <<T>> durch das <<R>> nach <<T2>>, Mittagspause auf dem Marktplatz.",
        "<<T>> erkundet man am besten zu Fuß: vom Dom über die <<S>> bis hinunter zum Fluss.",
        "Ergebnis in <<T>>: <<party>> 38 %, <<party2>> 27 %, Wahlbeteiligung 61 %. <<T2>> meldete kurz nach Mitternacht.",
        "Bei der Kommunalwahl holt <<party>> den Wahlkreis <<T>>-Nord von <<party2>>.",
        "Müllabfuhr: Die Biotonne in der <<S>> und den Nachbarstraßen wird ab <<date>> donnerstags geleert.",
        "Pegelstände: <<T>> 2,40 m, fallend; die Hochwasserwarnung für das <<R>> ist aufgehoben.",
    ],
    "fr": [
        "Météo <<R>> : averses cet après-midi, 11 °C à <<T>>, éclaircies vers <<T2>> en soirée.",
        "Vigilance orange : rafales à 90 km/h entre <<T>> et <<T2>> jusqu'à 18 h.",
        "Trafic : deux voies fermées sur <<road>> entre <<T>> et <<T2>> après un incendie de poids lourd, 40 minutes de retard.",
        "Les travaux sur <<S>> à <<T>> dureront jusqu'au <<date>> ; les bus sont déviés.",
        "Le TER de 7 h 42 <<T>>–<<T2>> est supprimé aujourd'hui ; celui de 8 h 12 desservira aussi <<T3>>.",
        "Horaires du bac : départs de <<T>> à <<time>> et 16 h 30, quai <<n>> ; horaires d'hiver à partir du <<date>>.",
        "<<chain>> ouvre un nouveau magasin à <<T>> le <<date>> et crée <<n>> emplois.",
        "Feu vert pour <<ind>> en périphérie de <<T>> ; début des travaux au printemps.",
        "Les prix de l'immobilier à <<T>> ont augmenté de <<pct>> % sur un an, plus qu'à <<T2>> et dans le reste du <<R>>.",
        "Les loyers commerciaux sur <<S>> à <<T>> baissent pour le troisième trimestre consécutif.",
        "Samedi : <<T>> reçoit <<T2>> à 18 h ; <<T3>> accueille le leader dimanche.",
        "Tirage de la coupe : <<T>> se déplacera à <<T2>> le <<date>>.",
        "En <<year>>, le chemin de fer atteignit <<T>>, dont la population doubla en dix ans.",
        "Le siège de <<T>> prit fin en <<year>>, quand la garnison se rendit aux troupes venues de <<T2>>.",
        "Deuxième jour : de <<T>> à <<T2>> par le <<R>>, pause déjeuner sur la place du marché.",
        "<<T>> se découvre à pied : de la cathédrale, descendez <<S>> jusqu'à la rivière.",
        "Résultats à <<T>> : <<party>> 38 %, <<party2>> 27 %, participation 61 %. <<T2>> a publié ses chiffres après minuit.",
        "Municipale partielle : <<party>> remporte le canton de <<T>>-Nord face à <<party2>>.",
        "Collecte des déchets verts : dans <<S>> et les rues voisines, passage le jeudi à partir du <<date>>.",
        "Crues : la station de <<T>> indique 2,40 m, en baisse ; vigilance levée pour le <<R>>.",
    ],
    "es": [
        "Previsión para <<R>>: chubascos por la tarde, 11 °C en <<T>>, claros hacia <<T2>> al anochecer.",
        "Aviso amarillo: rachas de 90 km/h entre <<T>> y <<T2>> hasta las 18:00.",
        "Tráfico: dos carriles cortados en <<road>> entre <<T>> y <<T2>> por el incendio de un camión; retenciones de 40 minutos.",
        "Las obras en <<S>> de <<T>> durarán hasta el <<date>>; los autobuses se desvían.",
        "El regional de las 7:42 de <<T>> a <<T2>> queda suprimido hoy; el de las 8:12 parará también en <<T3>>.",
        "Horarios del ferri: salidas desde <<T>> a las <<time>> y a las 16:30, muelle <<n>>; horario de invierno desde el <<date>>.",
        "<<chain>> abre una nueva tienda en <<T>> el <<date>> y crea <<n>> empleos.",
        "Luz verde a <<ind>> a las afueras de <<T>>; las obras empiezan en primavera.",
        "El precio de la vivienda en <<T>> subió un <<pct>> % interanual, más que en <<T2>> y en el resto de <<R>>.",
        "Los alquileres de locales en <<S>> de <<T>> bajan por tercer trimestre consecutivo.",
        "Sábado: <<T>> – <<T2>> a las 18:30; el <<T3>> recibe al líder el domingo.",
        "Sorteo de Copa: <<T>> visitará <<T2>> el <<date>>.",
        "En <<year>> el ferrocarril llegó a <<T>>, que duplicó su población en una década.",
        "El sitio de <<T>> terminó en <<year>>, cuando la guarnición se rindió a las tropas llegadas de <<T2>>.",
        "Segundo día: de <<T>> a <<T2>> atravesando <<R>>, con parada para comer en la plaza mayor.",
        "<<T>> se recorre a pie: desde la catedral, baje por <<S>> hasta el río.",
        "Resultados en <<T>>: <<party>> 38 %, <<party2>> 27 %; participación del 61 %. <<T2>> terminó el escrutinio pasada la medianoche.",
        "Elecciones municipales: <<party>> gana en <<T>> y arrebata la alcaldía a <<party2>>.",
        "Recogida de poda: en <<S>> y calles cercanas pasa a los jueves desde el <<date>>.",
        "Caudales: el aforo de <<T>> marca 2,40 m y baja; se levanta el aviso en <<R>>.",
    ],
    "it": [
        "Meteo <<R>>: rovesci nel pomeriggio, 11 °C a <<T>>, schiarite verso <<T2>> in serata.",
        "Allerta gialla: raffiche fino a 90 km/h tra <<T>> e <<T2>> fino alle 18.",
        "Traffico: due corsie chiuse su <<road>> tra <<T>> e <<T2>> per un mezzo pesante in fiamme, 40 minuti di coda.",
        "I lavori in <<S>> a <<T>> proseguono fino al <<date>>; i bus sono deviati.",
        "Il regionale delle 7:42 da <<T>> a <<T2>> è soppresso oggi; quello delle 8:12 ferma anche a <<T3>>.",
        "Orari dei traghetti: partenze da <<T>> alle <<time>> e alle 16:30, banchina <<n>>; orario invernale dal <<date>>.",
        "<<chain>> apre un nuovo punto vendita a <<T>> il <<date>> con <<n>> nuovi posti di lavoro.",
        "Via libera a <<ind>> alle porte di <<T>>; i lavori partono in primavera.",
        "I prezzi delle case a <<T>> sono saliti del <<pct>> % in un anno, più che a <<T2>> e nel resto della <<R>>.",
        "Gli affitti dei negozi in <<S>> a <<T>> calano per il terzo trimestre di fila.",
        "Sabato: <<T>>-<<T2>> alle 15; domenica il <<T3>> ospita la capolista.",
        "Sorteggio di Coppa: il <<T>> giocherà a <<T2>> il <<date>>.",
        "Nel <<year>> la ferrovia arrivò a <<T>>, che in dieci anni raddoppiò i suoi abitanti.",
        "L'assedio di <<T>> finì nel <<year>>, quando la guarnigione si arrese alle truppe giunte da <<T2>>.",
        "Secondo giorno: da <<T>> a <<T2>> attraverso la <<R>>, pranzo in piazza.",
        "<<T>> si visita a piedi: dal duomo si scende per <<S>> fino al fiume.",
        "Risultati a <<T>>: <<party>> 38 %, <<party2>> 27 %, affluenza 61 %. <<T2>> ha chiuso lo spoglio dopo mezzanotte.",
        "Comunali: <<party>> conquista <<T>> e strappa il comune a <<party2>>.",
        "Raccolta del verde: in <<S>> e nelle vie vicine passa al giovedì dal <<date>>.",
        "Livelli dei fiumi: l'idrometro di <<T>> segna 2,40 m in calo; revocata l'allerta per la <<R>>.",
    ],
    "nl": [
        "Weer in <<R>>: vanmiddag buien, 11 graden in <<T>>, richting <<T2>> 's avonds opklaringen.",
        "Code oranje: windstoten tot 90 km/u tussen <<T>> en <<T2>> tot 18.00 uur.",
        "Verkeer: op <<road>> tussen <<T>> en <<T2>> twee rijstroken dicht na een vrachtwagenbrand, 40 minuten vertraging.",
        "De werkzaamheden op <<S>> in <<T>> duren tot <<date>>; bussen rijden om.",
        "De stoptrein van 7.42 uur van <<T>> naar <<T2>> rijdt vandaag niet; die van 8.12 uur stopt extra in <<T3>>.",
        "Dienstregeling veerpont: vertrek uit <<T>> om <<time>> en 16.30 uur, steiger <<n>>; winterdienst vanaf <<date>>.",
        "<<chain>> opent op <<date>> een nieuwe winkel in <<T>>, goed voor <<n>> banen.",
        "Vergunning verleend voor <<ind>> aan de rand van <<T>>; de bouw begint in het voorjaar.",
        "De huizenprijzen in <<T>> stegen in een jaar met <<pct>> %, meer dan in <<T2>> en de rest van <<R>>.",
        "De winkelhuren op <<S>> in <<T>> dalen voor het derde kwartaal op rij.",
        "Zaterdag: <<T>> – <<T2>> om 20.00 uur; <<T3>> ontvangt zondag de koploper.",
        "Bekerloting: <<T>> speelt op <<date>> uit bij <<T2>>.",
        "In <<year>> bereikte de spoorlijn <<T>>, dat binnen tien jaar verdubbelde in inwonertal.",
        "Het beleg van <<T>> eindigde in <<year>>, toen het garnizoen zich overgaf aan troepen uit <<T2>>.",
        "Dag twee: van <<T>> door <<R>> naar <<T2>>, lunch op de markt.",
        "<<T>> verken je te voet: vanaf de kerk over <<S>> naar de rivier.",
        "Uitslag in <<T>>: <<party>> 38 %, <<party2>> 27 %, opkomst 61 %. <<T2>> volgde na middernacht.",
        "Gemeenteraad: <<party>> wint in <<T>> en wordt groter dan <<party2>>.",
        "Afvalkalender: de gft-container in <<S>> en omliggende straten wordt vanaf <<date>> op donderdag geleegd.",
        "Waterstanden: de meetpaal bij <<T>> geeft 2,40 m, dalend; waarschuwing voor <<R>> ingetrokken.",
    ],
}
OTHER_T = {
    "en": [
        "Reserve log, 07:10–09:30: <<bird>>, two <<bird2>> on the scrape, a single <<bird3>> flying over. Tide high at 08:05.",
        "Games night: we teach <<game>> at 19:00 and finish with a round of <<game2>>; bring your own snacks.",
        "Pattern note: cast on 112 sts in <<yarn>>, work 6 cm of <<stitch>>, then change to 4 mm needles.",
        "Tonight on BBC Two: <<tv>> at 19:00, followed by <<tv2>> at 20:00.",
        "Gym timetable, Monday: <<class>> 07:00, <<class2>> 12:15, <<class3>> 18:30 (studio 2).",
        "If the <<appliance>> shows <<err>>, clean the drain filter and restart the programme.",
    ],
    "de": [
        "Beobachtungen 7:10–9:30 Uhr: <<bird>>, zwei <<bird2>> am Flachwasser, ein <<bird3>> im Überflug.",
        "Spieleabend: um 19 Uhr erklären wir <<game>>, zum Schluss eine Runde <<game2>>.",
        "Anleitung: 112 M. in <<yarn>> anschlagen, 6 cm <<stitch>> stricken, dann auf Nadeln 4 mm wechseln.",
        "Heute im Ersten: <<tv>> um 19 Uhr, danach <<tv2>> um 20:15 Uhr.",
        "Kursplan Montag: <<class>> 7:00 Uhr, <<class2>> 12:15 Uhr, <<class3>> 18:30 Uhr (Raum 2).",
        "Zeigt der <<appliance>> den Fehler <<err>>, Flusensieb reinigen und Programm neu starten.",
    ],
    "fr": [
        "Relevé 7 h 10–9 h 30 : <<bird>>, deux <<bird2>> sur la vasière, un <<bird3>> en vol.",
        "Soirée jeux : on explique <<game>> à 19 h et on termine par une partie de <<game2>>.",
        "Explications : monter 112 m. en <<yarn>>, tricoter 6 cm en <<stitch>>, puis passer aux aiguilles 4 mm.",
        "Ce soir sur France 3 : <<tv>> à 19 h, puis <<tv2>> à 21 h.",
        "Planning du lundi : <<class>> 7 h, <<class2>> 12 h 15, <<class3>> 18 h 30 (salle 2).",
        "Si le <<appliance>> affiche <<err>>, nettoyez le filtre de vidange et relancez le programme.",
    ],
    "es": [
        "Censo 7:10–9:30: <<bird>>, dos <<bird2>> en la laguna, un <<bird3>> en vuelo.",
        "Noche de juegos: a las 19:00 explicamos <<game>> y acabamos con una partida de <<game2>>.",
        "Patrón: montar 112 puntos en <<yarn>>, tejer 6 cm de <<stitch>> y cambiar a agujas de 4 mm.",
        "Esta noche en La 1: <<tv>> a las 19:00 y después <<tv2>> a las 22:00.",
        "Horario del lunes: <<class>> 7:00, <<class2>> 12:15, <<class3>> 18:30 (sala 2).",
        "Si la <<appliance>> muestra <<err>>, limpie el filtro de desagüe y reinicie el programa.",
    ],
    "it": [
        "Censimento 7:10–9:30: <<bird>>, due <<bird2>> sulla barena, un <<bird3>> in volo.",
        "Serata giochi: alle 19 spieghiamo <<game>> e chiudiamo con una partita a <<game2>>.",
        "Schema: avviare 112 maglie in <<yarn>>, lavorare 6 cm a <<stitch>>, poi passare ai ferri 4 mm.",
        "Stasera su Rai 1: <<tv>> alle 19, poi <<tv2>> alle 21:30.",
        "Orario del lunedì: <<class>> 7:00, <<class2>> 12:15, <<class3>> 18:30 (sala 2).",
        "Se la <<appliance>> mostra <<err>>, pulire il filtro di scarico e riavviare il programma.",
    ],
    "nl": [
        "Telling 7.10–9.30 uur: <<bird>>, twee <<bird2>> op de plas, een <<bird3>> overvliegend.",
        "Spelletjesavond: om 19.00 uur leggen we <<game>> uit, afsluiten met een potje <<game2>>.",
        "Patroon: zet 112 st. op in <<yarn>>, brei 6 cm <<stitch>> en wissel naar naald 4 mm.",
        "Vanavond op NPO 1: <<tv>> om 19.00 uur, daarna <<tv2>> om 20.30 uur.",
        "Lesrooster maandag: <<class>> 7.00 uur, <<class2>> 12.15 uur, <<class3>> 18.30 uur (zaal 2).",
        "Geeft de <<appliance>> foutcode <<err>>, maak dan het pompfilter schoon en start opnieuw.",
    ],
}


def distinct(xs, k):
    return R.sample(xs, k)


def harmless(lang, t):
    towns = distinct(HTOWNS[lang], 3)
    streets = distinct(HSTREETS[lang], 2)
    parties = distinct(PARTIES[lang], 2)
    birds = distinct(BIRDS, 3)
    games = distinct(GAMES, 2)
    classes = distinct(CLASSES, 3)
    tvs = distinct(TV[lang], 2)

    def slot(m):
        n = m.group(1)
        return {
            "T": lambda: towns[0], "T2": lambda: towns[1], "T3": lambda: towns[2],
            "R": lambda: pick(REGIONS[lang]), "S": lambda: streets[0], "S2": lambda: streets[1],
            "road": lambda: pick(ROADS[lang]), "party": lambda: parties[0],
            "party2": lambda: parties[1], "chain": lambda: pick(CHAINS),
            "ind": lambda: pick(INDUSTRY[lang]), "n": lambda: str(num(2, 240)),
            "pct": lambda: hnum(lang, R.uniform(0.5, 9.9)), "time": lambda: f"{num(6, 11)}:{pick(['05', '20', '35', '50'])}" if lang != "nl" else f"{num(6, 11)}.{pick(['05', '20', '35', '50'])}",
            "date": lambda: plain_date(lang), "year": lambda: str(num(1540, 1905)),
            "bird": lambda: birds[0], "bird2": lambda: birds[1], "bird3": lambda: birds[2],
            "game": lambda: games[0], "game2": lambda: games[1], "yarn": lambda: pick(YARNS),
            "stitch": lambda: pick(STITCHES), "tv": lambda: tvs[0], "tv2": lambda: tvs[1],
            "class": lambda: classes[0], "class2": lambda: classes[1], "class3": lambda: classes[2],
            "appliance": lambda: pick(APPLIANCES), "err": lambda: pick(ERRORS),
        }[n]()

    text = re.sub(r"<<(\w+)>>", slot, t)
    # Sentence-initial `the`, `la`, `de` of a region or street written with a capital.
    text = re.sub(r"(^|[.:!?]\s)(the|la|le|el|de|der|het|l')", lambda m: m.group(1) + m.group(2)[0].upper() + m.group(2)[1:], text)
    return text


# ------------------------------------------------------------ decoys --------
# Shapes none of A-H holds (their text was searched for each): METAR reports, station
# readings in hPa, PZN drug codes (mod 11), statute references, blood pressure without a
# patient, deep-sky catalogue numbers, exchange rates, odometer readings in spaced groups,
# meter readings, earthquake bulletins, electronic part numbers, train departures with
# platforms, census figures in spaced thousands, knitting rows, sudoku rows (nine digits),
# MMSI ship ids (nine digits), standards, swimming heats, lab values in µmol/l, darts
# checkouts.
def pzn():
    while True:
        d = [R.randrange(10) for _ in range(7)]
        c = sum((i + 1) * x for i, x in enumerate(d)) % 11
        if c < 10:
            return "".join(map(str, d)) + str(c)


def sudoku_row():
    row = list("123456789")
    R.shuffle(row)
    for i in R.sample(range(9), num(3, 5)):
        row[i] = "0"
    return "".join(row)


def spaced(n):
    s = f"{n:,}".replace(",", " ")
    return s


DEC = lambda lang, x, p=1: (f"{x:.{p}f}" if lang == "en" else f"{x:.{p}f}".replace(".", ","))

DECOYS = {
    "metar": lambda l: f"METAR {pick(['EHAM', 'EDDH', 'LFLY', 'LEBL', 'LIMC', 'EGCC', 'EDDM', 'LFRS'])} {num(10, 28)}{num(10, 23)}{pick(['20', '50'])}Z {num(18, 36)}0{num(5, 25):02d}KT 9999 FEW0{num(15, 45)} {num(2, 18):02d}/{num(0, 9):02d} Q{num(990, 1035)} NOSIG",
    "hpa": lambda l: {"en": "Station reading: {p} hPa, dew point {d} °C, wind {w} kn.", "de": "Messwerte: {p} hPa, Taupunkt {d} °C, Wind {w} kn.", "fr": "Relevé : {p} hPa, point de rosée {d} °C, vent {w} nœuds.", "es": "Lectura: {p} hPa, punto de rocío {d} °C, viento {w} nudos.", "it": "Rilevazione: {p} hPa, punto di rugiada {d} °C, vento {w} nodi.", "nl": "Meting: {p} hPa, dauwpunt {d} °C, wind {w} knopen."}[l].format(p=DEC(l, R.uniform(985, 1038)), d=DEC(l, R.uniform(-3, 15)), w=num(3, 35)),
    "pzn": lambda l: {"en": "Reorder PZN {c}, pack size N2, qty {q}.", "de": "Nachbestellung PZN {c}, Packungsgröße N2, Menge {q}.", "fr": "Réassort PZN {c}, conditionnement N2, qté {q}.", "es": "Reposición PZN {c}, envase N2, cantidad {q}.", "it": "Riordino PZN {c}, confezione N2, q.tà {q}.", "nl": "Bijbestellen PZN {c}, verpakking N2, aantal {q}."}[l].format(c=pzn(), q=num(2, 40)),
    "statute": lambda l: pick({"en": [f"See s. {num(2, 90)}({num(1, 6)}) of the Equality Act 2010 and reg. {num(3, 40)} of SI 2013/{num(1000, 3500)}."], "de": [f"Vgl. § {num(100, 2385)} Abs. {num(1, 4)} BGB und § {num(1, 99)} Abs. {num(1, 3)} Satz 2 ZPO."], "fr": [f"Voir art. L. {num(1100, 4800)}-{num(1, 12)} du Code du travail et art. {num(1100, 2500)} du Code civil."], "es": [f"Véase el art. {num(1, 1900)}.{num(1, 4)} del Código Civil y la Ley {num(1, 40)}/{num(1990, 2023)}, de {num(1, 28)} de {pick(MONTHS['es'])}."], "it": [f"Cfr. art. {num(1, 2900)}, comma {num(1, 4)}, c.c. e d.lgs. {num(1, 300)}/{num(1990, 2023)}."], "nl": [f"Zie art. {num(1, 9)}:{num(1, 300)} lid {num(1, 3)} BW en artikel {num(1, 99)} Awb."]}[l]),
    "bp": lambda l: {"en": "Obs round 14:00 – BP {s}/{d} mmHg, pulse {p}/min, SpO2 {o} %.", "de": "Vitalwerte 14:00 – RR {s}/{d} mmHg, Puls {p}/min, SpO2 {o} %.", "fr": "Constantes 14 h – TA {s}/{d} mmHg, pouls {p}/min, SpO2 {o} %.", "es": "Constantes 14:00 – TA {s}/{d} mmHg, pulso {p}/min, SpO2 {o} %.", "it": "Parametri ore 14 – PA {s}/{d} mmHg, polso {p}/min, SpO2 {o} %.", "nl": "Controles 14.00 – RR {s}/{d} mmHg, pols {p}/min, SpO2 {o} %."}[l].format(s=num(105, 165), d=num(60, 99), p=num(52, 110), o=num(91, 99)),
    "ngc": lambda l: f"{pick(['NGC', 'IC', 'HD', 'UGC'])} {num(100, 7800)}: mag {DEC(l, R.uniform(4, 13))}, RA {num(0, 23):02d}h {num(0, 59):02d}m {num(0, 59):02d}s, Dec {pick('+-')}{num(0, 70):02d}° {num(0, 59):02d}′",
    "fx": lambda l: f"{pick(['EUR/USD', 'EUR/GBP', 'EUR/CHF', 'USD/JPY', 'GBP/USD'])} {DEC(l, R.uniform(0.8, 1.6), 4)} ({pick('+-')}{DEC(l, R.uniform(0.01, 0.9), 2)} %), {pick(['EUR/SEK', 'EUR/PLN', 'EUR/NOK'])} {DEC(l, R.uniform(4, 12), 4)}",
    "odometer": lambda l: {"en": "Mileage at handover: {k} km, fuel 3/4.", "de": "Kilometerstand bei Übergabe: {k} km, Tank 3/4.", "fr": "Kilométrage à la remise : {k} km, réservoir 3/4.", "es": "Kilometraje en la entrega: {k} km, depósito 3/4.", "it": "Chilometraggio alla consegna: {k} km, serbatoio 3/4.", "nl": "Kilometerstand bij overdracht: {k} km, tank 3/4."}[l].format(k=spaced(num(10000, 399999))),
    "meter": lambda l: {"en": "Meter reading {a} m³ (previous {b} m³).", "de": "Zählerstand {a} m³ (Vorjahr {b} m³).", "fr": "Index compteur {a} m³ (précédent {b} m³).", "es": "Lectura del contador {a} m³ (anterior {b} m³).", "it": "Lettura contatore {a} m³ (precedente {b} m³).", "nl": "Meterstand {a} m³ (vorige {b} m³)."}[l].format(a=f"{num(100, 9999):05d}{',' if l != 'en' else '.'}{num(0, 999):03d}", b=f"{num(100, 9999):05d}{',' if l != 'en' else '.'}{num(0, 999):03d}"),
    "quake": lambda l: {"en": "Quake M{m}, depth {d} km, {t} UTC, felt up to {r} km away.", "de": "Erdbeben M{m}, Tiefe {d} km, {t} UTC, spürbar bis {r} km.", "fr": "Séisme M{m}, profondeur {d} km, {t} UTC, ressenti jusqu'à {r} km.", "es": "Terremoto M{m}, profundidad {d} km, {t} UTC, sentido a {r} km.", "it": "Terremoto M{m}, profondità {d} km, ore {t} UTC, avvertito fino a {r} km.", "nl": "Aardbeving M{m}, diepte {d} km, {t} UTC, gevoeld tot {r} km."}[l].format(m=DEC(l, R.uniform(2, 5.5)), d=num(2, 35), t=f"{num(0, 23):02d}:{num(0, 59):02d}:{num(0, 59):02d}", r=num(10, 120)),
    "parts": lambda l: f"BOM: {num(2, 20)}× LM317T, {num(2, 20)}× 1N4148, {num(1, 8)}× ATmega328P-PU, {num(2, 30)}× BC547B, {num(1, 4)}× NE555P",
    "train": lambda l: f"{pick(['IC', 'ICE', 'RE', 'TER', 'AVE', 'FR', 'IC'])} {num(100, 9999)} {num(5, 22):02d}:{num(0, 59):02d} {({'en': 'platform', 'de': 'Gleis', 'fr': 'voie', 'es': 'vía', 'it': 'binario', 'nl': 'spoor'})[l]} {num(1, 14)}{pick(['', 'a', 'b'])}, +{num(2, 25)} min",
    "census": lambda l: {"en": "Census {y}: {p} residents, {h} households, {a} km².", "de": "Zensus {y}: {p} Einwohner, {h} Haushalte, {a} km².", "fr": "Recensement {y} : {p} habitants, {h} ménages, {a} km².", "es": "Censo {y}: {p} habitantes, {h} hogares, {a} km².", "it": "Censimento {y}: {p} abitanti, {h} famiglie, {a} km².", "nl": "Telling {y}: {p} inwoners, {h} huishoudens, {a} km²."}[l].format(y=pick([2011, 2021, 2022]), p=spaced(num(1000000, 9999999)), h=spaced(num(400000, 999999)), a=spaced(num(1000, 40000))),
    "knit": lambda l: f"Rnd {num(2, 60)}: *k{num(1, 4)}, p{num(1, 4)}, k2tog, yo; rep from * {num(4, 30)} times ({num(60, 240)} sts)",
    "sudoku": lambda l: "\n".join(sudoku_row() for _ in range(3)),
    "mmsi": lambda l: {"en": "AIS: MMSI {m}, SOG {s} kn, COG {c}°.", "de": "AIS: MMSI {m}, Fahrt {s} kn, Kurs {c}°.", "fr": "AIS : MMSI {m}, vitesse {s} nœuds, cap {c}°.", "es": "AIS: MMSI {m}, velocidad {s} nudos, rumbo {c}°.", "it": "AIS: MMSI {m}, velocità {s} nodi, rotta {c}°.", "nl": "AIS: MMSI {m}, snelheid {s} kn, koers {c}°."}[l].format(m=f"{pick([211, 218, 227, 228, 224, 247, 244, 245, 232])}{digits(6)}", s=DEC(l, R.uniform(0, 22)), c=num(0, 359)),
    "standard": lambda l: f"{pick(['DIN EN', 'EN', 'NF EN', 'UNE-EN', 'UNI EN', 'NEN-EN'])} {num(100, 17999)}-{num(1, 9)}:{num(2005, 2024)}, IEC {num(60000, 62999)}-{num(1, 7)}-{num(100, 799)}",
    "heat": lambda l: f"{({'en': 'Heat', 'de': 'Lauf', 'fr': 'Série', 'es': 'Serie', 'it': 'Batteria', 'nl': 'Serie'})[l]} {num(1, 8)}, {({'en': 'lane', 'de': 'Bahn', 'fr': 'couloir', 'es': 'calle', 'it': 'corsia', 'nl': 'baan'})[l]} {num(1, 8)}: {num(0, 4)}:{num(0, 59):02d}.{num(0, 99):02d} (RT 0.{num(55, 80)})",
    "lab": lambda l: {"en": "Creatinine {c} µmol/l, eGFR {e} ml/min/1.73 m², K+ {k} mmol/l.", "de": "Kreatinin {c} µmol/l, eGFR {e} ml/min/1,73 m², K+ {k} mmol/l.", "fr": "Créatinine {c} µmol/l, DFGe {e} ml/min/1,73 m², K+ {k} mmol/l.", "es": "Creatinina {c} µmol/l, FGe {e} ml/min/1,73 m², K+ {k} mmol/l.", "it": "Creatinina {c} µmol/l, eGFR {e} ml/min/1,73 m², K+ {k} mmol/l.", "nl": "Kreatinine {c} µmol/l, eGFR {e} ml/min/1,73 m², K+ {k} mmol/l."}[l].format(c=num(45, 180), e=num(25, 110), k=DEC(l, R.uniform(3.2, 5.6))),
    "darts": lambda l: f"Leg {num(1, 11)}: {num(60, 180)}, {num(40, 180)}, {num(26, 140)} – checkout {num(41, 170)} (T{num(15, 20)} T{num(10, 20)} D{num(4, 20)}), avg {DEC(l, R.uniform(80, 112), 2)}",
}


def main():
    rows = []
    kinds = sorted(DECOYS)
    for lang in LANGS:
        for i in range(155):
            t = pick(PLACE_T[lang]) if i % 5 < 3 else pick(OTHER_T[lang])
            rows.append({"lang": lang, "kind": "harmless", "text": harmless(lang, t), "spans": []})
        for i in range(54):
            rows.append({"lang": lang, "kind": "decoy", "text": DECOYS[kinds[i % len(kinds)]](lang), "spans": []})
        for i in range(108):
            text, spans = pii_text(lang, PII_T[lang][i % len(PII_T[lang])])
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
    R.shuffle(rows)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows; values and named things dropped as seen in A-H: {len(DROPPED)}", file=sys.stderr)


if __name__ == "__main__":
    main()
