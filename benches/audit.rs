//! Audit log throughput: appends of ~1 KB records with batched durability and with
//! fdatasync per request under N concurrent clients (group commit should make the
//! latter scale with N), `verify` in MB/s over a log of ~1 KB records, and the console's
//! chain view over a log of `CHAIN_RECORDS` (default 100,000) such records: a pass from
//! scratch against a resumed pass after 100 more records.
//! Run: `cargo bench --bench audit -- --warm-up-time 1 --measurement-time 2`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ledgergate::audit::record::{Capture, CaptureMode, RecordKind};
use ledgergate::audit::{AuditLog, AuditOptions, Durability, Record};
use ledgergate::vault::master_key::MasterKey;

fn record_1kb(i: u64) -> Record {
    let mut r = Record::new(RecordKind::Request);
    r.request_id = Some(format!("req-{i:08}"));
    r.tenant = Some(if i % 2 == 0 { "acme" } else { "globex" }.into());
    r.virtual_key_id = Some("acme-app".into());
    r.route = Some("/v1/chat/completions".into());
    r.model_requested = Some("gpt-4o-mini".into());
    r.provider = Some("openai-eu".into());
    r.region = Some("eu-west".into());
    r.capture = Some(Capture {
        mode: CaptureMode::Redacted,
        request: Some(Capture::json(
            &serde_json::json!({"content": "x".repeat(760)}),
        )),
        response: None,
    });
    r
}

fn options(dir: &std::path::Path, durability: Durability) -> AuditOptions {
    let mut o = AuditOptions::new(dir.join("audit"));
    o.durability = durability;
    o
}

fn appends(c: &mut Criterion) {
    let master = MasterKey::from_bytes([7; 32]);
    let plain = serde_json::to_vec(&record_1kb(0))
        .map(|v| v.len())
        .unwrap_or(0);
    eprintln!("record plaintext: {plain} bytes");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("audit_append");
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    let modes = [
        (
            "batched_5ms",
            Durability::Batch {
                max_delay: Duration::from_millis(5),
            },
            vec![1usize, 16, 64],
        ),
        ("fsync", Durability::Fsync, vec![1usize, 8, 32, 128]),
    ];
    for (name, durability, clients) in modes {
        for n in clients {
            let dir = tempfile::tempdir().expect("tempdir");
            let (log, _) = AuditLog::open(options(dir.path(), durability), &master).expect("open");
            group.bench_with_input(
                BenchmarkId::new(name, format!("{n}_clients")),
                &n,
                |b, &n| {
                    b.iter_custom(|iters| {
                        rt.block_on(async {
                            let per = iters.div_ceil(n as u64);
                            let start = Instant::now();
                            let mut tasks = Vec::new();
                            for t in 0..n as u64 {
                                let log = log.clone();
                                tasks.push(tokio::spawn(async move {
                                    for i in 0..per {
                                        log.append(record_1kb(t * per + i)).await.expect("append");
                                    }
                                }));
                            }
                            for t in tasks {
                                t.await.expect("task");
                            }
                            start
                                .elapsed()
                                .mul_f64(iters as f64 / (per * n as u64) as f64)
                        })
                    })
                },
            );
            let stats = log.stats();
            let appends = stats.appends.load(std::sync::atomic::Ordering::Relaxed);
            let syncs = stats
                .syncs
                .load(std::sync::atomic::Ordering::Relaxed)
                .max(1);
            eprintln!(
                "{name}/{n}_clients: {appends} appends in {syncs} fdatasyncs, {:.1} per sync",
                appends as f64 / syncs as f64
            );
            rt.block_on(log.close()).expect("close");
        }
    }
    group.finish();
}

/// A log of `n` ~1 KB records written by 8 concurrent clients with batched durability,
/// left open (for more appends) on the returned runtime.
fn write_log(dir: &std::path::Path, n: u64) -> (tokio::runtime::Runtime, AuditLog) {
    let master = MasterKey::from_bytes([7; 32]);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let log = rt.block_on(async {
        let opts = options(
            dir,
            Durability::Batch {
                max_delay: Duration::from_millis(50),
            },
        );
        let (log, _) = AuditLog::open(opts, &master).expect("open");
        let mut tasks = Vec::new();
        for t in 0..8u64 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..n / 8 {
                    log.append(record_1kb(t * 1_000_000 + i))
                        .await
                        .expect("append");
                }
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        log
    });
    (rt, log)
}

fn verify(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rt, log) = write_log(dir.path(), 20_000);
    rt.block_on(log.close()).expect("close");
    let audit = dir.path().join("audit");
    let report = ledgergate::audit::verify::verify_log(&audit, None).expect("verify");
    assert!(report.ok());
    let mut group = c.benchmark_group("audit_verify");
    group.throughput(Throughput::Bytes(report.bytes));
    group.sample_size(10);
    group.bench_function(format!("{}_records", report.records), |b| {
        b.iter(|| {
            let r = ledgergate::audit::verify::verify_log(&audit, None).expect("verify");
            assert!(r.ok());
        })
    });
    group.finish();
}

/// The console's `GET /admin/v1/console/chain` work: a pass from scratch (what every
/// call cost before) against a resumed pass that reads the 100 records appended since.
fn chain_view(c: &mut Criterion) {
    use ledgergate::audit::verify::{Pass, Resumable};
    let n = std::env::var("CHAIN_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000u64);
    let dir = tempfile::tempdir().expect("tempdir");
    let (rt, log) = write_log(dir.path(), n);
    let audit = dir.path().join("audit");
    let mut group = c.benchmark_group("console_chain");
    group.sample_size(10);
    group.bench_function(format!("from_scratch_{n}_records"), |b| {
        b.iter(|| {
            let (report, _) = Resumable::new(&audit).verify().expect("verify");
            assert!(report.ok());
        })
    });
    let mut resumable = Resumable::new(&audit);
    let mut next = 0u64;
    group.bench_function(format!("resumed_100_new_of_{n}_records"), |b| {
        b.iter_batched(
            || {
                rt.block_on(async {
                    for _ in 0..100 {
                        next += 1;
                        log.append(record_1kb(9_000_000 + next))
                            .await
                            .expect("append");
                    }
                })
            },
            |()| {
                let (report, pass) = resumable.verify().expect("verify");
                assert!(report.ok());
                assert!(report.records >= n);
                pass
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
    let (_, pass) = resumable.verify().expect("verify");
    assert!(matches!(pass, Pass::Incremental { .. }), "{pass:?}");
    rt.block_on(log.close()).expect("close");
}

criterion_group!(benches, appends, verify, chain_view);
criterion_main!(benches);
