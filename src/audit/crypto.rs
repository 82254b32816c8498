//! Record encryption: AES-256-GCM with the cleartext header as associated data, per-record
//! keys derived by HKDF-SHA256 from the subject's data key and the sequence number, a key
//! commitment stored beside each ciphertext, and the wrapping of data keys and the
//! signing key under the master key. Guarantees: key material lives in [`SecretKey`]
//! (prints `Secret(..)`, zeroized on drop); a record key discloses exactly one record.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::chain::{Hash, LogId};
use super::record::Seq;
use crate::vault::master_key::MasterKey;

const RECORD_KEY_INFO: &[u8] = b"ledgergate/audit/record-key/v1";
const COMMIT_DOMAIN: &[u8] = b"ledgergate/audit/commit/v1\0";
const WRAP_INFO: &[u8] = b"ledgergate/audit/wrap/v1";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error(
        "the GCM tag does not verify: wrong key, or the header, ciphertext or tag was altered"
    )]
    BadTag,
    #[error("the key does not match the commitment stored beside the ciphertext")]
    BadCommitment,
    #[error("a wrapped key is malformed")]
    BadWrapped,
    #[error("encryption failed")]
    Seal,
    #[error("key derivation failed")]
    Derive,
}

/// 32 bytes of key material that cannot be printed and are zeroized on drop.
#[derive(Clone)]
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> SecretKey {
        SecretKey(Zeroizing::new(bytes))
    }
    pub fn random() -> SecretKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, bytes.as_mut());
        SecretKey(bytes)
    }
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The key of one record: HKDF-SHA256(ikm = data key, salt = log id, info = label || seq).
pub fn record_key(
    data_key: &SecretKey,
    log_id: &LogId,
    seq: Seq,
) -> Result<SecretKey, CryptoError> {
    RecordKeys::extract(data_key, log_id).record_key(seq)
}

/// The HKDF-Extract step of [`record_key`] for one data key in one log: the
/// pseudorandom key every record key of that data key expands from. Kept beside an
/// owner's current data key ([`super::keys::KeyStore::record_keys_for_write`]), so that
/// a record costs one HKDF-Expand instead of an Extract and an Expand. It opens every
/// record of its data key in this log, so it is exactly as secret as the data key:
/// prints `Secret(..)`, zeroized on drop, dropped whenever the data key is.
pub struct RecordKeys {
    log_id: LogId,
    prk: SecretKey,
}

impl RecordKeys {
    pub fn extract(data_key: &SecretKey, log_id: &LogId) -> RecordKeys {
        let (mut prk, _) = Hkdf::<Sha256>::extract(Some(&log_id.0), data_key.expose());
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&prk);
        zeroize::Zeroize::zeroize(prk.as_mut_slice());
        RecordKeys {
            log_id: *log_id,
            prk: SecretKey(bytes),
        }
    }

    /// The log these record keys belong to (the Extract's salt).
    pub fn log_id(&self) -> &LogId {
        &self.log_id
    }

    /// The key of record `seq`: HKDF-Expand(prk, label || seq).
    pub fn record_key(&self, seq: Seq) -> Result<SecretKey, CryptoError> {
        let hk = Hkdf::<Sha256>::from_prk(self.prk.expose()).map_err(|_| CryptoError::Derive)?;
        let mut info = [0u8; RECORD_KEY_INFO.len() + 8];
        info[..RECORD_KEY_INFO.len()].copy_from_slice(RECORD_KEY_INFO);
        info[RECORD_KEY_INFO.len()..].copy_from_slice(&seq.0.to_be_bytes());
        let mut out = Zeroizing::new([0u8; 32]);
        hk.expand(&info, out.as_mut())
            .map_err(|_| CryptoError::Derive)?;
        Ok(SecretKey(out))
    }
}

impl std::fmt::Debug for RecordKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The key commitment stored in the header. Plain AES-GCM lets one ciphertext open
/// under two keys; checking this first means a record opens under its own key only.
pub fn commitment(record_key: &SecretKey) -> Hash {
    let mut buf = Zeroizing::new(Vec::with_capacity(COMMIT_DOMAIN.len() + 32));
    buf.extend_from_slice(COMMIT_DOMAIN);
    buf.extend_from_slice(record_key.expose());
    super::chain::sha256(&buf)
}

/// A nonce: a random 4-byte prefix per write batch plus the sequence number, so a
/// restored VM snapshot that repeats a sequence number still gets a fresh nonce.
pub fn nonce(batch_prefix: [u8; 4], seq: Seq) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..4].copy_from_slice(&batch_prefix);
    n[4..].copy_from_slice(&seq.0.to_be_bytes());
    n
}

/// Encrypts `plaintext`, binding `aad` (the encoded header). Returns ciphertext || tag.
pub fn seal(
    key: &SecretKey,
    nonce: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose()));
    cipher
        .encrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| CryptoError::Seal)
}

/// As [`seal`], in place and without allocating: encrypts `in_out` (the plaintext)
/// where it lies and returns the 16-byte tag. The same bytes as [`seal`] (AES-256-GCM,
/// 96-bit nonce, 128-bit tag), from ring's implementation, which uses the CPU's AES and
/// carry-less multiply instructions several blocks at a time: the audit writer seals
/// every record straight into the frame it writes.
pub fn seal_in_place(
    key: &SecretKey,
    nonce: &[u8; 12],
    aad: &[u8],
    in_out: &mut [u8],
) -> Result<[u8; 16], CryptoError> {
    use ring::aead::{Aad, LessSafeKey, Nonce as RingNonce, UnboundKey, AES_256_GCM};
    let key = UnboundKey::new(&AES_256_GCM, key.expose()).map_err(|_| CryptoError::Seal)?;
    let tag = LessSafeKey::new(key)
        .seal_in_place_separate_tag(
            RingNonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            in_out,
        )
        .map_err(|_| CryptoError::Seal)?;
    tag.as_ref().try_into().map_err(|_| CryptoError::Seal)
}

/// Checks the commitment, then decrypts and authenticates ciphertext || tag.
pub fn open(
    key: &SecretKey,
    commitment_stored: &Hash,
    nonce: &[u8; 12],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    use subtle::ConstantTimeEq;
    if !bool::from(commitment(key).ct_eq(commitment_stored)) {
        return Err(CryptoError::BadCommitment);
    }
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose()));
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::BadTag)
}

/// Proof that a caller holds the master key, for the admin API's audit routes (which
/// read and change what only the master key should open): HKDF of the master key for
/// that one purpose, hex. The server keeps only its SHA-256.
pub fn access_proof(master: &MasterKey) -> Result<Zeroizing<String>, CryptoError> {
    let key = wrapping_key(master, "admin-audit-access")?;
    Ok(Zeroizing::new(hex::encode(key.expose())))
}

/// A key derived from the master key for one purpose (wrapping, pseudonyms).
pub fn wrapping_purpose_key(master: &MasterKey, purpose: &str) -> Result<SecretKey, CryptoError> {
    wrapping_key(master, purpose)
}

fn wrapping_key(master: &MasterKey, purpose: &str) -> Result<SecretKey, CryptoError> {
    let hk = Hkdf::<Sha256>::new(None, master.expose());
    let mut out = Zeroizing::new([0u8; 32]);
    let info = [WRAP_INFO, b"/", purpose.as_bytes()].concat();
    hk.expand(&info, out.as_mut())
        .map_err(|_| CryptoError::Derive)?;
    Ok(SecretKey(out))
}

/// Wraps `secret` under a key derived from the master key for `purpose`; `aad` binds
/// what the secret belongs to (a key id, a subject). Output: nonce(12) || ct || tag.
pub fn wrap(
    master: &MasterKey,
    purpose: &str,
    aad: &[u8],
    secret: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    wrap_with(&wrapping_key(master, purpose)?, aad, secret)
}

/// Reverses [`wrap`]; a wrong master key shows as [`CryptoError::BadTag`].
pub fn unwrap(
    master: &MasterKey,
    purpose: &str,
    aad: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    unwrap_with(&wrapping_key(master, purpose)?, aad, wrapped)
}

/// Wraps `secret` under `key` (a key-encryption key); output as [`wrap`].
pub fn wrap_with(key: &SecretKey, aad: &[u8], secret: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let mut nonce = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
    let mut out = nonce.to_vec();
    out.extend(seal(key, &nonce, aad, secret)?);
    Ok(out)
}

/// Reverses [`wrap_with`]; a wrong key or AAD shows as [`CryptoError::BadTag`].
pub fn unwrap_with(
    key: &SecretKey,
    aad: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if wrapped.len() < 12 + 16 {
        return Err(CryptoError::BadWrapped);
    }
    let mut nonce = [0u8; 12];
    nonce.copy_from_slice(&wrapped[..12]);
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose()));
    cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &wrapped[12..],
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::BadTag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keys_differ_per_seq_and_open_only_their_own_record() {
        let dk = SecretKey::from_bytes([3; 32]);
        let log = LogId([1; 16]);
        let k1 = record_key(&dk, &log, Seq(1)).unwrap();
        let k2 = record_key(&dk, &log, Seq(2)).unwrap();
        assert_ne!(k1.expose(), k2.expose());
        let n = nonce([9; 4], Seq(1));
        let ct = seal(&k1, &n, b"hdr", b"hello").unwrap();
        assert_eq!(
            &open(&k1, &commitment(&k1), &n, b"hdr", &ct).unwrap()[..],
            b"hello"
        );
        assert_eq!(
            open(&k2, &commitment(&k1), &n, b"hdr", &ct),
            Err(CryptoError::BadCommitment)
        );
        assert_eq!(
            open(&k1, &commitment(&k1), &n, b"hdX", &ct),
            Err(CryptoError::BadTag)
        );
        assert_eq!(format!("{k1:?}"), "Secret(..)");
    }

    /// The cached Extract gives the very keys the one-shot derivation gives (records
    /// written with it stay readable by every reader), and prints nothing of itself.
    #[test]
    fn cached_extract_expands_to_the_same_record_keys() {
        let dk = SecretKey::from_bytes([3; 32]);
        let log = LogId([1; 16]);
        let keys = RecordKeys::extract(&dk, &log);
        assert_eq!(keys.log_id(), &log);
        // RFC 5869 in one go, as records written before the cache were derived.
        let one_shot = Hkdf::<Sha256>::new(Some(&log.0), dk.expose());
        for seq in [0, 1, 2, u64::MAX] {
            let mut want = [0u8; 32];
            one_shot
                .expand(&[RECORD_KEY_INFO, &seq.to_be_bytes()].concat(), &mut want)
                .unwrap();
            assert_eq!(keys.record_key(Seq(seq)).unwrap().expose(), &want);
        }
        let other_log = RecordKeys::extract(&dk, &LogId([2; 16]));
        assert_ne!(
            other_log.record_key(Seq(1)).unwrap().expose(),
            keys.record_key(Seq(1)).unwrap().expose()
        );
        assert_eq!(format!("{keys:?}"), "Secret(..)");
    }

    /// The writer's in-place sealing writes exactly what `seal` would, so records stay
    /// readable by `open` (and by every reader of the format) whichever wrote them.
    #[test]
    fn sealing_in_place_gives_the_same_bytes_as_seal() {
        let key = record_key(&SecretKey::from_bytes([5; 32]), &LogId([2; 16]), Seq(7)).unwrap();
        let n = nonce([1, 2, 3, 4], Seq(7));
        for len in [0usize, 1, 15, 16, 17, 255, 4096, 5000] {
            let plaintext: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let expected = seal(&key, &n, b"header bytes", &plaintext).unwrap();
            let mut in_out = plaintext.clone();
            let tag = seal_in_place(&key, &n, b"header bytes", &mut in_out).unwrap();
            in_out.extend_from_slice(&tag);
            assert_eq!(in_out, expected, "{len} bytes");
            let opened = open(&key, &commitment(&key), &n, b"header bytes", &in_out).unwrap();
            assert_eq!(&opened[..], &plaintext[..]);
        }
    }

    #[test]
    fn wrapping_needs_the_same_master_key_and_aad() {
        let m1 = MasterKey::from_bytes([1; 32]);
        let m2 = MasterKey::from_bytes([2; 32]);
        let w = wrap(&m1, "data-key", b"id", &[7; 32]).unwrap();
        assert_eq!(&unwrap(&m1, "data-key", b"id", &w).unwrap()[..], &[7; 32]);
        assert!(unwrap(&m2, "data-key", b"id", &w).is_err());
        assert!(unwrap(&m1, "data-key", b"other", &w).is_err());
        assert!(unwrap(&m1, "signing-key", b"id", &w).is_err());
    }
}
