//! The expert directory as CSV, both ways, for Excel as French users have it: one row per
//! expert, French column headers, `;`, UTF-8 with BOM, CRLF, dates dd/mm/yyyy.
//!
//! # Columns
//!
//! `Nom` and `Prénom` are required; the others are optional and may come in any order (see
//! [`super::csv_import`] for header matching and absent columns). Cells:
//! - `Structure`: an existing organisation, by name or acronym, accent- and case-insensitively.
//!   An unknown organisation rejects the row: creating one needs its kind and country, which a
//!   directory file does not give, and a typo would otherwise create a near-duplicate.
//! - `Pays`: ISO code (`FR`), or a country name of the interface's list (`Allemagne`).
//! - `Langues`: `de:C1, en:B2, fr:langue maternelle` — ISO 639-1 code or French name of the
//!   language, CEFR level or "langue maternelle" (also `native`, `natif`).
//! - `Thèmes`, `Territoires`, `Métiers`: labels of existing records separated by ` | ` (labels
//!   themselves contain commas: "Environnement (eau, air, biodiversité)"); a cell typed with
//!   commas is accepted when every comma-separated part is a known label. An unknown label
//!   rejects the row, naming it. On export they are sorted alphabetically.
//! - `Date du consentement`, `Date de révision`: dd/mm/yyyy (ISO yyyy-mm-dd accepted).
//!
//! # Duplicates
//!
//! A row is the same expert as a record with the same e-mail address (case-insensitive), or,
//! failing that, with the same first and last name (accent- and case-insensitive) and the same
//! organisation (both without one counts as the same). A file without a `Structure` column
//! therefore matches by name only the experts that have no organisation.
//!
//! Every row is checked with the rules of the expert form ([`check_expert`]).

use std::collections::HashMap;

use super::csv_import::{
    profession_index, read_table, resolve_labels, row_reason, Column, CsvImportChoices,
    CsvImportPreview, CsvImportSummary, DuplicateRow, Lookup, NameIndex, Plan, RejectedRow, Row,
    RowPlan,
};
use super::folding::fold;
use super::text::{french_date, parse_french_date, CsvWriter};
use crate::error::{CoreError, CoreResult};
use crate::model::{Expert, ExpertInput, LanguageLevel, LanguageSkill};
use crate::store::csv_import::{ExpertContext, Label};
use crate::validation::check_expert;
use crate::Store;

const LAST_NAME: usize = 0;
const FIRST_NAME: usize = 1;
const JOB_TITLE: usize = 2;
const ORGANISATION: usize = 3;
const COUNTRY: usize = 4;
const CITY: usize = 5;
const EMAIL: usize = 6;
const PHONE: usize = 7;
const LANGUAGES: usize = 8;
const THEMES: usize = 9;
const TERRITORIES: usize = 10;
const PROFESSIONS: usize = 11;
const BIO_FR: usize = 12;
const BIO_OTHER: usize = 13;
const BIO_OTHER_LANGUAGE: usize = 14;
const KEYWORDS: usize = 15;
const AVAILABILITY: usize = 16;
const FEES: usize = 17;
const CONSENT_DATE: usize = 18;
const CONSENT_SOURCE: usize = 19;
const REVIEW_DATE: usize = 20;
const NOTES: usize = 21;

/// The columns, in export order (the constants above index them).
const COLUMNS: &[Column] = &[
    Column {
        header: "Nom",
        aliases: &["nom de famille", "last name", "lastname", "surname"],
        required: true,
    },
    Column {
        header: "Prénom",
        aliases: &["first name", "firstname"],
        required: true,
    },
    Column::optional("Fonction", &["poste", "intitule du poste", "job title"]),
    Column::optional("Structure", &["organisation", "organisme", "employeur"]),
    Column::optional("Pays", &["code pays", "country"]),
    Column::optional("Ville", &["commune", "city"]),
    Column::optional(
        "E-mail",
        &[
            "email",
            "mail",
            "courriel",
            "adresse e-mail",
            "adresse electronique",
        ],
    ),
    Column::optional("Téléphone", &["tel", "tel.", "phone"]),
    Column::optional("Langues", &["langues parlees", "languages"]),
    Column::optional("Thèmes", &["thematiques", "themes"]),
    Column::optional("Territoires", &["frontieres"]),
    Column::optional("Métiers", &["metiers connus"]),
    Column::optional("Biographie", &["biographie (francais)", "bio"]),
    Column::optional("Biographie (autre langue)", &["biographie traduite"]),
    Column::optional(
        "Langue de la biographie",
        &[
            "langue de la biographie (autre langue)",
            "langue de la biographie traduite",
        ],
    ),
    Column::optional("Mots-clés", &["mots cles"]),
    Column::optional("Disponibilité", &["disponibilites"]),
    Column::optional("Honoraires ou conditions", &["honoraires", "conditions"]),
    Column::optional("Date du consentement", &["consentement"]),
    Column::optional("Source du consentement", &[]),
    Column::optional("Date de révision", &["a revoir le"]),
    Column::optional("Notes", &["remarques"]),
];

fn join_labels(ids: &[String], labels: &HashMap<&str, &str>) -> String {
    let mut names: Vec<&str> = ids
        .iter()
        .filter_map(|id| labels.get(id.as_str()).copied())
        .collect();
    names.sort_by_cached_key(|name| (fold(name), name.to_string()));
    names.dedup();
    names.join(" | ")
}

fn label_map(labels: &[Label]) -> HashMap<&str, &str> {
    labels
        .iter()
        .map(|l| (l.id.as_str(), l.label.as_str()))
        .collect()
}

fn languages_cell(languages: &[LanguageSkill]) -> String {
    languages
        .iter()
        .map(|skill| {
            let level = LanguageLevel::from_code(&skill.level)
                .map(LanguageLevel::label)
                .unwrap_or(&skill.level);
            format!("{}:{level}", skill.language)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every expert as a CSV file: UTF-8 with BOM, `;`, CRLF, French headers, sorted by name.
/// The bytes depend only on the content, so exporting, importing into an empty database and
/// exporting again gives the same file.
pub fn export(store: &Store) -> CoreResult<Vec<u8>> {
    let context = store.csv_expert_context()?;
    let organisations = label_map(&context.organisations);
    let themes = label_map(&context.themes);
    let territories = label_map(&context.territories);
    let professions = label_map(&context.professions);
    let mut rows: Vec<Vec<String>> = context
        .experts
        .iter()
        .map(|expert| {
            let data = &expert.data;
            let mut cells = vec![String::new(); COLUMNS.len()];
            cells[LAST_NAME] = data.last_name.clone();
            cells[FIRST_NAME] = data.first_name.clone();
            cells[JOB_TITLE] = data.job_title.clone();
            cells[ORGANISATION] = data
                .organisation_id
                .as_deref()
                .and_then(|id| organisations.get(id))
                .map(|name| name.to_string())
                .unwrap_or_default();
            cells[COUNTRY] = data.country.clone();
            cells[CITY] = data.city.clone();
            cells[EMAIL] = data.email.clone();
            cells[PHONE] = data.phone.clone();
            cells[LANGUAGES] = languages_cell(&data.languages);
            cells[THEMES] = join_labels(&data.theme_ids, &themes);
            cells[TERRITORIES] = join_labels(&data.territory_ids, &territories);
            cells[PROFESSIONS] = join_labels(&data.profession_ids, &professions);
            cells[BIO_FR] = data.bio_fr.clone();
            cells[BIO_OTHER] = data.bio_other.clone();
            cells[BIO_OTHER_LANGUAGE] = data.bio_other_language.clone();
            cells[KEYWORDS] = data.keywords.clone();
            cells[AVAILABILITY] = data.availability.clone();
            cells[FEES] = data.fees.clone();
            cells[CONSENT_DATE] = french_date(&data.consent_date);
            cells[CONSENT_SOURCE] = data.consent_source.clone();
            cells[REVIEW_DATE] = french_date(&data.review_date);
            cells[NOTES] = data.notes.clone();
            cells
        })
        .collect();
    rows.sort_by_cached_key(|cells| {
        (
            fold(&cells[LAST_NAME]),
            fold(&cells[FIRST_NAME]),
            cells.clone(),
        )
    });
    let mut writer = CsvWriter::new();
    writer.record(&COLUMNS.iter().map(|c| c.header).collect::<Vec<_>>());
    for row in &rows {
        writer.record(row);
    }
    Ok(writer.finish())
}

/// What importing `bytes` would do; nothing is written. A file that cannot be read as a whole
/// is [`CoreError::InvalidFile`] with a French message.
pub fn preview(store: &Store, bytes: &[u8]) -> CoreResult<CsvImportPreview> {
    let context = store.csv_expert_context()?;
    Ok(plan(&context, bytes)?.preview())
}

/// Imports `bytes` in one transaction, planned again against the database as it is then (a
/// preview may be stale). With rejected rows and `skip_invalid == false`, fails with
/// [`CoreError::InvalidFile`] listing the lines and changes nothing.
pub fn apply(
    store: &mut Store,
    bytes: &[u8],
    choices: &CsvImportChoices,
) -> CoreResult<CsvImportSummary> {
    store.csv_import_experts(|context| plan(context, bytes)?.into_writes(choices))
}

/// The lookups a row is resolved with.
struct Lookups<'a> {
    organisation_names: NameIndex,
    organisation_acronyms: NameIndex,
    themes: NameIndex,
    territories: NameIndex,
    professions: NameIndex,
    languages: HashMap<String, &'static str>,
    countries: HashMap<String, &'static str>,
    by_email: HashMap<String, &'a Expert>,
    by_name: HashMap<NameKey, &'a Expert>,
}

/// Folded last name, folded first name, organisation.
type NameKey = (String, String, Option<String>);

fn name_key(input: &ExpertInput) -> NameKey {
    (
        fold(&input.last_name),
        fold(&input.first_name),
        input.organisation_id.clone(),
    )
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl<'a> Lookups<'a> {
    fn new(context: &'a ExpertContext) -> Self {
        let index = |labels: &'a [Label], with_alias: bool| {
            NameIndex::new(labels.iter().map(|l| {
                let mut names = vec![l.label.as_str()];
                if with_alias {
                    names.push(l.alias.as_str());
                }
                (l.id.as_str(), names)
            }))
        };
        let catalogue = crate::codes::catalogue();
        let mut by_email = HashMap::new();
        let mut by_name = HashMap::new();
        // Oldest first: when two records share an address or a name, the oldest is matched.
        for expert in &context.experts {
            if !expert.data.email.trim().is_empty() {
                by_email
                    .entry(email_key(&expert.data.email))
                    .or_insert(expert);
            }
            by_name.entry(name_key(&expert.data)).or_insert(expert);
        }
        Lookups {
            organisation_names: index(&context.organisations, false),
            organisation_acronyms: NameIndex::new(
                context
                    .organisations
                    .iter()
                    .map(|l| (l.id.as_str(), vec![l.alias.as_str()])),
            ),
            themes: index(&context.themes, true),
            territories: index(&context.territories, false),
            professions: profession_index(&context.professions, &context.profession_former_titles),
            languages: catalogue
                .languages
                .iter()
                .map(|l| (fold(l.label), l.code))
                .collect(),
            countries: catalogue
                .countries
                .iter()
                .map(|c| (fold(c.label), c.code))
                .collect(),
            by_email,
            by_name,
        }
    }

    fn organisation(&self, cell: &str, problems: &mut Vec<String>) -> Option<String> {
        let name = cell.trim();
        if name.is_empty() {
            return None;
        }
        let found = match self.organisation_names.find(name) {
            Lookup::Unknown => self.organisation_acronyms.find(name),
            found => found,
        };
        match found {
            Lookup::Found(id) => Some(id.to_string()),
            Lookup::Ambiguous => {
                problems.push(format!(
                    "structure « {name} » ambiguë : plusieurs structures portent ce nom ou ce sigle ; \
                     indiquez son nom complet"
                ));
                None
            }
            Lookup::Unknown => {
                problems.push(format!(
                    "structure inconnue « {name} » : créez-la d'abord dans Passerelle, ou corrigez \
                     son nom"
                ));
                None
            }
        }
    }

    fn country(&self, cell: &str) -> String {
        let value = cell.trim();
        if value.chars().count() == 2 {
            return value.to_uppercase();
        }
        self.countries
            .get(&fold(value))
            .map(|code| code.to_string())
            .unwrap_or_else(|| value.to_string())
    }

    fn language(&self, value: &str) -> String {
        let value = value.trim();
        if value.chars().count() == 2 {
            return value.to_lowercase();
        }
        self.languages
            .get(&fold(value))
            .map(|code| code.to_string())
            .unwrap_or_else(|| value.to_string())
    }

    /// "de:C1, en:B2, fr:langue maternelle"; unknown codes and levels are left for the
    /// validation to name.
    fn languages(&self, cell: &str) -> Vec<LanguageSkill> {
        cell.split([',', ';', '|'])
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                let (language, level) = item
                    .split_once(':')
                    .or_else(|| item.split_once(char::is_whitespace))
                    .unwrap_or((item, ""));
                let level = level.trim();
                let level = match fold(level).as_str() {
                    "a1" | "a2" | "b1" | "b2" | "c1" | "c2" => level.to_uppercase(),
                    "native" | "langue maternelle" | "maternelle" | "natif" | "native speaker"
                    | "langue natale" => LanguageLevel::Native.code().to_string(),
                    _ => level.to_string(),
                };
                LanguageSkill {
                    language: self.language(language),
                    level,
                }
            })
            .collect()
    }
}

fn date_cell(row: &Row, column: usize, problems: &mut Vec<String>) -> Option<String> {
    let cell = row.get(column)?.trim();
    if cell.is_empty() {
        return Some(String::new());
    }
    match parse_french_date(cell) {
        Some(iso) => Some(iso),
        None => {
            problems.push(format!(
                "{} : « {cell} » n'est pas une date (attendu jj/mm/aaaa, par exemple 05/03/2026)",
                COLUMNS[column].header
            ));
            Some(String::new())
        }
    }
}

/// The row's values over `base` (the matched record, or empty for a new one): a column the
/// file does not have keeps the base's value.
fn merge(
    row: &Row,
    base: &ExpertInput,
    organisation_id: Option<Option<String>>,
    lookups: &Lookups,
    problems: &mut Vec<String>,
) -> ExpertInput {
    let mut input = base.clone();
    let trimmed = |column: usize, field: &mut String| {
        if let Some(cell) = row.get(column) {
            *field = cell.trim().to_string();
        }
    };
    let verbatim = |column: usize, field: &mut String| {
        if let Some(cell) = row.get(column) {
            *field = cell.to_string();
        }
    };
    trimmed(LAST_NAME, &mut input.last_name);
    trimmed(FIRST_NAME, &mut input.first_name);
    trimmed(JOB_TITLE, &mut input.job_title);
    if let Some(organisation_id) = organisation_id {
        input.organisation_id = organisation_id;
    }
    if let Some(cell) = row.get(COUNTRY) {
        input.country = lookups.country(cell);
    }
    trimmed(CITY, &mut input.city);
    trimmed(EMAIL, &mut input.email);
    trimmed(PHONE, &mut input.phone);
    if let Some(cell) = row.get(LANGUAGES) {
        input.languages = lookups.languages(cell);
    }
    if let Some(cell) = row.get(THEMES) {
        input.theme_ids = resolve_labels(cell, &lookups.themes, "thème", problems);
    }
    if let Some(cell) = row.get(TERRITORIES) {
        input.territory_ids = resolve_labels(cell, &lookups.territories, "territoire", problems);
    }
    if let Some(cell) = row.get(PROFESSIONS) {
        input.profession_ids = resolve_labels(cell, &lookups.professions, "métier", problems);
    }
    verbatim(BIO_FR, &mut input.bio_fr);
    verbatim(BIO_OTHER, &mut input.bio_other);
    if let Some(cell) = row.get(BIO_OTHER_LANGUAGE) {
        input.bio_other_language = if cell.trim().is_empty() {
            String::new()
        } else {
            lookups.language(cell)
        };
    }
    verbatim(KEYWORDS, &mut input.keywords);
    verbatim(AVAILABILITY, &mut input.availability);
    verbatim(FEES, &mut input.fees);
    if let Some(date) = date_cell(row, CONSENT_DATE, problems) {
        input.consent_date = date;
    }
    verbatim(CONSENT_SOURCE, &mut input.consent_source);
    if let Some(date) = date_cell(row, REVIEW_DATE, problems) {
        input.review_date = date;
    }
    verbatim(NOTES, &mut input.notes);
    input
}

/// Whether two inputs hold the same expert data (links compared as sets).
fn same_content(a: &ExpertInput, b: &ExpertInput) -> bool {
    let sorted = |ids: &[String]| {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.dedup();
        ids
    };
    let mut a = a.clone();
    let mut b = b.clone();
    for input in [&mut a, &mut b] {
        input.theme_ids = sorted(&input.theme_ids);
        input.territory_ids = sorted(&input.territory_ids);
        input.profession_ids = sorted(&input.profession_ids);
    }
    a == b
}

/// Where an earlier row of the file already put an expert, to refuse a second row for them.
#[derive(Default)]
struct Seen {
    emails: HashMap<String, usize>,
    names: HashMap<NameKey, usize>,
    records: HashMap<String, usize>,
}

fn plan(context: &ExpertContext, bytes: &[u8]) -> CoreResult<Plan<ExpertInput>> {
    let table = read_table(bytes, COLUMNS)?;
    let lookups = Lookups::new(context);
    let mut seen = Seen::default();
    let rows = table
        .rows
        .into_iter()
        .map(|row| match row {
            Ok(row) => plan_row(&row, &lookups, &mut seen),
            Err(rejected) => RowPlan::Rejected(rejected),
        })
        .collect();
    Ok(Plan {
        encoding: table.encoding,
        separator: table.separator,
        ignored_columns: table.ignored_columns,
        rows,
    })
}

fn plan_row(row: &Row, lookups: &Lookups, seen: &mut Seen) -> RowPlan<ExpertInput> {
    let mut problems = Vec::new();
    // The row's identity first, to find the record it updates.
    let organisation_id = row
        .get(ORGANISATION)
        .map(|cell| lookups.organisation(cell, &mut problems));
    let identity = ExpertInput {
        last_name: row.trimmed(LAST_NAME).to_string(),
        first_name: row.trimmed(FIRST_NAME).to_string(),
        organisation_id: organisation_id.clone().flatten(),
        ..Default::default()
    };
    let email = email_key(row.trimmed(EMAIL));
    let matched: Option<(&Expert, &str)> = lookups
        .by_email
        .get(&email)
        .filter(|_| !email.is_empty())
        .map(|expert| (*expert, "adresse e-mail"))
        .or_else(|| {
            lookups
                .by_name
                .get(&name_key(&identity))
                .map(|expert| (*expert, "nom et organisation"))
        });
    let empty = ExpertInput::default();
    let base = matched.map_or(&empty, |(expert, _)| &expert.data);
    let input = merge(row, base, organisation_id, lookups, &mut problems);
    let fields = match check_expert(&input) {
        Err(CoreError::Validation { fields }) => fields,
        _ => Vec::new(),
    };
    if !problems.is_empty() || !fields.is_empty() {
        return RowPlan::Rejected(RejectedRow {
            line: row.line,
            reason: row_reason(row.line, &problems, &fields),
        });
    }

    let email = email_key(&input.email);
    let names = name_key(&input);
    let earlier = matched
        .and_then(|(expert, _)| seen.records.get(&expert.meta.id))
        .map(|line| (*line, "le même expert"))
        .or_else(|| {
            seen.emails
                .get(&email)
                .filter(|_| !email.is_empty())
                .map(|line| (*line, "la même adresse e-mail"))
        })
        .or_else(|| {
            seen.names
                .get(&names)
                .map(|line| (*line, "le même nom et la même structure"))
        });
    if let Some((line, what)) = earlier {
        return RowPlan::Rejected(RejectedRow {
            line: row.line,
            reason: format!(
                "ligne {} : {what} que la ligne {line} ; une seule ligne par expert",
                row.line
            ),
        });
    }
    if !email.is_empty() {
        seen.emails.insert(email, row.line);
    }
    seen.names.insert(names, row.line);

    match matched {
        None => RowPlan::New { input },
        Some((expert, matched_by)) => {
            seen.records.insert(expert.meta.id.clone(), row.line);
            RowPlan::Matched {
                duplicate: DuplicateRow {
                    line: row.line,
                    label: format!("{} {}", input.first_name, input.last_name),
                    existing_id: expert.meta.id.clone(),
                    matched_by: matched_by.into(),
                    changed: !same_content(&expert.data, &input),
                },
                version: expert.meta.version,
                input,
            }
        }
    }
}
