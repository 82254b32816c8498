//! Command-line parsing and dispatch. Exit codes: 0 ok, 1 a check failed, 2 usage or I/O error.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod redact;

#[derive(Parser)]
#[command(name = "ledgergate", version, about = "Self-hosted LLM gateway with PII redaction and a verifiable audit log")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Redact PII from standard input (text, json or jsonl) to standard output.
    Redact(redact::RedactArgs),
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Redact(args) => redact::run(args),
    }
}
