//! The rules of the merged result that concern participants: one e-mail address once per
//! event (the table's unique index — a raw constraint error otherwise), and attendance only
//! within its event's dates.

use std::collections::{HashMap, HashSet};

use super::resolve::final_view;
use super::Plan;
use crate::exchange::json::kinds::{Events, Kind, Participants};
use crate::exchange::json::problems::who;
use crate::exchange::json::shapes::{ParticipantContent, Record};
use crate::model::EventInput;
use crate::validation::{half_day_label, parse_date};

fn participant(record: &Record<ParticipantContent>) -> String {
    who(
        Participants::ENTITY_LABEL,
        &Participants::label(&record.content),
        &record.id,
    )
}

/// Problems of the participants once merged: `events` is every event as it will be, by id,
/// `events_changed` those the import writes.
pub(super) fn check_participants(
    plan: &Plan,
    take: &HashSet<&str>,
    events: &HashMap<&str, &Record<EventInput>>,
    events_changed: &HashSet<&str>,
    problems: &mut Vec<String>,
) {
    let (participants, changed) = final_view(&plan.plans.participants, take);
    let mut ordered: Vec<&Record<ParticipantContent>> = participants.values().copied().collect();
    ordered.sort_by(|a, b| a.id.cmp(&b.id));
    let mut emails: HashMap<(&str, String), &Record<ParticipantContent>> = HashMap::new();
    for record in ordered {
        let content = &record.content;
        let email = content.data.email.trim();
        if !email.is_empty() {
            let key = (content.event_id.as_str(), email.to_lowercase());
            if let Some(first) = emails.insert(key, record) {
                let event = events.get(content.event_id.as_str()).map_or_else(
                    || format!("d’identifiant {}", content.event_id),
                    |e| format!("« {} »", Events::label(&e.content)),
                );
                problems.push(format!(
                    "l’adresse e-mail « {email} » serait inscrite deux fois à l’événement {event} : {} et {}. Une personne ne s’inscrit qu’une fois : supprimez l’une des deux inscriptions ou corrigez son adresse, ici ou chez votre collègue, puis importez à nouveau.",
                    participant(first),
                    participant(record)
                ));
            }
        }
        if !changed.contains(record.id.as_str())
            && !events_changed.contains(content.event_id.as_str())
        {
            continue;
        }
        let Some(event) = events.get(content.event_id.as_str()) else {
            continue;
        };
        let (Some(start), Some(end)) = (
            parse_date(&event.content.start_date),
            parse_date(&event.content.end_date),
        ) else {
            continue;
        };
        for cell in &content.attendance {
            if parse_date(&cell.date).is_some_and(|date| date < start || date > end) {
                problems.push(format!(
                    "{} : la présence {} tomberait hors des dates de l’événement {}, du {} au {}.",
                    participant(record),
                    half_day_label(&cell.date, &cell.part),
                    who("Événement", &Events::label(&event.content), &event.id),
                    start.format("%d/%m/%Y"),
                    end.format("%d/%m/%Y")
                ));
            }
        }
    }
}
