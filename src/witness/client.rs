//! The client side of C2SP tlog-witness: the add-checkpoint request body (old size,
//! consistency proof lines, blank line, signed checkpoint), the witness's answer
//! (cosignature lines, or a 409 naming the size it last cosigned), and the read of a
//! witness's latest cosigned checkpoint. Cosignatures are kept only when they verify
//! under the configured witness key. Decides nothing about what to do with an answer.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::cosigner::{CosignerVerifier, Note};
use super::server::SIZE_CONTENT_TYPE;
use crate::audit::chain::Hash;

/// How long one call to a witness may take before it counts as unreachable.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// What a witness answered to one add-checkpoint.
#[derive(Debug)]
pub enum Submitted {
    /// Cosignature lines (without newlines) that verify under the witness key.
    Cosigned(Vec<String>),
    /// 409 with a size: the witness last cosigned this size (not our old size).
    Conflict(u64),
    /// Any other answer: the status and the witness's text (first line).
    Refused(u16, String),
}

/// The add-checkpoint request body.
pub fn request_body(old: u64, proof: &[Hash], checkpoint: &str) -> String {
    let mut body = format!("old {old}\n");
    for h in proof {
        body.push_str(&B64.encode(h));
        body.push('\n');
    }
    body.push('\n');
    body.push_str(checkpoint);
    body
}

fn endpoint(url: &str, path: &str) -> String {
    format!("{}/{path}", url.trim_end_matches('/'))
}

/// A client for witness calls: rustls, no redirects, bounded time.
pub fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(CALL_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("cannot build the witness client: {e}"))
}

/// Submits `checkpoint` (a signed note) with `proof` from `old` to the witness at `url`.
/// `Err` when the witness cannot be reached or answers nonsense.
pub async fn submit(
    client: &reqwest::Client,
    url: &str,
    witness: &CosignerVerifier,
    old: u64,
    proof: &[Hash],
    checkpoint: &str,
) -> Result<Submitted, String> {
    let note = Note::parse(checkpoint)?;
    let answer = client
        .post(endpoint(url, "add-checkpoint"))
        .body(request_body(old, proof, checkpoint))
        .send()
        .await
        .map_err(|e| format!("witness {url} unreachable: {e}"))?;
    let status = answer.status();
    let is_size = answer
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(SIZE_CONTENT_TYPE));
    let text = answer
        .text()
        .await
        .map_err(|e| format!("witness {url}: unreadable answer: {e}"))?;
    if status == reqwest::StatusCode::CONFLICT && is_size {
        return text
            .trim_end()
            .parse()
            .map(Submitted::Conflict)
            .map_err(|_| format!("witness {url}: 409 without a size"));
    }
    if !status.is_success() {
        let first = text.lines().next().unwrap_or_default().chars().take(300);
        return Ok(Submitted::Refused(status.as_u16(), first.collect()));
    }
    // Keep only the lines that are this witness's cosignature of this checkpoint.
    let lines: Vec<String> = text
        .lines()
        .filter(|l| witness.verify_line(l, &note.body).is_some())
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        return Err(format!(
            "witness {url} answered 200 without a valid cosignature by {}",
            witness.name
        ));
    }
    Ok(Submitted::Cosigned(lines))
}

/// The latest checkpoint the witness at `url` cosigned for `origin` (`None`: none yet).
pub async fn fetch_latest(
    client: &reqwest::Client,
    url: &str,
    origin: &str,
) -> Result<Option<String>, String> {
    let answer = client
        .get(endpoint(url, "checkpoint"))
        .query(&[("origin", origin)])
        .send()
        .await
        .map_err(|e| format!("witness {url} unreachable: {e}"))?;
    match answer.status() {
        reqwest::StatusCode::NOT_FOUND => Ok(None),
        s if s.is_success() => answer
            .text()
            .await
            .map(Some)
            .map_err(|e| format!("witness {url}: unreadable answer: {e}")),
        s => Err(format!("witness {url} answered {s} to a checkpoint read")),
    }
}
