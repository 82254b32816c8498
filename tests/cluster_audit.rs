//! One audit trail across a cluster: `audit export --cluster` collects every node's
//! bundle through its admin API together with the checkpoints it anchored in
//! PostgreSQL, and `audit verify-bundle` checks each node's chain against its own and
//! its anchored checkpoints, reporting per node and in total; a node's altered frame
//! fails naming the node and the seq, a node missing from the bundle is reported.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod cluster_support;
mod common;
mod vault_support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use cluster_support::*;
use common::{TestGateway, TestUpstream, CLIENT_KEY};

fn three_nodes(services: &Services, upstream: &str) -> Vec<TestGateway> {
    ["a", "b", "c"]
        .iter()
        .map(|id| {
            let config = format!(
                "{}\n[audit]\ncheckpoint_every = 4\n",
                node_config(upstream, id, "")
            );
            start_node(services, &config)
        })
        .collect()
}

/// `ledgergate ARGS` with the cluster's PostgreSQL URL, the admin token and the master key.
fn cli(services: &Services, args: &[&str]) -> (i32, String, String) {
    let env = services.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    vault_support::ledgergate(args, &env, "")
}

/// Waits until every node anchored a checkpoint of at least `size` records.
fn wait_for_anchors(services: &Services, size: u64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, out) = services.pg.psql(&format!(
            "SELECT count(DISTINCT node_id) FROM ledgergate_audit_anchors WHERE size >= {size}"
        ));
        if out.trim() == "3" {
            return;
        }
        assert!(Instant::now() < deadline, "nodes did not anchor: {out}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `audit export --cluster` of everything, with node `config`'s [cluster], into `out`.
fn export(services: &Services, config: &str, out: &Path) -> (i32, String, String) {
    let args = [
        "audit",
        "export",
        "--config",
        config,
        "--cluster",
        "--from",
        "2000-01-01T00:00:00Z",
        "--to",
        "2100-01-01T00:00:00Z",
        "--out",
        out.to_str().unwrap(),
    ];
    cli(services, &args)
}

fn verify_bundle(services: &Services, dir: &Path) -> (i32, String) {
    let (code, out, err) = cli(services, &["audit", "verify-bundle", dir.to_str().unwrap()]);
    (code, format!("{out}{err}"))
}

/// A schema of `audit-schema/`, compiled.
fn published_schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("audit-schema")
        .join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[tokio::test]
async fn a_cluster_export_verifies_per_node_and_finds_an_altered_frame_and_a_missing_node() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let nodes = three_nodes(&services, &upstream.base_url());
    for node in &nodes {
        for _ in 0..3 {
            assert_eq!(
                vault_support::chat(node, CLIENT_KEY, "gpt-4o-mini").await.0,
                200
            );
        }
    }
    wait_for_anchors(&services, 4);

    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("bundle");
    let config = vault_support::config_path(&nodes[0]);
    let (code, stdout, stderr) = export(&services, &config, &out);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("a cluster bundle of 3 nodes"), "{stdout}");
    assert!(
        !format!("{stdout}{stderr}").contains(vault_support::ADMIN_TOKEN),
        "the admin token is never printed"
    );

    // cluster.json matches its published schema.
    let schema = published_schema("cluster-manifest.schema.json");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("cluster.json")).unwrap()).unwrap();
    assert!(schema.is_valid(&manifest), "{manifest}");
    assert_eq!(manifest["nodes"].as_array().unwrap().len(), 3);

    let (code, report) = verify_bundle(&services, &out);
    assert_eq!(code, 0, "{report}");
    for id in ["a", "b", "c"] {
        assert!(report.contains(&format!("node {id}: ")), "{report}");
    }
    assert!(report.contains("cluster: 3 nodes"), "{report}");
    let (code, json, _) = cli(
        &services,
        &["audit", "verify-bundle", out.to_str().unwrap(), "--json"],
    );
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    let per_node: Vec<u64> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["frames"].as_u64().unwrap())
        .collect();
    assert_eq!(per_node.len(), 3);
    assert!(per_node.iter().all(|&n| n >= 6), "{json}");
    assert_eq!(json["frames"], per_node.iter().sum::<u64>());
    for node in json["nodes"].as_array().unwrap() {
        assert!(
            node["anchors_checked"].as_u64().unwrap() >= 1,
            "each node's frames were checked against what it anchored: {json}"
        );
    }

    // One frame of node b altered: exit 1 naming node b and the frame's seq.
    let altered = scratch.path().join("altered");
    common::copy_dir(&out, &altered);
    let frames = altered.join("nodes/b/frames.bin");
    let mut bytes = std::fs::read(&frames).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&frames, bytes).unwrap();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(altered.join("nodes/b/manifest.json")).unwrap())
            .unwrap();
    let last_seq = manifest["end_size"].as_u64().unwrap() - 1;
    let (code, report) = verify_bundle(&services, &altered);
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains(&format!(
            "FAILED: node b: seq {last_seq}: hash mismatch at frames.bin:"
        )),
        "{report}"
    );

    // A node's anchored checkpoints swapped for another node's: not signed by its key.
    let swapped = scratch.path().join("swapped");
    common::copy_dir(&out, &swapped);
    std::fs::copy(
        swapped.join("nodes/c/anchors"),
        swapped.join("nodes/a/anchors"),
    )
    .unwrap();
    let (code, report) = verify_bundle(&services, &swapped);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("FAILED: node a: "), "{report}");
    assert!(report.contains("anchored checkpoint"), "{report}");

    // Node c removed from the bundle: reported.
    let missing = scratch.path().join("missing");
    common::copy_dir(&out, &missing);
    std::fs::remove_dir_all(missing.join("nodes/c")).unwrap();
    let (code, report) = verify_bundle(&services, &missing);
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains("FAILED: node c: named in cluster.json but missing from the bundle"),
        "{report}"
    );

    // Node c removed from cluster.json too: a consistent-looking two-node bundle, but
    // a and b each signed the list of three into their own manifests.
    let dropped = scratch.path().join("dropped");
    common::copy_dir(&out, &dropped);
    std::fs::remove_dir_all(dropped.join("nodes/c")).unwrap();
    let mut cluster: Value =
        serde_json::from_slice(&std::fs::read(dropped.join("cluster.json")).unwrap()).unwrap();
    cluster["nodes"]
        .as_array_mut()
        .unwrap()
        .retain(|n| n["node_id"] != "c");
    std::fs::write(dropped.join("cluster.json"), cluster.to_string()).unwrap();
    let (code, report) = verify_bundle(&services, &dropped);
    assert_eq!(code, 1, "{report}");
    for id in ["a", "b"] {
        assert!(
            report.contains(&format!(
                "FAILED: node {id}: seq 0: gap at manifest.json: this node's signed manifest names the nodes a, b, c but cluster.json lists a, b"
            )),
            "{report}"
        );
    }
    // Each node's manifest, with the list it signed, matches its published schema.
    let node_schema = published_schema("export-manifest.schema.json");
    for id in ["a", "b", "c"] {
        let node: Value = serde_json::from_slice(
            &std::fs::read(out.join(format!("nodes/{id}/manifest.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(node["cluster_nodes"], serde_json::json!(["a", "b", "c"]));
        assert!(node_schema.is_valid(&node), "{node}");
    }

    // An export into an existing directory is refused and changes nothing.
    let (code, _, stderr) = export(&services, &config, &out);
    assert_eq!(code, 2, "{stderr}");
}

const ALICE: &str = "alice.patient-4711@example.org";
const BOB: &str = "bob-0815";

/// A chat naming its data subject; returns the request id.
async fn chat_as(node: &TestGateway, subject: &str) -> String {
    let response = common::http()
        .post(format!("{}/v1/chat/completions", node.url))
        .bearer_auth(CLIENT_KEY)
        .header("x-ledgergate-subject", subject)
        .json(&serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// `audit tail` of a running node, through its admin API.
fn tail(node: &TestGateway) -> Vec<Value> {
    let (code, out, err) = vault_support::through_admin(node, &["audit", "tail", "-n", "1000"]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).expect("tail prints JSON lines"))
        .collect()
}

/// Whether the records of `request_id` are shown erased (`Some(true)`) or readable.
fn erased(lines: &[Value], seqs: &[u64]) -> Vec<bool> {
    seqs.iter()
        .map(|seq| {
            let line = lines.iter().find(|l| l["seq"] == *seq).unwrap();
            line["erased"] == true
        })
        .collect()
}

fn seqs_of(lines: &[Value], request_id: &str) -> Vec<u64> {
    let seqs: Vec<u64> = lines
        .iter()
        .filter(|l| l["record"]["request_id"] == request_id)
        .map(|l| l["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs.len(), 2, "request and response of {request_id}");
    seqs
}

#[tokio::test]
async fn an_erasure_on_one_node_reaches_every_node_and_a_node_down_applies_it_at_start() {
    let upstream = TestUpstream::openai().await;
    let services = Services::start();
    let mut nodes = three_nodes(&services, &upstream.base_url());
    // Alice and Bob on every node; their records, readable everywhere.
    let mut seqs = Vec::new();
    for node in &nodes {
        let (alice, bob) = (chat_as(node, ALICE).await, chat_as(node, BOB).await);
        let lines = tail(node);
        seqs.push((seqs_of(&lines, &alice), seqs_of(&lines, &bob)));
    }
    // Node c is down when the erasure is made.
    let c = nodes.pop().unwrap();
    let c_dir = vault_support::stop(c).await;

    let (code, out, err) = vault_support::through_admin(
        &nodes[0],
        &["audit", "erase", "--subject", ALICE, "--tenant", "acme"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("cluster: confirmed by a (1 keys), b (1 keys)"),
        "{out}"
    );
    assert!(!format!("{out}{err}").contains("confirmed by a (1 keys), b (1 keys), c"));
    let (_, sealed) = services
        .pg
        .psql("SELECT encode(subject, 'escape') FROM ledgergate_erasures");
    assert!(
        !sealed.contains("alice"),
        "the subject is sealed in PostgreSQL: {sealed}"
    );

    for (node, (alice, bob)) in nodes.iter().zip(&seqs) {
        let lines = tail(node);
        assert_eq!(erased(&lines, alice), [true, true], "Alice erased");
        assert_eq!(erased(&lines, bob), [false, false], "Bob still readable");
        assert!(
            lines
                .iter()
                .any(|l| l["record"]["event"]["action"] == "erasure_done"),
            "each node audits its own erasure"
        );
    }

    // Node c applies it at start, before it serves, and acknowledges it.
    let c = start_node_in(
        &services,
        c_dir,
        &format!(
            "{}\n[audit]\ncheckpoint_every = 4\n",
            node_config(&upstream.base_url(), "c", "")
        ),
    );
    let lines = tail(&c);
    assert_eq!(
        erased(&lines, &seqs[2].0),
        [true, true],
        "Alice erased on c"
    );
    assert_eq!(
        erased(&lines, &seqs[2].1),
        [false, false],
        "Bob readable on c"
    );
    let (_, acks) = services
        .pg
        .psql("SELECT string_agg(node_id, ',' ORDER BY node_id) FROM ledgergate_erasure_acks");
    assert_eq!(acks.trim(), "a,b,c");
    let (code, out, _) = vault_support::through_admin(&c, &["audit", "verify"]);
    assert_eq!(code, 0, "the chain still verifies: {out}");
}
