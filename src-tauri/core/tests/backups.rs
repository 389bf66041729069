//! Backups on real files: automatic copies rotate at ten, a restore puts back exactly what the
//! copy held and keeps the database as it was, and a file that is not a sound Passerelle
//! database is refused without changing anything.

mod common;

use common::{expert, seeded_store};
use passerelle_core::store::backups::{backup_in, list_backups, AUTOMATIC_BACKUPS_KEPT};
use passerelle_core::{CoreError, Store};

fn expert_names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .search_experts(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.last_name)
        .collect();
    names.sort();
    names
}

#[test]
fn automatic_backups_keep_the_last_ten_and_are_openable() {
    let (dir, mut store) = seeded_store();
    let backups = dir.path().join("sauvegardes");
    // A file of the user's that happens to sit there is never removed by the rotation.
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join("notes.txt"), "à garder").unwrap();

    let mut written = Vec::new();
    for i in 0..13 {
        store
            .create_expert(&expert("Anna", &format!("Keller{i}")))
            .unwrap();
        written.push(store.automatic_backup(&backups).unwrap());
    }
    let listed = list_backups(&backups).unwrap();
    assert_eq!(listed.len(), AUTOMATIC_BACKUPS_KEPT);
    assert!(backups.join("notes.txt").exists());
    // The three oldest went; the newest is first in the list and holds all 13 experts.
    for old in &written[..3] {
        assert!(
            !old.exists(),
            "{} should have been rotated out",
            old.display()
        );
    }
    let newest = written.last().unwrap();
    assert_eq!(
        listed[0].file_name,
        newest.file_name().unwrap().to_string_lossy()
    );
    assert!(listed[0].size_bytes > 0);
    let copy = Store::open(newest).unwrap();
    assert_eq!(copy.counts().unwrap().experts, 13);
    assert_eq!(copy.integrity_check().unwrap(), "ok");
}

#[test]
fn a_restore_brings_back_the_copy_and_keeps_the_current_database() {
    let (dir, mut store) = seeded_store();
    store.create_expert(&expert("Anna", "Keller")).unwrap();
    let saved = dir.path().join("ma-sauvegarde.db");
    store.backup_to(&saved).unwrap();

    // Work done after the backup…
    store.create_expert(&expert("Luc", "Martin")).unwrap();
    assert_eq!(expert_names(&store), ["Keller", "Martin"]);

    let safety_dir = dir.path().join("sauvegardes");
    let report = store.restore_from(&saved, &safety_dir).unwrap();
    // …is gone from the database in use, which now holds what the backup held, searchable.
    assert_eq!(expert_names(&store), ["Keller"]);
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
    let safety = Store::open(std::path::Path::new(&report.safety_copy)).unwrap();
    assert_eq!(expert_names(&safety), ["Keller", "Martin"]);
    let listed = list_backups(&safety_dir).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0]
        .file_name
        .starts_with("passerelle-avant-restauration-"));

    // And the database file itself, reopened, has the restored content plus the new expert.
    let path = store.path().to_path_buf();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(expert_names(&reopened), ["Keller", "Nouveau"]);
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
        assert_eq!(expert_names(&store), ["Keller"]);
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
