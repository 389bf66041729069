//! What must be unique within a file: an id anywhere, a reference key within its list, an
//! event code. Each repeat is reported with both records it names.

use std::collections::{HashMap, HashSet};

use super::kinds::*;
use super::problems::who;
use super::shapes::{Keyed, Lists, Record};
use crate::model::EventInput;

/// The same id twice anywhere, the same reference key twice in a list, the same event code twice.
pub(super) fn check_duplicates(lists: &Lists, problems: &mut Vec<String>) {
    let mut all: Vec<(&str, String)> = Vec::new();
    macro_rules! ids_of {
        ($kind:ident) => {
            for r in $kind::list(lists) {
                all.push((
                    r.id.as_str(),
                    who($kind::ENTITY_LABEL, &$kind::label(&r.content), &r.id),
                ));
            }
            if $kind::REFERENCE.is_some() {
                keys_once($kind::ENTITY_LABEL, $kind::list(lists), problems);
            }
        };
    }
    for_each_kind!(ids_of);
    for f in &lists.profession_families {
        all.push((
            f.id.as_str(),
            who("Famille de métiers", f.label.trim(), &f.id),
        ));
    }
    keys_once("Famille de métiers", &lists.profession_families, problems);
    for p in &lists.interreg_programmes {
        all.push((
            p.id.as_str(),
            who("Programme Interreg", p.name.trim(), &p.id),
        ));
    }
    keys_once("Programme Interreg", &lists.interreg_programmes, problems);
    ids_once(all, problems);
    codes_once(&lists.events, problems);
}

/// Each reference key once in its list.
fn keys_once<R: Keyed>(label: &str, records: &[R], problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for record in records {
        if let Some(key) = record.reference_key() {
            if !seen.insert(key) {
                problems.push(format!(
                    "{label} (identifiant {}) : la clé de référence « {key} » apparaît deux fois dans le fichier.",
                    record.id()
                ));
            }
        }
    }
}

/// Each id once in the whole file; `all` holds every record's id and name, in file order.
fn ids_once(all: Vec<(&str, String)>, problems: &mut Vec<String>) {
    let mut ids: HashMap<&str, String> = HashMap::new();
    for (id, name) in all {
        match ids.get(id) {
            Some(first) => problems.push(format!(
                "l’identifiant {id} apparaît deux fois dans le fichier : {first} et {name}."
            )),
            None => {
                ids.insert(id, name);
            }
        }
    }
}

/// Each event code once (the table has them unique).
fn codes_once(events: &[Record<EventInput>], problems: &mut Vec<String>) {
    let mut codes: HashMap<String, &Record<EventInput>> = HashMap::new();
    for event in events {
        let code = event.content.code.trim().to_string();
        if let Some(first) = codes.get(&code) {
            problems.push(format!(
                "le code d’événement « {code} » apparaît deux fois dans le fichier : {} et {}.",
                who("Événement", &Events::label(&first.content), &first.id),
                who("Événement", &Events::label(&event.content), &event.id)
            ));
        } else {
            codes.insert(code, event);
        }
    }
}
