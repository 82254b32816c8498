//! Chat load against one or several gateways, for the tests that kill a process under
//! load (`audit_gateway`: one gateway; `cluster_failover`: three nodes): concurrent
//! clients send chat requests round robin over the given URLs, move to the next URL
//! when one does not answer 200 (as a load balancer does), and report every request
//! that was answered 200 with its body read, so the test can check that each of them
//! has its records in the log of the node that answered.

use std::time::Duration;

use tokio::task::JoinHandle;

use super::CLIENT_KEY;

const BODY: &str = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"load"}]}"#;

/// Requests answered 200: (index of the URL that answered, request id).
pub type Answered = Vec<(usize, String)>;

/// Starts `clients` clients of `requests` requests each over `urls`. A client stops
/// early once no URL answers a request.
pub fn start(urls: &[String], clients: usize, requests: usize) -> Vec<JoinHandle<Answered>> {
    (0..clients)
        .map(|c| {
            let urls = urls.to_vec();
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(5))
                    .build()
                    .unwrap();
                let mut answered = Vec::new();
                for i in 0..requests {
                    let mut served = false;
                    for attempt in 0..urls.len() {
                        let node = (c + i + attempt) % urls.len();
                        let sent = client
                            .post(format!("{}/v1/chat/completions", urls[node]))
                            .bearer_auth(CLIENT_KEY)
                            .header("content-type", "application/json")
                            .body(BODY)
                            .send()
                            .await;
                        let Ok(response) = sent else { continue };
                        if response.status() != 200 {
                            continue;
                        }
                        served = true;
                        let id = response.headers()["x-ledgergate-request-id"]
                            .to_str()
                            .unwrap()
                            .to_owned();
                        if response.bytes().await.is_ok() {
                            answered.push((node, id));
                        }
                        break;
                    }
                    if !served {
                        break;
                    }
                }
                answered
            })
        })
        .collect()
}

/// Waits for every client; all their answered requests.
pub async fn finish(clients: Vec<JoinHandle<Answered>>) -> Answered {
    let mut answered = Vec::new();
    for c in clients {
        answered.extend(c.await.unwrap());
    }
    answered
}

/// Asserts that each request in `ids` has exactly a request and a response record among
/// `lines` (`audit tail` lines) of the log that answered it (`whom` names it in the
/// failure message).
pub fn assert_recorded<'a>(
    lines: &[serde_json::Value],
    ids: impl IntoIterator<Item = &'a String>,
    whom: &str,
) {
    for id in ids {
        let kinds: Vec<&str> = lines
            .iter()
            .filter(|l| l["record"]["request_id"] == id.as_str())
            .filter_map(|l| l["record"]["kind"].as_str())
            .collect();
        assert_eq!(
            kinds,
            ["request", "response"],
            "request {id} was answered 200{whom} but its records are {kinds:?}"
        );
    }
}
