//! A database written by the first schema version is backed up, then migrated, and keeps its data.

use passerelle_core::model::ExpertFilter;
use passerelle_core::Store;

/// Builds a schema-1 file as an older Passerelle left it: the tables of version 1 only, one
/// expert and one event, `user_version = 1`.
fn write_version_one_file(path: &std::path::Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    passerelle_core::store::migrations_for_tests()
        .to_version(&mut conn, 1)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO experts (id, first_name, last_name, email, created_at, updated_at, version)
           VALUES ('e1', 'Hélène', 'Schäfer', 'helene@exemple.eu', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 3);
         INSERT INTO expert_languages (expert_id, position, language, level, level_rank) VALUES ('e1', 0, 'de', 'C1', 5);
         INSERT INTO events (id, code, title, kind, status, start_date, end_date, created_at, updated_at)
           VALUES ('v1', 'OLD-1', 'Études transfrontalières', 'seminar', 'held', '2025-02-03', '2025-02-04',
                   '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');",
    )
    .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn an_older_file_is_backed_up_then_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    write_version_one_file(&path);

    let (store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(report.found_version, 1);
    assert_eq!(
        store.schema_version().unwrap(),
        passerelle_core::store::LATEST_VERSION
    );

    // The backup is a complete schema-1 copy holding the old data.
    let backup = report.backup.expect("a backup before migrating");
    assert!(backup.exists(), "{}", backup.display());
    let copy = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = copy
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let name: String = copy
        .query_row("SELECT last_name FROM experts WHERE id = 'e1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Schäfer");

    // The data is kept, with its version, and the new search index covers it.
    let expert = store.get_expert("e1").unwrap();
    assert_eq!(expert.meta.version, 3);
    assert_eq!(expert.data.languages[0].level, "C1");
    let found = store
        .search_experts(&ExpertFilter {
            query: "helene".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(
        store.find_event_by_code("OLD-1").unwrap().data.title,
        "Études transfrontalières"
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_current_file_is_opened_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    drop(Store::open(&path).unwrap());
    let (_store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(report.found_version, passerelle_core::store::LATEST_VERSION);
    assert!(report.backup.is_none());
    let files = std::fs::read_dir(dir.path()).unwrap().filter(|e| {
        e.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".bak")
    });
    assert_eq!(files.count(), 0);
}
