//! Commands for the library: the « Ressources » and « Questions juridiques » views, the
//! resources listed on an expert's, an organisation's and an event's page, the home view's
//! « À réviser » card, and the two documents (a legal note's « fiche juridique », an event's
//! « dossier documentaire »), rendered under the store's lock then saved where the user chooses
//! and opened, like the other documents. The files of a resource are in `library_files.rs`.

use passerelle_core::model::*;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// A page of resources matching the filters, each with the passage that matched.
#[tauri::command]
pub async fn list_resources(
    state: State<'_, SharedState>,
    filter: ResourceFilter,
) -> Result<Page<ResourceSummary>, CommandError> {
    state.run(move |store| store.list_resources(&filter)).await
}

/// One resource with its files in attach order.
#[tauri::command]
pub async fn get_resource(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Resource, CommandError> {
    state.run(move |store| store.get_resource(&id)).await
}

/// Records a new resource.
#[tauri::command]
pub async fn create_resource(
    state: State<'_, SharedState>,
    input: ResourceInput,
) -> Result<Resource, CommandError> {
    state.run(move |store| store.create_resource(&input)).await
}

/// Saves an edit of a resource loaded at `version`.
#[tauri::command]
pub async fn update_resource(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: ResourceInput,
) -> Result<Resource, CommandError> {
    state
        .run(move |store| store.update_resource(&id, version, &input))
        .await
}

/// Deletes a resource, its links and its files.
#[tauri::command]
pub async fn delete_resource(
    state: State<'_, SharedState>,
    id: String,
) -> Result<(), CommandError> {
    state.run(move |store| store.delete_resource(&id)).await
}

/// The sessions a resource names (each with its event's id), for the resource's form and page.
#[tauri::command]
pub async fn get_sessions(
    state: State<'_, SharedState>,
    ids: Vec<String>,
) -> Result<Vec<Session>, CommandError> {
    state
        .run(move |store| ids.iter().map(|id| store.get_session(id)).collect())
        .await
}

/// What an expert wrote or contributed to (the role as `detail`).
#[tauri::command]
pub async fn resources_of_expert(
    state: State<'_, SharedState>,
    expert_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_expert(&expert_id))
        .await
}

/// What an organisation published or took part in (the role as `detail`).
#[tauri::command]
pub async fn resources_of_organisation(
    state: State<'_, SharedState>,
    organisation_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_organisation(&organisation_id))
        .await
}

/// The event's own resources, then each session's (the session's title as `detail`).
#[tauri::command]
pub async fn resources_of_event(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Vec<LinkedResource>, CommandError> {
    state
        .run(move |store| store.resources_of_event(&event_id))
        .await
}

/// Resources and legal notes whose review date has passed, today on this computer's calendar.
#[tauri::command]
pub async fn reviews_due(state: State<'_, SharedState>) -> Result<Vec<ReviewDue>, CommandError> {
    let today = chrono::Local::now().date_naive().to_string();
    state.run(move |store| store.reviews_due(&today)).await
}
