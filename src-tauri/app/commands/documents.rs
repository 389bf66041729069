//! Commands that print an event's documents: a save dialog proposing a file name, the PDF
//! written there, then opened in the system's default viewer. The data is read under the
//! store's lock; the PDF is rendered after it is released, so other commands are not held up.

use passerelle_core::printing::{EventDocument, PrintJob};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::files::{ask_save_path, with_extension_forced, write_user_file};
use crate::error::CommandError;
use crate::state::SharedState;

async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    event_id: String,
    document: EventDocument,
) -> Result<Option<String>, CommandError> {
    let job = state
        .run(move |store| PrintJob::read(store, &event_id, document))
        .await?;
    let Some(path) = ask_save_path(&app, &job.file_name(), "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    let path = with_extension_forced(path, "pdf");
    let bytes = tauri::async_runtime::spawn_blocking(move || job.render())
        .await
        .map_err(CommandError::internal)??;
    write_user_file(state, &path, &bytes)?;
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
    save_document(app, state.inner(), event_id, EventDocument::Programme).await
}

/// Asks where to save the attendance sheets of an event, writes them and opens them.
#[tauri::command]
pub async fn save_attendance_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    rows: Option<u32>,
) -> Result<Option<String>, CommandError> {
    let document = EventDocument::Attendance {
        blank_rows: rows.map(|r| r as usize),
    };
    save_document(app, state.inner(), event_id, document).await
}

/// Asks where to save the study-visit booklet of an event (A5, or `imposed` two pages per A4
/// side for double-sided printing), writes it and opens it. `None` if cancelled.
#[tauri::command]
pub async fn print_booklet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    imposed: bool,
) -> Result<Option<String>, CommandError> {
    let document = EventDocument::Booklet { imposed };
    save_document(app, state.inner(), event_id, document).await
}
