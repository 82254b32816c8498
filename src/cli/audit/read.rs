//! `audit show --seq N` and `audit tail [-f] [-n N]`: frames read from the segment
//! files, decrypted through [`Decryptor`] (the server's admin API, or the key store).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use ledgergate::audit::frame::{parse_frame, Parsed, SEGMENT_HEADER_LEN};
use ledgergate::audit::reader::{for_each_frame, for_each_frame_from};
use ledgergate::audit::segment::{list_segments, read_from};

use super::access::{Decryptor, Location};
use crate::cli::fail;

pub(super) fn show(loc: &Location, seq: u64) -> ExitCode {
    let mut reader = match Decryptor::open(loc) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let dir = reader.dir.clone();
    let mut found = None;
    let scan = for_each_frame_from(&dir, seq, |f| {
        if f.header.seq.0 == seq && f.computed_hash() == f.stored_hash {
            found = Some(reader.line(f));
            return Ok(false);
        }
        Ok(true)
    });
    if let Err(e) = scan {
        return fail(e);
    }
    match found {
        Some(Ok(line)) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Some(Err(e)) => fail(e),
        None => fail(format!("no record with seq {seq} in {}", dir.display())),
    }
}

pub(super) fn tail(loc: &Location, follow: bool, lines: u64) -> ExitCode {
    // Without the server or the key store, tail still shows the record headers.
    let mut reader = match Decryptor::open_or_headers(loc) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let dir = reader.dir.clone();
    // Find the last seq, then print from last - lines + 1.
    let mut last = None;
    if let Err(e) = for_each_frame(&dir, |f| {
        last = Some(f.header.seq.0);
        Ok(true)
    }) {
        return fail(e);
    }
    let start = last.map_or(0, |l| (l + 1).saturating_sub(lines));
    // Position: (segment path, offset) to resume from when following.
    let mut cursor: Option<(PathBuf, usize)> = None;
    let mut next_seq = start;
    loop {
        let segments = match list_segments(&dir) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let from_index = cursor
            .as_ref()
            .and_then(|(p, _)| segments.iter().position(|s| s == p))
            .unwrap_or(0);
        let mut stdout = std::io::stdout().lock();
        for path in &segments[from_index..] {
            // Read only what is new since the cursor: a follower must not re-read whole
            // segments on every poll.
            let start = match &cursor {
                Some((p, off)) if p == path => *off,
                _ => SEGMENT_HEADER_LEN,
            };
            let bytes = match read_from(path, start as u64) {
                Ok(b) => b,
                Err(e) => return fail(format!("{}: {e}", path.display())),
            };
            let mut pos = 0;
            while pos < bytes.len() {
                let Parsed::Frame(f, len) = parse_frame(&bytes[pos..]) else {
                    break;
                };
                if f.header.seq.0 >= next_seq {
                    let line = match reader.line(&f) {
                        Ok(line) => line,
                        Err(e) => return fail(e),
                    };
                    if writeln!(stdout, "{line}").is_err() {
                        return ExitCode::SUCCESS;
                    }
                    next_seq = f.header.seq.0 + 1;
                }
                pos += len;
            }
            cursor = Some((path.clone(), start + pos));
        }
        let _ = stdout.flush();
        if !follow {
            return ExitCode::SUCCESS;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}
