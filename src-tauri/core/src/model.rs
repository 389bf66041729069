//! The domain types: what Passerelle keeps about organisations, territories, themes,
//! professions, experts, events and their sessions.
//!
//! Every stored record carries a stable UUID, its creation and update times and a `version`
//! that grows by one at each edit; an edit names the version it was based on so that a stale
//! edit can be refused instead of silently overwriting a colleague's change (optimistic
//! concurrency). Inputs (`*Input`) are what a form or an import sends; validation lives in
//! [`crate::validation`]. Everything that crosses to JavaScript is camelCase.

use serde::{Deserialize, Serialize};

/// Identity and bookkeeping shared by every stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordMeta {
    pub id: String,
    /// RFC 3339 UTC timestamps.
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

/// Declares a string-backed enumeration with its stored code and French label, so that the
/// database, the JSON sent to the interface and the printed documents agree on one spelling.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in the order the interface offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and exchanged in files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stored code; `None` for an unknown one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

coded_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        Mot => ("mot", "MOT"),
        CnfptHeadquarters => ("cnfpt_headquarters", "CNFPT – siège"),
        CnfptDelegation => ("cnfpt_delegation", "CNFPT – délégation régionale"),
        CnfptInset => ("cnfpt_inset", "CNFPT – INSET"),
        CnfptInet => ("cnfpt_inet", "CNFPT – INET"),
        LocalAuthority => ("local_authority", "Collectivité territoriale"),
        CrossBorderStructure => ("cross_border_structure", "Structure transfrontalière"),
        University => ("university", "Université"),
        ForeignPartner => ("foreign_partner", "Partenaire étranger"),
        Other => ("other", "Autre"),
    }
);

coded_enum!(
    /// What kind of area a territory is.
    TerritoryKind {
        LandBorder => ("land_border", "Frontière terrestre"),
        MaritimeBorder => ("maritime_border", "Frontière maritime"),
        CrossBorderArea => ("cross_border_area", "Espace transfrontalier"),
        Other => ("other", "Autre"),
    }
);

coded_enum!(
    /// Common European Framework of Reference levels, plus native speakers.
    LanguageLevel {
        A1 => ("A1", "A1"),
        A2 => ("A2", "A2"),
        B1 => ("B1", "B1"),
        B2 => ("B2", "B2"),
        C1 => ("C1", "C1"),
        C2 => ("C2", "C2"),
        Native => ("native", "langue maternelle"),
    }
);

impl LanguageLevel {
    /// Rank used by "minimum level" filters: A1 = 1 … C2 = 6, native = 7.
    pub fn rank(self) -> i64 {
        match self {
            LanguageLevel::A1 => 1,
            LanguageLevel::A2 => 2,
            LanguageLevel::B1 => 3,
            LanguageLevel::B2 => 4,
            LanguageLevel::C1 => 5,
            LanguageLevel::C2 => 6,
            LanguageLevel::Native => 7,
        }
    }
}

coded_enum!(
    /// How a competence is evolving, as observed in a given year.
    Trend {
        Emerging => ("emerging", "émergente"),
        Growing => ("growing", "en hausse"),
        Stable => ("stable", "stable"),
        Declining => ("declining", "en baisse"),
    }
);

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

// ---------------------------------------------------------------------------------------------
// Reference entities

/// A body: MOT, CNFPT structures, local authorities, cross-border structures, partners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: OrganisationInput,
    /// Key of the reference row this record came from, if any.
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrganisationInput {
    pub name: String,
    pub acronym: String,
    /// An [`OrganisationKind`] code.
    pub kind: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub city: String,
    pub address: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

/// A border or a cross-border area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Territory {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: TerritoryInput,
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TerritoryInput {
    pub name: String,
    /// A [`TerritoryKind`] code.
    pub kind: String,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub notes: String,
}

/// A theme of cross-border cooperation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Theme {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: ThemeInput,
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeInput {
    pub label: String,
    pub label_en: String,
}

/// A family of professions (famille de métiers, or a CNFPT "champ d'action publique locale").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfessionFamily {
    pub id: String,
    pub label: String,
    pub level: String,
    pub reference_key: Option<String>,
}

/// An Interreg programme, shipped as read-only reference data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InterregProgramme {
    pub id: String,
    pub name: String,
    pub period: String,
    pub kind: String,
    pub french_perimeter: String,
    pub notes: String,
    pub reference_key: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Professions and competences

/// A profession (métier) with its competences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profession {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: ProfessionInput,
    pub family_label: Option<String>,
    pub reference_key: Option<String>,
    pub competences: Vec<Competence>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfessionInput {
    pub title: String,
    pub family_id: Option<String>,
    /// Code in the CNFPT directory, where it has one.
    pub code: String,
    pub description: String,
}

/// A competence of a profession, with the observations of how it evolves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Competence {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub profession_id: String,
    #[serde(flatten)]
    pub data: CompetenceInput,
    pub observations: Vec<CompetenceObservation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompetenceInput {
    pub label: String,
    pub description: String,
}

/// One observation of a competence's evolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetenceObservation {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub competence_id: String,
    #[serde(flatten)]
    pub data: ObservationInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObservationInput {
    pub year: i64,
    /// A [`Trend`] code.
    pub trend: String,
    /// Required level, free text (e.g. "maîtrise", "expertise").
    pub level: String,
    pub source: String,
    pub notes: String,
}

// ---------------------------------------------------------------------------------------------
// Experts

/// A language an expert speaks, with a CEFR level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageSkill {
    /// ISO 639-1 code ("de", "en"…).
    pub language: String,
    /// A [`LanguageLevel`] code.
    pub level: String,
}

/// A person of the expert network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Expert {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: ExpertInput,
    /// Name of the linked organisation, for display.
    pub organisation_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpertInput {
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub organisation_id: Option<String>,
    pub country: String,
    pub city: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<LanguageSkill>,
    pub theme_ids: Vec<String>,
    pub territory_ids: Vec<String>,
    pub profession_ids: Vec<String>,
    pub bio_fr: String,
    pub bio_other: String,
    /// ISO 639-1 code of `bio_other`.
    pub bio_other_language: String,
    pub keywords: String,
    pub availability: String,
    pub fees: String,
    /// ISO date (YYYY-MM-DD) of the consent to be kept in the directory (GDPR).
    pub consent_date: String,
    pub consent_source: String,
    pub review_date: String,
    pub notes: String,
}

/// One line of an expert list or search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpertSummary {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub organisation_name: Option<String>,
    pub country: String,
    pub city: String,
    pub email: String,
    /// e.g. "de:C1, en:B2".
    pub languages: String,
    pub updated_at: String,
}

// ---------------------------------------------------------------------------------------------
// Events and sessions

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
}

// ---------------------------------------------------------------------------------------------
// Search

/// Filters of the expert search; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpertFilter {
    /// Full-text query: accent- and case-insensitive, each word matched as a prefix.
    pub query: String,
    pub theme_id: Option<String>,
    pub territory_id: Option<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// Minimum [`LanguageLevel`] code for `language`.
    pub min_level: Option<String>,
    pub country: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
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

/// A page of results with the total count matching the filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// An expert proposed as a speaker for a session, with why they fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerSuggestion {
    pub expert: ExpertSummary,
    /// Higher fits better: shared themes count twice, the event's territory twice, the
    /// session's language once.
    pub score: i64,
    /// French sentences, e.g. "2 thématiques en commun : Santé, Mobilité".
    pub reasons: Vec<String>,
}

/// One hit of the global search box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// "expert", "event" or "profession".
    pub entity: String,
    pub id: String,
    pub title: String,
    pub detail: String,
}

/// Counts shown on the home view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub organisations: i64,
    pub territories: i64,
    pub themes: i64,
    pub professions: i64,
    pub experts: i64,
    pub events: i64,
    pub sessions: i64,
    pub interreg_programmes: i64,
}
