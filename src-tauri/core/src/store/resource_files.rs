//! The files attached to resources, as the resources' store reads and cleans them.
//!
//! Stand-in for helper B's module of the same name (attaching, reading, removing files): it
//! holds only the two crate-visible functions the resources need, with the contract's exact
//! signatures, so that the lead keeps B's version at merge.

use rusqlite::{Connection, Transaction};

use crate::model::ResourceFile;

/// The files of one resource in the order they were attached, with their content's type,
/// size and text status (never the bytes).
pub(crate) fn files_of_resource(
    conn: &Connection,
    resource_id: &str,
) -> rusqlite::Result<Vec<ResourceFile>> {
    let mut statement = conn.prepare_cached(
        "SELECT rf.id, rf.name, fc.media_type, fc.size, rf.sha256, rf.added_at, fc.text_status
         FROM resource_files rf JOIN file_contents fc ON fc.sha256 = rf.sha256
         WHERE rf.resource_id = ?1 ORDER BY rf.position, rf.id",
    )?;
    let rows = statement.query_map([resource_id], |row| {
        Ok(ResourceFile {
            id: row.get(0)?,
            name: row.get(1)?,
            media_type: row.get(2)?,
            size: row.get(3)?,
            sha256: row.get(4)?,
            added_at: row.get(5)?,
            text_status: row.get(6)?,
        })
    })?;
    rows.collect()
}

/// Deletes file_contents/file_data rows no resource_files row names (call after deleting resources).
pub(crate) fn delete_orphan_contents(tx: &Transaction) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "DELETE FROM file_contents WHERE NOT EXISTS
            (SELECT 1 FROM resource_files rf WHERE rf.sha256 = file_contents.sha256)",
    )?
    .execute([])?;
    Ok(())
}
