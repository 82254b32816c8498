//! `ledgergate audit ...`: verify, export, verify-bundle, erase, show, tail.
//! `verify` and `verify-bundle` read files only and need no secret; `show`, `tail`,
//! `export` and `erase` open the key store with the master key (so they refuse, with a
//! clear sentence, while a server holds it). Exit codes: 0 ok, 1 a check failed,
//! 2 usage or I/O error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use ledgergate::audit::bundle::verify_bundle;
use ledgergate::audit::frame::{parse_frame, Parsed, SEGMENT_HEADER_LEN};
use ledgergate::audit::keys::KeyStore;
use ledgergate::audit::reader::{for_each_frame, open_frame, Opened, ReadError};
use ledgergate::audit::segment::list_segments;
use ledgergate::audit::verify::verify_log;
use ledgergate::audit::{AuditLog, AuditOptions, ExportRequest, Failure, Reason, Verifier};
use ledgergate::config::Config;
use ledgergate::vault::master_key::MasterKey;

use super::fail;

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Args, Clone)]
pub(super) struct Location {
    /// The gateway's data directory (audit files are under DIR/audit).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The gateway's config file (its data dir and master key source are used).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
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
        /// Also decrypt every record with the data keys (needs the master key) to check
        /// each GCM tag and key commitment; erased records are skipped.
        #[arg(long)]
        decrypt: bool,
        #[arg(long)]
        json: bool,
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
    },
    /// Verify an export bundle offline (needs no secret).
    VerifyBundle {
        dir: PathBuf,
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Crypto-shred one data subject: destroy its data keys (audited).
    Erase {
        #[command(flatten)]
        loc: Location,
        #[arg(long)]
        subject: String,
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
            json,
        } => verify(&loc, public_key.as_deref(), decrypt, json),
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
        } => export(
            &loc,
            ExportRequest {
                from,
                to,
                tenant,
                out,
            },
        ),
        AuditCommand::Erase { loc, subject } => erase(&loc, &subject),
        AuditCommand::Show { loc, seq } => show(&loc, seq),
        AuditCommand::Tail { loc, follow, lines } => tail(&loc, follow, lines),
    }
}

struct Resolved {
    audit_dir: PathBuf,
    config: Option<Config>,
}

fn resolve(loc: &Location) -> Result<Resolved, String> {
    let config = match &loc.config {
        Some(path) => Some(Config::load(path).map_err(|e| e.to_string())?),
        None => None,
    };
    let data_dir = loc
        .data_dir
        .clone()
        .or_else(|| config.as_ref().map(|c| c.data.dir.clone()))
        .unwrap_or_else(|| PathBuf::from("./ledgergate-data"));
    Ok(Resolved {
        audit_dir: data_dir.join("audit"),
        config,
    })
}

fn master_key(r: &Resolved) -> Result<MasterKey, String> {
    let source = r
        .config
        .as_ref()
        .map(|c| c.data.master_key.clone())
        .unwrap_or_default();
    MasterKey::from_source(&source).map_err(|e| e.to_string())
}

fn options(r: &Resolved) -> AuditOptions {
    match &r.config {
        // --data-dir wins over the config's data dir.
        Some(c) => AuditOptions {
            dir: r.audit_dir.clone(),
            ..AuditOptions::from_config(c)
        },
        None => AuditOptions::new(&r.audit_dir),
    }
}

fn pinned(path: Option<&Path>) -> Result<Option<Verifier>, String> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the public key file {}: {e}", path.display()))?;
    Verifier::from_vkey(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn need_log(dir: &Path) -> Result<(), String> {
    if dir.join("audit.pub").exists() || dir.join("segments").exists() {
        Ok(())
    } else {
        Err(format!(
            "{} holds no audit log (no audit.pub, no segments)",
            dir.display()
        ))
    }
}

fn verify(loc: &Location, public_key: Option<&Path>, decrypt: bool, json: bool) -> ExitCode {
    let r = match resolve(loc) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Err(e) = need_log(&r.audit_dir) {
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
    let mut decrypted = None;
    if decrypt {
        match check_tags(&r) {
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

/// Decrypts every frame whose hash is intact; a failing tag or commitment is a
/// `bad tag` failure at that seq. Returns how many records decrypted.
fn check_tags(r: &Resolved) -> Result<(u64, Vec<Failure>), String> {
    let master = master_key(r)?;
    let mut keys = KeyStore::open(&r.audit_dir, &master).map_err(|e| e.to_string())?;
    let (log_id, _) = keys.identity().map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    let mut ok = 0u64;
    for_each_frame(&r.audit_dir, |f| {
        if f.computed_hash() != f.stored_hash {
            return Ok(true);
        }
        match open_frame(&mut keys, &log_id, &f.header, f.header_bytes, f.ciphertext) {
            Ok(Opened::Record { .. }) => ok += 1,
            Ok(Opened::Erased) => {}
            Err(ReadError::Decrypt { seq, source }) => failures.push(Failure {
                seq,
                reason: Reason::BadTag,
                location: format!("seq {seq}"),
                detail: source.to_string(),
            }),
            Err(e) => return Err(e),
        }
        Ok(true)
    })
    .map_err(|e| e.to_string())?;
    Ok((ok, failures))
}

fn bundle(dir: &Path, public_key: Option<&Path>, json: bool) -> ExitCode {
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

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

/// Opens the log for writing (the CLI's own start/stop records go into the chain).
fn with_log<T>(
    loc: &Location,
    f: impl FnOnce(&AuditLog, &tokio::runtime::Runtime) -> Result<T, String>,
) -> Result<T, String> {
    let r = resolve(loc)?;
    need_log(&r.audit_dir)?;
    let master = master_key(&r)?;
    let rt = runtime()?;
    let (log, _) = AuditLog::open(options(&r), &master).map_err(|e| e.to_string())?;
    let result = f(&log, &rt);
    let closed = rt.block_on(log.close()).map_err(|e| e.to_string());
    let value = result?;
    closed?;
    Ok(value)
}

fn export(loc: &Location, request: ExportRequest) -> ExitCode {
    let out = request.out.clone();
    match with_log(loc, |log, rt| {
        rt.block_on(log.export(request)).map_err(|e| e.to_string())
    }) {
        Ok(report) => {
            println!(
                "wrote {}: {} records disclosed, {} erased, frames {}..{} (manifest sha256 {})",
                out.display(),
                report.records_disclosed,
                report.records_erased,
                report.first_seq,
                report.end_size,
                report.manifest_sha256
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn erase(loc: &Location, subject: &str) -> ExitCode {
    match with_log(loc, |log, rt| {
        rt.block_on(log.erase(subject)).map_err(|e| e.to_string())
    }) {
        Ok(n) => {
            println!(
                "erased subject {subject}: {n} data keys destroyed; its records no longer decrypt and the erasure is in the audit log"
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

pub(super) fn open_keys(
    loc: &Location,
) -> Result<(PathBuf, KeyStore, ledgergate::audit::chain::LogId), String> {
    let r = resolve(loc)?;
    need_log(&r.audit_dir)?;
    let master = master_key(&r)?;
    let keys = KeyStore::open(&r.audit_dir, &master).map_err(|e| e.to_string())?;
    let (log_id, _) = keys.identity().map_err(|e| e.to_string())?;
    Ok((r.audit_dir, keys, log_id))
}

/// One JSON line for a frame: decrypted when keys are at hand, else its header only.
fn render(
    keys: Option<&mut KeyStore>,
    log_id: &ledgergate::audit::chain::LogId,
    f: &ledgergate::audit::frame::FrameRef<'_>,
) -> String {
    let base = serde_json::json!({
        "seq": f.header.seq.0,
        "time": f.header.time,
        "key_id": f.header.key_id.to_string(),
    });
    let mut obj = match base {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    let Some(keys) = keys else {
        obj.insert("encrypted".into(), true.into());
        return serde_json::Value::Object(obj).to_string();
    };
    match open_frame(keys, log_id, &f.header, f.header_bytes, f.ciphertext) {
        Ok(Opened::Record { record, .. }) => {
            obj.insert(
                "record".into(),
                serde_json::to_value(&*record).unwrap_or(serde_json::Value::Null),
            );
        }
        Ok(Opened::Erased) => {
            obj.insert("erased".into(), true.into());
        }
        Err(e) => {
            obj.insert("error".into(), e.to_string().into());
        }
    }
    serde_json::Value::Object(obj).to_string()
}

fn show(loc: &Location, seq: u64) -> ExitCode {
    let (dir, mut keys, log_id) = match open_keys(loc) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let mut found = None;
    let scan = for_each_frame(&dir, |f| {
        if f.header.seq.0 == seq && f.computed_hash() == f.stored_hash {
            found = Some(render(Some(&mut keys), &log_id, f));
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = scan {
        return fail(e);
    }
    match found {
        Some(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        None => fail(format!("no record with seq {seq} in {}", dir.display())),
    }
}

fn tail(loc: &Location, follow: bool, lines: u64) -> ExitCode {
    // While a server holds the key store, tail still shows the record headers.
    let (dir, mut keys, log_id) = match open_keys(loc) {
        Ok((dir, keys, log_id)) => (dir, Some(keys), log_id),
        Err(e) if e.contains("locked by another process") => {
            let header_only = resolve(loc).and_then(|r| {
                let v = ledgergate::audit::verify::read_verifier(&r.audit_dir)
                    .map_err(|e| e.to_string())?;
                let id = v.log_id().ok_or("the public key names no log")?;
                Ok((r.audit_dir, id))
            });
            match header_only {
                Ok((dir, id)) => {
                    eprintln!("ledgergate: {e}; showing record headers only");
                    (dir, None, id)
                }
                Err(e) => return fail(e),
            }
        }
        Err(e) => return fail(e),
    };
    // Find the last seq, then print from last - lines + 1.
    let mut last = None;
    if let Err(e) = for_each_frame(&dir, |f| {
        last = Some(f.header.seq.0);
        Ok(true)
    }) {
        return fail(e);
    }
    let start = last.map_or(0, |l| (l + 1).saturating_sub(lines));
    // Position: (segment path, offset) to resume from when following.
    let mut cursor: Option<(PathBuf, usize)> = None;
    let mut next_seq = start;
    loop {
        let segments = match list_segments(&dir) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let from_index = cursor
            .as_ref()
            .and_then(|(p, _)| segments.iter().position(|s| s == p))
            .unwrap_or(0);
        let mut stdout = std::io::stdout().lock();
        for path in &segments[from_index..] {
            // Read only what is new since the cursor: a follower must not re-read whole
            // segments on every poll.
            let start = match &cursor {
                Some((p, off)) if p == path => *off,
                _ => SEGMENT_HEADER_LEN,
            };
            let bytes = match read_from(path, start) {
                Ok(b) => b,
                Err(e) => return fail(format!("{}: {e}", path.display())),
            };
            let mut pos = 0;
            while pos < bytes.len() {
                let Parsed::Frame(f, len) = parse_frame(&bytes[pos..]) else {
                    break;
                };
                if f.header.seq.0 >= next_seq {
                    if writeln!(stdout, "{}", render(keys.as_mut(), &log_id, &f)).is_err() {
                        return ExitCode::SUCCESS;
                    }
                    next_seq = f.header.seq.0 + 1;
                }
                pos += len;
            }
            cursor = Some((path.clone(), start + pos));
        }
        let _ = stdout.flush();
        if !follow {
            return ExitCode::SUCCESS;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The bytes of `path` from `offset` to its end (empty when the file is shorter).
fn read_from(path: &Path, offset: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len() as usize;
    if len <= offset {
        return Ok(Vec::new());
    }
    file.seek(SeekFrom::Start(offset as u64))?;
    let mut out = Vec::with_capacity(len - offset);
    file.read_to_end(&mut out)?;
    Ok(out)
}
