//! What the one-page letters (convocation, certificate, attestation, mission letter) share:
//! the organiser's line and the document's title, a facts box, body text, « Fait à …, le … »
//! and signature boxes, and the pagination of a set of letters, one after the other, each with
//! its own « page N / M » and a bookmark naming its person.

use chrono::NaiveDate;

use super::Signatory;
use crate::documents::dates;
use crate::documents::fonts::FontSet;
use crate::documents::layout::{
    break_lines, Chunk, Draw, Flow, Layout, PageSetup, Paginated, Para, Span, Table, TextStyle,
    ACCENT, MM, MUTED, PALE, TEXT,
};
use crate::documents::programme::Styles;
use crate::documents::typography::french;

/// Width of a signature box.
const BOX_WIDTH: f32 = 78.0 * MM;
/// Height of a signature box: room for a signature and a stamp.
const BOX_HEIGHT: f32 = 34.0 * MM;

/// A signature box: its heading and the lines printed under it (name, title).
pub(super) struct SignatureBox {
    pub heading: String,
    pub lines: Vec<String>,
}

impl SignatureBox {
    pub fn of(heading: &str, signatory: &Signatory) -> SignatureBox {
        SignatureBox {
            heading: heading.to_string(),
            lines: [&signatory.name, &signatory.title]
                .iter()
                .map(|t| french(t.trim()))
                .filter(|t| !t.is_empty())
                .collect(),
        }
    }
}

/// The layout and styles of a letter.
pub(super) struct Letter<'f> {
    pub layout: Layout<'f>,
    pub styles: Styles,
    pub cell: TextStyle,
    facts_table: Table,
}

impl<'f> Letter<'f> {
    pub fn new(fonts: &'f FontSet) -> Letter<'f> {
        let layout = Layout::new(fonts, PageSetup::a4());
        let w = layout.page.body_width();
        Letter {
            facts_table: Table {
                columns: vec![34.0 * MM, w - 34.0 * MM],
                padding: 3.5,
                grid: false,
                rule: None,
                fill: Some(PALE),
                accent: Some(ACCENT),
                min_row_height: 0.0,
            },
            layout,
            styles: Styles::new(),
            cell: TextStyle::new(9.5, TEXT),
        }
    }

    /// The organiser's name, the kind of document in capitals, then the title.
    pub fn heading(&self, organiser: &str, kind: &str, title: &str) -> Vec<Chunk> {
        let layout = &self.layout;
        let mut chunks = Vec::new();
        let organiser = french(organiser.trim());
        if !organiser.is_empty() {
            let style = TextStyle::new(10.0, ACCENT);
            chunks.extend(layout.paragraph(&[Span::bold(organiser)], style, 0.0));
            chunks.push(layout.spacer(8.0));
        }
        chunks.extend(layout.paragraph(&[Span::bold(kind)], self.styles.kind, 0.0));
        let title_style = TextStyle {
            line_height: 16.0 * 1.2,
            ..TextStyle::new(16.0, TEXT)
        };
        chunks.extend(layout.paragraph(&[Span::bold(french(title))], title_style, 0.0));
        chunks.push(layout.spacer(8.0));
        chunks
    }

    /// A box of label–value rows; rows with an empty value are left out.
    pub fn facts(&self, rows: &[(&str, String)]) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        for (label, value) in rows.iter().filter(|(_, v)| !v.trim().is_empty()) {
            let paras: Vec<Para> = value
                .lines()
                .map(|l| Para::new(vec![Span::regular(french(l.trim()))], self.cell))
                .collect();
            chunks.extend(self.layout.table_row(
                &self.facts_table,
                &[
                    vec![Para::new(
                        vec![Span::bold(*label)],
                        TextStyle::new(9.0, ACCENT),
                    )],
                    paras,
                ],
            ));
        }
        chunks.push(self.layout.spacer(8.0));
        chunks
    }

    /// A section heading, kept with what follows.
    pub fn section(&self, title: &str) -> Vec<Chunk> {
        let mut chunks = vec![self.layout.spacer(4.0)];
        chunks.extend(
            self.layout
                .heading(title, TextStyle::new(11.0, ACCENT), None),
        );
        chunks
    }

    /// Body text: each line of `text` a paragraph, French spacing applied.
    pub fn text(&self, text: &str) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            chunks.extend(self.spans(&[Span::regular(french(line))]));
        }
        chunks
    }

    /// A paragraph of rich text followed by a small gap.
    pub fn spans(&self, spans: &[Span]) -> Vec<Chunk> {
        let mut chunks = self.layout.paragraph(spans, self.styles.body, 0.0);
        chunks.push(self.layout.spacer(4.0));
        chunks
    }

    /// A titled section with its text, or nothing when the text is empty.
    pub fn section_text(&self, title: &str, text: &str) -> Vec<Chunk> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let mut chunks = self.section(title);
        chunks.extend(self.text(text));
        chunks
    }

    /// « Fait à Strasbourg, le 5 mars 2026 » (the place left to fill in when empty).
    pub fn done_at(&self, place: &str, date: NaiveDate) -> Vec<Chunk> {
        let place = french(place.trim());
        let place = if place.is_empty() {
            "…………………………".to_string()
        } else {
            place
        };
        let mut chunks = vec![self.layout.spacer(8.0)];
        chunks.extend(self.spans(&[Span::regular(format!(
            "Fait à {place}, le {}",
            dates::short_long_date(date)
        ))]));
        chunks
    }

    /// Signature boxes side by side, the last one against the right margin; one chunk, kept
    /// whole on a page.
    pub fn signature_boxes(&self, boxes: &[SignatureBox]) -> Chunk {
        let page = &self.layout.page;
        let gap = 6.0 * MM;
        let heading = TextStyle::new(8.5, ACCENT);
        let small = TextStyle::new(8.5, TEXT);
        let mut draws = Vec::new();
        let n = boxes.len() as f32;
        let mut x = page.right() - n * BOX_WIDTH - (n - 1.0).max(0.0) * gap;
        for b in boxes {
            draws.push(Draw::Rect {
                x,
                y: 0.0,
                w: BOX_WIDTH,
                h: BOX_HEIGHT,
                fill: None,
                stroke: Some(MUTED),
                line_width: 0.6,
            });
            let mut top = 2.5 * MM;
            let texts = std::iter::once((Span::bold(b.heading.clone()), heading))
                .chain(b.lines.iter().map(|l| (Span::regular(l.clone()), small)));
            for (span, style) in texts {
                let width = BOX_WIDTH - 5.0 * MM;
                for line in break_lines(self.layout.fonts, &[span], style.size, width) {
                    self.layout
                        .draw_line(line, x + 2.5 * MM, top, &style, &mut draws);
                    top += style.line_height;
                }
            }
            x += BOX_WIDTH + gap;
        }
        Chunk {
            height: BOX_HEIGHT,
            draws,
            ..Chunk::default()
        }
    }
}

/// Letters one after the other: each starts a page and gets a bookmark with its person's name.
pub(super) struct Letters {
    flow: Flow,
    names: Vec<String>,
}

impl Letters {
    pub fn new() -> Letters {
        Letters {
            flow: Flow::new(),
            names: Vec::new(),
        }
    }

    /// Appends one letter.
    pub fn push(&mut self, letter: &Letter, name: &str, chunks: Vec<Chunk>) {
        if !self.names.is_empty() {
            self.flow.push([letter.layout.page_break()]);
        }
        let name = if name.trim().is_empty() {
            format!("Personne {}", self.names.len() + 1)
        } else {
            name.trim().to_string()
        };
        self.flow.bookmark(&name);
        self.names.push(name);
        self.flow.push(chunks);
    }

    /// The pages, each letter numbered on its own (« page 1 / 2 »), with the event's title and
    /// code in the header and `document – name` in the footer.
    pub fn finish(self, letter: &Letter, title: &str, code: &str, document: &str) -> Paginated {
        let mut paginated = self.flow.paginate(&letter.layout.page);
        let total = paginated.pages.len();
        let starts: Vec<usize> = paginated.bookmarks.iter().map(|(_, p)| p - 1).collect();
        for (i, name) in self.names.iter().enumerate() {
            let (Some(&start), end) = (starts.get(i), starts.get(i + 1).copied()) else {
                continue;
            };
            let end = end.unwrap_or(total);
            letter.layout.running_texts(
                &mut paginated.pages[start..end],
                title,
                code,
                &format!("{document} – {name}"),
            );
        }
        paginated
    }
}
