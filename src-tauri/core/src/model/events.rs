//! Events, their organisers and their agenda (sessions and speakers), the warnings about the
//! agenda, and the filters of the event search.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// The kind of event, as printed on the programme.
    EventKind {
        TrainingCourse => ("training_course", "Formation"),
        StudyVisit => ("study_visit", "Visite d'étude"),
        Seminar => ("seminar", "Séminaire"),
        Conference => ("conference", "Conférence"),
        Webinar => ("webinar", "Webinaire"),
        Workshop => ("workshop", "Atelier"),
        Exchange => ("exchange", "Échange"),
        CoProduction => ("co_production", "Coproduction"),
    }
);

coded_enum!(
    /// Where an event stands.
    EventStatus {
        Draft => ("draft", "Brouillon"),
        Planned => ("planned", "Prévu"),
        Confirmed => ("confirmed", "Confirmé"),
        Held => ("held", "Réalisé"),
        Cancelled => ("cancelled", "Annulé"),
    }
);

coded_enum!(
    /// The role an organisation plays in an event.
    OrganiserRole {
        Organiser => ("organiser", "Organisateur"),
        CoOrganiser => ("co_organiser", "Co-organisateur"),
        Partner => ("partner", "Partenaire"),
        Funder => ("funder", "Financeur"),
    }
);

coded_enum!(
    /// The kind of agenda item; breaks, meals and transfers do not count as training time.
    SessionKind {
        Talk => ("talk", "Intervention"),
        RoundTable => ("round_table", "Table ronde"),
        Workshop => ("workshop", "Atelier"),
        SiteVisit => ("site_visit", "Visite de site"),
        Welcome => ("welcome", "Accueil"),
        Break => ("break", "Pause"),
        Meal => ("meal", "Repas"),
        Transfer => ("transfer", "Transfert"),
    }
);

impl SessionKind {
    /// Whether the time of this session counts in the training duration.
    pub fn counts_as_training(self) -> bool {
        !matches!(
            self,
            SessionKind::Break | SessionKind::Meal | SessionKind::Transfer
        )
    }
}

coded_enum!(
    /// The role an expert plays in a session.
    SpeakerRole {
        Speaker => ("speaker", "Intervenant"),
        Moderator => ("moderator", "Modérateur"),
        Facilitator => ("facilitator", "Animateur"),
    }
);

/// An organisation involved in an event, with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventOrganiser {
    pub organisation_id: String,
    /// An [`OrganiserRole`] code.
    pub role: String,
}

/// A training course, study visit, seminar…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: EventInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventInput {
    pub code: String,
    pub title: String,
    pub subtitle: String,
    /// An [`EventKind`] code.
    pub kind: String,
    /// An [`EventStatus`] code.
    pub status: String,
    /// ISO dates (YYYY-MM-DD).
    pub start_date: String,
    pub end_date: String,
    pub venue: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub territory_id: Option<String>,
    pub organisers: Vec<EventOrganiser>,
    pub theme_ids: Vec<String>,
    pub target_profession_ids: Vec<String>,
    pub audience: String,
    pub objectives: Vec<String>,
    pub prerequisites: String,
    pub summary: String,
    pub teaching_methods: String,
    pub evaluation_methods: String,
    pub accessibility: String,
    pub accessibility_contact: String,
    pub price: String,
    pub access_terms: String,
    pub capacity: Option<i64>,
    /// ISO 639-1 codes of the languages of delivery.
    pub languages: Vec<String>,
    pub interpretation: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub notes: String,
    /// A [`PartnerLanguage`](super::PartnerLanguage) code, or empty: the language of
    /// `translation` and of the sessions' partner texts.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub partner_language: String,
    #[serde(skip_serializing_if = "super::EventTranslation::is_empty")]
    pub translation: super::EventTranslation,
    #[serde(skip_serializing_if = "super::Logistics::is_empty")]
    pub logistics: super::Logistics,
    /// The [`TrainingRequest`](super::TrainingRequest) this event answers, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One line of an event list or search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSummary {
    pub id: String,
    pub code: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub start_date: String,
    pub end_date: String,
    pub city: String,
    pub country: String,
    pub session_count: i64,
    pub updated_at: String,
}

/// An expert speaking in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSpeaker {
    pub expert_id: String,
    /// A [`SpeakerRole`] code.
    pub role: String,
}

/// The most conflicts of each kind `Store::session_conflicts` reports. The agenda shows them as
/// warnings beside their sessions; past a few dozen the list helps nobody, and an imported file
/// of thousands of simultaneous sessions would otherwise give millions of pairs. (The list has
/// no total: the agenda's summary then counts the warnings shown.)
pub const CONFLICTS_SHOWN: usize = 50;

/// A warning about the agenda, shown beside the sessions it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionConflict {
    /// "overlap" (two sessions of the event at the same time), "speakerBusy", or "holiday" (a
    /// national public holiday of a country of the event's territory; the other session is
    /// the session itself).
    pub kind: String,
    pub session_id: String,
    pub other_session_id: String,
    pub message: String,
}

/// An agenda item of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub event_id: String,
    #[serde(flatten)]
    pub data: SessionInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionInput {
    /// ISO date (YYYY-MM-DD).
    pub date: String,
    /// "HH:MM", 24-hour.
    pub start_time: String,
    pub end_time: String,
    pub title: String,
    pub description: String,
    /// A [`SessionKind`] code.
    pub kind: String,
    pub place: String,
    /// ISO 639-1 code, or empty.
    pub language: String,
    /// Speakers in the order they are printed.
    pub speakers: Vec<SessionSpeaker>,
    /// Title and description in the event's partner language; empty falls back to the French.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title_partner: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description_partner: String,
}

/// Filters of the event search; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventFilter {
    pub query: String,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub theme_id: Option<String>,
    pub territory_id: Option<String>,
    pub country: Option<String>,
    /// ISO dates: events that end on or after `from` and start on or before `to`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}
