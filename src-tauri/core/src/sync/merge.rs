//! The merge of two versions of a record against their common ancestor, field by field: a
//! field changed on one side only takes that side's value; a field changed on both sides to
//! different values cannot be merged, and the record becomes a conflict for the user.

use serde_json::{Map, Value};

use super::revs::META_FIELDS;

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Merged {
    /// Every field agreed or changed on one side only.
    Clean(Map<String, Value>),
    /// The fields (body keys) changed on both sides to different values.
    Conflict(Vec<String>),
}

/// Merges `mine` and `theirs` against `ancestor` (none known: every differing field is a
/// conflict). Meta fields are not merged: the result takes the later side's, its version
/// above both.
pub(crate) fn merge(
    ancestor: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> Merged {
    let mut merged = Map::new();
    let mut conflicts = Vec::new();
    let keys: std::collections::BTreeSet<&String> = mine.keys().chain(theirs.keys()).collect();
    for key in keys {
        if META_FIELDS.contains(&key.as_str()) {
            continue;
        }
        let (m, t) = (mine.get(key), theirs.get(key));
        let a = ancestor.and_then(|ancestor| ancestor.get(key));
        let value = if m == t {
            m
        } else if ancestor.is_some() && m == a {
            t
        } else if ancestor.is_some() && t == a {
            m
        } else {
            conflicts.push(key.clone());
            continue;
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    if !conflicts.is_empty() {
        return Merged::Conflict(conflicts);
    }
    let later = if text(theirs, "updatedAt") > text(mine, "updatedAt") {
        theirs
    } else {
        mine
    };
    for key in ["id", "recordKind", "createdAt", "updatedAt"] {
        if let Some(value) = later.get(key) {
            merged.insert(key.into(), value.clone());
        }
    }
    let version = number(mine, "version").max(number(theirs, "version")) + 1;
    merged.insert("version".into(), Value::from(version));
    Merged::Clean(merged)
}

fn text<'a>(body: &'a Map<String, Value>, key: &str) -> &'a str {
    body.get(key).and_then(Value::as_str).unwrap_or("")
}

fn number(body: &Map<String, Value>, key: &str) -> i64 {
    body.get(key).and_then(Value::as_i64).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn changes_to_different_fields_merge() {
        let ancestor = body(json!({"id": "x", "city": "Kehl", "phone": "1", "version": 1}));
        let mine = body(
            json!({"id": "x", "city": "Strasbourg", "phone": "1", "version": 2, "updatedAt": "b"}),
        );
        let theirs =
            body(json!({"id": "x", "city": "Kehl", "phone": "2", "version": 3, "updatedAt": "a"}));
        let Merged::Clean(merged) = merge(Some(&ancestor), &mine, &theirs) else {
            panic!("expected a clean merge");
        };
        assert_eq!(merged["city"], "Strasbourg");
        assert_eq!(merged["phone"], "2");
        assert_eq!(merged["version"], 4);
        assert_eq!(merged["updatedAt"], "b");
    }

    #[test]
    fn the_same_field_changed_twice_is_a_conflict() {
        let ancestor = body(json!({"city": "Kehl"}));
        let mine = body(json!({"city": "Strasbourg"}));
        let theirs = body(json!({"city": "Offenburg"}));
        assert_eq!(
            merge(Some(&ancestor), &mine, &theirs),
            Merged::Conflict(vec!["city".into()])
        );
        assert_eq!(
            merge(
                None,
                &body(json!({"city": "A"})),
                &body(json!({"city": "B"}))
            ),
            Merged::Conflict(vec!["city".into()])
        );
    }
}
