//! The whole database as records with their identity and times, for the JSON exchange file
//! (`exchange::json`): every record read in a stable order (by id, links by id or by their
//! printed position), and records written with the ids, times and versions they carry —
//! inserted or overwritten, the search index and the exchange bases kept current — all inside
//! the caller's one transaction.
//! Also the short lists the calendar and contact exports start from.
//!
//! `read` reads the snapshot with the tables' own row readers, one small reader per table
//! family; `write` writes an import's changes (records, search index, bases), with
//! one upsert per table in `upsert`.

mod read;
mod upsert;
mod write;

use super::Store;
use crate::error::CoreResult;
use crate::model::*;

pub(crate) use self::read::{read_bases, read_parts, read_snapshot, Parts};
pub(crate) use self::write::{write_bases, write_changes};

/// Every record of the database. Each list is sorted by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    pub organisations: Vec<Organisation>,
    pub territories: Vec<Territory>,
    pub themes: Vec<Theme>,
    pub profession_families: Vec<ProfessionFamily>,
    pub interreg_programmes: Vec<InterregProgramme>,
    /// Without their competences (those are in `competences`).
    pub professions: Vec<Profession>,
    /// Without their observations (those are in `observations`).
    pub competences: Vec<Competence>,
    pub observations: Vec<CompetenceObservation>,
    /// `organisation_name` is not read: it is derived, not exchanged.
    pub experts: Vec<Expert>,
    /// With their organisations and history; `event_ids` is not read (events carry the link).
    pub training_requests: Vec<TrainingRequest>,
    pub events: Vec<Event>,
    pub sessions: Vec<Session>,
    pub participants: Vec<ExchangedParticipant>,
    /// With their authors, links and file references (a file's content is read apart).
    pub resources: Vec<Resource>,
    /// With their bases and resources.
    pub legal_notes: Vec<LegalNote>,
}

/// A participant as exchanged: besides its record, when it entered its status (the waiting
/// list is served in that order, on every laptop) and its attendance, by date and half-day.
#[derive(Debug, Clone)]
pub(crate) struct ExchangedParticipant {
    pub participant: Participant,
    pub status_since: String,
    pub attendance: Vec<AttendanceEntry>,
}

/// The tables whose rows can carry a reference key (their ids derive from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceTable {
    Organisations,
    Territories,
    Themes,
    ProfessionFamilies,
    InterregProgrammes,
    Professions,
}

impl ReferenceTable {
    pub(crate) fn table(self) -> &'static str {
        match self {
            ReferenceTable::Organisations => "organisations",
            ReferenceTable::Territories => "territories",
            ReferenceTable::Themes => "themes",
            ReferenceTable::ProfessionFamilies => "profession_families",
            ReferenceTable::InterregProgrammes => "interreg_programmes",
            ReferenceTable::Professions => "professions",
        }
    }
}

/// The fingerprint of a record as last exchanged. `table` is the record's table name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base {
    pub table: &'static str,
    pub id: String,
    pub fingerprint: String,
}

/// What an import writes: the records to insert or overwrite (with the ids, times and
/// versions they carry), then the new bases.
#[derive(Debug, Clone, Default)]
pub(crate) struct Changes {
    pub records: Snapshot,
    pub bases: Vec<Base>,
}

impl Store {
    /// Events that end on or after `today` (ISO date), soonest first.
    pub(crate) fn event_ids_ending_from(&self, today: &str) -> CoreResult<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id FROM events WHERE end_date >= ?1 ORDER BY start_date, code, id",
        )?;
        let rows = statement.query_map([today], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every expert's id, in directory order (last name, first name).
    pub(crate) fn expert_ids_by_name(&self) -> CoreResult<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id FROM experts ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
