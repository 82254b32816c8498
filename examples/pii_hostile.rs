//! Hostile inputs for the PII engine, and how its cost grows with their length: each
//! shape (a line of thousands of name-shaped runs, unterminated MECARD strings, tab- or
//! slash-separated capitalised words, ...) is scanned at 32 KiB and at 256 KiB, and the
//! ratio of the two times printed; a ratio near 8 is linear, near 64 quadratic. Wall
//! time on a shared machine is noisy: for an exact check, count instructions of one
//! shape at two lengths, `valgrind --tool=callgrind --toggle-collect='*Scanner*scan*'
//! target/release/examples/pii_hostile SHAPE 65536` (and `524288`).
//!
//! `cargo run --release --example pii_hostile [-- SHAPE BYTES]`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a dev tool: failing loudly is right
use ledgergate::pii::Engine;
use std::time::Instant;

/// Each shape and the unit repeated to make it.
const SHAPES: &[(&str, &str)] = &[
    ("mecard", "MECARD:N:Kinvig,Breesha;TEL:"),
    ("mecard_nl", "MECARD:N:Kinvig,Breesha;TEL:\n"),
    ("gedcom", "1 NAME Breesha /Kinvig/ 2 DATE 25 MAR 1961 "),
    ("pnr", "1.1KINVIG/BREESHA MRS "),
    ("titlecase", "Anna Berta Carla Dora "),
    ("caps", "ANNA BERTA CARLA DORA "),
    ("digits_sp", "12 34 56 78 90 "),
    ("digits_dash", "12-34-56-"),
    ("broken_label", "G e b u r t s d a t u m "),
    ("label_colon", "N a m e : "),
    ("colons", ":"),
    ("pipes", "| Anna | "),
    ("hyphen_chain", "Anna-"),
    ("particles", "van der de la "),
    ("umlaut", "Ää Öö Üü "),
    ("ats", "a@b"),
    ("dots", "1."),
    ("plus", "+4"),
    ("star", "*12345*"),
    ("name_label", "Name: "),
    ("street", "12 Anna Berta Carla "),
    ("strasse", "Lindenstraße "),
    ("commas", "Kinvig, "),
    ("tabs", "Anna\tBerta\t"),
    ("quotes", "\"Anna\" "),
    ("builder", ".name(\"Anna\")"),
    ("json_keys", "\"name\":\"Anna\","),
    ("url", "http://a.b/"),
    ("iban", "DE89 3704 "),
    ("dates", "25 MAR "),
    ("newlines_caps", "Anna\n"),
    ("spaces", " "),
    ("slash", "Anna/"),
    ("open_paren", "(Anna "),
    ("long_word", "Aaaaaaaaaa"),
    ("long_digits", "1234567890"),
    ("colons6", "::1:"),
    ("dotted", "a.b."),
    ("base64", "QWxhZGRpbjpvcGVuIHNlc2FtZQ"),
    ("url_path", "https://example.org/a/b/"),
    ("at_words", "anna@berta "),
    ("brackets", "[[(("),
    ("guillemets", "« Anna » "),
    ("json_name", "{\"name\": \"Anna Berta\", "),
    ("comma_list", "Anna Berta, "),
    ("and_list", "Anna and Berta and "),
    ("dash_list", "Anna – Berta – "),
    ("titles", "Dr. Anna Berta, MBA, "),
    ("particles_caps", "Anna van der Berta de la "),
    ("dates_words", "born 5 March 1961, "),
    ("phones", "+44 20 7946 0958, "),
    ("ibans", "DE89370400440532013000 "),
    ("rue", "12 rue de la Paix "),
    ("strasse_num", "Lindenstraße 5, "),
    ("postcodes", "75001 Paris "),
    ("newline_labels", "Name:\n"),
    ("signature", "\n-- \n"),
    ("chat", "[12:00] Anna: "),
    ("en_dash_panel", "Flat 2 – Okafor\n"),
];

/// `unit` repeated to `n` bytes (less, to end at a character boundary).
fn text(unit: &str, n: usize) -> String {
    let mut s = unit.repeat(n / unit.len() + 1);
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn main() {
    let engine = Engine::builtin();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [shape, bytes] = args.as_slice() {
        let (_, unit) = SHAPES
            .iter()
            .find(|(name, _)| name == shape)
            .expect("a shape's name");
        let n: usize = bytes.parse().expect("BYTES");
        println!("{} findings", engine.scan(&text(unit, n)).len());
        return;
    }
    for (name, unit) in SHAPES {
        let mut t = Vec::new();
        for n in [32 << 10, 256 << 10] {
            let s = text(unit, n);
            let start = Instant::now();
            let k = engine.scan(&s).len();
            t.push((start.elapsed().as_secs_f64(), k));
        }
        let ratio = t[1].0 / t[0].0;
        println!(
            "{name:14} 32K {:8.2} ms  256K {:8.2} ms  ratio {ratio:5.1}  findings {} {}{}",
            t[0].0 * 1e3,
            t[1].0 * 1e3,
            t[0].1,
            t[1].1,
            if ratio > 16.0 {
                "  <<< superlinear?"
            } else {
                ""
            }
        );
    }
}
