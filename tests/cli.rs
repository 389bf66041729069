//! The windowless command line, run as a user's script would: real binaries, real files.
//!
//! Every case runs on `passerelle-cli`, the console program without Tauri; the first ones also
//! run on the app's `passerelle`, which must keep accepting every subcommand, and one test
//! checks that both print exactly the same thing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Which binary runs the command.
#[derive(Debug, Clone, Copy)]
enum Binary {
    /// `passerelle-cli`, without the window's libraries.
    Cli,
    /// The app's `passerelle`, given a subcommand.
    App,
}

impl Binary {
    fn path(self) -> PathBuf {
        match self {
            Binary::Cli => PathBuf::from(env!("CARGO_BIN_EXE_passerelle-cli")),
            Binary::App => app_binary(),
        }
    }
}

/// The app's binary, beside `passerelle-cli`: this test belongs to the command line's package,
/// and `cargo test --workspace` builds the app's binary in the same folder and the same run
/// (the app's own integration tests need it), with the same features — one build for all.
fn app_binary() -> PathBuf {
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_passerelle-cli"));
    let app = cli.with_file_name(format!("passerelle{}", std::env::consts::EXE_SUFFIX));
    assert!(
        app.exists(),
        "{} is missing: run `cargo test --workspace`, which builds both binaries",
        app.display()
    );
    app
}

fn run_on(binary: Binary, db: &Path, args: &[&str]) -> Output {
    Command::new(binary.path())
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PASSERELLE_DB")
        .output()
        .expect("run the binary")
}

fn passerelle(db: &Path, args: &[&str]) -> Output {
    run_on(Binary::Cli, db, args)
}

/// Runs `case` once on each binary.
macro_rules! on_both_binaries {
    ($case:ident) => {
        mod $case {
            #[test]
            fn passerelle_cli() {
                super::$case(super::Binary::Cli);
            }
            #[test]
            fn passerelle_app() {
                super::$case(super::Binary::App);
            }
        }
    };
}

on_both_binaries!(demo_list_search_and_print_work_without_a_window);
on_both_binaries!(errors_are_in_french_on_stderr_with_a_failure_code);

fn demo_list_search_and_print_work_without_a_window(binary: Binary) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let passerelle = |db: &Path, args: &[&str]| run_on(binary, db, args);

    let demo = passerelle(&db, &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&demo.stdout).unwrap();
    assert_eq!(line["code"], "EXEMPLE-VE-2027");

    let themes = passerelle(&db, &["list", "themes"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(themes.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 17);
    assert!(lines.iter().any(|t| t["label"] == "Santé"));

    let search = passerelle(&db, &["search", "strasbourg ortenau"]);
    let text = String::from_utf8(search.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.contains("\"entity\":\"event\"")),
        "{text}"
    );

    let pdf = dir.path().join("programme.pdf");
    let out = passerelle(
        &db,
        &[
            "programme",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Du mardi 16 au jeudi 18 mars 2027"), "{text}");
    assert!(text.contains("Code : EXEMPLE-VE-2027"), "{text}");
    assert!(
        text.contains("Identifier des partenaires et des financements"),
        "{text}"
    );

    let sheets = dir.path().join("emargement.pdf");
    let out = passerelle(
        &db,
        &[
            "emargement",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            sheets.to_str().unwrap(),
            "--rows",
            "12",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = Command::new("pdfinfo").arg(&sheets).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("Pages:") && !info.contains("Pages:           0"),
        "{info}"
    );
}

fn errors_are_in_french_on_stderr_with_a_failure_code(binary: Binary) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let passerelle = |db: &Path, args: &[&str]| run_on(binary, db, args);
    let out = passerelle(
        &db,
        &[
            "programme",
            "--event",
            "INCONNU",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("L'événement est introuvable"), "{stderr}");
    assert!(!dir.path().join("x.pdf").exists());

    let garbage = dir.path().join("pas-une-base.db");
    std::fs::write(&garbage, vec![0x42u8; 4096]).unwrap();
    let out = passerelle(&garbage, &["list", "experts"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("n'est pas une base de données Passerelle"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&garbage).unwrap(), vec![0x42u8; 4096]);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/csv")
        .join(name)
}

fn expert_lines(db: &Path) -> Vec<serde_json::Value> {
    let out = passerelle(db, &["list", "experts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_import_with_rejected_lines_prints_each_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db");
    let file = fixture("experts_invalid_rows.csv");

    let refused = passerelle(&db, &["import", "experts", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let preview = String::from_utf8(refused.stdout).unwrap();
    assert!(preview.contains("encodage : UTF-8 (avec BOM)"), "{preview}");
    assert!(preview.contains("ligne 3 : "), "{preview}");
    assert!(preview.to_lowercase().contains("e-mail"), "{preview}");
    assert!(preview.contains("Astronomie"), "{preview}");
    let why = String::from_utf8(refused.stderr).unwrap();
    assert!(why.contains("--skip-invalid"), "{why}");
    assert!(
        expert_lines(&db).is_empty(),
        "a refused import wrote something"
    );

    // A dry run with --skip-invalid says what would happen and still writes nothing.
    let dry = passerelle(
        &db,
        &[
            "import",
            "experts",
            file.to_str().unwrap(),
            "--skip-invalid",
            "--dry-run",
        ],
    );
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(expert_lines(&db).is_empty());

    // With --skip-invalid, the valid lines go in and the others are counted as rejected.
    let applied = passerelle(
        &db,
        &[
            "import",
            "experts",
            file.to_str().unwrap(),
            "--skip-invalid",
        ],
    );
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let summary = String::from_utf8(applied.stdout).unwrap();
    assert!(summary.contains("Import terminé : 2 créée(s)"), "{summary}");
    let mut names: Vec<String> = expert_lines(&db)
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["firstName"].as_str().unwrap(),
                e["lastName"].as_str().unwrap()
            )
        })
        .collect();
    names.sort();
    assert_eq!(names, ["Paul Valide", "Rose Valide"]);
}

#[test]
fn a_windows_1252_file_is_read_with_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cp1252.db");
    let file = fixture("experts_windows1252.csv");
    let out = passerelle(&db, &["import", "experts", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("encodage : Windows-1252"), "{text}");
    assert!(expert_lines(&db).iter().any(|e| e["lastName"] == "Schäfer"));
}

#[test]
fn exports_backup_and_restore_work_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("source.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let path = |name: &str| dir.path().join(name);

    for (what, file, start) in [
        ("experts", "experts.csv", &b"\xEF\xBB\xBFNom;"[..]),
        ("professions", "metiers.csv", &b"\xEF\xBB\xBF"[..]),
        (
            "vcard",
            "experts.vcf",
            &b"BEGIN:VCARD\r\nVERSION:4.0\r\n"[..],
        ),
        ("json", "echange.json", &b"{"[..]),
    ] {
        let out = passerelle(
            &db,
            &["export", what, "--out", path(file).to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(path(file)).unwrap();
        assert!(
            bytes.starts_with(start),
            "{what} starts with {:?}",
            &bytes[..20.min(bytes.len())]
        );
    }
    let ics = passerelle(
        &db,
        &[
            "export",
            "events-ics",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            path("ve.ics").to_str().unwrap(),
        ],
    );
    assert!(
        ics.status.success(),
        "{}",
        String::from_utf8_lossy(&ics.stderr)
    );
    let calendar = std::fs::read_to_string(path("ve.ics")).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        calendar.matches("BEGIN:VEVENT").count() > 5,
        "one VEVENT per session"
    );
    let agenda = passerelle(
        &db,
        &[
            "export",
            "agenda",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            path("agenda.csv").to_str().unwrap(),
        ],
    );
    assert!(
        agenda.status.success(),
        "{}",
        String::from_utf8_lossy(&agenda.stderr)
    );
    let without_event = passerelle(
        &db,
        &["export", "agenda", "--out", path("x.csv").to_str().unwrap()],
    );
    assert!(!without_event.status.success());
    assert!(String::from_utf8_lossy(&without_event.stderr).contains("--event"));

    // The JSON file merged into a new database brings every expert; exporting again gives
    // the same bytes.
    let copy = path("copie.db");
    let imported = passerelle(
        &copy,
        &["import", "json", path("echange.json").to_str().unwrap()],
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert_eq!(expert_lines(&copy).len(), expert_lines(&db).len());
    let again = passerelle(
        &copy,
        &[
            "export",
            "json",
            "--out",
            path("encore.json").to_str().unwrap(),
        ],
    );
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(path("echange.json")).unwrap(),
        std::fs::read(path("encore.json")).unwrap()
    );

    // Backup, a change, restore: the change is gone and the database before it is kept.
    let backup = path("sauvegarde.db");
    assert!(
        passerelle(&db, &["backup", "--out", backup.to_str().unwrap()])
            .status
            .success()
    );
    let before = expert_lines(&db).len();
    assert!(passerelle(
        &db,
        &[
            "import",
            "experts",
            fixture("experts_utf8_bom.csv").to_str().unwrap(),
            "--skip-invalid"
        ]
    )
    .status
    .success());
    assert!(expert_lines(&db).len() > before);
    let restored = passerelle(&db, &["restore", backup.to_str().unwrap()]);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert_eq!(expert_lines(&db).len(), before);
    let kept = std::fs::read_dir(dir.path().join("sauvegardes"))
        .unwrap()
        .count();
    assert_eq!(kept, 1, "the database before the restore is kept");

    // Not a database: refused, nothing changed.
    let refused = passerelle(&db, &["restore", path("experts.csv").to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("n'est pas une sauvegarde"));
    assert_eq!(expert_lines(&db).len(), before);
}

#[test]
fn both_binaries_print_the_same_thing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("same.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let invalid = fixture("experts_invalid_rows.csv");
    let cases: [&[&str]; 10] = [
        &["--version"],
        &["--help"],
        &["export", "--help"],
        &["import", "experts", "--help"],
        &["demo"],
        &["list", "events"],
        &["search", "strasbourg"],
        &["import", "experts", invalid.to_str().unwrap(), "--dry-run"],
        &["programme", "--event", "INCONNU", "--out", "x.pdf"],
        &["list", "planètes"],
    ];
    for args in cases {
        let outputs = [Binary::Cli, Binary::App].map(|binary| {
            let mut output = run_on(binary, &db, args);
            // The usage line names the binary that was run; nothing else may differ.
            for stream in [&mut output.stdout, &mut output.stderr] {
                let text = String::from_utf8(std::mem::take(stream)).unwrap();
                *stream = text.replace("passerelle-cli", "passerelle").into_bytes();
            }
            output
        });
        let [cli, app] = outputs;
        assert_eq!(cli.status.code(), app.status.code(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&cli.stdout),
            String::from_utf8_lossy(&app.stdout),
            "{args:?}"
        );
        assert_eq!(
            String::from_utf8_lossy(&cli.stderr),
            String::from_utf8_lossy(&app.stderr),
            "{args:?}"
        );
    }
}

#[test]
fn passerelle_cli_without_a_subcommand_shows_its_help() {
    let out = Command::new(Binary::Cli.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = String::from_utf8(out.stderr).unwrap();
    for subcommand in [
        "demo",
        "list",
        "search",
        "programme",
        "versions",
        "emargement",
        "rapport-competences",
        "livret",
        "check",
        "import",
        "export",
        "backup",
        "restore",
    ] {
        assert!(
            help.contains(&format!("  {subcommand} ")),
            "{subcommand}: {help}"
        );
    }
}

#[test]
fn the_database_can_be_named_by_passerelle_db() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("depuis-variable.db");
    let out = Command::new(Binary::Cli.path())
        .args(["demo"])
        .env("PASSERELLE_DB", &db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());
    // --db wins over the variable.
    let other = dir.path().join("explicite.db");
    let out = Command::new(Binary::Cli.path())
        .args(["list", "events", "--db"])
        .arg(&other)
        .env("PASSERELLE_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "the explicit database has no event");
}

/// The point of `passerelle-cli`: it does not load WebKitGTK's libraries.
#[cfg(target_os = "linux")]
#[test]
fn passerelle_cli_does_not_load_the_window_libraries() {
    let libraries = |binary: &Path| {
        let out = Command::new("ldd").arg(binary).output().expect("run ldd");
        String::from_utf8(out.stdout).unwrap()
    };
    let app = libraries(&Binary::App.path());
    assert!(app.contains("libwebkit2gtk"), "{app}");
    let cli = libraries(&Binary::Cli.path());
    assert!(!cli.contains("webkit") && !cli.contains("gtk"), "{cli}");
}

#[test]
fn an_out_file_naming_the_database_is_refused_and_the_database_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let db_arg = db.to_str().unwrap();
    let wal = format!("{db_arg}-wal");
    let in_backups = dir.path().join("sauvegardes/programme.pdf");
    let cases: [(&[&str], &str); 4] = [
        (
            &["export", "json", "--out", db_arg],
            "est la base de données en cours d'utilisation : choisissez un autre nom. Rien n'a été écrit.",
        ),
        (
            &["backup", "--out", db_arg],
            "est la base de données en cours d'utilisation",
        ),
        (
            &["backup", "--out", &wal],
            "fichier de travail de la base de données",
        ),
        (
            &[
                "programme",
                "--event",
                "EXEMPLE-VE-2027",
                "--out",
                in_backups.to_str().unwrap(),
            ],
            "dossier des sauvegardes automatiques",
        ),
    ];
    for (args, expected) in cases {
        let out = passerelle(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("Erreur : «"), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    // The database still opens, with its data.
    let events = passerelle(&db, &["list", "events"]);
    assert!(events.status.success());
    assert_eq!(String::from_utf8(events.stdout).unwrap().lines().count(), 1);
    assert!(!dir.path().join("sauvegardes/programme.pdf").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn importing_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let started = std::time::Instant::now();
    for kind in ["experts", "json"] {
        let out = passerelle(&db, &["import", kind, "/dev/zero"]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("n'est pas un fichier ordinaire"),
            "{stderr}"
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_csv_import_lists_the_columns_it_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let file = fixture("experts_unknown_columns.csv");
    let out = passerelle(&db, &["import", "experts", file.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(
            "Colonne(s) ignorée(s), inconnues de cet import : « Âge », « Identifiant interne »."
        ),
        "{text}"
    );
}

#[test]
fn a_database_that_does_not_open_is_restored_and_the_broken_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("bonne.db");
    assert!(passerelle(&good, &["demo"]).status.success());
    let live = dir.path().join("passerelle.db");
    let broken = vec![0x42u8; 4096];
    std::fs::write(&live, &broken).unwrap();
    assert!(!passerelle(&live, &["list", "events"]).status.success());

    let out = passerelle(&live, &["restore", good.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("l'ancienne base est gardée dans"), "{said}");
    let listed = passerelle(&live, &["list", "events"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("EXEMPLE-VE-2027"));
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes"))
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), broken);
}

#[test]
fn after_a_command_the_database_file_alone_holds_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("passerelle.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    // The write-ahead log was folded back at exit: a copy of the .db alone (what a user
    // copying "the one file" takes) holds the example event.
    let wal = dir.path().join("passerelle.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the -wal still holds changes"
    );
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copie.db");
    std::fs::copy(&db, &copy).unwrap();
    let listed = passerelle(&copy, &["list", "events"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("EXEMPLE-VE-2027"));
}

#[test]
fn holidays_are_listed_in_date_order_without_opening_a_database() {
    let dir = tempfile::tempdir().unwrap();
    // Not a database at all: `holidays` must not even look at it.
    let db = dir.path().join("pas-une-base.db");
    std::fs::write(&db, vec![0x42u8; 4096]).unwrap();
    let out = passerelle(
        &db,
        &[
            "holidays",
            "--country",
            "de",
            "--region",
            "BW",
            "--year",
            "2027",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    // 9 national days and Baden-Württemberg's Epiphany, Corpus Christi and All Saints.
    assert_eq!(lines.len(), 12);
    assert_eq!(
        lines[1],
        serde_json::json!({"date": "2027-01-06", "nameFr": "Épiphanie",
                           "nameLocal": "Heilige Drei Könige", "region": "BW"})
    );
    let unity = lines.iter().find(|l| l["date"] == "2027-10-03").unwrap();
    assert_eq!(unity["nameLocal"], "Tag der Deutschen Einheit");
    assert!(unity["region"].is_null());
    let dates: Vec<&str> = lines.iter().map(|l| l["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(std::fs::read(&db).unwrap(), vec![0x42u8; 4096]);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no file made"
    );

    let refused = passerelle(&db, &["holidays", "--country", "XX", "--year", "2027"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("Pays inconnu pour les jours fériés : « XX »"),
        "{stderr}"
    );
    assert!(refused.stdout.is_empty());
}

/// A database with two professions of « Finances » observed in 2020, 2022 and 2024, closed.
fn competences_database(db: &Path) {
    use passerelle_core::model::{CompetenceInput, ObservationInput, ProfessionInput};
    let mut store = passerelle_core::Store::open_with_reference(db).unwrap();
    let finances = store
        .list_profession_families()
        .unwrap()
        .into_iter()
        .find(|f| f.label == "Finances")
        .unwrap()
        .id;
    for (title, competence, trends) in [
        (
            "Gestionnaire",
            "Données ouvertes",
            ["emerging", "emerging", "growing"],
        ),
        (
            "Comptable",
            "Régie de recettes",
            ["stable", "stable", "declining"],
        ),
    ] {
        let input = ProfessionInput {
            title: title.into(),
            family_id: Some(finances.clone()),
            ..Default::default()
        };
        let profession = store.create_profession(&input).unwrap();
        let label = CompetenceInput {
            label: competence.into(),
            description: String::new(),
        };
        let profession = store.add_competence(&profession.meta.id, &label).unwrap();
        let competence_id = profession.competences[0].meta.id.clone();
        for (year, trend) in [2020, 2022, 2024].into_iter().zip(trends) {
            let observation = ObservationInput {
                year,
                trend: trend.into(),
                source: "Observatoire CNFPT".into(),
                ..Default::default()
            };
            store.add_observation(&competence_id, &observation).unwrap();
        }
    }
    store.close().unwrap();
}

#[test]
fn rapport_competences_writes_the_pdf_or_the_csv_its_extension_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metiers.db");
    competences_database(&db);

    let pdf = dir.path().join("rapport.pdf");
    let out = passerelle(
        &db,
        &[
            "rapport-competences",
            "--out",
            pdf.to_str().unwrap(),
            "--family",
            "finances",
            "--from",
            "2021",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["file"], pdf.to_str().unwrap());
    assert_eq!(
        (
            &line["professions"],
            &line["competences"],
            &line["observations"]
        ),
        (&2.into(), &2.into(), &4.into())
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout)
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("« {needle} » missing: {text}"))
    };
    assert!(at("« Finances »") < at("depuis 2021"));
    // The growing competence before the declining one; 2020 is outside the period.
    assert!(at("Données ouvertes") < at("Régie de recettes"));
    // The years' trends (the cell wraps in its column).
    assert!(at("Données ouvertes") < at("2022 : émergente ·"));
    assert!(at("2022 : émergente ·") < at("2024 : en"));
    assert!(!text.contains("2020"), "{text}");

    let csv = dir.path().join("rapport.CSV");
    let out = passerelle(
        &db,
        &["rapport-competences", "--out", csv.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&csv).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Famille;Métier;Code;Compétence;Année;Tendance;Niveau;Source;Notes"
    );
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines[1],
        "Finances;Gestionnaire;;Données ouvertes;2020;émergente;;Observatoire CNFPT;"
    );
}

#[test]
fn rapport_competences_refuses_bad_arguments_in_french_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metiers.db");
    competences_database(&db);
    let txt = dir.path().join("rapport.txt");
    let missing_db = dir.path().join("absente.db");
    let out = passerelle(
        &missing_db,
        &["rapport-competences", "--out", txt.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("doit se terminer par .pdf"), "{stderr}");
    assert!(stderr.contains("Rien n'a été écrit"), "{stderr}");
    // Refused before the database is opened: none was created.
    assert!(!missing_db.exists());
    assert!(!txt.exists());

    let pdf = dir.path().join("rapport.pdf");
    let cases: [(&[&str], &str); 3] = [
        (
            &["--from", "2025", "--to", "2020"],
            "« Année de fin » (2020) précède « Année de début » (2025)",
        ),
        (
            &["--from", "1800"],
            "« Année de début » doit être comprise entre 1900 et 2100",
        ),
        (
            &["--family", "Cuisine"],
            "La famille de métiers est introuvable",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["rapport-competences", "--out", pdf.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = passerelle(&db, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("Erreur : "), "{stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(!pdf.exists(), "{args:?}");
    }
}

fn pdf_text(pdf: &Path) -> String {
    let text = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(text.stdout)
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn a_programme_is_printed_bilingual_sent_as_versions_and_printed_again_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let args = |out: &Path, extra: &[&str]| -> Output {
        let mut all = vec![
            "programme",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            out.to_str().unwrap(),
        ];
        all.extend_from_slice(extra);
        passerelle(&db, &all)
    };

    let bilingual = dir.path().join("de.pdf");
    let out = args(&bilingual, &["--lang", "de"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&bilingual);
    assert!(text.contains("Objectifs / Lernziele"), "{text}");
    assert!(text.contains("Empfang der Teilnehmenden"), "{text}");

    let out = args(&dir.path().join("x.pdf"), &["--lang", "fr"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Langue partenaire inconnue : « fr »"));

    let v1 = dir.path().join("v1.pdf");
    let out = args(&v1, &["--send"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["version"], 1);
    assert!(pdf_text(&v1).contains("Version 1 du"));
    let v2 = dir.path().join("v2.pdf");
    assert!(args(&v2, &["--send", "--lang", "de"]).status.success());
    assert!(pdf_text(&v2).contains("Version 2 vom"));

    let listed = passerelle(&db, &["versions", "--event", "EXEMPLE-VE-2027"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["number"].as_i64(), lines[0]["language"].as_str()),
        (Some(2), Some("de"))
    );
    assert_eq!(
        lines[1]["changes"][0]["message"],
        "Première version envoyée."
    );

    let again = dir.path().join("v1-again.pdf");
    assert!(args(&again, &["--version", "1"]).status.success());
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&v1).unwrap());
    let out = args(&dir.path().join("v9.pdf"), &["--version", "9"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("introuvable"));
    assert!(!dir.path().join("v9.pdf").exists());
}

/// `pdfinfo`'s "Pages:" and "Page size:" lines of a PDF.
fn pdf_pages_and_size(pdf: &Path) -> (usize, String) {
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in {info}"))
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

#[test]
fn livret_writes_the_a5_booklet_and_the_imposed_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let a5 = dir.path().join("livret.pdf");
    let out = passerelle(
        &db,
        &[
            "livret",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            a5.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pages = line["pages"].as_u64().unwrap() as usize;
    assert_eq!(line["file"], a5.to_str().unwrap());
    assert!(line.get("sheets").is_none(), "{line}");
    assert_eq!(
        pdf_pages_and_size(&a5),
        (pages, "419.528 x 595.276 pts".to_string())
    );

    let a4 = dir.path().join("livret-a4.pdf");
    let out = passerelle(
        &db,
        &[
            "livret",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            a4.to_str().unwrap(),
            "--imposed",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let padded = pages.div_ceil(4) * 4;
    assert_eq!(line["pages"], padded);
    assert_eq!(line["sheets"], padded / 4);
    let (sides, size) = pdf_pages_and_size(&a4);
    assert_eq!(sides, padded / 2);
    assert!(size.starts_with("841.89 x 595.27"), "{size}");

    // Refused before anything is opened or written: an unknown event, the database itself.
    let out = passerelle(
        &db,
        &[
            "livret",
            "--event",
            "INCONNU",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("L'événement est introuvable"));
    assert!(!dir.path().join("x.pdf").exists());
    let out = passerelle(
        &db,
        &[
            "livret",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            db.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rien n'a été écrit"));
    assert!(passerelle(&db, &["list", "events"]).status.success());
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn check_prints_each_finding_and_exits_with_3_when_there_are_some() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("passerelle.db");
    let demo = passerelle(&db, &["demo"]);
    assert!(demo.status.success());
    let code = json_lines(&demo)[0]["code"].as_str().unwrap().to_string();

    let out = passerelle(&db, &["check", "--event", &code]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings = json_lines(&out);
    // The example's programme has no prerequisites, and its fictitious experts no consent.
    let prerequisites = findings
        .iter()
        .find(|f| f["kind"] == "missingItem")
        .expect("a missing item");
    assert_eq!(
        prerequisites["message"],
        "Le programme ne renseigne pas : prérequis."
    );
    assert_eq!(prerequisites["severity"], "error");
    assert_eq!(prerequisites["target"]["view"], "event");
    assert_eq!(prerequisites["target"]["field"], "prerequisites");
    let consent: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["kind"] == "noConsent")
        .collect();
    assert!(!consent.is_empty(), "{findings:#?}");
    assert!(consent
        .iter()
        .all(|f| f["target"]["view"] == "expert" && f["target"]["field"] == "consentDate"));
    assert!(out.stderr.is_empty());

    // An unknown partner language is refused in French, before anything is checked.
    let refused = passerelle(&db, &["check", "--event", &code, "--lang", "xx"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("Langue partenaire inconnue : « xx »"),
        "{stderr}"
    );
    assert!(refused.stdout.is_empty());
    let german = passerelle(&db, &["check", "--event", &code, "--lang", "de"]);
    assert_eq!(german.status.code(), Some(3));
    assert!(json_lines(&german).len() >= findings.len());
}

#[test]
fn check_of_an_event_with_nothing_wrong_prints_nothing_and_exits_with_0() {
    use passerelle_core::model::EventInput;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("passerelle.db");
    let mut store = passerelle_core::Store::open_with_reference(&db).unwrap();
    let event = store
        .create_event(&EventInput {
            code: "NET-2027".into(),
            title: "Séminaire sans reproche".into(),
            kind: "seminar".into(),
            status: "planned".into(),
            start_date: "2027-03-16".into(),
            end_date: "2027-03-16".into(),
            audience: "Agents territoriaux".into(),
            objectives: vec!["Coopérer".into()],
            prerequisites: "Aucun".into(),
            teaching_methods: "Ateliers".into(),
            evaluation_methods: "Questionnaire".into(),
            accessibility: "Locaux accessibles".into(),
            accessibility_contact: "referent@exemple.eu".into(),
            price: "Gratuit".into(),
            access_terms: "Sur inscription".into(),
            contact_name: "Camille Martin".into(),
            contact_phone: "+33 3 88 00 00 00".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .create_session(
            &event.meta.id,
            &passerelle_core::model::SessionInput {
                date: "2027-03-16".into(),
                start_time: "09:00".into(),
                end_time: "12:00".into(),
                title: "Atelier".into(),
                kind: "workshop".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store.close().unwrap();
    let out = passerelle(&db, &["check", "--event", "NET-2027"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// `passerelle list requests`: one JSON line per training request, most recently received
/// first, with its status, age and number of events.
#[test]
fn list_requests_prints_one_json_line_per_request() {
    use passerelle_core::model::TrainingRequestInput;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("requests.db");
    {
        let mut store = passerelle_core::Store::open_with_reference(&db).unwrap();
        for (title, received, status) in [
            ("Accueil des frontaliers", "2026-01-05", "received"),
            (
                "Marchés publics transfrontaliers",
                "2026-02-10",
                "under_study",
            ),
        ] {
            let input = TrainingRequestInput {
                received_date: received.into(),
                title: title.into(),
                status: status.into(),
                ..Default::default()
            };
            store.create_request(&input, "test").unwrap();
        }
        store.close().unwrap();
    }
    let out = passerelle(&db, &["list", "requests"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "Marchés publics transfrontaliers");
    assert_eq!(lines[0]["status"], "under_study");
    assert_eq!(lines[1]["receivedDate"], "2026-01-05");
    assert_eq!(lines[1]["eventCount"], 0);
    assert!(lines[1]["ageDays"].as_i64().unwrap() > 30);
}

#[test]
fn participants_are_imported_listed_and_exported_for_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("participants.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let file = dir.path().join("inscrits.csv");
    // As Excel-FR writes it: BOM, semicolons, French headers; line 4 has a bad e-mail and
    // line 5 repeats line 2's address.
    std::fs::write(
        &file,
        "\u{feff}Nom;Prénom;Courriel;Employeur/Organisme;Statut\r\n\
         Durand;Ana;ana.durand@mairie.fr;Ville de Lille;Inscrit\r\n\
         Martin;Bruno;bruno.martin@mairie.fr;Eurométropole;Confirmé\r\n\
         Faux;Paul;paul@;Ville;\r\n\
         Double;Ana;ANA.DURAND@mairie.fr;Ville;\r\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let event = ["--event", "EXEMPLE-VE-2027"];
    let list = || {
        json_lines(&passerelle(
            &db,
            &["list", "participants", "--event", "EXEMPLE-VE-2027"],
        ))
    };

    let refused = passerelle(
        &db,
        &[&["import", "participants", file][..], &event].concat(),
    );
    assert_eq!(refused.status.code(), Some(2));
    let preview = String::from_utf8(refused.stdout).unwrap();
    assert!(
        preview.contains("ligne 4 : adresse e-mail invalide"),
        "{preview}"
    );
    assert!(
        preview.contains("ligne 5 : même adresse e-mail que la ligne 2"),
        "{preview}"
    );
    assert!(list().is_empty(), "a refused import wrote something");

    let done = passerelle(
        &db,
        &[
            &["import", "participants", file, "--skip-invalid"][..],
            &event,
        ]
        .concat(),
    );
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let said = String::from_utf8(done.stdout).unwrap();
    assert!(said.contains("Import terminé : 2 créée(s)"), "{said}");
    let names: Vec<(String, String)> = list()
        .iter()
        .map(|p| {
            (
                p["lastName"].as_str().unwrap().into(),
                p["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("Durand".to_string(), "registered".to_string()),
            ("Martin".to_string(), "confirmed".to_string())
        ]
    );

    let out = dir.path().join("export.csv");
    let export = passerelle(
        &db,
        &[
            &["export", "participants", "--out", out.to_str().unwrap()][..],
            &event,
        ]
        .concat(),
    );
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert!(text.starts_with("\u{feff}Nom;Prénom;E-mail;"), "{text}");
    assert!(
        text.contains("Martin;Bruno;bruno.martin@mairie.fr;"),
        "{text}"
    );

    let without_event = passerelle(&db, &["list", "participants"]);
    assert!(!without_event.status.success());
    let why = String::from_utf8(without_event.stderr).unwrap();
    assert!(why.contains("--event"), "{why}");
}

/// The documents after the programme, from the command line: three people registered on the
/// example event, their attendance recorded, then the named attendance sheets, the
/// certificates (hours from the recorded attendance), the convocations, the badges and a
/// speaker's mission letter, each read back.
#[test]
fn documents_about_people_are_printed_from_the_recorded_attendance() {
    use passerelle_core::model::{AttendanceEntry, ParticipantInput};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("people.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let speaker_id;
    {
        let mut store = passerelle_core::Store::open_with_reference(&db).unwrap();
        let event = store.find_event_by_code("EXEMPLE-VE-2027").unwrap();
        let mut ids = Vec::new();
        for (first, last) in [
            ("Marie", "Zimmermann"),
            ("Jonas", "Albrecht"),
            ("Léa", "Étienne"),
        ] {
            let input = ParticipantInput {
                first_name: first.into(),
                last_name: last.into(),
                email: format!("{}@exemple.fr", first.to_lowercase()),
                employer: "Ville de Strasbourg".into(),
                status: "registered".into(),
                ..Default::default()
            };
            ids.push(
                store
                    .add_participant(&event.meta.id, &input)
                    .unwrap()
                    .participant
                    .meta
                    .id,
            );
        }
        let halves = store.attendance_half_days(&event.meta.id).unwrap();
        assert!(halves.len() >= 2, "{halves:?}");
        let mut entries = Vec::new();
        for (n, half) in halves.iter().enumerate() {
            // Marie everywhere; Jonas misses the last half-day; Léa is excused throughout.
            let jonas = if n + 1 == halves.len() {
                "absent"
            } else {
                "present"
            };
            for (id, mark) in ids.iter().zip(["present", jonas, "excused"]) {
                entries.push(AttendanceEntry {
                    participant_id: id.clone(),
                    date: half.date.clone(),
                    part: half.part.clone(),
                    mark: mark.into(),
                });
            }
        }
        store.set_attendance(&event.meta.id, &entries).unwrap();
        let agenda = store.agenda_of(&event).unwrap();
        speaker_id = agenda
            .sessions()
            .flat_map(|s| s.speaker_details.iter())
            .next()
            .expect("the example has speakers")
            .expert_id
            .clone();
        store.close().unwrap();
    }
    let print = |command: &str, extra: &[&str]| {
        let pdf = dir.path().join(format!("{command}.pdf"));
        let mut args = vec![
            command,
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            pdf.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = passerelle(&db, &args);
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            json_lines(&out),
            pdf_text(&pdf)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    };

    let (lines, sheets) = print("emargement", &[]);
    assert_eq!(lines[0]["participants"], 3);
    let order = ["ALBRECHT Jonas", "ÉTIENNE Léa", "ZIMMERMANN Marie"];
    let at: Vec<usize> = order
        .iter()
        .map(|n| sheets.find(n).unwrap_or_else(|| panic!("{n}: {sheets}")))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "sorted by last name: {sheets}"
    );

    let (lines, certificates) = print("certificats", &[]);
    assert_eq!(lines[0]["participants"], 3);
    let realised: Vec<(String, String)> = certificates
        .split("Durée réalisée ")
        .skip(1)
        .map(|rest| {
            let (done, planned) = rest.split_once(" sur ").unwrap();
            (
                done.to_string(),
                planned.split(" prévues").next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(realised.len(), 3, "{certificates}");
    // In the sheets' order: Jonas (all but the last half-day), Léa (excused), Marie (all).
    let planned = &realised[2].1;
    assert_eq!(
        &realised[2].0, planned,
        "Marie attended everything: {certificates}"
    );
    assert_ne!(
        &realised[0].0, planned,
        "Jonas missed a half-day: {certificates}"
    );
    assert_eq!(realised[1].0, "0 minutes", "{certificates}");

    let (_, convocations) = print("convocations", &[]);
    for name in ["Marie Zimmermann", "Jonas Albrecht", "Léa Étienne"] {
        assert!(convocations.contains(name), "{name}: {convocations}");
    }
    let folder = dir.path().join("convocations");
    let out = passerelle(
        &db,
        &[
            "convocations",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            folder.to_str().unwrap(),
            "--each",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Convocation - EXEMPLE-VE-2027 - Jonas Albrecht.pdf",
            "Convocation - EXEMPLE-VE-2027 - Léa Étienne.pdf",
            "Convocation - EXEMPLE-VE-2027 - Marie Zimmermann.pdf"
        ]
    );
    assert!(pdf_text(&folder.join(&names[1])).contains("Léa Étienne"));
    let (_, badges) = print("badges", &[]);
    assert!(
        badges.contains("ZIMMERMANN")
            && badges.contains("INTERVENANT")
            && badges.contains("PARTICIPANT"),
        "{badges}"
    );
    let (lines, letter) = print("mission", &["--expert", &speaker_id]);
    assert_eq!(lines[0]["expert"], speaker_id.as_str());
    assert!(
        letter.contains("Lettre de mission") || letter.contains("LETTRE DE MISSION"),
        "{letter}"
    );

    // A participant without any recorded attendance stops the certificates, naming them.
    {
        let mut store = passerelle_core::Store::open_with_reference(&db).unwrap();
        let event = store.find_event_by_code("EXEMPLE-VE-2027").unwrap();
        let input = ParticipantInput {
            first_name: "Paul".into(),
            last_name: "Sansnote".into(),
            email: "paul@exemple.fr".into(),
            status: "registered".into(),
            ..Default::default()
        };
        store.add_participant(&event.meta.id, &input).unwrap();
        store.close().unwrap();
    }
    let refused = dir.path().join("refus.pdf");
    let out = passerelle(
        &db,
        &[
            "certificats",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            refused.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let why = String::from_utf8_lossy(&out.stderr);
    assert!(why.contains("Paul Sansnote"), "{why}");
    assert!(!refused.exists(), "nothing is written when refused");
}

/// `resource add` prints the new record as one JSON line; bad input is refused in French,
/// field by field, and writes nothing; `list resources` prints each resource whole;
/// `export resources` writes the catalogue as CSV for Excel.
#[test]
fn resources_are_added_listed_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bibliotheque.db");
    let out = passerelle(
        &db,
        &[
            "resource",
            "add",
            "--title",
            "Guide de la mobilité",
            "--kind",
            "guide",
            "--summary",
            "Étape par étape",
            "--status",
            "published",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let created: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(created["title"], "Guide de la mobilité");
    assert_eq!(
        (created["kind"].as_str(), created["status"].as_str()),
        (Some("guide"), Some("published"))
    );
    assert_eq!(created["version"], 1);

    let out = passerelle(
        &db,
        &["resource", "add", "--title", " ", "--kind", "poster"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Le titre est obligatoire."), "{stderr}");
    assert!(
        stderr.contains("Le type de ressource : valeur inconnue « poster »."),
        "{stderr}"
    );

    let out = passerelle(&db, &["list", "resources"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines, vec![created], "only the first one was written");

    let csv = dir.path().join("catalogue.csv");
    let out = passerelle(
        &db,
        &["export", "resources", "--out", csv.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "\u{feff}Titre;Type;Auteurs;Date;Langues;Thèmes;Territoires;Statut;Révision;Référence;Droits;Fichiers\r\nGuide de la mobilité;Guide;;;;;;Publiée;;;;\r\n"
    );
}

/// `resource add --file`: a real PDF (a programme printed by the command line) is attached
/// and found by a word printed inside it; a refused file (text named `.pdf`) refuses the whole
/// command and leaves no resource behind.
#[test]
fn resource_add_attaches_files_and_a_refused_file_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bibliotheque.db");
    assert!(passerelle(&db, &["demo"]).status.success());
    let pdf = dir.path().join("programme.pdf");
    let out = passerelle(
        &db,
        &[
            "programme",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = passerelle(
        &db,
        &[
            "resource",
            "add",
            "--title",
            "Programme archivé",
            "--kind",
            "training_material",
            "--file",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &created["files"][0];
    assert_eq!(file["name"], "programme.pdf");
    assert_eq!(file["mediaType"], "application/pdf");
    assert_eq!(file["textStatus"], "extracted");
    assert_eq!(file["size"], std::fs::metadata(&pdf).unwrap().len());

    // « Strasbourg » is printed in the programme, not in the resource's title or summary.
    let out = passerelle(&db, &["search", "strasbourg"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("\"entity\":\"resource\"") && l.contains("Programme archivé")),
        "{text}"
    );

    let fake = dir.path().join("faux.pdf");
    std::fs::write(&fake, "Ceci n'est pas un PDF.").unwrap();
    let out = passerelle(
        &db,
        &[
            "resource",
            "add",
            "--title",
            "Deux fichiers",
            "--kind",
            "guide",
            "--file",
            pdf.to_str().unwrap(),
            "--file",
            fake.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("faux.pdf"), "{stderr}");
    let out = passerelle(&db, &["list", "resources"]);
    let titles: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["title"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        titles,
        [
            passerelle_core::example::EXAMPLE_RESOURCE_TITLE,
            "Programme archivé"
        ],
        "the example's resource and the one added; not the refused one"
    );
}

/// The demo database with a legal note, and a resource linked to the demo event.
fn library_database(db: &Path) -> String {
    use passerelle_core::model::{LegalBasis, LegalNoteInput, ResourceInput};
    assert!(passerelle(db, &["demo"]).status.success());
    let mut store = passerelle_core::Store::open_with_reference(db).unwrap();
    let note = store
        .create_legal_note(&LegalNoteInput {
            question: "Un agent territorial peut-il être mis à disposition d'un GECT ?".into(),
            short_answer: "Oui, par convention.".into(),
            bases: vec![LegalBasis {
                kind: "eu_regulation".into(),
                identifier: "Règlement (CE) n° 1082/2006".into(),
                date: "2006-07-05".into(),
                ..Default::default()
            }],
            up_to_date: "2026-01-15".into(),
            ..Default::default()
        })
        .unwrap();
    let event = store.find_event_by_code("EXEMPLE-VE-2027").unwrap().meta.id;
    store
        .create_resource(&ResourceInput {
            title: "Guide pratique du GECT".into(),
            kind: "guide".into(),
            status: "published".into(),
            event_ids: vec![event],
            ..Default::default()
        })
        .unwrap();
    store.close().unwrap();
    note.meta.id
}

#[test]
fn legal_notes_are_listed_and_printed_with_the_dossier_and_the_programme_resources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = library_database(&db);
    let out = passerelle(&db, &["list", "legal-notes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The example's note and this one.
    assert_eq!(lines.len(), 2);
    let line = lines.iter().find(|l| l["id"] == id.as_str()).unwrap();
    assert_eq!(line["upToDate"], "2026-01-15");

    let note = dir.path().join("fiche.pdf");
    let out = passerelle(&db, &["note", "--id", &id, "--out", note.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["pages"], 1);
    assert_eq!(pdf_pages_and_size(&note).0, 1);
    let text = pdf_text(&note);
    assert!(text.contains("Règlement (CE) n° 1082/2006"), "{text}");
    assert!(text.contains("À jour au 15 janvier 2026"), "{text}");
    let out = passerelle(&db, &["note", "--id", "nope", "--out", "/tmp/x-note.pdf"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("La fiche juridique est introuvable"));

    let dossier = dir.path().join("dossier.pdf");
    let args = ["dossier", "--event", "EXEMPLE-VE-2027", "--out"];
    let out = passerelle(&db, &[&args[..], &[dossier.to_str().unwrap()]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["event"], "EXEMPLE-VE-2027");
    assert_eq!(line["pages"], pdf_pages_and_size(&dossier).0);
    assert!(pdf_text(&dossier).contains("Guide pratique du GECT"));

    let programme = |file: &Path, extra: &[&str]| {
        let mut all = vec!["programme", "--event", "EXEMPLE-VE-2027", "--out"];
        all.push(file.to_str().unwrap());
        all.extend_from_slice(extra);
        let out = passerelle(&db, &all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pdf_text(file)
    };
    let without = programme(&dir.path().join("p.pdf"), &[]);
    assert!(!without.contains("Guide pratique du GECT"));
    let with = programme(&dir.path().join("p-res.pdf"), &["--ressources"]);
    assert!(with.contains("Ressources"), "{with}");
    assert!(with.contains("Guide pratique du GECT"), "{with}");
}
