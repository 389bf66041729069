//! An event's agenda as CSV for Excel (`;`, UTF-8 with BOM, CRLF, French headers): one row per
//! session in time order, with its date (dd/mm/yyyy), times, kind, title, description, place,
//! language and speakers ("Claire Exemple-Haller (Eurodistrict Strasbourg-Ortenau),
//! Intervenant | …", in their printed order). Export only: the agenda is edited in Passerelle.

use std::collections::HashMap;

use super::text::{french_date, CsvWriter};
use crate::agenda::AgendaSpeaker;
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
    let agenda = store.event_agenda(event_id)?;
    let languages: HashMap<&str, &str> = crate::codes::catalogue()
        .languages
        .iter()
        .map(|l| (l.code, l.label))
        .collect();
    let mut writer = CsvWriter::new();
    writer.record(HEADERS);
    for item in agenda.sessions() {
        let data = &item.session.data;
        let speakers: Vec<String> = item.speaker_details.iter().map(speaker_cell).collect();
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

/// "Claire Exemple-Haller (Eurodistrict Strasbourg-Ortenau), Intervenant".
fn speaker_cell(speaker: &AgendaSpeaker) -> String {
    let role = SpeakerRole::from_code(&speaker.role)
        .map(SpeakerRole::label)
        .unwrap_or(&speaker.role);
    if speaker.organisation.is_empty() {
        format!("{}, {role}", speaker.name)
    } else {
        format!("{} ({}), {role}", speaker.name, speaker.organisation)
    }
}
