//! Resources of the library on real database files: every field written and read back, the
//! form's rules in French with nothing written on a refusal, optimistic versions, the list's
//! filters, sorts, paging and passages (inside an attached file too), the pages that list a
//! record's resources, the reviews due, and the deletions a resource forbids.

mod common;

use common::*;
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

/// The record's first author, a real expert; the organisation, themes… from the reference.
struct Links {
    expert: String,
    organisation: String,
    theme: String,
    territory: String,
    profession: String,
    event: String,
    session: String,
}

fn links(store: &mut Store) -> Links {
    let expert = store.create_expert(&expert("Léa", "Schäfer")).unwrap();
    let event = store
        .create_event(&event("VE-2025", "2025-05-12", "2025-05-14"))
        .unwrap();
    let session = store
        .create_session(
            &event.meta.id,
            &session("2025-05-12", "09:30", "11:00", "Le GECT au quotidien"),
        )
        .unwrap();
    Links {
        expert: expert.meta.id,
        organisation: store.list_organisations().unwrap()[0].meta.id.clone(),
        theme: theme_id(store, "Transport"),
        territory: store.list_territories().unwrap()[1].meta.id.clone(),
        profession: store.list_professions().unwrap()[3].meta.id.clone(),
        event: event.meta.id,
        session: session.meta.id,
    }
}

fn resource(title: &str) -> ResourceInput {
    ResourceInput {
        title: title.into(),
        kind: "guide".into(),
        status: "published".into(),
        ..Default::default()
    }
}

fn full_resource(l: &Links) -> ResourceInput {
    ResourceInput {
        title: "Guide de la mobilité des agents territoriaux".into(),
        kind: "guide".into(),
        summary: "Comment un agent peut travailler de l'autre côté de la frontière.".into(),
        authors: vec![
            ResourceAuthor {
                expert_id: Some(l.expert.clone()),
                organisation_id: None,
                role: "author".into(),
            },
            ResourceAuthor {
                expert_id: None,
                organisation_id: Some(l.organisation.clone()),
                role: "publisher".into(),
            },
        ],
        publication_date: "2024-03".into(),
        languages: vec!["fr".into(), "de".into()],
        theme_ids: vec![l.theme.clone()],
        territory_ids: vec![l.territory.clone()],
        profession_ids: vec![l.profession.clone()],
        event_ids: vec![l.event.clone()],
        session_ids: vec![l.session.clone()],
        audience: "Agents des collectivités frontalières".into(),
        status: "published".into(),
        review_date: "2026-06-30".into(),
        rights: "Licence Ouverte 2.0".into(),
        reference: "https://www.espaces-transfrontaliers.org/guide-mobilite".into(),
        notes: "Version relue par le service juridique.".into(),
    }
}

fn message(error: &CoreError, field: &str) -> String {
    let fields = error.fields();
    fields
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("no message on {field}: {fields:?}"))
        .message
        .clone()
}

fn titles(page: &Page<ResourceSummary>) -> Vec<&str> {
    page.items.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn a_resource_with_every_field_is_read_back_from_the_file() {
    let (dir, mut store) = seeded_store();
    let l = links(&mut store);
    let mut input = full_resource(&l);
    input.reference = "  https://www.espaces-transfrontaliers.org/guide-mobilite  ".into();
    input.rights = " Licence Ouverte 2.0 ".into();
    let created = store.create_resource(&input).unwrap();
    assert_eq!(created.meta.version, 1);
    store.close().unwrap();

    let store = Store::open(&dir.path().join("passerelle.db")).unwrap();
    let read = store.get_resource(&created.meta.id).unwrap();
    assert_eq!(read.data, full_resource(&l), "trimmed reference and rights");
    assert!(read.files.is_empty());
    assert_eq!(read, created);
}

#[test]
fn each_bad_input_gets_its_french_message_and_nothing_is_written() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let mut input = full_resource(&l);
    input.title = "   ".into();
    input.kind = "poster".into();
    input.status = String::new();
    input.publication_date = "2023-02-29".into();
    input.review_date = "30/06/2026".into();
    input.languages = vec!["fr".into(), "xx".into()];
    input.authors[1].expert_id = Some(l.expert.clone());
    input.authors.push(ResourceAuthor {
        expert_id: None,
        organisation_id: None,
        role: "reader".into(),
    });
    let error = store.create_resource(&input).unwrap_err();
    assert_eq!(message(&error, "title"), "Le titre est obligatoire.");
    assert_eq!(
        message(&error, "kind"),
        "Le type de ressource : valeur inconnue « poster »."
    );
    assert_eq!(message(&error, "status"), "Le statut est obligatoire.");
    assert!(message(&error, "publicationDate").contains("« 2023-02-29 » n'est pas une date valide"));
    assert!(
        message(&error, "reviewDate").starts_with("La date de révision n'est pas une date valide")
    );
    assert!(message(&error, "languages.1").contains("« xx » n'est pas un code de langue ISO 639-1"));
    assert_eq!(
        message(&error, "authors.1"),
        "Auteur n° 2 : choisissez un expert ou une structure, pas les deux."
    );
    let third: Vec<String> = error
        .fields()
        .into_iter()
        .filter(|f| f.field == "authors.2")
        .map(|f| f.message)
        .collect();
    assert_eq!(
        third,
        [
            "Auteur n° 3 : choisissez un expert ou une structure.",
            "Auteur n° 3 : rôle inconnu « reader » (auteur, contributeur ou éditeur)."
        ]
    );
    let long = ResourceInput {
        title: "é".repeat(301),
        ..resource("")
    };
    let error = store.create_resource(&long).unwrap_err();
    assert_eq!(
        message(&error, "title"),
        "Le titre dépasse 300 caractères (301 saisis)."
    );
    assert_eq!(store.list_resources(&Default::default()).unwrap().total, 0);
}

#[test]
fn unknown_linked_records_are_refused_inside_the_write() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let cases: Vec<(&str, Box<dyn Fn(&mut ResourceInput)>, &str)> = vec![
        (
            "authors.0",
            Box::new(|i| i.authors[0].expert_id = Some("expert-disparu".into())),
            "Auteur n° 1 : l'expert choisi n'existe plus (identifiant expert-disparu).",
        ),
        (
            "authors.1",
            Box::new(|i| i.authors[1].organisation_id = Some("org-disparue".into())),
            "Auteur n° 2 : la structure choisie n'existe plus (identifiant org-disparue).",
        ),
        (
            "themeIds",
            Box::new(|i| i.theme_ids.push("theme-disparu".into())),
            "Le thème",
        ),
        (
            "territoryIds",
            Box::new(|i| i.territory_ids = vec!["t-disparu".into()]),
            "Le territoire",
        ),
        (
            "professionIds",
            Box::new(|i| i.profession_ids = vec!["p-disparu".into()]),
            "Le métier",
        ),
        (
            "eventIds",
            Box::new(|i| i.event_ids = vec!["ev-disparu".into()]),
            "L'événement",
        ),
        (
            "sessionIds",
            Box::new(|i| i.session_ids = vec!["s-disparue".into()]),
            "La séance",
        ),
    ];
    for (field, change, start) in cases {
        let mut input = full_resource(&l);
        change(&mut input);
        let error = store.create_resource(&input).unwrap_err();
        assert!(
            message(&error, field).starts_with(start),
            "{field}: {error:?}"
        );
    }
    assert_eq!(store.list_resources(&Default::default()).unwrap().total, 0);
    // An update naming a missing record leaves the saved one as it was.
    let saved = store.create_resource(&full_resource(&l)).unwrap();
    let mut input = full_resource(&l);
    input.title = "Nouveau titre".into();
    input.event_ids = vec!["ev-disparu".into()];
    assert!(store.update_resource(&saved.meta.id, 1, &input).is_err());
    assert_eq!(store.get_resource(&saved.meta.id).unwrap(), saved);
}

#[test]
fn an_edit_over_a_stale_version_is_refused() {
    let (_dir, mut store) = seeded_store();
    let created = store
        .create_resource(&resource("Étude Rhin supérieur"))
        .unwrap();
    let mut input = created.data.clone();
    input.summary = "Première relecture".into();
    let updated = store.update_resource(&created.meta.id, 1, &input).unwrap();
    assert_eq!(updated.meta.version, 2);
    input.summary = "Seconde fenêtre".into();
    let stale = store
        .update_resource(&created.meta.id, 1, &input)
        .unwrap_err();
    assert!(matches!(stale, CoreError::StaleVersion { .. }), "{stale:?}");
    assert!(stale.to_string().starts_with("La ressource a été modifié"));
    assert_eq!(
        store.get_resource(&created.meta.id).unwrap().data.summary,
        "Première relecture"
    );
    let missing = store.update_resource("inconnue", 1, &input).unwrap_err();
    assert!(matches!(missing, CoreError::NotFound { .. }), "{missing:?}");
}

#[test]
fn the_list_filters_sorts_and_pages() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let mut make = |title: &str, kind: &str, date: &str, change: &dyn Fn(&mut ResourceInput)| {
        let mut input = resource(title);
        input.kind = kind.into();
        input.publication_date = date.into();
        change(&mut input);
        store.create_resource(&input).unwrap()
    };
    make("zones d'activité", "study", "2021", &|_| {});
    make("Éducation sans frontière", "guide", "2024-03-15", &|i| {
        i.theme_ids = vec![l.theme.clone()];
        i.languages = vec!["de".into()];
    });
    make("Douane et fiscalité", "report", "2024", &|i| {
        i.territory_ids = vec![l.territory.clone()];
        i.status = "archived".into();
    });
    make("Fiscalité des frontaliers", "guide", "", &|i| {
        i.languages = vec!["fr".into(), "de".into()];
    });
    make("agents publics détachés", "legal_text", "2019-11", &|_| {});

    let list = |store: &Store, filter: ResourceFilter| store.list_resources(&filter).unwrap();
    let all = list(&store, Default::default());
    assert_eq!(all.total, 5);
    assert_eq!(
        titles(&all),
        [
            "agents publics détachés",
            "Douane et fiscalité",
            "Éducation sans frontière",
            "Fiscalité des frontaliers",
            "zones d'activité"
        ],
        "title order folds accents and case"
    );
    let by_date = list(
        &store,
        ResourceFilter {
            sort: "date".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        titles(&by_date)[..3],
        [
            "Éducation sans frontière",
            "Douane et fiscalité",
            "zones d'activité"
        ]
    );
    assert_eq!(
        by_date.items[4].title, "Fiscalité des frontaliers",
        "undated last"
    );
    let page = list(
        &store,
        ResourceFilter {
            limit: Some(2),
            offset: Some(2),
            ..Default::default()
        },
    );
    assert_eq!(page.total, 5);
    assert_eq!(
        titles(&page),
        ["Éducation sans frontière", "Fiscalité des frontaliers"]
    );
    let guides = list(
        &store,
        ResourceFilter {
            kind: Some("guide".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        titles(&guides),
        ["Éducation sans frontière", "Fiscalité des frontaliers"]
    );
    let theme = list(
        &store,
        ResourceFilter {
            theme_id: Some(l.theme.clone()),
            ..Default::default()
        },
    );
    assert_eq!(titles(&theme), ["Éducation sans frontière"]);
    let territory = list(
        &store,
        ResourceFilter {
            territory_id: Some(l.territory.clone()),
            ..Default::default()
        },
    );
    assert_eq!(titles(&territory), ["Douane et fiscalité"]);
    let german = list(
        &store,
        ResourceFilter {
            language: Some("de".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        titles(&german),
        ["Éducation sans frontière", "Fiscalité des frontaliers"]
    );
    let archived = list(
        &store,
        ResourceFilter {
            status: Some("archived".into()),
            ..Default::default()
        },
    );
    assert_eq!(titles(&archived), ["Douane et fiscalité"]);
    let of_2024 = list(
        &store,
        ResourceFilter {
            year: Some(2024),
            ..Default::default()
        },
    );
    assert_eq!(
        titles(&of_2024),
        ["Douane et fiscalité", "Éducation sans frontière"]
    );
    let none = list(
        &store,
        ResourceFilter {
            year: Some(2024),
            kind: Some("study".into()),
            ..Default::default()
        },
    );
    assert_eq!((none.total, none.items.len()), (0, 0));
}

#[test]
fn a_word_is_found_with_or_without_accents_with_its_passage() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let mut input = full_resource(&l);
    input.summary =
        "Ce guide explique la mise à disposition d'un agent auprès d'un GECT, étape par étape."
            .into();
    let guide = store.create_resource(&input).unwrap();
    store.create_resource(&resource("Rapport annuel")).unwrap();
    for query in ["etape", "ÉTAPE", "étap"] {
        let found = store
            .list_resources(&ResourceFilter {
                query: query.into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(titles(&found), [guide.data.title.as_str()], "{query}");
        assert!(
            found.items[0].excerpt.contains("[étape]"),
            "{:?}",
            found.items[0].excerpt
        );
        assert_eq!(
            found.items[0].authors,
            format!(
                "Léa Schäfer, {}",
                store.get_organisation(&l.organisation).unwrap().data.name
            )
        );
    }
    // Authors' names are searched too, and follow a rename.
    let by_author = |store: &Store, q: &str| {
        store
            .list_resources(&ResourceFilter {
                query: q.into(),
                ..Default::default()
            })
            .unwrap()
            .total
    };
    assert_eq!(by_author(&store, "schafer"), 1);
    let mut renamed = store.get_expert(&l.expert).unwrap().data;
    renamed.last_name = "Keller".into();
    store.update_expert(&l.expert, 1, &renamed).unwrap();
    assert_eq!(by_author(&store, "schafer"), 0);
    assert_eq!(by_author(&store, "keller"), 1);
    let organisation = store.get_organisation(&l.organisation).unwrap();
    let mut data = organisation.data.clone();
    data.name = "Mission Zorglub".into();
    store
        .update_organisation(&l.organisation, organisation.meta.version, &data)
        .unwrap();
    assert_eq!(by_author(&store, "zorglub"), 1);
    let no_query = store.list_resources(&Default::default()).unwrap();
    assert!(no_query.items.iter().all(|s| s.excerpt.is_empty()));
}

/// A word only inside an attached file finds the resource, with the passage from inside the
/// file; deleting the resource deletes the content no other resource names.
#[test]
fn a_word_only_inside_an_attached_file_finds_the_resource() {
    let (dir, mut store) = seeded_store();
    let created = store.create_resource(&resource("Note de cadrage")).unwrap();
    let id = created.meta.id.clone();
    let text = "Le détachement transfrontalier des fonctionnaires territoriaux";
    store
        .attach_file(&id, "cadrage.txt", text.as_bytes())
        .unwrap();
    let other = store.create_resource(&resource("Copie")).unwrap();
    store
        .attach_file(&other.meta.id, "copie.txt", b"Une autre note")
        .unwrap();
    let saved = store.get_resource(&id).unwrap();
    assert_eq!(saved.meta.version, 2, "attaching a file is a change");
    assert_eq!(saved.files.len(), 1);
    assert_eq!(saved.files[0].name, "cadrage.txt");
    assert_eq!(saved.files[0].media_type, "text/plain");
    assert_eq!(saved.files[0].size, text.len() as i64);
    let found = store
        .list_resources(&ResourceFilter {
            query: "detachement".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(titles(&found), ["Note de cadrage"]);
    assert!(
        found.items[0].excerpt.contains("[détachement]"),
        "{}",
        found.items[0].excerpt
    );
    assert_eq!(found.items[0].file_count, 1);

    store.delete_resource(&id).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("passerelle.db")).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM file_contents) + (SELECT COUNT(*) FROM file_data)
                + (SELECT COUNT(*) FROM resource_files)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        left, 3,
        "only the other resource's file and its content are left"
    );
    let found = store
        .list_resources(&ResourceFilter {
            query: "detachement".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 0);
    assert!(matches!(
        store.get_resource(&id),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn experts_organisations_and_events_list_their_resources() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let guide = store.create_resource(&full_resource(&l)).unwrap();
    let mut study = resource("Étude sur le télétravail frontalier");
    study.kind = "study".into();
    study.publication_date = "2025".into();
    study.authors = vec![
        ResourceAuthor {
            expert_id: Some(l.expert.clone()),
            organisation_id: None,
            role: "contributor".into(),
        },
        ResourceAuthor {
            expert_id: Some(l.expert.clone()),
            organisation_id: None,
            role: "publisher".into(),
        },
    ];
    study.session_ids = vec![l.session.clone()];
    let study = store.create_resource(&study).unwrap();
    let event = store.get_event(&l.event).unwrap();
    let later = store
        .create_session(
            &l.event,
            &session("2025-05-13", "14:00", "15:00", "Visite du GECT"),
        )
        .unwrap();
    let mut minutes = resource("Compte rendu de la visite");
    minutes.kind = "minutes".into();
    minutes.session_ids = vec![later.meta.id.clone()];
    let minutes = store.create_resource(&minutes).unwrap();

    let expert = store.resources_of_expert(&l.expert).unwrap();
    let lines: Vec<(&str, &str)> = expert
        .iter()
        .map(|r| (r.title.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (study.data.title.as_str(), "Contributeur, Éditeur"),
            (guide.data.title.as_str(), "Auteur")
        ]
    );
    let organisation = store.resources_of_organisation(&l.organisation).unwrap();
    assert_eq!(organisation.len(), 1);
    assert_eq!(
        (organisation[0].id.as_str(), organisation[0].detail.as_str()),
        (guide.meta.id.as_str(), "Éditeur")
    );
    assert_eq!(organisation[0].kind, "guide");
    assert_eq!(organisation[0].publication_date, "2024-03");

    let of_event = store.resources_of_event(&event.meta.id).unwrap();
    let lines: Vec<(&str, &str)> = of_event
        .iter()
        .map(|r| (r.id.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (guide.meta.id.as_str(), ""),
            (study.meta.id.as_str(), "Le GECT au quotidien"),
            (guide.meta.id.as_str(), "Le GECT au quotidien"),
            (minutes.meta.id.as_str(), "Visite du GECT"),
        ]
    );
    // A session deleted takes its links with it, not the resources.
    store.delete_session(&later.meta.id).unwrap();
    assert_eq!(store.resources_of_event(&event.meta.id).unwrap().len(), 3);
    assert!(store
        .get_resource(&minutes.meta.id)
        .unwrap()
        .data
        .session_ids
        .is_empty());
}

#[test]
fn reviews_due_lists_resources_and_legal_notes_oldest_first() {
    let (_dir, mut store) = seeded_store();
    for (title, review) in [
        ("Guide 2022", "2026-01-15"),
        ("Guide à jour", "2027-01-01"),
        ("Sans révision", ""),
        ("Étude ancienne", "2025-11-30"),
        ("Juste aujourd'hui", "2026-03-01"),
    ] {
        let mut input = resource(title);
        input.review_date = review.into();
        store.create_resource(&input).unwrap();
    }
    // A legal note past its date.
    store
        .create_legal_note(&LegalNoteInput {
            question: "Un agent peut-il être mis à disposition d'un GECT ?".into(),
            short_answer: "Oui, par convention.".into(),
            up_to_date: "2026-01-01".into(),
            review_date: "2026-02-01".into(),
            ..Default::default()
        })
        .unwrap();
    let due = store.reviews_due("2026-03-01").unwrap();
    let lines: Vec<(&str, &str, &str)> = due
        .iter()
        .map(|d| (d.entity.as_str(), d.title.as_str(), d.review_date.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("resource", "Étude ancienne", "2025-11-30"),
            ("resource", "Guide 2022", "2026-01-15"),
            (
                "legalNote",
                "Un agent peut-il être mis à disposition d'un GECT ?",
                "2026-02-01"
            ),
            ("resource", "Juste aujourd'hui", "2026-03-01"),
        ]
    );
    assert!(store.reviews_due("2025-01-01").unwrap().is_empty());
}

#[test]
fn records_a_resource_names_are_not_deleted_while_it_does() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    let guide = store.create_resource(&full_resource(&l)).unwrap();

    let refused = store.delete_expert(&l.expert).unwrap_err();
    assert!(matches!(refused, CoreError::InUse { .. }), "{refused:?}");
    assert!(
        refused.to_string().starts_with(
            "Cet expert figure parmi les auteurs de 1 ressource(s) : « Guide de la mobilité des agents territoriaux »."
        ),
        "{refused}"
    );
    let refused = store.delete_organisation(&l.organisation).unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Cette structure figure parmi les auteurs de 1 ressource(s)"),
        "{refused}"
    );
    let refused = store.delete_theme(&l.theme).unwrap_err();
    assert!(refused.to_string().contains("1 ressource(s)"), "{refused}");
    let refused = store.delete_territory(&l.territory).unwrap_err();
    assert!(refused.to_string().contains("1 ressource(s)"), "{refused}");
    let refused = store.delete_profession(&l.profession).unwrap_err();
    assert!(refused.to_string().contains("1 ressource(s)"), "{refused}");
    assert!(store.get_expert(&l.expert).is_ok());
    assert!(store.get_theme(&l.theme).is_ok());

    store.delete_resource(&guide.meta.id).unwrap();
    assert!(matches!(
        store.delete_resource(&guide.meta.id),
        Err(CoreError::NotFound { .. })
    ));
    store.delete_expert(&l.expert).unwrap();
    store.delete_profession(&l.profession).unwrap();
}

#[test]
fn all_resources_come_whole_in_title_order() {
    let (_dir, mut store) = seeded_store();
    let l = links(&mut store);
    store.create_resource(&resource("zèbre")).unwrap();
    let full = store.create_resource(&full_resource(&l)).unwrap();
    store.create_resource(&resource("Écluses")).unwrap();
    let all = store.all_resources().unwrap();
    let titles: Vec<&str> = all.iter().map(|r| r.data.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Écluses",
            "Guide de la mobilité des agents territoriaux",
            "zèbre"
        ]
    );
    assert_eq!(all[1], full);
}

/// With words and no sort asked, the best match comes first; a sort asked wins over relevance.
#[test]
fn a_query_sorts_by_relevance_unless_a_sort_is_asked() {
    let (_dir, mut store) = seeded_store();
    let mut once = resource("Annuaire des services");
    once.summary = format!(
        "{} et, une fois, le travail frontalier.",
        "Liste des services publics de la région ".repeat(20)
    );
    store.create_resource(&once).unwrap();
    let mut often = resource("Vivre et travailler en frontalier");
    often.summary = "Le travail frontalier, les droits du frontalier.".into();
    store.create_resource(&often).unwrap();
    let query = |sort: &str| {
        let filter = ResourceFilter {
            query: "frontalier".into(),
            sort: sort.into(),
            ..Default::default()
        };
        let page = store.list_resources(&filter).unwrap();
        page.items.into_iter().map(|s| s.title).collect::<Vec<_>>()
    };
    assert_eq!(
        query(""),
        ["Vivre et travailler en frontalier", "Annuaire des services"]
    );
    assert_eq!(
        query("title"),
        ["Annuaire des services", "Vivre et travailler en frontalier"]
    );
}
