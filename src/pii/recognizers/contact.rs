//! Contact data: EMAIL_ADDRESS, PHONE_NUMBER (E.164 and national formats of US, UK, DE,
//! FR, ES, IT, NL, validated with libphonenumber's metadata), URL.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use phonenumber::country::Id;

use super::{phone_plan, whole, Pattern};
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    keep_plans_compiled();
    vec![
        Pattern::new(
            "email",
            Entity::EmailAddress,
            r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b",
            email,
        )
        .context(&["email", "e-mail", "mail", "contact"]),
        Pattern::new(
            "phone",
            Entity::PhoneNumber,
            // A bare number in brackets after a name (`Mathilde Bauer (0214591044)`) first;
            // a country code in brackets (`(+39) 358.359.6035`), and an area code spaced
            // in pairs inside them (`(0 65 92) 732 30`), as older German print has it.
            r"\(\+?\d{9,13}\)|(?:(?:\(\+|\+|\b00)[1-9][0-9 ().-]{6,18}[0-9]|(?:\(\d{2,5}\)[ ]?|\(0[0-9 ]{2,6}[0-9]\)[ ]?|\b\d)[0-9 ./-]{5,16}\d)(?:[ ]?(?:x|ext\.?|extension|extensión|Durchwahl|DW|poste|int\.|interno|toestel|tst\.|#)[ ]?\d{1,6})?\b",
            phone,
        )
        .context(&[
            "phone", "tel", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "reach me", "telefon",
            "handy", "téléphone", "portable", "móvil", "teléfono", "cellulare", "telefono", "telefoon", "mobiel",
            // "its number is", "reachable at", "call him on" in the six languages.
            "number is", "my number", "new number", "numéro est", "mon numéro", "nouveau numéro",
            "número es", "mi número", "nuevo número", "numero è", "il mio numero", "nuovo numero",
            "nummer is", "mijn nummer", "nieuw nummer", "nieuwe nummer", "nummer ist", "meine nummer",
            "neue nummer", "reach",
            // Chat word order and spelling: `tengo numero nuevo`, `nouveau num`.
            "numero nuevo", "nouveau num", "nummer nieuw",
            "erreichbar", "ruf ", "anrufen", "joindre", "appelle", "localizar", "llámale", "llama al",
            "raggiungibile", "chiama", "bereikbaar", "bel hem", "bel haar", "bel me", "bellen",
            "contact", "kontakt", "contacto", "contatto", "gsm", "tlf", "móvil", "mobil", "cellulaire",
            // Call-backs and queries in the six languages: `me puede llamar al`, `rappelez-moi
            // au`, `richiamami al`, `terugbellen op`, `Queries:`.
            "llamar", "llamarme", "llámame", "rappelez", "rappeler", "appeler", "richiamare",
            "richiamami", "chiamami", "zurückrufen", "rückruf", "terugbellen",
            // `Pide que le llamen al ...`, `llámeme`; `Referente: Ottavia Di Benedetto, ...`
            // (the contact person for the day, an Italian form's label).
            "llame", "llámeme", "referente",
            // Polite and plural imperatives: `appelez le`, `chiamate il`, `llámenos al`.
            "appelez", "chiamate", "llámenos", "call us", "bel ons",
            "queries", "rufnummer", "servicetelefon",
        ])
        // A product's or article's code shaped like a phone number (`Artikelnr.
        // 683-494-7217`, `Réf. article (86) 850 3103`): its label rules it out.
        .veto_before(PRODUCT_CODE_LABELS)
        // A carrier's tracking number or a barcode in groups (`tracking number 9400 2262
        // 4053 4457 0781 97`): its tail is shaped like a phone number.
        .veto(PARCEL_AND_BARCODE_WORDS)
        .numeric()
        .cluster(7),
        // A number read out in a voice transcript, word by word or digit by digit, in the
        // six languages (`zero zero four four one two ...`, `plus 31 zes een twee ...`,
        // `null eins sieben sechs ...`, `0 6 1 2 8 0 7 1 4 2`).
        Pattern::new("spoken_phone", Entity::PhoneNumber, SPOKEN, spoken_phone).context(&[
            "number", "nummer", "numéro", "número", "numero", "call", "anrufen", "rappeler",
            "llamada", "richiamare", "terugbellen", "phone", "telefon", "téléphone", "teléfono",
            "telefono", "telefoon",
        ]),
        Pattern::new(
            "url",
            Entity::Url,
            r#"\b(?:https?|ftp)://[^\s<>"'`{}|\\^\[\]]+|\bwww\.[A-Za-z0-9-]+\.[^\s<>"'`{}|\\^\[\]]+"#,
            url,
        ),
    ]
}

/// A run of at least seven digit words or digits, perhaps after `plus` and a country code;
/// or `plus`, a country code and groups of numerals (`plus 33 4 36 83 66 50`).
const SPOKEN: &str = r"(?i)\b(?:plus|più|más|mas)[ ]\d{1,3}(?:[ ]\d{1,4}){3,7}\b|(?i)\b(?:(?:plus|più|más|mas)[ ]\d{1,3}[ ])?(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|oh|double|triple|null|eins|zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|doppel|zéro|un|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|due|tre|quattro|cinque|sei|sette|otto|nove|nul|een|één|twee|drie|vijf|zes|zeven|negen|\d)[ ])+(?:zero|one|two|three|four|five|six|seven|eight|nine|oh|null|eins|zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zéro|un|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|due|tre|quattro|cinque|sei|sette|otto|nove|nul|een|één|twee|drie|vijf|zes|zeven|negen|\d)\b";

/// The digits a spoken number stands for: nine to fifteen, `double`/`triple` repeating the
/// next one. Digit words in the six languages; a bare numeral counts its own digits.
fn spoken_phone(s: &str) -> Option<(usize, f32)> {
    // Seven to twenty-one words, counted here: the pattern says `+`, not `{6,20}`,
    // whose twenty copies of the word list made this one pattern's automaton many times
    // larger.
    let mut digits = 0usize;
    let mut words = 0usize;
    let mut repeat = 1usize;
    let mut tokens = s.split(' ').peekable();
    if tokens
        .peek()
        .is_some_and(|t| matches!(t.to_lowercase().as_str(), "plus" | "più" | "más" | "mas"))
    {
        tokens.next();
        // `plus 33 4 36 83 66 50`: the plus said, the digits written as numerals; an
        // international number when libphonenumber's plan says so.
        let rest: Vec<&str> = tokens.clone().collect();
        if rest.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit())) {
            let number = format!("+{}", rest.concat());
            let valid = (9..=16).contains(&number.len())
                && remembered(&number, || phone_plan::parses_valid(None, &number));
            return valid.then_some((s.len(), 0.6));
        }
        digits += tokens.next()?.len();
    }
    if !(7..=21).contains(&tokens.clone().count()) {
        return None;
    }
    for t in tokens {
        if t.bytes().all(|b| b.is_ascii_digit()) {
            digits += t.len() * repeat;
            repeat = 1;
            continue;
        }
        match t.to_lowercase().as_str() {
            "double" | "doppel" => repeat = 2,
            "triple" => repeat = 3,
            _ => {
                digits += repeat;
                words += 1;
                repeat = 1;
            }
        }
    }
    // Numerals alone must be single digits read one by one (`0 6 1 2 8 0 7 1 4 2`), not
    // a table's columns: at least nine of them.
    let single_numerals = s.split(' ').filter(|t| t.len() == 1).count();
    ((9..=15).contains(&digits) && (words >= 5 || single_numerals >= 9)).then_some((s.len(), 0.6))
}

/// Labels of a product's or article's code, which is often shaped like a phone or
/// health number (`Artikelnr. 683-494-7217`, `Réf. article (86) 850 3103`); and the
/// status of a booking record's flight segment with its number of seats (`HK2`, as
/// reservation systems print it), which the departure and arrival times follow (`… 14JUN
/// LHRDUB HK2 0705 0820`): two times, not a number to dial.
pub(crate) const PRODUCT_CODE_LABELS: &[&str] = &[
    "hk1",
    "hk2",
    "hk3",
    "hk4",
    "hk5",
    "hk6",
    "hk7",
    "hk8",
    "hk9",
    "kk1",
    "kk2",
    "kk3",
    "kk4",
    "tk1",
    "tk2",
    "tk3",
    "tk4",
    "ss1",
    "ss2",
    "ss3",
    "ss4",
    "rr1",
    "rr2",
    "rr3",
    "rr4",
    "artikelnr",
    "art.-nr",
    "art.nr",
    "artikelnummer",
    "artikel-nr",
    "articolo",
    "cod. art",
    "codice articolo",
    "article",
    "réf",
    "artículo",
    "ref. art",
    "part no",
    "part number",
    "part #",
    "sku",
    "item no",
    "item #",
    "model no",
    "modellnr",
    "productcode",
    "productnummer",
    "référence produit",
];

/// Words of parcel tracking and barcodes in the six languages: a number near one is a
/// tracking number or an article's barcode, not a phone or a card.
pub(crate) const PARCEL_AND_BARCODE_WORDS: &[&str] = &[
    "tracking",
    "track-and-trace",
    "tracecode",
    "sendungsnummer",
    "sendungsverfolgung",
    "numéro de suivi",
    "número de seguimiento",
    "numero di tracciamento",
    "barcode",
    "strichcode",
    "code-barres",
    "código de barras",
    "codice a barre",
    "streepjescode",
    "gtin",
    // Air waybills (`air waybill 176-12345675`) and book numbers (`ISBN 0-306-40615-2`).
    "waybill",
    "awb",
    "luftfrachtbrief",
    "lettre de transport",
    "conocimiento aéreo",
    "lettera di vettura",
    "luchtvrachtbrief",
    "isbn",
];

/// `2024/482065`, `CVE-2021-26128`'s tail `2021-26128`: a year from 1900 to 2099, a
/// slash or dash and digits only.
fn year_slash_serial(s: &str) -> bool {
    s.split_once(['/', '-']).is_some_and(|(year, serial)| {
        year.len() == 4
            && (year.starts_with("19") || year.starts_with("20"))
            && year.bytes().all(|b| b.is_ascii_digit())
            && !serial.is_empty()
            && serial.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `47.758089`: a decimal number (a coordinate, a measurement), one dot and no trunk
/// zero. Dotted phone numbers with one dot start with one (`0176.0563667`) and keep at
/// least four digits after it, so a zero-padded reading with three decimals or fewer
/// (a meter's `03554.334`) is a measurement too.
fn decimal_fraction(s: &str) -> bool {
    s.split_once('.').is_some_and(|(int, frac)| {
        (!int.starts_with('0') || frac.len() <= 3)
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `62783-1-335` (an IEC standard and its part), `850111-17-0` (a CAS registry number):
/// dash-joined digit groups where a group after the first has one digit. National numbers
/// written with dashes keep groups of two or more after the first (`06-12-34-56-78`,
/// `1-514-555-0123`, `0176-0563667`).
fn part_numbered(s: &str) -> bool {
    s.contains('-')
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && s.split('-').skip(1).any(|g| g.len() == 1)
}

/// Two-digit groups joined by `-` or `:` whose first group has no trunk zero
/// (`30-63-62-12-72`): the tail of a MAC address, never a national phone number, which
/// in the plans of the six countries written this way starts with 0 (`06-12-34-56-78`).
fn mac_like(s: &str) -> bool {
    // (Counted as they come: a validator runs on every phone-shaped candidate.)
    let mut groups = 0;
    for g in s.split(['-', ':']) {
        if g.len() != 2
            || !g.bytes().all(|b| b.is_ascii_digit())
            || (groups == 0 && g.starts_with('0'))
        {
            return false;
        }
        groups += 1;
    }
    groups >= 5
}

/// A version written with dots (`8.10.16.1859`, `2.7.0.2113`): a first group of one
/// or two digits without a trunk zero, then three or more groups. Dotted phone numbers
/// start with a zero (`06.15.15.10.53`, `0176.0563667`) or a three-digit area code.
fn dotted_version(s: &str) -> bool {
    let mut groups = 0;
    for g in s.split('.') {
        if g.is_empty()
            || !g.bytes().all(|b| b.is_ascii_digit())
            || (groups == 0 && (g.len() > 2 || g.starts_with('0')))
        {
            return false;
        }
        groups += 1;
    }
    groups >= 4
}

fn email(s: &str) -> Option<(usize, f32)> {
    let (local, domain) = s.split_once('@')?;
    if local.ends_with('.') || local.contains("..") || domain.contains("..") {
        return None;
    }
    whole(s, 0.9)
}

/// The plans tried for a number without a country code: the six languages' countries and
/// their neighbours that share a language (IE, AT, CH, BE, LU), and Mexico's (ten digits
/// in 2-4-4 groups with spaces, as Mexican numbers are written in Spanish text).
const REGIONS: [Id; 13] = [
    Id::US,
    Id::GB,
    Id::DE,
    Id::FR,
    Id::ES,
    Id::IT,
    Id::NL,
    Id::IE,
    Id::AT,
    Id::CH,
    Id::BE,
    Id::LU,
    Id::MX,
];

fn phone(whole_match: &str) -> Option<(usize, f32)> {
    // `(0214591044)`: a whole number in brackets is typed as a phone number is.
    if let Some(inner) = whole_match
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
    {
        return phone(inner).map(|(_, c)| (whole_match.len(), c.max(0.6)));
    }
    // A US-style extension (`x1234`, `ext. 12`) belongs to the value but not to the
    // number libphonenumber validates.
    let s = match whole_match.find(|c: char| c.is_ascii_alphabetic() || c == '#') {
        Some(p) => whole_match[..p].trim_end(),
        None => whole_match,
    };
    let len = if s.len() < whole_match.len() {
        whole_match.len()
    } else {
        s.trim_end_matches([' ', '.', '-', '(']).len()
    };
    let s = s.trim_end_matches([' ', '.', '-', '(']);
    // A bracketed trunk zero (`0049 (0)151 …`) is not dialled from abroad: E.164's
    // fifteen digits do not count it.
    let trunk_zeros = if s.as_bytes().contains(&b'(') {
        s.matches("(0)").count()
    } else {
        0
    };
    let digit_count = s.bytes().filter(u8::is_ascii_digit).count();
    if !(7..=15).contains(&(digit_count - trunk_zeros)) {
        return None;
    }
    let international = s.starts_with(['+', '(']) && s.trim_start_matches('(').starts_with('+')
        || s.starts_with("00");
    // Looks typed like a phone number: grouped digits or a bracketed area code.
    // A bare digit run needs a context word to pass the threshold.
    let formatted = s.contains(['(', ' ', '-', '.', '/']);
    // `Atestado 2024/482065`, `PV n° 2026/316745`: a year, a slash and a serial number
    // are a file's reference; no national plan starts a number with a year.
    if year_slash_serial(s) || decimal_fraction(s) || part_numbered(s) {
        return None;
    }
    // `2.7.0.2113. 200 g Mehl`: a version ending a sentence, then an amount.
    let before_full_stop = s.split(". ").next().unwrap_or(s);
    if is_date_like(s)
        || s.parse::<std::net::Ipv4Addr>().is_ok()
        || dotted_version(s)
        || dotted_version(before_full_stop)
        || mac_like(s)
    {
        return None;
    }
    if international {
        // `+44 (0)20 ...`: the bracketed trunk zero is dialled only nationally.
        // `(+34) 978 ...`: the brackets around the country code are typography.
        let s = &s.replace("(0)", "").replace(['(', ')'], "");
        let normalized = if let Some(rest) = s.strip_prefix("00") {
            format!("+{rest}")
        } else {
            s.to_string()
        };
        let valid = remembered(&normalized, || phone_plan::parses_valid(None, &normalized));
        // Shaped like an international number but outside libphonenumber's plan (its
        // metadata lags the national plans): a phone only with a phone word nearby,
        // unless written with the bracketed trunk zero (`+31(0)765-033835`), which only
        // phone numbers carry.
        let trunk = whole_match.contains("(0)") && (10..=14).contains(&digit_count);
        return Some((
            len,
            if valid {
                0.9
            } else if trunk {
                0.6
            } else {
                0.16
            },
        ));
    }
    // Parsing is the expensive step: only try regions whose national plan fits the
    // leading digit and length (US 10 digits; the European plans start with a trunk 0
    // or, in Spain and Italy, with 6-9 or 3 for mobiles).
    let first = s.bytes().find(u8::is_ascii_digit).unwrap_or(b'0');
    let spaced = s.contains(' ') && !s.contains(['-', '/', '.', '(']);
    let valid = remembered(s, || {
        REGIONS
            .iter()
            .filter(|r| plausible(**r, first, digit_count, spaced) && grouping(**r, s))
            .any(|r| phone_plan::parses_valid(Some(*r), s))
    });
    if !valid {
        // A bracketed trunk-zero area code (`(0118) 4960394`, `(0768)-736633`): typed as
        // only national phone numbers are, even where our metadata lags the plan.
        let bracketed = s.starts_with("(0") && (10..=12).contains(&digit_count);
        return bracketed.then_some((len, 0.6));
    }
    // A bare run with a trunk zero and a national number's length (`01558823456`,
    // `0470123456`): dialled as written, and valid in a plan.
    let trunk_run = first == b'0' && (10..=11).contains(&digit_count);
    Some((
        len,
        if formatted {
            0.6
        } else if trunk_run {
            0.5
        } else {
            0.3
        },
    ))
}

/// libphonenumber validation costs 5-20 µs per candidate, and chat clients resend the
/// whole conversation with every request, so the same numbers come back again and
/// again. Verdicts are remembered per thread (no lock between the gateway's workers or
/// `redact --jobs`'s) under a keyed 64-bit hash (no number is kept), at most
/// `PHONE_CACHE` of them; the table is cleared when full.
const PHONE_CACHE: usize = 8192;

/// Each candidate's verdict, keyed by its hash under the thread's random key.
type Verdicts = HashMap<u64, bool, BuildHasherDefault<Prehashed>>;

thread_local! {
    static VERDICTS: RefCell<(RandomState, Verdicts)> =
        RefCell::new((RandomState::new(), HashMap::default()));
}

/// The verdicts' keys are already SipHash values under the thread's random key: the
/// table uses them as they are instead of hashing them a second time.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Compiled national-plan patterns libphonenumber keeps. The crate compiles each
/// plan's patterns on first use into an LRU of 100, fewer than the patterns of the 13
/// plans a bare number is tried against plus those of the country codes in one text, so
/// a varied PII-dense text recompiled patterns on almost every number: half of
/// `redact --format jsonl`'s time on the held-out corpora went to compiling the same
/// patterns again. The metadata is fixed, so this bounds the memory as before (only
/// patterns in use are compiled), higher.
const PLAN_PATTERNS: usize = 4096;

fn keep_plans_compiled() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let cache = phonenumber::metadata::DATABASE.cache();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.set_capacity(PLAN_PATTERNS);
    });
}

fn remembered(candidate: &str, validate: impl FnOnce() -> bool) -> bool {
    let key = VERDICTS.with_borrow(|(keys, verdicts)| {
        let key = keys.hash_one(candidate);
        verdicts.get(&key).copied().ok_or(key)
    });
    let key = match key {
        Ok(verdict) => return verdict,
        Err(key) => key,
    };
    // Validated outside the borrow: nothing here is re-entered, but the table stays
    // free while libphonenumber runs.
    let verdict = validate();
    VERDICTS.with_borrow_mut(|(_, verdicts)| {
        if verdicts.len() >= PHONE_CACHE {
            verdicts.clear();
        }
        verdicts.insert(key, verdict);
    });
    verdict
}

fn plausible(region: Id, first: u8, digits: usize, spaced: bool) -> bool {
    match region {
        Id::US => {
            (digits == 10 && first != b'0' && first != b'1') || (digits == 11 && first == b'1')
        }
        Id::GB => first == b'0' && (10..=11).contains(&digits),
        Id::DE => first == b'0' && (6..=13).contains(&digits),
        Id::FR | Id::NL => first == b'0' && digits == 10,
        Id::ES => digits == 9 && (b'6'..=b'9').contains(&first),
        Id::IT => (first == b'0' || first == b'3') && (6..=11).contains(&digits),
        Id::IE => first == b'0' && (7..=10).contains(&digits),
        Id::AT => first == b'0' && (6..=14).contains(&digits),
        Id::CH => first == b'0' && digits == 10,
        Id::BE => first == b'0' && (9..=10).contains(&digits),
        // No trunk prefix: eight-digit fixed lines (`27 53 61 27`) and nine-digit mobiles
        // starting with 6 (`628 123 456`), written with spaces as Luxembourg writes them;
        // other bare or dashed runs of eight or nine digits are record and part numbers.
        Id::LU => spaced && (digits == 8 && first != b'0' || digits == 9 && first == b'6'),
        Id::MX => digits == 10 && first != b'0' && first != b'1',
        _ => false,
    }
}

/// Whether the digit groups of `s` are written as numbers of `region` without a trunk
/// zero are: North American ten digits in one run, 3-3-4 or 3-7, perhaps after a 1
/// (`(514) 555-0123`, `1-514-555-0123`); Mexican ones 2-4-4 with spaces (`55 1476 9021`); Italian
/// mobiles (starting with 3) in one run or after a three-digit prefix (`347 123 4567`).
/// Port ranges (`36195-64726`) and telemetry triples (`3727 474 8414`) have ten digits in
/// other groups. Numbers with a trunk zero are not checked.
fn grouping(region: Id, s: &str) -> bool {
    match region {
        Id::US => us_grouping(s),
        Id::MX => !s.contains(['-', '.', '/']) && digit_groups(s).as_slice() == [2, 4, 4],
        Id::IT if !s.trim_start_matches('(').starts_with('0') => {
            let groups = digit_groups(s);
            groups.len() == 1 || groups[0] == 3
        }
        _ => true,
    }
}

/// The lengths of the digit runs of `s`.
fn digit_groups(s: &str) -> Vec<usize> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect()
}

fn us_grouping(s: &str) -> bool {
    let mut groups = [0usize; 5];
    let mut n = 0;
    for g in s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
    {
        if n == groups.len() {
            return false;
        }
        groups[n] = g.len();
        n += 1;
    }
    let groups = &groups[..n];
    let groups = match groups {
        [1, rest @ ..] => rest,
        _ => groups,
    };
    matches!(groups, [10] | [3, 3, 4] | [3, 7])
}

/// `2024-01-15`, `15.01.2024`, `01/15/2024`: dates, not phone numbers or record numbers.
pub(crate) fn is_date_like(s: &str) -> bool {
    let mut lens = [0usize; 3];
    let mut n = 0;
    for g in s.split(['-', '.', '/', ' ']).filter(|g| !g.is_empty()) {
        if n == 3 {
            return false;
        }
        lens[n] = g.len();
        n += 1;
    }
    n == 3
        && matches!(
            lens,
            [4, 2, 2] | [2, 2, 4] | [1 | 2, 1 | 2, 4] | [4, 1 | 2, 1 | 2]
        )
}

fn url(s: &str) -> Option<(usize, f32)> {
    let trimmed = s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
    if trimmed.len() < 8 {
        return None;
    }
    Some((trimmed.len(), 0.6))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of more plans than libphonenumber's own LRU holds patterns for: once
    /// the recognizers exist, every pattern compiled stays compiled.
    #[test]
    fn plan_patterns_stay_compiled() {
        let _ = patterns();
        let numbers = [
            "+44 20 7946 0958",
            "+49 30 901820",
            "+33 1 45 67 89 12",
            "+34 912 345 678",
            "+39 06 6982 1234",
            "+31 20 529 1087",
            "+353 1 234 5678",
            "+43 1 5880 0",
            "+41 44 668 18 00",
            "+32 2 511 12 34",
            "+352 4796 2222",
            "+52 55 1234 5678",
            "+1 212 555 0199",
            "+48 22 123 45 67",
            "+351 21 123 4567",
            "+90 212 123 45 67",
            "+212 522 123 456",
            "+84 24 3825 1234",
            "+355 4 222 3456",
            "+45 33 12 34 56",
            "+46 8 123 456 78",
            "+47 22 12 34 56",
            "+358 9 1234 567",
            "+30 21 0123 4567",
        ];
        for n in numbers {
            let _ = phonenumber::parse(None, n).map(|p| phonenumber::is_valid(&p));
        }
        let cache = phonenumber::metadata::DATABASE.cache();
        let kept = cache.lock().unwrap().len();
        assert!(kept > 100, "only {kept} plan patterns kept");
    }

    #[test]
    fn email_validator() {
        assert!(email("jane.doe@example.com").is_some());
        assert!(email("jane..doe@example.com").is_none());
    }

    #[test]
    fn year_slash_serials_are_not_phones() {
        assert!(phone("2024/482065").is_none());
        assert!(phone("2021-26128").is_none(), "a CVE id's tail");
        assert!(phone("47.758089").is_none(), "a coordinate");
        assert!(phone("0351/4128890").is_some());
    }

    #[test]
    fn readings_standards_and_registry_numbers_are_not_phones() {
        assert!(phone("03554.334").is_none(), "a meter reading");
        assert!(phone("62783-1-335").is_none(), "an IEC standard's part");
        assert!(phone("850111-17-0").is_none(), "a CAS registry number");
        assert!(phone("0176.0563667").is_some());
        assert!(phone("06-12-34-56-78").is_some());
    }

    #[test]
    fn spoken_numbers() {
        assert!(
            spoken_phone("zero zero four four one two one two two six five three four six")
                .is_some()
        );
        assert!(spoken_phone("plus 31 zes een twee twee zes twee negen zes negen").is_some());
        assert!(spoken_phone("0 6 1 2 8 0 7 1 4 2").is_some());
        assert!(spoken_phone("plus 33 4 36 83 66 50").is_some());
        assert!(spoken_phone("plus 34 948 99 47 84").is_some());
        assert!(spoken_phone("plus 34 12 40 7").is_none(), "not in the plan");
        assert!(
            spoken_phone("one two three four five six seven").is_none(),
            "too short"
        );
        assert!(
            spoken_phone("12 40 7 3 9 11 2").is_none(),
            "numerals of a table"
        );
    }

    #[test]
    fn north_american_numbers_keep_their_grouping() {
        for s in [
            "(514) 555-0123",
            "514.555.0123",
            "1-514-555-0123",
            "5145550123",
            "514-5550123",
        ] {
            assert!(us_grouping(s), "{s}");
        }
        for s in [
            "36195-64726",
            "3727 474 8414",
            "51455 50123",
            "5-1-4-5-5-5-0-1-2-3",
        ] {
            assert!(!us_grouping(s), "{s}");
        }
    }

    #[test]
    fn mac_address_tails_are_not_phones() {
        assert!(mac_like("30-63-62-12-72"));
        assert!(!mac_like("06-12-34-56-78"));
        assert!(phone("30-63-62-12-72").is_none());
    }

    #[test]
    fn phone_validator() {
        assert!(phone("(0214591044)").is_some_and(|(l, c)| l == 12 && c >= 0.6));
        assert!(phone("(0118) 4960394").is_some());
        assert!(phone("8.10.16.1859").is_none(), "a four-part version");
        assert!(dotted_version("2.7.0.2113") && !dotted_version("06.15.15.10.53"));
        assert!(phone("+44 20 7946 0958").is_some());
        assert!(phone("+49 30 901820").is_some());
        assert!(phone("(415) 555-2671").is_some());
        // Outside libphonenumber's plan: below the threshold until a phone word is near.
        assert!(
            phone("+1 000 000 0000").is_some_and(|v| v.1 < 0.5),
            "invalid area code"
        );
        assert!(phone("2024-01-15").is_none(), "a date");
        assert!(
            phone("+44 (0)20 7946 0958").is_some(),
            "bracketed trunk zero"
        );
        for bracketed in [
            "(+39) 358.359.6035",
            "(+34) 978 959 207",
            "0049 (0)151 38928391",
        ] {
            assert!(phone(bracketed).is_some_and(|v| v.1 >= 0.6), "{bracketed}");
        }
        assert!(
            phone("(0 65 92) 732 30").is_some_and(|v| v.1 >= 0.6),
            "area code spaced in pairs"
        );
        assert_eq!(
            phone("(415) 555-2671 x1234").map(|v| v.0),
            Some(20),
            "extension kept in the span"
        );
    }
}
