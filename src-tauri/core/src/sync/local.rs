//! The local replica's own revisions: how the records' changes become revisions to send, what
//! this laptop already knows, a user's settlement of a conflict, and the files a resource's
//! document carries (`apply` takes the colleagues' revisions). Each function runs inside the
//! caller's one transaction, so an interruption at any point leaves the file as it was before
//! that step, and the step is simply done again.

use std::collections::{BTreeMap, HashMap, HashSet};

use base64::Engine as _;

use serde_json::{Map, Value};

use super::revs::{extend, next_rev, revisions_field, same_content};
use crate::error::CoreResult;
use crate::exchange::json::docs::{self, LocalIds, Written};
use crate::store::sync::{self as sql, Conn, DocState, Leaf, Tx};

/// A colleague's revision as the server gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingRevision {
    pub doc_id: String,
    pub rev: String,
    pub deleted: bool,
    /// Revision ids, newest first, `rev` included.
    pub ancestry: Vec<String>,
    /// The body without any `_` field.
    pub body: Map<String, Value>,
    /// A resource's files: SHA-256 → bytes.
    pub attachments: BTreeMap<String, Vec<u8>>,
}

/// What applying a batch of revisions did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Applied {
    pub received: usize,
    pub merged: usize,
    pub new_conflicts: usize,
}

pub(crate) fn parse_body(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(super) fn body_text(body: &Map<String, Value>) -> String {
    serde_json::to_string(body).unwrap_or_else(|_| "{}".into())
}

pub(super) fn entity_of(doc_id: &str) -> &str {
    doc_id.split_once(':').map_or("", |(entity, _)| entity)
}

/// The document to send for a revision.
pub(super) fn document(
    doc_id: &str,
    ancestry: &[String],
    deleted: bool,
    body: &Map<String, Value>,
) -> String {
    let mut document = if deleted {
        // A deletion keeps only what tells the other laptops how to read it.
        body.iter()
            .filter(|(key, _)| MARKERS.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    } else {
        body.clone()
    };
    document.insert("_id".into(), Value::String(doc_id.into()));
    document.insert("_rev".into(), Value::String(ancestry[0].clone()));
    document.insert("_revisions".into(), revisions_field(ancestry));
    if deleted {
        document.insert("_deleted".into(), Value::Bool(true));
    }
    body_text(&document)
}

/// Fields of a deletion that say why: `buried` ends the losing branch of a conflict (it is no
/// one's deletion of the record), `resolves` lists the leaves a user's choice settled.
const MARKERS: &[&str] = &["recordKind", "editedBy", "buried", "resolves"];

/// Records a revision made here: the document's new state, and the document to send.
pub(super) fn make_revision(
    tx: &Tx,
    state: DocState,
    deleted: bool,
    body: Map<String, Value>,
) -> CoreResult<DocState> {
    let parent = (!state.rev.is_empty()).then_some(state.rev.as_str());
    let rev = next_rev(parent, deleted, &body);
    let ancestry = extend(&rev, &state.ancestry);
    sql::queue(
        tx,
        &state.doc_id,
        &rev,
        &document(&state.doc_id, &ancestry, deleted, &body),
    )?;
    let base = match (&state.base, parent) {
        (Some(base), _) => Some(base.clone()),
        (None, Some(parent)) => Some((parent.to_string(), state.body.clone())),
        (None, None) => None,
    };
    let state = DocState {
        rev,
        ancestry,
        body: body_text(&body),
        deleted,
        base,
        ..state
    };
    sql::put_doc(tx, &state)?;
    Ok(state)
}

/// Puts every document's current revision back in the outbox: the server is another one, or
/// was emptied, and must be offered everything (`_revs_diff` then skips what it has).
pub(crate) fn offer_everything_again(tx: &Tx) -> CoreResult<()> {
    for state in sql::all_docs(tx)? {
        let body = parse_body(&state.body);
        let document = document(&state.doc_id, &state.ancestry, state.deleted, &body);
        sql::queue(tx, &state.doc_id, &state.rev, &document)?;
    }
    for leaf in sql::all_conflicts(tx)? {
        let body = parse_body(&leaf.body);
        sql::queue(
            tx,
            &leaf.doc_id,
            &leaf.rev,
            &document(&leaf.doc_id, &leaf.ancestry, leaf.deleted, &body),
        )?;
    }
    Ok(())
}

/// Turns the records changed since the last sync into revisions to send. `editor` signs them
/// (« prendre celle de ‹editor› » on a colleague's laptop). Returns how many were made.
pub(crate) fn revise(tx: &Tx, editor: &str) -> CoreResult<usize> {
    let marked = sql::marked(tx)?;
    if marked.is_empty() {
        return Ok(0);
    }
    let mut wanted: HashMap<String, HashSet<String>> = HashMap::new();
    for (entity, id) in &marked {
        wanted.entry(entity.clone()).or_default().insert(id.clone());
    }
    let mut made = 0;
    for doc in docs::local_docs(tx, &wanted)? {
        let state = sql::doc_of_record(tx, doc.entity, &doc.record_id)?;
        sql::unmark(tx, doc.entity, &doc.record_id)?;
        match (doc.body, state) {
            (None, None) => {}
            (None, Some(state)) if state.deleted => {}
            (None, Some(state)) => {
                let body = parse_body(&state.body);
                make_revision(tx, state, true, body)?;
                made += 1;
            }
            (Some(mut body), state) => {
                if let Some(state) = &state {
                    if !state.deleted && same_content(&body, &parse_body(&state.body)) {
                        continue;
                    }
                }
                body.insert("editedBy".into(), Value::String(editor.into()));
                let state = state.unwrap_or_else(|| DocState {
                    doc_id: doc.doc_id.clone(),
                    entity: doc.entity.into(),
                    record_id: doc.record_id.clone(),
                    rev: String::new(),
                    ancestry: Vec::new(),
                    body: "{}".into(),
                    deleted: false,
                    base: None,
                });
                make_revision(tx, state, false, body)?;
                made += 1;
            }
        }
    }
    Ok(made)
}

/// Whether this laptop already has the revision `rev` of `doc_id` (as its record, an ancestor,
/// a conflicting leaf or a waiting revision).
pub(crate) fn knows(tx: &Conn, doc_id: &str, rev: &str) -> CoreResult<bool> {
    if sql::is_settled(tx, doc_id, rev)? {
        return Ok(true);
    }
    if let Some(state) = sql::doc(tx, doc_id)? {
        if state.ancestry.iter().any(|known| known == rev) {
            return Ok(true);
        }
    }
    if sql::conflicts_of(tx, doc_id)?
        .iter()
        .any(|leaf| leaf.ancestry.iter().any(|known| known == rev))
    {
        return Ok(true);
    }
    Ok(sql::waiting_of(tx, doc_id)?
        .is_some_and(|leaf| leaf.ancestry.iter().any(|known| known == rev)))
}

/// Writes a revision's content as the record (or deletes it); `Err` is why it must wait.
pub(super) fn write_record(
    tx: &Tx,
    ids: &LocalIds,
    doc_id: &str,
    record_id: Option<&str>,
    deleted: bool,
    body: &Map<String, Value>,
) -> CoreResult<Result<String, String>> {
    let entity = entity_of(doc_id);
    if deleted {
        return match record_id {
            Some(id) => Ok(docs::delete_doc(tx, entity, id)?.map(|()| id.to_string())),
            None => Ok(Ok(String::new())),
        };
    }
    match docs::write_doc(tx, ids, entity, body)? {
        Written::Record(id) => {
            sql::unmark(tx, entity, &id)?;
            Ok(Ok(id))
        }
        Written::Waiting(reason) => Ok(Err(reason)),
    }
}

pub(super) fn leaf_from_state(state: &DocState) -> Leaf {
    Leaf {
        doc_id: state.doc_id.clone(),
        rev: state.rev.clone(),
        ancestry: state.ancestry.clone(),
        body: state.body.clone(),
        deleted: state.deleted,
    }
}

/// Ends a losing branch with a deletion on top of it (what CouchDB's conflict resolution does).
pub(super) fn bury(tx: &Tx, loser: &Leaf) -> CoreResult<()> {
    sql::drop_conflict(tx, &loser.doc_id, &loser.rev)?;
    if loser.deleted {
        return Ok(());
    }
    let mut marker = Map::new();
    marker.insert("buried".into(), Value::Bool(true));
    let rev = next_rev(Some(&loser.rev), true, &marker);
    let ancestry = extend(&rev, &loser.ancestry);
    sql::queue(
        tx,
        &loser.doc_id,
        &rev,
        &document(&loser.doc_id, &ancestry, true, &marker),
    )
}

/// Settles a conflict: the chosen version becomes a new revision on the winning branch, every
/// other leaf is ended by a deletion. `take_theirs` picks the (first) other leaf.
pub(crate) fn resolve(tx: &Tx, doc_id: &str, take_theirs: bool, editor: &str) -> CoreResult<bool> {
    let Some(state) = sql::doc(tx, doc_id)? else {
        return Ok(false);
    };
    let leaves = sql::conflicts_of(tx, doc_id)?;
    let Some(theirs) = leaves.first().cloned() else {
        return Ok(false);
    };
    let (deleted, mut body) = if take_theirs {
        (
            theirs.deleted,
            parse_body(if theirs.deleted {
                &state.body
            } else {
                &theirs.body
            }),
        )
    } else {
        (state.deleted, parse_body(&state.body))
    };
    if take_theirs {
        let ids = docs::local_ids(tx)?;
        let written = write_record(tx, &ids, doc_id, Some(&state.record_id), deleted, &body)?;
        if let Err(reason) = written {
            return Err(crate::CoreError::InUse {
                message: format!("Cette version ne peut pas être prise : {reason}."),
                references: Vec::new(),
            });
        }
    }
    for leaf in &leaves {
        bury(tx, leaf)?;
    }
    body.insert("editedBy".into(), Value::String(editor.into()));
    let settled: Vec<Value> = leaves
        .iter()
        .map(|leaf| Value::String(leaf.rev.clone()))
        .collect();
    body.insert("resolves".into(), Value::Array(settled));
    make_revision(tx, state, deleted, body)?;
    if !deleted {
        let entity = entity_of(doc_id).to_string();
        if let Some(state) = sql::doc(tx, doc_id)? {
            sql::unmark(tx, &entity, &state.record_id)?;
        }
    }
    Ok(true)
}

/// Adds a resource's files to its document as inline attachments (base64), as `_bulk_docs`
/// takes them with `new_edits: false`.
pub(crate) fn attach_files(conn: &Conn, document: &mut Value) -> CoreResult<()> {
    if document.get("recordKind").and_then(Value::as_str) != Some("resource") {
        return Ok(());
    }
    let shas: Vec<String> = document
        .get("files")
        .and_then(Value::as_array)
        .map(|files| {
            files
                .iter()
                .filter_map(|f| f.get("sha256").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut attachments = Map::new();
    for sha in shas {
        if let Some((media_type, bytes)) = sql::file_content(conn, &sha)? {
            attachments.insert(
                sha,
                serde_json::json!({
                    "content_type": media_type,
                    "data": base64::engine::general_purpose::STANDARD.encode(bytes),
                }),
            );
        }
    }
    if !attachments.is_empty() {
        document["_attachments"] = Value::Object(attachments);
    }
    Ok(())
}
