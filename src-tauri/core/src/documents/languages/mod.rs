//! The programme's own words in the partner languages: section headings, key-fact labels,
//! dates in words, durations. French stays in `dates` and in the renderers; this module gives
//! the second line of a bilingual programme.
//!
//! Luxembourgish texts are printed as typed, under German labels: German is one of
//! Luxembourg's administrative languages, and the document's labels were asked for in German,
//! Italian, Spanish, Catalan, Dutch and English.

mod tables;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use crate::documents::typography::NBSP;
use crate::model::PartnerLanguage;

/// Every label the programme prints, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub document: &'static str,
    /// "Version {n} vom {date}".
    pub version: &'static str,
    /// "Stand: {date}", for a programme printed without a version number.
    pub as_of: &'static str,
    pub date: &'static str,
    pub dates: &'static str,
    pub duration: &'static str,
    pub place: &'static str,
    pub organisers: &'static str,
    pub audience: &'static str,
    pub professions: &'static str,
    pub prerequisites: &'static str,
    pub none: &'static str,
    pub languages: &'static str,
    pub interpretation: &'static str,
    pub price: &'static str,
    pub objectives: &'static str,
    pub overview: &'static str,
    pub detailed_programme: &'static str,
    pub time: &'static str,
    pub session: &'static str,
    pub speakers: &'static str,
    pub teaching_methods: &'static str,
    pub evaluation: &'static str,
    pub access_terms: &'static str,
    pub accessibility: &'static str,
    pub contact: &'static str,
    pub continued: &'static str,
    pub not_translated: &'static str,
    /// The optional section listing the event's resources.
    pub resources: &'static str,
    pub(crate) words: &'static DateWords,
}

/// How a language writes dates and durations.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DateWords {
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
    style: DateStyle,
    day: (&'static str, &'static str),
    hours: &'static str,
    minutes: &'static str,
}

/// The order of a date's parts and the words around a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateStyle {
    /// "Dienstag, 16. März 2027"; "Dienstag, 16. bis Donnerstag, 18. März 2027".
    German,
    /// "martedì 16 marzo 2027"; "da martedì 16 a giovedì 18 marzo 2027".
    Italian,
    /// "martes 16 de marzo de 2027"; "del martes 16 al jueves 18 de marzo de 2027".
    Spanish,
    /// "dimarts 16 de març de 2027", "d'abril"; "del dimarts 16 al dijous 18 de març de 2027".
    Catalan,
    /// "dinsdag 16 maart 2027"; "van dinsdag 16 tot en met donderdag 18 maart 2027".
    Dutch,
    /// "Tuesday 16 March 2027"; "from Tuesday 16 to Thursday 18 March 2027".
    English,
}

/// The labels of a partner language.
pub fn labels(language: PartnerLanguage) -> &'static Labels {
    tables::labels(language)
}

impl Labels {
    /// A date in words with its weekday: "Dienstag, 16. März 2027".
    pub fn long_date(&self, date: NaiveDate) -> String {
        self.words.date(date, true, true)
    }

    /// "16. März 2027", for version dates.
    pub fn short_date(&self, date: NaiveDate) -> String {
        self.words.short(date)
    }

    /// A range in words: "Dienstag, 16. bis Donnerstag, 18. März 2027".
    pub fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String {
        let (start, end) = if end < start {
            (end, start)
        } else {
            (start, end)
        };
        if start == end {
            return self.long_date(start);
        }
        let w = self.words;
        let first = w.date(
            start,
            start.month() != end.month() || start.year() != end.year(),
            start.year() != end.year(),
        );
        let last = w.date(end, true, true);
        let (before, between) = match w.style {
            DateStyle::German => ("", " bis "),
            DateStyle::Italian => ("da ", " a "),
            DateStyle::Spanish | DateStyle::Catalan => ("del ", " al "),
            DateStyle::Dutch => ("van ", " tot en met "),
            DateStyle::English => ("from ", " to "),
        };
        format!("{before}{first}{between}{last}")
    }

    /// "3 Tage", "1 giorno".
    pub fn days(&self, count: usize) -> String {
        let (one, many) = self.words.day;
        format!("{count}{NBSP}{}", if count == 1 { one } else { many })
    }

    /// "18 Std. 30 Min.", "6 h".
    pub fn duration(&self, minutes: i64) -> String {
        let minutes = minutes.max(0);
        let (h, m) = (minutes / 60, minutes % 60);
        let w = self.words;
        match (h, m) {
            (0, m) => format!("{m}{NBSP}{}", w.minutes),
            (h, 0) => format!("{h}{NBSP}{}", w.hours),
            (h, m) => format!("{h}{NBSP}{}{NBSP}{m:02}{NBSP}{}", w.hours, w.minutes),
        }
    }
}

impl DateWords {
    fn weekday(&self, date: NaiveDate) -> &'static str {
        self.weekdays[date.weekday().num_days_from_monday() as usize]
    }

    fn month(&self, date: NaiveDate) -> &'static str {
        self.months[date.month0() as usize % 12]
    }

    /// The day number as the language writes it ("16.", "1º", "16").
    fn number(&self, date: NaiveDate) -> String {
        match (self.style, date.day()) {
            (DateStyle::German, d) => format!("{d}."),
            (DateStyle::Italian, 1) => "1º".to_string(),
            (_, d) => d.to_string(),
        }
    }

    /// "de març" / "d'abril": Catalan elides "de" before a vowel.
    fn catalan_month(&self, date: NaiveDate) -> String {
        let month = self.month(date);
        if month.starts_with(['a', 'e', 'i', 'o', 'u']) {
            format!("d'{month}")
        } else {
            format!("de {month}")
        }
    }

    /// A date with its weekday, with or without its month and year.
    fn date(&self, date: NaiveDate, with_month: bool, with_year: bool) -> String {
        let (weekday, number, year) = (self.weekday(date), self.number(date), date.year());
        let mut text = match self.style {
            DateStyle::German => format!("{weekday}, {number}"),
            _ => format!("{weekday} {number}"),
        };
        if with_month {
            match self.style {
                DateStyle::Spanish => text.push_str(&format!(" de {}", self.month(date))),
                DateStyle::Catalan => text.push_str(&format!(" {}", self.catalan_month(date))),
                _ => text.push_str(&format!(" {}", self.month(date))),
            }
        }
        if with_year {
            match self.style {
                DateStyle::Spanish | DateStyle::Catalan => text.push_str(&format!(" de {year}")),
                _ => text.push_str(&format!(" {year}")),
            }
        }
        text
    }

    /// A date without its weekday.
    fn short(&self, date: NaiveDate) -> String {
        let (number, year) = (self.number(date), date.year());
        match self.style {
            DateStyle::Spanish => format!("{number} de {} de {year}", self.month(date)),
            DateStyle::Catalan => format!("{number} {} de {year}", self.catalan_month(date)),
            _ => format!("{number} {} {year}", self.month(date)),
        }
    }
}
