//! The key facts of the programme's box: dates, duration, place, organisers, audience,
//! professions, prerequisites, languages, interpretation, price — with, in a bilingual
//! programme, the label in both languages and the partner version of each value that has one.

use super::partner::Partner;
use super::schedule::{event_dates, training_days, training_minutes};
use super::shared::join_non_empty;
use super::ProgrammeData;
use crate::documents::dates;
use crate::documents::languages::Labels;
use crate::documents::typography::french;

/// One line of the box.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Fact {
    pub label: String,
    pub value: String,
    /// The value in the partner language, when the programme is bilingual and it has one.
    pub partner: Option<String>,
}

/// Builds the facts one by one, labelling them in one or both languages.
struct Facts<'a> {
    partner: Option<Partner<'a>>,
    list: Vec<Fact>,
}

impl Facts<'_> {
    fn push(&mut self, french_label: &str, pick: fn(&Labels) -> &'static str, value: String) {
        self.push_with(french_label, pick, value, |_| None);
    }

    fn push_with(
        &mut self,
        french_label: &str,
        pick: fn(&Labels) -> &'static str,
        value: String,
        partner_value: impl Fn(&Partner) -> Option<String>,
    ) {
        let label = match self.partner {
            Some(p) => format!("{french_label} / {}", pick(p.labels)),
            None => french_label.to_string(),
        };
        let partner = self
            .partner
            .as_ref()
            .and_then(partner_value)
            .map(|v| french(&v));
        self.list.push(Fact {
            label,
            value: french(&value),
            partner,
        });
    }
}

pub(super) fn key_facts(data: &ProgrammeData, partner: Option<Partner>) -> Vec<Fact> {
    let mut facts = Facts {
        partner,
        list: Vec::new(),
    };
    when_and_where(&mut facts, data);
    who_and_how(&mut facts, data);
    facts.list
}

/// Dates, duration, place, organisers.
fn when_and_where(facts: &mut Facts, data: &ProgrammeData) {
    if let Some((start, end)) = event_dates(data) {
        let (label, pick): (&str, fn(&Labels) -> &'static str) = if start == end {
            ("Date", |l| l.date)
        } else {
            ("Dates", |l| l.dates)
        };
        let value = dates::capitalize(dates::date_range(start, end).trim_start_matches("le "));
        facts.push_with(label, pick, value, |p| {
            Some(dates::capitalize(&p.labels.date_range(start, end)))
        });
    }
    let minutes = training_minutes(&data.sessions);
    if minutes > 0 {
        let days = training_days(&data.sessions);
        let value = format!("{} ({})", dates::days(days), dates::duration(minutes));
        facts.push_with(
            "Durée",
            |l| l.duration,
            value,
            |p| {
                Some(format!(
                    "{} ({})",
                    p.labels.days(days),
                    p.labels.duration(minutes)
                ))
            },
        );
    }
    let place = join_non_empty(
        &[&data.venue, &data.address, &data.city, &data.country],
        ", ",
    );
    if !place.is_empty() {
        facts.push("Lieu", |l| l.place, place);
    }
    let organisers: Vec<String> = data
        .organisers
        .iter()
        .filter(|o| !o.name.trim().is_empty())
        .map(|o| match o.role.trim() {
            "" => o.name.trim().to_string(),
            role => format!("{} ({})", o.name.trim(), role.to_lowercase()),
        })
        .collect();
    if !organisers.is_empty() {
        let label = if organisers.len() > 1 {
            "Organisateurs"
        } else {
            "Organisateur"
        };
        facts.push(label, |l| l.organisers, organisers.join(" ; "));
    }
}

/// Audience, professions, prerequisites, languages, interpretation, price.
fn who_and_how(facts: &mut Facts, data: &ProgrammeData) {
    let audience = data.audience.trim();
    if !audience.is_empty() {
        facts.push_with(
            "Public",
            |l| l.audience,
            audience.to_string(),
            |p| p.text_for(audience, &p.texts.texts.audience),
        );
    }
    let professions: Vec<&str> = data.target_professions.iter().map(String::as_str).collect();
    let professions = join_non_empty(&professions, ", ");
    if !professions.is_empty() {
        facts.push("Métiers visés", |l| l.professions, professions);
    }
    let prerequisites = data.prerequisites.trim();
    let value = if prerequisites.is_empty() {
        "Aucun"
    } else {
        prerequisites
    };
    facts.push_with(
        "Prérequis",
        |l| l.prerequisites,
        value.to_string(),
        |p| {
            if prerequisites.is_empty() {
                Some(p.labels.none.to_string())
            } else {
                p.text_for(prerequisites, &p.texts.texts.prerequisites)
            }
        },
    );
    let languages: Vec<&str> = data.languages.iter().map(String::as_str).collect();
    let languages = join_non_empty(&languages, ", ");
    if !languages.is_empty() {
        facts.push("Langues", |l| l.languages, languages);
    }
    if !data.interpretation.trim().is_empty() {
        facts.push(
            "Interprétation",
            |l| l.interpretation,
            data.interpretation.trim().to_string(),
        );
    }
    let price = data.price.trim();
    if !price.is_empty() {
        facts.push_with(
            "Tarif",
            |l| l.price,
            price.to_string(),
            |p| p.text_for(price, &p.texts.texts.price),
        );
    }
}
