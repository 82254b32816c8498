//! Configuration: `ledgergate.toml` read into raw serde structs (unknown keys rejected),
//! then validated once into [`Config`], whose fields cannot hold an invalid state.
//! Every error names the file, line and column at fault. Secrets referenced by the
//! config (provider keys, virtual keys) are read from the environment by the caller
//! at start-up, never stored here.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

pub use crate::audit::Durability;

mod cluster;
mod routing;
pub use crate::limits::Limits;
pub use cluster::{ClusterConfig, RedisFailure};
pub use routing::{BreakerConfig, ModelRouting, RoutingConfig, Strategy};

/// A configuration that failed to load: one sentence naming the place at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub server: ServerConfig,
    pub admin: Option<AdminConfig>,
    pub data: DataConfig,
    pub policy: PolicyConfig,
    pub audit: AuditConfig,
    pub log: LogConfig,
    pub upstream: UpstreamConfig,
    pub providers: Vec<ProviderConfig>,
    /// Alias name to the served model it stands for.
    pub aliases: BTreeMap<String, String>,
    pub tenants: Vec<TenantConfig>,
    /// Prices per provider (or any provider) and model.
    pub pricing: Vec<Price>,
    /// Routing strategy, retries and circuit breakers.
    pub routing: RoutingConfig,
    /// `[cluster]`: shared state in PostgreSQL and Redis; `None`: one node, embedded stores.
    pub cluster: Option<ClusterConfig>,
}

/// What a model costs, per million tokens, in `currency`.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    /// `None`: the price applies whichever provider serves the model.
    pub provider: Option<String>,
    pub model: String,
    pub input_per_million: f64,
    /// Defaults to the input price.
    pub cached_input_per_million: f64,
    pub output_per_million: f64,
    pub currency: String,
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub tls: Option<TlsFiles>,
    /// Largest request body accepted; larger bodies get 413.
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers) accepted; a larger one gets 431.
    /// It is also the size of each HTTP/1 connection's read buffer, which a streaming
    /// request holds for its whole life (README "Memory").
    pub max_header_bytes: usize,
    /// How long in-flight requests and streams may run after SIGTERM.
    pub shutdown_grace: Duration,
    /// Serve plain HTTP on an address beyond loopback (behind a TLS-terminating proxy
    /// on a trusted network). Without it such a listener is refused at start.
    pub allow_plaintext: bool,
    /// Longest a request's PII screening may run; past it the request is refused (413).
    pub screening_budget: Duration,
    /// Worker threads of the async runtime (`[server] workers`); `None`: one a core.
    pub workers: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, Clone)]
pub struct AdminConfig {
    pub listen: SocketAddr,
    pub token_env: String,
    /// TLS for the admin listener; required when it listens beyond loopback.
    pub tls: Option<TlsFiles>,
    /// `[[admin.auditors]]`: read-only tokens for the auditor's console.
    pub auditors: Vec<AuditorConfig>,
}

/// One auditor of `[[admin.auditors]]`: reads, verifies and exports the trail and reads
/// the policies in force, nothing else. The token itself is never part of the config.
#[derive(Debug, Clone)]
pub struct AuditorConfig {
    pub id: String,
    pub token_env: String,
    /// Captured request and response content this auditor may see (the operator's
    /// explicit grant; the default shows none).
    pub content: ContentGrant,
}

/// How much captured content an auditor may see in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentGrant {
    /// Metadata only: the capture mode, never the content.
    #[default]
    None,
    /// Content captured in `redacted` mode (after redaction).
    Redacted,
    /// Any captured content, originals included.
    Full,
}

#[derive(Debug, Clone)]
pub struct DataConfig {
    pub dir: PathBuf,
    pub master_key: MasterKeySource,
}

pub use crate::vault::master_key::MasterKeySource;

#[derive(Debug, Clone)]
pub struct PolicyConfig {
    pub dir: PathBuf,
}

#[derive(Debug, Clone)]
pub struct AuditConfig {
    pub durability: Durability,
    pub segment_max_bytes: u64,
    pub checkpoint_every: u64,
    pub checkpoint_interval: Duration,
    /// `[[audit.witnesses]]`: each new checkpoint is submitted to these.
    pub witnesses: Vec<WitnessConfig>,
    /// How many witnesses must confirm the log at start (default: all configured).
    pub witness_quorum: usize,
}

/// One C2SP tlog-witness the gateway submits its checkpoints to.
#[derive(Debug, Clone)]
pub struct WitnessConfig {
    /// The witness's submission prefix (`<url>/add-checkpoint`).
    pub url: String,
    /// Its cosignature/v1 verifier key.
    pub vkey: crate::witness::CosignerVerifier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    pub format: LogFormat,
    /// A `tracing_subscriber::EnvFilter` directive, e.g. `info` or `ledgergate=debug`.
    pub level: String,
}

/// Timeouts for every upstream exchange.
#[derive(Debug, Clone, Copy)]
pub struct UpstreamConfig {
    pub connect_timeout: Duration,
    /// From sending the request to the response headers.
    pub first_byte_timeout: Duration,
    /// Longest silence between two events of a stream.
    pub idle_timeout: Duration,
    /// The whole exchange, stream included.
    pub total_timeout: Duration,
    /// Largest JSON answer body read from a provider; larger is a 502.
    pub max_response_bytes: usize,
    /// Largest single SSE event of a stream; larger ends the stream with an error.
    pub max_event_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    OpenAi,
    Azure,
    Anthropic,
    Gemini,
}

#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub name: String,
    pub kind: ProviderKind,
    /// Base URL without a trailing slash, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// Environment variable holding the provider's API key, if it needs one.
    pub api_key_env: Option<String>,
    pub region: String,
    pub jurisdiction: String,
    pub certifications: Vec<String>,
    pub models: Vec<String>,
    /// Azure OpenAI settings: present exactly when `kind` is [`ProviderKind::Azure`].
    pub azure: Option<AzureConfig>,
    /// Share of traffic under the `weighted` strategy, relative to the others (>= 1).
    pub weight: u32,
    /// `base_url` is plain `http://` to a host beyond loopback, which only the
    /// provider's `allow_plaintext = true` lets through (warned about at start).
    pub plaintext_beyond_loopback: bool,
}

#[cfg(test)]
impl ProviderConfig {
    /// An OpenAI-shaped provider serving model `m` in the EU, for unit tests.
    pub(crate) fn for_test(name: &str, base_url: &str) -> ProviderConfig {
        ProviderConfig {
            name: name.into(),
            kind: ProviderKind::OpenAi,
            base_url: base_url.into(),
            api_key_env: None,
            region: "eu".into(),
            jurisdiction: "EU".into(),
            certifications: vec![],
            models: vec!["m".into()],
            azure: None,
            weight: 1,
            plaintext_beyond_loopback: false,
        }
    }
}

/// What an Azure OpenAI resource needs beyond a base URL: the data-plane API version
/// and which deployment serves each model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzureConfig {
    /// The `api-version` query parameter, e.g. `2024-10-21`.
    pub api_version: String,
    /// Model name to deployment name; a model without an entry uses its own name.
    pub deployments: BTreeMap<String, String>,
}

impl AzureConfig {
    /// The API version used when the config names none (the latest GA data plane).
    pub const DEFAULT_API_VERSION: &'static str = "2024-10-21";

    /// The deployment that serves `model`.
    pub fn deployment<'a>(&'a self, model: &'a str) -> &'a str {
        self.deployments.get(model).map_or(model, String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct TenantConfig {
    pub id: String,
    pub policy: Option<String>,
    pub keys: Vec<VirtualKeyConfig>,
    /// `[tenants.limits]`: caps the sum of the tenant's keys.
    pub limits: Limits,
}

/// A bootstrap virtual key: its id and the environment variable holding its secret.
#[derive(Debug, Clone)]
pub struct VirtualKeyConfig {
    pub id: String,
    pub secret_env: String,
    pub limits: Limits,
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// Parses and validates config text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let at = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            ConfigError::Invalid {
                file: file.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            at(
                e.span(),
                e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })?;
        raw.validate()
            .map_err(|(span, message)| at(Some(span), message))
    }
}

impl Default for Config {
    /// The configuration of an empty file: defaults everywhere, no providers, no tenants.
    fn default() -> Self {
        match Config::parse("", "<default>") {
            Ok(config) => config,
            Err(e) => unreachable!("the empty config is valid: {e}"),
        }
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

type Invalid = (Range<usize>, String);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    server: RawServer,
    admin: Option<RawAdmin>,
    #[serde(default)]
    data: RawData,
    #[serde(default)]
    policy: RawPolicy,
    #[serde(default)]
    audit: RawAudit,
    #[serde(default)]
    log: RawLog,
    #[serde(default)]
    upstream: RawUpstream,
    #[serde(default)]
    providers: Vec<RawProvider>,
    #[serde(default)]
    aliases: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    tenants: Vec<RawTenant>,
    #[serde(default)]
    pricing: Vec<RawPrice>,
    #[serde(default)]
    routing: routing::RawRouting,
    cluster: Option<cluster::RawCluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrice {
    provider: Option<Spanned<String>>,
    model: Spanned<String>,
    input_per_million: Spanned<f64>,
    #[serde(default)]
    cached_input_per_million: Option<Spanned<f64>>,
    output_per_million: Spanned<f64>,
    #[serde(default)]
    currency: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawServer {
    listen: Option<Spanned<String>>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<Spanned<PathBuf>>,
    max_body_bytes: Option<Spanned<u64>>,
    max_header_bytes: Option<Spanned<u64>>,
    shutdown_grace_secs: Option<Spanned<u64>>,
    #[serde(default)]
    allow_plaintext: bool,
    screening_budget_ms: Option<Spanned<u64>>,
    workers: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdmin {
    listen: Option<Spanned<String>>,
    token_env: Option<String>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<Spanned<PathBuf>>,
    #[serde(default)]
    auditors: Vec<RawAuditor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuditor {
    id: Spanned<String>,
    token_env: Spanned<String>,
    #[serde(default)]
    content: ContentGrant,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawData {
    dir: Option<PathBuf>,
    master_key_env: Option<Spanned<String>>,
    master_key_file: Option<Spanned<PathBuf>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    dir: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAudit {
    durability: Option<Spanned<String>>,
    batch_interval_ms: Option<Spanned<u64>>,
    segment_max_bytes: Option<Spanned<u64>>,
    checkpoint_every: Option<Spanned<u64>>,
    checkpoint_interval_secs: Option<Spanned<u64>>,
    #[serde(default)]
    witnesses: Vec<RawWitness>,
    witness_quorum: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWitness {
    url: Spanned<String>,
    vkey: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLog {
    format: Option<Spanned<String>>,
    level: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawUpstream {
    connect_timeout_ms: Option<Spanned<u64>>,
    first_byte_timeout_ms: Option<Spanned<u64>>,
    idle_timeout_ms: Option<Spanned<u64>>,
    total_timeout_ms: Option<Spanned<u64>>,
    max_response_bytes: Option<Spanned<u64>>,
    max_event_bytes: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    name: Spanned<String>,
    kind: Spanned<String>,
    base_url: Spanned<String>,
    api_key_env: Option<String>,
    region: Option<String>,
    jurisdiction: Option<String>,
    #[serde(default)]
    certifications: Vec<String>,
    models: Spanned<Vec<String>>,
    /// Azure only: the `api-version` query parameter.
    api_version: Option<Spanned<String>>,
    /// Azure only: model name to deployment name.
    deployments: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// Share of traffic under the `weighted` routing strategy.
    weight: Option<Spanned<u32>>,
    /// Allows a plain `http://` base_url to a host beyond loopback.
    #[serde(default)]
    allow_plaintext: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTenant {
    id: Spanned<String>,
    policy: Option<String>,
    #[serde(default)]
    keys: Vec<RawKey>,
    limits: Option<RawLimits>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    id: Spanned<String>,
    secret_env: String,
    // The limit fields are repeated here rather than flattened: serde's flatten
    // cannot be combined with deny_unknown_fields.
    rpm: Option<Spanned<u64>>,
    tpm: Option<Spanned<u64>>,
    budget_daily: Option<Spanned<f64>>,
    budget_monthly: Option<Spanned<f64>>,
    currency: Option<Spanned<String>>,
}

/// `[tenants.limits]`, and the same fields on a `[[tenants.keys]]` entry.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    rpm: Option<Spanned<u64>>,
    tpm: Option<Spanned<u64>>,
    budget_daily: Option<Spanned<f64>>,
    budget_monthly: Option<Spanned<f64>>,
    currency: Option<Spanned<String>>,
}

/// Validated limits and where their currency was set (or a budget, when it was not),
/// for the check against the pricing table's currency.
struct CheckedLimits {
    limits: Limits,
    currency_span: Option<Range<usize>>,
}

impl RawLimits {
    fn validate(self, owner: &str) -> Result<CheckedLimits, Invalid> {
        let rpm = match &self.rpm {
            Some(v) => {
                let n = positive(v, &format!("{owner}: rpm"))?;
                Some(u32::try_from(n).map_err(|_| {
                    (
                        v.span(),
                        format!("{owner}: rpm {n} is larger than {}", u32::MAX),
                    )
                })?)
            }
            None => None,
        };
        let tpm = match &self.tpm {
            Some(v) => Some(positive(v, &format!("{owner}: tpm"))?),
            None => None,
        };
        let money = |v: &Option<Spanned<f64>>, what: &str| {
            v.as_ref()
                .map(|v| {
                    crate::limits::micros_of(*v.get_ref()).ok_or_else(|| {
                        (
                            v.span(),
                            format!("{owner}: {what} must be an amount of 0 or more"),
                        )
                    })
                })
                .transpose()
        };
        let budget_daily = money(&self.budget_daily, "budget_daily")?;
        let budget_monthly = money(&self.budget_monthly, "budget_monthly")?;
        let budget_span = self
            .budget_daily
            .as_ref()
            .or(self.budget_monthly.as_ref())
            .map(Spanned::span);
        let currency_span = match &self.currency {
            Some(c) => {
                let text = c.get_ref();
                if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err((
                        c.span(),
                        format!(
                            "{owner}: currency \"{text}\" must be a three-letter code such as USD"
                        ),
                    ));
                }
                Some(c.span())
            }
            None => budget_span,
        };
        Ok(CheckedLimits {
            limits: Limits {
                rpm: rpm.and_then(std::num::NonZeroU32::new),
                tpm: tpm.and_then(std::num::NonZeroU64::new),
                budget_daily,
                budget_monthly,
                currency: self
                    .currency
                    .map_or_else(|| "USD".to_owned(), Spanned::into_inner),
            },
            currency_span,
        })
    }
}

/// Budgets are charged with the pricing table's costs: a budget in another currency
/// would never be reached, so it is refused.
fn check_currency(checked: &CheckedLimits, owner: &str, pricing: &[Price]) -> Result<(), Invalid> {
    let limits = &checked.limits;
    if limits.budget_daily.is_none() && limits.budget_monthly.is_none() {
        return Ok(());
    }
    match pricing.iter().find(|p| p.currency != limits.currency) {
        Some(price) => Err((
            checked.currency_span.clone().unwrap_or(0..0),
            format!(
                "{owner}: budget currency \"{}\" does not match the pricing table's currency \"{}\" (model \"{}\"); set currency = \"{}\"",
                limits.currency, price.currency, price.model, price.currency
            ),
        )),
        None => Ok(()),
    }
}

fn socket_addr(value: &Spanned<String>, what: &str) -> Result<SocketAddr, Invalid> {
    value.get_ref().parse().map_err(|_| {
        (
            value.span(),
            format!(
                "{what} \"{}\" is not an address like 127.0.0.1:8080",
                value.get_ref()
            ),
        )
    })
}

/// Bounds of `server.max_header_bytes`: hyper's HTTP/1 read buffer cannot be smaller
/// than 8 KiB, and a request head beyond 1 MiB is an attack, not a client.
const HEADER_BYTES: std::ops::RangeInclusive<u64> = 8192..=1024 * 1024;

/// 8 KiB: what nginx allows one header line; an OpenAI SDK's request head is under 1 KiB.
const DEFAULT_HEADER_BYTES: usize = 8192;

/// Bounds of `server.workers`: a runtime needs one thread, and a thousand is beyond any
/// machine's cores (a typo, not a setting).
const WORKERS: std::ops::RangeInclusive<u64> = 1..=1024;

/// `value` if it lies in `range`, else an error naming `what` and the bounds.
fn within(
    value: &Spanned<u64>,
    range: &std::ops::RangeInclusive<u64>,
    what: &str,
) -> Result<u64, Invalid> {
    if range.contains(value.get_ref()) {
        Ok(*value.get_ref())
    } else {
        Err((
            value.span(),
            format!(
                "{what} must be between {} and {}",
                range.start(),
                range.end()
            ),
        ))
    }
}

fn positive(value: &Spanned<u64>, what: &str) -> Result<u64, Invalid> {
    match *value.get_ref() {
        0 => Err((value.span(), format!("{what} must be greater than 0"))),
        n => Ok(n),
    }
}

fn bytes(value: Option<&Spanned<u64>>, what: &str, default: usize) -> Result<usize, Invalid> {
    match value {
        Some(v) => usize::try_from(positive(v, what)?)
            .map_err(|_| (v.span(), format!("{what} is too large"))),
        None => Ok(default),
    }
}

fn millis(value: Option<&Spanned<u64>>, what: &str, default_ms: u64) -> Result<Duration, Invalid> {
    value
        .map(|v| positive(v, what))
        .transpose()
        .map(|ms| Duration::from_millis(ms.unwrap_or(default_ms)))
}

fn identifier(value: &Spanned<String>, what: &str) -> Result<String, Invalid> {
    let s = value.get_ref();
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(s.clone())
    } else {
        Err((
            value.span(),
            format!(
                "{what} \"{s}\" must be 1 to 64 characters of letters, digits, '-', '_' or '.'"
            ),
        ))
    }
}

impl RawConfig {
    fn validate(self) -> Result<Config, Invalid> {
        let server = self.server.validate()?;
        let admin = self.admin.map(RawAdmin::validate).transpose()?;
        let data = self.data.validate()?;
        let policy = PolicyConfig {
            dir: self
                .policy
                .dir
                .unwrap_or_else(|| PathBuf::from("./policies")),
        };
        let audit = self.audit.validate()?;
        let log = self.log.validate()?;
        let upstream = self.upstream.validate()?;

        let mut providers: Vec<ProviderConfig> = Vec::new();
        for raw in self.providers {
            let span = raw.name.span();
            let provider = raw.validate()?;
            if providers.iter().any(|p| p.name == provider.name) {
                return Err((
                    span,
                    format!("provider \"{}\" is defined twice", provider.name),
                ));
            }
            providers.push(provider);
        }
        let served = |model: &str| {
            providers
                .iter()
                .any(|p| p.models.iter().any(|m| m == model))
        };

        let mut aliases = BTreeMap::new();
        for (alias, target) in self.aliases {
            if !served(target.get_ref()) {
                return Err((
                    target.span(),
                    format!(
                        "alias \"{alias}\" points to model \"{}\", which no provider serves",
                        target.get_ref()
                    ),
                ));
            }
            aliases.insert(alias, target.into_inner());
        }

        let mut tenants: Vec<TenantConfig> = Vec::new();
        let mut limit_checks: Vec<(String, CheckedLimits)> = Vec::new();
        for raw in self.tenants {
            let span = raw.id.span();
            let (tenant, checks) = raw.validate()?;
            limit_checks.extend(checks);
            if tenants.iter().any(|t| t.id == tenant.id) {
                return Err((span, format!("tenant \"{}\" is defined twice", tenant.id)));
            }
            tenants.push(tenant);
        }
        let mut pricing: Vec<Price> = Vec::new();
        for raw in self.pricing {
            let span = raw.model.span();
            let price = raw.validate(&providers)?;
            if pricing
                .iter()
                .any(|p| p.provider == price.provider && p.model == price.model)
            {
                return Err((
                    span,
                    format!(
                        "model \"{}\" is priced twice for the same provider",
                        price.model
                    ),
                ));
            }
            pricing.push(price);
        }
        let routing = self.routing.validate(served)?;
        let cluster = self
            .cluster
            .map(cluster::RawCluster::validate)
            .transpose()?;
        for (owner, checked) in &limit_checks {
            check_currency(checked, owner, &pricing)?;
        }
        let mut key_ids = std::collections::HashSet::new();
        for key in tenants.iter().flat_map(|t| &t.keys) {
            if !key_ids.insert(key.id.as_str()) {
                return Err((0..0, format!("virtual key id \"{}\" is used twice", key.id)));
            }
        }

        Ok(Config {
            server,
            admin,
            data,
            policy,
            audit,
            log,
            upstream,
            providers,
            aliases,
            tenants,
            pricing,
            routing,
            cluster,
        })
    }
}

impl RawPrice {
    fn validate(self, providers: &[ProviderConfig]) -> Result<Price, Invalid> {
        if let Some(p) = &self.provider {
            if !providers.iter().any(|c| &c.name == p.get_ref()) {
                return Err((
                    p.span(),
                    format!(
                        "pricing names provider \"{}\", which is not configured",
                        p.get_ref()
                    ),
                ));
            }
        }
        let amount = |v: &Spanned<f64>, what: &str| {
            let x = *v.get_ref();
            if x.is_finite() && x >= 0.0 {
                Ok(x)
            } else {
                Err((v.span(), format!("{what} must be a price of 0 or more")))
            }
        };
        let input = amount(&self.input_per_million, "input_per_million")?;
        Ok(Price {
            provider: self.provider.map(Spanned::into_inner),
            model: self.model.into_inner(),
            input_per_million: input,
            cached_input_per_million: self
                .cached_input_per_million
                .as_ref()
                .map(|v| amount(v, "cached_input_per_million"))
                .transpose()?
                .unwrap_or(input),
            output_per_million: amount(&self.output_per_million, "output_per_million")?,
            currency: self.currency.unwrap_or_else(|| "USD".into()),
        })
    }
}

impl RawServer {
    fn validate(self) -> Result<ServerConfig, Invalid> {
        let listen = match &self.listen {
            Some(l) => socket_addr(l, "server.listen")?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let tls = tls_files(self.tls_cert, self.tls_key, "server")?;
        let max_body_bytes = match &self.max_body_bytes {
            Some(v) => usize::try_from(positive(v, "server.max_body_bytes")?)
                .map_err(|_| (v.span(), "server.max_body_bytes is too large".to_owned()))?,
            None => 10 * 1024 * 1024,
        };
        // Both bounded well below usize::MAX, so the casts keep the value.
        let max_header_bytes = match &self.max_header_bytes {
            Some(v) => within(v, &HEADER_BYTES, "server.max_header_bytes")? as usize,
            None => DEFAULT_HEADER_BYTES,
        };
        let workers = self
            .workers
            .as_ref()
            .map(|v| within(v, &WORKERS, "server.workers").map(|n| n as usize))
            .transpose()?;
        let shutdown_grace = Duration::from_secs(match &self.shutdown_grace_secs {
            Some(v) => *v.get_ref(),
            None => 30,
        });
        Ok(ServerConfig {
            listen,
            tls,
            max_body_bytes,
            max_header_bytes,
            shutdown_grace,
            allow_plaintext: self.allow_plaintext,
            screening_budget: millis(
                self.screening_budget_ms.as_ref(),
                "server.screening_budget_ms",
                10_000,
            )?,
            workers,
        })
    }
}

impl RawAdmin {
    fn validate(self) -> Result<AdminConfig, Invalid> {
        let listen = match &self.listen {
            Some(l) => socket_addr(l, "admin.listen")?,
            None => SocketAddr::from(([127, 0, 0, 1], 8081)),
        };
        let tls = tls_files(self.tls_cert, self.tls_key, "admin")?;
        // The admin token would cross the network in clear.
        if tls.is_none() && !listen.ip().is_loopback() {
            let span = self.listen.as_ref().map_or(0..0, Spanned::span);
            return Err((
                span,
                format!("admin.listen {listen} is not a loopback address, so the admin API needs TLS: set admin.tls_cert and admin.tls_key"),
            ));
        }
        let token_env = self
            .token_env
            .unwrap_or_else(|| "LEDGERGATE_ADMIN_TOKEN".into());
        let mut auditors: Vec<AuditorConfig> = Vec::new();
        for raw in self.auditors {
            let id = identifier(&raw.id, "admin.auditors id")?;
            let var = raw.token_env.get_ref().trim();
            // One variable for two roles would make the auditor an administrator.
            if var.is_empty() || var == token_env {
                return Err((
                    raw.token_env.span(),
                    format!("auditor \"{id}\": token_env must name a variable of its own, not the admin token's ({token_env})"),
                ));
            }
            if auditors.iter().any(|a| a.id == id || a.token_env == var) {
                return Err((
                    raw.id.span(),
                    format!("auditor \"{id}\": another auditor has the same id or token_env"),
                ));
            }
            auditors.push(AuditorConfig {
                id,
                token_env: var.to_owned(),
                content: raw.content,
            });
        }
        Ok(AdminConfig {
            listen,
            token_env,
            tls,
            auditors,
        })
    }
}

/// A listener's certificate and key: both or neither.
fn tls_files(
    cert: Option<PathBuf>,
    key: Option<Spanned<PathBuf>>,
    section: &str,
) -> Result<Option<TlsFiles>, Invalid> {
    match (cert, key) {
        (Some(cert), Some(key)) => Ok(Some(TlsFiles {
            cert,
            key: key.into_inner(),
        })),
        (None, None) => Ok(None),
        (None, Some(key)) => Err((
            key.span(),
            format!("{section}.tls_key is set but {section}.tls_cert is not"),
        )),
        (Some(_), None) => Err((
            0..0,
            format!("{section}.tls_cert is set but {section}.tls_key is not"),
        )),
    }
}

impl RawData {
    fn validate(self) -> Result<DataConfig, Invalid> {
        let master_key = match (self.master_key_env, self.master_key_file) {
            (Some(_), Some(file)) => {
                return Err((
                    file.span(),
                    "set either data.master_key_env or data.master_key_file, not both".into(),
                ))
            }
            (Some(env), None) => MasterKeySource::Env(env.into_inner()),
            (None, Some(file)) => MasterKeySource::File(file.into_inner()),
            (None, None) => MasterKeySource::default(),
        };
        Ok(DataConfig {
            dir: self
                .dir
                .unwrap_or_else(|| PathBuf::from("./ledgergate-data")),
            master_key,
        })
    }
}

impl RawAudit {
    fn validate(self) -> Result<AuditConfig, Invalid> {
        let durability = match self
            .durability
            .as_ref()
            .map(|d| (d.get_ref().as_str(), d.span()))
        {
            None | Some(("fsync", _)) => {
                if let Some(b) = &self.batch_interval_ms {
                    return Err((
                        b.span(),
                        "audit.batch_interval_ms needs audit.durability = \"batch\"".into(),
                    ));
                }
                Durability::Fsync
            }
            Some(("batch", _)) => Durability::Batch {
                max_delay: millis(
                    self.batch_interval_ms.as_ref(),
                    "audit.batch_interval_ms",
                    10,
                )?,
            },
            Some((other, span)) => {
                return Err((
                    span,
                    format!("audit.durability \"{other}\" must be \"fsync\" or \"batch\""),
                ))
            }
        };
        Ok(AuditConfig {
            durability,
            segment_max_bytes: match &self.segment_max_bytes {
                Some(v) => positive(v, "audit.segment_max_bytes")?,
                None => 64 * 1024 * 1024,
            },
            checkpoint_every: match &self.checkpoint_every {
                Some(v) => positive(v, "audit.checkpoint_every")?,
                None => 1000,
            },
            checkpoint_interval: Duration::from_secs(match &self.checkpoint_interval_secs {
                Some(v) => positive(v, "audit.checkpoint_interval_secs")?,
                None => 60,
            }),
            witness_quorum: match &self.witness_quorum {
                None => self.witnesses.len(),
                Some(q) if *q.get_ref() == 0 || *q.get_ref() as usize > self.witnesses.len() => {
                    return Err((
                        q.span(),
                        format!(
                            "audit.witness_quorum {} must be between 1 and the number of [[audit.witnesses]] ({})",
                            q.get_ref(),
                            self.witnesses.len()
                        ),
                    ))
                }
                Some(q) => *q.get_ref() as usize,
            },
            witnesses: self
                .witnesses
                .into_iter()
                .map(RawWitness::validate)
                .collect::<Result<_, _>>()?,
        })
    }
}

impl RawWitness {
    fn validate(self) -> Result<WitnessConfig, Invalid> {
        let url = self.url.get_ref().trim_end_matches('/').to_owned();
        let ok =
            reqwest::Url::parse(&url).is_ok_and(|u| u.scheme() == "http" || u.scheme() == "https");
        if !ok {
            return Err((
                self.url.span(),
                format!("audit.witnesses url \"{url}\" is not an http(s) URL"),
            ));
        }
        let vkey = crate::witness::CosignerVerifier::from_vkey(self.vkey.get_ref())
            .map_err(|e| (self.vkey.span(), format!("audit.witnesses vkey: {e}")))?;
        Ok(WitnessConfig { url, vkey })
    }
}

impl RawLog {
    fn validate(self) -> Result<LogConfig, Invalid> {
        let format = match self
            .format
            .as_ref()
            .map(|f| (f.get_ref().as_str(), f.span()))
        {
            None | Some(("text", _)) => LogFormat::Text,
            Some(("json", _)) => LogFormat::Json,
            Some((other, span)) => {
                return Err((
                    span,
                    format!("log.format \"{other}\" must be \"text\" or \"json\""),
                ))
            }
        };
        Ok(LogConfig {
            format,
            level: self.level.unwrap_or_else(|| "info".into()),
        })
    }
}

impl RawUpstream {
    fn validate(self) -> Result<UpstreamConfig, Invalid> {
        Ok(UpstreamConfig {
            connect_timeout: millis(
                self.connect_timeout_ms.as_ref(),
                "upstream.connect_timeout_ms",
                5_000,
            )?,
            first_byte_timeout: millis(
                self.first_byte_timeout_ms.as_ref(),
                "upstream.first_byte_timeout_ms",
                60_000,
            )?,
            idle_timeout: millis(
                self.idle_timeout_ms.as_ref(),
                "upstream.idle_timeout_ms",
                30_000,
            )?,
            total_timeout: millis(
                self.total_timeout_ms.as_ref(),
                "upstream.total_timeout_ms",
                600_000,
            )?,
            max_response_bytes: bytes(
                self.max_response_bytes.as_ref(),
                "upstream.max_response_bytes",
                32 << 20,
            )?,
            max_event_bytes: bytes(
                self.max_event_bytes.as_ref(),
                "upstream.max_event_bytes",
                4 << 20,
            )?,
        })
    }
}

impl RawProvider {
    fn validate(self) -> Result<ProviderConfig, Invalid> {
        let name = identifier(&self.name, "provider name")?;
        let kind = match self.kind.get_ref().as_str() {
            "openai" => ProviderKind::OpenAi,
            "azure" => ProviderKind::Azure,
            "anthropic" => ProviderKind::Anthropic,
            "gemini" => ProviderKind::Gemini,
            other => {
                return Err((
                    self.kind.span(),
                    format!(
                        "provider kind \"{other}\" must be one of openai, azure, anthropic, gemini"
                    ),
                ))
            }
        };
        let url = self.base_url.get_ref();
        let parsed = reqwest::Url::parse(url).ok().filter(|u| {
            (u.scheme() == "http" || u.scheme() == "https")
                && (url.starts_with("http://") || url.starts_with("https://"))
        });
        let Some(parsed) = parsed else {
            return Err((
                self.base_url.span(),
                format!("base_url \"{url}\" of provider \"{name}\" is not an http(s) URL"),
            ));
        };
        // The provider key and every prompt would cross the network in clear.
        let plaintext_beyond_loopback = parsed.scheme() == "http" && !is_loopback_host(&parsed);
        if plaintext_beyond_loopback && !self.allow_plaintext {
            return Err((
                self.base_url.span(),
                format!(
                    "base_url \"{url}\" of provider \"{name}\" is plain http:// to a host beyond loopback, so its key and prompts would cross the network unencrypted: use https://, or set allow_plaintext = true on this provider if the network is trusted"
                ),
            ));
        }
        if self.models.get_ref().is_empty() {
            return Err((
                self.models.span(),
                format!("provider \"{name}\" must serve at least one model"),
            ));
        }
        let azure = azure_settings(
            &name,
            kind,
            self.api_version,
            self.deployments,
            self.models.get_ref(),
        )?;
        let weight = match &self.weight {
            Some(w) => match *w.get_ref() {
                0 => {
                    return Err((
                        w.span(),
                        format!("weight of provider \"{name}\" must be greater than 0"),
                    ))
                }
                n => n,
            },
            None => 1,
        };
        Ok(ProviderConfig {
            kind,
            azure,
            weight,
            plaintext_beyond_loopback,
            base_url: url.trim_end_matches('/').to_owned(),
            api_key_env: self.api_key_env,
            region: self.region.unwrap_or_else(|| "unspecified".into()),
            jurisdiction: self.jurisdiction.unwrap_or_else(|| "unspecified".into()),
            certifications: self.certifications,
            models: self.models.into_inner(),
            name,
        })
    }
}

/// Whether a URL's host is this machine: `localhost` (and `*.localhost`, RFC 6761) or
/// a loopback address (127.0.0.0/8, ::1).
fn is_loopback_host(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => {
            let name = host.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}

/// Validates the Azure-only keys: allowed only on `kind = "azure"`, an api-version that
/// looks like one (`YYYY-MM-DD`, optionally `-preview`), deployments only for served
/// models and named as Azure allows.
fn azure_settings(
    name: &str,
    kind: ProviderKind,
    api_version: Option<Spanned<String>>,
    deployments: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    models: &[String],
) -> Result<Option<AzureConfig>, Invalid> {
    if kind != ProviderKind::Azure {
        if let Some(v) = &api_version {
            return Err((
                v.span(),
                format!("api_version is an Azure setting, but provider \"{name}\" is not kind = \"azure\""),
            ));
        }
        if let Some((key, _)) = deployments.as_ref().and_then(|d| d.iter().next()) {
            return Err((
                key.span(),
                format!("deployments is an Azure setting, but provider \"{name}\" is not kind = \"azure\""),
            ));
        }
        return Ok(None);
    }
    let api_version = match api_version {
        Some(v) => {
            let text = v.get_ref();
            let (date, suffix) = text.split_at(text.len().min(10));
            let date_ok = date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    _ => b.is_ascii_digit(),
                });
            if !date_ok || !(suffix.is_empty() || suffix == "-preview") {
                return Err((
                    v.span(),
                    format!("api_version \"{text}\" of provider \"{name}\" must look like 2024-10-21 or 2025-04-01-preview"),
                ));
            }
            v.into_inner()
        }
        None => AzureConfig::DEFAULT_API_VERSION.to_owned(),
    };
    let mut map = BTreeMap::new();
    for (model, deployment) in deployments.unwrap_or_default() {
        if !models.iter().any(|m| m == model.get_ref()) {
            return Err((
                model.span(),
                format!(
                    "deployment for model \"{}\" of provider \"{name}\", which is not in its models list",
                    model.get_ref()
                ),
            ));
        }
        // A deployment name becomes a URL path segment: allow only what Azure allows.
        let d = deployment.get_ref();
        let ok = !d.is_empty()
            && d.len() <= 64
            && d.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !ok {
            return Err((
                deployment.span(),
                format!("deployment name \"{d}\" must be 1 to 64 characters of letters, digits, '-', '_' or '.'"),
            ));
        }
        map.insert(model.into_inner(), deployment.into_inner());
    }
    Ok(Some(AzureConfig {
        api_version,
        deployments: map,
    }))
}

pub use crate::vault::{is_reserved_tenant, RESERVED_TENANT_IDS};

impl Config {
    /// The audit log's options as the `[audit]` section (and `[cluster] node_id`) give
    /// them, for the log in `<data dir>/audit`. The mapping lives here, at the edge that
    /// knows both, so the audit module never reads the config.
    pub fn audit_options(&self) -> crate::audit::AuditOptions {
        let a = &self.audit;
        crate::audit::AuditOptions {
            dir: self.data.dir.join("audit"),
            durability: a.durability,
            segment_max_bytes: a.segment_max_bytes,
            checkpoint_every: a.checkpoint_every,
            checkpoint_interval: a.checkpoint_interval,
            accept_damage: false,
            clock: time::OffsetDateTime::now_utc,
            node_id: self.cluster.as_ref().map(|c| c.node_id.clone()),
        }
    }
}

impl RawTenant {
    /// The tenant, and its and its keys' limits with names for the currency check.
    fn validate(self) -> Result<(TenantConfig, Vec<(String, CheckedLimits)>), Invalid> {
        let id = identifier(&self.id, "tenant id")?;
        if is_reserved_tenant(&id) {
            return Err((
                self.id.span(),
                format!(
                    "tenant id \"{id}\" is reserved for the gateway's own records ({}); choose another id",
                    RESERVED_TENANT_IDS.join(", ")
                ),
            ));
        }
        let mut checks = Vec::new();
        let mut keys = Vec::new();
        for k in self.keys {
            let key_id = identifier(&k.id, "virtual key id")?;
            let owner = format!("virtual key \"{key_id}\" of tenant \"{id}\"");
            let checked = RawLimits {
                rpm: k.rpm,
                tpm: k.tpm,
                budget_daily: k.budget_daily,
                budget_monthly: k.budget_monthly,
                currency: k.currency,
            }
            .validate(&owner)?;
            keys.push(VirtualKeyConfig {
                id: key_id,
                secret_env: k.secret_env,
                limits: checked.limits.clone(),
            });
            checks.push((owner, checked));
        }
        let owner = format!("tenant \"{id}\" limits");
        let checked = self.limits.unwrap_or_default().validate(&owner)?;
        let limits = checked.limits.clone();
        checks.push((owner, checked));
        Ok((
            TenantConfig {
                id,
                policy: self.policy,
                keys,
                limits,
            },
            checks,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match Config::parse(text, "ledgergate.toml") {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn witnesses_need_a_cosigner_vkey_and_a_quorum_within_their_number() {
        let dir = tempfile::tempdir().unwrap();
        let w =
            crate::witness::Cosigner::load_or_create(&dir.path().join("k"), "w.test/1").unwrap();
        let vkey = w.verifier().to_vkey();
        let one =
            format!("[[audit.witnesses]]\nurl = \"http://127.0.0.1:9/\"\nvkey = \"{vkey}\"\n");
        let c = Config::parse(&one, "ledgergate.toml").unwrap();
        assert_eq!(c.audit.witness_quorum, 1);
        assert_eq!(c.audit.witnesses[0].url, "http://127.0.0.1:9");
        assert_eq!(c.audit.witnesses[0].vkey, *w.verifier());
        let e = error(&format!("[audit]\nwitness_quorum = 2\n{one}"));
        assert!(e.starts_with("ledgergate.toml:2:18: audit.witness_quorum 2 must be between 1 and the number of [[audit.witnesses]] (1)"), "{e}");
        // A log key (type 0x01) is not a witness key.
        let log_vkey = crate::audit::Verifier::new("log".into(), w.verifier().public_key).to_vkey();
        let e = error(&one.replace(&vkey, &log_vkey));
        assert!(
            e.starts_with("ledgergate.toml:3:8: audit.witnesses vkey:"),
            "{e}"
        );
        let e = error(&one.replace("http://127.0.0.1:9/", "ftp://x"));
        assert!(e.contains("is not an http(s) URL"), "{e}");
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse("", "x.toml").unwrap();
        assert_eq!(c.server.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.server.max_body_bytes, 10 * 1024 * 1024);
        assert_eq!(c.audit.durability, Durability::Fsync);
        assert_eq!(
            c.data.master_key,
            MasterKeySource::Env("LEDGERGATE_MASTER_KEY".into())
        );
    }

    #[test]
    fn max_header_bytes_defaults_to_8_kib_and_is_bounded() {
        let c = Config::parse("", "x.toml").unwrap();
        assert_eq!(c.server.max_header_bytes, 8192);
        let c = Config::parse("[server]\nmax_header_bytes = 65536\n", "x.toml").unwrap();
        assert_eq!(c.server.max_header_bytes, 65536);
        for bad in ["4096", "0", "2000000"] {
            let e = error(&format!("[server]\nmax_header_bytes = {bad}\n"));
            assert!(
                e.starts_with("ledgergate.toml:2:20: server.max_header_bytes must be between 8192 and 1048576"),
                "{e}"
            );
        }
    }

    #[test]
    fn workers_default_to_one_a_core_and_are_bounded() {
        assert_eq!(Config::parse("", "x.toml").unwrap().server.workers, None);
        let c = Config::parse("[server]\nworkers = 1\n", "x.toml").unwrap();
        assert_eq!(c.server.workers, Some(1));
        for bad in ["0", "1025", "100000"] {
            let e = error(&format!("[server]\nworkers = {bad}\n"));
            assert_eq!(
                e,
                "ledgergate.toml:2:11: server.workers must be between 1 and 1024"
            );
        }
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let e = error("[server]\nlisten = \"127.0.0.1:1\"\nlistn = 3\n");
        assert!(
            e.starts_with("ledgergate.toml:3:1: unknown field `listn`"),
            "{e}"
        );
    }

    #[test]
    fn bad_listen_address_is_located() {
        let e = error("[server]\nlisten = \"localhost\"\n");
        assert!(
            e.starts_with("ledgergate.toml:2:10: server.listen \"localhost\""),
            "{e}"
        );
    }

    #[test]
    fn bad_provider_kind_is_located() {
        let e = error(
            "[[providers]]\nname = \"p\"\nkind = \"bedrock\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\n",
        );
        assert!(
            e.starts_with("ledgergate.toml:3:8: provider kind \"bedrock\""),
            "{e}"
        );
    }

    const AZURE: &str = "[[providers]]\nname = \"az\"\nkind = \"azure\"\nbase_url = \"https://r.openai.azure.com\"\nmodels = [\"gpt-4o-mini\", \"gpt-4o\"]\n";

    #[test]
    fn azure_settings_default_and_map_deployments() {
        let c = Config::parse(AZURE, "x.toml").unwrap();
        let azure = c.providers[0].azure.clone().unwrap();
        assert_eq!(azure.api_version, AzureConfig::DEFAULT_API_VERSION);
        assert_eq!(azure.deployment("gpt-4o"), "gpt-4o");
        let text = format!(
            "{AZURE}api_version = \"2025-04-01-preview\"\ndeployments = {{ \"gpt-4o-mini\" = \"mini-eu\" }}\n"
        );
        let c = Config::parse(&text, "x.toml").unwrap();
        let azure = c.providers[0].azure.clone().unwrap();
        assert_eq!(azure.api_version, "2025-04-01-preview");
        assert_eq!(azure.deployment("gpt-4o-mini"), "mini-eu");
        assert_eq!(azure.deployment("gpt-4o"), "gpt-4o");
        assert!(Config::parse(
            "[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\n",
            "x.toml"
        )
        .unwrap()
        .providers[0]
            .azure
            .is_none());
    }

    #[test]
    fn azure_setting_errors_are_located() {
        let e = error(&format!("{AZURE}api_version = \"latest\"\n"));
        assert!(
            e.starts_with("ledgergate.toml:6:15: api_version \"latest\" of provider \"az\""),
            "{e}"
        );
        let e = error(&format!("{AZURE}deployments = {{ \"gpt-5\" = \"d\" }}\n"));
        assert!(
            e.starts_with("ledgergate.toml:6:17: deployment for model \"gpt-5\""),
            "{e}"
        );
        let e = error(&format!(
            "{AZURE}deployments = {{ \"gpt-4o\" = \"a/b\" }}\n"
        ));
        assert!(
            e.starts_with("ledgergate.toml:6:28: deployment name \"a/b\""),
            "{e}"
        );
        let e = error(
            "[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\napi_version = \"2024-10-21\"\n",
        );
        assert!(
            e.starts_with("ledgergate.toml:6:15: api_version is an Azure setting"),
            "{e}"
        );
    }

    #[test]
    fn an_admin_api_beyond_loopback_needs_tls() {
        let e = error("[admin]\nlisten = \"0.0.0.0:8081\"\n");
        assert!(
            e.starts_with(
                "ledgergate.toml:2:10: admin.listen 0.0.0.0:8081 is not a loopback address"
            ),
            "{e}"
        );
        let e = error("[admin]\ntls_key = \"k.pem\"\n");
        assert!(
            e.contains("admin.tls_key is set but admin.tls_cert is not"),
            "{e}"
        );
        let c = Config::parse(
            "[admin]\nlisten = \"0.0.0.0:8081\"\ntls_cert = \"c.pem\"\ntls_key = \"k.pem\"\n",
            "x.toml",
        )
        .unwrap();
        assert!(c.admin.unwrap().tls.is_some());
    }

    #[test]
    fn auditors_need_their_own_token_variable_and_distinct_ids() {
        let c = Config::parse(
            "[admin]\n[[admin.auditors]]\nid = \"anna\"\ntoken_env = \"ANNA\"\ncontent = \"redacted\"\n",
            "x.toml",
        )
        .unwrap();
        let auditors = c.admin.unwrap().auditors;
        assert_eq!(auditors.len(), 1);
        assert_eq!(auditors[0].id, "anna");
        assert_eq!(auditors[0].content, ContentGrant::Redacted);
        let e = error(
            "[admin]\n[[admin.auditors]]\nid = \"anna\"\ntoken_env = \"LEDGERGATE_ADMIN_TOKEN\"\n",
        );
        assert!(
            e.starts_with(
                "ledgergate.toml:4:13: auditor \"anna\": token_env must name a variable of its own"
            ),
            "{e}"
        );
        let e = error("[admin]\n[[admin.auditors]]\nid = \"a\"\ntoken_env = \"A\"\n[[admin.auditors]]\nid = \"a\"\ntoken_env = \"B\"\n");
        assert!(
            e.contains("another auditor has the same id or token_env"),
            "{e}"
        );
        let e = error("[admin]\n[[admin.auditors]]\nid = \"a\"\ntoken_env = \"A\"\ncontent = \"everything\"\n");
        assert!(e.contains("everything"), "{e}");
        let e = error("[admin]\n[[admin.auditors]]\nid = \"a b\"\ntoken_env = \"A\"\n");
        assert!(e.contains("admin.auditors id \"a b\""), "{e}");
    }

    #[test]
    fn alias_to_unserved_model_is_refused() {
        let e = error("[aliases]\nfast = \"gpt-9\"\n");
        assert!(e.contains("no provider serves"), "{e}");
    }

    #[test]
    fn pricing_is_validated() {
        let provider = "[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\n";
        let e = error(&format!("{provider}[[pricing]]\nprovider = \"q\"\nmodel = \"m\"\ninput_per_million = 1.0\noutput_per_million = 1.0\n"));
        assert!(
            e.starts_with("ledgergate.toml:7:12: pricing names provider \"q\""),
            "{e}"
        );
        let e = error(&format!("{provider}[[pricing]]\nmodel = \"m\"\ninput_per_million = -1.0\noutput_per_million = 1.0\n"));
        assert!(
            e.contains("input_per_million must be a price of 0 or more"),
            "{e}"
        );
        let ok = Config::parse(&format!("{provider}[[pricing]]\nmodel = \"m\"\ninput_per_million = 2.0\noutput_per_million = 1.0\n"), "x").unwrap();
        assert_eq!(ok.pricing[0].cached_input_per_million, 2.0);
        assert_eq!(ok.pricing[0].currency, "USD");
    }

    const PRICED: &str = "[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"https://x\"\nmodels = [\"m\"]\n[[pricing]]\nmodel = \"m\"\ninput_per_million = 1.0\noutput_per_million = 1.0\n";

    #[test]
    fn tenant_and_key_limits_are_read() {
        let c = Config::parse(
            &format!("{PRICED}[[tenants]]\nid = \"t\"\n[tenants.limits]\nrpm = 10\nbudget_monthly = 2.5\n[[tenants.keys]]\nid = \"k\"\nsecret_env = \"K\"\ntpm = 1000\nbudget_daily = 0.25\ncurrency = \"USD\"\n"),
            "x.toml",
        )
        .unwrap();
        let tenant = &c.tenants[0];
        assert_eq!(tenant.limits.rpm.map(|n| n.get()), Some(10));
        assert_eq!(tenant.limits.budget_monthly, Some(2_500_000));
        assert_eq!(tenant.limits.currency, "USD");
        let key = &tenant.keys[0].limits;
        assert_eq!(key.tpm.map(|n| n.get()), Some(1000));
        assert_eq!(key.budget_daily, Some(250_000));
        assert!(key.rpm.is_none());
    }

    #[test]
    fn limit_errors_are_located() {
        let e = error("[[tenants]]\nid = \"t\"\n[tenants.limits]\nrpm = 0\n");
        assert!(
            e.starts_with("ledgergate.toml:4:7: tenant \"t\" limits: rpm must be greater than 0"),
            "{e}"
        );
        let e = error("[[tenants]]\nid = \"t\"\n[[tenants.keys]]\nid = \"k\"\nsecret_env = \"K\"\nbudget_daily = -1.0\n");
        assert!(
            e.starts_with("ledgergate.toml:6:16: virtual key \"k\" of tenant \"t\": budget_daily must be an amount of 0 or more"),
            "{e}"
        );
        let e = error("[[tenants]]\nid = \"t\"\n[tenants.limits]\nrpn = 3\n");
        assert!(
            e.starts_with("ledgergate.toml:4:1: unknown field `rpn`"),
            "{e}"
        );
        let e = error(&format!(
            "{PRICED}[[tenants]]\nid = \"t\"\n[tenants.limits]\nbudget_daily = 1.0\ncurrency = \"EUR\"\n"
        ));
        assert!(
            e.starts_with("ledgergate.toml:14:12: tenant \"t\" limits: budget currency \"EUR\" does not match the pricing table's currency \"USD\""),
            "{e}"
        );
        let e = error("[[tenants]]\nid = \"t\"\n[tenants.limits]\ncurrency = \"usd\"\n");
        assert!(e.contains("must be a three-letter code"), "{e}");
    }

    fn provider(url: &str, extra: &str) -> String {
        format!("[[providers]]\nname = \"p\"\nkind = \"openai\"\nbase_url = \"{url}\"\nmodels = [\"m\"]\n{extra}")
    }

    #[test]
    fn plain_http_to_a_host_beyond_loopback_needs_allow_plaintext() {
        for url in [
            "http://10.0.0.5:8000/v1",
            "http://api.openai.com/v1",
            "http://127.example.com/v1",
            "http://[2001:db8::1]/v1",
        ] {
            let e = error(&provider(url, ""));
            assert!(
                e.starts_with(&format!("ledgergate.toml:4:12: base_url \"{url}\" of provider \"p\" is plain http:// to a host beyond loopback")),
                "{e}"
            );
            assert!(e.contains("allow_plaintext = true"), "{e}");
            let allowed = Config::parse(&provider(url, "allow_plaintext = true\n"), "x").unwrap();
            assert!(allowed.providers[0].plaintext_beyond_loopback);
        }
        for url in [
            "http://127.0.0.1:9/v1",
            "http://127.3.4.5/v1",
            "http://[::1]:8000/v1",
            "http://localhost:11434/v1",
            "http://LOCALHOST./v1",
            "http://vllm.localhost/v1",
            "https://10.0.0.5/v1",
        ] {
            let c = Config::parse(&provider(url, ""), "x").unwrap();
            assert!(!c.providers[0].plaintext_beyond_loopback, "{url}");
        }
        let e = error(&provider("ftp://x/v1", ""));
        assert!(e.contains("is not an http(s) URL"), "{e}");
    }

    #[test]
    fn server_allow_plaintext_defaults_to_false() {
        assert!(!Config::default().server.allow_plaintext);
        let c = Config::parse("[server]\nallow_plaintext = true\n", "x").unwrap();
        assert!(c.server.allow_plaintext);
    }

    #[test]
    fn reserved_tenant_ids_are_refused() {
        for id in ["system", "System", "SYSTEM"] {
            let e = error(&format!("[[tenants]]\nid = \"{id}\"\n"));
            assert!(
                e.starts_with(&format!("ledgergate.toml:2:6: tenant id \"{id}\" is reserved for the gateway's own records (system)")),
                "{e}"
            );
        }
        assert!(Config::parse("[[tenants]]\nid = \"systems\"\n", "x").is_ok());
    }

    #[test]
    fn both_master_key_sources_are_refused() {
        let e = error("[data]\nmaster_key_env = \"A\"\nmaster_key_file = \"k\"\n");
        assert!(e.contains("not both"), "{e}");
    }
}
