//! Printing a programme « à envoyer »: it gets the next version number and today's date, is
//! rendered, and is recorded with what changed in its agenda since the previous version and
//! the PDF itself, so that any version can be printed again byte for byte.
//!
//! As the other documents, in steps that let the shell hold the store's lock only to read and
//! to write: [`VersionJob::read`], [`VersionJob::render`] (no store), [`VersionJob::record`].

use chrono::NaiveDate;

use super::programme_data::programme_source;
use crate::agenda::parse_iso_date;
use crate::documents::{dates, render_programme, ProgrammeData, ProgrammeOptions};
use crate::error::CoreResult;
use crate::model::{PartnerLanguage, PrintedSession, ProgrammeVersion, VersionChange};
use crate::store::{NewProgrammeVersion, Store};

/// A programme version read and numbered, ready to render and record.
#[derive(Debug, Clone)]
pub struct VersionJob {
    pub event_id: String,
    pub data: ProgrammeData,
    pub printed: Vec<PrintedSession>,
    pub changes: Vec<VersionChange>,
}

impl VersionJob {
    /// Reads the programme as version N+1 dated `today`, and what changed since version N.
    pub fn read(
        store: &Store,
        event_id: &str,
        language: Option<PartnerLanguage>,
        today: NaiveDate,
    ) -> CoreResult<VersionJob> {
        let (number, previous) = store.last_programme_version(event_id)?;
        let source = programme_source(store, event_id, Some(today), language)?;
        let printed = printed_sessions(&source.agenda);
        let mut data = source.data;
        data.version_number = Some(u32::try_from(number).unwrap_or(u32::MAX));
        let changes = changes_between(previous.as_deref(), &printed);
        Ok(VersionJob {
            event_id: event_id.to_string(),
            data,
            printed,
            changes,
        })
    }

    /// The PDF of this version. Needs no store.
    pub fn render(&self) -> CoreResult<Vec<u8>> {
        Ok(render_programme(&self.data, &ProgrammeOptions::default())?)
    }

    /// Records the version with the PDF `render` gave.
    pub fn record(&self, store: &mut Store, pdf: &[u8]) -> CoreResult<ProgrammeVersion> {
        let version_date = self
            .data
            .version_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let language = self.data.partner.as_ref().map_or("", |p| p.language.code());
        store.record_programme_version(&NewProgrammeVersion {
            event_id: &self.event_id,
            number: i64::from(self.data.version_number.unwrap_or(1)),
            version_date: &version_date,
            language,
            changes: &self.changes,
            printed: &self.printed,
            pdf,
        })
    }

    /// "Programme - CODE - Title - version N.pdf".
    pub fn file_name(&self) -> String {
        let n = self.data.version_number.unwrap_or(1);
        version_file_name(&self.data.code, &self.data.title, i64::from(n))
    }
}

/// "Programme - CODE - Title - version N.pdf".
pub fn version_file_name(code: &str, title: &str, number: i64) -> String {
    let name = super::suggested_file_name("Programme", code, title);
    format!("{} - version {number}.pdf", name.trim_end_matches(".pdf"))
}

/// Reads, renders and records the next version in one go (the command line).
pub fn send_programme(
    store: &mut Store,
    event_id: &str,
    language: Option<PartnerLanguage>,
    today: NaiveDate,
) -> CoreResult<(ProgrammeVersion, Vec<u8>)> {
    let job = VersionJob::read(store, event_id, language, today)?;
    let pdf = job.render()?;
    let version = job.record(store, &pdf)?;
    Ok((version, pdf))
}

fn printed_sessions(agenda: &crate::agenda::EventAgenda) -> Vec<PrintedSession> {
    agenda
        .sessions()
        .map(|item| {
            let d = &item.session.data;
            PrintedSession {
                id: item.session.meta.id.clone(),
                date: d.date.clone(),
                start_time: d.start_time.clone(),
                end_time: d.end_time.clone(),
                title: d.title.trim().to_string(),
                speakers: item
                    .speaker_details
                    .iter()
                    .map(|s| s.name.clone())
                    .collect(),
            }
        })
        .collect()
}

/// « mardi 16 mars, 9 h 00 » (the date as typed when it cannot be read).
fn when(s: &PrintedSession) -> String {
    let day = parse_iso_date(&s.date).map_or_else(|| s.date.clone(), dates::day_month);
    let time =
        crate::agenda::parse_clock(&s.start_time).map_or_else(|| s.start_time.clone(), dates::time);
    format!("{day}, {time}").replace(['\u{a0}', '\u{202f}'], " ")
}

fn change(kind: &str, session: &PrintedSession, message: String) -> VersionChange {
    VersionChange {
        kind: kind.to_string(),
        session_id: session.id.clone(),
        message,
    }
}

/// What changed in the agenda between two versions, in agenda order: sessions added,
/// removed, moved (date or times), renamed, speakers changed.
pub fn changes_between(
    previous: Option<&[PrintedSession]>,
    current: &[PrintedSession],
) -> Vec<VersionChange> {
    let Some(previous) = previous else {
        return vec![VersionChange {
            kind: "first".into(),
            session_id: String::new(),
            message: "Première version envoyée.".into(),
        }];
    };
    let mut changes = Vec::new();
    for now in current {
        let Some(before) = previous.iter().find(|p| p.id == now.id) else {
            let message = format!("Séance ajoutée : « {} » ({}).", now.title, when(now));
            changes.push(change("added", now, message));
            continue;
        };
        if (&before.date, &before.start_time, &before.end_time)
            != (&now.date, &now.start_time, &now.end_time)
        {
            let message = format!(
                "Séance déplacée : « {} », du {} au {}.",
                now.title,
                when(before),
                when(now)
            );
            changes.push(change("moved", now, message));
        }
        if before.title != now.title {
            let message = format!(
                "Séance renommée : « {} » devient « {} ».",
                before.title, now.title
            );
            changes.push(change("renamed", now, message));
        }
        if before.speakers != now.speakers {
            let added: Vec<&str> = now
                .speakers
                .iter()
                .filter(|s| !before.speakers.contains(s))
                .map(String::as_str)
                .collect();
            let removed: Vec<&str> = before
                .speakers
                .iter()
                .filter(|s| !now.speakers.contains(s))
                .map(String::as_str)
                .collect();
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("ajout de {}", added.join(", ")));
            }
            if !removed.is_empty() {
                parts.push(format!("retrait de {}", removed.join(", ")));
            }
            if parts.is_empty() {
                parts.push("ordre modifié".to_string());
            }
            let message = format!("Intervenants de « {} » : {}.", now.title, parts.join(" ; "));
            changes.push(change("speakers", now, message));
        }
    }
    for before in previous {
        if !current.iter().any(|c| c.id == before.id) {
            let message = format!("Séance retirée : « {} » ({}).", before.title, when(before));
            changes.push(change("removed", before, message));
        }
    }
    changes
}
