//! The example a new user adds (`passerelle demo`, « Ajouter l'exemple »): besides the study
//! visit, a labelled resource linked to it, with a PDF printed by Passerelle whose words are
//! found by the search, and a legal note that cites the resource. Adding it again adds nothing.

mod common;

use std::process::Command;

use common::*;
use passerelle_core::example::{add_example, EXAMPLE_FILE_NAME, EXAMPLE_RESOURCE_TITLE};
use passerelle_core::model::*;
use passerelle_core::printing::PrintJob;

#[test]
fn the_example_brings_a_resource_with_a_searchable_pdf_and_a_legal_note_once() {
    let (dir, mut store) = seeded_store();
    let event_id = add_example(&mut store).unwrap();
    assert_eq!(add_example(&mut store).unwrap(), event_id, "added twice");

    let resources = store.all_resources().unwrap();
    assert_eq!(resources.len(), 1, "the second call added nothing");
    let resource = &resources[0];
    assert_eq!(resource.data.title, EXAMPLE_RESOURCE_TITLE);
    assert!(resource.data.title.starts_with("[Exemple]"));
    assert_eq!(resource.files.len(), 1);
    let file = &resource.files[0];
    assert_eq!(file.name, EXAMPLE_FILE_NAME);
    assert_eq!(file.media_type, "application/pdf");
    assert_eq!(file.text_status, "extracted");

    // The event's page and its dossier list the resource.
    let linked = store.resources_of_event(&event_id).unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].id, resource.meta.id);

    // « évaluation » is only in the note's full answer, printed in the attached PDF: the
    // resource is found through its file, accents aside.
    let hits = store.search_all("evaluation", 10).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.entity == "resource" && h.id == resource.meta.id),
        "{hits:?}"
    );

    let notes = store.list_legal_notes(&LegalNoteFilter::default()).unwrap();
    assert_eq!(notes.total, 1);
    let note = store.get_legal_note(&notes.items[0].id).unwrap();
    assert!(note.data.question.starts_with("[Exemple]"));
    assert_eq!(note.data.resource_ids, vec![resource.meta.id.clone()]);

    // The attached PDF is the note as printed: read back with poppler.
    let (_, bytes) = store.read_file(&file.id).unwrap();
    let path = dir.path().join("exemple.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("mis à disposition d'un GECT"), "{text}");
    assert!(text.contains("L. 512-6"), "{text}");

    // Every word a reader sees in the PDF finds the resource, those that end or start a line
    // included (they used to be read as one word with their neighbour on the next line).
    let words: std::collections::BTreeSet<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    assert!(words.len() > 50, "{words:?}");
    for word in words {
        let hits = store.search_all(&word, 200).unwrap();
        assert!(
            hits.iter()
                .any(|h| h.entity == "resource" && h.id == resource.meta.id),
            "« {word} » does not find the resource"
        );
    }

    // The visit's bilingual programme, with its « Ressources » section asked for, titles the
    // section in both languages.
    let job = PrintJob::read_programme(&store, &event_id, Some(PartnerLanguage::German))
        .unwrap()
        .with_resources(&store, &event_id)
        .unwrap();
    let path = dir.path().join("programme.pdf");
    std::fs::write(&path, job.render().unwrap()).unwrap();
    let text = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Ressources / Ressourcen"), "{text}");
    assert!(text.contains("Guide de la mise à disposition"), "{text}");
}
