//! The Merkle tree hash against the RFC 6962 reference vectors (the Certificate
//! Transparency / transparency-dev test leaves and roots for sizes 0 to 8).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use ledgergate::audit::chain::{leaf_hash, CompactRange};

const LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

const ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

#[test]
fn roots_match_rfc_6962_for_every_size() {
    let mut range = CompactRange::new();
    assert_eq!(hex::encode(range.root()), ROOTS[0]);
    for (i, leaf) in LEAVES.iter().enumerate() {
        range.push(&hex::decode(leaf).unwrap());
        assert_eq!(hex::encode(range.root()), ROOTS[i + 1], "size {}", i + 1);
    }
}

#[test]
fn leaf_hashes_use_the_zero_prefix() {
    assert_eq!(hex::encode(leaf_hash(&[])), ROOTS[1]);
    assert_eq!(
        hex::encode(leaf_hash(&[0])),
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"
    );
}
