//! United Kingdom identifiers: UK_NHS (mod 11), UK_NINO (prefix and suffix rules).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new(
            "uk_nhs",
            Entity::UkNhs,
            r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b",
            nhs,
        )
        .context(&["nhs", "health service", "patient"])
        .veto_before(super::contact::PRODUCT_CODE_LABELS)
        .numeric()
        .cluster(10),
        Pattern::new(
            "uk_nino",
            Entity::UkNino,
            r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
            nino,
        )
        .context(&["national insurance", "nino", "ni number", "ni no"])
        .cluster(6),
    ]
}

fn nhs(s: &str) -> Option<(usize, f32)> {
    // A valid mod 11 alone is a 1-in-11 event for any 10-digit number; spacing 3-3-4 or a
    // context word carries the rest.
    if !checksum::nhs(s) {
        return None;
    }
    whole(s, if s.contains([' ', '-']) { 0.6 } else { 0.35 })
}

fn nino(s: &str) -> Option<(usize, f32)> {
    let prefix = &s[..2];
    if matches!(prefix, "BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ") {
        return None;
    }
    whole(s, 0.85)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_and_nino() {
        assert!(nhs("943 476 5919").is_some());
        assert!(nhs("943 476 5918").is_none());
        assert!(nino("AB123456C").is_some());
        assert!(nino("GB123456C").is_none());
    }
}
