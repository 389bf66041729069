//! Builds the database the whole-process measurements run on (`scripts/measure-cli.py`):
//! 10,000 experts, 2,000 events of 20 sessions each (the store benchmark's data), and the
//! benchmark programme event `BENCH-PROGRAMME` (3 days, 30 sessions, 15 speakers: the data of
//! `documents::sample::generated(3, 30, 15)`, which the programme benchmark renders), with its
//! speakers and their organisations as real records.
//!
//! cargo run --release -p passerelle-core --example bench_db -- FILE
//!
//! FILE must not exist yet: the tool never overwrites a database.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use passerelle_core::documents::sample::generated;
use passerelle_core::error::CoreResult;
use passerelle_core::model::*;
use passerelle_core::Store;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("Usage : bench_db FICHIER (le fichier ne doit pas exister)");
        return ExitCode::from(2);
    };
    if path.exists() {
        eprintln!("{} existe déjà : rien n'a été écrit.", path.display());
        return ExitCode::FAILURE;
    }
    match build(&path) {
        Ok(counts) => {
            println!(
                "{} : {} experts, {} événements, {} séances",
                path.display(),
                counts.experts,
                counts.events,
                counts.sessions
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("Erreur : {error}");
            ExitCode::FAILURE
        }
    }
}

fn build(path: &std::path::Path) -> CoreResult<Counts> {
    let mut store = Store::open_with_reference(path)?;
    passerelle_core::bench_support::benchmark_directory(&mut store)?;
    add_programme_event(&mut store)?;
    store.counts()
}

/// The programme benchmark's event as records: organisations, speakers, event, sessions.
fn add_programme_event(store: &mut Store) -> CoreResult<()> {
    let data = generated(3, 30, 15);
    let mut organisation_ids: HashMap<String, String> = HashMap::new();
    let mut speaker_ids: HashMap<String, String> = HashMap::new();
    for speaker in &data.speakers {
        if !organisation_ids.contains_key(&speaker.organisation) {
            let organisation = store.create_organisation(&OrganisationInput {
                name: speaker.organisation.clone(),
                kind: "local_authority".into(),
                country: "FR".into(),
                ..Default::default()
            })?;
            organisation_ids.insert(speaker.organisation.clone(), organisation.meta.id);
        }
        let (first_name, last_name) = speaker.name.split_once(' ').unwrap_or(("", &speaker.name));
        let expert = store.create_expert(&ExpertInput {
            first_name: first_name.into(),
            last_name: last_name.into(),
            job_title: speaker.job_title.clone(),
            organisation_id: organisation_ids.get(&speaker.organisation).cloned(),
            country: "FR".into(),
            bio_fr: speaker.bio.clone(),
            ..Default::default()
        })?;
        speaker_ids.insert(speaker.name.clone(), expert.meta.id);
    }
    let day = |date: Option<chrono::NaiveDate>| {
        date.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let event = store.create_event(&EventInput {
        code: "BENCH-PROGRAMME".into(),
        title: data.title.clone(),
        kind: "seminar".into(),
        status: "confirmed".into(),
        start_date: day(data.start_date),
        end_date: day(data.end_date),
        city: data.city.clone(),
        country: "FR".into(),
        objectives: data.objectives.clone(),
        organisers: organisation_ids
            .values()
            .take(1)
            .map(|id| EventOrganiser {
                organisation_id: id.clone(),
                role: "organiser".into(),
            })
            .collect(),
        ..Default::default()
    })?;
    for session in &data.sessions {
        store.create_session(
            &event.meta.id,
            &SessionInput {
                date: session.date.format("%Y-%m-%d").to_string(),
                start_time: session.start.format("%H:%M").to_string(),
                end_time: session.end.format("%H:%M").to_string(),
                title: session.title.clone(),
                description: session.description.clone(),
                kind: session.kind.code().into(),
                place: session.place.clone(),
                speakers: session
                    .speakers
                    .iter()
                    .filter_map(|line| speaker_ids.get(&line.name))
                    .map(|id| SessionSpeaker {
                        expert_id: id.clone(),
                        role: "speaker".into(),
                    })
                    .collect(),
                ..Default::default()
            },
        )?;
    }
    Ok(())
}
