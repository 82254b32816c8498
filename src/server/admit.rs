//! Admission: everything between a parsed request and the provider call, the same for
//! every route. The tenant's policy (one version for the whole request; none means
//! deny), PII screening of every text field, residency, and the request record made
//! durable. A refusal at any step is audited and nothing is forwarded.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

use serde_json::value::RawValue;

use super::error::ApiError;
use super::inflight::InFlight;
use super::trail::{RequestMeta, Trail};
use super::{Caller, Gateway};
use crate::audit::record::Capture;
use crate::openai::TextFields;
use crate::pii::{BinaryParts, Engine, Restorer};
use crate::policy::Refusal;

use crate::policy;
use crate::providers::router::Observer;
use crate::providers::{Provider, ProviderError};

/// A request the policy let through, recorded, with the providers it may go to.
pub struct Admitted {
    /// The allowed providers in the order of the model's routing strategy; the first
    /// is tried first.
    pub candidates: Vec<Arc<dyn Provider>>,
    /// The provider that answered (or failed last).
    pub provider: Arc<dyn Provider>,
    /// The policy's engine when it asks for answers to be scanned for new PII.
    pub output_scan: Option<Arc<Engine>>,
    pub restorer: Restorer,
    /// The request's trail, whose response record is still to be written.
    pub inflight: InFlight,
    /// The gateway whose router makes the calls.
    gateway: Gateway,
}

/// `body` turns the (redacted) request into JSON for the audit capture.
pub async fn admit<R: TextFields>(
    gw: &Gateway,
    meta: &RequestMeta,
    caller: &Caller,
    model: &str,
    request: &mut R,
    body: impl Fn(&R) -> Box<RawValue>,
) -> Result<Admitted, ApiError> {
    let policies = gw.policies.current();
    let Some(policy) = policies.for_tenant(&caller.tenant) else {
        // Deny by default. There is no policy to name in an audit record, so this
        // refusal is logged only.
        tracing::warn!(tenant = %caller.tenant, "request refused: the tenant has no policy");
        return Err(ApiError::forbidden(
            "no_policy",
            format!(
                "Tenant \"{}\" has no policy, so it may not send requests.",
                caller.tenant
            ),
        ));
    };
    let mut trail = Trail::new(meta, caller, policy, model);
    if policy.subject_from_user {
        trail.subject_from_body(&body(request))?;
    }
    // Rate limits and budgets first: a throttled request is audited and goes nowhere.
    if let Err(refused) = super::limits::check(gw, caller).await {
        return Err(trail.deny(gw, refused).await);
    }
    if !caller.may_use(model, &gw.aliases) {
        let message = format!(
            "Virtual key \"{}\" may not use the model `{model}`; ask your administrator to allow it.",
            caller.key_id
        );
        return Err(trail
            .deny(gw, ApiError::forbidden("model_not_allowed", message))
            .await);
    }
    // Parts the engine cannot read are refused unless the policy allows them through.
    let unreadable = request.unreadable();
    if let Some(first) = unreadable.first() {
        if policy.binary == BinaryParts::Refuse {
            let message = format!(
                "The field `{}` holds {} that PII screening cannot read, and policy \"{}\" refuses such parts ({} in this request; [pii] binary = \"allow\" lets them through unscreened); nothing was sent to a provider.",
                first.path,
                article(first.kind),
                policy.id,
                unreadable.len(),
            );
            let error = ApiError::bad_request("unreadable_content", &first.path, message);
            return Err(trail.deny(gw, error).await);
        }
        trail.unscreened(unreadable);
    }
    let original = trail.captures_originals().then(|| body(request));

    let hash_key = gw.pseudonyms.key_for(&caller.tenant);
    let size = request.body_len();
    let screened = match gw.screening.screen(policy, request, &hash_key, size).await {
        Ok(screened) => screened,
        Err(Refusal::Blocked(blocked)) => {
            trail.blocked(&blocked.entity);
            let message = format!(
                "Policy \"{}\" does not allow {} in requests; nothing was sent to a provider.",
                policy.id, blocked.entity
            );
            return Err(trail
                .deny(gw, ApiError::forbidden("pii_blocked", message))
                .await);
        }
        Err(Refusal::TooManyFindings(too_many)) => {
            let message = format!(
                "The request holds more than {} personal-data findings (policy \"{}\", [pii] max_findings), so it was refused whole; nothing was sent to a provider. Send it in smaller parts.",
                too_many.limit, policy.id
            );
            let error = ApiError::too_large("too_many_findings", message);
            return Err(trail.deny(gw, error).await);
        }
        Err(Refusal::OverBudget) => {
            let message = "Screening the request for personal data took longer than server.screening_budget_ms, so it was refused whole; nothing was sent to a provider. Send it in smaller parts.";
            let error = ApiError::too_large("screening_budget_exceeded", message);
            return Err(trail.deny(gw, error).await);
        }
    };
    trail.screened(&screened.findings);

    let narrowing = match &meta.residency_header {
        Some(header) => Some(policy::parse_narrowing(header).map_err(ApiError::bad_body)?),
        None => None,
    };
    let candidates = gw.providers.serving(model);
    let configs: Vec<_> = candidates.iter().map(|p| p.config()).collect();
    let verdict = policy::evaluate(policy, &screened.detected(), &configs, narrowing.as_deref());
    trail.residency(&verdict);
    let allowed: Vec<Arc<dyn Provider>> = verdict
        .allowed
        .iter()
        .filter_map(|name| {
            candidates
                .iter()
                .find(|p| &p.config().name == name)
                .cloned()
        })
        .collect();
    // The strategy's order, so that the request record names the first choice.
    let allowed = gw.router.order(model, &gw.pricing.load(), &allowed);
    let Some(provider) = allowed.first().cloned() else {
        let error = ApiError::forbidden("residency_denied", verdict.denial(&policy.id));
        return Err(trail.deny(gw, error).await);
    };
    let config = provider.config();
    trail.provider(&config.name, &config.base_url, &config.region);

    let sent = trail.captures_content().then(|| body(request));
    let captured = match original {
        Some(original) => Some(Capture::json(
            &serde_json::json!({"original": original, "sent": sent}),
        )),
        None => sent,
    };
    trail.request_durable(gw, captured).await?;
    Ok(Admitted {
        output_scan: policy.scan_output.then(|| policy.engine.clone()),
        candidates: allowed,
        provider,

        restorer: screened.restorer,
        inflight: InFlight::new(gw, trail),
        gateway: gw.clone(),
    })
}

/// Feeds the router's attempts into the request's audit trail.
struct Attempts<'a> {
    admitted: &'a mut Admitted,
}

impl Observer for Attempts<'_> {
    fn attempting(&mut self, provider: &Arc<dyn Provider>) {
        let config = provider.config();
        self.admitted
            .inflight
            .trail_mut()
            .provider(&config.name, &config.base_url, &config.region);
        self.admitted.provider = provider.clone();
    }

    fn failed(&mut self, error: &ProviderError, took: Duration, wait: Duration) {
        let api = ApiError::from(error.clone());
        let trail = self.admitted.inflight.trail_mut();
        trail.attempt_failed(api.status().as_u16(), api.kind(), took);
        trail.waited(wait);
    }
}

impl Admitted {
    /// Hands the allowed providers (in the router's order, see [`admit`]) to the
    /// router, which retries or fails over only on errors before the first byte
    /// (connection refused, first-byte timeout, 429, 5xx), with backoff, Retry-After
    /// and circuit breakers; every attempt goes into the audit record. Returns the
    /// answer, or the last error, with the time the last attempt took.
    pub async fn call<'r, T>(
        &mut self,
        candidates: &'r [Arc<dyn Provider>],
        call: impl Fn(&'r Arc<dyn Provider>) -> BoxFuture<'r, Result<T, ProviderError>>,
    ) -> (Result<T, ProviderError>, Duration) {
        let gw = self.gateway.clone();
        let model = self.inflight.trail().model().to_owned();
        let mut attempts = Attempts { admitted: self };
        gw.router.run(&model, candidates, call, &mut attempts).await
    }
}

/// "an image", "a file", "token ids": a part's kind as it reads in a sentence.
fn article(kind: &str) -> String {
    match kind {
        "token ids" => kind.to_owned(),
        k if k.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {k}"),
        k => format!("a {k}"),
    }
}
