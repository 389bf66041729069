//! Time to produce the programme of a 3-day event with 30 sessions and 15 speakers, from data
//! to PDF bytes (layout, font subsetting, compression). Target: under 20 ms in release, and a
//! file of at most 40 KB (checked once before measuring). The same event's study-visit
//! booklet, imposed on A4 sheets: under 50 ms; its bilingual programme (French then German):
//! under 30 ms.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::documents::sample::{generated, generated_bilingual, generated_booklet};
use passerelle_core::documents::{
    render_attendance_sheets, render_booklet, render_programme, AttendanceOptions, BookletOptions,
    ProgrammeOptions,
};

fn programme(c: &mut Criterion) {
    let data = generated(3, 30, 15);
    let options = ProgrammeOptions::default();
    // Parse the fonts once, as a running application would have.
    let bytes = render_programme(&data, &options).expect("programme");
    assert!(bytes.len() <= 40_000, "programme is {} bytes", bytes.len());
    eprintln!("programme: {} bytes", bytes.len());
    c.bench_function("programme 3 days, 30 sessions, 15 speakers", |b| {
        b.iter(|| render_programme(std::hint::black_box(&data), &options).expect("programme"))
    });
    let bilingual = generated_bilingual(3, 30, 15);
    c.bench_function(
        "bilingual programme 3 days, 30 sessions, 15 speakers",
        |b| {
            b.iter(|| {
                render_programme(std::hint::black_box(&bilingual), &options).expect("programme")
            })
        },
    );
    let sheets = AttendanceOptions::default();
    c.bench_function("attendance sheets 3 days, 30 sessions", |b| {
        b.iter(|| render_attendance_sheets(std::hint::black_box(&data), &sheets).expect("sheets"))
    });
    let booklet = generated_booklet(3, 30, 15);
    let imposed = BookletOptions {
        imposed: true,
        ..BookletOptions::default()
    };
    let printed = render_booklet(&booklet, &imposed).expect("booklet");
    eprintln!(
        "booklet: {} A5 pages on {:?} sheets, {} bytes",
        printed.pages,
        printed.sheets,
        printed.pdf.len()
    );
    c.bench_function("booklet imposed 3 days, 30 sessions, 15 speakers", |b| {
        b.iter(|| render_booklet(std::hint::black_box(&booklet), &imposed).expect("booklet"))
    });
}

criterion_group!(benches, programme);
criterion_main!(benches);
