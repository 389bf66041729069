//! Sharing through Apache CouchDB: the replication protocol's client (`remote`) and its errors.
mod error;
mod remote;
pub use error::SyncError;
pub use remote::*;
