//! Load benchmark on the realistic workload of issue 13: a ~2 KB chat prompt carrying a
//! name, an e-mail address and a phone number, the shipped default policy (all three
//! tokenized, capture `redacted`), answers that echo the tokens so restore works, as
//! JSON and as SSE, for both audit durabilities, sent directly to a fast local
//! OpenAI-shaped upstream and through a real `ledgergate` process in front of it, in one
//! run on one machine.
//!
//! Run: `cargo bench --bench load` (optionally `-- --seconds 5 --concurrency 32`).
//! `-- --only json:batch` (or `sse:fsync`, ...) runs one workload and durability only,
//! direct then through the gateway: long enough runs of one path to profile it with
//! `perf record -p $(pgrep -f 'ledgergate serve')`.
//! The load generator is `wrk` when it is installed (`apt-get install wrk`; comparable
//! with other gateways' published figures), else this file's own reqwest client. It
//! prints a Markdown table: requests/s at `--concurrency` connections, the ratio to
//! direct, p50 and p99 at that concurrency, p50 with one connection, and the gateway's
//! CPU time, instructions, `writev` calls, context switches and `futex` calls per request
//! at `--concurrency` (see
//! `support/counters.rs`: `perf stat`, or callgrind with `LEDGERGATE_BENCH_CALLGRIND=1`
//! where the machine has no hardware counters; instructions per request barely move
//! with the machine's load, CPU time moves by a third).
//! `-- --prompts distinct` sends a different prompt with every request (8,192 prompts
//! from a seeded generator, cycled through: names, e-mail addresses, phone numbers in
//! several national formats, addresses, dates of birth), the cost of text the gateway
//! has never seen; the default, `fixed`, sends the one prompt of issue 13.
//! `-- --workers N` runs the gateway with `[server] workers = N` (tokio worker threads;
//! without it, the gateway's default of one a core).
//! `LEDGERGATE_BENCH_WRK=1` also prints each wrk report (its latency distribution) to
//! stderr.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

#[path = "support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::{distinct_bodies, realistic_body, spawn_upstream, Gateway, KEY};

/// How many distinct prompts `--prompts distinct` cycles through: more than a 5-second
/// run at one connection sends (each prompt comes back a few times at 32 connections).
const DISTINCT_PROMPTS: usize = 8192;
/// The generator's seed: every run sends the same prompts in the same order.
const DISTINCT_SEED: u64 = 13;

struct Args {
    seconds: u64,
    /// `json:fsync`, `sse:batch`, ...: one workload and durability only.
    only: Option<String>,
    concurrency: usize,
    generator: Generator,
    /// A different prompt with every request (`--prompts distinct`).
    distinct: bool,
    /// The gateway's `[server] workers` (`--workers N`); none: its default.
    workers: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Generator {
    Wrk,
    Builtin,
}

fn args() -> Args {
    let argv: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        argv.iter()
            .position(|a| a == name)
            .and_then(|i| argv.get(i + 1))
            .cloned()
    };
    let wrk_installed = Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty() || !o.stderr.is_empty());
    Args {
        seconds: value("--seconds").and_then(|v| v.parse().ok()).unwrap_or(5),
        only: value("--only").map(|v| v.to_ascii_lowercase()),
        concurrency: value("--concurrency")
            .and_then(|v| v.parse().ok())
            .unwrap_or(32),
        generator: match value("--generator").as_deref() {
            Some("builtin") => Generator::Builtin,
            _ if wrk_installed => Generator::Wrk,
            _ => Generator::Builtin,
        },
        distinct: match value("--prompts").as_deref() {
            None | Some("fixed") => false,
            Some("distinct") => true,
            Some(other) => panic!("--prompts takes fixed or distinct, not {other}"),
        },
        workers: value("--workers").map(|v| v.parse().expect("--workers takes a number")),
    }
}

/// One measurement: requests/s and latency quantiles.
#[derive(Clone, Copy)]
struct Stats {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

/// A target and workload under load.
struct Target<'a> {
    url: &'a str,
    /// Bearer key (the gateway), or none (the upstream direct).
    key: Option<&'a str>,
    /// The bodies, sent in turn (one for the fixed prompt).
    bodies: &'a [String],
}

fn measure(args: &Args, target: &Target, connections: usize) -> Stats {
    match args.generator {
        Generator::Wrk => wrk(target, connections, args.seconds),
        Generator::Builtin => builtin(target, connections, args.seconds),
    }
}

// -- wrk ---------------------------------------------------------------------------

fn wrk(target: &Target, connections: usize, seconds: u64) -> Stats {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("post.lua");
    let auth = target
        .key
        .map(|k| format!("wrk.headers[\"Authorization\"] = \"Bearer {k}\"\n"))
        .unwrap_or_default();
    let mut lua = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n{auth}"
    );
    if let [body] = target.bodies {
        lua.push_str(&format!("wrk.body = [==[{body}]==]\n"));
    } else {
        // Each request its own body: the requests are formatted once per thread, and
        // each thread starts at its own place in the list.
        lua.push_str("local bodies = {\n");
        for body in target.bodies {
            lua.push_str(&format!("[==[{body}]==],\n"));
        }
        lua.push_str(
            "}\nlocal threads = 0\n\
function setup(thread) thread:set(\"id\", threads) threads = threads + 1 end\n\
local requests, turn = {}, 0\n\
function init(args)\n\
  for i, body in ipairs(bodies) do requests[i] = wrk.format(nil, nil, nil, body) end\n\
  turn = (id or 0) * 4099 % #requests\n\
end\n\
function request()\n\
  turn = turn % #requests + 1\n\
  return requests[turn]\n\
end\n",
        );
    }
    std::fs::write(&script, lua).expect("wrk script");
    let threads = connections.clamp(1, 2);
    let out = Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{seconds}s"))
        .arg("--latency")
        .arg("-s")
        .arg(&script)
        .arg(target.url)
        .output()
        .expect("wrk runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // `LEDGERGATE_BENCH_WRK=1` shows wrk's own report (its latency distribution, 50 to
    // 99 %) on stderr, to see a tail's shape and not only its p99.
    if std::env::var_os("LEDGERGATE_BENCH_WRK").is_some() {
        eprintln!("wrk -c{connections} against {}:\n{text}", target.url);
    }
    if let Some(line) = text.lines().find(|l| l.contains("Non-2xx")) {
        panic!("the benchmark target answered errors: {line}\n{text}");
    }
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("wrk printed no Requests/sec:\n{text}"));
    let quantile = |q: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(q))
            .map(|v| wrk_duration(v.trim()))
            .unwrap_or_else(|| panic!("wrk printed no {q} latency:\n{text}"))
    };
    Stats {
        rps,
        p50: quantile("50%"),
        p99: quantile("99%"),
    }
}

/// "1.23ms", "845.00us", "1.02s" as wrk prints them.
fn wrk_duration(v: &str) -> Duration {
    let (number, scale) = if let Some(n) = v.strip_suffix("us") {
        (n, 1e-6)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1.0)
    } else {
        (v, 1.0)
    };
    Duration::from_secs_f64(number.parse::<f64>().unwrap_or(f64::NAN) * scale)
}

// -- the built-in generator --------------------------------------------------------

fn builtin(target: &Target, connections: usize, seconds: u64) -> Stats {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .build()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let bodies = std::sync::Arc::new(target.bodies.to_vec());
        let tasks: Vec<_> = (0..connections)
            .map(|connection| {
                let client = client.clone();
                let url = target.url.to_owned();
                let key = target.key.map(str::to_owned);
                let bodies = bodies.clone();
                tokio::spawn(async move {
                    let mut latencies = Vec::new();
                    // Each connection starts at its own place in the list.
                    let mut next = connection * 4099;
                    while Instant::now() < deadline {
                        let body = &bodies[next % bodies.len()];
                        next += 1;
                        let t = Instant::now();
                        send(&client, &url, key.as_deref(), body).await;
                        latencies.push(t.elapsed());
                    }
                    latencies
                })
            })
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.expect("client task"));
        }
        all.sort();
        let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
        Stats {
            rps: all.len() as f64 / started.elapsed().as_secs_f64(),
            p50: at(0.50),
            p99: at(0.99),
        }
    })
}

async fn send(client: &reqwest::Client, url: &str, key: Option<&str>, body: &str) -> String {
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let text = response.text().await.expect("body read");
    assert_eq!(
        status, 200,
        "the benchmark target answered an error: {text}"
    );
    text
}

/// One request through the gateway before measuring: the answer must carry the
/// restored originals, so the bench measures redaction and restore, not a short cut.
fn check_restored(gateway: &str, stream: bool, body: &str, originals: &[&str]) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let answer = rt.block_on(send(&reqwest::Client::new(), gateway, Some(KEY), body));
    let text = if stream {
        // The content deltas of every `data:` event, joined.
        answer
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            .filter_map(|e| {
                e.pointer("/choices/0/delta/content")?
                    .as_str()
                    .map(str::to_owned)
            })
            .collect::<String>()
    } else {
        let value: serde_json::Value = serde_json::from_str(&answer).expect("a JSON answer");
        value["choices"][0]["message"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    for original in originals {
        assert!(
            text.contains(original),
            "the gateway's answer does not carry the restored {original}: {text}"
        );
    }
    assert!(
        !text.contains("<PERSON_")
            && !text.contains("<EMAIL_ADDRESS_")
            && !text.contains("<PHONE_NUMBER_"),
        "the gateway left tokens in its answer: {text}"
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` probes benches; there is nothing to list.
    }
    let args = args();
    let (upstream, _upstream_rt) = spawn_upstream(None);
    let direct = format!("{upstream}/chat/completions");
    let generator = match args.generator {
        Generator::Wrk => "wrk",
        Generator::Builtin => "the built-in reqwest client",
    };
    let prompts = if args.distinct {
        format!("{DISTINCT_PROMPTS} distinct 2 KB prompts with PII (seed {DISTINCT_SEED}), one per request in turn")
    } else {
        "one realistic 2 KB prompt with PII".to_owned()
    };
    println!(
        "load benchmark: {prompts}, default policy, capture redacted; {} connections and 1 connection, {} s each; generator {generator}; gateway workers {}\n",
        args.concurrency,
        args.seconds,
        args.workers
            .map_or_else(|| "one a core".to_owned(), |n| n.to_string())
    );
    println!(
        "| workload | target | req/s, {c} conns | ratio to direct | p50 ms, {c} conns | p99 ms, {c} conns | p50 ms, 1 conn | overhead p50 ms, 1 conn | gateway CPU µs per request, {c} conns | gateway instructions per request, {c} conns | gateway writev per request, {c} conns | gateway context switches / futex per request, {c} conns |",
        c = args.concurrency
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let selected = |workload: &str, durability: &str| {
        args.only
            .as_deref()
            .is_none_or(|only| only == format!("{}:{durability}", workload.to_ascii_lowercase()))
    };
    let mut waits = Vec::new();
    // Why a counter's column is empty, each reason once.
    let mut not_counted = std::collections::BTreeSet::new();
    for stream in [false, true] {
        let workload = if stream { "SSE" } else { "JSON" };
        if !["fsync", "batch"].iter().any(|d| selected(workload, d)) {
            continue;
        }
        let fixed = realistic_body(stream);
        // The first distinct prompt's e-mail address must come back restored.
        let (bodies, check_body, check_originals) = if args.distinct {
            let prompts = distinct_bodies(DISTINCT_PROMPTS, stream, DISTINCT_SEED);
            let (body, email) = prompts[0].clone();
            (
                prompts.into_iter().map(|(b, _)| b).collect(),
                body,
                vec![email],
            )
        } else {
            let originals = vec!["Jane Roe".to_owned(), "jane.roe@example.com".to_owned()];
            (vec![fixed.clone()], fixed, originals)
        };
        let direct_target = Target {
            url: &direct,
            key: None,
            bodies: &bodies,
        };
        let base_many = measure(&args, &direct_target, args.concurrency);
        let base_one = measure(&args, &direct_target, 1);
        println!(
            "| {workload} | upstream direct | {:.0} | 1.00x | {:.3} | {:.3} | {:.3} | | | | | |",
            base_many.rps,
            ms(base_many.p50),
            ms(base_many.p99),
            ms(base_one.p50)
        );
        for durability in ["fsync", "batch"] {
            if !selected(workload, durability) {
                continue;
            }
            let gateway = Gateway::start(&upstream, durability, args.workers);
            let url = format!("{}/v1/chat/completions", gateway.url);
            let originals: Vec<&str> = check_originals.iter().map(String::as_str).collect();
            check_restored(&url, stream, &check_body, &originals);
            let target = Target {
                url: &url,
                key: Some(KEY),
                bodies: &bodies,
            };
            let cpu_before = gateway.cpu_seconds();
            let waits_before = durable_waits(&gateway.url);
            let writer_before = gateway.thread_cpu_seconds(WRITER_THREAD);
            let counting = gateway.count();
            let many = measure(&args, &target, args.concurrency);
            let counts = counting.stop();
            let cpu = gateway.cpu_seconds().zip(cpu_before).map(|(a, b)| a - b);
            let writer_cpu = gateway
                .thread_cpu_seconds(WRITER_THREAD)
                .zip(writer_before)
                .map(|(a, b)| a - b);
            let writer_per_request =
                writer_cpu.map_or(f64::NAN, |c| c * 1e6 / (many.rps * args.seconds as f64));
            waits.push((
                format!("{workload} `{durability}`"),
                durable_waits(&gateway.url).delta(&waits_before),
                writer_per_request,
            ));
            let one = measure(&args, &target, 1);
            let requests = many.rps * args.seconds as f64;
            let per_request = cpu.map_or(f64::NAN, |c| c * 1e6 / requests);
            let instructions = match &counts.instructions {
                Ok(n) => format!("{:.3} M", *n as f64 / requests / 1e6),
                Err(why) => {
                    not_counted.insert(format!("instructions: {why}"));
                    "n/a".to_owned()
                }
            };
            let mut per_request_count = |what: &str, count: &Result<u64, String>| match count {
                Ok(n) => format!("{:.1}", *n as f64 / requests),
                Err(why) => {
                    not_counted.insert(format!("{what}: {why}"));
                    "n/a".to_owned()
                }
            };
            let writev = per_request_count("writev", &counts.writev);
            let switches = per_request_count("context switches", &counts.context_switches);
            let futex = per_request_count("futex", &counts.futex);
            println!(
                "| {workload} | ledgergate (`{durability}`) | {:.0} | {:.2}x | {:.3} | {:.3} | {:.3} | {:.3} | {per_request:.0} | {instructions} | {writev} | {switches} / {futex} |",
                many.rps,
                many.rps / base_many.rps,
                ms(many.p50),
                ms(many.p99),
                ms(one.p50),
                ms(one.p50) - ms(base_one.p50)
            );
        }
    }
    let counter = if std::env::var_os("LEDGERGATE_BENCH_CALLGRIND").is_some() {
        "user-space instructions of the gateway under callgrind (`LEDGERGATE_BENCH_CALLGRIND`: it runs 20 to 50 times slower there, so only the per-request counts of this run mean anything)"
    } else {
        "user and kernel instructions of the gateway process, from `perf stat -p`"
    };
    println!("\nInstructions per request: {counter}; `writev` calls, context switches and `futex` calls of the gateway process per request, from `perf stat -e syscalls:sys_enter_writev,context-switches,syscalls:sys_enter_futex`; all over the {} connections' phase.", args.concurrency);
    for why in &not_counted {
        println!("Not counted: {why}.");
    }
    if !waits.is_empty() {
        println!(
            "\nHow long each request waited for its audit record (hand-off to acknowledgement: \
queue, batch, write and, with `fsync`, fdatasync), at {} connections, from the gateway's \
`ledgergate_audit_durable_wait_seconds` (buckets a quarter of a doubling wide: each figure \
is a bucket's upper bound):\n",
            args.concurrency
        );
        println!("| run | records | mean ms | p50 ms | p90 ms | p99 ms | p99.9 ms | audit writer thread CPU µs per request |");
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (run, w, writer) in waits {
            let q = |q: f64| w.quantile(q).map_or(f64::NAN, |s| s * 1000.0);
            println!(
                "| {run} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {writer:.1} |",
                w.count(),
                w.sum * 1000.0 / w.count().max(1) as f64,
                q(0.5),
                q(0.9),
                q(0.99),
                q(0.999)
            );
        }
    }
}

/// The gateway's histogram of durable audit waits, as scraped from `/metrics`.
#[derive(Default)]
struct Waits {
    /// (upper bound in seconds, cumulative count).
    buckets: Vec<(f64, u64)>,
    sum: f64,
}

impl Waits {
    fn count(&self) -> u64 {
        self.buckets.last().map_or(0, |b| b.1)
    }

    /// What was observed between `earlier` and `self`.
    fn delta(&self, earlier: &Waits) -> Waits {
        Waits {
            buckets: self
                .buckets
                .iter()
                .enumerate()
                .map(|(i, &(le, n))| (le, n - earlier.buckets.get(i).map_or(0, |b| b.1)))
                .collect(),
            sum: self.sum - earlier.sum,
        }
    }

    /// The upper bound of the bucket that holds quantile `q`.
    fn quantile(&self, q: f64) -> Option<f64> {
        let rank = (self.count() as f64 * q).ceil().max(1.0) as u64;
        self.buckets.iter().find(|b| b.1 >= rank).map(|b| b.0)
    }
}

/// The audit writer thread's name as `/proc/<pid>/task/*/comm` shows it (15 bytes).
const WRITER_THREAD: &str = "ledgergate-audi";

fn durable_waits(gateway: &str) -> Waits {
    const NAME: &str = "ledgergate_audit_durable_wait_seconds";
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let text = rt.block_on(async {
        reqwest::get(format!("{gateway}/metrics"))
            .await
            .expect("metrics answer")
            .text()
            .await
            .expect("metrics read")
    });
    let mut waits = Waits::default();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix(&format!("{NAME}_bucket{{le=\"")) {
            let (le, n) = rest.split_once("\"} ").expect("a bucket line");
            let le = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().expect("a bound")
            };
            waits.buckets.push((le, n.parse().expect("a count")));
        } else if let Some(sum) = line.strip_prefix(&format!("{NAME}_sum ")) {
            waits.sum = sum.parse().expect("a sum");
        }
    }
    // Empty when the build measured (`LEDGERGATE_BENCH_BIN`) predates the histogram.
    waits
}
