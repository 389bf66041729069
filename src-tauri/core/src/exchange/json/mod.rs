//! The whole database as one JSON exchange file, and its import with merge: two colleagues
//! exchange their data after a mission, without a server.
//!
//! # The file
//!
//! `{"format": "passerelle-echange", "formatVersion": 1, "organisations": […], …}` with one list
//! per kind of record (organisations, territories, themes, profession families, Interreg
//! programmes, professions, competences, competence observations, experts, training requests
//! with their status history — left out when there are none —, events, sessions, participants
//! with their attendance — left out when there are none —, resources of the library with their
//! ordered authors, links and file references `files: [{id, name, sha256, addedAt}]`, legal
//! notes with their bases — each left out when there are none; the links that are sets, events
//! and sessions included, sorted —, `revisions`, the team sharing's revision of each record
//! (`crate::sync::exchange_file`; left out when the database never shared), and `files`, the
//! contents of the files attached to resources in base64, one per SHA-256 (`files.rs`; left
//! out when there are none).
//! Every record carries its UUID, `createdAt`, `updatedAt` and `version`; links are ids;
//! reference records carry their `referenceKey`. The output is deterministic, so exporting,
//! importing into an empty database and exporting again gives the same bytes: lists sorted by
//! id, keys in a fixed order, links that are sets sorted, ordered links (languages, organisers,
//! speakers) in their order, pretty-printed with a final newline, and no export time.
//!
//! # Reference records
//!
//! A shipped reference record ("mot", "fr-de-border"…) has the same id on every laptop, derived
//! from its table and key (`reference::shipped_id`), and, until its user edits it, the same
//! times (`reference::SHIPPED_AT`); migration 11 gave databases of older releases those ids. A
//! file from an older release still carries the random ids its laptop gave them: on import,
//! each record of the file with a reference key takes the id of ours with that key (or the
//! derived id if we have none), every link of the file follows, and then it is merged like any
//! other — our records never change id. A file of this release needs no mapping, and imported
//! into a fresh database it exports back unchanged. (Exporting reference records by key without
//! ids was the alternative; it would make links in the file a mix of ids and keys.)
//!
//! # Merge
//!
//! Nothing is deleted: records missing from the file are kept. For a record on both sides the
//! import needs to know which side changed it, so the database keeps, per record, the
//! fingerprint (a hash of its content, with links to reference records written by key so that
//! re-keying does not change it) it had when last exchanged — written at export and at import
//! (table `exchange_bases`). Then:
//! - same content on both sides: unchanged;
//! - a shipped reference record never edited in the file (version 1): ours is kept, with its
//!   times — the file's is the shipped data of the colleague's release (older or newer), which
//!   each laptop's own release brings;
//! - a shipped reference record never edited here (version 1, never exchanged) and edited in
//!   the file: the file's version is taken, with its times, so both databases agree;
//! - otherwise no base: a conflict (safe default: the user decides);
//! - changed here only (the file's content is the base): ours is kept;
//! - changed in the file only: the file's is taken, provided its version is higher than ours.
//!   A lower or equal version means the file's record did not grow from ours (for instance we
//!   exported, the colleague never imported that file and edited their older copy), so it is
//!   a conflict instead of a silent loss;
//! - changed on both sides: a conflict.
//!
//! Each conflict is resolved by the user, record by record: "keep mine" or "take the file's"
//! ([`JsonImportChoices::take_incoming`]). Keeping mine counts as a new edit (its version goes
//! above both), so that the colleague's next import takes it. After an import every record of
//! the file has the fingerprint of the file's content as its base.
//!
//! Limits: the base is one per record, not one per colleague. With three or more people
//! exchanging crosswise, a record can come back from someone who never saw our last change; the
//! version rule above turns most such cases into conflicts, not all. A deletion is not carried
//! over: a record deleted here comes back if a colleague's file still has it. (A team with a
//! CouchDB server has neither limit: `crate::sync`; the file's `revisions` keep a file and the
//! server in agreement.)
//!
//! # Checks
//!
//! The file is refused as a whole, with a French message naming the record, when it is too
//! large, truncated, not text, not JSON, JSON of another kind, of a newer format version, has
//! duplicated ids or reference keys or event codes, unknown fields, invalid values (the same
//! rules as the forms, [`crate::validation`]), links to records that exist neither in the file
//! nor here, or when the merged result would break a rule (a session outside its event's dates,
//! two events with one code, one e-mail address registered twice to an event, attendance
//! outside its event's dates). Everything is written in one transaction, or nothing.
//!
//! # Code layout
//!
//! This module is the public front (the functions below and the shapes the interface sees);
//! `shapes` is the file as serde types, `kinds` the kinds of records as one trait, `links` and
//! `fingerprint` what a record points to and how its content is hashed, `export` the way out,
//! `parse`, `duplicates` and `problems` the way in up to a checked file, and `merge` the plan
//! of an import and its result under the user's choices.

pub(crate) mod docs;
mod duplicates;
mod export;
mod files;
mod fingerprint;
mod kinds;
mod links;
mod merge;
mod parse;
mod problems;
mod shapes;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::CoreResult;
use crate::store::{resource_files, snapshot};
use crate::Store;

/// The file's format name, its first key.
pub const FORMAT_NAME: &str = "passerelle-echange";

/// The format version this build writes and the highest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before being read: a database of 10,000 experts, 2,000
/// events and 40,000 sessions exports to about 37 MB; the files attached to resources travel
/// in base64 (a 50 MB file takes about 67 MB), so this leaves room for those records and a few
/// hundred megabytes of documents, while keeping the parsed file (held about three times over
/// while it is read) within a laptop's memory. See `files.rs` for why one JSON file.
pub const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;

/// What an import would do, shown before the user confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonImportPreview {
    pub format_version: u32,
    /// Records of the file that are new here.
    pub added: usize,
    /// Records changed in the file only: the file's version will be taken.
    pub updated: usize,
    pub unchanged: usize,
    /// Records changed here only: ours are kept.
    pub kept_local: usize,
    /// Records changed on both sides: the user chooses.
    pub conflicts: Vec<MergeConflict>,
}

/// A record changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeConflict {
    /// "organisation", "territory", "theme", "profession", "competence", "observation",
    /// "expert", "trainingRequest", "event", "session", "participant" or "legalNote".
    pub entity: String,
    /// The kind in French: "Expert", "Événement"…
    pub entity_label: String,
    /// The record's id (the file's), to name in [`JsonImportChoices::take_incoming`].
    pub id: String,
    /// The record as users know it: "Anna Schäfer", "Séminaire Mobilité (SEM-2026)"…
    pub label: String,
    pub local_updated_at: String,
    pub incoming_updated_at: String,
    /// French names of the fields that differ.
    pub fields: Vec<String>,
}

/// The user's choice for each conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JsonImportChoices {
    /// Ids of the conflicts where the file's version wins; every other conflict keeps ours.
    pub take_incoming: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept_local: usize,
    pub conflicts_taken_from_file: usize,
    pub conflicts_kept_local: usize,
}

/// The whole database as an exchange file (UTF-8 JSON). Records the fingerprint of every
/// exported record as its exchange base, hence `&mut`.
pub fn export(store: &mut Store) -> CoreResult<Vec<u8>> {
    store.write(|tx| {
        let mut lists = export::lists_from_snapshot(snapshot::read_snapshot(tx)?);
        lists.files = files::export_pool(resource_files::all_contents(tx)?);
        lists.revisions = crate::sync::exchange_file::for_export(tx)?;
        let bases = export::bases(&lists);
        let bytes = export::serialise(&lists)?;
        snapshot::write_bases(tx, &bases)?;
        Ok(bytes)
    })
}

/// Refuses a file above [`MAX_FILE_BYTES`] from its size on disk, before reading it. (The CSV
/// limit, `text::MAX_IMPORT_BYTES`, is too small for a whole database.)
pub fn check_file_size(path: &std::path::Path) -> CoreResult<()> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(problems::too_large(size));
    }
    Ok(())
}

/// What importing `bytes` would do; nothing is written. A file that cannot be imported is an
/// [`crate::CoreError::InvalidFile`] naming its problems.
pub fn preview(store: &Store, bytes: &[u8]) -> CoreResult<JsonImportPreview> {
    let (format_version, incoming) = parse::parse(bytes)?;
    let local = export::lists_from_snapshot(snapshot::read_snapshot(store.conn())?);
    let bases = snapshot::read_bases(store.conn())?;
    let plan = merge::plan(format_version, incoming, local, &bases)?;
    if let Err(error) = plan.check_final(&HashSet::new()) {
        // Some choices may still make the result sound (taking the file's version of an
        // event whose dates moved, say): the preview lets the user choose, and the import
        // checks the chosen combination.
        let all = plan.conflict_ids();
        if all.is_empty() || plan.check_final(&all).is_err() {
            return Err(error);
        }
    }
    Ok(plan.preview())
}

/// Imports `bytes` with the user's choices for the conflicts, in one transaction: the plan is
/// made again inside it, so a change made since the preview is taken into account.
pub fn apply(
    store: &mut Store,
    bytes: &[u8],
    choices: &JsonImportChoices,
) -> CoreResult<JsonImportSummary> {
    let (format_version, mut incoming) = parse::parse(bytes)?;
    let revisions = std::mem::take(&mut incoming.revisions);
    // The files' text is read before the transaction: it can take a while for large PDFs.
    let contents = files::prepare(&incoming.files)?;
    // The pool's entries stay for the link check (by SHA-256), their base64 is freed.
    for entry in &mut incoming.files {
        drop(std::mem::take(&mut entry.data));
    }
    store.write(|tx| {
        // The contents first: the records that name them point to them.
        resource_files::insert_contents(tx, &contents)?;
        let local = export::lists_from_snapshot(snapshot::read_snapshot(tx)?);
        let bases = snapshot::read_bases(tx)?;
        let plan = merge::plan(format_version, incoming, local, &bases)?;
        let take: HashSet<&str> = choices.take_incoming.iter().map(String::as_str).collect();
        plan.check_final(&take)?;
        let now = crate::store::now();
        let (changes, summary) = plan.into_changes(&take, &now);
        snapshot::write_changes(tx, &changes)?;
        // A content no record names (its resource kept as it was here) is not kept.
        resource_files::delete_orphan_contents(tx)?;
        // The colleague's revisions of the records now as the file has them.
        crate::sync::exchange_file::adopt(tx, &revisions)?;
        Ok(summary)
    })
}
