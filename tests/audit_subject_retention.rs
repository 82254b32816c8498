//! `[audit] retention_days` is enforced by the gateway: at start, every month of a
//! tenant's records that lies entirely past its retention is crypto-shredded (its
//! persons' keys and its own), each month in an audited erasure record; the log's own
//! records, other tenants' records and recent records stay readable, and the chain
//! still verifies. The old month is written through the library with an injected
//! clock (no sleeping, no clock games on the host).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;
mod vault_support;

use common::TestUpstream;
use ledgergate::audit::record::{DataSubject, Record, RecordKind};
use ledgergate::audit::{AuditLog, AuditOptions};
use ledgergate::vault::master_key::MasterKey;
use serde_json::Value;
use vault_support::*;

const POLICY: &str = r#"id = "default"

[audit]
retention_days = 30
"#;

fn january_2020() -> time::OffsetDateTime {
    time::macros::datetime!(2020-01-15 10:00 UTC)
}

fn old_record(request_id: &str, tenant: &str, subject: Option<&str>) -> Record {
    let mut r = Record::new(RecordKind::Request);
    r.request_id = Some(request_id.to_owned());
    r.tenant = Some(tenant.to_owned());
    r.data_subject = subject.map(|s| DataSubject::parse(s).unwrap());
    r
}

fn line_of(lines: &[Value], seq: u64) -> &Value {
    lines.iter().find(|l| l["seq"] == seq).unwrap()
}

#[tokio::test]
async fn the_gateway_shreds_months_past_retention_at_start_and_audits_each() {
    let upstream = TestUpstream::openai().await;
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    std::fs::write(policies.join("default.toml"), POLICY).unwrap();
    let config = admin_config(&upstream.base_url())
        .replace(common::shipped_policies(), policies.to_str().unwrap());
    std::fs::write(dir.path().join("ledgergate.toml"), config).unwrap();

    // January 2020 records: a person's and the tenant's own for acme, one of another
    // tenant that sets no retention here.
    let data = dir.path().join("data");
    let master = MasterKey::from_hex(common::MASTER_KEY, "test").unwrap();
    let mut opts = AuditOptions::new(data.join("audit"));
    opts.clock = january_2020;
    let (log, _) = AuditLog::open(opts, &master).unwrap();
    let old_person = log
        .append(old_record("old-alice", "acme", Some("alice")))
        .await
        .unwrap()
        .0;
    let old_tenant = log
        .append(old_record("old-acme", "acme", None))
        .await
        .unwrap()
        .0;
    let old_other = log
        .append(old_record("old-globex", "globex", None))
        .await
        .unwrap()
        .0;
    log.close().await.unwrap();

    let gw = start_in(dir, &[]);
    let (status, _) = chat(&gw, common::CLIENT_KEY, "gpt-4o-mini").await;
    assert_eq!(status, 200);
    let dir = stop(gw).await;
    let data = dir.path().join("data");

    let (code, out, err) = ledgergate(
        &[
            "audit",
            "tail",
            "-n",
            "1000",
            "--data-dir",
            data.to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(line_of(&lines, old_person)["erased"], true, "{out}");
    assert_eq!(line_of(&lines, old_tenant)["erased"], true, "{out}");
    assert_eq!(
        line_of(&lines, old_other)["record"]["tenant"],
        "globex",
        "{out}"
    );
    // The old month's own start record (the `system` subject) is never shredded.
    assert_eq!(line_of(&lines, 0)["record"]["event"]["action"], "start");
    // Today's request is readable.
    assert!(
        lines.iter().any(|l| l["record"]["kind"] == "response"
            && l["record"]["tenant"] == "acme"
            && l["time"].as_str().is_some_and(|t| !t.starts_with("2020"))),
        "{out}"
    );
    // One erasure record for the month, naming both keys.
    let shreds: Vec<&Value> = lines
        .iter()
        .filter(|l| l["record"]["event"]["detail"]["reason"] == "retention")
        .collect();
    assert_eq!(shreds.len(), 1, "{out}");
    let detail = &shreds[0]["record"]["event"]["detail"];
    assert_eq!(detail["tenant"], "acme");
    assert_eq!(detail["month"], "2020-01");
    let mut ids: Vec<String> = detail["key_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    let mut want = vec![
        line_of(&lines, old_person)["key_id"]
            .as_str()
            .unwrap()
            .to_owned(),
        line_of(&lines, old_tenant)["key_id"]
            .as_str()
            .unwrap()
            .to_owned(),
    ];
    want.sort();
    assert_eq!(ids, want);

    let (code, out, err) = common::cli(&["audit", "verify", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");

    // A second start finds nothing more to shred.
    let gw = start_in(dir, &[]);
    let dir = stop(gw).await;
    let (code, out, _) = ledgergate(
        &[
            "audit",
            "tail",
            "-n",
            "1000",
            "--data-dir",
            dir.path().join("data").to_str().unwrap(),
        ],
        &[],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(out.matches("\"retention\"").count(), 1, "{out}");
}
