//! Wrapped data keys on disk where deletion is ours: one small file per key under
//! `<audit dir>/data-keys/keys/<key id>`, and an index of empty files
//! `<audit dir>/data-keys/index/<owner>/<slot>.<YYYY-MM>.<key id>` that says whose key
//! it is (keyed pseudonyms only) and for which month. Guarantees: a key file appears
//! whole (written aside, fsynced, renamed, directory fsynced); shredding overwrites the
//! file's bytes with zeros in place, fsyncs, unlinks and fsyncs the directory, so the
//! wrapped key is not left behind in our files the way sled keeps deleted values until
//! its garbage collection. Does not wrap, unwrap or choose keys (that is `keys.rs`).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::frame::KeyId;

/// One index entry: the key's owner directory, slot, month and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Hex pseudonym of the subject (or of the tenant/`system` for subject-less records).
    pub owner: String,
    /// Hex pseudonym of the tenant for a person's key; `-` otherwise.
    pub slot: String,
    /// `YYYY-MM`.
    pub month: String,
    pub id: KeyId,
}

/// The slot of a key that belongs to no person (a tenant's or the log's own).
pub const NO_SLOT: &str = "-";

#[derive(Clone, Debug)]
pub struct KeyFiles {
    root: PathBuf,
}

fn io_at(path: &Path) -> impl Fn(std::io::Error) -> std::io::Error + '_ {
    move |e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_at(dir))
}

impl KeyFiles {
    /// The store under `audit_dir/data-keys`, created if missing.
    pub fn open(audit_dir: &Path) -> std::io::Result<KeyFiles> {
        let root = audit_dir.join("data-keys");
        for d in [root.join("keys"), root.join("index")] {
            fs::create_dir_all(&d).map_err(io_at(&d))?;
        }
        Ok(KeyFiles { root })
    }

    fn key_path(&self, id: &KeyId) -> PathBuf {
        self.root.join("keys").join(id.to_string())
    }

    fn index_path(&self, e: &Entry) -> PathBuf {
        self.root
            .join("index")
            .join(&e.owner)
            .join(format!("{}.{}.{}", e.slot, e.month, e.id))
    }

    /// Stores a wrapped key and its index entry, both durable on return.
    pub fn put(&self, entry: &Entry, wrapped: &[u8]) -> std::io::Result<()> {
        let keys = self.root.join("keys");
        let tmp = keys.join(format!(".{}.tmp", entry.id));
        {
            let mut f = OpenOptions::new()
                .create(true)
                .truncate(true)
                .write(true)
                .open(&tmp)
                .map_err(io_at(&tmp))?;
            f.write_all(wrapped).map_err(io_at(&tmp))?;
            f.sync_all().map_err(io_at(&tmp))?;
        }
        let path = self.key_path(&entry.id);
        fs::rename(&tmp, &path).map_err(io_at(&path))?;
        sync_dir(&keys)?;
        let index = self.index_path(entry);
        let owner_dir = self.root.join("index").join(&entry.owner);
        let new_dir = !owner_dir.exists();
        fs::create_dir_all(&owner_dir).map_err(io_at(&owner_dir))?;
        File::create(&index)
            .and_then(|f| f.sync_all())
            .map_err(io_at(&index))?;
        sync_dir(&owner_dir)?;
        if new_dir {
            sync_dir(&self.root.join("index"))?;
        }
        Ok(())
    }

    /// The wrapped key with this id, or `None` when it was shredded or never existed.
    pub fn get(&self, id: &KeyId) -> std::io::Result<Option<Vec<u8>>> {
        let path = self.key_path(id);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_at(&path)(e)),
        }
    }

    /// The index entries of one owner (every slot, or one).
    pub fn of_owner(&self, owner: &str, slot: Option<&str>) -> std::io::Result<Vec<Entry>> {
        let dir = self.root.join("index").join(owner);
        let mut out = Vec::new();
        let list = match fs::read_dir(&dir) {
            Ok(list) => list,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(io_at(&dir)(e)),
        };
        for item in list {
            let item = item.map_err(io_at(&dir))?;
            let name = item.file_name();
            let Some(entry) = name.to_str().and_then(|n| parse_entry(owner, n)) else {
                continue;
            };
            if slot.is_none_or(|s| s == entry.slot) {
                out.push(entry);
            }
        }
        out.sort_by(|a, b| (&a.month, a.id).cmp(&(&b.month, b.id)));
        Ok(out)
    }

    /// Every index entry of the store.
    pub fn all(&self) -> std::io::Result<Vec<Entry>> {
        let dir = self.root.join("index");
        let mut out = Vec::new();
        for item in fs::read_dir(&dir).map_err(io_at(&dir))? {
            let item = item.map_err(io_at(&dir))?;
            if let Some(owner) = item.file_name().to_str() {
                out.extend(self.of_owner(owner, None)?);
            }
        }
        Ok(out)
    }

    /// How many wrapped keys the store holds.
    pub fn count(&self) -> std::io::Result<usize> {
        let dir = self.root.join("keys");
        let mut n = 0;
        for item in fs::read_dir(&dir).map_err(io_at(&dir))? {
            let item = item.map_err(io_at(&dir))?;
            if !item.file_name().to_string_lossy().starts_with('.') {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Destroys a key: its bytes are overwritten with zeros and synced before the file
    /// is unlinked, then its index entry goes. Idempotent.
    pub fn shred(&self, entry: &Entry) -> std::io::Result<()> {
        let path = self.key_path(&entry.id);
        match OpenOptions::new().write(true).open(&path) {
            Ok(mut f) => {
                let len = f.metadata().map_err(io_at(&path))?.len();
                let zeros = vec![0u8; usize::try_from(len).unwrap_or(0)];
                f.write_all(&zeros).map_err(io_at(&path))?;
                f.sync_all().map_err(io_at(&path))?;
                drop(f);
                fs::remove_file(&path).map_err(io_at(&path))?;
                sync_dir(&self.root.join("keys"))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_at(&path)(e)),
        }
        let index = self.index_path(entry);
        match fs::remove_file(&index) {
            Ok(()) => {
                if let Some(parent) = index.parent() {
                    sync_dir(parent)?;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_at(&index)(e)),
        }
        Ok(())
    }
}

/// `<slot>.<YYYY-MM>.<key id hex>` back into an entry; anything else is ignored.
fn parse_entry(owner: &str, name: &str) -> Option<Entry> {
    let mut parts = name.split('.');
    let (slot, month, id) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month.len() != 7 {
        return None;
    }
    let id: [u8; 16] = hex::decode(id).ok()?.try_into().ok()?;
    Some(Entry {
        owner: owner.to_owned(),
        slot: slot.to_owned(),
        month: month.to_owned(),
        id: KeyId(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_find_and_shred_leave_no_bytes_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyFiles::open(dir.path()).unwrap();
        let e = Entry {
            owner: "aa".into(),
            slot: "bb".into(),
            month: "2026-01".into(),
            id: KeyId([7; 16]),
        };
        store.put(&e, b"wrapped-secret-bytes").unwrap();
        assert_eq!(store.get(&e.id).unwrap().unwrap(), b"wrapped-secret-bytes");
        assert_eq!(store.of_owner("aa", Some("bb")).unwrap(), vec![e.clone()]);
        assert!(store.of_owner("aa", Some("cc")).unwrap().is_empty());
        assert_eq!(store.all().unwrap().len(), 1);
        store.shred(&e).unwrap();
        assert!(store.get(&e.id).unwrap().is_none());
        assert!(store.all().unwrap().is_empty());
        assert_eq!(store.count().unwrap(), 0);
    }
}
