//! Commands of the « Échanges » view: importing a file in two steps (choose and preview, then
//! apply exactly what was previewed), exporting in each exchange format, backing up and
//! restoring. The formats, the checks and the merge rules are the core's
//! (`passerelle_core::exchange`, `store::backups`); this layer only asks the user for paths.

use std::sync::Arc;

use passerelle_core::exchange::{
    agenda_csv, experts_csv, ics, json, professions_csv, text, vcard, CsvImportChoices,
    CsvImportPreview, CsvImportSummary, JsonImportChoices, JsonImportPreview, JsonImportSummary,
};
use passerelle_core::store::backups::{
    backup_in, list_backups as list_backup_files, BackupFile, RestoreReport,
};
use passerelle_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

use crate::commands::files::{ask_open_path, ask_save_path, write_user_file};
use crate::error::CommandError;
use crate::state::{ImportKind, PendingImport, SharedState};

/// The preview of a chosen file, for the interface.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    pub kind: ImportKind,
    pub file_name: String,
    pub csv: Option<CsvImportPreview>,
    pub json: Option<JsonImportPreview>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ImportSummary {
    Csv(CsvImportSummary),
    Json(JsonImportSummary),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResultView {
    pub kind: ImportKind,
    pub file_name: String,
    pub summary: ImportSummary,
}

fn preview_bytes(
    store: &passerelle_core::Store,
    kind: ImportKind,
    bytes: &[u8],
) -> Result<(Option<CsvImportPreview>, Option<JsonImportPreview>), CoreError> {
    Ok(match kind {
        ImportKind::Experts => (Some(experts_csv::preview(store, bytes)?), None),
        ImportKind::Professions => (Some(professions_csv::preview(store, bytes)?), None),
        ImportKind::Json => (None, Some(json::preview(store, bytes)?)),
    })
}

/// Opens the file dialog, reads the chosen file and previews its import; nothing is written.
/// `None` if the user cancelled.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    kind: ImportKind,
) -> Result<Option<ImportPreviewView>, CommandError> {
    let (filter, extensions): (&str, &[&str]) = match kind {
        ImportKind::Json => ("Fichier d'échange Passerelle", &["json"]),
        _ => ("CSV (séparateur point-virgule)", &["csv", "txt"]),
    };
    let Some(path) = ask_open_path(&app, filter, extensions).await? else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    match kind {
        ImportKind::Json => json::check_file_size(&path)?,
        _ => text::check_import_size(&path)?,
    }
    let bytes = Arc::new(std::fs::read(&path).map_err(CoreError::Io)?);
    let for_preview = Arc::clone(&bytes);
    let (csv, json) = state
        .run(move |store| preview_bytes(store, kind, &for_preview))
        .await?;
    state.set_pending_import(Some(PendingImport {
        kind,
        file_name: file_name.clone(),
        bytes,
    }));
    Ok(Some(ImportPreviewView {
        kind,
        file_name,
        csv,
        json,
    }))
}

/// Applies the previewed file with the user's choices, all in one transaction or nothing.
#[tauri::command]
pub async fn apply_pending_import(
    state: State<'_, SharedState>,
    choices: serde_json::Value,
) -> Result<ImportResultView, CommandError> {
    let Some(pending) = state.pending_import() else {
        return Err(CoreError::InvalidFile(
            "Aucun fichier n'est en attente d'import : choisissez d'abord un fichier.".into(),
        )
        .into());
    };
    let kind = pending.kind;
    let bytes = Arc::clone(&pending.bytes);
    // The choices' shape depends on the file previewed, which only this side knows for sure.
    let unreadable = |error: serde_json::Error| {
        CommandError::internal(format!("choix d'import illisibles ({error})"))
    };
    let summary = match kind {
        ImportKind::Experts | ImportKind::Professions => {
            let choices: CsvImportChoices = serde_json::from_value(choices).map_err(unreadable)?;
            state
                .run(move |store| {
                    if kind == ImportKind::Experts {
                        experts_csv::apply(store, &bytes, &choices)
                    } else {
                        professions_csv::apply(store, &bytes, &choices)
                    }
                    .map(ImportSummary::Csv)
                })
                .await?
        }
        ImportKind::Json => {
            let choices: JsonImportChoices = serde_json::from_value(choices).map_err(unreadable)?;
            state
                .run(move |store| json::apply(store, &bytes, &choices).map(ImportSummary::Json))
                .await?
        }
    };
    state.set_pending_import(None);
    Ok(ImportResultView {
        kind,
        file_name: pending.file_name,
        summary,
    })
}

/// Forgets the previewed file.
#[tauri::command]
pub async fn cancel_pending_import(state: State<'_, SharedState>) -> Result<(), CommandError> {
    state.set_pending_import(None);
    Ok(())
}

/// The export formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    ExpertsCsv,
    ProfessionsCsv,
    EventsIcs,
    AgendaCsv,
    Vcard,
    Json,
}

/// Asks where to save, then writes the chosen export. `None` if the user cancelled.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    format: ExportFormat,
    event_ids: Option<Vec<String>>,
    expert_ids: Option<Vec<String>>,
) -> Result<Option<String>, CommandError> {
    let event_ids = event_ids.unwrap_or_default();
    let expert_ids = expert_ids.unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    let stamp = today.format("%Y-%m-%d");
    let (file_name, filter, extension) = match format {
        ExportFormat::ExpertsCsv => (format!("Experts {stamp}.csv"), "CSV", "csv"),
        ExportFormat::ProfessionsCsv => (format!("Métiers {stamp}.csv"), "CSV", "csv"),
        ExportFormat::EventsIcs => (format!("Événements {stamp}.ics"), "iCalendar", "ics"),
        ExportFormat::AgendaCsv => (format!("Agenda {stamp}.csv"), "CSV", "csv"),
        ExportFormat::Vcard => (format!("Experts {stamp}.vcf"), "vCard", "vcf"),
        ExportFormat::Json => (
            format!("Passerelle {stamp}.json"),
            "Fichier d'échange",
            "json",
        ),
    };
    if format == ExportFormat::AgendaCsv && event_ids.len() != 1 {
        return Err(CoreError::InvalidFile(
            "L'export de l'agenda porte sur un seul événement.".into(),
        )
        .into());
    }
    let Some(path) = ask_save_path(&app, &file_name, filter, &[extension]).await? else {
        return Ok(None);
    };
    let bytes = state
        .run(move |store| match format {
            ExportFormat::ExpertsCsv => experts_csv::export(store),
            ExportFormat::ProfessionsCsv => professions_csv::export(store),
            ExportFormat::AgendaCsv => agenda_csv::export(store, &event_ids[0]),
            ExportFormat::EventsIcs => {
                let ids = if event_ids.is_empty() {
                    ics::upcoming_event_ids(store, today)?
                } else {
                    event_ids
                };
                ics::events_ics(store, &ids, chrono::Utc::now()).map(String::into_bytes)
            }
            ExportFormat::Vcard => vcard::experts_vcard(store, &expert_ids).map(String::into_bytes),
            ExportFormat::Json => json::export(store),
        })
        .await?;
    write_user_file(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// "Sauvegarder": a consistent copy of the database where the user chooses.
#[tauri::command]
pub async fn backup_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
) -> Result<Option<String>, CommandError> {
    let file_name = format!(
        "Passerelle sauvegarde {}.db",
        chrono::Local::now().format("%Y-%m-%d %Hh%M")
    );
    let Some(path) = ask_save_path(&app, &file_name, "Base Passerelle", &["db"]).await? else {
        return Ok(None);
    };
    let target = path.clone();
    state.run(move |store| store.backup_to(&target)).await?;
    Ok(Some(path.display().to_string()))
}

/// The automatic backups and safety copies, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, SharedState>) -> Result<Vec<BackupFile>, CommandError> {
    Ok(list_backup_files(&state.backups_dir())?)
}

/// Restores an automatic backup (the interface has asked for confirmation).
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, SharedState>,
    file_name: String,
) -> Result<RestoreReport, CommandError> {
    let dir = state.backups_dir();
    let source = backup_in(&dir, &file_name)?;
    state.set_pending_import(None);
    state
        .run(move |store| store.restore_from(&source, &dir))
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
        .run(move |store| store.restore_from(&source, &dir))
        .await
        .map(Some)
}
