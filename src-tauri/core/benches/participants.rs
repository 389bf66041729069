//! The documents of an event with 500 participants and full attendance (the study visit:
//! 3 days, 5 half-days): the 500 convocations in one PDF (target < 1 s), the 500 certificats de
//! réalisation in one PDF (< 1 s), the attendance sheets with the 500 names (< 300 ms).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::documents::sample::study_visit_with_attendance;
use passerelle_core::documents::{
    render_attendance_sheets, render_badges, render_certificates, render_convocations,
    AttendanceOptions, Badge, BadgeOptions, CertificateKind, CertificateOptions,
    ConvocationOptions, Person,
};

fn participants(c: &mut Criterion) {
    let (data, attendees) = study_visit_with_attendance(500);
    let people: Vec<Person> = attendees.iter().map(|a| a.person.clone()).collect();
    let mut group = c.benchmark_group("500 participants");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(12));

    let convocations = ConvocationOptions {
        what_to_bring: "Une pièce d'identité.".into(),
        ..ConvocationOptions::default()
    };
    let bytes = render_convocations(&data, &people, &convocations).expect("convocations");
    eprintln!("500 convocations: {} bytes", bytes.len());
    group.bench_function("500 convocations in one PDF", |b| {
        b.iter(|| render_convocations(std::hint::black_box(&data), &people, &convocations))
    });

    let certificates = CertificateOptions::default();
    let kind = CertificateKind::Completion;
    let bytes = render_certificates(&data, &attendees, &certificates, kind).expect("certificates");
    eprintln!("500 certificates: {} bytes", bytes.len());
    group.bench_function("500 certificates in one PDF", |b| {
        b.iter(|| render_certificates(std::hint::black_box(&data), &attendees, &certificates, kind))
    });

    let sheets = AttendanceOptions {
        participants: people.clone(),
        ..AttendanceOptions::default()
    };
    let bytes = render_attendance_sheets(&data, &sheets).expect("sheets");
    eprintln!("attendance sheets, 500 names: {} bytes", bytes.len());
    group.bench_function("attendance sheets with 500 names", |b| {
        b.iter(|| render_attendance_sheets(std::hint::black_box(&data), &sheets))
    });

    let badges: Vec<Badge> = people
        .iter()
        .map(|person| Badge {
            person: person.clone(),
            ..Badge::default()
        })
        .collect();
    let options = BadgeOptions::default();
    group.bench_function("500 badges", |b| {
        b.iter(|| render_badges(std::hint::black_box(&data), &badges, &options))
    });
    group.finish();
}

criterion_group!(benches, participants);
criterion_main!(benches);
