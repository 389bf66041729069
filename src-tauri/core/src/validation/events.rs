//! Rules of an event and of a session within its event's dates.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_event(input: &EventInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("code", &input.code, "Le code");
    c.required("title", &input.title, "Le titre");
    check_event_texts(&mut c, input);
    super::logistics::check_partner_texts(&mut c, input);
    c.code(
        "kind",
        &input.kind,
        EventKind::from_code,
        "Le type d'événement",
    );
    c.code("status", &input.status, EventStatus::from_code, "Le statut");
    let start = if input.start_date.is_empty() {
        c.add("startDate", "La date de début est obligatoire.");
        None
    } else {
        c.date("startDate", &input.start_date, "La date de début")
    };
    let end = if input.end_date.is_empty() {
        c.add("endDate", "La date de fin est obligatoire.");
        None
    } else {
        c.date("endDate", &input.end_date, "La date de fin")
    };
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            c.add(
                "endDate",
                "La date de fin doit être égale ou postérieure à la date de début.",
            );
        }
    }
    c.country("country", &input.country);
    c.email("contactEmail", &input.contact_email);
    c.phone("contactPhone", &input.contact_phone);
    for (i, organiser) in input.organisers.iter().enumerate() {
        if OrganiserRole::from_code(&organiser.role).is_none() {
            c.add(
                format!("organisers.{i}.role"),
                "Rôle inconnu pour cette structure.",
            );
        }
    }
    for (i, language) in input.languages.iter().enumerate() {
        c.language(&format!("languages.{i}"), language);
    }
    for (i, objective) in input.objectives.iter().enumerate() {
        if objective.trim().is_empty() {
            c.add(
                format!("objectives.{i}"),
                "Cet objectif est vide : complétez-le ou retirez-le.",
            );
        }
    }
    // Bounded together: a thousand short objectives print as many pages as one long text.
    let objectives: usize = input.objectives.iter().map(|o| o.chars().count()).sum();
    if objectives > LONG_MAX {
        c.add(
            "objectives",
            format!(
                "Les objectifs dépassent {} caractères au total ({} saisis).",
                group_digits(LONG_MAX),
                group_digits(objectives)
            ),
        );
    }
    if let Some(capacity) = input.capacity {
        if !(1..=100_000).contains(&capacity) {
            c.add(
                "capacity",
                "La capacité doit être un nombre de places positif.",
            );
        }
    }
    c.finish()
}

fn check_event_texts(c: &mut Checker, input: &EventInput) {
    c.max_lens(&[
        ("code", &input.code, CODE_MAX, "Le code"),
        ("title", &input.title, SHORT_MAX, "Le titre"),
        ("subtitle", &input.subtitle, SHORT_MAX, "Le sous-titre"),
        ("venue", &input.venue, SHORT_MAX, "Le lieu"),
        ("address", &input.address, SHORT_MAX, "L'adresse"),
        ("city", &input.city, SHORT_MAX, "La ville"),
        ("audience", &input.audience, MEDIUM_MAX, "Le public visé"),
        (
            "prerequisites",
            &input.prerequisites,
            LONG_MAX,
            "Les prérequis",
        ),
        ("summary", &input.summary, LONG_MAX, "La présentation"),
        (
            "teachingMethods",
            &input.teaching_methods,
            LONG_MAX,
            "Les méthodes pédagogiques",
        ),
        (
            "evaluationMethods",
            &input.evaluation_methods,
            LONG_MAX,
            "Les modalités d'évaluation",
        ),
        (
            "accessibility",
            &input.accessibility,
            LONG_MAX,
            "L'accessibilité",
        ),
        (
            "accessibilityContact",
            &input.accessibility_contact,
            SHORT_MAX,
            "Le contact handicap",
        ),
        ("price", &input.price, MEDIUM_MAX, "Le tarif"),
        (
            "accessTerms",
            &input.access_terms,
            LONG_MAX,
            "Les modalités d'accès",
        ),
        (
            "interpretation",
            &input.interpretation,
            MEDIUM_MAX,
            "L'interprétation",
        ),
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
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
}

/// Checks a session on its own and against its event's dates.
pub fn check_session(input: &SessionInput, event: &EventInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "Le titre");
    c.max_lens(&[
        ("title", &input.title, SHORT_MAX, "Le titre"),
        (
            "description",
            &input.description,
            LONG_MAX,
            "La description",
        ),
        ("place", &input.place, SHORT_MAX, "Le lieu"),
    ]);
    c.code(
        "kind",
        &input.kind,
        SessionKind::from_code,
        "Le type de séquence",
    );
    c.language("language", &input.language);
    super::logistics::check_session_partner_texts(&mut c, input);
    let date = if input.date.is_empty() {
        c.add("date", "La date est obligatoire.");
        None
    } else {
        c.date("date", &input.date, "La date")
    };
    let start = c.time("startTime", &input.start_time, "L'heure de début");
    let end = c.time("endTime", &input.end_time, "L'heure de fin");
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            c.add(
                "endTime",
                "L'heure de fin doit être après l'heure de début.",
            );
        }
    }
    if let (Some(date), Some(first), Some(last)) = (
        date,
        parse_date(&event.start_date),
        parse_date(&event.end_date),
    ) {
        if date < first || date > last {
            c.add(
                "date",
                format!(
                    "La séquence doit avoir lieu pendant l'événement, du {} au {}.",
                    first.format("%d/%m/%Y"),
                    last.format("%d/%m/%Y")
                ),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, speaker) in input.speakers.iter().enumerate() {
        if SpeakerRole::from_code(&speaker.role).is_none() {
            c.add(
                format!("speakers.{i}.role"),
                "Rôle inconnu pour cet intervenant.",
            );
        }
        if seen.contains(&speaker.expert_id.as_str()) {
            c.add(
                format!("speakers.{i}.expertId"),
                "Cet intervenant figure déjà dans la séquence.",
            );
        }
        seen.push(&speaker.expert_id);
    }
    c.finish()
}
