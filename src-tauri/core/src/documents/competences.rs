//! The report « Évolution des compétences des métiers »: an A4 PDF with the filters in words,
//! the counts per current trend, then per family a table of its competences (emerging and
//! growing first, as the report orders them): profession, competence, the trend of each year
//! of the period, current trend and sources. A family whose table continues on the next page
//! repeats its heading and the table header, like the programme's agenda days.

use chrono::{DateTime, Utc};

use super::fonts::font_set;
use super::layout::{
    Chunk, Flow, Layout, PageSetup, Paginated, Para, Span, Table, TextStyle, ACCENT, MM, MUTED,
    PALE, RULE, TEXT,
};
use super::pdf::{write_pdf, PdfInfo};
use super::programme::Styles;
use super::typography::french;
use super::DocumentError;
use crate::model::{trend_label, trend_rank, CompetencesReport, ReportCompetence, Trend};

/// The document's title, also its PDF title.
pub const REPORT_TITLE: &str = "Évolution des compétences des métiers";

/// What to print besides the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompetencesReportOptions {
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
}

/// The period in words: « de 2020 à 2024 », « depuis 2020 », « jusqu'en 2024 », « toutes les
/// années ».
pub fn period_words(from: Option<i64>, to: Option<i64>) -> String {
    match (from, to) {
        (Some(from), Some(to)) if from == to => format!("année {from}"),
        (Some(from), Some(to)) => format!("de {from} à {to}"),
        (Some(from), None) => format!("depuis {from}"),
        (None, Some(to)) => format!("jusqu'en {to}"),
        (None, None) => "toutes les années".to_string(),
    }
}

/// The years of a competence's trends, consecutive observations of the same trend merged:
/// « 2022–2023 : émergente · 2024 : en hausse ».
pub fn trend_history(competence: &ReportCompetence) -> String {
    use std::fmt::Write;
    let mut history = String::new();
    let mut observations = competence.observations.iter().peekable();
    while let Some(first) = observations.next() {
        let mut last = first;
        while let Some(next) = observations.next_if(|o| o.trend == first.trend) {
            last = next;
        }
        if !history.is_empty() {
            history.push_str(" · ");
        }
        // Writing to a String cannot fail.
        let _ = if first.year == last.year {
            write!(history, "{}", first.year)
        } else {
            write!(history, "{}–{}", first.year, last.year)
        };
        history.push_str("\u{a0}: ");
        history.push_str(trend_label(&first.trend));
    }
    history
}

/// The counts per current trend in words: « 3 émergentes · 4 en hausse · 2 stables · 1 en
/// baisse ».
fn summary_words(report: &CompetencesReport) -> String {
    report
        .summary
        .by_trend()
        .iter()
        .map(|(trend, n)| {
            let label = match (trend, *n > 1) {
                (Trend::Emerging, true) => "émergentes",
                (Trend::Stable, true) => "stables",
                _ => trend.label(),
            };
            format!("{n} {label}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The key facts of the report: filters and counts.
fn facts(report: &CompetencesReport) -> Vec<(&'static str, String)> {
    let family = report
        .family_label
        .as_ref()
        .map(|l| format!("« {} »", l.trim()))
        .unwrap_or_else(|| "toutes les familles".to_string());
    let s = &report.summary;
    vec![
        ("Famille", family),
        (
            "Période",
            period_words(report.filter.from_year, report.filter.to_year),
        ),
        (
            "Contenu",
            format!(
                "{} métier(s), {} compétence(s), {} observation(s)",
                s.professions, s.competences, s.observations
            ),
        ),
        ("Tendances actuelles", summary_words(report)),
    ]
}

/// The layout, styles and tables of the report.
struct Report<'f> {
    layout: Layout<'f>,
    styles: Styles,
    cell: TextStyle,
    header: TextStyle,
    facts_table: Table,
    table: Table,
}

/// Reports of fewer rows than this per thread are laid out on the calling thread.
const ROWS_PER_THREAD: usize = 200;

const HEADERS: [&str; 5] = [
    "Métier",
    "Compétence",
    "Évolution par année",
    "Tendance actuelle",
    "Sources",
];

impl<'f> Report<'f> {
    fn new(layout: Layout<'f>) -> Report<'f> {
        let w = layout.page.body_width();
        let fixed = [0.2 * w, 0.22 * w, 0.13 * w, 0.17 * w];
        let table = Table {
            columns: vec![
                fixed[0],
                fixed[1],
                w - fixed.iter().sum::<f32>(),
                fixed[2],
                fixed[3],
            ],
            padding: 3.0,
            grid: false,
            rule: Some(RULE),
            fill: None,
            accent: None,
            min_row_height: 0.0,
        };
        let facts_table = Table {
            columns: vec![36.0 * MM, w - 36.0 * MM],
            padding: 3.5,
            grid: false,
            rule: None,
            fill: Some(PALE),
            accent: Some(ACCENT),
            min_row_height: 0.0,
        };
        Report {
            layout,
            styles: Styles::new(),
            cell: TextStyle::new(8.5, TEXT),
            header: TextStyle::new(8.0, MUTED),
            facts_table,
            table,
        }
    }

    fn title(&self, flow: &mut Flow, report: &CompetencesReport) {
        let layout = &self.layout;
        flow.push(layout.paragraph(&[Span::bold("RAPPORT D'ÉVOLUTION")], self.styles.kind, 0.0));
        flow.push(layout.paragraph(&[Span::bold(REPORT_TITLE)], self.styles.title, 0.0));
        flow.push([layout.spacer(6.0)]);
        for (k, v) in facts(report) {
            flow.push(layout.table_row(
                &self.facts_table,
                &[
                    vec![Para::new(vec![Span::bold(k)], TextStyle::new(9.0, ACCENT))],
                    vec![Para::new(vec![Span::regular(french(&v))], self.cell)],
                ],
            ));
        }
    }

    /// A family's heading and table; both repeat when the table continues on the next page.
    fn family(&self, flow: &mut Flow, label: &str, rows: impl Iterator<Item = Vec<Chunk>>) {
        let layout = &self.layout;
        let label = french(label.trim());
        flow.push([layout.spacer(10.0)]);
        flow.bookmark(&label);
        flow.push(layout.heading(&label, self.styles.section, Some(ACCENT)));
        flow.push([layout.table_header(&self.table, &HEADERS, self.header)]);
        let mut continuation =
            layout.heading(&format!("{label} (suite)"), self.styles.section, None);
        continuation.push(layout.table_header(&self.table, &HEADERS, self.header));
        flow.begin_group(continuation);
        for row in rows {
            flow.push(row);
        }
        flow.end_group();
    }

    /// The table rows of every competence of the report, in its order. Breaking the cells
    /// into lines is most of the layout's time and the rows are independent of each other: a
    /// long report's rows are shared between up to four threads.
    fn rows(&self, report: &CompetencesReport) -> Result<Vec<Vec<Chunk>>, DocumentError> {
        let all: Vec<&ReportCompetence> = report
            .families
            .iter()
            .flat_map(|f| &f.competences)
            .collect();
        let row = |c: &&ReportCompetence| self.layout.table_row(&self.table, &self.row(c));
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(all.len() / ROWS_PER_THREAD)
            .clamp(1, 4);
        if threads == 1 {
            return Ok(all.iter().map(row).collect());
        }
        let row = &row;
        std::thread::scope(|scope| {
            let handles: Vec<_> = all
                .chunks(all.len().div_ceil(threads))
                .map(|run| scope.spawn(move || run.iter().map(row).collect::<Vec<_>>()))
                .collect();
            // Every thread is joined before any failure is returned (see `pdf::encode_pages`).
            let joined: Vec<_> = handles.into_iter().map(|h| h.join()).collect();
            let mut rows = Vec::with_capacity(all.len());
            for run in joined {
                let run = run.map_err(|_| {
                    DocumentError::Pdf("mise en page du rapport interrompue".to_string())
                })?;
                rows.extend(run);
            }
            Ok(rows)
        })
    }

    fn row(&self, c: &ReportCompetence) -> Vec<Vec<Para>> {
        let small = TextStyle::new(8.0, MUTED);
        let mut profession = vec![Para::new(
            vec![Span::bold(french(c.profession_title.trim()))],
            self.cell,
        )];
        if !c.profession_code.trim().is_empty() {
            profession.push(Para::new(
                vec![Span::regular(c.profession_code.trim())],
                small,
            ));
        }
        let rising = trend_rank(&c.latest_trend) < 2;
        let latest = trend_label(&c.latest_trend).to_string();
        let latest = if rising {
            Span::bold(latest)
        } else {
            Span::regular(latest)
        };
        vec![
            profession,
            vec![Para::new(
                vec![Span::regular(french(c.label.trim()))],
                self.cell,
            )],
            vec![Para::new(
                vec![Span::regular(french(&trend_history(c)))],
                self.cell,
            )],
            vec![Para::new(vec![latest], self.cell)],
            vec![Para::new(
                vec![Span::regular(french(&c.sources_joined()))],
                small,
            )],
        ]
    }
}

/// Lays the report out into pages (exposed for tests).
pub fn layout_competences_report(report: &CompetencesReport) -> Result<Paginated, DocumentError> {
    let fonts = font_set()?;
    let doc = Report::new(Layout::new(fonts, PageSetup::a4()));
    let mut flow = Flow::new();
    doc.title(&mut flow, report);
    if report.families.is_empty() {
        flow.push([doc.layout.spacer(10.0)]);
        flow.push(doc.layout.paragraph(
            &[Span::regular(
                "Aucune observation de compétence ne correspond à ces filtres (famille et période) : il n'y a rien à présenter.",
            )],
            doc.styles.body,
            0.0,
        ));
    }
    let mut rows = doc.rows(report)?.into_iter();
    for family in &report.families {
        let family_rows = rows.by_ref().take(family.competences.len());
        doc.family(&mut flow, &family.label, family_rows);
    }
    let mut paginated = flow.paginate(&doc.layout.page);
    let right = report
        .family_label
        .clone()
        .unwrap_or_else(|| period_words(report.filter.from_year, report.filter.to_year));
    doc.layout.running_texts(
        &mut paginated.pages,
        REPORT_TITLE,
        &french(&right),
        "Rapport d'évolution des compétences",
    );
    Ok(paginated)
}

/// Renders the report as PDF bytes.
pub fn render_competences_report(
    report: &CompetencesReport,
    options: &CompetencesReportOptions,
) -> Result<Vec<u8>, DocumentError> {
    let fonts = font_set()?;
    let paginated = layout_competences_report(report)?;
    let mut subject = format!(
        "{REPORT_TITLE} – {}",
        period_words(report.filter.from_year, report.filter.to_year)
    );
    if let Some(family) = &report.family_label {
        subject.push_str(&format!(" – {}", family.trim()));
    }
    let info = PdfInfo {
        title: REPORT_TITLE.to_string(),
        author: "Passerelle".to_string(),
        subject,
        keywords: vec!["compétences".to_string(), "métiers".to_string()],
        created: options.created.unwrap_or_else(Utc::now),
    };
    write_pdf(fonts, &PageSetup::a4(), &paginated, &info)
}
