//! The reference data that ships inside the binary (`src-tauri/core/reference/`, with the public
//! source of each row in SOURCES.md and the `source` columns): CNFPT structures and the MOT,
//! borders and cross-border areas, themes, profession families, professions and Interreg
//! programmes. Loaded on first start so a new user can work at once.
//!
//! Loading is idempotent: a row is inserted only if no record carries its `reference_key`, so a
//! second start adds nothing and a record the user edited is never overwritten.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Deserialize;

use crate::error::{CoreError, CoreResult};
use crate::model::{OrganisationInput, ProfessionInput, TerritoryInput, ThemeInput};
use crate::store::Store;

const ORGANISATIONS: &str = include_str!("../reference/organisations.csv");
const TERRITORIES: &str = include_str!("../reference/territories.csv");
const THEMES: &str = include_str!("../reference/themes.csv");
const PROFESSION_FAMILIES: &str = include_str!("../reference/profession_families.csv");
const PROFESSIONS: &str = include_str!("../reference/professions.csv");
const INTERREG_PROGRAMMES: &str = include_str!("../reference/interreg_programmes.csv");

#[derive(Deserialize)]
struct OrganisationRow {
    key: String,
    name: String,
    acronym: String,
    kind: String,
    country: String,
    city: String,
    seat_address: String,
    description: String,
    source: String,
}

#[derive(Deserialize)]
struct TerritoryRow {
    key: String,
    name: String,
    kind: String,
    countries: String,
    notes: String,
    source: String,
}

#[derive(Deserialize)]
struct ThemeRow {
    key: String,
    label_fr: String,
    label_en: String,
}

#[derive(Deserialize)]
struct FamilyRow {
    key: String,
    label: String,
    level: String,
}

#[derive(Deserialize)]
struct ProfessionRow {
    key: String,
    title: String,
    family: String,
    scheme: String,
    code: String,
    uri: String,
    description: String,
}

#[derive(Deserialize)]
struct InterregRow {
    key: String,
    name: String,
    period: String,
    #[serde(rename = "type")]
    kind: String,
    french_perimeter: String,
    notes: String,
}

fn parse<T: for<'de> Deserialize<'de>>(file: &'static str, text: &str) -> CoreResult<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|error| CoreError::Reference {
            file,
            message: error.to_string(),
        })
}

/// Keeps the first source of a `|`-separated list, to cite it in the record's notes.
fn first_source(source: &str) -> &str {
    source.split('|').next().unwrap_or("").trim()
}

fn key_exists(tx: &Transaction, table: &str, key: &str) -> CoreResult<bool> {
    let mut statement =
        tx.prepare_cached(&format!("SELECT 1 FROM {table} WHERE reference_key = ?1"))?;
    Ok(statement.exists([key])?)
}

/// How many reference rows were added (all zero on every start after the first).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub added: usize,
}

/// Loads every reference row that is not in the database yet, in one transaction.
pub fn load(store: &mut Store) -> CoreResult<LoadReport> {
    let organisations: Vec<OrganisationRow> = parse("organisations.csv", ORGANISATIONS)?;
    let territories: Vec<TerritoryRow> = parse("territories.csv", TERRITORIES)?;
    let themes: Vec<ThemeRow> = parse("themes.csv", THEMES)?;
    let families: Vec<FamilyRow> = parse("profession_families.csv", PROFESSION_FAMILIES)?;
    let professions: Vec<ProfessionRow> = parse("professions.csv", PROFESSIONS)?;
    let programmes: Vec<InterregRow> = parse("interreg_programmes.csv", INTERREG_PROGRAMMES)?;

    store.write(|tx| {
        let mut added = 0;
        for row in &organisations {
            if key_exists(tx, "organisations", &row.key)? {
                continue;
            }
            let input = OrganisationInput {
                name: row.name.clone(),
                acronym: row.acronym.clone(),
                kind: row.kind.clone(),
                country: row.country.clone(),
                city: row.city.clone(),
                address: row.seat_address.clone(),
                notes: with_source(&row.description, &row.source),
                ..Default::default()
            };
            crate::store::insert_organisation(tx, &input, Some(&row.key))?;
            added += 1;
        }
        for row in &territories {
            if key_exists(tx, "territories", &row.key)? {
                continue;
            }
            let kind = match row.kind.as_str() {
                "land_border" => "land_border",
                "maritime_border" | "maritime_area" | "maritime" => "maritime_border",
                "cross_border_area" => "cross_border_area",
                _ => "other",
            };
            let input = TerritoryInput {
                name: row.name.clone(),
                kind: kind.into(),
                countries: row.countries.split('|').filter(|c| !c.is_empty()).map(str::to_string).collect(),
                notes: with_source(&row.notes, &row.source),
            };
            crate::store::insert_territory(tx, &input, Some(&row.key))?;
            added += 1;
        }
        for row in &themes {
            if key_exists(tx, "themes", &row.key)? {
                continue;
            }
            let input = ThemeInput { label: row.label_fr.clone(), label_en: row.label_en.clone() };
            crate::store::insert_theme(tx, &input, Some(&row.key))?;
            added += 1;
        }
        let mut family_ids: HashMap<String, String> = HashMap::new();
        for row in &families {
            let existing: Option<String> = tx
                .query_row("SELECT id FROM profession_families WHERE reference_key = ?1", [&row.key], |r| r.get(0))
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = uuid::Uuid::new_v4().to_string();
                    tx.execute(
                        "INSERT INTO profession_families (id, reference_key, label, level) VALUES (?1, ?2, ?3, ?4)",
                        params![id, row.key, row.label, row.level],
                    )?;
                    added += 1;
                    id
                }
            };
            family_ids.insert(row.key.clone(), id);
        }
        for row in &professions {
            if key_exists(tx, "professions", &row.key)? {
                continue;
            }
            let mut description = row.description.clone();
            if row.scheme == "esco" && !row.uri.is_empty() {
                description = format!("{description}\nESCO : {}", row.uri).trim().to_string();
            }
            let input = ProfessionInput {
                title: row.title.clone(),
                family_id: family_ids.get(&row.family).cloned(),
                code: row.code.clone(),
                description,
            };
            crate::store::insert_profession(tx, &input, Some(&row.key))?;
            added += 1;
        }
        for row in &programmes {
            if key_exists(tx, "interreg_programmes", &row.key)? {
                continue;
            }
            tx.execute(
                "INSERT INTO interreg_programmes (id, reference_key, name, period, kind, french_perimeter, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    uuid::Uuid::new_v4().to_string(), row.key, row.name, row.period, row.kind,
                    row.french_perimeter, row.notes
                ],
            )?;
            added += 1;
        }
        Ok(LoadReport { added })
    })
}

fn with_source(text: &str, source: &str) -> String {
    let source = first_source(source);
    match (text.trim().is_empty(), source.is_empty()) {
        (_, true) => text.trim().to_string(),
        (true, false) => format!("Source : {source}"),
        (false, false) => format!("{}\nSource : {source}", text.trim()),
    }
}
