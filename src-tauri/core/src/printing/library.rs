//! Printing the library's documents: a legal note, an event's « dossier documentaire », and
//! the programme's optional « Ressources » section ([`PrintJob::with_resources`]). Reads what
//! they print from the store (codes turned into French labels), then renders with
//! [`crate::documents::library`].

use crate::agenda::parse_iso_date;
use crate::codes::catalogue;
use crate::documents::library::{
    render_dossier, render_legal_note, DossierData, DossierSession, LegalNoteData, LibraryPdf,
    PrintedBasis, PrintedResource,
};
use crate::error::CoreResult;
use crate::model::{EventKind, LegalBasisKind, ResourceKind};
use crate::store::library_print::ResourceForPrint;
use crate::store::Store;

use super::{suggested_file_name, PrintJob};

fn printed(resource: ResourceForPrint) -> PrintedResource {
    PrintedResource {
        kind: ResourceKind::from_code(&resource.kind)
            .map_or(resource.kind.clone(), |k| k.label().to_string()),
        title: resource.title,
        authors: resource.authors,
        date: resource.publication_date,
        reference: resource.reference,
        summary: resource.summary,
    }
}

/// What the legal note `note_id` prints: labels for kinds and countries, names for its
/// territories, themes and professions, its related resources.
pub fn legal_note_data(store: &Store, note_id: &str) -> CoreResult<LegalNoteData> {
    let note = store.get_legal_note(note_id)?;
    let d = note.data;
    let codes = catalogue();
    let country = |code: &String| {
        codes
            .countries
            .iter()
            .find(|c| c.code == code.as_str())
            .map_or_else(|| code.clone(), |c| c.label.to_string())
    };
    let mut territories = Vec::new();
    for id in &d.territory_ids {
        territories.push(store.get_territory(id)?.data.name);
    }
    let mut themes = Vec::new();
    for id in &d.theme_ids {
        themes.push(store.get_theme(id)?.data.label);
    }
    let mut professions = Vec::new();
    for id in &d.profession_ids {
        professions.push(store.get_profession(id)?.data.title);
    }
    let bases = d
        .bases
        .into_iter()
        .map(|b| PrintedBasis {
            kind: LegalBasisKind::from_code(&b.kind).map_or(b.kind.clone(), |k| k.label().into()),
            identifier: b.identifier,
            article: b.article,
            date: b.date,
            url: b.url,
        })
        .collect();
    Ok(LegalNoteData {
        question: d.question,
        short_answer: d.short_answer,
        full_answer: d.full_answer,
        bases,
        countries: d.countries.iter().map(country).collect(),
        territories,
        themes,
        professions,
        up_to_date: d.up_to_date,
        review_date: d.review_date,
        author: d.author,
        resources: store
            .note_resources_for_print(note_id)?
            .into_iter()
            .map(printed)
            .collect(),
    })
}

/// The legal note as an A4 PDF with its page count.
pub fn legal_note_document(store: &Store, note_id: &str) -> CoreResult<LibraryPdf> {
    Ok(render_legal_note(&legal_note_data(store, note_id)?, None)?)
}

/// The legal note as an A4 PDF.
pub fn legal_note_pdf(store: &Store, note_id: &str) -> CoreResult<Vec<u8>> {
    Ok(legal_note_document(store, note_id)?.pdf)
}

/// « Fiche juridique - Question….pdf ».
pub fn legal_note_file_name(question: &str) -> String {
    suggested_file_name("Fiche juridique", "", question).replacen(" -  - ", " - ", 1)
}

/// The event's own resources, as the programme's « Ressources » section and the dossier
/// print them.
pub fn event_resources(store: &Store, event_id: &str) -> CoreResult<Vec<PrintedResource>> {
    Ok(store
        .event_resources_for_print(event_id)?
        .into_iter()
        .map(printed)
        .collect())
}

/// What the dossier of `event_id` prints.
pub fn dossier_data(store: &Store, event_id: &str) -> CoreResult<DossierData> {
    let event = store.get_event(event_id)?;
    let e = event.data;
    let sessions = store
        .session_resources_for_print(event_id)?
        .into_iter()
        .map(|s| DossierSession {
            title: s.title,
            date: parse_iso_date(&s.date),
            start_time: s.start_time,
            resources: s.resources.into_iter().map(printed).collect(),
        })
        .collect();
    Ok(DossierData {
        kind: EventKind::from_code(&e.kind)
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        code: e.code,
        title: e.title,
        start_date: parse_iso_date(&e.start_date),
        end_date: parse_iso_date(&e.end_date),
        city: e.city,
        resources: event_resources(store, event_id)?,
        sessions,
    })
}

/// The event's dossier as an A4 PDF with its page count.
pub fn dossier_document(store: &Store, event_id: &str) -> CoreResult<LibraryPdf> {
    Ok(render_dossier(&dossier_data(store, event_id)?, None)?)
}

/// The event's « dossier documentaire » as an A4 PDF.
pub fn dossier_pdf(store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
    Ok(dossier_document(store, event_id)?.pdf)
}

/// « Dossier documentaire - CODE - Title.pdf ».
pub fn dossier_file_name(code: &str, title: &str) -> String {
    suggested_file_name("Dossier documentaire", code, title)
}

impl PrintJob {
    /// Adds the « Ressources » section (the event's resources) to the programme this job
    /// prints; without this call the programme has none.
    pub fn with_resources(mut self, store: &Store, event_id: &str) -> CoreResult<PrintJob> {
        self.data.resources = event_resources(store, event_id)?;
        Ok(self)
    }
}
