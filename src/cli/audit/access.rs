//! Where an audit command finds the log and its keys. Frames are always read from the
//! segment files (safe while the server appends). Decrypting needs the key store, which
//! sled lets one process hold: when a server runs, decrypted lines come from its admin
//! API; when none does, this process opens the store with the master key itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::Value;

use ledgergate::audit::chain::LogId;
use ledgergate::audit::crypto::access_proof;
use ledgergate::audit::frame::FrameRef;
use ledgergate::audit::keys::{KeyError, KeyStore};
use ledgergate::audit::reader::frame_line;
use ledgergate::audit::AuditOptions;
use ledgergate::config::Config;
use ledgergate::server::AUDIT_PROOF_HEADER;
use ledgergate::vault::master_key::MasterKey;

use crate::cli::admin_api::{AdminApi, Located, Unreachable};

/// Lines fetched from the admin API per call.
const PAGE: usize = 256;

#[derive(Args, Clone)]
pub(in crate::cli) struct Location {
    /// The gateway's data directory (audit files are under DIR/audit).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The gateway's config file (its data dir, master key source and admin API are used).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The running server's admin API (default: http:// + the config's admin.listen);
    /// used for decrypting while the server holds the key store.
    #[arg(long, value_name = "URL")]
    admin_url: Option<String>,
}

/// The log's directory and the config it came from.
pub(super) struct Resolved {
    pub audit_dir: PathBuf,
    pub config: Option<Config>,
    admin_url: Option<String>,
}

pub(super) fn resolve(loc: &Location) -> Result<Resolved, String> {
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
        admin_url: loc.admin_url.clone(),
    })
}

impl Resolved {
    pub fn master_key(&self) -> Result<MasterKey, String> {
        let source = self
            .config
            .as_ref()
            .map(|c| c.data.master_key.clone())
            .unwrap_or_default();
        MasterKey::from_source(&source).map_err(|e| e.to_string())
    }

    pub fn options(&self) -> AuditOptions {
        match &self.config {
            // --data-dir wins over the config's data dir.
            Some(c) => AuditOptions {
                dir: self.audit_dir.clone(),
                ..c.audit_options()
            },
            None => AuditOptions::new(&self.audit_dir),
        }
    }

    pub fn need_log(&self) -> Result<(), String> {
        let dir = &self.audit_dir;
        if dir.join("audit.pub").exists() || dir.join("segments").exists() {
            Ok(())
        } else {
            Err(format!(
                "{} holds no audit log (no audit.pub, no segments)",
                dir.display()
            ))
        }
    }

    /// The running server's admin API, when one is configured and answers, and only
    /// if it writes the log in this directory (its log id is the one in `audit.pub`).
    /// `Ok(None)`: no server to go through (none configured, or none answers).
    pub fn server(&self) -> Result<Option<AdminApi>, String> {
        let Located { api, .. } =
            AdminApi::locate(self.admin_url.as_deref(), self.config.as_ref())?;
        let Some(api) = api else { return Ok(None) };
        // The audit routes take proof of the master key besides the admin token.
        let proof = access_proof(&self.master_key()?).map_err(|e| e.to_string())?;
        let api = api.with_header(AUDIT_PROOF_HEADER, proof);
        let answer = match api.call(
            reqwest::Method::GET,
            "/admin/v1/audit/lines?from=0&limit=1",
            None,
        ) {
            Ok(answer) => answer?,
            Err(Unreachable(_)) => return Ok(None),
        };
        let here = ledgergate::audit::verify::read_verifier(&self.audit_dir)
            .ok()
            .and_then(|v| v.log_id())
            .map(|id| id.to_string());
        let theirs = answer["log_id"].as_str();
        if here.is_none() || here.as_deref() != theirs {
            return Err(format!(
                "the server's admin API writes audit log {}, but {} holds log {}; pass the server's data directory with --data-dir",
                theirs.unwrap_or("(unknown)"),
                self.audit_dir.display(),
                here.as_deref().unwrap_or("(none)")
            ));
        }
        Ok(Some(api))
    }

    /// Opens the key store here; when a server holds it, says how to go through it.
    pub fn open_keys(&self) -> Result<KeyStore, String> {
        let master = self.master_key()?;
        KeyStore::open(&self.audit_dir, &master).map_err(|e| match e {
            KeyError::Locked { .. } => {
                let hint = match AdminApi::locate(self.admin_url.as_deref(), self.config.as_ref()) {
                    Ok(Located { missing_token: Some(var), .. }) => format!("set {var} (the admin token) so this command can go through the server's admin API"),
                    Ok(Located { has_address: true, .. }) => "its admin API did not answer".into(),
                    _ => "pass --config FILE with an [admin] section, or --admin-url URL, so this command can go through the server's admin API".into(),
                };
                format!("{e}; {hint}")
            }
            other => other.to_string(),
        })
    }
}

/// Where decrypted lines come from.
enum Source {
    /// This process holds the key store.
    Local { keys: Box<KeyStore>, log_id: LogId },
    /// A running server holds it; lines come from its admin API a page at a time.
    Server {
        api: AdminApi,
        page: BTreeMap<u64, Value>,
    },
    /// No keys at all: headers only.
    Headers { log_id: LogId },
}

/// Reads frames' lines (`audit show`/`tail` output) with whatever keys can be had.
pub(in crate::cli) struct Decryptor {
    pub dir: PathBuf,
    source: Source,
}

impl Decryptor {
    /// Through the running server when there is one, else with the key store here.
    pub fn open(loc: &Location) -> Result<Decryptor, String> {
        let r = resolve(loc)?;
        r.need_log()?;
        if let Some(api) = r.server()? {
            return Ok(Decryptor {
                dir: r.audit_dir,
                source: Source::Server {
                    api,
                    page: BTreeMap::new(),
                },
            });
        }
        let keys = r.open_keys()?;
        let (log_id, _) = keys.identity().map_err(|e| e.to_string())?;
        Ok(Decryptor {
            dir: r.audit_dir,
            source: Source::Local {
                keys: Box::new(keys),
                log_id,
            },
        })
    }

    /// As [`Decryptor::open`], but falls back to headers only (saying so on stderr)
    /// when neither the server nor the key store can be had.
    pub fn open_or_headers(loc: &Location) -> Result<Decryptor, String> {
        match Decryptor::open(loc) {
            Ok(d) => Ok(d),
            Err(e) => {
                let r = resolve(loc)?;
                let verifier = ledgergate::audit::verify::read_verifier(&r.audit_dir)
                    .map_err(|_| e.clone())?;
                let log_id = verifier.log_id().ok_or("the public key names no log")?;
                eprintln!("ledgergate: {e}; showing record headers only");
                Ok(Decryptor {
                    dir: r.audit_dir,
                    source: Source::Headers { log_id },
                })
            }
        }
    }

    /// The line for one frame.
    pub fn line(&mut self, frame: &FrameRef<'_>) -> Result<Value, String> {
        match &mut self.source {
            Source::Local { keys, log_id } => Ok(frame_line(Some(keys), log_id, frame)),
            Source::Headers { log_id } => Ok(frame_line(None, log_id, frame)),
            Source::Server { api, page } => {
                let seq = frame.header.seq.0;
                if !page.contains_key(&seq) {
                    let path = format!("/admin/v1/audit/lines?from={seq}&limit={PAGE}");
                    let answer = api
                        .call(reqwest::Method::GET, &path, None)
                        .map_err(|Unreachable(reason)| reason)??;
                    page.clear();
                    for line in answer["lines"].as_array().into_iter().flatten() {
                        if let Some(s) = line["seq"].as_u64() {
                            page.insert(s, line.clone());
                        }
                    }
                }
                page.remove(&seq).ok_or_else(|| {
                    format!("the server's admin API returned no record with seq {seq}")
                })
            }
        }
    }
}

/// Reads a public key file to pin, for `verify` and `verify-bundle`.
pub(super) fn pinned(path: Option<&Path>) -> Result<Option<ledgergate::audit::Verifier>, String> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the public key file {}: {e}", path.display()))?;
    ledgergate::audit::Verifier::from_vkey(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}
