//! Admin handlers for virtual keys and provider keys. A virtual key's secret is in
//! exactly one response (its creation); a provider key's value is in none. Each change
//! is audited with ids only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use bytes::Bytes;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{Admin, AdminCaller};
use crate::audit::record::EventAction;
use crate::server::error::ApiError;
use crate::vault::store::{NewVirtualKey, VaultError};

type Reply = Result<(StatusCode, Json<Value>), ApiError>;

fn vault_error(e: VaultError) -> ApiError {
    match e {
        VaultError::DuplicateId { .. } => {
            ApiError::with_status(StatusCode::CONFLICT, "virtual_key_exists", e.to_string())
        }
        VaultError::Invalid(message) => ApiError::bad_body(message),
        other => {
            tracing::error!(error = %other, "the key vault failed");
            ApiError::unavailable("The key vault failed; nothing was changed. See the gateway log.")
        }
    }
}

/// Runs a vault call (sled reads, writes and fsyncs) off the async runtime.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, VaultError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::unavailable(format!("a vault task failed: {e}")))?
        .map_err(vault_error)
}

async fn audit(admin: &Admin, action: EventAction, detail: Value) -> Result<(), ApiError> {
    let detail = match detail {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    super::append_event(&admin.0.audit, action, detail).await
}

pub(super) fn parse<T: for<'de> Deserialize<'de>>(body: &[u8], what: &str) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_body(format!("The request body is not a valid {what}: {e}.")))
}

pub async fn create_virtual_key(State(admin): State<Admin>, _: AdminCaller, body: Bytes) -> Reply {
    let new: NewVirtualKey = parse(&body, "virtual key description")?;
    if !admin.0.tenants.contains(&new.tenant) {
        return Err(ApiError::with_status(
            StatusCode::BAD_REQUEST,
            "unknown_tenant",
            format!(
                "Tenant \"{}\" is not configured; add it to [[tenants]] first.",
                new.tenant
            ),
        ));
    }
    let vault = admin.0.vault.clone();
    let (key, secret) = blocking(move || vault.create_virtual_key(new)).await?;
    let detail = json!({"kind": "virtual_key", "id": key.id, "tenant": key.tenant});
    if let Err(e) = audit(&admin, EventAction::KeyCreated, detail).await {
        // No key may exist without its audit record: take it back.
        let (vault, id) = (admin.0.vault.clone(), key.id.clone());
        let _ = blocking(move || vault.revoke_virtual_key(&id)).await;
        return Err(e);
    }
    let mut body = serde_json::to_value(&key).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut body {
        // The secret leaves the gateway here, once; the vault keeps only its digest.
        map.insert("key".into(), Value::String(secret.expose().to_owned()));
    }
    Ok((StatusCode::CREATED, Json(body)))
}

pub async fn list_virtual_keys(State(admin): State<Admin>, _: AdminCaller) -> Reply {
    let vault = admin.0.vault.clone();
    let keys = blocking(move || vault.list_virtual_keys()).await?;
    Ok((
        StatusCode::OK,
        Json(json!({"object": "list", "data": keys})),
    ))
}

pub async fn revoke_virtual_key(
    State(admin): State<Admin>,
    _: AdminCaller,
    Path(id): Path<String>,
) -> Reply {
    let vault = admin.0.vault.clone();
    let lookup = id.clone();
    let Some(key) = blocking(move || vault.revoke_virtual_key(&lookup)).await? else {
        return Err(ApiError::with_status(
            StatusCode::NOT_FOUND,
            "virtual_key_not_found",
            format!("No virtual key has the id \"{id}\"."),
        ));
    };
    let detail = json!({"kind": "virtual_key", "id": key.id, "tenant": key.tenant});
    audit(&admin, EventAction::KeyRevoked, detail).await?;
    Ok((StatusCode::OK, Json(json!({"id": key.id, "revoked": true}))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderKeyBody {
    key: String,
}

fn known_provider(admin: &Admin, provider: &str) -> Result<(), ApiError> {
    if admin.0.providers.contains(provider) {
        Ok(())
    } else {
        Err(ApiError::with_status(
            StatusCode::NOT_FOUND,
            "provider_not_found",
            format!("Provider \"{provider}\" is not configured; add it to [[providers]] first."),
        ))
    }
}

pub async fn put_provider_key(
    State(admin): State<Admin>,
    _: AdminCaller,
    Path(provider): Path<String>,
    body: Bytes,
) -> Reply {
    known_provider(&admin, &provider)?;
    let parsed: ProviderKeyBody = parse(&body, "provider key ({\"key\": \"...\"})")?;
    let value = SecretString::from(parsed.key);
    let vault = admin.0.vault.clone();
    let name = provider.clone();
    let info = blocking(move || vault.put_provider_key(&name, &value)).await?;
    let detail =
        json!({"kind": "provider_key", "provider": info.provider, "version": info.version});
    audit(&admin, EventAction::KeyCreated, detail).await?;
    Ok((StatusCode::OK, Json(json!(info))))
}

pub async fn remove_provider_key(
    State(admin): State<Admin>,
    _: AdminCaller,
    Path(provider): Path<String>,
) -> Reply {
    let vault = admin.0.vault.clone();
    let name = provider.clone();
    if !blocking(move || vault.remove_provider_key(&name)).await? {
        return Err(ApiError::with_status(
            StatusCode::NOT_FOUND,
            "provider_key_not_found",
            format!("No key is stored for provider \"{provider}\"."),
        ));
    }
    let detail = json!({"kind": "provider_key", "provider": provider});
    audit(&admin, EventAction::KeyRevoked, detail).await?;
    Ok((
        StatusCode::OK,
        Json(json!({"provider": provider, "removed": true})),
    ))
}

pub async fn list_provider_keys(State(admin): State<Admin>, _: AdminCaller) -> Reply {
    let vault = admin.0.vault.clone();
    let keys = blocking(move || vault.list_provider_keys()).await?;
    Ok((
        StatusCode::OK,
        Json(json!({"object": "list", "data": keys})),
    ))
}
