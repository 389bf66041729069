//! Commands that print the documents about an event's people (convocations, certificates,
//! attestations, badges, table cards, a speaker's mission letter). Unlike the programme, the
//! PDF is rendered before the save dialog opens: these documents can be refused for what the
//! data lacks (a participant without recorded attendance, a speaker in no session), and the
//! user should read why before choosing a file, not after.

use passerelle_core::documents::PersonalPdf;
use passerelle_core::error::CoreResult;
use passerelle_core::printing::{MissionJob, PeopleDocument, PeopleJob};
use tauri::{AppHandle, Runtime, State};

use crate::commands::documents::{
    ask_pdf_path, render_off_thread, save_attendance_pdf, write_and_open,
};
use crate::commands::files::{ask_folder, write_user_file};
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

/// Files written into a folder, one per person.
#[derive(Debug, serde::Serialize)]
pub struct SavedFiles {
    pub folder: String,
    pub count: usize,
}

/// Saves "convocations", "certificats" or "attestations" as one PDF per person
/// (« Convocation - CODE - Marie Dupont.pdf »…) into a folder the user chooses. `None` if
/// cancelled; nothing is written before every PDF is rendered.
#[tauri::command]
pub async fn save_event_documents_each<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    document: String,
) -> Result<Option<SavedFiles>, CommandError> {
    let document = PeopleDocument::from_code(&document)?;
    let job = (state.inner())
        .run(move |store| PeopleJob::read(store, &event_id, document))
        .await?;
    let files = render_off_thread(move || job.render_each()).await?;
    write_into_folder(&app, state.inner(), &files).await
}

async fn write_into_folder<R: Runtime>(
    app: &AppHandle<R>,
    state: &SharedState,
    files: &[PersonalPdf],
) -> Result<Option<SavedFiles>, CommandError> {
    let Some(folder) = ask_folder(app).await? else {
        return Ok(None);
    };
    for file in files {
        write_user_file(state, &folder.join(&file.file_name), &file.pdf)?;
    }
    Ok(Some(SavedFiles {
        folder: folder.display().to_string(),
        count: files.len(),
    }))
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
