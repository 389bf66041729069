//! `programme` (French or bilingual, a draft, a new version « à envoyer », or an earlier
//! version printed again), `versions`, and the documents about people: `emargement` (with the
//! registered participants' names), `convocations`, `certificats`, `attestations`, `badges`,
//! `chevalets` and `mission`; `rapport-competences`, `livret` and `check`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use passerelle_core::model::{CompetencesReportFilter, PartnerLanguage, ProgrammeVersion};
use passerelle_core::printing::{
    render_report, send_programme, EventDocument, MissionJob, PeopleDocument, PeopleJob, PrintJob,
    ReportFormat,
};
use passerelle_core::{CoreError, Store};

use super::{print_all, print_line, write_out, Outcome};

/// The options of `programme`.
#[derive(Debug, Args)]
pub struct ProgrammeArgs {
    /// Code de l'événement.
    #[arg(long, value_name = "CODE")]
    pub event: String,
    /// Fichier PDF à écrire.
    #[arg(long, value_name = "FICHIER")]
    pub out: PathBuf,
    /// Programme bilingue : français puis la langue partenaire (de, it, es, ca, nl, lb ou en).
    #[arg(long, value_name = "LANGUE", value_parser = partner_language)]
    pub lang: Option<PartnerLanguage>,
    /// Version « à envoyer » : enregistre une nouvelle version numérotée (date du jour, changements
    /// depuis la précédente) et garde le PDF tel qu'il est envoyé.
    #[arg(long, conflicts_with = "version")]
    pub send: bool,
    /// Réimprime la version N telle qu'elle a été envoyée (fichier identique).
    #[arg(long, value_name = "N", conflicts_with = "lang")]
    pub version: Option<i64>,
    /// Ajoute la rubrique « Ressources » : les ressources liées à l'événement.
    #[arg(long, conflicts_with_all = ["send", "version"])]
    pub ressources: bool,
}

fn partner_language(code: &str) -> Result<PartnerLanguage, String> {
    passerelle_core::coherence::partner_language(code).map_err(|e| e.to_string())
}

/// `programme`: prints one JSON line {event, file, version?, language?}.
pub(super) fn programme(
    store: &mut Store,
    args: ProgrammeArgs,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(&args.event)?;
    let id = &event.meta.id;
    let (bytes, version) = if let Some(number) = args.version {
        (store.programme_version_pdf(id, number)?, Some(number))
    } else if args.send {
        let today = chrono::Local::now().date_naive();
        let (version, pdf) = send_programme(store, id, args.lang, today)?;
        (pdf, Some(version.number))
    } else {
        let mut job = PrintJob::read_programme(store, id, args.lang)?;
        if args.ressources {
            job = job.with_resources(store, id)?;
        }
        (job.render()?, None)
    };
    write_out(&args.out, &bytes, db)?;
    let mut line = serde_json::json!({"event": event.data.code, "file": args.out});
    if let Some(number) = version {
        line["version"] = number.into();
    }
    if let Some(language) = args.lang {
        line["language"] = language.code().into();
    }
    print_line(out, &line)
}

/// `versions`: the programme versions of an event, latest first, one JSON line each.
pub(super) fn versions(store: &Store, code: &str, out: &mut impl Write) -> Result<(), CoreError> {
    let event = store.find_event_by_code(code)?;
    let versions: Vec<ProgrammeVersion> = store.programme_versions(&event.meta.id)?;
    print_all(out, versions)
}

/// The options of the documents about an event's people.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Code de l'événement.
    #[arg(long, value_name = "CODE")]
    pub event: String,
    /// Fichier PDF à écrire (avec --each : dossier où écrire un PDF par personne).
    #[arg(long, value_name = "FICHIER")]
    pub out: PathBuf,
    /// Un PDF par personne dans le dossier --out (convocations, certificats, attestations).
    #[arg(long)]
    pub each: bool,
}

/// `emargement`: the sheets with the registered participants' names; prints {event, file,
/// participants}.
pub(super) fn emargement(
    store: &Store,
    code: &str,
    file: &Path,
    blank_rows: Option<usize>,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(code)?;
    let job = PrintJob::read(
        store,
        &event.meta.id,
        EventDocument::Attendance { blank_rows },
    )?;
    write_out(file, &job.render()?, db)?;
    let line = serde_json::json!({"event": event.data.code, "file": file, "participants": job.people.len()});
    print_line(out, &line)
}

/// `convocations`, `certificats`, `attestations`, `badges`, `chevalets`: prints {event, file,
/// participants}; with `--each`, one PDF per person in the folder `--out`, one line {event,
/// file} each.
pub(super) fn people(
    store: &Store,
    document: PeopleDocument,
    args: PeopleArgs,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(&args.event)?;
    let job = PeopleJob::read(store, &event.meta.id, document)?;
    if args.each {
        let files = job.render_each()?;
        std::fs::create_dir_all(&args.out).map_err(|e| {
            CoreError::field(
                "out",
                format!(
                    "Le dossier {} n'a pas pu être créé : {e}. Rien n'a été écrit.",
                    args.out.display()
                ),
            )
        })?;
        for file in &files {
            let path = args.out.join(&file.file_name);
            write_out(&path, &file.pdf, db)?;
            print_line(
                out,
                &serde_json::json!({"event": event.data.code, "file": path}),
            )?;
        }
        return Ok(());
    }
    write_out(&args.out, &job.render()?, db)?;
    let line = serde_json::json!({"event": event.data.code, "file": args.out, "participants": job.attendees.len()});
    print_line(out, &line)
}

/// `mission`: prints {event, expert, file}.
pub(super) fn mission(
    store: &Store,
    code: &str,
    expert_id: &str,
    file: &Path,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(code)?;
    let job = MissionJob::read(store, &event.meta.id, expert_id)?;
    write_out(file, &job.render()?, db)?;
    let line = serde_json::json!({"event": event.data.code, "expert": expert_id, "file": file});
    print_line(out, &line)
}

/// `rapport-competences`: the report in the format `file`'s extension names.
pub(super) fn competences_report(
    store: &Store,
    filter: &CompetencesReportFilter,
    file: &Path,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let report = store.competences_report(filter)?;
    let bytes = render_report(&report, ReportFormat::from_path(file)?)?;
    write_out(file, &bytes, db)?;
    let summary = &report.summary;
    print_line(
        out,
        &serde_json::json!({
            "file": file,
            "professions": summary.professions,
            "competences": summary.competences,
            "observations": summary.observations,
        }),
    )
}

/// `livret`: the booklet written to `file`, then one JSON line {file, pages, sheets?}.
pub(super) fn livret(
    store: &Store,
    code: &str,
    file: &Path,
    imposed: bool,
    db: &Path,
    out: &mut impl Write,
) -> Result<(), CoreError> {
    let event = store.find_event_by_code(code)?;
    let booklet = passerelle_core::printing::booklet_pdf(store, &event.meta.id, imposed)?;
    write_out(file, &booklet.pdf, db)?;
    let mut line = serde_json::json!({"file": file, "pages": booklet.pages});
    if let Some(sheets) = booklet.sheets {
        line["sheets"] = sheets.into();
    }
    print_line(out, &line)
}

/// `check`: the coherence findings of an event, one JSON line each.
pub(super) fn check(
    store: &Store,
    code: &str,
    lang: Option<&str>,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    let bilingual = lang
        .map(passerelle_core::coherence::partner_language)
        .transpose()?;
    let event = store.find_event_by_code(code)?;
    let findings = store.coherence_of(&event.meta.id, bilingual)?;
    let outcome = if findings.is_empty() {
        Outcome::Done
    } else {
        Outcome::Findings
    };
    print_all(out, findings)?;
    Ok(outcome)
}
