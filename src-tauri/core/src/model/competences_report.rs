//! The report on how competences evolve across professions: per family, the competences of
//! its professions with their observations in a period, the latest trend and where the
//! observations come from. Read by `Store::competences_report`, printed by
//! `documents::competences`, exported by `exchange::competences_csv`.

use serde::{Deserialize, Serialize};

use super::Trend;

/// Which part of the observations the report covers. Every field is optional: no family means
/// every family (and the professions without one), no year means no bound on that side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompetencesReportFilter {
    /// A family's id; the command line also accepts its label (accents and case ignored).
    pub family_id: Option<String>,
    pub from_year: Option<i64>,
    pub to_year: Option<i64>,
}

/// The report: families in order, each with its competences, and the counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetencesReport {
    /// The filter as applied (the family resolved to its id).
    pub filter: CompetencesReportFilter,
    /// The label of the filtered family, to print the filter in words.
    pub family_label: Option<String>,
    pub families: Vec<ReportFamily>,
    pub summary: ReportSummary,
}

/// A family of professions and its competences. Professions without a family are gathered
/// last under `id: None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportFamily {
    pub id: Option<String>,
    pub label: String,
    /// Emerging and growing first (by latest trend), then by profession and competence.
    pub competences: Vec<ReportCompetence>,
}

/// One competence of a profession with its observations in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportCompetence {
    pub profession_id: String,
    pub profession_title: String,
    pub profession_code: String,
    pub competence_id: String,
    pub label: String,
    /// Sorted by year (then by when they were recorded); never empty.
    pub observations: Vec<ReportObservation>,
    /// Trend code of the first observation in the period.
    pub first_trend: String,
    /// Trend code of the last observation in the period: the competence's current trend.
    pub latest_trend: String,
    /// Distinct non-empty sources, in order of first appearance.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportObservation {
    pub year: i64,
    pub trend: String,
    pub level: String,
    pub source: String,
    pub notes: String,
}

/// How many competences have each latest trend, and the report's size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportSummary {
    pub emerging: usize,
    pub growing: usize,
    pub stable: usize,
    pub declining: usize,
    pub professions: usize,
    pub competences: usize,
    pub observations: usize,
}

impl ReportSummary {
    /// `(trend, count)` in the report's order (emerging first).
    pub fn by_trend(&self) -> [(Trend, usize); 4] {
        [
            (Trend::Emerging, self.emerging),
            (Trend::Growing, self.growing),
            (Trend::Stable, self.stable),
            (Trend::Declining, self.declining),
        ]
    }
}

impl ReportCompetence {
    /// Sources joined for a cell: "Observatoire CNFPT ; Enquête 2024".
    pub fn sources_joined(&self) -> String {
        self.sources.join(" ; ")
    }
}

/// Rank of a trend code in the report's order: emerging, growing, stable, declining, then
/// anything unknown.
pub fn trend_rank(code: &str) -> usize {
    Trend::from_code(code)
        .and_then(|t| Trend::ALL.iter().position(|a| *a == t))
        .unwrap_or(Trend::ALL.len())
}

/// The French label of a trend code, or the code itself when unknown.
pub fn trend_label(code: &str) -> &str {
    Trend::from_code(code).map(Trend::label).unwrap_or(code)
}
