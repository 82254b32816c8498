//! The audit trail of one request: what the HTTP edge knows (caller, route, client,
//! policy decision, provider, outcome, timings) turned into audit records. The request
//! record is made durable before anything is forwarded; a denial is recorded before
//! the 403 leaves; the response record follows the answer.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use serde_json::value::RawValue;

use super::error::ApiError;
use super::observe::RequestId;
use super::{Caller, Gateway};
use crate::audit::record::{
    ActionTaken, Attempt, Capture, Cost, DataSubject, Detection, Latency, Outcome, PiiAction,
    PolicyRef, Record, RecordKind, Residency, ResidencyDecision, Seq,
};
use crate::audit::Ack;
use crate::openai::Usage;
use crate::pii::FindingCount;

use crate::policy::{CaptureMode, Policy, Verdict};

/// The request header that names the data subject.
pub const SUBJECT_HEADER: &str = "x-ledgergate-subject";

/// Facts about the HTTP request that the audit record keeps.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub request_id: String,
    pub route: String,
    pub client: Option<SocketAddr>,
    pub user_agent: Option<String>,
    /// `x-ledgergate-residency`, unparsed.
    pub residency_header: Option<String>,
    /// `x-ledgergate-subject`: the data subject whose key encrypts this request's
    /// records (validated; never logged).
    pub subject: Option<DataSubject>,
    pub started: Instant,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<RequestMeta, Self::Rejection> {
        let subject = match parts.headers.get(SUBJECT_HEADER) {
            None => None,
            // The value is personal data: the error names the header, never the value.
            Some(v) => Some(v.to_str().ok().and_then(DataSubject::parse).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_subject",
                    SUBJECT_HEADER,
                    format!(
                        "The {SUBJECT_HEADER} header must be 1 to {} characters, each an ASCII letter, a digit or one of - _ . : @ + =.",
                        DataSubject::MAX_LEN
                    ),
                )
            })?),
        };
        let header = |headers: &HeaderMap, name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Ok(RequestMeta {
            request_id: parts
                .extensions
                .get::<RequestId>()
                .map(|r| r.0.to_string())
                .unwrap_or_default(),
            route: parts
                .extensions
                .get::<MatchedPath>()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            client: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
            user_agent: header(&parts.headers, header::USER_AGENT.as_str()),
            residency_header: header(&parts.headers, "x-ledgergate-residency"),
            subject,
            started: Instant::now(),
        })
    }
}

fn ms(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Builds the records of one request as it goes.
pub struct Trail {
    base: Record,
    /// Attempts that failed before the one that answered (failover).
    failed_attempts: Vec<Attempt>,
    /// The body field the data subject was taken from: its value is replaced in the
    /// captured request, so the record holds the subject only as its pseudonym.
    subject_field: Option<&'static str>,
    capture: CaptureMode,
    started: Instant,
    /// The caller's own limits, for charging the answer.
    limits: crate::limits::Limits,
}

impl Trail {
    pub fn new(meta: &RequestMeta, caller: &Caller, policy: &Policy, model: &str) -> Trail {
        let mut base = Record::new(RecordKind::Request);
        base.request_id = Some(meta.request_id.clone());
        base.tenant = Some(caller.tenant.clone());
        base.data_subject = meta.subject.clone();
        base.virtual_key_id = Some(caller.key_id.clone());
        base.client_address = meta.client.map(|c| c.ip().to_string());
        base.user_agent = meta.user_agent.clone();
        base.route = Some(meta.route.clone());
        base.model_requested = Some(model.to_owned());
        base.policy = Some(PolicyRef {
            id: policy.id.clone(),
            version_hash: policy.version.clone(),
        });
        Trail {
            base,
            failed_attempts: Vec::new(),
            subject_field: None,
            capture: policy.capture,
            started: meta.started,
            limits: caller.limits.clone(),
        }
    }

    /// Takes the data subject from the body's `user` (OpenAI) or `metadata.user_id`
    /// (Anthropic), for a policy with `[audit] subject_from = "user"`, unless the header
    /// named one; a body naming none leaves the request subject-less. Either way the
    /// field's value is replaced by `<DATA_SUBJECT>` in the captured request. A value that is no valid subject id is a
    /// 400 naming the field (never echoing the value).
    pub fn subject_from_body(&mut self, body: &RawValue) -> Result<(), ApiError> {
        // Only for policies that take the subject from the body: read back once.
        let body: serde_json::Value =
            serde_json::from_str(body.get()).unwrap_or(serde_json::Value::Null);
        let (field, pointer) = match (body.get("user"), body.pointer("/metadata/user_id")) {
            (Some(_), _) => ("user", "/user"),
            (None, Some(_)) => ("metadata.user_id", "/metadata/user_id"),
            (None, None) => return Ok(()),
        };
        self.subject_field = Some(pointer);
        if self.base.data_subject.is_some() {
            // `x-ledgergate-subject` wins; the field is still kept out of the capture.
            return Ok(());
        }
        let value = body.pointer(pointer).unwrap_or(&serde_json::Value::Null);
        let subject = value.as_str().and_then(DataSubject::parse).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_subject",
                field,
                format!(
                    "The field `{field}` names the data subject under this tenant's policy and must be a string of 1 to {} characters, each an ASCII letter, a digit or one of - _ . : @ + =.",
                    DataSubject::MAX_LEN
                ),
            )
        })?;
        self.base.data_subject = Some(subject);
        Ok(())
    }

    /// Records what screening found: entity counts and actions, never values.
    pub fn screened(&mut self, findings: &[FindingCount]) {
        let mut detections: Vec<Detection> = Vec::new();
        for f in findings {
            match detections.iter_mut().find(|d| d.entity == f.entity.name()) {
                Some(d) => d.count += f.count,
                None => detections.push(Detection {
                    entity: f.entity.name().to_owned(),
                    count: f.count,
                }),
            }
        }
        self.base.detections = detections;
        self.base.actions = findings
            .iter()
            .map(|f| ActionTaken {
                entity: f.entity.name().to_owned(),
                action: f.action,
                count: f.count,
            })
            .collect();
    }

    /// Records the parts the policy let through without screening (never their content).
    pub fn unscreened(&mut self, parts: &[crate::openai::Unreadable]) {
        self.base.unscreened = parts
            .iter()
            .map(|p| crate::audit::record::Unscreened {
                path: p.path.clone(),
                kind: p.kind.to_owned(),
            })
            .collect();
    }

    /// Records the entity that made the policy refuse the request.
    pub fn blocked(&mut self, entity: &crate::pii::Entity) {
        self.base.detections = vec![Detection {
            entity: entity.name().to_owned(),
            count: 1,
        }];
        self.base.actions = vec![ActionTaken {
            entity: entity.name().to_owned(),
            action: PiiAction::Block,
            count: 1,
        }];
    }

    pub fn residency(&mut self, verdict: &Verdict) {
        let excluded = || {
            verdict
                .excluded
                .iter()
                .map(|e| format!("{}: {}", e.provider, e.reason))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let reason = if verdict.allowed.is_empty() {
            excluded()
        } else if verdict.excluded.is_empty() {
            "every provider serving the model is allowed".to_owned()
        } else {
            format!("excluded {}", excluded())
        };
        self.base.residency = Some(Residency {
            decision: if verdict.allowed.is_empty() {
                ResidencyDecision::Denied
            } else {
                ResidencyDecision::Allowed
            },
            reason,
            allowed_providers: verdict.allowed.clone(),
        });
    }

    /// The provider the request went to (the last one tried).
    pub fn provider_name(&self) -> &str {
        self.base.provider.as_deref().unwrap_or("")
    }

    /// The tenant, key id and key limits of the caller, for charging its answer.
    pub fn caller_limits(&self) -> (&str, &str, &crate::limits::Limits) {
        (
            self.base.tenant.as_deref().unwrap_or(""),
            self.base.virtual_key_id.as_deref().unwrap_or(""),
            &self.limits,
        )
    }

    /// The model the request was served as (aliases resolved).
    pub fn model(&self) -> &str {
        self.base.model_requested.as_deref().unwrap_or("")
    }

    /// Records an attempt that failed before the first byte; the next provider is tried.
    pub fn attempt_failed(&mut self, status: u16, error_type: &str, took: std::time::Duration) {
        self.failed_attempts.push(Attempt {
            provider: self.base.provider.clone().unwrap_or_default(),
            endpoint: self.base.endpoint.clone(),
            region: self.base.region.clone(),
            status: Some(status),
            error_type: Some(error_type.to_owned()),
            latency_ms: Some(ms(took)),
            backoff_ms: None,
        });
    }

    /// Records how long the gateway waited after the last failed attempt before the
    /// next one (backoff or the upstream's Retry-After); zero is not recorded.
    pub fn waited(&mut self, wait: std::time::Duration) {
        if let Some(last) = self.failed_attempts.last_mut() {
            last.backoff_ms = (!wait.is_zero()).then(|| ms(wait));
        }
    }

    /// Chooses the provider the request goes to (recorded in both records).
    pub fn provider(&mut self, name: &str, endpoint: &str, region: &str) {
        self.base.provider = Some(name.to_owned());
        self.base.endpoint = Some(endpoint.to_owned());
        self.base.region = Some(region.to_owned());
    }

    fn capture(
        &self,
        request: Option<Box<RawValue>>,
        response: Option<Box<RawValue>>,
    ) -> Option<Capture> {
        let mode = self.capture;
        let keep = self.capture != CaptureMode::Metadata;
        Some(Capture {
            mode,
            request: request.filter(|_| keep),
            response: response.filter(|_| keep),
        })
    }

    /// Whether content is captured at all (lets callers skip building it).
    pub fn captures_content(&self) -> bool {
        self.capture != CaptureMode::Metadata
    }

    /// Whether the originals (not only what was sent) are captured.
    pub fn captures_originals(&self) -> bool {
        self.capture == CaptureMode::Full
    }

    /// Appends the request record; returns once it is durable. Failure refuses the
    /// request with 503: nothing is forwarded unaudited.
    pub async fn request_durable(
        &self,
        gw: &Gateway,
        sent: Option<Box<RawValue>>,
    ) -> Result<Seq, ApiError> {
        let mut record = self.base.clone();
        let mut sent = sent;
        if let (Some(pointer), Some(raw)) = (self.subject_field, sent.as_mut()) {
            // Only when the body names the subject: read back, replace, written again.
            if let Ok(mut body) = serde_json::from_str::<serde_json::Value>(raw.get()) {
                if let Some(v) = body.pointer_mut(pointer) {
                    *v = serde_json::Value::from("<DATA_SUBJECT>");
                    *raw = Capture::json(&body);
                }
            }
        }
        record.capture = self.capture(sent, None);
        let waiting = gw
            .audit
            .append_waiting(record, Ack::Durable, gw.audit_wait());
        waiting.await.map_err(|e| {
            tracing::error!(error = %e, "audit append failed; refusing the request");
            ApiError::audit_unavailable()
        })
    }

    /// Records a refusal (blocked entity, no allowed provider, no policy) and returns
    /// the error carrying the record's sequence number. If even that cannot be made
    /// durable, the client gets 503 instead.
    pub async fn deny(&self, gw: &Gateway, error: ApiError) -> ApiError {
        let mut record = self.base.clone();
        record.outcome = Some(Outcome {
            status: error.status().as_u16(),
            error_type: Some(error.kind().to_owned()),
        });
        record.latency_ms = Some(Latency {
            total: Some(ms(self.started.elapsed())),
            upstream: None,
            gateway: Some(ms(self.started.elapsed())),
        });
        match gw.audit.append(record).await {
            Ok(_) => error,
            Err(e) => {
                tracing::error!(error = %e, "audit append failed for a denial");
                ApiError::audit_unavailable()
            }
        }
    }

    /// The response record: outcome, attempt, timings, usage and captured content. It
    /// is the request's last record: the findings, actions and residency, which only the
    /// request record carries, are taken out of the trail rather than cloned only to be
    /// dropped (about a third of this record's allocations, README "Load", session 12).
    pub fn response_record(&mut self, outcome: ResponseFacts) -> Record {
        self.base.detections = Vec::new();
        self.base.actions = Vec::new();
        self.base.residency = None;
        let mut record = self.base.clone();
        record.kind = RecordKind::Response;
        record.outcome = Some(Outcome {
            status: outcome.status,
            error_type: outcome.error_type.clone(),
        });
        let total = self.started.elapsed();
        record.attempts = self.failed_attempts.clone();
        let upstream = if outcome.attempted {
            record.attempts.push(Attempt {
                provider: self.base.provider.clone().unwrap_or_default(),
                endpoint: self.base.endpoint.clone(),
                region: self.base.region.clone(),
                status: Some(outcome.status),
                error_type: outcome.error_type.clone(),
                latency_ms: Some(ms(outcome.upstream)),
                backoff_ms: None,
            });
            Some(outcome.upstream)
        } else {
            None
        };
        record.latency_ms = Some(Latency {
            total: Some(ms(total)),
            upstream: upstream.map(ms),
            gateway: Some(ms(total.saturating_sub(upstream.unwrap_or_default()))),
        });
        record.usage = outcome.usage.map(Into::into);
        record.cost = outcome.cost.clone();
        record.capture = self.capture(None, outcome.captured);
        record
    }
}

/// What is known about an answer when its record is written.
#[derive(Debug, Clone, Default)]
pub struct ResponseFacts {
    pub status: u16,
    pub error_type: Option<String>,
    /// How long the provider took (to the first byte, for a stream).
    pub upstream: std::time::Duration,
    /// Whether the answering provider was contacted at all: a refusal before any byte
    /// was sent, or a client gone before an answer, records no final attempt.
    pub attempted: bool,
    pub usage: Option<Usage>,
    pub cost: Option<Cost>,
    pub captured: Option<Box<RawValue>>,
}
