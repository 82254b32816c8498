//! Offline verification of an export bundle with nothing but the bundle (and, ideally,
//! a pinned public key): the manifest's signature, file digests, checkpoint signatures,
//! the prefix range proven by the first checkpoint, the hash chain and Merkle roots of
//! the bundled frames and omitted hashes up to the closing checkpoint, the edges (the
//! first and last frames lie outside the range, or the range is declared open), every
//! in-range frame listed, every erased record proven by an erasure record of the log
//! (inclusion proof), then decryption of every disclosed record with its disclosure key
//! and comparison with the JSON Lines. Never needs the gateway's secrets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::chain::{genesis, leaf_hash, sha256, CompactRange, Hash};
use super::checkpoint::{self, Verifier};
use super::crypto::SecretKey;
use super::export::{
    erased_key_ids, manifest_note_body, DisclosureKey, ErasureProof, ExportLine, Manifest,
    OmittedFrame, BUNDLE_FORMAT, FILE_CHECKPOINTS, FILE_CSV, FILE_ERASURES, FILE_FRAMES,
    FILE_JSONL, FILE_KEYS, FILE_MANIFEST, FILE_OMITTED, FILE_PUBLIC_KEY, FILE_SIGNATURE,
};
use super::frame::{parse_frame, FrameHeader, Parsed};
use super::proof::verify_inclusion;
use super::reader::decrypt_with;
use super::verify::{Failure, Reason};

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a ledgergate export manifest: {source}")]
    Manifest {
        path: PathBuf,
        source: serde_json::Error,
    },
}

#[derive(Debug, Default, serde::Serialize)]
pub struct BundleReport {
    pub frames: u64,
    pub checkpoints_valid: usize,
    pub records_checked: u64,
    pub records_erased: u64,
    /// Checkpoints anchored off the host (a cluster's PostgreSQL) that the bundle's
    /// frames were checked against (see [`verify_bundle_anchored`]).
    pub anchors_checked: usize,
    pub failures: Vec<Failure>,
}

impl BundleReport {
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
    pub fn first_failure(&self) -> Option<&Failure> {
        self.failures.first()
    }
    fn fail(&mut self, seq: u64, reason: Reason, location: &str, detail: impl Into<String>) {
        self.failures.push(Failure {
            seq,
            reason,
            location: location.to_string(),
            detail: detail.into(),
        });
    }
}

/// The checkpoints in the notes `bytes` (file `name`, notes called `what`) signed by
/// `verifier` for its log, by size; a malformed or unsigned note is a failure.
fn signed_notes(
    bytes: &[u8],
    (name, what): (&str, &str),
    verifier: &Verifier,
    prefix_size: u64,
    report: &mut BundleReport,
) -> BTreeMap<u64, checkpoint::Checkpoint> {
    let parsed = checkpoint::parse_notes(bytes);
    for e in parsed.malformed.iter().chain(parsed.tail_error.iter()) {
        report.fail(prefix_size, Reason::Malformed, name, e.to_string());
    }
    let mut by_size = BTreeMap::new();
    for note in parsed.notes {
        let size = note.checkpoint.size;
        if !note.verify(verifier) || Some(note.checkpoint.log_id) != verifier.log_id() {
            report.fail(
                size.saturating_sub(1),
                Reason::BadSignature,
                &format!("{name}:{}", note.line),
                format!("the {what} of size {size} is not signed by the log's key"),
            );
            continue;
        }
        by_size.insert(size, note.checkpoint);
    }
    by_size
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, BundleError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|source| BundleError::Io { path, source })
}

/// Verifies the bundle in `dir`. Failures are returned in the report, not as errors.
pub fn verify_bundle(dir: &Path, pinned: Option<&Verifier>) -> Result<BundleReport, BundleError> {
    verify_bundle_anchored(dir, pinned, None)
}

/// As [`verify_bundle`], and also against `anchors`: signed notes of the same log kept
/// off the host (a cluster's append-only anchors table). Each must be signed by the
/// log's key, and each whose size lies in the bundle's span must match the root and
/// head the bundle's frames give at that size: a log rewritten together with its own
/// checkpoints file still differs from what was anchored before. Anchors outside the
/// span are checked for their signature only.
pub fn verify_bundle_anchored(
    dir: &Path,
    pinned: Option<&Verifier>,
    anchors: Option<(&str, &[u8])>,
) -> Result<BundleReport, BundleError> {
    let mut report = BundleReport::default();
    let manifest_bytes = read(dir, FILE_MANIFEST)?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|source| BundleError::Manifest {
            path: dir.join(FILE_MANIFEST),
            source,
        })?;
    if manifest.format != BUNDLE_FORMAT {
        report.fail(
            0,
            Reason::Malformed,
            FILE_MANIFEST,
            format!("unknown format {}", manifest.format),
        );
        return Ok(report);
    }
    let mut files = BTreeMap::new();
    for name in [
        FILE_FRAMES,
        FILE_CHECKPOINTS,
        FILE_PUBLIC_KEY,
        FILE_KEYS,
        FILE_OMITTED,
        FILE_ERASURES,
        FILE_JSONL,
        FILE_CSV,
    ] {
        let bytes = read(dir, name)?;
        let digest = hex::encode(sha256(&bytes));
        if manifest.files.get(name) != Some(&digest) {
            report.fail(
                manifest.prefix_size,
                Reason::HashMismatch,
                name,
                "the file's SHA-256 differs from the manifest",
            );
        }
        files.insert(name, bytes);
    }
    let bundled_key = Verifier::from_vkey(&String::from_utf8_lossy(&files[FILE_PUBLIC_KEY]));
    let verifier = match (pinned, bundled_key) {
        (Some(p), _) => p.clone(),
        (None, Ok(v)) => v,
        (None, Err(_)) => {
            report.fail(
                0,
                Reason::BadSignature,
                FILE_PUBLIC_KEY,
                "the bundle's public key is not a C2SP verifier key",
            );
            return Ok(report);
        }
    };
    let Some(log_id) = verifier.log_id() else {
        report.fail(
            0,
            Reason::BadSignature,
            FILE_PUBLIC_KEY,
            "the public key does not name a ledgergate log",
        );
        return Ok(report);
    };
    // The manifest is signed with the log's key: its range, counts, edges and file
    // digests cannot be changed to fit a trimmed, censored or edited bundle.
    let signature = read(dir, FILE_SIGNATURE)?;
    let signed = checkpoint::verify_note(&String::from_utf8_lossy(&signature), &verifier);
    if signed.as_deref() != Some(manifest_note_body(&log_id, &manifest_bytes).as_str()) {
        report.fail(
            0,
            Reason::BadSignature,
            FILE_SIGNATURE,
            "the manifest is not signed by the log's key (it was edited, or the signature is missing or another log's)",
        );
    }
    if manifest.log_id != log_id.to_string() || manifest.public_key != verifier.to_vkey() {
        report.fail(
            manifest.prefix_size,
            Reason::ForeignSegment,
            FILE_MANIFEST,
            "the manifest names another log or public key than the one verified against",
        );
    }

    // Checkpoints: every one must be signed by the verifier.
    let by_size: BTreeMap<u64, (Hash, Hash, String)> = signed_notes(
        &files[FILE_CHECKPOINTS],
        (FILE_CHECKPOINTS, "checkpoint"),
        &verifier,
        manifest.prefix_size,
        &mut report,
    )
    .into_iter()
    .map(|(size, c)| (size, (c.root, c.head, c.time)))
    .collect();
    let anchored: BTreeMap<u64, (Hash, Hash)> = match anchors {
        Some((name, bytes)) => signed_notes(
            bytes,
            (name, "anchored checkpoint"),
            &verifier,
            manifest.prefix_size,
            &mut report,
        )
        .into_iter()
        .map(|(size, c)| (size, (c.root, c.head)))
        .collect(),
        None => BTreeMap::new(),
    };

    // The prefix is proven by the checkpoint of its size.
    let peaks: Option<Vec<Hash>> = manifest
        .prefix_peaks
        .iter()
        .map(|h| hex::decode(h).ok().and_then(|b| b.try_into().ok()))
        .collect();
    let Some(mut range) = peaks.and_then(|p| CompactRange::from_parts(manifest.prefix_size, p))
    else {
        report.fail(
            manifest.prefix_size,
            Reason::Malformed,
            FILE_MANIFEST,
            "the prefix range is malformed",
        );
        return Ok(report);
    };
    let mut prev = if manifest.prefix_size == 0 {
        genesis(&log_id, &verifier.public_key)
    } else {
        match by_size.get(&manifest.prefix_size) {
            Some((root, head, _)) if *root == range.root() => *head,
            _ => {
                report.fail(
                    manifest.prefix_size,
                    Reason::CheckpointMismatch,
                    FILE_MANIFEST,
                    "no signed checkpoint proves the records before the bundle",
                );
                return Ok(report);
            }
        }
    };
    let anchor_name = anchors.map_or("anchors", |(name, _)| name);
    let check_anchor = |report: &mut BundleReport, size: u64, root: Hash, head: Hash| {
        if let Some((anchored_root, anchored_head)) = anchored.get(&size) {
            if *anchored_root == root && (size == 0 || *anchored_head == head) {
                report.anchors_checked += 1;
            } else {
                report.fail(
                    size.saturating_sub(1),
                    Reason::CheckpointMismatch,
                    anchor_name,
                    format!("the anchored root for size {size} differs from the bundle's records (the log was rewritten after it was anchored)"),
                );
            }
        }
    };
    if manifest.prefix_size > 0 {
        check_anchor(&mut report, manifest.prefix_size, range.root(), prev);
    }
    let omitted: Vec<OmittedFrame> = match serde_json::from_slice(&files[FILE_OMITTED]) {
        Ok(o) => o,
        Err(e) => {
            report.fail(
                manifest.prefix_size,
                Reason::Malformed,
                FILE_OMITTED,
                e.to_string(),
            );
            Vec::new()
        }
    };
    let mut omitted_at: BTreeMap<u64, Option<Hash>> = BTreeMap::new();
    for o in &omitted {
        let hash = hex::decode(&o.hash).ok().and_then(|b| b.try_into().ok());
        if omitted_at.insert(o.seq, hash).is_some() {
            report.fail(
                o.seq,
                Reason::Duplicate,
                FILE_OMITTED,
                "the record is omitted twice",
            );
        }
    }
    if manifest.tenant.is_none() && !omitted.is_empty() {
        report.fail(
            omitted[0].seq,
            Reason::Gap,
            FILE_OMITTED,
            "a bundle without a tenant filter omits no record",
        );
    }
    if omitted.len() as u64 != manifest.records_omitted {
        report.fail(
            manifest.prefix_size,
            Reason::Gap,
            FILE_OMITTED,
            format!(
                "{} records are omitted but the manifest says {}",
                omitted.len(),
                manifest.records_omitted
            ),
        );
    }
    let frames = &files[FILE_FRAMES];
    let mut pos = 0;
    let mut expected = manifest.prefix_size;
    let mut headers: BTreeMap<u64, (FrameHeader, Vec<u8>, Vec<u8>)> = BTreeMap::new();
    // Every record of the span is either a whole frame or an omitted hash, in order.
    loop {
        let (hash, seq) = if let Some(hash) = omitted_at.get(&expected) {
            let Some(hash) = *hash else {
                report.fail(
                    expected,
                    Reason::Malformed,
                    FILE_OMITTED,
                    "not a hex SHA-256",
                );
                break;
            };
            (hash, expected)
        } else {
            if pos >= frames.len() {
                break;
            }
            let loc = format!("{FILE_FRAMES}:{pos}");
            let (frame, len) = match parse_frame(&frames[pos..]) {
                Parsed::Frame(f, len) => (f, len),
                Parsed::Incomplete => {
                    report.fail(
                        expected,
                        Reason::Truncated,
                        &loc,
                        "the frames end inside a frame",
                    );
                    break;
                }
                Parsed::Malformed(e) => {
                    report.fail(expected, Reason::Malformed, &loc, e.to_string());
                    break;
                }
            };
            pos += len;
            let seq = frame.header.seq.0;
            if frame.computed_hash() != frame.stored_hash {
                report.fail(
                    expected,
                    Reason::HashMismatch,
                    &loc,
                    "the frame's bytes do not match its record hash",
                );
            } else if frame.header.log_id != log_id {
                report.fail(
                    expected,
                    Reason::ForeignSegment,
                    &loc,
                    "the frame belongs to another log",
                );
            } else if seq != expected {
                let reason = if seq < expected {
                    Reason::Duplicate
                } else {
                    Reason::Gap
                };
                report.fail(
                    expected,
                    reason,
                    &loc,
                    format!(
                        "expected seq {expected} (as a frame or an omitted hash), found seq {seq}"
                    ),
                );
            } else if frame.header.prev_hash != prev {
                report.fail(
                    expected,
                    Reason::ChainBroken,
                    &loc,
                    "the previous-hash field does not name the record before",
                );
            }
            report.frames += 1;
            headers.insert(
                seq,
                (
                    frame.header.clone(),
                    frame.header_bytes.to_vec(),
                    frame.ciphertext.to_vec(),
                ),
            );
            (frame.stored_hash, seq)
        };
        prev = hash;
        range.push(&hash);
        expected = seq.max(expected) + 1;
        check_anchor(&mut report, range.size(), range.root(), prev);
        if let Some((root, head, _)) = by_size.get(&range.size()) {
            if *root == range.root() && *head == prev {
                report.checkpoints_valid += 1;
            } else {
                report.fail(
                    range.size() - 1,
                    Reason::CheckpointMismatch,
                    FILE_CHECKPOINTS,
                    format!(
                        "the signed root for size {} differs from the frames",
                        range.size()
                    ),
                );
            }
        }
        if range.size() >= manifest.end_size {
            break;
        }
    }
    if pos < frames.len() || omitted_at.keys().any(|&s| s >= expected) {
        report.fail(
            expected,
            Reason::Malformed,
            FILE_FRAMES,
            "frames or omitted hashes beyond the closing checkpoint",
        );
    }
    if range.size() != manifest.end_size || !by_size.contains_key(&manifest.end_size) {
        report.fail(
            range.size(),
            Reason::TruncatedBelowCheckpoint,
            FILE_FRAMES,
            format!(
                "the frames end at size {} but the manifest and checkpoints promise {}",
                range.size(),
                manifest.end_size
            ),
        );
    }
    check_edges(&manifest, &headers, &by_size, &mut report);

    // Disclosed records: decrypt and compare with the JSON Lines.
    let keys: Vec<DisclosureKey> = match serde_json::from_slice(&files[FILE_KEYS]) {
        Ok(k) => k,
        Err(e) => {
            report.fail(
                manifest.prefix_size,
                Reason::Malformed,
                FILE_KEYS,
                e.to_string(),
            );
            Vec::new()
        }
    };
    let keys: BTreeMap<u64, String> = keys.into_iter().map(|k| (k.seq, k.key)).collect();
    let from = OffsetDateTime::parse(&manifest.from, &Rfc3339).ok();
    let to = OffsetDateTime::parse(&manifest.to, &Rfc3339).ok();
    let in_range = |time: &str| {
        let t = OffsetDateTime::parse(time, &Rfc3339).ok();
        matches!((t, from, to), (Some(t), Some(f), Some(e)) if t >= f && t < e)
    };
    let proven = proven_erasures(&files[FILE_ERASURES], &manifest, &by_size, &mut report);
    let jsonl = String::from_utf8_lossy(&files[FILE_JSONL]).into_owned();
    let mut listed = std::collections::BTreeSet::new();
    for (i, text) in jsonl.lines().enumerate() {
        let loc = format!("{FILE_JSONL}:{}", i + 1);
        let line: ExportLine = match serde_json::from_str(text) {
            Ok(l) => l,
            Err(e) => {
                report.fail(manifest.prefix_size, Reason::Malformed, &loc, e.to_string());
                continue;
            }
        };
        let Some((header, header_bytes, ciphertext)) = headers.get(&line.seq) else {
            report.fail(
                line.seq,
                Reason::Gap,
                &loc,
                "the line names a record that is not among the frames",
            );
            continue;
        };
        if !listed.insert(line.seq) {
            report.fail(
                line.seq,
                Reason::Duplicate,
                &loc,
                "the record is listed twice",
            );
        }
        if header.time != line.time
            || !in_range(&header.time)
            || header.key_id.to_string() != line.key_id
        {
            report.fail(
                line.seq,
                Reason::HashMismatch,
                &loc,
                "the line's time or key id differs from the frame, or is out of range",
            );
        }
        match (&line.record, line.erased, keys.get(&line.seq)) {
            (Some(record), false, Some(key_hex)) => {
                let Some(key) = hex::decode(key_hex)
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                else {
                    report.fail(
                        line.seq,
                        Reason::Malformed,
                        FILE_KEYS,
                        "the disclosure key is not 32 hex bytes",
                    );
                    continue;
                };
                match decrypt_with(
                    &SecretKey::from_bytes(key),
                    header,
                    header_bytes,
                    ciphertext,
                ) {
                    Ok(decrypted) if &decrypted == record => report.records_checked += 1,
                    Ok(_) => report.fail(
                        line.seq,
                        Reason::HashMismatch,
                        &loc,
                        "the line differs from the decrypted frame",
                    ),
                    Err(e) => report.fail(line.seq, Reason::BadTag, &loc, e.to_string()),
                }
            }
            (None, true, None) if proven.contains(&line.key_id) => report.records_erased += 1,
            (None, true, None) => report.fail(
                line.seq,
                Reason::UnknownKey,
                &loc,
                format!(
                    "the record is marked erased but no erasure record in {FILE_ERASURES} destroyed its key {}",
                    line.key_id
                ),
            ),
            _ => report.fail(
                line.seq,
                Reason::Malformed,
                &loc,
                "a line needs either a record and its disclosure key, or `erased`",
            ),
        }
    }
    // Every whole frame in the range is listed (a tenant's bundle shows the other
    // tenants' records as omitted hashes, never as unlisted frames).
    for (seq, (header, _, _)) in &headers {
        if in_range(&header.time) && !listed.contains(seq) {
            report.fail(
                *seq,
                Reason::Gap,
                FILE_JSONL,
                "a record in the range is missing from the JSON Lines",
            );
            break;
        }
    }
    if report.records_checked != manifest.records_disclosed
        || report.records_erased != manifest.records_erased
    {
        report.fail(
            manifest.prefix_size,
            Reason::Gap,
            FILE_MANIFEST,
            format!(
                "the bundle shows {} disclosed and {} erased records but the manifest says {} and {}",
                report.records_checked,
                report.records_erased,
                manifest.records_disclosed,
                manifest.records_erased
            ),
        );
    }
    report.failures.sort_by_key(|f| f.seq);
    Ok(report)
}

type Checkpoints = BTreeMap<u64, (Hash, Hash, String)>;

fn parse_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// The first frame must lie before the range (unless the bundle starts at the log's
/// first record) and the last after it (or the closing checkpoint be signed after the
/// range ended, or the manifest declare the range still open): otherwise records just
/// outside the bundle might belong to the range. Record times grow with the sequence.
fn check_edges(
    manifest: &Manifest,
    headers: &BTreeMap<u64, (FrameHeader, Vec<u8>, Vec<u8>)>,
    checkpoints: &Checkpoints,
    report: &mut BundleReport,
) {
    let (Some(from), Some(to)) = (parse_time(&manifest.from), parse_time(&manifest.to)) else {
        report.fail(
            0,
            Reason::Malformed,
            FILE_MANIFEST,
            "the range is not RFC 3339",
        );
        return;
    };
    let time_of = |seq: u64| headers.get(&seq).and_then(|(h, _, _)| parse_time(&h.time));
    let first = manifest.prefix_size;
    if first > 0 && time_of(first).is_none_or(|t| t >= from) {
        report.fail(
            first,
            Reason::Truncated,
            FILE_FRAMES,
            format!("the bundle's first record (seq {first}) is not a frame written before the range, so records before it may belong to the range (a bundle trimmed at its start)"),
        );
    }
    let last = manifest.end_size.saturating_sub(1);
    let signed_after = checkpoints
        .get(&manifest.end_size)
        .and_then(|(_, _, t)| parse_time(t))
        .is_some_and(|t| t >= to);
    let closed = time_of(last).is_some_and(|t| t >= to) || signed_after;
    if !closed && !manifest.open_end {
        report.fail(
            last,
            Reason::Truncated,
            FILE_FRAMES,
            format!("the bundle ends inside the range at seq {last} and its closing checkpoint was signed before the range ended, so records after it may belong to the range (a bundle trimmed at its end)"),
        );
    }
    if closed && manifest.open_end {
        report.fail(
            last,
            Reason::Malformed,
            FILE_MANIFEST,
            "the manifest declares the range open, but the bundle reaches past its end",
        );
    }
}

/// The data key ids that the bundle's erasure records prove destroyed: each entry's
/// frame is proven in the log by an inclusion proof against the signed checkpoint of
/// `proof_size`, decrypts with its disclosed key, and is an `erasure_done` record.
fn proven_erasures(
    bytes: &[u8],
    manifest: &Manifest,
    checkpoints: &Checkpoints,
    report: &mut BundleReport,
) -> std::collections::BTreeSet<String> {
    let mut proven = std::collections::BTreeSet::new();
    let entries: Vec<ErasureProof> = match serde_json::from_slice(bytes) {
        Ok(e) => e,
        Err(e) => {
            report.fail(0, Reason::Malformed, FILE_ERASURES, e.to_string());
            return proven;
        }
    };
    let size = manifest.proof_size;
    for entry in entries {
        let seq = entry.seq;
        let bad = |report: &mut BundleReport, reason, what: String| {
            report.fail(seq, reason, FILE_ERASURES, what);
        };
        let Some((root, _, _)) = checkpoints.get(&size) else {
            bad(
                report,
                Reason::CheckpointMismatch,
                format!("no signed checkpoint of size {size} to prove the erasure record against"),
            );
            continue;
        };
        let raw = B64.decode(&entry.frame).unwrap_or_default();
        let Parsed::Frame(frame, _) = parse_frame(&raw) else {
            bad(
                report,
                Reason::Malformed,
                "the erasure record is not a frame".into(),
            );
            continue;
        };
        let path: Option<Vec<Hash>> = entry
            .proof
            .iter()
            .map(|h| hex::decode(h).ok().and_then(|b| b.try_into().ok()))
            .collect();
        let included = frame.computed_hash() == frame.stored_hash
            && frame.header.seq.0 == seq
            && path.is_some_and(|p| {
                verify_inclusion(seq, size, &leaf_hash(&frame.stored_hash), &p, root).is_ok()
            });
        if !included {
            bad(
                report,
                Reason::HashMismatch,
                format!("the erasure record is not proven to be record {seq} of the log"),
            );
            continue;
        }
        let key = hex::decode(&entry.key)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok());
        let record = key.and_then(|k| {
            decrypt_with(
                &SecretKey::from_bytes(k),
                &frame.header,
                frame.header_bytes,
                frame.ciphertext,
            )
            .ok()
        });
        match record {
            Some(r) if !erased_key_ids(&r).is_empty() => proven.extend(erased_key_ids(&r)),
            _ => bad(
                report,
                Reason::BadTag,
                "the erasure record does not decrypt to an erasure".into(),
            ),
        }
    }
    proven
}
