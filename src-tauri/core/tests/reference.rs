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
