//! Sessions (agenda items) of an event and their ordered speakers.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::rows::Columns;
use super::{check_ids_exist, deleted_one, new_id, now, stale_or_missing, OrNotFound, Store};
use crate::error::CoreResult;
use crate::holidays;
use crate::model::*;
use crate::validation::check_session;

/// Reads a row of `SELECT * FROM sessions` (see [`Columns`]); the speakers are read apart.
pub(super) fn session_from_row(row: &Row) -> rusqlite::Result<Session> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let event_id = c.get("event_id")?;
    let mut data = SessionInput {
        date: c.get("date")?,
        start_time: c.get("start_time")?,
        end_time: c.get("end_time")?,
        title: c.get("title")?,
        description: c.get("description")?,
        kind: c.get("kind")?,
        place: c.get("place")?,
        language: c.get("language")?,
        speakers: Vec::new(),
        ..Default::default()
    };
    let meta = c.meta(id)?;
    // Migration 7 appended these columns after `version`.
    data.title_partner = c.get("title_partner")?;
    data.description_partner = c.get("description_partner")?;
    Ok(Session {
        meta,
        event_id,
        data,
    })
}

/// Writes the session's partner-language texts (the columns of migration 7), in the
/// transaction of the session's own write.
pub(crate) fn write_partner_texts(
    tx: &Transaction,
    id: &str,
    input: &SessionInput,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE sessions SET title_partner = ?2, description_partner = ?3 WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.title_partner.trim(),
        input.description_partner
    ])?;
    Ok(())
}

/// Reads `expert_id, role` of `session_speakers` from the cursor.
pub(super) fn speaker_from(c: &mut Columns) -> rusqlite::Result<SessionSpeaker> {
    Ok(SessionSpeaker {
        expert_id: c.get("expert_id")?,
        role: c.get("role")?,
    })
}

/// Validates a session against its event, read inside the same transaction.
fn check_against_event(tx: &Transaction, event_id: &str, input: &SessionInput) -> CoreResult<()> {
    let (start_date, end_date): (String, String) = tx
        .query_row(
            "SELECT start_date, end_date FROM events WHERE id = ?1",
            [event_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .or_not_found("L'événement", event_id)?;
    let event = EventInput {
        start_date,
        end_date,
        ..Default::default()
    };
    check_session(input, &event)?;
    let experts: Vec<String> = input.speakers.iter().map(|s| s.expert_id.clone()).collect();
    check_ids_exist(tx, "experts", &experts, "speakers", "L'intervenant")
}

fn write_speakers(tx: &Transaction, session_id: &str, input: &SessionInput) -> CoreResult<()> {
    tx.execute(
        "DELETE FROM session_speakers WHERE session_id = ?1",
        [session_id],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO session_speakers (session_id, expert_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, speaker) in input.speakers.iter().enumerate() {
        insert.execute(params![
            session_id,
            speaker.expert_id,
            speaker.role,
            position as i64
        ])?;
    }
    Ok(())
}

pub(crate) fn insert_session(
    tx: &Transaction,
    event_id: &str,
    input: &SessionInput,
) -> CoreResult<String> {
    check_against_event(tx, event_id, input)?;
    let id = new_id();
    let now = now();
    tx.execute(
        "INSERT INTO sessions (id, event_id, date, start_time, end_time, title, description, kind, place, language,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 1)",
        params![
            id, event_id, input.date, input.start_time, input.end_time, input.title.trim(), input.description,
            input.kind, input.place, input.language, now
        ],
    )?;
    write_partner_texts(tx, &id, input)?;
    write_speakers(tx, &id, input)?;
    Ok(id)
}

impl Store {
    /// The agenda of an event in time order, with speakers in their printed order (two
    /// queries, whatever the number of sessions).
    pub fn list_sessions(&self, event_id: &str) -> CoreResult<Vec<Session>> {
        let mut speakers = self.speaker_links_of_event(event_id)?;
        let mut statement = self.conn().prepare_cached(
            "SELECT * FROM sessions WHERE event_id = ?1 ORDER BY date, start_time, end_time, title",
        )?;
        let mut sessions: Vec<Session> = statement
            .query_map([event_id], session_from_row)?
            .collect::<Result<_, _>>()?;
        for session in &mut sessions {
            session.data.speakers = speakers.remove(&session.meta.id).unwrap_or_default();
        }
        Ok(sessions)
    }

    pub fn get_session(&self, id: &str) -> CoreResult<Session> {
        let mut session = self
            .conn()
            .query_row(
                "SELECT * FROM sessions WHERE id = ?1",
                [id],
                session_from_row,
            )
            .or_not_found("La séquence", id)?;
        let mut speakers = self.conn().prepare_cached(
            "SELECT expert_id, role FROM session_speakers WHERE session_id = ?1 ORDER BY position",
        )?;
        session.data.speakers = speakers
            .query_map([id], |row| speaker_from(&mut Columns::new(row)))?
            .collect::<Result<_, _>>()?;
        Ok(session)
    }

    pub fn create_session(&mut self, event_id: &str, input: &SessionInput) -> CoreResult<Session> {
        let id = self.write(|tx| insert_session(tx, event_id, input))?;
        self.get_session(&id)
    }

    pub fn update_session(
        &mut self,
        id: &str,
        version: i64,
        input: &SessionInput,
    ) -> CoreResult<Session> {
        self.write(|tx| {
            let event_id: String = tx
                .query_row("SELECT event_id FROM sessions WHERE id = ?1", [id], |row| row.get(0))
                .or_not_found("La séquence", id)?;
            check_against_event(tx, &event_id, input)?;
            let changed = tx.execute(
                "UPDATE sessions SET date = ?3, start_time = ?4, end_time = ?5, title = ?6, description = ?7,
                    kind = ?8, place = ?9, language = ?10, updated_at = ?11, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id, version, input.date, input.start_time, input.end_time, input.title.trim(),
                    input.description, input.kind, input.place, input.language, now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "sessions", "La séquence", id));
            }
            write_partner_texts(tx, id, input)?;
            write_speakers(tx, id, input)
        })?;
        self.get_session(id)
    }

    pub fn delete_session(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            deleted_one(
                tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?,
                "La séquence",
                id,
            )?;
            Ok(())
        })
    }
}

/// The warnings for a day (ISO date) that is a national holiday in some of `countries`.
fn holiday_messages(countries: &[String], day: &str) -> Vec<String> {
    let Ok(date) = day.parse::<NaiveDate>() else {
        return Vec::new();
    };
    countries
        .iter()
        .filter_map(|country| {
            holidays::national_holiday_on(country, date)
                .map(|holiday| holidays::holiday_warning(country, &holiday))
        })
        .collect()
}

/// A session as the conflict sweep reads it; times are "HH:MM", so they compare as text.
struct Slot {
    id: String,
    date: String,
    start: String,
    end: String,
    title: String,
}

impl Slot {
    fn overlaps(&self, other: &Slot) -> bool {
        self.date == other.date && self.start < other.end && other.start < self.end
    }
}

/// Whether `slot` is still running when `next` starts (slots come sorted by date and start).
fn still_running(slot: &Slot, next: &Slot) -> bool {
    slot.date == next.date && slot.end > next.start
}

impl Store {
    /// Agenda warnings for an event: sessions of the event that overlap, speakers who are
    /// booked elsewhere (in this or another event) at the same time, and sessions on a national
    /// public holiday of a country of the event's territory; at most
    /// [`CONFLICTS_SHOWN`] of each kind, the earliest. Both are found by sweeping the sessions
    /// in order of time, so the work grows with the sessions and the warnings reported, not
    /// with the pairs of sessions.
    pub fn session_conflicts(&self, event_id: &str) -> CoreResult<Vec<SessionConflict>> {
        let mut conflicts = self.overlapping_sessions(event_id)?;
        conflicts.extend(self.busy_speakers(event_id)?);
        conflicts.extend(self.sessions_on_holidays(event_id)?);
        Ok(conflicts)
    }

    /// Sessions on a national public holiday of one of the countries of the event's territory
    /// (kind "holiday"; `other_session_id` is the session itself: there is no other). One
    /// warning per session and country, the earliest sessions first.
    fn sessions_on_holidays(&self, event_id: &str) -> CoreResult<Vec<SessionConflict>> {
        let countries: Vec<String> = self
            .conn()
            .prepare_cached(
                "SELECT t.countries FROM events e JOIN territories t ON t.id = e.territory_id
                 WHERE e.id = ?1",
            )?
            .query_row([event_id], |row| row.get(0))
            .optional()?
            .map(super::json_list)
            .unwrap_or_default();
        if countries.is_empty() {
            return Ok(Vec::new());
        }
        let mut statement = self.conn().prepare_cached(
            "SELECT id, date FROM sessions WHERE event_id = ?1 ORDER BY date, start_time, id",
        )?;
        let rows = statement.query_map([event_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        // Sessions share days: each day is looked up once.
        let mut by_day: HashMap<String, Vec<String>> = HashMap::new();
        let mut conflicts = Vec::new();
        for row in rows {
            let (id, day) = row?;
            let messages = by_day
                .entry(day)
                .or_insert_with_key(|day| holiday_messages(&countries, day));
            for message in messages.iter() {
                if conflicts.len() == CONFLICTS_SHOWN {
                    return Ok(conflicts);
                }
                conflicts.push(SessionConflict {
                    kind: "holiday".into(),
                    session_id: id.clone(),
                    other_session_id: id.clone(),
                    message: message.clone(),
                });
            }
        }
        Ok(conflicts)
    }

    fn overlapping_sessions(&self, event_id: &str) -> CoreResult<Vec<SessionConflict>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, date, start_time, end_time, title FROM sessions
             WHERE event_id = ?1 ORDER BY date, start_time, id",
        )?;
        let rows = statement.query_map([event_id], |row| {
            Ok(Slot {
                id: row.get(0)?,
                date: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
                title: row.get(4)?,
            })
        })?;
        let mut conflicts = Vec::new();
        let mut active: Vec<Slot> = Vec::new();
        for slot in rows {
            let slot = slot?;
            active.retain(|earlier| still_running(earlier, &slot));
            for earlier in active.iter().filter(|earlier| earlier.overlaps(&slot)) {
                if conflicts.len() == CONFLICTS_SHOWN {
                    return Ok(conflicts);
                }
                conflicts.push(SessionConflict {
                    kind: "overlap".into(),
                    message: format!(
                        "« {} » et « {} » se chevauchent.",
                        earlier.title, slot.title
                    ),
                    session_id: earlier.id.clone(),
                    other_session_id: slot.id.clone(),
                });
            }
            active.push(slot);
        }
        Ok(conflicts)
    }

    fn busy_speakers(&self, event_id: &str) -> CoreResult<Vec<SessionConflict>> {
        // Every booking of this event's speakers on this event's days, in any event.
        let mut statement = self.conn().prepare_cached(
            "SELECT sb.expert_id, b.id, b.date, b.start_time, b.end_time, b.title,
                    b.event_id = ?1, ev.code, x.first_name || ' ' || x.last_name
             FROM session_speakers sb
             JOIN sessions b ON b.id = sb.session_id
             JOIN events ev ON ev.id = b.event_id
             JOIN experts x ON x.id = sb.expert_id
             WHERE sb.expert_id IN (SELECT sa.expert_id FROM session_speakers sa
                                    JOIN sessions a ON a.id = sa.session_id WHERE a.event_id = ?1)
               AND b.date IN (SELECT date FROM sessions WHERE event_id = ?1)
             ORDER BY b.date, b.start_time, b.id",
        )?;
        let rows = statement.query_map([event_id], |row| {
            let slot = Slot {
                id: row.get(1)?,
                date: row.get(2)?,
                start: row.get(3)?,
                end: row.get(4)?,
                title: row.get(5)?,
            };
            let here: bool = row.get(6)?;
            let (expert, code, name): (String, String, String) =
                (row.get(0)?, row.get(7)?, row.get(8)?);
            Ok((expert, (slot, here, code), name))
        })?;
        let busy =
            |session: &Slot, (other, _, code): &(Slot, bool, String), name: &str| SessionConflict {
                kind: "speakerBusy".into(),
                session_id: session.id.clone(),
                other_session_id: other.id.clone(),
                message: format!(
                    "{name} intervient au même moment dans « {} » ({code}, {}–{}).",
                    other.title, other.start, other.end
                ),
            };
        let mut conflicts = Vec::new();
        let mut active: HashMap<String, Vec<(Slot, bool, String)>> = HashMap::new();
        for row in rows {
            let (expert, booking, name) = row?;
            let running = active.entry(expert).or_default();
            running.retain(|(slot, _, _)| still_running(slot, &booking.0));
            for earlier in running
                .iter()
                .filter(|earlier| earlier.0.overlaps(&booking.0))
            {
                // Each of the two sessions that is in this event is warned of the other.
                let pairs = [
                    (earlier.1, &earlier.0, &booking),
                    (booking.1, &booking.0, earlier),
                ];
                for (in_event, session, other) in pairs {
                    if !in_event {
                        continue;
                    }
                    if conflicts.len() == CONFLICTS_SHOWN {
                        return Ok(conflicts);
                    }
                    conflicts.push(busy(session, other, &name));
                }
            }
            running.push(booking);
        }
        Ok(conflicts)
    }
}
