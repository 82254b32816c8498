//! The attempt loop of [`Router::run`] against scripted deployments: which deployment
//! each attempt goes to, when the loop stops, what the observer hears. Real time with
//! millisecond waits; nothing asserts a duration except as a lower bound.

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;
use futures::FutureExt;

use super::*;
use crate::config::{BreakerConfig, ProviderConfig};
use crate::openai::{ChatRequest, EmbeddingsRequest};
use crate::providers::Reply;

struct Fake(ProviderConfig);

impl Provider for Fake {
    fn config(&self) -> &ProviderConfig {
        &self.0
    }
    fn chat<'a>(&'a self, _: &'a ChatRequest) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        unreachable!("the tests call through the closure")
    }
    fn embeddings<'a>(
        &'a self,
        _: &'a EmbeddingsRequest,
    ) -> BoxFuture<'a, Result<Bytes, ProviderError>> {
        unreachable!("the tests call through the closure")
    }
}

fn provider(name: &str) -> Arc<dyn Provider> {
    Arc::new(Fake(ProviderConfig::for_test(
        name,
        &format!("http://{name}.invalid/v1"),
    )))
}

fn status(provider: &str, status: u16, retry_after: Option<Duration>) -> ProviderError {
    ProviderError::Upstream {
        provider: provider.into(),
        status,
        body: Bytes::new(),
        retry_after,
    }
}

fn config() -> RoutingConfig {
    RoutingConfig {
        backoff_base: Duration::from_millis(1),
        backoff_max: Duration::from_millis(5),
        max_retry_after: Duration::from_millis(200),
        ..RoutingConfig::default()
    }
}

fn router(config: RoutingConfig, names: &[&str]) -> Router {
    Router::seeded(
        config,
        Duration::from_secs(10),
        names.iter().copied(),
        Family::default(),
        StdRng::seed_from_u64(3),
    )
}

type Results = Vec<Result<u32, ProviderError>>;

/// Per deployment, the results of its successive calls (the last one repeats).
struct Script(Mutex<HashMap<String, (usize, Results)>>);

impl Script {
    fn new(steps: Vec<(&str, Results)>) -> Script {
        Script(Mutex::new(
            steps
                .into_iter()
                .map(|(name, results)| (name.to_owned(), (0, results)))
                .collect(),
        ))
    }

    fn next(&self, name: &str) -> Result<u32, ProviderError> {
        let mut all = self.0.lock().unwrap();
        let (n, results) = all.get_mut(name).unwrap();
        let result = results[(*n).min(results.len() - 1)].clone();
        *n += 1;
        result
    }
}

#[derive(Default)]
struct Heard {
    attempts: Vec<String>,
    failures: Vec<(String, Duration)>,
}

impl Observer for Heard {
    fn attempting(&mut self, provider: &Arc<dyn Provider>) {
        self.attempts.push(provider.config().name.clone());
    }
    fn failed(&mut self, error: &ProviderError, _took: Duration, wait: Duration) {
        self.failures.push((error.to_string(), wait));
    }
}

async fn run(
    router: &Router,
    candidates: &[Arc<dyn Provider>],
    script: &Script,
) -> (Result<u32, ProviderError>, Heard) {
    let mut heard = Heard::default();
    let (result, _) = router
        .run(
            "m",
            candidates,
            |p| {
                let result = script.next(&p.config().name);
                async move { result }.boxed()
            },
            &mut heard,
        )
        .await;
    (result, heard)
}

#[tokio::test]
async fn a_5xx_is_retried_on_the_same_deployment_after_a_backoff() {
    let r = router(config(), &["a"]);
    let script = Script::new(vec![("a", vec![Err(status("a", 500, None)), Ok(7)])]);
    let (result, heard) = run(&r, &[provider("a")], &script).await;
    assert_eq!(result.unwrap(), 7);
    assert_eq!(heard.attempts, ["a", "a"]);
    assert_eq!(heard.failures.len(), 1);
    assert!(heard.failures[0].1 <= Duration::from_millis(5));
}

#[tokio::test]
async fn untried_deployments_come_before_a_retry_and_attempts_are_bounded() {
    let r = router(config(), &["a", "b"]);
    let script = Script::new(vec![
        ("a", vec![Err(status("a", 503, None))]),
        ("b", vec![Err(status("b", 502, None))]),
    ]);
    let (result, heard) = run(&r, &[provider("a"), provider("b")], &script).await;
    assert_eq!(heard.attempts.len(), 3, "max_attempts = 3");
    assert_eq!(&heard.attempts[..2], ["a", "b"]);
    assert_eq!(heard.failures[0].1, Duration::ZERO, "b is asked at once");
    assert_eq!(
        heard.failures.len(),
        2,
        "the last failure is returned, not heard"
    );
    assert!(matches!(result, Err(ProviderError::Upstream { status, .. }) if status >= 502));
}

#[tokio::test]
async fn retry_after_is_waited_out_within_the_cap_and_skips_the_deployment_beyond_it() {
    let r = router(config(), &["a"]);
    let script = Script::new(vec![(
        "a",
        vec![
            Err(status("a", 429, Some(Duration::from_millis(60)))),
            Ok(1),
        ],
    )]);
    let started = Instant::now();
    let (result, heard) = run(&r, &[provider("a")], &script).await;
    assert_eq!(result.unwrap(), 1);
    assert!(started.elapsed() >= Duration::from_millis(60));
    assert!(
        heard.failures[0].1 > Duration::from_millis(40),
        "{:?}",
        heard.failures
    );

    let r = router(config(), &["a", "b"]);
    let script = Script::new(vec![
        (
            "a",
            vec![Err(status("a", 429, Some(Duration::from_secs(30)))), Ok(1)],
        ),
        ("b", vec![Err(status("b", 500, None)), Ok(2)]),
    ]);
    let (result, heard) = run(&r, &[provider("a"), provider("b")], &script).await;
    assert_eq!(result.unwrap(), 2);
    assert_eq!(heard.attempts, ["a", "b", "b"], "a is not asked again");
}

#[tokio::test]
async fn a_client_error_or_a_broken_answer_is_not_retried() {
    for error in [
        status("a", 400, None),
        ProviderError::Protocol {
            provider: "a".into(),
            reason: "bad JSON".into(),
        },
    ] {
        let r = router(config(), &["a", "b"]);
        let script = Script::new(vec![("a", vec![Err(error)]), ("b", vec![Ok(2)])]);
        let (result, heard) = run(&r, &[provider("a"), provider("b")], &script).await;
        assert!(result.is_err());
        assert_eq!(heard.attempts, ["a"]);
    }
}

#[tokio::test]
async fn a_missing_key_moves_on_without_retrying_or_tripping_the_breaker() {
    let r = router(
        RoutingConfig {
            breaker: BreakerConfig {
                consecutive_failures: 1,
                ..config().breaker
            },
            ..config()
        },
        &["a", "b"],
    );
    let script = Script::new(vec![
        (
            "a",
            vec![Err(ProviderError::KeyUnavailable {
                provider: "a".into(),
            })],
        ),
        ("b", vec![Ok(2)]),
    ]);
    let (result, heard) = run(&r, &[provider("a"), provider("b")], &script).await;
    assert_eq!(result.unwrap(), 2);
    assert_eq!(heard.attempts, ["a", "b"]);
    assert_eq!(
        heard.failures,
        [(
            String::from("the key of provider \"a\" cannot be read from the key vault"),
            Duration::ZERO
        )]
    );
    assert_eq!(
        r.breaker_state("a"),
        Some(State::Closed),
        "one failure would have opened it"
    );
}

#[tokio::test]
async fn nothing_waits_past_the_total_timeout() {
    let r = Router::seeded(
        RoutingConfig {
            max_retry_after: Duration::from_secs(60),
            ..config()
        },
        Duration::from_millis(100),
        ["a"],
        Family::default(),
        StdRng::seed_from_u64(1),
    );
    let script = Script::new(vec![(
        "a",
        vec![Err(status("a", 429, Some(Duration::from_secs(5)))), Ok(1)],
    )]);
    let (result, heard) = run(&r, &[provider("a")], &script).await;
    assert!(matches!(
        result,
        Err(ProviderError::Upstream { status: 429, .. })
    ));
    assert_eq!(heard.attempts, ["a"]);
}

#[tokio::test]
async fn open_breakers_are_skipped_and_all_open_fails_at_once_naming_them() {
    let r = router(
        RoutingConfig {
            max_attempts: 1,
            breaker: BreakerConfig {
                consecutive_failures: 1,
                ..config().breaker
            },
            ..config()
        },
        &["a", "b"],
    );
    let both = [provider("a"), provider("b")];
    let script = Script::new(vec![
        ("a", vec![Err(status("a", 500, None))]),
        ("b", vec![Err(status("b", 500, None)), Ok(2)]),
    ]);
    // Each request has one attempt: the first opens a, the second (a skipped) opens b.
    let (_, heard) = run(&r, &both, &script).await;
    assert_eq!(heard.attempts, ["a"]);
    let (_, heard) = run(&r, &both, &script).await;
    assert_eq!(heard.attempts, ["b"]);
    assert_eq!(r.breaker_state("a"), Some(State::Open));
    assert_eq!(r.breaker_state("b"), Some(State::Open));
    let (result, heard) = run(&r, &both, &script).await;
    assert!(heard.attempts.is_empty());
    match result {
        Err(ProviderError::Unavailable {
            providers,
            retry_in,
        }) => {
            assert_eq!(providers, ["a", "b"]);
            assert!(retry_in <= Duration::from_secs(30) && retry_in > Duration::from_secs(29));
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

/// One deployment "a" whose breaker opens on one failure and half-opens after 20 ms;
/// one attempt per request.
fn quick_breaker() -> Router {
    router(
        RoutingConfig {
            breaker: BreakerConfig {
                consecutive_failures: 1,
                cooldown: Duration::from_millis(20),
                ..config().breaker
            },
            max_attempts: 1,
            ..config()
        },
        &["a"],
    )
}

#[tokio::test]
async fn a_cancelled_probe_frees_its_slot() {
    let r = quick_breaker();
    let a = [provider("a")];
    let script = Script::new(vec![("a", vec![Err(status("a", 500, None)), Ok(1)])]);
    let _ = run(&r, &a, &script).await;
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert_eq!(r.breaker_state("a"), Some(State::HalfOpen));
    // The probe's request goes away mid-attempt (its future is dropped).
    let mut heard = Heard::default();
    let pending = r.run(
        "m",
        &a,
        |_| futures::future::pending::<Result<u32, ProviderError>>().boxed(),
        &mut heard,
    );
    assert!(tokio::time::timeout(Duration::from_millis(20), pending)
        .await
        .is_err());
    let (result, _) = run(&r, &a, &script).await;
    assert_eq!(result.unwrap(), 1, "the next request may probe");
    assert_eq!(r.breaker_state("a"), Some(State::Closed));
}

#[test]
fn order_is_a_permutation_by_the_models_strategy() {
    let mut config = config();
    config.models.insert(
        "cheap".into(),
        crate::config::ModelRouting {
            strategy: Some(crate::config::Strategy::Cost),
            max_attempts: None,
        },
    );
    let r = router(config, &["a", "b", "c"]);
    let pricing = Pricing::new(vec![crate::config::Price {
        provider: Some("c".into()),
        model: "cheap".into(),
        input_per_million: 1.0,
        cached_input_per_million: 1.0,
        output_per_million: 1.0,
        currency: "USD".into(),
    }]);
    let all = [provider("a"), provider("b"), provider("c")];
    let names = |ps: Vec<Arc<dyn Provider>>| {
        ps.iter()
            .map(|p| p.config().name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(r.order("m", &pricing, &all)), ["a", "b", "c"]);
    assert_eq!(names(r.order("cheap", &pricing, &all)), ["c", "a", "b"]);
}

#[tokio::test]
async fn a_local_refusal_is_not_an_upstream_answer_to_the_breaker() {
    let r = quick_breaker();
    let a = [provider("a")];
    // A failure opens the breaker; after the cool-down it is half-open.
    let script = Script::new(vec![(
        "a",
        vec![
            Err(status("a", 500, None)),
            Err(crate::providers::shape::refuse(
                "a",
                "`n` > 1 cannot be expressed".into(),
                Some("n"),
            )),
        ],
    )]);
    let _ = run(&r, &a, &script).await;
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert_eq!(r.breaker_state("a"), Some(State::HalfOpen));
    // The probe is refused before any byte was sent: the provider was never contacted,
    // so the breaker learns nothing (it stays half-open) and the error is the client's.
    let (result, heard) = run(&r, &a, &script).await;
    assert!(
        matches!(result, Err(ProviderError::Refused { .. })),
        "{result:?}"
    );
    assert!(heard.failures.is_empty());
    assert_eq!(r.breaker_state("a"), Some(State::HalfOpen));
}
