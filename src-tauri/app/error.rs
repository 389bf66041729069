//! The error every command returns: `{kind, message, fields}`, built once from the core's
//! [`CoreError`], so the interface can show `message` in a notice and each of `fields` beside
//! its input.

use passerelle_core::{CoreError, FieldError};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{message}")]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// A stable code: validation, notFound, conflict, duplicate, inUse, databaseTooNew, storage…
    pub kind: String,
    /// A French sentence, ready to show.
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<CoreError> for CommandError {
    fn from(error: CoreError) -> Self {
        CommandError {
            kind: error.kind().into(),
            fields: error.fields(),
            message: error.to_string(),
        }
    }
}

impl CommandError {
    /// An unexpected failure of the application itself (a worker thread that died…).
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        CommandError {
            kind: "internal".into(),
            message: format!("Erreur interne de Passerelle : {detail}. Votre dernière action n'a pas été enregistrée."),
            fields: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_has_the_json_shape_the_interface_reads() {
        let error: CommandError = CoreError::field("email", "Adresse e-mail invalide.").into();
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "validation",
                "message": "Saisie incorrecte : Adresse e-mail invalide.",
                "fields": [{"field": "email", "message": "Adresse e-mail invalide."}]
            })
        );
    }
}
