//! The CSV exchange on real database files: what Excel reads from an export, byte-identical
//! round trips, the files French users actually have (BOM, Windows-1252, `,` or tabs, CRLF or
//! LF), the preview's counts and reasons line by line, duplicates updated or skipped, the
//! all-or-nothing apply, the corpus of nasty files in `tests/fixtures/csv/`, and fuzzing.

mod common;

use std::path::PathBuf;

use common::*;
use passerelle_core::exchange::{
    agenda_csv, check_import_size, experts_csv, professions_csv, CsvImportChoices,
    CsvImportPreview, DuplicatePolicy, MAX_IMPORT_BYTES,
};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const UPDATE: CsvImportChoices = CsvImportChoices {
    on_duplicate: DuplicatePolicy::Update,
    skip_invalid: false,
};
const SKIP: CsvImportChoices = CsvImportChoices {
    on_duplicate: DuplicatePolicy::Skip,
    skip_invalid: false,
};
const SKIP_INVALID: CsvImportChoices = CsvImportChoices {
    on_duplicate: DuplicatePolicy::Update,
    skip_invalid: true,
};

/// Reads a file the way Excel opens a "CSV UTF-8" file: UTF-8 because of the BOM, cells split
/// on `;` with RFC 4180 quotes. Uses the `csv` crate, not our reader.
fn read_like_excel(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the file starts with a UTF-8 BOM");
    let text = std::str::from_utf8(body).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

fn column(rows: &[Vec<String>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("column {header}"))
}

fn organisation_id(store: &Store, name: &str) -> String {
    store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.data.name == name)
        .unwrap_or_else(|| panic!("organisation {name}"))
        .meta
        .id
}

fn territory_id(store: &Store, name: &str) -> String {
    store
        .list_territories()
        .unwrap()
        .into_iter()
        .find(|t| t.data.name == name)
        .unwrap_or_else(|| panic!("territory {name}"))
        .meta
        .id
}

fn all_experts(store: &Store) -> Vec<Expert> {
    let page = store
        .search_experts(&ExpertFilter {
            limit: Some(100_000),
            ..Default::default()
        })
        .unwrap();
    page.items
        .iter()
        .map(|summary| store.get_expert(&summary.id).unwrap())
        .collect()
}

fn find_expert(store: &Store, last_name: &str) -> Expert {
    all_experts(store)
        .into_iter()
        .find(|e| e.data.last_name == last_name)
        .unwrap_or_else(|| panic!("expert {last_name}"))
}

fn invalid_file(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    match result {
        Err(CoreError::InvalidFile(message)) => message,
        other => panic!("expected InvalidFile, got {other:?}"),
    }
}

/// A directory with what makes CSV hard: quotes, `;`, line breaks, formula-like cells,
/// accents, links and dates, two people with one name in two organisations.
fn varied_directory(store: &mut Store) {
    let mot = organisation_id(store, "Mission Opérationnelle Transfrontalière");
    let eurodistrict = organisation_id(store, "Eurodistrict Strasbourg-Ortenau");
    let border = territory_id(store, "Frontière France–Allemagne");
    let mut anna = expert("Anna", "Schäfer");
    anna.organisation_id = Some(mot.clone());
    anna.country = "DE".into();
    anna.phone = "+49 7851 00 00".into();
    anna.languages = vec![
        LanguageSkill {
            language: "de".into(),
            level: "native".into(),
        },
        LanguageSkill {
            language: "fr".into(),
            level: "C1".into(),
        },
    ];
    anna.theme_ids = vec![theme_id(store, "Santé"), theme_id(store, "Environnement")];
    anna.territory_ids = vec![border];
    anna.bio_fr = "Dit \"oui\" ; deux lignes\nà la suite.\r\nEt une troisième.".into();
    anna.bio_other = "Leitet das Gesundheitsnetz.".into();
    anna.bio_other_language = "de".into();
    anna.consent_date = "2024-03-05".into();
    anna.consent_source = "Formulaire signé".into();
    anna.review_date = "2027-03-05".into();
    anna.notes = "=SOMME(A1:A3)".into();
    store.create_expert(&anna).unwrap();
    let mut marc = expert("Marc", "Dupont");
    marc.organisation_id = Some(mot);
    marc.email = String::new();
    marc.job_title = "-chef de projet".into();
    marc.keywords = "@mobilité, tram".into();
    store.create_expert(&marc).unwrap();
    let mut other_marc = expert("Marc", "Dupont");
    other_marc.organisation_id = Some(eurodistrict);
    other_marc.email = String::new();
    store.create_expert(&other_marc).unwrap();
    let mut ines = expert("Inès", "Müller-Weiß");
    ines.languages.clear();
    ines.country = String::new();
    store.create_expert(&ines).unwrap();
}

#[test]
fn an_export_reads_in_excel_as_the_user_typed_it() {
    let (_dir, mut store) = seeded_store();
    varied_directory(&mut store);
    let bytes = experts_csv::export(&store).unwrap();

    // CRLF after every record; the only other line ends are those inside Anna's biography.
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"));
    let rows = read_like_excel(&bytes);
    assert_eq!(rows.len(), 5, "header and four experts");
    assert_eq!(
        text.matches("\r\n").count(),
        5 + 1,
        "one CRLF inside the biography"
    );
    assert_eq!(text.matches('\n').count(), 5 + 2);

    assert_eq!(
        rows[0][..9],
        [
            "Nom",
            "Prénom",
            "Fonction",
            "Structure",
            "Pays",
            "Ville",
            "E-mail",
            "Téléphone",
            "Langues"
        ]
    );
    let names: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Dupont", "Marc"),
            ("Dupont", "Marc"),
            ("Müller-Weiß", "Inès"),
            ("Schäfer", "Anna")
        ]
    );
    let anna = &rows[4];
    let cell = |header: &str| anna[column(&rows, header)].as_str();
    assert_eq!(cell("Structure"), "Mission Opérationnelle Transfrontalière");
    assert_eq!(cell("Langues"), "de:langue maternelle, fr:C1");
    assert_eq!(
        cell("Thèmes"),
        "Environnement (eau, risques, climat) | Santé"
    );
    assert_eq!(cell("Territoires"), "Frontière France–Allemagne");
    assert_eq!(cell("Date du consentement"), "05/03/2024");
    assert_eq!(cell("Date de révision"), "05/03/2027");
    assert_eq!(
        cell("Biographie"),
        "Dit \"oui\" ; deux lignes\nà la suite.\r\nEt une troisième."
    );
    // Cells a spreadsheet would run as formulas are shown as text.
    assert_eq!(cell("Téléphone"), "'+49 7851 00 00");
    assert_eq!(cell("Notes"), "'=SOMME(A1:A3)");
    let dupont = &rows[1..3];
    let job = column(&rows, "Fonction");
    let keywords = column(&rows, "Mots-clés");
    assert!(dupont
        .iter()
        .any(|r| r[job] == "'-chef de projet" && r[keywords] == "'@mobilité, tram"));
}

#[test]
fn export_import_export_gives_the_same_bytes_and_a_reimport_changes_nothing() {
    let (_dir, mut store) = seeded_store();
    varied_directory(&mut store);
    let first = experts_csv::export(&store).unwrap();

    let (_other_dir, mut empty) = seeded_store();
    let preview = experts_csv::preview(&empty, &first).unwrap();
    assert_eq!((preview.new, preview.updated, preview.unchanged), (4, 0, 0));
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    let summary = experts_csv::apply(&mut empty, &first, &UPDATE).unwrap();
    assert_eq!(summary.created, 4);
    let second = experts_csv::export(&empty).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
    assert_eq!(first, second);

    let versions: Vec<i64> = all_experts(&store).iter().map(|e| e.meta.version).collect();
    let preview = experts_csv::preview(&store, &first).unwrap();
    assert_eq!(
        (
            preview.rows,
            preview.new,
            preview.updated,
            preview.unchanged
        ),
        (4, 0, 0, 4)
    );
    assert!(preview.duplicates.iter().all(|d| !d.changed));
    let summary = experts_csv::apply(&mut store, &first, &UPDATE).unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (0, 0, 4)
    );
    let after: Vec<i64> = all_experts(&store).iter().map(|e| e.meta.version).collect();
    assert_eq!(versions, after, "nothing was rewritten");
}

#[test]
fn professions_round_trip_and_reimport_unchanged() {
    let (_dir, mut store) = seeded_store();
    let family = store
        .list_profession_families()
        .unwrap()
        .into_iter()
        .find(|f| f.label == "Direction générale")
        .unwrap();
    let created = store
        .create_profession(&ProfessionInput {
            title: "Chargé de coopération transfrontalière".into(),
            family_id: Some(family.id),
            code: "=X1".into(),
            description: "Monte des projets ; \"Interreg\"\nsur deux lignes.".into(),
        })
        .unwrap();
    for label in ["Négociation interculturelle", "Montage de projets Interreg"] {
        store
            .add_competence(
                &created.meta.id,
                &CompetenceInput {
                    label: label.into(),
                    description: String::new(),
                },
            )
            .unwrap();
    }
    let first = professions_csv::export(&store).unwrap();
    let rows = read_like_excel(&first);
    assert_eq!(
        rows[0],
        ["Intitulé", "Famille", "Code", "Description", "Compétences"]
    );
    assert_eq!(rows.len(), 1 + 76, "75 reference professions and ours");
    let ours = rows
        .iter()
        .find(|r| r[0].starts_with("Chargé de coop"))
        .unwrap();
    assert_eq!(
        ours[1..],
        [
            "Direction générale",
            "'=X1",
            "Monte des projets ; \"Interreg\"\nsur deux lignes.",
            "Montage de projets Interreg | Négociation interculturelle"
        ]
    );

    let (_other_dir, mut empty) = seeded_store();
    let preview = professions_csv::preview(&empty, &first).unwrap();
    assert_eq!(
        (preview.new, preview.unchanged),
        (1, 75),
        "{:?}",
        preview.rejected
    );
    professions_csv::apply(&mut empty, &first, &UPDATE).unwrap();
    assert_eq!(professions_csv::export(&empty).unwrap(), first);

    let summary = professions_csv::apply(&mut store, &first, &UPDATE).unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (0, 0, 76)
    );
}

fn assert_three_experts(preview: &CsvImportPreview) {
    assert_eq!((preview.rows, preview.new), (3, 3), "{preview:?}");
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert!(preview.ignored_columns.is_empty());
}

#[test]
fn the_files_users_have_are_read_alike_and_the_encoding_is_named() {
    let cases = [
        ("experts_utf8_bom.csv", "UTF-8 (avec BOM)", "point-virgule"),
        ("experts_windows1252.csv", "Windows-1252", "point-virgule"),
        ("experts_comma.csv", "UTF-8", "virgule"),
        ("experts_tab.csv", "UTF-8", "tabulation"),
        ("experts_lf.csv", "UTF-8", "point-virgule"),
    ];
    let mut exports = Vec::new();
    for (name, encoding, separator) in cases {
        let (_dir, mut store) = seeded_store();
        let bytes = fixture(name);
        let preview = experts_csv::preview(&store, &bytes).unwrap();
        assert_three_experts(&preview);
        assert_eq!(
            (preview.encoding.as_str(), preview.separator.as_str()),
            (encoding, separator),
            "{name}"
        );
        let summary = experts_csv::apply(&mut store, &bytes, &UPDATE).unwrap();
        assert_eq!(summary.created, 3);

        let anna = find_expert(&store, "Schäfer");
        assert_eq!(anna.data.first_name, "Anna");
        assert_eq!(
            anna.organisation_name.as_deref(),
            Some("Mission Opérationnelle Transfrontalière")
        );
        assert_eq!(anna.data.country, "DE");
        assert_eq!(anna.data.phone, "+49 7851 00 00");
        assert_eq!(
            anna.data.languages,
            [
                LanguageSkill {
                    language: "de".into(),
                    level: "native".into()
                },
                LanguageSkill {
                    language: "fr".into(),
                    level: "C1".into()
                }
            ]
        );
        let mut themes = anna.data.theme_ids.clone();
        themes.sort();
        let mut expected = vec![theme_id(&store, "Santé"), theme_id(&store, "Culture")];
        expected.sort();
        assert_eq!(themes, expected, "{name}");
        assert_eq!(anna.data.consent_date, "2024-03-05");
        assert_eq!(anna.data.review_date, "2027-03-05");
        assert_eq!(
            anna.data.bio_fr,
            "Coordonne le « réseau santé » ; ancienne chargée de mission\nà l'Eurodistrict, dit \"oui\" aux visites."
        );
        let dupont = find_expert(&store, "Dupont");
        assert_eq!(
            dupont.data.consent_date, "2024-01-15",
            "ISO dates are accepted"
        );
        assert_eq!(
            dupont.data.theme_ids.len(),
            2,
            "a label with commas, then another"
        );
        assert_eq!(dupont.data.territory_ids.len(), 2);
        let ines = find_expert(&store, "Müller-Weiß");
        assert_eq!(ines.data.first_name, "Inès");
        assert_eq!(ines.data.organisation_id, None);
        exports.push(experts_csv::export(&store).unwrap());
    }
    assert!(
        exports.windows(2).all(|w| w[0] == w[1]),
        "every file gives the same directory"
    );
}

#[test]
fn each_rejected_row_gives_its_line_and_reason_and_nothing_is_written_unless_asked() {
    let (_dir, mut store) = seeded_store();
    let bytes = fixture("experts_invalid_rows.csv");
    let preview = experts_csv::preview(&store, &bytes).unwrap();
    assert_eq!((preview.rows, preview.new), (9, 2));
    let reasons: Vec<(usize, &str)> = preview
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    let expected = [
        (3, "ligne 3 : adresse e-mail invalide"),
        (4, "ligne 4 : thème inconnu(e) « Astronomie »"),
        (
            5,
            "ligne 5 : date du consentement : « 31/02/2024 » n'est pas une date",
        ),
        (6, "ligne 6 : structure inconnue « Mairie de Nulle-Part »"),
        (7, "ligne 7 : niveau inconnu"),
        (8, "ligne 8 : le prénom est obligatoire"),
        (9, "ligne 9 : la même adresse e-mail que la ligne 2"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:#?}");
    for ((line, reason), (expected_line, start)) in reasons.iter().zip(expected) {
        assert_eq!(*line, expected_line);
        assert!(
            reason.starts_with(start),
            "{reason:?} should start with {start:?}"
        );
    }

    let message = invalid_file(experts_csv::apply(&mut store, &bytes, &UPDATE));
    assert!(
        message.contains("7 ligne(s)") && message.contains("ligne 3 : adresse e-mail invalide"),
        "{message}"
    );
    assert!(message.contains("Rien n'a été modifié"));
    assert_eq!(store.counts().unwrap().experts, 0);

    let summary = experts_csv::apply(&mut store, &bytes, &SKIP_INVALID).unwrap();
    assert_eq!((summary.created, summary.rejected), (2, 7));
    let rose = find_expert_named(&store, "Rose");
    assert_eq!(rose.data.country, "DE", "« Allemagne » is read as DE");
    assert_eq!(
        rose.data.languages[0].language, "de",
        "« allemand » is read as de"
    );
}

fn find_expert_named(store: &Store, first_name: &str) -> Expert {
    all_experts(store)
        .into_iter()
        .find(|e| e.data.first_name == first_name)
        .unwrap()
}

#[test]
fn a_duplicate_is_matched_by_email_or_by_name_and_organisation_then_updated_or_skipped() {
    let (_dir, mut store) = seeded_store();
    let eurodistrict = organisation_id(&store, "Eurodistrict Strasbourg-Ortenau");
    let mut anna = expert("Anna", "Schäfer");
    anna.email = "Anna.Schaefer@Exemple.eu".into();
    anna.job_title = "Ancienne fonction".into();
    anna.city = "Offenburg".into();
    let anna = store.create_expert(&anna).unwrap();
    let mut dupont = expert("Jean-Luc", "Dupont");
    dupont.email = String::new();
    dupont.organisation_id = Some(eurodistrict);
    let dupont = store.create_expert(&dupont).unwrap();

    // Only some columns: the others keep their values on update.
    let file = "Nom;Prénom;Structure;E-mail;Fonction\r\n\
                Schäfer;Anna;;anna.schaefer@exemple.eu;Référente santé\r\n\
                DUPONT;jean-luc;eurodistrict strasbourg-ortenau;;Directeur de projet\r\n\
                Weber;Lena;;;Interprète\r\n";
    let preview = experts_csv::preview(&store, file.as_bytes()).unwrap();
    assert_eq!((preview.new, preview.updated, preview.unchanged), (1, 2, 0));
    let matched: Vec<(usize, &str, &str, &str, bool)> = preview
        .duplicates
        .iter()
        .map(|d| {
            (
                d.line,
                d.label.as_str(),
                d.existing_id.as_str(),
                d.matched_by.as_str(),
                d.changed,
            )
        })
        .collect();
    assert_eq!(
        matched,
        [
            (
                2,
                "Anna Schäfer",
                anna.meta.id.as_str(),
                "adresse e-mail",
                true
            ),
            (
                3,
                "jean-luc DUPONT",
                dupont.meta.id.as_str(),
                "nom et organisation",
                true
            ),
        ]
    );

    let summary = experts_csv::apply(&mut store, file.as_bytes(), &SKIP).unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.skipped),
        (1, 0, 2)
    );
    assert_eq!(
        store.get_expert(&anna.meta.id).unwrap(),
        anna,
        "skipped: untouched"
    );

    let summary = experts_csv::apply(&mut store, file.as_bytes(), &UPDATE).unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (0, 2, 1)
    );
    let updated = store.get_expert(&anna.meta.id).unwrap();
    assert_eq!(updated.data.job_title, "Référente santé");
    assert_eq!(updated.data.city, "Offenburg", "no Ville column: kept");
    assert_eq!(
        updated.data.languages, anna.data.languages,
        "no Langues column: kept"
    );
    assert_eq!(updated.data.email, "anna.schaefer@exemple.eu");
    assert_eq!(updated.meta.version, anna.meta.version + 1);
    assert_eq!(store.counts().unwrap().experts, 3);
}

#[test]
fn apply_plans_again_against_the_database_as_it_is_then() {
    let (_dir, mut store) = seeded_store();
    let file = "Nom;Prénom;E-mail;Ville\r\nWeber;Lena;lena@exemple.de;Kehl\r\n";
    let preview = experts_csv::preview(&store, file.as_bytes()).unwrap();
    assert_eq!(preview.new, 1);
    // Meanwhile another window adds her.
    let mut lena = expert("Lena", "Weber");
    lena.email = "lena@exemple.de".into();
    lena.city = "Strasbourg".into();
    let lena = store.create_expert(&lena).unwrap();
    let summary = experts_csv::apply(&mut store, file.as_bytes(), &UPDATE).unwrap();
    assert_eq!(
        (summary.created, summary.updated),
        (0, 1),
        "no second Lena Weber"
    );
    assert_eq!(store.get_expert(&lena.meta.id).unwrap().data.city, "Kehl");
    assert_eq!(store.counts().unwrap().experts, 1);
}

fn search_count(store: &Store, query: &str) -> i64 {
    store
        .search_experts(&ExpertFilter {
            query: query.into(),
            ..Default::default()
        })
        .unwrap()
        .total
}

#[test]
fn imported_experts_are_found_by_the_search_in_small_and_large_imports() {
    let (_dir, mut store) = seeded_store();
    let mut file = String::from("Nom;Prénom;E-mail;Structure;Mots-clés\r\n");
    for i in 0..150 {
        file.push_str(&format!("Zorglub{i};Anna;z{i}@exemple.eu;MOT;tramway\r\n"));
    }
    // Large: the index is refilled once at the end.
    assert_eq!(
        experts_csv::apply(&mut store, file.as_bytes(), &UPDATE)
            .unwrap()
            .created,
        150
    );
    assert_eq!(search_count(&store, "zorglub"), 150);
    assert_eq!(
        search_count(&store, "tramway transfrontaliere"),
        150,
        "organisation indexed"
    );
    // Large update: new keywords replace the old ones in the index.
    let renamed = file.replace("tramway", "funiculaire");
    assert_eq!(
        experts_csv::apply(&mut store, renamed.as_bytes(), &UPDATE)
            .unwrap()
            .updated,
        150
    );
    assert_eq!(
        (
            search_count(&store, "tramway"),
            search_count(&store, "funiculaire")
        ),
        (0, 150)
    );
    // Small: record by record.
    let small = "Nom;Prénom;E-mail;Mots-clés\r\nQuixote;Lena;q@exemple.eu;moulins\r\nZorglub0;Anna;z0@exemple.eu;ascenseur\r\n";
    let summary = experts_csv::apply(&mut store, small.as_bytes(), &UPDATE).unwrap();
    assert_eq!((summary.created, summary.updated), (1, 1));
    assert_eq!(search_count(&store, "moulins"), 1);
    assert_eq!(
        (
            search_count(&store, "funiculaire"),
            search_count(&store, "ascenseur")
        ),
        (149, 1)
    );
}

#[test]
fn an_apply_that_fails_midway_leaves_nothing_behind() {
    let (dir, mut store) = seeded_store();
    // A second connection, as another program would, makes the third insert fail.
    let other = rusqlite::Connection::open(dir.path().join("passerelle.db")).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER third_insert_fails BEFORE INSERT ON experts
             WHEN (SELECT COUNT(*) FROM experts) >= 2
             BEGIN SELECT RAISE(ABORT, 'disque plein simulé'); END;",
        )
        .unwrap();
    let bytes = fixture("experts_utf8_bom.csv");
    let error = experts_csv::apply(&mut store, &bytes, &UPDATE).unwrap_err();
    assert_eq!(error.kind(), "storage", "{error}");
    assert_eq!(store.counts().unwrap().experts, 0);
    assert_eq!(
        store
            .search_experts(&ExpertFilter {
                query: "Schäfer".into(),
                ..Default::default()
            })
            .unwrap()
            .total,
        0
    );
    other
        .execute_batch("DROP TRIGGER third_insert_fails")
        .unwrap();
    assert_eq!(
        experts_csv::apply(&mut store, &bytes, &UPDATE)
            .unwrap()
            .created,
        3
    );
}

#[test]
fn files_that_cannot_be_used_are_refused_whole_with_a_clear_message() {
    let cases: &[(&str, &[&str])] = &[
        ("experts_truncated_quote.csv", &["tronqué", "ligne 2"]),
        (
            "experts_duplicate_header.csv",
            &["« E-mail »", "deux fois", "colonnes 3 et 4"],
        ),
        ("experts_missing_required.csv", &["« Prénom »"]),
        (
            "experts_pipe_separator.csv",
            &["séparateur", "point-virgule"],
        ),
        ("binary_garbage.bin", &["CSV"]),
        ("nul_bytes.csv", &["octets nuls", "ligne 3"]),
        ("utf16.txt", &["UTF-16", "CSV UTF-8"]),
        ("spreadsheet.xlsx", &["classeur", "xlsx"]),
        ("bom_but_windows1252.csv", &["UTF-8", "BOM", "ligne 1"]),
        ("empty.csv", &["vide"]),
    ];
    let (_dir, mut store) = seeded_store();
    let before = store.counts().unwrap();
    for (name, phrases) in cases {
        let bytes = fixture(name);
        let message = invalid_file(experts_csv::preview(&store, &bytes));
        for phrase in *phrases {
            assert!(
                message.contains(phrase),
                "{name}: {message:?} lacks {phrase:?}"
            );
        }
        invalid_file(experts_csv::apply(&mut store, &bytes, &SKIP_INVALID));
        invalid_file(professions_csv::preview(&store, &bytes));
        invalid_file(professions_csv::apply(&mut store, &bytes, &SKIP_INVALID));
    }
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn rows_that_are_odd_but_readable_are_handled_row_by_row() {
    let (_dir, mut store) = seeded_store();

    let preview = experts_csv::preview(&store, &fixture("experts_truncated_row.csv")).unwrap();
    assert_eq!((preview.rows, preview.new), (3, 2));
    assert_eq!(preview.rejected[0].line, 5);
    assert!(
        preview.rejected[0]
            .reason
            .starts_with("ligne 5 : 5 cellules au lieu de 17"),
        "{:?}",
        preview.rejected
    );

    let preview = experts_csv::preview(&store, &fixture("experts_blank_lines.csv")).unwrap();
    assert_eq!((preview.rows, preview.new), (2, 2));
    assert!(preview.rejected.is_empty());

    let preview = experts_csv::preview(&store, &fixture("header_only.csv")).unwrap();
    assert_eq!(
        (preview.rows, preview.new, preview.rejected.len()),
        (0, 0, 0)
    );

    let bytes = fixture("experts_unknown_columns.csv");
    let preview = experts_csv::preview(&store, &bytes).unwrap();
    assert_eq!(preview.ignored_columns, ["Âge", "Identifiant interne"]);
    assert_eq!(preview.new, 1);

    let bytes = fixture("experts_long_cells.csv");
    let preview = experts_csv::preview(&store, &bytes).unwrap();
    assert_eq!(preview.new, 1);
    assert_eq!(preview.rejected.len(), 1);
    assert!(
        preview.rejected[0]
            .reason
            .starts_with("ligne 2 : le nom dépasse 200 caractères"),
        "{:?}",
        preview.rejected
    );
    experts_csv::apply(&mut store, &bytes, &SKIP_INVALID).unwrap();
    assert_eq!(
        find_expert(&store, "Long").data.bio_fr.chars().count(),
        800 * 24 - 1
    );
}

#[test]
fn formula_cells_are_kept_as_text_and_neutralised_again_on_export() {
    let (_dir, mut store) = seeded_store();
    experts_csv::apply(
        &mut store,
        &fixture("experts_formula_injection.csv"),
        &UPDATE,
    )
    .unwrap();
    let eve = find_expert_named(&store, "Eve");
    assert!(eve.data.last_name.starts_with("=HYPERLINK("));
    assert_eq!(eve.data.job_title, "+1+1");
    assert_eq!(eve.data.notes, "@SOMME(A1:A9)");
    let rows = read_like_excel(&experts_csv::export(&store).unwrap());
    let eve = &rows[1];
    for header in ["Nom", "Fonction", "Téléphone", "Biographie", "Notes"] {
        let cell = &eve[column(&rows, header)];
        assert!(cell.starts_with('\''), "{header}: {cell:?}");
    }
}

#[test]
fn a_file_over_the_limit_is_refused_before_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annuaire.csv");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let message = invalid_file(check_import_size(&path));
    assert!(
        message.contains("100 Mo") && message.contains("50 Mo"),
        "{message}"
    );

    std::fs::write(&path, fixture("experts_utf8_bom.csv")).unwrap();
    check_import_size(&path).unwrap();
    let missing = check_import_size(&dir.path().join("absent.csv")).unwrap_err();
    assert_eq!(missing.kind(), "io");

    let (_db, store) = seeded_store();
    let big = vec![b'a'; MAX_IMPORT_BYTES as usize + 1];
    let message = invalid_file(experts_csv::preview(&store, &big));
    assert!(
        message.contains("fait 50,1 Mo") && message.contains("limite de 50 Mo"),
        "{message}"
    );
}

#[test]
fn professions_are_matched_by_title_and_gain_competences() {
    let (_dir, mut store) = seeded_store();
    let buyer = store
        .list_professions()
        .unwrap()
        .into_iter()
        .find(|p| p.data.title == "Acheteur public")
        .unwrap();
    let bytes = fixture("professions.csv");
    let preview = professions_csv::preview(&store, &bytes).unwrap();
    assert_eq!((preview.rows, preview.new, preview.updated), (4, 1, 1));
    assert_eq!(preview.duplicates[0].existing_id, buyer.meta.id);
    assert_eq!(preview.duplicates[0].matched_by, "intitulé");
    let reasons: Vec<&str> = preview.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "ligne 4 : famille de métiers inconnue « Famille imaginaire »",
            "ligne 5 : le même intitulé que la ligne 2 ; une seule ligne par métier"
        ]
    );
    invalid_file(professions_csv::apply(&mut store, &bytes, &UPDATE));
    assert_eq!(store.counts().unwrap().professions, 75);

    let summary = professions_csv::apply(&mut store, &bytes, &SKIP_INVALID).unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.rejected),
        (1, 1, 2)
    );
    let buyer_after = store.get_profession(&buyer.meta.id).unwrap();
    assert_eq!(
        buyer_after.data.description, buyer.data.description,
        "no Description column: kept"
    );
    let labels: Vec<&str> = buyer_after
        .competences
        .iter()
        .map(|c| c.data.label.as_str())
        .collect();
    assert_eq!(labels, ["Achats transfrontaliers"]);
    let new = store
        .list_professions()
        .unwrap()
        .into_iter()
        .find(|p| p.data.title == "Chargé de coopération transfrontalière")
        .unwrap();
    assert_eq!(new.family_label.as_deref(), Some("Direction générale"));
    assert_eq!(
        store
            .get_profession(&new.meta.id)
            .unwrap()
            .competences
            .len(),
        2
    );
}

#[test]
fn the_agenda_of_an_event_reads_in_excel() {
    let (_dir, mut store) = seeded_store();
    let event_id = passerelle_core::demo::add_demo(&mut store).unwrap();
    let event = store.get_event(&event_id).unwrap();
    let sessions = store.list_sessions(&event_id).unwrap();
    let rows = read_like_excel(&agenda_csv::export(&store, &event_id).unwrap());
    assert_eq!(
        rows[0],
        [
            "Date",
            "Début",
            "Fin",
            "Type",
            "Titre",
            "Description",
            "Lieu",
            "Langue",
            "Intervenants"
        ]
    );
    assert_eq!(rows.len(), 1 + sessions.len());
    let start = chrono::NaiveDate::parse_from_str(&event.data.start_date, "%Y-%m-%d").unwrap();
    assert_eq!(
        rows[1][..5],
        [
            start.format("%d/%m/%Y").to_string().as_str(),
            "09:00",
            "09:30",
            "Accueil",
            "Accueil des participants"
        ]
    );
    assert_eq!(
        rows[1][8],
        "Sophie Modèle (Institut national des études territoriales), Animateur"
    );
    assert!(
        rows.iter().any(|r| r[8].contains(" | ")),
        "several speakers are separated by |"
    );

    let missing = agenda_csv::export(&store, "pas-un-identifiant").unwrap_err();
    assert_eq!(missing.kind(), "notFound");
}

// --- fuzzing ---------------------------------------------------------------------------------

fn is_file_error(result: &Result<CsvImportPreview, CoreError>) -> bool {
    matches!(result, Ok(_) | Err(CoreError::InvalidFile(_)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_give_a_preview_or_a_file_error(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let (_dir, store) = shared_reference_store();
        let experts = experts_csv::preview(&store, &bytes);
        prop_assert!(is_file_error(&experts), "{experts:?}");
        let professions = professions_csv::preview(&store, &bytes);
        prop_assert!(is_file_error(&professions), "{professions:?}");
    }
}

/// Opening a database with the reference data takes a while; the read-only fuzz cases share one.
fn shared_reference_store() -> (std::sync::Arc<tempfile::TempDir>, Store) {
    use std::sync::{Arc, OnceLock};
    static DIR: OnceLock<Arc<tempfile::TempDir>> = OnceLock::new();
    let dir = DIR
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            Store::open_with_reference(&dir.path().join("passerelle.db")).unwrap();
            Arc::new(dir)
        })
        .clone();
    let store = Store::open(&dir.path().join("passerelle.db")).unwrap();
    (dir, store)
}

/// A valid file with one of a few edits that break CSV files: cut, byte replaced, inserted or
/// removed, chosen among the bytes that matter (separators, quotes, line ends, NUL, Latin-1).
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Replace(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop::sample::select(vec![
        b';', b',', b'"', b'\n', b'\r', b'\t', 0u8, 0xE9, b'|', b':', b'=', b'a', 0x07,
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Truncate(i) => bytes.truncate(i % len),
            Mutation::Replace(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] = b;
                }
            }
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Remove(i) => {
                if !bytes.is_empty() {
                    bytes.remove(i % len);
                }
            }
        }
    }
    bytes
}

#[test]
fn mutated_valid_files_never_half_write_the_database() {
    let sources = [
        fixture("experts_utf8_bom.csv"),
        fixture("experts_invalid_rows.csv"),
        fixture("experts_windows1252.csv"),
        fixture("professions.csv"),
    ];
    let (_dir, mut store) = seeded_store();
    // Something to match against, so mutated rows also update.
    experts_csv::apply(&mut store, &sources[0], &UPDATE).unwrap();
    // The runner takes a `Fn`; the cases run one after the other.
    let store = std::cell::RefCell::new(store);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(160));
    let strategy = (
        0..sources.len(),
        proptest::collection::vec(mutation(), 1..4),
        any::<bool>(),
        any::<bool>(),
    );
    runner
        .run(&strategy, |(source, mutations, skip_invalid, update)| {
            let mut store = store.borrow_mut();
            let bytes = mutate(sources[source].clone(), &mutations);
            let choices = CsvImportChoices {
                on_duplicate: if update {
                    DuplicatePolicy::Update
                } else {
                    DuplicatePolicy::Skip
                },
                skip_invalid,
            };
            let preview = experts_csv::preview(&store, &bytes);
            prop_assert!(is_file_error(&preview), "{preview:?}");
            let before = experts_csv::export(&store).unwrap();
            match experts_csv::apply(&mut store, &bytes, &choices) {
                Ok(summary) => {
                    let preview = preview.unwrap();
                    prop_assert!(skip_invalid || preview.rejected.is_empty());
                    prop_assert_eq!(summary.created, preview.new);
                    prop_assert_eq!(summary.rejected, preview.rejected.len());
                    // Everything that was to be written is there: a second look finds no new row,
                    // except rows rejected the first time for matching the same record as an
                    // earlier row (that earlier row may have changed the record's e-mail, so the
                    // later one no longer matches it).
                    let again = experts_csv::preview(&store, &bytes).unwrap();
                    prop_assert!(
                        again.new <= preview.rejected.len(),
                        "{} new rows after applying, {} rejected before",
                        again.new,
                        preview.rejected.len()
                    );
                    // Likewise for updates: such a rejected row, no longer matching the record
                    // the earlier row changed, may match another one by name and update it.
                    if update {
                        prop_assert!(
                            again.new + again.updated <= preview.rejected.len(),
                            "{} new and {} updated rows after applying, {} rejected before",
                            again.new,
                            again.updated,
                            preview.rejected.len()
                        );
                    }
                }
                Err(CoreError::InvalidFile(_)) => {
                    prop_assert_eq!(
                        experts_csv::export(&store).unwrap(),
                        before,
                        "refused, yet changed"
                    );
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
            let professions = professions_csv::preview(&store, &bytes);
            prop_assert!(is_file_error(&professions), "{professions:?}");
            Ok(())
        })
        .unwrap();
    assert_eq!(store.borrow().integrity_check().unwrap(), "ok");
}

/// A file written before the ESCO occupations had their French titles names them in English:
/// it still imports, each to the profession that now carries the French title.
#[test]
fn a_file_with_the_former_english_profession_titles_still_imports() {
    let (_dir, mut store) = seeded_store();
    let bytes = fixture("experts_older_titles.csv");
    let preview = experts_csv::preview(&store, &bytes).unwrap();
    assert_three_experts(&preview);
    experts_csv::apply(&mut store, &bytes, &UPDATE).unwrap();
    let anna = find_expert(&store, "Schäfer");
    let titles: Vec<String> = anna
        .data
        .profession_ids
        .iter()
        .map(|id| store.get_profession(id).unwrap().data.title)
        .collect();
    assert_eq!(titles, ["Interprète"]);
}
