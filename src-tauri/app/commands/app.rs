//! Commands about the application as a whole: what file is open, the select lists, the global
//! search box and the example event.

use passerelle_core::codes::{catalogue, Catalogue};
use passerelle_core::model::{Counts, SearchHit};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub db_path: String,
    pub schema_version: i64,
    pub app_version: String,
    pub counts: Counts,
}

/// Where the database is, its schema version and how many records it holds.
#[tauri::command]
pub async fn app_info(state: State<'_, SharedState>) -> Result<AppInfo, CommandError> {
    let db_path = state.db_path().display().to_string();
    state
        .run(move |store| {
            Ok(AppInfo {
                db_path,
                schema_version: store.schema_version()?,
                app_version: env!("CARGO_PKG_VERSION").into(),
                counts: store.counts()?,
            })
        })
        .await
}

/// The database file and, when it did not open, why: the window then offers to restore a backup
/// instead of showing views that would all fail.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseStatus {
    pub db_path: String,
    pub problem: Option<CommandError>,
}

/// Whether the database is open, and why not.
#[tauri::command]
pub fn database_status(state: State<'_, SharedState>) -> DatabaseStatus {
    DatabaseStatus {
        db_path: state.db_path().display().to_string(),
        problem: state.open_problem(),
    }
}

/// Every select list of the interface with its French labels.
#[tauri::command]
pub fn list_codes() -> Catalogue {
    catalogue()
}

/// The global search box: best matches among experts, events and professions.
#[tauri::command]
pub async fn search_all(
    state: State<'_, SharedState>,
    query: String,
) -> Result<Vec<SearchHit>, CommandError> {
    state.run(move |store| store.search_all(&query, 8)).await
}

/// Adds the clearly labelled example (study visit, resource with its PDF, legal note);
/// returns the visit's id.
#[tauri::command]
pub async fn add_demo(state: State<'_, SharedState>) -> Result<String, CommandError> {
    state.run(passerelle_core::example::add_example).await
}

/// Upcoming events whose programme still lacks required items, for the home view.
#[tauri::command]
pub async fn incomplete_programmes(
    state: State<'_, SharedState>,
) -> Result<Vec<passerelle_core::completeness::IncompleteProgramme>, CommandError> {
    let today = chrono::Local::now().date_naive().to_string();
    state
        .run(move |store| store.incomplete_programmes(&today))
        .await
}
