//! The entry points the shell and the command line use: an event's programme or attendance
//! sheets as PDF bytes, read from the store, and the file name proposed when saving them.

use crate::codes::catalogue;
use crate::error::CoreResult;
use crate::store::Store;

use super::from_store::{programme_data, Labels};
use super::{render_attendance_sheets, render_programme, AttendanceOptions, ProgrammeOptions};

fn with_labels<T>(work: impl FnOnce(&Labels) -> T) -> T {
    let codes = catalogue();
    let language = |code: &str| {
        codes
            .languages
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.label.to_string())
    };
    let country = |code: &str| {
        codes
            .countries
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.label.to_string())
    };
    work(&Labels {
        language: &language,
        country: &country,
    })
}

/// The programme of an event, dated today.
pub fn programme_pdf(store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
    let data = with_labels(|labels| programme_data(store, event_id, None, labels))?;
    Ok(render_programme(&data, &ProgrammeOptions::default())?)
}

/// The attendance sheets of an event, with `blank_rows` rows to sign (20 when `None`).
pub fn attendance_pdf(
    store: &Store,
    event_id: &str,
    blank_rows: Option<usize>,
) -> CoreResult<Vec<u8>> {
    let data = with_labels(|labels| programme_data(store, event_id, None, labels))?;
    let mut options = AttendanceOptions::default();
    if let Some(rows) = blank_rows {
        options.blank_rows = rows;
    }
    Ok(render_attendance_sheets(&data, &options)?)
}

/// "Programme - CODE - Title.pdf", with the characters file systems refuse replaced.
pub fn suggested_file_name(prefix: &str, code: &str, title: &str) -> String {
    let title: String = title.chars().take(60).collect();
    let raw = format!("{prefix} - {code} - {title}");
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

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_avoid_forbidden_characters() {
        assert_eq!(
            super::suggested_file_name("Programme", "VE/27", "Mobilité : « Rhin »?"),
            "Programme - VE_27 - Mobilité _ « Rhin »_.pdf"
        );
    }
}
