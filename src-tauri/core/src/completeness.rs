//! What a training programme must say before it is printed and sent (the items the programme
//! document carries, after the CNFPT / Qualiopi practice): the home view lists the upcoming
//! events that still lack some, so that nobody discovers it on the day of printing.

use serde::Serialize;

use crate::error::CoreResult;
use crate::model::Event;
use crate::Store;

/// An upcoming event whose programme lacks required items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncompleteProgramme {
    pub event_id: String,
    pub code: String,
    pub title: String,
    pub start_date: String,
    /// French names of the missing items, in the order of the form.
    pub missing: Vec<&'static str>,
}

/// The required items `event` (with `session_count` sessions) does not have yet.
pub fn missing_items(event: &Event, session_count: i64) -> Vec<&'static str> {
    missing_fields(event, session_count)
        .into_iter()
        .map(|(item, _)| item)
        .collect()
}

/// Like [`missing_items`], each with the event form's field (camelCase) where it is filled in,
/// the first one still blank when an item needs two; "sessions" for the agenda.
pub fn missing_fields(event: &Event, session_count: i64) -> Vec<(&'static str, &'static str)> {
    let d = &event.data;
    let blank = |text: &str| text.trim().is_empty();
    let first_blank = |a: (&'static str, &str), b: &'static str| if blank(a.1) { a.0 } else { b };
    let mut missing = Vec::new();
    if blank(&d.audience) {
        missing.push(("public visé", "audience"));
    }
    if d.objectives.iter().all(|o| blank(o)) {
        missing.push(("objectifs", "objectives"));
    }
    if blank(&d.prerequisites) {
        missing.push(("prérequis", "prerequisites"));
    }
    if blank(&d.teaching_methods) {
        missing.push(("méthodes pédagogiques", "teachingMethods"));
    }
    if blank(&d.evaluation_methods) {
        missing.push(("modalités d'évaluation", "evaluationMethods"));
    }
    if blank(&d.accessibility) || blank(&d.accessibility_contact) {
        let field = first_blank(("accessibility", &d.accessibility), "accessibilityContact");
        missing.push(("accessibilité et référent handicap", field));
    }
    if blank(&d.price) || blank(&d.access_terms) {
        missing.push((
            "tarif et modalités d'accès",
            first_blank(("price", &d.price), "accessTerms"),
        ));
    }
    if blank(&d.contact_name) || (blank(&d.contact_email) && blank(&d.contact_phone)) {
        let field = first_blank(("contactName", &d.contact_name), "contactEmail");
        missing.push(("contact", field));
    }
    if session_count == 0 {
        missing.push(("programme détaillé (aucune séquence)", "sessions"));
    }
    missing
}

impl Store {
    /// Upcoming events (ending on or after `today`, not cancelled) whose programme lacks
    /// required items, soonest first.
    pub fn incomplete_programmes(&self, today: &str) -> CoreResult<Vec<IncompleteProgramme>> {
        let mut found = Vec::new();
        for (event, session_count) in self.upcoming_events_with_session_counts(today)? {
            let missing = missing_items(&event, session_count);
            if !missing.is_empty() {
                found.push(IncompleteProgramme {
                    event_id: event.meta.id,
                    code: event.data.code,
                    title: event.data.title,
                    start_date: event.data.start_date,
                    missing,
                });
            }
        }
        Ok(found)
    }
}
