//! `import participants FILE --event CODE` and `list participants --event CODE`: an event's
//! participants, with the same preview and all-or-nothing rules as the experts' import.

use std::io::Write;

use passerelle_core::exchange::participants_csv;
use passerelle_core::exchange::{
    check_import_size, CsvImportChoices, DuplicatePolicy, MAX_IMPORT_BYTES,
};
use passerelle_core::{files, CoreError, Store};

use crate::exchange::{print_csv_preview, CsvImportArgs};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct ParticipantImportArgs {
    #[command(flatten)]
    pub csv: CsvImportArgs,
    /// Code de l'événement auquel inscrire les participants.
    #[arg(long, value_name = "CODE")]
    pub event: String,
}

/// Previews the file, then applies it unless the preview refuses it or `--dry-run` is given.
pub fn import(
    store: &mut Store,
    args: ParticipantImportArgs,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    let event = store.find_event_by_code(&args.event)?;
    let file = &args.csv.file;
    check_import_size(file)?;
    let bytes = files::read_bounded(file, MAX_IMPORT_BYTES, "pour un import")?;
    let preview = participants_csv::preview(store, &event.meta.id, &bytes)?;
    print_csv_preview(out, file, &preview.preview)?;
    if preview.waiting_list > 0 {
        writeln!(
            out,
            "Événement complet ({} places) : {} nouvelle(s) personne(s) iront en liste d'attente.",
            preview.capacity.unwrap_or_default(),
            preview.waiting_list
        )?;
    }
    let rejected = preview.preview.rejected.len();
    if rejected > 0 && !args.csv.skip_invalid {
        return Ok(Outcome::Refused(format!(
            "{rejected} ligne(s) rejetée(s) : rien n'a été importé. Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides."
        )));
    }
    if args.csv.dry_run {
        writeln!(out, "Aperçu seulement (--dry-run) : rien n'a été modifié.")?;
        return Ok(Outcome::Done);
    }
    let choices = CsvImportChoices {
        on_duplicate: if args.csv.skip_duplicates {
            DuplicatePolicy::Skip
        } else {
            DuplicatePolicy::Update
        },
        skip_invalid: args.csv.skip_invalid,
    };
    let done = participants_csv::apply(store, &event.meta.id, &bytes, &choices)?;
    let summary = done.summary;
    writeln!(
        out,
        "Import terminé : {} créée(s), {} mise(s) à jour, {} inchangée(s), {} ignorée(s), {} rejetée(s) ; {} en liste d'attente.",
        summary.created, summary.updated, summary.unchanged, summary.skipped, summary.rejected,
        done.waiting_list
    )?;
    Ok(Outcome::Done)
}
