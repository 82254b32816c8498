//! The binary as tests run it: in a scratch directory of this test process, never in the
//! checkout, so a `./ledgergate-data` a demo left there cannot change any result; and
//! copying a data directory as a snapshot of the host would.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// An empty directory for this test process, under cargo's scratch space for tests.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("cwd-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a scratch directory for the binary")
    })
    .path()
}

/// `ledgergate` as a command whose working directory is [`scratch_dir`].
pub fn ledgergate_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ledgergate"));
    command.current_dir(scratch_dir());
    command
}

/// Copies a directory tree (a data directory, as a disk snapshot would keep it).
#[allow(dead_code)] // not every test binary that includes this file copies a tree
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}
