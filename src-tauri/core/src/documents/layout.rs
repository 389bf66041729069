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

use super::fonts::{Face, FontSet, FontStyle};
use super::typography::cannot_start_line;

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

/// A piece of a laid-out line: text in one face, `x` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: FontStyle,
    pub x: f32,
    pub width: f32,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    pub width: f32,
}

impl Line {
    /// The line's text, for tests and diagnostics.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Line breaking

/// A unit the line breaker never splits unless it is wider than the column.
#[derive(Debug, Clone)]
struct Word {
    frags: Vec<(FontStyle, String)>,
    width: f32,
    /// The breakable space before the word (its face and width); `None` at a paragraph start.
    space: Option<(FontStyle, f32)>,
    /// Hard line breaks ("\n") just before the word.
    breaks_before: usize,
}

impl Word {
    fn push(&mut self, style: FontStyle, c: char, width: f32) {
        match self.frags.last_mut() {
            Some((s, text)) if *s == style => text.push(c),
            _ => self.frags.push((style, c.to_string())),
        }
        self.width += width;
    }

    fn is_rtl(&self) -> bool {
        let mut rtl = false;
        for c in self.frags.iter().flat_map(|(_, t)| t.chars()) {
            if is_rtl_char(c) {
                rtl = true;
            } else if c.is_alphabetic() {
                return false;
            }
        }
        rtl
    }
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x07FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Splits rich text into words, replacing what the fonts lack and gluing punctuation that must
/// not start a line to the word before it.
fn words(fonts: &FontSet, spans: &[Span], size: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    let mut space: Option<(FontStyle, f32)> = None;
    let mut breaks = 0;
    for span in spans {
        let face = fonts.face(span.style);
        for raw in span.text.chars() {
            if raw == '\n' || raw == ' ' || raw == '\t' {
                words.extend(current.take());
                if raw == '\n' {
                    breaks += 1;
                    space = None;
                } else if !words.is_empty() && breaks == 0 {
                    space = Some((span.style, face.advance(' ').unwrap_or(0.25) * size));
                }
                continue;
            }
            let Some(c) = face.printable(raw) else {
                continue;
            };
            let width = face.advance(c).unwrap_or(0.0) * size;
            if current.is_none() {
                let glue = breaks == 0 && cannot_start_line(c);
                match (glue, words.pop()) {
                    (true, Some(mut previous)) => {
                        if let Some((style, w)) = space.take() {
                            previous.push(style, ' ', w);
                        }
                        current = Some(previous);
                    }
                    (_, previous) => {
                        words.extend(previous);
                        current = Some(Word {
                            frags: Vec::new(),
                            width: 0.0,
                            space: space.take(),
                            breaks_before: std::mem::take(&mut breaks),
                        });
                    }
                }
            }
            if let Some(word) = current.as_mut() {
                word.push(span.style, c, width);
            }
        }
    }
    words.extend(current);
    words
}

/// Cuts a word wider than `max` into pieces that fit, never starting a piece with punctuation
/// that cannot start a line when it can be avoided. A single glyph wider than `max` is still
/// placed alone (the caller's columns are always wider than any glyph).
fn split_word(fonts: &FontSet, word: Word, size: f32, max: f32) -> Vec<Word> {
    let mut pieces: Vec<Word> = Vec::new();
    let mut current = Word {
        frags: Vec::new(),
        width: 0.0,
        space: word.space,
        breaks_before: word.breaks_before,
    };
    for (style, text) in &word.frags {
        let face = fonts.face(*style);
        for c in text.chars() {
            let w = face.advance(c).unwrap_or(0.0) * size;
            if current.width + w > max + EPS && !current.frags.is_empty() {
                let mut next = Word {
                    frags: Vec::new(),
                    width: 0.0,
                    space: None,
                    breaks_before: 0,
                };
                if cannot_start_line(c) {
                    // Carry the last character over so the punctuation is not first, when
                    // both still fit.
                    if let Some(last) = pop_char(fonts, &mut current, size) {
                        if last.2 + w <= max + EPS {
                            next.push(last.0, last.1, last.2);
                        } else {
                            current.push(last.0, last.1, last.2);
                        }
                    }
                }
                if current.frags.is_empty() {
                    current = next;
                } else {
                    pieces.push(std::mem::replace(&mut current, next));
                }
            }
            current.push(*style, c, w);
        }
    }
    pieces.push(current);
    pieces
}

/// Removes the last character of a word if the word keeps at least one.
fn pop_char(fonts: &FontSet, word: &mut Word, size: f32) -> Option<(FontStyle, char, f32)> {
    let total: usize = word.frags.iter().map(|(_, t)| t.chars().count()).sum();
    if total < 2 {
        return None;
    }
    let (style, text) = word.frags.last_mut()?;
    let style = *style;
    let c = text.pop()?;
    if text.is_empty() {
        word.frags.pop();
    }
    let w = fonts.face(style).advance(c).unwrap_or(0.0) * size;
    word.width -= w;
    Some((style, c, w))
}

/// Builds a line from its words: right-to-left words are put in visual order (a run of them
/// is reversed, and so is each of them), then the pieces are positioned.
fn finish_line(fonts: &FontSet, mut words: Vec<Word>, size: f32) -> Line {
    let mut i = 0;
    while i < words.len() {
        if !words[i].is_rtl() {
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && words[i].is_rtl() {
            i += 1;
        }
        let spaces: Vec<_> = words[start..i].iter().map(|w| w.space).collect();
        words[start..i].reverse();
        for (word, space) in words[start..i].iter_mut().zip(spaces) {
            word.space = space;
            word.frags.reverse();
            for (_, text) in word.frags.iter_mut() {
                *text = text.chars().rev().collect();
            }
        }
    }
    let mut runs: Vec<(FontStyle, String)> = Vec::new();
    let mut push = |style: FontStyle, text: &str| match runs.last_mut() {
        Some((s, t)) if *s == style => t.push_str(text),
        _ => runs.push((style, text.to_string())),
    };
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            let style = word.space.map_or(FontStyle::Regular, |(s, _)| s);
            push(style, " ");
        }
        for (style, text) in &word.frags {
            push(*style, text);
        }
    }
    let mut line = Line::default();
    for (style, text) in runs {
        let width = fonts.face(style).width(&text, size);
        line.pieces.push(Piece {
            text,
            style,
            x: line.width,
            width,
        });
        line.width += width;
    }
    line
}

/// Breaks rich text into lines no wider than `max_width` points at `size` points.
/// Ordinary spaces are the break opportunities, "\n" forces a break, and a word wider than the
/// column is cut. Empty text gives no line.
pub fn break_lines(fonts: &FontSet, spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    let max = max_width.max(0.0);
    let mut lines = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut width = 0.0;
    for word in words(fonts, spans, size) {
        for n in 0..word.breaks_before {
            if n > 0 || !current.is_empty() || !lines.is_empty() {
                lines.push(finish_line(fonts, std::mem::take(&mut current), size));
            }
            width = 0.0;
        }
        let space = if current.is_empty() {
            0.0
        } else {
            word.space.map_or(0.0, |(_, w)| w)
        };
        if width + space + word.width <= max + EPS {
            width += space + word.width;
            current.push(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(finish_line(fonts, std::mem::take(&mut current), size));
        }
        let mut pieces = split_word(fonts, word, size, max);
        let last = pieces.pop();
        for piece in pieces {
            lines.push(finish_line(fonts, vec![piece], size));
        }
        if let Some(last) = last {
            width = last.width;
            current.push(last);
        }
    }
    if !current.is_empty() {
        lines.push(finish_line(fonts, current, size));
    }
    lines
}

/// Shortens `text` with an ellipsis so that it fits on one line of `max_width` points.
pub fn ellipsize(face: &Face, text: &str, size: f32, max_width: f32) -> String {
    let clean: String = text
        .chars()
        .filter_map(|c| face.printable(c))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if face.width(&clean, size) <= max_width {
        return clean;
    }
    let room = max_width - face.width("…", size);
    let mut out = String::new();
    let mut width = 0.0;
    for c in clean.chars() {
        let w = face.advance(c).unwrap_or(0.0) * size;
        if width + w > room {
            break;
        }
        width += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

// ---------------------------------------------------------------------------------------------
// Drawing list, chunks and pages

/// What a page is made of.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// Text on one line; `baseline` from the top of the page; `width` as measured.
    Text {
        x: f32,
        baseline: f32,
        text: String,
        style: FontStyle,
        size: f32,
        color: Rgb,
        width: f32,
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
    fn shifted(mut self, dy: f32) -> Draw {
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

/// One paragraph of a table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub spans: Vec<Span>,
    pub style: TextStyle,
    /// Space above this paragraph when it is not the first of its cell.
    pub gap_before: f32,
}

impl Para {
    pub fn new(spans: Vec<Span>, style: TextStyle) -> Para {
        Para {
            spans,
            style,
            gap_before: 2.0,
        }
    }
}

/// A table's look: fixed column widths (points), padding, rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<f32>,
    pub padding: f32,
    /// Full cell borders (forms, signature boxes) rather than a rule between rows.
    pub grid: bool,
    /// Colour of borders or of the rule between rows; `None` for no line.
    pub rule: Option<Rgb>,
    /// Background of body rows.
    pub fill: Option<Rgb>,
    /// A thick bar on the left of each row (key-facts box).
    pub accent: Option<Rgb>,
    pub min_row_height: f32,
}

impl Table {
    fn width(&self) -> f32 {
        self.columns.iter().sum()
    }
}

/// Builds chunks from blocks, measuring with the shipped fonts.
pub struct Layout<'f> {
    pub fonts: &'f FontSet,
    pub page: PageSetup,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f FontSet, page: PageSetup) -> Layout<'f> {
        Layout { fonts, page }
    }

    /// Baseline of a line of `style` whose box starts at `top`: the glyphs are centred in the
    /// line box, so they never stick out of it.
    fn baseline(&self, top: f32, style: &TextStyle) -> f32 {
        let face = self.fonts.face(FontStyle::Regular);
        top + (style.line_height - (face.ascent + face.descent) * style.size) / 2.0
            + face.ascent * style.size
    }

    fn draw_line(&self, line: &Line, x: f32, top: f32, style: &TextStyle, out: &mut Vec<Draw>) {
        let baseline = self.baseline(top, style);
        for piece in &line.pieces {
            if piece.text.trim().is_empty() {
                continue;
            }
            out.push(Draw::Text {
                x: x + piece.x,
                baseline,
                text: piece.text.clone(),
                style: piece.style,
                size: style.size,
                color: style.color,
                width: piece.width,
            });
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub fn spacer(&self, height: f32) -> Chunk {
        Chunk {
            height,
            discardable: true,
            ..Chunk::default()
        }
    }

    /// A zero-height chunk that starts a new page.
    pub fn page_break(&self) -> Chunk {
        Chunk {
            break_before: true,
            discardable: true,
            ..Chunk::default()
        }
    }

    /// A paragraph, one chunk per line so that it can flow over a page break.
    pub fn paragraph(&self, spans: &[Span], style: TextStyle, indent: f32) -> Vec<Chunk> {
        let x = self.page.left() + indent;
        break_lines(
            self.fonts,
            spans,
            style.size,
            self.page.body_width() - indent,
        )
        .iter()
        .map(|line| {
            let mut draws = Vec::new();
            self.draw_line(line, x, 0.0, &style, &mut draws);
            Chunk {
                height: style.line_height,
                draws,
                ..Chunk::default()
            }
        })
        .collect()
    }

    /// A heading: its lines are kept with what follows; an optional rule underlines it.
    pub fn heading(&self, text: &str, style: TextStyle, rule: Option<Rgb>) -> Vec<Chunk> {
        let spans = [Span::bold(text)];
        let mut chunks = self.paragraph(&spans, style, 0.0);
        if let (Some(color), Some(last)) = (rule, chunks.last_mut()) {
            last.height += 3.0;
            last.draws.push(Draw::Line {
                x1: self.page.left(),
                y1: last.height - 1.0,
                x2: self.page.right(),
                y2: last.height - 1.0,
                color,
                width: 0.8,
            });
        }
        for chunk in chunks.iter_mut() {
            chunk.keep_with_next = true;
        }
        chunks
    }

    /// A bullet list; continuation lines are indented under the text.
    pub fn bullets(&self, items: &[Vec<Span>], style: TextStyle) -> Vec<Chunk> {
        let indent = style.size * 1.2;
        let mut chunks = Vec::new();
        for item in items {
            let lines = break_lines(
                self.fonts,
                item,
                style.size,
                self.page.body_width() - indent,
            );
            for (n, line) in lines.iter().enumerate() {
                let mut draws = Vec::new();
                if n == 0 {
                    let bullet = Line {
                        pieces: vec![Piece {
                            text: "•".into(),
                            style: FontStyle::Bold,
                            x: 0.0,
                            width: self.fonts.face(FontStyle::Bold).width("•", style.size),
                        }],
                        width: 0.0,
                    };
                    let accent = TextStyle {
                        color: ACCENT,
                        ..style
                    };
                    self.draw_line(
                        &bullet,
                        self.page.left() + style.size * 0.2,
                        0.0,
                        &accent,
                        &mut draws,
                    );
                }
                self.draw_line(line, self.page.left() + indent, 0.0, &style, &mut draws);
                chunks.push(Chunk {
                    height: style.line_height,
                    draws,
                    ..Chunk::default()
                });
            }
            if let Some(last) = chunks.last_mut() {
                last.height += style.size * 0.25;
            }
        }
        chunks
    }

    /// A header row: bold labels on a pale background, kept with the first body row.
    pub fn table_header(&self, table: &Table, labels: &[&str], style: TextStyle) -> Chunk {
        let cells: Vec<Vec<Para>> = labels
            .iter()
            .map(|l| vec![Para::new(vec![Span::bold(*l)], style)])
            .collect();
        let header = Table {
            fill: Some(PALE),
            min_row_height: 0.0,
            ..table.clone()
        };
        let mut chunks = self.table_row(&header, &cells);
        let mut chunk = chunks.remove(0);
        chunk.keep_with_next = true;
        chunk
    }

    /// A table row. It is one chunk unless it is taller than a page can hold, in which case
    /// it is sliced between lines.
    pub fn table_row(&self, table: &Table, cells: &[Vec<Para>]) -> Vec<Chunk> {
        struct CellLine {
            line: Line,
            style: TextStyle,
            gap: f32,
        }
        let pad = table.padding;
        let columns: Vec<(f32, f32)> = {
            let mut x = self.page.left();
            table
                .columns
                .iter()
                .map(|w| {
                    let col = (x, *w);
                    x += w;
                    col
                })
                .collect()
        };
        let laid: Vec<Vec<CellLine>> = columns
            .iter()
            .enumerate()
            .map(|(i, (_, w))| {
                let mut out = Vec::new();
                for para in cells.get(i).map(|c| c.as_slice()).unwrap_or(&[]) {
                    let lines =
                        break_lines(self.fonts, &para.spans, para.style.size, w - 2.0 * pad);
                    for (n, line) in lines.into_iter().enumerate() {
                        let gap = if n == 0 && !out.is_empty() {
                            para.gap_before
                        } else {
                            0.0
                        };
                        out.push(CellLine {
                            line,
                            style: para.style,
                            gap,
                        });
                    }
                }
                out
            })
            .collect();

        // Slice so that every slice fits a page under a repeated group heading.
        let max_content = (self.page.body_height() - 100.0).max(50.0) - 2.0 * pad;
        let mut cursors = vec![0usize; laid.len()];
        let mut chunks = Vec::new();
        loop {
            let mut draws = Vec::new();
            let mut content: f32 = 0.0;
            for (i, cell) in laid.iter().enumerate() {
                let (x, _) = columns[i];
                let mut y = pad;
                let mut first = true;
                while let Some(cl) = cell.get(cursors[i]) {
                    let gap = if first { 0.0 } else { cl.gap };
                    if !first && y - pad + gap + cl.style.line_height > max_content {
                        break;
                    }
                    self.draw_line(&cl.line, x + pad, y + gap, &cl.style, &mut draws);
                    y += gap + cl.style.line_height;
                    cursors[i] += 1;
                    first = false;
                }
                content = content.max(y - pad);
            }
            let height = (content + 2.0 * pad).max(table.min_row_height);
            let mut background = Vec::new();
            if let Some(fill) = table.fill {
                background.push(Draw::Rect {
                    x: self.page.left(),
                    y: 0.0,
                    w: table.width(),
                    h: height,
                    fill: Some(fill),
                    stroke: None,
                    line_width: 0.0,
                });
            }
            if let Some(color) = table.accent {
                background.push(Draw::Rect {
                    x: self.page.left(),
                    y: 0.0,
                    w: 2.5,
                    h: height,
                    fill: Some(color),
                    stroke: None,
                    line_width: 0.0,
                });
            }
            match (table.rule, table.grid) {
                (Some(color), true) => {
                    for (x, w) in &columns {
                        background.push(Draw::Rect {
                            x: *x,
                            y: 0.0,
                            w: *w,
                            h: height,
                            fill: None,
                            stroke: Some(color),
                            line_width: 0.6,
                        });
                    }
                }
                (Some(color), false) => background.push(Draw::Line {
                    x1: self.page.left(),
                    y1: height,
                    x2: self.page.left() + table.width(),
                    y2: height,
                    color,
                    width: 0.5,
                }),
                (None, _) => {}
            }
            background.extend(draws);
            chunks.push(Chunk {
                height,
                draws: background,
                ..Chunk::default()
            });
            let done = cursors.iter().zip(&laid).all(|(c, cell)| *c >= cell.len());
            if done {
                return chunks;
            }
        }
    }

    /// Header and footer of every page, with "page N / M".
    pub fn running_texts(
        &self,
        pages: &mut [PageLayout],
        header_left: &str,
        header_right: &str,
        footer_left: &str,
    ) {
        let style = TextStyle::new(8.0, MUTED);
        let face = self.fonts.face(FontStyle::Regular);
        let total = pages.len();
        let header_top = self.page.margin_y;
        let rule_y = self.page.body_top() - 4.0 * MM;
        let footer_rule = self.page.body_bottom() + 4.0 * MM;
        let footer_top = footer_rule + 2.0 * MM;
        for (n, page) in pages.iter_mut().enumerate() {
            let number = format!("page {} / {total}", n + 1);
            let right = ellipsize(face, header_right, style.size, self.page.body_width() / 3.0);
            let right_w = face.width(&right, style.size);
            let number_w = face.width(&number, style.size);
            let left = ellipsize(
                face,
                header_left,
                style.size,
                self.page.body_width() - right_w - 6.0 * MM,
            );
            let footer = ellipsize(
                face,
                footer_left,
                style.size,
                self.page.body_width() - number_w - 6.0 * MM,
            );
            let mut draws = Vec::new();
            let mut text = |text: String, x_right: Option<f32>, top: f32| {
                let width = face.width(&text, style.size);
                let x = match x_right {
                    Some(right) => right - width,
                    None => self.page.left(),
                };
                draws.push(Draw::Text {
                    x,
                    baseline: self.baseline(top, &style),
                    text,
                    style: FontStyle::Regular,
                    size: style.size,
                    color: style.color,
                    width,
                });
            };
            text(left, None, header_top);
            text(right, Some(self.page.right()), header_top);
            text(footer, None, footer_top);
            text(number, Some(self.page.right()), footer_top);
            for y in [rule_y, footer_rule] {
                draws.push(Draw::Line {
                    x1: self.page.left(),
                    y1: y,
                    x2: self.page.right(),
                    y2: y,
                    color: RULE,
                    width: 0.5,
                });
            }
            page.draws.extend(draws);
        }
    }
}

/// The ordered chunks of a document and the continuation headings of its groups.
#[derive(Debug, Default)]
pub struct Flow {
    chunks: Vec<Chunk>,
    groups: Vec<Vec<Chunk>>,
    current: Option<usize>,
}

impl Flow {
    pub fn new() -> Flow {
        Flow::default()
    }

    /// Appends chunks; inside a group they continue it.
    pub fn push(&mut self, chunks: impl IntoIterator<Item = Chunk>) {
        for mut chunk in chunks {
            chunk.group = chunk.group.or(self.current);
            self.chunks.push(chunk);
        }
    }

    /// Appends chunks that belong to no group, even inside one (the group's own heading).
    pub fn push_ungrouped(&mut self, chunks: impl IntoIterator<Item = Chunk>) {
        self.chunks.extend(chunks);
    }

    /// Opens a group whose following chunks repeat `continuation` after a page break.
    pub fn begin_group(&mut self, continuation: Vec<Chunk>) {
        self.groups.push(continuation);
        self.current = Some(self.groups.len() - 1);
    }

    pub fn end_group(&mut self) {
        self.current = None;
    }

    /// Marks the next chunk pushed as the target of a bookmark.
    pub fn bookmark(&mut self, title: &str) {
        // Kept with what follows so that it lands on the page of the heading it announces.
        self.chunks.push(Chunk {
            bookmark: Some(title.to_string()),
            keep_with_next: true,
            ..Chunk::default()
        });
    }

    /// Pours the chunks into pages (see the module documentation for the rules).
    pub fn paginate(self, page: &PageSetup) -> Paginated {
        let body = page.body_height();
        let mut out = Paginated {
            pages: vec![PageLayout::default()],
            ..Paginated::default()
        };
        let mut y = 0.0;
        let place = |out: &mut Paginated, y: &mut f32, chunk: &Chunk| {
            if let Some(title) = &chunk.bookmark {
                out.bookmarks.push((title.clone(), out.pages.len()));
            }
            if let Some(current) = out.pages.last_mut() {
                let top = page.body_top() + *y;
                current
                    .draws
                    .extend(chunk.draws.iter().cloned().map(|d| d.shifted(top)));
            }
            *y += chunk.height;
        };
        for (i, chunk) in self.chunks.iter().enumerate() {
            let at_top = y <= EPS;
            if chunk.break_before && !at_top {
                out.pages.push(PageLayout::default());
                y = 0.0;
                continue;
            }
            if chunk.discardable && at_top && chunk.bookmark.is_none() {
                continue;
            }
            // The run this chunk must share a page with.
            let run: f32 = self.chunks[i..]
                .iter()
                .scan(true, |go, c| {
                    let take = *go;
                    // Spacers between a heading and its text do not break the chain.
                    *go = c.keep_with_next || (c.discardable && !c.break_before);
                    take.then_some(c.height)
                })
                .sum();
            let need = if run <= body { run } else { chunk.height };
            if y + need > body + EPS && !at_top {
                out.pages.push(PageLayout::default());
                y = 0.0;
                if let Some(group) = chunk.group.and_then(|g| self.groups.get(g)) {
                    for c in group {
                        place(&mut out, &mut y, c);
                    }
                }
            }
            place(&mut out, &mut y, chunk);
        }
        out
    }
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
                ..
            } = draw
            {
                let face = fonts.face(*style);
                let top = baseline - face.ascent * size;
                let bottom = baseline + face.descent * size;
                let inside = *x >= page.margin_x - EPS
                    && x + width <= page.width - page.margin_x + EPS
                    && top >= page.margin_y - EPS
                    && bottom <= page.height - page.margin_y + EPS;
                if !inside {
                    return Err(format!(
                        "page {}: « {text} » at x={x:.1}..{:.1}, y={top:.1}..{bottom:.1} leaves the printable area",
                        n + 1,
                        x + width
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::fonts::font_set;
    use crate::documents::typography::{french, NBSP};

    fn fonts() -> &'static FontSet {
        font_set().expect("fonts")
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn short_text_is_one_line_and_measured() {
        let lines = break_lines(fonts(), &[Span::regular("Bonjour le monde")], 10.0, 300.0);
        assert_eq!(texts(&lines), ["Bonjour le monde"]);
        let expected = fonts()
            .face(FontStyle::Regular)
            .width("Bonjour le monde", 10.0);
        assert!((lines[0].width - expected).abs() < 0.01);
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let text = "La coopération transfrontalière rassemble des collectivités de part et d'autre de la frontière";
        let lines = break_lines(fonts(), &[Span::regular(text)], 10.0, 120.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 120.0 + EPS, "{line:?}");
            assert!(!line.text().starts_with(' ') && !line.text().ends_with(' '));
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_column_is_broken() {
        let word = "Rheinland-Pfalz-Saarland-Lothringen-Luxemburg-Wallonie".repeat(3);
        let lines = break_lines(fonts(), &[Span::bold(word.clone())], 12.0, 80.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(line.width <= 80.0 + EPS);
        }
        assert_eq!(texts(&lines).concat(), word);
    }

    #[test]
    fn bold_and_italic_runs_keep_their_faces() {
        let spans = [
            Span::regular("Un "),
            Span::bold("mot gras"),
            Span::italic(" puis italique"),
        ];
        let lines = break_lines(fonts(), &spans, 10.0, 500.0);
        let styles: Vec<_> = lines[0]
            .pieces
            .iter()
            .map(|p| (p.text.as_str(), p.style))
            .collect();
        assert_eq!(
            styles,
            [
                ("Un ", FontStyle::Regular),
                ("mot gras", FontStyle::Bold),
                (" puis italique", FontStyle::Italic)
            ]
        );
        // Pieces are contiguous.
        for pair in lines[0].pieces.windows(2) {
            assert!((pair[0].x + pair[0].width - pair[1].x).abs() < 0.01);
        }
    }

    #[test]
    fn no_line_starts_with_punctuation() {
        // The user typed spaces before the punctuation; a narrow column would otherwise start
        // lines with it.
        let text = french("Quels enjeux ? Quelles réponses ! Le « Eurodistrict » : une gouvernance ; des projets , etc .");
        for width in [40.0, 55.0, 70.0, 90.0, 120.0] {
            for line in break_lines(fonts(), &[Span::regular(text.clone())], 10.0, width) {
                let first = line.text().chars().next().unwrap_or('a');
                assert!(
                    !cannot_start_line(first),
                    "width {width}: {:?}",
                    line.text()
                );
            }
        }
    }

    #[test]
    fn times_are_never_split() {
        let text = french("Accueil des participants à 14 h 30 puis visite à 16 h 45 au pont");
        for width in [45.0, 60.0, 80.0, 100.0] {
            let lines = break_lines(fonts(), &[Span::regular(text.clone())], 10.0, width);
            let joined: Vec<String> = texts(&lines);
            assert!(
                joined
                    .iter()
                    .any(|l| l.contains(&format!("14{NBSP}h{NBSP}30"))),
                "{width}: {joined:?}"
            );
            assert!(
                joined
                    .iter()
                    .any(|l| l.contains(&format!("16{NBSP}h{NBSP}45"))),
                "{width}: {joined:?}"
            );
        }
    }

    #[test]
    fn newlines_force_breaks() {
        let lines = break_lines(fonts(), &[Span::regular("un\ndeux\n\ntrois")], 10.0, 500.0);
        assert_eq!(texts(&lines), ["un", "deux", "", "trois"]);
        assert!(break_lines(fonts(), &[Span::regular("")], 10.0, 100.0).is_empty());
        assert!(break_lines(fonts(), &[Span::regular("   ")], 10.0, 100.0).is_empty());
    }

    #[test]
    fn missing_glyphs_are_replaced_and_rtl_is_reordered() {
        // DejaVu Sans has some emoji (😀) but no CJK ideographs.
        let lines = break_lines(
            fonts(),
            &[Span::regular("Réunion 会议 😀\u{FE0F} fin")],
            10.0,
            500.0,
        );
        let text = lines[0].text();
        assert!(!text.contains('会') && !text.contains('\u{FE0F}'));
        assert!(text.contains('\u{FFFD}') || text.contains('?'));
        let lines = break_lines(
            fonts(),
            &[Span::regular("avant שלום עולם après")],
            10.0,
            500.0,
        );
        assert_eq!(lines[0].text(), "avant םלוע םולש après");
    }

    #[test]
    fn ellipsis_fits() {
        let face = fonts().face(FontStyle::Regular);
        let long = "Très long titre ".repeat(30);
        let short = ellipsize(face, &long, 8.0, 200.0);
        assert!(short.ends_with('…'));
        assert!(face.width(&short, 8.0) <= 200.0);
        assert_eq!(ellipsize(face, "Court", 8.0, 200.0), "Court");
    }

    fn row_table(layout: &Layout) -> Table {
        let w = layout.page.body_width();
        Table {
            columns: vec![w * 0.2, w * 0.5, w * 0.3],
            padding: 4.0,
            grid: false,
            rule: Some(RULE),
            fill: None,
            accent: None,
            min_row_height: 0.0,
        }
    }

    #[test]
    fn rows_are_never_split_and_groups_repeat_their_heading() {
        let layout = Layout::new(fonts(), PageSetup::a4());
        let table = row_table(&layout);
        let heading_style = TextStyle::new(12.0, ACCENT);
        let body = TextStyle::new(9.0, TEXT);
        let mut flow = Flow::new();
        flow.push(layout.paragraph(&[Span::regular("Introduction")], body, 0.0));
        for day in 0..3 {
            let title = format!("Jour {day}");
            flow.bookmark(&title);
            flow.push_ungrouped(layout.heading(&title, heading_style, None));
            flow.begin_group(layout.heading(&format!("{title} (suite)"), heading_style, None));
            for n in 0..25 {
                let cells = vec![
                    vec![Para::new(vec![Span::regular("9 h 00")], body)],
                    vec![Para::new(
                        vec![
                            Span::bold(format!("Séance {day}.{n}")),
                            Span::regular(" texte ".repeat(n % 7 * 10)),
                        ],
                        body,
                    )],
                    vec![Para::new(vec![Span::regular("Intervenant")], body)],
                ];
                flow.push(layout.table_row(&table, &cells));
            }
            flow.end_group();
        }
        let paginated = flow.paginate(&layout.page);
        assert!(paginated.pages.len() > 3);
        assert_eq!(paginated.bookmarks.len(), 3);
        check_printable_area(fonts(), &layout.page, &paginated.pages).expect("inside");
        for page in &paginated.pages {
            // Each session title and its texts are on one page: the row's first text and its
            // rule are on the same page (no row split), checked through the body bound.
            for d in &page.draws {
                if let Draw::Line { y1, .. } = d {
                    assert!(*y1 <= layout.page.body_bottom() + EPS);
                }
            }
        }
        let page_texts: Vec<Vec<String>> = paginated
            .pages
            .iter()
            .map(|p| {
                p.draws
                    .iter()
                    .filter_map(|d| match d {
                        Draw::Text { text, .. } => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // Every page after the first that starts inside a day starts with its "(suite)" heading.
        let continued = page_texts
            .iter()
            .filter(|t| t.first().is_some_and(|s| s.ends_with("(suite)")))
            .count();
        assert!(
            continued >= 2,
            "{:?}",
            page_texts.iter().map(|t| t.first()).collect::<Vec<_>>()
        );
        // A heading is never the last thing on a page.
        for texts in &page_texts {
            if let Some(last) = texts.last() {
                assert!(!last.starts_with("Jour "), "{texts:?}");
            }
        }
    }

    #[test]
    fn a_heading_followed_by_a_spacer_is_not_orphaned() {
        let layout = Layout::new(fonts(), PageSetup::a4());
        let body = TextStyle::new(10.0, TEXT);
        let mut flow = Flow::new();
        // Fill the page to just above its bottom, leaving room for the heading only.
        let line = layout.paragraph(&[Span::regular("ligne")], body, 0.0);
        let per_page = (layout.page.body_height() / body.line_height) as usize;
        for _ in 0..per_page - 1 {
            flow.push(line.clone());
        }
        flow.push(layout.heading("Titre de section", TextStyle::new(12.0, ACCENT), Some(RULE)));
        flow.push([layout.spacer(4.0)]);
        flow.push(layout.paragraph(&[Span::regular("contenu")], body, 0.0));
        let paginated = flow.paginate(&layout.page);
        assert_eq!(paginated.pages.len(), 2);
        let on_second = |s: &str| {
            paginated.pages[1]
                .draws
                .iter()
                .any(|d| matches!(d, Draw::Text { text, .. } if text == s))
        };
        assert!(on_second("Titre de section") && on_second("contenu"));
    }

    #[test]
    fn a_row_taller_than_a_page_is_sliced() {
        let layout = Layout::new(fonts(), PageSetup::a4());
        let table = row_table(&layout);
        let body = TextStyle::new(9.0, TEXT);
        let cells = vec![
            vec![],
            vec![Para::new(vec![Span::regular("mot ".repeat(3000))], body)],
            vec![],
        ];
        let chunks = layout.table_row(&table, &cells);
        assert!(chunks.len() > 1);
        for c in &chunks {
            assert!(c.height <= layout.page.body_height());
        }
        let mut flow = Flow::new();
        flow.push(chunks);
        let paginated = flow.paginate(&layout.page);
        check_printable_area(fonts(), &layout.page, &paginated.pages).expect("inside");
    }

    #[test]
    fn running_texts_number_pages() {
        let layout = Layout::new(fonts(), PageSetup::a4());
        let mut pages = vec![PageLayout::default(), PageLayout::default()];
        layout.running_texts(
            &mut pages,
            &"Titre ".repeat(80),
            "CODE-1",
            "Programme – version du 3 mars 2026",
        );
        let has = |p: &PageLayout, s: &str| {
            p.draws
                .iter()
                .any(|d| matches!(d, Draw::Text { text, .. } if text == s))
        };
        assert!(has(&pages[0], "page 1 / 2"));
        assert!(has(&pages[1], "page 2 / 2"));
        check_printable_area(fonts(), &layout.page, &pages).expect("inside");
    }
}
