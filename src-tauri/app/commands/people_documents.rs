//! Commands that print the documents about an event's people (convocations, certificates,
//! attestations, badges, table cards, a speaker's mission letter). Unlike the programme, the
//! PDF is rendered before the save dialog opens: these documents can be refused for what the
//! data lacks (a participant without recorded attendance, a speaker in no session), and the
//! user should read why before choosing a file, not after.

use passerelle_core::error::CoreResult;
use passerelle_core::printing::{MissionJob, PeopleDocument, PeopleJob};
use tauri::{AppHandle, Runtime, State};

use crate::commands::documents::{
    ask_pdf_path, render_off_thread, save_attendance_pdf, write_and_open,
};
use crate::error::CommandError;
use crate::state::SharedState;

/// Renders, then asks where to save `file_name`, writes and opens it. `None` if cancelled.
async fn render_then_save<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    file_name: String,
    render: impl FnOnce() -> CoreResult<Vec<u8>> + Send + 'static,
) -> Result<Option<String>, CommandError> {
    let bytes = render_off_thread(render).await?;
    let Some(path) = ask_pdf_path(&app, &file_name).await? else {
        return Ok(None);
    };
    Ok(Some(write_and_open(&app, state, &path, &bytes)?))
}

/// Saves one of the event's documents about people: "emargement" (the sheets with the
/// registered names), "convocations", "certificats", "attestations", "badges", "chevalets".
#[tauri::command]
pub async fn save_event_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    document: String,
) -> Result<Option<String>, CommandError> {
    if document == "emargement" {
        return save_attendance_pdf(app, state, event_id, None).await;
    }
    let document = PeopleDocument::from_code(&document)?;
    let job = (state.inner())
        .run(move |store| PeopleJob::read(store, &event_id, document))
        .await?;
    render_then_save(app, state.inner(), job.file_name(), move || job.render()).await
}

/// Saves the mission letter of the expert `expert_id` for the event.
#[tauri::command]
pub async fn save_mission_letter<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    expert_id: String,
) -> Result<Option<String>, CommandError> {
    let job = (state.inner())
        .run(move |store| MissionJob::read(store, &event_id, &expert_id))
        .await?;
    render_then_save(app, state.inner(), job.file_name(), move || job.render()).await
}
