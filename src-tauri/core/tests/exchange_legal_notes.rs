//! Legal notes in the JSON exchange file: every field with its bases travels, the round trip is
//! byte-identical (into an empty database and into one with its own reference ids), a change on
//! one side is taken by the other with the usual merge rules, a conflict names the note, and a
//! bad note or a link to nothing is refused naming the note.

mod common;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::model::*;
use passerelle_core::Store;

fn full_note(store: &Store) -> LegalNoteInput {
    LegalNoteInput {
        question: "Un agent territorial peut-il être mis à disposition d'un GECT ?".into(),
        short_answer: "Oui, sous conditions.".into(),
        full_answer: "La convention précise les missions.\n\nElle est signée par les deux parties."
            .into(),
        bases: vec![
            LegalBasis {
                kind: "code_article".into(),
                identifier: "Code général de la fonction publique".into(),
                article: "L. 512-6".into(),
                date: "2021-03-01".into(),
                url: "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000044416551".into(),
            },
            LegalBasis {
                kind: "eu_regulation".into(),
                identifier: "Règlement (CE) n° 1082/2006".into(),
                date: "2006-07-05".into(),
                ..Default::default()
            },
        ],
        countries: vec!["FR".into(), "DE".into()],
        territory_ids: store
            .list_territories()
            .unwrap()
            .iter()
            .take(2)
            .map(|t| t.meta.id.clone())
            .collect(),
        theme_ids: vec![theme_id(store, "Transport"), theme_id(store, "Santé")],
        profession_ids: vec![store.list_professions().unwrap()[3].meta.id.clone()],
        up_to_date: "2026-01-15".into(),
        review_date: "2027-01-15".into(),
        author: "Claire Juriste".into(),
        resource_ids: Vec::new(),
    }
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn legal_notes_travel_whole_and_the_round_trip_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_with_reference(&dir.path().join("a.db")).unwrap();
    let mut input = full_note(&a);
    for title in ["Guide de la mise à disposition", "Étude sur les GECT"] {
        let resource = a
            .create_resource(&ResourceInput {
                title: title.into(),
                kind: "guide".into(),
                status: "published".into(),
                ..Default::default()
            })
            .unwrap();
        // The note's order, not the resources' (the second one first).
        input.resource_ids.insert(0, resource.meta.id);
    }
    let note = a.create_legal_note(&input).unwrap();
    let first = json::export(&mut a).unwrap();
    let text = std::str::from_utf8(&first).unwrap();
    assert!(
        text.contains("\"legalNotes\": ["),
        "the list is in the file"
    );
    assert!(text.contains("\"identifier\": \"Règlement (CE) n° 1082/2006\""));

    // Into an empty database: the same note, the same bytes.
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    json::apply(&mut empty, &first, &JsonImportChoices::default()).unwrap();
    let copy = empty.get_legal_note(&note.meta.id).unwrap();
    assert_eq!(copy.meta, note.meta);
    assert_eq!(copy.data.bases, note.data.bases);
    assert_eq!(
        copy.data.resource_ids, note.data.resource_ids,
        "resources in order"
    );
    assert_eq!(
        copy.data.countries,
        ["FR", "DE"],
        "countries keep their order"
    );
    assert_eq!(
        copy.data.theme_ids,
        sorted(note.data.theme_ids.clone()),
        "sets travel sorted"
    );
    assert_eq!(json::export(&mut empty).unwrap(), first);
    // The imported note is searchable at once.
    let found = empty
        .list_legal_notes(&LegalNoteFilter {
            query: "1082".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);

    // Into a database with its own reference ids: links follow the reference records.
    let mut fresh = Store::open_with_reference(&dir.path().join("fresh.db")).unwrap();
    let preview = json::preview(&fresh, &first).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut fresh, &first, &JsonImportChoices::default()).unwrap();
    assert_eq!(json::export(&mut fresh).unwrap(), first);
    let imported = fresh.get_legal_note(&note.meta.id).unwrap();
    assert_eq!(
        sorted(imported.data.territory_ids.clone()),
        sorted(note.data.territory_ids.clone())
    );
    // The theme the note names cannot be deleted in the fresh database either.
    assert!(fresh.delete_theme(&imported.data.theme_ids[0]).is_err());

    // A change on one side is taken by the other.
    let mut input = imported.data.clone();
    input.bases.pop();
    input.up_to_date = "2026-06-01".into();
    fresh
        .update_legal_note(&imported.meta.id, imported.meta.version, &input)
        .unwrap();
    let second = json::export(&mut fresh).unwrap();
    let preview = json::preview(&a, &second).unwrap();
    assert_eq!((preview.updated, preview.conflicts.len()), (1, 0));
    json::apply(&mut a, &second, &JsonImportChoices::default()).unwrap();
    let back = a.get_legal_note(&note.meta.id).unwrap();
    assert_eq!(back.data.bases.len(), 1);
    assert_eq!(back.data.up_to_date, "2026-06-01");

    // Changed on both sides: a conflict naming the note and the fields.
    let mut ours = back.data.clone();
    ours.author = "Autre juriste".into();
    a.update_legal_note(&back.meta.id, back.meta.version, &ours)
        .unwrap();
    let theirs_note = fresh.get_legal_note(&note.meta.id).unwrap();
    let mut theirs = theirs_note.data.clone();
    theirs.short_answer = "Non.".into();
    fresh
        .update_legal_note(&theirs_note.meta.id, theirs_note.meta.version, &theirs)
        .unwrap();
    let third = json::export(&mut fresh).unwrap();
    let preview = json::preview(&a, &third).unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{preview:?}");
    let conflict = &preview.conflicts[0];
    assert_eq!(conflict.entity, "legalNote");
    assert_eq!(conflict.entity_label, "Fiche juridique");
    assert_eq!(conflict.label, note.data.question);
    assert!(conflict.fields.contains(&"Réponse courte".to_string()));
    assert!(conflict.fields.contains(&"Auteur".to_string()));
}

#[test]
fn a_bad_note_or_a_link_to_nothing_is_refused_naming_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_with_reference(&dir.path().join("a.db")).unwrap();
    a.create_legal_note(&full_note(&a)).unwrap();
    let file = json::export(&mut a).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let mut target = Store::open(&dir.path().join("b.db")).unwrap();

    let mut without_identifier = value.clone();
    without_identifier["legalNotes"][0]["bases"][1]["identifier"] = "".into();
    let bytes = serde_json::to_vec(&without_identifier).unwrap();
    let error = json::preview(&target, &bytes).unwrap_err();
    let message = error.to_string();
    assert_eq!(error.kind(), "invalidFile");
    assert!(message.contains("mis à disposition d'un GECT"), "{message}");
    assert!(
        message.contains("Base légale n° 2 : l'identifiant du texte est obligatoire."),
        "{message}"
    );

    let mut dangling = value.clone();
    dangling["legalNotes"][0]["resourceIds"] = serde_json::json!(["no-such-resource"]);
    let bytes = serde_json::to_vec(&dangling).unwrap();
    let message = json::preview(&target, &bytes).unwrap_err().to_string();
    assert!(
        message.contains("la ressource d’identifiant no-such-resource"),
        "{message}"
    );
    assert!(
        json::apply(&mut target, &bytes, &JsonImportChoices::default()).is_err(),
        "nothing is imported"
    );
    assert_eq!(
        target
            .list_legal_notes(&LegalNoteFilter::default())
            .unwrap()
            .total,
        0
    );
}
