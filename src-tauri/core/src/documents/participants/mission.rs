//! The speaker's mission letter (lettre de mission): the expert and their organisation, the
//! event, the sessions they speak in (date, times, title, role), the place, the conditions or
//! fees (free text, left out when empty), the contact, and two signature boxes (the speaker's
//! and the organiser's).

use chrono::{DateTime, NaiveDate, Utc};

use super::convocation::{organiser, place, when};
use super::letter::{Letter, Letters, SignatureBox};
use super::{fold, personal_file_name, Person, Signatory};
use crate::documents::fonts::font_set;
use crate::documents::layout::{Chunk, PageSetup, Para, Span, Table, TextStyle, MM, MUTED, TEXT};
use crate::documents::pdf::{write_pdf, PdfInfo};
use crate::documents::programme::{
    author, check_sessions, display_title, ProgrammeData, ProgrammeSession,
};
use crate::documents::typography::french;
use crate::documents::{dates, DocumentError};

/// What the mission letter prints besides the event and the speaker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MissionOptions {
    /// The organisation that engages the speaker; the event's first organiser when empty.
    pub organiser: String,
    /// Conditions or fees (« Intervention bénévole ; frais de déplacement remboursés sur
    /// justificatifs »); left out when empty.
    pub conditions: String,
    pub signatory: Signatory,
    /// « Fait à … »: left to fill in by hand when empty.
    pub signed_at: String,
    /// « …, le … »: today when `None`.
    pub signed_on: Option<NaiveDate>,
    /// Creation date written in the PDF; now when `None`.
    pub created: Option<DateTime<Utc>>,
}

/// The sessions `speaker` speaks in, by date and time, with their role (« Intervenant(e) » when
/// none is given). The agenda's speaker lines are matched on the name as printed in the
/// programme, case and accents aside.
pub fn speaker_sessions<'a>(
    data: &'a ProgrammeData,
    speaker: &Person,
) -> Vec<(&'a ProgrammeSession, String)> {
    let name = fold(&speaker.full_name());
    let mut list: Vec<(&ProgrammeSession, String)> = data
        .sessions
        .iter()
        .filter_map(|s| {
            let line = s.speakers.iter().find(|l| fold(&l.name) == name)?;
            let role = match line.role.trim() {
                "" => "Intervenant(e)".to_string(),
                role => role.to_string(),
            };
            Some((s, role))
        })
        .collect();
    list.sort_by_key(|(s, _)| (s.date, s.start, s.end));
    list
}

fn sessions_table(letter: &Letter, sessions: &[(&ProgrammeSession, String)]) -> Vec<Chunk> {
    let w = letter.layout.page.body_width();
    let table = Table {
        columns: vec![38.0 * MM, 30.0 * MM, w - 98.0 * MM, 30.0 * MM],
        padding: 3.0,
        grid: true,
        rule: Some(MUTED),
        fill: None,
        accent: None,
        min_row_height: 0.0,
    };
    let style = TextStyle::new(9.0, TEXT);
    let mut chunks = letter.section("Vos interventions");
    chunks.push(letter.layout.table_header(
        &table,
        &["Date", "Horaires", "Séance", "Rôle"],
        TextStyle::new(8.0, MUTED),
    ));
    for (s, role) in sessions {
        let mut title = vec![Para::new(vec![Span::bold(french(s.title.trim()))], style)];
        if !s.place.trim().is_empty() {
            let muted = TextStyle::new(8.5, MUTED);
            title.push(Para::new(
                vec![Span::regular(french(s.place.trim()))],
                muted,
            ));
        }
        let cell = |text: String| vec![Para::new(vec![Span::regular(text)], style)];
        chunks.extend(letter.layout.table_row(
            &table,
            &[
                cell(dates::capitalize(&dates::long_date(s.date))),
                cell(dates::time_range(s.start, s.end)),
                title,
                cell(french(role)),
            ],
        ));
    }
    chunks.push(letter.layout.spacer(6.0));
    chunks
}

fn body(
    letter: &Letter,
    data: &ProgrammeData,
    speaker: &Person,
    sessions: &[(&ProgrammeSession, String)],
    options: &MissionOptions,
) -> Vec<Chunk> {
    let organisation = organiser(data, &options.organiser);
    let title = display_title(data);
    let mut chunks = letter.heading(&organisation, "LETTRE DE MISSION", &title);
    let mut intro =
        format!("Nous vous remercions d'avoir accepté d'intervenir lors de « {title} »");
    let when = when(data);
    if !when.is_empty() {
        intro.push_str(&format!(", {when}"));
    }
    intro.push_str(". Cette lettre précise votre mission.");
    chunks.extend(letter.spans(&[Span::regular("Madame, Monsieur,")]));
    chunks.extend(letter.spans(&[Span::regular(french(&intro))]));
    chunks.extend(letter.facts(&[
        ("Intervenant(e)", speaker.full_name()),
        ("Fonction", speaker.job_title.clone()),
        ("Organisation", speaker.employer.clone()),
        ("Dates", dates::capitalize(&when)),
        ("Lieu", place(data)),
    ]));
    chunks.extend(sessions_table(letter, sessions));
    chunks.extend(letter.section_text("Conditions et rémunération", &options.conditions));
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
    chunks.push(letter.layout.spacer(4.0));
    chunks.extend(letter.text(
        "Merci de nous retourner un exemplaire de cette lettre daté et signé. Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    ));
    let signed_on = options
        .signed_on
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    chunks.extend(letter.done_at(&options.signed_at, signed_on));
    let speaker_box = SignatureBox::of(
        "L'intervenant(e), « lu et approuvé »",
        &Signatory {
            name: speaker.full_name(),
            title: String::new(),
        },
    );
    let mut organiser_box = SignatureBox::of("Pour l'organisateur", &options.signatory);
    organiser_box.lines.push(french(&organisation));
    chunks.push(letter.signature_boxes(&[speaker_box, organiser_box]));
    chunks
}

/// The mission letter of one speaker. Refused, naming them, when they speak in no session.
pub fn render_mission_letter(
    data: &ProgrammeData,
    speaker: &Person,
    options: &MissionOptions,
) -> Result<Vec<u8>, DocumentError> {
    check_sessions(&data.sessions)?;
    let sessions = speaker_sessions(data, speaker);
    let name = speaker.full_name();
    if sessions.is_empty() {
        return Err(DocumentError::NoMission {
            name: french(&name),
        });
    }
    let fonts = font_set()?;
    let letter = Letter::new(fonts);
    let mut letters = Letters::new();
    letters.push(
        &letter,
        &name,
        body(&letter, data, speaker, &sessions, options),
    );
    let title = display_title(data);
    let pages = letters.finish(&letter, &title, data.code.trim(), "Lettre de mission");
    let plain = title.replace(['\u{a0}', '\u{202f}'], " ");
    let info = PdfInfo {
        title: format!("Lettre de mission de {name} – {plain}"),
        author: author(data, &None),
        subject: format!("Lettre de mission – {plain}"),
        keywords: [data.code.trim(), "lettre de mission"]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        created: options.created.unwrap_or_else(Utc::now),
    };
    write_pdf(fonts, &PageSetup::a4(), &pages, &info)
}

/// "Lettre de mission - CODE - Anna Muster.pdf".
pub fn mission_file_name(data: &ProgrammeData, speaker: &Person) -> String {
    personal_file_name("Lettre de mission", &data.code, &speaker.full_name())
}
