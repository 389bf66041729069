//! The windowless commands of Passerelle, for scripts and people at a terminal:
//! `demo | list | search | programme | versions | emargement | convocations | certificats |
//! attestations | badges | chevalets | mission | livret | rapport-competences | note | dossier |
//! check` print JSON, one object per line (`programme` and `versions` in [`documents`], `note`
//! and `dossier` in [`library_documents`]; `check`
//! exits with code 3 when it finds something);
//! `import | export | backup | restore` (see [`exchange`]) print French text; `holidays` prints
//! JSON lines and opens no database. Errors go to
//! stderr in French with a non-zero exit code.
//!
//! Two binaries run them: `passerelle-cli`, a console program that links no Tauri (it starts
//! in milliseconds, and on Windows it has a real console), and the app's `passerelle`, which
//! opens its window when given no subcommand. Both parse the same [`Cli`] and call [`run`], so
//! their output is the same.

pub mod database;
mod documents;
mod exchange;
mod library;
mod library_documents;
mod participants;
mod sync;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use passerelle_core::model::{CompetencesReportFilter, EventFilter};
use passerelle_core::printing::{PeopleDocument, ReportFormat};
use passerelle_core::store::backups::restore_database;
use passerelle_core::{files, CoreError, Store};
use serde::Serialize;

pub use database::{DbChoice, DB_FILE_NAME};
pub use documents::{PeopleArgs, ProgrammeArgs};
pub use exchange::{CsvImportArgs, ExportArg, ImportCommand};
pub use library_documents::{DossierArgs, NoteArgs};

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
        /// Code de l'événement (pour `list participants`).
        #[arg(long, value_name = "CODE")]
        event: Option<String>,
    },
    /// Recherche plein texte dans les experts, les événements et les métiers.
    Search {
        /// Texte recherché (accents et majuscules indifférents, préfixes acceptés).
        text: String,
    },
    /// Écrit le programme de formation d'un événement en PDF (bilingue avec --lang ; --send
    /// enregistre une version « à envoyer » ; --version N réimprime une version envoyée).
    Programme(ProgrammeArgs),
    /// Liste les versions envoyées du programme d'un événement, la plus récente d'abord.
    Versions {
        #[arg(long, value_name = "CODE")]
        event: String,
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
    /// Écrit les convocations des participants inscrits d'un événement (une lettre chacun, un
    /// seul PDF) ; affiche {event, file, participants}.
    Convocations(PeopleArgs),
    /// Écrit les certificats de réalisation des participants inscrits, d'après les présences
    /// enregistrées ; affiche {event, file, participants}.
    Certificats(PeopleArgs),
    /// Écrit les attestations de présence des participants inscrits (demi-journées présentes).
    Attestations(PeopleArgs),
    /// Écrit les badges des participants inscrits et des intervenants (dix par feuille A4, avec
    /// traits de coupe).
    Badges(PeopleArgs),
    /// Écrit les chevalets de table des participants inscrits et des intervenants (A4 paysage
    /// plié en deux).
    Chevalets(PeopleArgs),
    /// Écrit la lettre de mission d'un intervenant (ses séances, dates, lieu).
    Mission {
        #[arg(long, value_name = "CODE")]
        event: String,
        /// Identifiant de l'expert (voir `list experts`).
        #[arg(long, value_name = "ID")]
        expert: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Écrit le rapport d'évolution des compétences des métiers, en PDF ou en CSV selon
    /// l'extension du fichier (.pdf ou .csv) ; affiche {file, professions, competences,
    /// observations}.
    RapportCompetences {
        /// Fichier à écrire : .pdf (rapport imprimable) ou .csv (tableur).
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Famille de métiers : identifiant ou libellé (accents et majuscules indifférents).
        #[arg(long, value_name = "FAMILLE")]
        family: Option<String>,
        /// Première année prise en compte.
        #[arg(long, value_name = "ANNÉE")]
        from: Option<i64>,
        /// Dernière année prise en compte.
        #[arg(long, value_name = "ANNÉE")]
        to: Option<i64>,
    },
    /// Écrit le livret de visite d'étude d'un événement en PDF (A5, ou imposé sur A4 avec
    /// --imposed) ; affiche {file, pages, sheets}.
    Livret {
        #[arg(long, value_name = "CODE")]
        event: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Pages A5 deux par deux sur des feuilles A4 paysage, dans l'ordre de la piqûre à cheval :
        /// imprimer en recto verso (bord court), plier, agrafer.
        #[arg(long)]
        imposed: bool,
    },
    /// Importe un fichier (CSV d'experts ou de métiers, fichier d'échange JSON) : affiche
    /// l'aperçu, puis applique tout en une fois, ou rien.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Écrit une fiche juridique en PDF ; affiche {id, file, pages}.
    Note(NoteArgs),
    /// Écrit le dossier documentaire d'un événement (ses ressources, puis celles de chaque
    /// séance) en PDF ; affiche {event, file, pages}.
    Dossier(DossierArgs),
    /// Exporte des données dans un fichier (CSV, iCalendar, vCard, JSON).
    Export {
        #[arg(value_enum)]
        what: ExportArg,
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
    /// Vérifie la cohérence d'un événement (jours fériés, dates, chevauchements, intervenants,
    /// consentements, langues, rubriques du programme) : une constatation JSON par ligne
    /// {kind, severity, message, target, date} ; code de sortie 0 si aucune, 3 sinon.
    Check {
        /// Code de l'événement.
        #[arg(long, value_name = "CODE")]
        event: String,
        /// Vérifie aussi les traductions avant un programme bilingue : de, it, es, ca, nl, lb ou en.
        #[arg(long, value_name = "LANGUE")]
        lang: Option<String>,
    },
    /// Liste les jours fériés d'un pays (et d'une région) pour une année, un objet JSON par
    /// ligne {date, nameFr, nameLocal, region}, dans l'ordre des dates. N'ouvre pas la base.
    Holidays {
        /// Pays (code ISO à deux lettres) : FR, DE, BE, LU, CH, IT, ES, AD ou MC.
        #[arg(long, value_name = "PAYS")]
        country: String,
        /// Région : Land allemand (BW, BY…), canton suisse (GE, VD…), 6AE ou 57
        /// (Alsace-Moselle), communauté belge (VG, CF, DG), communauté espagnole (CT, PV, NC, AR).
        #[arg(long, value_name = "RÉGION")]
        region: Option<String>,
        /// Année (l'année en cours par défaut).
        #[arg(long, value_name = "ANNÉE")]
        year: Option<i32>,
    },
    /// Synchronise la base avec le serveur CouchDB de l'équipe et affiche le bilan en JSON
    /// {sent, received, merged, conflicts, waitingLinks} ; code de sortie 3 si des conflits
    /// attendent un choix. Identifiants : PASSERELLE_SYNC_USER et PASSERELLE_SYNC_PASSWORD,
    /// sinon ceux de la page « Partage » et le trousseau du système.
    Sync(sync::SyncArgs),
    /// Ajoute une ressource à la bibliothèque : `resource add --title T --kind K`.
    Resource {
        #[command(subcommand)]
        what: library::ResourceCommand,
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
    /// Les demandes de formation, les plus récentes d'abord.
    Requests,
    /// Les participants d'un événement (--event CODE), triés par nom.
    Participants,
    /// Les ressources de la bibliothèque, complètes, par titre.
    Resources,
    /// Les fiches juridiques, par question.
    LegalNotes,
}

/// How a command ended, when it did not fail outright: done, refused after explaining why
/// on stdout (an import with rejected lines; exit code 2), or a check that found problems and
/// printed them (exit code 3, so that a script can tell them from a failure).
pub enum Outcome {
    Done,
    Refused(String),
    Findings,
}

/// The whole of `passerelle-cli`: parses the command line and runs its subcommand. Without
/// one, prints the help on stderr and exits with code 2 (there is no window to open).
pub fn main_without_window() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, cli.db),
        None => {
            let _ = Cli::command().write_help(&mut std::io::stderr());
            ExitCode::from(2)
        }
    }
}

/// Runs one windowless command on the database `--db` names (else `PASSERELLE_DB`, else the
/// app-data file) and returns the process exit code.
pub fn run(command: Command, db: Option<PathBuf>) -> ExitCode {
    // Needs no database: not even its location.
    if let Command::Holidays {
        country,
        region,
        year,
    } = &command
    {
        return exit_code(print_holidays(country, region.as_deref(), *year));
    }
    let Some(path) = (DbChoice { explicit: db }).resolve() else {
        eprintln!("Erreur : {}", database::NO_DATA_DIR);
        return ExitCode::FAILURE;
    };
    exit_code(execute(command, &path))
}

fn exit_code(result: Result<Outcome, CoreError>) -> ExitCode {
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(3),
        Ok(Outcome::Refused(why)) => {
            eprintln!("{why}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("Erreur : {error}");
            ExitCode::FAILURE
        }
    }
}

/// `holidays`: the public holidays of a country (and region) in a year, one JSON line each.
fn print_holidays(
    country: &str,
    region: Option<&str>,
    year: Option<i32>,
) -> Result<Outcome, CoreError> {
    use chrono::Datelike;
    let year = year.unwrap_or_else(|| chrono::Local::now().year());
    let days = passerelle_core::holidays::holidays(country, region, year)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    print_all(&mut out, days)?;
    out.flush()?;
    Ok(Outcome::Done)
}

impl Command {
    /// The file an `--out` names, if this command writes one.
    fn out_file(&self) -> Option<&Path> {
        match self {
            Command::Programme(ProgrammeArgs { out, .. })
            | Command::Emargement { out, .. }
            | Command::RapportCompetences { out, .. }
            | Command::Livret { out, .. }
            | Command::Convocations(PeopleArgs { out, .. })
            | Command::Certificats(PeopleArgs { out, .. })
            | Command::Attestations(PeopleArgs { out, .. })
            | Command::Badges(PeopleArgs { out, .. })
            | Command::Chevalets(PeopleArgs { out, .. })
            | Command::Mission { out, .. }
            | Command::Export { out, .. }
            | Command::Backup { out }
            | Command::Note(NoteArgs { out, .. })
            | Command::Dossier(DossierArgs { out, .. }) => Some(out),
            _ => None,
        }
    }
}

/// Writes an `--out` file whole or not at all, never over the database in use (`db`), its
/// side files or its backups.
fn write_out(file: &Path, bytes: &[u8], db: &Path) -> Result<(), CoreError> {
    let backups_dir = database::backups_dir(db);
    let protected = files::Protected {
        database: db,
        backups_dir: &backups_dir,
    };
    files::write_user_file(file, bytes, Some(protected))
}

fn execute(command: Command, path: &Path) -> Result<Outcome, CoreError> {
    // Buffered: `list experts` writes thousands of lines, which a line-buffered stdout would
    // hand to the system one by one.
    let mut out = BufWriter::new(std::io::stdout().lock());
    // Before anything is read or opened: `--out` naming the database would destroy it.
    if let Some(file) = command.out_file() {
        files::check_user_target(file, path, &database::backups_dir(path))?;
    }
    if let Command::RapportCompetences { out: file, .. } = &command {
        ReportFormat::from_path(file)?;
    }
    let mut database = Database::new(path);
    let outcome = dispatch(command, &mut database, &mut out);
    let closed = database.close();
    let outcome = outcome?;
    closed?;
    out.flush()?;
    Ok(outcome)
}

/// The database, opened by the first command that reads or writes it — not by `restore`, which
/// must work on a file that does not open — and closed at the end, which folds the write-ahead
/// log back into the file.
struct Database<'a> {
    path: &'a Path,
    store: Option<Store>,
}

impl<'a> Database<'a> {
    fn new(path: &'a Path) -> Self {
        Database { path, store: None }
    }

    fn open(&mut self) -> Result<&mut Store, CoreError> {
        let store = match self.store.take() {
            Some(store) => store,
            None => Store::open_with_reference(self.path)?,
        };
        Ok(self.store.insert(store))
    }

    fn close(self) -> Result<(), CoreError> {
        self.store.map_or(Ok(()), Store::close)
    }
}

fn dispatch(
    command: Command,
    database: &mut Database,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    let path = database.path;
    if let Command::Restore { file } = command {
        let report = restore_database(path, &file, &database::backups_dir(path))?;
        match &report.safety_copy {
            Some(copy) => writeln!(
                out,
                "Base restaurée depuis {} ; l'ancienne base est gardée dans {copy}",
                report.restored_from
            )?,
            None => writeln!(out, "Base restaurée depuis {}", report.restored_from)?,
        }
        return Ok(Outcome::Done);
    }
    let store = database.open()?;
    match command {
        Command::Demo => {
            let id = passerelle_core::example::add_example(store)?;
            let event = store.get_event(&id)?;
            print_line(
                out,
                &serde_json::json!({"id": id, "code": event.data.code, "title": event.data.title}),
            )?;
        }
        Command::List { entity, event } => list(store, entity, event.as_deref(), out)?,
        Command::Search { text } => print_all(out, store.search_all(&text, 50)?)?,
        Command::Programme(args) => documents::programme(store, args, path, out)?,
        Command::Versions { event } => documents::versions(store, &event, out)?,
        Command::Emargement {
            event,
            out: file,
            rows,
        } => documents::emargement(store, &event, &file, rows, path, out)?,
        Command::Convocations(args) => {
            documents::people(store, PeopleDocument::Convocations, args, path, out)?
        }
        Command::Certificats(args) => {
            documents::people(store, PeopleDocument::Certificates, args, path, out)?
        }
        Command::Attestations(args) => {
            documents::people(store, PeopleDocument::Attestations, args, path, out)?
        }
        Command::Badges(args) => documents::people(store, PeopleDocument::Badges, args, path, out)?,
        Command::Chevalets(args) => {
            documents::people(store, PeopleDocument::TableCards, args, path, out)?
        }
        Command::Mission {
            event,
            expert,
            out: file,
        } => documents::mission(store, &event, &expert, &file, path, out)?,
        Command::RapportCompetences {
            out: file,
            family,
            from,
            to,
        } => {
            let filter = CompetencesReportFilter {
                family_id: family,
                from_year: from,
                to_year: to,
            };
            documents::competences_report(store, &filter, &file, path, out)?;
        }
        Command::Livret {
            event,
            out: file,
            imposed,
        } => documents::livret(store, &event, &file, imposed, path, out)?,
        Command::Import { what } => return exchange::import(store, what, out),
        Command::Resource { what } => return library::resource(store, what, out),
        Command::Sync(args) => return sync::sync(store, &args, out),
        Command::Note(args) => library_documents::note(store, args, path, out)?,
        Command::Dossier(args) => library_documents::dossier(store, args, path, out)?,
        Command::Check { event, lang } => {
            return documents::check(store, &event, lang.as_deref(), out)
        }
        Command::Export {
            what,
            out: file,
            event,
        } => {
            let exported = exchange::export(store, what, event.as_deref())?;
            write_out(&file, &exported, path)?;
            writeln!(out, "Fichier écrit : {}", file.display())?;
        }
        Command::Backup { out: file } => {
            store.backup_to(&file)?;
            writeln!(out, "Sauvegarde écrite : {}", file.display())?;
        }
        // Answered above, before the database is opened; `holidays` needs none (see `run`).
        Command::Restore { .. } | Command::Holidays { .. } => {}
    }
    Ok(Outcome::Done)
}

fn list(
    store: &Store,
    entity: Entity,
    event: Option<&str>,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    match entity {
        Entity::Organisations => print_all(out, store.list_organisations()?),
        Entity::Territories => print_all(out, store.list_territories()?),
        Entity::Themes => print_all(out, store.list_themes()?),
        Entity::Professions => print_all(out, store.list_professions()?),
        Entity::Experts => store.for_each_expert_summary(|expert| print_line(out, &expert)),
        Entity::Events => {
            let all = EventFilter {
                limit: Some(i64::MAX),
                ..Default::default()
            };
            print_all(out, store.search_events(&all)?.items)
        }
        Entity::Requests => print_all(out, store.list_requests(&Default::default())?),
        Entity::Participants => {
            let code = event.ok_or_else(|| {
                CoreError::field("event", "Indiquez l'événement avec --event CODE.")
            })?;
            let event = store.find_event_by_code(code)?;
            print_all(out, store.list_participants(&event.meta.id)?)
        }
        Entity::Resources => library::list_resources(store, out),
        Entity::LegalNotes => library_documents::list_legal_notes(store, out),
    }
}

pub(crate) fn print_all<T: Serialize>(
    out: &mut impl Write,
    items: Vec<T>,
) -> Result<(), CoreError> {
    for item in items {
        print_line(out, &item)?;
    }
    Ok(())
}

pub(crate) fn print_line<T: Serialize>(out: &mut impl Write, item: &T) -> Result<(), CoreError> {
    serde_json::to_writer(&mut *out, item).map_err(|e| CoreError::Io(std::io::Error::other(e)))?;
    writeln!(out)?;
    Ok(())
}
