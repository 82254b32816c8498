//! Hashing of the audit chain and of its RFC 6962 Merkle tree.
//! Owns: the domain-separated record hash (over cleartext header and ciphertext, never
//! the plaintext, so erasing a key never breaks the chain), the genesis value, and the
//! Merkle tree hash (leaf = 0x00 prefix, node = 0x01 prefix) kept as a compact range so
//! a root for any prefix size costs O(log n). Does no I/O.

use ring::digest::{Context, SHA256};

/// A SHA-256 value.
pub type Hash = [u8; 32];

const RECORD_DOMAIN: &[u8] = b"ledgergate/audit/record/v1\0";
const GENESIS_DOMAIN: &[u8] = b"ledgergate/audit/genesis/v1\0";
const SEGMENT_DOMAIN: &[u8] = b"ledgergate/audit/segment/v1\0";

/// Identifies one audit log; random at creation, written in every frame and segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LogId(pub [u8; 16]);

impl std::fmt::Display for LogId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The value the first record chains to. It binds the log id and the checkpoint
/// public key, so swapping the key file beside the log breaks the chain at seq 0.
pub fn genesis(log_id: &LogId, public_key: &[u8]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(GENESIS_DOMAIN);
    ctx.update(&log_id.0);
    ctx.update(public_key);
    finish(ctx)
}

/// The hash of one record: over its encoded cleartext header and its ciphertext+tag.
pub fn record_hash(header: &[u8], ciphertext: &[u8]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(RECORD_DOMAIN);
    ctx.update(&(header.len() as u32).to_be_bytes());
    ctx.update(header);
    ctx.update(&(ciphertext.len() as u32).to_be_bytes());
    ctx.update(ciphertext);
    finish(ctx)
}

/// The self-check of a segment header.
pub fn segment_header_hash(bytes: &[u8]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(SEGMENT_DOMAIN);
    ctx.update(bytes);
    finish(ctx)
}

/// Plain SHA-256, for file digests in export manifests.
pub fn sha256(bytes: &[u8]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(bytes);
    finish(ctx)
}

fn finish(ctx: Context) -> Hash {
    let digest = ctx.finish();
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// RFC 6962 leaf hash: SHA-256(0x00 || data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(&[0x00]);
    ctx.update(data);
    finish(ctx)
}

/// RFC 6962 interior node hash: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(&[0x01]);
    ctx.update(left);
    ctx.update(right);
    finish(ctx)
}

/// The roots of the perfect subtrees covering leaves `0..size`, largest first.
/// Appending is amortised O(1); the Merkle tree hash of the prefix is O(log n).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactRange {
    size: u64,
    peaks: Vec<Hash>,
}

impl CompactRange {
    pub fn new() -> CompactRange {
        CompactRange::default()
    }

    /// Rebuilds a range from its parts (as carried in an export manifest). Returns
    /// `None` when the number of peaks does not match the size.
    pub fn from_parts(size: u64, peaks: Vec<Hash>) -> Option<CompactRange> {
        (size.count_ones() as usize == peaks.len()).then_some(CompactRange { size, peaks })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn peaks(&self) -> &[Hash] {
        &self.peaks
    }

    /// Appends a leaf given as its leaf hash.
    pub fn push_leaf_hash(&mut self, leaf: Hash) {
        let mut node = leaf;
        let mut size = self.size;
        // Each trailing 1 bit of the old size is a perfect subtree of the same height.
        while size & 1 == 1 {
            let left = self.peaks.pop().unwrap_or_default();
            node = node_hash(&left, &node);
            size >>= 1;
        }
        self.peaks.push(node);
        self.size += 1;
    }

    /// Appends a leaf given as its data (here: a record hash).
    pub fn push(&mut self, data: &[u8]) {
        self.push_leaf_hash(leaf_hash(data));
    }

    /// The RFC 6962 Merkle tree hash of the leaves so far (SHA-256("") when empty).
    pub fn root(&self) -> Hash {
        let mut iter = self.peaks.iter().rev();
        match iter.next() {
            None => sha256(b""),
            Some(last) => iter.fold(*last, |acc, peak| node_hash(peak, &acc)),
        }
    }
}

/// Every perfect-subtree root of an append-only Merkle tree (2n hashes for n leaves),
/// so the root of any earlier prefix costs O(log n): a checkpoint that turns up after
/// more records were verified is checked without rehashing the log.
#[derive(Clone, Debug, Default)]
pub struct TreeLevels {
    /// `levels[k][i]` is the root of leaves `i * 2^k .. (i + 1) * 2^k`.
    levels: Vec<Vec<Hash>>,
}

impl TreeLevels {
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// Appends a leaf given as its leaf hash.
    pub fn push_leaf_hash(&mut self, leaf: Hash) {
        let mut node = leaf;
        let mut k = 0;
        loop {
            if self.levels.len() == k {
                self.levels.push(Vec::new());
            }
            let level = &mut self.levels[k];
            level.push(node);
            let n = level.len();
            if n % 2 == 1 {
                return;
            }
            node = node_hash(&level[n - 2], &level[n - 1]);
            k += 1;
        }
    }

    /// The RFC 6962 Merkle tree hash of the first `size` leaves; `None` beyond the end.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        if size > self.size() {
            return None;
        }
        let mut peaks = Vec::new();
        let mut start = 0u64;
        for k in (0..64usize).rev() {
            if (size >> k) & 1 == 1 {
                peaks.push(*self.levels.get(k)?.get((start >> k) as usize)?);
                start += 1 << k;
            }
        }
        CompactRange::from_parts(size, peaks).map(|r| r.root())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_root(leaves: &[Vec<u8>]) -> Hash {
        match leaves.len() {
            0 => sha256(b""),
            1 => leaf_hash(&leaves[0]),
            n => {
                let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }

    #[test]
    fn compact_range_matches_recursive_definition() {
        let leaves: Vec<Vec<u8>> = (0..70u32).map(|i| i.to_be_bytes().to_vec()).collect();
        let mut range = CompactRange::new();
        assert_eq!(range.root(), reference_root(&[]));
        for n in 1..=leaves.len() {
            range.push(&leaves[n - 1]);
            assert_eq!(range.root(), reference_root(&leaves[..n]), "size {n}");
            assert_eq!(range.peaks().len(), n.count_ones() as usize);
        }
    }

    #[test]
    fn tree_levels_give_the_root_of_every_prefix() {
        let leaves: Vec<Vec<u8>> = (0..70u32).map(|i| i.to_be_bytes().to_vec()).collect();
        let mut levels = TreeLevels::default();
        for leaf in &leaves {
            levels.push_leaf_hash(leaf_hash(leaf));
        }
        for n in 0..=leaves.len() {
            assert_eq!(
                levels.root_at(n as u64),
                Some(reference_root(&leaves[..n])),
                "size {n}"
            );
        }
        assert_eq!(levels.root_at(71), None);
    }
}
