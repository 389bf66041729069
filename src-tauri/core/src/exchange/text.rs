//! Text files as French users have them, for the CSV exchange: decoding (UTF-8 with or without
//! BOM, Windows-1252 as older Excel saves it), refusing what is not text, reading RFC 4180
//! records with the file line each one starts on, and writing CSV that Excel opens as is
//! (UTF-8 with BOM, `;`, CRLF) with cells that could start a formula neutralised.
//!
//! Also the small conversion every CSV column needs: dd/mm/yyyy dates both ways (the folding
//! of names and labels for matching is `exchange::folding`).

use std::path::Path;

use chrono::NaiveDate;

use crate::error::{CoreError, CoreResult};

/// The largest file an import accepts. Larger files are refused before being read whole:
/// 50 MB is about 100,000 experts with long biographies, far beyond any real directory.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How the bytes of an imported file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 starting with a byte order mark ("CSV UTF-8" in Excel).
    Utf8Bom,
    Utf8,
    /// What Excel for Windows writes for "CSV (séparateur : point-virgule)".
    Windows1252,
}

impl TextEncoding {
    /// The name shown to the user in the import preview.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8Bom => "UTF-8 (avec BOM)",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The cell separator of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Semicolon,
    Comma,
    Tab,
}

impl Separator {
    pub fn char(self) -> char {
        match self {
            Separator::Semicolon => ';',
            Separator::Comma => ',',
            Separator::Tab => '\t',
        }
    }

    /// The name shown to the user in the import preview.
    pub fn label(self) -> &'static str {
        match self {
            Separator::Semicolon => "point-virgule",
            Separator::Comma => "virgule",
            Separator::Tab => "tabulation",
        }
    }
}

/// A size in MB, rounded up to a tenth so that a file just over the limit does not read as
/// the limit itself.
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = bytes.saturating_mul(10).div_ceil(MB);
    if tenths >= 1000 || tenths.is_multiple_of(10) {
        format!("{} Mo", tenths / 10)
    } else {
        format!("{},{} Mo", tenths / 10, tenths % 10)
    }
}

fn too_large(bytes: u64) -> CoreError {
    CoreError::InvalidFile(format!(
        "Le fichier fait {} : c'est plus que la limite de {} pour un import. Découpez-le en \
         plusieurs fichiers ; rien n'a été importé.",
        megabytes(bytes),
        megabytes(MAX_IMPORT_BYTES)
    ))
}

/// Refuses a file above [`MAX_IMPORT_BYTES`] from its size on disk, before reading it, so a
/// 100 MB file never ends up in memory. An unreadable path is an I/O error.
pub fn check_import_size(path: &Path) -> CoreResult<()> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(too_large(size));
    }
    Ok(())
}

/// The file line (1-based) at a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn save_as_csv_hint() -> &'static str {
    "Dans Excel ou LibreOffice, utilisez « Enregistrer sous » et choisissez le format « CSV UTF-8 \
     (délimité par des virgules) » ou « CSV (séparateur : point-virgule) »."
}

/// Decodes an imported file: UTF-8 when it has a BOM or is valid UTF-8, Windows-1252 otherwise.
/// Refuses, with a French message, files over the size limit, empty files, spreadsheets and
/// other binary formats, UTF-16, and text with NUL bytes or control characters.
pub fn decode(bytes: &[u8]) -> CoreResult<(String, TextEncoding)> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(CoreError::InvalidFile(
            "Le fichier est vide : il ne contient aucune ligne.".into(),
        ));
    }
    let format = if bytes.starts_with(b"PK\x03\x04") {
        Some("un classeur Excel (.xlsx) ou LibreOffice (.ods)")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("un classeur Excel ancien format (.xls)")
    } else if bytes.starts_with(b"%PDF") {
        Some("un document PDF")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        Some("un texte en UTF-16 (« Texte Unicode » d'Excel)")
    } else {
        None
    };
    if let Some(format) = format {
        return Err(CoreError::InvalidFile(format!(
            "Ce fichier est {format}, pas un fichier CSV. {}",
            save_as_csv_hint()
        )));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(CoreError::InvalidFile(format!(
            "Le fichier contient des octets nuls (ligne {}) : ce n'est pas un fichier texte CSV. {}",
            line_at(bytes, offset),
            save_as_csv_hint()
        )));
    }
    let (text, encoding) = if bytes.starts_with(UTF8_BOM) {
        match std::str::from_utf8(body) {
            Ok(text) => (text.to_string(), TextEncoding::Utf8Bom),
            Err(error) => {
                return Err(CoreError::InvalidFile(format!(
                    "Le fichier s'annonce en UTF-8 (il commence par une marque BOM) mais contient \
                     des caractères qui ne sont pas de l'UTF-8 (ligne {}). Enregistrez-le de nouveau \
                     au format « CSV UTF-8 ».",
                    line_at(body, error.valid_up_to())
                )))
            }
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), TextEncoding::Utf8),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), TextEncoding::Windows1252)
            }
        }
    };
    check_controls(&text)?;
    Ok((text, encoding))
}

/// Text files have no control characters besides tabs and line ends; a file with many is
/// binary, a file with a few is damaged.
fn check_controls(text: &str) -> CoreResult<()> {
    let is_stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let Some(first) = text.find(is_stray) else {
        return Ok(());
    };
    let count = text.chars().filter(|&c| is_stray(c)).count();
    let total = text.chars().count();
    if count > 32 || (count >= 4 && count * 20 > total) {
        return Err(CoreError::InvalidFile(format!(
            "Le fichier ne semble pas être un fichier texte : il contient {count} caractères de \
             contrôle. {}",
            save_as_csv_hint()
        )));
    }
    let code = text[first..].chars().next().map(|c| c as u32).unwrap_or(0);
    Err(CoreError::InvalidFile(format!(
        "Ligne {} : caractère de contrôle inattendu (U+{code:04X}). Le fichier est peut-être \
         endommagé ; supprimez ce caractère ou enregistrez de nouveau le fichier au format CSV.",
        line_at(text.as_bytes(), first)
    )))
}

/// One CSV record and the file line it starts on (1-based; a quoted cell can span lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Record {
    /// A line with nothing but separators and spaces, as spreadsheets write for empty rows.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

/// Reads RFC 4180 records one at a time: cells separated by `separator`, records by CRLF, LF
/// or CR; a cell in double quotes may hold separators, line ends and doubled quotes. Like
/// Excel, a quote inside an unquoted cell, or after a closing quote, is kept as text. A quote
/// never closed is refused: the file was cut short.
pub struct RecordReader<'a> {
    text: &'a str,
    position: usize,
    line: usize,
    separator: char,
}

impl<'a> RecordReader<'a> {
    pub fn new(text: &'a str, separator: Separator) -> Self {
        RecordReader {
            text,
            position: 0,
            line: 1,
            separator: separator.char(),
        }
    }

    /// The next record, `None` at the end of the text.
    pub fn next_record(&mut self) -> Option<CoreResult<Record>> {
        if self.position >= self.text.len() {
            return None;
        }
        let start_line = self.line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = self.text[self.position..].char_indices().peekable();
        let mut in_quotes = false;
        // Whether the cell so far is only what came before an opening quote (spaces).
        let mut at_cell_start = true;
        let mut end = self.text.len();
        let mut quote_line = start_line;
        while let Some((offset, c)) = chars.next() {
            if in_quotes {
                match c {
                    '"' => {
                        if matches!(chars.peek(), Some((_, '"'))) {
                            chars.next();
                            cell.push('"');
                        } else {
                            in_quotes = false;
                        }
                    }
                    '\n' => {
                        self.line += 1;
                        cell.push(c);
                    }
                    '\r' => {
                        // A bare CR is a line end too (old Mac files).
                        if !matches!(chars.peek(), Some((_, '\n'))) {
                            self.line += 1;
                        }
                        cell.push(c);
                    }
                    _ => cell.push(c),
                }
                continue;
            }
            if c == self.separator {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
                continue;
            }
            match c {
                '"' if at_cell_start && cell.trim().is_empty() => {
                    cell.clear();
                    in_quotes = true;
                    at_cell_start = false;
                    quote_line = self.line;
                }
                '\n' | '\r' => {
                    let mut next = self.position + offset + 1;
                    if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                        next += 1;
                    }
                    self.line += 1;
                    end = next;
                    break;
                }
                _ => {
                    cell.push(c);
                    if !c.is_whitespace() {
                        at_cell_start = false;
                    }
                }
            }
        }
        if in_quotes {
            self.position = self.text.len();
            return Some(Err(CoreError::InvalidFile(format!(
                "Le fichier semble tronqué ou mal formé : le guillemet ouvert ligne {quote_line} \
                 n'est jamais fermé. Vérifiez que le fichier est complet ; rien n'a été importé."
            ))));
        }
        cells.push(cell);
        self.position = end;
        Some(Ok(Record {
            line: start_line,
            cells,
        }))
    }
}

fn starts_like_formula(cell: &str) -> bool {
    matches!(
        cell.trim_start_matches('\'').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// Prefixes with an apostrophe a cell that a spreadsheet would run as a formula (`= + - @`,
/// and tab or CR which some spreadsheets skip before one): Excel then shows it as text. A cell
/// that already starts with apostrophes before such a character gets one more, so that
/// [`unneutralise`] gives back exactly the original.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes [`neutralise`] on import, so an exported file imports back to the same values.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) => rest,
        _ => cell,
    }
}

/// Writes a CSV file as French Excel expects it: UTF-8 with BOM, `;` between cells, CRLF after
/// each record, RFC 4180 quotes where a cell needs them, formula-like cells neutralised.
pub struct CsvWriter {
    out: Vec<u8>,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    pub fn new() -> Self {
        CsvWriter {
            out: UTF8_BOM.to_vec(),
        }
    }

    pub fn record<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(b';');
            }
            let cell = neutralise(cell.as_ref());
            if cell.contains([';', '"', '\n', '\r']) {
                self.out.push(b'"');
                self.out
                    .extend_from_slice(cell.replace('"', "\"\"").as_bytes());
                self.out.push(b'"');
            } else {
                self.out.extend_from_slice(cell.as_bytes());
            }
        }
        self.out.extend_from_slice(b"\r\n");
    }

    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// An ISO date (as stored) written dd/mm/yyyy; anything else is written as it is.
pub fn french_date(iso: &str) -> String {
    crate::validation::parse_date(iso)
        .map(|date| date.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| iso.to_string())
}

/// Reads a date cell: dd/mm/yyyy (also with `.` or `-`, and one-digit day or month) or ISO
/// yyyy-mm-dd. Returns the ISO date, or `None` if it is not a real date.
pub fn parse_french_date(cell: &str) -> Option<String> {
    let cell = cell.trim();
    if let Some(date) = crate::validation::parse_date(cell) {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    let parts: Vec<&str> = cell.split(['/', '.', '-']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, max_len: usize| -> Option<u32> {
        if part.is_empty() || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if year.len() != 4 {
        return None;
    }
    let date =
        NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, separator: Separator) -> CoreResult<Vec<Record>> {
        let mut reader = RecordReader::new(text, separator);
        let mut all = Vec::new();
        while let Some(record) = reader.next_record() {
            all.push(record?);
        }
        Ok(all)
    }

    fn cells(text: &str) -> Vec<Vec<String>> {
        records(text, Separator::Semicolon)
            .unwrap()
            .into_iter()
            .map(|r| r.cells)
            .collect()
    }

    #[test]
    fn quoted_cells_hold_separators_quotes_and_line_ends() {
        let text = "a;\"b;c\";\"dit \"\"oui\"\"\"\r\n\"deux\r\nlignes\";x\r\nfin";
        let all = records(text, Separator::Semicolon).unwrap();
        assert_eq!(all[0].cells, vec!["a", "b;c", "dit \"oui\""]);
        assert_eq!(all[1].cells, vec!["deux\r\nlignes", "x"]);
        assert_eq!((all[0].line, all[1].line, all[2].line), (1, 2, 4));
        assert_eq!(all[2].cells, vec!["fin"]);
    }

    #[test]
    fn lf_and_cr_line_ends_and_stray_quotes_are_read_like_excel() {
        assert_eq!(
            cells("a;b\nc;d\re"),
            vec![vec!["a", "b"], vec!["c", "d"], vec!["e"]]
        );
        assert_eq!(cells("l'\"ami\";x"), vec![vec!["l'\"ami\"", "x"]]);
        assert_eq!(cells("\"a\"b;c"), vec![vec!["ab", "c"]]);
        assert_eq!(cells("a;\n"), vec![vec!["a", ""]]);
    }

    #[test]
    fn an_unclosed_quote_is_a_truncated_file() {
        let error = records("a;b\n1;\"coupé\nau milieu", Separator::Semicolon).unwrap_err();
        assert!(error.to_string().contains("ligne 2"), "{error}");
    }

    #[test]
    fn encodings_are_detected() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFNom\r\n").unwrap().1,
            TextEncoding::Utf8Bom
        );
        assert_eq!(decode("Schäfer".as_bytes()).unwrap().1, TextEncoding::Utf8);
        let (text, encoding) = decode(b"Sch\xE4fer \x80 \x9Cuvre").unwrap();
        assert_eq!(
            (text.as_str(), encoding),
            ("Schäfer € œuvre", TextEncoding::Windows1252)
        );
        assert!(decode(b"\xEF\xBB\xBFSch\xE4fer").is_err());
        assert!(decode(b"PK\x03\x04rest")
            .unwrap_err()
            .to_string()
            .contains("xlsx"));
        assert!(decode(b"a\nb\x00c")
            .unwrap_err()
            .to_string()
            .contains("ligne 2"));
        assert!(decode(b"   \r\n").unwrap_err().to_string().contains("vide"));
        assert!(decode(b"a;b\n\x07;c")
            .unwrap_err()
            .to_string()
            .contains("Ligne 2"));
    }

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        for cell in ["=1+1", "+33 3 88", "-x", "@SOMME(A1)", "\tx", "'=x", "''+1"] {
            let out = neutralise(cell);
            assert!(
                out.starts_with('\'') && out.len() == cell.len() + 1,
                "{cell}"
            );
            assert_eq!(unneutralise(&out), cell);
        }
        assert_eq!(neutralise("Anne"), "Anne");
        assert_eq!(unneutralise("'Anne"), "'Anne");
    }

    #[test]
    fn dates_both_ways() {
        assert_eq!(french_date("2026-03-05"), "05/03/2026");
        assert_eq!(
            parse_french_date("05/03/2026").as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(parse_french_date("5.3.2026").as_deref(), Some("2026-03-05"));
        assert_eq!(
            parse_french_date("2026-03-05").as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(parse_french_date("31/02/2026"), None);
        assert_eq!(parse_french_date("05/03/26"), None);
        assert_eq!(parse_french_date("+5/3/2026"), None);
    }
}
