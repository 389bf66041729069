//! Reading every record for the exchange file, each list sorted by id, with the row readers of
//! the tables' own modules: one small reader per table family, each reading a table whole and
//! its link tables grouped by owner (a fixed number of queries, whatever the size).

use std::collections::HashMap;

use rusqlite::{Connection, Row};

use super::{ExchangedParticipant, Snapshot};
use crate::error::CoreResult;
use crate::model::*;
use crate::store::events::{event_from_row, organiser_from};
use crate::store::experts::{expert_from_row, language_from};
use crate::store::organisations::{
    family_from_row, organisation_from_row, programme_from_row, territory_from_row, theme_from_row,
};
use crate::store::participants::participant_from_row;
use crate::store::professions::{competence_from_row, observation_from_row, profession_from_row};
use crate::store::requests::{change_from, request_from_row};
use crate::store::rows::Columns;
use crate::store::sessions::{session_from_row, speaker_from};

/// Reads every record, each list sorted by id; link lists that are sets are sorted by id,
/// ordered ones (languages, organisers, speakers) keep their position.
pub(crate) fn read_snapshot(conn: &Connection) -> CoreResult<Snapshot> {
    read_parts(conn, Parts::ALL)
}

/// Which of the larger kinds a partial read takes. The reference lists and the professions
/// (with their competences and observations) are always read: links to them are written by
/// key, and the team sharing turns a few changed records into documents without reading the
/// 40,000 sessions of a database whose changes are experts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    pub experts: bool,
    pub training_requests: bool,
    pub events: bool,
    pub sessions: bool,
    pub participants: bool,
    pub resources: bool,
    pub legal_notes: bool,
}

impl Parts {
    pub(crate) const ALL: Parts = Parts {
        experts: true,
        training_requests: true,
        events: true,
        sessions: true,
        participants: true,
        resources: true,
        legal_notes: true,
    };
}

/// Like [`read_snapshot`], the lists `parts` leaves out empty.
pub(crate) fn read_parts(conn: &Connection, parts: Parts) -> CoreResult<Snapshot> {
    let mut snapshot = Snapshot::default();
    read_reference(conn, &mut snapshot)?;
    read_professions(conn, &mut snapshot)?;
    if parts.experts {
        snapshot.experts = read_experts(conn)?;
    }
    if parts.training_requests {
        snapshot.training_requests = read_requests(conn)?;
    }
    if parts.events {
        snapshot.events = read_events(conn)?;
    }
    if parts.sessions {
        snapshot.sessions = read_sessions(conn)?;
    }
    if parts.participants {
        snapshot.participants = read_participants(conn)?;
    }
    if parts.resources {
        snapshot.resources = crate::store::resources::read_all_by_id(conn)?;
    }
    if parts.legal_notes {
        snapshot.legal_notes = read_legal_notes(conn)?;
    }
    Ok(snapshot)
}

/// The fingerprints of the records as last exchanged, by (table, id).
pub(crate) fn read_bases(conn: &Connection) -> CoreResult<HashMap<(String, String), String>> {
    let mut statement = conn.prepare("SELECT entity, id, fingerprint FROM exchange_bases")?;
    let rows = statement.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Organisations, territories, themes, profession families and Interreg programmes.
fn read_reference(conn: &Connection, snapshot: &mut Snapshot) -> CoreResult<()> {
    snapshot.organisations = all(
        conn,
        "SELECT * FROM organisations ORDER BY id",
        organisation_from_row,
    )?;
    snapshot.territories = all(
        conn,
        "SELECT * FROM territories ORDER BY id",
        territory_from_row,
    )?;
    snapshot.themes = all(conn, "SELECT * FROM themes ORDER BY id", theme_from_row)?;
    snapshot.profession_families = all(
        conn,
        "SELECT id, label, level, reference_key FROM profession_families ORDER BY id",
        family_from_row,
    )?;
    snapshot.interreg_programmes = all(
        conn,
        "SELECT id, name, period, kind, french_perimeter, notes, reference_key
         FROM interreg_programmes ORDER BY id",
        programme_from_row,
    )?;
    Ok(())
}

/// Professions (without their family's label, which is derived), competences and
/// observations, each in its own list.
fn read_professions(conn: &Connection, snapshot: &mut Snapshot) -> CoreResult<()> {
    snapshot.professions = all(
        conn,
        "SELECT *, NULL AS family_label FROM professions ORDER BY id",
        profession_from_row,
    )?;
    snapshot.competences = all(
        conn,
        "SELECT * FROM competences ORDER BY id",
        competence_from_row,
    )?;
    snapshot.observations = all(
        conn,
        "SELECT * FROM competence_observations ORDER BY id",
        observation_from_row,
    )?;
    Ok(())
}

/// Experts with their languages and links (without their organisation's name, which is
/// derived).
fn read_experts(conn: &Connection) -> CoreResult<Vec<Expert>> {
    let owner = "expert_id";
    let mut languages = grouped(
        conn,
        "SELECT expert_id, language, level FROM expert_languages ORDER BY expert_id, position",
        owner,
        language_from,
    )?;
    let mut themes = grouped(
        conn,
        "SELECT expert_id, theme_id FROM expert_themes ORDER BY expert_id, theme_id",
        owner,
        |c| c.get("theme_id"),
    )?;
    let mut territories = grouped(
        conn,
        "SELECT expert_id, territory_id FROM expert_territories ORDER BY expert_id, territory_id",
        owner,
        |c| c.get("territory_id"),
    )?;
    let mut professions = grouped(
        conn,
        "SELECT expert_id, profession_id FROM expert_professions ORDER BY expert_id, profession_id",
        owner,
        |c| c.get("profession_id"),
    )?;
    let mut experts = all(
        conn,
        "SELECT *, NULL AS organisation_name FROM experts ORDER BY id",
        expert_from_row,
    )?;
    for expert in &mut experts {
        let id = &expert.meta.id;
        expert.data.languages = languages.remove(id).unwrap_or_default();
        expert.data.theme_ids = themes.remove(id).unwrap_or_default();
        expert.data.territory_ids = territories.remove(id).unwrap_or_default();
        expert.data.profession_ids = professions.remove(id).unwrap_or_default();
    }
    Ok(experts)
}

/// Training requests with their organisations (requesters, handlers, each in order) and their
/// history.
fn read_requests(conn: &Connection) -> CoreResult<Vec<TrainingRequest>> {
    let owner = "request_id";
    let mut organisations = grouped(
        conn,
        "SELECT request_id, organisation_id, role FROM request_organisations
         ORDER BY request_id, role, position",
        owner,
        |c| {
            Ok((
                c.get::<String>("organisation_id")?,
                c.get::<String>("role")?,
            ))
        },
    )?;
    let mut history = grouped(
        conn,
        "SELECT request_id, at, status, by, reason FROM request_history ORDER BY request_id, position",
        owner,
        change_from,
    )?;
    let mut requests = all(
        conn,
        "SELECT * FROM training_requests ORDER BY id",
        request_from_row,
    )?;
    for request in &mut requests {
        let id = &request.meta.id;
        for (organisation, role) in organisations.remove(id).unwrap_or_default() {
            match role.as_str() {
                "requester" => request.data.requester_ids.push(organisation),
                _ => request.data.handler_ids.push(organisation),
            }
        }
        request.history = history.remove(id).unwrap_or_default();
    }
    Ok(requests)
}

/// Events with their organisers (in order), themes and target professions.
fn read_events(conn: &Connection) -> CoreResult<Vec<Event>> {
    let owner = "event_id";
    let mut organisers = grouped(
        conn,
        "SELECT event_id, organisation_id, role FROM event_organisers ORDER BY event_id, position",
        owner,
        organiser_from,
    )?;
    let mut themes = grouped(
        conn,
        "SELECT event_id, theme_id FROM event_themes ORDER BY event_id, theme_id",
        owner,
        |c| c.get("theme_id"),
    )?;
    let mut professions = grouped(
        conn,
        "SELECT event_id, profession_id FROM event_professions ORDER BY event_id, profession_id",
        owner,
        |c| c.get("profession_id"),
    )?;
    let mut events = all(conn, "SELECT * FROM events ORDER BY id", event_from_row)?;
    for event in &mut events {
        let id = &event.meta.id;
        event.data.organisers = organisers.remove(id).unwrap_or_default();
        event.data.theme_ids = themes.remove(id).unwrap_or_default();
        event.data.target_profession_ids = professions.remove(id).unwrap_or_default();
    }
    Ok(events)
}

/// Sessions with their speakers, in order.
fn read_sessions(conn: &Connection) -> CoreResult<Vec<Session>> {
    let mut speakers = grouped(
        conn,
        "SELECT session_id, expert_id, role FROM session_speakers ORDER BY session_id, position",
        "session_id",
        speaker_from,
    )?;
    let mut sessions = all(conn, "SELECT * FROM sessions ORDER BY id", session_from_row)?;
    for session in &mut sessions {
        session.data.speakers = speakers.remove(&session.meta.id).unwrap_or_default();
    }
    Ok(sessions)
}

/// Participants with when they entered their status and their attendance, by date and
/// half-day ("am" sorts before "pm").
fn read_participants(conn: &Connection) -> CoreResult<Vec<ExchangedParticipant>> {
    let mut attendance = grouped(
        conn,
        "SELECT participant_id, date, part, mark FROM attendance
         ORDER BY participant_id, date, part",
        "participant_id",
        |c| {
            Ok(AttendanceEntry {
                // The owner's column was read by `grouped`; the record gives it back.
                participant_id: String::new(),
                date: c.get("date")?,
                part: c.get("part")?,
                mark: c.get("mark")?,
            })
        },
    )?;
    all(conn, "SELECT * FROM participants ORDER BY id", |row| {
        let participant = participant_from_row(row)?;
        let mut cells = attendance.remove(&participant.meta.id).unwrap_or_default();
        for cell in &mut cells {
            cell.participant_id.clone_from(&participant.meta.id);
        }
        Ok(ExchangedParticipant {
            status_since: row.get("status_since")?,
            attendance: cells,
            participant,
        })
    })
}

/// Every row of a statement without parameters.
fn all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> CoreResult<Vec<T>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], map)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rows of (owner id, value…) grouped by owner, in the statement's order; the owner is the
/// first column, named `owner`.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    owner: &str,
    value: impl Fn(&mut Columns) -> rusqlite::Result<T>,
) -> CoreResult<HashMap<String, Vec<T>>> {
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    let mut map: HashMap<String, Vec<T>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let mut columns = Columns::new(row);
        let id: String = columns.get(owner)?;
        map.entry(id).or_default().push(value(&mut columns)?);
    }
    Ok(map)
}

/// Legal notes with their bases and resources, each in the note's order.
fn read_legal_notes(conn: &Connection) -> CoreResult<Vec<LegalNote>> {
    let owner = "note_id";
    let mut bases = grouped(
        conn,
        "SELECT note_id, kind, identifier, article, date, url FROM legal_bases
         ORDER BY note_id, position",
        owner,
        crate::store::legal_notes::basis_from,
    )?;
    let mut resources = grouped(
        conn,
        "SELECT note_id, resource_id FROM legal_note_resources ORDER BY note_id, position",
        owner,
        |c| c.get::<String>("resource_id"),
    )?;
    let mut notes = all(
        conn,
        "SELECT * FROM legal_notes ORDER BY id",
        crate::store::legal_notes::note_from_row,
    )?;
    for note in &mut notes {
        let id = &note.meta.id;
        note.data.bases = bases.remove(id).unwrap_or_default();
        note.data.resource_ids = resources.remove(id).unwrap_or_default();
    }
    Ok(notes)
}
