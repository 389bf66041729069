//! The agenda, day by day: a heading per day, then one row per session — the times, and the
//! title with its partner-language title in italics under it, the place and the speakers. A
//! day that continues on the next page repeats its heading there.

use super::{section, BookletData, BookletStyles};
use crate::documents::dates;
use crate::documents::layout::{Flow, Layout, Para, Span, Table, TextStyle, ACCENT, MM, MUTED};
use crate::documents::typography::french;

/// The indices of the sessions in date and time order, grouped by day.
fn days(data: &BookletData) -> Vec<Vec<usize>> {
    let sessions = &data.event.sessions;
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    order.sort_by_key(|&i| (sessions[i].date, sessions[i].start, sessions[i].end));
    let mut days: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match days.last_mut() {
            Some(day) if sessions[day[0]].date == sessions[i].date => day.push(i),
            _ => days.push(vec![i]),
        }
    }
    days
}

/// The right cell of a session's row.
fn session_cell(styles: &BookletStyles, data: &BookletData, i: usize) -> Vec<Para> {
    let s = &data.event.sessions[i];
    let training = s.kind.counts_as_training();
    let title = match s.title.trim() {
        "" => s.kind.label().to_string(),
        t => french(t),
    };
    let mut cell = vec![if training {
        Para::new(vec![Span::bold(title)], styles.body)
    } else {
        Para::new(vec![Span::italic(title)], styles.muted)
    }];
    let partner = data.partner_titles.get(i).map_or("", |t| t.trim());
    if !partner.is_empty() {
        cell.push(Para {
            gap_before: 0.5,
            ..Para::new(vec![Span::italic(partner)], TextStyle::new(8.0, ACCENT))
        });
    }
    if !s.place.trim().is_empty() {
        cell.push(Para::new(
            vec![Span::regular(format!(
                "Lieu\u{a0}: {}",
                french(s.place.trim())
            ))],
            styles.muted,
        ));
    }
    let speakers: Vec<String> = s
        .speakers
        .iter()
        .filter(|sp| !sp.name.trim().is_empty())
        .map(|sp| match sp.organisation.trim() {
            "" => french(sp.name.trim()),
            org => format!("{} ({})", french(sp.name.trim()), french(org)),
        })
        .collect();
    if !speakers.is_empty() {
        cell.push(Para::new(
            vec![Span::regular(format!("Avec {}", speakers.join(", ")))],
            styles.muted,
        ));
    }
    cell
}

/// The « Programme » section; left out when the agenda is empty.
pub(super) fn agenda(flow: &mut Flow, layout: &Layout, styles: &BookletStyles, data: &BookletData) {
    let days = days(data);
    if days.is_empty() {
        return;
    }
    let time_width = 19.0 * MM;
    let table = Table {
        columns: vec![time_width, layout.page.body_width() - time_width],
        padding: 3.0,
        grid: false,
        rule: Some(crate::documents::layout::RULE),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    section(flow, layout, styles, "Programme");
    for day in days {
        let date = data.event.sessions[day[0]].date;
        let heading = dates::capitalize(&dates::long_date(date));
        flow.push([layout.spacer(5.0)]);
        flow.bookmark(&heading);
        flow.push_ungrouped(layout.heading(&heading, styles.day, None));
        flow.begin_group(layout.heading(&format!("{heading} (suite)"), styles.day, None));
        for i in day {
            let s = &data.event.sessions[i];
            let time = Para::new(
                vec![Span::regular(dates::time_range(s.start, s.end))],
                TextStyle::new(8.0, MUTED),
            );
            flow.push(layout.table_row(&table, &[vec![time], session_cell(styles, data, i)]));
        }
        flow.end_group();
    }
}
