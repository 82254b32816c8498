//! Routing through the real binary: retries on the same provider after a 5xx, a 429's
//! Retry-After waited out (or, beyond the configured cap, not waited for), failover on a
//! reset connection, the circuit breaker opening and recovering through a half-open
//! probe, and the weighted, latency and cost strategies choosing among the allowed
//! providers. Every attempt is read back from the audit log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::{Duration, Instant};

use async_openai::types::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use common::upstream::Step;
use common::*;
use serde_json::Value;

const ASK: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#;

/// The test config with `upstreams` as further providers of gpt-4o-mini (name, url,
/// extra provider lines) and `extra` appended (e.g. a `[routing]` section).
fn config(first: &str, others: &[(&str, &str, &str)], extra: &str) -> String {
    let mut providers = String::new();
    for (name, url, lines) in others {
        providers.push_str(&format!(
            "[[providers]]\nname = \"{name}\"\nkind = \"openai\"\nbase_url = \"{url}\"\nregion = \"eu-central\"\njurisdiction = \"EU\"\nmodels = [\"gpt-4o-mini\"]\n{lines}\n\n"
        ));
    }
    config_for(first, extra).replace("[aliases]", &format!("{providers}[aliases]"))
}

/// Adds lines to the first provider ("test-openai") of a config.
fn first_provider_lines(config: &str, lines: &str) -> String {
    config.replacen(
        "models = [\"gpt-4o-mini\", \"text-embedding-3-small\"]\n",
        &format!("models = [\"gpt-4o-mini\", \"text-embedding-3-small\"]\n{lines}\n"),
        1,
    )
}

/// Stops the gateway and returns the `attempts` of every response record, in order.
fn attempts(mut gw: TestGateway) -> Vec<Vec<Value>> {
    gw.sigterm();
    gw.wait_exit(Duration::from_secs(10));
    let data = gw.data_dir();
    let (code, out, err) = cli(&[
        "audit",
        "tail",
        "-n",
        "1000",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let schema = record_schema();
    out.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["record"]["kind"] == "response")
        .map(|l| {
            let errors: Vec<String> = schema
                .iter_errors(&l["record"])
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{l}");
            l["record"]["attempts"].as_array().unwrap().clone()
        })
        .collect()
}

/// The audit record schema: records with retries (and their `backoff_ms`) must fit it.
fn record_schema() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/audit-schema/audit-record.schema.json"
    );
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&value).unwrap()
}

fn summary(attempts: &[Value]) -> Vec<(String, u64)> {
    attempts
        .iter()
        .map(|a| {
            (
                a["provider"].as_str().unwrap().to_owned(),
                a["status"].as_u64().unwrap(),
            )
        })
        .collect()
}

async fn metric(gw: &TestGateway, provider: &str) -> i64 {
    let text = metrics_text(gw).await;
    let prefix = format!("ledgergate_circuit_breaker_state{{provider=\"{provider}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no breaker gauge for {provider} in:\n{text}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_500_is_retried_on_the_same_provider_and_the_retry_answers() {
    let upstream = TestUpstream::with(Behaviour::Scripted(vec![
        Step::Fail(500, &[]),
        Step::Answer,
    ]))
    .await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("hello")
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap();
    let reply = openai_client(&gw).chat().create(request).await.unwrap();
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some("reply to: hello")
    );
    assert_eq!(upstream.requests(), 2);
    let records = attempts(gw);
    assert_eq!(
        summary(&records[0]),
        vec![("test-openai".into(), 502), ("test-openai".into(), 200)]
    );
}

#[tokio::test]
async fn a_429_retry_after_is_waited_out_before_the_same_provider_is_asked_again() {
    for (header, value, at_least_ms) in
        [("retry-after", "1", 1000), ("retry-after-ms", "1200", 1200)]
    {
        let headers: &'static [(&'static str, &'static str)] =
            Box::leak(vec![(header, value)].into_boxed_slice());
        let upstream = TestUpstream::with(Behaviour::Scripted(vec![
            Step::Fail(429, headers),
            Step::Answer,
        ]))
        .await;
        let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
        let sent = Instant::now();
        let response = post_json(&gw, "/v1/chat/completions", ASK).await;
        let took = sent.elapsed();
        assert_eq!(response.status(), 200, "{header}");
        assert_eq!(upstream.requests(), 2, "{header}: one 429, then the answer");
        assert!(
            took >= Duration::from_millis(at_least_ms),
            "{header}: {value} was not waited out ({took:?})"
        );
        let records = attempts(gw);
        assert_eq!(
            summary(&records[0]),
            vec![("test-openai".into(), 429), ("test-openai".into(), 200)]
        );
        assert!(
            records[0][0]["backoff_ms"].as_u64().unwrap() >= at_least_ms - 10,
            "{:?}",
            records[0]
        );
    }
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_is_not_waited_for() {
    const LONG: &[(&str, &str)] = &[("retry-after", "30")];
    let routing = "[routing]\nmax_retry_after_ms = 500\n";

    // Alone, the provider is not asked again: its 429 goes back to the client.
    let upstream = TestUpstream::with(Behaviour::Scripted(vec![
        Step::Fail(429, LONG),
        Step::Answer,
    ]))
    .await;
    let patient = config_for(&upstream.base_url(), routing)
        .replace("total_timeout_ms = 20000", "total_timeout_ms = 60000");
    let gw = TestGateway::start(&patient);
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 429);
    assert_eq!(
        response.headers()["retry-after"],
        "30",
        "the upstream's wait, passed on"
    );
    assert_eq!(upstream.requests(), 1);

    // With another allowed provider, that one answers.
    let limited = TestUpstream::with(Behaviour::Scripted(vec![
        Step::Fail(429, LONG),
        Step::Answer,
    ]))
    .await;
    let backup = TestUpstream::openai().await;
    let gw = TestGateway::start(&config(
        &limited.base_url(),
        &[("backup", &backup.base_url(), "")],
        routing,
    ));
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    assert_eq!((limited.requests(), backup.requests()), (1, 1));
    let records = attempts(gw);
    assert_eq!(
        summary(&records[0]),
        vec![("test-openai".into(), 429), ("backup".into(), 200)]
    );
}

/// A listener that accepts connections, reads a little and resets them (RST).
async fn resetting_upstream() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            // A zero linger sends RST on drop and never blocks (the deprecation is
            // about non-zero lingers blocking the thread).
            #[allow(deprecated)]
            let _ = socket.set_linger(Some(Duration::ZERO));
            drop(socket);
        }
    });
    (format!("http://{addr}/v1"), accepted)
}

#[tokio::test]
async fn a_reset_or_refused_connection_fails_over() {
    let (reset, accepted) = resetting_upstream().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let backup = TestUpstream::openai().await;
    let refused = format!("http://{closed}/v1");
    let gw = TestGateway::start(&config(
        &reset,
        &[
            ("refused", &refused, ""),
            ("backup", &backup.base_url(), ""),
        ],
        "",
    ));
    let response = post_json(&gw, "/v1/chat/completions", ASK).await;
    assert_eq!(response.status(), 200);
    assert!(accepted.load(std::sync::atomic::Ordering::SeqCst) >= 1);
    assert_eq!(backup.requests(), 1);
    let records = attempts(gw);
    assert_eq!(
        summary(&records[0]),
        vec![
            ("test-openai".into(), 502),
            ("refused".into(), 502),
            ("backup".into(), 200)
        ]
    );
    assert_eq!(records[0][0]["error_type"], "upstream_error");
}

#[tokio::test]
async fn the_breaker_opens_after_repeated_failures_and_a_half_open_probe_closes_it() {
    let upstream = TestUpstream::with(Behaviour::Scripted(vec![
        Step::Fail(500, &[]),
        Step::Fail(500, &[]),
        Step::Answer,
    ]))
    .await;
    let routing = "[routing]\nmax_attempts = 1\n[routing.breaker]\nconsecutive_failures = 2\ncooldown_ms = 1500\n";
    let gw = TestGateway::start(&config_for(&upstream.base_url(), routing));
    assert_eq!(metric(&gw, "test-openai").await, 0, "closed at start");
    for _ in 0..2 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            502
        );
    }
    assert_eq!(metric(&gw, "test-openai").await, 2, "open");
    // While open, nothing reaches the upstream: the client gets 503 at once.
    for _ in 0..3 {
        let response = post_json(&gw, "/v1/chat/completions", ASK).await;
        assert_eq!(response.status(), 503);
        let retry_after: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=2).contains(&retry_after), "the cool-down is 1.5 s");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "providers_unavailable");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("test-openai"),
            "{body}"
        );
    }
    assert_eq!(upstream.requests(), 2);

    // After the cool-down one probe goes through; its success closes the breaker.
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert_eq!(metric(&gw, "test-openai").await, 1, "half-open");
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    assert_eq!(metric(&gw, "test-openai").await, 0, "closed again");
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    assert_eq!(upstream.requests(), 4);
}

#[tokio::test]
async fn an_open_breaker_is_skipped_in_favour_of_the_next_allowed_provider() {
    let broken = TestUpstream::failing(503).await;
    let backup = TestUpstream::openai().await;
    let routing = "[routing]\nmax_attempts = 2\n[routing.breaker]\nconsecutive_failures = 2\ncooldown_ms = 60000\n";
    let gw = TestGateway::start(&config(
        &broken.base_url(),
        &[("backup", &backup.base_url(), "")],
        routing,
    ));
    for _ in 0..5 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            200
        );
    }
    assert_eq!(broken.requests(), 2, "skipped once its breaker opened");
    assert_eq!(backup.requests(), 5);
}

#[tokio::test]
async fn the_weighted_strategy_splits_traffic_by_weight() {
    let heavy = TestUpstream::openai().await;
    let light = TestUpstream::openai().await;
    let text = first_provider_lines(
        &config(
            &heavy.base_url(),
            &[("light", &light.base_url(), "weight = 1")],
            "[routing]\nstrategy = \"weighted\"\n",
        ),
        "weight = 3",
    );
    let gw = TestGateway::start(&text);
    for _ in 0..80 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            200
        );
    }
    // Expected 60 and 20; the bounds are over five standard deviations wide.
    let (h, l) = (heavy.requests(), light.requests());
    assert_eq!(h + l, 80);
    assert!((40..=78).contains(&h), "heavy {h}, light {l}");
    assert!(l >= 2, "heavy {h}, light {l}");
}

#[tokio::test]
async fn the_latency_strategy_prefers_the_faster_upstream_once_both_are_measured() {
    let slow = TestUpstream::with(Behaviour::SlowHeaders(Duration::from_millis(400))).await;
    let fast = TestUpstream::openai().await;
    let gw = TestGateway::start(&config(
        &slow.base_url(),
        &[("fast", &fast.base_url(), "")],
        "[routing]\nstrategy = \"latency\"\n",
    ));
    for _ in 0..8 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            200
        );
    }
    // The first two requests measure each upstream once; the rest go to the faster.
    assert_eq!((slow.requests(), fast.requests()), (1, 7));
}

#[tokio::test]
async fn the_cost_strategy_prefers_the_cheaper_provider_and_tries_unpriced_ones_last() {
    let dear = TestUpstream::openai().await;
    let cheap = TestUpstream::openai().await;
    let unpriced = TestUpstream::openai().await;
    let pricing = "[[pricing]]\nprovider = \"test-openai\"\nmodel = \"gpt-4o-mini\"\ninput_per_million = 2.5\noutput_per_million = 10.0\n\n[[pricing]]\nprovider = \"cheap\"\nmodel = \"gpt-4o-mini\"\ninput_per_million = 0.15\noutput_per_million = 0.6\n";
    let overrides = "[routing.models.\"gpt-4o-mini\"]\nstrategy = \"cost\"\n";
    let text = config(
        &unpriced.base_url(),
        &[
            ("dear", &dear.base_url(), ""),
            ("cheap", &cheap.base_url(), ""),
        ],
        &format!("{pricing}\n{overrides}"),
    )
    // The first provider is the unpriced one; "dear" takes test-openai's price.
    .replace("provider = \"test-openai\"", "provider = \"dear\"");
    let gw = TestGateway::start(&text);
    for _ in 0..3 {
        assert_eq!(
            post_json(&gw, "/v1/chat/completions", ASK).await.status(),
            200
        );
    }
    assert_eq!(
        (cheap.requests(), dear.requests(), unpriced.requests()),
        (3, 0, 0)
    );

    // When the cheapest fails, the next cheapest answers before the unpriced one.
    let broken_cheap = TestUpstream::failing(500).await;
    let dear = TestUpstream::openai().await;
    let unpriced = TestUpstream::openai().await;
    let text = config(
        &unpriced.base_url(),
        &[
            ("dear", &dear.base_url(), ""),
            ("cheap", &broken_cheap.base_url(), ""),
        ],
        &format!("{pricing}\n{overrides}"),
    )
    .replace("provider = \"test-openai\"", "provider = \"dear\"");
    let gw = TestGateway::start(&text);
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", ASK).await.status(),
        200
    );
    assert_eq!(
        (
            broken_cheap.requests(),
            dear.requests(),
            unpriced.requests()
        ),
        (1, 1, 0)
    );
}

#[tokio::test]
async fn streams_are_retried_before_the_first_byte_and_never_after_it() {
    const STREAM: &str = r#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"one two three four"}]}"#;
    // A 500 before the stream began: retried, and the retry's stream arrives whole.
    let upstream = TestUpstream::with(Behaviour::Scripted(vec![
        Step::Fail(500, &[]),
        Step::Answer,
    ]))
    .await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = post_json(&gw, "/v1/chat/completions", STREAM).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(text.contains("data: [DONE]"), "{text}");
    assert_eq!(upstream.requests(), 2);

    // A stream that breaks after its first chunks: no retry, no failover.
    let breaking = TestUpstream::with(Behaviour::BreakAfterTwo).await;
    let backup = TestUpstream::openai().await;
    let gw = TestGateway::start(&config(
        &breaking.base_url(),
        &[("backup", &backup.base_url(), "")],
        "",
    ));
    let response = post_json(&gw, "/v1/chat/completions", STREAM).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(!text.contains("data: [DONE]"), "{text}");
    assert!(text.contains("\"error\""), "{text}");
    assert_eq!((breaking.requests(), backup.requests()), (1, 0));
}
