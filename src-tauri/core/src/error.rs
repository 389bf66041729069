//! The core's one error type. Each variant is raised where the problem is detected (validation,
//! the store's boundary, file I/O) and carries a French message a user can act on; the shell
//! turns it into `{kind, message, fields}` for the interface and the command line prints the
//! message.

use serde::Serialize;

/// A message tied to one field of a form or one column of an imported line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field's name as the interface knows it (camelCase, `languages.1.level` for items).
    pub field: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input breaks one or more rules; nothing was changed.
    #[error("{}", validation_summary(.fields))]
    Validation { fields: Vec<FieldError> },

    #[error(
        "{entity} est introuvable (identifiant {id}). Il a peut-être été supprimé entre-temps."
    )]
    NotFound { entity: &'static str, id: String },

    /// The record was changed since the user loaded it: the edit is refused, never merged blindly.
    #[error("{entity} a été modifié entre-temps (par une autre fenêtre ou un import). Rechargez la fiche pour voir la version actuelle, puis refaites votre modification.")]
    StaleVersion { entity: &'static str },

    /// A unique value (an event code, a reference key…) is already taken.
    #[error("{message}")]
    Duplicate { field: String, message: String },

    /// The record is still referenced and cannot be deleted.
    #[error("{message}")]
    InUse {
        message: String,
        references: Vec<String>,
    },

    #[error("Cette base de données a été écrite par une version plus récente de Passerelle (schéma {found}, cette version s'arrête au schéma {supported}). Installez la dernière version de Passerelle pour l'ouvrir ; le fichier n'a pas été modifié.")]
    DatabaseTooNew { found: i64, supported: i64 },

    #[error("Le fichier « {0} » n'est pas une base de données Passerelle, ou il est endommagé. Il n'a pas été modifié.")]
    NotADatabase(String),

    /// An existing file of 0 bytes: SQLite would silently turn it into a new, empty database.
    #[error("Le fichier « {0} » est vide (0 octet) : ce n'est pas une base Passerelle. Restaurez une sauvegarde ou indiquez un autre fichier. Il n'a pas été modifié.")]
    EmptyDatabase(String),

    /// A sound SQLite file written by another program: our tables are never added to it.
    #[error("Le fichier « {0} » est une base SQLite d'un autre logiciel, pas une base Passerelle. Indiquez un autre fichier ou restaurez une sauvegarde. Il n'a pas été modifié.")]
    ForeignDatabase(String),

    /// The path names a folder, a device or anything else than a plain file.
    #[error("« {0} » n'est pas un fichier (c'est un dossier ou un périphérique) : il ne peut pas servir de base Passerelle. Indiquez un fichier. Rien n'a été modifié.")]
    NotAFile(String),

    /// The open database fails SQLite's quick check: no automatic backup is written over the
    /// good ones.
    #[error("La base de données semble endommagée (contrôle SQLite : {0}). Aucune sauvegarde automatique n'a été faite et les sauvegardes existantes ont été gardées. Restaurez une sauvegarde depuis « Échanges ».")]
    DamagedDatabase(String),

    #[error("La mise à jour de la base de données a échoué : {0}. Le fichier d'origine a été sauvegardé avant la mise à jour.")]
    Migration(String),

    #[error("Erreur de la base de données : {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("Erreur de fichier : {0}")]
    Io(#[from] std::io::Error),

    #[error("Données de référence illisibles ({file}) : {message}")]
    Reference { file: &'static str, message: String },

    #[error("{0}")]
    Document(String),

    /// A file given to an import or a restore cannot be used as a whole (encoding, format,
    /// size, truncation, newer format version…); nothing was changed. The message names the
    /// file's problem and, where there is one, the line.
    #[error("{0}")]
    InvalidFile(String),

    /// The team sharing could not finish (server unreachable, login refused…): the message is
    /// `sync::SyncError`'s, in French; nothing local was lost.
    #[error("{0}")]
    Sync(String),
}

fn validation_summary(fields: &[FieldError]) -> String {
    match fields {
        [only] => format!("Saisie incorrecte : {}", only.message),
        _ => format!("{} champs sont à corriger.", fields.len()),
    }
}

impl CoreError {
    /// A stable, language-independent code for the interface to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Validation { .. } => "validation",
            CoreError::NotFound { .. } => "notFound",
            CoreError::StaleVersion { .. } => "conflict",
            CoreError::Duplicate { .. } => "duplicate",
            CoreError::InUse { .. } => "inUse",
            CoreError::DatabaseTooNew { .. } => "databaseTooNew",
            CoreError::Migration(_) => "migration",
            CoreError::NotADatabase(_) => "notADatabase",
            CoreError::EmptyDatabase(_) => "emptyDatabase",
            CoreError::ForeignDatabase(_) => "foreignDatabase",
            CoreError::NotAFile(_) => "notAFile",
            CoreError::DamagedDatabase(_) => "damagedDatabase",
            CoreError::Storage(_) => "storage",
            CoreError::Io(_) => "io",
            CoreError::Reference { .. } => "reference",
            CoreError::Document(_) => "document",
            CoreError::InvalidFile(_) => "invalidFile",
            CoreError::Sync(_) => "sync",
        }
    }

    /// Field-level messages, for the form to show beside each field.
    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            CoreError::Validation { fields } => fields.clone(),
            CoreError::Duplicate { field, message } => vec![FieldError {
                field: field.clone(),
                message: message.clone(),
            }],
            _ => Vec::new(),
        }
    }

    /// A validation error on a single field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Validation {
            fields: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
        }
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
