//! The real app under Xvfb, through the library: a resource created in its form (linked to an
//! event, its review date passed), a generated PDF attached through the command that files
//! dropped on the window use (the native dialog cannot be driven), the resource found in the
//! global search by a word that is only inside the PDF, then listed on the event page and in the
//! home view's « À réviser » card; a legal note written with a legal basis, its page shown, and
//! the « fiche juridique » it prints read back with pdftotext. The resources list, the resource
//! form and page, the legal notes list, form and page, and the event page with its « Ressources »
//! card pass the accessibility audit.

use std::path::Path;

use passerelle_core::model::{EventInput, LegalNoteFilter, ResourceFilter};
use passerelle_core::printing::legal_note_pdf;
use passerelle_core::Store;
use passerelle_e2e::Session;

const EVENT_CODE: &str = "GECT-MAD-2027";
const EVENT_TITLE: &str = "Mettre un agent à disposition d'un GECT";
const TITLE: &str = "Guide de la mise à disposition transfrontalière";
/// A word that is in the attached PDF and nowhere else.
const INSIDE_WORD: &str = "Zwischengemeindlich";
const QUESTION: &str = "Un agent territorial peut-il être mis à disposition d'un GECT ?";

/// A one-page PDF whose text is `lines` (Helvetica, WinAnsi: ASCII here), as simple as a PDF
/// gets, with a correct cross-reference table.
fn simple_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 760 Td 16 TL\n");
    for line in lines {
        content.push_str(&format!("({line}) Tj T*\n"));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// The text of a PDF, whitespace collapsed.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    store
        .create_event(&EventInput {
            code: EVENT_CODE.into(),
            title: EVENT_TITLE.into(),
            kind: "seminar".into(),
            status: "planned".into(),
            start_date: "2027-05-11".into(),
            end_date: "2027-05-11".into(),
            city: "Strasbourg".into(),
            ..Default::default()
        })
        .expect("event");
}

/// The resource, through its form: title, kind, a review date already passed, the event.
async fn create_resource(session: &Session, event_id: &str) {
    session.click("nav-ressources").await;
    session.testid("resources-search").await;
    session.audit("resources list (empty)").await;
    session.click("resource-new").await;
    session.type_into("resource-title", TITLE).await;
    session.choose("resource-kind", "guide").await;
    session.choose("resource-status", "published").await;
    session
        .type_into("resource-publicationDate", "03/2026")
        .await;
    session.type_into("resource-reviewDate", "01/01/2026").await;
    session.click("resource-add-event").await;
    session.choose("resource-event-0", event_id).await;
    session.settled("[data-testid=\"resource-save\"]").await;
    session.audit("resource form").await;
    session.click("resource-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistrée")
        .await;
    session.testid("files-card").await;
}

/// What `attach_resource_files` (the drop's command) answered for `path`.
async fn attach_as_dropped(session: &Session, resource_id: &str, path: &Path) -> serde_json::Value {
    const ATTACH: &str = r#"
        const done = arguments[arguments.length - 1];
        window.__TAURI__.core.invoke('attach_resource_files', { resourceId: arguments[0], paths: [arguments[1]] })
            .then((outcome) => done(JSON.stringify(outcome)))
            .catch((error) => done(JSON.stringify({ error })));
    "#;
    let answer = session
        .client
        .execute_async(
            ATTACH,
            vec![
                serde_json::json!(resource_id),
                serde_json::json!(path.display().to_string()),
            ],
        )
        .await
        .expect("the attach command ran");
    serde_json::from_str(answer.as_str().unwrap_or_default()).expect("its JSON answer")
}

async fn attach_and_find(session: &Session, resource_id: &str) {
    let pdf = session.db_dir.path().join("guide-mise-a-disposition.pdf");
    std::fs::write(
        &pdf,
        simple_pdf(&[
            "Guide de la MOT",
            &format!("Le regime {INSIDE_WORD} des agents"),
        ]),
    )
    .unwrap();
    let outcome = attach_as_dropped(session, resource_id, &pdf).await;
    assert_eq!(outcome["refused"], serde_json::json!([]), "{outcome}");
    assert_eq!(
        outcome["attached"][0]["name"],
        "guide-mise-a-disposition.pdf"
    );
    assert_eq!(outcome["attached"][0]["mediaType"], "application/pdf");
    assert_eq!(outcome["attached"][0]["textStatus"], "extracted");
    // A file that is no PDF under a PDF's name is refused with the file named, nothing stored.
    let fake = session.db_dir.path().join("faux.pdf");
    std::fs::write(&fake, b"MZ this is not a PDF at all").unwrap();
    let refused = attach_as_dropped(session, resource_id, &fake).await;
    assert_eq!(refused["attached"], serde_json::json!([]), "{refused}");
    assert!(
        refused["refused"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("faux.pdf"),
        "{refused}"
    );

    session.client.refresh().await.unwrap();
    session
        .wait_for_text(
            "[data-testid=\"resource-files\"]",
            "guide-mise-a-disposition.pdf",
        )
        .await;
    session
        .wait_for_text("[data-testid=\"file-text-status\"]", "Texte indexé")
        .await;
    assert_eq!(session.count("[data-testid=\"resource-file\"]").await, 1);
    session.settled("[data-testid=\"files-card\"]").await;
    session.screenshot("resource-page").await;
    session.audit("resource page with its file").await;

    session.type_into("global-search", INSIDE_WORD).await;
    let hits = session
        .wait_for_text("[data-testid=\"global-search-results\"]", TITLE)
        .await;
    assert!(hits.to_lowercase().contains("ressource"), "{hits}");
    session
        .click_xpath(
            "//a[@data-testid='global-search-hit'][@data-entity='resource']",
            "the resource's hit",
        )
        .await;
    session.testid("files-card").await;
}

async fn event_and_home(session: &Session, event_id: &str) {
    session
        .client
        .execute(
            "location.hash = '#/evenements/' + arguments[0];",
            vec![serde_json::json!(event_id)],
        )
        .await
        .unwrap();
    session
        .wait_for_text("[data-testid=\"event-own-resources\"]", TITLE)
        .await;
    session.scroll_to("event-resources-card").await;
    session.screenshot("event-resources").await;
    session.audit("event page with its resources").await;
    session.click("nav-accueil").await;
    session
        .wait_for_text("[data-testid=\"home-reviews\"]", TITLE)
        .await;
    session.audit("home with the reviews card").await;
}

async fn write_note(session: &Session) {
    session.click("nav-juridique").await;
    session.testid("notes-search").await;
    session.audit("legal notes list (empty)").await;
    session.click("note-new").await;
    session.type_into("note-question", QUESTION).await;
    session
        .type_into(
            "note-shortAnswer",
            "Oui, par convention, pour une durée de trois ans renouvelable.",
        )
        .await;
    session.type_into("note-upToDate", "15/11/2026").await;
    session
        .type_into("note-author", "Service juridique de la MOT")
        .await;
    session.click("note-add-basis").await;
    session.choose("note-basis-0-kind", "code_article").await;
    session
        .type_into(
            "note-basis-0-identifier",
            "Code général de la fonction publique",
        )
        .await;
    session.type_into("note-basis-0-article", "L. 512-6").await;
    session.settled("[data-testid=\"note-save\"]").await;
    session.audit("legal note form").await;
    session.click("note-save").await;
    session
        .wait_for_text("[data-testid=\"toasts\"]", "enregistrée")
        .await;
    session
        .wait_for_text("[data-testid=\"note-bases\"]", "L. 512-6")
        .await;
    session.testid("note-print").await;
    session.audit("legal note page").await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_resource_is_found_by_a_word_inside_its_pdf_and_a_legal_note_prints() {
    let session = Session::start_seeded(4660, seed).await;
    let event_id = {
        let store = Store::open(&session.db_path()).unwrap();
        store.find_event_by_code(EVENT_CODE).unwrap().meta.id
    };
    create_resource(&session, &event_id).await;
    let resource_id = {
        let store = Store::open(&session.db_path()).unwrap();
        let page = store.list_resources(&ResourceFilter::default()).unwrap();
        assert_eq!(page.total, 1);
        page.items[0].id.clone()
    };
    attach_and_find(&session, &resource_id).await;
    event_and_home(&session, &event_id).await;
    write_note(&session).await;

    // What the app stored, and the « fiche juridique » that « Imprimer la fiche » prints.
    let store = Store::open(&session.db_path()).unwrap();
    let resource = store.get_resource(&resource_id).unwrap();
    assert_eq!(resource.data.event_ids, [event_id]);
    assert_eq!(resource.data.publication_date, "2026-03");
    assert_eq!(resource.files.len(), 1);
    let notes = store.list_legal_notes(&LegalNoteFilter::default()).unwrap();
    assert_eq!(notes.total, 1);
    let text = pdf_text(&legal_note_pdf(&store, &notes.items[0].id).unwrap());
    for expected in [
        QUESTION,
        "Code général de la fonction publique",
        "L. 512-6",
        "15 novembre 2026",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the note: {text}"
        );
    }
    session.stop().await;
}
