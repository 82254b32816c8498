//! C2SP tlog-cosignature/v1 (Ed25519): the witness's own key, its verifier key (vkey
//! with signature type 0x04), and cosignature lines over a checkpoint note body. Also the
//! generic parts of a C2SP checkpoint note a witness needs (origin, size, root), for any
//! log, not only ledgergate's. Does no I/O beyond loading or creating the key file.
//!
//! A cosignature line is `— <name> base64(key id[4] || timestamp u64 BE || sig[64])`,
//! the signature over `cosignature/v1\ntime <timestamp>\n` followed by the note body.

use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use zeroize::Zeroizing;

use crate::audit::chain::Hash;
use crate::audit::checkpoint::{key_id, parse_vkey, vkey_text};

const SIG_PREFIX: &str = "\u{2014} ";
/// Signature type byte of an Ed25519 cosignature/v1 key in key ids and vkeys.
const COSIGNATURE_V1: u8 = 0x04;

#[derive(Debug, thiserror::Error)]
pub enum CosignerError {
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{0} does not hold an Ed25519 PKCS#8 key")]
    BadKey(String),
    #[error("\"{0}\" is not a C2SP cosignature/v1 verifier key (name+hash+base64(0x04 || key))")]
    BadVerifierKey(String),
    #[error("the system has no randomness for a new key")]
    Random,
}

/// A witness verifier: name, 4-byte key id and Ed25519 public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CosignerVerifier {
    pub name: String,
    pub key_id: [u8; 4],
    pub public_key: [u8; 32],
}

impl CosignerVerifier {
    pub fn new(name: String, public_key: [u8; 32]) -> CosignerVerifier {
        CosignerVerifier {
            key_id: key_id(&name, COSIGNATURE_V1, &public_key),
            name,
            public_key,
        }
    }

    pub fn to_vkey(&self) -> String {
        vkey_text(&self.name, COSIGNATURE_V1, &self.public_key)
    }

    pub fn from_vkey(text: &str) -> Result<CosignerVerifier, CosignerError> {
        let (name, public_key) = parse_vkey(text, COSIGNATURE_V1).ok_or_else(|| {
            CosignerError::BadVerifierKey(text.trim().chars().take(120).collect())
        })?;
        Ok(CosignerVerifier::new(name, public_key))
    }

    /// The timestamp of a cosignature line by this witness over `body`, if it verifies.
    pub fn verify_line(&self, line: &str, body: &str) -> Option<u64> {
        let rest = line.strip_prefix(SIG_PREFIX)?;
        let (name, sig) = rest.rsplit_once(' ')?;
        let sig = B64.decode(sig).ok()?;
        if name != self.name || sig.len() != 76 || sig[..4] != self.key_id {
            return None;
        }
        let timestamp = u64::from_be_bytes(sig[4..12].try_into().ok()?);
        UnparsedPublicKey::new(&ED25519, self.public_key)
            .verify(&signed_message(timestamp, body), &sig[12..])
            .ok()?;
        Some(timestamp)
    }

    /// True when one of the note's signature lines is a valid cosignature by this key.
    pub fn cosigned(&self, note: &Note) -> bool {
        note.signatures
            .iter()
            .any(|l| self.verify_line(l, &note.body).is_some())
    }
}

fn signed_message(timestamp: u64, body: &str) -> Vec<u8> {
    format!("cosignature/v1\ntime {timestamp}\n{body}").into_bytes()
}

/// The witness's signing key and name.
pub struct Cosigner {
    key: Ed25519KeyPair,
    verifier: CosignerVerifier,
}

impl Cosigner {
    /// Loads the PKCS#8 key at `path`, or creates it (mode 0600, never overwriting).
    pub fn load_or_create(path: &Path, name: &str) -> Result<Cosigner, CosignerError> {
        let io = |source| CosignerError::Io {
            path: path.to_path_buf(),
            source,
        };
        let pkcs8 = match std::fs::read(path) {
            Ok(b) => Zeroizing::new(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let doc = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
                    .map_err(|_| CosignerError::Random)?;
                let bytes = Zeroizing::new(doc.as_ref().to_vec());
                let mut opts = std::fs::OpenOptions::new();
                opts.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
                let mut f = opts.open(path).map_err(io)?;
                f.write_all(&bytes).map_err(io)?;
                f.sync_all().map_err(io)?;
                bytes
            }
            Err(e) => return Err(io(e)),
        };
        let key = Ed25519KeyPair::from_pkcs8(&pkcs8)
            .map_err(|_| CosignerError::BadKey(path.display().to_string()))?;
        let public_key: [u8; 32] = key
            .public_key()
            .as_ref()
            .try_into()
            .map_err(|_| CosignerError::BadKey(path.display().to_string()))?;
        Ok(Cosigner {
            verifier: CosignerVerifier::new(name.to_string(), public_key),
            key,
        })
    }

    pub fn verifier(&self) -> &CosignerVerifier {
        &self.verifier
    }

    /// A cosignature/v1 line (with its trailing newline) over `body` at `timestamp`.
    pub fn cosign(&self, body: &str, timestamp: u64) -> String {
        let sig = self.key.sign(&signed_message(timestamp, body));
        let mut bytes = self.verifier.key_id.to_vec();
        bytes.extend_from_slice(&timestamp.to_be_bytes());
        bytes.extend_from_slice(sig.as_ref());
        format!("{SIG_PREFIX}{} {}\n", self.verifier.name, B64.encode(bytes))
    }
}

/// A C2SP checkpoint note, split: the body (with its final newline), the first three
/// body lines decoded, and the signature lines.
#[derive(Clone, Debug)]
pub struct Note {
    pub body: String,
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub signatures: Vec<String>,
}

impl Note {
    /// Parses one note; `None` names what is wrong.
    pub fn parse(text: &str) -> Result<Note, String> {
        let (body, sigs) = text
            .split_once("\n\n")
            .ok_or("the checkpoint has no blank line before its signatures")?;
        let body = format!("{body}\n");
        let mut lines = body.lines();
        let origin = lines
            .next()
            .filter(|l| !l.is_empty())
            .ok_or("no origin line")?;
        let size_text = lines.next().ok_or("no size line")?;
        if size_text.len() > 1 && size_text.starts_with('0') {
            return Err("the size has a leading zero".into());
        }
        let size: u64 = size_text.parse().map_err(|_| "the size is not a number")?;
        let root: Hash = lines
            .next()
            .and_then(|l| B64.decode(l).ok())
            .and_then(|b| b.try_into().ok())
            .ok_or("the root is not a base64 SHA-256")?;
        let signatures: Vec<String> = sigs
            .lines()
            .take_while(|l| l.starts_with(SIG_PREFIX))
            .map(str::to_owned)
            .collect();
        if signatures.is_empty() {
            return Err("the checkpoint has no signature line".into());
        }
        Ok(Note {
            origin: origin.to_owned(),
            size,
            root,
            signatures,
            body,
        })
    }

    /// The note as text: body, blank line, signature lines.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.body);
        for s in &self.signatures {
            out.push_str(s);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosignatures_verify_only_under_their_key_name_and_body() {
        let dir = tempfile::tempdir().unwrap();
        let w = Cosigner::load_or_create(&dir.path().join("k"), "witness.test/w1").unwrap();
        let again = Cosigner::load_or_create(&dir.path().join("k"), "witness.test/w1").unwrap();
        assert_eq!(w.verifier(), again.verifier());
        let body = "example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        let line = w.cosign(body, 1_700_000_000);
        let v = CosignerVerifier::from_vkey(&w.verifier().to_vkey()).unwrap();
        assert_eq!(v.verify_line(line.trim_end(), body), Some(1_700_000_000));
        assert_eq!(
            v.verify_line(line.trim_end(), &body.replace('5', "6")),
            None
        );
        let other = CosignerVerifier::new("witness.test/w2".into(), v.public_key);
        assert_eq!(other.verify_line(line.trim_end(), body), None);
        // A log key (type 0x01) is not a cosigner key.
        let log_vkey = crate::audit::Verifier::new("log".into(), v.public_key).to_vkey();
        assert!(CosignerVerifier::from_vkey(&log_vkey).is_err());
    }
}
