//! The byte layout of one frame and of a segment header (documented in
//! `audit-schema/README.md`). Owns encoding and bounds-checked decoding; never
//! decrypts, never touches files. Every integer is big-endian.
//!
//! ```text
//! frame   = body_len:u32 body
//! body    = header ct_len:u32 ciphertext tag[16] record_hash[32]
//! header  = version:u8 log_id[16] seq:u64 time_len:u8 time(RFC 3339 UTC)
//!           key_id[16] commitment[32] nonce[12] prev_hash[32]
//! ```

use super::chain::{record_hash, segment_header_hash, Hash, LogId};
use super::record::Seq;

pub const FRAME_VERSION: u8 = 1;
pub const TAG_LEN: usize = 16;
/// Frames larger than this are refused when written and treated as damage when read.
pub const MAX_FRAME_LEN: usize = 16 * 1024 * 1024;
pub const SEGMENT_MAGIC: &[u8; 8] = b"LGAUDIT\0";
pub const SEGMENT_VERSION: u16 = 1;
/// magic + version + log id + first seq + prev hash + self hash.
pub const SEGMENT_HEADER_LEN: usize = 8 + 2 + 16 + 8 + 32 + 32;

/// A random 16-byte data key id; names a key without naming its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 16]);

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FrameError {
    #[error("frame length {0} is outside 1..={MAX_FRAME_LEN}")]
    BadLength(usize),
    #[error("frame format version {0} is not supported")]
    BadVersion(u8),
    #[error("frame fields do not add up to its length")]
    Inconsistent,
    #[error("frame time is not RFC 3339 text")]
    BadTime,
    #[error("segment header does not start with the ledgergate audit magic")]
    BadMagic,
    #[error("segment header version {0} is not supported")]
    BadSegmentVersion(u16),
    #[error("segment header self-hash does not match its content")]
    BadSegmentHash,
}

/// The cleartext header of a record; bound to the ciphertext as associated data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameHeader {
    pub log_id: LogId,
    pub seq: Seq,
    /// RFC 3339 UTC.
    pub time: String,
    pub key_id: KeyId,
    pub commitment: Hash,
    pub nonce: [u8; 12],
    pub prev_hash: Hash,
}

impl FrameHeader {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into(&mut out);
        out
    }

    /// The length of [`FrameHeader::encode`]'s output.
    pub fn encoded_len(&self) -> usize {
        1 + 16 + 8 + 1 + self.time.len().min(255) + 16 + 32 + 12 + 32
    }

    /// Appends the encoded header to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let time = self.time.as_bytes();
        out.push(FRAME_VERSION);
        out.extend_from_slice(&self.log_id.0);
        out.extend_from_slice(&self.seq.0.to_be_bytes());
        out.push(time.len().min(255) as u8);
        out.extend_from_slice(&time[..time.len().min(255)]);
        out.extend_from_slice(&self.key_id.0);
        out.extend_from_slice(&self.commitment);
        out.extend_from_slice(&self.nonce);
        out.extend_from_slice(&self.prev_hash);
    }

    fn decode(bytes: &[u8]) -> Result<(FrameHeader, usize), FrameError> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.u8()?;
        if version != FRAME_VERSION {
            return Err(FrameError::BadVersion(version));
        }
        let log_id = LogId(r.array()?);
        let seq = Seq(u64::from_be_bytes(r.array()?));
        let time_len = r.u8()? as usize;
        let time = std::str::from_utf8(r.take(time_len)?)
            .map_err(|_| FrameError::BadTime)?
            .to_string();
        let key_id = KeyId(r.array()?);
        let commitment = r.array()?;
        let nonce = r.array()?;
        let prev_hash = r.array()?;
        Ok((
            FrameHeader {
                log_id,
                seq,
                time,
                key_id,
                commitment,
                nonce,
                prev_hash,
            },
            r.pos,
        ))
    }
}

/// Appends one whole frame to `out` and returns its record hash. The frame is built in
/// place with one copy of the record: `plaintext` is copied to where its ciphertext
/// goes and `seal` encrypts it there, given the encoded header as associated data, and
/// returns the tag. On an error `out` is left as it was.
pub fn encode_frame<E>(
    header: &FrameHeader,
    plaintext: &[u8],
    out: &mut Vec<u8>,
    seal: impl FnOnce(&[u8], &mut [u8]) -> Result<[u8; TAG_LEN], E>,
) -> Result<Hash, E> {
    let start = out.len();
    let header_len = header.encoded_len();
    let ct_len = plaintext.len() + TAG_LEN;
    let body_len = header_len + 4 + ct_len + 32;
    out.reserve(4 + body_len);
    out.extend_from_slice(&(body_len as u32).to_be_bytes());
    header.encode_into(out);
    out.extend_from_slice(&(ct_len as u32).to_be_bytes());
    let ct_start = out.len();
    out.extend_from_slice(plaintext);
    let (head, ct) = out.split_at_mut(ct_start);
    let header_bytes = &head[start + 4..start + 4 + header_len];
    let tag = match seal(header_bytes, ct) {
        Ok(tag) => tag,
        Err(e) => {
            out.truncate(start);
            return Err(e);
        }
    };
    out.extend_from_slice(&tag);
    let hash = record_hash(
        &out[start + 4..start + 4 + header_len],
        &out[ct_start..ct_start + ct_len],
    );
    out.extend_from_slice(&hash);
    Ok(hash)
}

/// A decoded frame borrowing from the buffer it was read from.
#[derive(Clone, Debug)]
pub struct FrameRef<'a> {
    pub header: FrameHeader,
    pub header_bytes: &'a [u8],
    /// Ciphertext followed by the 16-byte GCM tag.
    pub ciphertext: &'a [u8],
    pub stored_hash: Hash,
    /// The whole frame including its length prefix.
    pub raw: &'a [u8],
}

impl FrameRef<'_> {
    /// Recomputes the record hash from the header and ciphertext.
    pub fn computed_hash(&self) -> Hash {
        record_hash(self.header_bytes, self.ciphertext)
    }
}

/// What lies at the front of a buffer.
// Returned once per frame on verify's hot path: boxing the large variant would
// allocate per frame for no gain, as values never outlive the loop iteration.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Parsed<'a> {
    /// A structurally whole frame of `len` bytes (hashes not yet checked).
    Frame(FrameRef<'a>, usize),
    /// The buffer ends before the frame does: a torn write or a truncation.
    Incomplete,
    /// The bytes cannot be a frame.
    Malformed(FrameError),
}

/// Decodes the frame at the front of `buf`.
pub fn parse_frame(buf: &[u8]) -> Parsed<'_> {
    if buf.len() < 4 {
        return Parsed::Incomplete;
    }
    let body_len = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
    if body_len == 0 || body_len > MAX_FRAME_LEN {
        return Parsed::Malformed(FrameError::BadLength(body_len));
    }
    if buf.len() < 4 + body_len {
        return Parsed::Incomplete;
    }
    let body = &buf[4..4 + body_len];
    let (header, header_len) = match FrameHeader::decode(body) {
        Ok(h) => h,
        Err(e) => return Parsed::Malformed(e),
    };
    let rest = &body[header_len..];
    if rest.len() < 4 + TAG_LEN + 32 {
        return Parsed::Malformed(FrameError::Inconsistent);
    }
    let ct_len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    if ct_len < TAG_LEN || rest.len() != 4 + ct_len + 32 {
        return Parsed::Malformed(FrameError::Inconsistent);
    }
    let ciphertext = &rest[4..4 + ct_len];
    let mut stored_hash = [0u8; 32];
    stored_hash.copy_from_slice(&rest[4 + ct_len..]);
    Parsed::Frame(
        FrameRef {
            header,
            header_bytes: &body[..header_len],
            ciphertext,
            stored_hash,
            raw: &buf[..4 + body_len],
        },
        4 + body_len,
    )
}

/// The header at the start of every segment file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentHeader {
    pub log_id: LogId,
    pub first_seq: Seq,
    /// The hash of the last record of the segment before (the genesis value for the first).
    pub prev_hash: Hash,
}

impl SegmentHeader {
    pub fn encode(&self) -> [u8; SEGMENT_HEADER_LEN] {
        let mut out = [0u8; SEGMENT_HEADER_LEN];
        out[..8].copy_from_slice(SEGMENT_MAGIC);
        out[8..10].copy_from_slice(&SEGMENT_VERSION.to_be_bytes());
        out[10..26].copy_from_slice(&self.log_id.0);
        out[26..34].copy_from_slice(&self.first_seq.0.to_be_bytes());
        out[34..66].copy_from_slice(&self.prev_hash);
        let check = segment_header_hash(&out[..66]);
        out[66..].copy_from_slice(&check);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<SegmentHeader, FrameError> {
        if bytes.len() < SEGMENT_HEADER_LEN || &bytes[..8] != SEGMENT_MAGIC {
            return Err(FrameError::BadMagic);
        }
        let version = u16::from_be_bytes([bytes[8], bytes[9]]);
        if version != SEGMENT_VERSION {
            return Err(FrameError::BadSegmentVersion(version));
        }
        if segment_header_hash(&bytes[..66])[..] != bytes[66..SEGMENT_HEADER_LEN] {
            return Err(FrameError::BadSegmentHash);
        }
        let mut r = Reader {
            bytes: &bytes[10..66],
            pos: 0,
        };
        Ok(SegmentHeader {
            log_id: LogId(r.array()?),
            first_seq: Seq(u64::from_be_bytes(r.array()?)),
            prev_hash: r.array()?,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FrameError> {
        let end = self.pos.checked_add(n).ok_or(FrameError::Inconsistent)?;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or(FrameError::Inconsistent)?;
        self.pos = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, FrameError> {
        Ok(self.take(1)?[0])
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], FrameError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> FrameHeader {
        FrameHeader {
            log_id: LogId([7; 16]),
            seq: Seq(42),
            time: "2026-01-02T03:04:05.123Z".into(),
            key_id: KeyId([9; 16]),
            commitment: [1; 32],
            nonce: [2; 12],
            prev_hash: [3; 32],
        }
    }

    #[test]
    fn frame_round_trips_and_detects_every_truncation() {
        let mut buf = vec![0xAA; 3];
        // A "seal" that flips every byte and tags with 16 sevens.
        let hash = encode_frame(&header(), &[5u8; 24], &mut buf, |aad, ct| {
            assert_eq!(aad, header().encode());
            ct.iter_mut().for_each(|b| *b = !*b);
            Ok::<_, ()>([7; TAG_LEN])
        })
        .unwrap();
        assert_eq!(
            encode_frame(&header(), b"x", &mut buf, |_, _| Err("refused")),
            Err("refused")
        );
        assert_eq!(&buf[..3], &[0xAA; 3], "what was in the buffer stays");
        let buf = buf.split_off(3);
        match parse_frame(&buf) {
            Parsed::Frame(f, len) => {
                assert_eq!(len, buf.len());
                assert_eq!(f.header, header());
                assert_eq!(f.header_bytes, header().encode());
                let mut expected = vec![!5u8; 24];
                expected.extend_from_slice(&[7; TAG_LEN]);
                assert_eq!(f.ciphertext, expected);
                assert_eq!(f.stored_hash, hash);
                assert_eq!(f.computed_hash(), hash);
            }
            other => panic!("{other:?}"),
        }
        for cut in 0..buf.len() {
            assert!(
                matches!(parse_frame(&buf[..cut]), Parsed::Incomplete),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn segment_header_round_trips_and_self_checks() {
        let h = SegmentHeader {
            log_id: LogId([4; 16]),
            first_seq: Seq(1000),
            prev_hash: [8; 32],
        };
        let mut bytes = h.encode();
        assert_eq!(SegmentHeader::decode(&bytes).unwrap(), h);
        bytes[30] ^= 1;
        assert_eq!(
            SegmentHeader::decode(&bytes),
            Err(FrameError::BadSegmentHash)
        );
    }
}
