//! Legal notes (fiches juridiques) on real database files: every field read back, the form's
//! rules in French with nothing half-written, stale versions, the accent-insensitive search with
//! its passage, the list's filters and paging, and the links that keep a theme, a territory or
//! a profession from being deleted.

mod common;

use common::*;
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

/// A resource row written straight into the file: the resources' own store functions belong
/// to another part of the library, and a note only needs the row to exist.
fn raw_resource(dir: &tempfile::TempDir, id: &str, title: &str) {
    let conn = rusqlite::Connection::open(dir.path().join("passerelle.db")).unwrap();
    conn.execute(
        "INSERT INTO resources (id, title, kind, status, created_at, updated_at)
         VALUES (?1, ?2, 'guide', 'published', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        [id, title],
    )
    .unwrap();
}

fn basis(kind: &str, identifier: &str, article: &str, date: &str) -> LegalBasis {
    LegalBasis {
        kind: kind.into(),
        identifier: identifier.into(),
        article: article.into(),
        date: date.into(),
        url: String::new(),
    }
}

fn note(question: &str) -> LegalNoteInput {
    LegalNoteInput {
        question: question.into(),
        short_answer: "Oui, sous conditions.".into(),
        ..Default::default()
    }
}

/// A note with every field filled.
fn full_note(store: &Store, resource_ids: Vec<String>) -> LegalNoteInput {
    LegalNoteInput {
        question: "Un agent territorial peut-il être mis à disposition d'un GECT ?".into(),
        short_answer: "Oui : la mise à disposition est possible auprès d'un GECT.".into(),
        full_answer: "Le groupement européen de coopération territoriale est une personne morale de droit public.\n\nLa convention précise les missions.".into(),
        bases: vec![
            LegalBasis {
                kind: "code_article".into(),
                identifier: "Code général de la fonction publique".into(),
                article: "L. 512-6".into(),
                date: "2021-03-01".into(),
                url: "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000044416551".into(),
            },
            basis("eu_regulation", "Règlement (CE) n° 1082/2006", "art. 1", "2006-07-05"),
        ],
        countries: vec!["FR".into(), "DE".into()],
        territory_ids: vec![store.list_territories().unwrap()[1].meta.id.clone()],
        theme_ids: vec![theme_id(store, "Transport")],
        profession_ids: vec![store.list_professions().unwrap()[2].meta.id.clone()],
        up_to_date: "2026-01-15".into(),
        review_date: "2027-01-15".into(),
        author: "Maître Anne Keller".into(),
        resource_ids,
    }
}

fn message(error: &CoreError, field: &str) -> String {
    error
        .fields()
        .into_iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("no message on {field}: {:?}", error.fields()))
        .message
}

fn all_notes(store: &Store) -> Page<LegalNoteSummary> {
    store.list_legal_notes(&LegalNoteFilter::default()).unwrap()
}

fn questions(page: &Page<LegalNoteSummary>) -> Vec<&str> {
    page.items.iter().map(|n| n.question.as_str()).collect()
}

#[test]
fn every_field_is_read_back_and_an_update_rewrites_bases_and_links_in_order() {
    let (dir, mut store) = seeded_store();
    raw_resource(&dir, "res-guide", "Guide de la mise à disposition");
    raw_resource(&dir, "res-study", "Étude sur les GECT");
    let input = full_note(&store, vec!["res-study".into(), "res-guide".into()]);
    let created = store.create_legal_note(&input).unwrap();
    assert_eq!(created.data, input);
    assert_eq!(created.meta.version, 1);
    let read = store.get_legal_note(&created.meta.id).unwrap();
    assert_eq!(read, created);

    let mut changed = input.clone();
    changed.bases.reverse();
    changed.bases[1].url = "http://eur-lex.europa.eu/eli/reg/2006/1082/oj".into();
    changed.resource_ids = vec!["res-guide".into()];
    changed.countries = vec!["CH".into()];
    changed.review_date = String::new();
    let updated = store
        .update_legal_note(&created.meta.id, 1, &changed)
        .unwrap();
    assert_eq!(updated.meta.version, 2);
    assert_eq!(updated.data, changed);
    assert_eq!(store.get_legal_note(&created.meta.id).unwrap(), updated);

    store.delete_legal_note(&created.meta.id).unwrap();
    assert!(matches!(
        store.get_legal_note(&created.meta.id),
        Err(CoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.delete_legal_note(&created.meta.id),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn each_bad_input_names_its_field_in_french_and_writes_nothing() {
    let (dir, mut store) = seeded_store();
    let mut input = LegalNoteInput {
        bases: vec![
            basis("law", "Loi n° 84-53 du 26 janvier 1984", "", "1984-01-26"),
            basis("decree", "  ", "art. 2", "26/01/1984"),
            basis("ordinance", "Ordonnance", "", ""),
            basis("", "Traité d'Aix-la-Chapelle", "", ""),
        ],
        countries: vec!["FR".into(), "XX".into(), "de".into()],
        up_to_date: "2026-02-30".into(),
        review_date: "demain".into(),
        ..Default::default()
    };
    input.bases[0].url = "ftp://legifrance.gouv.fr/loi".into();
    let error = store.create_legal_note(&input).unwrap_err();
    assert_eq!(message(&error, "question"), "La question est obligatoire.");
    assert_eq!(
        message(&error, "shortAnswer"),
        "La réponse courte est obligatoire."
    );
    assert_eq!(
        message(&error, "bases.1.identifier"),
        "Base légale n° 2 : l'identifiant du texte est obligatoire."
    );
    assert_eq!(
        message(&error, "bases.1.date"),
        "Base légale n° 2 : la date du texte n'est pas une date valide."
    );
    assert!(message(&error, "bases.0.url").contains("http:// ou https://"));
    assert_eq!(
        message(&error, "bases.2.kind"),
        "Base légale n° 3 : nature de texte inconnue « ordinance »."
    );
    assert_eq!(
        message(&error, "bases.3.kind"),
        "Base légale n° 4 : la nature du texte est obligatoire."
    );
    assert!(message(&error, "countries.1").contains("« XX » n'est pas un code pays"));
    assert!(message(&error, "countries.2").contains("« de »"));
    assert_eq!(
        message(&error, "upToDate"),
        "La date « à jour au » n'est pas une date valide."
    );
    assert!(message(&error, "reviewDate").contains("n'est pas une date valide"));
    assert_eq!(all_notes(&store).total, 0, "nothing saved");

    let mut early_review = note("Question");
    early_review.up_to_date = "2026-05-01".into();
    early_review.review_date = "2026-04-30".into();
    let error = store.create_legal_note(&early_review).unwrap_err();
    assert_eq!(
        message(&error, "reviewDate"),
        "La date de révision ne peut pas précéder la date « à jour au »."
    );

    // Links to records that do not exist are refused inside the write, nothing kept.
    for (field, edit) in [
        ("territoryIds", 0),
        ("themeIds", 1),
        ("professionIds", 2),
        ("resourceIds", 3),
    ] {
        let mut dangling = note("Question");
        let missing = vec!["no-such-id".to_string()];
        match edit {
            0 => dangling.territory_ids = missing,
            1 => dangling.theme_ids = missing,
            2 => dangling.profession_ids = missing,
            _ => dangling.resource_ids = missing,
        }
        let error = store.create_legal_note(&dangling).unwrap_err();
        assert_eq!(fields(error), vec![field.to_string()]);
    }
    assert_eq!(all_notes(&store).total, 0);
    let hits = store.search_all("Question", 10).unwrap();
    assert!(hits.iter().all(|h| h.entity != "legalNote"));

    // A refused update leaves the note as it was, bases included.
    raw_resource(&dir, "res-1", "Guide");
    let saved = store
        .create_legal_note(&full_note(&store, vec!["res-1".into()]))
        .unwrap();
    let mut bad = saved.data.clone();
    bad.bases[1].identifier = String::new();
    bad.question = "Autre question".into();
    let error = store
        .update_legal_note(&saved.meta.id, 1, &bad)
        .unwrap_err();
    assert_eq!(fields(error), vec!["bases.1.identifier".to_string()]);
    let mut dangling = saved.data.clone();
    dangling.resource_ids.push("gone".into());
    let error = store
        .update_legal_note(&saved.meta.id, 1, &dangling)
        .unwrap_err();
    assert_eq!(fields(error), vec!["resourceIds".to_string()]);
    assert_eq!(store.get_legal_note(&saved.meta.id).unwrap(), saved);
}

#[test]
fn an_edit_over_a_stale_version_is_refused_and_changes_nothing() {
    let (_dir, mut store) = seeded_store();
    let created = store.create_legal_note(&note("Première question")).unwrap();
    let first = store
        .update_legal_note(&created.meta.id, 1, &note("Question revue"))
        .unwrap();
    let error = store
        .update_legal_note(&created.meta.id, 1, &note("Question d'une autre fenêtre"))
        .unwrap_err();
    assert!(matches!(error, CoreError::StaleVersion { .. }), "{error:?}");
    assert!(error
        .to_string()
        .contains("La fiche juridique a été modifié"));
    assert_eq!(store.get_legal_note(&created.meta.id).unwrap(), first);
    assert!(matches!(
        store.update_legal_note("no-such-note", 1, &note("Q")),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn the_search_ignores_accents_shows_the_passage_and_follows_changes() {
    let (_dir, mut store) = seeded_store();
    let gect = store.create_legal_note(&full_note(&store, vec![])).unwrap();
    let mut other = note("Quelle protection sociale pour un frontalier ?");
    other.full_answer =
        "Le travailleur frontalier relève en principe de la sécurité sociale de l'État d'emploi."
            .into();
    other.bases = vec![basis(
        "eu_regulation",
        "Règlement (CE) n° 883/2004",
        "art. 11",
        "",
    )];
    store.create_legal_note(&other).unwrap();

    let search = |store: &Store, query: &str| {
        store
            .list_legal_notes(&LegalNoteFilter {
                query: query.into(),
                ..Default::default()
            })
            .unwrap()
    };
    // Without accents, in any case, a prefix of a word.
    let found = search(&store, "securite SOCIALE");
    assert_eq!(
        questions(&found),
        ["Quelle protection sociale pour un frontalier ?"]
    );
    assert_eq!(found.total, 1);
    assert!(
        found.items[0].excerpt.contains("[sécurité] [sociale]"),
        "{}",
        found.items[0].excerpt
    );
    // The bases' identifiers are searched too.
    assert_eq!(search(&store, "1082").items[0].id, gect.meta.id);
    assert_eq!(search(&store, "groupement europeen").total, 1);
    assert_eq!(search(&store, "introuvable").total, 0);
    assert_eq!(search(&store, "  ").total, 2, "no words: every note");
    assert_eq!(search(&store, "  ").items[0].excerpt, "");

    let mut changed = gect.data.clone();
    changed.bases.pop();
    store.update_legal_note(&gect.meta.id, 1, &changed).unwrap();
    assert_eq!(
        search(&store, "1082").total,
        0,
        "the old basis left the index"
    );
    store.delete_legal_note(&gect.meta.id).unwrap();
    assert_eq!(
        search(&store, "GECT").total,
        0,
        "the deleted note left the index"
    );
}

#[test]
fn the_list_filters_by_country_territory_theme_and_review_and_pages() {
    let (_dir, mut store) = seeded_store();
    let full = full_note(&store, vec![]);
    store.create_legal_note(&full).unwrap();
    let today = chrono::Local::now().date_naive();
    let day = |offset: i64| {
        (today + chrono::Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut due = note("Zone de revue : quelle règle pour les astreintes ?");
    due.countries = vec!["BE".into()];
    due.up_to_date = day(-400);
    due.review_date = day(-1);
    store.create_legal_note(&due).unwrap();
    let mut due_today = note("Arrêté de nomination transfrontalier ?");
    due_today.review_date = day(0);
    store.create_legal_note(&due_today).unwrap();
    let mut later = note("Baux et conventions de locaux partagés ?");
    later.review_date = day(1);
    store.create_legal_note(&later).unwrap();

    let list = |filter: LegalNoteFilter| store.list_legal_notes(&filter).unwrap();
    let all = list(LegalNoteFilter::default());
    assert_eq!(all.total, 4);
    assert_eq!(
        questions(&all),
        [
            "Arrêté de nomination transfrontalier ?",
            "Baux et conventions de locaux partagés ?",
            "Un agent territorial peut-il être mis à disposition d'un GECT ?",
            "Zone de revue : quelle règle pour les astreintes ?",
        ]
    );
    let by_country = list(LegalNoteFilter {
        country: Some("DE".into()),
        ..Default::default()
    });
    assert_eq!(questions(&by_country), [full.question.as_str()]);
    let by_territory = list(LegalNoteFilter {
        territory_id: Some(full.territory_ids[0].clone()),
        ..Default::default()
    });
    assert_eq!(questions(&by_territory), [full.question.as_str()]);
    let by_theme = list(LegalNoteFilter {
        theme_id: Some(full.theme_ids[0].clone()),
        country: Some("FR".into()),
        ..Default::default()
    });
    assert_eq!(by_theme.total, 1);
    let other_theme = list(LegalNoteFilter {
        theme_id: Some(theme_id(&store, "Santé")),
        ..Default::default()
    });
    assert_eq!(other_theme.total, 0);
    let due_list = list(LegalNoteFilter {
        review_due: true,
        ..Default::default()
    });
    assert_eq!(
        questions(&due_list),
        [
            "Arrêté de nomination transfrontalier ?",
            "Zone de revue : quelle règle pour les astreintes ?",
        ]
    );
    // Empty filter values filter nothing.
    let empty = list(LegalNoteFilter {
        country: Some(String::new()),
        theme_id: Some(String::new()),
        ..Default::default()
    });
    assert_eq!(empty.total, 4);

    let second_page = list(LegalNoteFilter {
        limit: Some(2),
        offset: Some(2),
        ..Default::default()
    });
    assert_eq!(second_page.total, 4);
    assert_eq!(questions(&second_page), &questions(&all)[2..]);
    let past_the_end = list(LegalNoteFilter {
        limit: Some(2),
        offset: Some(10),
        ..Default::default()
    });
    assert_eq!((past_the_end.items.len(), past_the_end.total), (0, 4));
}

#[test]
fn a_theme_territory_or_profession_named_by_a_note_is_not_deleted_a_resource_is() {
    let (dir, mut store) = seeded_store();
    raw_resource(&dir, "res-1", "Guide");
    raw_resource(&dir, "res-2", "Étude");
    let mut input = full_note(&store, vec!["res-1".into(), "res-2".into()]);
    // Records nothing else uses, so the note alone holds them.
    input.theme_ids = vec![
        store
            .create_theme(&ThemeInput {
                label: "Droit des agents".into(),
                ..Default::default()
            })
            .unwrap()
            .meta
            .id,
    ];
    input.territory_ids = vec![
        store
            .create_territory(&TerritoryInput {
                name: "Frontière franco-monégasque".into(),
                kind: "land_border".into(),
                countries: vec!["FR".into(), "MC".into()],
                ..Default::default()
            })
            .unwrap()
            .meta
            .id,
    ];
    input.profession_ids = vec![
        store
            .create_profession(&ProfessionInput {
                title: "Juriste transfrontalier".into(),
                family_id: Some(store.list_profession_families().unwrap()[0].id.clone()),
                ..Default::default()
            })
            .unwrap()
            .meta
            .id,
    ];
    let saved = store.create_legal_note(&input).unwrap();

    let refused = store.delete_theme(&input.theme_ids[0]).unwrap_err();
    assert!(matches!(refused, CoreError::InUse { .. }));
    assert!(
        refused.to_string().contains("1 fiche(s) juridique(s)"),
        "{refused}"
    );
    let refused = store.delete_territory(&input.territory_ids[0]).unwrap_err();
    assert!(
        refused.to_string().contains("1 fiche(s) juridique(s)"),
        "{refused}"
    );
    let refused = store
        .delete_profession(&input.profession_ids[0])
        .unwrap_err();
    assert!(
        refused.to_string().contains("1 fiche(s) juridique(s)"),
        "{refused}"
    );
    assert_eq!(store.get_legal_note(&saved.meta.id).unwrap(), saved);

    // A deleted resource only leaves the note's links; the note stays searchable.
    store.delete_resource("res-1").unwrap();
    let after = store.get_legal_note(&saved.meta.id).unwrap();
    assert_eq!(after.data.resource_ids, ["res-2"]);
    let found = store
        .list_legal_notes(&LegalNoteFilter {
            query: "GECT".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    // Saving the note again keeps the remaining link.
    let again = store
        .update_legal_note(&saved.meta.id, 1, &after.data)
        .unwrap();
    assert_eq!(again.data.resource_ids, ["res-2"]);

    store.delete_legal_note(&saved.meta.id).unwrap();
    store.delete_theme(&input.theme_ids[0]).unwrap();
    store.delete_territory(&input.territory_ids[0]).unwrap();
    store.delete_profession(&input.profession_ids[0]).unwrap();
}

#[test]
fn a_link_or_country_named_twice_is_kept_once_in_order() {
    let (dir, mut store) = seeded_store();
    raw_resource(&dir, "res-1", "Guide");
    raw_resource(&dir, "res-2", "Étude");
    let theme = theme_id(&store, "Transport");
    let mut input = note("Question posée deux fois ?");
    input.countries = vec!["DE".into(), "FR".into(), "DE".into()];
    input.theme_ids = vec![theme.clone(), theme.clone()];
    input.resource_ids = vec!["res-2".into(), "res-1".into(), "res-2".into()];
    let saved = store.create_legal_note(&input).unwrap();
    assert_eq!(saved.data.countries, ["DE", "FR"]);
    assert_eq!(saved.data.theme_ids, [theme]);
    assert_eq!(saved.data.resource_ids, ["res-2", "res-1"]);
}
