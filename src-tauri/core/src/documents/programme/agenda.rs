//! The detailed agenda: a heading per day (a bookmark too), then a table of the day's
//! sessions (time, title and description, speakers) whose heading and header row are repeated
//! when the day continues on the next page.

use super::partner::{self, Partner};
use super::schedule::agenda_days;
use super::shared::{non_empty, Styles};
use super::{ProgrammeData, ProgrammeSession};
use crate::documents::dates;
use crate::documents::layout::{
    Flow, Layout, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, RULE, TEXT,
};
use crate::model::SessionKind;

/// The "Programme détaillé" section.
pub(super) fn agenda(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    partner: Option<Partner>,
) {
    let w = layout.page.body_width();
    let table = Table {
        columns: vec![25.0 * MM, w - 25.0 * MM - 52.0 * MM, 52.0 * MM],
        padding: 4.0,
        grid: false,
        rule: Some(RULE),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    let header_style = TextStyle::new(8.0, MUTED);
    let labels = [
        partner::heading(partner, "Horaire", |l| l.time),
        partner::heading(partner, "Séance", |l| l.session),
        partner::heading(partner, "Intervenants", |l| l.speakers),
    ];
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let days = agenda_days(&data.sessions);
    flow.push([layout.spacer(10.0)]);
    let title = partner::heading(partner, "Programme détaillé", |l| l.detailed_programme);
    flow.push(layout.heading(&title, styles.section, Some(RULE)));
    if days.is_empty() {
        flow.push([layout.spacer(4.0)]);
        flow.push(layout.paragraph(
            &[Span::italic(
                "Le programme détaillé sera communiqué ultérieurement.",
            )],
            styles.body,
            0.0,
        ));
        return;
    }
    for (date, sessions) in days {
        let mut heading = dates::capitalize(&dates::long_date(date));
        let mut suite = "(suite)".to_string();
        if let Some(p) = partner {
            heading = format!("{heading} / {}", p.labels.long_date(date));
            suite = format!("(suite / {})", p.labels.continued.trim_matches(['(', ')']));
        }
        flow.push([layout.spacer(8.0)]);
        flow.bookmark(&heading);
        flow.push_ungrouped(layout.heading(&heading, styles.day, None));
        flow.push_ungrouped([layout.table_header(&table, &labels, header_style)]);
        let mut continuation = layout.heading(&format!("{heading} {suite}"), styles.day, None);
        continuation.push(layout.table_header(&table, &labels, header_style));
        flow.begin_group(continuation);
        for session in sessions {
            let cells = [
                vec![Para::new(
                    vec![Span::regular(dates::time_range(session.start, session.end))],
                    TextStyle::new(9.0, TEXT),
                )],
                session_cell(session, partner),
                speakers_cell(styles, session),
            ];
            flow.push(layout.table_row(&table, &cells));
        }
        flow.end_group();
    }
}

/// The middle cell of a session's row: title (and kind), description, place. Breaks, meals
/// and transfers are printed in muted italics.
fn session_cell(s: &ProgrammeSession, partner: Option<Partner>) -> Vec<Para> {
    let desc_style = TextStyle::new(9.0, TEXT);
    let mut main = Vec::new();
    let title = non_empty(&s.title).unwrap_or_else(|| s.kind.label().to_string());
    if s.kind.counts_as_training() {
        main.push(Para::new(
            vec![Span::bold(title.clone())],
            TextStyle::new(9.5, TEXT),
        ));
        // The kind is printed unless the title already says it ("Atelier : …").
        let label = s.kind.label().to_lowercase();
        if !matches!(s.kind, SessionKind::Talk) && !title.to_lowercase().starts_with(&label) {
            main.push(Para::new(
                vec![Span::italic(s.kind.label())],
                TextStyle::new(8.0, ACCENT),
            ));
        }
    } else {
        main.push(Para::new(
            vec![Span::italic(title)],
            TextStyle::new(9.0, MUTED),
        ));
    }
    if let Some(text) = partner.and_then(|p| p.text_for(&s.title, &s.title_partner)) {
        main.push(partner::cell(text, TextStyle::new(9.0, TEXT), 1.0));
    }
    if let Some(d) = non_empty(&s.description) {
        main.push(Para {
            gap_before: 3.0,
            ..Para::new(vec![Span::regular(d)], desc_style)
        });
    }
    if let Some(text) = partner.and_then(|p| p.text_for(&s.description, &s.description_partner)) {
        main.push(partner::cell(text, desc_style, 1.5));
    }
    if let Some(p) = non_empty(&s.place) {
        main.push(Para::new(
            vec![Span::italic(format!("Lieu\u{a0}: {p}"))],
            TextStyle::new(8.0, MUTED),
        ));
    }
    main
}

/// The right cell of a session's row: each speaker in bold with their role, then their
/// organisation.
fn speakers_cell(styles: &Styles, s: &ProgrammeSession) -> Vec<Para> {
    let mut speakers = Vec::new();
    for sp in &s.speakers {
        let Some(name) = non_empty(&sp.name) else {
            continue;
        };
        let mut spans = vec![Span::bold(name)];
        if let Some(role) = non_empty(&sp.role) {
            spans.push(Span::regular(format!(" ({})", role.to_lowercase())));
        }
        speakers.push(Para {
            gap_before: 4.0,
            ..Para::new(spans, styles.small)
        });
        if let Some(org) = non_empty(&sp.organisation) {
            speakers.push(Para {
                gap_before: 0.0,
                ..Para::new(vec![Span::regular(org)], styles.small_muted)
            });
        }
    }
    speakers
}
