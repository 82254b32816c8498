//! The admin API: its own listener (`[admin] listen`) and its own bearer token (read
//! from the variable `[admin] token_env`; unset means the admin API is off). JSON in
//! and out, errors in OpenAI's shape through [`ApiError`]. Every change it makes is
//! appended to the audit log (ids only, never a secret) before it answers.
//!
//! Two roles: the admin token manages keys (and, with proof of the master key, reads,
//! exports and erases audit records); an auditor token of `[[admin.auditors]]` reaches
//! the console's read-only routes only ([`Viewer`]) and gets 403 everywhere else.

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
use crate::config::{Config, ContentGrant};
use crate::vault::store::Vault;

/// Largest admin request body (a provider key or a key description).
const MAX_ADMIN_BODY: usize = 64 * 1024;

/// Shortest admin token accepted. The token manages every key of the gateway; 32
/// characters of `openssl rand -hex 32` carry 128 bits, beyond guessing.
pub const MIN_ADMIN_TOKEN_LEN: usize = 32;

/// The admin token and the auditor tokens, read once at start: only SHA-256s are kept.
pub struct AdminToken {
    digest: [u8; 32],
    auditors: Vec<AuditorToken>,
}

/// One auditor's token digest, id and content grant.
struct AuditorToken {
    digest: [u8; 32],
    id: String,
    content: ContentGrant,
}

/// An admin token that cannot be used. Names the variable, never the value.
#[derive(Debug, thiserror::Error)]
#[error("the token in environment variable {var} is shorter than {MIN_ADMIN_TOKEN_LEN} characters or equal to the admin token: set it to at least {MIN_ADMIN_TOKEN_LEN} random characters of its own (for example from `openssl rand -hex 32`), or unset it to turn that role off")]
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
        let mut token = AdminToken::new(&token, &admin.token_env)?;
        for auditor in &admin.auditors {
            match std::env::var(&auditor.token_env) {
                Ok(value) if !value.is_empty() => {
                    let value = zeroize::Zeroizing::new(value);
                    token.add_auditor(&auditor.id, &value, &auditor.token_env, auditor.content)?;
                }
                _ => {
                    tracing::warn!(auditor = %auditor.id, var = %auditor.token_env, "auditor off: its token variable is not set");
                }
            }
        }
        Ok(Some(token))
    }

    /// Adds an auditor's token (as short tokens are refused for the admin, so for them).
    pub fn add_auditor(
        &mut self,
        id: &str,
        token: &str,
        var: &str,
        content: ContentGrant,
    ) -> Result<(), WeakAdminToken> {
        let digest = AdminToken::new(token, var)?.digest;
        // The same secret for two roles would let the auditor act as the administrator.
        if bool::from(digest.ct_eq(&self.digest)) {
            return Err(WeakAdminToken {
                var: var.to_owned(),
            });
        }
        self.auditors.push(AuditorToken {
            digest,
            id: id.to_owned(),
            content,
        });
        Ok(())
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
            auditors: Vec::new(),
        })
    }
}

/// What the admin handlers share.
pub struct AdminState {
    vault: Arc<Vault>,
    audit: AuditLog,
    /// SHA-256 of the admin token: compared in constant time, never kept in clear.
    token_digest: [u8; 32],
    auditors: Vec<AuditorToken>,
    tenants: BTreeSet<String>,
    providers: BTreeSet<String>,
    /// SHA-256 of the master-key proof the audit routes also require (see
    /// [`AuditAccess`]): the admin token alone manages keys, it does not read the log.
    audit_proof_digest: [u8; 32],
    /// What the console shows: the live log, the policies in force.
    console: Arc<crate::console::source::Source>,
    /// A cluster node's shared erasures: an erasure here reaches every node.
    erasures: Option<Arc<crate::cluster::erasure::Erasures>>,
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
        policies: Arc<crate::policy::Policies>,
        erasures: Option<Arc<crate::cluster::erasure::Erasures>>,
    ) -> Option<Admin> {
        let proof = match crate::audit::crypto::access_proof(master) {
            Ok(proof) => proof,
            Err(e) => {
                tracing::error!(error = %e, "admin API off: the audit access proof cannot be derived");
                return None;
            }
        };
        let console = crate::console::source::Live::new(
            audit.clone(),
            &config.data.dir,
            policies,
            config.audit.checkpoint_interval,
        );
        Some(Admin(Arc::new(AdminState {
            vault,
            audit,
            console: Arc::new(crate::console::source::Source::Live(console)),
            token_digest: token.digest,
            auditors: token.auditors,
            tenants: config.tenants.iter().map(|t| t.id.clone()).collect(),
            providers: config.providers.iter().map(|p| p.name.clone()).collect(),
            audit_proof_digest: sha256(proof.as_bytes()),
            erasures,
        })))
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, bytes).as_ref());
    out
}

/// Whose token a request carried.
enum Role {
    Admin,
    /// The index of the auditor in [`AdminState::auditors`].
    Auditor(usize),
}

impl Admin {
    /// The role of the bearer token of `parts`: 401 when it is missing or nobody's.
    fn role(&self, parts: &Parts) -> Result<Role, ApiError> {
        let presented = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "The admin API needs the admin token or an auditor token as Authorization: Bearer <token>.",
                )
            })?;
        // Digests of equal length, compared in constant time, every one of them: the
        // time taken says nothing about how much of a token was right, or whose.
        let presented = sha256(presented.as_bytes());
        let mut role = None;
        if bool::from(presented.ct_eq(&self.0.token_digest)) {
            role = Some(Role::Admin);
        }
        for (i, auditor) in self.0.auditors.iter().enumerate() {
            if bool::from(presented.ct_eq(&auditor.digest)) && role.is_none() {
                role = Some(Role::Auditor(i));
            }
        }
        role.ok_or_else(|| ApiError::unauthorized("Incorrect admin token provided."))
    }

    fn proves_master_key(&self, parts: &Parts) -> bool {
        let presented = parts
            .headers
            .get(AUDIT_PROOF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or_default();
        bool::from(sha256(presented.as_bytes()).ct_eq(&self.0.audit_proof_digest))
    }

    /// Who may look at the trail through the console: an auditor (with the content
    /// grant the operator gave), or the admin token with proof of the master key (who
    /// could decrypt everything anyway). 401 for no token, 403 for the admin token
    /// without the proof.
    pub fn viewer(&self, parts: &Parts) -> Result<Viewer, ApiError> {
        match self.role(parts)? {
            Role::Auditor(i) => {
                let auditor = &self.0.auditors[i];
                Ok(Viewer {
                    who: auditor.id.clone(),
                    content: auditor.content,
                })
            }
            Role::Admin if self.proves_master_key(parts) => Ok(Viewer {
                who: "admin".into(),
                content: ContentGrant::Full,
            }),
            Role::Admin => Err(proof_required()),
        }
    }
}

/// Someone allowed to read the trail through the console, and how much content.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The auditor's id, `admin` for the operator, `bundle` for `audit view`.
    pub who: String,
    pub content: ContentGrant,
}

/// Proof that the request carried the admin token.
pub struct AdminCaller;

impl FromRequestParts<Admin> for AdminCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<AdminCaller, ApiError> {
        match admin.role(parts)? {
            Role::Admin => Ok(AdminCaller),
            // Read-only by design: key management, erasure and the decrypting routes
            // are the operator's.
            Role::Auditor(_) => Err(ApiError::forbidden(
                "auditor_read_only",
                "An auditor token reads, verifies and exports the audit trail through the console routes only; this route needs the admin token.",
            )),
        }
    }
}

fn proof_required() -> ApiError {
    ApiError::forbidden(
        "audit_proof_required",
        "The audit routes also need proof of the master key (header x-ledgergate-audit-proof); the ledgergate CLI sends it when it has the master key.",
    )
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
        if admin.proves_master_key(parts) {
            Ok(AuditAccess)
        } else {
            Err(proof_required())
        }
    }
}

/// Appends an admin event record (ids only, never a secret) and fails closed: an
/// action or access that cannot be audited is refused (503).
pub(in crate::server) async fn append_event(
    audit: &AuditLog,
    action: crate::audit::record::EventAction,
    detail: serde_json::Map<String, serde_json::Value>,
) -> Result<(), ApiError> {
    use crate::audit::record::{Record, RecordKind};
    audit
        .append(Record::event(RecordKind::Admin, action, detail))
        .await
        .map(|_| ())
        .map_err(|e| {
            tracing::error!(error = %e, "an admin action could not be audited");
            ApiError::audit_unavailable()
        })
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::route_not_found(uri.path())
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// The admin router, with the auditor's console beside it.
pub fn router(admin: Admin) -> Router {
    let console = super::console::admin_routes(admin.clone(), admin.0.console.clone())
        .layer(axum::extract::DefaultBodyLimit::max(MAX_ADMIN_BODY));
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
        .route("/admin/v1/audit/export-files", post(audit::export_files))
        .route("/admin/v1/audit/erase", post(audit::erase))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_ADMIN_BODY))
        .with_state(admin)
        .merge(console)
}
