//! Copies of the database file: the automatic ones written at each start, the one the user asks
//! for ("Sauvegarder"), and putting a copy back ("Restaurer", in [`restore`]).
//!
//! Every copy goes through SQLite's online backup API, so it is consistent even while the app
//! holds the file open in WAL mode; a plain file copy could catch a half-written page.
//!
//! Automatic backups:
//! - are written only from a database that passes `PRAGMA quick_check`: a damaged file writes
//!   nothing and removes nothing, so the good copies stay;
//! - are written under a temporary name and renamed once complete, so a backup with its final
//!   name is never half-written;
//! - are named with their UTC time (`passerelle-auto-20261202T101500Z-123.db`); the local-time
//!   names of earlier releases (`passerelle-auto-20261202-111500-123.db`) are still recognised;
//! - are kept by generations ([`generations::backups_to_keep`]): the last 7, the newest of
//!   each of the last 14 days and of each of the last 13 weeks. Only automatic backups are ever
//!   removed — never the one just written, never a safety copy or another file.

pub mod generations;
mod restore;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

use super::{backup_connection, Store};
use crate::error::{CoreError, CoreResult};

pub use restore::{restore_database, RestoreReport};

/// File names of automatic backups start with this, so rotation never touches other files.
const AUTOMATIC_PREFIX: &str = "passerelle-auto-";
const SAFETY_PREFIX: &str = "passerelle-avant-restauration-";
/// The UTC stamp in the names written now.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ-%3f";
/// The local-time stamp of the names written by earlier releases.
const OLD_LOCAL_STAMP_FORMAT: &str = "%Y%m%d-%H%M%S-%3f";

/// One backup file, as the "Sauvegardes" list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub file_name: String,
    /// RFC 3339, from the file's modification time.
    pub created_at: String,
    pub size_bytes: u64,
}

fn stamp(now: DateTime<Utc>) -> String {
    now.format(STAMP_FORMAT).to_string()
}

/// The time in an automatic backup's name, of either format; `None` for any other name, which
/// the rotation then leaves alone.
fn automatic_backup_time(file_name: &str) -> Option<DateTime<Utc>> {
    let stamp = file_name
        .strip_prefix(AUTOMATIC_PREFIX)?
        .strip_suffix(".db")?;
    if let Ok(utc) = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT) {
        return Some(utc.and_utc());
    }
    let local = NaiveDateTime::parse_from_str(stamp, OLD_LOCAL_STAMP_FORMAT).ok()?;
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|time| time.with_timezone(&Utc))
}

impl Store {
    /// Checks the database, writes an automatic backup into `dir` and removes the automatic
    /// backups the generations no longer need (see the module's documentation). Returns the
    /// new file. A database failing `PRAGMA quick_check` is refused with
    /// [`CoreError::DamagedDatabase`]: nothing is written or removed.
    pub fn automatic_backup(&self, dir: &Path) -> CoreResult<PathBuf> {
        let check: String = self
            .conn()
            .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
            .map_err(|error| CoreError::DamagedDatabase(error.to_string()))?;
        if check != "ok" {
            return Err(CoreError::DamagedDatabase(check));
        }
        std::fs::create_dir_all(dir)?;
        let now = Utc::now();
        let name = format!("{AUTOMATIC_PREFIX}{}.db", stamp(now));
        let target = dir.join(&name);
        let partial = dir.join(format!(".{name}.partial"));
        let written = backup_connection(self.conn(), &partial)
            .and_then(|()| sync_file(&partial))
            .and_then(|()| Ok(std::fs::rename(&partial, &target)?));
        if let Err(error) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
        sync_dir(dir);
        remove_old_generations(dir, now, &name)?;
        Ok(target)
    }

    /// Restores `source` over this store's file with [`restore_database`]: the connection is
    /// checkpointed and closed first (the file is renamed over), then reopened on the result —
    /// or on the unchanged file if the restore was refused.
    pub fn restore_from(&mut self, source: &Path, safety_dir: &Path) -> CoreResult<RestoreReport> {
        // Until reopened, the store answers from an empty read-only database, never writing
        // somewhere the user would not find it.
        let placeholder = rusqlite::Connection::open_in_memory()?;
        placeholder.pragma_update(None, "query_only", true)?;
        let open = std::mem::replace(&mut self.conn, placeholder);
        let _ = open.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        if let Err((open, error)) = open.close() {
            self.conn = open;
            return Err(error.into());
        }
        let restored = restore_database(&self.path, source, safety_dir);
        match (Store::open(&self.path), restored) {
            (Ok(reopened), restored) => {
                self.conn = reopened.conn;
                restored
            }
            // The refusal says more than the reopening that followed it.
            (Err(_), Err(refused)) => Err(refused),
            (Err(reopening), Ok(_)) => Err(reopening),
        }
    }
}

/// Removes the automatic backups in `dir` that [`generations::backups_to_keep`] does not keep.
fn remove_old_generations(dir: &Path, now: DateTime<Utc>, just_written: &str) -> CoreResult<()> {
    let automatic: Vec<(String, DateTime<Utc>)> = std::fs::read_dir(dir)?
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let time = automatic_backup_time(&name)?;
            Some((name, time))
        })
        .collect();
    let keep = generations::backups_to_keep(now, &automatic, just_written);
    for (name, _) in &automatic {
        if !keep.contains(name) {
            // A copy that cannot be removed now (opened elsewhere) goes at a later start.
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
    Ok(())
}

/// Flushes a file's bytes to the disk before it is renamed into place.
pub(super) fn sync_file(path: &Path) -> CoreResult<()> {
    std::fs::File::open(path)?.sync_all()?;
    Ok(())
}

/// Makes a rename in `dir` durable where the platform allows it (on Unix a directory can be
/// synced; elsewhere the rename is left to the file system).
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The backups in `dir` (automatic ones and safety copies), newest first.
pub fn list_backups(dir: &Path) -> CoreResult<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error.into()),
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(AUTOMATIC_PREFIX) || name.starts_with(SAFETY_PREFIX))
            || !name.ends_with(".db")
        {
            continue;
        }
        let metadata = entry.metadata()?;
        let modified: DateTime<Utc> = metadata
            .modified()
            .map(Into::into)
            .unwrap_or_else(|_| Utc::now());
        files.push(BackupFile {
            file_name: name,
            created_at: modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            size_bytes: metadata.len(),
        });
    }
    files.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(files)
}

/// The backup named `file_name` inside `dir`, refusing names that would leave the folder.
pub fn backup_in(dir: &Path, file_name: &str) -> CoreResult<PathBuf> {
    let plain = Path::new(file_name)
        .file_name()
        .is_some_and(|n| n == std::ffi::OsStr::new(file_name));
    let ours = file_name.starts_with(AUTOMATIC_PREFIX) || file_name.starts_with(SAFETY_PREFIX);
    let path = dir.join(file_name);
    if !plain || !ours || !file_name.ends_with(".db") || !path.is_file() {
        return Err(CoreError::InvalidFile(format!(
            "La sauvegarde « {file_name} » est introuvable dans {}.",
            dir.display()
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_name_formats_are_recognised_and_nothing_else() {
        let utc = automatic_backup_time("passerelle-auto-20261202T101500Z-123.db").unwrap();
        assert_eq!(utc.to_rfc3339(), "2026-12-02T10:15:00.123+00:00");
        let old = automatic_backup_time("passerelle-auto-20261202-111500-123.db").unwrap();
        let local = Local.with_ymd_and_hms(2026, 12, 2, 11, 15, 0).unwrap();
        assert_eq!(
            old,
            local.with_timezone(&Utc) + chrono::Duration::milliseconds(123)
        );
        for other in [
            "passerelle-auto-20261202T101500Z-123.db-wal",
            "passerelle-auto-copie.db",
            "passerelle-avant-restauration-20261202T101500Z-123.db",
            ".passerelle-auto-20261202T101500Z-123.db.partial",
        ] {
            assert_eq!(automatic_backup_time(other), None, "{other}");
        }
        assert_eq!(
            automatic_backup_time(&format!("{AUTOMATIC_PREFIX}{}.db", stamp(utc))),
            Some(utc)
        );
    }
}
