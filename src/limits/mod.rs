//! Budgets and rate limits per virtual key and per tenant: requests per minute, tokens
//! per minute, money per UTC day and per UTC month. Knows no HTTP: the edge asks
//! [`Limiter::admit`] before a request is admitted and tells [`Limiter::charge`] what an
//! answer used. State lives behind the [`LimitStore`] trait; [`MemoryStore`] keeps it in
//! memory on one node, and a shared store (Redis, a database) can implement the same
//! trait later. Guarantees: a refusal names the key or tenant, the limit and the
//! seconds until it frees; an admission that is refused takes nothing from any
//! allowance. Does not guarantee that a budget is never overshot: the answers in flight
//! when it is reached are still charged (costs are known only after an answer).

mod memory;
pub mod seed;

use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};
use std::sync::Arc;

use arc_swap::ArcSwap;
use futures::future::BoxFuture;

use time::OffsetDateTime;

pub use memory::MemoryStore;
pub(crate) use memory::{ceil_secs, until_next_day, until_next_month};
pub use seed::Spend;

/// The limits of one virtual key or one tenant; `None` means no limit of that kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    pub rpm: Option<NonZeroU32>,
    pub tpm: Option<NonZeroU64>,
    /// Millionths of `currency` a UTC calendar day may cost.
    pub budget_daily: Option<u64>,
    /// Millionths of `currency` a UTC calendar month may cost.
    pub budget_monthly: Option<u64>,
    /// The currency of the budgets (the pricing table's, e.g. "USD").
    pub currency: String,
}

impl Limits {
    pub fn is_unlimited(&self) -> bool {
        self.rpm.is_none()
            && self.tpm.is_none()
            && self.budget_daily.is_none()
            && self.budget_monthly.is_none()
    }
}

/// Whose allowance a limit is: a key (ids are unique within a tenant) or a tenant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Key { tenant: String, key: String },
    Tenant(String),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Key { key, .. } => write!(f, "Virtual key \"{key}\""),
            Subject::Tenant(t) => write!(f, "Tenant \"{t}\""),
        }
    }
}

/// Which limit refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    RequestsPerMinute,
    TokensPerMinute,
    DailyBudget,
    MonthlyBudget,
}

/// A request refused by a limit, with the whole seconds after which it may succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct Refusal {
    pub subject: Subject,
    pub kind: LimitKind,
    /// The allowance: requests, tokens, or millionths of `currency`.
    pub limit: u64,
    pub currency: String,
    /// At least 1.
    pub retry_after_secs: u64,
}

impl Refusal {
    /// OpenAI's error code: rate limits are retried soon, an exhausted budget is a quota.
    pub fn code(&self) -> &'static str {
        match self.kind {
            LimitKind::RequestsPerMinute | LimitKind::TokensPerMinute => "rate_limit_exceeded",
            LimitKind::DailyBudget | LimitKind::MonthlyBudget => "insufficient_quota",
        }
    }

    /// One sentence naming who, which limit, and when to retry.
    pub fn message(&self) -> String {
        let (who, limit, secs) = (&self.subject, self.limit, self.retry_after_secs);
        match self.kind {
            LimitKind::RequestsPerMinute => format!(
                "{who} has used its requests-per-minute allowance of {limit}; retry in {secs} seconds."
            ),
            LimitKind::TokensPerMinute => format!(
                "{who} has used its tokens-per-minute allowance of {limit}; retry in {secs} seconds."
            ),
            LimitKind::DailyBudget => format!(
                "{who} has spent its daily budget of {} {}; retry in {secs} seconds, at the start of the next UTC day.",
                amount(limit),
                self.currency
            ),
            LimitKind::MonthlyBudget => format!(
                "{who} has spent its monthly budget of {} {}; retry in {secs} seconds, at the start of the next UTC month.",
                amount(limit),
                self.currency
            ),
        }
    }
}

/// Millionths as a decimal amount, trailing zeros trimmed to two places (5.00, 0.0042).
pub fn amount(micros: u64) -> String {
    let text = format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000);
    let trimmed = text.trim_end_matches('0');
    match trimmed.split_once('.') {
        Some((_, frac)) if frac.len() < 2 => format!("{trimmed}{}", "0".repeat(2 - frac.len())),
        _ => trimmed.to_owned(),
    }
}

pub use crate::money::micros_of;

impl Limits {
    /// A virtual key's limits; its budgets are in US dollars (validated at creation).
    pub fn of_key(key: &crate::vault::store::VirtualKey) -> Limits {
        Limits {
            rpm: key.rate_limit_rpm.and_then(std::num::NonZeroU32::new),
            tpm: key.rate_limit_tpm.and_then(std::num::NonZeroU64::new),
            budget_daily: key.budget_daily_usd.and_then(micros_of),
            budget_monthly: key.budget_usd.and_then(micros_of),
            currency: "USD".to_owned(),
        }
    }
}

/// What one answer used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Prompt plus completion tokens, when the answer reported them.
    pub tokens: Option<u64>,
    /// `(currency, micros)` per the pricing table, when the model has a price.
    pub cost: Option<(String, u64)>,
}

/// Why a request was not admitted: a limit refused it (429), or the shared store that
/// keeps the limits cannot be reached and limits fail closed (503).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error(transparent)]
    Limit(#[from] Refusal),
    /// One sentence for the client, naming no secret.
    #[error("{0}")]
    Unavailable(String),
}

/// Where limit state lives. Implementations must make [`LimitStore::admit`] atomic over
/// all the subjects it is given: either every allowance is taken or none is.
///
/// Async because a shared store (Redis) answers over the network; an in-memory store
/// does its work when called and returns a ready future, so it never yields.
pub trait LimitStore: Send + Sync {
    /// Checks each subject against its limits at `now`. When all allow, takes one
    /// request from every requests-per-minute allowance; otherwise takes nothing and
    /// returns the refusal that frees last.
    fn admit<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
    ) -> BoxFuture<'a, Result<(), Denied>>;

    /// Charges an answer's tokens and cost to each subject.
    fn charge<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
        usage: &'a Usage,
    ) -> BoxFuture<'a, ()>;

    /// Adds spend already made today and this month (read from the audit log at start).
    fn seed<'a>(&'a self, now: OffsetDateTime, spend: &'a Spend) -> BoxFuture<'a, ()>;
}

/// The time limits are measured by; injected so windows can be tested.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The system's UTC time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// The gateway's view: tenants' limits from the config (swapped whole on a config
/// reload), a store and a clock. A key's limits come with the caller (config for
/// bootstrap keys, the vault for the others).
pub struct Limiter {
    store: Arc<dyn LimitStore>,
    clock: Arc<dyn Clock>,
    tenants: ArcSwap<TenantLimits>,
}

/// Limits by tenant id; tenants without limits are absent.
pub type TenantLimits = std::collections::HashMap<String, Limits>;

impl Limiter {
    pub fn new(
        store: Arc<dyn LimitStore>,
        clock: Arc<dyn Clock>,
        tenants: TenantLimits,
    ) -> Limiter {
        Limiter {
            store,
            clock,
            tenants: ArcSwap::from_pointee(tenants),
        }
    }

    /// In memory, on the system clock.
    pub fn in_memory(tenants: TenantLimits) -> Limiter {
        Limiter::new(
            Arc::new(MemoryStore::default()),
            Arc::new(SystemClock),
            tenants,
        )
    }

    /// Puts new tenant limits in force (a config reload); windows and spend so far are
    /// kept, so a tightened limit applies to what was already used.
    pub fn set_tenants(&self, tenants: TenantLimits) {
        self.tenants.store(Arc::new(tenants));
    }

    /// Whether these are the tenant limits in force.
    pub fn tenants_are(&self, tenants: &TenantLimits) -> bool {
        **self.tenants.load() == *tenants
    }

    fn subjects(&self, tenant: &str, key: &str, key_limits: &Limits) -> [(Subject, Limits); 2] {
        let tenant_limits = self.tenants.load().get(tenant).cloned().unwrap_or_default();
        [
            (
                Subject::Key {
                    tenant: tenant.to_owned(),
                    key: key.to_owned(),
                },
                key_limits.clone(),
            ),
            (Subject::Tenant(tenant.to_owned()), tenant_limits),
        ]
    }

    /// Whether `key` of `tenant` may send a request now; takes one request from the
    /// key's and the tenant's per-minute allowances when it may.
    pub async fn admit(&self, tenant: &str, key: &str, key_limits: &Limits) -> Result<(), Denied> {
        let subjects = self.subjects(tenant, key, key_limits);
        if subjects.iter().all(|(_, l)| l.is_unlimited()) {
            return Ok(());
        }
        self.store.admit(self.clock.now(), &subjects).await
    }

    /// Charges what an answer used to the key and its tenant. Spend is recorded even
    /// without a budget, so a budget added later (a key re-created) sees it. The time
    /// and the subjects are taken now; the future owns them, so it can be awaited in
    /// place or spawned (a request ended by a `Drop`).
    pub fn charge(
        &self,
        tenant: &str,
        key: &str,
        key_limits: &Limits,
        usage: &Usage,
    ) -> impl std::future::Future<Output = ()> + Send + 'static {
        let job = (usage.tokens.is_some() || usage.cost.is_some()).then(|| {
            (
                self.store.clone(),
                self.clock.now(),
                self.subjects(tenant, key, key_limits),
                usage.clone(),
            )
        });
        async move {
            if let Some((store, now, subjects, usage)) = job {
                store.charge(now, &subjects, &usage).await;
            }
        }
    }

    /// Adds the spend the audit log shows for today and this month.
    pub async fn seed(&self, spend: &Spend) {
        self.store.seed(self.clock.now(), spend).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_money() {
        assert_eq!(amount(5_000_000), "5.00");
        assert_eq!(amount(4_200), "0.0042");
        assert_eq!(amount(1_500_000), "1.50");
        assert_eq!(micros_of(0.25), Some(250_000));
        assert_eq!(micros_of(-1.0), None);
        assert_eq!(micros_of(f64::NAN), None);
    }

    /// A clock the test moves by hand.
    struct Manual(std::sync::Mutex<OffsetDateTime>);

    impl Clock for Manual {
        fn now(&self) -> OffsetDateTime {
            *self.0.lock().unwrap()
        }
    }

    #[tokio::test]
    async fn the_limiter_applies_key_and_tenant_limits_on_its_clock() {
        let clock = Arc::new(Manual(std::sync::Mutex::new(time::macros::datetime!(
            2026-06-30 23:59:00 UTC
        ))));
        let tenant = Limits {
            budget_daily: Some(100),
            currency: "USD".into(),
            ..Limits::default()
        };
        let limiter = Limiter::new(
            Arc::new(MemoryStore::default()),
            clock.clone(),
            [("acme".to_owned(), tenant)].into_iter().collect(),
        );
        let key = Limits {
            rpm: NonZeroU32::new(1),
            currency: "USD".into(),
            ..Limits::default()
        };
        assert!(limiter.admit("acme", "a", &key).await.is_ok());
        let Err(Denied::Limit(refused)) = limiter.admit("acme", "a", &key).await else {
            panic!("not refused by a limit")
        };
        assert_eq!(refused.kind, LimitKind::RequestsPerMinute);
        assert_eq!(refused.retry_after_secs, 60);
        // Another key of the tenant is free of a's rpm, but shares the tenant's budget.
        let open = Limits::default();
        limiter
            .charge(
                "acme",
                "b",
                &open,
                &Usage {
                    tokens: Some(5),
                    cost: Some(("USD".into(), 100)),
                },
            )
            .await;
        let Err(Denied::Limit(refused)) = limiter.admit("acme", "b", &open).await else {
            panic!("not refused by a limit")
        };
        assert_eq!(refused.subject, Subject::Tenant("acme".into()));
        assert_eq!(refused.retry_after_secs, 60, "until midnight UTC");
        // A tenant without limits and a key without limits are never refused.
        assert!(limiter.admit("other", "c", &open).await.is_ok());
        *clock.0.lock().unwrap() += time::Duration::minutes(1);
        assert!(limiter.admit("acme", "b", &open).await.is_ok(), "a new day");
        assert!(
            limiter.admit("acme", "a", &key).await.is_ok(),
            "a new minute"
        );
    }

    #[test]
    fn refusals_name_the_subject_the_limit_and_the_wait() {
        let r = Refusal {
            subject: Subject::Key {
                tenant: "acme".into(),
                key: "x".into(),
            },
            kind: LimitKind::TokensPerMinute,
            limit: 100,
            currency: "USD".into(),
            retry_after_secs: 7,
        };
        assert_eq!(
            r.to_string(),
            "Virtual key \"x\" has used its tokens-per-minute allowance of 100; retry in 7 seconds."
        );
        assert_eq!(r.code(), "rate_limit_exceeded");
        let r = Refusal {
            subject: Subject::Tenant("acme".into()),
            kind: LimitKind::DailyBudget,
            limit: 2_500_000,
            ..r
        };
        assert!(r
            .to_string()
            .starts_with("Tenant \"acme\" has spent its daily budget of 2.50 USD; retry in 7"));
        assert_eq!(r.code(), "insufficient_quota");
    }
}
