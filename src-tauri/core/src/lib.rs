//! Passerelle's core: the domain model and its validation (one file per family of entities),
//! the agenda's rules, the SQLite store (the only place with SQL; full-text search, reference
//! data, read models), the printed documents (pure renderers of plain data) and `printing`
//! (which reads that data from the store), and the exchange formats (CSV, iCalendar, vCard,
//! JSON, backups).
//!
//! Nothing here depends on Tauri: the desktop shell (`src-tauri/app`) and the command line call
//! these functions, and the tests exercise them on real database files.

pub mod agenda;
pub mod attachments;
pub mod bench_support;
pub mod codes;
pub mod coherence;
pub mod completeness;
pub mod documents;
pub mod emergency;
pub mod error;
pub mod example;
pub mod exchange;
pub mod files;
pub mod holidays;
pub mod model;
pub mod printing;
pub mod reference;
pub mod store;
pub mod sync;
pub mod validation;

pub use error::{CoreError, FieldError};

/// The memory allocator every Passerelle program declares (the app, `passerelle-cli`, the
/// benchmarks, so that they measure what users run):
/// `#[global_allocator] static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;`.
/// mimalloc, because printing a large document makes and frees hundreds of thousands of short
/// strings on several threads, where it is markedly faster than the system allocators.
pub use mimalloc::MiMalloc as Allocator;
/// The example study visit (`passerelle demo`, « Ajouter l'exemple »).
pub use store::demo;
pub use store::Store;
