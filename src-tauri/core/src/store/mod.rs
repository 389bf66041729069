//! The SQLite store: one file per user, opened once, every write in one transaction.
//!
//! Invariants kept here and nowhere else:
//! - all SQL of the application lives under this module;
//! - a write either commits whole or changes nothing ([`Store::write`]);
//! - opening never writes to a file that is not ours: a folder or device, an empty file, a file
//!   without SQLite's header, another program's SQLite file and a file from a newer schema are
//!   refused untouched (checked before SQLite switches the file to WAL); a missing file becomes
//!   a new database;
//! - a file from an older schema is copied aside (SQLite online backup) before it is migrated;
//! - [`Store::close`] folds the write-ahead log back into the file, so the `.db` alone is whole;
//! - "no row" becomes [`CoreError::NotFound`] and a version mismatch becomes
//!   [`CoreError::StaleVersion`] at this boundary, so callers never see raw SQLite errors for
//!   ordinary situations.
//!
//! The entity modules (`experts`, `events`…) add their functions to [`Store`].

mod agenda;
mod attendance_versions;
pub mod backups;
mod coherence;
mod competences_report;
pub(crate) mod csv_import;
pub mod demo;
mod events;
mod experts;
mod gdpr;
pub(crate) mod legal_notes;
pub(crate) mod library_print;
mod organisations;
mod participants;
pub(crate) mod participants_csv;
mod professions;
mod reference;
pub(crate) mod requests;
pub(crate) mod resource_files;
pub(crate) mod resources;
mod rows;
pub(crate) mod schema;
pub(crate) mod search;
mod search_passage;
pub(crate) mod search_tiers;
mod sessions;
pub(crate) mod snapshot;
mod suggestions;
pub(crate) mod sync;
mod versions;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::{CoreError, CoreResult};

pub use crate::model::SessionConflict;
pub(crate) use events::insert_event;
pub(crate) use experts::insert_expert;
pub(crate) use organisations::{insert_organisation, insert_territory, insert_theme};
pub(crate) use professions::{insert_competence, insert_observation, insert_profession};
pub(crate) use reference::id_by_reference_key;
pub use requests::default_author;
pub use resource_files::PreparedFile;
pub use schema::{LATEST_VERSION, MAX_RECORD_VERSION};
pub(crate) use sessions::insert_session;
pub use versions::NewProgrammeVersion;

/// An open Passerelle database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What opening a file did, so the interface can tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// Schema version found in the file before opening (0 for a new file).
    pub found_version: i64,
    /// The copy made before migrating, if a migration ran on existing data.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> CoreResult<Store> {
        Self::open_with_report(path).map(|(store, _)| store)
    }

    /// Like [`Store::open`], and says whether a migration ran and where its backup is.
    pub fn open_with_report(path: &Path) -> CoreResult<(Store, OpenReport)> {
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        check_existing_file(path)?;
        let mut conn = Connection::open(path)?;
        // Identify the file before anything else: switching to WAL writes to the file, and a
        // file that is not ours, or from a newer version, must be left exactly as it was.
        conn.busy_timeout(Duration::from_secs(5))?;
        let found_version = identify(&conn, path)?;
        configure(&conn)?;
        let mut backup = None;
        if found_version > 0 && found_version < LATEST_VERSION {
            let target = backup_path_for(path, found_version);
            backup_connection(&conn, &target)?;
            backup = Some(target);
        }
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|error| CoreError::Migration(error.to_string()))?;
        Ok((
            Store {
                conn,
                path: path.to_path_buf(),
            },
            OpenReport {
                found_version,
                backup,
            },
        ))
    }

    /// Folds the write-ahead log back into the database file (`wal_checkpoint(TRUNCATE)`), so
    /// the `.db` alone holds every committed write; worth calling after a large import. If
    /// another connection is reading, SQLite folds what it can and the rest stays safely in
    /// the `-wal` file.
    pub fn checkpoint(&self) -> CoreResult<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Checkpoints, then closes the connection and reports any error of closing, so that the
    /// file is complete on its own when the application or a command ends (a plain drop closes
    /// silently, and leaves the `-wal` behind if another connection still has the file open).
    pub fn close(self) -> CoreResult<()> {
        self.checkpoint()?;
        self.conn
            .close()
            .map_err(|(_, error)| CoreError::Storage(error))
    }

    /// Opens the file and loads the reference data if this release's is not there yet (see
    /// [`Store::load_shipped_reference_if_new`]).
    pub fn open_with_reference(path: &Path) -> CoreResult<Store> {
        let mut store = Self::open(path)?;
        store.load_shipped_reference_if_new()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in one IMMEDIATE transaction: it commits if `work` succeeds, and rolls back
    /// otherwise (dropping a rusqlite transaction rolls it back). IMMEDIATE takes the write lock
    /// at the start, so two windows or processes never interleave a read-check-write sequence.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction) -> CoreResult<T>) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Read access for queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Writes a consistent copy of the whole database to `target` (SQLite online backup), into
    /// a temporary file beside it renamed over `target` at the end: a failure leaves a file the
    /// user chose to replace whole, and never a half-written copy under its name.
    pub fn backup_to(&self, target: &Path) -> CoreResult<()> {
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let partial = tempfile::Builder::new()
            .prefix(".passerelle-sauvegarde-")
            .suffix(".partial")
            .tempfile_in(dir)?
            .into_temp_path();
        backup_connection(&self.conn, &partial)?;
        partial.persist(target).map_err(|error| error.error)?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> CoreResult<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// `PRAGMA integrity_check` returns "ok" for a sound file.
    pub fn integrity_check(&self) -> CoreResult<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }

    /// Number of rows of one of our tables.
    pub(crate) fn count(&self, table: &str) -> CoreResult<i64> {
        // `table` is always one of our own table names, never user input.
        Ok(self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                row.get(0)
            })?)
    }
}

/// Refuses, before SQLite touches it, an existing path that cannot be one of our databases: a
/// folder or a device, an empty file (SQLite would quietly make it a new database) or a file
/// without SQLite's header. A missing file is fine: it becomes a new database.
fn check_existing_file(path: &Path) -> CoreResult<()> {
    let shown = || path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    if !metadata.is_file() {
        return Err(CoreError::NotAFile(shown()));
    }
    if metadata.len() == 0 {
        return Err(CoreError::EmptyDatabase(shown()));
    }
    if !has_sqlite_header(path)? {
        return Err(CoreError::NotADatabase(shown()));
    }
    Ok(())
}

/// Whether the file starts with the 100-byte header of an SQLite database.
pub(crate) fn has_sqlite_header(path: &Path) -> CoreResult<bool> {
    use std::io::Read;
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path)?;
    match file.read_exact(&mut header) {
        Ok(()) => Ok(header.starts_with(b"SQLite format 3\0")),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// The schema version of a file about to be opened, by reading only: a newer version is
/// refused, and so is an SQLite file of another program (tables but no version, or a version
/// but not our `experts` table), which we must not fill with our tables.
fn identify(conn: &Connection, path: &Path) -> CoreResult<i64> {
    let shown = || path.display().to_string();
    let unreadable = |error: rusqlite::Error| match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => CoreError::NotADatabase(shown()),
        _ => CoreError::Storage(error),
    };
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(unreadable)?;
    if version > LATEST_VERSION {
        return Err(CoreError::DatabaseTooNew {
            found: version,
            supported: LATEST_VERSION,
        });
    }
    let (objects, experts): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COALESCE(SUM(type = 'table' AND name = 'experts'), 0)
             FROM sqlite_schema",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(unreadable)?;
    let foreign = version < 0 || (version == 0 && objects > 0) || (version > 0 && experts == 0);
    if foreign {
        return Err(CoreError::ForeignDatabase(shown()));
    }
    Ok(version)
}

/// WAL lets the interface read while a write commits; `synchronous = FULL` makes each commit
/// durable before it returns, so a power cut loses nothing the user saw confirmed (a few ms per
/// commit, negligible for a person's edits; bulk work goes in one transaction).
///
/// The page cache holds up to 32 MB instead of SQLite's 2 MB: a whole report or export reads
/// a large database end to end, and with the default cache every run read the file again from
/// the system (a third of a 50,000-observation competences report). Memory is only taken as
/// pages are read, so a small database stays small.
fn configure(conn: &Connection) -> CoreResult<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(())
}

fn backup_path_for(path: &Path, version: i64) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "passerelle.db".into());
    path.with_file_name(format!("{name}.schema-v{version}-{stamp}.bak"))
}

fn backup_connection(conn: &Connection, target: &Path) -> CoreResult<()> {
    if let Some(parent) = target.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    conn.backup(rusqlite::MAIN_DB, target, None)?;
    Ok(())
}

/// The current time as stored in `created_at` / `updated_at`.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Maps an UPDATE that touched no row to the right error: the record is gone, or its version
/// moved on since the user loaded it.
pub(crate) fn stale_or_missing(
    tx: &Transaction,
    table: &str,
    entity: &'static str,
    id: &str,
) -> CoreError {
    let exists = tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1"),
            [id],
            |_| Ok(()),
        )
        .optional();
    match exists {
        Ok(Some(())) => CoreError::StaleVersion { entity },
        Ok(None) => CoreError::NotFound {
            entity,
            id: id.to_string(),
        },
        Err(error) => CoreError::Storage(error),
    }
}

/// Turns "no row" into the domain's `NotFound`, once for every lookup by id, so each getter
/// names what is missing in French the same way.
pub(crate) trait OrNotFound<T> {
    fn or_not_found(self, entity: &'static str, id: &str) -> CoreResult<T>;
}

impl<T> OrNotFound<T> for rusqlite::Result<T> {
    fn or_not_found(self, entity: &'static str, id: &str) -> CoreResult<T> {
        match self {
            Ok(value) => Ok(value),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(CoreError::NotFound {
                entity,
                id: id.to_string(),
            }),
            Err(error) => Err(CoreError::Storage(error)),
        }
    }
}

/// A DELETE by id that removed nothing means the record is not there (any more).
pub(crate) fn deleted_one(count: usize, entity: &'static str, id: &str) -> CoreResult<()> {
    match count {
        0 => Err(CoreError::NotFound {
            entity,
            id: id.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Checks that each id exists in `table`, reporting the first missing one on `field`.
pub(crate) fn check_ids_exist(
    tx: &Transaction,
    table: &str,
    ids: &[String],
    field: &str,
    what: &str,
) -> CoreResult<()> {
    let mut statement = tx.prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
    for id in ids {
        if !statement.exists([id])? {
            return Err(CoreError::field(
                field,
                format!("{what} choisi(e) n'existe plus (identifiant {id})."),
            ));
        }
    }
    Ok(())
}

/// Reads a JSON array of strings stored in a TEXT column.
pub(crate) fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

/// Reads a JSON object column (migration 7). A value that does not parse is an error, not an
/// empty object: saving the record again would otherwise erase what the column held.
pub(crate) fn json_object<T: serde::de::DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_str(&text).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(err))
    })
}

pub(crate) fn to_json_object<T: serde::Serialize>(value: &T) -> CoreResult<String> {
    serde_json::to_string(value)
        .map_err(|err| CoreError::Storage(rusqlite::Error::ToSqlConversionFailure(Box::new(err))))
}

pub(crate) fn to_json_list(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// The migration list, exposed so tests can build files of an older schema version.
#[doc(hidden)]
pub fn migrations_for_tests() -> rusqlite_migration::Migrations<'static> {
    schema::migrations()
}
