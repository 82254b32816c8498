//! Which checkpoints count as witnessed: notes signed by the log's key that also carry
//! a valid cosignature by at least one trusted witness key. They come from the
//! gateway's `cosigned` file beside the log (where it keeps what witnesses returned)
//! and from the witnesses themselves; the file alone is not enough, since whoever can
//! roll the log back can roll that file back with it.

use std::path::{Path, PathBuf};

use super::cosigner::{CosignerVerifier, Note};
use crate::audit::checkpoint::{parse_notes, SignedCheckpoint, Verifier};

/// `<audit dir>/cosigned`: each checkpoint the witnesses cosigned, with their
/// cosignature lines after the log's signature, one note after the other.
pub fn cosigned_path(audit_dir: &Path) -> PathBuf {
    audit_dir.join("cosigned")
}

/// The notes in `bytes` signed by `log` and cosigned by one of `witnesses`.
pub fn witnessed(
    bytes: &[u8],
    log: &Verifier,
    witnesses: &[CosignerVerifier],
) -> Vec<SignedCheckpoint> {
    parse_notes(bytes)
        .notes
        .into_iter()
        .filter(|n| n.verify(log))
        .filter(|n| {
            Note::parse(&n.text).is_ok_and(|note| witnesses.iter().any(|w| w.cosigned(&note)))
        })
        .collect()
}

/// The witnessed notes of the `cosigned` file beside the log (none if it is absent).
pub fn witnessed_beside(
    audit_dir: &Path,
    log: &Verifier,
    witnesses: &[CosignerVerifier],
) -> Result<Vec<SignedCheckpoint>, String> {
    let path = cosigned_path(audit_dir);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(witnessed(&bytes, log, witnesses)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}
