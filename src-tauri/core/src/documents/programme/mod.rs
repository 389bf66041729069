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
//!
//! The pieces: [`schedule`] (days, durations, dates), [`shared`] (what the attendance sheets
//! reuse: styles, title block, author), [`sections`] (key facts, text sections, speakers) and
//! [`agenda`] (the day-by-day table).

mod agenda;
mod facts;
mod partner;
mod schedule;
mod sections;
mod shared;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::dates;
use super::fonts::{font_set, FontSet};
use super::layout::{Flow, Layout, PageSetup, Paginated};
use super::library::{resources_section, PrintedResource};
use super::pdf::{write_pdf, PdfInfo};
use super::DocumentError;
use crate::model::{EventTranslation, PartnerLanguage, SessionKind};

pub use schedule::{agenda_days, training_days, training_minutes};
pub(crate) use schedule::{check_sessions, event_dates};
pub(crate) use shared::{author, display_title, title_block, Styles};

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
    /// Printed under the French in a bilingual programme.
    #[serde(default)]
    pub title_partner: String,
    #[serde(default)]
    pub description_partner: String,
}

/// A speaker of the "Intervenants" section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSpeaker {
    pub name: String,
    pub job_title: String,
    pub organisation: String,
    pub bio: String,
    /// The speaker's biography in the programme's partner language, if they gave one.
    #[serde(default)]
    pub bio_partner: String,
}

/// The second language of a bilingual programme and the event's texts in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammePartner {
    pub language: PartnerLanguage,
    pub texts: EventTranslation,
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
    /// The number of the version sent out (« Version 2 du … »); a draft has none.
    pub version_number: Option<u32>,
    /// Set for a bilingual programme: each text is followed by its partner-language version.
    pub partner: Option<ProgrammePartner>,
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
    /// The optional « Ressources » section (the event's resources), printed last when not
    /// empty; the print job fills it only when asked. Left out of the JSON when empty, so that
    /// the programme versions recorded before it keep their bytes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<PrintedResource>,
}

/// Choices that are not part of the event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgrammeOptions {
    /// Creation date written in the PDF; now when `None` (tests fix it).
    pub created: Option<DateTime<Utc>>,
    /// PDF author; the first organiser (or "Passerelle") when `None`.
    pub author: Option<String>,
}

/// Lays the programme out into pages (exposed for tests and for the benchmark).
pub fn layout_programme(fonts: &FontSet, data: &ProgrammeData) -> Result<Paginated, DocumentError> {
    check_sessions(&data.sessions)?;
    let layout = Layout::new(fonts, PageSetup::a4());
    let styles = Styles::new();
    let mut flow = Flow::new();
    let version = data
        .version_date
        .unwrap_or_else(|| chrono::Local::now().date_naive());

    let partner = partner::Partner::of(data.partner.as_ref());

    flow.push(title_block(&layout, &styles, data));
    flow.push(sections::version_line(
        &layout, &styles, data, version, partner,
    ));
    flow.push(sections::key_facts_box(&layout, data, partner));
    sections::before_agenda(&mut flow, &layout, &styles, data, partner);
    agenda::agenda(&mut flow, &layout, &styles, data, partner);
    sections::after_agenda(&mut flow, &layout, &styles, data, partner);
    let resources_title = partner::heading(partner, "Ressources", |l| l.resources);
    resources_section(
        &mut flow,
        &layout,
        &styles,
        &resources_title,
        &data.resources,
    );

    let mut paginated = flow.paginate(&layout.page);
    let document = match partner {
        Some(p) => format!("Programme de formation / {}", p.labels.document),
        None => "Programme de formation".to_string(),
    };
    let version_text = sections::version_text(data, version);
    layout.running_texts(
        &mut paginated.pages,
        &display_title(data),
        data.code.trim(),
        &format!(
            "{document} – {}",
            version_text.replacen("Version", "version", 1)
        ),
    );
    Ok(paginated)
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
