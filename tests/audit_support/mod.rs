//! Shared kit for the audit tests: a master key, small-segment options, realistic
//! records, a log written by the library, the CLI binary, and frame-level file surgery
//! for the tamper suite.
#![allow(dead_code)]

#[path = "../common/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use ledgergate::audit::frame::{parse_frame, Parsed, SEGMENT_HEADER_LEN};
use ledgergate::audit::record::*;
use ledgergate::audit::segment::list_segments;
use ledgergate::audit::{AuditLog, AuditOptions, Durability, Record};
use ledgergate::vault::master_key::MasterKey;
#[allow(unused_imports)]
pub use scratch::{copy_dir, ledgergate_command};

pub const MASTER_HEX: &str = "8f3a6c1d2e4b5a69788796a5b4c3d2e1f0112233445566778899aabbccddeeff";

pub fn master() -> MasterKey {
    MasterKey::from_hex(MASTER_HEX, "test").unwrap()
}

/// The audit dir of a data dir.
pub fn audit_dir(data: &Path) -> PathBuf {
    data.join("audit")
}

pub fn opts(data: &Path) -> AuditOptions {
    AuditOptions {
        dir: audit_dir(data),
        durability: Durability::Fsync,
        segment_max_bytes: 6 * 1024,
        checkpoint_every: 8,
        checkpoint_interval: Duration::from_secs(3600),
        accept_damage: false,
        clock: time::OffsetDateTime::now_utc,
        node_id: None,
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A request record with every field the gateway fills.
pub fn request_record(i: u64, tenant: &str) -> Record {
    let mut r = Record::new(RecordKind::Request);
    r.request_id = Some(format!("req-{i:04}"));
    r.tenant = Some(tenant.to_string());
    r.virtual_key_id = Some(format!("{tenant}-app"));
    r.client_address = Some("10.1.2.3".into());
    r.user_agent = Some("OpenAI/Python 1.50.0".into());
    r.route = Some("/v1/chat/completions".into());
    r.model_requested = Some("gpt-4o-mini".into());
    r.provider = Some("openai-eu".into());
    r.endpoint = Some("https://eu.api.openai.com/v1".into());
    r.region = Some("eu-west".into());
    r.attempts = vec![Attempt {
        provider: "openai-eu".into(),
        endpoint: Some("https://eu.api.openai.com/v1".into()),
        region: Some("eu-west".into()),
        status: Some(200),
        error_type: None,
        latency_ms: Some(420),
        backoff_ms: None,
    }];
    r.policy = Some(PolicyRef {
        id: "gdpr-eu".into(),
        version_hash: "sha256:5f2c".into(),
    });
    r.detections = vec![Detection {
        entity: "EMAIL_ADDRESS".into(),
        count: 2,
    }];
    r.actions = vec![ActionTaken {
        entity: "EMAIL_ADDRESS".into(),
        action: PiiAction::Mask,
        count: 2,
    }];
    r.residency = Some(Residency {
        decision: ResidencyDecision::Allowed,
        reason: "provider region eu-west is in the EU".into(),
        allowed_providers: vec!["openai-eu".into()],
    });
    r.outcome = Some(Outcome {
        status: 200,
        error_type: None,
    });
    r.latency_ms = Some(Latency {
        total: Some(450),
        upstream: Some(420),
        gateway: Some(30),
    });
    r.usage = Some(Usage {
        prompt_tokens: 12,
        completion_tokens: 30,
        total_tokens: 42,
    });
    r.cost = Some(Cost {
        currency: "USD".into(),
        micros: 1234,
    });
    r.capture = Some(Capture {
        mode: CaptureMode::Redacted,
        request: Some(Capture::json(
            &serde_json::json!({"messages": [{"role": "user", "content": "Mail <EMAIL_ADDRESS>"}]}),
        )),
        response: None,
    });
    r
}

/// Writes `n` request records (tenants alternate acme/globex) and closes the log.
pub fn write_log(n: u64, options: AuditOptions) {
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = AuditLog::open(options, &master()).unwrap();
        for i in 0..n {
            let tenant = if i % 2 == 0 { "acme" } else { "globex" };
            log.append(request_record(i, tenant)).await.unwrap();
        }
        log.close().await.unwrap();
    });
}

pub fn cli(args: &[&str]) -> Output {
    ledgergate_command()
        .args(args)
        .env("LEDGERGATE_MASTER_KEY", MASTER_HEX)
        .output()
        .unwrap()
}

pub fn cli_no_key(args: &[&str]) -> Output {
    ledgergate_command()
        .args(args)
        .env_remove("LEDGERGATE_MASTER_KEY")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `audit verify --json` on a data dir: (exit code, parsed JSON).
pub fn verify_json(data: &Path) -> (i32, serde_json::Value) {
    let o = cli_no_key(&[
        "audit",
        "verify",
        "--data-dir",
        data.to_str().unwrap(),
        "--json",
    ]);
    let code = o.status.code().unwrap();
    let v = serde_json::from_str(stdout(&o).trim())
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&o), stderr(&o)));
    (code, v)
}

/// Where a frame lives on disk.
#[derive(Clone, Debug)]
pub struct FrameAt {
    pub path: PathBuf,
    pub offset: usize,
    pub len: usize,
    pub seq: u64,
    /// Offset (within the frame) where the ciphertext starts, and its length incl. tag.
    pub ct_offset: usize,
    pub ct_len: usize,
}

pub fn frames(data: &Path) -> Vec<FrameAt> {
    let mut out = Vec::new();
    for path in list_segments(&audit_dir(data)).unwrap() {
        let bytes = std::fs::read(&path).unwrap();
        let mut pos = SEGMENT_HEADER_LEN;
        while pos < bytes.len() {
            let Parsed::Frame(f, len) = parse_frame(&bytes[pos..]) else {
                break;
            };
            let ct_offset = 4 + f.header_bytes.len() + 4;
            out.push(FrameAt {
                path: path.clone(),
                offset: pos,
                len,
                seq: f.header.seq.0,
                ct_offset,
                ct_len: f.ciphertext.len(),
            });
            pos += len;
        }
    }
    out
}

pub fn flip_bit(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[at] ^= 0x10;
    std::fs::write(path, bytes).unwrap();
}

pub fn splice(path: &Path, start: usize, end: usize, insert: &[u8]) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes.splice(start..end, insert.iter().copied());
    std::fs::write(path, bytes).unwrap();
}

pub fn frame_bytes(f: &FrameAt) -> Vec<u8> {
    std::fs::read(&f.path).unwrap()[f.offset..f.offset + f.len].to_vec()
}

/// `audit CMD --data-dir DATA REST...` with the master key set.
pub fn audit_on(data: &Path, cmd: &str, rest: &[&str]) -> Output {
    cli(&audit_args(data, cmd, rest))
}

/// `audit CMD --data-dir DATA REST...` without the master key.
pub fn audit_on_no_key(data: &Path, cmd: &str, rest: &[&str]) -> Output {
    cli_no_key(&audit_args(data, cmd, rest))
}

fn audit_args<'a>(data: &'a Path, cmd: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["audit", cmd, "--data-dir", data.to_str().unwrap()];
    args.extend_from_slice(rest);
    args
}

/// `audit export` of `data` for the range `from..2100` into `out`, with `extra` flags.
pub fn export_cmd(data: &Path, out: &Path, from: &str, extra: &[&str]) -> Output {
    export_range(data, out, from, "2100-01-01T00:00:00Z", extra)
}

/// `audit export` of `data` for the range `from..to` into `out`, with `extra` flags.
pub fn export_range(data: &Path, out: &Path, from: &str, to: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "audit",
        "export",
        "--data-dir",
        data.to_str().unwrap(),
        "--from",
        from,
        "--to",
        to,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    cli(&args)
}

/// `audit erase --subject S` on a log no server holds; asserts it succeeds.
pub fn erase_subject(data: &Path, subject: &str) {
    let o = cli(&[
        "audit",
        "erase",
        "--data-dir",
        data.to_str().unwrap(),
        "--subject",
        subject,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `audit verify --data-dir DATA --json EXTRA...` without a master key: exit code,
/// the JSON report, stderr.
pub fn verify_with(data: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let mut args = vec![
        "audit",
        "verify",
        "--data-dir",
        data.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(extra);
    let o = cli_no_key(&args);
    let v = serde_json::from_str(stdout(&o).trim())
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap(), v, stderr(&o))
}
