//! United States identifiers: US_SSN (SSA validity rules), US_ITIN, US_PASSPORT,
//! US_DRIVER_LICENSE and US_BANK_NUMBER. The last three have no checksum and are
//! reported only next to a context word.

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new(
            "us_ssn",
            Entity::UsSsn,
            r"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b",
            ssn,
        )
        .context(&["ssn", "social security", "social sec", "ss#", "ss #"])
        .numeric()
        .cluster(9),
        Pattern::new(
            "us_itin",
            Entity::UsItin,
            r"\b9\d{2}[- ]?[5-9]\d[- ]?\d{4}\b",
            itin,
        )
        .context(&["itin", "taxpayer", "tax id", "individual taxpayer"])
        .numeric()
        .cluster(9),
        Pattern::new(
            "us_passport",
            Entity::UsPassport,
            r"\b[A-Z]?\d{8,9}\b",
            needs_context,
        )
        .context(&["passport"])
        .numeric()
        .cluster(8)
        .alone(0.3),
        Pattern::new(
            "us_driver_license",
            Entity::UsDriverLicense,
            r"\b[A-Z]\d{4,14}\b|\b[A-Z]{2}\d{5,7}\b|\b\d{7,12}\b",
            needs_context,
        )
        .context(&[
            "driver",
            "driving licen",
            "driver's licen",
            "drivers licen",
            "dl#",
            "dl #",
            "dl:",
            "licence no",
            "license no",
            "license number",
        ])
        .numeric()
        .cluster(4)
        .alone(0.3),
        Pattern::new(
            "us_bank_number",
            Entity::UsBankNumber,
            r"\b\d{8,17}\b",
            needs_context,
        )
        .context(&[
            "account", "acct", "bank", "routing", "checking", "savings", "aba",
        ])
        .veto(&[
            "aws",
            "arn",
            "gcp",
            "azure",
            "cloud",
            "s3",
            "iam",
            "ec2",
            "eks",
            "subscription",
            "tenant",
            "project id",
        ])
        .numeric()
        .cluster(8)
        .alone(0.3),
    ]
}

/// Area 000, 666 and 900-999, group 00 and serial 0000 are never issued, nor are runs of
/// one digit. The advertising numbers (078-05-1120, 219-09-9999) and 123-45-6789 are
/// not real SSNs either, but people do write them as theirs: next to a context word
/// ("SSN 219-09-9999") they are reported, failing closed; alone they are not.
fn ssn(s: &str) -> Option<(usize, f32)> {
    let seps: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_digit()).collect();
    if seps.len() == 2 && seps[0] != seps[1] || seps.len() == 1 {
        return None;
    }
    let d = checksum::digits(s)?;
    let area = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
    let group = d[3] * 10 + d[4];
    let serial = d[5..].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return None;
    }
    let flat: String = d.iter().map(|x| char::from(b'0' + x)).collect();
    if d.iter().all(|&x| x == d[0]) {
        return None;
    }
    if matches!(flat.as_str(), "078051120" | "219099999" | "123456789") {
        return whole(s, 0.3);
    }
    // Formatted 3-2-4 is typical of an SSN; nine bare digits need a context word.
    whole(s, if seps.is_empty() { 0.3 } else { 0.85 })
}

/// ITIN: 9XX, group 50-65, 70-88, 90-92 or 94-99.
fn itin(s: &str) -> Option<(usize, f32)> {
    let d = checksum::digits(s)?;
    let group = d[3] * 10 + d[4];
    let ok = matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99);
    ok.then_some((s.len(), if s.contains(['-', ' ']) { 0.75 } else { 0.3 }))
}

/// No checksum exists: the candidate only passes with a context word nearby.
fn needs_context(s: &str) -> Option<(usize, f32)> {
    let d: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
    if d.iter().all(|&x| x == d[0]) {
        return None;
    }
    whole(s, 0.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssn_rules() {
        assert!(ssn("536-22-1234").is_some());
        assert!(ssn("666-22-1234").is_none());
        assert!(ssn("936-22-1234").is_none());
        assert!(ssn("536-00-1234").is_none());
        assert!(ssn("536-22-0000").is_none());
        assert!(
            ssn("078-05-1120").unwrap().1 < 0.5,
            "advertising numbers need context"
        );
        assert!(ssn("536-22 1234").is_none(), "mixed separators");
        assert!(
            ssn("536221234").unwrap().1 < 0.5,
            "bare digits need context"
        );
    }

    #[test]
    fn itin_groups() {
        assert!(itin("912-70-1234").is_some());
        assert!(itin("912-93-1234").is_none());
    }
}
