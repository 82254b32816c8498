//! `POST /v1/chat/completions`: the life of one chat request, top to bottom.

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::admit::admit;
use super::answer::{answer_json, failed};
use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::restore::StreamTap;
use super::stream::sse_response;
use super::trail::RequestMeta;
use super::Gateway;
use crate::openai::ChatRequest;
use crate::providers::Reply;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn chat_completions(
    State(gw): State<Gateway>,
    meta: RequestMeta,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let mut request = ChatRequest::parse(&body)?; // openai/: unknown fields kept
    let model = gw.resolve_model(request.model())?; // aliases; 404
    request.set_model(&model);
    let hide_usage = request.request_stream_usage(); // the audit counts streamed tokens too
                                                     // policy/ + pii/: screened in place, residency decided, request record durable.
    let mut admitted = admit(&gw, &meta, &caller, &model, &mut request, |r| {
        Value::Object(r.body().clone())
    })
    .await?;

    // providers/: the allowed ones in order, failing over before the first byte.
    let candidates = admitted.candidates.clone();
    let (reply, upstream) = admitted.call(&candidates, |p| p.chat(&request)).await;
    match reply {
        Err(e) => Err(failed(&gw, admitted, upstream, e).await),
        Ok(Reply::Complete(bytes)) => answer_json(&gw, admitted, upstream, bytes).await,
        Ok(Reply::Stream(events)) => {
            let seq = admitted.seq;
            let provider = admitted.provider.config().name.clone();
            let tap = StreamTap::new(admitted.restorer).hiding_usage_chunk(hide_usage);

            let response = sse_response(&gw, events, admitted.trail, tap, upstream);
            Ok(super::answer::decorate(
                &gw, response, seq, &provider, upstream,
            ))
        }
    }
}
