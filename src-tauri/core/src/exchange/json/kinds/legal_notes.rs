//! Legal notes (fiches juridiques), linked to territories, themes and professions (sets, sent
//! sorted) and to resources (in the note's order), with their legal bases inside.

use super::{Kind, LegalNotes};
use crate::error::CoreResult;
use crate::exchange::json::links::{sort_set, IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::check_legal_note;

impl Kind for LegalNotes {
    const REFERENCE_LINKS: bool = true;
    type Content = LegalNoteInput;
    type Model = LegalNote;
    const LIST: &'static str = "legalNotes";
    const TABLE: &'static str = "legal_notes";
    const ENTITY: &'static str = "legalNote";
    const ENTITY_LABEL: &'static str = "Fiche juridique";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("question", "Question"),
        ("shortAnswer", "Réponse courte"),
        ("fullAnswer", "Réponse détaillée"),
        ("bases", "Bases légales"),
        ("countries", "Pays"),
        ("territoryIds", "Territoires"),
        ("themeIds", "Thématiques"),
        ("professionIds", "Métiers"),
        ("upToDate", "À jour au"),
        ("reviewDate", "Date de révision"),
        ("author", "Auteur"),
        ("resourceIds", "Ressources liées"),
    ];
    fn label(c: &Self::Content) -> String {
        c.question.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_legal_note(c)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let mut links = Vec::new();
        for (target, ids, field) in [
            (Target::Territories, &c.territory_ids, "Territoires"),
            (Target::Themes, &c.theme_ids, "Thématiques"),
            (Target::Professions, &c.profession_ids, "Métiers"),
            (Target::Resources, &c.resource_ids, "Ressources liées"),
        ] {
            links.extend(ids.iter().map(|id| (target, id.as_str(), field)));
        }
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        maps.map_all(Target::Territories, &mut c.territory_ids);
        maps.map_all(Target::Themes, &mut c.theme_ids);
        maps.map_all(Target::Professions, &mut c.profession_ids);
        sort_sets(c);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.legal_notes
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.legal_notes
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        let mut data = m.data;
        // Sets go out sorted, whatever order the form gave them.
        sort_sets(&mut data);
        record_of(m.meta, None, data)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        LegalNote {
            meta: meta_of(&r),
            data: r.content,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.legal_notes
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.legal_notes
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.legal_notes
    }
}

fn sort_sets(c: &mut LegalNoteInput) {
    sort_set(&mut c.territory_ids);
    sort_set(&mut c.theme_ids);
    sort_set(&mut c.profession_ids);
}
