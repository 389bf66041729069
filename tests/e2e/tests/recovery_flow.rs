//! The real app under Xvfb on a database file that no longer opens (its bytes overwritten, as a
//! failing disk or a bad copy leaves it): the window says why and offers the automatic backups
//! instead of views that would all fail; restoring one brings the directory back, and the
//! broken file is kept aside, byte for byte.

use std::path::Path;

use passerelle_core::model::ExpertInput;
use passerelle_core::Store;
use passerelle_e2e::Session;

const BROKEN: &[u8] = &[0x42; 8192];

/// A directory with one expert, its automatic backup, then the file damaged.
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
    let backups = db.parent().unwrap().join("sauvegardes");
    store.automatic_backup(&backups).expect("automatic backup");
    store.close().expect("close the seed database");
    std::fs::write(db, BROKEN).expect("damage the database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_does_not_open_is_restored_from_the_window() {
    let session = Session::start_seeded(4550, seed).await;
    session.client.set_window_size(1024, 768).await.ok();

    let reason = session
        .wait_for_text("[data-testid=\"recovery-reason\"]", "e2e.db")
        .await;
    assert!(
        reason.contains("n'est pas une base de données Passerelle"),
        "{reason}"
    );
    // Nothing else is offered: the navigation would lead only to the same error.
    assert!(!session
        .testid("nav-experts")
        .await
        .is_displayed()
        .await
        .unwrap());
    session.css("[data-testid=\"backup-row\"]").await;
    assert_eq!(session.count("[data-testid=\"backup-row\"]").await, 1);
    session.settled("main").await;
    session.screenshot("17-base-endommagee").await;
    session.audit("base-endommagee").await;

    session.click("backup-restore").await;
    session.click("confirm-yes").await;
    let summary = session
        .wait_for_text(
            "[data-testid=\"restore-summary\"]",
            "passerelle-avant-restauration-",
        )
        .await;
    assert!(summary.contains("passerelle-auto-"), "{summary}");

    // The window works again, on the restored directory.
    session.click("nav-experts").await;
    session
        .wait_for_text("[data-testid=\"experts-table\"]", "Dubois")
        .await;
    // The damaged file is kept in the backups folder, never deleted.
    let backups = session.db_path().parent().unwrap().join("sauvegardes");
    let kept: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("passerelle-avant-restauration-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), BROKEN);

    session.stop().await;
}
