//! The competences report's reading: three queries whatever the number of professions (the
//! families, the competences with their profession, then the observations in the period),
//! grouped and ordered here.
//!
//! The observations come in competence order by the competences' rowids, each competence's
//! observations read in order through the `(competence_id, year, created_at, id)` index: no
//! sort at all, and each row carries only the observation's own fields and an integer, not the
//! competence's and profession's strings again (a report of 50,000 observations decoded half a
//! million strings before).

use std::collections::HashMap;

use rusqlite::params;

use super::Store;
use crate::error::{CoreError, CoreResult};
use crate::exchange::folding::fold;
use crate::model::{
    trend_rank, CompetencesReport, CompetencesReportFilter, ReportCompetence, ReportFamily,
    ReportObservation, ReportSummary,
};
use crate::validation::check_report_filter;

/// The heading of the professions that belong to no family.
pub const NO_FAMILY_LABEL: &str = "Sans famille";

/// Every observation in the period (`?1`..=`?2`, each bound optional) with its competence's
/// rowid, in the report's order.
const OBSERVATIONS_IN_ORDER: &str = "SELECT c.rowid, o.year, o.trend, o.level, o.source, o.notes
       FROM competences c
      CROSS JOIN competence_observations o ON o.competence_id = c.id
      WHERE (?1 IS NULL OR o.year >= ?1)
        AND (?2 IS NULL OR o.year <= ?2)
      ORDER BY c.rowid, o.year, o.created_at, o.id";

/// A competence of the report, as read, and its family.
struct Competence {
    family_id: Option<String>,
    competence: ReportCompetence,
}

impl Store {
    /// The evolution of competences across professions for `filter` (see
    /// [`CompetencesReport`]). A period out of 1900–2100 or reversed is a `Validation` error;
    /// a family that matches no id nor label is `NotFound`.
    pub fn competences_report(
        &self,
        filter: &CompetencesReportFilter,
    ) -> CoreResult<CompetencesReport> {
        check_report_filter(filter)?;
        let families = self.family_labels()?;
        let family = match filter.family_id.as_deref().map(str::trim) {
            Some(wanted) if !wanted.is_empty() => Some(resolve_family(&families, wanted)?),
            _ => None,
        };
        let applied = CompetencesReportFilter {
            family_id: family.as_ref().map(|(id, _)| id.clone()),
            ..filter.clone()
        };
        let competences = self.report_competences(&applied)?;
        let labels: HashMap<String, String> = families.into_iter().collect();
        Ok(CompetencesReport {
            family_label: family.map(|(_, label)| label),
            families: group(competences, &labels),
            summary: ReportSummary::default(),
            filter: applied,
        }
        .summed())
    }

    /// Every family as (id, label).
    fn family_labels(&self) -> CoreResult<Vec<(String, String)>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT id, label FROM profession_families")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The competences of the family (or of every family) with their observations in the
    /// period, by year then by when they were recorded; competences without any are left out.
    fn report_competences(&self, filter: &CompetencesReportFilter) -> CoreResult<Vec<Competence>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT c.rowid, p.family_id, p.id, p.title, p.code, c.id, c.label
               FROM competences c
               JOIN professions p ON p.id = c.profession_id
              WHERE (?1 IS NULL OR p.family_id = ?1)",
        )?;
        let mut rows = statement.query(params![filter.family_id])?;
        let mut index: HashMap<i64, usize> = HashMap::new();
        let mut competences = Vec::new();
        while let Some(row) = rows.next()? {
            index.insert(row.get(0)?, competences.len());
            competences.push(Competence {
                family_id: row.get(1)?,
                competence: ReportCompetence {
                    profession_id: row.get(2)?,
                    profession_title: row.get(3)?,
                    profession_code: row.get(4)?,
                    competence_id: row.get(5)?,
                    label: row.get(6)?,
                    ..ReportCompetence::default()
                },
            });
        }
        self.attach_observations(&mut competences, &index, filter)?;
        competences.retain(|c| !c.competence.observations.is_empty());
        Ok(competences)
    }

    /// Appends to each competence its observations in the period, by year then by when they
    /// were recorded. CROSS JOIN keeps the competences as the outer loop, and the
    /// `(competence_id, year, created_at, id)` index (migration 12) gives each competence's
    /// rows in the report's order: SQLite sorts nothing.
    fn attach_observations(
        &self,
        competences: &mut [Competence],
        index: &HashMap<i64, usize>,
        filter: &CompetencesReportFilter,
    ) -> CoreResult<()> {
        let mut statement = self.conn().prepare_cached(OBSERVATIONS_IN_ORDER)?;
        let mut rows = statement.query(params![filter.from_year, filter.to_year])?;
        let mut current: Option<(i64, Option<usize>)> = None;
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            let position = match current {
                Some((id, position)) if id == rowid => position,
                _ => {
                    let position = index.get(&rowid).copied();
                    current = Some((rowid, position));
                    position
                }
            };
            // A competence of another family: its observation is not decoded.
            let Some(position) = position else {
                continue;
            };
            competences[position]
                .competence
                .observations
                .push(ReportObservation {
                    year: row.get(1)?,
                    trend: row.get(2)?,
                    level: row.get(3)?,
                    source: row.get(4)?,
                    notes: row.get(5)?,
                });
        }
        Ok(())
    }
}

/// The family `wanted` names, by id or by label (accents, case and spacing ignored).
fn resolve_family(families: &[(String, String)], wanted: &str) -> CoreResult<(String, String)> {
    let folded = fold(wanted);
    families
        .iter()
        .find(|(id, _)| id == wanted)
        .or_else(|| families.iter().find(|(_, label)| fold(label) == folded))
        .cloned()
        .ok_or_else(|| CoreError::NotFound {
            entity: "La famille de métiers",
            id: wanted.to_string(),
        })
}

/// Competences into families, each in the report's order.
fn group(competences: Vec<Competence>, labels: &HashMap<String, String>) -> Vec<ReportFamily> {
    let title_ranks = title_ranks(&competences);
    let mut families: HashMap<Option<String>, Vec<ReportCompetence>> = HashMap::new();
    for c in competences {
        families
            .entry(c.family_id)
            .or_default()
            .push(finish(c.competence));
    }
    let mut families: Vec<ReportFamily> = families
        .into_iter()
        .map(|(id, mut competences)| {
            competences.sort_by_cached_key(|c| {
                (
                    trend_rank(&c.latest_trend),
                    title_ranks.get(c.profession_id.as_str()).copied(),
                    fold(&c.label),
                    c.competence_id.clone(),
                )
            });
            let label = id
                .as_ref()
                .and_then(|id| labels.get(id).cloned())
                .unwrap_or_else(|| NO_FAMILY_LABEL.to_string());
            ReportFamily {
                id,
                label,
                competences,
            }
        })
        .collect();
    families.sort_by_cached_key(|f| (f.id.is_none(), fold(&f.label), f.id.clone()));
    families
}

/// Each profession's place in the order of their folded titles (professions whose titles fold
/// alike share one): the titles are folded once per profession rather than once per
/// competence, and compared once.
fn title_ranks(competences: &[Competence]) -> HashMap<String, usize> {
    let mut folded: HashMap<&str, String> = HashMap::new();
    for c in competences {
        let c = &c.competence;
        folded
            .entry(c.profession_id.as_str())
            .or_insert_with(|| fold(&c.profession_title));
    }
    let mut titles: Vec<&str> = folded.values().map(String::as_str).collect();
    titles.sort_unstable();
    titles.dedup();
    folded
        .iter()
        .map(|(id, title)| {
            let rank = titles.binary_search(&title.as_str()).unwrap_or_default();
            (id.to_string(), rank)
        })
        .collect()
}

/// Fills the first and latest trends and the distinct sources from the observations.
fn finish(mut competence: ReportCompetence) -> ReportCompetence {
    let observations = &competence.observations;
    competence.first_trend = observations
        .first()
        .map(|o| o.trend.clone())
        .unwrap_or_default();
    competence.latest_trend = observations
        .last()
        .map(|o| o.trend.clone())
        .unwrap_or_default();
    let mut sources: Vec<String> = Vec::new();
    for o in observations {
        let source = o.source.trim();
        if !source.is_empty() && !sources.iter().any(|s| s == source) {
            sources.push(source.to_string());
        }
    }
    competence.sources = sources;
    competence
}

impl CompetencesReport {
    /// The report with its summary counted.
    fn summed(mut self) -> CompetencesReport {
        let mut summary = ReportSummary::default();
        let mut professions = std::collections::HashSet::new();
        for competence in self.families.iter().flat_map(|f| &f.competences) {
            match trend_rank(&competence.latest_trend) {
                0 => summary.emerging += 1,
                1 => summary.growing += 1,
                2 => summary.stable += 1,
                3 => summary.declining += 1,
                _ => {}
            }
            professions.insert(competence.profession_id.as_str());
            summary.competences += 1;
            summary.observations += competence.observations.len();
        }
        summary.professions = professions.len();
        self.summary = summary;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What keeps a report of 50,000 observations fast: SQLite walks the index in the
    /// report's order and sorts nothing.
    #[test]
    fn the_observations_are_read_through_the_index_without_a_sort() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("plan.db")).unwrap();
        let mut plan = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {OBSERVATIONS_IN_ORDER}"))
            .unwrap();
        let steps: Vec<String> = plan
            .query_map(params![None::<i64>, Some(2024)], |row| row.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            steps
                .iter()
                .any(|s| s.contains("observations_in_report_order")),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );
    }
}
