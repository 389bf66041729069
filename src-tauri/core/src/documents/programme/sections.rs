//! The sections of the programme around its agenda: the key facts box, the titled text
//! sections and the speakers.

use chrono::NaiveDate;

use super::facts::key_facts;
use super::partner::{self, heading, Partner};
use super::shared::{join_non_empty, non_empty, Styles};
use super::ProgrammeData;
use crate::documents::dates;
use crate::documents::languages::Labels;
use crate::documents::layout::{
    Chunk, Flow, Layout, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, PALE, RULE, TEXT,
};
use crate::documents::typography::french;

/// « Version 2 du 3 mars 2027 », or « Version du 3 mars 2027 » for a draft.
pub(super) fn version_text(data: &ProgrammeData, version: NaiveDate) -> String {
    match data.version_number {
        Some(n) => format!("Version {n} du {}", dates::short_long_date(version)),
        None => format!("Version du {}", dates::short_long_date(version)),
    }
}

/// The same in the partner language: « Version 2 vom 3. März 2027 », « Stand: 3. März 2027 ».
pub(super) fn partner_version_text(
    p: &Partner,
    data: &ProgrammeData,
    version: NaiveDate,
) -> String {
    let date = p.labels.short_date(version);
    match data.version_number {
        Some(n) => p
            .labels
            .version
            .replace("{n}", &n.to_string())
            .replace("{date}", &date),
        None => p.labels.as_of.replace("{date}", &date),
    }
}

/// The line under the title: the event's code and the programme's version.
pub(super) fn version_line(
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    version: NaiveDate,
    partner: Option<Partner>,
) -> Vec<Chunk> {
    let mut meta = Vec::new();
    if let Some(code) = non_empty(&data.code) {
        meta.push(format!("Code\u{a0}: {code}"));
    }
    meta.push(version_text(data, version));
    if let Some(p) = partner {
        meta.push(partner_version_text(&p, data, version));
    }
    let mut chunks = vec![layout.spacer(3.0)];
    chunks.extend(layout.paragraph(&[Span::regular(meta.join("  ·  "))], styles.meta, 0.0));
    chunks.push(layout.spacer(8.0));
    chunks
}

/// The key facts (dates, duration, place, organisers…) in a pale box with an accent bar; in a
/// bilingual programme each partner value follows its French one.
pub(super) fn key_facts_box(
    layout: &Layout,
    data: &ProgrammeData,
    partner: Option<Partner>,
) -> Vec<Chunk> {
    let facts_table = Table {
        columns: vec![34.0 * MM, layout.page.body_width() - 34.0 * MM],
        padding: 3.5,
        grid: false,
        rule: None,
        fill: Some(PALE),
        accent: Some(ACCENT),
        min_row_height: 0.0,
    };
    let value_style = TextStyle::new(9.0, TEXT);
    let mut chunks = Vec::new();
    for fact in key_facts(data, partner) {
        let mut value = vec![Para::new(vec![Span::regular(fact.value)], value_style)];
        if let Some(text) = fact.partner {
            value.push(partner::cell(text, value_style, 1.5));
        }
        let cells = vec![
            vec![Para::new(
                vec![Span::bold(fact.label)],
                TextStyle::new(9.0, ACCENT),
            )],
            value,
        ];
        chunks.extend(layout.table_row(&facts_table, &cells));
    }
    chunks
}

/// A text and, in a bilingual programme, its partner version.
fn texts<'a>(
    layout: &Layout,
    styles: &Styles,
    partner: Option<Partner<'a>>,
    french_text: &str,
    pick: fn(&Partner<'a>) -> &'a str,
) -> Vec<Chunk> {
    let mut chunks = text_block(layout, styles, french_text);
    if let Some(text) = partner.and_then(|p| p.text_for(french_text, pick(&p))) {
        chunks.extend(partner::paragraph(layout, styles, &text));
    }
    chunks
}

/// The sections printed before the agenda: objectives and presentation.
pub(super) fn before_agenda(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    partner: Option<Partner>,
) {
    let bullets = |list: &[String], style: fn(String) -> Span| -> Vec<Vec<Span>> {
        list.iter()
            .filter_map(|o| non_empty(o))
            .map(|o| vec![style(o)])
            .collect()
    };
    let mut objectives = layout.bullets(&bullets(&data.objectives, Span::regular), styles.body);
    if let (Some(p), false) = (partner, objectives.is_empty()) {
        let translated = bullets(&p.texts.texts.objectives, Span::italic);
        objectives.push(layout.spacer(2.5));
        if translated.is_empty() {
            objectives.extend(partner::paragraph(layout, styles, &p.missing()));
        } else {
            objectives.extend(layout.bullets(&translated, partner::partner_style(styles.body)));
        }
    }
    let title = heading(partner, "Objectifs", |l| l.objectives);
    section(flow, layout, styles, &title, objectives);
    let summary = texts(layout, styles, partner, &data.summary, |p| {
        &p.texts.texts.summary
    });
    let title = heading(partner, "Présentation", |l| l.overview);
    section(flow, layout, styles, &title, summary);
}

/// The sections printed after the agenda: methods, access, accessibility, contact, speakers.
pub(super) fn after_agenda<'a>(
    flow: &mut Flow,
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    partner: Option<Partner<'a>>,
) {
    type Label = fn(&Labels) -> &'static str;
    type Method<'s, 'a> = (&'s str, Label, &'s String, fn(&Partner<'a>) -> &'a str);
    let methods: [Method<'_, 'a>; 3] = [
        (
            "Méthodes pédagogiques",
            |l| l.teaching_methods,
            &data.teaching_methods,
            |p| &p.texts.texts.teaching_methods,
        ),
        (
            "Modalités d'évaluation",
            |l| l.evaluation,
            &data.evaluation_methods,
            |p| &p.texts.texts.evaluation_methods,
        ),
        (
            "Modalités et délais d'accès",
            |l| l.access_terms,
            &data.access_terms,
            |p| &p.texts.texts.access_terms,
        ),
    ];
    for (title, label, text, pick) in methods {
        let content = texts(layout, styles, partner, text, pick);
        section(
            flow,
            layout,
            styles,
            &heading(partner, title, label),
            content,
        );
    }
    let title = heading(
        partner,
        "Accessibilité aux personnes en situation de handicap",
        |l| l.accessibility,
    );
    section(
        flow,
        layout,
        styles,
        &title,
        accessibility(layout, styles, data, partner),
    );
    let title = heading(partner, "Contact", |l| l.contact);
    section(flow, layout, styles, &title, contact(layout, styles, data));
    let title = heading(partner, "Intervenants", |l| l.speakers);
    section(
        flow,
        layout,
        styles,
        &title,
        speakers_section(layout, styles, data, partner),
    );
}

/// The accessibility text and the disability contact ("Contact handicap").
fn accessibility(
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    partner: Option<Partner>,
) -> Vec<Chunk> {
    let mut access = texts(layout, styles, partner, &data.accessibility, |p| {
        &p.texts.texts.accessibility
    });
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

fn speakers_section(
    layout: &Layout,
    styles: &Styles,
    data: &ProgrammeData,
    partner: Option<Partner>,
) -> Vec<Chunk> {
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
        let bio_styles = Styles {
            body: TextStyle::new(9.0, MUTED),
            ..Styles::new()
        };
        let mut bio = text_block(layout, &bio_styles, &sp.bio);
        if let Some(text) = partner.and_then(|p| p.text_for(&sp.bio, &sp.bio_partner)) {
            bio.extend(partner::paragraph(layout, &bio_styles, &text));
        }
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
