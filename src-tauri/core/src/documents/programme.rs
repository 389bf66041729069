//! The training programme (programme de formation) of an event.
//!
//! It states what French training programmes are expected to state (Code du travail L6353-1,
//! Qualiopi indicator 1, CNFPT practice): title and code, version date, organisers, kind, dates
//! in words, place, audience and target professions, prerequisites ("Aucun" when empty),
//! objectives, duration computed from the agenda, the day-by-day agenda, teaching and
//! evaluation methods, access terms, price, accessibility, contact and the speakers.
//!
//! The input is plain data ([`ProgrammeData`]) filled by the caller from the store, so the
//! document can be produced and tested without a database. Optional fields left empty are
//! simply not printed.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::dates;
use super::fonts::{font_set, FontSet};
use super::layout::{
    Chunk, Flow, Layout, PageSetup, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, PALE, RULE,
    TEXT,
};
use super::pdf::{write_pdf, PdfInfo};
use super::typography::french;
use super::DocumentError;
use crate::model::SessionKind;

/// An organisation involved in the event, with its role as printed ("Co-organisateur").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeOrganiser {
    pub name: String,
    pub role: String,
}

/// A speaker as printed in the agenda.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSpeakerLine {
    pub name: String,
    pub organisation: String,
    /// Printed after the name when not empty ("Modérateur"); leave empty for a plain speaker.
    pub role: String,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSession {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub title: String,
    pub description: String,
    pub kind: SessionKind,
    pub place: String,
    pub speakers: Vec<SessionSpeakerLine>,
}

/// A speaker of the "Intervenants" section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSpeaker {
    pub name: String,
    pub job_title: String,
    pub organisation: String,
    pub bio: String,
}

/// Everything the programme prints. Text fields are printed as typed (French spacing rules are
/// applied); empty ones are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProgrammeData {
    pub code: String,
    pub title: String,
    pub subtitle: String,
    /// The French label of the event's kind ("Visite d'étude").
    pub kind: String,
    /// Version of the programme; today when `None`.
    pub version_date: Option<NaiveDate>,
    /// Event dates; taken from the agenda when `None`.
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub venue: String,
    pub address: String,
    pub city: String,
    /// Country name as printed ("Allemagne"), or empty.
    pub country: String,
    pub organisers: Vec<ProgrammeOrganiser>,
    pub audience: String,
    pub target_professions: Vec<String>,
    /// "Aucun" is printed when empty.
    pub prerequisites: String,
    pub objectives: Vec<String>,
    pub summary: String,
    pub teaching_methods: String,
    pub evaluation_methods: String,
    /// Access terms and lead time (modalités et délais d'accès).
    pub access_terms: String,
    pub price: String,
    pub accessibility: String,
    pub accessibility_contact: String,
    /// Languages of delivery, as printed ("français", "allemand").
    pub languages: Vec<String>,
    pub interpretation: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// Agenda items in any order; they are sorted by date and time.
    pub sessions: Vec<ProgrammeSession>,
    pub speakers: Vec<ProgrammeSpeaker>,
}

/// Choices that are not part of the event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgrammeOptions {
    /// Creation date written in the PDF; now when `None` (tests fix it).
    pub created: Option<DateTime<Utc>>,
    /// PDF author; the first organiser (or "Passerelle") when `None`.
    pub author: Option<String>,
}

/// The agenda grouped by day, each day sorted by start time.
pub fn agenda_days(sessions: &[ProgrammeSession]) -> Vec<(NaiveDate, Vec<&ProgrammeSession>)> {
    let mut days: BTreeMap<NaiveDate, Vec<&ProgrammeSession>> = BTreeMap::new();
    for s in sessions {
        days.entry(s.date).or_default().push(s);
    }
    days.into_iter()
        .map(|(date, mut list)| {
            list.sort_by_key(|s| (s.start, s.end));
            (date, list)
        })
        .collect()
}

/// Training time in minutes: the union, day by day, of the sessions that count as training
/// (breaks, meals and transfers do not), so parallel workshops are not counted twice.
pub fn training_minutes(sessions: &[ProgrammeSession]) -> i64 {
    let mut total = 0;
    for (_, day) in agenda_days(sessions) {
        let mut spans: Vec<(NaiveTime, NaiveTime)> = day
            .iter()
            .filter(|s| s.kind.counts_as_training() && s.end > s.start)
            .map(|s| (s.start, s.end))
            .collect();
        spans.sort();
        let mut current: Option<(NaiveTime, NaiveTime)> = None;
        for (start, end) in spans {
            current = match current {
                Some((s, e)) if start <= e => Some((s, e.max(end))),
                Some((s, e)) => {
                    total += (e - s).num_minutes();
                    Some((start, end))
                }
                None => Some((start, end)),
            };
        }
        if let Some((s, e)) = current {
            total += (e - s).num_minutes();
        }
    }
    total
}

/// Number of days with at least one session that counts as training.
pub fn training_days(sessions: &[ProgrammeSession]) -> usize {
    agenda_days(sessions)
        .iter()
        .filter(|(_, day)| day.iter().any(|s| s.kind.counts_as_training()))
        .count()
}

/// Refuses sessions that end before they start.
pub(crate) fn check_sessions(sessions: &[ProgrammeSession]) -> Result<(), DocumentError> {
    match sessions.iter().find(|s| s.end < s.start) {
        Some(s) => Err(DocumentError::SessionTimes {
            title: s.title.clone(),
            date: dates::numeric_date(s.date),
            start: dates::time(s.start).replace('\u{a0}', " "),
            end: dates::time(s.end).replace('\u{a0}', " "),
        }),
        None => Ok(()),
    }
}

/// The event's dates: as given, else the first and last days of the agenda.
pub(crate) fn event_dates(data: &ProgrammeData) -> Option<(NaiveDate, NaiveDate)> {
    let first = data.sessions.iter().map(|s| s.date).min();
    let last = data.sessions.iter().map(|s| s.date).max();
    let start = data.start_date.or(first)?;
    let end = data.end_date.or(last).unwrap_or(start);
    Some((start, end))
}

/// The title printed at the top of every document of the event.
pub(crate) fn display_title(data: &ProgrammeData) -> String {
    let title = data.title.trim();
    if title.is_empty() {
        "Programme sans titre".to_string()
    } else {
        french(title)
    }
}

/// Styles shared by the event's documents.
pub(crate) struct Styles {
    pub kind: TextStyle,
    pub title: TextStyle,
    pub subtitle: TextStyle,
    pub meta: TextStyle,
    pub section: TextStyle,
    pub day: TextStyle,
    pub body: TextStyle,
    pub small: TextStyle,
    pub small_muted: TextStyle,
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            kind: TextStyle::new(9.0, ACCENT),
            title: TextStyle {
                line_height: 18.0 * 1.2,
                ..TextStyle::new(18.0, TEXT)
            },
            subtitle: TextStyle::new(12.0, MUTED),
            meta: TextStyle::new(8.5, MUTED),
            section: TextStyle::new(12.5, ACCENT),
            day: TextStyle::new(11.0, ACCENT),
            body: TextStyle::new(9.5, TEXT),
            small: TextStyle::new(8.5, TEXT),
            small_muted: TextStyle::new(8.0, MUTED),
        }
    }
}

/// The title block common to the programme and the sheets: kind, title, subtitle.
pub(crate) fn title_block(layout: &Layout, styles: &Styles, data: &ProgrammeData) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let kind = data.kind.trim();
    if !kind.is_empty() {
        chunks.extend(layout.paragraph(&[Span::bold(kind.to_uppercase())], styles.kind, 0.0));
    }
    chunks.extend(layout.paragraph(&[Span::bold(display_title(data))], styles.title, 0.0));
    if !data.subtitle.trim().is_empty() {
        chunks.extend(layout.paragraph(
            &[Span::italic(french(data.subtitle.trim()))],
            styles.subtitle,
            0.0,
        ));
    }
    chunks
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| french(t))
}

fn join_non_empty(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
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

fn key_facts(data: &ProgrammeData) -> Vec<(&'static str, String)> {
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

fn agenda(flow: &mut Flow, layout: &Layout, styles: &Styles, data: &ProgrammeData) {
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
    let labels = ["Horaire", "Séance", "Intervenants"];
    let days = agenda_days(&data.sessions);
    flow.push([layout.spacer(10.0)]);
    flow.push(layout.heading("Programme détaillé", styles.section, Some(RULE)));
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
    let title_style = TextStyle::new(9.5, TEXT);
    let desc_style = TextStyle::new(9.0, TEXT);
    for (date, sessions) in days {
        let heading = dates::capitalize(&dates::long_date(date));
        flow.push([layout.spacer(8.0)]);
        flow.bookmark(&heading);
        flow.push_ungrouped(layout.heading(&heading, styles.day, None));
        flow.push_ungrouped([layout.table_header(&table, &labels, header_style)]);
        let mut continuation = layout.heading(&format!("{heading} (suite)"), styles.day, None);
        continuation.push(layout.table_header(&table, &labels, header_style));
        flow.begin_group(continuation);
        for s in sessions {
            let time = vec![Para::new(
                vec![Span::regular(dates::time_range(s.start, s.end))],
                desc_style,
            )];
            let mut main = Vec::new();
            let title = non_empty(&s.title).unwrap_or_else(|| s.kind.label().to_string());
            if s.kind.counts_as_training() {
                main.push(Para::new(vec![Span::bold(title.clone())], title_style));
                // The kind is printed unless the title already says it ("Atelier : …").
                let label = s.kind.label().to_lowercase();
                if !matches!(s.kind, SessionKind::Talk) && !title.to_lowercase().starts_with(&label)
                {
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
            if let Some(d) = non_empty(&s.description) {
                main.push(Para {
                    gap_before: 3.0,
                    ..Para::new(vec![Span::regular(d)], desc_style)
                });
            }
            if let Some(p) = non_empty(&s.place) {
                main.push(Para::new(
                    vec![Span::italic(format!("Lieu\u{a0}: {p}"))],
                    TextStyle::new(8.0, MUTED),
                ));
            }
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
            flow.push(layout.table_row(&table, &[time, main, speakers]));
        }
        flow.end_group();
    }
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

/// Lays the programme out into pages (exposed for tests and for the benchmark).
pub fn layout_programme(
    fonts: &FontSet,
    data: &ProgrammeData,
) -> Result<super::layout::Paginated, DocumentError> {
    check_sessions(&data.sessions)?;
    let layout = Layout::new(fonts, PageSetup::a4());
    let styles = Styles::new();
    let mut flow = Flow::new();

    flow.push(title_block(&layout, &styles, data));
    let version = data
        .version_date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut meta = Vec::new();
    if let Some(code) = non_empty(&data.code) {
        meta.push(format!("Code\u{a0}: {code}"));
    }
    meta.push(format!("Version du {}", dates::short_long_date(version)));
    flow.push([layout.spacer(3.0)]);
    flow.push(layout.paragraph(&[Span::regular(meta.join("  ·  "))], styles.meta, 0.0));
    flow.push([layout.spacer(8.0)]);

    let facts_table = Table {
        columns: vec![34.0 * MM, layout.page.body_width() - 34.0 * MM],
        padding: 3.5,
        grid: false,
        rule: None,
        fill: Some(PALE),
        accent: Some(ACCENT),
        min_row_height: 0.0,
    };
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
        flow.push(layout.table_row(&facts_table, &cells));
    }

    let objectives: Vec<Vec<Span>> = data
        .objectives
        .iter()
        .filter_map(|o| non_empty(o))
        .map(|o| vec![Span::regular(o)])
        .collect();
    section(
        &mut flow,
        &layout,
        &styles,
        "Objectifs",
        layout.bullets(&objectives, styles.body),
    );
    section(
        &mut flow,
        &layout,
        &styles,
        "Présentation",
        text_block(&layout, &styles, &data.summary),
    );
    agenda(&mut flow, &layout, &styles, data);
    section(
        &mut flow,
        &layout,
        &styles,
        "Méthodes pédagogiques",
        text_block(&layout, &styles, &data.teaching_methods),
    );
    section(
        &mut flow,
        &layout,
        &styles,
        "Modalités d'évaluation",
        text_block(&layout, &styles, &data.evaluation_methods),
    );
    section(
        &mut flow,
        &layout,
        &styles,
        "Modalités et délais d'accès",
        text_block(&layout, &styles, &data.access_terms),
    );

    let mut access = text_block(&layout, &styles, &data.accessibility);
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
    section(
        &mut flow,
        &layout,
        &styles,
        "Accessibilité aux personnes en situation de handicap",
        access,
    );

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
    section(&mut flow, &layout, &styles, "Contact", contact);
    section(
        &mut flow,
        &layout,
        &styles,
        "Intervenants",
        speakers_section(&layout, &styles, data),
    );

    let mut paginated = flow.paginate(&layout.page);
    layout.running_texts(
        &mut paginated.pages,
        &display_title(data),
        data.code.trim(),
        &format!(
            "Programme de formation – version du {}",
            dates::short_long_date(version)
        ),
    );
    Ok(paginated)
}

/// The PDF author: the option, else the first organiser, else the application.
pub(crate) fn author(data: &ProgrammeData, option: &Option<String>) -> String {
    option
        .clone()
        .or_else(|| {
            data.organisers
                .iter()
                .map(|o| o.name.trim().to_string())
                .find(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "Passerelle".to_string())
}

/// Renders the programme de formation of an event as PDF bytes.
pub fn render_programme(
    data: &ProgrammeData,
    options: &ProgrammeOptions,
) -> Result<Vec<u8>, DocumentError> {
    let fonts = font_set()?;
    let paginated = layout_programme(fonts, data)?;
    let mut subject = format!("Programme de formation – {}", display_title(data));
    if let Some((start, end)) = event_dates(data) {
        subject.push_str(&format!(", {}", dates::date_range(start, end)));
    }
    let info = PdfInfo {
        title: format!("Programme – {}", display_title(data))
            .replace('\u{a0}', " ")
            .replace('\u{202f}', " "),
        author: author(data, &options.author),
        subject: subject.replace(['\u{a0}', '\u{202f}'], " "),
        keywords: [data.code.trim(), data.kind.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    };
    write_pdf(fonts, &PageSetup::a4(), &paginated, &info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn session(day: u32, start: NaiveTime, end: NaiveTime, kind: SessionKind) -> ProgrammeSession {
        ProgrammeSession {
            date: NaiveDate::from_ymd_opt(2026, 3, day).expect("date"),
            start,
            end,
            title: "Séance".into(),
            description: String::new(),
            kind,
            place: String::new(),
            speakers: Vec::new(),
        }
    }

    #[test]
    fn duration_excludes_breaks_and_overlaps() {
        let sessions = vec![
            session(3, t(9, 0), t(10, 30), SessionKind::Talk),
            session(3, t(10, 30), t(10, 45), SessionKind::Break),
            session(3, t(10, 45), t(12, 30), SessionKind::Workshop),
            // Two parallel workshops count once.
            session(3, t(11, 0), t(12, 0), SessionKind::Workshop),
            session(3, t(12, 30), t(14, 0), SessionKind::Meal),
            session(4, t(9, 0), t(12, 0), SessionKind::SiteVisit),
            session(4, t(12, 0), t(13, 0), SessionKind::Transfer),
            session(5, t(12, 0), t(13, 0), SessionKind::Meal),
        ];
        assert_eq!(training_minutes(&sessions), 90 + 105 + 180);
        assert_eq!(training_days(&sessions), 2);
    }

    #[test]
    fn inverted_times_are_refused_in_french() {
        let err = check_sessions(&[session(3, t(12, 0), t(9, 0), SessionKind::Talk)]).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("Séance") && message.contains("03/03/2026"),
            "{message}"
        );
    }

    #[test]
    fn key_facts_leave_out_empty_fields_and_default_prerequisites() {
        let data = ProgrammeData {
            title: "T".into(),
            ..ProgrammeData::default()
        };
        let facts = key_facts(&data);
        assert_eq!(facts, vec![("Prérequis", "Aucun".to_string())]);
        let data = ProgrammeData {
            start_date: NaiveDate::from_ymd_opt(2026, 3, 3),
            end_date: NaiveDate::from_ymd_opt(2026, 3, 5),
            city: "Kehl".into(),
            country: "Allemagne".into(),
            ..data
        };
        let facts = key_facts(&data);
        assert_eq!(
            facts[0],
            ("Dates", "Du mardi 3 au jeudi 5 mars 2026".to_string())
        );
        assert_eq!(facts[1], ("Lieu", "Kehl, Allemagne".to_string()));
    }
}
