//! The files attached to resources, kept inside the database (migration 9).
//!
//! Content-addressed: `file_contents` holds one row per distinct SHA-256 (type, size, the text
//! extracted when it was first attached), `file_data` its bytes apart so that listing files never
//! reads megabytes, and `resource_files` names a content for one resource under the name the
//! user gave it. The same content attached to two resources is stored once; attached twice to
//! one resource it is refused. A content no resource names any more is deleted in the same
//! transaction as the change that orphaned it.
//!
//! The file is inspected ([`attachments::inspect`]: type from the content, refusals, text)
//! *before* the write transaction, so the lock is held for the inserts only; attaching or
//! removing a file bumps the resource's version and re-indexes it in the same transaction, so
//! a word inside the file is searchable the moment it is attached.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::rows::Columns;
use super::{new_id, now, search, OrNotFound, Store};
use crate::attachments::{self, sha256_hex, Inspected};
use crate::error::{CoreError, CoreResult};
use crate::model::ResourceFile;

/// The longest file name kept, in characters (file systems stop at 255 bytes).
pub const FILE_NAME_MAX: usize = 255;

const FILE_COLUMNS: &str =
    "rf.id, rf.name, fc.media_type, fc.size, rf.sha256, rf.added_at, fc.text_status";

fn file_from_row(c: &mut Columns) -> rusqlite::Result<ResourceFile> {
    Ok(ResourceFile {
        id: c.get("id")?,
        name: c.get("name")?,
        media_type: c.get("media_type")?,
        size: c.get("size")?,
        sha256: c.get("sha256")?,
        added_at: c.get("added_at")?,
        text_status: c.get("text_status")?,
    })
}

/// A resource's files in the order they were attached.
pub(crate) fn files_of_resource(
    conn: &Connection,
    resource_id: &str,
) -> rusqlite::Result<Vec<ResourceFile>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {FILE_COLUMNS} FROM resource_files rf
         JOIN file_contents fc ON fc.sha256 = rf.sha256
         WHERE rf.resource_id = ?1 ORDER BY rf.position"
    ))?;
    let rows = statement.query_map([resource_id], |row| file_from_row(&mut Columns::new(row)))?;
    rows.collect()
}

/// Deletes file_contents/file_data rows no resource_files row names (call after deleting
/// resources).
pub(crate) fn delete_orphan_contents(tx: &Transaction) -> rusqlite::Result<()> {
    // `file_data` follows its content through ON DELETE CASCADE.
    tx.execute(
        "DELETE FROM file_contents WHERE NOT EXISTS
            (SELECT 1 FROM resource_files rf WHERE rf.sha256 = file_contents.sha256)",
        [],
    )?;
    Ok(())
}

/// Stores a content under its SHA-256 unless it is there already (then the row it has is kept:
/// same bytes, same type and text).
pub(crate) fn insert_content(
    tx: &Transaction,
    sha256: &str,
    inspected: &Inspected,
    bytes: &[u8],
) -> rusqlite::Result<()> {
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO file_contents (sha256, media_type, size, text_status, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            sha256,
            inspected.media_type,
            bytes.len() as i64,
            inspected.text_status.code(),
            inspected.text
        ])?;
    if inserted == 1 {
        tx.prepare_cached("INSERT INTO file_data (sha256, data) VALUES (?1, ?2)")?
            .execute(params![sha256, bytes])?;
    }
    Ok(())
}

/// A content to store, checked and its text read (an exchange file's).
pub(crate) struct NewContent {
    pub(crate) sha256: String,
    pub(crate) inspected: Inspected,
    pub(crate) bytes: Vec<u8>,
}

/// Stores contents an import brings, before the records that name them.
pub(crate) fn insert_contents(tx: &Transaction, contents: &[NewContent]) -> rusqlite::Result<()> {
    for content in contents {
        insert_content(tx, &content.sha256, &content.inspected, &content.bytes)?;
    }
    Ok(())
}

/// One stored content with its bytes, as the exchange file carries it.
pub(crate) struct StoredContent {
    pub(crate) sha256: String,
    /// The first of the names the resources give it (alphabetically), so the choice is the
    /// same in every database holding the same files.
    pub(crate) name: String,
    pub(crate) media_type: String,
    pub(crate) size: i64,
    pub(crate) data: Vec<u8>,
}

/// Every stored content named by a resource, in SHA-256 order.
pub(crate) fn all_contents(conn: &Connection) -> rusqlite::Result<Vec<StoredContent>> {
    let mut statement = conn.prepare(
        "SELECT fc.sha256, (SELECT min(rf.name) FROM resource_files rf WHERE rf.sha256 = fc.sha256),
                fc.media_type, fc.size, fd.data
         FROM file_contents fc JOIN file_data fd ON fd.sha256 = fc.sha256
         WHERE EXISTS (SELECT 1 FROM resource_files rf WHERE rf.sha256 = fc.sha256)
         ORDER BY fc.sha256",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StoredContent {
            sha256: row.get(0)?,
            name: row.get(1)?,
            media_type: row.get(2)?,
            size: row.get(3)?,
            data: row.get(4)?,
        })
    })?;
    rows.collect()
}

/// Deletes one content if no resource names it any more.
fn delete_content_if_orphan(tx: &Transaction, sha256: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "DELETE FROM file_contents WHERE sha256 = ?1 AND NOT EXISTS
            (SELECT 1 FROM resource_files rf WHERE rf.sha256 = ?1)",
    )?
    .execute([sha256])?;
    Ok(())
}

/// The name as kept: its last path component, without control characters, trimmed; refused
/// when nothing is left or it is too long.
fn clean_name(name: &str) -> CoreResult<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() {
        return Err(CoreError::field(
            "files",
            "Le fichier n'a pas de nom : donnez-lui un nom avant de le joindre.",
        ));
    }
    if cleaned.chars().count() > FILE_NAME_MAX {
        return Err(CoreError::field(
            "files",
            format!("Le nom du fichier « {cleaned} » dépasse {FILE_NAME_MAX} caractères : raccourcissez-le avant de le joindre."),
        ));
    }
    Ok(cleaned)
}

/// Gives the resource a new version (its files changed); `NotFound` when it does not exist.
fn bump_resource(tx: &Transaction, resource_id: &str) -> CoreResult<()> {
    let changed = tx
        .prepare_cached(
            "UPDATE resources SET version = version + 1, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![resource_id, now()])?;
    if changed == 0 {
        return Err(CoreError::NotFound {
            entity: "La ressource",
            id: resource_id.to_string(),
        });
    }
    Ok(())
}

/// A file checked and read before any write transaction, and before the window takes the
/// store's lock: inspecting a large PDF takes time.
pub struct PreparedFile {
    name: String,
    inspected: Inspected,
    sha256: String,
    bytes: Vec<u8>,
}

impl PreparedFile {
    /// Cleans the name, detects the type, refuses what is not allowed and reads the text.
    pub fn inspect(name: &str, bytes: Vec<u8>) -> CoreResult<PreparedFile> {
        let name = clean_name(name)?;
        let inspected = attachments::inspect(&name, &bytes)?;
        Ok(PreparedFile {
            name,
            inspected,
            sha256: sha256_hex(&bytes),
            bytes,
        })
    }
}

/// Names `file`'s content for the resource, storing the content unless another resource
/// already did; refused when the resource already has that content. Returns the file's id.
/// The caller bumps and re-indexes the resource.
pub(crate) fn attach_in(
    tx: &Transaction,
    resource_id: &str,
    file: &PreparedFile,
) -> CoreResult<String> {
    let PreparedFile {
        name,
        inspected,
        sha256,
        bytes,
    } = file;
    let already: Option<String> = tx
        .prepare_cached("SELECT name FROM resource_files WHERE resource_id = ?1 AND sha256 = ?2")?
        .query_row([resource_id, sha256], |row| row.get(0))
        .optional()?;
    if let Some(existing) = already {
        return Err(CoreError::Duplicate {
            field: "files".into(),
            message: format!(
                "Le fichier « {name} » est déjà joint à cette ressource (sous le nom « {existing} ») : il n'a pas été joint une seconde fois."
            ),
        });
    }
    // The same content attached elsewhere keeps its row (and its text, read from the same
    // bytes).
    insert_content(tx, sha256, inspected, bytes)?;
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO resource_files (id, resource_id, position, name, sha256, added_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM resource_files
                          WHERE resource_id = ?2), ?3, ?4, ?5)",
    )?
    .execute(params![id, resource_id, name, sha256, now()])?;
    Ok(id)
}

impl Store {
    /// Attaches a file to a resource (the resource's version is bumped, it is re-indexed).
    pub fn attach_file(
        &mut self,
        resource_id: &str,
        name: &str,
        bytes: &[u8],
    ) -> CoreResult<ResourceFile> {
        let file = PreparedFile::inspect(name, bytes.to_vec())?;
        self.attach_prepared(resource_id, &file)
    }

    /// Attaches a file inspected beforehand ([`PreparedFile::inspect`], which the window runs
    /// before it takes the store's lock).
    pub fn attach_prepared(
        &mut self,
        resource_id: &str,
        file: &PreparedFile,
    ) -> CoreResult<ResourceFile> {
        self.write(|tx| {
            bump_resource(tx, resource_id)?;
            let id = attach_in(tx, resource_id, file)?;
            // Indexed again now that the file (and its text) is there.
            search::index_resource(tx, resource_id)?;
            file_by_id(tx, &id)
        })
    }

    /// Removes a file from a resource; its content goes too when no other resource names it.
    pub fn remove_file(&mut self, resource_id: &str, file_id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let sha256: String = tx
                .prepare_cached(
                    "DELETE FROM resource_files WHERE id = ?1 AND resource_id = ?2 RETURNING sha256",
                )?
                .query_row([file_id, resource_id], |row| row.get(0))
                .or_not_found("Le fichier joint", file_id)?;
            delete_content_if_orphan(tx, &sha256)?;
            bump_resource(tx, resource_id)?;
            search::index_resource(tx, resource_id)
        })
    }

    /// A file's description and its bytes (to open or save it).
    pub fn read_file(&self, file_id: &str) -> CoreResult<(ResourceFile, Vec<u8>)> {
        let file = file_by_id(self.conn(), file_id)?;
        let data: Vec<u8> = self
            .conn()
            .prepare_cached("SELECT data FROM file_data WHERE sha256 = ?1")?
            .query_row([&file.sha256], |row| row.get(0))
            .or_not_found("Le contenu du fichier joint", file_id)?;
        Ok((file, data))
    }

    /// A resource's files in the order they were attached.
    pub fn resource_files(&self, resource_id: &str) -> CoreResult<Vec<ResourceFile>> {
        Ok(files_of_resource(self.conn(), resource_id)?)
    }

    /// Many bare resources in one transaction (benchmarks).
    #[doc(hidden)]
    pub fn insert_resources_for_tests(&mut self, titles: &[String]) -> CoreResult<Vec<String>> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(titles.len());
            for title in titles {
                let id = new_id();
                tx.prepare_cached(
                    "INSERT INTO resources (id, title, kind, status, created_at, updated_at)
                     VALUES (?1, ?2, 'guide', 'published', ?3, ?3)",
                )?
                .execute(params![id, title, now()])?;
                search::index_resource(tx, &id)?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Attaches many files in one transaction, each through the same steps as
    /// [`Store::attach_file`] (benchmarks: a library of thousands of files).
    #[doc(hidden)]
    pub fn attach_files_for_tests(
        &mut self,
        files: &[(String, String, Vec<u8>)],
    ) -> CoreResult<()> {
        let prepared = files
            .iter()
            .map(|(_, name, bytes)| PreparedFile::inspect(name, bytes.clone()))
            .collect::<CoreResult<Vec<_>>>()?;
        self.write(|tx| {
            for ((resource_id, _, _), file) in files.iter().zip(&prepared) {
                bump_resource(tx, resource_id)?;
                attach_in(tx, resource_id, file)?;
                search::index_resource(tx, resource_id)?;
            }
            Ok(())
        })
    }
}

fn file_by_id(conn: &Connection, file_id: &str) -> CoreResult<ResourceFile> {
    conn.prepare_cached(&format!(
        "SELECT {FILE_COLUMNS} FROM resource_files rf
         JOIN file_contents fc ON fc.sha256 = rf.sha256 WHERE rf.id = ?1"
    ))?
    .query_row([file_id], |row| file_from_row(&mut Columns::new(row)))
    .or_not_found("Le fichier joint", file_id)
}
