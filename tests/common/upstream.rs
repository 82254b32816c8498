//! A local upstream that speaks OpenAI's wire format (JSON, SSE with `data: [DONE]`,
//! OpenAI error bodies) on 127.0.0.1, records what it received, and can be told to
//! fail, stall or break in the ways real providers do.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};

/// How the upstream answers chat requests.
#[derive(Clone)]
pub enum Behaviour {
    /// Answers normally: "reply to: <last message>" as JSON or as a word-per-chunk stream.
    Normal,
    /// Answers normally, but with this text whatever it was asked.
    Says(&'static str),
    /// Answers with this status and an OpenAI error body.
    Fail(u16, &'static str),
    /// Waits this long before sending the response headers.
    SlowHeaders(Duration),
    /// Streams the first chunk, then waits for `release` before sending the rest.
    Gated,
    /// Streams two chunks, then goes silent forever.
    StallAfterTwo,
    /// Streams two chunks, then closes the connection without `[DONE]`.
    BreakAfterTwo,
    /// Streams one chunk a second for a long time (to be cancelled).
    Endless,
    /// Streams the answer's events (the role chunk, a chunk a word, the stop chunk; no
    /// usage chunk) and `[DONE]` all in one body frame, as a fast provider's events
    /// arrive in one read.
    AllAtOnce,
    /// Request n (from 0) is answered as step n says; the last step repeats.
    Scripted(Vec<Step>),
    /// Answers with one tool call `note` whose arguments are `{"note": TEXT}`, TEXT
    /// being the given text or else the last message (JSON as OpenAI sends it);
    /// streamed in fragments of 3 characters.
    CallsTool(Option<&'static str>),
}

pub struct Recorded {
    pub body: Value,
    pub headers: HeaderMap,
}

pub struct UpstreamState {
    behaviour: Mutex<Behaviour>,
    pub received: Mutex<Vec<Recorded>>,
    pub release: Notify,
    /// Set when the stream's body was dropped by the server: the client went away.
    pub stream_dropped: AtomicBool,
    pub chunks_sent: AtomicUsize,
}

pub struct TestUpstream {
    pub addr: SocketAddr,
    pub state: Arc<UpstreamState>,
}

impl TestUpstream {
    pub async fn openai() -> TestUpstream {
        TestUpstream::with(Behaviour::Normal).await
    }

    pub async fn failing(status: u16) -> TestUpstream {
        TestUpstream::with(Behaviour::Fail(status, "upstream says no")).await
    }

    pub async fn with(behaviour: Behaviour) -> TestUpstream {
        let state = Arc::new(UpstreamState {
            behaviour: Mutex::new(behaviour),
            received: Mutex::new(Vec::new()),
            release: Notify::new(),
            stream_dropped: AtomicBool::new(false),
            chunks_sent: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route("/v1/embeddings", post(embeddings))
            .route(
                "/v1/models",
                get(|| async { Json(json!({"object": "list", "data": []})) }),
            )
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestUpstream { addr, state }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> usize {
        self.state.received.lock().unwrap().len()
    }

    pub fn last_body(&self) -> Value {
        self.state
            .received
            .lock()
            .unwrap()
            .last()
            .expect("the upstream received a request")
            .body
            .clone()
    }

    pub fn last_headers(&self) -> HeaderMap {
        self.state
            .received
            .lock()
            .unwrap()
            .last()
            .expect("the upstream received a request")
            .headers
            .clone()
    }
}

fn error_body(message: &str, kind: &str) -> Value {
    json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
}

fn last_text(body: &Value) -> String {
    body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or("")
        .to_owned()
}

fn chunk(model: &str, delta: Value, finish: Value) -> String {
    json!({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1_700_000_000u32,
           "model": model, "system_fingerprint": "fp_test",
           "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}]})
    .to_string()
}

fn frame(data: &str) -> Result<Bytes, Infallible> {
    Ok(Bytes::from(format!("data: {data}\n\n")))
}

/// Sets `stream_dropped` when the server drops the response body (client went away).
struct DropFlag(Arc<UpstreamState>);
impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.stream_dropped.store(true, Ordering::SeqCst);
    }
}

async fn chat(
    State(state): State<Arc<UpstreamState>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let behaviour = state.behaviour.lock().unwrap().clone();
    state.received.lock().unwrap().push(Recorded {
        body: body.clone(),
        headers,
    });
    if let Some(response) = scripted(&behaviour, state.received.lock().unwrap().len() - 1) {
        return response;
    }
    let model = body["model"].as_str().unwrap_or("").to_owned();
    let reply = match behaviour {
        Behaviour::Says(text) => text.to_owned(),
        _ => format!("reply to: {}", last_text(&body)),
    };

    match behaviour {
        Behaviour::Fail(status, message) => {
            let kind = if status == 429 {
                "rate_limit_error"
            } else if status >= 500 {
                "server_error"
            } else {
                "invalid_request_error"
            };
            return (
                StatusCode::from_u16(status).unwrap(),
                Json(error_body(message, kind)),
            )
                .into_response();
        }
        Behaviour::SlowHeaders(delay) => tokio::time::sleep(delay).await,
        _ => {}
    }
    if let Behaviour::CallsTool(text) = behaviour {
        let text = text.map_or_else(|| last_text(&body), str::to_owned);
        return tool_call_answer(&model, &body, &text);
    }
    if body["stream"].as_bool() != Some(true) {
        return Json(json!({
            "id": "chatcmpl-test", "object": "chat.completion", "created": 1_700_000_000u32, "model": model,
            "system_fingerprint": "fp_test",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply, "refusal": null},
                         "logprobs": null, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
        }))
        .into_response();
    }
    let include_usage = body
        .pointer("/stream_options/include_usage")
        .and_then(Value::as_bool)
        == Some(true);
    let words: Vec<String> = reply.split_inclusive(' ').map(str::to_owned).collect();
    if let Behaviour::AllAtOnce = behaviour {
        let mut events = vec![chunk(
            &model,
            json!({"role": "assistant", "content": ""}),
            Value::Null,
        )];
        events.extend(
            words
                .iter()
                .map(|word| chunk(&model, json!({"content": word}), Value::Null)),
        );
        events.push(chunk(&model, json!({}), json!("stop")));
        events.push("[DONE]".to_owned());
        state.chunks_sent.fetch_add(events.len(), Ordering::SeqCst);
        let text: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
        return (
            [("content-type", "text/event-stream")],
            Body::from(Bytes::from(text)),
        )
            .into_response();
    }
    let (tx, rx) = mpsc::channel::<Result<Bytes, Infallible>>(16);

    let task_state = state.clone();
    tokio::spawn(async move {
        let send = |data: String| {
            let tx = tx.clone();
            let state = task_state.clone();
            async move {
                let ok = tx.send(frame(&data)).await.is_ok();
                if ok {
                    state.chunks_sent.fetch_add(1, Ordering::SeqCst);
                }
                ok
            }
        };
        if !send(chunk(
            &model,
            json!({"role": "assistant", "content": ""}),
            Value::Null,
        ))
        .await
        {
            return;
        }
        match behaviour {
            Behaviour::Gated => task_state.release.notified().await,
            Behaviour::Endless => loop {
                tokio::time::sleep(Duration::from_millis(50)).await;
                if !send(chunk(&model, json!({"content": "more "}), Value::Null)).await {
                    return;
                }
            },
            _ => {}
        }
        for (i, word) in words.iter().enumerate() {
            if i == 2 {
                match behaviour {
                    Behaviour::StallAfterTwo => {
                        std::future::pending::<()>().await;
                    }
                    Behaviour::BreakAfterTwo => return,
                    _ => {}
                }
            }
            if !send(chunk(&model, json!({"content": word}), Value::Null)).await {
                return;
            }
        }
        send(chunk(&model, json!({}), json!("stop"))).await;
        if include_usage {
            // OpenAI's final usage chunk: no choices, only usage.
            let usage = json!({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1_700_000_000u32,
                               "model": model, "choices": [],
                               "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}});
            send(usage.to_string()).await;
        }
        let _ = tx.send(frame("[DONE]")).await;
    });
    let flag = DropFlag(state);
    let stream = futures::stream::unfold((rx, flag), |(mut rx, flag)| async move {
        rx.recv().await.map(|item| (item, (rx, flag)))
    });
    (
        [("content-type", "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

async fn embeddings(
    State(state): State<Arc<UpstreamState>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    state.received.lock().unwrap().push(Recorded {
        body: body.clone(),
        headers,
    });
    let inputs = match &body["input"] {
        Value::Array(items) => items.len(),
        _ => 1,
    };
    let data: Vec<Value> = (0..inputs)
        .map(|i| json!({"object": "embedding", "index": i, "embedding": [0.25, -0.5, 0.125]}))
        .collect();
    Json(
        json!({"object": "list", "data": data, "model": body["model"],
                "usage": {"prompt_tokens": 4, "total_tokens": 4}}),
    )
    .into_response()
}

/// One answer of a [`Behaviour::Scripted`] upstream.
#[derive(Clone, Debug)]
pub enum Step {
    /// Answers normally.
    Answer,
    /// This status with an OpenAI error body and these extra response headers (e.g.
    /// `retry-after`).
    Fail(u16, &'static [(&'static str, &'static str)]),
}

/// The failure a script prescribes for request `n`, if any.
fn scripted(behaviour: &Behaviour, n: usize) -> Option<Response> {
    let Behaviour::Scripted(steps) = behaviour else {
        return None;
    };
    match steps.get(n).or(steps.last())? {
        Step::Answer => None,
        Step::Fail(status, headers) => {
            let kind = if *status == 429 {
                "rate_limit_error"
            } else {
                "server_error"
            };
            let mut response = (
                StatusCode::from_u16(*status).unwrap(),
                Json(error_body("scripted failure", kind)),
            )
                .into_response();
            for (name, value) in *headers {
                response.headers_mut().insert(
                    axum::http::HeaderName::from_static(name),
                    axum::http::HeaderValue::from_static(value),
                );
            }
            Some(response)
        }
    }
}

/// A [`Behaviour::CallsTool`] answer, as JSON or as an SSE stream of argument fragments.
fn tool_call_answer(model: &str, body: &Value, text: &str) -> Response {
    let arguments = json!({"note": text}).to_string();
    if body["stream"].as_bool() != Some(true) {
        return Json(json!({
            "id": "chatcmpl-test", "object": "chat.completion", "created": 1_700_000_000u32, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "note", "arguments": arguments}}
            ]}, "logprobs": null, "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
        }))
        .into_response();
    }
    let mut frames = vec![chunk(
        model,
        json!({"role": "assistant", "content": null, "tool_calls": [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "note", "arguments": ""}}]}),
        Value::Null,
    )];
    let chars: Vec<char> = arguments.chars().collect();
    for piece in chars.chunks(3) {
        let piece: String = piece.iter().collect();
        frames.push(chunk(
            model,
            json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}),
            Value::Null,
        ));
    }
    frames.push(chunk(model, json!({}), json!("tool_calls")));
    let mut text: String = frames.iter().map(|f| format!("data: {f}\n\n")).collect();
    text.push_str("data: [DONE]\n\n");
    ([("content-type", "text/event-stream")], text).into_response()
}
