//! Which automatic backups to keep: generations rather than a count, so that a problem noticed
//! late (a record deleted weeks ago, a file damaged since Monday) can still be undone from a
//! copy made before it, while the folder stays bounded (at most 7 + 14 + 13 files).
//!
//! The choice is a pure function of the time, the backups' names and times and the file just
//! written, so it is tested without waiting for days to pass.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

/// The most recent backups kept whatever their dates.
pub const KEEP_LAST: usize = 7;
/// The newest backup of each of this many calendar days (UTC, today included) is kept.
pub const KEEP_DAYS: u64 = 14;
/// The newest backup of each of this many ISO weeks (Monday to Sunday, UTC, this week
/// included) is kept.
pub const KEEP_WEEKS: u64 = 13;

/// The names among `backups` (name, time written) to keep at `now`: the [`KEEP_LAST`] newest,
/// the newest of each of the last [`KEEP_DAYS`] days and of each of the last [`KEEP_WEEKS`]
/// weeks, and always `just_written` — even if the clock was set back and it looks older than
/// the others. Backups dated after `now` (written before the clock went back) count among the
/// newest but for no day or week; the rest may be removed.
pub fn backups_to_keep(
    now: DateTime<Utc>,
    backups: &[(String, DateTime<Utc>)],
    just_written: &str,
) -> BTreeSet<String> {
    let mut newest_first: Vec<&(String, DateTime<Utc>)> = backups.iter().collect();
    newest_first.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));

    let mut keep = BTreeSet::from([just_written.to_string()]);
    keep.extend(
        newest_first
            .iter()
            .take(KEEP_LAST)
            .map(|(name, _)| name.clone()),
    );

    let today = now.date_naive();
    let first_day = today - Days::new(KEEP_DAYS - 1);
    let first_monday = monday_of(today) - Days::new(7 * (KEEP_WEEKS - 1));
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    for (name, time) in newest_first {
        let day = time.date_naive();
        if day > today {
            continue;
        }
        // The list is newest first, so the first backup seen for a day or week is its newest.
        if day >= first_day && days.insert(day) {
            keep.insert(name.clone());
        }
        let monday = monday_of(day);
        if monday >= first_monday && weeks.insert(monday) {
            keep.insert(name.clone());
        }
    }
    keep
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn named(times: &[DateTime<Utc>]) -> Vec<(String, DateTime<Utc>)> {
        times
            .iter()
            .map(|t| (t.format("%m-%d-%H").to_string(), *t))
            .collect()
    }

    #[test]
    fn sixty_backups_every_other_day_over_four_months() {
        let now = at(2026, 12, 2, 10);
        // From 1 December back to 5 August, one backup every other day at 09:00.
        let times: Vec<_> = (0..60)
            .map(|i| at(2026, 12, 1, 9) - chrono::Duration::days(2 * i))
            .collect();
        let backups = named(&times);
        let kept = backups_to_keep(now, &backups, "12-01-09");
        let expected: BTreeSet<String> = [
            // The newest of each of the 10 earlier weeks (Monday 7 September on)…
            "09-12-09", "09-20-09", "09-26-09", "10-04-09", "10-10-09", "10-18-09", "10-24-09",
            "11-01-09", "11-07-09", "11-15-09",
            // …and the last seven, which also cover the last 14 days and the last 3 weeks.
            "11-19-09", "11-21-09", "11-23-09", "11-25-09", "11-27-09", "11-29-09", "12-01-09",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn several_backups_a_day_keep_the_newest_of_each_day() {
        let now = at(2026, 12, 2, 23);
        let mut times = Vec::new();
        for day in 0..20u64 {
            for hour in [8, 12, 18] {
                times.push(at(2026, 12, 2, hour) - Days::new(day));
            }
        }
        let backups = named(&times);
        let kept = backups_to_keep(now, &backups, "12-02-18");
        // Seven newest: 2 Dec ×3, 1 Dec ×3, 30 Nov 18h.
        for name in ["12-02-08", "12-02-12", "12-01-08", "12-01-12", "11-30-18"] {
            assert!(kept.contains(name), "{name} not kept: {kept:?}");
        }
        // One per day for the 14 days from 19 November, 18:00 each (the last three days'
        // already among the seven newest).
        for day in 19..=30 {
            assert!(kept.contains(&format!("11-{day}-18")));
            assert!(!kept.contains(&format!("11-{day}-12")));
        }
        // Before the 14 days: only the newest of its week (week of 9 November → 15th, 18h;
        // the week of 16 November is covered by its days).
        assert!(kept.contains("11-15-18"));
        assert!(!kept.contains("11-14-18") && !kept.contains("11-13-18"));
        assert_eq!(kept.len(), 7 + 11 + 1);
    }

    #[test]
    fn the_file_just_written_is_kept_when_the_clock_was_set_back() {
        // The clock went back a year: every earlier backup looks newer than the new one.
        let now = at(2025, 12, 2, 10);
        let mut times: Vec<_> = (0..30)
            .map(|i| at(2026, 11, 30, 9) - Days::new(i))
            .collect();
        times.push(now);
        let backups = named(&times);
        let kept = backups_to_keep(now, &backups, "12-02-10");
        assert!(kept.contains("12-02-10"));
        // The seven newest by date (from before the change) are kept as well.
        assert_eq!(kept.len(), 8);
        assert!(kept.contains("11-30-09") && kept.contains("11-24-09"));
    }

    #[test]
    fn nothing_is_removed_while_there_are_few_backups() {
        let now = at(2026, 12, 2, 10);
        let times: Vec<_> = (0..5)
            .map(|i| at(2026, 1, 1, 9) + Days::new(i * 60))
            .collect();
        let backups = named(&times);
        assert_eq!(backups_to_keep(now, &backups, "x").len(), 6);
    }
}
