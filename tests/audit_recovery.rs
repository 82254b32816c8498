//! Crash recovery at start-up: a torn, never-acknowledged tail is cut, kept in a
//! quarantine file and audited; damage anywhere else refuses to start unless accepted,
//! and accepted damage is audited too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;
use ledgergate::audit::keys::KeyStore;
use ledgergate::audit::reader::{for_each_frame, open_frame, Opened};
use ledgergate::audit::{AuditError, AuditLog, EventAction, Reason, Record};

/// Every decrypted record of the log, in order.
fn records(data: &std::path::Path) -> Vec<Record> {
    let dir = audit_dir(data);
    let mut keys = KeyStore::open(&dir, &master()).unwrap();
    let (log_id, _) = keys.identity().unwrap();
    let mut out = Vec::new();
    for_each_frame(&dir, |f| {
        if let Opened::Record { record, .. } =
            open_frame(&mut keys, &log_id, &f.header, f.header_bytes, f.ciphertext).unwrap()
        {
            out.push(*record);
        }
        Ok(true)
    })
    .unwrap();
    out
}

fn actions(records: &[Record]) -> Vec<EventAction> {
    records
        .iter()
        .filter_map(|r| r.event.as_ref().map(|e| e.action))
        .collect()
}

#[test]
fn a_torn_last_frame_is_cut_quarantined_and_audited() {
    let data = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    // A crash mid-write: half a frame after the last whole one, never acknowledged.
    let all = frames(data.path());
    let torn = frame_bytes(&all[2]);
    let last = all.last().unwrap();
    let end = last.offset + last.len;
    splice(&last.path, end, end, &torn[..torn.len() / 2]);
    let (code, v) = verify_json(data.path());
    assert_eq!(
        code, 0,
        "an incomplete tail alone is an append in flight: {v}"
    );
    assert_eq!(v["incomplete_tail_bytes"], torn.len() / 2);

    let rt = runtime();
    let report = rt.block_on(async {
        let (log, report) = AuditLog::open(opts(data.path()), &master()).unwrap();
        log.close().await.unwrap();
        report
    });
    let recovery = report.recovery.expect("a recovery");
    assert_eq!(recovery.offset as usize, end);
    assert_eq!(recovery.bytes as usize, torn.len() / 2);
    assert_eq!(
        std::fs::read(&recovery.quarantine).unwrap(),
        &torn[..torn.len() / 2]
    );
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["incomplete_tail_bytes"], serde_json::Value::Null);
    let acts = actions(&records(data.path()));
    assert!(acts.contains(&EventAction::RecoveryCut), "{acts:?}");
}

#[test]
fn a_garbled_unacknowledged_last_frame_is_cut_too() {
    let data = tempfile::tempdir().unwrap();
    write_log(4, opts(data.path()));
    let all = frames(data.path());
    let mut extra = frame_bytes(&all[1]);
    let n = extra.len();
    extra[n - 40] ^= 0xff;
    let last = all.last().unwrap();
    let end = last.offset + last.len;
    splice(&last.path, end, end, &extra);
    let rt = runtime();
    rt.block_on(async {
        let (log, report) = AuditLog::open(opts(data.path()), &master()).unwrap();
        assert!(report.recovery.is_some());
        log.close().await.unwrap();
    });
    assert_eq!(verify_json(data.path()).0, 0);
}

#[test]
fn damage_below_the_tail_refuses_to_start_naming_the_seq() {
    let data = tempfile::tempdir().unwrap();
    write_log(12, opts(data.path()));
    let all = frames(data.path());
    let f = &all[5];
    flip_bit(&f.path, f.offset + f.ct_offset + 1);
    let err = AuditLog::open(opts(data.path()), &master()).unwrap_err();
    match &err {
        AuditError::Damaged { failure, .. } => {
            assert_eq!(failure.seq, f.seq);
            assert_eq!(failure.reason, Reason::HashMismatch);
        }
        other => panic!("{other}"),
    }
    let text = err.to_string();
    assert!(
        text.contains(&format!("seq {}", f.seq)) && text.contains("accept_damage"),
        "{text}"
    );
}

#[test]
fn cutting_an_acknowledged_checkpointed_frame_is_refused() {
    let data = tempfile::tempdir().unwrap();
    write_log(6, opts(data.path()));
    // The stop record is covered by the final checkpoint: cutting it is not a torn write.
    let all = frames(data.path());
    let last = all.last().unwrap();
    let len = std::fs::metadata(&last.path).unwrap().len() as usize;
    splice(&last.path, last.offset + 10, len, &[]);
    let err = AuditLog::open(opts(data.path()), &master()).unwrap_err();
    assert!(matches!(err, AuditError::Damaged { .. }), "{err}");
}

#[test]
fn accepted_damage_starts_and_is_audited() {
    let data = tempfile::tempdir().unwrap();
    write_log(12, opts(data.path()));
    let all = frames(data.path());
    let f = &all[5];
    flip_bit(&f.path, f.offset + f.ct_offset + 1);
    let mut o = opts(data.path());
    o.accept_damage = true;
    let rt = runtime();
    rt.block_on(async {
        let (log, report) = AuditLog::open(o, &master()).unwrap();
        assert_eq!(report.damage_accepted[0].seq, f.seq);
        log.append(request_record(99, "acme")).await.unwrap();
        log.close().await.unwrap();
    });
    // The damage stays visible to verify; the log continued and recorded its acceptance.
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 1);
    assert_eq!(v["first_failure"]["seq"], f.seq);
    let dir = audit_dir(data.path());
    let mut keys = KeyStore::open(&dir, &master()).unwrap();
    let (log_id, _) = keys.identity().unwrap();
    let mut accepted = false;
    for_each_frame(&dir, |fr| {
        if fr.header.seq.0 > f.seq {
            if let Ok(Opened::Record { record, .. }) = open_frame(
                &mut keys,
                &log_id,
                &fr.header,
                fr.header_bytes,
                fr.ciphertext,
            ) {
                accepted |= record
                    .event
                    .is_some_and(|e| e.action == EventAction::DamageAccepted);
            }
        }
        Ok(true)
    })
    .unwrap();
    assert!(accepted);
}

#[test]
fn reopening_continues_the_chain_and_audits_start_and_stop() {
    let data = tempfile::tempdir().unwrap();
    write_log(3, opts(data.path()));
    write_log(3, opts(data.path()));
    assert_eq!(verify_json(data.path()).0, 0);
    let acts = actions(&records(data.path()));
    assert_eq!(
        acts,
        vec![
            EventAction::Start,
            EventAction::Stop,
            EventAction::Start,
            EventAction::Stop
        ]
    );
}

#[test]
fn a_wrong_master_key_is_refused_with_a_clear_sentence() {
    let data = tempfile::tempdir().unwrap();
    write_log(1, opts(data.path()));
    let wrong = ledgergate::vault::master_key::MasterKey::from_bytes([9; 32]);
    let err = AuditLog::open(opts(data.path()), &wrong).unwrap_err();
    assert!(
        err.to_string().contains("master key does not match"),
        "{err}"
    );
}

#[test]
fn a_torn_last_checkpoint_note_is_cut_and_audited() {
    let data = tempfile::tempdir().unwrap();
    write_log(3, opts(data.path()));
    let path = audit_dir(data.path()).join("checkpoints");
    let text = std::fs::read_to_string(&path).unwrap();
    // A crash in the middle of writing the next note: its first 60 bytes.
    let torn = &text[..60];
    std::fs::write(&path, format!("{text}{torn}")).unwrap();
    let rt = runtime();
    rt.block_on(async {
        let (log, _) = AuditLog::open(opts(data.path()), &master()).unwrap();
        log.close().await.unwrap();
    });
    assert_eq!(verify_json(data.path()).0, 0);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text), "{after}");
    assert!(!after[text.len()..].starts_with(torn), "{after}");
    let cuts = actions(&records(data.path()))
        .into_iter()
        .filter(|a| *a == EventAction::RecoveryCut)
        .count();
    assert_eq!(cuts, 1);
}

#[test]
fn accepted_damage_in_a_seq_field_does_not_derail_the_sequence() {
    let data = tempfile::tempdir().unwrap();
    write_log(12, opts(data.path()));
    let all = frames(data.path());
    let f = &all[5];
    // The most significant byte of the seq field: the header now claims a huge seq.
    flip_bit(&f.path, f.offset + 4 + 1 + 16);
    let mut o = opts(data.path());
    o.accept_damage = true;
    let next = runtime().block_on(async {
        let (log, _) = AuditLog::open(o, &master()).unwrap();
        let seq = log.append(request_record(99, "acme")).await.unwrap();
        log.close().await.unwrap();
        seq.0
    });
    // 12 requests + start + stop = 14 records, then this run's start and damage record.
    assert_eq!(next, 16);
}
