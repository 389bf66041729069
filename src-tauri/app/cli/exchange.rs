//! The windowless exchange commands: `import`, `export`, `backup`, `restore`. An import prints
//! its preview in French (counts, each rejected line with its reason, duplicates, conflicts);
//! with any rejected line it changes nothing and fails, unless `--skip-invalid` is given.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use passerelle_core::exchange::{
    agenda_csv, experts_csv, ics, json, professions_csv, text, vcard, CsvImportChoices,
    CsvImportPreview, DuplicatePolicy, JsonImportChoices, JsonImportPreview,
};
use passerelle_core::{CoreError, Store};

/// What `passerelle import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Importe des experts depuis un fichier CSV (séparateur « ; », UTF-8 ou Windows-1252).
    Experts(CsvImportArgs),
    /// Importe des métiers depuis un fichier CSV.
    Professions(CsvImportArgs),
    /// Fusionne un fichier d'échange JSON de Passerelle dans la base.
    Json {
        /// Fichier d'échange à lire.
        file: PathBuf,
        /// Affiche l'aperçu sans rien modifier.
        #[arg(long)]
        dry_run: bool,
        /// En cas de conflit (fiche modifiée des deux côtés), prendre la version du fichier
        /// (par défaut, la version de la base est gardée).
        #[arg(long)]
        prefer_file: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CsvImportArgs {
    /// Fichier CSV à lire.
    pub file: PathBuf,
    /// Affiche l'aperçu sans rien modifier.
    #[arg(long)]
    pub dry_run: bool,
    /// Importe les lignes valides et ignore les lignes rejetées.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Ne met pas à jour les fiches déjà présentes (même e-mail, ou même nom et organisation).
    #[arg(long)]
    pub skip_duplicates: bool,
}

/// What `passerelle export` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportKind {
    /// Experts en CSV (Excel).
    Experts,
    /// Métiers en CSV (Excel).
    Professions,
    /// Événements à venir (ou celui de --event) en iCalendar.
    EventsIcs,
    /// Agenda d'un événement (--event) en CSV.
    Agenda,
    /// Experts en vCard 4.0.
    Vcard,
    /// Toute la base en fichier d'échange JSON.
    Json,
}

/// How a windowless command ended, when it did not fail outright: done, or refused after
/// explaining why on stdout (an import with rejected lines; exit code 2).
pub enum Outcome {
    Done,
    Refused(String),
}

pub fn import(
    store: &mut Store,
    command: ImportCommand,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    match command {
        ImportCommand::Experts(args) => import_csv(store, args, out, true),
        ImportCommand::Professions(args) => import_csv(store, args, out, false),
        ImportCommand::Json {
            file,
            dry_run,
            prefer_file,
        } => {
            json::check_file_size(&file)?;
            let bytes = read_file(&file)?;
            let preview = json::preview(store, &bytes)?;
            print_json_preview(out, &file, &preview)?;
            if dry_run {
                writeln!(out, "Aperçu seulement (--dry-run) : rien n'a été modifié.")?;
                return Ok(Outcome::Done);
            }
            let choices = JsonImportChoices {
                take_incoming: if prefer_file {
                    preview.conflicts.iter().map(|c| c.id.clone()).collect()
                } else {
                    Vec::new()
                },
            };
            let summary = json::apply(store, &bytes, &choices)?;
            writeln!(
                out,
                "Import terminé : {} ajoutée(s), {} mise(s) à jour, {} inchangée(s), {} gardée(s) telles quelles ; conflits : {} pris du fichier, {} gardés.",
                summary.added, summary.updated, summary.unchanged, summary.kept_local,
                summary.conflicts_taken_from_file, summary.conflicts_kept_local
            )?;
            Ok(Outcome::Done)
        }
    }
}

fn read_file(file: &Path) -> Result<Vec<u8>, CoreError> {
    std::fs::read(file).map_err(|error| {
        CoreError::Io(std::io::Error::new(
            error.kind(),
            format!("impossible de lire « {} » ({error})", file.display()),
        ))
    })
}

fn import_csv(
    store: &mut Store,
    args: CsvImportArgs,
    out: &mut impl Write,
    experts: bool,
) -> Result<Outcome, CoreError> {
    text::check_import_size(&args.file)?;
    let bytes = read_file(&args.file)?;
    let preview = if experts {
        experts_csv::preview(store, &bytes)?
    } else {
        professions_csv::preview(store, &bytes)?
    };
    print_csv_preview(out, &args.file, &preview)?;
    if !preview.rejected.is_empty() && !args.skip_invalid {
        return Ok(Outcome::Refused(format!(
            "{} ligne(s) rejetée(s) : rien n'a été importé. Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides.",
            preview.rejected.len()
        )));
    }
    if args.dry_run {
        writeln!(out, "Aperçu seulement (--dry-run) : rien n'a été modifié.")?;
        return Ok(Outcome::Done);
    }
    let choices = CsvImportChoices {
        on_duplicate: if args.skip_duplicates {
            DuplicatePolicy::Skip
        } else {
            DuplicatePolicy::Update
        },
        skip_invalid: args.skip_invalid,
    };
    let summary = if experts {
        experts_csv::apply(store, &bytes, &choices)?
    } else {
        professions_csv::apply(store, &bytes, &choices)?
    };
    writeln!(
        out,
        "Import terminé : {} créée(s), {} mise(s) à jour, {} inchangée(s), {} ignorée(s), {} rejetée(s).",
        summary.created, summary.updated, summary.unchanged, summary.skipped, summary.rejected
    )?;
    Ok(Outcome::Done)
}

fn print_csv_preview(
    out: &mut impl Write,
    file: &Path,
    preview: &CsvImportPreview,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Fichier : {} (encodage : {})",
        file.display(),
        preview.encoding
    )?;
    writeln!(
        out,
        "{} ligne(s) : {} nouvelle(s), {} à mettre à jour, {} inchangée(s), {} rejetée(s).",
        preview.rows,
        preview.new,
        preview.updated,
        preview.unchanged,
        preview.rejected.len()
    )?;
    if !preview.rejected.is_empty() {
        writeln!(out, "Lignes rejetées :")?;
        for row in &preview.rejected {
            writeln!(out, "  {}", row.reason)?;
        }
    }
    if !preview.duplicates.is_empty() {
        writeln!(out, "Fiches déjà présentes :")?;
        for row in &preview.duplicates {
            writeln!(
                out,
                "  ligne {} : {} (même {}){}",
                row.line,
                row.label,
                row.matched_by,
                if row.changed {
                    ", modifiée dans le fichier"
                } else {
                    ", identique"
                }
            )?;
        }
    }
    Ok(())
}

fn print_json_preview(
    out: &mut impl Write,
    file: &Path,
    preview: &JsonImportPreview,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Fichier : {} (format d'échange version {})",
        file.display(),
        preview.format_version
    )?;
    writeln!(
        out,
        "{} à ajouter, {} à mettre à jour, {} inchangée(s), {} modifiée(s) seulement ici (gardées), {} conflit(s).",
        preview.added,
        preview.updated,
        preview.unchanged,
        preview.kept_local,
        preview.conflicts.len()
    )?;
    for conflict in &preview.conflicts {
        writeln!(
            out,
            "  conflit : {} « {} » modifié(e) des deux côtés ({})",
            conflict.entity_label,
            conflict.label,
            conflict.fields.join(", ")
        )?;
    }
    Ok(())
}

/// Writes one export to `file`.
pub fn export(
    store: &mut Store,
    kind: ExportKind,
    event_code: Option<&str>,
    file: &Path,
) -> Result<(), CoreError> {
    let event_id = match event_code {
        Some(code) => Some(store.find_event_by_code(code)?.meta.id),
        None => None,
    };
    let bytes = match kind {
        ExportKind::Experts => experts_csv::export(store)?,
        ExportKind::Professions => professions_csv::export(store)?,
        ExportKind::Json => json::export(store)?,
        ExportKind::Vcard => vcard::experts_vcard(store, &[])?.into_bytes(),
        ExportKind::EventsIcs => {
            let ids = match event_id {
                Some(id) => vec![id],
                None => ics::upcoming_event_ids(store, chrono::Local::now().date_naive())?,
            };
            ics::events_ics(store, &ids, chrono::Utc::now())?.into_bytes()
        }
        ExportKind::Agenda => {
            let Some(id) = event_id else {
                return Err(CoreError::field(
                    "event",
                    "Indiquez l'événement de l'agenda avec --event CODE.",
                ));
            };
            agenda_csv::export(store, &id)?
        }
    };
    std::fs::write(file, bytes).map_err(|error| {
        CoreError::Io(std::io::Error::new(
            error.kind(),
            format!("impossible d'écrire « {} » ({error})", file.display()),
        ))
    })
}
