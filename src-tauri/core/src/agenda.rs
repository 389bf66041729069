//! The rules of an event's agenda, shared by every reader of it (the event page, the printed
//! programme and attendance sheets, the iCalendar and CSV exports): how sessions group into
//! days, how long the training lasts, and where a new or duplicated session goes.
//!
//! Pure functions on plain values: the store's read model (`store::agenda`) and the documents
//! both call them, so the page and the printed programme can never disagree on a duration.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use crate::model::{Event, Session, SessionConflict, SessionKind};

/// The part of a session these rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedSpan {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Breaks, meals and transfers do not count in the training time.
    pub counts_as_training: bool,
}

/// Spans grouped by day, days in order, each day sorted by start then end.
pub fn spans_by_day(spans: &[TimedSpan]) -> Vec<(NaiveDate, Vec<TimedSpan>)> {
    let mut days: BTreeMap<NaiveDate, Vec<TimedSpan>> = BTreeMap::new();
    for span in spans {
        days.entry(span.date).or_default().push(*span);
    }
    days.into_iter()
        .map(|(date, mut list)| {
            list.sort_by_key(|s| (s.start, s.end));
            (date, list)
        })
        .collect()
}

/// Training time in minutes: the union, day by day, of the spans that count as training, so
/// parallel workshops are not counted twice.
pub fn training_minutes(spans: &[TimedSpan]) -> i64 {
    spans_by_day(spans)
        .iter()
        .map(|(_, day)| union_minutes(day))
        .sum()
}

fn union_minutes(day: &[TimedSpan]) -> i64 {
    minutes_covered(
        day.iter()
            .filter(|s| s.counts_as_training)
            .map(|s| (s.start, s.end))
            .collect(),
    )
}

/// Minutes covered by the union of `intervals` (overlapping or parallel sessions count once;
/// empty or reversed ones not at all).
pub(crate) fn minutes_covered(mut intervals: Vec<(NaiveTime, NaiveTime)>) -> i64 {
    intervals.retain(|(start, end)| end > start);
    intervals.sort();
    let mut total = 0;
    let mut current: Option<(NaiveTime, NaiveTime)> = None;
    for (start, end) in intervals {
        current = match current {
            Some((s, e)) if start <= e => Some((s, e.max(end))),
            Some((s, e)) => {
                total += (e - s).num_minutes();
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((s, e)) = current {
        total += (e - s).num_minutes();
    }
    total
}

/// Number of days with at least one span that counts as training.
pub fn training_days(spans: &[TimedSpan]) -> usize {
    spans_by_day(spans)
        .iter()
        .filter(|(_, day)| day.iter().any(|s| s.counts_as_training))
        .count()
}

/// Every day from `start` to `end` included (nothing when either is missing or reversed, and
/// at most a year, so a mistyped end date cannot produce thousands of empty days).
pub fn days_between(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Vec<NaiveDate> {
    const MAX_DAYS: usize = 366;
    match (start, end) {
        (Some(start), Some(end)) if start <= end => start
            .iter_days()
            .take_while(|day| *day <= end)
            .take(MAX_DAYS)
            .collect(),
        _ => Vec::new(),
    }
}

/// Minutes between two times of the same day (0 when the end is not after the start).
pub fn duration_minutes(start: NaiveTime, end: NaiveTime) -> i64 {
    (end - start).num_minutes().max(0)
}

/// Where a copy of a session goes: right after it, same length, on the same day; at the same
/// times when that would pass midnight.
pub fn duplicate_times(start: NaiveTime, end: NaiveTime) -> (NaiveTime, NaiveTime) {
    let length = duration_minutes(start, end);
    let end_minutes = i64::from(end.num_seconds_from_midnight() / 60);
    if end_minutes + length < 24 * 60 {
        (end, end + chrono::Duration::minutes(length))
    } else {
        (start, end)
    }
}

/// "HH:MM", as sessions store their times.
pub fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// A stored "HH:MM" time, or `None`.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A stored ISO date, or `None`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

// ---------------------------------------------------------------------------------------------
// The read model: what every reader of an agenda gets from `Store::event_agenda`.

/// An event's agenda as the page, the documents and the exports read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventAgenda {
    pub event_id: String,
    /// Every day of the event, then any day outside it that still has sessions; in order.
    pub days: Vec<AgendaDay>,
    pub training_minutes: i64,
    pub training_days: usize,
    /// Overlapping sessions and speakers booked twice (see `Store::session_conflicts`).
    pub conflicts: Vec<SessionConflict>,
    /// Where « Nouvelle séance » starts: the last session's day, at its end.
    pub new_session: SessionSlot,
}

impl EventAgenda {
    /// The sessions in time order, all days together.
    pub fn sessions(&self) -> impl Iterator<Item = &AgendaSession> {
        self.days.iter().flat_map(|day| day.sessions.iter())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDay {
    /// ISO date.
    pub date: String,
    /// False for a day outside the event's dates (sessions left there by a change of dates).
    pub in_event: bool,
    pub sessions: Vec<AgendaSession>,
}

/// A session with its speakers' names and organisations, its length and the slot of a copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaSession {
    #[serde(flatten)]
    pub session: Session,
    /// The speakers in their printed order (a speaker whose record is gone is left out).
    pub speaker_details: Vec<AgendaSpeaker>,
    pub duration_minutes: i64,
    pub duplicate_slot: SessionSlot,
}

/// A speaker of a session, with what documents print about them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaSpeaker {
    pub expert_id: String,
    /// A `SpeakerRole` code.
    pub role: String,
    /// "First Last".
    pub name: String,
    pub job_title: String,
    /// The organisation's name, or empty.
    pub organisation: String,
    pub bio_fr: String,
    pub bio_other: String,
    pub bio_other_language: String,
}

/// A date and times proposed for a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSlot {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
}

/// Builds the read model from the event's dates, its sessions (any order) with their speakers,
/// and its conflicts. Sessions whose date or start cannot be read are kept, last, so the page
/// still shows them for correction.
pub fn build_agenda(
    event: &Event,
    sessions: Vec<(Session, Vec<AgendaSpeaker>)>,
    conflicts: Vec<SessionConflict>,
) -> EventAgenda {
    let mut by_day: BTreeMap<String, Vec<AgendaSession>> = BTreeMap::new();
    let event_days = days_between(
        parse_iso_date(&event.data.start_date),
        parse_iso_date(&event.data.end_date),
    );
    for day in &event_days {
        by_day.insert(day.format("%Y-%m-%d").to_string(), Vec::new());
    }
    let mut spans = Vec::new();
    for (session, speaker_details) in sessions {
        let times = (
            parse_iso_date(&session.data.date),
            parse_clock(&session.data.start_time),
            parse_clock(&session.data.end_time),
        );
        let (duration_minutes, duplicate_slot) = match times {
            (Some(date), Some(start), end) => {
                let end = end.unwrap_or(start);
                spans.push(TimedSpan {
                    date,
                    start,
                    end,
                    counts_as_training: SessionKind::from_code(&session.data.kind)
                        .unwrap_or(SessionKind::Talk)
                        .counts_as_training(),
                });
                let (copy_start, copy_end) = duplicate_times(start, end);
                let slot = SessionSlot {
                    date: session.data.date.clone(),
                    start_time: clock(copy_start),
                    end_time: clock(copy_end),
                };
                (duration_minutes(start, end), slot)
            }
            _ => (0, slot_of(&session)),
        };
        by_day
            .entry(session.data.date.clone())
            .or_default()
            .push(AgendaSession {
                session,
                speaker_details,
                duration_minutes,
                duplicate_slot,
            });
    }
    let in_event: Vec<String> = event_days
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let days: Vec<AgendaDay> = by_day
        .into_iter()
        .map(|(date, mut sessions)| {
            sessions.sort_by(|a, b| {
                let key = |s: &AgendaSession| {
                    (
                        s.session.data.start_time.clone(),
                        s.session.data.end_time.clone(),
                        s.session.data.title.clone(),
                    )
                };
                key(a).cmp(&key(b))
            });
            AgendaDay {
                in_event: in_event.contains(&date),
                date,
                sessions,
            }
        })
        .collect();
    let new_session = days
        .iter()
        .rev()
        .find_map(|day| day.sessions.last())
        .map(|last| SessionSlot {
            date: last.session.data.date.clone(),
            start_time: last.session.data.end_time.clone(),
            end_time: String::new(),
        })
        .unwrap_or_else(|| SessionSlot {
            date: event.data.start_date.clone(),
            ..SessionSlot::default()
        });
    EventAgenda {
        event_id: event.meta.id.clone(),
        training_minutes: training_minutes(&spans),
        training_days: training_days(&spans),
        days,
        conflicts,
        new_session,
    }
}

fn slot_of(session: &Session) -> SessionSlot {
    SessionSlot {
        date: session.data.date.clone(),
        start_time: session.data.start_time.clone(),
        end_time: session.data.end_time.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn span(day: u32, start: NaiveTime, end: NaiveTime, training: bool) -> TimedSpan {
        TimedSpan {
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            start,
            end,
            counts_as_training: training,
        }
    }

    #[test]
    fn parallel_workshops_count_once_and_breaks_not_at_all() {
        let spans = [
            span(3, t(9, 0), t(10, 30), true),
            span(3, t(10, 0), t(11, 0), true),
            span(3, t(11, 0), t(11, 15), false),
            span(3, t(11, 15), t(12, 0), true),
            span(4, t(12, 0), t(13, 0), false),
        ];
        assert_eq!(training_minutes(&spans), 120 + 45);
        assert_eq!(training_days(&spans), 1);
    }

    #[test]
    fn a_duplicate_follows_its_model_unless_it_would_pass_midnight() {
        assert_eq!(duplicate_times(t(9, 0), t(10, 30)), (t(10, 30), t(12, 0)));
        assert_eq!(duplicate_times(t(22, 0), t(23, 30)), (t(22, 0), t(23, 30)));
    }

    #[test]
    fn days_between_is_bounded_and_empty_when_reversed() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(days_between(d(2026, 3, 3), d(2026, 3, 5)).len(), 3);
        assert!(days_between(d(2026, 3, 5), d(2026, 3, 3)).is_empty());
        assert_eq!(days_between(d(2026, 1, 1), d(2030, 1, 1)).len(), 366);
    }
}
