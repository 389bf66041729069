//! The full-text search as a user meets it: an edited record is found by its new words only,
//! a deleted one is no longer found, filtered pages agree with the filters applied by hand, a
//! database from before the rowid-keyed indexes is migrated and searchable, and resources
//! described by the words come before those that hold them only inside their files.

mod common;

use common::{event, expert, seeded_store, theme_id};
use passerelle_core::model::*;
use passerelle_core::Store;

fn experts_found(store: &Store, query: &str) -> Vec<String> {
    let page = store
        .search_experts(&ExpertFilter {
            query: query.into(),
            limit: Some(200),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items.into_iter().map(|e| e.last_name).collect()
}

fn events_found(store: &Store, query: &str) -> Vec<String> {
    let page = store
        .search_events(&EventFilter {
            query: query.into(),
            limit: Some(200),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items.into_iter().map(|e| e.code).collect()
}

#[test]
fn an_edited_expert_is_found_by_the_new_words_only() {
    let (_dir, mut store) = seeded_store();
    let mut names = Vec::new();
    for (first, last, bio) in [
        (
            "Hélène",
            "Schäfer",
            "Tramway transfrontalier Strasbourg-Kehl",
        ),
        ("Jonas", "Weber", "Santé et emploi des frontaliers"),
        ("Inès", "Roux", "Culture et formation"),
    ] {
        let input = ExpertInput {
            bio_fr: bio.into(),
            ..expert(first, last)
        };
        names.push(store.create_expert(&input).unwrap());
    }
    // Every expert is a "chargée de mission": the index holds one entry each.
    assert_eq!(experts_found(&store, "chargee").len(), 3);
    assert_eq!(experts_found(&store, "tramway"), ["Schäfer"]);

    let helene = &names[0];
    let edited = ExpertInput {
        bio_fr: "Funiculaires et téléphériques urbains".into(),
        ..helene.data.clone()
    };
    store
        .update_expert(&helene.meta.id, helene.meta.version, &edited)
        .unwrap();
    assert!(experts_found(&store, "tramway").is_empty());
    assert_eq!(experts_found(&store, "telepheriques"), ["Schäfer"]);
    assert_eq!(experts_found(&store, "schafer"), ["Schäfer"]);
    assert_eq!(experts_found(&store, "chargee").len(), 3);

    // Edited twice more: still one entry, still the latest words.
    for word in ["Bateaux", "Vélos"] {
        let current = store.get_expert(&helene.meta.id).unwrap();
        let input = ExpertInput {
            bio_fr: format!("{word} partagés"),
            ..current.data.clone()
        };
        store
            .update_expert(&current.meta.id, current.meta.version, &input)
            .unwrap();
    }
    assert!(experts_found(&store, "bateaux").is_empty());
    assert_eq!(experts_found(&store, "velos"), ["Schäfer"]);
    assert_eq!(experts_found(&store, "chargee").len(), 3);

    store.delete_expert(&names[1].meta.id).unwrap();
    assert!(experts_found(&store, "sante").is_empty());
    assert_eq!(experts_found(&store, "chargee"), ["Roux", "Schäfer"]);
}

#[test]
fn an_edited_or_deleted_event_leaves_no_old_words() {
    let (_dir, mut store) = seeded_store();
    let first = store
        .create_event(&event("EV-1", "2026-03-03", "2026-03-04"))
        .unwrap();
    store
        .create_event(&event("EV-2", "2026-04-07", "2026-04-07"))
        .unwrap();
    assert_eq!(events_found(&store, "seminaire").len(), 2);
    let renamed = EventInput {
        title: "Atelier mobilité".into(),
        ..first.data.clone()
    };
    store
        .update_event(&first.meta.id, first.meta.version, &renamed)
        .unwrap();
    assert_eq!(events_found(&store, "seminaire"), ["EV-2"]);
    assert_eq!(events_found(&store, "atelier mobi"), ["EV-1"]);
    assert_eq!(events_found(&store, "lille").len(), 2);
    store.delete_event(&first.meta.id).unwrap();
    assert!(events_found(&store, "atelier").is_empty());
    assert_eq!(events_found(&store, "lille"), ["EV-2"]);
}

const WORDS: &[&str] = &["mobilité", "santé", "emploi", "études", "tramway"];

/// Filtered pages agree, row for row and in total, with the same filters applied by hand to
/// the experts the text finds, sorted by name as the list shows them.
#[test]
fn filtered_pages_agree_with_the_filters_applied_by_hand() {
    let (_dir, mut store) = seeded_store();
    let themes: Vec<String> = store
        .list_themes()
        .unwrap()
        .into_iter()
        .map(|t| t.meta.id)
        .take(3)
        .collect();
    let levels = ["A2", "B1", "B2", "C1", "C2"];
    passerelle_core::bench_support::bulk_generate(&mut store, 240, 0, 0, |i| ExpertInput {
        first_name: ["Anne", "hélène", "Jonas", "Éva"][i % 4].into(),
        last_name: ["Muller", "schäfer", "Dupont", "Ébert", "weber"][(i / 4) % 5].into(),
        job_title: "Chargé de mission".into(),
        country: ["DE", "FR", "BE"][i % 3].into(),
        languages: vec![LanguageSkill {
            language: "de".into(),
            level: levels[i % 5].into(),
        }],
        theme_ids: vec![themes[i % themes.len()].clone()],
        bio_fr: format!("Spécialiste {} et {}", WORDS[i % 5], WORDS[(i / 7) % 5]),
        ..Default::default()
    })
    .unwrap();

    let everyone: Vec<Expert> = store
        .search_experts(&ExpertFilter {
            limit: Some(1_000),
            ..Default::default()
        })
        .unwrap()
        .items
        .iter()
        .map(|e| store.get_expert(&e.id).unwrap())
        .collect();
    assert_eq!(everyone.len(), 240);

    for (query, word) in [("mobilite", "mobilité"), ("sant", "santé"), ("", "")] {
        for theme in [None, Some(themes[0].clone())] {
            for (min_level, min_rank) in [(None, 0), (Some("B2"), 2)] {
                let filter = ExpertFilter {
                    query: query.into(),
                    theme_id: theme.clone(),
                    language: min_level.map(|_| "de".to_string()),
                    min_level: min_level.map(String::from),
                    country: Some("DE".into()),
                    limit: Some(7),
                    offset: Some(3),
                    ..Default::default()
                };
                let mut expected: Vec<&Expert> = everyone
                    .iter()
                    .filter(|e| e.data.bio_fr.contains(word))
                    .filter(|e| theme.as_ref().is_none_or(|t| e.data.theme_ids.contains(t)))
                    .filter(|e| {
                        levels.iter().position(|l| *l == e.data.languages[0].level)
                            >= Some(min_rank)
                    })
                    .filter(|e| e.data.country == "DE")
                    .collect();
                // The list's order: last name, first name (ASCII case folded, as SQLite's
                // NOCASE), then id.
                expected.sort_by_key(|e| {
                    (
                        e.data.last_name.to_ascii_lowercase(),
                        e.data.first_name.to_ascii_lowercase(),
                        e.meta.id.clone(),
                    )
                });
                let page = store.search_experts(&filter).unwrap();
                let ids: Vec<&str> = page.items.iter().map(|e| e.id.as_str()).collect();
                let wanted: Vec<&str> = expected
                    .iter()
                    .skip(3)
                    .take(7)
                    .map(|e| e.meta.id.as_str())
                    .collect();
                assert_eq!(page.total as usize, expected.len(), "{filter:?}");
                assert_eq!(ids, wanted, "{filter:?}");
                // Past the last page: no row, the same total.
                let beyond = store
                    .search_experts(&ExpertFilter {
                        offset: Some(10_000),
                        ..filter.clone()
                    })
                    .unwrap();
                assert!(beyond.items.is_empty());
                assert_eq!(beyond.total, page.total);
            }
        }
    }
}

/// The total shown for a filtered event search is the number of events matching, also past
/// the last page, and the themes filter narrows it.
#[test]
fn event_totals_count_every_match() {
    let (_dir, mut store) = seeded_store();
    let theme = theme_id(&store, "Transport");
    for n in 0..12 {
        let mut input = event(&format!("EV-{n:02}"), "2026-03-03", "2026-03-04");
        input.status = if n % 3 == 0 { "draft" } else { "planned" }.into();
        if n % 2 == 0 {
            input.theme_ids = vec![theme.clone()];
        }
        store.create_event(&input).unwrap();
    }
    let search = |status: &str, theme: Option<String>, offset: i64| {
        store
            .search_events(&EventFilter {
                query: "seminaire".into(),
                status: Some(status.into()),
                theme_id: theme,
                limit: Some(3),
                offset: Some(offset),
                ..Default::default()
            })
            .unwrap()
    };
    let planned = search("planned", None, 0);
    assert_eq!((planned.items.len(), planned.total), (3, 8));
    let last = search("planned", None, 6);
    assert_eq!((last.items.len(), last.total), (2, 8));
    let beyond = search("planned", None, 30);
    assert_eq!((beyond.items.len(), beyond.total), (0, 8));
    let themed = search("draft", Some(theme), 0);
    assert_eq!(themed.total, 2);
    assert!(themed.items.iter().all(|e| e.status == "draft"));
}

/// A file written by schema version 3 (search indexes keyed by an unindexed id column) is
/// migrated: its indexes are rebuilt in the new shape, its records are found, and editing one
/// replaces its entry.
#[test]
fn a_version_three_file_is_reindexed_and_stays_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        passerelle_core::store::migrations_for_tests()
            .to_version(&mut conn, 3)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO experts (id, first_name, last_name, bio_fr, created_at, updated_at)
               VALUES ('e1', 'Hélène', 'Schäfer', 'Tramway transfrontalier', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
                      ('e2', 'Jonas', 'Weber', 'Santé', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO experts_fts (expert_id, names, organisation, bio, keywords)
               VALUES ('e1', 'Hélène Schäfer', '', 'Tramway transfrontalier', ''),
                      ('e2', 'Jonas Weber', '', 'Santé', '');
             INSERT INTO events (id, code, title, kind, status, start_date, end_date, created_at, updated_at)
               VALUES ('v1', 'OLD-1', 'Études transfrontalières', 'seminar', 'held', '2025-02-03', '2025-02-04',
                       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO events_fts (event_id, title, code, city, description)
               VALUES ('v1', 'Études transfrontalières', 'OLD-1', '', '');",
        )
        .unwrap();
    }
    let (mut store, report) = Store::open_with_report(&path).unwrap();
    assert_eq!(report.found_version, 3);
    assert!(report.backup.is_some());
    assert_eq!(experts_found(&store, "transfront"), ["Schäfer"]);
    assert_eq!(experts_found(&store, "helene schafer"), ["Schäfer"]);
    assert_eq!(events_found(&store, "etudes"), ["OLD-1"]);
    let hits = store.search_all("transfront", 10).unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");

    let helene = store.get_expert("e1").unwrap();
    let edited = ExpertInput {
        bio_fr: "Funiculaires".into(),
        ..helene.data.clone()
    };
    store
        .update_expert("e1", helene.meta.version, &edited)
        .unwrap();
    assert!(experts_found(&store, "tramway").is_empty());
    assert_eq!(experts_found(&store, "funiculaire"), ["Schäfer"]);
    assert_eq!(experts_found(&store, "weber"), ["Weber"]);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// Creates a resource, with a text file when `file_text` is not empty; returns its id.
fn resource_with_file(store: &mut Store, title: &str, file_text: &str) -> String {
    let input = ResourceInput {
        title: title.into(),
        kind: "guide".into(),
        status: "published".into(),
        ..Default::default()
    };
    let id = store.create_resource(&input).unwrap().meta.id;
    if !file_text.is_empty() {
        store
            .attach_file(&id, "texte.txt", file_text.as_bytes())
            .unwrap();
    }
    id
}

/// The global search's resources: (title, passage).
fn resources_found(store: &Store, text: &str, limit: i64) -> Vec<(String, String)> {
    store
        .search_all(text, limit)
        .unwrap()
        .into_iter()
        .filter(|hit| hit.entity == "resource")
        .map(|hit| (hit.title, hit.detail))
        .collect()
}

/// The resources list for `text`, by relevance unless `sort` asks otherwise: (title, passage)
/// of the page, and the total.
fn resources_listed(
    store: &Store,
    text: &str,
    sort: &str,
    offset: i64,
) -> (Vec<(String, String)>, i64) {
    let page = store
        .list_resources(&ResourceFilter {
            query: text.into(),
            sort: sort.into(),
            offset: Some(offset),
            ..Default::default()
        })
        .unwrap();
    let lines = page
        .items
        .into_iter()
        .map(|s| (s.title, s.excerpt))
        .collect();
    (lines, page.total)
}

fn titles(lines: &[(String, String)]) -> Vec<&str> {
    lines.iter().map(|(title, _)| title.as_str()).collect()
}

#[test]
fn described_resources_come_before_those_found_inside_their_files() {
    let (_dir, mut store) = seeded_store();
    // Created first, and saying the word thirty times: neither the order of creation nor the
    // count of the word inside a file puts it before a resource whose title holds the words.
    let report_text = format!(
        "{}Voir aussi le guide de la collectivité.",
        "Le détachement des fonctionnaires territoriaux. ".repeat(30)
    );
    resource_with_file(&mut store, "Rapport d'activité", &report_text);
    resource_with_file(
        &mut store,
        "Guide pratique",
        "Annexe : le détachement des agents vers un GECT.",
    );
    resource_with_file(&mut store, "Guide du détachement", "");
    resource_with_file(&mut store, "Budget annuel", "Le guide des dépenses.");

    // One word: the title's match first, then the two found inside a file, in creation order.
    let found = resources_found(&store, "detachement", 10);
    assert_eq!(
        titles(&found),
        [
            "Guide du détachement",
            "Rapport d'activité",
            "Guide pratique"
        ]
    );
    assert_eq!(found[0].1, "Guide du [détachement]");
    assert!(
        found[1]
            .1
            .starts_with("Le [détachement] des fonctionnaires"),
        "{}",
        found[1].1
    );
    assert_eq!(
        found[2].1,
        "Annexe : le [détachement] des agents vers un GECT"
    );

    // Two words: both in the title, then one in the title and one inside the file, then both
    // only inside the file; the passage of the last two comes from the file.
    let expected = [
        "Guide du détachement",
        "Guide pratique",
        "Rapport d'activité",
    ];
    let found = resources_found(&store, "guide détachement", 10);
    assert_eq!(titles(&found), expected);
    assert_eq!(found[0].1, "[Guide] du [détachement]");
    assert_eq!(
        found[1].1,
        "Annexe : le [détachement] des agents vers un GECT"
    );
    assert!(found[2].1.starts_with("Le [détachement]"), "{}", found[2].1);
    // The limit per kind holds across the tiers.
    assert_eq!(
        titles(&resources_found(&store, "guide détachement", 2)),
        expected[..2]
    );

    // The list sorted by relevance agrees, page by page, with an exact total.
    let (listed, total) = resources_listed(&store, "guide détachement", "", 0);
    assert_eq!((listed, total), (found, 3));
    let (second, total) = resources_listed(&store, "guide détachement", "", 1);
    assert_eq!((titles(&second), total), (expected[1..].to_vec(), 3));
    // Another sort asked wins, over every tier.
    let (by_title, total) = resources_listed(&store, "guide détachement", "title", 0);
    assert_eq!(
        (titles(&by_title), total),
        (
            vec![
                "Guide du détachement",
                "Guide pratique",
                "Rapport d'activité"
            ],
            3
        )
    );
    let (by_title, _) = resources_listed(&store, "guide", "title", 0);
    assert_eq!(
        titles(&by_title),
        [
            "Budget annuel",
            "Guide du détachement",
            "Guide pratique",
            "Rapport d'activité"
        ]
    );
}
