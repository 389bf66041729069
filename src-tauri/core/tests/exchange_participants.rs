//! Participants in the JSON exchange file, on real database files: they travel with their
//! status, waiting-list order, special needs, anonymisation and attendance; a change made on
//! one side is taken, on both sides it is a conflict; the same e-mail registered twice to one
//! event by two colleagues is refused with a French message, changing nothing.

mod common;

use std::path::Path;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::model::*;
use passerelle_core::Store;

fn keep_all() -> JsonImportChoices {
    JsonImportChoices::default()
}

fn person(first: &str, last: &str) -> ParticipantInput {
    ParticipantInput {
        first_name: first.into(),
        last_name: last.into(),
        email: format!("{}.{}@mairie.fr", first.to_lowercase(), last.to_lowercase()),
        employer: "Ville de Lille".into(),
        ..Default::default()
    }
}

fn mark(participant_id: &str, date: &str, part: &str, mark: &str) -> AttendanceEntry {
    AttendanceEntry {
        participant_id: participant_id.into(),
        date: date.into(),
        part: part.into(),
        mark: mark.into(),
    }
}

/// An event with training on both mornings and the first afternoon.
fn two_day_event(store: &mut Store, code: &str, start: &str, end: &str) -> String {
    let mut input = event(code, start, end);
    input.capacity = Some(2);
    let id = store.create_event(&input).unwrap().meta.id;
    for (date, from, to) in [
        (start, "09:00", "12:00"),
        (start, "14:00", "17:00"),
        (end, "09:00", "12:00"),
    ] {
        store
            .create_session(&id, &session(date, from, to, "Atelier"))
            .unwrap();
    }
    id
}

/// A database with the reference data, an event of capacity 2 with four participants (two
/// registered, two waiting, one with a profession and special needs) and their attendance,
/// and an old event whose participant was anonymised.
fn populated(path: &Path) -> (Store, String) {
    let mut store = Store::open_with_reference(path).unwrap();
    let event_id = two_day_event(&mut store, "PART-1", "2026-05-12", "2026-05-13");
    let mut ana = person("Ana", "Durand");
    ana.profession_id = Some(store.list_professions().unwrap()[5].meta.id.clone());
    ana.special_needs = "Fauteuil roulant : salle de plain-pied".into();
    ana.phone = "+33 3 20 00 00 00".into();
    let ana = store.add_participant(&event_id, &ana).unwrap().participant;
    let bruno = store
        .add_participant(&event_id, &person("Bruno", "Martin"))
        .unwrap()
        .participant;
    for (first, last) in [("Chloé", "Zidane"), ("David", "Abel")] {
        store
            .add_participant(&event_id, &person(first, last))
            .unwrap();
    }
    store
        .set_attendance(
            &event_id,
            &[
                mark(&ana.meta.id, "2026-05-12", "am", "present"),
                mark(&ana.meta.id, "2026-05-12", "pm", "present"),
                mark(&ana.meta.id, "2026-05-13", "am", "absent"),
                mark(&bruno.meta.id, "2026-05-12", "am", "excused"),
            ],
        )
        .unwrap();
    let old = two_day_event(&mut store, "OLD-1", "2019-03-04", "2019-03-05");
    let eva = store
        .add_participant(&old, &person("Eva", "Klein"))
        .unwrap()
        .participant;
    store
        .set_attendance(&old, &[mark(&eva.meta.id, "2019-03-04", "am", "present")])
        .unwrap();
    store.anonymise_participants(&[old]).unwrap();
    (store, event_id)
}

fn find(store: &Store, event_id: &str, last_name: &str) -> Participant {
    store
        .participants_of(event_id)
        .unwrap()
        .into_iter()
        .find(|p| p.data.last_name == last_name)
        .unwrap_or_else(|| panic!("participant {last_name}"))
}

fn edit(
    store: &mut Store,
    event_id: &str,
    last_name: &str,
    change: impl FnOnce(&mut ParticipantInput),
) {
    let p = find(store, event_id, last_name);
    let mut input = p.data.clone();
    change(&mut input);
    store
        .update_participant(&p.meta.id, p.meta.version, &input)
        .unwrap();
}

fn event_id_of(store: &Store, code: &str) -> String {
    store.event_id_by_code(code).unwrap().expect(code)
}

#[test]
fn participants_and_their_attendance_come_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, event_id) = populated(&dir.path().join("a.db"));
    let first = json::export(&mut a).unwrap();
    let text = std::str::from_utf8(&first).unwrap();
    assert!(text.contains("\"participants\": ["));
    assert!(
        text.contains("Fauteuil roulant : salle de plain-pied"),
        "special needs travel"
    );

    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    json::apply(&mut empty, &first, &keep_all()).unwrap();
    assert_eq!(json::export(&mut empty).unwrap(), first);

    // A fresh database whose reference professions have other ids: Ana's follows.
    let mut fresh = Store::open_with_reference(&dir.path().join("fresh.db")).unwrap();
    let preview = json::preview(&fresh, &first).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut fresh, &first, &keep_all()).unwrap();
    assert_eq!(json::export(&mut fresh).unwrap(), first);

    // What the user checks on the event page: the list with the waiting ranks, the attendance
    // grid, Ana's profession and needs, the anonymised participant with its attendance.
    assert_eq!(
        fresh.list_participants(&event_id).unwrap(),
        a.list_participants(&event_id).unwrap()
    );
    let waiting: Vec<_> = fresh
        .list_participants(&event_id)
        .unwrap()
        .into_iter()
        .filter_map(|s| s.waiting_rank.map(|rank| (s.last_name, rank)))
        .collect();
    assert_eq!(
        waiting,
        vec![("Abel".to_string(), 2), ("Zidane".to_string(), 1)]
    );
    assert_eq!(
        fresh.attendance_of(&event_id).unwrap(),
        a.attendance_of(&event_id).unwrap()
    );
    let ana = find(&fresh, &event_id, "Durand");
    assert_eq!(
        ana.data.special_needs,
        "Fauteuil roulant : salle de plain-pied"
    );
    let profession = ana.data.profession_id.clone().unwrap();
    assert!(fresh
        .list_professions()
        .unwrap()
        .iter()
        .any(|p| p.meta.id == profession));
    let old = event_id_of(&fresh, "OLD-1");
    let eva = &fresh.participants_of(&old).unwrap()[0];
    assert!(eva.anonymised);
    assert_eq!(
        (eva.data.last_name.as_str(), eva.data.email.as_str()),
        ("", "")
    );
    assert_eq!(
        fresh.attendance_of(&old).unwrap().len(),
        1,
        "attendance kept"
    );
    assert_eq!(fresh.integrity_check().unwrap(), "ok");
}

#[test]
fn a_database_without_participants_writes_no_participants_list() {
    let (_dir, mut store) = seeded_store();
    let id = store
        .create_event(&event("SEM-1", "2026-05-12", "2026-05-12"))
        .unwrap()
        .meta
        .id;
    let bytes = json::export(&mut store).unwrap();
    assert!(!std::str::from_utf8(&bytes)
        .unwrap()
        .contains("\"participants\""));
    store
        .add_participant(&id, &person("Ana", "Durand"))
        .unwrap();
    let bytes = json::export(&mut store).unwrap();
    assert!(std::str::from_utf8(&bytes)
        .unwrap()
        .contains("\"participants\""));
}

/// Two colleagues who exchanged once: B imported A's file into a fresh database.
struct Pair {
    _dir: tempfile::TempDir,
    a: Store,
    b: Store,
    event_id: String,
}

fn pair() -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, event_id) = populated(&dir.path().join("a.db"));
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let file = json::export(&mut a).unwrap();
    json::apply(&mut b, &file, &keep_all()).unwrap();
    Pair {
        _dir: dir,
        a,
        b,
        event_id,
    }
}

#[test]
fn a_change_made_on_one_side_is_taken_attendance_included() {
    let Pair {
        mut a,
        mut b,
        event_id,
        ..
    } = pair();
    edit(&mut a, &event_id, "Durand", |p| {
        p.phone = "+33 6 11 22 33 44".into()
    });
    // Ticking the grid is a change of Bruno, taken like any other.
    let mut grid = a.attendance_of(&event_id).unwrap();
    let bruno = find(&a, &event_id, "Martin").meta.id;
    grid.push(mark(&bruno, "2026-05-13", "am", "present"));
    a.set_attendance(&event_id, &grid).unwrap();

    let file = json::export(&mut a).unwrap();
    let preview = json::preview(&b, &file).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    assert_eq!(preview.updated, 2, "Ana's phone and Bruno's attendance");
    json::apply(&mut b, &file, &keep_all()).unwrap();
    assert_eq!(
        find(&b, &event_id, "Durand").data.phone,
        "+33 6 11 22 33 44"
    );
    assert_eq!(b.attendance_of(&event_id).unwrap(), grid_sorted(grid));

    // The other way: B's change reaches A, A's own record is kept.
    edit(&mut b, &event_id, "Zidane", |p| {
        p.notes = "Arrive en train".into()
    });
    let file = json::export(&mut b).unwrap();
    let summary = json::apply(&mut a, &file, &keep_all()).unwrap();
    assert_eq!(summary.updated, 1);
    assert_eq!(find(&a, &event_id, "Zidane").data.notes, "Arrive en train");
    assert_eq!(json::export(&mut a).unwrap(), json::export(&mut b).unwrap());
}

fn grid_sorted(mut grid: Vec<AttendanceEntry>) -> Vec<AttendanceEntry> {
    grid.sort_by(|x, y| {
        (&x.participant_id, &x.date, &x.part).cmp(&(&y.participant_id, &y.date, &y.part))
    });
    grid
}

#[test]
fn a_participant_changed_on_both_sides_is_a_conflict_naming_the_fields() {
    let Pair {
        mut a,
        mut b,
        event_id,
        ..
    } = pair();
    edit(&mut a, &event_id, "Durand", |p| {
        p.phone = "+33 6 11 22 33 44".into()
    });
    edit(&mut b, &event_id, "Durand", |p| {
        p.special_needs = "Boucle magnétique".into()
    });
    let file = json::export(&mut a).unwrap();
    let preview = json::preview(&b, &file).unwrap();
    assert_eq!(preview.conflicts.len(), 1);
    let conflict = &preview.conflicts[0];
    assert_eq!(conflict.entity_label, "Participant");
    assert_eq!(conflict.label, "Ana Durand");
    assert_eq!(conflict.fields, vec!["Téléphone", "Besoins particuliers"]);

    // Keeping mine: B's needs stay, and A takes them at the next exchange.
    json::apply(&mut b, &file, &keep_all()).unwrap();
    let ana = find(&b, &event_id, "Durand");
    assert_eq!(ana.data.special_needs, "Boucle magnétique");
    assert_eq!(ana.data.phone, "+33 3 20 00 00 00");
    let back = json::export(&mut b).unwrap();
    let preview = json::preview(&a, &back).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut a, &back, &keep_all()).unwrap();
    assert_eq!(
        find(&a, &event_id, "Durand").data.special_needs,
        "Boucle magnétique"
    );
}

#[test]
fn participants_anonymised_on_one_side_arrive_anonymised_with_their_attendance() {
    let Pair {
        mut a,
        mut b,
        event_id,
        ..
    } = pair();
    let grid = a.attendance_of(&event_id).unwrap();
    a.anonymise_participants(std::slice::from_ref(&event_id))
        .unwrap();
    let file = json::export(&mut a).unwrap();
    let preview = json::preview(&b, &file).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    assert_eq!(preview.updated, 4);
    json::apply(&mut b, &file, &keep_all()).unwrap();
    let people = b.participants_of(&event_id).unwrap();
    assert_eq!(people.len(), 4);
    for p in &people {
        assert!(p.anonymised);
        assert_eq!(
            (
                p.data.last_name.as_str(),
                p.data.email.as_str(),
                p.data.special_needs.as_str()
            ),
            ("", "", "")
        );
    }
    assert_eq!(b.attendance_of(&event_id).unwrap(), grid);
}

#[test]
fn the_same_email_registered_by_both_colleagues_is_refused_naming_both() {
    let Pair {
        mut a,
        mut b,
        event_id,
        ..
    } = pair();
    let mut same = person("Farid", "Benali");
    same.email = "f.benali@cus.fr".into();
    a.add_participant(&event_id, &same).unwrap();
    same.email = "F.Benali@cus.fr".into();
    same.first_name = "F.".into();
    b.add_participant(&event_id, &same).unwrap();
    let before = json::export(&mut b).unwrap();

    let file = json::export(&mut a).unwrap();
    let error = json::preview(&b, &file).unwrap_err();
    assert_eq!(error.kind(), "invalidFile", "{error}");
    let message = error.to_string();
    assert!(
        // Either spelling: the case of an address does not make another person.
        message
            .to_lowercase()
            .contains("« f.benali@cus.fr » serait inscrite deux fois"),
        "{message}"
    );
    assert!(
        message.contains("Farid Benali") && message.contains("F. Benali"),
        "{message}"
    );
    assert!(message.contains("Séminaire PART-1 (PART-1)"), "{message}");
    let error = json::apply(&mut b, &file, &keep_all()).unwrap_err();
    assert_eq!(error.kind(), "invalidFile", "{error}");
    assert_eq!(json::export(&mut b).unwrap(), before, "nothing changed");
}

#[test]
fn two_participants_who_swap_their_emails_are_imported() {
    let Pair {
        mut a,
        mut b,
        event_id,
        ..
    } = pair();
    edit(&mut a, &event_id, "Durand", |p| {
        p.email = "provisoire@mairie.fr".into()
    });
    edit(&mut a, &event_id, "Martin", |p| {
        p.email = "ana.durand@mairie.fr".into()
    });
    edit(&mut a, &event_id, "Durand", |p| {
        p.email = "bruno.martin@mairie.fr".into()
    });
    let file = json::export(&mut a).unwrap();
    let summary = json::apply(&mut b, &file, &keep_all()).unwrap();
    assert_eq!(summary.updated, 2);
    assert_eq!(
        find(&b, &event_id, "Durand").data.email,
        "bruno.martin@mairie.fr"
    );
    assert_eq!(
        find(&b, &event_id, "Martin").data.email,
        "ana.durand@mairie.fr"
    );
}

#[test]
fn an_older_files_participants_follow_our_profession_ids_and_ours_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, a_event) = populated(&dir.path().join("a.db"));
    let mut b = Store::open_with_reference(&dir.path().join("b.db")).unwrap();
    let own = b
        .create_event(&event("B-1", "2026-06-01", "2026-06-01"))
        .unwrap()
        .meta
        .id;
    let profession = b.list_professions().unwrap()[5].clone();
    let mut input = person("Gaëlle", "Roux");
    input.profession_id = Some(profession.meta.id.clone());
    b.add_participant(&own, &input).unwrap();

    // From a release that gave reference records random ids.
    let file = with_older_reference_ids(&json::export(&mut a).unwrap());
    json::apply(&mut b, &file, &keep_all()).unwrap();
    let hers = find(&b, &a_event, "Durand").data.profession_id.unwrap();
    assert!(
        b.list_professions()
            .unwrap()
            .iter()
            .any(|p| p.meta.id == hers),
        "A's participant names one of our professions"
    );
    let moved = find(&b, &own, "Roux").data.profession_id.unwrap();
    assert_eq!(
        moved, profession.meta.id,
        "one id for the shipped profession on both laptops"
    );
    let title = b
        .list_professions()
        .unwrap()
        .into_iter()
        .find(|p| p.meta.id == moved)
        .unwrap()
        .data
        .title;
    assert_eq!(title, profession.data.title);
    assert_eq!(b.integrity_check().unwrap(), "ok");
}

#[test]
fn bad_participants_in_a_file_are_refused_naming_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = populated(&dir.path().join("a.db"));
    let file = json::export(&mut a).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let list = value["participants"].as_array_mut().unwrap();
    let ana = list.iter_mut().find(|p| p["lastName"] == "Durand").unwrap();
    ana["email"] = "pas-une-adresse".into();
    let cell = ana["attendance"][0].clone();
    ana["attendance"].as_array_mut().unwrap().push(cell);
    let bytes = serde_json::to_vec(&value).unwrap();
    let empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let message = json::preview(&empty, &bytes).unwrap_err().to_string();
    assert!(message.contains("Participant « Ana Durand »"), "{message}");
    assert!(message.contains("notée deux fois"), "{message}");
    assert!(
        message.contains("pas-une-adresse") || message.contains("e-mail"),
        "{message}"
    );
}

#[test]
fn attendance_outside_its_events_dates_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = populated(&dir.path().join("a.db"));
    let file = json::export(&mut a).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let list = value["participants"].as_array_mut().unwrap();
    let ana = list.iter_mut().find(|p| p["lastName"] == "Durand").unwrap();
    ana["attendance"][2]["date"] = "2026-06-01".into();
    let bytes = serde_json::to_vec(&value).unwrap();
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let error = json::apply(&mut empty, &bytes, &keep_all()).unwrap_err();
    assert_eq!(error.kind(), "invalidFile", "{error}");
    let message = error.to_string();
    assert!(
        message.contains("la présence le 01/06/2026 matin tomberait hors des dates"),
        "{message}"
    );
    assert_eq!(empty.counts().unwrap().events, 0, "nothing written");
}

/// A CSV import writes many people within one millisecond: the waiting list keeps the order of
/// its lines on the colleague's laptop too, though the file lists participants by id.
#[test]
fn the_waiting_list_order_of_a_csv_import_travels() {
    use passerelle_core::exchange::participants_csv;
    use passerelle_core::exchange::{CsvImportChoices, DuplicatePolicy};
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_with_reference(&dir.path().join("a.db")).unwrap();
    let mut full = event("FULL-1", "2026-05-12", "2026-05-12");
    full.capacity = Some(1);
    let event_id = a.create_event(&full).unwrap().meta.id;
    let names = ["Zoé", "Yann", "Xavier", "Wanda", "Victor", "Ursule", "Théo"];
    let mut text = String::from("Nom;Prénom;Courriel\n");
    for name in names {
        text.push_str(&format!("Nom;{name};{}@mairie.fr\n", name.to_lowercase()));
    }
    let choices = CsvImportChoices {
        on_duplicate: DuplicatePolicy::Update,
        skip_invalid: false,
    };
    participants_csv::apply(&mut a, &event_id, text.as_bytes(), &choices).unwrap();
    let ranks = |store: &Store| {
        let mut waiting: Vec<(i64, String)> = store
            .list_participants(&event_id)
            .unwrap()
            .into_iter()
            .filter_map(|s| s.waiting_rank.map(|rank| (rank, s.first_name)))
            .collect();
        waiting.sort();
        waiting
            .into_iter()
            .map(|(_, name)| name)
            .collect::<Vec<_>>()
    };
    assert_eq!(ranks(&a), names[1..].to_vec());
    let file = json::export(&mut a).unwrap();
    let mut b = Store::open(&dir.path().join("b.db")).unwrap();
    json::apply(&mut b, &file, &keep_all()).unwrap();
    assert_eq!(ranks(&b), names[1..].to_vec());
}
