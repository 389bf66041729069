//! Experts with their languages, themes, territories and professions, and the filtered
//! full-text search over them.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Row, Transaction};

use super::rows::Columns;
use super::search::{fts_query, index_expert, unindex_expert};
use super::{check_ids_exist, deleted_one, new_id, now, stale_or_missing, OrNotFound, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::check_expert;

/// Reads a row of `SELECT *` from `experts`, then `organisation_name` (see [`Columns`]); the
/// languages and links are read apart.
pub(super) fn expert_from_row(row: &Row) -> rusqlite::Result<Expert> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Expert {
        data: ExpertInput {
            first_name: c.get("first_name")?,
            last_name: c.get("last_name")?,
            job_title: c.get("job_title")?,
            organisation_id: c.get("organisation_id")?,
            country: c.get("country")?,
            city: c.get("city")?,
            email: c.get("email")?,
            phone: c.get("phone")?,
            languages: Vec::new(),
            theme_ids: Vec::new(),
            territory_ids: Vec::new(),
            profession_ids: Vec::new(),
            bio_fr: c.get("bio_fr")?,
            bio_other: c.get("bio_other")?,
            bio_other_language: c.get("bio_other_language")?,
            keywords: c.get("keywords")?,
            availability: c.get("availability")?,
            fees: c.get("fees")?,
            consent_date: c.get("consent_date")?,
            consent_source: c.get("consent_source")?,
            review_date: c.get("review_date")?,
            notes: c.get("notes")?,
        },
        meta: c.meta(id)?,
        organisation_name: c.get("organisation_name")?,
    })
}

/// Reads `language, level` of `expert_languages` from the cursor.
pub(super) fn language_from(c: &mut Columns) -> rusqlite::Result<LanguageSkill> {
    Ok(LanguageSkill {
        language: c.get("language")?,
        level: c.get("level")?,
    })
}

pub(super) fn summary_from_row(row: &Row) -> rusqlite::Result<ExpertSummary> {
    Ok(ExpertSummary {
        id: row.get("id")?,
        first_name: row.get("first_name")?,
        last_name: row.get("last_name")?,
        job_title: row.get("job_title")?,
        organisation_name: row.get("organisation_name")?,
        country: row.get("country")?,
        city: row.get("city")?,
        email: row.get("email")?,
        languages: row
            .get::<_, Option<String>>("languages")?
            .unwrap_or_default(),
        updated_at: row.get("updated_at")?,
    })
}

/// Checks the links an expert input makes to other records, inside the writing transaction.
fn check_links(tx: &Transaction, input: &ExpertInput) -> CoreResult<()> {
    if let Some(organisation) = &input.organisation_id {
        check_ids_exist(
            tx,
            "organisations",
            std::slice::from_ref(organisation),
            "organisationId",
            "La structure",
        )?;
    }
    check_ids_exist(tx, "themes", &input.theme_ids, "themeIds", "Le thème")?;
    check_ids_exist(
        tx,
        "territories",
        &input.territory_ids,
        "territoryIds",
        "Le territoire",
    )?;
    check_ids_exist(
        tx,
        "professions",
        &input.profession_ids,
        "professionIds",
        "Le métier",
    )?;
    Ok(())
}

/// Rewrites an expert's languages and links. Shared by the form, the CSV import and the JSON
/// exchange, so every path writes the same rows.
pub(super) fn write_expert_links(
    tx: &Transaction,
    id: &str,
    input: &ExpertInput,
) -> CoreResult<()> {
    for table in [
        "expert_languages",
        "expert_themes",
        "expert_territories",
        "expert_professions",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE expert_id = ?1"))?
            .execute([id])?;
    }
    let mut language = tx.prepare_cached(
        "INSERT INTO expert_languages (expert_id, position, language, level, level_rank) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, skill) in input.languages.iter().enumerate() {
        let rank = LanguageLevel::from_code(&skill.level)
            .map(LanguageLevel::rank)
            .unwrap_or(0);
        language.execute(params![
            id,
            position as i64,
            skill.language,
            skill.level,
            rank
        ])?;
    }
    for (table, column, ids) in [
        ("expert_themes", "theme_id", &input.theme_ids),
        ("expert_territories", "territory_id", &input.territory_ids),
        ("expert_professions", "profession_id", &input.profession_ids),
    ] {
        let mut statement = tx.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {table} (expert_id, {column}) VALUES (?1, ?2)"
        ))?;
        for linked in ids {
            statement.execute([id, linked])?;
        }
    }
    Ok(())
}

/// Inserts a validated expert's row and links, without its full-text entry (bulk imports
/// refill the index once at the end). Returns the new id.
pub(super) fn insert_expert_rows(tx: &Transaction, input: &ExpertInput) -> CoreResult<String> {
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO experts (id, first_name, last_name, job_title, organisation_id, country, city, email,
            phone, bio_fr, bio_other, bio_other_language, keywords, availability, fees, consent_date,
            consent_source, review_date, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, 1)",
    )?
    .execute(params![
        id, input.first_name.trim(), input.last_name.trim(), input.job_title.trim(), input.organisation_id,
        input.country, input.city.trim(), input.email.trim(), input.phone.trim(), input.bio_fr,
        input.bio_other, input.bio_other_language, input.keywords, input.availability, input.fees,
        input.consent_date, input.consent_source, input.review_date, input.notes, now()
    ])?;
    write_expert_links(tx, &id, input)?;
    Ok(id)
}

/// Updates a validated expert's row and links if it is still at `version`, without its
/// full-text entry.
pub(super) fn update_expert_rows(
    tx: &Transaction,
    id: &str,
    version: i64,
    input: &ExpertInput,
) -> CoreResult<()> {
    let changed = tx
        .prepare_cached(
            "UPDATE experts SET first_name = ?3, last_name = ?4, job_title = ?5, organisation_id = ?6,
                country = ?7, city = ?8, email = ?9, phone = ?10, bio_fr = ?11, bio_other = ?12,
                bio_other_language = ?13, keywords = ?14, availability = ?15, fees = ?16,
                consent_date = ?17, consent_source = ?18, review_date = ?19, notes = ?20,
                updated_at = ?21, version = version + 1
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id, version, input.first_name.trim(), input.last_name.trim(), input.job_title.trim(),
            input.organisation_id, input.country, input.city.trim(), input.email.trim(), input.phone.trim(),
            input.bio_fr, input.bio_other, input.bio_other_language, input.keywords, input.availability,
            input.fees, input.consent_date, input.consent_source, input.review_date, input.notes, now()
        ])?;
    if changed == 0 {
        return Err(stale_or_missing(tx, "experts", "L'expert", id));
    }
    write_expert_links(tx, id, input)
}

/// Inserts an expert inside an open transaction (used by the store, the example data and tests
/// that generate many rows in one transaction).
pub(crate) fn insert_expert(tx: &Transaction, input: &ExpertInput) -> CoreResult<String> {
    check_expert(input)?;
    check_links(tx, input)?;
    let id = insert_expert_rows(tx, input)?;
    index_expert(tx, &id)?;
    Ok(id)
}

impl Store {
    pub fn get_expert(&self, id: &str) -> CoreResult<Expert> {
        let conn = self.conn();
        let mut expert = conn
            .query_row(
                "SELECT e.*, o.name AS organisation_name FROM experts e
                 LEFT JOIN organisations o ON o.id = e.organisation_id WHERE e.id = ?1",
                [id],
                expert_from_row,
            )
            .or_not_found("L'expert", id)?;
        let mut languages = conn.prepare_cached(
            "SELECT language, level FROM expert_languages WHERE expert_id = ?1 ORDER BY position",
        )?;
        expert.data.languages = languages
            .query_map([id], |row| language_from(&mut Columns::new(row)))?
            .collect::<Result<_, _>>()?;
        let ids = |sql: &str| -> CoreResult<Vec<String>> {
            let mut statement = conn.prepare_cached(sql)?;
            let rows = statement.query_map([id], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        expert.data.theme_ids = ids("SELECT theme_id FROM expert_themes WHERE expert_id = ?1")?;
        expert.data.territory_ids =
            ids("SELECT territory_id FROM expert_territories WHERE expert_id = ?1")?;
        expert.data.profession_ids =
            ids("SELECT profession_id FROM expert_professions WHERE expert_id = ?1")?;
        Ok(expert)
    }

    pub fn create_expert(&mut self, input: &ExpertInput) -> CoreResult<Expert> {
        let id = self.write(|tx| insert_expert(tx, input))?;
        self.get_expert(&id)
    }

    /// Saves an edit made on version `version`; refused if someone saved in between.
    pub fn update_expert(
        &mut self,
        id: &str,
        version: i64,
        input: &ExpertInput,
    ) -> CoreResult<Expert> {
        check_expert(input)?;
        self.write(|tx| {
            check_links(tx, input)?;
            update_expert_rows(tx, id, version, input)?;
            index_expert(tx, id)?;
            // The resources' index holds their authors' names.
            super::resources::reindex_authored(tx, "expert_id", id)
        })?;
        self.get_expert(id)
    }

    /// Deletes an expert, unless they speak in a session: then the events are listed.
    pub fn delete_expert(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let events: Vec<String> = {
                let mut statement = tx.prepare(
                    "SELECT DISTINCT ev.code, ev.title, ev.start_date FROM session_speakers sp
                     JOIN sessions s ON s.id = sp.session_id JOIN events ev ON ev.id = s.event_id
                     WHERE sp.expert_id = ?1 ORDER BY ev.start_date",
                )?;
                let rows = statement.query_map([id], |row| {
                    let code: String = row.get(0)?;
                    let title: String = row.get(1)?;
                    let start: String = row.get(2)?;
                    let start = crate::validation::parse_date(&start)
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or(start);
                    Ok(format!("{code} — {title} ({start})"))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            if !events.is_empty() {
                return Err(CoreError::InUse {
                    message: format!(
                        "Cet expert intervient dans {} événement(s) : {}. Retirez-le d'abord de ces programmes.",
                        events.len(),
                        events.join(" ; ")
                    ),
                    references: events,
                });
            }
            super::resources::refuse_if_authored(tx, "expert_id", id, "Cet expert")?;
            deleted_one(tx.execute("DELETE FROM experts WHERE id = ?1", [id])?, "L'expert", id)?;
            unindex_expert(tx, id)?;
            Ok(())
        })
    }

    /// A page of experts matching the text query and filters, sorted by name.
    pub fn search_experts(&self, filter: &ExpertFilter) -> CoreResult<Page<ExpertSummary>> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        // With a text query the matches drive the join (CROSS JOIN fixes SQLite's join order), so
        // only the hits are filtered and sorted, not the whole directory.
        let source = match fts_query(&filter.query) {
            Some(query) => {
                values.push(Value::Text(query));
                "(SELECT k.expert_id AS id FROM experts_fts f
                    CROSS JOIN experts_fts_keys k ON k.fts_rowid = f.rowid WHERE experts_fts MATCH ?) hits
                 CROSS JOIN experts e ON e.id = hits.id"
            }
            None => "experts e",
        };
        if let Some(theme) = filter.theme_id.as_deref().filter(|s| !s.is_empty()) {
            conditions.push("EXISTS (SELECT 1 FROM expert_themes t WHERE t.expert_id = e.id AND t.theme_id = ?)".into());
            values.push(Value::Text(theme.into()));
        }
        if let Some(territory) = filter.territory_id.as_deref().filter(|s| !s.is_empty()) {
            conditions.push(
                "EXISTS (SELECT 1 FROM expert_territories t WHERE t.expert_id = e.id AND t.territory_id = ?)".into(),
            );
            values.push(Value::Text(territory.into()));
        }
        if let Some(language) = filter.language.as_deref().filter(|s| !s.is_empty()) {
            let min_rank = filter
                .min_level
                .as_deref()
                .and_then(LanguageLevel::from_code)
                .map(LanguageLevel::rank)
                .unwrap_or(1);
            conditions.push(
                "EXISTS (SELECT 1 FROM expert_languages l WHERE l.expert_id = e.id AND l.language = ? AND l.level_rank >= ?)"
                    .into(),
            );
            values.push(Value::Text(language.into()));
            values.push(Value::Integer(min_rank));
        }
        if let Some(country) = filter.country.as_deref().filter(|s| !s.is_empty()) {
            conditions.push("e.country = ?".into());
            values.push(Value::Text(country.into()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let conn = self.conn();
        let limit = filter.limit.unwrap_or(50).max(1);
        let offset = filter.offset.unwrap_or(0).max(0);
        // Filtered: the count rides along with the page (a window over the matching rows), so
        // the filters run once. Unfiltered: the name index yields the page without reading every
        // row, and a plain COUNT is cheap, so a window would only slow it down.
        let filtered = !where_clause.is_empty() || source != "experts e";
        let total_column = if filtered { "COUNT(*) OVER ()" } else { "NULL" };
        // The page's ids are chosen first on narrow rows (the name index gives the order), and
        // only those rows are then completed with their organisation and languages.
        let sql = format!(
            "WITH page AS (
                SELECT e.id, {total_column} AS total FROM {source} {where_clause}
                ORDER BY e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, e.id
                LIMIT {limit} OFFSET {offset})
             SELECT e.id, e.first_name, e.last_name, e.job_title, e.country, e.city, e.email, e.updated_at,
                o.name AS organisation_name,
                (SELECT group_concat(language || ':' || level, ', ') FROM
                    (SELECT language, level FROM expert_languages WHERE expert_id = e.id ORDER BY position)) AS languages,
                page.total
             FROM page CROSS JOIN experts e ON e.id = page.id
             LEFT JOIN organisations o ON o.id = e.organisation_id
             ORDER BY e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, e.id"
        );
        let mut statement = conn.prepare_cached(&sql)?;
        let rows: Vec<(ExpertSummary, Option<i64>)> = statement
            .query_map(params_from_iter(values.iter()), |row| {
                Ok((summary_from_row(row)?, row.get("total")?))
            })?
            .collect::<Result<_, _>>()?;
        let total = match rows.first() {
            Some((_, Some(total))) => *total,
            None if filtered && offset == 0 => 0,
            _ => conn.query_row(
                &format!("SELECT COUNT(*) FROM {source} {where_clause}"),
                params_from_iter(values.iter()),
                |row| row.get(0),
            )?,
        };
        let items = rows.into_iter().map(|(item, _)| item).collect();
        Ok(Page { items, total })
    }

    /// The events an expert speaks in, most recent first (shown on the expert's page).
    pub fn events_of_expert(&self, expert_id: &str) -> CoreResult<Vec<EventSummary>> {
        self.list_event_summaries(
            "WHERE ev.id IN (SELECT s.event_id FROM sessions s JOIN session_speakers sp ON sp.session_id = s.id
                              WHERE sp.expert_id = ?1)
             ORDER BY ev.start_date DESC",
            &[Value::Text(expert_id.into())],
        )
    }
}

impl Store {
    /// Hands every expert as a list line to `each`, in directory order (last name, first
    /// name): the lines of an unfiltered [`Store::search_experts`] without a limit, for the
    /// command line's `list experts`, which prints each as it comes. Read in two scans, every
    /// language and then the experts with their organisation, rather than one sub-query per
    /// expert: at 10,000 experts the sub-queries were most of the command's time. Columns are
    /// read by position (by name, rusqlite compares every column name for each value).
    pub fn for_each_expert_summary(
        &self,
        mut each: impl FnMut(ExpertSummary) -> CoreResult<()>,
    ) -> CoreResult<()> {
        let conn = self.conn();
        let mut languages: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        let mut statement = conn.prepare(
            "SELECT expert_id, language, level FROM expert_languages ORDER BY expert_id, position",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let line = languages.entry(row.get(0)?).or_default();
            if !line.is_empty() {
                line.push_str(", ");
            }
            let (language, level): (String, String) = (row.get(1)?, row.get(2)?);
            line.push_str(&language);
            line.push(':');
            line.push_str(&level);
        }
        let mut statement = conn.prepare(
            "SELECT e.id, e.first_name, e.last_name, e.job_title, o.name, e.country, e.city,
                e.email, e.updated_at
             FROM experts e LEFT JOIN organisations o ON o.id = e.organisation_id
             ORDER BY e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, e.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let languages = languages.remove(&id).unwrap_or_default();
            each(ExpertSummary {
                id,
                first_name: row.get(1)?,
                last_name: row.get(2)?,
                job_title: row.get(3)?,
                organisation_name: row.get(4)?,
                country: row.get(5)?,
                city: row.get(6)?,
                email: row.get(7)?,
                languages,
                updated_at: row.get(8)?,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod list_tests {
    use crate::model::{ExpertFilter, ExpertInput};
    use crate::Store;

    #[test]
    fn the_whole_list_is_the_unfiltered_search_without_a_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_with_reference(&dir.path().join("list.db")).unwrap();
        crate::demo::add_demo(&mut store).unwrap();
        // One without organisation nor languages, sorted among the others.
        store
            .create_expert(&ExpertInput {
                first_name: "Zoé".into(),
                last_name: "Bergmann".into(),
                country: "DE".into(),
                ..Default::default()
            })
            .unwrap();
        let all = ExpertFilter {
            limit: Some(i64::MAX),
            ..Default::default()
        };
        let searched = store.search_experts(&all).unwrap().items;
        assert!(searched.len() > 2);
        assert!(searched.iter().any(|e| e.languages.contains(", ")));
        let mut listed = Vec::new();
        store
            .for_each_expert_summary(|summary| {
                listed.push(summary);
                Ok(())
            })
            .unwrap();
        assert_eq!(listed, searched);
    }
}
