//! The « Partage » settings as the client takes them: the server's address and the database's
//! name checked before anything is sent, each refusal naming its field.

use reqwest::Url;

use crate::sync::SyncError;

pub(super) const SERVER_FIELD: &str = "Adresse du serveur";
const DATABASE_FIELD: &str = "Base";
/// CouchDB's own limit on a database name's length.
const DATABASE_NAME_MAX: usize = 238;

/// Where the team's database is; the password never stored by this type's owner.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteConfig {
    pub server: String,
    pub database: String,
    pub user: String,
    pub password: String,
}

/// Written by hand so that a log or a panic message never shows the password.
impl std::fmt::Debug for RemoteConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteConfig")
            .field("server", &self.server)
            .field("database", &self.database)
            .field("user", &self.user)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .finish()
    }
}

/// The server's base URL, or the refusal naming the field.
pub(super) fn server_url(server: &str) -> Result<Url, SyncError> {
    if server.is_empty() {
        return Err(invalid(
            SERVER_FIELD,
            "indiquez l'adresse du serveur (https://…).",
        ));
    }
    let url = Url::parse(server).map_err(|_| {
        invalid(
            SERVER_FIELD,
            &format!(
                "« {server} » n'est pas une adresse web complète (https://serveur.exemple.fr)."
            ),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(
            SERVER_FIELD,
            "l'adresse doit commencer par https://.",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            SERVER_FIELD,
            "l'adresse ne doit contenir ni « ? » ni « # » : seulement le serveur et, au besoin, son chemin.",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            SERVER_FIELD,
            "l'identifiant et le mot de passe se saisissent dans leurs propres champs, pas dans l'adresse.",
        ));
    }
    let Some(host) = url.host_str() else {
        return Err(invalid(SERVER_FIELD, "l'adresse ne nomme aucun serveur."));
    };
    let local = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    if url.scheme() == "http" && !local {
        return Err(invalid(
            SERVER_FIELD,
            "une connexion chiffrée est exigée : l'adresse doit commencer par https:// (http:// n'est admis que pour cet ordinateur, localhost).",
        ));
    }
    Ok(url)
}

pub(super) fn check_database_name(name: &str) -> Result<(), SyncError> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c));
    if name.is_empty() {
        return Err(invalid(
            DATABASE_FIELD,
            "indiquez le nom de la base partagée.",
        ));
    }
    if !first_ok || !rest_ok || name.len() > DATABASE_NAME_MAX {
        return Err(invalid(
            DATABASE_FIELD,
            &format!("« {name} » n'est pas un nom de base CouchDB : une lettre minuscule d'abord, puis des minuscules sans accent, des chiffres ou _ $ ( ) + / - ({DATABASE_NAME_MAX} caractères au plus)."),
        ));
    }
    Ok(())
}

pub(super) fn invalid(field: &'static str, message: &str) -> SyncError {
    SyncError::InvalidSetting {
        field,
        message: message.to_string(),
    }
}
