//! `ledgergate serve`: the gateway from a config file, or `--demo` on an embedded default
//! with a local echo provider.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use ledgergate::config::{
    AdminConfig, Config, MasterKeySource, ProviderConfig, ProviderKind, TenantConfig,
};
use ledgergate::policy::{Policies, PolicySet};
use ledgergate::server::{self, echo::ECHO_MODEL, KeyStore, Listening, Startup};
use ledgergate::telemetry;
use ledgergate::vault::master_key::MasterKey;

#[derive(Args)]
pub struct ServeArgs {
    /// The config file (default: ./ledgergate.toml).
    #[arg(long, value_name = "FILE", conflicts_with = "demo")]
    config: Option<PathBuf>,
    /// Start on an embedded default with a local echo provider (for trying it out).
    #[arg(long)]
    demo: bool,
    /// Listen address, overriding server.listen.
    #[arg(long, value_name = "ADDR")]
    listen: Option<std::net::SocketAddr>,
    /// Data directory, overriding data.dir.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Policy directory, overriding policy.dir.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Start even though `audit verify` would fail: the damage is accepted and recorded
    /// in the audit log itself. Without it, a damaged log refuses to start.
    #[arg(long)]
    accept_damage: bool,
}

/// The policy the demo uses when no --policies is given.
const DEMO_POLICY: &str = include_str!("../../policies/default.toml");

const DEMO_TENANT: &str = "demo";
const DEMO_KEY_ID: &str = "demo-key";
/// The variable the printed audit commands pass the demo admin token in.
const DEMO_ADMIN_TOKEN_ENV: &str = "LEDGERGATE_ADMIN_TOKEN";
/// The config file the demo writes beside its data for the audit commands.
const DEMO_CONFIG: &str = "demo.toml";

pub fn run(args: ServeArgs) -> ExitCode {
    crate::purge_during_startup();
    // The config file is read before the runtime starts: its `[server] workers` sizes
    // the runtime. The demo's config is made on the runtime (it starts the echo
    // provider), with one worker a core.
    let loaded = if args.demo {
        None
    } else {
        match load(&args) {
            Ok(loaded) => Some(loaded),
            Err(message) => return super::fail(message),
        }
    };
    let workers = loaded
        .as_ref()
        .and_then(|(config, _)| config.server.workers);
    let runtime = match super::listen::runtime(workers) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    runtime.block_on(async move {
        match start(args, loaded).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(Stop::Usage(message)) => super::fail(message),
            Err(Stop::Check(message)) => {
                eprintln!("ledgergate: {message}");
                ExitCode::from(1)
            }
        }
    })
}

/// The config file `--config` names (or `./ledgergate.toml`), and its path.
fn load(args: &ServeArgs) -> Result<(Config, PathBuf), String> {
    let path = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from("ledgergate.toml"));
    if args.config.is_none() && !path.exists() {
        return Err("no ledgergate.toml in this directory: pass --config FILE, or --demo to try the gateway".into());
    }
    let config = Config::load(&path).map_err(|e| e.to_string())?;
    Ok((config, path))
}

/// Why `serve` stopped: a usage or I/O error (exit 2), or a failed check (exit 1: the
/// audit log does not extend what its witnesses cosigned).
enum Stop {
    Usage(String),
    Check(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Usage(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Usage(message.to_owned())
    }
}

/// Serves with the config `run` loaded (`None`: the demo's).
async fn start(args: ServeArgs, loaded: Option<(Config, PathBuf)>) -> Result<(), Stop> {
    let (mut config, demo_key, config_file) = match loaded {
        Some((config, path)) => (config, None, Some(path)),
        None => {
            let (config, key) = demo_config().await?;
            (config, key, None)
        }
    };
    if let Some(listen) = args.listen {
        config.server.listen = listen;
    }
    if let Some(dir) = args.data_dir {
        config.data.dir = dir;
    }
    let explicit_policies = args.policies.is_some();
    if let Some(dir) = args.policies {
        config.policy.dir = dir;
    }
    telemetry::init_logging(&config.log);
    // Refusals that need no secret and change nothing come first.
    server::check_listener(&config.server).map_err(|e| e.to_string())?;
    let demo_admin_token = args.demo.then(demo_admin_token);
    let admin_token = match &demo_admin_token {
        Some(token) => Some(
            server::AdminToken::new(token, "LEDGERGATE_DEMO_ADMIN_TOKEN")
                .map_err(|e| e.to_string())?,
        ),
        None => server::AdminToken::from_config(&config).map_err(|e| e.to_string())?,
    };

    let mut keys = KeyStore::from_tenants(&config.tenants).map_err(|e| e.to_string())?;
    if let Some(key) = &demo_key {
        keys.insert(DEMO_TENANT, DEMO_KEY_ID, key)
            .map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&config.data.dir).map_err(|e| {
        format!(
            "cannot create the data directory {}: {e}",
            config.data.dir.display()
        )
    })?;
    let master = if args.demo {
        demo_master_key(&config.data.dir)?
    } else {
        MasterKey::from_source(&config.data.master_key).map_err(|e| e.to_string())?
    };
    let policies = if args.demo && !explicit_policies {
        let set = PolicySet::from_files(
            std::path::Path::new("<embedded>"),
            &[("<embedded>/default.toml".to_owned(), DEMO_POLICY.to_owned())],
            Some(&config.tenants),
        )
        .map_err(|e| e.to_string())?;
        Policies::from_set(set, config.tenants.clone())
    } else {
        Policies::load(config.policy.dir.clone(), config.tenants.clone())
            .map_err(|e| e.to_string())?
    };
    let demo = match (&demo_key, demo_admin_token) {
        (Some(key), Some(admin_token)) => Some(Demo {
            key: key.clone(),
            admin_token,
            data_dir: std::path::absolute(&config.data.dir).map_err(|e| {
                format!(
                    "cannot resolve the data directory {}: {e}",
                    config.data.dir.display()
                )
            })?,
        }),
        _ => None,
    };
    let startup = Startup {
        keys,
        master,
        policies,
        accept_damage: args.accept_damage,
        config_file,
        admin_token,
    };

    server::serve(config, startup, |listening| {
        crate::release_startup_memory();
        // Printed before the main line: scripts that wait for "listening on" find it.
        if let Some(admin) = &listening.admin {
            println!("ledgergate admin API listening on {admin}");
        }
        println!("ledgergate listening on {}", listening.base_url());
        if let Some(demo) = &demo {
            demo.print_banner(listening);
        }
    })
    .await
    .map_err(|e| match e {
        server::ServeError::Witness(ledgergate::witness::gateway::StartRefusal::Check(m)) => {
            Stop::Check(m)
        }
        server::ServeError::Anchor(ledgergate::cluster::anchors::AnchorRefusal::Check(m)) => {
            Stop::Check(m)
        }
        e => Stop::Usage(e.to_string()),
    })
}

/// What the demo banner shows besides the addresses.
struct Demo {
    key: SecretString,
    admin_token: Zeroizing<String>,
    data_dir: PathBuf,
}

/// The demo's admin token: `LEDGERGATE_DEMO_ADMIN_TOKEN` when set (scripts), else made.
fn demo_admin_token() -> Zeroizing<String> {
    match std::env::var("LEDGERGATE_DEMO_ADMIN_TOKEN") {
        Ok(token) if !token.is_empty() => Zeroizing::new(token),
        _ => Zeroizing::new(format!(
            "lg-demo-admin-{}",
            hex::encode(rand::random::<[u8; 24]>())
        )),
    }
}

/// The embedded demo: an echo provider on a loopback port, one tenant, one virtual key
/// (from `LEDGERGATE_DEMO_KEY` when set, else generated), data under ./ledgergate-data.
async fn demo_config() -> Result<(Config, Option<SecretString>), String> {
    let echo = server::spawn_echo_provider()
        .await
        .map_err(|e| format!("cannot start the demo echo provider: {e}"))?;
    let mut config = Config::default();
    config.data.dir = PathBuf::from("./ledgergate-data");
    config.data.master_key = MasterKeySource::Env("LEDGERGATE_MASTER_KEY".into());
    config.providers.push(ProviderConfig {
        name: "demo-echo".into(),
        kind: ProviderKind::OpenAi,
        base_url: echo,
        api_key_env: None,
        region: "local".into(),
        jurisdiction: "local".into(),
        certifications: vec![],
        models: vec![ECHO_MODEL.into()],
        azure: None,
        weight: 1,
        plaintext_beyond_loopback: false,
    });
    // Common model names work as printed in SDK examples.
    for alias in ["gpt-4o-mini", "gpt-4o"] {
        config.aliases.insert(alias.into(), ECHO_MODEL.into());
    }
    // The admin API on a loopback port of its own, so `audit tail` can decrypt through
    // the running demo (the banner prints the commands and the demo admin token).
    config.admin = Some(AdminConfig {
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        token_env: DEMO_ADMIN_TOKEN_ENV.into(),
        tls: None,
        auditors: Vec::new(),
    });
    config.tenants.push(TenantConfig {
        id: DEMO_TENANT.into(),
        policy: Some("default".into()),
        keys: vec![],
        limits: Default::default(),
    });
    let key = match std::env::var("LEDGERGATE_DEMO_KEY") {
        Ok(k) if !k.is_empty() => k,
        _ => format!("lg-demo-{}", hex::encode(rand::random::<[u8; 24]>())),
    };
    Ok((config, Some(SecretString::from(key))))
}

/// Demo mode keeps a generated master key beside its data, which a real deployment
/// must never do; the banner says so.
fn demo_master_key(dir: &std::path::Path) -> Result<MasterKey, String> {
    let path = dir.join("demo-master.key");
    if !path.exists() {
        let key = hex::encode(rand::random::<[u8; 32]>());
        write_private(&path, key.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    MasterKey::from_file(&path).map_err(|e| e.to_string())
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

impl Demo {
    /// The banner: the demo key and ready commands, each working as printed. The audit
    /// commands read `DATA/demo.toml`, written here with the addresses just bound.
    fn print_banner(&self, listening: &Listening) {
        let url = listening.base_url();
        // The demo key and admin token are printed on purpose: demo mode exists to be
        // tried by hand, on a loopback admin API, with a master key kept beside the data.
        let key = self.key.expose_secret();
        let trail = match self.write_config(listening) {
            Ok(config) => {
                let exe = std::env::current_exe()
                    .map(|p| shell_quote(&p.to_string_lossy()))
                    .unwrap_or_else(|_| "ledgergate".into());
                let data = shell_quote(&self.data_dir.to_string_lossy());
                let config = shell_quote(&config.to_string_lossy());
                let token = self.admin_token.as_str();
                let admin = listening.admin.as_deref().unwrap_or_default();
                format!(
                    r#"
  The demo's admin API: {admin} (demo admin token: {token})
  Show the audit trail while the demo runs, decrypted through the admin API:
    {DEMO_ADMIN_TOKEN_ENV}={token} {exe} audit tail --config {config}
  Verify the whole chain (needs no secret):
    {exe} audit verify --data-dir {data}
"#
                )
            }
            Err(e) => format!("\n  (the audit commands are not shown: {e})\n"),
        };
        println!(
            r#"
  DEMO MODE: for trying ledgergate out, not for real data.
  Upstream: a local echo provider that answers with what it received, so you see
  what left the gateway after redaction (policy: policies/default.toml, embedded).
  The demo's master key is kept in ledgergate-data/demo-master.key: demos only.

  Demo virtual key: {key}

  Try it with curl (the IBAN is masked before it leaves; the email is tokenized and
  restored in the answer; the audit log keeps what the provider really received):
    curl -s {url}/v1/chat/completions -H "Authorization: Bearer {key}" -H "Content-Type: application/json" -d '{{"model": "{ECHO_MODEL}", "messages": [{{"role": "user", "content": "I am Jane Doe. Refund IBAN DE89370400440532013000, then write to jane.doe@example.com"}}]}}'

  Or with the official Python SDK (pip install openai):
    python3 -c 'from openai import OpenAI; c = OpenAI(base_url="{url}/v1", api_key="{key}"); print(c.chat.completions.create(model="{ECHO_MODEL}", messages=[{{"role": "user", "content": "Hello from Python"}}]).choices[0].message.content)'

  Or with the Anthropic SDK (pip install anthropic), through /v1/messages:
    python3 -c 'import anthropic; c = anthropic.Anthropic(base_url="{url}", api_key="{key}"); print(c.messages.create(model="{ECHO_MODEL}", max_tokens=256, messages=[{{"role": "user", "content": "Hello from Anthropic"}}]).content[0].text)'

  Streaming:
    curl -sN {url}/v1/chat/completions -H "Authorization: Bearer {key}" -H "Content-Type: application/json" -d '{{"model": "{ECHO_MODEL}", "stream": true, "messages": [{{"role": "user", "content": "Stream this back"}}]}}'
{trail}"#
        );
    }

    /// `DATA/demo.toml`: the demo's data directory, master key file and admin address,
    /// for the audit commands (no secret in it: the admin token stays in the variable).
    fn write_config(&self, listening: &Listening) -> Result<PathBuf, String> {
        let admin = listening
            .admin
            .as_deref()
            .and_then(|url| url.strip_prefix("http://"))
            .ok_or("the demo admin API is not listening")?;
        let path = self.data_dir.join(DEMO_CONFIG);
        let text = format!(
            "# Written by `ledgergate serve --demo` at each start, for the audit commands the\n\
             # banner prints. Demo only: the master key file sits beside the data.\n\
             [admin]\nlisten = \"{admin}\"\ntoken_env = \"{DEMO_ADMIN_TOKEN_ENV}\"\n\n\
             [data]\ndir = {dir}\nmaster_key_file = {key}\n",
            dir = toml_string(&self.data_dir),
            key = toml_string(&self.data_dir.join("demo-master.key")),
        );
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }
}

/// A path as a TOML basic string.
fn toml_string(path: &std::path::Path) -> String {
    toml::Value::String(path.to_string_lossy().into_owned()).to_string()
}

/// A word as `sh` reads it back: unquoted when it is plain, else in single quotes.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+:=@".contains(&b));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
