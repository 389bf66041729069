//! Record versions stay within 1..=MAX_RECORD_VERSION in the database itself: a write by any
//! program that would put a version out of range is refused by SQLite, and a file from before
//! the bound is brought within it when migrated.

mod common;

use common::{expert, seeded_store};
use passerelle_core::store::{migrations_for_tests, MAX_RECORD_VERSION};
use passerelle_core::Store;

#[test]
fn a_direct_sql_write_beyond_the_bound_fails_and_changes_nothing() {
    let (dir, mut store) = seeded_store();
    let anna = store.create_expert(&expert("Anna", "Keller")).unwrap();
    let path = dir.path().join("passerelle.db");
    store.close().unwrap();

    let conn = rusqlite::Connection::open(&path).unwrap();
    let set = |version: &dyn rusqlite::ToSql| {
        conn.execute(
            "UPDATE experts SET version = ?1 WHERE id = ?2",
            rusqlite::params![version, anna.meta.id],
        )
    };
    for bad in [MAX_RECORD_VERSION + 1, 1 << 62, 0, -3] {
        let error = set(&bad).unwrap_err().to_string();
        assert!(
            error.contains("doit être un nombre entier entre 1 et 1000000000"),
            "{bad}: {error}"
        );
    }
    assert!(set(&"beaucoup").is_err());
    assert!(set(&2.5f64).is_err());
    let error = conn
        .execute(
            "INSERT INTO themes (id, label, created_at, updated_at, version)
             VALUES ('t-x', 'Hors limite', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?1)",
            [i64::MAX],
        )
        .unwrap_err();
    assert!(error.to_string().contains("(themes)"), "{error}");
    set(&MAX_RECORD_VERSION).unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.get_expert(&anna.meta.id).unwrap().meta.version,
        MAX_RECORD_VERSION
    );
    // Editing a record already at the bound is refused, and the record stays as it was.
    let mut input = expert("Anna", "Keller");
    input.city = "Kehl".into();
    assert!(store
        .update_expert(&anna.meta.id, MAX_RECORD_VERSION, &input)
        .is_err());
    let kept = store.get_expert(&anna.meta.id).unwrap();
    assert_eq!(kept.meta.version, MAX_RECORD_VERSION);
    assert_eq!(kept.data.city, "");
}

#[test]
fn versions_out_of_range_in_an_older_file_are_brought_within_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations_for_tests().to_version(&mut conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO experts (id, first_name, last_name, created_at, updated_at, version)
               VALUES ('huge', 'Anna', 'Keller', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 4611686018427387904),
                      ('zero', 'Luc', 'Martin', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 0),
                      ('fine', 'Eva', 'Roth', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 12);",
        )
        .unwrap();
    }
    let (store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(report.found_version, 4);
    let version = |id: &str| store.get_expert(id).unwrap().meta.version;
    assert_eq!(version("huge"), MAX_RECORD_VERSION);
    assert_eq!(version("zero"), 1);
    assert_eq!(version("fine"), 12);
    // The copy made before migrating keeps the values as they were.
    let backup = rusqlite::Connection::open(report.backup.unwrap()).unwrap();
    let kept: i64 = backup
        .query_row("SELECT version FROM experts WHERE id = 'huge'", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(kept, 1 << 62);
}
