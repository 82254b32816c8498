//! `POST /v1/embeddings` request body.

use serde_json::{Map, Value};

use super::{parse_object, required_model, WireError};

/// An embeddings request; unknown fields travel upstream unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddingsRequest {
    model: String,
    body: Map<String, Value>,
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
        Ok(EmbeddingsRequest { model, body })
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

    /// The text inputs: the string, or each string of the array (token arrays are not text).
    fn visit_text<E>(&mut self, f: &mut dyn FnMut(&mut String) -> Result<(), E>) -> Result<(), E> {
        match self.body.get_mut("input") {
            Some(Value::String(s)) => f(s),
            Some(Value::Array(items)) => items.iter_mut().try_for_each(|item| match item {
                Value::String(s) => f(s),
                _ => Ok(()),
            }),
            _ => Ok(()),
        }
    }
}

impl super::TextFields for EmbeddingsRequest {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.visit_text(f)
    }
}
