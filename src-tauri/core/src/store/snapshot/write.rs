//! Writing an import's changes inside the caller's one transaction: every record with the id,
//! times and version it carries, then the search index of what changed, then the exchange
//! bases.

use std::collections::HashSet;

use rusqlite::{params, Transaction};

use super::upsert::*;
use super::{Base, Changes, ExchangedParticipant, Snapshot};
use crate::error::CoreResult;
use crate::store::search::{index_event, index_expert, index_profession, rebuild_all};

/// Above this many records to reindex, the search indexes are refilled in one pass.
const REINDEX_ONE_BY_ONE_UP_TO: usize = 200;

/// Writes an import's changes inside the caller's transaction: every record with the id,
/// times and version it carries, then the search index of what changed, then the bases. The
/// caller has checked the whole (links resolve, codes are unique); a constraint that still
/// fails rolls everything back.
pub(crate) fn write_changes(tx: &Transaction, changes: &Changes) -> CoreResult<()> {
    write_records(tx, &changes.records)?;
    reindex(tx, changes)?;
    write_bases(tx, &changes.bases)
}

/// Records (or replaces) the fingerprints of records as just exchanged.
pub(crate) fn write_bases(tx: &Transaction, bases: &[Base]) -> CoreResult<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO exchange_bases (entity, id, fingerprint) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity, id) DO UPDATE SET fingerprint = excluded.fingerprint",
    )?;
    for base in bases {
        statement.execute(params![base.table, base.id, base.fingerprint])?;
    }
    Ok(())
}

/// Every record, parents before children.
fn write_records(tx: &Transaction, records: &Snapshot) -> CoreResult<()> {
    // Codes are unique one statement at a time: moving them aside first lets two events of the
    // file swap their codes.
    let mut set_aside =
        tx.prepare_cached("UPDATE events SET code = char(1) || id WHERE id = ?1 AND code <> ?2")?;
    for event in &records.events {
        set_aside.execute([&event.meta.id, &event.data.code])?;
    }
    for record in &records.profession_families {
        upsert_family(tx, record)?;
    }
    for record in &records.interreg_programmes {
        upsert_programme(tx, record)?;
    }
    for record in &records.organisations {
        upsert_organisation(tx, record)?;
    }
    for record in &records.territories {
        upsert_territory(tx, record)?;
    }
    for record in &records.themes {
        upsert_theme(tx, record)?;
    }
    for record in &records.professions {
        upsert_profession(tx, record)?;
    }
    for record in &records.competences {
        upsert_competence(tx, record)?;
    }
    for record in &records.observations {
        upsert_observation(tx, record)?;
    }
    for record in &records.experts {
        upsert_expert(tx, record)?;
    }
    for record in &records.training_requests {
        crate::store::requests::upsert_request(tx, record)?;
    }
    for record in &records.events {
        upsert_event(tx, record)?;
    }
    for record in &records.sessions {
        upsert_session(tx, record)?;
    }
    write_participants(tx, &records.participants)?;
    crate::store::resources::write_exchanged(tx, &records.resources)?;
    // Resources are found by their authors' names: those renamed by the import are re-indexed.
    for expert in &records.experts {
        crate::store::resources::reindex_authored(tx, "expert_id", &expert.meta.id)?;
    }
    for organisation in &records.organisations {
        crate::store::resources::reindex_authored(tx, "organisation_id", &organisation.meta.id)?;
    }
    for record in &records.legal_notes {
        crate::store::legal_notes::upsert_legal_note(tx, record)?;
    }
    Ok(())
}

/// Participants after their events. An e-mail address is unique per event one statement at a
/// time: blanking the addresses that change first lets two participants swap theirs (a blank
/// address is outside the unique index).
fn write_participants(tx: &Transaction, participants: &[ExchangedParticipant]) -> CoreResult<()> {
    let mut set_aside = tx.prepare_cached(
        "UPDATE participants SET email = '' WHERE id = ?1 AND (event_id <> ?2 OR lower(email) <> lower(?3))",
    )?;
    for record in participants {
        let p = &record.participant;
        set_aside.execute([&p.meta.id, &p.event_id, &p.data.email])?;
    }
    for record in participants {
        upsert_participant(tx, record)?;
    }
    Ok(())
}

/// The search index of what changed: experts are found by their organisation's name too,
/// professions by their competences.
fn reindex(tx: &Transaction, changes: &Changes) -> CoreResult<()> {
    let records = &changes.records;
    let mut experts: HashSet<String> = records.experts.iter().map(|e| e.meta.id.clone()).collect();
    {
        let mut of_organisation =
            tx.prepare_cached("SELECT id FROM experts WHERE organisation_id = ?1")?;
        for organisation in &records.organisations {
            let rows = of_organisation.query_map([&organisation.meta.id], |row| row.get(0))?;
            for row in rows {
                experts.insert(row?);
            }
        }
    }
    let mut professions: HashSet<&str> = records
        .professions
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    professions.extend(records.competences.iter().map(|c| c.profession_id.as_str()));
    // Reindexing one record is a lookup by rowid, but each costs a few statements; for a
    // colleague's whole database, refilling the three indexes from the tables in one pass is
    // faster.
    if experts.len() + records.events.len() + professions.len() > REINDEX_ONE_BY_ONE_UP_TO {
        rebuild_all(tx)?;
    } else {
        for id in &experts {
            index_expert(tx, id)?;
        }
        for event in &records.events {
            index_event(tx, &event.meta.id)?;
        }
        for id in professions {
            index_profession(tx, id)?;
        }
    }
    Ok(())
}
