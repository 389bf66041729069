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
    FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};
use sha2::{Digest, Sha256};

use super::fonts::{FontSet, FontStyle};
use super::layout::{Draw, PageLayout, PageSetup, Paginated, MM};
use super::pdf_content::{GlyphCodes, PageWriter};
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

/// The characters each face prints, for the faces that print something. Marked in a bitmap
/// per face first: a large report prints millions of characters, and inserting each into a
/// `BTreeSet` cost more than the set of a few hundred distinct ones.
fn used_chars(doc: &Paginated) -> [Option<BTreeSet<char>>; 4] {
    const WORDS: usize = (char::MAX as usize >> 6) + 1;
    let mut seen: [Vec<u64>; 4] = Default::default();
    for page in &doc.pages {
        for draw in &page.draws {
            if let Draw::Text { style, text, .. } = draw {
                let bits = &mut seen[style.index()];
                if bits.is_empty() {
                    bits.resize(WORDS, 0);
                }
                for c in text.chars() {
                    let c = c as usize;
                    bits[c >> 6] |= 1 << (c & 63);
                }
            }
        }
    }
    seen.map(|bits| {
        (!bits.is_empty()).then(|| {
            bits.iter()
                .enumerate()
                .flat_map(|(n, word)| {
                    (0..64)
                        .filter(move |bit| word & (1 << bit) != 0)
                        .filter_map(move |bit| char::from_u32((n * 64 + bit) as u32))
                })
                .collect()
        })
    })
}

/// Registers the faces the pages draw with (printpdf embeds every registered font), each under
/// a six-letter name derived from its face and the characters it prints. The name is both the
/// font's resource name in the page contents and the tag of its subset (`ABCDEF+DejaVuSans`):
/// a short, stable name instead of printpdf's random 32 letters repeated at each font change,
/// and two documents that print the same characters embed the same subset under the same tag.
fn add_fonts(
    pdf: &mut PdfDocument,
    fonts: &FontSet,
    used: &[Option<BTreeSet<char>>; 4],
) -> [Option<FontId>; 4] {
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

/// What printpdf is given for the first page: for each face, one string of every character
/// the document prints with it. printpdf subsets the faces from the characters its pages show
/// and numbers the glyphs of each subset; the string it writes back gives each character's
/// code ([`glyph_codes`]), and the pages' real contents are then written by
/// [`PageWriter`].
fn inventory(font_ids: &[Option<FontId>; 4], used: &[Option<BTreeSet<char>>; 4]) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (id, chars) in font_ids.iter().zip(used) {
        if let (Some(id), Some(chars)) = (id, chars) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(1.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(chars.iter().collect())],
            });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Each face's resource name and character codes, read from the first page's contents as
/// printpdf wrote them from [`inventory`].
fn glyph_codes(
    content: &[u8],
    font_ids: &[Option<FontId>; 4],
    used: &[Option<BTreeSet<char>>; 4],
) -> Result<[Option<(String, GlyphCodes)>; 4], DocumentError> {
    let unexpected = || DocumentError::Pdf("codes des caractères introuvables".to_string());
    let content = lopdf::content::Content::decode(content).map_err(|_| unexpected())?;
    let mut codes: [Option<(String, GlyphCodes)>; 4] = Default::default();
    let mut face = None;
    for operation in &content.operations {
        match (operation.operator.as_str(), operation.operands.first()) {
            ("Tf", Some(name)) => {
                let name = name.as_name().map_err(|_| unexpected())?;
                face = font_ids
                    .iter()
                    .position(|id| id.as_ref().is_some_and(|id| id.0.as_bytes() == name));
            }
            ("Tj", Some(shown)) => {
                let index = face.ok_or_else(unexpected)?;
                let (Some(id), Some(chars)) = (&font_ids[index], &used[index]) else {
                    return Err(unexpected());
                };
                let shown = shown.as_str().map_err(|_| unexpected())?;
                let read = GlyphCodes::read(chars, shown).ok_or_else(unexpected)?;
                codes[index] = Some((id.0.clone(), read));
            }
            _ => {}
        }
    }
    if (0..4).any(|i| used[i].is_some() != codes[i].is_some()) {
        return Err(unexpected());
    }
    Ok(codes)
}

/// Replaces each page's contents (the inventory on the first, nothing on the others) with
/// its draws, compressed at [`CONTENT_COMPRESSION`].
fn write_contents(
    lo: &mut lopdf::Document,
    doc: &Paginated,
    height: f32,
    font_ids: &[Option<FontId>; 4],
    used: &[Option<BTreeSet<char>>; 4],
) -> Result<(), DocumentError> {
    let missing = || DocumentError::Pdf("page introuvable".to_string());
    let contents: Vec<lopdf::ObjectId> = lo
        .get_pages()
        .into_values()
        .map(|page| lo.get_page_contents(page).first().copied())
        .collect::<Option<_>>()
        .ok_or_else(missing)?;
    if contents.len() != doc.pages.len() {
        return Err(missing());
    }
    let Some(first) = contents.first() else {
        return Ok(());
    };
    let inventory = lo
        .get_object(*first)
        .and_then(|o| o.as_stream())
        .map_err(|_| missing())?;
    let codes = glyph_codes(&inventory.content, font_ids, used)?;
    let encoded = encode_pages(&doc.pages, height, &codes)?;
    for (id, (content, compressed)) in contents.into_iter().zip(encoded) {
        let stream = lo
            .get_object_mut(id)
            .and_then(|o| o.as_stream_mut())
            .map_err(|_| missing())?;
        set_compressed(stream, content, compressed);
    }
    Ok(())
}

/// Documents of fewer pages than this per thread are encoded on the calling thread: a thread
/// costs more than it saves on a programme of a few pages.
const PAGES_PER_THREAD: usize = 32;

/// Each page's content stream and its deflated form, in page order. A long document's pages
/// are shared between up to four threads (each page is independent of the others): writing
/// and deflating them is most of the time of a 700-page report.
fn encode_pages(
    pages: &[PageLayout],
    height: f32,
    codes: &[Option<(String, GlyphCodes)>; 4],
) -> Result<Vec<(Vec<u8>, Vec<u8>)>, DocumentError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(pages.len() / PAGES_PER_THREAD)
        .clamp(1, 4);
    if threads == 1 {
        return encode_run(pages, height, codes);
    }
    let per_thread = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(per_thread)
            .map(|run| scope.spawn(move || encode_run(run, height, codes)))
            .collect();
        // Every thread is joined before any failure is returned: the scope would otherwise
        // re-raise the panic of a thread left unjoined.
        let joined: Vec<_> = handles.into_iter().map(|h| h.join()).collect();
        let mut encoded = Vec::with_capacity(pages.len());
        for run in joined {
            let run =
                run.map_err(|_| DocumentError::Pdf("écriture des pages interrompue".to_string()))??;
            encoded.extend(run);
        }
        Ok(encoded)
    })
}

/// [`encode_pages`] for consecutive pages, with one deflate state reset between them (a new
/// one is a quarter of a megabyte to allocate and clear).
fn encode_run(
    pages: &[PageLayout],
    height: f32,
    codes: &[Option<(String, GlyphCodes)>; 4],
) -> Result<Vec<(Vec<u8>, Vec<u8>)>, DocumentError> {
    let mut deflate = flate2::Compress::new(flate2::Compression::new(CONTENT_COMPRESSION), true);
    pages
        .iter()
        .map(|page| {
            let content = PageWriter::write(&page.draws, height, codes);
            deflate.reset();
            let mut compressed = Vec::with_capacity(content.len() / 4 + 64);
            loop {
                let status = deflate
                    .compress_vec(
                        &content[deflate.total_in() as usize..],
                        &mut compressed,
                        flate2::FlushCompress::Finish,
                    )
                    .map_err(|e| DocumentError::Pdf(e.to_string()))?;
                if status == flate2::Status::StreamEnd {
                    break;
                }
                compressed.reserve(compressed.capacity().max(1024));
            }
            Ok((content, compressed))
        })
        .collect()
}

/// Serialises the pages to PDF bytes.
pub fn write_pdf(
    fonts: &FontSet,
    setup: &PageSetup,
    doc: &Paginated,
    info: &PdfInfo,
) -> Result<Vec<u8>, DocumentError> {
    let mut pdf = PdfDocument::new(&info.title);

    let used = used_chars(doc);
    let font_ids = add_fonts(&mut pdf, fonts, &used);

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

    let pages = (0..doc.pages.len())
        .map(|i| {
            let ops = if i == 0 {
                inventory(&font_ids, &used)
            } else {
                Vec::new()
            };
            PdfPage::new(Mm(setup.width / MM), Mm(setup.height / MM), ops)
        })
        .collect();
    pdf.with_pages(pages);
    for (title, page) in &doc.bookmarks {
        pdf.add_bookmark(title, *page);
    }

    let options = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    write_contents(&mut lo, doc, setup.height, &font_ids, &used)?;
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

/// zlib's default level, for the fonts and character maps. `lopdf::Document::compress` (what
/// `PdfDocument::save` calls) uses the best one, 9: on a programme it spent several times
/// longer for a file under 1 % smaller.
const STREAM_COMPRESSION: u32 = 6;

/// The page contents' level: they are most of what is deflated (7 MB of operators for a
/// 50,000-observation report, where the fonts are 0.1 MB). At 3 they deflated in half the time
/// of 6 for a file 7 % larger; at 2 (zlib-rs's fast strategy) the report's PDF is written in
/// three quarters of the time of 3 for a file under 1 % larger; 1 is faster again, but a
/// quarter larger.
const CONTENT_COMPRESSION: u32 = 2;

/// Compresses each stream not compressed yet (font files, character maps), as
/// `lopdf::Document::compress` does but at [`STREAM_COMPRESSION`].
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), DocumentError> {
    for object in lo.objects.values_mut() {
        let Ok(stream) = object.as_stream_mut() else {
            continue;
        };
        if stream.allows_compression && stream.dict.get(b"Filter").is_err() {
            compress(stream, STREAM_COMPRESSION)?;
        }
    }
    Ok(())
}

/// Deflates `stream` at `level`, unless it would not shrink.
fn compress(stream: &mut lopdf::Stream, level: u32) -> Result<(), DocumentError> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 4),
        flate2::Compression::new(level),
    );
    encoder
        .write_all(&stream.content)
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    let compressed = encoder
        .finish()
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    let content = std::mem::take(&mut stream.content);
    set_compressed(stream, content, compressed);
    Ok(())
}

/// Sets `stream`'s content to `compressed`, unless it is not smaller than `content`.
fn set_compressed(stream: &mut lopdf::Stream, content: Vec<u8>, compressed: Vec<u8>) {
    if compressed.len() + 19 < content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    } else {
        stream.set_content(content);
    }
}
