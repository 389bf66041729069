//! Experts of the network: who they are, the languages they speak, what they know, their
//! consent to be kept in the directory; the filters of their search and speaker suggestions.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

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
