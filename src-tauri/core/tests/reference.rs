//! The reference data shipped with the application: loaded once, French titles for ESCO
//! occupations, and databases made by an earlier release brought up to date without touching
//! what their user edited.

use passerelle_core::Store;

const OFFICER_KEY: &str = "esco-international-relations-officer";
const OFFICER_FR: &str =
    "Chargé de mission aux relations internationales/chargée de mission aux relations internationales";

fn title_of(db: &std::path::Path, key: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT title FROM professions WHERE reference_key = ?1",
        [key],
        |r| r.get(0),
    )
    .unwrap()
}

fn set_title(db: &std::path::Path, key: &str, title: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let changed = conn
        .execute(
            "UPDATE professions SET title = ?1 WHERE reference_key = ?2",
            [title, key],
        )
        .unwrap();
    assert_eq!(changed, 1, "{key}");
}

#[test]
fn esco_occupations_have_their_french_titles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let store = Store::open_with_reference(&db).unwrap();
    let professions = store.list_professions().unwrap();
    let officer = professions.iter().find(|p| p.data.title == OFFICER_FR);
    assert!(
        officer.is_some(),
        "no French title for the international relations officer"
    );
    assert!(
        !professions
            .iter()
            .any(|p| p.data.title == "international relations officer"),
        "an English ESCO title is still shipped"
    );
}

#[test]
fn an_older_database_takes_the_french_titles_but_keeps_the_users_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    drop(Store::open_with_reference(&db).unwrap());
    // As an earlier release left it: the English label, untouched by the user…
    set_title(&db, OFFICER_KEY, "international relations officer");
    // …and one its user retitled.
    let edited_key = "esco-policy-officer";
    set_title(
        &db,
        edited_key,
        "Chargée de mission Europe (notre intitulé)",
    );

    let mut store = Store::open(&db).unwrap();
    let report = store.load_shipped_reference().unwrap();
    assert_eq!(report.added, 0);
    assert_eq!(report.updated, 1);
    drop(store);
    assert_eq!(title_of(&db, OFFICER_KEY), OFFICER_FR);
    assert_eq!(
        title_of(&db, edited_key),
        "Chargée de mission Europe (notre intitulé)"
    );

    // The search finds the new title, accents or not, and the next start changes nothing.
    let mut store = Store::open(&db).unwrap();
    let found = store
        .search_professions("relations internationales")
        .unwrap();
    assert!(
        found.iter().any(|p| p.data.title == OFFICER_FR),
        "{found:?}"
    );
    assert_eq!(store.load_shipped_reference().unwrap().updated, 0);
}

fn theme_count(db: &std::path::Path, key: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM themes WHERE reference_key = ?1",
        [key],
        |r| r.get(0),
    )
    .unwrap()
}

/// Removes a reference theme behind the store's back: whether it comes back at the next start
/// tells whether that start loaded the reference data.
fn remove_theme(db: &std::path::Path, key: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    assert_eq!(
        conn.execute("DELETE FROM themes WHERE reference_key = ?1", [key])
            .unwrap(),
        1
    );
}

#[test]
fn a_second_start_of_the_same_release_does_not_load_the_reference_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let store = Store::open_with_reference(&db).unwrap();
    assert_eq!(
        store.reference_fingerprint().unwrap(),
        Some(passerelle_core::reference::fingerprint())
    );
    store.close().unwrap();

    remove_theme(&db, "health");
    let mut store = Store::open_with_reference(&db).unwrap();
    assert_eq!(
        theme_count(&db, "health"),
        0,
        "the reference was loaded again"
    );
    assert_eq!(store.load_shipped_reference_if_new().unwrap(), None);
}

#[test]
fn a_new_release_or_an_older_database_loads_the_reference_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    Store::open_with_reference(&db).unwrap().close().unwrap();
    let fingerprint = passerelle_core::reference::fingerprint();

    // Another release's fingerprint: the missing record comes back and the fingerprint follows.
    remove_theme(&db, "health");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE meta SET value = '0:earlier' WHERE key = 'reference'",
        [],
    )
    .unwrap();
    drop(conn);
    let store = Store::open_with_reference(&db).unwrap();
    assert_eq!(theme_count(&db, "health"), 1);
    assert_eq!(
        store.reference_fingerprint().unwrap(),
        Some(fingerprint.clone())
    );
    store.close().unwrap();

    // No fingerprint at all (a database from before they were kept): loaded too, once.
    remove_theme(&db, "health");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM meta", []).unwrap();
    drop(conn);
    let mut store = Store::open_with_reference(&db).unwrap();
    assert_eq!(theme_count(&db, "health"), 1);
    assert_eq!(store.reference_fingerprint().unwrap(), Some(fingerprint));
    let counts = store.counts().unwrap();
    assert_eq!(store.load_shipped_reference().unwrap().added, 0);
    assert_eq!(store.counts().unwrap(), counts);
}

/// The tables of shipped reference records; the first four carry times.
const REFERENCE_TABLES: [&str; 6] = [
    "organisations",
    "territories",
    "themes",
    "professions",
    "profession_families",
    "interreg_programmes",
];

/// Every reference record of `table` as (key, id, times), by key.
fn reference_rows(db: &std::path::Path, table: &str) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let times = if REFERENCE_TABLES[..4].contains(&table) {
        "created_at || ' ' || updated_at || ' ' || version"
    } else {
        "''"
    };
    let mut statement = conn
        .prepare(&format!(
            "SELECT reference_key, id, {times} FROM {table} WHERE reference_key IS NOT NULL ORDER BY reference_key"
        ))
        .unwrap();
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn shipped_records_have_the_same_ids_and_times_on_every_laptop() {
    use passerelle_core::reference::{shipped_id, SHIPPED_AT};
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.db"), dir.path().join("b.db"));
    Store::open_with_reference(&first).unwrap().close().unwrap();
    // Loaded later on another laptop: nothing of the load's time shows.
    std::thread::sleep(std::time::Duration::from_millis(5));
    Store::open_with_reference(&second)
        .unwrap()
        .close()
        .unwrap();
    for table in REFERENCE_TABLES {
        let rows = reference_rows(&first, table);
        assert!(rows.len() > 5, "{table}: {}", rows.len());
        assert_eq!(rows, reference_rows(&second, table), "{table}");
        for (key, id, times) in &rows {
            assert_eq!(id, &shipped_id(table, key), "{table} {key}");
            if !times.is_empty() {
                assert_eq!(
                    times,
                    &format!("{SHIPPED_AT} {SHIPPED_AT} 1"),
                    "{table} {key}"
                );
            }
        }
    }
    // The id is a UUID (v5) and differs between tables for one key.
    let id = shipped_id("themes", "health");
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 5);
    assert_ne!(id, shipped_id("territories", "health"));
    // A title brought up to date by a later release keeps the time of shipped data.
    set_title(&first, OFFICER_KEY, "international relations officer");
    let mut store = Store::open(&first).unwrap();
    assert_eq!(store.load_shipped_reference().unwrap().updated, 1);
    store.close().unwrap();
    assert_eq!(
        reference_rows(&first, "professions"),
        reference_rows(&second, "professions")
    );
}
