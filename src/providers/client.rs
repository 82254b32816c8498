//! The pooled HTTP client of the provider path: hyper-util's legacy client over rustls
//! (ring, webpki roots, HTTP/2 when the server offers it by ALPN), routed through the
//! proxy the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, read
//! as curl reads them, the rules reqwest applied before). Never follows a redirect. Knows
//! no provider, key or deadline: `http.rs` owns the exchange around it.
//!
//! Why not reqwest here: on every request it parsed the URL's text again into an
//! `http::Uri` and matched it against its proxy rules, about 3 % of the gateway's CPU for
//! a JSON request (README, "Benchmarks > Load", session 13). The CLI and the witness
//! client stay on reqwest.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::uri::Scheme;
use http::{Request, Uri};
use http_body_util::Full;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::{Client, ResponseFuture};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpStream;
use tower::Service;

use crate::config::UpstreamConfig;

/// The body of an upstream request: the whole encoded request, sent in one frame.
pub type Body = Full<Bytes>;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The shared upstream client; clones share one connection pool.
#[derive(Clone)]
pub struct UpstreamClient {
    client: Client<HttpsConnector<Route>, Body>,
    proxies: Arc<Matcher>,
}

impl UpstreamClient {
    pub fn new(upstream: &UpstreamConfig) -> Result<UpstreamClient, rustls::Error> {
        let proxies = Arc::new(Matcher::from_env());
        let mut tcp = HttpConnector::new();
        // The TLS connector around it decides the scheme; this one only opens sockets.
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(upstream.connect_timeout));
        // The hop to an https:// proxy offers no ALPN (HTTP/1.1 only): what it negotiated
        // would otherwise be taken for the protocol spoken with the provider inside the
        // tunnel. The connector to the provider offers h2 and http/1.1.
        let to_proxy = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls_config()?)
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp.clone());
        let route = Route {
            direct: tcp,
            to_proxy,
            proxies: proxies.clone(),
        };
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls_config()?)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(route);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .pool_max_idle_per_host(256)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(UpstreamClient { client, proxies })
    }

    /// Sends `request`. A plain-HTTP request through a proxy carries the proxy's
    /// credentials in its own headers (an HTTPS one gives them to the CONNECT instead).
    pub fn request(&self, mut request: Request<Body>) -> ResponseFuture {
        if request.uri().scheme() == Some(&Scheme::HTTP) {
            let auth = self
                .proxies
                .intercept(request.uri())
                .and_then(|proxy| proxy.basic_auth().cloned());
            if let Some(auth) = auth {
                request
                    .headers_mut()
                    .insert(http::header::PROXY_AUTHORIZATION, auth);
            }
        }
        self.client.request(request)
    }
}

/// rustls with ring and the webpki roots, as reqwest's `rustls-tls-webpki-roots` set it
/// up; no ALPN yet (the connector builder adds what it enables).
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    Ok(rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth())
}

/// Opens the socket for one new pooled connection: straight to the provider, or through
/// the proxy the environment names for its URL (a CONNECT tunnel for HTTPS, the proxy
/// itself for plain HTTP).
#[derive(Clone)]
struct Route {
    direct: HttpConnector,
    to_proxy: HttpsConnector<HttpConnector>,
    proxies: Arc<Matcher>,
}

impl Service<Uri> for Route {
    type Response = Hop;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Hop, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let mut route = self.clone();
        Box::pin(async move {
            let Some(proxy) = route.proxies.intercept(&dst) else {
                let tcp = route.direct.call(dst).await?;
                return Ok(Hop::new(MaybeHttpsStream::Http(tcp), false));
            };
            if dst.scheme() == Some(&Scheme::HTTPS) {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), route.to_proxy);
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                Ok(Hop::new(tunnel.call(dst).await?, false))
            } else {
                let io = route.to_proxy.call(proxy.uri().clone()).await?;
                Ok(Hop::new(io, true))
            }
        })
    }
}

/// The socket under one upstream connection (TLS to the provider goes on top of it).
struct Hop {
    io: MaybeHttpsStream<TokioIo<TcpStream>>,
    /// Requests on it go to a plain-HTTP proxy, so they name their target in full
    /// (absolute-form).
    to_http_proxy: bool,
}

impl Hop {
    fn new(io: MaybeHttpsStream<TokioIo<TcpStream>>, to_http_proxy: bool) -> Hop {
        Hop { io, to_http_proxy }
    }
}

impl Connection for Hop {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.to_http_proxy)
    }
}

impl Read for Hop {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl Write for Hop {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
    }
}
