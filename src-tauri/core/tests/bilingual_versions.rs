//! The bilingual programme and the programme versions, end to end on a real database file
//! and real PDFs read back with poppler's pdftotext.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::{event, seeded_store, session};
use passerelle_core::documents::sample::generated_bilingual;
use passerelle_core::documents::{render_programme, ProgrammeOptions};
use passerelle_core::model::*;
use passerelle_core::printing::{programme_data_in, send_programme};
use passerelle_core::{demo, Store};

/// The PDF's text, runs of white space collapsed (no-break spaces too).
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    pdftotext(&path)
}

fn pdftotext(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for these tests");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Asserts that `parts` appear in `text` in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("« {part} » missing after position {from} in:\n{text}"),
        }
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn the_demo_prints_french_then_german_block_by_block() {
    let (_dir, mut store) = seeded_store();
    let id = demo::add_demo(&mut store).expect("demo");
    let data = programme_data_in(
        &store,
        &id,
        Some(day(2027, 2, 1)),
        Some(PartnerLanguage::German),
    )
    .expect("data");
    let text = text_of(&render_programme(&data, &ProgrammeOptions::default()).expect("pdf"));
    in_order(
        &text,
        &[
            "[Exemple] Visite d'étude",
            "[Beispiel] Studienbesuch",
            "Version du 1er février 2027",
            "Stand: 1. Februar 2027",
            "Dates / Termine",
            "Du mardi 16 au jeudi 18 mars 2027",
            "Dienstag, 16. bis Donnerstag, 18. März 2027",
            "Objectifs / Lernziele",
            "Connaître les acteurs",
            "Die Akteure und Rechtsinstrumente",
            "Programme détaillé / Ausführliches Programm",
            "Mardi 16 mars 2027 / Dienstag, 16. März 2027",
            "Horaire / Uhrzeit",
            "Accueil des participants",
            "Empfang der Teilnehmenden",
            "La coopération franco-allemande",
            "Die deutsch-französische Zusammenarbeit",
            "Workshop: Analyse des Mobilitätsbedarfs",
            "Méthodes pédagogiques / Lehrmethoden",
            "Apports d'experts",
            "[nicht übersetzt]",
            "Intervenants / Referenten",
        ],
    );
    assert!(
        text.contains("Programme de formation / Fortbildungsprogramm"),
        "{text}"
    );
}

#[test]
fn a_french_programme_has_no_partner_text_and_another_language_is_refused() {
    let (_dir, mut store) = seeded_store();
    let id = demo::add_demo(&mut store).expect("demo");
    let data = programme_data_in(&store, &id, Some(day(2027, 2, 1)), None).expect("data");
    let text = text_of(&render_programme(&data, &ProgrammeOptions::default()).expect("pdf"));
    assert!(text.contains("Accueil des participants"));
    assert!(
        !text.contains("Empfang") && !text.contains("Lernziele"),
        "{text}"
    );
    let error = programme_data_in(&store, &id, None, Some(PartnerLanguage::Italian)).unwrap_err();
    assert!(error.to_string().contains("allemand"), "{error}");
    assert_eq!(error.kind(), "validation");
}

#[test]
fn every_partner_language_prints_its_own_labels_and_dates() {
    let cases = [
        (
            PartnerLanguage::German,
            ["Uhrzeit", "Referenten", "Montag, 2. März 2026"],
        ),
        (
            PartnerLanguage::Italian,
            ["Orario", "Relatori", "lunedì 2 marzo 2026"],
        ),
        (
            PartnerLanguage::Spanish,
            ["Horario", "Ponentes", "lunes 2 de marzo de 2026"],
        ),
        (
            PartnerLanguage::Catalan,
            ["Horari", "Ponents", "dilluns 2 de març de 2026"],
        ),
        (
            PartnerLanguage::Dutch,
            ["Tijd", "Sprekers", "maandag 2 maart 2026"],
        ),
        (
            PartnerLanguage::English,
            ["Time", "Speakers", "Monday 2 March 2026"],
        ),
        (
            PartnerLanguage::Luxembourgish,
            ["Uhrzeit", "Referenten", "Montag, 2. März 2026"],
        ),
    ];
    for (language, expected) in cases {
        let mut data = generated_bilingual(2, 12, 4);
        if let Some(partner) = data.partner.as_mut() {
            partner.language = language;
        }
        let text = text_of(&render_programme(&data, &ProgrammeOptions::default()).expect("pdf"));
        for label in expected {
            assert!(text.contains(label), "{language:?}: « {label} » missing");
        }
    }
}

fn agenda_event(store: &mut Store) -> (String, Vec<Session>) {
    let id = store
        .create_event(&event("VERS-1", "2027-05-03", "2027-05-05"))
        .expect("event")
        .meta
        .id;
    let sessions = [
        session("2027-05-03", "09:00", "10:00", "Ouverture"),
        session("2027-05-03", "10:30", "12:00", "Atelier mobilité"),
        session("2027-05-04", "09:00", "11:00", "Visite du port"),
    ]
    .iter()
    .map(|s| store.create_session(&id, s).expect("session"))
    .collect();
    (id, sessions)
}

#[test]
fn a_sent_version_is_numbered_lists_its_changes_and_prints_again_byte_for_byte() {
    let (dir, mut store) = seeded_store();
    let (id, sessions) = agenda_event(&mut store);

    let (first, first_pdf) = send_programme(&mut store, &id, None, day(2027, 4, 1)).expect("v1");
    assert_eq!(first.number, 1);
    assert_eq!(first.changes[0].kind, "first");
    assert!(text_of(&first_pdf).contains("Version 1 du 1er avril 2027"));

    // Move one session, rename another, remove the third, add a new one.
    let moved = &sessions[0];
    let mut input = moved.data.clone();
    input.start_time = "09:30".into();
    input.end_time = "10:15".into();
    store
        .update_session(&moved.meta.id, moved.meta.version, &input)
        .expect("move");
    let renamed = &sessions[1];
    let mut input = renamed.data.clone();
    input.title = "Atelier transports".into();
    store
        .update_session(&renamed.meta.id, renamed.meta.version, &input)
        .expect("rename");
    store.delete_session(&sessions[2].meta.id).expect("remove");
    store
        .create_session(&id, &session("2027-05-05", "14:00", "16:00", "Bilan"))
        .expect("add");

    let (second, second_pdf) = send_programme(&mut store, &id, None, day(2027, 4, 20)).expect("v2");
    assert_eq!(second.number, 2);
    let messages: Vec<(&str, &str)> = second
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "moved",
                "Séance déplacée : « Ouverture », du lundi 3 mai, 9 h 00 au lundi 3 mai, 9 h 30."
            ),
            (
                "renamed",
                "Séance renommée : « Atelier mobilité » devient « Atelier transports »."
            ),
            (
                "added",
                "Séance ajoutée : « Bilan » (mercredi 5 mai, 14 h 00)."
            ),
            (
                "removed",
                "Séance retirée : « Visite du port » (mardi 4 mai, 9 h 00)."
            ),
        ]
    );
    let second_text = text_of(&second_pdf);
    assert!(
        second_text.contains("Version 2 du 20 avril 2027"),
        "{second_text}"
    );
    assert!(second_text.contains("Bilan") && !second_text.contains("Visite du port"));

    // The list, latest first; version 1 printed again is the very file sent, though the
    // agenda changed since, and survives closing and reopening the database.
    let listed: Vec<i64> = store
        .programme_versions(&id)
        .unwrap()
        .iter()
        .map(|v| v.number)
        .collect();
    assert_eq!(listed, vec![2, 1]);
    let path = dir.path().join("passerelle.db");
    store.close().expect("close");
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.programme_version_pdf(&id, 1).unwrap(), first_pdf);
    assert_eq!(store.programme_version_pdf(&id, 2).unwrap(), second_pdf);
    let missing = store.programme_version_pdf(&id, 3).unwrap_err();
    assert_eq!(missing.kind(), "notFound");
}

#[test]
fn speakers_changed_between_versions_are_named() {
    let (_dir, mut store) = seeded_store();
    let (id, sessions) = agenda_event(&mut store);
    let anna = store
        .create_expert(&common::expert("Anna", "Muster"))
        .expect("expert");
    send_programme(
        &mut store,
        &id,
        Some(PartnerLanguage::English),
        day(2027, 4, 1),
    )
    .expect("v1");
    let target = &sessions[1];
    let mut input = target.data.clone();
    input.speakers = vec![SessionSpeaker {
        expert_id: anna.meta.id.clone(),
        role: "speaker".into(),
    }];
    store
        .update_session(&target.meta.id, target.meta.version, &input)
        .expect("speaker");
    let (second, pdf) = send_programme(
        &mut store,
        &id,
        Some(PartnerLanguage::English),
        day(2027, 4, 2),
    )
    .expect("v2");
    assert_eq!(second.language, "en");
    assert_eq!(second.changes.len(), 1, "{:?}", second.changes);
    assert_eq!(
        second.changes[0].message,
        "Intervenants de « Atelier mobilité » : ajout de Anna Muster."
    );
    let text = text_of(&pdf);
    assert!(text.contains("Version 2 of 2 April 2027"), "{text}");
}
