//! Training requests, linked to organisations (requesters and handlers), a territory, an
//! Interreg programme, themes and target professions, with their status history inside.

use std::collections::HashSet;

use super::{Kind, Requests};
use crate::error::CoreResult;
use crate::exchange::json::links::{sort_set, IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record, RequestContent};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::{check_request, check_request_history};

impl Kind for Requests {
    const REFERENCE_LINKS: bool = true;
    type Content = RequestContent;
    type Model = TrainingRequest;
    const LIST: &'static str = "trainingRequests";
    const TABLE: &'static str = "training_requests";
    const ENTITY: &'static str = "trainingRequest";
    const ENTITY_LABEL: &'static str = "Demande de formation";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("receivedDate", "Date de réception"),
        ("title", "Titre"),
        ("requesterIds", "Structures demandeuses"),
        ("contactName", "Contact"),
        ("contactEmail", "Adresse électronique du contact"),
        ("contactPhone", "Téléphone du contact"),
        ("projectName", "Projet transfrontalier"),
        ("interregProgrammeId", "Programme Interreg"),
        ("territoryId", "Territoire"),
        ("themeIds", "Thématiques"),
        ("targetProfessionIds", "Métiers visés"),
        ("audience", "Public visé"),
        ("expectedParticipants", "Participants attendus"),
        ("languages", "Langues"),
        ("desiredPeriod", "Période souhaitée"),
        ("format", "Format souhaité"),
        ("need", "Besoin exprimé"),
        ("handlerIds", "Structures qui la traitent"),
        ("status", "Statut"),
        ("notes", "Notes internes"),
        ("history", "Historique des statuts"),
    ];
    fn label(c: &Self::Content) -> String {
        match c.data.received_date.as_str() {
            "" => c.data.title.trim().to_string(),
            date => format!("{} (reçue le {date})", c.data.title.trim()),
        }
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        // As saved: the reason of the current status is in the history, not in the form.
        check_request(&c.data, Some(&c.data.status))?;
        check_request_history(&c.history, &c.data.status)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let d = &c.data;
        let mut links = Vec::new();
        if let Some(id) = &d.territory_id {
            links.push((Target::Territories, id.as_str(), "Territoire"));
        }
        if let Some(id) = &d.interreg_programme_id {
            links.push((Target::Programmes, id.as_str(), "Programme Interreg"));
        }
        for (ids, field) in [
            (&d.requester_ids, "Structures demandeuses"),
            (&d.handler_ids, "Structures qui la traitent"),
        ] {
            links.extend(
                ids.iter()
                    .map(|id| (Target::Organisations, id.as_str(), field)),
            );
        }
        links.extend(
            d.theme_ids
                .iter()
                .map(|id| (Target::Themes, id.as_str(), "Thématiques")),
        );
        links.extend(
            d.target_profession_ids
                .iter()
                .map(|id| (Target::Professions, id.as_str(), "Métiers visés")),
        );
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        let d = &mut c.data;
        if let Some(id) = &mut d.territory_id {
            maps.map(Target::Territories, id);
        }
        if let Some(id) = &mut d.interreg_programme_id {
            maps.map(Target::Programmes, id);
        }
        for ids in [&mut d.requester_ids, &mut d.handler_ids] {
            maps.map_all(Target::Organisations, ids);
            // The table keeps one row per (organisation, role): the first one wins.
            let mut seen = HashSet::new();
            ids.retain(|id| seen.insert(id.clone()));
        }
        maps.map_all(Target::Themes, &mut d.theme_ids);
        maps.map_all(Target::Professions, &mut d.target_profession_ids);
        sort_set(&mut d.theme_ids);
        sort_set(&mut d.target_profession_ids);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.training_requests
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.training_requests
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        let mut data = m.data;
        // Sets go out sorted, whatever order the form gave them.
        sort_set(&mut data.theme_ids);
        sort_set(&mut data.target_profession_ids);
        let content = RequestContent {
            data,
            history: m.history,
        };
        record_of(m.meta, None, content)
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        TrainingRequest {
            meta: meta_of(&r),
            data: r.content.data,
            history: r.content.history,
            event_ids: Vec::new(),
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.training_requests
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.training_requests
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.training_requests
    }
}
