//! Commands that print an event's documents: a save dialog proposing a file name, the PDF
//! written there, then opened in the system's default viewer. The data is read under the
//! store's lock; the PDF is rendered after it is released, so other commands are not held up.
//! A programme « à envoyer » is recorded as a version once its file is chosen, and any
//! version can be saved again exactly as it was sent.

use passerelle_core::error::CoreResult;
use passerelle_core::model::{PartnerLanguage, ProgrammeVersion};
use passerelle_core::printing::{
    event_resources, partner_language, version_file_name, EventDocument, PrintJob, VersionJob,
};
use passerelle_core::Store;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::files::{ask_save_path, with_extension_forced, write_user_file};
use crate::error::CommandError;
use crate::state::SharedState;

/// Asks where to save `file_name`; `None` if cancelled.
pub(super) async fn ask_pdf_path<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
) -> Result<Option<std::path::PathBuf>, CommandError> {
    let path = ask_save_path(app, file_name, "PDF", &["pdf"]).await?;
    Ok(path.map(|p| with_extension_forced(p, "pdf")))
}

/// Writes the PDF and opens it; returns the path shown to the user.
pub(super) fn write_and_open<R: Runtime>(
    app: &AppHandle<R>,
    state: &SharedState,
    path: &std::path::Path,
    bytes: &[u8],
) -> Result<String, CommandError> {
    write_user_file(state, path, bytes)?;
    let shown = path.display().to_string();
    // Not being able to open a viewer is not a failure: the file is saved and its path shown.
    let _ = app.opener().open_path(shown.clone(), None::<&str>);
    Ok(shown)
}

pub(super) async fn render_off_thread<T: Send + 'static>(
    work: impl FnOnce() -> passerelle_core::error::CoreResult<T> + Send + 'static,
) -> Result<T, CommandError> {
    Ok(tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(CommandError::internal)??)
}

async fn save_job<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    job: PrintJob,
) -> Result<Option<String>, CommandError> {
    let Some(path) = ask_pdf_path(&app, &job.file_name()).await? else {
        return Ok(None);
    };
    let bytes = render_off_thread(move || job.render()).await?;
    Ok(Some(write_and_open(&app, state, &path, &bytes)?))
}

/// The programme's print job, with the « Ressources » section when `with_resources`.
fn read_programme(
    store: &Store,
    event_id: &str,
    language: Option<PartnerLanguage>,
    with_resources: bool,
) -> CoreResult<PrintJob> {
    let job = PrintJob::read_programme(store, event_id, language)?;
    if with_resources {
        job.with_resources(store, event_id)
    } else {
        Ok(job)
    }
}

/// Asks where to save the programme of an event (bilingual with `language`: de, it, es, ca,
/// nl, lb, en; with its « Ressources » section when `with_resources`), writes it and opens it.
/// `None` if cancelled.
#[tauri::command]
pub async fn save_programme_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    language: Option<String>,
    with_resources: Option<bool>,
) -> Result<Option<String>, CommandError> {
    let language = partner_language(language.as_deref())?;
    let with = with_resources == Some(true);
    let job = (state.inner())
        .run(move |store| read_programme(store, &event_id, language, with))
        .await?;
    save_job(app, state.inner(), job).await
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
    let job = (state.inner())
        .run(move |store| PrintJob::read(store, &event_id, document))
        .await?;
    save_job(app, state.inner(), job).await
}

/// Prints the next version « à envoyer »: numbered, dated today, recorded with its changes
/// and its PDF once the user has chosen where to save it. `None` if cancelled (nothing
/// recorded).
async fn send_version<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    event_id: String,
    language: Option<String>,
    with_resources: bool,
) -> Result<Option<ProgrammeVersion>, CommandError> {
    let language = partner_language(language.as_deref())?;
    let today = chrono::Local::now().date_naive();
    let job = state
        .run(move |store| {
            let mut job = VersionJob::read(store, &event_id, language, today)?;
            if with_resources {
                job.data.resources = event_resources(store, &event_id)?;
            }
            Ok(job)
        })
        .await?;
    let Some(path) = ask_pdf_path(&app, &job.file_name()).await? else {
        return Ok(None);
    };
    let (job, bytes) = render_off_thread(move || job.render().map(|pdf| (job, pdf))).await?;
    let recorded = bytes.clone();
    let version = state.run(move |store| job.record(store, &recorded)).await?;
    write_and_open(&app, state, &path, &bytes)?;
    Ok(Some(version))
}

/// See [`send_version`].
#[tauri::command]
pub async fn send_programme_version<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    language: Option<String>,
    with_resources: Option<bool>,
) -> Result<Option<ProgrammeVersion>, CommandError> {
    let with = with_resources == Some(true);
    send_version(app, state.inner(), event_id, language, with).await
}

/// The versions of an event's programme, latest first.
#[tauri::command]
pub async fn list_programme_versions(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Vec<ProgrammeVersion>, CommandError> {
    (state.inner())
        .run(move |store| store.programme_versions(&event_id))
        .await
}

/// Saves version `number` again, byte for byte as it was sent. `None` if cancelled.
#[tauri::command]
pub async fn save_programme_version<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    event_id: String,
    number: i64,
) -> Result<Option<String>, CommandError> {
    let (file_name, bytes) = (state.inner())
        .run(move |store| version_file(store, &event_id, number))
        .await?;
    let Some(path) = ask_pdf_path(&app, &file_name).await? else {
        return Ok(None);
    };
    Ok(Some(write_and_open(&app, state.inner(), &path, &bytes)?))
}

/// The proposed file name and the stored PDF of version `number`.
fn version_file(
    store: &mut passerelle_core::Store,
    event_id: &str,
    number: i64,
) -> passerelle_core::error::CoreResult<(String, Vec<u8>)> {
    let bytes = store.programme_version_pdf(event_id, number)?;
    let event = store.get_event(event_id)?;
    Ok((
        version_file_name(&event.data.code, &event.data.title, number),
        bytes,
    ))
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
    let job = (state.inner())
        .run(move |store| PrintJob::read(store, &event_id, document))
        .await?;
    save_job(app, state.inner(), job).await
}
