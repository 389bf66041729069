//! How a refused file is reported: one French message naming each problem and its record,
//! ending in "nothing was changed", as [`CoreError::InvalidFile`].

use super::MAX_FILE_BYTES;
use crate::error::CoreError;
use crate::validation::quoted;

pub(super) fn refuse(message: impl Into<String>) -> CoreError {
    CoreError::InvalidFile(message.into())
}

/// Problems found in the file's records, reported together.
pub(super) fn refuse_problems(problems: Vec<String>) -> CoreError {
    const SHOWN: usize = 12;
    match problems.as_slice() {
        [only] => refuse(format!(
            "Le fichier ne peut pas être importé, rien n’a été modifié. {only}"
        )),
        _ => {
            let mut message = format!(
                "Le fichier ne peut pas être importé, rien n’a été modifié. {} problèmes :",
                problems.len()
            );
            for problem in problems.iter().take(SHOWN) {
                message.push_str("\n• ");
                message.push_str(problem);
            }
            if problems.len() > SHOWN {
                message.push_str(&format!("\n… et {} autre(s).", problems.len() - SHOWN));
            }
            refuse(message)
        }
    }
}

pub(super) fn too_large(size: u64) -> CoreError {
    refuse(format!(
        "Ce fichier est trop volumineux pour un import ({} Mo ; au plus {} Mo). Rien n’a été modifié.",
        size.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// A record as a message names it: `Expert « Anna Schäfer » (identifiant …)`.
pub(super) fn who(entity_label: &str, label: &str, id: &str) -> String {
    // Both come from the file, unchecked yet: a message quotes their start only.
    let (label, id) = (quoted(label), quoted(id));
    if label.is_empty() {
        format!("{entity_label} (identifiant {id})")
    } else {
        format!("{entity_label} « {label} » (identifiant {id})")
    }
}
