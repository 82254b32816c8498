//! Command-line parsing and dispatch. Exit codes: 0 ok, 1 a check failed, 2 usage or
//! I/O error. Errors go to stderr as one sentence naming what is at fault.

mod admin_api;
mod audit;
mod cluster;
mod keys;
mod listen;
mod policy;
mod redact;
mod report;
mod serve;
mod witness;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ledgergate",
    version,
    about = "Self-hosted LLM gateway with PII redaction, residency checks and a verifiable audit log"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gateway.
    Serve(serve::ServeArgs),
    /// Check policy files, or explain what a tenant's policy does to a text.
    Policy(policy::PolicyArgs),
    /// Reports computed from the audit log.
    Report(report::ReportArgs),
    /// Redact PII from standard input (text, json or jsonl) to standard output.
    Redact(redact::RedactArgs),
    /// Verify, export, erase and read the audit log.
    Audit(audit::AuditArgs),
    /// Manage virtual keys and provider keys through the admin API.
    Keys(keys::KeysArgs),
    /// Run a C2SP tlog-witness that cosigns audit checkpoints and refuses rollbacks.
    Witness(witness::WitnessArgs),
    /// The nodes of a cluster (`[cluster]`): heartbeats, policy convergence, anchors.
    Cluster(cluster::ClusterArgs),
}

/// Prints one error sentence to stderr and returns exit code 2 (usage or I/O error).
pub(crate) fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("ledgergate: {message}");
    ExitCode::from(2)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Policy(args) => policy::run(args),
        Command::Redact(args) => redact::run(args),
        Command::Report(args) => report::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Keys(args) => keys::run(args),
        Command::Witness(args) => witness::run(args),
        Command::Cluster(args) => cluster::run(args),
    }
}
