//! Calendar and address-book files as other programs read them: the .ics and .vcf output is
//! parsed back with the `ical` crate and checked for what Outlook, Thunderbird and GNOME need
//! (CRLF, lines of at most 75 octets, escaping, time zone block, stable UIDs), and for what a
//! user would look for in their calendar or contacts (times, places, speakers, languages).

mod common;

use std::io::BufReader;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::parser::vcard::component::VcardContact;
use ical::property::Property;
use passerelle_core::demo::add_demo;
use passerelle_core::exchange::{ics, vcard};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 30, 0).unwrap()
}

/// CRLF after every line, no line longer than 75 octets, continuation lines start with a space.
fn assert_wire_format(text: &str) {
    assert!(text.ends_with("\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty());
    }
}

/// TEXT values as a reader sees them once the escapes are undone.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn calendar(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("parses");
    assert!(calendars.next().is_none());
    calendar
}

fn property<'a>(properties: &'a [Property], name: &str) -> Option<&'a Property> {
    properties.iter().find(|p| p.name == name)
}

fn value(properties: &[Property], name: &str) -> String {
    property(properties, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn param(property: &Property, name: &str) -> Vec<String> {
    property
        .params
        .as_ref()
        .and_then(|params| params.iter().find(|(n, _)| n == name))
        .map(|(_, values)| values.clone())
        .unwrap_or_default()
}

fn event_with_uid<'a>(calendar: &'a IcalCalendar, uid: &str) -> &'a IcalEvent {
    calendar
        .events
        .iter()
        .find(|e| value(&e.properties, "UID") == uid)
        .unwrap_or_else(|| panic!("no VEVENT {uid}"))
}

#[test]
fn the_example_event_is_one_vevent_per_session_with_times_places_and_speakers() {
    let (_dir, mut store) = seeded_store();
    let event_id = add_demo(&mut store).unwrap();
    let sessions = store.list_sessions(&event_id).unwrap();
    let text = ics::events_ics(&store, std::slice::from_ref(&event_id), now()).unwrap();
    assert_wire_format(&text);
    assert_eq!(
        text,
        ics::events_ics(&store, std::slice::from_ref(&event_id), now()).unwrap()
    );

    let calendar = calendar(&text);
    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    assert_eq!(value(&calendar.properties, "METHOD"), "PUBLISH");
    assert_eq!(value(&calendar.properties, "CALSCALE"), "GREGORIAN");
    assert!(value(&calendar.properties, "PRODID").contains("Passerelle"));
    assert_eq!(calendar.timezones.len(), 1);
    assert_eq!(
        value(&calendar.timezones[0].properties, "TZID"),
        "Europe/Paris"
    );
    assert_eq!(calendar.timezones[0].transitions.len(), 2);
    assert_eq!(calendar.events.len(), sessions.len());

    for session in &sessions {
        let uid = format!("{}@passerelle.mot-cnfpt.fr", session.meta.id);
        let vevent = event_with_uid(&calendar, &uid);
        let p = &vevent.properties;
        assert_eq!(value(p, "DTSTAMP"), "20261102T083000Z");
        let start = property(p, "DTSTART").unwrap();
        assert_eq!(param(start, "TZID"), vec!["Europe/Paris"]);
        let date = session.data.date.replace('-', "");
        assert_eq!(
            start.value.as_deref(),
            Some(format!("{date}T{}00", session.data.start_time.replace(':', "")).as_str())
        );
        let end = property(p, "DTEND").unwrap();
        assert_eq!(param(end, "TZID"), vec!["Europe/Paris"]);
        assert_eq!(
            end.value.as_deref(),
            Some(format!("{date}T{}00", session.data.end_time.replace(':', "")).as_str())
        );
        assert_eq!(unescape(&value(p, "SUMMARY")), session.data.title);
        assert_eq!(value(p, "STATUS"), "TENTATIVE", "a planned event");
        let location = unescape(&value(p, "LOCATION"));
        if session.data.place.is_empty() {
            assert_eq!(
                location,
                "Hôtel du Département, Place du Quartier Blanc, Strasbourg"
            );
        } else {
            assert_eq!(location, session.data.place);
        }
        let description = unescape(&value(p, "DESCRIPTION"));
        assert!(
            description.starts_with("[Exemple] Visite d'étude"),
            "{description}"
        );
        for speaker in &session.data.speakers {
            let expert = store.get_expert(&speaker.expert_id).unwrap();
            let name = format!("{} {}", expert.data.first_name, expert.data.last_name);
            assert!(description.contains(&name), "{name} in {description}");
        }
    }
    // A round table lists its moderator first, with roles and organisations.
    let round_table = sessions
        .iter()
        .find(|s| s.data.kind == "round_table")
        .unwrap();
    let vevent = event_with_uid(
        &calendar,
        &format!("{}@passerelle.mot-cnfpt.fr", round_table.meta.id),
    );
    let description = unescape(&value(&vevent.properties, "DESCRIPTION"));
    assert!(
        description.contains("\n\nModérateur : Marc Specimen (Mission Opérationnelle Transfrontalière)\nIntervenant : Claire Exemple-Haller"),
        "{description}"
    );
    assert_eq!(
        unescape(&value(&vevent.properties, "CATEGORIES")),
        "Table ronde,Visite d'étude"
    );
    assert!(value(&vevent.properties, "ORGANIZER").starts_with("mailto:contact.exemple@cnfpt.fr"));
}

#[test]
fn text_with_commas_semicolons_backslashes_line_breaks_and_long_unicode_reads_back() {
    let (_dir, mut store) = seeded_store();
    let mut input = event("ÉCH-1", "2026-06-10", "2026-06-10");
    input.title = "Échanges; « frontaliers », Straßburg\\Kehl".into();
    input.status = "cancelled".into();
    let event = store.create_event(&input).unwrap();
    let mut item = session(
        "2026-06-10",
        "14:00",
        "17:30",
        &"Ελληνικά και Українська, ".repeat(8),
    );
    item.description = "Première ligne\nSeconde ligne ; avec, ponctuation\r\nTroisième\\fin".into();
    item.place = "Salle 2, bâtiment « Europa »; entrée côté Rhin".into();
    let item = store.create_session(&event.meta.id, &item).unwrap();

    let text = ics::events_ics(&store, std::slice::from_ref(&event.meta.id), now()).unwrap();
    assert_wire_format(&text);
    assert!(text.lines().count() > 25, "long values were folded");
    let calendar = calendar(&text);
    let p = &calendar.events[0].properties;
    assert_eq!(unescape(&value(p, "SUMMARY")), item.data.title.trim());
    assert_eq!(unescape(&value(p, "LOCATION")), item.data.place);
    assert_eq!(
        unescape(&value(p, "DESCRIPTION")),
        format!(
            "{} (ÉCH-1)\nPremière ligne\nSeconde ligne ; avec, ponctuation\nTroisième\\fin",
            input.title
        )
    );
    assert_eq!(value(p, "STATUS"), "CANCELLED");
    assert_eq!(
        unescape(&value(&calendar.properties, "X-WR-CALNAME")),
        input.title
    );
}

#[test]
fn an_event_without_agenda_is_one_whole_day_entry_over_its_dates() {
    let (_dir, mut store) = seeded_store();
    let event = store
        .create_event(&event("SEM-9", "2026-12-30", "2027-01-01"))
        .unwrap();
    let text = ics::events_ics(&store, std::slice::from_ref(&event.meta.id), now()).unwrap();
    let calendar = calendar(&text);
    assert_eq!(calendar.events.len(), 1);
    let p = &calendar.events[0].properties;
    assert_eq!(
        value(p, "UID"),
        format!("{}@passerelle.mot-cnfpt.fr", event.meta.id)
    );
    let start = property(p, "DTSTART").unwrap();
    assert_eq!(param(start, "VALUE"), vec!["DATE"]);
    assert_eq!(start.value.as_deref(), Some("20261230"));
    assert_eq!(value(p, "DTEND"), "20270102", "the day after the last one");
    assert_eq!(value(p, "LOCATION"), "Lille");
}

#[test]
fn a_session_edit_keeps_its_uid_and_raises_its_sequence() {
    let (_dir, mut store) = seeded_store();
    let event = store
        .create_event(&event("SEM-1", "2026-06-10", "2026-06-11"))
        .unwrap();
    let item = store
        .create_session(
            &event.meta.id,
            &session("2026-06-10", "09:00", "10:00", "Ouverture"),
        )
        .unwrap();
    let before =
        calendar(&ics::events_ics(&store, std::slice::from_ref(&event.meta.id), now()).unwrap());
    let mut changed = item.data.clone();
    changed.start_time = "09:30".into();
    store
        .update_session(&item.meta.id, item.meta.version, &changed)
        .unwrap();
    let after =
        calendar(&ics::events_ics(&store, std::slice::from_ref(&event.meta.id), now()).unwrap());
    let (before, after) = (&before.events[0].properties, &after.events[0].properties);
    assert_eq!(value(before, "UID"), value(after, "UID"));
    assert_eq!(value(before, "SEQUENCE"), "0");
    assert_eq!(value(after, "SEQUENCE"), "1");
    assert_eq!(value(after, "DTSTART"), "20260610T093000");
}

#[test]
fn upcoming_events_are_those_ending_today_or_later_soonest_first() {
    let (_dir, mut store) = seeded_store();
    store
        .create_event(&event("PAST", "2026-10-01", "2026-10-31"))
        .unwrap();
    let today_end = store
        .create_event(&event("ENDS-TODAY", "2026-10-30", "2026-11-02"))
        .unwrap();
    let later = store
        .create_event(&event("LATER", "2027-01-10", "2027-01-11"))
        .unwrap();
    let mut cancelled = event("CANCELLED", "2026-12-01", "2026-12-01");
    cancelled.status = "cancelled".into();
    let cancelled = store.create_event(&cancelled).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    assert_eq!(
        ics::upcoming_event_ids(&store, today).unwrap(),
        vec![today_end.meta.id, cancelled.meta.id, later.meta.id]
    );
}

#[test]
fn an_unknown_event_is_not_found() {
    let (_dir, store) = seeded_store();
    assert!(matches!(
        ics::events_ics(&store, &["nope".into()], now()),
        Err(CoreError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// vCard

fn cards(text: &str) -> Vec<VcardContact> {
    ical::VcardParser::new(BufReader::new(text.as_bytes()))
        .map(|card| card.expect("parses"))
        .collect()
}

fn full_expert(store: &mut Store) -> Expert {
    let mot = store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap();
    let mut input = expert("Anna", "Schäfer, von");
    input.email = "anna.schaefer@exemple.eu".into();
    input.job_title = "Referentin; grenzüberschreitende Zusammenarbeit".into();
    input.organisation_id = Some(mot.meta.id);
    input.country = "DE".into();
    input.city = "Kehl".into();
    input.phone = "+49 (0)7851 12-34".into();
    input.languages = vec![
        LanguageSkill {
            language: "fr".into(),
            level: "B2".into(),
        },
        LanguageSkill {
            language: "de".into(),
            level: "native".into(),
        },
        LanguageSkill {
            language: "en".into(),
            level: "C1".into(),
        },
    ];
    input.theme_ids = vec![theme_id(store, "Transport")];
    input.bio_fr = format!(
        "Urbaniste, spécialiste des transports; « mobilité », tramways\net {}",
        "coopération transfrontalière ".repeat(6)
    )
    .trim()
    .to_string();
    input.bio_other = "Stadtplanerin in Kehl.".into();
    input.bio_other_language = "de".into();
    input.notes = "Ne pas diffuser : honoraires négociés".into();
    store.create_expert(&input).unwrap()
}

#[test]
fn experts_become_vcards_that_address_books_read_back() {
    let (_dir, mut store) = seeded_store();
    add_demo(&mut store).unwrap();
    let anna = full_expert(&mut store);
    let text = vcard::experts_vcard(&store, &[]).unwrap();
    assert_wire_format(&text);
    assert!(
        !text.contains("honoraires"),
        "internal notes stay in Passerelle"
    );
    let cards = cards(&text);
    assert_eq!(cards.len() as i64, store.counts().unwrap().experts);
    for card in &cards {
        let p = &card.properties;
        assert_eq!(p[0].name, "VERSION");
        assert_eq!(value(p, "VERSION"), "4.0");
        assert!(value(p, "UID").starts_with("urn:uuid:"));
        assert!(property(p, "FN").is_some() && property(p, "N").is_some());
        assert!(property(p, "REV").is_some());
    }
    // Directory order: by last name.
    let names: Vec<String> = cards
        .iter()
        .map(|c| unescape(&value(&c.properties, "FN")))
        .collect();
    assert_eq!(
        names,
        vec![
            "Jonas Beispiel",
            "Claire Exemple-Haller",
            "Sophie Modèle",
            "Anna Schäfer, von",
            "Marc Specimen"
        ]
    );

    let card = cards
        .iter()
        .find(|c| value(&c.properties, "UID") == format!("urn:uuid:{}", anna.meta.id))
        .unwrap();
    let p = &card.properties;
    assert_eq!(value(p, "N"), "Schäfer\\, von;Anna;;;");
    assert_eq!(
        unescape(&value(p, "ORG")),
        "Mission Opérationnelle Transfrontalière"
    );
    assert_eq!(unescape(&value(p, "TITLE")), anna.data.job_title);
    assert_eq!(value(p, "EMAIL"), "anna.schaefer@exemple.eu");
    let tel = property(p, "TEL").unwrap();
    assert_eq!(tel.value.as_deref(), Some("tel:+49-7851-12-34"));
    assert_eq!(param(tel, "VALUE"), vec!["uri"]);
    assert_eq!(value(p, "ADR"), ";;;Kehl;;;Allemagne");
    let languages: Vec<(String, Vec<String>)> = p
        .iter()
        .filter(|p| p.name == "LANG")
        .map(|p| (p.value.clone().unwrap(), param(p, "PREF")))
        .collect();
    assert_eq!(
        languages,
        vec![
            ("de".to_string(), vec!["1".to_string()]),
            ("en".to_string(), vec!["2".to_string()]),
            ("fr".to_string(), vec!["3".to_string()]),
        ]
    );
    assert_eq!(
        unescape(&value(p, "CATEGORIES")),
        store.get_theme(&anna.data.theme_ids[0]).unwrap().data.label
    );
    let notes: Vec<(String, Vec<String>)> = p
        .iter()
        .filter(|p| p.name == "NOTE")
        .map(|p| (unescape(p.value.as_deref().unwrap()), param(p, "LANGUAGE")))
        .collect();
    assert_eq!(
        notes,
        vec![
            (anna.data.bio_fr.clone(), vec!["fr".to_string()]),
            ("Stadtplanerin in Kehl.".to_string(), vec!["de".to_string()]),
        ]
    );
    let rev = chrono::DateTime::parse_from_rfc3339(&anna.meta.updated_at)
        .unwrap()
        .with_timezone(&Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    assert_eq!(value(p, "REV"), rev);
}

#[test]
fn chosen_experts_come_in_the_order_given() {
    let (_dir, mut store) = seeded_store();
    let first = store.create_expert(&expert("Marc", "Weber")).unwrap();
    let second = store.create_expert(&expert("Claire", "Alsace")).unwrap();
    let text =
        vcard::experts_vcard(&store, &[first.meta.id.clone(), second.meta.id.clone()]).unwrap();
    let names: Vec<String> = cards(&text)
        .iter()
        .map(|c| value(&c.properties, "FN"))
        .collect();
    assert_eq!(names, vec!["Marc Weber", "Claire Alsace"]);
    assert!(matches!(
        vcard::experts_vcard(&store, &["inconnu".into()]),
        Err(CoreError::NotFound { .. })
    ));
}
