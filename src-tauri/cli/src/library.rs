//! The library from the command line: `list resources` (every resource whole, in title
//! order, one JSON object per line), `resource add` (prints the new record as one JSON line;
//! `--file` attaches files, and a refused file refuses the whole command)
//! and `export resources` (the catalogue as CSV, see `exchange::resources_csv`).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use passerelle_core::attachments::MAX_FILE_BYTES;
use passerelle_core::model::ResourceInput;
use passerelle_core::{files, CoreError, Store};

use crate::{print_all, print_line, Outcome};

/// What `resource` does.
#[derive(Debug, Subcommand)]
pub enum ResourceCommand {
    /// Ajoute une ressource à la bibliothèque et l'affiche (un objet JSON).
    Add {
        /// Titre de la ressource.
        #[arg(long)]
        title: String,
        /// Type : guide, study, report, legal_note, legal_text, training_material, minutes,
        /// template, article, video ou web_page.
        #[arg(long)]
        kind: String,
        /// Résumé.
        #[arg(long, default_value = "")]
        summary: String,
        /// Statut : draft (par défaut), published, to_update ou archived.
        #[arg(long, default_value = "draft")]
        status: String,
        /// Fichier à joindre (PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, TXT, PNG, JPEG ; 50 Mo au
        /// plus) ; peut être répété. Un fichier refusé refuse toute la commande.
        #[arg(long = "file", value_name = "FICHIER")]
        files: Vec<PathBuf>,
    },
}

/// `resource …`.
pub fn resource(
    store: &mut Store,
    command: ResourceCommand,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    match command {
        ResourceCommand::Add {
            title,
            kind,
            summary,
            status,
            files,
        } => {
            // Every file is read before anything is written: a missing one changes nothing.
            let mut attachments = Vec::with_capacity(files.len());
            for path in &files {
                let bytes = files::read_bounded(
                    path,
                    MAX_FILE_BYTES as u64,
                    "pour être joint à une ressource",
                )?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                attachments.push((name, bytes));
            }
            let input = ResourceInput {
                title,
                kind,
                summary,
                status,
                ..Default::default()
            };
            // One transaction: a refused file leaves no resource behind.
            let created = match store.create_resource_with_files(&input, attachments) {
                Ok(created) => created,
                // Each field's message, not only their count: there is no form to show them.
                Err(CoreError::Validation { fields }) => {
                    let messages: Vec<String> = fields.into_iter().map(|f| f.message).collect();
                    return Ok(Outcome::Refused(format!(
                        "Erreur : la ressource n'a pas été ajoutée. {}",
                        messages.join(" ")
                    )));
                }
                Err(error) => return Err(error),
            };
            print_line(out, &created)?;
        }
    }
    Ok(Outcome::Done)
}

/// `list resources`: every resource whole (authors, links, files), in title order.
pub fn list_resources(store: &Store, out: &mut impl Write) -> Result<(), CoreError> {
    print_all(out, store.all_resources()?)
}
