//! A process that writes in a loop is killed with SIGKILL; afterwards the file is sound and
//! holds every write the process reported as committed.
//!
//! The writer is this same test binary started again with `PASSERELLE_CRASH_WRITER` set: it
//! creates experts one transaction at a time and prints each id after its commit returns.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use passerelle_core::model::{ExpertFilter, ExpertInput};
use passerelle_core::Store;

const WRITER_ENV: &str = "PASSERELLE_CRASH_WRITER";

/// Not a test of its own: the writer process that the test below starts and kills. Ignored, so
/// that a plain run neither counts it as passed nor runs it; run by hand, it fails.
#[test]
#[ignore = "the writer process started (with --ignored) by killed_writer_loses_nothing_it_reported_committed"]
fn crash_writer_child() {
    let path = std::env::var(WRITER_ENV).expect(
        "started by killed_writer_loses_nothing_it_reported_committed, which sets the database",
    );
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    for n in 0.. {
        let input = ExpertInput {
            first_name: format!("Écrit{n}"),
            last_name: "Boucle".into(),
            ..Default::default()
        };
        let expert = store.create_expert(&input).unwrap();
        println!("committed {}", expert.meta.id);
    }
}

#[cfg(unix)]
#[test]
fn killed_writer_loses_nothing_it_reported_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    drop(Store::open(&path).unwrap());

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_writer_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut committed = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(id) = line.strip_prefix("committed ") {
            committed.push(id.to_string());
            if committed.len() == 300 {
                // Child::kill sends SIGKILL on Unix: no destructor, no flush, no rollback.
                child.kill().unwrap();
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(
        committed.len(),
        300,
        "the writer stopped before being killed"
    );

    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    for id in &committed {
        store
            .get_expert(id)
            .unwrap_or_else(|e| panic!("committed expert {id} lost: {e}"));
    }
    let total = store
        .search_experts(&ExpertFilter {
            query: "boucle".into(),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()
        .total;
    assert!(
        total >= committed.len() as i64,
        "the search index lost rows: {total}"
    );
}
