//! The `ledgergate` command line.

mod cli;

/// mimalloc, not glibc's malloc: the request path makes many small, short-lived
/// allocations on several threads (README, "Benchmarks").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    small_pages();
    cli::main()
}

/// Keeps the process on 4 KiB pages. mimalloc asks the kernel for transparent huge pages
/// on its arenas (`madvise`), and a 2 MiB page is resident as soon as one byte of it is
/// touched: the demo gateway sat at 84 MiB idle with them and 42 MiB without, and freed
/// memory came back to the system only in whole huge pages. The cost is a few more TLB
/// misses, not measurable in the load bench (README, "Benchmarks").
fn small_pages() {
    #[cfg(target_os = "linux")]
    {
        // A kernel without THP support refuses the call: nothing to disable then.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}
