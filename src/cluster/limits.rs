//! Rate limits and budgets of the whole cluster in Redis, behind the limits module's
//! [`LimitStore`] trait. Each admission is one Lua script over every subject (key and
//! tenant), so it is atomic across nodes: either every allowance is taken or none is.
//! Time is Redis's own (`TIME`), so the nodes' clocks do not skew the windows; only the
//! calendar day and month that name the spend counters come from the node's clock.
//!
//! - Requests per minute: GCRA, as the in-memory store (a whole minute's allowance may
//!   be used at once, then one request per `60 s / rpm`), the arrival time in Redis.
//! - Tokens per minute: a leaky bucket charged with each answer's tokens.
//! - Spend: counters per subject, currency and UTC day or month (they expire after).
//!
//! Overshoot: rpm never (the script decides); tpm and budgets by what the answers in
//! flight use once the allowance is reached (costs are known only after an answer),
//! i.e. at most the requests in flight across all nodes at that moment.
//!
//! When Redis cannot be reached, admissions fail closed with the reason (503), unless
//! `limits_on_redis_failure = "local"`: then this node's own in-memory limits apply,
//! and the switch (each way) is reported through `on_fallback` to be audited.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures::future::BoxFuture;
use redis::Script;
use time::OffsetDateTime;

use super::redis::{describe, Redis};
use crate::config::RedisFailure;
use crate::limits::{
    Denied, LimitKind, LimitStore, Limits, MemoryStore, Refusal, Spend, Subject, Usage,
};

/// Checks every subject; takes one request from each rpm window only if all allow.
/// KEYS: per subject rpm, tpm, day, month. ARGV: per subject rpm, tpm, daily budget,
/// monthly budget (-1: none). Returns, per refused subject: index, kind, wait (µs).
const ADMIT: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local minute = 60000000
local refused = {}
local take = {}
for i = 0, #KEYS / 4 - 1 do
  local rpm = tonumber(ARGV[i * 4 + 1])
  local tpm = tonumber(ARGV[i * 4 + 2])
  local daily = tonumber(ARGV[i * 4 + 3])
  local monthly = tonumber(ARGV[i * 4 + 4])
  local kind, wait = nil, 0
  if tpm > 0 then
    local backlog = tonumber(redis.call('GET', KEYS[i * 4 + 2]) or '0') - now
    if backlog >= minute then kind, wait = 'tpm', backlog - minute + 1 end
  end
  if not kind and monthly >= 0 and tonumber(redis.call('GET', KEYS[i * 4 + 4]) or '0') >= monthly then
    kind = 'month'
  end
  if not kind and daily >= 0 and tonumber(redis.call('GET', KEYS[i * 4 + 3]) or '0') >= daily then
    kind = 'day'
  end
  if not kind and rpm > 0 then
    local tat = math.max(tonumber(redis.call('GET', KEYS[i * 4 + 1]) or '0'), now) + math.floor(minute / rpm)
    if tat - now > minute then
      kind, wait = 'rpm', tat - now - minute
    else
      table.insert(take, {KEYS[i * 4 + 1], tat})
    end
  end
  if kind then
    table.insert(refused, i)
    table.insert(refused, kind)
    table.insert(refused, string.format('%.0f', wait))
  end
end
if #refused == 0 then
  for _, kt in ipairs(take) do
    redis.call('SET', kt[1], string.format('%.0f', kt[2]), 'PX', 120000)
  end
end
return refused
"#;

/// Charges tokens and spend. KEYS: per subject tpm, day, month. ARGV: per subject
/// tpm (0: none), tokens, micros spent.
const CHARGE: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
for i = 0, #KEYS / 3 - 1 do
  local tpm = tonumber(ARGV[i * 3 + 1])
  local tokens = tonumber(ARGV[i * 3 + 2])
  local micros = tonumber(ARGV[i * 3 + 3])
  if tpm > 0 and tokens > 0 then
    local per_token = math.max(math.floor(60000000 / tpm), 1)
    local tat = math.max(tonumber(redis.call('GET', KEYS[i * 3 + 1]) or '0'), now) + tokens * per_token
    redis.call('SET', KEYS[i * 3 + 1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 60000)
  end
  if micros > 0 then
    redis.call('INCRBY', KEYS[i * 3 + 2], micros)
    redis.call('EXPIRE', KEYS[i * 3 + 2], 172800)
    redis.call('INCRBY', KEYS[i * 3 + 3], micros)
    redis.call('EXPIRE', KEYS[i * 3 + 3], 3456000)
  end
end
return 0
"#;

/// A subject's name inside Redis keys.
fn subject_key(subject: &Subject) -> String {
    match subject {
        Subject::Key { tenant, key } => format!("key:{tenant}:{key}"),
        Subject::Tenant(tenant) => format!("tenant:{tenant}"),
    }
}

fn day_of(now: OffsetDateTime) -> String {
    let d = now.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn month_of(now: OffsetDateTime) -> String {
    format!("{:04}-{:02}", now.year(), u8::from(now.month()))
}

/// Told `(true, reason)` when a node's limits go local, `(false, "")` when they return.
pub type OnFallback = Box<dyn Fn(bool, &str) + Send + Sync>;

/// Limits kept in Redis for every node of the cluster.
pub struct RedisLimits {
    redis: Redis,
    /// Prefixes every key (lets several clusters or tests share one Redis).
    prefix: String,
    node_id: String,
    failure: RedisFailure,
    local: MemoryStore,
    /// True while Redis is failing and this node is on its local limits.
    on_local: AtomicBool,
    on_fallback: OnFallback,
    admit: Script,
    charge: Script,
}

impl RedisLimits {
    /// `on_fallback(true, reason)` is called when local mode starts, `(false, "")` when
    /// Redis is back; it is expected to audit the switch.
    pub fn new(
        redis: Redis,
        node_id: &str,
        failure: RedisFailure,
        on_fallback: OnFallback,
    ) -> Arc<RedisLimits> {
        Arc::new(RedisLimits {
            redis,
            prefix: "ledgergate:limits".to_owned(),
            node_id: node_id.to_owned(),
            failure,
            local: MemoryStore::default(),
            on_local: AtomicBool::new(false),
            on_fallback,
            admit: Script::new(ADMIT),
            charge: Script::new(CHARGE),
        })
    }

    fn keys(&self, now: OffsetDateTime, subject: &Subject, currency: &str) -> [String; 4] {
        let (p, s) = (&self.prefix, subject_key(subject));
        [
            format!("{p}:rpm:{s}"),
            format!("{p}:tpm:{s}"),
            format!("{p}:day:{}:{s}:{currency}", day_of(now)),
            format!("{p}:month:{}:{s}:{currency}", month_of(now)),
        ]
    }

    /// Awaits a Redis call (bounded by the connection's own timeouts); the error as
    /// one phrase without the URL.
    async fn run<T>(
        call: impl std::future::Future<Output = redis::RedisResult<T>>,
    ) -> Result<T, String> {
        call.await.map_err(|e| describe(&e))
    }

    fn redis_failed(&self, reason: &str) {
        tracing::warn!(reason, "limits: Redis cannot be reached");
        if self.failure == RedisFailure::Local && !self.on_local.swap(true, Ordering::SeqCst) {
            (self.on_fallback)(true, reason);
        }
    }

    fn redis_ok(&self) {
        if self.on_local.swap(false, Ordering::SeqCst) {
            (self.on_fallback)(false, "");
        }
    }

    fn unavailable(&self, reason: &str) -> Denied {
        Denied::Unavailable(format!(
            "The gateway cannot check rate limits and budgets right now (Redis: {reason}); try again later."
        ))
    }
}

fn kind_of(name: &str) -> Option<LimitKind> {
    match name {
        "rpm" => Some(LimitKind::RequestsPerMinute),
        "tpm" => Some(LimitKind::TokensPerMinute),
        "day" => Some(LimitKind::DailyBudget),
        "month" => Some(LimitKind::MonthlyBudget),
        _ => None,
    }
}

impl LimitStore for RedisLimits {
    fn admit<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
    ) -> BoxFuture<'a, Result<(), Denied>> {
        Box::pin(self.admit_in_redis(now, subjects))
    }

    fn charge<'a>(
        &'a self,
        now: OffsetDateTime,
        subjects: &'a [(Subject, Limits)],
        usage: &'a Usage,
    ) -> BoxFuture<'a, ()> {
        Box::pin(self.charge_in_redis(now, subjects, usage))
    }

    fn seed<'a>(&'a self, now: OffsetDateTime, spend: &'a Spend) -> BoxFuture<'a, ()> {
        Box::pin(self.seed_in_redis(now, spend))
    }
}

impl RedisLimits {
    async fn admit_in_redis(
        &self,
        now: OffsetDateTime,
        subjects: &[(Subject, Limits)],
    ) -> Result<(), Denied> {
        let limited: Vec<&(Subject, Limits)> =
            subjects.iter().filter(|(_, l)| !l.is_unlimited()).collect();
        let mut invocation = self.admit.prepare_invoke();
        for (subject, limits) in &limited {
            for key in self.keys(now, subject, &limits.currency) {
                invocation.key(key);
            }
            let budget = |b: Option<u64>| b.map_or(-1i64, |b| i64::try_from(b).unwrap_or(i64::MAX));
            invocation
                .arg(limits.rpm.map_or(0, |r| r.get()))
                .arg(limits.tpm.map_or(0, |t| t.get()))
                .arg(budget(limits.budget_daily))
                .arg(budget(limits.budget_monthly));
        }
        let mut connection = self.redis.connection();
        let refused: Vec<String> = match Self::run(invocation.invoke_async(&mut connection)).await {
            Ok(refused) => {
                self.redis_ok();
                refused
            }
            Err(reason) => {
                self.redis_failed(&reason);
                return match self.failure {
                    RedisFailure::Closed => Err(self.unavailable(&reason)),
                    RedisFailure::Local => self.local.admit(now, subjects).map_err(Denied::Limit),
                };
            }
        };
        let mut worst: Option<Refusal> = None;
        for triple in refused.chunks(3) {
            let [index, kind, wait] = triple else {
                continue;
            };
            let (Some((subject, limits)), Some(kind)) = (
                index.parse::<usize>().ok().and_then(|i| limited.get(i)),
                kind_of(kind),
            ) else {
                continue;
            };
            let wait_us: i128 = wait.parse().unwrap_or(0);
            let retry_after_secs = match kind {
                LimitKind::DailyBudget => crate::limits::until_next_day(now),
                LimitKind::MonthlyBudget => crate::limits::until_next_month(now),
                _ => crate::limits::ceil_secs(wait_us * 1000),
            };
            let limit = match kind {
                LimitKind::RequestsPerMinute => limits.rpm.map_or(0, |r| u64::from(r.get())),
                LimitKind::TokensPerMinute => limits.tpm.map_or(0, |t| t.get()),
                LimitKind::DailyBudget => limits.budget_daily.unwrap_or(0),
                LimitKind::MonthlyBudget => limits.budget_monthly.unwrap_or(0),
            };
            let refusal = Refusal {
                subject: subject.clone(),
                kind,
                limit,
                currency: limits.currency.clone(),
                retry_after_secs,
            };
            if worst
                .as_ref()
                .is_none_or(|w| refusal.retry_after_secs > w.retry_after_secs)
            {
                worst = Some(refusal);
            }
        }
        match worst {
            Some(refusal) => Err(Denied::Limit(refusal)),
            None => Ok(()),
        }
    }

    async fn charge_in_redis(
        &self,
        now: OffsetDateTime,
        subjects: &[(Subject, Limits)],
        usage: &Usage,
    ) {
        let mut invocation = self.charge.prepare_invoke();
        for (subject, limits) in subjects {
            let currency = usage
                .cost
                .as_ref()
                .map_or(limits.currency.as_str(), |(c, _)| c);
            let [_, tpm, day, month] = self.keys(now, subject, currency);
            invocation
                .key(tpm)
                .key(day)
                .key(month)
                .arg(limits.tpm.map_or(0, |t| t.get()))
                .arg(usage.tokens.unwrap_or(0))
                .arg(usage.cost.as_ref().map_or(0, |(_, m)| *m));
        }
        let mut connection = self.redis.connection();
        if let Err(reason) = Self::run(invocation.invoke_async::<i64>(&mut connection)).await {
            // The answer was already given; the spend is in the audit log, from which
            // an empty Redis is seeded. This node keeps its own count meanwhile.
            tracing::warn!(reason = %reason, "limits: a charge could not reach Redis");
        }
        if self.failure == RedisFailure::Local {
            self.local.charge(now, subjects, usage);
        }
    }

    async fn seed_in_redis(&self, now: OffsetDateTime, spend: &Spend) {
        if self.failure == RedisFailure::Local {
            self.local.seed(now, spend);
        }
        // Once per node, month and Redis lifetime: a marker says this node's log was
        // counted, so a restart does not count it twice; a Redis that lost its data
        // lost the marker too, and is seeded again by every node that starts.
        let marker = format!("{}:seeded:{}:{}", self.prefix, month_of(now), self.node_id);
        let mut connection = self.redis.connection();
        let first: Result<Option<String>, String> = Self::run(
            redis::cmd("SET")
                .arg(&marker)
                .arg(1)
                .arg("NX")
                .arg("EX")
                .arg(3_456_000)
                .query_async(&mut connection),
        )
        .await;
        match first {
            Ok(Some(_)) => {}
            Ok(None) => return,
            Err(reason) => {
                tracing::warn!(reason = %reason, "limits: spend could not be seeded into Redis");
                return;
            }
        }
        let mut pipe = redis::pipe();
        for (subject, spent) in spend.subjects() {
            for (currency, micros) in &spent.day {
                if spend.day() == now.date() {
                    let [_, _, day, _] = self.keys(now, subject, currency);
                    pipe.incr(&day, *micros)
                        .ignore()
                        .expire(&day, 172_800)
                        .ignore();
                }
            }
            for (currency, micros) in &spent.month {
                let [_, _, _, month] = self.keys(now, subject, currency);
                pipe.incr(&month, *micros)
                    .ignore()
                    .expire(&month, 3_456_000)
                    .ignore();
            }
        }
        if let Err(reason) = Self::run(pipe.query_async::<()>(&mut connection)).await {
            tracing::warn!(reason = %reason, "limits: spend could not be seeded into Redis");
        }
    }
}
