//! The CouchDB replication client against a real CouchDB-protocol server on 127.0.0.1 (started
//! and stopped here, see `common/couch.rs`): the round trips a replicator depends on, and the
//! failures a user meets (bad settings, server down, server stopped mid-way).

mod common;

use std::collections::BTreeMap;

use base64::Engine;
use common::couch::{http_get_root, TestCouch};
use passerelle_core::sync::{Remote, RemoteConfig, SyncError};
use serde_json::{json, Value};

/// A revision id at `position` whose hash is `tag` repeated: readable and valid hex-like.
fn rev(position: u64, tag: &str) -> String {
    format!("{position}-{}", tag.repeat(32 / tag.len()))
}

/// A document as a replicator pushes it: `_revisions` from `history` (newest first).
fn doc(id: &str, history: &[String], body: Value, deleted: bool) -> Value {
    let start: u64 = history[0].split('-').next().unwrap().parse().unwrap();
    let ids: Vec<&str> = history
        .iter()
        .map(|r| r.split_once('-').unwrap().1)
        .collect();
    let mut doc = body.as_object().cloned().unwrap_or_default();
    doc.insert("_id".into(), json!(id));
    doc.insert("_rev".into(), json!(history[0]));
    doc.insert("_revisions".into(), json!({ "start": start, "ids": ids }));
    if deleted {
        doc.insert("_deleted".into(), json!(true));
    }
    Value::Object(doc)
}

async fn remote_on(couch: &TestCouch) -> (Remote, String) {
    let database = couch.fresh_database();
    let remote = Remote::new(&couch.config(&database)).expect("valid settings");
    remote.ensure_database().await.expect("database created");
    (remote, database)
}

/// The winning revision as the server itself reports it (`GET /db/id`).
async fn server_winner(couch: &TestCouch, database: &str, id: &str) -> Value {
    let url = format!("{}/{database}/{id}?conflicts=true", couch.url());
    let mut request = reqwest::Client::new().get(url);
    let config = couch.config(database);
    if !config.user.is_empty() {
        request = request.basic_auth(config.user, Some(config.password));
    }
    request.send().await.unwrap().json().await.unwrap()
}

#[test]
fn the_test_server_answers_stops_and_restarts_on_the_same_port() {
    let mut couch = TestCouch::start_local();
    let port = couch.port();
    assert_eq!(couch.url(), format!("http://127.0.0.1:{port}"));
    let answer = http_get_root(port).expect("GET / answers");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains("\"pouchdb-adapters\":[\"memory\"]"),
        "{answer}"
    );

    couch.stop();
    assert!(
        http_get_root(port).is_none(),
        "nothing listens once stopped"
    );
    couch.restart();
    assert_eq!(couch.port(), port);
    assert!(http_get_root(port).unwrap().starts_with("HTTP/1.1 200"));

    drop(couch);
    assert!(
        http_get_root(port).is_none(),
        "dropping the helper stops the server"
    );
}

#[tokio::test]
async fn a_revision_pushed_with_its_history_is_read_back_with_its_ancestry() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    let history = vec![rev(3, "c"), rev(2, "b"), rev(1, "a")];
    let body = json!({ "kind": "expert", "lastName": "Müller", "languages": ["de", "fr"] });
    remote
        .bulk_docs(&[doc("expert:1", &history, body.clone(), false)])
        .await
        .unwrap();

    let read = remote
        .get_revisions(&[("expert:1".into(), rev(3, "c"))])
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].id, "expert:1");
    assert_eq!(read[0].rev, rev(3, "c"));
    assert!(!read[0].deleted);
    assert_eq!(read[0].ancestry, history);
    assert_eq!(Value::Object(read[0].body.clone()), body);
    assert!(read[0].attachments.is_empty());

    // Pushing the same revision again changes nothing (a resumed push).
    remote
        .bulk_docs(&[doc("expert:1", &history, body, false)])
        .await
        .unwrap();
    let page = remote.changes("0", 100).await.unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.results[0].revs, vec![rev(3, "c")]);
}
