//! Restoring without an open store, on real files: the database in place may be damaged, empty,
//! from a newer version or missing; the chosen copy is checked first and a file that is not a
//! clean Passerelle database is refused with everything left byte for byte as it was; the
//! database as it was is kept in the backups folder, with its log.

mod common;

use std::path::{Path, PathBuf};

use common::expert;
use passerelle_core::store::backups::restore_database;
use passerelle_core::store::{migrations_for_tests, LATEST_VERSION};
use passerelle_core::{CoreError, Store};

/// A folder with a sound backup holding one expert, "Keller".
struct Setup {
    dir: tempfile::TempDir,
    backup: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join("ma-sauvegarde.db");
        let mut store = Store::open(&dir.path().join("origine.db")).unwrap();
        store.create_expert(&expert("Anna", "Keller")).unwrap();
        store.backup_to(&backup).unwrap();
        store.close().unwrap();
        Setup { dir, backup }
    }

    fn live(&self) -> PathBuf {
        self.dir.path().join("passerelle.db")
    }

    fn backups(&self) -> PathBuf {
        self.dir.path().join("sauvegardes")
    }
}

fn last_names(path: &Path) -> Vec<String> {
    common::last_names(&Store::open(path).unwrap())
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Fails naming the files that were added, removed or changed between two [`tree`]s.
fn assert_same_tree(before: &[(PathBuf, Vec<u8>)], after: &[(PathBuf, Vec<u8>)], what: &str) {
    let differing: Vec<String> = before
        .iter()
        .filter(|file| !after.contains(file))
        .chain(after.iter().filter(|file| !before.contains(file)))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(differing.is_empty(), "{what}: changed files {differing:?}");
}

/// Restores and checks the database now holds the backup's data, sound, at the latest schema,
/// with nothing temporary left beside it.
fn restore_and_check(setup: &Setup) -> passerelle_core::store::backups::RestoreReport {
    let report = restore_database(&setup.live(), &setup.backup, &setup.backups()).unwrap();
    assert_eq!(report.restored_from, setup.backup.display().to_string());
    assert_eq!(last_names(&setup.live()), ["Keller"]);
    let store = Store::open(&setup.live()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let leftovers: Vec<_> = std::fs::read_dir(setup.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    report
}

fn safety_copy(report: &passerelle_core::store::backups::RestoreReport) -> PathBuf {
    let path = PathBuf::from(report.safety_copy.as_ref().expect("a safety copy"));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("passerelle-avant-restauration-"), "{name}");
    path
}

#[test]
fn a_damaged_database_is_replaced_and_kept_with_its_bytes() {
    let setup = Setup::new();
    let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(setup.live(), &garbage).unwrap();
    assert!(Store::open(&setup.live()).is_err());

    let report = restore_and_check(&setup);
    assert_eq!(std::fs::read(safety_copy(&report)).unwrap(), garbage);
}

#[test]
fn an_empty_or_missing_database_is_restored() {
    let setup = Setup::new();
    std::fs::write(setup.live(), b"").unwrap();
    let report = restore_and_check(&setup);
    assert_eq!(std::fs::read(safety_copy(&report)).unwrap(), b"");

    std::fs::remove_file(setup.live()).unwrap();
    let report = restore_and_check(&setup);
    assert_eq!(report.safety_copy, None);
}

#[test]
fn a_database_from_a_newer_version_is_restored_and_kept() {
    let setup = Setup::new();
    {
        let conn = rusqlite::Connection::open(setup.live()).unwrap();
        conn.execute_batch("CREATE TABLE futur (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(setup.live()).unwrap();
    assert!(matches!(
        Store::open(&setup.live()),
        Err(CoreError::DatabaseTooNew { .. })
    ));
    let report = restore_and_check(&setup);
    assert_eq!(std::fs::read(safety_copy(&report)).unwrap(), before);
}

#[test]
fn a_healthy_database_is_replaced_and_its_unsaved_log_kept_beside_the_copy() {
    let setup = Setup::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let running = elsewhere.path().join("en-cours.db");
    let mut store = Store::open(&running).unwrap();
    store.create_expert(&expert("Luc", "Martin")).unwrap();
    // As a crash would leave them: the file and its log, the last write only in the log.
    std::fs::copy(&running, setup.live()).unwrap();
    let wal = PathBuf::from(format!("{}-wal", setup.live().display()));
    std::fs::copy(format!("{}-wal", running.display()), &wal).unwrap();
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    drop(store);

    let report = restore_and_check(&setup);
    assert!(
        !wal.exists(),
        "the old log must not be replayed into the restored file"
    );
    let safety = safety_copy(&report);
    let safety_wal = PathBuf::from(format!("{}-wal", safety.display()));
    assert!(safety_wal.exists());
    // The copy and its log together hold the write that was only in the log.
    assert_eq!(last_names(&safety), ["Martin"]);
}

#[test]
fn a_backup_with_another_page_size_is_restored() {
    let setup = Setup::new();
    let big_pages = setup.dir.path().join("pages-8k.db");
    {
        let mut conn = rusqlite::Connection::open(&big_pages).unwrap();
        conn.pragma_update(None, "page_size", 8192).unwrap();
        migrations_for_tests().to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO experts (id, first_name, last_name, created_at, updated_at)
             VALUES ('e8', 'Eva', 'Roth', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
        let size: i64 = conn
            .pragma_query_value(None, "page_size", |row| row.get(0))
            .unwrap();
        assert_eq!(size, 8192);
    }
    drop(Store::open(&setup.live()).unwrap());
    restore_database(&setup.live(), &big_pages, &setup.backups()).unwrap();
    let store = Store::open(&setup.live()).unwrap();
    assert_eq!(store.get_expert("e8").unwrap().data.last_name, "Roth");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn an_older_backup_is_restored_and_brought_up_to_date() {
    let setup = Setup::new();
    let old = setup.dir.path().join("ancienne.db");
    {
        let mut conn = rusqlite::Connection::open(&old).unwrap();
        migrations_for_tests().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO experts (id, first_name, last_name, created_at, updated_at, version)
             VALUES ('e1', 'Hélène', 'Schäfer', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 3);",
        )
        .unwrap();
    }
    drop(Store::open(&setup.live()).unwrap());
    restore_database(&setup.live(), &old, &setup.backups()).unwrap();
    let store = Store::open(&setup.live()).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.get_expert("e1").unwrap().meta.version, 3);
    let found = store
        .search_experts(&passerelle_core::model::ExpertFilter {
            query: "helene".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    // The chosen file itself was only read.
    let version: i64 = rusqlite::Connection::open(&old)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn a_copy_with_something_added_is_refused_and_nothing_changes() {
    let setup = Setup::new();
    let mut store = Store::open(&setup.live()).unwrap();
    store.create_expert(&expert("Luc", "Martin")).unwrap();
    store.close().unwrap();
    let additions = [
        "CREATE TRIGGER purge AFTER INSERT ON experts BEGIN DELETE FROM events; END;",
        "CREATE VIEW tous AS SELECT * FROM experts;",
        "CREATE TABLE espion (x);",
        "CREATE INDEX experts_by_email ON experts(email);",
    ];
    for (i, addition) in additions.iter().enumerate() {
        let tampered = setup.dir.path().join(format!("modifiee-{i}.db"));
        std::fs::copy(&setup.backup, &tampered).unwrap();
        rusqlite::Connection::open(&tampered)
            .unwrap()
            .execute_batch(addition)
            .unwrap();
        let before = tree(setup.dir.path());
        let error = restore_database(&setup.live(), &tampered, &setup.backups()).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("n'est pas une sauvegarde de Passerelle")
                && message.contains("Rien n'a été modifié"),
            "{addition}: {message}"
        );
        assert_same_tree(&before, &tree(setup.dir.path()), addition);
    }
    assert!(!setup.backups().exists());
    assert_eq!(last_names(&setup.live()), ["Martin"]);
}

#[test]
fn sources_that_cannot_be_restored_are_refused_and_nothing_changes() {
    let setup = Setup::new();
    drop(Store::open(&setup.live()).unwrap());
    let newer = setup.dir.path().join("future.db");
    std::fs::copy(&setup.backup, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    let empty = setup.dir.path().join("vide.db");
    std::fs::write(&empty, b"").unwrap();
    let truncated = setup.dir.path().join("tronquee.db");
    let bytes = std::fs::read(&setup.backup).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let folder = setup.dir.path().join("un-dossier.db");
    std::fs::create_dir(&folder).unwrap();
    for (source, expected) in [
        (&newer, "version plus récente"),
        (&empty, "n'est pas une sauvegarde de Passerelle"),
        (&truncated, "n'est pas une sauvegarde de Passerelle"),
        (&folder, "n'est pas une sauvegarde de Passerelle"),
        (&setup.dir.path().join("absente.db"), "introuvable"),
    ] {
        let before = tree(setup.dir.path());
        let error = restore_database(&setup.live(), source, &setup.backups()).unwrap_err();
        assert!(
            error.to_string().contains(expected),
            "{}: {error}",
            source.display()
        );
        assert_same_tree(
            &before,
            &tree(setup.dir.path()),
            &source.display().to_string(),
        );
    }
}

#[test]
fn a_failure_before_the_swap_leaves_the_database_and_the_backups_folder_as_they_were() {
    let setup = Setup::new();
    let mut store = Store::open(&setup.live()).unwrap();
    store.create_expert(&expert("Luc", "Martin")).unwrap();
    store.close().unwrap();
    // The backups folder cannot be made: a file stands where it should be.
    std::fs::write(setup.backups(), "pas un dossier").unwrap();
    let before = tree(setup.dir.path());
    assert!(restore_database(&setup.live(), &setup.backup, &setup.backups()).is_err());
    assert_same_tree(&before, &tree(setup.dir.path()), "failed restore");
    assert_eq!(last_names(&setup.live()), ["Martin"]);
}
