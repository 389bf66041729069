//! The sections of the programme around its agenda: the key facts box, the titled text
//! sections and the speakers.

use chrono::NaiveDate;

use super::schedule::{event_dates, training_days, training_minutes};
use super::shared::{join_non_empty, non_empty, Styles};
use super::ProgrammeData;
use crate::documents::dates;
use crate::documents::layout::{
    Chunk, Flow, Layout, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, PALE, RULE, TEXT,
};
use crate::documents::typography::french;

/// The line under the title: the event's code and the programme's version date.
pub(super) fn version_line(
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    version: NaiveDate,
) -> Vec<Chunk> {
    let mut meta = Vec::new();
    if let Some(code) = non_empty(&data.code) {
        meta.push(format!("Code\u{a0}: {code}"));
    }
    meta.push(format!("Version du {}", dates::short_long_date(version)));
    let mut chunks = vec![layout.spacer(3.0)];
    chunks.extend(layout.paragraph(&[Span::regular(meta.join("  ·  "))], styles.meta, 0.0));
    chunks.push(layout.spacer(8.0));
    chunks
}

/// The key facts (dates, duration, place, organisers…) in a pale box with an accent bar.
pub(super) fn key_facts_box(layout: &Layout, data: &ProgrammeData) -> Vec<Chunk> {
    let facts_table = Table {
        columns: vec![34.0 * MM, layout.page.body_width() - 34.0 * MM],
        padding: 3.5,
        grid: false,
        rule: None,
        fill: Some(PALE),
        accent: Some(ACCENT),
        min_row_height: 0.0,
    };
    let mut chunks = Vec::new();
    for (label, value) in key_facts(data) {
        let cells = vec![
            vec![Para::new(
                vec![Span::bold(label)],
                TextStyle::new(9.0, ACCENT),
            )],
            vec![Para::new(
                vec![Span::regular(value)],
                TextStyle::new(9.0, TEXT),
            )],
        ];
        chunks.extend(layout.table_row(&facts_table, &cells));
    }
    chunks
}

/// The sections printed before the agenda: objectives and presentation.
pub(super) fn before_agenda(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
) {
    let objectives: Vec<Vec<Span>> = data
        .objectives
        .iter()
        .filter_map(|o| non_empty(o))
        .map(|o| vec![Span::regular(o)])
        .collect();
    section(
        flow,
        layout,
        styles,
        "Objectifs",
        layout.bullets(&objectives, styles.body),
    );
    section(
        flow,
        layout,
        styles,
        "Présentation",
        text_block(layout, styles, &data.summary),
    );
}

/// The sections printed after the agenda: methods, access, accessibility, contact, speakers.
pub(super) fn after_agenda(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
) {
    for (title, text) in [
        ("Méthodes pédagogiques", &data.teaching_methods),
        ("Modalités d'évaluation", &data.evaluation_methods),
        ("Modalités et délais d'accès", &data.access_terms),
    ] {
        section(
            flow,
            layout,
            styles,
            title,
            text_block(layout, styles, text),
        );
    }
    section(
        flow,
        layout,
        styles,
        "Accessibilité aux personnes en situation de handicap",
        accessibility(layout, styles, data),
    );
    section(
        flow,
        layout,
        styles,
        "Contact",
        contact(layout, styles, data),
    );
    section(
        flow,
        layout,
        styles,
        "Intervenants",
        speakers_section(layout, styles, data),
    );
}

/// The accessibility text and the disability contact ("Contact handicap").
fn accessibility(layout: &Layout, styles: &Styles, data: &ProgrammeData) -> Vec<Chunk> {
    let mut access = text_block(layout, styles, &data.accessibility);
    if let Some(contact) = non_empty(&data.accessibility_contact) {
        access.push(layout.spacer(3.0));
        access.extend(layout.paragraph(
            &[
                Span::bold("Contact handicap\u{a0}: "),
                Span::regular(contact),
            ],
            styles.body,
            0.0,
        ));
    }
    access
}

/// The contact person: name in bold, then e-mail and telephone.
fn contact(layout: &Layout, styles: &Styles, data: &ProgrammeData) -> Vec<Chunk> {
    let mut contact = Vec::new();
    for (label, value) in [
        ("", &data.contact_name),
        ("Courriel\u{a0}: ", &data.contact_email),
        ("Téléphone\u{a0}: ", &data.contact_phone),
    ] {
        if let Some(v) = non_empty(value) {
            let spans = if label.is_empty() {
                vec![Span::bold(v)]
            } else {
                vec![Span::regular(label), Span::regular(v)]
            };
            contact.extend(layout.paragraph(&spans, styles.body, 0.0));
        }
    }
    contact
}

/// A section: heading with a rule, then its content; nothing when the content is empty.
fn section(flow: &mut Flow, layout: &Layout, styles: &Styles, title: &str, content: Vec<Chunk>) {
    if content.is_empty() {
        return;
    }
    flow.push([layout.spacer(10.0)]);
    flow.push(layout.heading(title, styles.section, Some(RULE)));
    flow.push([layout.spacer(4.0)]);
    flow.push(content);
}

fn text_block(layout: &Layout, styles: &Styles, text: &str) -> Vec<Chunk> {
    match non_empty(text) {
        Some(t) => layout.paragraph(&[Span::regular(t)], styles.body, 0.0),
        None => Vec::new(),
    }
}

pub(super) fn key_facts(data: &ProgrammeData) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some((start, end)) = event_dates(data) {
        facts.push((
            if start == end { "Date" } else { "Dates" },
            dates::capitalize(dates::date_range(start, end).trim_start_matches("le ")),
        ));
    }
    let minutes = training_minutes(&data.sessions);
    if minutes > 0 {
        facts.push((
            "Durée",
            format!(
                "{} ({})",
                dates::days(training_days(&data.sessions)),
                dates::duration(minutes)
            ),
        ));
    }
    let place = join_non_empty(
        &[&data.venue, &data.address, &data.city, &data.country],
        ", ",
    );
    if !place.is_empty() {
        facts.push(("Lieu", place));
    }
    let organisers: Vec<String> = data
        .organisers
        .iter()
        .filter(|o| !o.name.trim().is_empty())
        .map(|o| match o.role.trim() {
            "" => o.name.trim().to_string(),
            role => format!("{} ({})", o.name.trim(), role.to_lowercase()),
        })
        .collect();
    if !organisers.is_empty() {
        facts.push((
            if organisers.len() > 1 {
                "Organisateurs"
            } else {
                "Organisateur"
            },
            organisers.join(" ; "),
        ));
    }
    if !data.audience.trim().is_empty() {
        facts.push(("Public", data.audience.trim().to_string()));
    }
    let professions = join_non_empty(
        &data
            .target_professions
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ", ",
    );
    if !professions.is_empty() {
        facts.push(("Métiers visés", professions));
    }
    let prerequisites = data.prerequisites.trim();
    facts.push((
        "Prérequis",
        if prerequisites.is_empty() {
            "Aucun".to_string()
        } else {
            prerequisites.to_string()
        },
    ));
    let languages = join_non_empty(
        &data
            .languages
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ", ",
    );
    if !languages.is_empty() {
        facts.push(("Langues", languages));
    }
    if !data.interpretation.trim().is_empty() {
        facts.push(("Interprétation", data.interpretation.trim().to_string()));
    }
    if !data.price.trim().is_empty() {
        facts.push(("Tarif", data.price.trim().to_string()));
    }
    facts.into_iter().map(|(k, v)| (k, french(&v))).collect()
}

fn speakers_section(layout: &Layout, styles: &Styles, data: &ProgrammeData) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    for sp in &data.speakers {
        let Some(name) = non_empty(&sp.name) else {
            continue;
        };
        let mut spans = vec![Span::bold(name)];
        let detail = join_non_empty(&[&sp.job_title, &sp.organisation], ", ");
        if !detail.is_empty() {
            spans.push(Span::regular(format!(" — {}", french(&detail))));
        }
        if !chunks.is_empty() {
            chunks.push(layout.spacer(5.0));
        }
        let mut head = layout.paragraph(&spans, styles.body, 0.0);
        let bio = text_block(
            layout,
            &Styles {
                body: TextStyle::new(9.0, MUTED),
                ..Styles::new()
            },
            &sp.bio,
        );
        if !bio.is_empty() {
            for c in head.iter_mut() {
                c.keep_with_next = true;
            }
        }
        chunks.extend(head);
        chunks.extend(bio);
    }
    chunks
}
