//! The SQL of the team sharing (`crate::sync`): the records marked as changed by migration
//! 10's triggers, each shared document's revision as this laptop knows it, the revisions
//! waiting to be sent, the conflicts waiting for the user, the colleagues' revisions waiting
//! for their links, and the facts kept in `meta` (settings, checkpoint, last sync).
//! The engine decides; this module only reads and writes, inside the caller's transaction.

mod records;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::CoreResult;

pub(crate) use records::{delete_record, file_content, record_exists, reference_ids};

/// The store's transaction and connection as the sync's rules (`crate::sync`) and the
/// documents' mapping (`exchange::json::docs`) receive them: they run inside a transaction
/// the store opened, and reach the tables only through this module.
pub(crate) type Tx<'a> = Transaction<'a>;
pub(crate) type Conn = Connection;

/// Runs `work` inside a savepoint: when it fails, what it wrote is undone and the error is
/// handed back, while the transaction goes on (a colleague's record that breaks a rule waits,
/// the others of the batch are written).
pub(crate) fn within_savepoint<T>(
    tx: &Transaction,
    work: impl FnOnce() -> CoreResult<T>,
) -> CoreResult<CoreResult<T>> {
    tx.execute_batch("SAVEPOINT sync_record")?;
    match work() {
        Ok(value) => {
            tx.execute_batch("RELEASE sync_record")?;
            Ok(Ok(value))
        }
        Err(error) => {
            tx.execute_batch("ROLLBACK TO sync_record; RELEASE sync_record")?;
            Ok(Err(error))
        }
    }
}

/// A shared document as this laptop knows it (`sync_docs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocState {
    pub doc_id: String,
    pub entity: String,
    pub record_id: String,
    pub rev: String,
    /// Revision ids, newest first, `rev` included.
    pub ancestry: Vec<String>,
    pub body: String,
    pub deleted: bool,
    /// The revision `rev` was made from here, with its body: the common ancestor of a merge.
    pub base: Option<(String, String)>,
}

/// Another leaf of a document (`sync_conflicts`), or a colleague's revision that waits
/// (`sync_waiting`, with its reason).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leaf {
    pub doc_id: String,
    pub rev: String,
    pub ancestry: Vec<String>,
    pub body: String,
    pub deleted: bool,
}

fn ancestry_of(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn ancestry_text(ancestry: &[String]) -> String {
    serde_json::to_string(ancestry).unwrap_or_else(|_| "[]".into())
}

/// The records changed since they were last turned into revisions.
pub(crate) fn marked(conn: &Connection) -> CoreResult<Vec<(String, String)>> {
    let mut statement = conn
        .prepare_cached("SELECT entity, record_id FROM sync_changes ORDER BY entity, record_id")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn count_marked(conn: &Connection) -> CoreResult<usize> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sync_changes", [], |row| row.get(0))?;
    Ok(count as usize)
}

pub(crate) fn unmark(tx: &Transaction, entity: &str, record_id: &str) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM sync_changes WHERE entity = ?1 AND record_id = ?2")?
        .execute([entity, record_id])?;
    Ok(())
}

/// Every shared document as this laptop knows it, for offering them all to a new server.
pub(crate) fn all_docs(conn: &Connection) -> CoreResult<Vec<DocState>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {DOC_COLUMNS} FROM sync_docs ORDER BY rowid"
    ))?;
    let rows = statement.query_map([], doc_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const DOC_COLUMNS: &str =
    "doc_id, entity, record_id, rev, ancestry, body, deleted, base_rev, base_body";

fn doc_from_row(row: &rusqlite::Row) -> rusqlite::Result<DocState> {
    let base_rev: Option<String> = row.get(7)?;
    let base_body: Option<String> = row.get(8)?;
    Ok(DocState {
        doc_id: row.get(0)?,
        entity: row.get(1)?,
        record_id: row.get(2)?,
        rev: row.get(3)?,
        ancestry: ancestry_of(&row.get::<_, String>(4)?),
        body: row.get(5)?,
        deleted: row.get(6)?,
        base: base_rev.zip(base_body),
    })
}

pub(crate) fn doc_of_record(
    conn: &Connection,
    entity: &str,
    record_id: &str,
) -> CoreResult<Option<DocState>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM sync_docs WHERE entity = ?1 AND record_id = ?2"
        ))?
        .query_row([entity, record_id], doc_from_row)
        .optional()?)
}

pub(crate) fn doc(conn: &Connection, doc_id: &str) -> CoreResult<Option<DocState>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM sync_docs WHERE doc_id = ?1"
        ))?
        .query_row([doc_id], doc_from_row)
        .optional()?)
}

pub(crate) fn put_doc(tx: &Transaction, doc: &DocState) -> CoreResult<()> {
    let (base_rev, base_body) = match &doc.base {
        Some((rev, body)) => (Some(rev.as_str()), Some(body.as_str())),
        None => (None, None),
    };
    tx.prepare_cached(
        "INSERT INTO sync_docs (doc_id, entity, record_id, rev, ancestry, body, deleted, base_rev, base_body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(doc_id) DO UPDATE SET entity = excluded.entity, record_id = excluded.record_id,
            rev = excluded.rev, ancestry = excluded.ancestry, body = excluded.body,
            deleted = excluded.deleted, base_rev = excluded.base_rev, base_body = excluded.base_body",
    )?
    .execute(params![
        doc.doc_id,
        doc.entity,
        doc.record_id,
        doc.rev,
        ancestry_text(&doc.ancestry),
        doc.body,
        doc.deleted,
        base_rev,
        base_body
    ])?;
    Ok(())
}

/// A revision to send; sending the same one twice is harmless (`new_edits: false`).
pub(crate) fn queue(tx: &Transaction, doc_id: &str, rev: &str, document: &str) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO sync_outbox (doc_id, rev, document) VALUES (?1, ?2, ?3)
         ON CONFLICT(doc_id, rev) DO NOTHING",
    )?
    .execute([doc_id, rev, document])?;
    Ok(())
}

/// The next revisions to send, oldest first: (seq, doc id, rev, document).
pub(crate) fn outbox(
    conn: &Connection,
    after: i64,
    limit: usize,
) -> CoreResult<Vec<(i64, String, String, String)>> {
    let mut statement = conn.prepare_cached(
        "SELECT seq, doc_id, rev, document FROM sync_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = statement.query_map(params![after, limit as i64], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn count_outbox(conn: &Connection) -> CoreResult<usize> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sync_outbox", [], |row| row.get(0))?;
    Ok(count as usize)
}

/// The server has these revisions: they leave the outbox.
pub(crate) fn sent(tx: &Transaction, seqs: &[i64]) -> CoreResult<()> {
    let mut statement = tx.prepare_cached("DELETE FROM sync_outbox WHERE seq = ?1")?;
    for seq in seqs {
        statement.execute([seq])?;
    }
    Ok(())
}

fn leaf_from_row(row: &rusqlite::Row) -> rusqlite::Result<Leaf> {
    Ok(Leaf {
        doc_id: row.get(0)?,
        rev: row.get(1)?,
        ancestry: ancestry_of(&row.get::<_, String>(2)?),
        body: row.get(3)?,
        deleted: row.get(4)?,
    })
}

pub(crate) fn conflicts_of(conn: &Connection, doc_id: &str) -> CoreResult<Vec<Leaf>> {
    let mut statement = conn.prepare_cached(
        "SELECT doc_id, rev, ancestry, body, deleted FROM sync_conflicts WHERE doc_id = ?1 ORDER BY rev",
    )?;
    let rows = statement.query_map([doc_id], leaf_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn all_conflicts(conn: &Connection) -> CoreResult<Vec<Leaf>> {
    let mut statement = conn.prepare_cached(
        "SELECT doc_id, rev, ancestry, body, deleted FROM sync_conflicts ORDER BY doc_id, rev",
    )?;
    let rows = statement.query_map([], leaf_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn put_conflict(tx: &Transaction, leaf: &Leaf) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO sync_conflicts (doc_id, rev, ancestry, body, deleted) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(doc_id, rev) DO UPDATE SET ancestry = excluded.ancestry, body = excluded.body,
            deleted = excluded.deleted",
    )?
    .execute(params![
        leaf.doc_id,
        leaf.rev,
        ancestry_text(&leaf.ancestry),
        leaf.body,
        leaf.deleted
    ])?;
    Ok(())
}

/// A conflict leaf goes, settled: it will not come back as a conflict.
pub(crate) fn drop_conflict(tx: &Transaction, doc_id: &str, rev: &str) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM sync_conflicts WHERE doc_id = ?1 AND rev = ?2")?
        .execute([doc_id, rev])?;
    settle(tx, doc_id, rev)
}

/// A leaf settled here or elsewhere: known, and never a conflict again.
pub(crate) fn settle(tx: &Transaction, doc_id: &str, rev: &str) -> CoreResult<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO sync_settled (doc_id, rev) VALUES (?1, ?2)")?
        .execute([doc_id, rev])?;
    Ok(())
}

pub(crate) fn is_settled(conn: &Connection, doc_id: &str, rev: &str) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sync_settled WHERE doc_id = ?1 AND rev = ?2")?
        .query_row([doc_id, rev], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn count_conflicting_docs(conn: &Connection) -> CoreResult<usize> {
    let count: i64 = conn.query_row(
        "SELECT count(DISTINCT doc_id) FROM sync_conflicts",
        [],
        |row| row.get(0),
    )?;
    Ok(count as usize)
}

/// A colleague's revision that waits: its leaf, its attachments (name → base64) and why.
pub(crate) fn put_waiting(
    tx: &Transaction,
    leaf: &Leaf,
    attachments: &str,
    reason: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO sync_waiting (doc_id, rev, ancestry, body, deleted, attachments, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(doc_id) DO UPDATE SET rev = excluded.rev, ancestry = excluded.ancestry,
            body = excluded.body, deleted = excluded.deleted, attachments = excluded.attachments,
            reason = excluded.reason",
    )?
    .execute(params![
        leaf.doc_id,
        leaf.rev,
        ancestry_text(&leaf.ancestry),
        leaf.body,
        leaf.deleted,
        attachments,
        reason
    ])?;
    Ok(())
}

/// Every waiting revision with its attachments and reason.
pub(crate) fn waiting(conn: &Connection) -> CoreResult<Vec<(Leaf, String, String)>> {
    let mut statement = conn.prepare_cached(
        "SELECT doc_id, rev, ancestry, body, deleted, attachments, reason FROM sync_waiting ORDER BY doc_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((leaf_from_row(row)?, row.get(5)?, row.get(6)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The waiting revision of one document, if any.
pub(crate) fn waiting_of(conn: &Connection, doc_id: &str) -> CoreResult<Option<Leaf>> {
    Ok(conn
        .prepare_cached(
            "SELECT doc_id, rev, ancestry, body, deleted FROM sync_waiting WHERE doc_id = ?1",
        )?
        .query_row([doc_id], leaf_from_row)
        .optional()?)
}

pub(crate) fn drop_waiting(tx: &Transaction, doc_id: &str) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM sync_waiting WHERE doc_id = ?1")?
        .execute([doc_id])?;
    Ok(())
}

pub(crate) fn count_waiting(conn: &Connection) -> CoreResult<usize> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sync_waiting", [], |row| row.get(0))?;
    Ok(count as usize)
}

/// A fact of the sharing kept in `meta` under `sync.<key>`.
pub(crate) fn fact(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'sync.' || ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

pub(crate) fn set_fact(tx: &Transaction, key: &str, value: Option<&str>) -> CoreResult<()> {
    match value {
        Some(value) => tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES ('sync.' || ?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?,
        None => tx
            .prepare_cached("DELETE FROM meta WHERE key = 'sync.' || ?1")?
            .execute([key])?,
    };
    Ok(())
}
