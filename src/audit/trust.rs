//! What an auditor keeps and checks the log against without trusting its host: the
//! latest signed checkpoint (to keep), a kept checkpoint's consistency with the log now
//! (RFC 6962 consistency proof: nothing was removed from the end or rewritten), and
//! inclusion proofs of single records against a checkpoint, checkable offline with the
//! public key alone. Reads files only; never needs a secret.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::chain::{leaf_hash, Hash};
use super::checkpoint::{parse_notes, SignedCheckpoint, Verifier};
use super::proof::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion, ProofError,
};
use super::reader::{for_each_frame, ReadError};
use super::segment::checkpoints_path;
use super::verify::{Failure, Reason};

pub const PROOF_FORMAT: &str = "ledgergate-inclusion-proof/v1";

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{0} holds no signed checkpoint note")]
    NoNote(String),
    #[error("{what}: the checkpoint is not signed by the log key {vkey}")]
    NotSigned { what: String, vkey: String },
    #[error("the log has no signed checkpoint yet")]
    NoCheckpoint,
    #[error("seq {seq} is not covered by the latest checkpoint (size {size}); wait for the next checkpoint or run `ledgergate audit checkpoint` later")]
    NotCovered { seq: u64, size: u64 },
    #[error("the proof file is not an inclusion proof ({0})")]
    BadProofFile(String),
    #[error(
        "the inclusion proof of seq {seq} fails against the checkpoint of size {size}: {source}"
    )]
    ProofFails {
        seq: u64,
        size: u64,
        source: ProofError,
    },
}

/// The checkpoints in `dir` that verify under `verifier`, in file order.
pub fn signed_checkpoints(
    dir: &Path,
    verifier: &Verifier,
) -> Result<Vec<SignedCheckpoint>, TrustError> {
    let path = checkpoints_path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => return Err(TrustError::Io { path, source }),
    };
    Ok(parse_notes(&bytes)
        .notes
        .into_iter()
        .filter(|n| n.verify(verifier))
        .collect())
}

/// The validly signed checkpoint of the largest size (the latest).
pub fn latest_checkpoint(dir: &Path, verifier: &Verifier) -> Result<SignedCheckpoint, TrustError> {
    signed_checkpoints(dir, verifier)?
        .into_iter()
        .max_by_key(|n| n.checkpoint.size)
        .ok_or(TrustError::NoCheckpoint)
}

/// The RFC 6962 leaf hashes of the log's records in order (of the first `limit`).
pub fn leaf_hashes(dir: &Path, limit: Option<u64>) -> Result<Vec<Hash>, TrustError> {
    let mut leaves = Vec::new();
    for_each_frame(dir, |f| {
        if limit.is_some_and(|l| leaves.len() as u64 >= l) || f.header.seq.0 != leaves.len() as u64
        {
            return Ok(false);
        }
        leaves.push(leaf_hash(&f.stored_hash));
        Ok(true)
    })?;
    Ok(leaves)
}

/// Reads the notes of a file of kept checkpoints; each must verify under `verifier`.
pub fn read_trusted(path: &Path, verifier: &Verifier) -> Result<Vec<SignedCheckpoint>, TrustError> {
    let bytes = std::fs::read(path).map_err(|source| TrustError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let notes = parse_notes(&bytes).notes;
    if notes.is_empty() {
        return Err(TrustError::NoNote(path.display().to_string()));
    }
    for n in &notes {
        if !n.verify(verifier) {
            return Err(TrustError::NotSigned {
                what: format!("{}:{}", path.display(), n.line),
                vkey: verifier.to_vkey(),
            });
        }
    }
    Ok(notes)
}

/// Checks that the log's records (`leaves`) consistently extend every trusted
/// checkpoint: a consistency proof from each checkpoint's size to the log's size,
/// generated from the records and verified against the checkpoint's root. Names where
/// the log diverges: between the largest trusted size that holds and the smallest that
/// fails. `source` says where the checkpoints came from, for the messages.
pub fn check_trusted(leaves: &[Hash], trusted: &[SignedCheckpoint], source: &str) -> Vec<Failure> {
    let size = leaves.len() as u64;
    let root = tree_hash(leaves);
    let mut sorted: Vec<&SignedCheckpoint> = trusted.iter().collect();
    sorted.sort_by_key(|n| n.checkpoint.size);
    let mut holds = 0u64;
    let mut failures = Vec::new();
    for note in sorted {
        let cp = &note.checkpoint;
        let location = format!("{source}:{}", note.line);
        if cp.size > size {
            failures.push(Failure {
                seq: size,
                reason: Reason::Rollback,
                location,
                detail: format!(
                    "the log holds {size} records but the trusted checkpoint of {} covers {}: records {size}..{} were removed (a rollback or a restored snapshot)",
                    cp.time, cp.size, cp.size
                ),
            });
            break;
        }
        let proof = match consistency_proof(leaves, cp.size) {
            Ok(p) => p,
            Err(e) => {
                failures.push(Failure {
                    seq: cp.size.saturating_sub(1),
                    reason: Reason::Inconsistent,
                    location,
                    detail: e.to_string(),
                });
                break;
            }
        };
        if let Err(e) = verify_consistency(cp.size, size, &cp.root, &root, &proof) {
            failures.push(Failure {
                seq: holds,
                reason: Reason::Inconsistent,
                location,
                detail: format!(
                    "the log does not extend the trusted checkpoint of size {} ({}): {e}; records {holds}..{} differ from what was checkpointed (the largest trusted size that still holds is {holds})",
                    cp.size, cp.time, cp.size
                ),
            });
            break;
        }
        holds = cp.size;
    }
    failures
}

/// An inclusion proof of one record against a signed checkpoint, as `audit prove`
/// prints it and `audit verify-proof` checks it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InclusionProof {
    pub format: String,
    pub seq: u64,
    /// The record hash of the frame (base64): what the leaf commits to.
    pub record_hash: String,
    /// The signed checkpoint note the proof leads to.
    pub checkpoint: String,
    /// The audit path, base64 hashes from the leaf up.
    pub proof: Vec<String>,
}

/// Builds the inclusion proof of record `seq` against the latest signed checkpoint.
pub fn prove(dir: &Path, verifier: &Verifier, seq: u64) -> Result<InclusionProof, TrustError> {
    let latest = latest_checkpoint(dir, verifier)?;
    let size = latest.checkpoint.size;
    if seq >= size {
        return Err(TrustError::NotCovered { seq, size });
    }
    let mut record_hash = None;
    let mut leaves = Vec::with_capacity(size as usize);
    for_each_frame(dir, |f| {
        if leaves.len() as u64 >= size || f.header.seq.0 != leaves.len() as u64 {
            return Ok(false);
        }
        if f.header.seq.0 == seq {
            record_hash = Some(f.stored_hash);
        }
        leaves.push(leaf_hash(&f.stored_hash));
        Ok(true)
    })?;
    let record_hash = record_hash.ok_or(TrustError::NotCovered { seq, size })?;
    let path = inclusion_proof(&leaves, seq).map_err(|source| TrustError::ProofFails {
        seq,
        size,
        source,
    })?;
    let proof = InclusionProof {
        format: PROOF_FORMAT.into(),
        seq,
        record_hash: B64.encode(record_hash),
        checkpoint: latest.text.clone(),
        proof: path.iter().map(|h| B64.encode(h)).collect(),
    };
    // Never hand out a proof that does not check (a log damaged since the checkpoint).
    verify_proof(&proof, verifier)?;
    Ok(proof)
}

/// Checks an inclusion proof offline: the checkpoint's signature under `verifier`, then
/// the audit path from the record hash to the checkpoint's root. Returns the
/// checkpoint's size.
pub fn verify_proof(proof: &InclusionProof, verifier: &Verifier) -> Result<u64, TrustError> {
    if proof.format != PROOF_FORMAT {
        return Err(TrustError::BadProofFile(format!(
            "format `{}`, expected `{PROOF_FORMAT}`",
            proof.format
        )));
    }
    let notes = parse_notes(proof.checkpoint.as_bytes()).notes;
    let [note] = notes.as_slice() else {
        return Err(TrustError::BadProofFile(
            "`checkpoint` is not one signed note".into(),
        ));
    };
    if !note.verify(verifier) {
        return Err(TrustError::NotSigned {
            what: "the proof's checkpoint".into(),
            vkey: verifier.to_vkey(),
        });
    }
    let decode = |text: &str, what: &str| -> Result<Hash, TrustError> {
        B64.decode(text)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| TrustError::BadProofFile(format!("{what} is not a base64 SHA-256")))
    };
    let record = decode(&proof.record_hash, "record_hash")?;
    let path = proof
        .proof
        .iter()
        .map(|p| decode(p, "a proof hash"))
        .collect::<Result<Vec<_>, _>>()?;
    let size = note.checkpoint.size;
    verify_inclusion(
        proof.seq,
        size,
        &leaf_hash(&record),
        &path,
        &note.checkpoint.root,
    )
    .map_err(|source| TrustError::ProofFails {
        seq: proof.seq,
        size,
        source,
    })?;
    Ok(size)
}
