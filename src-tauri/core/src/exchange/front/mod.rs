//! The one front of the exchange formats: what the window's commands and the command line call
//! to export or import a file. An export is a format and a scope in, bytes and a proposed file
//! name out; an import is a kind of file, previewed, then applied with the user's choices.
//!
//! The callers never name a format's module nor match on formats: which module writes or reads
//! which format, each format's file type, and its proposed file name are decided here only.

use std::path::Path;

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult};
use crate::exchange::{
    agenda_csv, experts_csv, ics, json, participants_csv, professions_csv, text, vcard,
    CsvImportChoices, CsvImportPreview, CsvImportSummary, JsonImportChoices, JsonImportPreview,
    JsonImportSummary,
};
use crate::Store;

/// The kind of file a format reads or writes, for a file dialog's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    /// A French name for the filter (« CSV », « iCalendar »…).
    pub label: &'static str,
    /// The extensions, without the dot; the first is the one written.
    pub extensions: &'static [&'static str],
}

const CSV: FileType = FileType {
    label: "CSV",
    extensions: &["csv"],
};

// ---------------------------------------------------------------------------------------------
// Export

/// The export formats. The interface sends them by their snake_case names (`experts_csv`…);
/// the command line by [`ExportFormat::command_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The experts as CSV for Excel.
    ExpertsCsv,
    /// The professions as CSV for Excel.
    ProfessionsCsv,
    /// Events as iCalendar, one VEVENT per session.
    EventsIcs,
    /// One event's agenda as CSV.
    AgendaCsv,
    /// The experts as vCard 4.0.
    Vcard,
    /// The whole database as the exchange file.
    Json,
    /// One event's participants as CSV (without their special needs).
    ParticipantsCsv,
    /// One event's attendance grid as CSV, one column per half-day.
    AttendanceCsv,
    /// The library's catalogue (resources) as CSV.
    ResourcesCsv,
}

impl ExportFormat {
    /// Every format, in the order the command line's help lists them.
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::ExpertsCsv,
        ExportFormat::ProfessionsCsv,
        ExportFormat::EventsIcs,
        ExportFormat::AgendaCsv,
        ExportFormat::Vcard,
        ExportFormat::Json,
        ExportFormat::ParticipantsCsv,
        ExportFormat::AttendanceCsv,
        ExportFormat::ResourcesCsv,
    ];

    /// Its name on the command line (`passerelle-cli export NAME`).
    pub fn command_name(self) -> &'static str {
        match self {
            ExportFormat::ExpertsCsv => "experts",
            ExportFormat::ProfessionsCsv => "professions",
            ExportFormat::EventsIcs => "events-ics",
            ExportFormat::AgendaCsv => "agenda",
            ExportFormat::Vcard => "vcard",
            ExportFormat::Json => "json",
            ExportFormat::ParticipantsCsv => "participants",
            ExportFormat::AttendanceCsv => "presences",
            ExportFormat::ResourcesCsv => "resources",
        }
    }

    /// What it writes, in French, for the command line's help.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::ExpertsCsv => "Experts en CSV (Excel)",
            ExportFormat::ProfessionsCsv => "Métiers en CSV (Excel)",
            ExportFormat::EventsIcs => "Événements à venir (ou celui de --event) en iCalendar",
            ExportFormat::AgendaCsv => "Agenda d'un événement (--event) en CSV",
            ExportFormat::Vcard => "Experts en vCard 4.0",
            ExportFormat::Json => "Toute la base en fichier d'échange JSON",
            ExportFormat::ParticipantsCsv => "Participants d'un événement (--event) en CSV",
            ExportFormat::AttendanceCsv => {
                "Présences d'un événement (--event) en CSV, une colonne par demi-journée"
            }
            ExportFormat::ResourcesCsv => {
                "Catalogue de la bibliothèque (ressources) en CSV (Excel)"
            }
        }
    }

    /// The kind of file written.
    pub fn file_type(self) -> FileType {
        match self {
            ExportFormat::ExpertsCsv
            | ExportFormat::ProfessionsCsv
            | ExportFormat::AgendaCsv
            | ExportFormat::ParticipantsCsv
            | ExportFormat::AttendanceCsv
            | ExportFormat::ResourcesCsv => CSV,
            ExportFormat::EventsIcs => FileType {
                label: "iCalendar",
                extensions: &["ics"],
            },
            ExportFormat::Vcard => FileType {
                label: "vCard",
                extensions: &["vcf"],
            },
            ExportFormat::Json => FileType {
                label: "Fichier d'échange",
                extensions: &["json"],
            },
        }
    }

    /// The file name proposed to the user, dated `today` (« Experts 2026-03-02.csv »).
    pub fn proposed_file_name(self, today: NaiveDate) -> String {
        let name = match self {
            ExportFormat::ExpertsCsv | ExportFormat::Vcard => "Experts",
            ExportFormat::ProfessionsCsv => "Métiers",
            ExportFormat::EventsIcs => "Événements",
            ExportFormat::AgendaCsv => "Agenda",
            ExportFormat::Json => "Passerelle",
            ExportFormat::ParticipantsCsv => "Participants",
            ExportFormat::AttendanceCsv => "Présences",
            ExportFormat::ResourcesCsv => "Ressources",
        };
        let extension = self.file_type().extensions[0];
        format!("{name} {}.{extension}", today.format("%Y-%m-%d"))
    }

    /// Whether the format covers exactly one event (the agenda, the participants, the
    /// attendance), given in the scope.
    pub fn needs_one_event(self) -> bool {
        matches!(
            self,
            ExportFormat::AgendaCsv | ExportFormat::ParticipantsCsv | ExportFormat::AttendanceCsv
        )
    }

    /// Refuses a scope the format cannot write, before anyone is asked where to save it.
    pub fn check_scope(self, scope: &ExportScope) -> CoreResult<()> {
        if self.needs_one_event() && scope.event_ids.len() != 1 {
            let what = match self {
                ExportFormat::AgendaCsv => "de l'agenda",
                _ => "des participants et des présences",
            };
            return Err(CoreError::InvalidFile(format!(
                "L'export {what} porte sur un seul événement."
            )));
        }
        Ok(())
    }
}

/// What an export covers, and when it is made.
#[derive(Debug, Clone)]
pub struct ExportScope {
    /// The agenda's one event; the events of an iCalendar file (none: the upcoming ones).
    /// Other formats ignore it.
    pub event_ids: Vec<String>,
    /// The experts of a vCard file (none: every expert). Other formats ignore it.
    pub expert_ids: Vec<String>,
    /// The moment of the export: the date in the file name, "upcoming" events, and the
    /// iCalendar time stamp.
    pub now: DateTime<Local>,
}

impl ExportScope {
    /// Everything each format covers, as of now.
    pub fn everything() -> Self {
        ExportScope {
            event_ids: Vec::new(),
            expert_ids: Vec::new(),
            now: Local::now(),
        }
    }
}

/// An export's content and the name proposed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub bytes: Vec<u8>,
    /// Proposed, dated file name (the user may choose another).
    pub file_name: String,
    pub file_type: FileType,
}

/// Writes `format` for `scope`. `&mut` because the JSON exchange file records what it
/// exported (the base of the next merge).
pub fn export(
    store: &mut Store,
    format: ExportFormat,
    scope: &ExportScope,
) -> CoreResult<ExportedFile> {
    format.check_scope(scope)?;
    let today = scope.now.date_naive();
    let bytes = match format {
        ExportFormat::ExpertsCsv => experts_csv::export(store)?,
        ExportFormat::ProfessionsCsv => professions_csv::export(store)?,
        ExportFormat::AgendaCsv => agenda_csv::export(store, &scope.event_ids[0])?,
        ExportFormat::EventsIcs => {
            let upcoming;
            let ids = if scope.event_ids.is_empty() {
                upcoming = ics::upcoming_event_ids(store, today)?;
                &upcoming
            } else {
                &scope.event_ids
            };
            ics::events_ics(store, ids, scope.now.with_timezone(&Utc))?.into_bytes()
        }
        ExportFormat::Vcard => vcard::experts_vcard(store, &scope.expert_ids)?.into_bytes(),
        ExportFormat::Json => json::export(store)?,
        ExportFormat::ParticipantsCsv => {
            participants_csv::export(store, &scope.event_ids[0], false)?
        }
        ExportFormat::AttendanceCsv => {
            participants_csv::export_attendance(store, &scope.event_ids[0])?
        }
        ExportFormat::ResourcesCsv => super::resources_csv::export(store)?,
    };
    Ok(ExportedFile {
        bytes,
        file_name: format.proposed_file_name(today),
        file_type: format.file_type(),
    })
}

// ---------------------------------------------------------------------------------------------
// Import

/// What a file to import holds; the interface sends `experts`, `professions` or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportKind {
    Experts,
    Professions,
    Json,
}

impl ImportKind {
    /// The kind of file read.
    pub fn file_type(self) -> FileType {
        match self {
            ImportKind::Json => FileType {
                label: "Fichier d'échange Passerelle",
                extensions: &["json"],
            },
            ImportKind::Experts | ImportKind::Professions => FileType {
                label: "CSV (séparateur point-virgule)",
                extensions: &["csv", "txt"],
            },
        }
    }

    /// Reads the file to import, refusing it from its size on disk before reading (each kind
    /// has its limit), then reading no more than that limit whatever the size claimed (a
    /// device, a pipe or a growing file), with a French message that names the file.
    pub fn read_file(self, path: &Path) -> CoreResult<Vec<u8>> {
        let limit = match self {
            ImportKind::Json => {
                json::check_file_size(path)?;
                json::MAX_FILE_BYTES as u64
            }
            ImportKind::Experts | ImportKind::Professions => {
                text::check_import_size(path)?;
                text::MAX_IMPORT_BYTES
            }
        };
        crate::files::read_bounded(path, limit, "pour un import")
    }
}

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportPreview {
    Csv(CsvImportPreview),
    Json(JsonImportPreview),
}

impl ImportPreview {
    /// How many lines of a CSV file are rejected (an exchange file is refused as a whole, so
    /// it has none).
    pub fn rejected_lines(&self) -> usize {
        match self {
            ImportPreview::Csv(csv) => csv.rejected.len(),
            ImportPreview::Json(_) => 0,
        }
    }

    /// The ids of the conflicts of an exchange file (records changed on both sides); a CSV
    /// file has none.
    pub fn conflict_ids(&self) -> Vec<String> {
        match self {
            ImportPreview::Csv(_) => Vec::new(),
            ImportPreview::Json(json) => json.conflicts.iter().map(|c| c.id.clone()).collect(),
        }
    }

    /// The preview as the interface reads it: one of `csv` and `json` set.
    pub fn into_parts(self) -> (Option<CsvImportPreview>, Option<JsonImportPreview>) {
        match self {
            ImportPreview::Csv(csv) => (Some(csv), None),
            ImportPreview::Json(json) => (None, Some(json)),
        }
    }
}

/// The user's choices for applying an import, as the interface sends them: CSV files
/// `{onDuplicate, skipInvalid}`, exchange files `{takeIncoming}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// Untagged, CSV first: its two fields are required, whereas every field of the JSON choices
// has a default, so a CSV shape is never taken for JSON choices.
#[serde(untagged)]
pub enum ImportChoices {
    Csv(CsvImportChoices),
    Json(JsonImportChoices),
}

/// What an import did; serialised as the CSV or JSON summary itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ImportSummary {
    Csv(CsvImportSummary),
    Json(JsonImportSummary),
}

/// What importing `bytes` as `kind` would do; nothing is written.
pub fn preview(store: &Store, kind: ImportKind, bytes: &[u8]) -> CoreResult<ImportPreview> {
    Ok(match kind {
        ImportKind::Experts => ImportPreview::Csv(experts_csv::preview(store, bytes)?),
        ImportKind::Professions => ImportPreview::Csv(professions_csv::preview(store, bytes)?),
        ImportKind::Json => ImportPreview::Json(json::preview(store, bytes)?),
    })
}

/// Imports `bytes` as `kind` with `choices`, all in one transaction or nothing. Choices of
/// the other kind of file (CSV choices for an exchange file…) are refused and nothing changes.
pub fn apply(
    store: &mut Store,
    kind: ImportKind,
    bytes: &[u8],
    choices: &ImportChoices,
) -> CoreResult<ImportSummary> {
    let summary = match (kind, choices) {
        (ImportKind::Experts, ImportChoices::Csv(choices)) => {
            experts_csv::apply(store, bytes, choices).map(ImportSummary::Csv)
        }
        (ImportKind::Professions, ImportChoices::Csv(choices)) => {
            professions_csv::apply(store, bytes, choices).map(ImportSummary::Csv)
        }
        (ImportKind::Json, ImportChoices::Json(choices)) => {
            json::apply(store, bytes, choices).map(ImportSummary::Json)
        }
        _ => Err(CoreError::InvalidFile(
            "Les choix d'import ne correspondent pas au fichier prévisualisé : rien n'a été importé. Choisissez à nouveau le fichier."
                .into(),
        )),
    }?;
    // An import can write thousands of rows: fold them into the database file now rather than
    // leave them in the write-ahead log until the window closes. They are committed either way,
    // so a checkpoint that cannot run now (another reader) is no failure of the import.
    let _ = store.checkpoint();
    Ok(summary)
}

#[cfg(test)]
mod tests;
