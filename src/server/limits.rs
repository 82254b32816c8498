//! The HTTP edge of budgets and rate limits (the limits themselves live in
//! `crate::limits`): a refusal becomes OpenAI's 429 with `Retry-After`, and an answer's
//! recorded usage and cost are charged to its key and tenant. Two calls in the request
//! path: [`check`] in admission, [`charge`] where a response record is written.

use super::error::ApiError;
use super::trail::{ResponseFacts, Trail};
use super::{Caller, Gateway};
use crate::limits::{Denied, Refusal, Usage};

/// Whether the caller's key and tenant may send a request now (takes one request from
/// their per-minute allowances when they may). A cluster whose Redis is unreachable
/// fails closed: 503 with the reason.
pub async fn check(gw: &Gateway, caller: &Caller) -> Result<(), ApiError> {
    gw.limits
        .admit(&caller.tenant, &caller.key_id, &caller.limits)
        .await
        .map_err(|denied| match denied {
            Denied::Limit(refusal) => refused(refusal),
            Denied::Unavailable(reason) => ApiError::unavailable(reason),
        })
}

/// 429 naming the key or tenant, the limit and the wait.
pub fn refused(refusal: Refusal) -> ApiError {
    tracing::info!(subject = %refusal.subject, kind = ?refusal.kind, retry_after = refusal.retry_after_secs, "request refused by a limit");
    ApiError::too_many_requests(refusal.code(), refusal.message(), refusal.retry_after_secs)
}

/// Charges what an answer used (as its response record says) to its key and tenant:
/// the returned future owns what it needs, to be awaited or spawned.
pub fn charge(
    gw: &Gateway,
    trail: &Trail,
    facts: &ResponseFacts,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    let usage = Usage {
        tokens: facts.usage.map(|u| u.total()),
        cost: facts.cost.as_ref().map(|c| (c.currency.clone(), c.micros)),
    };
    let (tenant, key, limits) = trail.caller_limits();
    gw.limits.charge(tenant, key, limits, &usage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{LimitKind, Subject};
    use axum::response::IntoResponse;

    #[test]
    fn a_refusal_is_a_429_with_retry_after_in_openai_shape() {
        let response = refused(Refusal {
            subject: Subject::Tenant("acme".into()),
            kind: LimitKind::MonthlyBudget,
            limit: 1_000_000,
            currency: "USD".into(),
            retry_after_secs: 42,
        })
        .into_response();
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(response.headers()["retry-after"], "42");
    }
}
