//! The single writer thread: group commit without a timer. It takes whatever appends
//! are queued, encrypts and frames them, writes them with one write, fdatasyncs once
//! and acknowledges them all. In `Batch` durability it acknowledges after the write and
//! syncs at most `max_delay` later. It also rolls segments over, writes signed
//! checkpoints, rotates and erases data keys. Guarantees: an append is acknowledged only
//! once durable (in `Fsync` mode); after any write or sync error the writer accepts
//! nothing more, for good (a failed fsync is never retried).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tokio::sync::{oneshot, OwnedSemaphorePermit};

use super::chain::{CompactRange, Hash, LogId};
use super::checkpoint::Checkpoint;
use super::crypto;
use super::frame::{encode_frame, FrameHeader, SegmentHeader, MAX_FRAME_LEN, SEGMENT_HEADER_LEN};
use super::keys::{KeyOwner, KeyStore, SigningKey};
use super::record::{EventAction, Record, RecordKind, Seq};
use super::segment::{append_synced, checkpoints_path, SegmentFile};
use super::{AuditError, AuditOptions, Durability};
use crate::vault::master_key::MasterKey;

/// Most appends taken into one write.
const MAX_BATCH: usize = 4096;

/// The bytes a frame adds to its record: length prefixes, the header (with a time of up
/// to 255 bytes), the tag and the record hash.
const FRAME_OVERHEAD: usize = 4 + (1 + 16 + 8 + 1 + 255 + 16 + 32 + 12 + 32) + 4 + 16 + 32;

/// In `Fsync` mode, the longest an append acknowledged once written
/// ([`Ack::Written`]) waits for its fdatasync when no durable append comes to share one.
pub(crate) const WRITTEN_SYNC_DELAY: Duration = Duration::from_millis(10);

/// When an append is acknowledged, in `Fsync` mode (in `Batch` mode every append is
/// acknowledged once written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ack {
    /// After the fdatasync that makes it durable (request records: nothing is forwarded
    /// before its record is on disk).
    Durable,
    /// Once written to the OS; made durable by the next group commit's fdatasync, or
    /// [`WRITTEN_SYNC_DELAY`] later at the latest (response records: see SECURITY.md,
    /// "What durable means").
    Written,
}

pub(crate) type Reply<T> = oneshot::Sender<Result<T, AuditError>>;

pub(crate) enum Command {
    Append {
        plaintext: Vec<u8>,
        owner: KeyOwner,
        ack: Ack,
        /// When the caller handed it over: a durable append's wait is measured from here.
        queued: Instant,
        reply: Reply<Seq>,
    },
    Checkpoint {
        reply: Reply<u64>,
    },
    RotateKeys {
        reply: Reply<()>,
    },
    Erase {
        subject: String,
        tenant: Option<String>,
        reply: Reply<usize>,
    },
    /// Shreds a tenant's data keys of months before `cutoff` ("YYYY-MM"), one audited
    /// record per month; answers with the months shredded.
    Retention {
        tenant: String,
        cutoff: String,
        reply: Reply<Vec<String>>,
    },
    /// Re-wraps the key store under a new master key (offline rotation) and audits it.
    RewrapMaster {
        new: MasterKey,
        reply: Reply<usize>,
    },
    /// A key store handle sharing the writer's database, for readers such as export.
    ShareKeys {
        reply: Reply<KeyStore>,
    },
    Close {
        reply: Reply<()>,
    },
}

/// An append framed into the batch's buffer, waiting for its write (and sync).
struct Pending {
    reply: Reply<Seq>,
    seq: Seq,
    /// For a durable append: when it was handed over.
    durable_since: Option<Instant>,
}

pub(crate) struct Writer {
    pub opts: AuditOptions,
    pub log_id: LogId,
    pub signing: SigningKey,
    pub keys: KeyStore,
    pub segment: Option<SegmentFile>,
    pub next_seq: u64,
    pub last_hash: Hash,
    pub range: CompactRange,
    pub last_checkpoint_size: u64,
    pub last_checkpoint_at: Instant,
    pub healthy: Arc<AtomicBool>,
    /// Batch mode: when the oldest acknowledged-but-unsynced write happened.
    pub unsynced_since: Option<Instant>,
    pub closed: bool,
    pub stats: Arc<Stats>,
    /// Answered only after the writer has released its files and key store, so the
    /// caller may reopen the log as soon as `close` returns.
    pub close_reply: Option<(Reply<()>, Result<(), AuditError>)>,
    /// Test-only: faults given to every segment this writer opens.
    #[cfg(test)]
    pub faults: Option<Arc<super::segment::Faults>>,
}

/// Counters of the writer, for metrics and for proving that group commit groups.
#[derive(Debug, Default)]
pub struct Stats {
    pub appends: AtomicU64,
    pub writes: AtomicU64,
    pub syncs: AtomicU64,
    /// How long durable appends (request records) waited from their hand-off to their
    /// acknowledgement: queue, batch, write and, in `Fsync` mode, fdatasync.
    pub durable_wait: WaitHistogram,
}

/// Buckets of [`WaitHistogram`]: four a doubling, from 1 µs to about 1 s, and the rest.
pub const WAIT_BUCKETS: usize = 81;

/// A histogram of waits that the writer fills without locking: bucket `i < 80` counts
/// waits under `2^((i + 1) / 4)` µs (and at least the bound of bucket `i - 1`), the last
/// one the longer waits.
#[derive(Debug)]
pub struct WaitHistogram {
    counts: [AtomicU64; WAIT_BUCKETS],
    sum_us: AtomicU64,
}

impl Default for WaitHistogram {
    fn default() -> Self {
        WaitHistogram {
            counts: std::array::from_fn(|_| AtomicU64::new(0)),
            sum_us: AtomicU64::new(0),
        }
    }
}

impl WaitHistogram {
    /// The upper bound of bucket `i` in seconds (infinite for the last).
    pub fn bound_seconds(i: usize) -> f64 {
        if i + 1 >= WAIT_BUCKETS {
            f64::INFINITY
        } else {
            2f64.powf((i + 1) as f64 / 4.0) / 1e6
        }
    }

    pub fn observe(&self, wait: Duration) {
        let us = wait.as_secs_f64() * 1e6;
        // Bucket i holds [2^(i/4), 2^((i+1)/4)) µs: i = floor(4 log2 us).
        let i = if us < 1.0 {
            0
        } else {
            ((us.log2() * 4.0).floor() as usize).min(WAIT_BUCKETS - 1)
        };
        if let Some(c) = self.counts.get(i) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        self.sum_us
            .fetch_add(wait.as_micros() as u64, Ordering::Relaxed);
    }

    /// The count of each bucket (not cumulative).
    pub fn counts(&self) -> [u64; WAIT_BUCKETS] {
        std::array::from_fn(|i| self.counts[i].load(Ordering::Relaxed))
    }

    pub fn sum_seconds(&self) -> f64 {
        self.sum_us.load(Ordering::Relaxed) as f64 / 1e6
    }
}

impl Writer {
    /// The thread body: runs until closed or every sender is gone.
    pub fn run(mut self, rx: Receiver<(Command, OwnedSemaphorePermit)>) {
        self.serve(rx);
        let reply = self.close_reply.take();
        drop(self);
        if let Some((reply, result)) = reply {
            let _ = reply.send(result);
        }
    }

    fn serve(&mut self, rx: Receiver<(Command, OwnedSemaphorePermit)>) {
        loop {
            let first = match self.next_wait() {
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(wait) => rx.recv_timeout(wait),
            };
            let first = match first {
                Ok(item) => item,
                Err(RecvTimeoutError::Timeout) => {
                    self.on_timer();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    if !self.closed {
                        let _ = self.shutdown();
                    }
                    return;
                }
            };
            let mut batch = vec![first.0];
            drop(first.1);
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok((cmd, permit)) => {
                        drop(permit);
                        batch.push(cmd);
                    }
                    Err(_) => break,
                }
            }
            self.handle_batch(batch);
            if self.closed {
                return;
            }
        }
    }

    fn next_wait(&self) -> Option<Duration> {
        let mut wait: Option<Duration> = None;
        if let Some(since) = self.unsynced_since {
            wait = Some(self.sync_delay().saturating_sub(since.elapsed()));
        }
        if self.range.size() > self.last_checkpoint_size && self.is_healthy() {
            let cp = self
                .opts
                .checkpoint_interval
                .saturating_sub(self.last_checkpoint_at.elapsed());
            wait = Some(wait.map_or(cp, |w| w.min(cp)));
        }
        wait
    }

    fn on_timer(&mut self) {
        if self.unsynced_since.is_some() {
            if let Err(e) = self.sync() {
                self.poison(&e);
            }
        }
        if let Err(e) = self.maybe_checkpoint() {
            self.poison(&e);
        }
    }

    /// How long a write acknowledged before its sync may stay unsynced.
    fn sync_delay(&self) -> Duration {
        match self.opts.durability {
            Durability::Fsync => WRITTEN_SYNC_DELAY,
            Durability::Batch { max_delay } => max_delay,
        }
    }

    fn is_healthy(&self) -> bool {
        self.healthy.load(Ordering::SeqCst)
    }

    fn poison(&self, e: &AuditError) {
        if self.healthy.swap(false, Ordering::SeqCst) {
            tracing::error!(error = %e, "audit writer stopped for good after a write error");
        }
    }

    fn handle_batch(&mut self, batch: Vec<Command>) {
        let mut pending: Vec<Pending> = Vec::with_capacity(batch.len());
        let mut durable = false;
        // Sized for the whole batch (each frame adds at most FRAME_OVERHEAD bytes to its
        // record), so the one buffer written per batch never grows by copying.
        let mut buf = Vec::with_capacity(
            batch
                .iter()
                .map(|cmd| match cmd {
                    Command::Append { plaintext, .. } => plaintext.len() + FRAME_OVERHEAD,
                    _ => 0,
                })
                .sum(),
        );
        let prefix = random_prefix();
        let now = (self.opts.clock)();
        for cmd in batch {
            match cmd {
                Command::Append {
                    plaintext,
                    owner,
                    ack,
                    queued,
                    reply,
                } => {
                    durable |= ack == Ack::Durable;
                    if !self.is_healthy() || self.closed {
                        let _ = reply.send(Err(self.refusal()));
                        continue;
                    }
                    match self.frame_into(&plaintext, &owner, now, prefix, &mut buf) {
                        Ok(seq) => pending.push(Pending {
                            reply,
                            seq,
                            durable_since: (ack == Ack::Durable).then_some(queued),
                        }),
                        Err(e) => {
                            // Only an oversized record is the caller's fault; anything
                            // else (a segment that cannot be created, a key that cannot
                            // be read) stops the writer for good, like a failed fsync.
                            if !matches!(e, AuditError::TooLarge { .. }) {
                                self.poison(&e);
                            }
                            let _ = reply.send(Err(e));
                        }
                    }
                }
                control => {
                    // Control commands see every append queued before them as durable.
                    self.commit(&mut buf, &mut pending, true);
                    durable = false;
                    self.control(control);
                }
            }
        }
        self.commit(&mut buf, &mut pending, durable);
        if self.is_healthy() && !self.closed {
            if let Err(e) = self.maybe_checkpoint() {
                self.poison(&e);
            }
        }
    }

    fn refusal(&self) -> AuditError {
        if self.closed {
            AuditError::Closed
        } else {
            AuditError::Unhealthy
        }
    }

    /// Writes the buffered frames, syncs per the durability mode (in `Fsync` mode now
    /// when `durable` says an append waits for it, else within [`WRITTEN_SYNC_DELAY`]),
    /// acknowledges them.
    /// Once the writer is unhealthy nothing pending is acknowledged: a roll-over whose
    /// sync failed earlier in the batch must not be papered over by a later sync that
    /// the kernel answers with success after it has reported the error once.
    fn commit(&mut self, buf: &mut Vec<u8>, pending: &mut Vec<Pending>, durable: bool) {
        if pending.is_empty() && buf.is_empty() {
            return;
        }
        if !self.is_healthy() {
            buf.clear();
            for p in pending.drain(..) {
                let _ = p.reply.send(Err(AuditError::Unhealthy));
            }
            return;
        }
        self.stats
            .appends
            .fetch_add(pending.len() as u64, Ordering::Relaxed);
        let result = self.write_buf(buf).and_then(|()| {
            if durable && self.opts.durability == Durability::Fsync {
                return self.sync();
            }
            let since = *self.unsynced_since.get_or_insert_with(Instant::now);
            if since.elapsed() >= self.sync_delay() {
                self.sync()
            } else {
                Ok(())
            }
        });
        buf.clear();
        match result {
            Ok(()) => {
                for p in pending.drain(..) {
                    if let Some(since) = p.durable_since {
                        self.stats.durable_wait.observe(since.elapsed());
                    }
                    let _ = p.reply.send(Ok(p.seq));
                }
            }
            Err(e) => {
                self.poison(&e);
                for p in pending.drain(..) {
                    let _ = p.reply.send(Err(AuditError::Unhealthy));
                }
            }
        }
    }

    /// Every write, sync and segment creation goes through here and poisons the writer
    /// on error, wherever it happens (a batch, a roll-over, the writer's own records), so
    /// no caller can forget to.
    fn write_buf(&mut self, buf: &[u8]) -> Result<(), AuditError> {
        if buf.is_empty() {
            return Ok(());
        }
        if !self.is_healthy() {
            return Err(AuditError::Unhealthy);
        }
        self.stats.writes.fetch_add(1, Ordering::Relaxed);
        // The path is copied into the error only when there is one: this runs once per
        // batch, and an eager copy was an allocation per write.
        let result = self.current_segment().and_then(|segment| {
            segment.write(buf).map_err(|source| AuditError::Io {
                path: segment.path().to_path_buf(),
                source,
            })
        });
        if let Err(e) = &result {
            self.poison(e);
        }
        result
    }

    /// fdatasync, once: after a failure the writer is poisoned and this refuses without
    /// touching the file (a retried fsync may report success for lost pages).
    fn sync(&mut self) -> Result<(), AuditError> {
        if !self.is_healthy() {
            return Err(AuditError::Unhealthy);
        }
        self.unsynced_since = None;
        self.stats.syncs.fetch_add(1, Ordering::Relaxed);
        if let Some(segment) = self.segment.as_mut() {
            if let Err(source) = segment.sync() {
                let e = AuditError::Io {
                    path: segment.path().to_path_buf(),
                    source,
                };
                self.poison(&e);
                return Err(e);
            }
        }
        Ok(())
    }

    fn current_segment(&mut self) -> Result<&mut SegmentFile, AuditError> {
        if self.segment.is_none() {
            let header = SegmentHeader {
                log_id: self.log_id,
                first_seq: Seq(self.next_seq),
                prev_hash: self.last_hash,
            };
            match SegmentFile::create(&self.opts.dir, &header) {
                #[allow(unused_mut)]
                Ok(mut segment) => {
                    #[cfg(test)]
                    {
                        segment.faults = self.faults.clone();
                    }
                    self.segment = Some(segment);
                }
                Err(e) => {
                    let e = AuditError::from(e);
                    self.poison(&e);
                    return Err(e);
                }
            }
        }
        match self.segment.as_mut() {
            Some(s) => Ok(s),
            None => Err(AuditError::Unhealthy),
        }
    }

    /// Encrypts and frames one record into `buf`, rolling the segment over first when
    /// it is full. Returns the record's sequence number.
    fn frame_into(
        &mut self,
        plaintext: &[u8],
        owner: &KeyOwner,
        now: OffsetDateTime,
        prefix: [u8; 4],
        buf: &mut Vec<u8>,
    ) -> Result<Seq, AuditError> {
        if plaintext.len() > MAX_FRAME_LEN - 1024 {
            return Err(AuditError::TooLarge {
                bytes: plaintext.len(),
            });
        }
        let seg_len = self.segment.as_ref().map_or(0, |s| s.len());
        if seg_len + buf.len() as u64 >= self.opts.segment_max_bytes
            && (seg_len > SEGMENT_HEADER_LEN as u64 || !buf.is_empty())
        {
            // Roll over: the old segment is made durable whole before the new one starts.
            self.write_buf(buf)?;
            buf.clear();
            self.sync()?;
            self.segment = None;
        }
        if self.segment.is_none() {
            self.current_segment()?;
        }
        let period = format!("{:04}-{:02}", now.year(), u8::from(now.month()));
        let seq = Seq(self.next_seq);
        let (key_id, record_keys) =
            self.keys
                .record_keys_for_write(owner, &period, &self.log_id)?;
        let record_key = record_keys.record_key(seq)?;
        let time = now.format(&Rfc3339).map_err(|_| AuditError::Clock)?;
        let header = FrameHeader {
            log_id: self.log_id,
            seq,
            time,
            key_id,
            commitment: crypto::commitment(&record_key),
            nonce: crypto::nonce(prefix, seq),
            prev_hash: self.last_hash,
        };
        // AAD binds seq, time, key id and prev_hash: a frame moved or replayed fails to
        // decrypt. Sealed in place: the record is copied once, into the batch's buffer.
        let hash = encode_frame(&header, plaintext, buf, |aad, in_out| {
            crypto::seal_in_place(&record_key, &header.nonce, aad, in_out)
        })?;
        self.next_seq += 1;
        self.last_hash = hash;
        self.range.push(&hash);
        Ok(seq)
    }

    /// Appends a record from inside the writer (start, stop, recovery, export, erase).
    pub fn append_own(&mut self, record: &Record) -> Result<Seq, AuditError> {
        let stamped;
        let record = match &self.opts.node_id {
            Some(id) if record.node_id.is_none() => {
                stamped = Record {
                    node_id: Some(id.clone()),
                    ..record.clone()
                };
                &stamped
            }
            _ => record,
        };
        let plaintext = serde_json::to_vec(record).map_err(AuditError::Encode)?;
        let mut buf = Vec::new();
        let seq = self.frame_into(
            &plaintext,
            &KeyOwner::Subject(record.effective_subject().to_owned()),
            (self.opts.clock)(),
            random_prefix(),
            &mut buf,
        )?;
        let result = self.write_buf(&buf).and_then(|()| self.sync());
        if let Err(e) = &result {
            self.poison(e);
        }
        result.map(|()| seq)
    }

    fn maybe_checkpoint(&mut self) -> Result<(), AuditError> {
        let pending = self.range.size() - self.last_checkpoint_size;
        if pending > 0
            && (pending >= self.opts.checkpoint_every
                || self.last_checkpoint_at.elapsed() >= self.opts.checkpoint_interval)
        {
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Signs and appends a checkpoint over every record so far (after syncing them).
    pub fn checkpoint(&mut self) -> Result<u64, AuditError> {
        let size = self.range.size();
        if size == 0 || size == self.last_checkpoint_size {
            return Ok(size);
        }
        self.sync()?;
        let time = OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .map_err(|_| AuditError::Clock)?;
        let note = Checkpoint {
            log_id: self.log_id,
            size,
            root: self.range.root(),
            time,
            head: self.last_hash,
        }
        .sign(&self.signing);
        append_synced(&checkpoints_path(&self.opts.dir), note.as_bytes())?;
        self.last_checkpoint_size = size;
        self.last_checkpoint_at = Instant::now();
        Ok(size)
    }

    fn control(&mut self, cmd: Command) {
        if !self.is_healthy() || self.closed {
            let refusal = self.refusal();
            match cmd {
                Command::Append { reply, .. } => drop(reply.send(Err(refusal))),
                Command::Checkpoint { reply } => drop(reply.send(Err(refusal))),
                Command::RotateKeys { reply } => drop(reply.send(Err(refusal))),
                Command::Erase { reply, .. } => drop(reply.send(Err(refusal))),
                Command::Retention { reply, .. } => drop(reply.send(Err(refusal))),
                Command::ShareKeys { reply } => drop(reply.send(Err(refusal))),
                Command::RewrapMaster { reply, .. } => drop(reply.send(Err(refusal))),
                Command::Close { reply } => {
                    self.closed = true;
                    self.close_reply = Some((reply, Ok(())));
                }
            }
            return;
        }
        match cmd {
            Command::Append { .. } => {}
            Command::Checkpoint { reply } => {
                let r = self.checkpoint();
                self.poison_on(&r);
                let _ = reply.send(r);
            }
            Command::RotateKeys { reply } => {
                let r = self.rotate_keys();
                let _ = reply.send(r);
            }
            Command::Erase {
                subject,
                tenant,
                reply,
            } => {
                let r = self.erase(&subject, tenant.as_deref());
                let _ = reply.send(r);
            }
            Command::Retention {
                tenant,
                cutoff,
                reply,
            } => {
                let r = self.retention(&tenant, &cutoff);
                let _ = reply.send(r);
            }
            Command::ShareKeys { reply } => {
                let _ = reply.send(Ok(self.keys.share()));
            }
            Command::RewrapMaster { new, reply } => {
                let r = self.rewrap_master(&new);
                let _ = reply.send(r);
            }
            Command::Close { reply } => {
                let r = self.shutdown();
                self.close_reply = Some((reply, r));
            }
        }
    }

    fn poison_on<T>(&self, r: &Result<T, AuditError>) {
        if let Err(e @ (AuditError::Io { .. } | AuditError::Segment(_))) = r {
            self.poison(e);
        }
    }

    fn rotate_keys(&mut self) -> Result<(), AuditError> {
        self.keys.rotate_all()?;
        self.append_own(&Record::event(
            RecordKind::Admin,
            EventAction::DataKeysRotated,
            serde_json::Map::new(),
        ))?;
        Ok(())
    }

    fn rewrap_master(&mut self, new: &MasterKey) -> Result<usize, AuditError> {
        let count = self.keys.rewrap_master(new)?;
        let mut detail = serde_json::Map::new();
        detail.insert("kind".into(), "audit_master_rewrap".into());
        detail.insert("data_keys".into(), count.into());
        self.append_own(&Record::event(
            RecordKind::Admin,
            EventAction::DataKeysRotated,
            detail,
        ))?;
        Ok(count)
    }

    fn erase(&mut self, subject: &str, tenant: Option<&str>) -> Result<usize, AuditError> {
        let destroyed = self.keys.erase(subject, tenant)?;
        let mut detail = serde_json::Map::new();
        // Only keyed pseudonyms: the erasure record must not undo the erasure.
        let pseudonym = match tenant {
            Some(_) => self.keys.pseudonymizer().person(subject),
            None => self.keys.pseudonym(subject),
        };
        detail.insert("subject_pseudonym".into(), pseudonym.into());
        if let Some(t) = tenant {
            detail.insert("tenant".into(), t.into());
        }
        self.append_erasure(detail, &destroyed)?;
        Ok(destroyed.len())
    }

    /// Shreds `tenant`'s keys of months before `cutoff`: one erasure record a month.
    fn retention(&mut self, tenant: &str, cutoff: &str) -> Result<Vec<String>, AuditError> {
        let shredded = self.keys.shred_months_before(tenant, cutoff)?;
        let mut months = Vec::new();
        for (month, ids) in shredded {
            let mut detail = serde_json::Map::new();
            detail.insert("reason".into(), "retention".into());
            detail.insert("tenant".into(), tenant.into());
            detail.insert("month".into(), month.clone().into());
            self.append_erasure(detail, &ids)?;
            months.push(month);
        }
        Ok(months)
    }

    /// Appends an `erasure_done` record naming the destroyed keys.
    fn append_erasure(
        &mut self,
        mut detail: serde_json::Map<String, serde_json::Value>,
        destroyed: &[super::frame::KeyId],
    ) -> Result<Seq, AuditError> {
        detail.insert("keys_destroyed".into(), destroyed.len().into());
        // The ids prove the erasure: `verify --decrypt` and `verify-bundle` accept a
        // frame without its key only when an erasure record names that key.
        detail.insert(
            "key_ids".into(),
            destroyed
                .iter()
                .map(|id| serde_json::Value::from(id.to_string()))
                .collect::<Vec<_>>()
                .into(),
        );
        self.append_own(&Record::event(
            RecordKind::Admin,
            EventAction::ErasureDone,
            detail,
        ))
    }

    fn shutdown(&mut self) -> Result<(), AuditError> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        if !self.is_healthy() {
            return Err(AuditError::Unhealthy);
        }
        let result = self
            .append_own(&Record::event(
                RecordKind::System,
                EventAction::Stop,
                serde_json::Map::new(),
            ))
            .and_then(|_| self.checkpoint().map(|_| ()));
        self.poison_on(&result);
        result
    }
}

fn random_prefix() -> [u8; 4] {
    let mut p = [0u8; 4];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut p);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::segment::Faults;
    use crate::vault::master_key::MasterKey;

    /// A writer on a fresh log whose segments (this one and every roll-over) carry
    /// `faults`.
    fn writer(dir: &std::path::Path, segment_max_bytes: u64) -> (Writer, Arc<Faults>) {
        let keys = KeyStore::open(dir, &MasterKey::from_bytes([1; 32])).unwrap();
        let (log_id, signing) = keys.identity().unwrap();
        let faults = Arc::new(Faults::default());
        let mut segment = SegmentFile::create(
            dir,
            &SegmentHeader {
                log_id,
                first_seq: Seq(0),
                prev_hash: [0; 32],
            },
        )
        .unwrap();
        segment.faults = Some(faults.clone());
        let mut opts = AuditOptions::new(dir);
        opts.segment_max_bytes = segment_max_bytes;
        let writer = Writer {
            opts,
            log_id,
            signing,
            keys,
            segment: Some(segment),
            next_seq: 0,
            last_hash: [0; 32],
            range: CompactRange::new(),
            last_checkpoint_size: 0,
            last_checkpoint_at: Instant::now(),
            healthy: Arc::new(AtomicBool::new(true)),
            unsynced_since: None,
            closed: false,
            stats: Arc::new(Stats::default()),
            close_reply: None,
            faults: Some(faults.clone()),
        };
        (writer, faults)
    }

    /// Hands `n` appends to the writer as one batch; returns their answers.
    fn appends(writer: &mut Writer, n: usize) -> Vec<Result<Seq, AuditError>> {
        appends_acked(writer, n, Ack::Durable)
    }

    fn appends_acked(writer: &mut Writer, n: usize, ack: Ack) -> Vec<Result<Seq, AuditError>> {
        let mut batch = Vec::new();
        let mut answers = Vec::new();
        for _ in 0..n {
            let (reply, rx) = oneshot::channel();
            batch.push(Command::Append {
                plaintext: vec![b'x'; 200],
                owner: KeyOwner::Subject("acme".into()),
                ack,
                queued: Instant::now(),
                reply,
            });
            answers.push(rx);
        }
        writer.handle_batch(batch);
        answers
            .into_iter()
            .map(|mut rx| rx.try_recv().expect("every append is answered"))
            .collect()
    }

    fn assert_all_refused(answers: &[Result<Seq, AuditError>]) {
        for a in answers {
            assert!(
                matches!(a, Err(AuditError::Unhealthy | AuditError::Io { .. })),
                "{a:?}"
            );
        }
    }

    /// After the first failure nothing is acknowledged, nothing more is written and no
    /// fsync is ever retried.
    fn assert_stopped_for_good(writer: &mut Writer, faults: &Faults) {
        assert!(!writer.healthy.load(Ordering::SeqCst));
        let writes = writer.stats.writes.load(Ordering::SeqCst);
        assert_all_refused(&appends(writer, 3));
        assert_eq!(writer.stats.writes.load(Ordering::SeqCst), writes);
        assert!(matches!(writer.checkpoint(), Err(AuditError::Unhealthy)));
        assert!(matches!(writer.shutdown(), Err(AuditError::Unhealthy)));
        assert_eq!(faults.syncs_after_failure.load(Ordering::SeqCst), 0);
    }

    /// In `Fsync` mode a write acknowledged before its sync is made durable by the next
    /// durable append's fdatasync, or by the writer's timer within WRITTEN_SYNC_DELAY.
    #[test]
    fn written_appends_share_the_next_sync_or_get_their_own_soon() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, _faults) = writer(dir.path(), 1 << 20);
        let syncs = |w: &Writer| w.stats.syncs.load(Ordering::SeqCst);
        let before = syncs(&writer);
        assert!(appends_acked(&mut writer, 3, Ack::Written)
            .iter()
            .all(Result::is_ok));
        assert_eq!(syncs(&writer), before, "acknowledged before any sync");
        let wait = writer.next_wait().expect("the writer owes a sync");
        assert!(wait <= WRITTEN_SYNC_DELAY, "{wait:?}");
        assert!(appends(&mut writer, 1).iter().all(Result::is_ok));
        assert_eq!(syncs(&writer), before + 1, "one sync for all four");
        assert!(writer.unsynced_since.is_none());

        assert!(appends_acked(&mut writer, 1, Ack::Written)
            .iter()
            .all(Result::is_ok));
        std::thread::sleep(WRITTEN_SYNC_DELAY);
        writer.on_timer();
        assert_eq!(
            syncs(&writer),
            before + 2,
            "the timer synced the lone write"
        );
    }

    #[test]
    fn waits_fall_in_the_bucket_their_bounds_name() {
        let h = WaitHistogram::default();
        for us in [0u64, 1, 2, 3, 100, 999, 1000, 5_000, 70_000, 10_000_000] {
            h.observe(Duration::from_micros(us));
        }
        let counts = h.counts();
        assert_eq!(counts.iter().sum::<u64>(), 10);
        let mut lower = 0.0;
        let mut seen = 0;
        for (i, &n) in counts.iter().enumerate() {
            let upper = WaitHistogram::bound_seconds(i);
            let inside = [0u64, 1, 2, 3, 100, 999, 1000, 5_000, 70_000, 10_000_000]
                .iter()
                .filter(|&&us| {
                    let s = us as f64 / 1e6;
                    (i == 0 || s >= lower) && s < upper
                })
                .count() as u64;
            assert_eq!(n, inside, "bucket {i} below {upper} s");
            seen += n;
            lower = upper;
        }
        assert_eq!(seen, 10);
        assert!(
            (h.sum_seconds() - 10.077_105).abs() < 1e-9,
            "{}",
            h.sum_seconds()
        );
    }

    /// Durable appends' waits are counted once each; written ones are not.
    #[test]
    fn durable_appends_record_their_wait() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, _faults) = writer(dir.path(), 1 << 20);
        assert!(appends_acked(&mut writer, 2, Ack::Written)
            .iter()
            .all(Result::is_ok));
        assert!(appends(&mut writer, 3).iter().all(Result::is_ok));
        let counts = writer.stats.durable_wait.counts();
        assert_eq!(counts.iter().sum::<u64>(), 3);
    }

    #[test]
    fn a_failed_write_fails_the_batch_and_every_later_append() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, faults) = writer(dir.path(), 1 << 20);
        assert!(appends(&mut writer, 2).iter().all(Result::is_ok));
        faults.fail_write.store(true, Ordering::SeqCst);
        assert_all_refused(&appends(&mut writer, 4));
        assert_stopped_for_good(&mut writer, &faults);
    }

    #[test]
    fn a_failed_fdatasync_fails_the_batch_and_every_later_append() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, faults) = writer(dir.path(), 1 << 20);
        assert!(appends(&mut writer, 2).iter().all(Result::is_ok));
        faults.fail_sync.store(true, Ordering::SeqCst);
        assert_all_refused(&appends(&mut writer, 4));
        assert_stopped_for_good(&mut writer, &faults);
    }

    #[test]
    fn a_failed_fdatasync_at_roll_over_fails_the_appends_written_before_it() {
        let dir = tempfile::tempdir().unwrap();
        // Small segments: a batch of 20 records of ~300 bytes rolls over mid-batch.
        let (mut writer, faults) = writer(dir.path(), 2048);
        faults.fail_sync.store(true, Ordering::SeqCst);
        let answers = appends(&mut writer, 20);
        // The sync that failed was the roll-over's (the batch was not over yet), and
        // the appends written before it are not acknowledged either.
        assert_all_refused(&answers);
        assert!(
            !faults.fail_sync.load(Ordering::SeqCst),
            "the sync was tried"
        );
        assert_stopped_for_good(&mut writer, &faults);
    }

    #[test]
    fn a_failed_write_at_roll_over_stops_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, faults) = writer(dir.path(), 2048);
        faults.fail_write.store(true, Ordering::SeqCst);
        assert_all_refused(&appends(&mut writer, 20));
        assert_stopped_for_good(&mut writer, &faults);
    }

    #[test]
    fn a_failed_sync_of_the_writers_own_record_stops_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let (mut writer, faults) = writer(dir.path(), 1 << 20);
        faults.fail_sync.store(true, Ordering::SeqCst);
        let r = writer.append_own(&Record::event(
            RecordKind::System,
            EventAction::Start,
            serde_json::Map::new(),
        ));
        assert!(matches!(r, Err(AuditError::Io { .. })), "{r:?}");
        assert_stopped_for_good(&mut writer, &faults);
    }
}
