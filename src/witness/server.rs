//! The witness's HTTP service (C2SP tlog-witness): `POST /add-checkpoint` takes an old
//! size, a consistency proof and a checkpoint signed by a log it knows, and cosigns the
//! checkpoint only if it extends the latest one it cosigned for that log; `GET
//! /checkpoint?origin=O` (a monitoring read, which the spec leaves open) returns that
//! latest cosigned checkpoint so an auditor can check a log against it. The check of
//! the old size and the durable write of the new state happen under one lock, so two
//! racing submissions can never roll the witness back.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::cosigner::{Cosigner, Note};
use super::store::Store;
use crate::audit::chain::Hash;
use crate::audit::checkpoint::{verify_note, Verifier};
use crate::audit::proof::verify_consistency;

/// The most proof lines a request may carry (tlog-witness: at most 63).
const MAX_PROOF_LINES: usize = 63;
/// Far above any checkpoint with a proof and a few signatures.
const MAX_BODY: usize = 64 * 1024;
pub const SIZE_CONTENT_TYPE: &str = "text/x.tlog.size";

/// The witness: its key, the logs it knows (origin -> log verifier key), its state.
pub struct Witness {
    cosigner: Cosigner,
    logs: HashMap<String, Verifier>,
    store: Store,
    /// Held from reading the old size to the durable write of the new checkpoint.
    lock: Mutex<()>,
}

/// One HTTP answer of the witness.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: String,
}

impl Answer {
    fn text(status: StatusCode, body: impl Into<String>) -> Answer {
        let mut body = body.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Answer {
            status,
            content_type: "text/plain; charset=utf-8",
            body,
        }
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, self.content_type)],
            self.body,
        )
            .into_response()
    }
}

/// A parsed add-checkpoint request body.
struct Submission {
    old: u64,
    proof: Vec<Hash>,
    note: Note,
    text: String,
}

fn parse_submission(bytes: &[u8]) -> Result<Submission, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the body is not UTF-8 text")?;
    let (head, checkpoint) = text
        .split_once("\n\n")
        .ok_or("the body has no blank line between the proof and the checkpoint")?;
    let mut lines = head.lines();
    let old = lines
        .next()
        .and_then(|l| l.strip_prefix("old "))
        .ok_or("the first line must be `old <size>`")?;
    if old.len() > 1 && old.starts_with('0') {
        return Err("the old size has a leading zero".into());
    }
    let old: u64 = old.parse().map_err(|_| "the old size is not a number")?;
    let proof = lines
        .map(|l| {
            B64.decode(l)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or("a proof line is not a base64 SHA-256")
        })
        .collect::<Result<Vec<Hash>, _>>()?;
    if proof.len() > MAX_PROOF_LINES {
        return Err(format!("more than {MAX_PROOF_LINES} proof lines"));
    }
    let note = Note::parse(checkpoint)?;
    Ok(Submission {
        old,
        proof,
        note,
        text: checkpoint.to_string(),
    })
}

impl Witness {
    /// A witness keeping its key and state in `data_dir`, cosigning for `logs`.
    pub fn new(cosigner: Cosigner, logs: Vec<Verifier>, data_dir: &Path) -> std::io::Result<Self> {
        Ok(Witness {
            cosigner,
            logs: logs.into_iter().map(|v| (v.name.clone(), v)).collect(),
            store: Store::open(data_dir)?,
            lock: Mutex::new(()),
        })
    }

    /// Handles one add-checkpoint body at `now` (POSIX seconds).
    pub fn add_checkpoint(&self, bytes: &[u8], now: u64) -> Answer {
        let sub = match parse_submission(bytes) {
            Ok(s) => s,
            Err(e) => return Answer::text(StatusCode::BAD_REQUEST, e),
        };
        let Some(log) = self.logs.get(&sub.note.origin) else {
            return Answer::text(StatusCode::NOT_FOUND, "unknown log origin");
        };
        // Only the log's own signature counts; signatures by other keys are ignored.
        if verify_note(&sub.text, log).is_none() {
            return Answer::text(
                StatusCode::FORBIDDEN,
                "the checkpoint is not signed by the log's key",
            );
        }
        if sub.old > sub.note.size {
            return Answer::text(
                StatusCode::BAD_REQUEST,
                "the old size is larger than the checkpoint size",
            );
        }
        let _held = match self.lock.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let latest = match self.store.latest(&sub.note.origin) {
            Ok(l) => l,
            Err(e) => {
                tracing::error!(error = %e, "witness state unreadable");
                return Answer::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "witness state unreadable",
                );
            }
        };
        let (latest_size, latest_root) = latest
            .as_ref()
            .map_or((0, None), |n| (n.size, Some(n.root)));
        if sub.old != latest_size {
            return Answer {
                status: StatusCode::CONFLICT,
                content_type: SIZE_CONTENT_TYPE,
                body: format!("{latest_size}\n"),
            };
        }
        if let Some(root) = latest_root {
            if let Err(e) =
                verify_consistency(sub.old, sub.note.size, &root, &sub.note.root, &sub.proof)
            {
                tracing::warn!(origin = %sub.note.origin, old = sub.old, size = sub.note.size, error = %e,
                    "refused a checkpoint that does not extend the last cosigned one");
                let status = if sub.old == sub.note.size {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                return Answer::text(
                    status,
                    format!("the checkpoint does not extend the one cosigned at size {latest_size}: {e}"),
                );
            }
        } else if !sub.proof.is_empty() {
            return Answer::text(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the proof must be empty when the old size is zero",
            );
        }
        let cosignature = self.cosigner.cosign(&sub.note.body, now);
        let log_prefix = format!("\u{2014} {} ", log.name);
        let mut stored = sub.note.clone();
        stored.signatures.retain(|l| l.starts_with(&log_prefix));
        stored.signatures.push(cosignature.trim_end().to_owned());
        if let Err(e) = self.store.put(&stored) {
            tracing::error!(error = %e, "witness state could not be written");
            return Answer::text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "witness state could not be written",
            );
        }
        tracing::info!(origin = %sub.note.origin, size = sub.note.size, "cosigned");
        Answer {
            status: StatusCode::OK,
            content_type: "text/plain; charset=utf-8",
            body: cosignature,
        }
    }

    /// The latest cosigned checkpoint of `origin`, as stored.
    pub fn latest(&self, origin: &str) -> Answer {
        match self.store.latest(origin) {
            Ok(Some(note)) => Answer::text(StatusCode::OK, note.text()),
            Ok(None) => Answer::text(
                StatusCode::NOT_FOUND,
                "no checkpoint cosigned for that origin",
            ),
            Err(e) => {
                tracing::error!(error = %e, "witness state unreadable");
                Answer::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "witness state unreadable",
                )
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct OriginQuery {
    origin: String,
}

/// The witness's routes.
pub fn router(witness: Arc<Witness>) -> Router {
    Router::new()
        .route("/add-checkpoint", post(add_checkpoint))
        .route("/checkpoint", get(latest))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(witness)
}

async fn add_checkpoint(State(w): State<Arc<Witness>>, body: Bytes) -> Response {
    let now = time::OffsetDateTime::now_utc().unix_timestamp().max(0) as u64;
    // The state write fsyncs: keep it off the async workers.
    match tokio::task::spawn_blocking(move || w.add_checkpoint(&body, now)).await {
        Ok(answer) => answer.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn latest(State(w): State<Arc<Witness>>, Query(q): Query<OriginQuery>) -> Response {
    match tokio::task::spawn_blocking(move || w.latest(&q.origin)).await {
        Ok(answer) => answer.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
