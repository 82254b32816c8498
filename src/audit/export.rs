//! Export bundles for auditors: for a time range (and optionally one tenant), the
//! frames from a checkpoint before the range to one after it (a tenant-filtered bundle
//! shows the other tenants' records as their record hashes only), those checkpoints,
//! the public key, the per-record disclosure keys of the records in range, the erasure
//! records (with inclusion proofs) that prove why erased records cannot be read, and
//! the decrypted records as JSON Lines and CSV, described by `manifest.json`
//! (`audit-schema/export-manifest.schema.json`), which is signed with the log's key
//! (`manifest.sig`), so a bundle cannot be trimmed, censored or edited unnoticed.
//! Guarantees: a disclosure key opens one record only; no data key or master key is
//! ever written. Refuses a log that does not verify.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::chain::{leaf_hash, sha256, CompactRange, LogId};
use super::checkpoint;
use super::keys::KeyStore;
use super::proof::inclusion_proof;
use super::reader::{for_each_frame, open_frame, Opened, ReadError};
use super::record::Record;
use super::segment::checkpoints_path;
use super::verify::{verify_log, VerifyError};

pub const BUNDLE_FORMAT: &str = "ledgergate-audit-export/v2";
pub const FILE_FRAMES: &str = "frames.bin";
pub const FILE_CHECKPOINTS: &str = "checkpoints";
pub const FILE_PUBLIC_KEY: &str = "audit.pub";
pub const FILE_KEYS: &str = "disclosure-keys.json";
pub const FILE_JSONL: &str = "records.jsonl";
pub const FILE_CSV: &str = "records.csv";
pub const FILE_MANIFEST: &str = "manifest.json";
pub const FILE_SIGNATURE: &str = "manifest.sig";
pub const FILE_OMITTED: &str = "omitted.json";
pub const FILE_ERASURES: &str = "erasures.json";

/// The body of the note that signs a manifest: bound to the log, never a checkpoint.
pub fn manifest_note_body(log_id: &LogId, manifest: &[u8]) -> String {
    format!(
        "{} export manifest\nsha256 {}\n",
        checkpoint::origin(log_id),
        hex::encode(sha256(manifest))
    )
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("`{0}` is not an RFC 3339 time (for example 2026-01-31T00:00:00Z)")]
    BadTime(String),
    #[error("the export range is empty: --from must be before --to")]
    EmptyRange,
    #[error("no audit records have a time between {from} and {to}")]
    NoRecords { from: String, to: String },
    #[error("the audit log does not verify ({0}); run `ledgergate audit verify` before exporting")]
    LogDamaged(String),
    #[error("no signed checkpoint covers seq {0}; the export needs one after the range")]
    NoCheckpointAfter(u64),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("the output directory {0} exists already; name a new directory (the bundle is written into a fresh one)")]
    OutExists(PathBuf),
    #[error("record seq {seq} has no data key and no erasure record destroyed key {key_id}; run `ledgergate audit verify --decrypt`")]
    UnprovenErasure { seq: u64, key_id: String },
    #[error(transparent)]
    Keys(#[from] super::keys::KeyError),
}

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// RFC 3339, inclusive.
    pub from: String,
    /// RFC 3339, exclusive.
    pub to: String,
    pub tenant: Option<String>,
    pub out: PathBuf,
    /// In a cluster export: every node the bundle covers, written into this node's
    /// signed manifest so that a node dropped from the cluster bundle is seen.
    pub cluster_nodes: Option<Vec<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExportReport {
    pub out: PathBuf,
    pub records_disclosed: u64,
    pub records_erased: u64,
    pub first_seq: u64,
    pub end_size: u64,
    pub manifest_sha256: String,
}

/// `manifest.json` of a bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub log_id: String,
    /// The C2SP verifier key of the log's checkpoints.
    pub public_key: String,
    pub created: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// Records `0..prefix_size` precede the bundle; `prefix_peaks` is their compact
    /// Merkle range, proven by the checkpoint of that size.
    pub prefix_size: u64,
    pub prefix_peaks: Vec<String>,
    /// The bundle's frames are records `prefix_size..end_size`; `end_size` is a checkpoint.
    pub end_size: u64,
    pub records_in_range: u64,
    pub records_disclosed: u64,
    pub records_erased: u64,
    /// Records of `prefix_size..end_size` shown only as their record hash
    /// (`omitted.json`): the other tenants' records of a tenant-filtered bundle.
    pub records_omitted: u64,
    /// True when the range reaches past what the log held at the export: the last
    /// frame and the closing checkpoint are both older than `to`, so records written
    /// later may still fall in the range.
    pub open_end: bool,
    /// The size of the checkpoint (in `checkpoints`) that the erasure proofs lead to.
    pub proof_size: u64,
    /// SHA-256 (hex) of every other file in the bundle but `manifest.sig`.
    pub files: std::collections::BTreeMap<String, String>,
    /// In a node's part of a cluster bundle: the ids of every node the cluster export
    /// collected, as the exporter asked this node (signed with the manifest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_nodes: Option<Vec<String>>,
}

/// One entry of `omitted.json`: a record shown as its record hash only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmittedFrame {
    pub seq: u64,
    /// The record hash (hex).
    pub hash: String,
}

/// One entry of `erasures.json`: an `erasure_done` record of the log, disclosed with its
/// record key and proven by an inclusion proof against the checkpoint of `proof_size`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErasureProof {
    pub seq: u64,
    /// The raw frame (base64).
    pub frame: String,
    /// Its record key (hex).
    pub key: String,
    /// RFC 6962 audit path (hex), leaf first.
    pub proof: Vec<String>,
}

/// One line of `records.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportLine {
    pub seq: u64,
    pub time: String,
    pub key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
}

/// One entry of `disclosure-keys.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureKey {
    pub seq: u64,
    /// The record key (hex): opens this record and nothing else.
    pub key: String,
}

pub fn parse_time(text: &str) -> Result<OffsetDateTime, ExportError> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|_| ExportError::BadTime(text.to_string()))
}

/// Writes the bundle of the records in range among the first `limit` records (`limit`
/// is the size of a signed checkpoint, so records appended meanwhile are left out).
pub fn write_bundle(
    dir: &Path,
    keys: &mut KeyStore,
    req: &ExportRequest,
    limit: u64,
) -> Result<ExportReport, ExportError> {
    let from = parse_time(&req.from)?;
    let to = parse_time(&req.to)?;
    if from >= to {
        return Err(ExportError::EmptyRange);
    }
    // Checked again, atomically, when the directory is made; this only fails early.
    if std::fs::symlink_metadata(&req.out).is_ok() {
        return Err(ExportError::OutExists(req.out.clone()));
    }
    let report = verify_log(dir, None)?;
    if let Some(f) = report.first_failure() {
        return Err(ExportError::LogDamaged(f.to_string()));
    }
    let log_id = report.log_id;
    // Pass 1: which seqs are in range.
    let mut in_range = Vec::new();
    for_each_frame(dir, |f| {
        let t = OffsetDateTime::parse(&f.header.time, &Rfc3339).ok();
        if f.header.seq.0 >= limit {
            return Ok(false);
        }
        if t.is_some_and(|t| t >= from && t < to) {
            in_range.push(f.header.seq.0);
        }
        Ok(true)
    })?;
    let (Some(&first), Some(&last)) = (in_range.first(), in_range.last()) else {
        return Err(ExportError::NoRecords {
            from: req.from.clone(),
            to: req.to.clone(),
        });
    };
    let cp_bytes = std::fs::read(checkpoints_path(dir)).unwrap_or_default();
    let notes: Vec<_> = checkpoint::parse_notes(&cp_bytes)
        .notes
        .into_iter()
        .filter(|n| n.checkpoint.size <= limit)
        .collect();
    // The bundle starts at a checkpoint strictly before the first record in range, so
    // its first frame lies before the range and proves nothing earlier is missing.
    let prefix_size = if first == 0 {
        0
    } else {
        notes
            .iter()
            .map(|n| n.checkpoint.size)
            .filter(|&s| s < first)
            .max()
            .unwrap_or(0)
    };
    // And ends at a checkpoint after the record following the last one in range when
    // there is one, so its last frame lies after the range.
    let after = |min: u64| {
        notes
            .iter()
            .map(|n| n.checkpoint.size)
            .filter(|&s| s >= min)
            .min()
    };
    let end_size = after(last + 2)
        .or_else(|| after(last + 1))
        .ok_or(ExportError::NoCheckpointAfter(last))?;
    let end_time = notes
        .iter()
        .find(|n| n.checkpoint.size == end_size)
        .map(|n| n.checkpoint.time.clone())
        .unwrap_or_default();
    let mut seen_sizes = std::collections::HashSet::new();
    let bundle_notes: String = notes
        .iter()
        .filter(|n| {
            let s = n.checkpoint.size;
            ((s >= prefix_size.max(1) && s <= end_size) || s == limit) && seen_sizes.insert(s)
        })
        .map(|n| n.text.as_str())
        .collect();

    // Pass 2: frames, prefix range, decrypted records, disclosure keys, erasure proofs.
    let (_, signing) = keys.identity()?;
    let mut prefix = CompactRange::new();
    let mut leaves = Vec::new();
    let mut frames = Vec::new();
    let mut omitted = Vec::new();
    let mut lines = Vec::new();
    let mut disclosures = Vec::new();
    let mut csv = String::from(CSV_HEADER);
    let (mut disclosed, mut erased) = (0u64, 0u64);
    let mut last_time = String::new();
    // Key ids of erased records in range not yet proven, with the first such record.
    let mut unproven: std::collections::BTreeMap<String, u64> = Default::default();
    let mut erasures = Vec::new();
    let in_set: std::collections::HashSet<u64> = in_range.iter().copied().collect();
    let mut read_error = None;
    for_each_frame(dir, |f| {
        let seq = f.header.seq.0;
        if seq >= limit {
            return Ok(false);
        }
        leaves.push(leaf_hash(&f.stored_hash));
        if seq < prefix_size {
            prefix.push(&f.stored_hash);
            return Ok(true);
        }
        let inside = seq < end_size;
        // The edges bound the range by their times: shown whole when outside it.
        let edge = (seq == prefix_size || seq + 1 == end_size) && !in_set.contains(&seq);
        if inside {
            last_time.clone_from(&f.header.time);
        }
        // Records outside the range are shown whole in an unfiltered bundle, and as
        // hashes in a tenant's (but for the two edges, whose times bound the range).
        let mut raw = req.tenant.is_none() || edge;
        let wanted = inside && in_set.contains(&seq);
        // After an erased record, later frames are opened to find its erasure record.
        if wanted || !unproven.is_empty() {
            let opened = match open_frame(keys, &log_id, &f.header, f.header_bytes, f.ciphertext) {
                Ok(o) => o,
                Err(e) => {
                    read_error = Some(e);
                    return Ok(false);
                }
            };
            match opened {
                Opened::Erased if wanted => {
                    raw = true;
                    erased += 1;
                    unproven.entry(f.header.key_id.to_string()).or_insert(seq);
                    let line = ExportLine {
                        seq,
                        time: f.header.time.clone(),
                        key_id: f.header.key_id.to_string(),
                        record: None,
                        erased: true,
                    };
                    csv.push_str(&csv_row(&line));
                    lines.push(line);
                }
                Opened::Erased => {}
                Opened::Record { record, record_key } => {
                    let names = erased_key_ids(&record);
                    if names.iter().any(|k| unproven.remove(k).is_some()) {
                        erasures.push((seq, f.raw.to_vec(), hex::encode(record_key.expose())));
                    }
                    let tenant_ok = req
                        .tenant
                        .as_ref()
                        .is_none_or(|t| record.tenant.as_deref() == Some(t.as_str()));
                    if wanted && tenant_ok {
                        raw = true;
                        disclosed += 1;
                        disclosures.push(DisclosureKey {
                            seq,
                            key: hex::encode(record_key.expose()),
                        });
                        let line = ExportLine {
                            seq,
                            time: f.header.time.clone(),
                            key_id: f.header.key_id.to_string(),
                            record: Some(*record),
                            erased: false,
                        };
                        csv.push_str(&csv_row(&line));
                        lines.push(line);
                    }
                }
            }
        }
        if inside {
            if raw {
                frames.extend_from_slice(f.raw);
            } else {
                omitted.push(OmittedFrame {
                    seq,
                    hash: hex::encode(f.stored_hash),
                });
            }
        }
        Ok(true)
    })?;
    if let Some(e) = read_error {
        return Err(e.into());
    }
    if let Some((key_id, seq)) = unproven.into_iter().next() {
        return Err(ExportError::UnprovenErasure { seq, key_id });
    }
    let mut erasure_proofs = Vec::new();
    for (seq, raw, key) in erasures {
        let path = inclusion_proof(&leaves, seq).map_err(|e| {
            ExportError::LogDamaged(format!("no inclusion proof for seq {seq}: {e}"))
        })?;
        erasure_proofs.push(ErasureProof {
            seq,
            frame: B64.encode(raw),
            key,
            proof: path.iter().map(hex::encode).collect(),
        });
    }
    let before_to = |t: &str| parse_time(t).is_ok_and(|t| t < to);
    let open_end = before_to(&last_time) && before_to(&end_time);

    let out = &req.out;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let mut jsonl = String::new();
    for line in &lines {
        let text = serde_json::to_string(line).map_err(|e| ExportError::Io {
            path: out.join(FILE_JSONL),
            source: e.into(),
        })?;
        jsonl.push_str(&text);
        jsonl.push('\n');
    }
    let keys_json = to_json(out, FILE_KEYS, &disclosures)?;
    let omitted_json = to_json(out, FILE_OMITTED, &omitted)?;
    let erasures_json = to_json(out, FILE_ERASURES, &erasure_proofs)?;
    let files: Vec<(&str, Vec<u8>)> = vec![
        (FILE_FRAMES, frames),
        (FILE_CHECKPOINTS, bundle_notes.into_bytes()),
        (
            FILE_PUBLIC_KEY,
            format!("{}\n", report.verifier.to_vkey()).into_bytes(),
        ),
        (FILE_KEYS, keys_json.into_bytes()),
        (FILE_OMITTED, omitted_json.into_bytes()),
        (FILE_ERASURES, erasures_json.into_bytes()),
        (FILE_JSONL, jsonl.into_bytes()),
        (FILE_CSV, csv.into_bytes()),
    ];
    let mut digests = std::collections::BTreeMap::new();
    for (name, bytes) in &files {
        digests.insert(name.to_string(), hex::encode(sha256(bytes)));
    }
    let manifest = Manifest {
        format: BUNDLE_FORMAT.into(),
        log_id: log_id.to_string(),
        public_key: report.verifier.to_vkey(),
        created: OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .unwrap_or_default(),
        from: req.from.clone(),
        to: req.to.clone(),
        tenant: req.tenant.clone(),
        prefix_size,
        prefix_peaks: prefix.peaks().iter().map(hex::encode).collect(),
        end_size,
        records_in_range: in_range.len() as u64,
        records_disclosed: disclosed,
        records_erased: erased,
        records_omitted: omitted.len() as u64,
        open_end,
        proof_size: limit,
        files: digests,
        cluster_nodes: req.cluster_nodes.clone(),
    };
    let manifest_text = serde_json::to_vec_pretty(&manifest).map_err(|e| ExportError::Io {
        path: out.join(FILE_MANIFEST),
        source: e.into(),
    })?;
    let signature = checkpoint::sign_note(
        &manifest_note_body(&log_id, &manifest_text),
        &checkpoint::origin(&log_id),
        &signing,
    );
    let mut all = files;
    all.push((FILE_MANIFEST, manifest_text.clone()));
    all.push((FILE_SIGNATURE, signature.into_bytes()));
    create_fresh_dir(out).map_err(io(out))?;
    for (name, bytes) in &all {
        let path = out.join(name);
        if let Err(source) = create_exclusive(&path, bytes) {
            // The directory is ours (made fresh just now): leave no partial bundle.
            let _ = std::fs::remove_dir_all(out);
            return Err(ExportError::Io { path, source });
        }
    }
    Ok(ExportReport {
        out: out.clone(),
        records_disclosed: disclosed,
        records_erased: erased,
        first_seq: prefix_size,
        end_size,
        manifest_sha256: hex::encode(sha256(&manifest_text)),
    })
}

fn to_json<T: Serialize>(out: &Path, name: &str, value: &T) -> Result<String, ExportError> {
    serde_json::to_string_pretty(value).map_err(|e| ExportError::Io {
        path: out.join(name),
        source: e.into(),
    })
}

/// Makes the bundle directory: missing parents as usual, the directory itself fresh
/// (an existing directory or a symlink planted in its place is refused, `mkdir` does not
/// follow links) and private to its owner (0700), so nobody else can plant files in it.
fn create_fresh_dir(out: &Path) -> std::io::Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(out)
}

/// Creates one bundle file exclusively (O_CREAT|O_EXCL: an existing file or a symlink,
/// even a dangling one, is refused rather than followed), readable by its owner only
/// (0600), and makes it durable.
fn create_exclusive(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

const CSV_HEADER: &str = "seq,time,kind,tenant,request_id,virtual_key_id,route,model_requested,provider,endpoint,region,policy_id,policy_version_hash,residency,status,error_type,latency_total_ms,prompt_tokens,completion_tokens,cost_currency,cost_micros,event,erased\n";

fn csv_row(line: &ExportLine) -> String {
    let mut cells: Vec<String> = vec![line.seq.to_string(), line.time.clone()];
    match &line.record {
        None => {
            cells.extend(std::iter::repeat_n(String::new(), 20));
            cells.push("true".into());
        }
        Some(r) => {
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            let n = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
            cells.push(
                serde_json::to_value(r.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            );
            cells.extend([
                o(&r.tenant),
                o(&r.request_id),
                o(&r.virtual_key_id),
                o(&r.route),
                o(&r.model_requested),
                o(&r.provider),
                o(&r.endpoint),
                o(&r.region),
                r.policy.as_ref().map(|p| p.id.clone()).unwrap_or_default(),
                r.policy
                    .as_ref()
                    .map(|p| p.version_hash.clone())
                    .unwrap_or_default(),
                r.residency
                    .as_ref()
                    .and_then(|x| serde_json::to_value(x.decision).ok())
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                n(r.outcome.as_ref().map(|x| u64::from(x.status))),
                r.outcome
                    .as_ref()
                    .and_then(|x| x.error_type.clone())
                    .unwrap_or_default(),
                n(r.latency_ms.as_ref().and_then(|x| x.total)),
                n(r.usage.as_ref().map(|x| x.prompt_tokens)),
                n(r.usage.as_ref().map(|x| x.completion_tokens)),
                r.cost
                    .as_ref()
                    .map(|x| x.currency.clone())
                    .unwrap_or_default(),
                n(r.cost.as_ref().map(|x| x.micros)),
                r.event
                    .as_ref()
                    .and_then(|e| serde_json::to_value(e.action).ok())
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                "false".into(),
            ]);
        }
    }
    let mut row = cells
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
    row.push('\n');
    row
}

/// RFC 4180 quoting; a leading formula character is prefixed with `'` so a spreadsheet
/// never evaluates audit content.
fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The data key ids an `erasure_done` record says it destroyed (none for other records).
pub fn erased_key_ids(record: &Record) -> Vec<String> {
    record
        .event
        .as_ref()
        .filter(|e| e.action == super::record::EventAction::ErasureDone)
        .and_then(|e| e.detail.as_ref())
        .and_then(|d| d.get("key_ids"))
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}
