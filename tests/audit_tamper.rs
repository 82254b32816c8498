//! The tamper suite: a log written by the library, altered on disk one way at a time;
//! `ledgergate audit verify` must exit 1 and name the first bad seq and the reason.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;

fn fresh(n: u64) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    write_log(n, opts(data.path()));
    data
}

fn assert_detected(data: &std::path::Path, seq: u64, reason: &str) {
    let (code, v) = verify_json(data);
    assert_eq!(code, 1, "verify must fail: {v}");
    assert_eq!(v["ok"], false);
    let f = &v["first_failure"];
    assert_eq!(f["reason"], reason, "{v}");
    assert_eq!(f["seq"], seq, "{v}");
}

/// A frame in the middle of a segment that is not the last.
fn middle_frame(data: &std::path::Path) -> (Vec<FrameAt>, usize) {
    let all = frames(data);
    let last_path = all.last().unwrap().path.clone();
    // A frame followed by another in the same segment, in a segment that is not the last.
    let i = (0..all.len() - 1)
        .find(|&i| all[i].seq >= 5 && all[i].path != last_path && all[i + 1].path == all[i].path)
        .unwrap();
    (all, i)
}

#[test]
fn an_untouched_log_verifies_with_every_checkpoint() {
    let data = fresh(30);
    let (code, v) = verify_json(data.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["records"], 32, "30 requests + start + stop");
    assert!(v["segments"].as_u64().unwrap() >= 3, "{v}");
    assert!(v["checkpoints"].as_u64().unwrap() >= 4, "{v}");
    assert_eq!(v["checkpoints"], v["checkpoints_valid"]);
    let text = cli_no_key(&[
        "audit",
        "verify",
        "--data-dir",
        data.path().to_str().unwrap(),
    ]);
    assert!(stdout(&text).contains("32 records"), "{}", stdout(&text));
    assert!(stdout(&text).contains("OK"));
}

#[test]
fn a_flipped_bit_in_a_header_is_a_hash_mismatch_at_that_seq() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    // Byte 4 + 1 + 16 + 3 is inside the seq field of the header.
    flip_bit(&f.path, f.offset + 4 + 1 + 16 + 3);
    assert_detected(data.path(), f.seq, "hash_mismatch");
}

#[test]
fn a_flipped_bit_in_the_ciphertext_is_a_hash_mismatch_at_that_seq() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    flip_bit(&f.path, f.offset + f.ct_offset + 3);
    assert_detected(data.path(), f.seq, "hash_mismatch");
}

#[test]
fn a_flipped_bit_in_the_tag_is_a_hash_mismatch_at_that_seq() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    flip_bit(&f.path, f.offset + f.ct_offset + f.ct_len - 5);
    assert_detected(data.path(), f.seq, "hash_mismatch");
}

#[test]
fn a_deleted_frame_is_a_gap() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    splice(&f.path, f.offset, f.offset + f.len, &[]);
    assert_detected(data.path(), f.seq, "gap");
}

#[test]
fn two_swapped_frames_are_a_reorder() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let (a, b) = (&all[i], &all[i + 1]);
    let mut swapped = frame_bytes(b);
    swapped.extend(frame_bytes(a));
    splice(&a.path, a.offset, b.offset + b.len, &swapped);
    assert_detected(data.path(), a.seq, "reorder");
}

#[test]
fn a_duplicated_frame_is_a_duplicate() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    let copy = frame_bytes(f);
    splice(&f.path, f.offset + f.len, f.offset + f.len, &copy);
    assert_detected(data.path(), f.seq + 1, "duplicate");
}

#[test]
fn an_old_frame_replayed_at_the_end_is_a_replay() {
    let data = fresh(30);
    let all = frames(data.path());
    let old = frame_bytes(&all[3]);
    let last = all.last().unwrap();
    let end = last.offset + last.len;
    splice(&last.path, end, end, &old);
    assert_detected(data.path(), last.seq + 1, "replay");
}

#[test]
fn a_segment_cut_inside_a_frame_is_a_truncated_segment() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    let len = std::fs::metadata(&f.path).unwrap().len() as usize;
    splice(&f.path, f.offset + f.len / 2, len, &[]);
    assert_detected(data.path(), f.seq, "truncated");
}

#[test]
fn a_log_cut_at_a_frame_boundary_is_truncation_below_a_signed_checkpoint() {
    let data = fresh(30);
    let all = frames(data.path());
    let cut = &all[all.len() - 3];
    let len = std::fs::metadata(&cut.path).unwrap().len() as usize;
    splice(&cut.path, cut.offset, len, &[]);
    for later in all.iter().filter(|f| f.path > cut.path) {
        let _ = std::fs::remove_file(&later.path);
    }
    assert_detected(data.path(), cut.seq, "truncated_below_checkpoint");
}

#[test]
fn a_segment_from_another_log_is_a_foreign_segment() {
    let data = fresh(30);
    let other = fresh(30);
    let ours = ledgergate::audit::segment::list_segments(&audit_dir(data.path())).unwrap();
    let theirs = ledgergate::audit::segment::list_segments(&audit_dir(other.path())).unwrap();
    std::fs::copy(&theirs[1], &ours[1]).unwrap();
    let first_seq = frames(data.path())
        .iter()
        .filter(|f| f.path == ours[0])
        .count() as u64;
    assert_detected(data.path(), first_seq, "foreign_segment");
}

#[test]
fn a_checkpoint_re_signed_with_another_key_is_a_bad_signature() {
    use ledgergate::audit::checkpoint::parse_notes;
    use ledgergate::audit::keys::SigningKey;
    let data = fresh(30);
    let path = audit_dir(data.path()).join("checkpoints");
    let text = std::fs::read_to_string(&path).unwrap();
    let notes = parse_notes(text.as_bytes()).notes;
    let victim = &notes[1];
    let (forger, _) = SigningKey::generate().unwrap();
    let forged = victim.checkpoint.sign(&forger);
    std::fs::write(&path, text.replace(&victim.text, &forged)).unwrap();
    assert_detected(data.path(), victim.checkpoint.size - 1, "bad_signature");
}

#[test]
fn a_replaced_public_key_breaks_the_genesis_and_a_pinned_key_still_catches_it() {
    use ledgergate::audit::checkpoint::{origin, Verifier};
    use ledgergate::audit::keys::SigningKey;
    let data = fresh(10);
    let dir = audit_dir(data.path());
    let pinned_path = data.path().join("pinned.pub");
    std::fs::copy(dir.join("audit.pub"), &pinned_path).unwrap();
    let real =
        Verifier::from_vkey(&std::fs::read_to_string(dir.join("audit.pub")).unwrap()).unwrap();
    let (forger, _) = SigningKey::generate().unwrap();
    let fake = Verifier::new(origin(&real.log_id().unwrap()), forger.public_key());
    std::fs::write(dir.join("audit.pub"), fake.to_vkey()).unwrap();
    // The swapped key neither signs the checkpoints nor yields the genesis of seq 0.
    assert_detected(data.path(), 0, "bad_signature");
    let o = cli_no_key(&[
        "audit",
        "verify",
        "--data-dir",
        data.path().to_str().unwrap(),
        "--public-key",
        pinned_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn verify_without_a_log_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let o = cli_no_key(&[
        "audit",
        "verify",
        "--data-dir",
        data.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no audit log"), "{}", stderr(&o));
}

#[test]
fn a_rewritten_ciphertext_with_a_fixed_up_hash_is_a_bad_tag_under_decrypt() {
    let data = fresh(30);
    let (all, i) = middle_frame(data.path());
    let f = &all[i];
    let mut bytes = std::fs::read(&f.path).unwrap();
    let frame = &mut bytes[f.offset..f.offset + f.len];
    frame[f.ct_offset + 2] ^= 0x40;
    // Recompute the frame's own hash, as a forger without the keys could.
    let header_len = f.ct_offset - 8;
    let header = frame[4..4 + header_len].to_vec();
    let ct = frame[f.ct_offset..f.ct_offset + f.ct_len].to_vec();
    let hash = ledgergate::audit::chain::record_hash(&header, &ct);
    let n = frame.len();
    frame[n - 32..].copy_from_slice(&hash);
    std::fs::write(&f.path, bytes).unwrap();

    // Without keys the forgery shows where the chain no longer links.
    assert_detected(data.path(), f.seq + 1, "chain_broken");
    // With keys, the tag names the forged record itself.
    let o = cli(&[
        "audit",
        "verify",
        "--data-dir",
        data.path().to_str().unwrap(),
        "--decrypt",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["first_failure"]["reason"], "bad_tag", "{v}");
    assert_eq!(v["first_failure"]["seq"], f.seq);
}
