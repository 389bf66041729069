//! The rules of the coherence check, one function each; `check` (mod.rs) gathers and orders
//! their findings.

use std::collections::HashMap;

use super::{EventFacts, Finding, SpeakerFacts, Target};
use crate::codes::language_label;
use crate::completeness::missing_fields;
use crate::documents::dates::long_date;
use crate::model::{Event, LanguageLevel, PartnerLanguage, Session};

/// "mardi 3 mars 2026", or the text as it is when it is not an ISO date.
fn in_words(iso: &str) -> String {
    crate::agenda::parse_iso_date(iso).map_or_else(|| iso.to_string(), long_date)
}

/// "« Title » (mardi 3 mars 2026)": how a finding names a session.
fn named(session: &Session) -> String {
    format!(
        "« {} » ({})",
        session.data.title,
        in_words(&session.data.date)
    )
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// One finding per required programme item missing, pointing at its field of the event form.
pub(super) fn missing_items(event: &Event, session_count: usize) -> Vec<Finding> {
    missing_fields(event, session_count as i64)
        .into_iter()
        .map(|(item, field)| {
            Finding::new(
                "missingItem",
                format!("Le programme ne renseigne pas : {item}."),
                Target::event(event, field),
                "",
            )
        })
        .collect()
}

/// Sessions dated before the event starts or after it ends (its dates changed since).
pub(super) fn outside_dates(facts: &EventFacts) -> Vec<Finding> {
    let d = &facts.event.data;
    if d.start_date.is_empty() || d.end_date.is_empty() {
        return Vec::new();
    }
    facts
        .sessions
        .iter()
        .filter(|s| s.data.date < d.start_date || s.data.date > d.end_date)
        .map(|session| {
            let message = format!(
                "{} a lieu en dehors des dates de l'événement (du {} au {}).",
                named(session),
                in_words(&d.start_date),
                in_words(&d.end_date)
            );
            Finding::new(
                "outsideDates",
                message,
                Target::session(session, "date"),
                &session.data.date,
            )
        })
        .collect()
}

/// The store's agenda warnings (holidays, overlaps, speakers booked elsewhere at that time, in
/// any event), each naming the session it concerns.
pub(super) fn from_conflicts(facts: &EventFacts) -> Vec<Finding> {
    let by_id: HashMap<&str, &Session> = facts
        .sessions
        .iter()
        .map(|s| (s.meta.id.as_str(), s))
        .collect();
    let mut findings = Vec::new();
    for conflict in facts.conflicts {
        let Some(session) = by_id.get(conflict.session_id.as_str()) else {
            continue;
        };
        let day = in_words(&session.data.date);
        let (kind, field, message) = match conflict.kind.as_str() {
            // "Le samedi 3 octobre… est un jour férié…" names the day already.
            "holiday" => (
                "holiday",
                "date",
                format!(
                    "« {} » : {}",
                    session.data.title,
                    lowercase_first(&conflict.message)
                ),
            ),
            // Names both sessions already.
            "overlap" => (
                "overlap",
                "startTime",
                format!("Le {day} : {}", conflict.message),
            ),
            "speakerBusy" => (
                "speakerBusy",
                "speakers",
                format!("{} : {}", named(session), conflict.message),
            ),
            _ => continue,
        };
        findings.push(Finding::new(
            kind,
            message,
            Target::session(session, field),
            &session.data.date,
        ));
    }
    findings
}

/// The level a speaker needs to hold a session in a language.
const SPEAKING_LEVEL: LanguageLevel = LanguageLevel::B2;

fn speaks(speaker: &SpeakerFacts, language: &str) -> bool {
    speaker.languages.iter().any(|skill| {
        skill.language == language
            // A level the check does not know is taken at its word.
            && LanguageLevel::from_code(&skill.level)
                .is_none_or(|level| level.rank() >= SPEAKING_LEVEL.rank())
    })
}

/// Sessions in a language none of their speakers speaks (at B2 or better), when the event has
/// no interpretation. Speakers whose languages are not recorded are not counted against the
/// session: nothing is known of them; a session where no speaker's languages are known is left
/// alone.
pub(super) fn languages_not_spoken(facts: &EventFacts) -> Vec<Finding> {
    if !facts.event.data.interpretation.trim().is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for session in facts.sessions {
        let language = session.data.language.as_str();
        let speakers: Vec<&SpeakerFacts> = session
            .data
            .speakers
            .iter()
            .filter_map(|s| facts.speakers.get(&s.expert_id))
            .collect();
        let known: Vec<&&SpeakerFacts> = speakers
            .iter()
            .filter(|s| !s.languages.is_empty())
            .collect();
        if language.is_empty() || known.is_empty() {
            continue;
        }
        if speakers.iter().any(|speaker| speaks(speaker, language)) {
            continue;
        }
        let names: Vec<&str> = known.iter().map(|s| s.name.as_str()).collect();
        let message = format!(
            "{} est prévue en {} mais {} ne parle pas cette langue (niveau B2 au moins) et \
             aucune interprétation n'est prévue.",
            named(session),
            language_label(language),
            if names.len() == 1 {
                names[0].to_string()
            } else {
                format!("aucun de ses intervenants ({})", names.join(", "))
            }
        );
        findings.push(Finding::new(
            "languageNotSpoken",
            message,
            Target::session(session, "language"),
            &session.data.date,
        ));
    }
    findings
}

/// Speakers without a recorded consent to appear in the directory: one finding per expert, on
/// the day of their first session.
pub(super) fn without_consent(facts: &EventFacts) -> Vec<Finding> {
    let mut first: Vec<(&str, &Session, usize)> = Vec::new();
    for session in facts.sessions {
        for speaker in &session.data.speakers {
            let id = speaker.expert_id.as_str();
            match first.iter_mut().find(|(known, _, _)| *known == id) {
                Some((_, _, count)) => *count += 1,
                None => first.push((id, session, 1)),
            }
        }
    }
    let mut findings = Vec::new();
    for (id, session, count) in first {
        let Some(speaker) = facts.speakers.get(id) else {
            continue;
        };
        if !speaker.consent_date.trim().is_empty() {
            continue;
        }
        let others = match count {
            1 => String::new(),
            2 => " et 1 autre séquence".to_string(),
            n => format!(" et {} autres séquences", n - 1),
        };
        let message = format!(
            "{} intervient dans {}{others} mais son consentement à figurer dans l'annuaire \
             n'est pas enregistré (date du consentement).",
            speaker.name,
            named(session)
        );
        let target = Target {
            view: "expert",
            id: id.to_string(),
            field: "consentDate".into(),
        };
        findings.push(Finding::new(
            "noConsent",
            message,
            target,
            &session.data.date,
        ));
    }
    findings
}

/// The event's texts written in French but not translated, in the order of the form: (field
/// of the form, French name). The objectives count as translated when there are as many.
fn untranslated_event_fields(event: &Event) -> Vec<(&'static str, &'static str)> {
    let d = &event.data;
    let t = &d.translation;
    let blank = |text: &str| text.trim().is_empty();
    let filled = |list: &[String]| list.iter().filter(|item| !blank(item)).count();
    let texts: [(&'static str, &'static str, &str, &str); 11] = [
        ("title", "titre", &d.title, &t.title),
        ("subtitle", "sous-titre", &d.subtitle, &t.subtitle),
        ("audience", "public visé", &d.audience, &t.audience),
        ("objectives", "objectifs", "", ""),
        (
            "prerequisites",
            "prérequis",
            &d.prerequisites,
            &t.prerequisites,
        ),
        ("summary", "présentation", &d.summary, &t.summary),
        (
            "teachingMethods",
            "méthodes pédagogiques",
            &d.teaching_methods,
            &t.teaching_methods,
        ),
        (
            "evaluationMethods",
            "modalités d'évaluation",
            &d.evaluation_methods,
            &t.evaluation_methods,
        ),
        (
            "accessibility",
            "accessibilité",
            &d.accessibility,
            &t.accessibility,
        ),
        (
            "accessTerms",
            "modalités d'accès",
            &d.access_terms,
            &t.access_terms,
        ),
        ("price", "tarif", &d.price, &t.price),
    ];
    texts
        .into_iter()
        .filter(|(field, _, french, translated)| match *field {
            "objectives" => filled(&d.objectives) > filled(&t.objectives),
            _ => !blank(french) && blank(translated),
        })
        .map(|(field, name, _, _)| (field, name))
        .collect()
}

/// Before a programme in `language`: the event's texts and the sessions' titles and
/// descriptions written in French but not translated (the print falls back to the French). When
/// the event's texts are in another partner language, or none, that alone is said.
pub(super) fn untranslated(facts: &EventFacts, language: PartnerLanguage) -> Vec<Finding> {
    let event = facts.event;
    let label = language.label();
    if event.data.partner_language != language.code() {
        let now = PartnerLanguage::from_code(&event.data.partner_language)
            .map_or("aucune langue partenaire".to_string(), |l| {
                l.label().to_string()
            });
        let message = format!(
            "Le programme est demandé en {label} mais la langue partenaire de l'événement est : \
             {now}. Les textes seront imprimés en français."
        );
        return vec![Finding::new(
            "untranslated",
            message,
            Target::event(event, "partnerLanguage"),
            "",
        )];
    }
    let blank = |text: &str| text.trim().is_empty();
    let mut findings: Vec<Finding> = untranslated_event_fields(event)
        .into_iter()
        .map(|(field, name)| {
            Finding::new(
                "untranslated",
                format!("Traduction en {label} manquante : {name} de l'événement (le texte français sera imprimé)."),
                Target::event(event, &format!("translation.{field}")),
                "",
            )
        })
        .collect();
    for session in facts.sessions {
        let d = &session.data;
        let mut missing = Vec::new();
        if !blank(&d.title) && blank(&d.title_partner) {
            missing.push(("titlePartner", "titre"));
        }
        if !blank(&d.description) && blank(&d.description_partner) {
            missing.push(("descriptionPartner", "description"));
        }
        let Some((field, _)) = missing.first() else {
            continue;
        };
        let names: Vec<&str> = missing.iter().map(|(_, name)| *name).collect();
        let message = format!(
            "Traduction en {label} manquante pour la séquence {} : {} (le texte français sera imprimé).",
            named(session),
            names.join(" et ")
        );
        findings.push(Finding::new(
            "untranslated",
            message,
            Target::session(session, field),
            &session.data.date,
        ));
    }
    findings
}
