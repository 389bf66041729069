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

/// The time an earlier release loaded its reference data, on pristine reference records only.
const LOADED_AT: &str = "2025-06-01T08:00:00.000Z";
/// The load's time of the reference record its user edited (kept: its times are its own now).
const EDITED_CREATED_AT: &str = "2025-06-01T08:00:00.500Z";
/// The time of every other record of the version-10 file.
const MADE_AT: &str = "2025-03-01T09:30:00.000Z";

/// The reference records of the version-10 file: (table, key, random id).
fn old_reference_ids() -> Vec<(&'static str, &'static str, String)> {
    [
        ("organisations", "mot"),
        ("territories", "fr-de"),
        ("themes", "health"),
        ("themes", "transport-mobility"),
        ("profession_families", "fam-coop"),
        ("interreg_programmes", "interreg-rhin"),
        ("professions", "cooperation-officer"),
    ]
    .into_iter()
    .map(|(table, key)| (table, key, uuid::Uuid::new_v4().to_string()))
    .collect()
}

/// Builds a schema-10 file as the previous release left it: reference records under random
/// ids and the load's time (one theme edited by its user), and records of every kind linking
/// to them — by foreign key, in JSON lists of ids, in the search index's keys, in the exchange
/// bases.
fn write_version_ten_file(path: &std::path::Path, ids: &[(&str, &str, String)]) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    passerelle_core::store::migrations_for_tests()
        .to_version(&mut conn, 10)
        .unwrap();
    let id = |key: &str| ids.iter().find(|(_, k, _)| *k == key).unwrap().2.clone();
    let sql = format!(
        r#"
        INSERT INTO organisations (id, reference_key, name, kind, created_at, updated_at, version)
          VALUES ('{mot}', 'mot', 'Mission Opérationnelle Transfrontalière', 'mot', '{LOADED_AT}', '{LOADED_AT}', 1),
                 ('o-own', NULL, 'Eurodistrict PAMINA', 'cross_border', '{MADE_AT}', '{MADE_AT}', 2);
        INSERT INTO territories (id, reference_key, name, kind, countries, created_at, updated_at)
          VALUES ('{fr_de}', 'fr-de', 'Frontière franco-allemande', 'land_border', '["FR","DE"]', '{LOADED_AT}', '{LOADED_AT}');
        INSERT INTO themes (id, reference_key, label, created_at, updated_at, version)
          VALUES ('{health}', 'health', 'Santé', '{LOADED_AT}', '{LOADED_AT}', 1),
                 ('{transport}', 'transport-mobility', 'Transports (notre intitulé)', '{EDITED_CREATED_AT}', '2025-07-01T10:00:00.000Z', 2);
        INSERT INTO profession_families (id, reference_key, label) VALUES ('{family}', 'fam-coop', 'Coopération');
        INSERT INTO interreg_programmes (id, reference_key, name) VALUES ('{programme}', 'interreg-rhin', 'Interreg Rhin supérieur');
        INSERT INTO professions (id, reference_key, title, family_id, created_at, updated_at)
          VALUES ('{profession}', 'cooperation-officer', 'Chargé de coopération transfrontalière', '{family}', '{LOADED_AT}', '{LOADED_AT}');
        INSERT INTO professions_fts (rowid, title, description, competences)
          VALUES (1, 'Chargé de coopération transfrontalière', '', 'montage Interreg');
        INSERT INTO professions_fts_keys (fts_rowid, profession_id) VALUES (1, '{profession}');
        INSERT INTO competences (id, profession_id, label, created_at, updated_at)
          VALUES ('c1', '{profession}', 'Montage de projets Interreg', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO experts (id, first_name, last_name, organisation_id, created_at, updated_at)
          VALUES ('e1', 'Hélène', 'Schäfer', '{mot}', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO expert_themes VALUES ('e1', '{health}'), ('e1', '{transport}');
        INSERT INTO expert_territories VALUES ('e1', '{fr_de}');
        INSERT INTO expert_professions VALUES ('e1', '{profession}');
        INSERT INTO training_requests (id, received_date, title, interreg_programme_id, territory_id, theme_ids,
            target_profession_ids, status, created_at, updated_at)
          VALUES ('r1', '2025-02-01', 'Formation au montage de projets', '{programme}', '{fr_de}', '["{health}"]',
                  '["{profession}"]', 'received', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO request_organisations VALUES ('r1', '{mot}', 'handler', 0);
        INSERT INTO events (id, code, title, kind, status, start_date, end_date, territory_id, request_id, created_at, updated_at)
          VALUES ('v1', 'SEM-1', 'Séminaire santé', 'seminar', 'planned', '2025-09-01', '2025-09-02', '{fr_de}', 'r1', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO event_organisers VALUES ('v1', '{mot}', 'organiser', 0), ('v1', 'o-own', 'partner', 1);
        INSERT INTO event_themes VALUES ('v1', '{health}');
        INSERT INTO event_professions VALUES ('v1', '{profession}');
        INSERT INTO participants (id, event_id, first_name, last_name, profession_id, status, status_since, created_at, updated_at)
          VALUES ('p1', 'v1', 'Ana', 'Durand', '{profession}', 'registered', '{MADE_AT}', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO resources (id, title, kind, theme_ids, territory_ids, profession_ids, status, created_at, updated_at)
          VALUES ('res1', 'Guide de la santé transfrontalière', 'guide', '["{health}","{transport}"]', '["{fr_de}"]',
                  '["{profession}"]', 'published', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO resource_authors (resource_id, position, organisation_id, role) VALUES ('res1', 0, '{mot}', 'publisher');
        INSERT INTO legal_notes (id, question, theme_ids, territory_ids, profession_ids, created_at, updated_at)
          VALUES ('n1', 'Un agent peut-il être mis à disposition d’un GECT ?', '["{transport}"]', '["{fr_de}"]',
                  '["{profession}"]', '{MADE_AT}', '{MADE_AT}');
        INSERT INTO exchange_bases VALUES ('themes', '{transport}', 'fingerprint-of-the-edited-theme');
        "#,
        mot = id("mot"),
        fr_de = id("fr-de"),
        health = id("health"),
        transport = id("transport-mobility"),
        family = id("fam-coop"),
        programme = id("interreg-rhin"),
        profession = id("cooperation-officer"),
    );
    conn.execute_batch(&sql).unwrap();
}

/// Every row of every table of records, links and bookkeeping (not the search index's own
/// tables, nor the sharing's marks), each as text, sorted per table.
fn dump(path: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND (name NOT LIKE '%fts%' OR name LIKE '%fts_keys')
               AND name NOT IN ('sync_changes', 'sqlite_sequence', 'meta') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut statement = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let width = statement.column_count();
            let mut rows: Vec<String> = statement
                .query_map([], |row| {
                    let values: Vec<rusqlite::types::Value> =
                        (0..width).map(|i| row.get(i)).collect::<Result<_, _>>()?;
                    Ok(format!("{values:?}"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}

#[test]
fn reference_records_take_the_ids_derived_from_their_keys_and_every_link_follows() {
    use passerelle_core::reference::{shipped_id, SHIPPED_AT};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    let ids = old_reference_ids();
    write_version_ten_file(&path, &ids);
    let before = dump(&path);

    let (store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(report.found_version, 10);
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // What the migration must have done, applied by hand to the rows read before it: each old
    // id replaced by the derived one, the load's time by the time of shipped data.
    let mapped = |text: &str| {
        let mut text = text.replace(LOADED_AT, SHIPPED_AT);
        for (table, key, old) in &ids {
            text = text.replace(old.as_str(), &shipped_id(table, key));
        }
        text
    };
    let mut expected: Vec<(String, Vec<String>)> = before
        .iter()
        .map(|(table, rows)| {
            let mut rows: Vec<String> = rows.iter().map(|row| mapped(row)).collect();
            rows.sort();
            (table.clone(), rows)
        })
        .collect();
    expected.sort();
    let after = dump(&path);
    for ((table, want), (_, got)) in expected.iter().zip(&after) {
        assert_eq!(got, want, "{table}");
    }
    assert_eq!(after.len(), expected.len());
    let all = format!("{after:?}");
    for (_, key, old) in &ids {
        assert!(
            !all.contains(old.as_str()),
            "{key}'s old id is still somewhere"
        );
    }

    // Through the store: the links lead to the records, the edited theme kept its edit and
    // times, and the search index still finds the profession under its new id.
    let expert = store.get_expert("e1").unwrap();
    assert_eq!(
        expert.organisation_name.as_deref(),
        Some("Mission Opérationnelle Transfrontalière")
    );
    let transport = store
        .get_theme(&shipped_id("themes", "transport-mobility"))
        .unwrap();
    assert_eq!(transport.data.label, "Transports (notre intitulé)");
    assert_eq!(
        (
            transport.meta.version,
            transport.meta.created_at.as_str(),
            transport.meta.updated_at.as_str()
        ),
        (2, EDITED_CREATED_AT, "2025-07-01T10:00:00.000Z")
    );
    let health = store.get_theme(&shipped_id("themes", "health")).unwrap();
    assert_eq!(
        (
            health.meta.created_at.as_str(),
            health.meta.updated_at.as_str()
        ),
        (SHIPPED_AT, SHIPPED_AT)
    );
    let found = store.search_professions("coopération").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].meta.id,
        shipped_id("professions", "cooperation-officer")
    );
    assert_eq!(
        store.get_resource("res1").unwrap().data.theme_ids,
        vec![
            shipped_id("themes", "health"),
            shipped_id("themes", "transport-mobility")
        ]
    );

    // The sharing's marks name the records under their new ids, and no old id.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let marks: Vec<(String, String)> = conn
        .prepare("SELECT entity, record_id FROM sync_changes")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (entity, table, key) in [
        ("organisation", "organisations", "mot"),
        ("theme", "themes", "health"),
        ("theme", "themes", "transport-mobility"),
        ("profession", "professions", "cooperation-officer"),
        ("territory", "territories", "fr-de"),
    ] {
        assert!(
            marks.contains(&(entity.to_string(), shipped_id(table, key))),
            "{entity} {key}: {marks:?}"
        );
    }
    for (_, key, old) in &ids {
        assert!(!marks.iter().any(|(_, id)| id == old), "{key}: {marks:?}");
    }
    let foreign: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(foreign, 0);
}
