//! CRYPTO wallet addresses: Bitcoin Base58Check (P2PKH, P2SH), Bitcoin Bech32/Bech32m
//! (segwit) and Ethereum (EIP-55 checksum when mixed case).

use super::{whole, Pattern};
use crate::pii::checksum;
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    const CTX: &[&str] = &[
        "bitcoin", "btc", "wallet", "ethereum", "eth", "address", "crypto", "send to",
    ];
    vec![
        Pattern::new(
            "btc_base58",
            Entity::Crypto,
            r"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b",
            btc_base58,
        )
        .context(CTX),
        Pattern::new(
            "btc_bech32",
            Entity::Crypto,
            r"\b(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}\b",
            btc_bech32,
        )
        .context(CTX),
        Pattern::new(
            "ethereum",
            Entity::Crypto,
            r"\b0x[0-9a-fA-F]{40}\b",
            ethereum,
        )
        .context(CTX),
    ]
}

fn btc_base58(s: &str) -> Option<(usize, f32)> {
    checksum::base58check(s).then_some((s.len(), 0.95))
}

fn btc_bech32(s: &str) -> Option<(usize, f32)> {
    checksum::bech32(s).then_some((s.len(), 0.95))
}

fn ethereum(s: &str) -> Option<(usize, f32)> {
    // An unchecked single-case 0x+40-hex string may also be a contract hash or key
    // fingerprint; it needs a context word.
    match checksum::eip55(s)? {
        true => whole(s, 0.95),
        false => whole(s, 0.45),
    }
}
