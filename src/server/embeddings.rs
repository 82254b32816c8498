//! `POST /v1/embeddings`.

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::observe::Served;
use super::Gateway;
use crate::openai::EmbeddingsRequest;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn embeddings(
    State(gw): State<Gateway>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let mut request = EmbeddingsRequest::parse(&body)?;
    let model = gw.resolve_model(request.model())?;
    request.set_model(&model);
    let provider = gw.provider_for(&model)?;

    let started = Instant::now();
    let bytes = provider.embeddings(&request).await?;
    let upstream = started.elapsed();
    let name = provider.config().name.clone();
    gw.metrics.observe_upstream(&name, upstream);

    let mut response = bytes.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response.extensions_mut().insert(Served {
        provider: name,
        upstream,
    });
    Ok(response)
}
