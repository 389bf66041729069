//! Importing 10,000 experts from a CSV file, as a user would: the preview, then the apply in one
//! transaction, into a real database file with the reference data. Target: under 2 s for both.
//! Also measured: re-importing the same file into that database (every row matched, nothing
//! written) and exporting the 10,000 experts.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use passerelle_core::exchange::{experts_csv, CsvImportChoices, DuplicatePolicy};
use passerelle_core::Store;

const FIRST: &[&str] = &["Anne", "Hélène", "Jonas", "Lena", "Marc", "Sophie", "Inès"];
const LAST: &[&str] = &[
    "Muller", "Schäfer", "Dupont", "Weber", "Martin", "Vogel", "Roux",
];

/// A file as a colleague would send it: every column filled, links to reference records.
fn csv_of_experts(count: usize) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}Nom;Prénom;Fonction;Structure;Pays;Ville;E-mail;Téléphone;Langues;Thèmes;\
         Territoires;Métiers;Biographie;Date du consentement;Source du consentement;Date de révision\r\n",
    );
    for i in 0..count {
        text.push_str(&format!(
            "{}-{i};{};Chargée de mission;{};{};Strasbourg;expert{i}@exemple.eu;'+33 3 88 00 00 {:02};\
             fr:langue maternelle, de:{};{};{};Acheteur public | interpreter;\
             \"Spécialiste de la mobilité; projets Interreg\";05/03/2024;Entretien;05/03/2027\r\n",
            LAST[i % LAST.len()],
            FIRST[i % FIRST.len()],
            ["MOT", "CNFPT", "Eurodistrict Strasbourg-Ortenau"][i % 3],
            ["FR", "DE", "Allemagne"][i % 3],
            i % 100,
            ["B2", "C1", "C2"][i % 3],
            ["Santé", "Culture | Langues", "Transport / mobilité"][i % 3],
            ["Frontière France–Allemagne", "Grand Genève"][i % 2],
        ));
    }
    text.into_bytes()
}

const CHOICES: CsvImportChoices = CsvImportChoices {
    on_duplicate: DuplicatePolicy::Update,
    skip_invalid: false,
};

fn benches(c: &mut Criterion) {
    let bytes = csv_of_experts(10_000);
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("csv_import");
    group.sample_size(10);

    let mut run = 0;
    group.bench_function("preview_and_apply_10000_new_experts", |b| {
        b.iter_batched(
            || {
                run += 1;
                Store::open_with_reference(&dir.path().join(format!("new-{run}.db"))).unwrap()
            },
            |mut store| {
                let preview = experts_csv::preview(&store, &bytes).unwrap();
                assert_eq!((preview.new, preview.rejected.len()), (10_000, 0));
                let summary = experts_csv::apply(&mut store, &bytes, &CHOICES).unwrap();
                assert_eq!(summary.created, 10_000);
                store
            },
            BatchSize::PerIteration,
        )
    });

    let mut store = Store::open_with_reference(&dir.path().join("full.db")).unwrap();
    experts_csv::apply(&mut store, &bytes, &CHOICES).unwrap();
    group.bench_function("preview_and_apply_10000_unchanged_experts", |b| {
        b.iter(|| {
            let preview = experts_csv::preview(&store, &bytes).unwrap();
            assert_eq!(preview.unchanged, 10_000);
            let summary = experts_csv::apply(&mut store, &bytes, &CHOICES).unwrap();
            assert_eq!(summary.unchanged, 10_000);
        })
    });
    group.bench_function("export_10000_experts", |b| {
        b.iter(|| experts_csv::export(&store).unwrap())
    });
    group.finish();
}

criterion_group!(csv, benches);
criterion_main!(csv);
