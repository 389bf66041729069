//! The competences report as a file: read it (`Store::competences_report`), then render it as
//! PDF (`documents::competences`) or CSV (`exchange::competences_csv`), the format chosen by the
//! file's extension. Shared by the window's command and the command line.

use std::path::Path;

use crate::documents::competences::period_words;
use crate::documents::{render_competences_report, CompetencesReportOptions};
use crate::error::{CoreError, CoreResult};
use crate::exchange::competences_csv;
use crate::model::CompetencesReport;

/// The report's two formats ("pdf" and "csv" for the interface).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Csv,
}

impl ReportFormat {
    /// The format a file's extension names (.pdf or .csv, any case); anything else is refused
    /// before anything is read or written.
    pub fn from_path(path: &Path) -> CoreResult<ReportFormat> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("pdf") => Ok(ReportFormat::Pdf),
            Some("csv") => Ok(ReportFormat::Csv),
            _ => Err(CoreError::InvalidFile(format!(
                "Le fichier « {} » doit se terminer par .pdf (rapport imprimable) ou .csv (tableur) : c'est son extension qui choisit le format. Rien n'a été écrit.",
                path.display()
            ))),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Csv => "csv",
        }
    }
}

/// The report's bytes in `format`. Needs no store.
pub fn render_report(report: &CompetencesReport, format: ReportFormat) -> CoreResult<Vec<u8>> {
    Ok(match format {
        ReportFormat::Pdf => {
            render_competences_report(report, &CompetencesReportOptions::default())?
        }
        ReportFormat::Csv => competences_csv::export(report),
    })
}

/// The file name proposed when saving: "Évolution des compétences - Famille - de 2020 à
/// 2024.pdf".
pub fn report_file_name(report: &CompetencesReport, format: ReportFormat) -> String {
    let family = report.family_label.as_deref().unwrap_or("toutes familles");
    let period = period_words(report.filter.from_year, report.filter.to_year);
    let name = super::suggested_file_name("Évolution des compétences", family, &period);
    format!("{}.{}", name.trim_end_matches(".pdf"), format.extension())
}
