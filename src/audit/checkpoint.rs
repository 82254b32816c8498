//! Signed checkpoints in the C2SP signed-note format. A checkpoint commits to the log
//! origin (which names the log id), the tree size (records 0..size), the RFC 6962 Merkle
//! root over the record hashes, the time and the head record hash; it is signed with
//! Ed25519. Checkpoints are appended to `<audit dir>/checkpoints`, one note after the
//! other. The public key is published as a C2SP verifier key (`audit.pub`) so an auditor
//! can pin it. Does no Merkle computation itself.
//!
//! ```text
//! ledgergate.audit/<log id hex>
//! <size>
//! <base64 Merkle root>
//! time <RFC 3339 UTC>
//! head <base64 head record hash>
//!
//! — ledgergate.audit/<log id hex> <base64(key hash[4] || signature[64])>
//! ```

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ring::signature::{UnparsedPublicKey, ED25519};

use super::chain::{sha256, Hash, LogId};
use super::keys::SigningKey;

const ORIGIN_PREFIX: &str = "ledgergate.audit/";
const SIG_PREFIX: &str = "\u{2014} ";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CheckpointError {
    #[error("checkpoints line {line}: {what}")]
    Malformed { line: usize, what: String },
    #[error("the verifier key is not a C2SP Ed25519 verifier key (name+hash+base64)")]
    BadVerifierKey,
}

/// The signed content of one checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub log_id: LogId,
    pub size: u64,
    pub root: Hash,
    pub time: String,
    pub head: Hash,
}

/// The origin line (also the key name) of a log.
pub fn origin(log_id: &LogId) -> String {
    format!("{ORIGIN_PREFIX}{log_id}")
}

impl Checkpoint {
    /// The note body that is signed.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\ntime {}\nhead {}\n",
            origin(&self.log_id),
            self.size,
            B64.encode(self.root),
            self.time,
            B64.encode(self.head)
        )
    }

    /// The whole signed note.
    pub fn sign(&self, key: &SigningKey) -> String {
        sign_note(&self.body(), &origin(&self.log_id), key)
    }
}

/// Signs any note body (lines ending in newlines) as a C2SP signed note under the key
/// named `name`. Used for checkpoints and for export manifests; their bodies cannot be
/// mistaken for each other (a manifest note's first line is not a bare origin).
pub fn sign_note(body: &str, name: &str, key: &SigningKey) -> String {
    let verifier = Verifier::new(name.to_string(), key.public_key());
    let mut sig = verifier.key_hash.to_vec();
    sig.extend_from_slice(&key.sign(body.as_bytes()));
    format!(
        "{body}\n{SIG_PREFIX}{} {}\n",
        verifier.name,
        B64.encode(sig)
    )
}

/// The body of a signed note when one of its signature lines verifies under `verifier`.
pub fn verify_note(text: &str, verifier: &Verifier) -> Option<String> {
    let (body, sigs) = text.split_once("\n\n")?;
    let body = format!("{body}\n");
    let verified = sigs.lines().any(|line| {
        let Some(rest) = line.strip_prefix(SIG_PREFIX) else {
            return false;
        };
        let Some((name, sig)) = rest.rsplit_once(' ') else {
            return false;
        };
        let Ok(sig) = B64.decode(sig) else {
            return false;
        };
        signature_ok(name, &sig, &body, verifier)
    });
    verified.then_some(body)
}

/// One C2SP Ed25519 signature line (name, key hash and signature) over `body`.
fn signature_ok(name: &str, sig: &[u8], body: &str, verifier: &Verifier) -> bool {
    name == verifier.name
        && sig.len() == 68
        && sig[..4] == verifier.key_hash
        && UnparsedPublicKey::new(&ED25519, verifier.public_key)
            .verify(body.as_bytes(), &sig[4..])
            .is_ok()
}

/// Signature type byte of an Ed25519 signed-note key.
const ED25519_NOTE: u8 = 0x01;

/// C2SP key id: SHA-256(name || "\n" || type byte || public key)[..4].
pub fn key_id(name: &str, kind: u8, public_key: &[u8; 32]) -> [u8; 4] {
    let mut material = name.as_bytes().to_vec();
    material.push(b'\n');
    material.push(kind);
    material.extend_from_slice(public_key);
    let d = sha256(&material);
    [d[0], d[1], d[2], d[3]]
}

/// C2SP verifier key text: `name+<key id hex>+base64(type byte || public key)`.
pub fn vkey_text(name: &str, kind: u8, public_key: &[u8; 32]) -> String {
    let mut k = vec![kind];
    k.extend_from_slice(public_key);
    format!(
        "{name}+{}+{}",
        hex::encode(key_id(name, kind, public_key)),
        B64.encode(k)
    )
}

/// Name and Ed25519 public key of a verifier key of type `kind` whose key id matches.
pub fn parse_vkey(text: &str, kind: u8) -> Option<(String, [u8; 32])> {
    let mut parts = text.trim().splitn(3, '+');
    let (name, hash, key) = (parts.next()?, parts.next()?, parts.next()?);
    let key = B64.decode(key).ok()?;
    if name.is_empty() || key.len() != 33 || key[0] != kind {
        return None;
    }
    let public_key: [u8; 32] = key[1..].try_into().ok()?;
    (hex::encode(key_id(name, kind, &public_key)) == hash).then(|| (name.to_owned(), public_key))
}

/// An Ed25519 note verifier: name, 4-byte key hash and public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    pub name: String,
    pub key_hash: [u8; 4],
    pub public_key: [u8; 32],
}

impl Verifier {
    pub fn new(name: String, public_key: [u8; 32]) -> Verifier {
        Verifier {
            key_hash: key_id(&name, ED25519_NOTE, &public_key),
            name,
            public_key,
        }
    }

    /// The C2SP verifier key text: `name+hash hex+base64(0x01 || public key)`.
    pub fn to_vkey(&self) -> String {
        vkey_text(&self.name, ED25519_NOTE, &self.public_key)
    }

    pub fn from_vkey(text: &str) -> Result<Verifier, CheckpointError> {
        let (name, public_key) =
            parse_vkey(text, ED25519_NOTE).ok_or(CheckpointError::BadVerifierKey)?;
        Ok(Verifier::new(name, public_key))
    }

    /// The log id named by this key (`ledgergate.audit/<hex>`), if it names one.
    pub fn log_id(&self) -> Option<LogId> {
        let hex_id = self.name.strip_prefix(ORIGIN_PREFIX)?;
        let bytes: [u8; 16] = hex::decode(hex_id).ok()?.try_into().ok()?;
        Some(LogId(bytes))
    }
}

/// One parsed note from the checkpoints file.
#[derive(Clone, Debug)]
pub struct SignedCheckpoint {
    pub checkpoint: Checkpoint,
    /// The exact note text (body, blank line, signatures).
    pub text: String,
    /// 1-based line of the note's first line in its file.
    pub line: usize,
    body: String,
    signatures: Vec<(String, Vec<u8>)>,
}

impl SignedCheckpoint {
    /// True when a signature line names `verifier`, carries its key hash, and verifies.
    pub fn verify(&self, verifier: &Verifier) -> bool {
        self.signatures
            .iter()
            .any(|(name, sig)| signature_ok(name, sig, &self.body, verifier))
    }
}

/// The result of reading a checkpoints file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub notes: Vec<SignedCheckpoint>,
    /// Byte length of the file up to the end of its last whole note.
    pub valid_len: usize,
    /// Damaged notes followed by whole ones: never a torn write.
    pub malformed: Vec<CheckpointError>,
    /// The error in the trailing bytes after the last whole note (a torn last note).
    pub tail_error: Option<CheckpointError>,
}

/// Parses a file of concatenated notes. A malformed note is skipped up to the next
/// origin line; if no whole note follows it, it is the file's torn tail.
pub fn parse_notes(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let mut offset = 0usize;
    let mut line_no = 1usize;
    let mut pending: Option<CheckpointError> = None;
    while offset < bytes.len() {
        match parse_one(&bytes[offset..], line_no) {
            Ok((note, consumed, lines)) => {
                parsed.malformed.extend(pending.take());
                parsed.notes.push(note);
                offset += consumed;
                line_no += lines;
                parsed.valid_len = offset;
            }
            Err(e) => {
                parsed.malformed.extend(pending.take());
                pending = Some(e);
                // Resynchronise on the next origin line (signature lines start with "— ").
                let mut needle = b"\n".to_vec();
                needle.extend_from_slice(ORIGIN_PREFIX.as_bytes());
                let rest = &bytes[offset..];
                match rest
                    .windows(needle.len())
                    .position(|w| w == needle.as_slice())
                {
                    Some(at) => {
                        line_no += rest[..at + 1].iter().filter(|&&b| b == b'\n').count();
                        offset += at + 1;
                    }
                    None => break,
                }
            }
        }
    }
    parsed.tail_error = pending;
    parsed
}

fn parse_one(
    bytes: &[u8],
    first_line: usize,
) -> Result<(SignedCheckpoint, usize, usize), CheckpointError> {
    let bad = |at: usize, what: &str| CheckpointError::Malformed {
        line: first_line + at,
        what: what.to_string(),
    };
    let mut lines: Vec<&str> = Vec::new();
    let mut pos = 0;
    // Collect lines up to and including the signature block.
    let mut in_sigs = false;
    while pos < bytes.len() {
        let Some(nl) = bytes[pos..].iter().position(|&b| b == b'\n') else {
            if in_sigs && lines.last().is_some_and(|l| l.starts_with(SIG_PREFIX)) {
                // This note is whole; the unterminated bytes belong to the next one.
                break;
            }
            return Err(bad(
                lines.len(),
                "the last line has no newline (an incomplete note)",
            ));
        };
        let raw = &bytes[pos..pos + nl];
        if in_sigs && !raw.starts_with(SIG_PREFIX.as_bytes()) {
            break;
        }
        let line =
            std::str::from_utf8(raw).map_err(|_| bad(lines.len(), "the line is not UTF-8 text"))?;
        if line.is_empty() {
            if in_sigs {
                break;
            }
            in_sigs = true;
        }
        lines.push(line);
        pos += nl + 1;
    }
    let blank = lines
        .iter()
        .position(|l| l.is_empty())
        .ok_or_else(|| bad(lines.len(), "no blank line before the signatures"))?;
    if blank < 5 {
        return Err(bad(
            blank,
            "a checkpoint needs origin, size, root, time and head lines",
        ));
    }
    let origin_line = lines[0];
    let hex_id = origin_line
        .strip_prefix(ORIGIN_PREFIX)
        .ok_or_else(|| bad(0, "the origin is not a ledgergate audit log"))?;
    let log_id: [u8; 16] = hex::decode(hex_id)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| bad(0, "the origin does not end in a 16-byte hex log id"))?;
    let size: u64 = lines[1]
        .parse()
        .map_err(|_| bad(1, "the size is not a number"))?;
    let root = decode_hash(lines[2]).ok_or_else(|| bad(2, "the root is not a base64 SHA-256"))?;
    let time = lines[3]
        .strip_prefix("time ")
        .ok_or_else(|| bad(3, "expected a `time` line"))?
        .to_string();
    let head = lines[4]
        .strip_prefix("head ")
        .and_then(decode_hash)
        .ok_or_else(|| bad(4, "expected a `head` line with a base64 SHA-256"))?;
    let mut signatures = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(blank + 1) {
        let rest = &l[SIG_PREFIX.len()..];
        let (name, sig) = rest
            .rsplit_once(' ')
            .ok_or_else(|| bad(i, "a signature line needs a name and a signature"))?;
        let sig = B64
            .decode(sig)
            .map_err(|_| bad(i, "the signature is not base64"))?;
        signatures.push((name.to_string(), sig));
    }
    if signatures.is_empty() {
        return Err(bad(
            lines.len(),
            "the note has no signature (an incomplete note)",
        ));
    }
    let body: String = lines[..blank].iter().map(|l| format!("{l}\n")).collect();
    Ok((
        SignedCheckpoint {
            checkpoint: Checkpoint {
                log_id: LogId(log_id),
                size,
                root,
                time,
                head,
            },
            text: String::from_utf8_lossy(&bytes[..pos]).into_owned(),
            line: first_line,
            body,
            signatures,
        },
        pos,
        lines.len(),
    ))
}

fn decode_hash(text: &str) -> Option<Hash> {
    B64.decode(text).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint(size: u64) -> Checkpoint {
        Checkpoint {
            log_id: LogId([0xab; 16]),
            size,
            root: [1; 32],
            time: "2026-01-01T00:00:00Z".into(),
            head: [2; 32],
        }
    }

    #[test]
    fn notes_round_trip_and_verify_only_under_their_key() {
        let (key, _) = SigningKey::generate().unwrap();
        let (other, _) = SigningKey::generate().unwrap();
        let log = LogId([0xab; 16]);
        let text = format!("{}{}", checkpoint(3).sign(&key), checkpoint(9).sign(&other));
        let parsed = parse_notes(text.as_bytes());
        assert!(parsed.tail_error.is_none(), "{:?}", parsed.tail_error);
        assert_eq!(parsed.notes.len(), 2);
        assert_eq!(parsed.notes[1].checkpoint, checkpoint(9));
        assert_eq!(parsed.notes[1].line, 8);
        let v = Verifier::new(origin(&log), key.public_key());
        assert!(parsed.notes[0].verify(&v));
        assert!(!parsed.notes[1].verify(&v));
        let round = Verifier::from_vkey(&v.to_vkey()).unwrap();
        assert_eq!(round, v);
        assert_eq!(round.log_id(), Some(log));
    }

    #[test]
    fn a_torn_last_note_is_reported_and_earlier_notes_kept() {
        let (key, _) = SigningKey::generate().unwrap();
        let first = checkpoint(3).sign(&key);
        let second = checkpoint(4).sign(&key);
        for cut in [10, second.len() - 5, second.len() - 60] {
            let text = format!("{first}{}", &second[..second.len() - cut]);
            let parsed = parse_notes(text.as_bytes());
            assert_eq!(parsed.notes.len(), 1, "cut {cut}");
            assert_eq!(parsed.valid_len, first.len(), "cut {cut}");
            assert!(parsed.tail_error.is_some(), "cut {cut}");
        }
    }

    #[test]
    fn a_damaged_note_between_whole_ones_is_malformed_not_a_tail() {
        let (key, _) = SigningKey::generate().unwrap();
        let notes: Vec<String> = (1..=3).map(|n| checkpoint(n).sign(&key)).collect();
        let mut bytes = notes.concat().into_bytes();
        // Break the size line of the second note, and split an em dash in the third.
        let second = notes[0].len();
        let size_at = second + notes[1].find('\n').unwrap() + 1;
        bytes[size_at] = b'x';
        let parsed = parse_notes(&bytes);
        assert_eq!(parsed.notes.len(), 2);
        assert_eq!(parsed.malformed.len(), 1);
        assert!(parsed.tail_error.is_none());
        assert_eq!(parsed.valid_len, bytes.len());
        let torn = &notes.concat().into_bytes()[..notes[0].len() + notes[1].len() - 10];
        let parsed = parse_notes(torn);
        assert_eq!(parsed.notes.len(), 1);
        assert!(parsed.malformed.is_empty());
        assert!(parsed.tail_error.is_some());
        assert_eq!(parsed.valid_len, notes[0].len());
    }
}
