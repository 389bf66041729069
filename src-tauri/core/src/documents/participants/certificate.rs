//! The certificat de réalisation (the form French funders ask for, Code du travail R6332-26:
//! the organisation and its signatory, the participant, the action, its nature among those of
//! L6313-1, its dates, the hours actually attended out of those planned, place, « Fait à …, le
//! … » and a box for the signature and stamp) and the attestation de présence (the half-days
//! present, one by one). Both come from the recorded attendance ([`super::hours`]); someone
//! with no recorded mark gets no certificate.

use chrono::{DateTime, NaiveDate, Utc};

use super::convocation::{check, organiser, place, when};
use super::hours::{hours_attended, HoursAttended};
use super::letter::{Letter, Letters, SignatureBox};
use super::{personal_file_name, Attendee, PersonalPdf, Signatory};
use crate::documents::fonts::font_set;
use crate::documents::layout::{Chunk, PageSetup, Paginated, Para, Span, Table, TextStyle};
use crate::documents::layout::{MM, MUTED, TEXT};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::{author, display_title, ProgrammeData};
use crate::documents::typography::french;
use crate::documents::{dates, DocumentError};

/// The nature of the action, among those of article L6313-1 of the Code du travail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ActionNature {
    #[default]
    Training,
    SkillsAssessment,
    Vae,
    Apprenticeship,
}

impl ActionNature {
    pub const ALL: [ActionNature; 4] = [
        ActionNature::Training,
        ActionNature::SkillsAssessment,
        ActionNature::Vae,
        ActionNature::Apprenticeship,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionNature::Training => "action de formation",
            ActionNature::SkillsAssessment => "bilan de compétences",
            ActionNature::Vae => "action de validation des acquis de l'expérience",
            ActionNature::Apprenticeship => "action de formation par apprentissage",
        }
    }
}

/// What the certificates and attestations print besides the event and the participants.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CertificateOptions {
    /// The organisation that delivered the action; the event's first organiser when empty.
    pub organisation: String,
    pub signatory: Signatory,
    pub nature: ActionNature,
    /// « Fait à … »: left to fill in by hand when empty.
    pub signed_at: String,
    /// « …, le … »: today when `None`.
    pub signed_on: Option<NaiveDate>,
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
}

/// Which of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateKind {
    /// Certificat de réalisation.
    Completion,
    /// Attestation de présence.
    Presence,
}

impl CertificateKind {
    fn title(self) -> &'static str {
        match self {
            CertificateKind::Completion => "Certificat de réalisation",
            CertificateKind::Presence => "Attestation de présence",
        }
    }
    fn file_prefix(self) -> &'static str {
        match self {
            CertificateKind::Completion => "Certificat",
            CertificateKind::Presence => "Attestation",
        }
    }
}

const KEEPING: &str = "Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m'engage à conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent certificat pendant une durée de 3 ans à compter de la fin de l'année du dernier paiement. En cas de cofinancement par des fonds européens, la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques.";

/// « Je soussigné(e) Sophie Modèle, Directrice, représentant(e) de CNFPT – INET, atteste que : ».
fn undersigned(options: &CertificateOptions, organisation: &str, kind: CertificateKind) -> String {
    let name = options.signatory.name.trim();
    let name = if name.is_empty() {
        "…………………………"
    } else {
        name
    };
    let title = options.signatory.title.trim();
    let who = match kind {
        CertificateKind::Completion => "représentant(e) légal(e) du dispensateur de l'action concourant au développement des compétences",
        CertificateKind::Presence => "représentant(e) de l'organisme",
    };
    let mut text = format!("Je soussigné(e) {name}");
    if !title.is_empty() {
        text.push_str(&format!(", {title}"));
    }
    text.push_str(&format!(", {who} {organisation}, atteste que :"));
    french(&text)
}

/// The four natures, the chosen one ticked.
fn natures(nature: ActionNature) -> String {
    ActionNature::ALL
        .iter()
        .map(|n| {
            let tick = if *n == nature { '☒' } else { '☐' };
            format!("{tick} {}", n.label())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// « 10 h 30 sur 14 heures prévues ».
fn attended_of_planned(hours: &HoursAttended) -> String {
    format!(
        "{} sur {} prévues",
        dates::duration(hours.attended_minutes),
        dates::duration(hours.planned_minutes)
    )
}

/// The half-days one by one: date and part, hours, mark, time counted.
fn half_day_table(letter: &Letter, hours: &HoursAttended) -> Vec<Chunk> {
    let w = letter.layout.page.body_width();
    let table = Table {
        columns: vec![w - 95.0 * MM, 35.0 * MM, 30.0 * MM, 30.0 * MM],
        padding: 3.0,
        grid: true,
        rule: Some(MUTED),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    let style = TextStyle::new(9.0, TEXT);
    let mut chunks = vec![letter.layout.table_header(
        &table,
        &["Demi-journée", "Horaires", "Présence", "Durée"],
        TextStyle::new(8.0, MUTED),
    )];
    for h in &hours.half_days {
        let label = format!(
            "{} – {}",
            dates::capitalize(&dates::long_date(h.date)),
            h.part.label().to_lowercase()
        );
        let mark = h.mark.map(|m| m.label()).unwrap_or("Non renseigné");
        let cells = [
            label,
            dates::time_range(h.start, h.end),
            mark.to_string(),
            dates::duration(h.attended_minutes),
        ];
        let cells: Vec<Vec<Para>> = cells
            .into_iter()
            .map(|c| vec![Para::new(vec![Span::regular(c)], style)])
            .collect();
        chunks.extend(letter.layout.table_row(&table, &cells));
    }
    chunks.push(letter.layout.spacer(6.0));
    chunks
}

/// One certificate or attestation.
fn one(
    letter: &Letter,
    data: &ProgrammeData,
    attendee: &Attendee,
    hours: &HoursAttended,
    options: &CertificateOptions,
    kind: CertificateKind,
) -> Vec<Chunk> {
    let organisation = organiser(data, &options.organisation);
    let title = display_title(data);
    let mut chunks = letter.heading(&organisation, &kind.title().to_uppercase(), &title);
    chunks.extend(letter.spans(&[Span::regular(undersigned(options, &organisation, kind))]));
    let person = &attendee.person;
    let mut rows = vec![
        ("Participant(e)", person.full_name()),
        ("Employeur", person.employer.clone()),
        ("Intitulé de l'action", title.clone()),
    ];
    if kind == CertificateKind::Completion {
        rows.push(("Nature de l'action", natures(options.nature)));
    }
    rows.push(("Dates", dates::capitalize(&when(data))));
    rows.push(("Lieu", place(data)));
    match kind {
        CertificateKind::Completion => {
            rows.push(("Durée réalisée", attended_of_planned(hours)));
        }
        CertificateKind::Presence => rows.push((
            "Présence",
            format!(
                "{} demi-journée(s) sur {}, soit {}",
                hours.present_half_days(),
                hours.half_days.len(),
                attended_of_planned(hours)
            ),
        )),
    }
    chunks.extend(letter.facts(&rows));
    match kind {
        CertificateKind::Completion => chunks.extend(letter.text(KEEPING)),
        CertificateKind::Presence => chunks.extend(half_day_table(letter, hours)),
    }
    let signed_on = options
        .signed_on
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    chunks.extend(letter.done_at(&options.signed_at, signed_on));
    let heading = match kind {
        CertificateKind::Completion => {
            "Cachet et signature du responsable du dispensateur de formation"
        }
        CertificateKind::Presence => "Cachet et signature de l'organisme",
    };
    chunks.push(letter.signature_boxes(&[SignatureBox::of(heading, &options.signatory)]));
    chunks
}

/// The hours of each attendee; someone with no recorded mark is refused, named.
fn all_hours(
    data: &ProgrammeData,
    people: &[Attendee],
) -> Result<Vec<HoursAttended>, DocumentError> {
    check(data, people.len())?;
    people
        .iter()
        .map(|a| {
            let hours = hours_attended(&data.sessions, &a.attendance);
            if hours.has_records() {
                Ok(hours)
            } else {
                Err(DocumentError::NoAttendance {
                    name: french(&a.person.full_name()),
                })
            }
        })
        .collect()
}

fn layout(
    letter: &Letter,
    data: &ProgrammeData,
    people: &[(&Attendee, &HoursAttended)],
    options: &CertificateOptions,
    kind: CertificateKind,
) -> Paginated {
    let mut letters = Letters::new();
    for (attendee, hours) in people {
        let chunks = one(letter, data, attendee, hours, options, kind);
        letters.push(letter, &attendee.person.full_name(), chunks);
    }
    let title = display_title(data);
    letters.finish(letter, &title, data.code.trim(), kind.title())
}

fn info(data: &ProgrammeData, options: &CertificateOptions, kind: CertificateKind) -> PdfInfo {
    let title = display_title(data).replace(['\u{a0}', '\u{202f}'], " ");
    PdfInfo {
        title: format!("{} – {title}", kind.title()),
        author: author(data, &None),
        subject: format!("{} – {title}", kind.title()),
        keywords: [data.code.trim(), kind.file_prefix()]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    }
}

/// The certificates (or attestations) of all the attendees in one PDF, one letter each, in the
/// order given. Refused, naming the person, when someone has no recorded attendance.
pub fn render_certificates(
    data: &ProgrammeData,
    people: &[Attendee],
    options: &CertificateOptions,
    kind: CertificateKind,
) -> Result<Vec<u8>, DocumentError> {
    let hours = all_hours(data, people)?;
    let fonts = font_set()?;
    let letter = Letter::new(fonts);
    let pairs: Vec<_> = people.iter().zip(&hours).collect();
    let pages = layout(&letter, data, &pairs, options, kind);
    write_pdf(fonts, &PageSetup::a4(), &pages, &info(data, options, kind))
}

/// One PDF per attendee, named "Certificat - CODE - Marie Dupont.pdf".
pub fn render_certificates_each(
    data: &ProgrammeData,
    people: &[Attendee],
    options: &CertificateOptions,
    kind: CertificateKind,
) -> Result<Vec<PersonalPdf>, DocumentError> {
    let hours = all_hours(data, people)?;
    let fonts = font_set()?;
    let letter = Letter::new(fonts);
    people
        .iter()
        .zip(&hours)
        .map(|pair| {
            let pages = layout(&letter, data, &[pair], options, kind);
            let name = pair.0.person.full_name();
            Ok(PersonalPdf {
                file_name: personal_file_name(kind.file_prefix(), &data.code, &name),
                pdf: write_pdf(fonts, &PageSetup::a4(), &pages, &info(data, options, kind))?,
            })
        })
        .collect()
}
