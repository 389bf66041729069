//! The partner-language texts of an event and of its sessions, and the practical details of a
//! study visit (meeting points, transport, accommodation, contacts, glossary) that the booklet
//! prints.
//!
//! Both are kept beside the French record rather than as records of their own: they are never
//! searched or linked on their own, are edited in the event's form, and travel with the event
//! in the exchange file. Empty ones are left out of the exchange file, so that a record without
//! them keeps the fingerprint it had before they existed.

use serde::{Deserialize, Serialize};

coded_enum!(
    /// The one partner language an event's texts can be given in, beside the French.
    PartnerLanguage {
        German => ("de", "allemand"),
        Italian => ("it", "italien"),
        Spanish => ("es", "espagnol"),
        Catalan => ("ca", "catalan"),
        Dutch => ("nl", "néerlandais"),
        Luxembourgish => ("lb", "luxembourgeois"),
        English => ("en", "anglais"),
    }
);

/// The texts of an event in its partner language; an empty one falls back to the French.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventTranslation {
    pub title: String,
    pub subtitle: String,
    pub audience: String,
    pub objectives: Vec<String>,
    pub prerequisites: String,
    pub summary: String,
    pub teaching_methods: String,
    pub evaluation_methods: String,
    pub accessibility: String,
    pub access_terms: String,
    pub price: String,
}

impl EventTranslation {
    pub fn is_empty(&self) -> bool {
        *self == EventTranslation::default()
    }
}

/// Where and when the group meets (« Rendez-vous à 8 h 15 devant la gare de Kehl »).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingPoint {
    /// ISO date (YYYY-MM-DD).
    pub date: String,
    /// "HH:MM", 24-hour.
    pub time: String,
    pub place: String,
    pub address: String,
    pub note: String,
}

/// A journey of the group: train, coach, tram, on foot…
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TransportLeg {
    pub date: String,
    pub departure_time: String,
    pub arrival_time: String,
    pub from: String,
    pub to: String,
    /// Free text: « TER », « car affrété », « tram D »…
    pub mode: String,
    /// Train number, booking reference…
    pub reference: String,
    pub note: String,
}

/// Where the group sleeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Accommodation {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// ISO dates of the first and the last night's morning.
    pub check_in: String,
    pub check_out: String,
    pub note: String,
}

/// Someone to call during the visit (organiser on site, coach driver, hotel desk…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LogisticsContact {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

/// A word of the visit's field in French and in the partner language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GlossaryEntry {
    pub french: String,
    pub partner: String,
}

/// The practical details of a study visit, printed in its booklet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Logistics {
    /// The booklet's welcome text.
    pub welcome: String,
    pub meeting_points: Vec<MeetingPoint>,
    pub transport_legs: Vec<TransportLeg>,
    pub accommodation: Vec<Accommodation>,
    pub contacts: Vec<LogisticsContact>,
    /// ISO 3166 codes of the countries crossed besides the event's own and its territory's
    /// (their emergency numbers are printed).
    pub countries: Vec<String>,
    pub glossary: Vec<GlossaryEntry>,
}

impl Logistics {
    pub fn is_empty(&self) -> bool {
        *self == Logistics::default()
    }
}
