//! Which local record each record of the file is. A shipped reference record has the same id
//! on every laptop (derived from its key), but a file from an older release carries the random
//! ids it had there: those are first mapped onto ours by reference key, with every link of the
//! file following, so that our records never change id. Then records are matched by id, and
//! every link of the file is checked against the records there will be.

use std::collections::{HashMap, HashSet};

use crate::exchange::json::kinds::*;
use crate::exchange::json::links::{IdMaps, Target};
use crate::exchange::json::problems::who;
use crate::exchange::json::shapes::{keys_of, Keyed, Lists, Record};
use crate::reference::shipped_id;

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
}

/// For each record of the file, the local record it is (by id: reference records were mapped
/// onto ours before), refusing an id that names here a record with another reference key.
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
            None
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

/// Matches a read-only list.
pub(super) fn match_plain<R: Keyed + Clone>(
    incoming: &[R],
    local: &[R],
    label: &str,
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
    };
    for (record, found) in incoming.iter().zip(&matches) {
        match found {
            Some(_) => result.unchanged += 1,
            None => result.added.push(record.clone()),
        }
    }
    result
}

/// Matches every kind, in dependency order.
pub(super) fn match_kinds(incoming: &Lists, local: &Lists, problems: &mut Vec<String>) -> Matches {
    Matches {
        organisations: match_kind::<Organisations>(incoming, local, problems),
        territories: match_kind::<Territories>(incoming, local, problems),
        themes: match_kind::<Themes>(incoming, local, problems),
        professions: match_kind::<Professions>(incoming, local, problems),
        competences: match_kind::<Competences>(incoming, local, problems),
        observations: match_kind::<Observations>(incoming, local, problems),
        experts: match_kind::<Experts>(incoming, local, problems),
        requests: match_kind::<Requests>(incoming, local, problems),
        events: match_kind::<Events>(incoming, local, problems),
        sessions: match_kind::<Sessions>(incoming, local, problems),
        participants: match_kind::<Participants>(incoming, local, problems),
        resources: match_kind::<Resources>(incoming, local, problems),
        legal_notes: match_kind::<LegalNotes>(incoming, local, problems),
    }
}

/// Matches one kind's records.
fn match_kind<K: Kind>(
    incoming: &Lists,
    local: &Lists,
    problems: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let incoming_list = K::list(incoming);
    let name = |position: usize| {
        incoming_list
            .get(position)
            .map(|r| who(K::ENTITY_LABEL, &K::label(&r.content), &r.id))
            .unwrap_or_default()
    };
    match_records(
        &keys_of(incoming_list),
        &keys_of(K::list(local)),
        name,
        problems,
    )
}

/// The file's ids of its reference records → ours: the id of our record with the same key,
/// else the id every laptop gives that key ([`shipped_id`]). Empty for a file of this release.
pub(super) fn reference_id_maps(
    incoming: &Lists,
    local: &Lists,
    problems: &mut Vec<String>,
) -> IdMaps {
    let mut maps = IdMaps::default();
    map_keyed(
        &mut maps.families,
        (&incoming.profession_families, &local.profession_families),
        ("profession_families", "Famille de métiers"),
        problems,
    );
    map_keyed(
        &mut maps.programmes,
        (&incoming.interreg_programmes, &local.interreg_programmes),
        ("interreg_programmes", "Programme Interreg"),
        problems,
    );
    macro_rules! map_kind {
        ($kind:ident) => {
            if let Some(table) = $kind::REFERENCE {
                if let Some(map) = Target::of_reference(table).and_then(|t| maps.of_mut(t)) {
                    map_keyed(
                        map,
                        ($kind::list(incoming), $kind::list(local)),
                        (table.table(), $kind::ENTITY_LABEL),
                        problems,
                    );
                }
            }
        };
    }
    for_each_kind!(map_kind);
    maps
}

/// Fills `map` for one list; `(table, label)` name the list. An id the mapping gives that
/// another record of the file already has is refused.
fn map_keyed<R: Keyed>(
    map: &mut HashMap<String, String>,
    (incoming, local): (&[R], &[R]),
    (table, label): (&str, &str),
    problems: &mut Vec<String>,
) {
    let ours: HashMap<&str, &str> = local
        .iter()
        .filter_map(|r| r.reference_key().map(|key| (key, r.id())))
        .collect();
    let file_ids: HashSet<&str> = incoming.iter().map(|r| r.id()).collect();
    for record in incoming {
        let Some(key) = record.reference_key() else {
            continue;
        };
        let to = match ours.get(key) {
            Some(id) => id.to_string(),
            None => shipped_id(table, key),
        };
        if to == record.id() {
            continue;
        }
        if file_ids.contains(to.as_str()) {
            problems.push(format!(
                "{label} (identifiant {}) : l’identifiant {to} de l’enregistrement de référence « {key} » est celui d’un autre enregistrement du fichier.",
                record.id()
            ));
        }
        map.insert(record.id().to_string(), to);
    }
}

/// Gives the file's records the ids `maps` maps them to, and their links too.
pub(super) fn remap(lists: &mut Lists, maps: &IdMaps) {
    for family in &mut lists.profession_families {
        maps.map(Target::Families, &mut family.id);
    }
    for programme in &mut lists.interreg_programmes {
        maps.map(Target::Programmes, &mut programme.id);
    }
    macro_rules! remap {
        ($kind:ident) => {
            remap_kind::<$kind>(lists, maps)
        };
    }
    for_each_kind!(remap);
}

/// Gives the records of one kind their new ids and links.
fn remap_kind<K: Kind>(lists: &mut Lists, maps: &IdMaps) {
    let own = K::REFERENCE.and_then(Target::of_reference);
    for record in K::list_mut(lists) {
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

/// Every link of the file points to a record of the file or of this database.
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
