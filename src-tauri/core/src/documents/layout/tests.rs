//! Unit tests of the layout engine: line breaking, rows, groups and running texts.

use super::*;
use crate::documents::fonts::{font_set, FontSet};
use crate::documents::typography::{cannot_start_line, french, NBSP};

fn fonts() -> &'static FontSet {
    font_set().expect("fonts")
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

#[test]
fn short_text_is_one_line_and_measured() {
    let lines = break_lines(fonts(), &[Span::regular("Bonjour le monde")], 10.0, 300.0);
    assert_eq!(texts(&lines), ["Bonjour le monde"]);
    let expected = fonts()
        .face(FontStyle::Regular)
        .width("Bonjour le monde", 10.0);
    assert!((lines[0].width - expected).abs() < 0.01);
}

#[test]
fn wraps_at_spaces_within_width() {
    let text = "La coopération transfrontalière rassemble des collectivités de part et d'autre de la frontière";
    let lines = break_lines(fonts(), &[Span::regular(text)], 10.0, 120.0);
    assert!(lines.len() > 2);
    for line in &lines {
        assert!(line.width <= 120.0 + EPS, "{line:?}");
        assert!(!line.text().starts_with(' ') && !line.text().ends_with(' '));
    }
    assert_eq!(texts(&lines).join(" "), text);
}

#[test]
fn a_word_wider_than_the_column_is_broken() {
    let word = "Rheinland-Pfalz-Saarland-Lothringen-Luxemburg-Wallonie".repeat(3);
    let lines = break_lines(fonts(), &[Span::bold(word.clone())], 12.0, 80.0);
    assert!(lines.len() > 3);
    for line in &lines {
        assert!(line.width <= 80.0 + EPS);
    }
    assert_eq!(texts(&lines).concat(), word);
}

#[test]
fn bold_and_italic_runs_keep_their_faces() {
    let spans = [
        Span::regular("Un "),
        Span::bold("mot gras"),
        Span::italic(" puis italique"),
    ];
    let lines = break_lines(fonts(), &spans, 10.0, 500.0);
    let styles: Vec<_> = lines[0]
        .pieces
        .iter()
        .map(|p| (p.text.as_str(), p.style))
        .collect();
    assert_eq!(
        styles,
        [
            ("Un ", FontStyle::Regular),
            ("mot gras", FontStyle::Bold),
            (" puis italique", FontStyle::Italic)
        ]
    );
    // Pieces are contiguous.
    for pair in lines[0].pieces.windows(2) {
        assert!((pair[0].x + pair[0].width - pair[1].x).abs() < 0.01);
    }
}

#[test]
fn no_line_starts_with_punctuation() {
    // The user typed spaces before the punctuation; a narrow column would otherwise start
    // lines with it.
    let text = french("Quels enjeux ? Quelles réponses ! Le « Eurodistrict » : une gouvernance ; des projets , etc .");
    for width in [40.0, 55.0, 70.0, 90.0, 120.0] {
        for line in break_lines(fonts(), &[Span::regular(text.clone())], 10.0, width) {
            let first = line.text().chars().next().unwrap_or('a');
            assert!(
                !cannot_start_line(first),
                "width {width}: {:?}",
                line.text()
            );
        }
    }
}

#[test]
fn times_are_never_split() {
    let text = french("Accueil des participants à 14 h 30 puis visite à 16 h 45 au pont");
    for width in [45.0, 60.0, 80.0, 100.0] {
        let lines = break_lines(fonts(), &[Span::regular(text.clone())], 10.0, width);
        let joined: Vec<String> = texts(&lines);
        assert!(
            joined
                .iter()
                .any(|l| l.contains(&format!("14{NBSP}h{NBSP}30"))),
            "{width}: {joined:?}"
        );
        assert!(
            joined
                .iter()
                .any(|l| l.contains(&format!("16{NBSP}h{NBSP}45"))),
            "{width}: {joined:?}"
        );
    }
}

#[test]
fn newlines_force_breaks() {
    let lines = break_lines(fonts(), &[Span::regular("un\ndeux\n\ntrois")], 10.0, 500.0);
    assert_eq!(texts(&lines), ["un", "deux", "", "trois"]);
    assert!(break_lines(fonts(), &[Span::regular("")], 10.0, 100.0).is_empty());
    assert!(break_lines(fonts(), &[Span::regular("   ")], 10.0, 100.0).is_empty());
}

#[test]
fn missing_glyphs_are_replaced_and_rtl_is_reordered() {
    // DejaVu Sans has some emoji (😀) but no CJK ideographs.
    let lines = break_lines(
        fonts(),
        &[Span::regular("Réunion 会议 😀\u{FE0F} fin")],
        10.0,
        500.0,
    );
    let text = lines[0].text();
    assert!(!text.contains('会') && !text.contains('\u{FE0F}'));
    assert!(text.contains('\u{FFFD}') || text.contains('?'));
    let lines = break_lines(
        fonts(),
        &[Span::regular("avant שלום עולם après")],
        10.0,
        500.0,
    );
    assert_eq!(lines[0].text(), "avant םלוע םולש après");
}

#[test]
fn ellipsis_fits() {
    let face = fonts().face(FontStyle::Regular);
    let long = "Très long titre ".repeat(30);
    let short = ellipsize(face, &long, 8.0, 200.0);
    assert!(short.ends_with('…'));
    assert!(face.width(&short, 8.0) <= 200.0);
    assert_eq!(ellipsize(face, "Court", 8.0, 200.0), "Court");
}

fn row_table(layout: &Layout) -> Table {
    let w = layout.page.body_width();
    Table {
        columns: vec![w * 0.2, w * 0.5, w * 0.3],
        padding: 4.0,
        grid: false,
        rule: Some(RULE),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    }
}

#[test]
fn rows_are_never_split_and_groups_repeat_their_heading() {
    let layout = Layout::new(fonts(), PageSetup::a4());
    let table = row_table(&layout);
    let heading_style = TextStyle::new(12.0, ACCENT);
    let body = TextStyle::new(9.0, TEXT);
    let mut flow = Flow::new();
    flow.push(layout.paragraph(&[Span::regular("Introduction")], body, 0.0));
    for day in 0..3 {
        let title = format!("Jour {day}");
        flow.bookmark(&title);
        flow.push_ungrouped(layout.heading(&title, heading_style, None));
        flow.begin_group(layout.heading(&format!("{title} (suite)"), heading_style, None));
        for n in 0..25 {
            let cells = vec![
                vec![Para::new(vec![Span::regular("9 h 00")], body)],
                vec![Para::new(
                    vec![
                        Span::bold(format!("Séance {day}.{n}")),
                        Span::regular(" texte ".repeat(n % 7 * 10)),
                    ],
                    body,
                )],
                vec![Para::new(vec![Span::regular("Intervenant")], body)],
            ];
            flow.push(layout.table_row(&table, &cells));
        }
        flow.end_group();
    }
    let paginated = flow.paginate(&layout.page);
    assert!(paginated.pages.len() > 3);
    assert_eq!(paginated.bookmarks.len(), 3);
    check_printable_area(fonts(), &layout.page, &paginated.pages).expect("inside");
    for page in &paginated.pages {
        // Each session title and its texts are on one page: the row's first text and its
        // rule are on the same page (no row split), checked through the body bound.
        for d in &page.draws {
            if let Draw::Line { y1, .. } = d {
                assert!(*y1 <= layout.page.body_bottom() + EPS);
            }
        }
    }
    let page_texts: Vec<Vec<String>> = paginated
        .pages
        .iter()
        .map(|p| {
            p.draws
                .iter()
                .filter_map(|d| match d {
                    Draw::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // Every page after the first that starts inside a day starts with its "(suite)" heading.
    let continued = page_texts
        .iter()
        .filter(|t| t.first().is_some_and(|s| s.ends_with("(suite)")))
        .count();
    assert!(
        continued >= 2,
        "{:?}",
        page_texts.iter().map(|t| t.first()).collect::<Vec<_>>()
    );
    // A heading is never the last thing on a page.
    for texts in &page_texts {
        if let Some(last) = texts.last() {
            assert!(!last.starts_with("Jour "), "{texts:?}");
        }
    }
}

#[test]
fn a_heading_followed_by_a_spacer_is_not_orphaned() {
    let layout = Layout::new(fonts(), PageSetup::a4());
    let body = TextStyle::new(10.0, TEXT);
    let mut flow = Flow::new();
    // Fill the page to just above its bottom, leaving room for the heading only.
    let line = layout.paragraph(&[Span::regular("ligne")], body, 0.0);
    let per_page = (layout.page.body_height() / body.line_height) as usize;
    for _ in 0..per_page - 1 {
        flow.push(line.clone());
    }
    flow.push(layout.heading("Titre de section", TextStyle::new(12.0, ACCENT), Some(RULE)));
    flow.push([layout.spacer(4.0)]);
    flow.push(layout.paragraph(&[Span::regular("contenu")], body, 0.0));
    let paginated = flow.paginate(&layout.page);
    assert_eq!(paginated.pages.len(), 2);
    let on_second = |s: &str| {
        paginated.pages[1]
            .draws
            .iter()
            .any(|d| matches!(d, Draw::Text { text, .. } if text == s))
    };
    assert!(on_second("Titre de section") && on_second("contenu"));
}

#[test]
fn a_row_taller_than_a_page_is_sliced() {
    let layout = Layout::new(fonts(), PageSetup::a4());
    let table = row_table(&layout);
    let body = TextStyle::new(9.0, TEXT);
    let cells = vec![
        vec![],
        vec![Para::new(vec![Span::regular("mot ".repeat(3000))], body)],
        vec![],
    ];
    let chunks = layout.table_row(&table, &cells);
    assert!(chunks.len() > 1);
    for c in &chunks {
        assert!(c.height <= layout.page.body_height());
    }
    let mut flow = Flow::new();
    flow.push(chunks);
    let paginated = flow.paginate(&layout.page);
    check_printable_area(fonts(), &layout.page, &paginated.pages).expect("inside");
}

#[test]
fn running_texts_number_pages() {
    let layout = Layout::new(fonts(), PageSetup::a4());
    let mut pages = vec![PageLayout::default(), PageLayout::default()];
    layout.running_texts(
        &mut pages,
        &"Titre ".repeat(80),
        "CODE-1",
        "Programme – version du 3 mars 2026",
    );
    let has = |p: &PageLayout, s: &str| {
        p.draws
            .iter()
            .any(|d| matches!(d, Draw::Text { text, .. } if text == s))
    };
    assert!(has(&pages[0], "page 1 / 2"));
    assert!(has(&pages[1], "page 2 / 2"));
    check_printable_area(fonts(), &layout.page, &pages).expect("inside");
}

proptest::proptest! {
    /// Whenever the plain-text breaker answers, its lines are exactly the general breaker's:
    /// same words on the same lines, same widths to the last bit.
    #[test]
    fn plain_text_breaks_as_the_general_breaker(
        text in "[ a-zA-Zé0-9,.;:!?»«’…–\u{a0}\u{202f}]{0,120}",
        width in 5.0f32..200.0,
        bold in proptest::prelude::any::<bool>(),
    ) {
        let style = if bold { FontStyle::Bold } else { FontStyle::Regular };
        let span = Span::new(text, style);
        if let Some(plain) = lines::break_plain(fonts().face(style), &span, 9.0, width) {
            proptest::prop_assert_eq!(plain, lines::break_rich(fonts(), &[span], 9.0, width));
        }
    }
}

#[test]
fn an_ordinary_cell_takes_the_plain_breaker() {
    let span = Span::regular("2016–2018\u{a0}: émergente · 2019–2021\u{a0}: en hausse , fin");
    let face = fonts().face(FontStyle::Regular);
    let plain = lines::break_plain(face, &span, 8.5, 100.0).expect("plain text");
    assert!(plain.len() > 1);
    assert_eq!(plain, lines::break_rich(fonts(), &[span], 8.5, 100.0));
    let tab = Span::regular("a\tb");
    assert!(lines::break_plain(face, &tab, 8.5, 100.0).is_none());
}
