//! The files attached to resources, in the exchange file: a top-level `files` pool with one
//! entry per content (`name`, `mediaType`, `size`, `sha256`, `data` in base64), written in
//! SHA-256 order; the resources' records name their files by `sha256`.
//!
//! # Why one JSON file rather than a zip package
//!
//! The exchange stays one file of one format: the same reading, checks and French messages
//! for everything in it, and the round trip stays byte-identical by the same rules (sorted,
//! deterministic, no export time) without a container whose entries' order, times and
//! compression would also have to be fixed. A package would need its own bounds against
//! zip bombs and entry names that climb out of a folder, for files we keep inside the
//! database anyway. The price is base64's third more bytes and a whole file held in memory
//! while it is read: hence [`super::MAX_FILE_BYTES`] (512 MB), room for the records plus a few
//! hundred megabytes of documents, more than a partnership's library of PDFs and office files.
//!
//! # Import
//!
//! Every entry is checked before anything is written: base64, size, SHA-256 of the decoded
//! bytes, and its type (allowed, read from the content: [`attachments::media_type_of`]); a
//! problem refuses the whole file, naming the entry. When the import is applied, each content's
//! text is extracted again (by this build's readers, outside the write transaction), and the
//! contents are written before the records that name them; a content no record names after
//! the merge (its resource kept as it was here) is not kept.

use std::collections::HashSet;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::problems::who;
use crate::attachments::{self, sha256_hex, MAX_FILE_BYTES};
use crate::error::CoreResult;
use crate::store::resource_files::{NewContent, StoredContent};

/// One content of the file's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct FileEntry {
    pub(super) name: String,
    pub(super) media_type: String,
    pub(super) size: i64,
    pub(super) sha256: String,
    /// The bytes in standard base64 (with padding).
    pub(super) data: String,
}

/// The pool of a database from its stored contents (every content a resource names, in
/// SHA-256 order).
pub(super) fn export_pool(contents: Vec<StoredContent>) -> Vec<FileEntry> {
    contents
        .into_iter()
        .map(|content| FileEntry {
            name: content.name,
            media_type: content.media_type,
            size: content.size,
            sha256: content.sha256,
            data: STANDARD.encode(&content.data),
        })
        .collect()
}

/// Reads the `files` part of a file (absent: no files) and checks every entry, each problem
/// naming its entry.
pub(super) fn parse_pool(value: Option<Value>, problems: &mut Vec<String>) -> Vec<FileEntry> {
    let Some(value) = value else {
        return Vec::new();
    };
    let entries: Vec<FileEntry> = match serde_json::from_value(value) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(format!(
                "la liste « files » (fichiers joints) est illisible : {error}."
            ));
            return Vec::new();
        }
    };
    let mut seen = HashSet::new();
    for entry in &entries {
        let name = who("Fichier joint", &entry.name, &entry.sha256);
        if !seen.insert(entry.sha256.as_str()) {
            problems.push(format!(
                "{name} : ce contenu figure deux fois dans la liste des fichiers."
            ));
        }
        if let Err(problem) = decode(entry).map(|_| ()) {
            problems.push(format!("{name} : {problem}"));
        }
    }
    entries
}

/// The bytes of an entry once every check passed, or what is wrong with it.
fn decode(entry: &FileEntry) -> Result<(Vec<u8>, &'static str), String> {
    // Checked before decoding: base64 of a 50 MB file is about 67 MB.
    if entry.data.len() > MAX_FILE_BYTES / 3 * 4 + 4 {
        return Err("le fichier dépasse la limite de 50 Mo.".into());
    }
    let bytes = STANDARD
        .decode(entry.data.as_bytes())
        .map_err(|_| "son contenu (« data ») n’est pas du base64 valide.".to_string())?;
    if bytes.len() as i64 != entry.size {
        return Err(format!(
            "sa taille annoncée ({} octets) n’est pas celle de son contenu ({} octets) : le fichier a été tronqué ou modifié.",
            entry.size,
            bytes.len()
        ));
    }
    if sha256_hex(&bytes) != entry.sha256 {
        return Err("son empreinte SHA-256 ne correspond pas à son contenu : le fichier a été modifié ou endommagé.".into());
    }
    let media_type = attachments::media_type_of(&entry.name, &bytes).map_err(|e| e.to_string())?;
    Ok((bytes, media_type))
}

/// Decodes and reads the text of every entry of a checked pool (before the write transaction:
/// reading the text of large PDFs takes time).
pub(super) fn prepare(entries: &[FileEntry]) -> CoreResult<Vec<NewContent>> {
    entries
        .iter()
        .map(|entry| {
            let (bytes, _) = decode(entry).map_err(|problem| {
                super::problems::refuse_problems(vec![format!(
                    "{} : {problem}",
                    who("Fichier joint", &entry.name, &entry.sha256)
                )])
            })?;
            let inspected = attachments::inspect(&entry.name, &bytes)?;
            Ok(NewContent {
                sha256: entry.sha256.clone(),
                inspected,
                bytes,
            })
        })
        .collect()
}
