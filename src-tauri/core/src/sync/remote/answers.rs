//! The protocol's answers as plain types: `_changes` rows and document revisions parsed from
//! CouchDB's JSON, whichever server (CouchDB 3, PouchDB Server) wrote them.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value};

use crate::sync::SyncError;

/// One page of `_changes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesPage {
    pub results: Vec<Change>,
    pub last_seq: String,
    /// How many changes remain after this page, when the server says (CouchDB does).
    pub pending: Option<u64>,
}

/// `last_seq`/seq are opaque: numbers (PouchDB) and strings (CouchDB 3) both kept as the text
/// to send back as `since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: String,
    pub id: String,
    /// Every leaf revision of the document (`style=all_docs`), the winner first.
    pub revs: Vec<String>,
    /// The winning revision is a deletion.
    pub deleted: bool,
}

/// One revision of a document as the server holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRevision {
    pub id: String,
    pub rev: String,
    pub deleted: bool,
    /// Full revision ids, newest first ("3-abc", "2-def", …), from `_revisions`.
    pub ancestry: Vec<String>,
    /// The body without any `_` field.
    pub body: Map<String, Value>,
    /// Attachment name → bytes (decoded from base64).
    pub attachments: BTreeMap<String, Vec<u8>>,
}

pub(super) fn change(row: &Value) -> Result<Change, SyncError> {
    let id = text(row.get("id")).ok_or_else(|| protocol("un changement sans « id »"))?;
    let seq = sequence(row.get("seq")).ok_or_else(|| protocol("un changement sans « seq »"))?;
    let revs = row
        .get("changes")
        .and_then(Value::as_array)
        .map(|changes| changes.iter().filter_map(|c| text(c.get("rev"))).collect())
        .ok_or_else(|| protocol(&format!("le changement de {id} sans « changes »")))?;
    let deleted = row.get("deleted").and_then(Value::as_bool).unwrap_or(false);
    Ok(Change {
        seq,
        id,
        revs,
        deleted,
    })
}

/// One document revision as `_bulk_get` and `open_revs` give it.
pub(super) fn revision(doc: &Value) -> Result<RemoteRevision, SyncError> {
    let fields = doc
        .as_object()
        .ok_or_else(|| protocol("un document qui n'est pas un objet"))?;
    let id = text(fields.get("_id")).ok_or_else(|| protocol("un document sans « _id »"))?;
    let rev = text(fields.get("_rev")).ok_or_else(|| protocol("un document sans « _rev »"))?;
    let deleted = fields
        .get("_deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let ancestry = match fields.get("_revisions") {
        Some(revisions) => ancestry(revisions)
            .ok_or_else(|| protocol(&format!("« _revisions » illisible pour {id}")))?,
        None => vec![rev.clone()],
    };
    let mut attachments = BTreeMap::new();
    if let Some(Value::Object(files)) = fields.get("_attachments") {
        for (name, file) in files {
            let data = file.get("data").and_then(Value::as_str).ok_or_else(|| {
                protocol(&format!(
                    "la pièce jointe « {name} » de {id} arrive sans son contenu"
                ))
            })?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|_| {
                    protocol(&format!("la pièce jointe « {name} » de {id} est illisible"))
                })?;
            attachments.insert(name.clone(), bytes);
        }
    }
    let body = fields
        .iter()
        .filter(|(key, _)| !key.starts_with('_'))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Ok(RemoteRevision {
        id,
        rev,
        deleted,
        ancestry,
        body,
        attachments,
    })
}

/// `_revisions {start, ids}` as full revision ids, newest first.
fn ancestry(revisions: &Value) -> Option<Vec<String>> {
    let start = revisions.get("start")?.as_u64()?;
    let ids = strings(revisions.get("ids"))?;
    ids.iter()
        .enumerate()
        .map(|(depth, hash)| Some(format!("{}-{hash}", start.checked_sub(depth as u64)?)))
        .collect()
}

/// A sequence as the text to send back: CouchDB 3 gives strings, PouchDB numbers.
pub(super) fn sequence(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

pub(super) fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

pub(super) fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    value?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

pub(super) fn protocol(message: &str) -> SyncError {
    SyncError::Protocol(message.to_string())
}
