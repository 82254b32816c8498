"""Generates tests/heldout/corpus.jsonl: the held-out evaluation corpus of
tests/pii_heldout.rs. Written without looking at the recognizers' cue lists: natural
sentences in EN, DE, FR, ES, IT and NL, people and places from this script's own
vocabulary (names are checked to be outside src/pii/data's name lists, villages outside
its place and town lists), harmless texts and look-alike decoys. Fixed seed; rerun with
`python3 tests/heldout/make_corpus.py > tests/heldout/corpus.jsonl` from the checkout.

Each line: {"lang", "kind": "pii"|"harmless"|"decoy", "text", "spans": [[entity, start, end]]}
with byte offsets into the UTF-8 text."""

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "pii" / "data"


def listed(name):
    return {l.strip() for l in (DATA / name).read_text(encoding="utf-8").splitlines() if l.strip()}


FIRST_LISTED, LAST_LISTED = listed("first_names.txt"), listed("last_names.txt")
PLACES_LISTED = listed("places.txt") | listed("towns.txt")

FIRST = {
    "en": ["Tamsin", "Oisin", "Ffion", "Rhys", "Caoimhe", "Eilidh", "Lachlan", "Saoirse"],
    "de": ["Wiebke", "Hauke", "Frauke", "Malte", "Jannik", "Gesa", "Ole", "Imke", "Thorben"],
    "fr": ["Maëlle", "Gwenaël", "Solène", "Anaïs", "Yannick", "Ségolène", "Loïc", "Clémence"],
    "es": ["Itziar", "Iñaki", "Ainhoa", "Xabier", "Nerea", "Begoña", "Aitor", "Maite"],
    "it": ["Gianmarco", "Ludovica", "Pierluigi", "Annunziata", "Ottavio", "Benedetta", "Ilaria"],
    "nl": ["Sjoerd", "Femke", "Joost", "Maaike", "Wouter", "Lieke", "Gerrit", "Anouk", "Bram"],
}
LAST = {
    "en": ["Pendlebury", "Ashworth-Kerr", "Trelawney", "Inglethorpe", "Featherstonehaugh"],
    "de": ["Brötzmann", "Wiedemeyer", "Kühnel", "Oberländer", "Schwarzkopf-Ilg", "Tiedemann"],
    "fr": ["Lemaître", "Duchêne", "Beauchamp-Roux", "Vasseur", "Delacroix", "Chevrier"],
    "es": ["Etxeberria", "Goikoetxea", "Olabarrieta", "Zubizarreta", "Arrieta", "Uribe-Salas"],
    "it": ["Scognamiglio", "Quagliarella", "Buonfiglio", "Castellucci", "Tornatore"],
    "nl": ["van der Heijden", "de Wit-Bakker", "Terpstra", "Hoekstra", "van Dijkhuizen", "Brouwer"],
}
STREET = {
    "en": ["{n} Larkspur Close", "{n} Whitcombe Road", "Flat {n}, Osprey Court"],
    "de": ["Lindenstraße {n}", "Am Mühlbach {n}", "Kastanienweg {n}"],
    "fr": ["{n} rue des Tanneurs", "{n} avenue du Général Leclerc", "{n} chemin des Vignes"],
    "es": ["Calle del Olmo {n}", "Avenida de la Constitución {n}", "Plaza Mayor {n}"],
    "it": ["Via dei Mille {n}", "Corso Garibaldi {n}", "Viale delle Rimembranze {n}"],
    "nl": ["Kastanjelaan {n}", "Molenweg {n}", "Prinsengracht {n}"],
}
POSTCODE = {
    "en": lambda r: f"{r.choice('BCDLMS')}{r.choice('ENRS')}{r.randint(1, 9)} {r.randint(1, 9)}{r.choice('ABDHJLNPQRSTUWXYZ')}{r.choice('ABDHJLNPQRSTUWXYZ')}",
    "de": lambda r: f"{r.randint(10000, 99999)}",
    "fr": lambda r: f"{r.randint(10, 95)}{r.randint(100, 999)}",
    "es": lambda r: f"{r.randint(10, 52):02d}{r.randint(100, 999)}",
    "it": lambda r: f"{r.randint(10, 98)}{r.randint(100, 999)}",
    "nl": lambda r: f"{r.randint(1000, 9999)} {r.choice('ABCDEFGHJKLMNPRSTVWXZ')}{r.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
}
VILLAGES = {
    "en": ["Little Snoring", "Much Wenlock", "Chipping Campden", "Mousehole"],
    "de": ["Ahrenshoop", "Kallstadt", "Bacharach", "Sasbachwalden", "Staufen", "Rüdesheim"],
    "fr": ["Riquewihr", "Eguisheim", "Rocamadour", "Gordes", "Collioure"],
    "es": ["Albarracín", "Frigiliana", "Alquézar", "Besalú", "Olite"],
    "it": ["Civita di Bagnoregio", "Montalcino", "Castelmezzano", "Bagnone", "Pienza"],
    "nl": ["Giethoorn", "Thorn", "Bourtange", "Veere", "Sloten", "Oudeschild"],
}
# Phone numbers in national plans, no country code (valid per libphonenumber's ranges).
PHONES = {
    "en": lambda r: f"020 7946 {r.randint(0, 9999):04d}",
    "de": lambda r: f"030 {r.randint(2000000, 9999999)}",
    "fr": lambda r: f"01 {r.randint(40, 79)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
    "es": lambda r: f"91{r.randint(1, 9)} {r.randint(100, 999)} {r.randint(100, 999)}",
    "it": lambda r: f"06 {r.randint(4000, 9999)} {r.randint(1000, 9999)}",
    "nl": lambda r: f"020-{r.randint(5000000, 7999999)}",
}

T = {
    "en": {
        "person": ["I had lunch with {P} and we talked about the merger.", "Could you forward this to {P} before noon?", "{P} will present the quarterly numbers."],
        "place": ["We spent the weekend in {C} and loved it.", "The workshop moves to {C} next spring."],
        "addr": ["Please send the parcel to {A}, {Z} {C}.", "Our new office: {A}, {C} {Z}."],
        "phone": ["You can ring me on {T} after six.", "Her direct line is {T}."],
        "dob": ["The claimant was born {D}.", "{P}, born {D}, is insured with us."],
        "mrn": ["Please pull the chart for case {M}.", "Record {M} needs a signature."],
        "email": ["Write to {E} for the contract.", "{E} asked for a refund."],
        "card": ["It was charged to {K} yesterday.", "Use the Maestro {K} for the deposit."],
        "iban": ["Pay the deposit to {I} by Friday."],
    },
    "de": {
        "person": ["Ich habe gestern mit {P} über das Projekt gesprochen.", "Bitte leite das an {P} weiter.", "{P} übernimmt ab Montag die Leitung."],
        "place": ["Wir waren am Wochenende in {C}.", "Die Tagung findet dieses Jahr in {C} statt."],
        "addr": ["Bitte schicken Sie das Paket an {A}, {Z} {C}.", "Neue Anschrift: {A}, {Z} {C}."],
        "phone": ["Sie erreichen mich unter {T}.", "Rückruf bitte unter {T}."],
        "dob": ["Die Versicherte wurde am {D} geboren.", "{P}, geboren am {D}, ist bei uns versichert."],
        "mrn": ["Die Patientennummer {M} ist unvollständig.", "Fallnummer {M} bitte prüfen."],
        "email": ["Schreiben Sie an {E}.", "Die Rechnung ging an {E}."],
        "card": ["Die Zahlung lief über die Karte {K}.", "Abgebucht von {K}."],
        "iban": ["Bitte überweisen Sie auf {I}."],
    },
    "fr": {
        "person": ["J'ai déjeuné avec {P} hier.", "Merci de transmettre ce dossier à {P}.", "{P} présentera les résultats."],
        "place": ["Nous avons passé le week-end à {C}.", "Le séminaire aura lieu à {C}."],
        "addr": ["Merci d'envoyer le colis au {A}, {Z} {C}.", "Nouvelle adresse : {A}, {Z} {C}."],
        "phone": ["Vous pouvez me joindre au {T}.", "Son numéro est le {T}."],
        "dob": ["L'assurée est née le {D}.", "{P}, né le {D}, est client chez nous."],
        "mrn": ["Le numéro de dossier {M} est incomplet.", "Dossier médical {M} à signer."],
        "email": ["Écrivez à {E}.", "La facture a été envoyée à {E}."],
        "card": ["Le paiement a été fait avec la carte {K}.", "Débité sur {K}."],
        "iban": ["Virement sur {I} avant vendredi."],
    },
    "es": {
        "person": ["Ayer comí con {P} en la oficina.", "Por favor, reenvía esto a {P}.", "{P} presentará las cifras."],
        "place": ["Pasamos el fin de semana en {C}.", "El congreso será en {C}."],
        "addr": ["Envíe el paquete a {A}, {Z} {C}.", "Nueva dirección: {A}, {Z} {C}."],
        "phone": ["Puede llamarme al {T}.", "Su teléfono es el {T}."],
        "dob": ["La asegurada nació el {D}.", "{P}, nacido el {D}, es cliente."],
        "mrn": ["La historia clínica {M} está incompleta.", "Revise el número de historia {M}."],
        "email": ["Escriba a {E}.", "La factura se envió a {E}."],
        "card": ["El pago se hizo con la tarjeta {K}.", "Cargado en {K}."],
        "iban": ["Transfiera a {I} antes del viernes."],
    },
    "it": {
        "person": ["Ieri ho pranzato con {P}.", "Per favore inoltra questo a {P}.", "{P} presenterà i risultati."],
        "place": ["Abbiamo passato il fine settimana a {C}.", "Il convegno si terrà a {C}."],
        "addr": ["Spedite il pacco a {A}, {Z} {C}.", "Nuovo indirizzo: {A}, {Z} {C}."],
        "phone": ["Potete chiamarmi al {T}.", "Il suo numero è {T}."],
        "dob": ["L'assicurata è nata il {D}.", "{P}, nato il {D}, è nostro cliente."],
        "mrn": ["La cartella clinica {M} è incompleta.", "Controllare la cartella {M}."],
        "email": ["Scrivete a {E}.", "La fattura è stata inviata a {E}."],
        "card": ["Il pagamento è stato fatto con la carta {K}.", "Addebitato su {K}."],
        "iban": ["Bonifico su {I} entro venerdì."],
    },
    "nl": {
        "person": ["Gisteren heb ik met {P} geluncht.", "Stuur dit alsjeblieft door naar {P}.", "{P} presenteert de cijfers."],
        "place": ["We waren het weekend in {C}.", "Het congres is dit jaar in {C}."],
        "addr": ["Stuur het pakket naar {A}, {Z} {C}.", "Nieuw adres: {A}, {Z} {C}."],
        "phone": ["U kunt mij bellen op {T}.", "Haar nummer is {T}."],
        "dob": ["De verzekerde is geboren op {D}.", "{P}, geboren op {D}, is klant bij ons."],
        "mrn": ["Het patiëntnummer {M} is onvolledig.", "Dossiernummer {M} graag controleren."],
        "email": ["Mail naar {E}.", "De factuur ging naar {E}."],
        "card": ["De betaling liep via kaart {K}.", "Afgeschreven van {K}."],
        "iban": ["Maak het bedrag over naar {I}."],
    },
}
MONTHS = {
    "en": ["January", "March", "June", "October"], "de": ["Januar", "März", "Juni", "Oktober"],
    "fr": ["janvier", "mars", "juin", "octobre"], "es": ["enero", "marzo", "junio", "octubre"],
    "it": ["gennaio", "marzo", "giugno", "ottobre"], "nl": ["januari", "maart", "juni", "oktober"],
}
HARMLESS = [
    "Can you summarise the attached quarterly report in three bullet points?",
    "Bitte fasse die Besprechung in fünf Sätzen zusammen.",
    "Peux-tu reformuler ce paragraphe de manière plus concise ?",
    "¿Puedes traducir este texto al inglés?",
    "Puoi spiegarmi la differenza tra TCP e UDP?",
    "Kun je deze tekst korter maken?",
    "The meeting is on Tuesday; bring the slides and the budget sheet.",
    "Wir liefern die Ware voraussichtlich in der nächsten Woche.",
    "Le rapport annuel sera publié au printemps.",
    "El equipo terminó la migración sin incidencias.",
    "Il progetto è stato approvato dal consiglio.",
    "De nieuwe versie is sneller en gebruikt minder geheugen.",
    "Explain how a hash map handles collisions, with an example in Rust.",
    "Write a haiku about autumn rain in the mountains.",
]
DECOYS = [
    lambda r: f"Order {r.randint(100, 999)}-{r.randint(1000000, 9999999)}-{r.randint(1000000, 9999999)} has shipped.",
    lambda r: f"The job finished at 2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}.",
    lambda r: f"We deployed build {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)}.{r.randint(100, 999)} yesterday.",
    lambda r: f"Invoice INV-{r.randint(2019, 2025)}-{r.randint(100000, 999999)} is overdue.",
    lambda r: "Checksum " + "".join(r.choice("0123456789abcdef") for _ in range(40)) + " matches.",
    lambda r: f"The total came to {r.randint(1, 999)},{r.randint(100, 999)},{r.randint(100, 999)}.{r.randint(10, 99)} USD.",
    lambda r: f"Rechnung Nr. {r.randint(100000000, 999999999)} ist bezahlt.",
    lambda r: f"Ticket {r.randint(100000000, 999999999)} was resolved.",
    lambda r: f"Der Vorgang {r.randint(10, 99)}/{r.randint(1000, 9999)}/{r.randint(100000, 999999)} ist erledigt.",
    lambda r: f"Shipped on 2023-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} via standard post.",
]


def luhn_complete(body):
    for c in "0123456789":
        s = body + c
        total = 0
        for i, ch in enumerate(reversed(s)):
            d = int(ch)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return s


def iban(r, country):
    lengths = {"DE": 18, "FR": 23, "ES": 20, "IT": 23, "NL": 14, "GB": 18}
    if country == "NL":
        bban = "ABNA" + "".join(str(r.randint(0, 9)) for _ in range(10))
    elif country == "GB":
        bban = "NWBK" + "".join(str(r.randint(0, 9)) for _ in range(14))
    elif country == "IT":
        bban = "X" + "".join(str(r.randint(0, 9)) for _ in range(22))
    else:
        bban = "".join(str(r.randint(0, 9)) for _ in range(lengths[country]))
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(num) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def card(r):
    kind = r.choice(["maestro12", "maestro19", "jcb15", "diners14", "visa", "mc"])
    body = {
        "maestro12": "6759" + "".join(str(r.randint(0, 9)) for _ in range(7)),
        "maestro19": "6759" + "".join(str(r.randint(0, 9)) for _ in range(14)),
        "jcb15": "1800" + "".join(str(r.randint(0, 9)) for _ in range(10)),
        "diners14": "3056" + "".join(str(r.randint(0, 9)) for _ in range(9)),
        "visa": "4" + "".join(str(r.randint(0, 9)) for _ in range(14)),
        "mc": "52" + "".join(str(r.randint(0, 9)) for _ in range(13)),
    }[kind]
    n = luhn_complete(body)
    if len(n) == 16:
        return " ".join(n[i:i + 4] for i in range(0, 16, 4))
    return n


def fill(template, values, r):
    """Replaces each {X} in order, recording (entity, start, end) in UTF-8 bytes."""
    out, spans, i = b"", [], 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out += template[i:].encode()
            break
        out += template[i:j].encode()
        key = template[j + 1]
        entity, value = values[key]
        start = len(out)
        out += value.encode()
        if entity:
            spans.append([entity, start, len(out)])
        i = j + 3
    return out.decode(), spans


def main():
    for lang in FIRST:
        assert not set(FIRST[lang]) & FIRST_LISTED, [n for n in FIRST[lang] if n in FIRST_LISTED]
        for last in LAST[lang]:
            assert last.split()[-1] not in LAST_LISTED, last
        # Only places outside the engine's lists: what the lists cannot reach.
        VILLAGES[lang] = [v for v in VILLAGES[lang] if v not in PLACES_LISTED]
        assert len(VILLAGES[lang]) >= 3, lang
    r = random.Random(20261129)
    rows = []
    for _ in range(1800):
        lang = r.choice(list(T))
        kind = r.choice(list(T[lang]))
        template = r.choice(T[lang][kind])
        person = f"{r.choice(FIRST[lang])} {r.choice(LAST[lang])}"
        street = r.choice(STREET[lang]).format(n=r.randint(1, 180))
        village = r.choice(VILLAGES[lang])
        day, month, year = r.randint(1, 28), r.choice(MONTHS[lang]), r.randint(1940, 2005)
        if lang == "en":
            dob = f"on {day} {month} {year}" if r.random() < 0.5 else f"{r.randint(1, 12):02d}/{day:02d}/{year}"
        else:
            dob = f"{day}. {month} {year}" if lang == "de" else (f"{day} de {month} de {year}" if lang == "es" else f"{day} {month} {year}")
            if r.random() < 0.5:
                dob = f"{day:02d}.{r.randint(1, 12):02d}.{year}" if lang in ("de", "nl") else f"{day:02d}/{r.randint(1, 12):02d}/{year}"
        user = person.lower().replace(" ", ".").replace("ü", "ue").replace("ö", "oe").replace("ë", "e").replace("ï", "i").replace("é", "e").replace("è", "e").replace("ñ", "n").replace("ê", "e").replace("ä", "ae").replace("ç", "c")
        mrn = r.choice([f"{r.randint(1000000, 9999999)}", f"{r.choice(['HC', 'MR', 'PZ', 'K'])}{r.randint(100000, 999999)}"])
        values = {
            "P": ("PERSON", person),
            "C": ("LOCATION", village),
            "A": ("LOCATION", street),
            "Z": ("LOCATION", POSTCODE[lang](r)),
            "T": ("PHONE_NUMBER", PHONES[lang](r)),
            "D": ("DATE_OF_BIRTH", dob.removeprefix("on ") if False else dob),
            "M": ("MEDICAL_RECORD_NUMBER", mrn),
            "E": ("EMAIL_ADDRESS", f"{user}@{r.choice(['mailbox.example', 'post.example', 'firma.example'])}.{r.choice(['de', 'fr', 'es', 'it', 'nl', 'org'])}"),
            "K": ("CREDIT_CARD", card(r)),
            "I": ("IBAN_CODE", iban(r, {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}[lang])),
        }
        if kind == "dob" and dob.startswith("on "):
            template = template.replace("{D}", "on {D}")
            values["D"] = ("DATE_OF_BIRTH", dob[3:])
        text, spans = fill(template, values, r)
        rows.append({"lang": lang, "kind": "pii", "text": text, "spans": spans})
    for _ in range(300):
        rows.append({"lang": "mixed", "kind": "harmless", "text": r.choice(HARMLESS), "spans": []})
    for _ in range(300):
        rows.append({"lang": "mixed", "kind": "decoy", "text": r.choice(DECOYS)(r), "spans": []})
    r.shuffle(rows)
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
