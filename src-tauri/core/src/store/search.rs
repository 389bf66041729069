//! Full-text search (SQLite FTS5) over experts, events and professions.
//!
//! The indexes are plain FTS5 tables keyed by the record's id and rewritten by the store in the
//! same transaction as the record, so a committed change is searchable at once and a rolled-back
//! one leaves no trace. The tokenizer folds case and accents; every word the user types is
//! matched as a prefix ("mobi" finds "mobilité").

use rusqlite::{params, Connection, Transaction};

use super::Store;
use crate::error::CoreResult;
use crate::model::SearchHit;

/// Turns what the user typed into an FTS5 query: each word becomes a quoted prefix term, so that
/// punctuation and FTS5 operators in the input are taken literally and never cause a syntax error.
/// `None` when nothing searchable remains.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(16)
        .map(|word| format!("\"{word}\"*"))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

pub(crate) fn index_expert(tx: &Transaction, id: &str) -> CoreResult<()> {
    tx.execute("DELETE FROM experts_fts WHERE expert_id = ?1", [id])?;
    tx.execute(
        &format!("INSERT INTO experts_fts (expert_id, names, organisation, bio, keywords) {EXPERT_ROWS} WHERE e.id = ?1"),
        [id],
    )?;
    Ok(())
}

pub(crate) fn index_event(tx: &Transaction, id: &str) -> CoreResult<()> {
    tx.execute("DELETE FROM events_fts WHERE event_id = ?1", [id])?;
    tx.execute(
        &format!("INSERT INTO events_fts (event_id, title, code, city, description) {EVENT_ROWS} WHERE ev.id = ?1"),
        [id],
    )?;
    Ok(())
}

pub(crate) fn index_profession(tx: &Transaction, id: &str) -> CoreResult<()> {
    tx.execute("DELETE FROM professions_fts WHERE profession_id = ?1", [id])?;
    tx.execute(
        &format!(
            "INSERT INTO professions_fts (profession_id, title, description, competences) {PROFESSION_ROWS} WHERE p.id = ?1"
        ),
        [id],
    )?;
    Ok(())
}

const EXPERT_ROWS: &str = "SELECT e.id, e.first_name || ' ' || e.last_name,
    coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') || ' ' || e.job_title || ' ' || e.city,
    e.bio_fr || ' ' || e.bio_other, e.keywords
    FROM experts e LEFT JOIN organisations o ON o.id = e.organisation_id";

const EVENT_ROWS: &str =
    "SELECT ev.id, ev.title || ' ' || ev.subtitle, ev.code, ev.city || ' ' || ev.venue,
    ev.summary || ' ' || ev.audience || ' ' || ev.objectives
    FROM events ev";

const PROFESSION_ROWS: &str = "SELECT p.id, p.title, p.code || ' ' || p.description,
    coalesce((SELECT group_concat(c.label, ' ') FROM competences c WHERE c.profession_id = p.id), '')
    FROM professions p";

/// Refills every index from the tables (used when a file is migrated to the search schema).
pub(crate) fn rebuild_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "DELETE FROM experts_fts; DELETE FROM events_fts; DELETE FROM professions_fts;
         INSERT INTO experts_fts (expert_id, names, organisation, bio, keywords) {EXPERT_ROWS};
         INSERT INTO events_fts (event_id, title, code, city, description) {EVENT_ROWS};
         INSERT INTO professions_fts (profession_id, title, description, competences) {PROFESSION_ROWS};"
    ))
}

impl Store {
    /// The global search box: the best matches among experts, events and professions.
    pub fn search_all(&self, text: &str, limit_per_kind: i64) -> CoreResult<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let limit = limit_per_kind.clamp(1, 200);
        let conn = self.conn();
        let mut hits = Vec::new();
        let searches: [(&str, &str); 3] = [
            (
                "expert",
                "SELECT e.id, e.first_name || ' ' || e.last_name,
                    trim(e.job_title || CASE WHEN o.name IS NULL THEN '' ELSE ' — ' || o.name END)
                 FROM experts_fts f JOIN experts e ON e.id = f.expert_id
                 LEFT JOIN organisations o ON o.id = e.organisation_id
                 WHERE experts_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            ),
            (
                "event",
                "SELECT ev.id, ev.title, ev.code || ' — ' || ev.start_date
                 FROM events_fts f JOIN events ev ON ev.id = f.event_id
                 WHERE events_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            ),
            (
                "profession",
                "SELECT p.id, p.title, coalesce(fam.label, '')
                 FROM professions_fts f JOIN professions p ON p.id = f.profession_id
                 LEFT JOIN profession_families fam ON fam.id = p.family_id
                 WHERE professions_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            ),
        ];
        for (entity, sql) in searches {
            let mut statement = conn.prepare_cached(sql)?;
            let rows = statement.query_map(params![query, limit], |row| {
                Ok(SearchHit {
                    entity: entity.into(),
                    id: row.get(0)?,
                    title: row.get(1)?,
                    detail: row.get(2)?,
                })
            })?;
            for row in rows {
                hits.push(row?);
            }
        }
        Ok(hits)
    }

    /// Professions whose title, description or competences match the query (all when empty).
    pub fn search_professions(&self, text: &str) -> CoreResult<Vec<crate::model::Profession>> {
        let Some(query) = fts_query(text) else {
            return self.list_professions();
        };
        let ids: Vec<String> = {
            let mut statement = self.conn().prepare_cached(
                "SELECT profession_id FROM professions_fts WHERE professions_fts MATCH ?1",
            )?;
            let rows = statement.query_map([query], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        Ok(self
            .list_professions()?
            .into_iter()
            .filter(|p| ids.contains(&p.meta.id))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_becomes_quoted_prefix_terms() {
        assert_eq!(
            fts_query("études  mobilité"),
            Some("\"études\"* \"mobilité\"*".into())
        );
        assert_eq!(
            fts_query("\"AND\" OR (x*"),
            Some("\"AND\"* \"OR\"* \"x\"*".into())
        );
        assert_eq!(fts_query("  -- "), None);
    }
}
