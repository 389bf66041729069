//! The bilingual programme: each French text is followed by its partner-language version, in
//! italics, block by block (a heading reads « Objectifs / Lernziele »).
//!
//! Block by block rather than side by side: at A4 two text columns are 82 mm wide, the agenda
//! would need five columns, and German or Dutch compounds break badly in such a measure; one
//! column keeps the agenda's three and lets a reader follow either language from top to
//! bottom. A missing translation is marked where it belongs (« [nicht übersetzt] ») under the
//! French, which stands for it, and the coherence check lists it.

use super::shared::Styles;
use super::ProgrammePartner;
use crate::documents::languages::{labels, Labels};
use crate::documents::layout::{Chunk, Layout, Para, Span, TextStyle, MUTED};

/// The partner language's texts and labels, when the programme is bilingual.
#[derive(Clone, Copy)]
pub(super) struct Partner<'a> {
    pub texts: &'a ProgrammePartner,
    pub labels: &'static Labels,
}

impl<'a> Partner<'a> {
    pub fn of(partner: Option<&'a ProgrammePartner>) -> Option<Partner<'a>> {
        partner.map(|texts| Partner {
            texts,
            labels: labels(texts.language),
        })
    }

    /// The mark printed where a translation is missing.
    pub fn missing(&self) -> String {
        format!("[{}]", self.labels.not_translated)
    }

    /// The partner version of a text whose French is `french`: the translation, the mark when
    /// it is missing, nothing when there is no French either.
    pub fn text_for(&self, french_text: &str, translated: &str) -> Option<String> {
        if french_text.trim().is_empty() {
            return None;
        }
        // Not `non_empty`: French spacing rules (a space before « : ») are wrong in German.
        let translated = translated.trim();
        Some(if translated.is_empty() {
            self.missing()
        } else {
            translated.to_string()
        })
    }
}

/// "Objectifs / Lernziele", or the French alone.
pub(super) fn heading(
    partner: Option<Partner>,
    french_label: &str,
    pick: fn(&Labels) -> &'static str,
) -> String {
    match partner {
        Some(p) => format!("{french_label} / {}", pick(p.labels)),
        None => french_label.to_string(),
    }
}

/// The style of partner-language text: the body's size, muted.
pub(super) fn partner_style(style: TextStyle) -> TextStyle {
    TextStyle {
        color: MUTED,
        ..style
    }
}

/// A paragraph of partner-language text, in italics, after a small gap (printed as typed:
/// the French spacing rules do not apply to it).
pub(super) fn paragraph(layout: &Layout, styles: &Styles, text: &str) -> Vec<Chunk> {
    let mut chunks = vec![layout.spacer(2.5)];
    chunks.extend(layout.paragraph(&[Span::italic(text)], partner_style(styles.body), 0.0));
    chunks
}

/// The partner text of a table cell, in italics.
pub(super) fn cell(text: String, style: TextStyle, gap_before: f32) -> Para {
    Para {
        gap_before,
        ..Para::new(vec![Span::italic(text)], partner_style(style))
    }
}
