//! `ledgergate audit view BUNDLE_DIR [--listen ADDR]`: the auditor's console, read-only,
//! over an exported bundle on the auditor's own machine. Verifies the bundle first (as
//! `audit verify-bundle` does) and says plainly when it does not verify; the page then
//! shows "not verified" with the first problem's seq. Loopback only: the bundle's
//! records are decrypted in its files, so the page asks for no token.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use ledgergate::console::source::{Bundle, Source};

use super::fail;

pub(super) fn view(dir: &Path, listen: SocketAddr) -> ExitCode {
    if !listen.ip().is_loopback() {
        return fail(format!(
            "--listen {listen} is not a loopback address; `audit view` serves decrypted records without a token, so it listens on loopback only (127.0.0.1 or ::1)"
        ));
    }
    let bundle = match Bundle::open(dir) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    match bundle.report().first_failure() {
        None => println!("bundle {} verifies", dir.display()),
        Some(f) => eprintln!(
            "ledgergate: NOT VERIFIED: bundle {}: first bad seq {}: {} at {}: {} (the console shows it as not verified)",
            dir.display(),
            f.seq,
            f.reason,
            f.location,
            f.detail
        ),
    }
    crate::cli::listen::serve_until_stopped(
        listen,
        Some(2),
        "console server",
        |addr| {
            println!("ledgergate listening on http://{addr}");
            println!(
                "console (read-only, bundle {}): http://{addr}/console",
                dir.display()
            );
        },
        |listener, stopped| {
            ledgergate::server::console::serve_bundle(listener, Source::Bundle(bundle), stopped)
        },
    )
}
