//! The one error type of the HTTP edge. Every failure a client sees passes through here
//! and leaves in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, with
//! the status that names it. Messages never carry a secret or a request body.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::openai::{ErrorBody, ErrorDetail, WireError};
use crate::providers::{Phase, ProviderError};

/// Boxed: errors travel through every `Result` of the request path.
#[derive(Debug)]
pub struct ApiError(Box<Detail>);

#[derive(Debug)]
struct Detail {
    status: StatusCode,
    message: String,
    kind: &'static str,
    param: Option<String>,
    code: Option<&'static str>,
    /// An upstream error body passed through as it came (already OpenAI-shaped).
    passthrough: Option<Bytes>,
    /// Seconds for the `Retry-After` header of a 429.
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(
        status: StatusCode,
        kind: &'static str,
        code: Option<&'static str>,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError(Box::new(Detail {
            status,
            message: message.into(),
            kind,
            param: None,
            code,
            passthrough: None,
            retry_after: None,
        }))
    }

    pub fn kind(&self) -> &'static str {
        self.0.kind
    }

    /// The audit record could not be made durable: nothing was forwarded.
    pub fn audit_unavailable() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            Some("audit_unavailable"),
            "The gateway cannot write its audit log right now, so the request was not forwarded; try again later.",
        )
    }

    /// A policy refusal (blocked entity, residency, no policy): 403, never a secret.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "policy_violation",
            Some(code),
            message,
        )
    }

    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            Some("invalid_api_key"),
            message,
        )
    }

    pub fn model_not_found(model: &str) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            Some("model_not_found"),
            format!("The model `{model}` does not exist or is not served by this gateway."),
        );
        e.0.param = Some("model".into());
        e
    }

    pub fn route_not_found(path: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            Some("unknown_url"),
            format!("Unknown request URL: {path}."),
        )
    }

    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request_error",
            Some("method_not_allowed"),
            "This route does not accept that HTTP method.",
        )
    }

    pub fn payload_too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request_error",
            Some("request_too_large"),
            format!("The request body exceeds the limit of {limit} bytes."),
        )
    }

    /// A request too large to handle in another way than its byte count (too many
    /// findings, too long to screen): 413 with its own code.
    pub fn too_large(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request_error",
            Some(code),
            message,
        )
    }

    pub fn unsupported_media_type() -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "invalid_request_error",
            Some("unsupported_media_type"),
            "The request body must be sent with Content-Type: application/json.",
        )
    }

    pub fn bad_body(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            message,
        )
    }

    /// A 400 naming the parameter at fault, with a code a client can act on.
    pub fn bad_request(code: &'static str, param: &str, message: impl Into<String>) -> ApiError {
        let mut error = ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some(code),
            message,
        );
        error.0.param = Some(param.to_owned());
        error
    }

    /// An error with its own status and code, in the same OpenAI shape: the admin API's
    /// 404 for an unknown id and 409 for a duplicate, a virtual key's 429.
    pub fn with_status(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError::new(status, "invalid_request_error", Some(code), message)
    }

    /// A limit refused the request: 429 with `Retry-After`. `kind` doubles as the code
    /// (`rate_limit_exceeded`, `insufficient_quota`), as OpenAI's own 429s do.
    pub fn too_many_requests(
        kind: &'static str,
        message: impl Into<String>,
        retry_after_secs: u64,
    ) -> ApiError {
        let mut e = ApiError::new(StatusCode::TOO_MANY_REQUESTS, kind, Some(kind), message);
        e.0.retry_after = Some(retry_after_secs);
        e
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            Some("gateway_unavailable"),
            message,
        )
    }
}

impl From<WireError> for ApiError {
    fn from(e: WireError) -> ApiError {
        let mut api = ApiError::bad_body(e.message);
        api.0.param = e.param;
        api
    }
}

/// A wait as `Retry-After` delay-seconds, rounded up so a client never comes back early.
fn whole_seconds(wait: std::time::Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

impl From<ProviderError> for ApiError {
    fn from(e: ProviderError) -> ApiError {
        match e {
            ProviderError::Upstream {
                provider,
                status,
                body,
                retry_after,
            } if (400..500).contains(&status) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
                let mut api = ApiError::new(
                    status,
                    "upstream_error",
                    None,
                    format!(
                        "Provider \"{provider}\" refused the request with HTTP {}.",
                        status.as_u16()
                    ),
                );
                // A provider's own OpenAI-shaped error explains itself best; pass it on.
                if serde_json::from_slice::<ErrorBody>(&body).is_ok() {
                    api.0.passthrough = Some(body);
                }
                // The upstream's own wait, when the router gave up on it, is the
                // client's best hint (whole seconds, rounded up).
                api.0.retry_after = retry_after.map(whole_seconds);
                api
            }
            ProviderError::Upstream {
                provider, status, ..
            } => ApiError::new(
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                Some("upstream_error"),
                format!("Provider \"{provider}\" failed with HTTP {status}."),
            ),
            // The client's own key was fine: the gateway's key for the provider was
            // not. A 502 in the gateway's words; the provider's body never gets here.
            ProviderError::Rejected { provider, status } => ApiError::new(
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                Some("upstream_credentials_rejected"),
                format!(
                    "Provider \"{provider}\" rejected the gateway's credentials (HTTP {status}); the gateway's operator must check its key for this provider."
                ),
            ),
            // Refused before anything was sent: the request's fault, in the adapter's words.
            ProviderError::Refused { message, param, .. } => {
                let mut api = ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    None,
                    message,
                );
                api.0.param = param;
                api
            }
            ProviderError::Connect { .. } | ProviderError::Protocol { .. } => ApiError::new(
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                Some("upstream_unreachable"),
                format!("{e}."),
            ),
            ProviderError::Unavailable { retry_in, .. } => {
                let mut api = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "service_unavailable",
                    Some("providers_unavailable"),
                    format!("{e}; nothing was sent."),
                );
                api.0.retry_after = Some(whole_seconds(retry_in).max(1));
                api
            }
            ProviderError::KeyUnavailable { .. } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                Some("gateway_unavailable"),
                format!("{e}; nothing was sent to it."),
            ),
            ProviderError::Timeout {
                ref provider,
                phase,
                limit,
            } => ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "upstream_error",
                Some("upstream_timeout"),
                format!(
                    "Provider \"{provider}\" did not answer within the {} timeout of {} ms.",
                    match phase {
                        Phase::FirstByte => "first-byte",
                        Phase::Idle => "idle",
                        Phase::Total => "total",
                    },
                    limit.as_millis()
                ),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = match self.0.passthrough {
            Some(body) => body,
            None => Bytes::from(
                serde_json::to_vec(&ErrorBody {
                    error: ErrorDetail {
                        message: self.0.message,
                        kind: self.0.kind.to_owned(),
                        param: self.0.param,
                        code: self.0.code.map(str::to_owned),
                    },
                })
                .unwrap_or_default(),
            ),
        };
        let mut response = (self.0.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(secs) = self.0.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
