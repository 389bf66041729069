//! The blocks of a document as chunks: paragraphs (one chunk per line, so they flow over page
//! breaks), headings kept with what follows, bullet lists, and the running header and footer.

use super::{
    break_lines, ellipsize, Chunk, Draw, Line, PageLayout, PageSetup, Piece, Rgb, Span, TextStyle,
    ACCENT, MM, MUTED, RULE,
};
use crate::documents::fonts::{FontSet, FontStyle};

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
    pub fn baseline(&self, top: f32, style: &TextStyle) -> f32 {
        let face = self.fonts.face(FontStyle::Regular);
        top + (style.line_height - (face.ascent + face.descent) * style.size) / 2.0
            + face.ascent * style.size
    }

    pub fn draw_line(&self, line: Line, x: f32, top: f32, style: &TextStyle, out: &mut Vec<Draw>) {
        let baseline = self.baseline(top, style);
        for piece in line.pieces {
            if piece.text.trim().is_empty() {
                continue;
            }
            out.push(Draw::Text {
                x: x + piece.x,
                baseline,
                text: piece.text,
                style: piece.style,
                size: style.size,
                color: style.color,
                width: piece.width,
                turned: false,
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
        .into_iter()
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
            for (n, line) in lines.into_iter().enumerate() {
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
                        bullet,
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
                    turned: false,
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
