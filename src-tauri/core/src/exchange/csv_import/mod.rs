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
//!
//! `table` reads a file into rows under the import's columns, `plan` turns the rows planned
//! by each import into its preview or its writes, `names` finds records by the names a file
//! gives them.

mod names;
mod plan;
mod table;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub(crate) use self::names::{profession_index, resolve_labels, Lookup, NameIndex};
pub(crate) use self::plan::{row_reason, Plan, RowPlan};
pub(crate) use self::table::{read_table, Column, Row};

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
