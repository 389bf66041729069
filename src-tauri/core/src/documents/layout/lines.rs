//! Measuring and line breaking: rich text (spans in the four faces) becomes lines no wider
//! than a column, with French punctuation kept off the start of a line and right-to-left words
//! put in visual order.

use super::{Span, EPS};
use crate::documents::fonts::{Face, FontSet, FontStyle};
use crate::documents::typography::cannot_start_line;

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
    if let [span] = spans {
        if let Some(lines) = break_plain(fonts.face(span.style), span, size, max) {
            return lines;
        }
    }
    break_rich(fonts, spans, size, max)
}

/// The general line breaker (see [`break_lines`]).
pub(super) fn break_rich(fonts: &FontSet, spans: &[Span], size: f32, max: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut width = 0.0;
    for word in words(fonts, spans, size) {
        // Two breaks make one blank line; more still make one, so a text of a million newlines
        // does not print thousands of empty pages. Breaks after the last word make nothing.
        for n in 0..word.breaks_before.min(2) {
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

/// A word of a plain text: its bytes in the text being built and its width.
struct PlainWord {
    start: usize,
    end: usize,
    width: f32,
}

/// [`break_rich`] for the common case of a single span whose characters the face prints as
/// they are, without line breaks, tabs or right-to-left letters, and whose words all fit the
/// column: the same lines, measured with the same sums in the same order, but the words are
/// ranges of one string instead of a string each (a 700-page report breaks ~30,000 cells).
/// `None` when the text is not such a case.
pub(super) fn break_plain(face: &Face, span: &Span, size: f32, max: f32) -> Option<Vec<Line>> {
    let mut text = String::with_capacity(span.text.len());
    let mut words: Vec<PlainWord> = Vec::with_capacity(span.text.len() / 4 + 1);
    let mut current: Option<PlainWord> = None;
    // Without a space glyph, a glued space is measured differently (`split_word`).
    let space_width = face.advance(' ')? * size;
    let mut spaced = false;
    for c in span.text.chars() {
        if c == ' ' {
            words.extend(current.take());
            spaced = !words.is_empty();
            continue;
        }
        if c == '\n' || c == '\t' || is_rtl_char(c) || face.printable(c) != Some(c) {
            return None;
        }
        let width = face.advance(c).unwrap_or(0.0) * size;
        let word = match current.take() {
            Some(word) => word,
            // Punctuation that cannot start a line joins the word before it, space included.
            None if spaced && cannot_start_line(c) => {
                let mut previous = words.pop()?;
                text.push(' ');
                previous.end += 1;
                previous.width += space_width;
                previous
            }
            None => {
                if spaced {
                    text.push(' ');
                }
                PlainWord {
                    start: text.len(),
                    end: text.len(),
                    width: 0.0,
                }
            }
        };
        spaced = false;
        text.push(c);
        current = Some(PlainWord {
            end: text.len(),
            width: word.width + width,
            ..word
        });
    }
    words.extend(current);
    if words.iter().any(|w| w.width > max + EPS) {
        return None;
    }
    let mut lines = Vec::new();
    let mut first = 0;
    let mut width = 0.0;
    for (n, word) in words.iter().enumerate() {
        let space = if n == first { 0.0 } else { space_width };
        if n == first || width + space + word.width <= max + EPS {
            width += space + word.width;
            continue;
        }
        lines.push(plain_line(face, &text, &words[first..n], size, span.style));
        first = n;
        width = word.width;
    }
    if first < words.len() {
        lines.push(plain_line(face, &text, &words[first..], size, span.style));
    }
    Some(lines)
}

/// A line of plain words: one piece, the words separated by one space. [`break_plain`] wrote
/// the words into `text` separated by exactly one space, so the line is one slice of it.
fn plain_line(face: &Face, text: &str, words: &[PlainWord], size: f32, style: FontStyle) -> Line {
    let (start, end) = match (words.first(), words.last()) {
        (Some(first), Some(last)) => (first.start, last.end),
        _ => (0, 0),
    };
    let line_text = text[start..end].to_string();
    let width = face.width(&line_text, size);
    Line {
        pieces: vec![Piece {
            text: line_text,
            style,
            x: 0.0,
            width,
        }],
        width,
    }
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
