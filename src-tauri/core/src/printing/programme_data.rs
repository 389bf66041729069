//! Reads what the programme and the attendance sheets print, from the agenda read model plus
//! two queries (organisers, target professions), with codes turned into French labels.

use chrono::NaiveDate;

use crate::agenda::{parse_clock, parse_iso_date, AgendaSession, EventAgenda};
use crate::codes::catalogue;
use crate::documents::{
    ProgrammeData, ProgrammeOrganiser, ProgrammePartner, ProgrammeSession, ProgrammeSpeaker,
    SessionSpeakerLine,
};
use crate::error::{CoreError, CoreResult};
use crate::model::{Event, EventKind, OrganiserRole, PartnerLanguage, SessionKind, SpeakerRole};
use crate::store::Store;

/// Everything the programme of `event_id` prints. `version_date` is the programme's version
/// (today when `None`). Sessions whose date or start cannot be read are refused with a message
/// naming them.
pub fn programme_data(
    store: &Store,
    event_id: &str,
    version_date: Option<NaiveDate>,
) -> CoreResult<ProgrammeData> {
    programme_data_in(store, event_id, version_date, None)
}

/// The same, bilingual with `language` when it is given: the event's partner texts follow the
/// French. An event whose partner language is another one is refused (its texts would be
/// printed under the wrong labels); an event with none prints every text marked untranslated.
pub fn programme_data_in(
    store: &Store,
    event_id: &str,
    version_date: Option<NaiveDate>,
    language: Option<PartnerLanguage>,
) -> CoreResult<ProgrammeData> {
    Ok(programme_source(store, event_id, version_date, language)?.data)
}

/// What the programme was read from, kept for the documents that need more of it (the
/// booklet, a programme version) so that they do not read the event and its agenda again.
pub(crate) struct ProgrammeSource {
    pub event: Event,
    pub agenda: EventAgenda,
    pub data: ProgrammeData,
}

/// [`programme_data_in`], with the event and the agenda it was read from.
pub(crate) fn programme_source(
    store: &Store,
    event_id: &str,
    version_date: Option<NaiveDate>,
    language: Option<PartnerLanguage>,
) -> CoreResult<ProgrammeSource> {
    let event = store.get_event(event_id)?;
    let partner = match language {
        None => None,
        Some(language) => Some(partner_of(&event, language)?),
    };
    let agenda = store.agenda_of(&event)?;
    let organisers = store
        .event_organiser_names(event_id)?
        .into_iter()
        .map(|(name, role)| ProgrammeOrganiser {
            name,
            role: OrganiserRole::from_code(&role)
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
        })
        .collect();
    let partner_code = partner.as_ref().map(|p| p.language.code());
    let (sessions, speakers) = sessions_and_speakers(&agenda, partner_code)?;
    let mut data = event_fields(&event, version_date);
    data.partner = partner;
    data.organisers = organisers;
    data.target_professions = store.event_profession_titles(event_id)?;
    data.sessions = sessions;
    data.speakers = speakers;
    Ok(ProgrammeSource {
        event,
        agenda,
        data,
    })
}

fn partner_of(event: &Event, language: PartnerLanguage) -> CoreResult<ProgrammePartner> {
    let own = event.data.partner_language.as_str();
    if !own.is_empty() && own != language.code() {
        let own_label = PartnerLanguage::from_code(own).map_or(own, |l| l.label());
        return Err(CoreError::field(
            "language",
            format!(
                "Les textes traduits de cet événement sont en {own_label}, pas en {} : choisissez « {own} » ou changez la langue partenaire de l'événement.",
                language.label()
            ),
        ));
    }
    Ok(ProgrammePartner {
        language,
        texts: if own.is_empty() {
            Default::default()
        } else {
            event.data.translation.clone()
        },
    })
}

/// The sessions in time order, and the speakers in order of first appearance in the agenda
/// (with their biography in `partner_language` when they wrote one in it).
fn sessions_and_speakers(
    agenda: &EventAgenda,
    partner_language: Option<&str>,
) -> CoreResult<(Vec<ProgrammeSession>, Vec<ProgrammeSpeaker>)> {
    let mut sessions = Vec::new();
    let mut speakers: Vec<(&str, ProgrammeSpeaker)> = Vec::new();
    for item in agenda.sessions() {
        sessions.push(programme_session(item, partner_language.is_some())?);
        for speaker in &item.speaker_details {
            if !speakers.iter().any(|(id, _)| *id == speaker.expert_id) {
                speakers.push((
                    &speaker.expert_id,
                    ProgrammeSpeaker {
                        name: speaker.name.clone(),
                        job_title: speaker.job_title.clone(),
                        organisation: speaker.organisation.clone(),
                        bio: speaker.bio_fr.clone(),
                        bio_partner: match partner_language {
                            Some(code) if speaker.bio_other_language == code => {
                                speaker.bio_other.clone()
                            }
                            _ => String::new(),
                        },
                    },
                ));
            }
        }
    }
    sessions.sort_by_key(|s| (s.date, s.start, s.end));
    Ok((sessions, speakers.into_iter().map(|(_, s)| s).collect()))
}

pub(super) fn programme_session(
    item: &AgendaSession,
    bilingual: bool,
) -> CoreResult<ProgrammeSession> {
    let d = &item.session.data;
    let unreadable = || {
        CoreError::Document(format!(
            "La séance « {} » a une date ou des horaires illisibles ({} {}–{}).",
            d.title, d.date, d.start_time, d.end_time
        ))
    };
    let date = parse_iso_date(&d.date).ok_or_else(unreadable)?;
    let start = parse_clock(&d.start_time).ok_or_else(unreadable)?;
    let end = parse_clock(&d.end_time).unwrap_or(start);
    let speakers = item
        .speaker_details
        .iter()
        .map(|speaker| SessionSpeakerLine {
            name: speaker.name.clone(),
            organisation: speaker.organisation.clone(),
            role: match SpeakerRole::from_code(&speaker.role) {
                Some(SpeakerRole::Speaker) | None => String::new(),
                Some(role) => role.label().to_string(),
            },
        })
        .collect();
    Ok(ProgrammeSession {
        date,
        start,
        end,
        title: d.title.clone(),
        description: d.description.clone(),
        kind: SessionKind::from_code(&d.kind).unwrap_or(SessionKind::Talk),
        place: d.place.clone(),
        speakers,
        title_partner: if bilingual {
            d.title_partner.clone()
        } else {
            String::new()
        },
        description_partner: if bilingual {
            d.description_partner.clone()
        } else {
            String::new()
        },
    })
}

/// The event's own fields, codes as French labels (a code with no label is printed as is).
fn event_fields(event: &Event, version_date: Option<NaiveDate>) -> ProgrammeData {
    let e = &event.data;
    let codes = catalogue();
    let language = |code: &str| {
        codes
            .languages
            .iter()
            .find(|l| l.code == code)
            .map_or_else(|| code.to_string(), |l| l.label.to_string())
    };
    let country = match e.country.trim() {
        "" => String::new(),
        code => codes
            .countries
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.to_string(), |c| c.label.to_string()),
    };
    ProgrammeData {
        code: e.code.clone(),
        title: e.title.clone(),
        subtitle: e.subtitle.clone(),
        kind: EventKind::from_code(&e.kind)
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        version_date,
        version_number: None,
        partner: None,
        start_date: parse_iso_date(&e.start_date),
        end_date: parse_iso_date(&e.end_date),
        venue: e.venue.clone(),
        address: e.address.clone(),
        city: e.city.clone(),
        country,
        organisers: Vec::new(),
        audience: e.audience.clone(),
        target_professions: Vec::new(),
        prerequisites: e.prerequisites.clone(),
        objectives: e.objectives.clone(),
        summary: e.summary.clone(),
        teaching_methods: e.teaching_methods.clone(),
        evaluation_methods: e.evaluation_methods.clone(),
        access_terms: e.access_terms.clone(),
        price: e.price.clone(),
        accessibility: e.accessibility.clone(),
        accessibility_contact: e.accessibility_contact.clone(),
        languages: e.languages.iter().map(|l| language(l)).collect(),
        interpretation: e.interpretation.clone(),
        contact_name: e.contact_name.clone(),
        contact_email: e.contact_email.clone(),
        contact_phone: e.contact_phone.clone(),
        sessions: Vec::new(),
        speakers: Vec::new(),
        resources: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_event_becomes_a_programme() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_with_reference(&dir.path().join("p.db")).expect("store");
        let id = crate::demo::add_demo(&mut store).expect("demo");
        let data = programme_data(&store, &id, NaiveDate::from_ymd_opt(2026, 2, 1)).expect("data");
        assert!(!data.title.is_empty());
        assert!(!data.sessions.is_empty());
        assert!(!data.speakers.is_empty());
        assert!(
            data.languages.iter().all(|l| l.len() > 2),
            "{:?}",
            data.languages
        );
        let pdf = crate::documents::render_programme(&data, &Default::default()).expect("pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
