//! A node lost under load: three nodes share the load (a client moves to the next node
//! when one does not answer, as a load balancer does); one is killed with SIGKILL
//! mid-run. Every request any node answered 200 has its request and response records
//! in that node's log, the killed node restarts on its own data (its log extends every
//! checkpoint it anchored in PostgreSQL), every node's log verifies, and every record
//! carries the id of the node that wrote it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use std::time::Duration;

use serde_json::Value;

use cluster_support::*;
use common::{TestGateway, TestUpstream, CLIENT_KEY};

fn records(dir: &std::path::Path) -> Vec<Value> {
    let data = dir.join("data");
    let (code, out, err) = common::cli(&[
        "audit",
        "tail",
        "-n",
        "100000",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("tail prints JSON lines"))
        .collect()
}

fn verify(dir: &std::path::Path) {
    let data = dir.join("data");
    let (code, out, err) = common::cli(&["audit", "verify", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "the log verifies: {out}{err}");
}

#[tokio::test]
async fn a_node_killed_under_load_loses_no_answered_request_and_restarts_on_its_log() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let config = |id: &str| {
        format!(
            "{}\n[audit]\ncheckpoint_every = 16\n",
            node_config(&upstream.base_url(), id, "")
        )
    };
    let mut nodes: Vec<TestGateway> = ["a", "b", "c"]
        .iter()
        .map(|id| start_node(&services, &config(id)))
        .collect();
    let urls: Vec<String> = nodes.iter().map(|n| n.url.clone()).collect();
    let clients = common::load::start(&urls, 6, 150);
    tokio::time::sleep(Duration::from_millis(800)).await;
    nodes[1].child.kill().unwrap();
    nodes[1].child.wait().unwrap();
    let answered = common::load::finish(clients).await;
    let by_b = answered.iter().filter(|(n, _)| *n == 1).count();
    assert!(by_b > 5, "node b answered before it was killed: {by_b}");
    assert!(
        answered.len() > by_b + 50,
        "the other nodes took the load: {} answers",
        answered.len()
    );

    // Node b restarts on its own data: its log extends what it anchored.
    let b = nodes.remove(1);
    let b_dir = {
        let mut b = b;
        std::mem::replace(&mut b.dir, tempfile::tempdir().unwrap())
    };
    let restarted = start_node_in(&services, b_dir, &config("b"));
    assert_eq!(
        vault_support::chat(&restarted, CLIENT_KEY, "gpt-4o-mini")
            .await
            .0,
        200
    );
    let mut dirs = vec![vault_support::stop(nodes.remove(0)).await];
    dirs.push(vault_support::stop(restarted).await);
    dirs.push(vault_support::stop(nodes.remove(0)).await);
    // dirs: a, b, c.
    for (node, dir) in dirs.iter().enumerate() {
        verify(dir.path());
        let lines = records(dir.path());
        let id = ["a", "b", "c"][node];
        assert!(
            lines.iter().all(|l| l["record"]["node_id"] == id),
            "every record of node {id} carries its id"
        );
        common::load::assert_recorded(
            &lines,
            answered
                .iter()
                .filter(|(n, _)| *n == node)
                .map(|(_, id)| id),
            &format!(" by node {node}"),
        );
    }
    let (_, anchored) = services
        .pg
        .psql("SELECT count(DISTINCT node_id) FROM ledgergate_audit_anchors");
    assert_eq!(anchored.trim(), "3", "every node anchored its checkpoints");
}
