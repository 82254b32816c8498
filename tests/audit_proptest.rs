//! Property: any sequence of appends, key rotations, checkpoints, erasures and
//! restarts (with small segments, so roll-overs happen) leaves a log that verifies, in
//! which every record decrypts unless its subject was erased after it was written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::collections::BTreeMap;

use audit_support::*;
use ledgergate::audit::keys::KeyStore;
use ledgergate::audit::reader::{for_each_frame, open_frame, Opened};
use ledgergate::audit::AuditLog;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Append(usize),
    Rotate,
    Checkpoint,
    Erase(usize),
    Restart,
}

const TENANTS: [&str; 3] = ["acme", "globex", "initech"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..3usize).prop_map(Op::Append),
        1 => Just(Op::Rotate),
        1 => Just(Op::Checkpoint),
        1 => (0..3usize).prop_map(Op::Erase),
        1 => Just(Op::Restart),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn any_history_verifies_and_only_erased_subjects_stop_decrypting(ops in prop::collection::vec(op(), 1..40)) {
        let data = tempfile::tempdir().unwrap();
        let mut o = opts(data.path());
        o.segment_max_bytes = 3 * 1024;
        o.checkpoint_every = 5;
        let rt = runtime();
        // seq -> tenant for each request record; tenants erased after a given seq.
        let mut written: BTreeMap<u64, usize> = BTreeMap::new();
        let mut erased_after: BTreeMap<usize, u64> = BTreeMap::new();
        rt.block_on(async {
            let (mut log, _) = AuditLog::open(o.clone(), &master()).unwrap();
            for (i, op) in ops.iter().enumerate() {
                match op {
                    Op::Append(t) => {
                        let seq = log.append(request_record(i as u64, TENANTS[*t])).await.unwrap();
                        written.insert(seq.0, *t);
                    }
                    Op::Rotate => log.rotate_keys().await.unwrap(),
                    Op::Checkpoint => { log.checkpoint().await.unwrap(); }
                    Op::Erase(t) => {
                        log.erase(TENANTS[*t]).await.unwrap();
                        erased_after.insert(*t, written.keys().last().copied().unwrap_or(0));
                    }
                    Op::Restart => {
                        log.close().await.unwrap();
                        log = AuditLog::open(o.clone(), &master()).unwrap().0;
                    }
                }
            }
            log.close().await.unwrap();
        });
        let (code, v) = verify_json(data.path());
        prop_assert_eq!(code, 0, "{}", v);

        let dir = audit_dir(data.path());
        let mut keys = KeyStore::open(&dir, &master()).unwrap();
        let (log_id, _) = keys.identity().unwrap();
        let mut seen = 0;
        for_each_frame(&dir, |f| {
            let seq = f.header.seq.0;
            if let Some(t) = written.get(&seq) {
                seen += 1;
                let opened = open_frame(&mut keys, &log_id, &f.header, f.header_bytes, f.ciphertext).unwrap();
                let should_be_erased = erased_after.get(t).is_some_and(|&after| seq <= after);
                match opened {
                    Opened::Erased => assert!(should_be_erased, "seq {seq} of {} lost its key", TENANTS[*t]),
                    Opened::Record { record, .. } => {
                        assert!(!should_be_erased, "seq {seq} of {} still decrypts after erasure", TENANTS[*t]);
                        assert_eq!(record.tenant.as_deref(), Some(TENANTS[*t]));
                    }
                }
            }
            Ok(true)
        }).unwrap();
        prop_assert_eq!(seen, written.len());
    }
}
