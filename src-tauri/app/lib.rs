//! The desktop shell of Passerelle: opens the database, registers the plugins and the commands,
//! and shows the window. Everything it does with data is delegated to `passerelle_core`.
//!
//! The same binary also runs without a window for scripts and tests (see [`cli`]).

pub mod cli;
pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

use crate::state::AppState;

/// Where the database file comes from, in order of precedence.
#[derive(Debug, Clone, Default)]
pub struct DbChoice {
    /// `--db FILE` on the command line.
    pub explicit: Option<PathBuf>,
}

impl DbChoice {
    /// `--db`, else `PASSERELLE_DB`, else `None` (the caller then uses the app-data directory).
    pub fn resolve_override(&self) -> Option<PathBuf> {
        self.explicit.clone().or_else(|| {
            std::env::var_os("PASSERELLE_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }
}

/// The file name of the database inside the app-data directory.
pub const DB_FILE_NAME: &str = "passerelle.db";

/// Registers plugins and commands on a builder; the binary passes `tauri::Builder::default()`,
/// tests pass `tauri::test::mock_builder()`.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(all_commands!())
}

/// Opens the window on the chosen database.
pub fn run(choice: DbChoice) -> Result<(), Box<dyn std::error::Error>> {
    let builder = tauri::Builder::default()
        // Registered first, as its documentation requires: a second launch hands over to the
        // running window (shown and focused) and exits, so one database file never has two
        // windows writing to it from two processes.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build());
    app_builder(builder)
        .setup(move |app| {
            let path = match choice.resolve_override() {
                Some(path) => path,
                // Tauri's per-OS location: ~/.local/share/<identifier> on Linux,
                // %APPDATA%\<identifier> on Windows, ~/Library/Application Support/<identifier> on macOS.
                None => app.path().app_data_dir()?.join(DB_FILE_NAME),
            };
            let state = AppState::open(&path);
            state.start_automatic_backup();
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!())?;
    Ok(())
}
