//! Verification of an audit log from its files alone, with no secret: every segment
//! header, every frame's self-hash, the chain of previous hashes from the genesis value,
//! gapless sequence numbers, and every checkpoint's signature, Merkle root and head.
//! Speaks like CloudTrail's `validate-logs`: how many records and checkpoints were
//! valid, and the first failure with its sequence number and a distinct reason.
//! The same scan gives `AuditLog::open` the state to continue from and the torn tail to
//! cut. Never modifies a file.

use std::path::{Path, PathBuf};

use super::chain::{genesis, CompactRange, Hash, LogId};
use super::checkpoint::{self, SignedCheckpoint, Verifier};
use super::frame::{parse_frame, Parsed, SegmentHeader, SEGMENT_HEADER_LEN};
use super::segment::{checkpoints_path, list_segments, public_key_path, SegmentError};

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Segment(#[from] SegmentError),
    #[error("{path}: the public key file is missing or not a C2SP verifier key; give one with --public-key")]
    PublicKey { path: PathBuf },
}

/// Why verification failed, one distinct reason each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A frame's bytes do not match its stored record hash (flipped bit anywhere in it).
    HashMismatch,
    /// A frame's previous-hash field does not name the record before it.
    ChainBroken,
    /// The first record does not chain to the genesis of this log id and public key.
    GenesisMismatch,
    Gap,
    Reorder,
    /// The same sequence number again, right after its original.
    Duplicate,
    /// An older frame appears again later in the log.
    Replay,
    /// A segment ends inside a frame.
    Truncated,
    /// Bytes that cannot be a frame.
    Malformed,
    /// A segment or frame that belongs to another log.
    ForeignSegment,
    /// A segment header that is damaged or does not follow the segment before it.
    SegmentHeader,
    BadSignature,
    /// A validly signed checkpoint whose root or head differs from the records.
    CheckpointMismatch,
    /// Fewer records than a signed checkpoint covers.
    TruncatedBelowCheckpoint,
    /// A frame that does not decrypt under its key (only when keys are at hand).
    BadTag,
    /// Records exist but the checkpoints file is gone (deleted to hide a rollback).
    CheckpointsMissing,
    /// Records older than the checkpoint interval that no signed checkpoint covers:
    /// an unsigned tail anyone with file access could have rewritten.
    Uncheckpointed,
    /// Fewer records than a checkpoint the auditor kept (`--trusted`) or a witness
    /// cosigned covers: the end of the log was removed.
    Rollback,
    /// The log does not extend a trusted checkpoint (its consistency proof fails).
    Inconsistent,
    /// A frame whose data key is gone although no erasure record destroyed it.
    UnknownKey,
    /// Records exist but no checkpoint cosigned by a trusted witness (`--witness-vkey`)
    /// was found beside the log or at the witnesses asked.
    Unwitnessed,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::HashMismatch => "hash mismatch",
            Reason::ChainBroken => "chain broken",
            Reason::GenesisMismatch => "genesis mismatch",
            Reason::Gap => "gap",
            Reason::Reorder => "reorder",
            Reason::Duplicate => "duplicate",
            Reason::Replay => "replay",
            Reason::Truncated => "truncated segment",
            Reason::Malformed => "malformed frame",
            Reason::ForeignSegment => "foreign segment",
            Reason::SegmentHeader => "bad segment header",
            Reason::BadSignature => "bad signature",
            Reason::CheckpointMismatch => "checkpoint mismatch",
            Reason::TruncatedBelowCheckpoint => "truncation below a signed checkpoint",
            Reason::BadTag => "bad tag",
            Reason::CheckpointsMissing => "checkpoints file missing",
            Reason::Uncheckpointed => "records not covered by a checkpoint",
            Reason::Rollback => "rollback below a trusted checkpoint",
            Reason::Inconsistent => "inconsistent with a trusted checkpoint",
            Reason::UnknownKey => "unknown key",
            Reason::Unwitnessed => "no witnessed checkpoint",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Failure {
    pub seq: u64,
    pub reason: Reason,
    /// `file:offset` or `checkpoints:line`.
    pub location: String,
    pub detail: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seq {}: {} at {}: {}",
            self.seq, self.reason, self.location, self.detail
        )
    }
}

/// Trailing bytes of the last segment that are not a whole valid frame.
#[derive(Clone, Debug)]
pub struct TailProblem {
    pub path: PathBuf,
    pub offset: u64,
    pub len: u64,
    /// The sequence number the bytes would have held.
    pub seq: u64,
    /// True when the bytes simply end early (an in-flight or torn write).
    pub incomplete: bool,
    pub what: String,
}

/// A torn last note of the checkpoints file.
#[derive(Clone, Debug)]
pub struct CheckpointTail {
    /// Bytes of whole notes before it.
    pub valid_len: usize,
    pub what: String,
    /// The location its failure carries.
    pub location: String,
}

/// Where appending continues.
#[derive(Clone, Debug)]
pub struct Head {
    pub next_seq: u64,
    pub last_hash: Hash,
    pub range: CompactRange,
    pub last_segment: Option<PathBuf>,
}

#[derive(Debug)]
pub struct VerifyReport {
    pub log_id: LogId,
    pub verifier: Verifier,
    pub records: u64,
    pub segments: usize,
    pub bytes: u64,
    pub checkpoints: usize,
    pub checkpoints_valid: usize,
    pub failures: Vec<Failure>,
    pub tail: Option<TailProblem>,
    /// A torn or damaged last note in the checkpoints file: (bytes of whole notes, error).
    pub checkpoint_tail: Option<CheckpointTail>,
    pub largest_checkpoint: u64,
    pub head: Head,
    /// The first record at or beyond the largest validly signed checkpoint: (seq, time).
    pub first_uncovered: Option<(u64, String)>,
}

impl VerifyReport {
    /// The failure with the lowest sequence number (the first found among equals).
    pub fn first_failure(&self) -> Option<&Failure> {
        self.failures
            .iter()
            .fold(None, |best: Option<&Failure>, f| match best {
                Some(b) if b.seq <= f.seq => Some(b),
                _ => Some(f),
            })
    }
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }

    /// Fails the log when its oldest record that no signed checkpoint covers is older
    /// than twice the checkpoint interval at `now`: a running writer signs within one
    /// interval and a clean stop signs at once, so such a tail was left by a crash (the
    /// next start signs it) or written by someone without the signing key.
    pub fn check_coverage(&mut self, interval: std::time::Duration, now: time::OffsetDateTime) {
        let Some((seq, at)) = self.first_uncovered.clone() else {
            return;
        };
        let Ok(when) =
            time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339)
        else {
            return;
        };
        let limit = interval.saturating_mul(2);
        let age = now - when;
        if age > limit {
            let covered = self.largest_checkpoint;
            self.failures.push(Failure {
                seq,
                reason: Reason::Uncheckpointed,
                location: format!("seq {seq}"),
                detail: format!(
                    "records from seq {seq} (written {at}) on are covered by no signed checkpoint (the last covers {covered}), for longer than twice the checkpoint interval of {} s; they may have been rewritten, or the gateway crashed (its next start signs them)",
                    interval.as_secs()
                ),
            });
        }
    }
}

const MAX_FAILURES: usize = 1000;

/// Reads the verifier key beside the log.
pub fn read_verifier(dir: &Path) -> Result<Verifier, VerifyError> {
    let path = public_key_path(dir);
    let text = std::fs::read_to_string(&path)
        .map_err(|_| VerifyError::PublicKey { path: path.clone() })?;
    Verifier::from_vkey(&text).map_err(|_| VerifyError::PublicKey { path })
}

/// Verifies the log in `dir`. `pinned` replaces the public key file beside the log.
pub fn verify_log(dir: &Path, pinned: Option<&Verifier>) -> Result<VerifyReport, VerifyError> {
    let verifier = match pinned {
        Some(v) => v.clone(),
        None => read_verifier(dir)?,
    };
    let log_id = verifier.log_id().ok_or_else(|| VerifyError::PublicKey {
        path: public_key_path(dir),
    })?;
    let cp_path = checkpoints_path(dir);
    let mut cp_missing = false;
    let cp_bytes = match std::fs::read(&cp_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            cp_missing = true;
            Vec::new()
        }
        Err(source) => {
            return Err(VerifyError::Io {
                path: cp_path,
                source,
            })
        }
    };
    let notes = checkpoint::parse_notes(&cp_bytes);
    let segments = list_segments(dir)?;
    let mut scan = Scanner::new(log_id, verifier, notes.notes.clone());
    if let Some(e) = &notes.tail_error {
        let line = match e {
            checkpoint::CheckpointError::Malformed { line, .. } => *line,
            _ => 0,
        };
        let location = format!("checkpoints:{line}");
        let after = scan
            .notes
            .iter()
            .map(|n| n.checkpoint.size)
            .max()
            .unwrap_or(0);
        // A note is appended with one small write, so a torn one means a crash (the next
        // start cuts it) or tampering; either way the file is not whole.
        scan.fail(
            after,
            Reason::Truncated,
            location.clone(),
            format!("the checkpoints file ends in a torn note: {e}"),
        );
        scan.checkpoint_tail = Some(CheckpointTail {
            valid_len: notes.valid_len,
            what: e.to_string(),
            location,
        });
    }
    for e in &notes.malformed {
        let line = match e {
            checkpoint::CheckpointError::Malformed { line, .. } => *line,
            _ => 0,
        };
        // Locate it after the last whole note before it.
        let before = scan
            .notes
            .iter()
            .filter(|n| n.line < line)
            .map(|n| n.checkpoint.size)
            .max()
            .unwrap_or(0);
        scan.fail(
            before,
            Reason::Malformed,
            format!("checkpoints:{line}"),
            format!("a damaged checkpoint note between whole ones: {e}"),
        );
    }
    scan.check_signatures();
    for (i, path) in segments.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|source| VerifyError::Io {
            path: path.clone(),
            source,
        })?;
        scan.bytes += bytes.len() as u64;
        scan.segment(&segments, i, path, &bytes)?;
    }
    scan.finish();
    if cp_missing && scan.records > 0 {
        // Every start signs a checkpoint right after its start record, so a log with
        // records and no checkpoints file lost it: deleting it would hide a rollback.
        scan.fail(
            0,
            Reason::CheckpointsMissing,
            "checkpoints".into(),
            format!(
                "{} records exist but the checkpoints file is missing; a removed checkpoints file hides a rollback (compare with a checkpoint you kept: audit verify --trusted)",
                scan.records
            ),
        );
    }
    let head = Head {
        next_seq: scan.expected,
        last_hash: scan.prev,
        range: scan.range.clone(),
        last_segment: segments.last().cloned(),
    };
    let largest_checkpoint = scan
        .notes
        .iter()
        .map(|n| n.checkpoint.size)
        .max()
        .unwrap_or(0);
    Ok(VerifyReport {
        log_id,
        verifier: scan.verifier,
        records: scan.records,
        segments: segments.len(),
        bytes: scan.bytes,
        checkpoints: scan.notes.len(),
        checkpoints_valid: scan.checkpoints_valid,
        failures: scan.failures,
        tail: scan.tail,
        checkpoint_tail: scan.checkpoint_tail,
        largest_checkpoint,
        head,
        first_uncovered: scan.first_uncovered,
    })
}

struct Scanner {
    log_id: LogId,
    verifier: Verifier,
    notes: Vec<SignedCheckpoint>,
    /// Index into `notes` of the next checkpoint to compare, in size order.
    order: Vec<usize>,
    next_note: usize,
    signature_ok: Vec<bool>,
    expected: u64,
    prev: Hash,
    range: CompactRange,
    records: u64,
    bytes: u64,
    checkpoints_valid: usize,
    failures: Vec<Failure>,
    tail: Option<TailProblem>,
    checkpoint_tail: Option<CheckpointTail>,
    /// Stored hashes of recent records, to tell a duplicate from a replay.
    seen_hashes: std::collections::HashMap<u64, Hash>,
    /// The largest size of a validly signed checkpoint, and the first record beyond it.
    signed_size: u64,
    first_uncovered: Option<(u64, String)>,
}

impl Scanner {
    fn new(log_id: LogId, verifier: Verifier, notes: Vec<SignedCheckpoint>) -> Scanner {
        let mut order: Vec<usize> = (0..notes.len()).collect();
        order.sort_by_key(|&i| (notes[i].checkpoint.size, i));
        let prev = genesis(&log_id, &verifier.public_key);
        Scanner {
            log_id,
            verifier,
            signature_ok: vec![false; notes.len()],
            notes,
            order,
            next_note: 0,
            expected: 0,
            prev,
            range: CompactRange::new(),
            records: 0,
            bytes: 0,
            checkpoints_valid: 0,
            failures: Vec::new(),
            tail: None,
            checkpoint_tail: None,
            seen_hashes: std::collections::HashMap::new(),
            signed_size: 0,
            first_uncovered: None,
        }
    }

    fn fail(&mut self, seq: u64, reason: Reason, location: String, detail: impl Into<String>) {
        if self.failures.len() < MAX_FAILURES {
            self.failures.push(Failure {
                seq,
                reason,
                location,
                detail: detail.into(),
            });
        }
    }

    fn check_signatures(&mut self) {
        let mut last_size = 0u64;
        for i in 0..self.notes.len() {
            let note = &self.notes[i];
            let (size, line, cp_log) = (note.checkpoint.size, note.line, note.checkpoint.log_id);
            let ok = note.verify(&self.verifier) && cp_log == self.log_id && size > 0;
            self.signature_ok[i] = ok;
            let at = size.saturating_sub(1);
            if !ok {
                self.fail(
                    at,
                    Reason::BadSignature,
                    format!("checkpoints:{line}"),
                    format!(
                        "the checkpoint of size {size} is not signed by {}",
                        self.verifier.to_vkey()
                    ),
                );
            } else if size < last_size {
                self.fail(
                    at,
                    Reason::CheckpointMismatch,
                    format!("checkpoints:{line}"),
                    format!("the checkpoint of size {size} comes after one of size {last_size}"),
                );
            }
            last_size = last_size.max(size);
            if ok {
                self.signed_size = self.signed_size.max(size);
            }
        }
    }

    fn segment(
        &mut self,
        all: &[PathBuf],
        index: usize,
        path: &Path,
        bytes: &[u8],
    ) -> Result<(), VerifyError> {
        let is_last = index + 1 == all.len();
        let name = path.display().to_string();
        if bytes.len() < SEGMENT_HEADER_LEN && is_last {
            self.tail = Some(TailProblem {
                path: path.to_path_buf(),
                offset: 0,
                len: bytes.len() as u64,
                seq: self.expected,
                incomplete: true,
                what: "a segment file shorter than its header".into(),
            });
            return Ok(());
        }
        let header = match SegmentHeader::decode(bytes) {
            Ok(h) => h,
            Err(e) => {
                let at = self.expected;
                self.fail(
                    at,
                    Reason::SegmentHeader,
                    format!("{name}:0"),
                    e.to_string(),
                );
                return Ok(());
            }
        };
        if header.log_id != self.log_id {
            let at = self.expected;
            self.fail(
                at,
                Reason::ForeignSegment,
                format!("{name}:0"),
                format!(
                    "the segment belongs to log {}, not {}",
                    header.log_id, self.log_id
                ),
            );
            return Ok(());
        }
        let at = self.expected;
        let first = header.first_seq.0;
        if first != at || header.prev_hash != self.prev {
            let reason = if first > at {
                Reason::Gap
            } else if first < at {
                Reason::Replay
            } else {
                Reason::ChainBroken
            };
            self.fail(
                at,
                reason,
                format!("{name}:0"),
                format!("the segment starts at seq {first} and does not follow the segment before it (expected seq {at})"),
            );
        }
        let mut offset = SEGMENT_HEADER_LEN;
        while offset < bytes.len() {
            let loc = format!("{name}:{offset}");
            match parse_frame(&bytes[offset..]) {
                Parsed::Incomplete => {
                    if is_last {
                        self.tail = Some(TailProblem {
                            path: path.to_path_buf(),
                            offset: offset as u64,
                            len: (bytes.len() - offset) as u64,
                            seq: self.expected,
                            incomplete: true,
                            what: "an incomplete frame at the end of the last segment".into(),
                        });
                    } else {
                        let at = self.expected;
                        self.fail(
                            at,
                            Reason::Truncated,
                            loc,
                            "the segment ends inside a frame",
                        );
                    }
                    return Ok(());
                }
                Parsed::Malformed(e) => {
                    let rest = &bytes[offset..];
                    let zeros = rest.iter().all(|&b| b == 0);
                    if is_last && zeros {
                        self.tail = Some(TailProblem {
                            path: path.to_path_buf(),
                            offset: offset as u64,
                            len: rest.len() as u64,
                            seq: self.expected,
                            incomplete: true,
                            what: "zero bytes after the last frame".into(),
                        });
                        return Ok(());
                    }
                    let at = self.expected;
                    self.fail(at, Reason::Malformed, loc, e.to_string());
                    if is_last {
                        self.tail = Some(TailProblem {
                            path: path.to_path_buf(),
                            offset: offset as u64,
                            len: rest.len() as u64,
                            seq: at,
                            incomplete: false,
                            what: format!("bytes that are not a frame ({e})"),
                        });
                    }
                    return Ok(());
                }
                Parsed::Frame(frame, len) => {
                    let at_end = offset + len == bytes.len();
                    let seq = frame.header.seq.0;
                    let expected = self.expected;
                    if frame.computed_hash() != frame.stored_hash {
                        self.fail(
                            expected,
                            Reason::HashMismatch,
                            loc,
                            "the frame's bytes do not match its record hash",
                        );
                        if is_last && at_end {
                            self.tail = Some(TailProblem {
                                path: path.to_path_buf(),
                                offset: offset as u64,
                                len: len as u64,
                                seq: expected,
                                incomplete: false,
                                what: "a last frame whose bytes do not match its hash".into(),
                            });
                            // Not part of the chain to continue from: it may be cut.
                            return Ok(());
                        }
                        // The header is untrusted: keep the expected seq and the stored
                        // hash, so the records after it still chain and later damage is found.
                        self.accept(expected, frame.stored_hash);
                    } else if frame.header.log_id != self.log_id {
                        self.fail(
                            expected,
                            Reason::ForeignSegment,
                            loc,
                            format!("the frame belongs to log {}", frame.header.log_id),
                        );
                    } else if seq < expected {
                        let (reason, what) = if self.seen_hashes.get(&seq)
                            == Some(&frame.stored_hash)
                            && seq + 1 == expected
                        {
                            (Reason::Duplicate, "a second copy of the record just before")
                        } else if self.seen_hashes.get(&seq) == Some(&frame.stored_hash) {
                            (Reason::Replay, "a copy of an earlier record")
                        } else {
                            (
                                Reason::Replay,
                                "a frame with an already used sequence number",
                            )
                        };
                        self.fail(
                            expected,
                            reason,
                            loc,
                            format!("frame claims seq {seq}: {what}"),
                        );
                    } else if seq > expected {
                        let later = seq_appears_later(all, index, offset + len, expected)?;
                        let reason = if later { Reason::Reorder } else { Reason::Gap };
                        self.fail(
                            expected,
                            reason,
                            loc,
                            format!("expected seq {expected}, found seq {seq}"),
                        );
                        self.accept(seq, frame.stored_hash);
                    } else if frame.header.prev_hash != self.prev {
                        let reason = if seq == 0 {
                            Reason::GenesisMismatch
                        } else {
                            Reason::ChainBroken
                        };
                        self.fail(
                            expected,
                            reason,
                            loc,
                            "the previous-hash field does not name the record before",
                        );
                        self.accept(seq, frame.stored_hash);
                    } else {
                        self.accept(seq, frame.stored_hash);
                    }
                    if seq >= self.signed_size && self.first_uncovered.is_none() {
                        self.first_uncovered = Some((seq, frame.header.time.clone()));
                    }
                    offset += len;
                }
            }
        }
        Ok(())
    }

    fn accept(&mut self, seq: u64, hash: Hash) {
        // Gaps are filled as if absent; checkpoints after a gap fail, which is right.
        self.expected = seq + 1;
        self.prev = hash;
        self.range.push(&hash);
        self.records += 1;
        if self.seen_hashes.len() > 4096 {
            self.seen_hashes.clear();
        }
        self.seen_hashes.insert(seq, hash);
        self.compare_checkpoints();
    }

    fn compare_checkpoints(&mut self) {
        let size = self.range.size();
        while self.next_note < self.order.len() {
            let i = self.order[self.next_note];
            let cp_size = self.notes[i].checkpoint.size;
            if cp_size > size {
                break;
            }
            self.next_note += 1;
            if cp_size < size || !self.signature_ok[i] {
                continue;
            }
            let line = self.notes[i].line;
            let cp = &self.notes[i].checkpoint;
            if cp.root != self.range.root() || cp.head != self.prev {
                self.fail(
                    size - 1,
                    Reason::CheckpointMismatch,
                    format!("checkpoints:{line}"),
                    format!("the signed root or head for size {size} differs from the records"),
                );
            } else {
                self.checkpoints_valid += 1;
            }
        }
    }

    fn finish(&mut self) {
        let size = self.range.size();
        let missing: Vec<(u64, usize)> = self.order[self.next_note..]
            .iter()
            .filter(|&&i| self.signature_ok[i])
            .map(|&i| (self.notes[i].checkpoint.size, self.notes[i].line))
            .collect();
        if let Some((cp_size, line)) = missing.into_iter().max() {
            self.fail(
                size,
                Reason::TruncatedBelowCheckpoint,
                format!("checkpoints:{line}"),
                format!("a signed checkpoint covers {cp_size} records but only {size} are present"),
            );
        }
    }
}

/// True when a frame with `seq` appears after `offset` of segment `index` or later.
fn seq_appears_later(
    all: &[PathBuf],
    index: usize,
    offset: usize,
    seq: u64,
) -> Result<bool, VerifyError> {
    for (i, path) in all.iter().enumerate().skip(index) {
        let bytes = std::fs::read(path).map_err(|source| VerifyError::Io {
            path: path.clone(),
            source,
        })?;
        let mut pos = if i == index {
            offset
        } else {
            SEGMENT_HEADER_LEN
        };
        while pos < bytes.len() {
            match parse_frame(&bytes[pos..]) {
                Parsed::Frame(f, len) => {
                    if f.header.seq.0 == seq {
                        return Ok(true);
                    }
                    pos += len;
                }
                _ => break,
            }
        }
    }
    Ok(false)
}
