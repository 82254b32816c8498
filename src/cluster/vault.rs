//! The cluster's virtual keys in PostgreSQL (`ledgergate_virtual_keys`), behind the
//! vault's [`VirtualKeyRows`] seam: the vault seals and checks every record, this keeps
//! the sealed bytes. Every node mirrors the table in memory and follows it through
//! LISTEN/NOTIFY (a trigger names the id of every changed row), so a key created or
//! revoked on any node takes effect on every node as soon as the notification arrives,
//! well within a second, and the request path never waits on the database.
//!
//! Guarantees: fail closed. While this node's LISTEN connection is down (PostgreSQL
//! restarting, a network cut) it cannot know of a revocation, so every lookup of a
//! vaulted key fails (503) until it has reconnected, listened again and re-read the
//! whole table. The mirror is bounded: more than [`MAX_KEYS`] rows refuse to load.
//! Writes go to PostgreSQL first and to the mirror after they committed. Changes are
//! audited by the node whose admin API made them (the caller of the vault), never by
//! the nodes that only learn of them.
//!
//! Revocation is permanent: revoking records the key's digest in the append-only
//! `ledgergate_revoked_virtual_keys` in the statement that deletes the row, and a node
//! refuses every digest it has ever seen listed there, even if the database later
//! holds the row again (an old, validly sealed copy re-inserted by someone who can
//! write to PostgreSQL but lacks the master key) and even if the listing is gone: the
//! set a node has seen only grows while it runs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use tokio::runtime::Handle;

use super::follow;
use super::postgres::{describe, Pg};
use super::ClusterError;
use crate::vault::store::VirtualKeyRows;

/// The most rows a node mirrors; beyond it start-up (or a reload) is refused.
pub const MAX_KEYS: usize = 1_000_000;

const CHANNEL: &str = "ledgergate_virtual_keys";

const CHECK_NAME: &str = "virtual_keys_check";

#[derive(Default)]
struct Mirror {
    /// Sealed records by id, with their digest.
    by_id: BTreeMap<String, ([u8; 32], Vec<u8>)>,
    by_digest: HashMap<[u8; 32], String>,
    /// Digests of revoked keys: never served, never forgotten while the node runs.
    revoked: HashSet<[u8; 32]>,
}

impl Mirror {
    fn put(&mut self, id: String, digest: [u8; 32], record: Vec<u8>) {
        self.remove(&id);
        self.by_digest.insert(digest, id.clone());
        self.by_id.insert(id, (digest, record));
    }

    fn remove(&mut self, id: &str) {
        if let Some((digest, _)) = self.by_id.remove(id) {
            self.by_digest.remove(&digest);
        }
    }
}

/// The shared rows with this node's mirror of them.
pub struct PgVirtualKeys {
    pg: Arc<Pg>,
    node_id: String,
    runtime: Handle,
    mirror: RwLock<Mirror>,
    /// True while the LISTEN connection is up and the mirror follows the table.
    following: AtomicBool,
}

fn digest_of_row(row: &tokio_postgres::Row) -> Result<[u8; 32], String> {
    let bytes: Vec<u8> = row.get("digest");
    bytes.try_into().map_err(|_| {
        "a row of ledgergate_virtual_keys has a digest that is not 32 bytes".to_owned()
    })
}

/// The digests listed as revoked (all of them, or those of one id).
async fn revoked_digests(
    client: &tokio_postgres::Client,
    id: Option<&str>,
) -> Result<Vec<[u8; 32]>, ClusterError> {
    let rows = match id {
        None => {
            client
                .query("SELECT digest FROM ledgergate_revoked_virtual_keys", &[])
                .await?
        }
        Some(id) => {
            client
                .query(
                    "SELECT digest FROM ledgergate_revoked_virtual_keys WHERE id = $1",
                    &[&id],
                )
                .await?
        }
    };
    rows.iter()
        .map(|row| digest_of_row(row).map_err(ClusterError::Postgres))
        .collect()
}

impl PgVirtualKeys {
    /// Loads the table, starts following it, and returns once the mirror is complete.
    pub async fn start(pg: Arc<Pg>, node_id: &str) -> Result<Arc<PgVirtualKeys>, ClusterError> {
        let rows = Arc::new(PgVirtualKeys {
            pg,
            node_id: node_id.to_owned(),
            runtime: Handle::current(),
            mirror: RwLock::new(Mirror::default()),
            following: AtomicBool::new(false),
        });
        follow::start(rows.clone()).await?;
        Ok(rows)
    }

    /// Re-reads the whole table into the mirror.
    async fn reload_all(&self) -> Result<(), ClusterError> {
        let client = self.pg.client().await?;
        let rows = client
            .query(
                "SELECT id, digest, record FROM ledgergate_virtual_keys",
                &[],
            )
            .await?;
        if rows.len() > MAX_KEYS {
            return Err(ClusterError::Postgres(format!(
                "ledgergate_virtual_keys holds {} keys, more than the {MAX_KEYS} a node mirrors",
                rows.len()
            )));
        }
        let revoked = revoked_digests(&client, None).await?;
        let mut mirror = Mirror::default();
        for row in &rows {
            let digest = digest_of_row(row).map_err(ClusterError::Postgres)?;
            mirror.put(row.get("id"), digest, row.get("record"));
        }
        let mut current = self.mirror.write().unwrap_or_else(|e| e.into_inner());
        // What this node saw revoked stays revoked, listed or not.
        mirror.revoked = std::mem::take(&mut current.revoked);
        mirror.revoked.extend(revoked);
        *current = mirror;
        Ok(())
    }

    /// Re-reads one id after a notification.
    async fn refresh_id(&self, id: &str) -> Result<(), ClusterError> {
        let client = self.pg.client().await?;
        let row = client
            .query_opt(
                "SELECT id, digest, record FROM ledgergate_virtual_keys WHERE id = $1",
                &[&id],
            )
            .await?;
        let revoked = revoked_digests(&client, Some(id)).await?;
        let mut mirror = self.mirror.write().unwrap_or_else(|e| e.into_inner());
        mirror.revoked.extend(revoked);
        match row {
            Some(row) => {
                let digest = digest_of_row(&row).map_err(ClusterError::Postgres)?;
                mirror.put(row.get("id"), digest, row.get("record"));
            }
            None => mirror.remove(id),
        }
        Ok(())
    }

    fn block_on<T>(
        &self,
        f: impl std::future::Future<Output = Result<T, ClusterError>>,
    ) -> Result<T, String> {
        // Writes are called from blocking threads (the admin API's spawn_blocking).
        self.runtime.block_on(f).map_err(|e| e.to_string())
    }
}

impl follow::Followed for PgVirtualKeys {
    const CHANNEL: &'static str = CHANNEL;
    const WHAT: &'static str = "virtual keys";
    fn pg(&self) -> &Pg {
        &self.pg
    }
    fn following(&self) -> &AtomicBool {
        &self.following
    }
    async fn reload(&self) -> Result<(), ClusterError> {
        self.reload_all().await
    }
    async fn refresh(&self, key: &str) -> Result<(), ClusterError> {
        self.refresh_id(key).await
    }
}

impl VirtualKeyRows for PgVirtualKeys {
    fn agree_check(&self, check: &[u8]) -> Result<bool, String> {
        self.block_on(async {
            let client = self.pg.client().await?;
            client
                .execute(
                    "INSERT INTO ledgergate_vault_meta (name, value) VALUES ($1, $2)
                     ON CONFLICT (name) DO NOTHING",
                    &[&CHECK_NAME, &check],
                )
                .await?;
            let stored: Vec<u8> = client
                .query_one(
                    "SELECT value FROM ledgergate_vault_meta WHERE name = $1",
                    &[&CHECK_NAME],
                )
                .await?
                .get(0);
            Ok(stored == check)
        })
    }

    fn insert(&self, id: &str, digest: &[u8; 32], record: &[u8]) -> Result<bool, String> {
        let inserted = self.block_on(async {
            let client = self.pg.client().await?;
            let n = client
                .execute(
                    "INSERT INTO ledgergate_virtual_keys (id, digest, record, created_by)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                    &[&id, &digest.as_slice(), &record, &self.node_id],
                )
                .await
                .map_err(|e| ClusterError::Postgres(describe(&e)))?;
            Ok(n == 1)
        })?;
        if inserted {
            self.mirror.write().unwrap_or_else(|e| e.into_inner()).put(
                id.to_owned(),
                *digest,
                record.to_vec(),
            );
        }
        Ok(inserted)
    }

    fn by_digest(&self, digest: &[u8; 32]) -> Result<Option<(String, Vec<u8>)>, String> {
        if !self.following.load(Ordering::SeqCst) {
            return Err("this node has lost PostgreSQL's change feed of virtual keys, so it cannot know of revocations; it is reconnecting".into());
        }
        let mirror = self.mirror.read().unwrap_or_else(|e| e.into_inner());
        if mirror.revoked.contains(digest) {
            return Ok(None);
        }
        Ok(mirror.by_digest.get(digest).and_then(|id| {
            mirror
                .by_id
                .get(id)
                .map(|(_, record)| (id.clone(), record.clone()))
        }))
    }

    fn all(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        // Listing reads the table itself: an administrator sees what is stored.
        self.block_on(async {
            let client = self.pg.client().await?;
            let rows = client
                .query(
                    "SELECT id, record FROM ledgergate_virtual_keys ORDER BY id",
                    &[],
                )
                .await?;
            Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    }

    fn remove(&self, id: &str) -> Result<Option<Vec<u8>>, String> {
        let removed = self.block_on(async {
            let client = self.pg.client().await?;
            // One statement: the row goes and its digest is listed as revoked, or
            // neither happens.
            let row = client
                .query_opt(
                    "WITH gone AS (
                         DELETE FROM ledgergate_virtual_keys WHERE id = $1 RETURNING digest, record
                     ), listed AS (
                         INSERT INTO ledgergate_revoked_virtual_keys (digest, id, revoked_by)
                         SELECT digest, $1, $2 FROM gone ON CONFLICT (digest) DO NOTHING
                     )
                     SELECT digest, record FROM gone",
                    &[&id, &self.node_id],
                )
                .await?;
            row.map(|r| {
                let digest = digest_of_row(&r).map_err(ClusterError::Postgres)?;
                Ok((digest, r.get::<_, Vec<u8>>("record")))
            })
            .transpose()
        })?;
        let mut mirror = self.mirror.write().unwrap_or_else(|e| e.into_inner());
        mirror.remove(id);
        if let Some((digest, _)) = &removed {
            mirror.revoked.insert(*digest);
        }
        Ok(removed.map(|(_, record)| record))
    }
}
