//! Printing an event's documents: read what a document needs from the store (a few queries,
//! [`programme_data`]; [`booklet_data`] for the study-visit booklet), then hand that plain data to the pure renderers of
//! [`crate::documents`]. The two steps are apart so that the shell reads under the store's
//! lock and renders without it.

mod booklet_data;
mod competences;
mod library;
mod people;
mod programme_data;
mod versions;

pub use booklet_data::booklet_data;
pub use competences::{render_report, report_file_name, ReportFormat};
pub use library::{
    dossier_data, dossier_document, dossier_file_name, dossier_pdf, event_resources,
    legal_note_data, legal_note_document, legal_note_file_name, legal_note_pdf,
};
pub use people::{MissionJob, PeopleDocument, PeopleJob};
pub use programme_data::{programme_data, programme_data_in};
pub use versions::{changes_between, send_programme, version_file_name, VersionJob};

use crate::documents::participants::Person;
use crate::documents::{
    render_attendance_sheets, render_booklet, render_programme, AttendanceOptions, Booklet,
    BookletData, BookletOptions, ProgrammeData, ProgrammeOptions,
};
use crate::error::CoreResult;
use crate::model::PartnerLanguage;
use crate::store::Store;

/// Which document of an event to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventDocument {
    Programme,
    /// The attendance sheets, with this many rows to sign (20 when `None`).
    Attendance {
        blank_rows: Option<usize>,
    },
    /// The study-visit booklet: A5 pages, or `imposed` two by two on A4 sheets.
    Booklet {
        imposed: bool,
    },
}

/// A document read and ready to render.
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub document: EventDocument,
    pub data: ProgrammeData,
    /// What the booklet prints besides the programme's data (read for [`EventDocument::Booklet`]).
    pub booklet: Option<Box<BookletData>>,
    /// The names on the attendance sheets: the participants holding a seat, if any.
    pub people: Vec<Person>,
}

impl PrintJob {
    /// Reads what `document` prints for `event_id` (dated today).
    pub fn read(store: &Store, event_id: &str, document: EventDocument) -> CoreResult<PrintJob> {
        if let EventDocument::Booklet { .. } = document {
            let booklet = booklet_data(store, event_id)?;
            return Ok(PrintJob {
                document,
                data: booklet.event.clone(),
                booklet: Some(Box::new(booklet)),
                people: Vec::new(),
            });
        }
        let people = match document {
            EventDocument::Attendance { .. } => people::seated(store.participants_of(event_id)?)
                .map(|p| people::person_of(&p))
                .collect(),
            _ => Vec::new(),
        };
        Ok(PrintJob {
            document,
            data: programme_data(store, event_id, None)?,
            booklet: None,
            people,
        })
    }

    /// Reads the programme of `event_id` (dated today), bilingual with `language` if given.
    pub fn read_programme(
        store: &Store,
        event_id: &str,
        language: Option<PartnerLanguage>,
    ) -> CoreResult<PrintJob> {
        Ok(PrintJob {
            document: EventDocument::Programme,
            data: programme_data_in(store, event_id, None, language)?,
            booklet: None,
            people: Vec::new(),
        })
    }

    /// The PDF bytes. Needs no store.
    pub fn render(&self) -> CoreResult<Vec<u8>> {
        Ok(match self.document {
            EventDocument::Programme => render_programme(&self.data, &ProgrammeOptions::default())?,
            EventDocument::Attendance { blank_rows } => {
                let mut options = AttendanceOptions {
                    participants: self.people.clone(),
                    ..AttendanceOptions::default()
                };
                if let Some(rows) = blank_rows {
                    options.blank_rows = rows;
                }
                render_attendance_sheets(&self.data, &options)?
            }
            EventDocument::Booklet { imposed } => self.render_booklet(imposed)?.pdf,
        })
    }

    /// The booklet and its page and sheet counts (a job read for another document prints the
    /// booklet of its programme's data alone).
    pub fn render_booklet(&self, imposed: bool) -> CoreResult<Booklet> {
        let options = BookletOptions {
            imposed,
            ..BookletOptions::default()
        };
        Ok(match &self.booklet {
            Some(data) => render_booklet(data, &options)?,
            None => {
                let data = BookletData {
                    event: self.data.clone(),
                    ..BookletData::default()
                };
                render_booklet(&data, &options)?
            }
        })
    }

    /// The file name proposed when saving: "Programme - CODE - Title.pdf".
    pub fn file_name(&self) -> String {
        let prefix = match self.document {
            EventDocument::Programme => "Programme",
            EventDocument::Attendance { .. } => "Émargement",
            EventDocument::Booklet { imposed: false } => "Livret",
            EventDocument::Booklet { imposed: true } => "Livret à imprimer",
        };
        suggested_file_name(prefix, &self.data.code, &self.data.title)
    }
}

/// The programme of an event, dated today.
pub fn programme_pdf(store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
    PrintJob::read(store, event_id, EventDocument::Programme)?.render()
}

/// The attendance sheets of an event, with `blank_rows` rows to sign (20 when `None`).
pub fn attendance_pdf(
    store: &Store,
    event_id: &str,
    blank_rows: Option<usize>,
) -> CoreResult<Vec<u8>> {
    PrintJob::read(store, event_id, EventDocument::Attendance { blank_rows })?.render()
}

/// The partner language the interface asked for: none for an empty code, a French message
/// for an unknown one.
pub fn partner_language(code: Option<&str>) -> CoreResult<Option<PartnerLanguage>> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => crate::coherence::partner_language(code).map(Some),
    }
}

/// The study-visit booklet of an event, A5 or `imposed` on A4 sheets.
pub fn booklet_pdf(store: &Store, event_id: &str, imposed: bool) -> CoreResult<Booklet> {
    PrintJob::read(store, event_id, EventDocument::Booklet { imposed })?.render_booklet(imposed)
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
