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
use super::segment::{first_seq_of, list_segments, SegmentError};

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
    visit: impl FnMut(&FrameRef<'_>) -> Result<bool, ReadError>,
) -> Result<(), ReadError> {
    for_each_frame_from(dir, 0, visit)
}

/// As [`for_each_frame`], but skips the segments that end before `from` (their file
/// names give their first sequence numbers). Frames before `from` in the segment that
/// holds it are still visited: the caller filters by seq.
pub fn for_each_frame_from(
    dir: &Path,
    from: u64,
    mut visit: impl FnMut(&FrameRef<'_>) -> Result<bool, ReadError>,
) -> Result<(), ReadError> {
    for_each_frame_at(dir, from, None, |frame, _| visit(frame))
}

/// A frame boundary in the log: a segment file and a byte offset in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub segment: PathBuf,
    pub offset: u64,
}

/// As [`for_each_frame_from`], but starts reading at `at` when given (a position a
/// previous read returned, so paging through a segment does not re-read it from its
/// start), and hands `visit` the position just after each frame.
pub fn for_each_frame_at(
    dir: &Path,
    from: u64,
    at: Option<&Position>,
    mut visit: impl FnMut(&FrameRef<'_>, Position) -> Result<bool, ReadError>,
) -> Result<(), ReadError> {
    let segments = list_segments(dir)?;
    let (first, mut offset) = match at.and_then(|at| {
        let i = segments.iter().position(|p| *p == at.segment)?;
        Some((i, at.offset))
    }) {
        Some(start) => start,
        None => {
            let i = segments
                .iter()
                .rposition(|p| first_seq_of(p).is_some_and(|s| s <= from))
                .unwrap_or(0);
            (i, SEGMENT_HEADER_LEN as u64)
        }
    };
    for path in segments.into_iter().skip(first) {
        let bytes = super::segment::read_from(&path, offset).map_err(|source| ReadError::Io {
            path: path.clone(),
            source,
        })?;
        let mut pos = 0;
        while pos < bytes.len() {
            match parse_frame(&bytes[pos..]) {
                Parsed::Frame(f, len) => {
                    pos += len;
                    let after = Position {
                        segment: path.clone(),
                        offset: offset + pos as u64,
                    };
                    if !visit(&f, after)? {
                        return Ok(());
                    }
                }
                _ => break,
            }
        }
        offset = SEGMENT_HEADER_LEN as u64;
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
/// many frames of the period could not be decrypted (they are not visited). Used by the
/// server to seed budgets at start-up with this month's spend.
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

/// One frame as `audit show` and `audit tail` print it: `seq`, `time`, `key_id`, and
/// then `record` (decrypted), `erased: true` (its key was destroyed), `error` (it does
/// not decrypt; with `bad_tag: true` when its tag or key commitment fails) or, without
/// keys, `encrypted: true`.
pub fn frame_line(
    keys: Option<&mut KeyStore>,
    log_id: &LogId,
    frame: &FrameRef<'_>,
) -> serde_json::Value {
    let mut line = serde_json::Map::new();
    line.insert("seq".into(), frame.header.seq.0.into());
    line.insert("time".into(), frame.header.time.clone().into());
    line.insert("key_id".into(), frame.header.key_id.to_string().into());
    let Some(keys) = keys else {
        line.insert("encrypted".into(), true.into());
        return line.into();
    };
    match open_frame(
        keys,
        log_id,
        &frame.header,
        frame.header_bytes,
        frame.ciphertext,
    ) {
        Ok(Opened::Record { record, .. }) => {
            let value = serde_json::to_value(&*record).unwrap_or(serde_json::Value::Null);
            line.insert("record".into(), value);
        }
        Ok(Opened::Erased) => {
            line.insert("erased".into(), true.into());
        }
        Err(e) => {
            // A failing tag or key commitment, as opposed to a key store that could
            // not be read: `audit verify --decrypt` reports only the former as tampering.
            if matches!(e, ReadError::Decrypt { .. }) {
                line.insert("bad_tag".into(), true.into());
            }
            line.insert("error".into(), e.to_string().into());
        }
    }
    line.into()
}
