//! The schema ledgergate owns in PostgreSQL, as numbered migrations kept in the repo
//! (`src/cluster/migrations/NNNN_name.sql`) and applied in order, each in the same
//! transaction as the row that records it. Nodes starting together serialise on an
//! advisory lock, so a migration runs once. A database already at a version newer than
//! this binary knows is refused: an old binary must not write a schema it cannot read.

use tokio_postgres::Client;

use super::postgres::describe;
use super::ClusterError;

/// Every migration, in order; the version is the position, from 1.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_cluster", include_str!("migrations/0001_cluster.sql")),
    (
        "0002_erasures",
        include_str!("migrations/0002_erasures.sql"),
    ),
    (
        "0003_provider_keys",
        include_str!("migrations/0003_provider_keys.sql"),
    ),
    (
        "0004_revoked_virtual_keys",
        include_str!("migrations/0004_revoked_virtual_keys.sql"),
    ),
];

/// The schema version this binary reads and writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Serialises migrations across nodes (an arbitrary constant, ours alone).
const MIGRATION_LOCK: i64 = 0x6c67_6d69_6772_0001;

/// Brings the schema to [`SCHEMA_VERSION`]; returns the version found before.
pub async fn migrate(client: &mut Client) -> Result<i32, ClusterError> {
    let failed = |version: i32| {
        move |e: tokio_postgres::Error| ClusterError::Migration {
            version,
            reason: describe(&e),
        }
    };
    let tx = client.transaction().await.map_err(failed(0))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(failed(0))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS ledgergate_schema_migrations (
             version integer PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await
    .map_err(failed(0))?;
    let found: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM ledgergate_schema_migrations",
            &[],
        )
        .await
        .map_err(failed(0))?
        .get(0);
    if found > SCHEMA_VERSION {
        return Err(ClusterError::SchemaNewer {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i32 + 1;
        tx.batch_execute(sql).await.map_err(failed(version))?;
        tx.execute(
            "INSERT INTO ledgergate_schema_migrations (version, name) VALUES ($1, $2)",
            &[&version, name],
        )
        .await
        .map_err(failed(version))?;
        tracing::info!(version, name, "cluster: schema migrated");
    }
    tx.commit().await.map_err(failed(SCHEMA_VERSION))?;
    Ok(found)
}
