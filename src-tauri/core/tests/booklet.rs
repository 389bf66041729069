//! The study-visit booklet, read back from real PDF files with poppler: A5 pages, the imposed
//! A4 sheets in saddle-stitch order (checked side by side, half by half, from the page numbers
//! the footers print), the demo event's glossary and emergency numbers, embedded fonts, and
//! sections left out when there is nothing to print.
//!
//! Set PASSERELLE_PDF_OUT to a directory to keep the generated files for a visual check.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use passerelle_core::documents::sample::study_visit;
use passerelle_core::documents::{
    render_booklet, saddle_stitch_order, Booklet, BookletData, BookletOptions,
};
use passerelle_core::printing::booklet_pdf;
use passerelle_core::Store;

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

fn poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for these tests (poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).replace(['\u{a0}', '\u{202f}'], " ")
}

fn info_field(path: &Path, name: &str) -> String {
    poppler("pdfinfo", &[], path)
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("no {name} in pdfinfo"))
}

fn page_count(path: &Path) -> usize {
    info_field(path, "Pages:").parse().expect("page count")
}

/// The demo event's booklet, A5 then imposed, written to `dir`.
fn demo_booklets(dir: &Path) -> (Booklet, PathBuf, Booklet, PathBuf) {
    let mut store = Store::open_with_reference(&dir.join("p.db")).expect("store");
    let id = passerelle_core::demo::add_demo(&mut store).expect("demo");
    let a5 = booklet_pdf(&store, &id, false).expect("booklet");
    let imposed = booklet_pdf(&store, &id, true).expect("imposed booklet");
    let a5_path = save(dir, "livret-demo.pdf", &a5.pdf);
    let imposed_path = save(dir, "livret-demo-a4.pdf", &imposed.pdf);
    (a5, a5_path, imposed, imposed_path)
}

#[test]
fn the_demo_booklet_is_a5_with_its_glossary_emergency_numbers_and_embedded_fonts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a5, path, _, _) = demo_booklets(dir.path());
    assert!(info_field(&path, "Page size:").starts_with("419.528 x 595.276 pts"));
    assert_eq!(page_count(&path), a5.pages);
    assert_eq!(a5.sheets, None);

    let text = poppler("pdftotext", &["-layout"], &path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Bienvenue à cette visite d'étude",
        "Programme",
        // A session's German title under its French one.
        "La coopération franco-allemande dans le Rhin supérieur",
        "Die deutsch-französische Zusammenarbeit am Oberrhein",
        "Rendez-vous",
        "Station de tram Homme de Fer",
        "Trajets",
        "Tram D",
        "Hébergement",
        "Hôtel fictif du Rhin",
        "Contacts",
        "Numéros d'urgence",
        "Intervenants",
        "Lexique",
        "Français Allemand",
        "collectivité territoriale Gebietskörperschaft",
        "mairie Rathaus",
        "Notes",
    ] {
        assert!(flat.contains(expected), "« {expected} » missing:\n{text}");
    }
    // France (the event's country) and Germany (its territory's other country), in that order.
    let france = flat.find("France 112").expect("France's numbers");
    let germany = flat.find("Allemagne 112").expect("Germany's numbers");
    assert!(france < germany, "{flat}");
    let (fr, de) = flat[france..].split_at(germany - france);
    for number in [
        "15 SAMU",
        "17 police secours",
        "18 sapeurs-pompiers",
        "114 ",
    ] {
        assert!(fr.contains(number), "{number}: {fr}");
    }
    for number in ["110 police (Polizei)", "116117 médecin de garde"] {
        assert!(de.contains(number), "{number}: {de}");
    }

    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type (2 words), encoding, emb, sub, uni, object, id
        assert!(row.contains('+'), "not a subset: {row}");
        let n = columns.len();
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
    }
}

/// What pdftotext finds in one half of an imposed side, within `band` points from the top.
fn half_text(path: &Path, side: usize, right: bool, band: (u32, u32)) -> String {
    let side = side.to_string();
    let x = if right { "421" } else { "0" };
    let (y, h) = (band.0.to_string(), band.1.to_string());
    let args = [
        "-f",
        side.as_str(),
        "-l",
        side.as_str(),
        "-x",
        x,
        "-y",
        y.as_str(),
        "-W",
        "420",
        "-H",
        h.as_str(),
        "-layout",
    ];
    poppler("pdftotext", &args, path).trim().to_string()
}

#[test]
fn the_imposed_booklet_puts_each_page_on_its_sheet_in_saddle_stitch_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a5, _, imposed, path) = demo_booklets(dir.path());
    let n = a5.pages;
    let padded = n.div_ceil(4) * 4;
    assert_eq!(imposed.pages, padded);
    assert_eq!(imposed.sheets, Some(padded / 4));
    assert!(info_field(&path, "Page size:").starts_with("841.89 x 595.27"));
    assert_eq!(page_count(&path), padded / 2);

    let order = saddle_stitch_order(n);
    assert_eq!(order.len(), padded / 2);
    // The footer band: below the A5 body (12 mm margin + 8 mm footer).
    let footer = (535, 60);
    let whole = (0, 596);
    for (k, &(left, right)) in order.iter().enumerate() {
        for (page, is_right) in [(left, false), (right, true)] {
            let found = half_text(&path, k + 1, is_right, footer);
            let what = format!("side {} {}", k + 1, if is_right { "right" } else { "left" });
            if page == 1 {
                // The cover has no number but the title.
                assert_eq!(found, "", "{what}");
                let cover = half_text(&path, k + 1, is_right, whole);
                assert!(cover.contains("Eurodistrict"), "{what}: {cover}");
            } else if page > n {
                assert_eq!(
                    half_text(&path, k + 1, is_right, whole),
                    "",
                    "{what}: blank page"
                );
            } else {
                assert_eq!(found, page.to_string(), "{what}");
            }
        }
    }
}

#[test]
fn empty_logistics_leave_their_sections_out_and_the_booklet_is_still_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = BookletData {
        event: study_visit(),
        ..BookletData::default()
    };
    let options = BookletOptions {
        created: Utc.with_ymd_and_hms(2026, 2, 12, 10, 30, 0).single(),
        ..BookletOptions::default()
    };
    let booklet = render_booklet(&data, &options).expect("booklet");
    let path = save(dir.path(), "livret-sans-logistique.pdf", &booklet.pdf);
    assert_eq!(page_count(&path), booklet.pages);
    let text = poppler("pdftotext", &["-layout"], &path);
    for absent in [
        "Bienvenue",
        "Rendez-vous",
        "Trajets",
        "Hébergement",
        "Contacts",
        "Numéros d'urgence",
        "Lexique",
    ] {
        assert!(!text.contains(absent), "« {absent} » printed:\n{text}");
    }
    for present in ["Programme", "Intervenants", "Notes"] {
        assert!(text.contains(present), "« {present} » missing:\n{text}");
    }

    // An event with nothing but a title: a cover and the notes pages, imposed on one sheet.
    let mut bare = BookletData::default();
    bare.event.title = "Visite sans programme".into();
    let imposed = BookletOptions {
        imposed: true,
        ..options
    };
    let booklet = render_booklet(&bare, &imposed).expect("bare booklet");
    assert_eq!((booklet.pages, booklet.sheets), (4, Some(1)));
    let path = save(dir.path(), "livret-vide-a4.pdf", &booklet.pdf);
    assert_eq!(page_count(&path), 2);
    let text = poppler("pdftotext", &["-layout"], &path);
    assert!(
        text.contains("Visite sans programme") && !text.contains("Programme\n"),
        "{text}"
    );
}
