//! Commands of the « Partage » view and of the status in the header: the team server's
//! settings (the password to the system's keychain, never to the database), « Synchroniser »,
//! the status and the conflicts to settle. When and how syncs run is `crate::sharing`'s; the
//! rules are the core's (`passerelle_core::sync`).

use passerelle_core::sync::{SyncChoice, SyncConflict, SyncSettings, SyncWaiting};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandError;
use crate::sharing::{self, SyncStart, SyncStatusView};
use crate::state::SharedState;

/// What saving the settings tells the user: `notice` when the keychain could not keep the
/// password (it is then kept for this session only).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSyncSettings {
    pub notice: Option<String>,
}

/// The server's settings, or `None` when no server is set up.
#[tauri::command]
pub async fn get_sync_settings(
    state: State<'_, SharedState>,
) -> Result<Option<SyncSettings>, CommandError> {
    state.run(|store| store.sync_settings()).await
}

/// Checks and saves the settings (each refusal naming its field; nothing changes then), keeps
/// the password typed, if any, and starts a sync.
#[tauri::command]
pub async fn save_sync_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    settings: SyncSettings,
    password: Option<String>,
) -> Result<SavedSyncSettings, CommandError> {
    let notice = sharing::save_settings(&state, settings, password).await?;
    sharing::start(&state, &app);
    Ok(SavedSyncSettings { notice })
}

/// « Oublier ce serveur »: the settings and the password go; the records stay.
#[tauri::command]
pub async fn forget_sync_settings(state: State<'_, SharedState>) -> Result<(), CommandError> {
    let settings = state.run(|store| store.sync_settings()).await?;
    state.run(|store| store.forget_sync_settings()).await?;
    sharing::forget_password(&state, settings).await;
    sharing::announce(&state).await;
    Ok(())
}

/// « Synchroniser »: starts a sync and returns at once (joining the one running, if any);
/// progress and end come as `sync:progress` and `sync:status` events.
#[tauri::command]
pub fn sync_now<R: Runtime>(app: AppHandle<R>, state: State<'_, SharedState>) -> SyncStart {
    sharing::start(&state, &app);
    sharing::request(&state)
}

/// The status shown in the header: last sync, changes waiting, offline, conflicts, running.
#[tauri::command]
pub async fn sync_status(state: State<'_, SharedState>) -> Result<SyncStatusView, CommandError> {
    sharing::status(&state).await
}

/// The conflicts waiting for the user's choice.
#[tauri::command]
pub async fn sync_conflicts(
    state: State<'_, SharedState>,
) -> Result<Vec<SyncConflict>, CommandError> {
    state.run(|store| store.sync_conflicts()).await
}

/// The colleagues' records waiting for their links (or breaking a rule here), with why.
#[tauri::command]
pub async fn sync_waiting(state: State<'_, SharedState>) -> Result<Vec<SyncWaiting>, CommandError> {
    state.run(|store| store.sync_waiting()).await
}

/// Settles a conflict (« Garder la mienne » / « Prendre celle de … »); the next sync, soon,
/// sends the choice to the team.
#[tauri::command]
pub async fn resolve_sync_conflict(
    state: State<'_, SharedState>,
    doc_id: String,
    choice: SyncChoice,
) -> Result<(), CommandError> {
    state
        .run(move |store| store.resolve_sync_conflict(&doc_id, &choice))
        .await?;
    sharing::announce(&state).await;
    sharing::request(&state);
    Ok(())
}
