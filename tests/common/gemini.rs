//! A local upstream that speaks Gemini's Generative Language API:
//! `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse` (CRLF
//! framed, no end marker) and `:batchEmbedContents`, keyed by `x-goog-api-key`. It
//! refuses what the real API refuses (unknown roles, parts that are not exactly one
//! kind, OpenAI-only fields) with Google's error body, then plays a [`Script`].

use serde_json::{json, Value};

use super::native::{fixture, header, json_fixture, NativeUpstream, Received, Script};
use super::PROVIDER_KEY;

/// The chat model and the embedding model the Gemini test config serves.
pub const MODEL: &str = "gemini-2.0-flash";
pub const EMBEDDING_MODEL: &str = "text-embedding-004";

pub async fn start(script: Script) -> NativeUpstream {
    NativeUpstream::start(script, validate).await
}

/// `Script::Json(status, fixture)` for a file under `tests/fixtures/gemini/`.
pub fn json(status: u16, name: &str) -> Script {
    Script::Json(status, json_fixture(&format!("gemini/{name}")))
}

/// A stream fixture, framed with CRLF as Google's front end sends it.
pub fn sse(name: &str) -> String {
    fixture(&format!("gemini/{name}")).replace('\n', "\r\n")
}

pub fn provider_toml(upstream: &NativeUpstream) -> String {
    format!(
        r#"
[[providers]]
name = "test-gemini"
kind = "gemini"
base_url = "{}/v1beta"
api_key_env = "TEST_PROVIDER_KEY"
region = "europe-west4"
jurisdiction = "EU"
models = ["{MODEL}", "{EMBEDDING_MODEL}"]
"#,
        upstream.origin()
    )
}

fn google_error(code: u16, status: &str, message: String) -> Result<(), (u16, Value)> {
    Err((
        code,
        json!({"error": {"code": code, "message": message, "status": status}}),
    ))
}

fn validate(r: &Received) -> Result<(), (u16, Value)> {
    if header(r, "x-goog-api-key") != PROVIDER_KEY {
        return google_error(
            400,
            "INVALID_ARGUMENT",
            "API key not valid. Please pass a valid API key.".into(),
        );
    }
    let Some(rest) = r.path.strip_prefix("/v1beta/models/") else {
        return google_error(404, "NOT_FOUND", format!("{} is not found", r.path));
    };
    let (model, method) = rest.split_once(':').unwrap_or((rest, ""));
    match method {
        "batchEmbedContents" => {
            let ok = r.body["requests"].as_array().is_some_and(|reqs| {
                reqs.iter().all(|q| {
                    q["model"] == format!("models/{model}")
                        && q["content"]["parts"][0]["text"].is_string()
                })
            });
            return if ok {
                Ok(())
            } else {
                google_error(400, "INVALID_ARGUMENT", "Invalid embed request".into())
            };
        }
        "generateContent" => {}
        "streamGenerateContent" if r.query.as_deref() == Some("alt=sse") => {}
        _ => {
            return google_error(
                404,
                "NOT_FOUND",
                format!("method {method} with query {:?} is not found", r.query),
            )
        }
    }
    for openai_only in ["messages", "model", "max_tokens", "stream", "tool_choice"] {
        if r.body.get(openai_only).is_some() {
            return google_error(
                400,
                "INVALID_ARGUMENT",
                format!("Invalid JSON payload received. Unknown name \"{openai_only}\": Cannot find field."),
            );
        }
    }
    let Some(contents) = r.body["contents"].as_array().filter(|c| !c.is_empty()) else {
        return google_error(
            400,
            "INVALID_ARGUMENT",
            "* GenerateContentRequest.contents: contents is not specified".into(),
        );
    };
    const KINDS: [&str; 4] = ["text", "inlineData", "functionCall", "functionResponse"];
    for (i, c) in contents.iter().enumerate() {
        if !matches!(c["role"].as_str(), Some("user" | "model")) {
            return google_error(
                400,
                "INVALID_ARGUMENT",
                format!("Please use a valid role: user, model. (contents[{i}])"),
            );
        }
        let Some(parts) = c["parts"].as_array().filter(|p| !p.is_empty()) else {
            return google_error(
                400,
                "INVALID_ARGUMENT",
                format!("contents[{i}].parts must not be empty"),
            );
        };
        for (j, p) in parts.iter().enumerate() {
            let kinds = p.as_object().map_or(0, |o| {
                o.keys().filter(|k| KINDS.contains(&k.as_str())).count()
            });
            if kinds != 1 || p.as_object().is_some_and(|o| o.len() != 1) {
                return google_error(
                    400,
                    "INVALID_ARGUMENT",
                    format!("contents[{i}].parts[{j}] must hold exactly one of text, inlineData, functionCall, functionResponse"),
                );
            }
        }
    }
    Ok(())
}
