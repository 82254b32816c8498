//! Payment data: CREDIT_CARD (the networks' issuer ranges and lengths, 12-19 digits, and Luhn), IBAN_CODE (per-country length
//! and mod 97 through `iban_validate`).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new(
            "credit_card",
            Entity::CreditCard,
            r"\b\d(?:[ -]?\d){11,18}\b",
            credit_card,
        )
        .context(&[
            "card",
            "credit",
            "visa",
            "mastercard",
            "amex",
            "cc",
            "maestro",
            "jcb",
            "diners",
            "discover",
            "unionpay",
            "debit",
            "kreditkarte",
            "karte",
            "kartennummer",
            "bankkarte",
            "girocard",
            "carte",
            "cb",
            "tarjeta",
            "carta",
            "bancomat",
            "kaart",
            "creditcard",
            "pinpas",
            "betaalpas",
            // "Which bank issued 5490 ...": a card's issuer, not an issue tracker's number.
            "issued",
            "bank",
            // Charging or refunding it, in the six languages.
            "charge",
            "refund",
            "payment",
            "prélèvement",
            "paiement",
            "remboursement",
            "cobro",
            "cargo",
            "reembolso",
            "pago",
            "addebito",
            "rimborso",
            "pagamento",
            "abbuchung",
            "belastung",
            "erstattung",
            "zahlung",
            "afschrijving",
            "terugbetaling",
            "betaling",
        ])
        // An EAN-13 barcode can pass Luhn and a 13-digit Visa range (`Barcode 4018913644918`).
        .veto(super::contact::PARCEL_AND_BARCODE_WORDS)
        .numeric()
        .cluster(12),
        Pattern::new(
            "iban",
            Entity::IbanCode,
            r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b",
            iban,
        )
        .context(&[
            "iban", "bank", "account", "konto", "compte", "cuenta", "conto", "rekening",
        ]),
    ]
}

fn credit_card(s: &str) -> Option<(usize, f32)> {
    // One kind of separator, used consistently: "4111 1111 1111 1111" or none at all.
    let has_space = s.contains(' ');
    let has_dash = s.contains('-');
    if has_space && has_dash {
        return None;
    }
    let d = checksum::digits(s)?;
    // Outside the published ranges (networks add ranges before the tables catch up):
    // a Luhn-valid 12-19 digit number is a card only next to a card word.
    let confidence = issuer(&d).unwrap_or(0.16);
    if d.iter().all(|&x| x == d[0]) {
        return None;
    }
    checksum::luhn_digits(&d).then_some((s.len(), confidence))
}

/// The card networks' published IIN ranges and lengths (Visa, Mastercard, American
/// Express, Diners Club International, Discover, JCB including its 15-digit 1800/2131
/// ranges, UnionPay, Maestro, Mir, RuPay, Dankort, Troy). Returns the confidence: a
/// 12-15 digit number that only Maestro allows is common enough among other numbers
/// that it needs a context word.
fn issuer(d: &[u8]) -> Option<f32> {
    let n = d.len();
    let prefix = |k: usize| d[..k].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let (p2, p3, p4, p6) = (prefix(2), prefix(3), prefix(4), prefix(6));
    let long = (16..=19).contains(&n);
    let strong = match d[0] {
        4 => matches!(n, 13 | 16 | 19),
        5 => n == 16 && ((51..=55).contains(&p2) || p4 == 5019),
        2 => {
            ((2221..=2720).contains(&p4) && n == 16)
                || ((2200..=2204).contains(&p4) && long)
                || (p4 == 2131 && n == 15)
        }
        1 => p4 == 1800 && n == 15,
        3 => {
            ((p2 == 34 || p2 == 37) && n == 15)
                || (((300..=305).contains(&p3) || p4 == 3095 || matches!(p2, 36 | 38 | 39))
                    && (14..=19).contains(&n))
                || ((3528..=3589).contains(&p4) && long)
        }
        6 => {
            (p4 == 6011
                || (644..=649).contains(&p3)
                || p2 == 65
                || (622_126..=622_925).contains(&p6)
                || p2 == 62
                || p2 == 60)
                && long
        }
        9 => p4 == 9792 && n == 16,
        _ => false,
    };
    if strong {
        return Some(0.9);
    }
    // Maestro: 50, 56-58 and 6 (639, 67 and the 6304/6759/676x ranges), 12 to 19 digits.
    let maestro =
        (matches!(p2, 50 | 56..=58 | 67) || p3 == 639 || p4 == 6304) && (12..=19).contains(&n);
    maestro.then_some(if n >= 16 { 0.9 } else { 0.45 })
}

fn iban(s: &str) -> Option<(usize, f32)> {
    // The regex is greedy over space-separated groups; a following upper-case word can
    // be swallowed, so try shorter group boundaries before giving up.
    // A valid IBAN (the country's length and mod 97) is as certain as a context word
    // makes any number (0.99): its groups of four after a phone number's cue
    // (`téléphone …, virement sur FR19 3339 0981 …`) are no phone numbers, and on a tie
    // the longer finding wins.
    let mut end = s.len();
    loop {
        if checksum::iban(&s[..end]) {
            return whole(&s[..end], 0.99);
        }
        match s[..end].rfind(' ') {
            Some(p) if p >= 15 => end = p,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards() {
        assert!(credit_card("4111 1111 1111 1111").is_some());
        assert!(credit_card("5500-0000-0000-0004").is_some());
        assert!(credit_card("378282246310005").is_some());
        assert!(credit_card("4111 1111 1111 1112").is_none(), "bad Luhn");
        assert!(
            credit_card("9111111111111111").is_none(),
            "bad Luhn, no issuer starts with 9"
        );
        assert!(
            credit_card("4111 1111-1111 1111").is_none(),
            "mixed separators"
        );
    }

    #[test]
    fn issuer_ranges_beyond_visa_and_mastercard() {
        // Luhn-valid numbers of each range, built here so the test shows the rule.
        let valid = |body: &str| {
            (0..10)
                .map(|c| format!("{body}{c}"))
                .find(|s| checksum::luhn(s))
                .unwrap()
        };
        let jcb15 = valid("18001234567890");
        assert_eq!(credit_card(&jcb15).map(|v| v.1), Some(0.9), "{jcb15}");
        let diners14 = valid("3056930902590");
        assert_eq!(credit_card(&diners14).map(|v| v.1), Some(0.9));
        let maestro12 = valid("50181234567");
        assert_eq!(credit_card(&maestro12).map(|v| v.1), Some(0.45));
        let maestro19 = valid("676770123456789012");
        assert_eq!(credit_card(&maestro19).map(|v| v.1), Some(0.9));
        // Outside every range: below the threshold until a card word raises it.
        assert_eq!(credit_card(&valid("99991234567")).map(|v| v.1), Some(0.16));
    }

    #[test]
    fn ibans() {
        assert_eq!(iban("DE89 3704 0044 0532 0130 00").map(|x| x.0), Some(27));
        assert!(iban("DE89 3704 0044 0532 0130 01").is_none());
        assert_eq!(iban("GB82WEST12345698765432 DATA").map(|x| x.0), Some(22));
    }
}
