//! Bulk generation of a large database for the benchmarks and load tests: many experts,
//! events and sessions written in one transaction through the same insert paths (validation,
//! links and search index) as the interface uses.

use crate::error::CoreResult;
use crate::model::*;
use crate::store::{insert_event, insert_expert, insert_session, Store};

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
