//! The agenda's warnings (`Store::session_conflicts`: overlaps, speakers booked twice, public
//! holidays of the territory's countries) and the event's whole coherence check
//! (`Store::coherence_of`: those, plus consent, languages, programme items and, bilingual, the
//! translations) on an event of 100 sessions on the France–Germany border: 10 days of 10
//! sessions, each overlapping the next, 5 speakers (two without a recorded consent, one who
//! speaks no German), every other session in German, and 3 October (German Unity Day) among
//! the days. Target: under 10 ms each.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::model::*;
use passerelle_core::Store;

fn build(path: &std::path::Path) -> (Store, String) {
    let mut store = Store::open_with_reference(path).unwrap();
    let border = store
        .list_territories()
        .unwrap()
        .into_iter()
        .find(|t| t.data.countries == ["FR", "DE"])
        .unwrap();
    let speakers: Vec<String> = (0..5)
        .map(|i| {
            let german = if i == 4 { "A2" } else { "C1" };
            let input = ExpertInput {
                first_name: format!("Intervenant{i}"),
                last_name: "Banc".into(),
                job_title: "Chargé de mission".into(),
                country: "DE".into(),
                email: format!("intervenant{i}@exemple.eu"),
                languages: vec![
                    LanguageSkill {
                        language: "fr".into(),
                        level: "native".into(),
                    },
                    LanguageSkill {
                        language: "de".into(),
                        level: german.into(),
                    },
                ],
                consent_date: if i < 3 {
                    "2026-01-15".into()
                } else {
                    String::new()
                },
                consent_source: if i < 3 {
                    "Formulaire".into()
                } else {
                    String::new()
                },
                ..Default::default()
            };
            store.create_expert(&input).unwrap().meta.id
        })
        .collect();
    let event = store
        .create_event(&EventInput {
            code: "BANC-1".into(),
            title: "Séminaire frontalier".into(),
            kind: "seminar".into(),
            status: "planned".into(),
            start_date: "2026-09-28".into(),
            end_date: "2026-10-07".into(),
            city: "Strasbourg".into(),
            territory_id: Some(border.meta.id),
            partner_language: "de".into(),
            ..Default::default()
        })
        .unwrap();
    for day in 0..10 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 28).unwrap() + chrono::Days::new(day);
        for slot in 0..10u32 {
            let start = 8 * 60 + slot * 45;
            let time = |minutes: u32| format!("{:02}:{:02}", minutes / 60, minutes % 60);
            let input = SessionInput {
                date: date.to_string(),
                start_time: time(start),
                end_time: time(start + 60),
                title: format!("Séquence {day}-{slot}"),
                description: "Présentation et échanges avec les participants.".into(),
                kind: "talk".into(),
                language: if slot % 2 == 0 { "de" } else { "fr" }.into(),
                speakers: vec![SessionSpeaker {
                    expert_id: speakers[slot as usize % 5].clone(),
                    role: "speaker".into(),
                }],
                ..Default::default()
            };
            store.create_session(&event.meta.id, &input).unwrap();
        }
    }
    (store, event.meta.id)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, event) = build(&dir.path().join("bench.db"));
    let conflicts = store.session_conflicts(&event).unwrap();
    let holidays = conflicts.iter().filter(|c| c.kind == "holiday").count();
    assert_eq!(holidays, 10, "the ten sessions of 3 October");
    c.bench_function("agenda: coherence check of 100 sessions on a border", |b| {
        b.iter(|| store.session_conflicts(&event).unwrap())
    });
    let german = passerelle_core::coherence::partner_language("de").unwrap();
    let findings = store.coherence_of(&event, Some(german)).unwrap();
    let count = |kind: &str| findings.iter().filter(|f| f.kind == kind).count();
    assert_eq!(count("holiday"), 10);
    assert_eq!(count("noConsent"), 2, "the two speakers without consent");
    assert_eq!(
        count("languageNotSpoken"),
        10,
        "the German sessions of the fifth speaker"
    );
    assert_eq!(count("untranslated"), 101, "the title and every session");
    c.bench_function(
        "coherence: whole check of an event of 100 sessions, bilingual",
        |b| b.iter(|| store.coherence_of(&event, Some(german)).unwrap()),
    );
}

criterion_group!(group, benches);
criterion_main!(group);
