//! The `ledgergate` command line.

mod cli;

/// mimalloc, not glibc's malloc: the request path makes many small, short-lived
/// allocations on several threads (README, "Benchmarks").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}

/// Gives back to the system the memory that start-up used and freed (the PII engine's
/// construction and warm-up, the stores' opening and the audit log's checks allocate
/// temporaries). mimalloc keeps freed pages resident until a purge that runs only while the
/// allocator is busy (after `purge_delay`, 1 s), so an idle gateway held them for good
/// (0.6 to 0.7 MiB of its idle resident set, README "Memory, session 12"). Called once,
/// when the gateway is about to report that it listens; never on the request path.
pub(crate) fn release_startup_memory() {
    // SAFETY: `mi_collect` takes no pointer and may be called from any thread at any time;
    // it only frees memory the allocator itself holds and no live allocation.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Keeps the process on 4 KiB pages. mimalloc asks the kernel for transparent huge pages
/// on its arenas (`madvise`), and a 2 MiB page is resident as soon as one byte of it is
/// touched: the demo gateway sat at 84 MiB idle with them and 42 MiB without, and freed
/// memory came back to the system only in whole huge pages. The cost is a few more TLB
/// misses, not measurable in the load bench (README, "Benchmarks").
///
/// It runs as an ELF constructor, before Rust's runtime and so before the first
/// allocation: called from `main`, it came after the runtime's first allocations had
/// already faulted in two huge pages (4 MiB resident) at the start of mimalloc's arena.
/// The priority (98) puts it ahead of the standard library's own constructor (99) and of
/// every unprioritised one; it makes one system call and allocates nothing.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00098"]
static SMALL_PAGES: extern "C" fn() = small_pages;

#[cfg(target_os = "linux")]
extern "C" fn small_pages() {
    // A kernel without THP support refuses the call: nothing to disable then.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
