//! Admission: everything between a parsed request and the provider call, the same for
//! every route. The tenant's policy (one version for the whole request; none means
//! deny), PII screening of every text field, residency, and the request record made
//! durable. A refusal at any step is audited and nothing is forwarded.

use std::sync::Arc;

use serde_json::Value;

use super::error::ApiError;
use super::trail::{RequestMeta, Trail};
use super::{Caller, Gateway};
use crate::audit::record::Seq;
use crate::openai::TextFields;
use crate::pii::Restorer;
use crate::policy;
use crate::providers::Provider;

/// A request the policy let through, recorded, with the provider it goes to.
pub struct Admitted {
    pub provider: Arc<dyn Provider>,
    pub restorer: Restorer,
    pub trail: Trail,
    pub seq: Seq,
}

/// `body` turns the (redacted) request into JSON for the audit capture.
pub async fn admit<R: TextFields>(
    gw: &Gateway,
    meta: &RequestMeta,
    caller: &Caller,
    model: &str,
    request: &mut R,
    body: impl Fn(&R) -> Value,
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
    let original = trail.captures_originals().then(|| body(request));

    let screened = match policy.screen(request, &gw.pseudonyms.key_for(&caller.tenant)) {
        Ok(screened) => screened,
        Err(blocked) => {
            trail.blocked(&blocked.entity);
            let message = format!(
                "Policy \"{}\" does not allow {} in requests; nothing was sent to a provider.",
                policy.id, blocked.entity
            );
            return Err(trail
                .deny(gw, ApiError::forbidden("pii_blocked", message))
                .await);
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
    let chosen = verdict.allowed.first().and_then(|name| {
        candidates
            .iter()
            .find(|p| &p.config().name == name)
            .cloned()
    });
    let Some(provider) = chosen else {
        let error = ApiError::forbidden("residency_denied", verdict.denial(&policy.id));
        return Err(trail.deny(gw, error).await);
    };
    let config = provider.config();
    trail.provider(&config.name, &config.base_url, &config.region);

    let sent = trail.captures_content().then(|| body(request));
    let captured = match original {
        Some(original) => Some(serde_json::json!({"original": original, "sent": sent})),
        None => sent,
    };
    let seq = trail.request_durable(gw, captured).await?;
    Ok(Admitted {
        provider,
        restorer: screened.restorer,
        trail,
        seq,
    })
}
