//! Per-request cost of two admission steps: the limiter (admit, then charge, for a key
//! and its tenant, every limit kind set) and the router ordering four allowed providers
//! by each strategy (priority, weighted, latency, cost).
//!
//! Run: `cargo bench --bench routing -- --warm-up-time 1 --measurement-time 2`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use std::collections::HashMap;
use std::num::{NonZeroU32, NonZeroU64};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use futures::executor::block_on;
use ledgergate::config::Config;
use ledgergate::limits::{Limiter, Limits, Usage};
use ledgergate::providers::pricing::Pricing;
use ledgergate::providers::router::Router;
use ledgergate::providers::Providers;
use prometheus_client::metrics::family::Family;

fn limiter(c: &mut Criterion) {
    let limits = Limits {
        rpm: NonZeroU32::new(u32::MAX),
        tpm: NonZeroU64::new(u64::MAX / 4),
        budget_daily: Some(u64::MAX / 4),
        budget_monthly: Some(u64::MAX / 4),
        currency: "USD".into(),
    };
    let limiter = Limiter::in_memory(HashMap::from([("acme".to_owned(), limits.clone())]));
    let usage = Usage {
        tokens: Some(12),
        cost: Some(("USD".into(), 30)),
    };
    c.bench_function("limits: admit + charge (key and tenant)", |b| {
        // The in-memory store answers at once: its futures are ready when made.
        b.iter(|| {
            block_on(limiter.admit("acme", "acme-app", &limits)).unwrap();
            block_on(limiter.charge("acme", "acme-app", &limits, &usage));
        })
    });
}

fn config(strategy: &str) -> Config {
    let mut text = format!("[routing]\nstrategy = \"{strategy}\"\n");
    for (i, price) in [3.0, 1.0, 4.0, 2.0].iter().enumerate() {
        text.push_str(&format!(
            "[[providers]]\nname = \"p{i}\"\nkind = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\nregion = \"eu\"\nmodels = [\"m\"]\nweight = {}\n\
             [[pricing]]\nprovider = \"p{i}\"\nmodel = \"m\"\ninput_per_million = {price}\noutput_per_million = {price}\n",
            i + 1
        ));
    }
    Config::parse(&text, "bench.toml").unwrap()
}

fn router(c: &mut Criterion) {
    for strategy in ["priority", "weighted", "latency", "cost"] {
        let config = config(strategy);
        let providers = Providers::from_config(&config.providers, &config.upstream, None).unwrap();
        let names: Vec<String> = config.providers.iter().map(|p| p.name.clone()).collect();
        let router = Router::new(
            config.routing.clone(),
            Duration::from_secs(30),
            names.iter().map(String::as_str),
            Family::default(),
        );
        let pricing = Pricing::new(config.pricing.clone());
        let candidates = providers.serving("m");
        c.bench_function(&format!("router: order 4 providers, {strategy}"), |b| {
            b.iter(|| router.order("m", &pricing, &candidates))
        });
    }
}

criterion_group!(benches, limiter, router);
criterion_main!(benches);
