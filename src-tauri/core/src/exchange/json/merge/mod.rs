//! The merge plan: for each record of the file, the local record it is, then what the import
//! does with it — add it, take the file's version, keep ours, or ask the user (a conflict) —
//! from the fingerprints of both sides and the exchange base (see the rules in [`super`]).
//!
//! - `matching`: the file's ids of reference records mapped onto ours, which local record each
//!   record of the file is, and the links of the file checked;
//! - `outcome`: the decision for one record;
//! - `participants`: the rules of the merged result about participants (e-mail addresses,
//!   attendance dates);
//! - `resolve`: the user's choices applied to the plan — the checks of the merged result, the
//!   preview, the changes to write.

mod matching;
mod outcome;
mod participants;
mod resolve;

use std::collections::HashMap;

use self::matching::{
    check_all_links, match_kinds, match_plain, reference_id_maps, remap, Matches,
};
use self::outcome::plan_kind;
use super::kinds::*;
use super::links::key_maps;
use super::problems::refuse_problems;
use super::shapes::{
    CompetenceContent, FamilyRecord, Lists, ObservationContent, ParticipantContent,
    ProgrammeRecord, Record, RequestContent, SessionContent,
};
use crate::error::CoreResult;
use crate::model::*;

/// What the import does with one record of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
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

/// One record of the file, the local record it is, and its outcome.
#[derive(Debug)]
pub(super) struct Item<C> {
    pub(super) incoming: Record<C>,
    /// Fingerprint of the file's content.
    pub(super) fingerprint: String,
    /// The local record, with its final id and links.
    pub(super) local: Option<Record<C>>,
    /// Canonical contents differ in these French-named fields (conflicts only).
    pub(super) fields: Vec<String>,
    pub(super) outcome: Outcome,
}

/// The plan of one kind of record.
#[derive(Debug)]
pub(super) struct ListPlan<C> {
    pub(super) items: Vec<Item<C>>,
    /// Every local record, with its final id and links.
    pub(super) local: Vec<Record<C>>,
}

impl<C> Default for ListPlan<C> {
    fn default() -> Self {
        ListPlan {
            items: Vec::new(),
            local: Vec::new(),
        }
    }
}

/// The plan of every kind of record (see [`Kind::plan`]).
#[derive(Debug, Default)]
pub(super) struct Plans {
    pub(super) organisations: ListPlan<OrganisationInput>,
    pub(super) territories: ListPlan<TerritoryInput>,
    pub(super) themes: ListPlan<ThemeInput>,
    pub(super) professions: ListPlan<ProfessionInput>,
    pub(super) competences: ListPlan<CompetenceContent>,
    pub(super) competence_observations: ListPlan<ObservationContent>,
    pub(super) experts: ListPlan<ExpertInput>,
    pub(super) training_requests: ListPlan<RequestContent>,
    pub(super) events: ListPlan<EventInput>,
    pub(super) sessions: ListPlan<SessionContent>,
    pub(super) participants: ListPlan<ParticipantContent>,
    pub(super) resources: ListPlan<ResourceContent>,
    pub(super) legal_notes: ListPlan<LegalNoteInput>,
}

/// Everything an import would do, before the user chooses for the conflicts.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) format_version: u32,
    pub(super) families_added: Vec<FamilyRecord>,
    pub(super) programmes_added: Vec<ProgrammeRecord>,
    /// Families and programmes already here.
    pub(super) plain_unchanged: usize,
    pub(super) plans: Plans,
}

/// The exchange bases: fingerprint by (table, id).
pub(super) type Bases = HashMap<(String, String), String>;

/// The plan of importing `incoming` into a database whose records are `local`; refused, with
/// every problem named, when records cannot be matched or links lead nowhere.
pub(super) fn plan(
    format_version: u32,
    mut incoming: Lists,
    mut local: Lists,
    bases: &Bases,
) -> CoreResult<Plan> {
    let mut problems = Vec::new();

    // 1. The file's ids of reference records mapped onto ours (a file from an older release
    // carries others), with every link of the file following: ours never change.
    let maps = reference_id_maps(&incoming, &local, &mut problems);
    if !problems.is_empty() {
        return Err(refuse_problems(problems));
    }
    if !maps.is_empty() {
        remap(&mut incoming, &maps);
    }

    // 2. Which local record each record of the file is.
    let families = match_plain(
        &incoming.profession_families,
        &local.profession_families,
        "Famille de métiers",
        &mut problems,
    );
    let programmes = match_plain(
        &incoming.interreg_programmes,
        &local.interreg_programmes,
        "Programme Interreg",
        &mut problems,
    );
    let matches = match_kinds(&incoming, &local, &mut problems);
    if !problems.is_empty() {
        return Err(refuse_problems(problems));
    }

    // 3. Every link of the file points to a record of the file or of this database.
    check_all_links(&incoming, &local, &mut problems);
    if !problems.is_empty() {
        return Err(refuse_problems(problems));
    }

    // 4. What to do with each record.
    let plans = plan_lists(&mut incoming, &mut local, &matches, bases);
    Ok(Plan {
        format_version,
        families_added: families.added,
        programmes_added: programmes.added,
        plain_unchanged: families.unchanged + programmes.unchanged,
        plans,
    })
}

/// The outcome of every record of the file, kind by kind; the lists are moved into the plan.
fn plan_lists(incoming: &mut Lists, local: &mut Lists, matches: &Matches, bases: &Bases) -> Plans {
    let keys = key_maps(&[&*incoming, &*local]);
    let mut plans = Plans::default();
    macro_rules! plan_list {
        ($kind:ident, $matches:ident) => {
            *$kind::plan_mut(&mut plans) = plan_kind::<$kind>(
                std::mem::take($kind::list_mut(incoming)),
                std::mem::take($kind::list_mut(local)),
                &matches.$matches,
                bases,
                &keys,
            )
        };
    }
    plan_list!(Organisations, organisations);
    plan_list!(Territories, territories);
    plan_list!(Themes, themes);
    plan_list!(Professions, professions);
    plan_list!(Competences, competences);
    plan_list!(Observations, observations);
    plan_list!(Experts, experts);
    plan_list!(Requests, requests);
    plan_list!(Events, events);
    plan_list!(Sessions, sessions);
    plan_list!(Participants, participants);
    plan_list!(Resources, resources);
    plan_list!(LegalNotes, legal_notes);
    plans
}
