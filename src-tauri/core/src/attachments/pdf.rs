//! The text of a PDF, read with lopdf (already the project's PDF object model): loaded with a
//! bound on every decompressed stream, decrypted when it opens without a password, its pages'
//! text decoded through their fonts' encodings and ToUnicode maps.

use lopdf::{Document, LoadOptions};

use super::MAX_TEXT_BYTES;
use crate::model::FileTextStatus;

/// The most bytes one stream (or one page's content) may inflate to.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Pages whose text is decoded in one call, between checks of the text's length.
const PAGES_PER_BATCH: usize = 32;

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
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return (FileTextStatus::Damaged, String::new());
    }
    let mut text = String::new();
    // A page without text gives no chunk at all; one that cannot be decoded gives an error.
    let (mut read, mut failed) = (0usize, 0usize);
    for batch in pages.chunks(PAGES_PER_BATCH) {
        for chunk in document.extract_text_chunks_with_limit(batch, MAX_STREAM_BYTES) {
            match chunk {
                Ok(chunk) => {
                    read += 1;
                    text.push_str(&chunk);
                    text.push(' ');
                }
                Err(_) => failed += 1,
            }
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
