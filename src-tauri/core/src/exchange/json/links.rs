//! Links between records: the lists a link can point to, and the maps that replace the ids of
//! reference records — a file's ids by ours when it comes from an older release, ids by
//! "ref:KEY" when fingerprinting.

use std::collections::HashMap;

use super::shapes::{Lists, Record};
use crate::store::snapshot::ReferenceTable;

/// The lists a link can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Target {
    Organisations,
    Territories,
    Themes,
    Families,
    Professions,
    Competences,
    Experts,
    Events,
    Programmes,
    Requests,
    Sessions,
    /// The contents of attached files, by SHA-256.
    FileContents,
    Resources,
}

impl Target {
    /// "la structure", for "la structure d'identifiant X n'existe…".
    pub(super) fn phrase(self) -> &'static str {
        match self {
            Target::Organisations => "la structure",
            Target::Territories => "le territoire",
            Target::Themes => "la thématique",
            Target::Families => "la famille de métiers",
            Target::Professions => "le métier",
            Target::Competences => "la compétence",
            Target::Experts => "l’expert",
            Target::Events => "l’événement",
            Target::Programmes => "le programme Interreg",
            Target::Requests => "la demande de formation",
            Target::Sessions => "la séance",
            Target::FileContents => "le contenu de fichier",
            Target::Resources => "la ressource",
        }
    }

    /// The table its records are in.
    pub(super) fn table(self) -> &'static str {
        match self {
            Target::Organisations => "organisations",
            Target::Territories => "territories",
            Target::Themes => "themes",
            Target::Families => "profession_families",
            Target::Professions => "professions",
            Target::Competences => "competences",
            Target::Experts => "experts",
            Target::Events => "events",
            Target::Programmes => "interreg_programmes",
            Target::Requests => "training_requests",
            Target::Sessions => "sessions",
            Target::FileContents => "file_contents",
            Target::Resources => "resources",
        }
    }

    /// The list a reference table's records are in, if links can point to it.
    pub(super) fn of_reference(table: ReferenceTable) -> Option<Target> {
        match table {
            ReferenceTable::Organisations => Some(Target::Organisations),
            ReferenceTable::Territories => Some(Target::Territories),
            ReferenceTable::Themes => Some(Target::Themes),
            ReferenceTable::ProfessionFamilies => Some(Target::Families),
            ReferenceTable::Professions => Some(Target::Professions),
            ReferenceTable::InterregProgrammes => Some(Target::Programmes),
        }
    }
}

/// Per reference list, ids to replace: the file's id → ours when importing, id → "ref:KEY" when
/// computing a fingerprint.
#[derive(Debug, Default)]
pub(super) struct IdMaps {
    pub(super) organisations: HashMap<String, String>,
    pub(super) territories: HashMap<String, String>,
    pub(super) themes: HashMap<String, String>,
    pub(super) families: HashMap<String, String>,
    pub(super) professions: HashMap<String, String>,
    pub(super) programmes: HashMap<String, String>,
}

impl IdMaps {
    /// The map of one list; `None` for lists without reference records.
    pub(super) fn of_mut(&mut self, target: Target) -> Option<&mut HashMap<String, String>> {
        match target {
            Target::Organisations => Some(&mut self.organisations),
            Target::Territories => Some(&mut self.territories),
            Target::Themes => Some(&mut self.themes),
            Target::Families => Some(&mut self.families),
            Target::Professions => Some(&mut self.professions),
            Target::Programmes => Some(&mut self.programmes),
            _ => None,
        }
    }

    pub(super) fn map(&self, target: Target, id: &mut String) {
        let map = match target {
            Target::Organisations => &self.organisations,
            Target::Territories => &self.territories,
            Target::Themes => &self.themes,
            Target::Families => &self.families,
            Target::Professions => &self.professions,
            Target::Programmes => &self.programmes,
            _ => return,
        };
        if let Some(other) = map.get(id.as_str()) {
            id.clone_from(other);
        }
    }

    pub(super) fn map_all(&self, target: Target, ids: &mut [String]) {
        for id in ids {
            self.map(target, id);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.organisations.is_empty()
            && self.territories.is_empty()
            && self.themes.is_empty()
            && self.families.is_empty()
            && self.professions.is_empty()
            && self.programmes.is_empty()
    }
}

pub(super) fn sort_set(ids: &mut Vec<String>) {
    ids.sort_unstable();
    ids.dedup();
}

/// Ids of records with a reference key → "ref:KEY" (a colon never appears in an id).
pub(super) fn key_maps(lists: &[&Lists]) -> IdMaps {
    fn keyed<C>(maps: &mut HashMap<String, String>, records: &[Record<C>]) {
        for record in records {
            if let Some(key) = &record.reference_key {
                maps.insert(record.id.clone(), format!("ref:{key}"));
            }
        }
    }
    let mut maps = IdMaps::default();
    for lists in lists {
        keyed(&mut maps.organisations, &lists.organisations);
        keyed(&mut maps.territories, &lists.territories);
        keyed(&mut maps.themes, &lists.themes);
        keyed(&mut maps.professions, &lists.professions);
        for family in &lists.profession_families {
            if let Some(key) = &family.reference_key {
                maps.families
                    .insert(family.id.clone(), format!("ref:{key}"));
            }
        }
        for programme in &lists.interreg_programmes {
            if let Some(key) = &programme.reference_key {
                maps.programmes
                    .insert(programme.id.clone(), format!("ref:{key}"));
            }
        }
    }
    maps
}
