//! Commands for the files of a resource: attach the files chosen in the native open dialog or
//! dropped on the window (Tauri's drag-drop event gives their paths), open one with the
//! system's default application, « Enregistrer sous… », remove. The core detects each file's
//! type from its content, refuses what is not allowed and extracts its text; here the files are
//! only read from disk and written back.
//!
//! A file opened is first written to a private folder under the app's cache folder
//! (`ouverts/<file id>/<name>`), emptied at each start ([`clean_open_folder`]): the default
//! application needs a real file, and the database keeps the only copy that matters.

use std::path::{Path, PathBuf};

use passerelle_core::attachments::MAX_FILE_BYTES;
use passerelle_core::files::{read_bounded, write_user_file as write_private};
use passerelle_core::model::ResourceFile;
use passerelle_core::store::PreparedFile;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::documents::render_off_thread;
use crate::commands::files::{ask_save_path, write_user_file};
use crate::error::CommandError;
use crate::state::SharedState;

/// The extensions the open dialog offers (the core decides from the content, not from these).
const EXTENSIONS: &[&str] = &[
    "pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "txt", "png", "jpg", "jpeg",
];

/// The folder under the app's cache folder where files are written to be opened.
const OPEN_FOLDER: &str = "ouverts";

/// A file that was not attached, and why (a French sentence naming it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    pub name: String,
    pub message: String,
}

/// What an attach did: each file is attached on its own, so one refused file does not stop the
/// others; a refused one changed nothing.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachOutcome {
    pub attached: Vec<ResourceFile>,
    pub refused: Vec<Refusal>,
}

/// The name shown for a path: its last component.
fn shown_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads each file (at most the limit, a regular file only) off the UI thread, then attaches it
/// to `resource_id`.
async fn attach_paths(
    state: &SharedState,
    resource_id: String,
    paths: Vec<PathBuf>,
) -> Result<AttachOutcome, CommandError> {
    let mut outcome = AttachOutcome::default();
    for path in paths {
        let name = shown_name(&path);
        let (reading, named) = (path.clone(), name.clone());
        // Read and inspected (type, text) off the UI thread and before the store's lock: the
        // text of a large PDF takes a while, and other commands would wait for it.
        let prepared = render_off_thread(move || {
            let bytes = read_bounded(&reading, MAX_FILE_BYTES as u64, "pour être joint")?;
            PreparedFile::inspect(&named, bytes)
        })
        .await;
        let id = resource_id.clone();
        let attached = match prepared {
            Ok(file) => {
                state
                    .run(move |store| store.attach_prepared(&id, &file))
                    .await
            }
            Err(error) => Err(error),
        };
        match attached {
            Ok(file) => outcome.attached.push(file),
            // The resource itself is gone: nothing else can be attached to it.
            Err(error) if error.kind == "notFound" => return Err(error),
            Err(error) => outcome.refused.push(Refusal {
                name,
                message: error.message,
            }),
        }
    }
    Ok(outcome)
}

/// Asks for files (several at once). `None` if the user cancelled.
async fn ask_files<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Vec<PathBuf>>, CommandError> {
    let dialog = app
        .dialog()
        .file()
        .add_filter("Documents et images", EXTENSIONS);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files())
        .await
        .map_err(CommandError::internal)?;
    chosen
        .map(|paths| {
            paths
                .into_iter()
                .map(|path| path.into_path().map_err(CommandError::internal))
                .collect()
        })
        .transpose()
}

/// « Joindre des fichiers… »: the files chosen in the open dialog, attached one by one. `None`
/// if cancelled.
#[tauri::command]
pub async fn choose_resource_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    resource_id: String,
) -> Result<Option<AttachOutcome>, CommandError> {
    let Some(paths) = ask_files(&app).await? else {
        return Ok(None);
    };
    Ok(Some(attach_paths(state.inner(), resource_id, paths).await?))
}

/// The files dropped on the window, attached one by one.
#[tauri::command]
pub async fn attach_resource_files(
    state: State<'_, SharedState>,
    resource_id: String,
    paths: Vec<String>,
) -> Result<AttachOutcome, CommandError> {
    let paths = paths.into_iter().map(PathBuf::from).collect();
    attach_paths(state.inner(), resource_id, paths).await
}

/// `name` as a file name on every system: no folder part, no character a file system refuses.
fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    if trimmed.is_empty() {
        "fichier".into()
    } else {
        trimmed.into()
    }
}

/// The private folder files are opened from.
fn open_folder<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    let cache = app.path().app_cache_dir().map_err(CommandError::internal)?;
    Ok(cache.join(OPEN_FOLDER))
}

/// Empties the folder of opened files (at start: the applications that had them are closed).
pub fn clean_open_folder<R: Runtime>(app: &AppHandle<R>) {
    if let Ok(folder) = open_folder(app) {
        // Absent at first start; a file still locked by another program stays till next time.
        let _ = std::fs::remove_dir_all(folder);
    }
}

/// Writes the file into `ouverts/<file id>/` (only this user may read it) and returns its path.
fn write_to_open(
    folder: &Path,
    file: &ResourceFile,
    bytes: &[u8],
) -> Result<PathBuf, CommandError> {
    let dir = folder.join(&file.id);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(passerelle_core::CoreError::from)?;
    let path = dir.join(safe_file_name(&file.name));
    write_private(&path, bytes, None)?;
    Ok(path)
}

/// Opens an attached file with the system's default application.
#[tauri::command]
pub async fn open_resource_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    file_id: String,
) -> Result<(), CommandError> {
    let (file, bytes) = state.run(move |store| store.read_file(&file_id)).await?;
    let path = write_to_open(&open_folder(&app)?, &file, &bytes)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|error| cannot_open(&file.name, error))
}

fn cannot_open(name: &str, error: impl std::fmt::Display) -> CommandError {
    CommandError {
        kind: "io".into(),
        message: format!(
            "Impossible d'ouvrir « {name} » avec l'application par défaut ({error}). Utilisez « Enregistrer sous… »."
        ),
        fields: Vec::new(),
    }
}

/// Asks where to save `file` (its name proposed), then writes it. `None` if cancelled.
async fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    state: &SharedState,
    file: &ResourceFile,
    bytes: &[u8],
) -> Result<Option<String>, CommandError> {
    let extension = Path::new(&file.name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned());
    let extensions: Vec<&str> = extension.as_deref().into_iter().collect();
    let proposed = safe_file_name(&file.name);
    let Some(path) = ask_save_path(app, &proposed, &file.media_type, &extensions).await? else {
        return Ok(None);
    };
    write_user_file(state, &path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// « Enregistrer sous… »: the file's bytes written where the user chooses. `None` if cancelled.
#[tauri::command]
pub async fn save_resource_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    file_id: String,
) -> Result<Option<String>, CommandError> {
    let (file, bytes) = state.run(move |store| store.read_file(&file_id)).await?;
    save_as(&app, state.inner(), &file, &bytes).await
}

/// Removes a file from a resource (its content goes when no other resource holds it).
#[tauri::command]
pub async fn remove_resource_file(
    state: State<'_, SharedState>,
    resource_id: String,
    file_id: String,
) -> Result<(), CommandError> {
    state
        .run(move |store| store.remove_file(&resource_id, &file_id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opened_keeps_its_name_without_any_folder_or_forbidden_character() {
        assert_eq!(safe_file_name("Guide GECT.pdf"), "Guide GECT.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\temp\\note.docx"), "note.docx");
        assert_eq!(safe_file_name("a:b?.txt"), "a_b_.txt");
        assert_eq!(safe_file_name(".."), "fichier");
    }
}
