//! `POST /v1/embeddings` request body.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::text::{Structure, Unreadable, Walker};
use super::{parse_object, required_model, WireError};

/// The embeddings body's structural values (never screened); every other string is.
static STRUCTURE: LazyLock<Structure> =
    LazyLock::new(|| Structure::new(&["model", "encoding_format"], &[]));

/// An embeddings request; unknown fields travel upstream unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddingsRequest {
    model: String,
    body: Map<String, Value>,
    /// Token-id inputs and other parts screening cannot read, found at parse time.
    unreadable: Vec<Unreadable>,
    /// Bytes of the body as received.
    raw_len: usize,
}

impl EmbeddingsRequest {
    pub fn parse(bytes: &[u8]) -> Result<EmbeddingsRequest, WireError> {
        let body = parse_object(bytes)?;
        let model = required_model(&body)?;
        match body.get("input") {
            Some(Value::String(_)) => {}
            Some(Value::Array(items)) if !items.is_empty() => {}
            Some(Value::Array(_)) => {
                return Err(WireError::new("`input` must not be empty", Some("input")))
            }
            Some(_) => {
                return Err(WireError::new(
                    "`input` must be a string or an array",
                    Some("input"),
                ))
            }
            None => return Err(WireError::new("`input` is required", Some("input"))),
        }
        let mut request = EmbeddingsRequest {
            model,
            body,
            unreadable: Vec::new(),
            raw_len: bytes.len(),
        };
        let mut unreadable = Vec::new();
        request
            .visit_text(&mut |_| Ok::<_, ()>(()), Some(&mut unreadable))
            .ok();
        request.unreadable = unreadable;
        Ok(request)
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn set_model(&mut self, model: &str) {
        self.model = model.to_owned();
        self.body
            .insert("model".into(), Value::String(model.to_owned()));
    }

    pub fn to_vec(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body).unwrap_or_default()
    }

    /// Every screened string of the body; token-id inputs (`[1, 2]`, `[[1, 2]]`) are
    /// listed as unreadable into `unreadable` when given.
    fn visit_text<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
        unreadable: Option<&mut Vec<Unreadable>>,
    ) -> Result<(), E> {
        let mut walker = Walker::new(&STRUCTURE, f, unreadable);
        if let Some(input) = self.body.get("input") {
            walker.token_ids("input", input);
        }
        walker.body(&mut self.body)
    }
}

impl super::TextFields for EmbeddingsRequest {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.visit_text(f, None)
    }

    fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    fn body_len(&self) -> usize {
        self.raw_len
    }
}
