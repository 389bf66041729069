//! Participants of events, linked to their event and a profession, with when they entered
//! their status, whether they were anonymised, and their attendance inside.

use std::collections::HashSet;

use super::{Kind, Participants};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::exchange::json::links::{IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{
    meta_of, record_of, AttendanceCell, Lists, ParticipantContent, Record,
};
use crate::model::*;
use crate::store::snapshot::{ExchangedParticipant, ReferenceTable, Snapshot};
use crate::validation::{check_attendance_entries, check_participant, half_day_label};

impl Kind for Participants {
    const REFERENCE_LINKS: bool = true;
    type Content = ParticipantContent;
    type Model = ExchangedParticipant;
    const LIST: &'static str = "participants";
    const TABLE: &'static str = "participants";
    const ENTITY: &'static str = "participant";
    const ENTITY_LABEL: &'static str = "Participant";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("eventId", "Événement"),
        ("firstName", "Prénom"),
        ("lastName", "Nom"),
        ("email", "Adresse e-mail"),
        ("phone", "Téléphone"),
        ("employer", "Employeur"),
        ("jobTitle", "Fonction"),
        ("professionId", "Métier"),
        ("status", "Statut d'inscription"),
        ("specialNeeds", "Besoins particuliers"),
        ("notes", "Notes"),
        ("statusSince", "Date du statut"),
        ("anonymised", "Anonymisation"),
        ("attendance", "Présences"),
    ];
    fn label(c: &Self::Content) -> String {
        let name = format!("{} {}", c.data.first_name.trim(), c.data.last_name.trim());
        match name.trim() {
            "" if c.anonymised => "participant anonymisé".to_string(),
            "" => c.data.email.trim().to_string(),
            name => name.to_string(),
        }
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        let mut fields = Vec::new();
        let mut add = |result: CoreResult<()>| {
            if let Err(error) = result {
                fields.extend(error.fields());
            }
        };
        add(check_participant(&c.data, c.anonymised));
        let entries: Vec<AttendanceEntry> = c
            .attendance
            .iter()
            .map(|cell| AttendanceEntry {
                participant_id: String::new(),
                date: cell.date.clone(),
                part: cell.part.clone(),
                mark: cell.mark.clone(),
            })
            .collect();
        add(check_attendance_entries(&entries));
        if chrono::DateTime::parse_from_rfc3339(&c.status_since).is_err() {
            fields.push(FieldError {
                field: "statusSince".into(),
                message: "« statusSince » n’est pas une date et heure valide (RFC 3339).".into(),
            });
        }
        let mut seen = HashSet::new();
        for (i, cell) in c.attendance.iter().enumerate() {
            if !seen.insert((&cell.date, &cell.part)) {
                fields.push(FieldError {
                    field: format!("attendance.{i}"),
                    message: format!(
                        "Présence {} : notée deux fois.",
                        half_day_label(&cell.date, &cell.part)
                    ),
                });
            }
        }
        if fields.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation { fields })
        }
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let mut links = vec![(Target::Events, c.event_id.as_str(), "Événement")];
        if let Some(id) = &c.data.profession_id {
            links.push((Target::Professions, id.as_str(), "Métier"));
        }
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        if let Some(id) = &mut c.data.profession_id {
            maps.map(Target::Professions, id);
        }
        // The database gives the attendance back by date and half-day.
        c.attendance.sort();
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.participants
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.participants
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        let p = m.participant;
        let content = ParticipantContent {
            event_id: p.event_id,
            data: p.data,
            status_since: m.status_since,
            anonymised: p.anonymised,
            attendance: m
                .attendance
                .into_iter()
                .map(|e| AttendanceCell {
                    date: e.date,
                    part: e.part,
                    mark: e.mark,
                })
                .collect(),
        };
        record_of(p.meta, None, content)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        let meta = meta_of(&r);
        let c = r.content;
        ExchangedParticipant {
            attendance: c
                .attendance
                .into_iter()
                .map(|cell| AttendanceEntry {
                    participant_id: meta.id.clone(),
                    date: cell.date,
                    part: cell.part,
                    mark: cell.mark,
                })
                .collect(),
            participant: Participant {
                meta,
                event_id: c.event_id,
                data: c.data,
                anonymised: c.anonymised,
            },
            status_since: c.status_since,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.participants
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.participants
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.participants
    }
}
