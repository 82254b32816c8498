//! Criterion benchmarks of the key vault's per-request work: finding a virtual key by
//! the digest of the presented secret (hit and miss), and decrypting a provider key
//! (unwrap the data key, open the sealed value), which every upstream call does once.
//!
//! Run: `cargo bench --bench vault -- --warm-up-time 1 --measurement-time 2`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use criterion::{criterion_group, criterion_main, Criterion};
use secrecy::{ExposeSecret, SecretString};

use ledgergate::vault::master_key::MasterKey;
use ledgergate::vault::store::{digest_of, NewVirtualKey, Vault};

fn vault_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::open(&dir.path().join("vault"), &MasterKey::from_bytes([9; 32])).unwrap();
    let mut secret = String::new();
    for i in 0..1000 {
        let (_, s) = vault
            .create_virtual_key(NewVirtualKey {
                id: Some(format!("key-{i}")),
                tenant: "acme".into(),
                ..NewVirtualKey::default()
            })
            .unwrap();
        secret = s.expose().to_owned();
    }
    vault
        .put_provider_key("openai-eu", &SecretString::from("sk-bench-provider-key"))
        .unwrap();

    c.bench_function("virtual key lookup, hit (1000 keys)", |b| {
        b.iter(|| {
            vault
                .virtual_key_by_digest(&digest_of(&secret))
                .unwrap()
                .unwrap()
        })
    });
    c.bench_function("virtual key lookup, miss", |b| {
        b.iter(|| {
            vault
                .virtual_key_by_digest(&digest_of("lgk_not-a-key"))
                .unwrap()
                .is_none()
        })
    });
    c.bench_function("provider key decrypt", |b| {
        b.iter(|| {
            vault
                .provider_key("openai-eu")
                .unwrap()
                .unwrap()
                .expose_secret()
                .len()
        })
    });
}

criterion_group!(benches, vault_benches);
criterion_main!(benches);
