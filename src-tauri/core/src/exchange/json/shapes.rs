//! The exchange file as serde types: one list per kind of record, in the file's order; each
//! record its identity and times, then the fields of its form. Keys are camelCase, links are
//! ids; reference records carry their `referenceKey`.

use serde::{Deserialize, Serialize};

use crate::model::*;

/// One record of the file: identity and times, then the fields of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Record<C> {
    pub(super) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) reference_key: Option<String>,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    pub(super) version: i64,
    #[serde(flatten)]
    pub(super) content: C,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CompetenceContent {
    #[serde(default)]
    pub(super) profession_id: String,
    #[serde(flatten)]
    pub(super) data: CompetenceInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ObservationContent {
    #[serde(default)]
    pub(super) competence_id: String,
    #[serde(flatten)]
    pub(super) data: ObservationInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SessionContent {
    #[serde(default)]
    pub(super) event_id: String,
    #[serde(flatten)]
    pub(super) data: SessionInput,
}

/// A training request: the form's fields (its organisations inside), then its dated status
/// history. Its events are not listed: each event carries its `requestId`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RequestContent {
    #[serde(flatten)]
    pub(super) data: TrainingRequestInput,
    #[serde(default)]
    pub(super) history: Vec<RequestStatusChange>,
}

/// A participant of an event: the form's fields (special needs included: they are the user's
/// data), when it entered its status (the waiting list's order), whether its personal data was
/// anonymised, and its attendance sorted by date and half-day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ParticipantContent {
    #[serde(default)]
    pub(super) event_id: String,
    #[serde(flatten)]
    pub(super) data: ParticipantInput,
    #[serde(default)]
    pub(super) status_since: String,
    #[serde(default)]
    pub(super) anonymised: bool,
    #[serde(default)]
    pub(super) attendance: Vec<AttendanceCell>,
}

/// One half-day of a participant's attendance.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct AttendanceCell {
    pub(super) date: String,
    pub(super) part: String,
    pub(super) mark: String,
}

/// Profession families and Interreg programmes are read-only lists shipped with the
/// application: they have no times or version, and are only ever added, never overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct FamilyRecord {
    pub(super) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) reference_key: Option<String>,
    #[serde(default)]
    pub(super) label: String,
    #[serde(default)]
    pub(super) level: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct ProgrammeRecord {
    pub(super) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) reference_key: Option<String>,
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) period: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) french_perimeter: String,
    #[serde(default)]
    pub(super) notes: String,
}

/// Every list of the file, in the file's order.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Lists {
    pub(super) organisations: Vec<Record<OrganisationInput>>,
    pub(super) territories: Vec<Record<TerritoryInput>>,
    pub(super) themes: Vec<Record<ThemeInput>>,
    pub(super) profession_families: Vec<FamilyRecord>,
    pub(super) interreg_programmes: Vec<ProgrammeRecord>,
    pub(super) professions: Vec<Record<ProfessionInput>>,
    pub(super) competences: Vec<Record<CompetenceContent>>,
    pub(super) competence_observations: Vec<Record<ObservationContent>>,
    pub(super) experts: Vec<Record<ExpertInput>>,
    /// Left out when empty, so files without requests keep the shape format 1 always had.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) training_requests: Vec<Record<RequestContent>>,
    pub(super) events: Vec<Record<EventInput>>,
    pub(super) sessions: Vec<Record<SessionContent>>,
    /// Left out when empty, like the training requests.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) participants: Vec<Record<ParticipantContent>>,
    /// Left out when empty, like the training requests.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) resources: Vec<Record<super::kinds::ResourceContent>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) legal_notes: Vec<Record<LegalNoteInput>>,
    /// The team sharing's revision of each record (document id → revision ids, newest first),
    /// so that a file and the server agree afterwards (`crate::sync::exchange_file`); left out
    /// when the database has none (it never shared).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub(super) revisions: crate::sync::FileRevisions,
    /// The contents of the files attached to resources, one per SHA-256, in SHA-256 order
    /// (`files.rs`); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) files: Vec<super::files::FileEntry>,
}

pub(super) const LIST_NAMES: &[&str] = &[
    "organisations",
    "territories",
    "themes",
    "professionFamilies",
    "interregProgrammes",
    "professions",
    "competences",
    "competenceObservations",
    "experts",
    "trainingRequests",
    "events",
    "sessions",
    "participants",
    "resources",
    "legalNotes",
    "revisions",
    "files",
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ExchangeFile<'a> {
    pub(super) format: &'static str,
    pub(super) format_version: u32,
    #[serde(flatten)]
    pub(super) lists: &'a Lists,
}

/// A record's id and reference key, whatever its kind: what matching and the duplicate checks
/// look at.
pub(super) trait Keyed {
    fn id(&self) -> &str;
    fn reference_key(&self) -> Option<&str>;
}

impl<C> Keyed for Record<C> {
    fn id(&self) -> &str {
        &self.id
    }
    fn reference_key(&self) -> Option<&str> {
        self.reference_key.as_deref()
    }
}

impl Keyed for FamilyRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn reference_key(&self) -> Option<&str> {
        self.reference_key.as_deref()
    }
}

impl Keyed for ProgrammeRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn reference_key(&self) -> Option<&str> {
        self.reference_key.as_deref()
    }
}

/// (id, reference key) of each record, in order.
pub(super) fn keys_of<R: Keyed>(records: &[R]) -> Vec<(&str, Option<&str>)> {
    records
        .iter()
        .map(|r| (r.id(), r.reference_key()))
        .collect()
}

pub(super) fn meta_of<C>(record: &Record<C>) -> RecordMeta {
    RecordMeta {
        id: record.id.clone(),
        created_at: record.created_at.clone(),
        updated_at: record.updated_at.clone(),
        version: record.version,
    }
}

pub(super) fn record_of<C>(
    meta: RecordMeta,
    reference_key: Option<String>,
    content: C,
) -> Record<C> {
    Record {
        id: meta.id,
        reference_key,
        created_at: meta.created_at,
        updated_at: meta.updated_at,
        version: meta.version,
        content,
    }
}
