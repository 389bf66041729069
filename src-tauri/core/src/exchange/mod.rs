//! Exchange with colleagues and other tools: files in and out of the database.
//!
//! - `text`: reading files as French users have them (UTF-8 with or without BOM, Windows-1252;
//!   `;` separator; dd/mm/yyyy dates) and writing CSV that Excel opens as is, with cells that
//!   could start a formula neutralised.
//! - `experts_csv`, `professions_csv`: CSV export and the two-step import (preview, then apply
//!   all in one transaction or nothing). `agenda_csv`: an event's agenda as CSV;
//!   `competences_csv`: the competences report as CSV; `resources_csv`: the library's
//!   catalogue as CSV.
//! - `ics`: events as iCalendar, one VEVENT per session. `vcard`: experts as vCard 4.0.
//! - `json`: the whole database as one versioned exchange file, and its merge on import.
//! - `front`: the one entry point of the window's commands and the command line (format in,
//!   bytes and a proposed file name out; import preview and apply with typed choices).
//!
//! Nothing here runs SQL: reading and writing go through [`crate::Store`].

pub mod agenda_csv;
pub mod competences_csv;
mod csv_import;
pub mod experts_csv;
pub mod folding;
pub mod front;
pub mod ics;
pub mod json;
pub mod participants_csv;
pub mod professions_csv;
pub mod resources_csv;
pub mod text;
pub mod vcard;

pub use csv_import::{
    CsvImportChoices, CsvImportPreview, CsvImportSummary, DuplicatePolicy, DuplicateRow,
    RejectedRow,
};
pub use json::{JsonImportChoices, JsonImportPreview, JsonImportSummary, MergeConflict};
pub use text::{check_import_size, TextEncoding, MAX_IMPORT_BYTES};
