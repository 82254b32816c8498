//! The `ledgergate` command line.

mod cli;

/// mimalloc, not glibc's malloc: the request path makes many small, short-lived
/// allocations on several threads (README, "Benchmarks").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
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
