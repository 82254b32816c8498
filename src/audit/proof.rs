//! RFC 6962 / RFC 9162 Merkle proofs over the audit log's record hashes: inclusion
//! proofs (a record is in the tree a checkpoint commits to) and consistency proofs (a
//! later tree extends an earlier one, so nothing was removed or rewritten). Generation
//! works on the list of leaf hashes; verification needs only the proof, the sizes and
//! the roots, so an auditor runs it offline. Does no I/O and no signature checking.
//!
//! Tested against the transparency-dev/merkle test vectors (`tests/audit_proof_vectors.rs`).

use super::chain::{node_hash, sha256, Hash};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("index {index} is not below the tree size {size}")]
    IndexBeyondSize { index: u64, size: u64 },
    #[error("the earlier size {first} is larger than the later size {second}")]
    SizesReversed { first: u64, second: u64 },
    #[error("the proof has {got} hashes where {want} belong")]
    WrongLength { got: usize, want: usize },
    #[error("the proof does not lead to the expected root")]
    RootMismatch,
    #[error("the proof does not lead to the earlier root")]
    FirstRootMismatch,
}

/// The Merkle tree hash of leaves given as leaf hashes (SHA-256("") when empty).
pub fn tree_hash(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => sha256(b""),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&tree_hash(&leaves[..k]), &tree_hash(&leaves[k..]))
        }
    }
}

/// The largest power of two smaller than `n` (n >= 2).
fn split(n: u64) -> u64 {
    1u64 << (63 - (n - 1).leading_zeros())
}

/// RFC 6962 PATH(index, leaves): the audit path of leaf `index`.
pub fn inclusion_proof(leaves: &[Hash], index: u64) -> Result<Vec<Hash>, ProofError> {
    let size = leaves.len() as u64;
    if index >= size {
        return Err(ProofError::IndexBeyondSize { index, size });
    }
    let mut out = Vec::new();
    path(leaves, index as usize, &mut out);
    Ok(out)
}

fn path(leaves: &[Hash], m: usize, out: &mut Vec<Hash>) {
    let n = leaves.len();
    if n <= 1 {
        return;
    }
    let k = split(n as u64) as usize;
    if m < k {
        path(&leaves[..k], m, out);
        out.push(tree_hash(&leaves[k..]));
    } else {
        path(&leaves[k..], m - k, out);
        out.push(tree_hash(&leaves[..k]));
    }
}

/// RFC 6962 PROOF(first, leaves): proves the tree of `leaves` extends its first
/// `first` leaves. Empty when `first` is 0 or the whole tree.
pub fn consistency_proof(leaves: &[Hash], first: u64) -> Result<Vec<Hash>, ProofError> {
    let size = leaves.len() as u64;
    if first > size {
        return Err(ProofError::SizesReversed {
            first,
            second: size,
        });
    }
    let mut out = Vec::new();
    if first > 0 {
        subproof(leaves, first as usize, true, &mut out);
    }
    Ok(out)
}

fn subproof(leaves: &[Hash], m: usize, whole: bool, out: &mut Vec<Hash>) {
    let n = leaves.len();
    if m == n {
        if !whole {
            out.push(tree_hash(leaves));
        }
        return;
    }
    let k = split(n as u64) as usize;
    if m <= k {
        subproof(&leaves[..k], m, whole, out);
        out.push(tree_hash(&leaves[k..]));
    } else {
        subproof(&leaves[k..], m - k, false, out);
        out.push(tree_hash(&leaves[..k]));
    }
}

/// RFC 9162 section 2.1.3.2: checks that `leaf` is leaf `index` of the tree of `size`
/// leaves whose root is `root`.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexBeyondSize { index, size });
    }
    let want = inclusion_len(index, size);
    if proof.len() != want {
        return Err(ProofError::WrongLength {
            got: proof.len(),
            want,
        });
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(ProofError::WrongLength {
                got: proof.len(),
                want,
            });
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s == 0 && r == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}

/// The length of an inclusion proof: one hash per level, less the levels where the
/// leaf's subtree is the last, incomplete one and has no sibling.
fn inclusion_len(index: u64, size: u64) -> usize {
    let inner = 64 - (index ^ (size - 1)).leading_zeros();
    let border = (index >> inner).count_ones();
    (inner + border) as usize
}

/// RFC 9162 section 2.1.4.2: checks that the tree of `second` leaves with root
/// `second_root` extends the tree of `first` leaves with root `first_root`.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if first > second {
        return Err(ProofError::SizesReversed { first, second });
    }
    if first == second {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength {
                got: proof.len(),
                want: 0,
            });
        }
        return if first_root == second_root {
            Ok(())
        } else {
            Err(ProofError::RootMismatch)
        };
    }
    if first == 0 {
        // Every tree extends the empty one; a proof here is malformed.
        return if proof.is_empty() {
            Ok(())
        } else {
            Err(ProofError::WrongLength {
                got: proof.len(),
                want: 0,
            })
        };
    }
    let want = consistency_len(first, second);
    if proof.len() != want {
        return Err(ProofError::WrongLength {
            got: proof.len(),
            want,
        });
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (first - 1, second - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return Err(ProofError::WrongLength {
                got: proof.len(),
                want,
            });
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 || sr != *second_root {
        return Err(ProofError::RootMismatch);
    }
    if fr != *first_root {
        return Err(ProofError::FirstRootMismatch);
    }
    Ok(())
}

/// The length of a consistency proof between sizes 0 < first < second: the inclusion
/// path of leaf `first - 1` above the perfect subtree of `2^shift` leaves that ends the
/// first tree, plus that subtree's root unless it is the whole first tree.
fn consistency_len(first: u64, second: u64) -> usize {
    let inner = 64 - ((first - 1) ^ (second - 1)).leading_zeros();
    let border = ((first - 1) >> inner).count_ones();
    let shift = first.trailing_zeros();
    let start = usize::from(!first.is_power_of_two());
    start + (inner - shift + border) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::chain::leaf_hash;

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn every_generated_proof_verifies_and_no_other_does() {
        for n in 1..=40u64 {
            let l = leaves(n);
            let root = tree_hash(&l);
            for i in 0..n {
                let p = inclusion_proof(&l, i).unwrap();
                verify_inclusion(i, n, &l[i as usize], &p, &root).unwrap();
                let other = if i + 1 < n { i + 1 } else { 0 };
                if other != i {
                    assert!(verify_inclusion(other, n, &l[i as usize], &p, &root).is_err());
                }
            }
            for m in 0..=n {
                let p = consistency_proof(&l, m).unwrap();
                let first = tree_hash(&l[..m as usize]);
                verify_consistency(m, n, &first, &root, &p)
                    .unwrap_or_else(|e| panic!("{m}->{n}: {e}"));
                if m > 0 && m < n {
                    let mut forged = l.clone();
                    forged[(m - 1) as usize] = leaf_hash(b"forged");
                    let forged_first = tree_hash(&forged[..m as usize]);
                    assert!(verify_consistency(m, n, &forged_first, &root, &p).is_err());
                }
            }
        }
    }
}
