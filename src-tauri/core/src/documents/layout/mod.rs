//! The project's own small layout engine: it measures text with the glyph advances of the
//! shipped fonts, breaks it into lines, turns blocks (headings, paragraphs, bullet lists,
//! key-facts boxes, tables) into unbreakable *chunks*, and pours the chunks into A4 pages.
//!
//! Everything is in PDF points, origin at the top-left corner of the page, y growing downwards
//! (the PDF writer flips it). Nothing here knows about printpdf: a page is a list of [`Draw`]s.
//!
//! Pagination rules, all expressed with two chunk flags:
//! - `keep_with_next` binds a heading (or a table header) to what follows, so a heading is
//!   never left alone at the bottom of a page;
//! - `group` marks chunks that continue a titled group (the rows of one day of the agenda):
//!   when a page break falls inside the group, the group's continuation chunks ("mardi 3 mars
//!   (suite)" and the table header) are repeated at the top of the new page.
//!
//! Table rows are single chunks, so a session is never split across pages; a row taller than
//! a page is cut into slices between lines (the only case where a row is split).
//!
//! The pieces: [`lines`] (measuring and line breaking), [`page`] (the drawing list, chunks and
//! page geometry), [`blocks`] (paragraphs, headings, bullet lists, running header and footer),
//! [`table`] (table rows, sliced when taller than a page) and [`flow`] (pagination).

mod blocks;
mod flow;
mod lines;
mod page;
mod table;
#[cfg(test)]
mod tests;

pub use blocks::Layout;
pub use flow::Flow;
pub use lines::{break_lines, ellipsize, Line, Piece};
pub use page::{check_printable_area, Chunk, Draw, PageLayout, PageSetup, Paginated};
pub use table::{Para, Table};

use super::fonts::FontStyle;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Tolerance for float comparisons of widths and heights (a hundredth of a point).
const EPS: f32 = 0.01;

/// An RGB colour, components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const TEXT: Rgb = Rgb(0.11, 0.11, 0.13);
pub const MUTED: Rgb = Rgb(0.36, 0.38, 0.42);
/// The one deep blue accent of the product's look.
pub const ACCENT: Rgb = Rgb(0.0, 0.2, 0.47);
pub const RULE: Rgb = Rgb(0.72, 0.74, 0.78);
pub const PALE: Rgb = Rgb(0.93, 0.95, 0.98);

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: FontStyle,
}

impl Span {
    pub fn new(text: impl Into<String>, style: FontStyle) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
    pub fn regular(text: impl Into<String>) -> Span {
        Span::new(text, FontStyle::Regular)
    }
    pub fn bold(text: impl Into<String>) -> Span {
        Span::new(text, FontStyle::Bold)
    }
    pub fn italic(text: impl Into<String>) -> Span {
        Span::new(text, FontStyle::Italic)
    }
}

/// Size, line height and colour of a text block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub line_height: f32,
    pub color: Rgb,
}

impl TextStyle {
    pub fn new(size: f32, color: Rgb) -> TextStyle {
        TextStyle {
            size,
            line_height: size * 1.3,
            color,
        }
    }
}
