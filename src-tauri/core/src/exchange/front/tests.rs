//! The front's tests: each export and import on a real database file.

use chrono::TimeZone;

use super::*;

/// A database file in a temporary folder, with the example event (3 days, its experts).
fn demo_store() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_reference(&dir.path().join("front.db")).unwrap();
    let event_id = crate::demo::add_demo(&mut store).unwrap();
    (dir, store, event_id)
}

fn empty_store(dir: &tempfile::TempDir) -> Store {
    Store::open_with_reference(&dir.path().join("other.db")).unwrap()
}

/// 1 December 2026, before the example event (March 2027): it is "upcoming".
fn scope(event_ids: Vec<String>) -> ExportScope {
    ExportScope {
        event_ids,
        expert_ids: Vec::new(),
        now: Local.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap(),
    }
}

#[test]
fn every_format_writes_its_file_with_a_dated_name() {
    let (_dir, mut store, event_id) = demo_store();
    let expected: [(ExportFormat, &str, &[u8]); 7] = [
        (
            ExportFormat::ExpertsCsv,
            "Experts 2026-12-01.csv",
            b"\xEF\xBB\xBFNom;",
        ),
        (
            ExportFormat::ProfessionsCsv,
            "Métiers 2026-12-01.csv",
            b"\xEF\xBB\xBF",
        ),
        (
            ExportFormat::EventsIcs,
            "Événements 2026-12-01.ics",
            b"BEGIN:VCALENDAR\r\n",
        ),
        (
            ExportFormat::AgendaCsv,
            "Agenda 2026-12-01.csv",
            b"\xEF\xBB\xBF",
        ),
        (
            ExportFormat::Vcard,
            "Experts 2026-12-01.vcf",
            b"BEGIN:VCARD\r\nVERSION:4.0\r\n",
        ),
        (ExportFormat::Json, "Passerelle 2026-12-01.json", b"{"),
        (
            ExportFormat::ResourcesCsv,
            "Ressources 2026-12-01.csv",
            "\u{feff}Titre;Type;Auteurs;".as_bytes(),
        ),
    ];
    for (format, file_name, start) in expected {
        let file = export(&mut store, format, &scope(vec![event_id.clone()])).unwrap();
        assert_eq!(file.file_name, file_name);
        assert!(file.bytes.starts_with(start), "{format:?}");
        assert_eq!(file.file_type, format.file_type());
    }
}

#[test]
fn an_ics_export_without_events_takes_the_upcoming_ones() {
    let (_dir, mut store, _) = demo_store();
    let file = export(&mut store, ExportFormat::EventsIcs, &scope(Vec::new())).unwrap();
    let calendar = String::from_utf8(file.bytes).unwrap();
    assert!(calendar.contains("EXEMPLE-VE-2027"), "{calendar}");

    let mut later = scope(Vec::new());
    later.now = Local.with_ymd_and_hms(2027, 6, 1, 10, 0, 0).unwrap();
    let file = export(&mut store, ExportFormat::EventsIcs, &later).unwrap();
    let calendar = String::from_utf8(file.bytes).unwrap();
    assert!(!calendar.contains("BEGIN:VEVENT"), "{calendar}");
}

#[test]
fn the_agenda_is_refused_without_exactly_one_event() {
    let (_dir, mut store, event_id) = demo_store();
    for ids in [Vec::new(), vec![event_id.clone(), event_id]] {
        let error = export(&mut store, ExportFormat::AgendaCsv, &scope(ids)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "L'export de l'agenda porte sur un seul événement."
        );
    }
    assert!(ExportFormat::AgendaCsv.needs_one_event());
    assert!(ExportFormat::ALL
        .iter()
        .filter(|format| format.needs_one_event())
        .eq([
            &ExportFormat::AgendaCsv,
            &ExportFormat::ParticipantsCsv,
            &ExportFormat::AttendanceCsv
        ]));
}

#[test]
fn formats_have_distinct_names_on_each_side() {
    let from_interface: Vec<ExportFormat> = [
        "experts_csv",
        "professions_csv",
        "events_ics",
        "agenda_csv",
        "vcard",
        "json",
        "participants_csv",
        "attendance_csv",
        "resources_csv",
    ]
    .iter()
    .map(|name| serde_json::from_value(serde_json::json!(name)).unwrap())
    .collect();
    assert_eq!(from_interface, ExportFormat::ALL);
    let names: std::collections::HashSet<&str> =
        ExportFormat::ALL.iter().map(|f| f.command_name()).collect();
    assert_eq!(names.len(), ExportFormat::ALL.len());
}

#[test]
fn choices_are_read_from_the_json_the_interface_sends() {
    let csv: ImportChoices =
        serde_json::from_str(r#"{"onDuplicate":"skip","skipInvalid":true}"#).unwrap();
    assert_eq!(
        csv,
        ImportChoices::Csv(CsvImportChoices {
            on_duplicate: crate::exchange::DuplicatePolicy::Skip,
            skip_invalid: true,
        })
    );
    let json: ImportChoices = serde_json::from_str(r#"{"takeIncoming":["a","b"]}"#).unwrap();
    assert_eq!(
        json,
        ImportChoices::Json(JsonImportChoices {
            take_incoming: vec!["a".into(), "b".into()],
        })
    );
    let kind: ImportKind = serde_json::from_str(r#""professions""#).unwrap();
    assert_eq!(kind, ImportKind::Professions);
}

#[test]
fn a_csv_file_is_previewed_then_applied_with_the_choices() {
    let (dir, mut source, _) = demo_store();
    let experts = source.counts().unwrap().experts as usize;
    let file = export(&mut source, ExportFormat::ExpertsCsv, &scope(Vec::new())).unwrap();

    let mut target = empty_store(&dir);
    let preview = preview(&target, ImportKind::Experts, &file.bytes).unwrap();
    let (csv, json) = preview.into_parts();
    assert!(json.is_none());
    assert_eq!(csv.unwrap().new, experts);
    assert_eq!(
        target.counts().unwrap().experts,
        0,
        "a preview writes nothing"
    );

    let choices: ImportChoices =
        serde_json::from_str(r#"{"onDuplicate":"update","skipInvalid":false}"#).unwrap();
    let summary = apply(&mut target, ImportKind::Experts, &file.bytes, &choices).unwrap();
    let ImportSummary::Csv(summary) = summary else {
        panic!("a CSV import gives a CSV summary");
    };
    assert_eq!(summary.created, experts);
    assert_eq!(target.counts().unwrap().experts as usize, experts);
}

#[test]
fn choices_of_the_other_kind_of_file_change_nothing() {
    let (dir, mut source, _) = demo_store();
    let file = export(&mut source, ExportFormat::ExpertsCsv, &scope(Vec::new())).unwrap();
    let mut target = empty_store(&dir);
    let json_choices = ImportChoices::Json(JsonImportChoices::default());
    let error = apply(&mut target, ImportKind::Experts, &file.bytes, &json_choices).unwrap_err();
    assert_eq!(error.kind(), "invalidFile");
    assert_eq!(target.counts().unwrap().experts, 0);
}

#[test]
fn the_exchange_file_merged_then_exported_again_is_byte_identical() {
    let (dir, mut source, _) = demo_store();
    let first = export(&mut source, ExportFormat::Json, &scope(Vec::new())).unwrap();
    let mut target = empty_store(&dir);
    let (csv, json) = preview(&target, ImportKind::Json, &first.bytes)
        .unwrap()
        .into_parts();
    assert!(csv.is_none());
    assert!(json.unwrap().conflicts.is_empty());
    let choices: ImportChoices = serde_json::from_str(r#"{"takeIncoming":[]}"#).unwrap();
    let summary = apply(&mut target, ImportKind::Json, &first.bytes, &choices).unwrap();
    assert!(
        matches!(summary, ImportSummary::Json(ref s) if s.added > 0),
        "{summary:?}"
    );
    let again = export(&mut target, ExportFormat::Json, &scope(Vec::new())).unwrap();
    assert_eq!(first.bytes, again.bytes);
}

#[test]
fn a_file_that_cannot_be_read_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.csv");
    assert_eq!(
        ImportKind::Experts.read_file(&missing).unwrap_err().kind(),
        "io"
    );
    let present = dir.path().join("present.json");
    std::fs::write(&present, b"{}").unwrap();
    assert_eq!(ImportKind::Json.read_file(&present).unwrap(), b"{}");
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let error = ImportKind::Experts.read_file(&folder).unwrap_err();
    assert!(error.to_string().contains("folder.csv"), "{error}");
}
