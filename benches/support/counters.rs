//! Counting what a running gateway process does over one stretch of a bench run:
//! instructions (the measure that barely moves with the machine's load, where CPU time
//! moves by a third between identical runs on a shared VM), `writev` calls, and the
//! threads' sleeps and wake-ups (context switches, `futex` calls).
//!
//! Two counters, chosen at the gateway's start:
//! - `perf stat -p <pid>` (user and kernel instructions, `syscalls:sys_enter_writev`)
//!   when `perf` is on PATH. A VM without a PMU driver reports instructions as
//!   `<not supported>`: the figure is then absent, with perf's reason.
//! - callgrind, when `LEDGERGATE_BENCH_CALLGRIND=1` runs the gateway under
//!   `valgrind --tool=callgrind`: user-space instructions of every thread, zeroed and
//!   dumped around the stretch with `callgrind_control`. The gateway runs 20 to 50
//!   times slower there, so only the per-request counts of such a run mean anything.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// What was counted over a stretch; each figure absent with the reason it is.
pub struct Counts {
    pub instructions: Result<u64, String>,
    pub writev: Result<u64, String>,
    pub context_switches: Result<u64, String>,
    pub futex: Result<u64, String>,
}

/// A count in progress, started by [`start`].
pub struct Counting {
    perf: Result<(Child, PathBuf, tempfile::TempDir), String>,
    /// The process and its dump path, once its counters were zeroed.
    callgrind: Option<Result<(u32, PathBuf), String>>,
}

/// The instruction counter a gateway run under callgrind writes its dumps to: the
/// wrapper command and the dump file's base path. The dumps go to `dir`, which the run
/// removes, unless `LEDGERGATE_BENCH_CALLGRIND_KEEP` names a folder to keep them in
/// (`callgrind.<unix ms>.out.<n>`, for `callgrind_annotate`).
pub fn callgrind_wrapper(dir: &Path) -> Option<(Command, PathBuf)> {
    std::env::var_os("LEDGERGATE_BENCH_CALLGRIND")?;
    let out = match std::env::var_os("LEDGERGATE_BENCH_CALLGRIND_KEEP") {
        Some(keep) => {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            PathBuf::from(keep).join(format!("callgrind.{ms}.out"))
        }
        None => dir.join("callgrind.out"),
    };
    let mut valgrind = Command::new("valgrind");
    valgrind
        .arg("-q")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()));
    Some((valgrind, out))
}

/// Starts counting process `pid` (its dumps at `callgrind` when it runs under it).
pub fn start(pid: u32, callgrind: Option<&Path>) -> Counting {
    Counting {
        callgrind: callgrind
            .map(|out| callgrind_control("-z", pid).map(|()| (pid, out.to_owned()))),
        perf: start_perf(pid),
    }
}

fn start_perf(pid: u32) -> Result<(Child, PathBuf, tempfile::TempDir), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let out = dir.path().join("perf-stat.csv");
    let child = Command::new("perf")
        .args([
            "stat",
            "-x",
            ",",
            "-e",
            "instructions,syscalls:sys_enter_writev,context-switches,syscalls:sys_enter_futex",
        ])
        .arg("-o")
        .arg(&out)
        .arg("-p")
        .arg(pid.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("perf could not be run ({e})"))?;
    // perf attaches within milliseconds; the load starts after this.
    std::thread::sleep(Duration::from_millis(200));
    Ok((child, out, dir))
}

impl Counting {
    /// Stops counting and reads the figures.
    pub fn stop(self) -> Counts {
        let perf = self.perf.and_then(|(child, out, _dir)| {
            // perf stat prints its counts when interrupted.
            Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .map_err(|e| e.to_string())?;
            child.wait_with_output().map_err(|e| e.to_string())?;
            std::fs::read_to_string(&out).map_err(|e| format!("perf wrote no counts ({e})"))
        });
        let from_perf = |event: &str| -> Result<u64, String> {
            perf_count(perf.as_deref().map_err(Clone::clone)?, event)
        };
        let instructions = match self.callgrind {
            Some(zeroed) => zeroed.and_then(|(pid, out)| {
                callgrind_control("-d", pid)?;
                callgrind_total(&out)
            }),
            None => from_perf("instructions"),
        };
        Counts {
            instructions,
            writev: from_perf("syscalls:sys_enter_writev"),
            context_switches: from_perf("context-switches"),
            futex: from_perf("syscalls:sys_enter_futex"),
        }
    }
}

/// The count of `event` in `perf stat -x ,` output (`value,unit,event,...`), or perf's
/// reason for not having one (`<not supported>`, `<not counted>`).
fn perf_count(csv: &str, event: &str) -> Result<u64, String> {
    let line = csv
        .lines()
        .find(|l| l.split(',').nth(2) == Some(event))
        .ok_or_else(|| format!("perf printed no {event} count"))?;
    let value = line.split(',').next().unwrap_or_default();
    value
        .parse()
        .map_err(|_| format!("perf: {event} {value} on this machine"))
}

fn callgrind_control(command: &str, pid: u32) -> Result<(), String> {
    let out = Command::new("callgrind_control")
        .arg(command)
        .arg(pid.to_string())
        .output()
        .map_err(|e| format!("callgrind_control could not be run ({e})"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "callgrind_control {command} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// The instructions in the newest of callgrind's dumps (`<out>.1`, `<out>.2`, ...): its
/// `totals:` line (`summary:` in older versions).
fn callgrind_total(out: &Path) -> Result<u64, String> {
    let base = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("callgrind's dump path has no name")?;
    let dir = out.parent().ok_or("callgrind's dump path has no folder")?;
    let newest = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let n: u64 = name.strip_prefix(base)?.strip_prefix('.')?.parse().ok()?;
            Some((n, entry.path()))
        })
        .max()
        .ok_or("callgrind wrote no dump")?;
    let text = std::fs::read_to_string(&newest.1).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no totals in {}", newest.1.display()))
}
