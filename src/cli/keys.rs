//! `ledgergate keys add|list|revoke|rotate`: virtual keys and provider keys through the
//! admin API of the running server (sled allows one process per database, so this
//! command never opens the server's vault while it runs). Provider key values are read
//! from standard input, never from the command line, where `ps` and shell history would
//! see them. When no server answers, the command opens the vault itself (see
//! `offline`); sled's lock refuses that while a server holds it. `rotate --master` is
//! always offline: run it while the server is stopped; it re-wraps the audit log's keys
//! and the vault's under the new master key.

mod offline;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use zeroize::Zeroizing;

use ledgergate::audit::keys::KeyError as AuditKeyError;
use ledgergate::audit::{AuditError, AuditLog, AuditOptions, EventAction, Record, RecordKind};
use ledgergate::config::Config;
use ledgergate::vault::master_key::MasterKey;
use ledgergate::vault::store::Vault;

use super::admin_api::{AdminApi, Unreachable};
use super::fail;

/// The variable `keys rotate --master` reads the new master key from.
const NEW_MASTER_ENV: &str = "LEDGERGATE_NEW_MASTER_KEY";

#[derive(Args)]
pub struct KeysArgs {
    /// The gateway's config file (admin.listen, admin.token_env, data dir, master key).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// The admin API's base URL (default: http:// + the config's admin.listen).
    #[arg(long, value_name = "URL", global = true)]
    admin_url: Option<String>,
    /// The data directory, overriding data.dir (for `rotate --master`).
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a virtual key (its secret is printed once), or store a provider key
    /// (`--provider NAME`, value on stdin).
    Add {
        #[arg(long, conflicts_with_all = ["tenant", "id", "models", "expires", "rate_limit", "budget", "tpm", "budget_daily"], required_unless_present = "tenant")]
        provider: Option<String>,
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long)]
        id: Option<String>,
        /// Allowed models, comma-separated (default: every model).
        #[arg(long, value_delimiter = ',')]
        models: Vec<String>,
        /// Expiry, RFC 3339 (for example 2026-12-31T00:00:00Z).
        #[arg(long)]
        expires: Option<String>,
        /// Requests per minute.
        #[arg(long)]
        rate_limit: Option<u32>,
        /// Monthly budget (UTC calendar month) in US dollars.
        #[arg(long)]
        budget: Option<f64>,
        /// Tokens per minute.
        #[arg(long)]
        tpm: Option<u64>,
        /// Daily budget (UTC calendar day) in US dollars.
        #[arg(long)]
        budget_daily: Option<f64>,
    },
    /// List virtual keys and provider keys (never a secret).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a virtual key (`--id`) or remove a provider key (`--provider`).
    Revoke {
        #[arg(
            long,
            required_unless_present = "provider",
            conflicts_with = "provider"
        )]
        id: Option<String>,
        #[arg(long)]
        provider: Option<String>,
    },
    /// Rotate a provider key (`--provider NAME`, new value on stdin), or re-wrap the
    /// audit log's keys and the key vault under a new master key (`--master`, from
    /// LEDGERGATE_NEW_MASTER_KEY; run it while the server is stopped).
    Rotate {
        #[arg(long, required_unless_present = "master", conflicts_with = "master")]
        provider: Option<String>,
        #[arg(long)]
        master: bool,
        /// Re-wrap the key vault alone; the audit log's keys stay under the old master
        /// key (the server then cannot start until they follow).
        #[arg(long, requires = "master")]
        vault_only: bool,
    },
}

pub fn run(args: KeysArgs) -> ExitCode {
    match execute(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

fn execute(args: KeysArgs) -> Result<(), String> {
    let config = match &args.config {
        Some(path) => Some(Config::load(path).map_err(|e| e.to_string())?),
        None => None,
    };
    if let KeysCommand::Rotate {
        master: true,
        vault_only,
        ..
    } = args.command
    {
        return rotate_master(&args, config.as_ref(), vault_only);
    }
    let admin = AdminClient::new(&args, config.as_ref())?;
    let result = match args.command {
        KeysCommand::Add {
            provider: Some(provider),
            ..
        } => put_provider_key(&admin, &provider, "stored"),
        KeysCommand::Add {
            provider: None,
            tenant,
            id,
            models,
            expires,
            rate_limit,
            budget,
            tpm,
            budget_daily,
        } => {
            let mut body = json!({"tenant": tenant, "models": models});
            let fields = [
                ("id", id.map(Value::from)),
                ("expires_at", expires.map(Value::from)),
                ("rate_limit_rpm", rate_limit.map(Value::from)),
                ("budget_usd", budget.map(Value::from)),
                ("rate_limit_tpm", tpm.map(Value::from)),
                ("budget_daily_usd", budget_daily.map(Value::from)),
            ];
            for (name, value) in fields {
                if let Some(value) = value {
                    body[name] = value;
                }
            }
            let created =
                admin.call(reqwest::Method::POST, "/admin/v1/virtual-keys", Some(body))?;
            let field = |name: &str| created[name].as_str().unwrap_or("?").to_owned();
            println!(
                "Created virtual key \"{}\" for tenant \"{}\". Its secret is shown only this once:",
                field("id"),
                field("tenant")
            );
            println!("{}", field("key"));
            Ok(())
        }
        KeysCommand::List { json } => list(&admin, json),
        KeysCommand::Revoke { id: Some(id), .. } => {
            admin.call(
                reqwest::Method::DELETE,
                &format!("/admin/v1/virtual-keys/{id}"),
                None,
            )?;
            println!("Revoked virtual key \"{id}\".");
            Ok(())
        }
        KeysCommand::Revoke {
            provider: Some(provider),
            ..
        } => {
            admin.call(
                reqwest::Method::DELETE,
                &format!("/admin/v1/provider-keys/{provider}"),
                None,
            )?;
            println!("Removed the key of provider \"{provider}\".");
            Ok(())
        }
        KeysCommand::Rotate {
            provider: Some(provider),
            ..
        } => put_provider_key(&admin, &provider, "rotated"),
        KeysCommand::Revoke { .. } | KeysCommand::Rotate { .. } => {
            Err("name what to act on: --id, --provider or --master".into())
        }
    };
    let finished = admin.finish();
    result?;
    finished
}

fn put_provider_key(admin: &AdminClient, provider: &str, verb: &str) -> Result<(), String> {
    let mut value = Zeroizing::new(String::new());
    std::io::stdin()
        .read_to_string(&mut value)
        .map_err(|e| format!("cannot read the provider key from standard input: {e}"))?;
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(format!(
            "no key on standard input: pipe the key of provider \"{provider}\" in, for example `ledgergate keys add --provider {provider} < key.txt`"
        ));
    }
    let info = admin.call(
        reqwest::Method::PUT,
        &format!("/admin/v1/provider-keys/{provider}"),
        Some(json!({ "key": trimmed })),
    )?;
    println!(
        "{} the key of provider \"{provider}\" (version {}).",
        if verb == "rotated" {
            "Rotated"
        } else {
            "Stored"
        },
        info["version"]
    );
    Ok(())
}

fn list(admin: &AdminClient, as_json: bool) -> Result<(), String> {
    let virtual_keys = admin.call(reqwest::Method::GET, "/admin/v1/virtual-keys", None)?;
    let provider_keys = admin.call(reqwest::Method::GET, "/admin/v1/provider-keys", None)?;
    if as_json {
        let both =
            json!({"virtual_keys": virtual_keys["data"], "provider_keys": provider_keys["data"]});
        println!("{both}");
        return Ok(());
    }
    println!("virtual keys (id, tenant, models, expires):");
    for key in virtual_keys["data"].as_array().into_iter().flatten() {
        let models = key["models"]
            .as_array()
            .map(|m| {
                m.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "*".into());
        println!(
            "  {}\t{}\t{}\t{}",
            key["id"].as_str().unwrap_or("?"),
            key["tenant"].as_str().unwrap_or("?"),
            models,
            key["expires_at"].as_str().unwrap_or("never")
        );
    }
    println!("provider keys (provider, version, updated):");
    for key in provider_keys["data"].as_array().into_iter().flatten() {
        println!(
            "  {}\t{}\t{}",
            key["provider"].as_str().unwrap_or("?"),
            key["version"],
            key["updated_at"].as_str().unwrap_or("?")
        );
    }
    Ok(())
}

/// The admin API of the running server, or the vault itself when no server answers.
struct AdminClient {
    online: Option<AdminApi>,
    /// What offline mode needs: the config (tenants, providers, master key source) and
    /// the data directory. `None` without `--config`.
    offline_target: Option<(Config, PathBuf)>,
    offline: std::cell::RefCell<Option<offline::Offline>>,
    /// The admin token variable, when it was needed but not set.
    missing_token: Option<String>,
}

impl AdminClient {
    fn new(args: &KeysArgs, config: Option<&Config>) -> Result<AdminClient, String> {
        let located = AdminApi::locate(args.admin_url.as_deref(), config)?;
        // A cluster node's virtual keys are in PostgreSQL, not in its own vault: a key
        // written offline would exist on this host only, so a cluster has no offline mode.
        let offline_target = config.filter(|c| c.cluster.is_none()).map(|c| {
            let dir = args.data_dir.clone().unwrap_or_else(|| c.data.dir.clone());
            (c.clone(), dir)
        });
        if offline_target.is_none() && located.api.is_none() {
            return Err(match &located.missing_token {
                Some(var) => format!("the environment variable {var} (the admin token) is not set"),
                None => "no admin API address: pass --admin-url URL, or --config FILE (its [admin] section, or its data dir when the server is stopped)".into(),
            });
        }
        Ok(AdminClient {
            online: located.api,
            offline_target,
            offline: std::cell::RefCell::new(None),
            missing_token: located.missing_token,
        })
    }

    /// One admin action: through the admin API, or offline when no server answers.
    fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        if let Some(online) = &self.online {
            match online.call(method.clone(), path, body.as_ref()) {
                Err(Unreachable(reason)) if self.offline_target.is_some() => {
                    note_offline(&reason);
                }
                Err(Unreachable(reason)) => return Err(reason),
                Ok(answer) => return answer,
            }
        }
        let mut slot = self.offline.borrow_mut();
        if slot.is_none() {
            let Some((config, dir)) = &self.offline_target else {
                return Err("no admin API and no --config to work offline with".into());
            };
            let master =
                MasterKey::from_source(&config.data.master_key).map_err(|e| e.to_string())?;
            let opened = offline::Offline::open(config, dir, &master).map_err(|e| {
                match &self.missing_token {
                    Some(var) => format!("{e}; to go through the running server's admin API, set {var} (the admin token)"),
                    None => e,
                }
            })?;
            *slot = Some(opened);
        }
        match slot.as_ref() {
            Some(store) => store.call(&method, path, body),
            None => Err("the key vault could not be opened".into()),
        }
    }

    /// Closes the offline audit log, if one was opened.
    fn finish(self) -> Result<(), String> {
        match self.offline.into_inner() {
            Some(store) => store.close(),
            None => Ok(()),
        }
    }
}

/// Says on stderr that the command works offline: it is not an error.
fn note_offline(reason: &str) {
    eprintln!("ledgergate: {reason}; no server answers, so the vault is opened directly");
}

/// Re-wraps, offline, everything the master key wraps: the audit log's signing key,
/// pseudonym key and data keys, then the key vault's data keys and pseudonym root.
/// Nothing is re-encrypted. Each store is checked against the current key before
/// anything changes; a store already under the new key (a rotation interrupted between
/// the two stores) is left as it is, so running the command again finishes the job.
/// `vault_only` re-wraps the key vault alone (the audit log stays under the old key).
fn rotate_master(args: &KeysArgs, config: Option<&Config>, vault_only: bool) -> Result<(), String> {
    if let Some(cluster) = config.and_then(|c| c.cluster.as_ref()) {
        // The shared rows in PostgreSQL (virtual and provider keys, erasures) are
        // sealed under the master key too; re-wrapping this node's stores alone would
        // leave it unable to rejoin (its key would no longer open the shared rows).
        return Err(format!(
            "keys rotate --master re-wraps one node's vault and audit log, not the rows cluster node \"{}\" shares in PostgreSQL, so the node could not rejoin its cluster with the new key; a cluster's master key cannot be rotated in place (see SECURITY.md, Cluster)",
            cluster.node_id
        ));
    }
    let data_dir = args
        .data_dir
        .clone()
        .or_else(|| config.map(|c| c.data.dir.clone()))
        .unwrap_or_else(|| PathBuf::from("./ledgergate-data"));
    let source = config
        .map(|c| c.data.master_key.clone())
        .unwrap_or_default();
    let old = MasterKey::from_source(&source).map_err(|e| e.to_string())?;
    let new = MasterKey::from_env(NEW_MASTER_ENV).map_err(|e| e.to_string())?;
    if old.expose() == new.expose() {
        return Err(format!(
            "{NEW_MASTER_ENV} holds the current master key; give a new one"
        ));
    }
    let path = data_dir.join("vault");
    if !path.exists() {
        return Err(format!("there is no key vault at {}", path.display()));
    }
    let (vault, vault_done) = Vault::open_rotating(&path, &old, &new).map_err(|e| e.to_string())?;
    // The audit log is opened before anything changes, so a log that cannot record
    // the re-wrap stops it.
    let audit_dir = data_dir.join("audit");
    let audit = if audit_dir.join("segments").exists() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let options = AuditOptions::new(&audit_dir);
        let opened = match AuditLog::open(options.clone(), &old) {
            Ok((log, _)) => Ok((log, false)),
            Err(AuditError::Keys(AuditKeyError::WrongMasterKey { .. })) => {
                AuditLog::open(options, &new).map(|(log, _)| (log, true))
            }
            Err(e) => Err(e),
        };
        let (log, audit_done) = opened.map_err(|e| {
            format!(
                "cannot open the audit log {} with the current or the new master key; nothing was changed: {e}",
                audit_dir.display()
            )
        })?;
        Some((runtime, log, audit_done))
    } else {
        None
    };
    let mut done = Vec::new();
    let mut result = Ok(());
    if let Some((runtime, log, false)) = &audit {
        if !vault_only {
            match runtime.block_on(log.rewrap_master(&new)) {
                Ok(n) => done.push(format!(
                    "{n} data key(s), the signing key and the pseudonym key of the audit log {}",
                    audit_dir.display()
                )),
                Err(e) => {
                    result = Err(format!(
                        "re-wrapping the audit log's keys failed; nothing was changed: {e}"
                    ))
                }
            }
        }
    }
    if result.is_ok() && !vault_done {
        match vault.rotate_master(&new) {
            Ok(count) => {
                done.push(format!(
                    "{count} data key(s) of the key vault {}",
                    path.display()
                ));
                if let Some((runtime, log, _)) = &audit {
                    let mut detail = serde_json::Map::new();
                    detail.insert("kind".into(), json!("key_vault_master_rewrap"));
                    detail.insert("data_keys".into(), json!(count));
                    let record =
                        Record::event(RecordKind::Admin, EventAction::DataKeysRotated, detail);
                    if let Err(e) = runtime.block_on(log.append(record)) {
                        result = Err(format!(
                            "the vault was re-wrapped, but the audit log could not record it: {e}"
                        ));
                    }
                }
            }
            Err(e) => {
                result = Err(if done.is_empty() {
                    format!("re-wrapping the key vault failed; nothing was changed: {e}")
                } else {
                    format!("the audit log's keys are under the new master key but re-wrapping the key vault failed ({e}); run the same command again to finish")
                })
            }
        }
    }
    if let Some((runtime, log, _)) = audit {
        let closed = runtime.block_on(log.close());
        if result.is_ok() {
            result = closed.map_err(|e| format!("closing the audit log failed: {e}"));
        }
    }
    result?;
    if done.is_empty() {
        println!("Nothing to re-wrap: everything is already under the new master key; start the server with it.");
    } else {
        println!(
            "Re-wrapped {} under the new master key; start the server with the new key.",
            done.join(", and ")
        );
    }
    Ok(())
}
