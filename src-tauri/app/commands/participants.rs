//! Commands of the event page's « Participants » card, its attendance grid and the home view's
//! « Données personnelles (RGPD) » card. The capacity, the waiting list, the attendance rules
//! and the anonymisation are the core's (`store::participants`, `store::gdpr`); the CSV import
//! is two steps as in « Échanges »: preview (the file's bytes are kept), then apply exactly
//! those bytes.

use std::path::Path;
use std::sync::Arc;

use passerelle_core::error::CoreResult;
use passerelle_core::exchange::participants_csv::{
    self, ParticipantImportPreview, ParticipantImportSummary,
};
use passerelle_core::exchange::{check_import_size, CsvImportChoices, MAX_IMPORT_BYTES};
use passerelle_core::model::*;
use passerelle_core::{files, CoreError, Store};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::commands::exchange::shown_name;
use crate::commands::files::ask_open_path;
use crate::error::CommandError;
use crate::state::{PendingParticipantsImport, SharedState};

/// The card's data: the event's capacity (none: unlimited), the seats taken, the list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantsView {
    pub capacity: Option<i64>,
    pub taken: i64,
    pub participants: Vec<ParticipantSummary>,
}

/// The attendance grid's columns (half-days with training) and its marks.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceView {
    pub half_days: Vec<HalfDaySlot>,
    pub entries: Vec<AttendanceEntry>,
}

/// The home view's GDPR card.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GdprView {
    pub retention_years: i64,
    pub experts: Vec<ExpertToReview>,
    pub events: Vec<RetentionEvent>,
}

impl ParticipantsView {
    fn read(store: &mut Store, event_id: &str) -> CoreResult<Self> {
        let (capacity, taken) = store.event_seats(event_id)?;
        let participants = store.list_participants(event_id)?;
        Ok(ParticipantsView {
            capacity,
            taken,
            participants,
        })
    }
}

impl AttendanceView {
    fn read(store: &mut Store, event_id: &str) -> CoreResult<Self> {
        let half_days = store.attendance_half_days(event_id)?;
        let entries = store.attendance_of(event_id)?;
        Ok(AttendanceView { half_days, entries })
    }
}

impl GdprView {
    /// As of today.
    fn read(store: &mut Store) -> CoreResult<Self> {
        let retention_years = store.retention_years()?;
        let today = chrono::Local::now().date_naive();
        Ok(GdprView {
            retention_years,
            experts: store.experts_to_review_on(today)?,
            events: store.events_past_retention(retention_years)?,
        })
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantsPreviewView {
    pub file_name: String,
    pub preview: ParticipantImportPreview,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantsImportView {
    pub file_name: String,
    pub summary: ParticipantImportSummary,
}

/// The event's participants with its capacity and seats taken.
#[tauri::command]
pub async fn list_participants(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<ParticipantsView, CommandError> {
    state
        .run(move |store| ParticipantsView::read(store, &event_id))
        .await
}

/// One participant, special needs included (shown only in their form).
#[tauri::command]
pub async fn get_participant(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Participant, CommandError> {
    state.run(move |store| store.get_participant(&id)).await
}

/// Adds a participant; a full event puts them on the waiting list (the outcome says so).
#[tauri::command]
pub async fn add_participant(
    state: State<'_, SharedState>,
    event_id: String,
    input: ParticipantInput,
) -> Result<ParticipantOutcome, CommandError> {
    state
        .run(move |store| store.add_participant(&event_id, &input))
        .await
}

/// Saves a participant edited from `version`.
#[tauri::command]
pub async fn update_participant(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ParticipantInput,
) -> Result<ParticipantOutcome, CommandError> {
    state
        .run(move |store| store.update_participant(&id, version, &input))
        .await
}

/// Cancels a registration; the outcome names who was promoted to the freed seat.
#[tauri::command]
pub async fn cancel_participant(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
) -> Result<ParticipantOutcome, CommandError> {
    state
        .run(move |store| store.cancel_participant(&id, version))
        .await
}

/// Registers someone waiting; refused when the event is full.
#[tauri::command]
pub async fn promote_participant(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
) -> Result<ParticipantOutcome, CommandError> {
    state
        .run(move |store| store.promote_participant(&id, version))
        .await
}

/// Deletes a participant and their attendance; returns who was promoted, if anyone.
#[tauri::command]
pub async fn delete_participant(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Option<ParticipantSummary>, CommandError> {
    state.run(move |store| store.delete_participant(&id)).await
}

/// The attendance grid's half-days and marks.
#[tauri::command]
pub async fn get_attendance(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<AttendanceView, CommandError> {
    state
        .run(move |store| AttendanceView::read(store, &event_id))
        .await
}

/// Makes the event's attendance exactly `entries`, all or nothing.
#[tauri::command]
pub async fn set_attendance(
    state: State<'_, SharedState>,
    event_id: String,
    entries: Vec<AttendanceEntry>,
) -> Result<(), CommandError> {
    state
        .run(move |store| store.set_attendance(&event_id, &entries))
        .await
}

/// Opens the file dialog and previews importing the chosen CSV into the event; nothing is
/// written. `None` if the user cancelled.
#[tauri::command]
pub async fn choose_participants_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Option<ParticipantsPreviewView>, CommandError> {
    let label = "CSV (séparateur point-virgule)";
    let Some(path) = ask_open_path(&app, label, &["csv", "txt"]).await? else {
        return Ok(None);
    };
    preview_participants(state.inner(), event_id, &path)
        .await
        .map(Some)
}

/// Reads and previews `path`, keeping its bytes: what is applied later is what was previewed.
async fn preview_participants(
    state: &SharedState,
    event_id: String,
    path: &Path,
) -> Result<ParticipantsPreviewView, CommandError> {
    check_import_size(path)?;
    let bytes = Arc::new(files::read_bounded(
        path,
        MAX_IMPORT_BYTES,
        "pour un import",
    )?);
    let (for_preview, id) = (Arc::clone(&bytes), event_id.clone());
    let preview = state
        .run(move |store| participants_csv::preview(store, &id, &for_preview))
        .await?;
    let file_name = shown_name(path);
    state.set_pending_participants(Some(PendingParticipantsImport {
        event_id,
        file_name: file_name.clone(),
        bytes,
    }));
    Ok(ParticipantsPreviewView { file_name, preview })
}

/// Applies the previewed file to its event with the user's choices, in one transaction.
#[tauri::command]
pub async fn apply_participants_import(
    state: State<'_, SharedState>,
    event_id: String,
    choices: CsvImportChoices,
) -> Result<ParticipantsImportView, CommandError> {
    let pending = pending_for(&state, &event_id)?;
    let bytes = Arc::clone(&pending.bytes);
    let summary = state
        .run(move |store| participants_csv::apply(store, &event_id, &bytes, &choices))
        .await?;
    state.set_pending_participants(None);
    let file_name = pending.file_name;
    Ok(ParticipantsImportView { file_name, summary })
}

/// The file previewed for this event; a preview made on another event's page is not applied.
fn pending_for(
    state: &SharedState,
    event_id: &str,
) -> Result<PendingParticipantsImport, CoreError> {
    state
        .pending_participants()
        .filter(|p| p.event_id == event_id)
        .ok_or_else(|| {
            CoreError::InvalidFile(
                "Aucun fichier de participants n'est en attente d'import pour cet événement : \
                 choisissez d'abord un fichier. Rien n'a été importé."
                    .into(),
            )
        })
}

/// Forgets the previewed participants' file.
#[tauri::command]
pub async fn cancel_participants_import(state: State<'_, SharedState>) -> Result<(), CommandError> {
    state.set_pending_participants(None);
    Ok(())
}

/// Experts to review, events past the retention period and that period, as of today.
#[tauri::command]
pub async fn gdpr_overview(state: State<'_, SharedState>) -> Result<GdprView, CommandError> {
    state.run(GdprView::read).await
}

/// Sets the years after an event before its participants may be anonymised (1 to 50).
#[tauri::command]
pub async fn set_retention_years(
    state: State<'_, SharedState>,
    years: i64,
) -> Result<(), CommandError> {
    state
        .run(move |store| store.set_retention_years(years))
        .await
}

/// Anonymises the participants of these events (the interface has asked for confirmation);
/// returns how many were anonymised.
#[tauri::command]
pub async fn anonymise_participants(
    state: State<'_, SharedState>,
    event_ids: Vec<String>,
) -> Result<usize, CommandError> {
    state
        .run(move |store| store.anonymise_participants(&event_ids))
        .await
}
