//! The real app under Xvfb: an event gets German as its partner language and a German title
//! typed beside the French one, a session its German title, and the study visit's logistics a
//! meeting point and a glossary term; each is there again after reopening or reloading, a
//! meeting time of « 25:00 » is refused beside its field with nothing saved, and the event form
//! with its translated fields and the logistics in edit mode pass the WCAG 2.1 AA audit.

use std::path::Path;

use passerelle_core::model::{EventInput, SessionInput};
use passerelle_core::Store;
use passerelle_e2e::Session;

const EVENT_CODE: &str = "RHIN-2027";

/// A two-day study visit without partner language or logistics, with one objective and one
/// session.
fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    let event = store
        .create_event(&EventInput {
            code: EVENT_CODE.into(),
            title: "Mobilités du quotidien dans le Rhin supérieur".into(),
            kind: "study_visit".into(),
            status: "planned".into(),
            start_date: "2027-03-16".into(),
            end_date: "2027-03-17".into(),
            objectives: vec!["Comprendre le tram transfrontalier".into()],
            ..Default::default()
        })
        .expect("event");
    store
        .create_session(
            &event.meta.id,
            &SessionInput {
                date: "2027-03-16".into(),
                start_time: "09:00".into(),
                end_time: "10:00".into(),
                title: "Accueil et enjeux".into(),
                kind: "talk".into(),
                ..Default::default()
            },
        )
        .expect("session");
}

async fn attribute(session: &Session, testid: &str, name: &str) -> Option<String> {
    session.testid(testid).await.attr(name).await.unwrap()
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

/// The text of the label of the control with `testid`.
async fn label_of(session: &Session, testid: &str) -> String {
    let id = attribute(session, testid, "id").await.expect("control id");
    session
        .css(&format!("label[for=\"{id}\"]"))
        .await
        .text()
        .await
        .unwrap()
}

/// The event page of the seeded event, from the events list.
async fn open_event(session: &Session) {
    session.click("nav-evenements").await;
    session
        .wait_for_text("[data-testid=\"events-table\"]", "Rhin supérieur")
        .await;
    session
        .click_in_row("event-row", "Rhin supérieur", "a")
        .await;
    session.testid("agenda").await;
    session.settled("[data-testid=\"logistics-edit\"]").await;
}

fn stored(session: &Session) -> passerelle_core::model::Event {
    let store = Store::open(&session.db_path()).unwrap();
    store.find_event_by_code(EVENT_CODE).unwrap()
}

/// The partner language, the translated title and objective in the event form; the session's
/// translated title in the agenda.
async fn partner_texts(session: &Session) {
    open_event(session).await;
    session.click("event-edit").await;
    session.settled("[data-testid=\"event-save\"]").await;
    // Without a partner language, no translated field is offered.
    assert!(!session
        .testid("event-translation-title")
        .await
        .is_displayed()
        .await
        .unwrap());

    session.choose("event-partnerLanguage", "de").await;
    assert!(session
        .testid("event-translation-title")
        .await
        .is_displayed()
        .await
        .unwrap());
    assert_eq!(
        label_of(session, "event-translation-title").await,
        "Titre (allemand)"
    );
    assert_eq!(
        attribute(session, "event-translation-title", "lang")
            .await
            .as_deref(),
        Some("de")
    );
    assert_eq!(
        attribute(session, "event-translation-objective-0", "lang")
            .await
            .as_deref(),
        Some("de")
    );
    session
        .type_into("event-translation-title", "Alltagsmobilität am Oberrhein")
        .await;
    session
        .type_into(
            "event-translation-objective-0",
            "Die grenzüberschreitende Straßenbahn verstehen",
        )
        .await;
    // French and German side by side on a wide window.
    let french = session
        .testid("event-title")
        .await
        .rectangle()
        .await
        .unwrap();
    let german = session
        .testid("event-translation-title")
        .await
        .rectangle()
        .await
        .unwrap();
    assert!(
        german.0 > french.0 + french.2 - 1.0,
        "{french:?} {german:?}"
    );
    assert!((german.1 - french.1).abs() < 2.0, "{french:?} {german:?}");
    session.screenshot("partner-event-form").await;
    session.audit("event-form-with-partner-language").await;

    session.click("event-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Mobilités du quotidien")
        .await;
    session
        .wait_for_text(
            "[data-testid=\"event-translated-title\"]",
            "Alltagsmobilität am Oberrhein",
        )
        .await;

    // Reopened, the form shows what was saved.
    session.click("event-edit").await;
    session.settled("[data-testid=\"event-save\"]").await;
    assert_eq!(field_value(session, "event-partnerLanguage").await, "de");
    assert_eq!(
        field_value(session, "event-translation-title").await,
        "Alltagsmobilität am Oberrhein"
    );
    let event = stored(session);
    assert_eq!(event.data.partner_language, "de");
    assert_eq!(
        event.data.translation.objectives,
        ["Die grenzüberschreitende Straßenbahn verstehen"]
    );
    assert_eq!(
        event.data.objectives,
        ["Comprendre le tram transfrontalier"]
    );
    session.click("event-cancel").await;
    session.settled("[data-testid=\"logistics-edit\"]").await;

    // The session form offers the German title once the event has a partner language.
    session
        .click_in_row(
            "session-row",
            "Accueil",
            "button[@data-testid='session-edit']",
        )
        .await;
    session.settled("[data-testid=\"session-save\"]").await;
    assert_eq!(
        label_of(session, "session-titlePartner").await,
        "Titre traduit (allemand)"
    );
    assert_eq!(
        attribute(session, "session-titlePartner", "lang")
            .await
            .as_deref(),
        Some("de")
    );
    session
        .type_into("session-titlePartner", "Begrüßung und Herausforderungen")
        .await;
    session.click("session-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Accueil et enjeux")
        .await;
    let store = Store::open(&session.db_path()).unwrap();
    let sessions = store.list_sessions(&stored(session).meta.id).unwrap();
    assert_eq!(
        sessions[0].data.title_partner,
        "Begrüßung und Herausforderungen"
    );
}

/// A meeting point and a glossary term, saved and reloaded; a bad time refused.
async fn logistics(session: &Session) {
    session.click("logistics-edit").await;
    session.testid("logistics-form").await;
    session.click("logistics-add-meetingPoints").await;
    session
        .type_into("logistics-meetingPoints-0-date", "16/03/2027")
        .await;
    session
        .type_into("logistics-meetingPoints-0-time", "8h15")
        .await;
    session
        .type_into("logistics-meetingPoints-0-place", "Gare de Kehl")
        .await;
    session.click("logistics-add-glossary").await;
    session
        .type_into("logistics-glossary-0-french", "tramway")
        .await;
    session
        .type_into("logistics-glossary-0-partner", "Straßenbahn")
        .await;
    assert_eq!(
        label_of(session, "logistics-glossary-0-partner").await,
        "En allemand"
    );
    assert_eq!(
        attribute(session, "logistics-glossary-0-partner", "lang")
            .await
            .as_deref(),
        Some("de")
    );
    let remove = session
        .css("[data-testid=\"logistics-remove-logistics.meetingPoints-0\"]")
        .await;
    assert_eq!(
        remove.attr("aria-label").await.unwrap().as_deref(),
        Some("Retirer le rendez-vous 1")
    );
    session.settled("[data-testid=\"logistics-save\"]").await;
    session.screenshot("logistics-edit").await;
    session.audit("logistics-in-edit-mode").await;
    session.click("logistics-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Logistique")
        .await;

    // Reloaded from the database: the page shows what was saved.
    session.client.refresh().await.unwrap();
    session.testid("agenda").await;
    let meeting = session
        .wait_for_text(
            "[data-testid=\"logistics-show-meetingPoints\"]",
            "Gare de Kehl",
        )
        .await;
    assert!(
        meeting.contains("16/03/2027") && meeting.contains("08:15"),
        "{meeting}"
    );
    session
        .wait_for_text("[data-testid=\"logistics-show-glossary\"]", "Straßenbahn")
        .await;

    // « 25:00 » is refused beside the field, and nothing is saved.
    session.settled("[data-testid=\"logistics-edit\"]").await;
    session.click("logistics-edit").await;
    session
        .type_into("logistics-meetingPoints-0-time", "25:00")
        .await;
    session
        .type_into("logistics-meetingPoints-0-place", "Gare de Strasbourg")
        .await;
    session.click("logistics-save").await;
    let error = session
        .wait_for_text(
            "[data-testid=\"error-logistics.meetingPoints.0.time\"]",
            "HH:MM",
        )
        .await;
    assert!(error.contains("L'heure du rendez-vous"), "{error}");
    assert_eq!(
        attribute(session, "logistics-meetingPoints-0-time", "aria-invalid")
            .await
            .as_deref(),
        Some("true")
    );
    let event = stored(session);
    assert_eq!(event.data.logistics.meeting_points.len(), 1);
    assert_eq!(event.data.logistics.meeting_points[0].time, "08:15");
    assert_eq!(event.data.logistics.meeting_points[0].place, "Gare de Kehl");
    assert_eq!(event.data.logistics.glossary[0].partner, "Straßenbahn");
    session.screenshot("logistics-error").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_language_texts_and_logistics_are_edited_saved_and_checked() {
    let session = Session::start_seeded(4630, seed).await;
    session.client.set_window_size(1280, 900).await.ok();
    session.click("nav-accueil").await;
    session.wait_for_text("main", "événement").await;
    partner_texts(&session).await;
    logistics(&session).await;
    session.stop().await;
}
