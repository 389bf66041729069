//! Records as CouchDB documents, for the team sharing (`crate::sync`): a document's body is
//! the record exactly as the exchange file writes it (same kinds, same fields, same checks),
//! plus its `recordKind` (the records have a `kind` field of their own). Ids are shared: a
//! reference record shipped with the application is `ref:KEY` on every laptop (its local id is
//! the same everywhere too since migration 11, derived from its key, but older releases' were
//! random), and so are the links to it; every other record keeps its UUID. The document id is
//! `kind:id`.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::export::lists_from_snapshot;
use super::kinds::*;
use super::links::{key_maps, IdMaps, Target};
use super::shapes::{Lists, Record};
use crate::error::CoreResult;
use crate::store::snapshot::{self, Changes, ReferenceTable, Snapshot};
use crate::store::sync::{self as sync_store, Conn, Tx};

/// A shared record as this laptop has it now; `body` is `None` for a record deleted here.
#[derive(Debug, Clone)]
pub(crate) struct LocalDoc {
    pub entity: &'static str,
    pub record_id: String,
    pub doc_id: String,
    pub body: Option<Map<String, Value>>,
}

/// The document id of a record: its kind and its shared id.
pub(crate) fn doc_id(entity: &str, shared_id: &str) -> String {
    format!("{entity}:{shared_id}")
}

/// The kinds of shared records, in dependency order (parents first).
pub(crate) fn entities() -> Vec<&'static str> {
    let mut entities = Vec::new();
    macro_rules! push_entity {
        ($kind:ident) => {
            entities.push($kind::ENTITY)
        };
    }
    for_each_kind!(push_entity);
    entities
}

/// The French name of a kind ("Expert", "Événement"…) and the French names of its fields.
pub(crate) fn entity_label(
    entity: &str,
) -> (&'static str, &'static [(&'static str, &'static str)]) {
    let mut found: (&'static str, &'static [(&'static str, &'static str)]) =
        ("Enregistrement", &[]);
    macro_rules! label_of {
        ($kind:ident) => {
            if entity == $kind::ENTITY {
                found = ($kind::ENTITY_LABEL, $kind::FIELDS);
            }
        };
    }
    for_each_kind!(label_of);
    found
}

/// The record as users know it ("Anna Schäfer"), from a body; empty when it does not read.
pub(crate) fn record_label(entity: &str, body: &Map<String, Value>) -> String {
    let mut label = String::new();
    macro_rules! label_from {
        ($kind:ident) => {
            if entity == $kind::ENTITY {
                if let Ok(record) =
                    serde_json::from_value::<Record<<$kind as Kind>::Content>>(without_kind(body))
                {
                    label = $kind::label(&record.content);
                }
            }
        };
    }
    for_each_kind!(label_from);
    label
}

fn without_kind(body: &Map<String, Value>) -> Value {
    let mut body = body.clone();
    body.remove("recordKind");
    body.remove("editedBy");
    body.remove("resolves");
    Value::Object(body)
}

/// The documents of the `wanted` records (entity → local ids) as they are now. The kinds
/// wanted are read whole, once (the exchange's snapshot, with the reference lists its links
/// need), then only the wanted records are turned into bodies; a wanted record that is not
/// there any more comes back with no body.
pub(crate) fn local_docs(
    conn: &Conn,
    wanted: &HashMap<String, HashSet<String>>,
) -> CoreResult<Vec<LocalDoc>> {
    let wants = |entity: &str| wanted.contains_key(entity);
    // A kind left out must have no wanted record: it would read as deleted.
    let parts = snapshot::Parts {
        experts: wants(Experts::ENTITY),
        training_requests: wants(Requests::ENTITY),
        events: wants(Events::ENTITY),
        sessions: wants(Sessions::ENTITY),
        participants: wants(Participants::ENTITY),
        resources: wants(Resources::ENTITY),
        legal_notes: wants(LegalNotes::ENTITY),
    };
    let lists = lists_from_snapshot(snapshot::read_parts(conn, parts)?);
    let keys = key_maps(&[&lists]);
    let mut docs = Vec::new();
    macro_rules! collect_docs {
        ($kind:ident) => {
            docs_of::<$kind>(&lists, &keys, wanted, &mut docs)
        };
    }
    for_each_kind!(collect_docs);
    let found: HashSet<(&str, &str)> = docs
        .iter()
        .map(|doc| (doc.entity, doc.record_id.as_str()))
        .collect();
    let mut gone = Vec::new();
    for entity in entities() {
        for id in wanted.get(entity).into_iter().flatten() {
            if !found.contains(&(entity, id.as_str())) {
                gone.push(LocalDoc {
                    entity,
                    record_id: id.clone(),
                    doc_id: String::new(),
                    body: None,
                });
            }
        }
    }
    docs.extend(gone);
    Ok(docs)
}

fn docs_of<K: Kind>(
    lists: &Lists,
    keys: &IdMaps,
    wanted: &HashMap<String, HashSet<String>>,
    docs: &mut Vec<LocalDoc>,
) {
    let Some(ids) = wanted.get(K::ENTITY) else {
        return;
    };
    for record in K::list(lists) {
        if !ids.contains(&record.id) {
            continue;
        }
        let mut shared = record.clone();
        if let Some(key) = &record.reference_key {
            shared.id = format!("ref:{key}");
        }
        K::map_ids(&mut shared.content, keys);
        let Ok(Value::Object(mut body)) = serde_json::to_value(&shared) else {
            continue;
        };
        body.insert("recordKind".into(), Value::String(K::ENTITY.into()));
        docs.push(LocalDoc {
            entity: K::ENTITY,
            record_id: record.id.clone(),
            doc_id: doc_id(K::ENTITY, &shared.id),
            body: Some(body),
        });
    }
}

/// Shared ids → local ids of the reference records here, read once per batch.
pub(crate) struct LocalIds {
    maps: IdMaps,
}

pub(crate) fn local_ids(conn: &Conn) -> CoreResult<LocalIds> {
    let mut maps = IdMaps::default();
    for (table, target) in [
        (ReferenceTable::Organisations, Target::Organisations),
        (ReferenceTable::Territories, Target::Territories),
        (ReferenceTable::Themes, Target::Themes),
        (ReferenceTable::ProfessionFamilies, Target::Families),
        (ReferenceTable::Professions, Target::Professions),
        (ReferenceTable::InterregProgrammes, Target::Programmes),
    ] {
        let ids = sync_store::reference_ids(conn, table.table())?;
        if let Some(map) = maps.of_mut(target) {
            map.extend(ids.into_iter().map(|(key, id)| (format!("ref:{key}"), id)));
        }
    }
    Ok(LocalIds { maps })
}

/// The kind and local id of the record a document id names (`expert:UUID`, `theme:ref:KEY`);
/// `None` for an id that is not one of ours. A reference record not here yet gets the id
/// every laptop gives it.
pub(crate) fn record_of_doc(ids: &LocalIds, doc_id: &str) -> Option<(&'static str, String)> {
    let (entity, shared) = doc_id.split_once(':')?;
    let mut found = None;
    macro_rules! record_of_kind {
        ($kind:ident) => {
            if entity == $kind::ENTITY {
                found = Some(($kind::ENTITY, local_id_of::<$kind>(ids, shared)));
            }
        };
    }
    for_each_kind!(record_of_kind);
    found
}

fn local_id_of<K: Kind>(ids: &LocalIds, shared: &str) -> String {
    let Some(key) = shared.strip_prefix("ref:") else {
        return shared.to_string();
    };
    let mut id = shared.to_string();
    if let Some(target) = K::REFERENCE.and_then(Target::of_reference) {
        ids.maps.map(target, &mut id);
    }
    if id == shared {
        crate::reference::shipped_id(K::TABLE, key)
    } else {
        id
    }
}

/// What writing a colleague's document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// The record is written; its local id.
    Record(String),
    /// It cannot be written yet, and why (in French): a link whose record has not arrived, or a
    /// rule the result would break. Nothing was written.
    Waiting(String),
}

/// Writes a colleague's version of a record (the body of a document), inside the caller's
/// transaction. The record is checked like an imported one; a missing link or a broken rule
/// leaves the database as it was and says why.
pub(crate) fn write_doc(
    tx: &Tx,
    ids: &LocalIds,
    entity: &str,
    body: &Map<String, Value>,
) -> CoreResult<Written> {
    let mut written = Written::Waiting(format!("type d’enregistrement inconnu : {entity}"));
    macro_rules! write_kind {
        ($kind:ident) => {
            if entity == $kind::ENTITY {
                written = write_of::<$kind>(tx, ids, body)?;
            }
        };
    }
    for_each_kind!(write_kind);
    Ok(written)
}

fn write_of<K: Kind>(tx: &Tx, ids: &LocalIds, body: &Map<String, Value>) -> CoreResult<Written> {
    let mut record: Record<K::Content> = match serde_json::from_value(without_kind(body)) {
        Ok(record) => record,
        Err(error) => return Ok(Written::Waiting(format!("document illisible : {error}"))),
    };
    if let Err(error) = K::check(&record.content) {
        return Ok(Written::Waiting(error.to_string()));
    }
    if let Some(key) = record.id.strip_prefix("ref:").map(str::to_string) {
        let known = K::REFERENCE
            .and_then(Target::of_reference)
            .and_then(|target| {
                let mut id = record.id.clone();
                ids.maps.map(target, &mut id);
                (id != record.id).then_some(id)
            });
        // Not here yet (a newer release's record): the id every laptop gives it.
        record.id = known.unwrap_or_else(|| crate::reference::shipped_id(K::TABLE, &key));
        record.reference_key = Some(key);
    }
    K::map_ids(&mut record.content, &ids.maps);
    for (target, id, field) in K::links(&record.content) {
        if !sync_store::record_exists(tx, target.table(), id)? {
            return Ok(Written::Waiting(format!(
                "{field} : {} d’identifiant {id} n’est pas encore arrivé(e) sur ce poste",
                target.phrase()
            )));
        }
    }
    let local_id = record.id.clone();
    let mut records = Snapshot::default();
    K::models(&mut records).push(K::into_model(record));
    let changes = Changes {
        records,
        bases: Vec::new(),
    };
    // A rule the database enforces (an event code taken, an e-mail registered twice) fails the
    // statement: the savepoint puts everything back and the document waits.
    match sync_store::within_savepoint(tx, || snapshot::write_changes(tx, &changes))? {
        Ok(()) => Ok(Written::Record(local_id)),
        Err(error) => Ok(Written::Waiting(error.to_string())),
    }
}

/// Applies a colleague's deletion; `Err` text (French) when something here still points to the
/// record, which is then kept.
pub(crate) fn delete_doc(tx: &Tx, entity: &str, record_id: &str) -> CoreResult<Result<(), String>> {
    let mut table = None;
    macro_rules! table_of {
        ($kind:ident) => {
            if entity == $kind::ENTITY {
                table = Some($kind::TABLE);
            }
        };
    }
    for_each_kind!(table_of);
    let Some(table) = table else {
        return Ok(Ok(()));
    };
    tx.execute_batch("SAVEPOINT sync_delete")?;
    match sync_store::delete_record(tx, table, record_id) {
        Ok(()) => {
            tx.execute_batch("RELEASE sync_delete")?;
            Ok(Ok(()))
        }
        Err(_) => {
            tx.execute_batch("ROLLBACK TO sync_delete; RELEASE sync_delete")?;
            Ok(Err(
                "d’autres enregistrements de ce poste y font encore référence".into(),
            ))
        }
    }
}
