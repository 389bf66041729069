//! The reference data that ships inside the binary (`src-tauri/core/reference/`, with the public
//! source of each row in SOURCES.md and the `source` columns): CNFPT structures and the MOT,
//! borders and cross-border areas, themes, profession families, professions and Interreg
//! programmes. Loaded on the first start of each release, so a new user can work at once.
//!
//! This module only parses the files; the store loads them (`Store::load_reference`), idempotently:
//! a row is inserted only if no record carries its `reference_key`, so a second start adds nothing
//! and a record the user edited is never overwritten. A shipped record's id is derived from its
//! table and key ([`shipped_id`]) and its times are [`SHIPPED_AT`], so an untouched record is the
//! same, byte for byte, on every laptop.

use serde::Deserialize;

use crate::error::{CoreError, CoreResult};
use crate::model::{OrganisationInput, ProfessionInput, TerritoryInput, ThemeInput};

const ORGANISATIONS: &str = include_str!("../reference/organisations.csv");
const TERRITORIES: &str = include_str!("../reference/territories.csv");
const THEMES: &str = include_str!("../reference/themes.csv");
const PROFESSION_FAMILIES: &str = include_str!("../reference/profession_families.csv");
const PROFESSIONS: &str = include_str!("../reference/professions.csv");
const INTERREG_PROGRAMMES: &str = include_str!("../reference/interreg_programmes.csv");

/// The namespace of the ids of shipped reference records (UUID v5, RFC 9562): never change
/// it, every laptop's reference ids derive from it.
const REFERENCE_NAMESPACE: uuid::Uuid = uuid::uuid!("02e313d6-5965-4cad-af94-ca8a5225d6e4");

/// The `created_at` and `updated_at` of a shipped reference record the user never edited:
/// « shipped with the application », the same on every laptop whenever it was loaded.
pub const SHIPPED_AT: &str = "2026-01-01T00:00:00.000Z";

/// The id of the shipped reference record of `table` (its SQL table name: "organisations",
/// "profession_families"…) that carries `key`: a UUID v5 of [`REFERENCE_NAMESPACE`] and
/// "table:key", so the same record has the same id on every laptop and two laptops' records
/// need no re-keying to be shared.
pub fn shipped_id(table: &str, key: &str) -> String {
    uuid::Uuid::new_v5(&REFERENCE_NAMESPACE, format!("{table}:{key}").as_bytes()).to_string()
}

/// Changed by hand when the way the reference data is loaded changes (`Store::load_reference`)
/// while the files stay the same, so that databases take the new loading at the next start.
const LOADER_REVISION: &str = "1";

/// Identifies this release's reference data: the loader's revision and the SHA-256 of the CSV
/// files, computed by the build script. A database that holds it has nothing to load.
pub fn fingerprint() -> String {
    let files = include_str!(concat!(env!("OUT_DIR"), "/reference.sha256"));
    format!("{LOADER_REVISION}:{files}")
}

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
    /// ESCO's English label, shipped as the title before French titles came (absent in older files).
    #[serde(default)]
    title_en: String,
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

/// A profession family of the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceFamily {
    pub key: String,
    pub label: String,
    pub level: String,
}

/// A profession of the reference data; `input.family_id` is left empty and the family named by
/// its key, since ids are only known in a given database.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceProfession {
    pub key: String,
    pub family_key: String,
    pub input: ProfessionInput,
    /// Titles earlier releases shipped for this record (e.g. ESCO's English label): a record
    /// that still holds one of them was never edited by its user and takes the new title.
    pub previous_titles: Vec<String>,
}

/// An Interreg programme of the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceProgramme {
    pub key: String,
    pub name: String,
    pub period: String,
    pub kind: String,
    pub french_perimeter: String,
    pub notes: String,
}

/// Every reference record shipped inside the binary, keyed by its `reference_key`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceData {
    pub organisations: Vec<(String, OrganisationInput)>,
    pub territories: Vec<(String, TerritoryInput)>,
    pub themes: Vec<(String, ThemeInput)>,
    pub families: Vec<ReferenceFamily>,
    pub professions: Vec<ReferenceProfession>,
    pub programmes: Vec<ReferenceProgramme>,
}

/// How many reference rows were added or brought up to date (all zero on every start after
/// the first).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub added: usize,
    pub updated: usize,
}

/// The reference data shipped with this release, parsed from the embedded CSV files.
pub fn shipped() -> CoreResult<ReferenceData> {
    let organisations: Vec<OrganisationRow> = parse("organisations.csv", ORGANISATIONS)?;
    let territories: Vec<TerritoryRow> = parse("territories.csv", TERRITORIES)?;
    let themes: Vec<ThemeRow> = parse("themes.csv", THEMES)?;
    let families: Vec<FamilyRow> = parse("profession_families.csv", PROFESSION_FAMILIES)?;
    let professions: Vec<ProfessionRow> = parse("professions.csv", PROFESSIONS)?;
    let programmes: Vec<InterregRow> = parse("interreg_programmes.csv", INTERREG_PROGRAMMES)?;
    Ok(ReferenceData {
        organisations: organisations.into_iter().map(organisation).collect(),
        territories: territories.into_iter().map(territory).collect(),
        themes: themes
            .into_iter()
            .map(|row| {
                let input = ThemeInput {
                    label: row.label_fr,
                    label_en: row.label_en,
                };
                (row.key, input)
            })
            .collect(),
        families: families
            .into_iter()
            .map(|row| ReferenceFamily {
                key: row.key,
                label: row.label,
                level: row.level,
            })
            .collect(),
        professions: professions.into_iter().map(profession).collect(),
        programmes: programmes
            .into_iter()
            .map(|row| ReferenceProgramme {
                key: row.key,
                name: row.name,
                period: row.period,
                kind: row.kind,
                french_perimeter: row.french_perimeter,
                notes: row.notes,
            })
            .collect(),
    })
}

fn organisation(row: OrganisationRow) -> (String, OrganisationInput) {
    let input = OrganisationInput {
        notes: with_source(&row.description, &row.source),
        name: row.name,
        acronym: row.acronym,
        kind: row.kind,
        country: row.country,
        city: row.city,
        address: row.seat_address,
        ..Default::default()
    };
    (row.key, input)
}

fn territory(row: TerritoryRow) -> (String, TerritoryInput) {
    let kind = match row.kind.as_str() {
        "land_border" => "land_border",
        "maritime_border" | "maritime_area" | "maritime" => "maritime_border",
        "cross_border_area" => "cross_border_area",
        _ => "other",
    };
    let input = TerritoryInput {
        name: row.name.clone(),
        kind: kind.into(),
        countries: row
            .countries
            .split('|')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        notes: with_source(&row.notes, &row.source),
    };
    (row.key, input)
}

fn profession(row: ProfessionRow) -> ReferenceProfession {
    let mut description = row.description.clone();
    if row.scheme == "esco" && !row.uri.is_empty() {
        description = format!("{description}\nESCO : {}", row.uri)
            .trim()
            .to_string();
    }
    let previous_titles = match row.title_en.trim() {
        "" => Vec::new(),
        english => vec![english.to_string()],
    };
    ReferenceProfession {
        input: ProfessionInput {
            title: row.title,
            family_id: None,
            code: row.code,
            description,
        },
        key: row.key,
        family_key: row.family,
        previous_titles,
    }
}

fn with_source(text: &str, source: &str) -> String {
    let source = first_source(source);
    match (text.trim().is_empty(), source.is_empty()) {
        (_, true) => text.trim().to_string(),
        (true, false) => format!("Source : {source}"),
        (false, false) => format!("{}\nSource : {source}", text.trim()),
    }
}
