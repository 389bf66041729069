//! The read model of an event's agenda: the event, its sessions in order and every speaker with
//! their organisation, in a fixed number of queries whatever the size of the agenda. The event
//! page, the printed documents and the agenda exports all read it.

use std::collections::HashMap;

use rusqlite::params;

use super::Store;
use crate::agenda::{build_agenda, AgendaSpeaker, EventAgenda};
use crate::error::CoreResult;
use crate::model::{Event, Session, SessionSpeaker};

impl Store {
    /// The agenda of `event_id`; `NotFound` if there is no such event.
    pub fn event_agenda(&self, event_id: &str) -> CoreResult<EventAgenda> {
        let event = self.get_event(event_id)?;
        self.agenda_of(&event)
    }

    /// The agenda of an event already read.
    pub fn agenda_of(&self, event: &Event) -> CoreResult<EventAgenda> {
        let sessions = self.sessions_with_speakers(&event.meta.id)?;
        let conflicts = self.session_conflicts(&event.meta.id)?;
        Ok(build_agenda(event, sessions, conflicts))
    }

    /// The organisers of an event in printed order: (organisation name, role code).
    pub fn event_organiser_names(&self, event_id: &str) -> CoreResult<Vec<(String, String)>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT o.name, eo.role FROM event_organisers eo
               JOIN organisations o ON o.id = eo.organisation_id
              WHERE eo.event_id = ?1 ORDER BY eo.position",
        )?;
        let rows = statement.query_map([event_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The titles of an event's target professions.
    pub fn event_profession_titles(&self, event_id: &str) -> CoreResult<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT p.title FROM event_professions ep
               JOIN professions p ON p.id = ep.profession_id
              WHERE ep.event_id = ?1 ORDER BY ep.profession_id",
        )?;
        let rows = statement.query_map([event_id], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The sessions of an event, each with its speakers (ids and roles on the session, names
    /// and organisations in the details), in two queries.
    pub(crate) fn sessions_with_speakers(
        &self,
        event_id: &str,
    ) -> CoreResult<Vec<(Session, Vec<AgendaSpeaker>)>> {
        let mut speakers = self.speakers_of_event(event_id)?;
        let sessions = self.list_sessions(event_id)?;
        Ok(sessions
            .into_iter()
            .map(|session| {
                let details = speakers.remove(&session.meta.id).unwrap_or_default();
                (session, details)
            })
            .collect())
    }

    /// Every speaker of the event's sessions, by session id, in printed order.
    fn speakers_of_event(&self, event_id: &str) -> CoreResult<HashMap<String, Vec<AgendaSpeaker>>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT ss.session_id, ss.expert_id, ss.role, x.first_name, x.last_name, x.job_title,
                    COALESCE(o.name, ''), x.bio_fr, x.bio_other, x.bio_other_language
               FROM session_speakers ss
               JOIN sessions s ON s.id = ss.session_id
               JOIN experts x ON x.id = ss.expert_id
               LEFT JOIN organisations o ON o.id = x.organisation_id
              WHERE s.event_id = ?1
              ORDER BY ss.session_id, ss.position",
        )?;
        let rows = statement.query_map(params![event_id], |row| {
            let first: String = row.get(3)?;
            let last: String = row.get(4)?;
            Ok((
                row.get::<_, String>(0)?,
                AgendaSpeaker {
                    expert_id: row.get(1)?,
                    role: row.get(2)?,
                    name: format!("{} {}", first.trim(), last.trim())
                        .trim()
                        .to_string(),
                    job_title: row.get(5)?,
                    organisation: row.get(6)?,
                    bio_fr: row.get(7)?,
                    bio_other: row.get(8)?,
                    bio_other_language: row.get(9)?,
                },
            ))
        })?;
        let mut by_session: HashMap<String, Vec<AgendaSpeaker>> = HashMap::new();
        for row in rows {
            let (session_id, speaker) = row?;
            by_session.entry(session_id).or_default().push(speaker);
        }
        Ok(by_session)
    }

    /// The speakers (ids and roles) of every session of an event, by session id.
    pub(crate) fn speaker_links_of_event(
        &self,
        event_id: &str,
    ) -> CoreResult<HashMap<String, Vec<SessionSpeaker>>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT ss.session_id, ss.expert_id, ss.role FROM session_speakers ss
               JOIN sessions s ON s.id = ss.session_id
              WHERE s.event_id = ?1 ORDER BY ss.session_id, ss.position",
        )?;
        let rows = statement.query_map(params![event_id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                SessionSpeaker {
                    expert_id: row.get(1)?,
                    role: row.get(2)?,
                },
            ))
        })?;
        let mut by_session: HashMap<String, Vec<SessionSpeaker>> = HashMap::new();
        for row in rows {
            let (session_id, speaker) = row?;
            by_session.entry(session_id).or_default().push(speaker);
        }
        Ok(by_session)
    }
}
