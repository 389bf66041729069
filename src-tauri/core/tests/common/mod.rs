//! Helpers shared by the core's integration tests: a real database file in a temporary folder.
#![allow(dead_code)]

use passerelle_core::model::*;
use passerelle_core::Store;
use tempfile::TempDir;

/// A database file with the reference data loaded, in a folder removed at the end of the test.
pub fn seeded_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store =
        Store::open_with_reference(&dir.path().join("passerelle.db")).expect("open database");
    (dir, store)
}

pub fn theme_id(store: &Store, label_start: &str) -> String {
    store
        .list_themes()
        .unwrap()
        .into_iter()
        .find(|t| t.data.label.starts_with(label_start))
        .unwrap_or_else(|| panic!("theme {label_start}"))
        .meta
        .id
}

pub fn expert(first: &str, last: &str) -> ExpertInput {
    ExpertInput {
        first_name: first.into(),
        last_name: last.into(),
        job_title: "Chargée de mission".into(),
        country: "FR".into(),
        email: format!(
            "{}.{}@exemple.eu",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        languages: vec![LanguageSkill {
            language: "fr".into(),
            level: "native".into(),
        }],
        ..Default::default()
    }
}

pub fn event(code: &str, start: &str, end: &str) -> EventInput {
    EventInput {
        code: code.into(),
        title: format!("Séminaire {code}"),
        kind: "seminar".into(),
        status: "planned".into(),
        start_date: start.into(),
        end_date: end.into(),
        city: "Lille".into(),
        ..Default::default()
    }
}

pub fn session(date: &str, start: &str, end: &str, title: &str) -> SessionInput {
    SessionInput {
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        title: title.into(),
        kind: "talk".into(),
        ..Default::default()
    }
}

pub fn fields(error: passerelle_core::CoreError) -> Vec<String> {
    error.fields().into_iter().map(|f| f.field).collect()
}

/// Every file directly in `dir` (not in its subfolders) with its bytes, sorted by name: to
/// compare a folder before and after something that must leave it untouched.
#[allow(dead_code)]
pub fn files_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The experts' last names, sorted.
#[allow(dead_code)]
pub fn last_names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .search_experts(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.last_name)
        .collect();
    names.sort();
    names
}

/// The lists of the exchange file whose records can carry a reference key.
pub const REFERENCE_LISTS: [&str; 6] = [
    "organisations",
    "territories",
    "themes",
    "professionFamilies",
    "interregProgrammes",
    "professions",
];

/// An exchange file as a release before shared reference ids wrote it: every shipped reference
/// record under a random id of its laptop's (every link to it following) and, if never
/// edited, the time that laptop loaded it.
pub fn with_older_reference_ids(file: &[u8]) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(file).unwrap();
    let mut older = Vec::new();
    for list in REFERENCE_LISTS {
        for record in value[list].as_array_mut().into_iter().flatten() {
            if record["referenceKey"].is_string() {
                older.push((
                    record["id"].as_str().unwrap().to_string(),
                    uuid::Uuid::new_v4(),
                ));
                if record["version"] == 1 {
                    record["createdAt"] = "2026-06-15T09:12:44.118Z".into();
                    record["updatedAt"] = "2026-06-15T09:12:44.118Z".into();
                }
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap();
    for (id, other) in older {
        text = text.replace(&format!("\"{id}\""), &format!("\"{other}\""));
    }
    text.into_bytes()
}

/// The id a file gives the reference record of `list` with `key`.
pub fn id_in_file(file: &[u8], list: &str, key: &str) -> String {
    let value: serde_json::Value = serde_json::from_slice(file).unwrap();
    value[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["referenceKey"] == key)
        .unwrap_or_else(|| panic!("{list} {key}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub mod couch;
