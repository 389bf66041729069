//! Experts, linked to an organisation, themes, territories and professions.

use super::{Experts, Kind};
use crate::error::CoreResult;
use crate::exchange::json::links::{sort_set, IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::check_expert;

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
