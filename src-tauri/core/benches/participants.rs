//! The documents of an event with 500 participants and full attendance (the study visit:
//! 3 days, 5 half-days): the 500 convocations in one PDF (target < 1 s), the 500 certificats de
//! réalisation in one PDF (< 1 s), the attendance sheets with the 500 names (< 300 ms); and the
//! participants card of the event page on a real database file with those 500 people and their
//! marks (< 100 ms): what its two commands read (seats, the list with waiting ranks, the grid's
//! half-days and every mark).

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use passerelle_core::documents::sample;
use passerelle_core::documents::sample::study_visit_with_attendance;
use passerelle_core::documents::{
    render_attendance_sheets, render_badges, render_certificates, render_convocations,
    AttendanceOptions, Badge, BadgeOptions, CertificateKind, CertificateOptions,
    ConvocationOptions, Person,
};
use passerelle_core::model::{AttendanceEntry, ParticipantInput};
use passerelle_core::store::demo::add_demo;
use passerelle_core::Store;

/// A database file holding the example study visit with 500 registered participants (its
/// capacity raised to fit them) and a mark for each of them on every half-day.
fn database_with_participants(dir: &std::path::Path) -> Store {
    let mut store = Store::open_with_reference(&dir.join("bench.db")).expect("database");
    let event_id = add_demo(&mut store).expect("example event");
    let mut event = store.get_event(&event_id).expect("event");
    event.data.capacity = Some(600);
    store
        .update_event(&event_id, event.meta.version, &event.data)
        .expect("capacity");
    let mut ids = Vec::new();
    for (n, person) in sample::participants(500).into_iter().enumerate() {
        let input = ParticipantInput {
            first_name: person.first_name,
            last_name: person.last_name,
            email: format!("personne{n}@exemple.fr"),
            employer: person.employer,
            status: "registered".into(),
            ..ParticipantInput::default()
        };
        let added = store
            .add_participant(&event_id, &input)
            .expect("participant");
        ids.push(added.participant.meta.id);
    }
    let halves = store.attendance_half_days(&event_id).expect("half-days");
    let entries: Vec<AttendanceEntry> = ids
        .iter()
        .flat_map(|id| {
            halves.iter().map(move |h| AttendanceEntry {
                participant_id: id.clone(),
                date: h.date.clone(),
                part: h.part.clone(),
                mark: "present".into(),
            })
        })
        .collect();
    store
        .set_attendance(&event_id, &entries)
        .expect("attendance");
    store
}

fn participants_view(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = database_with_participants(dir.path());
    let event_id = store
        .find_event_by_code(passerelle_core::store::demo::DEMO_EVENT_CODE)
        .expect("event")
        .meta
        .id;
    c.bench_function("participants card, 500 people and their marks", |b| {
        b.iter(|| {
            let seats = store.event_seats(&event_id).expect("seats");
            let list = store.list_participants(&event_id).expect("list");
            let halves = store.attendance_half_days(&event_id).expect("half-days");
            let marks = store.attendance_of(&event_id).expect("marks");
            assert_eq!(list.len(), 500);
            std::hint::black_box((seats, list, halves, marks))
        })
    });
}

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

criterion_group!(benches, participants, participants_view);
criterion_main!(benches);
