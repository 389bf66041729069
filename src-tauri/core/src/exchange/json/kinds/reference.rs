//! Organisations, territories and themes: shipped reference records a user can edit.

use super::{Kind, Organisations, Territories, Themes};
use crate::error::CoreResult;
use crate::exchange::json::links::Target;
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::{check_organisation, check_territory, check_theme};

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
