//! `POST /v1/chat/completions`, and the life of one chat request top to bottom
//! ([`forward`]), which `/v1/messages` shares with its own answer shape.

use axum::extract::State;
use axum::response::Response;

use super::admit::admit;
use super::answer::{answer_json_shaped, decorate, failed, Shape};
use super::auth::Caller;
use super::body::JsonBody;
use super::error::ApiError;
use super::restore::StreamTap;
use super::stream::{sse_response, Framing, OpenAiFraming};
use super::trail::RequestMeta;
use super::Gateway;
use crate::openai::ChatRequest;
use crate::providers::Reply;

#[tracing::instrument(skip_all, fields(tenant = %caller.tenant, key_id = %caller.key_id))]
pub async fn chat_completions(
    State(gw): State<Gateway>,
    meta: RequestMeta,
    caller: Caller,
    body: JsonBody,
) -> Result<Response, ApiError> {
    let request = body.parsed(ChatRequest::parse)?; // openai/: unknown fields kept
    let openai = Egress {
        shape: None,
        framing: OpenAiFraming,
        hide_added_usage: true,
    };
    forward(&gw, &meta, &caller, request, openai).await
}

/// How answers go back to the client: OpenAI's shape, or one made from it.
pub struct Egress<F: Framing> {
    /// Re-shapes a complete (restored) answer; `None` keeps OpenAI's.
    pub shape: Option<Shape>,
    /// Writes each restored stream chunk.
    pub framing: F,
    /// Hide the usage chunk the gateway asked for (a client that did not ask for it
    /// must not see it); `false` when the framing consumes it.
    pub hide_added_usage: bool,
}

/// The life of one chat request after parsing, top to bottom; shared by every route
/// that speaks chat (`/v1/chat/completions`, `/v1/messages`).
pub async fn forward<F: Framing>(
    gw: &Gateway,
    meta: &RequestMeta,
    caller: &Caller,
    mut request: ChatRequest,
    egress: Egress<F>,
) -> Result<Response, ApiError> {
    let model = gw.resolve_model(request.model())?; // aliases; 404
    request.set_model(&model);
    // The audit counts streamed tokens too.
    let added_usage = request.request_stream_usage();
    // policy/ + pii/: screened in place, residency decided, request record durable.
    let mut admitted = admit(gw, meta, caller, &model, &mut request, |r| {
        r.serialised().to_owned()
    })
    .await?;

    // providers/: the allowed ones in order, retried and failed over before the first byte.
    let candidates = admitted.candidates.clone();
    let (reply, upstream) = admitted.call(&candidates, |p| p.chat(&request)).await;
    match reply {
        Err(e) => Err(failed(admitted, upstream, e).await),
        Ok(Reply::Complete(bytes)) => {
            answer_json_shaped(gw, admitted, upstream, bytes, egress.shape).await
        }
        Ok(Reply::Stream(events)) => {
            let provider = admitted.provider.config().name.clone();
            let tap = StreamTap::new(admitted.restorer)
                .hiding_usage_chunk(added_usage && egress.hide_added_usage)
                .scanning_output(admitted.output_scan);
            let response =
                sse_response(gw, events, admitted.inflight, tap, upstream, egress.framing);
            Ok(decorate(response, &provider, upstream))
        }
    }
}
