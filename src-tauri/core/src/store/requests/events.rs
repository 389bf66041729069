//! A request's events: an event may name a request that exists; linking one moves the
//! request to « Programmée »; the events answering a request; the event form prefilled from it.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{append_change, current_status, default_author};
use crate::error::CoreResult;
use crate::model::*;
use crate::store::{check_ids_exist, now, Store};

/// Moves the request an event was just linked to to « Programmée », if it was earlier in the
/// ordinary flow (received … accepted). A request already held, declined or dropped is left
/// as it is: those are someone's decisions, not a step the event completes.
pub(crate) fn mark_scheduled(
    tx: &Transaction,
    request_id: Option<&str>,
    event_code: &str,
) -> CoreResult<()> {
    let Some(id) = request_id else {
        return Ok(());
    };
    let Some(status) = current_status(tx, id)? else {
        return Ok(());
    };
    let scheduled = RequestStatus::Scheduled;
    let earlier = RequestStatus::from_code(&status)
        .and_then(RequestStatus::flow_rank)
        .is_some_and(|rank| Some(rank) < scheduled.flow_rank());
    if !earlier {
        return Ok(());
    }
    let at = now();
    tx.prepare_cached(
        "UPDATE training_requests SET status = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
    )?
    .execute(params![id, scheduled.code(), at])?;
    let change = RequestStatusChange {
        at,
        status: scheduled.code().into(),
        by: default_author(),
        reason: format!("Événement {} créé pour cette demande.", event_code.trim()),
    };
    append_change(tx, id, &change)
}

/// Whether saving event `event_id` with `request_id` links it to a request it did not answer
/// before (read before the event's row is written).
pub(crate) fn links_anew(
    tx: &Transaction,
    event_id: &str,
    request_id: Option<&str>,
) -> CoreResult<bool> {
    let Some(request_id) = request_id else {
        return Ok(false);
    };
    let before: Option<Option<String>> = tx
        .query_row(
            "SELECT request_id FROM events WHERE id = ?1",
            [event_id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(before.flatten().as_deref() != Some(request_id))
}

/// An event may name a request only if it exists (the store's part of the event's checks).
pub(crate) fn check_request_exists(tx: &Transaction, request_id: Option<&str>) -> CoreResult<()> {
    if let Some(id) = request_id {
        check_ids_exist(
            tx,
            "training_requests",
            &[id.to_string()],
            "requestId",
            "La demande",
        )?;
    }
    Ok(())
}

/// The summary's columns, then the words searched (title, project, need).
impl Store {
    /// The events answering a request, by date.
    pub fn request_events(&self, id: &str) -> CoreResult<Vec<EventSummary>> {
        self.list_event_summaries(
            "WHERE ev.request_id = ?1 ORDER BY ev.start_date, ev.code",
            &[Value::Text(id.into())],
        )
    }

    /// An event form filled from the request: title, kind (from the format wished), themes,
    /// territory, audience, target professions, languages, expected participants as capacity,
    /// organisers (the handlers as organisers, the requesters as partners) and the link to the
    /// request. Dates and code are left for the user; nothing is written.
    pub fn prefill_event_from_request(&self, id: &str) -> CoreResult<EventInput> {
        let request = self.get_request(id)?;
        let d = request.data;
        let kind = match RequestFormat::from_code(&d.format) {
            Some(RequestFormat::Course) => EventKind::TrainingCourse.code(),
            Some(RequestFormat::StudyVisit) => EventKind::StudyVisit.code(),
            Some(RequestFormat::Webinar) => EventKind::Webinar.code(),
            Some(RequestFormat::Seminar) => EventKind::Seminar.code(),
            Some(RequestFormat::Workshop) => EventKind::Workshop.code(),
            Some(RequestFormat::Other) | None => "",
        };
        let organiser = |role: OrganiserRole| {
            move |organisation_id: String| EventOrganiser {
                organisation_id,
                role: role.code().into(),
            }
        };
        let organisers = (d
            .handler_ids
            .into_iter()
            .map(organiser(OrganiserRole::Organiser)))
        .chain(
            d.requester_ids
                .into_iter()
                .map(organiser(OrganiserRole::Partner)),
        )
        .collect();
        Ok(EventInput {
            title: d.title,
            kind: kind.into(),
            status: EventStatus::Draft.code().into(),
            territory_id: d.territory_id,
            organisers,
            theme_ids: d.theme_ids,
            target_profession_ids: d.target_profession_ids,
            audience: d.audience,
            capacity: d.expected_participants,
            languages: d.languages,
            request_id: Some(request.meta.id),
            ..Default::default()
        })
    }
}
