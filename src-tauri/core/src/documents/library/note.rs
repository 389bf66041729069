//! A legal note (fiche juridique) as an A4 PDF: the question as title, « À jour au », the key
//! facts (author, countries, territories, themes, professions, next review), the short answer
//! in a box, the full answer, the legal bases as a table (kind, text and article, date, with
//! the link under the text) and the related resources.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{date_in_words, resource_entry, LibraryPdf, PrintedResource};
use crate::documents::fonts::font_set;
use crate::documents::layout::{
    Chunk, Flow, Layout, PageSetup, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, PALE, RULE,
    TEXT,
};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::Styles;
use crate::documents::typography::french;
use crate::documents::DocumentError;

/// One legal basis as printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PrintedBasis {
    /// The kind's French label (« Article de code »).
    pub kind: String,
    pub identifier: String,
    pub article: String,
    /// ISO date or empty.
    pub date: String,
    pub url: String,
}

/// Everything a legal note prints, names and labels already resolved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalNoteData {
    pub question: String,
    pub short_answer: String,
    pub full_answer: String,
    pub bases: Vec<PrintedBasis>,
    /// Country names (« Allemagne »).
    pub countries: Vec<String>,
    pub territories: Vec<String>,
    pub themes: Vec<String>,
    pub professions: Vec<String>,
    /// ISO dates or empty.
    pub up_to_date: String,
    pub review_date: String,
    pub author: String,
    pub resources: Vec<PrintedResource>,
}

const DOCUMENT: &str = "Fiche juridique";
const BASES_HEADERS: [&str; 3] = ["Nature", "Texte et article", "Date"];

/// « À jour au 15 janvier 2026 », or nothing when the date is not given.
fn up_to_date_text(data: &LegalNoteData) -> Option<String> {
    let date = data.up_to_date.trim();
    (!date.is_empty()).then(|| format!("À jour au {}", date_in_words(date)))
}

/// The label/value rows of the key facts box; empty values are left out.
fn facts(data: &LegalNoteData) -> Vec<(&'static str, String)> {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        ("Auteur", data.author.trim().to_string()),
        ("Pays", list(&data.countries)),
        ("Territoires", list(&data.territories)),
        ("Thèmes", list(&data.themes)),
        ("Métiers", list(&data.professions)),
        (
            "Prochaine révision",
            match data.review_date.trim() {
                "" => String::new(),
                date => date_in_words(date),
            },
        ),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect()
}

struct Note<'f> {
    layout: Layout<'f>,
    styles: Styles,
}

impl Note<'_> {
    fn title(&self, flow: &mut Flow, data: &LegalNoteData) {
        let (layout, styles) = (&self.layout, &self.styles);
        flow.push(layout.paragraph(&[Span::bold("FICHE JURIDIQUE")], styles.kind, 0.0));
        flow.push(layout.paragraph(&[Span::bold(question(data))], styles.title, 0.0));
        if let Some(text) = up_to_date_text(data) {
            flow.push([layout.spacer(3.0)]);
            flow.push(layout.paragraph(&[Span::regular(text)], styles.meta, 0.0));
        }
        flow.push([layout.spacer(8.0)]);
        let w = layout.page.body_width();
        let table = Table {
            columns: vec![34.0 * MM, w - 34.0 * MM],
            padding: 3.5,
            grid: false,
            rule: None,
            fill: Some(PALE),
            accent: Some(ACCENT),
            min_row_height: 0.0,
        };
        for (label, value) in facts(data) {
            let cells = [
                vec![Para::new(
                    vec![Span::bold(label)],
                    TextStyle::new(9.0, ACCENT),
                )],
                vec![Para::new(
                    vec![Span::regular(french(&value))],
                    TextStyle::new(9.0, TEXT),
                )],
            ];
            flow.push(layout.table_row(&table, &cells));
        }
    }

    /// A section: heading with a rule, then its content; nothing when the content is empty.
    fn section(&self, flow: &mut Flow, title: &str, content: Vec<Chunk>) {
        if content.is_empty() {
            return;
        }
        let layout = &self.layout;
        flow.push([layout.spacer(10.0)]);
        flow.push(layout.heading(title, self.styles.section, Some(RULE)));
        flow.push([layout.spacer(4.0)]);
        flow.push(content);
    }

    fn text(&self, text: &str, style: TextStyle) -> Vec<Chunk> {
        match text.trim() {
            "" => Vec::new(),
            text => self
                .layout
                .paragraph(&[Span::regular(french(text))], style, 0.0),
        }
    }

    /// The bases' table: its header repeats when it continues on the next page.
    fn bases(&self, flow: &mut Flow, bases: &[PrintedBasis]) {
        if bases.is_empty() {
            return;
        }
        let layout = &self.layout;
        let w = layout.page.body_width();
        let table = Table {
            columns: vec![0.22 * w, 0.58 * w, 0.2 * w],
            padding: 3.0,
            grid: false,
            rule: Some(RULE),
            fill: None,
            accent: None,
            min_row_height: 0.0,
        };
        let header = TextStyle::new(8.0, MUTED);
        let cell = TextStyle::new(9.0, TEXT);
        let small = TextStyle::new(8.0, MUTED);
        flow.push([layout.spacer(10.0)]);
        flow.push(layout.heading("Bases légales", self.styles.section, Some(RULE)));
        flow.push([layout.spacer(4.0)]);
        flow.push([layout.table_header(&table, &BASES_HEADERS, header)]);
        let mut continuation = layout.heading("Bases légales (suite)", self.styles.section, None);
        continuation.push(layout.table_header(&table, &BASES_HEADERS, header));
        flow.begin_group(continuation);
        for basis in bases {
            let mut text = vec![Para::new(
                vec![Span::bold(french(basis.identifier.trim()))],
                cell,
            )];
            if !basis.article.trim().is_empty() {
                text.push(Para::new(
                    vec![Span::regular(french(basis.article.trim()))],
                    cell,
                ));
            }
            if !basis.url.trim().is_empty() {
                text.push(Para::new(vec![Span::regular(basis.url.trim())], small));
            }
            let date = match basis.date.trim() {
                "" => "—".to_string(),
                date => date_in_words(date),
            };
            let cells = [
                vec![Para::new(vec![Span::regular(basis.kind.trim())], cell)],
                text,
                vec![Para::new(vec![Span::regular(date)], cell)],
            ];
            flow.push(layout.table_row(&table, &cells));
        }
        flow.end_group();
    }
}

fn question(data: &LegalNoteData) -> String {
    match data.question.trim() {
        "" => "Question sans titre".to_string(),
        q => french(q),
    }
}

/// Renders a legal note as PDF bytes, with its page count. `created` is written in the PDF
/// (now when `None`; tests fix it).
pub fn render_legal_note(
    data: &LegalNoteData,
    created: Option<DateTime<Utc>>,
) -> Result<LibraryPdf, DocumentError> {
    let fonts = font_set()?;
    let doc = Note {
        layout: Layout::new(fonts, PageSetup::a4()),
        styles: Styles::new(),
    };
    let mut flow = Flow::new();
    doc.title(&mut flow, data);
    let short = TextStyle::new(10.5, TEXT);
    let short_answer: Vec<Chunk> = match data.short_answer.trim() {
        "" => Vec::new(),
        text => doc
            .layout
            .paragraph(&[Span::bold(french(text))], short, 0.0),
    };
    doc.section(&mut flow, "Réponse courte", short_answer);
    let full = doc.text(&data.full_answer, doc.styles.body);
    doc.section(&mut flow, "Réponse détaillée", full);
    doc.bases(&mut flow, &data.bases);
    let mut resources = Vec::new();
    for resource in &data.resources {
        if !resources.is_empty() {
            resources.push(doc.layout.spacer(5.0));
        }
        resources.extend(resource_entry(&doc.layout, &doc.styles, resource));
    }
    doc.section(&mut flow, "Ressources liées", resources);

    let mut paginated = flow.paginate(&doc.layout.page);
    let footer = match up_to_date_text(data) {
        Some(text) => format!("{DOCUMENT} – {}", text.replacen("À", "à", 1)),
        None => DOCUMENT.to_string(),
    };
    doc.layout
        .running_texts(&mut paginated.pages, &question(data), DOCUMENT, &footer);
    let plain = |text: String| text.replace(['\u{a0}', '\u{202f}'], " ");
    let info = PdfInfo {
        title: plain(format!("{DOCUMENT} – {}", question(data))),
        author: match data.author.trim() {
            "" => "Passerelle".to_string(),
            author => author.to_string(),
        },
        subject: plain(question(data)),
        keywords: vec!["fiche juridique".to_string()],
        created: created.unwrap_or_else(Utc::now),
    };
    let pdf = write_pdf(fonts, &PageSetup::a4(), &paginated, &info)?;
    Ok(LibraryPdf {
        pdf,
        pages: paginated.pages.len(),
    })
}
