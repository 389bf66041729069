//! The reads and writes behind the participants' CSV import (`exchange::participants_csv`): the
//! event's participants and the professions to match rows against, read in the writing
//! transaction, and the planned rows written through the same rules as the form (capacity and
//! waiting list, one e-mail per event).

use rusqlite::Connection;

use super::csv_import::{former_profession_titles, labels, CsvWrite, Label};
use super::participants::{insert_participant, participant_from_row, update_participant};
use super::{OrNotFound, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::*;

/// What the participants' import works from.
pub(crate) struct ParticipantContext {
    /// `alias` is the CNFPT code.
    pub professions: Vec<Label>,
    pub profession_former_titles: Vec<Label>,
    /// The event's participants, oldest first.
    pub participants: Vec<Participant>,
    pub capacity: Option<i64>,
    /// Seats taken before the import.
    pub taken: i64,
}

/// A planned row and the file line it comes from, to name it if the write is refused.
pub(crate) struct ParticipantRow {
    pub line: usize,
    pub input: ParticipantInput,
}

pub(crate) fn read_participant_context(
    conn: &Connection,
    event_id: &str,
) -> CoreResult<ParticipantContext> {
    let capacity: Option<i64> = conn
        .query_row(
            "SELECT capacity FROM events WHERE id = ?1",
            [event_id],
            |row| row.get(0),
        )
        .or_not_found("L'événement", event_id)?;
    let participants: Vec<Participant> = conn
        .prepare("SELECT * FROM participants WHERE event_id = ?1 ORDER BY created_at, rowid")?
        .query_map([event_id], participant_from_row)?
        .collect::<Result<_, _>>()?;
    let taken = participants
        .iter()
        .filter(|p| ParticipantStatus::from_code(&p.data.status).is_some_and(|s| s.takes_seat()))
        .count() as i64;
    Ok(ParticipantContext {
        professions: labels(
            conn,
            "SELECT id, title, code FROM professions ORDER BY created_at, id",
        )?,
        profession_former_titles: former_profession_titles(conn)?,
        participants,
        capacity,
        taken,
    })
}

/// A refused write as the import reports it: its line, and nothing changed.
fn refused_at(line: usize, error: CoreError) -> CoreError {
    let message = match &error {
        CoreError::Validation { fields } => fields
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(" ; "),
        other => other.to_string(),
    };
    CoreError::InvalidFile(format!(
        "Import refusé à la ligne {line} : {message} Rien n'a été importé."
    ))
}

impl Store {
    pub(crate) fn csv_participant_context(&self, event_id: &str) -> CoreResult<ParticipantContext> {
        read_participant_context(self.conn(), event_id)
    }

    /// In one transaction: reads the context, lets `plan` decide the writes, makes them with
    /// the form's rules. Returns the plan's value and how many new participants went to the
    /// waiting list. Any error rolls everything back.
    pub(crate) fn csv_import_participants<T>(
        &mut self,
        event_id: &str,
        plan: impl FnOnce(&ParticipantContext) -> CoreResult<(Vec<CsvWrite<ParticipantRow>>, T)>,
    ) -> CoreResult<(T, usize)> {
        self.write(|tx| {
            let context = read_participant_context(tx, event_id)?;
            let (writes, value) = plan(&context)?;
            let mut waiting = 0;
            for write in &writes {
                match write {
                    CsvWrite::Create(row) => {
                        let (_, waitlisted) = insert_participant(tx, event_id, &row.input)
                            .map_err(|e| refused_at(row.line, e))?;
                        waiting += usize::from(waitlisted);
                    }
                    CsvWrite::Update { id, version, input } => {
                        update_participant(tx, id, *version, &input.input)
                            .map_err(|e| refused_at(input.line, e))?;
                    }
                }
            }
            Ok((value, waiting))
        })
    }
}
