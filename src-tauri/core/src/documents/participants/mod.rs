//! The documents about people, printed after the programme: the attendance hours ([`hours`]),
//! convocations ([`convocation`]), the certificat de réalisation and the attestation de
//! présence ([`certificate`]), the speaker's mission letter ([`mission`]), badges and table
//! cards ([`badges`]).
//!
//! Like the programme, they take plain data: the event's [`ProgrammeData`] and the people
//! below, filled by the caller from the store, so they are produced and tested without a
//! database. [`letter`] holds what the one-page letters share (heading, facts box, « Fait à »
//! and signature box, a page count per person).
//!
//! [`ProgrammeData`]: super::ProgrammeData

pub mod badges;
pub mod certificate;
pub mod convocation;
pub mod hours;
mod letter;
pub mod mission;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::model::{AttendanceEntry, AttendanceMark, HalfDayPart};

/// A person as the documents print them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    /// The employer (participants) or organisation (speakers), or empty.
    pub employer: String,
    pub job_title: String,
}

impl Person {
    pub fn new(first_name: &str, last_name: &str, employer: &str) -> Person {
        Person {
            first_name: first_name.into(),
            last_name: last_name.into(),
            employer: employer.into(),
            job_title: String::new(),
        }
    }

    /// "Marie Dupont", as written in a letter.
    pub fn full_name(&self) -> String {
        join(&[&self.first_name, &self.last_name])
    }

    /// "DUPONT Marie", as listed on the attendance sheets: the last name first, in capitals,
    /// so that a reader tells it from the first name whatever the language.
    pub fn listed_name(&self) -> String {
        join(&[&self.last_name.trim().to_uppercase(), &self.first_name])
    }

    /// The order of a list of names: last name, then first name, accents and case ignored
    /// (« Élise » between « Eder » and « Ezra »).
    pub fn sort_key(&self) -> (String, String) {
        (fold(&self.last_name), fold(&self.first_name))
    }
}

/// Sorts people by last name, then first name (see [`Person::sort_key`]).
pub fn sort_people(people: &mut [Person]) {
    people.sort_by_cached_key(Person::sort_key);
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower case without accents, for sorting.
fn fold(text: &str) -> String {
    text.trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One recorded mark of a participant's attendance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    pub date: NaiveDate,
    pub part: HalfDayPart,
    pub mark: AttendanceMark,
}

impl Attendance {
    /// The mark of a stored grid cell; `None` when its date or codes are not understood.
    pub fn from_entry(entry: &AttendanceEntry) -> Option<Attendance> {
        Some(Attendance {
            date: crate::agenda::parse_iso_date(&entry.date)?,
            part: HalfDayPart::from_code(&entry.part)?,
            mark: AttendanceMark::from_code(&entry.mark)?,
        })
    }
}

/// A participant and their recorded attendance (empty when none was recorded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendee {
    pub person: Person,
    pub attendance: Vec<Attendance>,
}

/// Who signs a letter or a certificate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signatory {
    pub name: String,
    /// « Directrice de l'INET ».
    pub title: String,
}

/// One PDF of a set printed one file per person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalPdf {
    /// "Convocation - CODE - Marie Dupont.pdf", without characters a file system refuses.
    pub file_name: String,
    pub pdf: Vec<u8>,
}

/// "Prefix - CODE - Name.pdf" with the characters Windows refuses replaced (the rule of
/// `printing::suggested_file_name`, which the documents may not import).
pub fn personal_file_name(prefix: &str, code: &str, name: &str) -> String {
    let name: String = name.chars().take(60).collect();
    let raw = [prefix, code.trim(), name.trim()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" - ");
    let cleaned: String = raw
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.pdf", cleaned.trim().trim_end_matches('.'))
}
