//! The commands through Tauri's mock runtime: the same invoke path the window uses (IPC,
//! argument names in camelCase, errors serialised as `{kind, message, fields}`), without a display.

use passerelle_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

struct App {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let app = passerelle_app::app_builder(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState::open(&dir.path().join("passerelle.db")));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _dir: dir,
        _app: app,
        window,
    }
}

fn origin() -> &'static str {
    if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    }
}

/// Invokes a command as the interface does; `Ok(value)` or `Err(error object)`.
fn invoke(app: &App, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin().parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn reference_data_is_listed_on_first_start() {
    let app = app();
    let info = invoke(&app, "app_info", json!({})).unwrap();
    assert_eq!(info["counts"]["organisations"], 42);
    assert_eq!(info["counts"]["themes"], 17);
    let organisations = invoke(&app, "list_organisations", json!({})).unwrap();
    assert!(organisations
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["acronym"] == "MOT"));
    let codes = invoke(&app, "list_codes", json!({})).unwrap();
    assert!(codes["languageLevels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["code"] == "C1"));
}

#[test]
fn an_expert_is_created_found_edited_and_a_stale_edit_is_refused() {
    let app = app();
    let input = json!({
        "firstName": "Hélène", "lastName": "Schäfer", "email": "helene@eurodistrict.eu", "country": "DE",
        "languages": [{"language": "de", "level": "native"}, {"language": "fr", "level": "C1"}]
    });
    let created = invoke(&app, "create_expert", json!({"input": input})).unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["version"], 1);

    let page = invoke(
        &app,
        "search_experts",
        json!({"filter": {"query": "helene", "language": "fr", "minLevel": "B2"}}),
    )
    .unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["languages"], "de:native, fr:C1");

    let mut edit = input.clone();
    edit["city"] = json!("Kehl");
    let saved = invoke(
        &app,
        "update_expert",
        json!({"id": id, "version": 1, "input": edit}),
    )
    .unwrap();
    assert_eq!(saved["version"], 2);
    let error = invoke(
        &app,
        "update_expert",
        json!({"id": id, "version": 1, "input": input}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "conflict");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("modifié entre-temps"));
    assert_eq!(
        invoke(&app, "get_expert", json!({"id": id})).unwrap()["city"],
        "Kehl"
    );
}

#[test]
fn invalid_input_returns_field_errors_in_french() {
    let app = app();
    let error = invoke(
        &app,
        "create_expert",
        json!({"input": {"firstName": "", "lastName": "Muller", "email": "muller@", "country": "Allemagne"}}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "validation");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["firstName", "email", "country"]);
    assert!(error["fields"][1]["message"]
        .as_str()
        .unwrap()
        .starts_with("Adresse e-mail invalide"));
    let page = invoke(&app, "search_experts", json!({"filter": {}})).unwrap();
    assert_eq!(page["total"], 0, "nothing was written");
}

#[test]
fn the_example_event_has_an_agenda_and_its_speaker_cannot_be_deleted() {
    let app = app();
    let event_id = invoke(&app, "add_demo", json!({})).unwrap();
    let sessions = invoke(&app, "list_sessions", json!({"eventId": event_id})).unwrap();
    let sessions = sessions.as_array().unwrap();
    assert!(sessions.len() >= 10);
    let speaker = sessions
        .iter()
        .find_map(|s| {
            s["speakers"]
                .as_array()
                .unwrap()
                .first()
                .map(|sp| sp["expertId"].clone())
        })
        .unwrap();
    let error = invoke(&app, "delete_expert", json!({"id": speaker})).unwrap_err();
    assert_eq!(error["kind"], "inUse");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("EXEMPLE-VE-2027"));

    let events = invoke(
        &app,
        "search_events",
        json!({"filter": {"query": "eurodistrict"}}),
    )
    .unwrap();
    assert_eq!(events["total"], 1);
    let hits = invoke(&app, "search_all", json!({"query": "strasbourg"})).unwrap();
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["entity"] == "event"));
}

#[test]
fn a_database_from_a_newer_version_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;")
        .unwrap();
    let app = passerelle_app::app_builder(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState::open(&path));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let wrapped = App {
        _dir: dir,
        _app: app,
        window,
    };
    let error = invoke(&wrapped, "list_organisations", json!({})).unwrap_err();
    assert_eq!(error["kind"], "databaseTooNew");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("version plus récente"));
}

#[test]
fn import_choices_in_the_interface_shapes_reach_the_core() {
    let app = app();
    // Both shapes the Échanges view sends are read; with no previewed file, nothing is applied.
    for choices in [
        json!({"onDuplicate": "skip", "skipInvalid": true}),
        json!({"takeIncoming": ["a-conflict-id"]}),
    ] {
        let error =
            invoke(&app, "apply_pending_import", json!({ "choices": choices })).unwrap_err();
        assert_eq!(error["kind"], "invalidFile", "{error}");
        assert!(error["message"]
            .as_str()
            .unwrap()
            .contains("Aucun fichier n'est en attente d'import"));
    }
}

#[test]
fn an_agenda_export_without_its_event_is_refused_before_asking_where_to_save() {
    let app = app();
    let error = invoke(&app, "export_data", json!({"format": "agenda_csv"})).unwrap_err();
    assert_eq!(error["kind"], "invalidFile");
    assert_eq!(
        error["message"],
        "L'export de l'agenda porte sur un seul événement."
    );
}

#[test]
fn the_window_and_the_command_line_open_the_same_database() {
    // The command line finds the app-data folder by the identifier, without Tauri.
    let config: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    assert_eq!(
        config["identifier"],
        passerelle_app::cli::database::APP_IDENTIFIER
    );
}

#[test]
fn a_request_is_recorded_with_its_history_and_prefills_an_event() {
    let app = app();
    let error = invoke(
        &app,
        "create_request",
        json!({"input": {"title": "", "receivedDate": "2026-01-05", "status": "received"}}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["fields"][0]["field"], "title");
    let created = invoke(
        &app,
        "create_request",
        json!({"input": {"title": "Accueil des frontaliers", "receivedDate": "2026-01-05",
            "status": "accepted", "format": "workshop", "languages": ["fr", "de"]}}),
    )
    .unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["history"][0]["status"], "accepted");
    assert!(!created["history"][0]["by"].as_str().unwrap().is_empty());

    let mut input = invoke(&app, "prefill_event_from_request", json!({"id": id})).unwrap();
    assert_eq!(input["kind"], "workshop");
    assert_eq!(input["requestId"], id.as_str());
    input["code"] = "FRONT-1".into();
    input["startDate"] = "2027-03-10".into();
    input["endDate"] = "2027-03-10".into();
    invoke(&app, "create_event", json!({ "input": input })).unwrap();
    let request = invoke(&app, "get_request", json!({"id": id})).unwrap();
    assert_eq!(request["status"], "scheduled");
    let events = invoke(&app, "list_request_events", json!({"id": id})).unwrap();
    assert_eq!(events[0]["code"], "FRONT-1");
    let counts = invoke(&app, "request_counts", json!({})).unwrap();
    assert!(counts["openByStatus"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["status"] == "scheduled" && c["count"] == 1));
}
