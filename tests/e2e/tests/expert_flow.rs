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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_email_is_shown_beside_its_field_and_nothing_is_saved() {
    let session = Session::start(4480).await;
    session.client.set_window_size(1024, 768).await.ok();

    session.testid("nav-experts").await.click().await.unwrap();
    session.testid("expert-new").await.click().await.unwrap();
    session
        .testid("expert-firstName")
        .await
        .send_keys("Jonas")
        .await
        .unwrap();
    session
        .testid("expert-lastName")
        .await
        .send_keys("Beispiel")
        .await
        .unwrap();
    session
        .testid("expert-email")
        .await
        .send_keys("jonas.beispiel@")
        .await
        .unwrap();
    session.testid("expert-save").await.click().await.unwrap();

    let message = session
        .wait_for_text("[data-testid=\"error-email\"]", "Adresse e-mail invalide")
        .await;
    assert!(message.contains("prenom.nom@exemple.fr"), "{message}");
    let email = session.testid("expert-email").await;
    assert_eq!(
        email.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    session.screenshot("expert-form-error").await;

    // Correcting the field saves the expert once.
    email.clear().await.unwrap();
    email
        .send_keys("jonas.beispiel@ortenaukreis.de")
        .await
        .unwrap();
    session.testid("expert-save").await.click().await.unwrap();
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Beispiel")
        .await;
    session.testid("nav-experts").await.click().await.unwrap();
    let table = session
        .wait_for_text("[data-testid=\"experts-table\"]", "Beispiel")
        .await;
    assert_eq!(table.matches("Beispiel").count(), 1, "{table}");

    session.stop().await;
}
