//! The other national identifiers of Presidio 2.2 through `ledgergate redact`: each is
//! found and masked next to its usual label, and the same value with its check digit
//! broken is not reported as that entity.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod pii_support;

/// `redact --format json` without a policy.
fn findings(text: &str) -> (String, Vec<serde_json::Value>) {
    pii_support::redact_json(&[], text)
}

/// The value with its last digit changed (a broken check digit or letter).
fn broken(value: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let last = chars.len() - 1;
    chars[last] = match chars[last] {
        '9' => '0',
        c if c.is_ascii_digit() => char::from(c as u8 + 1),
        'Z' => 'A',
        c => char::from(c as u8 + 1),
    };
    chars.into_iter().collect()
}

/// (label before the value, entity, a valid value from the issuer's published examples
/// or built with the check digit algorithm).
const CASES: &[(&str, &str, &str)] = &[
    ("Our ABN is", "AU_ABN", "51 824 753 556"),
    ("ACN", "AU_ACN", "004 085 616"),
    ("Tax file number (TFN):", "AU_TFN", "123 456 782"),
    ("Medicare card", "AU_MEDICARE", "2123 45670 1"),
    ("Aadhaar", "IN_AADHAAR", "2341 2341 2346"),
    ("NRIC", "SG_NRIC_FIN", "S1234567D"),
    ("UEN", "SG_UEN", "53123456L"),
    ("RRN", "KR_RRN", "850315-1234566"),
    ("PESEL", "PL_PESEL", "44051401359"),
    ("henkilötunnus", "FI_PERSONAL_IDENTITY_CODE", "131052-308T"),
    ("personnummer", "SE_PERSONNUMMER", "811228-9874"),
    ("Thai national ID", "TH_TNIN", "1101700123456"),
    ("Partita IVA", "IT_VAT_CODE", "07643520567"),
    ("ABA routing", "ABA_ROUTING_NUMBER", "011000015"),
];

#[test]
fn national_identifiers_with_a_checksum_are_found_and_masked() {
    for (label, entity, value) in CASES {
        let text = format!("{label} {value}, thanks.");
        let (redacted, found) = findings(&text);
        assert!(
            found.iter().any(|f| f["entity"] == *entity),
            "{text}: {found:?}"
        );
        assert!(!redacted.contains(value), "{redacted}");

        // Medicare's last digit is the card's issue number; its check digit is the ninth.
        let bad = if *entity == "AU_MEDICARE" {
            "2123 45671 1".to_string()
        } else {
            broken(value)
        };
        let text = format!("{label} {bad}, thanks.");
        let (_, found) = findings(&text);
        assert!(
            !found.iter().any(|f| f["entity"] == *entity),
            "broken check digit still found: {text}: {found:?}"
        );
    }
}

#[test]
fn format_only_identifiers_need_their_label() {
    for (label, entity, value) in [
        ("PAN", "IN_PAN", "ABCPE1234F"),
        ("Voter ID (EPIC)", "IN_VOTER", "ABC1234567"),
        (
            "vehicle registration",
            "IN_VEHICLE_REGISTRATION",
            "MH 12 AB 1234",
        ),
        ("patente", "IT_DRIVER_LICENSE", "U11234567A"),
        ("passaporto", "IT_PASSPORT", "YA1234567"),
        ("carta d'identità", "IT_IDENTITY_CARD", "CA12345AB"),
    ] {
        let text = format!("{label}: {value}");
        let (redacted, found) = findings(&text);
        assert!(
            found.iter().any(|f| f["entity"] == entity),
            "{text}: {found:?}"
        );
        assert!(!redacted.contains(value), "{redacted}");
        let (_, found) = findings(&format!("The code {value} is printed on the box."));
        assert!(
            !found.iter().any(|f| f["entity"] == entity),
            "{value}: {found:?}"
        );
    }
}
