//! A file read against the columns of an import: decoded, its header matched to the columns
//! (in any order, loosely, with the separator guessed from the header when it is not `;`),
//! and each data row cut into the columns' cells.

use super::RejectedRow;
use crate::error::{CoreError, CoreResult};
use crate::exchange::folding::fold;
use crate::exchange::text::{decode, unneutralise, Record, RecordReader, Separator, TextEncoding};

/// A column of an import: the header written on export and the names accepted on import.
pub(crate) struct Column {
    pub header: &'static str,
    /// Other accepted header names, already folded (see [`fold`]).
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl Column {
    /// A column the file may leave out.
    pub(crate) const fn optional(header: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            header,
            aliases,
            required: false,
        }
    }
}

/// One data row: for each column of the import, its cell, or `None` if the file has no such
/// column. Cells have their formula neutralisation undone and are otherwise untouched.
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Option<String>>,
}

impl Row {
    pub fn get(&self, column: usize) -> Option<&str> {
        self.cells.get(column).and_then(|cell| cell.as_deref())
    }

    /// The cell trimmed, or "" when the column is absent.
    pub fn trimmed(&self, column: usize) -> &str {
        self.get(column).map(str::trim).unwrap_or("")
    }
}

/// A file read against the columns of an import.
pub(crate) struct Table {
    pub encoding: TextEncoding,
    pub separator: Separator,
    pub ignored_columns: Vec<String>,
    /// In file order; a row refused before looking at its content (wrong number of cells) is
    /// already its rejection.
    pub rows: Vec<Result<Row, RejectedRow>>,
}

fn header_key(name: &str) -> String {
    fold(name.trim().trim_end_matches(['*', ':']))
}

/// Which column each header cell is, if any.
fn match_header(cells: &[String], columns: &[Column]) -> Vec<Option<usize>> {
    cells
        .iter()
        .map(|cell| {
            let key = header_key(unneutralise(cell));
            columns
                .iter()
                .position(|c| fold(c.header) == key || c.aliases.contains(&key.as_str()))
        })
        .collect()
}

fn first_record(text: &str, separator: Separator) -> CoreResult<Option<Record>> {
    let mut reader = RecordReader::new(text, separator);
    while let Some(record) = reader.next_record() {
        let record = record?;
        if !record.is_blank() {
            return Ok(Some(record));
        }
    }
    Ok(None)
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("« {name} »"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Decodes `bytes` and reads its rows under `columns`. Errors that concern the file as a whole
/// (encoding, truncation, header) are [`CoreError::InvalidFile`]; a row with the wrong number
/// of cells is a rejected row.
pub(crate) fn read_table(bytes: &[u8], columns: &[Column]) -> CoreResult<Table> {
    let (text, encoding) = decode(bytes)?;
    let (header, separator, mapping) = find_header(&text, columns)?;
    check_header(&header, &mapping, columns)?;
    let ignored_columns = header
        .cells
        .iter()
        .zip(&mapping)
        .filter(|(cell, column)| column.is_none() && !cell.trim().is_empty())
        .map(|(cell, _)| cell.trim().to_string())
        .collect();
    // Cells under an unnamed last column are tolerated if empty (spreadsheets pad rows).
    let expected = header
        .cells
        .iter()
        .rposition(|cell| !cell.trim().is_empty())
        .map_or(0, |i| i + 1);
    let mut reader = RecordReader::new(&text, separator);
    let mut rows = Vec::new();
    let mut seen_header = false;
    while let Some(record) = reader.next_record() {
        let record = record?;
        if record.is_blank() {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        rows.push(row_of(&record, expected, &mapping, columns.len()));
    }
    Ok(Table {
        encoding,
        separator,
        ignored_columns,
        rows,
    })
}

/// The header row, the separator it was read with, and which column each of its cells is. A
/// header that reads as one cell is tried with `,` and with tabs: the reading that names more
/// columns wins.
fn find_header(
    text: &str,
    columns: &[Column],
) -> CoreResult<(Record, Separator, Vec<Option<usize>>)> {
    let Some(mut header) = first_record(text, Separator::Semicolon)? else {
        return Err(CoreError::InvalidFile(
            "Le fichier est vide : il ne contient aucune ligne.".into(),
        ));
    };
    let mut separator = Separator::Semicolon;
    let mut mapping = match_header(&header.cells, columns);
    let known = |mapping: &[Option<usize>]| mapping.iter().flatten().count();
    if header.cells.len() == 1 {
        for candidate in [Separator::Comma, Separator::Tab] {
            if !header.cells[0].contains(candidate.char()) {
                continue;
            }
            if let Some(other) = first_record(text, candidate)? {
                let other_mapping = match_header(&other.cells, columns);
                if known(&other_mapping) > known(&mapping) {
                    separator = candidate;
                    header = other;
                    mapping = other_mapping;
                }
            }
        }
    }
    Ok((header, separator, mapping))
}

/// Refuses a header that names a column twice or lacks a required one.
fn check_header(header: &Record, mapping: &[Option<usize>], columns: &[Column]) -> CoreResult<()> {
    for (i, column) in mapping.iter().enumerate() {
        let Some(column) = column else { continue };
        if let Some(j) = mapping[i + 1..].iter().position(|c| c == &Some(*column)) {
            return Err(CoreError::InvalidFile(format!(
                "La colonne « {} » figure deux fois dans la ligne d'en-tête (colonnes {} et {}) : \
                 supprimez ou renommez l'une des deux. Rien n'a été importé.",
                columns[*column].header,
                i + 1,
                i + j + 2
            )));
        }
    }
    let missing: Vec<&str> = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required && !mapping.contains(&Some(*i)))
        .map(|(_, c)| c.header)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{} la ligne d'en-tête (ligne {}) : {}. La première ligne du fichier doit donner le nom \
         des colonnes, comme dans un fichier exporté par Passerelle.",
        if missing.len() == 1 {
            "Colonne obligatoire absente de"
        } else {
            "Colonnes obligatoires absentes de"
        },
        header.line,
        quoted_list(&missing)
    );
    if header.cells.len() == 1 {
        let found: String = header.cells[0].chars().take(60).collect();
        message.push_str(&format!(
            " Cette ligne est lue comme une seule colonne (« {found} ») : le séparateur n'est \
             sans doute pas le bon ; enregistrez le fichier au format CSV avec le séparateur \
             point-virgule."
        ));
    }
    Err(CoreError::InvalidFile(message))
}

/// One data record as a row of `column_count` columns, or its rejection when it has fewer
/// cells than the header or filled cells beyond it.
fn row_of(
    record: &Record,
    expected: usize,
    mapping: &[Option<usize>],
    column_count: usize,
) -> Result<Row, RejectedRow> {
    let count = record.cells.len();
    let extra_filled = record.cells[expected.min(count)..]
        .iter()
        .any(|cell| !cell.trim().is_empty());
    if count < expected || extra_filled {
        let hint = if count < expected {
            "ligne incomplète, ou cellule à plusieurs lignes mal entourée de guillemets ?"
        } else {
            "séparateur en trop dans une cellule non entourée de guillemets ?"
        };
        return Err(RejectedRow {
            line: record.line,
            reason: format!(
                "ligne {} : {count} cellules au lieu de {expected} ({hint})",
                record.line
            ),
        });
    }
    // Every named column is within `expected`, so each column of the file gets its cell.
    let mut cells = vec![None; column_count];
    for (cell, column) in record.cells.iter().zip(mapping) {
        if let Some(column) = column {
            cells[*column] = Some(unneutralise(cell).to_string());
        }
    }
    Ok(Row {
        line: record.line,
        cells,
    })
}
