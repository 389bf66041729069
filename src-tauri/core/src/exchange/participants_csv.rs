//! An event's participants as CSV, both ways, for Excel as French users have it (`;`, UTF-8
//! with BOM on export; UTF-8 with or without BOM, or Windows-1252, on import), and its
//! attendance grid as CSV (one column per half-day).
//!
//! # Columns
//!
//! `Nom` and `E-mail` are required columns (a row names its person by a first or a last name,
//! and the e-mail tells registrations apart); the others are optional, in any order, matched
//! as in the experts' import ([`super::csv_import`]). `Statut`: a label (« Inscrit »,
//! « Confirmé »…) or a code; empty means registered. `Métier`: an existing profession by title
//! or code.
//!
//! # Duplicates
//!
//! A row is the same person as a participant of the event with the same e-mail address
//! (case-insensitive): updated or left as it is, by the user's choice. Two rows of the file with
//! one address: the second is rejected. A new registered or confirmed row beyond the event's
//! capacity goes to the waiting list, in file order; the preview says how many.
//!
//! Special needs are health or disability data: the export writes them only when asked.

use std::collections::HashMap;

use serde::Serialize;

use super::csv_import::{
    profession_index, read_table, row_reason, Column, CsvImportChoices, CsvImportPreview,
    CsvImportSummary, DuplicateRow, Lookup, NameIndex, Plan, RejectedRow, Row, RowPlan,
};
use super::folding::fold;
use super::text::{french_date, CsvWriter};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::store::participants_csv::{ParticipantContext, ParticipantRow};
use crate::validation::check_participant;
use crate::Store;

const LAST_NAME: usize = 0;
const FIRST_NAME: usize = 1;
const EMAIL: usize = 2;
const PHONE: usize = 3;
const EMPLOYER: usize = 4;
const JOB_TITLE: usize = 5;
const PROFESSION: usize = 6;
const STATUS: usize = 7;
const NOTES: usize = 8;
const SPECIAL_NEEDS: usize = 9;

/// The columns, in export order (the constants above index them).
const COLUMNS: &[Column] = &[
    Column {
        header: "Nom",
        aliases: &["nom de famille", "last name", "lastname", "surname"],
        required: true,
    },
    Column::optional("Prénom", &["first name", "firstname"]),
    Column {
        header: "E-mail",
        aliases: &[
            "email",
            "mail",
            "courriel",
            "adresse e-mail",
            "adresse electronique",
            "adresse mail",
        ],
        required: true,
    },
    Column::optional("Téléphone", &["tel", "tel.", "phone", "portable"]),
    Column::optional(
        "Employeur",
        &[
            "organisme",
            "employeur/organisme",
            "structure",
            "collectivite",
            "organisation",
        ],
    ),
    Column::optional("Fonction", &["poste", "intitule du poste", "job title"]),
    Column::optional("Métier", &["metier cnfpt", "profession"]),
    Column::optional("Statut", &["statut d'inscription", "inscription"]),
    Column::optional("Notes", &["remarques", "commentaire", "commentaires"]),
    Column::optional(
        "Besoins particuliers",
        &["besoins specifiques", "accessibilite", "besoins"],
    ),
];

/// What importing would do: the experts' preview and how many new rows would wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantImportPreview {
    #[serde(flatten)]
    pub preview: CsvImportPreview,
    /// New rows that would go to the waiting list because the event is full.
    pub waiting_list: usize,
    pub capacity: Option<i64>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantImportSummary {
    #[serde(flatten)]
    pub summary: CsvImportSummary,
    /// New participants put on the waiting list because the event was full.
    pub waiting_list: usize,
}

fn status_label(code: &str) -> String {
    ParticipantStatus::from_code(code).map_or(code.to_string(), |s| s.label().to_string())
}

/// The event's participants as CSV: sorted by name; special needs only with
/// `with_special_needs`. Exporting, importing into an event without participants and
/// exporting again gives the same bytes.
pub fn export(store: &Store, event_id: &str, with_special_needs: bool) -> CoreResult<Vec<u8>> {
    let context = store.csv_participant_context(event_id)?;
    let professions: HashMap<&str, &str> = context
        .professions
        .iter()
        .map(|l| (l.id.as_str(), l.label.as_str()))
        .collect();
    let width = if with_special_needs {
        COLUMNS.len()
    } else {
        SPECIAL_NEEDS
    };
    let mut rows: Vec<Vec<String>> = context
        .participants
        .iter()
        .map(|p| {
            let d = &p.data;
            let mut cells = vec![String::new(); width];
            cells[LAST_NAME] = d.last_name.clone();
            cells[FIRST_NAME] = d.first_name.clone();
            cells[EMAIL] = d.email.clone();
            cells[PHONE] = d.phone.clone();
            cells[EMPLOYER] = d.employer.clone();
            cells[JOB_TITLE] = d.job_title.clone();
            cells[PROFESSION] = d
                .profession_id
                .as_deref()
                .and_then(|id| professions.get(id))
                .map(|t| t.to_string())
                .unwrap_or_default();
            cells[STATUS] = status_label(&d.status);
            cells[NOTES] = d.notes.clone();
            if with_special_needs {
                cells[SPECIAL_NEEDS] = d.special_needs.clone();
            }
            cells
        })
        .collect();
    rows.sort_by_cached_key(|c| (fold(&c[LAST_NAME]), fold(&c[FIRST_NAME]), c.clone()));
    let mut writer = CsvWriter::new();
    writer.record(
        &COLUMNS[..width]
            .iter()
            .map(|c| c.header)
            .collect::<Vec<_>>(),
    );
    for row in &rows {
        writer.record(row);
    }
    Ok(writer.finish())
}

/// The attendance grid as CSV: one row per participant who takes a seat or has a mark, one
/// column per half-day with training (« 12/05/2026 matin »), cells « Présent », « Absent »,
/// « Excusé » or empty, and the count of half-days present.
pub fn export_attendance(store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
    let slots = store.attendance_half_days(event_id)?;
    let marks: HashMap<(String, String, String), String> = store
        .attendance_of(event_id)?
        .into_iter()
        .map(|e| ((e.participant_id, e.date, e.part), e.mark))
        .collect();
    let mut header = vec![
        "Nom".to_string(),
        "Prénom".into(),
        "E-mail".into(),
        "Statut".into(),
    ];
    for slot in &slots {
        let part = HalfDayPart::from_code(&slot.part).map_or("", |p| p.label());
        header.push(format!(
            "{} {}",
            french_date(&slot.date),
            part.to_lowercase()
        ));
    }
    header.push("Demi-journées de présence".into());
    let mut writer = CsvWriter::new();
    writer.record(&header);
    for p in store.participants_of(event_id)? {
        let id = &p.meta.id;
        let cells: Vec<Option<&String>> = slots
            .iter()
            .map(|s| marks.get(&(id.clone(), s.date.clone(), s.part.clone())))
            .collect();
        let takes_seat =
            ParticipantStatus::from_code(&p.data.status).is_some_and(|s| s.takes_seat());
        if !takes_seat && cells.iter().all(Option::is_none) {
            continue;
        }
        let mut row = vec![
            p.data.last_name.clone(),
            p.data.first_name.clone(),
            p.data.email.clone(),
            status_label(&p.data.status),
        ];
        row.extend(cells.iter().map(|mark| {
            mark.and_then(|m| AttendanceMark::from_code(m))
                .map_or(String::new(), |m| m.label().to_string())
        }));
        let present = cells
            .iter()
            .filter(|m| m.is_some_and(|m| m == AttendanceMark::Present.code()))
            .count();
        row.push(present.to_string());
        writer.record(&row);
    }
    Ok(writer.finish())
}

/// What importing `bytes` into the event would do; nothing is written.
pub fn preview(
    store: &Store,
    event_id: &str,
    bytes: &[u8],
) -> CoreResult<ParticipantImportPreview> {
    let context = store.csv_participant_context(event_id)?;
    let plan = plan(&context, bytes)?;
    Ok(ParticipantImportPreview {
        preview: plan.preview(),
        waiting_list: would_wait(&context, &plan),
        capacity: context.capacity,
    })
}

/// Imports `bytes` into the event in one transaction, planned again against the database as
/// it is then. With rejected rows and `skip_invalid == false`, fails with
/// [`CoreError::InvalidFile`] listing the lines and changes nothing.
pub fn apply(
    store: &mut Store,
    event_id: &str,
    bytes: &[u8],
    choices: &CsvImportChoices,
) -> CoreResult<ParticipantImportSummary> {
    let (summary, waiting_list) = store.csv_import_participants(event_id, |context| {
        plan(context, bytes)?.into_writes(choices)
    })?;
    Ok(ParticipantImportSummary {
        summary,
        waiting_list,
    })
}

/// How many new rows would go to the waiting list, in file order.
fn would_wait(context: &ParticipantContext, plan: &Plan<ParticipantRow>) -> usize {
    let Some(capacity) = context.capacity else {
        return 0;
    };
    let mut taken = context.taken;
    let mut waiting = 0;
    for row in &plan.rows {
        if let RowPlan::New { input } = row {
            if ParticipantStatus::from_code(&input.input.status).is_some_and(|s| s.takes_seat()) {
                if taken >= capacity {
                    waiting += 1;
                } else {
                    taken += 1;
                }
            }
        }
    }
    waiting
}

fn status_of(cell: &str, problems: &mut Vec<String>) -> String {
    let cell = cell.trim();
    if cell.is_empty() {
        return ParticipantStatus::Registered.code().into();
    }
    let folded = fold(cell);
    let found = ParticipantStatus::ALL
        .iter()
        .find(|s| fold(s.label()) == folded || s.code() == folded);
    match (found, folded.as_str()) {
        (Some(status), _) => status.code().into(),
        (None, "inscrite" | "inscrit(e)") => ParticipantStatus::Registered.code().into(),
        (None, "confirmee" | "confirme(e)") => ParticipantStatus::Confirmed.code().into(),
        (None, "annulee" | "annule(e)") => ParticipantStatus::Cancelled.code().into(),
        (None, "en attente" | "attente") => ParticipantStatus::WaitingList.code().into(),
        _ => {
            problems.push(format!(
                "statut inconnu « {cell} » (attendu : Pré-inscrit, Inscrit, Confirmé, Liste \
                 d'attente ou Annulé)"
            ));
            ParticipantStatus::Registered.code().into()
        }
    }
}

/// The row's values over `base` (the matched participant, or empty): a column the file does
/// not have keeps the base's value.
fn merge(
    row: &Row,
    base: &ParticipantInput,
    professions: &NameIndex,
    problems: &mut Vec<String>,
) -> ParticipantInput {
    let mut input = base.clone();
    let trimmed = |column: usize, field: &mut String| {
        if let Some(cell) = row.get(column) {
            *field = cell.trim().to_string();
        }
    };
    trimmed(LAST_NAME, &mut input.last_name);
    trimmed(FIRST_NAME, &mut input.first_name);
    trimmed(EMAIL, &mut input.email);
    trimmed(PHONE, &mut input.phone);
    trimmed(EMPLOYER, &mut input.employer);
    trimmed(JOB_TITLE, &mut input.job_title);
    if let Some(cell) = row.get(PROFESSION) {
        let name = cell.trim();
        input.profession_id = match (name.is_empty(), professions.find(name)) {
            (true, _) => None,
            (false, Lookup::Found(id)) => Some(id.to_string()),
            (false, Lookup::Ambiguous) => {
                problems.push(format!("métier « {name} » ambigu : indiquez son code"));
                None
            }
            (false, Lookup::Unknown) => {
                problems.push(format!("métier inconnu « {name} »"));
                None
            }
        };
    }
    match row.get(STATUS) {
        Some(cell) => input.status = status_of(cell, problems),
        None if input.status.is_empty() => {
            input.status = ParticipantStatus::Registered.code().into()
        }
        None => {}
    }
    if let Some(cell) = row.get(NOTES) {
        input.notes = cell.to_string();
    }
    if let Some(cell) = row.get(SPECIAL_NEEDS) {
        input.special_needs = cell.to_string();
    }
    input
}

fn plan(context: &ParticipantContext, bytes: &[u8]) -> CoreResult<Plan<ParticipantRow>> {
    let table = read_table(bytes, COLUMNS)?;
    let professions = profession_index(&context.professions, &context.profession_former_titles);
    let by_email: HashMap<String, &Participant> = context
        .participants
        .iter()
        .filter(|p| !p.data.email.is_empty())
        .map(|p| (p.data.email.to_lowercase(), p))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let rows = table
        .rows
        .into_iter()
        .map(|row| match row {
            Ok(row) => plan_row(&row, &by_email, &professions, &mut seen),
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

fn plan_row(
    row: &Row,
    by_email: &HashMap<String, &Participant>,
    professions: &NameIndex,
    seen: &mut HashMap<String, usize>,
) -> RowPlan<ParticipantRow> {
    let mut problems = Vec::new();
    let email = row.trimmed(EMAIL).to_lowercase();
    let matched = by_email.get(&email).filter(|_| !email.is_empty()).copied();
    if matched.is_some_and(|p| p.anonymised) {
        problems.push("ce participant a été anonymisé (RGPD) : sa fiche ne change plus".into());
    }
    let empty = ParticipantInput::default();
    let base = matched.map_or(&empty, |p| &p.data);
    let input = merge(row, base, professions, &mut problems);
    let fields = match check_participant(&input, false) {
        Err(CoreError::Validation { fields }) => fields,
        _ => Vec::new(),
    };
    if !problems.is_empty() || !fields.is_empty() {
        return RowPlan::Rejected(RejectedRow {
            line: row.line,
            reason: row_reason(row.line, &problems, &fields),
        });
    }
    if let Some(line) = seen.get(&email) {
        return RowPlan::Rejected(RejectedRow {
            line: row.line,
            reason: format!(
                "ligne {} : même adresse e-mail que la ligne {line} ; une seule ligne par personne",
                row.line
            ),
        });
    }
    seen.insert(email, row.line);
    let planned = ParticipantRow {
        line: row.line,
        input,
    };
    match matched {
        None => RowPlan::New { input: planned },
        Some(p) => RowPlan::Matched {
            duplicate: DuplicateRow {
                line: row.line,
                label: format!("{} {}", planned.input.first_name, planned.input.last_name)
                    .trim()
                    .to_string(),
                existing_id: p.meta.id.clone(),
                matched_by: "adresse e-mail".into(),
                changed: p.data != planned.input,
            },
            version: p.meta.version,
            input: planned,
        },
    }
}
