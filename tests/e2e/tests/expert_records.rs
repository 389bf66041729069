//! The real app under Xvfb, on the expert directory: an expert with two languages, an edit
//! refused because another window changed the record meanwhile, a name that looks like HTML
//! shown as the characters typed, and a deletion that asks first.

use std::path::Path;

use passerelle_core::model::ExpertInput;
use passerelle_core::Store;
use passerelle_e2e::{Locator, Session};

const XSS_NAME: &str = "<img src=x onerror=alert(1)>";

fn seed_one_expert(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    store
        .create_expert(&ExpertInput {
            first_name: "Claire".into(),
            last_name: "Dubois".into(),
            job_title: "Chargée de mission".into(),
            country: "FR".into(),
            ..Default::default()
        })
        .expect("expert Dubois");
}

/// Opens the expert whose row in the list contains `name`.
async fn open_expert(session: &Session, name: &str) {
    session.click("nav-experts").await;
    session
        .wait_for_text("[data-testid=\"experts-table\"]", name)
        .await;
    let link = session
        .client
        .find(Locator::XPath(&format!(
            "//tr[@data-testid='expert-row'][contains(., '{name}')]//a"
        )))
        .await
        .unwrap_or_else(|e| panic!("no row for {name}: {e}"));
    link.click().await.unwrap();
    session.testid("expert-form").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expert_with_two_languages_is_saved_and_listed_with_both() {
    let session = Session::start(4500).await;
    session.client.set_window_size(1024, 768).await.ok();

    session.click("nav-experts").await;
    session.click("expert-new").await;
    session.type_into("expert-lastName", "Weber").await;
    session.type_into("expert-firstName", "Matthias").await;
    session.choose("expert-country", "DE").await;
    session.click("expert-add-language").await;
    session.choose("expert-language-0", "de").await;
    session.choose("expert-level-0", "native").await;
    session.click("expert-add-language").await;
    session.choose("expert-language-1", "fr").await;
    session.choose("expert-level-1", "B2").await;
    session.screenshot("10-expert-deux-langues").await;
    session.click("expert-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Matthias Weber")
        .await;

    // Both languages were stored: they come back in the form and in the list.
    assert_eq!(
        session
            .testid("expert-language-1")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("fr")
    );
    assert_eq!(
        session
            .testid("expert-level-1")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("B2")
    );
    session.click("nav-experts").await;
    let row = session
        .wait_for_text("[data-testid=\"experts-table\"]", "Weber")
        .await;
    assert!(
        row.contains("B2"),
        "the list shows the second language: {row}"
    );

    // And the database file holds them, as any other window would read it.
    let store = Store::open(&session.db_path()).unwrap();
    let page = store
        .search_experts(&passerelle_core::model::ExpertFilter {
            query: "weber".into(),
            ..Default::default()
        })
        .unwrap();
    let expert = store.get_expert(&page.items[0].id).unwrap();
    let languages: Vec<(String, String)> = expert
        .data
        .languages
        .iter()
        .map(|l| (l.language.clone(), l.level.clone()))
        .collect();
    assert_eq!(
        languages,
        vec![("de".into(), "native".into()), ("fr".into(), "B2".into())]
    );

    session.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_based_on_a_stale_record_is_refused_with_its_message() {
    let session = Session::start_seeded(4510, seed_one_expert).await;
    session.client.set_window_size(1024, 768).await.ok();
    open_expert(&session, "Dubois").await;

    // Meanwhile, another window changes the same record in the same file.
    {
        let mut store = Store::open(&session.db_path()).unwrap();
        let id = store.search_experts(&Default::default()).unwrap().items[0]
            .id
            .clone();
        let current = store.get_expert(&id).unwrap();
        let mut input = current.data.clone();
        input.job_title = "Directrice de projet".into();
        store
            .update_expert(&id, current.meta.version, &input)
            .unwrap();
    }

    session.type_into("expert-city", "Lille").await;
    session.click("expert-save").await;
    let notice = session
        .wait_for_text("[data-testid=\"form-notice\"]", "modifié entre-temps")
        .await;
    assert!(notice.contains("Rechargez"), "{notice}");
    session
        .screenshot("11-expert-modification-concurrente")
        .await;

    // Nothing of the stale edit was written; reloading shows the other window's change.
    session.click("form-reload").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let value = session
            .testid("expert-jobTitle")
            .await
            .prop("value")
            .await
            .unwrap();
        if value.as_deref() == Some("Directrice de projet") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "reload did not show the new version: {value:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let store = Store::open(&session.db_path()).unwrap();
    let id = store.search_experts(&Default::default()).unwrap().items[0]
        .id
        .clone();
    assert_eq!(
        store.get_expert(&id).unwrap().data.city,
        "",
        "the stale edit was not saved"
    );

    session.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_that_looks_like_html_stays_text_and_deleting_asks_first() {
    let session = Session::start(4520).await;
    session.client.set_window_size(1024, 768).await.ok();

    session.click("nav-experts").await;
    session.click("expert-new").await;
    session.type_into("expert-lastName", XSS_NAME).await;
    session.type_into("expert-firstName", "Test").await;
    session.click("expert-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistrée")
        .await;

    session.click("nav-experts").await;
    let table = session
        .wait_for_text("[data-testid=\"experts-table\"]", XSS_NAME)
        .await;
    assert!(table.contains(XSS_NAME), "{table}");
    let images = session.client.find_all(Locator::Css("img")).await.unwrap();
    assert!(images.is_empty(), "the name became an element");
    let alert = session.client.get_alert_text().await;
    assert!(alert.is_err(), "a script ran: {alert:?}");
    session.screenshot("12-experts-nom-html").await;

    // Deleting asks first; saying no keeps the record.
    open_expert(&session, "Test").await;
    session.click("expert-delete").await;
    let dialog = session
        .wait_for_text(
            "[data-testid=\"confirm-dialog\"]",
            "supprimée définitivement",
        )
        .await;
    assert!(dialog.contains(XSS_NAME), "{dialog}");
    session.screenshot("13-confirmation-suppression").await;
    session.click("confirm-no").await;
    assert_eq!(
        Store::open(&session.db_path())
            .unwrap()
            .counts()
            .unwrap()
            .experts,
        1
    );

    // Saying yes deletes it, and the list says what to do next.
    session.click("expert-delete").await;
    session.click("confirm-yes").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "supprimée")
        .await;
    session
        .wait_until_gone("[data-testid=\"expert-row\"]")
        .await;
    assert_eq!(
        Store::open(&session.db_path())
            .unwrap()
            .counts()
            .unwrap()
            .experts,
        0
    );

    session.stop().await;
}
