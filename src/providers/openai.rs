//! The OpenAI-compatible dialect: OpenAI, Mistral, DeepSeek, Qwen (compatible mode),
//! vLLM, Ollama. The request body is forwarded as the client sent it (after policy),
//! unknown fields included; the answer and the stream are already in OpenAI's shape,
//! and an error body passes to the client as the provider wrote it.

use super::adapter::{Dialect, Encoded, KeyHeader, Outgoing};
use super::http::OpenAiEvents;
use crate::config::ProviderConfig;
use crate::openai::{ChatRequest, EmbeddingsRequest};

pub(super) struct OpenAi;

impl Dialect for OpenAi {
    type Stream = OpenAiEvents;

    const KEY: KeyHeader = KeyHeader::Bearer;

    fn chat(&self, provider: &ProviderConfig, request: &ChatRequest) -> Encoded {
        Outgoing::forwarded(
            format!("{}/chat/completions", provider.base_url),
            request.to_vec(),
        )
    }

    fn stream(&self, _request: &ChatRequest) -> OpenAiEvents {
        OpenAiEvents
    }

    fn embeddings(&self, provider: &ProviderConfig, request: &EmbeddingsRequest) -> Encoded {
        Outgoing::forwarded(
            format!("{}/embeddings", provider.base_url),
            request.to_vec(),
        )
    }
}
