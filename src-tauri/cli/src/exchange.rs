//! The exchange commands: `import` and `export`, through the core's one front
//! (`passerelle_core::exchange::front`). An import prints its preview in French (counts, each
//! rejected line with its reason, duplicates, conflicts); with any rejected line it changes
//! nothing and fails, unless `--skip-invalid` is given.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::PossibleValue;
use clap::{Subcommand, ValueEnum};
use passerelle_core::exchange::front::{
    self, ExportFormat, ExportScope, ImportChoices, ImportKind, ImportPreview, ImportSummary,
};
use passerelle_core::exchange::{
    CsvImportChoices, CsvImportPreview, DuplicatePolicy, JsonImportChoices, JsonImportPreview,
};
use passerelle_core::{CoreError, Store};

use crate::Outcome;

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Importe des experts depuis un fichier CSV (séparateur « ; », UTF-8 ou Windows-1252).
    Experts(CsvImportArgs),
    /// Importe des métiers depuis un fichier CSV.
    Professions(CsvImportArgs),
    /// Inscrit des participants à un événement depuis un fichier CSV (--event CODE).
    Participants(crate::participants::ParticipantImportArgs),
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

/// What `export` writes: one of the core's formats, named on the command line as the core
/// says ([`ExportFormat::command_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportArg(pub ExportFormat);

static EXPORT_ARGS: [ExportArg; 9] = {
    let all = ExportFormat::ALL;
    [
        ExportArg(all[0]),
        ExportArg(all[1]),
        ExportArg(all[2]),
        ExportArg(all[3]),
        ExportArg(all[4]),
        ExportArg(all[5]),
        ExportArg(all[6]),
        ExportArg(all[7]),
        ExportArg(all[8]),
    ]
};

impl ValueEnum for ExportArg {
    fn value_variants<'a>() -> &'a [Self] {
        &EXPORT_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.command_name()).help(self.0.description()))
    }
}

/// One import, whatever the file: its kind, its flags, and how its choices are made.
struct ImportRequest {
    kind: ImportKind,
    file: PathBuf,
    dry_run: bool,
    skip_invalid: bool,
    skip_duplicates: bool,
    prefer_file: bool,
}

impl ImportRequest {
    fn new(command: ImportCommand) -> Self {
        let csv = |kind, args: CsvImportArgs| ImportRequest {
            kind,
            file: args.file,
            dry_run: args.dry_run,
            skip_invalid: args.skip_invalid,
            skip_duplicates: args.skip_duplicates,
            prefer_file: false,
        };
        match command {
            ImportCommand::Experts(args) => csv(ImportKind::Experts, args),
            ImportCommand::Professions(args) => csv(ImportKind::Professions, args),
            ImportCommand::Participants(_) => unreachable!("imported by participants::import"),
            ImportCommand::Json {
                file,
                dry_run,
                prefer_file,
            } => ImportRequest {
                kind: ImportKind::Json,
                file,
                dry_run,
                skip_invalid: false,
                skip_duplicates: false,
                prefer_file,
            },
        }
    }

    /// The choices the flags stand for, given what the preview found.
    fn choices(&self, preview: &ImportPreview) -> ImportChoices {
        match preview {
            ImportPreview::Csv(_) => ImportChoices::Csv(CsvImportChoices {
                on_duplicate: if self.skip_duplicates {
                    DuplicatePolicy::Skip
                } else {
                    DuplicatePolicy::Update
                },
                skip_invalid: self.skip_invalid,
            }),
            ImportPreview::Json(_) => ImportChoices::Json(JsonImportChoices {
                take_incoming: if self.prefer_file {
                    preview.conflict_ids()
                } else {
                    Vec::new()
                },
            }),
        }
    }
}

/// Previews the file, then applies it unless the preview refuses it or `--dry-run` is given.
pub fn import(
    store: &mut Store,
    command: ImportCommand,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    let command = match command {
        ImportCommand::Participants(args) => return crate::participants::import(store, args, out),
        other => other,
    };
    let request = ImportRequest::new(command);
    let bytes = request.kind.read_file(&request.file)?;
    let preview = front::preview(store, request.kind, &bytes)?;
    match &preview {
        ImportPreview::Csv(csv) => print_csv_preview(out, &request.file, csv)?,
        ImportPreview::Json(json) => print_json_preview(out, &request.file, json)?,
    }
    let rejected = preview.rejected_lines();
    if rejected > 0 && !request.skip_invalid {
        return Ok(Outcome::Refused(format!(
            "{rejected} ligne(s) rejetée(s) : rien n'a été importé. Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides."
        )));
    }
    if request.dry_run {
        writeln!(out, "Aperçu seulement (--dry-run) : rien n'a été modifié.")?;
        return Ok(Outcome::Done);
    }
    let choices = request.choices(&preview);
    match front::apply(store, request.kind, &bytes, &choices)? {
        ImportSummary::Csv(summary) => writeln!(
            out,
            "Import terminé : {} créée(s), {} mise(s) à jour, {} inchangée(s), {} ignorée(s), {} rejetée(s).",
            summary.created, summary.updated, summary.unchanged, summary.skipped, summary.rejected
        )?,
        ImportSummary::Json(summary) => writeln!(
            out,
            "Import terminé : {} ajoutée(s), {} mise(s) à jour, {} inchangée(s), {} gardée(s) telles quelles ; conflits : {} pris du fichier, {} gardés.",
            summary.added, summary.updated, summary.unchanged, summary.kept_local,
            summary.conflicts_taken_from_file, summary.conflicts_kept_local
        )?,
    }
    Ok(Outcome::Done)
}

pub(crate) fn print_csv_preview(
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
    if !preview.ignored_columns.is_empty() {
        let quoted: Vec<String> = preview
            .ignored_columns
            .iter()
            .map(|name| format!("« {} »", passerelle_core::validation::quoted(name)))
            .collect();
        writeln!(
            out,
            "Colonne(s) ignorée(s), inconnues de cet import : {}.",
            quoted.join(", ")
        )?;
    }
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

/// The bytes of one export; `event_code` names the agenda's event, or the one event of an
/// iCalendar file.
pub fn export(
    store: &mut Store,
    what: ExportArg,
    event_code: Option<&str>,
) -> Result<Vec<u8>, CoreError> {
    let format = what.0;
    let mut scope = ExportScope::everything();
    if let Some(code) = event_code {
        scope
            .event_ids
            .push(store.find_event_by_code(code)?.meta.id);
    }
    if format.needs_one_event() && scope.event_ids.is_empty() {
        return Err(CoreError::field(
            "event",
            "Indiquez l'événement (agenda, participants ou présences) avec --event CODE.",
        ));
    }
    Ok(front::export(store, format, &scope)?.bytes)
}
