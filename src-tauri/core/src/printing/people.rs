//! Printing the documents about an event's people: convocations, certificats de réalisation,
//! attestations de présence, badges, table cards and a speaker's mission letter. Reads the
//! event's programme data, its participants and their recorded attendance, then hands them to
//! the renderers of [`crate::documents::participants`].
//!
//! Who is printed: the participants who hold a seat (registered or confirmed), not those
//! pre-registered, waiting or cancelled, nor anonymised records (they have no name left).
//! Badges and table cards add the event's speakers after the participants.

use crate::documents::participants::badges::{
    render_badges, render_table_cards, Badge, BadgeOptions, BadgeRole,
};
use crate::documents::participants::certificate::{
    render_certificates, render_certificates_each, CertificateKind, CertificateOptions,
};
use crate::documents::participants::convocation::{
    render_convocations, render_convocations_each, ConvocationOptions,
};
use crate::documents::participants::mission::{
    mission_file_name, render_mission_letter, MissionOptions,
};
use crate::documents::participants::{Attendance, Attendee, Person, PersonalPdf, Signatory};
use crate::documents::{DocumentError, ProgrammeData};
use crate::error::{CoreError, CoreResult};
use crate::model::{Participant, ParticipantStatus};
use crate::store::Store;

use super::programme_data::programme_source;
use super::suggested_file_name;

/// Which document about the event's people to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleDocument {
    Convocations,
    Certificates,
    Attestations,
    Badges,
    TableCards,
}

impl PeopleDocument {
    /// The document named by the interface and the command line ("convocations",
    /// "certificats", "attestations", "badges", "chevalets"); a French message otherwise.
    pub fn from_code(code: &str) -> CoreResult<PeopleDocument> {
        Ok(match code.trim() {
            "convocations" => PeopleDocument::Convocations,
            "certificats" => PeopleDocument::Certificates,
            "attestations" => PeopleDocument::Attestations,
            "badges" => PeopleDocument::Badges,
            "chevalets" => PeopleDocument::TableCards,
            other => {
                return Err(CoreError::field(
                    "document",
                    format!("Document inconnu : « {other} ». Choisissez convocations, certificats, attestations, badges ou chevalets."),
                ))
            }
        })
    }

    fn file_prefix(self) -> &'static str {
        match self {
            PeopleDocument::Convocations => "Convocations",
            PeopleDocument::Certificates => "Certificats de réalisation",
            PeopleDocument::Attestations => "Attestations de présence",
            PeopleDocument::Badges => "Badges",
            PeopleDocument::TableCards => "Chevalets",
        }
    }
}

/// A document about people, read and ready to render.
#[derive(Debug, Clone)]
pub struct PeopleJob {
    pub document: PeopleDocument,
    pub data: ProgrammeData,
    pub attendees: Vec<Attendee>,
    /// The speakers, for badges and table cards.
    pub speakers: Vec<Person>,
    /// Signs the certificates and convocations: the event's contact person.
    pub signatory: Signatory,
}

impl PeopleJob {
    /// Reads what `document` prints for `event_id`.
    pub fn read(store: &Store, event_id: &str, document: PeopleDocument) -> CoreResult<PeopleJob> {
        let source = programme_source(store, event_id, None, None)?;
        let attendance = store.attendance_of(event_id)?;
        let attendees = seated(store.participants_of(event_id)?)
            .map(|p| Attendee {
                attendance: attendance
                    .iter()
                    .filter(|a| a.participant_id == p.meta.id)
                    .filter_map(Attendance::from_entry)
                    .collect(),
                person: person_of(&p),
            })
            .collect();
        let mut speakers = Vec::new();
        for item in source.agenda.sessions() {
            for speaker in &item.speaker_details {
                if !speakers.iter().any(|(id, _)| *id == speaker.expert_id) {
                    let expert = store.get_expert(&speaker.expert_id)?;
                    let mut person = Person::new(
                        &expert.data.first_name,
                        &expert.data.last_name,
                        &speaker.organisation,
                    );
                    person.job_title = speaker.job_title.clone();
                    speakers.push((speaker.expert_id.clone(), person));
                }
            }
        }
        Ok(PeopleJob {
            document,
            signatory: Signatory {
                name: source.event.data.contact_name.clone(),
                title: String::new(),
            },
            data: source.data,
            attendees,
            speakers: speakers.into_iter().map(|(_, p)| p).collect(),
        })
    }

    /// The PDF bytes. Needs no store.
    pub fn render(&self) -> CoreResult<Vec<u8>> {
        let people = || self.attendees.iter().map(|a| a.person.clone());
        let certificate = |kind| {
            let options = CertificateOptions {
                signatory: self.signatory.clone(),
                ..CertificateOptions::default()
            };
            render_certificates(&self.data, &self.attendees, &options, kind)
        };
        let cards = || -> Vec<Badge> {
            let participants = people().map(|person| Badge {
                person,
                role: BadgeRole::Participant,
            });
            let speakers = self.speakers.iter().map(|person| Badge {
                person: person.clone(),
                role: BadgeRole::Speaker,
            });
            participants.chain(speakers).collect()
        };
        Ok(match self.document {
            PeopleDocument::Convocations => {
                let options = ConvocationOptions {
                    signatory: self.signatory.clone(),
                    ..ConvocationOptions::default()
                };
                render_convocations(&self.data, &people().collect::<Vec<_>>(), &options)?
            }
            PeopleDocument::Certificates => certificate(CertificateKind::Completion)?,
            PeopleDocument::Attestations => certificate(CertificateKind::Presence)?,
            PeopleDocument::Badges => nonempty(cards())
                .and_then(|c| render_badges(&self.data, &c, &BadgeOptions::default()))?,
            PeopleDocument::TableCards => nonempty(cards())
                .and_then(|c| render_table_cards(&self.data, &c, &BadgeOptions::default()))?,
        })
    }

    /// One PDF per person ("Convocation - CODE - Marie Dupont.pdf"…), for the convocations,
    /// certificates and attestations; a French message for the other documents.
    pub fn render_each(&self) -> CoreResult<Vec<PersonalPdf>> {
        let certificates = |kind| {
            let options = CertificateOptions {
                signatory: self.signatory.clone(),
                ..CertificateOptions::default()
            };
            render_certificates_each(&self.data, &self.attendees, &options, kind)
        };
        Ok(match self.document {
            PeopleDocument::Convocations => {
                let options = ConvocationOptions {
                    signatory: self.signatory.clone(),
                    ..ConvocationOptions::default()
                };
                let people: Vec<Person> = self.attendees.iter().map(|a| a.person.clone()).collect();
                render_convocations_each(&self.data, &people, &options)?
            }
            PeopleDocument::Certificates => certificates(CertificateKind::Completion)?,
            PeopleDocument::Attestations => certificates(CertificateKind::Presence)?,
            PeopleDocument::Badges | PeopleDocument::TableCards => {
                return Err(CoreError::field(
                    "document",
                    "Un fichier par personne n'existe que pour les convocations, les certificats et les attestations.",
                ))
            }
        })
    }

    /// "Certificats de réalisation - CODE - Title.pdf".
    pub fn file_name(&self) -> String {
        suggested_file_name(
            self.document.file_prefix(),
            &self.data.code,
            &self.data.title,
        )
    }
}

/// A speaker's mission letter, read and ready to render.
#[derive(Debug, Clone)]
pub struct MissionJob {
    pub data: ProgrammeData,
    pub speaker: Person,
    pub signatory: Signatory,
}

impl MissionJob {
    /// Reads the event and the expert `expert_id`.
    pub fn read(store: &Store, event_id: &str, expert_id: &str) -> CoreResult<MissionJob> {
        let source = programme_source(store, event_id, None, None)?;
        let expert = store.get_expert(expert_id)?;
        let organisation = source
            .agenda
            .sessions()
            .flat_map(|s| s.speaker_details.iter())
            .find(|s| s.expert_id == expert_id)
            .map(|s| s.organisation.clone())
            .unwrap_or_default();
        let mut speaker = Person::new(
            &expert.data.first_name,
            &expert.data.last_name,
            &organisation,
        );
        speaker.job_title = expert.data.job_title.clone();
        Ok(MissionJob {
            signatory: Signatory {
                name: source.event.data.contact_name.clone(),
                title: String::new(),
            },
            data: source.data,
            speaker,
        })
    }

    pub fn render(&self) -> CoreResult<Vec<u8>> {
        let options = MissionOptions {
            signatory: self.signatory.clone(),
            ..MissionOptions::default()
        };
        Ok(render_mission_letter(&self.data, &self.speaker, &options)?)
    }

    /// "Lettre de mission - CODE - Anna Keller.pdf".
    pub fn file_name(&self) -> String {
        mission_file_name(&self.data, &self.speaker)
    }
}

/// The participants printed on the sheets and letters: those who hold a seat, by name.
pub(super) fn seated(list: Vec<Participant>) -> impl Iterator<Item = Participant> {
    list.into_iter().filter(|p| {
        !p.anonymised
            && ParticipantStatus::from_code(&p.data.status)
                .is_some_and(ParticipantStatus::takes_seat)
    })
}

pub(super) fn person_of(p: &Participant) -> Person {
    let mut person = Person::new(&p.data.first_name, &p.data.last_name, &p.data.employer);
    person.job_title = p.data.job_title.clone();
    person
}

fn nonempty(cards: Vec<Badge>) -> Result<Vec<Badge>, DocumentError> {
    if cards.is_empty() {
        Err(DocumentError::NoParticipant)
    } else {
        Ok(cards)
    }
}
