//! The in-memory [`LimitStore`]: one mutex over a map from key or tenant to its windows.
//!
//! - Requests per minute: GCRA (the generic cell rate algorithm, as in governor),
//!   written out here so one lock covers the key and its tenant (governor's limiters
//!   consume on every check, so a request refused by its tenant would still use up
//!   its key's allowance) and the clock can be injected. A full minute's allowance may be used at once; after that one request
//!   frees every `60 s / rpm`. In any 60 seconds at most `rpm` requests pass.
//! - Tokens per minute: a leaky bucket charged with each answer's actual tokens and
//!   draining at `tpm / 60` tokens a second; requests are refused while the bucket
//!   holds a full minute's tokens or more.
//! - Money: spend per UTC calendar day and month, per currency; refused once spend is
//!   at or over the budget, until the next day or month begins.
//!
//! Entries are never evicted: one small entry per key and tenant that ever called.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use time::{Date, Month, OffsetDateTime, Time};

use futures::future::BoxFuture;

use super::{Denied, LimitKind, LimitStore, Limits, Refusal, Spend, Subject, Usage};

const MINUTE_NS: i128 = 60_000_000_000;

fn nanos(t: OffsetDateTime) -> i128 {
    t.unix_timestamp_nanos()
}

/// Whole seconds, rounded up, at least 1 (a Retry-After of 0 invites a busy loop).
pub(crate) fn ceil_secs(ns: i128) -> u64 {
    u64::try_from((ns.max(1) + 999_999_999) / 1_000_000_000)
        .unwrap_or(u64::MAX)
        .max(1)
}

fn month_of(t: OffsetDateTime) -> (i32, Month) {
    (t.year(), t.month())
}

/// Seconds until the next UTC midnight.
pub(crate) fn until_next_day(now: OffsetDateTime) -> u64 {
    let next = now
        .date()
        .next_day()
        .map_or(nanos(now) + 86_400_000_000_000, |d| {
            nanos(d.with_time(Time::MIDNIGHT).assume_utc())
        });
    ceil_secs(next - nanos(now))
}

/// Seconds until the first of next month, 00:00 UTC.
pub(crate) fn until_next_month(now: OffsetDateTime) -> u64 {
    let (year, month) = match now.month() {
        Month::December => (now.year() + 1, Month::January),
        m => (now.year(), m.next()),
    };
    let next = Date::from_calendar_date(year, month, 1)
        .map_or(nanos(now) + 31 * 86_400_000_000_000, |d| {
            nanos(d.with_time(Time::MIDNIGHT).assume_utc())
        });
    ceil_secs(next - nanos(now))
}

#[derive(Debug)]
struct Window {
    /// GCRA's theoretical arrival time of the next request (unix ns).
    request_tat: i128,
    /// When the token bucket would be empty (unix ns).
    token_tat: i128,
    day: Date,
    month: (i32, Month),
    day_spend: BTreeMap<String, u64>,
    month_spend: BTreeMap<String, u64>,
}

impl Window {
    fn new(now: OffsetDateTime) -> Window {
        Window {
            request_tat: 0,
            token_tat: 0,
            day: now.date(),
            month: month_of(now),
            day_spend: BTreeMap::new(),
            month_spend: BTreeMap::new(),
        }
    }

    /// Starts a new day or month when the calendar moved on.
    fn roll(&mut self, now: OffsetDateTime) {
        if now.date() != self.day {
            self.day = now.date();
            self.day_spend.clear();
        }
        if month_of(now) != self.month {
            self.month = month_of(now);
            self.month_spend.clear();
        }
    }

    /// The next GCRA arrival time if a request were taken now; refused past a minute.
    fn next_request_tat(
        &self,
        now: i128,
        subject: &Subject,
        limits: &Limits,
    ) -> Result<Option<i128>, Refusal> {
        let Some(rpm) = limits.rpm else {
            return Ok(None);
        };
        let interval = MINUTE_NS / i128::from(rpm.get());
        let tat = self.request_tat.max(now) + interval;
        if tat - now > MINUTE_NS {
            return Err(refusal(
                subject,
                limits,
                LimitKind::RequestsPerMinute,
                u64::from(rpm.get()),
                ceil_secs(tat - now - MINUTE_NS),
            ));
        }
        Ok(Some(tat))
    }

    fn check_rest(
        &self,
        now: OffsetDateTime,
        subject: &Subject,
        limits: &Limits,
    ) -> Result<(), Refusal> {
        if let Some(tpm) = limits.tpm {
            let backlog = self.token_tat.saturating_sub(nanos(now));
            if backlog >= MINUTE_NS {
                return Err(refusal(
                    subject,
                    limits,
                    LimitKind::TokensPerMinute,
                    tpm.get(),
                    ceil_secs(backlog - MINUTE_NS + 1),
                ));
            }
        }
        let spent = |map: &BTreeMap<String, u64>| map.get(&limits.currency).copied().unwrap_or(0);
        if let Some(budget) = limits.budget_monthly {
            if spent(&self.month_spend) >= budget {
                return Err(refusal(
                    subject,
                    limits,
                    LimitKind::MonthlyBudget,
                    budget,
                    until_next_month(now),
                ));
            }
        }
        if let Some(budget) = limits.budget_daily {
            if spent(&self.day_spend) >= budget {
                return Err(refusal(
                    subject,
                    limits,
                    LimitKind::DailyBudget,
                    budget,
                    until_next_day(now),
                ));
            }
        }
        Ok(())
    }

    fn spend(&mut self, currency: &str, micros: u64) {
        for map in [&mut self.day_spend, &mut self.month_spend] {
            let total = map.entry(currency.to_owned()).or_insert(0);
            *total = total.saturating_add(micros);
        }
    }
}

fn refusal(
    subject: &Subject,
    limits: &Limits,
    kind: LimitKind,
    limit: u64,
    retry_after_secs: u64,
) -> Refusal {
    Refusal {
        subject: subject.clone(),
        kind,
        limit,
        currency: limits.currency.clone(),
        retry_after_secs,
    }
}

/// Limit state of one node, in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    windows: Mutex<HashMap<Subject, Window>>,
}

impl MemoryStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Subject, Window>> {
        // A panic elsewhere while holding the lock leaves the map usable.
        self.windows.lock().unwrap_or_else(|e| e.into_inner())
    }
}

// Synchronous inside: each call does its work at once and hands back a ready future.
impl LimitStore for MemoryStore {
    fn admit<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
    ) -> BoxFuture<'a, Result<(), Denied>> {
        let verdict = MemoryStore::admit(self, now, subjects).map_err(Denied::Limit);
        Box::pin(std::future::ready(verdict))
    }

    fn charge<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
        usage: &'a Usage,
    ) -> BoxFuture<'a, ()> {
        MemoryStore::charge(self, now, subjects, usage);
        Box::pin(std::future::ready(()))
    }

    fn seed<'a>(&'a self, now: OffsetDateTime, spend: &'a Spend) -> BoxFuture<'a, ()> {
        MemoryStore::seed(self, now, spend);
        Box::pin(std::future::ready(()))
    }
}

impl MemoryStore {
    /// [`LimitStore::admit`], refused only by a limit (memory is always there).
    pub fn admit(
        &self,
        now: OffsetDateTime,
        subjects: &[(Subject, Limits)],
    ) -> Result<(), Refusal> {
        let mut map = self.lock();
        let at = nanos(now);
        let mut refused: Option<Refusal> = None;
        let mut taken: Vec<(usize, i128)> = Vec::new();
        for (i, (subject, limits)) in subjects.iter().enumerate() {
            if limits.is_unlimited() {
                continue;
            }
            let window = map
                .entry(subject.clone())
                .or_insert_with(|| Window::new(now));
            window.roll(now);
            let verdict = window
                .check_rest(now, subject, limits)
                .and_then(|()| window.next_request_tat(at, subject, limits));
            match verdict {
                Ok(Some(tat)) => taken.push((i, tat)),
                Ok(None) => {}
                Err(r) => {
                    if refused
                        .as_ref()
                        .is_none_or(|old| r.retry_after_secs > old.retry_after_secs)
                    {
                        refused = Some(r);
                    }
                }
            }
        }
        if let Some(r) = refused {
            return Err(r);
        }
        // Every subject allows: only now take the requests, so a refusal takes nothing.
        for (i, tat) in taken {
            if let Some(window) = map.get_mut(&subjects[i].0) {
                window.request_tat = tat;
            }
        }
        Ok(())
    }

    pub fn charge(&self, now: OffsetDateTime, subjects: &[(Subject, Limits)], usage: &Usage) {
        let mut map = self.lock();
        let at = nanos(now);
        for (subject, limits) in subjects {
            let window = map
                .entry(subject.clone())
                .or_insert_with(|| Window::new(now));
            window.roll(now);
            if let (Some(tpm), Some(tokens)) = (limits.tpm, usage.tokens) {
                let per_token = MINUTE_NS / i128::from(tpm.get());
                let added = i128::from(tokens).saturating_mul(per_token.max(1));
                window.token_tat = window.token_tat.max(at).saturating_add(added);
            }
            if let Some((currency, micros)) = &usage.cost {
                window.spend(currency, *micros);
            }
        }
    }

    pub fn seed(&self, now: OffsetDateTime, spend: &Spend) {
        let mut map = self.lock();
        for (subject, spent) in spend.subjects() {
            let window = map
                .entry(subject.clone())
                .or_insert_with(|| Window::new(now));
            window.roll(now);
            if spend.day() == window.day {
                for (currency, micros) in &spent.day {
                    let total = window.day_spend.entry(currency.clone()).or_insert(0);
                    *total = total.saturating_add(*micros);
                }
            }
            if spend.month() == window.month {
                for (currency, micros) in &spent.month {
                    let total = window.month_spend.entry(currency.clone()).or_insert(0);
                    *total = total.saturating_add(*micros);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::num::{NonZeroU32, NonZeroU64};

    use time::macros::datetime;
    use time::Duration;

    use super::*;

    fn key(k: &str) -> Subject {
        Subject::Key {
            tenant: "acme".into(),
            key: k.into(),
        }
    }

    fn rpm(n: u32) -> Limits {
        Limits {
            rpm: NonZeroU32::new(n),
            currency: "USD".into(),
            ..Limits::default()
        }
    }

    #[test]
    fn rpm_allows_a_minute_at_once_then_one_per_interval() {
        let store = MemoryStore::default();
        let t0 = datetime!(2026-03-10 12:00:00 UTC);
        let limits = rpm(3);
        let ask = |t| store.admit(t, &[(key("a"), limits.clone())]);
        assert!(ask(t0).is_ok());
        assert!(ask(t0).is_ok());
        assert!(ask(t0).is_ok());
        let refused = ask(t0).unwrap_err();
        assert_eq!(refused.kind, LimitKind::RequestsPerMinute);
        assert_eq!(refused.limit, 3);
        assert_eq!(refused.retry_after_secs, 20, "one request frees every 20 s");
        assert!(ask(t0 + Duration::seconds(19)).is_err());
        assert!(ask(t0 + Duration::seconds(20)).is_ok());
        assert!(ask(t0 + Duration::seconds(20)).is_err());
        // After a quiet minute the whole allowance is back, and no more.
        let later = t0 + Duration::seconds(200);
        for _ in 0..3 {
            assert!(ask(later).is_ok());
        }
        assert!(ask(later).is_err());
    }

    #[test]
    fn a_refusal_by_the_tenant_takes_nothing_from_the_key() {
        let store = MemoryStore::default();
        let t0 = datetime!(2026-03-10 12:00:00 UTC);
        let (key_limits, tenant_limits) = (rpm(2), rpm(1));
        let tenant = Subject::Tenant("acme".into());
        let both = |k: &str| {
            store.admit(
                t0,
                &[
                    (key(k), key_limits.clone()),
                    (tenant.clone(), tenant_limits.clone()),
                ],
            )
        };
        assert!(both("a").is_ok());
        let refused = both("a").unwrap_err();
        assert_eq!(refused.subject, tenant);
        assert!(both("b").is_err(), "the tenant caps its keys together");
        // Key "a" still has its second request: the tenant's refusal took nothing.
        assert!(store.admit(t0, &[(key("a"), key_limits.clone())]).is_ok());
        assert!(store.admit(t0, &[(key("a"), key_limits.clone())]).is_err());
    }

    #[test]
    fn tpm_refuses_while_a_minute_of_tokens_is_used_and_frees_as_it_drains() {
        let store = MemoryStore::default();
        let t0 = datetime!(2026-03-10 12:00:00 UTC);
        let limits = Limits {
            tpm: NonZeroU64::new(60), // drains one token a second
            currency: "USD".into(),
            ..Limits::default()
        };
        let subjects = [(key("a"), limits.clone())];
        let used = |n| Usage {
            tokens: Some(n),
            cost: None,
        };
        assert!(store.admit(t0, &subjects).is_ok());
        store.charge(t0, &subjects, &used(50));
        assert!(store.admit(t0, &subjects).is_ok(), "50 of 60 used");
        store.charge(t0, &subjects, &used(25));
        let refused = store.admit(t0, &subjects).unwrap_err();
        assert_eq!(refused.kind, LimitKind::TokensPerMinute);
        assert_eq!(refused.limit, 60);
        assert_eq!(
            refused.retry_after_secs, 16,
            "75 tokens drain to 59 in 16 s"
        );
        assert!(store.admit(t0 + Duration::seconds(15), &subjects).is_err());
        assert!(store.admit(t0 + Duration::seconds(16), &subjects).is_ok());
    }

    #[test]
    fn budgets_hold_until_the_next_utc_day_or_month() {
        let store = MemoryStore::default();
        let t0 = datetime!(2026-03-31 23:00:00 UTC);
        let limits = Limits {
            budget_daily: Some(1_000),
            budget_monthly: Some(1_500),
            currency: "USD".into(),
            ..Limits::default()
        };
        let subjects = [(key("a"), limits.clone())];
        let cost = |currency: &str, micros| Usage {
            tokens: None,
            cost: Some((currency.to_owned(), micros)),
        };
        store.charge(t0, &subjects, &cost("EUR", 5_000));
        assert!(
            store.admit(t0, &subjects).is_ok(),
            "other currencies do not count"
        );
        store.charge(t0, &subjects, &cost("USD", 999));
        assert!(store.admit(t0, &subjects).is_ok());
        store.charge(t0, &subjects, &cost("USD", 1));
        let refused = store.admit(t0, &subjects).unwrap_err();
        assert_eq!(refused.kind, LimitKind::DailyBudget);
        assert_eq!(refused.retry_after_secs, 3_600);
        // A new day (and month) starts afresh.
        let t1 = datetime!(2026-04-01 00:00:00 UTC);
        assert!(store.admit(t1, &subjects).is_ok());
        store.charge(t1, &subjects, &cost("USD", 900));
        let t2 = datetime!(2026-04-02 10:00:00 UTC);
        store.charge(t2, &subjects, &cost("USD", 600));
        let refused = store.admit(t2, &subjects).unwrap_err();
        assert_eq!(refused.kind, LimitKind::MonthlyBudget);
        let to_may = datetime!(2026-05-01 00:00:00 UTC) - t2;
        assert_eq!(refused.retry_after_secs, to_may.whole_seconds() as u64);
    }

    #[test]
    fn december_rolls_into_the_next_year() {
        let now = datetime!(2026-12-31 23:59:30 UTC);
        assert_eq!(until_next_month(now), 30);
        assert_eq!(until_next_day(now), 30);
    }

    #[test]
    fn seeded_spend_counts_only_for_its_own_day_and_month() {
        let store = MemoryStore::default();
        let now = datetime!(2026-03-10 12:00:00 UTC);
        let limits = Limits {
            budget_daily: Some(100),
            currency: "USD".into(),
            ..Limits::default()
        };
        let mut spend = Spend::new(now);
        spend.add(datetime!(2026-03-10 01:00:00 UTC), "acme", "a", "USD", 60);
        spend.add(datetime!(2026-03-09 01:00:00 UTC), "acme", "a", "USD", 500);
        store.seed(now, &spend);
        assert!(store.admit(now, &[(key("a"), limits.clone())]).is_ok());
        spend = Spend::new(now);
        spend.add(now, "acme", "a", "USD", 40);
        store.seed(now, &spend);
        let refused = store.admit(now, &[(key("a"), limits.clone())]).unwrap_err();
        assert_eq!(refused.kind, LimitKind::DailyBudget);
        let tenant = Limits {
            budget_monthly: Some(600),
            currency: "USD".into(),
            ..Limits::default()
        };
        let refused = store
            .admit(now, &[(Subject::Tenant("acme".into()), tenant.clone())])
            .unwrap_err();
        assert_eq!(refused.kind, LimitKind::MonthlyBudget, "560 + 40 >= 600");
    }
}
