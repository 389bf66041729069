//! Migration 11: every shipped reference record takes the id derived from its reference key
//! ([`crate::reference::shipped_id`]) and, if its user never edited it (version 1), the time of
//! shipped data ([`crate::reference::SHIPPED_AT`]), so that the same record is identical on
//! every laptop and the team sharing needs no re-keying. Earlier releases loaded the reference
//! data under random ids and the load's time.
//!
//! A record that takes its id moves everything pointing to it in the same transaction: foreign
//! keys, the search index's keys, the JSON lists of ids, the exchange bases and the sharing's
//! documents. Migration 10's triggers mark the records (under their new ids) and the records
//! whose links moved; the marks of the old ids, which no record has any more, are dropped.
//!
//! The lists of what points where are this migration's own, frozen as the schema is at
//! version 11: a column a later migration adds does not exist yet when this one runs.

use rusqlite::{params, Transaction};
use rusqlite_migration::HookResult;

use super::sync::MARKED_TABLES;
use crate::reference::{shipped_id, SHIPPED_AT};

/// The tables whose rows can carry a reference key, and whether they carry times and versions.
pub(crate) const REFERENCE_TABLES: [(&str, bool); 6] = [
    ("organisations", true),
    ("territories", true),
    ("themes", true),
    ("profession_families", false),
    ("interreg_programmes", false),
    ("professions", true),
];

/// The columns holding the id of a reference table's record, as (reference table, table,
/// column).
pub(crate) const REFERRERS: &[(&str, &str, &str)] = &[
    ("organisations", "experts", "organisation_id"),
    ("organisations", "event_organisers", "organisation_id"),
    ("organisations", "request_organisations", "organisation_id"),
    ("organisations", "resource_authors", "organisation_id"),
    ("territories", "expert_territories", "territory_id"),
    ("territories", "events", "territory_id"),
    ("territories", "training_requests", "territory_id"),
    ("themes", "expert_themes", "theme_id"),
    ("themes", "event_themes", "theme_id"),
    ("profession_families", "professions", "family_id"),
    (
        "interreg_programmes",
        "training_requests",
        "interreg_programme_id",
    ),
    ("professions", "competences", "profession_id"),
    ("professions", "expert_professions", "profession_id"),
    ("professions", "event_professions", "profession_id"),
    ("professions", "professions_fts_keys", "profession_id"),
    ("professions", "participants", "profession_id"),
];

/// The JSON list columns holding ids of a reference table, as (reference table, table,
/// column): the quoted id is replaced inside them (a UUID never occurs inside another).
pub(crate) const LIST_REFERRERS: &[(&str, &str, &str)] = &[
    ("themes", "training_requests", "theme_ids"),
    ("themes", "resources", "theme_ids"),
    ("themes", "legal_notes", "theme_ids"),
    ("professions", "training_requests", "target_profession_ids"),
    ("professions", "resources", "profession_ids"),
    ("professions", "legal_notes", "profession_ids"),
    ("territories", "resources", "territory_ids"),
    ("territories", "legal_notes", "territory_ids"),
];

/// The migration's hook (its SQL is empty).
pub(super) fn v11_reference_ids(tx: &Transaction) -> HookResult {
    // A record's id and its referrers' columns change one after the other; foreign keys are
    // checked at the commit of the migration's transaction, once they agree again.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for (table, timed) in REFERENCE_TABLES {
        let records: Vec<(String, String)> = {
            let mut statement = tx.prepare(&format!(
                "SELECT id, reference_key FROM {table} WHERE reference_key IS NOT NULL ORDER BY id"
            ))?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, key) in records {
            let to = shipped_id(table, &key);
            if to != id {
                rekey(tx, table, &id, &to)?;
            }
        }
        if timed {
            tx.execute(
                &format!(
                    "UPDATE {table} SET created_at = ?1, updated_at = ?1
                      WHERE reference_key IS NOT NULL AND version = 1
                        AND (created_at <> ?1 OR updated_at <> ?1)"
                ),
                [SHIPPED_AT],
            )?;
        }
    }
    Ok(())
}

/// Gives the record `from` of `table` the id `to` and moves everything that points to it.
/// Table and column names come from the fixed lists above.
fn rekey(tx: &Transaction, table: &str, from: &str, to: &str) -> rusqlite::Result<()> {
    tx.execute(
        &format!("UPDATE {table} SET id = ?2 WHERE id = ?1"),
        [from, to],
    )?;
    for (_, referrer, column) in REFERRERS.iter().filter(|(of, _, _)| *of == table) {
        tx.execute(
            &format!("UPDATE {referrer} SET {column} = ?2 WHERE {column} = ?1"),
            [from, to],
        )?;
    }
    for (_, referrer, column) in LIST_REFERRERS.iter().filter(|(of, _, _)| *of == table) {
        tx.execute(
            &format!(
                "UPDATE {referrer} SET {column} = replace({column}, '\"' || ?1 || '\"', '\"' || ?2 || '\"')
                 WHERE {column} LIKE '%\"' || ?1 || '\"%'"
            ),
            [from, to],
        )?;
    }
    tx.execute(
        "UPDATE exchange_bases SET id = ?3 WHERE entity = ?1 AND id = ?2",
        params![table, from, to],
    )?;
    if let Some((_, entity, _)) = MARKED_TABLES.iter().find(|(name, _, _)| *name == table) {
        // The trigger marked the new id; the old one names no record any more.
        tx.execute(
            "DELETE FROM sync_changes WHERE entity = ?1 AND record_id = ?2",
            [entity, &from],
        )?;
        tx.execute(
            "UPDATE sync_docs SET record_id = ?3 WHERE entity = ?1 AND record_id = ?2",
            [entity, &from, &to],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference table a column named so points to, whether or not it has a foreign key.
    fn named_target(column: &str) -> Option<&'static str> {
        match column {
            "organisation_id" => Some("organisations"),
            "territory_id" => Some("territories"),
            "theme_id" => Some("themes"),
            "family_id" => Some("profession_families"),
            "interreg_programme_id" => Some("interreg_programmes"),
            "profession_id" => Some("professions"),
            _ => None,
        }
    }

    fn list_target(column: &str) -> Option<&'static str> {
        match column {
            "territory_ids" => Some("territories"),
            "theme_ids" => Some("themes"),
            "profession_ids" | "target_profession_ids" => Some("professions"),
            _ => None,
        }
    }

    /// Every column of the version-11 schema that holds a reference record's id — by foreign
    /// key or by name — is in the lists the migration moves, and every listed one exists.
    #[test]
    fn the_lists_name_every_column_pointing_to_a_reference_record() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::migrations()
            .to_version(&mut conn, 11)
            .unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let (mut found, mut found_lists) = (Vec::new(), Vec::new());
        for table in &tables {
            let mut keys = conn
                .prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")
                .unwrap();
            let keys = keys
                .query_map([table], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })
                .unwrap();
            for key in keys {
                let (target, column) = key.unwrap();
                if REFERENCE_TABLES.iter().any(|(name, _)| *name == target) {
                    found.push((target, table.clone(), column));
                }
            }
            let mut columns = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap();
            let columns = columns
                .query_map([table], |row| row.get::<_, String>(0))
                .unwrap();
            for column in columns {
                let column = column.unwrap();
                if let Some(target) = named_target(&column) {
                    found.push((target.to_string(), table.clone(), column.clone()));
                }
                if let Some(target) = list_target(&column) {
                    found_lists.push((target.to_string(), table.clone(), column));
                }
            }
        }
        let as_owned = |list: &[(&str, &str, &str)]| {
            let mut list: Vec<(String, String, String)> = list
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            list.sort();
            list
        };
        found.sort();
        found.dedup();
        found_lists.sort();
        assert_eq!(found, as_owned(REFERRERS));
        assert_eq!(found_lists, as_owned(LIST_REFERRERS));
    }
}
