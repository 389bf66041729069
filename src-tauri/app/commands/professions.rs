//! Commands for professions, their competences and evolution observations.

use passerelle_core::model::*;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// Professions matching `query` (all when empty), by family then title.
#[tauri::command]
pub async fn list_professions(
    state: State<'_, SharedState>,
    query: Option<String>,
) -> Result<Vec<Profession>, CommandError> {
    state
        .run(move |store| store.search_professions(query.as_deref().unwrap_or("")))
        .await
}

/// One profession with its competences and observations.
#[tauri::command]
pub async fn get_profession(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Profession, CommandError> {
    state.run(move |store| store.get_profession(&id)).await
}

/// Creates a profession.
#[tauri::command]
pub async fn create_profession(
    state: State<'_, SharedState>,
    input: ProfessionInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.create_profession(&input))
        .await
}

/// Saves an edit of a profession loaded at `version`.
#[tauri::command]
pub async fn update_profession(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ProfessionInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.update_profession(&id, version, &input))
        .await
}

/// Deletes a profession no expert or event refers to.
#[tauri::command]
pub async fn delete_profession(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_profession(&id)).await
}

/// Adds a competence; returns the updated profession.
#[tauri::command]
pub async fn add_competence(
    state: State<'_, SharedState>,
    profession_id: String,
    input: CompetenceInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.add_competence(&profession_id, &input))
        .await
}

/// Saves an edit of a competence; returns the updated profession.
#[tauri::command]
pub async fn update_competence(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: CompetenceInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.update_competence(&id, version, &input))
        .await
}

/// Deletes a competence and its observations; returns the updated profession.
#[tauri::command]
pub async fn delete_competence(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Profession, CommandError> {
    state.run(move |store| store.delete_competence(&id)).await
}

/// Adds an evolution observation to a competence; returns the updated profession.
#[tauri::command]
pub async fn add_observation(
    state: State<'_, SharedState>,
    competence_id: String,
    input: ObservationInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.add_observation(&competence_id, &input))
        .await
}

/// Saves an edit of an observation; returns the updated profession.
#[tauri::command]
pub async fn update_observation(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ObservationInput,
) -> Result<Profession, CommandError> {
    state
        .run(move |store| store.update_observation(&id, version, &input))
        .await
}

/// Deletes an observation; returns the updated profession.
#[tauri::command]
pub async fn delete_observation(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Profession, CommandError> {
    state.run(move |store| store.delete_observation(&id)).await
}
