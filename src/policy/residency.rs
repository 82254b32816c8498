//! Residency: which of the providers serving a model may receive this request, given
//! the policy, the data detected in it, and an optional narrowing by the client
//! (`x-ledgergate-residency`), with the reason each excluded provider was excluded.
//! It only ever removes providers; nothing here can add one.

use super::file::{region_matches, Policy};
use crate::config::ProviderConfig;
use crate::pii::Entity;

/// A provider that may not receive the request, and why (no secret in the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub provider: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Names of the allowed providers, in candidate order.
    pub allowed: Vec<String>,
    pub excluded: Vec<Exclusion>,
    /// The data-class rules that applied (their `when`, joined), for the audit.
    pub triggered: Vec<String>,
}

impl Verdict {
    /// One sentence for a 403: why nothing remained.
    pub fn denial(&self, policy: &str) -> String {
        let reasons: Vec<String> = self
            .excluded
            .iter()
            .map(|e| format!("{}: {}", e.provider, e.reason))
            .collect();
        format!(
            "No provider may receive this request under policy \"{policy}\" ({}).",
            reasons.join("; ")
        )
    }
}

/// Parses `x-ledgergate-residency`: comma-separated regions or jurisdictions.
pub fn parse_narrowing(header: &str) -> Result<Vec<String>, String> {
    let items: Vec<String> = header
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty()
        || items.iter().any(|i| {
            !i.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    {
        return Err("the x-ledgergate-residency header must list regions or jurisdictions, e.g. \"eu\" or \"eu-west,EU\"".into());
    }
    Ok(items)
}

fn in_regions(patterns: &[String], region: &str) -> bool {
    patterns.iter().any(|p| region_matches(p, region))
}

fn in_jurisdictions(list: &[String], jurisdiction: &str) -> bool {
    list.iter().any(|j| j.eq_ignore_ascii_case(jurisdiction))
}

/// Filters `candidates` for a request in which `detected` entities were found.
pub fn evaluate(
    policy: &Policy,
    detected: &[Entity],
    candidates: &[&ProviderConfig],
    narrowing: Option<&[String]>,
) -> Verdict {
    let triggered: Vec<_> = policy
        .rules
        .iter()
        .filter(|r| r.entities.iter().any(|e| detected.contains(e)))
        .collect();
    let mut verdict = Verdict {
        triggered: triggered.iter().map(|r| r.when.join("+")).collect(),
        ..Verdict::default()
    };
    for provider in candidates {
        let reason = exclusion(policy, &triggered, detected, provider, narrowing);
        match reason {
            None => verdict.allowed.push(provider.name.clone()),
            Some(reason) => verdict.excluded.push(Exclusion {
                provider: provider.name.clone(),
                reason,
            }),
        }
    }
    verdict
}

fn exclusion(
    policy: &Policy,
    triggered: &[&super::file::DataRule],
    detected: &[Entity],
    p: &ProviderConfig,
    narrowing: Option<&[String]>,
) -> Option<String> {
    let r = &policy.residency;
    if let Some(regions) = &r.regions {
        if !in_regions(regions, &p.region) {
            return Some(format!(
                "region {} is outside the policy's regions ({})",
                p.region,
                regions.join(", ")
            ));
        }
    }
    if let Some(jurisdictions) = &r.jurisdictions {
        if !in_jurisdictions(jurisdictions, &p.jurisdiction) {
            return Some(format!(
                "jurisdiction {} is outside the policy's jurisdictions ({})",
                p.jurisdiction,
                jurisdictions.join(", ")
            ));
        }
    }
    if let Some(missing) = r
        .certifications
        .iter()
        .find(|c| !p.certifications.contains(c))
    {
        return Some(format!(
            "lacks certification {missing}, which the policy requires"
        ));
    }
    for rule in triggered {
        let found: Vec<&str> = rule
            .entities
            .iter()
            .filter(|e| detected.contains(e))
            .map(Entity::name)
            .collect();
        let because = format!(
            "because {} was detected ({})",
            rule.when.join(", "),
            found.join(", ")
        );
        if let Some(missing) = rule
            .require_certifications
            .iter()
            .find(|c| !p.certifications.contains(c))
        {
            return Some(format!("lacks certification {missing}, required {because}"));
        }
        if let Some(regions) = &rule.require_regions {
            if !in_regions(regions, &p.region) {
                return Some(format!(
                    "region {} is outside {}, required {because}",
                    p.region,
                    regions.join(", ")
                ));
            }
        }
        if let Some(jurisdictions) = &rule.require_jurisdictions {
            if !in_jurisdictions(jurisdictions, &p.jurisdiction) {
                return Some(format!(
                    "jurisdiction {} is outside {}, required {because}",
                    p.jurisdiction,
                    jurisdictions.join(", ")
                ));
            }
        }
    }
    if let Some(wanted) = narrowing {
        if !(in_regions(wanted, &p.region) || in_jurisdictions(wanted, &p.jurisdiction)) {
            return Some(format!(
                "region {} ({}) is outside the residency the client asked for ({})",
                p.region,
                p.jurisdiction,
                wanted.join(", ")
            ));
        }
    }
    None
}
