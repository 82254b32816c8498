//! Memory under concurrency (issue 13): holds `--streams` (default 1,000) streaming chat
//! requests open through a real `ledgergate` process at once, each answered by a slow
//! upstream stream (one chunk every 250 ms, 20 chunks), and reports the gateway's
//! resident set size before, at its peak while streams are open, once all are open and
//! admitted (settled), and after.
//!
//! Run: `cargo bench --bench streams [-- --streams 1000 --durability fsync]`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

#[path = "support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use support::{realistic_body, spawn_upstream, Gateway, KEY};

fn arg(name: &str) -> Option<String> {
    let argv: Vec<String> = std::env::args().collect();
    argv.iter()
        .position(|a| a == name)
        .and_then(|i| argv.get(i + 1))
        .cloned()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let streams: usize = arg("--streams")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let durability = arg("--durability").unwrap_or_else(|| "fsync".into());
    let (upstream, _upstream_rt) = spawn_upstream(Some(Duration::from_millis(250)));
    let gateway = Gateway::start(&upstream, &durability, None);
    let url = format!("{}/v1/chat/completions", gateway.url);
    let idle = gateway.rss_mib().unwrap_or(f64::NAN);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let open = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let body = realistic_body(true);
    let started = Instant::now();
    let ((peak, peak_open), settled) = rt.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(streams)
            .build()
            .expect("client");
        for _ in 0..streams {
            let (client, url, body) = (client.clone(), url.clone(), body.clone());
            let (open, done) = (open.clone(), done.clone());
            tokio::spawn(async move {
                let response = client
                    .post(&url)
                    .bearer_auth(KEY)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("request sent");
                assert_eq!(response.status(), 200, "the gateway refused a stream");
                let mut chunks = response.bytes_stream();
                let mut first = true;
                while let Some(chunk) = chunks.next().await {
                    chunk.expect("stream chunk");
                    if first {
                        open.fetch_add(1, Ordering::SeqCst);
                        first = false;
                    }
                }
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
        // The peak: sampled while streams are open, until they start to finish. It
        // usually falls while requests are still being admitted (parsed, screened,
        // waiting for their audit record); the settled figure is the last sample with
        // every stream open and none finished: what the open streams themselves hold.
        let mut peak = (0.0f64, 0);
        let mut settled = None;
        while done.load(Ordering::SeqCst) == 0 && started.elapsed() < Duration::from_secs(60) {
            let rss = gateway.rss_mib().unwrap_or(f64::NAN);
            let now_open = open.load(Ordering::SeqCst);
            if rss > peak.0 {
                peak = (rss, now_open);
            }
            if now_open == streams && done.load(Ordering::SeqCst) == 0 {
                settled = Some(rss);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        while done.load(Ordering::SeqCst) < streams && started.elapsed() < Duration::from_secs(120)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        (peak, settled)
    });
    let after = gateway.rss_mib().unwrap_or(f64::NAN);
    println!(
        "streams benchmark: {streams} concurrent streaming requests, audit durability {durability}"
    );
    println!("| gateway RSS | MiB |");
    println!("|---|---:|");
    println!("| idle, after start | {idle:.1} |");
    println!("| peak, {peak_open} of {streams} streams open at once | {peak:.1} |");
    match settled {
        Some(rss) => println!("| all {streams} streams open, settled | {rss:.1} |"),
        None => println!("| all {streams} streams open, settled | never all open at once |"),
    }
    println!(
        "| after all {} streams finished | {after:.1} |",
        done.load(Ordering::SeqCst)
    );
}
