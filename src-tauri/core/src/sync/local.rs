//! The local replica: how the records' changes become revisions, and how a colleague's
//! revisions become records — fast-forward, field merge against the common ancestor, or a
//! conflict kept for the user with the winner CouchDB would pick. Each function runs inside
//! the caller's one transaction, so an interruption at any point leaves the file as it was
//! before that step, and the step is simply done again.

use std::collections::{BTreeMap, HashMap, HashSet};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use rusqlite::Transaction;
use serde_json::{Map, Value};

use super::merge::{merge, Merged};
use super::revs::{extend, next_rev, revisions_field, same_content, wins};
use crate::error::CoreResult;
use crate::exchange::json::docs::{self, LocalIds, Written};
use crate::store::sync::{self as sql, DocState, Leaf};

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

fn body_text(body: &Map<String, Value>) -> String {
    serde_json::to_string(body).unwrap_or_else(|_| "{}".into())
}

fn entity_of(doc_id: &str) -> &str {
    doc_id.split_once(':').map_or("", |(entity, _)| entity)
}

/// The document to send for a revision.
fn document(doc_id: &str, ancestry: &[String], deleted: bool, body: &Map<String, Value>) -> String {
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

pub(crate) fn is_buried(incoming: &IncomingRevision) -> bool {
    incoming.deleted && incoming.body.get("buried").and_then(Value::as_bool) == Some(true)
}

/// Drops the conflict leaves a revision says it settled, or ends (a deletion after a deletion
/// leaves nothing to choose).
fn drop_settled(tx: &Transaction, incoming: &IncomingRevision) -> CoreResult<()> {
    let settled: Vec<&str> = incoming
        .body
        .get("resolves")
        .and_then(Value::as_array)
        .map(|revs| revs.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for rev in &settled {
        sql::settle(tx, &incoming.doc_id, rev)?;
    }
    for leaf in sql::conflicts_of(tx, &incoming.doc_id)? {
        if settled.contains(&leaf.rev.as_str())
            || incoming.ancestry.contains(&leaf.rev)
            || (incoming.deleted && leaf.deleted)
        {
            sql::drop_conflict(tx, &leaf.doc_id, &leaf.rev)?;
        }
    }
    Ok(())
}

/// Records a revision made here: the document's new state, and the document to send.
fn make_revision(
    tx: &Transaction,
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
pub(crate) fn offer_everything_again(tx: &Transaction) -> CoreResult<()> {
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
pub(crate) fn revise(tx: &Transaction, editor: &str) -> CoreResult<usize> {
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
pub(crate) fn knows(tx: &rusqlite::Connection, doc_id: &str, rev: &str) -> CoreResult<bool> {
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
fn write_record(
    tx: &Transaction,
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

fn leaf_of(incoming: &IncomingRevision) -> Leaf {
    Leaf {
        doc_id: incoming.doc_id.clone(),
        rev: incoming.rev.clone(),
        ancestry: incoming.ancestry.clone(),
        body: body_text(&incoming.body),
        deleted: incoming.deleted,
    }
}

/// Applies one colleague's revision. Returns what it did to the counts.
pub(crate) fn apply(
    tx: &Transaction,
    ids: &LocalIds,
    incoming: &IncomingRevision,
    applied: &mut Applied,
) -> CoreResult<()> {
    if docs::entity_label(entity_of(&incoming.doc_id)).1.is_empty() {
        // Not one of ours (a design document, another application's): left alone.
        return Ok(());
    }
    let state = sql::doc(tx, &incoming.doc_id)?;
    if is_buried(incoming) {
        // The end of a losing branch, merged or chosen elsewhere: the winning branch brings
        // the record. If it is the branch shown here, the record stays until the winner comes
        // (the engine applies these ends first), then is replaced by it without a conflict.
        if let Some(state) = state.filter(|state| incoming.ancestry.contains(&state.rev)) {
            let mut body = parse_body(&state.body);
            body.insert("buried".into(), Value::Bool(true));
            let ended = DocState {
                rev: incoming.rev.clone(),
                ancestry: incoming.ancestry.clone(),
                body: body_text(&body),
                deleted: true,
                ..state
            };
            sql::put_doc(tx, &ended)?;
        }
        return drop_settled(tx, incoming);
    }
    store_attachments(tx, incoming)?;
    let state = match state {
        None => return take(tx, ids, None, incoming, applied),
        Some(state) => state,
    };
    if state.deleted && parse_body(&state.body).get("buried").is_some() && !incoming.deleted {
        return take(tx, ids, Some(state), incoming, applied);
    }
    if incoming.ancestry.contains(&state.rev) {
        return take(tx, ids, Some(state), incoming, applied);
    }
    if state.ancestry.contains(&incoming.rev) {
        return Ok(());
    }
    let conflicts = sql::conflicts_of(tx, &incoming.doc_id)?;
    if let Some(older) = conflicts
        .iter()
        .find(|leaf| incoming.ancestry.contains(&leaf.rev))
    {
        // The other branch went on: its newer leaf replaces the one kept.
        sql::drop_conflict(tx, &older.doc_id, &older.rev)?;
        sql::put_conflict(tx, &leaf_of(incoming))?;
        applied.received += 1;
        return Ok(());
    }
    branch(tx, ids, state, incoming, applied)
}

/// The colleague's revision follows ours (or is new here): it becomes the record.
fn take(
    tx: &Transaction,
    ids: &LocalIds,
    state: Option<DocState>,
    incoming: &IncomingRevision,
    applied: &mut Applied,
) -> CoreResult<()> {
    let record_id = state.as_ref().map(|s| s.record_id.clone());
    match write_record(
        tx,
        ids,
        &incoming.doc_id,
        record_id.as_deref(),
        incoming.deleted,
        &incoming.body,
    )? {
        Ok(record_id) => {
            sql::drop_waiting(tx, &incoming.doc_id)?;
            drop_settled(tx, incoming)?;
            sql::put_doc(
                tx,
                &DocState {
                    doc_id: incoming.doc_id.clone(),
                    entity: entity_of(&incoming.doc_id).into(),
                    record_id,
                    rev: incoming.rev.clone(),
                    ancestry: incoming.ancestry.clone(),
                    body: body_text(&incoming.body),
                    deleted: incoming.deleted,
                    base: None,
                },
            )?;
            applied.received += 1;
        }
        Err(reason) if incoming.deleted => {
            // Deleted by a colleague but still used here: the record stays, and a revision on
            // top of the deletion brings it back everywhere, so nothing is lost.
            let Some(state) = state else { return Ok(()) };
            let body = parse_body(&state.body);
            let _ = reason;
            let after = DocState {
                rev: incoming.rev.clone(),
                ancestry: incoming.ancestry.clone(),
                deleted: true,
                ..state
            };
            make_revision(tx, after, false, body)?;
            applied.received += 1;
        }
        Err(reason) => {
            let attachments: BTreeMap<&String, String> = incoming
                .attachments
                .iter()
                .map(|(sha, bytes)| (sha, base64::engine::general_purpose::STANDARD.encode(bytes)))
                .collect();
            let attachments = serde_json::to_string(&attachments).unwrap_or_else(|_| "{}".into());
            sql::put_waiting(tx, &leaf_of(incoming), &attachments, &reason)?;
        }
    }
    Ok(())
}

/// Two branches: merged field by field when their changes do not touch the same fields,
/// otherwise a conflict kept for the user; either way with CouchDB's winner.
fn branch(
    tx: &Transaction,
    ids: &LocalIds,
    state: DocState,
    incoming: &IncomingRevision,
    applied: &mut Applied,
) -> CoreResult<()> {
    let mine = parse_body(&state.body);
    let ancestor = state
        .base
        .as_ref()
        .filter(|(rev, _)| incoming.ancestry.contains(rev))
        .map(|(_, body)| parse_body(body));
    let ours_wins = wins(
        (&state.rev, state.deleted),
        (&incoming.rev, incoming.deleted),
    );
    if state.deleted && incoming.deleted {
        // Deleted on both sides: nothing to choose.
        return sql::settle(tx, &incoming.doc_id, &incoming.rev);
    }
    if !state.deleted && !incoming.deleted {
        if let Merged::Clean(merged) = merge(ancestor.as_ref(), &mine, &incoming.body) {
            let winner = if ours_wins {
                state.clone()
            } else {
                DocState {
                    rev: incoming.rev.clone(),
                    ancestry: incoming.ancestry.clone(),
                    body: body_text(&incoming.body),
                    ..state.clone()
                }
            };
            let winner_body = parse_body(&winner.body);
            // The winner already holds everything (a merge made on another laptop): it is
            // taken as it is, so that every laptop ends with the same record.
            let settled = same_content(&merged, &winner_body);
            let written = if settled { &winner_body } else { &merged };
            if let Ok(record_id) = write_record(
                tx,
                ids,
                &incoming.doc_id,
                Some(&state.record_id),
                false,
                written,
            )? {
                let loser = if ours_wins {
                    leaf_of(incoming)
                } else {
                    leaf_from_state(&state)
                };
                bury(tx, &loser)?;
                let winner = DocState {
                    record_id,
                    deleted: false,
                    ..winner
                };
                if settled {
                    sql::put_doc(tx, &winner)?;
                } else {
                    make_revision(tx, winner, false, merged)?;
                    applied.merged += 1;
                }
                applied.received += 1;
                return Ok(());
            }
        }
    }
    if ours_wins {
        sql::put_conflict(tx, &leaf_of(incoming))?;
    } else {
        match write_record(
            tx,
            ids,
            &incoming.doc_id,
            Some(&state.record_id),
            incoming.deleted,
            &incoming.body,
        )? {
            Ok(record_id) => {
                sql::put_conflict(tx, &leaf_from_state(&state))?;
                sql::put_doc(
                    tx,
                    &DocState {
                        record_id: if record_id.is_empty() {
                            state.record_id.clone()
                        } else {
                            record_id
                        },
                        rev: incoming.rev.clone(),
                        ancestry: incoming.ancestry.clone(),
                        body: if incoming.deleted {
                            state.body.clone()
                        } else {
                            body_text(&incoming.body)
                        },
                        deleted: incoming.deleted,
                        base: state.base.clone(),
                        ..state
                    },
                )?;
            }
            // The winner cannot be written here (its links have not arrived): ours stays shown
            // and theirs is kept as the other side of the conflict.
            Err(_) => sql::put_conflict(tx, &leaf_of(incoming))?,
        }
    }
    applied.received += 1;
    applied.new_conflicts += 1;
    Ok(())
}

fn leaf_from_state(state: &DocState) -> Leaf {
    Leaf {
        doc_id: state.doc_id.clone(),
        rev: state.rev.clone(),
        ancestry: state.ancestry.clone(),
        body: state.body.clone(),
        deleted: state.deleted,
    }
}

/// Ends a losing branch with a deletion on top of it (what CouchDB's conflict resolution does).
fn bury(tx: &Transaction, loser: &Leaf) -> CoreResult<()> {
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

/// Tries the waiting revisions again (their links may have arrived).
pub(crate) fn retry_waiting(tx: &Transaction, applied: &mut Applied) -> CoreResult<()> {
    let ids = docs::local_ids(tx)?;
    for (leaf, attachments, _) in sql::waiting(tx)? {
        sql::drop_waiting(tx, &leaf.doc_id)?;
        let attachments: BTreeMap<String, String> =
            serde_json::from_str(&attachments).unwrap_or_default();
        let incoming = IncomingRevision {
            doc_id: leaf.doc_id.clone(),
            rev: leaf.rev.clone(),
            deleted: leaf.deleted,
            ancestry: leaf.ancestry.clone(),
            body: parse_body(&leaf.body),
            attachments: attachments
                .into_iter()
                .filter_map(|(sha, data)| {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(data)
                        .ok()?;
                    Some((sha, bytes))
                })
                .collect(),
        };
        apply(tx, &ids, &incoming, applied)?;
    }
    Ok(())
}

/// Settles a conflict: the chosen version becomes a new revision on the winning branch, every
/// other leaf is ended by a deletion. `take_theirs` picks the (first) other leaf.
pub(crate) fn resolve(
    tx: &Transaction,
    doc_id: &str,
    take_theirs: bool,
    editor: &str,
) -> CoreResult<bool> {
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

/// Stores the files a colleague's resource brings (checked against their SHA-256, their text
/// read as for a file attached here), before the resource that names them is written. A file
/// refused here (a program, a type we do not take) is not stored, and the resource waits.
fn store_attachments(tx: &Transaction, incoming: &IncomingRevision) -> CoreResult<()> {
    let Some(files) = incoming.body.get("files").and_then(Value::as_array) else {
        return Ok(());
    };
    for file in files {
        let (Some(sha), Some(name)) = (
            file.get("sha256").and_then(Value::as_str),
            file.get("name").and_then(Value::as_str),
        ) else {
            continue;
        };
        let Some(bytes) = incoming.attachments.get(sha) else {
            continue;
        };
        let digest: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if digest != sha || sql::record_exists(tx, "file_contents", sha)? {
            continue;
        }
        if let Ok(inspected) = crate::attachments::inspect(name, bytes) {
            crate::store::resource_files::insert_content(tx, sha, &inspected, bytes)?;
        }
    }
    Ok(())
}

/// Adds a resource's files to its document as inline attachments (base64), as `_bulk_docs`
/// takes them with `new_edits: false`.
pub(crate) fn attach_files(conn: &rusqlite::Connection, document: &mut Value) -> CoreResult<()> {
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
