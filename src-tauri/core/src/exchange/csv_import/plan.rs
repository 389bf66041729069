//! What the per-row plans of an import amount to: the preview shown before anything is
//! written, and the writes of one transaction under the user's choices, or the refusal that
//! lists the rejected lines.

use super::{
    CsvImportChoices, CsvImportPreview, CsvImportSummary, DuplicatePolicy, DuplicateRow,
    RejectedRow,
};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::exchange::text::{Separator, TextEncoding};
use crate::store::csv_import::CsvWrite;

/// A message as part of a sentence: first letter in lower case (unless it starts an acronym),
/// no final full stop.
fn clause(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            let mut out: String = first.to_lowercase().collect();
            out.push_str(&message[first.len_utf8()..]);
            out
        }
        _ => message.to_string(),
    }
}

/// One reason for a row from all its problems, those of the validation included:
/// "ligne 14 : adresse e-mail invalide (…) ; …".
pub(crate) fn row_reason(line: usize, problems: &[String], fields: &[FieldError]) -> String {
    let messages: Vec<String> = problems
        .iter()
        .map(String::as_str)
        .chain(fields.iter().map(|f| f.message.as_str()))
        .map(clause)
        .collect();
    format!("ligne {line} : {}", messages.join(" ; "))
}

/// What one row will do.
pub(crate) enum RowPlan<I> {
    New {
        input: I,
    },
    Matched {
        duplicate: DuplicateRow,
        version: i64,
        input: I,
    },
    Rejected(RejectedRow),
}

/// The plan of a whole file, made against the database as it is.
pub(crate) struct Plan<I> {
    pub encoding: TextEncoding,
    pub separator: Separator,
    pub ignored_columns: Vec<String>,
    pub rows: Vec<RowPlan<I>>,
}

impl<I> Plan<I> {
    pub fn preview(&self) -> CsvImportPreview {
        let mut preview = CsvImportPreview {
            encoding: self.encoding.label().into(),
            separator: self.separator.label().into(),
            rows: self.rows.len(),
            new: 0,
            updated: 0,
            unchanged: 0,
            duplicates: Vec::new(),
            rejected: Vec::new(),
            ignored_columns: self.ignored_columns.clone(),
        };
        for row in &self.rows {
            match row {
                RowPlan::New { .. } => preview.new += 1,
                RowPlan::Matched { duplicate, .. } => {
                    if duplicate.changed {
                        preview.updated += 1;
                    } else {
                        preview.unchanged += 1;
                    }
                    preview.duplicates.push(duplicate.clone());
                }
                RowPlan::Rejected(rejected) => preview.rejected.push(rejected.clone()),
            }
        }
        preview
    }

    /// The writes the user's choices call for, or the refusal when rows are rejected and the
    /// user did not choose to leave them out.
    pub fn into_writes(
        self,
        choices: &CsvImportChoices,
    ) -> CoreResult<(Vec<CsvWrite<I>>, CsvImportSummary)> {
        let rejected: Vec<&RejectedRow> = self
            .rows
            .iter()
            .filter_map(|row| match row {
                RowPlan::Rejected(rejected) => Some(rejected),
                _ => None,
            })
            .collect();
        if !rejected.is_empty() && !choices.skip_invalid {
            const SHOWN: usize = 10;
            let mut reasons: Vec<String> = rejected
                .iter()
                .take(SHOWN)
                .map(|r| r.reason.clone())
                .collect();
            if rejected.len() > SHOWN {
                reasons.push(format!("et {} autre(s)", rejected.len() - SHOWN));
            }
            return Err(CoreError::InvalidFile(format!(
                "Import refusé : {} ligne(s) ne peuvent pas être importées ({}). Corrigez le fichier, \
                 ou choisissez d'ignorer les lignes invalides. Rien n'a été modifié.",
                rejected.len(),
                reasons.join(" ; ")
            )));
        }
        let mut summary = CsvImportSummary {
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            rejected: rejected.len(),
        };
        let mut writes = Vec::new();
        for row in self.rows {
            match row {
                RowPlan::New { input } => {
                    summary.created += 1;
                    writes.push(CsvWrite::Create(input));
                }
                RowPlan::Matched {
                    duplicate,
                    version,
                    input,
                } => {
                    if !duplicate.changed {
                        summary.unchanged += 1;
                    } else if choices.on_duplicate == DuplicatePolicy::Skip {
                        summary.skipped += 1;
                    } else {
                        summary.updated += 1;
                        writes.push(CsvWrite::Update {
                            id: duplicate.existing_id,
                            version,
                            input,
                        });
                    }
                }
                RowPlan::Rejected(_) => {}
            }
        }
        Ok((writes, summary))
    }
}
