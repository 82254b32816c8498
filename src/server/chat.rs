//! `POST /v1/chat/completions`: the life of one chat request, top to bottom.

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::observe::Served;
use super::stream::sse_response;
use super::Gateway;
use crate::openai::ChatRequest;
use crate::providers::Reply;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn chat_completions(
    State(gw): State<Gateway>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let mut request = ChatRequest::parse(&body)?; // openai/: unknown fields kept
    let provider = gw.route(&mut request)?; // aliases, then the first provider serving the model

    let started = Instant::now();
    let reply = provider.chat(&request).await?; // providers/: timeouts, error mapping
    let upstream = started.elapsed();
    let name = provider.config().name.clone();
    gw.metrics.observe_upstream(&name, upstream);

    let mut response = match reply {
        Reply::Complete(bytes) => {
            let mut r = bytes.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Reply::Stream(events) => sse_response(events, gw.metrics.in_flight_streams.clone()),
    };
    response.extensions_mut().insert(Served {
        provider: name,
        upstream,
    });
    Ok(response)
}
