//! The cluster's provider keys in PostgreSQL (`ledgergate_provider_keys`), behind the
//! vault's [`ProviderKeyRows`] seam: the vault tags every record and wraps every data
//! key under keys derived from the master key, this keeps the bytes. Every node
//! mirrors the table and follows it ([`super::follow`]), so a key set, rotated or
//! removed through any node's admin API serves on every node as soon as the
//! notification arrives, and the request path never waits on the database.
//!
//! Guarantees: fail closed, as the virtual keys: while the change feed is down a
//! lookup fails (the provider call is refused) rather than use a removed or rotated
//! key. Writes go to PostgreSQL first and to the mirror after they committed. The
//! change is audited by the node whose admin API made it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use tokio::runtime::Handle;

use super::follow;
use super::postgres::Pg;
use super::ClusterError;
use crate::vault::store::{ProviderKeyRow, ProviderKeyRows};

/// Provider names and their (record, wrapped data key).
type Mirror = BTreeMap<String, ProviderKeyRow>;

/// The shared rows with this node's mirror of them.
pub struct PgProviderKeys {
    pg: Arc<Pg>,
    node_id: String,
    runtime: Handle,
    mirror: RwLock<Mirror>,
    following: AtomicBool,
}

impl PgProviderKeys {
    /// Loads the table, starts following it, and returns once the mirror is complete.
    pub async fn start(pg: Arc<Pg>, node_id: &str) -> Result<Arc<PgProviderKeys>, ClusterError> {
        let rows = Arc::new(PgProviderKeys {
            pg,
            node_id: node_id.to_owned(),
            runtime: Handle::current(),
            mirror: RwLock::new(Mirror::new()),
            following: AtomicBool::new(false),
        });
        follow::start(rows.clone()).await?;
        Ok(rows)
    }

    fn block_on<T>(
        &self,
        f: impl std::future::Future<Output = Result<T, ClusterError>>,
    ) -> Result<T, String> {
        // Writes are called from blocking threads (the admin API's spawn_blocking).
        self.runtime.block_on(f).map_err(|e| e.to_string())
    }

    fn mirror(&self) -> std::sync::RwLockWriteGuard<'_, Mirror> {
        self.mirror.write().unwrap_or_else(|e| e.into_inner())
    }
}

impl follow::Followed for PgProviderKeys {
    const CHANNEL: &'static str = "ledgergate_provider_keys";
    const WHAT: &'static str = "provider keys";
    fn pg(&self) -> &Pg {
        &self.pg
    }
    fn following(&self) -> &AtomicBool {
        &self.following
    }
    async fn reload(&self) -> Result<(), ClusterError> {
        let rows = self
            .pg
            .client()
            .await?
            .query(
                "SELECT provider, record, wrapped FROM ledgergate_provider_keys",
                &[],
            )
            .await?;
        *self.mirror() = rows
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2))))
            .collect();
        Ok(())
    }
    async fn refresh(&self, provider: &str) -> Result<(), ClusterError> {
        let row = self
            .pg
            .client()
            .await?
            .query_opt(
                "SELECT record, wrapped FROM ledgergate_provider_keys WHERE provider = $1",
                &[&provider],
            )
            .await?;
        let mut mirror = self.mirror();
        match row {
            Some(r) => mirror.insert(provider.to_owned(), (r.get(0), r.get(1))),
            None => mirror.remove(provider),
        };
        Ok(())
    }
}

impl ProviderKeyRows for PgProviderKeys {
    fn put(&self, provider: &str, record: &[u8], wrapped: &[u8]) -> Result<(), String> {
        self.block_on(async {
            self.pg
                .client()
                .await?
                .execute(
                    "INSERT INTO ledgergate_provider_keys (provider, record, wrapped, updated_by)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (provider) DO UPDATE
                     SET record = $2, wrapped = $3, updated_by = $4, updated_at = now()",
                    &[&provider, &record, &wrapped, &self.node_id],
                )
                .await?;
            Ok(())
        })?;
        self.mirror()
            .insert(provider.to_owned(), (record.to_vec(), wrapped.to_vec()));
        Ok(())
    }

    fn get(&self, provider: &str) -> Result<Option<ProviderKeyRow>, String> {
        if !self.following.load(Ordering::SeqCst) {
            return Err("this node has lost PostgreSQL's change feed of provider keys, so it cannot know of a rotation or removal; it is reconnecting".into());
        }
        let mirror = self.mirror.read().unwrap_or_else(|e| e.into_inner());
        Ok(mirror.get(provider).cloned())
    }

    fn remove(&self, provider: &str) -> Result<bool, String> {
        let removed = self.block_on(async {
            let n = self
                .pg
                .client()
                .await?
                .execute(
                    "DELETE FROM ledgergate_provider_keys WHERE provider = $1",
                    &[&provider],
                )
                .await?;
            Ok(n == 1)
        })?;
        self.mirror().remove(provider);
        Ok(removed)
    }

    fn all(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        // Listing reads the table itself: an administrator sees what is stored.
        self.block_on(async {
            let rows = self
                .pg
                .client()
                .await?
                .query(
                    "SELECT provider, record FROM ledgergate_provider_keys ORDER BY provider",
                    &[],
                )
                .await?;
            Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    }
}
