//! An event's agenda as CSV for Excel (`;`, UTF-8 with BOM, CRLF, French headers): one row per
//! session in time order, with its date (dd/mm/yyyy), times, kind, title, description, place,
//! language and speakers ("Claire Exemple-Haller (Eurodistrict Strasbourg-Ortenau),
//! Intervenant | …", in their printed order). Export only: the agenda is edited in Passerelle.

use std::collections::HashMap;

use super::text::{french_date, CsvWriter};
use crate::error::CoreResult;
use crate::model::{SessionKind, SpeakerRole};
use crate::Store;

const HEADERS: &[&str] = &[
    "Date",
    "Début",
    "Fin",
    "Type",
    "Titre",
    "Description",
    "Lieu",
    "Langue",
    "Intervenants",
];

/// The agenda of the event `event_id` as a CSV file; [`crate::CoreError::NotFound`] if there is
/// no such event.
pub fn export(store: &Store, event_id: &str) -> CoreResult<Vec<u8>> {
    store.get_event(event_id)?;
    let sessions = store.list_sessions(event_id)?;
    let languages: HashMap<&str, &str> = crate::codes::catalogue()
        .languages
        .iter()
        .map(|l| (l.code, l.label))
        .collect();
    let mut speaker_names: HashMap<String, String> = HashMap::new();
    let mut writer = CsvWriter::new();
    writer.record(HEADERS);
    for session in &sessions {
        let data = &session.data;
        let mut speakers = Vec::new();
        for speaker in &data.speakers {
            if !speaker_names.contains_key(&speaker.expert_id) {
                let expert = store.get_expert(&speaker.expert_id)?;
                let mut name = format!("{} {}", expert.data.first_name, expert.data.last_name);
                if let Some(organisation) = &expert.organisation_name {
                    name.push_str(&format!(" ({organisation})"));
                }
                speaker_names.insert(speaker.expert_id.clone(), name);
            }
            let name = speaker_names
                .get(&speaker.expert_id)
                .cloned()
                .unwrap_or_default();
            let role = SpeakerRole::from_code(&speaker.role)
                .map(SpeakerRole::label)
                .unwrap_or(&speaker.role);
            speakers.push(format!("{name}, {role}"));
        }
        let kind = SessionKind::from_code(&data.kind)
            .map(SessionKind::label)
            .unwrap_or(&data.kind);
        let language = languages
            .get(data.language.as_str())
            .copied()
            .unwrap_or(&data.language);
        writer.record(&[
            french_date(&data.date).as_str(),
            &data.start_time,
            &data.end_time,
            kind,
            &data.title,
            &data.description,
            &data.place,
            language,
            &speakers.join(" | "),
        ]);
    }
    Ok(writer.finish())
}
