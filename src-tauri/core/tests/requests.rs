//! Training requests on real database files: the form's rules in French, the dated history of
//! status changes, the list's filters, the home view's counts, the event prefilled from a
//! request and the request moved to « Programmée », and the exchange file.

mod common;

use common::*;
use passerelle_core::exchange::json::{self, JsonImportChoices};
use passerelle_core::model::*;
use passerelle_core::{CoreError, Store};

fn days_ago(days: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn organisation(store: &Store, key: &str) -> String {
    store
        .list_organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.reference_key.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("organisation {key}"))
        .meta
        .id
}

fn request(title: &str, received: &str) -> TrainingRequestInput {
    TrainingRequestInput {
        received_date: received.into(),
        title: title.into(),
        contact_name: "Claire Muller".into(),
        contact_email: "claire.muller@gect-eurodistrict.eu".into(),
        project_name: "Santé sans frontière".into(),
        need: "Former les agents d'accueil aux droits des frontaliers".into(),
        status: "received".into(),
        ..Default::default()
    }
}

/// A request linked to everything the form offers.
fn full_request(store: &Store) -> TrainingRequestInput {
    let mut input = request("Accueil des frontaliers", &days_ago(3));
    input.territory_id = Some(store.list_territories().unwrap()[2].meta.id.clone());
    input.interreg_programme_id = Some(store.list_interreg_programmes().unwrap()[0].id.clone());
    input.theme_ids = vec![theme_id(store, "Transport")];
    input.target_profession_ids = vec![store.list_professions().unwrap()[4].meta.id.clone()];
    input.requester_ids = vec![organisation(store, "mot")];
    input.handler_ids = vec![store.list_organisations().unwrap()[0].meta.id.clone()];
    input.languages = vec!["fr".into(), "de".into()];
    input.audience = "Agents d'accueil des collectivités".into();
    input.expected_participants = Some(24);
    input.format = "course".into();
    input
}

#[test]
fn the_form_names_each_wrong_field_in_french() {
    let (_dir, mut store) = seeded_store();
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let mut input = request("", &tomorrow);
    input.contact_email = "claire.muller@".into();
    input.expected_participants = Some(0);
    input.format = "cruise".into();
    input.status = "declined".into();
    let error = store.create_request(&input, "agent").unwrap_err();
    let fields = error.fields();
    let message = |field: &str| {
        fields
            .iter()
            .find(|f| f.field == field)
            .unwrap_or_else(|| panic!("no message on {field}: {fields:?}"))
            .message
            .clone()
    };
    assert_eq!(message("title"), "Le titre de la demande est obligatoire.");
    assert_eq!(
        message("receivedDate"),
        "La date de réception ne peut pas être dans le futur."
    );
    assert!(message("contactEmail").contains("Adresse e-mail invalide"));
    assert!(message("expectedParticipants").contains("entre 1 et 10 000"));
    assert!(message("format").contains("« cruise »"));
    assert!(message("statusReason").contains("« Déclinée »"));
    let mut bad_date = request("Titre", "12/03/2026");
    bad_date.status = "nowhere".into();
    let fields = fields_of(store.create_request(&bad_date, "agent").unwrap_err());
    assert!(fields.contains(&"receivedDate".to_string()));
    assert!(fields.contains(&"status".to_string()));
    assert!(
        store
            .list_requests(&RequestFilter::default())
            .unwrap()
            .is_empty(),
        "nothing saved"
    );

    // A link to something that does not exist is named, and nothing is saved.
    let mut dangling = request("Titre", &days_ago(1));
    dangling.handler_ids = vec!["no-such-organisation".into()];
    let error = store.create_request(&dangling, "agent").unwrap_err();
    assert_eq!(fields_of(error), vec!["handlerIds".to_string()]);
    assert!(store
        .list_requests(&RequestFilter::default())
        .unwrap()
        .is_empty());
}

fn fields_of(error: CoreError) -> Vec<String> {
    fields(error)
}

#[test]
fn a_status_change_is_dated_with_who_and_why_and_a_refusal_needs_a_reason() {
    let (_dir, mut store) = seeded_store();
    let created = store
        .create_request(&full_request(&store), "cmuller")
        .unwrap();
    assert_eq!(created.history.len(), 1);
    assert_eq!(created.history[0].status, "received");
    assert_eq!(created.history[0].by, "cmuller");
    assert_eq!(
        created.data.requester_ids,
        vec![organisation(&store, "mot")]
    );

    // Editing without changing the status adds nothing to the history.
    let mut input = created.data.clone();
    input.notes = "Rappeler en janvier".into();
    let edited = store
        .update_request(&created.meta.id, created.meta.version, &input, "cmuller")
        .unwrap();
    assert_eq!(edited.history.len(), 1);
    assert_eq!(edited.meta.version, 2);

    // Declining without a reason is refused and changes nothing.
    input.status = "declined".into();
    let error = store
        .update_request(&edited.meta.id, edited.meta.version, &input, "jdupont")
        .unwrap_err();
    assert_eq!(fields_of(error), vec!["statusReason".to_string()]);
    assert_eq!(store.get_request(&edited.meta.id).unwrap(), edited);

    input.status_reason = "Hors du champ de compétence du CNFPT".into();
    let declined = store
        .update_request(&edited.meta.id, edited.meta.version, &input, "jdupont")
        .unwrap();
    let last = declined.history.last().unwrap();
    assert_eq!(
        (last.status.as_str(), last.by.as_str(), last.reason.as_str()),
        (
            "declined",
            "jdupont",
            "Hors du champ de compétence du CNFPT"
        )
    );
    assert!(last.at >= declined.history[0].at);

    // Editing a declined request again needs no new reason.
    input.status_reason.clear();
    input.notes = "Archivée".into();
    let again = store
        .update_request(&declined.meta.id, declined.meta.version, &input, "jdupont")
        .unwrap();
    assert_eq!(again.history.len(), 2);

    // An outdated version is refused.
    let stale = store.update_request(&again.meta.id, 1, &input, "jdupont");
    assert!(
        matches!(stale, Err(CoreError::StaleVersion { .. })),
        "{stale:?}"
    );
}

#[test]
fn the_list_filters_by_status_territory_theme_age_and_words() {
    let (_dir, mut store) = seeded_store();
    let territory = store.list_territories().unwrap()[2].meta.id.clone();
    let transport = theme_id(&store, "Transport");
    let mut old = request("Mobilité des apprentis", &days_ago(45));
    old.territory_id = Some(territory.clone());
    old.theme_ids = vec![transport.clone()];
    let old = store.create_request(&old, "a").unwrap();
    let mut studied = request("Marchés publics transfrontaliers", &days_ago(10));
    studied.status = "under_study".into();
    studied.project_name = "Interreg Rhin supérieur".into();
    let studied = store.create_request(&studied, "a").unwrap();
    let mut declined = request("Cuisine collective", &days_ago(60));
    declined.status = "declined".into();
    declined.status_reason = "Pas de formateur".into();
    store.create_request(&declined, "a").unwrap();

    let titles = |filter: RequestFilter| -> Vec<String> {
        store
            .list_requests(&filter)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        titles(RequestFilter::default()),
        vec![
            "Marchés publics transfrontaliers",
            "Mobilité des apprentis",
            "Cuisine collective"
        ],
        "most recently received first"
    );
    let by_status = RequestFilter {
        status: Some("under_study".into()),
        ..Default::default()
    };
    assert_eq!(titles(by_status), vec!["Marchés publics transfrontaliers"]);
    let by_territory = RequestFilter {
        territory_id: Some(territory),
        ..Default::default()
    };
    assert_eq!(titles(by_territory), vec!["Mobilité des apprentis"]);
    let by_theme = RequestFilter {
        theme_id: Some(transport),
        ..Default::default()
    };
    assert_eq!(titles(by_theme), vec!["Mobilité des apprentis"]);
    let older = RequestFilter {
        older_than_days: Some(30),
        open_only: true,
        ..Default::default()
    };
    assert_eq!(titles(older), vec!["Mobilité des apprentis"]);
    let words = RequestFilter {
        query: "rhin MARCHÉS".into(),
        ..Default::default()
    };
    assert_eq!(titles(words), vec!["Marchés publics transfrontaliers"]);
    let wildcard = RequestFilter {
        query: "%".into(),
        ..Default::default()
    };
    assert!(titles(wildcard).is_empty(), "a % is searched literally");

    let summary = &store.list_requests(&RequestFilter::default()).unwrap()[1];
    assert_eq!(summary.id, old.meta.id);
    assert_eq!(summary.age_days, 45);

    // The home view: open requests by status, and the one unanswered after 30 days.
    let counts = store.request_counts().unwrap();
    let count = |status: &str| {
        counts
            .open_by_status
            .iter()
            .find(|c| c.status == status)
            .map(|c| c.count)
    };
    assert_eq!(count("received"), Some(1));
    assert_eq!(count("under_study"), Some(1));
    assert_eq!(count("declined"), None, "closed statuses are not counted");
    let unanswered: Vec<&str> = counts.unanswered.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(unanswered, vec![old.meta.id.as_str()]);
    assert_ne!(studied.meta.id, old.meta.id);
}

#[test]
fn an_event_created_from_a_request_is_prefilled_linked_and_schedules_it() {
    let (_dir, mut store) = seeded_store();
    let input = full_request(&store);
    let request = store.create_request(&input, "cmuller").unwrap();
    let prefill = store.prefill_event_from_request(&request.meta.id).unwrap();
    assert_eq!(prefill.title, "Accueil des frontaliers");
    assert_eq!(prefill.kind, "training_course");
    assert_eq!(prefill.status, "draft");
    assert_eq!(prefill.territory_id, input.territory_id);
    assert_eq!(prefill.theme_ids, input.theme_ids);
    assert_eq!(prefill.target_profession_ids, input.target_profession_ids);
    assert_eq!(prefill.languages, vec!["fr", "de"]);
    assert_eq!(prefill.audience, input.audience);
    assert_eq!(prefill.capacity, Some(24));
    assert_eq!(
        prefill.organisers,
        vec![
            EventOrganiser {
                organisation_id: input.handler_ids[0].clone(),
                role: "organiser".into()
            },
            EventOrganiser {
                organisation_id: input.requester_ids[0].clone(),
                role: "partner".into()
            },
        ]
    );
    assert_eq!(
        prefill.request_id.as_deref(),
        Some(request.meta.id.as_str())
    );
    assert!(
        prefill.start_date.is_empty() && prefill.code.is_empty(),
        "left for the user"
    );
    assert_eq!(
        store.get_request(&request.meta.id).unwrap(),
        request,
        "nothing written"
    );

    let mut event = prefill.clone();
    event.code = "FRONT-2027".into();
    event.start_date = "2027-03-10".into();
    event.end_date = "2027-03-11".into();
    let event = store.create_event(&event).unwrap();
    assert_eq!(
        event.data.request_id.as_deref(),
        Some(request.meta.id.as_str())
    );

    let scheduled = store.get_request(&request.meta.id).unwrap();
    assert_eq!(scheduled.data.status, "scheduled");
    assert_eq!(scheduled.event_ids, vec![event.meta.id.clone()]);
    let last = scheduled.history.last().unwrap();
    assert_eq!(last.status, "scheduled");
    assert!(last.reason.contains("FRONT-2027"), "{}", last.reason);
    let events = store.request_events(&request.meta.id).unwrap();
    assert_eq!(events[0].code, "FRONT-2027");
    let listed = &store.list_requests(&RequestFilter::default()).unwrap()[0];
    assert_eq!(listed.event_count, 1);

    // A second event does not add another « Programmée ».
    let mut second = prefill;
    second.code = "FRONT-2027-B".into();
    second.start_date = "2027-05-10".into();
    second.end_date = "2027-05-10".into();
    store.create_event(&second).unwrap();
    assert_eq!(
        store.get_request(&request.meta.id).unwrap().history.len(),
        2
    );

    // The request cannot be deleted while events answer it.
    let error = store.delete_request(&request.meta.id).unwrap_err();
    assert_eq!(error.kind(), "inUse");
    assert!(error.to_string().contains("2 événement(s)"), "{error}");

    // An event naming a request that does not exist is refused on the field.
    let mut orphan = event.data.clone();
    orphan.code = "ORPHAN".into();
    orphan.request_id = Some("no-such-request".into());
    assert_eq!(
        fields_of(store.create_event(&orphan).unwrap_err()),
        vec!["requestId"]
    );
}

#[test]
fn a_declined_request_stays_declined_when_an_event_is_linked() {
    let (_dir, mut store) = seeded_store();
    let mut input = request("Cuisine collective", &days_ago(5));
    input.status = "declined".into();
    input.status_reason = "Pas de formateur".into();
    let request = store.create_request(&input, "a").unwrap();
    let mut linked = event("CUIS-1", "2027-01-10", "2027-01-10");
    linked.request_id = Some(request.meta.id.clone());
    store.create_event(&linked).unwrap();
    assert_eq!(
        store.get_request(&request.meta.id).unwrap().data.status,
        "declined"
    );

    // Linking an existing event later schedules an accepted request.
    let mut accepted = request_input_accepted();
    accepted.title = "Marchés publics".into();
    let accepted = store.create_request(&accepted, "a").unwrap();
    let plain = store
        .create_event(&event("MP-1", "2027-02-01", "2027-02-02"))
        .unwrap();
    let mut data = plain.data.clone();
    data.request_id = Some(accepted.meta.id.clone());
    store
        .update_event(&plain.meta.id, plain.meta.version, &data)
        .unwrap();
    assert_eq!(
        store.get_request(&accepted.meta.id).unwrap().data.status,
        "scheduled"
    );
}

fn request_input_accepted() -> TrainingRequestInput {
    let mut input = request("x", &days_ago(2));
    input.status = "accepted".into();
    input
}

#[test]
fn requests_travel_in_the_exchange_file_with_their_history_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_with_reference(&dir.path().join("a.db")).unwrap();
    let created = a.create_request(&full_request(&a), "cmuller").unwrap();
    let mut input = created.data.clone();
    input.status = "under_study".into();
    let studied = a
        .update_request(&created.meta.id, created.meta.version, &input, "jdupont")
        .unwrap();
    let mut linked = a.prefill_event_from_request(&studied.meta.id).unwrap();
    linked.code = "FRONT-2027".into();
    linked.start_date = "2027-03-10".into();
    linked.end_date = "2027-03-10".into();
    let event = a.create_event(&linked).unwrap();
    let request = a.get_request(&studied.meta.id).unwrap();
    assert_eq!(request.history.len(), 3);

    let first = json::export(&mut a).unwrap();
    let text = std::str::from_utf8(&first).unwrap();
    assert!(text.contains("\"trainingRequests\": ["));
    assert!(text.contains(&format!("\"requestId\": \"{}\"", request.meta.id)));

    // Into an empty database, then a fresh one with its own reference ids: same bytes.
    let mut empty = Store::open(&dir.path().join("empty.db")).unwrap();
    json::apply(&mut empty, &first, &JsonImportChoices::default()).unwrap();
    assert_eq!(empty.get_request(&request.meta.id).unwrap(), request);
    assert_eq!(json::export(&mut empty).unwrap(), first);
    let mut fresh = Store::open_with_reference(&dir.path().join("fresh.db")).unwrap();
    let preview = json::preview(&fresh, &first).unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    json::apply(&mut fresh, &first, &JsonImportChoices::default()).unwrap();
    assert_eq!(json::export(&mut fresh).unwrap(), first);
    let imported = fresh.get_request(&request.meta.id).unwrap();
    assert_eq!(
        imported, request,
        "links followed the reference records' ids"
    );
    assert_eq!(imported.event_ids, vec![event.meta.id.clone()]);

    // A change on one side is taken by the other, same rules as every record.
    let mut input = imported.data.clone();
    input.status = "held".into();
    fresh
        .update_request(&imported.meta.id, imported.meta.version, &input, "b")
        .unwrap();
    let second = json::export(&mut fresh).unwrap();
    let preview = json::preview(&a, &second).unwrap();
    assert_eq!((preview.updated, preview.conflicts.len()), (1, 0));
    json::apply(&mut a, &second, &JsonImportChoices::default()).unwrap();
    let back = a.get_request(&request.meta.id).unwrap();
    assert_eq!(back.data.status, "held");
    assert_eq!(back.history.len(), 4);

    // A refusal without its reason in the history is refused, naming the request.
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    let record = &mut value["trainingRequests"][0];
    record["status"] = "dropped".into();
    record["history"][2]["status"] = "dropped".into();
    record["history"][2]["reason"] = "".into();
    let bytes = serde_json::to_vec(&value).unwrap();
    let error = json::preview(&empty, &bytes).unwrap_err();
    assert_eq!(error.kind(), "invalidFile");
    let message = error.to_string();
    assert!(message.contains("Accueil des frontaliers"), "{message}");
    assert!(
        message.contains("« Abandonnée » n'indique pas de motif"),
        "{message}"
    );
}

/// A profession a request targets cannot be deleted (the request would point at nothing);
/// once the request is gone it can.
#[test]
fn a_profession_targeted_by_a_request_is_not_deleted() {
    let (_dir, mut store) = seeded_store();
    let profession = store
        .create_profession(&ProfessionInput {
            title: "Chargé de mission frontalier".into(),
            ..Default::default()
        })
        .unwrap();
    let mut input = request("Accueil des frontaliers", &days_ago(3));
    input.target_profession_ids = vec![profession.meta.id.clone()];
    let request = store.create_request(&input, "cmuller").unwrap();

    let refused = store.delete_profession(&profession.meta.id).unwrap_err();
    assert!(matches!(refused, CoreError::InUse { .. }), "{refused:?}");
    assert!(
        refused.to_string().contains("1 demande(s) de formation"),
        "{refused}"
    );
    assert!(store.get_profession(&profession.meta.id).is_ok());

    store.delete_request(&request.meta.id).unwrap();
    store.delete_profession(&profession.meta.id).unwrap();
}
