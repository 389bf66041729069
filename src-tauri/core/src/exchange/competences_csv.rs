//! The competences report as CSV for Excel (`;`, UTF-8 with BOM, CRLF, French headers, formula
//! cells neutralised): one row per observation, in the report's order (family, then emerging
//! and growing competences first), each observation's years in order. Export only.

use super::text::CsvWriter;
use crate::model::{trend_label, CompetencesReport};

const HEADERS: &[&str] = &[
    "Famille",
    "Métier",
    "Code",
    "Compétence",
    "Année",
    "Tendance",
    "Niveau",
    "Source",
    "Notes",
];

/// The report as CSV bytes.
pub fn export(report: &CompetencesReport) -> Vec<u8> {
    let mut writer = CsvWriter::new();
    writer.record(HEADERS);
    for family in &report.families {
        for competence in &family.competences {
            for o in &competence.observations {
                writer.record(&[
                    family.label.as_str(),
                    &competence.profession_title,
                    &competence.profession_code,
                    &competence.label,
                    &o.year.to_string(),
                    trend_label(&o.trend),
                    &o.level,
                    &o.source,
                    &o.notes,
                ]);
            }
        }
    }
    writer.finish()
}
