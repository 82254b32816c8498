//! The `ledgergate` command line.

mod allocator;
mod cli;

use std::sync::atomic::{AtomicI64, Ordering};

fn main() -> std::process::ExitCode {
    cli::main()
}

/// Gives back to the system the memory that start-up used and freed (the PII engine's
/// construction and warm-up, the stores' opening and the audit log's checks allocate
/// temporaries). mimalloc keeps freed pages resident until a purge that runs only while the
/// allocator is busy (after `purge_delay`, 1 s), so an idle gateway held them for good
/// (0.6 to 0.7 MiB of its idle resident set, README "Memory, session 11"). Called once,
/// when the gateway is about to report that it listens; never on the request path.
///
/// It also ends what [`purge_during_startup`] began: mimalloc's purge delay is back to
/// what it was (1 s, or `MIMALLOC_PURGE_DELAY`) before the first request.
pub(crate) fn release_startup_memory() {
    let delay = STARTUP_PURGE_DELAY.load(Ordering::Relaxed);
    // SAFETY: `mi_option_set` and `mi_collect` take no pointer and may be called from any
    // thread at any time; `mi_collect` only frees memory the allocator itself holds.
    unsafe {
        if delay != PURGE_DELAY_UNSET {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay);
        }
        libmimalloc_sys::mi_collect(true)
    }
}

/// mimalloc's `mi_option_purge_delay` (its `mimalloc.h`, v3; the Rust binding names no
/// constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const PURGE_DELAY_UNSET: std::ffi::c_long = std::ffi::c_long::MIN;
/// The purge delay in force before [`purge_during_startup`], restored by
/// [`release_startup_memory`].
static STARTUP_PURGE_DELAY: AtomicI64 = AtomicI64::new(PURGE_DELAY_UNSET);

/// Memory freed while the gateway starts goes back to the system at once, not after
/// mimalloc's purge delay. Start-up frees temporaries on several threads, and a final
/// `mi_collect` on one thread did not give all of them back: purging them as they are freed
/// takes another 1.6 MiB off the idle resident set (README "Memory, session 11"). Only for
/// start-up: on the request path an immediate purge would be an `madvise` per freed run.
pub(crate) fn purge_during_startup() {
    // SAFETY: as in `release_startup_memory`.
    let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
    STARTUP_PURGE_DELAY.store(delay, Ordering::Relaxed);
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
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
