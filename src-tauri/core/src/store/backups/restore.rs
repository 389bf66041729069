//! Putting a copy back ("Restaurer"), without an open [`Store`]: it must work precisely when the
//! database no longer opens (damaged, emptied, written by a newer version), so it works on
//! files only. The caller closes its store first and opens the result afterwards.
//!
//! The order makes every failure harmless:
//! 1. the chosen file is checked read-only, and nothing else is touched if it is refused;
//! 2. it is copied (SQLite backup API, so any page size is fine) into a temporary file beside
//!    the database and brought up to the latest schema there;
//! 3. the current database, if there is one, is copied into the backups folder as
//!    `passerelle-avant-restauration-<stamp>.db`, with its `-wal` (or `-journal`) copied beside
//!    it under the same name plus the suffix, so SQLite pairs them when the copy is opened;
//! 4. the current `-wal`/`-journal` are moved aside (they belong to the old file and would be
//!    replayed into the new one), the `-shm` removed, and the temporary file renamed over the
//!    database — one atomic step in the same folder.
//!
//! Until that rename the database and the backups folder are as they were (what was created is
//! removed, what was moved aside is moved back).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{stamp, sync_dir, sync_file, SAFETY_PREFIX};
use crate::error::{CoreError, CoreResult};
use crate::store::{has_sqlite_header, schema, LATEST_VERSION};

/// Where a restore came from and where the database as it was before is kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored_from: String,
    /// The safety copy of the database as it was; `None` when there was no database file to
    /// keep (a first restore onto a missing file).
    pub safety_copy: Option<String>,
}

/// The files SQLite keeps beside a database whose content belongs to it.
const SIDECARS: [&str; 2] = ["-wal", "-journal"];

/// Replaces the database at `db_path` with the Passerelle database at `source`, keeping the
/// current one in `backups_dir` first. No store may have `db_path` open. A damaged, foreign or
/// newer `source` is refused and nothing changes; an older one is brought up to date. The
/// current file may be damaged, empty, from a newer version or missing.
pub fn restore_database(
    db_path: &Path,
    source: &Path,
    backups_dir: &Path,
) -> CoreResult<RestoreReport> {
    if db_path.exists() && !db_path.is_file() {
        return Err(CoreError::NotAFile(db_path.display().to_string()));
    }
    // Declared before the source's connection, so it runs after the connection is closed.
    let _tidy = SourceSidecars::note(source);
    let checked = open_checked_source(source)?;
    if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let temp = beside(
        db_path,
        &format!("restauration-{}.tmp", stamp(chrono::Utc::now())),
    );
    let copied = copy_and_migrate(&checked, &temp);
    drop(checked);
    if let Err(error) = copied {
        remove_with_sidecars(&temp);
        return Err(error);
    }
    let safety = match keep_current(db_path, backups_dir) {
        Ok(safety) => safety,
        Err(error) => {
            remove_with_sidecars(&temp);
            return Err(error);
        }
    };
    if let Err(error) = swap_in(&temp, db_path) {
        remove_with_sidecars(&temp);
        if let Some(safety) = &safety {
            remove_with_sidecars(safety);
        }
        return Err(error);
    }
    Ok(RestoreReport {
        restored_from: source.display().to_string(),
        safety_copy: safety.map(|path| path.display().to_string()),
    })
}

/// `db_path`'s folder, with a hidden name derived from the database's and `suffix`.
fn beside(db_path: &Path, suffix: &str) -> PathBuf {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "passerelle.db".into());
    db_path.with_file_name(format!(".{name}.{suffix}"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_with_sidecars(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in SIDECARS.iter().chain(&["-shm"]) {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// The `-wal` and `-shm` files SQLite creates beside a WAL-mode file even to read it (and a
/// read-only connection cannot remove): those absent before and still empty are removed when
/// this is dropped, so that checking a file the user chose leaves nothing beside it.
struct SourceSidecars {
    created: Vec<PathBuf>,
}

impl SourceSidecars {
    fn note(source: &Path) -> SourceSidecars {
        let created = ["-wal", "-shm"]
            .iter()
            .map(|suffix| with_suffix(source, suffix))
            .filter(|path| !path.exists())
            .collect();
        SourceSidecars { created }
    }
}

impl Drop for SourceSidecars {
    fn drop(&mut self) {
        let wal_empty = self
            .created
            .iter()
            .filter(|path| path.to_string_lossy().ends_with("-wal"))
            .all(|wal| std::fs::metadata(wal).map_or(true, |m| m.len() == 0));
        if wal_empty {
            for path in &self.created {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// A checked source: its read-only connection and schema version.
struct Checked {
    conn: Connection,
    version: i64,
}

/// Opens `source` read-only and checks it is a sound Passerelle database this build can take:
/// a regular file with SQLite's header, a schema version from 1 to [`LATEST_VERSION`], a clean
/// `integrity_check`, and exactly the tables, indexes, triggers and views our migrations make
/// for that version — a file with an added trigger or view (which would run on our writes) is
/// not ours. `trusted_schema = OFF` keeps anything in the file from running while it is read.
fn open_checked_source(source: &Path) -> CoreResult<Checked> {
    let shown = source.display().to_string();
    let not_ours = || {
        CoreError::InvalidFile(format!(
            "« {shown} » n'est pas une sauvegarde de Passerelle, ou elle est endommagée. Rien n'a été modifié."
        ))
    };
    let metadata = std::fs::metadata(source).map_err(|_| {
        CoreError::InvalidFile(format!(
            "Le fichier « {shown} » est introuvable. Rien n'a été modifié."
        ))
    })?;
    if !metadata.is_file() || !has_sqlite_header(source)? {
        return Err(not_ours());
    }
    let conn = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| not_ours())?;
    conn.pragma_update(None, "trusted_schema", "OFF")
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
    if version < 1 {
        return Err(not_ours());
    }
    // The first problem is enough to refuse; the check stops there.
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))
        .map_err(|_| not_ours())?;
    if integrity != "ok" || schema_rows(&conn)? != expected_schema(version)? {
        return Err(not_ours());
    }
    Ok(Checked { conn, version })
}

type SchemaRow = (String, String, String, Option<String>);

/// What a database defines, in a stable order; SQLite's statistics tables (from `ANALYZE`)
/// are left out, they change no behaviour.
fn schema_rows(conn: &Connection) -> CoreResult<Vec<SchemaRow>> {
    let mut statement = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'
         ORDER BY type, name",
    )?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The schema our migrations make at `version`, built in memory.
fn expected_schema(version: i64) -> CoreResult<Vec<SchemaRow>> {
    let mut conn = Connection::open_in_memory()?;
    let target = usize::try_from(version).unwrap_or(0);
    schema::migrations()
        .to_version(&mut conn, target)
        .map_err(|error| CoreError::Migration(error.to_string()))?;
    schema_rows(&conn)
}

/// Copies the checked source into `temp`, migrates the copy and closes it with everything in
/// the file itself (rollback journal mode: no `-wal` to lose in the rename).
fn copy_and_migrate(checked: &Checked, temp: &Path) -> CoreResult<()> {
    let _ = std::fs::remove_file(temp);
    let mut copy = Connection::open(temp)?;
    {
        let backup = rusqlite::backup::Backup::new(&checked.conn, &mut copy)?;
        backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    copy.pragma_update(None, "synchronous", "FULL")?;
    if checked.version < LATEST_VERSION {
        schema::migrations()
            .to_latest(&mut copy)
            .map_err(|error| CoreError::Migration(error.to_string()))?;
    }
    copy.close()
        .map_err(|(_, error)| CoreError::Storage(error))?;
    sync_file(temp)
}

/// Copies the current database (and its `-wal`/`-journal`) into `backups_dir` under a new
/// safety-copy name; `None` if there is no database file. On failure, removes what it wrote.
fn keep_current(db_path: &Path, backups_dir: &Path) -> CoreResult<Option<PathBuf>> {
    if !db_path.is_file() {
        return Ok(None);
    }
    std::fs::create_dir_all(backups_dir)?;
    let mut name = format!("{SAFETY_PREFIX}{}.db", stamp(chrono::Utc::now()));
    let mut n = 1;
    while backups_dir.join(&name).exists() {
        name = format!("{SAFETY_PREFIX}{}-{n}.db", stamp(chrono::Utc::now()));
        n += 1;
    }
    let safety = backups_dir.join(&name);
    let partial = backups_dir.join(format!(".{name}.partial"));
    let result = (|| {
        for suffix in SIDECARS {
            let sidecar = with_suffix(db_path, suffix);
            if sidecar.is_file() {
                let target = with_suffix(&safety, suffix);
                std::fs::copy(&sidecar, &target)?;
                sync_file(&target)?;
            }
        }
        std::fs::copy(db_path, &partial)?;
        sync_file(&partial)?;
        std::fs::rename(&partial, &safety)?;
        sync_dir(backups_dir);
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Some(safety)),
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            remove_with_sidecars(&safety);
            Err(error)
        }
    }
}

/// Moves the old database's log files aside, renames `temp` over `db_path`, then deletes what
/// was moved aside (the safety copy has it). If the rename fails, the log files go back.
fn swap_in(temp: &Path, db_path: &Path) -> CoreResult<()> {
    let aside_stamp = stamp(chrono::Utc::now());
    let mut moved = Vec::new();
    for suffix in SIDECARS {
        let sidecar = with_suffix(db_path, suffix);
        if sidecar.exists() {
            let aside = beside(db_path, &format!("ancien-{aside_stamp}{suffix}"));
            if let Err(error) = std::fs::rename(&sidecar, &aside) {
                put_back(&moved);
                return Err(error.into());
            }
            moved.push((sidecar, aside));
        }
    }
    // The shared-memory index is rebuilt from the files; a stale one must not outlive them.
    let _ = std::fs::remove_file(with_suffix(db_path, "-shm"));
    if let Err(error) = std::fs::rename(temp, db_path) {
        put_back(&moved);
        return Err(error.into());
    }
    if let Some(dir) = db_path.parent() {
        sync_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        });
    }
    for (_, aside) in moved {
        let _ = std::fs::remove_file(aside);
    }
    Ok(())
}

fn put_back(moved: &[(PathBuf, PathBuf)]) {
    for (sidecar, aside) in moved {
        let _ = std::fs::rename(aside, sidecar);
    }
}
