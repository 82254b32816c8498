//! `POST /v1/embeddings` request body.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::text::{unreadable_parts, Structure, Unreadable, Walker};
use super::{parse_object, replace_model, required, required_model, WireError};

/// The embeddings body's structural values (never screened); every other string is.
static STRUCTURE: LazyLock<Structure> =
    LazyLock::new(|| Structure::new(&["model", "encoding_format"], &[]).token_ids(&["input"]));

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
        if !matches!(
            required(&body, "input")?,
            Value::String(_) | Value::Array(_)
        ) {
            return Err(WireError::new(
                "`input` must be a string or an array",
                Some("input"),
            ));
        }
        let mut body = body;
        Ok(EmbeddingsRequest {
            unreadable: unreadable_parts(&STRUCTURE, &mut body),
            model,
            body,
            raw_len: bytes.len(),
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn set_model(&mut self, model: &str) {
        replace_model(&mut self.body, &mut self.model, model);
    }

    pub fn to_vec(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body).unwrap_or_default()
    }

    /// Every screened string of the body (see [`STRUCTURE`]).
    fn visit_text<E>(&mut self, f: &mut dyn FnMut(&mut String) -> Result<(), E>) -> Result<(), E> {
        Walker::new(&STRUCTURE, f, None).body(&mut self.body)
    }
}

impl super::TextFields for EmbeddingsRequest {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.visit_text(f)
    }

    fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    fn body_len(&self) -> usize {
        self.raw_len
    }
}
