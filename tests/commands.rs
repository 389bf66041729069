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

/// An event of two days with capacity 2 and one training session each morning; its id.
fn small_event(app: &App, start: &str, end: &str) -> String {
    let input = json!({"code": format!("PART-{start}"), "title": "Accueil des frontaliers",
        "kind": "training_course", "status": "planned", "startDate": start, "endDate": end,
        "capacity": 2});
    let event = invoke(app, "create_event", json!({ "input": input })).unwrap();
    let id = event["id"].as_str().unwrap().to_string();
    for date in [start, end] {
        let session = json!({"date": date, "startTime": "09:00", "endTime": "12:00",
            "title": "Droit du travail frontalier", "kind": "talk"});
        invoke(
            app,
            "create_session",
            json!({"eventId": id, "input": session}),
        )
        .unwrap();
    }
    id
}

fn add(app: &App, event_id: &str, last: &str) -> Value {
    let email: String = last
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_lowercase();
    let input = json!({"firstName": "Anna", "lastName": last, "email": format!("{email}@kehl.de")});
    invoke(
        app,
        "add_participant",
        json!({"eventId": event_id, "input": input}),
    )
    .unwrap()
}

#[test]
fn a_participant_beyond_capacity_waits_and_a_cancellation_promotes_them() {
    let app = app();
    let codes = invoke(&app, "list_codes", json!({})).unwrap();
    assert!(codes["participantStatuses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["code"] == "waiting_list" && s["label"] == "Liste d'attente"));
    let event_id = small_event(&app, "2027-05-10", "2027-05-11");
    let first = add(&app, &event_id, "Schäfer");
    add(&app, &event_id, "Weber");
    let third = add(&app, &event_id, "Zimmermann");
    assert_eq!(third["waitingRank"], 1);
    assert_eq!(
        third["notice"],
        "Complet : ajouté en liste d'attente (rang 1)."
    );
    let card = invoke(&app, "list_participants", json!({"eventId": event_id})).unwrap();
    assert_eq!(
        (card["capacity"].clone(), card["taken"].clone()),
        (json!(2), json!(2))
    );
    let waiting: Vec<&Value> = card["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "waiting_list")
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["lastName"], "Zimmermann");

    let duplicate = invoke(
        &app,
        "add_participant",
        json!({"eventId": event_id, "input": {"lastName": "Autre", "email": "SCHFER@kehl.de"}}),
    )
    .unwrap_err();
    assert_eq!(duplicate["fields"][0]["field"], "email");

    let id = first["participant"]["id"].as_str().unwrap();
    let cancelled = invoke(&app, "cancel_participant", json!({"id": id, "version": 1})).unwrap();
    assert_eq!(cancelled["promoted"]["lastName"], "Zimmermann");
    assert!(cancelled["notice"]
        .as_str()
        .unwrap()
        .contains("Anna Zimmermann passe de la liste d'attente aux inscrits"));
}

#[test]
fn attendance_is_saved_whole_or_refused_naming_the_half_day() {
    let app = app();
    let event_id = small_event(&app, "2027-05-10", "2027-05-11");
    let id = add(&app, &event_id, "Schäfer")["participant"]["id"].clone();
    let grid = invoke(&app, "get_attendance", json!({"eventId": event_id})).unwrap();
    assert_eq!(
        grid["halfDays"],
        json!([{"date": "2027-05-10", "part": "am"}, {"date": "2027-05-11", "part": "am"}])
    );
    let mark = |date: &str, part: &str, mark: &str| json!({"participantId": id, "date": date, "part": part, "mark": mark});
    invoke(
        &app,
        "set_attendance",
        json!({"eventId": event_id, "entries": [mark("2027-05-10", "am", "present"), mark("2027-05-11", "am", "excused")]}),
    )
    .unwrap();
    // An afternoon without training refuses the whole grid: the morning stays as it was.
    let error = invoke(
        &app,
        "set_attendance",
        json!({"eventId": event_id, "entries": [mark("2027-05-10", "am", "absent"), mark("2027-05-10", "pm", "present")]}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["fields"][0]["field"], "attendance.1");
    assert!(error["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Rien n'a été enregistré"));
    let grid = invoke(&app, "get_attendance", json!({"eventId": event_id})).unwrap();
    let marks: Vec<&str> = grid["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mark"].as_str().unwrap())
        .collect();
    assert_eq!(marks, vec!["present", "excused"]);
}

#[test]
fn participants_of_an_old_event_are_anonymised_and_their_attendance_kept() {
    let app = app();
    let event_id = small_event(&app, "2020-03-02", "2020-03-03");
    let id = add(&app, &event_id, "Schäfer")["participant"]["id"].clone();
    let entry = json!({"participantId": id, "date": "2020-03-02", "part": "am", "mark": "present"});
    invoke(
        &app,
        "set_attendance",
        json!({"eventId": event_id, "entries": [entry]}),
    )
    .unwrap();
    let refused = invoke(&app, "set_retention_years", json!({"years": 0})).unwrap_err();
    assert_eq!(refused["fields"][0]["field"], "retentionYears");
    invoke(&app, "set_retention_years", json!({"years": 2})).unwrap();
    let gdpr = invoke(&app, "gdpr_overview", json!({})).unwrap();
    assert_eq!(gdpr["retentionYears"], 2);
    assert_eq!(gdpr["events"][0]["eventId"], event_id.as_str());
    assert_eq!(gdpr["events"][0]["participants"], 1);

    let count = invoke(
        &app,
        "anonymise_participants",
        json!({"eventIds": [event_id]}),
    )
    .unwrap();
    assert_eq!(count, 1);
    let card = invoke(&app, "list_participants", json!({"eventId": event_id})).unwrap();
    let person = &card["participants"][0];
    assert_eq!(
        (person["lastName"].clone(), person["anonymised"].clone()),
        (json!(""), json!(true))
    );
    assert_eq!(card["taken"], 1, "the counts are kept");
    let grid = invoke(&app, "get_attendance", json!({"eventId": event_id})).unwrap();
    assert_eq!(
        grid["entries"][0]["mark"], "present",
        "the attendance is kept"
    );
    let gdpr = invoke(&app, "gdpr_overview", json!({})).unwrap();
    assert_eq!(gdpr["events"], json!([]));
}

#[test]
fn applying_a_participants_import_without_a_preview_changes_nothing() {
    let app = app();
    let event_id = small_event(&app, "2027-05-10", "2027-05-11");
    let error = invoke(
        &app,
        "apply_participants_import",
        json!({"eventId": event_id, "choices": {"onDuplicate": "update", "skipInvalid": false}}),
    )
    .unwrap_err();
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("Rien n'a été importé"));
    let card = invoke(&app, "list_participants", json!({"eventId": event_id})).unwrap();
    assert_eq!(card["participants"], json!([]));
}

#[test]
fn files_dropped_on_a_resource_are_attached_found_by_their_text_and_refused_ones_named() {
    let app = app();
    let input = json!({"title": "Guide du détachement", "kind": "guide", "status": "published", "reviewDate": "2020-01-01"});
    let resource = invoke(&app, "create_resource", json!({"input": input})).unwrap();
    let id = resource["id"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("compte-rendu.txt");
    std::fs::write(
        &text,
        "Réunion sur la mobilité transfrontalière des agents.",
    )
    .unwrap();
    let fake = dir.path().join("faux.pdf");
    std::fs::write(&fake, b"MZ\x90\x00 not a PDF").unwrap();
    let paths = json!([text.display().to_string(), fake.display().to_string()]);
    let outcome = invoke(
        &app,
        "attach_resource_files",
        json!({"resourceId": id, "paths": paths}),
    )
    .unwrap();
    assert_eq!(outcome["attached"][0]["name"], "compte-rendu.txt");
    assert_eq!(outcome["attached"].as_array().unwrap().len(), 1);
    assert_eq!(outcome["refused"][0]["name"], "faux.pdf");
    assert!(outcome["refused"][0]["message"]
        .as_str()
        .unwrap()
        .contains("faux.pdf"));

    let page = invoke(
        &app,
        "list_resources",
        json!({"filter": {"query": "mobilite"}}),
    )
    .unwrap();
    assert_eq!(page["total"], 1);
    assert!(page["items"][0]["excerpt"].as_str().unwrap().contains('['));
    let due = invoke(&app, "reviews_due", json!({})).unwrap();
    assert_eq!(due[0]["id"], id.as_str());
    assert_eq!(due[0]["entity"], "resource");

    let file_id = outcome["attached"][0]["id"].as_str().unwrap();
    invoke(
        &app,
        "remove_resource_file",
        json!({"resourceId": id, "fileId": file_id}),
    )
    .unwrap();
    let resource = invoke(&app, "get_resource", json!({"id": id})).unwrap();
    assert_eq!(resource["files"], json!([]));
    let gone = invoke(
        &app,
        "attach_resource_files",
        json!({"resourceId": "absente", "paths": [text.display().to_string()]}),
    )
    .unwrap_err();
    assert_eq!(gone["kind"], "notFound");
}
#[test]
fn a_legal_note_without_the_identifier_of_its_basis_is_refused_naming_the_row() {
    let app = app();
    let mut input = json!({
        "question": "Un agent territorial peut-il être mis à disposition d'un GECT ?",
        "shortAnswer": "Oui, par convention.", "upToDate": "2026-11-15",
        "bases": [{"kind": "law", "identifier": "", "article": "", "date": "", "url": ""}]
    });
    let error = invoke(&app, "create_legal_note", json!({"input": input})).unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["fields"][0]["field"], "bases.0.identifier");
    input["bases"][0]["identifier"] = json!("Code général de la fonction publique");
    let note = invoke(&app, "create_legal_note", json!({"input": input})).unwrap();
    let page = invoke(
        &app,
        "list_legal_notes",
        json!({"filter": {"query": "GECT"}}),
    )
    .unwrap();
    assert_eq!(page["items"][0]["id"], note["id"]);
}

#[test]
fn sharing_settings_are_refused_naming_each_field_and_nothing_is_kept() {
    let app = app();
    let error = invoke(
        &app,
        "save_sync_settings",
        json!({"settings": {"server": "http://partage.mot.example", "database": "Annuaire MOT", "user": "claire:mot"}, "password": "x"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "validation");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["server", "database", "user"]);
    let messages = error["fields"].to_string();
    for name in ["Adresse du serveur", "Base", "Identifiant", "https://"] {
        assert!(messages.contains(name), "{messages}");
    }
    assert_eq!(
        invoke(&app, "get_sync_settings", json!({})).unwrap(),
        Value::Null
    );
    assert_eq!(
        invoke(&app, "sync_status", json!({})).unwrap()["configured"],
        false
    );
}

#[test]
fn the_sharing_password_never_reaches_the_database_file() {
    let app = app();
    let secret = "Pa55-Partage-du-MOT-7731";
    let settings =
        json!({"server": "http://127.0.0.1:9/", "database": "mot_annuaire", "user": "claire"});
    let saved = invoke(
        &app,
        "save_sync_settings",
        json!({"settings": settings, "password": secret}),
    )
    .unwrap();
    // Where no keychain answers (this test's machine may have none), the notice says the
    // password is kept for this session only; it never repeats the password.
    assert!(!saved.to_string().contains(secret));
    let kept = invoke(&app, "get_sync_settings", json!({})).unwrap();
    assert_eq!(kept["server"], "http://127.0.0.1:9");
    assert_eq!(kept["database"], "mot_annuaire");
    assert_eq!(kept["user"], "claire");
    assert!(!kept.to_string().contains(secret));
    let status = invoke(&app, "sync_status", json!({})).unwrap();
    assert_eq!(status["configured"], true);
    assert!(!status.to_string().contains(secret));
    for entry in std::fs::read_dir(app._dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
            assert!(!found, "password in {}", path.display());
        }
    }
    invoke(&app, "forget_sync_settings", json!({})).unwrap();
    assert_eq!(
        invoke(&app, "get_sync_settings", json!({})).unwrap(),
        Value::Null
    );
}
