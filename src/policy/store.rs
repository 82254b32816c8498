//! The policy set in force, hot-swappable. A reload validates the whole directory
//! before it replaces the old set; on any error the old set stays in force.

use std::path::PathBuf;
use std::sync::Arc;

use arc_swap::ArcSwap;

use super::{PolicyError, PolicySet};
use crate::config::TenantConfig;

pub struct Policies {
    current: ArcSwap<PolicySet>,
    dir: PathBuf,
    tenants: Vec<TenantConfig>,
    /// Serializes reloads so two concurrent ones cannot swap out of order.
    reloading: std::sync::Mutex<()>,
}

impl Policies {
    pub fn load(dir: PathBuf, tenants: Vec<TenantConfig>) -> Result<Policies, PolicyError> {
        let set = PolicySet::load(&dir, Some(&tenants))?;
        Ok(Policies {
            current: ArcSwap::from_pointee(set),
            dir,
            tenants,
            reloading: std::sync::Mutex::new(()),
        })
    }

    /// Wraps an already validated set (demo mode's embedded policy).
    pub fn from_set(set: PolicySet, tenants: Vec<TenantConfig>) -> Policies {
        Policies {
            dir: set.dir.clone(),
            current: ArcSwap::from_pointee(set),
            tenants,
            reloading: std::sync::Mutex::new(()),
        }
    }

    /// The set in force; a request holds this one `Arc` from start to end.
    pub fn current(&self) -> Arc<PolicySet> {
        self.current.load_full()
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Re-reads the directory. `Ok(Some(set))` when a new version is now in force,
    /// `Ok(None)` when nothing changed, `Err` when the new files are invalid (the old
    /// set stays in force).
    pub fn reload(&self) -> Result<Option<Arc<PolicySet>>, PolicyError> {
        let _one_at_a_time = self
            .reloading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let set = PolicySet::load(&self.dir, Some(&self.tenants))?;
        if set.version == self.current.load().version {
            return Ok(None);
        }
        let set = Arc::new(set);
        self.current.store(set.clone());
        Ok(Some(set))
    }
}
