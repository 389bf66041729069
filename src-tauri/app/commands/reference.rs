//! Commands for organisations, territories, themes and the read-only reference lists.

use passerelle_core::model::*;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// All organisations, by name.
#[tauri::command]
pub async fn list_organisations(
    state: State<'_, SharedState>,
) -> Result<Vec<Organisation>, CommandError> {
    state.run(|store| store.list_organisations()).await
}

/// One organisation.
#[tauri::command]
pub async fn get_organisation(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Organisation, CommandError> {
    state.run(move |store| store.get_organisation(&id)).await
}

/// Creates an organisation.
#[tauri::command]
pub async fn create_organisation(
    state: State<'_, SharedState>,
    input: OrganisationInput,
) -> Result<Organisation, CommandError> {
    state
        .run(move |store| store.create_organisation(&input))
        .await
}

/// Saves an edit of an organisation loaded at `version`.
#[tauri::command]
pub async fn update_organisation(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: OrganisationInput,
) -> Result<Organisation, CommandError> {
    state
        .run(move |store| store.update_organisation(&id, version, &input))
        .await
}

/// Deletes an organisation no expert or event refers to.
#[tauri::command]
pub async fn delete_organisation(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_organisation(&id)).await
}

/// All territories.
#[tauri::command]
pub async fn list_territories(
    state: State<'_, SharedState>,
) -> Result<Vec<Territory>, CommandError> {
    state.run(|store| store.list_territories()).await
}

/// One territory.
#[tauri::command]
pub async fn get_territory(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Territory, CommandError> {
    state.run(move |store| store.get_territory(&id)).await
}

/// Creates a territory.
#[tauri::command]
pub async fn create_territory(
    state: State<'_, SharedState>,
    input: TerritoryInput,
) -> Result<Territory, CommandError> {
    state.run(move |store| store.create_territory(&input)).await
}

/// Saves an edit of a territory loaded at `version`.
#[tauri::command]
pub async fn update_territory(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: TerritoryInput,
) -> Result<Territory, CommandError> {
    state
        .run(move |store| store.update_territory(&id, version, &input))
        .await
}

/// Deletes a territory nothing refers to.
#[tauri::command]
pub async fn delete_territory(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_territory(&id)).await
}

/// All themes.
#[tauri::command]
pub async fn list_themes(state: State<'_, SharedState>) -> Result<Vec<Theme>, CommandError> {
    state.run(|store| store.list_themes()).await
}

/// One theme.
#[tauri::command]
pub async fn get_theme(state: State<'_, SharedState>, id: String) -> Result<Theme, CommandError> {
    state.run(move |store| store.get_theme(&id)).await
}

/// Creates a theme.
#[tauri::command]
pub async fn create_theme(
    state: State<'_, SharedState>,
    input: ThemeInput,
) -> Result<Theme, CommandError> {
    state.run(move |store| store.create_theme(&input)).await
}

/// Saves an edit of a theme loaded at `version`.
#[tauri::command]
pub async fn update_theme(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ThemeInput,
) -> Result<Theme, CommandError> {
    state
        .run(move |store| store.update_theme(&id, version, &input))
        .await
}

/// Deletes a theme nothing refers to.
#[tauri::command]
pub async fn delete_theme(state: State<'_, SharedState>, id: String) -> Result<(), CommandError> {
    state.run(move |store| store.delete_theme(&id)).await
}

/// The families of professions (read-only reference).
#[tauri::command]
pub async fn list_profession_families(
    state: State<'_, SharedState>,
) -> Result<Vec<ProfessionFamily>, CommandError> {
    state.run(|store| store.list_profession_families()).await
}

/// The Interreg programmes (read-only reference).
#[tauri::command]
pub async fn list_interreg_programmes(
    state: State<'_, SharedState>,
) -> Result<Vec<InterregProgramme>, CommandError> {
    state.run(|store| store.list_interreg_programmes()).await
}
