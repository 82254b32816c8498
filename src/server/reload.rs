//! Hot reload, on file change (notify) and on SIGHUP: the policy directory, and the
//! parts of the config file that can change under a running gateway (the pricing table
//! and tenants' limits; everything else takes effect at the next start). Each is
//! validated whole before it replaces the old; every attempt that changes something or
//! fails is audited: a success with the new version, a failure with the error (the old
//! set stays in force and keeps serving).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::Watcher;
use serde_json::{json, Map, Value};
use tokio::sync::mpsc;

use super::Gateway;
use crate::audit::record::{EventAction, Record, RecordKind};
use crate::config::Config;
use crate::providers::pricing::Pricing;

/// Changes arriving within this window are one reload (editors write in several steps).
const SETTLE: Duration = Duration::from_millis(250);

/// What a trigger asks to reload.
#[derive(Clone, Copy, Default)]
struct Wanted {
    policies: bool,
    config: bool,
}

impl Wanted {
    const BOTH: Wanted = Wanted {
        policies: true,
        config: true,
    };
    fn add(&mut self, other: Wanted) {
        self.policies |= other.policies;
        self.config |= other.config;
    }
}

/// Starts the watchers and the SIGHUP listener; the returned task ends them when aborted.
pub fn spawn(gw: Gateway) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (tx, mut rx) = mpsc::channel::<Wanted>(16);
        let policy_watcher = watch(
            gw.policies.dir(),
            None,
            Wanted {
                policies: true,
                config: false,
            },
            tx.clone(),
        );
        let config_watcher = gw.config_file.as_deref().and_then(|file| {
            let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
            watch(
                dir.unwrap_or(Path::new(".")),
                file.file_name().map(PathBuf::from),
                Wanted {
                    policies: false,
                    config: true,
                },
                tx.clone(),
            )
        });
        #[cfg(unix)]
        {
            let tx = tx.clone();
            tokio::spawn(async move {
                let Ok(mut hup) =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
                else {
                    return;
                };
                while hup.recv().await.is_some() {
                    if tx.send(Wanted::BOTH).await.is_err() {
                        return;
                    }
                }
            });
        }
        while let Some(first) = rx.recv().await {
            tokio::time::sleep(SETTLE).await;
            let mut wanted = first;
            while let Ok(more) = rx.try_recv() {
                wanted.add(more);
            }
            if wanted.policies {
                reload(&gw).await;
            }
            if wanted.config {
                reload_config(&gw).await;
            }
        }
        drop((policy_watcher, config_watcher));
    })
}

/// Watches `dir` (only events naming `file`, when given) and sends `wanted` on a change.
fn watch(
    dir: &Path,
    file: Option<PathBuf>,
    wanted: Wanted,
    tx: mpsc::Sender<Wanted>,
) -> Option<notify::RecommendedWatcher> {
    if !dir.is_dir() {
        return None;
    }
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let named = match &file {
            Some(name) => event.paths.iter().any(|p| p.file_name() == Some(name.as_os_str())),
            None => true,
        };
        if named && !event.kind.is_access() {
            let _ = tx.try_send(wanted);
        }
    })
    .map_err(|e| tracing::warn!(dir = %dir.display(), error = %e, "cannot watch for changes; SIGHUP still reloads"))
    .ok()?;
    if let Err(e) = watcher.watch(dir, notify::RecursiveMode::NonRecursive) {
        tracing::warn!(dir = %dir.display(), error = %e, "cannot watch for changes; SIGHUP still reloads");
        return None;
    }
    Some(watcher)
}

/// Reloads the policies once and audits the outcome.
pub async fn reload(gw: &Gateway) {
    let policies = gw.policies.clone();
    let result = tokio::task::spawn_blocking(move || policies.reload()).await;
    let mut detail = Map::new();
    match result {
        Ok(Ok(None)) => return,
        Ok(Ok(Some(set))) => {
            tracing::info!(version = %set.version, "policies reloaded");
            detail.insert("result".into(), json!("ok"));
            detail.insert("version".into(), json!(set.version));
            detail.insert(
                "policies".into(),
                Value::Array(set.policies.keys().map(|k| json!(k)).collect()),
            );
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "policy reload failed; the previous policies stay in force");
            detail.insert("result".into(), json!("failed"));
            detail.insert("error".into(), json!(e.to_string()));
            detail.insert(
                "version_in_force".into(),
                json!(gw.policies.current().version),
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "policy reload task failed");
            return;
        }
    }
    audit(gw, EventAction::PolicyReloaded, detail).await;
}

/// Re-reads the config file; a valid one puts its pricing table and tenant limits in
/// force (both at once). Unchanged pricing and limits change nothing and are not
/// audited; an invalid file keeps everything as it is and is audited as a failure.
pub async fn reload_config(gw: &Gateway) {
    let Some(path) = gw.config_file.clone() else {
        return;
    };
    let file = path.display().to_string();
    let read = tokio::task::spawn_blocking(move || {
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| format!("{} is not UTF-8", path.display()))?;
        let config =
            Config::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
        Ok::<_, String>((
            config,
            hex::encode(ring::digest::digest(&ring::digest::SHA256, &bytes)),
        ))
    })
    .await;
    let mut detail = Map::new();
    detail.insert("file".into(), json!(file));
    match read {
        Ok(Ok((config, sha256))) => {
            let pricing = Pricing::new(config.pricing.clone());
            let limits = super::tenant_limits(&config);
            let same_pricing = **gw.pricing.load() == pricing;
            let same_limits = gw.limits.tenants_are(&limits);
            if same_pricing && same_limits {
                tracing::info!(file, "config file re-read: pricing and tenant limits unchanged (other sections take effect at the next start)");
                return;
            }
            tracing::info!(
                file,
                sha256,
                "config reloaded: pricing table and tenant limits in force"
            );
            detail.insert("result".into(), json!("ok"));
            detail.insert("sha256".into(), json!(sha256));
            detail.insert("pricing_changed".into(), json!(!same_pricing));
            detail.insert("prices".into(), json!(pricing.len()));
            detail.insert("limits_changed".into(), json!(!same_limits));
            detail.insert("tenants_with_limits".into(), json!(limits.len()));
            // Audited before it takes effect: an auditor sees the new prices' version
            // before the first cost computed with them.
            if !audit(gw, EventAction::ConfigReloaded, detail).await {
                tracing::error!("the config reload could not be audited; the previous pricing and limits stay in force");
                return;
            }
            gw.pricing.store(Arc::new(pricing));
            gw.limits.set_tenants(limits);
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "config reload failed; the previous pricing and limits stay in force");
            detail.insert("result".into(), json!("failed"));
            detail.insert("error".into(), json!(e));
            audit(gw, EventAction::ConfigReloaded, detail).await;
        }
        Err(e) => tracing::error!(error = %e, "config reload task failed"),
    }
}

/// Appends an admin event; `false` when it could not be made durable.
async fn audit(gw: &Gateway, action: EventAction, detail: Map<String, Value>) -> bool {
    let record = Record::event(RecordKind::Admin, action, detail);
    match gw.audit.append(record).await {
        Ok(_) => true,
        Err(e) => {
            tracing::error!(error = %e, "audit append failed for a reload");
            false
        }
    }
}
