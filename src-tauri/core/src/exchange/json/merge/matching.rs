//! Which local record each record of the file is: the same id, or else the same reference key
//! (a shipped record under this database's own id, which then takes the file's id — a
//! re-key). Then every local record with its final id and links, and every link of the file
//! checked against the records there will be.

use std::collections::{HashMap, HashSet};

use crate::exchange::json::kinds::*;
use crate::exchange::json::links::{IdMaps, Target};
use crate::exchange::json::problems::who;
use crate::exchange::json::shapes::{keys_of, Keyed, Lists, Record};
use crate::store::snapshot::{ReferenceTable, Rekey};

/// For each kind, the position in the local list of the record each record of the file is.
pub(super) struct Matches {
    pub(super) organisations: Vec<Option<usize>>,
    pub(super) territories: Vec<Option<usize>>,
    pub(super) themes: Vec<Option<usize>>,
    pub(super) professions: Vec<Option<usize>>,
    pub(super) competences: Vec<Option<usize>>,
    pub(super) observations: Vec<Option<usize>>,
    pub(super) experts: Vec<Option<usize>>,
    pub(super) requests: Vec<Option<usize>>,
    pub(super) events: Vec<Option<usize>>,
    pub(super) sessions: Vec<Option<usize>>,
    pub(super) participants: Vec<Option<usize>>,
    pub(super) resources: Vec<Option<usize>>,
    pub(super) legal_notes: Vec<Option<usize>>,
}

/// What matching a read-only list (profession families, Interreg programmes) found.
pub(super) struct PlainMatch<R> {
    /// Records of the file that are new here.
    pub(super) added: Vec<R>,
    /// Records already here.
    pub(super) unchanged: usize,
    /// Local id → the file's id, for the records re-keyed.
    pub(super) renamed: HashMap<String, String>,
}

/// For each record of the file, the local record it is (by id, else by reference key).
fn match_records(
    incoming: &[(&str, Option<&str>)],
    local: &[(&str, Option<&str>)],
    name: impl Fn(usize) -> String,
    problems: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let by_id: HashMap<&str, usize> = local
        .iter()
        .enumerate()
        .map(|(index, (id, _))| (*id, index))
        .collect();
    let by_key: HashMap<&str, usize> = local
        .iter()
        .enumerate()
        .filter_map(|(index, (_, key))| key.map(|key| (key, index)))
        .collect();
    let mut claimed: HashMap<usize, usize> = HashMap::new();
    let mut matches = Vec::with_capacity(incoming.len());
    for (position, (id, key)) in incoming.iter().enumerate() {
        let found = if let Some(&index) = by_id.get(id) {
            let local_key = local[index].1;
            if local_key == *key {
                Some(index)
            } else {
                problems.push(match (key, local_key) {
                    (Some(key), Some(local_key)) => format!(
                        "{} : cet identifiant désigne ici l’enregistrement de référence « {local_key} », pas « {key} ».",
                        name(position)
                    ),
                    (Some(key), None) => format!(
                        "{} : cet identifiant désigne ici un enregistrement sans clé de référence, pas « {key} ».",
                        name(position)
                    ),
                    (None, _) => format!(
                        "{} : cet identifiant désigne ici un enregistrement de référence, mais le fichier ne donne pas sa clé.",
                        name(position)
                    ),
                });
                None
            }
        } else {
            key.and_then(|key| by_key.get(key).copied())
        };
        if let Some(index) = found {
            if let Some(first) = claimed.insert(index, position) {
                problems.push(format!(
                    "{} et {} désignent le même enregistrement de cette base.",
                    name(first),
                    name(position)
                ));
            }
        }
        matches.push(found);
    }
    matches
}

/// Matches a read-only list, noting its re-keys.
pub(super) fn match_plain<R: Keyed + Clone>(
    incoming: &[R],
    local: &[R],
    label: &str,
    table: ReferenceTable,
    rekeys: &mut Vec<Rekey>,
    problems: &mut Vec<String>,
) -> PlainMatch<R> {
    let keys = keys_of(incoming);
    let name = |position: usize| {
        keys.get(position)
            .map(|(id, _)| format!("{label} (identifiant {id})"))
            .unwrap_or_default()
    };
    let matches = match_records(&keys, &keys_of(local), name, problems);
    let mut result = PlainMatch {
        added: Vec::new(),
        unchanged: 0,
        renamed: HashMap::new(),
    };
    for (record, found) in incoming.iter().zip(&matches) {
        match found.and_then(|index| local.get(index)) {
            Some(here) => {
                result.unchanged += 1;
                if here.id() != record.id() {
                    rekeys.push(Rekey {
                        table,
                        from: here.id().to_string(),
                        to: record.id().to_string(),
                    });
                    result
                        .renamed
                        .insert(here.id().to_string(), record.id().to_string());
                }
            }
            None => result.added.push(record.clone()),
        }
    }
    result
}

/// Matches every kind, in dependency order, noting the re-keys of reference records (and the
/// id maps that follow them).
pub(super) fn match_kinds(
    incoming: &Lists,
    local: &Lists,
    rekeys: &mut Vec<Rekey>,
    maps: &mut IdMaps,
    problems: &mut Vec<String>,
) -> Matches {
    Matches {
        organisations: match_kind::<Organisations>(incoming, local, rekeys, maps, problems),
        territories: match_kind::<Territories>(incoming, local, rekeys, maps, problems),
        themes: match_kind::<Themes>(incoming, local, rekeys, maps, problems),
        professions: match_kind::<Professions>(incoming, local, rekeys, maps, problems),
        competences: match_kind::<Competences>(incoming, local, rekeys, maps, problems),
        observations: match_kind::<Observations>(incoming, local, rekeys, maps, problems),
        experts: match_kind::<Experts>(incoming, local, rekeys, maps, problems),
        requests: match_kind::<Requests>(incoming, local, rekeys, maps, problems),
        events: match_kind::<Events>(incoming, local, rekeys, maps, problems),
        sessions: match_kind::<Sessions>(incoming, local, rekeys, maps, problems),
        participants: match_kind::<Participants>(incoming, local, rekeys, maps, problems),
        resources: match_kind::<Resources>(incoming, local, rekeys, maps, problems),
        legal_notes: match_kind::<LegalNotes>(incoming, local, rekeys, maps, problems),
    }
}

/// Matches one kind's records and notes the re-keys it needs.
fn match_kind<K: Kind>(
    incoming: &Lists,
    local: &Lists,
    rekeys: &mut Vec<Rekey>,
    maps: &mut IdMaps,
    problems: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let incoming_list = K::list(incoming);
    let local_list = K::list(local);
    let name = |position: usize| {
        incoming_list
            .get(position)
            .map(|r| who(K::ENTITY_LABEL, &K::label(&r.content), &r.id))
            .unwrap_or_default()
    };
    let matches = match_records(
        &keys_of(incoming_list),
        &keys_of(local_list),
        name,
        problems,
    );
    if let Some(table) = K::REFERENCE {
        for (record, found) in incoming_list.iter().zip(&matches) {
            if let Some(local_record) = found.and_then(|index| local_list.get(index)) {
                if local_record.id != record.id {
                    rekeys.push(Rekey {
                        table,
                        from: local_record.id.clone(),
                        to: record.id.clone(),
                    });
                    if let Some(map) = Target::of_reference(table).and_then(|t| maps.of_mut(t)) {
                        map.insert(local_record.id.clone(), record.id.clone());
                    }
                }
            }
        }
    }
    matches
}

/// Gives every local record its final id and links, after the re-keys (`programmes`: local id
/// → the file's id of the Interreg programmes re-keyed).
pub(super) fn remap_local(local: &mut Lists, maps: &IdMaps, programmes: &HashMap<String, String>) {
    for family in &mut local.profession_families {
        maps.map(Target::Families, &mut family.id);
    }
    for programme in &mut local.interreg_programmes {
        if let Some(id) = programmes.get(&programme.id) {
            programme.id.clone_from(id);
        }
    }
    macro_rules! remap {
        ($kind:ident) => {
            remap_kind::<$kind>(local, maps)
        };
    }
    for_each_kind!(remap);
}

/// Gives local records of one kind their final ids and links.
fn remap_kind<K: Kind>(local: &mut Lists, maps: &IdMaps) {
    let own = K::REFERENCE.and_then(Target::of_reference);
    for record in K::list_mut(local) {
        if let Some(target) = own {
            maps.map(target, &mut record.id);
        }
        K::map_ids(&mut record.content, maps);
    }
}

/// Every id each kind of link can point to once the import is done.
#[derive(Default)]
struct FinalIds<'a> {
    ids: HashMap<Target, HashSet<&'a str>>,
}

impl<'a> FinalIds<'a> {
    fn add<C>(&mut self, target: Target, records: &'a [Record<C>]) {
        let set = self.ids.entry(target).or_default();
        set.extend(records.iter().map(|r| r.id.as_str()));
    }

    fn contains(&self, target: Target, id: &str) -> bool {
        self.ids.get(&target).is_some_and(|set| set.contains(id))
    }
}

fn check_links<K: Kind>(incoming: &Lists, ids: &FinalIds, problems: &mut Vec<String>) {
    for record in K::list(incoming) {
        for (target, id, field) in K::links(&record.content) {
            if !ids.contains(target, id) {
                problems.push(format!(
                    "{} : {} d’identifiant {} ({field}) n’existe ni dans le fichier ni dans cette base.",
                    who(K::ENTITY_LABEL, &K::label(&record.content), &record.id),
                    target.phrase(),
                    id.chars().take(80).collect::<String>()
                ));
            }
        }
    }
}

/// Every link of the file points to a record of the file or of this database (`local`, with
/// its final ids).
pub(super) fn check_all_links(incoming: &Lists, local: &Lists, problems: &mut Vec<String>) {
    let mut ids = FinalIds::default();
    for lists in [incoming, local] {
        ids.add(Target::Organisations, &lists.organisations);
        ids.add(Target::Territories, &lists.territories);
        ids.add(Target::Themes, &lists.themes);
        ids.add(Target::Professions, &lists.professions);
        ids.add(Target::Competences, &lists.competences);
        ids.add(Target::Experts, &lists.experts);
        ids.add(Target::Events, &lists.events);
        ids.add(Target::Requests, &lists.training_requests);
        ids.add(Target::Sessions, &lists.sessions);
        ids.add(Target::Resources, &lists.resources);
        ids.ids
            .entry(Target::Programmes)
            .or_default()
            .extend(lists.interreg_programmes.iter().map(|p| p.id.as_str()));
        ids.ids
            .entry(Target::Families)
            .or_default()
            .extend(lists.profession_families.iter().map(|f| f.id.as_str()));
    }
    // A content is here when a resource of this database names it (contents no resource
    // names are deleted); the file's own contents are added from its files' pool.
    let contents = ids.ids.entry(Target::FileContents).or_default();
    contents.extend(
        local
            .resources
            .iter()
            .flat_map(|r| r.content.files.iter().map(|f| f.sha256.as_str()))
            .chain(incoming.files.iter().map(|f| f.sha256.as_str())),
    );
    macro_rules! links {
        ($kind:ident) => {
            check_links::<$kind>(incoming, &ids, problems)
        };
    }
    for_each_kind!(links);
}
