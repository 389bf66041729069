//! Revision ids as CouchDB writes them (`N-hash`), the history field `_revisions`, and the
//! winner CouchDB picks among a document's leaves — computed here the same way, so every
//! laptop and the server show the same record while a conflict waits.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// Fields that say when and by whom, not what: left out of a revision's hash and of merges.
pub(crate) const META_FIELDS: &[&str] = &[
    "id",
    "recordKind",
    "createdAt",
    "updatedAt",
    "version",
    "editedBy",
    "resolves",
    "buried",
];

/// The most revision ids a document keeps in its history (CouchDB keeps 1,000 by default;
/// only the recent ones matter to find a common ancestor).
pub(crate) const MAX_ANCESTRY: usize = 100;

/// The position of a revision ("3-abc" → 3); 0 for a malformed one.
pub(crate) fn position(rev: &str) -> u64 {
    rev.split_once('-')
        .and_then(|(pos, _)| pos.parse().ok())
        .unwrap_or(0)
}

fn hash_part(rev: &str) -> &str {
    rev.split_once('-').map_or(rev, |(_, hash)| hash)
}

/// The body without its meta fields: what a revision is about.
pub(crate) fn content(body: &Map<String, Value>) -> Map<String, Value> {
    body.iter()
        .filter(|(key, _)| !META_FIELDS.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// Whether two bodies say the same thing (their meta fields aside).
pub(crate) fn same_content(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    content(a) == content(b)
}

/// The next revision id after `parent`: the same change made from the same parent gives the
/// same id on every laptop (as CouchDB's own ids do), so it never makes a conflict. A shipped
/// reference record never edited is the same first revision everywhere.
pub(crate) fn next_rev(parent: Option<&str>, deleted: bool, body: &Map<String, Value>) -> String {
    let position = parent.map_or(0, position) + 1;
    let mut hasher = Sha256::new();
    hasher.update(parent.unwrap_or("").as_bytes());
    hasher.update([u8::from(deleted)]);
    if !deleted {
        // serde_json's maps are ordered by key: the same content gives the same bytes.
        hasher.update(serde_json::to_vec(&content(body)).unwrap_or_default());
    }
    let digest = hasher.finalize();
    let hex: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{position}-{hex}")
}

/// A new revision's history: itself, then its parent's, at most [`MAX_ANCESTRY`].
pub(crate) fn extend(rev: &str, parent_ancestry: &[String]) -> Vec<String> {
    std::iter::once(rev.to_string())
        .chain(parent_ancestry.iter().cloned())
        .take(MAX_ANCESTRY)
        .collect()
}

/// `_revisions` as `_bulk_docs` wants it: the newest position and the hashes, newest first.
pub(crate) fn revisions_field(ancestry: &[String]) -> Value {
    let start = ancestry.first().map_or(0, |rev| position(rev));
    let ids: Vec<&str> = ancestry.iter().map(|rev| hash_part(rev)).collect();
    json!({ "start": start, "ids": ids })
}

/// CouchDB's order of leaves: a live leaf beats a deleted one, then the longer history, then
/// the greater revision id. Returns whether `a` wins over `b`.
pub(crate) fn wins(a: (&str, bool), b: (&str, bool)) -> bool {
    let key = |(rev, deleted): (&str, bool)| (!deleted, position(rev), hash_part(rev).to_string());
    key(a) > key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn the_same_change_from_the_same_parent_is_the_same_revision() {
        let a =
            body(json!({"id": "x", "lastName": "Weber", "updatedAt": "2026-01-01", "version": 2}));
        let b =
            body(json!({"id": "x", "lastName": "Weber", "updatedAt": "2026-02-02", "version": 3}));
        assert_eq!(
            next_rev(Some("1-aa"), false, &a),
            next_rev(Some("1-aa"), false, &b)
        );
        assert_ne!(
            next_rev(Some("1-aa"), false, &a),
            next_rev(Some("1-bb"), false, &a)
        );
        assert!(next_rev(Some("1-aa"), false, &a).starts_with("2-"));
        assert!(next_rev(None, false, &a).starts_with("1-"));
    }

    #[test]
    fn winners_follow_couchdb() {
        assert!(wins(("2-a", false), ("3-b", true)));
        assert!(wins(("3-a", false), ("2-b", false)));
        assert!(wins(("2-b", false), ("2-a", false)));
        assert!(!wins(("2-a", false), ("2-b", false)));
    }

    #[test]
    fn revisions_field_lists_hashes_newest_first() {
        let ancestry = vec!["3-c".to_string(), "2-b".to_string(), "1-a".to_string()];
        assert_eq!(
            revisions_field(&ancestry),
            json!({"start": 3, "ids": ["c", "b", "a"]})
        );
    }
}
