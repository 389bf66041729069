//! Commands for the expert directory.

use passerelle_core::model::*;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// A page of experts matching the text and filters.
#[tauri::command]
pub async fn search_experts(
    state: State<'_, SharedState>,
    filter: ExpertFilter,
) -> Result<Page<ExpertSummary>, CommandError> {
    state.run(move |store| store.search_experts(&filter)).await
}

/// One expert with languages, themes, territories and professions.
#[tauri::command]
pub async fn get_expert(state: State<'_, SharedState>, id: String) -> Result<Expert, CommandError> {
    state.run(move |store| store.get_expert(&id)).await
}

/// Creates an expert.
#[tauri::command]
pub async fn create_expert(
    state: State<'_, SharedState>,
    input: ExpertInput,
) -> Result<Expert, CommandError> {
    state.run(move |store| store.create_expert(&input)).await
}

/// Saves an edit of an expert loaded at `version`; refused if someone saved in between.
#[tauri::command]
pub async fn update_expert(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ExpertInput,
) -> Result<Expert, CommandError> {
    state
        .run(move |store| store.update_expert(&id, version, &input))
        .await
}

/// Deletes an expert who speaks in no session.
#[tauri::command]
pub async fn delete_expert(state: State<'_, SharedState>, id: String) -> Result<(), CommandError> {
    state.run(move |store| store.delete_expert(&id)).await
}

/// The events an expert speaks in.
#[tauri::command]
pub async fn list_expert_events(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Vec<EventSummary>, CommandError> {
    state.run(move |store| store.events_of_expert(&id)).await
}
