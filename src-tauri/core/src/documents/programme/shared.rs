//! What the event's documents (the programme and the attendance sheets) share: their text
//! styles, the title block, the title as printed and the PDF author.

use super::ProgrammeData;
use crate::documents::layout::{Chunk, Layout, Span, TextStyle, ACCENT, MUTED, TEXT};
use crate::documents::typography::french;

/// The title printed at the top of every document of the event.
pub(crate) fn display_title(data: &ProgrammeData) -> String {
    let title = data.title.trim();
    if title.is_empty() {
        "Programme sans titre".to_string()
    } else {
        french(title)
    }
}

/// Styles shared by the event's documents.
pub(crate) struct Styles {
    pub kind: TextStyle,
    pub title: TextStyle,
    pub subtitle: TextStyle,
    pub meta: TextStyle,
    pub section: TextStyle,
    pub day: TextStyle,
    pub body: TextStyle,
    pub small: TextStyle,
    pub small_muted: TextStyle,
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            kind: TextStyle::new(9.0, ACCENT),
            title: TextStyle {
                line_height: 18.0 * 1.2,
                ..TextStyle::new(18.0, TEXT)
            },
            subtitle: TextStyle::new(12.0, MUTED),
            meta: TextStyle::new(8.5, MUTED),
            section: TextStyle::new(12.5, ACCENT),
            day: TextStyle::new(11.0, ACCENT),
            body: TextStyle::new(9.5, TEXT),
            small: TextStyle::new(8.5, TEXT),
            small_muted: TextStyle::new(8.0, MUTED),
        }
    }
}

/// The title block common to the programme and the sheets: kind, title, subtitle.
pub(crate) fn title_block(layout: &Layout, styles: &Styles, data: &ProgrammeData) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let kind = data.kind.trim();
    if !kind.is_empty() {
        chunks.extend(layout.paragraph(&[Span::bold(kind.to_uppercase())], styles.kind, 0.0));
    }
    chunks.extend(layout.paragraph(&[Span::bold(display_title(data))], styles.title, 0.0));
    if !data.subtitle.trim().is_empty() {
        chunks.extend(layout.paragraph(
            &[Span::italic(french(data.subtitle.trim()))],
            styles.subtitle,
            0.0,
        ));
    }
    if let Some(p) = data.partner.as_ref() {
        // The partner title under the French one, in the subtitle's size; a missing one is
        // marked as every other missing translation.
        let partner = super::partner::Partner::of(Some(p));
        for (french_text, translated) in [
            (&data.title, &p.texts.title),
            (&data.subtitle, &p.texts.subtitle),
        ] {
            if let Some(text) = partner.and_then(|p| p.text_for(french_text, translated)) {
                chunks.extend(layout.paragraph(&[Span::italic(text)], styles.subtitle, 0.0));
            }
        }
    }
    chunks
}

/// The PDF author: the option, else the first organiser, else the application.
pub(crate) fn author(data: &ProgrammeData, option: &Option<String>) -> String {
    option
        .clone()
        .or_else(|| {
            data.organisers
                .iter()
                .map(|o| o.name.trim().to_string())
                .find(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "Passerelle".to_string())
}

pub(super) fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| french(t))
}

pub(super) fn join_non_empty(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}
