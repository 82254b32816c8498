//! `audit checkpoint`, `audit prove`, `audit verify-proof` and the `--trusted` and
//! `--witness-vkey` parts of `audit verify`: what an auditor keeps and checks the log against. Files only, no
//! secret: the verifier key is the one beside the log or the one given.

use std::path::Path;
use std::process::ExitCode;

use ledgergate::audit::trust::{self, InclusionProof, TrustError};
use ledgergate::audit::verify::read_verifier;
use ledgergate::audit::{Failure, Reason, Verifier};

use ledgergate::witness::client;
use ledgergate::witness::witnessed::{cosigned_path, witnessed, witnessed_beside};
use ledgergate::witness::CosignerVerifier;

use super::access::{pinned, resolve, Location};
use crate::cli::fail;

/// Why a `--trusted` check could not run: a usage or I/O error (exit 2), or a
/// failed check (a kept checkpoint this log's key did not sign: exit 1).
pub(super) enum Refusal {
    Usage(String),
    Check(Failure),
}

/// Adds a trust check's failures to `failures`: `Ok(Some(size))` the trusted size when
/// it ran, `Ok(None)` when it failed as a check, `Err` a usage or I/O error (exit 2).
pub(super) fn fold(
    checked: Result<(u64, Vec<Failure>), Refusal>,
    failures: &mut Vec<Failure>,
) -> Result<Option<u64>, String> {
    match checked {
        Ok((size, found)) => {
            failures.extend(found);
            Ok(Some(size))
        }
        Err(Refusal::Usage(e)) => Err(e),
        Err(Refusal::Check(f)) => {
            failures.push(f);
            Ok(None)
        }
    }
}

/// Checks the log in `dir` against the checkpoints kept in `path`. Returns the largest
/// trusted size and the failures (rollback, inconsistency).
pub(super) fn check_against(
    dir: &Path,
    verifier: &Verifier,
    path: &Path,
) -> Result<(u64, Vec<Failure>), Refusal> {
    let notes = match trust::read_trusted(path, verifier) {
        Ok(n) => n,
        Err(TrustError::NotSigned { what, vkey }) => {
            return Err(Refusal::Check(Failure {
                seq: 0,
                reason: Reason::BadSignature,
                location: what,
                detail: format!(
                    "the trusted checkpoint is not signed by the key this log is verified with ({vkey}): the log's key was replaced, or the checkpoint is another log's"
                ),
            }))
        }
        Err(e) => return Err(Refusal::Usage(e.to_string())),
    };
    let leaves = trust::leaf_hashes(dir, None).map_err(|e| Refusal::Usage(e.to_string()))?;
    let largest = notes.iter().map(|n| n.checkpoint.size).max().unwrap_or(0);
    let source = path.display().to_string();
    Ok((largest, trust::check_trusted(&leaves, &notes, &source)))
}

fn verifier_for(dir: &Path, public_key: Option<&Path>) -> Result<Verifier, String> {
    match pinned(public_key)? {
        Some(v) => Ok(v),
        None => read_verifier(dir).map_err(|e| e.to_string()),
    }
}

/// `audit checkpoint`: prints the latest signed checkpoint note as it is in the file.
pub(super) fn checkpoint(loc: &Location, public_key: Option<&Path>) -> ExitCode {
    let run = || -> Result<String, String> {
        let r = resolve(loc)?;
        r.need_log()?;
        let verifier = verifier_for(&r.audit_dir, public_key)?;
        let latest =
            trust::latest_checkpoint(&r.audit_dir, &verifier).map_err(|e| e.to_string())?;
        Ok(latest.text)
    };
    match run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `audit prove --seq N`: prints the inclusion proof of record N as JSON.
pub(super) fn prove(loc: &Location, seq: u64, public_key: Option<&Path>) -> ExitCode {
    let r = match resolve(loc) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Err(e) = r.need_log() {
        return fail(e);
    }
    let verifier = match verifier_for(&r.audit_dir, public_key) {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    match trust::prove(&r.audit_dir, &verifier, seq) {
        Ok(proof) => match serde_json::to_string_pretty(&proof) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        // A proof that does not check against the log's own checkpoint is tamper.
        Err(e @ TrustError::ProofFails { .. }) => {
            eprintln!("ledgergate: {e}");
            ExitCode::from(1)
        }
        Err(e) => fail(e),
    }
}

/// `audit verify-proof FILE --public-key KEY`: checks a proof offline.
pub(super) fn verify_proof(file: &Path, public_key: &Path) -> ExitCode {
    let verifier = match pinned(Some(public_key)) {
        Ok(Some(v)) => v,
        Ok(None) => return fail("a public key is needed"),
        Err(e) => return fail(e),
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let proof: InclusionProof = match serde_json::from_str(&text) {
        Ok(p) => p,
        Err(e) => {
            return fail(format!(
                "{}: not an inclusion proof (JSON from `ledgergate audit prove`): {e}",
                file.display()
            ))
        }
    };
    match trust::verify_proof(&proof, &verifier) {
        Ok(size) => {
            println!(
                "OK: record {} is in the log's tree of {size} records signed by {}",
                proof.seq,
                verifier.to_vkey()
            );
            ExitCode::SUCCESS
        }
        Err(e @ TrustError::BadProofFile(_)) => fail(format!("{}: {e}", file.display())),
        Err(e) => {
            println!("FAILED: {e}");
            ExitCode::from(1)
        }
    }
}

/// Where `verify --witness-vkey` looks for witnessed checkpoints.
pub(super) struct Witnessing<'a> {
    /// Witness verifier keys (text, or files holding one).
    pub vkeys: &'a [String],
    /// Witnesses to ask for their latest cosigned checkpoint of this log.
    pub urls: Vec<String>,
}

fn cosigner_key(arg: &str) -> Result<CosignerVerifier, String> {
    let text = if Path::new(arg).is_file() {
        std::fs::read_to_string(arg).map_err(|e| format!("{arg}: {e}"))?
    } else {
        arg.to_string()
    };
    CosignerVerifier::from_vkey(&text).map_err(|e| format!("--witness-vkey {arg}: {e}"))
}

/// Checks the log in `dir` against every checkpoint a trusted witness cosigned: those
/// kept beside the log and those the witnesses at `urls` hold. Returns the largest
/// witnessed size and the failures (rollback, inconsistency, or no witnessed
/// checkpoint at all while records exist).
pub(super) fn check_witnessed(
    dir: &Path,
    verifier: &Verifier,
    how: &Witnessing<'_>,
) -> Result<(u64, Vec<Failure>), Refusal> {
    let keys = how
        .vkeys
        .iter()
        .map(|k| cosigner_key(k))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Refusal::Usage)?;
    let mut sources = vec![(
        cosigned_path(dir).display().to_string(),
        witnessed_beside(dir, verifier, &keys).map_err(Refusal::Usage)?,
    )];
    if !how.urls.is_empty() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Refusal::Usage(format!("cannot start the async runtime: {e}")))?;
        let client = client::http_client().map_err(Refusal::Usage)?;
        for url in &how.urls {
            let text = runtime
                .block_on(client::fetch_latest(&client, url, &verifier.name))
                .map_err(Refusal::Usage)?;
            let Some(text) = text else { continue };
            let notes = witnessed(text.as_bytes(), verifier, &keys);
            if notes.is_empty() {
                return Err(Refusal::Usage(format!(
                    "the checkpoint witness {url} holds for this log is not signed by the log's key and cosigned by a --witness-vkey key (a wrong key, or the wrong witness)"
                )));
            }
            sources.push((format!("witness {url}"), notes));
        }
    }
    let leaves = trust::leaf_hashes(dir, None).map_err(|e| Refusal::Usage(e.to_string()))?;
    let mut failures = Vec::new();
    let mut largest = 0;
    for (source, notes) in &sources {
        largest = notes
            .iter()
            .map(|n| n.checkpoint.size)
            .fold(largest, u64::max);
        failures.extend(trust::check_trusted(&leaves, notes, source));
    }
    if sources.iter().all(|(_, n)| n.is_empty()) && !leaves.is_empty() {
        failures.push(Failure {
            seq: 0,
            reason: Reason::Unwitnessed,
            location: cosigned_path(dir).display().to_string(),
            detail: format!(
                "the log holds {} records but no checkpoint cosigned by a given witness key was found beside it{}",
                leaves.len(),
                if how.urls.is_empty() { " (ask the witnesses with --witness-url or --config)" } else { " or at the witnesses" }
            ),
        });
    }
    Ok((largest, failures))
}
