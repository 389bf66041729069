//! The real app under Xvfb: an event of two days is created through its form, four sessions
//! are added in the agenda editor with speakers chosen in the picker, and a speaker booked at
//! the same time in another event is flagged beside the session. Screenshots of the main views
//! at 1024×768 go to target/e2e-screenshots/.

use std::path::Path;

use passerelle_core::model::{
    EventInput, ExpertInput, LanguageSkill, SessionInput, SessionSpeaker,
};
use passerelle_core::Store;
use passerelle_e2e::{Locator, Session};

/// Two experts, and another event where Anna Keller speaks on 16 March 2027 from 09:30 to 10:30.
fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    let keller = store
        .create_expert(&ExpertInput {
            first_name: "Anna".into(),
            last_name: "Keller".into(),
            job_title: "Cheffe de projet Interreg".into(),
            country: "DE".into(),
            languages: vec![
                LanguageSkill {
                    language: "de".into(),
                    level: "native".into(),
                },
                LanguageSkill {
                    language: "fr".into(),
                    level: "C1".into(),
                },
            ],
            ..Default::default()
        })
        .expect("expert Keller");
    store
        .create_expert(&ExpertInput {
            first_name: "Luc".into(),
            last_name: "Martin".into(),
            job_title: "Directeur des mobilités".into(),
            country: "FR".into(),
            ..Default::default()
        })
        .expect("expert Martin");
    let other = store
        .create_event(&EventInput {
            code: "AUTRE-2027".into(),
            title: "Conférence des eurodistricts".into(),
            kind: "conference".into(),
            status: "confirmed".into(),
            start_date: "2027-03-16".into(),
            end_date: "2027-03-16".into(),
            ..Default::default()
        })
        .expect("other event");
    store
        .create_session(
            &other.meta.id,
            &SessionInput {
                date: "2027-03-16".into(),
                start_time: "09:30".into(),
                end_time: "10:30".into(),
                title: "Table ronde des présidents".into(),
                kind: "round_table".into(),
                speakers: vec![SessionSpeaker {
                    expert_id: keller.meta.id.clone(),
                    role: "speaker".into(),
                }],
                ..Default::default()
            },
        )
        .expect("session of the other event");
}

/// Fills and saves the session form that is open on the event page.
async fn add_session(
    session: &Session,
    date: &str,
    start: &str,
    end: &str,
    title: &str,
    speaker: Option<&str>,
) {
    session.click("session-new").await;
    session.type_into("session-date", date).await;
    session.type_into("session-startTime", start).await;
    session.type_into("session-endTime", end).await;
    session.type_into("session-title", title).await;
    if let Some(name) = speaker {
        session.type_into("session-speaker-search", name).await;
        // The list first shows the suggestions for the session, then the experts found.
        session
            .wait_for_text("[data-testid=\"session-speaker-results\"]", name)
            .await;
        let option = session
            .client
            .find(Locator::XPath(&format!(
                "//button[@data-testid='session-speaker-option'][contains(., '{name}')]"
            )))
            .await
            .unwrap_or_else(|e| panic!("the picker does not offer {name}: {e}"));
        option.click().await.unwrap();
        session
            .wait_for_text("[data-testid=\"session-speakers\"]", name)
            .await;
        // The suggestions below are redrawn after a choice: let them settle before clicking.
        session.settled("[data-testid=\"session-save\"]").await;
    }
    session.click("session-save").await;
    // Each day is its own table: look in the whole agenda.
    session
        .wait_for_text("[data-testid=\"agenda\"]", title)
        .await;
}

/// Clicks the button `testid` on the agenda row whose text contains `title`.
async fn row_button(session: &Session, title: &str, testid: &str) {
    // A form just saved is still closing while the agenda is redrawn: a click in that moment
    // could land on a row being replaced (seen once in a loaded run).
    session
        .wait_until_gone("[data-testid=\"session-form\"]")
        .await;
    session
        .click_in_row(
            "session-row",
            title,
            &format!("button[@data-testid='{testid}']"),
        )
        .await;
    session.testid("session-form").await;
    // The speaker suggestions arrive just after the form and move its buttons: let the
    // layout settle, as a person's eyes would, before clicking further down.
    session.settled("[data-testid=\"session-save\"]").await;
}

async fn field_value(session: &Session, testid: &str) -> String {
    session
        .testid(testid)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_of_two_days_with_four_sessions_flags_a_double_booked_speaker() {
    let session = Session::start_seeded(4490, seed).await;
    session.client.set_window_size(1024, 768).await.ok();
    // The app opens on the view of the last run: go home explicitly.
    session.click("nav-accueil").await;
    session.wait_for_text("main", "événement").await;
    session.settled("main").await;
    // The seeded event lacks most programme items: the home view says which.
    let incomplete = session
        .wait_for_text(
            "[data-testid=\"home-incomplete\"]",
            "Conférence des eurodistricts",
        )
        .await;
    assert!(incomplete.contains("objectifs"), "{incomplete}");
    assert!(incomplete.contains("prérequis"), "{incomplete}");
    session.screenshot("01-accueil").await;

    // The event, through its form.
    session.click("nav-evenements").await;
    session
        .wait_for_text(
            "[data-testid=\"events-table\"]",
            "Conférence des eurodistricts",
        )
        .await;
    session.screenshot("02-evenements").await;
    session.click("event-new").await;
    session
        .type_into(
            "event-title",
            "Mobilités du quotidien dans le Rhin supérieur",
        )
        .await;
    session.type_into("event-code", "RHIN-2027").await;
    session.choose("event-kind", "study_visit").await;
    session.choose("event-status", "planned").await;
    session.type_into("event-startDate", "16/03/2027").await;
    session.type_into("event-endDate", "17/03/2027").await;
    session
        .type_into("event-venue", "Maison de la région")
        .await;
    session.type_into("event-city", "Strasbourg").await;
    session.screenshot("03-evenement-formulaire").await;
    session.click("event-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Mobilités du quotidien")
        .await;

    // Four sessions over the two days; Anna Keller's first one clashes with her other event.
    session.css("[data-testid=\"agenda\"]").await;
    add_session(
        &session,
        "16/03/2027",
        "09:00",
        "10:00",
        "Accueil et enjeux",
        Some("Keller"),
    )
    .await;
    add_session(
        &session,
        "16/03/2027",
        "10:00",
        "12:00",
        "Le tram Strasbourg–Kehl",
        Some("Martin"),
    )
    .await;
    add_session(
        &session,
        "17/03/2027",
        "09:00",
        "10:30",
        "Visite du pont du Rhin",
        None,
    )
    .await;
    add_session(
        &session,
        "17/03/2027",
        "10:30",
        "12:00",
        "Synthèse et évaluation",
        Some("Keller"),
    )
    .await;

    assert_eq!(
        session.count("[data-testid=\"session-row\"]").await,
        4,
        "four sessions in the agenda"
    );
    let agenda = session.testid("agenda").await.text().await.unwrap();
    assert!(
        agenda.contains("Mardi 16/03/2027"),
        "days as sections: {agenda}"
    );
    assert!(
        agenda.contains("Mercredi 17/03/2027"),
        "days as sections: {agenda}"
    );
    // The training time is the core's (the same rule as the printed programme).
    // (WebDriver may give the non-breaking spaces as plain ones.)
    let training = session
        .wait_for_text("[data-testid=\"agenda-training\"]", "Durée de formation")
        .await
        .replace('\u{a0}', " ");
    assert!(training.contains("2 jours (6 heures)"), "{training}");

    // The double booking is said beside the session, naming the other event.
    let warning = session
        .wait_for_text("[data-testid=\"session-warning\"]", "Anna Keller")
        .await;
    assert!(warning.contains("AUTRE-2027"), "{warning}");
    assert!(warning.contains("09:30"), "{warning}");
    assert_eq!(
        session.count("[data-testid=\"session-warning\"]").await,
        1,
        "only the clashing session is flagged"
    );
    session.scroll_to("agenda").await;
    session.screenshot("04-evenement-agenda").await;

    // Duplicating puts a copy right after the original, with the same speakers.
    row_button(&session, "Synthèse et évaluation", "session-duplicate").await;
    assert_eq!(field_value(&session, "session-startTime").await, "12:00");
    assert_eq!(field_value(&session, "session-endTime").await, "13:30");
    // Saved from the keyboard, as the agenda editor allows: Enter in a field submits.
    session
        .testid("session-title")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    session
        .wait_for_text("[data-testid=\"agenda\"]", "13:30")
        .await;

    // Moving a session keeps its length: a new start carries the end along.
    row_button(&session, "Visite du pont du Rhin", "session-move").await;
    session.type_into("session-startTime", "14:00").await;
    session.click("session-title").await;
    assert_eq!(field_value(&session, "session-endTime").await, "15:30");
    session
        .testid("session-title")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    session
        .wait_for_text("[data-testid=\"agenda\"]", "15:30")
        .await;
    assert_eq!(
        session.count("[data-testid=\"session-row\"]").await,
        5,
        "four sessions and one copy"
    );
    let training = session
        .testid("agenda-training")
        .await
        .text()
        .await
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(training.contains("2 jours (7 h 30)"), "{training}");
    let store = Store::open(&session.db_path()).unwrap();
    let event = store.find_event_by_code("RHIN-2027").unwrap();
    let mut times: Vec<(String, String, String)> = store
        .list_sessions(&event.meta.id)
        .unwrap()
        .into_iter()
        .map(|s| (s.data.date, s.data.start_time, s.data.end_time))
        .collect();
    times.sort();
    assert_eq!(
        times,
        [
            ("2027-03-16".into(), "09:00".into(), "10:00".into()),
            ("2027-03-16".into(), "10:00".into(), "12:00".into()),
            ("2027-03-17".into(), "10:30".into(), "12:00".into()),
            ("2027-03-17".into(), "12:00".into(), "13:30".into()),
            ("2027-03-17".into(), "14:00".into(), "15:30".into()),
        ]
    );

    // The speaker picker suggests who fits the session and says why: for a session in French,
    // Anna Keller (French C1) is suggested, Luc Martin (no language given) is not; typing
    // narrows the list to the experts found.
    session.click("session-new").await;
    session.choose("session-language", "fr").await;
    let suggestions = session
        .wait_for_text(
            "[data-testid=\"session-speaker-results\"]",
            "parle français (C1)",
        )
        .await;
    assert!(suggestions.contains("Anna Keller"), "{suggestions}");
    assert!(!suggestions.contains("Luc Martin"), "{suggestions}");
    session.scroll_to("session-speaker-search").await;
    session.screenshot("05-sequence-suggestions").await;
    session.type_into("session-speaker-search", "mar").await;
    session
        .wait_for_text("[data-testid=\"session-speaker-results\"]", "Luc Martin")
        .await;
    session.screenshot("05-sequence-formulaire").await;
    session.click("session-cancel").await;

    // The other main views, for the record.
    for (nav, ready, name) in [
        (
            "nav-experts",
            "[data-testid=\"experts-table\"]",
            "06-experts",
        ),
        ("nav-metiers", "main", "07-metiers"),
        (
            "nav-structures",
            "[data-testid=\"organisations-table\"]",
            "08-structures",
        ),
        ("nav-referentiels", "main", "09-referentiels"),
    ] {
        session.click(nav).await;
        session.css(ready).await;
        session.settled(ready).await;
        session.screenshot(name).await;
    }

    session.stop().await;
}
