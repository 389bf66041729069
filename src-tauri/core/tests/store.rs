//! The store on a real SQLite file: records survive reopening, validation refuses bad input
//! without writing, stale edits are refused, deletions that would break the agenda are refused,
//! and the full-text search finds what a user types.

mod common;

use common::*;
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

#[test]
fn reference_data_is_loaded_once_and_survives_reopening() {
    let (dir, store) = seeded_store();
    let counts = store.counts().unwrap();
    assert_eq!(counts.organisations, 42);
    assert_eq!(counts.territories, 23);
    assert_eq!(counts.themes, 17);
    assert_eq!(counts.professions, 75);
    assert_eq!(counts.interreg_programmes, 28);
    let names: Vec<String> = store
        .list_organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.data.name)
        .collect();
    assert!(names.contains(&"Mission Opérationnelle Transfrontalière".to_string()));
    assert!(names
        .iter()
        .any(|n| n.contains("INSET") || n.contains("d'études territoriales d'Angers")));
    drop(store);

    let mut reopened = Store::open(&dir.path().join("passerelle.db")).unwrap();
    let report = reopened.load_shipped_reference().unwrap();
    assert_eq!(report.added, 0, "a second load adds nothing");
    assert_eq!(reopened.counts().unwrap(), counts);
}

#[test]
fn a_user_edit_of_reference_data_is_not_overwritten_by_the_next_start() {
    let (dir, mut store) = seeded_store();
    let mot = store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap();
    let mut input = mot.data.clone();
    input.city = "Paris".into();
    store
        .update_organisation(&mot.meta.id, mot.meta.version, &input)
        .unwrap();
    drop(store);
    let store = Store::open_with_reference(&dir.path().join("passerelle.db")).unwrap();
    assert_eq!(
        store.get_organisation(&mot.meta.id).unwrap().data.city,
        "Paris"
    );
}

#[test]
fn an_expert_is_saved_with_all_links_and_read_back_after_reopening() {
    let (dir, mut store) = seeded_store();
    let mobility = theme_id(&store, "Transport");
    let territory = store.list_territories().unwrap()[0].meta.id.clone();
    let organisation = store.list_organisations().unwrap()[0].meta.id.clone();
    let mut input = expert("Hélène", "Schäfer");
    input.organisation_id = Some(organisation.clone());
    input.languages = vec![
        LanguageSkill {
            language: "de".into(),
            level: "native".into(),
        },
        LanguageSkill {
            language: "fr".into(),
            level: "C1".into(),
        },
    ];
    input.theme_ids = vec![mobility.clone()];
    input.territory_ids = vec![territory.clone()];
    input.consent_date = "2026-10-01".into();
    input.consent_source = "Formulaire signé au colloque de Kehl".into();
    let created = store.create_expert(&input).unwrap();
    assert_eq!(created.meta.version, 1);
    drop(store);

    let store = Store::open(&dir.path().join("passerelle.db")).unwrap();
    let read = store.get_expert(&created.meta.id).unwrap();
    assert_eq!(read.data, input);
    assert!(read.organisation_name.is_some());
}

#[test]
fn invalid_expert_is_refused_with_field_messages_and_nothing_is_written() {
    let (_dir, mut store) = seeded_store();
    let mut input = expert("Anne", "Muller");
    input.email = "anne.muller@".into();
    input.phone = "appelez-moi".into();
    input.languages.push(LanguageSkill {
        language: "de".into(),
        level: "B7".into(),
    });
    let error = store.create_expert(&input).unwrap_err();
    assert_eq!(fields(error), vec!["email", "phone", "languages.1.level"]);
    assert_eq!(store.counts().unwrap().experts, 0);

    let mut dangling = expert("Anne", "Muller");
    dangling.theme_ids = vec!["no-such-theme".into()];
    let error = store.create_expert(&dangling).unwrap_err();
    assert_eq!(fields(error), vec!["themeIds"]);
    assert_eq!(store.counts().unwrap().experts, 0);
}

#[test]
fn a_stale_edit_is_refused_and_the_newer_version_is_kept() {
    let (_dir, mut store) = seeded_store();
    let created = store.create_expert(&expert("Jean", "Dupont")).unwrap();
    let mut first = created.data.clone();
    first.city = "Metz".into();
    let saved = store
        .update_expert(&created.meta.id, created.meta.version, &first)
        .unwrap();
    assert_eq!(saved.meta.version, 2);

    let mut second = created.data.clone();
    second.city = "Nancy".into();
    let error = store
        .update_expert(&created.meta.id, created.meta.version, &second)
        .unwrap_err();
    assert!(matches!(error, CoreError::StaleVersion { .. }), "{error:?}");
    assert!(error.to_string().contains("modifié entre-temps"));
    assert_eq!(
        store.get_expert(&created.meta.id).unwrap().data.city,
        "Metz"
    );

    let error = store.update_expert("missing", 1, &second).unwrap_err();
    assert!(matches!(error, CoreError::NotFound { .. }));
}

#[test]
fn event_dates_and_sessions_are_checked() {
    let (_dir, mut store) = seeded_store();
    let error = store
        .create_event(&event("SEM-1", "2026-05-10", "2026-05-08"))
        .unwrap_err();
    assert_eq!(fields(error), vec!["endDate"]);

    let created = store
        .create_event(&event("SEM-1", "2026-05-10", "2026-05-11"))
        .unwrap();
    let error = store
        .create_event(&event("SEM-1", "2026-06-10", "2026-06-11"))
        .unwrap_err();
    assert_eq!(fields(error), vec!["code"]);

    let error = store
        .create_session(
            &created.meta.id,
            &session("2026-05-12", "09:00", "10:00", "Hors dates"),
        )
        .unwrap_err();
    assert_eq!(fields(error), vec!["date"]);
    let error = store
        .create_session(
            &created.meta.id,
            &session("2026-05-10", "11:00", "10:00", "À l'envers"),
        )
        .unwrap_err();
    assert_eq!(fields(error), vec!["endTime"]);
    assert_eq!(store.list_sessions(&created.meta.id).unwrap().len(), 0);

    store
        .create_session(
            &created.meta.id,
            &session("2026-05-11", "09:00", "10:00", "Ouverture"),
        )
        .unwrap();
    // Shrinking the event would strand the session: refused.
    let mut shorter = created.data.clone();
    shorter.end_date = "2026-05-10".into();
    let error = store
        .update_event(&created.meta.id, created.meta.version, &shorter)
        .unwrap_err();
    assert_eq!(fields(error), vec!["startDate"]);
}

#[test]
fn deleting_an_expert_who_speaks_is_refused_with_the_events() {
    let (_dir, mut store) = seeded_store();
    let speaker = store.create_expert(&expert("Lena", "Vogel")).unwrap();
    let event = store
        .create_event(&event("VE-KEHL", "2026-09-01", "2026-09-02"))
        .unwrap();
    let mut talk = session("2026-09-01", "10:00", "11:00", "Le tram transfrontalier");
    talk.speakers = vec![SessionSpeaker {
        expert_id: speaker.meta.id.clone(),
        role: "speaker".into(),
    }];
    store.create_session(&event.meta.id, &talk).unwrap();

    let error = store.delete_expert(&speaker.meta.id).unwrap_err();
    match &error {
        CoreError::InUse { references, .. } => {
            assert_eq!(references.len(), 1);
            assert!(references[0].starts_with("VE-KEHL — Séminaire VE-KEHL (01/09/2026)"));
        }
        other => panic!("expected InUse, got {other:?}"),
    }
    assert!(store.get_expert(&speaker.meta.id).is_ok());

    let unused = store.create_expert(&expert("Paul", "Libre")).unwrap();
    store.delete_expert(&unused.meta.id).unwrap();
    assert!(matches!(
        store.get_expert(&unused.meta.id),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn search_ignores_accents_and_case_and_matches_prefixes() {
    let (_dir, mut store) = seeded_store();
    let mut input = expert("Hélène", "Großmann");
    input.bio_fr = "Études de mobilité transfrontalière".into();
    let helene = store.create_expert(&input).unwrap();
    store.create_expert(&expert("Paul", "Martin")).unwrap();

    for query in ["helene", "HÉLÈNE", "etudes", "mobi", "hel groß"] {
        let page = store
            .search_experts(&ExpertFilter {
                query: query.into(),
                ..Default::default()
            })
            .unwrap();
        let ids: Vec<&str> = page.items.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec![helene.meta.id.as_str()], "query {query}");
    }
    // Operators and quotes typed by a user are taken as text, not FTS syntax.
    let page = store
        .search_experts(&ExpertFilter {
            query: "\"NEAR( OR *".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 0);

    let hits = store.search_all("transfront", 10).unwrap();
    assert!(hits
        .iter()
        .any(|h| h.entity == "expert" && h.id == helene.meta.id));
    // Reference professions and organisations are searchable too.
    assert!(
        !store
            .search_professions("relations internationales")
            .unwrap()
            .is_empty()
            || !store
                .search_professions("international")
                .unwrap()
                .is_empty()
    );
}

#[test]
fn search_combines_text_with_theme_language_level_and_country_filters() {
    let (_dir, mut store) = seeded_store();
    let mobility = theme_id(&store, "Transport");
    let mut fluent = expert("Anna", "Weber");
    fluent.country = "DE".into();
    fluent.theme_ids = vec![mobility.clone()];
    fluent.languages = vec![LanguageSkill {
        language: "de".into(),
        level: "native".into(),
    }];
    let fluent = store.create_expert(&fluent).unwrap();
    let mut beginner = expert("Anne", "Weber");
    beginner.theme_ids = vec![mobility.clone()];
    beginner.languages = vec![LanguageSkill {
        language: "de".into(),
        level: "A2".into(),
    }];
    let beginner = store.create_expert(&beginner).unwrap();

    let filter = ExpertFilter {
        query: "weber".into(),
        theme_id: Some(mobility.clone()),
        language: Some("de".into()),
        min_level: Some("B2".into()),
        ..Default::default()
    };
    let page = store.search_experts(&filter).unwrap();
    assert_eq!(
        page.items.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
        vec![fluent.meta.id.clone()]
    );
    assert_eq!(page.items[0].languages, "de:native");

    let by_country = store
        .search_experts(&ExpertFilter {
            country: Some("FR".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_country
            .items
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>(),
        vec![beginner.meta.id]
    );
}

#[test]
fn event_search_filters_by_status_and_date_range() {
    let (_dir, mut store) = seeded_store();
    let mut confirmed = event("CONF-1", "2026-03-03", "2026-03-05");
    confirmed.title = "Études transfrontalières à Genève".into();
    confirmed.status = "confirmed".into();
    store.create_event(&confirmed).unwrap();
    store
        .create_event(&event("DRAFT-1", "2026-03-04", "2026-03-04"))
        .unwrap();
    store
        .create_event(&event("LATER-1", "2026-10-01", "2026-10-02"))
        .unwrap();

    let found = store
        .search_events(&EventFilter {
            query: "etudes geneve".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        found
            .items
            .iter()
            .map(|e| e.code.as_str())
            .collect::<Vec<_>>(),
        vec!["CONF-1"]
    );
    let march = store
        .search_events(&EventFilter {
            from: Some("2026-03-01".into()),
            to: Some("2026-03-31".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(march.total, 2);
    let drafts = store
        .search_events(&EventFilter {
            status: Some("planned".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(drafts.total, 2);
}

#[test]
fn a_speaker_booked_twice_at_the_same_time_is_reported() {
    let (_dir, mut store) = seeded_store();
    let speaker = store.create_expert(&expert("Lena", "Vogel")).unwrap();
    let first = store
        .create_event(&event("A-1", "2026-09-01", "2026-09-01"))
        .unwrap();
    let second = store
        .create_event(&event("B-1", "2026-09-01", "2026-09-01"))
        .unwrap();
    let with_speaker = |title: &str, start: &str, end: &str| {
        let mut s = session("2026-09-01", start, end, title);
        s.speakers = vec![SessionSpeaker {
            expert_id: speaker.meta.id.clone(),
            role: "speaker".into(),
        }];
        s
    };
    store
        .create_session(&first.meta.id, &with_speaker("Ouverture", "09:00", "10:30"))
        .unwrap();
    store
        .create_session(
            &second.meta.id,
            &with_speaker("Table ronde", "10:00", "11:00"),
        )
        .unwrap();
    store
        .create_session(
            &first.meta.id,
            &session("2026-09-01", "10:00", "10:15", "Pause"),
        )
        .unwrap();
    let conflicts = store.session_conflicts(&first.meta.id).unwrap();
    let kinds: Vec<&str> = conflicts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, vec!["overlap", "speakerBusy"]);
    assert!(conflicts[1].message.contains("Lena Vogel") && conflicts[1].message.contains("B-1"));
}

#[test]
fn professions_keep_competences_and_their_evolution() {
    let (_dir, mut store) = seeded_store();
    let profession = store
        .create_profession(&ProfessionInput {
            title: "Chargé de coopération transfrontalière".into(),
            ..Default::default()
        })
        .unwrap();
    let with_competence = store
        .add_competence(
            &profession.meta.id,
            &CompetenceInput {
                label: "Montage de projets Interreg".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let competence = &with_competence.competences[0];
    let error = store
        .add_observation(
            &competence.meta.id,
            &ObservationInput {
                year: 2026,
                trend: "soaring".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(fields(error), vec!["trend"]);
    let updated = store
        .add_observation(
            &competence.meta.id,
            &ObservationInput {
                year: 2026,
                trend: "growing".into(),
                level: "maîtrise".into(),
                source: "Enquête CNFPT".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(updated.competences[0].observations[0].data.trend, "growing");
    let found = store.search_professions("interreg").unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn the_example_event_is_added_once_with_three_days_of_sessions() {
    let (_dir, mut store) = seeded_store();
    let id = passerelle_core::demo::add_demo(&mut store).unwrap();
    let again = passerelle_core::demo::add_demo(&mut store).unwrap();
    assert_eq!(id, again);
    let event = store.get_event(&id).unwrap();
    assert!(event.data.title.starts_with("[Exemple]"));
    let sessions = store.list_sessions(&id).unwrap();
    let mut days: Vec<&str> = sessions.iter().map(|s| s.data.date.as_str()).collect();
    days.dedup();
    assert_eq!(days.len(), 3);
    assert!(sessions.iter().any(|s| !s.data.speakers.is_empty()));
    assert_eq!(store.counts().unwrap().events, 1);
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, CoreError::DatabaseTooNew { found: 99, .. }));
    assert!(error.to_string().contains("version plus récente"));
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the newer file was modified"
    );
}

#[test]
fn upcoming_events_with_programme_gaps_are_listed_with_what_is_missing() {
    let (_dir, mut store) = seeded_store();
    let bare = store
        .create_event(&event("BARE-2027", "2027-06-01", "2027-06-02"))
        .unwrap();
    let mut full = event("FULL-2027", "2027-05-01", "2027-05-01");
    full.audience = "Agents des collectivités frontalières".into();
    full.objectives = vec!["Comprendre le droit local".into()];
    full.prerequisites = "Aucun".into();
    full.teaching_methods = "Exposés et visites".into();
    full.evaluation_methods = "Questionnaire".into();
    full.accessibility = "Salle accessible".into();
    full.accessibility_contact = "Mme Durand".into();
    full.price = "Gratuit".into();
    full.access_terms = "Inscription".into();
    full.contact_name = "M. Petit".into();
    full.contact_email = "petit@exemple.fr".into();
    let full = store.create_event(&full).unwrap();
    store
        .create_session(
            &full.meta.id,
            &session("2027-05-01", "09:00", "10:00", "Ouverture"),
        )
        .unwrap();
    store
        .create_event(&event("PAST-2020", "2020-01-01", "2020-01-01"))
        .unwrap();

    let gaps = store.incomplete_programmes("2027-01-01").unwrap();
    assert_eq!(
        gaps.len(),
        1,
        "complete and past events are not listed: {gaps:?}"
    );
    assert_eq!(gaps[0].event_id, bare.meta.id);
    assert!(gaps[0].missing.contains(&"objectifs"));
    assert!(gaps[0].missing.contains(&"prérequis"));
    assert!(gaps[0]
        .missing
        .contains(&"accessibilité et référent handicap"));
    assert!(gaps[0].missing.contains(&"contact"));
    assert!(gaps[0]
        .missing
        .contains(&"programme détaillé (aucune séquence)"));
}

#[test]
fn a_session_on_a_public_holiday_of_the_territory_is_reported() {
    let (_dir, mut store) = seeded_store();
    let border = store
        .list_territories()
        .unwrap()
        .into_iter()
        .find(|t| t.data.name == "Frontière France–Allemagne")
        .unwrap();
    let mut input = event("FD-1", "2026-07-13", "2026-10-05");
    input.territory_id = Some(border.meta.id.clone());
    let bordered = store.create_event(&input).unwrap();
    let unity = store
        .create_session(
            &bordered.meta.id,
            &session("2026-10-03", "09:00", "10:00", "Visite"),
        )
        .unwrap();
    store
        .create_session(
            &bordered.meta.id,
            &session("2026-10-04", "09:00", "10:00", "Bilan"),
        )
        .unwrap();
    let national_day = store
        .create_session(
            &bordered.meta.id,
            &session("2026-07-14", "09:00", "10:00", "Défilé"),
        )
        .unwrap();
    let conflicts = store.session_conflicts(&bordered.meta.id).unwrap();
    let found: Vec<(&str, &str, &str)> = conflicts
        .iter()
        .map(|c| (c.kind.as_str(), c.session_id.as_str(), c.message.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "holiday",
                national_day.meta.id.as_str(),
                "Le mardi 14 juillet 2026 est un jour férié en France (Fête nationale)."
            ),
            (
                "holiday",
                unity.meta.id.as_str(),
                "Le samedi 3 octobre 2026 est un jour férié en Allemagne (Jour de l'Unité allemande – Tag der Deutschen Einheit)."
            ),
        ]
    );
    // The same days without a territory warn of nothing: no country, no holiday.
    input.territory_id = None;
    input.code = "FD-2".into();
    let elsewhere = store.create_event(&input).unwrap();
    store
        .create_session(
            &elsewhere.meta.id,
            &session("2026-10-03", "09:00", "10:00", "Visite"),
        )
        .unwrap();
    assert!(store
        .session_conflicts(&elsewhere.meta.id)
        .unwrap()
        .is_empty());
}
