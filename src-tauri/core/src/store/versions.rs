//! Programme versions (migration 7): recorded when a programme is printed « à envoyer », listed
//! on the event page, printed again from the stored PDF.

use rusqlite::{params, OptionalExtension};

use super::{json_object, new_id, now, to_json_object, OrNotFound, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::{PrintedSession, ProgrammeVersion, VersionChange};

/// What a new version records besides its PDF.
#[derive(Debug, Clone)]
pub struct NewProgrammeVersion<'a> {
    pub event_id: &'a str,
    /// The number printed on the PDF: the next one, as read before rendering.
    pub number: i64,
    pub version_date: &'a str,
    pub language: &'a str,
    pub changes: &'a [VersionChange],
    pub printed: &'a [PrintedSession],
    pub pdf: &'a [u8],
}

const VERSION_COLUMNS: &str =
    "id, event_id, number, created_at, version_date, language, changes, length(pdf)";

fn version_from_row(row: &rusqlite::Row) -> rusqlite::Result<ProgrammeVersion> {
    Ok(ProgrammeVersion {
        id: row.get(0)?,
        event_id: row.get(1)?,
        number: row.get(2)?,
        created_at: row.get(3)?,
        version_date: row.get(4)?,
        language: row.get(5)?,
        changes: json_object(row.get(6)?)?,
        size: row.get(7)?,
    })
}

impl Store {
    /// The versions of an event's programme, the latest first.
    pub fn programme_versions(&self, event_id: &str) -> CoreResult<Vec<ProgrammeVersion>> {
        let mut statement = self.conn().prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM programme_versions WHERE event_id = ?1 ORDER BY number DESC"
        ))?;
        let versions = statement
            .query_map([event_id], version_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(versions)
    }

    /// The number the next version of the event's programme gets, and the sessions the last
    /// one printed (none before the first).
    pub fn last_programme_version(
        &self,
        event_id: &str,
    ) -> CoreResult<(i64, Option<Vec<PrintedSession>>)> {
        let last: Option<(i64, String)> = self
            .conn()
            .prepare_cached(
                "SELECT number, printed FROM programme_versions WHERE event_id = ?1
                 ORDER BY number DESC LIMIT 1",
            )?
            .query_row([event_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        match last {
            None => Ok((1, None)),
            Some((number, printed)) => Ok((number + 1, Some(json_object(printed)?))),
        }
    }

    /// The PDF of version `number` exactly as it was printed.
    pub fn programme_version_pdf(&self, event_id: &str, number: i64) -> CoreResult<Vec<u8>> {
        self.conn()
            .prepare_cached(
                "SELECT pdf FROM programme_versions WHERE event_id = ?1 AND number = ?2",
            )?
            .query_row(params![event_id, number], |row| row.get(0))
            .or_not_found("Cette version du programme", &number.to_string())
    }

    /// Records a version. Refused, with nothing written, when another version took its number
    /// since it was read (another window printed one meanwhile).
    pub fn record_programme_version(
        &mut self,
        version: &NewProgrammeVersion,
    ) -> CoreResult<ProgrammeVersion> {
        let id = new_id();
        self.write(|tx| {
            let taken: i64 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) FROM programme_versions WHERE event_id = ?1",
                [version.event_id],
                |row| row.get(0),
            )?;
            if taken + 1 != version.number {
                return Err(CoreError::StaleVersion {
                    entity: "Le programme (une autre version vient d'être enregistrée)",
                });
            }
            tx.prepare_cached(
                "INSERT INTO programme_versions
                    (id, event_id, number, created_at, version_date, language, changes, printed, pdf)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                version.event_id,
                version.number,
                now(),
                version.version_date,
                version.language,
                to_json_object(&version.changes)?,
                to_json_object(&version.printed)?,
                version.pdf
            ])?;
            Ok(())
        })?;
        let mut statement = self.conn().prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM programme_versions WHERE id = ?1"
        ))?;
        Ok(statement.query_row([&id], version_from_row)?)
    }
}
