//! Load benchmark: the same requests sent directly to a local OpenAI-shaped upstream and
//! through a real `ledgergate` process in front of it, in one run on one machine.
//!
//! Run: `cargo bench --bench load` (optionally `-- --seconds 5 --concurrency 32`).
//! It prints requests/s and p50/p99 latency for a sequential client and for a
//! concurrent one, direct and through the gateway, and the ratios. The load generator is
//! this file (reqwest over keep-alive connections); nothing else is installed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "lgk-load-benchmark-key-000000000000";
const BODY: &str = r#"{"model":"echo-1","messages":[{"role":"user","content":"Summarise the quarterly report in three bullet points."}]}"#;

struct Args {
    seconds: u64,
    concurrency: usize,
    sequential: usize,
    /// `fsync` (the default durability) or `batch`.
    durability: String,
}

fn args() -> Args {
    let mut a = Args {
        seconds: 5,
        concurrency: 32,
        sequential: 2000,
        durability: "fsync".into(),
    };
    let argv: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < argv.len() {
        if argv[i] == "--durability" {
            if let Some(d) = argv.get(i + 1) {
                a.durability = d.clone();
            }
            i += 2;
            continue;
        }
        let value = argv.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match (argv[i].as_str(), value) {
            ("--seconds", Some(v)) => a.seconds = v,
            ("--concurrency", Some(v)) => a.concurrency = v as usize,
            ("--sequential", Some(v)) => a.sequential = v as usize,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a
}

struct Stats {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

fn stats(mut latencies: Vec<Duration>, elapsed: Duration) -> Stats {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Stats {
        rps: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    }
}

async fn one(client: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let response = client
        .post(url)
        .bearer_auth(KEY)
        .header("content-type", "application/json")
        .body(BODY)
        .send()
        .await
        .expect("request sent");
    assert_eq!(
        response.status(),
        200,
        "the benchmark target answered an error"
    );
    response.bytes().await.expect("body read");
    started.elapsed()
}

async fn sequential(url: &str, n: usize) -> Stats {
    let client = reqwest::Client::new();
    for _ in 0..n / 10 {
        one(&client, url).await;
    }
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(n);
    for _ in 0..n {
        latencies.push(one(&client, url).await);
    }
    stats(latencies, started.elapsed())
}

async fn concurrent(url: &str, workers: usize, seconds: u64) -> Stats {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(workers)
        .build()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let client = client.clone();
            let url = url.to_owned();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    latencies.push(one(&client, &url).await);
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    stats(all, started.elapsed())
}

fn main() {
    let args = args();
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` probes benches; there is nothing to list.
    }
    // The upstream: the demo echo provider, on its own runtime thread.
    let upstream_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let upstream = upstream_rt
        .block_on(ledgergate::server::spawn_echo_provider())
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ledgergate.toml");
    std::fs::write(
        &config,
        format!(
            r#"
[server]
listen = "127.0.0.1:0"
[log]
level = "warn"
[audit]
durability = "{durability}"
[policy]
dir = "{policies}"
[[providers]]
name = "echo"
kind = "openai"
base_url = "{upstream}"
models = ["echo-1"]
[[tenants]]
id = "bench"
policy = "default"
[[tenants.keys]]
id = "bench-key"
secret_env = "BENCH_KEY"
"#,
            durability = args.durability,
            policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies"),
        ),
    )
    .unwrap();
    let mut gateway = Command::new(env!("CARGO_BIN_EXE_ledgergate"))
        .args(["serve", "--config", config.to_str().unwrap(), "--data-dir"])
        .arg(dir.path().join("data"))
        .env("BENCH_KEY", KEY)
        .env("LEDGERGATE_MASTER_KEY", "42".repeat(32))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("ledgergate starts");
    let mut line = String::new();
    BufReader::new(gateway.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let gateway_url = line
        .trim()
        .strip_prefix("ledgergate listening on ")
        .expect("listening line")
        .to_owned();

    let direct = format!("{upstream}/chat/completions");
    let through = format!("{gateway_url}/v1/chat/completions");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!(
        "load benchmark: {} sequential requests, then {} concurrent clients for {} s; audit durability {}",
        args.sequential, args.concurrency, args.seconds, args.durability

    );
    let seq_direct = rt.block_on(sequential(&direct, args.sequential));
    let seq_gw = rt.block_on(sequential(&through, args.sequential));
    let con_direct = rt.block_on(concurrent(&direct, args.concurrency, args.seconds));
    let con_gw = rt.block_on(concurrent(&through, args.concurrency, args.seconds));
    let _ = gateway.kill();
    let _ = gateway.wait();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "", "req/s", "p50 ms", "p99 ms"
    );
    for (name, s) in [
        ("sequential, direct", &seq_direct),
        ("sequential, via gateway", &seq_gw),
        ("concurrent, direct", &con_direct),
        ("concurrent, via gateway", &con_gw),
    ] {
        println!(
            "{name:<28} {:>10.0} {:>10.3} {:>10.3}",
            s.rps,
            ms(s.p50),
            ms(s.p99)
        );
    }
    println!(
        "gateway overhead at the median, sequential: {:.3} ms",
        ms(seq_gw.p50) - ms(seq_direct.p50)
    );
    println!(
        "throughput through the gateway under load: {:.0} % of direct",
        100.0 * con_gw.rps / con_direct.rps
    );
}
