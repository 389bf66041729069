//! Commands that print an event's documents: a save dialog proposing a file name, the PDF
//! written there, then opened in the system's default viewer.

use std::path::PathBuf;

use passerelle_core::documents::print::{attendance_pdf, programme_pdf, suggested_file_name};
use passerelle_core::CoreError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::error::CommandError;
use crate::state::SharedState;

/// Which document to print.
#[derive(Clone, Copy)]
enum Document {
    Programme,
    Attendance(Option<usize>),
}

async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    event_id: String,
    document: Document,
) -> Result<Option<String>, CommandError> {
    let id = event_id.clone();
    let event = state.run(move |store| store.get_event(&id)).await?;
    let prefix = match document {
        Document::Programme => "Programme",
        Document::Attendance(_) => "Émargement",
    };
    let file_name = suggested_file_name(prefix, &event.data.code, &event.data.title);
    let dialog = app
        .dialog()
        .file()
        .set_file_name(&file_name)
        .add_filter("PDF", &["pdf"]);
    // The dialog blocks its thread until the user answers: keep it off the UI thread.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(CommandError::internal)?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path: PathBuf = chosen.into_path().map_err(|e| CommandError::internal(e))?;
    // Rendering happens while the store is held only to read; the write goes to the user's file.
    let bytes = state
        .run(move |store| match document {
            Document::Programme => programme_pdf(store, &event_id),
            Document::Attendance(rows) => attendance_pdf(store, &event_id, rows),
        })
        .await?;
    std::fs::write(&path, bytes).map_err(|error| {
        CommandError::from(CoreError::Io(std::io::Error::new(
            error.kind(),
            format!(
                "impossible d'écrire « {} » ({error}). Choisissez un autre dossier.",
                path.display()
            ),
        )))
    })?;
    let shown = path.display().to_string();
    // Not being able to open a viewer is not a failure: the file is saved and its path shown.
    let _ = app.opener().open_path(shown.clone(), None::<&str>);
    Ok(Some(shown))
}

/// Asks where to save the programme of an event, writes it and opens it. `None` if cancelled.
#[tauri::command]
pub async fn save_programme_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Option<String>, CommandError> {
    save_document(app, state.inner(), event_id, Document::Programme).await
}

/// Asks where to save the attendance sheets of an event, writes them and opens them.
#[tauri::command]
pub async fn save_attendance_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    rows: Option<u32>,
) -> Result<Option<String>, CommandError> {
    save_document(
        app,
        state.inner(),
        event_id,
        Document::Attendance(rows.map(|r| r as usize)),
    )
    .await
}
