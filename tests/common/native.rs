//! The engine shared by the native-format test upstreams (Anthropic, Gemini, Azure): an
//! HTTP server on 127.0.0.1 that records every request (path, query, headers, JSON
//! body), checks it the way the real API would (a per-provider validator that answers
//! with that provider's own error body), and then plays a script: a JSON answer, or an
//! SSE body sent one event at a time as the real APIs do, optionally held at a gate or
//! cut before its end.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes as AxumBytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::Bytes;
use serde_json::Value;
use tokio::sync::{mpsc, Notify};

/// What the upstream answers once a request passed validation.
#[derive(Clone)]
pub enum Script {
    /// This status and JSON body.
    Json(u16, Value),
    /// This SSE text, sent event by event (events are separated by a blank line).
    Sse(String),
    /// The first event of this SSE text, then nothing until `release`, then the rest.
    GatedSse(String),
    /// Only the first `n` events of this SSE text, then the connection closes.
    CutSse(String, usize),
}

/// One request as the upstream received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Value,
}

/// Checks a request as the real API would: `Err((status, native error body))` refuses it.
pub type Validator = fn(&Received) -> Result<(), (u16, Value)>;

pub struct NativeState {
    script: Mutex<Script>,
    validator: Validator,
    pub received: Mutex<Vec<Received>>,
    pub release: Notify,
    pub events_sent: AtomicUsize,
}

pub struct NativeUpstream {
    pub addr: SocketAddr,
    pub state: Arc<NativeState>,
}

impl NativeUpstream {
    pub async fn start(script: Script, validator: Validator) -> NativeUpstream {
        let state = Arc::new(NativeState {
            script: Mutex::new(script),
            validator,
            received: Mutex::new(Vec::new()),
            release: Notify::new(),
            events_sent: AtomicUsize::new(0),
        });
        let app = Router::new().fallback(handle).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        NativeUpstream { addr, state }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_script(&self, script: Script) {
        *self.state.script.lock().unwrap() = script;
    }

    pub fn requests(&self) -> usize {
        self.state.received.lock().unwrap().len()
    }

    pub fn last(&self) -> Received {
        self.state
            .received
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("the upstream received a request")
    }
}

/// Reads a file under `tests/fixtures/`.
pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("fixture {full}: {e}"))
}

/// A JSON fixture under `tests/fixtures/`.
pub fn json_fixture(path: &str) -> Value {
    serde_json::from_str(&fixture(path)).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// The events of an SSE text, each with its terminating blank line, in the text's own
/// line endings (Gemini frames with CRLF, Anthropic and OpenAI with LF).
fn sse_events(text: &str) -> Vec<String> {
    let end = if text.contains("\r\n") {
        "\r\n\r\n"
    } else {
        "\n\n"
    };
    text.split(end)
        .filter(|e| !e.trim().is_empty())
        .map(|e| format!("{e}{end}"))
        .collect()
}

async fn handle(State(state): State<Arc<NativeState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes: AxumBytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let received = Received {
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    };
    state.received.lock().unwrap().push(received.clone());
    if let Err((status, body)) = (state.validator)(&received) {
        return json_response(status, &body);
    }
    let script = state.script.lock().unwrap().clone();
    let (text, gate, cut) = match script {
        Script::Json(status, body) => return json_response(status, &body),
        Script::Sse(text) => (text, false, None),
        Script::GatedSse(text) => (text, true, None),
        Script::CutSse(text, n) => (text, false, Some(n)),
    };
    let mut events = sse_events(&text);
    if let Some(n) = cut {
        events.truncate(n);
    }
    let (tx, rx) = mpsc::channel::<Result<Bytes, Infallible>>(4);
    let task_state = state.clone();
    tokio::spawn(async move {
        for (i, event) in events.into_iter().enumerate() {
            if gate && i == 1 {
                task_state.release.notified().await;
            }
            if tx.send(Ok(Bytes::from(event))).await.is_err() {
                return;
            }
            task_state.events_sent.fetch_add(1, Ordering::SeqCst);
            // Real APIs flush each event on its own; make sure they arrive apart.
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    (
        [("content-type", "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

fn json_response(status: u16, body: &Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// The header's value as text, or "" when absent.
pub fn header<'a>(received: &'a Received, name: &str) -> &'a str {
    received
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}
