//! Segment files of the audit log: where they live, how they are created, appended,
//! synced and cut. Layout under the audit dir: `segments/<first seq, 20 digits>.seg`,
//! `checkpoints`, `audit.pub`, `keys/` (sled) and `quarantine/`. Guarantees: a segment
//! and its directory entry are durable before any frame in it is acknowledged; a cut
//! keeps the removed bytes in a quarantine file first. Never decides what to cut.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::frame::SegmentHeader;

#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SegmentError + '_ {
    move |source| SegmentError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub fn segments_dir(dir: &Path) -> PathBuf {
    dir.join("segments")
}
pub fn checkpoints_path(dir: &Path) -> PathBuf {
    dir.join("checkpoints")
}
pub fn public_key_path(dir: &Path) -> PathBuf {
    dir.join("audit.pub")
}
pub fn quarantine_dir(dir: &Path) -> PathBuf {
    dir.join("quarantine")
}
pub fn segment_path(dir: &Path, first_seq: u64) -> PathBuf {
    segments_dir(dir).join(format!("{first_seq:020}.seg"))
}

/// The segment files in sequence order (by the first sequence number in their name).
pub fn list_segments(dir: &Path) -> Result<Vec<PathBuf>, SegmentError> {
    let seg_dir = segments_dir(dir);
    let entries = match std::fs::read_dir(&seg_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&seg_dir)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(io(&seg_dir))?.path();
        if let Some(seq) = first_seq_of(&path) {
            found.push((seq, path));
        }
    }
    found.sort();
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// The bytes of `path` from `offset` to its end (empty when the file is shorter): what
/// was appended since a reader last looked.
pub fn read_from(path: &Path, offset: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len <= offset {
        return Ok(Vec::new());
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut out = Vec::with_capacity(usize::try_from(len - offset).unwrap_or(0));
    file.read_to_end(&mut out)?;
    Ok(out)
}

/// The first sequence number of a segment, from its file name (`<seq>.seg`).
pub fn first_seq_of(path: &Path) -> Option<u64> {
    path.file_name()
        .and_then(|n| n.to_str())?
        .strip_suffix(".seg")?
        .parse()
        .ok()
}

/// Makes a directory entry (a new or removed file) durable.
pub fn sync_dir(dir: &Path) -> Result<(), SegmentError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io(dir))
}

/// The segment currently appended to.
pub struct SegmentFile {
    file: File,
    path: PathBuf,
    len: u64,
    /// Test-only: writes and syncs that fail on demand.
    #[cfg(test)]
    pub(crate) faults: Option<std::sync::Arc<Faults>>,
}

/// Fault injection for the writer's tests: a segment whose next write or sync fails on
/// demand. A sync fails once and then succeeds, as Linux does once the error has been
/// reported, so a writer that retried an fsync would be caught acknowledging.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Faults {
    pub fail_write: std::sync::atomic::AtomicBool,
    pub fail_sync: std::sync::atomic::AtomicBool,
    /// Syncs attempted after one has failed (must stay 0).
    pub syncs_after_failure: std::sync::atomic::AtomicU64,
    failed: std::sync::atomic::AtomicBool,
}

impl SegmentFile {
    /// Creates a new segment with its header, durable with its directory entry.
    pub fn create(dir: &Path, header: &SegmentHeader) -> Result<SegmentFile, SegmentError> {
        let seg_dir = segments_dir(dir);
        std::fs::create_dir_all(&seg_dir).map_err(io(&seg_dir))?;
        let path = segment_path(dir, header.first_seq.0);
        let mut file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
            .map_err(io(&path))?;
        let bytes = header.encode();
        file.write_all(&bytes).map_err(io(&path))?;
        file.sync_all().map_err(io(&path))?;
        sync_dir(&seg_dir)?;
        Ok(SegmentFile {
            file,
            path,
            len: bytes.len() as u64,
            #[cfg(test)]
            faults: None,
        })
    }

    /// Opens an existing segment for appending at its end (already cut to `len`).
    pub fn open_append(path: &Path) -> Result<SegmentFile, SegmentError> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(io(path))?;
        let len = file.metadata().map_err(io(path))?.len();
        Ok(SegmentFile {
            file,
            path: path.to_path_buf(),
            len,
            #[cfg(test)]
            faults: None,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        #[cfg(test)]
        if let Some(f) = &self.faults {
            if f.fail_write
                .swap(false, std::sync::atomic::Ordering::SeqCst)
            {
                f.failed.store(true, std::sync::atomic::Ordering::SeqCst);
                return Err(std::io::Error::other("injected write failure"));
            }
        }
        self.file.write_all(bytes)?;
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// fdatasync. The caller must never retry after an error: the kernel may have
    /// dropped the dirty pages and a second fsync would falsely report success.
    pub fn sync(&mut self) -> std::io::Result<()> {
        #[cfg(test)]
        if let Some(f) = &self.faults {
            use std::sync::atomic::Ordering;
            if f.failed.load(Ordering::SeqCst) {
                f.syncs_after_failure.fetch_add(1, Ordering::SeqCst);
            }
            if f.fail_sync.swap(false, Ordering::SeqCst) {
                f.failed.store(true, Ordering::SeqCst);
                return Err(std::io::Error::other("injected fdatasync failure"));
            }
        }
        self.file.sync_data()
    }
}

/// Moves the bytes of `path` from `offset` to its end into a quarantine file (made
/// durable first), then truncates `path` to `offset` (or removes it when `offset` is 0).
/// Returns the quarantine file's path.
pub fn cut_tail(dir: &Path, path: &Path, offset: u64) -> Result<PathBuf, SegmentError> {
    let bytes = std::fs::read(path).map_err(io(path))?;
    let start = (offset as usize).min(bytes.len());
    let qdir = quarantine_dir(dir);
    std::fs::create_dir_all(&qdir).map_err(io(&qdir))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("segment");
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    let qpath = qdir.join(format!("{name}.{offset}.{stamp}.cut"));
    let mut q = OpenOptions::new()
        .create_new(true)
        .write(true)
        .open(&qpath)
        .map_err(io(&qpath))?;
    q.write_all(&bytes[start..]).map_err(io(&qpath))?;
    q.sync_all().map_err(io(&qpath))?;
    sync_dir(&qdir)?;
    if offset == 0 {
        std::fs::remove_file(path).map_err(io(path))?;
    } else {
        let f = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(io(path))?;
        f.set_len(offset).map_err(io(path))?;
        f.sync_all().map_err(io(path))?;
    }
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(qpath)
}

/// Appends bytes to a small file and syncs it (the checkpoints file); a file created
/// here has its directory entry synced too.
pub fn append_synced(path: &Path, bytes: &[u8]) -> Result<(), SegmentError> {
    let existed = path.exists();
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_data().map_err(io(path))?;
    if !existed {
        if let Some(parent) = path.parent() {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Creates a small file whole and durable (the public key file).
pub fn create_synced(path: &Path, bytes: &[u8]) -> Result<(), SegmentError> {
    let mut f = OpenOptions::new()
        .create_new(true)
        .write(true)
        .open(path)
        .map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))?;
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}
