//! Group commit under concurrency: many tasks append at once, every append is
//! acknowledged with its own seq, all are durable and the writer shared its syncs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use audit_support::*;
use ledgergate::audit::AuditLog;

#[test]
fn concurrent_appends_share_syncs_and_are_all_durable() {
    let data = tempfile::tempdir().unwrap();
    let mut o = opts(data.path());
    o.segment_max_bytes = 64 * 1024;
    o.checkpoint_every = 100;
    let rt = runtime();
    let (seqs, syncs) = rt.block_on(async {
        let (log, report) = AuditLog::open(o, &master()).unwrap();
        let base_syncs = log.stats().syncs.load(Ordering::Relaxed);
        let mut tasks = Vec::new();
        for t in 0..32u64 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                for i in 0..20 {
                    mine.push(
                        log.append(request_record(t * 100 + i, "acme"))
                            .await
                            .unwrap()
                            .0,
                    );
                }
                mine
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.extend(t.await.unwrap());
        }
        let syncs = log.stats().syncs.load(Ordering::Relaxed) - base_syncs;
        assert!(log.healthy());
        log.close().await.unwrap();
        assert!(report.start_seq == 0);
        (seqs, syncs)
    });
    let unique: BTreeSet<u64> = seqs.iter().copied().collect();
    assert_eq!(unique.len(), 640, "every append got its own seq");
    assert_eq!(
        *unique.iter().next().unwrap(),
        1,
        "seq 0 is the start record"
    );
    assert_eq!(*unique.iter().last().unwrap(), 640, "gapless");
    assert!(
        syncs < 640,
        "group commit must share fdatasyncs among concurrent appends ({syncs} syncs for 640 appends)"
    );
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["records"], 642);
}

#[test]
fn appends_after_close_are_refused() {
    let data = tempfile::tempdir().unwrap();
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = AuditLog::open(opts(data.path()), &master()).unwrap();
        log.close().await.unwrap();
        log.close().await.unwrap();
        let err = log.append(request_record(1, "acme")).await.unwrap_err();
        assert!(err.to_string().contains("closed"), "{err}");
    });
}

#[test]
fn batch_durability_acknowledges_and_syncs_within_the_bound() {
    let data = tempfile::tempdir().unwrap();
    let mut o = opts(data.path());
    o.durability = ledgergate::audit::Durability::Batch {
        max_delay: std::time::Duration::from_millis(20),
    };
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = AuditLog::open(o, &master()).unwrap();
        for i in 0..50 {
            log.append(request_record(i, "globex")).await.unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        log.close().await.unwrap();
    });
    assert_eq!(verify_json(data.path()).0, 0);
}

/// Many tasks in batch mode, segment roll-overs and a key rotation in the middle: every
/// append gets its own gapless seq and the log verifies.
#[test]
fn batch_appends_under_concurrency_with_rollover_and_rotation_verify() {
    let data = tempfile::tempdir().unwrap();
    let mut o = opts(data.path());
    o.durability = ledgergate::audit::Durability::Batch {
        max_delay: std::time::Duration::from_millis(5),
    };
    o.segment_max_bytes = 16 * 1024;
    let rt = runtime();
    let seqs = rt.block_on(async {
        let (log, _) = AuditLog::open(o, &master()).unwrap();
        let mut tasks = Vec::new();
        for t in 0..16u64 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                for i in 0..25 {
                    let subject = if t % 2 == 0 { "acme" } else { "globex" };
                    mine.push(
                        log.append(request_record(t * 100 + i, subject))
                            .await
                            .unwrap()
                            .0,
                    );
                }
                mine
            }));
        }
        log.rotate_keys().await.unwrap();
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.extend(t.await.unwrap());
        }
        assert!(log.healthy());
        log.close().await.unwrap();
        seqs
    });
    let unique: BTreeSet<u64> = seqs.iter().copied().collect();
    assert_eq!(unique.len(), 400, "every append got its own seq");
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
    // start + 400 appends + the rotation record + stop.
    assert_eq!(v["records"], 403);
}

/// A caller alone in the gateway (`Wait::Poll`) gets the writer's answer without its
/// task yielding when no fdatasync is awaited: the future is ready at its first poll, so
/// nothing has to wake it. A caller that yields (`Wait::Yield`), and a durable append in
/// `fsync` mode (whose fdatasync it must not spin through), are pending at their first
/// poll (unless the writer preempted the caller between hand-off and poll, hence "at
/// least once in five"). Every append is still written, in order.
#[test]
fn a_polling_append_is_answered_without_yielding_unless_it_waits_for_a_sync() {
    use futures::FutureExt;
    use ledgergate::audit::{Ack, Durability, Wait};
    use std::time::Duration;

    // Long enough for a debug build's writer on a loaded machine.
    let poll = Wait::Poll(Duration::from_secs(5));
    for durability in [
        Durability::Batch {
            max_delay: Duration::from_millis(5),
        },
        Durability::Fsync,
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut o = opts(data.path());
        o.durability = durability;
        let rt = runtime();
        let (log, _) = AuditLog::open(o, &master()).unwrap();
        let mut appends = 0;
        let mut first_poll = |ack: Ack, wait: Wait| {
            appends += 1;
            log.append_waiting(request_record(appends, "acme"), ack, wait)
                .now_or_never()
                .map(|r| r.unwrap().0)
        };
        let mut answered = Vec::new();
        for _ in 0..10 {
            answered.push(first_poll(Ack::Written, poll).expect("answered at once"));
        }
        if durability == Durability::Fsync {
            let pending = (0..5)
                .filter(|_| first_poll(Ack::Durable, poll).is_none())
                .count();
            assert!(pending > 0, "no polling through an fdatasync");
        } else {
            for _ in 0..10 {
                answered.push(first_poll(Ack::Durable, poll).expect("answered at once"));
            }
        }
        let pending = (0..5)
            .filter(|_| first_poll(Ack::Written, Wait::Yield).is_none())
            .count();
        assert!(pending > 0, "a yielding caller is woken");
        assert!(
            answered.windows(2).all(|w| w[1] == w[0] + 1),
            "{answered:?}"
        );
        rt.block_on(log.close()).unwrap();
        let (code, v) = verify_json(data.path());
        assert_eq!(code, 0, "{v}");
        // Start, every append (a dropped future's record was handed over before its
        // first poll returned), stop.
        assert_eq!(v["records"].as_u64().unwrap(), appends + 2);
    }
}
