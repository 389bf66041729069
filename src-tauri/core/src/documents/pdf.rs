//! Writes laid-out pages as a PDF with printpdf: the faces that are used are embedded and
//! subset, the document information (title, author, subject, dates) is filled in, each day of
//! the agenda gets a bookmark and the catalog declares the language (fr-FR) for screen
//! readers. Sizes are kept down where the bytes are: the fonts' long names are trimmed before
//! subsetting (by the build script, see `sfnt`), coordinates are written to a hundredth of a
//! point, fonts get short stable names, and the dictionaries travel in compressed object
//! streams.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

use super::fonts::{FontSet, FontStyle};
use super::layout::{Draw, PageSetup, Paginated, Rgb, MM};
use super::DocumentError;

/// Document information written in the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Creation date; printpdf would otherwise write 1 January 1970.
    pub created: DateTime<Utc>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// A length in points, rounded to a hundredth of a point (3.5 µm, far below what a printer or
/// a screen shows): the page contents carry "51.02" rather than "51.023624".
fn pt(value: f32) -> Pt {
    Pt((value * 100.0).round() / 100.0)
}

/// Turns one page's draws into printpdf operations (PDF y grows upwards, ours downwards),
/// setting fonts, colours and line widths only when they change.
struct PageOps<'a> {
    height: f32,
    font_ids: &'a [Option<FontId>; 4],
    ops: Vec<Op>,
    in_text: bool,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    font: Option<(FontStyle, f32)>,
}

impl PageOps<'_> {
    fn build(draws: &[Draw], height: f32, font_ids: &[Option<FontId>; 4]) -> Vec<Op> {
        let mut page = PageOps {
            height,
            font_ids,
            ops: Vec::new(),
            in_text: false,
            fill: None,
            stroke: None,
            font: None,
        };
        for draw in draws {
            if page.in_text && !matches!(draw, Draw::Text { .. }) {
                page.ops.push(Op::EndTextSection);
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
                } => page.rect(*x, *y, *w, *h, *fill, stroke.map(|c| (c, *line_width))),
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
            page.ops.push(Op::EndTextSection);
        }
        page.ops
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some((c, width)) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.ops.push(Op::SetOutlineThickness { pt: pt(width) });
            self.stroke = Some((c, width));
        }
    }

    /// Text at `(x, baseline, turned)`; a turned text is drawn with a half-turn text matrix.
    fn text(&mut self, at: (f32, f32, bool), text: &str, style: FontStyle, size: f32, c: Rgb) {
        let (x, baseline, turned) = at;
        let Some(id) = &self.font_ids[style.index()] else {
            return;
        };
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        if self.font != Some((style, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(size),
            });
            self.font = Some((style, size));
        }
        self.set_fill(c);
        let (x, y) = (pt(x), pt(self.height - baseline));
        let matrix = if turned {
            TextMatrix::Raw([-1.0, 0.0, 0.0, -1.0, x.0, y.0])
        } else {
            TextMatrix::Translate(x, y)
        };
        self.ops.push(Op::SetTextMatrix { matrix });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }

    fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some((c, width)) = stroke {
            self.set_stroke(c, width);
        }
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(self.height - y - h),
                width: pt(w),
                height: pt(h),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), c: Rgb, width: f32) {
        self.set_stroke(c, width);
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: pt(x),
                y: pt(self.height - y),
            },
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: PdfLine {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
    }
}

/// Registers the faces the pages draw with (printpdf embeds every registered font), each under
/// a six-letter name derived from its face and the characters it prints. The name is both the
/// font's resource name in the page contents and the tag of its subset (`ABCDEF+DejaVuSans`):
/// a short, stable name instead of printpdf's random 32 letters repeated at each font change,
/// and two documents that print the same characters embed the same subset under the same tag.
fn add_fonts(pdf: &mut PdfDocument, fonts: &FontSet, doc: &Paginated) -> [Option<FontId>; 4] {
    let mut used: [Option<BTreeSet<char>>; 4] = Default::default();
    for page in &doc.pages {
        for draw in &page.draws {
            if let Draw::Text { style, text, .. } = draw {
                used[style.index()]
                    .get_or_insert_with(BTreeSet::new)
                    .extend(text.chars());
            }
        }
    }
    let mut font_ids: [Option<FontId>; 4] = Default::default();
    for style in FontStyle::ALL {
        let Some(chars) = &used[style.index()] else {
            continue;
        };
        let mut hash = Sha256::new();
        hash.update([style.index() as u8]);
        for c in chars {
            hash.update(u32::from(*c).to_le_bytes());
        }
        let tag: String = hash
            .finalize()
            .iter()
            .take(6)
            .map(|byte| char::from(b'A' + byte % 26))
            .collect();
        let id = FontId(tag);
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(fonts.face(style).parsed.clone()));
        font_ids[style.index()] = Some(id);
    }
    font_ids
}

/// Serialises the pages to PDF bytes.
pub fn write_pdf(
    fonts: &FontSet,
    setup: &PageSetup,
    doc: &Paginated,
    info: &PdfInfo,
) -> Result<Vec<u8>, DocumentError> {
    let mut pdf = PdfDocument::new(&info.title);

    let font_ids = add_fonts(&mut pdf, fonts, doc);

    let date = printpdf::OffsetDateTime::from_unix_timestamp(info.created.timestamp())
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    let meta = &mut pdf.metadata.info;
    meta.document_title = info.title.clone();
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.keywords = info.keywords.clone();
    meta.creator = "Passerelle".to_string();
    meta.producer = "Passerelle (printpdf)".to_string();
    meta.creation_date = date;
    meta.modification_date = date;
    meta.metadata_date = date;

    let pages = doc
        .pages
        .iter()
        .map(|p| {
            PdfPage::new(
                Mm(setup.width / MM),
                Mm(setup.height / MM),
                PageOps::build(&p.draws, setup.height, &font_ids),
            )
        })
        .collect();
    pdf.with_pages(pages);
    for (title, page) in &doc.bookmarks {
        pdf.add_bookmark(title, *page);
    }

    let options = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    // The catalog's /Lang (read by screen readers). printpdf has no setting for it; the PDF
    // string object is made by copying the Info dictionary's /Title string (so it is written
    // in the same form) and replacing its bytes.
    let title = lo
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| lo.get_object(id))
        .and_then(|o| o.as_dict())
        .and_then(|d| d.get(b"Title"))
        .ok()
        .cloned();
    if let Some(mut lang) = title {
        if let Ok(bytes) = lang.as_str_mut() {
            *bytes = b"fr-FR".to_vec();
            if let Ok(catalog) = lo.catalog_mut() {
                catalog.set("Lang", lang);
            }
        }
    }
    compress_streams(&mut lo)?;
    // The small dictionaries (pages, fonts, bookmarks, information) go into compressed object
    // streams with a cross-reference stream (PDF 1.5), instead of being written out as plain
    // text: a sixth of a programme.
    let mut bytes = Vec::new();
    lo.save_modern(&mut bytes)
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// zlib's default level. `lopdf::Document::compress` (what `PdfDocument::save` calls) uses the
/// best one, 9: on a programme it spent several times longer for a file under 1 % smaller.
const STREAM_COMPRESSION: u32 = 6;

/// Compresses each stream not compressed yet (page contents, font files, character maps), as
/// `lopdf::Document::compress` does but at [`STREAM_COMPRESSION`]; a stream that would not
/// shrink is left as it is.
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), DocumentError> {
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let Ok(stream) = object.as_stream_mut() else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let level = flate2::Compression::new(STREAM_COMPRESSION);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), level);
        encoder
            .write_all(&stream.content)
            .map_err(|e| DocumentError::Pdf(e.to_string()))?;
        let compressed = encoder
            .finish()
            .map_err(|e| DocumentError::Pdf(e.to_string()))?;
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}
