//! `POST /v1/embeddings`: the same admission as chat (every input string screened).

use axum::extract::State;
use axum::response::Response;

use super::admit::admit;
use super::answer::{answer_json, failed};
use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::trail::RequestMeta;
use super::Gateway;
use crate::openai::EmbeddingsRequest;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn embeddings(
    State(gw): State<Gateway>,
    meta: RequestMeta,
    caller: Caller,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let mut request = body.parsed(EmbeddingsRequest::parse)?;
    let model = gw.resolve_model(request.model())?;
    request.set_model(&model);
    let mut admitted = admit(&gw, &meta, &caller, &model, &mut request, |r| {
        r.serialised().to_owned()
    })
    .await?;

    let candidates = admitted.candidates.clone();
    let (reply, upstream) = admitted.call(&candidates, |p| p.embeddings(&request)).await;
    match reply {
        Err(e) => Err(failed(admitted, upstream, e).await),
        Ok(bytes) => answer_json(&gw, admitted, upstream, bytes).await,
    }
}
