//! An event's « dossier documentaire » as an A4 PDF: the event's title, code and dates, its
//! own resources, then each session's resources under the session (agenda order: date, start
//! time). A session without resources is left out.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{resource_entry, LibraryPdf, PrintedResource};
use crate::documents::dates;
use crate::documents::fonts::font_set;
use crate::documents::layout::{Chunk, Flow, Layout, PageSetup, Span, ACCENT, RULE};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::Styles;
use crate::documents::typography::french;
use crate::documents::DocumentError;

/// A session of the dossier, with its resources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DossierSession {
    pub title: String,
    pub date: Option<NaiveDate>,
    /// « 09:30 », as the agenda holds it.
    pub start_time: String,
    pub resources: Vec<PrintedResource>,
}

/// Everything the dossier prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DossierData {
    pub code: String,
    pub title: String,
    /// The French label of the event's kind.
    pub kind: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub city: String,
    /// The event's own resources.
    pub resources: Vec<PrintedResource>,
    /// In agenda order.
    pub sessions: Vec<DossierSession>,
}

const DOCUMENT: &str = "Dossier documentaire";

fn title(data: &DossierData) -> String {
    match data.title.trim() {
        "" => "Événement sans titre".to_string(),
        t => french(t),
    }
}

/// « Du 3 au 5 mars 2026 · Strasbourg ».
fn dates_line(data: &DossierData) -> String {
    let when = match (data.start_date, data.end_date) {
        (Some(start), Some(end)) => dates::capitalize(&dates::date_range(start, end)),
        (Some(day), None) | (None, Some(day)) => dates::capitalize(&dates::long_date(day)),
        (None, None) => String::new(),
    };
    [when, french(data.city.trim())]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The entries one after the other, a little space between them.
fn entries(layout: &Layout, styles: &Styles, resources: &[PrintedResource]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    for resource in resources {
        if !chunks.is_empty() {
            chunks.push(layout.spacer(6.0));
        }
        chunks.extend(resource_entry(layout, styles, resource));
    }
    chunks
}

/// « Séance du mardi 3 mars, 09:30 » under a session's title.
fn session_when(session: &DossierSession) -> String {
    let day = session.date.map(dates::day_month).unwrap_or_default();
    let time = NaiveTime::parse_from_str(session.start_time.trim(), "%H:%M")
        .map(dates::time)
        .unwrap_or_default();
    match (day.is_empty(), time.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("Séance de {time}"),
        (false, true) => format!("Séance du {day}"),
        (false, false) => format!("Séance du {day}, {time}"),
    }
}

fn layout_dossier(layout: &Layout, styles: &Styles, data: &DossierData) -> Flow {
    let mut flow = Flow::new();
    flow.push(layout.paragraph(&[Span::bold("DOSSIER DOCUMENTAIRE")], styles.kind, 0.0));
    flow.push(layout.paragraph(&[Span::bold(title(data))], styles.title, 0.0));
    let mut meta = Vec::new();
    if !data.code.trim().is_empty() {
        meta.push(format!("Code\u{a0}: {}", data.code.trim()));
    }
    let when = dates_line(data);
    if !when.is_empty() {
        meta.push(when);
    }
    if !meta.is_empty() {
        flow.push([layout.spacer(3.0)]);
        flow.push(layout.paragraph(&[Span::regular(meta.join("  ·  "))], styles.meta, 0.0));
    }
    let sessions: Vec<&DossierSession> = data
        .sessions
        .iter()
        .filter(|s| !s.resources.is_empty())
        .collect();
    if data.resources.is_empty() && sessions.is_empty() {
        flow.push([layout.spacer(10.0)]);
        flow.push(layout.paragraph(
            &[Span::regular(
                "Aucune ressource n'est liée à cet événement ni à ses séances.",
            )],
            styles.body,
            0.0,
        ));
    }
    if !data.resources.is_empty() {
        flow.push([layout.spacer(10.0)]);
        flow.bookmark("Ressources de l'événement");
        flow.push(layout.heading("Ressources de l'événement", styles.section, Some(RULE)));
        flow.push([layout.spacer(4.0)]);
        flow.push(entries(layout, styles, &data.resources));
    }
    if !sessions.is_empty() {
        flow.push([layout.spacer(10.0)]);
        flow.push(layout.heading("Ressources des séances", styles.section, Some(RULE)));
    }
    for session in sessions {
        let name = match session.title.trim() {
            "" => "Séance sans titre".to_string(),
            t => french(t),
        };
        flow.push([layout.spacer(8.0)]);
        flow.bookmark(&name);
        flow.push(layout.heading(&name, styles.day, Some(ACCENT)));
        let when = session_when(session);
        if !when.is_empty() {
            let mut line = layout.paragraph(&[Span::regular(when)], styles.meta, 0.0);
            for chunk in line.iter_mut() {
                chunk.keep_with_next = true;
            }
            flow.push(line);
        }
        flow.push([layout.spacer(3.0)]);
        flow.push(entries(layout, styles, &session.resources));
    }
    flow
}

/// Renders the dossier as PDF bytes, with its page count. `created` is written in the PDF
/// (now when `None`).
pub fn render_dossier(
    data: &DossierData,
    created: Option<DateTime<Utc>>,
) -> Result<LibraryPdf, DocumentError> {
    let fonts = font_set()?;
    let layout = Layout::new(fonts, PageSetup::a4());
    let styles = Styles::new();
    let mut paginated = layout_dossier(&layout, &styles, data).paginate(&layout.page);
    layout.running_texts(
        &mut paginated.pages,
        &title(data),
        data.code.trim(),
        DOCUMENT,
    );
    let plain = |text: String| text.replace(['\u{a0}', '\u{202f}'], " ");
    let info = PdfInfo {
        title: plain(format!("{DOCUMENT} – {}", title(data))),
        author: "Passerelle".to_string(),
        subject: plain(format!("{DOCUMENT} – {}", dates_line(data))),
        keywords: [data.code.trim(), "dossier documentaire"]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: created.unwrap_or_else(Utc::now),
    };
    let pdf = write_pdf(fonts, &PageSetup::a4(), &paginated, &info)?;
    Ok(LibraryPdf {
        pdf,
        pages: paginated.pages.len(),
    })
}
