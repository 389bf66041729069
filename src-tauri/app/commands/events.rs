//! Commands for events and their agenda.

use passerelle_core::agenda::EventAgenda;
use passerelle_core::coherence::{partner_language, Finding};
use passerelle_core::model::*;
use passerelle_core::store::SessionConflict;
use tauri::State;

use crate::error::CommandError;
use crate::state::SharedState;

/// A page of events matching the text and filters, upcoming first.
#[tauri::command]
pub async fn search_events(
    state: State<'_, SharedState>,
    filter: EventFilter,
) -> Result<Page<EventSummary>, CommandError> {
    state.run(move |store| store.search_events(&filter)).await
}

/// One event with organisers, themes and target professions.
#[tauri::command]
pub async fn get_event(state: State<'_, SharedState>, id: String) -> Result<Event, CommandError> {
    state.run(move |store| store.get_event(&id)).await
}

/// Creates an event.
#[tauri::command]
pub async fn create_event(
    state: State<'_, SharedState>,
    input: EventInput,
) -> Result<Event, CommandError> {
    state.run(move |store| store.create_event(&input)).await
}

/// Saves an edit of an event loaded at `version`.
#[tauri::command]
pub async fn update_event(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: EventInput,
) -> Result<Event, CommandError> {
    state
        .run(move |store| store.update_event(&id, version, &input))
        .await
}

/// Deletes an event and its agenda.
#[tauri::command]
pub async fn delete_event(state: State<'_, SharedState>, id: String) -> Result<(), CommandError> {
    state.run(move |store| store.delete_event(&id)).await
}

/// The agenda of an event, in time order.
#[tauri::command]
pub async fn list_sessions(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Vec<Session>, CommandError> {
    state.run(move |store| store.list_sessions(&event_id)).await
}

/// The agenda read model of an event: days, sessions with their speakers' names and
/// organisations, durations, conflicts and the default slots of new and duplicated sessions.
#[tauri::command]
pub async fn get_event_agenda(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<EventAgenda, CommandError> {
    state.run(move |store| store.event_agenda(&event_id)).await
}

/// Adds a session to an event.
#[tauri::command]
pub async fn create_session(
    state: State<'_, SharedState>,
    event_id: String,
    input: SessionInput,
) -> Result<Session, CommandError> {
    state
        .run(move |store| store.create_session(&event_id, &input))
        .await
}

/// Saves an edit of a session loaded at `version`.
#[tauri::command]
pub async fn update_session(
    state: State<'_, SharedState>,
    id: String,
    version: i64,
    input: SessionInput,
) -> Result<Session, CommandError> {
    state
        .run(move |store| store.update_session(&id, version, &input))
        .await
}

/// Deletes a session.
#[tauri::command]
pub async fn delete_session(state: State<'_, SharedState>, id: String) -> Result<(), CommandError> {
    state.run(move |store| store.delete_session(&id)).await
}

/// Overlapping sessions and double-booked speakers of an event.
#[tauri::command]
pub async fn list_session_conflicts(
    state: State<'_, SharedState>,
    event_id: String,
) -> Result<Vec<SessionConflict>, CommandError> {
    state
        .run(move |store| store.session_conflicts(&event_id))
        .await
}

/// Experts for a session, best fit first, each with the reasons they fit; `query` narrows.
#[tauri::command]
pub async fn suggest_speakers(
    state: State<'_, SharedState>,
    event_id: String,
    language: Option<String>,
    query: Option<String>,
) -> Result<Vec<SpeakerSuggestion>, CommandError> {
    let (language, query) = (language.unwrap_or_default(), query.unwrap_or_default());
    state
        .run(move |store| store.suggest_speakers(&event_id, &language, &query, 8))
        .await
}

/// The coherence findings of an event (the event page's « Vérification » panel, and the check
/// before printing); `language`, a partner language code, adds the untranslated texts.
#[tauri::command]
pub async fn event_coherence(
    state: State<'_, SharedState>,
    event_id: String,
    language: Option<String>,
) -> Result<Vec<Finding>, CommandError> {
    state
        .run(move |store| {
            let bilingual = language.as_deref().map(partner_language).transpose()?;
            store.coherence_of(&event_id, bilingual)
        })
        .await
}
