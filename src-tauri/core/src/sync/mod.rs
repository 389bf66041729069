//! One directory for a whole team through Apache CouchDB, each laptop a replica that keeps
//! working offline (use case 7 of the product).
//!
//! SQLite stays the only store the interface and the documents read. Each shared record is
//! one CouchDB document (`kind:id`, its body the exchange file's record: `exchange::json::docs`;
//! shipped reference records are `ref:KEY` everywhere). Every write marks its record in the
//! same transaction (migration 10's triggers); a sync then:
//! 1. turns the marked records into revisions (`local::revise`: ids computed from the parent
//!    and the content, as CouchDB does, so the same change is the same revision everywhere;
//!    a deletion is a revision too) and queues them in the outbox;
//! 2. sends the outbox in batches: `_revs_diff`, then `_bulk_docs` with `new_edits: false` and
//!    `_revisions`; a batch leaves the outbox once the server has it;
//! 3. reads the server's `_changes` (`style=all_docs`) from the checkpoint, fetches the
//!    revisions this laptop lacks with their history, and applies them (`local::apply`) in one
//!    transaction with the new checkpoint — so an interruption anywhere loses nothing and
//!    repeats nothing;
//! 4. sends what the changes produced (merges, a record brought back), and records the
//!    checkpoint in the server's `_local/` document too.
//! A colleague's revision that follows ours becomes the record; two branches are merged field
//! by field against their common ancestor, or kept as a conflict for the user with CouchDB's
//! winner shown meanwhile (`merge`, `revs`); a revision whose links have not arrived waits.
//!
//! `remote` is the HTTP client (reqwest on tokio), `error` the layer's error enum; `settings`
//! the « Partage » settings and status as the store keeps them; `engine` the steps above.

pub(crate) mod apply;
mod engine;
mod error;
pub(crate) mod exchange_file;
pub(crate) mod local;
pub(crate) mod merge;
mod remote;
pub(crate) mod revs;
mod settings;

pub use engine::{synchronise, LocalReplica};
pub use error::SyncError;
pub use exchange_file::FileRevisions;
pub use local::IncomingRevision;
pub use remote::*;
pub use settings::{
    SyncChoice, SyncConflict, SyncPhase, SyncProgress, SyncSettings, SyncStatus, SyncSummary,
    SyncWaiting,
};
pub mod keychain;
