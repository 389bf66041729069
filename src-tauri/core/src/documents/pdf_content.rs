//! The pages' content streams, written here byte by byte rather than as printpdf operations:
//! a 170-page report spent most of its PDF time in printpdf and lopdf building an object per
//! operator and per operand, then formatting every glyph id and coordinate through
//! `core::fmt`. The operators are the ones printpdf would write (`BT`, `Tf`, `rg`, `Tm`,
//! `Tj`, `re`, `m`/`l`/`S`…); the glyph codes come from printpdf itself (see
//! [`GlyphCodes::read`]), so the fonts it embeds and subsets, their widths and their
//! `/ToUnicode` maps (what makes the text extractable) are unchanged.

use std::collections::{BTreeMap, BTreeSet};

use super::fonts::FontStyle;
use super::layout::{Draw, Rgb};

/// Characters below this get a slot in a table; the others (rare: arrows, symbols) go
/// through a map. 0x2200 covers Latin, the general punctuation (dashes, quotes, the narrow
/// no-break space) and the euro sign.
const TABLE: usize = 0x2200;

/// The two-byte code of each character of one face, ready to be copied into a `Tj` literal
/// string: the raw bytes (half the size of hexadecimal, so half the bytes to deflate), with
/// the three bytes a literal string cannot hold as they are escaped (`\\`, `(`, `)`) and a
/// carriage return too, which a reader would take for a line feed.
#[derive(Debug, Default)]
pub(super) struct GlyphCodes {
    table: Vec<Option<Code>>,
    others: BTreeMap<char, Code>,
}

/// Up to four bytes (two escaped bytes) and how many are used.
type Code = ([u8; 4], u8);

/// Glyph 0 (.notdef).
const NOTDEF: Code = ([0, 0, 0, 0], 2);

fn escaped(pair: [u8; 2]) -> Code {
    let mut code: Code = ([0; 4], 0);
    let mut put = |b: u8| {
        code.0[usize::from(code.1)] = b;
        code.1 += 1;
    };
    for byte in pair {
        match byte {
            b'\\' | b'(' | b')' => {
                put(b'\\');
                put(byte);
            }
            b'\r' => {
                put(b'\\');
                put(b'r');
            }
            _ => put(byte),
        }
    }
    code
}

impl GlyphCodes {
    /// The codes printpdf gave `chars` (in this order) in the one string `shown` it wrote for
    /// them: two bytes per character. `None` when the lengths disagree, that is when
    /// printpdf's encoding is not the one this module expects.
    pub(super) fn read(chars: &BTreeSet<char>, shown: &[u8]) -> Option<GlyphCodes> {
        if shown.len() != 2 * chars.len() {
            return None;
        }
        let mut codes = GlyphCodes {
            table: vec![None; TABLE],
            others: BTreeMap::new(),
        };
        for (c, pair) in chars.iter().zip(shown.chunks_exact(2)) {
            let code = escaped([pair[0], pair[1]]);
            match codes.table.get_mut(*c as usize) {
                Some(slot) => *slot = Some(code),
                None => {
                    codes.others.insert(*c, code);
                }
            }
        }
        Some(codes)
    }

    /// A character never registered shows as glyph 0 (.notdef), as printpdf does for a
    /// character missing from the face.
    fn push(&self, out: &mut Vec<u8>, c: char) {
        let known = match self.table.get(c as usize) {
            Some(slot) => slot.as_ref(),
            None => self.others.get(&c),
        };
        let (bytes, len) = known.unwrap_or(&NOTDEF);
        // Almost every code is two bytes: copied as such, the copy is two stores instead of a
        // call to `memcpy` (millions of characters in a long report).
        if *len == 2 {
            out.extend_from_slice(&bytes[..2]);
        } else {
            out.extend_from_slice(&bytes[..usize::from(*len)]);
        }
    }
}

/// One page's content stream. PDF y grows upwards, ours downwards; fonts, colours and line
/// widths are set only when they change.
pub(super) struct PageWriter<'a> {
    out: Vec<u8>,
    height: f32,
    fonts: &'a [Option<(String, GlyphCodes)>; 4],
    in_text: bool,
    /// Where the last line of text started, in hundredths of a point, while in a text object
    /// and unturned: the next line is placed relative to it (`Td`), which is half the bytes of
    /// a whole text matrix (`Tm`) for a report's thousands of lines. Integers, so that the
    /// offsets add up to exactly the positions a `Tm` would have written.
    line_start: Option<(i64, i64)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    font: Option<(FontStyle, f32)>,
}

impl<'a> PageWriter<'a> {
    pub(super) fn write(
        draws: &[Draw],
        height: f32,
        fonts: &'a [Option<(String, GlyphCodes)>; 4],
    ) -> Vec<u8> {
        let mut page = PageWriter {
            out: Vec::with_capacity(64 * draws.len()),
            height,
            fonts,
            in_text: false,
            line_start: None,
            fill: None,
            stroke: None,
            font: None,
        };
        for draw in draws {
            if page.in_text && !matches!(draw, Draw::Text { .. }) {
                page.out.extend_from_slice(b"ET\n");
                page.in_text = false;
            }
            match draw {
                Draw::Text {
                    x,
                    baseline,
                    text,
                    style,
                    size,
                    color,
                    turned,
                    ..
                } => page.text((*x, *baseline, *turned), text, *style, *size, *color),
                Draw::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                    line_width,
                } => page.rect([*x, *y, *w, *h], *fill, stroke.map(|c| (c, *line_width))),
                Draw::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                    width,
                } => page.line((*x1, *y1), (*x2, *y2), *color, *width),
            }
        }
        if page.in_text {
            page.out.extend_from_slice(b"ET\n");
        }
        page.out
    }

    /// A number followed by a space.
    fn num(&mut self, value: f32, decimals: u32) {
        write_number(&mut self.out, value, decimals);
        self.out.push(b' ');
    }

    /// A length given in hundredths of a point, followed by a space.
    fn hundredths(&mut self, value: i64) {
        write_scaled(&mut self.out, value, 100);
        self.out.push(b' ');
    }

    /// A length in points, to a hundredth of a point (3.5 µm, far below what a printer or a
    /// screen shows): "51.02" rather than "51.023624".
    fn pt(&mut self, value: f32) {
        self.num(value, 2);
    }

    /// A colour component, to a thousandth: finer than the 1/255 steps of an 8-bit colour.
    fn rgb(&mut self, c: Rgb, operator: &[u8]) {
        for v in [c.0, c.1, c.2] {
            self.num(v, 3);
        }
        self.out.extend_from_slice(operator);
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.rgb(c, b"rg\n");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some((c, width)) {
            self.rgb(c, b"RG\n");
            self.pt(width);
            self.out.extend_from_slice(b"w\n");
            self.stroke = Some((c, width));
        }
    }

    /// Text at `(x, baseline, turned)`; a turned text (the upper half of a folded table card)
    /// is drawn with a half-turn text matrix.
    fn text(&mut self, at: (f32, f32, bool), text: &str, style: FontStyle, size: f32, c: Rgb) {
        let (x, baseline, turned) = at;
        let fonts = self.fonts;
        let Some((name, codes)) = &fonts[style.index()] else {
            return;
        };
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.line_start = None;
        }
        if self.font != Some((style, size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(name.as_bytes());
            self.out.push(b' ');
            self.num(size, 2);
            self.out.extend_from_slice(b"Tf\n");
            self.font = Some((style, size));
        }
        self.set_fill(c);
        let at = (hundredths(x), hundredths(self.height - baseline));
        match self.line_start {
            Some(from) if !turned => {
                self.hundredths(at.0 - from.0);
                self.hundredths(at.1 - from.1);
                self.out.extend_from_slice(b"Td\n(");
            }
            _ => {
                self.out
                    .extend_from_slice(if turned { b"-1 0 0 -1 " } else { b"1 0 0 1 " });
                self.hundredths(at.0);
                self.hundredths(at.1);
                self.out.extend_from_slice(b"Tm\n(");
            }
        }
        self.line_start = (!turned).then_some(at);
        self.out.reserve(2 * text.len() + 8);
        for ch in text.chars() {
            codes.push(&mut self.out, ch);
        }
        self.out.extend_from_slice(b") Tj\n");
    }

    fn rect(&mut self, [x, y, w, h]: [f32; 4], fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
        let paint: &[u8] = match (fill, stroke) {
            (Some(_), Some(_)) => b"re\nB\n",
            (Some(_), None) => b"re\nf\n",
            (None, Some(_)) => b"re\nS\n",
            (None, None) => return,
        };
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some((c, width)) = stroke {
            self.set_stroke(c, width);
        }
        self.pt(x);
        self.pt(self.height - y - h);
        self.pt(w);
        self.pt(h);
        self.out.extend_from_slice(paint);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), c: Rgb, width: f32) {
        self.set_stroke(c, width);
        self.pt(from.0);
        self.pt(self.height - from.1);
        self.out.extend_from_slice(b"m\n");
        self.pt(to.0);
        self.pt(self.height - to.1);
        self.out.extend_from_slice(b"l\nS\n");
    }
}

/// Writes `value` rounded to `decimals` places (at most 3), without trailing zeros nor a
/// sign for zero: "12", "12.5", "-0.25". Done by hand because `core::fmt` was a tenth of the
/// time of a large PDF.
pub(super) fn write_number(out: &mut Vec<u8>, value: f32, decimals: u32) {
    let scale = 10_i64.pow(decimals.min(3));
    write_scaled(out, scaled(value, scale), scale);
}

/// `value` × `scale`, rounded. Lengths of a page and colour components are far inside i64;
/// anything absurd gives 0.
fn scaled(value: f32, scale: i64) -> i64 {
    let scaled = (f64::from(value) * scale as f64).round();
    if scaled.is_finite() && scaled.abs() < 1e15 {
        scaled as i64
    } else {
        0
    }
}

/// A length in points as a whole number of hundredths (see [`PageWriter::hundredths`]).
fn hundredths(value: f32) -> i64 {
    scaled(value, 100)
}

/// Writes `scaled` / `scale` (a power of ten) in decimal, without trailing zeros nor a sign
/// for zero.
fn write_scaled(out: &mut Vec<u8>, scaled: i64, scale: i64) {
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = scale.unsigned_abs();
    write_integer(out, magnitude / scale);
    let mut fraction = magnitude % scale;
    if fraction == 0 {
        return;
    }
    out.push(b'.');
    let mut unit = scale / 10;
    while fraction > 0 {
        out.push(b'0' + (fraction / unit) as u8);
        fraction %= unit;
        unit /= 10;
    }
}

fn write_integer(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f32, decimals: u32) -> String {
        let mut out = Vec::new();
        write_number(&mut out, value, decimals);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_short_and_rounded() {
        assert_eq!(number(51.023624, 2), "51.02");
        assert_eq!(number(841.89, 2), "841.89");
        assert_eq!(number(12.0, 2), "12");
        assert_eq!(number(12.5, 2), "12.5");
        assert_eq!(number(0.05, 2), "0.05");
        assert_eq!(number(-0.25, 2), "-0.25");
        assert_eq!(number(-0.001, 2), "0");
        assert_eq!(number(0.0, 2), "0");
        assert_eq!(number(1.0 / 3.0, 3), "0.333");
        assert_eq!(number(1000.0, 0), "1000");
        assert_eq!(number(f32::NAN, 2), "0");
    }

    fn text(x: f32, baseline: f32, turned: bool) -> Draw {
        Draw::Text {
            x,
            baseline,
            text: "a".to_string(),
            style: FontStyle::Regular,
            size: 10.0,
            color: Rgb(0.0, 0.0, 0.0),
            width: 5.0,
            turned,
        }
    }

    #[test]
    fn each_line_of_a_text_object_is_placed_from_the_previous_one_to_the_hundredth() {
        let fonts: [Option<(String, GlyphCodes)>; 4] = [
            Some(("F1".to_string(), GlyphCodes::default())),
            None,
            None,
            None,
        ];
        let draws = [
            text(51.023, 100.0, false),
            text(51.023, 110.456, false),
            text(160.0, 100.004, false),
            text(300.0, 50.0, true),
            text(299.996, 60.0, false),
            Draw::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 1.0,
                y2: 1.0,
                color: Rgb(0.0, 0.0, 0.0),
                width: 1.0,
            },
            text(10.0, 20.0, false),
        ];
        let page = String::from_utf8_lossy(&PageWriter::write(&draws, 800.0, &fonts)).to_string();
        let moves: Vec<&str> = page
            .lines()
            .filter(|l| l.ends_with("Tm") || l.ends_with("Td"))
            .collect();
        assert_eq!(
            moves,
            [
                "1 0 0 1 51.02 700 Tm",
                "0 -10.46 Td",
                "108.98 10.46 Td",
                "-1 0 0 -1 300 750 Tm",
                "1 0 0 1 300 740 Tm",
                "1 0 0 1 10 780 Tm",
            ],
            "{page}"
        );
    }

    fn shown(codes: &GlyphCodes, text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            codes.push(&mut out, c);
        }
        out
    }

    #[test]
    fn glyph_codes_follow_the_string_printpdf_wrote_escaped_for_a_literal_string() {
        let chars: BTreeSet<char> = ['a', 'b', 'c', 'é', '→'].into_iter().collect();
        let written = [0, 1, 0, b'(', b'\\', b')', 0, b'\r', 0x12, 0xAB];
        let codes = GlyphCodes::read(&chars, &written).unwrap();
        assert_eq!(shown(&codes, "a"), [0, 1]);
        assert_eq!(shown(&codes, "b"), [0, b'\\', b'(']);
        assert_eq!(shown(&codes, "c"), [b'\\', b'\\', b'\\', b')']);
        assert_eq!(shown(&codes, "é"), [0, b'\\', b'r']);
        assert_eq!(shown(&codes, "→z"), [0x12, 0xAB, 0, 0]);
        assert!(GlyphCodes::read(&chars, &[0, 1]).is_none());
    }
}
