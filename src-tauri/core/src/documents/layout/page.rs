//! What a laid-out document is made of: drawing operations, the unbreakable chunks the blocks
//! produce, the page geometry and the paginated result.

use super::{Rgb, EPS, MM};
use crate::documents::fonts::{FontSet, FontStyle};

/// What a page is made of.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// Text on one line; `baseline` from the top of the page; `width` as measured. A
    /// `turned` text is printed upside down, running leftwards from `x` (see [`Draw::turned`]).
    Text {
        x: f32,
        baseline: f32,
        text: String,
        style: FontStyle,
        size: f32,
        color: Rgb,
        width: f32,
        turned: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
        line_width: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
}

impl Draw {
    pub(super) fn shifted(mut self, dy: f32) -> Draw {
        match &mut self {
            Draw::Text { baseline, .. } => *baseline += dy,
            Draw::Rect { y, .. } => *y += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }

    /// The same drawing moved by `dx` to the right and `dy` down (a page placed on a sheet).
    pub fn moved(self, dx: f32, dy: f32) -> Draw {
        let mut draw = self.shifted(dy);
        match &mut draw {
            Draw::Text { x, .. } | Draw::Rect { x, .. } => *x += dx,
            Draw::Line { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
        }
        draw
    }

    /// The same drawing turned by half a turn around the point (`cx`, `cy`): the top half of a
    /// folded table card, which reads upright from the other side of the table.
    pub fn turned(self, cx: f32, cy: f32) -> Draw {
        match self {
            Draw::Text {
                x,
                baseline,
                text,
                style,
                size,
                color,
                width,
                turned,
            } => Draw::Text {
                x: 2.0 * cx - x,
                baseline: 2.0 * cy - baseline,
                text,
                style,
                size,
                color,
                width,
                turned: !turned,
            },
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                line_width,
            } => Draw::Rect {
                x: 2.0 * cx - x - w,
                y: 2.0 * cy - y - h,
                w,
                h,
                fill,
                stroke,
                line_width,
            },
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
            } => Draw::Line {
                x1: 2.0 * cx - x1,
                y1: 2.0 * cy - y1,
                x2: 2.0 * cx - x2,
                y2: 2.0 * cy - y2,
                color,
                width,
            },
        }
    }
}

/// An unbreakable piece of the flow; its draws are relative to its top (y) and absolute in x.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub height: f32,
    pub draws: Vec<Draw>,
    /// Must be on the same page as the next chunk (headings).
    pub keep_with_next: bool,
    /// Continues this group: a page break before it repeats the group's continuation chunks.
    pub group: Option<usize>,
    /// A bookmark pointing to the page where this chunk lands.
    pub bookmark: Option<String>,
    /// Starts a new page.
    pub break_before: bool,
    /// Vertical space that is dropped at the top of a page.
    pub discardable: bool,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width: f32,
    pub height: f32,
    /// Left and right margins: nothing is drawn closer to the edge.
    pub margin_x: f32,
    /// Top and bottom margins: nothing is drawn closer to the edge.
    pub margin_y: f32,
    /// Room for the running header, inside the top margin line.
    pub header_height: f32,
    /// Room for the running footer, inside the bottom margin line.
    pub footer_height: f32,
}

impl PageSetup {
    /// A4 portrait, 18 mm side margins, 15 mm top and bottom.
    pub fn a4() -> PageSetup {
        PageSetup {
            width: 210.0 * MM,
            height: 297.0 * MM,
            margin_x: 18.0 * MM,
            margin_y: 15.0 * MM,
            header_height: 10.0 * MM,
            footer_height: 10.0 * MM,
        }
    }
    /// A5 portrait (a booklet's page), 12 mm margins all round, a footer and no header.
    pub fn a5() -> PageSetup {
        PageSetup {
            width: 148.0 * MM,
            height: 210.0 * MM,
            margin_x: 12.0 * MM,
            margin_y: 12.0 * MM,
            header_height: 0.0,
            footer_height: 8.0 * MM,
        }
    }
    /// A4 landscape, the sheet two A5 pages are imposed on; nothing but those pages is laid
    /// out on it, so it has no margins of its own.
    pub fn a4_landscape() -> PageSetup {
        PageSetup {
            width: 297.0 * MM,
            height: 210.0 * MM,
            margin_x: 0.0,
            margin_y: 0.0,
            header_height: 0.0,
            footer_height: 0.0,
        }
    }
    pub fn left(&self) -> f32 {
        self.margin_x
    }
    pub fn right(&self) -> f32 {
        self.width - self.margin_x
    }
    pub fn body_width(&self) -> f32 {
        self.right() - self.left()
    }
    pub fn body_top(&self) -> f32 {
        self.margin_y + self.header_height
    }
    pub fn body_bottom(&self) -> f32 {
        self.height - self.margin_y - self.footer_height
    }
    pub fn body_height(&self) -> f32 {
        self.body_bottom() - self.body_top()
    }
}

/// A laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    pub draws: Vec<Draw>,
}

/// The result of pagination: pages and bookmarks (title, 1-based page number).
#[derive(Debug, Clone, Default)]
pub struct Paginated {
    pub pages: Vec<PageLayout>,
    pub bookmarks: Vec<(String, usize)>,
}

/// Checks that every glyph lies inside the printable area (the page minus its margins), using
/// the measured widths and the faces' ascent and descent. Returns the first offence.
pub fn check_printable_area(
    fonts: &FontSet,
    page: &PageSetup,
    pages: &[PageLayout],
) -> Result<(), String> {
    for (n, p) in pages.iter().enumerate() {
        for draw in &p.draws {
            if let Draw::Text {
                x,
                baseline,
                text,
                style,
                size,
                width,
                turned,
                ..
            } = draw
            {
                let face = fonts.face(*style);
                let (above, below) = (face.ascent * size, face.descent * size);
                // A turned text runs leftwards from x and hangs above its baseline.
                let (left, top, bottom) = if *turned {
                    (x - width, baseline - below, baseline + above)
                } else {
                    (*x, baseline - above, baseline + below)
                };
                let inside = left >= page.margin_x - EPS
                    && left + width <= page.width - page.margin_x + EPS
                    && top >= page.margin_y - EPS
                    && bottom <= page.height - page.margin_y + EPS;
                if !inside {
                    return Err(format!(
                        "page {}: « {text} » at x={left:.1}..{:.1}, y={top:.1}..{bottom:.1} leaves the printable area",
                        n + 1,
                        left + width
                    ));
                }
            }
        }
    }
    Ok(())
}
