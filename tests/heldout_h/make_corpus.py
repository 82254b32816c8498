#!/usr/bin/env python3
"""Held-out corpus H for `ledgergate redact` (issue 12, point 5): see README.md.

An estimate of PRECISION: harmless texts and look-alike decoys in registers and with named
things that corpora A-G do not have, plus a few labelled PII texts in the same registers to
keep recall honest. Written before any change made for it, without reading the recognizers'
word lists or rules; the harmless texts of A-G were read only to avoid their named things
(`avoided()` drops any named thing one of whose capitalised words occurs in a harmless or
decoy text of A-G).

Every name, named thing and template is typed by hand; no fake-data generator. Templates
hold `{slot}`s; a slot is filled with plain text or an (ENTITY, value) pair, so every span's
UTF-8 byte offsets are computed, never typed. Standard library only.
"""

import glob
import json
import os
import random
import re
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

R = random.Random(20261130 + 8)
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "es", "it", "nl"]


def pick(xs):
    return xs[R.randrange(len(xs))]


# The capitalised words of A-G's harmless texts and decoys: named things to avoid.
def seen_words():
    words = set()
    for path in sorted(glob.glob(os.path.join(HERE, "..", "heldout*", "corpus.jsonl"))):
        if os.path.abspath(os.path.dirname(path)) == HERE:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["kind"] != "pii":
                    words.update(re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+", r["text"]))
    return words


SEEN = seen_words()
DROPPED = []
# Common nouns and place names that may occur in a new named thing of several words:
# the thing is still new when its distinctive words are.
GENERIC = {
    "Museum", "Gran", "Grand", "Queen", "Express", "Prix", "Team", "Royal", "Saint", "Santa",
    "Street", "Classic", "Hotel", "Centre", "Fondation", "Garden", "Tower", "House", "Real",
    "Deutsche", "Club", "Preis", "Premio", "Book", "Scale", "Original", "Color", "Cruise",
    "Mont", "Blue", "Access", "Golden", "Spring", "Apache", "Wiener", "Roma", "Amsterdam",
    "Madrid", "Berlin", "Bremen", "Paris", "Verona",
}


def avoided(things):
    """The named things none of whose capitalised words (4+ letters; in a thing of several
    words, other than GENERIC ones) A-G's harmless texts or decoys hold."""
    kept = []
    for t in things:
        caps = [w for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+", t) if len(w) >= 4]
        if len(caps) > 1:
            caps = [w for w in caps if w not in GENERIC]
        if any(w in SEEN for w in caps):
            DROPPED.append(t)
        else:
            kept.append(t)
    return kept


# ------------------------------------------------------------ named things --------
# Typed by hand. Many are named after people (cultivars, eponyms, brands, vessels,
# horses, openings, songs) or are character names (opera titles): none is a person's PII.
THINGS = {
    "museum": [
        "Kunsthistorisches Museum", "Musée d'Orsay", "Galleria Borghese", "Mauritshuis",
        "Städel Museum", "Tate Modern", "Galleria degli Uffizi", "Museo Thyssen-Bornemisza",
        "Kröller-Müller Museum", "Centre Pompidou", "Neue Pinakothek", "Alte Pinakothek",
        "Musée Rodin", "Museo Sorolla", "Pinacoteca di Brera", "Stedelijk Museum",
        "Museum Ludwig", "Musée Marmottan Monet", "Fondation Beyeler", "Museo Picasso Málaga",
        "Kunsthalle Bremen", "Musée Matisse", "Museo Egizio", "Boijmans Van Beuningen",
        "Hamburger Kunsthalle", "Musée des Confluences", "Fundació Joan Miró",
        "Wallraf-Richartz-Museum", "Museo Poldi Pezzoli", "Frans Hals Museum",
    ],
    "artwork": [
        "The Night Watch", "Girl with a Pearl Earring", "Las Meninas", "The Kiss",
        "Sunflowers", "The Garden of Earthly Delights", "Liberty Leading the People",
        "The Birth of Venus", "The Milkmaid", "Saturn Devouring His Son", "The Wanderer",
        "Water Lilies", "The Third of May 1808", "The Raft of the Medusa",
        "Primavera", "The Tower of Babel", "The Ambassadors", "Judith and Holofernes",
    ],
    "opera": [
        "La Traviata", "Der Rosenkavalier", "Die Zauberflöte", "Tosca", "Carmen",
        "Don Giovanni", "Le nozze di Figaro", "Madama Butterfly", "Lucia di Lammermoor",
        "Boris Godunov", "Cyrano de Bergerac", "Der Freischütz", "Fidelio", "Turandot",
        "Rigoletto", "Nabucco", "Eugene Onegin", "Manon Lescaut", "Werther", "Salome",
        "Elektra", "Wozzeck", "Tristan und Isolde", "Pelléas et Mélisande", "Norma",
        "Hamlet", "Der Besuch der alten Dame", "Andromaque", "Yerma", "Mutter Courage",
        "Woyzeck", "Bodas de sangre", "Le Misanthrope", "Peer Gynt", "Hedda Gabler",
    ],
    "venue": [
        "Wiener Staatsoper", "Teatro alla Scala", "Opéra Bastille", "Teatro Real",
        "Semperoper", "Teatro La Fenice", "Gran Teatre del Liceu", "Royal Opera House",
        "Concertgebouw", "Burgtheater", "Comédie-Française", "Teatro San Carlo",
        "Deutsche Oper", "Thalia Theater", "Nationale Opera", "Abbey Theatre",
    ],
    "car": [
        "Renault Clio", "Peugeot 308", "Citroën Berlingo", "Alfa Romeo Giulia",
        "Seat Leon", "Cupra Formentor", "Dacia Duster", "Lancia Ypsilon", "Ferrari Roma",
        "Hyundai Tucson", "Kia Sorento", "Ford Puma", "Toyota Yaris Cross", "Mazda CX-30",
        "Maserati Grecale", "Lamborghini Urus", "Mercedes-Benz Vito", "Audi Q4 e-tron",
        "Volkswagen ID. Buzz", "Polestar 2", "Mini Countryman", "Nissan Juke",
        "Suzuki Vitara", "Jeep Avenger", "Citroën Ami",
    ],
    "bike": [
        "Ducati Panigale V4", "Moto Guzzi V7", "Gazelle Ultimate C380", "Cube Stereo",
        "Canyon Grail", "Bianchi Oltre", "Colnago V4Rs", "Pinarello Dogma F",
        "Aprilia Tuareg 660", "KTM 890 Duke", "Vespa Primavera", "Riese & Müller Load",
        "Cortina E-U4", "VanMoof S5", "Orbea Orca", "BH Aerolight",
    ],
    "fashion": [
        "Jean Paul Gaultier", "Miu Miu", "Salvatore Ferragamo", "Max Mara", "Loro Piana",
        "Jil Sander", "Nina Ricci", "Isabel Marant", "Yves Rocher", "Sisley Paris",
        "Estée Lauder", "Helena Rubinstein", "Carolina Herrera", "Paco Rabanne",
        "Elie Saab", "Roberto Cavalli", "Emilio Pucci", "Brunello Cucinelli",
        "Agnès b.", "Sonia Rykiel", "Marc O'Polo", "Wolfgang Joop", "Annemieke Ruggenberg",
        "Adolfo Domínguez", "Purificación García", "Laura Biagiotti", "Clarins",
        "Lancôme Idôle", "Guerlain Shalimar", "Caudalie", "Diptyque", "Lush",
    ],
    "astro": [
        "Betelgeuse", "Halley's Comet", "Kuiper belt", "Oort cloud", "Comet Hale-Bopp",
        "Chandrasekhar limit", "Roche limit", "Mohorovičić discontinuity", "Mercalli scale",
        "Mohs scale", "Cassini Division", "Tycho crater", "Valles Marineris",
        "Olympus Mons", "Messier 31", "the Perseids", "the Geminids", "Vesta", "Ceres",
        "Alpha Centauri", "Proxima Centauri", "Sirius", "Aldebaran", "Rigel",
        "Magellanic Clouds", "Barnard's Star", "Kepler-452b", "Gutenberg discontinuity",
        "San Andreas Fault", "Eyjafjallajökull", "Stromboli", "Piton de la Fournaise",
    ],
    "cultivar": [
        "Rosa 'Gloire de Dijon'", "Clematis 'Nelly Moser'", "Rosa 'Madame Alfred Carrière'",
        "Rose 'Graham Thomas'", "Hydrangea 'Annabelle'", "Malus 'John Downie'",
        "Apple 'Cox's Orange Pippin'", "Tomato 'Marmande'", "Dahlia 'Bishop of Llandaff'",
        "Lavandula 'Hidcote'", "Magnolia 'Susan'", "Rosa 'Albertine'",
        "Rhododendron 'Cunningham's White'", "Clematis 'Jackmanii'", "Salvia 'Amistad'",
        "Tulipa 'Queen of Night'", "Paeonia 'Sarah Bernhardt'", "Fuchsia 'Mrs Popple'",
        "Rosa 'Félicité Perpétue'", "Rosa 'Madame Hardy'", "Rosa 'Louise Odier'",
        "Prunus 'Kanzan'", "Pear 'Doyenné du Comice'", "Apple 'Reine des Reinettes'",
        "Potato 'Charlotte'", "Potato 'Annabelle'", "Pelargonium 'Lady Plymouth'",
        "Hosta 'Frances Williams'", "Iris 'Jane Phillips'", "Clematis 'Ville de Lyon'",
        "Sweet pea 'Cupani'", "Penstemon 'Andenken an Friedrich Hahn'",
    ],
    "vessel": [
        "MSC Gülsün", "Ever Ace", "CMA CGM Jacques Saade", "Maersk Mc-Kinney Møller",
        "HMM Algeciras", "Queen Mary 2", "Pont-Aven", "Armorique", "Cap Finistère",
        "Ulysses", "W.B. Yeats", "Finnmaid", "Color Fantasy", "Moby Aki",
        "Cruise Roma", "Richard With", "Galicia", "Mont St Michel", "Peter Pan",
        "Nils Holgersson", "Stena Estrid", "Isle of Inishmore", "Côte d'Opale",
        "Bretagne", "Normandie", "Amsterdam Express", "Hamburg Express",
    ],
    "horse": [
        "Sea The Stars", "Camelot", "Baaeed", "Ace Impact", "Auguste Rodin", "Sottsass",
        "Hurricane Fly", "Tiger Roll", "Kauto Star", "Constitution Hill", "Shishkin",
        "Treve", "Zarkava", "Danedream", "Torquator Tasso", "Bluestocking",
        "Galopin des Champs", "Energumene", "Honeysuckle", "Minella Indo",
        "Vadeni", "Sisfahan", "Mishriff", "Hukum", "Desert Crown",
    ],
    "race": [
        "Prix de l'Arc de Triomphe", "Epsom Derby", "Grand National", "Cheltenham Gold Cup",
        "Deutsches Derby", "Prix du Jockey Club", "Irish Champion Stakes",
        "King George VI Stakes", "Prix de Diane", "Grosser Preis von Baden",
        "Derby Italiano", "Gran Premio de Madrid", "Champion Hurdle", "Coronation Cup",
    ],
    "opening": [
        "Sicilian Defence", "Ruy Lopez", "Caro-Kann", "Nimzo-Indian Defence",
        "Grünfeld Defence", "Petrov Defence", "Philidor Defence", "Alekhine's Defence",
        "Benko Gambit", "King's Indian Defence", "Queen's Gambit Declined",
        "Catalan Opening", "Najdorf Variation", "Marshall Attack", "Berlin Defence",
        "Scandinavian Defence", "Pirc Defence", "Evans Gambit", "Bogo-Indian",
        "Tarrasch Defence", "Richter-Rauzer", "Sveshnikov Variation",
    ],
    "esports": [
        "Fnatic", "G2 Esports", "Team Vitality", "Natus Vincere", "Karmine Corp",
        "Team Liquid", "MAD Lions", "Heroic", "Astralis", "Movistar KOI", "BIG Clan",
        "Team Heretics", "GiantX", "Ninjas in Pyjamas", "FaZe Clan", "Eternal Fire",
    ],
    "esmap": ["Mirage", "Inferno", "Ancient", "Nuke", "Anubis", "Vertigo", "Overpass"],
    "myth": [
        "Zeus", "Athena", "Odin", "Thor", "Freyja", "Persephone", "Prometheus",
        "Pandora's box", "Cú Chulainn", "Siegfried", "Brünnhilde", "Osiris", "Isis",
        "Quetzalcoatl", "Hercules", "Medusa", "the Minotaur", "Theseus", "Ariadne",
        "Orpheus", "Eurydice", "Baldur", "Tristan", "Isolde", "Lohengrin", "Parsifal",
        "Achilles' heel", "Oedipus", "Antigone", "Cassandra", "Penelope", "Odysseus",
    ],
    "saint": [
        "Saint Nicholas", "Sankt Martin", "San Giuseppe", "Sant Jordi", "Sint-Maarten",
        "la Saint-Jean", "San Fermín", "Santa Lucia", "St. Patrick's Day",
        "St. Brigid's Day", "Mariä Himmelfahrt", "Allerheiligen", "Toussaint",
        "Dreikönigstag", "Día de Reyes", "la Befana", "Sinterklaas", "Saint Valentine",
        "San Juan", "San Isidro", "Santo Stefano", "Sankt Nikolaus", "Saint-Sylvestre",
        "the Gospel of Luke", "the Book of Ruth", "Psalm 23", "the Letter to the Romans",
        "Our Lady of Lourdes", "the Madonna di Loreto", "Sant'Ambrogio", "San Gennaro",
    ],
    "square": [
        "Place Stanislas", "Plaza Mayor", "Piazza Navona", "Piazza San Marco",
        "Piazza del Campo", "Via del Corso", "Unter den Linden", "Königsallee",
        "Kurfürstendamm", "Grand-Place", "Kalverstraat", "Gran Vía", "Puerta del Sol",
        "Plaza de España", "Place Vendôme", "Promenade des Anglais", "Royal Mile",
        "Princes Street", "Carnaby Street", "Abbey Road", "Portobello Road",
        "Odeonsplatz", "Leidseplein", "Rembrandtplein", "Via Toledo", "Ponte Vecchio",
        "Passeig de Gràcia", "Place des Vosges", "Jungfernstieg", "Piazza Garibaldi",
        "Rue Sainte-Catherine", "Meir", "Coolsingel", "Plaza de Cibeles", "Römerberg",
    ],
    "eponym": [
        "Parkinson's disease", "Alzheimer's disease", "Crohn's disease", "Hodgkin lymphoma",
        "Down syndrome", "Tourette syndrome", "Huntington's disease", "Laplace transform",
        "Newton's method", "Dijkstra's algorithm", "Levenshtein distance", "Hamming code",
        "Bessel function", "Lorentz force", "Coulomb's law", "Faraday cage",
        "Schrödinger equation", "Heisenberg's uncertainty principle", "Wankel engine",
        "Venn diagram", "Gantt chart", "Pareto principle", "Bernoulli's principle",
        "Maxwell's equations", "Hooke's law", "Pythagorean theorem", "Mendel's laws",
        "Kaplan-Meier curve", "Student's t-test", "Pearson correlation", "Fibonacci sequence",
        "Cartesian coordinates", "Riemann hypothesis", "Gram-Schmidt process",
        "Bragg's law", "Stokes' theorem", "Heimlich manoeuvre", "Apgar score",
        "Glasgow Coma Scale", "Kelvin scale", "Celsius scale", "Fahrenheit scale",
    ],
    "company": [
        "Michelin", "Dassault", "Bacardi", "Lavazza", "Benetton", "Ducati",
        "Boehringer Ingelheim", "Merck", "Henkel", "Dr. Oetker", "Haribo", "Kärcher",
        "Stihl", "Liebherr", "Voith", "Würth", "Bertelsmann", "Lindt & Sprüngli",
        "Hermès", "Lacoste", "Fokker", "Douwe Egberts", "El Corte Inglés", "Chupa Chups",
        "Osborne", "Freixenet", "Codorníu", "Olivetti", "Lamborghini", "Maserati",
        "Vorwerk", "Villeroy & Boch", "Zeiss", "Leitz", "Dyson", "Rolls-Royce",
        "Bugatti", "Ferragamo", "Bulgari", "Swarovski", "Steiff", "Märklin", "Faber-Castell",
        "Bahlsen", "Jacobs", "Tchibo", "Melitta", "Rituals", "Hema", "Verkade", "Bolletje",
    ],
    "product": [
        "Thermomix TM6", "Kobold VK7", "Nespresso Vertuo", "Dyson V15", "Sonos Era 100",
        "Kindle Paperwhite", "Moleskine Classic", "Stabilo Boss", "Lego Technic",
        "Playmobil", "Tupperware", "Bialetti Moka Express", "Le Creuset", "Opinel No. 8",
        "Zippo", "Leica Q3", "Rimowa Original", "Fjällräven Kånken", "Victorinox Huntsman",
        "Montblanc Meisterstück", "Lamy Safari", "Caran d'Ache Ecridor", "Smeg FAB28",
        "Gaggia Classic", "De'Longhi Dedica",
    ],
    "software": [
        "Python", "Rust", "Kafka", "Jenkins", "Ruby", "Julia", "Django", "Flask",
        "Spring Boot", "Kubernetes", "Elasticsearch", "Kibana", "NumPy", "Sphinx",
        "Hugo", "Jekyll", "Gatsby", "Nginx", "Tomcat", "Maven", "Gradle", "Celery",
        "Sidekiq", "Mercurial", "Bazel", "Meson", "Ninja", "Homebrew", "Selenium",
        "Cypress", "Jest", "Mocha", "Jasmine", "Karma", "Sinatra", "Phoenix", "Elixir",
        "Erlang", "Godot", "Apache Airflow", "Luigi", "Dagster", "Camunda", "Quarkus",
        "Micronaut", "Vaadin", "Pandas", "Polars", "Tokio", "Serde", "Axum", "Rocket",
        "Ktor", "Lombok", "Hibernate", "Thymeleaf", "Symfony", "Laravel", "Drupal",
    ],
    "song": [
        "Roxanne", "Jolene", "Layla", "Michelle", "Eleanor Rigby", "Billie Jean",
        "Sweet Caroline", "Mrs Robinson", "Major Tom", "Johnny B. Goode", "Peggy Sue",
        "Suzanne", "Lili Marleen", "Joe le taxi", "Macarena", "Volare", "Azzurro",
        "Bella ciao", "Mamma Mia", "Dancing Queen", "Ma Baker", "Rasputin", "Daddy Cool",
        "Ella, elle l'a", "Alexandrie Alexandra", "Nathalie", "Ein Stern",
        "Atemlos durch die Nacht", "99 Luftballons", "Skandal im Sperrbezirk", "Zombie",
        "Wonderwall", "Hey Jude", "Penny Lane", "Sultans of Swing", "Bohemian Rhapsody",
        "Hotel California", "Radar Love", "Hotel Verona", "Con te partirò", "Nel blu dipinto di blu",
        "Cuéntame", "Hijo de la luna", "La Bamba", "Amsterdam", "Ne me quitte pas",
    ],
    "album": [
        "Rumours", "OK Computer", "Parallel Lines", "Nevermind", "Kind of Blue",
        "Random Access Memories", "Mensch Maschine", "Mutter", "Teatro d'ira",
        "Entre dos tierras", "Moonlight Shadow", "L'aventurier", "Descanso dominical",
    ],
    "band": [
        "Kraftwerk", "Rammstein", "Daft Punk", "Måneskin", "Héroes del Silencio",
        "Golden Earring", "Doe Maar", "Indochine", "Téléphone", "Mecano", "Pooh",
        "Die Toten Hosen", "Die Ärzte", "Dire Straits", "Fleetwood Mac", "Van Halen",
        "Bon Jovi", "Simply Red", "Fischer-Z", "Les Rita Mitsouko", "Modà",
    ],
    "region": [
        # Forecast regions and towns named as such in weather reports.
        "Schleswig-Holstein", "Bretagne", "Andalucía", "Toscana", "Zeeland", "Kent",
        "Niederbayern", "Auvergne", "Galicia", "Puglia", "Drenthe", "Cornwall",
        "Oberösterreich", "Provence", "Asturias", "Liguria", "Friesland", "Cumbria",
    ],
    "forecast_town": [
        "Flensburg", "Quimper", "Almería", "Livorno", "Vlissingen", "Canterbury",
        "Passau", "Clermont-Ferrand", "Lugo", "Bari", "Assen", "Penzance", "Linz",
        "Avignon", "Oviedo", "Sanremo", "Leeuwarden", "Kendal", "Lübeck", "Brest",
        "Cádiz", "Pisa", "Middelburg", "Dover", "Regensburg", "Nîmes", "Gijón", "Genova",
    ],
}
for k in THINGS:
    THINGS[k] = avoided(THINGS[k])


def T(kind):
    return pick(THINGS[kind])


def num(a, b):
    return str(R.randint(a, b))


def date_iso():
    return f"2026-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}"


def date_loc(lang):
    d, m = R.randint(1, 28), R.randint(1, 12)
    if lang == "en":
        return f"{d} {['January','February','March','April','May','June','July','August','September','October','November','December'][m-1]}"
    if lang == "de":
        return f"{d}. {['Januar','Februar','März','April','Mai','Juni','Juli','August','September','Oktober','November','Dezember'][m-1]}"
    if lang == "fr":
        return f"{d} {['janvier','février','mars','avril','mai','juin','juillet','août','septembre','octobre','novembre','décembre'][m-1]}"
    if lang == "es":
        return f"{d} de {['enero','febrero','marzo','abril','mayo','junio','julio','agosto','septiembre','octubre','noviembre','diciembre'][m-1]}"
    if lang == "it":
        return f"{d} {['gennaio','febbraio','marzo','aprile','maggio','giugno','luglio','agosto','settembre','ottobre','novembre','dicembre'][m-1]}"
    return f"{d} {['januari','februari','maart','april','mei','juni','juli','augustus','september','oktober','november','december'][m-1]}"


def price(lang):
    v = R.randint(9, 98000) + R.randint(0, 99) / 100
    if lang == "en":
        return f"£{v:,.2f}" if R.random() < 0.5 else f"€{v:,.2f}"
    s = f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{s} €"


def hhmm():
    return f"{R.randint(8, 22):02d}:{pick(['00', '15', '30', '45'])}"


# ---------------------------------------------------------- harmless templates ----
# {kind} fills a named thing of that kind; {N} a small number; {D} a date in words;
# {I} an ISO date; {P} a price; {H} a time. Per register and language, typed by hand.
H = {
    "museum": {
        "en": ["Visitor guide: the {museum} opens at {H}; {artwork} hangs in room {N} and the audio tour costs {P}.",
               "Highlights of the {museum}: start with {artwork}, then take the lift to the café on the top floor.",
               "The {museum} lends {artwork} to a touring show until {D}; tickets from {P}."],
        "de": ["Museumsführer: Das {museum} öffnet um {H}; {artwork} hängt in Saal {N}, der Audioguide kostet {P}.",
               "Im {museum} beginnt der Rundgang bei {artwork}; danach geht es in die Sammlung im zweiten Stock.",
               "Das {museum} verleiht {artwork} bis zum {D}; Eintritt ab {P}."],
        "fr": ["Guide de visite : le {museum} ouvre à {H} ; {artwork} est exposé salle {N}, audioguide {P}.",
               "À ne pas manquer au {museum} : {artwork}, puis la terrasse du dernier étage.",
               "Le {museum} prête {artwork} jusqu'au {D} ; billets à partir de {P}."],
        "es": ["Guía del visitante: el {museum} abre a las {H}; {artwork} está en la sala {N} y la audioguía cuesta {P}.",
               "Lo imprescindible del {museum}: {artwork} y después la terraza de la última planta.",
               "El {museum} presta {artwork} hasta el {D}; entradas desde {P}."],
        "it": ["Guida alla visita: il {museum} apre alle {H}; {artwork} è nella sala {N}, audioguida {P}.",
               "Da non perdere al {museum}: {artwork}, poi la terrazza all'ultimo piano.",
               "Il {museum} presta {artwork} fino al {D}; biglietti da {P}."],
        "nl": ["Bezoekersgids: het {museum} opent om {H}; {artwork} hangt in zaal {N}, de audiotour kost {P}.",
               "Hoogtepunten van het {museum}: begin bij {artwork} en neem daarna de lift naar het dakcafé.",
               "Het {museum} leent {artwork} uit tot {D}; tickets vanaf {P}."],
    },
    "opera": {
        "en": ["Programme: {opera} at the {venue}, {D} at {H}. Running time about three hours with one interval.",
               "Tonight's {opera} at the {venue} replaces the cancelled {opera}; tickets remain valid.",
               "Season preview: {opera}, {opera} and a new staging of {opera} at the {venue}."],
        "de": ["Programmheft: {opera} an der {venue}, {D}, Beginn {H}. Dauer etwa drei Stunden, eine Pause.",
               "Die heutige Vorstellung {opera} ersetzt {opera}; Karten behalten ihre Gültigkeit.",
               "Spielzeitvorschau der {venue}: {opera}, {opera} und eine Neuinszenierung von {opera}."],
        "fr": ["Programme : {opera} à l'{venue}, le {D} à {H}. Durée environ trois heures avec entracte.",
               "La représentation de {opera} remplace ce soir {opera} ; les billets restent valables.",
               "Saison prochaine : {opera}, {opera} et une nouvelle mise en scène de {opera} à l'{venue}."],
        "es": ["Programa: {opera} en el {venue}, {D} a las {H}. Duración aproximada de tres horas con un descanso.",
               "La función de {opera} sustituye hoy a {opera}; las entradas siguen siendo válidas.",
               "Temporada: {opera}, {opera} y una nueva producción de {opera} en el {venue}."],
        "it": ["Programma: {opera} al {venue}, {D} alle {H}. Durata circa tre ore con un intervallo.",
               "La recita di {opera} sostituisce stasera {opera}; i biglietti restano validi.",
               "Stagione: {opera}, {opera} e un nuovo allestimento di {opera} al {venue}."],
        "nl": ["Programma: {opera} in het {venue}, {D} om {H}. Duur ongeveer drie uur met één pauze.",
               "De voorstelling {opera} vervangt vanavond {opera}; kaartjes blijven geldig.",
               "Seizoen: {opera}, {opera} en een nieuwe enscenering van {opera} in het {venue}."],
    },
    "car": {
        "en": ["Road test: the {car} returns 5.{N} l/100 km and undercuts the {car} by {P}.",
               "Long-term review, month {N}: our {car} needed new wipers; the {bike} stayed in the garage.",
               "Compared: {car} versus {car}. The first has more boot space, the second a better gearbox."],
        "de": ["Fahrbericht: Der {car} verbraucht 5,{N} l/100 km und kostet {P} weniger als der {car}.",
               "Dauertest, Monat {N}: Unser {car} brauchte neue Wischer; das {bike} blieb in der Garage.",
               "Vergleich {car} gegen {car}: mehr Kofferraum beim ersten, das bessere Getriebe beim zweiten."],
        "fr": ["Essai : la {car} consomme 5,{N} l/100 km et coûte {P} de moins que la {car}.",
               "Essai longue durée, mois {N} : notre {car} a eu besoin d'essuie-glaces ; la {bike} est restée au garage.",
               "Comparatif {car} contre {car} : plus de coffre pour la première, meilleure boîte pour la seconde."],
        "es": ["Prueba: el {car} gasta 5,{N} l/100 km y cuesta {P} menos que el {car}.",
               "Prueba de larga duración, mes {N}: nuestro {car} necesitó escobillas; la {bike} se quedó en el garaje.",
               "Comparativa {car} contra {car}: más maletero el primero, mejor cambio el segundo."],
        "it": ["Prova su strada: la {car} consuma 5,{N} l/100 km e costa {P} meno della {car}.",
               "Prova di durata, mese {N}: la nostra {car} ha avuto bisogno di tergicristalli; la {bike} è rimasta in garage.",
               "Confronto {car} contro {car}: più bagagliaio la prima, cambio migliore la seconda."],
        "nl": ["Rijtest: de {car} verbruikt 5,{N} l/100 km en is {P} goedkoper dan de {car}.",
               "Duurtest, maand {N}: onze {car} had nieuwe ruitenwissers nodig; de {bike} bleef in de garage.",
               "Vergelijking {car} tegen {car}: meer kofferruimte bij de eerste, betere versnellingsbak bij de tweede."],
    },
    "fashion": {
        "en": ["Spring edit: a trench from {fashion}, loafers by {fashion} and a lipstick from {fashion} under {P}.",
               "Beauty counter news: {fashion} launches a serum on {D}; {fashion} discounts its night cream.",
               "Runway notes: {fashion} showed tailoring in navy, {fashion} closed the week with knitwear."],
        "de": ["Frühlingstrends: Trenchcoat von {fashion}, Loafer von {fashion} und ein Lippenstift von {fashion} unter {P}.",
               "Neu an der Beauty-Theke: {fashion} bringt am {D} ein Serum; {fashion} senkt den Preis der Nachtcreme.",
               "Laufsteg: {fashion} zeigte Schneiderkunst in Marine, {fashion} schloss die Woche mit Strick."],
        "fr": ["Sélection printemps : trench {fashion}, mocassins {fashion} et rouge à lèvres {fashion} à moins de {P}.",
               "Côté beauté : {fashion} lance un sérum le {D} ; {fashion} baisse le prix de sa crème de nuit.",
               "Défilés : {fashion} a montré du tailleur marine, {fashion} a clos la semaine en maille."],
        "es": ["Selección de primavera: gabardina de {fashion}, mocasines de {fashion} y un labial de {fashion} por menos de {P}.",
               "Novedades de belleza: {fashion} lanza un sérum el {D}; {fashion} rebaja su crema de noche.",
               "Pasarela: {fashion} mostró sastrería en azul marino y {fashion} cerró la semana con punto."],
        "it": ["Selezione di primavera: trench di {fashion}, mocassini di {fashion} e un rossetto di {fashion} sotto i {P}.",
               "Novità beauty: {fashion} lancia un siero il {D}; {fashion} sconta la crema notte.",
               "Sfilate: {fashion} ha mostrato sartoria blu navy, {fashion} ha chiuso la settimana con la maglieria."],
        "nl": ["Voorjaarsselectie: een trenchcoat van {fashion}, loafers van {fashion} en lippenstift van {fashion} onder {P}.",
               "Nieuw bij de beautybalie: {fashion} lanceert op {D} een serum; {fashion} verlaagt de prijs van de nachtcrème.",
               "Catwalk: {fashion} toonde maatwerk in marine, {fashion} sloot de week af met breiwerk."],
    },
    "astro": {
        "en": ["Sky notes: {astro} is well placed after {H}; binoculars show more than you expect.",
               "Geology primer: the {astro} and the {astro} are covered in chapter {N}.",
               "Observing log, {D}: seeing 3/5, {astro} low in the east, {astro} hidden by cloud."],
        "de": ["Himmelsvorschau: {astro} steht ab {H} günstig; ein Fernglas zeigt erstaunlich viel.",
               "Geologie-Grundkurs: {astro} und {astro} behandelt Kapitel {N}.",
               "Beobachtungsprotokoll, {D}: Seeing 3/5, {astro} tief im Osten, {astro} hinter Wolken."],
        "fr": ["Le ciel du mois : {astro} est bien placé après {H} ; des jumelles suffisent.",
               "Initiation à la géologie : {astro} et {astro} au chapitre {N}.",
               "Journal d'observation, {D} : seeing 3/5, {astro} bas à l'est, {astro} caché par les nuages."],
        "es": ["El cielo del mes: {astro} se ve bien después de las {H}; unos prismáticos bastan.",
               "Introducción a la geología: {astro} y {astro} en el capítulo {N}.",
               "Diario de observación, {D}: seeing 3/5, {astro} bajo al este, {astro} tapado por nubes."],
        "it": ["Il cielo del mese: {astro} è ben visibile dopo le {H}; basta un binocolo.",
               "Introduzione alla geologia: {astro} e {astro} nel capitolo {N}.",
               "Diario di osservazione, {D}: seeing 3/5, {astro} basso a est, {astro} coperto dalle nubi."],
        "nl": ["Sterrenhemel: {astro} staat na {H} gunstig; een verrekijker laat veel zien.",
               "Inleiding geologie: {astro} en {astro} in hoofdstuk {N}.",
               "Waarnemingslog, {D}: seeing 3/5, {astro} laag in het oosten, {astro} achter wolken."],
    },
    "garden": {
        "en": ["Planting plan: {cultivar} on the south wall, {cultivar} by the gate and {cultivar} in pots.",
               "Pruning calendar: cut back {cultivar} in March; {cultivar} flowers on old wood, so wait.",
               "Nursery offer until {D}: {cultivar} and {cultivar}, three for {P}."],
        "de": ["Pflanzplan: {cultivar} an die Südwand, {cultivar} ans Tor und {cultivar} in Kübel.",
               "Schnittkalender: {cultivar} im März zurückschneiden; {cultivar} blüht am alten Holz.",
               "Angebot der Gärtnerei bis {D}: {cultivar} und {cultivar}, drei Stück für {P}."],
        "fr": ["Plan de plantation : {cultivar} au mur sud, {cultivar} près du portail, {cultivar} en pot.",
               "Calendrier de taille : rabattre {cultivar} en mars ; {cultivar} fleurit sur le bois de l'an passé.",
               "Offre de la pépinière jusqu'au {D} : {cultivar} et {cultivar}, les trois pour {P}."],
        "es": ["Plan de plantación: {cultivar} en el muro sur, {cultivar} junto a la verja y {cultivar} en macetas.",
               "Calendario de poda: recortar {cultivar} en marzo; {cultivar} florece en madera vieja.",
               "Oferta del vivero hasta el {D}: {cultivar} y {cultivar}, tres por {P}."],
        "it": ["Piano di impianto: {cultivar} sul muro a sud, {cultivar} al cancello e {cultivar} in vaso.",
               "Calendario di potatura: accorciare {cultivar} a marzo; {cultivar} fiorisce sul legno vecchio.",
               "Offerta del vivaio fino al {D}: {cultivar} e {cultivar}, tre per {P}."],
        "nl": ["Plantplan: {cultivar} tegen de zuidmuur, {cultivar} bij het hek en {cultivar} in potten.",
               "Snoeikalender: {cultivar} in maart terugsnoeien; {cultivar} bloeit op oud hout.",
               "Aanbieding van de kwekerij tot {D}: {cultivar} en {cultivar}, drie voor {P}."],
    },
    "shipping": {
        "en": ["Sailing schedule: {vessel} departs {H} on {D}; {vessel} follows on Thursday, berth {N}.",
               "Port notice: {vessel} delayed by fog, now due {H}; {vessel} unaffected.",
               "Vessel swap: {vessel} replaces {vessel} on the weekend crossing until {D}."],
        "de": ["Fahrplan: {vessel} legt am {D} um {H} ab; {vessel} folgt am Donnerstag, Liegeplatz {N}.",
               "Hafenmeldung: {vessel} wegen Nebel verspätet, jetzt {H}; {vessel} planmäßig.",
               "Schiffstausch: {vessel} ersetzt {vessel} am Wochenende bis zum {D}."],
        "fr": ["Horaires : le {vessel} appareille le {D} à {H} ; le {vessel} suit jeudi, poste {N}.",
               "Avis du port : le {vessel} est retardé par le brouillard, arrivée {H} ; le {vessel} à l'heure.",
               "Changement de navire : le {vessel} remplace le {vessel} le week-end jusqu'au {D}."],
        "es": ["Horarios: el {vessel} zarpa el {D} a las {H}; el {vessel} sale el jueves, atraque {N}.",
               "Aviso portuario: el {vessel} llega con retraso por niebla, ahora a las {H}; el {vessel} sin cambios.",
               "Cambio de buque: el {vessel} sustituye al {vessel} los fines de semana hasta el {D}."],
        "it": ["Orari: la {vessel} parte il {D} alle {H}; la {vessel} segue giovedì, ormeggio {N}.",
               "Avviso portuale: la {vessel} è in ritardo per nebbia, arrivo alle {H}; la {vessel} regolare.",
               "Cambio nave: la {vessel} sostituisce la {vessel} nel fine settimana fino al {D}."],
        "nl": ["Vaarschema: de {vessel} vertrekt op {D} om {H}; de {vessel} volgt donderdag, ligplaats {N}.",
               "Havenbericht: de {vessel} is vertraagd door mist, nu om {H}; de {vessel} vaart volgens schema.",
               "Schipwissel: de {vessel} vervangt de {vessel} in het weekend tot {D}."],
    },
    "racing": {
        "en": ["Racecard: {horse} is favourite for the {race}; {horse} drifts to 8/1 after the rain.",
               "Result: {horse} wins the {race} by a length from {horse}, {horse} third.",
               "Ante-post: {horse} and {horse} head the betting for the {race} on {D}."],
        "de": ["Rennvorschau: {horse} ist Favorit im {race}; {horse} nach dem Regen bei 8/1.",
               "Ergebnis: {horse} gewinnt das {race} mit einer Länge vor {horse}, Dritter {horse}.",
               "Wetten: {horse} und {horse} führen vor dem {race} am {D}."],
        "fr": ["Pronostic : {horse} favori du {race} ; {horse} remonte à 8/1 après la pluie.",
               "Résultat : {horse} remporte le {race} d'une longueur devant {horse}, {horse} troisième.",
               "Cotes : {horse} et {horse} en tête pour le {race} du {D}."],
        "es": ["Pronóstico: {horse} es favorito en el {race}; {horse} baja a 8/1 tras la lluvia.",
               "Resultado: {horse} gana el {race} por un cuerpo sobre {horse}, tercero {horse}.",
               "Apuestas: {horse} y {horse} encabezan el {race} del {D}."],
        "it": ["Pronostico: {horse} favorito nel {race}; {horse} scende a 8/1 dopo la pioggia.",
               "Risultato: {horse} vince il {race} di una lunghezza su {horse}, terzo {horse}.",
               "Quote: {horse} e {horse} in testa per il {race} del {D}."],
        "nl": ["Koersvoorspelling: {horse} is favoriet in de {race}; {horse} zakt naar 8/1 na de regen.",
               "Uitslag: {horse} wint de {race} met een lengte voor {horse}, derde {horse}.",
               "Wedden: {horse} en {horse} leiden voor de {race} van {D}."],
    },
    "chess": {
        "en": ["Round {N} report: the {opening} again, and a quiet draw on board two after the {opening}.",
               "Esports: {esports} beat {esports} 2-1; {esmap} went to overtime.",
               "Opening course, lesson {N}: the {opening} against the {opening}."],
        "de": ["Bericht Runde {N}: wieder die {opening}, an Brett zwei ein ruhiges Remis nach der {opening}.",
               "E-Sport: {esports} schlägt {esports} 2:1; {esmap} ging in die Verlängerung.",
               "Eröffnungskurs, Lektion {N}: die {opening} gegen die {opening}."],
        "fr": ["Compte rendu de la ronde {N} : encore la {opening}, nulle tranquille au deuxième échiquier après la {opening}.",
               "Esport : {esports} bat {esports} 2-1 ; {esmap} est allé en prolongation.",
               "Cours d'ouvertures, leçon {N} : la {opening} face à la {opening}."],
        "es": ["Crónica de la ronda {N}: otra vez la {opening} y tablas tranquilas en el tablero dos tras la {opening}.",
               "Esports: {esports} vence a {esports} 2-1; {esmap} se fue a la prórroga.",
               "Curso de aperturas, lección {N}: la {opening} contra la {opening}."],
        "it": ["Resoconto del turno {N}: ancora la {opening}, patta tranquilla in seconda scacchiera dopo la {opening}.",
               "Esport: {esports} batte {esports} 2-1; {esmap} è andata ai supplementari.",
               "Corso di aperture, lezione {N}: la {opening} contro la {opening}."],
        "nl": ["Verslag ronde {N}: weer de {opening}, een rustige remise aan bord twee na de {opening}.",
               "E-sports: {esports} verslaat {esports} met 2-1; {esmap} ging naar overtime.",
               "Openingscursus, les {N}: de {opening} tegen de {opening}."],
    },
    "myth": {
        "en": ["Mythology for children, chapter {N}: how {myth} outwitted {myth}.",
               "Exhibition text: {myth} and {myth} on a red-figure vase, about 450 BC.",
               "Reading list: the story of {myth}, followed by {myth} and {myth}."],
        "de": ["Sagen für Kinder, Kapitel {N}: Wie {myth} {myth} überlistete.",
               "Ausstellungstext: {myth} und {myth} auf einer rotfigurigen Vase, um 450 v. Chr.",
               "Leseliste: die Geschichte von {myth}, danach {myth} und {myth}."],
        "fr": ["Mythologie pour enfants, chapitre {N} : comment {myth} a trompé {myth}.",
               "Cartel : {myth} et {myth} sur un vase à figures rouges, vers 450 av. J.-C.",
               "À lire : l'histoire de {myth}, puis {myth} et {myth}."],
        "es": ["Mitología para niños, capítulo {N}: cómo {myth} engañó a {myth}.",
               "Cartela: {myth} y {myth} en un vaso de figuras rojas, hacia el 450 a. C.",
               "Lecturas: la historia de {myth}, luego {myth} y {myth}."],
        "it": ["Mitologia per ragazzi, capitolo {N}: come {myth} ingannò {myth}.",
               "Didascalia: {myth} e {myth} su un vaso a figure rosse, circa 450 a.C.",
               "Letture: la storia di {myth}, poi {myth} e {myth}."],
        "nl": ["Mythologie voor kinderen, hoofdstuk {N}: hoe {myth} {myth} te slim af was.",
               "Zaaltekst: {myth} en {myth} op een roodfigurige vaas, rond 450 v.Chr.",
               "Leeslijst: het verhaal van {myth}, daarna {myth} en {myth}."],
    },
    "saint": {
        "en": ["Parish newsletter: mass for {saint} at {H}; the reading is from {saint}.",
               "Calendar: schools close for {saint} on {D}; the market moves to the Friday.",
               "Festival guide: {saint} brings processions, bonfires and late trains."],
        "de": ["Pfarrbrief: Messe zu {saint} um {H}; Lesung aus {saint}.",
               "Kalender: Schulfrei an {saint}, {D}; der Markt wird auf Freitag verlegt.",
               "Festführer: Zu {saint} gibt es Umzüge, Feuer und späte Züge."],
        "fr": ["Bulletin paroissial : messe de {saint} à {H} ; lecture tirée de {saint}.",
               "Calendrier : écoles fermées pour {saint} le {D} ; le marché passe au vendredi.",
               "Guide des fêtes : {saint}, avec processions, feux et trains tardifs."],
        "es": ["Hoja parroquial: misa de {saint} a las {H}; lectura de {saint}.",
               "Calendario: no hay colegio por {saint} el {D}; el mercado pasa al viernes.",
               "Guía de fiestas: {saint} trae procesiones, hogueras y trenes nocturnos."],
        "it": ["Bollettino parrocchiale: messa per {saint} alle {H}; lettura da {saint}.",
               "Calendario: scuole chiuse per {saint} il {D}; il mercato si sposta al venerdì.",
               "Guida alle feste: {saint} porta processioni, falò e treni notturni."],
        "nl": ["Parochieblad: mis voor {saint} om {H}; lezing uit {saint}.",
               "Kalender: scholen dicht voor {saint} op {D}; de markt verhuist naar vrijdag.",
               "Feestgids: {saint} brengt processies, vreugdevuren en late treinen."],
    },
    "square": {
        "en": ["Walking tour: start at {square}, cross to {square} and end with coffee on {square}.",
               "City tips: avoid {square} on Saturdays; {square} is quieter before {H}.",
               "The Christmas market on {square} runs until {D}; the ice rink is on {square}."],
        "de": ["Stadtspaziergang: Start am {square}, weiter zur {square}, Kaffee am {square}.",
               "Tipp: {square} am Samstag meiden; {square} ist vor {H} ruhiger.",
               "Der Weihnachtsmarkt auf dem {square} läuft bis {D}; die Eisbahn steht am {square}."],
        "fr": ["Balade : départ {square}, puis {square}, café final sur {square}.",
               "Conseil : évitez {square} le samedi ; {square} est plus calme avant {H}.",
               "Le marché de Noël de {square} dure jusqu'au {D} ; la patinoire est sur {square}."],
        "es": ["Ruta a pie: salida en {square}, luego {square} y café final en {square}.",
               "Consejo: evita {square} el sábado; {square} está más tranquila antes de las {H}.",
               "El mercado navideño de {square} abre hasta el {D}; la pista de hielo está en {square}."],
        "it": ["Passeggiata: partenza da {square}, poi {square} e caffè finale in {square}.",
               "Consiglio: evitate {square} il sabato; {square} è più tranquilla prima delle {H}.",
               "Il mercatino di Natale in {square} resta aperto fino al {D}; la pista di pattinaggio è in {square}."],
        "nl": ["Wandeling: start op {square}, dan {square} en koffie op {square}.",
               "Tip: mijd {square} op zaterdag; {square} is rustiger voor {H}.",
               "De kerstmarkt op {square} loopt tot {D}; de ijsbaan ligt op {square}."],
    },
    "science": {
        "en": ["Lecture {N}: the {eponym}, then the {eponym}; exercises due on {D}.",
               "Patient leaflet: what {eponym} means and how it differs from {eponym}.",
               "Lab manual: never leave the {eponym} unattended; see section {N} on the {eponym}."],
        "de": ["Vorlesung {N}: {eponym}, danach {eponym}; Übungen bis {D}.",
               "Patienteninformation: Was {eponym} bedeutet und wie es sich von {eponym} unterscheidet.",
               "Laborhandbuch: Abschnitt {N} erklärt {eponym} und {eponym}."],
        "fr": ["Cours {N} : {eponym}, puis {eponym} ; exercices pour le {D}.",
               "Fiche patient : ce que signifie {eponym} et en quoi cela diffère de {eponym}.",
               "Manuel de laboratoire : la section {N} traite de {eponym} et de {eponym}."],
        "es": ["Clase {N}: {eponym} y después {eponym}; ejercicios para el {D}.",
               "Folleto para pacientes: qué significa {eponym} y en qué se diferencia de {eponym}.",
               "Manual de laboratorio: la sección {N} trata {eponym} y {eponym}."],
        "it": ["Lezione {N}: {eponym}, poi {eponym}; esercizi entro il {D}.",
               "Opuscolo per i pazienti: che cosa significa {eponym} e come si distingue da {eponym}.",
               "Manuale di laboratorio: la sezione {N} tratta {eponym} e {eponym}."],
        "nl": ["College {N}: {eponym}, daarna {eponym}; opgaven inleveren op {D}.",
               "Patiëntenfolder: wat {eponym} betekent en hoe het verschilt van {eponym}.",
               "Labhandleiding: paragraaf {N} behandelt {eponym} en {eponym}."],
    },
    "company": {
        "en": ["Earnings wrap: {company} beat forecasts, {company} cut guidance and {company} was flat.",
               "Supplier list: {company} for tools, {company} for packaging, {company} for coffee.",
               "Press release: {company} opens a plant near {forecast_town}; {product} sales up {N} %."],
        "de": ["Börsenbericht: {company} über den Erwartungen, {company} senkt die Prognose, {company} unverändert.",
               "Lieferanten: {company} für Werkzeug, {company} für Verpackung, {company} für Kaffee.",
               "Pressemitteilung: {company} eröffnet ein Werk bei {forecast_town}; {product} legt um {N} % zu."],
        "fr": ["Résultats : {company} bat les attentes, {company} abaisse ses prévisions, {company} stable.",
               "Fournisseurs : {company} pour l'outillage, {company} pour l'emballage, {company} pour le café.",
               "Communiqué : {company} ouvre une usine près de {forecast_town} ; ventes de {product} en hausse de {N} %."],
        "es": ["Resultados: {company} supera previsiones, {company} rebaja objetivos y {company} se mantiene.",
               "Proveedores: {company} para herramientas, {company} para embalaje y {company} para el café.",
               "Nota de prensa: {company} abre una planta cerca de {forecast_town}; las ventas de {product} suben un {N} %."],
        "it": ["Trimestrali: {company} sopra le attese, {company} taglia le stime, {company} stabile.",
               "Fornitori: {company} per gli utensili, {company} per gli imballaggi, {company} per il caffè.",
               "Comunicato: {company} apre uno stabilimento vicino a {forecast_town}; vendite di {product} +{N} %."],
        "nl": ["Cijfers: {company} boven verwachting, {company} verlaagt de prognose, {company} vlak.",
               "Leveranciers: {company} voor gereedschap, {company} voor verpakking, {company} voor koffie.",
               "Persbericht: {company} opent een fabriek bij {forecast_town}; verkoop van {product} stijgt {N} %."],
    },
    "product": {
        "en": ["Gift guide: the {product}, a {product} and a {product} for under {P}.",
               "Review: the {product} is quieter than the {product} but costs {P} more.",
               "Kitchen test: we tried the {product} against the {product} for a week."],
        "de": ["Geschenkideen: {product}, {product} und {product} für unter {P}.",
               "Test: {product} ist leiser als {product}, kostet aber {P} mehr.",
               "Küchentest: eine Woche {product} gegen {product}."],
        "fr": ["Idées cadeaux : {product}, {product} et {product} pour moins de {P}.",
               "Test : {product} est plus silencieux que {product} mais coûte {P} de plus.",
               "En cuisine : une semaine avec {product} contre {product}."],
        "es": ["Ideas para regalar: {product}, {product} y {product} por menos de {P}.",
               "Análisis: {product} es más silencioso que {product}, pero cuesta {P} más.",
               "Prueba en la cocina: una semana con {product} frente a {product}."],
        "it": ["Idee regalo: {product}, {product} e {product} sotto i {P}.",
               "Recensione: {product} è più silenzioso di {product} ma costa {P} in più.",
               "Prova in cucina: una settimana con {product} contro {product}."],
        "nl": ["Cadeaugids: {product}, {product} en {product} voor minder dan {P}.",
               "Review: {product} is stiller dan {product} maar kost {P} meer.",
               "Keukentest: een week {product} tegen {product}."],
    },
    "software": {
        "en": ["Docs: to run the {software} worker you need {software} 3.{N}; {software} is optional.",
               "Migration guide: replace {software} with {software}, then restart {software}.",
               "Changelog {I}: dropped {software} support, upgraded {software}, fixed a {software} race."],
        "de": ["Doku: Für den {software}-Worker braucht man {software} 3.{N}; {software} ist optional.",
               "Migrationsleitfaden: {software} durch {software} ersetzen, danach {software} neu starten.",
               "Changelog {I}: {software} nicht mehr unterstützt, {software} aktualisiert, Race in {software} behoben."],
        "fr": ["Doc : le worker {software} requiert {software} 3.{N} ; {software} est facultatif.",
               "Guide de migration : remplacer {software} par {software}, puis redémarrer {software}.",
               "Changelog {I} : fin du support de {software}, mise à jour de {software}, correction d'une course dans {software}."],
        "es": ["Documentación: el worker de {software} necesita {software} 3.{N}; {software} es opcional.",
               "Guía de migración: sustituir {software} por {software} y reiniciar {software}.",
               "Changelog {I}: se retira {software}, se actualiza {software}, se corrige una carrera en {software}."],
        "it": ["Documentazione: il worker {software} richiede {software} 3.{N}; {software} è facoltativo.",
               "Guida alla migrazione: sostituire {software} con {software}, poi riavviare {software}.",
               "Changelog {I}: rimosso il supporto a {software}, aggiornato {software}, corretta una race in {software}."],
        "nl": ["Docs: de {software}-worker heeft {software} 3.{N} nodig; {software} is optioneel.",
               "Migratiegids: vervang {software} door {software} en herstart {software}.",
               "Changelog {I}: ondersteuning voor {software} vervalt, {software} bijgewerkt, race in {software} opgelost."],
    },
    "music": {
        "en": ["Setlist: {song}, {song}, {song}; encore {song}.",
               "Chart week {N}: {song} climbs to two, {band} re-enter with {album}.",
               "Pub quiz, round {N}: which band recorded {song}? Bonus: name the album {album}'s year."],
        "de": ["Setliste: {song}, {song}, {song}; Zugabe {song}.",
               "Charts, Woche {N}: {song} auf Platz zwei, {band} mit {album} wieder dabei.",
               "Quiz, Runde {N}: Wer sang {song}? Bonus: das Jahr von {album}."],
        "fr": ["Setlist : {song}, {song}, {song} ; rappel {song}.",
               "Classement semaine {N} : {song} monte à la deuxième place, {band} revient avec {album}.",
               "Quiz, manche {N} : qui chantait {song} ? Bonus : l'année de {album}."],
        "es": ["Repertorio: {song}, {song}, {song}; bis {song}.",
               "Lista semana {N}: {song} sube al dos, {band} vuelve con {album}.",
               "Concurso, ronda {N}: ¿quién grabó {song}? Extra: el año de {album}."],
        "it": ["Scaletta: {song}, {song}, {song}; bis {song}.",
               "Classifica settimana {N}: {song} sale al secondo posto, {band} rientra con {album}.",
               "Quiz, manche {N}: chi ha inciso {song}? Bonus: l'anno di {album}."],
        "nl": ["Setlijst: {song}, {song}, {song}; toegift {song}.",
               "Hitlijst week {N}: {song} stijgt naar twee, {band} keert terug met {album}.",
               "Pubquiz, ronde {N}: wie nam {song} op? Bonus: het jaar van {album}."],
    },
    "weather": {
        "en": ["Forecast for {region}: rain spreading to {forecast_town} by {H}, brighter later in {forecast_town}.",
               "Weather warning: gales for {region} until {D}; ferries from {forecast_town} may be cancelled.",
               "Pollen count, {region}: high around {forecast_town}, moderate near {forecast_town}."],
        "de": ["Wetter für {region}: Regen erreicht bis {H} {forecast_town}, später freundlicher in {forecast_town}.",
               "Unwetterwarnung: Sturm in {region} bis {D}; Fähren ab {forecast_town} können ausfallen.",
               "Pollenflug {region}: hoch um {forecast_town}, mäßig bei {forecast_town}."],
        "fr": ["Météo {region} : pluie sur {forecast_town} vers {H}, éclaircies ensuite à {forecast_town}.",
               "Vigilance : coups de vent en {region} jusqu'au {D} ; ferries au départ de {forecast_town} perturbés.",
               "Pollens en {region} : risque élevé autour de {forecast_town}, moyen vers {forecast_town}."],
        "es": ["Previsión para {region}: lluvia en {forecast_town} hacia las {H}, mejorando luego en {forecast_town}.",
               "Aviso: temporal en {region} hasta el {D}; pueden cancelarse los ferris de {forecast_town}.",
               "Polen en {region}: alto en {forecast_town}, moderado cerca de {forecast_town}."],
        "it": ["Meteo {region}: pioggia su {forecast_town} verso le {H}, schiarite poi a {forecast_town}.",
               "Allerta: burrasca in {region} fino al {D}; traghetti da {forecast_town} a rischio.",
               "Pollini in {region}: alti intorno a {forecast_town}, moderati vicino a {forecast_town}."],
        "nl": ["Weerbericht {region}: regen bereikt {forecast_town} rond {H}, later opklaringen in {forecast_town}.",
               "Weeralarm: storm in {region} tot {D}; veerboten vanuit {forecast_town} kunnen uitvallen.",
               "Pollen {region}: hoog rond {forecast_town}, matig bij {forecast_town}."],
    },
}

# Slots whose name is not a THINGS kind.
KIND_ALIAS = {}


def fill(template, lang, slots=None):
    """Fills a template; `slots` maps a slot name to (ENTITY or None, value). Returns the
    text and its spans in UTF-8 byte offsets."""
    out = b""
    spans = []
    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out += template[pos:m.start()].encode()
        pos = m.end()
        name = m.group(1)
        entity = None
        if slots and name in slots:
            entity, value = slots[name]
        elif name == "N":
            value = num(2, 19)
        elif name == "D":
            value = date_loc(lang)
        elif name == "I":
            value = date_iso()
        elif name == "P":
            value = price(lang)
        elif name == "H":
            value = hhmm()
        else:
            value = T(name)
        b = value.encode()
        if entity:
            spans.append([entity, len(out), len(out) + len(b)])
        out += b
    out += template[pos:].encode()
    return out.decode(), spans


# ------------------------------------------------------------------- decoys -------
def iso6346():
    owner = pick(["TGHU", "CAIU", "TCLU", "HLXU", "CMAU", "OOLU", "GESU", "SEGU", "BMOU"])
    serial = "".join(str(R.randint(0, 9)) for _ in range(6))
    vals = {}
    v = 10
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0:
            v += 1
        vals[c] = v
        v += 1
    s = sum((vals[c] if c.isalpha() else int(c)) * 2 ** i for i, c in enumerate(owner + serial))
    return owner + serial + str(s % 11 % 10)


def orcid():
    base = "0000000" + "".join(str(R.randint(0, 9)) for _ in range(8))
    total = 0
    for c in base:
        total = (total + int(c)) * 2
    chk = (12 - total % 11) % 11
    d = base + ("X" if chk == 10 else str(chk))
    return "-".join(d[i:i + 4] for i in range(0, 16, 4))


def not_iban_key():
    # Four groups of four letters and digits after two letters that are no country code;
    # product keys, not account numbers.
    cc = pick(["XQ", "KZP", "ZW", "QR", "YX", "VK", "WP"])[:2]
    groups = ["".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4)) for _ in range(4)]
    return f"{cc}{R.randint(10, 99)} " + " ".join(groups)


def lotto(lang):
    nums = sorted(R.sample(range(1, 50), 6))
    return " - ".join(str(n) for n in nums), R.randint(0, 9)


def euromillions():
    n = sorted(R.sample(range(1, 51), 5))
    s = sorted(R.sample(range(1, 13), 2))
    return " ".join(f"{x:02d}" for x in n) + " + " + " ".join(f"{x:02d}" for x in s)


def flight():
    al = pick(["LH", "AF", "KL", "IB", "AZ", "EI", "BA", "LX", "OS", "SN", "TP", "VY", "U2", "FR"])
    day = R.randint(1, 28)
    mon = pick(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])
    return f"{al} {R.randint(100, 9999)} {day:02d}{mon}"


def doi():
    return f"DOI 10.{R.randint(1000, 9999)}/{pick(['s41586', 'nar', 'jbc', 'pnas', 'ejhg'])}.{R.randint(2015, 2026)}.{R.randint(1000, 99999)}"


def gps_dm():
    la = f"N {R.randint(36, 60)}°{R.randint(0, 59):02d}.{R.randint(0, 999):03d}'"
    lo = f"{pick(['E', 'W'])} {R.randint(0, 20):03d}°{R.randint(0, 59):02d}.{R.randint(0, 999):03d}'"
    return f"{la} {lo}"


PGN = ["1. e4 c5 2. Nf3 d6 3. d4 cxd4 4. Nxd4 Nf6 5. Nc3 a6 6. Be3 e5 7. Nb3 Be6",
       "1. d4 Nf6 2. c4 e6 3. Nc3 Bb4 4. e3 O-O 5. Bd3 d5 6. Nf3 c5 7. O-O dxc4",
       "1. e4 c6 2. d4 d5 3. e5 Bf5 4. h4 h5 5. c4 e6 6. Nc3 Ne7 7. Nge2 dxc4",
       "1. c4 e5 2. g3 Nf6 3. Bg2 d5 4. cxd5 Nxd5 5. Nc3 Nb6 6. d3 Be7 7. Nf3 O-O",
       "1. d4 d5 2. c4 e6 3. Nc3 Nf6 4. Bg5 Be7 5. e3 O-O 6. Nf3 h6 7. Bh4 b6"]
FEN = ["r1bqkb1r/pppp1ppp/2n2n2/4p3/2B1P3/5N2/PPPP1PPP/RNBQK2R w KQkq - 4 4",
       "rnbqkb1r/pp2pppp/3p1n2/8/3NP3/8/PPP2PPP/RNBQKB1R w KQkq - 1 5",
       "r2q1rk1/pp2bppp/2n1pn2/3p4/3P4/2NBPN2/PP3PPP/R2Q1RK1 b - - 3 10",
       "8/8/4k3/8/2K5/8/3P4/8 w - - 0 52"]


def catalogue():
    return pick([f"BWV {R.randint(772, 1080)}", f"K. {R.randint(100, 626)}",
                 f"Op. {R.randint(1, 135)} No. {R.randint(1, 6)}", f"Hob. XVI:{R.randint(1, 52)}",
                 f"D. {R.randint(100, 965)}", f"RV {R.randint(100, 800)}", f"HWV {R.randint(1, 600)}",
                 f"KV {R.randint(100, 626)}", f"BuxWV {R.randint(1, 270)}", f"L. {R.randint(1, 140)}"])


def model_number():
    return pick([f"WAX{R.randint(10, 99)}M{R.randint(10, 99)}", f"TE{R.randint(600000, 699999)}DE",
                 f"G {R.randint(5000, 7999)} SC", f"SM-S{R.randint(900, 999)}B",
                 f"A{R.randint(2000, 3200)}", f"21HD00{R.randint(10, 99)}X{pick(['', 'GE', 'FR'])}",
                 f"KGN{R.randint(30, 49)}VIDA", f"EW{R.randint(6, 8)}F{R.randint(3000, 9999)}Z",
                 f"HX{R.randint(1000, 9999)}/{R.randint(10, 99)}"])


def eticket():
    return f"{pick(['220', '057', '074', '075', '055', '724'])}-{R.randint(1000000000, 9999999999)}"


def nsn():
    return f"{R.randint(1000, 9999)}-{R.randint(10, 99)}-{R.randint(100, 999)}-{R.randint(1000, 9999)}"


def cas():
    base = R.randint(50, 999999)
    digits = str(base) + str(R.randint(10, 99))
    chk = sum((i + 1) * int(d) for i, d in enumerate(reversed(digits))) % 10
    return f"{base}-{digits[-2:]}-{chk}"


def s10():
    serial = "".join(str(R.randint(0, 9)) for _ in range(8))
    w = [8, 6, 4, 2, 3, 5, 9, 7]
    c = 11 - sum(int(d) * x for d, x in zip(serial, w)) % 11
    c = 5 if c == 11 else (0 if c == 10 else c)
    return f"{pick(['RR', 'CP', 'LX', 'EE', 'RB'])}{serial}{c}{pick(['DE', 'FR', 'ES', 'IT', 'NL', 'GB'])}"


def bible():
    return pick([f"Joh {R.randint(1, 21)},{R.randint(1, 40)}", f"Mt {R.randint(1, 28)},{R.randint(1, 20)}-{R.randint(21, 40)}",
                 f"Lc {R.randint(1, 24)}, {R.randint(1, 50)}", f"Ps {R.randint(1, 150)}:{R.randint(1, 20)}",
                 f"Gn {R.randint(1, 50)}, {R.randint(1, 30)}-{R.randint(31, 40)}"])


def tennis():
    return f"6-{R.randint(0, 4)} {R.randint(3, 5)}-7({R.randint(2, 9)}) 7-6({R.randint(2, 9)})"


def icd():
    return pick([f"J{R.randint(10, 99)}.{R.randint(0, 9)}", f"E{R.randint(10, 14)}.{R.randint(10, 99)}",
                 f"M{R.randint(10, 99)}.{R.randint(10, 99)}", f"I{R.randint(10, 99)}.{R.randint(0, 9)}"])


def atc():
    return f"{pick(['N02BE', 'C09AA', 'A10BA', 'J01CA', 'R03AC', 'M01AE'])}{R.randint(1, 19):02d}"


def un_number():
    return f"UN {pick(['1203', '1202', '1263', '1950', '3480', '3481', '1075', '2794'])}"


def isoweek():
    return f"2026-W{R.randint(1, 52):02d}"


def duration():
    return f"PT{R.randint(1, 72)}H{R.randint(0, 59)}M"


def seat():
    return f"{R.randint(1, 40)}{pick('ABCDEF')}"


DECOY_T = {
    "key": {"en": "Licence key {x}; activation limit 3 devices.", "de": "Lizenzschlüssel {x}, bis zu 3 Geräte.",
            "fr": "Clé de licence {x} ; 3 appareils maximum.", "es": "Clave de licencia {x}; hasta 3 dispositivos.",
            "it": "Chiave di licenza {x}; massimo 3 dispositivi.", "nl": "Licentiesleutel {x}; maximaal 3 apparaten."},
    "lotto": {"en": "Lotto draw {d}: {x}, bonus ball {y}.", "de": "Lottozahlen vom {d}: {x}, Superzahl {y}.",
              "fr": "Tirage du {d} : {x}, numéro chance {y}.", "es": "Sorteo del {d}: {x}, reintegro {y}.",
              "it": "Estrazione del {d}: {x}, numero jolly {y}.", "nl": "Trekking van {d}: {x}, bonusbal {y}."},
    "euro": {"en": "EuroMillions: {x}.", "de": "Eurojackpot-Tipp: {x}.", "fr": "EuroMillions : {x}.",
             "es": "Euromillones: {x}.", "it": "EuroMillions: {x}.", "nl": "EuroMillions: {x}."},
    "container": {"en": "Container {x} loaded, seal {y}.", "de": "Container {x} verladen, Plombe {y}.",
                  "fr": "Conteneur {x} chargé, scellé {y}.", "es": "Contenedor {x} cargado, precinto {y}.",
                  "it": "Container {x} caricato, sigillo {y}.", "nl": "Container {x} geladen, zegel {y}."},
    "flight": {"en": "Rebooked on {x}, seat {s}.", "de": "Umgebucht auf {x}, Sitz {s}.",
               "fr": "Réservé sur le vol {x}, siège {s}.", "es": "Cambiado al vuelo {x}, asiento {s}.",
               "it": "Riprotetto sul volo {x}, posto {s}.", "nl": "Omgeboekt naar {x}, stoel {s}."},
    "doi": {"en": "Cite as {x}.", "de": "Zitieren als {x}.", "fr": "Citer : {x}.",
            "es": "Cítese como {x}.", "it": "Citare come {x}.", "nl": "Citeer als {x}."},
    "orcid": {"en": "Author id {x} (ORCID).", "de": "Autoren-ID {x} (ORCID).", "fr": "Identifiant auteur {x} (ORCID).",
              "es": "Identificador de autor {x} (ORCID).", "it": "Identificativo autore {x} (ORCID).",
              "nl": "Auteurs-id {x} (ORCID)."},
    "gps": {"en": "Cache at {x}, difficulty 2.5.", "de": "Cache bei {x}, Schwierigkeit 2,5.",
            "fr": "Cache à {x}, difficulté 2,5.", "es": "Escondite en {x}, dificultad 2,5.",
            "it": "Cache a {x}, difficoltà 2,5.", "nl": "Cache bij {x}, moeilijkheid 2,5."},
    "pgn": {"en": "Game score: {x}.", "de": "Partie: {x}.", "fr": "Partie : {x}.",
            "es": "Partida: {x}.", "it": "Partita: {x}.", "nl": "Partij: {x}."},
    "fen": {"en": "Position after move 12: {x}", "de": "Stellung nach dem 12. Zug: {x}",
            "fr": "Position après le 12e coup : {x}", "es": "Posición tras la jugada 12: {x}",
            "it": "Posizione dopo la 12a mossa: {x}", "nl": "Stelling na zet 12: {x}"},
    "catalogue": {"en": "Tonight: {x} and {y}.", "de": "Heute: {x} und {y}.", "fr": "Ce soir : {x} et {y}.",
                  "es": "Esta noche: {x} y {y}.", "it": "Stasera: {x} e {y}.", "nl": "Vanavond: {x} en {y}."},
    "model": {"en": "Spare part for model {x}, type {y}.", "de": "Ersatzteil für Modell {x}, Typ {y}.",
              "fr": "Pièce détachée pour le modèle {x}, type {y}.", "es": "Recambio para el modelo {x}, tipo {y}.",
              "it": "Ricambio per il modello {x}, tipo {y}.", "nl": "Onderdeel voor model {x}, type {y}."},
    "eticket": {"en": "E-ticket {x}, fare basis YLOWEU.", "de": "E-Ticket {x}, Tarifbasis YLOWEU.",
                "fr": "Billet électronique {x}, base tarifaire YLOWEU.", "es": "Billete electrónico {x}, tarifa YLOWEU.",
                "it": "Biglietto elettronico {x}, tariffa YLOWEU.", "nl": "E-ticket {x}, tariefbasis YLOWEU."},
    "nsn": {"en": "Stock number {x}, qty 40.", "de": "Versorgungsnummer {x}, Menge 40.",
            "fr": "Numéro OTAN {x}, quantité 40.", "es": "Número OTAN {x}, cantidad 40.",
            "it": "Codice NATO {x}, quantità 40.", "nl": "NAVO-nummer {x}, aantal 40."},
    "cas": {"en": "Reagent CAS {x}, batch purity 99.5 %.", "de": "Reagenz CAS {x}, Reinheit 99,5 %.",
            "fr": "Réactif CAS {x}, pureté 99,5 %.", "es": "Reactivo CAS {x}, pureza 99,5 %.",
            "it": "Reagente CAS {x}, purezza 99,5 %.", "nl": "Reagens CAS {x}, zuiverheid 99,5 %."},
    "s10": {"en": "Registered letter {x}.", "de": "Einschreiben {x}.", "fr": "Lettre recommandée {x}.",
            "es": "Carta certificada {x}.", "it": "Raccomandata {x}.", "nl": "Aangetekende brief {x}."},
    "bible": {"en": "Reading: {x}.", "de": "Lesung: {x}.", "fr": "Lecture : {x}.",
              "es": "Lectura: {x}.", "it": "Lettura: {x}.", "nl": "Lezing: {x}."},
    "tennis": {"en": "Final score {x}.", "de": "Endstand {x}.", "fr": "Score final {x}.",
               "es": "Resultado final {x}.", "it": "Punteggio finale {x}.", "nl": "Eindstand {x}."},
    "icd": {"en": "Coding audit: {x} and {y} mapped, ATC {z}.", "de": "Kodierprüfung: {x} und {y}, ATC {z}.",
            "fr": "Audit de codage : {x} et {y}, ATC {z}.", "es": "Auditoría de codificación: {x} y {y}, ATC {z}.",
            "it": "Verifica codifica: {x} e {y}, ATC {z}.", "nl": "Codeercontrole: {x} en {y}, ATC {z}."},
    "un": {"en": "Hazmat {x}, class 3, sprint {w}.", "de": "Gefahrgut {x}, Klasse 3, Sprint {w}.",
           "fr": "Matière dangereuse {x}, classe 3, sprint {w}.", "es": "Mercancía peligrosa {x}, clase 3, sprint {w}.",
           "it": "Merce pericolosa {x}, classe 3, sprint {w}.", "nl": "Gevaarlijke stof {x}, klasse 3, sprint {w}."},
    "duration": {"en": "Retention {x}, timeout PT30S.", "de": "Aufbewahrung {x}, Timeout PT30S.",
                 "fr": "Conservation {x}, délai PT30S.", "es": "Retención {x}, tiempo de espera PT30S.",
                 "it": "Conservazione {x}, timeout PT30S.", "nl": "Bewaartermijn {x}, time-out PT30S."},
}


def decoy(kind, lang):
    t = DECOY_T[kind][lang]
    x = y = ""
    if kind == "key":
        x = not_iban_key()
    elif kind == "lotto":
        x, y = lotto(lang)
    elif kind == "euro":
        x = euromillions()
    elif kind == "container":
        x, y = iso6346(), f"{pick(['EU', 'ML', 'HL'])}{R.randint(1000000, 9999999)}"
    elif kind == "flight":
        x = flight()
    elif kind == "doi":
        x = doi()
    elif kind == "orcid":
        x = orcid()
    elif kind == "gps":
        x = gps_dm()
    elif kind == "pgn":
        x = pick(PGN)
    elif kind == "fen":
        x = pick(FEN)
    elif kind == "catalogue":
        x, y = catalogue(), catalogue()
    elif kind == "model":
        x, y = model_number(), model_number()
    elif kind == "eticket":
        x = eticket()
    elif kind == "nsn":
        x = nsn()
    elif kind == "cas":
        x = cas()
    elif kind == "s10":
        x = s10()
    elif kind == "bible":
        x = bible()
    elif kind == "tennis":
        x = tennis()
    elif kind == "icd":
        x, y = icd(), icd()
    elif kind == "un":
        x = un_number()
    elif kind == "duration":
        x = duration()
    return (t.replace("{x}", x).replace("{y}", str(y)).replace("{d}", date_iso())
            .replace("{s}", seat()).replace("{z}", atc()).replace("{w}", isoweek()))


# ------------------------------------------------------------- labelled PII -------
# A few texts in the same registers that do carry PII, to keep recall honest.
PEOPLE = [
    "Margit Lindqvist", "Hannelore Weißkirchen", "Aurélien Quéméner", "Itziar Goikoetxea",
    "Ludovica Sbarbaro", "Joost Verhoeckx", "Siobhán Ní Bhraonáin", "Dietlinde Oberhuber",
    "Corentin Le Gall", "Fermín Arrizabalaga", "Ottavio Brambilla", "Femke van Wijngaarden",
    "Thaddeus Okafor-Brennan", "Wiebke Jacobsen", "Gwenaëlle Tanguy", "Remedios Castañeda",
    "Gianluigi Scarpellini", "Maartje Hoogendijk", "Priyanka Raghavan", "Rüdiger Fassbender",
]
EMAIL_HOSTS = ["posteo.de", "orange.fr", "telefonica.net", "libero.it", "ziggo.nl", "btinternet.com"]
PII_T = {
    "en": ["Garden club: {person} (born {dob}) donated {cultivar}; contact {email}.",
           "Box office note: two seats for {opera} held for {person}, reply to {email}.",
           "Racing syndicate: new member {person}, date of birth {dob}, shares in {horse}.",
           "Chess club: {person} won the rapid with the {opening}; {person} was second."],
    "de": ["Gartenverein: {person} (geb. {dob}) spendet {cultivar}; Kontakt {email}.",
           "Kassennotiz: zwei Plätze für {opera} reserviert für {person}, Antwort an {email}.",
           "Rennstall: neues Mitglied {person}, geboren am {dob}, Anteile an {horse}.",
           "Schachklub: {person} gewinnt das Schnellturnier mit der {opening}; Zweite wurde {person}."],
    "fr": ["Club de jardinage : {person} (née le {dob}) offre {cultivar} ; contact {email}.",
           "Billetterie : deux places pour {opera} réservées au nom de {person}, réponse à {email}.",
           "Écurie : nouveau membre {person}, date de naissance {dob}, parts de {horse}.",
           "Club d'échecs : {person} gagne le rapide avec la {opening} ; {person} deuxième."],
    "es": ["Club de jardinería: {person} (nacida el {dob}) regala {cultivar}; contacto {email}.",
           "Taquilla: dos localidades para {opera} a nombre de {person}, respuesta a {email}.",
           "Cuadra: nuevo socio {person}, fecha de nacimiento {dob}, participaciones en {horse}.",
           "Club de ajedrez: {person} gana el rápido con la {opening}; segundo {person}."],
    "it": ["Club di giardinaggio: {person} (nata il {dob}) dona {cultivar}; contatto {email}.",
           "Biglietteria: due posti per {opera} a nome di {person}, rispondere a {email}.",
           "Scuderia: nuovo socio {person}, data di nascita {dob}, quote di {horse}.",
           "Circolo scacchi: {person} vince il rapid con la {opening}; secondo {person}."],
    "nl": ["Tuinclub: {person} (geboren {dob}) schenkt {cultivar}; contact {email}.",
           "Kassa: twee plaatsen voor {opera} gereserveerd voor {person}, antwoord naar {email}.",
           "Renstal: nieuw lid {person}, geboortedatum {dob}, aandelen in {horse}.",
           "Schaakclub: {person} wint het rapidtoernooi met de {opening}; tweede werd {person}."],
}


def dob(lang):
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(1938, 2004)
    return f"{m:02d}/{d:02d}/{y}" if lang == "en" else f"{d:02d}.{m:02d}.{y}"


def pii_text(lang):
    t = pick(PII_T[lang])
    # One person per {person} slot, in order; re-fill the template slot by slot.
    parts = re.split(r"(\{\w+\})", t)
    segs = []
    for p in parts:
        m = re.fullmatch(r"\{(\w+)\}", p)
        if not m:
            segs.append((None, p))
            continue
        n = m.group(1)
        if n == "person":
            segs.append(("PERSON", pick(PEOPLE)))
        elif n == "dob":
            segs.append(("DATE_OF_BIRTH", dob(lang)))
        elif n == "email":
            who = pick(PEOPLE).split()[-1].lower()
            who = who.encode("ascii", "ignore").decode().replace("'", "")
            segs.append(("EMAIL_ADDRESS", f"{who}{R.randint(1, 99)}@{pick(EMAIL_HOSTS)}"))
        else:
            segs.append((None, T(n)))
    out = b""
    spans = []
    for e, v in segs:
        b = v.encode()
        if e:
            spans.append([e, len(out), len(out) + len(b)])
        out += b
    return out.decode(), spans


def main():
    rows = []
    registers = sorted(H)
    for lang in LANGS:
        for i in range(150):
            reg = registers[i % len(registers)]
            text, _ = fill(pick(H[reg][lang]), lang)
            rows.append({"lang": lang, "kind": "harmless", "text": text, "spans": []})
        kinds = sorted(DECOY_T)
        for i in range(60):
            rows.append({"lang": lang, "kind": "decoy", "text": decoy(kinds[i % len(kinds)], lang), "spans": []})
        for _ in range(12):
            text, spans = pii_text(lang)
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
    R.shuffle(rows)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows; named things dropped as seen in A-G: {len(DROPPED)}", file=sys.stderr)
    print(", ".join(DROPPED), file=sys.stderr)


if __name__ == "__main__":
    main()
