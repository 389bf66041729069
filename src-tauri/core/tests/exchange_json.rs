//! The JSON exchange file on real database files: a round trip through an empty database gives
//! the same bytes, two colleagues' databases merge as a user expects (added, changed on one
//! side, conflicts resolved either way, nothing deleted, reference records matched by key), and
//! bad files are refused with a French message naming the record, changing nothing — including
//! under fuzzing.

mod common;

use std::path::Path;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices, JsonImportSummary};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/json")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn keep_all() -> JsonImportChoices {
    JsonImportChoices::default()
}

fn take(ids: &[&str]) -> JsonImportChoices {
    JsonImportChoices {
        take_incoming: ids.iter().map(|s| s.to_string()).collect(),
    }
}

fn message(error: CoreError) -> String {
    assert_eq!(error.kind(), "invalidFile", "{error}");
    error.to_string()
}

/// A database with the reference data, the example event, and records of every kind a user
/// makes: an expert linked to everything, a profession with competences and observations, an
/// edited reference organisation, a user-made theme.
fn populated(path: &Path) -> Store {
    let mut store = Store::open_with_reference(path).unwrap();
    passerelle_core::demo::add_demo(&mut store).unwrap();
    let mobility = theme_id(&store, "Transport");
    let own_theme = store
        .create_theme(&ThemeInput {
            label: "Ports fluviaux".into(),
            label_en: "Inland ports".into(),
        })
        .unwrap();
    let territory = store.list_territories().unwrap()[3].meta.id.clone();
    let mot = store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap();
    let mut edited = mot.data.clone();
    edited.phone = "+33 1 55 80 56 80".into();
    store
        .update_organisation(&mot.meta.id, mot.meta.version, &edited)
        .unwrap();
    let profession = store.list_professions().unwrap()[5].clone();
    let profession = store
        .add_competence(
            &profession.meta.id,
            &CompetenceInput {
                label: "Montage de projets Interreg".into(),
                description: "Du besoin local au dossier".into(),
            },
        )
        .unwrap();
    store
        .add_observation(
            &profession.competences[0].meta.id,
            &ObservationInput {
                year: 2025,
                trend: "growing".into(),
                level: "maîtrise".into(),
                source: "Observatoire".into(),
                notes: String::new(),
            },
        )
        .unwrap();
    let mut input = expert("Hélène", "Schäfer");
    input.organisation_id = Some(mot.meta.id.clone());
    input.theme_ids = vec![own_theme.meta.id.clone(), mobility];
    input.territory_ids = vec![territory];
    input.profession_ids = vec![profession.meta.id.clone()];
    input.bio_fr = "Juriste ; « coopération », virgules, et\nretours à la ligne.".into();
    input.languages.push(LanguageSkill {
        language: "de".into(),
        level: "C1".into(),
    });
    store.create_expert(&input).unwrap();
    store
}

fn find_expert(store: &Store, last_name: &str) -> Expert {
    let page = store
        .search_experts(&ExpertFilter {
            query: last_name.into(),
            limit: Some(10),
            ..Default::default()
        })
        .unwrap();
    let summary = page
        .items
        .into_iter()
        .find(|e| e.last_name == last_name)
        .unwrap_or_else(|| panic!("expert {last_name}"));
    store.get_expert(&summary.id).unwrap()
}

fn edit_expert(store: &mut Store, last_name: &str, change: impl FnOnce(&mut ExpertInput)) {
    let expert = find_expert(store, last_name);
    let mut input = expert.data.clone();
    change(&mut input);
    store
        .update_expert(&expert.meta.id, expert.meta.version, &input)
        .unwrap();
}

/// Two colleagues who exchanged once: B imported A's file into a fresh database.
struct Pair {
    _dir: tempfile::TempDir,
    a: Store,
    b: Store,
}

fn pair() -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let file = json::export(&mut a).unwrap();
    json::apply(&mut b, &file, &keep_all()).unwrap();
    Pair { _dir: dir, a, b }
}

#[test]
fn export_import_into_an_empty_database_and_export_again_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let first = json::export(&mut a).unwrap();
    let text = std::str::from_utf8(&first).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"passerelle-echange\",\n  \"formatVersion\": 1,"));
    assert!(text.ends_with("}\n"));
    assert_eq!(
        json::export(&mut a).unwrap(),
        first,
        "export is deterministic"
    );

    // A database without anything, not even the reference data.
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let preview = json::preview(&empty, &first).unwrap();
    assert_eq!(preview.format_version, 1);
    assert!(preview.conflicts.is_empty());
    assert_eq!(preview.updated + preview.unchanged + preview.kept_local, 0);
    let summary = json::apply(&mut empty, &first, &keep_all()).unwrap();
    assert_eq!(summary.added, preview.added);
    assert_eq!(empty.counts().unwrap(), a.counts().unwrap());
    assert_eq!(json::export(&mut empty).unwrap(), first);

    // A fresh database with its own reference data: the same ids, derived from their keys.
    let mut fresh = Store::open_with_reference(&dir.path().join("fresh.db")).unwrap();
    let before: Vec<String> = fresh
        .list_themes()
        .unwrap()
        .into_iter()
        .map(|t| t.meta.id)
        .collect();
    let preview = json::preview(&fresh, &first).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    assert_eq!(preview.updated, 1, "the edited MOT organisation is taken");
    json::apply(&mut fresh, &first, &keep_all()).unwrap();
    assert_eq!(fresh.counts().unwrap(), a.counts().unwrap());
    assert_eq!(json::export(&mut fresh).unwrap(), first);
    let after: Vec<String> = fresh
        .list_themes()
        .unwrap()
        .into_iter()
        .map(|t| t.meta.id)
        .collect();
    assert!(
        before.iter().all(|id| after.contains(id)),
        "the shipped records already had A's ids: none was re-keyed"
    );

    // The same file as an older release wrote it, its reference records under other ids:
    // mapped onto ours, it makes the same database.
    let mut other = Store::open_with_reference(&dir.path().join("other.db")).unwrap();
    let older = with_older_reference_ids(&first);
    assert_ne!(older, first);
    json::apply(&mut other, &older, &keep_all()).unwrap();
    assert_eq!(json::export(&mut other).unwrap(), first);

    // Importing the same file again changes nothing.
    let summary = json::apply(&mut fresh, &first, &keep_all()).unwrap();
    assert_eq!(summary.added + summary.updated + summary.kept_local, 0);
    assert_eq!(
        summary.conflicts_kept_local + summary.conflicts_taken_from_file,
        0
    );
    assert_eq!(json::export(&mut fresh).unwrap(), first);
    assert_eq!(fresh.integrity_check().unwrap(), "ok");
}

/// `fixtures/json/golden_v1.json` was written by Passerelle (format version 1) from a database
/// with every kind of record and link: reference records with their keys, an edited one, a
/// family and a programme, ordered and unordered links, competences with observations, an
/// event with organisers and sessions with speakers; the shipped reference records under the
/// ids derived from their keys, those never edited with the time of shipped data (regenerated,
/// by an import and an export, when reference ids became shared: the file as it was is
/// `golden_v1_older_ids.json`, which must still import). Read into an empty database and written
/// out again, it must come back byte for byte: a change of the file's shape (a key renamed,
/// added or moved, another order or indentation) would make files of other versions differ or
/// be refused, and must be a new format version instead.
#[test]
fn a_file_of_this_format_version_is_written_back_byte_for_byte() {
    let golden = fixture("golden_v1.json");
    let dir = tempfile::tempdir().unwrap();
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let summary = json::apply(&mut empty, &golden, &keep_all()).unwrap();
    assert_eq!(summary.added, 23);
    let written = json::export(&mut empty).unwrap();
    assert!(
        written == golden,
        "the exchange file changed shape; first difference at byte {}",
        written
            .iter()
            .zip(&golden)
            .position(|(a, b)| a != b)
            .unwrap_or(written.len().min(golden.len()))
    );
}

#[test]
fn imported_records_are_complete_and_searchable() {
    let pair = pair();
    let (a, b) = (&pair.a, &pair.b);
    let theirs = find_expert(a, "Schäfer");
    let ours = find_expert(b, "Schäfer");
    assert_eq!(ours, theirs, "same id, links, languages and times");
    assert_eq!(
        ours.organisation_name.as_deref(),
        Some("Mission Opérationnelle Transfrontalière")
    );
    let event = b
        .find_event_by_code(passerelle_core::demo::DEMO_EVENT_CODE)
        .unwrap();
    assert_eq!(
        event,
        a.find_event_by_code(passerelle_core::demo::DEMO_EVENT_CODE)
            .unwrap()
    );
    assert_eq!(
        b.list_sessions(&event.meta.id).unwrap(),
        a.list_sessions(&event.meta.id).unwrap()
    );
    let hits = b.search_all("Interreg montage", 10).unwrap();
    assert!(hits.iter().any(|h| h.entity == "profession"), "{hits:?}");
    let found = b
        .search_experts(&ExpertFilter {
            query: "Transfrontalière Schäfer".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1, "found by name and organisation");
}

#[test]
fn reference_records_of_an_older_file_are_mapped_onto_ours_by_key_and_links_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    // From a release that gave reference records random ids: ours never take them.
    let file = with_older_reference_ids(&json::export(&mut a).unwrap());
    let older_mot = id_in_file(&file, "organisations", "mot");

    // B made an expert with B's own MOT id and edited a reference theme before any exchange.
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let b_mot = b
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap();
    let mut input = expert("Jonas", "Weber");
    input.organisation_id = Some(b_mot.meta.id.clone());
    let weber = b.create_expert(&input).unwrap();
    let theme = b.get_theme(&theme_id(&b, "Transport")).unwrap();
    b.update_theme(
        &theme.meta.id,
        theme.meta.version,
        &ThemeInput {
            label: "Transports et mobilités".into(),
            label_en: theme.data.label_en.clone(),
        },
    )
    .unwrap();

    let preview = json::preview(&b, &file).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    assert_eq!(preview.kept_local, 1, "B's edit of a shipped theme is kept");
    json::apply(&mut b, &file, &keep_all()).unwrap();

    let a_mot = a
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap();
    let weber = b.get_expert(&weber.meta.id).unwrap();
    assert_eq!(
        weber.data.organisation_id.as_deref(),
        Some(a_mot.meta.id.as_str())
    );
    assert_eq!(
        b.get_organisation(&a_mot.meta.id).unwrap().data.phone,
        "+33 1 55 80 56 80"
    );
    assert_eq!(b_mot.meta.id, a_mot.meta.id, "one id on both laptops");
    assert_ne!(older_mot, a_mot.meta.id);
    assert!(matches!(
        b.get_organisation(&older_mot),
        Err(CoreError::NotFound { .. })
    ));
    // A's experts, linked to the MOT in the file by its older id, are linked to ours.
    let schafer = find_expert(&b, "Schäfer");
    assert_eq!(
        schafer.data.organisation_id.as_deref(),
        Some(b_mot.meta.id.as_str())
    );
    // The shipped records never edited keep the time of shipped data, not the file's.
    let health = b
        .list_themes()
        .unwrap()
        .into_iter()
        .find(|t| t.reference_key.as_deref() == Some("health"))
        .unwrap();
    assert_eq!(
        health.meta.updated_at,
        passerelle_core::reference::SHIPPED_AT
    );
    let theme = b
        .list_themes()
        .unwrap()
        .into_iter()
        .find(|t| t.reference_key.as_deref() == Some("transport-mobility"))
        .unwrap();
    assert_eq!(theme.data.label, "Transports et mobilités");
    assert_eq!(
        theme.meta.id,
        theme_id(&a, "Transport"),
        "the same id as A's, edited or not"
    );
    let themes: Vec<String> = b
        .list_themes()
        .unwrap()
        .into_iter()
        .map(|t| t.meta.id)
        .collect();
    assert!(
        themes.contains(&theme_id(&a, "Ports")),
        "A's own theme came"
    );
    assert_eq!(b.integrity_check().unwrap(), "ok");
    // Nothing of B was lost.
    assert_eq!(b.counts().unwrap().experts, a.counts().unwrap().experts + 1);
}

#[test]
fn new_records_and_changes_made_on_one_side_are_taken_or_kept() {
    let mut pair = pair();
    // A adds an expert and edits another; B edits a third.
    pair.a.create_expert(&expert("Lena", "Vogel")).unwrap();
    edit_expert(&mut pair.a, "Schäfer", |e| e.city = "Kehl".into());
    edit_expert(&mut pair.b, "Beispiel", |e| {
        e.phone = "+49 7851 00 00".into()
    });
    let file = json::export(&mut pair.a).unwrap();

    let preview = json::preview(&pair.b, &file).unwrap();
    assert_eq!(
        (preview.added, preview.updated, preview.kept_local),
        (1, 1, 1)
    );
    assert!(preview.conflicts.is_empty());
    let summary = json::apply(&mut pair.b, &file, &keep_all()).unwrap();
    assert_eq!(
        (summary.added, summary.updated, summary.kept_local),
        (1, 1, 1)
    );
    assert_eq!(find_expert(&pair.b, "Vogel").data.last_name, "Vogel");
    let schafer = find_expert(&pair.b, "Schäfer");
    assert_eq!(schafer.data.city, "Kehl");
    assert_eq!(schafer.meta, find_expert(&pair.a, "Schäfer").meta);
    assert_eq!(
        find_expert(&pair.b, "Beispiel").data.phone,
        "+49 7851 00 00"
    );

    // And back: A takes B's edit, keeps its own, and both databases now agree.
    let back = json::export(&mut pair.b).unwrap();
    let summary = json::apply(&mut pair.a, &back, &keep_all()).unwrap();
    assert_eq!(summary.updated, 1, "{summary:?}");
    assert_eq!(
        summary.conflicts_kept_local + summary.conflicts_taken_from_file,
        0
    );
    assert_eq!(
        find_expert(&pair.a, "Beispiel").data.phone,
        "+49 7851 00 00"
    );
    assert_eq!(
        json::export(&mut pair.a).unwrap(),
        json::export(&mut pair.b).unwrap()
    );
}

#[test]
fn records_missing_from_the_file_are_kept() {
    let mut pair = pair();
    let own = pair.b.create_expert(&expert("Inès", "Roux")).unwrap();
    let vogel = pair.a.create_expert(&expert("Lena", "Vogel")).unwrap();
    let file = json::export(&mut pair.a).unwrap();
    json::apply(&mut pair.b, &file, &keep_all()).unwrap();
    pair.a.delete_expert(&vogel.meta.id).unwrap();
    let file = json::export(&mut pair.a).unwrap();
    json::apply(&mut pair.b, &file, &keep_all()).unwrap();
    assert_eq!(
        pair.b.get_expert(&own.meta.id).unwrap().data.last_name,
        "Roux"
    );
    assert_eq!(
        pair.b.get_expert(&vogel.meta.id).unwrap().data.last_name,
        "Vogel"
    );
}

#[test]
fn a_record_changed_on_both_sides_is_a_conflict_and_keeping_mine_wins_everywhere() {
    let mut pair = pair();
    edit_expert(&mut pair.a, "Schäfer", |e| e.city = "Kehl".into());
    edit_expert(&mut pair.b, "Schäfer", |e| {
        e.phone = "+33 6 00 00 00 00".into()
    });
    let file = json::export(&mut pair.a).unwrap();

    let preview = json::preview(&pair.b, &file).unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{preview:?}");
    let conflict = &preview.conflicts[0];
    let ours = find_expert(&pair.b, "Schäfer");
    assert_eq!(conflict.entity, "expert");
    assert_eq!(conflict.entity_label, "Expert");
    assert_eq!(conflict.id, ours.meta.id);
    assert_eq!(conflict.label, "Hélène Schäfer");
    assert_eq!(conflict.local_updated_at, ours.meta.updated_at);
    assert_eq!(
        conflict.incoming_updated_at,
        find_expert(&pair.a, "Schäfer").meta.updated_at
    );
    assert_eq!(conflict.fields, vec!["Ville", "Téléphone"]);

    let summary = json::apply(&mut pair.b, &file, &keep_all()).unwrap();
    assert_eq!(
        summary,
        JsonImportSummary {
            unchanged: summary.unchanged,
            conflicts_kept_local: 1,
            ..Default::default()
        }
    );
    let kept = find_expert(&pair.b, "Schäfer");
    assert_eq!(
        (kept.data.city.as_str(), kept.data.phone.as_str()),
        ("", "+33 6 00 00 00 00")
    );
    assert!(kept.meta.version > find_expert(&pair.a, "Schäfer").meta.version);
    // The same file again asks nothing: the choice was made.
    assert!(json::preview(&pair.b, &file).unwrap().conflicts.is_empty());
    // A then takes B's decision without a question.
    let back = json::export(&mut pair.b).unwrap();
    let preview = json::preview(&pair.a, &back).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut pair.a, &back, &keep_all()).unwrap();
    assert_eq!(find_expert(&pair.a, "Schäfer").data, kept.data);
}

#[test]
fn a_conflict_resolved_with_the_files_version_takes_it_whole() {
    let mut pair = pair();
    edit_expert(&mut pair.a, "Schäfer", |e| e.city = "Kehl".into());
    edit_expert(&mut pair.b, "Schäfer", |e| {
        e.phone = "+33 6 00 00 00 00".into()
    });
    let file = json::export(&mut pair.a).unwrap();
    let id = find_expert(&pair.b, "Schäfer").meta.id;
    let summary = json::apply(&mut pair.b, &file, &take(&[&id])).unwrap();
    assert_eq!(summary.conflicts_taken_from_file, 1);
    assert_eq!(
        find_expert(&pair.b, "Schäfer"),
        find_expert(&pair.a, "Schäfer")
    );
}

#[test]
fn an_older_copy_edited_elsewhere_is_a_conflict_not_a_silent_overwrite() {
    let mut pair = pair();
    // A edits and exports (the file never reaches B); B edits its older copy.
    edit_expert(&mut pair.a, "Schäfer", |e| e.city = "Kehl".into());
    json::export(&mut pair.a).unwrap();
    edit_expert(&mut pair.b, "Schäfer", |e| e.city = "Offenburg".into());
    let from_b = json::export(&mut pair.b).unwrap();
    let preview = json::preview(&pair.a, &from_b).unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{preview:?}");
    assert_eq!(preview.conflicts[0].fields, vec!["Ville"]);
}

#[test]
fn the_import_plans_again_inside_its_transaction() {
    let mut pair = pair();
    edit_expert(&mut pair.a, "Schäfer", |e| e.city = "Kehl".into());
    let file = json::export(&mut pair.a).unwrap();
    let preview = json::preview(&pair.b, &file).unwrap();
    assert_eq!((preview.updated, preview.conflicts.len()), (1, 0));
    // B edits the same expert between the preview and the import.
    edit_expert(&mut pair.b, "Schäfer", |e| {
        e.notes = "Rappeler en mars".into()
    });
    let summary = json::apply(&mut pair.b, &file, &keep_all()).unwrap();
    assert_eq!((summary.updated, summary.conflicts_kept_local), (0, 1));
    assert_eq!(
        find_expert(&pair.b, "Schäfer").data.notes,
        "Rappeler en mars"
    );
}

#[test]
fn an_event_moved_in_the_file_must_carry_its_sessions() {
    let mut pair = pair();
    let code = passerelle_core::demo::DEMO_EVENT_CODE;
    // B adds a session on the last day; A shortens the event by a day.
    let event = pair.b.find_event_by_code(code).unwrap();
    pair.b
        .create_session(
            &event.meta.id,
            &session("2027-03-18", "14:00", "15:00", "Visite libre"),
        )
        .unwrap();
    let event = pair.a.find_event_by_code(code).unwrap();
    for s in pair.a.list_sessions(&event.meta.id).unwrap() {
        if s.data.date == "2027-03-18" {
            pair.a.delete_session(&s.meta.id).unwrap();
        }
    }
    let mut input = event.data.clone();
    input.end_date = "2027-03-17".into();
    pair.a
        .update_event(&event.meta.id, event.meta.version, &input)
        .unwrap();
    let file = json::export(&mut pair.a).unwrap();
    let before = pair.b.counts().unwrap();
    let error = json::apply(&mut pair.b, &file, &keep_all()).unwrap_err();
    let text = message(error);
    assert!(text.contains("Visite libre"), "{text}");
    assert!(text.contains("hors des dates"), "{text}");
    assert_eq!(pair.b.counts().unwrap(), before);
    assert_eq!(
        pair.b.find_event_by_code(code).unwrap().data.end_date,
        "2027-03-18"
    );
}

// ---------------------------------------------------------------------------------------------
// Bad files

/// Imports a bad file into a populated database and checks that nothing changed.
fn refused(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut store = populated(&dir.path().join("p.db"));
    let before = json::export(&mut store).unwrap();
    let counts = store.counts().unwrap();
    let preview_error = json::preview(&store, bytes).unwrap_err().to_string();
    let error = json::apply(&mut store, bytes, &keep_all()).unwrap_err();
    assert_eq!(error.to_string(), preview_error);
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(json::export(&mut store).unwrap(), before);
    message(error)
}

#[test]
fn a_valid_small_file_is_imported_next_to_existing_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = populated(&dir.path().join("p.db"));
    let experts = store.counts().unwrap().experts;
    let summary = json::apply(&mut store, &fixture("valid_small.json"), &keep_all()).unwrap();
    assert_eq!(summary.added, 4);
    assert_eq!(store.counts().unwrap().experts, experts + 1);
    let event = store.find_event_by_code("PAMINA-2026").unwrap();
    let sessions = store.list_sessions(&event.meta.id).unwrap();
    assert_eq!(
        sessions[0].data.speakers[0].expert_id,
        "5d1c1f8e-0d3a-4b7e-9a51-0f1b2c3d4e02"
    );
}

#[test]
fn files_that_are_not_exchange_files_are_refused_with_a_clear_message() {
    let cases: &[(&str, &str)] = &[
        ("truncated.json", "incomplet"),
        ("garbage.bin", "pas du texte"),
        ("utf16.json", "pas du texte"),
        ("not_json.txt", "pas du JSON"),
        ("empty.json", "vide"),
        (
            "other_kind.json",
            "n’est pas un fichier d’échange Passerelle",
        ),
        ("deep_nesting.json", "illisible"),
    ];
    for (name, expected) in cases {
        let text = refused(&fixture(name));
        assert!(text.contains(expected), "{name}: {text}");
        assert!(text.contains("Rien n’a été modifié"), "{name}: {text}");
    }
}

#[test]
fn a_file_from_a_newer_version_says_so() {
    let text = refused(&fixture("newer_version.json"));
    assert!(
        text.starts_with(
            "Ce fichier a été écrit par une version plus récente de Passerelle (format 7)"
        ),
        "{text}"
    );
}

#[test]
fn record_problems_name_the_record_and_the_rule() {
    let cases: &[(&str, &[&str])] = &[
        (
            "dangling_reference.json",
            &[
                "Expert « Anna Schäfer »",
                "la thématique d’identifiant 9f0e8d7c-6b5a-4c3d-2e1f-000000000099",
                "n’existe ni dans le fichier ni dans cette base",
            ],
        ),
        (
            "duplicate_ids.json",
            &[
                "5d1c1f8e-0d3a-4b7e-9a51-0f1b2c3d4e02 apparaît deux fois",
                "Anna Schäfer",
                "Annette Schäfer",
            ],
        ),
        (
            "invalid_email.json",
            &["Expert « Anna Schäfer »", "Adresse e-mail invalide"],
        ),
        (
            "session_outside_event.json",
            &[
                "Séquence « Les lignes de bus transfrontalières",
                "hors des dates",
                "du 15/09/2026 au 16/09/2026",
            ],
        ),
        (
            "unknown_field.json",
            &["Expert n° 1", "champ inconnu « salary »"],
        ),
        (
            "duplicate_event_codes.json",
            &["code d’événement « PAMINA-2026 » apparaît deux fois"],
        ),
        (
            "bad_types.json",
            &["Événement n° 1", "n’a pas le type attendu"],
        ),
    ];
    for (name, expected) in cases {
        let text = refused(&fixture(name));
        for part in *expected {
            assert!(text.contains(part), "{name}: {part:?} not in {text}");
        }
    }
}

#[test]
fn a_record_version_beyond_the_bound_is_refused_before_anything_is_written() {
    let mut file: Value = serde_json::from_slice(&fixture("valid_small.json")).unwrap();
    file["experts"][0]["version"] = Value::from(1i64 << 62);
    let text = refused(&serde_json::to_vec(&file).unwrap());
    for part in [
        "Expert « ",
        "5d1c1f8e-0d3a-4b7e-9a51-0f1b2c3d4e02",
        "la version (4611686018427387904)",
        "entre 1 et 1000000000",
        "rien n’a été modifié",
    ] {
        assert!(text.contains(part), "{part:?} not in {text}");
    }
    // The bound itself is accepted.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_reference(&dir.path().join("p.db")).unwrap();
    file["experts"][0]["version"] = Value::from(passerelle_core::store::MAX_RECORD_VERSION);
    json::apply(&mut store, &serde_json::to_vec(&file).unwrap(), &keep_all()).unwrap();
    let expert = store
        .get_expert("5d1c1f8e-0d3a-4b7e-9a51-0f1b2c3d4e02")
        .unwrap();
    assert_eq!(
        expert.meta.version,
        passerelle_core::store::MAX_RECORD_VERSION
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let bytes = vec![b' '; json::MAX_FILE_BYTES + 1];
    let text = refused(&bytes);
    assert!(text.contains("trop volumineux"), "{text}");

    // From its size on disk, before reading it (a sparse file takes no room).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("énorme.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(json::MAX_FILE_BYTES as u64 + 1).unwrap();
    let text = message(json::check_file_size(&path).unwrap_err());
    assert!(text.contains("au plus 512 Mo"), "{text}");
    file.set_len(json::MAX_FILE_BYTES as u64).unwrap();
    json::check_file_size(&path).unwrap();
}

#[test]
fn the_same_reference_key_under_another_id_here_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let file = json::export(&mut a).unwrap();
    let mut value: Value = serde_json::from_slice(&file).unwrap();
    // Give the MOT's key to another organisation of the file: its id now designates "mot" in
    // the file but something else in A.
    let organisations = value["organisations"].as_array_mut().unwrap();
    let mot = organisations
        .iter()
        .position(|o| o["referenceKey"] == "mot")
        .unwrap();
    let other = (mot + 1) % organisations.len();
    organisations[mot]["referenceKey"] = Value::String("mot-ancien".into());
    organisations[other]["referenceKey"] = Value::String("mot".into());
    let bytes = serde_json::to_vec(&value).unwrap();
    let counts = a.counts().unwrap();
    let text = message(json::apply(&mut a, &bytes, &keep_all()).unwrap_err());
    assert!(
        text.contains(
            "l’enregistrement de référence « mot » est celui d’un autre enregistrement du fichier"
        ),
        "{text}"
    );
    assert_eq!(a.counts().unwrap(), counts);

    // Our MOT's id without its key in the file.
    let mut value: Value = serde_json::from_slice(&file).unwrap();
    let organisations = value["organisations"].as_array_mut().unwrap();
    let mot = organisations
        .iter_mut()
        .find(|o| o["referenceKey"] == "mot")
        .unwrap();
    mot.as_object_mut().unwrap().remove("referenceKey");
    let bytes = serde_json::to_vec(&value).unwrap();
    let text = message(json::apply(&mut a, &bytes, &keep_all()).unwrap_err());
    assert!(
        text.contains(
            "désigne ici un enregistrement de référence, mais le fichier ne donne pas sa clé"
        ),
        "{text}"
    );
    assert_eq!(a.counts().unwrap(), counts);
}

// ---------------------------------------------------------------------------------------------
// Fuzzing: no input panics, and a refused file leaves the database as it was.

thread_local! {
    static FUZZ: std::cell::RefCell<Option<(tempfile::TempDir, Store, Vec<u8>)>> =
        const { std::cell::RefCell::new(None) };
}

fn with_fuzz_store(work: impl FnOnce(&mut Store, &[u8])) {
    FUZZ.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            let dir = tempfile::tempdir().unwrap();
            let mut source = populated(&dir.path().join("source.db"));
            let file = json::export(&mut source).unwrap();
            let store = Store::open_with_reference(&dir.path().join("fuzz.db")).unwrap();
            *cell = Some((dir, store, file));
        }
        if let Some((_, store, file)) = cell.as_mut() {
            work(store, file);
        }
    });
}

/// Runs preview and apply; on error the counts and the file's soundness are unchanged.
fn import_is_safe(store: &mut Store, bytes: &[u8], choices: &JsonImportChoices) {
    let counts = store.counts().unwrap();
    let _ = json::preview(store, bytes);
    if let Err(error) = json::apply(store, bytes, choices) {
        assert!(
            matches!(error, CoreError::InvalidFile(_)),
            "unexpected error kind: {error:?}"
        );
        assert_eq!(store.counts().unwrap(), counts);
    }
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// A change to one value of the file's JSON tree.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, usize, usize, Value),
    Remove(usize, usize, usize),
    DuplicateRecord(usize, usize),
    CopyId(usize, usize, usize),
    /// Still a valid record: new free text, a higher version, so the import takes or weighs it.
    EditText(usize, usize, String, bool),
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("2027-03-16".into())),
        Just(Value::String("09:00".into())),
        Just(Value::Array(vec![])),
        Just(serde_json::json!([{"language": "xx", "level": "Z9"}])),
        Just(serde_json::json!({"a": 1})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..11usize, any::<usize>(), any::<usize>(), json_value())
            .prop_map(|(l, r, k, v)| Mutation::Replace(l, r, k, v)),
        (0..11usize, any::<usize>(), any::<usize>())
            .prop_map(|(l, r, k)| Mutation::Remove(l, r, k)),
        (0..11usize, any::<usize>()).prop_map(|(l, r)| Mutation::DuplicateRecord(l, r)),
        (0..11usize, any::<usize>(), any::<usize>())
            .prop_map(|(l, r, o)| Mutation::CopyId(l, r, o)),
        (
            0..11usize,
            any::<usize>(),
            "[a-zA-Zéà ,;\\\n]{1,20}",
            any::<bool>()
        )
            .prop_map(|(l, r, text, bump)| Mutation::EditText(l, r, text, bump)),
    ]
}

const LISTS: [&str; 11] = [
    "organisations",
    "territories",
    "themes",
    "professionFamilies",
    "interregProgrammes",
    "professions",
    "competences",
    "competenceObservations",
    "experts",
    "events",
    "sessions",
];

fn mutate(file: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(file).unwrap();
    for mutation in mutations {
        let (list, record) = match mutation {
            Mutation::Replace(l, r, ..)
            | Mutation::Remove(l, r, _)
            | Mutation::DuplicateRecord(l, r)
            | Mutation::CopyId(l, r, _)
            | Mutation::EditText(l, r, ..) => (LISTS[*l], *r),
        };
        let Some(items) = value[list].as_array_mut() else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        let index = record % items.len();
        match mutation {
            Mutation::Replace(_, _, key, _) | Mutation::Remove(_, _, key) => {
                let Some(object) = items[index].as_object_mut() else {
                    continue;
                };
                let keys: Vec<String> = object.keys().cloned().collect();
                let key = keys[key % keys.len()].clone();
                match mutation {
                    Mutation::Replace(_, _, _, new) => {
                        object.insert(key, new.clone());
                    }
                    _ => {
                        object.remove(&key);
                    }
                }
            }
            Mutation::DuplicateRecord(..) => {
                let copy = items[index].clone();
                items.push(copy);
            }
            Mutation::EditText(_, _, text, bump) => {
                let Some(object) = items[index].as_object_mut() else {
                    continue;
                };
                for key in ["notes", "description", "bioFr", "summary", "labelEn"] {
                    if object.contains_key(key) {
                        object.insert(key.into(), Value::String(text.clone()));
                        break;
                    }
                }
                if *bump {
                    if let Some(version) = object.get("version").and_then(Value::as_i64) {
                        object.insert("version".into(), Value::from(version + 1));
                    }
                }
            }
            Mutation::CopyId(_, _, other) => {
                let id = items[other % items.len()]["id"].clone();
                items[index]["id"] = id;
            }
        }
    }
    serde_json::to_vec_pretty(&value).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_nor_change_anything(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        with_fuzz_store(|store, _| import_is_safe(store, &bytes, &JsonImportChoices::default()));
    }

    #[test]
    fn a_truncated_or_damaged_valid_file_is_safe(cut in 0.0f64..1.0, flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4)) {
        with_fuzz_store(|store, file| {
            let mut bytes = file[..(file.len() as f64 * cut) as usize].to_vec();
            if bytes.is_empty() { bytes = file.to_vec(); }
            for (at, byte) in &flips {
                let at = at % bytes.len();
                bytes[at] = *byte;
            }
            import_is_safe(store, &bytes, &JsonImportChoices::default());
        });
    }

    #[test]
    fn a_valid_file_with_mutated_values_is_safe(mutations in proptest::collection::vec(mutation(), 1..4), take_all in any::<bool>()) {
        with_fuzz_store(|store, file| {
            let bytes = mutate(file, &mutations);
            let choices = if take_all {
                let ids: Vec<String> = json::preview(store, &bytes)
                    .map(|p| p.conflicts.into_iter().map(|c| c.id).collect())
                    .unwrap_or_default();
                JsonImportChoices { take_incoming: ids }
            } else {
                JsonImportChoices::default()
            };
            import_is_safe(store, &bytes, &choices);
        });
    }
}

/// Two laptops that each loaded the shipped reference data, at different times, hold the same
/// records byte for byte: their exchange files are identical.
#[test]
fn two_fresh_databases_export_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open_with_reference(&dir.path().join("first.db")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut second = Store::open_with_reference(&dir.path().join("second.db")).unwrap();
    let bytes = json::export(&mut first).unwrap();
    assert!(bytes.len() > 10_000, "{}", bytes.len());
    assert_eq!(bytes, json::export(&mut second).unwrap());
}

/// `fixtures/json/golden_v1_older_ids.json` is the golden file as the release before shared
/// reference ids wrote it: its reference records under random ids, with the times they were
/// loaded. Imported into an empty database, every reference record takes the id derived from
/// its key and every link follows; imported beside the shipped data, it makes the same
/// database as the golden file itself.
#[test]
fn a_file_of_an_older_release_imports_onto_the_shared_reference_ids() {
    use passerelle_core::reference::shipped_id;
    let older = fixture("golden_v1_older_ids.json");
    let golden = fixture("golden_v1.json");
    let dir = tempfile::tempdir().unwrap();
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let summary = json::apply(&mut empty, &older, &keep_all()).unwrap();
    assert_eq!(summary.added, 23);
    assert_eq!(empty.integrity_check().unwrap(), "ok");
    let written: Value = serde_json::from_slice(&json::export(&mut empty).unwrap()).unwrap();
    let tables = [
        "organisations",
        "territories",
        "themes",
        "profession_families",
        "interreg_programmes",
        "professions",
    ];
    let mut keyed = 0;
    for (list, table) in REFERENCE_LISTS.iter().zip(tables) {
        for record in written[list].as_array().unwrap() {
            if let Some(key) = record["referenceKey"].as_str() {
                assert_eq!(
                    record["id"],
                    shipped_id(table, key).as_str(),
                    "{list} {key}"
                );
                keyed += 1;
            }
        }
    }
    assert!(keyed >= 10, "{keyed}");
    let older_mot = id_in_file(&older, "organisations", "mot");
    assert!(!String::from_utf8_lossy(&json::export(&mut empty).unwrap()).contains(&older_mot));

    let (mut from_older, mut from_golden) = (
        Store::open_with_reference(&dir.path().join("a.db")).unwrap(),
        Store::open_with_reference(&dir.path().join("b.db")).unwrap(),
    );
    json::apply(&mut from_older, &older, &keep_all()).unwrap();
    json::apply(&mut from_golden, &golden, &keep_all()).unwrap();
    assert_eq!(
        json::export(&mut from_older).unwrap(),
        json::export(&mut from_golden).unwrap()
    );
}
