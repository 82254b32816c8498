//! Reading records back: iterating the frames of a log's segment files in order and
//! decrypting one with the data keys. Used by `show`, `tail` and export. Guarantees: a
//! record whose key was erased is reported as erased, never as an error; a frame that
//! fails its commitment or tag is an error naming its seq. Never writes.

use std::path::{Path, PathBuf};

use super::chain::LogId;
use super::crypto::{self, SecretKey};
use super::frame::{parse_frame, FrameHeader, FrameRef, Parsed, SEGMENT_HEADER_LEN};
use super::keys::{KeyError, KeyStore};
use super::record::Record;
use super::segment::{list_segments, SegmentError};

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Segment(#[from] SegmentError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error("record seq {seq} does not decrypt: {source}")]
    Decrypt {
        seq: u64,
        source: crypto::CryptoError,
    },
    #[error("record seq {seq} decrypts to something that is not a record: {source}")]
    Decode { seq: u64, source: serde_json::Error },
}

/// A frame owned outside of its segment buffer.
#[derive(Clone, Debug)]
pub struct OwnedFrame {
    pub header: FrameHeader,
    pub header_bytes: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub raw: Vec<u8>,
}

impl From<&FrameRef<'_>> for OwnedFrame {
    fn from(f: &FrameRef<'_>) -> OwnedFrame {
        OwnedFrame {
            header: f.header.clone(),
            header_bytes: f.header_bytes.to_vec(),
            ciphertext: f.ciphertext.to_vec(),
            raw: f.raw.to_vec(),
        }
    }
}

/// Calls `visit` for each whole frame of each segment, in order, stopping at the first
/// bytes that are not a frame. `visit` returns false to stop early.
pub fn for_each_frame(
    dir: &Path,
    mut visit: impl FnMut(&FrameRef<'_>) -> Result<bool, ReadError>,
) -> Result<(), ReadError> {
    for path in list_segments(dir)? {
        let bytes = std::fs::read(&path).map_err(|source| ReadError::Io {
            path: path.clone(),
            source,
        })?;
        let mut pos = SEGMENT_HEADER_LEN.min(bytes.len());
        while pos < bytes.len() {
            match parse_frame(&bytes[pos..]) {
                Parsed::Frame(f, len) => {
                    if !visit(&f)? {
                        return Ok(());
                    }
                    pos += len;
                }
                _ => break,
            }
        }
    }
    Ok(())
}

/// A decrypted record, or the fact that its key is gone.
pub enum Opened {
    Record {
        record: Box<Record>,
        record_key: SecretKey,
    },
    Erased,
}

/// Decrypts one frame with the data key its header names.
pub fn open_frame(
    keys: &mut KeyStore,
    log_id: &LogId,
    header: &FrameHeader,
    header_bytes: &[u8],
    ciphertext: &[u8],
) -> Result<Opened, ReadError> {
    let Some(data_key) = keys.key(&header.key_id)? else {
        return Ok(Opened::Erased);
    };
    let record_key =
        crypto::record_key(&data_key, log_id, header.seq).map_err(|source| ReadError::Decrypt {
            seq: header.seq.0,
            source,
        })?;
    let record = decrypt_with(&record_key, header, header_bytes, ciphertext)?;
    Ok(Opened::Record {
        record: Box::new(record),
        record_key,
    })
}

/// Decrypts one frame with its record key (as disclosed in an export bundle).
pub fn decrypt_with(
    record_key: &SecretKey,
    header: &FrameHeader,
    header_bytes: &[u8],
    ciphertext: &[u8],
) -> Result<Record, ReadError> {
    let seq = header.seq.0;
    let plain = crypto::open(
        record_key,
        &header.commitment,
        &header.nonce,
        header_bytes,
        ciphertext,
    )
    .map_err(|source| ReadError::Decrypt { seq, source })?;
    serde_json::from_slice(&plain).map_err(|source| ReadError::Decode { seq, source })
}

/// Calls `visit` with the time and record of every frame written in `[from, to)`, in
/// order, decrypted with `keys`. Frames outside the period are skipped by their
/// cleartext header time, without decrypting; erased records are skipped. Returns how
/// many frames of the period could not be decrypted (they are not visited). Shared by
/// `report cost` and the budgets' start-up seeding, so both count the same records.
pub fn for_each_record_between(
    dir: &Path,
    keys: &mut KeyStore,
    log_id: &LogId,
    from: time::OffsetDateTime,
    to: time::OffsetDateTime,
    mut visit: impl FnMut(time::OffsetDateTime, Record),
) -> Result<u64, ReadError> {
    let mut unreadable = 0u64;
    for_each_frame(dir, |f| {
        let Ok(at) = time::OffsetDateTime::parse(
            &f.header.time,
            &time::format_description::well_known::Rfc3339,
        ) else {
            return Ok(true);
        };
        if at < from || at >= to {
            return Ok(true);
        }
        match open_frame(keys, log_id, &f.header, f.header_bytes, f.ciphertext) {
            Ok(Opened::Record { record, .. }) => visit(at, *record),
            Ok(Opened::Erased) => {}
            Err(_) => unreadable += 1,
        }
        Ok(true)
    })?;
    Ok(unreadable)
}
