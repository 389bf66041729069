//! The real app under Xvfb: the reference data shows in the lists, an expert is created through
//! the form, then searched for and found.

use passerelle_e2e::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_an_expert_through_the_form_then_find_it() {
    let session = Session::start(4470).await;
    session.client.set_window_size(1024, 768).await.ok();

    // The reference data is there on first start.
    session
        .testid("nav-structures")
        .await
        .click()
        .await
        .unwrap();
    session
        .wait_for_text(
            "[data-testid=\"organisations-table\"]",
            "Mission Opérationnelle Transfrontalière",
        )
        .await;
    session.screenshot("structures").await;

    // Create an expert through the form.
    session.testid("nav-experts").await.click().await.unwrap();
    session.testid("expert-new").await.click().await.unwrap();
    session
        .testid("expert-firstName")
        .await
        .send_keys("Hélène")
        .await
        .unwrap();
    session
        .testid("expert-lastName")
        .await
        .send_keys("Schäfer-Grünwald")
        .await
        .unwrap();
    session
        .testid("expert-email")
        .await
        .send_keys("helene.schaefer@eurodistrict.eu")
        .await
        .unwrap();
    session.screenshot("expert-form").await;
    session.testid("expert-save").await.click().await.unwrap();
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistr")
        .await;

    // Search for it, without accents, from the list.
    session.testid("nav-experts").await.click().await.unwrap();
    let search = session.testid("experts-search").await;
    search.send_keys("schafer").await.unwrap();
    let table = session
        .wait_for_text("[data-testid=\"experts-table\"]", "Schäfer-Grünwald")
        .await;
    assert!(table.contains("Hélène"), "{table}");
    session.screenshot("experts-search").await;

    session.stop().await;
}
