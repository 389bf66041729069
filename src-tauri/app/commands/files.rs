//! The native file dialogs and the writing of user files, shared by the commands that print,
//! export, import and back up. The dialogs are opened from Rust, so JavaScript is given no
//! file-system or dialog permission: it only learns the path the user chose.

use std::path::{Path, PathBuf};

use passerelle_core::files::{self, Protected};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;
use crate::state::AppState;

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

/// Asks for a folder to write several files into. `None` if the user cancelled.
pub async fn ask_folder<R: Runtime>(app: &AppHandle<R>) -> Result<Option<PathBuf>, CommandError> {
    let dialog = app.dialog().file();
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
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

/// `path` ending in `.extension` (any case), adding it when the user typed another one: a file
/// about to be opened with the system's default application must be what it claims (a name
/// typed as `programme.bat` would otherwise run on Windows).
pub fn with_extension_forced(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        return path;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{extension}"));
    path.with_file_name(name)
}

/// Writes `bytes` to the file the user chose, whole or not at all, never over the database in
/// use, its side files or its backups; the message names the file.
pub fn write_user_file(state: &AppState, path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    let backups_dir = state.backups_dir();
    let protected = Protected {
        database: state.db_path(),
        backups_dir: &backups_dir,
    };
    Ok(files::write_user_file(path, bytes, Some(protected))?)
}

/// Refuses a target that is the database in use, one of its side files or in its backups
/// folder, before anything is written there (a backup is written by SQLite, not by us).
pub fn check_user_target(state: &AppState, path: &Path) -> Result<(), CommandError> {
    Ok(files::check_user_target(
        path,
        state.db_path(),
        &state.backups_dir(),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_to_open_always_ends_in_pdf() {
        let forced = |name: &str| with_extension_forced(PathBuf::from(name), "pdf");
        assert_eq!(
            forced("/tmp/programme.pdf"),
            PathBuf::from("/tmp/programme.pdf")
        );
        assert_eq!(
            forced("/tmp/Programme.PDF"),
            PathBuf::from("/tmp/Programme.PDF")
        );
        assert_eq!(
            forced("/tmp/programme.bat"),
            PathBuf::from("/tmp/programme.bat.pdf")
        );
        assert_eq!(
            forced("/tmp/programme"),
            PathBuf::from("/tmp/programme.pdf")
        );
    }
}
