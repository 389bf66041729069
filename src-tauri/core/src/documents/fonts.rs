//! The font family shipped with the application (DejaVu Sans, see `fonts/LICENSE`) and the glyph
//! metrics the layout engine measures text with.
//!
//! The faces are parsed once per process: parsing four 700 KB TrueType files costs more than
//! laying out a whole programme. Advances of the characters a French programme mostly uses are
//! tabulated at that moment so that measuring a line is a few array look-ups.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::DocumentError;

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    pub(crate) fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
            FontStyle::BoldItalic => 3,
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "DejaVuSans.ttf",
            FontStyle::Bold => "DejaVuSans-Bold.ttf",
            FontStyle::Italic => "DejaVuSans-Oblique.ttf",
            FontStyle::BoldItalic => "DejaVuSans-BoldOblique.ttf",
        }
    }

    /// The face as embedded: the shipped file with its `name` table trimmed by the build script
    /// (`sfnt::with_short_names`: the subset embedded in a PDF copies that table whole), done
    /// once at build time instead of at each start.
    fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf")),
            FontStyle::Bold => include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf")),
            FontStyle::Italic => {
                include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Oblique.ttf"))
            }
            FontStyle::BoldItalic => {
                include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-BoldOblique.ttf"))
            }
        }
    }
}

/// Characters below this code point have their advance tabulated at load time (Latin, Greek,
/// Cyrillic, Hebrew…); General Punctuation is tabulated too (see [`PUNCT_START`]).
const TABLE_LEN: usize = 0x0600;
const PUNCT_START: u32 = 0x2000;
const PUNCT_LEN: usize = 0x0100;

/// One parsed face and its metrics, in ems.
pub struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    /// Distance from the baseline to the top of the tallest glyphs, in ems.
    pub ascent: f32,
    /// Distance from the baseline to the bottom of the descenders, in ems (positive).
    pub descent: f32,
    low: Vec<Option<f32>>,
    punct: Vec<Option<f32>>,
    /// What is printed in place of a character the face lacks.
    replacement: char,
}

impl Face {
    fn load(style: FontStyle) -> Result<Face, DocumentError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(style.bytes(), 0, &mut warnings)
            .ok_or(DocumentError::Font(style.file_name()))?;
        let metrics = parsed.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Face {
            units_per_em,
            ascent: f32::from(metrics.ascender) / units_per_em,
            descent: -f32::from(metrics.descender) / units_per_em,
            parsed,
            low: Vec::new(),
            punct: Vec::new(),
            replacement: '?',
        };
        face.low = (0..TABLE_LEN as u32).map(|cp| face.lookup(cp)).collect();
        face.punct = (0..PUNCT_LEN as u32)
            .map(|i| face.lookup(PUNCT_START + i))
            .collect();
        if face.advance('\u{FFFD}').is_some() {
            face.replacement = '\u{FFFD}';
        }
        Ok(face)
    }

    /// Reads the advance from the font itself. Glyph 0 is `.notdef`: a font answers it for
    /// characters it does not have, so it counts as missing.
    fn lookup(&self, cp: u32) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(cp).filter(|gid| *gid != 0)?;
        Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// The advance of `c` in ems, or `None` when the face has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let cp = c as u32;
        if (cp as usize) < TABLE_LEN {
            return self.low[cp as usize];
        }
        if (PUNCT_START..PUNCT_START + PUNCT_LEN as u32).contains(&cp) {
            return self.punct[(cp - PUNCT_START) as usize];
        }
        self.lookup(cp)
    }

    /// The character actually printed for `c`: itself when the face has it, a no-break space
    /// for a missing space-like character, nothing for invisible format characters (variation
    /// selectors, zero-width joiners that follow emoji…), and a visible replacement otherwise.
    pub fn printable(&self, c: char) -> Option<char> {
        if is_ignorable(c) {
            return None;
        }
        if self.advance(c).is_some() {
            return Some(c);
        }
        if c.is_whitespace() {
            return Some(if self.advance('\u{00A0}').is_some() {
                '\u{00A0}'
            } else {
                ' '
            });
        }
        Some(self.replacement)
    }

    /// Width of `text` at `size` points, for text already passed through [`Face::printable`].
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(c).unwrap_or(0.0))
            .sum::<f32>()
            * size
    }
}

/// Control and default-ignorable characters: they print nothing and must not turn into a
/// replacement mark.
fn is_ignorable(c: char) -> bool {
    let cp = c as u32;
    (c.is_control() && c != '\n' && c != '\t')
        || cp == 0x00AD
        || (0x200B..=0x200F).contains(&cp)
        || (0x202A..=0x202E).contains(&cp)
        || (0x2060..=0x206F).contains(&cp)
        || (0xFE00..=0xFE0F).contains(&cp)
        || cp == 0xFEFF
        || (0xE0000..=0xE0FFF).contains(&cp)
}

/// The four faces of the family.
pub struct FontSet {
    faces: Vec<Face>,
}

impl FontSet {
    pub fn face(&self, style: FontStyle) -> &Face {
        // `faces` always holds the four styles in `FontStyle::ALL` order (built in `load`).
        &self.faces[style.index()]
    }

    fn load() -> Result<FontSet, DocumentError> {
        let faces = FontStyle::ALL
            .iter()
            .map(|s| Face::load(*s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FontSet { faces })
    }
}

/// The shipped family, parsed on first use and shared afterwards.
pub fn font_set() -> Result<&'static FontSet, DocumentError> {
    static FONTS: OnceLock<Result<FontSet, DocumentError>> = OnceLock::new();
    match FONTS.get_or_init(FontSet::load) {
        Ok(fonts) => Ok(fonts),
        Err(err) => Err(err.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_load_and_measure() {
        let fonts = font_set().expect("fonts");
        let regular = fonts.face(FontStyle::Regular);
        let bold = fonts.face(FontStyle::Bold);
        assert!(regular.ascent > 0.7 && regular.ascent < 1.2);
        assert!(regular.descent > 0.1 && regular.descent < 0.4);
        let w = regular.width("Programme", 10.0);
        assert!(w > 40.0 && w < 70.0, "{w}");
        assert!(bold.width("Programme", 10.0) > w);
        assert!(regular.advance('é').is_some());
        assert!(regular.advance('«').is_some());
        assert!(regular.advance('€').is_some());
        assert!(
            regular.advance('\u{202F}').is_some()
                || regular.printable('\u{202F}') == Some('\u{00A0}')
        );
    }

    /// The build script's output is exactly what trimming the shipped file gives, so the PDFs
    /// are the same bytes as when the fonts were trimmed at each start.
    #[test]
    fn the_embedded_faces_are_the_shipped_files_trimmed() {
        let shipped: [&[u8]; 4] = [
            include_bytes!("../../fonts/DejaVuSans.ttf"),
            include_bytes!("../../fonts/DejaVuSans-Bold.ttf"),
            include_bytes!("../../fonts/DejaVuSans-Oblique.ttf"),
            include_bytes!("../../fonts/DejaVuSans-BoldOblique.ttf"),
        ];
        for style in FontStyle::ALL {
            let original = shipped[style.index()];
            let trimmed = super::super::sfnt::with_short_names(original).expect("TrueType");
            assert!(trimmed.len() + 10_000 < original.len(), "{style:?}");
            assert!(trimmed == style.bytes(), "{style:?}");
        }
    }

    #[test]
    fn missing_characters_are_replaced_visibly() {
        let fonts = font_set().expect("fonts");
        let face = fonts.face(FontStyle::Regular);
        // A CJK ideograph: DejaVu Sans has none.
        let r = face.printable('中').expect("visible");
        assert!(r == '\u{FFFD}' || r == '?');
        assert!(face.advance(r).is_some());
        assert_eq!(face.printable('\u{FE0F}'), None);
        assert_eq!(face.printable('\u{200D}'), None);
        assert_eq!(face.printable('\u{0007}'), None);
    }
}
