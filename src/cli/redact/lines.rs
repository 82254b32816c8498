//! `redact --format jsonl` on several cores: a reader thread cuts standard input into
//! batches of whole lines, workers redact each batch into its own output buffer, and the
//! calling thread writes the buffers in input order. What the user sees is exactly what
//! one thread would write: the same lines in the same order and, on a bad line, every
//! line before it, then the error naming it. At most `IN_FLIGHT_PER_WORKER` batches per
//! worker are read ahead, so memory stays bounded on inputs of any size.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Result};

use ledgergate::pii::{Engine, RedactError, Redactor};

use super::{write_blocked, write_result, Line, SharedEngine};

/// A batch is cut after the line that brings it to this many bytes: large enough that
/// the hand-off costs nothing next to the scan, small enough to keep every core busy on
/// a few megabytes of input.
const BATCH_BYTES: usize = 64 << 10;
/// Batches read ahead per worker (bounds memory to about this many times
/// `BATCH_BYTES` per worker, input and output).
const IN_FLIGHT_PER_WORKER: usize = 4;

/// Lines `first_line..` of the input, each with its line end.
struct Batch {
    index: u64,
    first_line: usize,
    bytes: Vec<u8>,
}

/// A batch's output lines; `error`: the first bad line's message, after which the batch
/// holds nothing more.
struct Done {
    index: u64,
    output: Vec<u8>,
    blocked: bool,
    error: Option<String>,
}

/// Redacts JSON lines from `input` to `out` on `jobs` worker threads. `Ok(true)` when
/// some line was blocked by the policy.
pub fn redact_lines(
    input: impl BufRead + Send + 'static,
    out: &mut impl Write,
    engine: SharedEngine,
    key: Arc<[u8]>,
    jobs: usize,
) -> Result<bool> {
    let jobs = jobs.max(1);
    let (work_tx, work_rx) = sync_channel::<Batch>(jobs);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(jobs * IN_FLIGHT_PER_WORKER);
    // Tokens bound the batches between the reader and the writer.
    let (token_tx, token_rx) = sync_channel::<()>(jobs * IN_FLIGHT_PER_WORKER);
    for _ in 0..jobs * IN_FLIGHT_PER_WORKER {
        let _ = token_tx.send(());
    }
    // Detached: on a bad line the writer returns at once and the process exits, even if
    // the reader still waits on a pipe.
    let (read_error_tx, read_error_rx) = sync_channel::<String>(1);
    std::thread::spawn(move || read_batches(input, work_tx, token_rx, read_error_tx));
    for _ in 0..jobs {
        let (work_rx, done_tx, engine, key) = (
            work_rx.clone(),
            done_tx.clone(),
            engine.clone(),
            key.clone(),
        );
        std::thread::spawn(move || work(&work_rx, &done_tx, engine.engine(), &key));
    }
    drop(done_tx);

    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    let mut blocked = false;
    for done in done_rx {
        pending.insert(done.index, done);
        while let Some(done) = pending.remove(&next) {
            out.write_all(&done.output)?;
            blocked |= done.blocked;
            if let Some(error) = done.error {
                return Err(anyhow!(error));
            }
            next += 1;
            let _ = token_tx.send(());
        }
    }
    // Every batch written: a read error after the last one is the input's end.
    if let Ok(error) = read_error_rx.try_recv() {
        return Err(anyhow!(error));
    }
    Ok(blocked)
}

/// Cuts the input into batches of whole lines. A read error is sent on `read_error`
/// after the batch of the lines before it, and ends the input.
fn read_batches(
    mut input: impl BufRead,
    work: SyncSender<Batch>,
    tokens: Receiver<()>,
    read_error: SyncSender<String>,
) {
    let mut line_no = 0usize;
    for index in 0u64.. {
        if tokens.recv().is_err() {
            return;
        }
        let first_line = line_no + 1;
        let mut bytes = Vec::with_capacity(BATCH_BYTES + 1024);
        let mut failed = false;
        while bytes.len() < BATCH_BYTES {
            let before = bytes.len();
            match input.read_until(b'\n', &mut bytes) {
                Ok(0) => break,
                Ok(_) => line_no += 1,
                Err(e) => {
                    // The part of a line read before the error is no line.
                    bytes.truncate(before);
                    let _ = read_error.send(format!("could not read standard input: {e}"));
                    failed = true;
                    break;
                }
            }
        }
        if !bytes.is_empty() {
            let batch = Batch {
                index,
                first_line,
                bytes,
            };
            if work.send(batch).is_err() {
                return;
            }
        }
        if failed || line_no < first_line {
            return;
        }
    }
}

fn work(work: &Mutex<Receiver<Batch>>, done: &SyncSender<Done>, engine: &Engine, key: &[u8]) {
    loop {
        let batch = match work.lock() {
            Ok(rx) => match rx.recv() {
                Ok(batch) => batch,
                Err(_) => return,
            },
            Err(_) => return,
        };
        if done.send(redact_batch(&batch, engine, key)).is_err() {
            return;
        }
    }
}

/// The batch's lines through the engine, as the single-threaded loop did them.
fn redact_batch(batch: &Batch, engine: &Engine, key: &[u8]) -> Done {
    let mut done = Done {
        index: batch.index,
        output: Vec::with_capacity(batch.bytes.len() + batch.bytes.len() / 4),
        blocked: false,
        error: None,
    };
    for (k, raw) in batch.bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let n = batch.first_line + k;
        if let Err(error) = redact_line(raw, n, engine, key, &mut done) {
            done.error = Some(error);
            break;
        }
    }
    done
}

fn redact_line(
    raw: &[u8],
    n: usize,
    engine: &Engine,
    key: &[u8],
    done: &mut Done,
) -> Result<(), String> {
    let line = std::str::from_utf8(raw)
        .map_err(|_| format!("standard input line {n} is not valid UTF-8"))?;
    if line.trim().is_empty() {
        return Ok(());
    }
    let parsed: Line = serde_json::from_str(line)
        .map_err(|e| format!("standard input line {n} is not a {{\"text\": ...}} object: {e}"))?;
    let mut redactor = Redactor::new(engine, key);
    let written = match redactor.redact_detailed(&parsed.text) {
        Ok(r) => write_result(&mut done.output, &r),
        Err(RedactError::Blocked(b)) => {
            done.blocked = true;
            write_blocked(&mut done.output, &b)
        }
        Err(e @ (RedactError::TooManyFindings(_) | RedactError::PastDeadline)) => {
            return Err(format!("standard input line {n}: {e}"));
        }
    };
    written.map_err(|e| format!("standard input line {n}: {e}"))
}
