//! Property tests of the layout engine: whatever the text, laying it out never panics, no line
//! is wider than its column (unless it holds a single glyph), no character is lost, and no
//! glyph of a whole programme or attendance sheet is placed outside the printable area.

use chrono::{NaiveDate, NaiveTime};
use passerelle_core::documents::attendance::layout_attendance;
use passerelle_core::documents::fonts::{font_set, FontStyle};
use passerelle_core::documents::layout::{break_lines, check_printable_area, PageSetup, Span};
use passerelle_core::documents::programme::layout_programme;
use passerelle_core::documents::{
    AttendanceOptions, ProgrammeData, ProgrammeSession, ProgrammeSpeaker, SessionSpeakerLine,
};
use passerelle_core::model::SessionKind;
use proptest::prelude::*;

/// Characters that stress the engine: spaces of every kind, punctuation that cannot start a
/// line, RTL letters, emoji, CJK (missing from the font), combining marks, controls.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => prop::sample::select(vec![
            '\u{a0}', '\u{202f}', '\n', '\t', ',', '.', ':', ';', '!', '?', '«', '»', '–', '—', '…', '(', ')',
            'é', 'È', 'ß', 'ש', 'ם', 'م', 'ع', '😀', '🚆', '会', '\u{301}', '\u{200d}', '\u{fe0f}', '\u{7}',
            '\u{ad}', '\u{ffff}', 'W', 'M', '﷽', '𝔘',
        ]),
        1 => any::<char>(),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn style() -> impl Strategy<Value = FontStyle> {
    prop::sample::select(FontStyle::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_their_column_and_lose_nothing(
        content in text(400),
        style in style(),
        size in 6.0f32..24.0,
        width in 40.0f32..600.0,
    ) {
        let fonts = font_set().expect("fonts");
        let lines = break_lines(fonts, &[Span::new(content.clone(), style)], size, width);
        for line in &lines {
            let glyphs = line.text().chars().filter(|c| *c != ' ').count();
            prop_assert!(line.width <= width + 0.01 || glyphs <= 1, "line {:?} is {} wide in {}", line.text(), line.width, width);
            let mut x = 0.0f32;
            for piece in &line.pieces {
                prop_assert!((piece.x - x).abs() < 0.01);
                x += piece.width;
            }
        }
        // Every visible character is printed once (possibly replaced), none invented.
        let face = fonts.face(style);
        let expected = content
            .chars()
            .filter(|c| !matches!(c, ' ' | '\n' | '\t'))
            .filter_map(|c| face.printable(c))
            .count();
        let printed: usize = lines.iter().map(|l| l.text().chars().filter(|c| *c != ' ').count()).sum();
        prop_assert_eq!(printed, expected);
    }
}

fn session() -> impl Strategy<Value = ProgrammeSession> {
    (
        0u32..4,
        0u32..23,
        0u32..60,
        0u32..300,
        text(80),
        text(600),
        0usize..8,
        text(40),
        prop::collection::vec((text(40), text(60)), 0..4),
    )
        .prop_map(
            |(day, h, m, len, title, description, kind, place, speakers)| {
                let start = NaiveTime::from_hms_opt(h, m, 0).expect("time");
                let end = start
                    .overflowing_add_signed(chrono::Duration::minutes(len as i64))
                    .0
                    .max(start);
                ProgrammeSession {
                    date: NaiveDate::from_ymd_opt(2026, 3, 2 + day).expect("date"),
                    start,
                    end,
                    title,
                    description,
                    kind: SessionKind::ALL[kind % SessionKind::ALL.len()],
                    place,
                    speakers: speakers
                        .into_iter()
                        .map(|(name, organisation)| SessionSpeakerLine {
                            name,
                            organisation,
                            role: "Modérateur".into(),
                        })
                        .collect(),
                    title_partner: String::new(),
                    description_partner: String::new(),
                }
            },
        )
}

fn programme() -> impl Strategy<Value = ProgrammeData> {
    (
        text(320),
        text(200),
        text(60),
        prop::collection::vec(text(200), 0..5),
        text(1500),
        prop::collection::vec(session(), 0..14),
        prop::collection::vec((text(50), text(400)), 0..4),
    )
        .prop_map(
            |(title, subtitle, code, objectives, summary, sessions, speakers)| ProgrammeData {
                title,
                subtitle,
                code: code.clone(),
                kind: code,
                objectives,
                audience: summary.chars().take(300).collect(),
                teaching_methods: summary.clone(),
                summary,
                sessions,
                speakers: speakers
                    .into_iter()
                    .map(|(name, bio)| ProgrammeSpeaker {
                        name: name.clone(),
                        job_title: name.clone(),
                        organisation: name,
                        bio,
                        bio_partner: String::new(),
                    })
                    .collect(),
                ..ProgrammeData::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn documents_stay_inside_the_printable_area(data in programme(), rows in 0usize..40) {
        let fonts = font_set().expect("fonts");
        let page = PageSetup::a4();
        let paginated = layout_programme(fonts, &data).expect("programme layout");
        prop_assert!(!paginated.pages.is_empty());
        if let Err(e) = check_printable_area(fonts, &page, &paginated.pages) {
            return Err(TestCaseError::fail(e));
        }
        let options = AttendanceOptions { blank_rows: rows, ..AttendanceOptions::default() };
        match layout_attendance(&data, &options) {
            Ok(sheets) => {
                if let Err(e) = check_printable_area(fonts, &page, &sheets.pages) {
                    return Err(TestCaseError::fail(e));
                }
            }
            Err(e) => {
                let has_training = data.sessions.iter().any(|s| s.kind.counts_as_training());
                prop_assert!(!has_training, "sheets refused: {}", e);
            }
        }
    }
}
