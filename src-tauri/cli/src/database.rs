//! Where the database file is, for the window and the command line alike: `--db FILE`, else
//! `PASSERELLE_DB`, else `passerelle.db` in the application's local data folder. The window
//! calls the same [`DbChoice::resolve`], so both always open the same file.
//!
//! The local folder, not the roaming one: on Windows `%APPDATA%` is often a network share,
//! where SQLite's write-ahead log is unsafe. A database that an earlier version left in the
//! roaming folder is moved to the local one on first start ([`settle_default_location`]).

use std::path::{Path, PathBuf};

/// The application's identifier, as in `tauri.conf.json` (a test checks they agree): the name
/// of its folder in the user's data directory.
pub const APP_IDENTIFIER: &str = "fr.mot-cnfpt.passerelle";

/// The file name of the database inside the app-data directory.
pub const DB_FILE_NAME: &str = "passerelle.db";

/// The folder of automatic backups and safety copies, beside the database file.
pub const BACKUP_FOLDER: &str = "sauvegardes";

/// Said when the operating system gives no data folder and no file was named.
pub const NO_DATA_DIR: &str =
    "Impossible de trouver le dossier de données de l'utilisateur : indiquez --db FICHIER.";

/// Where the database file comes from, in order of precedence.
#[derive(Debug, Clone, Default)]
pub struct DbChoice {
    /// `--db FILE` on the command line.
    pub explicit: Option<PathBuf>,
}

impl DbChoice {
    /// `--db`, else `PASSERELLE_DB`, else `None` (the app-data directory is then used).
    pub fn resolve_override(&self) -> Option<PathBuf> {
        self.explicit.clone().or_else(|| {
            std::env::var_os("PASSERELLE_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// The database file: the override, else
    /// `data_local_dir()/fr.mot-cnfpt.passerelle/passerelle.db` (`~/.local/share/…` on Linux,
    /// `%LOCALAPPDATA%\…` on Windows, `~/Library/Application Support/…` on macOS), after moving
    /// there a database an earlier version kept in the roaming folder. `None` only when the
    /// operating system gives no data folder: see [`NO_DATA_DIR`].
    pub fn resolve(&self) -> Option<PathBuf> {
        if let Some(path) = self.resolve_override() {
            return Some(path);
        }
        let local = dirs::data_local_dir()?.join(APP_IDENTIFIER);
        if let Some(roaming) = dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER)) {
            if let Err(error) = settle_default_location(&local, &roaming) {
                eprintln!(
                    "La base de {} n'a pas pu être déplacée vers {} : {error}",
                    roaming.display(),
                    local.display()
                );
            }
        }
        Some(local.join(DB_FILE_NAME))
    }
}

/// Moves the database (with its write-ahead log and its backups folder) from the folder an
/// earlier version used, `old_dir`, to `new_dir`, when `new_dir` has none yet. Nothing happens
/// when both are the same folder (Linux, macOS) or when `new_dir` already has a database. A
/// move across volumes falls back to a copy of the database files, leaving the old ones; a
/// file is never deleted. Returns whether a database was moved.
pub fn settle_default_location(new_dir: &Path, old_dir: &Path) -> std::io::Result<bool> {
    let old_db = old_dir.join(DB_FILE_NAME);
    let new_db = new_dir.join(DB_FILE_NAME);
    if new_dir == old_dir || new_db.exists() || !old_db.is_file() {
        return Ok(false);
    }
    std::fs::create_dir_all(new_dir)?;
    let companions = ["-wal", "-shm"].map(|suffix| format!("{DB_FILE_NAME}{suffix}"));
    if std::fs::rename(&old_db, &new_db).is_ok() {
        for name in &companions {
            if old_dir.join(name).exists() {
                std::fs::rename(old_dir.join(name), new_dir.join(name))?;
            }
        }
        let old_backups = old_dir.join(BACKUP_FOLDER);
        if old_backups.is_dir() && !new_dir.join(BACKUP_FOLDER).exists() {
            // Backups are worth keeping, not worth failing the start for.
            let _ = std::fs::rename(&old_backups, new_dir.join(BACKUP_FOLDER));
        }
        return Ok(true);
    }
    // Another volume: copy the log first, so that the database never appears without it.
    for name in &companions[..1] {
        if old_dir.join(name).exists() {
            std::fs::copy(old_dir.join(name), new_dir.join(name))?;
        }
    }
    let partial = new_dir.join(format!("{DB_FILE_NAME}.copie"));
    std::fs::copy(&old_db, &partial)?;
    std::fs::rename(&partial, &new_db)?;
    Ok(true)
}

/// The database a second launch asked for with `--db`, when it is not `current` (the window's
/// own): `args` is that launch's command line, `cwd` its working folder.
pub fn other_database_asked(args: &[String], cwd: &str, current: &Path) -> Option<PathBuf> {
    let mut asked = None;
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        if word == "--db" {
            asked = words.next().cloned();
        } else if let Some(value) = word.strip_prefix("--db=") {
            asked = Some(value.to_string());
        }
    }
    let asked = Path::new(cwd).join(asked?);
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    (!same(&asked, current)).then_some(asked)
}

/// Where automatic backups and the copies kept before a restore go: beside the database.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(|dir| dir.join(BACKUP_FOLDER))
        .unwrap_or_else(|| PathBuf::from(BACKUP_FOLDER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_left_in_the_old_folder_moves_with_its_log_and_backups() {
        let root = tempfile::tempdir().unwrap();
        let (old, new) = (root.path().join("Roaming"), root.path().join("Local"));
        std::fs::create_dir_all(old.join(BACKUP_FOLDER)).unwrap();
        std::fs::write(old.join(DB_FILE_NAME), b"base").unwrap();
        std::fs::write(old.join("passerelle.db-wal"), b"journal").unwrap();
        std::fs::write(
            old.join(BACKUP_FOLDER).join("passerelle-auto-1.db"),
            b"copie",
        )
        .unwrap();

        assert!(settle_default_location(&new, &old).unwrap());
        assert_eq!(std::fs::read(new.join(DB_FILE_NAME)).unwrap(), b"base");
        assert_eq!(
            std::fs::read(new.join("passerelle.db-wal")).unwrap(),
            b"journal"
        );
        assert!(new
            .join(BACKUP_FOLDER)
            .join("passerelle-auto-1.db")
            .is_file());
        assert!(!old.join(DB_FILE_NAME).exists());

        // Next start: the new place has its database, the old one is left alone.
        std::fs::write(old.join(DB_FILE_NAME), b"autre").unwrap();
        assert!(!settle_default_location(&new, &old).unwrap());
        assert_eq!(std::fs::read(new.join(DB_FILE_NAME)).unwrap(), b"base");
        assert_eq!(std::fs::read(old.join(DB_FILE_NAME)).unwrap(), b"autre");
    }

    #[test]
    fn the_same_folder_or_no_old_database_moves_nothing() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(DB_FILE_NAME), b"base").unwrap();
        assert!(!settle_default_location(root.path(), root.path()).unwrap());
        let empty = root.path().join("vide");
        assert!(!settle_default_location(&root.path().join("neuf"), &empty).unwrap());
        assert!(!root.path().join("neuf").exists());
    }

    #[test]
    fn a_second_launch_on_another_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let current = dir.path().join("passerelle.db");
        std::fs::write(&current, b"").unwrap();
        let cwd = dir.path().to_str().unwrap();
        let args = |extra: &[&str]| {
            std::iter::once("passerelle")
                .chain(extra.iter().copied())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            other_database_asked(&args(&["--db", "autre.db"]), cwd, &current),
            Some(dir.path().join("autre.db"))
        );
        assert_eq!(
            other_database_asked(&args(&["--db=autre.db"]), cwd, &current),
            Some(dir.path().join("autre.db"))
        );
        assert_eq!(
            other_database_asked(&args(&["--db", "passerelle.db"]), cwd, &current),
            None
        );
        assert_eq!(other_database_asked(&args(&[]), cwd, &current), None);
    }

    #[test]
    fn an_explicit_file_wins_and_backups_go_beside_it() {
        let choice = DbChoice {
            explicit: Some(PathBuf::from("/données/équipe/passerelle.db")),
        };
        assert_eq!(
            choice.resolve(),
            Some(PathBuf::from("/données/équipe/passerelle.db"))
        );
        assert_eq!(
            backups_dir(&choice.resolve().unwrap()),
            PathBuf::from("/données/équipe/sauvegardes")
        );
    }
}
