//! Connections to PostgreSQL: the URL read from the variable the config names, TLS with
//! rustls (ring) whenever the URL's `sslmode` asks for it, trusting the CA file named by
//! libpq's `sslrootcert=FILE` (else the system's roots, see [`super::tls`]), a bounded
//! connect timeout, and a client that reconnects once it finds its connection closed.
//! Never prints the URL: it carries the password.
//!
//! tokio-postgres parses neither `sslrootcert` nor libpq's `verify-ca`/`verify-full`
//! modes, so [`PgTarget::from_url`] takes them out of the URL first (both forms:
//! `postgres://...?k=v` and `k=v k=v`): `verify-*` become `require`, which with rustls
//! checks the chain and the host name anyway.

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
    tls: MakeRustlsConnect,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgTarget(${})", self.variable)
    }
}

impl PgTarget {
    /// Parses the URL held by `variable`.
    pub fn from_url(url: &str, variable: &str) -> Result<PgTarget, ClusterError> {
        let bad = |reason: String| ClusterError::BadUrl {
            variable: variable.to_owned(),
            what: "PostgreSQL",
            reason,
        };
        let libpq = LibpqTls::take_from(url).map_err(bad)?;
        let ca = match &libpq.root_cert {
            Some(path) if path != "system" => {
                let pem = super::tls::read_ca_pem(
                    std::path::Path::new(path),
                    "sslrootcert in the PostgreSQL URL",
                )
                .map_err(|e| bad(e.to_string()))?;
                Some((pem, path.clone()))
            }
            _ => None,
        };
        let tls = super::tls::client_config(ca.as_ref().map(|(pem, path)| {
            (
                pem.as_slice(),
                path.as_str(),
                "sslrootcert in the PostgreSQL URL",
            )
        }))
        .map_err(|e| bad(e.to_string()))?;
        let mut config: Config = libpq.url.parse().map_err(|e: tokio_postgres::Error| {
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
            tls: MakeRustlsConnect::new(tls),
        })
    }

    pub fn variable(&self) -> &str {
        &self.variable
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
        let attempt = self.config.connect(self.tls.clone());
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
    if let Some(cause) = super::tls::tls_cause(e) {
        return format!(
            "the TLS handshake failed: {cause} (the server's certificate must be signed by the CA that sslrootcert in the URL names, or by a system root, and name the URL's host)"
        );
    }
    match (e.as_db_error(), e.source()) {
        (Some(db), _) => db.message().to_owned(),
        // "error connecting to server" says little without its cause.
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}

/// A PostgreSQL URL with libpq's TLS options that tokio-postgres does not parse taken
/// out: `sslrootcert=FILE` (kept here) and `sslmode=verify-ca|verify-full` (handed on
/// as `require`: rustls verifies the chain and the host name in every mode).
#[derive(Debug, PartialEq, Eq)]
struct LibpqTls {
    url: String,
    root_cert: Option<String>,
}

impl LibpqTls {
    /// Rewrites `url` (URL form or `key=value` form). Errors name the option, never
    /// the URL.
    fn take_from(url: &str) -> Result<LibpqTls, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            LibpqTls::from_uri(url)
        } else {
            LibpqTls::from_key_values(url)
        }
    }

    fn from_uri(url: &str) -> Result<LibpqTls, String> {
        let Some((base, query)) = url.split_once('?') else {
            return Ok(LibpqTls {
                url: url.to_owned(),
                root_cert: None,
            });
        };
        let mut root_cert = None;
        let mut kept = Vec::new();
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (key, value) {
                ("sslrootcert", v) => root_cert = Some(percent_decode(v)?),
                ("sslmode", "verify-ca" | "verify-full") => kept.push("sslmode=require".to_owned()),
                _ => kept.push(pair.to_owned()),
            }
        }
        let url = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        Ok(LibpqTls { url, root_cert })
    }

    /// libpq's `key = value` form: values bare or single-quoted with `\` escapes.
    fn from_key_values(text: &str) -> Result<LibpqTls, String> {
        let mut root_cert = None;
        let mut kept: Vec<String> = Vec::new();
        let mut chars = text.char_indices().peekable();
        loop {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            let Some(&(start, _)) = chars.peek() else {
                break;
            };
            let mut key = String::new();
            while let Some((_, c)) = chars.next_if(|(_, c)| *c != '=' && !c.is_whitespace()) {
                key.push(c);
            }
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            if chars.next_if(|(_, c)| *c == '=').is_none() {
                return Err(format!("option \"{key}\" has no '=' and value"));
            }
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            let mut value = String::new();
            if chars.next_if(|(_, c)| *c == '\'').is_some() {
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, c)) => value.push(c),
                            None => {
                                return Err(format!(
                                    "option \"{key}\" has an unterminated quoted value"
                                ))
                            }
                        },
                        Some((_, c)) => value.push(c),
                        None => {
                            return Err(format!(
                                "option \"{key}\" has an unterminated quoted value"
                            ))
                        }
                    }
                }
            } else {
                while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                    value.push(c);
                }
            }
            let end = chars.peek().map_or(text.len(), |(i, _)| *i);
            match (key.as_str(), value.as_str()) {
                ("sslrootcert", _) => root_cert = Some(value),
                ("sslmode", "verify-ca" | "verify-full") => kept.push("sslmode=require".to_owned()),
                _ => kept.push(text[start..end].trim_end().to_owned()),
            }
        }
        Ok(LibpqTls {
            url: kept.join(" "),
            root_cert,
        })
    }
}

/// `%XX` escapes of a URL's query value decoded (the path of a CA file).
fn percent_decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("sslrootcert has a bad %-escape")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "sslrootcert is not UTF-8 once decoded".to_owned())
}

#[cfg(test)]
mod tests {
    use super::LibpqTls;

    #[test]
    fn libpq_tls_options_are_taken_out_of_a_url() {
        let t = LibpqTls::take_from(
            "postgres://u:pw@db:5432/x?sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20x.pem&application_name=a",
        )
        .unwrap();
        assert_eq!(
            t.url,
            "postgres://u:pw@db:5432/x?sslmode=require&application_name=a"
        );
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca x.pem"));
        let t = LibpqTls::take_from("postgresql://db/x?sslrootcert=ca.pem").unwrap();
        assert_eq!(
            (t.url.as_str(), t.root_cert.as_deref()),
            ("postgresql://db/x", Some("ca.pem"))
        );
        let t = LibpqTls::take_from("postgres://db/x").unwrap();
        assert_eq!((t.url.as_str(), t.root_cert), ("postgres://db/x", None));
        assert!(LibpqTls::take_from("postgres://db/x?sslrootcert=%zz").is_err());
    }

    #[test]
    fn libpq_tls_options_are_taken_out_of_key_values() {
        let t = LibpqTls::take_from(
            "host=db password='p w\\'x' sslmode = verify-ca sslrootcert='/etc/my ca.pem' dbname=x",
        )
        .unwrap();
        assert_eq!(t.url, "host=db password='p w\\'x' sslmode=require dbname=x");
        assert_eq!(t.root_cert.as_deref(), Some("/etc/my ca.pem"));
        let parsed: tokio_postgres::Config = t.url.parse().unwrap();
        assert_eq!(parsed.get_password(), Some(&b"p w'x"[..]));
        assert!(LibpqTls::take_from("host=db password='open").is_err());
        assert!(LibpqTls::take_from("host").is_err());
    }
}
