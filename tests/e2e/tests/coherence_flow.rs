//! The real app under Xvfb: a session of a study visit on the France–Germany border is moved
//! through the agenda editor onto 3 October 2027, German Unity Day, and the event page's
//! « Vérification » panel says so at once, naming the day; its button opens that session's
//! form; printing the programme first asks « Imprimer quand même ». The page then passes the
//! accessibility audit.

use std::path::Path;

use passerelle_core::model::{EventInput, SessionInput};
use passerelle_core::Store;
use passerelle_e2e::Session;

const CODE: &str = "RHIN-OCT-2027";

/// A study visit of 1–4 October 2027 on the France–Germany border, with one session on 1 October;
/// its programme lacks only the prerequisites.
fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    let border = store
        .list_territories()
        .unwrap()
        .into_iter()
        .find(|t| t.data.countries == ["FR", "DE"])
        .expect("the France–Germany border");
    let event = store
        .create_event(&EventInput {
            code: CODE.into(),
            title: "Le port rhénan de Strasbourg et Kehl".into(),
            kind: "study_visit".into(),
            status: "planned".into(),
            start_date: "2027-10-01".into(),
            end_date: "2027-10-04".into(),
            city: "Strasbourg".into(),
            territory_id: Some(border.meta.id),
            audience: "Agents des services portuaires et de l'aménagement".into(),
            objectives: vec!["Comparer la gouvernance des deux ports".into()],
            teaching_methods: "Visites commentées".into(),
            evaluation_methods: "Questionnaire".into(),
            accessibility: "Quais accessibles".into(),
            accessibility_contact: "referent@exemple.eu".into(),
            price: "Gratuit".into(),
            access_terms: "Sur inscription".into(),
            contact_name: "Camille Martin".into(),
            contact_email: "camille.martin@exemple.eu".into(),
            ..Default::default()
        })
        .expect("event");
    store
        .create_session(
            &event.meta.id,
            &SessionInput {
                date: "2027-10-01".into(),
                start_time: "09:00".into(),
                end_time: "10:30".into(),
                title: "Visite du port de Kehl".into(),
                kind: "site_visit".into(),
                ..Default::default()
            },
        )
        .expect("session");
}

/// Waits (up to 5 s) for the element of id `id` to hold the focus.
async fn focus_reaches(session: &Session, id: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut focused = serde_json::Value::Null;
    while std::time::Instant::now() < deadline {
        focused = session
            .client
            .execute("return document.activeElement.id;", vec![])
            .await
            .unwrap();
        if focused == id {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the focus did not reach #{id}; it is on {focused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_moved_onto_a_german_public_holiday_shows_the_warning_on_the_event_page() {
    let session = Session::start_seeded(4620, seed).await;
    session.client.set_window_size(1280, 900).await.ok();
    let id = Store::open(&session.db_path())
        .unwrap()
        .find_event_by_code(CODE)
        .unwrap()
        .meta
        .id;
    session
        .client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(format!("#/evenements/{id}"))],
        )
        .await
        .unwrap();
    // The prerequisites are missing, but no day is a holiday yet.
    session
        .wait_for_text("[data-testid=\"coherence-status\"]", "1 point à vérifier")
        .await;
    let list = session.testid("coherence-list").await.text().await.unwrap();
    assert!(list.contains("prérequis"), "{list}");
    assert!(!list.contains("jour férié"), "{list}");

    // Moved through the agenda editor, as a person would.
    session
        .click_in_row(
            "session-row",
            "Visite du port de Kehl",
            "button[@data-testid='session-move']",
        )
        .await;
    session.testid("session-form").await;
    session.settled("[data-testid=\"session-save\"]").await;
    session.type_into("session-date", "03/10/2027").await;
    session.click("session-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Visite du port de Kehl")
        .await;

    // The panel follows the agenda without reloading the page.
    session
        .wait_for_text("[data-testid=\"coherence-status\"]", "2 points à vérifier")
        .await;
    let list = session
        .wait_for_text(
            "[data-testid=\"coherence-list\"]",
            "Tag der Deutschen Einheit",
        )
        .await;
    assert!(
        list.contains(
            "« Visite du port de Kehl » : le dimanche 3 octobre 2027 est un jour férié en Allemagne"
        ),
        "{list}"
    );
    session.scroll_to("coherence").await;
    session.screenshot("coherence-jour-ferie").await;
    session.audit("event page with its coherence panel").await;

    // « Ouvrir la séquence » opens that session's form on its date.
    session
        .click_xpath(
            "//li[@data-kind='holiday']//button[@data-testid='coherence-fix']",
            "the holiday finding's button",
        )
        .await;
    session.testid("session-form").await;
    let focused = session
        .client
        .execute("return document.activeElement.name;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "date");
    // Closed from the keyboard (Enter on « Annuler »): the date field's blur reshapes the form
    // between a pointer's press and release under WebDriver.
    session
        .testid("session-cancel")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    session
        .wait_until_gone("[data-testid=\"session-form\"]")
        .await;

    // Printing asks first; « Revoir les points » prints nothing and shows the panel.
    session.click("event-programme-pdf").await;
    let question = session
        .wait_for_text("[data-testid=\"confirm-dialog\"]", "Imprimer quand même")
        .await;
    assert!(question.contains("Tag der Deutschen Einheit"), "{question}");
    session.click("confirm-no").await;
    focus_reaches(&session, "coherence-title").await;
    session.stop().await;
}
