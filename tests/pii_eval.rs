//! Precision, recall and F1 per entity on a labelled corpus generated here with a fixed
//! seed: several locales, prompt-like sentence templates, and a hard-negative set
//! (order numbers, versions, prices, timestamps, UUIDs, hashes, cloud resource names,
//! technical tokens). Fails when an entity drops below the threshold it reaches today.
//! Run with `--nocapture` to print the table (copied into the README).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use std::collections::BTreeMap;

use ledgergate::pii::checksum;
use ledgergate::pii::Engine;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const FIRST: &str = include_str!("../src/pii/data/first_names.txt");
const LAST: &str = include_str!("../src/pii/data/last_names.txt");
/// Names outside the shipped lists: where list-based PERSON detection stops.
const OUTSIDE_FIRST: &[&str] = &[
    "Oluwaseun",
    "Xiadani",
    "Thandiwe",
    "Björk",
    "Yusuf",
    "Anaïs",
    "Kwabena",
    "Siobhán",
];
const OUTSIDE_LAST: &[&str] = &[
    "Okonkwo",
    "Nakamura-Li",
    "Van der Berg",
    "Abernathy-Osei",
    "Wójcik",
    "Ngata",
];
const CITIES: &[&str] = &[
    "Berlin",
    "Madrid",
    "Milan",
    "Rotterdam",
    "Lyon",
    "Manchester",
    "Chicago",
    "San Francisco",
    "Munich",
    "Barcelona",
    "Amsterdam",
    "Toronto",
];
const DOMAINS: &[&str] = &[
    "example.com",
    "mail.example.org",
    "hospital.example.nl",
    "firma.example.de",
    "correo.example.es",
];

struct Sample {
    text: String,
    gold: Vec<(&'static str, usize, usize)>,
    /// Indexes into `gold` of names outside the shipped lists.
    outside: Vec<usize>,
}

struct Builder {
    text: String,
    gold: Vec<(&'static str, usize, usize)>,
    outside: Vec<usize>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            text: String::new(),
            gold: Vec::new(),
            outside: Vec::new(),
        }
    }
    fn t(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    fn e(&mut self, entity: &'static str, value: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(value);
        self.gold.push((entity, start, self.text.len()));
        self
    }
    /// A PERSON gold span; `listed` says whether both names are in the shipped lists.
    fn person(&mut self, (name, listed): (String, bool)) -> &mut Self {
        if !listed {
            self.outside.push(self.gold.len());
        }
        self.e("PERSON", &name)
    }
    fn done(&mut self) -> Sample {
        Sample {
            text: std::mem::take(&mut self.text),
            gold: std::mem::take(&mut self.gold),
            outside: std::mem::take(&mut self.outside),
        }
    }
}

fn digits(rng: &mut StdRng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10)))
        .collect()
}

/// Appends the check character that makes `valid` accept, searching the alphabet.
fn complete(body: &str, alphabet: &str, valid: fn(&str) -> bool) -> Option<String> {
    alphabet
        .chars()
        .map(|c| format!("{body}{c}"))
        .find(|s| valid(s))
}

struct Gen {
    rng: StdRng,
    first: Vec<&'static str>,
    last: Vec<&'static str>,
}

impl Gen {
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v.choose(&mut self.rng).copied().unwrap_or("x")
    }
    fn person(&mut self) -> (String, bool) {
        if self.rng.gen_bool(0.8) {
            let (f, l) = (self.first.clone(), self.last.clone());
            (format!("{} {}", self.pick(&f), self.pick(&l)), true)
        } else {
            (
                format!("{} {}", self.pick(OUTSIDE_FIRST), self.pick(OUTSIDE_LAST)),
                false,
            )
        }
    }
    fn email(&mut self) -> String {
        let (f, l) = (self.first.clone(), self.last.clone());
        let d = self.pick(DOMAINS);
        format!(
            "{}.{}@{}",
            self.pick(&f).to_lowercase(),
            self.pick(&l).to_lowercase(),
            d
        )
    }
    fn phone(&mut self) -> String {
        let r = &mut self.rng;
        match r.gen_range(0..7) {
            0 => format!(
                "({}) {}-{}",
                ["212", "415", "617", "312"][r.gen_range(0..4)],
                r.gen_range(201..999),
                digits(r, 4)
            ),
            1 => format!("+44 20 7{} {}", digits(r, 3), digits(r, 4)),
            2 => format!("+49 30 {} {}", digits(r, 4), digits(r, 4)),
            3 => format!(
                "+33 1 {} {} {} {}",
                digits(r, 2),
                digits(r, 2),
                digits(r, 2),
                digits(r, 2)
            ),
            4 => format!("+34 91 {} {} {}", digits(r, 3), digits(r, 2), digits(r, 2)),
            5 => format!("+39 06 {} {}", digits(r, 4), digits(r, 4)),
            _ => format!("+31 20 {} {}", digits(r, 3), digits(r, 4)),
        }
    }
    fn card(&mut self) -> String {
        let prefix = ["4", "51", "37", "6011"][self.rng.gen_range(0..4)];
        let len = if prefix == "37" { 15 } else { 16 };
        let body = format!("{prefix}{}", digits(&mut self.rng, len - 1 - prefix.len()));
        let full = complete(&body, "0123456789", checksum::luhn).unwrap_or_default();
        if self.rng.gen_bool(0.5) && len == 16 {
            full.as_bytes()
                .chunks(4)
                .map(|c| std::str::from_utf8(c).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            full
        }
    }
    fn iban(&mut self) -> String {
        let bban = digits(&mut self.rng, 18);
        (2..99)
            .map(|c| format!("DE{c:02}{bban}"))
            .find(|s| checksum::iban(s))
            .map(|s| {
                s.as_bytes()
                    .chunks(4)
                    .map(|c| std::str::from_utf8(c).unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
    fn ssn(&mut self) -> String {
        let r = &mut self.rng;
        format!(
            "{:03}-{:02}-{:04}",
            r.gen_range(1..665),
            r.gen_range(1..100),
            r.gen_range(1..10000)
        )
    }
    fn nhs(&mut self) -> String {
        loop {
            let body = digits(&mut self.rng, 9);
            if let Some(n) = complete(&body, "0123456789", checksum::nhs) {
                return format!("{} {} {}", &n[..3], &n[3..6], &n[6..]);
            }
        }
    }
    fn de_tax(&mut self) -> String {
        loop {
            let body = format!("{}{}", self.rng.gen_range(1..10), digits(&mut self.rng, 9));
            if let Some(n) = complete(&body, "0123456789", checksum::de_tax_id) {
                return n;
            }
        }
    }
    fn it_cf(&mut self) -> String {
        let r = &mut self.rng;
        let letters: String = (0..6)
            .map(|_| char::from(b'A' + r.gen_range(0..26)))
            .collect();
        let body = format!(
            "{letters}{}{}{:02}{}{}",
            digits(r, 2),
            ['A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T'][r.gen_range(0..12)],
            r.gen_range(1..72),
            char::from(b'A' + r.gen_range(0..26)),
            digits(r, 3)
        );
        complete(
            &body,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            checksum::it_fiscal_code,
        )
        .unwrap_or_default()
    }
    fn es_nif(&mut self) -> String {
        let body = digits(&mut self.rng, 8);
        complete(&body, "TRWAGMYFPDXBNJZSQVHLCKE", checksum::es_nif).unwrap_or_default()
    }
    fn fr_nir(&mut self) -> String {
        let r = &mut self.rng;
        let body = format!(
            "{}{}{:02}{:02}{}{}",
            r.gen_range(1..3),
            digits(r, 2),
            r.gen_range(1..13),
            r.gen_range(1..96),
            digits(r, 3),
            digits(r, 3)
        );
        (0..98)
            .map(|k| format!("{body}{k:02}"))
            .find(|s| checksum::fr_nir(s))
            .unwrap_or_default()
    }
    fn bsn(&mut self) -> String {
        loop {
            let body = digits(&mut self.rng, 8);
            if let Some(n) = complete(&body, "0123456789", checksum::bsn) {
                if n.as_bytes()[0] != b'0' {
                    return n;
                }
            }
        }
    }
    fn ip(&mut self) -> String {
        let r = &mut self.rng;
        format!(
            "{}.{}.{}.{}",
            [r.gen_range(11..127), r.gen_range(128..223)][r.gen_range(0..2)],
            r.gen_range(0..256),
            r.gen_range(0..256),
            r.gen_range(1..255)
        )
    }
    fn date(&mut self) -> String {
        let r = &mut self.rng;
        let (d, m, y) = (
            r.gen_range(1..29),
            r.gen_range(1..13),
            r.gen_range(1940..2006),
        );
        match r.gen_range(0..3) {
            0 => format!("{d:02}.{m:02}.{y}"),
            1 => format!("{y}-{m:02}-{d:02}"),
            _ => format!(
                "{} {d}, {y}",
                ["January", "March", "June", "October"][r.gen_range(0..4)]
            ),
        }
    }
    fn aws_key(&mut self) -> String {
        let r = &mut self.rng;
        let tail: String = (0..16)
            .map(|_| {
                *b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
                    .choose(r)
                    .unwrap_or(&b'A') as char
            })
            .collect();
        format!("AKIA{tail}")
    }
}

fn corpus(seed: u64, n: usize) -> Vec<Sample> {
    let mut g = Gen {
        rng: StdRng::seed_from_u64(seed),
        first: FIRST.lines().filter(|l| !l.is_empty()).collect(),
        last: LAST.lines().filter(|l| !l.is_empty()).collect(),
    };
    let mut out = Vec::new();
    for i in 0..n {
        let mut b = Builder::new();
        let sample = match i % 36 {
            0 => {
                let p = g.person();
                let e = g.email();
                b.t("Hi, please draft a polite reply to ").person(p).t(" (").e("EMAIL_ADDRESS", &e).t(") about the delayed refund.").done()
            }
            1 => {
                let p = g.phone();
                b.t("Can you summarise this voicemail? Caller asked to be called back on ").e("PHONE_NUMBER", &p).t(" before 5pm.").done()
            }
            2 => {
                let c = g.card();
                b.t("Customer says card ").e("CREDIT_CARD", &c).t(" was charged twice, write an apology.").done()
            }
            3 => {
                let iban = g.iban();
                let p = g.person();
                b.t("Bitte überweisen Sie den Betrag an ").person(p).t(", IBAN ").e("IBAN_CODE", &iban).t(".").done()
            }
            4 => {
                let s = g.ssn();
                b.t("Fill the form: applicant SSN ").e("US_SSN", &s).t(", status pending.").done()
            }
            5 => {
                let n = g.nhs();
                let first = g.first.clone();
                let name = format!("{} {}", g.pick(&first), g.pick(OUTSIDE_LAST));
                b.t("Patient ").person((name, false)).t(", NHS number ").e("UK_NHS", &n).t(", reports chest pain.").done()
            }
            6 => {
                let t = g.de_tax();
                b.t("Meine Steuer-ID ist ").e("DE_TAX_ID", &t).t(", wie fülle ich Anlage N aus?").done()
            }
            7 => {
                let c = g.it_cf();
                b.t("Il mio codice fiscale è ").e("IT_FISCAL_CODE", &c).t(", posso detrarre le spese mediche?").done()
            }
            8 => {
                let c = g.es_nif();
                let city = g.pick(CITIES);
                b.t("Mi DNI es ").e("ES_NIF", &c).t(" y vivo en ").e("LOCATION", city).t(".").done()
            }
            9 => {
                let c = g.fr_nir();
                b.t("Mon numéro de sécurité sociale est ").e("FR_NIR", &c).t(", pouvez-vous vérifier ?").done()
            }
            10 => {
                let c = g.bsn();
                b.t("Mijn BSN is ").e("NL_BSN", &c).t(", klopt mijn aangifte?").done()
            }
            11 => {
                let ip = g.ip();
                b.t("Login failures from ").e("IP_ADDRESS", &ip).t(" spiked at night; what should we block?").done()
            }
            12 => {
                let d = g.date();
                let p = g.person();
                b.t("Mr. ").person(p).t(", born ").e("DATE_OF_BIRTH", &d).t(", needs a renewal letter.").done()
            }
            13 => {
                let k = g.aws_key();
                b.t("Why does boto3 fail with key ").e("SECRET", &k).t(" in eu-west-1?").done()
            }
            14 => {
                let city = g.pick(CITIES);
                let p = g.person();
                b.t("Dear ").person(p).t(", your order ships from our warehouse in ").e("LOCATION", city).t(" tomorrow.").done()
            }
            15 => {
                let e = g.email();
                let p = g.phone();
                b.t("Contact: ").e("EMAIL_ADDRESS", &e).t(" / tel ").e("PHONE_NUMBER", &p).done()
            }
            16 => {
                let d = g.date();
                b.t("The meeting moved to ").e("DATE_TIME", &d).t(", update the calendar invite.").done()
            }
            17 => {
                let r = &mut g.rng;
                let n = r.gen_range(8..17);
                let order = digits(r, n);
                let t = format!(
                    "Order #{order} shipped; invoice INV-{}-{} total ${},{:03}.{:02} incl. VAT, refund {} EUR.",
                    r.gen_range(2019..2027),
                    digits(r, 6),
                    r.gen_range(1..99),
                    r.gen_range(0..1000),
                    r.gen_range(0..100),
                    r.gen_range(10..5000)
                );
                b.t(&t).done()
            }
            18 => {
                let r = &mut g.rng;
                let t = format!(
                    "Upgrade from v{}.{}.{} to {}.{}.{}-rc.{}, then run build {} on node {}.{}.{} (python {}.{}).",
                    r.gen_range(0..5), r.gen_range(0..30), r.gen_range(0..30),
                    r.gen_range(1..12), r.gen_range(0..30), r.gen_range(0..30), r.gen_range(1..5),
                    digits(r, 8),
                    r.gen_range(14..23), r.gen_range(0..20), r.gen_range(0..10),
                    3, r.gen_range(8..14)
                );
                b.t(&t).done()
            }
            19 => {
                let r = &mut g.rng;
                let hex = |r: &mut StdRng, n: usize| -> String { (0..n).map(|_| char::from(b"0123456789abcdef"[r.gen_range(0..16)])).collect() };
                let t = format!(
                    "At 20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}Z job {}-{}-4{}-a{}-{} failed (commit {}), epoch {}.",
                    r.gen_range(15..27), r.gen_range(1..13), r.gen_range(1..29), r.gen_range(0..24), r.gen_range(0..60), r.gen_range(0..60),
                    hex(r, 8), hex(r, 4), hex(r, 3), hex(r, 3), hex(r, 12), hex(r, 40), r.gen_range(1_500_000_000u64..1_800_000_000)
                );
                b.t(&t).done()
            }
            20 => {
                let r = &mut g.rng;
                let t = format!(
                    "Move the logs from S3 to arn:aws:s3:::prod-logs-{} in account {} and scale the EKS node group to {} {} and H100 instances.",
                    ["eu", "us", "ap"][r.gen_range(0..3)],
                    digits(r, 12),
                    r.gen_range(2..40),
                    ["C4", "M5", "R6i", "T3", "G5"][r.gen_range(0..5)]
                );
                b.t(&t).done()
            }
            21 => {
                let r = &mut g.rng;
                let hex = |r: &mut StdRng, n: usize| -> String { (0..n).map(|_| char::from(b"0123456789abcdef"[r.gen_range(0..16)])).collect() };
                let t = format!(
                    "Listen on 0.0.0.0:{} and 127.0.0.1; the sha256 is {}, md5 {}, port {}.",
                    r.gen_range(1024..65535), hex(r, 64), hex(r, 32), r.gen_range(1..65535)
                );
                b.t(&t).done()
            }
            22 => {
                let r = &mut g.rng;
                let n = r.gen_range(12..23);
                let tracking = digits(r, n);
                let t = format!(
                    "Tracking number {} and ticket JIRA-{}; price {}.{:02} EUR, qty {}, SKU {}-{}-{}, PR #{}.",
                    tracking, r.gen_range(100..99999), r.gen_range(1..999), r.gen_range(0..100),
                    r.gen_range(1..500), digits(r, 3), digits(r, 3), digits(r, 4), r.gen_range(1..40000)
                );
                b.t(&t).done()
            }
            23 => b.t("Explain how Kafka partitions work in Python and Rust, with an example on Kubernetes and Postgres 16.").done(),
            24 => {
                let r = &mut g.rng;
                let v = format!("9{:02}-{}-{:04}", r.gen_range(0..100), [70, 75, 80, 88, 90, 94][r.gen_range(0..6)], r.gen_range(1..10000));
                b.t("The client's ITIN is ").e("US_ITIN", &v).t("; can they claim the credit?").done()
            }
            25 => {
                let v = format!("{}{}", ['C', 'A', 'E'][g.rng.gen_range(0..3)], digits(&mut g.rng, 8));
                b.t("Renewal form: passport number ").e("US_PASSPORT", &v).t(", expires next spring.").done()
            }
            26 => {
                let v = format!("{}{}", char::from(b'A' + g.rng.gen_range(0..26)), digits(&mut g.rng, 7));
                b.t("Driver's license ").e("US_DRIVER_LICENSE", &v).t(" was suspended, draft an appeal.").done()
            }
            27 => {
                let v = digits(&mut g.rng, 12);
                b.t("Wire it to checking account ").e("US_BANK_NUMBER", &v).t(" at the credit union.").done()
            }
            28 => {
                let r = &mut g.rng;
                let v = format!("{}{} {} {} {} {}", ['A', 'B', 'C', 'E', 'J'][r.gen_range(0..5)], ['A', 'B', 'C', 'E'][r.gen_range(0..4)], digits(r, 2), digits(r, 2), digits(r, 2), ['A', 'B', 'C', 'D'][r.gen_range(0..4)]);
                b.t("My national insurance number is ").e("UK_NINO", &v).t(", is my tax code right?").done()
            }
            29 => {
                let body = format!("{}{}", ['X', 'Y', 'Z'][g.rng.gen_range(0..3)], digits(&mut g.rng, 7));
                let v = complete(&body, "TRWAGMYFPDXBNJZSQVHLCKE", checksum::es_nie).unwrap_or_default();
                b.t("Tengo NIE ").e("ES_NIE", &v).t(", ¿qué necesito para el padrón?").done()
            }
            30 => {
                let v = digits(&mut g.rng, 8);
                b.t("Summarise the discharge note for MRN ").e("MEDICAL_RECORD_NUMBER", &v).t(" in plain language.").done()
            }
            31 => {
                let body = format!("{}{}{}", ['A', 'B', 'F', 'M'][g.rng.gen_range(0..4)], char::from(b'A' + g.rng.gen_range(0..26)), digits(&mut g.rng, 6));
                let v = complete(&body, "0123456789", checksum::dea).unwrap_or_default();
                b.t("Prescriber DEA ").e("MEDICAL_LICENSE", &v).t(" signed the order.").done()
            }
            32 => {
                let body = format!("1{}", digits(&mut g.rng, 8));
                let v = complete(&body, "0123456789", checksum::npi).unwrap_or_default();
                b.t("Bill it under NPI ").e("US_NPI", &v).t(" for the March visit.").done()
            }
            33 => {
                let v = ["1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"][g.rng.gen_range(0..4)];
                b.t("Refund the customer to wallet ").e("CRYPTO", v).t(" please.").done()
            }
            34 => {
                let v = format!("https://portal.example.com/patients/{}", digits(&mut g.rng, 6));
                b.t("The record is at ").e("URL", &v).t(", can you summarise it?").done()
            }
            _ => b.t("Set max_tokens to 4096, temperature 0.7, retry 3 times with 250ms backoff; GPT-4o costs $2.50 per 1M tokens; see RFC 6962 section 2.1 and ISO 27001.").done(),
        };
        out.push(sample);
    }
    out
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// (entity, min precision, min recall): what the engine reaches on this corpus today.
const THRESHOLDS: &[(&str, f64, f64)] = &[
    ("EMAIL_ADDRESS", 0.99, 0.99),
    ("PHONE_NUMBER", 0.99, 0.99),
    ("CREDIT_CARD", 0.99, 0.99),
    ("IBAN_CODE", 0.99, 0.99),
    ("US_SSN", 0.99, 0.99),
    ("UK_NHS", 0.99, 0.99),
    ("DE_TAX_ID", 0.99, 0.99),
    ("IT_FISCAL_CODE", 0.99, 0.99),
    ("ES_NIF", 0.99, 0.99),
    ("FR_NIR", 0.99, 0.99),
    ("NL_BSN", 0.99, 0.99),
    ("IP_ADDRESS", 0.99, 0.99),
    ("DATE_TIME", 0.99, 0.99),
    ("DATE_OF_BIRTH", 0.99, 0.99),
    ("SECRET", 0.99, 0.99),
    ("PERSON", 0.99, 0.90),
    ("PERSON (in lists)", 0.99, 0.99),
    ("PERSON (outside lists)", 0.99, 0.75),
    ("LOCATION", 0.95, 0.99),
    ("US_ITIN", 0.99, 0.99),
    ("US_PASSPORT", 0.99, 0.99),
    ("US_DRIVER_LICENSE", 0.99, 0.99),
    ("US_BANK_NUMBER", 0.99, 0.99),
    ("UK_NINO", 0.99, 0.99),
    ("ES_NIE", 0.99, 0.99),
    ("MEDICAL_RECORD_NUMBER", 0.99, 0.99),
    ("MEDICAL_LICENSE", 0.99, 0.99),
    ("US_NPI", 0.99, 0.99),
    ("CRYPTO", 0.99, 0.99),
    ("URL", 0.99, 0.99),
];

#[test]
fn precision_and_recall_per_entity_meet_the_thresholds() {
    let engine = Engine::builtin();
    let samples = corpus(0x1ed6e5a7e, 3600);
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut false_positives = Vec::new();
    let mut misses = Vec::new();
    for s in &samples {
        let found = engine.scan(&s.text);
        let mut matched = vec![false; found.len()];
        for (gi, &(entity, start, end)) in s.gold.iter().enumerate() {
            let hit = found.iter().enumerate().find(|(i, f)| {
                !matched[*i] && f.entity.name() == entity && f.start < end && start < f.end
            });
            if entity == "PERSON" {
                let subset = if s.outside.contains(&gi) {
                    "PERSON (outside lists)"
                } else {
                    "PERSON (in lists)"
                };
                let sub = scores.entry(subset.to_string()).or_default();
                if hit.is_some() {
                    sub.tp += 1
                } else {
                    sub.fn_ += 1
                }
            }
            let score = scores.entry(entity.to_string()).or_default();
            match hit {
                Some((i, _)) => {
                    matched[i] = true;
                    score.tp += 1;
                }
                None => {
                    score.fn_ += 1;
                    misses.push(format!(
                        "{entity} {:?} in {:?}",
                        &s.text[start..end],
                        s.text
                    ));
                }
            }
        }
        for (i, f) in found.iter().enumerate() {
            if !matched[i] {
                scores.entry(f.entity.name().to_string()).or_default().fp += 1;
                false_positives.push(format!(
                    "{} {:?} in {:?}",
                    f.entity,
                    &s.text[f.start..f.end],
                    s.text
                ));
            }
        }
    }
    println!("| entity | precision | recall | F1 | TP | FP | FN |");
    println!("|---|---|---|---|---|---|---|");
    for (e, s) in &scores {
        println!(
            "| {e} | {:.3} | {:.3} | {:.3} | {} | {} | {} |",
            s.precision(),
            s.recall(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    for fp in false_positives.iter().take(15) {
        println!("FP: {fp}");
    }
    for m in misses.iter().take(25) {
        println!("FN: {m}");
    }
    let mut failures = Vec::new();
    for &(entity, p, r) in THRESHOLDS {
        let s = scores
            .get(entity)
            .unwrap_or_else(|| panic!("no sample for {entity}"));
        if s.precision() < p || s.recall() < r {
            failures.push(format!(
                "{entity}: precision {:.3} (min {p}), recall {:.3} (min {r})",
                s.precision(),
                s.recall()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn hard_negatives_stay_untouched() {
    let engine = Engine::builtin();
    let samples = corpus(7, 720);
    for s in samples.iter().filter(|s| s.gold.is_empty()) {
        let found = engine.scan(&s.text);
        assert!(
            found.is_empty(),
            "{:?} in {:?}",
            found
                .iter()
                .map(|f| &s.text[f.start..f.end])
                .collect::<Vec<_>>(),
            s.text
        );
    }
}
