//! The kinds of records with times and a version, as one trait: where each kind's list is in
//! the file, its table, its French name and fields, the rules its fields follow, the records
//! it links to, and its conversion from and to the store's model. The merge, the checks and
//! the export are written once, generic over [`Kind`]; [`for_each_kind!`] runs them over every
//! kind in dependency order.
//!
//! One file per entity family: `reference` (organisations, territories, themes),
//! `professions` (professions, competences, observations), `experts`, `requests` (training
//! requests with their history), `events` (events and their sessions), `participants` (participants of events with their
//! attendance), `library` (resources with their file references), `legal_notes` (legal notes
//! with their bases).

mod events;
mod experts;
mod legal_notes;
mod library;
mod participants;
mod professions;
mod reference;
mod requests;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::links::{IdMaps, Target};
use super::merge::{ListPlan, Plans};
use super::shapes::{Lists, Record};
use crate::error::CoreResult;
use crate::store::snapshot::{ReferenceTable, Snapshot};

pub(super) use library::ResourceContent;

pub(super) trait Kind {
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

pub(super) struct Organisations;
pub(super) struct Territories;
pub(super) struct Themes;
pub(super) struct Professions;
pub(super) struct Competences;
pub(super) struct Observations;
pub(super) struct Experts;
pub(super) struct Requests;
pub(super) struct Events;
pub(super) struct Sessions;
pub(super) struct Participants;
pub(super) struct Resources;
pub(super) struct LegalNotes;

/// Applies the macro `$mac` to every kind of record with metadata, in dependency order. The
/// caller has the kinds in scope (`use super::kinds::*`).
macro_rules! for_each_kind {
    ($mac:ident) => {
        $mac!(Organisations);
        $mac!(Territories);
        $mac!(Themes);
        $mac!(Professions);
        $mac!(Competences);
        $mac!(Observations);
        $mac!(Experts);
        $mac!(Requests);
        $mac!(Events);
        $mac!(Sessions);
        $mac!(Participants);
        $mac!(Resources);
        $mac!(LegalNotes);
    };
}
pub(super) use for_each_kind;
