//! The other national identifiers Presidio 2.2 ships pattern recognizers for, each with
//! its checksum where one exists: Australia (AU_ABN, AU_ACN, AU_TFN, AU_MEDICARE), India
//! (IN_AADHAAR with Verhoeff, IN_PAN, IN_VEHICLE_REGISTRATION, IN_VOTER, IN_PASSPORT),
//! Singapore (SG_NRIC_FIN, SG_UEN), Korea (KR_RRN), Poland (PL_PESEL), Finland
//! (FI_PERSONAL_IDENTITY_CODE), Sweden (SE_PERSONNUMMER), Thailand (TH_TNIN), Italy
//! (IT_VAT_CODE, IT_DRIVER_LICENSE, IT_PASSPORT, IT_IDENTITY_CARD) and the US
//! ABA_ROUTING_NUMBER. A bare run of digits that passes a checksum is still common
//! among other numbers, so most of these need a context word; the distinctive formats
//! (Singapore's letters, Finland's century sign, Korea's hyphen) stand on their own.

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

/// Below the default threshold: only a context word lifts it.
const NEEDS_CONTEXT: f32 = 0.3;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new("au_abn", Entity::AuAbn, r"\b\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}\b", |s| {
            digits_check(s, checksum::au_abn, 0.6)
        })
        .context(&["abn", "australian business number", "business number"])
        .numeric().cluster(11),
        Pattern::new("au_acn", Entity::AuAcn, r"\b\d{3}[ ]?\d{3}[ ]?\d{3}\b", |s| {
            digits_check(s, checksum::au_acn, NEEDS_CONTEXT)
        })
        .context(&["acn", "australian company number", "company number"])
        .numeric().cluster(9).alone(0.3),
        Pattern::new("au_tfn", Entity::AuTfn, r"\b\d{3}[ ]?\d{3}[ ]?\d{3}\b", |s| {
            digits_check(s, checksum::au_tfn, NEEDS_CONTEXT)
        })
        .context(&["tfn", "tax file number"])
        .numeric().cluster(9).alone(0.3),
        Pattern::new("au_medicare", Entity::AuMedicare, r"\b[2-6]\d{3}[ ]?\d{5}[ ]?\d{1,2}\b", |s| {
            digits_check(s, checksum::au_medicare, NEEDS_CONTEXT)
        })
        .context(&["medicare"])
        .numeric().cluster(10).alone(0.3),
        Pattern::new("in_aadhaar", Entity::InAadhaar, r"\b[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}\b", |s| {
            digits_check(s, checksum::in_aadhaar, NEEDS_CONTEXT)
        })
        .context(&["aadhaar", "aadhar", "uidai", "uid"])
        .numeric().cluster(12).alone(0.3),
        Pattern::new("in_pan", Entity::InPan, r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b", |s| whole(s, 0.4))
            .context(&["pan", "permanent account number", "income tax"]).cluster(4).alone(0.4),
        Pattern::new(
            "in_vehicle_registration",
            Entity::InVehicleRegistration,
            r"\b(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|TN|TR|TS|UK|UP|WB)[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}\b",
            |s| whole(s, NEEDS_CONTEXT),
        )
        .context(&["vehicle", "registration", "number plate", "licence plate", "license plate", "rto"]).cluster(4).alone(0.3),
        Pattern::new("in_voter", Entity::InVoter, r"\b[A-Z]{3}\d{7}\b", |s| whole(s, NEEDS_CONTEXT))
            .context(&["voter", "epic", "election"]).cluster(7).alone(0.3),
        Pattern::new("in_passport", Entity::InPassport, r"\b[A-Z][1-9]\d[ ]?\d{4}[1-9]\b", |s| {
            whole(s, NEEDS_CONTEXT)
        })
        .context(&["passport"]).cluster(7).alone(0.3),
        Pattern::new("sg_nric_fin", Entity::SgNricFin, r"\b[STFG]\d{7}[A-Z]\b", |s| {
            checksum::sg_nric_fin(s).then_some((s.len(), 0.75))
        })
        .context(&["nric", "fin", "identity card", "ic number"]).cluster(7),
        Pattern::new("sg_uen", Entity::SgUen, r"\b\d{8,9}[A-Z]\b", |s| {
            checksum::sg_uen(s).then_some((s.len(), NEEDS_CONTEXT))
        })
        .context(&["uen", "unique entity number", "acra"]).cluster(8).alone(0.3),
        Pattern::new("kr_rrn", Entity::KrRrn, r"\b\d{6}-[1-4]\d{6}\b", |s| {
            digits_check(s, checksum::kr_rrn, 0.7)
        })
        .context(&["rrn", "resident registration", "주민등록번호"]).cluster(13),
        Pattern::new("pl_pesel", Entity::PlPesel, r"\b\d{11}\b", |s| {
            digits_check(s, checksum::pl_pesel, NEEDS_CONTEXT)
        })
        .context(&["pesel"])
        .numeric().cluster(11).alone(0.3),
        Pattern::new(
            "fi_personal_identity_code",
            Entity::FiPersonalIdentityCode,
            r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b",
            |s| checksum::fi_hetu(s).then_some((s.len(), 0.75)),
        )
        .context(&["henkilötunnus", "hetu", "personal identity code", "identity code"]).cluster(6),
        Pattern::new("se_personnummer", Entity::SePersonnummer, r"\b(?:19|20)?\d{6}[-+]?\d{4}\b", |s| {
            let formatted = s.contains(['-', '+']);
            digits_check(s, checksum::se_personnummer, if formatted { 0.5 } else { NEEDS_CONTEXT })
        })
        .context(&["personnummer", "personal identity number", "samordningsnummer"])
        .numeric().cluster(10),
        Pattern::new("th_tnin", Entity::ThTnin, r"\b[1-8](?:[ -]?\d){12}\b", |s| {
            digits_check(s, checksum::th_tnin, NEEDS_CONTEXT)
        })
        .context(&["thai", "national id", "tnin", "citizen id", "เลขประจำตัวประชาชน"])
        .numeric().cluster(13).alone(0.3),
        Pattern::new("it_vat_code", Entity::ItVatCode, r"\b(?:IT[ ]?)?\d{11}\b", |s| {
            let digits = s.trim_start_matches("IT").trim_start();
            (checksum::luhn(digits)).then_some((s.len(), if s.starts_with("IT") { 0.5 } else { NEEDS_CONTEXT }))
        })
        .context(&["partita iva", "p.iva", "p. iva", "piva", "vat", "iva"])
        .numeric().cluster(11),
        Pattern::new("it_driver_license", Entity::ItDriverLicense, r"\b(?:U1|[A-Z]{2})\d{7}[A-Z]\b", |s| {
            whole(s, NEEDS_CONTEXT)
        })
        .context(&["patente", "driving licence", "driver license", "driver's license"]).cluster(7).alone(0.3),
        Pattern::new("it_passport", Entity::ItPassport, r"\b[A-Z]{2}\d{7}\b", |s| whole(s, NEEDS_CONTEXT))
            .context(&["passaporto", "passport"]).cluster(7).alone(0.3),
        Pattern::new(
            "it_identity_card",
            Entity::ItIdentityCard,
            r"\b(?:C[A-Z]\d{5}[A-Z]{2}|[A-Z]{2}\d{7})\b",
            |s| whole(s, NEEDS_CONTEXT),
        )
        .context(&["carta d'identità", "carta di identità", "carta d'identita", "identity card", "cie"]).cluster(5).alone(0.3),
        Pattern::new("aba_routing_number", Entity::AbaRoutingNumber, r"\b\d{4}-?\d{4}-?\d\b", |s| {
            // Checksum-verified: above a generic bank number when both see "routing".
            digits_check(s, checksum::aba_routing, 0.4)
        })
        .context(&["aba", "routing", "rtn", "transit number"])
        .numeric().cluster(9).alone(0.4),
    ]
}

/// Runs a digit checksum over the candidate's digits (separators skipped).
fn digits_check(s: &str, check: fn(&[u8]) -> bool, confidence: f32) -> Option<(usize, f32)> {
    let d = checksum::digits(s)?;
    if d.iter().all(|&x| x == d[0]) {
        return None;
    }
    check(&d).then_some((s.len(), confidence))
}
