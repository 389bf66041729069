//! Participants of an event: registrations within the event's capacity, the waiting list, and
//! the attendance per half-day.
//!
//! Rules kept here, inside the writing transaction:
//! - only `registered` and `confirmed` take a seat; a new one beyond `events.capacity` goes to
//!   the waiting list (the caller is told its rank), an edit or a promotion beyond it is refused;
//! - the waiting list is served in the order people entered it (`status_since`, one millisecond
//!   apart within an event even for a CSV import, so that the order travels in the exchange
//!   file; then insertion order); a cancellation or a deletion that frees a seat promotes
//!   the first one waiting;
//! - one e-mail address once per event (case-insensitive);
//! - attendance is written for a whole event at once, all or nothing, only on half-days that
//!   have training sessions (the 13 h rule of the attendance sheets) and for its participants.

use std::collections::{BTreeSet, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows::Columns;
use super::{check_ids_exist, deleted_one, new_id, now, stale_or_missing, OrNotFound, Store};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::exchange::folding::fold;
use crate::model::*;
use crate::validation::{
    check_attendance_entries, check_participant, half_day_label, half_day_of, parse_date,
};

const ENTITY: &str = "Le participant";
const WAITING: &str = "waiting_list";

/// Reads a row of `SELECT * FROM participants` (see [`Columns`]).
pub(super) fn participant_from_row(row: &Row) -> rusqlite::Result<Participant> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let event_id = c.get("event_id")?;
    let data = ParticipantInput {
        first_name: c.get("first_name")?,
        last_name: c.get("last_name")?,
        email: c.get("email")?,
        phone: c.get("phone")?,
        employer: c.get("employer")?,
        job_title: c.get("job_title")?,
        profession_id: c.get("profession_id")?,
        status: c.get("status")?,
        special_needs: c.get("special_needs")?,
        notes: c.get("notes")?,
    };
    let _since: String = c.get("status_since")?;
    let anonymised = c.get("anonymised")?;
    let meta = c.meta(id)?;
    Ok(Participant {
        meta,
        event_id,
        data,
        anonymised,
    })
}

/// The input as stored: names and contact trimmed, registered when no status is given.
pub(crate) fn normalised(input: &ParticipantInput) -> ParticipantInput {
    let mut input = input.clone();
    for field in [
        &mut input.first_name,
        &mut input.last_name,
        &mut input.email,
        &mut input.phone,
        &mut input.employer,
        &mut input.job_title,
        &mut input.status,
    ] {
        *field = field.trim().to_string();
    }
    if input.status.is_empty() {
        input.status = ParticipantStatus::Registered.code().into();
    }
    input
}

/// The event's capacity (none: unlimited) and the seats taken.
fn seats(conn: &Connection, event_id: &str) -> CoreResult<(Option<i64>, i64)> {
    let capacity: Option<i64> = conn
        .query_row(
            "SELECT capacity FROM events WHERE id = ?1",
            [event_id],
            |row| row.get(0),
        )
        .or_not_found("L'événement", event_id)?;
    let taken: i64 = conn.query_row(
        "SELECT COUNT(*) FROM participants WHERE event_id = ?1 AND status IN ('registered', 'confirmed')",
        [event_id],
        |row| row.get(0),
    )?;
    Ok((capacity, taken))
}

fn is_full(capacity: Option<i64>, taken: i64) -> bool {
    capacity.is_some_and(|capacity| taken >= capacity)
}

fn full_error(capacity: i64, status: &str) -> CoreError {
    let label =
        ParticipantStatus::from_code(status).map_or(status.to_string(), |s| s.label().to_string());
    CoreError::field(
        "status",
        format!(
            "L'événement est complet ({capacity} places, toutes occupées) : le statut « {label} » \
             n'est pas possible. Annulez une autre inscription ou augmentez la capacité de \
             l'événement. Rien n'a été modifié."
        ),
    )
}

/// Refuses an e-mail address another participant of the event already has, and a profession
/// that does not exist.
fn check_links(
    tx: &Transaction,
    event_id: &str,
    id: Option<&str>,
    input: &ParticipantInput,
) -> CoreResult<()> {
    if !input.email.is_empty() {
        let other: Option<(String, String)> = tx
            .query_row(
                "SELECT first_name, last_name FROM participants
                 WHERE event_id = ?1 AND lower(email) = lower(?2) AND id != ?3",
                params![event_id, input.email, id.unwrap_or("")],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((first, last)) = other {
            return Err(CoreError::Duplicate {
                field: "email".into(),
                message: format!(
                    "Adresse e-mail : « {} » est déjà inscrite à cet événement ({}). Une personne \
                     ne s'inscrit qu'une fois ; rien n'a été modifié.",
                    input.email,
                    format!("{first} {last}").trim()
                ),
            });
        }
    }
    let professions: Vec<String> = input.profession_id.iter().cloned().collect();
    check_ids_exist(tx, "professions", &professions, "professionId", "Le métier")
}

/// Inserts a participant of `event_id`, on the waiting list when it would take a seat of a
/// full event. Returns its id and whether it was put on the waiting list.
pub(crate) fn insert_participant(
    tx: &Transaction,
    event_id: &str,
    input: &ParticipantInput,
) -> CoreResult<(String, bool)> {
    let mut input = normalised(input);
    check_participant(&input, false)?;
    let (capacity, taken) = seats(tx, event_id)?;
    check_links(tx, event_id, None, &input)?;
    let takes_seat = ParticipantStatus::from_code(&input.status).is_some_and(|s| s.takes_seat());
    let waitlisted = takes_seat && is_full(capacity, taken);
    if waitlisted {
        input.status = WAITING.into();
    }
    let id = new_id();
    let now = now();
    tx.prepare_cached(
        "INSERT INTO participants (id, event_id, first_name, last_name, email, phone, employer,
            job_title, profession_id, status, special_needs, notes, status_since, anonymised,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
            (SELECT CASE WHEN max(status_since) >= ?13 THEN
                strftime('%Y-%m-%dT%H:%M:%fZ', max(status_since), '+0.001 seconds') ELSE ?13 END
             FROM participants WHERE event_id = ?2), 0, ?13, ?13, 1)",
    )?
    .execute(params![
        id,
        event_id,
        input.first_name,
        input.last_name,
        input.email,
        input.phone,
        input.employer,
        input.job_title,
        input.profession_id,
        input.status,
        input.special_needs,
        input.notes,
        now
    ])?;
    Ok((id, waitlisted))
}

/// `(event_id, status, anonymised)` of a participant.
fn current(tx: &Transaction, id: &str) -> CoreResult<(String, String, bool)> {
    tx.query_row(
        "SELECT event_id, status, anonymised FROM participants WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )
    .or_not_found(ENTITY, id)
}

fn takes_seat(status: &str) -> bool {
    ParticipantStatus::from_code(status).is_some_and(|s| s.takes_seat())
}

/// Updates a participant (optimistic `version`) and promotes the first one waiting if the
/// edit freed a seat.
pub(crate) fn update_participant(
    tx: &Transaction,
    id: &str,
    version: i64,
    input: &ParticipantInput,
) -> CoreResult<Option<ParticipantSummary>> {
    let input = normalised(input);
    let (event_id, old_status, anonymised) = current(tx, id)?;
    if anonymised {
        return Err(CoreError::field(
            "anonymised",
            "Ce participant a été anonymisé (RGPD) : sa fiche ne peut plus être modifiée. Rien \
             n'a été modifié.",
        ));
    }
    check_participant(&input, false)?;
    check_links(tx, &event_id, Some(id), &input)?;
    if takes_seat(&input.status) && !takes_seat(&old_status) {
        let (capacity, taken) = seats(tx, &event_id)?;
        if let (true, Some(capacity)) = (is_full(capacity, taken), capacity) {
            return Err(full_error(capacity, &input.status));
        }
    }
    let changed = tx.execute(
        "UPDATE participants SET first_name = ?3, last_name = ?4, email = ?5, phone = ?6,
            employer = ?7, job_title = ?8, profession_id = ?9, status = ?10, special_needs = ?11,
            notes = ?12, status_since = CASE WHEN status = ?10 THEN status_since ELSE ?13 END,
            updated_at = ?13, version = version + 1
         WHERE id = ?1 AND version = ?2",
        params![
            id,
            version,
            input.first_name,
            input.last_name,
            input.email,
            input.phone,
            input.employer,
            input.job_title,
            input.profession_id,
            input.status,
            input.special_needs,
            input.notes,
            now()
        ],
    )?;
    if changed == 0 {
        return Err(stale_or_missing(tx, "participants", ENTITY, id));
    }
    if takes_seat(&old_status) && !takes_seat(&input.status) {
        return promote_next(tx, &event_id);
    }
    Ok(None)
}

/// Gives a free seat, if there is one, to the first one waiting.
fn promote_next(tx: &Transaction, event_id: &str) -> CoreResult<Option<ParticipantSummary>> {
    let (capacity, taken) = seats(tx, event_id)?;
    if is_full(capacity, taken) {
        return Ok(None);
    }
    let next: Option<String> = tx
        .query_row(
            "SELECT id FROM participants WHERE event_id = ?1 AND status = 'waiting_list'
             ORDER BY status_since, rowid LIMIT 1",
            [event_id],
            |row| row.get(0),
        )
        .optional()?;
    let Some(next) = next else { return Ok(None) };
    tx.execute(
        "UPDATE participants SET status = 'registered', status_since = ?2, updated_at = ?2,
            version = version + 1 WHERE id = ?1",
        params![next, now()],
    )?;
    Ok(summaries(tx, event_id)?.into_iter().find(|s| s.id == next))
}

/// The event's participants as list lines, sorted by last name then first name (accents and
/// case aside), each waiting one with its rank.
fn summaries(conn: &Connection, event_id: &str) -> CoreResult<Vec<ParticipantSummary>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, first_name, last_name, email, employer, status, anonymised FROM participants
         WHERE event_id = ?1 ORDER BY status_since, rowid",
    )?;
    let mut rank = 0;
    let mut list: Vec<ParticipantSummary> = statement
        .query_map([event_id], |row| {
            let mut c = Columns::new(row);
            Ok(ParticipantSummary {
                id: c.get("id")?,
                first_name: c.get("first_name")?,
                last_name: c.get("last_name")?,
                email: c.get("email")?,
                employer: c.get("employer")?,
                status: c.get("status")?,
                waiting_rank: None,
                anonymised: c.get("anonymised")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    for summary in &mut list {
        if summary.status == WAITING {
            rank += 1;
            summary.waiting_rank = Some(rank);
        }
    }
    list.sort_by_cached_key(|s| (fold(&s.last_name), fold(&s.first_name), s.id.clone()));
    Ok(list)
}

/// The outcome of a write, read after it: the participant, its rank if waiting, who was
/// promoted, and the sentence to show.
fn outcome(
    store: &Store,
    id: &str,
    waitlisted: bool,
    promoted: Option<ParticipantSummary>,
) -> CoreResult<ParticipantOutcome> {
    let participant = store.get_participant(id)?;
    let waiting_rank = summaries(store.conn(), &participant.event_id)?
        .into_iter()
        .find(|s| s.id == id)
        .and_then(|s| s.waiting_rank);
    let notice = match (&promoted, waiting_rank) {
        (Some(p), _) => Some(format!(
            "Place libérée : {} passe de la liste d'attente aux inscrits.",
            format!("{} {}", p.first_name, p.last_name).trim()
        )),
        (None, Some(rank)) if waitlisted => Some(format!(
            "Complet : ajouté en liste d'attente (rang {rank})."
        )),
        _ => None,
    };
    Ok(ParticipantOutcome {
        participant,
        waiting_rank,
        promoted,
        notice,
    })
}

impl Store {
    pub fn get_participant(&self, id: &str) -> CoreResult<Participant> {
        self.conn()
            .query_row(
                "SELECT * FROM participants WHERE id = ?1",
                [id],
                participant_from_row,
            )
            .or_not_found(ENTITY, id)
    }

    /// The event's participants, sorted by last name then first name, with waiting ranks.
    pub fn list_participants(&self, event_id: &str) -> CoreResult<Vec<ParticipantSummary>> {
        seats(self.conn(), event_id)?;
        summaries(self.conn(), event_id)
    }

    /// The event's participants as whole records, in the list's order.
    pub fn participants_of(&self, event_id: &str) -> CoreResult<Vec<Participant>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT * FROM participants WHERE event_id = ?1")?;
        let mut list: Vec<Participant> = statement
            .query_map([event_id], participant_from_row)?
            .collect::<Result<_, _>>()?;
        list.sort_by_cached_key(|p| {
            (
                fold(&p.data.last_name),
                fold(&p.data.first_name),
                p.meta.id.clone(),
            )
        });
        Ok(list)
    }

    /// `(capacity, seats taken)` of an event.
    pub fn event_seats(&self, event_id: &str) -> CoreResult<(Option<i64>, i64)> {
        seats(self.conn(), event_id)
    }

    /// Adds a participant; when the event is full, it goes to the waiting list and the
    /// outcome says so with its rank.
    pub fn add_participant(
        &mut self,
        event_id: &str,
        input: &ParticipantInput,
    ) -> CoreResult<ParticipantOutcome> {
        let (id, waitlisted) = self.write(|tx| insert_participant(tx, event_id, input))?;
        outcome(self, &id, waitlisted, None)
    }

    pub fn update_participant(
        &mut self,
        id: &str,
        version: i64,
        input: &ParticipantInput,
    ) -> CoreResult<ParticipantOutcome> {
        let promoted = self.write(|tx| update_participant(tx, id, version, input))?;
        outcome(self, id, false, promoted)
    }

    /// Cancels a registration; the seat it frees goes to the first one waiting.
    pub fn cancel_participant(&mut self, id: &str, version: i64) -> CoreResult<ParticipantOutcome> {
        self.set_status(id, version, ParticipantStatus::Cancelled)
    }

    /// Registers someone waiting (or pre-registered) by hand; refused when the event is full.
    pub fn promote_participant(
        &mut self,
        id: &str,
        version: i64,
    ) -> CoreResult<ParticipantOutcome> {
        self.set_status(id, version, ParticipantStatus::Registered)
    }

    fn set_status(
        &mut self,
        id: &str,
        version: i64,
        status: ParticipantStatus,
    ) -> CoreResult<ParticipantOutcome> {
        let mut input = self.get_participant(id)?.data;
        input.status = status.code().into();
        self.update_participant(id, version, &input)
    }

    /// Deletes a participant and their attendance; a seat it frees goes to the first one
    /// waiting, who is returned.
    pub fn delete_participant(&mut self, id: &str) -> CoreResult<Option<ParticipantSummary>> {
        self.write(|tx| {
            let (event_id, status, _) = current(tx, id)?;
            deleted_one(
                tx.execute("DELETE FROM participants WHERE id = ?1", [id])?,
                ENTITY,
                id,
            )?;
            if takes_seat(&status) {
                promote_next(tx, &event_id)
            } else {
                Ok(None)
            }
        })
    }

    /// The half-days of the event that have training sessions, in order: the columns of the
    /// attendance grid.
    pub fn attendance_half_days(&self, event_id: &str) -> CoreResult<Vec<HalfDaySlot>> {
        seats(self.conn(), event_id)?;
        Ok(training_slots(self.conn(), event_id)?.into_iter().collect())
    }

    /// Every attendance mark of the event, by participant, date and half-day.
    pub fn attendance_of(&self, event_id: &str) -> CoreResult<Vec<AttendanceEntry>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT a.participant_id, a.date, a.part, a.mark FROM attendance a
             JOIN participants p ON p.id = a.participant_id
             WHERE p.event_id = ?1 ORDER BY a.participant_id, a.date, a.part",
        )?;
        let entries = statement
            .query_map([event_id], |row| {
                let mut c = Columns::new(row);
                Ok(AttendanceEntry {
                    participant_id: c.get("participant_id")?,
                    date: c.get("date")?,
                    part: c.get("part")?,
                    mark: c.get("mark")?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(entries)
    }

    /// Makes the event's attendance exactly `entries` (a cell left out is empty), all or
    /// nothing: one mark outside the event's training half-days, for someone not registered
    /// to it, or given twice refuses the whole grid, naming each entry.
    pub fn set_attendance(
        &mut self,
        event_id: &str,
        entries: &[AttendanceEntry],
    ) -> CoreResult<()> {
        check_attendance_entries(entries)?;
        self.write(|tx| write_attendance(tx, event_id, entries))
    }
}

/// The half-days with a training session (breaks, meals and transfers aside), by the 13 h rule.
fn training_slots(conn: &Connection, event_id: &str) -> CoreResult<BTreeSet<HalfDaySlot>> {
    let mut statement =
        conn.prepare_cached("SELECT date, start_time, kind FROM sessions WHERE event_id = ?1")?;
    let mut rows = statement.query([event_id])?;
    let mut slots = BTreeSet::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(2)?;
        if SessionKind::from_code(&kind).is_some_and(|k| !k.counts_as_training()) {
            continue;
        }
        let start: String = row.get(1)?;
        slots.insert(HalfDaySlot {
            date: row.get(0)?,
            part: half_day_of(&start).code().into(),
        });
    }
    Ok(slots)
}

pub(crate) fn write_attendance(
    tx: &Transaction,
    event_id: &str,
    entries: &[AttendanceEntry],
) -> CoreResult<()> {
    let (start, end): (String, String) = tx
        .query_row(
            "SELECT start_date, end_date FROM events WHERE id = ?1",
            [event_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .or_not_found("L'événement", event_id)?;
    let slots = training_slots(tx, event_id)?;
    let participants: HashSet<String> = tx
        .prepare_cached("SELECT id FROM participants WHERE event_id = ?1")?
        .query_map([event_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let when = half_day_label(&entry.date, &entry.part);
        let message = if !participants.contains(&entry.participant_id) {
            format!(
                "Présence {when} : ce participant n'est pas inscrit à cet événement (identifiant {}).",
                entry.participant_id
            )
        } else if entry.date < start || entry.date > end {
            format!(
                "Présence {when} : cette date est en dehors de l'événement (du {} au {}).",
                french(&start),
                french(&end)
            )
        } else if !slots.contains(&HalfDaySlot {
            date: entry.date.clone(),
            part: entry.part.clone(),
        }) {
            format!("Présence {when} : le programme n'a aucune séquence de formation à ce moment.")
        } else if !seen.insert((&entry.participant_id, &entry.date, &entry.part)) {
            format!("Présence {when} : notée deux fois pour le même participant.")
        } else {
            continue;
        };
        problems.push(FieldError {
            field: format!("attendance.{i}"),
            message: format!("{message} Rien n'a été enregistré."),
        });
    }
    if !problems.is_empty() {
        return Err(CoreError::Validation { fields: problems });
    }
    let before = super::attendance_versions::marks_of_event(tx, event_id)?;
    tx.execute(
        "DELETE FROM attendance WHERE participant_id IN
            (SELECT id FROM participants WHERE event_id = ?1)",
        [event_id],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO attendance (participant_id, date, part, mark) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for entry in entries {
        insert.execute(params![
            entry.participant_id,
            entry.date,
            entry.part,
            entry.mark
        ])?;
    }
    super::attendance_versions::bump_changed(tx, before, entries)
}

fn french(date: &str) -> String {
    parse_date(date).map_or(date.to_string(), |d| d.format("%d/%m/%Y").to_string())
}
