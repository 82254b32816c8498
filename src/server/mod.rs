//! The HTTP edge: router, auth, errors, TLS, graceful shutdown. The only module that
//! knows HTTP. Handlers are thin: each step of a request is a call into the module
//! that owns it (see `chat.rs`).

mod admin;
mod admit;
mod answer;
mod answer_text;
mod auth;
mod body;
mod chat;
pub mod console;
pub mod echo;
mod embeddings;
mod error;
mod health;
mod inflight;
mod limits;
mod messages;
mod models;
mod observe;
mod reload;
mod restore;
mod retention;
mod screen;
mod stream;
mod tls;
mod trail;

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener};
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use axum_server::accept::NoDelayAcceptor;

pub use admin::{AdminToken, WeakAdminToken, AUDIT_PROOF_HEADER, MIN_ADMIN_TOKEN_LEN};
pub use auth::{Caller, KeyError, KeyStore};
pub use error::ApiError;
pub use observe::{RequestId, REQUEST_ID_HEADER};

use crate::audit::{AuditError, AuditLog, AuditOptions, Wait};
use crate::config::{Config, ServerConfig};
use crate::openai::Usage;
use crate::policy::Policies;
use crate::providers::pricing::Pricing;
use crate::providers::router;
use crate::providers::{Providers, SetupError};
use crate::telemetry::Metrics;
use crate::vault::master_key::MasterKey;
use crate::vault::pseudonym::PseudonymKeys;
use crate::vault::store::{Vault, VaultError};

/// The longest a request alone in the gateway checks for its audit record's answer
/// before yielding ([`Gateway::audit_wait`]): above the writer's usual answer without
/// an fdatasync at one request at a time (README "Load", session 18).
const AUDIT_POLL: std::time::Duration = std::time::Duration::from_micros(150);

/// Everything a request handler needs, shared by all requests.
pub struct GatewayState {
    pub keys: KeyStore,
    /// Vaulted virtual keys and provider keys (`<data dir>/vault`).
    pub vault: Arc<Vault>,
    /// Rate limits and budgets of keys and tenants.
    pub limits: crate::limits::Limiter,
    pub providers: Providers,
    /// Orders the allowed providers, retries, and keeps their circuit breakers.
    pub router: router::Router,
    pub policies: Arc<Policies>,
    /// The pricing table in force (swapped whole on a config reload).
    pub pricing: arc_swap::ArcSwap<Pricing>,
    /// The config file, re-read on SIGHUP or when it changes (pricing and tenant
    /// limits take effect; `None` in demo mode).
    pub config_file: Option<std::path::PathBuf>,
    pub audit: AuditLog,
    pub pseudonyms: PseudonymKeys,
    pub aliases: BTreeMap<String, String>,
    pub metrics: Metrics,
    pub max_body_bytes: usize,
    /// Where and within which budget request text is screened.
    pub screening: screen::Screening,
    pub shutting_down: AtomicBool,
}

#[derive(Clone)]
pub struct Gateway(Arc<GatewayState>);

impl Deref for Gateway {
    type Target = GatewayState;
    fn deref(&self) -> &GatewayState {
        &self.0
    }
}

impl Gateway {
    pub fn new(state: GatewayState) -> Gateway {
        Gateway(Arc::new(state))
    }

    /// The cost of an answer per the pricing table, for its audit record.
    pub fn cost(
        &self,
        provider: &str,
        model: &str,
        tokens: Option<Usage>,
    ) -> Option<crate::audit::record::Cost> {
        let (currency, micros) = self.pricing.load().cost(provider, model, tokens?)?;
        Some(crate::audit::record::Cost { currency, micros })
    }

    /// How a request waits for its audit record: alone in the gateway (one request or
    /// stream in flight: its worker thread has nothing else to do) it checks for the
    /// writer's answer for up to [`AUDIT_POLL`] before its task yields, which spares the
    /// worker a sleep and a wake-up and the runtime the second worker it wakes to look
    /// for work (README "Load", session 18); with others in flight, it yields at once.
    pub fn audit_wait(&self) -> Wait {
        let in_flight =
            self.metrics.in_flight_requests.get() + self.metrics.in_flight_streams.get();
        if in_flight <= 1 {
            Wait::Poll(AUDIT_POLL)
        } else {
            Wait::Yield
        }
    }

    /// Resolves an alias to the served model it stands for; 404 when nothing serves it.
    pub fn resolve_model(&self, requested: &str) -> Result<String, ApiError> {
        let model = self
            .aliases
            .get(requested)
            .map_or(requested, String::as_str);
        if self.providers.serving(model).is_empty() {
            return Err(ApiError::model_not_found(requested));
        }
        Ok(model.to_owned())
    }
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::route_not_found(uri.path())
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// The client-facing router.
pub fn router(gw: Gateway) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(chat::chat_completions))
        .route("/v1/embeddings", post(embeddings::embeddings))
        .route(
            "/v1/messages",
            post(messages::messages)
                .layer(axum::middleware::map_request(messages::x_api_key))
                .layer(axum::middleware::map_response(
                    messages::anthropic_error_shape,
                )),
        )
        .route("/v1/models", get(models::list_models))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(gw.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            gw.clone(),
            observe::observe,
        ))
        .with_state(gw)
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Providers(#[from] SetupError),
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot open the audit log: {0}")]
    Audit(#[from] AuditError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("server.listen {addr} is not a loopback address and no TLS is configured, so virtual keys and prompts would cross the network unencrypted: set server.tls_cert and server.tls_key, or server.allow_plaintext = true if a TLS-terminating proxy on a trusted network sits in front")]
    Plaintext { addr: SocketAddr },
    #[error(transparent)]
    AdminToken(#[from] WeakAdminToken),
    /// The log does not extend what its witnesses cosigned, or they could not confirm it.
    #[error(transparent)]
    Witness(#[from] crate::witness::gateway::StartRefusal),
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    /// The log does not extend what this node anchored in the cluster's PostgreSQL.
    #[error(transparent)]
    Anchor(#[from] crate::cluster::anchors::AnchorRefusal),
}

/// Caps a request head at `max` bytes (431 beyond it, hyper's answer for HTTP/1; the
/// stream is reset for HTTP/2). For HTTP/1 the cap is also the read buffer's size, which
/// each connection keeps while it streams an answer: hyper's default (~400 KiB) let one
/// grow to 16 KiB for an ordinary 2 KB request, this keeps it at `max`.
fn limit_heads(
    builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
    max: usize,
) {
    builder.http1().max_buf_size(max);
    builder
        .http2()
        .max_header_list_size(u32::try_from(max).unwrap_or(u32::MAX));
}

/// Refuses a client listener beyond loopback without TLS, unless the config says
/// `server.allow_plaintext = true`. Checked at start, after `--listen` overrides the
/// config, before anything is created or bound.
pub fn check_listener(server: &ServerConfig) -> Result<(), ServeError> {
    if server.tls.is_none() && !server.listen.ip().is_loopback() && !server.allow_plaintext {
        return Err(ServeError::Plaintext {
            addr: server.listen,
        });
    }
    Ok(())
}

/// What `serve` needs besides the config: secrets and state prepared by the caller.
pub struct Startup {
    pub keys: KeyStore,
    pub master: MasterKey,
    pub policies: Policies,
    /// Start even if the audit log is damaged (the damage is audited).
    pub accept_damage: bool,
    /// Where the config came from, for hot reloads of its pricing and tenant limits.
    pub config_file: Option<std::path::PathBuf>,
    /// The admin token, read and checked before anything was created
    /// ([`AdminToken::from_config`]); `None`: the admin API is off.
    pub admin_token: Option<AdminToken>,
}

/// Where the gateway listens, once it does.
#[derive(Debug, Clone)]
pub struct Listening {
    pub addr: SocketAddr,
    pub tls: bool,
    /// The admin API's base URL, when it is on (plain HTTP only on loopback).
    pub admin: Option<String>,
}

impl Listening {
    pub fn base_url(&self) -> String {
        format!(
            "{}://{}",
            if self.tls { "https" } else { "http" },
            self.addr
        )
    }
}

/// Builds the gateway from a validated config and the virtual keys, listens, calls `on_listening` once the
/// socket is bound, and serves until SIGTERM or Ctrl-C; then stops accepting, lets
/// in-flight requests and streams finish for up to `server.shutdown_grace`, and returns.
pub async fn serve(
    config: Config,
    startup: Startup,
    on_listening: impl FnOnce(&Listening),
) -> Result<(), ServeError> {
    check_listener(&config.server)?;
    let options = AuditOptions {
        accept_damage: startup.accept_damage,
        ..config.audit_options()
    };
    let master = startup.master;
    let vault_path = config.data.dir.join("vault");
    // Configuration and environment first: a missing certificate or variable is named
    // before any store is opened (a store's error would hide it).
    let tls = config
        .server
        .tls
        .as_ref()
        .map(tls::server_config)
        .transpose()?;
    let admin_tls = config
        .admin
        .as_ref()
        .and_then(|a| a.tls.as_ref())
        .map(tls::server_config)
        .transpose()?;
    // A cluster node joins before any local store is opened: unreachable PostgreSQL or
    // Redis, or a schema it does not know, refuse the start with nothing changed.
    let cluster = match &config.cluster {
        Some(c) => Some(crate::cluster::Cluster::join(c).await?),
        None => None,
    };
    let shared_keys = match &cluster {
        Some(cluster) => Some((
            cluster.virtual_key_rows().await?,
            cluster.provider_key_rows().await?,
        )),
        None => None,
    };
    if !vault_path.exists() {
        // No vault yet, so nothing but the environment can supply a provider key.
        crate::providers::check_key_variables(&config.providers)?;
    }
    // A log rolled back below what its witnesses cosigned refuses to start before it
    // is opened (opening would append to it and sign a checkpoint over it).
    let audit_dir = options.dir.clone();
    crate::witness::gateway::check_at_start(&audit_dir, &config.audit).await?;
    if let Some(cluster) = &cluster {
        crate::cluster::anchors::check_at_start(&cluster.pg, &cluster.node_id, &audit_dir).await?;
    }
    // An existing vault first: a wrong master key is refused by its key-check value
    // before the audit log is touched. A vault not created yet is created only after
    // the audit log accepted the key, so a wrong key never seeds a new vault. Opening
    // both is blocking work, off the runtime.
    let (vault, audit, report, master) = tokio::task::spawn_blocking(move || {
        if let Some((rows, _)) = &shared_keys {
            Vault::agree_shared(rows.as_ref(), &master)?;
        }
        let existing = vault_path
            .exists()
            .then(|| Vault::open(&vault_path, &master));
        let existing = existing.transpose()?;
        let (log, report) = AuditLog::open(options, &master)?;
        let mut vault = match existing {
            Some(vault) => vault,
            None => Vault::open(&vault_path, &master)?,
        };
        if let Some((virtual_keys, provider_keys)) = shared_keys {
            vault = vault
                .share_virtual_keys(virtual_keys)
                .share_provider_keys(provider_keys);
        }
        Ok::<_, ServeError>((Arc::new(vault), log, report, master))
    })
    .await
    .map_err(|e| ServeError::Io(std::io::Error::other(e)))??;
    let providers =
        Providers::from_config(&config.providers, &config.upstream, Some(vault.clone()))?;
    if let Some(recovery) = &report.recovery {
        tracing::warn!(segment = %recovery.segment.display(), bytes = recovery.bytes, seq = recovery.seq, quarantine = %recovery.quarantine.display(), "audit log: cut a torn, never-acknowledged tail at start-up");
    }
    tracing::info!(records = report.records, log_id = %report.log_id, "audit log open");
    if !config.audit.witnesses.is_empty() {
        crate::witness::gateway::Submitter::new(
            &audit_dir,
            audit.verifier().clone(),
            &config.audit,
        )
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))?
        .spawn();
    }
    if let Some(cluster) = &cluster {
        crate::cluster::anchors::spawn(
            cluster.pg.clone(),
            cluster.node_id.clone(),
            audit_dir.clone(),
            audit.verifier().clone(),
        );
    }
    // Erasures made on other nodes while this one was down are applied before it serves.
    let erasures = match &cluster {
        Some(cluster) => Some(cluster.erasures(&master, audit.clone()).await?),
        None => None,
    };
    let metrics = Metrics::default();
    let routing = router::Router::new(
        config.routing.clone(),
        config.upstream.total_timeout,
        config.providers.iter().map(|p| p.name.as_str()),
        metrics.breaker_state.clone(),
    );
    let limit_store = cluster
        .as_ref()
        .map(|c| c.limit_store(audit.clone()) as Arc<dyn crate::limits::LimitStore>);
    let limiter = limiter_seeded(&config, &audit, limit_store).await?;
    let gw = Gateway::new(GatewayState {
        keys: startup.keys,
        router: routing,
        vault: vault.clone(),
        limits: limiter,
        providers,
        policies: Arc::new(startup.policies),
        pricing: arc_swap::ArcSwap::from_pointee(Pricing::new(config.pricing.clone())),
        config_file: startup.config_file,
        pseudonyms: vault.pseudonym_keys()?,
        audit: audit.clone(),
        aliases: config.aliases.clone(),
        metrics,
        max_body_bytes: config.server.max_body_bytes,
        screening: screen::Screening::new(&config.server),
        shutting_down: AtomicBool::new(false),
    });

    let addr = config.server.listen;
    let listener = TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
    let admin_handle = axum_server::Handle::<SocketAddr>::new();
    let admin_state = startup.admin_token.and_then(|token| {
        admin::Admin::new(
            &config,
            token,
            vault.clone(),
            audit.clone(),
            &master,
            gw.policies.clone(),
            erasures,
        )
    });
    let admin_addr = match (admin_state, &config.admin) {
        (Some(state), Some(admin_config)) => {
            let addr = admin_config.listen;
            let listener =
                TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
            let bound = listener.local_addr()?;
            let app = admin::router(state).into_make_service();
            match admin_tls {
                Some(tls) => {
                    let rustls = axum_server::tls_rustls::RustlsConfig::from_config(tls);
                    tokio::spawn(
                        axum_server::from_tcp_rustls(listener, rustls)?
                            .handle(admin_handle.clone())
                            .serve(app),
                    );
                }
                None => {
                    tokio::spawn(
                        axum_server::from_tcp(listener)?
                            .handle(admin_handle.clone())
                            .serve(app),
                    );
                }
            }
            tracing::info!(addr = %bound, tls = admin_config.tls.is_some(), "admin API listening");
            Some(format!(
                "{}://{bound}",
                if admin_config.tls.is_some() {
                    "https"
                } else {
                    "http"
                }
            ))
        }
        _ => None,
    };
    let listening = Listening {
        addr: listener.local_addr()?,
        tls: tls.is_some(),
        admin: admin_addr,
    };
    let handle = axum_server::Handle::<SocketAddr>::new();
    let app = router(gw.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let max_header_bytes = config.server.max_header_bytes;
    let server = match tls {
        Some(tls) => {
            let rustls = axum_server::tls_rustls::RustlsConfig::from_config(tls);
            let mut server = axum_server::from_tcp_rustls(listener, rustls)?
                .map(|tls| tls.acceptor(NoDelayAcceptor))
                .handle(handle.clone());
            limit_heads(server.http_builder(), max_header_bytes);
            tokio::spawn(server.serve(app))
        }
        None => {
            let mut server = axum_server::from_tcp(listener)?
                .acceptor(NoDelayAcceptor)
                .handle(handle.clone());
            limit_heads(server.http_builder(), max_header_bytes);
            tokio::spawn(server.serve(app))
        }
    };
    // `workers`: what `[server] workers` (or the default, one a core) gave, for an operator
    // sizing it.
    tracing::info!(
        addr = %listening.addr,
        tls = listening.tls,
        workers = tokio::runtime::Handle::current().metrics().num_workers(),
        "listening"
    );
    for provider in config
        .providers
        .iter()
        .filter(|p| p.plaintext_beyond_loopback)
    {
        tracing::warn!(provider = %provider.name, base_url = %provider.base_url, "provider reached over plain HTTP beyond loopback because it sets allow_plaintext = true: its key and every prompt cross the network unencrypted");
    }
    if !listening.tls && !listening.addr.ip().is_loopback() {
        tracing::warn!(addr = %listening.addr, "serving plain HTTP beyond loopback because server.allow_plaintext = true: virtual keys and prompts cross the network unencrypted up to the TLS-terminating proxy");
    }
    let signalled = shutdown_signal();
    // Months past a tenant's retention are shredded before the first request is served.
    let tenants: Vec<String> = config.tenants.iter().map(|t| t.id.clone()).collect();
    retention::enforce(&audit, &gw.policies.current(), &tenants).await?;
    let retainer = retention::spawn_daily(gw.clone(), tenants);
    if let Some(cluster) = &cluster {
        let (gw, audit, admin_url) = (gw.clone(), audit.clone(), listening.admin.clone());
        // Records up to and with this start's own record, then every append since.
        let opened = report.start_seq + 1;
        cluster
            .start_heartbeat(move || crate::cluster::NodeFacts {
                policy_hash: gw.policies.current().version.clone(),
                log_size: opened + audit.stats().appends.load(Ordering::Relaxed),
                admin_url: admin_url.clone(),
            })
            .await?;
    }
    on_listening(&listening);

    drop(master);
    let reloader = reload::spawn(gw.clone());
    let grace = config.server.shutdown_grace;
    let stopper = tokio::spawn(async move {
        signalled.await;
        tracing::info!(
            grace_secs = grace.as_secs(),
            "shutting down: no new connections, draining in-flight requests"
        );
        gw.shutting_down.store(true, Ordering::Relaxed);
        handle.graceful_shutdown(Some(grace));
        admin_handle.graceful_shutdown(Some(grace));
    });
    let served = server
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))?;
    stopper.abort();
    reloader.abort();
    retainer.abort();
    // Streams that were still draining have recorded their answers; the final
    // checkpoint and the stop record close the log.
    if let Err(e) = audit.close().await {
        tracing::error!(error = %e, "closing the audit log failed");
    }
    served?;
    drop(cluster);
    tracing::info!("stopped");
    Ok(())
}

/// The limiter of the config's tenants, seeded with this month's spend from the audit
/// log so that a restart does not reset a budget.
async fn limiter_seeded(
    config: &Config,
    audit: &AuditLog,
    store: Option<Arc<dyn crate::limits::LimitStore>>,
) -> Result<crate::limits::Limiter, ServeError> {
    let limiter = match store {
        // A cluster's limits live in Redis.
        Some(store) => crate::limits::Limiter::new(
            store,
            Arc::new(crate::limits::SystemClock),
            tenant_limits(config),
        ),
        None => crate::limits::Limiter::in_memory(tenant_limits(config)),
    };
    let now = time::OffsetDateTime::now_utc();
    let spend = crate::limits::Spend::new(now);
    let from = spend.month_start();
    // Records stamped a little ahead (clock steps) still count.
    let to = now + time::Duration::days(1);
    let (spend, unreadable) = audit
        .scan_records(from, to, spend, crate::limits::Spend::add_record)
        .await?;
    if unreadable > 0 {
        tracing::warn!(
            unreadable,
            "budgets: some of this month's audit records could not be decrypted; their spend is not counted"
        );
    }
    limiter.seed(&spend).await;
    Ok(limiter)
}

/// The limits of the config's tenants that have any.
pub(crate) fn tenant_limits(config: &Config) -> crate::limits::TenantLimits {
    config
        .tenants
        .iter()
        .filter(|t| !t.limits.is_unlimited())
        .map(|t| (t.id.clone(), t.limits.clone()))
        .collect()
}

/// Installs the SIGTERM handler now and returns the future that resolves on SIGTERM or
/// Ctrl-C. Called before the gateway announces its address: a SIGTERM sent right after
/// "listening on" must drain the gateway, not kill it with the default action.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {}
            () = term => {}
        }
    }
}

/// Serves the demo echo provider on a loopback port; returns its base URL (`.../v1`).
pub async fn spawn_echo_provider() -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let _ = axum::serve(listener, echo::router()).await;
    });
    Ok(format!("http://{addr}/v1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(listen: &str, tls: bool, allow_plaintext: bool) -> ServerConfig {
        let mut config = Config::default().server;
        config.listen = listen.parse().unwrap();
        config.tls = tls.then(|| crate::config::TlsFiles {
            cert: "c.pem".into(),
            key: "k.pem".into(),
        });
        config.allow_plaintext = allow_plaintext;
        config
    }

    #[test]
    fn plain_http_beyond_loopback_needs_tls_or_allow_plaintext() {
        for listen in ["0.0.0.0:8080", "[::]:8080", "192.0.2.7:8080"] {
            let e = check_listener(&server(listen, false, false)).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with(&format!("server.listen {listen} is not a loopback address")),
                "{e}"
            );
            assert!(check_listener(&server(listen, true, false)).is_ok());
            assert!(check_listener(&server(listen, false, true)).is_ok());
        }
        for listen in ["127.0.0.1:8080", "127.0.0.2:1", "[::1]:8080"] {
            assert!(check_listener(&server(listen, false, false)).is_ok());
        }
    }
}
