//! Programme versions: each programme sent out is recorded with its number, its date, what
//! changed since the previous one, and the PDF exactly as it was sent.

use serde::{Deserialize, Serialize};

/// One session as a programme version printed it: what the next version compares against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrintedSession {
    pub id: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub title: String,
    /// Speakers' names in their printed order.
    pub speakers: Vec<String>,
}

/// What changed in the agenda since the previous version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionChange {
    /// "first", "added", "removed", "moved", "renamed" or "speakers".
    pub kind: String,
    /// The session concerned, empty for "first".
    pub session_id: String,
    /// In French, for the event page and the command line.
    pub message: String,
}

/// A recorded programme version, without its PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeVersion {
    pub id: String,
    pub event_id: String,
    pub number: i64,
    /// RFC 3339 UTC time it was printed.
    pub created_at: String,
    /// ISO date printed on it (« Version 2 du … »).
    pub version_date: String,
    /// The partner language it was printed bilingual with, or empty.
    pub language: String,
    pub changes: Vec<VersionChange>,
    /// Size of the stored PDF in bytes.
    pub size: i64,
}
