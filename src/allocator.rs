//! The process's global allocator: mimalloc, except that a large zeroed allocation
//! (256 KiB or more) is a fresh anonymous mapping from the kernel, as glibc's malloc does.
//! mimalloc, not glibc's malloc, because the request path makes many small, short-lived
//! allocations on several threads (README, "Benchmarks").
//!
//! Why: sled 0.34 builds its metrics on first use even with its `no_metrics` feature
//! (`sled::metrics::M`, a private lazy static that `Db::open` touches): 41 histograms of
//! 512 KiB each, allocated zeroed and never written while metrics are off. mimalloc zeroes
//! such an allocation with a `memset` whenever it lands on memory the allocator has used
//! before, which makes every page resident; ten of them were, 5.6 MiB of an idle gateway's
//! 42 MiB (README "Memory, session 12"). A fresh mapping is zero without being written, so
//! pages nobody touches never become resident. sled's page table (12 MiB, zeroed, mostly
//! untouched) takes the same road.
//!
//! What it guarantees: every block is freed by the allocator that made it. Mappings are
//! recorded in a fixed table of addresses; a free or a resize of a large block looks its
//! address up there and otherwise goes to mimalloc. When the table is full, or the
//! alignment asked exceeds a page, or the kernel refuses, the allocation falls back to
//! mimalloc. It does not change small allocations, which stay on mimalloc's fast path.

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mapped::Allocator = mapped::Allocator;

/// Off Linux the process allocator is mimalloc alone.
#[cfg(not(target_os = "linux"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(target_os = "linux")]
mod mapped {
    use std::alloc::{GlobalAlloc, Layout};
    use std::ffi::c_void;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use mimalloc::MiMalloc;
    use rustix::mm::{mmap_anonymous, munmap, MapFlags, ProtFlags};

    /// Zeroed allocations of at least this size are mapped. mimalloc's own "large"
    /// objects start at 128 KiB; sled's histograms are 512 KiB. Nothing on the request
    /// path asks for zeroed blocks this large, so the system calls stay at start-up.
    const LARGE_ZEROED: usize = 256 * 1024;
    /// A mapping's start is page aligned; larger alignments go to mimalloc.
    const PAGE: usize = 4096;
    /// Live mappings at most (sled makes 42 at start); beyond, mimalloc serves.
    const SLOTS: usize = 128;

    /// Addresses of the live mappings; 0 marks a free slot.
    static MAPPED: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];

    /// mimalloc with large zeroed blocks taken straight from the kernel (module header).
    pub(crate) struct Allocator;

    /// The slot holding `ptr`, if it is one of our mappings.
    fn slot_of(ptr: *mut u8) -> Option<&'static AtomicUsize> {
        let addr = ptr as usize;
        MAPPED
            .iter()
            .find(|slot| slot.load(Ordering::Acquire) == addr)
    }

    /// A fresh, zero-filled mapping of `size` bytes recorded in a slot, or `None`.
    fn map_zeroed(size: usize) -> Option<*mut u8> {
        // SAFETY: a new private anonymous mapping at an address of the kernel's choosing;
        // no existing memory is touched.
        let ptr = unsafe {
            mmap_anonymous(
                std::ptr::null_mut(),
                size,
                ProtFlags::READ | ProtFlags::WRITE,
                MapFlags::PRIVATE,
            )
        }
        .ok()?;
        let addr = ptr as usize;
        let recorded = MAPPED.iter().any(|slot| {
            slot.compare_exchange(0, addr, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        });
        if recorded {
            Some(ptr.cast())
        } else {
            // SAFETY: the mapping was made just above and nobody else knows its address.
            let _ = unsafe { munmap(ptr, size) };
            None
        }
    }

    /// Forgets and unmaps one of our mappings. The slot is cleared before the unmap: once
    /// unmapped, the kernel may hand the same address to mimalloc, whose blocks must never
    /// be found in the table.
    ///
    /// # Safety
    /// `slot` holds `ptr`, a live mapping of `size` bytes that the caller owns.
    unsafe fn unmap(slot: &AtomicUsize, ptr: *mut u8, size: usize) {
        slot.store(0, Ordering::Release);
        // SAFETY: per the contract, a mapping of `size` bytes made by `map_zeroed`. An
        // error here (impossible for a range we mapped) leaves the pages mapped: a leak,
        // never a double use.
        let _ = unsafe { munmap(ptr.cast::<c_void>(), size) };
    }

    // SAFETY: every block is returned to the allocator that made it: mapped blocks are
    // exactly those whose address is in `MAPPED`, which holds only live mappings.
    unsafe impl GlobalAlloc for Allocator {
        #[inline]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded with the caller's contract.
            unsafe { MiMalloc.alloc(layout) }
        }

        #[inline]
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if layout.size() >= LARGE_ZEROED && layout.align() <= PAGE {
                if let Some(ptr) = map_zeroed(layout.size()) {
                    return ptr;
                }
            }
            // SAFETY: forwarded with the caller's contract.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }

        #[inline]
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if layout.size() >= LARGE_ZEROED {
                if let Some(slot) = slot_of(ptr) {
                    // SAFETY: `ptr` is in the table, so a live mapping of `layout.size()`
                    // bytes (a mapped block is never resized in place).
                    unsafe { unmap(slot, ptr, layout.size()) };
                    return;
                }
            }
            // SAFETY: not ours, so mimalloc's; forwarded with the caller's contract.
            unsafe { MiMalloc.dealloc(ptr, layout) }
        }

        #[inline]
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if layout.size() >= LARGE_ZEROED {
                if let Some(slot) = slot_of(ptr) {
                    // A mapped block moves to mimalloc when resized.
                    // SAFETY: the caller guarantees `new_size` rounded to `layout.align()`
                    // does not overflow, which is what `from_size_align_unchecked` needs.
                    let new_layout =
                        unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                    // SAFETY: a non-zero size, per the caller's contract.
                    let new = unsafe { MiMalloc.alloc(new_layout) };
                    if !new.is_null() {
                        // SAFETY: both blocks are live, distinct, and at least this long.
                        unsafe {
                            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                            unmap(slot, ptr, layout.size());
                        }
                    }
                    return new;
                }
            }
            // SAFETY: not ours, so mimalloc's; forwarded with the caller's contract.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn large_zeroed_blocks_are_mapped_zero_and_freed_or_moved() {
            let a = Allocator;
            let layout = Layout::from_size_align(LARGE_ZEROED * 2, 8).unwrap();
            unsafe {
                let p = a.alloc_zeroed(layout);
                assert!(!p.is_null());
                assert!(slot_of(p).is_some(), "a large zeroed block is a mapping");
                let bytes = std::slice::from_raw_parts_mut(p, layout.size());
                assert!(bytes.iter().all(|b| *b == 0));
                bytes[7] = 42;
                bytes[layout.size() - 1] = 7;
                // Grown: moved to mimalloc with its contents, the mapping gone.
                let q = a.realloc(p, layout, layout.size() * 2);
                assert!(!q.is_null());
                assert!(slot_of(p).is_none());
                assert_eq!(*q.add(7), 42);
                assert_eq!(*q.add(layout.size() - 1), 7);
                let grown = Layout::from_size_align(layout.size() * 2, 8).unwrap();
                a.dealloc(q, grown);

                // Freed as it came: the slot is released.
                let r = a.alloc_zeroed(layout);
                assert!(slot_of(r).is_some());
                a.dealloc(r, layout);
                assert!(slot_of(r).is_none());

                // Small zeroed and large plain blocks stay on mimalloc.
                let small = Layout::from_size_align(1024, 8).unwrap();
                let s = a.alloc_zeroed(small);
                assert!(slot_of(s).is_none());
                assert!(std::slice::from_raw_parts(s, 1024).iter().all(|b| *b == 0));
                a.dealloc(s, small);
                let plain = a.alloc(layout);
                assert!(slot_of(plain).is_none());
                a.dealloc(plain, layout);
            }
        }
    }
}
