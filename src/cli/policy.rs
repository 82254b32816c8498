//! `ledgergate policy check [DIR]` and `ledgergate policy explain --tenant T`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;

use ledgergate::config::Config;
use ledgergate::policy::{self, PolicyError, PolicySet};
use ledgergate::vault::pseudonym::PseudonymKeys;

#[derive(Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    command: PolicyCommand,
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Validate every policy file of a directory (default: the config's policy.dir).
    Check {
        /// The policy directory.
        dir: Option<PathBuf>,
        /// Also check tenants against this config.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Show what the tenant's policy does to a text read from stdin: what is detected,
    /// what the provider would receive, which providers remain allowed and why.
    Explain {
        #[arg(long)]
        tenant: String,
        /// The config (providers, tenants; default ./ledgergate.toml).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The policy directory, overriding the config's.
        #[arg(long, value_name = "DIR")]
        policies: Option<PathBuf>,
        /// Only providers serving this model (default: every provider).
        #[arg(long)]
        model: Option<String>,
        /// As the x-ledgergate-residency header would narrow it.
        #[arg(long)]
        residency: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: PolicyArgs) -> ExitCode {
    match args.command {
        PolicyCommand::Check { dir, config } => check(dir, config),
        PolicyCommand::Explain {
            tenant,
            config,
            policies,
            model,
            residency,
            json,
        } => match explain(&tenant, config, policies, model, residency, json) {
            Ok(code) => code,
            Err(e) => super::fail(e),
        },
    }
}

/// Exit 1 for an invalid policy (a check failed), 2 for what could not be read.
fn policy_failure(e: &PolicyError) -> ExitCode {
    eprintln!("ledgergate: {e}");
    match e {
        PolicyError::Read { .. } => ExitCode::from(2),
        PolicyError::Invalid { .. } | PolicyError::Conflict(_) => ExitCode::from(1),
    }
}

fn check(dir: Option<PathBuf>, config: Option<PathBuf>) -> ExitCode {
    let config = match config.as_deref().map(Config::load).transpose() {
        Ok(c) => c,
        Err(e) => return super::fail(e),
    };
    let dir = dir
        .or_else(|| config.as_ref().map(|c| c.policy.dir.clone()))
        .unwrap_or_else(|| PathBuf::from("./policies"));
    match PolicySet::load(&dir, config.as_ref().map(|c| c.tenants.as_slice())) {
        Ok(set) => {
            let ids: Vec<&str> = set.policies.keys().map(String::as_str).collect();
            println!(
                "{}: {} {} valid ({}); set version {}",
                dir.display(),
                ids.len(),
                if ids.len() == 1 { "policy" } else { "policies" },
                ids.join(", "),
                &set.version[..16]
            );
            ExitCode::SUCCESS
        }
        Err(e) => policy_failure(&e),
    }
}

fn explain(
    tenant: &str,
    config: Option<PathBuf>,
    policies: Option<PathBuf>,
    model: Option<String>,
    residency: Option<String>,
    as_json: bool,
) -> Result<ExitCode, String> {
    let path = config.unwrap_or_else(|| PathBuf::from("ledgergate.toml"));
    let config = Config::load(&path).map_err(|e| e.to_string())?;
    let dir = policies.unwrap_or_else(|| config.policy.dir.clone());
    let set = match PolicySet::load(&dir, Some(&config.tenants)) {
        Ok(set) => set,
        Err(e) => return Ok(policy_failure(&e)),
    };
    if !config.tenants.iter().any(|t| t.id == tenant) {
        return Err(format!(
            "tenant \"{tenant}\" is not defined in {}",
            path.display()
        ));
    }
    let Some(policy) = set.for_tenant(tenant) else {
        println!("tenant {tenant} has no policy: every request is refused (deny by default)");
        return Ok(ExitCode::SUCCESS);
    };
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the text from stdin: {e}"))?;

    // The `hash` action's output depends on the tenant key; explain shows its shape with a
    // key derived from zeros, never from the real master key.
    let keys = PseudonymKeys::derive(&ledgergate::vault::master_key::MasterKey::from_bytes(
        [0; 32],
    ));
    let mut fields = Single(text.clone());
    let screened = policy.screen(&mut fields, &keys.key_for(tenant));
    let narrowing = residency
        .as_deref()
        .map(policy::parse_narrowing)
        .transpose()?;
    let candidates: Vec<_> = config
        .providers
        .iter()
        .filter(|p| model.as_ref().is_none_or(|m| p.models.contains(m)))
        .collect();

    let findings: Vec<_> = policy
        .engine
        .scan(&text)
        .into_iter()
        .map(|f| json!({"entity": f.entity.name(), "start": f.start, "end": f.end, "action": policy.engine.action_for(&f.entity).as_str()}))
        .collect();
    let (sent, blocked, verdict) = match &screened {
        Ok(s) => (
            Some(fields.0.clone()),
            None,
            Some(policy::evaluate(
                policy,
                &s.detected(),
                &candidates,
                narrowing.as_deref(),
            )),
        ),
        Err(ledgergate::pii::RedactError::Blocked(b)) => {
            (None, Some(b.entity.name().to_owned()), None)
        }
        Err(e @ ledgergate::pii::RedactError::TooManyFindings(_)) => return Err(e.to_string()),
    };
    if as_json {
        let out = json!({
            "tenant": tenant, "policy": policy.id, "version": policy.version,
            "findings": findings, "sent": sent, "blocked": blocked,
            "allowed": verdict.as_ref().map(|v| v.allowed.clone()),
            "excluded": verdict.as_ref().map(|v| v.excluded.iter().map(|e| json!({"provider": e.provider, "reason": e.reason})).collect::<Vec<_>>()),
            "rules_triggered": verdict.as_ref().map(|v| v.triggered.clone()),
        });
        println!("{out}");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "tenant {tenant}: policy {} (version {})",
        policy.id,
        &policy.version[..16]
    );
    println!("detected:");
    if findings.is_empty() {
        println!("  nothing");
    }
    for f in &findings {
        println!(
            "  {} at bytes {}..{}: {}",
            f["entity"].as_str().unwrap_or(""),
            f["start"],
            f["end"],
            f["action"].as_str().unwrap_or("")
        );
    }
    match (sent, blocked, verdict) {
        (_, Some(entity), _) => {
            println!("refused: the policy blocks {entity}; nothing would be sent")
        }
        (Some(sent), None, Some(verdict)) => {
            println!(
                "the provider would receive:\n  {}",
                sent.trim_end().replace('\n', "\n  ")
            );
            for rule in &verdict.triggered {
                println!("rule triggered: when {rule}");
            }
            println!(
                "providers allowed: {}",
                if verdict.allowed.is_empty() {
                    "none (the request would get 403)".to_owned()
                } else {
                    verdict.allowed.join(", ")
                }
            );
            for e in &verdict.excluded {
                println!("  excluded {}: {}", e.provider, e.reason);
            }
        }
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// One text as the only text field.
struct Single(String);

impl ledgergate::openai::TextFields for Single {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        f(&mut self.0)
    }
}
