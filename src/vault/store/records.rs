//! Authenticated vault records: every virtual-key and provider-key record in sled
//! carries an HMAC-SHA256 tag under a key derived (HKDF) from the master key, over the
//! tree, the record's sled key and its bytes. Anyone with write access to the data
//! directory can edit sled, but without the master key cannot make a tag: an edited
//! tenant, scope, limit or digest, a record copied to another id, or a record written
//! from scratch is refused (and logged, by id, never a secret) when it is read.
//!
//! Stored form: `LGR1 || tag(32) || JSON`. Records written before tags existed are
//! plain JSON; a vault whose key-check value is still the old (v1) one is migrated on
//! its first open under the right master key (see [`Vault::open`]): every plain record
//! gets its tag in the same transaction that writes the v2 check, after which a plain
//! record is refused like any other forgery. Knows nothing of what a record means.

use ring::hmac;
use zeroize::Zeroizing;

use super::{Vault, VaultError};
use crate::vault::master_key::MasterKey;

/// The frame's magic: a plain JSON record starts with `{`, never with this.
const MAGIC: &[u8; 4] = b"LGR1";
const TAG_LEN: usize = 32;

/// The trees whose records carry tags; the name is part of what the tag covers, so a
/// record moved from one tree to the other fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    VirtualKeys,
    ProviderKeys,
}

impl Table {
    pub const ALL: [Table; 2] = [Table::VirtualKeys, Table::ProviderKeys];

    pub fn name(self) -> &'static str {
        match self {
            Table::VirtualKeys => "virtual_keys",
            Table::ProviderKeys => "provider_keys",
        }
    }
}

/// The record-MAC key. Never printed.
pub struct RecordKey(hmac::Key);

impl std::fmt::Debug for RecordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl RecordKey {
    /// HKDF-SHA256 of the master key with its own label: separate from the vault's
    /// key-encryption key and from every key the audit log derives.
    pub fn derive(master: &MasterKey) -> RecordKey {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"ledgergate/vault/v1"), master.expose());
        let mut out = Zeroizing::new([0u8; 32]);
        if hk.expand(b"record-mac-key", out.as_mut()).is_err() {
            unreachable!("HKDF-SHA256 can always expand 32 bytes");
        }
        RecordKey(hmac::Key::new(hmac::HMAC_SHA256, out.as_ref()))
    }

    fn tag(&self, table: Table, id: &[u8], body: &[u8]) -> hmac::Tag {
        let mut ctx = hmac::Context::with_key(&self.0);
        ctx.update(b"ledgergate/vault/record/v1\0");
        ctx.update(table.name().as_bytes());
        ctx.update(b"\0");
        // Length-prefixed: no id/body split can be read two ways.
        ctx.update(&(id.len() as u64).to_be_bytes());
        ctx.update(id);
        ctx.update(body);
        ctx.sign()
    }

    /// The stored form of `body` (JSON) at `id` in `table`.
    pub fn seal(&self, table: Table, id: &[u8], body: &[u8]) -> Vec<u8> {
        let tag = self.tag(table, id, body);
        [MAGIC.as_slice(), tag.as_ref(), body].concat()
    }

    /// The JSON of a stored record whose tag verifies.
    pub fn open<'a>(&self, table: Table, id: &[u8], stored: &'a [u8]) -> Result<&'a [u8], Fault> {
        let Some(framed) = stored.strip_prefix(MAGIC.as_slice()) else {
            return Err(if stored.first() == Some(&b'{') {
                Fault::Untagged
            } else {
                Fault::BadTag
            });
        };
        if framed.len() < TAG_LEN {
            return Err(Fault::BadTag);
        }
        let (tag, body) = framed.split_at(TAG_LEN);
        let expected = self.tag(table, id, body);
        if bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_ref(), tag)) {
            Ok(body)
        } else {
            Err(Fault::BadTag)
        }
    }
}

/// Why a stored record is not trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Plain JSON without a tag (a pre-tag record left in a migrated vault, or forged).
    Untagged,
    /// A tag that does not match (edited, moved, or written without the master key).
    BadTag,
}

/// The JSON body of a stored record without checking it: only for removing a record
/// that failed authentication (its claims are not believed, only reported).
pub fn unverified_body(stored: &[u8]) -> &[u8] {
    match stored.strip_prefix(MAGIC.as_slice()) {
        Some(framed) if framed.len() >= TAG_LEN => &framed[TAG_LEN..],
        _ => stored,
    }
}

impl Vault {
    /// The JSON of the record `id` of `table`, if its tag verifies. A record that
    /// fails is logged (tree and id only) and refused.
    pub(super) fn authentic<'a>(
        &self,
        table: Table,
        id: &[u8],
        stored: &'a [u8],
    ) -> Result<&'a [u8], VaultError> {
        self.records.open(table, id, stored).map_err(|fault| {
            let id = String::from_utf8_lossy(id).into_owned();
            tracing::error!(
                vault = %self.path.display(),
                tree = table.name(),
                record = %id,
                fault = ?fault,
                "a key vault record failed authentication and is refused: it was edited or written without the master key"
            );
            VaultError::Tampered {
                path: self.path.clone(),
                tree: table.name(),
                id,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_bind_key_table_id_and_body() {
        let key = RecordKey::derive(&MasterKey::from_bytes([3; 32]));
        let other = RecordKey::derive(&MasterKey::from_bytes([4; 32]));
        let stored = key.seal(Table::VirtualKeys, b"app", br#"{"tenant":"acme"}"#);
        assert_eq!(
            key.open(Table::VirtualKeys, b"app", &stored).unwrap(),
            br#"{"tenant":"acme"}"#
        );
        assert_eq!(
            key.open(Table::ProviderKeys, b"app", &stored),
            Err(Fault::BadTag)
        );
        assert_eq!(
            key.open(Table::VirtualKeys, b"ap", &stored),
            Err(Fault::BadTag)
        );
        assert_eq!(
            other.open(Table::VirtualKeys, b"app", &stored),
            Err(Fault::BadTag)
        );
        let mut edited = stored.clone();
        let at = edited.len() - 3;
        edited[at] = b'X';
        assert_eq!(
            key.open(Table::VirtualKeys, b"app", &edited),
            Err(Fault::BadTag)
        );
        assert_eq!(
            key.open(Table::VirtualKeys, b"app", br#"{"tenant":"acme"}"#),
            Err(Fault::Untagged)
        );
        assert_eq!(
            key.open(Table::VirtualKeys, b"app", b"LGR1"),
            Err(Fault::BadTag)
        );
        assert_eq!(unverified_body(&stored), br#"{"tenant":"acme"}"#);
        assert_eq!(format!("{key:?}"), "Secret(..)");
    }
}
