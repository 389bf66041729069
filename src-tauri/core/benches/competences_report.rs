//! Time to produce the competences report of 500 professions × 10 competences × 10 years of
//! observations (50,000 observations) from a real SQLite file: the read alone, the read and the
//! PDF, the read and the CSV, and the PDF's two halves apart (laying the pages out, writing
//! them as PDF). Target: read + PDF under 200 ms in release.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::bench_support::bulk_competences;
use passerelle_core::documents::competences::{layout_competences_report, REPORT_TITLE};
use passerelle_core::documents::fonts::font_set;
use passerelle_core::documents::layout::PageSetup;
use passerelle_core::documents::pdf::{write_pdf, PdfInfo};
use passerelle_core::model::CompetencesReportFilter;
use passerelle_core::printing::{render_report, ReportFormat};
use passerelle_core::Store;

fn competences_report(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = Store::open_with_reference(&dir.path().join("bench.db")).expect("open");
    bulk_competences(&mut store, 500, 10, 10, 2016).expect("generate");
    let filter = CompetencesReportFilter::default();
    let report = store.competences_report(&filter).expect("report");
    assert_eq!(report.summary.observations, 50_000);
    let pdf = render_report(&report, ReportFormat::Pdf).expect("pdf");
    let csv = render_report(&report, ReportFormat::Csv).expect("csv");
    eprintln!(
        "competences report: PDF {} bytes, CSV {} bytes",
        pdf.len(),
        csv.len()
    );
    c.bench_function("competences report read, 50,000 observations", |b| {
        b.iter(|| {
            store
                .competences_report(std::hint::black_box(&filter))
                .expect("report")
        })
    });
    c.bench_function("competences report read + PDF", |b| {
        b.iter(|| {
            let report = store.competences_report(&filter).expect("report");
            render_report(&report, ReportFormat::Pdf).expect("pdf")
        })
    });
    c.bench_function("competences report PDF layout only", |b| {
        b.iter(|| layout_competences_report(&report).expect("layout"))
    });
    let paginated = layout_competences_report(&report).expect("layout");
    let info = PdfInfo {
        title: REPORT_TITLE.into(),
        author: "Passerelle".into(),
        subject: String::new(),
        keywords: Vec::new(),
        created: chrono::Utc::now(),
    };
    let fonts = font_set().expect("fonts");
    c.bench_function("competences report PDF writing only", |b| {
        b.iter(|| write_pdf(fonts, &PageSetup::a4(), &paginated, &info).expect("write"))
    });
    c.bench_function("competences report read + CSV", |b| {
        b.iter(|| {
            let report = store.competences_report(&filter).expect("report");
            render_report(&report, ReportFormat::Csv).expect("csv")
        })
    });
}

criterion_group!(benches, competences_report);
criterion_main!(benches);
