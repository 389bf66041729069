//! Backups on real files: automatic copies are kept by generations and never written from a
//! damaged database, a restore puts back exactly what the copy held and keeps the database as it
//! was, and a file that is not a sound Passerelle database is refused without changing anything.

mod common;

use common::{expert, files_in, last_names, seeded_store};
use passerelle_core::store::backups::{backup_in, list_backups};
use passerelle_core::{CoreError, Store};

#[test]
fn automatic_backups_are_kept_by_generations_and_only_ours_are_removed() {
    let (dir, mut store) = seeded_store();
    let backups = dir.path().join("sauvegardes");
    std::fs::create_dir_all(&backups).unwrap();
    // Files the rotation must never remove: the user's, a safety copy, a name it cannot date.
    let untouchable = [
        "notes.txt",
        "passerelle-avant-restauration-20200101T000000Z-000.db",
        "passerelle-auto-copie.db",
    ];
    for name in untouchable {
        std::fs::write(backups.join(name), "à garder").unwrap();
    }
    // Automatic backups named as earlier releases did, in local time: one from 2020 (no
    // generation wants it) and one from yesterday (the newest of its day).
    let yesterday = chrono::Local::now() - chrono::Duration::days(1);
    let old_names = [
        "passerelle-auto-20200101-120000-000.db".to_string(),
        format!(
            "passerelle-auto-{}.db",
            yesterday.format("%Y%m%d-%H%M%S-%3f")
        ),
    ];
    for name in &old_names {
        store.backup_to(&backups.join(name)).unwrap();
    }

    let mut written = Vec::new();
    for i in 0..13 {
        store
            .create_expert(&expert("Anna", &format!("Keller{i}")))
            .unwrap();
        written.push(store.automatic_backup(&backups).unwrap());
    }
    // Today's thirteen: the seven newest stay (they are also the newest of today and of this
    // week); yesterday's stays as the newest of its day; 2020's goes.
    for old in &written[..6] {
        assert!(!old.exists(), "{} should have been removed", old.display());
    }
    for kept in &written[6..] {
        assert!(kept.exists(), "{} should have been kept", kept.display());
    }
    assert!(!backups.join(&old_names[0]).exists());
    assert!(backups.join(&old_names[1]).exists());
    for name in untouchable {
        assert_eq!(
            std::fs::read(backups.join(name)).unwrap(),
            "à garder".as_bytes()
        );
    }
    // Nothing half-written is left, and each name says its UTC time.
    let names: Vec<String> = files_in(&backups)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names.len(), untouchable.len() + 7 + 1, "{names:?}");
    let newest = written.last().unwrap();
    let newest_name = newest.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        newest_name.contains('T') && newest_name.contains("Z-"),
        "{newest_name}"
    );

    let listed = list_backups(&backups).unwrap();
    assert!(listed
        .iter()
        .any(|b| b.file_name == newest_name && b.size_bytes > 0));
    let copy = Store::open(newest).unwrap();
    assert_eq!(copy.counts().unwrap().experts, 13);
    assert_eq!(copy.integrity_check().unwrap(), "ok");
}

/// Overwrites the first bytes of the page holding the `experts` table's root, so that SQLite's
/// checks fail while the file still opens.
fn damage_experts_table(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'experts'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let page_size: i64 = conn
        .pragma_query_value(None, "page_size", |row| row.get(0))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    bytes[start..start + 12].fill(0xFF);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_database_writes_no_backup_and_keeps_the_existing_ones() {
    let (dir, mut store) = seeded_store();
    let backups = dir.path().join("sauvegardes");
    for i in 0..3 {
        store
            .create_expert(&expert("Anna", &format!("Keller{i}")))
            .unwrap();
        store.automatic_backup(&backups).unwrap();
    }
    let path = store.path().to_path_buf();
    store.close().unwrap();
    damage_experts_table(&path);
    let before = files_in(&backups);

    let store = Store::open(&path).unwrap();
    assert_ne!(store.integrity_check().unwrap(), "ok");
    let error = store.automatic_backup(&backups).unwrap_err();
    assert_eq!(error.kind(), "damagedDatabase", "{error}");
    let message = error.to_string();
    assert!(message.contains("semble endommagée"), "{message}");
    assert!(
        message.contains("les sauvegardes existantes ont été gardées"),
        "{message}"
    );
    assert_eq!(files_in(&backups), before);
}

#[test]
fn a_restore_brings_back_the_copy_and_keeps_the_current_database() {
    let (dir, mut store) = seeded_store();
    store.create_expert(&expert("Anna", "Keller")).unwrap();
    let saved = dir.path().join("ma-sauvegarde.db");
    store.backup_to(&saved).unwrap();

    // Work done after the backup…
    store.create_expert(&expert("Luc", "Martin")).unwrap();
    assert_eq!(last_names(&store), ["Keller", "Martin"]);

    let safety_dir = dir.path().join("sauvegardes");
    let report = store.restore_from(&saved, &safety_dir).unwrap();
    // …is gone from the database in use, which now holds what the backup held, searchable.
    assert_eq!(last_names(&store), ["Keller"]);
    let found = store
        .search_experts(&passerelle_core::model::ExpertFilter {
            query: "keller".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    store.create_expert(&expert("Paul", "Nouveau")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // …but kept in the safety copy, which the list offers.
    let safety = Store::open(std::path::Path::new(&report.safety_copy.unwrap())).unwrap();
    assert_eq!(last_names(&safety), ["Keller", "Martin"]);
    let listed = list_backups(&safety_dir).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0]
        .file_name
        .starts_with("passerelle-avant-restauration-"));

    // And the database file itself, reopened, has the restored content plus the new expert.
    let path = store.path().to_path_buf();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(last_names(&reopened), ["Keller", "Nouveau"]);
}

#[test]
fn files_that_are_not_sound_passerelle_databases_are_refused_and_nothing_changes() {
    let (dir, mut store) = seeded_store();
    store.create_expert(&expert("Anna", "Keller")).unwrap();
    let safety_dir = dir.path().join("sauvegardes");

    let garbage = dir.path().join("photo.db");
    std::fs::write(&garbage, b"\x89PNG\r\n\x1a\n not a database at all").unwrap();
    let other_sqlite = dir.path().join("autre.db");
    rusqlite::Connection::open(&other_sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = dir.path().join("future.db");
    store.backup_to(&newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let truncated = dir.path().join("tronquee.db");
    let full = dir.path().join("complete.db");
    store.backup_to(&full).unwrap();
    let bytes = std::fs::read(&full).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();

    for (file, expected) in [
        (&garbage, "n'est pas une sauvegarde de Passerelle"),
        (&other_sqlite, "n'est pas une sauvegarde de Passerelle"),
        (&newer, "version plus récente"),
        (&truncated, "n'est pas une sauvegarde de Passerelle"),
        (&dir.path().join("absente.db"), "introuvable"),
    ] {
        let error = store.restore_from(file, &safety_dir).unwrap_err();
        assert!(
            error.to_string().contains(expected),
            "{}: {error}",
            file.display()
        );
        assert_eq!(last_names(&store), ["Keller"]);
    }
    assert!(
        list_backups(&safety_dir).unwrap().is_empty(),
        "no safety copy for a refused file"
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_backup_is_only_found_by_its_plain_name_inside_the_folder() {
    let (dir, store) = seeded_store();
    let backups = dir.path().join("sauvegardes");
    let written = store.automatic_backup(&backups).unwrap();
    let name = written.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(backup_in(&backups, &name).unwrap(), written);
    for bad in ["../passerelle.db", "/etc/passwd", "passerelle.db", ""] {
        assert!(
            matches!(backup_in(&backups, bad), Err(CoreError::InvalidFile(_))),
            "{bad:?} accepted"
        );
    }
}

#[test]
fn a_backup_over_a_file_the_user_chose_to_replace_leaves_a_whole_copy_and_nothing_else() {
    let (dir, mut store) = seeded_store();
    store.create_expert(&expert("Matthias", "Weber")).unwrap();
    // « Sauvegarder » onto an old file of the same name that is not a database (or a copy
    // from long ago): the new copy replaces it whole.
    let target = dir.path().join("Passerelle sauvegarde.db");
    std::fs::write(&target, b"une ancienne note, pas une base").unwrap();
    store.backup_to(&target).unwrap();
    let copy = Store::open(&target).unwrap();
    assert!(last_names(&copy).contains(&"Weber".to_string()));
    drop(copy);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
