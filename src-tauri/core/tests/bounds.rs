//! Bounded input: a text over its bound is refused the same way by a form, a CSV import and a
//! JSON import, naming the field, and nothing is written.

mod common;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::exchange::{experts_csv, professions_csv};
use passerelle_core::exchange::{CsvImportChoices, DuplicatePolicy};
use passerelle_core::model::*;
use passerelle_core::CoreError;
use serde_json::Value;

const TEN_MB: usize = 10 * 1024 * 1024;

fn huge_bio() -> String {
    "a".repeat(TEN_MB)
}

#[test]
fn a_ten_megabyte_biography_is_refused_by_the_form_naming_the_field() {
    let (_dir, mut store) = seeded_store();
    let mut input = expert("Anna", "Schäfer");
    input.bio_fr = huge_bio();
    let error = store.create_expert(&input).unwrap_err();
    let fields = error.fields();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].field, "bioFr");
    assert_eq!(
        fields[0].message,
        "La biographie dépasse 20 000 caractères (10 485 760 saisis)."
    );
    assert_eq!(store.counts().unwrap().experts, 0);

    // The bound counts characters, not bytes: 20 000 accented letters are accepted.
    input.bio_fr = "é".repeat(20_000);
    store.create_expert(&input).unwrap();
    let mut too_long = expert("Bruno", "Keller");
    too_long.notes = "é".repeat(20_001);
    assert_eq!(fields_of(store.create_expert(&too_long)), ["notes"]);
}

fn fields_of<T: std::fmt::Debug>(result: Result<T, CoreError>) -> Vec<String> {
    fields(result.unwrap_err())
}

#[test]
fn every_entity_bounds_its_texts() {
    let (_dir, mut store) = seeded_store();
    let long = "x".repeat(20_001);
    let mut event_input = event("LONG-1", "2026-05-04", "2026-05-05");
    event_input.summary = long.clone();
    event_input.objectives = vec!["y".repeat(15_000), "z".repeat(15_000)];
    assert_eq!(
        fields_of(store.create_event(&event_input)),
        ["summary", "objectives"]
    );
    event_input.summary.clear();
    event_input.objectives.clear();
    let event = store.create_event(&event_input).unwrap();
    let mut session_input = session("2026-05-04", "09:00", "10:00", "Ouverture");
    session_input.description = long.clone();
    assert_eq!(
        fields_of(store.create_session(&event.meta.id, &session_input)),
        ["description"]
    );
    let organisation = OrganisationInput {
        name: "Structure".into(),
        kind: "other".into(),
        notes: long.clone(),
        ..Default::default()
    };
    assert_eq!(
        fields_of(store.create_organisation(&organisation)),
        ["notes"]
    );
    let profession = ProfessionInput {
        title: "t".repeat(301),
        description: long,
        ..Default::default()
    };
    assert_eq!(
        fields_of(store.create_profession(&profession)),
        ["title", "description"]
    );
}

#[test]
fn a_csv_line_with_a_ten_megabyte_biography_is_reported_and_nothing_is_written() {
    let (_dir, mut store) = seeded_store();
    let mut csv = String::from("Nom;Prénom;Biographie\r\nSchäfer;Anna;court\r\n");
    csv.push_str(&format!("Keller;Bruno;{}\r\n", huge_bio()));
    let preview = experts_csv::preview(&store, csv.as_bytes()).unwrap();
    assert_eq!(preview.new, 1);
    assert_eq!(preview.rejected.len(), 1);
    assert_eq!(
        preview.rejected[0].reason,
        "ligne 3 : la biographie dépasse 20 000 caractères (10 485 760 saisis)"
    );
    let choices = CsvImportChoices {
        on_duplicate: DuplicatePolicy::Update,
        skip_invalid: false,
    };
    let error = experts_csv::apply(&mut store, csv.as_bytes(), &choices).unwrap_err();
    assert!(error.to_string().contains("ligne 3"), "{error}");
    assert_eq!(store.counts().unwrap().experts, 0);
}

#[test]
fn a_csv_line_adding_an_overlong_competence_is_reported_and_nothing_is_written() {
    let (_dir, mut store) = seeded_store();
    let before = store.counts().unwrap();
    let csv = format!(
        "Intitulé;Compétences\r\nChargée de mission Europe;Montage de projets | {}\r\n",
        "c".repeat(TEN_MB)
    );
    let preview = professions_csv::preview(&store, csv.as_bytes()).unwrap();
    assert_eq!(preview.rejected.len(), 1);
    assert_eq!(
        preview.rejected[0].reason,
        "ligne 2 : le libellé de la compétence dépasse 300 caractères (10 485 760 saisis)"
    );
    let choices = CsvImportChoices {
        on_duplicate: DuplicatePolicy::Update,
        skip_invalid: false,
    };
    professions_csv::apply(&mut store, csv.as_bytes(), &choices).unwrap_err();
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn a_json_file_with_a_ten_megabyte_biography_is_refused_whole() {
    let (_dir, mut store) = seeded_store();
    store.create_expert(&expert("Anna", "Schäfer")).unwrap();
    let mut file: Value = serde_json::from_slice(&json::export(&mut store).unwrap()).unwrap();
    let mut other = file["experts"][0].clone();
    other["id"] = "5d1c1f8e-0d3a-4b7e-9a51-0f1b2c3d4e99".into();
    other["lastName"] = "Keller".into();
    other["email"] = "bruno.keller@exemple.eu".into();
    other["bioFr"] = huge_bio().into();
    file["experts"].as_array_mut().unwrap().push(other);
    let bytes = serde_json::to_vec(&file).unwrap();

    let (_dir2, mut target) = seeded_store();
    let before = target.counts().unwrap();
    let error = json::apply(&mut target, &bytes, &JsonImportChoices::default()).unwrap_err();
    let text = error.to_string();
    assert_eq!(error.kind(), "invalidFile", "{text}");
    assert!(
        text.contains("Expert « Anna Keller »")
            && text.contains("La biographie dépasse 20 000 caractères (10 485 760 saisis)."),
        "{}",
        &text[..text.len().min(500)]
    );
    assert!(text.len() < 1_000, "the message quotes no megabytes");
    assert_eq!(target.counts().unwrap(), before);
}

// ---------------------------------------------------------------------------------------------
// Agenda conflicts

use std::collections::BTreeSet;

type Found = BTreeSet<(String, String, String)>;

fn found(store: &passerelle_core::Store, event_id: &str) -> Found {
    store
        .session_conflicts(event_id)
        .unwrap()
        .into_iter()
        .map(|c| (c.kind, c.session_id, c.other_session_id))
        .collect()
}

#[test]
fn conflicts_are_every_overlapping_pair_and_every_double_booking() {
    let (_dir, mut store) = seeded_store();
    let lena = store
        .create_expert(&expert("Lena", "Vogel"))
        .unwrap()
        .meta
        .id;
    let paul = store
        .create_expert(&expert("Paul", "Weber"))
        .unwrap()
        .meta
        .id;
    let here = store
        .create_event(&event("A-1", "2026-09-01", "2026-09-02"))
        .unwrap()
        .meta
        .id;
    let elsewhere = store
        .create_event(&event("B-1", "2026-09-01", "2026-09-02"))
        .unwrap()
        .meta
        .id;
    let slots: &[(&str, &str, &str, &str, &[&str])] = &[
        ("A", "2026-09-01", "09:00", "12:00", &["lena"]),
        ("A", "2026-09-01", "09:30", "10:00", &["paul"]),
        ("A", "2026-09-01", "10:00", "11:00", &["lena", "paul"]),
        ("A", "2026-09-01", "12:00", "13:00", &["lena"]),
        ("A", "2026-09-02", "09:00", "10:00", &["paul"]),
        ("B", "2026-09-01", "11:30", "12:30", &["lena"]),
        ("B", "2026-09-02", "09:59", "11:00", &["paul"]),
        ("B", "2026-09-01", "08:00", "09:00", &["paul", "lena"]),
    ];
    let mut sessions = Vec::new();
    for (i, (which, date, start, end, speakers)) in slots.iter().enumerate() {
        let mut input = session(date, start, end, &format!("Séquence {i}"));
        input.speakers = speakers
            .iter()
            .map(|s| SessionSpeaker {
                expert_id: if *s == "lena" {
                    lena.clone()
                } else {
                    paul.clone()
                },
                role: "speaker".into(),
            })
            .collect();
        let event_id = if *which == "A" { &here } else { &elsewhere };
        let id = store.create_session(event_id, &input).unwrap().meta.id;
        sessions.push((id, *which == "A", input));
    }
    // Every pair, the slow way.
    let mut expected = Found::new();
    let overlap = |a: &SessionInput, b: &SessionInput| {
        a.date == b.date && a.start_time < b.end_time && b.start_time < a.end_time
    };
    for (i, (a, a_here, a_input)) in sessions.iter().enumerate() {
        for (j, (b, b_here, b_input)) in sessions.iter().enumerate() {
            if i == j || !overlap(a_input, b_input) {
                continue;
            }
            if *a_here && *b_here && i < j {
                expected.insert(("overlap".into(), a.clone(), b.clone()));
            }
            let shared = a_input
                .speakers
                .iter()
                .filter(|s| b_input.speakers.iter().any(|t| t.expert_id == s.expert_id))
                .count();
            if *a_here && shared > 0 {
                expected.insert(("speakerBusy".into(), a.clone(), b.clone()));
            }
        }
    }
    assert_eq!(found(&store, &here), expected);
    assert!(
        expected.len() >= 6,
        "the case exercises the rules: {expected:?}"
    );
}

#[test]
fn five_thousand_simultaneous_sessions_report_a_bounded_list_quickly() {
    let (_dir, mut store) = seeded_store();
    let speaker = store
        .create_expert(&expert("Lena", "Vogel"))
        .unwrap()
        .meta
        .id;
    let event_id = store
        .create_event(&event("FOULE-1", "2026-09-01", "2026-09-01"))
        .unwrap()
        .meta
        .id;
    let mut input = session("2026-09-01", "09:00", "17:00", "Atelier");
    input.speakers = vec![SessionSpeaker {
        expert_id: speaker,
        role: "speaker".into(),
    }];
    store.create_session(&event_id, &input).unwrap();
    // Brought in by an exchange file, as a hostile or broken file would.
    let mut file: Value = serde_json::from_slice(&json::export(&mut store).unwrap()).unwrap();
    let first = file["sessions"][0].clone();
    let sessions = file["sessions"].as_array_mut().unwrap();
    for i in 1..5_000 {
        let mut copy = first.clone();
        copy["id"] = format!("atelier-{i:05}").into();
        copy["title"] = format!("Atelier {i}").into();
        sessions.push(copy);
    }
    let bytes = serde_json::to_vec(&file).unwrap();
    let (_dir2, mut target) = seeded_store();
    json::apply(&mut target, &bytes, &JsonImportChoices::default()).unwrap();
    let event_id = target.find_event_by_code("FOULE-1").unwrap().meta.id;

    let started = std::time::Instant::now();
    let conflicts = target.session_conflicts(&event_id).unwrap();
    let agenda = target.event_agenda(&event_id).unwrap();
    let elapsed = started.elapsed();
    let count = |kind: &str| conflicts.iter().filter(|c| c.kind == kind).count();
    assert_eq!(count("overlap"), CONFLICTS_SHOWN);
    assert_eq!(count("speakerBusy"), CONFLICTS_SHOWN);
    assert_eq!(agenda.conflicts.len(), 2 * CONFLICTS_SHOWN);
    assert!(
        elapsed < std::time::Duration::from_secs(5),
        "{elapsed:?} for 5 000 sessions"
    );
}
