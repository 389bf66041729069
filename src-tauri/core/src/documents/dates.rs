//! Dates, times and durations written out the French way, as printed documents need them:
//! "mardi 3 mars 2026", "du mardi 3 au jeudi 5 mars 2026", "9 h 00 – 12 h 30", "17 h 30".
//!
//! Times and their dash carry no-break spaces so that the line breaker keeps "14 h 30" whole
//! and never starts a line with the dash.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

use super::typography::NBSP;

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The French name of a weekday, lower case.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// The French name of a month, lower case.
pub fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize % 12]
}

/// "3" or, for the first of the month, "1er" (French usage).
fn day_number(date: NaiveDate) -> String {
    if date.day() == 1 {
        "1er".to_string()
    } else {
        date.day().to_string()
    }
}

/// "mardi 3 mars" (no year).
pub fn day_month(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        weekday_name(date.weekday()),
        day_number(date),
        month_name(date)
    )
}

/// "mardi 3 mars 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}", day_month(date), date.year())
}

/// "3 mars 2026" (no weekday), for version dates.
pub fn short_long_date(date: NaiveDate) -> String {
    format!("{} {} {}", day_number(date), month_name(date), date.year())
}

/// Capitalises the first letter: "Mardi 3 mars 2026" for headings.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A date range in words: "le mardi 3 mars 2026", "du mardi 3 au jeudi 5 mars 2026",
/// "du lundi 30 mars au mercredi 1er avril 2026",
/// "du mercredi 30 décembre 2026 au vendredi 1er janvier 2027". Reversed bounds are swapped.
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    let (start, end) = if end < start {
        (end, start)
    } else {
        (start, end)
    };
    if start == end {
        format!("le {}", long_date(start))
    } else if start.year() != end.year() {
        format!("du {} au {}", long_date(start), long_date(end))
    } else if start.month() != end.month() {
        format!("du {} au {}", day_month(start), long_date(end))
    } else {
        format!(
            "du {} {} au {}",
            weekday_name(start.weekday()),
            day_number(start),
            long_date(end)
        )
    }
}

/// "9 h 00", "14 h 30", with no-break spaces.
pub fn time(t: NaiveTime) -> String {
    format!("{}{NBSP}h{NBSP}{:02}", t.hour(), t.minute())
}

/// "9 h 00 – 12 h 30": no-break space before the dash, an ordinary one after it, so that a
/// narrow column breaks after the dash and never before.
pub fn time_range(start: NaiveTime, end: NaiveTime) -> String {
    format!("{}{NBSP}– {}", time(start), time(end))
}

/// A duration in minutes: "18 heures", "1 heure", "17 h 30", "45 minutes".
pub fn duration(minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}{NBSP}minutes"),
        (1, 0) => format!("1{NBSP}heure"),
        (h, 0) => format!("{h}{NBSP}heures"),
        (h, m) => format!("{h}{NBSP}h{NBSP}{m:02}"),
    }
}

/// "1 jour", "3 jours".
pub fn days(count: usize) -> String {
    if count <= 1 {
        format!("{count}{NBSP}jour")
    } else {
        format!("{count}{NBSP}jours")
    }
}

/// "28/11/2026", the numeric French format.
pub fn numeric_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn plain(s: String) -> String {
        s.replace(NBSP, " ")
    }

    #[test]
    fn long_dates() {
        assert_eq!(long_date(d(2026, 3, 3)), "mardi 3 mars 2026");
        assert_eq!(long_date(d(2026, 4, 1)), "mercredi 1er avril 2026");
        assert_eq!(long_date(d(2026, 8, 15)), "samedi 15 août 2026");
        assert_eq!(capitalize(&long_date(d(2026, 3, 3))), "Mardi 3 mars 2026");
        assert_eq!(short_long_date(d(2026, 2, 12)), "12 février 2026");
        assert_eq!(numeric_date(d(2026, 11, 28)), "28/11/2026");
    }

    #[test]
    fn ranges() {
        assert_eq!(
            date_range(d(2026, 3, 3), d(2026, 3, 5)),
            "du mardi 3 au jeudi 5 mars 2026"
        );
        assert_eq!(
            date_range(d(2026, 3, 3), d(2026, 3, 3)),
            "le mardi 3 mars 2026"
        );
        assert_eq!(
            date_range(d(2026, 3, 30), d(2026, 4, 1)),
            "du lundi 30 mars au mercredi 1er avril 2026"
        );
        assert_eq!(
            date_range(d(2026, 12, 30), d(2027, 1, 1)),
            "du mercredi 30 décembre 2026 au vendredi 1er janvier 2027"
        );
        assert_eq!(
            date_range(d(2026, 3, 5), d(2026, 3, 3)),
            "du mardi 3 au jeudi 5 mars 2026"
        );
    }

    #[test]
    fn times_and_durations() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
        assert_eq!(plain(time(t(9, 0))), "9 h 00");
        assert_eq!(plain(time(t(14, 30))), "14 h 30");
        assert!(
            !time(t(14, 30)).contains(' '),
            "no breakable space inside a time"
        );
        assert_eq!(plain(time_range(t(9, 0), t(12, 30))), "9 h 00 – 12 h 30");
        assert_eq!(time_range(t(9, 0), t(12, 30)).matches(' ').count(), 1);
        assert_eq!(plain(duration(18 * 60)), "18 heures");
        assert_eq!(plain(duration(60)), "1 heure");
        assert_eq!(plain(duration(17 * 60 + 30)), "17 h 30");
        assert_eq!(plain(duration(45)), "45 minutes");
        assert_eq!(plain(duration(-5)), "0 minutes");
        assert_eq!(plain(days(1)), "1 jour");
        assert_eq!(plain(days(3)), "3 jours");
    }
}
