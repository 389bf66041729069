//! Attendance sheets (feuilles d'émargement): one page per half-day that has sessions (morning
//! when a session starts before 13 h, afternoon otherwise), with the programme's title, the
//! date and hours, a signature box for each trainer or speaker of the half-day, and numbered
//! participant rows (the known participants, sorted by last name then first name and printed
//! « DUPONT Marie », then a few blank rows for walk-ins; or only blank rows to fill in by hand).
//! The sheet sorts the names itself, so every caller prints them in the same order.
//!
//! A half-day with more rows than a page holds continues on the next page under a repeated
//! "(suite)" heading and table header, like the programme's agenda.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::dates;
use super::fonts::font_set;
use super::layout::{
    Flow, Layout, PageSetup, Paginated, Para, Span, Table, TextStyle, ACCENT, MM, MUTED, PALE, TEXT,
};
use super::participants::{sort_people, Person};
use super::pdf::{write_pdf, PdfInfo};
use super::programme::{
    author, check_sessions, display_title, ProgrammeData, ProgrammeSession, Styles,
};
use super::typography::french;
use super::DocumentError;

/// Most blank rows a sheet may ask for (a guard against a typo such as 2000).
pub const MAX_BLANK_ROWS: usize = 500;

/// What to print on the sheets besides the event.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceOptions {
    /// Participants printed in the numbered rows, in any order: the sheet sorts them.
    pub participants: Vec<Person>,
    /// Blank rows when there is no participant (20 by default).
    pub blank_rows: usize,
    /// Blank rows added after the listed participants, for late registrations (2 by default).
    pub extra_blank_rows: usize,
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
    /// PDF author; the first organiser (or "Passerelle") when `None`.
    pub author: Option<String>,
}

impl Default for AttendanceOptions {
    fn default() -> Self {
        AttendanceOptions {
            participants: Vec::new(),
            blank_rows: 20,
            extra_blank_rows: 2,
            created: None,
            author: None,
        }
    }
}

/// A half-day of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct HalfDay<'a> {
    pub date: NaiveDate,
    pub afternoon: bool,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub sessions: Vec<&'a ProgrammeSession>,
}

impl HalfDay<'_> {
    /// "Mardi 3 mars 2026 – matin".
    pub fn label(&self) -> String {
        let part = if self.afternoon {
            "après-midi"
        } else {
            "matin"
        };
        format!(
            "{} – {part}",
            dates::capitalize(&dates::long_date(self.date))
        )
    }
}

/// The half-days that have training sessions, in order. The boundary is 13 h: a session
/// starting before it belongs to the morning. Breaks, meals and transfers are left out: a
/// lunch from 12 h 30 to 14 h must neither stretch the morning's hours nor make a sheet.
pub fn half_days(sessions: &[ProgrammeSession]) -> Vec<HalfDay<'_>> {
    let noon = NaiveTime::from_hms_opt(13, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut map: BTreeMap<(NaiveDate, bool), Vec<&ProgrammeSession>> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.kind.counts_as_training()) {
        map.entry((s.date, s.start >= noon)).or_default().push(s);
    }
    map.into_iter()
        .filter_map(|((date, afternoon), mut list)| {
            list.sort_by_key(|s| (s.start, s.end));
            let start = list.iter().map(|s| s.start).min()?;
            let end = list.iter().map(|s| s.end).max()?;
            Some(HalfDay {
                date,
                afternoon,
                start,
                end,
                sessions: list,
            })
        })
        .collect()
}

/// Lays the sheets out into pages (exposed for tests).
pub fn layout_attendance(
    data: &ProgrammeData,
    options: &AttendanceOptions,
) -> Result<Paginated, DocumentError> {
    check_sessions(&data.sessions)?;
    for requested in [options.blank_rows, options.extra_blank_rows] {
        if requested > MAX_BLANK_ROWS {
            return Err(DocumentError::TooManyRows {
                requested,
                max: MAX_BLANK_ROWS,
            });
        }
    }
    let halves = half_days(&data.sessions);
    if halves.is_empty() {
        return Err(DocumentError::NoSession);
    }
    let fonts = font_set()?;
    let sheet = Sheet::new(Layout::new(fonts, PageSetup::a4()));
    let rows = participant_rows(options);
    let mut flow = Flow::new();
    for (n, half) in halves.iter().enumerate() {
        if n > 0 {
            flow.push([sheet.layout.page_break()]);
        }
        let label = half.label();
        flow.bookmark(&label);
        sheet.heading(&mut flow, data, half, &label);
        sheet.speakers(&mut flow, half, &label);
        sheet.participants(&mut flow, &rows, &label);
    }
    let mut paginated = flow.paginate(&sheet.layout.page);
    sheet.layout.running_texts(
        &mut paginated.pages,
        &display_title(data),
        data.code.trim(),
        "Feuille d'émargement",
    );
    Ok(paginated)
}

/// The participant rows (name, organisation): the known participants by last name, then a
/// few blank rows for late registrations, or only blank rows when nobody is known.
fn participant_rows(options: &AttendanceOptions) -> Vec<(String, String)> {
    let mut people = options.participants.clone();
    sort_people(&mut people);
    let mut rows: Vec<(String, String)> = people
        .iter()
        .map(|p| (french(&p.listed_name()), french(p.employer.trim())))
        .collect();
    let blanks = if rows.is_empty() {
        options.blank_rows
    } else {
        options.extra_blank_rows
    };
    rows.extend(std::iter::repeat_n((String::new(), String::new()), blanks));
    rows
}

/// The layout, styles and tables of a sheet.
struct Sheet<'f> {
    layout: Layout<'f>,
    styles: Styles,
    cell: TextStyle,
    header: TextStyle,
    section: TextStyle,
    facts_table: Table,
    speakers_table: Table,
    participants_table: Table,
}

impl<'f> Sheet<'f> {
    fn new(layout: Layout<'f>) -> Sheet<'f> {
        let w = layout.page.body_width();
        let speakers_table = Table {
            columns: vec![52.0 * MM, w - 52.0 * MM - 50.0 * MM, 50.0 * MM],
            padding: 4.0,
            grid: true,
            rule: Some(MUTED),
            fill: None,
            accent: None,
            min_row_height: 9.0 * MM,
        };
        let participants_table = Table {
            columns: vec![10.0 * MM, 60.0 * MM, w - 70.0 * MM - 50.0 * MM, 50.0 * MM],
            min_row_height: 7.0 * MM,
            ..speakers_table.clone()
        };
        let facts_table = Table {
            columns: vec![28.0 * MM, w - 28.0 * MM],
            padding: 3.5,
            grid: false,
            rule: None,
            fill: Some(PALE),
            accent: Some(ACCENT),
            min_row_height: 0.0,
        };
        Sheet {
            layout,
            styles: Styles::new(),
            cell: TextStyle::new(9.0, TEXT),
            header: TextStyle::new(8.0, MUTED),
            section: TextStyle::new(11.0, ACCENT),
            facts_table,
            speakers_table,
            participants_table,
        }
    }

    /// The sheet's title and its date, hours and place. A compact title (no subtitle) so that
    /// a half-day with four speakers and twenty participants fits on one page.
    fn heading(&self, flow: &mut Flow, data: &ProgrammeData, half: &HalfDay, label: &str) {
        let layout = &self.layout;
        flow.push(layout.paragraph(&[Span::bold("FEUILLE D'ÉMARGEMENT")], self.styles.kind, 0.0));
        let title_style = TextStyle {
            line_height: 14.0 * 1.2,
            ..TextStyle::new(14.0, TEXT)
        };
        flow.push(layout.paragraph(&[Span::bold(display_title(data))], title_style, 0.0));
        flow.push([layout.spacer(6.0)]);
        let mut facts = vec![
            ("Date", label.to_string()),
            ("Horaires", dates::time_range(half.start, half.end)),
        ];
        let place = [data.venue.trim(), data.city.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if !place.is_empty() {
            facts.push(("Lieu", french(&place)));
        }
        for (k, v) in facts {
            flow.push(layout.table_row(
                &self.facts_table,
                &[
                    vec![Para::new(vec![Span::bold(k)], TextStyle::new(9.0, ACCENT))],
                    vec![Para::new(vec![Span::regular(v)], self.cell)],
                ],
            ));
        }
    }

    /// A titled table whose heading and header row are repeated when it continues on the next
    /// page.
    fn open_table(
        &self,
        flow: &mut Flow,
        title: &str,
        continued: &str,
        table: &Table,
        labels: &[&str],
    ) {
        let layout = &self.layout;
        flow.push([layout.spacer(6.0)]);
        flow.push(layout.heading(title, self.section, None));
        flow.push([layout.table_header(table, labels, self.header)]);
        let mut continuation = layout.heading(continued, self.section, None);
        continuation.push(layout.table_header(table, labels, self.header));
        flow.begin_group(continuation);
    }

    /// Trainers and speakers of the half-day, each once, in order of appearance, with a
    /// signature box (one blank row when there is none).
    fn speakers(&self, flow: &mut Flow, half: &HalfDay, label: &str) {
        let mut speakers: Vec<(String, String)> = Vec::new();
        for s in &half.sessions {
            for sp in &s.speakers {
                let entry = (french(sp.name.trim()), french(sp.organisation.trim()));
                if !entry.0.is_empty() && !speakers.contains(&entry) {
                    speakers.push(entry);
                }
            }
        }
        if speakers.is_empty() {
            speakers.push((String::new(), String::new()));
        }
        self.open_table(
            flow,
            "Formateurs et intervenants",
            &format!("{label} – formateurs et intervenants (suite)"),
            &self.speakers_table,
            &["Nom", "Organisation", "Signature"],
        );
        for (name, org) in &speakers {
            flow.push(self.layout.table_row(
                &self.speakers_table,
                &[
                    vec![Para::new(vec![Span::bold(name.clone())], self.cell)],
                    vec![Para::new(vec![Span::regular(org.clone())], self.cell)],
                    vec![],
                ],
            ));
        }
        flow.end_group();
    }

    /// The numbered participant rows with a signature box.
    fn participants(&self, flow: &mut Flow, rows: &[(String, String)], label: &str) {
        self.open_table(
            flow,
            "Participants",
            &format!("{label} – participants (suite)"),
            &self.participants_table,
            &["N°", "Nom et prénom", "Organisation", "Signature"],
        );
        for (i, (name, org)) in rows.iter().enumerate() {
            flow.push(self.layout.table_row(
                &self.participants_table,
                &[
                    vec![Para::new(
                        vec![Span::regular((i + 1).to_string())],
                        TextStyle::new(8.5, MUTED),
                    )],
                    vec![Para::new(vec![Span::regular(name.clone())], self.cell)],
                    vec![Para::new(vec![Span::regular(org.clone())], self.cell)],
                    vec![],
                ],
            ));
        }
        flow.end_group();
    }
}

/// Renders the attendance sheets of an event as PDF bytes.
pub fn render_attendance_sheets(
    data: &ProgrammeData,
    options: &AttendanceOptions,
) -> Result<Vec<u8>, DocumentError> {
    let fonts = font_set()?;
    let paginated = layout_attendance(data, options)?;
    let title = display_title(data).replace(['\u{a0}', '\u{202f}'], " ");
    let info = PdfInfo {
        title: format!("Feuilles d'émargement – {title}"),
        author: author(data, &options.author),
        subject: format!("Feuilles d'émargement – {title}"),
        keywords: [data.code.trim(), "émargement"]
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
    use crate::model::SessionKind;

    fn s(day: u32, h: u32, kind: SessionKind) -> ProgrammeSession {
        ProgrammeSession {
            date: NaiveDate::from_ymd_opt(2026, 3, day).expect("date"),
            start: NaiveTime::from_hms_opt(h, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(h + 1, 30, 0).expect("time"),
            title: format!("Séance {day}-{h}"),
            description: String::new(),
            kind,
            place: String::new(),
            speakers: Vec::new(),
            title_partner: String::new(),
            description_partner: String::new(),
        }
    }

    #[test]
    fn half_days_split_at_one_pm() {
        let sessions = vec![
            s(3, 9, SessionKind::Talk),
            s(3, 11, SessionKind::Talk),
            s(3, 14, SessionKind::Talk),
            s(4, 13, SessionKind::Talk),
            s(4, 12, SessionKind::Meal),
        ];
        let halves = half_days(&sessions);
        let labels: Vec<String> = halves.iter().map(|h| h.label()).collect();
        // The meal on the 4th at noon makes no sheet of its own.
        assert_eq!(
            labels,
            [
                "Mardi 3 mars 2026 – matin",
                "Mardi 3 mars 2026 – après-midi",
                "Mercredi 4 mars 2026 – après-midi"
            ]
        );
        assert_eq!(halves[0].sessions.len(), 2);
        assert_eq!(
            halves[0].end,
            NaiveTime::from_hms_opt(12, 30, 0).expect("time")
        );
    }

    #[test]
    fn no_session_and_absurd_row_counts_are_refused() {
        let data = ProgrammeData {
            title: "T".into(),
            ..ProgrammeData::default()
        };
        assert_eq!(
            layout_attendance(&data, &AttendanceOptions::default()).unwrap_err(),
            DocumentError::NoSession
        );
        let data = ProgrammeData {
            sessions: vec![s(3, 9, SessionKind::Talk)],
            ..data
        };
        let options = AttendanceOptions {
            blank_rows: 100_000,
            ..AttendanceOptions::default()
        };
        assert!(matches!(
            layout_attendance(&data, &options),
            Err(DocumentError::TooManyRows { .. })
        ));
    }

    #[test]
    fn one_page_per_half_day_with_default_rows() {
        let data = ProgrammeData {
            title: "Visite".into(),
            sessions: vec![s(3, 9, SessionKind::Talk), s(3, 14, SessionKind::Talk)],
            ..ProgrammeData::default()
        };
        let paginated = layout_attendance(&data, &AttendanceOptions::default()).expect("layout");
        assert_eq!(paginated.pages.len(), 2);
        assert_eq!(paginated.bookmarks.len(), 2);
    }
}
