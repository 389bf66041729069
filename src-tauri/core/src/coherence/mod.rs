//! The coherence check of an event: what would be wrong or embarrassing on the day or in the
//! printed programme — sessions on a public holiday of a country of the event's territory or
//! outside its dates, overlapping sessions, speakers booked twice (in any event) or without a
//! recorded consent, a session in a language none of its speakers speaks without
//! interpretation, required programme items missing, and, before a bilingual print, texts with
//! no translation. Each finding is in French and points at what to fix (an event field, a
//! session, an expert).
//!
//! Pure: it takes plain data (`Store::coherence_of` reads it in a fixed number of queries), so
//! the rules are tested and benchmarked without their SQL.

mod rules;

use std::collections::HashMap;

use serde::Serialize;

use crate::error::{CoreError, CoreResult};
use crate::model::{Event, LanguageSkill, PartnerLanguage, Session, SessionConflict};

/// What a finding points at: the page or form to open, the record and the form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// "event" (the event's form), "session" (the session's form in the agenda) or "expert".
    pub view: &'static str,
    pub id: String,
    /// The camelCase name of the form's field, or empty.
    pub field: String,
}

/// One problem found in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// "holiday", "outsideDates", "overlap", "speakerBusy", "noConsent", "languageNotSpoken",
    /// "missingItem" or "untranslated".
    pub kind: &'static str,
    /// "error" (the programme would be wrong) or "warning" (worth a look).
    pub severity: &'static str,
    /// In French, naming the session, expert or field.
    pub message: String,
    pub target: Target,
    /// ISO date the finding is about (a session's day), empty for the event as a whole.
    pub date: String,
}

/// What the check knows of a speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerFacts {
    /// "First Last".
    pub name: String,
    /// Empty when no consent is recorded.
    pub consent_date: String,
    pub languages: Vec<LanguageSkill>,
}

/// Everything the check reads about one event.
pub struct EventFacts<'a> {
    pub event: &'a Event,
    /// The event's sessions in time order, with their speakers.
    pub sessions: &'a [Session],
    /// The speakers of those sessions, by expert id.
    pub speakers: &'a HashMap<String, SpeakerFacts>,
    /// The store's agenda warnings (`Store::session_conflicts`).
    pub conflicts: &'a [SessionConflict],
}

/// The partner language a bilingual check is asked for, from its code ("de"); an unknown code
/// is refused in French with the codes accepted.
pub fn partner_language(code: &str) -> CoreResult<PartnerLanguage> {
    let code = code.trim().to_ascii_lowercase();
    PartnerLanguage::from_code(&code).ok_or_else(|| {
        CoreError::field(
            "language",
            format!(
                "Langue partenaire inconnue : « {code} ». Langues prises en charge : de, it, es, \
                 ca, nl, lb, en."
            ),
        )
    })
}

/// The order kinds are listed in within a day: what breaks the day first.
const KIND_ORDER: [&str; 8] = [
    "missingItem",
    "outsideDates",
    "holiday",
    "speakerBusy",
    "overlap",
    "languageNotSpoken",
    "noConsent",
    "untranslated",
];

fn kind_rank(kind: &str) -> usize {
    KIND_ORDER
        .iter()
        .position(|known| *known == kind)
        .unwrap_or(KIND_ORDER.len())
}

/// The findings of an event, by date (the event as a whole first) then kind; `bilingual` asks
/// for the texts untranslated in that partner language too.
pub fn check(facts: &EventFacts, bilingual: Option<PartnerLanguage>) -> Vec<Finding> {
    let mut findings = rules::missing_items(facts.event, facts.sessions.len());
    findings.extend(rules::outside_dates(facts));
    findings.extend(rules::from_conflicts(facts));
    findings.extend(rules::languages_not_spoken(facts));
    findings.extend(rules::without_consent(facts));
    if let Some(language) = bilingual {
        findings.extend(rules::untranslated(facts, language));
    }
    // Stable: within a day and kind, findings keep the sessions' time order.
    findings.sort_by(|a, b| {
        (a.date.as_str(), kind_rank(a.kind)).cmp(&(b.date.as_str(), kind_rank(b.kind)))
    });
    findings
}

impl Finding {
    fn new(kind: &'static str, message: String, target: Target, date: &str) -> Finding {
        let severity = match kind {
            "outsideDates" | "speakerBusy" | "missingItem" => "error",
            _ => "warning",
        };
        Finding {
            kind,
            severity,
            message,
            target,
            date: date.to_string(),
        }
    }
}

impl Target {
    fn event(event: &Event, field: &str) -> Target {
        Target {
            view: "event",
            id: event.meta.id.clone(),
            field: field.to_string(),
        }
    }

    fn session(session: &Session, field: &str) -> Target {
        Target {
            view: "session",
            id: session.meta.id.clone(),
            field: field.to_string(),
        }
    }
}
