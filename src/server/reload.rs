//! Hot reload of the policy directory, on file change (notify) and on SIGHUP. Every
//! attempt is audited: a success with the new set's version, a failure with the error
//! (the old set stays in force and keeps serving).

use std::time::Duration;

use notify::Watcher;
use serde_json::{json, Map, Value};
use tokio::sync::mpsc;

use super::Gateway;
use crate::audit::record::{EventAction, Record, RecordKind};

/// Changes arriving within this window are one reload (editors write in several steps).
const SETTLE: Duration = Duration::from_millis(250);

/// Starts the watcher and the SIGHUP listener; the returned task ends both when aborted.
pub fn spawn(gw: Gateway) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (tx, mut rx) = mpsc::channel::<()>(16);
        let watcher = watch(gw.policies.dir(), tx.clone());
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
                    if tx.send(()).await.is_err() {
                        return;
                    }
                }
            });
        }
        while rx.recv().await.is_some() {
            tokio::time::sleep(SETTLE).await;
            while rx.try_recv().is_ok() {}
            reload(&gw).await;
        }
        drop(watcher);
    })
}

fn watch(dir: &std::path::Path, tx: mpsc::Sender<()>) -> Option<notify::RecommendedWatcher> {
    if !dir.is_dir() {
        return None;
    }
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.try_send(());
        }
    })
    .map_err(
        |e| tracing::warn!(error = %e, "cannot watch the policy directory; SIGHUP still reloads"),
    )
    .ok()?;
    if let Err(e) = watcher.watch(dir, notify::RecursiveMode::NonRecursive) {
        tracing::warn!(error = %e, "cannot watch the policy directory; SIGHUP still reloads");
        return None;
    }
    Some(watcher)
}

/// Reloads once and audits the outcome.
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
    let record = Record::event(RecordKind::Admin, EventAction::PolicyReloaded, detail);
    if let Err(e) = gw.audit.append(record).await {
        tracing::error!(error = %e, "audit append failed for a policy reload");
    }
}
