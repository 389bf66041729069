//! Professions (métiers) as CSV, both ways, in the same Excel-friendly shape as the experts
//! (`;`, UTF-8 with BOM, CRLF, French headers; see [`super::csv_import`] for reading).
//!
//! Columns: `Intitulé` (required), `Famille` (an existing family of professions, by label,
//! accent- and case-insensitively; unknown rejects the row), `Code` (CNFPT directory code),
//! `Description`, `Compétences` (labels separated by ` | `, sorted on export).
//!
//! A row is the same profession as a record with the same code (when both have one), or else
//! the same title (accent- and case-insensitive). Competences are only ever added: a label of
//! the file that the profession lacks is added (and makes the row an update); a competence the
//! file does not list is kept, because it carries observations a CSV file cannot hold. A
//! competence label containing `|` cannot be told apart from two labels.

use std::collections::{HashMap, HashSet};

use super::csv_import::{
    read_table, row_reason, Column, CsvImportChoices, CsvImportPreview, CsvImportSummary,
    DuplicateRow, Lookup, NameIndex, Plan, RejectedRow, Row, RowPlan,
};
use super::folding::fold;
use super::text::CsvWriter;
use crate::error::{CoreError, CoreResult};
use crate::model::{CompetenceInput, Profession, ProfessionInput};
use crate::store::csv_import::{ProfessionContext, ProfessionImport};
use crate::validation::{check_competence, check_profession};
use crate::Store;

const TITLE: usize = 0;
const FAMILY: usize = 1;
const CODE: usize = 2;
const DESCRIPTION: usize = 3;
const COMPETENCES: usize = 4;

/// The columns, in export order (the constants above index them).
const COLUMNS: &[Column] = &[
    Column {
        header: "Intitulé",
        aliases: &["metier", "intitule du metier", "titre", "title"],
        required: true,
    },
    Column {
        header: "Famille",
        aliases: &["famille de metiers", "family"],
        required: false,
    },
    Column {
        header: "Code",
        aliases: &["code cnfpt", "code du repertoire"],
        required: false,
    },
    Column {
        header: "Description",
        aliases: &[],
        required: false,
    },
    Column {
        header: "Compétences",
        aliases: &["competences cles"],
        required: false,
    },
];

/// Competence labels, sorted, each once.
fn competence_labels(profession: &Profession) -> Vec<&str> {
    let mut labels: Vec<&str> = profession
        .competences
        .iter()
        .map(|c| c.data.label.as_str())
        .collect();
    labels.sort_by_cached_key(|label| (fold(label), label.to_string()));
    labels.dedup();
    labels
}

/// Every profession as a CSV file, sorted by title; the bytes depend only on the content.
pub fn export(store: &Store) -> CoreResult<Vec<u8>> {
    let context = store.csv_profession_context()?;
    let mut rows: Vec<Vec<String>> = context
        .professions
        .iter()
        .map(|profession| {
            vec![
                profession.data.title.clone(),
                profession.family_label.clone().unwrap_or_default(),
                profession.data.code.clone(),
                profession.data.description.clone(),
                competence_labels(profession).join(" | "),
            ]
        })
        .collect();
    rows.sort_by_cached_key(|cells| (fold(&cells[TITLE]), cells.clone()));
    let mut writer = CsvWriter::new();
    writer.record(&COLUMNS.iter().map(|c| c.header).collect::<Vec<_>>());
    for row in &rows {
        writer.record(row);
    }
    Ok(writer.finish())
}

/// What importing `bytes` would do; nothing is written.
pub fn preview(store: &Store, bytes: &[u8]) -> CoreResult<CsvImportPreview> {
    let context = store.csv_profession_context()?;
    Ok(plan(&context, bytes)?.preview())
}

/// Imports `bytes` in one transaction, planned again against the database as it is then. With
/// rejected rows and `skip_invalid == false`, fails with [`CoreError::InvalidFile`] and
/// changes nothing.
pub fn apply(
    store: &mut Store,
    bytes: &[u8],
    choices: &CsvImportChoices,
) -> CoreResult<CsvImportSummary> {
    store.csv_import_professions(|context| plan(context, bytes)?.into_writes(choices))
}

struct Lookups<'a> {
    families: NameIndex,
    by_code: HashMap<String, &'a Profession>,
    by_title: HashMap<String, &'a Profession>,
}

#[derive(Default)]
struct Seen {
    codes: HashMap<String, usize>,
    titles: HashMap<String, usize>,
    records: HashMap<String, usize>,
}

fn plan(context: &ProfessionContext, bytes: &[u8]) -> CoreResult<Plan<ProfessionImport>> {
    let table = read_table(bytes, COLUMNS)?;
    let mut lookups = Lookups {
        families: NameIndex::new(
            context
                .families
                .iter()
                .map(|f| (f.id.as_str(), vec![f.label.as_str()])),
        ),
        by_code: HashMap::new(),
        by_title: HashMap::new(),
    };
    // Oldest first: when two records share a code or a title, the oldest is matched.
    for profession in &context.professions {
        let code = fold(&profession.data.code);
        if !code.is_empty() {
            lookups.by_code.entry(code).or_insert(profession);
        }
        lookups
            .by_title
            .entry(fold(&profession.data.title))
            .or_insert(profession);
    }
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

fn plan_row(row: &Row, lookups: &Lookups, seen: &mut Seen) -> RowPlan<ProfessionImport> {
    let mut problems = Vec::new();
    let matched = lookups.matching(row);
    let input = row_input(
        row,
        matched.map(|(p, _)| p),
        &lookups.families,
        &mut problems,
    );
    let new_competences = new_competences(row, matched.map(|(p, _)| p));
    let mut fields = match check_profession(&input) {
        Err(CoreError::Validation { fields }) => fields,
        _ => Vec::new(),
    };
    // The competences a row adds are records too, held to the competence form's rules.
    for label in &new_competences {
        let competence = CompetenceInput {
            label: label.clone(),
            ..CompetenceInput::default()
        };
        if let Err(CoreError::Validation { fields: more }) = check_competence(&competence) {
            fields.extend(more);
        }
    }
    if !problems.is_empty() || !fields.is_empty() {
        return RowPlan::Rejected(RejectedRow {
            line: row.line,
            reason: row_reason(row.line, &problems, &fields),
        });
    }
    if let Some(rejected) = seen.check_and_remember(row.line, matched.map(|(p, _)| p), &input) {
        return RowPlan::Rejected(rejected);
    }

    let import = ProfessionImport {
        input,
        new_competences,
    };
    match matched {
        None => RowPlan::New { input: import },
        Some((profession, matched_by)) => {
            let changed = import.input != profession.data || !import.new_competences.is_empty();
            RowPlan::Matched {
                duplicate: DuplicateRow {
                    line: row.line,
                    label: import.input.title.clone(),
                    existing_id: profession.meta.id.clone(),
                    matched_by: matched_by.into(),
                    changed,
                },
                version: profession.meta.version,
                input: import,
            }
        }
    }
}

impl<'a> Lookups<'a> {
    /// The profession a row is, by code, else by title, and what matched.
    fn matching(&self, row: &Row) -> Option<(&'a Profession, &'static str)> {
        let code = fold(row.trimmed(CODE));
        let title = fold(row.trimmed(TITLE));
        self.by_code
            .get(&code)
            .filter(|_| !code.is_empty())
            .map(|p| (*p, "code"))
            .or_else(|| self.by_title.get(&title).map(|p| (*p, "intitulé")))
    }
}

/// The profession's fields after the row: the matched profession's, with each column the file
/// has taking its cell.
fn row_input(
    row: &Row,
    matched: Option<&Profession>,
    families: &NameIndex,
    problems: &mut Vec<String>,
) -> ProfessionInput {
    let mut input = matched.map_or_else(ProfessionInput::default, |p| p.data.clone());
    if let Some(cell) = row.get(TITLE) {
        input.title = cell.trim().to_string();
    }
    if let Some(cell) = row.get(FAMILY) {
        let name = cell.trim();
        input.family_id = if name.is_empty() {
            None
        } else {
            match families.find(name) {
                Lookup::Found(id) => Some(id.to_string()),
                Lookup::Ambiguous => {
                    problems.push(format!(
                        "famille de métiers « {name} » ambiguë : plusieurs familles portent ce nom"
                    ));
                    None
                }
                Lookup::Unknown => {
                    problems.push(format!("famille de métiers inconnue « {name} »"));
                    None
                }
            }
        };
    }
    if let Some(cell) = row.get(CODE) {
        input.code = cell.trim().to_string();
    }
    if let Some(cell) = row.get(DESCRIPTION) {
        input.description = cell.to_string();
    }
    input
}

/// The competences of the row that the profession does not have yet, each once, in the row's
/// order.
fn new_competences(row: &Row, matched: Option<&Profession>) -> Vec<String> {
    let existing: HashSet<String> = matched
        .map(|p| p.competences.iter().map(|c| fold(&c.data.label)).collect())
        .unwrap_or_default();
    let mut new_competences: Vec<String> = Vec::new();
    let mut added = HashSet::new();
    for label in row
        .get(COMPETENCES)
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|label| !label.is_empty())
    {
        let key = fold(label);
        if !existing.contains(&key) && added.insert(key) {
            new_competences.push(label.to_string());
        }
    }
    new_competences
}

impl Seen {
    /// Rejects a row that names the same profession, code or title as an earlier line;
    /// otherwise remembers what this one names.
    fn check_and_remember(
        &mut self,
        line: usize,
        matched: Option<&Profession>,
        input: &ProfessionInput,
    ) -> Option<RejectedRow> {
        let code = fold(&input.code);
        let title = fold(&input.title);
        let earlier = matched
            .and_then(|p| self.records.get(&p.meta.id))
            .map(|line| (*line, "le même métier"))
            .or_else(|| {
                self.codes
                    .get(&code)
                    .filter(|_| !code.is_empty())
                    .map(|line| (*line, "le même code"))
            })
            .or_else(|| {
                self.titles
                    .get(&title)
                    .map(|line| (*line, "le même intitulé"))
            });
        if let Some((first, what)) = earlier {
            return Some(RejectedRow {
                line,
                reason: format!(
                    "ligne {line} : {what} que la ligne {first} ; une seule ligne par métier"
                ),
            });
        }
        if !code.is_empty() {
            self.codes.insert(code, line);
        }
        self.titles.insert(title, line);
        if let Some(profession) = matched {
            self.records.insert(profession.meta.id.clone(), line);
        }
        None
    }
}
