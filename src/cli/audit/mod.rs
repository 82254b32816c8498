//! `ledgergate audit ...`: verify, export, verify-bundle, view, erase, show, tail.
//! `verify` and `verify-bundle` read files only and need no secret; `show`, `tail`,
//! `export` and `erase` need the key store: through the running server's admin API
//! when one runs, else opened here with the master key (`access`). Exit codes: 0 ok,
//! 1 a check failed, 2 usage or I/O error.

mod access;
mod cluster;
mod manage;
mod read;
mod trust;
mod view;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use ledgergate::audit::bundle::verify_bundle;
use ledgergate::audit::reader::for_each_frame;
use ledgergate::audit::verify::verify_log;
use ledgergate::audit::{ExportRequest, Failure, Reason};

use super::fail;
use access::{pinned, resolve};
pub(super) use access::{Decryptor, Location};
use manage::{erase, export};
use read::{show, tail};

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify the whole chain, every checkpoint and signature (needs no secret).
    Verify {
        #[command(flatten)]
        loc: Location,
        /// Verify against this pinned public key instead of the one beside the log.
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
        /// Also decrypt every record with the data keys (through the running server's
        /// admin API, or with the master key) to check each GCM tag and key
        /// commitment; a record without its key passes only when an erasure record
        /// names that key.
        #[arg(long)]
        decrypt: bool,
        /// Checkpoints kept earlier (`audit checkpoint` output, one or more notes): the
        /// log must consistently extend each (RFC 6962 consistency proof), else exit 1
        /// naming where it diverges.
        #[arg(long, value_name = "FILE")]
        trusted: Option<PathBuf>,
        /// A witness verifier key (text or a file holding it; repeatable): checkpoints
        /// it cosigned (kept beside the log in `cosigned`, and held by the witnesses
        /// asked) count as trusted, as with --trusted. Exit 1 if none is found.
        #[arg(long = "witness-vkey", value_name = "KEY")]
        witness_vkeys: Vec<String>,
        /// A witness to ask for the latest checkpoint it cosigned for this log
        /// (repeatable; with --config, the config's [[audit.witnesses]] are asked too).
        #[arg(long = "witness-url", value_name = "URL", requires = "witness_vkeys")]
        witness_urls: Vec<String>,
        /// The gateway's checkpoint interval (default: the config's
        /// audit.checkpoint_interval_secs, else 60): records older than twice this that
        /// no signed checkpoint covers fail the check.
        #[arg(long, value_name = "SECS")]
        checkpoint_interval: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Print the latest signed checkpoint (a C2SP signed note) for an auditor to keep
    /// and later give to `audit verify --trusted`.
    Checkpoint {
        #[command(flatten)]
        loc: Location,
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
    },
    /// Print an inclusion proof (JSON) of record SEQ against the latest checkpoint.
    Prove {
        #[command(flatten)]
        loc: Location,
        #[arg(long)]
        seq: u64,
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
    },
    /// Check an inclusion proof offline with the log's public key only.
    VerifyProof {
        /// The proof file (`audit prove` output).
        file: PathBuf,
        /// The log's verifier key (`audit.pub`, pinned by the auditor).
        #[arg(long, value_name = "FILE")]
        public_key: PathBuf,
    },
    /// Write an auditor's bundle for a time range.
    Export {
        #[command(flatten)]
        loc: Location,
        /// Start of the range, RFC 3339 (inclusive).
        #[arg(long)]
        from: String,
        /// End of the range, RFC 3339 (exclusive).
        #[arg(long)]
        to: String,
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Collect every node of the config's [cluster] (each through its admin API,
        /// with its anchored checkpoints) into one cluster bundle.
        #[arg(long)]
        cluster: bool,
    },
    /// Verify an export bundle offline (a node's, or a cluster's) (needs no secret).
    VerifyBundle {
        dir: PathBuf,
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Serve the auditor's console read-only over an export bundle (verified first).
    View {
        /// The bundle directory (`audit export --out`).
        dir: PathBuf,
        /// Where to listen: a loopback address (port 0 picks a free port).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8090")]
        listen: std::net::SocketAddr,
    },
    /// Crypto-shred one data subject: destroy its data keys (audited).
    Erase {
        #[command(flatten)]
        loc: Location,
        /// The data subject (as named by `x-ledgergate-subject`); without `--tenant`,
        /// that person in every tenant, and a tenant of that id's subject-less records.
        #[arg(long)]
        subject: String,
        /// Erase the person in this tenant only.
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Print one decrypted record.
    Show {
        #[command(flatten)]
        loc: Location,
        #[arg(long)]
        seq: u64,
    },
    /// Print the last records, and with -f keep printing new ones.
    Tail {
        #[command(flatten)]
        loc: Location,
        #[arg(short = 'f', long)]
        follow: bool,
        #[arg(short = 'n', long, default_value_t = 10)]
        lines: u64,
    },
}

pub fn run(args: AuditArgs) -> ExitCode {
    match args.command {
        AuditCommand::Verify {
            loc,
            public_key,
            decrypt,
            trusted,
            witness_vkeys,
            witness_urls,
            checkpoint_interval,
            json,
        } => verify(
            &loc,
            &VerifyFlags {
                public_key: public_key.as_deref(),
                decrypt,
                trusted: trusted.as_deref(),
                witness_vkeys: &witness_vkeys,
                witness_urls: &witness_urls,
                checkpoint_interval: checkpoint_interval.map(std::time::Duration::from_secs),
                json,
            },
        ),
        AuditCommand::Checkpoint { loc, public_key } => {
            trust::checkpoint(&loc, public_key.as_deref())
        }
        AuditCommand::Prove {
            loc,
            seq,
            public_key,
        } => trust::prove(&loc, seq, public_key.as_deref()),
        AuditCommand::VerifyProof { file, public_key } => trust::verify_proof(&file, &public_key),
        AuditCommand::VerifyBundle {
            dir,
            public_key,
            json,
        } => bundle(&dir, public_key.as_deref(), json),
        AuditCommand::Export {
            loc,
            from,
            to,
            tenant,
            out,
            cluster,
        } => {
            let request = ExportRequest {
                from,
                to,
                tenant,
                out,
                cluster_nodes: None,
            };
            if cluster {
                cluster::export(&loc, request)
            } else {
                export(&loc, request)
            }
        }
        AuditCommand::View { dir, listen } => view::view(&dir, listen),
        AuditCommand::Erase {
            loc,
            subject,
            tenant,
        } => erase(&loc, &subject, tenant.as_deref()),
        AuditCommand::Show { loc, seq } => show(&loc, seq),
        AuditCommand::Tail { loc, follow, lines } => tail(&loc, follow, lines),
    }
}

struct VerifyFlags<'a> {
    public_key: Option<&'a Path>,
    decrypt: bool,
    trusted: Option<&'a Path>,
    witness_vkeys: &'a [String],
    witness_urls: &'a [String],
    checkpoint_interval: Option<std::time::Duration>,
    json: bool,
}

fn verify(loc: &Location, flags: &VerifyFlags<'_>) -> ExitCode {
    let VerifyFlags {
        public_key,
        decrypt,
        trusted,
        witness_vkeys,
        witness_urls,
        checkpoint_interval,
        json,
    } = *flags;
    let r = match resolve(loc) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Err(e) = r.need_log() {
        return fail(e);
    }
    let pin = match pinned(public_key) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut report = match verify_log(&r.audit_dir, pin.as_ref()) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    report.check_coverage(
        checkpoint_interval.unwrap_or_else(|| r.options().checkpoint_interval),
        time::OffsetDateTime::now_utc(),
    );
    let mut trusted_size = None;
    if let Some(path) = trusted {
        let checked = trust::check_against(&r.audit_dir, &report.verifier, path);
        match trust::fold(checked, &mut report.failures) {
            Ok(size) => trusted_size = size,
            Err(e) => return fail(e),
        }
    }
    let mut witnessed_size = None;
    if !witness_vkeys.is_empty() {
        let mut urls = witness_urls.to_vec();
        if let Some(c) = &r.config {
            urls.extend(c.audit.witnesses.iter().map(|w| w.url.clone()));
        }
        let how = trust::Witnessing {
            vkeys: witness_vkeys,
            urls,
        };
        let checked = trust::check_witnessed(&r.audit_dir, &report.verifier, &how);
        match trust::fold(checked, &mut report.failures) {
            Ok(size) => witnessed_size = size,
            Err(e) => return fail(e),
        }
    }
    let mut decrypted = None;
    if decrypt {
        match check_tags(loc) {
            Ok((n, failures)) => {
                decrypted = Some(n);
                report.failures.extend(failures);
            }
            Err(e) => return fail(e),
        }
    }
    let first = report.first_failure().cloned();
    if json {
        let out = serde_json::json!({
            "ok": report.ok(),
            "log_id": report.log_id.to_string(),
            "records": report.records,
            "segments": report.segments,
            "bytes": report.bytes,
            "checkpoints": report.checkpoints,
            "checkpoints_valid": report.checkpoints_valid,
            "failures": report.failures.len(),
            "first_failure": first,
            "records_decrypted": decrypted,
            "trusted_size": trusted_size,
            "witnessed_size": witnessed_size,
            "incomplete_tail_bytes": report.tail.as_ref().filter(|t| t.incomplete).map(|t| t.len),
        });
        println!("{out}");
    } else {
        println!(
            "{} records in {} segments ({} bytes) checked; {} of {} checkpoints valid",
            report.records,
            report.segments,
            report.bytes,
            report.checkpoints_valid,
            report.checkpoints
        );
        if let Some(n) = decrypted {
            println!("{n} records decrypted and authenticated with their keys");
        }
        if let Some(n) = trusted_size {
            println!("checked against the trusted checkpoints (largest size {n})");
        }
        if let Some(n) = witnessed_size {
            println!("checked against the witnessed checkpoints (largest size {n})");
        }
        if let Some(t) = report.tail.as_ref().filter(|t| t.incomplete) {
            println!(
                "note: {} trailing bytes at {}:{} are {} (an append in flight, or a torn write the next start recovers)",
                t.len,
                t.path.display(),
                t.offset,
                t.what
            );
        }
        match &first {
            None => println!("OK: log {} verifies", report.log_id),
            Some(f) => println!(
                "FAILED: first bad seq {}: {} at {}: {} ({} failures in all)",
                f.seq,
                f.reason,
                f.location,
                f.detail,
                report.failures.len()
            ),
        }
    }
    if first.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Decrypts every frame whose hash is intact (through the running server, or with the
/// key store here, as `show` does); a failing tag or commitment is a `bad tag` failure
/// at that seq. Returns how many records decrypted.
fn check_tags(loc: &Location) -> Result<(u64, Vec<Failure>), String> {
    let mut reader = Decryptor::open(loc)?;
    let dir = reader.dir.clone();
    let mut failures = Vec::new();
    let mut ok = 0u64;
    let mut stopped = None;
    // Keys the log's own erasure records destroyed, and the frames found without a key.
    let mut erased_keys = std::collections::HashSet::new();
    let mut keyless = Vec::new();
    for_each_frame(&dir, |f| {
        if f.computed_hash() != f.stored_hash {
            return Ok(true);
        }
        let line = match reader.line(f) {
            Ok(line) => line,
            Err(e) => {
                stopped = Some(e);
                return Ok(false);
            }
        };
        if let Some(record) = line.get("record") {
            ok += 1;
            let event = &record["event"];
            if event["action"] == "erasure_done" {
                if let Some(ids) = event["detail"]["key_ids"].as_array() {
                    erased_keys.extend(ids.iter().filter_map(|i| i.as_str().map(str::to_owned)));
                }
            }
        } else if line["erased"] == true {
            keyless.push((f.header.seq.0, f.header.key_id.to_string()));
        } else if line["bad_tag"] == true {
            let seq = f.header.seq.0;
            failures.push(Failure {
                seq,
                reason: Reason::BadTag,
                location: format!("seq {seq}"),
                detail: line["error"].as_str().unwrap_or_default().to_owned(),
            });
        } else if let Some(error) = line["error"].as_str() {
            stopped = Some(error.to_owned());
            return Ok(false);
        }
        Ok(true)
    })
    .map_err(|e| e.to_string())?;
    for (seq, key_id) in keyless {
        if !erased_keys.contains(&key_id) {
            failures.push(Failure {
                seq,
                reason: Reason::UnknownKey,
                location: format!("seq {seq}"),
                detail: format!(
                    "the frame names data key {key_id}, which the key store does not hold and no erasure record destroyed (a forged frame, or a key store from another log)"
                ),
            });
        }
    }
    match stopped {
        Some(e) => Err(e),
        None => Ok((ok, failures)),
    }
}

fn bundle(dir: &Path, public_key: Option<&Path>, json: bool) -> ExitCode {
    if ledgergate::cluster::export::is_cluster_bundle(dir) {
        if public_key.is_some() {
            return fail(format!(
                "{} is a cluster bundle, verified with each node's own key against its anchored checkpoints; --public-key applies to one node's bundle (pass {}/nodes/NODE)",
                dir.display(),
                dir.display()
            ));
        }
        return cluster::verify(dir, json);
    }
    let pin = match pinned(public_key) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let report = match verify_bundle(dir, pin.as_ref()) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if json {
        let out = serde_json::json!({
            "ok": report.ok(),
            "frames": report.frames,
            "checkpoints_valid": report.checkpoints_valid,
            "records_checked": report.records_checked,
            "records_erased": report.records_erased,
            "failures": report.failures.len(),
            "first_failure": report.first_failure(),
            "reasons": report
                .failures
                .iter()
                .map(|f| f.reason)
                .collect::<std::collections::BTreeSet<_>>(),
        });
        println!("{out}");
    } else {
        println!(
            "{} frames, {} checkpoints valid, {} disclosed records decrypted and matched, {} erased",
            report.frames, report.checkpoints_valid, report.records_checked, report.records_erased
        );
        match report.first_failure() {
            None => println!("OK: bundle {} verifies", dir.display()),
            Some(f) => println!(
                "FAILED: first bad seq {}: {} at {}: {}",
                f.seq, f.reason, f.location, f.detail
            ),
        }
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
