//! The team sharing against a real CouchDB-protocol server (`common::couch`): three laptops,
//! each a real database file, edit offline, sync in every order, and end with the same
//! records, the expected conflicts, and identical JSON exports; a PouchDB replica plays a
//! fourth colleague.

mod common;

use std::sync::Mutex;

use common::couch::TestCouch;
use common::{event, expert, seeded_store, session};
use passerelle_core::exchange::json;
use passerelle_core::sync::{synchronise, RemoteConfig, SyncChoice, SyncSummary};
use passerelle_core::Store;
use tempfile::TempDir;

struct Laptop {
    _dir: TempDir,
    store: Mutex<Store>,
    config: RemoteConfig,
}

impl Laptop {
    fn new(couch: &TestCouch, database: &str, user: &str) -> Laptop {
        let (dir, store) = seeded_store();
        let config = couch.config(database);
        let laptop = Laptop {
            _dir: dir,
            store: Mutex::new(store),
            config,
        };
        laptop.with(|s| {
            s.save_sync_settings(&passerelle_core::sync::SyncSettings {
                server: laptop.config.server.clone(),
                database: database.into(),
                user: user.into(),
            })
            .unwrap()
        });
        laptop
    }

    fn with<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut self.store.lock().unwrap())
    }

    fn sync(&self) -> SyncSummary {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime
            .block_on(synchronise(&self.store, &self.config, &|_| {}))
            .unwrap_or_else(|error| panic!("sync failed: {error}"))
    }

    fn export(&self) -> String {
        self.with(|s| String::from_utf8(json::export(s).unwrap()).unwrap())
    }

    fn expert_named(&self, last: &str) -> Option<passerelle_core::model::Expert> {
        self.with(|s| {
            let summary = s
                .search_experts(&Default::default())
                .unwrap()
                .items
                .into_iter()
                .find(|e| e.last_name == last)?;
            Some(s.get_expert(&summary.id).unwrap())
        })
    }
}

/// Every laptop's JSON export is the same, byte for byte.
fn assert_same_exports(laptops: &[&Laptop]) {
    let first = laptops[0].export();
    for (i, laptop) in laptops.iter().enumerate().skip(1) {
        let other = laptop.export();
        if other != first {
            let line = first
                .lines()
                .zip(other.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |text: &str| {
                text.lines()
                    .skip(line.saturating_sub(8))
                    .take(12)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "laptop {i}'s export differs at line {line}:\n{}\n----\n{}",
                around(&first),
                around(&other)
            );
        }
    }
}

fn sync_all(laptops: &[&Laptop], rounds: usize) {
    for _ in 0..rounds {
        for laptop in laptops {
            laptop.sync();
        }
    }
}

fn conflict_labels(laptop: &Laptop) -> Vec<String> {
    let mut labels: Vec<String> = laptop
        .with(|s| s.sync_conflicts().unwrap())
        .into_iter()
        .map(|c| format!("{} {}", c.entity_label, c.label))
        .collect();
    labels.sort();
    labels
}

#[test]
fn three_laptops_edit_offline_and_converge_with_the_expected_conflicts() {
    let couch = TestCouch::start();
    let database = couch.fresh_database();
    let a = Laptop::new(&couch, &database, "alice");
    let b = Laptop::new(&couch, &database, "bruno");
    let c = Laptop::new(&couch, &database, "chloe");

    // Each creates something offline, then all sync, in an order where each learns late.
    a.with(|s| s.create_expert(&expert("Anna", "Weber")).unwrap());
    b.with(|s| s.create_expert(&expert("Jonas", "Keller")).unwrap());
    let seminar = c.with(|s| {
        let seminar = s
            .create_event(&event("SEM-2027", "2027-03-10", "2027-03-11"))
            .unwrap();
        s.create_session(
            &seminar.meta.id,
            &session("2027-03-10", "09:00", "10:30", "Ouverture"),
        )
        .unwrap();
        seminar
    });
    sync_all(&[&a, &b, &c, &a, &b], 1);
    for laptop in [&a, &b, &c] {
        assert_eq!(laptop.with(|s| s.sync_waiting().unwrap()), Vec::new());
    }
    for laptop in [&a, &b, &c] {
        assert!(laptop.expert_named("Weber").is_some());
        assert!(laptop.expert_named("Keller").is_some());
        let agenda = laptop.with(|s| s.event_agenda(&seminar.meta.id).unwrap());
        assert_eq!(
            agenda.days.iter().map(|d| d.sessions.len()).sum::<usize>(),
            1
        );
    }
    assert_same_exports(&[&a, &b, &c]);

    // Offline again: two edits of one expert's different fields merge; an edit against a
    // deletion and two different titles for one event are conflicts.
    let anna_a = a.expert_named("Weber").unwrap();
    let mut input = anna_a.data.clone();
    input.city = "Kehl".into();
    a.with(|s| {
        s.update_expert(&anna_a.meta.id, anna_a.meta.version, &input)
            .unwrap()
    });
    let anna_b = b.expert_named("Weber").unwrap();
    let mut input = anna_b.data.clone();
    input.phone = "+49 7851 0000".into();
    b.with(|s| {
        s.update_expert(&anna_b.meta.id, anna_b.meta.version, &input)
            .unwrap()
    });

    let jonas_c = c.expert_named("Keller").unwrap();
    c.with(|s| s.delete_expert(&jonas_c.meta.id).unwrap());
    let jonas_a = a.expert_named("Keller").unwrap();
    let mut input = jonas_a.data.clone();
    input.job_title = "Directeur".into();
    a.with(|s| {
        s.update_expert(&jonas_a.meta.id, jonas_a.meta.version, &input)
            .unwrap()
    });

    for (laptop, title) in [(&a, "Séminaire mobilité"), (&b, "Séminaire emploi")] {
        let current = laptop.with(|s| s.get_event(&seminar.meta.id).unwrap());
        let mut input = current.data.clone();
        input.title = title.into();
        laptop.with(|s| {
            s.update_event(&seminar.meta.id, current.meta.version, &input)
                .unwrap()
        });
    }

    sync_all(&[&b, &c, &a], 2);

    for laptop in [&a, &b, &c] {
        let anna = laptop.expert_named("Weber").unwrap();
        assert_eq!(anna.data.city, "Kehl", "field merged");
        assert_eq!(anna.data.phone, "+49 7851 0000", "field merged");
        let labels = conflict_labels(laptop);
        assert_eq!(
            labels.len(),
            2,
            "{labels:?} {:?}",
            laptop.with(|s| s.sync_conflicts().unwrap())
        );
        assert!(labels[0].starts_with("Expert Jonas Keller"), "{labels:?}");
        assert!(labels[1].starts_with("Événement"), "{labels:?}");
    }
    assert_same_exports(&[&a, &b, &c]);
    assert_eq!(conflict_labels(&a), conflict_labels(&b));
    assert_eq!(conflict_labels(&a), conflict_labels(&c));
    assert_eq!(conflict_labels(&a).len(), 2);
    // The edit won over the deletion (CouchDB keeps the live leaf): Jonas is still there.
    assert_eq!(
        a.expert_named("Keller").unwrap().data.job_title,
        "Directeur"
    );

    // Settled on one laptop, the choices reach the others; no conflict is left anywhere.
    let conflicts = a.with(|s| s.sync_conflicts().unwrap());
    for conflict in &conflicts {
        let choice = if conflict.theirs_deleted {
            SyncChoice::TakeTheirs
        } else {
            SyncChoice::KeepMine
        };
        a.with(|s| s.resolve_sync_conflict(&conflict.doc_id, &choice).unwrap());
    }
    sync_all(&[&a, &b, &c], 1);
    for laptop in [&a, &b, &c] {
        let left = laptop.with(|s| s.sync_conflicts().unwrap());
        assert!(left.is_empty(), "{left:?}");
        assert!(
            laptop.expert_named("Keller").is_none(),
            "the deletion was chosen"
        );
    }
    assert_same_exports(&[&a, &b, &c]);
    let status = a.with(|s| s.sync_status().unwrap());
    assert_eq!(
        (
            status.changes_waiting,
            status.conflicts,
            status.waiting_links
        ),
        (0, 0, 0)
    );
}

#[test]
fn a_pouchdb_replica_edits_beside_passerelle() {
    let couch = TestCouch::start();
    let database = couch.fresh_database();
    let a = Laptop::new(&couch, &database, "alice");
    let anna = a.with(|s| s.create_expert(&expert("Anna", "Weber")).unwrap());
    a.sync();

    // The colleague reads the shared document and changes the city, with its own software.
    let doc_id = format!("expert:{}", anna.meta.id);
    let dump = couch.colleague(
        &database,
        serde_json::json!([{"op": "pull"}, {"op": "dump"}]),
    );
    let mut doc = dump[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == doc_id.as_str())
        .map(|row| row["doc"].clone())
        .expect("the expert's document on the server");
    assert_eq!(doc["lastName"], "Weber");
    assert_eq!(doc["recordKind"], "expert");
    doc["city"] = "Offenburg".into();
    doc.as_object_mut().unwrap().remove("_rev");
    couch.colleague(
        &database,
        serde_json::json!([{"op": "pull"}, {"op": "put", "doc": doc}, {"op": "push"}]),
    );

    let summary = a.sync();
    assert_eq!(summary.received, 1);
    let anna = a.expert_named("Weber").unwrap();
    assert_eq!(anna.data.city, "Offenburg");

    // And the colleague sees Passerelle's next edit, without any conflict.
    let mut input = anna.data.clone();
    input.phone = "+49 781 0000".into();
    a.with(|s| {
        s.update_expert(&anna.meta.id, anna.meta.version, &input)
            .unwrap()
    });
    a.sync();
    let dump = couch.colleague(
        &database,
        serde_json::json!([{"op": "pull"}, {"op": "dump"}]),
    );
    let row = dump[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == doc_id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(row["doc"]["phone"], "+49 781 0000");
    assert_eq!(row["doc"]["city"], "Offenburg");
    assert!(row["doc"]
        .get("_conflicts")
        .is_none_or(|c| c.as_array().unwrap().is_empty()));
}

#[test]
fn a_server_stopped_in_the_middle_loses_nothing_and_the_next_sync_completes() {
    let mut couch = TestCouch::start_local();
    let database = couch.fresh_database();
    let a = Laptop::new(&couch, &database, "alice");
    a.with(|s| {
        for i in 0..1200 {
            s.create_expert(&expert("Anna", &format!("Weber{i:04}")))
                .unwrap();
        }
    });
    let (progressed, progress) = std::sync::mpsc::channel();
    let outcome = std::thread::scope(|scope| {
        let running = scope.spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let progressed = Mutex::new(progressed);
            runtime.block_on(synchronise(&a.store, &a.config, &move |p| {
                let _ = progressed.lock().unwrap().send(p.done);
            }))
        });
        // The first batch is on the server: the server goes away.
        progress.recv().unwrap();
        couch.stop();
        running.join().unwrap()
    });
    let error = outcome.expect_err("the server stopped");
    assert!(error.is_offline(), "{error}");
    let status = a.with(|s| s.sync_status().unwrap());
    assert!(status.offline);
    assert!(status.changes_waiting > 0);

    // Back (empty: the test server keeps nothing): everything is offered again and arrives.
    couch.restart();
    a.sync();
    assert_eq!(a.with(|s| s.sync_status().unwrap()).changes_waiting, 0);
    let b = Laptop::new(&couch, &database, "bruno");
    let first = b.sync();
    assert_eq!(first.received, 1200);
    assert_eq!(b.with(|s| s.sync_waiting().unwrap()), Vec::new());
    assert_eq!(b.with(|s| s.counts().unwrap().experts), 1200);
}
