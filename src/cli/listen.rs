//! Runs one of the CLI's small HTTP services (`audit view`, `witness serve`): starts the
//! async runtime, binds the listen address, prints where it listens and serves until
//! Ctrl-C or SIGTERM. Owns the wording of their start-up errors (exit 2); knows none of
//! their routes. Also builds the runtime `serve` runs the gateway on, sized the same way.

use std::future::Future;
use std::net::SocketAddr;
use std::process::ExitCode;

use tokio::net::TcpListener;

use super::fail;

/// Binds `listen` on a fresh runtime (`workers` threads, or one a core), hands the
/// bound address to `banner` (which prints what the user needs to reach the service),
/// then runs `serve` with the listener and a future that resolves on Ctrl-C or SIGTERM.
/// `what` names the service in the error that ends it.
pub(super) fn serve_until_stopped<S, F>(
    listen: SocketAddr,
    workers: Option<usize>,
    what: &str,
    banner: impl FnOnce(SocketAddr),
    serve: S,
) -> ExitCode
where
    S: FnOnce(TcpListener, std::pin::Pin<Box<dyn Future<Output = ()> + Send>>) -> F,
    F: Future<Output = std::io::Result<()>>,
{
    let runtime = match runtime(workers) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    runtime.block_on(async move {
        let listener = match TcpListener::bind(listen).await {
            Ok(l) => l,
            Err(e) => return fail(format!("cannot listen on {listen}: {e}")),
        };
        banner(listener.local_addr().unwrap_or(listen));
        match serve(listener, Box::pin(stopped())).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("the {what} stopped: {e}")),
        }
    })
}

/// A multi-thread runtime of `workers` threads (without, tokio's default: one a core,
/// or `TOKIO_WORKER_THREADS`); on failure, the error already reported (exit 2).
pub(super) fn runtime(workers: Option<usize>) -> Result<tokio::runtime::Runtime, ExitCode> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = workers {
        builder.worker_threads(n);
    }
    builder
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start the async runtime: {e}")))
}

/// Resolves on Ctrl-C, or on SIGTERM where that handler can be installed.
async fn stopped() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
