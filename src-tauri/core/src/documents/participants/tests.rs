use chrono::{NaiveDate, NaiveTime};

use super::hours::{hours_attended, planned_half_days, planned_minutes};
use super::*;
use crate::documents::layout::Draw;
use crate::documents::programme::training_minutes;
use crate::documents::sample::study_visit;
use crate::documents::{fonts::FontStyle, layout::TEXT, ProgrammeSession};
use crate::model::{AttendanceEntry, AttendanceMark, HalfDayPart, SessionKind};

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn march(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

fn session(day: u32, start: NaiveTime, end: NaiveTime, kind: SessionKind) -> ProgrammeSession {
    ProgrammeSession {
        date: march(day),
        start,
        end,
        title: "Séance".into(),
        description: String::new(),
        kind,
        place: String::new(),
        speakers: Vec::new(),
        title_partner: String::new(),
        description_partner: String::new(),
    }
}

fn mark(day: u32, part: HalfDayPart, mark: AttendanceMark) -> Attendance {
    Attendance {
        date: march(day),
        part,
        mark,
    }
}

#[test]
fn the_study_visit_plans_five_half_days_and_its_programme_duration() {
    let data = study_visit();
    let halves = planned_half_days(&data.sessions);
    let minutes: Vec<i64> = halves.iter().map(|h| h.planned_minutes).collect();
    // 3 March: welcome and two talks around a break (9 h – 11 h, 11 h 15 – 12 h 30), then the
    // site visit after the transfer; 4 March: 9 h – 12 h 30 and 14 h – 16 h 30; 5 March morning.
    assert_eq!(minutes, [195, 150, 210, 150, 210]);
    assert_eq!(planned_minutes(&data.sessions), 915);
    assert_eq!(
        planned_minutes(&data.sessions),
        training_minutes(&data.sessions)
    );
}

#[test]
fn present_counts_absent_excused_and_unmarked_do_not() {
    let data = study_visit();
    let marks = [
        mark(3, HalfDayPart::Morning, AttendanceMark::Present),
        mark(3, HalfDayPart::Afternoon, AttendanceMark::Absent),
        mark(4, HalfDayPart::Morning, AttendanceMark::Excused),
        mark(4, HalfDayPart::Afternoon, AttendanceMark::Present),
        // A half-day without training (the event has no 5 March afternoon): ignored.
        mark(5, HalfDayPart::Afternoon, AttendanceMark::Present),
    ];
    let hours = hours_attended(&data.sessions, &marks);
    assert!(hours.has_records());
    assert_eq!(hours.attended_minutes, 195 + 150);
    assert_eq!(hours.planned_minutes, 915);
    assert_eq!(hours.present_half_days(), 2);
    let attended: Vec<i64> = hours.half_days.iter().map(|h| h.attended_minutes).collect();
    assert_eq!(attended, [195, 0, 0, 150, 0]);
    assert_eq!(
        hours.half_days[4].mark, None,
        "5 March morning not recorded"
    );

    let none = hours_attended(&data.sessions, &[]);
    assert!(!none.has_records());
    assert_eq!(none.attended_minutes, 0);
}

#[test]
fn parallel_and_overlapping_sessions_count_once() {
    let sessions = vec![
        // Two parallel workshops in the afternoon: 14 h – 16 h counted once.
        session(3, t(14, 0), t(16, 0), SessionKind::Workshop),
        session(3, t(14, 30), t(15, 30), SessionKind::Workshop),
        // A morning running late (11 h – 14 h) and an afternoon session from 13 h 30: the
        // afternoon counts only from 14 h, so the day is not counted 30 minutes too long.
        session(4, t(11, 0), t(14, 0), SessionKind::Talk),
        session(4, t(13, 30), t(15, 0), SessionKind::Talk),
        session(4, t(12, 0), t(13, 0), SessionKind::Meal),
    ];
    let minutes: Vec<i64> = planned_half_days(&sessions)
        .iter()
        .map(|h| h.planned_minutes)
        .collect();
    assert_eq!(minutes, [120, 180, 60]);
    assert_eq!(planned_minutes(&sessions), training_minutes(&sessions));
    let afternoon_only = hours_attended(
        &sessions,
        &[mark(4, HalfDayPart::Afternoon, AttendanceMark::Present)],
    );
    assert_eq!(afternoon_only.attended_minutes, 60);
}

#[test]
fn a_half_day_marked_twice_keeps_the_last_mark() {
    let data = study_visit();
    let marks = [
        mark(3, HalfDayPart::Morning, AttendanceMark::Absent),
        mark(3, HalfDayPart::Morning, AttendanceMark::Present),
    ];
    assert_eq!(hours_attended(&data.sessions, &marks).attended_minutes, 195);
}

#[test]
fn stored_grid_cells_become_marks() {
    let entry = |date: &str, part: &str, mark: &str| AttendanceEntry {
        participant_id: "p1".into(),
        date: date.into(),
        part: part.into(),
        mark: mark.into(),
    };
    assert_eq!(
        Attendance::from_entry(&entry("2026-03-04", "pm", "excused")),
        Some(mark(4, HalfDayPart::Afternoon, AttendanceMark::Excused))
    );
    assert_eq!(
        Attendance::from_entry(&entry("04/03/2026", "pm", "present")),
        None
    );
    assert_eq!(
        Attendance::from_entry(&entry("2026-03-04", "soir", "present")),
        None
    );
    assert_eq!(
        Attendance::from_entry(&entry("2026-03-04", "am", "late")),
        None
    );
}

#[test]
fn names_sort_by_last_name_accents_and_case_aside() {
    let mut people = vec![
        Person::new("Zoé", "Ezra", ""),
        Person::new("Paul", "écuyer", ""),
        Person::new("Anne", "Eder", ""),
        Person::new("Bruno", "Écuyer", ""),
        Person::new("Marc", "Dupont", ""),
    ];
    sort_people(&mut people);
    let names: Vec<String> = people.iter().map(Person::listed_name).collect();
    assert_eq!(
        names,
        [
            "DUPONT Marc",
            "ÉCUYER Bruno",
            "ÉCUYER Paul",
            "EDER Anne",
            "EZRA Zoé"
        ]
    );
    assert_eq!(people[0].full_name(), "Marc Dupont");
}

#[test]
fn personal_file_names_avoid_forbidden_characters() {
    assert_eq!(
        personal_file_name("Convocation", "VE/27", "Marie « Mimi » D?"),
        "Convocation - VE_27 - Marie « Mimi » D_.pdf"
    );
    assert_eq!(
        personal_file_name("Certificat", "", "Anna Muster"),
        "Certificat - Anna Muster.pdf"
    );
}

#[test]
fn a_half_turn_twice_is_the_identity() {
    let text = Draw::Text {
        x: 100.0,
        baseline: 50.0,
        text: "Anna".into(),
        style: FontStyle::Bold,
        size: 12.0,
        color: TEXT,
        width: 30.0,
        turned: false,
    };
    let once = text.clone().turned(200.0, 100.0);
    match &once {
        Draw::Text {
            x,
            baseline,
            turned,
            ..
        } => assert_eq!((*x, *baseline, *turned), (300.0, 150.0, true)),
        other => panic!("{other:?}"),
    }
    assert_eq!(once.turned(200.0, 100.0), text);
}
