//! Names that only a text's layout marks as names, through `ledgergate redact`: the lone
//! given names in the cells of a shift rota, in the six languages, and the rotas of tasks,
//! goods and rooms (some named after people) that must stay as they are, and the given
//! name after a word for a relative (`Grandma Eirlys`, `Oma Hiltrud`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

use pii_support::redact_json;

/// Every one of `names` is gone from the redacted text.
fn assert_hidden(text: &str, names: &[&str]) {
    let (redacted, findings) = redact_json(&[], text);
    for name in names {
        assert!(!redacted.contains(name), "{name}: {redacted} {findings:?}");
    }
}

/// No finding other than a date in `text`: it comes back unchanged.
fn assert_untouched(text: &str) {
    let (redacted, findings) = redact_json(&[], text);
    assert!(
        findings.iter().all(|f| f["entity"] == "DATE_TIME"),
        "{text}: {findings:?}"
    );
    assert_eq!(redacted, text);
}

#[test]
fn the_lone_given_names_of_a_shift_rota_are_hidden() {
    assert_hidden(
        "Can you make this a grid?\nMon early – Eilidh, Dafydd\nTue late – Dafydd + Morwenna\nWed – Eilidh (swapped with Morwenna)",
        &["Eilidh", "Dafydd", "Morwenna"],
    );
    assert_hidden(
        "Bitte als Tabelle:\nMo Früh – Wiebke, Jannik\nDi Spät – Jannik + Henrike\nMi: Wiebke",
        &["Wiebke", "Jannik", "Henrike"],
    );
    assert_hidden(
        "Mets ce planning en tableau :\nLun matin – Gaëlle, Yannick\nMar soir – Yannick + Maëlys",
        &["Gaëlle", "Yannick", "Maëlys"],
    );
    assert_hidden(
        "Pásalo a tabla:\nLun mañana – Itziar, Aitor\nMar tarde – Aitor + Maialen",
        &["Itziar", "Aitor", "Maialen"],
    );
    assert_hidden(
        "Fammi una tabella:\nLun mattina – Chiara, Matteo\nMar sera – Matteo + Giulia",
        &["Chiara", "Matteo", "Giulia"],
    );
    assert_hidden(
        "Maak hier een tabel van:\nMa vroeg – Femke, Joost\nDi laat – Joost + Marieke",
        &["Femke", "Joost", "Marieke"],
    );
}

#[test]
fn rotas_of_tasks_goods_and_rooms_are_left_alone() {
    assert_untouched("Weekly jobs:\nMon – Bins, Recycling\nTue – Laundry\nWed – Windows");
    assert_untouched("Sprint-Plan:\nMo: Review, Deploy\nDi: Release");
    assert_untouched("Planning des salles :\nLun – Curie, Pasteur\nMar – Lavoisier");
    assert_untouched("Cuadrante de salas:\nLun – Ochoa, Cajal\nMar – Cajal");
    assert_untouched("Menu della settimana:\nLun – Minestrone, Frittata\nMar – Risotto");
    assert_untouched("Schoonmaakrooster:\nMa – Keuken, Gang\nDi – Badkamer");
}

#[test]
fn a_given_name_after_a_word_for_a_relative_is_hidden() {
    for (text, name) in [
        ("Seating:\n- Grandma Eirlys\n- Tom Baines", "Eirlys"),
        ("Sitzplan:\n- Oma Hiltrud\n- Jan Peters", "Hiltrud"),
        ("Plan de table :\n- Mamie Ginette\n- Paul Morel", "Ginette"),
        ("Mesas:\n- La abuela Remedios\n- Juan Gil", "Remedios"),
        ("Tavoli:\n- Nonna Assunta\n- Piero Neri", "Assunta"),
        ("Tafels:\n- Oma Hendrikje\n- Kees Bos", "Hendrikje"),
    ] {
        assert_hidden(text, &[name]);
    }
}
