//! The coherence check of an event (`Store::coherence_of`) on real database files: each rule
//! fires once on an event made to break it, and nothing is reported on a clean one.

mod common;

use common::*;
use passerelle_core::coherence::{partner_language, Finding};
use passerelle_core::model::*;
use passerelle_core::Store;

fn border_territory(store: &Store) -> String {
    store
        .list_territories()
        .unwrap()
        .into_iter()
        .find(|t| t.data.countries == ["FR", "DE"])
        .expect("the France–Germany border")
        .meta
        .id
}

/// An event on the France–Germany border with every required programme item filled in.
fn complete_event(store: &Store, code: &str, start: &str, end: &str) -> EventInput {
    EventInput {
        territory_id: Some(border_territory(store)),
        audience: "Agents des collectivités frontalières".into(),
        objectives: vec!["Connaître les partenaires allemands".into()],
        prerequisites: "Aucun".into(),
        teaching_methods: "Apports et visites".into(),
        evaluation_methods: "Questionnaire".into(),
        accessibility: "Locaux accessibles".into(),
        accessibility_contact: "referent@exemple.eu".into(),
        price: "Gratuit".into(),
        access_terms: "Inscription en ligne".into(),
        contact_name: "Camille Martin".into(),
        contact_email: "camille.martin@exemple.eu".into(),
        languages: vec!["fr".into(), "de".into()],
        ..event(code, start, end)
    }
}

fn consenting(first: &str, last: &str, languages: &[(&str, &str)]) -> ExpertInput {
    ExpertInput {
        consent_date: "2026-01-15".into(),
        consent_source: "Formulaire signé".into(),
        languages: languages
            .iter()
            .map(|(language, level)| LanguageSkill {
                language: (*language).into(),
                level: (*level).into(),
            })
            .collect(),
        ..expert(first, last)
    }
}

fn with(input: SessionInput, language: &str, speakers: &[&str]) -> SessionInput {
    SessionInput {
        language: language.into(),
        speakers: speakers
            .iter()
            .map(|id| SessionSpeaker {
                expert_id: (*id).to_string(),
                role: "speaker".into(),
            })
            .collect(),
        ..input
    }
}

fn kinds(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.kind).collect()
}

fn only<'a>(findings: &'a [Finding], kind: &str) -> &'a Finding {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
    assert_eq!(found.len(), 1, "one {kind}: {findings:#?}");
    found[0]
}

#[test]
fn each_rule_fires_once_on_an_event_made_to_break_it() {
    let (dir, mut store) = seeded_store();
    let anna = store
        .create_expert(&consenting(
            "Anna",
            "Keller",
            &[("fr", "C1"), ("de", "native")],
        ))
        .unwrap()
        .meta
        .id;
    // No consent recorded, and French only.
    let bruno = store
        .create_expert(&expert("Bruno", "Lemaire"))
        .unwrap()
        .meta
        .id;
    let other = store
        .create_event(&event("AUTRE-1", "2026-10-01", "2026-10-01"))
        .unwrap();
    store
        .create_session(
            &other.meta.id,
            &with(
                session("2026-10-01", "10:30", "11:30", "Conférence à Kehl"),
                "",
                &[&anna],
            ),
        )
        .unwrap();
    let mut input = complete_event(&store, "COH-1", "2026-09-28", "2026-10-05");
    input.prerequisites = String::new();
    let id = store.create_event(&input).unwrap().meta.id;
    let add = |store: &mut Store, input: SessionInput| store.create_session(&id, &input).unwrap();
    add(
        &mut store,
        with(
            session("2026-09-29", "09:00", "10:00", "Ouverture"),
            "fr",
            &[&anna],
        ),
    );
    let german = add(
        &mut store,
        with(
            session("2026-09-30", "09:00", "10:00", "Atelier en allemand"),
            "de",
            &[&bruno],
        ),
    );
    let busy = add(
        &mut store,
        with(
            session("2026-10-01", "10:00", "11:00", "Table ronde"),
            "fr",
            &[&anna],
        ),
    );
    let first = add(
        &mut store,
        session("2026-10-02", "10:00", "11:00", "Mobilité"),
    );
    add(&mut store, session("2026-10-02", "10:30", "11:30", "Débat"));
    let holiday = add(
        &mut store,
        session("2026-10-03", "09:00", "10:00", "Visite du port"),
    );
    let late = add(&mut store, session("2026-10-05", "09:00", "10:00", "Bilan"));
    // The app refuses a session outside its event's dates; a file written by an older version
    // or edited by hand can still hold one.
    rusqlite::Connection::open(dir.path().join("passerelle.db"))
        .unwrap()
        .execute(
            "UPDATE sessions SET date = '2026-10-07' WHERE id = ?1",
            [&late.meta.id],
        )
        .unwrap();

    let findings = store.coherence_of(&id, None).unwrap();
    assert_eq!(
        kinds(&findings),
        [
            "missingItem",
            "languageNotSpoken",
            "noConsent",
            "speakerBusy",
            "overlap",
            "holiday",
            "outsideDates"
        ],
        "by date (the event as a whole first), then kind: {findings:#?}"
    );

    let missing = only(&findings, "missingItem");
    assert_eq!(
        missing.message,
        "Le programme ne renseigne pas : prérequis."
    );
    assert_eq!((missing.severity, missing.target.view), ("error", "event"));
    assert_eq!(
        (missing.target.id.as_str(), missing.target.field.as_str()),
        (id.as_str(), "prerequisites")
    );

    let language = only(&findings, "languageNotSpoken");
    assert_eq!(
        language.message,
        "« Atelier en allemand » (mercredi 30 septembre 2026) est prévue en allemand mais Bruno \
         Lemaire ne parle pas cette langue (niveau B2 au moins) et aucune interprétation n'est prévue."
    );
    assert_eq!(
        (language.target.view, language.target.id.as_str()),
        ("session", german.meta.id.as_str())
    );
    assert_eq!(language.target.field, "language");

    let consent = only(&findings, "noConsent");
    assert!(
        consent
            .message
            .starts_with("Bruno Lemaire intervient dans « Atelier en allemand »"),
        "{}",
        consent.message
    );
    assert_eq!(
        (consent.target.view, consent.target.id.as_str()),
        ("expert", bruno.as_str())
    );
    assert_eq!(consent.target.field, "consentDate");

    let speaker = only(&findings, "speakerBusy");
    assert!(
        speaker.message.contains("Anna Keller"),
        "{}",
        speaker.message
    );
    assert!(
        speaker
            .message
            .contains("« Conférence à Kehl » (AUTRE-1, 10:30–11:30)"),
        "{}",
        speaker.message
    );
    assert!(
        speaker
            .message
            .starts_with("« Table ronde » (jeudi 1er octobre 2026)"),
        "{}",
        speaker.message
    );
    assert_eq!(
        (speaker.target.id.as_str(), speaker.severity),
        (busy.meta.id.as_str(), "error")
    );

    let overlap = only(&findings, "overlap");
    assert_eq!(
        overlap.message,
        "Le vendredi 2 octobre 2026 : « Mobilité » et « Débat » se chevauchent."
    );
    assert_eq!(overlap.target.id, first.meta.id);

    let day_off = only(&findings, "holiday");
    assert_eq!(
        day_off.message,
        "« Visite du port » : le samedi 3 octobre 2026 est un jour férié en Allemagne (Jour de \
         l'Unité allemande – Tag der Deutschen Einheit)."
    );
    assert_eq!(
        (day_off.target.id.as_str(), day_off.target.field.as_str()),
        (holiday.meta.id.as_str(), "date")
    );
    assert_eq!(day_off.severity, "warning");

    let outside = only(&findings, "outsideDates");
    assert_eq!(
        outside.message,
        "« Bilan » (mercredi 7 octobre 2026) a lieu en dehors des dates de l'événement (du lundi \
         28 septembre 2026 au lundi 5 octobre 2026)."
    );
    assert_eq!(outside.date, "2026-10-07");

    // Interpretation provided: the language of a session is no longer a problem. (The session
    // outside the dates goes first: the event's dates cannot be saved around it.)
    store.delete_session(&late.meta.id).unwrap();
    let mut event = store.get_event(&id).unwrap();
    event.data.interpretation = "Interprétation simultanée".into();
    store
        .update_event(&id, event.meta.version, &event.data)
        .unwrap();
    let findings = store.coherence_of(&id, None).unwrap();
    assert!(
        !kinds(&findings).contains(&"languageNotSpoken"),
        "{findings:#?}"
    );
}

#[test]
fn a_clean_event_has_no_findings() {
    let (_dir, mut store) = seeded_store();
    let anna = store
        .create_expert(&consenting(
            "Anna",
            "Keller",
            &[("fr", "C1"), ("de", "native")],
        ))
        .unwrap()
        .meta
        .id;
    let mut input = complete_event(&store, "NET-1", "2026-09-28", "2026-10-02");
    input.partner_language = "de".into();
    input.translation = EventTranslation {
        title: "Seminar NET-1".into(),
        audience: "Bedienstete der Grenzgemeinden".into(),
        objectives: vec!["Die deutschen Partner kennen".into()],
        prerequisites: "Keine".into(),
        teaching_methods: "Vorträge und Besuche".into(),
        evaluation_methods: "Fragebogen".into(),
        accessibility: "Barrierefreie Räume".into(),
        access_terms: "Online-Anmeldung".into(),
        price: "Kostenlos".into(),
        ..Default::default()
    };
    let id = store.create_event(&input).unwrap().meta.id;
    for (day, language) in [("2026-09-29", "de"), ("2026-09-30", "fr")] {
        let mut input = with(
            session(day, "09:00", "10:00", "Atelier"),
            language,
            &[&anna],
        );
        input.title_partner = "Workshop".into();
        store.create_session(&id, &input).unwrap();
    }
    assert_eq!(store.coherence_of(&id, None).unwrap(), []);
    let german = partner_language("de").unwrap();
    assert_eq!(store.coherence_of(&id, Some(german)).unwrap(), []);
}

#[test]
fn a_bilingual_check_lists_each_untranslated_text() {
    let (_dir, mut store) = seeded_store();
    let mut input = complete_event(&store, "BIL-1", "2026-09-28", "2026-10-02");
    input.summary = "Trois jours entre Strasbourg et Kehl.".into();
    input.partner_language = "de".into();
    input.translation = EventTranslation {
        title: "Seminar BIL-1".into(),
        audience: "Bedienstete".into(),
        prerequisites: "Keine".into(),
        teaching_methods: "Vorträge".into(),
        evaluation_methods: "Fragebogen".into(),
        accessibility: "Barrierefrei".into(),
        access_terms: "Anmeldung".into(),
        price: "Kostenlos".into(),
        ..Default::default()
    };
    let id = store.create_event(&input).unwrap().meta.id;
    let mut translated = session("2026-09-29", "09:00", "10:00", "Ouverture");
    translated.title_partner = "Eröffnung".into();
    store.create_session(&id, &translated).unwrap();
    let mut half = session("2026-09-30", "09:00", "10:00", "Visite");
    half.description = "Le port rhénan.".into();
    let half = store.create_session(&id, &half).unwrap();

    // French only: translations are no concern.
    assert_eq!(store.coherence_of(&id, None).unwrap(), []);
    let german = partner_language("de").unwrap();
    let findings = store.coherence_of(&id, Some(german)).unwrap();
    let listed: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| (f.kind, f.target.view, f.target.field.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("untranslated", "event", "translation.objectives"),
            ("untranslated", "event", "translation.summary"),
            ("untranslated", "session", "titlePartner"),
        ]
    );
    assert_eq!(
        findings[1].message,
        "Traduction en allemand manquante : présentation de l'événement (le texte français sera imprimé)."
    );
    assert_eq!(
        findings[2].message,
        "Traduction en allemand manquante pour la séquence « Visite » (mercredi 30 septembre 2026) : \
         titre et description (le texte français sera imprimé)."
    );
    assert_eq!(findings[2].target.id, half.meta.id);

    // Asked in another language than the event's texts: said once, not field by field.
    let italian = partner_language("it").unwrap();
    let findings = store.coherence_of(&id, Some(italian)).unwrap();
    assert_eq!(kinds(&findings), ["untranslated"]);
    assert_eq!(findings[0].target.field, "partnerLanguage");
    assert!(
        findings[0].message.contains("demandé en italien"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[0].message.contains("allemand"),
        "{}",
        findings[0].message
    );
}

#[test]
fn an_unknown_partner_language_or_event_is_refused_in_french() {
    let error = partner_language("xx").unwrap_err();
    assert_eq!(
        error.to_string(),
        "Saisie incorrecte : Langue partenaire inconnue : « xx ». Langues prises en charge : de, it, es, ca, nl, lb, en."
    );
    let (_dir, store) = seeded_store();
    let error = store.coherence_of("nothing-here", None).unwrap_err();
    assert_eq!(error.kind(), "notFound");
}

#[test]
fn a_speaker_without_recorded_languages_is_not_counted_against_a_session() {
    let (_dir, mut store) = seeded_store();
    let unknown = ExpertInput {
        languages: Vec::new(),
        ..consenting("Chris", "Weber", &[])
    };
    let unknown = store.create_expert(&unknown).unwrap().meta.id;
    let basic = store
        .create_expert(&consenting(
            "Dora",
            "Petit",
            &[("fr", "native"), ("de", "A2")],
        ))
        .unwrap()
        .meta
        .id;
    let input = complete_event(&store, "LNG-1", "2026-09-28", "2026-10-02");
    let id = store.create_event(&input).unwrap().meta.id;
    store
        .create_session(
            &id,
            &with(
                session("2026-09-29", "09:00", "10:00", "Atelier"),
                "de",
                &[&unknown],
            ),
        )
        .unwrap();
    assert_eq!(store.coherence_of(&id, None).unwrap(), []);
    // A2 is not enough to hold a session.
    store
        .create_session(
            &id,
            &with(
                session("2026-09-30", "09:00", "10:00", "Débat"),
                "de",
                &[&unknown, &basic],
            ),
        )
        .unwrap();
    let findings = store.coherence_of(&id, None).unwrap();
    assert_eq!(kinds(&findings), ["languageNotSpoken"]);
    assert!(
        findings[0].message.contains("Dora Petit ne parle pas"),
        "{}",
        findings[0].message
    );
}
