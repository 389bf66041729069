//! The real app under Xvfb with a team server: a CouchDB-protocol server started by the test
//! on 127.0.0.1 (`src-tauri/core/tests/common/couch.rs`) already holds a colleague's expert;
//! the user fills the « Partage » page, presses « Synchroniser », the header says
//! « Synchronisé », the colleague's expert is in the directory and the user's own expert is on
//! the server for the colleague. The page passes the accessibility audit before and after.

#[path = "../../../src-tauri/core/tests/common/couch.rs"]
#[allow(dead_code)]
mod couch;

use std::path::Path;
use std::sync::Mutex;

use passerelle_core::model::{ExpertFilter, ExpertInput};
use passerelle_core::sync::synchronise;
use passerelle_core::Store;
use passerelle_e2e::Session;

fn expert(first: &str, last: &str) -> ExpertInput {
    ExpertInput {
        first_name: first.into(),
        last_name: last.into(),
        country: "DE".into(),
        ..Default::default()
    }
}

fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    store
        .create_expert(&expert("Anna", "Weber"))
        .expect("expert");
}

fn experts_named(store: &Store, last: &str) -> usize {
    store
        .search_experts(&ExpertFilter {
            query: last.into(),
            ..Default::default()
        })
        .unwrap()
        .total as usize
}

#[tokio::test(flavor = "current_thread")]
async fn a_colleagues_expert_arrives_and_ours_leaves_with_synchroniser() {
    let couch = couch::TestCouch::start_local();
    let database = couch.fresh_database();
    let config = couch.config(&database);
    let colleague_dir = tempfile::tempdir().unwrap();
    let colleague = {
        let mut store = Store::open_with_reference(&colleague_dir.path().join("c.db")).unwrap();
        store.create_expert(&expert("Jonas", "Keller")).unwrap();
        Mutex::new(store)
    };
    synchronise(&colleague, &config, &|_| {})
        .await
        .expect("the colleague's sync");

    let session = Session::start_seeded(4670, seed).await;
    session.click("nav-sharing").await;
    session.testid("sync-form").await;
    session.audit("sharing (not set up)").await;
    session.type_into("sync-server", &couch.url()).await;
    session.type_into("sync-database", &database).await;
    // No login: the test server is open, as a team's CouchDB behind a VPN may be (a login
    // the server does not know is refused, which `sync_remote_failures` covers).
    session.click("sync-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistrés")
        .await;
    session.click("sync-now").await;
    session
        .wait_for_text("[data-testid=\"sync-status\"]", "Synchronisé")
        .await;
    session.screenshot("sharing-synchronised").await;
    session.audit("sharing (synchronised)").await;

    // The colleague's expert is in the directory.
    session.click("nav-experts").await;
    session
        .wait_for_text("[data-testid=\"experts-table\"]", "Keller")
        .await;
    {
        let store = Store::open(&session.db_path()).unwrap();
        assert_eq!(experts_named(&store, "Keller"), 1);
        let status = store.sync_status().unwrap();
        assert!(
            status.configured && status.last_sync_at.is_some(),
            "{status:?}"
        );
        assert_eq!((status.changes_waiting, status.conflicts), (0, 0));
    }

    // And ours reached the colleague through the server.
    synchronise(&colleague, &config, &|_| {})
        .await
        .expect("the colleague's second sync");
    assert_eq!(experts_named(&colleague.lock().unwrap(), "Weber"), 1);

    // Both change Keller's city: the header shows the conflict, « Partage » lists it, and
    // « Garder la mienne » settles it for the whole team.
    set_city(&mut colleague.lock().unwrap(), "Keller", "Kehl");
    synchronise(&colleague, &config, &|_| {})
        .await
        .expect("the colleague's edit sent");
    set_city(
        &mut Store::open(&session.db_path()).unwrap(),
        "Keller",
        "Offenburg",
    );
    session.click("nav-sharing").await;
    session.click("sync-now").await;
    session
        .wait_for_text("[data-testid=\"sync-status\"]", "1 conflit")
        .await;
    session
        .wait_for_text("[data-testid=\"sync-conflicts\"]", "Keller")
        .await;
    session.audit("sharing (a conflict to settle)").await;
    session.click("sync-keep-mine").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "Conflit réglé")
        .await;
    session
        .wait_for_text("[data-testid=\"sync-conflicts\"]", "Aucun conflit")
        .await;
    // Settling asks for a sync by itself: the choice leaves for the server.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let status = Store::open(&session.db_path())
            .unwrap()
            .sync_status()
            .unwrap();
        if status.changes_waiting == 0 && !status.offline && status.last_error.is_none() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the choice was not sent: {status:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    synchronise(&colleague, &config, &|_| {})
        .await
        .expect("the colleague's third sync");
    assert_eq!(city_of(&colleague.lock().unwrap(), "Keller"), "Offenburg");
    let store = Store::open(&session.db_path()).unwrap();
    assert_eq!(city_of(&store, "Keller"), "Offenburg");
    assert_eq!(store.sync_status().unwrap().conflicts, 0);
    session.stop().await;
}

fn expert_named(store: &Store, last: &str) -> passerelle_core::model::Expert {
    let found = store
        .search_experts(&ExpertFilter {
            query: last.into(),
            ..Default::default()
        })
        .unwrap();
    store.get_expert(&found.items[0].id).unwrap()
}

fn city_of(store: &Store, last: &str) -> String {
    expert_named(store, last).data.city
}

/// An edit made outside the window (on the colleague's laptop, or in this database file
/// between two syncs), through the same call as the form's.
fn set_city(store: &mut Store, last: &str, city: &str) {
    let expert = expert_named(store, last);
    let mut input = expert.data.clone();
    input.city = city.into();
    store
        .update_expert(&expert.meta.id, expert.meta.version, &input)
        .unwrap();
}
