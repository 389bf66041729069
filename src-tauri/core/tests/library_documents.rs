//! The library's documents on real database files, read back from the PDF with poppler
//! (pdftotext, pdfinfo, pdffonts): the legal note (answers, bases with their identifiers and
//! dates, « À jour au », page N / M), an event's « dossier documentaire » (each session's
//! resources under their session, in agenda order) and the programme with and without its
//! « Ressources » section.
//!
//! Resources are made with the store's own functions, authors and links included.
//!
//! Set PASSERELLE_PDF_OUT to a directory to keep the generated files for a visual check.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use passerelle_core::model::*;
use passerelle_core::printing::{
    dossier_document, dossier_pdf, legal_note_document, legal_note_pdf, PrintJob,
};
use passerelle_core::{CoreError, Store};

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(out) = std::env::var("PASSERELLE_PDF_OUT") {
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(Path::new(&out).join(name), bytes);
    }
    path
}

fn run(tool: &str, args: &[&str], path: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for these tests (poppler-utils): {e}"));
    assert!(output.status.success(), "{tool} failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text, spaces and line breaks collapsed, to match phrases across lines.
fn flat(path: &Path) -> String {
    run("pdftotext", &[], path)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn info_field(path: &Path, key: &str) -> String {
    run("pdfinfo", &[], path)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// A4 pages, and `pages` of them.
fn assert_a4(path: &Path, pages: usize) {
    assert!(
        info_field(path, "Page size").contains("(A4)"),
        "{}",
        info_field(path, "Page size")
    );
    assert_eq!(info_field(path, "Pages"), pages.to_string());
}

/// Every font is one of the shipped DejaVu faces, embedded and subset.
fn assert_fonts_embedded(path: &Path) {
    let fonts = run("pdffonts", &[], path);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no font: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(row.contains("DejaVu"), "unexpected font: {row}");
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "not embedded and subset: {row}"
        );
    }
}

fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("« {needle} » missing or out of order in:\n{haystack}"),
        }
    }
}

/// A resource with an expert then an organisation as authors, linked to `events` and
/// `sessions`; its id.
fn resource(
    store: &mut Store,
    title: &str,
    authors: (&str, &str),
    events: &[&str],
    sessions: &[&str],
) -> String {
    let author = |expert: Option<&str>, organisation: Option<&str>, role: &str| ResourceAuthor {
        expert_id: expert.map(String::from),
        organisation_id: organisation.map(String::from),
        role: role.into(),
    };
    store
        .create_resource(&ResourceInput {
            title: title.into(),
            kind: "study".into(),
            summary: format!("Synthèse de {title}."),
            publication_date: "2024-03".into(),
            reference: "ISBN 978-2-11-000000-0".into(),
            status: "published".into(),
            authors: vec![
                author(Some(authors.0), None, "author"),
                author(None, Some(authors.1), "publisher"),
            ],
            event_ids: events.iter().map(|id| id.to_string()).collect(),
            session_ids: sessions.iter().map(|id| id.to_string()).collect(),
            ..Default::default()
        })
        .unwrap()
        .meta
        .id
}

fn authors(store: &mut Store) -> (String, String) {
    let expert = store
        .create_expert(&expert("Anne", "Keller"))
        .unwrap()
        .meta
        .id;
    let organisation = store.list_organisations().unwrap()[0].clone();
    (expert, organisation.meta.id)
}

fn note_input(store: &Store, full_answer: String) -> LegalNoteInput {
    LegalNoteInput {
        question: "Un agent territorial peut-il être mis à disposition d'un GECT ?".into(),
        short_answer: "Oui, la mise à disposition auprès d'un GECT est possible.".into(),
        full_answer,
        bases: vec![
            LegalBasis {
                kind: "code_article".into(),
                identifier: "Code général de la fonction publique".into(),
                article: "L. 512-6".into(),
                date: "2021-03-01".into(),
                url: "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000044416551".into(),
            },
            LegalBasis {
                kind: "eu_regulation".into(),
                identifier: "Règlement (CE) n° 1082/2006".into(),
                article: String::new(),
                date: "2006-07-05".into(),
                url: String::new(),
            },
        ],
        countries: vec!["FR".into(), "DE".into()],
        territory_ids: vec![store.list_territories().unwrap()[0].meta.id.clone()],
        up_to_date: "2026-01-15".into(),
        review_date: "2027-01-15".into(),
        author: "Claire Juriste".into(),
        ..Default::default()
    }
}

#[test]
fn a_legal_note_prints_its_answers_bases_and_up_to_date() {
    let (dir, mut store) = seeded_store();
    let (expert, organisation) = authors(&mut store);
    let guide = resource(
        &mut store,
        "Guide de la mise à disposition",
        (&expert, &organisation),
        &[],
        &[],
    );
    let mut input = note_input(
        &store,
        "Le groupement européen de coopération territoriale est une personne morale de droit public."
            .into(),
    );
    input.resource_ids = vec![guide];
    let territory = store
        .get_territory(&input.territory_ids[0])
        .unwrap()
        .data
        .name;
    let note = store.create_legal_note(&input).unwrap();

    let document = legal_note_document(&store, &note.meta.id).unwrap();
    assert_eq!(document.pages, 1);
    let path = save(dir.path(), "fiche.pdf", &document.pdf);
    assert_a4(&path, 1);
    assert_fonts_embedded(&path);
    let text = flat(&path);
    assert_in_order(
        &text,
        &[
            "FICHE JURIDIQUE",
            "Un agent territorial peut-il être mis à disposition d'un GECT ?",
            "À jour au 15 janvier 2026",
            "Claire Juriste",
            "France, Allemagne",
            &territory,
            "15 janvier 2027",
            "Réponse courte",
            "Oui, la mise à disposition auprès d'un GECT est possible.",
            "Réponse détaillée",
            "personne morale de droit public",
            "Bases légales",
            "Article de code",
            "Code général de la fonction publique",
            // A table row reads across its cells' first lines, then the rest of the text cell.
            "1er mars 2021",
            "L. 512-6",
            "legifrance.gouv.fr",
            "Règlement UE",
            "Règlement (CE) n° 1082/2006",
            "5 juillet 2006",
            "Ressources liées",
            "Guide de la mise à disposition",
            "Étude · Anne Keller",
            "page 1 / 1",
        ],
    );
    assert_eq!(
        legal_note_pdf(&store, &note.meta.id).unwrap()[..5],
        *b"%PDF-"
    );
    assert!(matches!(
        legal_note_pdf(&store, "no-such-note"),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn a_long_note_runs_over_numbered_pages() {
    let (dir, mut store) = seeded_store();
    let paragraph = "La convention de mise à disposition précise la nature des fonctions, les conditions d'emploi et le remboursement de la rémunération par l'organisme d'accueil. ";
    let long: Vec<String> = (1..=40)
        .map(|n| format!("Point {n}. {}", paragraph.repeat(2)))
        .collect();
    let note = store
        .create_legal_note(&note_input(&store, long.join("\n\n")))
        .unwrap();
    let document = legal_note_document(&store, &note.meta.id).unwrap();
    assert!(document.pages >= 2, "{} page(s)", document.pages);
    let path = save(dir.path(), "fiche-longue.pdf", &document.pdf);
    assert_a4(&path, document.pages);
    let text = flat(&path);
    let total = document.pages;
    assert_in_order(
        &text,
        &[
            "Point 1.",
            &format!("page 1 / {total}"),
            &format!("page 2 / {total}"),
            "Point 40.",
            "Bases légales",
            "5 juillet 2006",
        ],
    );
    // The running header repeats the question on every page.
    assert_eq!(
        text.matches("Un agent territorial peut-il être mis à disposition d'un GECT ?")
            .count(),
        total + 1
    );
}

/// An event of two days with three sessions, created out of agenda order.
fn event_with_sessions(store: &mut Store) -> (String, Vec<String>) {
    let event = store
        .create_event(&event("DOC-27", "2027-03-02", "2027-03-03"))
        .unwrap()
        .meta
        .id;
    let mut ids = Vec::new();
    for (date, start, end, title) in [
        ("2027-03-03", "09:00", "10:30", "Atelier mobilité"),
        ("2027-03-02", "14:00", "15:00", "Table ronde santé"),
        ("2027-03-02", "09:30", "10:30", "Ouverture"),
    ] {
        let created = store
            .create_session(&event, &session(date, start, end, title))
            .unwrap();
        ids.push(created.meta.id);
    }
    (event, ids)
}

#[test]
fn the_dossier_lists_the_events_then_each_sessions_resources_in_agenda_order() {
    let (dir, mut store) = seeded_store();
    let (expert, organisation) = authors(&mut store);
    let (event, sessions) = event_with_sessions(&mut store);
    let a = (expert.as_str(), organisation.as_str());
    resource(&mut store, "Panorama des GECT", a, &[&event], &[]);
    let mobility = [sessions[0].as_str()];
    resource(
        &mut store,
        "Guide du covoiturage frontalier",
        a,
        &[],
        &mobility,
    );
    let health = [sessions[1].as_str()];
    resource(&mut store, "Étude santé transfrontalière", a, &[], &health);
    resource(&mut store, "Ressource d'un autre événement", a, &[], &[]);

    let document = dossier_document(&store, &event).unwrap();
    let path = save(dir.path(), "dossier.pdf", &document.pdf);
    assert_a4(&path, document.pages);
    assert_fonts_embedded(&path);
    let text = flat(&path);
    assert_in_order(
        &text,
        &[
            "DOSSIER DOCUMENTAIRE",
            "Séminaire DOC-27",
            "Code : DOC-27",
            "Du mardi 2 au mercredi 3 mars 2027",
            "Ressources de l'événement",
            "Panorama des GECT",
            "Étude · Anne Keller",
            "mars 2024",
            "Référence : ISBN 978-2-11-000000-0",
            "Synthèse de Panorama des GECT.",
            "Ressources des séances",
            "Table ronde santé",
            "Séance du mardi 2 mars, 14 h 00",
            "Étude santé transfrontalière",
            "Atelier mobilité",
            "Séance du mercredi 3 mars, 9 h 00",
            "Guide du covoiturage frontalier",
            "page 1 / 1",
        ],
    );
    assert!(
        !text.contains("Ouverture"),
        "a session without resources is left out"
    );
    assert!(!text.contains("autre événement"));

    let empty_event = store
        .create_event(&common::event("VIDE-27", "2027-05-02", "2027-05-02"))
        .unwrap()
        .meta
        .id;
    let path = save(
        dir.path(),
        "dossier-vide.pdf",
        &dossier_pdf(&store, &empty_event).unwrap(),
    );
    assert!(flat(&path).contains("Aucune ressource n'est liée à cet événement"));
}

#[test]
fn the_programme_prints_the_resources_section_only_when_asked() {
    let (dir, mut store) = seeded_store();
    let (expert, organisation) = authors(&mut store);
    let (event, _) = event_with_sessions(&mut store);
    let a = (expert.as_str(), organisation.as_str());
    resource(&mut store, "Panorama des GECT", a, &[&event], &[]);

    let plain = PrintJob::read_programme(&store, &event, None).unwrap();
    assert!(plain.data.resources.is_empty());
    let path = save(dir.path(), "programme.pdf", &plain.render().unwrap());
    let without = flat(&path);
    assert!(without.contains("Séminaire DOC-27"));
    assert!(!without.contains("Panorama des GECT"));
    assert!(!without.contains("Ressources"));

    let job = PrintJob::read_programme(&store, &event, None)
        .unwrap()
        .with_resources(&store, &event)
        .unwrap();
    let path = save(
        dir.path(),
        "programme-ressources.pdf",
        &job.render().unwrap(),
    );
    assert_fonts_embedded(&path);
    let with = flat(&path);
    assert_in_order(
        &with,
        &[
            "Séminaire DOC-27",
            "Ouverture",
            "Ressources",
            "Panorama des GECT",
            "Étude · Anne Keller, ",
            "mars 2024",
        ],
    );
}
