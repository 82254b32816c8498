//! The gateway's side of witnessing. At start (before the audit log is opened) the log
//! is checked against what its witnesses cosigned: the cosignatures kept beside it, and
//! each witness asked by submitting the latest checkpoint; a log shorter than, or not
//! extending, a cosigned checkpoint refuses to start. While serving, a background task
//! submits every new checkpoint with its consistency proof from the size each witness
//! last cosigned (following a 409 to the size the witness reports) and keeps the
//! returned cosignatures in `<audit dir>/cosigned`. Failures are logged and retried
//! with backoff; requests never wait on a witness.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::client::{self, Submitted};
use super::cosigner::CosignerVerifier;
use super::witnessed::{cosigned_path, witnessed_beside};
use crate::audit::chain::{leaf_hash, Hash};
use crate::audit::checkpoint::{parse_notes, Verifier};
use crate::audit::proof::consistency_proof;
use crate::audit::reader::{for_each_frame_at, Position};
use crate::audit::segment::{append_synced, checkpoints_path, public_key_path};
use crate::audit::trust::check_trusted;
use crate::audit::verify::read_verifier;
use crate::config::AuditConfig;

/// How often the checkpoints file is looked at for a new checkpoint.
const POLL: Duration = Duration::from_secs(1);
/// The longest wait between retries to a failing witness.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// 409 answers followed in one submission before giving up until the next try.
const MAX_CONFLICTS: usize = 3;

/// Why the gateway refuses to start.
#[derive(Debug, thiserror::Error)]
pub enum StartRefusal {
    /// The log was rolled back or rewritten (exit 1).
    #[error("{0}")]
    Check(String),
    /// The check could not be made (exit 2).
    #[error("{0}")]
    Unconfirmed(String),
}

/// What one submission to one witness came to.
#[derive(Debug)]
enum Outcome {
    Cosigned,
    /// The witness cosigned a larger tree than the log holds.
    Rollback {
        witness_size: u64,
        records: u64,
    },
    /// The witness refused the consistency proof (or saw another root at that size).
    Inconsistent(String),
    /// The witness is ahead of the latest checkpoint note but not of the records.
    Ahead(u64),
    Failed(String),
}

struct Tracked {
    url: String,
    key: CosignerVerifier,
    /// The size this witness last cosigned, as far as we know (0: never).
    known: u64,
    retry_at: Instant,
    backoff: Duration,
}

/// Submits the log's checkpoints to its witnesses.
pub struct Submitter {
    dir: PathBuf,
    log: Verifier,
    witnesses: Vec<Tracked>,
    quorum: usize,
    client: reqwest::Client,
    /// Bytes of the checkpoints file already read.
    offset: usize,
    /// The latest signed checkpoint seen: size and note text.
    latest: Option<(u64, String)>,
    /// The leaf hashes read so far and where reading stopped, so each pass reads only
    /// the frames appended since the last one.
    leaves: Vec<Hash>,
    cursor: Option<Position>,
}

impl Submitter {
    /// A submitter for the log in `dir` signed by `log`, knowing what each witness
    /// cosigned from the `cosigned` file beside it.
    pub fn new(dir: &Path, log: Verifier, config: &AuditConfig) -> Result<Submitter, String> {
        let keys: Vec<CosignerVerifier> = config.witnesses.iter().map(|w| w.vkey.clone()).collect();
        // What each witness cosigned before, as kept beside the log.
        let kept = witnessed_beside(dir, &log, &keys)?;
        let witnesses = config
            .witnesses
            .iter()
            .map(|w| Tracked {
                url: w.url.clone(),
                known: kept
                    .iter()
                    .filter(|n| {
                        super::Note::parse(&n.text).is_ok_and(|note| w.vkey.cosigned(&note))
                    })
                    .map(|n| n.checkpoint.size)
                    .max()
                    .unwrap_or(0),
                key: w.vkey.clone(),
                retry_at: Instant::now(),
                backoff: POLL,
            })
            .collect();
        Ok(Submitter {
            dir: dir.to_path_buf(),
            log,
            witnesses,
            quorum: config.witness_quorum,
            client: client::http_client()?,
            offset: 0,
            latest: None,
            leaves: Vec::new(),
            cursor: None,
        })
    }

    /// Reads checkpoint notes appended since the last call; true if a larger one came.
    async fn refresh(&mut self) -> bool {
        let path = checkpoints_path(&self.dir);
        let Ok(bytes) = read_from(&path, self.offset).await else {
            return false;
        };
        let parsed = parse_notes(&bytes);
        self.offset += parsed.valid_len;
        let before = self.latest.as_ref().map_or(0, |l| l.0);
        for note in parsed.notes.into_iter().filter(|n| n.verify(&self.log)) {
            if note.checkpoint.size > self.latest.as_ref().map_or(0, |l| l.0) {
                self.latest = Some((note.checkpoint.size, note.text));
            }
        }
        self.latest.as_ref().map_or(0, |l| l.0) > before
    }

    /// Submits the latest checkpoint to witness `i`, following 409s.
    async fn submit(&mut self, i: usize, leaves: &[Hash]) -> Outcome {
        let Some((size, note)) = self.latest.clone() else {
            return Outcome::Failed("no checkpoint to submit".into());
        };
        let records = leaves.len() as u64;
        for _ in 0..MAX_CONFLICTS {
            let w = &self.witnesses[i];
            let old = w.known;
            if old > records {
                return Outcome::Rollback {
                    witness_size: old,
                    records,
                };
            }
            if old > size {
                return Outcome::Ahead(old);
            }
            let proof = match consistency_proof(&leaves[..size as usize], old) {
                Ok(p) => p,
                Err(e) => return Outcome::Failed(e.to_string()),
            };
            let answer = client::submit(&self.client, &w.url, &w.key, old, &proof, &note).await;
            match answer {
                Ok(Submitted::Cosigned(lines)) => {
                    let mut text = note.clone();
                    for l in lines {
                        text.push_str(&l);
                        text.push('\n');
                    }
                    let path = cosigned_path(&self.dir);
                    let kept =
                        tokio::task::spawn_blocking(move || append_synced(&path, text.as_bytes()))
                            .await;
                    if !matches!(kept, Ok(Ok(()))) {
                        tracing::error!(witness = %w.url, "the cosignature could not be kept in the cosigned file");
                    }
                    self.witnesses[i].known = size;
                    return Outcome::Cosigned;
                }
                Ok(Submitted::Conflict(theirs)) => self.witnesses[i].known = theirs,
                Ok(Submitted::Refused(409 | 422, why)) => return Outcome::Inconsistent(why),
                Ok(Submitted::Refused(status, why)) => {
                    return Outcome::Failed(format!("witness {} answered {status}: {why}", w.url))
                }
                Err(e) => return Outcome::Failed(e),
            }
        }
        Outcome::Failed(format!(
            "witness {} kept answering 409",
            self.witnesses[i].url
        ))
    }

    /// Reads the leaf hashes of the frames appended since the last call.
    async fn catch_up_leaves(&mut self) -> Result<(), String> {
        let dir = self.dir.clone();
        let mut leaves = std::mem::take(&mut self.leaves);
        let mut cursor = self.cursor.take();
        let read = tokio::task::spawn_blocking(move || {
            let start = cursor.clone();
            let result = for_each_frame_at(&dir, leaves.len() as u64, start.as_ref(), |f, pos| {
                let seq = f.header.seq.0;
                if seq < leaves.len() as u64 {
                    return Ok(true);
                }
                if seq != leaves.len() as u64 {
                    return Ok(false);
                }
                leaves.push(leaf_hash(&f.stored_hash));
                cursor = Some(pos);
                Ok(true)
            });
            (leaves, cursor, result.map_err(|e| e.to_string()))
        })
        .await
        .map_err(|e| e.to_string())?;
        (self.leaves, self.cursor) = (read.0, read.1);
        read.2
    }

    /// One pass: every witness behind the latest checkpoint whose retry time has come.
    async fn pass(&mut self) {
        let Some(size) = self.latest.as_ref().map(|l| l.0) else {
            return;
        };
        let now = Instant::now();
        let due: Vec<usize> = (0..self.witnesses.len())
            .filter(|&i| self.witnesses[i].known < size && self.witnesses[i].retry_at <= now)
            .collect();
        if due.is_empty() {
            return;
        }
        if let Err(e) = self.catch_up_leaves().await {
            tracing::error!(error = %e, "the audit log could not be read; not submitting");
            return;
        }
        if (self.leaves.len() as u64) < size {
            tracing::error!(
                size,
                records = self.leaves.len(),
                "the audit log holds fewer records than its latest checkpoint; not submitting"
            );
            return;
        }
        let leaves = std::mem::take(&mut self.leaves);
        for i in due {
            let outcome = self.submit(i, &leaves).await;
            let w = &mut self.witnesses[i];
            match outcome {
                Outcome::Cosigned => {
                    w.backoff = POLL;
                    tracing::info!(witness = %w.url, size, "checkpoint cosigned");
                }
                other => {
                    w.retry_at = Instant::now() + w.backoff;
                    w.backoff = (w.backoff * 2).min(MAX_BACKOFF);
                    match other {
                        Outcome::Rollback {
                            witness_size,
                            records,
                        } => {
                            tracing::error!(witness = %w.url, witness_size, records, "the witness cosigned more records than this log holds: the log was rolled back")
                        }
                        Outcome::Inconsistent(why) => {
                            tracing::error!(witness = %w.url, size, why = %why, "the witness refused the checkpoint as inconsistent with the one it cosigned")
                        }
                        Outcome::Ahead(theirs) => {
                            tracing::warn!(witness = %w.url, theirs, size, "the witness is ahead of the latest checkpoint; waiting for the next")
                        }
                        Outcome::Failed(why) => {
                            tracing::warn!(witness = %w.url, size, why = %why, "checkpoint not cosigned yet; will retry")
                        }
                        Outcome::Cosigned => {}
                    }
                }
            }
        }
        self.leaves = leaves;
        let cosigned = self.witnesses.iter().filter(|w| w.known >= size).count();
        if cosigned < self.quorum {
            tracing::warn!(
                size,
                cosigned,
                quorum = self.quorum,
                "fewer witnesses than the quorum cosigned the latest checkpoint"
            );
        }
    }

    /// Runs the submission loop until the runtime stops.
    pub fn spawn(mut self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(POLL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                self.refresh().await;
                self.pass().await;
            }
        })
    }
}

/// The bytes of `path` from `offset` on (all of it if the file got shorter).
async fn read_from(path: &Path, offset: usize) -> std::io::Result<Vec<u8>> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut f = tokio::fs::File::open(path).await?;
    let len = f.metadata().await?.len();
    if len < offset as u64 {
        return Err(std::io::Error::other("the checkpoints file got shorter"));
    }
    f.seek(std::io::SeekFrom::Start(offset as u64)).await?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).await?;
    Ok(out)
}

/// The start-up check, run before the audit log is opened (nothing is written to the
/// log when it refuses). Does nothing when no witness is configured.
pub async fn check_at_start(audit_dir: &Path, config: &AuditConfig) -> Result<(), StartRefusal> {
    if config.witnesses.is_empty() {
        return Ok(());
    }
    if !public_key_path(audit_dir).exists() {
        // A new log: nothing was cosigned for it yet. (A deleted log comes back under a
        // new log id, which no witness knows: its checkpoints are refused, and logged.)
        return Ok(());
    }
    let log = read_verifier(audit_dir).map_err(|e| StartRefusal::Unconfirmed(e.to_string()))?;
    let mut submitter =
        Submitter::new(audit_dir, log.clone(), config).map_err(StartRefusal::Unconfirmed)?;
    submitter
        .catch_up_leaves()
        .await
        .map_err(StartRefusal::Unconfirmed)?;
    let leaves = std::mem::take(&mut submitter.leaves);
    // The cosignatures kept beside the log first.
    let keys: Vec<CosignerVerifier> = config.witnesses.iter().map(|w| w.vkey.clone()).collect();
    let kept = witnessed_beside(audit_dir, &log, &keys).map_err(StartRefusal::Unconfirmed)?;
    let source = cosigned_path(audit_dir).display().to_string();
    if let Some(f) = check_trusted(&leaves, &kept, &source).first() {
        return Err(StartRefusal::Check(format!(
            "the audit log in {} does not extend a checkpoint its witnesses cosigned ({}: {}); refusing to start",
            audit_dir.display(),
            f.reason,
            f.detail
        )));
    }
    // Then each witness, by submitting the latest checkpoint.
    submitter.refresh().await;
    let Some(size) = submitter.latest.as_ref().map(|l| l.0) else {
        return Ok(());
    };
    let mut confirmed = 0;
    let mut unconfirmed = Vec::new();
    for i in 0..submitter.witnesses.len() {
        let url = submitter.witnesses[i].url.clone();
        match submitter.submit(i, &leaves).await {
            Outcome::Cosigned => confirmed += 1,
            Outcome::Rollback { witness_size, records } => {
                return Err(StartRefusal::Check(format!(
                    "witness {url} cosigned a checkpoint of {witness_size} records but the audit log in {} holds only {records}: the log was rolled back (a restored snapshot or a cut end); refusing to start",
                    audit_dir.display()
                )))
            }
            Outcome::Inconsistent(why) => {
                return Err(StartRefusal::Check(format!(
                    "witness {url} refused the log's checkpoint of size {size} as inconsistent with the one it cosigned ({why}): the audit log in {} was rewritten; refusing to start",
                    audit_dir.display()
                )))
            }
            Outcome::Ahead(theirs) => unconfirmed.push(format!("{url}: it cosigned size {theirs}, beyond the latest checkpoint {size}")),
            Outcome::Failed(why) => unconfirmed.push(why),
        }
    }
    if confirmed < config.witness_quorum {
        return Err(StartRefusal::Unconfirmed(format!(
            "only {confirmed} of {} witnesses confirmed the audit log (audit.witness_quorum = {}): {}; start the witnesses or lower the quorum",
            config.witnesses.len(),
            config.witness_quorum,
            unconfirmed.join("; ")
        )));
    }
    for why in unconfirmed {
        tracing::warn!(why = %why, "a witness did not confirm the log at start");
    }
    Ok(())
}
