//! The speakers, the glossary (French | partner language) and the pages for notes.

use super::{section, BookletData, BookletStyles};
use crate::documents::dates;
use crate::documents::layout::{
    Chunk, Draw, Flow, Layout, Para, Span, Table, TextStyle, MM, MUTED, RULE,
};
use crate::documents::programme::ProgrammeData;
use crate::documents::typography::french;

/// « Intervenants »: name, position and organisation, short biography.
pub(super) fn speakers(
    flow: &mut Flow,
    layout: &Layout,
    styles: &BookletStyles,
    event: &ProgrammeData,
) {
    let speakers: Vec<_> = event
        .speakers
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .collect();
    if speakers.is_empty() {
        return;
    }
    section(flow, layout, styles, "Intervenants");
    for s in speakers {
        let mut chunks = layout.paragraph(&[Span::bold(french(s.name.trim()))], styles.body, 0.0);
        let position = [s.job_title.trim(), s.organisation.trim()]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| french(p))
            .collect::<Vec<_>>()
            .join(", ");
        if !position.is_empty() {
            chunks.extend(layout.paragraph(&[Span::italic(position)], styles.muted, 0.0));
        }
        // The name stays with its position and the first line of the biography.
        for chunk in chunks.iter_mut() {
            chunk.keep_with_next = true;
        }
        flow.push(chunks);
        if !s.bio.trim().is_empty() {
            flow.push(layout.paragraph(&[Span::regular(french(s.bio.trim()))], styles.small, 0.0));
        }
        flow.push([layout.spacer(5.0)]);
    }
}

/// « Lexique »: the glossary in two columns, French and the partner language.
pub(super) fn glossary(
    flow: &mut Flow,
    layout: &Layout,
    styles: &BookletStyles,
    data: &BookletData,
) {
    let entries: Vec<_> = data
        .logistics
        .glossary
        .iter()
        .filter(|e| !e.french.trim().is_empty() || !e.partner.trim().is_empty())
        .collect();
    if entries.is_empty() {
        return;
    }
    let half = layout.page.body_width() / 2.0;
    let table = Table {
        columns: vec![half, half],
        padding: 2.5,
        grid: false,
        rule: Some(RULE),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    let partner = match data.partner_language.trim() {
        "" => "Langue partenaire".to_string(),
        language => dates::capitalize(language),
    };
    section(flow, layout, styles, "Lexique");
    let header = layout.table_header(
        &table,
        &["Français", partner.as_str()],
        TextStyle::new(8.0, MUTED),
    );
    flow.begin_group(vec![header.clone()]);
    flow.push_ungrouped([header]);
    for e in entries {
        let cells = [
            vec![Para::new(
                vec![Span::regular(french(e.french.trim()))],
                styles.small,
            )],
            vec![Para::new(
                vec![Span::italic(e.partner.trim())],
                styles.small,
            )],
        ];
        flow.push(layout.table_row(&table, &cells));
    }
    flow.end_group();
}

/// `count` pages « Notes », each ruled to the bottom of its body.
pub(super) fn notes(flow: &mut Flow, layout: &Layout, styles: &BookletStyles, count: usize) {
    let spacing = 8.0 * MM;
    for _ in 0..count {
        flow.push([layout.page_break()]);
        let heading = layout.heading("Notes", styles.section, Some(RULE));
        let used: f32 = heading.iter().map(|c| c.height).sum();
        flow.push(heading);
        let lines = ((layout.page.body_height() - used) / spacing).floor() as usize;
        flow.push((0..lines).map(|_| Chunk {
            height: spacing,
            draws: vec![Draw::Line {
                x1: layout.page.left(),
                y1: spacing - 0.5,
                x2: layout.page.right(),
                y2: spacing - 0.5,
                color: RULE,
                width: 0.4,
            }],
            ..Chunk::default()
        }));
    }
}
