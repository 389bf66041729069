//! Professions (shipped, editable), their competences and the observations of each competence.

use super::{Competences, Kind, Observations, Professions};
use crate::error::CoreResult;
use crate::exchange::json::links::{IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{
    meta_of, record_of, CompetenceContent, Lists, ObservationContent, Record,
};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::{check_competence, check_observation, check_profession};

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
