//! The printed documents, read back from real PDF files with poppler (pdftotext, pdffonts,
//! pdfinfo): texts in the expected order, fonts embedded and subset, metadata, page count.
//!
//! Set PASSERELLE_PDF_OUT to a directory to keep the generated files for a visual check.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use passerelle_core::documents::sample::{generated, study_visit};
use passerelle_core::documents::{
    render_attendance_sheets, render_programme, AttendanceOptions, Person, ProgrammeData,
    ProgrammeOptions, ProgrammeSession, SessionSpeakerLine,
};
use passerelle_core::model::SessionKind;

fn options() -> ProgrammeOptions {
    ProgrammeOptions {
        created: Utc.with_ymd_and_hms(2026, 2, 12, 10, 30, 0).single(),
        author: None,
    }
}

/// Writes the PDF where it can be inspected and returns its path.
fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    assert!(bytes.starts_with(b"%PDF-"), "{name} is not a PDF");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    if let Ok(out) = std::env::var("PASSERELLE_PDF_OUT") {
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(Path::new(&out).join(name), bytes);
    }
    path
}

fn run(tool: &str, args: &[&str], path: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for these tests (poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of the PDF, no-break spaces turned into ordinary ones for matching.
fn text(path: &Path) -> String {
    run("pdftotext", &["-layout"], path).replace(['\u{a0}', '\u{202f}'], " ")
}

/// The text with line breaks and runs of spaces collapsed, to match phrases across columns.
fn flat(path: &Path) -> String {
    run("pdftotext", &[], path)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn info(path: &Path) -> String {
    run("pdfinfo", &[], path)
}

fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn pages(path: &Path) -> usize {
    info_field(&info(path), "Pages")
        .parse()
        .expect("page count")
}

/// Every font is embedded and subset, and is one of the shipped DejaVu faces.
fn assert_fonts_embedded_and_subset(path: &Path) {
    let fonts = run("pdffonts", &[], path);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no font: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: emb and sub are the 4th and 3rd from the end
        // of "yes yes yes 12 0".
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "not subset: {row}");
        assert!(row.contains("DejaVu"), "unexpected font: {row}");
        // Subset fonts are named with a six-letter tag, e.g. ABCDEF+DejaVuSans.
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "no subset tag: {row}"
        );
    }
}

fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("« {needle} » missing or out of order in:\n{haystack}"),
        }
    }
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The file with every compressed stream inflated in place, to look for the dictionaries that
/// live in object streams (the catalog's language, for one).
fn inflated(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = bytes.to_vec();
    let mut at = 0;
    while let Some(start) = bytes[at..].windows(7).position(|w| w == b"stream\n") {
        let data = at + start + 7;
        let Some(length) = bytes[data..].windows(9).position(|w| w == b"endstream") else {
            break;
        };
        let mut plain = Vec::new();
        if flate2::read::ZlibDecoder::new(&bytes[data..data + length])
            .read_to_end(&mut plain)
            .is_ok()
        {
            out.extend_from_slice(&plain);
        }
        at = data + length;
    }
    out
}

/// The bookmarks of the PDF as (title, page), read back with pdftohtml.
fn bookmarks(path: &Path) -> Vec<(String, usize)> {
    run("pdftohtml", &["-xml", "-stdout", "-i", "-q"], path)
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("<item page=\"")?;
            let (page, rest) = rest.split_once("\">")?;
            let title = rest.strip_suffix("</item>")?;
            Some((title.to_string(), page.parse().ok()?))
        })
        .collect()
}

#[test]
fn study_visit_programme_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let bytes = render_programme(&data, &options()).expect("programme");
    let path = save(dir.path(), "programme-visite.pdf", &bytes);

    let t = text(&path);
    let f = flat(&path);
    assert_in_order(
        &f,
        &[
            "VISITE D'ÉTUDE",
            "Coopérer de part et d'autre du Rhin",
            "Code : VE-2026-SO-03",
            "Version du 12 février 2026",
            "Dates Du mardi 3 au jeudi 5 mars 2026",
            "Durée 3 jours (15 h 15)",
            "Lieu Maison de l'Eurodistrict, Rehfusplatz 11, Kehl, Allemagne",
            "Organisateurs CNFPT – INET (organisateur) ; Mission opérationnelle transfrontalière (co-organisateur)",
            "Public",
            "Métiers visés Chargé de coopération transfrontalière",
            "Prérequis Aucun",
            "Langues français, allemand",
            "Tarif Gratuit",
            "Objectifs",
            "Connaître les outils juridiques",
            "Présentation",
            "Programme détaillé",
            "Mardi 3 mars 2026",
            "Accueil des participants",
            "Mercredi 4 mars 2026",
            "Jeudi 5 mars 2026",
            "Évaluation et clôture",
            "Méthodes pédagogiques",
            "Modalités d'évaluation",
            "Modalités et délais d'accès",
            "Accessibilité aux personnes en situation de handicap",
            "Contact handicap : Référent handicap INET",
            "Contact",
            "sophie.modele@inet.example.fr",
            "Intervenants",
            "Claire Exemple-Haller — Chargée de mission mobilité transfrontalière, Eurodistrict Strasbourg-Ortenau",
        ],
    );
    // Times in words, speakers with their organisation, a continuing agenda header.
    assert!(t.contains("9 h 00 –") && t.contains("12 h 30"), "{t}");
    assert!(f.contains("Luc Exemplaire (modérateur)"), "{f}");
    assert!(f.contains("Eurométropole de Strasbourg"));
    // French spacing survived into the file.
    assert!(f.contains("Strasbourg-Ortenau : gouvernance"), "{f}");
    assert!(f.contains("« Le Pont »"));

    let n = pages(&path);
    assert!((2..=6).contains(&n), "{n} pages");
    for p in 1..=n {
        assert!(f.contains(&format!("page {p} / {n}")), "footer of page {p}");
    }
    assert_eq!(
        f.matches("Programme de formation – version du 12 février 2026")
            .count(),
        n
    );

    assert_fonts_embedded_and_subset(&path);
    let i = info(&path);
    assert!(
        info_field(&i, "Title").starts_with("Programme – Coopérer de part et d'autre du Rhin"),
        "{i}"
    );
    assert_eq!(info_field(&i, "Author"), "CNFPT – INET");
    assert!(
        info_field(&i, "Subject").contains("du mardi 3 au jeudi 5 mars 2026"),
        "{i}"
    );
    assert!(info_field(&i, "CreationDate").contains("2026"), "{i}");
    assert_eq!(info_field(&i, "Page size"), "595.276 x 841.89 pts (A4)");
    // One bookmark per day, and the document language ("fr-FR", hex-encoded).
    // (printpdf lists the bookmarks of one page in alphabetical order, so only the set of
    // titles is checked.)
    let marks = bookmarks(&path);
    let mut titles: Vec<&str> = marks.iter().map(|(t, _)| t.as_str()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Jeudi 5 mars 2026",
            "Mardi 3 mars 2026",
            "Mercredi 4 mars 2026"
        ]
    );
    assert!(
        marks.iter().all(|(_, page)| (1..=n).contains(page)),
        "{marks:?}"
    );
    assert_eq!(count(&inflated(&bytes), b"/Lang<66722D4652>"), 1);
    assert!(bytes.len() < 120_000, "{} bytes", bytes.len());
}

#[test]
fn empty_optional_fields_are_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ProgrammeData {
        title: "Séminaire minimal".into(),
        ..ProgrammeData::default()
    };
    let path = save(
        dir.path(),
        "programme-minimal.pdf",
        &render_programme(&data, &options()).expect("programme"),
    );
    let f = flat(&path);
    assert!(f.contains("Prérequis Aucun"), "{f}");
    assert!(f.contains("Le programme détaillé sera communiqué ultérieurement."));
    for absent in [
        "Objectifs",
        "Présentation",
        "Méthodes pédagogiques",
        "Modalités d'évaluation",
        "Accessibilité",
        "Intervenants",
        "Tarif",
        "Durée",
        "Lieu",
        "Code",
    ] {
        assert!(
            !f.contains(absent),
            "« {absent} » printed for an empty field: {f}"
        );
    }
    assert_eq!(pages(&path), 1);
    assert_fonts_embedded_and_subset(&path);
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

#[test]
fn hostile_text_lays_out_without_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let title = "Coopération transfrontalière et très longs intitulés "
        .repeat(6)
        .chars()
        .take(300)
        .collect::<String>();
    let description = "La mobilité des frontaliers 🚆😀 exige une coordination fine; les usagers demandent : « pourquoi ? ». שלום עולם مرحبا بالعالم 会议 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{1F980}\u{200D}\u{FE0F} "
        .repeat(40)
        .chars()
        .take(5000)
        .collect::<String>();
    let unbroken = "Rheinland-Pfalz".repeat(40);
    let session = ProgrammeSession {
        date: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
        start: t(9, 0),
        end: t(12, 30),
        title: unbroken.clone(),
        description: description.clone(),
        kind: SessionKind::Talk,
        place: "ﺍﻟﻘﺎﻋﺔ".into(),
        speakers: vec![SessionSpeakerLine {
            name: unbroken.clone(),
            organisation: description.chars().take(400).collect(),
            role: "Modérateur".into(),
        }],
        title_partner: String::new(),
        description_partner: String::new(),
    };
    let data = ProgrammeData {
        title: title.clone(),
        subtitle: description.chars().take(600).collect(),
        code: "X".repeat(120),
        audience: description.clone(),
        objectives: vec![description.clone(), unbroken.clone()],
        sessions: vec![session],
        ..ProgrammeData::default()
    };
    let bytes = render_programme(&data, &options()).expect("programme");
    let path = save(dir.path(), "programme-robustesse.pdf", &bytes);
    let f = flat(&path);
    assert!(f.contains("Coopération transfrontalière et très longs"));
    assert!(f.contains("שלום") || f.contains("םולש"), "hebrew missing");
    assert!(
        f.contains('\u{FFFD}'),
        "no visible replacement for missing glyphs"
    );
    assert!(pages(&path) >= 2);
    assert_fonts_embedded_and_subset(&path);

    let fonts = passerelle_core::documents::fonts::font_set().expect("fonts");
    let paginated =
        passerelle_core::documents::programme::layout_programme(fonts, &data).expect("layout");
    passerelle_core::documents::layout::check_printable_area(
        fonts,
        &passerelle_core::documents::layout::PageSetup::a4(),
        &paginated.pages,
    )
    .expect("every glyph inside the printable area");

    let sheets = render_attendance_sheets(&data, &AttendanceOptions::default()).expect("sheets");
    let path = save(dir.path(), "emargement-robustesse.pdf", &sheets);
    assert!(pages(&path) >= 1);
}

#[test]
fn events_of_every_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = passerelle_core::documents::fonts::font_set().expect("fonts");
    for (days, sessions) in [(1, 0), (1, 1), (10, 200)] {
        let data = generated(days, sessions, 15);
        let bytes = render_programme(&data, &options()).expect("programme");
        let path = save(dir.path(), &format!("programme-{sessions}.pdf"), &bytes);
        let f = flat(&path);
        let n = pages(&path);
        assert!(f.contains(&format!("page {n} / {n}")));
        assert_fonts_embedded_and_subset(&path);
        let paginated =
            passerelle_core::documents::programme::layout_programme(fonts, &data).expect("layout");
        passerelle_core::documents::layout::check_printable_area(
            fonts,
            &passerelle_core::documents::layout::PageSetup::a4(),
            &paginated.pages,
        )
        .expect("inside");
        match sessions {
            0 => assert!(f.contains("communiqué ultérieurement")),
            1 => assert!(f.contains("Séance 1 : enjeux")),
            _ => {
                assert_eq!(bookmarks(&path).len(), 10, "one bookmark per day");
                assert!(f.contains("Mercredi 11 mars 2026"));
                assert!(
                    f.contains("(suite)"),
                    "a day continuing on the next page repeats its heading"
                );
                assert!(f.contains("Séance 200 : enjeux"));
                let mut last = 0;
                for i in [1, 50, 100, 150, 200] {
                    let at = f
                        .find(&format!("Séance {i} : enjeux"))
                        .expect("session printed");
                    assert!(at > last, "sessions out of order");
                    last = at;
                }
            }
        }
    }
}

#[test]
fn attendance_sheets_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let options = AttendanceOptions {
        created: Utc.with_ymd_and_hms(2026, 2, 12, 10, 30, 0).single(),
        ..AttendanceOptions::default()
    };
    let bytes = render_attendance_sheets(&data, &options).expect("sheets");
    let path = save(dir.path(), "emargement-visite.pdf", &bytes);
    // Five half-days with training: 3 March morning and afternoon, 4 March morning and
    // afternoon, 5 March morning.
    assert_eq!(pages(&path), 5);
    let f = flat(&path);
    assert_in_order(
        &f,
        &[
            "FEUILLE D'ÉMARGEMENT",
            "Coopérer de part et d'autre du Rhin",
            "Date Mardi 3 mars 2026 – matin",
            "Horaires 9 h 00 – 12 h 30",
            "Formateurs et intervenants",
            "Sophie Modèle",
            "Claire Exemple-Haller",
            "Marc Specimen",
            "Participants",
            "N° Nom et prénom Organisation Signature",
            "1",
            "20",
            "page 1 / 5",
            "Mardi 3 mars 2026 – après-midi",
            "Horaires 15 h 00 – 17 h 30",
            "Luc Exemplaire",
            "Anna Muster",
            "Mercredi 4 mars 2026 – matin",
            "Mercredi 4 mars 2026 – après-midi",
            "Jeudi 5 mars 2026 – matin",
            "page 5 / 5",
        ],
    );
    assert!(!f.contains(" 21 "), "20 rows by default");
    assert_fonts_embedded_and_subset(&path);
    let i = info(&path);
    assert!(
        info_field(&i, "Title").starts_with("Feuilles d'émargement – Coopérer"),
        "{i}"
    );
    assert!(info_field(&i, "CreationDate").contains("2026"));
    assert_eq!(count(&inflated(&bytes), b"/Lang<66722D4652>"), 1);
    assert_eq!(bookmarks(&path).len(), 5, "one bookmark per half-day");

    // Listed participants, then more rows than a page holds: the sheet continues.
    let participants = (1..=45)
        .map(|i| Person::new(&format!("Marie{i:02}"), "Participant", "Ville de Kehl"))
        .collect();
    let options = AttendanceOptions {
        participants,
        extra_blank_rows: 3,
        ..options
    };
    let path = save(
        dir.path(),
        "emargement-liste.pdf",
        &render_attendance_sheets(&data, &options).expect("sheets"),
    );
    let f = flat(&path);
    assert!(pages(&path) > 5);
    assert!(f.contains("PARTICIPANT Marie45 Ville de Kehl"));
    assert!(f.contains("participants (suite)"));
    assert!(
        f.contains(" 48 "),
        "three extra blank rows after 45 participants"
    );
}

/// The benchmark's event (see benches/programme.rs: 3 days, 30 sessions, 15 speakers) stays
/// under 40 KB: the fonts are subset to the glyphs drawn and the streams compressed.
#[test]
fn benchmark_programme_is_under_40_kb() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = generated(3, 30, 15);
    let bytes = render_programme(&data, &options()).expect("programme");
    let path = save(dir.path(), "programme-benchmark.pdf", &bytes);
    assert!(bytes.len() <= 40_000, "{} bytes", bytes.len());
    assert_fonts_embedded_and_subset(&path);
    let f = flat(&path);
    let n = pages(&path);
    assert!(f.contains(&format!("page {n} / {n}")), "{f}");
}

/// Greek and Cyrillic, in the regular, bold and italic faces, are printed with the shipped
/// fonts and read back as typed.
#[test]
fn greek_and_cyrillic_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = ProgrammeSession {
        date: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
        start: t(9, 0),
        end: t(10, 30),
        title: "Διασυνοριακή συνεργασία στην Ήπειρο".into(),
        description: "Трансграничное сотрудничество и опыт еврорегионов".into(),
        kind: SessionKind::Workshop,
        place: "Θεσσαλονίκη".into(),
        speakers: vec![SessionSpeakerLine {
            name: "Ελένη Παπαδοπούλου".into(),
            organisation: "Университет Софии".into(),
            role: "Модератор".into(),
        }],
        title_partner: String::new(),
        description_partner: String::new(),
    };
    let data = ProgrammeData {
        title: "Συνεργασία χωρίς σύνορα — Сотрудничество без границ".into(),
        subtitle: "Ελληνικά και русский язык".into(),
        summary: "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Съешь же ещё этих мягких французских булок, да выпей чаю.".into(),
        sessions: vec![session],
        ..ProgrammeData::default()
    };
    let bytes = render_programme(&data, &options()).expect("programme");
    let path = save(dir.path(), "programme-grec-cyrillique.pdf", &bytes);
    let f = flat(&path);
    for phrase in [
        "Συνεργασία χωρίς σύνορα — Сотрудничество без границ",
        "Ελληνικά και русский язык",
        "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
        "Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "Διασυνοριακή συνεργασία στην Ήπειρο",
        "Трансграничное сотрудничество и опыт еврорегионов",
        "Ελένη Παπαδοπούλου (модератор)",
        "Университет Софии",
    ] {
        assert!(f.contains(phrase), "« {phrase} » missing from:\n{f}");
    }
    assert!(!f.contains('\u{FFFD}'), "a glyph was replaced: {f}");
    assert_fonts_embedded_and_subset(&path);
}

#[test]
fn runs_of_blank_lines_print_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let programme = |gap: &str, name: &str| {
        let text = format!("Premier paragraphe.{gap}Second paragraphe.{gap}");
        let session = ProgrammeSession {
            date: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
            start: t(9, 0),
            end: t(12, 30),
            title: "Ouverture".into(),
            description: text.clone(),
            kind: SessionKind::Talk,
            place: String::new(),
            speakers: Vec::new(),
            title_partner: String::new(),
            description_partner: String::new(),
        };
        let data = ProgrammeData {
            title: "Séminaire".into(),
            summary: text,
            sessions: vec![session],
            ..ProgrammeData::default()
        };
        let bytes = render_programme(&data, &options()).expect("programme");
        save(dir.path(), name, &bytes)
    };
    let one_blank_line = programme("\n\n", "programme-une-ligne-vide.pdf");
    let many = programme(&"\n".repeat(10_000), "programme-10000-lignes.pdf");
    let with_spaces = programme(&"\n \t".repeat(10_000), "programme-lignes-espaces.pdf");
    assert_eq!(pages(&one_blank_line), 1);
    assert_eq!(pages(&many), pages(&one_blank_line));
    assert_eq!(pages(&with_spaces), pages(&one_blank_line));
    let f = flat(&many);
    assert!(f.contains("Premier paragraphe. Second paragraphe."), "{f}");
}
