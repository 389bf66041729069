//! `passerelle sync` run as a scheduled task would, against a CouchDB-protocol server the test
//! starts on 127.0.0.1: the summary on stdout, a sync killed outright (SIGKILL) in the middle
//! that loses nothing and completes the next time, and exit code 3 while conflicts wait.

#[path = "../src-tauri/core/tests/common/couch.rs"]
#[allow(dead_code)]
mod couch;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use passerelle_core::model::ExpertInput;
use passerelle_core::Store;

fn sync_command(db: &Path, server: &str, database: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_passerelle-cli"));
    command
        .args(["sync", "--server", server, "--database", database, "--db"])
        .arg(db)
        .env_remove("PASSERELLE_DB")
        // The tests' server is open (no accounts): no login.
        .env_remove("PASSERELLE_SYNC_USER")
        .env("PASSERELLE_SYNC_PASSWORD", "");
    command
}

fn summary(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON summary: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn expert(last: &str) -> ExpertInput {
    ExpertInput {
        first_name: "Anna".into(),
        last_name: last.into(),
        country: "FR".into(),
        ..Default::default()
    }
}

fn edit_city(db: &Path, last: &str, city: &str) {
    let mut store = Store::open(db).unwrap();
    let summary = store
        .search_experts(&passerelle_core::model::ExpertFilter {
            query: last.into(),
            ..Default::default()
        })
        .unwrap()
        .items
        .remove(0);
    let expert = store.get_expert(&summary.id).unwrap();
    let mut input = expert.data.clone();
    input.city = city.into();
    store
        .update_expert(&expert.meta.id, expert.meta.version, &input)
        .unwrap();
    store.close().unwrap();
}

#[test]
fn a_sync_killed_midway_loses_nothing_and_conflicts_exit_with_3() {
    let couch = couch::TestCouch::start_local();
    let database = couch.fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    {
        let mut store = Store::open_with_reference(&first).unwrap();
        for i in 0..3000 {
            store
                .create_expert(&expert(&format!("Weber{i:04}")))
                .unwrap();
        }
        store.close().unwrap();
    }

    // Killed outright while it sends: the file stays sound and the next run completes.
    let mut running = sync_command(&first, &couch.url(), &database)
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    running.kill().unwrap();
    running.wait().unwrap();
    let resumed = sync_command(&first, &couch.url(), &database)
        .output()
        .unwrap();
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert_eq!(summary(&resumed)["conflicts"], 0);

    let second = dir.path().join("second.db");
    let joined = sync_command(&second, &couch.url(), &database)
        .output()
        .unwrap();
    assert!(
        joined.status.success(),
        "{}",
        String::from_utf8_lossy(&joined.stderr)
    );
    assert_eq!(summary(&joined)["received"], 3000);
    assert_eq!(
        Store::open(&second).unwrap().counts().unwrap().experts,
        3000
    );

    // The same field changed on both laptops: the second to sync is told, with exit code 3.
    edit_city(&first, "Weber0007", "Kehl");
    edit_city(&second, "Weber0007", "Offenburg");
    assert!(sync_command(&first, &couch.url(), &database)
        .output()
        .unwrap()
        .status
        .success());
    let told = sync_command(&second, &couch.url(), &database)
        .output()
        .unwrap();
    assert_eq!(
        told.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&told.stderr)
    );
    assert_eq!(summary(&told)["conflicts"], 1);

    // A server that does not answer: a French message and a failure code.
    drop(couch);
    let offline = sync_command(&first, "http://127.0.0.1:9", &database)
        .output()
        .unwrap();
    assert_eq!(offline.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&offline.stderr).contains("injoignable"));
}
