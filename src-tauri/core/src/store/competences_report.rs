//! The competences report's reading: two queries whatever the number of professions (the
//! families, then every observation in the period joined to its competence and profession),
//! grouped and ordered here.

use std::collections::HashMap;

use rusqlite::params;

use super::Store;
use crate::error::{CoreError, CoreResult};
use crate::exchange::text::fold;
use crate::model::{
    trend_rank, CompetencesReport, CompetencesReportFilter, ReportCompetence, ReportFamily,
    ReportObservation, ReportSummary,
};
use crate::validation::check_report_filter;

/// The heading of the professions that belong to no family.
pub const NO_FAMILY_LABEL: &str = "Sans famille";

/// One observation row of the report's query.
struct Row {
    family_id: Option<String>,
    profession_id: String,
    profession_title: String,
    profession_code: String,
    competence_id: String,
    label: String,
    observation: ReportObservation,
    /// The order of observations of the same competence and year.
    created_at: String,
    observation_id: String,
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
        let rows = self.report_rows(&applied)?;
        let labels: HashMap<String, String> = families.into_iter().collect();
        Ok(CompetencesReport {
            family_label: family.map(|(_, label)| label),
            families: group(rows, &labels),
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

    /// The observations in the period, by competence then year.
    fn report_rows(&self, filter: &CompetencesReportFilter) -> CoreResult<Vec<Row>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT p.family_id, p.id, p.title, p.code, c.id, c.label,
                    o.year, o.trend, o.level, o.source, o.notes, o.created_at, o.id
               FROM competence_observations o
               JOIN competences c ON c.id = o.competence_id
               JOIN professions p ON p.id = c.profession_id
              WHERE (?1 IS NULL OR p.family_id = ?1)
                AND (?2 IS NULL OR o.year >= ?2)
                AND (?3 IS NULL OR o.year <= ?3)",
        )?;
        let rows = statement.query_map(
            params![filter.family_id, filter.from_year, filter.to_year],
            |row| {
                Ok(Row {
                    family_id: row.get(0)?,
                    profession_id: row.get(1)?,
                    profession_title: row.get(2)?,
                    profession_code: row.get(3)?,
                    competence_id: row.get(4)?,
                    label: row.get(5)?,
                    observation: ReportObservation {
                        year: row.get(6)?,
                        trend: row.get(7)?,
                        level: row.get(8)?,
                        source: row.get(9)?,
                        notes: row.get(10)?,
                    },
                    created_at: row.get(11)?,
                    observation_id: row.get(12)?,
                })
            },
        )?;
        // Sorted here rather than by an ORDER BY: SQLite would copy all 50,000 rows of a large
        // report into a temporary B-tree first, four times slower than the query itself.
        let mut rows: Vec<Row> = rows.collect::<Result<_, _>>()?;
        rows.sort_unstable_by(|a, b| {
            (
                &a.competence_id,
                a.observation.year,
                &a.created_at,
                &a.observation_id,
            )
                .cmp(&(
                    &b.competence_id,
                    b.observation.year,
                    &b.created_at,
                    &b.observation_id,
                ))
        });
        Ok(rows)
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

/// Rows (by competence, then year) into families of competences, each in the report's order.
fn group(rows: Vec<Row>, labels: &HashMap<String, String>) -> Vec<ReportFamily> {
    let mut families: HashMap<Option<String>, Vec<ReportCompetence>> = HashMap::new();
    let mut current: Option<(Option<String>, ReportCompetence)> = None;
    for row in rows {
        let same = current
            .as_ref()
            .is_some_and(|(_, c)| c.competence_id == row.competence_id);
        if !same {
            if let Some((family, done)) = current.take() {
                families.entry(family).or_default().push(finish(done));
            }
            current = Some((
                row.family_id,
                ReportCompetence {
                    profession_id: row.profession_id,
                    profession_title: row.profession_title,
                    profession_code: row.profession_code,
                    competence_id: row.competence_id,
                    label: row.label,
                    ..ReportCompetence::default()
                },
            ));
        }
        if let Some((_, competence)) = current.as_mut() {
            competence.observations.push(row.observation);
        }
    }
    if let Some((family, done)) = current {
        families.entry(family).or_default().push(finish(done));
    }
    let mut families: Vec<ReportFamily> = families
        .into_iter()
        .map(|(id, mut competences)| {
            competences.sort_by_cached_key(|c| {
                (
                    trend_rank(&c.latest_trend),
                    fold(&c.profession_title),
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
