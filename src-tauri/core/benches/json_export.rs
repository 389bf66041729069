//! The JSON exchange file of a database of realistic size: 10,000 experts, 2,000 events and
//! 40,000 sessions with the reference data, generated into a real file before measuring.
//! Target: the export (reading everything, writing the file's bytes and recording the exchange
//! bases) under one second. The import of that file into an empty database is measured too.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::exchange::json;
use passerelle_core::model::*;
use passerelle_core::Store;

fn build(path: &std::path::Path) -> Store {
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
        first_name: ["Anne", "Hélène", "Jonas", "Lena", "Marc"][i % 5].into(),
        last_name: format!("Schäfer-{i}"),
        job_title: "Chargée de mission coopération transfrontalière".into(),
        organisation_id: Some(organisations[i % organisations.len()].clone()),
        country: if i % 3 == 0 { "DE".into() } else { "FR".into() },
        city: "Strasbourg".into(),
        email: format!("expert{i}@exemple.eu"),
        phone: "+33 3 88 00 00 00".into(),
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
        bio_fr: "Spécialiste de la mobilité transfrontalière et des projets Interreg, \
                 intervient régulièrement dans les formations du CNFPT."
            .into(),
        ..Default::default()
    })
    .unwrap();
    store
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = build(&dir.path().join("bench.db"));
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.experts, counts.events, counts.sessions),
        (10_000, 2_000, 40_000)
    );
    let bytes = json::export(&mut store).unwrap();
    println!(
        "exchange file: {:.1} MB for 10,000 experts, 2,000 events, 40,000 sessions",
        bytes.len() as f64 / 1_000_000.0
    );

    let mut group = c.benchmark_group("json exchange");
    group.sample_size(10);
    group.bench_function(
        "export 10,000 experts, 2,000 events, 40,000 sessions",
        |b| b.iter(|| json::export(&mut store).unwrap()),
    );
    group.bench_function("import that file into an empty database", |b| {
        b.iter_with_setup(
            || {
                let target = tempfile::tempdir().unwrap();
                let empty = Store::open(&target.path().join("empty.db")).unwrap();
                (target, empty)
            },
            |(_target, mut empty)| {
                json::apply(&mut empty, &bytes, &json::JsonImportChoices::default()).unwrap()
            },
        )
    });
    group.finish();
}

criterion_group!(json_export, benches);
criterion_main!(json_export);
