//! Bulk generation of a large database for the benchmarks and load tests: many experts,
//! events and sessions written in one transaction through the same insert paths (validation,
//! links and search index) as the interface uses.

use crate::error::CoreResult;
use crate::model::*;
use crate::store::{
    insert_competence, insert_event, insert_expert, insert_observation, insert_profession,
    insert_session, Store,
};

/// Writes `experts` experts made by `expert`, then `events` one-day-or-more events with
/// `sessions_per_event` sessions each (two speakers per talk, taken from the experts).
pub fn bulk_generate(
    store: &mut Store,
    experts: usize,
    events: usize,
    sessions_per_event: usize,
    expert: impl Fn(usize) -> ExpertInput,
) -> CoreResult<()> {
    store.write(|tx| {
        let mut expert_ids = Vec::with_capacity(experts);
        for i in 0..experts {
            expert_ids.push(insert_expert(tx, &expert(i))?);
        }
        let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).unwrap_or_default();
        for e in 0..events {
            let start = base + chrono::Duration::days((e as i64 * 3) % 1500);
            let days = 1 + (e % 3) as i64;
            let end = start + chrono::Duration::days(days - 1);
            let input = EventInput {
                code: format!("EV-{e:05}"),
                title: format!("Séminaire transfrontalier n° {e}"),
                kind: "seminar".into(),
                status: ["draft", "planned", "confirmed", "held"][e % 4].into(),
                start_date: start.format("%Y-%m-%d").to_string(),
                end_date: end.format("%Y-%m-%d").to_string(),
                city: ["Strasbourg", "Lille", "Genève", "Bayonne", "Metz"][e % 5].into(),
                objectives: vec!["Comprendre la coopération".into()],
                ..Default::default()
            };
            let event_id = insert_event(tx, &input)?;
            for s in 0..sessions_per_event {
                let day = start + chrono::Duration::days((s as i64) % days);
                let hour = 8 + (s / days as usize) % 10;
                let speakers = if expert_ids.is_empty() {
                    Vec::new()
                } else {
                    vec![SessionSpeaker {
                        expert_id: expert_ids[(e * 7 + s) % expert_ids.len()].clone(),
                        role: "speaker".into(),
                    }]
                };
                let session = SessionInput {
                    date: day.format("%Y-%m-%d").to_string(),
                    start_time: format!("{hour:02}:00"),
                    end_time: format!("{hour:02}:45"),
                    title: format!("Séquence {s}"),
                    kind: "talk".into(),
                    speakers,
                    ..Default::default()
                };
                insert_session(tx, &event_id, &session)?;
            }
        }
        Ok(())
    })
}

/// First and last names of the generated directory.
const FIRST: &[&str] = &[
    "Anne", "Hélène", "Jonas", "Lena", "Marc", "Sophie", "Paul", "Claire", "Lukas", "Inès",
];
const LAST: &[&str] = &[
    "Muller", "Schäfer", "Dupont", "Weber", "Martin", "Vogel", "Bernard", "Keller", "Roux",
    "Fischer",
];
/// Words of the field found in the generated bios (and searched by the benchmarks).
pub const WORDS: &[&str] = &[
    "mobilité",
    "santé",
    "emploi",
    "études",
    "tramway",
    "frontaliers",
    "Interreg",
    "GECT",
    "formation",
    "culture",
];

/// The directory of the store benchmark and the whole-process measurements: 10,000 experts
/// (French and German speakers, one theme each, words of the field in their bios), 2,000
/// events of 20 sessions, over the reference data already loaded in `store`.
pub fn benchmark_directory(store: &mut Store) -> CoreResult<()> {
    let themes: Vec<String> = store
        .list_themes()?
        .into_iter()
        .map(|t| t.meta.id)
        .collect();
    let organisations: Vec<String> = store
        .list_organisations()?
        .into_iter()
        .map(|o| o.meta.id)
        .collect();
    bulk_generate(store, 10_000, 2_000, 20, |i| ExpertInput {
        first_name: FIRST[i % FIRST.len()].into(),
        last_name: format!("{}{}", LAST[(i / 10) % LAST.len()], i),
        job_title: "Chargé de mission".into(),
        organisation_id: Some(organisations[i % organisations.len()].clone()),
        country: if i % 3 == 0 { "DE".into() } else { "FR".into() },
        languages: vec![
            LanguageSkill {
                language: "fr".into(),
                level: "native".into(),
            },
            LanguageSkill {
                language: "de".into(),
                level: ["A2", "B1", "B2", "C1", "C2"][i % 5].into(),
            },
        ],
        theme_ids: vec![themes[i % themes.len()].clone()],
        bio_fr: format!(
            "Spécialiste {} et {}",
            WORDS[i % WORDS.len()],
            WORDS[(i / 7) % WORDS.len()]
        ),
        ..Default::default()
    })
}

/// Writes `professions` professions spread over the families already in `store` (the reference
/// data's), each with `competences` competences observed every year from `first_year` for
/// `years` years, trends and sources varying; for the competences report's benchmark.
pub fn bulk_competences(
    store: &mut Store,
    professions: usize,
    competences: usize,
    years: usize,
    first_year: i64,
) -> CoreResult<()> {
    let families: Vec<String> = store
        .list_profession_families()?
        .into_iter()
        .map(|f| f.id)
        .collect();
    store.write(|tx| {
        for p in 0..professions {
            let input = ProfessionInput {
                title: format!("Chargé de coopération transfrontalière n° {p}"),
                family_id: families.get(p % families.len().max(1)).cloned(),
                code: format!("M{p:04}"),
                description: String::new(),
            };
            let profession_id = insert_profession(tx, &input, None)?;
            for c in 0..competences {
                let competence = CompetenceInput {
                    label: format!("{} des projets {c}", WORDS[(p + c) % WORDS.len()]),
                    description: String::new(),
                };
                let competence_id = insert_competence(tx, &profession_id, &competence)?;
                for y in 0..years {
                    let observation = ObservationInput {
                        year: first_year + y as i64,
                        trend: Trend::ALL[(p + c + y / 3) % Trend::ALL.len()].code().into(),
                        level: ["maîtrise", "expertise", "notions"][(c + y) % 3].into(),
                        source: format!("Observatoire régional {}", (p + y) % 4),
                        notes: "Tendance relevée lors de l'enquête annuelle".into(),
                    };
                    insert_observation(tx, &competence_id, &observation)?;
                }
            }
            crate::store::search::index_profession(tx, &profession_id)?;
        }
        Ok(())
    })
}
