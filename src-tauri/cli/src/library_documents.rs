//! The library's commands: `list legal-notes` (one JSON line per note, by question), `note`
//! (a legal note as PDF) and `dossier` (an event's « dossier documentaire » as PDF); both
//! print {file, pages} like the other documents. `programme --ressources` is in `documents`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use passerelle_core::model::LegalNoteFilter;
use passerelle_core::printing::{dossier_document, legal_note_document};
use passerelle_core::{CoreError, Store};

use super::{print_all, print_line, write_out};

/// The options of `note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Identifiant de la fiche juridique (voir `list legal-notes`).
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// Fichier PDF à écrire.
    #[arg(long, value_name = "FICHIER")]
    pub out: PathBuf,
}

/// The options of `dossier`.
#[derive(Debug, Args)]
pub struct DossierArgs {
    /// Code de l'événement.
    #[arg(long, value_name = "CODE")]
    pub event: String,
    /// Fichier PDF à écrire.
    #[arg(long, value_name = "FICHIER")]
    pub out: PathBuf,
}

/// `list legal-notes`: every note, by question, read a page at a time.
pub(super) fn list_legal_notes(store: &Store, out: &mut impl Write) -> Result<(), CoreError> {
    let mut filter = LegalNoteFilter {
        limit: Some(500),
        offset: Some(0),
        ..Default::default()
    };
    loop {
        let page = store.list_legal_notes(&filter)?;
        let count = page.items.len() as i64;
        print_all(out, page.items)?;
        let next = filter.offset.unwrap_or(0) + count;
        if count == 0 || next >= page.total {
            return Ok(());
        }
        filter.offset = Some(next);
    }
}

/// `note`: the legal note written to `--out`; prints {id, file, pages}.
pub(super) fn note(
    store: &Store,
    args: NoteArgs,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let document = legal_note_document(store, &args.id)?;
    write_out(&args.out, &document.pdf, db)?;
    let line = serde_json::json!({"id": args.id, "file": args.out, "pages": document.pages});
    print_line(out, &line)
}

/// `dossier`: the event's dossier written to `--out`; prints {event, file, pages}.
pub(super) fn dossier(
    store: &Store,
    args: DossierArgs,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(&args.event)?;
    let document = dossier_document(store, &event.meta.id)?;
    write_out(&args.out, &document.pdf, db)?;
    let line =
        serde_json::json!({"event": event.data.code, "file": args.out, "pages": document.pages});
    print_line(out, &line)
}
