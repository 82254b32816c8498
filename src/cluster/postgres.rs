//! Connections to PostgreSQL: the URL read from the variable the config names, TLS with
//! rustls (ring; the system's roots, else Mozilla's) whenever the URL's `sslmode` asks
//! for it, a bounded connect timeout, and a client that reconnects once it finds its
//! connection closed. Never prints the URL: it carries the password.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::{mpsc, Mutex};
use tokio_postgres::{AsyncMessage, Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::ClusterError;

/// How long one connection attempt may take before start-up gives up.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A parsed PostgreSQL URL. The Debug form hides it (it carries the password).
#[derive(Clone)]
pub struct PgTarget {
    config: Config,
    variable: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgTarget(${})", self.variable)
    }
}

impl PgTarget {
    /// Parses the URL held by `variable`.
    pub fn from_url(url: &str, variable: &str) -> Result<PgTarget, ClusterError> {
        let mut config: Config = url.parse().map_err(|e: tokio_postgres::Error| {
            ClusterError::BadUrl {
                variable: variable.to_owned(),
                what: "PostgreSQL",
                // The parser's message names the bad option, never the password.
                reason: e.to_string(),
            }
        })?;
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("ledgergate");
        Ok(PgTarget {
            config,
            variable: variable.to_owned(),
        })
    }

    pub fn variable(&self) -> &str {
        &self.variable
    }

    fn tls() -> MakeRustlsConnect {
        let mut roots = rustls::RootCertStore::empty();
        roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        if roots.is_empty() {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        match rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
        {
            Ok(builder) => {
                MakeRustlsConnect::new(builder.with_root_certificates(roots).with_no_client_auth())
            }
            Err(e) => unreachable!("ring supports the default TLS versions: {e}"),
        }
    }

    fn unreachable(&self, e: impl std::fmt::Display) -> ClusterError {
        ClusterError::PostgresUnreachable {
            variable: self.variable.clone(),
            reason: e.to_string(),
        }
    }

    /// Connects and spawns the connection's driver; notifications, if any, are sent to
    /// `notifications` (a LISTEN connection), and the sender is dropped when the
    /// connection ends, which is how a listener learns it was cut off.
    pub async fn connect_with(
        &self,
        notifications: Option<mpsc::Sender<tokio_postgres::Notification>>,
    ) -> Result<Client, ClusterError> {
        let attempt = self.config.connect(PgTarget::tls());
        let (client, mut connection) = tokio::time::timeout(CONNECT_TIMEOUT, attempt)
            .await
            .map_err(|_| self.unreachable("no answer within 5 seconds"))?
            .map_err(|e| self.unreachable(describe(&e)))?;
        tokio::spawn(async move {
            let mut messages = futures::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(message) = messages.next().await {
                match message {
                    Ok(AsyncMessage::Notification(n)) => {
                        if let Some(tx) = &notifications {
                            if tx.send(n).await.is_err() {
                                break;
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "cluster: a PostgreSQL connection failed");
                        break;
                    }
                }
            }
        });
        Ok(client)
    }
}

/// A shared client that replaces its connection when it finds it closed, so a
/// PostgreSQL restart costs the requests made while it was down, not the node.
pub struct Pg {
    target: PgTarget,
    client: Mutex<Arc<Client>>,
}

impl Pg {
    pub async fn connect(target: PgTarget) -> Result<Pg, ClusterError> {
        let client = target.connect_with(None).await?;
        Ok(Pg {
            target,
            client: Mutex::new(Arc::new(client)),
        })
    }

    pub fn target(&self) -> &PgTarget {
        &self.target
    }

    /// The client, reconnected first if its connection has closed.
    pub async fn client(&self) -> Result<Arc<Client>, ClusterError> {
        let mut client = self.client.lock().await;
        if client.is_closed() {
            *client = Arc::new(self.target.connect_with(None).await?);
        }
        Ok(client.clone())
    }
}

/// A PostgreSQL error as one sentence: the server's own message when it sent one.
pub fn describe(e: &tokio_postgres::Error) -> String {
    use std::error::Error;
    match (e.as_db_error(), e.source()) {
        (Some(db), _) => db.message().to_owned(),
        // "error connecting to server" says little without its cause.
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}
