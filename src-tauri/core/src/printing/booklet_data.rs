//! Reads what the study-visit booklet prints: the programme's data, the sessions'
//! partner-language titles, the event's logistics, and the emergency numbers of every country
//! crossed (the event's, its territory's, and those the logistics list).

use super::programme_data::{programme_session, programme_source, ProgrammeSource};
use crate::codes::catalogue;
use crate::documents::{BookletData, CountryEmergency, EmergencyLine};
use crate::emergency::emergency_numbers;
use crate::error::CoreResult;
use crate::model::{Event, PartnerLanguage};
use crate::store::Store;

/// Everything the booklet of `event_id` prints.
pub fn booklet_data(store: &Store, event_id: &str) -> CoreResult<BookletData> {
    let ProgrammeSource {
        event,
        agenda,
        mut data,
    } = programme_source(store, event_id, None, None)?;
    // The sessions again, beside their partner-language titles, in the programme's order.
    let mut sessions = Vec::new();
    for item in agenda.sessions() {
        sessions.push((
            programme_session(item, true)?,
            item.session.data.title_partner.clone(),
        ));
    }
    sessions.sort_by_key(|(s, _)| (s.date, s.start, s.end));
    let (sessions, partner_titles) = sessions.into_iter().unzip();
    data.sessions = sessions;
    let territory_countries = match &event.data.territory_id {
        Some(id) => store.get_territory(id)?.data.countries,
        None => Vec::new(),
    };
    Ok(BookletData {
        event: data,
        partner_titles,
        partner_language: PartnerLanguage::from_code(&event.data.partner_language)
            .map(|l| l.label().to_string())
            .unwrap_or_default(),
        emergency: emergency(&event, &territory_countries),
        logistics: event.data.logistics,
    })
}

/// The emergency numbers of the countries crossed, the event's own country first, each once.
fn emergency(event: &Event, territory_countries: &[String]) -> Vec<CountryEmergency> {
    let mut codes: Vec<String> = Vec::new();
    let all = std::iter::once(&event.data.country)
        .chain(territory_countries)
        .chain(&event.data.logistics.countries);
    for code in all.map(|c| c.trim().to_ascii_uppercase()) {
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    let catalogue = catalogue();
    codes
        .into_iter()
        .map(|code| CountryEmergency {
            country: catalogue
                .countries
                .iter()
                .find(|c| c.code == code)
                .map_or_else(|| code.clone(), |c| c.label.to_string()),
            numbers: emergency_numbers(&code)
                .into_iter()
                .map(|n| EmergencyLine {
                    number: n.number.to_string(),
                    service: n.service.to_string(),
                })
                .collect(),
        })
        .filter(|c| !c.numbers.is_empty())
        .collect()
}
