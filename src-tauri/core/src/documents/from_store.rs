//! Fills [`ProgrammeData`] from the store: the event, its sessions, the experts who speak, the
//! organisations and the target professions, with codes turned into French labels.
//!
//! Language and country names are passed in (the catalogue of codes lives elsewhere); a code
//! with no label is printed as is.

use chrono::{NaiveDate, NaiveTime};

use super::programme::{
    ProgrammeData, ProgrammeOrganiser, ProgrammeSession, ProgrammeSpeaker, SessionSpeakerLine,
};
use crate::error::{CoreError, CoreResult};
use crate::model::{EventKind, OrganiserRole, SessionKind, SpeakerRole};
use crate::store::Store;

/// Turns ISO codes into the names printed on documents.
pub struct Labels<'a> {
    /// ISO 639-1 code → "allemand".
    pub language: &'a dyn Fn(&str) -> Option<String>,
    /// ISO 3166-1 alpha-2 code → "Allemagne".
    pub country: &'a dyn Fn(&str) -> Option<String>,
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim())
        .trim()
        .to_string()
}

/// Reads everything the programme of `event_id` prints. `version_date` is the programme's
/// version (today when `None`). Sessions whose date or times cannot be read are refused with a
/// message naming them.
pub fn programme_data(
    store: &Store,
    event_id: &str,
    version_date: Option<NaiveDate>,
    labels: &Labels,
) -> CoreResult<ProgrammeData> {
    let event = store.get_event(event_id)?;
    let e = &event.data;
    let label = |code: &str, f: &dyn Fn(&str) -> Option<String>| {
        f(code).unwrap_or_else(|| code.to_string())
    };

    let mut organisers = Vec::new();
    for o in &e.organisers {
        let org = store.get_organisation(&o.organisation_id)?;
        organisers.push(ProgrammeOrganiser {
            name: org.data.name.clone(),
            role: OrganiserRole::from_code(&o.role)
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
        });
    }
    let mut target_professions = Vec::new();
    for id in &e.target_profession_ids {
        target_professions.push(store.get_profession(id)?.data.title);
    }

    let mut sessions = Vec::new();
    let mut speakers: Vec<(String, ProgrammeSpeaker)> = Vec::new();
    for s in store.list_sessions(event_id)? {
        let d = &s.data;
        let unreadable = || {
            CoreError::Document(format!(
                "La séance « {} » a une date ou des horaires illisibles ({} {}–{}).",
                d.title, d.date, d.start_time, d.end_time
            ))
        };
        let date = parse_date(&d.date).ok_or_else(unreadable)?;
        let start = parse_time(&d.start_time).ok_or_else(unreadable)?;
        let end = parse_time(&d.end_time).unwrap_or(start);
        let mut lines = Vec::new();
        for sp in &d.speakers {
            let expert = store.get_expert(&sp.expert_id)?;
            let x = &expert.data;
            let organisation = expert.organisation_name.clone().unwrap_or_default();
            let name = full_name(&x.first_name, &x.last_name);
            let role = match SpeakerRole::from_code(&sp.role) {
                Some(SpeakerRole::Speaker) | None => String::new(),
                Some(r) => r.label().to_string(),
            };
            lines.push(SessionSpeakerLine {
                name: name.clone(),
                organisation: organisation.clone(),
                role,
            });
            if !speakers.iter().any(|(id, _)| *id == expert.meta.id) {
                speakers.push((
                    expert.meta.id.clone(),
                    ProgrammeSpeaker {
                        name,
                        job_title: x.job_title.clone(),
                        organisation,
                        bio: x.bio_fr.clone(),
                    },
                ));
            }
        }
        sessions.push(ProgrammeSession {
            date,
            start,
            end,
            title: d.title.clone(),
            description: d.description.clone(),
            kind: SessionKind::from_code(&d.kind).unwrap_or(SessionKind::Talk),
            place: d.place.clone(),
            speakers: lines,
        });
    }
    // Speakers in order of first appearance in the agenda.
    sessions.sort_by_key(|s| (s.date, s.start, s.end));

    Ok(ProgrammeData {
        code: e.code.clone(),
        title: e.title.clone(),
        subtitle: e.subtitle.clone(),
        kind: EventKind::from_code(&e.kind)
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        version_date,
        start_date: parse_date(&e.start_date),
        end_date: parse_date(&e.end_date),
        venue: e.venue.clone(),
        address: e.address.clone(),
        city: e.city.clone(),
        country: if e.country.trim().is_empty() {
            String::new()
        } else {
            label(&e.country, labels.country)
        },
        organisers,
        audience: e.audience.clone(),
        target_professions,
        prerequisites: e.prerequisites.clone(),
        objectives: e.objectives.clone(),
        summary: e.summary.clone(),
        teaching_methods: e.teaching_methods.clone(),
        evaluation_methods: e.evaluation_methods.clone(),
        access_terms: e.access_terms.clone(),
        price: e.price.clone(),
        accessibility: e.accessibility.clone(),
        accessibility_contact: e.accessibility_contact.clone(),
        languages: e
            .languages
            .iter()
            .map(|l| label(l, labels.language))
            .collect(),
        interpretation: e.interpretation.clone(),
        contact_name: e.contact_name.clone(),
        contact_email: e.contact_email.clone(),
        contact_phone: e.contact_phone.clone(),
        sessions,
        speakers: speakers.into_iter().map(|(_, s)| s).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_event_becomes_a_programme() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_with_reference(&dir.path().join("p.db")).expect("store");
        let id = crate::demo::add_demo(&mut store).expect("demo");
        let german = |c: &str| (c == "de").then(|| "allemand".to_string());
        let none = |_: &str| None;
        let labels = Labels {
            language: &german,
            country: &none,
        };
        let data = programme_data(&store, &id, NaiveDate::from_ymd_opt(2026, 2, 1), &labels)
            .expect("data");
        assert!(!data.title.is_empty());
        assert!(!data.sessions.is_empty());
        assert!(!data.speakers.is_empty());
        let pdf = super::super::render_programme(&data, &Default::default()).expect("pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
