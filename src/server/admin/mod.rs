//! The admin API: its own listener (`[admin] listen`) and its own bearer token (read
//! from the variable `[admin] token_env`; unset means the admin API is off). JSON in
//! and out, errors in OpenAI's shape through [`ApiError`]. Every change it makes is
//! appended to the audit log (ids only, never a secret) before it answers.

mod audit;
mod keys;

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post, put};
use axum::Router;
use ring::digest::{digest, SHA256};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use crate::audit::AuditLog;
use crate::config::Config;
use crate::vault::store::Vault;

/// Largest admin request body (a provider key or a key description).
const MAX_ADMIN_BODY: usize = 64 * 1024;

/// Shortest admin token accepted. The token manages every key of the gateway; 32
/// characters of `openssl rand -hex 32` carry 128 bits, beyond guessing.
pub const MIN_ADMIN_TOKEN_LEN: usize = 32;

/// The admin token, read once at start: only its SHA-256 is kept.
pub struct AdminToken {
    digest: [u8; 32],
}

/// An admin token that cannot be used. Names the variable, never the value.
#[derive(Debug, thiserror::Error)]
#[error("the admin token in environment variable {var} is shorter than {MIN_ADMIN_TOKEN_LEN} characters: set it to at least {MIN_ADMIN_TOKEN_LEN} random characters (for example from `openssl rand -hex 32`), or unset it to turn the admin API off")]
pub struct WeakAdminToken {
    pub var: String,
}

impl AdminToken {
    /// The token of `[admin]` from its variable: `None` when the config has no `[admin]`
    /// or the variable is unset or empty (the admin API is off, and the log says so);
    /// a token shorter than [`MIN_ADMIN_TOKEN_LEN`] is refused.
    pub fn from_config(config: &Config) -> Result<Option<AdminToken>, WeakAdminToken> {
        let Some(admin) = config.admin.as_ref() else {
            return Ok(None);
        };
        let token = match std::env::var(&admin.token_env) {
            Ok(token) if !token.is_empty() => zeroize::Zeroizing::new(token),
            _ => {
                tracing::warn!(var = %admin.token_env, "admin API off: its token variable is not set");
                return Ok(None);
            }
        };
        AdminToken::new(&token, &admin.token_env).map(Some)
    }

    /// A token given by value (demo mode makes one); `var` names where it came from.
    pub fn new(token: &str, var: &str) -> Result<AdminToken, WeakAdminToken> {
        if token.chars().count() < MIN_ADMIN_TOKEN_LEN {
            return Err(WeakAdminToken {
                var: var.to_owned(),
            });
        }
        Ok(AdminToken {
            digest: sha256(token.as_bytes()),
        })
    }
}

/// What the admin handlers share.
pub struct AdminState {
    vault: Arc<Vault>,
    audit: AuditLog,
    /// SHA-256 of the admin token: compared in constant time, never kept in clear.
    token_digest: [u8; 32],
    tenants: BTreeSet<String>,
    providers: BTreeSet<String>,
    /// SHA-256 of the master-key proof the audit routes also require (see
    /// [`AuditAccess`]): the admin token alone manages keys, it does not read the log.
    audit_proof_digest: [u8; 32],
}

#[derive(Clone)]
pub struct Admin(Arc<AdminState>);

impl Admin {
    /// The admin API's state for the token read at start ([`AdminToken::from_config`]);
    /// `None` when the audit access proof cannot be derived (the log says so).
    pub fn new(
        config: &Config,
        token: AdminToken,
        vault: Arc<Vault>,
        audit: AuditLog,
        master: &crate::vault::master_key::MasterKey,
    ) -> Option<Admin> {
        let proof = match crate::audit::crypto::access_proof(master) {
            Ok(proof) => proof,
            Err(e) => {
                tracing::error!(error = %e, "admin API off: the audit access proof cannot be derived");
                return None;
            }
        };
        Some(Admin(Arc::new(AdminState {
            vault,
            audit,
            token_digest: token.digest,
            tenants: config.tenants.iter().map(|t| t.id.clone()).collect(),
            providers: config.providers.iter().map(|p| p.name.clone()).collect(),
            audit_proof_digest: sha256(proof.as_bytes()),
        })))
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, bytes).as_ref());
    out
}

/// Proof that the request carried the admin token.
pub struct AdminCaller;

impl FromRequestParts<Admin> for AdminCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<AdminCaller, ApiError> {
        let presented = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "The admin API needs the admin token as Authorization: Bearer <token>.",
                )
            })?;
        // Digests of equal length, compared in constant time: the time taken says
        // nothing about how much of the token was right.
        if bool::from(sha256(presented.as_bytes()).ct_eq(&admin.0.token_digest)) {
            Ok(AdminCaller)
        } else {
            Err(ApiError::unauthorized("Incorrect admin token provided."))
        }
    }
}

/// The header carrying proof of the master key on the audit routes.
pub const AUDIT_PROOF_HEADER: &str = "x-ledgergate-audit-proof";

/// Proof that the request carried the admin token and proof of the master key: what
/// reading, exporting or erasing audit records through the admin API takes (the CLI
/// sends both; it needs the master key to decrypt when no server runs anyway).
pub struct AuditAccess;

impl FromRequestParts<Admin> for AuditAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<AuditAccess, ApiError> {
        AdminCaller::from_request_parts(parts, admin).await?;
        let presented = parts
            .headers
            .get(AUDIT_PROOF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or_default();
        if bool::from(sha256(presented.as_bytes()).ct_eq(&admin.0.audit_proof_digest)) {
            Ok(AuditAccess)
        } else {
            Err(ApiError::forbidden(
                "audit_proof_required",
                "The audit routes also need proof of the master key (header x-ledgergate-audit-proof); the ledgergate CLI sends it when it has the master key.",
            ))
        }
    }
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::route_not_found(uri.path())
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// The admin router.
pub fn router(admin: Admin) -> Router {
    Router::new()
        .route(
            "/admin/v1/virtual-keys",
            get(keys::list_virtual_keys).post(keys::create_virtual_key),
        )
        .route(
            "/admin/v1/virtual-keys/{id}",
            axum::routing::delete(keys::revoke_virtual_key),
        )
        .route("/admin/v1/provider-keys", get(keys::list_provider_keys))
        .route(
            "/admin/v1/provider-keys/{provider}",
            put(keys::put_provider_key).delete(keys::remove_provider_key),
        )
        .route("/admin/v1/audit/lines", get(audit::lines))
        .route("/admin/v1/audit/export", post(audit::export))
        .route("/admin/v1/audit/erase", post(audit::erase))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_ADMIN_BODY))
        .with_state(admin)
}
