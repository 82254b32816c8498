//! Where the console's records come from: the running gateway's own log (decrypted
//! with the keys the server holds, read beside the writer) or an exported bundle on
//! the auditor's machine (its `records.jsonl`, verified first). The chain's state, the
//! inclusion proofs and the export are those of `audit verify`, `audit prove`,
//! `audit verify-bundle` and `audit export`: the same library calls, not a second
//! implementation. Knows no HTTP.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use super::trail::Entry;
use crate::audit::bundle::{verify_bundle, BundleReport};
use crate::audit::checkpoint::{parse_notes, SignedCheckpoint, Verifier};
use crate::audit::export::{ExportError, FILE_CHECKPOINTS, FILE_JSONL, FILE_PUBLIC_KEY};
use crate::audit::trust::{latest_checkpoint, prove, verify_proof, TrustError};
use crate::audit::verify::{Failure, Resumable};
use crate::audit::{AuditError, AuditLog, ExportRequest};
use crate::policy::Policies;

/// Records read from the live log per call of [`AuditLog::lines`].
const READ_BATCH: usize = 1000;
/// Failures listed in the chain's state (the count says how many there are in all).
const LISTED_FAILURES: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Audit(#[from] AuditError),
    #[error("the audit log could not be read: {0}")]
    Read(String),
    #[error(transparent)]
    Trust(#[from] TrustError),
    #[error("record seq {0} is not in this trail")]
    NoRecord(u64),
    #[error("{0}: a bundle viewed with `audit view` is read-only and holds no live log")]
    BundleOnly(&'static str),
    #[error("{path}:{line}: not a records.jsonl line of an export bundle")]
    BadLine { path: PathBuf, line: usize },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Bundle(#[from] crate::audit::bundle::BundleError),
}

impl SourceError {
    /// True when the caller asked for something wrong (a bad range, a missing seq), as
    /// opposed to the log or the disk failing.
    pub fn is_callers(&self) -> bool {
        matches!(
            self,
            SourceError::NoRecord(_)
                | SourceError::BundleOnly(_)
                | SourceError::Trust(TrustError::NotCovered { .. } | TrustError::NoCheckpoint)
                | SourceError::Audit(AuditError::Export(
                    ExportError::BadTime(_)
                        | ExportError::EmptyRange
                        | ExportError::NoRecords { .. }
                        | ExportError::OutExists(_)
                ))
        )
    }
}

/// The running gateway's log.
pub struct Live {
    audit: AuditLog,
    /// Where console exports are written: `<data dir>/exports`.
    exports: PathBuf,
    policies: Arc<Policies>,
    checkpoint_interval: Duration,
    /// Every record read so far, decrypted once: the log only grows.
    cache: tokio::sync::Mutex<Arc<Vec<Entry>>>,
    /// The chain's verification, continued from the last verified head on each call.
    chain: Arc<std::sync::Mutex<Resumable>>,
}

/// An exported bundle, verified when it was opened.
pub struct Bundle {
    dir: PathBuf,
    entries: Arc<Vec<Entry>>,
    report: BundleReport,
    verifier: Option<Verifier>,
}

pub enum Source {
    Live(Live),
    Bundle(Bundle),
}

fn failure_json(report_failures: &[Failure], first: Option<&Failure>) -> Value {
    json!({
        "failures": report_failures.len(),
        "first_failure": first,
        "failure_list": report_failures.iter().take(LISTED_FAILURES).collect::<Vec<_>>(),
    })
}

fn checkpoint_json(cp: &SignedCheckpoint) -> Value {
    json!({
        "size": cp.checkpoint.size,
        "root": hex::encode(cp.checkpoint.root),
        "time": cp.checkpoint.time,
        "note": cp.text,
    })
}

impl Live {
    pub fn new(
        audit: AuditLog,
        data_dir: &Path,
        policies: Arc<Policies>,
        checkpoint_interval: Duration,
    ) -> Live {
        let chain = Arc::new(std::sync::Mutex::new(Resumable::new(audit.dir())));
        Live {
            audit,
            chain,
            exports: data_dir.join("exports"),
            policies,
            checkpoint_interval,
            cache: tokio::sync::Mutex::new(Arc::new(Vec::new())),
        }
    }

    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    async fn entries(&self) -> Result<Arc<Vec<Entry>>, SourceError> {
        let mut cache = self.cache.lock().await;
        let mut fresh: Option<Vec<Entry>> = None;
        loop {
            let next = fresh.as_ref().map_or(cache.len(), Vec::len) as u64;
            let lines = self.audit.lines(next, READ_BATCH).await?;
            let got = lines.len();
            if got > 0 {
                let list = fresh.get_or_insert_with(|| cache.as_ref().clone());
                for line in &lines {
                    let entry = Entry::from_line(line).ok_or_else(|| {
                        SourceError::Read(format!("a line of seq {next} on has no seq or time"))
                    })?;
                    list.push(entry);
                }
            }
            if got < READ_BATCH {
                break;
            }
        }
        if let Some(list) = fresh {
            *cache = Arc::new(list);
        }
        Ok(cache.clone())
    }
}

impl Bundle {
    /// Opens and verifies the bundle in `dir` (as `audit verify-bundle DIR` does).
    pub fn open(dir: &Path) -> Result<Bundle, SourceError> {
        let report = verify_bundle(dir, None)?;
        let path = dir.join(FILE_JSONL);
        let text = std::fs::read_to_string(&path).map_err(|source| SourceError::Io {
            path: path.clone(),
            source,
        })?;
        let mut entries = Vec::new();
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let entry = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| Entry::from_line(&v))
                .ok_or_else(|| SourceError::BadLine {
                    path: path.clone(),
                    line: i + 1,
                })?;
            entries.push(entry);
        }
        entries.sort_by_key(|e| e.seq);
        let verifier = std::fs::read_to_string(dir.join(FILE_PUBLIC_KEY))
            .ok()
            .and_then(|t| Verifier::from_vkey(&t).ok());
        Ok(Bundle {
            dir: dir.to_path_buf(),
            entries: Arc::new(entries),
            report,
            verifier,
        })
    }

    pub fn report(&self) -> &BundleReport {
        &self.report
    }

    fn last_checkpoint(&self) -> Option<SignedCheckpoint> {
        let verifier = self.verifier.as_ref()?;
        let bytes = std::fs::read(self.dir.join(FILE_CHECKPOINTS)).ok()?;
        parse_notes(&bytes)
            .notes
            .into_iter()
            .filter(|n| n.verify(verifier))
            .max_by_key(|n| n.checkpoint.size)
    }
}

impl Source {
    pub fn mode(&self) -> &'static str {
        match self {
            Source::Live(_) => "live",
            Source::Bundle(_) => "bundle",
        }
    }

    /// Every record, oldest first.
    pub async fn entries(&self) -> Result<Arc<Vec<Entry>>, SourceError> {
        match self {
            Source::Live(live) => live.entries().await,
            Source::Bundle(bundle) => Ok(bundle.entries.clone()),
        }
    }

    /// The chain's state: verified or not (the first problem's seq and reason), the
    /// counts, the last signed checkpoint and, live, how this pass verified
    /// (`verification`: only the frames appended since the head verified before, or
    /// from scratch and why).
    pub async fn chain(&self) -> Result<Value, SourceError> {
        match self {
            Source::Live(live) => {
                let dir = live.audit.dir().to_path_buf();
                let interval = live.checkpoint_interval;
                let chain = live.chain.clone();
                tokio::task::spawn_blocking(move || {
                    let (mut report, pass) = chain
                        .lock()
                        .map_err(|_| SourceError::Read("a chain verification panicked".into()))?
                        .verify()
                        .map_err(|e| SourceError::Read(e.to_string()))?;
                    report.check_coverage(interval, time::OffsetDateTime::now_utc());
                    let last = latest_checkpoint(&dir, &report.verifier).ok();
                    let mut out = json!({
                        "source": "log",
                        "verified": report.ok(),
                        "log_id": report.log_id.to_string(),
                        "public_key": report.verifier.to_vkey(),
                        "records": report.records,
                        "checkpoints": report.checkpoints,
                        "checkpoints_valid": report.checkpoints_valid,
                        "last_checkpoint": last.as_ref().map(checkpoint_json),
                        "verification": pass,
                    });
                    merge(
                        &mut out,
                        failure_json(&report.failures, report.first_failure()),
                    );
                    Ok(out)
                })
                .await
                .map_err(|e| SourceError::Read(e.to_string()))?
            }
            Source::Bundle(bundle) => {
                let r = &bundle.report;
                let mut out = json!({
                    "source": "bundle",
                    "bundle": bundle.dir.display().to_string(),
                    "verified": r.ok(),
                    "public_key": bundle.verifier.as_ref().map(Verifier::to_vkey),
                    "records": r.frames,
                    "records_checked": r.records_checked,
                    "records_erased": r.records_erased,
                    "checkpoints_valid": r.checkpoints_valid,
                    "last_checkpoint": bundle.last_checkpoint().as_ref().map(checkpoint_json),
                });
                merge(&mut out, failure_json(&r.failures, r.first_failure()));
                Ok(out)
            }
        }
    }

    /// The inclusion proof of record `seq` against the latest checkpoint, checked
    /// before it is handed out (`audit prove --seq N`).
    pub async fn proof(&self, seq: u64) -> Result<Value, SourceError> {
        let Source::Live(live) = self else {
            return Err(SourceError::BundleOnly(
                "inclusion proofs are made from the live log (`ledgergate audit prove`)",
            ));
        };
        let dir = live.audit.dir().to_path_buf();
        let verifier = live.audit.verifier().clone();
        tokio::task::spawn_blocking(move || {
            let proof = prove(&dir, &verifier, seq)?;
            let size = verify_proof(&proof, &verifier)?;
            Ok(json!({ "seq": seq, "checks": true, "checkpoint_size": size, "proof": proof }))
        })
        .await
        .map_err(|e| SourceError::Read(e.to_string()))?
    }

    /// The policies in force: ids, files, version hashes, tenants, capture and retention.
    pub fn policies(&self) -> Result<Value, SourceError> {
        let Source::Live(live) = self else {
            return Err(SourceError::BundleOnly(
                "the policies in force are those of the running gateway",
            ));
        };
        let set = live.policies.current();
        let policies: Vec<Value> = set
            .policies
            .values()
            .map(|p| {
                json!({
                    "id": p.id,
                    "description": p.description,
                    "file": Path::new(&p.file).file_name().map(|f| f.to_string_lossy().into_owned()),
                    "version_hash": p.version,
                    "tenants": p.tenants.iter().map(|(t, _, _)| t.clone()).collect::<Vec<_>>(),
                    "capture": p.capture.as_str(),
                    "retention_days": p.retention_days,
                })
            })
            .collect();
        Ok(json!({ "set_version": set.version, "policies": policies }))
    }

    /// Writes a bundle (as `audit export`) under `<data dir>/exports`, named after the
    /// viewer and the time; returns the export report.
    pub async fn export(
        &self,
        who: &str,
        from: String,
        to: String,
        tenant: Option<String>,
    ) -> Result<crate::audit::ExportReport, SourceError> {
        let Source::Live(live) = self else {
            return Err(SourceError::BundleOnly("exports are made by the gateway"));
        };
        std::fs::create_dir_all(&live.exports).map_err(|source| SourceError::Io {
            path: live.exports.clone(),
            source,
        })?;
        let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
        let unique = uuid::Uuid::new_v4().simple().to_string();
        let out = live.exports.join(format!("{who}-{stamp}-{}", &unique[..8]));
        Ok(live
            .audit
            .export(ExportRequest {
                from,
                to,
                tenant,
                out,
                cluster_nodes: None,
            })
            .await?)
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(into), Value::Object(from)) = (into.as_object_mut(), from) {
        into.extend(from);
    }
}
