//! Payment data: CREDIT_CARD (issuer ranges and Luhn), IBAN_CODE (per-country length
//! and mod 97 through `iban_validate`).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new(
            "credit_card",
            Entity::CreditCard,
            r"\b\d(?:[ -]?\d){12,18}\b",
            credit_card,
        )
        .context(&[
            "card",
            "credit",
            "visa",
            "mastercard",
            "amex",
            "cc",
            "kreditkarte",
            "carte",
            "tarjeta",
        ])
        .numeric(),
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
    let issuer = match (d.len(), d[0], d[1]) {
        (13 | 16 | 19, 4, _) => true,
        (16, 5, 1..=5) => true,
        (16, 2, _) => {
            let p4 = u32::from(d[0]) * 1000
                + u32::from(d[1]) * 100
                + u32::from(d[2]) * 10
                + u32::from(d[3]);
            (2221..=2720).contains(&p4)
        }
        (15, 3, 4 | 7) => true,
        (14, 3, 0 | 6 | 8) => true,
        (16..=19, 3, 5) => true,
        (16..=19, 6, _) => matches!(
            (d[1], d[2], d[3]),
            (0, 1, 1) | (5, _, _) | (4, 4..=9, _) | (2, _, _)
        ),
        _ => false,
    };
    if !issuer || d.iter().all(|&x| x == d[0]) {
        return None;
    }
    checksum::luhn_digits(&d).then_some((s.len(), 0.9))
}

fn iban(s: &str) -> Option<(usize, f32)> {
    // The regex is greedy over space-separated groups; a following upper-case word can
    // be swallowed, so try shorter group boundaries before giving up.
    let mut end = s.len();
    loop {
        if checksum::iban(&s[..end]) {
            return whole(&s[..end], 0.95);
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
            "no issuer starts with 9"
        );
        assert!(
            credit_card("4111 1111-1111 1111").is_none(),
            "mixed separators"
        );
    }

    #[test]
    fn ibans() {
        assert_eq!(iban("DE89 3704 0044 0532 0130 00").map(|x| x.0), Some(27));
        assert!(iban("DE89 3704 0044 0532 0130 01").is_none());
        assert_eq!(iban("GB82WEST12345698765432 DATA").map(|x| x.0), Some(22));
    }
}
