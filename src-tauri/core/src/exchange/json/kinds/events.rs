//! Events, linked to organisers, a territory, themes and target professions, and their
//! sessions with ordered speakers.

use std::collections::HashSet;

use super::{Events, Kind, Sessions};
use crate::error::CoreResult;
use crate::exchange::json::links::{sort_set, IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record, SessionContent};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::{check_event, check_session, parse_date};

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
        ("partnerLanguage", "Langue partenaire"),
        ("translation", "Textes traduits"),
        ("logistics", "Logistique"),
        ("requestId", "Demande de formation"),
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
        if let Some(id) = &c.request_id {
            links.push((Target::Requests, id.as_str(), "Demande de formation"));
        }
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
        ("titlePartner", "Titre traduit"),
        ("descriptionPartner", "Description traduite"),
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
