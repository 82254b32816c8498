//! What the load scripts share: a fast OpenAI-shaped upstream (JSON and SSE), a real
//! `ledgergate` process in front of it, and the realistic chat request of issue 13.

#![allow(dead_code)] // each bench binary uses a part

pub mod counters;

use std::convert::Infallible;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

pub const KEY: &str = "lgk-load-benchmark-key-000000000000";
pub const MODEL: &str = "bench-1";

/// About 2 KB of a support prompt that carries a name, an e-mail address and a phone
/// number (the default policy tokenizes all three), as JSON for `/v1/chat/completions`.
pub fn realistic_body(stream: bool) -> String {
    let prose = "We migrated the billing service from the monolith to smaller services last \
quarter and since then some invoices are issued twice. The order of the database migrations \
was checked, the queue consumers are idempotent and the retries use jitter, yet duplicates \
still appear when a pod restarts during the nightly batch. Please explain the likely causes, \
list what we should log to confirm them, and draft a short reply to the customer that \
apologises, explains the refund and says when the fix ships. ";
    let mut content = String::from(
        "Customer Jane Roe (jane.roe@example.com, +44 20 7946 0958) wrote to us again today. ",
    );
    while content.len() < 1900 {
        content.push_str(prose);
    }
    chat_body(&content, stream)
}

/// A chat request for `/v1/chat/completions`: the support engineer's system message and
/// `content` as the user's message.
fn chat_body(content: &str, stream: bool) -> String {
    serde_json::json!({
        "model": MODEL,
        "messages": [
            {"role": "system", "content": "You are a careful support engineer."},
            {"role": "user", "content": content},
        ],
        "stream": stream,
    })
    .to_string()
}

/// `count` distinct chat requests of about 2 KB, drawn from a generator seeded with
/// `seed` (the same seed gives the same prompts): each carries its own name, e-mail
/// address, phone numbers in one of several national formats, a postal address and a
/// date of birth, around prose sentences in a varied order; each comes with its e-mail
/// address (for checking that it is restored in the answer). Real traffic is text the
/// gateway has never seen; one fixed prompt lets every cache on the PII path (automata,
/// libphonenumber's verdicts and patterns) stay warm after the first request.
pub fn distinct_bodies(count: usize, stream: bool, seed: u64) -> Vec<(String, String)> {
    const FIRST: &[&str] = &[
        "Jane", "John", "Maria", "Lukas", "Sophie", "Ahmed", "Chloé", "Giulia", "Pieter", "Ingrid",
        "Carlos", "Aisha", "Henrik", "Olga", "Mateo", "Emma", "Noah", "Léa", "Jonas", "Zofia",
        "Kenji", "Amara", "Tomás", "Freya", "Rahul", "Elena", "Oliver", "Nadia", "Stefan",
        "Camille", "Diego", "Hannah",
    ];
    const LAST: &[&str] = &[
        "Roe",
        "Smith",
        "García",
        "Müller",
        "Dubois",
        "Rossi",
        "Jansen",
        "Nowak",
        "Khan",
        "Andersson",
        "Silva",
        "Okafor",
        "Schmidt",
        "Moreau",
        "Bianchi",
        "de Vries",
        "Kowalski",
        "Tanaka",
        "Fischer",
        "Martin",
        "Lindqvist",
        "Costa",
        "Brennan",
        "Weber",
        "Novak",
        "Laurent",
        "Ferrari",
        "Bakker",
        "Hughes",
        "Petrov",
        "Romero",
        "Meyer",
    ];
    const DOMAINS: &[&str] = &[
        "example.com",
        "example.org",
        "mail.example.net",
        "example.de",
        "example.fr",
        "corp.example.co.uk",
        "example.it",
        "example.nl",
    ];
    const STREETS: &[(&str, &str)] = &[
        ("Baker Street", "London NW1 6XE"),
        ("Lindenstraße", "10115 Berlin"),
        ("rue de Rivoli", "75004 Paris"),
        ("Via dei Mille", "00185 Roma"),
        ("Prinsengracht", "1015 DM Amsterdam"),
        ("Calle Mayor", "28013 Madrid"),
        ("Main Street", "Springfield, IL 62701"),
        ("ulica Długa", "80-827 Gdańsk"),
    ];
    const PROSE: &[&str] = &[
        "We migrated the billing service from the monolith to smaller services last quarter and since then some invoices are issued twice. ",
        "The order of the database migrations was checked, the queue consumers are idempotent and the retries use jitter. ",
        "Duplicates still appear when a pod restarts during the nightly batch, about once a week. ",
        "Please explain the likely causes and list what we should log to confirm them. ",
        "Draft a short reply to the customer that apologises, explains the refund and says when the fix ships. ",
        "The payment provider confirmed that both charges reached them with different idempotency keys. ",
        "Our on-call engineer suspects the consumer commits its offset after the side effect, not before. ",
        "The customer has been with us for six years and asked to be called back rather than e-mailed. ",
        "Keep the tone warm but factual, avoid promising dates we cannot keep, and mention the credit note. ",
        "Summarise the timeline of the incident in three bullet points for the internal post-mortem. ",
    ];
    // splitmix64: a few lines, seeded, the same sequence on every machine.
    let mut state = seed;
    let mut next = move |n: usize| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let mut bodies = Vec::with_capacity(count);
    for i in 0..count {
        let (first, last) = (FIRST[next(FIRST.len())], LAST[next(LAST.len())]);
        let mail_user: String = format!("{first}.{last}{}", i % 1000)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let email = format!("{mail_user}@{}", DOMAINS[next(DOMAINS.len())]);
        // Numbers in national plans' valid ranges (fictional where a plan has one).
        let digits = |next: &mut dyn FnMut(usize) -> usize, k: usize| -> String {
            (0..k).map(|_| char::from(b'0' + next(10) as u8)).collect()
        };
        let phone = match next(7) {
            0 => format!("+44 20 7946 0{}", digits(&mut next, 3)),
            1 => format!("+1 (201) 555-01{}", digits(&mut next, 2)),
            2 => format!("030 9018 2{}", digits(&mut next, 3)),
            3 => format!(
                "01 45 {} {} {}",
                digits(&mut next, 2),
                digits(&mut next, 2),
                digits(&mut next, 2)
            ),
            4 => format!("020-5{}", digits(&mut next, 6)),
            5 => format!(
                "+34 91 {} {} {}",
                digits(&mut next, 3),
                digits(&mut next, 2),
                digits(&mut next, 2)
            ),
            _ => format!("+39 06 {} {}", digits(&mut next, 4), digits(&mut next, 4)),
        };
        let (day, month, year) = (1 + next(28), 1 + next(12), 1940 + next(65));
        let born = match next(3) {
            0 => format!("born {day:02}.{month:02}.{year}"),
            1 => format!("date of birth {year}-{month:02}-{day:02}"),
            _ => format!("DOB {month:02}/{day:02}/{year}"),
        };
        let (street, city) = STREETS[next(STREETS.len())];
        let mut content = format!(
            "Customer {first} {last} ({email}, {phone}), {born}, living at {} {street}, {city}, wrote to us again today. ",
            1 + next(240)
        );
        while content.len() < 1900 {
            content.push_str(PROSE[next(PROSE.len())]);
        }
        bodies.push((chat_body(&content, stream), email));
    }
    bodies
}

/// The tokens the gateway put in the prompt, in order of appearance (`<PERSON_1>` ...),
/// so the answer echoes them and the gateway has something to restore.
fn tokens(body: &[u8]) -> Vec<&str> {
    let text = std::str::from_utf8(body).unwrap_or("");
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let tail = &rest[start..];
        match tail.find('>') {
            Some(end)
                if end < 40
                    && tail[1..end]
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') =>
            {
                if found.len() < 3 && !found.contains(&&tail[..=end]) {
                    found.push(&tail[..=end]);
                }
                rest = &tail[end + 1..];
            }
            _ => rest = &tail[1..],
        }
    }
    found
}

fn answer_text(body: &[u8]) -> String {
    let who = tokens(body);
    let name = |i: usize| who.get(i).copied().unwrap_or("the customer");
    format!(
        "Dear {}, thank you for your patience. The duplicate invoices came from a retry during \
a restart; we have refunded the second charge and the fix ships on Monday. We will confirm \
by e-mail to {} and call {} if anything is unclear. Kind regards, the billing team.",
        name(0),
        name(1),
        name(2)
    )
}

async fn chat(body: Bytes) -> Response {
    let text = answer_text(&body);
    let streaming = memchr_find(&body, br#""stream":true"#);
    let usage = r#"{"prompt_tokens":480,"completion_tokens":60,"total_tokens":540}"#;
    if !streaming {
        let answer = format!(
            r#"{{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"{MODEL}","choices":[{{"index":0,"message":{{"role":"assistant","content":{}}},"finish_reason":"stop"}}],"usage":{usage}}}"#,
            serde_json::Value::from(text)
        );
        return ([(header::CONTENT_TYPE, "application/json")], answer).into_response();
    }
    let with_usage = memchr_find(&body, br#""include_usage":true"#);
    let chunk = |delta: &str, finish: &str| {
        format!(
            "data: {{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"{MODEL}\",\"choices\":[{{\"index\":0,\"delta\":{delta},\"finish_reason\":{finish}}}]}}\n\n"
        )
    };
    let mut frames: Vec<Result<Bytes, Infallible>> = Vec::new();
    frames.push(Ok(
        chunk(r#"{"role":"assistant","content":""}"#, "null").into()
    ));
    // About 20 chunks of a few words each, as models stream.
    let words: Vec<&str> = text.split_inclusive(' ').collect();
    for piece in words.chunks(3) {
        let delta = format!(
            r#"{{"content":{}}}"#,
            serde_json::Value::from(piece.concat())
        );
        frames.push(Ok(chunk(&delta, "null").into()));
    }
    frames.push(Ok(chunk("{}", "\"stop\"").into()));
    if with_usage {
        frames.push(Ok(format!(
            "data: {{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"{MODEL}\",\"choices\":[],\"usage\":{usage}}}\n\n"
        )
        .into()));
    }
    frames.push(Ok(Bytes::from_static(b"data: [DONE]\n\n")));
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(futures::stream::iter(frames)),
    )
        .into_response()
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Starts the upstream on a runtime of its own (one worker thread, as a provider's
/// far-away server costs the gateway's machine nothing); returns its base URL and the
/// runtime, which must be kept alive.
pub fn spawn_upstream(slow_stream: Option<Duration>) -> (String, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("upstream runtime");
    let app = match slow_stream {
        None => Router::new().route("/v1/chat/completions", post(chat)),
        Some(every) => Router::new().route(
            "/v1/chat/completions",
            post(move |body: Bytes| slow_chat(body, every)),
        ),
    };
    let addr = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("upstream binds");
        let addr = listener.local_addr().expect("upstream address");
        tokio::spawn(async move {
            let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
                let _ = tcp.set_nodelay(true);
            });
            let _ = axum::serve(listener, app).await;
        });
        addr
    });
    (format!("http://{addr}/v1"), rt)
}

/// A stream that sends one chunk every `every`, for twenty chunks: holds connections
/// open the way a model's long answer does.
async fn slow_chat(_body: Bytes, every: Duration) -> Response {
    let stream = futures::stream::unfold(0u32, move |i| async move {
        if i > 20 {
            return None;
        }
        tokio::time::sleep(every).await;
        let frame = if i == 20 {
            Bytes::from_static(b"data: [DONE]\n\n")
        } else {
            Bytes::from(format!(
                "data: {{\"id\":\"chatcmpl-slow\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"{MODEL}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"word{i} \"}},\"finish_reason\":null}}]}}\n\n"
            ))
        };
        Some((Ok::<Bytes, Infallible>(frame), i + 1))
    });
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// A running gateway process; killed on drop.
pub struct Gateway {
    pub url: String,
    pub child: Child,
    /// Callgrind's dump path, when the gateway runs under it.
    callgrind: Option<PathBuf>,
    _dir: tempfile::TempDir,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Gateway {
    /// Starts `ledgergate serve` with the shipped policies (the default policy: names,
    /// e-mail addresses and phone numbers tokenized, capture `redacted`) and the given
    /// audit durability and `workers` (`[server] workers`; none: the default), in front
    /// of `upstream`.
    pub fn start(upstream: &str, durability: &str, workers: Option<usize>) -> Gateway {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("ledgergate.toml");
        std::fs::write(
            &config,
            format!(
                r#"
[server]
listen = "127.0.0.1:0"
{workers}
[log]
level = "warn"
[audit]
durability = "{durability}"
[policy]
dir = "{policies}"
[[providers]]
name = "bench"
kind = "openai"
base_url = "{upstream}"
models = ["{MODEL}"]
[[tenants]]
id = "bench"
policy = "default"
[[tenants.keys]]
id = "bench-key"
secret_env = "BENCH_KEY"
"#,
                policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies"),
                workers = workers.map_or_else(String::new, |n| format!("workers = {n}")),
            ),
        )
        .expect("config written");
        // `LEDGERGATE_BENCH_BIN` runs another build of the gateway (a copy of an earlier
        // `target/release/ledgergate`), so two builds can be compared in turn, A/B.
        let bin = std::env::var_os("LEDGERGATE_BENCH_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_ledgergate").into());
        // `LEDGERGATE_BENCH_CALLGRIND=1`: the gateway under callgrind, which counts its
        // instructions (see `counters`).
        let (mut command, callgrind) = match counters::callgrind_wrapper(dir.path()) {
            Some((mut valgrind, out)) => {
                valgrind.arg(bin);
                (valgrind, Some(out))
            }
            None => (Command::new(bin), None),
        };
        let mut child = command
            .args(["serve", "--config"])
            .arg(&config)
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .current_dir(dir.path())
            .env("BENCH_KEY", KEY)
            .env("LEDGERGATE_MASTER_KEY", "42".repeat(32))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ledgergate starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("listening line");
        let url = line
            .trim()
            .strip_prefix("ledgergate listening on ")
            .expect("the gateway prints where it listens")
            .to_owned();
        Gateway {
            url,
            child,
            callgrind,
            _dir: dir,
        }
    }

    /// Starts counting the gateway's instructions and `writev` calls.
    pub fn count(&self) -> counters::Counting {
        counters::start(self.child.id(), self.callgrind.as_deref())
    }

    /// CPU time (user + system) the process has used so far, from /proc (clock ticks of
    /// 10 ms, Linux's USER_HZ).
    pub fn cpu_seconds(&self) -> Option<f64> {
        stat_cpu_seconds(&std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?)
    }

    /// CPU time (user + system) the gateway's threads named `name` (as in
    /// `/proc/<pid>/task/*/comm`, at most 15 bytes) have used so far.
    pub fn thread_cpu_seconds(&self, name: &str) -> Option<f64> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()?;
        let mut total = 0.0;
        for task in tasks.flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            if comm.trim_end() != name {
                continue;
            }
            let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
            total += stat_cpu_seconds(&stat)?;
        }
        Some(total)
    }

    /// The process's resident set size in MiB, from /proc.
    pub fn rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }
}

/// utime + stime of a `/proc/.../stat` line, in seconds (clock ticks of 10 ms).
fn stat_cpu_seconds(stat: &str) -> Option<f64> {
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}
