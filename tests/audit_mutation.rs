//! Property: any single mutation of a closed log's segment or checkpoint files (a
//! flipped bit anywhere, a cut, a deleted range, inserted bytes) is found by verify,
//! and verify never panics on it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use audit_support::*;
use ledgergate::audit::segment::{checkpoints_path, list_segments};
use ledgergate::audit::verify::verify_log;
use proptest::prelude::*;

/// One pristine log, written once and copied for every case.
fn pristine() -> &'static Path {
    static LOG: OnceLock<tempfile::TempDir> = OnceLock::new();
    LOG.get_or_init(|| {
        let data = tempfile::tempdir().unwrap();
        write_log(24, opts(data.path()));
        data
    })
    .path()
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        file: usize,
        at: usize,
        bit: u8,
    },
    Cut {
        file: usize,
        at: usize,
    },
    Delete {
        file: usize,
        at: usize,
        len: usize,
    },
    Insert {
        file: usize,
        at: usize,
        bytes: Vec<u8>,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let file = 0..64usize;
    let at = 0..1_000_000usize;
    prop_oneof![
        4 => (file.clone(), at.clone(), 0..8u8).prop_map(|(file, at, bit)| Mutation::Flip { file, at, bit }),
        1 => (file.clone(), at.clone()).prop_map(|(file, at)| Mutation::Cut { file, at }),
        1 => (file.clone(), at.clone(), 1..200usize).prop_map(|(file, at, len)| Mutation::Delete { file, at, len }),
        1 => (file, at, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(file, at, bytes)| Mutation::Insert { file, at, bytes }),
    ]
}

/// Segment files, then the checkpoints file (which only takes flips: cutting whole notes
/// off the end removes evidence, not records, and is not detectable by design).
fn targets(audit: &Path) -> Vec<PathBuf> {
    let mut files = list_segments(audit).unwrap();
    files.push(checkpoints_path(audit));
    files
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn every_mutation_is_found(m in mutation()) {
        let work = tempfile::tempdir().unwrap();
        copy_dir(pristine(), work.path());
        let audit = audit_dir(work.path());
        let files = targets(&audit);
        let checkpoints = files.len() - 1;
        let pick = |file: usize| file % files.len();
        let mut changed = false;
        match &m {
            Mutation::Flip { file, at, bit } => {
                let path = &files[pick(*file)];
                let mut bytes = std::fs::read(path).unwrap();
                let at = at % bytes.len();
                bytes[at] ^= 1 << bit;
                std::fs::write(path, bytes).unwrap();
                changed = true;
            }
            Mutation::Cut { file, at } if pick(*file) != checkpoints => {
                let path = &files[pick(*file)];
                let mut bytes = std::fs::read(path).unwrap();
                let at = at % bytes.len();
                bytes.truncate(at);
                std::fs::write(path, bytes).unwrap();
                changed = true;
            }
            Mutation::Delete { file, at, len } if pick(*file) != checkpoints => {
                let path = &files[pick(*file)];
                let mut bytes = std::fs::read(path).unwrap();
                let at = at % bytes.len();
                let end = (at + len).min(bytes.len());
                bytes.drain(at..end);
                std::fs::write(path, bytes).unwrap();
                changed = true;
            }
            // Bytes after the very end of the last segment are an append in flight.
            Mutation::Insert { file, at, bytes: extra } if pick(*file) != checkpoints => {
                let path = &files[pick(*file)];
                let mut bytes = std::fs::read(path).unwrap();
                let at = at % bytes.len();
                bytes.splice(at..at, extra.iter().copied());
                std::fs::write(path, bytes).unwrap();
                changed = true;
            }
            _ => {}
        }
        prop_assume!(changed);
        let report = verify_log(&audit, None).unwrap();
        prop_assert!(!report.ok(), "{:?} went unnoticed", m);
    }
}
