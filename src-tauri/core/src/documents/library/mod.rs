//! The library's documents, A4 with the programme's typography, fonts and page furniture: a
//! legal note ([`note`]: question, answers, legal bases as a table, « À jour au ») and an
//! event's « dossier documentaire » ([`dossier`]: the event's resources, then each session's).
//! The programme's optional « Ressources » section prints its entries with [`resource_entry`].
//!
//! Like the other documents they take plain data, filled from the store by `printing`.

mod dossier;
mod note;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::dates;
use super::layout::{Chunk, Flow, Layout, Span, TextStyle, MUTED, RULE, TEXT};
use super::programme::Styles;
use super::typography::french;

pub use dossier::{render_dossier, DossierData, DossierSession};
pub use note::{render_legal_note, LegalNoteData, PrintedBasis};

/// One resource as the dossier and the programme print it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PrintedResource {
    pub title: String,
    /// The kind's French label (« Guide »).
    pub kind: String,
    /// The authors' names in order, joined by ", ".
    pub authors: String,
    /// As recorded: YYYY-MM-DD, YYYY-MM or YYYY; printed in words.
    pub date: String,
    /// URL, ISBN, DOI, ELI…
    pub reference: String,
    pub summary: String,
}

/// A library PDF and its page count (the command line prints it).
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryPdf {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// A full, month or year date in words: « 5 mars 2024 », « mars 2024 », « 2024 »; anything
/// else as typed.
pub fn date_in_words(value: &str) -> String {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return dates::short_long_date(date);
    }
    if let Ok(date) = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d") {
        return format!("{} {}", dates::month_name(date), date.year());
    }
    value.to_string()
}

/// A resource as a few lines: the title in bold, then kind, authors and date, the reference,
/// the summary. The lines are kept together when short (a title is never left alone at the
/// bottom of a page).
pub(crate) fn resource_entry(
    layout: &Layout,
    styles: &Styles,
    resource: &PrintedResource,
) -> Vec<Chunk> {
    let title = match resource.title.trim() {
        "" => "Ressource sans titre".to_string(),
        title => french(title),
    };
    let mut chunks = layout.paragraph(&[Span::bold(title)], styles.body, 0.0);
    let facts: Vec<String> = [
        resource.kind.trim().to_string(),
        resource.authors.trim().to_string(),
        date_in_words(&resource.date),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .map(|s| french(&s))
    .collect();
    let muted = TextStyle::new(8.5, MUTED);
    if !facts.is_empty() {
        chunks.extend(layout.paragraph(&[Span::regular(facts.join(" · "))], muted, 0.0));
    }
    if !resource.reference.trim().is_empty() {
        chunks.extend(layout.paragraph(
            &[
                Span::regular("Référence\u{a0}: "),
                Span::regular(resource.reference.trim()),
            ],
            muted,
            0.0,
        ));
    }
    let head = chunks.len();
    if !resource.summary.trim().is_empty() {
        let summary = TextStyle::new(9.0, TEXT);
        chunks.extend(layout.paragraph(
            &[Span::regular(french(resource.summary.trim()))],
            summary,
            0.0,
        ));
    }
    // The title and its facts stay together, with the summary's first line.
    let keep = if chunks.len() > head {
        head
    } else {
        head.saturating_sub(1)
    };
    for chunk in chunks.iter_mut().take(keep) {
        chunk.keep_with_next = true;
    }
    chunks
}

/// The programme's « Ressources » section under `title` (« Ressources », or with its partner
/// translation): the event's resources one after the other, after the speakers; nothing when
/// there are none.
pub(crate) fn resources_section(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    title: &str,
    resources: &[PrintedResource],
) {
    if resources.is_empty() {
        return;
    }
    flow.push([layout.spacer(10.0)]);
    flow.push(layout.heading(title, styles.section, Some(RULE)));
    flow.push([layout.spacer(4.0)]);
    for (i, resource) in resources.iter().enumerate() {
        if i > 0 {
            flow.push([layout.spacer(6.0)]);
        }
        flow.push(resource_entry(layout, styles, resource));
    }
}
