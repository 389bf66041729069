//! The sync password in the operating system's keychain (Windows Credential Manager, macOS
//! Keychain, the Secret Service of a Linux desktop), one entry per server and login. The
//! password never goes to the database: the window and the command line read it here when a
//! sync starts. Where no keychain answers (a Linux session without Secret Service, a CI
//! machine) every call fails with a French message saying so, and the caller decides (the
//! window keeps the password in memory for the session).
//!
//! No message built here carries the password: only the server, the login and the keychain's
//! own reason.

use super::SyncError;

/// The name the entries are filed under in the keychain, followed by the server's address so
/// that one login on two servers keeps two passwords.
const SERVICE: &str = "Passerelle";

/// Stores `password` for `user` on `server`, replacing the one kept before.
pub fn save_password(server: &str, user: &str, password: &str) -> Result<(), SyncError> {
    entry(server, user)?
        .set_password(password)
        .map_err(|error| failure("d'enregistrer", server, user, error))
}

/// The password kept for `user` on `server`, or `None` when there is none.
pub fn password(server: &str, user: &str) -> Result<Option<String>, SyncError> {
    match entry(server, user)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(failure("de lire", server, user, error)),
    }
}

/// Removes the password kept for `user` on `server`; nothing kept is not an error.
pub fn forget_password(server: &str, user: &str) -> Result<(), SyncError> {
    match entry(server, user)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(error) => Err(failure("d'effacer", server, user, error)),
    }
}

/// The address as the key of an entry: « https://couch.example/ » and « https://couch.example »
/// are one server.
fn server_key(server: &str) -> &str {
    server.trim().trim_end_matches('/')
}

fn entry(server: &str, user: &str) -> Result<keyring::Entry, SyncError> {
    let service = format!("{SERVICE} {}", server_key(server));
    keyring::Entry::new(&service, user.trim())
        .map_err(|error| failure("d'ouvrir", server, user, error))
}

/// A French message for a keychain failure, naming what was attempted and for whom. The
/// keychain's own errors never hold the password (it is not in their arguments).
fn failure(action: &str, server: &str, user: &str, error: keyring::Error) -> SyncError {
    let reason = match error {
        keyring::Error::NoStorageAccess(detail) | keyring::Error::PlatformFailure(detail) => {
            format!("le trousseau de mots de passe du système ne répond pas ({detail})")
        }
        keyring::Error::TooLong(field, limit) => {
            format!("« {field} » dépasse la longueur que le trousseau accepte ({limit})")
        }
        keyring::Error::BadEncoding(_) => "le mot de passe gardé n'est pas un texte lisible".into(),
        other => other.to_string(),
    };
    SyncError::Keychain(format!(
        "Impossible {action} le mot de passe de « {} » pour {} dans le trousseau : {reason}.",
        user.trim(),
        server_key(server)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_with_or_without_its_final_slash_is_one_entry() {
        assert_eq!(
            server_key(" https://couch.example/ "),
            "https://couch.example"
        );
        assert_eq!(server_key("https://couch.example"), "https://couch.example");
    }
}
