//! The admin API client the CLI shares (`keys`, `audit`, `report`): where the running
//! server's admin API is (`--admin-url`, else the config's `[admin] listen`), its token
//! (from the config's `[admin] token_env`, else `LEDGERGATE_ADMIN_TOKEN`; never from the
//! command line), and one blocking JSON call. A server that does not answer at all is
//! [`Unreachable`], so the caller can fall back to opening the stores itself.

use serde_json::Value;
use zeroize::Zeroizing;

use ledgergate::config::{Config, TlsFiles};

/// The admin token variable when no config names one.
pub(super) const DEFAULT_TOKEN_ENV: &str = "LEDGERGATE_ADMIN_TOKEN";

/// The admin API of a running server: URL, token and a client, resolved once.
pub(super) struct AdminApi {
    url: String,
    token: Zeroizing<String>,
    http: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    /// A header sent with every call besides the token (the audit routes' master-key
    /// proof); a secret, zeroized on drop.
    extra: Option<(&'static str, Zeroizing<String>)>,
}

/// What the CLI knows of the admin API before calling it.
pub(super) struct Located {
    pub api: Option<AdminApi>,
    /// An address is known but the token variable (named here) is not set.
    pub missing_token: Option<String>,
    /// Whether any address is known at all.
    pub has_address: bool,
}

/// The admin API could not be reached at all (as opposed to answering with an error).
pub(super) struct Unreachable(pub String);

/// The HTTP client; with the admin listener's own certificate (from the config) as a
/// trusted root besides the public ones, so a self-signed admin certificate works.
fn client(tls: Option<&TlsFiles>) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .timeout(std::time::Duration::from_secs(120));
    if let Some(tls) = tls {
        let pem = std::fs::read(&tls.cert).map_err(|e| {
            format!(
                "cannot read the admin certificate {}: {e}",
                tls.cert.display()
            )
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            format!(
                "the admin certificate {} is not PEM: {e}",
                tls.cert.display()
            )
        })?;
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

impl AdminApi {
    /// Finds the admin API from `--admin-url` or the config's `[admin]` section.
    pub fn locate(admin_url: Option<&str>, config: Option<&Config>) -> Result<Located, String> {
        let admin = config.and_then(|c| c.admin.as_ref());
        let scheme = match admin.and_then(|a| a.tls.as_ref()) {
            Some(_) => "https",
            None => "http",
        };
        let url = match (admin_url, admin) {
            (Some(url), _) => Some(url.trim_end_matches('/').to_owned()),
            (None, Some(admin)) if admin.listen.port() != 0 => {
                Some(format!("{scheme}://{}", admin.listen))
            }
            _ => None,
        };
        let var = admin.map_or(DEFAULT_TOKEN_ENV, |a| a.token_env.as_str());
        let token = std::env::var(var).ok().filter(|t| !t.is_empty());
        let has_address = url.is_some();
        let missing_token = (has_address && token.is_none()).then(|| var.to_owned());
        let api = match (url, token) {
            (Some(url), Some(token)) => Some(AdminApi {
                url,
                token: Zeroizing::new(token),
                http: client(admin.and_then(|a| a.tls.as_ref()))?,
                runtime: tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot start the async runtime: {e}"))?,
                extra: None,
            }),
            _ => None,
        };
        Ok(Located {
            api,
            missing_token,
            has_address,
        })
    }

    /// Sends `value` as header `name` with every call from now on.
    pub fn with_header(mut self, name: &'static str, value: Zeroizing<String>) -> AdminApi {
        self.extra = Some((name, value));
        self
    }

    /// One call. `Ok(Err(message))` when the admin API answered with an error.
    pub fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Result<Value, String>, Unreachable> {
        self.runtime.block_on(self.send(method, path, body))
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Result<Value, String>, Unreachable> {
        let url = format!("{}{path}", self.url);
        let mut request = self
            .http
            .request(method, &url)
            .bearer_auth(self.token.as_str());
        if let Some((name, value)) = &self.extra {
            request = request.header(*name, value.as_str());
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) if e.is_connect() => {
                return Err(Unreachable(format!(
                    "cannot reach the admin API at {}",
                    self.url
                )))
            }
            Err(e) => return Ok(Err(format!("the admin API at {} failed: {e}", self.url))),
        };
        let status = response.status();
        let text = match response.text().await {
            Ok(text) => text,
            Err(e) => return Ok(Err(format!("the admin API at {} broke off: {e}", self.url))),
        };
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(Ok(value));
        }
        let message = value["error"]["message"]
            .as_str()
            .map_or_else(|| format!("HTTP {status}"), str::to_owned);
        Ok(Err(format!("the admin API refused {path}: {message}")))
    }
}
