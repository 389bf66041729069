//! The whole database as one JSON exchange file, and its import with merge: two colleagues
//! exchange their data after a mission, without a server.
//!
//! # The file
//!
//! `{"format": "passerelle-echange", "formatVersion": 1, "organisations": […], …}` with one list
//! per kind of record (organisations, territories, themes, profession families, Interreg
//! programmes, professions, competences, competence observations, experts, events, sessions).
//! Every record carries its UUID, `createdAt`, `updatedAt` and `version`; links are ids;
//! reference records carry their `referenceKey`. The output is deterministic, so exporting,
//! importing into an empty database and exporting again gives the same bytes: lists sorted by
//! id, keys in a fixed order, links that are sets sorted, ordered links (languages, organisers,
//! speakers) in their order, pretty-printed with a final newline, and no export time.
//!
//! # Reference records
//!
//! Each database loads the reference data under its own random UUIDs, so the same shipped
//! record ("mot", "fr-de-border"…) has different ids on two laptops. On import, a file record
//! whose id is unknown here but whose reference key is known is the same record: the local one
//! takes the file's id (every link to it follows, in the same transaction), then it is merged
//! like any other. After one exchange both sides share the ids, and a file imported into a
//! fresh database exports back unchanged. (Exporting reference records by key without ids was
//! the alternative; it would make links in the file a mix of ids and keys.)
//!
//! # Merge
//!
//! Nothing is deleted: records missing from the file are kept. For a record on both sides the
//! import needs to know which side changed it, so the database keeps, per record, the
//! fingerprint (a hash of its content, with links to reference records written by key so that
//! re-keying does not change it) it had when last exchanged — written at export and at import
//! (table `exchange_bases`). Then:
//! - same content on both sides: unchanged;
//! - a shipped reference record never edited here (version 1, never exchanged): the file's
//!   version is taken, with its times, so both databases agree;
//! - no base (never exchanged) and a shipped reference record never edited in the file
//!   (version 1): ours is kept;
//! - otherwise no base: a conflict (safe default: the user decides);
//! - changed here only (the file's content is the base): ours is kept;
//! - changed in the file only: the file's is taken, provided its version is higher than ours.
//!   A lower or equal version means the file's record did not grow from ours (for instance we
//!   exported, the colleague never imported that file and edited their older copy), so it is
//!   a conflict instead of a silent loss;
//! - changed on both sides: a conflict.
//!
//! Each conflict is resolved by the user, record by record: "keep mine" or "take the file's"
//! ([`JsonImportChoices::take_incoming`]). Keeping mine counts as a new edit (its version goes
//! above both), so that the colleague's next import takes it. After an import every record of
//! the file has the fingerprint of the file's content as its base.
//!
//! Limits: the base is one per record, not one per colleague. With three or more people
//! exchanging crosswise, a record can come back from someone who never saw our last change; the
//! version rule above turns most such cases into conflicts, not all. A deletion is not carried
//! over: a record deleted here comes back if a colleague's file still has it.
//!
//! # Checks
//!
//! The file is refused as a whole, with a French message naming the record, when it is too
//! large, truncated, not text, not JSON, JSON of another kind, of a newer format version, has
//! duplicated ids or reference keys or event codes, unknown fields, invalid values (the same
//! rules as the forms, [`crate::validation`]), links to records that exist neither in the file
//! nor here, or when the merged result would break a rule (a session outside its event's dates,
//! two events with one code). Everything is written in one transaction, or nothing.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::store::snapshot::{self, Base, Changes, ReferenceTable, Rekey, Snapshot};
use crate::validation::{
    check_competence, check_event, check_expert, check_observation, check_organisation,
    check_profession, check_session, check_territory, check_theme, parse_date,
};
use crate::Store;

/// The file's format name, its first key.
pub const FORMAT_NAME: &str = "passerelle-echange";

/// The format version this build writes and the highest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before being read: a database of 10,000 experts, 2,000
/// events and 40,000 sessions exports to about 37 MB, so this leaves room for three times
/// that, while keeping the parsed file within a laptop's memory.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Public shapes

/// What an import would do, shown before the user confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonImportPreview {
    pub format_version: u32,
    /// Records of the file that are new here.
    pub added: usize,
    /// Records changed in the file only: the file's version will be taken.
    pub updated: usize,
    pub unchanged: usize,
    /// Records changed here only: ours are kept.
    pub kept_local: usize,
    /// Records changed on both sides: the user chooses.
    pub conflicts: Vec<MergeConflict>,
}

/// A record changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeConflict {
    /// "organisation", "territory", "theme", "profession", "competence", "observation",
    /// "expert", "event" or "session".
    pub entity: String,
    /// The kind in French: "Expert", "Événement"…
    pub entity_label: String,
    /// The record's id (the file's), to name in [`JsonImportChoices::take_incoming`].
    pub id: String,
    /// The record as users know it: "Anna Schäfer", "Séminaire Mobilité (SEM-2026)"…
    pub label: String,
    pub local_updated_at: String,
    pub incoming_updated_at: String,
    /// French names of the fields that differ.
    pub fields: Vec<String>,
}

/// The user's choice for each conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JsonImportChoices {
    /// Ids of the conflicts where the file's version wins; every other conflict keeps ours.
    pub take_incoming: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept_local: usize,
    pub conflicts_taken_from_file: usize,
    pub conflicts_kept_local: usize,
}

// ---------------------------------------------------------------------------------------------
// The file's records

/// One record of the file: identity and times, then the fields of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record<C> {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_key: Option<String>,
    created_at: String,
    updated_at: String,
    version: i64,
    #[serde(flatten)]
    content: C,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompetenceContent {
    #[serde(default)]
    profession_id: String,
    #[serde(flatten)]
    data: CompetenceInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ObservationContent {
    #[serde(default)]
    competence_id: String,
    #[serde(flatten)]
    data: ObservationInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionContent {
    #[serde(default)]
    event_id: String,
    #[serde(flatten)]
    data: SessionInput,
}

/// Profession families and Interreg programmes are read-only lists shipped with the
/// application: they have no times or version, and are only ever added, never overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FamilyRecord {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_key: Option<String>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    level: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProgrammeRecord {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference_key: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    french_perimeter: String,
    #[serde(default)]
    notes: String,
}

/// Every list of the file, in the file's order.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Lists {
    organisations: Vec<Record<OrganisationInput>>,
    territories: Vec<Record<TerritoryInput>>,
    themes: Vec<Record<ThemeInput>>,
    profession_families: Vec<FamilyRecord>,
    interreg_programmes: Vec<ProgrammeRecord>,
    professions: Vec<Record<ProfessionInput>>,
    competences: Vec<Record<CompetenceContent>>,
    competence_observations: Vec<Record<ObservationContent>>,
    experts: Vec<Record<ExpertInput>>,
    events: Vec<Record<EventInput>>,
    sessions: Vec<Record<SessionContent>>,
}

const LIST_NAMES: &[&str] = &[
    "organisations",
    "territories",
    "themes",
    "professionFamilies",
    "interregProgrammes",
    "professions",
    "competences",
    "competenceObservations",
    "experts",
    "events",
    "sessions",
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExchangeFile<'a> {
    format: &'static str,
    format_version: u32,
    #[serde(flatten)]
    lists: &'a Lists,
}

// ---------------------------------------------------------------------------------------------
// Links: what a record points to, and ids written by reference key

/// The lists a link can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Organisations,
    Territories,
    Themes,
    Families,
    Professions,
    Competences,
    Experts,
    Events,
}

impl Target {
    /// "la structure", for "la structure d'identifiant X n'existe…".
    fn phrase(self) -> &'static str {
        match self {
            Target::Organisations => "la structure",
            Target::Territories => "le territoire",
            Target::Themes => "la thématique",
            Target::Families => "la famille de métiers",
            Target::Professions => "le métier",
            Target::Competences => "la compétence",
            Target::Experts => "l’expert",
            Target::Events => "l’événement",
        }
    }
}

/// Per reference list, ids to replace: old id → new id when re-keying, id → "ref:KEY" when
/// computing a fingerprint.
#[derive(Debug, Default)]
struct IdMaps {
    organisations: HashMap<String, String>,
    territories: HashMap<String, String>,
    themes: HashMap<String, String>,
    families: HashMap<String, String>,
    professions: HashMap<String, String>,
}

impl IdMaps {
    fn map(&self, target: Target, id: &mut String) {
        let map = match target {
            Target::Organisations => &self.organisations,
            Target::Territories => &self.territories,
            Target::Themes => &self.themes,
            Target::Families => &self.families,
            Target::Professions => &self.professions,
            _ => return,
        };
        if let Some(other) = map.get(id.as_str()) {
            id.clone_from(other);
        }
    }

    fn map_all(&self, target: Target, ids: &mut [String]) {
        for id in ids {
            self.map(target, id);
        }
    }

    fn is_empty(&self) -> bool {
        self.organisations.is_empty()
            && self.territories.is_empty()
            && self.themes.is_empty()
            && self.families.is_empty()
            && self.professions.is_empty()
    }
}

fn sort_set(ids: &mut Vec<String>) {
    ids.sort_unstable();
    ids.dedup();
}

// ---------------------------------------------------------------------------------------------
// The kinds of records

trait Kind {
    type Content: Serialize + DeserializeOwned + Clone + Default + PartialEq + std::fmt::Debug;
    type Model;
    /// The file's list name.
    const LIST: &'static str;
    /// The table, also the `exchange_bases` entity.
    const TABLE: &'static str;
    const ENTITY: &'static str;
    const ENTITY_LABEL: &'static str;
    const REFERENCE: Option<ReferenceTable>;
    /// Whether the content links to reference records (whose ids differ between databases).
    const REFERENCE_LINKS: bool = false;
    /// The fields in form order with their French names, for the conflicts' list.
    const FIELDS: &'static [(&'static str, &'static str)];

    fn label(content: &Self::Content) -> String;
    fn check(content: &Self::Content) -> CoreResult<()>;
    fn links(content: &Self::Content) -> Vec<(Target, &str, &'static str)>;
    /// Replaces the ids of reference records and sorts the links that are sets.
    fn map_ids(_content: &mut Self::Content, _maps: &IdMaps) {}
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>>;
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>>;
    fn from_model(model: Self::Model) -> Record<Self::Content>;
    fn into_model(record: Record<Self::Content>) -> Self::Model;
    fn models(changes: &mut Snapshot) -> &mut Vec<Self::Model>;
    fn plan(plans: &Plans) -> &ListPlan<Self::Content>;
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content>;
}

fn meta_of<C>(record: &Record<C>) -> RecordMeta {
    RecordMeta {
        id: record.id.clone(),
        created_at: record.created_at.clone(),
        updated_at: record.updated_at.clone(),
        version: record.version,
    }
}

fn record_of<C>(meta: RecordMeta, reference_key: Option<String>, content: C) -> Record<C> {
    Record {
        id: meta.id,
        reference_key,
        created_at: meta.created_at,
        updated_at: meta.updated_at,
        version: meta.version,
        content,
    }
}

struct Organisations;
impl Kind for Organisations {
    type Content = OrganisationInput;
    type Model = Organisation;
    const LIST: &'static str = "organisations";
    const TABLE: &'static str = "organisations";
    const ENTITY: &'static str = "organisation";
    const ENTITY_LABEL: &'static str = "Structure";
    const REFERENCE: Option<ReferenceTable> = Some(ReferenceTable::Organisations);
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("name", "Nom"),
        ("acronym", "Sigle"),
        ("kind", "Type de structure"),
        ("address", "Adresse"),
        ("city", "Ville"),
        ("country", "Pays"),
        ("website", "Site internet"),
        ("email", "Adresse électronique"),
        ("phone", "Téléphone"),
        ("notes", "Notes"),
    ];
    fn label(c: &Self::Content) -> String {
        c.name.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_organisation(c)
    }
    fn links(_: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        Vec::new()
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.organisations
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.organisations
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, m.reference_key, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Organisation {
            meta: meta_of(&r),
            reference_key: r.reference_key,
            data: r.content,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.organisations
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.organisations
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.organisations
    }
}

struct Territories;
impl Kind for Territories {
    type Content = TerritoryInput;
    type Model = Territory;
    const LIST: &'static str = "territories";
    const TABLE: &'static str = "territories";
    const ENTITY: &'static str = "territory";
    const ENTITY_LABEL: &'static str = "Territoire";
    const REFERENCE: Option<ReferenceTable> = Some(ReferenceTable::Territories);
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("name", "Nom"),
        ("kind", "Type de territoire"),
        ("countries", "Pays concernés"),
        ("notes", "Notes"),
    ];
    fn label(c: &Self::Content) -> String {
        c.name.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_territory(c)
    }
    fn links(_: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        Vec::new()
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.territories
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.territories
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, m.reference_key, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Territory {
            meta: meta_of(&r),
            reference_key: r.reference_key,
            data: r.content,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.territories
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.territories
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.territories
    }
}

struct Themes;
impl Kind for Themes {
    type Content = ThemeInput;
    type Model = Theme;
    const LIST: &'static str = "themes";
    const TABLE: &'static str = "themes";
    const ENTITY: &'static str = "theme";
    const ENTITY_LABEL: &'static str = "Thématique";
    const REFERENCE: Option<ReferenceTable> = Some(ReferenceTable::Themes);
    const FIELDS: &'static [(&'static str, &'static str)] =
        &[("label", "Libellé"), ("labelEn", "Libellé en anglais")];
    fn label(c: &Self::Content) -> String {
        c.label.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_theme(c)
    }
    fn links(_: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        Vec::new()
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.themes
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.themes
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, m.reference_key, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Theme {
            meta: meta_of(&r),
            reference_key: r.reference_key,
            data: r.content,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.themes
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.themes
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.themes
    }
}

struct Professions;
impl Kind for Professions {
    const REFERENCE_LINKS: bool = true;
    type Content = ProfessionInput;
    type Model = Profession;
    const LIST: &'static str = "professions";
    const TABLE: &'static str = "professions";
    const ENTITY: &'static str = "profession";
    const ENTITY_LABEL: &'static str = "Métier";
    const REFERENCE: Option<ReferenceTable> = Some(ReferenceTable::Professions);
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("title", "Intitulé"),
        ("familyId", "Famille de métiers"),
        ("code", "Code"),
        ("description", "Description"),
    ];
    fn label(c: &Self::Content) -> String {
        c.title.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_profession(c)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        c.family_id
            .iter()
            .map(|id| (Target::Families, id.as_str(), "Famille de métiers"))
            .collect()
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        if let Some(id) = &mut c.family_id {
            maps.map(Target::Families, id);
        }
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.professions
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.professions
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, m.reference_key, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Profession {
            meta: meta_of(&r),
            reference_key: r.reference_key,
            data: r.content,
            family_label: None,
            competences: Vec::new(),
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.professions
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.professions
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.professions
    }
}

struct Competences;
impl Kind for Competences {
    const REFERENCE_LINKS: bool = true;
    type Content = CompetenceContent;
    type Model = Competence;
    const LIST: &'static str = "competences";
    const TABLE: &'static str = "competences";
    const ENTITY: &'static str = "competence";
    const ENTITY_LABEL: &'static str = "Compétence";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("professionId", "Métier"),
        ("label", "Libellé de la compétence"),
        ("description", "Description"),
    ];
    fn label(c: &Self::Content) -> String {
        c.data.label.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_competence(&c.data)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        vec![(Target::Professions, c.profession_id.as_str(), "Métier")]
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        maps.map(Target::Professions, &mut c.profession_id);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.competences
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.competences
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(
            m.meta,
            None,
            CompetenceContent {
                profession_id: m.profession_id,
                data: m.data,
            },
        )
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Competence {
            meta: meta_of(&r),
            profession_id: r.content.profession_id,
            data: r.content.data,
            observations: Vec::new(),
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.competences
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.competences
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.competences
    }
}

struct Observations;
impl Kind for Observations {
    type Content = ObservationContent;
    type Model = CompetenceObservation;
    const LIST: &'static str = "competenceObservations";
    const TABLE: &'static str = "competence_observations";
    const ENTITY: &'static str = "observation";
    const ENTITY_LABEL: &'static str = "Observation";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("competenceId", "Compétence"),
        ("year", "Année"),
        ("trend", "Tendance"),
        ("level", "Niveau requis"),
        ("source", "Source"),
        ("notes", "Notes"),
    ];
    fn label(c: &Self::Content) -> String {
        let trend = Trend::from_code(&c.data.trend)
            .map(Trend::label)
            .unwrap_or(c.data.trend.as_str());
        format!("{} — {trend}", c.data.year)
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_observation(&c.data)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        vec![(Target::Competences, c.competence_id.as_str(), "Compétence")]
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.competence_observations
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.competence_observations
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(
            m.meta,
            None,
            ObservationContent {
                competence_id: m.competence_id,
                data: m.data,
            },
        )
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        CompetenceObservation {
            meta: meta_of(&r),
            competence_id: r.content.competence_id,
            data: r.content.data,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.observations
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.competence_observations
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.competence_observations
    }
}

struct Experts;
impl Kind for Experts {
    const REFERENCE_LINKS: bool = true;
    type Content = ExpertInput;
    type Model = Expert;
    const LIST: &'static str = "experts";
    const TABLE: &'static str = "experts";
    const ENTITY: &'static str = "expert";
    const ENTITY_LABEL: &'static str = "Expert";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("lastName", "Nom"),
        ("firstName", "Prénom"),
        ("jobTitle", "Fonction"),
        ("organisationId", "Structure"),
        ("country", "Pays"),
        ("city", "Ville"),
        ("email", "Adresse électronique"),
        ("phone", "Téléphone"),
        ("languages", "Langues"),
        ("themeIds", "Thématiques"),
        ("territoryIds", "Territoires"),
        ("professionIds", "Métiers connus"),
        ("bioFr", "Biographie courte (français)"),
        ("bioOther", "Biographie dans une langue partenaire"),
        ("bioOtherLanguage", "Langue de cette biographie"),
        ("keywords", "Mots-clés"),
        ("availability", "Disponibilité"),
        ("fees", "Honoraires ou conditions"),
        ("consentDate", "Date du consentement"),
        ("consentSource", "Recueil du consentement"),
        ("reviewDate", "Date de révision"),
        ("notes", "Notes internes"),
    ];
    fn label(c: &Self::Content) -> String {
        format!("{} {}", c.first_name.trim(), c.last_name.trim())
            .trim()
            .to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_expert(c)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let mut links = Vec::new();
        if let Some(id) = &c.organisation_id {
            links.push((Target::Organisations, id.as_str(), "Structure"));
        }
        links.extend(
            c.theme_ids
                .iter()
                .map(|id| (Target::Themes, id.as_str(), "Thématiques")),
        );
        links.extend(
            c.territory_ids
                .iter()
                .map(|id| (Target::Territories, id.as_str(), "Territoires")),
        );
        links.extend(
            c.profession_ids
                .iter()
                .map(|id| (Target::Professions, id.as_str(), "Métiers connus")),
        );
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        if let Some(id) = &mut c.organisation_id {
            maps.map(Target::Organisations, id);
        }
        maps.map_all(Target::Themes, &mut c.theme_ids);
        maps.map_all(Target::Territories, &mut c.territory_ids);
        maps.map_all(Target::Professions, &mut c.profession_ids);
        sort_set(&mut c.theme_ids);
        sort_set(&mut c.territory_ids);
        sort_set(&mut c.profession_ids);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.experts
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.experts
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, None, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Expert {
            meta: meta_of(&r),
            data: r.content,
            organisation_name: None,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.experts
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.experts
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.experts
    }
}

struct Events;
impl Kind for Events {
    const REFERENCE_LINKS: bool = true;
    type Content = EventInput;
    type Model = Event;
    const LIST: &'static str = "events";
    const TABLE: &'static str = "events";
    const ENTITY: &'static str = "event";
    const ENTITY_LABEL: &'static str = "Événement";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("code", "Code"),
        ("title", "Titre"),
        ("subtitle", "Sous-titre"),
        ("kind", "Type d’événement"),
        ("status", "Statut"),
        ("startDate", "Date de début"),
        ("endDate", "Date de fin"),
        ("venue", "Lieu (établissement, salle)"),
        ("address", "Adresse"),
        ("city", "Ville"),
        ("country", "Pays"),
        ("territoryId", "Territoire"),
        ("organisers", "Organisateurs"),
        ("themeIds", "Thématiques"),
        ("targetProfessionIds", "Métiers visés"),
        ("audience", "Public visé"),
        ("objectives", "Objectifs pédagogiques"),
        ("prerequisites", "Prérequis"),
        ("summary", "Contenu (résumé)"),
        ("teachingMethods", "Méthodes pédagogiques"),
        ("evaluationMethods", "Modalités d’évaluation"),
        (
            "accessibility",
            "Accessibilité aux personnes en situation de handicap",
        ),
        ("accessibilityContact", "Contact accessibilité"),
        ("price", "Tarif ou conditions"),
        ("accessTerms", "Modalités et délai d’accès"),
        ("capacity", "Nombre de places"),
        ("languages", "Langues de travail"),
        ("interpretation", "Interprétation"),
        ("contactName", "Personne à contacter"),
        ("contactEmail", "Adresse électronique du contact"),
        ("contactPhone", "Téléphone du contact"),
        ("notes", "Notes internes"),
    ];
    fn label(c: &Self::Content) -> String {
        format!("{} ({})", c.title.trim(), c.code.trim())
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_event(c)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let mut links = Vec::new();
        if let Some(id) = &c.territory_id {
            links.push((Target::Territories, id.as_str(), "Territoire"));
        }
        links.extend(c.organisers.iter().map(|o| {
            (
                Target::Organisations,
                o.organisation_id.as_str(),
                "Organisateurs",
            )
        }));
        links.extend(
            c.theme_ids
                .iter()
                .map(|id| (Target::Themes, id.as_str(), "Thématiques")),
        );
        links.extend(
            c.target_profession_ids
                .iter()
                .map(|id| (Target::Professions, id.as_str(), "Métiers visés")),
        );
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        if let Some(id) = &mut c.territory_id {
            maps.map(Target::Territories, id);
        }
        for organiser in &mut c.organisers {
            maps.map(Target::Organisations, &mut organiser.organisation_id);
        }
        // The table keeps one row per (organisation, role): the first one wins.
        let mut seen = HashSet::new();
        c.organisers
            .retain(|o| seen.insert((o.organisation_id.clone(), o.role.clone())));
        maps.map_all(Target::Themes, &mut c.theme_ids);
        maps.map_all(Target::Professions, &mut c.target_profession_ids);
        sort_set(&mut c.theme_ids);
        sort_set(&mut c.target_profession_ids);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.events
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.events
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(m.meta, None, m.data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Event {
            meta: meta_of(&r),
            data: r.content,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.events
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.events
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.events
    }
}

struct Sessions;
impl Kind for Sessions {
    type Content = SessionContent;
    type Model = Session;
    const LIST: &'static str = "sessions";
    const TABLE: &'static str = "sessions";
    const ENTITY: &'static str = "session";
    const ENTITY_LABEL: &'static str = "Séquence";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("eventId", "Événement"),
        ("date", "Date"),
        ("startTime", "Début"),
        ("endTime", "Fin"),
        ("title", "Titre"),
        ("description", "Description"),
        ("kind", "Type de séquence"),
        ("place", "Lieu"),
        ("language", "Langue"),
        ("speakers", "Intervenants"),
    ];
    fn label(c: &Self::Content) -> String {
        let date = parse_date(&c.data.date)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| c.data.date.clone());
        format!("{} ({date} {})", c.data.title.trim(), c.data.start_time)
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        // The dates of its event are checked once the merged result is known.
        check_session(&c.data, &EventInput::default())
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let mut links = vec![(Target::Events, c.event_id.as_str(), "Événement")];
        links.extend(
            c.data
                .speakers
                .iter()
                .map(|s| (Target::Experts, s.expert_id.as_str(), "Intervenants")),
        );
        links
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.sessions
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.sessions
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        record_of(
            m.meta,
            None,
            SessionContent {
                event_id: m.event_id,
                data: m.data,
            },
        )
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        Session {
            meta: meta_of(&r),
            event_id: r.content.event_id,
            data: r.content.data,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.sessions
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.sessions
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.sessions
    }
}

/// Applies `$body` to every kind of record with metadata, in dependency order.
macro_rules! for_each_kind {
    ($mac:ident) => {
        $mac!(Organisations);
        $mac!(Territories);
        $mac!(Themes);
        $mac!(Professions);
        $mac!(Competences);
        $mac!(Observations);
        $mac!(Experts);
        $mac!(Events);
        $mac!(Sessions);
    };
}

// ---------------------------------------------------------------------------------------------
// From the database to the file

fn lists_from_snapshot(snapshot: Snapshot) -> Lists {
    let Snapshot {
        organisations,
        territories,
        themes,
        profession_families,
        interreg_programmes,
        professions,
        competences,
        observations,
        experts,
        events,
        sessions,
    } = snapshot;
    Lists {
        organisations: organisations
            .into_iter()
            .map(Organisations::from_model)
            .collect(),
        territories: territories
            .into_iter()
            .map(Territories::from_model)
            .collect(),
        themes: themes.into_iter().map(Themes::from_model).collect(),
        profession_families: profession_families
            .into_iter()
            .map(|f| FamilyRecord {
                id: f.id,
                reference_key: f.reference_key,
                label: f.label,
                level: f.level,
            })
            .collect(),
        interreg_programmes: interreg_programmes
            .into_iter()
            .map(|p| ProgrammeRecord {
                id: p.id,
                reference_key: p.reference_key,
                name: p.name,
                period: p.period,
                kind: p.kind,
                french_perimeter: p.french_perimeter,
                notes: p.notes,
            })
            .collect(),
        professions: professions
            .into_iter()
            .map(Professions::from_model)
            .collect(),
        competences: competences
            .into_iter()
            .map(Competences::from_model)
            .collect(),
        competence_observations: observations
            .into_iter()
            .map(Observations::from_model)
            .collect(),
        experts: experts.into_iter().map(Experts::from_model).collect(),
        events: events.into_iter().map(Events::from_model).collect(),
        sessions: sessions.into_iter().map(Sessions::from_model).collect(),
    }
}

/// Ids of records with a reference key → "ref:KEY" (a colon never appears in an id).
fn key_maps(lists: &[&Lists]) -> IdMaps {
    fn keyed<C>(maps: &mut HashMap<String, String>, records: &[Record<C>]) {
        for record in records {
            if let Some(key) = &record.reference_key {
                maps.insert(record.id.clone(), format!("ref:{key}"));
            }
        }
    }
    let mut maps = IdMaps::default();
    for lists in lists {
        keyed(&mut maps.organisations, &lists.organisations);
        keyed(&mut maps.territories, &lists.territories);
        keyed(&mut maps.themes, &lists.themes);
        keyed(&mut maps.professions, &lists.professions);
        for family in &lists.profession_families {
            if let Some(key) = &family.reference_key {
                maps.families
                    .insert(family.id.clone(), format!("ref:{key}"));
            }
        }
    }
    maps
}

/// The content as fingerprinted and compared: links to reference records by key.
fn canonical<K: Kind>(content: &K::Content, keys: &IdMaps) -> K::Content {
    let mut content = content.clone();
    K::map_ids(&mut content, keys);
    content
}

fn fingerprint<C: Serialize>(content: &C) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Serialising our own plain structs cannot fail; an empty hash input would only make the
    // record look changed, never lose data.
    let bytes = serde_json::to_vec(content).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let mut text = String::with_capacity(32);
    for byte in &digest[..16] {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 15)]));
    }
    text
}

/// The fingerprint of a record's content, with links to reference records by key.
fn fingerprint_of<K: Kind>(content: &K::Content, keys: &IdMaps) -> String {
    if K::REFERENCE_LINKS {
        fingerprint(&canonical::<K>(content, keys))
    } else {
        fingerprint(content)
    }
}

fn bases_of<K: Kind>(lists: &Lists, keys: &IdMaps, bases: &mut Vec<Base>) {
    for record in K::list(lists) {
        bases.push(Base {
            table: K::TABLE,
            id: record.id.clone(),
            fingerprint: fingerprint_of::<K>(&record.content, keys),
        });
    }
}

fn serialise(lists: &Lists) -> CoreResult<Vec<u8>> {
    let file = ExchangeFile {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        lists,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)
        .map_err(|error| CoreError::Io(std::io::Error::other(error)))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The whole database as an exchange file (UTF-8 JSON). Records the fingerprint of every
/// exported record as its exchange base, hence `&mut`.
pub fn export(store: &mut Store) -> CoreResult<Vec<u8>> {
    store.write(|tx| {
        let lists = lists_from_snapshot(snapshot::read_snapshot(tx)?);
        let keys = key_maps(&[&lists]);
        let mut bases = Vec::new();
        macro_rules! collect_bases {
            ($kind:ident) => {
                bases_of::<$kind>(&lists, &keys, &mut bases)
            };
        }
        for_each_kind!(collect_bases);
        let bytes = serialise(&lists)?;
        snapshot::write_bases(tx, &bases)?;
        Ok(bytes)
    })
}

// ---------------------------------------------------------------------------------------------
// Reading a file

fn too_large(size: u64) -> CoreError {
    refuse(format!(
        "Ce fichier est trop volumineux pour un import ({} Mo ; au plus {} Mo). Rien n’a été modifié.",
        size.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Refuses a file above [`MAX_FILE_BYTES`] from its size on disk, before reading it. (The CSV
/// limit, `text::MAX_IMPORT_BYTES`, is too small for a whole database.)
pub fn check_file_size(path: &std::path::Path) -> CoreResult<()> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    Ok(())
}

fn refuse(message: impl Into<String>) -> CoreError {
    CoreError::InvalidFile(message.into())
}

/// Problems found in the file's records, reported together.
fn refuse_problems(problems: Vec<String>) -> CoreError {
    const SHOWN: usize = 12;
    match problems.as_slice() {
        [only] => refuse(format!(
            "Le fichier ne peut pas être importé, rien n’a été modifié. {only}"
        )),
        _ => {
            let mut message = format!(
                "Le fichier ne peut pas être importé, rien n’a été modifié. {} problèmes :",
                problems.len()
            );
            for problem in problems.iter().take(SHOWN) {
                message.push_str("\n• ");
                message.push_str(problem);
            }
            if problems.len() > SHOWN {
                message.push_str(&format!("\n… et {} autre(s).", problems.len() - SHOWN));
            }
            refuse(message)
        }
    }
}

fn who(entity_label: &str, label: &str, id: &str) -> String {
    if label.is_empty() {
        format!("{entity_label} (identifiant {id})")
    } else {
        format!("{entity_label} « {label} » (identifiant {id})")
    }
}

/// Ids are UUIDs in practice; anything printable and short is accepted so that older or
/// hand-made files still work, but nothing that could break a line of another format.
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_meta(
    problems: &mut Vec<String>,
    name: &str,
    id: &str,
    reference_key: Option<&str>,
    times: Option<(&str, &str, i64)>,
) {
    if !valid_id(id) {
        problems.push(format!(
            "{name} : l’identifiant « {} » n’est pas valide.",
            id.chars().take(80).collect::<String>()
        ));
    }
    if let Some(key) = reference_key {
        if key.trim().is_empty() || key.chars().count() > 200 || key.chars().any(char::is_control) {
            problems.push(format!("{name} : la clé de référence n’est pas valide."));
        }
    }
    if let Some((created_at, updated_at, version)) = times {
        for (field, value) in [("createdAt", created_at), ("updatedAt", updated_at)] {
            if chrono::DateTime::parse_from_rfc3339(value).is_err() {
                problems.push(format!(
                    "{name} : « {field} » n’est pas une date et heure valide (RFC 3339)."
                ));
            }
        }
        if version < 1 {
            problems.push(format!(
                "{name} : la version doit être un nombre entier positif."
            ));
        }
    }
}

fn field_problems(error: CoreError) -> Vec<String> {
    match error {
        CoreError::Validation { fields } => fields.into_iter().map(|f| f.message).collect(),
        other => vec![other.to_string()],
    }
}

/// The keys a record of this kind may have.
fn known_keys<C: Serialize + Default>() -> HashSet<String> {
    let sample = Record {
        id: String::new(),
        reference_key: Some(String::new()),
        created_at: String::new(),
        updated_at: String::new(),
        version: 1,
        content: C::default(),
    };
    match serde_json::to_value(sample) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => HashSet::new(),
    }
}

/// A short, French description of a serde error on one record.
fn shape_problem(error: &serde_json::Error) -> String {
    let detail = error.to_string();
    if let Some(field) = detail
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        format!("le champ « {field} » manque.")
    } else {
        format!("une valeur n’a pas le type attendu ({detail}).")
    }
}

fn record_name_from_value(entity_label: &str, index: usize, item: &Value) -> String {
    match item.get("id").and_then(Value::as_str) {
        Some(id) => format!(
            "{entity_label} n° {} (identifiant {})",
            index + 1,
            id.chars().take(80).collect::<String>()
        ),
        None => format!("{entity_label} n° {}", index + 1),
    }
}

fn parse_kind<K: Kind>(
    value: Option<Value>,
    problems: &mut Vec<String>,
) -> Vec<Record<K::Content>> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(format!("la partie « {} » n’est pas une liste.", K::LIST));
            return Vec::new();
        }
    };
    let known = known_keys::<K::Content>();
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let name = record_name_from_value(K::ENTITY_LABEL, index, &item);
        let Value::Object(map) = &item else {
            problems.push(format!("{name} : ce n’est pas un objet JSON."));
            continue;
        };
        if let Some(unknown) = map.keys().find(|key| !known.contains(*key)) {
            problems.push(format!("{name} : champ inconnu « {unknown} »."));
            continue;
        }
        let mut record: Record<K::Content> = match serde_json::from_value(item) {
            Ok(record) => record,
            Err(error) => {
                problems.push(format!("{name} : {}", shape_problem(&error)));
                continue;
            }
        };
        let name = who(K::ENTITY_LABEL, &K::label(&record.content), &record.id);
        if K::REFERENCE.is_none() && record.reference_key.is_some() {
            problems.push(format!(
                "{name} : une clé de référence n’est pas attendue ici."
            ));
        }
        check_meta(
            problems,
            &name,
            &record.id,
            record.reference_key.as_deref(),
            Some((&record.created_at, &record.updated_at, record.version)),
        );
        if let Err(error) = K::check(&record.content) {
            for message in field_problems(error) {
                problems.push(format!("{name} : {message}"));
            }
        }
        // Sets are kept sorted, as the database gives them back.
        K::map_ids(&mut record.content, &IdMaps::default());
        records.push(record);
    }
    records
}

fn parse_plain<T: DeserializeOwned>(
    list: &str,
    entity_label: &str,
    value: Option<Value>,
    problems: &mut Vec<String>,
) -> Vec<T> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(format!("la partie « {list} » n’est pas une liste."));
            return Vec::new();
        }
    };
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let name = record_name_from_value(entity_label, index, &item);
        match serde_json::from_value(item) {
            Ok(record) => records.push(record),
            Err(error) => {
                let detail = error.to_string();
                let problem = match detail
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                {
                    Some(field) => format!("champ inconnu « {field} »."),
                    None => shape_problem(&error),
                };
                problems.push(format!("{name} : {problem}"));
            }
        }
    }
    records
}

/// Reads the bytes of a file as an exchange file: the checks that need nothing but the file.
fn parse(bytes: &[u8]) -> CoreResult<(u32, Lists)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse("Le fichier est vide. Rien n’a été modifié."));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(refuse(
            "Ce fichier n’est pas un fichier d’échange Passerelle : ce n’est pas du texte JSON (UTF-8). Rien n’a été modifié.",
        ));
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let starts_like_json = text.trim_start().starts_with(['{', '[']);
            return Err(refuse(if error.is_eof() && starts_like_json {
                "Le fichier est incomplet : il s’arrête avant la fin. Il a sans doute été tronqué pendant la copie ou le téléchargement ; demandez-en une nouvelle copie. Rien n’a été modifié.".to_string()
            } else if starts_like_json {
                format!(
                    "Le fichier JSON est illisible (ligne {}, colonne {}) : il a peut-être été modifié à la main ou endommagé. Rien n’a été modifié.",
                    error.line(),
                    error.column()
                )
            } else {
                "Ce fichier n’est pas un fichier d’échange Passerelle (ce n’est pas du JSON). Rien n’a été modifié.".to_string()
            }));
        }
    };
    let Value::Object(mut map) = value else {
        return Err(refuse(
            "Ce fichier JSON n’est pas un fichier d’échange Passerelle. Rien n’a été modifié.",
        ));
    };
    match map.get("format") {
        Some(Value::String(name)) if name == FORMAT_NAME => {}
        _ => {
            return Err(refuse(
                "Ce fichier JSON n’est pas un fichier d’échange Passerelle (il n’indique pas le format « passerelle-echange »). Rien n’a été modifié.",
            ))
        }
    }
    let version =
        match map.get("formatVersion").and_then(Value::as_u64) {
            Some(version) if version >= 1 => version,
            _ => return Err(refuse(
                "La version de format de ce fichier d’échange est illisible. Rien n’a été modifié.",
            )),
        };
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse(format!(
            "Ce fichier a été écrit par une version plus récente de Passerelle (format {version}) ; cette version lit le format {FORMAT_VERSION}. Installez la dernière version de Passerelle pour l’importer. Rien n’a été modifié."
        )));
    }
    let format_version = u32::try_from(version).unwrap_or(FORMAT_VERSION);
    let mut problems = Vec::new();
    for key in map.keys() {
        if key != "format" && key != "formatVersion" && !LIST_NAMES.contains(&key.as_str()) {
            problems.push(format!("partie inconnue « {key} » dans le fichier."));
        }
    }
    let mut lists = Lists {
        profession_families: parse_plain(
            "professionFamilies",
            "Famille de métiers",
            map.remove("professionFamilies"),
            &mut problems,
        ),
        interreg_programmes: parse_plain(
            "interregProgrammes",
            "Programme Interreg",
            map.remove("interregProgrammes"),
            &mut problems,
        ),
        ..Lists::default()
    };
    macro_rules! parse_list {
        ($kind:ident) => {
            *$kind::list_mut(&mut lists) =
                parse_kind::<$kind>(map.remove($kind::LIST), &mut problems)
        };
    }
    for_each_kind!(parse_list);
    for family in &lists.profession_families {
        let name = who("Famille de métiers", family.label.trim(), &family.id);
        check_meta(
            &mut problems,
            &name,
            &family.id,
            family.reference_key.as_deref(),
            None,
        );
        if family.label.trim().is_empty() {
            problems.push(format!("{name} : Le libellé est obligatoire."));
        }
    }
    for programme in &lists.interreg_programmes {
        let name = who("Programme Interreg", programme.name.trim(), &programme.id);
        check_meta(
            &mut problems,
            &name,
            &programme.id,
            programme.reference_key.as_deref(),
            None,
        );
        if programme.name.trim().is_empty() {
            problems.push(format!("{name} : Le nom est obligatoire."));
        }
    }
    check_duplicates(&lists, &mut problems);
    if problems.is_empty() {
        Ok((format_version, lists))
    } else {
        Err(refuse_problems(problems))
    }
}

/// The same id twice anywhere, the same reference key twice in a list, the same event code twice.
fn check_duplicates(lists: &Lists, problems: &mut Vec<String>) {
    fn keys_once<'a>(
        label: &str,
        items: impl Iterator<Item = (&'a str, Option<&'a str>)>,
        problems: &mut Vec<String>,
    ) {
        let mut seen = HashSet::new();
        for (id, key) in items {
            if let Some(key) = key {
                if !seen.insert(key) {
                    problems.push(format!(
                        "{label} (identifiant {id}) : la clé de référence « {key} » apparaît deux fois dans le fichier."
                    ));
                }
            }
        }
    }
    let mut all: Vec<(&str, String)> = Vec::new();
    macro_rules! ids_of {
        ($kind:ident) => {
            for r in $kind::list(lists) {
                all.push((
                    r.id.as_str(),
                    who($kind::ENTITY_LABEL, &$kind::label(&r.content), &r.id),
                ));
            }
            if $kind::REFERENCE.is_some() {
                keys_once(
                    $kind::ENTITY_LABEL,
                    $kind::list(lists)
                        .iter()
                        .map(|r| (r.id.as_str(), r.reference_key.as_deref())),
                    problems,
                );
            }
        };
    }
    for_each_kind!(ids_of);
    for f in &lists.profession_families {
        all.push((
            f.id.as_str(),
            who("Famille de métiers", f.label.trim(), &f.id),
        ));
    }
    keys_once(
        "Famille de métiers",
        lists
            .profession_families
            .iter()
            .map(|f| (f.id.as_str(), f.reference_key.as_deref())),
        problems,
    );
    for p in &lists.interreg_programmes {
        all.push((
            p.id.as_str(),
            who("Programme Interreg", p.name.trim(), &p.id),
        ));
    }
    keys_once(
        "Programme Interreg",
        lists
            .interreg_programmes
            .iter()
            .map(|p| (p.id.as_str(), p.reference_key.as_deref())),
        problems,
    );
    let mut ids: HashMap<&str, String> = HashMap::new();
    for (id, name) in all {
        match ids.get(id) {
            Some(first) => problems.push(format!(
                "l’identifiant {id} apparaît deux fois dans le fichier : {first} et {name}."
            )),
            None => {
                ids.insert(id, name);
            }
        }
    }
    let mut codes: HashMap<String, &Record<EventInput>> = HashMap::new();
    for event in &lists.events {
        let code = event.content.code.trim().to_string();
        if let Some(first) = codes.get(&code) {
            problems.push(format!(
                "le code d’événement « {code} » apparaît deux fois dans le fichier : {} et {}.",
                who("Événement", &Events::label(&first.content), &first.id),
                who("Événement", &Events::label(&event.content), &event.id)
            ));
        } else {
            codes.insert(code, event);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Planning the merge

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    /// Changed in the file only: the file's record is written.
    Updated,
    /// Same content. `adopt_meta`: a shipped reference record never edited here takes the
    /// file's times and version, so that both databases agree byte for byte.
    Unchanged {
        adopt_meta: bool,
    },
    KeptLocal,
    Conflict,
}

#[derive(Debug)]
struct Item<C> {
    incoming: Record<C>,
    /// Fingerprint of the file's content.
    fingerprint: String,
    /// The local record, with its final id and links.
    local: Option<Record<C>>,
    /// Canonical contents differ in these French-named fields (conflicts only).
    fields: Vec<String>,
    outcome: Outcome,
}

#[derive(Debug)]
struct ListPlan<C> {
    items: Vec<Item<C>>,
    /// Every local record, with its final id and links.
    local: Vec<Record<C>>,
}

impl<C> Default for ListPlan<C> {
    fn default() -> Self {
        ListPlan {
            items: Vec::new(),
            local: Vec::new(),
        }
    }
}

#[derive(Debug, Default)]
struct Plans {
    organisations: ListPlan<OrganisationInput>,
    territories: ListPlan<TerritoryInput>,
    themes: ListPlan<ThemeInput>,
    professions: ListPlan<ProfessionInput>,
    competences: ListPlan<CompetenceContent>,
    competence_observations: ListPlan<ObservationContent>,
    experts: ListPlan<ExpertInput>,
    events: ListPlan<EventInput>,
    sessions: ListPlan<SessionContent>,
}

#[derive(Debug)]
struct Plan {
    format_version: u32,
    rekeys: Vec<Rekey>,
    families_added: Vec<FamilyRecord>,
    programmes_added: Vec<ProgrammeRecord>,
    /// Families and programmes already here.
    plain_unchanged: usize,
    plans: Plans,
}

type Bases = HashMap<(String, String), String>;

/// For each record of the file, the local record it is (by id, else by reference key).
fn match_records(
    incoming: &[(&str, Option<&str>)],
    local: &[(&str, Option<&str>)],
    name: impl Fn(usize) -> String,
    problems: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let by_id: HashMap<&str, usize> = local
        .iter()
        .enumerate()
        .map(|(index, (id, _))| (*id, index))
        .collect();
    let by_key: HashMap<&str, usize> = local
        .iter()
        .enumerate()
        .filter_map(|(index, (_, key))| key.map(|key| (key, index)))
        .collect();
    let mut claimed: HashMap<usize, usize> = HashMap::new();
    let mut matches = Vec::with_capacity(incoming.len());
    for (position, (id, key)) in incoming.iter().enumerate() {
        let found = if let Some(&index) = by_id.get(id) {
            let local_key = local[index].1;
            if local_key == *key {
                Some(index)
            } else {
                problems.push(match (key, local_key) {
                    (Some(key), Some(local_key)) => format!(
                        "{} : cet identifiant désigne ici l’enregistrement de référence « {local_key} », pas « {key} ».",
                        name(position)
                    ),
                    (Some(key), None) => format!(
                        "{} : cet identifiant désigne ici un enregistrement sans clé de référence, pas « {key} ».",
                        name(position)
                    ),
                    (None, _) => format!(
                        "{} : cet identifiant désigne ici un enregistrement de référence, mais le fichier ne donne pas sa clé.",
                        name(position)
                    ),
                });
                None
            }
        } else {
            key.and_then(|key| by_key.get(key).copied())
        };
        if let Some(index) = found {
            if let Some(first) = claimed.insert(index, position) {
                problems.push(format!(
                    "{} et {} désignent le même enregistrement de cette base.",
                    name(first),
                    name(position)
                ));
            }
        }
        matches.push(found);
    }
    matches
}

fn target_of(table: ReferenceTable) -> Option<Target> {
    match table {
        ReferenceTable::Organisations => Some(Target::Organisations),
        ReferenceTable::Territories => Some(Target::Territories),
        ReferenceTable::Themes => Some(Target::Themes),
        ReferenceTable::ProfessionFamilies => Some(Target::Families),
        ReferenceTable::Professions => Some(Target::Professions),
        ReferenceTable::InterregProgrammes => None,
    }
}

fn id_map(maps: &mut IdMaps, target: Target) -> Option<&mut HashMap<String, String>> {
    match target {
        Target::Organisations => Some(&mut maps.organisations),
        Target::Territories => Some(&mut maps.territories),
        Target::Themes => Some(&mut maps.themes),
        Target::Families => Some(&mut maps.families),
        Target::Professions => Some(&mut maps.professions),
        _ => None,
    }
}

/// Matches one kind's records and notes the re-keys it needs.
fn match_kind<K: Kind>(
    incoming: &Lists,
    local: &Lists,
    rekeys: &mut Vec<Rekey>,
    maps: &mut IdMaps,
    problems: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let incoming_list = K::list(incoming);
    let local_list = K::list(local);
    let keys: Vec<(&str, Option<&str>)> = incoming_list
        .iter()
        .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
        .collect();
    let local_keys: Vec<(&str, Option<&str>)> = local_list
        .iter()
        .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
        .collect();
    let name = |position: usize| {
        incoming_list
            .get(position)
            .map(|r| who(K::ENTITY_LABEL, &K::label(&r.content), &r.id))
            .unwrap_or_default()
    };
    let matches = match_records(&keys, &local_keys, name, problems);
    if let Some(table) = K::REFERENCE {
        for (record, found) in incoming_list.iter().zip(&matches) {
            if let Some(local_record) = found.and_then(|index| local_list.get(index)) {
                if local_record.id != record.id {
                    rekeys.push(Rekey {
                        table,
                        from: local_record.id.clone(),
                        to: record.id.clone(),
                    });
                    if let Some(map) = target_of(table).and_then(|t| id_map(maps, t)) {
                        map.insert(local_record.id.clone(), record.id.clone());
                    }
                }
            }
        }
    }
    matches
}

/// Gives local records of one kind their final ids and links.
fn remap_kind<K: Kind>(local: &mut Lists, maps: &IdMaps) {
    let own = K::REFERENCE.and_then(target_of);
    for record in K::list_mut(local) {
        if let Some(target) = own {
            maps.map(target, &mut record.id);
        }
        K::map_ids(&mut record.content, maps);
    }
}

fn differing_fields<K: Kind>(local: &K::Content, incoming: &K::Content) -> Vec<String> {
    let (Ok(Value::Object(local)), Ok(Value::Object(incoming))) =
        (serde_json::to_value(local), serde_json::to_value(incoming))
    else {
        return Vec::new();
    };
    let mut fields: Vec<String> = K::FIELDS
        .iter()
        .filter(|(key, _)| local.get(*key) != incoming.get(*key))
        .map(|(_, label)| (*label).to_string())
        .collect();
    for key in local.keys().chain(incoming.keys()) {
        let listed = K::FIELDS.iter().any(|(known, _)| known == key);
        if !listed && local.get(key) != incoming.get(key) && !fields.contains(key) {
            fields.push(key.clone());
        }
    }
    fields
}

fn decide<C>(
    reference: bool,
    local: &Record<C>,
    incoming: &Record<C>,
    local_fingerprint: &str,
    incoming_fingerprint: &str,
    base: Option<&String>,
) -> Outcome {
    let pristine_local =
        reference && local.reference_key.is_some() && local.version == 1 && base.is_none();
    if local_fingerprint == incoming_fingerprint {
        let same_meta = local.created_at == incoming.created_at
            && local.updated_at == incoming.updated_at
            && local.version == incoming.version;
        return Outcome::Unchanged {
            adopt_meta: pristine_local && !same_meta,
        };
    }
    if pristine_local {
        return Outcome::Updated;
    }
    let Some(base) = base else {
        let pristine_incoming =
            reference && incoming.reference_key.is_some() && incoming.version == 1;
        return if pristine_incoming {
            Outcome::KeptLocal
        } else {
            Outcome::Conflict
        };
    };
    let local_changed = local_fingerprint != base;
    let incoming_changed = incoming_fingerprint != base;
    match (local_changed, incoming_changed) {
        (true, false) => Outcome::KeptLocal,
        (false, true) if incoming.version > local.version => Outcome::Updated,
        _ => Outcome::Conflict,
    }
}

fn plan_kind<K: Kind>(
    incoming: Vec<Record<K::Content>>,
    local: Vec<Record<K::Content>>,
    matches: &[Option<usize>],
    rekeyed_from: &HashMap<&str, &str>,
    bases: &Bases,
    keys: &IdMaps,
) -> ListPlan<K::Content> {
    let mut items = Vec::with_capacity(incoming.len());
    for (record, found) in incoming.into_iter().zip(matches) {
        let fingerprint = fingerprint_of::<K>(&record.content, keys);
        let local_record = found.and_then(|index| local.get(index)).cloned();
        let (outcome, fields) = match &local_record {
            None => (Outcome::Added, Vec::new()),
            Some(local_record) => {
                let local_fingerprint = fingerprint_of::<K>(&local_record.content, keys);
                let base_id = rekeyed_from
                    .get(record.id.as_str())
                    .copied()
                    .unwrap_or(record.id.as_str());
                let base = bases.get(&(K::TABLE.to_string(), base_id.to_string()));
                let outcome = decide(
                    K::REFERENCE.is_some(),
                    local_record,
                    &record,
                    &local_fingerprint,
                    &fingerprint,
                    base,
                );
                let fields = if outcome == Outcome::Conflict {
                    differing_fields::<K>(
                        &canonical::<K>(&local_record.content, keys),
                        &canonical::<K>(&record.content, keys),
                    )
                } else {
                    Vec::new()
                };
                (outcome, fields)
            }
        };
        items.push(Item {
            incoming: record,
            fingerprint,
            local: local_record,
            fields,
            outcome,
        });
    }
    ListPlan { items, local }
}

/// Every id each kind of link can point to once the import is done.
#[derive(Default)]
struct FinalIds<'a> {
    ids: HashMap<Target, HashSet<&'a str>>,
}

impl<'a> FinalIds<'a> {
    fn add<C>(&mut self, target: Target, records: &'a [Record<C>]) {
        let set = self.ids.entry(target).or_default();
        set.extend(records.iter().map(|r| r.id.as_str()));
    }

    fn contains(&self, target: Target, id: &str) -> bool {
        self.ids.get(&target).is_some_and(|set| set.contains(id))
    }
}

fn check_links<K: Kind>(incoming: &Lists, ids: &FinalIds, problems: &mut Vec<String>) {
    for record in K::list(incoming) {
        for (target, id, field) in K::links(&record.content) {
            if !ids.contains(target, id) {
                problems.push(format!(
                    "{} : {} d’identifiant {} ({field}) n’existe ni dans le fichier ni dans cette base.",
                    who(K::ENTITY_LABEL, &K::label(&record.content), &record.id),
                    target.phrase(),
                    id.chars().take(80).collect::<String>()
                ));
            }
        }
    }
}

fn plan(
    format_version: u32,
    mut incoming: Lists,
    mut local: Lists,
    bases: &Bases,
) -> CoreResult<Plan> {
    let mut problems = Vec::new();
    let mut rekeys = Vec::new();
    let mut maps = IdMaps::default();

    // 1. Which local record each record of the file is; reference records may need a new id.
    let plain_matches = |incoming: &[(&str, Option<&str>)],
                         local: &[(&str, Option<&str>)],
                         label: &str,
                         problems: &mut Vec<String>| {
        match_records(
            incoming,
            local,
            |position| {
                incoming
                    .get(position)
                    .map(|(id, _)| format!("{label} (identifiant {id})"))
                    .unwrap_or_default()
            },
            problems,
        )
    };
    let mut plain_unchanged = 0;
    let mut families_added = Vec::new();
    let mut programmes_added = Vec::new();
    {
        let a: Vec<(&str, Option<&str>)> = incoming
            .profession_families
            .iter()
            .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
            .collect();
        let b: Vec<(&str, Option<&str>)> = local
            .profession_families
            .iter()
            .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
            .collect();
        let matches = plain_matches(&a, &b, "Famille de métiers", &mut problems);
        for (record, found) in incoming.profession_families.iter().zip(&matches) {
            match found.and_then(|index| local.profession_families.get(index)) {
                Some(here) => {
                    plain_unchanged += 1;
                    if here.id != record.id {
                        rekeys.push(Rekey {
                            table: ReferenceTable::ProfessionFamilies,
                            from: here.id.clone(),
                            to: record.id.clone(),
                        });
                        maps.families.insert(here.id.clone(), record.id.clone());
                    }
                }
                None => families_added.push(record.clone()),
            }
        }
    }
    let mut programme_map: HashMap<String, String> = HashMap::new();
    {
        let a: Vec<(&str, Option<&str>)> = incoming
            .interreg_programmes
            .iter()
            .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
            .collect();
        let b: Vec<(&str, Option<&str>)> = local
            .interreg_programmes
            .iter()
            .map(|r| (r.id.as_str(), r.reference_key.as_deref()))
            .collect();
        let matches = plain_matches(&a, &b, "Programme Interreg", &mut problems);
        for (record, found) in incoming.interreg_programmes.iter().zip(&matches) {
            match found.and_then(|index| local.interreg_programmes.get(index)) {
                Some(here) => {
                    plain_unchanged += 1;
                    if here.id != record.id {
                        rekeys.push(Rekey {
                            table: ReferenceTable::InterregProgrammes,
                            from: here.id.clone(),
                            to: record.id.clone(),
                        });
                        programme_map.insert(here.id.clone(), record.id.clone());
                    }
                }
                None => programmes_added.push(record.clone()),
            }
        }
    }
    let organisation_matches =
        match_kind::<Organisations>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let territory_matches =
        match_kind::<Territories>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let theme_matches =
        match_kind::<Themes>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let profession_matches =
        match_kind::<Professions>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let competence_matches =
        match_kind::<Competences>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let observation_matches =
        match_kind::<Observations>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let expert_matches =
        match_kind::<Experts>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let event_matches =
        match_kind::<Events>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    let session_matches =
        match_kind::<Sessions>(&incoming, &local, &mut rekeys, &mut maps, &mut problems);
    if !problems.is_empty() {
        return Err(refuse_problems(problems));
    }

    // 2. Local records with their final ids and links.
    if !maps.is_empty() || !programme_map.is_empty() {
        for family in &mut local.profession_families {
            maps.map(Target::Families, &mut family.id);
        }
        for programme in &mut local.interreg_programmes {
            if let Some(id) = programme_map.get(&programme.id) {
                programme.id.clone_from(id);
            }
        }
        macro_rules! remap {
            ($kind:ident) => {
                remap_kind::<$kind>(&mut local, &maps)
            };
        }
        for_each_kind!(remap);
    }

    // 3. Every link of the file points to a record of the file or of this database.
    {
        let mut ids = FinalIds::default();
        for lists in [&incoming, &local] {
            ids.add(Target::Organisations, &lists.organisations);
            ids.add(Target::Territories, &lists.territories);
            ids.add(Target::Themes, &lists.themes);
            ids.add(Target::Professions, &lists.professions);
            ids.add(Target::Competences, &lists.competences);
            ids.add(Target::Experts, &lists.experts);
            ids.add(Target::Events, &lists.events);
            ids.ids
                .entry(Target::Families)
                .or_default()
                .extend(lists.profession_families.iter().map(|f| f.id.as_str()));
        }
        macro_rules! links {
            ($kind:ident) => {
                check_links::<$kind>(&incoming, &ids, &mut problems)
            };
        }
        for_each_kind!(links);
    }
    if !problems.is_empty() {
        return Err(refuse_problems(problems));
    }

    // 4. What to do with each record.
    let keys = key_maps(&[&incoming, &local]);
    let rekeyed_from: HashMap<&str, &str> = rekeys
        .iter()
        .map(|r| (r.to.as_str(), r.from.as_str()))
        .collect();
    let mut plans = Plans::default();
    macro_rules! plan_list {
        ($kind:ident, $matches:ident) => {
            *$kind::plan_mut(&mut plans) = plan_kind::<$kind>(
                std::mem::take($kind::list_mut(&mut incoming)),
                std::mem::take($kind::list_mut(&mut local)),
                &$matches,
                &rekeyed_from,
                bases,
                &keys,
            )
        };
    }
    plan_list!(Organisations, organisation_matches);
    plan_list!(Territories, territory_matches);
    plan_list!(Themes, theme_matches);
    plan_list!(Professions, profession_matches);
    plan_list!(Competences, competence_matches);
    plan_list!(Observations, observation_matches);
    plan_list!(Experts, expert_matches);
    plan_list!(Events, event_matches);
    plan_list!(Sessions, session_matches);
    Ok(Plan {
        format_version,
        rekeys,
        families_added,
        programmes_added,
        plain_unchanged,
        plans,
    })
}

/// The record an item writes under these choices, if any.
fn written<C: Clone>(item: &Item<C>, take: &HashSet<&str>, now: &str) -> Option<Record<C>> {
    match item.outcome {
        Outcome::Added | Outcome::Updated | Outcome::Unchanged { adopt_meta: true } => {
            Some(item.incoming.clone())
        }
        Outcome::Unchanged { adopt_meta: false } | Outcome::KeptLocal => None,
        Outcome::Conflict if take.contains(item.incoming.id.as_str()) => {
            Some(item.incoming.clone())
        }
        Outcome::Conflict => {
            // Keeping ours is a decision: it becomes a new edit, above both versions.
            item.local.clone().map(|mut local| {
                local.version = local.version.max(item.incoming.version).saturating_add(1);
                local.updated_at = now.to_string();
                local
            })
        }
    }
}

/// Every record of one kind as it will be after the import (for a conflict kept here, the
/// local record: its content is what counts), by id, and the ids of those written.
fn final_view<'a, C>(
    plan: &'a ListPlan<C>,
    take: &HashSet<&str>,
) -> (HashMap<&'a str, &'a Record<C>>, HashSet<&'a str>) {
    let mut records: HashMap<&str, &Record<C>> =
        plan.local.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut changed = HashSet::new();
    for item in &plan.items {
        let id = item.incoming.id.as_str();
        let record = match item.outcome {
            Outcome::Added | Outcome::Updated | Outcome::Unchanged { adopt_meta: true } => {
                Some(&item.incoming)
            }
            Outcome::Conflict if take.contains(id) => Some(&item.incoming),
            Outcome::Conflict => item.local.as_ref(),
            Outcome::Unchanged { adopt_meta: false } | Outcome::KeptLocal => None,
        };
        if let Some(record) = record {
            changed.insert(id);
            records.insert(id, record);
        }
    }
    (records, changed)
}

impl Plan {
    fn conflict_ids(&self) -> HashSet<&str> {
        let mut ids = HashSet::new();
        macro_rules! conflicts {
            ($kind:ident) => {
                ids.extend(
                    $kind::plan(&self.plans)
                        .items
                        .iter()
                        .filter(|item| item.outcome == Outcome::Conflict)
                        .map(|item| item.incoming.id.as_str()),
                );
            };
        }
        for_each_kind!(conflicts);
        ids
    }

    /// Rules that concern the merged result as a whole: one code per event, every session
    /// within its event's dates.
    fn check_final(&self, take: &HashSet<&str>) -> CoreResult<()> {
        let mut problems = Vec::new();
        let (events, events_changed) = final_view(&self.plans.events, take);
        let mut codes: HashMap<&str, &Record<EventInput>> = HashMap::new();
        let mut ordered: Vec<&Record<EventInput>> = events.values().copied().collect();
        ordered.sort_by(|a, b| a.id.cmp(&b.id));
        for event in ordered {
            let code = event.content.code.trim();
            if let Some(first) = codes.insert(code, event) {
                problems.push(format!(
                    "le code « {code} » serait porté par deux événements : {} et {}.",
                    who("Événement", &Events::label(&first.content), &first.id),
                    who("Événement", &Events::label(&event.content), &event.id)
                ));
            }
        }
        let (sessions, sessions_changed) = final_view(&self.plans.sessions, take);
        let mut ordered: Vec<&Record<SessionContent>> = sessions.values().copied().collect();
        ordered.sort_by(|a, b| a.id.cmp(&b.id));
        for session in ordered {
            let event_id = session.content.event_id.as_str();
            if !sessions_changed.contains(session.id.as_str()) && !events_changed.contains(event_id)
            {
                continue;
            }
            let Some(event) = events.get(event_id) else {
                continue;
            };
            let (Some(date), Some(first), Some(last)) = (
                parse_date(&session.content.data.date),
                parse_date(&event.content.start_date),
                parse_date(&event.content.end_date),
            ) else {
                continue;
            };
            if date < first || date > last {
                problems.push(format!(
                    "{} : la séquence tomberait hors des dates de l’événement {}, du {} au {}.",
                    who("Séquence", &Sessions::label(&session.content), &session.id),
                    who("Événement", &Events::label(&event.content), &event.id),
                    first.format("%d/%m/%Y"),
                    last.format("%d/%m/%Y")
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(refuse_problems(problems))
        }
    }

    fn preview(&self) -> JsonImportPreview {
        let mut preview = JsonImportPreview {
            format_version: self.format_version,
            added: self.families_added.len() + self.programmes_added.len(),
            updated: 0,
            unchanged: self.plain_unchanged,
            kept_local: 0,
            conflicts: Vec::new(),
        };
        macro_rules! count {
            ($kind:ident) => {
                for item in &$kind::plan(&self.plans).items {
                    match item.outcome {
                        Outcome::Added => preview.added += 1,
                        Outcome::Updated => preview.updated += 1,
                        Outcome::Unchanged { .. } => preview.unchanged += 1,
                        Outcome::KeptLocal => preview.kept_local += 1,
                        Outcome::Conflict => {
                            let local = item.local.as_ref().unwrap_or(&item.incoming);
                            preview.conflicts.push(MergeConflict {
                                entity: $kind::ENTITY.into(),
                                entity_label: $kind::ENTITY_LABEL.into(),
                                id: item.incoming.id.clone(),
                                label: $kind::label(&local.content),
                                local_updated_at: local.updated_at.clone(),
                                incoming_updated_at: item.incoming.updated_at.clone(),
                                fields: item.fields.clone(),
                            })
                        }
                    }
                }
            };
        }
        for_each_kind!(count);
        preview
    }

    /// What to write, and what it amounts to.
    fn into_changes(self, take: &HashSet<&str>, now: &str) -> (Changes, JsonImportSummary) {
        let mut summary = JsonImportSummary {
            added: self.families_added.len() + self.programmes_added.len(),
            unchanged: self.plain_unchanged,
            ..JsonImportSummary::default()
        };
        let mut changes = Changes {
            rekeys: self.rekeys,
            ..Changes::default()
        };
        changes.records.profession_families = self
            .families_added
            .into_iter()
            .map(|f| ProfessionFamily {
                id: f.id,
                label: f.label,
                level: f.level,
                reference_key: f.reference_key,
            })
            .collect();
        changes.records.interreg_programmes = self
            .programmes_added
            .into_iter()
            .map(|p| InterregProgramme {
                id: p.id,
                name: p.name,
                period: p.period,
                kind: p.kind,
                french_perimeter: p.french_perimeter,
                notes: p.notes,
                reference_key: p.reference_key,
            })
            .collect();
        macro_rules! resolve {
            ($kind:ident) => {
                for item in &$kind::plan(&self.plans).items {
                    match item.outcome {
                        Outcome::Added => summary.added += 1,
                        Outcome::Updated => summary.updated += 1,
                        Outcome::Unchanged { .. } => summary.unchanged += 1,
                        Outcome::KeptLocal => summary.kept_local += 1,
                        Outcome::Conflict if take.contains(item.incoming.id.as_str()) => {
                            summary.conflicts_taken_from_file += 1
                        }
                        Outcome::Conflict => summary.conflicts_kept_local += 1,
                    }
                    if let Some(record) = written(item, take, now) {
                        $kind::models(&mut changes.records).push($kind::into_model(record));
                    }
                    changes.bases.push(Base {
                        table: $kind::TABLE,
                        id: item.incoming.id.clone(),
                        fingerprint: item.fingerprint.clone(),
                    });
                }
            };
        }
        for_each_kind!(resolve);
        (changes, summary)
    }
}

// ---------------------------------------------------------------------------------------------
// Import

/// What importing `bytes` would do; nothing is written. A file that cannot be imported is an
/// [`CoreError::InvalidFile`] naming its problems.
pub fn preview(store: &Store, bytes: &[u8]) -> CoreResult<JsonImportPreview> {
    let (format_version, incoming) = parse(bytes)?;
    let local = lists_from_snapshot(snapshot::read_snapshot(store.conn())?);
    let bases = snapshot::read_bases(store.conn())?;
    let plan = plan(format_version, incoming, local, &bases)?;
    if let Err(error) = plan.check_final(&HashSet::new()) {
        // Some choices may still make the result sound (taking the file's version of an
        // event whose dates moved, say): the preview lets the user choose, and the import
        // checks the chosen combination.
        let all = plan.conflict_ids();
        if all.is_empty() || plan.check_final(&all).is_err() {
            return Err(error);
        }
    }
    Ok(plan.preview())
}

/// Imports `bytes` with the user's choices for the conflicts, in one transaction: the plan is
/// made again inside it, so a change made since the preview is taken into account.
pub fn apply(
    store: &mut Store,
    bytes: &[u8],
    choices: &JsonImportChoices,
) -> CoreResult<JsonImportSummary> {
    let (format_version, incoming) = parse(bytes)?;
    store.write(|tx| {
        let local = lists_from_snapshot(snapshot::read_snapshot(tx)?);
        let bases = snapshot::read_bases(tx)?;
        let plan = plan(format_version, incoming, local, &bases)?;
        let take: HashSet<&str> = choices.take_incoming.iter().map(String::as_str).collect();
        plan.check_final(&take)?;
        let now = crate::store::now();
        let (changes, summary) = plan.into_changes(&take, &now);
        snapshot::write_changes(tx, &changes)?;
        Ok(summary)
    })
}
