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

/// The leaves of a document on the server (`_changes?style=all_docs`: the live one and the
/// ends of settled branches alike).
fn server_leaves(couch: &TestCouch, database: &str, doc_id: &str) -> Vec<String> {
    let remote = passerelle_core::sync::Remote::new(&couch.config(database)).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let page = runtime.block_on(remote.changes("0", 10_000)).unwrap();
    page.results
        .into_iter()
        .find(|change| change.id == doc_id)
        .map(|change| change.revs)
        .unwrap_or_default()
}

#[test]
fn an_exchange_file_carries_the_revisions_so_that_it_and_the_server_agree() {
    let couch = TestCouch::start();
    let database = couch.fresh_database();
    let a = Laptop::new(&couch, &database, "alice");
    let b = Laptop::new(&couch, &database, "bruno");
    let anna = a.with(|s| s.create_expert(&expert("Anna", "Weber")).unwrap());
    a.sync();
    // Alice edits offline and hands Bruno a file before she syncs again.
    let mut input = anna.data.clone();
    input.city = "Kehl".into();
    a.with(|s| {
        s.update_expert(&anna.meta.id, anna.meta.version, &input)
            .unwrap()
    });
    let file = a.with(|s| json::export(s).unwrap());
    let doc_id = format!("expert:{}", anna.meta.id);
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(
        text.contains("\"revisions\""),
        "the file carries the revisions"
    );
    let alices_rev = a.with(|s| s.sync_document_rev(&doc_id).unwrap()).unwrap();
    assert!(alices_rev.starts_with("2-"), "{alices_rev}");

    b.with(|s| json::apply(s, &file, &Default::default()).unwrap());
    assert_eq!(b.expert_named("Weber").unwrap().data.city, "Kehl");
    // Bruno syncs first: the server gets Alice's own revision, not one of Bruno's.
    b.sync();
    assert_eq!(
        server_leaves(&couch, &database, &doc_id),
        vec![alices_rev.clone()]
    );
    let alices_sync = a.sync();
    assert_eq!((alices_sync.received, alices_sync.merged), (0, 0));
    b.sync();
    // One history on the server: no second branch to settle, no conflict anywhere.
    assert_eq!(
        server_leaves(&couch, &database, &doc_id),
        vec![alices_rev.clone()]
    );
    for laptop in [&a, &b] {
        assert_eq!(conflict_labels(laptop), Vec::<String>::new());
        assert_eq!(
            laptop.with(|s| s.sync_document_rev(&doc_id).unwrap()),
            Some(alices_rev.clone())
        );
        assert_eq!(laptop.with(|s| s.sync_status().unwrap()).changes_waiting, 0);
    }
    assert_same_exports(&[&a, &b]);
}

#[test]
fn a_record_kept_as_mine_at_import_keeps_its_own_history_and_meets_the_file_as_a_conflict() {
    let couch = TestCouch::start();
    let database = couch.fresh_database();
    let a = Laptop::new(&couch, &database, "alice");
    let b = Laptop::new(&couch, &database, "bruno");
    let anna = a.with(|s| s.create_expert(&expert("Anna", "Weber")).unwrap());
    sync_all(&[&a, &b], 1);
    let edit = |laptop: &Laptop, city: &str| {
        let anna = laptop.expert_named("Weber").unwrap();
        let mut input = anna.data.clone();
        input.city = city.into();
        laptop.with(|s| {
            s.update_expert(&anna.meta.id, anna.meta.version, &input)
                .unwrap()
        });
    };
    edit(&a, "Kehl");
    edit(&b, "Offenburg");
    let file = a.with(|s| json::export(s).unwrap());
    let preview = b.with(|s| json::preview(s, &file).unwrap());
    assert_eq!(preview.conflicts.len(), 1);
    // « Garder la mienne »: Bruno's city stays, and so does his branch.
    b.with(|s| json::apply(s, &file, &Default::default()).unwrap());
    assert_eq!(b.expert_named("Weber").unwrap().data.city, "Offenburg");
    sync_all(&[&b, &a, &b], 1);
    let doc_id = format!("expert:{}", anna.meta.id);
    for laptop in [&a, &b] {
        assert_eq!(
            conflict_labels(laptop),
            vec!["Expert Anna Weber".to_string()]
        );
    }
    b.with(|s| {
        s.resolve_sync_conflict(&doc_id, &passerelle_core::sync::SyncChoice::KeepMine)
            .unwrap()
    });
    sync_all(&[&b, &a], 1);
    assert_eq!(
        a.expert_named("Weber").unwrap().data.city,
        b.expert_named("Weber").unwrap().data.city
    );
    assert_eq!(conflict_labels(&a), Vec::<String>::new());
    assert_same_exports(&[&a, &b]);
}

#[test]
fn a_file_with_revisions_round_trips_and_a_damaged_history_is_refused_by_name() {
    let (_dir, mut sharing) = seeded_store();
    sharing
        .save_sync_settings(&passerelle_core::sync::SyncSettings {
            server: "http://127.0.0.1:5984".into(),
            database: "equipe".into(),
            user: "alice".into(),
        })
        .unwrap();
    sharing.create_expert(&expert("Anna", "Weber")).unwrap();
    let file = json::export(&mut sharing).unwrap();
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(text.contains("\"revisions\""));

    // A colleague without a server imports it and exports it again: the same bytes.
    let (_dir2, mut colleague) = seeded_store();
    json::apply(&mut colleague, &file, &Default::default()).unwrap();
    assert_eq!(
        String::from_utf8(json::export(&mut colleague).unwrap()).unwrap(),
        text
    );

    // A record edited by hand in the file travels without its history.
    let edited = text.replacen("\"lastName\": \"Weber\"", "\"lastName\": \"Webber\"", 1);
    let (_dir3, mut third) = seeded_store();
    json::apply(&mut third, edited.as_bytes(), &Default::default()).unwrap();
    let again = String::from_utf8(json::export(&mut third).unwrap()).unwrap();
    let revisions: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert!(revisions["revisions"]
        .as_object()
        .is_none_or(|map| map.keys().all(|id| !id.starts_with("expert:"))));

    // A damaged history is refused, naming the document; nothing is written.
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (doc_id, _) = original["revisions"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(id, _)| id.starts_with("expert:"))
        .unwrap();
    let mut damaged = original.clone();
    damaged["revisions"][doc_id.as_str()] = serde_json::json!(["3-abc", "1-def"]);
    let (_dir4, mut fourth) = seeded_store();
    let error = json::apply(
        &mut fourth,
        damaged.to_string().as_bytes(),
        &Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("rien n’a été modifié"), "{error}");
    assert!(
        error.contains(&format!("révisions de « {doc_id} »")),
        "{error}"
    );
    assert_eq!(fourth.counts().unwrap().experts, 0);
}

#[test]
fn a_colleagues_session_waits_for_its_event_and_says_why() {
    let couch = TestCouch::start();
    let first = couch.fresh_database();
    let a = Laptop::new(&couch, &first, "alice");
    let seminar = a.with(|s| {
        let seminar = s
            .create_event(&event("SEM-2028", "2028-03-10", "2028-03-11"))
            .unwrap();
        s.create_session(
            &seminar.meta.id,
            &session("2028-03-10", "09:00", "10:30", "Ouverture"),
        )
        .unwrap();
        seminar
    });
    a.sync();
    let dump = couch.colleague(&first, serde_json::json!([{"op": "pull"}, {"op": "dump"}]));
    let rows = dump[0]["rows"].as_array().unwrap().clone();
    let doc_of = |prefix: &str| {
        let mut doc = rows
            .iter()
            .find(|row| row["id"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} on the server"))["doc"]
            .clone();
        doc.as_object_mut().unwrap().remove("_rev");
        doc
    };
    let session_doc = doc_of("session:");
    let event_doc = doc_of(&format!("event:{}", seminar.meta.id));

    // Another team's server receives the session first, from a colleague's own software.
    let second = couch.fresh_database();
    couch.colleague(
        &second,
        serde_json::json!([{"op": "put", "doc": session_doc}, {"op": "push"}]),
    );
    let b = Laptop::new(&couch, &second, "bruno");
    b.sync();
    let waiting = b.with(|s| s.sync_waiting().unwrap());
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0].entity_label, "Séquence");
    assert_eq!(waiting[0].label, "Ouverture (10/03/2028 09:00)");
    assert!(
        waiting[0].reason.contains("n’est pas encore arrivé"),
        "{}",
        waiting[0].reason
    );
    assert_eq!(b.with(|s| s.sync_status().unwrap()).waiting_links, 1);

    // The event arrives: the session is written at the next sync.
    couch.colleague(
        &second,
        serde_json::json!([{"op": "put", "doc": event_doc}, {"op": "push"}]),
    );
    b.sync();
    assert_eq!(b.with(|s| s.sync_waiting().unwrap()), Vec::new());
    let agenda = b.with(|s| s.event_agenda(&seminar.meta.id).unwrap());
    assert_eq!(
        agenda.days.iter().map(|d| d.sessions.len()).sum::<usize>(),
        1
    );
}
