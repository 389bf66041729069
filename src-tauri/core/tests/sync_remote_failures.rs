//! The CouchDB client's failures as a user meets them, against a real server on 127.0.0.1:
//! settings refused before anything is sent, no server at all, a server stopped in the middle
//! of a sync and started again, a wrong password; and the password kept out of every log.

mod common;

use common::couch::{doc, remote_on, rev, TestCouch};
use passerelle_core::sync::{Remote, RemoteConfig, SyncError};
use serde_json::json;

fn refusal(server: &str, database: &str) -> (String, String) {
    let config = RemoteConfig {
        server: server.into(),
        database: database.into(),
        user: "marie".into(),
        password: "secret".into(),
    };
    match Remote::new(&config) {
        Err(SyncError::InvalidSetting { field, message }) => (field.to_string(), message),
        other => panic!("{server} / {database} accepted: {other:?}"),
    }
}

#[test]
fn invalid_settings_are_refused_naming_the_field() {
    let server = "Adresse du serveur";
    for address in [
        "",
        "couch.exemple.fr",
        "ftp://couch.exemple.fr",
        "http://couch.exemple.fr",
        "http://192.168.1.20:5984",
        "https://couch.exemple.fr/?db=x",
        "https://couch.exemple.fr/#x",
        "https://marie:secret@couch.exemple.fr",
    ] {
        assert_eq!(refusal(address, "annuaire").0, server, "{address}");
    }
    let (_, message) = refusal("http://couch.exemple.fr", "annuaire");
    assert!(message.contains("https://"), "{message}");
    for name in [
        "",
        "Annuaire",
        "1annuaire",
        "annuaire mot",
        "équipe",
        "_users",
    ] {
        assert_eq!(
            refusal("https://couch.exemple.fr", name).0,
            "Base",
            "{name}"
        );
    }
    for (address, name) in [
        ("https://couch.exemple.fr", "annuaire"),
        ("https://couch.exemple.fr:6984/couchdb/", "mot_equipe-2026"),
        ("http://localhost:5984", "cnfpt/grand-est"),
        ("http://127.0.0.1:5984", "a$()+-"),
        ("http://[::1]:5984", "annuaire"),
    ] {
        let config = RemoteConfig {
            server: address.into(),
            database: name.into(),
            user: String::new(),
            password: String::new(),
        };
        assert!(Remote::new(&config).is_ok(), "{address} / {name} refused");
    }
}

#[test]
fn the_password_never_shows_in_debug_output() {
    let config = RemoteConfig {
        server: "https://couch.exemple.fr".into(),
        database: "annuaire".into(),
        user: "marie".into(),
        password: "Tr3s-secret".into(),
    };
    let remote = Remote::new(&config).unwrap();
    for shown in [format!("{config:?}"), format!("{remote:?}")] {
        assert!(!shown.contains("Tr3s-secret"), "{shown}");
        assert!(shown.contains("marie"), "{shown}");
    }
}

#[tokio::test]
async fn a_closed_port_is_offline() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = RemoteConfig {
        server: format!("http://127.0.0.1:{port}"),
        database: "annuaire".into(),
        user: String::new(),
        password: String::new(),
    };
    let error = Remote::new(&config)
        .unwrap()
        .ensure_database()
        .await
        .unwrap_err();
    assert!(error.is_offline(), "{error:?}");
    assert!(matches!(error, SyncError::Unreachable { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("Le serveur http://127.0.0.1:{port} est injoignable : la synchronisation reprendra quand il répondra.")
    );
}

#[tokio::test]
async fn a_server_stopped_mid_way_is_unreachable_then_sync_resumes() {
    let mut couch = TestCouch::start_local();
    let (remote, _) = remote_on(&couch).await;
    remote
        .bulk_docs(&[doc("a", &[rev(1, "a")], json!({}), false)])
        .await
        .unwrap();
    couch.stop();
    let wanted = [("a".to_string(), rev(1, "a"))];
    let errors = [
        remote.changes("0", 10).await.unwrap_err(),
        remote.get_revisions(&wanted).await.unwrap_err(),
        remote
            .bulk_docs(&[doc("b", &[rev(1, "b")], json!({}), false)])
            .await
            .unwrap_err(),
        remote.put_local("x", json!({})).await.unwrap_err(),
    ];
    for error in errors {
        assert!(matches!(error, SyncError::Unreachable { .. }), "{error:?}");
    }

    // Back on the same address (empty: the test server keeps nothing): the same client goes on.
    couch.restart();
    remote.ensure_database().await.unwrap();
    remote
        .bulk_docs(&[doc("b", &[rev(1, "b")], json!({}), false)])
        .await
        .unwrap();
    assert_eq!(remote.changes("0", 10).await.unwrap().results.len(), 1);
}

#[tokio::test]
async fn a_wrong_password_is_refused_as_such() {
    let couch = TestCouch::start_local();
    // Ends the "admin party": the server now checks credentials.
    let admins = format!("{}/_config/admins/admin", couch.url());
    let created = reqwest::Client::new()
        .put(admins)
        .body("\"secret\"")
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success());
    let database = couch.fresh_database();
    let mut config = couch.config(&database);
    config.user = "admin".into();
    config.password = "secret".into();
    Remote::new(&config)
        .unwrap()
        .ensure_database()
        .await
        .unwrap();

    config.password = "wrong".into();
    let error = Remote::new(&config)
        .unwrap()
        .ensure_database()
        .await
        .unwrap_err();
    assert!(matches!(error, SyncError::Unauthorized), "{error:?}");
    assert!(!error.is_offline());
    assert_eq!(
        error.to_string(),
        "Le serveur a refusé l'identifiant ou le mot de passe."
    );
}
