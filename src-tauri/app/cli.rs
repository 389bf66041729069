//! The windowless commands: `passerelle demo | list | search | programme | emargement` print
//! JSON, one object per line; `import | export | backup | restore` (see [`exchange`]) print
//! French text. Errors go to stderr in French with a non-zero exit code.

mod exchange;

use exchange::Outcome;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use passerelle_core::model::{EventFilter, ExpertFilter};
use passerelle_core::{CoreError, Store};
use serde::Serialize;

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Passerelle : experts, métiers et événements (MOT – CNFPT)"
)]
pub struct Cli {
    /// Fichier de base de données (sinon PASSERELLE_DB, sinon le dossier de données de l'application).
    #[arg(long, global = true, value_name = "FICHIER")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ajoute l'événement d'exemple (visite d'étude de 3 jours) et affiche son identifiant.
    Demo,
    /// Liste une catégorie d'enregistrements, un objet JSON par ligne.
    List {
        #[arg(value_enum)]
        entity: Entity,
    },
    /// Recherche plein texte dans les experts, les événements et les métiers.
    Search {
        /// Texte recherché (accents et majuscules indifférents, préfixes acceptés).
        text: String,
    },
    /// Écrit le programme de formation d'un événement en PDF.
    Programme {
        /// Code de l'événement.
        #[arg(long, value_name = "CODE")]
        event: String,
        /// Fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Écrit les feuilles d'émargement d'un événement en PDF (une page par demi-journée).
    Emargement {
        #[arg(long, value_name = "CODE")]
        event: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Nombre de lignes à signer par feuille (20 par défaut).
        #[arg(long, value_name = "N")]
        rows: Option<usize>,
    },
    /// Importe un fichier (CSV d'experts ou de métiers, fichier d'échange JSON) : affiche
    /// l'aperçu, puis applique tout en une fois, ou rien.
    Import {
        #[command(subcommand)]
        what: exchange::ImportCommand,
    },
    /// Exporte des données dans un fichier (CSV, iCalendar, vCard, JSON).
    Export {
        #[arg(value_enum)]
        what: exchange::ExportKind,
        /// Fichier à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Code de l'événement (agenda, ou un seul événement en iCalendar).
        #[arg(long, value_name = "CODE")]
        event: Option<String>,
    },
    /// Écrit une copie cohérente de la base de données.
    Backup {
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Remplace la base par une sauvegarde, après l'avoir vérifiée ; la base actuelle est
    /// gardée dans le dossier « sauvegardes » à côté d'elle.
    Restore {
        /// Sauvegarde à restaurer.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Entity {
    Organisations,
    Territories,
    Themes,
    Professions,
    Experts,
    Events,
}

/// The database file used when no window is open: `--db`, `PASSERELLE_DB`, or the same
/// app-data location the window uses.
pub fn database_path(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(path) = (crate::DbChoice { explicit }).resolve_override() {
        return Ok(path);
    }
    let identifier = "fr.mot-cnfpt.passerelle";
    dirs::data_dir()
        .map(|dir| dir.join(identifier).join(crate::DB_FILE_NAME))
        .ok_or_else(|| {
            "Impossible de trouver le dossier de données de l'utilisateur : indiquez --db FICHIER."
                .into()
        })
}

/// Runs one windowless command and returns the process exit code.
pub fn run(command: Command, db: Option<PathBuf>) -> ExitCode {
    let result =
        database_path(db).and_then(|path| execute(command, &path).map_err(|e| e.to_string()));
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Refused(why)) => {
            eprintln!("{why}");
            ExitCode::from(2)
        }
        Err(message) => {
            eprintln!("Erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command, path: &Path) -> Result<Outcome, CoreError> {
    let mut store = Store::open_with_reference(path)?;
    let mut out = std::io::stdout().lock();
    match command {
        Command::Demo => {
            let id = passerelle_core::demo::add_demo(&mut store)?;
            let event = store.get_event(&id)?;
            print_line(
                &mut out,
                &serde_json::json!({"id": id, "code": event.data.code, "title": event.data.title}),
            )?;
        }
        Command::List { entity } => match entity {
            Entity::Organisations => print_all(&mut out, store.list_organisations()?)?,
            Entity::Territories => print_all(&mut out, store.list_territories()?)?,
            Entity::Themes => print_all(&mut out, store.list_themes()?)?,
            Entity::Professions => print_all(&mut out, store.list_professions()?)?,
            Entity::Experts => {
                let all = ExpertFilter {
                    limit: Some(i64::MAX),
                    ..Default::default()
                };
                print_all(&mut out, store.search_experts(&all)?.items)?
            }
            Entity::Events => {
                let all = EventFilter {
                    limit: Some(i64::MAX),
                    ..Default::default()
                };
                print_all(&mut out, store.search_events(&all)?.items)?
            }
        },
        Command::Search { text } => print_all(&mut out, store.search_all(&text, 50)?)?,
        Command::Programme { event, out: file } => {
            let event = store.find_event_by_code(&event)?;
            let bytes = passerelle_core::printing::programme_pdf(&store, &event.meta.id)?;
            std::fs::write(&file, bytes)?;
            print_line(
                &mut out,
                &serde_json::json!({"event": event.data.code, "file": file}),
            )?;
        }
        Command::Emargement {
            event,
            out: file,
            rows,
        } => {
            let event = store.find_event_by_code(&event)?;
            let bytes =
                passerelle_core::printing::attendance_pdf(&store, &event.meta.id, rows)?;
            std::fs::write(&file, bytes)?;
            print_line(
                &mut out,
                &serde_json::json!({"event": event.data.code, "file": file}),
            )?;
        }
        Command::Import { what } => return exchange::import(&mut store, what, &mut out),
        Command::Export {
            what,
            out: file,
            event,
        } => {
            exchange::export(&mut store, what, event.as_deref(), &file)?;
            writeln!(out, "Fichier écrit : {}", file.display())?;
        }
        Command::Backup { out: file } => {
            store.backup_to(&file)?;
            writeln!(out, "Sauvegarde écrite : {}", file.display())?;
        }
        Command::Restore { file } => {
            let safety_dir = path
                .parent()
                .map(|dir| dir.join(crate::state::BACKUP_FOLDER))
                .unwrap_or_else(|| PathBuf::from(crate::state::BACKUP_FOLDER));
            let report = store.restore_from(&file, &safety_dir)?;
            writeln!(
                out,
                "Base restaurée depuis {} ; l'ancienne base est gardée dans {}",
                report.restored_from, report.safety_copy
            )?;
        }
    }
    Ok(Outcome::Done)
}

fn print_all<T: Serialize>(out: &mut impl Write, items: Vec<T>) -> Result<(), CoreError> {
    for item in items {
        print_line(out, &item)?;
    }
    Ok(())
}

fn print_line<T: Serialize>(out: &mut impl Write, item: &T) -> Result<(), CoreError> {
    let line = serde_json::to_string(item).map_err(|e| CoreError::Io(std::io::Error::other(e)))?;
    writeln!(out, "{line}")?;
    Ok(())
}
