//! Convocations: one letter per participant (A4, one page unless the event's texts are long)
//! with the organiser, the participant's name and employer, the event's title, dates in words,
//! place and address, the times of each day, access terms, what to bring (left out when
//! empty), accessibility, contact and the programme's summary.
//!
//! One PDF for all (each convocation numbered on its own, a bookmark per person) or one PDF
//! per person with its file name. What every convocation shares is laid out once.

use chrono::{DateTime, Utc};

use super::letter::{Letter, Letters};
use super::{personal_file_name, Person, PersonalPdf, Signatory};
use crate::documents::fonts::font_set;
use crate::documents::layout::{Chunk, PageSetup, Paginated, Span};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::{
    agenda_days, author, check_sessions, display_title, event_dates, ProgrammeData,
};
use crate::documents::typography::french;
use crate::documents::{dates, DocumentError};

/// What the convocations print besides the event and the people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConvocationOptions {
    /// The organisation that convenes; the event's first organiser when empty.
    pub organiser: String,
    /// What to bring (« une pièce d'identité, un ordinateur portable »); omitted when empty.
    pub what_to_bring: String,
    /// Who signs the convocations; only the organiser's name is printed when empty.
    pub signatory: Signatory,
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
}

/// The organisation printed at the top of the event's letters.
pub(super) fn organiser(data: &ProgrammeData, option: &str) -> String {
    if !option.trim().is_empty() {
        return option.trim().to_string();
    }
    data.organisers
        .iter()
        .map(|o| o.name.trim())
        .find(|n| !n.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// "Maison de l'Eurodistrict\nRehfusplatz 11\nKehl (Allemagne)".
pub(super) fn place(data: &ProgrammeData) -> String {
    let city = match (data.city.trim(), data.country.trim()) {
        (city, "") => city.to_string(),
        ("", country) => country.to_string(),
        (city, country) => format!("{city} ({country})"),
    };
    [data.venue.trim(), data.address.trim(), city.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line per day: « Mardi 3 mars 2026 : 9 h 00 – 17 h 30 », from the first session's start
/// to the last one's end (welcome and meals included: the participant is expected then).
fn daily_times(data: &ProgrammeData) -> String {
    agenda_days(&data.sessions)
        .iter()
        .filter_map(|(date, list)| {
            let start = list.iter().map(|s| s.start).min()?;
            let end = list.iter().map(|s| s.end).max()?;
            Some(format!(
                "{} : {}",
                dates::capitalize(&dates::long_date(*date)),
                dates::time_range(start, end)
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// « du mardi 3 au jeudi 5 mars 2026 », or empty without dates.
pub(super) fn when(data: &ProgrammeData) -> String {
    event_dates(data)
        .map(|(start, end)| dates::date_range(start, end))
        .unwrap_or_default()
}

/// The part of a convocation after the participant's block, the same for everyone.
fn shared_body(letter: &Letter, data: &ProgrammeData, options: &ConvocationOptions) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let when = when(data);
    let mut intro = format!(
        "Nous avons le plaisir de vous confirmer votre inscription à « {} »",
        display_title(data)
    );
    if !when.is_empty() {
        intro.push_str(&format!(", qui se tiendra {when}"));
    }
    intro.push_str(". Vous êtes attendu(e) aux dates, lieu et horaires ci-dessous.");
    chunks.extend(letter.spans(&[Span::regular("Madame, Monsieur,")]));
    chunks.extend(letter.spans(&[Span::regular(french(&intro))]));
    chunks.push(letter.layout.spacer(4.0));
    chunks.extend(letter.facts(&[
        ("Dates", dates::capitalize(&when)),
        ("Lieu", place(data)),
        ("Horaires", daily_times(data)),
    ]));
    chunks.extend(letter.section_text("Le programme en bref", &data.summary));
    chunks.extend(letter.section_text("Modalités d'accès", &data.access_terms));
    chunks.extend(letter.section_text("À apporter", &options.what_to_bring));
    chunks.extend(letter.section_text("Accessibilité", &data.accessibility));
    let contact = [
        data.contact_name.trim(),
        data.contact_email.trim(),
        data.contact_phone.trim(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" – ");
    chunks.extend(letter.section_text("Contact", &contact));
    chunks.push(letter.layout.spacer(8.0));
    chunks.extend(letter.spans(&[Span::regular(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    )]));
    let signer: Vec<String> = [
        options.signatory.name.trim(),
        options.signatory.title.trim(),
        organiser(data, &options.organiser).trim(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| french(s))
    .collect();
    if let Some((name, rest)) = signer.split_first() {
        chunks.push(letter.layout.spacer(6.0));
        let mut spans = vec![Span::bold(name.clone())];
        for line in rest {
            spans.push(Span::regular(format!("\n{line}")));
        }
        chunks.extend(letter.layout.paragraph(&spans, letter.styles.body, 0.0));
    }
    chunks
}

/// The participant's block: « Convocation de Marie Dupont, Ville de Kehl ».
fn addressee(letter: &Letter, person: &Person) -> Vec<Chunk> {
    letter.facts(&[
        ("Participant(e)", person.full_name()),
        ("Employeur", person.employer.clone()),
        ("Fonction", person.job_title.clone()),
    ])
}

fn layout(
    letter: &Letter,
    data: &ProgrammeData,
    people: &[Person],
    options: &ConvocationOptions,
) -> Paginated {
    let head = letter.heading(
        &organiser(data, &options.organiser),
        "CONVOCATION",
        &display_title(data),
    );
    let body = shared_body(letter, data, options);
    let mut letters = Letters::new();
    for person in people {
        let mut chunks = head.clone();
        chunks.extend(addressee(letter, person));
        chunks.extend(body.iter().cloned());
        letters.push(letter, &person.full_name(), chunks);
    }
    letters.finish(
        letter,
        &display_title(data),
        data.code.trim(),
        "Convocation",
    )
}

fn info(data: &ProgrammeData, options: &ConvocationOptions, who: &str) -> PdfInfo {
    let title = display_title(data).replace(['\u{a0}', '\u{202f}'], " ");
    PdfInfo {
        title: format!("Convocation{who} – {title}"),
        author: author(data, &None),
        subject: format!("Convocation – {title}"),
        keywords: [data.code.trim(), "convocation"]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    }
}

/// Checks what every set of letters needs: sound session times and someone to write to.
pub(super) fn check(data: &ProgrammeData, people: usize) -> Result<(), DocumentError> {
    check_sessions(&data.sessions)?;
    if people == 0 {
        return Err(DocumentError::NoParticipant);
    }
    Ok(())
}

/// All the convocations in one PDF, one letter per person in the order given.
pub fn render_convocations(
    data: &ProgrammeData,
    people: &[Person],
    options: &ConvocationOptions,
) -> Result<Vec<u8>, DocumentError> {
    check(data, people.len())?;
    let fonts = font_set()?;
    let letter = Letter::new(fonts);
    let pages = layout(&letter, data, people, options);
    write_pdf(fonts, &PageSetup::a4(), &pages, &info(data, options, "s"))
}

/// One PDF per person, named "Convocation - CODE - Marie Dupont.pdf".
pub fn render_convocations_each(
    data: &ProgrammeData,
    people: &[Person],
    options: &ConvocationOptions,
) -> Result<Vec<PersonalPdf>, DocumentError> {
    check(data, people.len())?;
    let fonts = font_set()?;
    let letter = Letter::new(fonts);
    people
        .iter()
        .map(|person| {
            let pages = layout(&letter, data, std::slice::from_ref(person), options);
            let name = person.full_name();
            let who = format!(" de {name}");
            Ok(PersonalPdf {
                file_name: personal_file_name("Convocation", &data.code, &name),
                pdf: write_pdf(fonts, &PageSetup::a4(), &pages, &info(data, options, &who))?,
            })
        })
        .collect()
}
