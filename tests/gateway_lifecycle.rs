//! Start-up, health, metrics, logs and shutdown, as an operator meets them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::time::Duration;

use common::*;
use futures::StreamExt;

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let health = http()
        .get(format!("{}/healthz", gw.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-ledgergate-request-id"));
    assert_eq!(
        http()
            .get(format!("{}/readyz", gw.url))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    post_json(
        &gw,
        "/v1/chat/completions",
        r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#,
    )
    .await;
    post_json(&gw, "/v1/chat/completions", "{").await;
    let metrics = metrics_text(&gw).await;
    for expected in [
        r#"ledgergate_requests_total{route="/v1/chat/completions",status="200",provider="test-openai"} 1"#,
        r#"ledgergate_requests_total{route="/v1/chat/completions",status="400",provider=""} 1"#,
        r#"ledgergate_upstream_latency_seconds_count{provider="test-openai"} 1"#,
        r#"ledgergate_gateway_overhead_seconds_count{route="/v1/chat/completions"} 1"#,
        "ledgergate_in_flight_streams 0",
        // The /metrics request itself is in flight while it is answered.
        "ledgergate_in_flight_requests 1",
        "# TYPE ledgergate_audit_durable_wait_seconds histogram",
    ] {
        assert!(
            metrics.contains(expected),
            "missing {expected} in\n{metrics}"
        );
    }
    // The request records were made durable before forwarding, each wait counted once
    // (the start record is the writer's own), in cumulative buckets ending at +Inf.
    let buckets: Vec<u64> = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("ledgergate_audit_durable_wait_seconds_bucket{"))
        .map(|l| l.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(buckets.windows(2).all(|w| w[0] <= w[1]), "{buckets:?}");
    let count = metrics
        .lines()
        .find_map(|l| l.strip_prefix("ledgergate_audit_durable_wait_seconds_count "))
        .unwrap();
    assert!(count.parse::<u64>().unwrap() >= 1, "{metrics}");
    assert_eq!(buckets.last().unwrap().to_string(), count);
    assert!(
        metrics.contains(r#"ledgergate_audit_durable_wait_seconds_bucket{le="+Inf"}"#)
            && metrics.trim_end().ends_with("# EOF"),
        "{metrics}"
    );
}

#[tokio::test]
async fn log_lines_carry_the_request_id_and_no_secret_or_body() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(
        &upstream.base_url(),
        "[log]\nformat = \"json\"\n",
    ));
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"my secret diagnosis is BODYMARKER"}]}"#;
    let response = post_json(&gw, "/v1/chat/completions", body).await;
    let id = response.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    response.text().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let output = gw.output();
    let request_lines: Vec<serde_json::Value> = output
        .lines()
        .filter(|l| l.contains(&id))
        .map(|l| serde_json::from_str(l).expect("log lines are JSON"))
        .collect();
    // The upstream connection and the answer, at least, are logged within the request.
    assert!(request_lines.len() >= 2, "{output}");
    let answered = request_lines
        .iter()
        .find(|l| l["message"] == "request answered")
        .expect("an answer line");
    assert_eq!(answered["spans"][0]["request_id"], id.as_str());
    assert_eq!(answered["status"], 200);
    for secret in [CLIENT_KEY, PROVIDER_KEY, "BODYMARKER"] {
        assert!(
            !output.contains(secret),
            "{secret} leaked into the logs:\n{output}"
        );
    }
}

#[tokio::test]
async fn sigterm_lets_an_open_stream_finish_then_exits_cleanly() {
    let upstream = TestUpstream::with(Behaviour::Gated).await;
    let mut gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = post_json(
        &gw,
        "/v1/chat/completions",
        r#"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"a b"}]}"#,
    )
    .await;
    let mut body = response.bytes_stream();
    body.next().await.unwrap().unwrap();

    gw.sigterm();
    // Draining: new connections are soon refused (polled: CI machines are slow)...
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = reqwest::Client::new()
            .get(format!("{}/healthz", gw.url))
            .timeout(Duration::from_secs(2))
            .send()
            .await;
        if attempt.is_err() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "new connections were still accepted 10 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    assert!(
        gw.child.try_wait().unwrap().is_none(),
        "exited with a stream still open"
    );
    // ...while the open stream runs to its end.
    upstream.state.release.notify_one();
    let mut rest = String::new();
    while let Some(chunk) = body.next().await {
        rest.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
    }
    assert!(rest.ends_with("data: [DONE]\n\n"), "{rest}");
    assert_eq!(gw.wait_exit(Duration::from_secs(10)), Some(0));
}

/// Runs `serve` on `config` written to a fresh file, expects exit 2 and returns the
/// file's path and what the gateway printed on stderr.
fn refused_config(config: &str) -> (std::path::PathBuf, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, config).unwrap();
    let out = ledgergate_command()
        .args(["serve", "--config", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (path, stderr, dir)
}

#[test]
fn a_bad_config_exits_2_naming_file_line_and_column() {
    let (path, stderr, _dir) = refused_config("[server]\nlisten = \"127.0.0.1:0\"\nlisen = 1\n");
    assert!(
        stderr.contains(&format!("{}:3:1: unknown field `lisen`", path.display())),
        "{stderr}"
    );
}

/// `[server] workers` sizes the runtime: a bad value is one sentence naming the key and
/// its place in the file, a good one starts a gateway on that many worker threads that
/// answers.
#[tokio::test]
async fn server_workers_is_checked_then_sizes_the_runtime() {
    for bad in ["0", "1025"] {
        let config = config_for("http://127.0.0.1:9/v1", "")
            .replace("[server]\n", &format!("[server]\nworkers = {bad}\n"));
        let line = config
            .lines()
            .position(|l| l.starts_with("workers"))
            .unwrap()
            + 1;
        let (path, stderr, _dir) = refused_config(&config);
        assert_eq!(
            stderr.trim(),
            format!(
                "ledgergate: {}:{line}:11: server.workers must be between 1 and 1024",
                path.display()
            ),
        );
    }
    let upstream = TestUpstream::openai().await;
    let config =
        config_for(&upstream.base_url(), "").replace("[server]\n", "[server]\nworkers = 3\n");
    let gw = TestGateway::start(&config);
    let out = gw.output_with("workers=", Duration::from_secs(10));
    assert!(
        out.lines()
            .any(|l| l.contains("listening") && l.contains("workers=3")),
        "{out}"
    );
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}"#;
    assert_eq!(
        post_json(&gw, "/v1/chat/completions", body).await.status(),
        200
    );
}

#[test]
fn a_missing_key_variable_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, config_for("http://127.0.0.1:9/v1", "")).unwrap();
    let out = ledgergate_command()
        .args(["serve", "--config", path.to_str().unwrap()])
        .env_remove("TEST_PROVIDER_KEY")
        .env("LEDGERGATE_MASTER_KEY", MASTER_KEY)
        .env("TEST_CLIENT_KEY", CLIENT_KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TEST_PROVIDER_KEY"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = ledgergate_command()
        .args(["serve", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The gateway keeps itself on 4 KiB pages (README, "Benchmarks", memory): with
/// transparent huge pages, mimalloc's arenas made every touched 2 MiB resident. The
/// kernel reports the process's setting in `/proc/<pid>/status` (`THP_enabled`, Linux
/// 6.0+); a kernel without the field has nothing to check.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_gateway_runs_without_transparent_huge_pages() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let status = std::fs::read_to_string(format!("/proc/{}/status", gw.child.id())).unwrap();
    let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) else {
        return;
    };
    // Any other process here shows 1 (the test's own status does).
    assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    // Not one huge page either, not even from the allocations made before `main`.
    let rollup = std::fs::read_to_string(format!("/proc/{}/smaps_rollup", gw.child.id())).unwrap();
    let huge = rollup.lines().find(|l| l.starts_with("AnonHugePages:"));
    assert_eq!(
        huge.and_then(|l| l.split_whitespace().nth(1)),
        Some("0"),
        "{huge:?}"
    );
}
