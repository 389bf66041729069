//! Rules of a training request and of its status history. Whether the organisations, the
//! territory, the themes, the professions and the Interreg programme it names exist is checked
//! by the store, inside the writing transaction.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

/// The largest group a request can announce.
pub const REQUEST_PARTICIPANTS_MAX: i64 = 10_000;

/// Checks a request as the form sends it. `previous_status` is the status it has now (`None`
/// for a new request): a reason is required only when the status moves to declined or dropped,
/// not each time a declined request is edited again.
pub fn check_request(
    input: &TrainingRequestInput,
    previous_status: Option<&str>,
) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "Le titre de la demande");
    check_request_texts(&mut c, input);
    if input.received_date.trim().is_empty() {
        c.add("receivedDate", "La date de réception est obligatoire.");
    } else if let Some(date) = c.date("receivedDate", &input.received_date, "La date de réception")
    {
        if date > chrono::Local::now().date_naive() {
            c.add(
                "receivedDate",
                "La date de réception ne peut pas être dans le futur.",
            );
        }
    }
    c.email("contactEmail", input.contact_email.trim());
    c.phone("contactPhone", input.contact_phone.trim());
    if let Some(count) = input.expected_participants {
        if !(1..=REQUEST_PARTICIPANTS_MAX).contains(&count) {
            c.add(
                "expectedParticipants",
                format!(
                    "Le nombre de participants attendus doit être compris entre 1 et {}.",
                    group_digits(REQUEST_PARTICIPANTS_MAX as usize)
                ),
            );
        }
    }
    for (i, language) in input.languages.iter().enumerate() {
        c.language(&format!("languages.{i}"), language);
    }
    if !input.format.is_empty() && RequestFormat::from_code(&input.format).is_none() {
        c.add(
            "format",
            format!(
                "Le format souhaité : valeur inconnue « {} ».",
                quoted(&input.format)
            ),
        );
    }
    c.code(
        "status",
        &input.status,
        RequestStatus::from_code,
        "Le statut",
    );
    let changes = previous_status != Some(input.status.as_str());
    if let Some(status) = RequestStatus::from_code(&input.status) {
        if changes && status.needs_reason() && input.status_reason.trim().is_empty() {
            c.add(
                "statusReason",
                format!(
                    "Indiquez pourquoi la demande est « {} » : le motif est obligatoire.",
                    status.label()
                ),
            );
        }
    }
    c.finish()
}

fn check_request_texts(c: &mut Checker, input: &TrainingRequestInput) {
    c.max_lens(&[
        ("title", &input.title, SHORT_MAX, "Le titre de la demande"),
        (
            "contactName",
            &input.contact_name,
            SHORT_MAX,
            "Le nom du contact",
        ),
        (
            "contactEmail",
            &input.contact_email,
            SHORT_MAX,
            "L'adresse e-mail du contact",
        ),
        (
            "contactPhone",
            &input.contact_phone,
            SHORT_MAX,
            "Le téléphone du contact",
        ),
        ("projectName", &input.project_name, SHORT_MAX, "Le projet"),
        ("audience", &input.audience, MEDIUM_MAX, "Le public visé"),
        (
            "desiredPeriod",
            &input.desired_period,
            SHORT_MAX,
            "La période souhaitée",
        ),
        ("need", &input.need, LONG_MAX, "Le besoin exprimé"),
        ("statusReason", &input.status_reason, MEDIUM_MAX, "Le motif"),
        ("notes", &input.notes, LONG_MAX, "Les notes internes"),
    ]);
}

/// Checks a request's history as an exchange file carries it: at least one entry, each dated
/// (RFC 3339) with a known status, a reason where the status needs one, and the last entry the
/// request's current status.
pub fn check_request_history(history: &[RequestStatusChange], status: &str) -> CoreResult<()> {
    let mut c = Checker::new();
    if history.is_empty() {
        c.add("history", "L'historique des statuts est vide.");
    }
    for (i, change) in history.iter().enumerate() {
        let field = format!("history.{i}");
        if chrono::DateTime::parse_from_rfc3339(&change.at).is_err() {
            c.add(
                &field,
                format!(
                    "La date « {} » de l'historique est illisible.",
                    quoted(&change.at)
                ),
            );
        }
        match RequestStatus::from_code(&change.status) {
            None => c.add(
                &field,
                format!(
                    "Statut inconnu « {} » dans l'historique.",
                    quoted(&change.status)
                ),
            ),
            Some(s) if s.needs_reason() && change.reason.trim().is_empty() => c.add(
                &field,
                format!(
                    "Le passage au statut « {} » n'indique pas de motif.",
                    s.label()
                ),
            ),
            Some(_) => {}
        }
        c.max_len(
            &field,
            &change.by,
            SHORT_MAX,
            "L'auteur d'un changement de statut",
        );
        c.max_len(
            &field,
            &change.reason,
            MEDIUM_MAX,
            "Le motif d'un changement de statut",
        );
    }
    if let Some(last) = history.last() {
        if last.status != status {
            c.add(
                "history",
                "Le dernier statut de l'historique n'est pas le statut de la demande.",
            );
        }
    }
    c.finish()
}
