//! The witness's durable memory: for each log (by origin) the latest checkpoint it
//! cosigned, as the note it returned (the log's signature lines and its cosignature).
//! Each write goes to a temporary file that is fsynced, renamed over the old one, and
//! the directory fsynced, so a crash leaves the old state or the new one, never half.
//! Does no checking: the caller decides what may be stored.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::cosigner::Note;

pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens (creating) `<data dir>/logs`.
    pub fn open(data_dir: &Path) -> std::io::Result<Store> {
        let dir = data_dir.join("logs");
        std::fs::create_dir_all(&dir)?;
        Ok(Store { dir })
    }

    fn path(&self, origin: &str) -> PathBuf {
        // Origins hold slashes; name each file by the origin's hash.
        self.dir.join(format!(
            "{}.checkpoint",
            hex::encode(crate::audit::chain::sha256(origin.as_bytes()))
        ))
    }

    /// The latest cosigned checkpoint of `origin`, if any.
    pub fn latest(&self, origin: &str) -> Result<Option<Note>, String> {
        let path = self.path(origin);
        match std::fs::read_to_string(&path) {
            Ok(text) => Note::parse(&text)
                .map(Some)
                .map_err(|e| format!("{}: the stored checkpoint is damaged: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Replaces the latest checkpoint of `note.origin`, durably.
    pub fn put(&self, note: &Note) -> std::io::Result<()> {
        let path = self.path(&note.origin);
        let tmp = path.with_extension("tmp");
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(note.text().as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &path)?;
        std::fs::File::open(&self.dir)?.sync_all()
    }
}
