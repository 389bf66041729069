//! The CouchDB replication client against a real CouchDB-protocol server on 127.0.0.1 (started
//! and stopped here, see `common/couch.rs`): the round trips a replicator depends on, and a
//! PouchDB replica syncing with the same server. The failures: `sync_remote_failures.rs`.

mod common;

use std::collections::BTreeMap;

use base64::Engine;
use common::couch::{doc, http_get_root, remote_on, rev, TestCouch};
use serde_json::{json, Value};

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

#[tokio::test]
async fn two_branches_are_both_listed_and_the_winner_is_couchdbs() {
    let couch = TestCouch::start();
    let (remote, database) = remote_on(&couch).await;
    let root = rev(1, "a");
    let mine = vec![rev(2, "b"), root.clone()];
    let theirs = vec![rev(2, "c"), root.clone()];
    // A longer branch that ends in a deletion: deleted leaves never win.
    let deleted = vec![rev(3, "e"), rev(2, "d"), root.clone()];
    remote
        .bulk_docs(&[
            doc("event:1", &mine, json!({ "title": "Mine" }), false),
            doc("event:1", &theirs, json!({ "title": "Theirs" }), false),
            doc("event:1", &deleted, json!({}), true),
        ])
        .await
        .unwrap();

    let page = remote.changes("0", 100).await.unwrap();
    assert_eq!(page.results.len(), 1);
    let change = &page.results[0];
    assert_eq!(change.id, "event:1");
    assert!(!change.deleted);
    let mut leaves = change.revs.clone();
    leaves.sort();
    assert_eq!(leaves, vec![rev(2, "b"), rev(2, "c"), rev(3, "e")]);

    // CouchDB's rule: not deleted first, then the highest position, then the highest rev id.
    let winner = server_winner(&couch, &database, "event:1").await;
    assert_eq!(winner["_rev"], json!(rev(2, "c")));
    assert_eq!(winner["title"], json!("Theirs"));
    assert_eq!(winner["_conflicts"], json!([rev(2, "b")]));

    // Both live branches read back, each with its own history down to the common ancestor.
    let read = remote
        .get_revisions(&[
            ("event:1".into(), rev(2, "b")),
            ("event:1".into(), rev(2, "c")),
        ])
        .await
        .unwrap();
    let by_rev: BTreeMap<_, _> = read.iter().map(|r| (r.rev.clone(), r)).collect();
    assert_eq!(by_rev[&rev(2, "b")].ancestry, mine);
    assert_eq!(by_rev[&rev(2, "b")].body["title"], json!("Mine"));
    assert_eq!(by_rev[&rev(2, "c")].ancestry, theirs);
}

#[tokio::test]
async fn revisions_are_read_one_document_at_a_time_where_bulk_get_is_missing() {
    let couch = TestCouch::start_local_without_bulk_get();
    let (remote, _) = remote_on(&couch).await;
    let mine = vec![rev(2, "b"), rev(1, "a")];
    let theirs = vec![rev(2, "c"), rev(1, "a")];
    let mut with_file = doc("resource:1", &mine, json!({ "title": "Mine" }), false);
    with_file["_attachments"] =
        json!({ "a.bin": { "content_type": "application/octet-stream", "data": "AAEC/w==" } });
    remote
        .bulk_docs(&[
            with_file,
            doc("resource:1", &theirs, json!({ "title": "Theirs" }), false),
            doc(
                "resource:2",
                &[rev(1, "d")],
                json!({ "title": "Other" }),
                false,
            ),
        ])
        .await
        .unwrap();
    let read = remote
        .get_revisions(&[
            ("resource:1".into(), rev(2, "b")),
            ("resource:1".into(), rev(2, "c")),
            ("resource:2".into(), rev(1, "d")),
            // Never on the server: left out, not an error.
            ("resource:2".into(), rev(7, "e")),
            ("resource:3".into(), rev(1, "f")),
        ])
        .await
        .unwrap();
    let by_rev: BTreeMap<_, _> = read.iter().map(|r| (r.rev.clone(), r)).collect();
    assert_eq!(by_rev.len(), 3, "{read:?}");
    assert_eq!(by_rev[&rev(2, "b")].ancestry, mine);
    assert_eq!(
        by_rev[&rev(2, "b")].attachments["a.bin"],
        vec![0, 1, 2, 255]
    );
    assert_eq!(by_rev[&rev(2, "c")].body["title"], json!("Theirs"));
    assert_eq!(by_rev[&rev(1, "d")].id, "resource:2");
}

#[tokio::test]
async fn a_revision_the_server_does_not_have_is_left_out() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    remote
        .bulk_docs(&[doc("a", &[rev(1, "a")], json!({}), false)])
        .await
        .unwrap();
    let read = remote
        .get_revisions(&[
            ("a".into(), rev(1, "a")),
            ("a".into(), rev(2, "z")),
            ("nowhere".into(), rev(1, "b")),
        ])
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].rev, rev(1, "a"));
}

#[tokio::test]
async fn a_deletion_replicates_as_a_tombstone() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    let first = vec![rev(1, "a")];
    remote
        .bulk_docs(&[doc(
            "expert:9",
            &first,
            json!({ "lastName": "Durand" }),
            false,
        )])
        .await
        .unwrap();
    let before = remote.changes("0", 100).await.unwrap();
    assert!(!before.results[0].deleted);

    let tombstone = vec![rev(2, "f"), rev(1, "a")];
    remote
        .bulk_docs(&[doc("expert:9", &tombstone, json!({}), true)])
        .await
        .unwrap();
    let page = remote.changes(&before.last_seq, 100).await.unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.results[0].id, "expert:9");
    assert!(page.results[0].deleted);
    assert_eq!(page.results[0].revs, vec![rev(2, "f")]);

    let read = remote
        .get_revisions(&[("expert:9".into(), rev(2, "f"))])
        .await
        .unwrap();
    assert!(read[0].deleted);
    assert_eq!(read[0].ancestry, tombstone);
    assert!(read[0].body.is_empty());
}

#[tokio::test]
async fn revs_diff_lists_exactly_the_missing_revisions() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    remote
        .bulk_docs(&[
            doc("a", &[rev(2, "b"), rev(1, "a")], json!({}), false),
            doc("b", &[rev(1, "c")], json!({}), false),
        ])
        .await
        .unwrap();
    let asked = BTreeMap::from([
        ("a".to_string(), vec![rev(2, "b"), rev(3, "d")]),
        ("b".to_string(), vec![rev(1, "c")]),
        ("c".to_string(), vec![rev(1, "e"), rev(2, "f")]),
    ]);
    let missing = remote.revs_diff(&asked).await.unwrap();
    assert_eq!(
        missing,
        BTreeMap::from([
            ("a".to_string(), vec![rev(3, "d")]),
            ("c".to_string(), vec![rev(1, "e"), rev(2, "f")]),
        ])
    );
    // An ancestor known only by its id (from `_revisions`, no body): CouchDB counts it as
    // present, PouchDB Server as missing. A replicator must accept being asked for a revision
    // it only knows as history, and skip it.
    let ancestor = BTreeMap::from([("a".to_string(), vec![rev(1, "a")])]);
    let missing = remote.revs_diff(&ancestor).await.unwrap();
    if couch.is_external() {
        assert!(missing.is_empty(), "{missing:?}");
    } else {
        assert_eq!(missing, ancestor);
    }
    assert!(remote.revs_diff(&BTreeMap::new()).await.unwrap().is_empty());
}

/// Bytes that cover every value, in an order no compression flattens.
fn binary(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

#[tokio::test]
async fn attachments_round_trip_byte_for_byte() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    let big = binary(2 * 1024 * 1024);
    let small = "Note de cadrage – été 2026\n".as_bytes().to_vec();
    let base64 = base64::engine::general_purpose::STANDARD;
    let mut pushed = doc(
        "resource:1",
        &[rev(1, "a")],
        json!({ "title": "Guide" }),
        false,
    );
    pushed["_attachments"] = json!({
        "guide.pdf": { "content_type": "application/pdf", "data": base64.encode(&big) },
        "note é.txt": { "content_type": "text/plain", "data": base64.encode(&small) },
    });
    remote.bulk_docs(&[pushed]).await.unwrap();

    let read = remote
        .get_revisions(&[("resource:1".into(), rev(1, "a"))])
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].attachments.len(), 2);
    assert!(read[0].attachments["guide.pdf"] == big, "2 MB file changed");
    assert_eq!(read[0].attachments["note é.txt"], small);
    assert!(!read[0].body.contains_key("_attachments"));
}

#[tokio::test]
async fn a_local_checkpoint_is_written_twice_and_read_back() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    assert_eq!(remote.get_local("passerelle-laptop-1").await.unwrap(), None);
    remote
        .put_local("passerelle-laptop-1", json!({ "lastSeq": "12" }))
        .await
        .unwrap();
    remote
        .put_local("passerelle-laptop-1", json!({ "lastSeq": "57" }))
        .await
        .unwrap();
    let checkpoint = remote
        .get_local("passerelle-laptop-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(checkpoint["lastSeq"], json!("57"));
    // Checkpoints are not documents: they never appear in the changes.
    assert!(remote.changes("0", 10).await.unwrap().results.is_empty());
}

#[tokio::test]
async fn changes_paging_reaches_every_document_exactly_once() {
    let couch = TestCouch::start();
    let (remote, _) = remote_on(&couch).await;
    let docs: Vec<Value> = (0..57)
        .map(|i| {
            doc(
                &format!("expert:{i:03}"),
                &[rev(1, "a")],
                json!({ "n": i }),
                false,
            )
        })
        .collect();
    remote.bulk_docs(&docs[..30]).await.unwrap();
    remote.bulk_docs(&docs[30..]).await.unwrap();

    let mut seen = Vec::new();
    let mut since = "0".to_string();
    let mut pages = 0;
    loop {
        let page = remote.changes(&since, 10).await.unwrap();
        if page.results.is_empty() {
            break;
        }
        assert!(page.results.len() <= 10);
        seen.extend(page.results.iter().map(|c| c.id.clone()));
        since = page.last_seq;
        pages += 1;
        assert!(pages < 20, "paging does not end");
    }
    assert_eq!(pages, 6);
    let expected: Vec<String> = (0..57).map(|i| format!("expert:{i:03}")).collect();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "each document exactly once");
}

#[tokio::test]
async fn the_pouchdb_colleague_and_the_rust_client_see_each_others_documents() {
    let couch = TestCouch::start();
    let (remote, database) = remote_on(&couch).await;
    remote
        .bulk_docs(&[doc(
            "expert:rust",
            &[rev(1, "a")],
            json!({ "from": "passerelle" }),
            false,
        )])
        .await
        .unwrap();

    let dumps = couch.colleague(
        &database,
        json!([
            { "op": "sync" },
            { "op": "put", "doc": { "_id": "expert:pouch", "from": "pouchdb" } },
            { "op": "put", "doc": { "_id": "expert:rust", "from": "edited by pouchdb" } },
            { "op": "sync" },
            { "op": "dump" },
        ]),
    );
    let rows = dumps[0]["rows"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["expert:pouch", "expert:rust"]);

    let page = remote.changes("0", 100).await.unwrap();
    let leaves: BTreeMap<String, Vec<String>> = page
        .results
        .iter()
        .map(|c| (c.id.clone(), c.revs.clone()))
        .collect();
    assert_eq!(leaves.len(), 2);
    let edited = &leaves["expert:rust"];
    assert_eq!(edited.len(), 1);
    assert!(edited[0].starts_with("2-"), "{edited:?}");
    let wanted: Vec<(String, String)> = leaves
        .iter()
        .map(|(id, revs)| (id.clone(), revs[0].clone()))
        .collect();
    let read = remote.get_revisions(&wanted).await.unwrap();
    let by_id: BTreeMap<_, _> = read.iter().map(|r| (r.id.as_str(), r)).collect();
    assert_eq!(by_id["expert:pouch"].body["from"], json!("pouchdb"));
    assert_eq!(
        by_id["expert:rust"].body["from"],
        json!("edited by pouchdb")
    );
    assert_eq!(by_id["expert:rust"].ancestry[1], rev(1, "a"));

    // And back: a concurrent edit from Passerelle reaches PouchDB as a conflict.
    let ours = vec![rev(2, "f"), rev(1, "a")];
    remote
        .bulk_docs(&[doc(
            "expert:rust",
            &ours,
            json!({ "from": "passerelle again" }),
            false,
        )])
        .await
        .unwrap();
    let dumps = couch.colleague(&database, json!([{ "op": "sync" }, { "op": "dump" }]));
    let row = dumps[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "expert:rust")
        .unwrap()
        .clone();
    let winner = server_winner(&couch, &database, "expert:rust").await;
    assert_eq!(
        row["rev"], winner["_rev"],
        "PouchDB and the server pick the same winner"
    );
    let mut all = vec![row["rev"].as_str().unwrap().to_string()];
    all.extend(
        row["doc"]["_conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string()),
    );
    all.sort();
    let mut expected = vec![edited[0].clone(), rev(2, "f")];
    expected.sort();
    assert_eq!(all, expected);
}
