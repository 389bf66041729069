//! The hours a participant attended, from the recorded marks and the programme's half-days.
//!
//! A half-day is the one of the attendance sheets (`attendance::half_days`: training sessions
//! only, a session starting before 13 h belongs to the morning). Its planned time is the union
//! of its sessions, so parallel workshops count once; an afternoon session overlapping a
//! morning one that runs late counts only the time the morning does not already cover, so the
//! half-days of a day add up to that day's training time and the event's planned total is the
//! programme's duration (`training_minutes`). A half-day marked present counts whole; absent,
//! excused or unmarked counts nothing. Marks for a half-day without training are ignored (the
//! store refuses them).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::Attendance;
use crate::agenda::minutes_covered;
use crate::documents::attendance::half_days;
use crate::documents::ProgrammeSession;
use crate::model::{AttendanceMark, HalfDayPart};

/// One half-day of the event, as planned and as attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HalfDayHours {
    pub date: NaiveDate,
    pub part: HalfDayPart,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub planned_minutes: i64,
    /// The recorded mark, `None` when nothing was recorded for this half-day.
    pub mark: Option<AttendanceMark>,
    /// `planned_minutes` when marked present, else 0.
    pub attended_minutes: i64,
}

/// A participant's attendance over the whole event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HoursAttended {
    pub half_days: Vec<HalfDayHours>,
    pub planned_minutes: i64,
    pub attended_minutes: i64,
}

impl HoursAttended {
    /// Whether any half-day of the event has a recorded mark.
    pub fn has_records(&self) -> bool {
        self.half_days.iter().any(|h| h.mark.is_some())
    }

    /// Half-days marked present.
    pub fn present_half_days(&self) -> usize {
        self.half_days
            .iter()
            .filter(|h| h.mark == Some(AttendanceMark::Present))
            .count()
    }
}

/// The event's half-days with their planned minutes and no mark.
pub fn planned_half_days(sessions: &[ProgrammeSession]) -> Vec<HalfDayHours> {
    let halves = half_days(sessions);
    let mut mornings: BTreeMap<NaiveDate, Vec<(NaiveTime, NaiveTime)>> = BTreeMap::new();
    for h in halves.iter().filter(|h| !h.afternoon) {
        mornings.insert(
            h.date,
            h.sessions.iter().map(|s| (s.start, s.end)).collect(),
        );
    }
    halves
        .iter()
        .map(|h| {
            let own: Vec<_> = h.sessions.iter().map(|s| (s.start, s.end)).collect();
            let planned_minutes = match (h.afternoon, mornings.get(&h.date)) {
                (true, Some(morning)) => {
                    let both = own.iter().chain(morning).copied().collect();
                    minutes_covered(both) - minutes_covered(morning.clone())
                }
                _ => minutes_covered(own),
            };
            HalfDayHours {
                date: h.date,
                part: if h.afternoon {
                    HalfDayPart::Afternoon
                } else {
                    HalfDayPart::Morning
                },
                start: h.start,
                end: h.end,
                planned_minutes,
                mark: None,
                attended_minutes: 0,
            }
        })
        .collect()
}

/// The event's planned training time in minutes (the sum of its half-days).
pub fn planned_minutes(sessions: &[ProgrammeSession]) -> i64 {
    planned_half_days(sessions)
        .iter()
        .map(|h| h.planned_minutes)
        .sum()
}

/// A participant's hours: each half-day of the event with its mark, and the totals. When a
/// half-day was marked twice, the last mark given wins.
pub fn hours_attended(sessions: &[ProgrammeSession], marks: &[Attendance]) -> HoursAttended {
    let afternoon = |part| part == HalfDayPart::Afternoon;
    let by_half: BTreeMap<(NaiveDate, bool), AttendanceMark> = marks
        .iter()
        .map(|m| ((m.date, afternoon(m.part)), m.mark))
        .collect();
    let mut half_days = planned_half_days(sessions);
    for h in &mut half_days {
        h.mark = by_half.get(&(h.date, afternoon(h.part))).copied();
        if h.mark == Some(AttendanceMark::Present) {
            h.attended_minutes = h.planned_minutes;
        }
    }
    HoursAttended {
        planned_minutes: half_days.iter().map(|h| h.planned_minutes).sum(),
        attended_minutes: half_days.iter().map(|h| h.attended_minutes).sum(),
        half_days,
    }
}
