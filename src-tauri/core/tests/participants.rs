//! Participants of an event as a training adviser sees them: capacity and waiting list, one
//! registration per e-mail, attendance per half-day, the CSV import and export, anonymisation.

mod common;

use common::*;
use passerelle_core::exchange::participants_csv;
use passerelle_core::exchange::{CsvImportChoices, DuplicatePolicy};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

fn person(first: &str, last: &str) -> ParticipantInput {
    ParticipantInput {
        first_name: first.into(),
        last_name: last.into(),
        email: format!("{}.{}@mairie.fr", first.to_lowercase(), last.to_lowercase()),
        employer: "Ville de Lille".into(),
        ..Default::default()
    }
}

/// An event of two days with training both mornings and on the first afternoon only.
fn event_with_capacity(store: &mut Store, capacity: Option<i64>) -> String {
    let mut input = event("PART-1", "2026-05-12", "2026-05-13");
    input.capacity = capacity;
    let id = store.create_event(&input).unwrap().meta.id;
    for (date, start, end, kind) in [
        ("2026-05-12", "09:00", "12:00", "talk"),
        ("2026-05-12", "12:00", "13:30", "meal"),
        ("2026-05-12", "14:00", "17:00", "workshop"),
        ("2026-05-13", "09:00", "12:00", "talk"),
        // Only a lunch on the second afternoon: no training, no attendance.
        ("2026-05-13", "13:00", "14:00", "meal"),
    ] {
        let mut s = session(date, start, end, "Séquence");
        s.kind = kind.into();
        store.create_session(&id, &s).unwrap();
    }
    id
}

fn statuses(store: &Store, event_id: &str) -> Vec<(String, String, Option<i64>)> {
    store
        .list_participants(event_id)
        .unwrap()
        .into_iter()
        .map(|s| (s.last_name, s.status, s.waiting_rank))
        .collect()
}

#[test]
fn beyond_capacity_people_wait_and_a_cancellation_promotes_the_first_one_waiting() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, Some(2));
    let a = store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap();
    assert_eq!(a.participant.data.status, "registered");
    assert_eq!(a.notice, None);
    store
        .add_participant(&event_id, &person("Bruno", "Martin"))
        .unwrap();
    let c = store
        .add_participant(&event_id, &person("Chloé", "Zidane"))
        .unwrap();
    assert_eq!(c.participant.data.status, "waiting_list");
    assert_eq!(c.waiting_rank, Some(1));
    assert_eq!(
        c.notice.as_deref(),
        Some("Complet : ajouté en liste d'attente (rang 1).")
    );
    let d = store
        .add_participant(&event_id, &person("David", "Abel"))
        .unwrap();
    assert_eq!(d.waiting_rank, Some(2));
    assert_eq!(
        statuses(&store, &event_id),
        vec![
            ("Abel".into(), "waiting_list".into(), Some(2)),
            ("Durand".into(), "registered".into(), None),
            ("Martin".into(), "registered".into(), None),
            ("Zidane".into(), "waiting_list".into(), Some(1)),
        ]
    );

    // Promoting by hand while full is refused, naming the status field; nothing changes.
    let error = store
        .promote_participant(&d.participant.meta.id, d.participant.meta.version)
        .unwrap_err();
    assert_eq!(fields(error), vec!["status"]);

    let cancelled = store
        .cancel_participant(&a.participant.meta.id, a.participant.meta.version)
        .unwrap();
    assert_eq!(cancelled.participant.data.status, "cancelled");
    let promoted = cancelled
        .promoted
        .expect("the first one waiting is promoted");
    assert_eq!(promoted.last_name, "Zidane");
    assert!(cancelled.notice.unwrap().contains("Chloé Zidane"));
    assert_eq!(
        statuses(&store, &event_id),
        vec![
            ("Abel".into(), "waiting_list".into(), Some(1)),
            ("Durand".into(), "cancelled".into(), None),
            ("Martin".into(), "registered".into(), None),
            ("Zidane".into(), "registered".into(), None),
        ]
    );
    // Deleting a registered participant gives the seat to the next one.
    let martin = &store.list_participants(&event_id).unwrap()[2];
    let promoted = store.delete_participant(&martin.id.clone()).unwrap();
    assert_eq!(promoted.unwrap().last_name, "Abel");
    assert_eq!(store.event_seats(&event_id).unwrap(), (Some(2), 2));
}

#[test]
fn a_second_registration_with_the_same_email_is_refused_naming_the_field() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, None);
    store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap();
    let mut twin = person("Anne", "Durand-Roy");
    twin.email = "ANA.durand@mairie.fr".into();
    let error = store.add_participant(&event_id, &twin).unwrap_err();
    assert!(error.to_string().contains("déjà inscrite"), "{error}");
    assert_eq!(fields(error), vec!["email"]);
    assert_eq!(store.list_participants(&event_id).unwrap().len(), 1);

    let mut bad = person("Zoé", "Petit");
    bad.email = "zoe.petit@".into();
    assert_eq!(
        fields(store.add_participant(&event_id, &bad).unwrap_err()),
        vec!["email"]
    );
    bad.email = String::new();
    assert_eq!(
        fields(store.add_participant(&event_id, &bad).unwrap_err()),
        vec!["email"]
    );
}

#[test]
fn an_edit_from_a_stale_version_is_refused() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, None);
    let p = store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap()
        .participant;
    let mut input = p.data.clone();
    input.job_title = "Directrice".into();
    store
        .update_participant(&p.meta.id, p.meta.version, &input)
        .unwrap();
    input.job_title = "Adjointe".into();
    let error = store
        .update_participant(&p.meta.id, p.meta.version, &input)
        .unwrap_err();
    assert!(matches!(error, CoreError::StaleVersion { .. }), "{error}");
    assert_eq!(
        store.get_participant(&p.meta.id).unwrap().data.job_title,
        "Directrice"
    );
}

fn mark(participant: &str, date: &str, part: &str, mark: &str) -> AttendanceEntry {
    AttendanceEntry {
        participant_id: participant.into(),
        date: date.into(),
        part: part.into(),
        mark: mark.into(),
    }
}

#[test]
fn attendance_is_kept_only_on_training_half_days_and_a_bad_grid_changes_nothing() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, None);
    let ana = store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap()
        .participant
        .meta
        .id;
    let slots = store.attendance_half_days(&event_id).unwrap();
    let shown: Vec<(&str, &str)> = slots
        .iter()
        .map(|s| (s.date.as_str(), s.part.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("2026-05-12", "am"),
            ("2026-05-12", "pm"),
            ("2026-05-13", "am")
        ]
    );
    let good = vec![
        mark(&ana, "2026-05-12", "am", "present"),
        mark(&ana, "2026-05-12", "pm", "excused"),
    ];
    store.set_attendance(&event_id, &good).unwrap();
    assert_eq!(store.attendance_of(&event_id).unwrap(), good);

    // The second afternoon has only a meal; the 14th is after the event; someone unknown.
    let bad = vec![
        mark(&ana, "2026-05-13", "am", "present"),
        mark(&ana, "2026-05-13", "pm", "present"),
        mark(&ana, "2026-05-14", "am", "present"),
        mark("inconnu", "2026-05-12", "am", "absent"),
    ];
    let error = store.set_attendance(&event_id, &bad).unwrap_err();
    let messages: Vec<String> = error.fields().into_iter().map(|f| f.message).collect();
    assert_eq!(
        fields(error),
        vec!["attendance.1", "attendance.2", "attendance.3"]
    );
    assert!(
        messages[0].contains("le 13/05/2026 après-midi"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("en dehors de l'événement"),
        "{messages:?}"
    );
    assert!(messages[2].contains("pas inscrit"), "{messages:?}");
    assert_eq!(
        store.attendance_of(&event_id).unwrap(),
        good,
        "nothing changed"
    );

    let error = store
        .set_attendance(&event_id, &[mark(&ana, "2026-05-12", "am", "late")])
        .unwrap_err();
    assert_eq!(fields(error), vec!["attendance.0.mark"]);
    assert_eq!(store.attendance_of(&event_id).unwrap(), good);
}

fn choices(skip_invalid: bool) -> CsvImportChoices {
    CsvImportChoices {
        on_duplicate: DuplicatePolicy::Update,
        skip_invalid,
    }
}

#[test]
fn the_import_previews_refuses_bad_lines_whole_and_sends_the_overflow_to_the_waiting_list() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, Some(2));
    store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap();
    // As Excel-FR saves it: Windows-1252 (é = 0xE9), semicolons, French headers.
    let text = "Nom;Prénom;Courriel;Employeur/Organisme;Statut;Besoins particuliers\n\
                Durand;Ana;ana.durand@mairie.fr;Métropole;Confirmé;\n\
                Martin;Bruno;bruno.martin@mairie.fr;Ville;Inscrit;Fauteuil roulant\n\
                Zidane;Chloé;chloe.zidane@mairie.fr;Ville;;\n\
                Faux;Paul;paul@;Ville;;\n\
                Double;Bruno;BRUNO.martin@mairie.fr;Ville;;\n";
    let text = text.replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let preview = participants_csv::preview(&store, &event_id, &bytes).unwrap();
    assert_eq!(preview.preview.encoding, "Windows-1252");
    assert_eq!((preview.preview.new, preview.preview.updated), (2, 1));
    assert_eq!(preview.waiting_list, 1, "one seat left for two new people");
    let reasons: Vec<&str> = preview
        .preview
        .rejected
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].starts_with("ligne 5 : adresse e-mail invalide"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("même adresse e-mail que la ligne 3"),
        "{reasons:?}"
    );

    let error =
        participants_csv::apply(&mut store, &event_id, &bytes, &choices(false)).unwrap_err();
    assert!(
        error.to_string().contains("Rien n'a été modifié"),
        "{error}"
    );
    assert_eq!(store.list_participants(&event_id).unwrap().len(), 1);

    let summary = participants_csv::apply(&mut store, &event_id, &bytes, &choices(true)).unwrap();
    assert_eq!(
        (
            summary.summary.created,
            summary.summary.updated,
            summary.summary.rejected
        ),
        (2, 1, 2)
    );
    assert_eq!(summary.waiting_list, 1);
    assert_eq!(
        statuses(&store, &event_id),
        vec![
            ("Durand".into(), "confirmed".into(), None),
            ("Martin".into(), "registered".into(), None),
            ("Zidane".into(), "waiting_list".into(), Some(1)),
        ]
    );
    let martin = store.participants_of(&event_id).unwrap().remove(1);
    assert_eq!(martin.data.special_needs, "Fauteuil roulant");
    assert_eq!(martin.data.employer, "Ville");
}

#[test]
fn export_then_import_into_another_event_gives_the_same_file() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, None);
    let mut ana = person("Ana", "Durand");
    ana.status = "confirmed".into();
    ana.notes = "Arrive la veille; \"à confirmer\"".into();
    ana.special_needs = "Régime sans gluten".into();
    store.add_participant(&event_id, &ana).unwrap();
    store
        .add_participant(&event_id, &person("Émile", "Ébert"))
        .unwrap();
    store
        .add_participant(&event_id, &person("Bruno", "Martin"))
        .unwrap();
    let exported = participants_csv::export(&store, &event_id, true).unwrap();
    assert!(exported.starts_with(b"\xEF\xBB\xBFNom;Pr\xC3\xA9nom;E-mail;"));
    let text = String::from_utf8(exported.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("Durand;Ana;") && lines[1].contains(";Confirmé;"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("Ébert;Émile;"),
        "accents sort with their letter: {text}"
    );
    let without =
        String::from_utf8(participants_csv::export(&store, &event_id, false).unwrap()).unwrap();
    assert!(
        !without.contains("gluten") && !without.contains("Besoins"),
        "{without}"
    );

    let other = store
        .create_event(&event("PART-2", "2026-06-01", "2026-06-01"))
        .unwrap()
        .meta
        .id;
    participants_csv::apply(&mut store, &other, &exported, &choices(false)).unwrap();
    assert_eq!(
        participants_csv::export(&store, &other, true).unwrap(),
        exported
    );
}

#[test]
fn the_attendance_export_has_one_column_per_half_day() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, None);
    let ana = store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap()
        .participant
        .meta
        .id;
    store
        .set_attendance(
            &event_id,
            &[
                mark(&ana, "2026-05-12", "am", "present"),
                mark(&ana, "2026-05-13", "am", "absent"),
            ],
        )
        .unwrap();
    let text =
        String::from_utf8(participants_csv::export_attendance(&store, &event_id).unwrap()).unwrap();
    assert_eq!(
        text,
        "\u{feff}Nom;Prénom;E-mail;Statut;12/05/2026 matin;12/05/2026 après-midi;13/05/2026 matin;Demi-journées de présence\r\n\
         Durand;Ana;ana.durand@mairie.fr;Inscrit;Présent;;Absent;1\r\n"
    );
}

#[test]
fn anonymising_an_old_event_blanks_the_people_and_keeps_counts_and_attendance() {
    let (_dir, mut store) = seeded_store();
    let event_id = event_with_capacity(&mut store, Some(1));
    let ana = store
        .add_participant(&event_id, &person("Ana", "Durand"))
        .unwrap()
        .participant
        .meta
        .id;
    let mut bruno = person("Bruno", "Martin");
    bruno.special_needs = "Malentendant".into();
    store.add_participant(&event_id, &bruno).unwrap();
    let marks = vec![mark(&ana, "2026-05-12", "am", "present")];
    store.set_attendance(&event_id, &marks).unwrap();
    let recent = store
        .create_event(&event("RECENT", "2029-01-10", "2029-01-10"))
        .unwrap()
        .meta
        .id;
    store
        .add_participant(&recent, &person("Chloé", "Zidane"))
        .unwrap();

    assert_eq!(store.retention_years().unwrap(), 3);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // Three years after 13/05/2026 is 13/05/2029: not past on that day, past the day after.
    assert!(store
        .events_past_retention_on(3, day("2029-05-13"))
        .unwrap()
        .is_empty());
    let due = store
        .events_past_retention_on(3, day("2029-05-14"))
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].code.as_str(), due[0].participants), ("PART-1", 2));

    assert_eq!(
        store
            .anonymise_participants(std::slice::from_ref(&event_id))
            .unwrap(),
        2
    );
    let people = store.participants_of(&event_id).unwrap();
    assert!(people.iter().all(|p| p.anonymised
        && p.data.last_name.is_empty()
        && p.data.email.is_empty()
        && p.data.special_needs.is_empty()));
    let mut kept: Vec<&str> = people.iter().map(|p| p.data.status.as_str()).collect();
    kept.sort();
    assert_eq!(kept, vec!["registered", "waiting_list"]);
    assert_eq!(store.event_seats(&event_id).unwrap(), (Some(1), 1));
    assert_eq!(store.attendance_of(&event_id).unwrap(), marks);
    assert!(store
        .events_past_retention_on(3, day("2029-05-14"))
        .unwrap()
        .is_empty());
    assert_eq!(
        store.list_participants(&recent).unwrap()[0].last_name,
        "Zidane"
    );

    // An anonymised record cannot be filled in again.
    let p = &people[0];
    let error = store
        .update_participant(&p.meta.id, p.meta.version, &person("Ana", "Durand"))
        .unwrap_err();
    assert_eq!(fields(error), vec!["anonymised"]);

    store.set_retention_years(5).unwrap();
    assert_eq!(store.retention_years().unwrap(), 5);
    assert_eq!(
        fields(store.set_retention_years(0).unwrap_err()),
        vec!["retentionYears"]
    );
    assert_eq!(store.retention_years().unwrap(), 5);
}

#[test]
fn experts_to_review_are_those_past_their_review_date_or_without_consent() {
    let (_dir, mut store) = seeded_store();
    let mut late = expert("Anna", "Schäfer");
    late.consent_date = "2023-01-01".into();
    late.consent_source = "Formulaire signé".into();
    late.review_date = "2025-01-01".into();
    store.create_expert(&late).unwrap();
    let mut fine = expert("Marc", "Weber");
    fine.consent_date = "2024-01-01".into();
    fine.consent_source = "Courriel".into();
    fine.review_date = "2027-01-01".into();
    store.create_expert(&fine).unwrap();
    store.create_expert(&expert("Luc", "Bernard")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let listed: Vec<(String, String)> = store
        .experts_to_review_on(today)
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.reason))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("Luc Bernard".into(), "Aucun consentement enregistré".into()),
            (
                "Anna Schäfer".into(),
                "Date de révision dépassée (01/01/2025)".into()
            ),
        ]
    );
}
