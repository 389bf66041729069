//! The files attached to resources in the JSON exchange file and in backups: the `files` pool
//! (base64, SHA-256 order), every entry checked before anything is written, and a restored
//! backup giving back each file byte for byte.

mod common;
mod library_files;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::Store;
use rusqlite::Connection;
use serde_json::{json, Value};

use library_files::*;

fn count(store: &Store, table: &str) -> i64 {
    let conn = Connection::open(store.path()).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A database with two resources sharing one PDF, one of them with a PNG too.
fn library() -> (tempfile::TempDir, Store, Vec<u8>) {
    let (dir, mut store) = common::seeded_store();
    let first = new_resource(&mut store, "Guide").unwrap();
    let second = new_resource(&mut store, "Étude").unwrap();
    let guide = pdf(&["Le détachement des agents publics dans un GECT"]);
    store.attach_file(&first, "guide.pdf", &guide).unwrap();
    store.attach_file(&first, "schéma.png", PNG).unwrap();
    store.attach_file(&second, "annexe.pdf", &guide).unwrap();
    (dir, store, guide)
}

fn exported(store: &mut Store) -> Value {
    serde_json::from_slice(&json::export(store).unwrap()).unwrap()
}

#[test]
fn the_exchange_file_carries_each_content_once_in_sha256_order() {
    let (_dir, mut store, guide) = library();
    let file = exported(&mut store);
    let pool = file["files"].as_array().unwrap();
    assert_eq!(pool.len(), 2, "the shared PDF once, the PNG");
    let hashes: Vec<&str> = pool.iter().map(|e| e["sha256"].as_str().unwrap()).collect();
    let mut sorted = hashes.clone();
    sorted.sort();
    assert_eq!(hashes, sorted);
    let pdf_entry = pool
        .iter()
        .find(|e| e["mediaType"] == "application/pdf")
        .unwrap();
    // The name the resources give it first, alphabetically.
    assert_eq!(pdf_entry["name"], "annexe.pdf");
    assert_eq!(pdf_entry["size"], guide.len());
    assert_eq!(
        STANDARD
            .decode(pdf_entry["data"].as_str().unwrap())
            .unwrap(),
        guide
    );
    // Each entry's keys in a fixed order, the bulky data last.
    let text = String::from_utf8(json::export(&mut store).unwrap()).unwrap();
    let pool_text = &text[text.find("\n  \"files\": [").unwrap()..];
    let positions: Vec<usize> = [
        "\"name\"",
        "\"mediaType\"",
        "\"size\"",
        "\"sha256\"",
        "\"data\"",
    ]
    .iter()
    .map(|key| pool_text.find(key).unwrap())
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let png_entry = pool.iter().find(|e| e["mediaType"] == "image/png").unwrap();
    assert_eq!(
        STANDARD
            .decode(png_entry["data"].as_str().unwrap())
            .unwrap(),
        PNG
    );

    // Exported twice, the same bytes.
    assert_eq!(
        json::export(&mut store).unwrap(),
        json::export(&mut store).unwrap()
    );
}

#[test]
fn a_database_without_files_writes_no_files_part() {
    let (_dir, mut store) = common::seeded_store();
    assert!(exported(&mut store).get("files").is_none());
}

#[test]
fn a_damaged_or_forbidden_file_entry_refuses_the_whole_import_naming_it() {
    let (_dir, mut source, _) = library();
    let file = exported(&mut source);
    let entry = file["files"].as_array().unwrap()[0].clone();
    let name = entry["name"].as_str().unwrap().to_string();
    let elf = ELF.to_vec();
    let elf_entry = json!({
        "name": "outil.pdf", "mediaType": "application/pdf", "size": elf.len(),
        "sha256": passerelle_core::attachments::sha256_hex(&elf), "data": STANDARD.encode(&elf),
    });
    let mut flipped = entry["data"].as_str().unwrap().to_string();
    let replaced = if flipped.starts_with('A') { "B" } else { "A" };
    flipped.replace_range(0..1, replaced);
    let cases: Vec<(Value, &str, String)> = vec![
        (
            json!({"data": flipped}),
            "empreinte SHA-256 ne correspond pas",
            name.clone(),
        ),
        (
            json!({"size": 3}),
            "taille annoncée (3 octets)",
            name.clone(),
        ),
        (
            json!({"data": "pas du base64 !"}),
            "n’est pas du base64 valide",
            name.clone(),
        ),
        (elf_entry, "est un programme", "outil.pdf".to_string()),
        (json!({"chemin": "/etc/passwd"}), "illisible", String::new()),
    ];
    let (_target_dir, mut target) = common::seeded_store();
    for (change, expected, named) in cases {
        let mut tampered = file.clone();
        let first = &mut tampered["files"][0];
        for (key, value) in change.as_object().unwrap() {
            first[key] = value.clone();
        }
        let bytes = serde_json::to_vec(&tampered).unwrap();
        for error in [
            json::preview(&target, &bytes).unwrap_err(),
            json::apply(&mut target, &bytes, &JsonImportChoices::default()).unwrap_err(),
        ] {
            assert_eq!(error.kind(), "invalidFile");
            let message = error.to_string();
            assert!(message.contains(expected), "{expected}: {message}");
            assert!(message.contains(&named), "{named}: {message}");
            assert!(message.contains("rien n’a été modifié"), "{message}");
        }
    }
    assert_eq!(count(&target, "file_contents"), 0);
    assert_eq!(count(&target, "file_data"), 0);
}

#[test]
fn contents_no_record_names_are_not_kept_on_import() {
    // A file whose resources were taken out by hand: its pool alone brings nothing.
    let (_dir, mut source, _) = library();
    let mut file = exported(&mut source);
    file.as_object_mut().unwrap().remove("resources");
    let bytes = serde_json::to_vec(&file).unwrap();
    let (_target_dir, mut target) = common::seeded_store();
    json::apply(&mut target, &bytes, &JsonImportChoices::default()).unwrap();
    assert_eq!(count(&target, "file_contents"), 0);
    assert_eq!(count(&target, "file_data"), 0);
}

#[test]
fn a_restored_backup_gives_back_every_file_byte_for_byte() {
    let (dir, mut store, guide) = library();
    let resource = new_resource(&mut store, "Rapport").unwrap();
    let report = docx(&["Rapport annuel du partenariat"]);
    let attached = store
        .attach_file(&resource, "rapport.docx", &report)
        .unwrap();
    let backup = dir.path().join("copie.db");
    store.backup_to(&backup).unwrap();
    // Changed after the backup: the restore must bring the file back.
    store.remove_file(&resource, &attached.id).unwrap();
    let path = store.path().to_path_buf();
    store.close().unwrap();

    passerelle_core::store::backups::restore_database(
        &path,
        &backup,
        &dir.path().join("sauvegardes"),
    )
    .unwrap();
    let restored = Store::open(&path).unwrap();
    let (file, bytes) = restored.read_file(&attached.id).unwrap();
    assert_eq!(bytes, report);
    assert_eq!(file.name, "rapport.docx");
    let pdfs: Vec<Vec<u8>> = restored
        .resource_files(&restored_first(&restored))
        .unwrap()
        .into_iter()
        .filter(|f| f.media_type == "application/pdf")
        .map(|f| restored.read_file(&f.id).unwrap().1)
        .collect();
    assert_eq!(pdfs, [guide]);
    assert!(restored
        .search_all("partenariat", 10)
        .unwrap()
        .iter()
        .any(|hit| hit.entity == "resource" && hit.id == resource));
}

/// The resource titled "Guide", through the search.
fn restored_first(store: &Store) -> String {
    store
        .search_all("guide", 10)
        .unwrap()
        .into_iter()
        .find(|hit| hit.entity == "resource" && hit.title == "Guide")
        .unwrap()
        .id
}

#[test]
fn the_round_trip_with_files_gives_the_same_bytes_and_finds_their_words() {
    let (dir, mut source, guide) = library();
    let first = json::export(&mut source).unwrap();
    let mut target = Store::open_with_reference(&dir.path().join("autre.db")).unwrap();
    json::apply(&mut target, &first, &JsonImportChoices::default()).unwrap();
    assert_eq!(json::export(&mut target).unwrap(), first);
    assert_eq!(
        (count(&target, "file_contents"), count(&target, "file_data")),
        (2, 2)
    );
    let guide_id = restored_first(&target);
    let files = target.resource_files(&guide_id).unwrap();
    assert_eq!(target.read_file(&files[0].id).unwrap().1, guide);
    // The text was read again on import: a word from inside the PDF finds both resources.
    let hits = target.search_all("detachement", 10).unwrap();
    assert_eq!(
        hits.iter().filter(|h| h.entity == "resource").count(),
        2,
        "{hits:?}"
    );
}

#[test]
fn legal_notes_are_found_by_the_global_search_with_their_passage() {
    let (_dir, mut store) = common::seeded_store();
    let note = store
        .create_legal_note(&passerelle_core::model::LegalNoteInput {
            question: "Un agent territorial peut-il être mis à disposition d'un GECT ?".into(),
            short_answer: "Oui, par convention entre la collectivité et le groupement.".into(),
            up_to_date: "2026-01-15".into(),
            author: "Service juridique".into(),
            ..Default::default()
        })
        .unwrap();
    let hits = store.search_all("collectivite", 10).unwrap();
    let hit = hits.iter().find(|h| h.entity == "legalNote").unwrap();
    assert_eq!(hit.id, note.meta.id);
    assert_eq!(hit.title, note.data.question);
    assert!(hit.detail.contains("[collectivité]"), "{}", hit.detail);
}
