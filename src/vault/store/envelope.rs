//! The vault's envelope encryption: a key-encryption key (KEK) derived from the master
//! key, 256-bit data keys wrapped under it, secrets sealed under a data key. Every blob
//! is `nonce(12) || ciphertext || tag` (AES-256-GCM, random 96-bit nonce) and every seal
//! names its purpose and owner in the associated data, so a blob copied to another slot
//! (another provider, another data key id) fails to open. Knows nothing of sled.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::vault::master_key::MasterKey;

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// A 256-bit symmetric key (the KEK or a data key). Never printed, zeroized on drop.
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    pub fn random() -> SecretKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        SecretKey(bytes)
    }

    /// The vault's key-encryption key. HKDF separates it from every other use of the
    /// master key (the audit log derives its own keys from the same master).
    pub fn kek(master: &MasterKey) -> SecretKey {
        let hk = Hkdf::<Sha256>::new(Some(b"ledgergate/vault/v1"), master.expose());
        let mut out = Zeroizing::new([0u8; 32]);
        if hk.expand(b"key-encryption-key", out.as_mut()).is_err() {
            unreachable!("HKDF-SHA256 can always expand 32 bytes");
        }
        SecretKey(out)
    }

    /// A key from its 32 bytes (the pseudonym root kept in the vault).
    pub fn from_bytes(bytes: Zeroizing<[u8; 32]>) -> SecretKey {
        SecretKey(bytes)
    }

    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    fn from_slice(bytes: &[u8]) -> Option<SecretKey> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(SecretKey(Zeroizing::new(array)))
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(self.0.as_ref()))
    }

    /// Seals `plaintext` with a fresh random nonce, binding `aad`.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self.cipher().encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        );
        let Ok(sealed) = sealed else {
            unreachable!("AES-GCM encryption only fails for inputs over 64 GiB");
        };
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a blob made by [`SecretKey::seal`]; `None` on a wrong key, a wrong `aad`
    /// or any altered byte.
    pub fn open(&self, aad: &[u8], blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if blob.len() < NONCE_LEN + TAG_LEN {
            return None;
        }
        let (nonce, sealed) = blob.split_at(NONCE_LEN);
        self.cipher()
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
            .ok()
            .map(Zeroizing::new)
    }

    /// Wraps this key under `kek` for the data key slot `id`.
    pub fn wrap(&self, kek: &SecretKey, id: &str) -> Vec<u8> {
        kek.seal(&data_key_aad(id), self.0.as_ref())
    }

    /// Unwraps the data key stored in slot `id`; `None` when `kek` is not the one that
    /// wrapped it or the blob was altered or moved.
    pub fn unwrap(kek: &SecretKey, id: &str, wrapped: &[u8]) -> Option<SecretKey> {
        let raw = kek.open(&data_key_aad(id), wrapped)?;
        SecretKey::from_slice(&raw)
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

fn data_key_aad(id: &str) -> Vec<u8> {
    [b"ledgergate/vault/data-key/v1\0".as_slice(), id.as_bytes()].concat()
}

/// The associated data of a provider key: purpose, provider name and data key id.
pub fn provider_key_aad(provider: &str, data_key_id: &str) -> Vec<u8> {
    [
        b"ledgergate/vault/provider-key/v1\0".as_slice(),
        provider.as_bytes(),
        b"\0",
        data_key_id.as_bytes(),
    ]
    .concat()
}

/// The key-check value: a known plaintext sealed under the KEK, so a wrong master key
/// is recognised before anything is read or written. v1: a vault written before its
/// records carried tags (migrated on first open); v2: every record carries its tag.
pub const CHECK_AAD: &[u8] = b"ledgergate/vault/key-check/v1";
pub const CHECK_AAD_V2: &[u8] = b"ledgergate/vault/key-check/v2";
pub const CHECK_PLAINTEXT: &[u8] = b"ledgergate vault key check";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_blobs_open_only_with_the_same_key_and_aad() {
        let key = SecretKey::random();
        let blob = key.seal(b"aad-1", b"hello");
        assert_eq!(&key.open(b"aad-1", &blob).unwrap()[..], b"hello");
        assert!(key.open(b"aad-2", &blob).is_none());
        assert!(SecretKey::random().open(b"aad-1", &blob).is_none());
        let mut flipped = blob.clone();
        flipped[14] ^= 1;
        assert!(key.open(b"aad-1", &flipped).is_none());
        assert!(key.open(b"aad-1", &blob[..20]).is_none());
        assert_ne!(key.seal(b"aad-1", b"hello"), blob, "nonces are random");
    }

    #[test]
    fn wrapped_data_keys_are_bound_to_their_slot_and_kek() {
        let kek = SecretKey::kek(&MasterKey::from_bytes([7; 32]));
        let other = SecretKey::kek(&MasterKey::from_bytes([8; 32]));
        let dk = SecretKey::random();
        let wrapped = dk.wrap(&kek, "k1");
        let back = SecretKey::unwrap(&kek, "k1", &wrapped).unwrap();
        assert_eq!(back.0.as_ref(), dk.0.as_ref());
        assert!(SecretKey::unwrap(&kek, "k2", &wrapped).is_none());
        assert!(SecretKey::unwrap(&other, "k1", &wrapped).is_none());
        assert_eq!(format!("{dk:?}"), "Secret(..)");
    }
}
