//! The documents about people (attendance sheets with names, convocations, certificates and
//! attestations, mission letter, badges, table cards) read back from real PDF files with
//! poppler (pdftotext, pdffonts, pdfinfo): names, hours equal to the recorded attendance,
//! badges per page, the upside-down half of a table card, fonts embedded.
//!
//! Set PASSERELLE_PDF_OUT to a directory to keep the generated files for a visual check.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use passerelle_core::documents::fonts::font_set;
use passerelle_core::documents::layout::check_printable_area;
use passerelle_core::documents::participants::badges::{layout_badges, layout_table_cards};
use passerelle_core::documents::sample::{participants, study_visit, study_visit_with_attendance};
use passerelle_core::documents::{
    hours_attended, render_attendance_sheets, render_badges, render_certificates,
    render_certificates_each, render_convocations, render_convocations_each, render_mission_letter,
    render_table_cards, Attendance, AttendanceOptions, Attendee, Badge, BadgeOptions, BadgeRole,
    CertificateKind, CertificateOptions, ConvocationOptions, DocumentError, MissionOptions, Person,
    Signatory,
};
use passerelle_core::model::{AttendanceMark, HalfDayPart};

fn created() -> Option<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 3, 5, 17, 0, 0).single()
}

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
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of pages `first..=last` (all when `None`), whitespace collapsed.
fn flat_pages(path: &Path, pages: Option<(usize, usize)>) -> String {
    let range = pages.map(|(f, l)| [f.to_string(), l.to_string()]);
    let args: Vec<&str> = match &range {
        Some([f, l]) => vec!["-f", f, "-l", l],
        None => vec![],
    };
    run("pdftotext", &args, path)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn flat(path: &Path) -> String {
    flat_pages(path, None)
}

fn pages(path: &Path) -> usize {
    run("pdfinfo", &[], path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count")
}

fn assert_fonts_embedded(path: &Path) {
    let fonts = run("pdffonts", &[], path);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no font: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "not subset: {row}");
        assert!(row.contains("DejaVu"), "unexpected font: {row}");
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

fn three_people() -> Vec<Person> {
    vec![
        Person::new("Paul", "Écuyer", "Ville de Kehl"),
        Person::new("Marie", "Zimmermann", "Eurométropole de Strasbourg"),
        Person::new("Anna", "Bauer", "Ortenaukreis"),
    ]
}

fn present(date: NaiveDate, part: HalfDayPart, mark: AttendanceMark) -> Attendance {
    Attendance { date, part, mark }
}

fn march(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}

#[test]
fn attendance_sheets_print_the_names_sorted_then_blank_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = AttendanceOptions {
        participants: three_people(),
        created: created(),
        ..AttendanceOptions::default()
    };
    let bytes = render_attendance_sheets(&study_visit(), &options).expect("sheets");
    let path = save(dir.path(), "emargement-noms.pdf", &bytes);
    assert_eq!(pages(&path), 5, "one page per half-day");
    for page in 1..=5 {
        let f = flat_pages(&path, Some((page, page)));
        assert_in_order(
            &f,
            &[
                "N° Nom et prénom Organisation",
                "1 BAUER Anna Ortenaukreis",
                "2 ÉCUYER Paul Ville de Kehl",
                "3 ZIMMERMANN Marie Eurométropole de Strasbourg",
                "4",
                "5",
            ],
        );
        assert!(!f.contains(" 6 "), "two blank rows for walk-ins: {f}");
    }
    assert_fonts_embedded(&path);
}

#[test]
fn convocations_one_pdf_for_all_and_one_per_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let people = three_people();
    let options = ConvocationOptions {
        what_to_bring: "Une pièce d'identité et de bonnes chaussures pour la visite de site."
            .into(),
        signatory: Signatory {
            name: "Sophie Modèle".into(),
            title: "Responsable de formation".into(),
        },
        created: created(),
        ..ConvocationOptions::default()
    };
    let bytes = render_convocations(&data, &people, &options).expect("convocations");
    let path = save(dir.path(), "convocations.pdf", &bytes);
    assert_eq!(pages(&path), 3, "one page per person");
    let first = flat_pages(&path, Some((1, 1)));
    assert_in_order(
        &first,
        &[
            "CNFPT – INET",
            "CONVOCATION",
            "Coopérer de part et d'autre du Rhin",
            "Participant(e) Paul Écuyer",
            "Employeur Ville de Kehl",
            "du mardi 3 au jeudi 5 mars 2026",
            "Lieu Maison de l'Eurodistrict Rehfusplatz 11 Kehl (Allemagne)",
            "Mardi 3 mars 2026 : 9 h 00 – 17 h 30",
            "Mercredi 4 mars 2026 : 9 h 00 – 16 h 30",
            "Jeudi 5 mars 2026 : 9 h 00 – 12 h 30",
            "Le programme en bref",
            "Modalités d'accès",
            "À apporter",
            "bonnes chaussures",
            "Contact",
            "sophie.modele@inet.example.fr",
            "Sophie Modèle",
            "page 1 / 1",
        ],
    );
    assert!(flat_pages(&path, Some((3, 3))).contains("Participant(e) Anna Bauer"));
    assert_fonts_embedded(&path);

    let without = ConvocationOptions {
        what_to_bring: String::new(),
        ..options.clone()
    };
    let each = render_convocations_each(&data, &people[..2], &without).expect("each");
    let names: Vec<&str> = each.iter().map(|p| p.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Convocation - VE-2026-SO-03 - Paul Écuyer.pdf",
            "Convocation - VE-2026-SO-03 - Marie Zimmermann.pdf"
        ]
    );
    let path = save(dir.path(), "convocation-marie.pdf", &each[1].pdf);
    let f = flat(&path);
    assert!(f.contains("Participant(e) Marie Zimmermann"), "{f}");
    assert!(!f.contains("Paul"), "one person per file");
    assert!(!f.contains("À apporter"), "empty option left out");

    assert_eq!(
        render_convocations(&data, &[], &options).unwrap_err(),
        DocumentError::NoParticipant
    );
}

/// Three participants with different attendance: each certificate prints exactly the hours
/// the recorded marks give.
#[test]
fn certificates_print_the_hours_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let people = three_people();
    use AttendanceMark::*;
    use HalfDayPart::*;
    let attendees = vec![
        Attendee {
            person: people[0].clone(),
            attendance: vec![
                present(march(3), Morning, Present),
                present(march(3), Afternoon, Present),
                present(march(4), Morning, Present),
                present(march(4), Afternoon, Present),
                present(march(5), Morning, Present),
            ],
        },
        Attendee {
            person: people[1].clone(),
            attendance: vec![
                present(march(3), Morning, Present),
                present(march(3), Afternoon, Absent),
                present(march(4), Morning, Excused),
                present(march(4), Afternoon, Present),
            ],
        },
        Attendee {
            person: people[2].clone(),
            attendance: vec![present(march(5), Morning, Absent)],
        },
    ];
    let options = CertificateOptions {
        signatory: Signatory {
            name: "Claire Directrice".into(),
            title: "Directrice de l'INET".into(),
        },
        signed_at: "Strasbourg".into(),
        signed_on: Some(march(6)),
        created: created(),
        ..CertificateOptions::default()
    };
    let bytes =
        render_certificates(&data, &attendees, &options, CertificateKind::Completion).expect("pdf");
    let path = save(dir.path(), "certificats.pdf", &bytes);
    assert_eq!(pages(&path), 3);
    let expected = ["15 h 15", "5 h 45", "0 minutes"];
    for (n, attendee) in attendees.iter().enumerate() {
        let hours = hours_attended(&data.sessions, &attendee.attendance);
        let f = flat_pages(&path, Some((n + 1, n + 1)));
        assert_in_order(
            &f,
            &[
                "CERTIFICAT DE RÉALISATION",
                "Je soussigné(e) Claire Directrice, Directrice de l'INET",
                "CNFPT – INET, atteste que :",
                &format!("Participant(e) {}", attendee.person.full_name()),
                "Nature de l'action ☒ action de formation ☐ bilan de compétences",
                "Dates Du mardi 3 au jeudi 5 mars 2026",
                &format!("Durée réalisée {} sur 15 h 15 prévues", expected[n]),
                "Fait à Strasbourg, le 6 mars 2026",
                "Cachet et signature du responsable du dispensateur de formation",
                "Claire Directrice",
            ],
        );
        let plain = passerelle_core::documents::dates::duration(hours.attended_minutes)
            .replace('\u{a0}', " ");
        assert_eq!(plain, expected[n], "the figure printed is the computed one");
    }
    assert_fonts_embedded(&path);

    let bytes =
        render_certificates(&data, &attendees, &options, CertificateKind::Presence).expect("pdf");
    let path = save(dir.path(), "attestations.pdf", &bytes);
    let f = flat_pages(&path, Some((2, 2)));
    assert_in_order(
        &f,
        &[
            "ATTESTATION DE PRÉSENCE",
            "Participant(e) Marie Zimmermann",
            "Présence 2 demi-journée(s) sur 5, soit 5 h 45 sur 15 h 15 prévues",
            "Mardi 3 mars 2026 – matin 9 h 00 – 12 h 30 Présent 3 h 15",
            "Mardi 3 mars 2026 – après-midi 15 h 00 – 17 h 30 Absent 0 minutes",
            "Mercredi 4 mars 2026 – matin 9 h 00 – 12 h 30 Excusé 0 minutes",
            "Jeudi 5 mars 2026 – matin 9 h 00 – 12 h 30 Non renseigné",
        ],
    );
    let each = render_certificates_each(
        &data,
        &attendees[..1],
        &options,
        CertificateKind::Completion,
    )
    .expect("each");
    assert_eq!(
        each[0].file_name,
        "Certificat - VE-2026-SO-03 - Paul Écuyer.pdf"
    );
}

#[test]
fn no_certificate_without_recorded_attendance() {
    let data = study_visit();
    let attendees = vec![Attendee {
        person: Person::new("Inès", "Sans-Pointage", "Ville de Lahr"),
        attendance: Vec::new(),
    }];
    let err = render_certificates(
        &data,
        &attendees,
        &CertificateOptions::default(),
        CertificateKind::Completion,
    )
    .unwrap_err();
    assert_eq!(
        err,
        DocumentError::NoAttendance {
            name: "Inès Sans-Pointage".into()
        }
    );
    assert!(err
        .to_string()
        .contains("Aucune présence n'est enregistrée pour Inès Sans-Pointage"));
}

#[test]
fn mission_letter_lists_the_speakers_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let mut sophie = Person::new("Sophie", "Modèle", "CNFPT – INET");
    sophie.job_title = "Responsable de formation".into();
    let options = MissionOptions {
        conditions: "Intervention au titre de vos fonctions ; frais de déplacement remboursés sur justificatifs.".into(),
        signatory: Signatory {
            name: "Claire Directrice".into(),
            title: "Directrice".into(),
        },
        signed_at: "Strasbourg".into(),
        signed_on: Some(march(1)),
        created: created(),
        ..MissionOptions::default()
    };
    let bytes = render_mission_letter(&data, &sophie, &options).expect("letter");
    let path = save(dir.path(), "mission.pdf", &bytes);
    assert_eq!(pages(&path), 1);
    assert_in_order(
        &flat(&path),
        &[
            "LETTRE DE MISSION",
            "Intervenant(e) Sophie Modèle",
            "Fonction Responsable de formation",
            "Vos interventions",
            "Date Horaires Séance Rôle",
            "Mardi 3 mars 2026 9 h 00 – 9 h 30 Accueil des participants",
            "Animatrice",
            "Atelier : monter un projet Interreg",
            "Retour d'expérience et pistes d'action",
            "Évaluation et clôture",
            "Conditions et rémunération",
            "frais de déplacement remboursés",
            "Fait à Strasbourg, le 1er mars 2026",
            "L'intervenant(e), « lu et approuvé »",
            "Pour l'organisateur",
            "Claire Directrice",
        ],
    );
    assert!(!flat(&path).contains("Table ronde"), "only her sessions");
    assert_fonts_embedded(&path);

    let stranger = Person::new("Hans", "Nirgendwo", "");
    assert_eq!(
        render_mission_letter(&data, &stranger, &options).unwrap_err(),
        DocumentError::NoMission {
            name: "Hans Nirgendwo".into()
        }
    );
}

#[test]
fn badges_ten_per_sheet_with_their_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let mut cards: Vec<Badge> = participants(21)
        .into_iter()
        .map(|person| Badge {
            person,
            role: BadgeRole::Participant,
        })
        .collect();
    cards.push(Badge {
        person: Person::new("Anna", "Muster", "Stadt Kehl"),
        role: BadgeRole::Speaker,
    });
    cards.push(Badge {
        person: Person::new("Luc", "Exemplaire", "Eurométropole de Strasbourg"),
        role: BadgeRole::Speaker,
    });
    let options = BadgeOptions { created: created() };
    let bytes = render_badges(&data, &cards, &options).expect("badges");
    let path = save(dir.path(), "badges.pdf", &bytes);
    assert_eq!(pages(&path), 3);
    let per_page: Vec<usize> = (1..=3)
        .map(|p| {
            let f = flat_pages(&path, Some((p, p)));
            f.matches("PARTICIPANT").count() + f.matches("INTERVENANT").count()
        })
        .collect();
    assert_eq!(per_page, [10, 10, 3]);
    let last = flat_pages(&path, Some((3, 3)));
    assert_in_order(&last, &["Anna", "MUSTER", "Stadt Kehl", "INTERVENANT"]);
    assert_fonts_embedded(&path);
    let fonts = font_set().expect("fonts");
    let laid = layout_badges(fonts, &data, &cards).expect("layout");
    let sheet = passerelle_core::documents::layout::PageSetup {
        margin_x: 15.0 * passerelle_core::documents::layout::MM,
        margin_y: 13.5 * passerelle_core::documents::layout::MM,
        ..passerelle_core::documents::layout::PageSetup::a4()
    };
    check_printable_area(fonts, &sheet, &laid.pages).expect("every text inside its badge grid");
}

#[test]
fn table_cards_print_the_name_twice_the_top_half_upside_down() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = study_visit();
    let cards = vec![
        Badge {
            person: Person::new(
                "Claire",
                "Exemple-Haller",
                "Eurodistrict Strasbourg-Ortenau",
            ),
            role: BadgeRole::Speaker,
        },
        Badge {
            person: Person::new("Paul", "Écuyer", "Ville de Kehl"),
            role: BadgeRole::Participant,
        },
    ];
    let bytes =
        render_table_cards(&data, &cards, &BadgeOptions { created: created() }).expect("cards");
    let path = save(dir.path(), "chevalets.pdf", &bytes);
    assert_eq!(pages(&path), 2);
    let first = flat_pages(&path, Some((1, 1)));
    assert_eq!(first.matches("Claire Exemple-Haller").count(), 2, "{first}");
    assert_eq!(first.matches("INTERVENANT").count(), 2, "{first}");
    assert_eq!(
        flat_pages(&path, Some((2, 2)))
            .matches("Paul Écuyer")
            .count(),
        2
    );
    assert_fonts_embedded(&path);

    // The upside-down copy is drawn with a half-turn text matrix, one per text of the half.
    let fonts = font_set().expect("fonts");
    let laid = layout_table_cards(fonts, &data, &cards).expect("layout");
    let turned = laid.pages[0]
        .draws
        .iter()
        .filter(|d| {
            matches!(
                d,
                passerelle_core::documents::layout::Draw::Text { turned: true, .. }
            )
        })
        .count();
    assert_eq!(turned, 4, "name, employer, role and event turned");
    let sheet = passerelle_core::documents::layout::PageSetup {
        margin_x: 10.0 * passerelle_core::documents::layout::MM,
        margin_y: 10.0 * passerelle_core::documents::layout::MM,
        ..passerelle_core::documents::layout::PageSetup::a4_landscape()
    };
    check_printable_area(fonts, &sheet, &laid.pages).expect("inside the margins");
}

/// The benchmark's event: 500 participants, full attendance, every certificate 15 h 15.
#[test]
fn five_hundred_certificates_all_carry_the_full_hours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, attendees) = study_visit_with_attendance(500);
    let bytes = render_certificates(
        &data,
        &attendees,
        &CertificateOptions::default(),
        CertificateKind::Completion,
    )
    .expect("certificates");
    let path = save(dir.path(), "certificats-500.pdf", &bytes);
    assert_eq!(pages(&path), 500);
    let f = flat(&path);
    assert_eq!(
        f.matches("Durée réalisée 15 h 15 sur 15 h 15 prévues")
            .count(),
        500
    );
}
