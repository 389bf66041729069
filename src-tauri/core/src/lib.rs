//! Passerelle's core: the domain model and its validation, the SQLite store, full-text search,
//! the embedded reference data, the example event, the printed documents and the exchange
//! formats (CSV, iCalendar, vCard, JSON, backups).
//!
//! Nothing here depends on Tauri: the desktop shell (`src-tauri/app`) and the command line call
//! these functions, and the tests exercise them on real database files.

pub mod bench_support;
pub mod codes;
pub mod completeness;
pub mod demo;
pub mod documents;
pub mod error;
pub mod exchange;
pub mod model;
pub mod reference;
pub mod store;
pub mod validation;

pub use error::{CoreError, FieldError};
pub use store::Store;
