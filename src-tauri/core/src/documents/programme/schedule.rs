//! What the agenda says about time: sessions grouped by day, the training time (breaks and
//! meals left out, parallel sessions counted once), the number of training days and the
//! event's dates.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::{ProgrammeData, ProgrammeSession};
use crate::documents::dates;
use crate::documents::DocumentError;

/// The agenda grouped by day, each day sorted by start time.
pub fn agenda_days(sessions: &[ProgrammeSession]) -> Vec<(NaiveDate, Vec<&ProgrammeSession>)> {
    let mut days: BTreeMap<NaiveDate, Vec<&ProgrammeSession>> = BTreeMap::new();
    for s in sessions {
        days.entry(s.date).or_default().push(s);
    }
    days.into_iter()
        .map(|(date, mut list)| {
            list.sort_by_key(|s| (s.start, s.end));
            (date, list)
        })
        .collect()
}

/// Training time in minutes: the union, day by day, of the sessions that count as training
/// (breaks, meals and transfers do not), so parallel workshops are not counted twice.
pub fn training_minutes(sessions: &[ProgrammeSession]) -> i64 {
    let mut total = 0;
    for (_, day) in agenda_days(sessions) {
        let mut spans: Vec<(NaiveTime, NaiveTime)> = day
            .iter()
            .filter(|s| s.kind.counts_as_training() && s.end > s.start)
            .map(|s| (s.start, s.end))
            .collect();
        spans.sort();
        let mut current: Option<(NaiveTime, NaiveTime)> = None;
        for (start, end) in spans {
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
    }
    total
}

/// Number of days with at least one session that counts as training.
pub fn training_days(sessions: &[ProgrammeSession]) -> usize {
    agenda_days(sessions)
        .iter()
        .filter(|(_, day)| day.iter().any(|s| s.kind.counts_as_training()))
        .count()
}

/// Refuses sessions that end before they start.
pub(crate) fn check_sessions(sessions: &[ProgrammeSession]) -> Result<(), DocumentError> {
    match sessions.iter().find(|s| s.end < s.start) {
        Some(s) => Err(DocumentError::SessionTimes {
            title: s.title.clone(),
            date: dates::numeric_date(s.date),
            start: dates::time(s.start).replace('\u{a0}', " "),
            end: dates::time(s.end).replace('\u{a0}', " "),
        }),
        None => Ok(()),
    }
}

/// The event's dates: as given, else the first and last days of the agenda.
pub(crate) fn event_dates(data: &ProgrammeData) -> Option<(NaiveDate, NaiveDate)> {
    let first = data.sessions.iter().map(|s| s.date).min();
    let last = data.sessions.iter().map(|s| s.date).max();
    let start = data.start_date.or(first)?;
    let end = data.end_date.or(last).unwrap_or(start);
    Some((start, end))
}
