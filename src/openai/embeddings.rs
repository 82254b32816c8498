//! `POST /v1/embeddings` request body.

use std::sync::LazyLock;

use serde_json::Value;

use super::body::Body;
use super::text::Structure;
use super::{required, WireError};

/// The embeddings body's structural values (never screened); every other string is.
static STRUCTURE: LazyLock<Structure> =
    LazyLock::new(|| Structure::new(&["model", "encoding_format"], &[]).token_ids(&["input"]));

/// An embeddings request; unknown fields travel upstream unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddingsRequest(Body);

impl EmbeddingsRequest {
    pub fn parse(bytes: &[u8]) -> Result<EmbeddingsRequest, WireError> {
        Body::parse(bytes, &STRUCTURE, |map| match required(map, "input")? {
            Value::String(_) | Value::Array(_) => Ok(()),
            _ => Err(WireError::new(
                "`input` must be a string or an array",
                Some("input"),
            )),
        })
        .map(EmbeddingsRequest)
    }
}

impl std::ops::Deref for EmbeddingsRequest {
    type Target = Body;

    fn deref(&self) -> &Body {
        &self.0
    }
}

impl std::ops::DerefMut for EmbeddingsRequest {
    fn deref_mut(&mut self) -> &mut Body {
        &mut self.0
    }
}
