//! Files attached to resources, inside the database: the type read from the content, the
//! refusals (each naming the file, nothing half-stored), the text read from PDFs and office
//! files and found by the global search with accents folded, the statuses of files whose text
//! cannot be read, the same content stored once, and removal.

mod common;
mod library_files;

use passerelle_core::attachments::{inspect, MAX_FILE_BYTES};
use passerelle_core::model::FileTextStatus;
use passerelle_core::{CoreError, Store};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use library_files::*;

fn count(store: &Store, table: &str) -> i64 {
    let conn = Connection::open(store.path()).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn version(store: &Store, resource_id: &str) -> i64 {
    let conn = Connection::open(store.path()).unwrap();
    conn.query_row(
        "SELECT version FROM resources WHERE id = ?1",
        [resource_id],
        |r| r.get(0),
    )
    .unwrap()
}

fn resource_hits(store: &Store, text: &str) -> Vec<(String, String)> {
    store
        .search_all(text, 10)
        .unwrap()
        .into_iter()
        .filter(|hit| hit.entity == "resource")
        .map(|hit| (hit.id, hit.detail))
        .collect()
}

#[test]
fn a_word_inside_a_pdf_is_found_by_the_global_search_accents_folded() {
    let (_dir, mut store) = common::seeded_store();
    let resource = new_resource(&mut store, "Guide du détachement").unwrap();
    let bytes = pdf(&[
        "Premier chapitre : le cadre juridique.",
        "La mobilité des agents territoriaux vers un GECT.",
    ]);
    let before = version(&store, &resource);

    let file = store.attach_file(&resource, "étude.pdf", &bytes).unwrap();

    assert_eq!(file.name, "étude.pdf");
    assert_eq!(file.media_type, "application/pdf");
    assert_eq!(file.size, bytes.len() as i64);
    assert_eq!(file.sha256, format!("{:x}", Sha256::digest(&bytes)));
    assert_eq!(file.text_status, "extracted");
    assert_eq!(version(&store, &resource), before + 1);
    for query in ["mobilite", "MOBILITÉ", "territoriaux gect"] {
        let hits = resource_hits(&store, query);
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].0, resource);
    }
    let passage = &resource_hits(&store, "mobilite")[0].1;
    assert!(passage.contains("[mobilité]"), "{passage}");
    assert!(resource_hits(&store, "introuvable").is_empty());
}

#[test]
fn the_text_of_a_programme_printed_by_passerelle_is_read_back() {
    let (_dir, mut store) = common::seeded_store();
    let event_id = passerelle_core::demo::add_demo(&mut store).unwrap();
    let programme = passerelle_core::printing::programme_pdf(&store, &event_id).unwrap();
    let title = store.get_event(&event_id).unwrap().data.title;
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_string();
    let resource = new_resource(&mut store, "Archive").unwrap();

    let file = store
        .attach_file(&resource, "programme.pdf", &programme)
        .unwrap();

    assert_eq!(file.text_status, "extracted");
    assert!(
        resource_hits(&store, &word)
            .iter()
            .any(|(id, _)| *id == resource),
        "{word} not found in the programme's text"
    );
}

#[test]
fn office_and_opendocument_files_are_recognised_and_their_text_searchable() {
    let (_dir, mut store) = common::seeded_store();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "note.docx",
            docx(&["Rémunération", "des frontaliers"]),
            "wordprocessingml.document",
            "remuneration",
        ),
        (
            "budget.xlsx",
            xlsx(&["Cofinancement", "Interreg"]),
            "spreadsheetml.sheet",
            "cofinancement",
        ),
        (
            "atelier.pptx",
            pptx(&["Diapositive une", "Télétravail transfrontalier"]),
            "presentationml.presentation",
            "teletravail",
        ),
        (
            "compte-rendu.odt",
            open_document("text", &["Réunion du comité", "Eurodistrict"]),
            "opendocument.text",
            "eurodistrict",
        ),
        (
            "tableau.ods",
            open_document("spreadsheet", &["Indemnités kilométriques"]),
            "opendocument.spreadsheet",
            "kilometriques",
        ),
        (
            "support.odp",
            open_document("presentation", &["Coopération sanitaire"]),
            "opendocument.presentation",
            "cooperation sanitaire",
        ),
        (
            "lisez-moi.txt",
            "Accord-cadre franco-suisse.\n".as_bytes().to_vec(),
            "text/plain",
            "franco suisse",
        ),
        (
            "ancien.txt",
            b"Convention de partenariat sign\xE9e".to_vec(),
            "text/plain",
            "signee",
        ),
    ];
    for (name, bytes, media, word) in cases {
        let resource = new_resource(&mut store, &format!("Ressource {name}")).unwrap();
        let file = store.attach_file(&resource, name, &bytes).unwrap();
        assert!(
            file.media_type.ends_with(media),
            "{name}: {}",
            file.media_type
        );
        assert_eq!(file.text_status, "extracted", "{name}");
        let hits = resource_hits(&store, word);
        assert_eq!(hits.len(), 1, "{name}: {word}");
        assert_eq!(hits[0].0, resource, "{name}");
    }
    // The slides are read in their order, whatever the order of the zip's entries.
    let text = inspect("a.pptx", &pptx(&["un", "deux", "trois"]))
        .unwrap()
        .text;
    assert_eq!(text, "un\ndeux\ntrois");
}

#[test]
fn images_are_attached_without_text() {
    let (_dir, mut store) = common::seeded_store();
    let resource = new_resource(&mut store, "Affiche").unwrap();
    let png = store.attach_file(&resource, "affiche.png", PNG).unwrap();
    let jpeg = store.attach_file(&resource, "photo.JPG", JPEG).unwrap();
    assert_eq!(
        (png.media_type.as_str(), png.text_status.as_str()),
        ("image/png", "not_indexed")
    );
    assert_eq!(
        (jpeg.media_type.as_str(), jpeg.text_status.as_str()),
        ("image/jpeg", "not_indexed")
    );
    let names: Vec<String> = store
        .resource_files(&resource)
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, ["affiche.png", "photo.JPG"]);
}

#[test]
fn files_whose_text_cannot_be_read_are_attached_with_a_status_saying_why() {
    let (_dir, mut store) = common::seeded_store();
    let resource = new_resource(&mut store, "Archives").unwrap();
    let plain = pdf(&["Texte confidentiel sur la fiscalité"]);
    let mut truncated_docx = docx(&["Paragraphe"]);
    truncated_docx.truncate(truncated_docx.len() / 2);
    let cases: Vec<(&str, Vec<u8>, FileTextStatus)> = vec![
        ("scan.pdf", pdf_without_text(), FileTextStatus::NoText),
        (
            "protege.pdf",
            encrypted_pdf(&plain, "secret"),
            FileTextStatus::Encrypted,
        ),
        (
            "abime.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".to_vec(),
            FileTextStatus::Damaged,
        ),
        ("abime.docx", truncated_docx, FileTextStatus::Damaged),
        (
            "verrouille.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00".to_vec(),
            FileTextStatus::Encrypted,
        ),
    ];
    for (name, bytes, status) in cases {
        let file = store.attach_file(&resource, name, &bytes).unwrap();
        assert_eq!(file.text_status, status.code(), "{name}");
        let (_, stored) = store.read_file(&file.id).unwrap();
        assert_eq!(stored, bytes, "{name} kept byte for byte");
    }
    assert!(resource_hits(&store, "fiscalite").is_empty());

    // Protected only against changes (no password to open): its text is read.
    let owner_only = store
        .attach_file(&resource, "imprimable.pdf", &encrypted_pdf(&plain, ""))
        .unwrap();
    assert_eq!(owner_only.text_status, "extracted");
    assert_eq!(resource_hits(&store, "fiscalite").len(), 1);
}

#[test]
fn refused_files_name_the_file_and_leave_nothing_behind() {
    let (_dir, mut store) = common::seeded_store();
    let resource = new_resource(&mut store, "Guide").unwrap();
    let before = version(&store, &resource);
    let over_limit = vec![b'a'; MAX_FILE_BYTES + 1];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("vide.pdf", Vec::new(), "est vide (0 octet)"),
        ("gros.txt", over_limit, "dépasse la limite de 50 Mo"),
        ("outil", ELF.to_vec(), "est un programme"),
        (
            "setup.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec(),
            "est un programme",
        ),
        (
            "lancer.txt",
            b"#!/bin/sh\nrm -rf ~\n".to_vec(),
            "est un programme",
        ),
        ("rapport.exe", pdf(&["x"]), "est un programme"),
        (
            "rapport.pdf",
            PNG.to_vec(),
            "son contenu est une image PNG, pas un document PDF",
        ),
        (
            "note.docx",
            pdf(&["x"]),
            "son contenu est un document PDF, pas un document Word (DOCX)",
        ),
        (
            "image.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec(),
            "n'est pas d'un type accepté",
        ),
        (
            "archive.zip",
            zip(&[("a.txt", b"a")]),
            "n'est pas d'un type accepté",
        ),
    ];
    for (name, bytes, expected) in cases {
        let error = store.attach_file(&resource, name, &bytes).unwrap_err();
        assert!(
            matches!(error, CoreError::InvalidFile(_)),
            "{name}: {error:?}"
        );
        assert_eq!(error.kind(), "invalidFile");
        let message = error.to_string();
        assert!(message.contains(&format!("« {name} »")), "{message}");
        assert!(message.contains(expected), "{name}: {message}");
    }
    assert_eq!(count(&store, "file_contents"), 0);
    assert_eq!(count(&store, "file_data"), 0);
    assert_eq!(count(&store, "resource_files"), 0);
    assert_eq!(version(&store, &resource), before);

    let missing = store
        .attach_file("pas-une-ressource", "a.txt", b"texte")
        .unwrap_err();
    assert_eq!(missing.kind(), "notFound");
    assert_eq!(count(&store, "file_contents"), 0);
}

#[test]
fn the_same_content_is_stored_once_and_removed_with_its_last_file() {
    let (_dir, mut store) = common::seeded_store();
    let first = new_resource(&mut store, "Étude A").unwrap();
    let second = new_resource(&mut store, "Étude B").unwrap();
    let bytes = pdf(&["Observatoire des mobilités frontalières"]);

    let a = store.attach_file(&first, "etude.pdf", &bytes).unwrap();
    let twice = store.attach_file(&first, "copie.pdf", &bytes).unwrap_err();
    assert_eq!(twice.kind(), "duplicate");
    assert!(
        twice
            .to_string()
            .contains("« copie.pdf » est déjà joint à cette ressource (sous le nom « etude.pdf »)"),
        "{twice}"
    );
    assert_eq!(store.resource_files(&first).unwrap().len(), 1);

    let b = store
        .attach_file(&second, "la même étude.pdf", &bytes)
        .unwrap();
    assert_eq!(a.sha256, b.sha256);
    assert_ne!(a.id, b.id);
    assert_eq!(
        (count(&store, "file_contents"), count(&store, "file_data")),
        (1, 1)
    );
    assert_eq!(resource_hits(&store, "frontalieres").len(), 2);

    store.remove_file(&first, &a.id).unwrap();
    assert_eq!(
        count(&store, "file_data"),
        1,
        "still named by the second resource"
    );
    assert_eq!(store.read_file(&b.id).unwrap().1, bytes);
    let hits = resource_hits(&store, "frontalieres");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].0, second);

    assert_eq!(
        store.remove_file(&first, &b.id).unwrap_err().kind(),
        "notFound"
    );
    let before = version(&store, &second);
    store.remove_file(&second, &b.id).unwrap();
    assert_eq!(version(&store, &second), before + 1);
    assert_eq!(
        (count(&store, "file_contents"), count(&store, "file_data")),
        (0, 0)
    );
    assert!(resource_hits(&store, "frontalieres").is_empty());
    assert_eq!(store.read_file(&b.id).unwrap_err().kind(), "notFound");
}

#[test]
fn file_names_are_kept_without_their_folders() {
    let (_dir, mut store) = common::seeded_store();
    let resource = new_resource(&mut store, "Guide").unwrap();
    let file = store
        .attach_file(&resource, "C:\\Users\\moi\\Bureau\\note.txt", b"Bonjour")
        .unwrap();
    assert_eq!(file.name, "note.txt");
    let error = store.attach_file(&resource, "  ", b"Bonjour").unwrap_err();
    assert_eq!(error.kind(), "validation");
}

#[test]
fn hostile_files_never_panic() {
    let samples = [
        (
            "a.pdf",
            pdf(&[
                "Un texte assez long pour être coupé en morceaux.",
                "Deuxième page",
            ]),
        ),
        ("a.pdf", encrypted_pdf(&pdf(&["secret"]), "motdepasse")),
        ("a.docx", docx(&["Un paragraphe", "Un autre"])),
        ("a.odt", open_document("text", &["Un paragraphe"])),
    ];
    for (name, bytes) in samples {
        for cut in (1..bytes.len()).step_by(7) {
            let _ = inspect(name, &bytes[..cut]);
        }
        for position in (0..bytes.len()).step_by(5) {
            let mut damaged = bytes.clone();
            damaged[position] ^= 0x5A;
            let _ = inspect(name, &damaged);
        }
    }
}

#[test]
fn a_zip_bomb_is_read_within_bounds() {
    // 300 MB of the same letter inflate from a few hundred kilobytes; the text kept is capped.
    let huge = vec![b'a'; 300 * 1024 * 1024];
    let document = [
        b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".as_slice(),
        &huge,
    ]
    .concat();
    drop(huge);
    let types = r#"<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#;
    let bomb = zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("word/document.xml", &document),
    ]);
    drop(document);
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    let inspected = inspect("bombe.docx", &bomb).unwrap();
    assert!(inspected.text.len() <= passerelle_core::attachments::MAX_TEXT_BYTES);
}
