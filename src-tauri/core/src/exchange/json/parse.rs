//! Reading a file: from bytes to the file's lists, with every check that needs nothing but the
//! file — size, encoding, JSON, format name and version, the shape of each record, unknown
//! fields, the rules of the forms ([`crate::validation`]), identities and times. Each problem
//! names its record; they are reported together.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::duplicates::check_duplicates;
use super::kinds::*;
use super::links::IdMaps;
use super::problems::{refuse, refuse_problems, too_large, who};
use super::shapes::{Lists, Record, LIST_NAMES};
use super::{FORMAT_NAME, FORMAT_VERSION, MAX_FILE_BYTES};
use crate::error::{CoreError, CoreResult};
use crate::store::MAX_RECORD_VERSION;
use crate::validation::check_reference_texts;

/// Reads the bytes of a file as an exchange file: the checks that need nothing but the file.
pub(super) fn parse(bytes: &[u8]) -> CoreResult<(u32, Lists)> {
    let (format_version, mut map) = read_document(bytes)?;
    let mut problems = Vec::new();
    for key in map.keys() {
        if key != "format" && key != "formatVersion" && !LIST_NAMES.contains(&key.as_str()) {
            problems.push(format!("partie inconnue « {key} » dans le fichier."));
        }
    }
    let mut lists = Lists {
        profession_families: parse_plain(
            "professionFamilies",
            "Famille de métiers",
            map.remove("professionFamilies"),
            &mut problems,
        ),
        interreg_programmes: parse_plain(
            "interregProgrammes",
            "Programme Interreg",
            map.remove("interregProgrammes"),
            &mut problems,
        ),
        ..Lists::default()
    };
    macro_rules! parse_list {
        ($kind:ident) => {
            *$kind::list_mut(&mut lists) =
                parse_kind::<$kind>(map.remove($kind::LIST), &mut problems)
        };
    }
    for_each_kind!(parse_list);
    lists.files = super::files::parse_pool(map.remove("files"), &mut problems);
    lists.revisions = crate::sync::exchange_file::parse(map.remove("revisions"), &mut problems);
    check_plain_records(&lists, &mut problems);
    check_duplicates(&lists, &mut problems);
    if problems.is_empty() {
        Ok((format_version, lists))
    } else {
        Err(refuse_problems(problems))
    }
}

/// The file as a JSON object of the right format and a version this build reads; its format
/// version and its parts.
fn read_document(bytes: &[u8]) -> CoreResult<(u32, Map<String, Value>)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse("Le fichier est vide. Rien n’a été modifié."));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(refuse(
            "Ce fichier n’est pas un fichier d’échange Passerelle : ce n’est pas du texte JSON (UTF-8). Rien n’a été modifié.",
        ));
    };
    let value: Value = serde_json::from_str(text).map_err(|error| unreadable(text, &error))?;
    let Value::Object(map) = value else {
        return Err(refuse(
            "Ce fichier JSON n’est pas un fichier d’échange Passerelle. Rien n’a été modifié.",
        ));
    };
    match map.get("format") {
        Some(Value::String(name)) if name == FORMAT_NAME => {}
        _ => {
            return Err(refuse(
                "Ce fichier JSON n’est pas un fichier d’échange Passerelle (il n’indique pas le format « passerelle-echange »). Rien n’a été modifié.",
            ))
        }
    }
    let version =
        match map.get("formatVersion").and_then(Value::as_u64) {
            Some(version) if version >= 1 => version,
            _ => return Err(refuse(
                "La version de format de ce fichier d’échange est illisible. Rien n’a été modifié.",
            )),
        };
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse(format!(
            "Ce fichier a été écrit par une version plus récente de Passerelle (format {version}) ; cette version lit le format {FORMAT_VERSION}. Installez la dernière version de Passerelle pour l’importer. Rien n’a été modifié."
        )));
    }
    Ok((u32::try_from(version).unwrap_or(FORMAT_VERSION), map))
}

/// Text that is not JSON: truncated, damaged (with the line and column), or something else.
fn unreadable(text: &str, error: &serde_json::Error) -> CoreError {
    let starts_like_json = text.trim_start().starts_with(['{', '[']);
    refuse(if error.is_eof() && starts_like_json {
        "Le fichier est incomplet : il s’arrête avant la fin. Il a sans doute été tronqué pendant la copie ou le téléchargement ; demandez-en une nouvelle copie. Rien n’a été modifié.".to_string()
    } else if starts_like_json {
        format!(
            "Le fichier JSON est illisible (ligne {}, colonne {}) : il a peut-être été modifié à la main ou endommagé. Rien n’a été modifié.",
            error.line(),
            error.column()
        )
    } else {
        "Ce fichier n’est pas un fichier d’échange Passerelle (ce n’est pas du JSON). Rien n’a été modifié.".to_string()
    })
}

/// Profession families and Interreg programmes: identity, and a label or a name.
fn check_plain_records(lists: &Lists, problems: &mut Vec<String>) {
    for family in &lists.profession_families {
        let name = who("Famille de métiers", family.label.trim(), &family.id);
        check_meta(
            problems,
            &name,
            &family.id,
            family.reference_key.as_deref(),
            None,
        );
        if family.label.trim().is_empty() {
            problems.push(format!("{name} : Le libellé est obligatoire."));
        }
        let texts = [("label", family.label.as_str()), ("level", &family.level)];
        if let Err(error) = check_reference_texts(&texts) {
            problems.extend(
                field_problems(error)
                    .into_iter()
                    .map(|m| format!("{name} : {m}")),
            );
        }
    }
    for programme in &lists.interreg_programmes {
        let name = who("Programme Interreg", programme.name.trim(), &programme.id);
        check_meta(
            problems,
            &name,
            &programme.id,
            programme.reference_key.as_deref(),
            None,
        );
        if programme.name.trim().is_empty() {
            problems.push(format!("{name} : Le nom est obligatoire."));
        }
        let texts = [
            ("name", programme.name.as_str()),
            ("period", &programme.period),
            ("kind", &programme.kind),
            ("frenchPerimeter", &programme.french_perimeter),
            ("notes", &programme.notes),
        ];
        if let Err(error) = check_reference_texts(&texts) {
            problems.extend(
                field_problems(error)
                    .into_iter()
                    .map(|m| format!("{name} : {m}")),
            );
        }
    }
}

/// Ids are UUIDs in practice; anything printable and short is accepted so that older or
/// hand-made files still work, but nothing that could break a line of another format.
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_meta(
    problems: &mut Vec<String>,
    name: &str,
    id: &str,
    reference_key: Option<&str>,
    times: Option<(&str, &str, i64)>,
) {
    if !valid_id(id) {
        problems.push(format!(
            "{name} : l’identifiant « {} » n’est pas valide.",
            id.chars().take(80).collect::<String>()
        ));
    }
    if let Some(key) = reference_key {
        if key.trim().is_empty() || key.chars().count() > 200 || key.chars().any(char::is_control) {
            problems.push(format!("{name} : la clé de référence n’est pas valide."));
        }
    }
    if let Some((created_at, updated_at, version)) = times {
        for (field, value) in [("createdAt", created_at), ("updatedAt", updated_at)] {
            if chrono::DateTime::parse_from_rfc3339(value).is_err() {
                problems.push(format!(
                    "{name} : « {field} » n’est pas une date et heure valide (RFC 3339)."
                ));
            }
        }
        if !(1..=MAX_RECORD_VERSION).contains(&version) {
            problems.push(format!(
                "{name} : la version ({version}) doit être un nombre entier entre 1 et {MAX_RECORD_VERSION}."
            ));
        }
    }
}

fn field_problems(error: CoreError) -> Vec<String> {
    match error {
        CoreError::Validation { fields } => fields.into_iter().map(|f| f.message).collect(),
        other => vec![other.to_string()],
    }
}

/// The keys a record of this kind may have.
fn known_keys<C: Serialize + Default>() -> HashSet<String> {
    let sample = Record {
        id: String::new(),
        reference_key: Some(String::new()),
        created_at: String::new(),
        updated_at: String::new(),
        version: 1,
        content: C::default(),
    };
    match serde_json::to_value(sample) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => HashSet::new(),
    }
}

/// A short, French description of a serde error on one record.
fn shape_problem(error: &serde_json::Error) -> String {
    let detail = error.to_string();
    if let Some(field) = detail
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        format!("le champ « {field} » manque.")
    } else {
        format!("une valeur n’a pas le type attendu ({detail}).")
    }
}

fn record_name_from_value(entity_label: &str, index: usize, item: &Value) -> String {
    match item.get("id").and_then(Value::as_str) {
        Some(id) => format!(
            "{entity_label} n° {} (identifiant {})",
            index + 1,
            id.chars().take(80).collect::<String>()
        ),
        None => format!("{entity_label} n° {}", index + 1),
    }
}

fn parse_kind<K: Kind>(
    value: Option<Value>,
    problems: &mut Vec<String>,
) -> Vec<Record<K::Content>> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(format!("la partie « {} » n’est pas une liste.", K::LIST));
            return Vec::new();
        }
    };
    // Fields left out when empty (the partner-language texts, the logistics) are not in a
    // serialised default record: the kind's list of fields names them.
    let mut known = known_keys::<K::Content>();
    known.extend(K::FIELDS.iter().map(|(key, _)| key.to_string()));
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let name = record_name_from_value(K::ENTITY_LABEL, index, &item);
        let Value::Object(map) = &item else {
            problems.push(format!("{name} : ce n’est pas un objet JSON."));
            continue;
        };
        if let Some(unknown) = map.keys().find(|key| !known.contains(*key)) {
            problems.push(format!("{name} : champ inconnu « {unknown} »."));
            continue;
        }
        let mut record: Record<K::Content> = match serde_json::from_value(item) {
            Ok(record) => record,
            Err(error) => {
                problems.push(format!("{name} : {}", shape_problem(&error)));
                continue;
            }
        };
        let name = who(K::ENTITY_LABEL, &K::label(&record.content), &record.id);
        if K::REFERENCE.is_none() && record.reference_key.is_some() {
            problems.push(format!(
                "{name} : une clé de référence n’est pas attendue ici."
            ));
        }
        check_meta(
            problems,
            &name,
            &record.id,
            record.reference_key.as_deref(),
            Some((&record.created_at, &record.updated_at, record.version)),
        );
        if let Err(error) = K::check(&record.content) {
            for message in field_problems(error) {
                problems.push(format!("{name} : {message}"));
            }
        }
        // Sets are kept sorted, as the database gives them back.
        K::map_ids(&mut record.content, &IdMaps::default());
        records.push(record);
    }
    records
}

fn parse_plain<T: DeserializeOwned>(
    list: &str,
    entity_label: &str,
    value: Option<Value>,
    problems: &mut Vec<String>,
) -> Vec<T> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(format!("la partie « {list} » n’est pas une liste."));
            return Vec::new();
        }
    };
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let name = record_name_from_value(entity_label, index, &item);
        match serde_json::from_value(item) {
            Ok(record) => records.push(record),
            Err(error) => {
                let detail = error.to_string();
                let problem = match detail
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                {
                    Some(field) => format!("champ inconnu « {field} »."),
                    None => shape_problem(&error),
                };
                problems.push(format!("{name} : {problem}"));
            }
        }
    }
    records
}
