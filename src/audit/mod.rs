//! The audit log: append-only, encrypted, hash-chained, signed segment files.
//! Knows nothing of HTTP or providers: it is handed a record and makes it durable.
//!
//! `AuditLog::open` verifies what is on disk, cuts a torn never-acknowledged tail (kept
//! in quarantine and audited), refuses any other damage unless told to accept it (and
//! then audits that too), and starts the single writer thread. `append` returns once
//! the record is durable. The file format is documented in `audit-schema/README.md`.

pub mod bundle;
pub mod chain;
pub mod checkpoint;
pub mod crypto;
pub mod export;
pub mod frame;
pub mod keyfiles;
pub mod keys;
pub mod proof;
pub mod reader;
pub mod record;
pub mod segment;
pub mod trust;
pub mod verify;
mod writer;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, Semaphore};

use crate::vault::master_key::MasterKey;
pub use checkpoint::Verifier;
pub use export::{ExportReport, ExportRequest};
pub use record::{EventAction, Record, RecordKind, Seq};
pub use verify::{Failure, Reason};

use keys::KeyStore;
use segment::{public_key_path, SegmentFile};
use tokio::sync::oneshot::error::TryRecvError;
pub use writer::{Ack, Stats, WaitHistogram, WAIT_BUCKETS};
use writer::{Command, Writer};

/// How long appends may wait for the writer before the queue pushes back.
const QUEUE_CAPACITY: usize = 8192;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Every append is fdatasynced before it is acknowledged (group commit shares one
    /// sync among all appends queued together). A crash loses no acknowledged record.
    Fsync,
    /// Appends are acknowledged once written to the OS and synced at most `max_delay`
    /// later. A crash of the machine (not of the process) can lose the acknowledged
    /// records of the last `max_delay`.
    Batch { max_delay: Duration },
}

/// How a caller waits for the writer's answer to its append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// The task yields at once; the writer's answer wakes it.
    Yield,
    /// The caller has nothing else for its thread to do (the gateway's only request in
    /// flight): when the answer needs no fdatasync (`Batch` durability, or
    /// [`Ack::Written`]), it checks for it for up to this long before yielding. An answer
    /// that comes meanwhile wakes nobody, so the thread neither sleeps nor is woken, and
    /// the runtime wakes no second worker to look for work (README "Load", session 18).
    Poll(Duration),
}

#[derive(Clone, Debug)]
pub struct AuditOptions {
    /// `<data dir>/audit`: segments, checkpoints, public key, sled keys db.
    pub dir: PathBuf,
    pub durability: Durability,
    /// Roll-over size; a segment may exceed it by at most one frame.
    pub segment_max_bytes: u64,
    /// Records between signed checkpoints.
    pub checkpoint_every: u64,
    /// And at least this often while records arrive.
    pub checkpoint_interval: Duration,
    /// Start despite damage, auditing it.
    pub accept_damage: bool,
    /// The writer's clock: record times and the month that picks data keys. Always
    /// `OffsetDateTime::now_utc` in the gateway; tests write an old month with it.
    pub clock: fn() -> time::OffsetDateTime,
    /// A cluster node's id, stamped on every record it writes.
    pub node_id: Option<String>,
}

impl AuditOptions {
    pub fn new(dir: impl Into<PathBuf>) -> AuditOptions {
        AuditOptions {
            dir: dir.into(),
            durability: Durability::Fsync,
            segment_max_bytes: 64 * 1024 * 1024,
            checkpoint_every: 1000,
            checkpoint_interval: Duration::from_secs(60),
            accept_damage: false,
            clock: time::OffsetDateTime::now_utc,
            node_id: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Segment(#[from] segment::SegmentError),
    #[error(transparent)]
    Keys(#[from] keys::KeyError),
    #[error(transparent)]
    Verify(#[from] verify::VerifyError),
    #[error(transparent)]
    Export(#[from] export::ExportError),
    #[error("record encryption failed: {0}")]
    Crypto(#[from] crypto::CryptoError),
    #[error("the audit log in {dir} is damaged at seq {}: {} at {} ({}); refusing to start: inspect it with `ledgergate audit verify`, or start with accept_damage to continue and audit the damage", failure.seq, failure.reason, failure.location, failure.detail)]
    Damaged { dir: PathBuf, failure: Failure },
    #[error("{path} does not hold this log's public key; restore it (it must match the signing key in the key store)")]
    PublicKeyMismatch { path: PathBuf },
    #[error("the audit log stopped after a write or fsync error and accepts no more records; check the disk and restart")]
    Unhealthy,
    #[error("the audit log is closed")]
    Closed,
    #[error("the audit record of {bytes} bytes is too large")]
    TooLarge { bytes: usize },
    #[error("the audit record cannot be encoded: {0}")]
    Encode(serde_json::Error),
    #[error("the system clock cannot be formatted as RFC 3339")]
    Clock,
    #[error("a record that names a data subject must name its tenant too")]
    SubjectWithoutTenant,
    #[error(transparent)]
    Read(#[from] reader::ReadError),
}

/// What `open` found and did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct OpenReport {
    pub log_id: String,
    /// Records present before this start.
    pub records: u64,
    pub segments: usize,
    pub checkpoints: usize,
    pub recovery: Option<Recovery>,
    /// Damage accepted with `accept_damage` (empty otherwise).
    pub damage_accepted: Vec<Failure>,
    /// Seq of this start's own `start` record.
    pub start_seq: u64,
}

/// A torn tail cut at start-up.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Recovery {
    pub segment: PathBuf,
    pub offset: u64,
    pub bytes: u64,
    pub quarantine: PathBuf,
    /// The seq the cut bytes would have held.
    pub seq: u64,
    pub what: String,
}

struct Inner {
    tx: mpsc::Sender<(Command, tokio::sync::OwnedSemaphorePermit)>,
    /// Whether durable appends wait for an fdatasync (a `Wait::Poll` caller does not
    /// poll for those).
    fsync: bool,
    queue: Arc<Semaphore>,
    healthy: Arc<AtomicBool>,
    verifier: Verifier,
    /// Turns a request's data subject into the pseudonym its records hold.
    pseudonyms: keys::Pseudonymizer,
    dir: PathBuf,
    node_id: Option<String>,
    stats: Arc<Stats>,
    /// Where the last [`AuditLog::lines`] call stopped (the next seq and its frame's
    /// position), so a reader paging through the log reads each segment once.
    lines_cursor: std::sync::Mutex<Option<(u64, reader::Position)>>,
}

/// The handle the gateway holds. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct AuditLog {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLog")
            .field("dir", &self.inner.dir)
            .finish_non_exhaustive()
    }
}

impl AuditLog {
    /// Opens (or creates) the log in `opts.dir`. Blocking: call at start-up.
    pub fn open(
        opts: AuditOptions,
        master: &MasterKey,
    ) -> Result<(AuditLog, OpenReport), AuditError> {
        let dir = opts.dir.clone();
        let node_id = opts.node_id.clone();
        std::fs::create_dir_all(&dir).map_err(|source| AuditError::Io {
            path: dir.clone(),
            source,
        })?;
        let keys = KeyStore::open(&dir, master)?;
        let (log_id, signing) = keys.identity()?;
        let pseudonyms = keys.pseudonymizer();
        let verifier = Verifier::new(checkpoint::origin(&log_id), signing.public_key());
        let pub_path = public_key_path(&dir);
        match std::fs::read_to_string(&pub_path) {
            Ok(text) => {
                if Verifier::from_vkey(&text).ok().as_ref() != Some(&verifier) {
                    return Err(AuditError::PublicKeyMismatch { path: pub_path });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let text = format!("{}\n", verifier.to_vkey());
                segment::create_synced(&pub_path, text.as_bytes())?;
            }
            Err(source) => {
                return Err(AuditError::Io {
                    path: pub_path,
                    source,
                })
            }
        }

        let report = verify::verify_log(&dir, Some(&verifier))?;
        let mut head = report.head.clone();
        let mut open_report = OpenReport {
            log_id: log_id.to_string(),
            records: report.records,
            segments: report.segments,
            checkpoints: report.checkpoints,
            ..OpenReport::default()
        };
        // A tail is torn (never acknowledged) only if no signed checkpoint covers it.
        let tail = report.tail.clone();
        let tail_location = tail
            .as_ref()
            .map(|t| format!("{}:{}", t.path.display(), t.offset));
        let cp_tail_location = report.checkpoint_tail.as_ref().map(|t| t.location.clone());
        let damage: Vec<Failure> = report
            .failures
            .iter()
            .filter(|f| {
                Some(&f.location) != tail_location.as_ref()
                    && Some(&f.location) != cp_tail_location.as_ref()
            })
            .cloned()
            .collect();
        let tail_covered = tail
            .as_ref()
            .is_some_and(|t| t.seq < report.largest_checkpoint);
        if (!damage.is_empty() || tail_covered) && !opts.accept_damage {
            let failure = damage
                .first()
                .cloned()
                .or_else(|| report.first_failure().cloned())
                .unwrap_or(Failure {
                    seq: tail.as_ref().map_or(0, |t| t.seq),
                    reason: Reason::TruncatedBelowCheckpoint,
                    location: tail_location.clone().unwrap_or_default(),
                    detail: "the damaged tail is covered by a signed checkpoint".into(),
                });
            let first = report.first_failure().cloned().unwrap_or(failure);
            return Err(AuditError::Damaged {
                dir,
                failure: first,
            });
        }
        if let Some(t) = &tail {
            let quarantine = segment::cut_tail(&dir, &t.path, t.offset)?;
            if t.offset == 0 {
                // The whole (header-less) segment went to quarantine.
                head.last_segment = segment::list_segments(&dir)?.last().cloned();
            }
            open_report.recovery = Some(Recovery {
                segment: t.path.clone(),
                offset: t.offset,
                bytes: t.len,
                quarantine,
                seq: t.seq,
                what: t.what.clone(),
            });
        }
        let mut cp_damage = None;
        if let Some(t) = &report.checkpoint_tail {
            let path = segment::checkpoints_path(&dir);
            let q = segment::cut_tail(&dir, &path, t.valid_len as u64)?;
            cp_damage = Some((q, t.what.clone()));
        }
        open_report.damage_accepted = damage;

        let segment = match &head.last_segment {
            Some(path) => Some(SegmentFile::open_append(path)?),
            None => None,
        };
        let healthy = Arc::new(AtomicBool::new(true));
        let mut writer = Writer {
            opts: opts.clone(),
            log_id,
            signing,
            keys,
            segment,
            next_seq: head.next_seq,
            last_hash: head.last_hash,
            range: std::mem::take(&mut head.range),
            last_checkpoint_size: report.largest_checkpoint.min(head.next_seq),
            last_checkpoint_at: Instant::now(),
            healthy: healthy.clone(),
            unsynced_since: None,
            closed: false,
            stats: Arc::new(Stats::default()),
            close_reply: None,
            #[cfg(test)]
            faults: None,
        };
        let stats = writer.stats.clone();
        // The log audits itself: start, and whatever start-up found and did.
        let mut detail = serde_json::Map::new();
        detail.insert("records_found".into(), report.records.into());
        let start = writer.append_own(&Record::event(
            RecordKind::System,
            EventAction::Start,
            detail,
        ))?;
        open_report.start_seq = start.0;
        if let Some(r) = &open_report.recovery {
            let mut d = serde_json::Map::new();
            d.insert("segment".into(), r.segment.display().to_string().into());
            d.insert("offset".into(), r.offset.into());
            d.insert("bytes".into(), r.bytes.into());
            d.insert("seq".into(), r.seq.into());
            d.insert(
                "quarantine".into(),
                r.quarantine.display().to_string().into(),
            );
            d.insert("what".into(), r.what.clone().into());
            writer.append_own(&Record::event(
                RecordKind::System,
                EventAction::RecoveryCut,
                d,
            ))?;
        }
        if let Some((q, what)) = cp_damage {
            let mut d = serde_json::Map::new();
            d.insert("file".into(), "checkpoints".into());
            d.insert("quarantine".into(), q.display().to_string().into());
            d.insert("what".into(), what.into());
            writer.append_own(&Record::event(
                RecordKind::System,
                EventAction::RecoveryCut,
                d,
            ))?;
        }
        if !open_report.damage_accepted.is_empty() || tail_covered {
            let mut d = serde_json::Map::new();
            let list: Vec<serde_json::Value> = open_report
                .damage_accepted
                .iter()
                .take(20)
                .map(|f| serde_json::json!({"seq": f.seq, "reason": f.reason.as_str(), "location": f.location}))
                .collect();
            d.insert("failures".into(), list.into());
            d.insert("total".into(), open_report.damage_accepted.len().into());
            writer.append_own(&Record::event(
                RecordKind::System,
                EventAction::DamageAccepted,
                d,
            ))?;
        }
        writer.checkpoint()?;

        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("ledgergate-audit-writer".into())
            .spawn(move || writer.run(rx))
            .map_err(|source| AuditError::Io {
                path: dir.clone(),
                source,
            })?;
        Ok((
            AuditLog {
                inner: Arc::new(Inner {
                    tx,
                    fsync: opts.durability == Durability::Fsync,
                    queue: Arc::new(Semaphore::new(QUEUE_CAPACITY)),
                    healthy,
                    verifier,
                    pseudonyms,
                    dir,
                    node_id,
                    stats,
                    lines_cursor: std::sync::Mutex::new(None),
                }),
            },
            open_report,
        ))
    }

    async fn call<T>(
        &self,
        make: impl FnOnce(writer::Reply<T>) -> Command,
    ) -> Result<T, AuditError> {
        self.call_waiting(make, None).await
    }

    /// As [`AuditLog::call`]; with `poll`, checks for the answer for up to that long
    /// before yielding (see [`Wait::Poll`]).
    async fn call_waiting<T>(
        &self,
        make: impl FnOnce(writer::Reply<T>) -> Command,
        poll: Option<Duration>,
    ) -> Result<T, AuditError> {
        if !self.healthy() {
            return Err(AuditError::Unhealthy);
        }
        let permit = self
            .inner
            .queue
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AuditError::Closed)?;
        let (reply, mut rx) = oneshot::channel();
        self.inner
            .tx
            .send((make(reply), permit))
            .map_err(|_| AuditError::Closed)?;
        if let Some(answer) = poll.and_then(|limit| poll_for(&mut rx, limit)) {
            return answer;
        }
        rx.await.map_err(|_| AuditError::Closed)?
    }

    /// Appends a record; returns its sequence number once it is durable.
    /// A record naming a data subject (`data_subject`) is encrypted under that person's
    /// key in its tenant and holds only the subject's pseudonym (`person:<hex>`).
    pub async fn append(&self, record: Record) -> Result<Seq, AuditError> {
        self.append_with(record, Ack::Durable).await
    }

    /// As [`AuditLog::append`], acknowledged as `ack` says: [`Ack::Written`] returns once
    /// the record is written and lets the next group commit's fdatasync (at most
    /// `WRITTEN_SYNC_DELAY` later) make it durable; the gateway uses it for response
    /// records, whose request record is already durable.
    pub async fn append_with(&self, record: Record, ack: Ack) -> Result<Seq, AuditError> {
        self.append_waiting(record, ack, Wait::Yield).await
    }

    /// As [`AuditLog::append_with`], waiting for the answer as `wait` says.
    pub async fn append_waiting(
        &self,
        mut record: Record,
        ack: Ack,
        wait: Wait,
    ) -> Result<Seq, AuditError> {
        if record.node_id.is_none() {
            record.node_id.clone_from(&self.inner.node_id);
        }
        let owner = match record.data_subject.take() {
            Some(subject) => {
                let tenant = record
                    .tenant
                    .clone()
                    .ok_or(AuditError::SubjectWithoutTenant)?;
                let pseudonym = self.inner.pseudonyms.person(subject.expose());
                record.subject = Some(format!("{}{pseudonym}", record::PERSON_PREFIX));
                keys::KeyOwner::Person { tenant, pseudonym }
            }
            None => keys::KeyOwner::Subject(record.effective_subject().to_string()),
        };
        let plaintext = serde_json::to_vec(&record).map_err(AuditError::Encode)?;
        let queued = Instant::now();
        let poll = match wait {
            Wait::Poll(limit) if ack == Ack::Written || !self.inner.fsync => Some(limit),
            _ => None,
        };
        self.call_waiting(
            |reply| Command::Append {
                plaintext,
                owner,
                ack,
                queued,
                reply,
            },
            poll,
        )
        .await
    }

    /// False for good after a write or fsync error: the gateway must refuse traffic.
    pub fn healthy(&self) -> bool {
        self.inner.healthy.load(Ordering::SeqCst)
    }

    /// Writes a stop record and a final checkpoint, then stops the writer.
    /// Closing twice is harmless.
    pub async fn close(&self) -> Result<(), AuditError> {
        match self.call(|reply| Command::Close { reply }).await {
            Err(AuditError::Closed) => Ok(()),
            other => other,
        }
    }

    /// The C2SP verifier key of the checkpoints, for pinning (`.to_vkey()`).
    pub fn public_key(&self) -> &Verifier {
        &self.inner.verifier
    }

    /// Signs a checkpoint now; returns the tree size it covers.
    pub async fn checkpoint(&self) -> Result<u64, AuditError> {
        self.call(|reply| Command::Checkpoint { reply }).await
    }

    /// Starts new data keys for every subject; old keys still decrypt old records.
    pub async fn rotate_keys(&self) -> Result<(), AuditError> {
        self.call(|reply| Command::RotateKeys { reply }).await
    }

    /// Re-wraps the signing key, the pseudonym key and every data key under `new` (the
    /// offline part of a master-key rotation) and audits it. Returns how many data
    /// keys were re-wrapped. Reopen the log with `new` afterwards.
    pub async fn rewrap_master(&self, new: &MasterKey) -> Result<usize, AuditError> {
        let new = MasterKey::from_bytes(*new.expose());
        self.call(|reply| Command::RewrapMaster { new, reply })
            .await
    }

    /// Crypto-shreds a subject: destroys its data keys and audits the erasure. With
    /// `tenant`, the person `subject` of that tenant; without, that person in every
    /// tenant and the subject string's own keys (a tenant's records naming no person).
    /// Returns how many keys were destroyed.
    pub async fn erase_in(&self, subject: &str, tenant: Option<&str>) -> Result<usize, AuditError> {
        let subject = subject.to_string();
        let tenant = tenant.map(str::to_owned);
        self.call(|reply| Command::Erase {
            subject,
            tenant,
            reply,
        })
        .await
    }

    /// [`Self::erase_in`] every tenant.
    pub async fn erase(&self, subject: &str) -> Result<usize, AuditError> {
        self.erase_in(subject, None).await
    }

    /// Enforces retention for one tenant: shreds its data keys of every month that
    /// ended `retention_days` or more before `now`, one audited erasure record per
    /// month. Returns the months shredded ("YYYY-MM").
    pub async fn enforce_retention(
        &self,
        tenant: &str,
        retention_days: u32,
        now: time::OffsetDateTime,
    ) -> Result<Vec<String>, AuditError> {
        let cutoff = retention_cutoff(now, retention_days);
        let tenant = tenant.to_owned();
        self.call(|reply| Command::Retention {
            tenant,
            cutoff,
            reply,
        })
        .await
    }

    /// Writes an export bundle and audits the export.
    pub async fn export(&self, request: ExportRequest) -> Result<ExportReport, AuditError> {
        // The bundle ends at a checkpoint: make one covering everything so far. The
        // export itself runs beside the writer, so appends go on meanwhile.
        let limit = self.checkpoint().await?;
        let mut keys = self.call(|reply| Command::ShareKeys { reply }).await?;
        let dir = self.inner.dir.clone();
        let req = request.clone();
        let report =
            tokio::task::spawn_blocking(move || export::write_bundle(&dir, &mut keys, &req, limit))
                .await
                .map_err(|_| AuditError::Closed)??;
        let mut detail = serde_json::Map::new();
        detail.insert("from".into(), request.from.clone().into());
        detail.insert("to".into(), request.to.clone().into());
        if let Some(t) = &request.tenant {
            detail.insert("tenant".into(), t.clone().into());
        }
        detail.insert("records".into(), report.records_disclosed.into());
        detail.insert(
            "manifest_sha256".into(),
            report.manifest_sha256.clone().into(),
        );
        self.append(Record::event(
            RecordKind::Admin,
            EventAction::ExportMade,
            detail,
        ))
        .await?;
        Ok(report)
    }

    /// Reads back every record written in `[from, to)` with the writer's own keys (the
    /// server holds the key store, so this is how it reads its own log), calling
    /// `visit(&mut state, time, record)` for each. The file reads run off the runtime.
    /// Returns the state and how many records of the period could not be decrypted.
    pub async fn scan_records<S: Send + 'static>(
        &self,
        from: time::OffsetDateTime,
        to: time::OffsetDateTime,
        mut state: S,
        visit: fn(&mut S, time::OffsetDateTime, &Record),
    ) -> Result<(S, u64), AuditError> {
        let mut keys = self.call(|reply| Command::ShareKeys { reply }).await?;
        let dir = self.inner.dir.clone();
        tokio::task::spawn_blocking(move || {
            let (log_id, _) = keys.identity()?;
            let unreadable =
                reader::for_each_record_between(&dir, &mut keys, &log_id, from, to, |at, r| {
                    visit(&mut state, at, &r);
                })?;
            Ok((state, unreadable))
        })
        .await
        .map_err(|_| AuditError::Closed)?
    }

    /// Up to `limit` frames from seq `from` on, decrypted, as `audit show` prints them
    /// (for the CLI while this process holds the key store). Reads beside the writer.
    pub async fn lines(
        &self,
        from: u64,
        limit: usize,
    ) -> Result<Vec<serde_json::Value>, AuditError> {
        let mut keys = self.call(|reply| Command::ShareKeys { reply }).await?;
        let dir = self.inner.dir.clone();
        let at = self
            .inner
            .lines_cursor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .filter(|(next, _)| *next == from)
            .map(|(_, at)| at);
        let (lines, end) = tokio::task::spawn_blocking(move || {
            let (log_id, _) = keys.identity()?;
            let mut lines = Vec::new();
            let mut end = None;
            reader::for_each_frame_at(&dir, from, at.as_ref(), |frame, after| {
                let seq = frame.header.seq.0;
                if seq >= from {
                    lines.push(reader::frame_line(Some(&mut keys), &log_id, frame));
                    end = Some((seq + 1, after));
                }
                Ok(lines.len() < limit)
            })?;
            Ok::<_, AuditError>((lines, end))
        })
        .await
        .map_err(|_| AuditError::Closed)??;
        if end.is_some() {
            *self
                .inner
                .lines_cursor
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = end;
        }
        Ok(lines)
    }

    /// Appends acknowledged, writes and fdatasyncs made by the writer so far.
    pub fn stats(&self) -> &Stats {
        &self.inner.stats
    }

    /// The log's checkpoint verifier key (what witnesses check its checkpoints with).
    pub fn verifier(&self) -> &Verifier {
        &self.inner.verifier
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.inner.dir
    }
}

/// Checks `rx` for the writer's answer until it comes or `limit` has passed, without
/// registering a waker: an answer sent meanwhile wakes no task. Between checks the
/// thread offers its CPU to the scheduler (`sched_yield`), so the writer runs at once
/// even where it shares that CPU (a busy spin there held it off for the whole limit,
/// README "Load", session 18). `None`: not yet.
fn poll_for<T>(
    rx: &mut oneshot::Receiver<Result<T, AuditError>>,
    limit: Duration,
) -> Option<Result<T, AuditError>> {
    let until = Instant::now() + limit;
    loop {
        match rx.try_recv() {
            Ok(answer) => return Some(answer),
            Err(TryRecvError::Closed) => return Some(Err(AuditError::Closed)),
            Err(TryRecvError::Empty) if Instant::now() < until => std::thread::yield_now(),
            Err(TryRecvError::Empty) => return None,
        }
    }
}

/// The first month ("YYYY-MM") not entirely past retention: a month is shredded once
/// its last day is `retention_days` or more behind `now`.
pub fn retention_cutoff(now: time::OffsetDateTime, retention_days: u32) -> String {
    let limit = now - time::Duration::days(i64::from(retention_days));
    // Months before the one holding `limit` ended on or before it.
    format!("{:04}-{:02}", limit.year(), u8::from(limit.month()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn retention_keeps_the_month_that_holds_the_limit() {
        use time::macros::datetime;
        let now = datetime!(2026-03-10 12:00 UTC);
        assert_eq!(super::retention_cutoff(now, 0), "2026-03");
        assert_eq!(super::retention_cutoff(now, 9), "2026-03");
        assert_eq!(super::retention_cutoff(now, 10), "2026-02");
        assert_eq!(super::retention_cutoff(now, 365), "2025-03");
    }

    #[test]
    fn the_handle_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<super::AuditLog>();
        assert_eq!(
            std::mem::size_of::<super::AuditLog>(),
            std::mem::size_of::<usize>()
        );
    }
}
