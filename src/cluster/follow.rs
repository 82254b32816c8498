//! Following a shared table: a node mirrors a table in memory and LISTENs on the
//! channel its trigger notifies (the payload names the changed row), so changes made
//! by any node reach every node as soon as the notification arrives and the request
//! path never waits on the database. Used by the virtual keys and the provider keys.
//!
//! Guarantees: fail closed. While the LISTEN connection is down a change could be
//! missed, so [`Followed::following`] is false (the table's reader refuses lookups)
//! until the node has listened again and re-read the whole table.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use super::postgres::Pg;
use super::ClusterError;

/// A mirrored table.
pub trait Followed: Send + Sync + 'static {
    /// The channel its trigger notifies.
    const CHANNEL: &'static str;
    /// What the table is, for the log.
    const WHAT: &'static str;
    fn pg(&self) -> &Pg;
    /// True while the mirror follows the table.
    fn following(&self) -> &AtomicBool;
    /// Re-reads the whole table into the mirror.
    fn reload(&self) -> impl Future<Output = Result<(), ClusterError>> + Send;
    /// Re-reads the row a notification named.
    fn refresh(&self, key: &str) -> impl Future<Output = Result<(), ClusterError>> + Send;
}

type Listener = (
    tokio_postgres::Client,
    mpsc::Receiver<tokio_postgres::Notification>,
);

/// A new LISTEN connection (the client must be kept while it is used); its receiver
/// closes when the connection ends.
async fn listen<T: Followed>(table: &T) -> Result<Listener, ClusterError> {
    let (tx, rx) = mpsc::channel(1024);
    let client = table.pg().target().connect_with(Some(tx)).await?;
    client
        .batch_execute(&format!("LISTEN {}", T::CHANNEL))
        .await?;
    Ok((client, rx))
}

/// Listens, loads the table, and follows it from then on; returns once the mirror is
/// complete.
pub async fn start<T: Followed>(table: Arc<T>) -> Result<(), ClusterError> {
    let listener = listen(table.as_ref()).await?;
    table.reload().await?;
    table.following().store(true, Ordering::SeqCst);
    tokio::spawn(follow(table, listener));
    Ok(())
}

/// Applies notifications; when the connection ends, stops following until it has
/// listened again and re-read the table.
async fn follow<T: Followed>(table: Arc<T>, listener: Listener) {
    let (mut _client, mut notifications) = listener;
    loop {
        while let Some(n) = notifications.recv().await {
            if let Err(e) = table.refresh(n.payload()).await {
                // A change this node cannot read: stop trusting the mirror.
                tracing::error!(error = %e, table = T::WHAT, "cluster: a change could not be read; lookups are refused until the table is re-read");
                break;
            }
        }
        table.following().store(false, Ordering::SeqCst);
        tracing::warn!(
            table = T::WHAT,
            "cluster: lost the change feed; lookups are refused until it is back"
        );
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let Ok((client, rx)) = listen(table.as_ref()).await else {
                continue;
            };
            if table.reload().await.is_ok() {
                (_client, notifications) = (client, rx);
                break;
            }
        }
        table.following().store(true, Ordering::SeqCst);
        tracing::info!(
            table = T::WHAT,
            "cluster: change feed back; the mirror was re-read"
        );
    }
}
