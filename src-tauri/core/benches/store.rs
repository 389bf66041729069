//! Search and list speed on a database of realistic size: 10,000 experts, 2,000 events and
//! 40,000 sessions, generated into a real file (one transaction) before measuring.
//! Targets: under 5 ms for a filtered full-text search and for a 50-row list page. Editing one
//! expert rewrites their search entry by rowid, so its cost does not grow with the directory.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::bench_support::WORDS;
use passerelle_core::model::*;
use passerelle_core::Store;

fn build(path: &std::path::Path) -> (Store, String, String) {
    let mut store = Store::open_with_reference(path).unwrap();
    passerelle_core::bench_support::benchmark_directory(&mut store).unwrap();
    // The first theme, as the generator gives it to every tenth expert or so.
    let theme = store.list_themes().unwrap()[0].meta.id.clone();
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
