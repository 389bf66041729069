//! Commands for training requests: the « Demandes » view, the home view's card, and the event
//! form prefilled from a request. Status changes are recorded for the session's user
//! ([`default_author`]).

use passerelle_core::model::*;
use passerelle_core::store::default_author;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// Requests matching the filters, most recently received first.
#[tauri::command]
pub async fn list_requests(
    state: State<'_, SharedState>,
    filter: RequestFilter,
) -> Result<Vec<RequestSummary>, CommandError> {
    state.run(move |store| store.list_requests(&filter)).await
}

/// One request with its organisations, history and events' ids.
#[tauri::command]
pub async fn get_request(
    state: State<'_, SharedState>,
    id: String,
) -> Result<TrainingRequest, CommandError> {
    state.run(move |store| store.get_request(&id)).await
}

/// Records a new request.
#[tauri::command]
pub async fn create_request(
    state: State<'_, SharedState>,
    input: TrainingRequestInput,
) -> Result<TrainingRequest, CommandError> {
    let by = default_author();
    state
        .run(move |store| store.create_request(&input, &by))
        .await
}

/// Saves an edit of a request loaded at `version`; a new status goes into the history.
#[tauri::command]
pub async fn update_request(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: TrainingRequestInput,
) -> Result<TrainingRequest, CommandError> {
    let by = default_author();
    state
        .run(move |store| store.update_request(&id, version, &input, &by))
        .await
}

/// Deletes a request no event answers.
#[tauri::command]
pub async fn delete_request(state: State<'_, SharedState>, id: String) -> Result<(), CommandError> {
    state.run(move |store| store.delete_request(&id)).await
}

/// The events answering a request, by date.
#[tauri::command]
pub async fn list_request_events(
    state: State<'_, SharedState>,
    id: String,
) -> Result<Vec<EventSummary>, CommandError> {
    state.run(move |store| store.request_events(&id)).await
}

/// The event form filled from a request (nothing is written; `create_event` saves it).
#[tauri::command]
pub async fn prefill_event_from_request(
    state: State<'_, SharedState>,
    id: String,
) -> Result<EventInput, CommandError> {
    state
        .run(move |store| store.prefill_event_from_request(&id))
        .await
}

/// The home view's card: open requests by status, and those without an answer.
#[tauri::command]
pub async fn request_counts(state: State<'_, SharedState>) -> Result<RequestCounts, CommandError> {
    state.run(move |store| store.request_counts()).await
}
