//! Which certificate authorities a cluster node trusts for its TLS connections to
//! PostgreSQL and Redis: the PEM file the operator names (a private CA: PostgreSQL's
//! `sslrootcert=FILE` in its URL, `[cluster] redis_ca_file` for Redis), else the
//! system's roots (Mozilla's when the system has none).
//!
//! Guarantees: every TLS connection checks the server's chain against those roots and
//! its name (DNS name or IP address) against the host the URL names, whatever the
//! `sslmode` (libpq's `require` checks neither; ours is always `verify-full`). A CA
//! file that cannot be read or holds no certificate is refused at start with its path.
//! Does not connect; does not offer client certificates.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

/// Why a CA file could not be used, naming the file and the setting that named it.
#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("cannot read the CA file {path} ({setting}): {reason}")]
    Unreadable {
        path: String,
        setting: &'static str,
        reason: String,
    },
    #[error("the CA file {path} ({setting}) holds no PEM certificate")]
    Empty { path: String, setting: &'static str },
    #[error("the CA file {path} ({setting}) holds a certificate that is not a valid CA: {reason}")]
    Invalid {
        path: String,
        setting: &'static str,
        reason: String,
    },
}

/// The PEM bytes of a CA file, checked to hold at least one certificate rustls accepts.
pub fn read_ca_pem(path: &Path, setting: &'static str) -> Result<Vec<u8>, CaError> {
    let shown = path.display().to_string();
    let pem = std::fs::read(path).map_err(|e| CaError::Unreadable {
        path: shown.clone(),
        setting,
        reason: e.to_string(),
    })?;
    roots_from_pem(&pem, &shown, setting)?;
    Ok(pem)
}

fn roots_from_pem(
    pem: &[u8],
    path: &str,
    setting: &'static str,
) -> Result<rustls::RootCertStore, CaError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem) {
        let cert = cert.map_err(|e| CaError::Invalid {
            path: path.to_owned(),
            setting,
            reason: e.to_string(),
        })?;
        roots.add(cert).map_err(|e| CaError::Invalid {
            path: path.to_owned(),
            setting,
            reason: e.to_string(),
        })?;
    }
    if roots.is_empty() {
        return Err(CaError::Empty {
            path: path.to_owned(),
            setting,
        });
    }
    Ok(roots)
}

/// The system's roots, Mozilla's when the system has none.
fn system_roots() -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if roots.is_empty() {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    roots
}

/// A rustls client configuration (ring) trusting the CA file `ca` (already read by
/// [`read_ca_pem`]) or, without one, the system's roots. rustls's default verifier
/// checks the chain and the server's name: verify-full.
pub fn client_config(
    ca: Option<(&[u8], &str, &'static str)>,
) -> Result<rustls::ClientConfig, CaError> {
    let roots = match ca {
        Some((pem, path, setting)) => roots_from_pem(pem, path, setting)?,
        None => system_roots(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    match rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
    {
        Ok(builder) => Ok(builder.with_root_certificates(roots).with_no_client_auth()),
        Err(e) => unreachable!("ring supports the default TLS versions: {e}"),
    }
}

/// The cause of a failed TLS handshake, if `e`'s chain holds one, as one phrase
/// ("invalid peer certificate: UnknownIssuer"); never carries a URL.
pub fn tls_cause(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(current) = cause {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(tls.to_string());
        }
        // io::Error's `source()` skips the error it wraps, so look inside it here.
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            if let Some(tls) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                return Some(tls.to_string());
            }
        }
        // redis-rs hands its cause on as the `Arc` that holds it.
        if let Some(shared) = current.downcast_ref::<Arc<dyn std::error::Error + Send + Sync>>() {
            return tls_cause(&**shared);
        }
        cause = current.source();
    }
    None
}
