//! The master key: 32 random bytes given as exactly 64 hex characters, read from an
//! environment variable or a file. It wraps every data key and the audit signing key.
//! Guarantees: it is never printed (`Debug` shows `MasterKey(..)`), never written to disk
//! by this crate, and zeroized when dropped. Does not decide where the key comes from:
//! the caller names the variable or the file (usually from the config).

use std::path::{Path, PathBuf};

use zeroize::{Zeroize, Zeroizing};

/// Why a master key could not be loaded. Messages never contain key material.
#[derive(Debug, thiserror::Error)]
pub enum MasterKeyError {
    #[error("the environment variable {name} is not set; give the master key as 64 hex characters (for example from `openssl rand -hex 32`)")]
    EnvMissing { name: String },
    #[error("cannot read the master key file {path}: {source}")]
    FileRead {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the master key from {origin} must be exactly 64 hex characters (32 bytes), found {len} characters")]
    BadLength { origin: String, len: usize },
    #[error("the master key from {origin} must be hex (0-9, a-f), found a character that is not")]
    NotHex { origin: String },
}

/// A 32-byte master key. Cheap to borrow, impossible to print.
pub struct MasterKey {
    bytes: [u8; 32],
}

/// Where the master key comes from (`data.master_key_env` or `data.master_key_file`).
/// The key itself is never part of the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MasterKeySource {
    Env(String),
    File(std::path::PathBuf),
}

impl Default for MasterKeySource {
    fn default() -> Self {
        MasterKeySource::Env("LEDGERGATE_MASTER_KEY".into())
    }
}

impl MasterKey {
    /// Parses exactly 64 hex characters (surrounding whitespace, such as a file's
    /// trailing newline, is ignored). `origin` names the source in error messages.
    pub fn from_hex(text: &str, origin: &str) -> Result<MasterKey, MasterKeyError> {
        let trimmed = text.trim();
        if trimmed.len() != 64 {
            return Err(MasterKeyError::BadLength {
                origin: origin.to_string(),
                len: trimmed.chars().count(),
            });
        }
        let mut bytes = [0u8; 32];
        if hex::decode_to_slice(trimmed, &mut bytes).is_err() {
            bytes.zeroize();
            return Err(MasterKeyError::NotHex {
                origin: origin.to_string(),
            });
        }
        Ok(MasterKey { bytes })
    }

    /// Reads the key from the environment variable `name`.
    pub fn from_env(name: &str) -> Result<MasterKey, MasterKeyError> {
        let value =
            Zeroizing::new(std::env::var(name).map_err(|_| MasterKeyError::EnvMissing {
                name: name.to_string(),
            })?);
        MasterKey::from_hex(&value, &format!("the environment variable {name}"))
    }

    /// Reads the key from a file holding the 64 hex characters.
    pub fn from_file(path: &Path) -> Result<MasterKey, MasterKeyError> {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|source| {
            MasterKeyError::FileRead {
                path: path.to_path_buf(),
                source,
            }
        })?);
        MasterKey::from_hex(&text, &format!("the file {}", path.display()))
    }

    /// Reads the key from where the config says (`data.master_key_env` or
    /// `data.master_key_file`).
    pub fn from_source(source: &MasterKeySource) -> Result<MasterKey, MasterKeyError> {
        match source {
            MasterKeySource::Env(name) => MasterKey::from_env(name),
            MasterKeySource::File(path) => MasterKey::from_file(path),
        }
    }

    /// Builds a key from raw bytes (demo mode and tests generate their own).
    pub fn from_bytes(bytes: [u8; 32]) -> MasterKey {
        MasterKey { bytes }
    }

    /// The raw key, for key derivation only. Never log or store it.
    pub fn expose(&self) -> &[u8; 32] {
        &self.bytes
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl Drop for MasterKey {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_exactly_64_hex_characters() {
        let key = MasterKey::from_hex(&"ab".repeat(32), "test").unwrap();
        assert_eq!(key.expose(), &[0xab; 32]);
        let key = MasterKey::from_hex(&format!("{}\n", "0F".repeat(32)), "test").unwrap();
        assert_eq!(key.expose(), &[0x0f; 32]);
    }

    #[test]
    fn refuses_wrong_length_and_non_hex() {
        let short = MasterKey::from_hex(&"ab".repeat(31), "test").unwrap_err();
        assert!(short.to_string().contains("found 62 characters"), "{short}");
        let bad = MasterKey::from_hex(&"zz".repeat(32), "test").unwrap_err();
        assert!(bad.to_string().contains("must be hex"), "{bad}");
        assert!(!bad.to_string().contains("zz"));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = MasterKey::from_hex(&"cd".repeat(32), "test").unwrap();
        let shown = format!("{key:?}");
        assert_eq!(shown, "MasterKey(..)");
    }

    #[test]
    fn reads_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mk");
        std::fs::write(&path, "11".repeat(32)).unwrap();
        assert_eq!(MasterKey::from_file(&path).unwrap().expose(), &[0x11; 32]);
        let missing = MasterKey::from_file(&dir.path().join("none")).unwrap_err();
        assert!(missing
            .to_string()
            .contains("cannot read the master key file"));
    }
}
