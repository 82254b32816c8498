#!/usr/bin/env python3
"""Held-out PII corpus B for ledgergate (issue 12, point 5).

Values come from Faker (pinned below), templates are written by hand in six languages
by someone who has not read the engine's recognizers or their word lists. Run by hand;
the output (corpus.jsonl, beside this file) is committed, so CI needs neither Faker nor
phonenumbers:

    python3 -m venv /tmp/fakervenv
    /tmp/fakervenv/bin/pip install Faker==40.63.0 phonenumbers==9.0.19
    /tmp/fakervenv/bin/python tests/heldout_b/make_corpus.py

Each output line: {"lang", "kind": "pii"|"harmless"|"decoy", "text", "spans"} where a
span is [ENTITY, start, end] in UTF-8 byte offsets into text (checked below).
"""

import datetime
import ipaddress
import json
import os
import random
import re
import sys

# Some of Faker's providers draw from sets, whose order follows Python's string hashing:
# a fixed hash seed makes the output the same on every run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

import faker  # noqa: E402
import phonenumbers  # noqa: E402
from faker import Faker  # noqa: E402

FAKER_VERSION = "40.63.0"
SEED = 20261129
PII_PER_LANG = 500
HARMLESS = 500
DECOYS = 500

if faker.VERSION != FAKER_VERSION:
    sys.exit(f"make_corpus.py needs Faker=={FAKER_VERSION} (found {faker.VERSION})")

LANGS = ["en", "de", "fr", "es", "it", "nl"]
LOCALES = {
    "en": ["en_US", "en_GB"],
    "de": ["de_DE"],
    "fr": ["fr_FR"],
    "es": ["es_ES"],
    "it": ["it_IT"],
    "nl": ["nl_NL"],
}
REGION = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES",
          "it_IT": "IT", "nl_NL": "NL"}

rng = random.Random(SEED)
FAKERS = {}
for i, loc in enumerate(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL"]):
    FAKERS[loc] = Faker(loc)
    FAKERS[loc].seed_instance(SEED + i)
US = FAKERS["en_US"]

# ---------------------------------------------------------------- value makers
# Each returns a list of (text, entity or None) pieces.

# (title, grammatical gender of the person it names: "m", "f" or None for either).
TITLES = {
    "en": [("Dr.", None), ("Prof.", None), ("Mr", "m"), ("Mrs", "f"), ("Ms", "f"),
           ("Mr.", "m"), ("Mrs.", "f"), ("Dr", None)],
    # No "Herr": templates put titled names after prepositions, where it would be "Herrn".
    "de": [("Dr.", None), ("Prof. Dr.", None), ("Frau", "f"), ("Dipl.-Ing.", None),
           ("Frau Dr.", "f"), ("Prof.", None)],
    "fr": [("M.", "m"), ("Mme", "f"), ("Dr", None), ("Pr", None), ("Me", None),
           ("Mlle", "f")],
    "es": [("Sr.", "m"), ("Sra.", "f"), ("Dr.", "m"), ("Dra.", "f"), ("D.", "m"),
           ("Dña.", "f")],
    "it": [("Dott.", "m"), ("Dott.ssa", "f"), ("Sig.", "m"), ("Sig.ra", "f"),
           ("Prof.", None), ("Ing.", None), ("Avv.", None)],
    "nl": [("dhr.", "m"), ("mevr.", "f"), ("dr.", None), ("ir.", None), ("mr.", None),
           ("prof.", None), ("drs.", None)],
}
DEGREES = {
    "en": ["PhD", "MD", "MBA", "B.Sc.", "M.Sc.", "Jr.", "III", "CPA", "RN"],
    "de": ["B.Sc.", "M.Sc.", "MBA", "LL.M.", "M.A."],
    "fr": ["MBA", "PhD"],
    "es": ["MBA", "PhD"],
    "it": ["MBA", "PhD"],
    "nl": ["MSc", "BSc", "MBA", "LL.M."],
}
PARTICLES = {
    "en": ["Van", "de", "O'"],
    "de": ["von", "von der", "vom"],
    "fr": ["de", "du", "de la", "Le"],
    "es": ["de la", "del", "de"],
    "it": ["di", "De", "Di", "della", "Lo"],
    "nl": ["van", "van der", "van den", "de", "van de", "ter", "ten"],
}


def first_name(c, gender):
    f = c["f"]
    if gender == "f":
        return f.first_name_female()
    if gender == "m":
        return f.first_name_male()
    return f.first_name()


def core_name(c, gender):
    f, lang = c["f"], c["lang"]
    first, last = first_name(c, gender), f.last_name()
    if lang == "es" and rng.random() < 0.6:
        last = f"{last} {f.last_name()}"
    if rng.random() < 0.18 and last[:1].isupper():
        p = rng.choice(PARTICLES[lang])
        last = f"{p}{last}" if p.endswith("'") else f"{p} {last}"
    if c["loc"] == "en_US" and rng.random() < 0.15:
        first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    return f"{first} {last}"


def title(c, gender):
    """A title agreeing with the template's gender; returns (title, gender of the name)."""
    t, g = rng.choice([x for x in TITLES[c["lang"]] if gender is None or x[1] in (None, gender)])
    return t, gender or g


def v_name(c):
    out = []
    r = rng.random()
    gender = c["gender"]
    if r < 0.15:
        t, gender = title(c, gender)
        out.append((t + " ", None))
    out.append((core_name(c, gender), "PERSON"))
    if r > 0.9:
        out.append((rng.choice([", ", " "]) + rng.choice(DEGREES[c["lang"]]), None))
    return out


def v_tname(c):
    t, gender = title(c, c["gender"])
    return [(t + " ", None), (core_name(c, gender), "PERSON")]


def v_dname(c):
    return [(core_name(c, c["gender"]), "PERSON"),
            (rng.choice([", ", " "]) + rng.choice(DEGREES[c["lang"]]), None)]


def v_tlast(c):
    t, _ = title(c, c["gender"])
    return [(t + " ", None), (c["f"].last_name(), "PERSON")]


def v_first(c):
    return [(first_name(c, c["gender"]), "PERSON")]


def v_lcname(c):
    return [(core_name(c, c["gender"]).lower(), "PERSON")]


def street(c):
    f, loc = c["f"], c["loc"]
    if loc == "en_GB":
        return f"{f.building_number()} {f.street_name()}"
    return f.street_address().strip()


def v_street(c):
    return [(street(c), "LOCATION")]


def v_city(c):
    return [(c["f"].city(), "LOCATION")]


def address(c, sep):
    f, loc = c["f"], c["loc"]
    out = [(street(c), "LOCATION"), (sep, None)]
    if loc == "en_US":
        out += [(f.city(), "LOCATION"), (", ", None), (f.state_abbr(), "LOCATION"), (" ", None),
                (f.zipcode(), "LOCATION")]
    elif loc == "en_GB":
        out += [(f.city(), "LOCATION"), (" ", None), (f.postcode(), "LOCATION")]
    else:
        out += [(f.postcode(), "LOCATION"), (" ", None), (f.city(), "LOCATION")]
    return out


def v_addr(c):
    return address(c, ", ")


def v_addrnl(c):
    return address(c, "\n")


PHONE_REDRAWN = [0]


def v_phone(c):
    f, region = c["f"], REGION[c["loc"]]
    # Real people's numbers are assigned numbers: Faker draws libphonenumber judges
    # invalid for the locale's region (unassigned area codes, wrong lengths) are redrawn.
    while True:
        p = f.phone_number()
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(p, region)):
                return [(p, "PHONE_NUMBER")]
        except phonenumbers.NumberParseException:
            pass
        PHONE_REDRAWN[0] += 1


CARD_TYPES = ["visa16", "visa13", "visa19", "mastercard", "amex", "discover", "diners",
              "jcb15", "jcb16", "maestro"]


def v_card(c):
    t = rng.choice(CARD_TYPES)
    n = c["f"].credit_card_number(card_type=t)
    r = rng.random()
    if r < 0.4 and len(n) == 16:
        n = " ".join(n[i:i + 4] for i in range(0, 16, 4))
    elif r < 0.4 and len(n) == 15 and t == "amex":
        n = f"{n[:4]} {n[4:10]} {n[10:]}"
    elif r < 0.5 and len(n) == 16:
        n = "-".join(n[i:i + 4] for i in range(0, 16, 4))
    return [(n, "CREDIT_CARD")]


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


def fmt_date(c, d, numeric):
    lang, loc = c["lang"], c["loc"]
    m = MONTHS[lang][d.month - 1]
    if numeric:
        pat = {
            "en_US": ["%m/%d/%Y", "%m/%d/%Y", "%Y-%m-%d", "%-m/%-d/%Y"],
            "en_GB": ["%d/%m/%Y", "%d/%m/%Y", "%d.%m.%Y"],
            "de_DE": ["%d.%m.%Y", "%d.%m.%Y", "%-d.%-m.%Y"],
            "fr_FR": ["%d/%m/%Y", "%d/%m/%Y", "%d.%m.%Y"],
            "es_ES": ["%d/%m/%Y", "%d-%m-%Y", "%-d/%-m/%Y"],
            "it_IT": ["%d/%m/%Y", "%d/%m/%Y", "%d.%m.%Y"],
            "nl_NL": ["%d-%m-%Y", "%d-%m-%Y", "%d/%m/%Y"],
        }[loc]
        return d.strftime(rng.choice(pat))
    return {
        "en_US": f"{m} {d.day}, {d.year}",
        "en_GB": f"{d.day} {m} {d.year}",
        "de_DE": f"{d.day}. {m} {d.year}",
        "fr_FR": f"{'1er' if d.day == 1 else d.day} {m} {d.year}",
        "es_ES": f"{d.day} de {m} de {d.year}",
        "it_IT": f"{d.day} {m} {d.year}",
        "nl_NL": f"{d.day} {m} {d.year}",
    }[loc]


def v_dob(c):
    d = c["f"].date_of_birth(minimum_age=1, maximum_age=95)
    return [(fmt_date(c, d, rng.random() < 0.55), "DATE_OF_BIRTH")]


def v_dobnum(c):
    d = c["f"].date_of_birth(minimum_age=1, maximum_age=95)
    return [(fmt_date(c, d, True), "DATE_OF_BIRTH")]


def v_date(c):
    """An ordinary date (an appointment, a delivery): not annotated."""
    d = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
    return [(fmt_date(c, d, rng.random() < 0.5), None)]


MRN_FORMATS = ["########", "#######", "??######", "?#######", "####-####", "##-###-###",
               "#########", "??-#######", "######/##"]


def v_mrn(c):
    return [(c["f"].bothify(rng.choice(MRN_FORMATS), letters="ABCDEFGHJKLMNPRSTUVWXYZ"),
             "MEDICAL_RECORD_NUMBER")]


def v_email(c):
    f = c["f"]
    r = rng.random()
    e = f.email() if r < 0.4 else f.free_email() if r < 0.75 else f.company_email()
    return [(e, "EMAIL_ADDRESS")]


def v_iban(c):
    f = FAKERS["en_GB"] if c["loc"] == "en_US" else c["f"]
    i = f.iban()
    if rng.random() < 0.5:
        i = " ".join(i[k:k + 4] for k in range(0, len(i), 4))
    return [(i, "IBAN_CODE")]


def v_ssn(c):
    return [(US.ssn(), "US_SSN")]


def v_ip4(c):
    return [(c["f"].ipv4_public() if rng.random() < 0.7 else c["f"].ipv4_private(), "IP_ADDRESS")]


def v_ip6(c):
    groups = c["f"].ipv6().split(":")
    # Real v6 addresses have zero runs that compress to "::"; sometimes at the end.
    n = rng.randint(1, 5)
    start = 8 - n if rng.random() < 0.3 else rng.randint(1, 8 - n)
    for k in range(start, start + n):
        groups[k] = "0"
    return [(ipaddress.IPv6Address(":".join(groups)).compressed, "IP_ADDRESS")]


def v_url(c):
    f = c["f"]
    return [(f.url() if rng.random() < 0.4 else f.uri(), "URL")]


COMPANIES = ["Siemens", "Deutsche Bahn", "Renault", "Telefónica", "Ferrero", "Philips",
             "Heineken", "Unilever", "Microsoft", "Lufthansa", "Zalando", "Decathlon",
             "Iberia", "Enel", "Rabobank", "Bosch", "Carrefour", "Mercadona", "Barilla",
             "Booking.com", "Airbus", "Adidas", "Inditex", "Pirelli", "ASML", "Salesforce",
             "Oracle", "SAP", "Spotify", "Vodafone"]
PRODUCTS = ["ThinkPad X1 Carbon", "Galaxy S23", "Kindle Paperwhite", "AirPods Pro",
            "Dyson V15", "Nespresso Vertuo", "Thermomix TM6", "Sonos Era 100",
            "Bosch Serie 6", "PlayStation 5", "iPhone 15", "Surface Pro 9", "Fairphone 5",
            "Vitamix E310", "Garmin Forerunner 265", "Philips Hue Bridge"]


def v_company(c):
    return [(rng.choice(COMPANIES), None)]


def v_product(c):
    return [(rng.choice(PRODUCTS), None)]


def v_order(c):
    f = c["f"]
    return [(f.bothify(rng.choice(["###-#######-#######", "#########", "??-######", "A#######",
                                   "INV-####-#####", "#####/##"]),
                       letters="ABCDEFGHJKLMNPRSTUVWXYZ"), None)]


def v_amount(c):
    a = rng.randint(5, 4000) + rng.choice([0, 0.5, 0.99, 0.25])
    s = f"{a:,.2f}"
    if c["lang"] == "en":
        return [(rng.choice(["$", "£", "€"]) + s, None)]
    s = s.replace(",", "X").replace(".", ",").replace("X", ".")
    return [(f"{s} €", None)]


SLOTS = {
    "NAME": v_name, "TNAME": v_tname, "DNAME": v_dname, "TLAST": v_tlast, "FIRST": v_first,
    "LCNAME": v_lcname, "STREET": v_street, "CITY": v_city, "ADDR": v_addr,
    "ADDRNL": v_addrnl, "PHONE": v_phone, "CARD": v_card, "DOB": v_dob, "DOBNUM": v_dobnum,
    "DATE": v_date, "MRN": v_mrn, "EMAIL": v_email, "IBAN": v_iban, "SSN": v_ssn,
    "IP4": v_ip4, "IP6": v_ip6, "URL": v_url, "COMPANY": v_company, "PRODUCT": v_product,
    "ORDER": v_order, "AMOUNT": v_amount,
}
SLOT_RE = re.compile(r"\{([A-Z][A-Z0-9]*)(?::([fm]))?\}")

# ---------------------------------------------------------------- PII templates
# Scenarios: support tickets, clinical notes, HR letters, CRM JSON, chat, forms, plain
# sentences. Slots: {NAME} a person (sometimes titled), {TNAME} with a title before,
# {DNAME} with a degree after, {TLAST} title + surname, {FIRST}, {LCNAME} lower case,
# {STREET}, {CITY}, {ADDR} (street, postcode/town), {ADDRNL} (on two lines), {PHONE},
# {CARD}, {DOB}, {DOBNUM}, {MRN}, {EMAIL}, {IBAN}, {SSN}, {IP4}, {IP6}, {URL}; fillers
# that are not personal data: {DATE}, {COMPANY}, {PRODUCT}, {ORDER}, {AMOUNT}. A person
# slot may carry the gender the sentence's grammar needs: {NAME:f}, {FIRST:m}.

PII = {}
PII["en"] = [
    "Fill in the W-4 for {NAME}: SSN {SSN}, home address {ADDR}.",
    "{NAME:f} (SSN {SSN}) disputes an entry on her credit report; draft a letter to the bureau.",
    "my ssn is {SSN}, is that something i should send a landlord by text?",
    "Employee record: {NAME}, social security no. {SSN}, hired {DATE}, phone {PHONE}.",
    "Hi, this is {NAME} from {COMPANY}. Could you update my billing address to {ADDR}? The new card is {CARD}.",
    "{NAME:f} called again about the refund. Her number is {PHONE} and she prefers email: {EMAIL}",
    "Please draft a polite reminder to {TNAME} that invoice {ORDER} is three weeks overdue. Send it to {EMAIL}.",
    "Patient {NAME}, DOB {DOB}, MRN {MRN}, presented with intermittent chest pain. Summarize the note for the referral letter.",
    'Extract the fields from this CRM record and tell me what is missing: {"customer": "{NAME}", "phone": "{PHONE}", "city": "{CITY}", "notes": "prefers calls after 5pm"}',
    "can you help me write a text to {FIRST}? tell them the party moved to {STREET}, same time",
    "Translate into French: Dear {TLAST}, we have received your payment from account {IBAN} and your subscription is now active.",
    "Our new hire {DNAME} starts Monday. Please set up payroll with SSN {SSN} and send the welcome pack to {ADDR}.",
    "The login alert came from {IP4} and, two minutes later, from {IP6}.",
    "Is this phishing? The message says my account is locked, links to {URL} and is signed by {NAME}.",
    "Summarize: {NAME:f} ({EMAIL}) reports that the app crashes on startup since the update. She lives in {CITY}.",
    "I was born on {DOB} in {CITY}. What is my star sign, and how old will I be next year?",
    "Name: {NAME}\nDate of birth: {DOB}\nAddress: {ADDRNL}\nPhone: {PHONE}\nPlease check this form for typos.",
    "{NAME} and {NAME} will share the flat at {ADDR}; write a short summary of the lease for both of them.",
    "rewrite this so it sounds friendlier: {LCNAME:m} still hasn't paid, call him on {PHONE} and tell him we're done waiting",
    "Clinical note: 67-year-old man seen by {TNAME} on ward 4. Hospital number {MRN}. Daughter ({NAME:f}, {PHONE}) to be told about discharge.",
    "Refund request: the charge on card {CARD} was taken twice. Customer: {NAME}, {EMAIL}, order {ORDER}.",
    "Write a reference letter for {NAME}, who worked in our {CITY} office for three years as a data analyst.",
    "Our firewall blocked repeated SSH attempts from {IP4}. The abuse contact listed is {EMAIL}. Draft a short report.",
    "Please wire the deposit of {AMOUNT} to {IBAN} in the name of {NAME} and confirm by email.",
    "hey it's {FIRST}, lost my phone, new number is {PHONE}. what time is dinner at {NAME}'s place?",
    "Dear {TNAME}, we are pleased to confirm your transfer to our office in {CITY}. The home address we hold for you is {ADDR}.",
    "The shipping label reads {NAME}, {ADDR}. Why would the courier say the address is invalid?",
    '{"patient": {"name": "{NAME}", "birthDate": "{DOBNUM}", "mrn": "{MRN}"}, "reason": "follow-up"} Convert this into a FHIR Patient resource.',
    "Which bank issued {CARD}? It was used by {NAME} at a shop in {CITY} on {DATE}.",
    "My social security number is {SSN} and my date of birth is {DOB}. Is it safe to put both on a rental application?",
    "Find the bug in this config: the webhook posts to {URL} but the allowlist only contains {IP4}",
    "{NAME}'s appointment on {DATE} has been moved. Please tell the front desk: chart number {MRN}, phone {PHONE}.",
    "Meeting notes: {NAME} (legal), {NAME} (finance) and {DNAME} agreed to push the launch back. Send the minutes to {EMAIL}.",
    "we stayed with {NAME} in {CITY} last summer and want to send a thank-you card to {ADDR}. any ideas for the wording?",
    "The VPN session for {EMAIL} came from {IP6}. Is that inside our range?",
    "Complaint from {TNAME} ({PHONE}): the engineer never turned up at {STREET}. Please draft an apology.",
    "Can you check whether {IBAN} is a valid IBAN? It belongs to my landlord, {NAME}.",
    "A bit about me: I'm {NAME}, I live at {ADDR}, and I want to appeal a parking fine. Please write the letter.",
    "Discharge summary for {NAME} (medical record {MRN}): admitted with pneumonia, treated with antibiotics, follow-up with {TNAME} in two weeks.",
    "{FIRST:f} asked me to forward her CV. She can be reached at {EMAIL} or {PHONE}, and her portfolio is at {URL}",
]

PII["de"] = [
    "Für das US-Steuerformular W-9 braucht {NAME:f} ihre Social Security Number {SSN}. Was muss sie noch angeben?",
    "Hallo, hier ist {NAME} von {COMPANY}. Bitte ändern Sie meine Rechnungsadresse auf {ADDR}. Die neue Karte ist {CARD}.",
    "{NAME} hat heute schon zweimal angerufen. Rückruf unter {PHONE}, am liebsten aber per Mail an {EMAIL}",
    "Schreib bitte eine freundliche Zahlungserinnerung an {TLAST}: Die Rechnung {ORDER} ist seit drei Wochen offen.",
    "Patient {NAME:m}, geboren am {DOB}, Patientennummer {MRN}, klagt seit dem Wochenende über Schwindel. Bitte einen kurzen Arztbrief formulieren.",
    'Prüfe diesen Datensatz auf Vollständigkeit: {"kunde": "{NAME}", "telefon": "{PHONE}", "ort": "{CITY}", "notiz": "Rückruf nach 17 Uhr"}',
    "kannst du {FIRST} schreiben, dass wir uns jetzt in der {STREET} treffen? gleiche uhrzeit",
    "Übersetze ins Englische: Guten Tag {TLAST}, wir haben Ihre Zahlung vom Konto {IBAN} erhalten, Ihr Abo ist jetzt aktiv.",
    "Unsere neue Kollegin {DNAME:f} fängt am Montag an. Bitte schick ihr den Arbeitsvertrag an {ADDR} und leg die Personalakte an.",
    "Der Login kam von {IP4} und zwei Minuten später von {IP6}.",
    "Ist das Phishing? In der Mail steht, mein Konto sei gesperrt, dazu ein Link auf {URL}, unterschrieben von {NAME}.",
    "Fass zusammen: {NAME:f} ({EMAIL}) meldet, dass die App seit dem Update beim Start abstürzt. Sie wohnt in {CITY}.",
    "Ich bin am {DOB} in {CITY} geboren. Welches Sternzeichen habe ich?",
    "Name: {NAME}\nGeburtsdatum: {DOB}\nAnschrift: {ADDRNL}\nTelefon: {PHONE}\nBitte prüfe das Formular auf Tippfehler.",
    "{NAME} und {NAME} ziehen gemeinsam in die Wohnung {ADDR}. Fasse den Mietvertrag für beide kurz zusammen.",
    "mach das bitte freundlicher: {LCNAME:m} hat immer noch nicht bezahlt, ruf ihn unter {PHONE} an und sag ihm, dass unsere geduld am ende ist",
    "Aufnahmebefund: 72-jährige Patientin, Station 3, behandelnder Arzt {TNAME:m}. Fallnummer {MRN}. Die Tochter {NAME:f} (Tel. {PHONE}) ist zu informieren.",
    "Reklamation: Die Karte {CARD} wurde doppelt belastet. Kundin: {NAME:f}, {EMAIL}, Bestellung {ORDER}.",
    "Schreib ein Arbeitszeugnis für {NAME:f}, die drei Jahre in unserer Niederlassung {CITY} als Buchhalterin gearbeitet hat.",
    "Unsere Firewall hat wiederholte SSH-Versuche von {IP4} blockiert. Abuse-Kontakt ist {EMAIL}. Entwirf bitte einen kurzen Bericht.",
    "Bitte überweise die Kaution von {AMOUNT} auf {IBAN}, Kontoinhaber {NAME:m}, und bestätige kurz per Mail.",
    "hey, hier ist {FIRST}. handy verloren, neue nummer: {PHONE}. wann war nochmal das essen bei {NAME}?",
    "Sehr geehrte Damen und Herren, hiermit bestätigen wir die Versetzung von {TNAME} an unseren Standort {CITY}. Die neue Privatanschrift lautet {ADDR}.",
    "Auf dem Paketaufkleber steht {NAME}, {ADDR}. Warum meldet der Paketdienst, die Adresse sei ungültig?",
    '{"patient": {"name": "{NAME}", "geburtsdatum": "{DOBNUM}", "fallnummer": "{MRN}"}} Wandle das bitte in eine FHIR-Ressource um.',
    "Welche Bank hat die Karte {CARD} ausgegeben? Sie wurde am {DATE} von {NAME} in einem Laden in {CITY} benutzt.",
    "Ist es klug, mein Geburtsdatum ({DOB}) und meine IBAN {IBAN} in einem Bewerbungsformular anzugeben?",
    "Finde den Fehler: Der Webhook geht an {URL}, in der Allowlist steht aber nur {IP4}",
    "Der Termin von {NAME} am {DATE} wurde verschoben. Bitte an die Anmeldung weitergeben: Patienten-ID {MRN}, Telefon {PHONE}.",
    "Protokoll: {NAME} (Recht), {NAME} (Finanzen) und {DNAME} haben beschlossen, den Launch zu verschieben. Protokoll bitte an {EMAIL}.",
    "wir waren letzten sommer bei {NAME} in {CITY} und wollen eine dankeskarte an {ADDR} schicken. hast du eine idee für den text?",
    "Die VPN-Sitzung von {EMAIL} kam von {IP6}. Liegt die Adresse in unserem Netz?",
    "Beschwerde von {TNAME} ({PHONE}): Der Techniker ist nie in der {STREET} erschienen. Bitte eine Entschuldigung formulieren.",
    "Kannst du prüfen, ob {IBAN} eine gültige IBAN ist? Sie gehört meinem Vermieter {NAME:m}.",
    "Kurz zu mir: Ich heiße {NAME}, meine Adresse ist {ADDR}, und ich möchte Einspruch gegen einen Bußgeldbescheid einlegen. Schreib mir bitte den Brief.",
    "Entlassungsbrief für {NAME} (Aktenzeichen {MRN}): Aufnahme wegen Pneumonie, antibiotisch behandelt, Kontrolle bei {TNAME} in zwei Wochen.",
    "{FIRST:f} bittet mich, ihren Lebenslauf weiterzuleiten. Erreichbar ist sie unter {EMAIL} oder {PHONE}, ihr Portfolio liegt unter {URL}",
]

PII["fr"] = [
    "Pour le formulaire fiscal américain W-9, {NAME} doit indiquer son numéro de sécurité sociale américain {SSN}. Que faut-il d'autre ?",
    "Bonjour, c'est {NAME} de chez {COMPANY}. Pouvez-vous changer mon adresse de facturation pour {ADDR} ? La nouvelle carte est la {CARD}.",
    "{NAME:f} a encore appelé pour le remboursement. Son numéro est le {PHONE}, mais elle préfère les mails : {EMAIL}",
    "Rédige un rappel poli pour {TLAST} : la facture {ORDER} est impayée depuis trois semaines.",
    "Patient {NAME:m}, né le {DOB}, dossier n° {MRN}, se plaint de vertiges depuis le week-end. Merci de rédiger un courrier au médecin traitant.",
    'Vérifie si cette fiche client est complète : {"client": "{NAME}", "telephone": "{PHONE}", "ville": "{CITY}", "note": "rappeler après 17 h"}',
    "tu peux écrire à {FIRST} qu'on se retrouve finalement au {STREET} ? même heure",
    "Traduis en anglais : Bonjour {TLAST}, nous avons bien reçu votre virement depuis le compte {IBAN} et votre abonnement est actif.",
    "Notre nouvelle recrue {DNAME} commence lundi. Merci d'envoyer le contrat à {ADDR} et d'ouvrir son dossier RH.",
    "La connexion venait de {IP4}, puis deux minutes plus tard de {IP6}.",
    "Est-ce du phishing ? Le message dit que mon compte est bloqué, renvoie vers {URL} et est signé {NAME}.",
    "Résume : {NAME:f} ({EMAIL}) signale que l'application plante au démarrage depuis la mise à jour. Elle habite à {CITY}.",
    "Je suis née le {DOB} à {CITY}. Quel est mon signe astrologique ?",
    "Nom : {NAME}\nDate de naissance : {DOB}\nAdresse : {ADDRNL}\nTéléphone : {PHONE}\nPeux-tu relire ce formulaire ?",
    "{NAME} et {NAME} vont partager l'appartement situé {ADDR} ; résume le bail pour eux deux.",
    "reformule ça plus gentiment : {LCNAME:m} n'a toujours pas payé, appelle-le au {PHONE} et dis-lui qu'on ne va plus attendre",
    "Observation : patiente de 72 ans, service de cardiologie, suivie par {TNAME}. IPP {MRN}. Prévenir sa fille, {NAME:f} ({PHONE}), de la sortie.",
    "Réclamation : la carte {CARD} a été débitée deux fois. Cliente : {NAME:f}, {EMAIL}, commande {ORDER}.",
    "Rédige une lettre de recommandation pour {NAME}, qui a travaillé trois ans dans notre agence de {CITY} comme analyste.",
    "Notre pare-feu a bloqué des tentatives SSH répétées depuis {IP4}. Le contact abuse indiqué est {EMAIL}. Prépare un court rapport.",
    "Merci de virer la caution de {AMOUNT} sur le compte {IBAN} au nom de {NAME} et de confirmer par mail.",
    "coucou c'est {FIRST}, j'ai perdu mon portable, nouveau numéro : {PHONE}. le dîner chez {NAME} c'est à quelle heure déjà ?",
    "Madame, Monsieur, nous confirmons la mutation de {TNAME} dans notre établissement de {CITY}. Sa nouvelle adresse personnelle est {ADDR}.",
    "L'étiquette du colis indique {NAME}, {ADDR}. Pourquoi le transporteur dit-il que l'adresse est invalide ?",
    '{"patient": {"nom": "{NAME}", "naissance": "{DOBNUM}", "dossier": "{MRN}"}} Convertis ceci en ressource FHIR Patient.',
    "Quelle banque a émis la carte {CARD} ? Elle a été utilisée le {DATE} par {NAME} dans un magasin de {CITY}.",
    "Est-ce prudent d'indiquer ma date de naissance ({DOB}) et mon IBAN {IBAN} dans un dossier de location ?",
    "Trouve l'erreur : le webhook pointe vers {URL} mais la liste blanche ne contient que {IP4}",
    "Le rendez-vous de {NAME} du {DATE} est déplacé. Merci de prévenir l'accueil : numéro de dossier {MRN}, téléphone {PHONE}.",
    "Compte rendu : {NAME} (juridique), {NAME} (finances) et {DNAME} ont décidé de repousser le lancement. Envoyer le compte rendu à {EMAIL}.",
    "l'été dernier on a logé chez {NAME} à {CITY} et on voudrait envoyer une carte de remerciement au {ADDR}, tu as une idée de texte ?",
    "La session VPN de {EMAIL} provenait de {IP6}. Cette adresse fait-elle partie de notre plage ?",
    "Plainte de {TNAME} ({PHONE}) : le technicien ne s'est jamais présenté au {STREET}. Rédige des excuses.",
    "Peux-tu vérifier que {IBAN} est un IBAN valide ? C'est celui de mon propriétaire, {NAME:m}.",
    "En deux mots : je m'appelle {NAME}, j'habite {ADDR} et je veux contester une amende de stationnement. Écris-moi la lettre.",
    "Compte rendu d'hospitalisation de {NAME} (dossier médical {MRN}) : pneumopathie traitée par antibiotiques, contrôle chez {TNAME} dans deux semaines.",
    "{FIRST:f} m'a demandé de transmettre son CV. On peut la joindre à {EMAIL} ou au {PHONE}, et son portfolio est sur {URL}",
]

PII["es"] = [
    "Para el formulario W-9 de EE. UU., {NAME} tiene que indicar su número de la Seguridad Social estadounidense, {SSN}. ¿Qué más necesita?",
    "Hola, soy {NAME}, de {COMPANY}. ¿Pueden cambiar mi dirección de facturación a {ADDR}? La tarjeta nueva es la {CARD}.",
    "{NAME} ha vuelto a llamar por el reembolso. Su número es el {PHONE}, aunque prefiere el correo: {EMAIL}",
    "Redacta un recordatorio amable para {TLAST}: la factura {ORDER} lleva tres semanas sin pagar.",
    "Paciente {NAME:m}, nacido el {DOB}, historia clínica {MRN}, refiere mareos desde el fin de semana. Redacta un informe breve para el médico de cabecera.",
    'Comprueba si esta ficha de cliente está completa: {"cliente": "{NAME}", "telefono": "{PHONE}", "ciudad": "{CITY}", "nota": "llamar después de las 17:00"}',
    "puedes escribirle a {FIRST} que al final quedamos en {STREET}? misma hora",
    "Traduce al inglés: Buenos días, {TLAST}: hemos recibido su transferencia desde la cuenta {IBAN} y su suscripción ya está activa.",
    "Nuestra nueva compañera {DNAME:f} empieza el lunes. Envía el contrato a {ADDR} y abre su expediente de personal.",
    "El inicio de sesión vino de {IP4} y, dos minutos después, de {IP6}.",
    "¿Esto es phishing? El mensaje dice que mi cuenta está bloqueada, enlaza a {URL} y lo firma {NAME}.",
    "Resume: {NAME} ({EMAIL}) informa de que la aplicación se cierra al arrancar desde la actualización. Vive en {CITY}.",
    "Nací el {DOB} en {CITY}. ¿Cuál es mi signo del zodiaco?",
    "Nombre: {NAME}\nFecha de nacimiento: {DOB}\nDirección: {ADDRNL}\nTeléfono: {PHONE}\n¿Puedes revisar si hay erratas en este formulario?",
    "{NAME} y {NAME} van a compartir el piso de {ADDR}; resume el contrato de alquiler para los dos.",
    "dilo de forma más amable: {LCNAME:m} todavía no ha pagado, llámale al {PHONE} y dile que no vamos a esperar más",
    "Evolución: paciente de 72 años, planta de cardiología, a cargo de {TNAME}. N.º de historia {MRN}. Avisar del alta a su hija, {NAME:f} ({PHONE}).",
    "Reclamación: a la tarjeta {CARD} se le cobró dos veces. Clienta: {NAME:f}, {EMAIL}, pedido {ORDER}.",
    "Escribe una carta de recomendación para {NAME}, que trabajó tres años en nuestra oficina de {CITY} como analista de datos.",
    "Nuestro cortafuegos bloqueó varios intentos de SSH desde {IP4}. El contacto de abuso es {EMAIL}. Prepara un informe breve.",
    "Por favor, transfiere la fianza de {AMOUNT} a {IBAN}, a nombre de {NAME}, y confírmalo por correo.",
    "hola soy {FIRST}, he perdido el móvil, mi número nuevo es {PHONE}. a qué hora era la cena en casa de {NAME}?",
    "Estimados señores: confirmamos el traslado de {TNAME} a nuestra sede de {CITY}. Su nuevo domicilio particular es {ADDR}.",
    "En la etiqueta del paquete pone {NAME}, {ADDR}. ¿Por qué dice la empresa de mensajería que la dirección no es válida?",
    '{"paciente": {"nombre": "{NAME}", "nacimiento": "{DOBNUM}", "historia": "{MRN}"}} Conviértelo en un recurso FHIR Patient.',
    "¿Qué banco emitió la tarjeta {CARD}? La usó {NAME} el {DATE} en una tienda de {CITY}.",
    "¿Es prudente poner mi fecha de nacimiento ({DOB}) y mi IBAN {IBAN} en una solicitud de alquiler?",
    "Encuentra el error: el webhook apunta a {URL}, pero en la lista de permitidos solo está {IP4}",
    "La cita de {NAME} del {DATE} se ha cambiado. Avisa a recepción: número de historia clínica {MRN}, teléfono {PHONE}.",
    "Acta: {NAME} (jurídico), {NAME} (finanzas) y {DNAME} acordaron retrasar el lanzamiento. Enviar el acta a {EMAIL}.",
    "el verano pasado estuvimos en casa de {NAME} en {CITY} y queremos mandar una tarjeta de agradecimiento a {ADDR}, se te ocurre qué poner?",
    "La sesión VPN de {EMAIL} venía de {IP6}. ¿Está dentro de nuestro rango?",
    "Queja de {TNAME} ({PHONE}): el técnico nunca se presentó en {STREET}. Redacta una disculpa.",
    "¿Puedes comprobar si {IBAN} es un IBAN válido? Es el de mi casero, {NAME:m}.",
    "En resumen: me llamo {NAME}, vivo en {ADDR} y quiero recurrir una multa de aparcamiento. Escríbeme el recurso.",
    "Informe de alta de {NAME} (historia {MRN}): ingresó por neumonía, tratada con antibióticos; revisión con {TNAME} en dos semanas.",
    "{FIRST:f} me ha pedido que reenvíe su currículum. Se la puede localizar en {EMAIL} o en el {PHONE}, y su portafolio está en {URL}",
]

PII["it"] = [
    "Per il modulo fiscale statunitense W-9, {NAME} deve indicare il suo Social Security Number {SSN}. Cos'altro serve?",
    "Buongiorno, sono {NAME} di {COMPANY}. Potete cambiare il mio indirizzo di fatturazione in {ADDR}? La nuova carta è la {CARD}.",
    "{NAME} ha richiamato per il rimborso. Il suo numero è {PHONE}, ma preferisce la mail: {EMAIL}",
    "Scrivi un sollecito gentile a {TLAST}: la fattura {ORDER} è scaduta da tre settimane.",
    "Paziente {NAME:m}, nato il {DOB}, cartella clinica {MRN}, riferisce vertigini dal fine settimana. Prepara una breve lettera per il medico curante.",
    'Controlla se questa scheda cliente è completa: {"cliente": "{NAME}", "telefono": "{PHONE}", "citta": "{CITY}", "nota": "richiamare dopo le 17"}',
    "puoi scrivere a {FIRST} che alla fine ci vediamo in {STREET}? stessa ora",
    "Traduci in inglese: Gentile {TLAST}, abbiamo ricevuto il suo bonifico dal conto {IBAN} e il suo abbonamento è ora attivo.",
    "La nostra nuova collega {DNAME:f} inizia lunedì. Manda il contratto a {ADDR} e apri il suo fascicolo personale.",
    "L'accesso è arrivato da {IP4} e, due minuti dopo, da {IP6}.",
    "È phishing? Il messaggio dice che il mio conto è bloccato, rimanda a {URL} ed è firmato {NAME}.",
    "Riassumi: {NAME} ({EMAIL}) segnala che l'app si chiude all'avvio dopo l'aggiornamento. Abita a {CITY}.",
    "Sono nata il {DOB} a {CITY}. Qual è il mio segno zodiacale?",
    "Nome: {NAME}\nData di nascita: {DOB}\nIndirizzo: {ADDRNL}\nTelefono: {PHONE}\nPuoi controllare se ci sono errori in questo modulo?",
    "{NAME} e {NAME} divideranno l'appartamento in {ADDR}; riassumi il contratto d'affitto per entrambi.",
    "riscrivilo in modo più gentile: {LCNAME:m} non ha ancora pagato, chiamalo al {PHONE} e digli che non aspettiamo più",
    "Diario clinico: paziente di 72 anni, reparto di cardiologia, seguita da {TNAME}. Numero nosologico {MRN}. Avvisare della dimissione la figlia, {NAME:f} ({PHONE}).",
    "Reclamo: la carta {CARD} è stata addebitata due volte. Cliente: {NAME}, {EMAIL}, ordine {ORDER}.",
    "Scrivi una lettera di referenze per {NAME}, che ha lavorato tre anni nella nostra sede di {CITY} come analista.",
    "Il nostro firewall ha bloccato ripetuti tentativi SSH da {IP4}. Il contatto abuse indicato è {EMAIL}. Prepara un breve rapporto.",
    "Per favore bonifica la caparra di {AMOUNT} sull'IBAN {IBAN}, intestato a {NAME}, e conferma via mail.",
    "ciao sono {FIRST}, ho perso il telefono, il nuovo numero è {PHONE}. a che ora era la cena da {NAME}?",
    "Spettabile ufficio, confermiamo il trasferimento di {TNAME} presso la nostra sede di {CITY}. Il nuovo domicilio è {ADDR}.",
    "Sull'etichetta del pacco c'è scritto {NAME}, {ADDR}. Perché il corriere dice che l'indirizzo non è valido?",
    '{"paziente": {"nome": "{NAME}", "nascita": "{DOBNUM}", "cartella": "{MRN}"}} Convertilo in una risorsa FHIR Patient.',
    "Quale banca ha emesso la carta {CARD}? L'ha usata {NAME} il {DATE} in un negozio di {CITY}.",
    "È prudente indicare la mia data di nascita ({DOB}) e il mio IBAN {IBAN} in una domanda di affitto?",
    "Trova l'errore: il webhook punta a {URL}, ma nella allowlist c'è solo {IP4}",
    "L'appuntamento di {NAME} del {DATE} è stato spostato. Avvisa l'accettazione: cartella n. {MRN}, telefono {PHONE}.",
    "Verbale: {NAME} (legale), {NAME} (finanza) e {DNAME} hanno deciso di rinviare il lancio. Inviare il verbale a {EMAIL}.",
    "l'estate scorsa siamo stati da {NAME} a {CITY} e vogliamo mandare un biglietto di ringraziamento in {ADDR}, hai un'idea per il testo?",
    "La sessione VPN di {EMAIL} proveniva da {IP6}. È nel nostro intervallo?",
    "Reclamo di {TNAME} ({PHONE}): il tecnico non si è mai presentato in {STREET}. Scrivi una lettera di scuse.",
    "Puoi verificare se {IBAN} è un IBAN valido? È quello del mio padrone di casa, {NAME:m}.",
    "In breve: mi chiamo {NAME}, abito in {ADDR} e voglio fare ricorso contro una multa per divieto di sosta. Scrivimi il ricorso.",
    "Lettera di dimissione di {NAME:m} (cartella {MRN}): ricoverato per polmonite, trattato con antibiotici, controllo da {TNAME} tra due settimane.",
    "{FIRST} mi ha chiesto di inoltrare il suo curriculum. È raggiungibile a {EMAIL} o al {PHONE}, e il suo portfolio è su {URL}",
]

PII["nl"] = [
    "Voor het Amerikaanse belastingformulier W-9 moet {NAME:f} haar Social Security Number {SSN} opgeven. Wat is er verder nodig?",
    "Hallo, met {NAME} van {COMPANY}. Kunt u mijn factuuradres wijzigen in {ADDR}? De nieuwe kaart is {CARD}.",
    "{NAME:f} heeft weer gebeld over de terugbetaling. Haar nummer is {PHONE}, maar ze mailt liever: {EMAIL}",
    "Schrijf een vriendelijke herinnering aan {TLAST}: factuur {ORDER} staat al drie weken open.",
    "Patiënt {NAME:m}, geboren op {DOB}, patiëntnummer {MRN}, heeft sinds het weekend last van duizeligheid. Stel een korte brief aan de huisarts op.",
    'Controleer of deze klantkaart compleet is: {"klant": "{NAME}", "telefoon": "{PHONE}", "plaats": "{CITY}", "notitie": "na 17 uur terugbellen"}',
    "kun je {FIRST} laten weten dat we nu op de {STREET} afspreken? zelfde tijd",
    "Vertaal naar het Engels: Beste {TLAST}, wij hebben uw betaling van rekening {IBAN} ontvangen en uw abonnement is nu actief.",
    "Onze nieuwe collega {DNAME:f} begint maandag. Stuur het contract naar {ADDR} en maak haar personeelsdossier aan.",
    "De login kwam van {IP4} en twee minuten later van {IP6}.",
    "Is dit phishing? In het bericht staat dat mijn rekening geblokkeerd is, met een link naar {URL}, ondertekend door {NAME}.",
    "Vat samen: {NAME:f} ({EMAIL}) meldt dat de app sinds de update crasht bij het opstarten. Ze woont in {CITY}.",
    "Ik ben geboren op {DOB} in {CITY}. Wat is mijn sterrenbeeld?",
    "Naam: {NAME}\nGeboortedatum: {DOB}\nAdres: {ADDRNL}\nTelefoon: {PHONE}\nWil je dit formulier nakijken op typefouten?",
    "{NAME} en {NAME} gaan samen de woning aan de {ADDR} huren; vat het huurcontract voor hen allebei samen.",
    "maak dit wat vriendelijker: {LCNAME:m} heeft nog steeds niet betaald, bel hem op {PHONE} en zeg dat we niet langer wachten",
    "Decursus: patiënte van 72 jaar, afdeling cardiologie, behandelaar {TNAME}. Dossiernummer {MRN}. Dochter {NAME:f} ({PHONE}) inlichten over het ontslag.",
    "Klacht: de kaart {CARD} is twee keer belast. Klant: {NAME}, {EMAIL}, bestelling {ORDER}.",
    "Schrijf een aanbevelingsbrief voor {NAME}, die drie jaar op ons kantoor in {CITY} als data-analist heeft gewerkt.",
    "Onze firewall heeft herhaalde SSH-pogingen vanaf {IP4} geblokkeerd. Het abuse-contact is {EMAIL}. Schrijf een kort rapport.",
    "Maak de borg van {AMOUNT} over naar {IBAN} ten name van {NAME} en bevestig het per mail.",
    "hoi met {FIRST}, telefoon kwijt, nieuw nummer: {PHONE}. hoe laat was het etentje bij {NAME} ook alweer?",
    "Geachte heer, mevrouw, hierbij bevestigen wij de overplaatsing van {TNAME} naar onze vestiging in {CITY}. Het nieuwe woonadres is {ADDR}.",
    "Op het verzendlabel staat {NAME}, {ADDR}. Waarom zegt de bezorger dat het adres ongeldig is?",
    '{"patient": {"naam": "{NAME}", "geboortedatum": "{DOBNUM}", "dossier": "{MRN}"}} Zet dit om naar een FHIR Patient-resource.',
    "Welke bank heeft de kaart {CARD} uitgegeven? {NAME} heeft hem op {DATE} gebruikt in een winkel in {CITY}.",
    "Is het verstandig om mijn geboortedatum ({DOB}) en mijn IBAN {IBAN} op een huuraanvraag te zetten?",
    "Zoek de fout: de webhook wijst naar {URL}, maar de allowlist bevat alleen {IP4}",
    "De afspraak van {NAME} op {DATE} is verzet. Geef het door aan de balie: patiëntnummer {MRN}, telefoon {PHONE}.",
    "Notulen: {NAME} (juridisch), {NAME} (financiën) en {DNAME} hebben besloten de lancering uit te stellen. Notulen naar {EMAIL}.",
    "vorige zomer logeerden we bij {NAME} in {CITY} en we willen een bedankkaartje sturen naar {ADDR}, heb je een idee voor de tekst?",
    "De VPN-sessie van {EMAIL} kwam van {IP6}. Valt dat adres binnen ons bereik?",
    "Klacht van {TNAME} ({PHONE}): de monteur is nooit op de {STREET} verschenen. Schrijf een excuusbrief.",
    "Kun je nagaan of {IBAN} een geldige IBAN is? Hij is van mijn huisbaas, {NAME:m}.",
    "Kort over mij: ik heet {NAME}, ik woon op {ADDR} en ik wil bezwaar maken tegen een parkeerboete. Schrijf de brief voor me.",
    "Ontslagbrief van {NAME} (dossier {MRN}): opgenomen met longontsteking, behandeld met antibiotica, controle bij {TNAME} over twee weken.",
    "{FIRST:f} vroeg me haar cv door te sturen. Ze is bereikbaar via {EMAIL} of {PHONE}, en haar portfolio staat op {URL}",
]

# ---------------------------------------------------------------- harmless texts
HARMLESS_T = {
    "en": [
        "The Quarterly Report for {COMPANY} shipped on {ISO}; can you summarise the main risks?",
        "Write a product description for the {PRODUCT} that mentions Battery Life and Warranty.",
        "Our Sales Team meets every Tuesday at 10:00 in the Main Conference Room. Draft an agenda.",
        "Explain the difference between a Roth IRA and a Traditional IRA in plain words.",
        "Compare the {PRODUCT} and the {PRODUCT} for a student on a budget of {AMOUNT}.",
        "Translate the heading 'Terms and Conditions' and 'Privacy Notice' into German.",
        "Which is better for Project Phoenix, Kubernetes or Nomad? The deadline is {ISO}.",
        "List five Renaissance painters and one famous work by each.",
        "The Board approved the Annual Budget on {ISO}. Write a two-line announcement for the intranet.",
        "Give me a recipe for Banana Bread without eggs.",
        "Why does Excel show #VALUE! when I sum a column imported from {COMPANY}'s export?",
        "Suggest a name for our new Customer Success Dashboard.",
        "What were the main causes of the French Revolution?",
        "Create a packing list for a hiking trip in the Alps in October.",
    ],
    "de": [
        "Der Quartalsbericht von {COMPANY} wurde am {ISO} verschickt; fasse bitte die wichtigsten Risiken zusammen.",
        "Schreib eine Produktbeschreibung für das {PRODUCT} mit den Punkten Akkulaufzeit und Garantie.",
        "Unser Vertriebsteam trifft sich jeden Dienstag um 10 Uhr im großen Besprechungsraum. Entwirf eine Tagesordnung.",
        "Erkläre den Unterschied zwischen Bausparvertrag und Tagesgeldkonto in einfachen Worten.",
        "Vergleiche das {PRODUCT} mit dem {PRODUCT} für Studierende mit einem Budget von {AMOUNT}.",
        "Welche Unterlagen braucht man für die Steuererklärung, wenn man im Homeoffice arbeitet?",
        "Die Lieferung mit den Ersatzteilen ist am {ISO} eingetroffen. Formuliere eine kurze Eingangsbestätigung.",
        "Nenne fünf Maler der Romantik und je ein bekanntes Werk.",
        "Gib mir ein Rezept für Apfelstrudel ohne Rosinen.",
        "Warum zeigt Excel #WERT! an, wenn ich eine Spalte aus dem Export von {COMPANY} summiere?",
        "Schlag einen Namen für unser neues Kundenportal vor.",
        "Was waren die Ursachen der Industriellen Revolution in England?",
        "Erstelle eine Packliste für eine Wanderung im Schwarzwald im Oktober.",
        "Der Aufsichtsrat hat den Jahresabschluss am {ISO} genehmigt. Schreib eine kurze Mitteilung fürs Intranet.",
    ],
    "fr": [
        "Le rapport trimestriel de {COMPANY} a été envoyé le {ISO} ; peux-tu résumer les principaux risques ?",
        "Rédige une fiche produit pour le {PRODUCT} qui parle de l'autonomie et de la garantie.",
        "L'équipe commerciale se réunit chaque mardi à 10 h dans la grande salle. Prépare un ordre du jour.",
        "Explique la différence entre un Livret A et une assurance vie en termes simples.",
        "Compare le {PRODUCT} et le {PRODUCT} pour un étudiant avec un budget de {AMOUNT}.",
        "Quels documents faut-il pour la déclaration de revenus quand on est en télétravail ?",
        "La livraison des pièces détachées est arrivée le {ISO}. Écris un court accusé de réception.",
        "Cite cinq peintres impressionnistes et une œuvre célèbre de chacun.",
        "Donne-moi une recette de Tarte Tatin sans sucre ajouté.",
        "Pourquoi Excel affiche #VALEUR! quand je fais la somme d'une colonne exportée de {COMPANY} ?",
        "Propose un nom pour notre nouveau Portail Client.",
        "Quelles furent les causes de la Révolution industrielle en Angleterre ?",
        "Fais une liste de choses à emporter pour une randonnée dans les Vosges en octobre.",
        "Le Conseil d'administration a validé le budget annuel le {ISO}. Rédige une annonce de deux lignes.",
    ],
    "es": [
        "El informe trimestral de {COMPANY} se envió el {ISO}; ¿puedes resumir los riesgos principales?",
        "Escribe una ficha de producto para el {PRODUCT} que hable de la Batería y la Garantía.",
        "El Equipo Comercial se reúne cada martes a las 10:00 en la Sala Grande. Prepara un orden del día.",
        "Explica la diferencia entre un Plan de Pensiones y un Fondo de Inversión con palabras sencillas.",
        "Compara el {PRODUCT} y el {PRODUCT} para un estudiante con un presupuesto de {AMOUNT}.",
        "¿Qué documentos hacen falta para la Declaración de la Renta si teletrabajo?",
        "El envío de repuestos llegó el {ISO}. Escribe un acuse de recibo breve.",
        "Nombra cinco pintores del Siglo de Oro y una obra conocida de cada uno.",
        "Dame una receta de Tortilla de Patatas sin cebolla.",
        "¿Por qué Excel muestra #¡VALOR! al sumar una columna exportada de {COMPANY}?",
        "Sugiere un nombre para nuestro nuevo Portal de Clientes.",
        "¿Cuáles fueron las causas de la Revolución Industrial en Inglaterra?",
        "Haz una lista de equipaje para una ruta de senderismo por los Pirineos en octubre.",
        "El Consejo de Administración aprobó el presupuesto anual el {ISO}. Redacta un aviso de dos líneas.",
    ],
    "it": [
        "Il rapporto trimestrale di {COMPANY} è stato inviato il {ISO}; puoi riassumere i rischi principali?",
        "Scrivi una scheda prodotto per il {PRODUCT} che parli di Autonomia e Garanzia.",
        "Il Team Vendite si riunisce ogni martedì alle 10 nella Sala Riunioni grande. Prepara un ordine del giorno.",
        "Spiega la differenza tra un Conto Deposito e un Fondo Pensione in parole semplici.",
        "Confronta il {PRODUCT} e il {PRODUCT} per uno studente con un budget di {AMOUNT}.",
        "Quali documenti servono per la Dichiarazione dei Redditi se lavoro in smart working?",
        "La spedizione dei ricambi è arrivata il {ISO}. Scrivi una breve conferma di ricezione.",
        "Elenca cinque pittori del Rinascimento e un'opera famosa di ciascuno.",
        "Dammi una ricetta del Tiramisù senza uova crude.",
        "Perché Excel mostra #VALORE! quando sommo una colonna esportata da {COMPANY}?",
        "Suggerisci un nome per il nostro nuovo Portale Clienti.",
        "Quali furono le cause della Rivoluzione Industriale in Inghilterra?",
        "Fai una lista di cose da portare per un'escursione sulle Dolomiti a ottobre.",
        "Il Consiglio di Amministrazione ha approvato il bilancio il {ISO}. Scrivi un avviso di due righe.",
    ],
    "nl": [
        "Het kwartaalverslag van {COMPANY} is op {ISO} verstuurd; kun je de belangrijkste risico's samenvatten?",
        "Schrijf een productomschrijving voor de {PRODUCT} over Accuduur en Garantie.",
        "Het Salesteam vergadert elke dinsdag om 10 uur in de Grote Zaal. Stel een agenda op.",
        "Leg het verschil uit tussen een Spaarrekening en een Beleggingsrekening in eenvoudige woorden.",
        "Vergelijk de {PRODUCT} en de {PRODUCT} voor een student met een budget van {AMOUNT}.",
        "Welke documenten heb je nodig voor de Belastingaangifte als je thuiswerkt?",
        "De zending met onderdelen is op {ISO} binnengekomen. Schrijf een korte ontvangstbevestiging.",
        "Noem vijf schilders uit de Gouden Eeuw en van elk één bekend werk.",
        "Geef me een recept voor Appeltaart zonder rozijnen.",
        "Waarom toont Excel #WAARDE! als ik een kolom uit de export van {COMPANY} optel?",
        "Bedenk een naam voor ons nieuwe Klantenportaal.",
        "Wat waren de oorzaken van de Industriële Revolutie in Engeland?",
        "Maak een paklijst voor een wandeltocht op de Veluwe in oktober.",
        "De Raad van Bestuur heeft de jaarbegroting op {ISO} goedgekeurd. Schrijf een aankondiging van twee regels.",
    ],
}
CODE_ASK = {
    "en": "Why does this fail?", "de": "Warum schlägt das fehl?", "fr": "Pourquoi ça échoue ?",
    "es": "¿Por qué falla esto?", "it": "Perché non funziona?", "nl": "Waarom mislukt dit?",
}
CODE = [
    "```python\ndef total(items):\n    return sum(i.price * i.qty for i in items)\n\nprint(total(Cart.load('cart.json')))\n```",
    "```rust\nfn main() {\n    let v: Vec<u32> = (1..=10).collect();\n    println!(\"{}\", v.iter().sum::<u32>());\n}\n```",
    "```sql\nSELECT Region, COUNT(*) AS Orders FROM Sales WHERE OrderDate >= '2024-01-01' GROUP BY Region;\n```",
    "```js\nconst res = await fetch('/api/v2/items?limit=50');\nconst data = await res.json();\nconsole.log(data.Items.length);\n```",
    "```bash\ntar -czf backup-2024-03-05.tar.gz ./Reports && echo Done\n```",
    "```java\npublic class InvoiceService {\n    public BigDecimal total(List<Line> lines) { return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add); }\n}\n```",
    "```yaml\nservices:\n  web:\n    image: nginx:1.25.3\n    ports:\n      - \"8080:80\"\n```",
    "```go\nfunc Sum(xs []int) (t int) {\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn\n}\n```",
]

# ---------------------------------------------------------------- decoys


def isbn13():
    d = [9, 7, rng.choice([8, 9])] + [rng.randint(0, 9) for _ in range(9)]
    s = sum(x * (1 if i % 2 == 0 else 3) for i, x in enumerate(d))
    d.append((10 - s % 10) % 10)
    t = "".join(map(str, d))
    return rng.choice([t, f"{t[:3]}-{t[3]}-{t[4:8]}-{t[8:12]}-{t[12]}"])


def isbn10():
    d = [rng.randint(0, 9) for _ in range(9)]
    c = sum((10 - i) * x for i, x in enumerate(d)) % 11
    c = (11 - c) % 11
    return "".join(map(str, d)) + ("X" if c == 10 else str(c))


def decoy_value(kind):
    f = FAKERS["en_US"]
    if kind == "timestamp":
        t = datetime.datetime(2023, 1, 1) + datetime.timedelta(seconds=rng.randrange(0, 60_000_000))
        return t.strftime(rng.choice(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%SZ", "%d.%m.%Y %H:%M:%S",
                                      "%Y/%m/%d %H:%M:%S", "%H:%M:%S.%f"]))
    if kind == "order":
        return f.numerify(rng.choice(["###-#######-#######", "#########-##", "##-####-####",
                                      "#######", "SO-######", "PO #######"]))
    if kind == "invoice":
        return f.bothify(rng.choice(["INV-####-####", "2024-#####", "RE-######", "F####/##",
                                     "########"]), letters="ABCDEFGHJKLMNPRSTUVWXYZ")
    if kind == "tracking":
        return f.bothify(rng.choice(["1Z???###########", "##########", "JJD##################",
                                     "??#########DE", "??#########NL", "00##################"]),
                         letters="ABCDEFGHJKLMNPRSTUVWXYZ")
    if kind == "version":
        return rng.choice([
            f"{rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 200)}.{rng.randint(100, 9999)}",
            f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
            f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}-rc.{rng.randint(1, 5)}",
            f"{rng.randint(10, 26)}.{rng.randint(1, 12)}.{rng.randint(1, 4)}.{rng.randint(1, 255)}",
        ])
    if kind == "hash":
        h = f.sha1() if rng.random() < 0.5 else f.md5()
        return h[: rng.choice([7, 8, 12, 40])] if len(h) == 40 else h
    if kind == "amount":
        a = f"{rng.randint(1, 250_000):,}.{rng.randint(0, 99):02d}"
        return rng.choice([f"${a}", f"€{a}", f"{a} EUR", f"USD {a}", a.replace(",", ".")[:-3] + "," + a[-2:] + " €"])
    if kind == "bare9":
        return str(rng.randint(100_000_000, 999_999_999))
    if kind == "isbn":
        return isbn13() if rng.random() < 0.7 else isbn10()
    if kind == "part":
        return f.bothify(rng.choice(["PN-####-??", "###-####-##", "??-####-###", "A###-####",
                                     "#####-#####", "MX####??"]), letters="ABCDEFGHJKLMNPRSTUVWXYZ")
    raise ValueError(kind)


DECOY_T = {
    "en": {
        "timestamp": ["Job finished at {V} with no errors.", "log: {V} worker restarted", "The backup ran at {V} last night."],
        "order": ["Order {V} shipped yesterday.", "Where is my order {V}?", "Please cancel order number {V}."],
        "invoice": ["Invoice {V} is attached.", "We paid invoice {V} on time.", "Ref {V}: payment received."],
        "tracking": ["Tracking: {V}", "My parcel {V} is stuck in customs.", "Use tracking code {V} on the carrier's site."],
        "version": ["Build {V} failed on CI.", "Upgrade to {V} before Friday.", "We still run release {V} in staging."],
        "hash": ["Commit {V} fixed the flaky test.", "Revert {V} please.", "Checksum {V} matches."],
        "amount": ["The total came to {V}.", "Budget left: {V}", "They quoted {V} for the repair."],
        "bare9": ["{V}", "See {V} for details.", "Reference {V} in the subject line."],
        "isbn": ["ISBN {V}", "The book is ISBN {V}, second edition.", "Order the title with ISBN {V}."],
        "part": ["Part no. {V} is out of stock.", "Replace the filter ({V}) every six months.", "We need 40 units of {V}."],
    },
    "de": {
        "timestamp": ["Job um {V} ohne Fehler beendet.", "Log: {V} Dienst neu gestartet", "Die Sicherung lief gestern um {V}."],
        "order": ["Bestellung {V} wurde gestern versandt.", "Wo bleibt meine Bestellung {V}?", "Bitte Auftrag {V} stornieren."],
        "invoice": ["Rechnung {V} liegt bei.", "Die Rechnung Nr. {V} ist bezahlt.", "Beleg {V}: Zahlung eingegangen."],
        "tracking": ["Sendungsnummer: {V}", "Mein Paket {V} hängt im Zoll fest.", "Verfolge die Lieferung mit {V}."],
        "version": ["Build {V} ist im CI fehlgeschlagen.", "Bitte bis Freitag auf {V} aktualisieren.", "Auf Staging läuft noch Version {V}."],
        "hash": ["Commit {V} behebt den Test.", "Bitte {V} zurücknehmen.", "Prüfsumme {V} stimmt."],
        "amount": ["Die Summe beträgt {V}.", "Restbudget: {V}", "Für die Reparatur wurden {V} veranschlagt."],
        "bare9": ["{V}", "Siehe {V}.", "Bitte {V} im Betreff angeben."],
        "isbn": ["ISBN {V}", "Das Buch hat die ISBN {V}.", "Bestell bitte ISBN {V}."],
        "part": ["Teil {V} ist nicht lieferbar.", "Den Filter ({V}) alle sechs Monate tauschen.", "Wir brauchen 40 Stück {V}."],
    },
    "fr": {
        "timestamp": ["Tâche terminée à {V} sans erreur.", "journal : {V} service redémarré", "La sauvegarde a tourné à {V} cette nuit."],
        "order": ["La commande {V} est partie hier.", "Où en est ma commande {V} ?", "Merci d'annuler la commande {V}."],
        "invoice": ["Facture {V} en pièce jointe.", "La facture n° {V} est réglée.", "Réf. {V} : paiement reçu."],
        "tracking": ["Suivi : {V}", "Mon colis {V} est bloqué en douane.", "Suivez l'envoi avec le code {V}."],
        "version": ["Le build {V} a échoué en CI.", "Passez en {V} avant vendredi.", "La préprod tourne encore en {V}."],
        "hash": ["Le commit {V} corrige le test.", "Merci d'annuler {V}.", "La somme de contrôle {V} correspond."],
        "amount": ["Le total s'élève à {V}.", "Budget restant : {V}", "Le devis de réparation est de {V}."],
        "bare9": ["{V}", "Voir {V}.", "Indiquez {V} en objet."],
        "isbn": ["ISBN {V}", "Le livre porte l'ISBN {V}.", "Commande l'ISBN {V}, s'il te plaît."],
        "part": ["La pièce {V} est en rupture.", "Changer le filtre ({V}) tous les six mois.", "Il nous faut 40 unités de {V}."],
    },
    "es": {
        "timestamp": ["Tarea terminada a las {V} sin errores.", "registro: {V} servicio reiniciado", "La copia de seguridad se hizo a las {V}."],
        "order": ["El pedido {V} salió ayer.", "¿Dónde está mi pedido {V}?", "Por favor, anula el pedido {V}."],
        "invoice": ["Adjunto la factura {V}.", "La factura n.º {V} está pagada.", "Ref. {V}: pago recibido."],
        "tracking": ["Seguimiento: {V}", "Mi paquete {V} está retenido en aduanas.", "Sigue el envío con el código {V}."],
        "version": ["La build {V} falló en CI.", "Actualiza a {V} antes del viernes.", "En preproducción seguimos con la {V}."],
        "hash": ["El commit {V} arregla el test.", "Revierte {V}, por favor.", "La suma de control {V} coincide."],
        "amount": ["El total asciende a {V}.", "Presupuesto restante: {V}", "Nos presupuestaron {V} por la reparación."],
        "bare9": ["{V}", "Ver {V}.", "Indica {V} en el asunto."],
        "isbn": ["ISBN {V}", "El libro tiene el ISBN {V}.", "Pide el ISBN {V}, por favor."],
        "part": ["La pieza {V} está agotada.", "Cambia el filtro ({V}) cada seis meses.", "Necesitamos 40 unidades de {V}."],
    },
    "it": {
        "timestamp": ["Job terminato alle {V} senza errori.", "log: {V} servizio riavviato", "Il backup è partito alle {V}."],
        "order": ["L'ordine {V} è partito ieri.", "Dov'è il mio ordine {V}?", "Per favore annulla l'ordine {V}."],
        "invoice": ["In allegato la fattura {V}.", "La fattura n. {V} è saldata.", "Rif. {V}: pagamento ricevuto."],
        "tracking": ["Tracciamento: {V}", "Il mio pacco {V} è fermo in dogana.", "Segui la spedizione con il codice {V}."],
        "version": ["La build {V} è fallita in CI.", "Aggiorna alla {V} entro venerdì.", "In staging gira ancora la {V}."],
        "hash": ["Il commit {V} sistema il test.", "Fai il revert di {V}.", "Il checksum {V} corrisponde."],
        "amount": ["Il totale è {V}.", "Budget residuo: {V}", "Per la riparazione hanno chiesto {V}."],
        "bare9": ["{V}", "Vedi {V}.", "Indica {V} nell'oggetto."],
        "isbn": ["ISBN {V}", "Il libro ha ISBN {V}.", "Ordina l'ISBN {V}, per favore."],
        "part": ["Il pezzo {V} è esaurito.", "Sostituisci il filtro ({V}) ogni sei mesi.", "Ci servono 40 pezzi di {V}."],
    },
    "nl": {
        "timestamp": ["Taak om {V} zonder fouten afgerond.", "log: {V} dienst herstart", "De back-up draaide om {V}."],
        "order": ["Bestelling {V} is gisteren verzonden.", "Waar blijft mijn bestelling {V}?", "Annuleer bestelling {V} alsjeblieft."],
        "invoice": ["Factuur {V} zit in de bijlage.", "Factuurnummer {V} is betaald.", "Kenmerk {V}: betaling ontvangen."],
        "tracking": ["Track & trace: {V}", "Mijn pakket {V} staat vast bij de douane.", "Volg de zending met code {V}."],
        "version": ["Build {V} is mislukt in CI.", "Upgrade voor vrijdag naar {V}.", "Op acceptatie draait nog {V}."],
        "hash": ["Commit {V} lost de test op.", "Draai {V} terug, graag.", "Checksum {V} klopt."],
        "amount": ["Het totaal komt op {V}.", "Resterend budget: {V}", "Voor de reparatie rekenen ze {V}."],
        "bare9": ["{V}", "Zie {V}.", "Vermeld {V} in het onderwerp."],
        "isbn": ["ISBN {V}", "Het boek heeft ISBN {V}.", "Bestel ISBN {V} alsjeblieft."],
        "part": ["Onderdeel {V} is uitverkocht.", "Vervang het filter ({V}) elk halfjaar.", "We hebben 40 stuks {V} nodig."],
    },
}

# ---------------------------------------------------------------- assembly


def render(template, c, extra=None):
    """Fills a template; returns (text, spans) with spans in UTF-8 byte offsets."""
    pieces = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        pieces.append((template[pos:m.start()], None))
        name = m.group(1)
        if extra and name in extra:
            pieces.append((extra[name](), None))
        else:
            # {NAME:f}: the sentence around the slot speaks of a woman ({NAME:m}: a man).
            pieces.extend(SLOTS[name]({**c, "gender": m.group(2)}))
        pos = m.end()
    pieces.append((template[pos:], None))
    text, spans, at = "", [], 0
    for piece, entity in pieces:
        b = len(piece.encode("utf-8"))
        if entity:
            spans.append([entity, at, at + b])
        text += piece
        at += b
    raw = text.encode("utf-8")
    for entity, s, e in spans:
        value = raw[s:e].decode("utf-8")
        assert value and value == value.strip(), (entity, value, text)
    assert len(raw) == at
    return text, spans


def iso_date():
    d = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 900))
    return d.isoformat()


def main():
    rows = []
    for lang in LANGS:
        templates = PII[lang]
        assert len(templates) >= 30, lang
        for i in range(PII_PER_LANG):
            loc = rng.choice(LOCALES[lang])
            c = {"lang": lang, "loc": loc, "f": FAKERS[loc]}
            # Every template used about equally often.
            t = templates[i % len(templates)]
            text, spans = render(t, c)
            rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
    for i in range(HARMLESS):
        lang = LANGS[i % len(LANGS)]
        c = {"lang": lang, "loc": LOCALES[lang][0], "f": FAKERS[LOCALES[lang][0]]}
        if rng.random() < 0.15:
            t = CODE_ASK[lang] + "\n" + rng.choice(CODE)
            rows.append({"lang": lang, "kind": "harmless", "text": t, "spans": []})
            continue
        text, spans = render(rng.choice(HARMLESS_T[lang]), c, {"ISO": iso_date})
        assert not spans
        rows.append({"lang": lang, "kind": "harmless", "text": text, "spans": []})
    kinds = list(DECOY_T["en"].keys())
    for i in range(DECOYS):
        lang = LANGS[i % len(LANGS)]
        kind = kinds[(i // len(LANGS)) % len(kinds)]
        t = rng.choice(DECOY_T[lang][kind])
        text = t.replace("{V}", decoy_value(kind))
        rows.append({"lang": lang, "kind": "decoy", "text": text, "spans": []})
    rng.shuffle(rows)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            raw = r["text"].encode("utf-8")
            for entity, s, e in r["spans"]:
                assert 0 <= s < e <= len(raw), r
                raw[s:e].decode("utf-8")  # a span never cuts a character
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in rows:
        for entity, _, _ in r["spans"]:
            counts[entity] = counts.get(entity, 0) + 1
    print(f"{len(rows)} lines to {out}", file=sys.stderr)
    for k in sorted(counts):
        print(f"  {k}: {counts[k]} values", file=sys.stderr)
    print(f"  phone numbers redrawn as invalid: {PHONE_REDRAWN[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
