//! `ledgergate keys` without a running server: the same admin actions, answered from
//! the vault opened directly (sled's lock refuses while a server holds it), each one
//! recorded in the audit log like the admin API does. Answers have the admin API's
//! JSON shape, so the command prints them the same way.

use std::collections::BTreeSet;
use std::path::Path;

use secrecy::SecretString;
use serde_json::{json, Map, Value};

use ledgergate::audit::{AuditLog, AuditOptions, EventAction, Record, RecordKind};
use ledgergate::config::Config;
use ledgergate::vault::master_key::MasterKey;
use ledgergate::vault::store::{NewVirtualKey, Vault};

pub struct Offline {
    vault: Vault,
    audit: AuditLog,
    runtime: tokio::runtime::Runtime,
    tenants: BTreeSet<String>,
    providers: BTreeSet<String>,
}

impl Offline {
    /// Opens the vault and the audit log under `data_dir` with `master`.
    pub fn open(config: &Config, data_dir: &Path, master: &MasterKey) -> Result<Offline, String> {
        let vault = Vault::open(&data_dir.join("vault"), master).map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let audit_dir = data_dir.join("audit");
        let options = AuditOptions {
            dir: audit_dir.clone(),
            ..config.audit_options()
        };
        let (audit, _) = AuditLog::open(options, master)
            .map_err(|e| format!("cannot open the audit log {}: {e}", audit_dir.display()))?;
        Ok(Offline {
            vault,
            audit,
            runtime,
            tenants: config.tenants.iter().map(|t| t.id.clone()).collect(),
            providers: config.providers.iter().map(|p| p.name.clone()).collect(),
        })
    }

    /// Closes the audit log (its final checkpoint).
    pub fn close(self) -> Result<(), String> {
        self.runtime
            .block_on(self.audit.close())
            .map_err(|e| format!("closing the audit log failed: {e}"))
    }

    fn record(&self, action: EventAction, detail: Value) -> Result<(), String> {
        let detail = match detail {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        self.runtime
            .block_on(
                self.audit
                    .append(Record::event(RecordKind::Admin, action, detail)),
            )
            .map(|_| ())
            .map_err(|e| format!("the audit log could not record the change: {e}"))
    }

    /// One admin action, routed like the admin API's paths.
    pub fn call(
        &self,
        method: &reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let body = body.unwrap_or(Value::Null);
        let segments: Vec<&str> = path.trim_start_matches("/admin/v1/").split('/').collect();
        match (method.as_str(), segments.as_slice()) {
            ("POST", ["virtual-keys"]) => self.create_virtual_key(body),
            ("GET", ["virtual-keys"]) => {
                let keys = self.vault.list_virtual_keys().map_err(|e| e.to_string())?;
                Ok(json!({"object": "list", "data": keys}))
            }
            ("DELETE", ["virtual-keys", id]) => {
                let key = self
                    .vault
                    .revoke_virtual_key(id)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("No virtual key has the id \"{id}\"."))?;
                self.record(
                    EventAction::KeyRevoked,
                    json!({"kind": "virtual_key", "id": key.id, "tenant": key.tenant}),
                )?;
                Ok(json!({"id": key.id, "revoked": true}))
            }
            ("GET", ["provider-keys"]) => {
                let keys = self.vault.list_provider_keys().map_err(|e| e.to_string())?;
                Ok(json!({"object": "list", "data": keys}))
            }
            ("PUT", ["provider-keys", provider]) => {
                if !self.providers.contains(*provider) {
                    return Err(format!(
                        "Provider \"{provider}\" is not configured; add it to [[providers]] first."
                    ));
                }
                let value = body["key"]
                    .as_str()
                    .map(SecretString::from)
                    .ok_or("the provider key is missing")?;
                let info = self
                    .vault
                    .put_provider_key(provider, &value)
                    .map_err(|e| e.to_string())?;
                self.record(
                    EventAction::KeyCreated,
                    json!({"kind": "provider_key", "provider": info.provider, "version": info.version}),
                )?;
                Ok(json!(info))
            }
            ("DELETE", ["provider-keys", provider]) => {
                if !self
                    .vault
                    .remove_provider_key(provider)
                    .map_err(|e| e.to_string())?
                {
                    return Err(format!("No key is stored for provider \"{provider}\"."));
                }
                self.record(
                    EventAction::KeyRevoked,
                    json!({"kind": "provider_key", "provider": provider}),
                )?;
                Ok(json!({"provider": provider, "removed": true}))
            }
            _ => Err(format!("{method} {path} is not an admin action")),
        }
    }

    fn create_virtual_key(&self, body: Value) -> Result<Value, String> {
        let new: NewVirtualKey = serde_json::from_value(body)
            .map_err(|e| format!("not a valid virtual key description: {e}"))?;
        if !self.tenants.contains(&new.tenant) {
            return Err(format!(
                "Tenant \"{}\" is not configured; add it to [[tenants]] first.",
                new.tenant
            ));
        }
        let (key, secret) = self
            .vault
            .create_virtual_key(new)
            .map_err(|e| e.to_string())?;
        let detail = json!({"kind": "virtual_key", "id": key.id, "tenant": key.tenant});
        if let Err(e) = self.record(EventAction::KeyCreated, detail) {
            // No key may exist without its audit record: take it back.
            let _ = self.vault.revoke_virtual_key(&key.id);
            return Err(e);
        }
        let mut out = json!(key);
        out["key"] = Value::String(secret.expose().to_owned());
        Ok(out)
    }
}
