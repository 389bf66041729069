//! The real app under Xvfb, from a training request to the certificates: a request recorded
//! in « Demandes », « Créer l'événement » opening the event form prefilled from it, three
//! participants added on the event page, their attendance ticked from the keyboard in the
//! grid, and the certificates of realisation printed from what was recorded (hours read back
//! from the PDF). The requests list, the request page and the event page with its grid pass
//! the accessibility audit.

use passerelle_core::model::SessionInput;
use passerelle_core::printing::{PeopleDocument, PeopleJob};
use passerelle_core::Store;
use passerelle_e2e::Session;

const CODE: &str = "INTERREG-GP-2027";
const TITLE: &str = "Gestion de projets Interreg pour un GECT";

/// The text of the PDF, whitespace collapsed.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("certificats.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The request, through its form; then the event created from it.
async fn request_then_event(session: &Session) {
    session.click("nav-demandes").await;
    session.testid("requests-search").await;
    session.audit("requests list").await;
    session.click("request-new").await;
    session.type_into("request-title", TITLE).await;
    session
        .type_into("request-receivedDate", "02/11/2026")
        .await;
    session
        .type_into("request-projectName", "GECT Alzette Belval")
        .await;
    session.click("request-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistrée")
        .await;
    session.settled("[data-testid=\"request-history\"]").await;
    session.audit("request page with its history").await;

    session.click("request-create-event").await;
    session.settled("[data-testid=\"event-save\"]").await;
    let prefilled = session
        .testid("event-title")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(
        prefilled, TITLE,
        "the event form is prefilled from the request"
    );
    session.type_into("event-code", CODE).await;
    session.choose("event-kind", "training_course").await;
    session.type_into("event-startDate", "09/03/2027").await;
    session.type_into("event-endDate", "09/03/2027").await;
    session.click("event-save").await;
    session.testid("participants-card").await;
    session.testid("event-request-link").await;
}

/// A morning and an afternoon of training, written as the agenda editor would (the agenda's
/// own path is the agenda flow's test), then the page read again.
async fn agenda(session: &Session) {
    {
        let mut store = Store::open(&session.db_path()).unwrap();
        let event = store.find_event_by_code(CODE).unwrap();
        for (start, end, title) in [
            ("09:00", "12:00", "Les règles du programme"),
            ("14:00", "17:00", "Atelier : monter le dossier"),
        ] {
            let input = SessionInput {
                date: "2027-03-09".into(),
                start_time: start.into(),
                end_time: end.into(),
                title: title.into(),
                kind: "workshop".into(),
                ..Default::default()
            };
            store.create_session(&event.meta.id, &input).unwrap();
        }
    }
    session.client.refresh().await.unwrap();
    session.testid("participants-card").await;
}

async fn add_participant(session: &Session, first: &str, last: &str) {
    session.click("participants-add").await;
    session.type_into("participant-lastName", last).await;
    session.type_into("participant-firstName", first).await;
    session
        .type_into(
            "participant-email",
            &format!("{}@alzette-belval.eu", first.to_lowercase()),
        )
        .await;
    session.click("participant-save").await;
    session
        .wait_for_text("[data-testid=\"participants-list\"]", last)
        .await;
}

/// Ticks the grid from the keyboard only. Rows are sorted by last name: Albrecht, Étienne,
/// Zimmermann; columns are the morning and the afternoon.
async fn tick_attendance(session: &Session) {
    session
        .wait_for_text("[data-testid=\"attendance-grid\"]", "ZIMMERMANN Marie")
        .await;
    assert_eq!(session.count("[data-testid=\"attendance-cell\"]").await, 6);
    session
        .client
        .execute(
            "document.querySelector('[data-testid=\"attendance-cell\"]').focus();",
            vec![],
        )
        .await
        .unwrap();
    const RIGHT: &str = "\u{E014}";
    const LEFT: &str = "\u{E012}";
    const DOWN: &str = "\u{E015}";
    // Jonas: present, absent; Léa: excused twice; Marie: present twice.
    for key in ["p", RIGHT, "a", DOWN, "e", LEFT, "e", DOWN, "p", RIGHT, "p"] {
        let focused = session.client.active_element().await.unwrap();
        focused.send_keys(key).await.unwrap();
    }
    let marks: Vec<String> = serde_json::from_value(
        session
            .client
            .execute(
                "return [...document.querySelectorAll('[data-testid=\"attendance-cell\"]')].map((c) => c.dataset.mark);",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        marks,
        ["present", "absent", "excused", "excused", "present", "present"]
    );
    session.click("attendance-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Présences enregistrées")
        .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_request_becomes_an_event_whose_participants_get_their_certificates() {
    let session = Session::start_seeded(4640, |db| {
        Store::open_with_reference(db).expect("seed database");
    })
    .await;
    request_then_event(&session).await;
    agenda(&session).await;
    for (first, last) in [
        ("Marie", "Zimmermann"),
        ("Jonas", "Albrecht"),
        ("Léa", "Étienne"),
    ] {
        add_participant(&session, first, last).await;
    }
    tick_attendance(&session).await;
    session.scroll_to("participants-card").await;
    session.screenshot("participants-presences").await;
    session
        .audit("event page with its participants and attendance grid")
        .await;

    // What the app stored: the request answered by the event and « Programmée »; six marks.
    let store = Store::open(&session.db_path()).unwrap();
    let event = store.find_event_by_code(CODE).unwrap();
    let request_id = event
        .data
        .request_id
        .clone()
        .expect("the event answers the request");
    let request = store.get_request(&request_id).unwrap();
    assert_eq!(request.data.status, "scheduled");
    assert_eq!(request.event_ids, [event.meta.id.clone()]);
    assert_eq!(store.attendance_of(&event.meta.id).unwrap().len(), 6);

    // The certificates the « Certificats de réalisation » button prints, read back.
    let job = PeopleJob::read(&store, &event.meta.id, PeopleDocument::Certificates).unwrap();
    let text = pdf_text(&job.render().unwrap());
    let realised: Vec<&str> = text
        .split("Durée réalisée ")
        .skip(1)
        .map(|rest| rest.split(" prévues").next().unwrap())
        .collect();
    assert_eq!(
        realised,
        [
            "3 heures sur 6 heures",
            "0 minutes sur 6 heures",
            "6 heures sur 6 heures"
        ],
        "{text}"
    );
    session.stop().await;
}
