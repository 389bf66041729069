//! Colleagues' revisions becoming records: fast-forward, field merge against the common
//! ancestor, or a conflict kept for the user with the winner CouchDB would pick; the ends of
//! losing branches; the revisions that wait for their links; the files a resource brings.
//! Each function runs inside the caller's one transaction.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::local::{
    body_text, bury, entity_of, leaf_from_state, make_revision, parse_body, write_record, Applied,
    IncomingRevision,
};
use super::merge::{merge, Merged};
use super::revs::{same_content, wins};
use crate::error::CoreResult;
use crate::exchange::json::docs::{self, LocalIds};
use crate::store::sync::{self as sql, DocState, Leaf, Tx};

pub(crate) fn is_buried(incoming: &IncomingRevision) -> bool {
    incoming.deleted && incoming.body.get("buried").and_then(Value::as_bool) == Some(true)
}

/// Drops the conflict leaves a revision says it settled, or ends (a deletion after a deletion
/// leaves nothing to choose).
fn drop_settled(tx: &Tx, incoming: &IncomingRevision) -> CoreResult<()> {
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
    tx: &Tx,
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
    tx: &Tx,
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
    tx: &Tx,
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

/// Tries the waiting revisions again (their links may have arrived).
pub(crate) fn retry_waiting(tx: &Tx, applied: &mut Applied) -> CoreResult<()> {
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

/// Stores the files a colleague's resource brings (checked against their SHA-256, their text
/// read as for a file attached here), before the resource that names them is written. A file
/// refused here (a program, a type we do not take) is not stored, and the resource waits.
fn store_attachments(tx: &Tx, incoming: &IncomingRevision) -> CoreResult<()> {
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
