//! What a file is, from its first bytes (and, for zip packages, their manifest): the allowed
//! kinds, the refusals (empty, too large, programs, other types) and the check that the content
//! is what the file's extension announces.

use super::{office, refused, MAX_FILE_BYTES};
use crate::error::CoreResult;

/// The extensions a user may attach, for the file dialogs' filter.
pub const ALLOWED_EXTENSIONS: [&str; 12] = [
    "pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "txt", "png", "jpg", "jpeg", "md",
];

/// Extensions the system runs rather than opens: refused whatever the content, since the file is
/// opened with the default application under its own name.
const PROGRAM_EXTENSIONS: [&str; 20] = [
    "exe", "com", "bat", "cmd", "msi", "dll", "scr", "pif", "cpl", "ps1", "vbs", "vbe", "js",
    "jse", "wsf", "hta", "jar", "sh", "app", "lnk",
];

/// The compound-file header: legacy Office files, and Office files protected by a password.
pub(super) const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OfficeKind {
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Pdf,
    Office(OfficeKind),
    Text,
    Png,
    Jpeg,
}

impl Kind {
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Office(OfficeKind::Docx) => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Kind::Office(OfficeKind::Xlsx) => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            Kind::Office(OfficeKind::Pptx) => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Kind::Office(OfficeKind::Odt) => "application/vnd.oasis.opendocument.text",
            Kind::Office(OfficeKind::Ods) => "application/vnd.oasis.opendocument.spreadsheet",
            Kind::Office(OfficeKind::Odp) => "application/vnd.oasis.opendocument.presentation",
            Kind::Text => "text/plain",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
        }
    }

    fn label(self) -> &'static str {
        media_type_label(self.media_type())
    }

    fn from_extension(extension: &str) -> Option<Kind> {
        Some(match extension {
            "pdf" => Kind::Pdf,
            "docx" => Kind::Office(OfficeKind::Docx),
            "xlsx" => Kind::Office(OfficeKind::Xlsx),
            "pptx" => Kind::Office(OfficeKind::Pptx),
            "odt" => Kind::Office(OfficeKind::Odt),
            "ods" => Kind::Office(OfficeKind::Ods),
            "odp" => Kind::Office(OfficeKind::Odp),
            "txt" | "text" | "md" => Kind::Text,
            "png" => Kind::Png,
            "jpg" | "jpeg" | "jpe" => Kind::Jpeg,
            _ => return None,
        })
    }
}

/// The French name of an attached file's type, for messages and lists.
pub fn media_type_label(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "un document PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "un document Word (DOCX)"
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            "un classeur Excel (XLSX)"
        }
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "une présentation PowerPoint (PPTX)"
        }
        "application/vnd.oasis.opendocument.text" => "un texte OpenDocument (ODT)",
        "application/vnd.oasis.opendocument.spreadsheet" => "un classeur OpenDocument (ODS)",
        "application/vnd.oasis.opendocument.presentation" => "une présentation OpenDocument (ODP)",
        "text/plain" => "un texte brut (TXT)",
        "image/png" => "une image PNG",
        "image/jpeg" => "une image JPEG",
        _ => "un fichier d'un autre type",
    }
}

const NOT_ALLOWED: &str = "n'est pas d'un type accepté : seuls les PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, TXT, PNG et JPEG peuvent être joints.";

/// The allowed kind of `bytes`, or the refusal naming the file.
pub(crate) fn detect(name: &str, bytes: &[u8]) -> CoreResult<Kind> {
    if bytes.is_empty() {
        return Err(refused(name, "est vide (0 octet) : il n'a pas été joint."));
    }
    if bytes.len() > MAX_FILE_BYTES {
        let megabytes = format!("{:.1}", bytes.len() as f64 / (1024.0 * 1024.0)).replace('.', ",");
        return Err(refused(
            name,
            format!("({megabytes} Mo) dépasse la limite de 50 Mo : il n'a pas été joint."),
        ));
    }
    let extension = extension(name);
    if is_program(bytes) || PROGRAM_EXTENSIONS.contains(&extension.as_str()) {
        return Err(refused(
            name,
            "est un programme (exécutable ou script) : les programmes ne peuvent pas être joints.",
        ));
    }
    let expected = Kind::from_extension(&extension);
    let kind = content_kind(bytes, expected).ok_or_else(|| refused(name, NOT_ALLOWED))?;
    match expected {
        Some(expected) if expected != kind => Err(refused(
            name,
            format!(
                "n'est pas ce que son extension annonce : son contenu est {}, pas {}. Il n'a pas été joint.",
                kind.label(),
                expected.label()
            ),
        )),
        _ => Ok(kind),
    }
}

/// The lower-case extension of a file name, empty when it has none.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => extension.to_lowercase(),
        _ => String::new(),
    }
}

/// Windows (MZ with a binary header), ELF, Mach-O (and fat binaries, Java classes) and scripts.
fn is_program(bytes: &[u8]) -> bool {
    const MAGICS: [&[u8]; 7] = [
        b"\x7FELF",
        b"\xFE\xED\xFA\xCE",
        b"\xFE\xED\xFA\xCF",
        b"\xCE\xFA\xED\xFE",
        b"\xCF\xFA\xED\xFE",
        b"\xCA\xFE\xBA\xBE",
        b"#!",
    ];
    // "MZ" alone could start a sentence of a text file; a program's header holds NUL bytes.
    let windows = bytes.starts_with(b"MZ") && bytes.iter().take(64).any(|&b| b == 0);
    windows || MAGICS.iter().any(|magic| bytes.starts_with(magic))
}

/// The allowed kind the content is, if any. `expected` (from the extension) only decides what a
/// damaged zip or a password-protected Office file was meant to be.
fn content_kind(bytes: &[u8], expected: Option<Kind>) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1A\n") {
        return Some(Kind::Png);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return Some(Kind::Jpeg);
    }
    let hinted_office = match expected {
        Some(Kind::Office(office)) => Some(office),
        _ => None,
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return office::detect(bytes, hinted_office).map(Kind::Office);
    }
    if bytes.starts_with(COMPOUND_FILE) {
        // A password-protected DOCX/XLSX/PPTX is a compound file holding the encrypted package:
        // attached as what its extension says, its text marked unreadable.
        return match hinted_office {
            Some(office @ (OfficeKind::Docx | OfficeKind::Xlsx | OfficeKind::Pptx)) => {
                Some(Kind::Office(office))
            }
            _ => None,
        };
    }
    looks_like_text(bytes).then_some(Kind::Text)
}

/// UTF-8 (or Windows-1252) text without NUL or other control bytes than tabs, line and page
/// breaks.
fn looks_like_text(bytes: &[u8]) -> bool {
    !bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
}

/// The text of a [`Kind::Text`] file: UTF-8 (its BOM dropped), else Windows-1252, the encoding
/// of text files saved by older Windows programs.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_is_the_last_one_lower_cased() {
        assert_eq!(extension("Rapport.final.PDF"), "pdf");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("dossier.v2/notes"), "");
        assert_eq!(extension("notes"), "");
    }

    #[test]
    fn a_text_starting_with_mz_is_not_a_program() {
        assert!(!is_program(b"MZ est une abreviation."));
        assert!(is_program(b"MZ\x90\x00\x03\x00\x00\x00"));
    }
}
