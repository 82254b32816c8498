//! Enforcement of each tenant's `[audit] retention_days`: at start (before the gateway
//! listens) and daily, every month of a tenant's audit records that lies entirely past
//! its retention is crypto-shredded (its data keys destroyed, one audited erasure
//! record a month; see `AuditLog::enforce_retention`). Decides only when and for whom;
//! the audit log does the shredding.

use std::time::Duration;

use super::Gateway;
use crate::audit::{AuditError, AuditLog};
use crate::policy::PolicySet;

/// How often retention is enforced while the gateway runs.
const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Shreds, for every tenant whose policy sets `retention_days`, the months past it.
/// Returns how many months were shredded in all.
pub async fn enforce(
    audit: &AuditLog,
    policies: &PolicySet,
    tenants: &[String],
) -> Result<usize, AuditError> {
    let now = time::OffsetDateTime::now_utc();
    let mut shredded = 0;
    for tenant in tenants {
        let Some(days) = policies.for_tenant(tenant).and_then(|p| p.retention_days) else {
            continue;
        };
        let months = audit.enforce_retention(tenant, days, now).await?;
        if !months.is_empty() {
            tracing::info!(%tenant, months = ?months, "audit retention: shredded the data keys of months past retention");
        }
        shredded += months.len();
    }
    Ok(shredded)
}

/// Enforces retention every day (the first run at start is the caller's, awaited).
pub fn spawn_daily(gw: Gateway, tenants: Vec<String>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = enforce(&gw.audit, &gw.policies.current(), &tenants).await {
                tracing::error!(error = %e, "audit retention could not be enforced");
            }
        }
    })
}
