//! Professions (métiers), their competences and the observations of how each evolves.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// How a competence is evolving, as observed in a given year.
    Trend {
        Emerging => ("emerging", "émergente"),
        Growing => ("growing", "en hausse"),
        Stable => ("stable", "stable"),
        Declining => ("declining", "en baisse"),
    }
);

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
