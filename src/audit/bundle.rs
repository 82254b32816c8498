//! Offline verification of an export bundle with nothing but the bundle (and, ideally,
//! a pinned public key): file digests, checkpoint signatures, the prefix range proven by
//! the first checkpoint, the hash chain and Merkle roots of the bundled frames up to the
//! last checkpoint, then decryption of every disclosed record with its disclosure key
//! and comparison with the JSON Lines. Never needs the gateway's secrets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::chain::{genesis, sha256, CompactRange, Hash};
use super::checkpoint::{self, Verifier};
use super::crypto::SecretKey;
use super::export::{
    DisclosureKey, ExportLine, Manifest, BUNDLE_FORMAT, FILE_CHECKPOINTS, FILE_CSV, FILE_FRAMES,
    FILE_JSONL, FILE_KEYS, FILE_MANIFEST, FILE_PUBLIC_KEY,
};
use super::frame::{parse_frame, Parsed};
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

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, BundleError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|source| BundleError::Io { path, source })
}

/// Verifies the bundle in `dir`. Failures are returned in the report, not as errors.
pub fn verify_bundle(dir: &Path, pinned: Option<&Verifier>) -> Result<BundleReport, BundleError> {
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
    if manifest.log_id != log_id.to_string() || manifest.public_key != verifier.to_vkey() {
        report.fail(
            manifest.prefix_size,
            Reason::ForeignSegment,
            FILE_MANIFEST,
            "the manifest names another log or public key than the one verified against",
        );
    }

    // Checkpoints: every one must be signed by the verifier.
    let parsed = checkpoint::parse_notes(&files[FILE_CHECKPOINTS]);
    for e in parsed.malformed.iter().chain(parsed.tail_error.iter()) {
        report.fail(
            manifest.prefix_size,
            Reason::Malformed,
            FILE_CHECKPOINTS,
            e.to_string(),
        );
    }
    let mut by_size = BTreeMap::new();
    for note in &parsed.notes {
        let size = note.checkpoint.size;
        if !note.verify(&verifier) || note.checkpoint.log_id != log_id {
            report.fail(
                size.saturating_sub(1),
                Reason::BadSignature,
                &format!("{FILE_CHECKPOINTS}:{}", note.line),
                format!("the checkpoint of size {size} is not signed by the log's key"),
            );
            continue;
        }
        by_size.insert(size, (note.checkpoint.root, note.checkpoint.head));
    }

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
            Some((root, head)) if *root == range.root() => *head,
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
    let frames = &files[FILE_FRAMES];
    let mut pos = 0;
    let mut expected = manifest.prefix_size;
    let mut headers = BTreeMap::new();
    while pos < frames.len() {
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
                format!("expected seq {expected}, found seq {seq}"),
            );
        } else if frame.header.prev_hash != prev {
            report.fail(
                expected,
                Reason::ChainBroken,
                &loc,
                "the previous-hash field does not name the record before",
            );
        }
        prev = frame.stored_hash;
        range.push(&frame.stored_hash);
        report.frames += 1;
        expected = seq.max(expected) + 1;
        if let Some((root, head)) = by_size.get(&range.size()) {
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
        headers.insert(
            seq,
            (
                frame.header.clone(),
                frame.header_bytes.to_vec(),
                frame.ciphertext.to_vec(),
            ),
        );
        pos += len;
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
            (None, true, None) => report.records_erased += 1,
            _ => report.fail(
                line.seq,
                Reason::Malformed,
                &loc,
                "a line needs either a record and its disclosure key, or `erased`",
            ),
        }
    }
    if manifest.tenant.is_none() {
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
    }
    report.failures.sort_by_key(|f| f.seq);
    Ok(report)
}
