//! The desktop shell of Passerelle: opens the database, registers the plugins and the commands,
//! and shows the window. Everything it does with data is delegated to `passerelle_core`.
//!
//! The same binary also runs the windowless commands of `passerelle-cli` (see [`cli`]), so
//! `passerelle SUBCOMMAND` keeps working; the database's location is decided there for both.

pub mod commands;
pub mod error;
pub mod state;

/// The windowless commands and the database's location, shared with `passerelle-cli`.
pub use passerelle_cli as cli;
pub use passerelle_cli::{DbChoice, DB_FILE_NAME};

use tauri::{Manager, Runtime};

use crate::state::AppState;

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
            // The same file as the command line's: --db, PASSERELLE_DB, else Tauri's per-OS
            // app-data folder (~/.local/share/<identifier> on Linux, %APPDATA%\<identifier>
            // on Windows, ~/Library/Application Support/<identifier> on macOS).
            let path = choice
                .resolve()
                .ok_or(passerelle_cli::database::NO_DATA_DIR)?;
            let state = AppState::open(&path);
            state.start_automatic_backup();
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!())?;
    Ok(())
}
