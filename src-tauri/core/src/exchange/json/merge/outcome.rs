//! The decision for one record present on both sides: same content, changed here only, changed
//! in the file only, or changed on both sides (a conflict, with the fields that differ).

use serde_json::Value;

use super::{Bases, Item, ListPlan, Outcome};
use crate::exchange::json::fingerprint::{canonical, fingerprint_of};
use crate::exchange::json::kinds::Kind;
use crate::exchange::json::links::IdMaps;
use crate::exchange::json::shapes::Record;

/// The French names of the fields whose values differ, in form order (then any other key).
fn differing_fields<K: Kind>(local: &K::Content, incoming: &K::Content) -> Vec<String> {
    let (Ok(Value::Object(local)), Ok(Value::Object(incoming))) =
        (serde_json::to_value(local), serde_json::to_value(incoming))
    else {
        return Vec::new();
    };
    let mut fields: Vec<String> = K::FIELDS
        .iter()
        .filter(|(key, _)| local.get(*key) != incoming.get(*key))
        .map(|(_, label)| (*label).to_string())
        .collect();
    for key in local.keys().chain(incoming.keys()) {
        let listed = K::FIELDS.iter().any(|(known, _)| known == key);
        if !listed && local.get(key) != incoming.get(key) && !fields.contains(key) {
            fields.push(key.clone());
        }
    }
    fields
}

/// What to do with a record on both sides, from its fingerprints and its base (the rules are
/// in the documentation of [`crate::exchange::json`]).
fn decide<C>(
    reference: bool,
    local: &Record<C>,
    incoming: &Record<C>,
    local_fingerprint: &str,
    incoming_fingerprint: &str,
    base: Option<&String>,
) -> Outcome {
    let pristine_local =
        reference && local.reference_key.is_some() && local.version == 1 && base.is_none();
    // A shipped record never edited in the file is the shipped data of the colleague's release
    // (with the load's times if that release is older): it never replaces ours, which is this
    // release's and identical on every laptop of this release.
    let pristine_incoming = reference && incoming.reference_key.is_some() && incoming.version == 1;
    if local_fingerprint == incoming_fingerprint {
        let same_meta = local.created_at == incoming.created_at
            && local.updated_at == incoming.updated_at
            && local.version == incoming.version;
        return Outcome::Unchanged {
            adopt_meta: pristine_local && !pristine_incoming && !same_meta,
        };
    }
    if pristine_incoming {
        return Outcome::KeptLocal;
    }
    if pristine_local {
        return Outcome::Updated;
    }
    let Some(base) = base else {
        return Outcome::Conflict;
    };
    let local_changed = local_fingerprint != base;
    let incoming_changed = incoming_fingerprint != base;
    match (local_changed, incoming_changed) {
        (true, false) => Outcome::KeptLocal,
        (false, true) if incoming.version > local.version => Outcome::Updated,
        _ => Outcome::Conflict,
    }
}

/// The outcome of each record of the file for one kind.
pub(super) fn plan_kind<K: Kind>(
    incoming: Vec<Record<K::Content>>,
    local: Vec<Record<K::Content>>,
    matches: &[Option<usize>],
    bases: &Bases,
    keys: &IdMaps,
) -> ListPlan<K::Content> {
    let mut items = Vec::with_capacity(incoming.len());
    for (record, found) in incoming.into_iter().zip(matches) {
        let fingerprint = fingerprint_of::<K>(&record.content, keys);
        let local_record = found.and_then(|index| local.get(index)).cloned();
        let (outcome, fields) = match &local_record {
            None => (Outcome::Added, Vec::new()),
            Some(local_record) => {
                let local_fingerprint = fingerprint_of::<K>(&local_record.content, keys);
                let base = bases.get(&(K::TABLE.to_string(), record.id.clone()));
                let outcome = decide(
                    K::REFERENCE.is_some(),
                    local_record,
                    &record,
                    &local_fingerprint,
                    &fingerprint,
                    base,
                );
                let fields = if outcome == Outcome::Conflict {
                    differing_fields::<K>(
                        &canonical::<K>(&local_record.content, keys),
                        &canonical::<K>(&record.content, keys),
                    )
                } else {
                    Vec::new()
                };
                (outcome, fields)
            }
        };
        items.push(Item {
            incoming: record,
            fingerprint,
            local: local_record,
            fields,
            outcome,
        });
    }
    ListPlan { items, local }
}
