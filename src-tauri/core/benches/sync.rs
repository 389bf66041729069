//! The team sharing against a local CouchDB-protocol server (the tests' in-memory server,
//! `tests/common/couch.rs`; `PASSERELLE_TEST_COUCHDB_URL` points it to a real CouchDB).
//! Targets (issue « One directory for the whole team »): the first sync of 10,000 experts,
//! 2,000 events and 40,000 sessions under 60 s; an incremental sync of 10 changes under 1 s.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

#[path = "../tests/common/couch.rs"]
#[allow(dead_code)]
mod couch;

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::sync::{synchronise, RemoteConfig};
use passerelle_core::Store;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn sync(store: &Mutex<Store>, config: &RemoteConfig) {
    runtime()
        .block_on(synchronise(store, config, &|_| {}))
        .unwrap();
}

/// A closed database file of the benchmark's size, copied for each first sync.
fn template(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("template.db");
    let mut store = Store::open_with_reference(&path).unwrap();
    passerelle_core::bench_support::benchmark_directory(&mut store).unwrap();
    store.close().unwrap();
    path
}

fn benches(c: &mut Criterion) {
    let server = couch::TestCouch::start();
    let dir = tempfile::tempdir().unwrap();
    let template = template(dir.path());
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    let mut copies = 0;
    group.bench_function(
        "first sync, 10,000 experts + 2,000 events + 40,000 sessions",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    copies += 1;
                    let path = dir.path().join(format!("copy{copies}.db"));
                    std::fs::copy(&template, &path).unwrap();
                    let store = Mutex::new(Store::open(&path).unwrap());
                    let config = server.config(&server.fresh_database());
                    let started = Instant::now();
                    sync(&store, &config);
                    total += started.elapsed();
                    store.into_inner().unwrap().close().unwrap();
                    std::fs::remove_file(&path).unwrap();
                }
                total
            })
        },
    );

    let path = dir.path().join("synced.db");
    std::fs::copy(&template, &path).unwrap();
    let store = Mutex::new(Store::open(&path).unwrap());
    let config = server.config(&server.fresh_database());
    sync(&store, &config);
    let ids: Vec<String> = store
        .lock()
        .unwrap()
        .search_experts(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .take(10)
        .map(|e| e.id)
        .collect();
    let mut round = 0;
    group.bench_function("incremental sync, 10 changed experts", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                round += 1;
                {
                    let mut store = store.lock().unwrap();
                    for id in &ids {
                        let expert = store.get_expert(id).unwrap();
                        let mut input = expert.data.clone();
                        input.phone = format!("+33 3 88 00 {round:02} 00");
                        store
                            .update_expert(id, expert.meta.version, &input)
                            .unwrap();
                    }
                }
                let started = Instant::now();
                sync(&store, &config);
                total += started.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(sync_benches, benches);
criterion_main!(sync_benches);
