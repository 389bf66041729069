//! What the « Partage » page and the status show: the server's settings (kept in the file's
//! `meta`; the password never: it is in the system's keychain), the state of the sharing, the
//! conflicts waiting for the user and their settlement.

use serde::{Deserialize, Serialize};

use super::local;
use crate::error::{CoreError, CoreResult};
use crate::exchange::json::docs;
use crate::store::sync as sql;
use crate::validation::Checker;
use crate::Store;

/// Where the team's database is and who this laptop signs in as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SyncSettings {
    pub server: String,
    pub database: String,
    pub user: String,
}

/// The sharing's state, always shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub configured: bool,
    pub last_sync_at: Option<String>,
    pub last_error: Option<String>,
    /// The last attempt found the server unreachable (normal away from the office).
    pub offline: bool,
    /// Records changed here and not yet on the server.
    pub changes_waiting: usize,
    /// Records in conflict, waiting for the user's choice.
    pub conflicts: usize,
    /// Colleagues' records waiting for a record they link to.
    pub waiting_links: usize,
}

/// A colleague's record that cannot be written here yet, and why (in French): a link whose
/// record has not arrived, or a rule the result would break (two events with one code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncWaiting {
    /// The kind in French: "Expert", "Séquence"…
    pub entity_label: String,
    /// The record as users know it.
    pub label: String,
    pub reason: String,
}

/// A record changed on two laptops in ways that do not merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflict {
    pub doc_id: String,
    pub entity_label: String,
    pub label: String,
    /// French names of the fields that differ.
    pub fields: Vec<String>,
    pub mine_deleted: bool,
    pub theirs_deleted: bool,
    pub theirs_author: String,
    pub mine_updated_at: String,
    pub theirs_updated_at: String,
}

/// The user's settlement of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "choice")]
pub enum SyncChoice {
    KeepMine,
    TakeTheirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SyncPhase {
    Sending,
    Receiving,
}

/// Progress of a long sync: « Envoi 1 200 / 52 000 ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub phase: SyncPhase,
    pub done: usize,
    pub total: Option<usize>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncSummary {
    /// Revisions the server did not have and received.
    pub sent: usize,
    /// Colleagues' revisions applied here.
    pub received: usize,
    /// Records merged field by field.
    pub merged: usize,
    /// Records in conflict after the sync.
    pub conflicts: usize,
    pub waiting_links: usize,
}

fn is_local_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1")
}

/// Checks the settings, each refusal naming its field.
pub(crate) fn check_settings(settings: &SyncSettings) -> CoreResult<()> {
    let mut checker = Checker::new();
    let server = settings.server.trim();
    match server.split_once("://") {
        None => checker.add(
            "server",
            "Adresse du serveur : indiquez une adresse complète, par exemple https://partage.exemple.fr.",
        ),
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
            let name = if host.starts_with('[') {
                host.split_inclusive(']').next().unwrap_or(host)
            } else {
                host.split(':').next().unwrap_or(host)
            };
            if name.is_empty() || !matches!(scheme, "http" | "https") {
                checker.add("server", "Adresse du serveur : l’adresse doit commencer par https:// suivi du nom du serveur.");
            } else if scheme == "http" && !is_local_host(name) {
                checker.add("server", "Adresse du serveur : une connexion chiffrée (https://) est obligatoire, sauf vers ce poste (localhost).");
            } else if rest.contains(['?', '#']) {
                checker.add("server", "Adresse du serveur : l’adresse ne doit contenir ni « ? » ni « # ».");
            }
        }
    }
    let database = settings.database.trim();
    let valid_name = database
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase())
        && database
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if !valid_name || database.len() > 238 {
        checker.add("database", "Base : un nom en minuscules sans accents, commençant par une lettre (lettres, chiffres et _ $ ( ) + - / permis), par exemple mot_annuaire.");
    }
    if settings.user.chars().count() > 200 || settings.user.contains(':') {
        checker.add("user", "Identifiant : 200 caractères au plus, sans « : ».");
    }
    checker.finish()
}

impl Store {
    /// The sharing's settings, if a server was set up.
    pub fn sync_settings(&self) -> CoreResult<Option<SyncSettings>> {
        let Some(server) = sql::fact(self.conn(), "server")? else {
            return Ok(None);
        };
        Ok(Some(SyncSettings {
            server,
            database: sql::fact(self.conn(), "database")?.unwrap_or_default(),
            user: sql::fact(self.conn(), "user")?.unwrap_or_default(),
        }))
    }

    /// Checks and keeps the settings. Another server or database starts the sharing afresh
    /// with it (every record offered, its changes read from the start).
    pub fn save_sync_settings(&mut self, settings: &SyncSettings) -> CoreResult<()> {
        check_settings(settings)?;
        let before = self.sync_settings()?;
        self.write(|tx| {
            let server = settings.server.trim().trim_end_matches('/');
            let changed = before
                .as_ref()
                .is_some_and(|b| b.server != server || b.database != settings.database.trim());
            sql::set_fact(tx, "server", Some(server))?;
            sql::set_fact(tx, "database", Some(settings.database.trim()))?;
            sql::set_fact(tx, "user", Some(settings.user.trim()))?;
            if changed {
                sql::set_fact(tx, "checkpoint", None)?;
                sql::set_fact(tx, "serverKnown", None)?;
                local::offer_everything_again(tx)?;
            }
            Ok(())
        })
    }

    /// Stops sharing: the settings go; the records and their revisions stay.
    pub fn forget_sync_settings(&mut self) -> CoreResult<()> {
        self.write(|tx| {
            for key in ["server", "database", "user", "lastError", "offline"] {
                sql::set_fact(tx, key, None)?;
            }
            Ok(())
        })
    }

    pub fn sync_status(&self) -> CoreResult<SyncStatus> {
        let conn = self.conn();
        Ok(SyncStatus {
            configured: sql::fact(conn, "server")?.is_some(),
            last_sync_at: sql::fact(conn, "lastSyncAt")?,
            last_error: sql::fact(conn, "lastError")?,
            offline: sql::fact(conn, "offline")?.is_some(),
            changes_waiting: sql::count_marked(conn)? + sql::count_outbox(conn)?,
            conflicts: sql::count_conflicting_docs(conn)?,
            waiting_links: sql::count_waiting(conn)?,
        })
    }

    /// The conflicts waiting for the user, one per record.
    pub fn sync_conflicts(&self) -> CoreResult<Vec<SyncConflict>> {
        let mut conflicts: Vec<SyncConflict> = Vec::new();
        for leaf in sql::all_conflicts(self.conn())? {
            if conflicts.last().is_some_and(|c| c.doc_id == leaf.doc_id) {
                continue;
            }
            let Some(state) = sql::doc(self.conn(), &leaf.doc_id)? else {
                continue;
            };
            let mine = local::parse_body(&state.body);
            let theirs = local::parse_body(&leaf.body);
            let (entity_label, field_names) = docs::entity_label(&state.entity);
            let fields = if state.deleted || leaf.deleted {
                Vec::new()
            } else {
                field_names
                    .iter()
                    .filter(|(key, _)| mine.get(*key) != theirs.get(*key))
                    .map(|(_, name)| name.to_string())
                    .collect()
            };
            let text = |body: &serde_json::Map<String, serde_json::Value>, key: &str| {
                body.get(key)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let label =
                docs::record_label(&state.entity, if mine.is_empty() { &theirs } else { &mine });
            conflicts.push(SyncConflict {
                doc_id: leaf.doc_id.clone(),
                entity_label: entity_label.into(),
                label,
                fields,
                mine_deleted: state.deleted,
                theirs_deleted: leaf.deleted,
                theirs_author: text(&theirs, "editedBy"),
                mine_updated_at: text(&mine, "updatedAt"),
                theirs_updated_at: text(&theirs, "updatedAt"),
            });
        }
        Ok(conflicts)
    }

    /// Colleagues' records that cannot be written yet, with why; each is tried again at every
    /// sync.
    pub fn sync_waiting(&self) -> CoreResult<Vec<SyncWaiting>> {
        Ok(sql::waiting(self.conn())?
            .into_iter()
            .map(|(leaf, _, reason)| {
                let entity = leaf
                    .doc_id
                    .split_once(':')
                    .map_or("", |(e, _)| e)
                    .to_string();
                SyncWaiting {
                    entity_label: docs::entity_label(&entity).0.to_string(),
                    label: docs::record_label(&entity, &local::parse_body(&leaf.body)),
                    reason,
                }
            })
            .collect())
    }

    /// The revision this laptop has of a shared document (`expert:UUID`), `None` before its
    /// first: what a support person compares with the server's `_rev`.
    pub fn sync_document_rev(&self, doc_id: &str) -> CoreResult<Option<String>> {
        Ok(sql::doc(self.conn(), doc_id)?.map(|state| state.rev))
    }

    /// Settles a conflict with the user's choice; the next sync sends it to everyone.
    pub fn resolve_sync_conflict(&mut self, doc_id: &str, choice: &SyncChoice) -> CoreResult<()> {
        let editor = self.sync_settings()?.map(|s| s.user).unwrap_or_default();
        let done = self
            .write(|tx| local::resolve(tx, doc_id, *choice == SyncChoice::TakeTheirs, &editor))?;
        if done {
            Ok(())
        } else {
            Err(CoreError::NotFound {
                entity: "Ce conflit",
                id: doc_id.into(),
            })
        }
    }
}
