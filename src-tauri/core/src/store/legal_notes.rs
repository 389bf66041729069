//! Legal notes (fiches juridiques) with their legal bases and related resources, both kept in
//! the form's order; the filtered, paged list with the matching passage of a text search.
//!
//! Territories, themes and professions are JSON lists on the note (no foreign key guards
//! them): their deletion is refused while a note names them (see `organisations` and
//! `professions`). A deleted resource simply leaves the note's links (FK cascade); the note's
//! search index holds no resource text, so it needs no re-indexing then.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row, Transaction};

use super::rows::Columns;
use super::search::{fts_query, index_legal_note};
use super::{
    check_ids_exist, deleted_one, json_list, new_id, now, stale_or_missing, to_json_list,
    OrNotFound, Store,
};
use crate::error::CoreResult;
use crate::model::*;
use crate::validation::check_legal_note;

/// Reads a row of `SELECT * FROM legal_notes` (see [`Columns`]); bases and resources are read
/// apart.
pub(in crate::store) fn note_from_row(row: &Row) -> rusqlite::Result<LegalNote> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let data = LegalNoteInput {
        question: c.get("question")?,
        short_answer: c.get("short_answer")?,
        full_answer: c.get("full_answer")?,
        countries: json_list(c.get("countries")?),
        territory_ids: json_list(c.get("territory_ids")?),
        theme_ids: json_list(c.get("theme_ids")?),
        profession_ids: json_list(c.get("profession_ids")?),
        up_to_date: c.get("up_to_date")?,
        review_date: c.get("review_date")?,
        author: c.get("author")?,
        ..Default::default()
    };
    let meta = c.meta(id)?;
    Ok(LegalNote { meta, data })
}

fn summary_from_row(row: &Row) -> rusqlite::Result<LegalNoteSummary> {
    let mut c = Columns::new(row);
    Ok(LegalNoteSummary {
        id: c.get("id")?,
        question: c.get("question")?,
        short_answer: c.get("short_answer")?,
        up_to_date: c.get("up_to_date")?,
        review_date: c.get("review_date")?,
        author: c.get("author")?,
        excerpt: c.get("excerpt")?,
        updated_at: c.get("updated_at")?,
    })
}

/// Reads `kind, identifier, article, date, url` of `legal_bases` from the cursor.
pub(in crate::store) fn basis_from(c: &mut Columns) -> rusqlite::Result<LegalBasis> {
    Ok(LegalBasis {
        kind: c.get("kind")?,
        identifier: c.get("identifier")?,
        article: c.get("article")?,
        date: c.get("date")?,
        url: c.get("url")?,
    })
}

/// A note's bases and resources, each in its position's order.
fn read_links(conn: &Connection, note: &mut LegalNote) -> CoreResult<()> {
    let id = note.meta.id.as_str();
    let mut bases = conn.prepare_cached(
        "SELECT kind, identifier, article, date, url FROM legal_bases WHERE note_id = ?1 ORDER BY position",
    )?;
    note.data.bases = bases
        .query_map([id], |row| basis_from(&mut Columns::new(row)))?
        .collect::<Result<_, _>>()?;
    let mut resources = conn.prepare_cached(
        "SELECT resource_id FROM legal_note_resources WHERE note_id = ?1 ORDER BY position",
    )?;
    note.data.resource_ids = resources
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(())
}

/// The links a note names exist (the store's part of the validation).
fn check_links(tx: &Transaction, input: &LegalNoteInput) -> CoreResult<()> {
    check_ids_exist(
        tx,
        "territories",
        &input.territory_ids,
        "territoryIds",
        "Le territoire",
    )?;
    check_ids_exist(tx, "themes", &input.theme_ids, "themeIds", "Le thème")?;
    check_ids_exist(
        tx,
        "professions",
        &input.profession_ids,
        "professionIds",
        "Le métier",
    )?;
    check_ids_exist(
        tx,
        "resources",
        &input.resource_ids,
        "resourceIds",
        "La ressource",
    )
}

/// Rewrites the note's bases and resource links in the form's order (a resource named twice
/// is linked once).
pub(crate) fn write_links(tx: &Transaction, id: &str, input: &LegalNoteInput) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM legal_bases WHERE note_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO legal_bases (note_id, position, kind, identifier, article, date, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, b) in input.bases.iter().enumerate() {
        insert.execute(params![
            id,
            position as i64,
            b.kind,
            b.identifier.trim(),
            b.article.trim(),
            b.date.trim(),
            b.url.trim()
        ])?;
    }
    tx.prepare_cached("DELETE FROM legal_note_resources WHERE note_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO legal_note_resources (note_id, resource_id, position)
         VALUES (?1, ?2, ?3)",
    )?;
    for (position, resource) in input.resource_ids.iter().enumerate() {
        insert.execute(params![id, resource, position as i64])?;
    }
    Ok(())
}

/// A list of ids or codes as stored: each once, in the form's order (a form or a script that
/// sends one twice would otherwise print it twice and block nothing more).
fn unique_list(list: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<String> = list
        .iter()
        .filter(|item| seen.insert(item.as_str()))
        .cloned()
        .collect();
    to_json_list(&unique)
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

impl Store {
    pub fn get_legal_note(&self, id: &str) -> CoreResult<LegalNote> {
        let conn = self.conn();
        let mut note = conn
            .query_row(
                "SELECT * FROM legal_notes WHERE id = ?1",
                [id],
                note_from_row,
            )
            .or_not_found("La fiche juridique", id)?;
        read_links(conn, &mut note)?;
        Ok(note)
    }

    pub fn create_legal_note(&mut self, input: &LegalNoteInput) -> CoreResult<LegalNote> {
        check_legal_note(input)?;
        let id = new_id();
        self.write(|tx| {
            check_links(tx, input)?;
            tx.execute(
                "INSERT INTO legal_notes (id, question, short_answer, full_answer, countries,
                    territory_ids, theme_ids, profession_ids, up_to_date, review_date, author,
                    created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, 1)",
                params![
                    id,
                    input.question.trim(),
                    input.short_answer.trim(),
                    input.full_answer,
                    unique_list(&input.countries),
                    unique_list(&input.territory_ids),
                    unique_list(&input.theme_ids),
                    unique_list(&input.profession_ids),
                    input.up_to_date.trim(),
                    input.review_date.trim(),
                    input.author.trim(),
                    now()
                ],
            )?;
            write_links(tx, &id, input)?;
            index_legal_note(tx, &id)
        })?;
        self.get_legal_note(&id)
    }

    /// Saves the form over version `version`; bases and resources are rewritten whole.
    pub fn update_legal_note(
        &mut self,
        id: &str,
        version: i64,
        input: &LegalNoteInput,
    ) -> CoreResult<LegalNote> {
        check_legal_note(input)?;
        self.write(|tx| {
            check_links(tx, input)?;
            let changed = tx.execute(
                "UPDATE legal_notes SET question = ?3, short_answer = ?4, full_answer = ?5,
                    countries = ?6, territory_ids = ?7, theme_ids = ?8, profession_ids = ?9,
                    up_to_date = ?10, review_date = ?11, author = ?12, updated_at = ?13,
                    version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id,
                    version,
                    input.question.trim(),
                    input.short_answer.trim(),
                    input.full_answer,
                    unique_list(&input.countries),
                    unique_list(&input.territory_ids),
                    unique_list(&input.theme_ids),
                    unique_list(&input.profession_ids),
                    input.up_to_date.trim(),
                    input.review_date.trim(),
                    input.author.trim(),
                    now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(
                    tx,
                    "legal_notes",
                    "La fiche juridique",
                    id,
                ));
            }
            write_links(tx, id, input)?;
            index_legal_note(tx, id)
        })?;
        self.get_legal_note(id)
    }

    /// Deletes a note with its bases and resource links (the resources themselves stay).
    pub fn delete_legal_note(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM legal_notes WHERE id = ?1", [id])?;
            deleted_one(deleted, "La fiche juridique", id)?;
            index_legal_note(tx, id)
        })
    }

    /// A page of notes matching the filters: by relevance with a query (the matching passage
    /// as excerpt), else by question.
    pub fn list_legal_notes(&self, filter: &LegalNoteFilter) -> CoreResult<Page<LegalNoteSummary>> {
        let mut values: Vec<Value> = Vec::new();
        let mut conditions: Vec<String> = Vec::new();
        let text = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(String::from);
        // With a query the matches drive the join, and the passage comes from the FTS row.
        let (source, excerpt, order) = match fts_query(&filter.query) {
            Some(query) => {
                values.push(Value::Text(query));
                (
                    "legal_notes_fts f CROSS JOIN legal_notes_fts_keys k ON k.fts_rowid = f.rowid
                     CROSS JOIN legal_notes n ON n.id = k.note_id",
                    "snippet(legal_notes_fts, -1, '[', ']', '…', 16)",
                    "f.rank, n.question COLLATE NOCASE, n.id",
                )
            }
            None => ("legal_notes n", "''", "n.question COLLATE NOCASE, n.id"),
        };
        if !values.is_empty() {
            conditions.push("legal_notes_fts MATCH ?".into());
        }
        for (column, value) in [
            ("countries", text(&filter.country)),
            ("territory_ids", text(&filter.territory_id)),
            ("theme_ids", text(&filter.theme_id)),
        ] {
            if let Some(value) = value {
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM json_each(n.{column}) j WHERE j.value = ?)"
                ));
                values.push(Value::Text(value));
            }
        }
        if filter.review_due {
            conditions.push("n.review_date != '' AND n.review_date <= ?".into());
            values.push(Value::Text(today()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let conn = self.conn();
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM {source} {where_clause}"),
            params_from_iter(values.iter()),
            |row| row.get(0),
        )?;
        let limit = filter.limit.unwrap_or(50).clamp(1, 1000);
        let offset = filter.offset.unwrap_or(0).max(0);
        let sql = format!(
            "SELECT n.id, n.question, n.short_answer, n.up_to_date, n.review_date, n.author,
                {excerpt} AS excerpt, n.updated_at
             FROM {source} {where_clause} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        let mut statement = conn.prepare_cached(&sql)?;
        let items = statement
            .query_map(params_from_iter(values.iter()), summary_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }
}

/// Inserts or overwrites a note with the id, times, version, bases and resources it carries
/// (the exchange's import), inside the caller's transaction, and re-indexes it.
pub(crate) fn upsert_legal_note(tx: &Transaction, record: &LegalNote) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO legal_notes (id, question, short_answer, full_answer, countries,
            territory_ids, theme_ids, profession_ids, up_to_date, review_date, author,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET question = excluded.question,
            short_answer = excluded.short_answer, full_answer = excluded.full_answer,
            countries = excluded.countries, territory_ids = excluded.territory_ids,
            theme_ids = excluded.theme_ids, profession_ids = excluded.profession_ids,
            up_to_date = excluded.up_to_date, review_date = excluded.review_date,
            author = excluded.author, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        d.question,
        d.short_answer,
        d.full_answer,
        to_json_list(&d.countries),
        to_json_list(&d.territory_ids),
        to_json_list(&d.theme_ids),
        to_json_list(&d.profession_ids),
        d.up_to_date,
        d.review_date,
        d.author,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    write_links(tx, &m.id, d)?;
    index_legal_note(tx, &m.id)
}
