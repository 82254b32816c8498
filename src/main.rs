//! The `ledgergate` command line.

mod cli;

/// mimalloc, not glibc's malloc: the request path makes many small, short-lived
/// allocations on several threads (README, "Benchmarks").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
