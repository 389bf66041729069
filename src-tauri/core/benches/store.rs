//! Search and list speed on a database of realistic size: 10,000 experts, 2,000 events and
//! 40,000 sessions, generated into a real file (one transaction) before measuring.
//! Targets: under 5 ms for a filtered full-text search and for a 50-row list page. Editing one
//! expert rewrites their search entry by rowid, so its cost does not grow with the directory.

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::model::*;
use passerelle_core::Store;

const FIRST: &[&str] = &[
    "Anne", "Hélène", "Jonas", "Lena", "Marc", "Sophie", "Paul", "Claire", "Lukas", "Inès",
];
const LAST: &[&str] = &[
    "Muller", "Schäfer", "Dupont", "Weber", "Martin", "Vogel", "Bernard", "Keller", "Roux",
    "Fischer",
];
const WORDS: &[&str] = &[
    "mobilité",
    "santé",
    "emploi",
    "études",
    "tramway",
    "frontaliers",
    "Interreg",
    "GECT",
    "formation",
    "culture",
];

fn build(path: &std::path::Path) -> (Store, String, String) {
    let mut store = Store::open_with_reference(path).unwrap();
    let themes: Vec<String> = store
        .list_themes()
        .unwrap()
        .into_iter()
        .map(|t| t.meta.id)
        .collect();
    let organisations: Vec<String> = store
        .list_organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.meta.id)
        .collect();
    passerelle_core::bench_support::bulk_generate(&mut store, 10_000, 2_000, 20, |i| ExpertInput {
        first_name: FIRST[i % FIRST.len()].into(),
        last_name: format!("{}{}", LAST[(i / 10) % LAST.len()], i),
        job_title: "Chargé de mission".into(),
        organisation_id: Some(organisations[i % organisations.len()].clone()),
        country: if i % 3 == 0 { "DE".into() } else { "FR".into() },
        languages: vec![
            LanguageSkill {
                language: "fr".into(),
                level: "native".into(),
            },
            LanguageSkill {
                language: "de".into(),
                level: ["A2", "B1", "B2", "C1", "C2"][i % 5].into(),
            },
        ],
        theme_ids: vec![themes[i % themes.len()].clone()],
        bio_fr: format!(
            "Spécialiste {} et {}",
            WORDS[i % WORDS.len()],
            WORDS[(i / 7) % WORDS.len()]
        ),
        ..Default::default()
    })
    .unwrap();
    let theme = themes[0].clone();
    (store, theme, "mobilite".into())
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, theme, word) = build(&dir.path().join("bench.db"));
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.experts, counts.events, counts.sessions),
        (10_000, 2_000, 40_000)
    );

    c.bench_function(
        "experts: full-text + theme + language ≥ B2, first page",
        |b| {
            let filter = ExpertFilter {
                query: word.clone(),
                theme_id: Some(theme.clone()),
                language: Some("de".into()),
                min_level: Some("B2".into()),
                limit: Some(50),
                ..Default::default()
            };
            b.iter(|| store.search_experts(&filter).unwrap())
        },
    );
    c.bench_function("experts: 50-row list page (page 100)", |b| {
        let filter = ExpertFilter {
            limit: Some(50),
            offset: Some(5_000),
            ..Default::default()
        };
        b.iter(|| store.search_experts(&filter).unwrap())
    });
    c.bench_function("events: full-text + status, first page", |b| {
        let filter = EventFilter {
            query: "seminaire".into(),
            status: Some("planned".into()),
            limit: Some(50),
            ..Default::default()
        };
        b.iter(|| store.search_events(&filter).unwrap())
    });
    c.bench_function("events: 50-row list page", |b| {
        let filter = EventFilter {
            limit: Some(50),
            ..Default::default()
        };
        b.iter(|| store.search_events(&filter).unwrap())
    });
    c.bench_function("experts: edit one expert (record and search entry)", |b| {
        let id = store
            .search_experts(&ExpertFilter {
                limit: Some(1),
                offset: Some(5_000),
                ..Default::default()
            })
            .unwrap()
            .items[0]
            .id
            .clone();
        let mut expert = store.get_expert(&id).unwrap();
        let mut round = 0;
        b.iter(|| {
            round += 1;
            let input = ExpertInput {
                bio_fr: format!("{} {round}", WORDS[round % WORDS.len()]),
                ..expert.data.clone()
            };
            expert = store
                .update_expert(&id, expert.meta.version, &input)
                .unwrap();
        })
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(store);
