//! The cover: kind, title, subtitle, dates in words, place and organisers, under an accent
//! band; it fills the first page alone.

use super::BookletData;
use crate::documents::dates;
use crate::documents::layout::{
    Chunk, Draw, Flow, Layout, Span, TextStyle, ACCENT, MM, MUTED, TEXT,
};
use crate::documents::programme::{display_title, event_dates};
use crate::documents::typography::french;

fn band(layout: &Layout) -> Chunk {
    Chunk {
        height: 14.0 * MM,
        draws: vec![Draw::Rect {
            x: layout.page.left(),
            y: 0.0,
            w: layout.page.body_width(),
            h: 3.0 * MM,
            fill: Some(ACCENT),
            stroke: None,
            line_width: 0.0,
        }],
        ..Chunk::default()
    }
}

pub(super) fn cover(flow: &mut Flow, layout: &Layout, data: &BookletData) {
    let event = &data.event;
    flow.push([band(layout)]);
    let kind = event.kind.trim();
    let kind = if kind.is_empty() { "Livret" } else { kind };
    flow.push(layout.paragraph(
        &[Span::bold(format!("{} · livret", kind.to_uppercase()))],
        TextStyle::new(8.5, ACCENT),
        0.0,
    ));
    flow.push([layout.spacer(4.0)]);
    let title = TextStyle {
        line_height: 17.0 * 1.2,
        ..TextStyle::new(17.0, TEXT)
    };
    flow.push(layout.paragraph(&[Span::bold(display_title(event))], title, 0.0));
    if !event.subtitle.trim().is_empty() {
        flow.push([layout.spacer(3.0)]);
        flow.push(layout.paragraph(
            &[Span::italic(french(event.subtitle.trim()))],
            TextStyle::new(10.5, MUTED),
            0.0,
        ));
    }
    flow.push([layout.spacer(14.0 * MM)]);
    let facts = TextStyle::new(10.0, TEXT);
    if let Some((start, end)) = event_dates(event) {
        let when = dates::capitalize(&dates::date_range(start, end));
        flow.push(layout.paragraph(&[Span::bold(when)], facts, 0.0));
    }
    let place = [&event.venue, &event.city, &event.country]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !place.is_empty() {
        flow.push(layout.paragraph(&[Span::regular(french(&place))], facts, 0.0));
    }
    let organisers: Vec<&str> = event
        .organisers
        .iter()
        .map(|o| o.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if !organisers.is_empty() {
        flow.push([layout.spacer(10.0 * MM)]);
        let muted = TextStyle::new(8.5, MUTED);
        flow.push(layout.paragraph(&[Span::italic("Organisé par")], muted, 0.0));
        for name in organisers {
            flow.push(layout.paragraph(&[Span::regular(french(name))], facts, 0.0));
        }
    }
}
