//! `ledgergate redact`: stdin to stdout through the PII engine, as text, one JSON
//! document, or JSON lines (`{"text": ...}` in, one result object a line out).
//! Without `--policy` every built-in recognizer runs with `mask`. Bad input gets one
//! sentence on stderr naming the line, and exit code 2. JSON lines are redacted on
//! every core (`lines`), written in input order.

mod lines;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use clap::{Args, ValueEnum};
use serde::{Deserialize, Serialize};

use ledgergate::pii::{Blocked, Engine, PiiRules, RedactError, Redaction, Redactor};
use ledgergate::policy::{Policy, PolicySet};

#[derive(Args)]
pub struct RedactArgs {
    /// Policy directory, validated as the gateway does; the policy `--policy-id` (default: `default`) gives the rules.
    #[arg(long, value_name = "DIR")]
    policy: Option<PathBuf>,
    /// Which policy of DIR to apply (its `id`).
    #[arg(long, value_name = "ID", requires = "policy")]
    policy_id: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Key for the `hash` action's pseudonyms (hex); a fixed demo key when absent.
    #[arg(
        long,
        value_name = "HEX",
        env = "LEDGERGATE_PII_HASH_KEY",
        hide_env_values = true
    )]
    hash_key: Option<String>,
    /// Worker threads for `--format jsonl`, 1 to 64 (default: one per core). The output
    /// is the same for any number. Each worker holds its own automata (tens of MB), so
    /// the bound keeps a typo from exhausting memory.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS)))]
    jobs: Option<u16>,
}

/// The most `--jobs` accepted, and the most the default (one per core) takes.
const MAX_JOBS: u16 = 64;

/// The engine the redaction runs with: a policy's, or every built-in recognizer.
#[derive(Clone)]
enum SharedEngine {
    Policy(Arc<Policy>),
    Builtin(Arc<Engine>),
}

impl SharedEngine {
    fn engine(&self) -> &Engine {
        match self {
            SharedEngine::Policy(p) => &p.engine,
            SharedEngine::Builtin(e) => e,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
}

/// One input record. Borrowed where the JSON string has no escapes: the common case
/// costs no copy of the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

/// One output record, written straight to the buffered writer (no `serde_json::Value`
/// tree per record); field order is the contract's.
#[derive(Serialize)]
struct Output<'a> {
    redacted: &'a str,
    findings: Vec<OutputFinding<'a>>,
}

#[derive(Serialize)]
struct OutputFinding<'a> {
    entity: &'a str,
    start: usize,
    end: usize,
    action: &'static str,
}

#[derive(Serialize)]
struct BlockedOutput<'a> {
    blocked: &'a str,
    error: String,
}

pub fn run(args: RedactArgs) -> ExitCode {
    match execute(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ledgergate redact: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn execute(args: RedactArgs) -> Result<ExitCode> {
    let shared = match &args.policy {
        Some(dir) => SharedEngine::Policy(load_policy(
            dir,
            args.policy_id.as_deref().unwrap_or("default"),
        )?),
        None => SharedEngine::Builtin(Arc::new(Engine::new(&PiiRules::default())?)),
    };
    let key: Arc<[u8]> = match &args.hash_key {
        Some(h) => hex::decode(h.trim())
            .map_err(|_| anyhow!("--hash-key must be hexadecimal"))?
            .into(),
        None => Arc::from(&b"ledgergate-redact-cli"[..]),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let blocked = match args.format {
        Format::Text | Format::Json => {
            let mut raw = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut raw)
                .context("could not read standard input")?;
            let text = String::from_utf8(raw).map_err(|e| {
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                anyhow!("standard input line {line} is not valid UTF-8")
            })?;
            let mut redactor = Redactor::new(shared.engine(), &key);
            match redactor.redact_detailed(&text) {
                Ok(r) => {
                    match args.format {
                        Format::Text => out.write_all(r.text.as_bytes())?,
                        _ => write_result(&mut out, &r)?,
                    }
                    false
                }
                Err(RedactError::Blocked(b)) => {
                    eprintln!("ledgergate redact: {b}");
                    true
                }
                Err(e @ (RedactError::TooManyFindings(_) | RedactError::PastDeadline)) => {
                    return Err(anyhow!("standard input: {e}"));
                }
            }
        }
        Format::Jsonl => {
            let jobs = match args.jobs {
                Some(n) => usize::from(n),
                None => std::thread::available_parallelism()
                    .map_or(1, usize::from)
                    .min(usize::from(MAX_JOBS)),
            };
            let input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
            let result = lines::redact_lines(input, &mut out, shared, key, jobs);
            // The lines before a bad one are written before its error.
            out.flush()?;
            result?
        }
    };
    out.flush()?;
    Ok(if blocked {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `{"redacted": ..., "findings": [{"entity", "start", "end", "action"}, ...]}` and a
/// line end.
fn write_result(out: &mut impl Write, r: &Redaction) -> Result<()> {
    let findings = r
        .applied
        .iter()
        .map(|a| OutputFinding {
            entity: a.entity.name(),
            start: a.start,
            end: a.end,
            action: a.action.as_str(),
        })
        .collect();
    serde_json::to_writer(
        &mut *out,
        &Output {
            redacted: &r.text,
            findings,
        },
    )?;
    out.write_all(b"\n")?;
    Ok(())
}

/// `{"blocked": ENTITY, "error": ...}` and a line end: a line the policy refuses.
fn write_blocked(out: &mut impl Write, b: &Blocked) -> Result<()> {
    serde_json::to_writer(
        &mut *out,
        &BlockedOutput {
            blocked: b.entity.name(),
            error: b.to_string(),
        },
    )?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The policy `id` of the directory, validated as the gateway validates it (the whole
/// set, data classes expanded).
fn load_policy(dir: &Path, id: &str) -> Result<Arc<Policy>> {
    let set = PolicySet::load(dir, None).map_err(|e| anyhow!("{e}"))?;
    set.policies
        .get(id)
        .cloned()
        .ok_or_else(|| anyhow!("no policy file in {} has id = \"{id}\"", dir.display()))
}
