//! Unit tests of the programme: durations, refused times and the key facts.

use super::facts::{key_facts, Fact};
use super::partner::Partner;
use super::ProgrammePartner;
use super::*;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn session(day: u32, start: NaiveTime, end: NaiveTime, kind: SessionKind) -> ProgrammeSession {
    ProgrammeSession {
        date: NaiveDate::from_ymd_opt(2026, 3, day).expect("date"),
        start,
        end,
        title: "Séance".into(),
        description: String::new(),
        kind,
        place: String::new(),
        speakers: Vec::new(),
        title_partner: String::new(),
        description_partner: String::new(),
    }
}

#[test]
fn duration_excludes_breaks_and_overlaps() {
    let sessions = vec![
        session(3, t(9, 0), t(10, 30), SessionKind::Talk),
        session(3, t(10, 30), t(10, 45), SessionKind::Break),
        session(3, t(10, 45), t(12, 30), SessionKind::Workshop),
        // Two parallel workshops count once.
        session(3, t(11, 0), t(12, 0), SessionKind::Workshop),
        session(3, t(12, 30), t(14, 0), SessionKind::Meal),
        session(4, t(9, 0), t(12, 0), SessionKind::SiteVisit),
        session(4, t(12, 0), t(13, 0), SessionKind::Transfer),
        session(5, t(12, 0), t(13, 0), SessionKind::Meal),
    ];
    assert_eq!(training_minutes(&sessions), 90 + 105 + 180);
    assert_eq!(training_days(&sessions), 2);
}

#[test]
fn inverted_times_are_refused_in_french() {
    let err = check_sessions(&[session(3, t(12, 0), t(9, 0), SessionKind::Talk)]).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("Séance") && message.contains("03/03/2026"),
        "{message}"
    );
}

#[test]
fn key_facts_leave_out_empty_fields_and_default_prerequisites() {
    let data = ProgrammeData {
        title: "T".into(),
        ..ProgrammeData::default()
    };
    let plain = |facts: Vec<Fact>| -> Vec<(String, String)> {
        facts.into_iter().map(|f| (f.label, f.value)).collect()
    };
    let facts = plain(key_facts(&data, None));
    assert_eq!(facts, vec![("Prérequis".to_string(), "Aucun".to_string())]);
    let data = ProgrammeData {
        start_date: NaiveDate::from_ymd_opt(2026, 3, 3),
        end_date: NaiveDate::from_ymd_opt(2026, 3, 5),
        city: "Kehl".into(),
        country: "Allemagne".into(),
        ..data
    };
    let facts = plain(key_facts(&data, None));
    assert_eq!(
        facts[0],
        (
            "Dates".to_string(),
            "Du mardi 3 au jeudi 5 mars 2026".to_string()
        )
    );
    assert_eq!(
        facts[1],
        ("Lieu".to_string(), "Kehl, Allemagne".to_string())
    );
}

#[test]
fn bilingual_key_facts_give_both_labels_and_mark_missing_translations() {
    let partner = ProgrammePartner {
        language: crate::model::PartnerLanguage::German,
        texts: crate::model::EventTranslation {
            price: "Kostenlos".into(),
            ..Default::default()
        },
    };
    let data = ProgrammeData {
        start_date: NaiveDate::from_ymd_opt(2027, 3, 16),
        end_date: NaiveDate::from_ymd_opt(2027, 3, 18),
        audience: "Cadres".into(),
        price: "Gratuit".into(),
        ..ProgrammeData::default()
    };
    let facts = key_facts(&data, Partner::of(Some(&partner)));
    let fact = |label: &str| {
        facts
            .iter()
            .find(|f| f.label == label)
            .cloned()
            .expect(label)
    };
    assert_eq!(
        fact("Dates / Termine").partner.as_deref(),
        Some("Dienstag, 16. bis Donnerstag, 18. März 2027")
    );
    assert_eq!(fact("Tarif / Kosten").partner.as_deref(), Some("Kostenlos"));
    assert_eq!(
        fact("Public / Zielgruppe").partner.as_deref(),
        Some("[nicht übersetzt]")
    );
    assert_eq!(
        fact("Prérequis / Voraussetzungen").partner.as_deref(),
        Some("Keine")
    );
}
