//! The practical pages: the welcome text, the meeting points, the transport legs, the
//! accommodation, the contacts and the emergency numbers. Dates and times typed as ISO dates
//! and "HH:MM" are printed in words ("Mardi 16 mars 2027", "8 h 45"); anything else as typed.

use chrono::{NaiveDate, NaiveTime};

use super::{entry, section, BookletData, BookletStyles, CountryEmergency};
use crate::documents::dates;
use crate::documents::layout::{Flow, Layout, Para, Span, Table, TextStyle, ACCENT, MM, RULE};
use crate::documents::typography::french;
use crate::model::Logistics;

fn date(text: &str) -> String {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) => dates::capitalize(&dates::long_date(d)),
        Err(_) => french(text.trim()),
    }
}

fn time(text: &str) -> String {
    match NaiveTime::parse_from_str(text.trim(), "%H:%M") {
        Ok(t) => dates::time(t),
        Err(_) => french(text.trim()),
    }
}

/// The non-empty parts joined by `sep`.
fn joined(parts: &[String], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// « Bienvenue », when the event has a welcome text.
pub(super) fn welcome(
    flow: &mut Flow,
    layout: &Layout,
    styles: &BookletStyles,
    data: &BookletData,
) {
    let text = data.logistics.welcome.trim();
    if text.is_empty() {
        return;
    }
    section(flow, layout, styles, "Bienvenue");
    for paragraph in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        flow.push(layout.paragraph(&[Span::regular(french(paragraph))], styles.body, 0.0));
        flow.push([layout.spacer(3.0)]);
    }
}

/// Meeting points, transport, accommodation and contacts, each left out when empty.
pub(super) fn practical(flow: &mut Flow, layout: &Layout, styles: &BookletStyles, l: &Logistics) {
    if !l.meeting_points.is_empty() {
        section(flow, layout, styles, "Rendez-vous");
        for m in &l.meeting_points {
            let when = joined(&[date(&m.date), time(&m.time)], ", ");
            let head = vec![
                Span::bold(when),
                Span::regular(format!(" — {}", french(&m.place))),
            ];
            let lines = [french(&m.address), french(&m.note)];
            flow.push(entry(layout, styles, head, &lines));
        }
    }
    if !l.transport_legs.is_empty() {
        section(flow, layout, styles, "Trajets");
        for t in &l.transport_legs {
            let hours = joined(&[time(&t.departure_time), time(&t.arrival_time)], " → ");
            let head = vec![
                Span::bold(joined(&[date(&t.date), hours], ", ")),
                Span::regular(format!(
                    " — {}",
                    joined(&[french(&t.from), french(&t.to)], " → ")
                )),
            ];
            let lines = [
                joined(&[french(&t.mode), french(&t.reference)], " · "),
                french(&t.note),
            ];
            flow.push(entry(layout, styles, head, &lines));
        }
    }
    if !l.accommodation.is_empty() {
        section(flow, layout, styles, "Hébergement");
        for a in &l.accommodation {
            let nights = match (a.check_in.trim(), a.check_out.trim()) {
                ("", "") => String::new(),
                _ => format!(
                    "Arrivée\u{a0}: {} · départ\u{a0}: {}",
                    date(&a.check_in),
                    date(&a.check_out)
                ),
            };
            let lines = [
                french(&a.address),
                french(&a.phone),
                nights,
                french(&a.note),
            ];
            flow.push(entry(
                layout,
                styles,
                vec![Span::bold(french(&a.name))],
                &lines,
            ));
        }
    }
    if !l.contacts.is_empty() {
        section(flow, layout, styles, "Contacts");
        for c in &l.contacts {
            let mut head = vec![Span::bold(french(&c.name))];
            if !c.role.trim().is_empty() {
                head.push(Span::regular(format!(", {}", french(&c.role))));
            }
            flow.push(entry(
                layout,
                styles,
                head,
                &[french(&c.phone), c.email.trim().to_string()],
            ));
        }
    }
}

/// « Numéros d'urgence »: per country crossed, its numbers in a two-column table.
pub(super) fn emergency(
    flow: &mut Flow,
    layout: &Layout,
    styles: &BookletStyles,
    countries: &[CountryEmergency],
) {
    let countries: Vec<&CountryEmergency> =
        countries.iter().filter(|c| !c.numbers.is_empty()).collect();
    if countries.is_empty() {
        return;
    }
    let number_width = 17.0 * MM;
    let table = Table {
        columns: vec![number_width, layout.page.body_width() - number_width],
        padding: 2.5,
        grid: false,
        rule: Some(RULE),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    section(flow, layout, styles, "Numéros d'urgence");
    for country in countries {
        flow.push([layout.spacer(4.0)]);
        flow.push(layout.heading(&country.country, styles.day, None));
        for n in &country.numbers {
            let cells = [
                vec![Para::new(
                    vec![Span::bold(&n.number)],
                    TextStyle::new(10.0, ACCENT),
                )],
                vec![Para::new(vec![Span::regular(&n.service)], styles.small)],
            ];
            flow.push(layout.table_row(&table, &cells));
        }
    }
}
