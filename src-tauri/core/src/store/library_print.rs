//! Reading the library for the printed documents (the legal note, the « dossier
//! documentaire », the programme's « Ressources » section): resources as a few plain columns,
//! authors' names joined in their order, in one query per list.

use rusqlite::Row;

use super::rows::Columns;
use super::Store;
use crate::error::CoreResult;

/// A resource as the documents print it; `kind` is its code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ResourceForPrint {
    pub title: String,
    pub kind: String,
    pub authors: String,
    pub publication_date: String,
    pub reference: String,
    pub summary: String,
}

/// A session with resources, in agenda order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SessionForPrint {
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub resources: Vec<ResourceForPrint>,
}

/// The printed columns of a resource `r`: authors (an expert's name or an organisation's)
/// in their order.
const RESOURCE_COLUMNS: &str = "r.title, r.kind,
    coalesce((SELECT group_concat(coalesce(ex.first_name || ' ' || ex.last_name, o.name), ', '
                                  ORDER BY a.position)
              FROM resource_authors a
              LEFT JOIN experts ex ON ex.id = a.expert_id
              LEFT JOIN organisations o ON o.id = a.organisation_id
              WHERE a.resource_id = r.id), '') AS authors,
    r.publication_date, r.reference, r.summary";

fn resource_from(c: &mut Columns) -> rusqlite::Result<ResourceForPrint> {
    Ok(ResourceForPrint {
        title: c.get("title")?,
        kind: c.get("kind")?,
        authors: c.get("authors")?,
        publication_date: c.get("publication_date")?,
        reference: c.get("reference")?,
        summary: c.get("summary")?,
    })
}

fn resource_from_row(row: &Row) -> rusqlite::Result<ResourceForPrint> {
    resource_from(&mut Columns::new(row))
}

impl Store {
    /// The event's own resources, by title.
    pub(crate) fn event_resources_for_print(
        &self,
        event_id: &str,
    ) -> CoreResult<Vec<ResourceForPrint>> {
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resource_events re JOIN resources r ON r.id = re.resource_id
             WHERE re.event_id = ?1 ORDER BY r.title COLLATE NOCASE, r.id"
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let rows = statement.query_map([event_id], resource_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The event's sessions that have resources, in agenda order (date, start, end, title),
    /// each with its resources by title.
    pub(crate) fn session_resources_for_print(
        &self,
        event_id: &str,
    ) -> CoreResult<Vec<SessionForPrint>> {
        let sql = format!(
            "SELECT s.id AS session_id, s.title AS session_title, s.date, s.start_time, {RESOURCE_COLUMNS}
             FROM sessions s JOIN resource_sessions rs ON rs.session_id = s.id
             JOIN resources r ON r.id = rs.resource_id
             WHERE s.event_id = ?1
             ORDER BY s.date, s.start_time, s.end_time, s.title, s.id, r.title COLLATE NOCASE, r.id"
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let rows = statement.query_map([event_id], |row| {
            let mut c = Columns::new(row);
            let id: String = c.get("session_id")?;
            let session = SessionForPrint {
                title: c.get("session_title")?,
                date: c.get("date")?,
                start_time: c.get("start_time")?,
                resources: Vec::new(),
            };
            Ok((id, session, resource_from(&mut c)?))
        })?;
        let mut sessions: Vec<(String, SessionForPrint)> = Vec::new();
        for row in rows {
            let (id, session, resource) = row?;
            match sessions.last_mut() {
                Some((last, s)) if *last == id => s.resources.push(resource),
                _ => {
                    let mut session = session;
                    session.resources.push(resource);
                    sessions.push((id, session));
                }
            }
        }
        Ok(sessions.into_iter().map(|(_, s)| s).collect())
    }

    /// The resources a legal note links to, in the note's order.
    pub(crate) fn note_resources_for_print(
        &self,
        note_id: &str,
    ) -> CoreResult<Vec<ResourceForPrint>> {
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM legal_note_resources l JOIN resources r ON r.id = l.resource_id
             WHERE l.note_id = ?1 ORDER BY l.position"
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let rows = statement.query_map([note_id], resource_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
