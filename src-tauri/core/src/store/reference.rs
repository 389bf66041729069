//! Loading the reference data shipped with the application (parsed by [`crate::reference`]):
//! a record is added only if none carries its `reference_key`, so loading twice adds nothing
//! and a record the user edited is never overwritten. A reference profession that still holds
//! a title an earlier release shipped takes this release's title (the user never changed it).
//! The fingerprint of the data loaded is kept in `meta`, so that the starts that follow, with
//! the same release, skip the load altogether. Every record with a reference key is written
//! with the id derived from it and the fixed time of shipped data ([`identity`]), so the same
//! untouched record is identical on every laptop (the team sharing relies on it).

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::{insert_organisation, insert_profession, insert_territory, insert_theme, Store};
use crate::error::CoreResult;
use crate::reference::{shipped_id, LoadReport, ReferenceData, ReferenceProfession, SHIPPED_AT};

/// The id and creation time of a new record of `table`: for a shipped reference record, its
/// id derived from its key and the fixed time of shipped data; for any other, a random id and
/// now.
pub(crate) fn identity(table: &str, reference_key: Option<&str>) -> (String, String) {
    match reference_key {
        Some(key) => (shipped_id(table, key), SHIPPED_AT.to_string()),
        None => (super::new_id(), super::now()),
    }
}

/// The id of the record of `table` that carries `key`, if any. `table` is one of ours, never
/// user input.
pub(crate) fn id_by_reference_key(
    tx: &Transaction,
    table: &str,
    key: &str,
) -> CoreResult<Option<String>> {
    let mut statement =
        tx.prepare_cached(&format!("SELECT id FROM {table} WHERE reference_key = ?1"))?;
    Ok(statement.query_row([key], |row| row.get(0)).optional()?)
}

/// The `meta` key of the fingerprint of the shipped reference data last loaded
/// ([`crate::reference::fingerprint`]).
const REFERENCE_FINGERPRINT: &str = "reference";

impl Store {
    /// Loads every reference record that is not in the database yet, in one transaction.
    pub fn load_reference(&mut self, data: &ReferenceData) -> CoreResult<LoadReport> {
        self.write(|tx| load_all(tx, data))
    }

    /// Loads the reference data shipped with this release, like [`Store::load_reference`], and
    /// records its fingerprint in the same transaction.
    pub fn load_shipped_reference(&mut self) -> CoreResult<LoadReport> {
        let data = crate::reference::shipped()?;
        self.write(|tx| {
            let report = load_all(tx, &data)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![REFERENCE_FINGERPRINT, crate::reference::fingerprint()],
            )?;
            Ok(report)
        })
    }

    /// The fingerprint of the shipped reference data this database last loaded; `None` for a
    /// database that never loaded it (or made before fingerprints were kept).
    pub fn reference_fingerprint(&self) -> CoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [REFERENCE_FINGERPRINT],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Loads the shipped reference data unless this database already holds this release's:
    /// reading the files and looking up each record costs more than a whole command of
    /// `passerelle-cli`, and finds nothing to do on every start but the first of a release.
    /// `None` when it was skipped.
    pub fn load_shipped_reference_if_new(&mut self) -> CoreResult<Option<LoadReport>> {
        if self.reference_fingerprint()?.as_deref() == Some(&crate::reference::fingerprint()) {
            return Ok(None);
        }
        self.load_shipped_reference().map(Some)
    }
}

fn load_all(tx: &Transaction, data: &ReferenceData) -> CoreResult<LoadReport> {
    let mut report = LoadReport::default();
    for (key, input) in &data.organisations {
        if id_by_reference_key(tx, "organisations", key)?.is_none() {
            insert_organisation(tx, input, Some(key))?;
            report.added += 1;
        }
    }
    for (key, input) in &data.territories {
        if id_by_reference_key(tx, "territories", key)?.is_none() {
            insert_territory(tx, input, Some(key))?;
            report.added += 1;
        }
    }
    for (key, input) in &data.themes {
        if id_by_reference_key(tx, "themes", key)?.is_none() {
            insert_theme(tx, input, Some(key))?;
            report.added += 1;
        }
    }
    let family_ids = load_families(tx, data, &mut report)?;
    for profession in &data.professions {
        load_profession(tx, profession, &family_ids, &mut report)?;
    }
    load_programmes(tx, data, &mut report)?;
    Ok(report)
}

fn load_families(
    tx: &Transaction,
    data: &ReferenceData,
    report: &mut LoadReport,
) -> CoreResult<HashMap<String, String>> {
    let mut family_ids = HashMap::new();
    for family in &data.families {
        let id = match id_by_reference_key(tx, "profession_families", &family.key)? {
            Some(id) => id,
            None => {
                let id = shipped_id("profession_families", &family.key);
                tx.execute(
                    "INSERT INTO profession_families (id, reference_key, label, level) VALUES (?1, ?2, ?3, ?4)",
                    params![id, family.key, family.label, family.level],
                )?;
                report.added += 1;
                id
            }
        };
        family_ids.insert(family.key.clone(), id);
    }
    Ok(family_ids)
}

fn load_profession(
    tx: &Transaction,
    profession: &ReferenceProfession,
    family_ids: &HashMap<String, String>,
    report: &mut LoadReport,
) -> CoreResult<()> {
    if id_by_reference_key(tx, "professions", &profession.key)?.is_some() {
        for previous in &profession.previous_titles {
            // Only the shipped text is replaced; the version stays, since the user did not edit
            // the title, and so does the time of shipped data of a record never edited at all
            // (identical on every laptop). The full-text index follows the title.
            let changed = tx.execute(
                "UPDATE professions SET title = ?1,
                        updated_at = CASE WHEN version = 1 THEN ?2 ELSE ?5 END
                  WHERE reference_key = ?3 AND title = ?4 AND title <> ?1",
                params![
                    profession.input.title,
                    SHIPPED_AT,
                    profession.key,
                    previous,
                    super::now()
                ],
            )?;
            if changed > 0 {
                let id = id_by_reference_key(tx, "professions", &profession.key)?;
                if let Some(id) = id {
                    super::search::index_profession(tx, &id)?;
                }
                report.updated += changed;
            }
        }
        return Ok(());
    }
    let mut input = profession.input.clone();
    input.family_id = family_ids.get(&profession.family_key).cloned();
    insert_profession(tx, &input, Some(&profession.key))?;
    report.added += 1;
    Ok(())
}

fn load_programmes(
    tx: &Transaction,
    data: &ReferenceData,
    report: &mut LoadReport,
) -> CoreResult<()> {
    for programme in &data.programmes {
        if id_by_reference_key(tx, "interreg_programmes", &programme.key)?.is_some() {
            continue;
        }
        tx.execute(
            "INSERT INTO interreg_programmes (id, reference_key, name, period, kind, french_perimeter, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                shipped_id("interreg_programmes", &programme.key), programme.key, programme.name, programme.period, programme.kind,
                programme.french_perimeter, programme.notes
            ],
        )?;
        report.added += 1;
    }
    Ok(())
}
