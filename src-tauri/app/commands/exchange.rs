//! Commands of the « Échanges » view: importing a file in two steps (choose and preview, then
//! apply exactly what was previewed), exporting in each exchange format, backing up and
//! restoring. The formats, the checks and the merge rules are the core's (its exchange front,
//! `passerelle_core::exchange::front`, and `store::backups`); this layer only asks the user
//! for paths.

use std::path::Path;
use std::sync::Arc;

use passerelle_core::exchange::front::{
    self, ExportFormat, ExportScope, ImportChoices, ImportPreview, ImportSummary,
};
use passerelle_core::exchange::{CsvImportPreview, JsonImportPreview};
use passerelle_core::store::backups::{
    backup_in, list_backups as list_backup_files, restore_database, BackupFile, RestoreReport,
};
use passerelle_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files::{ask_open_path, ask_save_path, check_user_target, write_user_file};
use crate::error::CommandError;
use crate::state::{ImportKind, PendingImport, SharedState};

/// The preview of a chosen file, for the interface: one of `csv` and `json` is set.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    pub kind: ImportKind,
    pub file_name: String,
    pub csv: Option<CsvImportPreview>,
    pub json: Option<JsonImportPreview>,
}

impl ImportPreviewView {
    fn new(pending: &PendingImport, preview: ImportPreview) -> Self {
        let (csv, json) = preview.into_parts();
        ImportPreviewView {
            kind: pending.kind,
            file_name: pending.file_name.clone(),
            csv,
            json,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResultView {
    pub kind: ImportKind,
    pub file_name: String,
    pub summary: ImportSummary,
}

impl ImportResultView {
    fn new(pending: PendingImport, summary: ImportSummary) -> Self {
        ImportResultView {
            kind: pending.kind,
            file_name: pending.file_name,
            summary,
        }
    }
}

/// The name shown for a chosen file: its own name, else its whole path.
pub(crate) fn shown_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Opens the file dialog, reads the chosen file and previews its import; nothing is written.
/// `None` if the user cancelled.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    kind: ImportKind,
) -> Result<Option<ImportPreviewView>, CommandError> {
    let file_type = kind.file_type();
    let Some(path) = ask_open_path(&app, file_type.label, file_type.extensions).await? else {
        return Ok(None);
    };
    preview_file(state.inner(), kind, &path).await.map(Some)
}

/// Reads and previews `path`, and keeps its bytes as the pending import: what is applied later
/// is exactly what was previewed, even if the file changes meanwhile.
async fn preview_file(
    state: &SharedState,
    kind: ImportKind,
    path: &Path,
) -> Result<ImportPreviewView, CommandError> {
    let bytes = Arc::new(kind.read_file(path)?);
    let for_preview = Arc::clone(&bytes);
    let preview = state
        .run(move |store| front::preview(store, kind, &for_preview))
        .await?;
    let file_name = shown_name(path);
    let pending = PendingImport {
        kind,
        file_name,
        bytes,
    };
    state.set_pending_import(Some(pending.clone()));
    Ok(ImportPreviewView::new(&pending, preview))
}

/// Applies the previewed file with the user's choices (`{onDuplicate, skipInvalid}` for a CSV
/// file, `{takeIncoming}` for an exchange file), all in one transaction or nothing.
#[tauri::command]
pub async fn apply_pending_import(
    state: State<'_, SharedState>,
    choices: ImportChoices,
) -> Result<ImportResultView, CommandError> {
    let pending = state.pending_import().ok_or_else(no_pending_import)?;
    let (kind, bytes) = (pending.kind, Arc::clone(&pending.bytes));
    let summary = state
        .run(move |store| front::apply(store, kind, &bytes, &choices))
        .await?;
    state.set_pending_import(None);
    Ok(ImportResultView::new(pending, summary))
}

fn no_pending_import() -> CoreError {
    CoreError::InvalidFile(
        "Aucun fichier n'est en attente d'import : choisissez d'abord un fichier.".into(),
    )
}

/// Forgets the previewed file.
#[tauri::command]
pub async fn cancel_pending_import(state: State<'_, SharedState>) -> Result<(), CommandError> {
    state.set_pending_import(None);
    Ok(())
}

/// Asks where to save, proposing a dated name, then writes the export in `format`
/// (`experts_csv`, `professions_csv`, `events_ics`, `agenda_csv`, `vcard`, `json`) of the
/// given events or experts (none: the upcoming events, every expert). `None` if cancelled.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    format: ExportFormat,
    event_ids: Option<Vec<String>>,
    expert_ids: Option<Vec<String>>,
) -> Result<Option<String>, CommandError> {
    let scope = ExportScope {
        event_ids: event_ids.unwrap_or_default(),
        expert_ids: expert_ids.unwrap_or_default(),
        ..ExportScope::everything()
    };
    save_export(&app, state.inner(), format, scope).await
}

/// Refuses a scope the format cannot write, asks where to save (proposing the format's dated
/// file name), then writes the export there.
async fn save_export<R: Runtime>(
    app: &AppHandle<R>,
    state: &SharedState,
    format: ExportFormat,
    scope: ExportScope,
) -> Result<Option<String>, CommandError> {
    format.check_scope(&scope)?;
    let file_name = format.proposed_file_name(scope.now.date_naive());
    let file_type = format.file_type();
    let Some(path) = ask_save_path(app, &file_name, file_type.label, file_type.extensions).await?
    else {
        return Ok(None);
    };
    let exported = state
        .run(move |store| front::export(store, format, &scope))
        .await?;
    write_user_file(state, &path, &exported.bytes)?;
    Ok(Some(path.display().to_string()))
}

/// "Sauvegarder": a consistent copy of the database where the user chooses.
#[tauri::command]
pub async fn backup_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
) -> Result<Option<String>, CommandError> {
    let file_name = backup_file_name();
    let Some(path) = ask_save_path(&app, &file_name, "Base Passerelle", &["db"]).await? else {
        return Ok(None);
    };
    check_user_target(&state, &path)?;
    let target = path.clone();
    state.run(move |store| store.backup_to(&target)).await?;
    Ok(Some(path.display().to_string()))
}

fn backup_file_name() -> String {
    format!(
        "Passerelle sauvegarde {}.db",
        chrono::Local::now().format("%Y-%m-%d %Hh%M")
    )
}

/// The automatic backups and safety copies, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, SharedState>) -> Result<Vec<BackupFile>, CommandError> {
    Ok(list_backup_files(&state.backups_dir())?)
}

/// Restores an automatic backup (the interface has asked for confirmation). Works when the
/// database did not open: that is when a restore is needed most.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, SharedState>,
    file_name: String,
) -> Result<RestoreReport, CommandError> {
    let dir = state.backups_dir();
    let source = backup_in(&dir, &file_name)?;
    state.set_pending_import(None);
    state
        .replace_database(move |db| restore_database(db, &source, &dir))
        .await
}

/// Restores a database file the user picks (the interface has asked for confirmation).
#[tauri::command]
pub async fn restore_from_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
) -> Result<Option<RestoreReport>, CommandError> {
    let Some(source) = ask_open_path(&app, "Base Passerelle", &["db", "sqlite", "bak"]).await?
    else {
        return Ok(None);
    };
    let dir = state.backups_dir();
    state.set_pending_import(None);
    state
        .replace_database(move |db| restore_database(db, &source, &dir))
        .await
        .map(Some)
}
