//! Opening a file that is not one of our databases refuses it and leaves it byte for byte as it
//! was; closing folds the write-ahead log back so the `.db` alone holds the data.

mod common;

use std::path::Path;

use common::expert;
use passerelle_core::{CoreError, Store};

/// The file and any SQLite side file beside it, as bytes, to compare before and after.
/// The files of `path`'s folder with their bytes.
fn snapshot(path: &Path) -> Vec<(String, Vec<u8>)> {
    common::files_in(path.parent().unwrap())
}

fn refused_untouched(path: &Path) -> CoreError {
    let before = snapshot(path);
    let error = Store::open(path).err().expect("the file should be refused");
    assert_eq!(
        snapshot(path),
        before,
        "{} or its folder changed",
        path.display()
    );
    error
}

#[test]
fn an_empty_file_is_refused_and_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    std::fs::write(&path, b"").unwrap();
    let error = refused_untouched(&path);
    assert!(matches!(error, CoreError::EmptyDatabase(_)), "{error}");
    assert_eq!(error.kind(), "emptyDatabase");
    let message = error.to_string();
    assert!(message.contains("est vide (0 octet)"), "{message}");
    assert!(message.contains("Il n'a pas été modifié"), "{message}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    std::fs::write(&path, "Nom;Prénom\nKeller;Anna\n".repeat(40)).unwrap();
    let error = refused_untouched(&path);
    assert!(matches!(error, CoreError::NotADatabase(_)), "{error}");
    // Shorter than SQLite's header, even if it starts like one.
    std::fs::write(&path, b"SQLite format 3\0abc").unwrap();
    let error = refused_untouched(&path);
    assert!(matches!(error, CoreError::NotADatabase(_)), "{error}");
}

#[test]
fn another_programs_sqlite_file_is_refused_without_our_tables() {
    let dir = tempfile::tempdir().unwrap();
    let unversioned = dir.path().join("comptes.db");
    rusqlite::Connection::open(&unversioned)
        .unwrap()
        .execute_batch(
            "CREATE TABLE comptes (id INTEGER, solde REAL); INSERT INTO comptes VALUES (1, 9.5);",
        )
        .unwrap();
    let versioned = dir.path().join("autre.sqlite");
    rusqlite::Connection::open(&versioned)
        .unwrap()
        .execute_batch("CREATE TABLE notes (texte TEXT); PRAGMA user_version = 2;")
        .unwrap();
    for path in [&unversioned, &versioned] {
        let error = refused_untouched(path);
        assert!(matches!(error, CoreError::ForeignDatabase(_)), "{error}");
        assert!(error.to_string().contains("autre logiciel"), "{error}");
        let tables: i64 = rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'experts'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0);
    }
}

#[test]
fn a_folder_or_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("passerelle.db");
    std::fs::create_dir(&folder).unwrap();
    let error = Store::open(&folder).err().expect("refused");
    assert!(matches!(error, CoreError::NotAFile(_)), "{error}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    #[cfg(unix)]
    {
        let error = Store::open(Path::new("/dev/null")).err().expect("refused");
        assert!(matches!(error, CoreError::NotAFile(_)), "{error}");
    }
}

#[test]
fn a_missing_file_becomes_a_new_database_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nouveau").join("passerelle.db");
    let mut store = Store::open(&path).unwrap();
    store.create_expert(&expert("Anna", "Keller")).unwrap();
    store.close().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().experts, 1);
}

#[test]
fn closing_folds_the_log_back_so_the_file_alone_holds_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    let mut store = Store::open(&path).unwrap();
    // Another connection on the file (a second window, a backup tool) stops SQLite from
    // folding the log back when the last connection goes: only an explicit checkpoint does.
    let other = rusqlite::Connection::open(&path).unwrap();
    let _: i64 = other
        .query_row("SELECT COUNT(*) FROM experts", [], |row| row.get(0))
        .unwrap();
    for i in 0..20 {
        store
            .create_expert(&expert("Anna", &format!("Keller{i}")))
            .unwrap();
    }
    store.close().unwrap();
    let wal = dir.path().join("passerelle.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the log still holds data"
    );
    let alone = tempfile::tempdir().unwrap();
    let copy = alone.path().join("copie.db");
    std::fs::copy(&path, &copy).unwrap();
    let copied = Store::open(&copy).unwrap();
    assert_eq!(copied.counts().unwrap().experts, 20);
    drop(other);
}

#[test]
fn a_checkpoint_after_writes_leaves_the_file_complete_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    let mut store = Store::open(&path).unwrap();
    for i in 0..5 {
        store
            .create_expert(&expert("Luc", &format!("Martin{i}")))
            .unwrap();
    }
    store.checkpoint().unwrap();
    let alone = tempfile::tempdir().unwrap();
    let copy = alone.path().join("copie.db");
    std::fs::copy(&path, &copy).unwrap();
    assert_eq!(Store::open(&copy).unwrap().counts().unwrap().experts, 5);
    // Still usable after the checkpoint.
    store.create_expert(&expert("Luc", "Martin5")).unwrap();
}
