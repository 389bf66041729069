//! The study-visit booklet (livret de visite d'étude): an A5 booklet the participants keep on
//! them — cover, welcome, the agenda day by day (with the partner-language titles), meeting
//! points, transport, accommodation, contacts, the emergency numbers of each country crossed,
//! the speakers, a glossary, then pages for notes. A section with nothing to print is left out.
//!
//! It can be printed as it is (A5 pages) or *imposed* ([`impose`]): two A5 pages side by side
//! on A4 landscape sheets, in saddle-stitch order, so that printing double-sided (flip on the
//! short edge), stacking the sheets and folding them gives the booklet. The imposition moves
//! the pages already laid out; nothing is laid out twice.
//!
//! The pieces: [`cover`] (the first page), [`agenda`] (the day-by-day table), [`practical`]
//! (welcome, meeting points, transport, accommodation, contacts, emergency numbers),
//! [`people`] (speakers, glossary, notes pages) and [`impose`].

mod agenda;
mod cover;
mod impose;
mod people;
mod practical;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

use super::fonts::{font_set, FontSet, FontStyle};
use super::layout::{
    Chunk, Draw, Flow, Layout, PageSetup, Paginated, Span, TextStyle, ACCENT, MM, MUTED, RULE, TEXT,
};
use super::pdf::{write_pdf, PdfInfo};
use super::programme::{author, check_sessions, display_title, event_dates, ProgrammeData};
use super::{dates, DocumentError};
use crate::model::Logistics;

pub use impose::{impose, saddle_stitch_order};

/// One emergency number as printed: "110", "police (Polizei)".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmergencyLine {
    pub number: String,
    pub service: String,
}

/// The emergency numbers of one country the group crosses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryEmergency {
    /// The country's name as printed ("Allemagne").
    pub country: String,
    pub numbers: Vec<EmergencyLine>,
}

/// Everything the booklet prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BookletData {
    /// The event as its programme prints it: title, dates, place, organisers, sessions (sorted
    /// by date and time) and speakers.
    pub event: ProgrammeData,
    /// The title of each of `event.sessions` in the partner language, in the same order; an
    /// empty one (or a missing one) prints nothing.
    pub partner_titles: Vec<String>,
    /// The partner language as named in the glossary's header ("allemand"); empty if none.
    pub partner_language: String,
    pub logistics: Logistics,
    /// The countries crossed, in the order printed.
    pub emergency: Vec<CountryEmergency>,
}

/// Choices that are not part of the event.
#[derive(Debug, Clone, PartialEq)]
pub struct BookletOptions {
    /// Two A5 pages per A4 landscape side, in saddle-stitch order.
    pub imposed: bool,
    /// Pages « Notes » at the end (before the padding of an imposed booklet).
    pub notes_pages: usize,
    /// Creation date written in the PDF; now when `None` (tests fix it).
    pub created: Option<DateTime<Utc>>,
}

impl Default for BookletOptions {
    fn default() -> Self {
        BookletOptions {
            imposed: false,
            notes_pages: 2,
            created: None,
        }
    }
}

/// A rendered booklet: the PDF and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Booklet {
    pub pdf: Vec<u8>,
    /// A5 pages of the booklet (with the blank pages of the padding when imposed).
    pub pages: usize,
    /// A4 sheets to print double-sided, when imposed.
    pub sheets: Option<usize>,
}

/// The booklet's text styles, smaller than the A4 documents'.
pub(super) struct BookletStyles {
    pub section: TextStyle,
    pub day: TextStyle,
    pub body: TextStyle,
    pub small: TextStyle,
    pub muted: TextStyle,
}

impl BookletStyles {
    fn new() -> BookletStyles {
        BookletStyles {
            section: TextStyle::new(11.5, ACCENT),
            day: TextStyle::new(9.5, ACCENT),
            body: TextStyle::new(8.5, TEXT),
            small: TextStyle::new(8.0, TEXT),
            muted: TextStyle::new(7.5, MUTED),
        }
    }
}

/// A section's heading: a little space, a bookmark and the ruled title kept with what follows.
pub(super) fn section(flow: &mut Flow, layout: &Layout, styles: &BookletStyles, title: &str) {
    flow.push([layout.spacer(9.0)]);
    flow.bookmark(title);
    flow.push(layout.heading(title, styles.section, Some(RULE)));
    flow.push([layout.spacer(3.0)]);
}

/// An entry of a practical section: a bold first line, then muted lines, kept on one page.
pub(super) fn entry(
    layout: &Layout,
    styles: &BookletStyles,
    head: Vec<Span>,
    lines: &[String],
) -> Vec<Chunk> {
    let mut chunks = layout.paragraph(&head, styles.body, 0.0);
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        chunks.extend(layout.paragraph(&[Span::regular(line)], styles.muted, 6.0));
    }
    let last = chunks.len().saturating_sub(1);
    for (n, chunk) in chunks.iter_mut().enumerate() {
        chunk.keep_with_next = n < last;
    }
    chunks.push(layout.spacer(4.0));
    chunks
}

/// Lays the booklet out into A5 pages, each numbered in its footer but the cover.
pub fn layout_booklet(
    fonts: &FontSet,
    data: &BookletData,
    options: &BookletOptions,
) -> Result<Paginated, DocumentError> {
    check_sessions(&data.event.sessions)?;
    let layout = Layout::new(fonts, PageSetup::a5());
    let styles = BookletStyles::new();
    let mut flow = Flow::new();
    cover::cover(&mut flow, &layout, data);
    flow.push([layout.page_break()]);
    practical::welcome(&mut flow, &layout, &styles, data);
    agenda::agenda(&mut flow, &layout, &styles, data);
    practical::practical(&mut flow, &layout, &styles, &data.logistics);
    practical::emergency(&mut flow, &layout, &styles, &data.emergency);
    people::speakers(&mut flow, &layout, &styles, &data.event);
    people::glossary(&mut flow, &layout, &styles, data);
    people::notes(&mut flow, &layout, &styles, options.notes_pages);
    let mut paginated = flow.paginate(&layout.page);
    footers(&layout, &mut paginated);
    Ok(paginated)
}

/// The page number, centred under the body, on every page but the cover.
fn footers(layout: &Layout, paginated: &mut Paginated) {
    let style = TextStyle::new(7.5, MUTED);
    let face = layout.fonts.face(FontStyle::Regular);
    let top = layout.page.body_bottom() + 3.0 * MM;
    let baseline = top + face.ascent * style.size;
    for (n, page) in paginated.pages.iter_mut().enumerate().skip(1) {
        let text = (n + 1).to_string();
        let width = face.width(&text, style.size);
        page.draws.push(Draw::Text {
            x: (layout.page.width - width) / 2.0,
            baseline,
            text,
            style: FontStyle::Regular,
            size: style.size,
            color: style.color,
            width,
            turned: false,
        });
    }
}

/// Renders the booklet as PDF bytes: A5 pages, or imposed on A4 sheets.
pub fn render_booklet(
    data: &BookletData,
    options: &BookletOptions,
) -> Result<Booklet, DocumentError> {
    let fonts = font_set()?;
    let a5 = layout_booklet(fonts, data, options)?;
    let title = display_title(&data.event);
    let mut subject = format!("Livret de visite d'étude – {title}");
    if let Some((start, end)) = event_dates(&data.event) {
        subject.push_str(&format!(", {}", dates::date_range(start, end)));
    }
    let info = PdfInfo {
        title: format!("Livret – {title}").replace(['\u{a0}', '\u{202f}'], " "),
        author: author(&data.event, &None),
        subject: subject.replace(['\u{a0}', '\u{202f}'], " "),
        keywords: [data.event.code.trim(), "livret"]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    };
    if !options.imposed {
        let pdf = write_pdf(fonts, &PageSetup::a5(), &a5, &info)?;
        return Ok(Booklet {
            pdf,
            pages: a5.pages.len(),
            sheets: None,
        });
    }
    let pages = a5.pages.len().div_ceil(4) * 4;
    let sheets = impose(a5);
    let pdf = write_pdf(fonts, &PageSetup::a4_landscape(), &sheets, &info)?;
    Ok(Booklet {
        pdf,
        pages,
        sheets: Some(pages / 4),
    })
}
