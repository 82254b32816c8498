//! OpenAI wire types and SSE framing. Leaves: nothing here imports the rest of the crate.
//!
//! Requests are kept as their JSON object so that fields the gateway does not know
//! (new OpenAI parameters) are forwarded unchanged; only the fields the gateway acts on
//! are read, and the text-bearing ones are exposed for redaction.

mod answer;
mod body;
mod chat;
mod embeddings;
mod error;
mod models;
pub mod sse;
mod text;
pub mod view;

pub use answer::{FinishReason, Usage};
pub use body::Body;
pub use chat::ChatRequest;
pub use embeddings::EmbeddingsRequest;
pub use error::{ErrorBody, ErrorDetail};
pub use models::{ModelList, ModelObject};
pub use text::{json_text, Unreadable};
pub use view::ChatView;

/// A request whose text can be screened: every string a provider will read, at any
/// depth, except the route's structural values (see `text`).
pub trait TextFields {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E>;

    /// The parts the PII engine cannot read (images, audio, files, token ids), which
    /// screening never sees: the policy refuses or allows them.
    fn unreadable(&self) -> &[Unreadable] {
        &[]
    }

    /// Bytes of the body as received (how much work screening it may be).
    fn body_len(&self) -> usize {
        0
    }
}

/// A request body the gateway refuses, with the parameter at fault when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct WireError {
    pub message: String,
    pub param: Option<String>,
}

impl WireError {
    fn new(message: impl Into<String>, param: Option<&str>) -> WireError {
        WireError {
            message: message.into(),
            param: param.map(str::to_owned),
        }
    }
}

/// Parses a JSON object body, naming the line and column of a syntax error.
fn parse_object(bytes: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>, WireError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        WireError::new(
            format!(
                "request body is not valid UTF-8 at byte {}",
                e.valid_up_to()
            ),
            None,
        )
    })?;
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(WireError::new("request body must be a JSON object", None)),
        Err(e) => Err(WireError::new(
            format!(
                "request body is not valid JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            ),
            None,
        )),
    }
}

/// serde_json appends " at line L column C" to its messages; we say it ourselves.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// A required field: absent (or null) is "`key` is required", an empty array
/// "`key` must not be empty"; the caller checks the type.
fn required<'a>(
    body: &'a serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<&'a serde_json::Value, WireError> {
    match body.get(key) {
        None => Err(WireError::new(format!("`{key}` is required"), Some(key))),
        Some(serde_json::Value::Array(items)) if items.is_empty() => Err(WireError::new(
            format!("`{key}` must not be empty"),
            Some(key),
        )),
        Some(value) => Ok(value),
    }
}

/// Replaces a request's model, in its field and in the body sent upstream (an alias
/// resolved to the served model).
fn replace_model(
    body: &mut serde_json::Map<String, serde_json::Value>,
    field: &mut String,
    model: &str,
) {
    model.clone_into(field);
    body.insert("model".into(), serde_json::Value::String(model.to_owned()));
}

fn required_model(body: &serde_json::Map<String, serde_json::Value>) -> Result<String, WireError> {
    match body.get("model") {
        Some(serde_json::Value::String(m)) if !m.is_empty() => Ok(m.clone()),
        Some(serde_json::Value::String(_)) => {
            Err(WireError::new("`model` must not be empty", Some("model")))
        }
        Some(_) => Err(WireError::new("`model` must be a string", Some("model"))),
        None => Err(WireError::new("`model` is required", Some("model"))),
    }
}
