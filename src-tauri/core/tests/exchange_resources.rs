//! Resources in the JSON exchange file: the round trip export → import → export gives the same
//! bytes, links to reference records follow their re-keys, changes on one side are taken and
//! changes on both are conflicts, a file's references to files whose content is nowhere are
//! refused, and imported resources are searchable.

mod common;

use std::path::Path;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};
use serde_json::Value;

fn keep_all() -> JsonImportChoices {
    JsonImportChoices::default()
}

fn mot(store: &Store) -> String {
    store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some("mot"))
        .unwrap()
        .meta
        .id
}

/// The bytes of the text file attached in these tests, and their SHA-256.
const NOTE: &[u8] = b"Le d\xc3\xa9tachement des fonctionnaires";

fn sha() -> String {
    passerelle_core::attachments::sha256_hex(NOTE)
}

/// Attaches the note to `resource` under the name `note.txt`.
fn attach(store: &mut Store, resource: &str) {
    store.attach_file(resource, "note.txt", NOTE).unwrap();
}

/// A database with an expert, an event with a session, and two resources: one linked to
/// everything (the MOT as publisher, a shipped theme, territory and profession), one plain.
fn populated(path: &Path) -> Store {
    let mut store = Store::open_with_reference(path).unwrap();
    let author = store.create_expert(&expert("Léa", "Schäfer")).unwrap();
    let visit = store
        .create_event(&event("VE-2025", "2025-05-12", "2025-05-14"))
        .unwrap();
    let talk = store
        .create_session(
            &visit.meta.id,
            &session("2025-05-12", "09:30", "11:00", "Le GECT au quotidien"),
        )
        .unwrap();
    let input = ResourceInput {
        title: "Guide de la mobilité des agents".into(),
        kind: "guide".into(),
        summary: "La mise à disposition auprès d'un GECT, étape par étape.".into(),
        authors: vec![
            ResourceAuthor {
                expert_id: Some(author.meta.id.clone()),
                organisation_id: None,
                role: "author".into(),
            },
            ResourceAuthor {
                expert_id: None,
                organisation_id: Some(mot(&store)),
                role: "publisher".into(),
            },
        ],
        publication_date: "2024-03".into(),
        languages: vec!["fr".into(), "de".into()],
        theme_ids: vec![
            theme_id(&store, "Transport"),
            store.list_themes().unwrap()[0].meta.id.clone(),
        ],
        territory_ids: vec![store.list_territories().unwrap()[1].meta.id.clone()],
        profession_ids: vec![store.list_professions().unwrap()[3].meta.id.clone()],
        event_ids: vec![visit.meta.id.clone()],
        session_ids: vec![talk.meta.id.clone()],
        audience: "Agents territoriaux".into(),
        status: "published".into(),
        review_date: "2026-06-30".into(),
        rights: "Licence Ouverte 2.0".into(),
        reference: "https://www.espaces-transfrontaliers.org/".into(),
        notes: "Relu.".into(),
    };
    store.create_resource(&input).unwrap();
    store
        .create_resource(&ResourceInput {
            title: "Rapport annuel".into(),
            kind: "report".into(),
            status: "draft".into(),
            ..Default::default()
        })
        .unwrap();
    store
}

fn resource_titled(store: &Store, title: &str) -> Resource {
    store
        .all_resources()
        .unwrap()
        .into_iter()
        .find(|r| r.data.title == title)
        .unwrap_or_else(|| panic!("resource {title}"))
}

fn refused(error: CoreError) -> String {
    assert_eq!(error.kind(), "invalidFile", "{error}");
    error.to_string()
}

#[test]
fn resources_come_back_byte_for_byte_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let first = json::export(&mut a).unwrap();
    let file: Value = serde_json::from_slice(&first).unwrap();
    let resources = file["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 2);
    let guide = resources
        .iter()
        .find(|r| r["title"] == "Guide de la mobilité des agents")
        .unwrap();
    assert_eq!(guide["authors"][1]["role"], "publisher");
    assert_eq!(guide["files"], Value::Array(Vec::new()));
    assert_eq!(guide["publicationDate"], "2024-03");

    // A fresh database with its own reference ids: the links follow A's ids.
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let preview = json::preview(&b, &first).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut b, &first, &keep_all()).unwrap();
    assert_eq!(json::export(&mut b).unwrap(), first);
    let read = resource_titled(&b, "Guide de la mobilité des agents");
    // Everything arrives; links that are sets (themes…) arrive sorted.
    let mut sent = resource_titled(&a, "Guide de la mobilité des agents");
    sent.data.theme_ids.sort();
    assert_eq!(read, sent);
    assert_eq!(read.data.authors[1].organisation_id, Some(mot(&b)));

    // Found by a word of its summary and by its author's name, accents aside.
    for query in ["etape", "schafer"] {
        let found = b
            .list_resources(&ResourceFilter {
                query: query.into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.total, 1, "{query}");
    }
    // Importing the same file again changes nothing.
    let summary = json::apply(&mut b, &first, &keep_all()).unwrap();
    assert_eq!(summary.added + summary.updated + summary.kept_local, 0);
    assert_eq!(json::export(&mut b).unwrap(), first);
    assert_eq!(b.integrity_check().unwrap(), "ok");
}

/// A file from an older release names the reference records by other ids: its resources'
/// links are mapped onto ours, and B's own resource, written on B's MOT and themes, keeps them.
#[test]
fn an_older_files_resources_follow_our_reference_ids_and_ours_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let file = with_older_reference_ids(&json::export(&mut a).unwrap());
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let theme = theme_id(&b, "Transport");
    let territory = b.list_territories().unwrap()[1].meta.id.clone();
    let mine = b
        .create_resource(&ResourceInput {
            title: "Étude de B".into(),
            kind: "study".into(),
            status: "published".into(),
            authors: vec![ResourceAuthor {
                expert_id: None,
                organisation_id: Some(mot(&b)),
                role: "author".into(),
            }],
            theme_ids: vec![theme.clone()],
            territory_ids: vec![territory.clone()],
            ..Default::default()
        })
        .unwrap();
    json::apply(&mut b, &file, &keep_all()).unwrap();
    let mine = b.get_resource(&mine.meta.id).unwrap();
    assert_eq!(mine.data.authors[0].organisation_id, Some(mot(&a)));
    assert_eq!(mine.data.theme_ids, vec![theme_id(&a, "Transport")]);
    assert_eq!(
        mine.data.theme_ids,
        vec![theme.clone()],
        "one id on both laptops"
    );
    assert_eq!(mine.data.territory_ids, vec![territory.clone()]);
    assert_eq!(
        mine.data.territory_ids,
        vec![a.list_territories().unwrap()[1].meta.id.clone()]
    );
    assert_eq!(b.resources_of_organisation(&mot(&a)).unwrap().len(), 2);
    assert_eq!(b.integrity_check().unwrap(), "ok");
}

#[test]
fn a_change_on_one_side_is_taken_and_on_both_sides_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    json::apply(&mut b, &json::export(&mut a).unwrap(), &keep_all()).unwrap();

    let edit = |store: &mut Store, title: &str, change: &dyn Fn(&mut ResourceInput)| {
        let r = resource_titled(store, title);
        let mut data = r.data.clone();
        change(&mut data);
        store
            .update_resource(&r.meta.id, r.meta.version, &data)
            .unwrap();
    };
    edit(&mut a, "Rapport annuel", &|d| d.status = "published".into());
    let summary = json::apply(&mut b, &json::export(&mut a).unwrap(), &keep_all()).unwrap();
    assert_eq!(summary.updated, 1);
    assert_eq!(
        resource_titled(&b, "Rapport annuel").data.status,
        "published"
    );

    edit(&mut a, "Guide de la mobilité des agents", &|d| {
        d.summary = "Version A".into()
    });
    edit(&mut b, "Guide de la mobilité des agents", &|d| {
        d.summary = "Version B".into();
        d.review_date = "2027-01-01".into();
    });
    let file = json::export(&mut a).unwrap();
    let preview = json::preview(&b, &file).unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{preview:?}");
    let conflict = &preview.conflicts[0];
    assert_eq!(
        (conflict.entity.as_str(), conflict.entity_label.as_str()),
        ("resource", "Ressource")
    );
    assert_eq!(conflict.label, "Guide de la mobilité des agents");
    assert_eq!(conflict.fields, vec!["Résumé", "Date de révision"]);
    let take = JsonImportChoices {
        take_incoming: vec![conflict.id.clone()],
    };
    json::apply(&mut b, &file, &take).unwrap();
    let taken = resource_titled(&b, "Guide de la mobilité des agents");
    assert_eq!(
        (taken.data.summary.as_str(), taken.data.review_date.as_str()),
        ("Version A", "2026-06-30")
    );
}

#[test]
fn file_references_travel_and_one_whose_content_is_nowhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let guide = resource_titled(&a, "Guide de la mobilité des agents");
    attach(&mut a, &guide.meta.id);
    let attached = a.get_resource(&guide.meta.id).unwrap().files[0].clone();
    let first = json::export(&mut a).unwrap();
    let file: Value = serde_json::from_slice(&first).unwrap();
    let files = file["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == guide.meta.id.as_str())
        .unwrap()["files"]
        .clone();
    assert_eq!(
        files,
        serde_json::json!([{
            "id": attached.id,
            "name": "note.txt",
            "sha256": sha(),
            "addedAt": attached.added_at
        }])
    );

    // B has the same content already (attached to one of its own resources): accepted.
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let own = b
        .create_resource(&ResourceInput {
            title: "Copie locale".into(),
            kind: "guide".into(),
            status: "draft".into(),
            ..Default::default()
        })
        .unwrap();
    attach(&mut b, &own.meta.id);
    json::apply(&mut b, &first, &keep_all()).unwrap();
    let read = b.get_resource(&guide.meta.id).unwrap();
    assert_eq!(read.files, vec![attached]);
    let found = b
        .list_resources(&ResourceFilter {
            query: "detachement".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        found.total, 2,
        "the file's text is indexed for the imported resource"
    );

    // A reference to a content neither in the file nor in this database: refused whole.
    // (Only the reference changes: the file's pool keeps its sound entry, which no record
    // names any more.)
    let unknown = "f".repeat(64);
    let mut changed: Value = serde_json::from_slice(&first).unwrap();
    for resource in changed["resources"].as_array_mut().unwrap() {
        for file in resource["files"].as_array_mut().unwrap() {
            file["sha256"] = Value::String(unknown.clone());
        }
    }
    let text = serde_json::to_string(&changed).unwrap();
    let mut c = Store::open_with_reference(&dir.path().join("c.db")).unwrap();
    let message = refused(json::apply(&mut c, text.as_bytes(), &keep_all()).unwrap_err());
    assert!(
        message.contains(&format!(
            "Ressource « Guide de la mobilité des agents » (identifiant {}) : le contenu de fichier d’identifiant {unknown} (Fichiers) n’existe ni dans le fichier ni dans cette base.",
            guide.meta.id
        )),
        "{message}"
    );
    assert!(c.all_resources().unwrap().is_empty());
}

#[test]
fn a_resource_with_a_bad_field_or_a_missing_link_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let first = String::from_utf8(json::export(&mut a).unwrap()).unwrap();
    let guide = resource_titled(&a, "Guide de la mobilité des agents");
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();

    let bad_kind = first.replace("\"kind\": \"report\"", "\"kind\": \"poster\"");
    let message = refused(json::apply(&mut b, bad_kind.as_bytes(), &keep_all()).unwrap_err());
    assert!(
        message.contains("Ressource « Rapport annuel »") && message.contains("« poster »"),
        "{message}"
    );
    let session = &guide.data.session_ids[0];
    let mut value: Value = serde_json::from_str(&first).unwrap();
    value["sessions"] = Value::Array(Vec::new());
    let no_session = serde_json::to_vec(&value).unwrap();
    let message = refused(json::apply(&mut b, &no_session, &keep_all()).unwrap_err());
    assert!(
        message.contains(&format!(
            "la séance d’identifiant {session} (Séances) n’existe ni dans le fichier ni dans cette base"
        )),
        "{message}"
    );
    assert!(b.all_resources().unwrap().is_empty());
}

#[test]
fn the_catalogue_as_csv_has_one_row_per_resource_in_title_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = populated(&dir.path().join("a.db"));
    let guide = resource_titled(&a, "Guide de la mobilité des agents");
    attach(&mut a, &guide.meta.id);
    let bytes = passerelle_core::exchange::resources_csv::export(&a).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Titre;Type;Auteurs;Date;Langues;Thèmes;Territoires;Statut;Révision;Référence;Droits;Fichiers"
    );
    let mot_name = a.get_organisation(&mot(&a)).unwrap().data.name;
    let themes: Vec<String> = guide
        .data
        .theme_ids
        .iter()
        .map(|id| a.get_theme(id).unwrap().data.label)
        .collect();
    let mut sorted = themes.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    let territory = a
        .get_territory(&guide.data.territory_ids[0])
        .unwrap()
        .data
        .name;
    let cells: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(
        cells,
        [
            "Guide de la mobilité des agents",
            "Guide",
            format!("Léa Schäfer (Auteur) | {mot_name} (Éditeur)").as_str(),
            "2024-03",
            "fr, de",
            sorted.join(" | ").as_str(),
            territory.as_str(),
            "Publiée",
            "30/06/2026",
            "https://www.espaces-transfrontaliers.org/",
            "Licence Ouverte 2.0",
            "note.txt",
        ]
    );
    assert_eq!(lines[2], "Rapport annuel;Rapport;;;;;;Brouillon;;;;");
    assert_eq!(lines[3], "", "a final CRLF");
    assert_eq!(lines.len(), 4);
}
