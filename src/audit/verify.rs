//! Verification of an audit log from its files alone, with no secret: every segment
//! header, every frame's self-hash, the chain of previous hashes from the genesis value,
//! gapless sequence numbers, and every checkpoint's signature, Merkle root and head.
//! Speaks like CloudTrail's `validate-logs`: how many records and checkpoints were
//! valid, and the first failure with its sequence number and a distinct reason.
//! The same scan gives `AuditLog::open` the state to continue from and the torn tail to
//! cut. [`Resumable`] verifies a log that keeps growing (the console's chain view): it
//! remembers the verified head and reads only what was appended since, starting over
//! when the log no longer extends that head. Never modifies a file.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::chain::{genesis, leaf_hash, sha256, CompactRange, Hash, LogId, TreeLevels};
use super::checkpoint::{self, SignedCheckpoint, Verifier};
use super::frame::{parse_frame, Parsed, SegmentHeader, SEGMENT_HEADER_LEN};
use super::segment::{checkpoints_path, list_segments, public_key_path, read_from, SegmentError};

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
    let scanned = scan_log(dir, verifier, false)?;
    Ok(scanned
        .scan
        .report(&scanned.segments, scanned.checkpoints.missing))
}

/// The checkpoints file as read: its bytes (empty when it is missing).
struct CheckpointsFile {
    bytes: Vec<u8>,
    missing: bool,
}

fn read_checkpoints(dir: &Path) -> Result<CheckpointsFile, VerifyError> {
    let path = checkpoints_path(dir);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(CheckpointsFile {
            bytes,
            missing: false,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CheckpointsFile {
            bytes: Vec::new(),
            missing: true,
        }),
        Err(source) => Err(VerifyError::Io { path, source }),
    }
}

/// A whole scan: the scanner's state after the last segment, and what it read.
struct Scanned {
    scan: Scanner,
    segments: Vec<PathBuf>,
    checkpoints: CheckpointsFile,
}

/// Scans every checkpoint note and every segment of the log in `dir`. `resumable`
/// keeps what a later [`Resumable`] pass needs (every record hash and Merkle level).
fn scan_log(dir: &Path, verifier: Verifier, resumable: bool) -> Result<Scanned, VerifyError> {
    let log_id = verifier.log_id().ok_or_else(|| VerifyError::PublicKey {
        path: public_key_path(dir),
    })?;
    // Notes first, then segments: a note is written after the records it covers, so
    // every note read here covers records that the segments read next hold.
    let checkpoints = read_checkpoints(dir)?;
    let notes = checkpoint::parse_notes(&checkpoints.bytes);
    let segments = list_segments(dir)?;
    let mut scan = Scanner::new(log_id, verifier, notes.notes.clone());
    if resumable {
        scan.history = Some(History::default());
    }
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
        scan.segment(&segments, i, path, &bytes, 0)?;
    }
    Ok(Scanned {
        scan,
        segments,
        checkpoints,
    })
}

/// How a pass of [`Resumable::verify`] went about it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Pass {
    /// Every segment and note was read; `reason` says why from scratch, `diverged`
    /// whether because the log no longer extended the head verified before.
    Full { reason: String, diverged: bool },
    /// Only what was appended after the head verified before: records from `from_seq`
    /// on (`records` of them) and the notes added since.
    Incremental { from_seq: u64, records: u64 },
}

/// Verifies a log that keeps growing, as often as asked, reading each frame once: it
/// remembers the last verified head (its seq, its hash, where it stands) and the
/// checkpoints file it read, and the next pass continues from there. It starts over from
/// scratch, and says why, when the log no longer extends that head: the public key file
/// changed, the checkpoints file no longer begins with the notes read before, a segment was removed or renamed, a
/// segment before the last changed its length or modification time, or the last
/// verified frame is no longer what was verified. A pass that finds any problem is not
/// remembered (the next one starts over). What it does not see: bytes of the verified
/// part of the open segment rewritten in place with the same length, in frames before the
/// last verified one; a full `audit verify` (and every start of the gateway) finds those.
pub struct Resumable {
    dir: PathBuf,
    state: Option<Resume>,
    /// Why the next pass starts over when no state is remembered.
    fresh_reason: &'static str,
}

struct Resume {
    scanned: Scanned,
    /// Length and modification time of every segment but the last, as verified: a
    /// segment the writer has moved on from never changes.
    closed: Vec<(u64, Option<SystemTime>)>,
    /// The checkpoints bytes read (whole notes only) and their digest.
    cp_len: usize,
    cp_digest: Hash,
}

enum Resumed {
    Done(Box<VerifyReport>, Pass),
    /// The log does not extend the remembered head, for this reason.
    Diverged(String),
}

fn stamp(path: &Path) -> Result<(u64, Option<SystemTime>), VerifyError> {
    let meta = std::fs::metadata(path).map_err(|source| VerifyError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((meta.len(), meta.modified().ok()))
}

impl Resumable {
    pub fn new(dir: &Path) -> Resumable {
        Resumable {
            dir: dir.to_path_buf(),
            state: None,
            fresh_reason: "the first verification since the gateway started",
        }
    }

    /// Verifies what was appended since the last pass (or everything, see the type).
    pub fn verify(&mut self) -> Result<(VerifyReport, Pass), VerifyError> {
        let (reason, diverged) = match self.state.take() {
            None => (self.fresh_reason.to_string(), false),
            Some(state) => match self.resume(state)? {
                Resumed::Done(report, pass) => return Ok((*report, pass)),
                Resumed::Diverged(why) => (format!(
                    "the log no longer extends the head verified before ({why}): verified again from scratch"
                ), true),
            },
        };
        let verifier = read_verifier(&self.dir)?;
        let scanned = scan_log(&self.dir, verifier, true)?;
        let report = scanned
            .scan
            .report(&scanned.segments, scanned.checkpoints.missing);
        self.remember(scanned, &report)?;
        Ok((report, Pass::Full { reason, diverged }))
    }

    /// Keeps the state of a pass that found nothing wrong.
    fn remember(&mut self, scanned: Scanned, report: &VerifyReport) -> Result<(), VerifyError> {
        let clean = report.ok() && report.tail.as_ref().is_none_or(|t| t.incomplete);
        if !clean {
            self.fresh_reason = "the last verification found a problem";
            return Ok(());
        }
        let closed = scanned.segments[..scanned.segments.len().saturating_sub(1)]
            .iter()
            .map(|p| stamp(p))
            .collect::<Result<Vec<_>, _>>()?;
        let cp_len = checkpoint::parse_notes(&scanned.checkpoints.bytes).valid_len;
        let cp_digest = sha256(&scanned.checkpoints.bytes[..cp_len]);
        self.state = Some(Resume {
            scanned,
            closed,
            cp_len,
            cp_digest,
        });
        Ok(())
    }

    fn resume(&mut self, state: Resume) -> Result<Resumed, VerifyError> {
        let Resume {
            scanned,
            closed,
            cp_len,
            cp_digest,
        } = state;
        let Scanned {
            mut scan,
            segments: old,
            ..
        } = scanned;
        // A swapped public key file changes the genesis value every record chains to.
        if read_verifier(&self.dir).ok().as_ref() != Some(&scan.verifier) {
            return Ok(Resumed::Diverged(
                "the public key file beside the log changed".into(),
            ));
        }
        let checkpoints = read_checkpoints(&self.dir)?;
        if checkpoints.bytes.len() < cp_len || sha256(&checkpoints.bytes[..cp_len]) != cp_digest {
            return Ok(Resumed::Diverged(
                "the checkpoints file no longer begins with the notes verified before".into(),
            ));
        }
        let notes = checkpoint::parse_notes(&checkpoints.bytes);
        if notes.tail_error.is_some()
            || !notes.malformed.is_empty()
            || notes.notes.len() < scan.notes.len()
        {
            return Ok(Resumed::Diverged(
                "the checkpoints file holds a torn or damaged note".into(),
            ));
        }
        let segments = list_segments(&self.dir)?;
        if segments.len() < old.len() || segments[..old.len()] != old[..] {
            return Ok(Resumed::Diverged(
                "a segment file verified before is gone or renamed".into(),
            ));
        }
        for (path, was) in segments.iter().zip(&closed) {
            if stamp(path)? != *was {
                return Ok(Resumed::Diverged(format!(
                    "{} changed after it was verified",
                    path.display()
                )));
            }
        }
        // The head: the last verified frame must still stand where it stood, unchanged.
        let (stop_index, stop) = scan.stop;
        let start = match scan.last_frame {
            Some((index, offset)) if index == stop_index => offset,
            _ => stop,
        };
        let path = &segments[stop_index];
        let (len, _) = stamp(path)?;
        let bytes = read_from(path, start).map_err(|source| VerifyError::Io {
            path: path.clone(),
            source,
        })?;
        let head_len = (stop - start) as usize;
        let head_ok = len >= stop
            && (head_len == 0
                || matches!(parse_frame(&bytes), Parsed::Frame(f, n)
                    if n == head_len && f.stored_hash == scan.prev && f.computed_hash() == f.stored_hash));
        if !head_ok {
            return Ok(Resumed::Diverged(format!(
                "the last verified record, seq {}, is no longer what was verified",
                scan.expected.saturating_sub(1)
            )));
        }
        let from_seq = scan.expected;
        let records_before = scan.records;
        scan.add_notes(notes.notes[scan.notes.len()..].to_vec());
        scan.tail = None;
        let mut bytes_total: u64 = closed.iter().map(|(l, _)| l).sum::<u64>() + len;
        scan.segment(&segments, stop_index, path, &bytes[head_len..], stop)?;
        for (i, path) in segments.iter().enumerate().skip(stop_index + 1) {
            let bytes = std::fs::read(path).map_err(|source| VerifyError::Io {
                path: path.clone(),
                source,
            })?;
            bytes_total += bytes.len() as u64;
            scan.segment(&segments, i, path, &bytes, 0)?;
        }
        scan.bytes = bytes_total;
        let report = scan.report(&segments, checkpoints.missing);
        let pass = Pass::Incremental {
            from_seq,
            records: scan.records - records_before,
        };
        self.remember(
            Scanned {
                scan,
                segments,
                checkpoints,
            },
            &report,
        )?;
        Ok(Resumed::Done(Box::new(report), pass))
    }
}

/// What a resumable scan keeps beyond a one-off one.
#[derive(Default)]
struct History {
    /// Every record hash, by seq: the head a late checkpoint names.
    hashes: Vec<Hash>,
    /// The Merkle tree's levels: the root a late checkpoint names.
    tree: TreeLevels,
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
    /// The largest size of a validly signed checkpoint, and the records beyond it:
    /// (seq, time), only the first unless resumable (a later note may cover some).
    signed_size: u64,
    uncovered: VecDeque<(u64, String)>,
    /// The size of the last note read, signed or not (notes come in size order).
    last_note_size: u64,
    /// Where the scan stopped: (segment index, offset after the last whole frame).
    stop: (usize, u64),
    /// Where the last accepted frame starts: (segment index, offset).
    last_frame: Option<(usize, u64)>,
    history: Option<History>,
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
            uncovered: VecDeque::new(),
            last_note_size: 0,
            stop: (0, 0),
            last_frame: None,
            history: None,
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
        for i in 0..self.notes.len() {
            self.check_signature(i);
        }
    }

    fn check_signature(&mut self, i: usize) {
        let note = &self.notes[i];
        let (size, line, cp_log) = (note.checkpoint.size, note.line, note.checkpoint.log_id);
        let ok = note.verify(&self.verifier) && cp_log == self.log_id && size > 0;
        self.signature_ok[i] = ok;
        let at = size.saturating_sub(1);
        let last_size = self.last_note_size;
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
        self.last_note_size = last_size.max(size);
        if ok {
            self.signed_size = self.signed_size.max(size);
        }
    }

    /// Takes the notes appended since the scan (a resumed pass): checks their
    /// signatures, compares at once those at or below the records verified (from the
    /// kept history) and queues the others for the frames still to come.
    fn add_notes(&mut self, new: Vec<SignedCheckpoint>) {
        let verified = self.range.size();
        let mut pending = self.order.split_off(self.next_note);
        for note in new {
            let i = self.notes.len();
            self.notes.push(note);
            self.signature_ok.push(false);
            self.check_signature(i);
            let size = self.notes[i].checkpoint.size;
            if size > verified {
                pending.push(i);
                continue;
            }
            if !self.signature_ok[i] {
                continue;
            }
            let at = |h: &History| {
                let head = usize::try_from(size - 1).ok().and_then(|s| h.hashes.get(s));
                head.copied().zip(h.tree.root_at(size))
            };
            match self.history.as_ref().and_then(at) {
                Some((head, root)) => self.compare_note(i, size, root, head),
                None => {
                    let line = self.notes[i].line;
                    self.fail(
                        size - 1,
                        Reason::CheckpointMismatch,
                        format!("checkpoints:{line}"),
                        format!(
                            "the checkpoint of size {size} cannot be compared with the records"
                        ),
                    );
                }
            }
        }
        pending.sort_by_key(|&i| (self.notes[i].checkpoint.size, i));
        self.order.extend(pending);
        while self
            .uncovered
            .front()
            .is_some_and(|(seq, _)| *seq < self.signed_size)
        {
            self.uncovered.pop_front();
        }
    }

    /// Checks a segment's header; false when its frames cannot be read after it.
    fn header(&mut self, path: &Path, name: &str, is_last: bool, bytes: &[u8]) -> bool {
        if bytes.len() < SEGMENT_HEADER_LEN && is_last {
            self.tail = Some(TailProblem {
                path: path.to_path_buf(),
                offset: 0,
                len: bytes.len() as u64,
                seq: self.expected,
                incomplete: true,
                what: "a segment file shorter than its header".into(),
            });
            return false;
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
                return false;
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
            return false;
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
        true
    }

    /// Scans one segment's frames. `bytes` are the file's from offset `base` on: from 0
    /// (the header is checked first) or from where a resumed scan stopped.
    fn segment(
        &mut self,
        all: &[PathBuf],
        index: usize,
        path: &Path,
        bytes: &[u8],
        base: u64,
    ) -> Result<(), VerifyError> {
        let is_last = index + 1 == all.len();
        let name = path.display().to_string();
        self.stop = (index, base);
        let mut offset = 0;
        if base == 0 {
            if !self.header(path, &name, is_last, bytes) {
                return Ok(());
            }
            offset = SEGMENT_HEADER_LEN;
            self.stop = (index, offset as u64);
        }
        while offset < bytes.len() {
            let at_file = base + offset as u64;
            let loc = format!("{name}:{at_file}");
            match parse_frame(&bytes[offset..]) {
                Parsed::Incomplete => {
                    if is_last {
                        self.tail = Some(TailProblem {
                            path: path.to_path_buf(),
                            offset: at_file,
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
                            offset: at_file,
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
                            offset: at_file,
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
                                offset: at_file,
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
                        let later =
                            seq_appears_later(all, index, at_file as usize + len, expected)?;
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
                    if seq >= self.signed_size
                        && (self.history.is_some() || self.uncovered.is_empty())
                    {
                        self.uncovered.push_back((seq, frame.header.time.clone()));
                    }
                    self.last_frame = Some((index, at_file));
                    offset += len;
                    self.stop = (index, base + offset as u64);
                }
            }
        }
        Ok(())
    }

    fn accept(&mut self, seq: u64, hash: Hash) {
        // Gaps are filled as if absent; checkpoints after a gap fail, which is right.
        self.expected = seq + 1;
        self.prev = hash;
        let leaf = leaf_hash(&hash);
        self.range.push_leaf_hash(leaf);
        if let Some(h) = self.history.as_mut() {
            h.hashes.push(hash);
            h.tree.push_leaf_hash(leaf);
        }
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
            let (root, head) = (self.range.root(), self.prev);
            self.compare_note(i, size, root, head);
        }
    }

    /// Compares note `i` (of `size`, validly signed) with the records' root and head.
    fn compare_note(&mut self, i: usize, size: u64, root: Hash, head: Hash) {
        let line = self.notes[i].line;
        let cp = &self.notes[i].checkpoint;
        if cp.root != root || cp.head != head {
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

    /// The report on what was scanned so far, with the failures only the end of the log
    /// tells (signed checkpoints beyond the records, a missing checkpoints file).
    fn report(&self, segments: &[PathBuf], cp_missing: bool) -> VerifyReport {
        let mut failures = self.failures.clone();
        let size = self.range.size();
        let missing = self.order[self.next_note..]
            .iter()
            .filter(|&&i| self.signature_ok[i])
            .map(|&i| (self.notes[i].checkpoint.size, self.notes[i].line))
            .max();
        if let Some((cp_size, line)) = missing {
            failures.push(Failure {
                seq: size,
                reason: Reason::TruncatedBelowCheckpoint,
                location: format!("checkpoints:{line}"),
                detail: format!(
                    "a signed checkpoint covers {cp_size} records but only {size} are present"
                ),
            });
        }
        if cp_missing && self.records > 0 {
            // Every start signs a checkpoint right after its start record, so a log with
            // records and no checkpoints file lost it: deleting it would hide a rollback.
            failures.push(Failure {
                seq: 0,
                reason: Reason::CheckpointsMissing,
                location: "checkpoints".into(),
                detail: format!(
                    "{} records exist but the checkpoints file is missing; a removed checkpoints file hides a rollback (compare with a checkpoint you kept: audit verify --trusted)",
                    self.records
                ),
            });
        }
        failures.truncate(MAX_FAILURES);
        VerifyReport {
            log_id: self.log_id,
            verifier: self.verifier.clone(),
            records: self.records,
            segments: segments.len(),
            bytes: self.bytes,
            checkpoints: self.notes.len(),
            checkpoints_valid: self.checkpoints_valid,
            failures,
            tail: self.tail.clone(),
            checkpoint_tail: self.checkpoint_tail.clone(),
            largest_checkpoint: self
                .notes
                .iter()
                .map(|n| n.checkpoint.size)
                .max()
                .unwrap_or(0),
            head: Head {
                next_seq: self.expected,
                last_hash: self.prev,
                range: self.range.clone(),
                last_segment: segments.last().cloned(),
            },
            first_uncovered: self.uncovered.front().cloned(),
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
