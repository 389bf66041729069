//! The sync layer's one error type. Every failure of a conversation with the team's server
//! becomes one of these, with a French message a user can act on; `is_offline` tells the
//! normal case (no network, server down) from the ones that need someone to look.

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No connection (no network, server stopped, connection cut mid-way): offline is normal.
    #[error(
        "Le serveur {server} est injoignable : la synchronisation reprendra quand il répondra."
    )]
    Unreachable { server: String },

    /// The server accepted the connection but did not answer in time.
    #[error("Le serveur {server} ne répond pas à temps : la synchronisation reprendra plus tard.")]
    Timeout { server: String },

    /// The secure connection could not be set up: usually a certificate the computer does not
    /// trust (expired, self-signed, intercepted by a proxy).
    #[error("La connexion sécurisée avec {server} a échoué (certificat non reconnu, expiré ou connexion interceptée) : {detail}. Vérifiez l'adresse du serveur ou demandez à son administrateur.")]
    Tls { server: String, detail: String },

    #[error("Le serveur a refusé l'identifiant ou le mot de passe.")]
    Unauthorized,

    #[error("Ce compte n'a pas accès à la base {database}.")]
    Forbidden { database: String },

    /// A setting of the « Partage » page is not usable; nothing was sent.
    #[error("{field} : {message}")]
    InvalidSetting {
        field: &'static str,
        message: String,
    },

    /// The server answered something the protocol does not allow.
    #[error("Réponse inattendue du serveur : {0}")]
    Protocol(String),

    /// The server refused one document of a batch (a validation function, a size limit…).
    #[error("Le serveur a refusé l'enregistrement {id} : {reason}")]
    Rejected { id: String, reason: String },

    /// Any other error status, with CouchDB's own explanation.
    #[error("Le serveur a répondu par une erreur (code {status}) : {reason}")]
    Server { status: u16, reason: String },

    /// The system's keychain could not keep or give the password (no keychain in this session,
    /// access refused): the message names the login and the server, never the password.
    #[error("{0}")]
    Keychain(String),

    /// The local database refused a step (disk full, file locked…): its own French message.
    /// What the sync had done so far is kept; the next one resumes there.
    #[error("{0}")]
    Local(#[from] crate::CoreError),
}

impl SyncError {
    /// The server cannot be reached right now: the sync waits and tries again, nobody is told
    /// anything is wrong.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            SyncError::Unreachable { .. } | SyncError::Timeout { .. }
        )
    }
}
