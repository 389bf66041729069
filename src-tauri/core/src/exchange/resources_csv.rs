//! The library's catalogue as CSV for Excel: one row per resource in title order, French
//! column headers, `;`, UTF-8 with BOM, CRLF, full dates dd/mm/yyyy (a year or a month as
//! it is). Export only: resources are made in the form or come with the exchange file.
//!
//! Columns: Titre, Type, Auteurs (« Léa Schäfer (Auteur) | MOT (Éditeur) », in order),
//! Date (of publication), Langues (ISO codes, in order), Thèmes and Territoires (labels
//! sorted alphabetically, ` | ` between them, as in the experts' file), Statut, Révision,
//! Référence, Droits, Fichiers (names in attach order).

use std::collections::HashMap;

use super::folding::fold;
use super::text::{french_date, CsvWriter};
use crate::error::CoreResult;
use crate::model::{AuthorRole, ResourceKind, ResourceStatus};
use crate::Store;

const HEADERS: [&str; 12] = [
    "Titre",
    "Type",
    "Auteurs",
    "Date",
    "Langues",
    "Thèmes",
    "Territoires",
    "Statut",
    "Révision",
    "Référence",
    "Droits",
    "Fichiers",
];

/// Labels of `ids`, sorted accent- and case-insensitively, ` | ` between them.
fn labels(ids: &[String], names: &HashMap<String, String>) -> String {
    let mut found: Vec<&str> = ids
        .iter()
        .filter_map(|id| names.get(id).map(String::as_str))
        .collect();
    found.sort_by_cached_key(|name| (fold(name), name.to_string()));
    found.join(" | ")
}

/// The CSV file of every resource.
pub fn export(store: &Store) -> CoreResult<Vec<u8>> {
    let themes: HashMap<String, String> = store
        .list_themes()?
        .into_iter()
        .map(|t| (t.meta.id, t.data.label))
        .collect();
    let territories: HashMap<String, String> = store
        .list_territories()?
        .into_iter()
        .map(|t| (t.meta.id, t.data.name))
        .collect();
    let organisations: HashMap<String, String> = store
        .list_organisations()?
        .into_iter()
        .map(|o| (o.meta.id, o.data.name))
        .collect();
    let mut experts: HashMap<String, String> = HashMap::new();
    let mut csv = CsvWriter::new();
    csv.record(&HEADERS);
    for resource in store.all_resources()? {
        let d = &resource.data;
        let mut authors = Vec::with_capacity(d.authors.len());
        for author in &d.authors {
            let name = match (&author.expert_id, &author.organisation_id) {
                (Some(id), _) => match experts.get(id) {
                    Some(name) => name.clone(),
                    None => {
                        let e = store.get_expert(id)?;
                        let name = format!("{} {}", e.data.first_name, e.data.last_name);
                        experts.insert(id.clone(), name.clone());
                        name
                    }
                },
                (None, Some(id)) => organisations.get(id).cloned().unwrap_or_default(),
                (None, None) => String::new(),
            };
            let role = AuthorRole::from_code(&author.role).map_or("", AuthorRole::label);
            authors.push(format!("{name} ({role})"));
        }
        let files: Vec<&str> = resource.files.iter().map(|f| f.name.as_str()).collect();
        csv.record(&[
            d.title.clone(),
            ResourceKind::from_code(&d.kind).map_or(d.kind.clone(), |k| k.label().into()),
            authors.join(" | "),
            french_date(&d.publication_date),
            d.languages.join(", "),
            labels(&d.theme_ids, &themes),
            labels(&d.territory_ids, &territories),
            ResourceStatus::from_code(&d.status).map_or(d.status.clone(), |s| s.label().into()),
            french_date(&d.review_date),
            d.reference.clone(),
            d.rights.clone(),
            files.join(" | "),
        ]);
    }
    Ok(csv.finish())
}
