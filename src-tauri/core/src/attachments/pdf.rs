//! The text of a PDF, read with lopdf (already the project's PDF object model): loaded with a
//! bound on every decompressed stream, decrypted when it opens without a password, its pages'
//! text decoded through their fonts' encodings and ToUnicode maps.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Document, Encoding, LoadOptions, Object, ObjectId};

use super::MAX_TEXT_BYTES;
use crate::model::FileTextStatus;

/// The most bytes one stream (or one page's content) may inflate to.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// The text of a PDF and what could be done with it: an encrypted file that needs a password,
/// or one that does not load, has no text; a file whose pages all fail is damaged; one whose
/// pages hold no text (a scan) is read as an empty text.
pub(super) fn extract(bytes: &[u8]) -> (FileTextStatus, String) {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let document = match Document::load_mem_with_options(bytes, options) {
        Ok(document) => document,
        Err(lopdf::Error::InvalidPassword) => return (FileTextStatus::Encrypted, String::new()),
        Err(_) if declares_encryption(bytes) => return (FileTextStatus::Encrypted, String::new()),
        Err(_) => return (FileTextStatus::Damaged, String::new()),
    };
    // A file that needs a user password loads with its objects left encrypted.
    if document.trailer.get(b"Encrypt").is_ok() && !document.was_encrypted() {
        return (FileTextStatus::Encrypted, String::new());
    }
    if document.get_pages().is_empty() {
        return (FileTextStatus::Damaged, String::new());
    }
    let mut text = String::new();
    // A page without text adds nothing; one that cannot be decoded counts as failed.
    let (mut read, mut failed) = (0usize, 0usize);
    for page_id in document.get_pages().into_values() {
        let before = text.len();
        match page_text(&document, page_id, &mut text) {
            Ok(()) if text.len() > before => {
                read += 1;
                text.push('\n');
            }
            Ok(()) => {}
            Err(_) => failed += 1,
        }
        if text.len() >= 2 * MAX_TEXT_BYTES {
            break;
        }
    }
    if read == 0 && failed > 0 {
        (FileTextStatus::Damaged, String::new())
    } else {
        (FileTextStatus::Extracted, text)
    }
}

/// Whether the file names an encryption dictionary (`/Encrypt`, in its trailer or its
/// cross-reference stream), for a file that did not load.
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|window| window == b"/Encrypt")
}

/// Appends the text of one page: the strings its text operators show, decoded through their
/// fonts' encodings (ToUnicode maps included), with a line break where the text moves to
/// another line and a space where it moves along the same one. lopdf's own extraction ignores
/// the moves (`Td`, `TD`, `Tm`), so the last word of a line and the first of the next came out
/// as one word, which the search could not find.
fn page_text(document: &Document, page_id: ObjectId, text: &mut String) -> lopdf::Result<()> {
    let encodings: BTreeMap<Vec<u8>, Encoding> = document
        .get_page_fonts(page_id)?
        .into_iter()
        .filter_map(|(name, font)| {
            let encoding = font.get_font_encoding_with_limit(document, MAX_STREAM_BYTES);
            encoding.ok().map(|encoding| (name, encoding))
        })
        .collect();
    let content =
        Content::decode(&document.get_page_content_with_limit(page_id, MAX_STREAM_BYTES)?)?;
    let mut encoding = None;
    let mut line_y: Option<f32> = None;
    for operation in &content.operations {
        let operands = &operation.operands;
        match operation.operator.as_str() {
            "Tf" => {
                encoding = operands
                    .first()
                    .and_then(|name| name.as_name().ok())
                    .and_then(|name| encodings.get(name));
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(operation.operator.as_str(), "'" | "\"") {
                    separate(text, '\n');
                }
                // `"` shows its third operand; the others their only one.
                let shown = if operation.operator == "\"" {
                    operands.get(2..)
                } else {
                    Some(&operands[..])
                };
                if let (Some(encoding), Some(shown)) = (encoding, shown) {
                    show(text, encoding, shown)?;
                }
            }
            "T*" | "ET" => separate(text, '\n'),
            "Td" | "TD" => {
                let moves_down = operands.get(1).and_then(number).is_some_and(|ty| ty != 0.0);
                separate(text, if moves_down { '\n' } else { ' ' });
            }
            "Tm" => {
                let y = operands.get(5).and_then(number);
                let same_line = y.is_some() && y == line_y;
                line_y = y;
                separate(text, if same_line { ' ' } else { '\n' });
            }
            _ => {}
        }
        if text.len() >= 2 * MAX_TEXT_BYTES {
            break;
        }
    }
    Ok(())
}

/// Ends what was shown so far with `separator`, unless it already ends with white space.
fn separate(text: &mut String, separator: char) {
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(separator);
    }
}

/// Decodes the strings of a show operator; a large negative kerning in a `TJ` array is a space.
fn show(text: &mut String, encoding: &Encoding, operands: &[Object]) -> lopdf::Result<()> {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => encoding.write_to_string(bytes, text)?,
            Object::Array(items) => show(text, encoding, items)?,
            Object::Integer(kerning) if *kerning < -100 => separate(text, ' '),
            Object::Real(kerning) if *kerning < -100.0 => separate(text, ' '),
            _ => {}
        }
    }
    Ok(())
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(value) => Some(*value as f32),
        Object::Real(value) => Some(*value),
        _ => None,
    }
}
