//! Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) files: zip packages,
//! recognised by their manifest (`[Content_Types].xml`, or the `mimetype` entry that opens an
//! OpenDocument package), their text streamed out of the XML parts that hold it.
//!
//! A zip can claim any size and inflate a few kilobytes into gigabytes: no entry's declared
//! size is trusted, every read goes through a budget ([`MAX_UNZIPPED_BYTES`] for the whole
//! file), and the text stops at twice [`MAX_TEXT_BYTES`] before folding.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::detect::{OfficeKind, COMPOUND_FILE};
use super::MAX_TEXT_BYTES;
use crate::model::FileTextStatus;

/// The most bytes inflated from one package, all its parts together.
const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;
/// The manifests are small; one larger than this is not an office file's.
const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// The most parts (slides, sheets) read from one package.
const MAX_PARTS: usize = 5_000;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The office kind of a zip package, from its manifest. A zip that does not open is taken for
/// what its extension says (`hint`), so that it is attached with its text marked unreadable.
pub(super) fn detect(bytes: &[u8], hint: Option<OfficeKind>) -> Option<OfficeKind> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return hint;
    };
    if let Some(mimetype) = read_small(&mut archive, "mimetype") {
        return match mimetype.trim() {
            "application/vnd.oasis.opendocument.text" => Some(OfficeKind::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => Some(OfficeKind::Ods),
            "application/vnd.oasis.opendocument.presentation" => Some(OfficeKind::Odp),
            _ => None,
        };
    }
    let types = read_small(&mut archive, "[Content_Types].xml")?;
    // The main part's content type; macro-enabled and template variants have others, and are
    // not accepted.
    let main = |kind: &str| {
        types.contains(&format!(
            "application/vnd.openxmlformats-officedocument.{kind}.main+xml\""
        ))
    };
    if main("wordprocessingml.document") {
        Some(OfficeKind::Docx)
    } else if main("spreadsheetml.sheet") {
        Some(OfficeKind::Xlsx)
    } else if main("presentationml.presentation") {
        Some(OfficeKind::Pptx)
    } else {
        None
    }
}

/// A small entry as text, `None` when absent, too large or not UTF-8.
fn read_small(archive: &mut Archive, name: &str) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry
        .take(MAX_MANIFEST_BYTES + 1)
        .read_to_string(&mut text)
        .ok()?;
    (text.len() as u64 <= MAX_MANIFEST_BYTES).then_some(text)
}

/// The text of an office file and what could be done with it.
pub(super) fn extract(kind: OfficeKind, bytes: &[u8]) -> (FileTextStatus, String) {
    if bytes.starts_with(COMPOUND_FILE) {
        return (FileTextStatus::Encrypted, String::new());
    }
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return (FileTextStatus::Damaged, String::new());
    };
    let parts = text_parts(kind, &archive);
    if parts.is_empty() {
        return (FileTextStatus::Damaged, String::new());
    }
    let mut out = Extraction {
        text: String::new(),
        budget: MAX_UNZIPPED_BYTES,
        failed: false,
    };
    let open_document = matches!(kind, OfficeKind::Odt | OfficeKind::Ods | OfficeKind::Odp);
    for part in parts {
        if out.full() {
            break;
        }
        out.read_part(&mut archive, &part, open_document);
    }
    if out.failed && out.text.trim().is_empty() {
        (FileTextStatus::Damaged, String::new())
    } else {
        (FileTextStatus::Extracted, out.text)
    }
}

/// The XML parts holding a document's text, in reading order.
fn text_parts(kind: OfficeKind, archive: &Archive) -> Vec<String> {
    let numbered = |prefix: &str| {
        let mut parts: Vec<(u32, String)> = archive
            .file_names()
            .filter_map(|name| {
                let name = name.ok()?;
                let number = name.strip_prefix(prefix)?.strip_suffix(".xml")?;
                Some((number.parse().ok()?, name.to_string()))
            })
            .take(MAX_PARTS)
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, name)| name)
    };
    let present = |name: &str| archive.index_for_name(name).map(|_| name.to_string());
    match kind {
        OfficeKind::Docx => [
            "word/document.xml",
            "word/footnotes.xml",
            "word/endnotes.xml",
        ]
        .into_iter()
        .filter_map(present)
        .collect(),
        OfficeKind::Pptx => numbered("ppt/slides/slide").collect(),
        OfficeKind::Xlsx => present("xl/sharedStrings.xml")
            .into_iter()
            .chain(numbered("xl/worksheets/sheet"))
            .collect(),
        OfficeKind::Odt | OfficeKind::Ods | OfficeKind::Odp => {
            present("content.xml").into_iter().collect()
        }
    }
}

struct Extraction {
    text: String,
    /// Bytes that may still be inflated.
    budget: u64,
    /// A part could not be read whole (damaged zip or XML, budget spent).
    failed: bool,
}

impl Extraction {
    fn full(&self) -> bool {
        self.text.len() >= 2 * MAX_TEXT_BYTES || self.budget == 0
    }

    /// Streams one part's text into `self.text`: OOXML text sits in `t` elements (`w:t`, `a:t`,
    /// a sheet's `t`); in OpenDocument every text node of the content is text. Paragraphs,
    /// rows and line breaks become line breaks, tabs and spaces a space.
    fn read_part(&mut self, archive: &mut Archive, name: &str, open_document: bool) {
        let Ok(entry) = archive.by_name(name) else {
            self.failed = true;
            return;
        };
        let mut limited = entry.take(self.budget);
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(&mut limited));
        let mut buf = Vec::new();
        let mut in_text = 0usize;
        loop {
            if self.text.len() >= 2 * MAX_TEXT_BYTES {
                break;
            }
            let event = match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => break,
                Ok(event) => event,
                Err(_) => {
                    self.failed = true;
                    break;
                }
            };
            match event {
                Event::Start(start) if !open_document && start.local_name().as_ref() == "t" => {
                    in_text += 1
                }
                Event::End(end) => match end.local_name().as_ref() {
                    "t" if !open_document => in_text = in_text.saturating_sub(1),
                    "p" | "h" | "si" | "row" | "table-row" => self.text.push('\n'),
                    "c" | "table-cell" => self.text.push(' '),
                    _ => {}
                },
                Event::Empty(empty) => match empty.local_name().as_ref() {
                    "br" | "cr" | "line-break" => self.text.push('\n'),
                    "tab" | "s" => self.text.push(' '),
                    _ => {}
                },
                Event::Text(text) if open_document || in_text > 0 => self.text.push_str(&text),
                Event::CData(data) if open_document || in_text > 0 => self.text.push_str(&data),
                Event::GeneralRef(reference) if open_document || in_text > 0 => {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        self.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&reference)
                    {
                        self.text.push_str(s);
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        drop(reader);
        self.budget = limited.limit();
        if self.budget == 0 {
            self.failed = true;
        }
        self.text.push('\n');
    }
}
