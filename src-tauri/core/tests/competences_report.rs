//! The competences report on a real database file: what it holds and in which order (emerging
//! and growing first within a family, families and labels in French order), the period and
//! family filters, the refusals, and the PDF and CSV read back as a user would open them.

mod common;

use std::path::Path;
use std::process::Command;

use common::seeded_store;
use passerelle_core::documents::competences::{layout_competences_report, trend_history};
use passerelle_core::exchange::text::{decode, RecordReader, Separator};
use passerelle_core::model::*;
use passerelle_core::printing::{render_report, ReportFormat};
use passerelle_core::{CoreError, Store};

fn family_id(store: &Store, label: &str) -> String {
    store
        .list_profession_families()
        .unwrap()
        .into_iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("family {label}"))
        .id
}

/// Observations as `(year, trend, source)`.
type Observed<'a> = &'a [(i64, &'a str, &'a str)];

/// A profession with competences and their observations.
fn profession(
    store: &mut Store,
    title: &str,
    family: Option<&str>,
    competences: &[(&str, Observed)],
) {
    let family_id = family.map(|f| family_id(store, f));
    let p = store
        .create_profession(&ProfessionInput {
            title: title.into(),
            family_id,
            code: format!("C-{}", title.len()),
            description: String::new(),
        })
        .unwrap();
    for (label, observations) in competences {
        let p = store
            .add_competence(
                &p.meta.id,
                &CompetenceInput {
                    label: (*label).into(),
                    description: String::new(),
                },
            )
            .unwrap();
        let competence = p.competences.iter().find(|c| c.data.label == *label);
        let competence_id = competence.unwrap().meta.id.clone();
        for (year, trend, source) in *observations {
            store
                .add_observation(
                    &competence_id,
                    &ObservationInput {
                        year: *year,
                        trend: (*trend).into(),
                        level: "maîtrise".into(),
                        source: (*source).into(),
                        notes: format!("Note {year}"),
                    },
                )
                .unwrap();
        }
    }
}

/// Three families: « Finances » (four competences, one of each latest trend but stable),
/// « Environnement » (three stable ones, titles that sort differently with and without
/// accents folded) and a profession without family.
fn sample() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = seeded_store();
    let cnfpt = "Observatoire CNFPT";
    let mot = "Enquête MOT";
    profession(
        &mut store,
        "Chargée Interreg",
        Some("Finances"),
        &[
            (
                "Montage de projets",
                &[
                    (2019, "stable", cnfpt),
                    (2022, "growing", mot),
                    (2024, "growing", cnfpt),
                ],
            ),
            (
                "Comptabilité publique",
                &[(2020, "stable", cnfpt), (2024, "declining", "")],
            ),
        ],
    );
    profession(
        &mut store,
        "Gestionnaire",
        Some("Finances"),
        &[
            (
                "Données ouvertes",
                &[
                    (2022, "emerging", mot),
                    (2023, "emerging", mot),
                    (2024, "growing", cnfpt),
                ],
            ),
            ("Suivi budgétaire", &[(2023, "emerging", cnfpt)]),
        ],
    );
    for (title, competence) in [
        ("Zoologiste", "Faune urbaine"),
        ("Écologue urbain", "Trame verte"),
        ("Agent de propreté", "Tri des biodéchets"),
    ] {
        profession(
            &mut store,
            title,
            Some("Environnement"),
            &[(
                competence,
                &[(2018, "emerging", cnfpt), (2024, "stable", cnfpt)],
            )],
        );
    }
    profession(
        &mut store,
        "Médiateur",
        None,
        &[("Médiation numérique", &[(2024, "emerging", mot)])],
    );
    (dir, store)
}

/// (family, profession, competence) in the report's order.
fn order(report: &CompetencesReport) -> Vec<(String, String, String)> {
    report
        .families
        .iter()
        .flat_map(|f| {
            f.competences
                .iter()
                .map(|c| (f.label.clone(), c.profession_title.clone(), c.label.clone()))
        })
        .collect()
}

fn triple(f: &str, p: &str, c: &str) -> (String, String, String) {
    (f.into(), p.into(), c.into())
}

#[test]
fn observations_of_the_same_year_come_in_the_order_they_were_recorded() {
    let (dir, mut store) = seeded_store();
    profession(
        &mut store,
        "Chargée Interreg",
        Some("Finances"),
        &[(
            "Montage de projets",
            &[
                (2023, "stable", "Premier relevé"),
                (2024, "growing", "Relevé A"),
                (2024, "declining", "Relevé B"),
            ],
        )],
    );
    let conn = rusqlite::Connection::open(dir.path().join("passerelle.db")).unwrap();
    let recorded = |source: &str, at: &str| {
        conn.execute(
            "UPDATE competence_observations SET created_at = ?2 WHERE source = ?1",
            [source, at],
        )
        .unwrap()
    };
    // Two records of one millisecond would be ordered by their random ids.
    recorded("Relevé A", "2030-01-01T00:00:00.000Z");
    recorded("Relevé B", "2030-01-02T00:00:00.000Z");
    let report = |store: &Store| {
        let report = store
            .competences_report(&CompetencesReportFilter::default())
            .unwrap();
        let c = report.families[0].competences[0].clone();
        (c.sources, c.latest_trend)
    };
    let (sources, latest) = report(&store);
    assert_eq!(sources, ["Premier relevé", "Relevé A", "Relevé B"]);
    assert_eq!(latest, "declining");
    // « Relevé A » was in fact recorded after « Relevé B » (as a merge from a colleague's
    // laptop can leave them): the report follows when they were recorded, not the file's order.
    recorded("Relevé A", "2030-01-03T00:00:00.000Z");
    let (sources, latest) = report(&store);
    assert_eq!(sources, ["Premier relevé", "Relevé B", "Relevé A"]);
    assert_eq!(latest, "growing");
}

#[test]
fn families_in_french_order_emerging_and_growing_first_within_each() {
    let (_dir, store) = sample();
    let report = store
        .competences_report(&CompetencesReportFilter::default())
        .unwrap();
    assert_eq!(
        order(&report),
        [
            // Accents folded: « Écologue » between « Agent » and « Zoologiste ».
            triple("Environnement", "Agent de propreté", "Tri des biodéchets"),
            triple("Environnement", "Écologue urbain", "Trame verte"),
            triple("Environnement", "Zoologiste", "Faune urbaine"),
            triple("Finances", "Gestionnaire", "Suivi budgétaire"),
            triple("Finances", "Chargée Interreg", "Montage de projets"),
            triple("Finances", "Gestionnaire", "Données ouvertes"),
            triple("Finances", "Chargée Interreg", "Comptabilité publique"),
            triple("Sans famille", "Médiateur", "Médiation numérique"),
        ]
    );
    let montage = &report.families[1].competences[1];
    let years: Vec<i64> = montage.observations.iter().map(|o| o.year).collect();
    assert_eq!(years, [2019, 2022, 2024]);
    assert_eq!(
        (montage.first_trend.as_str(), montage.latest_trend.as_str()),
        ("stable", "growing")
    );
    assert_eq!(montage.sources, ["Observatoire CNFPT", "Enquête MOT"]);
    assert_eq!(
        trend_history(montage),
        "2019\u{a0}: stable · 2022–2024\u{a0}: en hausse"
    );
    let s = &report.summary;
    assert_eq!((s.emerging, s.growing, s.stable, s.declining), (2, 2, 3, 1));
    assert_eq!((s.professions, s.competences, s.observations), (6, 8, 16));
}

#[test]
fn the_period_keeps_only_its_observations_and_drops_competences_without_any() {
    let (_dir, store) = sample();
    let filter = CompetencesReportFilter {
        from_year: Some(2022),
        to_year: Some(2023),
        ..Default::default()
    };
    let report = store.competences_report(&filter).unwrap();
    assert_eq!(
        order(&report),
        [
            triple("Finances", "Gestionnaire", "Données ouvertes"),
            triple("Finances", "Gestionnaire", "Suivi budgétaire"),
            triple("Finances", "Chargée Interreg", "Montage de projets"),
        ]
    );
    // In 2022–2023 « Données ouvertes » is still emerging: its 2024 rise is outside.
    let data = &report.families[0].competences[0];
    assert_eq!(data.latest_trend, "emerging");
    assert!(data
        .observations
        .iter()
        .all(|o| (2022..=2023).contains(&o.year)));
    assert_eq!(report.summary.observations, 4);
}

#[test]
fn the_family_is_found_by_id_or_by_label_whatever_its_accents_and_case() {
    let (_dir, store) = sample();
    let id = family_id(&store, "Finances");
    for wanted in [id.as_str(), "finances", "  FINANCES "] {
        let filter = CompetencesReportFilter {
            family_id: Some(wanted.into()),
            ..Default::default()
        };
        let report = store.competences_report(&filter).unwrap();
        assert_eq!(report.families.len(), 1, "{wanted}");
        assert_eq!(report.families[0].label, "Finances");
        assert_eq!(report.family_label.as_deref(), Some("Finances"));
        assert_eq!(report.filter.family_id.as_deref(), Some(id.as_str()));
        assert_eq!(report.summary.competences, 4);
    }
    let filter = CompetencesReportFilter {
        family_id: Some("environnément".into()),
        ..Default::default()
    };
    assert_eq!(
        store
            .competences_report(&filter)
            .unwrap()
            .summary
            .competences,
        3
    );
}

#[test]
fn bad_filters_are_refused_in_french_naming_the_field() {
    let (_dir, store) = sample();
    let refused = |family: Option<&str>, from: Option<i64>, to: Option<i64>| {
        let filter = CompetencesReportFilter {
            family_id: family.map(str::to_string),
            from_year: from,
            to_year: to,
        };
        store.competences_report(&filter).unwrap_err()
    };
    let reversed = refused(None, Some(2025), Some(2020));
    assert!(matches!(reversed, CoreError::Validation { .. }));
    assert_eq!(
        reversed.to_string(),
        "Saisie incorrecte : « Année de fin » (2020) précède « Année de début » (2025)."
    );
    let too_early = refused(None, Some(1800), None);
    assert!(
        too_early
            .to_string()
            .contains("« Année de début » doit être comprise entre 1900 et 2100"),
        "{too_early}"
    );
    let both = refused(None, Some(0), Some(3000));
    assert_eq!(both.fields().len(), 2);
    let unknown = refused(Some("Cuisine"), None, None);
    assert_eq!(unknown.kind(), "notFound");
    assert!(
        unknown
            .to_string()
            .starts_with("La famille de métiers est introuvable (identifiant Cuisine)"),
        "{unknown}"
    );
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
    String::from_utf8_lossy(&output.stdout).replace(['\u{a0}', '\u{202f}'], " ")
}

/// Positions of `needles` in `text`, each found after the previous one.
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("« {needle} » missing after byte {from}:\n{text}"));
        from += at + needle.len();
    }
}

fn write_pdf(dir: &Path, name: &str, report: &CompetencesReport) -> std::path::PathBuf {
    let bytes = render_report(report, ReportFormat::Pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    // Set PASSERELLE_PDF_OUT to a directory to keep the files for a visual check.
    if let Ok(out) = std::env::var("PASSERELLE_PDF_OUT") {
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(Path::new(&out).join(name), &bytes);
    }
    path
}

#[test]
fn the_pdf_reads_back_with_families_professions_competences_and_trends_in_order() {
    let (dir, store) = sample();
    let report = store
        .competences_report(&CompetencesReportFilter {
            from_year: Some(2015),
            ..Default::default()
        })
        .unwrap();
    let path = write_pdf(dir.path(), "rapport.pdf", &report);
    let text = run("pdftotext", &["-layout"], &path);
    assert_in_order(
        &text,
        &[
            "Évolution des compétences des métiers",
            "toutes les familles",
            "depuis 2015",
            "6 métier(s), 8 compétence(s), 16 observation(s)",
            "2 émergentes · 2 en hausse · 3 stables · 1 en baisse",
            "Environnement",
            "Agent de propreté",
            "Écologue urbain",
            "Zoologiste",
            "Finances",
            "Gestionnaire",
            "Suivi budgétaire",
            "Montage de projets",
            "Données ouvertes",
            "Comptabilité publique",
            "Sans famille",
            "Médiation numérique",
            "page 1 / 1",
        ],
    );
    let row = text
        .lines()
        .find(|l| l.contains("Suivi budgétaire"))
        .unwrap();
    for cell in [
        "Gestionnaire",
        "2023 : émergente",
        "émergente",
        "Observatoire",
    ] {
        assert!(row.contains(cell), "« {cell} » not on the row: {row}");
    }
    let row = text
        .lines()
        .find(|l| l.contains("Comptabilité publique"))
        .unwrap();
    assert!(row.contains("en baisse"), "{row}");

    let fonts = run("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4]), ("yes", "yes"), "{row}");
        assert!(row.contains("DejaVu"), "{row}");
        assert_eq!(cols[0].as_bytes()[6], b'+', "subset tag: {row}");
    }
}

#[test]
fn an_empty_report_says_so_in_a_sentence_and_its_csv_has_only_the_header() {
    let (dir, store) = sample();
    let filter = CompetencesReportFilter {
        family_id: Some("Finances".into()),
        from_year: Some(2090),
        to_year: Some(2100),
    };
    let report = store.competences_report(&filter).unwrap();
    assert!(report.families.is_empty());
    let path = write_pdf(dir.path(), "vide.pdf", &report);
    let text = run("pdftotext", &[], &path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("« Finances »"), "{text}");
    assert!(text.contains("de 2090 à 2100"), "{text}");
    assert!(
        text.contains("Aucune observation de compétence ne correspond à ces filtres"),
        "{text}"
    );
    assert!(!text.contains("Évolution par année"), "no table: {text}");
    let csv = render_report(&report, ReportFormat::Csv).unwrap();
    let (csv, _) = decode(&csv).unwrap();
    assert_eq!(csv.lines().count(), 1);
}

#[test]
fn a_family_continuing_on_the_next_page_repeats_its_heading_and_header() {
    let competences: Vec<ReportCompetence> = (0..120)
        .map(|i| ReportCompetence {
            profession_id: format!("p{i}"),
            profession_title: format!("Métier {i}"),
            competence_id: format!("c{i}"),
            label: format!("Compétence {i}"),
            observations: vec![ReportObservation {
                year: 2024,
                trend: "stable".into(),
                ..Default::default()
            }],
            first_trend: "stable".into(),
            latest_trend: "stable".into(),
            ..Default::default()
        })
        .collect();
    let report = CompetencesReport {
        families: vec![ReportFamily {
            id: Some("f".into()),
            label: "Finances".into(),
            competences,
        }],
        ..Default::default()
    };
    let pages = layout_competences_report(&report).unwrap().pages;
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let dir = tempfile::tempdir().unwrap();
    let path = write_pdf(dir.path(), "long.pdf", &report);
    let text = run("pdftotext", &["-layout"], &path);
    let pages_text: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages_text.len(), pages.len());
    for (n, page) in pages_text.iter().enumerate().skip(1) {
        assert!(page.contains("Finances (suite)"), "page {}: {page}", n + 1);
        assert!(page.contains("Évolution par année"), "page {}", n + 1);
        assert!(
            page.contains(&format!("page {} / {}", n + 1, pages.len())),
            "page {}: {page}",
            n + 1
        );
    }
    assert_in_order(
        &text,
        &["Compétence 0 ", "Compétence 60 ", "Compétence 119 "],
    );
}

#[test]
fn the_csv_has_one_row_per_observation_in_the_reports_order() {
    let (_dir, mut store) = sample();
    // A note that Excel would run as a formula, and one with the separator.
    profession(
        &mut store,
        "Technicien",
        Some("Finances"),
        &[("Tableaux de bord", &[(2021, "declining", "=SOMME(A1)")])],
    );
    let report = store
        .competences_report(&CompetencesReportFilter::default())
        .unwrap();
    let bytes = render_report(&report, ReportFormat::Csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let (text, _) = decode(&bytes).unwrap();
    let mut reader = RecordReader::new(&text, Separator::Semicolon);
    let mut rows = Vec::new();
    while let Some(record) = reader.next_record() {
        rows.push(record.unwrap().cells);
    }
    assert_eq!(
        rows[0],
        [
            "Famille",
            "Métier",
            "Code",
            "Compétence",
            "Année",
            "Tendance",
            "Niveau",
            "Source",
            "Notes"
        ]
    );
    assert_eq!(rows.len() - 1, report.summary.observations);
    assert_eq!(rows.len() - 1, 17);
    assert_eq!(
        rows[1],
        [
            "Environnement",
            "Agent de propreté",
            "C-18",
            "Tri des biodéchets",
            "2018",
            "émergente",
            "maîtrise",
            "Observatoire CNFPT",
            "Note 2018"
        ]
    );
    let montage: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[3] == "Montage de projets")
        .map(|r| (r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        montage,
        [
            ("2019", "stable"),
            ("2022", "en hausse"),
            ("2024", "en hausse")
        ]
    );
    let formula = rows.iter().find(|r| r[3] == "Tableaux de bord").unwrap();
    assert_ne!(formula[7], "=SOMME(A1)", "formula neutralised");
    assert!(formula[7].ends_with("=SOMME(A1)"), "{}", formula[7]);
    assert_eq!(rows.last().unwrap()[0], "Sans famille");
}
