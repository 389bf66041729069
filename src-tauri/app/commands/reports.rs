//! The competences report, from the « Métiers » view: read under the store's lock, a save
//! dialog proposing a file name, rendered (PDF or CSV) after the lock is released, written, and
//! the PDF opened in the system's viewer — as the programme is.

use passerelle_core::model::CompetencesReportFilter;
use passerelle_core::printing::{render_report, report_file_name, ReportFormat};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::files::{ask_save_path, with_extension_forced, write_user_file};
use crate::error::CommandError;
use crate::state::SharedState;

async fn save_report<R: Runtime>(
    app: AppHandle<R>,
    state: &SharedState,
    filter: CompetencesReportFilter,
    format: ReportFormat,
) -> Result<Option<String>, CommandError> {
    let report = state
        .run(move |store| store.competences_report(&filter))
        .await?;
    let (filter_name, extension) = match format {
        ReportFormat::Pdf => ("PDF", "pdf"),
        ReportFormat::Csv => ("CSV (Excel)", "csv"),
    };
    let name = report_file_name(&report, format);
    let Some(path) = ask_save_path(&app, &name, filter_name, &[extension]).await? else {
        return Ok(None);
    };
    let path = with_extension_forced(path, extension);
    let bytes = tauri::async_runtime::spawn_blocking(move || render_report(&report, format))
        .await
        .map_err(CommandError::internal)??;
    write_user_file(state, &path, &bytes)?;
    let shown = path.display().to_string();
    if format == ReportFormat::Pdf {
        // Not being able to open a viewer is not a failure: the file is saved and its path shown.
        let _ = app.opener().open_path(shown.clone(), None::<&str>);
    }
    Ok(Some(shown))
}

/// Asks where to save the competences report (`format`: "pdf" or "csv") for `filter`, writes
/// it and opens the PDF. `None` if cancelled.
#[tauri::command]
pub async fn save_competences_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    filter: CompetencesReportFilter,
    format: ReportFormat,
) -> Result<Option<String>, CommandError> {
    save_report(app, state.inner(), filter, format).await
}
