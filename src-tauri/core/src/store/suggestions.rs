//! Speaker suggestions for the agenda editor: the experts who fit a session best come first,
//! each with the reasons they fit (themes shared with the event, the event's territory, the
//! session's language), optionally narrowed by what the user typed.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::experts::summary_from_row;
use super::search::fts_query;
use super::Store;
use crate::codes::language_label;
use crate::error::CoreResult;
use crate::model::{LanguageLevel, SpeakerSuggestion};

impl Store {
    /// Experts for a session of `event_id` held in `language` (ISO 639-1, or empty), best fit
    /// first. With `query`, only the experts it finds, still in order of fit; without, only the
    /// experts with at least one reason to be there. At most `limit`.
    pub fn suggest_speakers(
        &self,
        event_id: &str,
        language: &str,
        query: &str,
        limit: i64,
    ) -> CoreResult<Vec<SpeakerSuggestion>> {
        let fts = fts_query(query);
        let mut values: Vec<Value> = vec![event_id.to_string().into(), language.to_string().into()];
        let filter = match &fts {
            Some(text) => {
                values.push(text.clone().into());
                "e.id IN (SELECT k.expert_id FROM experts_fts f JOIN experts_fts_keys k ON k.fts_rowid = f.rowid
                    WHERE experts_fts MATCH ?3)"
            }
            None => "(shared_count > 0 OR in_territory OR level IS NOT NULL)",
        };
        values.push(limit.clamp(1, 100).into());
        let limit_parameter = values.len();
        // Scores are computed per expert with indexed lookups; the event's themes and
        // territory are tiny sets.
        let sql = format!(
            "WITH fit AS (
                SELECT e.id,
                    (SELECT COUNT(*) FROM expert_themes xt JOIN event_themes et
                        ON et.theme_id = xt.theme_id AND et.event_id = ?1
                        WHERE xt.expert_id = e.id) AS shared_count,
                    (SELECT group_concat(label, ', ') FROM (SELECT t.label FROM expert_themes xt
                        JOIN event_themes et ON et.theme_id = xt.theme_id AND et.event_id = ?1
                        JOIN themes t ON t.id = xt.theme_id
                        WHERE xt.expert_id = e.id ORDER BY t.label)) AS shared_labels,
                    EXISTS (SELECT 1 FROM expert_territories xr JOIN events ev
                        ON ev.id = ?1 AND ev.territory_id = xr.territory_id
                        WHERE xr.expert_id = e.id) AS in_territory,
                    (SELECT level FROM expert_languages xl
                        WHERE xl.expert_id = e.id AND xl.language = ?2 AND ?2 <> '') AS level
                FROM experts e)
             SELECT e.id, e.first_name, e.last_name, e.job_title, e.country, e.city, e.email,
                e.updated_at, o.name AS organisation_name,
                (SELECT group_concat(language || ':' || level, ', ') FROM
                    (SELECT language, level FROM expert_languages WHERE expert_id = e.id ORDER BY position)) AS languages,
                fit.shared_count, fit.shared_labels, fit.in_territory, fit.level,
                2 * fit.shared_count + 2 * fit.in_territory + (fit.level IS NOT NULL) AS score,
                (SELECT name FROM territories WHERE id = (SELECT territory_id FROM events WHERE id = ?1)) AS territory_name
             FROM fit JOIN experts e ON e.id = fit.id
             LEFT JOIN organisations o ON o.id = e.organisation_id
             WHERE {filter}
             ORDER BY score DESC, e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, e.id
             LIMIT ?{limit_parameter}"
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(values.iter()), |row| {
            let expert = summary_from_row(row)?;
            let shared_count: i64 = row.get("shared_count")?;
            let shared_labels: Option<String> = row.get("shared_labels")?;
            let in_territory: bool = row.get("in_territory")?;
            let level: Option<String> = row.get("level")?;
            let territory: Option<String> = row.get("territory_name")?;
            let mut reasons = Vec::new();
            if shared_count > 0 {
                let labels = shared_labels.unwrap_or_default();
                reasons.push(if shared_count == 1 {
                    format!("thématique en commun : {labels}")
                } else {
                    format!("{shared_count} thématiques en commun : {labels}")
                });
            }
            if in_territory {
                reasons.push(format!(
                    "connaît le territoire de l'événement{}",
                    territory.map(|t| format!(" ({t})")).unwrap_or_default()
                ));
            }
            if let Some(level) = level {
                let level = LanguageLevel::from_code(&level)
                    .map(LanguageLevel::label)
                    .unwrap_or(&level)
                    .to_string();
                reasons.push(format!(
                    "parle {} ({level}), la langue de la séquence",
                    language_label(language)
                ));
            }
            Ok(SpeakerSuggestion {
                expert,
                score: row.get("score")?,
                reasons,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
