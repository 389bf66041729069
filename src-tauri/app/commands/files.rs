//! The native file dialogs and the writing of user files, shared by the commands that print,
//! export, import and back up. The dialogs are opened from Rust, so JavaScript is given no
//! file-system or dialog permission: it only learns the path the user chose.

use std::path::{Path, PathBuf};

use passerelle_core::CoreError;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// Asks where to save a file, proposing `file_name`. `None` if the user cancelled.
pub async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    filter_name: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, CommandError> {
    let dialog = app
        .dialog()
        .file()
        .set_file_name(file_name)
        .add_filter(filter_name, extensions);
    // The dialog blocks its thread until the user answers: keep it off the UI thread.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(CommandError::internal)?;
    chosen
        .map(|path| path.into_path().map_err(CommandError::internal))
        .transpose()
}

/// Asks which file to open. `None` if the user cancelled.
pub async fn ask_open_path<R: Runtime>(
    app: &AppHandle<R>,
    filter_name: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, CommandError> {
    let dialog = app.dialog().file().add_filter(filter_name, extensions);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(CommandError::internal)?;
    chosen
        .map(|path| path.into_path().map_err(CommandError::internal))
        .transpose()
}

/// Writes `bytes` to the file the user chose, with a message that names it on failure.
pub fn write_user_file(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    std::fs::write(path, bytes).map_err(|error| {
        CommandError::from(CoreError::Io(std::io::Error::new(
            error.kind(),
            format!(
                "impossible d'écrire « {} » ({error}). Choisissez un autre dossier.",
                path.display()
            ),
        )))
    })
}
