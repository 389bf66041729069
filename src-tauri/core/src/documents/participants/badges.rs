//! Badges and table cards, for participants and speakers alike (a role line says which).
//!
//! Badges: ten per A4 sheet, two columns of five 90 × 54 mm cards, with cutting marks in the
//! margins at every cutting line. Table cards: one per A4 landscape sheet, folded in two along
//! its length; the name is printed on both halves, the top one turned upside down so that the
//! card reads the right way up from both sides of the table. Cards come in the order given.

use chrono::{DateTime, Utc};

use super::Person;
use crate::documents::fonts::{font_set, FontSet, FontStyle};
use crate::documents::layout::{
    ellipsize, Draw, PageLayout, PageSetup, Paginated, Rgb, ACCENT, MM, MUTED, RULE, TEXT,
};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::{author, display_title, ProgrammeData};
use crate::documents::typography::french;
use crate::documents::DocumentError;

/// Why the person is there, printed on their card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadgeRole {
    #[default]
    Participant,
    Speaker,
}

impl BadgeRole {
    pub fn label(self) -> &'static str {
        match self {
            BadgeRole::Participant => "Participant",
            BadgeRole::Speaker => "Intervenant",
        }
    }
}

/// One card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Badge {
    pub person: Person,
    pub role: BadgeRole,
}

/// Choices that are not part of the event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BadgeOptions {
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
}

pub const BADGE_WIDTH: f32 = 90.0 * MM;
pub const BADGE_HEIGHT: f32 = 54.0 * MM;
pub const BADGE_COLUMNS: usize = 2;
pub const BADGE_ROWS: usize = 5;
/// Badges per A4 sheet.
pub const BADGES_PER_SHEET: usize = BADGE_COLUMNS * BADGE_ROWS;

const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);

/// The A4 sheet of badges: its margins are what the grid of cards leaves, where the cutting
/// marks go.
fn badge_sheet() -> PageSetup {
    let a4 = PageSetup::a4();
    PageSetup {
        margin_x: (a4.width - BADGE_COLUMNS as f32 * BADGE_WIDTH) / 2.0,
        margin_y: (a4.height - BADGE_ROWS as f32 * BADGE_HEIGHT) / 2.0,
        header_height: 0.0,
        footer_height: 0.0,
        ..a4
    }
}

/// A4 landscape with 10 mm margins: the sheet of a table card.
fn card_sheet() -> PageSetup {
    PageSetup {
        margin_x: 10.0 * MM,
        margin_y: 10.0 * MM,
        ..PageSetup::a4_landscape()
    }
}

/// One line of text centred on `cx`, shrunk from `size` down to `min` to fit `width`, then
/// shortened with an ellipsis if it still does not fit.
struct Centred<'a> {
    fonts: &'a FontSet,
    style: FontStyle,
    size: f32,
    min: f32,
    color: Rgb,
}

impl Centred<'_> {
    fn draw(&self, text: &str, cx: f32, baseline: f32, width: f32) -> Option<Draw> {
        let face = self.fonts.face(self.style);
        let text = french(text.trim()).replace('\n', " ");
        if text.is_empty() {
            return None;
        }
        let mut size = self.size;
        while size > self.min && face.width(&text, size) > width {
            size -= 0.5;
        }
        let text = ellipsize(face, &text, size, width);
        let measured = face.width(&text, size);
        Some(Draw::Text {
            x: cx - measured / 2.0,
            baseline,
            text,
            style: self.style,
            size,
            color: self.color,
            width: measured,
            turned: false,
        })
    }
}

/// The draws of one badge whose top-left corner is (`x`, `y`).
fn badge(fonts: &FontSet, event: &str, card: &Badge, x: f32, y: f32) -> Vec<Draw> {
    let cx = x + BADGE_WIDTH / 2.0;
    let inner = BADGE_WIDTH - 8.0 * MM;
    let band = 9.0 * MM;
    let line = |style, size, min, color| Centred {
        fonts,
        style,
        size,
        min,
        color,
    };
    let mut draws = vec![
        Draw::Rect {
            x,
            y,
            w: BADGE_WIDTH,
            h: BADGE_HEIGHT,
            fill: None,
            stroke: Some(RULE),
            line_width: 0.3,
        },
        Draw::Rect {
            x,
            y: y + BADGE_HEIGHT - band,
            w: BADGE_WIDTH,
            h: band,
            fill: Some(ACCENT),
            stroke: None,
            line_width: 0.0,
        },
    ];
    let person = &card.person;
    let texts = [
        (
            line(FontStyle::Regular, 7.5, 6.0, MUTED),
            event.to_string(),
            8.0,
        ),
        (
            line(FontStyle::Bold, 18.0, 10.0, TEXT),
            person.first_name.clone(),
            22.0,
        ),
        (
            line(FontStyle::Bold, 18.0, 10.0, TEXT),
            person.last_name.trim().to_uppercase(),
            30.0,
        ),
        (
            line(FontStyle::Regular, 9.5, 7.0, MUTED),
            person.employer.clone(),
            38.0,
        ),
        (
            line(FontStyle::Bold, 10.0, 10.0, WHITE),
            card.role.label().to_uppercase(),
            51.5,
        ),
    ];
    for (style, text, baseline_mm) in texts {
        draws.extend(style.draw(&text, cx, y + baseline_mm * MM, inner));
    }
    draws
}

/// Short cutting marks in the margins, in line with every edge of the grid of cards.
fn cutting_marks(sheet: &PageSetup) -> Vec<Draw> {
    let (left, top) = (sheet.margin_x, sheet.margin_y);
    let (right, bottom) = (sheet.width - left, sheet.height - top);
    let gap = 2.0 * MM;
    let mark = |x1, y1, x2, y2| Draw::Line {
        x1,
        y1,
        x2,
        y2,
        color: TEXT,
        width: 0.3,
    };
    let mut draws = Vec::new();
    for c in 0..=BADGE_COLUMNS {
        let x = left + c as f32 * BADGE_WIDTH;
        draws.push(mark(x, top - gap - 6.0 * MM, x, top - gap));
        draws.push(mark(x, bottom + gap, x, bottom + gap + 6.0 * MM));
    }
    for r in 0..=BADGE_ROWS {
        let y = top + r as f32 * BADGE_HEIGHT;
        draws.push(mark(left - gap - 6.0 * MM, y, left - gap, y));
        draws.push(mark(right + gap, y, right + gap + 6.0 * MM, y));
    }
    draws
}

/// The badge sheets laid out (exposed for tests).
pub fn layout_badges(
    fonts: &FontSet,
    data: &ProgrammeData,
    cards: &[Badge],
) -> Result<Paginated, DocumentError> {
    if cards.is_empty() {
        return Err(DocumentError::NoParticipant);
    }
    let sheet = badge_sheet();
    let event = display_title(data);
    let pages = cards
        .chunks(BADGES_PER_SHEET)
        .map(|group| {
            let mut draws = cutting_marks(&sheet);
            for (i, card) in group.iter().enumerate() {
                let x = sheet.margin_x + (i % BADGE_COLUMNS) as f32 * BADGE_WIDTH;
                let y = sheet.margin_y + (i / BADGE_COLUMNS) as f32 * BADGE_HEIGHT;
                draws.extend(badge(fonts, &event, card, x, y));
            }
            PageLayout { draws }
        })
        .collect();
    Ok(Paginated {
        pages,
        bookmarks: Vec::new(),
    })
}

/// The draws of one half of a table card, laid out upright in the bottom half of the sheet.
fn card_half(fonts: &FontSet, event: &str, card: &Badge, sheet: &PageSetup) -> Vec<Draw> {
    let half = sheet.height / 2.0;
    let cx = sheet.width / 2.0;
    let width = sheet.body_width();
    let line = |style, size, min, color| Centred {
        fonts,
        style,
        size,
        min,
        color,
    };
    let person = &card.person;
    let texts = [
        (
            line(FontStyle::Bold, 44.0, 18.0, TEXT),
            person.full_name(),
            45.0,
        ),
        (
            line(FontStyle::Regular, 20.0, 11.0, MUTED),
            person.employer.clone(),
            62.0,
        ),
        (
            line(FontStyle::Bold, 13.0, 13.0, ACCENT),
            card.role.label().to_uppercase(),
            77.0,
        ),
        (
            line(FontStyle::Regular, 10.0, 7.0, MUTED),
            event.to_string(),
            90.0,
        ),
    ];
    texts
        .into_iter()
        .filter_map(|(style, text, baseline_mm)| {
            style.draw(&text, cx, half + baseline_mm * MM, width)
        })
        .collect()
}

/// The table cards laid out, one per sheet (exposed for tests).
pub fn layout_table_cards(
    fonts: &FontSet,
    data: &ProgrammeData,
    cards: &[Badge],
) -> Result<Paginated, DocumentError> {
    if cards.is_empty() {
        return Err(DocumentError::NoParticipant);
    }
    let sheet = card_sheet();
    let event = display_title(data);
    let (cx, fold) = (sheet.width / 2.0, sheet.height / 2.0);
    let pages = cards
        .iter()
        .map(|card| {
            let upright = card_half(fonts, &event, card, &sheet);
            // The top half is the bottom one turned around the sheet's centre.
            let turned: Vec<Draw> = upright
                .iter()
                .cloned()
                .map(|d| d.turned(cx, fold))
                .collect();
            let mut draws = vec![Draw::Line {
                x1: 0.0,
                y1: fold,
                x2: sheet.width,
                y2: fold,
                color: RULE,
                width: 0.3,
            }];
            draws.extend(turned);
            draws.extend(upright);
            PageLayout { draws }
        })
        .collect();
    Ok(Paginated {
        pages,
        bookmarks: Vec::new(),
    })
}

fn info(data: &ProgrammeData, options: &BadgeOptions, what: &str) -> PdfInfo {
    let title = display_title(data).replace(['\u{a0}', '\u{202f}'], " ");
    PdfInfo {
        title: format!("{what} – {title}"),
        author: author(data, &None),
        subject: format!("{what} – {title}"),
        keywords: [data.code.trim(), what]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_lowercase())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    }
}

/// The badges, ten per A4 sheet, as PDF bytes.
pub fn render_badges(
    data: &ProgrammeData,
    cards: &[Badge],
    options: &BadgeOptions,
) -> Result<Vec<u8>, DocumentError> {
    let fonts = font_set()?;
    let pages = layout_badges(fonts, data, cards)?;
    write_pdf(
        fonts,
        &badge_sheet(),
        &pages,
        &info(data, options, "Badges"),
    )
}

/// The table cards, one per A4 landscape sheet, as PDF bytes.
pub fn render_table_cards(
    data: &ProgrammeData,
    cards: &[Badge],
    options: &BadgeOptions,
) -> Result<Vec<u8>, DocumentError> {
    let fonts = font_set()?;
    let pages = layout_table_cards(fonts, data, cards)?;
    let info = info(data, options, "Chevalets");
    write_pdf(fonts, &card_sheet(), &pages, &info)
}
