//! The user's files: writing a document, an export or a backup where the user asked, and
//! reading a file to import or restore, for the window and the command line alike.
//!
//! A write never damages what it replaces: the bytes go to a temporary file in the same folder,
//! are flushed to the disk, and only then take the target's name (a rename, atomic on the same
//! file system). A target that is the database in use, one of its SQLite side files, or inside
//! the automatic backups folder is refused before anything is written: "save as" onto the live
//! database would destroy it.
//!
//! A read is bounded by what is read, not by what the file system says: a file that grows, a
//! device such as `/dev/zero` or a named pipe never fill the memory.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::{CoreError, CoreResult};

/// The files a user's write must never replace.
#[derive(Debug, Clone, Copy)]
pub struct Protected<'a> {
    /// The database in use (its `-wal`, `-shm` and `-journal` files are protected with it).
    pub database: &'a Path,
    /// The folder of the automatic backups.
    pub backups_dir: &'a Path,
}

/// Refuses a target that is the database in use, one of its side files, or inside the backups
/// folder. Paths are compared once resolved (links, `..`, relative paths), and without regard
/// to case where the file system usually ignores it (Windows, macOS).
pub fn check_user_target(target: &Path, db_path: &Path, backups_dir: &Path) -> CoreResult<()> {
    let shown = target.display();
    let target_key = comparable(&resolved(target));
    let database = resolved(db_path);
    if target_key == comparable(&database) {
        return Err(CoreError::InvalidFile(format!(
            "« {shown} » est la base de données en cours d'utilisation : choisissez un autre nom. Rien n'a été écrit."
        )));
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = database.clone().into_os_string();
        side.push(suffix);
        if target_key == comparable(Path::new(&side)) {
            return Err(CoreError::InvalidFile(format!(
                "« {shown} » est un fichier de travail de la base de données en cours d'utilisation : choisissez un autre nom. Rien n'a été écrit."
            )));
        }
    }
    let backups = comparable(&resolved(backups_dir));
    if target_key.starts_with(&backups) {
        return Err(CoreError::InvalidFile(format!(
            "« {shown} » est dans le dossier des sauvegardes automatiques de Passerelle ({}) : choisissez un autre dossier. Rien n'a été écrit.",
            backups_dir.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `target` whole or not at all: through a temporary file in the same folder,
/// flushed to the disk, then renamed over the target. On failure the target is as it was, the
/// temporary file is removed and the message names the file. With `protected`, the database
/// and the backups are refused as targets first ([`check_user_target`]).
pub fn write_user_file(
    target: &Path,
    bytes: &[u8],
    protected: Option<Protected<'_>>,
) -> CoreResult<()> {
    if let Some(protected) = protected {
        check_user_target(target, protected.database, protected.backups_dir)?;
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let failed = |error: std::io::Error| write_error(target, error);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".passerelle-").suffix(".tmp");
    // The same permissions as any new file of the user's (the umask applies), not the
    // temporary file's private 0600: an export is often meant for colleagues.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    // A failed rename hands the temporary file back in the error, which removes it when dropped.
    temporary
        .persist(target)
        .map_err(|error| failed(error.error))?;
    #[cfg(unix)]
    if let Ok(folder) = File::open(folder) {
        // The rename itself reaches the disk with the folder's entry; a failure here leaves a
        // complete file, only perhaps not yet durable, so it is not reported.
        let _ = folder.sync_all();
    }
    Ok(())
}

fn write_error(target: &Path, error: std::io::Error) -> CoreError {
    CoreError::Io(std::io::Error::new(
        error.kind(),
        format!(
            "impossible d'écrire « {} » ({error}). Choisissez un autre dossier ; aucun fichier existant n'a été modifié.",
            target.display()
        ),
    ))
}

/// Reads a regular file of at most `max_bytes`. A folder, a device or a pipe is refused, and so
/// is a file over the limit, whatever its size on disk claims: at most `max_bytes + 1` bytes are
/// ever read. `what` ends the refusal's sentence: "pour un import".
pub fn read_bounded(path: &Path, max_bytes: u64, what: &str) -> CoreResult<Vec<u8>> {
    let shown = path.display();
    let unreadable = |error: std::io::Error| {
        CoreError::Io(std::io::Error::new(
            error.kind(),
            format!("impossible de lire « {shown} » ({error})"),
        ))
    };
    let not_a_file = || {
        CoreError::InvalidFile(format!(
            "« {shown} » n'est pas un fichier ordinaire (c'est un dossier, un périphérique ou un tube) : choisissez un fichier. Rien n'a été modifié."
        ))
    };
    // Checked before opening, because opening a named pipe waits for a writer.
    if !std::fs::metadata(path).map_err(unreadable)?.is_file() {
        return Err(not_a_file());
    }
    let file = File::open(path).map_err(unreadable)?;
    // Checked again on what was opened, in case the path changed in between.
    if !file.metadata().map_err(unreadable)?.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(CoreError::InvalidFile(format!(
            "« {shown} » est trop volumineux {what} : au plus {} Mo. Rien n'a été modifié.",
            megabytes(max_bytes)
        )));
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{},{}", tenths / 10, tenths % 10)
    }
}

/// The path with links and `..` resolved. A target that does not exist yet is its resolved
/// folder joined with its name; a folder that does not exist either is taken as written, made
/// absolute, with `.` and `..` removed.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) {
        if let Ok(real) = std::fs::canonicalize(parent) {
            return real.join(name);
        }
    }
    let mut clean = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// A resolved path as compared: case folded where the file system usually ignores case.
fn comparable(path: &Path) -> PathBuf {
    if cfg!(any(windows, target_os = "macos")) {
        PathBuf::from(path.to_string_lossy().to_lowercase())
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests;
