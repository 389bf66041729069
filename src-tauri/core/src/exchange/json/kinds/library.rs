//! Resources of the library, linked to their authors (experts and organisations, in order),
//! themes, territories, professions, events and sessions, with references to their files:
//! `files: [{id, name, sha256, addedAt}]`. The files' contents (type, size, text, bytes) are
//! carried apart, once per SHA-256 (see the files' pool); a reference whose content is neither
//! in the file nor in this database is refused with the links.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Kind, Resources};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::exchange::json::links::{sort_set, IdMaps, Target};
use crate::exchange::json::merge::{ListPlan, Plans};
use crate::exchange::json::shapes::{meta_of, record_of, Lists, Record};
use crate::model::*;
use crate::store::snapshot::{ReferenceTable, Snapshot};
use crate::validation::check_resource;

/// One file of a resource as the exchange file names it: the content is found by `sha256`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(in crate::exchange::json) struct FileRef {
    pub(in crate::exchange::json) id: String,
    pub(in crate::exchange::json) name: String,
    pub(in crate::exchange::json) sha256: String,
    pub(in crate::exchange::json) added_at: String,
}

/// A resource: the form's fields (authors inside), then its files in attach order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(in crate::exchange::json) struct ResourceContent {
    #[serde(flatten)]
    pub(in crate::exchange::json) data: ResourceInput,
    #[serde(default)]
    pub(in crate::exchange::json) files: Vec<FileRef>,
}

/// The files' references: an id, a name, a SHA-256 in lowercase hex, an RFC 3339 time, each
/// content once per resource (the table holds it once).
fn check_files(files: &[FileRef]) -> CoreResult<()> {
    let mut fields = Vec::new();
    let mut seen = HashSet::new();
    for (i, file) in files.iter().enumerate() {
        let n = i + 1;
        let mut add = |message: String| {
            fields.push(FieldError {
                field: format!("files.{i}"),
                message,
            })
        };
        if file.id.trim().is_empty() || file.name.trim().is_empty() {
            add(format!(
                "Fichier n° {n} : l’identifiant et le nom sont obligatoires."
            ));
        }
        let hex = file.sha256.len() == 64
            && file
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            add(format!(
                "Fichier n° {n} : l’empreinte SHA-256 doit compter 64 chiffres hexadécimaux."
            ));
        } else if !seen.insert(file.sha256.as_str()) {
            add(format!(
                "Fichier n° {n} : le même contenu est déjà joint à cette ressource."
            ));
        }
        if chrono::DateTime::parse_from_rfc3339(&file.added_at).is_err() {
            add(format!(
                "Fichier n° {n} : la date d’ajout « {} » est illisible.",
                crate::validation::quoted(&file.added_at)
            ));
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation { fields })
    }
}

/// The links that are sets go out sorted, whatever order the form gave them.
fn sort_sets(d: &mut ResourceInput) {
    for ids in [
        &mut d.theme_ids,
        &mut d.territory_ids,
        &mut d.profession_ids,
        &mut d.event_ids,
        &mut d.session_ids,
    ] {
        sort_set(ids);
    }
}

impl Kind for Resources {
    const REFERENCE_LINKS: bool = true;
    type Content = ResourceContent;
    type Model = Resource;
    const LIST: &'static str = "resources";
    const TABLE: &'static str = "resources";
    const ENTITY: &'static str = "resource";
    const ENTITY_LABEL: &'static str = "Ressource";
    const REFERENCE: Option<ReferenceTable> = None;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("title", "Titre"),
        ("kind", "Type"),
        ("summary", "Résumé"),
        ("authors", "Auteurs"),
        ("publicationDate", "Date de publication"),
        ("languages", "Langues"),
        ("themeIds", "Thématiques"),
        ("territoryIds", "Territoires"),
        ("professionIds", "Métiers"),
        ("eventIds", "Événements"),
        ("sessionIds", "Séances"),
        ("audience", "Public visé"),
        ("status", "Statut"),
        ("reviewDate", "Date de révision"),
        ("rights", "Droits"),
        ("reference", "Référence"),
        ("notes", "Notes internes"),
        ("files", "Fichiers"),
    ];
    fn label(c: &Self::Content) -> String {
        c.data.title.trim().to_string()
    }
    fn check(c: &Self::Content) -> CoreResult<()> {
        check_resource(&c.data)?;
        check_files(&c.files)
    }
    fn links(c: &Self::Content) -> Vec<(Target, &str, &'static str)> {
        let d = &c.data;
        let mut links = Vec::new();
        for author in &d.authors {
            if let Some(id) = &author.expert_id {
                links.push((Target::Experts, id.as_str(), "Auteurs"));
            }
            if let Some(id) = &author.organisation_id {
                links.push((Target::Organisations, id.as_str(), "Auteurs"));
            }
        }
        let sets = [
            (Target::Themes, &d.theme_ids, "Thématiques"),
            (Target::Territories, &d.territory_ids, "Territoires"),
            (Target::Professions, &d.profession_ids, "Métiers"),
            (Target::Events, &d.event_ids, "Événements"),
            (Target::Sessions, &d.session_ids, "Séances"),
        ];
        for (target, ids, field) in sets {
            links.extend(ids.iter().map(|id| (target, id.as_str(), field)));
        }
        links.extend(
            c.files
                .iter()
                .map(|f| (Target::FileContents, f.sha256.as_str(), "Fichiers")),
        );
        links
    }
    fn map_ids(c: &mut Self::Content, maps: &IdMaps) {
        let d = &mut c.data;
        for author in &mut d.authors {
            if let Some(id) = &mut author.organisation_id {
                maps.map(Target::Organisations, id);
            }
        }
        maps.map_all(Target::Themes, &mut d.theme_ids);
        maps.map_all(Target::Territories, &mut d.territory_ids);
        maps.map_all(Target::Professions, &mut d.profession_ids);
        sort_sets(d);
    }
    fn list(lists: &Lists) -> &Vec<Record<Self::Content>> {
        &lists.resources
    }
    fn list_mut(lists: &mut Lists) -> &mut Vec<Record<Self::Content>> {
        &mut lists.resources
    }
    fn from_model(m: Self::Model) -> Record<Self::Content> {
        let mut data = m.data;
        sort_sets(&mut data);
        let files = m
            .files
            .into_iter()
            .map(|f| FileRef {
                id: f.id,
                name: f.name,
                sha256: f.sha256,
                added_at: f.added_at,
            })
            .collect();
        record_of(m.meta, None, ResourceContent { data, files })
    }
    fn into_model(r: Record<Self::Content>) -> Self::Model {
        let files = r
            .content
            .files
            .iter()
            .map(|f| ResourceFile {
                id: f.id.clone(),
                name: f.name.clone(),
                sha256: f.sha256.clone(),
                added_at: f.added_at.clone(),
                // The content's own facts are in the database (or the file's pool).
                media_type: String::new(),
                size: 0,
                text_status: String::new(),
            })
            .collect();
        Resource {
            meta: meta_of(&r),
            data: r.content.data,
            files,
        }
    }
    fn models(s: &mut Snapshot) -> &mut Vec<Self::Model> {
        &mut s.resources
    }
    fn plan(plans: &Plans) -> &ListPlan<Self::Content> {
        &plans.resources
    }
    fn plan_mut(plans: &mut Plans) -> &mut ListPlan<Self::Content> {
        &mut plans.resources
    }
}
