//! `ledgergate witness serve`: runs a C2SP tlog-witness for the audit logs whose
//! verifier keys it is given. Its Ed25519 key is created (0600) in the data directory on
//! first start; its verifier key is printed and kept in `witness.vkey` beside it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand};

use ledgergate::audit::Verifier;
use ledgergate::config::{LogConfig, LogFormat};
use ledgergate::telemetry;
use ledgergate::witness::server::{router, Witness};
use ledgergate::witness::{Cosigner, CosignerVerifier};

use super::fail;

const KEY_FILE: &str = "witness.key";
const VKEY_FILE: &str = "witness.vkey";
const DEFAULT_NAME: &str = "ledgergate-witness";

#[derive(Args)]
pub struct WitnessArgs {
    #[command(subcommand)]
    command: WitnessCommand,
}

#[derive(Subcommand)]
enum WitnessCommand {
    /// Serve add-checkpoint (C2SP tlog-witness) for the given logs.
    Serve {
        /// Listen address (loopback, or behind a TLS-terminating proxy).
        #[arg(long, value_name = "ADDR")]
        listen: SocketAddr,
        /// Where the witness keeps its key and the last checkpoint it cosigned per log.
        #[arg(long, value_name = "DIR")]
        data_dir: PathBuf,
        /// The witness's name (its key name in cosignatures); fixed at first start.
        #[arg(long)]
        name: Option<String>,
        /// A log this witness cosigns for: its verifier key (`audit.pub` text) or the path
        /// of a file holding it. Repeatable.
        #[arg(long = "log-vkey", value_name = "KEY", required = true)]
        log_vkeys: Vec<String>,
    },
}

pub fn run(args: WitnessArgs) -> ExitCode {
    match args.command {
        WitnessCommand::Serve {
            listen,
            data_dir,
            name,
            log_vkeys,
        } => serve(listen, &data_dir, name.as_deref(), &log_vkeys),
    }
}

/// A log verifier key given as text or as a file holding it.
fn log_verifier(arg: &str) -> Result<Verifier, String> {
    let text = if Path::new(arg).is_file() {
        std::fs::read_to_string(arg).map_err(|e| format!("{arg}: {e}"))?
    } else {
        arg.to_string()
    };
    Verifier::from_vkey(&text).map_err(|_| {
        format!("--log-vkey {arg}: not a log verifier key (the text of a log's audit.pub, or a file holding it)")
    })
}

/// The witness key, its name fixed by `witness.vkey` once created.
fn cosigner(data_dir: &Path, name: Option<&str>) -> Result<Cosigner, String> {
    std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    let vkey_path = data_dir.join(VKEY_FILE);
    let stored = match std::fs::read_to_string(&vkey_path) {
        Ok(text) => Some(
            CosignerVerifier::from_vkey(&text)
                .map_err(|e| format!("{}: {e}", vkey_path.display()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", vkey_path.display())),
    };
    let name = match (&stored, name) {
        (Some(s), Some(n)) if s.name != n => {
            return Err(format!(
                "--name {n} differs from the name \"{}\" in {}: a witness keeps its name (its key id depends on it)",
                s.name,
                vkey_path.display()
            ))
        }
        (Some(s), _) => s.name.clone(),
        (None, Some(n)) => n.to_string(),
        (None, None) => DEFAULT_NAME.to_string(),
    };
    if name.is_empty() || name.contains(char::is_whitespace) || name.contains('+') {
        return Err(format!(
            "--name \"{name}\" must be non-empty, without spaces or '+'"
        ));
    }
    let key_path = data_dir.join(KEY_FILE);
    if stored.is_some() && !key_path.exists() {
        return Err(format!(
            "{} is missing although {} exists: restore the key (a new key would be a different witness)",
            key_path.display(),
            vkey_path.display()
        ));
    }
    let c = Cosigner::load_or_create(&key_path, &name).map_err(|e| e.to_string())?;
    match stored {
        Some(s) if &s != c.verifier() => Err(format!(
            "{} does not match the key in {}",
            vkey_path.display(),
            key_path.display()
        )),
        Some(_) => Ok(c),
        None => {
            std::fs::write(&vkey_path, format!("{}\n", c.verifier().to_vkey()))
                .map_err(|e| format!("{}: {e}", vkey_path.display()))?;
            Ok(c)
        }
    }
}

fn serve(
    listen: SocketAddr,
    data_dir: &Path,
    name: Option<&str>,
    log_vkeys: &[String],
) -> ExitCode {
    telemetry::init_logging(&LogConfig {
        format: LogFormat::Text,
        level: "info".into(),
    });
    let logs = match log_vkeys
        .iter()
        .map(|k| log_verifier(k))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let cosigner = match cosigner(data_dir, name) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let vkey = cosigner.verifier().to_vkey();
    let witness = match Witness::new(cosigner, logs, data_dir) {
        Ok(w) => Arc::new(w),
        Err(e) => return fail(format!("{}: {e}", data_dir.display())),
    };
    super::listen::serve_until_stopped(
        listen,
        None,
        "witness server",
        |addr| {
            println!("witness verifier key: {vkey}");
            println!("witness listening on http://{addr}");
        },
        |listener, stopped| async move {
            axum::serve(listener, router(witness))
                .with_graceful_shutdown(stopped)
                .await
        },
    )
}
