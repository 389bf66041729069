//! The records themselves, as the sync needs them beyond the exchange's writes: whether a link's
//! record is here, a colleague's deletion applied, and the local ids of reference records by
//! their key.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::CoreResult;
use crate::store::search;

/// The tables a link can point to, with their id column; the names come from this fixed list,
/// never from a document.
const LINKABLE: &[(&str, &str)] = &[
    ("organisations", "id"),
    ("territories", "id"),
    ("themes", "id"),
    ("profession_families", "id"),
    ("professions", "id"),
    ("competences", "id"),
    ("experts", "id"),
    ("events", "id"),
    ("interreg_programmes", "id"),
    ("training_requests", "id"),
    ("sessions", "id"),
    ("file_contents", "sha256"),
    ("resources", "id"),
    ("legal_notes", "id"),
    ("competence_observations", "id"),
    ("participants", "id"),
];

fn column_of(table: &str) -> Option<&'static str> {
    LINKABLE
        .iter()
        .find(|(name, _)| *name == table)
        .map(|(_, column)| *column)
}

/// Whether the record `id` of `table` is in the database.
pub(crate) fn record_exists(conn: &Connection, table: &str, id: &str) -> CoreResult<bool> {
    let Some(column) = column_of(table) else {
        return Ok(false);
    };
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {column} = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Deletes a record a colleague deleted; what still points to it refuses (foreign keys), and
/// the caller keeps the record. The search indexes forget it.
pub(crate) fn delete_record(tx: &Transaction, table: &str, id: &str) -> CoreResult<()> {
    if column_of(table).is_none() {
        return Ok(());
    }
    tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([id])?;
    match table {
        "experts" => search::unindex_expert(tx, id)?,
        "events" => search::unindex_event(tx, id)?,
        "professions" => search::unindex_profession(tx, id)?,
        "resources" => search::index_resource(tx, id)?,
        "legal_notes" => search::index_legal_note(tx, id)?,
        _ => {}
    }
    Ok(())
}

/// The reference records of a table: reference key → local id.
pub(crate) fn reference_ids(conn: &Connection, table: &str) -> CoreResult<HashMap<String, String>> {
    if column_of(table).is_none() {
        return Ok(HashMap::new());
    }
    let mut statement = conn.prepare_cached(&format!(
        "SELECT reference_key, id FROM {table} WHERE reference_key IS NOT NULL"
    ))?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The type and bytes of a stored file content, sent as a document's attachment.
pub(crate) fn file_content(
    conn: &Connection,
    sha256: &str,
) -> CoreResult<Option<(String, Vec<u8>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.media_type, d.data FROM file_contents c JOIN file_data d ON d.sha256 = c.sha256
             WHERE c.sha256 = ?1",
        )?
        .query_row([sha256], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}
