//! A local upstream that speaks Azure OpenAI's data plane:
//! `POST /openai/deployments/{deployment}/chat/completions?api-version=...` (and
//! `/embeddings`) with an `api-key` header, OpenAI-shaped bodies and SSE (including
//! Azure's leading `prompt_filter_results` chunk), and Azure's own error bodies
//! (`DeploymentNotFound`, numeric codes, `type: null`).

use serde_json::{json, Value};

use super::native::{fixture, header, json_fixture, NativeUpstream, Received, Script};
use super::PROVIDER_KEY;

/// The deployment the test resource hosts, and the model the test config maps to it.
pub const DEPLOYMENT: &str = "gpt4o-mini-eu";
pub const MODEL: &str = "gpt-4o-mini";
pub const API_VERSION: &str = "2024-10-21";
/// The embedding model and the deployment hosting it.
pub const EMBEDDING_MODEL: &str = "text-embedding-3-large";
pub const EMBEDDING_DEPLOYMENT: &str = "embed-large-eu";

pub async fn start(script: Script) -> NativeUpstream {
    NativeUpstream::start(script, validate).await
}

pub fn json(status: u16, name: &str) -> Script {
    Script::Json(status, json_fixture(&format!("azure/{name}")))
}

pub fn sse(name: &str) -> String {
    fixture(&format!("azure/{name}"))
}

pub fn provider_toml(upstream: &NativeUpstream) -> String {
    format!(
        r#"
[[providers]]
name = "test-azure"
kind = "azure"
base_url = "{}"
api_key_env = "TEST_PROVIDER_KEY"
region = "swedencentral"
jurisdiction = "EU"
models = ["{MODEL}", "gpt-4o", "{EMBEDDING_MODEL}"]
api_version = "{API_VERSION}"
deployments = {{ "{MODEL}" = "{DEPLOYMENT}", "{EMBEDDING_MODEL}" = "{EMBEDDING_DEPLOYMENT}" }}
"#,
        upstream.origin()
    )
}

fn validate(r: &Received) -> Result<(), (u16, Value)> {
    if header(r, "api-key") != PROVIDER_KEY || r.headers.contains_key("authorization") {
        return Err((
            401,
            json!({"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API endpoint."}}),
        ));
    }
    let Some(version) = r
        .query
        .as_deref()
        .and_then(|q| q.strip_prefix("api-version="))
    else {
        return Err((
            404,
            json!({"error": {"code": "404", "message": "Resource not found"}}),
        ));
    };
    if version != API_VERSION {
        return Err((
            400,
            json!({"error": {"code": "BadRequest", "message": format!("API version {version} is not supported.")}}),
        ));
    }
    let deployment = r
        .path
        .strip_prefix("/openai/deployments/")
        .and_then(|rest| rest.split_once('/'))
        .filter(|(_, op)| matches!(*op, "chat/completions" | "embeddings"))
        .map(|(d, _)| d);
    if !matches!(deployment, Some(DEPLOYMENT | EMBEDDING_DEPLOYMENT)) {
        return Err((404, json_fixture("azure/error_deployment_not_found.json")));
    }
    Ok(())
}
