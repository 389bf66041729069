//! What the agenda says about time: sessions grouped by day, the training time (breaks and
//! meals left out, parallel sessions counted once), the number of training days and the
//! event's dates.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{ProgrammeData, ProgrammeSession};
use crate::agenda::{self, TimedSpan};
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

/// The sessions as the agenda's rules see them.
fn spans(sessions: &[ProgrammeSession]) -> Vec<TimedSpan> {
    sessions
        .iter()
        .map(|s| TimedSpan {
            date: s.date,
            start: s.start,
            end: s.end,
            counts_as_training: s.kind.counts_as_training(),
        })
        .collect()
}

/// Training time in minutes, by the agenda's rule (`agenda::training_minutes`), so the printed
/// programme and the event page say the same: the union, day by day, of the sessions that
/// count as training (breaks, meals and transfers do not).
pub fn training_minutes(sessions: &[ProgrammeSession]) -> i64 {
    agenda::training_minutes(&spans(sessions))
}

/// Number of days with at least one session that counts as training.
pub fn training_days(sessions: &[ProgrammeSession]) -> usize {
    agenda::training_days(&spans(sessions))
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
