//! `audit::verify::Resumable` (the console's chain view): pass after pass over a log that
//! grows, rotates segments and gains checkpoints, it reads only what was appended and
//! reports what a full `verify_log` reports; when a verified segment or the checkpoints
//! file or the public key beside the log changes it starts over, says why, and finds the
//! damage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;
use ledgergate::audit::verify::{verify_log, Pass, Resumable, VerifyReport};
use ledgergate::audit::AuditLog;

/// True for a pass from scratch that was not caused by a diverged log.
fn fresh(pass: &Pass) -> bool {
    matches!(
        pass,
        Pass::Full {
            diverged: false,
            ..
        }
    )
}

/// A pass that starts over because the log diverged (`why` in its reason), and finds
/// the damage; returns its report.
fn starts_over(resumable: &mut Resumable, why: &str) -> VerifyReport {
    let (report, pass) = resumable.verify().unwrap();
    let Pass::Full { reason, diverged } = pass else {
        panic!("a changed log is read again from scratch: {pass:?}");
    };
    assert!(diverged, "{reason}");
    assert!(reason.contains(why), "{reason}");
    assert!(!report.ok());
    report
}

fn assert_same(resumed: &VerifyReport, full: &VerifyReport) {
    assert_eq!(
        resumed.ok(),
        full.ok(),
        "{:?} vs {:?}",
        resumed.failures,
        full.failures
    );
    assert_eq!(resumed.records, full.records);
    assert_eq!(resumed.segments, full.segments);
    assert_eq!(resumed.bytes, full.bytes);
    assert_eq!(resumed.checkpoints, full.checkpoints);
    assert_eq!(resumed.checkpoints_valid, full.checkpoints_valid);
    assert_eq!(resumed.largest_checkpoint, full.largest_checkpoint);
    assert_eq!(resumed.head.next_seq, full.head.next_seq);
    assert_eq!(resumed.head.last_hash, full.head.last_hash);
    assert_eq!(resumed.head.range, full.head.range);
    assert_eq!(resumed.first_uncovered, full.first_uncovered);
}

#[test]
fn resumed_passes_read_only_new_frames_and_agree_with_a_full_verification() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let dir = audit_dir(data);
    let rt = runtime();
    let mut resumable = Resumable::new(&dir);
    rt.block_on(async {
        let (log, _) = AuditLog::open(opts(data), &master()).unwrap();
        let mut verified = 0u64;
        for round in 0..14u64 {
            for i in 0..round * 3 + 1 {
                log.append(request_record(i, "acme")).await.unwrap();
            }
            if round % 4 == 2 {
                // A note signed after the pass before read its records: compared from
                // the kept Merkle levels, not from frames read again.
                log.checkpoint().await.unwrap();
            }
            let (report, pass) = resumable.verify().unwrap();
            let full = verify_log(&dir, None).unwrap();
            assert!(full.ok(), "{:?}", full.failures);
            assert_same(&report, &full);
            if round == 0 {
                assert!(fresh(&pass), "{pass:?}");
            } else {
                assert_eq!(
                    pass,
                    Pass::Incremental {
                        from_seq: verified,
                        records: report.records - verified
                    }
                );
            }
            verified = report.records;
            // A checkpoint of exactly the verified size, read by the next pass.
            if round % 4 == 3 {
                log.checkpoint().await.unwrap();
            }
        }
        log.close().await.unwrap();
    });
    let full = verify_log(&dir, None).unwrap();
    let (report, pass) = resumable.verify().unwrap();
    assert!(matches!(pass, Pass::Incremental { .. }), "{pass:?}");
    assert_same(&report, &full);
    assert!(full.segments > 3, "the log rotated: {}", full.segments);
    assert!(full.checkpoints_valid > 5, "{}", full.checkpoints_valid);
}

#[test]
fn a_changed_segment_or_checkpoints_file_makes_the_next_pass_start_over_and_find_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let dir = audit_dir(data);
    write_log(60, opts(data));
    let mut resumable = Resumable::new(&dir);
    let (report, _) = resumable.verify().unwrap();
    assert!(report.ok(), "{:?}", report.failures);
    let (_, pass) = resumable.verify().unwrap();
    assert_eq!(
        pass,
        Pass::Incremental {
            from_seq: report.records,
            records: 0
        }
    );

    // A bit flipped in a segment that was closed when verified.
    let frames = frames(data);
    let victim = &frames[3];
    assert_ne!(Some(&victim.path), frames.last().map(|f| &f.path));
    flip_bit(&victim.path, victim.offset + victim.ct_offset);
    let report = starts_over(&mut resumable, "changed after it was verified");
    assert_eq!(report.first_failure().unwrap().seq, victim.seq);
    // A damaged log is never resumed from.
    let (_, pass) = resumable.verify().unwrap();
    assert!(fresh(&pass), "{pass:?}");
    flip_bit(&victim.path, victim.offset + victim.ct_offset);
    let (report, _) = resumable.verify().unwrap();
    assert!(report.ok(), "{:?}", report.failures);

    // Another log's public key put beside this log.
    let other = tempfile::tempdir().unwrap();
    write_log(1, opts(other.path()));
    let key = dir.join("audit.pub");
    let ours = std::fs::read(&key).unwrap();
    std::fs::copy(audit_dir(other.path()).join("audit.pub"), &key).unwrap();
    starts_over(&mut resumable, "public key file");
    std::fs::write(&key, ours).unwrap();
    let (report, _) = resumable.verify().unwrap();
    assert!(report.ok(), "{:?}", report.failures);

    // A verified checkpoint note rewritten (its signature no longer checks).
    let cp = dir.join("checkpoints");
    let mut text = std::fs::read_to_string(&cp).unwrap();
    let at = text.find("\n\n— ").unwrap() + 8;
    let flipped = if &text[at..at + 1] == "A" { "B" } else { "A" };
    text.replace_range(at..at + 1, flipped);
    std::fs::write(&cp, text).unwrap();
    starts_over(&mut resumable, "checkpoints file");
}
