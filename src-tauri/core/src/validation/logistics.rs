//! Rules of an event's partner-language texts and of its study-visit logistics, and of a
//! session's partner-language texts. Fields are named as the form names them
//! (`translation.title`, `logistics.meetingPoints.2.time`).

use super::limits::*;
use super::*;
use crate::model::*;

/// The most rows of each logistics list (meeting points, legs…): far above a real visit, low
/// enough that a hostile file cannot make a booklet of thousands of pages.
pub const LOGISTICS_ROWS_MAX: usize = 200;

pub(super) fn check_partner_texts(c: &mut Checker, input: &EventInput) {
    if !input.partner_language.is_empty()
        && PartnerLanguage::from_code(&input.partner_language).is_none()
    {
        c.add(
            "partnerLanguage",
            format!(
                "« {} » n'est pas une langue partenaire proposée (de, it, es, ca, nl, lb ou en).",
                quoted(&input.partner_language)
            ),
        );
    }
    let t = &input.translation;
    if input.partner_language.is_empty() && !t.is_empty() {
        c.add(
            "partnerLanguage",
            "Choisissez la langue partenaire des textes traduits.",
        );
    }
    c.max_lens(&[
        ("translation.title", &t.title, SHORT_MAX, "Le titre traduit"),
        (
            "translation.subtitle",
            &t.subtitle,
            SHORT_MAX,
            "Le sous-titre traduit",
        ),
        (
            "translation.audience",
            &t.audience,
            MEDIUM_MAX,
            "Le public visé traduit",
        ),
        (
            "translation.prerequisites",
            &t.prerequisites,
            LONG_MAX,
            "Les prérequis traduits",
        ),
        (
            "translation.summary",
            &t.summary,
            LONG_MAX,
            "La présentation traduite",
        ),
        (
            "translation.teachingMethods",
            &t.teaching_methods,
            LONG_MAX,
            "Les méthodes pédagogiques traduites",
        ),
        (
            "translation.evaluationMethods",
            &t.evaluation_methods,
            LONG_MAX,
            "Les modalités d'évaluation traduites",
        ),
        (
            "translation.accessibility",
            &t.accessibility,
            LONG_MAX,
            "L'accessibilité traduite",
        ),
        (
            "translation.accessTerms",
            &t.access_terms,
            LONG_MAX,
            "Les modalités d'accès traduites",
        ),
        (
            "translation.price",
            &t.price,
            MEDIUM_MAX,
            "Le tarif traduit",
        ),
    ]);
    let objectives: usize = t.objectives.iter().map(|o| o.chars().count()).sum();
    if objectives > LONG_MAX || t.objectives.len() > LOGISTICS_ROWS_MAX {
        c.add(
            "translation.objectives",
            format!(
                "Les objectifs traduits dépassent {} caractères au total.",
                group_digits(LONG_MAX)
            ),
        );
    }
    check_logistics(c, &input.logistics);
}

fn rows<T>(c: &mut Checker, field: &str, list: &[T], label: &str) -> bool {
    if list.len() > LOGISTICS_ROWS_MAX {
        c.add(
            format!("logistics.{field}"),
            format!(
                "{label} : {} lignes au plus ({} saisies).",
                LOGISTICS_ROWS_MAX,
                group_digits(list.len())
            ),
        );
        return false;
    }
    true
}

fn optional_time(c: &mut Checker, field: &str, value: &str, label: &str) {
    if !value.is_empty() {
        c.time(field, value, label);
    }
}

fn check_logistics(c: &mut Checker, l: &Logistics) {
    c.max_len(
        "logistics.welcome",
        &l.welcome,
        LONG_MAX,
        "Le mot d'accueil",
    );
    if rows(c, "meetingPoints", &l.meeting_points, "Rendez-vous") {
        for (i, m) in l.meeting_points.iter().enumerate() {
            let f = |name: &str| format!("logistics.meetingPoints.{i}.{name}");
            c.required(&f("place"), &m.place, "Le lieu du rendez-vous");
            c.date(&f("date"), &m.date, "La date du rendez-vous");
            optional_time(c, &f("time"), &m.time, "L'heure du rendez-vous");
            c.max_len(&f("place"), &m.place, SHORT_MAX, "Le lieu du rendez-vous");
            c.max_len(
                &f("address"),
                &m.address,
                SHORT_MAX,
                "L'adresse du rendez-vous",
            );
            c.max_len(&f("note"), &m.note, MEDIUM_MAX, "La remarque");
        }
    }
    if rows(c, "transportLegs", &l.transport_legs, "Trajets") {
        for (i, t) in l.transport_legs.iter().enumerate() {
            let f = |name: &str| format!("logistics.transportLegs.{i}.{name}");
            c.required(&f("from"), &t.from, "Le départ du trajet");
            c.required(&f("to"), &t.to, "L'arrivée du trajet");
            c.date(&f("date"), &t.date, "La date du trajet");
            optional_time(
                c,
                &f("departureTime"),
                &t.departure_time,
                "L'heure de départ",
            );
            optional_time(c, &f("arrivalTime"), &t.arrival_time, "L'heure d'arrivée");
            for (name, value) in [
                ("from", &t.from),
                ("to", &t.to),
                ("mode", &t.mode),
                ("reference", &t.reference),
            ] {
                c.max_len(&f(name), value, SHORT_MAX, "Ce champ du trajet");
            }
            c.max_len(&f("note"), &t.note, MEDIUM_MAX, "La remarque");
        }
    }
    if rows(c, "accommodation", &l.accommodation, "Hébergements") {
        for (i, a) in l.accommodation.iter().enumerate() {
            let f = |name: &str| format!("logistics.accommodation.{i}.{name}");
            c.required(&f("name"), &a.name, "Le nom de l'hébergement");
            let first = c.date(&f("checkIn"), &a.check_in, "La date d'arrivée");
            let last = c.date(&f("checkOut"), &a.check_out, "La date de départ");
            if let (Some(first), Some(last)) = (first, last) {
                if last < first {
                    c.add(
                        f("checkOut"),
                        "La date de départ doit suivre la date d'arrivée.",
                    );
                }
            }
            c.phone(&f("phone"), &a.phone);
            c.max_len(&f("name"), &a.name, SHORT_MAX, "Le nom de l'hébergement");
            c.max_len(
                &f("address"),
                &a.address,
                SHORT_MAX,
                "L'adresse de l'hébergement",
            );
            c.max_len(&f("note"), &a.note, MEDIUM_MAX, "La remarque");
        }
    }
    if rows(c, "contacts", &l.contacts, "Contacts") {
        for (i, p) in l.contacts.iter().enumerate() {
            let f = |name: &str| format!("logistics.contacts.{i}.{name}");
            c.required(&f("name"), &p.name, "Le nom du contact");
            c.phone(&f("phone"), &p.phone);
            c.email(&f("email"), &p.email);
            c.max_len(&f("name"), &p.name, SHORT_MAX, "Le nom du contact");
            c.max_len(&f("role"), &p.role, SHORT_MAX, "Le rôle du contact");
        }
    }
    if rows(c, "countries", &l.countries, "Pays traversés") {
        for (i, country) in l.countries.iter().enumerate() {
            c.country(&format!("logistics.countries.{i}"), country);
        }
    }
    if rows(c, "glossary", &l.glossary, "Glossaire") {
        for (i, g) in l.glossary.iter().enumerate() {
            let f = |name: &str| format!("logistics.glossary.{i}.{name}");
            c.required(&f("french"), &g.french, "Le terme en français");
            c.required(&f("partner"), &g.partner, "Le terme traduit");
            c.max_len(&f("french"), &g.french, SHORT_MAX, "Le terme en français");
            c.max_len(&f("partner"), &g.partner, SHORT_MAX, "Le terme traduit");
        }
    }
}

pub(super) fn check_session_partner_texts(c: &mut Checker, input: &SessionInput) {
    c.max_len(
        "titlePartner",
        &input.title_partner,
        SHORT_MAX,
        "Le titre traduit",
    );
    c.max_len(
        "descriptionPartner",
        &input.description_partner,
        LONG_MAX,
        "La description traduite",
    );
}
