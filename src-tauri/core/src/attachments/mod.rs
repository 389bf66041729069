//! The files a user attaches to a resource, before they reach the store: what they are (from
//! their content, never from their name), whether they are allowed, and the text inside them
//! that the search indexes.
//!
//! A refusal is a [`CoreError::InvalidFile`] whose French message names the file: empty, over
//! [`MAX_FILE_BYTES`], a program, a type outside the list, or a content that is not what its
//! extension says. A file that is allowed but whose text cannot be read (a scanned PDF, an
//! encrypted or damaged one) is *not* refused: [`Inspected::text_status`] says why the text is
//! missing and the file is attached all the same.
//!
//! Everything here reads hostile bytes: the readers return errors rather than panic, every
//! decompression is bounded (PDF streams, zip entries) and the kept text is capped at
//! [`MAX_TEXT_BYTES`].

mod detect;
mod office;
mod pdf;

use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};
use crate::model::FileTextStatus;

pub use detect::{media_type_label, ALLOWED_EXTENSIONS};

/// The largest file that can be attached (50 MB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The most text kept from one file (2 MB of UTF-8, about 600 pages): enough to find any
/// document by its words, and it keeps the index and the exchange file reasonable.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// What [`inspect`] found out about an allowed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    /// The media type detected from the content ("application/pdf"…).
    pub media_type: String,
    pub text_status: FileTextStatus,
    /// The extracted text (whitespace runs folded, capped at [`MAX_TEXT_BYTES`]); empty unless
    /// the status is [`FileTextStatus::Extracted`].
    pub text: String,
}

/// Detects the type from the content, refuses what is not allowed (CoreError::InvalidFile with
/// a French message naming the file), extracts the text.
pub fn inspect(name: &str, bytes: &[u8]) -> CoreResult<Inspected> {
    let kind = detect::detect(name, bytes)?;
    let (text_status, raw) = match kind {
        detect::Kind::Pdf => pdf::extract(bytes),
        detect::Kind::Office(office) => office::extract(office, bytes),
        detect::Kind::Text => (FileTextStatus::Extracted, detect::decode_text(bytes)),
        detect::Kind::Png | detect::Kind::Jpeg => (FileTextStatus::NotIndexed, String::new()),
    };
    let text = fold_whitespace(&raw);
    let text_status = match text_status {
        FileTextStatus::Extracted if text.is_empty() => FileTextStatus::NoText,
        status => status,
    };
    Ok(Inspected {
        media_type: kind.media_type().to_string(),
        text: if text_status == FileTextStatus::Extracted {
            text
        } else {
            String::new()
        },
        text_status,
    })
}

/// The media type of an allowed file, with the same refusals as [`inspect`] but without reading
/// its text (to check a whole exchange file quickly before anything is written).
pub fn media_type_of(name: &str, bytes: &[u8]) -> CoreResult<&'static str> {
    Ok(detect::detect(name, bytes)?.media_type())
}

/// The hex SHA-256 of a content, the key under which the store keeps it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The refusal of one file, its name in the message.
pub(crate) fn refused(name: &str, reason: impl std::fmt::Display) -> CoreError {
    CoreError::InvalidFile(format!("Le fichier « {name} » {reason}"))
}

/// Folds runs of blank characters into one space (a line break when the run had one), drops
/// control characters, and cuts the text at [`MAX_TEXT_BYTES`] on a character boundary.
fn fold_whitespace(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len().min(MAX_TEXT_BYTES));
    let mut pending: Option<char> = None;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            // A control character (a NUL from a bad extraction…) separates words like a space.
            if c == '\n' || pending == Some('\n') {
                pending = Some('\n');
            } else {
                pending = Some(' ');
            }
            continue;
        }
        if let Some(space) = pending.take() {
            if !text.is_empty() {
                if text.len() + 1 > MAX_TEXT_BYTES {
                    break;
                }
                text.push(space);
            }
        }
        if text.len() + c.len_utf8() > MAX_TEXT_BYTES {
            break;
        }
        text.push(c);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_folded_and_lines_kept() {
        assert_eq!(fold_whitespace("  a \t b\n\n  c\u{0}d  "), "a b\nc d");
    }

    #[test]
    fn sha256_of_nothing_is_the_known_one() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
