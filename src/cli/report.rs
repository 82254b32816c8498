//! `ledgergate report cost`: what the answers of a period cost, grouped by tenant, model
//! or provider, computed from the audit log's response records (their usage and the
//! cost the pricing table gave them). Reads the segment files and decrypts like `audit
//! show`: through the running server's admin API, or with the master key when none runs.

use std::collections::BTreeMap;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use ledgergate::audit::reader::for_each_frame;
use ledgergate::audit::record::{Record, RecordKind};

use super::audit::{Decryptor, Location};

#[derive(Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    command: ReportCommand,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Cost of the answers between two times, from the audit log.
    Cost {
        /// Start of the period (RFC 3339, inclusive).
        #[arg(long)]
        from: String,
        /// End of the period (RFC 3339, exclusive).
        #[arg(long)]
        to: String,
        #[arg(long, value_enum)]
        by: By,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        location: Location,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum By {
    Tenant,
    Model,
    Provider,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

/// One group's totals. Costs are in millionths of `currency`.
#[derive(Default, Serialize)]
struct Row {
    group: String,
    currency: String,
    requests: u64,
    prompt_tokens: u64,
    completion_tokens: u64,
    cost_micros: u64,
    /// Answers in the group that had no price (their tokens are counted, not their cost).
    unpriced: u64,
}

fn time_arg(value: &str, flag: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(value, &Rfc3339).map_err(|_| {
        format!("{flag} \"{value}\" is not an RFC 3339 time such as 2026-11-01T00:00:00Z")
    })
}

pub fn run(args: ReportArgs) -> ExitCode {
    let ReportCommand::Cost {
        from,
        to,
        by,
        format,
        location,
    } = args.command;
    match cost(&from, &to, by, format, &location) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => super::fail(e),
    }
}

fn cost(from: &str, to: &str, by: By, format: Format, location: &Location) -> Result<(), String> {
    let (from, to) = (time_arg(from, "--from")?, time_arg(to, "--to")?);
    if from >= to {
        return Err("--from must be before --to".into());
    }
    let mut reader = Decryptor::open(location)?;
    let dir = reader.dir.clone();
    let mut failed = None;
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut unreadable = 0u64;
    for_each_frame(&dir, |f| {
        let in_range =
            OffsetDateTime::parse(&f.header.time, &Rfc3339).is_ok_and(|t| t >= from && t < to);
        if !in_range {
            return Ok(true);
        }
        let mut line = match reader.line(f) {
            Ok(line) => line,
            Err(e) => {
                failed = Some(e);
                return Ok(false);
            }
        };
        if line["erased"] == true {
            return Ok(true);
        }
        let Ok(record) = serde_json::from_value::<Record>(line["record"].take()) else {
            unreadable += 1;
            return Ok(true);
        };
        if record.kind != RecordKind::Response {
            return Ok(true);
        }
        let group = match by {
            By::Tenant => record.tenant.clone(),
            By::Model => record.model_requested.clone(),
            By::Provider => record.provider.clone(),
        }
        .unwrap_or_else(|| "(none)".into());
        let currency = record
            .cost
            .as_ref()
            .map_or_else(String::new, |c| c.currency.clone());
        let row = rows
            .entry((group.clone(), currency.clone()))
            .or_insert_with(|| Row {
                group,
                currency,
                ..Row::default()
            });
        row.requests += 1;
        if let Some(u) = &record.usage {
            row.prompt_tokens += u.prompt_tokens;
            row.completion_tokens += u.completion_tokens;
        }
        match &record.cost {
            Some(c) => row.cost_micros += c.micros,
            None => row.unpriced += 1,
        }
        Ok(true)
    })
    .map_err(|e| e.to_string())?;
    if let Some(e) = failed {
        return Err(e);
    }
    if unreadable > 0 {
        eprintln!("ledgergate: {unreadable} records in the period could not be decrypted and are not counted");
    }
    let rows: Vec<Row> = rows.into_values().collect();
    let by_name = match by {
        By::Tenant => "tenant",
        By::Model => "model",
        By::Provider => "provider",
    };
    match format {
        Format::Json => {
            let out: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({by_name: r.group, "currency": r.currency, "requests": r.requests,
                        "prompt_tokens": r.prompt_tokens, "completion_tokens": r.completion_tokens,
                        "cost_micros": r.cost_micros, "unpriced": r.unpriced})
                })
                .collect();
            println!("{}", serde_json::Value::Array(out));
        }
        Format::Csv => {
            println!("{by_name},currency,requests,prompt_tokens,completion_tokens,cost,unpriced");
            for r in &rows {
                println!(
                    "{},{},{},{},{},{},{}",
                    csv_field(&r.group),
                    r.currency,
                    r.requests,
                    r.prompt_tokens,
                    r.completion_tokens,
                    amount(r.cost_micros),
                    r.unpriced
                );
            }
        }
        Format::Table => {
            println!(
                "{:<24} {:>8} {:>10} {:>12} {:>14} {:>16}",
                by_name, "requests", "prompt", "completion", "cost", "unpriced answers"
            );
            for r in &rows {
                println!(
                    "{:<24} {:>8} {:>10} {:>12} {:>14} {:>16}",
                    r.group,
                    r.requests,
                    r.prompt_tokens,
                    r.completion_tokens,
                    format!("{} {}", amount(r.cost_micros), r.currency).trim(),
                    r.unpriced
                );
            }
        }
    }
    Ok(())
}

/// Millionths as a decimal amount with six places.
fn amount(micros: u64) -> String {
    format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000)
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
