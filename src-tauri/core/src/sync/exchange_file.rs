//! The revisions an exchange file carries, so that a file and the team's server agree
//! afterwards: a colleague's records that came by file are, here, the very revisions the
//! colleague made, not new ones of this laptop — and when both laptops sync, the server holds
//! one history per record instead of two branches to settle.
//!
//! # In the file
//!
//! `"revisions": {"expert:UUID": ["3-…", "2-…", "1-…"], …}`, document id → revision ids, newest
//! first (at most [`MAX_ANCESTRY`]), sorted by id; left out when the database has none.
//! An export first turns the records changed since the last sync into revisions (when this
//! laptop shares), then lists the revision of every record whose content it is: a record
//! changed since (marked) is left out, its next revision is not made yet.
//!
//! # On import
//!
//! After the file's records are merged, each revision of the file is checked against the
//! record as it is here now: its id is computed from its parent and the record's content
//! ([`next_rev`]), so it matches only when the record here says exactly what the colleague's
//! revision says (taken from the file, or the same already). Then that revision becomes this
//! laptop's: a branch of our own that differs is ended (as a conflict settled for the file's
//! side: the user chose it in the import, or it was newer), a conflict or a waiting revision
//! it follows is dropped, and, when this laptop shares, it is queued so the server has it
//! even if the colleague never syncs. A record that says something else here (« garder la
//! mienne », a change made here) keeps its own history: the next sync makes its revision, and
//! the server's rules (merge, or the conflict chooser) apply as for any two laptops.
//! A revision that does not match is ignored, never an error: a file edited by hand, or a
//! record of the file not taken, simply travels without its history.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::local::{body_text, bury, document, leaf_from_state, revise};
use super::revs::{next_rev, position, MAX_ANCESTRY};
use crate::error::CoreResult;
use crate::exchange::json::docs::{self, LocalIds};
use crate::store::sync::{self as sql, Conn, DocState, Tx};

/// Document id → revision ids, newest first: the `revisions` part of an exchange file.
pub type FileRevisions = BTreeMap<String, Vec<String>>;

/// Whether this laptop shares with a team (settings saved, or a sync made from the command
/// line): its changes then become revisions queued for the server.
fn shares(conn: &Conn) -> CoreResult<bool> {
    Ok(sql::fact(conn, "server")?.is_some() || sql::fact(conn, "serverKnown")?.is_some())
}

/// The revisions an export carries: every live record's current revision, the records changed
/// since the last sync made into revisions first when this laptop shares.
pub(crate) fn for_export(tx: &Tx) -> CoreResult<FileRevisions> {
    if shares(tx)? {
        let editor = sql::fact(tx, "user")?.unwrap_or_default();
        revise(tx, &editor)?;
    }
    let marked: HashSet<(String, String)> = sql::marked(tx)?.into_iter().collect();
    Ok(sql::all_docs(tx)?
        .into_iter()
        .filter(|state| {
            !state.deleted && !marked.contains(&(state.entity.clone(), state.record_id.clone()))
        })
        .map(|state| {
            let mut ancestry = state.ancestry;
            ancestry.truncate(MAX_ANCESTRY);
            (state.doc_id, ancestry)
        })
        .collect())
}

/// Reads the `revisions` part of a file (absent: none), each problem naming its document.
pub(crate) fn parse(value: Option<Value>, problems: &mut Vec<String>) -> FileRevisions {
    let Some(value) = value else {
        return FileRevisions::new();
    };
    let revisions: FileRevisions = match serde_json::from_value(value) {
        Ok(revisions) => revisions,
        Err(_) => {
            problems.push(
                "la partie « revisions » est illisible : un objet { identifiant de document : [révisions] } est attendu."
                    .into(),
            );
            return FileRevisions::new();
        }
    };
    for (doc_id, ancestry) in &revisions {
        let shown = crate::validation::quoted(doc_id);
        if doc_id.split_once(':').is_none() || docs::entity_label(entity(doc_id)).1.is_empty() {
            problems.push(format!(
                "révisions : « {shown} » n’est pas un identifiant de document Passerelle (type:identifiant)."
            ));
        } else if !is_history(ancestry) {
            problems.push(format!(
                "révisions de « {shown} » : une suite de révisions « N-empreinte » de la plus récente à la plus ancienne (au plus {MAX_ANCESTRY}) est attendue."
            ));
        }
    }
    revisions
}

fn entity(doc_id: &str) -> &str {
    doc_id.split_once(':').map_or("", |(entity, _)| entity)
}

/// Revision ids `N-hex`, newest first, their positions following one another.
fn is_history(ancestry: &[String]) -> bool {
    let well_formed = |rev: &String| {
        rev.split_once('-').is_some_and(|(pos, hash)| {
            !pos.is_empty()
                && pos.bytes().all(|b| b.is_ascii_digit())
                && !hash.is_empty()
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
    };
    !ancestry.is_empty()
        && ancestry.len() <= MAX_ANCESTRY
        && ancestry.iter().all(well_formed)
        && position(&ancestry[0]) >= 1
        && ancestry
            .windows(2)
            .all(|pair| position(&pair[0]) == position(&pair[1]) + 1)
}

/// After an import's records are written: each revision of the file whose content is the
/// record's here becomes this laptop's revision of it. Returns how many were taken.
pub(crate) fn adopt(tx: &Tx, revisions: &FileRevisions) -> CoreResult<usize> {
    if revisions.is_empty() {
        return Ok(0);
    }
    let ids = docs::local_ids(tx)?;
    let records = records_of(&ids, revisions);
    let mut wanted: HashMap<String, HashSet<String>> = HashMap::new();
    for (entity, record_id) in records.values() {
        wanted
            .entry((*entity).to_string())
            .or_default()
            .insert(record_id.clone());
    }
    let by_record: HashMap<(&str, &str), &str> = records
        .iter()
        .map(|(doc_id, (entity, id))| ((*entity, id.as_str()), doc_id.as_str()))
        .collect();
    let queue_for_server = shares(tx)?;
    let mut adopted = 0;
    for local in docs::local_docs(tx, &wanted)? {
        let (Some(body), Some(doc_id)) = (
            local.body,
            by_record.get(&(local.entity, local.record_id.as_str())),
        ) else {
            continue;
        };
        let ancestry = &revisions[*doc_id];
        let parent = ancestry.get(1).map(String::as_str);
        // Same parent and same content give the same id: the record says what the revision says.
        if next_rev(parent, false, &body) != ancestry[0] || local.doc_id != *doc_id {
            continue;
        }
        let state = DocState {
            doc_id: local.doc_id.clone(),
            entity: local.entity.into(),
            record_id: local.record_id.clone(),
            rev: ancestry[0].clone(),
            ancestry: ancestry.clone(),
            body: body_text(&body),
            deleted: false,
            base: None,
        };
        if take(tx, state, queue_for_server)? {
            adopted += 1;
        }
    }
    Ok(adopted)
}

/// The records the file's documents name here.
fn records_of(
    ids: &LocalIds,
    revisions: &FileRevisions,
) -> BTreeMap<String, (&'static str, String)> {
    revisions
        .keys()
        .filter_map(|doc_id| Some((doc_id.clone(), docs::record_of_doc(ids, doc_id)?)))
        .collect()
}

/// Makes the file's revision this laptop's; `false` when this laptop already had it.
fn take(tx: &Tx, adopted: DocState, queue_for_server: bool) -> CoreResult<bool> {
    if let Some(ours) = sql::doc(tx, &adopted.doc_id)? {
        if ours.ancestry.contains(&adopted.rev) {
            if ours.rev == adopted.rev && !ours.deleted {
                // The record was written again with the same content: nothing to send.
                sql::unmark(tx, &adopted.entity, &adopted.record_id)?;
            }
            return Ok(false);
        }
        if !adopted.ancestry.contains(&ours.rev) {
            // Two branches, and the record here is now the file's: ours ends.
            bury(tx, &leaf_from_state(&ours))?;
        }
    }
    for leaf in sql::conflicts_of(tx, &adopted.doc_id)? {
        if adopted.ancestry.contains(&leaf.rev) {
            sql::drop_conflict(tx, &leaf.doc_id, &leaf.rev)?;
        }
    }
    if sql::waiting_of(tx, &adopted.doc_id)?
        .is_some_and(|leaf| adopted.ancestry.contains(&leaf.rev))
    {
        sql::drop_waiting(tx, &adopted.doc_id)?;
    }
    if queue_for_server {
        let body = super::local::parse_body(&adopted.body);
        sql::queue(
            tx,
            &adopted.doc_id,
            &adopted.rev,
            &document(&adopted.doc_id, &adopted.ancestry, false, &body),
        )?;
    }
    sql::unmark(tx, &adopted.entity, &adopted.record_id)?;
    sql::put_doc(tx, &adopted)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(revs: &[&str]) -> Vec<String> {
        revs.iter().map(|rev| rev.to_string()).collect()
    }

    #[test]
    fn a_history_is_revision_ids_newest_first_without_gaps() {
        assert!(is_history(&history(&["3-ab", "2-cd", "1-ef"])));
        assert!(is_history(&history(&["7-ab", "6-cd"])));
        assert!(!is_history(&history(&[])));
        assert!(!is_history(&history(&["3-ab", "1-ef"])));
        assert!(!is_history(&history(&["1-ab", "2-cd"])));
        assert!(!is_history(&history(&["x-ab"])));
        assert!(!is_history(&history(&["2-"])));
        assert!(!is_history(&history(&["0-ab"])));
        assert!(!is_history(&history(&["2-zz", "1-ab"])));
    }
}
