//! EU national identifiers: DE_TAX_ID (Steuer-ID), IT_FISCAL_CODE, ES_NIF, ES_NIE,
//! FR_NIR, NL_BSN, each with its check digit or letter.

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new("de_tax_id", Entity::DeTaxId, r"\b[1-9]\d(?:[ ]?\d{3}){3}\b", de_tax_id)
            .context(&["steuer", "steuer-id", "steueridentifikationsnummer", "tax id", "idnr", "tin"])
            .numeric().cluster(11),
        Pattern::new(
            "it_fiscal_code",
            Entity::ItFiscalCode,
            r"\b[A-Za-z]{6}\d{2}[A-Ea-eHhLlMmPpR-Tr-t]\d{2}[A-Za-z]\d{3}[A-Za-z]\b",
            it_fiscal_code,
        )
        .context(&["codice fiscale", "fiscal code", "cf"]),
        Pattern::new("es_nif", Entity::EsNif, r"\b\d{8}-?[A-Za-z]\b", es_nif)
            .context(&["nif", "dni", "documento"]).cluster(8),
        Pattern::new("es_nie", Entity::EsNie, r"\b[XYZxyz]-?\d{7}-?[A-Za-z]\b", es_nie).context(&["nie", "extranjero"]).cluster(7),
        Pattern::new(
            "fr_nir",
            Entity::FrNir,
            r"\b[1-478][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AaBb])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}\b",
            fr_nir,
        )
        .context(&["sécurité sociale", "securite sociale", "nir", "insee", "numéro de sécu"])
        // Six digits at least in one cluster: `1 85 05 2` before a Corsican `2A`.
        .numeric().cluster(6),
        Pattern::new("nl_bsn", Entity::NlBsn, r"\b\d{4}\.?\d{2}\.?\d{3}\b|\b\d{9}\b", nl_bsn)
            .context(&["bsn", "burgerservicenummer", "sofinummer", "citizen service"])
            .numeric().cluster(9).alone(0.3),
    ]
}

fn de_tax_id(s: &str) -> Option<(usize, f32)> {
    checksum::de_tax_id(s).then_some((s.len(), 0.55))
}

fn it_fiscal_code(s: &str) -> Option<(usize, f32)> {
    // The check letter makes a random 16-character match a 1-in-26 event; the rigid
    // letter/digit layout does the rest.
    checksum::it_fiscal_code(s).then_some((s.len(), 0.9))
}

fn es_nif(s: &str) -> Option<(usize, f32)> {
    checksum::es_nif(s).then_some((s.len(), 0.85))
}

fn es_nie(s: &str) -> Option<(usize, f32)> {
    checksum::es_nie(s).then_some((s.len(), 0.9))
}

fn fr_nir(s: &str) -> Option<(usize, f32)> {
    checksum::fr_nir(s).then_some((s.len(), 0.85))
}

fn nl_bsn(s: &str) -> Option<(usize, f32)> {
    // 1 in 11 nine-digit numbers pass the 11-test: report only with a context word.
    if !checksum::bsn(s) {
        return None;
    }
    whole(s, 0.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_validators() {
        assert!(de_tax_id("86095742719").is_some());
        assert!(de_tax_id("86095742718").is_none());
        assert!(it_fiscal_code("RSSMRA85T10A562S").is_some());
        assert!(it_fiscal_code("RSSMRA85T10A562X").is_none());
        assert!(es_nif("12345678Z").is_some());
        assert!(es_nie("X1234567L").is_some());
        assert!(fr_nir("269054958815780").is_some());
        assert!(nl_bsn("111222333").is_some());
        assert!(nl_bsn("111222334").is_none());
    }
}
