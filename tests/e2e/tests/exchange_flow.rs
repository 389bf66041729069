//! The real app under Xvfb, on the « Échanges » view: the automatic backup written at start is
//! listed, and restoring it (after a confirmation) brings the directory back to how it was,
//! keeping the database of just before as a safety copy.

use std::path::Path;
use std::time::{Duration, Instant};

use passerelle_core::model::ExpertInput;
use passerelle_core::Store;
use passerelle_e2e::Session;

fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    store
        .create_expert(&ExpertInput {
            first_name: "Claire".into(),
            last_name: "Dubois".into(),
            country: "FR".into(),
            ..Default::default()
        })
        .expect("expert Dubois");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_automatic_backup_of_this_start_can_be_restored_after_a_confirmation() {
    let session = Session::start_seeded(4530, seed).await;
    session.client.set_window_size(1024, 768).await.ok();

    // Work done after the start: a new expert.
    session.click("nav-experts").await;
    session.click("expert-new").await;
    session.type_into("expert-lastName", "Weber").await;
    session.type_into("expert-firstName", "Matthias").await;
    session.click("expert-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Matthias Weber")
        .await;

    session.click("nav-exchange").await;
    session.css("[data-testid=\"backup-row\"]").await;
    assert_eq!(
        session.count("[data-testid=\"backup-row\"]").await,
        1,
        "one automatic backup per start"
    );
    session.settled("main").await;
    session.screenshot("14-echanges").await;

    // Restoring asks first; "no" changes nothing.
    session.click("backup-restore").await;
    session
        .wait_for_text("[data-testid=\"confirm-dialog\"]", "copie de sécurité")
        .await;
    session.click("confirm-no").await;
    assert_eq!(
        Store::open(&session.db_path())
            .unwrap()
            .counts()
            .unwrap()
            .experts,
        2
    );

    session.click("backup-restore").await;
    session.click("confirm-yes").await;
    let summary = session
        .wait_for_text(
            "[data-testid=\"restore-summary\"]",
            "passerelle-avant-restauration-",
        )
        .await;
    assert!(summary.contains("passerelle-auto-"), "{summary}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while session.count("[data-testid=\"backup-row\"]").await != 2 {
        assert!(Instant::now() < deadline, "the safety copy is not listed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    session.screenshot("15-echanges-restauration").await;

    // The directory is back to the start of the session, in the window and in the file.
    session.click("nav-experts").await;
    session
        .wait_for_text("[data-testid=\"experts-table\"]", "Dubois")
        .await;
    let table = session.testid("experts-table").await.text().await.unwrap();
    assert!(!table.contains("Weber"), "{table}");
    assert_eq!(
        Store::open(&session.db_path())
            .unwrap()
            .counts()
            .unwrap()
            .experts,
        1
    );

    session.stop().await;
}
