//! A policy directory loaded and validated as a whole: every file parses, ids are
//! unique, every tenant has at most one policy, every policy a tenant names exists.
//! A set is immutable; a reload builds a new one and swaps it in only when valid.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file::{self, Policy};
use super::PolicyError;
use crate::config::TenantConfig;

#[derive(Debug)]
pub struct PolicySet {
    pub dir: PathBuf,
    /// By policy id.
    pub policies: BTreeMap<String, Arc<Policy>>,
    by_tenant: HashMap<String, Arc<Policy>>,
    /// SHA-256 over every file's name and version: which set was in force.
    pub version: String,
}

impl PolicySet {
    /// Loads every `*.toml` of `dir`. `tenants` are the config's tenants; `None` when
    /// checking a directory without a config (tenant names are then not cross-checked).
    pub fn load(dir: &Path, tenants: Option<&[TenantConfig]>) -> Result<PolicySet, PolicyError> {
        let entries = std::fs::read_dir(dir).map_err(|e| PolicyError::Read {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| PolicyError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
            files.push((path.display().to_string(), text));
        }
        PolicySet::from_files(dir, &files, tenants)
    }

    /// Validates a set of (file name, text) pairs.
    pub fn from_files(
        dir: &Path,
        files: &[(String, String)],
        tenants: Option<&[TenantConfig]>,
    ) -> Result<PolicySet, PolicyError> {
        let mut policies: BTreeMap<String, Arc<Policy>> = BTreeMap::new();
        let mut set_hash = ring::digest::Context::new(&ring::digest::SHA256);
        for (name, text) in files {
            let policy = file::parse(text, name)?;
            if let Some(other) = policies.get(&policy.id) {
                return Err(PolicyError::Conflict(format!(
                    "{name}: policy id \"{}\" is already defined in {}",
                    policy.id, other.file
                )));
            }
            set_hash.update(name.as_bytes());
            set_hash.update(&[0]);
            set_hash.update(policy.version.as_bytes());
            policies.insert(policy.id.clone(), Arc::new(policy));
        }

        let mut by_tenant: HashMap<String, Arc<Policy>> = HashMap::new();
        let mut origin: HashMap<String, String> = HashMap::new();
        for policy in policies.values() {
            for (tenant, line, column) in &policy.tenants {
                let here = format!("{}:{line}:{column}", policy.file);
                if let Some(known) = tenants {
                    if !known.iter().any(|t| &t.id == tenant) {
                        return Err(PolicyError::Conflict(format!(
                            "{here}: tenant \"{tenant}\" is not defined in the config"
                        )));
                    }
                }
                if let Some(previous) = by_tenant.get(tenant) {
                    return Err(PolicyError::Conflict(format!(
                        "{here}: tenant \"{tenant}\" already has policy \"{}\" ({}); a tenant has one policy",
                        previous.id, origin[tenant]
                    )));
                }
                by_tenant.insert(tenant.clone(), policy.clone());
                origin.insert(tenant.clone(), here);
            }
        }
        for tenant in tenants.unwrap_or(&[]) {
            let Some(wanted) = &tenant.policy else {
                continue;
            };
            let Some(policy) = policies.get(wanted) else {
                return Err(PolicyError::Conflict(format!(
                    "tenant \"{}\" names policy \"{wanted}\", which no file in {} defines (known: {})",
                    tenant.id,
                    dir.display(),
                    policies.keys().cloned().collect::<Vec<_>>().join(", ")
                )));
            };
            if let Some(previous) = by_tenant.get(&tenant.id) {
                if previous.id != policy.id {
                    return Err(PolicyError::Conflict(format!(
                        "tenant \"{}\" has two policies: \"{wanted}\" in the config and \"{}\" ({})",
                        tenant.id, previous.id, origin[&tenant.id]
                    )));
                }
            }
            by_tenant.insert(tenant.id.clone(), policy.clone());
        }

        Ok(PolicySet {
            dir: dir.to_owned(),
            policies,
            by_tenant,
            version: hex::encode(set_hash.finish()),
        })
    }

    /// The tenant's policy; `None` means the tenant may send nothing (deny by default).
    pub fn for_tenant(&self, tenant: &str) -> Option<&Arc<Policy>> {
        self.by_tenant.get(tenant)
    }
}
