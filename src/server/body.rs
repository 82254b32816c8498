//! The JSON request body: content type checked (415), size bounded (413), bytes kept
//! as they came so that the wire layer can report syntax errors with their position.

use axum::extract::{FromRequest, Request};
use axum::http::header;
use bytes::Bytes;

use super::error::ApiError;
use super::Gateway;

pub struct JsonBody(Bytes);

impl JsonBody {
    /// The body parsed by `parse`, the bytes dropped before the handler's first await.
    /// They share the client connection's read buffer (hyper hands the body over without
    /// a copy); while they live, hyper's next read on that connection, which watches for
    /// the client going away, must allocate a new buffer (8 KiB) instead of reusing it.
    /// Held through admission, that was one extra buffer per request waiting for its
    /// audit record (README, "Memory after session 8").
    pub fn parsed<T, E>(self, parse: impl FnOnce(&[u8]) -> Result<T, E>) -> Result<T, E> {
        parse(&self.0)
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

impl FromRequest<Gateway> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, gw: &Gateway) -> Result<JsonBody, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !is_json(content_type) {
            return Err(ApiError::unsupported_media_type());
        }
        let limit = gw.max_body_bytes;
        Bytes::from_request(request, gw)
            .await
            .map(JsonBody)
            .map_err(|rejection| {
                if rejection.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::payload_too_large(limit)
                } else {
                    ApiError::bad_body(format!(
                        "The request body could not be read: {}.",
                        rejection.body_text()
                    ))
                }
            })
    }
}
