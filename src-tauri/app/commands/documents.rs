//! Commands that print an event's documents: a save dialog proposing a file name, the PDF
//! written there, then opened in the system's default viewer.

use passerelle_core::documents::print::{attendance_pdf, programme_pdf, suggested_file_name};
use passerelle_core::error::CoreResult;
use passerelle_core::Store;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::files::{ask_save_path, write_user_file};
use crate::error::CommandError;
use crate::state::SharedState;

/// Which document to print.
#[derive(Clone, Copy)]
enum Document {
    Programme,
    Attendance(Option<usize>),
}

impl Document {
    /// The start of the proposed file name.
    fn prefix(self) -> &'static str {
        match self {
            Document::Programme => "Programme",
            Document::Attendance(_) => "Émargement",
        }
    }

    fn render(self, store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
        match self {
            Document::Programme => programme_pdf(store, event_id),
            Document::Attendance(rows) => attendance_pdf(store, event_id, rows),
        }
    }
}

/// Proposes a file name from the event's code and title, asks where to save, writes the
/// document there and opens it. `None` if the user cancelled.
async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    event_id: String,
    document: Document,
) -> Result<Option<String>, CommandError> {
    let id = event_id.clone();
    let event = state.run(move |store| store.get_event(&id)).await?;
    let file_name = suggested_file_name(document.prefix(), &event.data.code, &event.data.title);
    let Some(path) = ask_save_path(&app, &file_name, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    let bytes = state
        .run(move |store| document.render(store, &event_id))
        .await?;
    write_user_file(&path, &bytes)?;
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
