//! Precision through `ledgergate redact`: an ordinary date is reported as DATE_TIME with
//! the action `allow` and left in the text, with no policy and with every shipped
//! policy; look-alike decoys (timestamps, order and invoice numbers, version strings,
//! hashes, amounts, bare nine-digit numbers) are left alone; a nine-digit number is a
//! US_SSN with a context word or the 3-2-4 format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::redact_json;

/// `name` is gone from the redacted text, and a PERSON finding took it.
fn assert_person_hidden(text: &str, name: &str) {
    let (redacted, findings) = redact_json(&[], text);
    assert!(!redacted.contains(name), "{redacted} {findings:?}");
    assert!(
        findings.iter().any(|f| f["entity"] == "PERSON"),
        "{findings:?}"
    );
}

/// `value` is gone from the redacted text, and a finding of `entity` covers it.
fn assert_found(text: &str, entity: &str, value: &str) {
    let (redacted, findings) = redact_json(&[], text);
    assert!(!redacted.contains(value), "{redacted}");
    assert!(
        findings.iter().any(|f| f["entity"] == entity
            && text[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize]
                .contains(value)),
        "{text}: {findings:?}"
    );
}

/// No PERSON finding in `text`.
fn assert_no_person(text: &str) {
    let (_, findings) = redact_json(&[], text);
    assert!(
        findings.iter().all(|f| f["entity"] != "PERSON"),
        "{text}: {findings:?}"
    );
}

fn shipped() -> String {
    format!("{}/policies", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn an_ordinary_date_is_reported_as_allowed_and_left_in_the_text() {
    let text = "The parcel shipped on 2024-03-05 and the invoice is due 14 March 2024.";
    let (redacted, findings) = redact_json(&[], text);
    assert_eq!(redacted, text);
    let dates: Vec<_> = findings
        .iter()
        .filter(|f| f["entity"] == "DATE_TIME")
        .collect();
    assert_eq!(dates.len(), 2, "{findings:?}");
    assert!(dates.iter().all(|f| f["action"] == "allow"), "{findings:?}");
    for id in ["default", "gdpr-eu", "hipaa"] {
        let (redacted, _) = redact_json(&["--policy", &shipped(), "--policy-id", id], text);
        assert_eq!(redacted, text, "policy {id}");
    }
}

#[test]
fn a_date_next_to_a_birth_label_is_a_date_of_birth_in_six_languages() {
    for text in [
        "Patient born on 14.03.1985, admitted today.",
        "Der Patient, geboren am 14.03.1985, wurde aufgenommen.",
        "La patiente, née le 3 février 1990, est sortie.",
        "Fecha de nacimiento: 14 de marzo de 1985.",
        "La paziente, nata il 5 maggio 1979, è stabile.",
        "Geboortedatum: 5 mei 1979.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(
            findings.iter().any(|f| f["entity"] == "DATE_OF_BIRTH"),
            "{text}: {findings:?}"
        );
        assert!(redacted.contains("<DATE_OF_BIRTH>"), "{redacted}");
    }
}

#[test]
fn a_date_right_after_since_or_until_is_no_birth_even_near_a_birth_label() {
    // (text, the date of birth, the span's date that stays in the text)
    for (text, birth, span) in [
        (
            "Employee born 04.02.1979; off sick since 16 April 2026.",
            "04.02.1979",
            "16 April 2026",
        ),
        (
            "Mitarbeiterin, geboren am 12.05.1981, krankgeschrieben seit dem 24.09.2026.",
            "12.05.1981",
            "24.09.2026",
        ),
        (
            "Salarié né le 3 février 1975, en arrêt depuis le 2 mars 2026.",
            "3 février 1975",
            "2 mars 2026",
        ),
        (
            "Empleada nacida el 14 de marzo de 1985, de baja desde el 2 de mayo de 2026.",
            "14 de marzo de 1985",
            "2 de mayo de 2026",
        ),
        (
            "Dipendente nata il 5 maggio 1979, in malattia dall'8 marzo 2026.",
            "5 maggio 1979",
            "8 marzo 2026",
        ),
        (
            "Medewerker, geboren op 5 mei 1979, ziek sinds 1 juni 2026.",
            "5 mei 1979",
            "1 juni 2026",
        ),
        (
            "Contractor born 21 June 1982, engaged until 30 June 2027.",
            "21 June 1982",
            "30 June 2027",
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(birth), "{text}: {findings:?}");
        assert!(redacted.contains(span), "{text}: {findings:?}");
        let births = findings
            .iter()
            .filter(|f| f["entity"] == "DATE_OF_BIRTH")
            .count();
        assert_eq!(births, 1, "{text}: {findings:?}");
    }
    // The phrase must be right before the date: a licence held since a year, then the
    // holder's birth, keeps the date of birth (and the licence year is no birth year).
    for (text, birth, year) in [
        (
            "Licence holder since 2009, born 21/06/1982.",
            "21/06/1982",
            "2009",
        ),
        (
            "Führerschein seit 2009, geboren 06.11.1937.",
            "06.11.1937",
            "2009",
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(birth), "{text}: {findings:?}");
        assert!(redacted.contains(year), "{text}: {findings:?}");
    }
}

#[test]
fn decoys_are_left_alone() {
    for text in [
        "The job ran at 2023-05-05 23:01 and again at 2023-05-06 07:45:12.",
        "Your order 983-8950689-5296863 has shipped.",
        "Invoice INV-2024-001187 was paid.",
        "We upgraded to build 4.7.26.105 last night.",
        "Firmware version 10.2.3.4 fixes the bug.",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "Commit 3f2a9c1 reverted 8d0e4b7.",
        "The total is $4,111,111,111.11 for the fleet.",
        "Transfer EUR 1.234.567,89 before Friday.",
        "Ticket 536221234 was closed.",
        "The batch contains 123456789 rows.",
        "Open the firewall for port range 36195-64726.",
        "Telemetry sample 3727 474 8414 arrived late.",
        "Resultado: Atlético Nacional 2-1 Millonarios el 2025-07-27.",
        // Scorecards and sums: digits added up to a total are no phone number.
        "Vorne: 6 4 4 3 6 4 6 4 6 = 43",
        "Front nine: 4 3 5 4 4 3 5 4 4 = 36, back nine 38.",
        "Kosten: 120 450 7730 = 8300 Euro.",
        // Tickets, parts, parcels, receipts and filters in the other five languages.
        "Biglietto elettronico 057-2468013579 emesso ieri.",
        "Onderdeel 712-4455-18 is weer leverbaar.",
        "Das Paket 0690012345 liegt beim Zoll.",
        "Cambiar el filtro (04411-22873) cada año.",
        "Beleg INV-0712-4431 ist bezahlt.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        let touched: Vec<_> = findings.iter().filter(|f| f["action"] != "allow").collect();
        assert!(touched.is_empty(), "{text}: {touched:?}");
        assert_eq!(redacted, text);
    }
}

#[test]
fn a_phone_word_outweighs_a_parcel_or_ticket_word() {
    assert_found(
        "Colis perdu ? Appelez le 01 42 68 53 00.",
        "PHONE_NUMBER",
        "01 42 68 53 00",
    );
    assert_found(
        "Fragen zum Paket: Tel. 030 12345678.",
        "PHONE_NUMBER",
        "030 12345678",
    );
}

#[test]
fn nine_digits_are_an_ssn_only_with_context_or_format() {
    let (_, findings) = redact_json(&[], "SSN 536221234 on file.");
    assert!(
        findings.iter().any(|f| f["entity"] == "US_SSN"),
        "{findings:?}"
    );
    let (_, findings) = redact_json(&[], "Her number is 536-22-1234.");
    assert!(
        findings.iter().any(|f| f["entity"] == "US_SSN"),
        "{findings:?}"
    );
    let (_, findings) = redact_json(&[], "Reference 536221234 attached.");
    assert!(
        !findings.iter().any(|f| f["entity"] == "US_SSN"),
        "{findings:?}"
    );
}

#[test]
fn cards_phones_and_addresses_beyond_the_us_formats() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "Maestro card 6759 6498 2643 8453",
            "CREDIT_CARD",
            "6759 6498 2643 8453",
        ),
        (
            "JCB 180012345678905 expires soon",
            "CREDIT_CARD",
            "180012345678905",
        ),
        (
            "Diners 30569309025904 on file",
            "CREDIT_CARD",
            "30569309025904",
        ),
        (
            "Call +44 (0)20 7946 0958 today",
            "PHONE_NUMBER",
            "+44 (0)20 7946 0958",
        ),
        (
            "Call (415) 555-2671 x1234 today",
            "PHONE_NUMBER",
            "(415) 555-2671 x1234",
        ),
        ("Server at 2001:db8::.", "IP_ADDRESS", "2001:db8::"),
    ];
    for (text, entity, value) in cases {
        let (redacted, findings) = redact_json(&[], text);
        let hit = findings.iter().find(|f| f["entity"] == *entity);
        let hit = hit.unwrap_or_else(|| panic!("{text}: {findings:?}"));
        let (s, e) = (
            hit["start"].as_u64().unwrap() as usize,
            hit["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], *value, "{text}");
        assert!(!redacted.contains(value), "{redacted}");
    }
}

#[test]
fn a_version_word_vetoes_an_ipv4_only_as_a_whole_word() {
    for text in [
        "Die Anfrage kam von 10.227.127.70 und wurde blockiert.",
        "La connexion venait de 145.29.81.205 hier soir.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(
            findings.iter().any(|f| f["entity"] == "IP_ADDRESS"),
            "{text}: {findings:?}"
        );
        assert!(
            !redacted.contains(".127.70") && !redacted.contains(".81.205"),
            "{redacted}"
        );
    }
    let text = "Upgrade to v 4.7.26.105 tonight.";
    let (redacted, _) = redact_json(&[], text);
    assert_eq!(redacted, text);
}

#[test]
fn capitalised_products_after_an_article_are_not_people_but_listed_names_are() {
    for text in [
        "Compare the Philips Hue Bridge and the Kindle Paperwhite for a student.",
        "Propose un nom pour notre nouveau Portail Client.",
        "Welches Sternzeichen habe ich?",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
    // First names of the European lists (nam_dict), not only the U.S. Census ones.
    for (text, name) in [
        ("Bitte leite das an Jannik Oberholzer weiter.", "Jannik"),
        ("Ho parlato con Ottavio Scognamiglio ieri.", "Ottavio"),
        ("Stuur het naar Femke Terpstra.", "Femke"),
    ] {
        let (redacted, _) = redact_json(&[], text);
        assert!(!redacted.contains(name), "{redacted}");
    }
}

/// Issue 12 precision by class: capitalised runs that name things (dishes, works,
/// events, products with a model number, quoted headings) are left alone; names that
/// share a word with a city, carry an accent the census lists lack, or a capitalised
/// particle are still hidden; a person's name inside a street is the street's.
#[test]
fn ordinary_word_runs_titles_and_models_are_not_people_but_names_still_are() {
    for text in [
        "Write a short review of Lemon Cake for the blog.",
        "Explain how Machine Learning differs from statistics.",
        "Quali sono i vantaggi di Energia Solare rispetto al gas?",
        "Rename the tab 'Zorvex Pipeline' to something clearer.",
        "Does Lumix Zeta 4 record video in 4K?",
        "Wann beginnt die Frankfurter Buchmesse dieses Jahr?",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
    for (text, name) in [
        ("Ask Jennifer Lincoln about it.", "Lincoln"),
        ("La factura la pagó Simón Castañeda ayer.", "Castañeda"),
        ("Ho parlato con Ottavio Lo Presti ieri.", "Presti"),
        ("yo, it's Gwendolyn, new number tomorrow", "Gwendolyn"),
        (
            "Kannst du Hannelore kurz schreiben, dass es später wird?",
            "Hannelore",
        ),
        (
            "Scrivi un promemoria per Sig.ra Bordignon: il pagamento è in ritardo.",
            "Bordignon",
        ),
        (
            "Rappelle à Me Vaillancourt que le dossier est prêt.",
            "Vaillancourt",
        ),
    ] {
        assert_person_hidden(text, name);
    }
    for text in [
        "Envoyez-le au 5, rue Émile Zola, 75015 Paris.",
        "Mandalo a Via Giuseppe Verdi 12, 20121 Milano.",
        "Vive en Paseo de Rosario Pino 8, 28020 Madrid.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(
            findings.iter().all(|f| f["entity"] != "PERSON"),
            "{text}: {findings:?}"
        );
        assert!(
            !redacted.contains("Zola") && !redacted.contains("Verdi") && !redacted.contains("Pino"),
            "{redacted}"
        );
    }
}

/// Issue 12 LOCATION by class: villages under 5,000 people (GeoNames cities500) after a
/// place cue, the value of a town label (also a JSON key), a town after a company's
/// site, German house numbers with a slash, USPS street suffixes with a person's name
/// in the street.
#[test]
fn villages_town_labels_sites_and_street_forms_are_locations() {
    for (text, place) in [
        ("Wir verbringen den Sommer in Hinterzarten.", "Hinterzarten"),
        ("On a passé une semaine à Gordes.", "Gordes"),
        ("Abbiamo dormito a Vernazza.", "Vernazza"),
        (r#"{"id": 7, "city": "Bad Wimpfen"}"#, "Bad Wimpfen"),
        ("Ort: Obersulm", "Obersulm"),
        ("Sie arbeitet in unserer Niederlassung Dieburg.", "Dieburg"),
        (
            "Die Adresse ist Haufferstr. 16/45, 70190 Stuttgart.",
            "Haufferstr. 16/45",
        ),
        (
            "Please send it to 42 Quarry Run, Springfield.",
            "Quarry Run",
        ),
        (
            "The office moved to 7 Carol Crest last week.",
            "Carol Crest",
        ),
        ("Parcel for Flat 7, 30 Heol y Dderwen.", "Heol y Dderwen"),
        ("Claimant lives at 131 Pen-y-Bryn now.", "Pen-y-Bryn"),
        ("Bidali Txurruka kalea 136 helbidera.", "Txurruka kalea 136"),
        (
            "Inviare a Piazzetta San Rocco, 124/B.",
            "Piazzetta San Rocco",
        ),
        (
            "Enviar a Arrabal de San Antonio 20.",
            "Arrabal de San Antonio",
        ),
        (
            "We verhuizen naar de Molenstraat 130 rood.",
            "Molenstraat 130 rood",
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(place), "{redacted} {findings:?}");
        assert!(
            findings
                .iter()
                .any(|f| f["entity"] == "LOCATION" && f["action"] != "allow"),
            "{text}: {findings:?}"
        );
        assert!(
            findings.iter().all(|f| f["entity"] != "PERSON"),
            "{text}: {findings:?}"
        );
    }
}

/// Issue 12 record numbers and phones by class: three-part and slashed record numbers,
/// letter prefixes, German and Italian labels (`Aktenzeichen`, `numero nosologico`); a
/// bare national number after "my number is" in six languages; an international number
/// outside libphonenumber's plan only next to a phone word.
#[test]
fn record_numbers_and_phones_after_labels_in_six_languages() {
    for (text, value, entity) in [
        (
            "MRN 31-402-775, admitted overnight.",
            "31-402-775",
            "MEDICAL_RECORD_NUMBER",
        ),
        (
            "Arztbrief (Aktenzeichen KX447120) folgt.",
            "KX447120",
            "MEDICAL_RECORD_NUMBER",
        ),
        (
            "Numero nosologico 552310/19, reparto B.",
            "552310/19",
            "MEDICAL_RECORD_NUMBER",
        ),
        (
            "Il mio numero è 0612345678, scrivimi.",
            "0612345678",
            "PHONE_NUMBER",
        ),
        (
            "Mon numéro est le 0147200001, merci.",
            "0147200001",
            "PHONE_NUMBER",
        ),
        ("Telefoon: +3149-7016934", "+3149-7016934", "PHONE_NUMBER"),
        // Luhn-valid, outside the networks' published ranges, after a card word.
        (
            "Die Karte 3500 3817 8166 3474 wurde abgelehnt.",
            "3500 3817 8166 3474",
            "CREDIT_CARD",
        ),
        (
            "Which bank issued 5490 5746 5249 3008?",
            "5490 5746 5249 3008",
            "CREDIT_CARD",
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(value), "{redacted} {findings:?}");
        assert!(
            findings.iter().any(|f| f["entity"] == entity),
            "{text}: {findings:?}"
        );
    }
    // The same shapes without a phone or card word are left alone.
    for text in [
        "Build +3149-7016934 passed.",
        "Batch 3500 3817 8166 3474 was shipped.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
}

/// Issue 12 harmless texts by class: a place as the modifier of an English noun or
/// opening a run that ends in a thing's head noun, a person's name before an English
/// head noun or after an institution's, ward's or dish's opener, a company's own
/// product after `our`, a score read as a house number; names and a person's workplace
/// are still read.
#[test]
fn things_named_after_people_and_places_are_not_people_or_addresses() {
    for text in [
        "Our Oslo office closes early on Friday.",
        "Tickets for Queens Park Rangers are sold out.",
        "Rosalind Franklin fellowship applications close in May.",
        "Results from Vera Rubin telescope data are out.",
        "Final score: Harrogate Town 2, Forest Green Rovers 1.",
        "Die Zimmer in Krankenhaus Maria Hilf werden renoviert.",
        "Reunión en Hospital Severo Ochoa a las diez.",
        "Booked a table near Gare Saint-Lazare for Tuesday.",
        "Aufnahme auf Station Paul Ehrlich im dritten Stock.",
        "Onze Gerrit Rietveld Stoel is uitverkocht.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
    for (text, entity, value) in [
        (
            "Please call Maria Hofstetter about the Oslo office.",
            "PERSON",
            "Hofstetter",
        ),
        (
            "She worked in our Dortmund office for years.",
            "LOCATION",
            "Dortmund",
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(value), "{redacted} {findings:?}");
        assert!(
            findings.iter().any(|f| f["entity"] == entity),
            "{findings:?}"
        );
    }
}

#[test]
fn goods_quoted_varieties_weekdays_and_course_dates_are_not_people_or_addresses() {
    for text in [
        // Goods after a quantity's sign, a container or a tasting, and goods joined to them.
        "Add 2 × Chesterfield armchair and 1 × Windsor chair to the basket.",
        "We ordered 12 bottles of Sancerre and Chablis for the party.",
        "Für das Fest: 6 Flaschen Oppenheimer Krötenbrunnen, dazu Käse.",
        "Weinprobe Niersteiner Pettenthal am Freitag.",
        "Prévoir une caisse de Pommard et de Meursault pour le dîner.",
        "Compramos tres botellas de Ribera del Duero para la cena.",
        "Portate due bottiglie di Montepulciano e di Barolo.",
        "Neem een krat Hertog Jan mee naar het feest.",
        // Quoted varieties listed after a plant's kind and a colon.
        "Plant list:\n- apples: 'James Grieve' and 'Ellison's Orange'\n- pruning talk in spring",
        "Commande :\n- poiriers : 'Louise Bonne' et 'Conférence'",
        // A weekday opening a room rota's next entry is no given name.
        "Rooms: Mon – Curie, Tue – Fermi + Dirac, Thu – closed, Fri – Curie.",
        // A ship named after a place, after an article towns never take.
        "We steken over met de Helgoland en varen terug met de Pont-Aven.",
        "Wir fahren mit der Helgoland hin und mit der Pont-Aven zurück.",
        // An article before a number: a day of a course, not a house on a `corso`.
        "Programma:\n- corso di cucina il 14 novembre\n- cena sociale",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        let touched: Vec<_> = findings.iter().filter(|f| f["action"] != "allow").collect();
        assert!(touched.is_empty(), "{text}: {touched:?}");
        assert_eq!(redacted, text);
    }
    // People and addresses beside such words are still found: `case of` opens a file.
    assert_person_hidden("The case of Maria Lopez was closed.", "Maria Lopez");
    assert_person_hidden("Ward list: Farkas, Réka – day shift.", "Réka");
    assert_found(
        "Bitte liefern an Corso Vercelli 12, Torino.",
        "LOCATION",
        "Corso Vercelli 12",
    );
}

/// A number read out after `plus` in a transcript, its groups written as numerals, is an
/// international phone number when the plan says so.
#[test]
fn a_spoken_plus_and_numerals_are_an_international_phone_number() {
    for (text, digits) in [
        (
            "vous pouvez me rappeler au plus 33 4 36 83 66 50 merci",
            "36 83",
        ),
        ("me pueden llamar al plus 34 692 82 09 12 gracias", "82 09"),
        ("llámame al 55 1476 9021 por favor", "1476"),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(digits), "{redacted}");
        assert!(
            findings.iter().any(|f| f["entity"] == "PHONE_NUMBER"),
            "{findings:?}"
        );
    }
}

/// Issue 12 structured records: a delimited export under its header line (quoted CSV
/// fields, `;`, tabs, columns aligned with spaces) and an SQL insert under its column
/// list give each value its column's entity.
#[test]
fn delimited_exports_and_sql_inserts_take_their_columns() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "nom;adresse;npa;localite;tel\n\"Zurbriggen, Anaïs\";\"Chemin du Levant 7\";1920;Martigny;027 722 41 19\n",
            &[
                ("PERSON", "Zurbriggen, Anaïs"),
                ("LOCATION", "Chemin du Levant 7"),
                ("LOCATION", "1920"),
                ("LOCATION", "Martigny"),
                ("PHONE_NUMBER", "027 722 41 19"),
            ],
        ),
        (
            "Mitarbeiter  Rufnummer\nHUBER Theresia  0472 834519\nYücel Arda  0471 302218\n",
            &[
                ("PERSON", "HUBER Theresia"),
                ("PERSON", "Yücel Arda"),
                ("PHONE_NUMBER", "0472 834519"),
            ],
        ),
        (
            "INSERT INTO patients (id, last_name, first_name, dob, city, phone, mrn) VALUES\n  (77, 'Ó Ceallaigh', 'Bríd', '1961-02-03', 'Tralee', '0667123456', '5518820');",
            &[
                ("PERSON", "Ó Ceallaigh"),
                ("PERSON", "Bríd"),
                ("DATE_OF_BIRTH", "1961-02-03"),
                ("LOCATION", "Tralee"),
                ("MEDICAL_RECORD_NUMBER", "5518820"),
            ],
        ),
    ];
    for (text, values) in cases {
        let (redacted, findings) = redact_json(&[], text);
        for (entity, value) in *values {
            assert!(
                findings.iter().any(|f| f["entity"] == *entity
                    && text[f["start"].as_u64().unwrap() as usize
                        ..f["end"].as_u64().unwrap() as usize]
                        .contains(value)),
                "{entity} {value}: {findings:?}"
            );
            assert!(!redacted.contains(value), "{redacted}");
        }
    }
}

/// Issue 12 names by class: surname in capitals before a first name, capitals after a
/// name label, the airline's `SURNAME/GIVEN`, a listed first name and surname in
/// capitals, a display name before its address, a chat export's speaker, a first name
/// after thanks; codes in capitals after a label are not names.
#[test]
fn names_in_capitals_display_names_and_chat_speakers_are_people() {
    for (text, name) in [
        (
            "Antragsteller: GRUBER Magdalena, wohnhaft in Meran.",
            "GRUBER",
        ),
        (
            "AVIS. Par jugement du tribunal, MOTTIER, Ludivine, est citée.",
            "MOTTIER",
        ),
        (
            "TITULAIRE : ROMAIN DAFFLON\nIBAN : CH93 0076 2011 6238 5295 7",
            "DAFFLON",
        ),
        ("NAME PHAM/QUANGHUY MR\nFROM BRU TO LIS", "PHAM"),
        (
            "LIEFERUNG AN MARTINA KERSCHBAUMER, BITTE KLINGELN.",
            "KERSCHBAUMER",
        ),
        (
            "Reservierung bestätigt. Hannes Obexer <h.obexer@example.org> · Bozen",
            "Obexer",
        ),
        (
            "[03/04/2026, 10:02] wilmer quispe: ya llegué a casa",
            "quispe",
        ),
        ("Danke Magdalena, Ihre Buchung ist bestätigt.", "Magdalena"),
    ] {
        assert_person_hidden(text, name);
    }
    for text in [
        "Refund to IBAN: GB51 MIDL 4552 8121 9148 14 tomorrow.",
        "Patient ID PT-2020-189059 was discharged.",
        "[15:13] lea: the build is green again",
    ] {
        assert_no_person(text);
    }
}

/// Issue 12 addresses in lower case (voice transcripts, chat) and in capitals (forms,
/// courier notes): street, house number, postcode and town are each read.
#[test]
fn addresses_in_lower_case_and_in_capitals_are_locations() {
    for (text, values) in [
        (
            "mensaje de voz: vivo en calle de ramón y cajal, 12, 30800 lorca, llámame",
            &["ramón y cajal, 12", "30800", "lorca"][..],
        ),
        (
            "BOLLA DI CONSEGNA: VIA DEI PORTICI 41, 39100 BOLZANO. CONSEGNARE AL PIANO.",
            &["PORTICI 41", "39100", "BOLZANO"][..],
        ),
        (
            "[02/07/2026, 09:14] a b: ja, nog altijd kerkstraat 188, 2580 putte?",
            &["kerkstraat 188", "2580", "putte"][..],
        ),
        (
            "voicemail: i'm at 77 hollis street, call me back",
            &["77 hollis street"][..],
        ),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        for v in values {
            assert!(!redacted.contains(v), "{v}: {redacted} {findings:?}");
        }
        assert!(
            findings.iter().any(|f| f["entity"] == "LOCATION"),
            "{findings:?}"
        );
    }
}

/// Issue 12 phone numbers: a bare run with a trunk zero that a national plan accepts, and
/// extensions written in the six languages, kept in the value.
#[test]
fn bare_trunk_zero_runs_and_extensions_in_six_languages_are_phone_numbers() {
    for (text, tail) in [
        ("Rhiannon Pritchard · 01558823456 · Llandeilo", "823456"),
        (
            "Visites avec votre courtier, 514 555 0199 poste 241.",
            "241",
        ),
        (
            "Besichtigung mit Frau Gruber, +39 0471 123456 DW 12.",
            "DW 12",
        ),
        ("Bezoek via uw makelaar, 03 246 97 61 toestel 12.", "12."),
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert!(!redacted.contains(tail), "{redacted} {findings:?}");
        assert!(
            findings.iter().any(|f| f["entity"] == "PHONE_NUMBER"),
            "{findings:?}"
        );
    }
}

/// The classes fixed for corpus H (docs/pii-evaluation-history.md, "Held-out corpus H"): varieties in quotes after
/// their kind, saints' days, possessive eponyms, makers' models, a place after an article,
/// an acronym or a street word without a number, clubs; and what must stay found beside
/// them.
#[test]
fn varieties_saints_eponyms_models_and_landmarks_are_left_but_people_and_places_are_not() {
    for text in [
        "Planting plan: Rosa 'Gloire de Dijon' on the south wall, Malus 'John Downie' by the gate.",
        "Calendar: schools close for San Fermín; the feast of Saint Nicholas follows.",
        "Observing log: Barnard's Star low in the east, Cassini Division hidden by cloud.",
        "Test: Victorinox Huntsman is quieter than Gaggia Classic, and Kia Sorento has more room.",
        "Encyclopedia: the Alhambra stands near the old market. Le Rotterdam fera escale au port.",
        "City tips: the ice rink is on Via Toledo, the market on Rue de Rivoli.",
        "Sailing schedule: HMM Algeciras follows on Thursday.",
        "Result: Cardiff City 2-1 Hamilton Academical.",
        "Absturz beim Neustart von Nginx behoben.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
    assert_person_hidden(
        "Garden club: Hannelore Weißkirchen donated Rosa 'Albertine'.",
        "Hannelore Weißkirchen",
    );
    assert_person_hidden("Mercedes García called about the invoice.", "García");
    for (text, entity, value) in [
        (
            "Elle habite à Sainte Susanne depuis mai.",
            "LOCATION",
            "Sainte Susanne",
        ),
        (
            "Bed 1: Jakub Kučera (70), KH-253450, post-op day 2, obs stable.",
            "MEDICAL_RECORD_NUMBER",
            "KH-253450",
        ),
        (
            "[17/05/2026, 09:15] sepp: ja, sonst die schwester in rhenen",
            "LOCATION",
            "rhenen",
        ),
        (
            "ich wohne kaperberg 67, 9220 hamme, bitte rückruf",
            "LOCATION",
            "hamme",
        ),
    ] {
        assert_found(text, entity, value);
    }
}

/// Issue 12, second round: feasts after a noun of worship, listed things shaped like a
/// person's name (houses, drinks, ships, horses, works) are left; a person of the same
/// name after a title, a saint-named town where a person lives, and a Canadian address's
/// last line in lower case are still hidden.
#[test]
fn feasts_and_listed_things_are_left_but_titled_people_and_lower_case_lines_are_not() {
    for text in [
        "Hoja parroquial: misa de San Fermín a las 13:15; lectura de Santo Stefano.",
        "Pfarrbrief: Lesung aus Sant'Ambrogio um 10:00.",
        "Runway notes: Sonia Rykiel showed tailoring in navy, Max Mara closed the week.",
        "Port notice: Richard With delayed by fog, now due 18:15.",
        "Result: Minella Indo wins by a length; next season Hedda Gabler and Don Giovanni.",
        "Gift guide: a Lamy Safari and a Mini Countryman, Jack Daniel's for the host.",
        "Sagen für Kinder, Kapitel 4: Wie Freyja Odin überlistete.",
    ] {
        let (redacted, findings) = redact_json(&[], text);
        assert_eq!(redacted, text, "{findings:?}");
    }
    assert_person_hidden(
        "Mr Calvin Klein called about his appointment.",
        "Calvin Klein",
    );
    assert_person_hidden(
        "Patient Athena Smith called about the invoice.",
        "Athena Smith",
    );
    for (text, entity, value) in [
        (
            "Elle habite à Sainte Susanne depuis mai.",
            "LOCATION",
            "Sainte Susanne",
        ),
        (
            "hi it's me, i'm at 1962 hollis street, cobourg, on k9a 3r3, call me back",
            "LOCATION",
            "k9a 3r3",
        ),
        (
            "j'habite au 2458, rue saint-denis, magog (québec) j1x 5h4, rappelez-moi",
            "LOCATION",
            "j1x 5h4",
        ),
    ] {
        assert_found(text, entity, value);
    }
}

/// A number dialled with its country code is a phone number even after a word that
/// marks order and invoice numbers: here the surname `Price`.
#[test]
fn an_international_number_after_a_negative_word_is_still_a_phone() {
    let text = "Daughter (Jane Price, +44(0)141 496 0300) to be told about discharge.";
    let (redacted, findings) = redact_json(&[], text);
    assert!(!redacted.contains("496 0300"), "{redacted}");
    assert!(
        findings
            .iter()
            .any(|f| f["entity"] == "PHONE_NUMBER" && f["start"] == 22),
        "{findings:?}"
    );
    let (kept, _) = redact_json(&[], "Order 4412 9385 1187 shipped.");
    assert!(kept.contains("4412 9385 1187"), "{kept}");
}

#[test]
fn a_phone_number_before_an_equals_sign_of_a_label_or_without_a_total_is_still_found() {
    assert_found(
        "Telefon: 0 6 1 2 8 0 7 1 4 2",
        "PHONE_NUMBER",
        "0 6 1 2 8 0 7 1 4 2",
    );
    assert_found("tel = +44 20 7946 0958", "PHONE_NUMBER", "7946 0958");
    assert_found(
        "Call +44 20 7946 0958 = the front desk.",
        "PHONE_NUMBER",
        "7946 0958",
    );
}

/// No finding of `entity` in `text`.
fn assert_no_entity(text: &str, entity: &str) {
    let (_, findings) = redact_json(&[], text);
    assert!(
        findings.iter().all(|f| f["entity"] != entity),
        "{text}: {findings:?}"
    );
}

#[test]
fn lists_of_titles_questions_treaties_and_grouped_numbers_in_ordinary_prompts() {
    // A listed town that is an item of a list with a plain thing names a film or a
    // book; a list of towns after a verb of dwelling is still someone's whereabouts.
    for text in [
        "For film night we picked Vertigo, Casablanca and Amarcord. We start at 8.",
        "Unser Lesekreis liest Lolita, Philadelphia und Gattopardo.",
    ] {
        assert_no_entity(text, "LOCATION");
    }
    assert_found(
        "She has lived in Leeds, York and Bristol since 2019.",
        "LOCATION",
        "Leeds",
    );
    // A question opened by an ordinary word: its verb, not a first name.
    for text in [
        "Wir nutzen Gitea. Wäre Grafana für uns zu groß?",
        "We use Gitea. Would Grafana be too big for us?",
    ] {
        assert_no_person(text);
    }
    assert_person_hidden("Hallo. Wäre Frau Ana Ruiz morgen frei?", "Ruiz");
    // Treaties, conventions and protocols open a thing's name.
    for text in [
        "Resume dos textos, Convenio de Berna y Tratado de Utrecht, para clase.",
        "Confronta due testi, Trattato di Nizza e Convenzione di Berna, per la tesina.",
        "Explain two texts, the Espoo Treaty and the Aarhus Convention, for my essay.",
    ] {
        assert_no_person(text);
    }
    // A company's legal form written with dots ends a firm's name, not a person's.
    for text in [
        "Amministratore, Ferramenta Bruni S.p.A.\nCell. 333 123 4567",
        "Directie, Bakkerij Hofman N.V.\nT: 0515 123456",
    ] {
        assert_no_person(text);
    }
    // A record number in groups of four after its label; a dialling code before such
    // groups makes a phone number.
    assert_found(
        "Ontslagbrief, ziekenhuisnummer 4471 0925, graag voor vrijdag.",
        "MEDICAL_RECORD_NUMBER",
        "4471 0925",
    );
    assert_found(
        "Referti: cartella clinica n. 3310 2284. Chiamare lo 02 1234 5678.",
        "PHONE_NUMBER",
        "02 1234 5678",
    );
    // A valid IBAN after a phone number's cue is one IBAN, not phone numbers.
    assert_found(
        "Autre conducteur : Paul Roux, téléphone 02 98 41 22 10. Virement de l'indemnité \
         sur FR16 9351 8190 93H8 6579 7543 231.",
        "IBAN_CODE",
        "FR16 9351 8190 93H8 6579 7543 231",
    );
}
