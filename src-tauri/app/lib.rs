//! The desktop shell of Passerelle: opens the database, registers the plugins and the commands,
//! and shows the window. Everything it does with data is delegated to `passerelle_core`.
//!
//! The same binary also runs the windowless commands of `passerelle-cli` (see [`cli`]), so
//! `passerelle SUBCOMMAND` keeps working; the database's location is decided there for both.

pub mod commands;
pub mod error;
pub mod sharing;
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
        // Only `open_path` from Rust, for a PDF just written: no link-click script in the page.
        .plugin(
            tauri_plugin_opener::Builder::new()
                .open_js_links_on_click(false)
                .build(),
        )
        .invoke_handler(all_commands!())
}

/// Opens the window on the chosen database.
pub fn run(choice: DbChoice) -> Result<(), Box<dyn std::error::Error>> {
    let builder = tauri::Builder::default()
        // Registered first, as its documentation requires: a second launch hands over to the
        // running window (shown and focused) and exits, so one database file never has two
        // windows writing to it from two processes.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
            tell_ignored_database(app, &args, &cwd);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build());
    app_builder(builder)
        .setup(move |app| {
            // The same file as the command line's: --db, PASSERELLE_DB, else Tauri's per-OS
            // local app-data folder (~/.local/share/<identifier> on Linux, %LOCALAPPDATA%\<identifier>
            // on Windows, ~/Library/Application Support/<identifier> on macOS).
            let path = choice
                .resolve()
                .ok_or(passerelle_cli::database::NO_DATA_DIR)?;
            let state = AppState::open(&path);
            state.start_automatic_backup();
            // The team sharing's syncs: at start, then on their own schedule.
            sharing::start(&state, app.handle());
            // The files opened during the last run are closed by now: their copies go.
            commands::library_files::clean_open_folder(app.handle());
            app.manage(state);
            Ok(())
        })
        .build(tauri::generate_context!())?
        .run(|app, event| {
            // Tauri ends the process right after this event: close the store now, so the
            // write-ahead log is folded back into the database file.
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<state::SharedState>() {
                    state.close();
                }
            }
        });
    Ok(())
}

/// A second launch naming another database (`--db other.db`) cannot open it: this window keeps
/// its file. Say so in a dialog instead of ignoring the request silently.
fn tell_ignored_database<R: Runtime>(app: &tauri::AppHandle<R>, args: &[String], cwd: &str) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    let Some(state) = app.try_state::<state::SharedState>() else {
        return;
    };
    let Some(asked) = passerelle_cli::database::other_database_asked(args, cwd, state.db_path())
    else {
        return;
    };
    let message = format!(
        "Passerelle est déjà ouverte sur « {} ». Le fichier « {} » demandé n'a pas été ouvert : \
         fermez d'abord cette fenêtre, puis relancez Passerelle avec ce fichier.",
        state.db_path().display(),
        asked.display()
    );
    app.dialog()
        .message(message)
        .title("Passerelle est déjà ouverte")
        .kind(MessageDialogKind::Warning)
        .show(|_| {});
}
