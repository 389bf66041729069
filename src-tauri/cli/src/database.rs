//! Where the database file is, for the window and the command line alike: `--db FILE`, else
//! `PASSERELLE_DB`, else `passerelle.db` in the application's data folder. The window calls
//! the same [`DbChoice::resolve`], so both always open the same file.

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

    /// The database file: the override, else `data_dir()/fr.mot-cnfpt.passerelle/passerelle.db`
    /// (the folder Tauri's `app_data_dir` names on Linux, Windows and macOS). `None` only when
    /// the operating system gives no data folder: see [`NO_DATA_DIR`].
    pub fn resolve(&self) -> Option<PathBuf> {
        self.resolve_override()
            .or_else(|| dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER).join(DB_FILE_NAME)))
    }
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
