//! Records found by the names a file gives them: folded (accents and case aside), reporting
//! names that are unknown or shared by two records.

use std::collections::HashMap;

use crate::exchange::folding::fold;
use crate::store::csv_import::Label;

/// Finds records by folded name, reporting unknown and ambiguous names.
pub(crate) struct NameIndex {
    by_name: HashMap<String, Vec<String>>,
}

pub(crate) enum Lookup<'a> {
    Found(&'a str),
    Unknown,
    Ambiguous,
}

impl NameIndex {
    /// `entries` gives, per record id, the names it can be found by; a name shared by two
    /// records is ambiguous.
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let mut by_name: HashMap<String, Vec<String>> = Default::default();
        for (id, names) in entries {
            for name in names {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                let ids = by_name.entry(key).or_default();
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_string());
                }
            }
        }
        NameIndex { by_name }
    }

    pub fn find(&self, name: &str) -> Lookup<'_> {
        match self.by_name.get(&fold(name)).map(Vec::as_slice) {
            Some([one]) => Lookup::Found(one),
            Some([_, _, ..]) => Lookup::Ambiguous,
            _ => Lookup::Unknown,
        }
    }
}

/// Reads a multi-valued cell of labels ("Santé | Culture") into ids. Labels are separated by
/// `|`; a piece that is no known label but whose comma-separated parts all are is read as
/// several labels, for cells typed with commas. Unknown or ambiguous labels are returned as
/// problems naming the column.
pub(crate) fn resolve_labels(
    cell: &str,
    index: &NameIndex,
    what: &str,
    problems: &mut Vec<String>,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    fn push(id: &str, ids: &mut Vec<String>) {
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
    }
    for piece in cell.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        match index.find(piece) {
            Lookup::Found(id) => push(id, &mut ids),
            Lookup::Ambiguous => problems.push(format!(
                "{what} « {piece} » : plusieurs enregistrements portent ce nom"
            )),
            Lookup::Unknown => {
                let parts: Vec<&str> = piece
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let found: Vec<&str> = parts
                    .iter()
                    .filter_map(|part| match index.find(part) {
                        Lookup::Found(id) => Some(id),
                        _ => None,
                    })
                    .collect();
                if parts.len() > 1 && found.len() == parts.len() {
                    for id in found {
                        push(id, &mut ids);
                    }
                } else {
                    problems.push(format!(
                        "{what} inconnu(e) « {piece} » (plusieurs valeurs se séparent par « | »)"
                    ));
                }
            }
        }
    }
    ids
}

/// Professions by title, by code, and by a title an earlier release shipped for them (so that
/// files written then still import).
pub(crate) fn profession_index(current: &[Label], former: &[Label]) -> NameIndex {
    NameIndex::new(
        current
            .iter()
            .map(|l| (l.id.as_str(), vec![l.label.as_str(), l.alias.as_str()]))
            .chain(
                former
                    .iter()
                    .map(|l| (l.id.as_str(), vec![l.label.as_str()])),
            ),
    )
}
