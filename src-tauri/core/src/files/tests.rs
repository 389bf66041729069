use super::*;

struct Place {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
    backups: PathBuf,
}

fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let db = root.join("passerelle.db");
    std::fs::write(&db, b"SQLite format 3\0live").unwrap();
    let backups = root.join("sauvegardes");
    std::fs::create_dir(&backups).unwrap();
    Place {
        _dir: dir,
        root,
        db,
        backups,
    }
}

fn refusal(place: &Place, target: &Path) -> String {
    let error = check_user_target(target, &place.db, &place.backups).unwrap_err();
    assert_eq!(error.kind(), "invalidFile");
    error.to_string()
}

#[test]
fn the_database_in_use_is_refused_under_any_spelling() {
    let place = place();
    let via_dots = place.root.join("sauvegardes/../passerelle.db");
    for target in [&place.db, &via_dots] {
        let text = refusal(&place, target);
        assert!(
            text.ends_with("est la base de données en cours d'utilisation : choisissez un autre nom. Rien n'a été écrit."),
            "{text}"
        );
    }
    #[cfg(unix)]
    {
        let link = place.root.join("lien.db");
        std::os::unix::fs::symlink(&place.db, &link).unwrap();
        assert!(refusal(&place, &link).contains("base de données en cours d'utilisation"));
    }
}

#[test]
fn the_side_files_and_the_backups_folder_are_refused() {
    let place = place();
    for suffix in ["-wal", "-shm", "-journal"] {
        // They need not exist to be refused.
        let target = place.root.join(format!("passerelle.db{suffix}"));
        assert!(refusal(&place, &target).contains("fichier de travail de la base de données"));
    }
    let inside = place.backups.join("export.json");
    assert!(refusal(&place, &inside).contains("dossier des sauvegardes automatiques"));
    let nested = place.backups.join("nouveau/export.json");
    assert!(refusal(&place, &nested).contains("dossier des sauvegardes automatiques"));

    for fine in ["export.json", "passerelle.db.json", "sauvegardes.json"] {
        check_user_target(&place.root.join(fine), &place.db, &place.backups).unwrap();
    }
}

#[test]
fn a_refused_write_leaves_the_database_as_it_was() {
    let place = place();
    let protected = Protected {
        database: &place.db,
        backups_dir: &place.backups,
    };
    write_user_file(&place.db, b"export", Some(protected)).unwrap_err();
    assert_eq!(std::fs::read(&place.db).unwrap(), b"SQLite format 3\0live");
    // Another name beside it is written: the refusal is about the target, not the folder.
    let other = place.root.join("copie.db");
    write_user_file(&other, b"export", Some(protected)).unwrap();
    assert_eq!(std::fs::read(&other).unwrap(), b"export");
}

fn leftovers(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_write_replaces_the_target_whole_and_a_failed_one_touches_nothing() {
    let place = place();
    let target = place.root.join("programme.pdf");
    std::fs::write(&target, b"old version").unwrap();
    write_user_file(&target, b"new version", None).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new version");
    assert!(leftovers(&place.root).is_empty());

    // A folder in the target's place: the rename fails after the bytes were written.
    let folder_target = place.root.join("dossier.pdf");
    std::fs::create_dir(&folder_target).unwrap();
    std::fs::write(folder_target.join("dedans.txt"), b"kept").unwrap();
    let error = write_user_file(&folder_target, b"new version", None).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("impossible d'écrire «") && text.contains("dossier.pdf"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(folder_target.join("dedans.txt")).unwrap(),
        b"kept"
    );
    assert!(
        leftovers(&place.root).is_empty(),
        "{:?}",
        leftovers(&place.root)
    );

    // A folder that does not exist: nothing is created.
    let missing = place.root.join("absent/programme.pdf");
    assert!(write_user_file(&missing, b"x", None)
        .unwrap_err()
        .to_string()
        .contains("absent"));
    assert!(!place.root.join("absent").exists());
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_permissions_not_the_temporary_ones() {
    use std::os::unix::fs::PermissionsExt;
    let place = place();
    let target = place.root.join("export.csv");
    write_user_file(&target, b"a;b", None).unwrap();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_ne!(
        mode & 0o044,
        0,
        "readable by others as a plain write would be: {mode:o}"
    );
}

#[test]
fn a_bounded_read_refuses_what_is_over_the_limit() {
    let place = place();
    let file = place.root.join("import.csv");
    std::fs::write(&file, vec![b'a'; 1024 * 1024]).unwrap();
    assert_eq!(
        read_bounded(&file, 1024 * 1024, "pour un import")
            .unwrap()
            .len(),
        1024 * 1024
    );
    std::fs::write(&file, vec![b'a'; 1024 * 1024 + 1]).unwrap();
    let text = read_bounded(&file, 1024 * 1024, "pour un import")
        .unwrap_err()
        .to_string();
    assert!(
        text.ends_with("est trop volumineux pour un import : au plus 1 Mo. Rien n'a été modifié."),
        "{text}"
    );
}

#[test]
fn a_bounded_read_refuses_what_is_not_a_file() {
    let place = place();
    let text = read_bounded(&place.backups, 1024, "pour un import")
        .unwrap_err()
        .to_string();
    assert!(text.contains("n'est pas un fichier ordinaire"), "{text}");
    let missing = read_bounded(&place.root.join("absent.csv"), 1024, "pour un import")
        .unwrap_err()
        .to_string();
    assert!(missing.contains("impossible de lire «"), "{missing}");
}

#[cfg(target_os = "linux")]
#[test]
fn devices_and_pipes_are_refused_without_reading_them() {
    let place = place();
    let started = std::time::Instant::now();
    let text = read_bounded(Path::new("/dev/zero"), 1024, "pour un import")
        .unwrap_err()
        .to_string();
    assert!(text.contains("n'est pas un fichier ordinaire"), "{text}");

    // Opening a pipe would wait for a writer forever: it is refused before.
    let fifo = place.root.join("tube");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let text = read_bounded(&fifo, 1024, "pour un import")
        .unwrap_err()
        .to_string();
    assert!(text.contains("n'est pas un fichier ordinaire"), "{text}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
