//! Unit tests of the validation rules.

use super::*;
use crate::model::*;

fn fields(result: CoreResult<()>) -> Vec<String> {
    match result {
        Err(CoreError::Validation { fields }) => fields.into_iter().map(|f| f.field).collect(),
        Ok(()) => Vec::new(),
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn email_shapes() {
    assert!(is_email("anne.muller@eurodistrict.eu"));
    assert!(!is_email("anne.muller"));
    assert!(!is_email("anne@muller"));
    assert!(!is_email("anne @muller.eu"));
    assert!(!is_email("a@b@c.eu"));
    assert!(!is_email("@muller.eu"));
}

#[test]
fn phone_shapes() {
    assert!(is_phone("+33 3 88 00 00 00"));
    assert!(is_phone("03.88.00.00.00"));
    assert!(is_phone("+49 (0)781 12-34"));
    assert!(!is_phone("12"));
    assert!(!is_phone("appelez-moi"));
}

#[test]
fn iso_codes() {
    assert!(is_country_code("FR") && is_country_code("DE") && is_country_code("CH"));
    assert!(!is_country_code("fr") && !is_country_code("XX") && !is_country_code("FRA"));
    assert!(is_language_code("de") && is_language_code("lb"));
    assert!(!is_language_code("DE") && !is_language_code("xx"));
}

#[test]
fn expert_errors_name_each_field() {
    let input = ExpertInput {
        first_name: "".into(),
        last_name: "Muller".into(),
        email: "pas-une-adresse".into(),
        country: "Allemagne".into(),
        languages: vec![
            LanguageSkill {
                language: "de".into(),
                level: "C1".into(),
            },
            LanguageSkill {
                language: "de".into(),
                level: "Z9".into(),
            },
        ],
        ..Default::default()
    };
    let got = fields(check_expert(&input));
    assert_eq!(
        got,
        vec![
            "firstName",
            "email",
            "country",
            "languages.1.language",
            "languages.1.level"
        ]
    );
}

#[test]
fn event_end_before_start_is_refused() {
    let input = EventInput {
        code: "VE-1".into(),
        title: "Visite".into(),
        kind: "study_visit".into(),
        status: "draft".into(),
        start_date: "2026-03-05".into(),
        end_date: "2026-03-03".into(),
        ..Default::default()
    };
    assert_eq!(fields(check_event(&input)), vec!["endDate"]);
}

#[test]
fn session_outside_event_and_reversed_times_are_refused() {
    let event = EventInput {
        start_date: "2026-03-03".into(),
        end_date: "2026-03-05".into(),
        ..Default::default()
    };
    let session = SessionInput {
        date: "2026-03-06".into(),
        start_time: "14:00".into(),
        end_time: "12:00".into(),
        title: "Atelier".into(),
        kind: "workshop".into(),
        ..Default::default()
    };
    assert_eq!(
        fields(check_session(&session, &event)),
        vec!["endTime", "date"]
    );
    let ok = SessionInput {
        date: "2026-03-05".into(),
        end_time: "16:30".into(),
        ..session
    };
    assert!(check_session(&ok, &event).is_ok());
}
