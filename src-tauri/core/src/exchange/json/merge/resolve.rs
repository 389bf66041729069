//! The user's choices applied to a plan: the rules of the merged result as a whole, the
//! preview shown before choosing, and the changes to write with what they amount to.

use std::collections::{HashMap, HashSet};

use super::{Item, ListPlan, Outcome, Plan};
use crate::error::CoreResult;
use crate::exchange::json::kinds::*;
use crate::exchange::json::problems::{refuse_problems, who};
use crate::exchange::json::shapes::{Record, SessionContent};
use crate::exchange::json::{JsonImportPreview, JsonImportSummary, MergeConflict};
use crate::model::*;
use crate::store::snapshot::{Base, Changes};
use crate::store::MAX_RECORD_VERSION;
use crate::validation::parse_date;

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
                local.version =
                    (local.version.max(item.incoming.version) + 1).min(MAX_RECORD_VERSION);
                local.updated_at = now.to_string();
                local
            })
        }
    }
}

/// Every record of one kind as it will be after the import (for a conflict kept here, the
/// local record: its content is what counts), by id, and the ids of those written.
pub(super) fn final_view<'a, C>(
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
    /// The ids of every conflict.
    pub(in crate::exchange::json) fn conflict_ids(&self) -> HashSet<&str> {
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
    /// within its event's dates, one e-mail address once per event, attendance within its
    /// event's dates.
    pub(in crate::exchange::json) fn check_final(&self, take: &HashSet<&str>) -> CoreResult<()> {
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
        super::participants::check_participants(
            self,
            take,
            &events,
            &events_changed,
            &mut problems,
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(refuse_problems(problems))
        }
    }

    /// What the import would do, as the user sees it before choosing.
    pub(in crate::exchange::json) fn preview(&self) -> JsonImportPreview {
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
    pub(in crate::exchange::json) fn into_changes(
        self,
        take: &HashSet<&str>,
        now: &str,
    ) -> (Changes, JsonImportSummary) {
        let mut summary = JsonImportSummary {
            added: self.families_added.len() + self.programmes_added.len(),
            unchanged: self.plain_unchanged,
            ..JsonImportSummary::default()
        };
        let mut changes = Changes::default();
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
