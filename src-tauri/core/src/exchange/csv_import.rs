//! What the expert and profession CSV imports share: the preview, choices and summary types the
//! interface and the command line use, reading a file into rows under known columns, and
//! turning the per-row plan into a preview or into the writes of one transaction.
//!
//! Decisions, the same for both imports:
//! - the header row names the columns, in any order, accent- and case-insensitively, with a few
//!   usual alternatives ("Courriel" for "E-mail"); unknown columns are ignored and listed in the
//!   preview (`ignoredColumns`); a column named twice, or a required column missing, refuses the
//!   file naming the column;
//! - `;` is expected; a header that reads as one column but splits into known columns on `,`
//!   or on tabs is taken with that separator (the preview says which, `separator`);
//! - a column absent from the file leaves that field of an updated record as it is (empty for
//!   a new record); a present but empty cell empties the field;
//! - rows with nothing in them are skipped; a row with fewer cells than the header, or extra
//!   cells that are not empty, is rejected with its line;
//! - a row matching a record already imported from an earlier line is rejected;
//! - `apply` with rejected rows and `skip_invalid == false` fails with
//!   [`CoreError::InvalidFile`] listing the lines and their reasons, and changes nothing.

use serde::{Deserialize, Serialize};

use super::text::{decode, fold, unneutralise, RecordReader, Separator, TextEncoding};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::store::csv_import::CsvWrite;

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportPreview {
    /// How the file was decoded ([`TextEncoding::label`]).
    pub encoding: String,
    /// The cell separator found ("point-virgule", "virgule", "tabulation").
    pub separator: String,
    /// Data rows read (empty rows not counted), rejected ones included.
    pub rows: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Every row that matches an existing record.
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRow>,
    /// Header names that are not columns of this import, ignored.
    pub ignored_columns: Vec<String>,
}

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedRow {
    /// The file line the row starts on; the header is line 1.
    pub line: usize,
    /// "ligne 14 : adresse e-mail invalide (…)".
    pub reason: String,
}

/// A row that matches a record already in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateRow {
    pub line: usize,
    /// Who or what it is: "Anna Schäfer", "Chargé de coopération transfrontalière".
    pub label: String,
    pub existing_id: String,
    /// What matched: "adresse e-mail", "nom et organisation", "code", "intitulé".
    pub matched_by: String,
    /// Whether the row differs from the record (an update if the user chooses so).
    pub changed: bool,
}

/// What to do with rows that match an existing record and differ from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DuplicatePolicy {
    Update,
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportChoices {
    pub on_duplicate: DuplicatePolicy,
    /// Import the valid rows and leave out the rejected ones; otherwise any rejected row
    /// refuses the whole import.
    pub skip_invalid: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Matching rows that differ, left out because the user chose to skip duplicates.
    pub skipped: usize,
    /// Invalid rows left out (only with `skip_invalid`).
    pub rejected: usize,
}

/// A column of an import: the header written on export and the names accepted on import.
pub(crate) struct Column {
    pub header: &'static str,
    /// Other accepted header names, already folded (see [`fold`]).
    pub aliases: &'static [&'static str],
    pub required: bool,
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

fn first_record(text: &str, separator: Separator) -> CoreResult<Option<super::text::Record>> {
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
    let Some(mut header) = first_record(&text, Separator::Semicolon)? else {
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
            if let Some(other) = first_record(&text, candidate)? {
                let other_mapping = match_header(&other.cells, columns);
                if known(&other_mapping) > known(&mapping) {
                    separator = candidate;
                    header = other;
                    mapping = other_mapping;
                }
            }
        }
    }
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
    if !missing.is_empty() {
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
        return Err(CoreError::InvalidFile(message));
    }
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
            rows.push(Err(RejectedRow {
                line: record.line,
                reason: format!(
                    "ligne {} : {count} cellules au lieu de {expected} ({hint})",
                    record.line
                ),
            }));
            continue;
        }
        // Every named column is within `expected`, so each column of the file gets its cell.
        let mut cells = vec![None; columns.len()];
        for (cell, column) in record.cells.iter().zip(&mapping) {
            if let Some(column) = column {
                cells[*column] = Some(unneutralise(cell).to_string());
            }
        }
        rows.push(Ok(Row {
            line: record.line,
            cells,
        }));
    }
    Ok(Table {
        encoding,
        separator,
        ignored_columns,
        rows,
    })
}

/// A message as part of a sentence: first letter in lower case (unless it starts an acronym),
/// no final full stop.
fn clause(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            let mut out: String = first.to_lowercase().collect();
            out.push_str(&message[first.len_utf8()..]);
            out
        }
        _ => message.to_string(),
    }
}

/// One reason for a row from all its problems, those of the validation included:
/// "ligne 14 : adresse e-mail invalide (…) ; …".
pub(crate) fn row_reason(line: usize, problems: &[String], fields: &[FieldError]) -> String {
    let messages: Vec<String> = problems
        .iter()
        .map(String::as_str)
        .chain(fields.iter().map(|f| f.message.as_str()))
        .map(clause)
        .collect();
    format!("ligne {line} : {}", messages.join(" ; "))
}

/// What one row will do.
pub(crate) enum RowPlan<I> {
    New {
        input: I,
    },
    Matched {
        duplicate: DuplicateRow,
        version: i64,
        input: I,
    },
    Rejected(RejectedRow),
}

/// The plan of a whole file, made against the database as it is.
pub(crate) struct Plan<I> {
    pub encoding: TextEncoding,
    pub separator: Separator,
    pub ignored_columns: Vec<String>,
    pub rows: Vec<RowPlan<I>>,
}

impl<I> Plan<I> {
    pub fn preview(&self) -> CsvImportPreview {
        let mut preview = CsvImportPreview {
            encoding: self.encoding.label().into(),
            separator: self.separator.label().into(),
            rows: self.rows.len(),
            new: 0,
            updated: 0,
            unchanged: 0,
            duplicates: Vec::new(),
            rejected: Vec::new(),
            ignored_columns: self.ignored_columns.clone(),
        };
        for row in &self.rows {
            match row {
                RowPlan::New { .. } => preview.new += 1,
                RowPlan::Matched { duplicate, .. } => {
                    if duplicate.changed {
                        preview.updated += 1;
                    } else {
                        preview.unchanged += 1;
                    }
                    preview.duplicates.push(duplicate.clone());
                }
                RowPlan::Rejected(rejected) => preview.rejected.push(rejected.clone()),
            }
        }
        preview
    }

    /// The writes the user's choices call for, or the refusal when rows are rejected and the
    /// user did not choose to leave them out.
    pub fn into_writes(
        self,
        choices: &CsvImportChoices,
    ) -> CoreResult<(Vec<CsvWrite<I>>, CsvImportSummary)> {
        let rejected: Vec<&RejectedRow> = self
            .rows
            .iter()
            .filter_map(|row| match row {
                RowPlan::Rejected(rejected) => Some(rejected),
                _ => None,
            })
            .collect();
        if !rejected.is_empty() && !choices.skip_invalid {
            const SHOWN: usize = 10;
            let mut reasons: Vec<String> = rejected
                .iter()
                .take(SHOWN)
                .map(|r| r.reason.clone())
                .collect();
            if rejected.len() > SHOWN {
                reasons.push(format!("et {} autre(s)", rejected.len() - SHOWN));
            }
            return Err(CoreError::InvalidFile(format!(
                "Import refusé : {} ligne(s) ne peuvent pas être importées ({}). Corrigez le fichier, \
                 ou choisissez d'ignorer les lignes invalides. Rien n'a été modifié.",
                rejected.len(),
                reasons.join(" ; ")
            )));
        }
        let mut summary = CsvImportSummary {
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            rejected: rejected.len(),
        };
        let mut writes = Vec::new();
        for row in self.rows {
            match row {
                RowPlan::New { input } => {
                    summary.created += 1;
                    writes.push(CsvWrite::Create(input));
                }
                RowPlan::Matched {
                    duplicate,
                    version,
                    input,
                } => {
                    if !duplicate.changed {
                        summary.unchanged += 1;
                    } else if choices.on_duplicate == DuplicatePolicy::Skip {
                        summary.skipped += 1;
                    } else {
                        summary.updated += 1;
                        writes.push(CsvWrite::Update {
                            id: duplicate.existing_id,
                            version,
                            input,
                        });
                    }
                }
                RowPlan::Rejected(_) => {}
            }
        }
        Ok((writes, summary))
    }
}

/// Finds records by folded name, reporting unknown and ambiguous names.
pub(crate) struct NameIndex {
    by_name: std::collections::HashMap<String, Vec<String>>,
}

pub(crate) enum Lookup<'a> {
    Found(&'a str),
    Unknown,
    Ambiguous,
}

impl NameIndex {
    /// `entries` gives, per record id, the names it can be found by; a name shared by two
    /// records is ambiguous.
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let mut by_name: std::collections::HashMap<String, Vec<String>> = Default::default();
        for (id, names) in entries {
            for name in names {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                let ids = by_name.entry(key).or_default();
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_string());
                }
            }
        }
        NameIndex { by_name }
    }

    pub fn find(&self, name: &str) -> Lookup<'_> {
        match self.by_name.get(&fold(name)).map(Vec::as_slice) {
            Some([one]) => Lookup::Found(one),
            Some([_, _, ..]) => Lookup::Ambiguous,
            _ => Lookup::Unknown,
        }
    }
}

/// Reads a multi-valued cell of labels ("Santé | Culture") into ids. Labels are separated by
/// `|`; a piece that is no known label but whose comma-separated parts all are is read as
/// several labels, for cells typed with commas. Unknown or ambiguous labels are returned as
/// problems naming the column.
pub(crate) fn resolve_labels(
    cell: &str,
    index: &NameIndex,
    what: &str,
    problems: &mut Vec<String>,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    fn push(id: &str, ids: &mut Vec<String>) {
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
    }
    for piece in cell.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        match index.find(piece) {
            Lookup::Found(id) => push(id, &mut ids),
            Lookup::Ambiguous => problems.push(format!(
                "{what} « {piece} » : plusieurs enregistrements portent ce nom"
            )),
            Lookup::Unknown => {
                let parts: Vec<&str> = piece
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let found: Vec<&str> = parts
                    .iter()
                    .filter_map(|part| match index.find(part) {
                        Lookup::Found(id) => Some(id),
                        _ => None,
                    })
                    .collect();
                if parts.len() > 1 && found.len() == parts.len() {
                    for id in found {
                        push(id, &mut ids);
                    }
                } else {
                    problems.push(format!(
                        "{what} inconnu(e) « {piece} » (plusieurs valeurs se séparent par « | »)"
                    ));
                }
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column {
            header: "Nom",
            aliases: &["last name"],
            required: true,
        },
        Column {
            header: "E-mail",
            aliases: &["courriel", "email"],
            required: false,
        },
    ];

    #[test]
    fn header_names_are_matched_loosely_and_unknown_ones_listed() {
        let table =
            read_table("courriel;NOM *;Âge\nx@y.fr;Weber;40\n".as_bytes(), COLUMNS).unwrap();
        assert_eq!(table.ignored_columns, vec!["Âge"]);
        let row = table.rows[0].as_ref().unwrap();
        assert_eq!((row.get(0), row.get(1)), (Some("Weber"), Some("x@y.fr")));
    }

    #[test]
    fn comma_and_tab_files_are_recognised_by_their_header() {
        for text in [
            "Nom,E-mail\r\nWeber,a@b.fr\r\n",
            "Nom\tE-mail\nWeber\ta@b.fr\n",
        ] {
            let table = read_table(text.as_bytes(), COLUMNS).unwrap();
            assert_eq!(
                table.rows[0].as_ref().unwrap().get(1),
                Some("a@b.fr"),
                "{text:?}"
            );
        }
        let error = read_table(b"Name|Mail\nWeber|a@b.fr\n", COLUMNS)
            .err()
            .unwrap();
        assert!(error.to_string().contains("séparateur"), "{error}");
    }

    #[test]
    fn the_interface_shapes_are_camel_case() {
        let choices: CsvImportChoices =
            serde_json::from_str(r#"{"onDuplicate":"skip","skipInvalid":true}"#).unwrap();
        assert_eq!(choices.on_duplicate, DuplicatePolicy::Skip);
        assert!(choices.skip_invalid);
        let preview = CsvImportPreview {
            encoding: "UTF-8".into(),
            separator: "point-virgule".into(),
            rows: 1,
            new: 0,
            updated: 1,
            unchanged: 0,
            duplicates: vec![DuplicateRow {
                line: 2,
                label: "Anna Schäfer".into(),
                existing_id: "id".into(),
                matched_by: "adresse e-mail".into(),
                changed: true,
            }],
            rejected: Vec::new(),
            ignored_columns: Vec::new(),
        };
        let json = serde_json::to_string(&preview).unwrap();
        for key in [
            "\"existingId\"",
            "\"matchedBy\"",
            "\"ignoredColumns\"",
            "\"unchanged\"",
        ] {
            assert!(json.contains(key), "{json}");
        }
    }

    #[test]
    fn reasons_read_like_a_sentence() {
        let field = FieldError {
            field: "email".into(),
            message: "Adresse e-mail invalide (exemple : x@y.fr).".into(),
        };
        assert_eq!(
            row_reason(14, &[], &[field]),
            "ligne 14 : adresse e-mail invalide (exemple : x@y.fr)"
        );
        assert_eq!(
            row_reason(3, &["MOT inconnue.".into(), "Pays vide".into()], &[]),
            "ligne 3 : MOT inconnue ; pays vide"
        );
    }
}
