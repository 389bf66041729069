//! Commands for the library: the « Ressources » and « Questions juridiques » views, the
//! resources listed on an expert's, an organisation's and an event's page, the home view's
//! « À réviser » card, and the two documents (a legal note's « fiche juridique », an event's
//! « dossier documentaire »), rendered under the store's lock then saved where the user chooses
//! and opened, like the other documents. The files of a resource are in `library_files.rs`.

use passerelle_core::error::CoreResult;
use passerelle_core::model::*;
use passerelle_core::printing::{
    dossier_file_name, dossier_pdf, legal_note_file_name, legal_note_pdf,
};
use passerelle_core::Store;
use tauri::{AppHandle, Runtime, State};

use crate::commands::documents::{ask_pdf_path, write_and_open};
use crate::error::CommandError;
use crate::state::SharedState;

/// A page of resources matching the filters, each with the passage that matched.
#[tauri::command]
pub async fn list_resources(
    state: State<'_, SharedState>,
    filter: ResourceFilter,
) -> Result<Page<ResourceSummary>, CommandError> {
    state.run(move |store| store.list_resources(&filter)).await
}

/// One resource with its files in attach order.
#[tauri::command]
pub async fn get_resource(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Resource, CommandError> {
    state.run(move |store| store.get_resource(&id)).await
}

/// Records a new resource.
#[tauri::command]
pub async fn create_resource(
    state: State<'_, SharedState>,
    input: ResourceInput,
) -> Result<Resource, CommandError> {
    state.run(move |store| store.create_resource(&input)).await
}

/// Saves an edit of a resource loaded at `version`.
#[tauri::command]
pub async fn update_resource(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ResourceInput,
) -> Result<Resource, CommandError> {
    state
        .run(move |store| store.update_resource(&id, version, &input))
        .await
}

/// Deletes a resource, its links and its files.
#[tauri::command]
pub async fn delete_resource(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_resource(&id)).await
}

/// The sessions a resource names (each with its event's id), for the resource's form and page.
#[tauri::command]
pub async fn get_sessions(
    state: State<'_, SharedState>,
    ids: Vec<String>,
) -> Result<Vec<Session>, CommandError> {
    state
        .run(move |store| ids.iter().map(|id| store.get_session(id)).collect())
        .await
}

/// What an expert wrote or contributed to (the role as `detail`).
#[tauri::command]
pub async fn resources_of_expert(
    state: State<'_, SharedState>,
    expert_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_expert(&expert_id))
        .await
}

/// What an organisation published or took part in (the role as `detail`).
#[tauri::command]
pub async fn resources_of_organisation(
    state: State<'_, SharedState>,
    organisation_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_organisation(&organisation_id))
        .await
}

/// The event's own resources, then each session's (the session's title as `detail`).
#[tauri::command]
pub async fn resources_of_event(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_event(&event_id))
        .await
}

/// Resources and legal notes whose review date has passed, today on this computer's calendar.
#[tauri::command]
pub async fn reviews_due(state: State<'_, SharedState>) -> Result<Vec<ReviewDue>, CommandError> {
    let today = chrono::Local::now().date_naive().to_string();
    state.run(move |store| store.reviews_due(&today)).await
}

/// A page of legal notes matching the filters.
#[tauri::command]
pub async fn list_legal_notes(
    state: State<'_, SharedState>,
    filter: LegalNoteFilter,
) -> Result<Page<LegalNoteSummary>, CommandError> {
    state
        .run(move |store| store.list_legal_notes(&filter))
        .await
}

/// One legal note.
#[tauri::command]
pub async fn get_legal_note(
    state: State<'_, SharedState>,
    id: String,
) -> Result<LegalNote, CommandError> {
    state.run(move |store| store.get_legal_note(&id)).await
}

/// Records a new legal note.
#[tauri::command]
pub async fn create_legal_note(
    state: State<'_, SharedState>,
    input: LegalNoteInput,
) -> Result<LegalNote, CommandError> {
    state
        .run(move |store| store.create_legal_note(&input))
        .await
}

/// Saves an edit of a legal note loaded at `version`.
#[tauri::command]
pub async fn update_legal_note(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: LegalNoteInput,
) -> Result<LegalNote, CommandError> {
    state
        .run(move |store| store.update_legal_note(&id, version, &input))
        .await
}

/// Deletes a legal note.
#[tauri::command]
pub async fn delete_legal_note(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_legal_note(&id)).await
}

/// « Fiche juridique - Un agent territorial peut-il… ».pdf and its bytes.
fn note_document(store: &Store, note_id: &str) -> CoreResult<(String, Vec<u8>)> {
    let note = store.get_legal_note(note_id)?;
    let name = legal_note_file_name(&note.data.question);
    Ok((name, legal_note_pdf(store, note_id)?))
}

/// « Dossier documentaire - CODE - Title ».pdf and its bytes.
fn dossier_document(store: &Store, event_id: &str) -> CoreResult<(String, Vec<u8>)> {
    let event = store.get_event(event_id)?;
    let name = dossier_file_name(&event.data.code, &event.data.title);
    Ok((name, dossier_pdf(store, event_id)?))
}

/// Asks where to save a document already rendered, writes it and opens it. `None` if cancelled.
async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    (file_name, bytes): (String, Vec<u8>),
) -> Result<Option<String>, CommandError> {
    let Some(path) = ask_pdf_path(&app, &file_name).await? else {
        return Ok(None);
    };
    Ok(Some(write_and_open(&app, state, &path, &bytes)?))
}

/// Prints a legal note (« Imprimer la fiche »): rendered first, so a refusal shows before the
/// save dialog; then saved where the user chooses and opened. `None` if cancelled.
#[tauri::command]
pub async fn save_legal_note_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    note_id: String,
) -> Result<Option<String>, CommandError> {
    let document = (state.inner())
        .run(move |store| note_document(store, &note_id))
        .await?;
    save_document(app, state.inner(), document).await
}

/// Prints an event's « dossier documentaire » (its resources and its sessions'), then saves
/// and opens it. `None` if cancelled.
#[tauri::command]
pub async fn save_dossier_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Option<String>, CommandError> {
    let document = (state.inner())
        .run(move |store| dossier_document(store, &event_id))
        .await?;
    save_document(app, state.inner(), document).await
}
