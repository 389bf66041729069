//! Copies of the database file: the automatic ones kept at each start (the last ten), the one
//! the user asks for ("Sauvegarder"), and putting a copy back ("Restaurer").
//!
//! Every copy goes through SQLite's online backup API, so it is consistent even while the app
//! holds the file open in WAL mode; a plain file copy could catch a half-written page. A restore
//! first checks that the chosen file is a sound Passerelle database, keeps the current one as a
//! safety copy, then copies the chosen file into the open connection, so the app never works on
//! a file it has not checked.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{backup_connection, schema, Store, LATEST_VERSION};
use crate::error::{CoreError, CoreResult};

/// How many automatic backups are kept; older ones are removed.
pub const AUTOMATIC_BACKUPS_KEPT: usize = 10;

/// File names of automatic backups start with this, so rotation never touches other files.
const AUTOMATIC_PREFIX: &str = "passerelle-auto-";
const SAFETY_PREFIX: &str = "passerelle-avant-restauration-";

/// One backup file, as the "Sauvegardes" list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub file_name: String,
    /// RFC 3339, from the file's modification time.
    pub created_at: String,
    pub size_bytes: u64,
}

/// Where a restore came from and where the database as it was before is kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored_from: String,
    pub safety_copy: String,
}

fn stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S-%3f").to_string()
}

impl Store {
    /// Writes an automatic backup into `dir` and removes the oldest automatic ones beyond
    /// [`AUTOMATIC_BACKUPS_KEPT`]. Returns the new file.
    pub fn automatic_backup(&self, dir: &Path) -> CoreResult<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let target = dir.join(format!("{AUTOMATIC_PREFIX}{}.db", stamp()));
        backup_connection(self.conn(), &target)?;
        let mut automatic: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(AUTOMATIC_PREFIX) && n.ends_with(".db"))
            })
            .collect();
        // The stamp sorts in time order, so the names do too.
        automatic.sort();
        let excess = automatic.len().saturating_sub(AUTOMATIC_BACKUPS_KEPT);
        for old in &automatic[..excess] {
            std::fs::remove_file(old)?;
        }
        Ok(target)
    }

    /// Replaces the open database's content with the Passerelle database at `source`, after
    /// checking it, and keeps the current content in `safety_dir` first. A file from an older
    /// schema is brought up to date; a damaged, foreign or newer file is refused and nothing
    /// changes.
    pub fn restore_from(&mut self, source: &Path, safety_dir: &Path) -> CoreResult<RestoreReport> {
        check_restorable(source)?;
        std::fs::create_dir_all(safety_dir)?;
        let safety = safety_dir.join(format!("{SAFETY_PREFIX}{}.db", stamp()));
        backup_connection(self.conn(), &safety)?;
        self.conn.restore(
            rusqlite::MAIN_DB,
            source,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        schema::migrations()
            .to_latest(&mut self.conn)
            .map_err(|error| CoreError::Migration(error.to_string()))?;
        super::configure(&self.conn)?;
        Ok(RestoreReport {
            restored_from: source.display().to_string(),
            safety_copy: safety.display().to_string(),
        })
    }
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
        let modified: chrono::DateTime<chrono::Utc> = metadata
            .modified()
            .map(Into::into)
            .unwrap_or_else(|_| chrono::Utc::now());
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
    if !plain || !ours || !path.is_file() {
        return Err(CoreError::InvalidFile(format!(
            "La sauvegarde « {file_name} » est introuvable dans {}.",
            dir.display()
        )));
    }
    Ok(path)
}

/// Checks, read-only, that `source` is a sound Passerelle database this version can open.
fn check_restorable(source: &Path) -> CoreResult<()> {
    let shown = source.display().to_string();
    let not_ours = || {
        CoreError::InvalidFile(format!(
            "« {shown} » n'est pas une sauvegarde de Passerelle, ou elle est endommagée. Rien n'a été modifié."
        ))
    };
    if !source.is_file() {
        return Err(CoreError::InvalidFile(format!(
            "Le fichier « {shown} » est introuvable. Rien n'a été modifié."
        )));
    }
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| not_ours())?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|_| not_ours())?;
    if version > LATEST_VERSION {
        return Err(CoreError::DatabaseTooNew {
            found: version,
            supported: LATEST_VERSION,
        });
    }
    let has_experts: bool = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'experts'",
            [],
            |row| row.get::<_, i64>(0).map(|n| n > 0),
        )
        .map_err(|_| not_ours())?;
    if version < 1 || !has_experts {
        return Err(not_ours());
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|_| not_ours())?;
    if integrity != "ok" {
        return Err(not_ours());
    }
    Ok(())
}
