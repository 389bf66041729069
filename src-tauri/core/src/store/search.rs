//! Full-text search (SQLite FTS5) over experts, events, professions, resources (with the text
//! of their files) and legal notes.
//!
//! Each index is an FTS5 table (`experts_fts`…) beside a key table (`experts_fts_keys`…)
//! that gives each record its index row: the key's `fts_rowid` is the FTS rowid, and its id
//! column is unique. Searching joins the matches to the records
//! through the key's rowid; re-indexing one record finds its row through the id index and
//! replaces it by rowid, so both cost a few B-tree lookups whatever the size of the index.
//!
//! The indexes are rewritten by the store in the same transaction as the record, so a
//! committed change is searchable at once and a rolled-back one leaves no trace. The tokenizer
//! folds case and accents; every word the user types is matched as a prefix ("mobi" finds
//! "mobilité").

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{search_passage, search_tiers, Store};
use crate::error::CoreResult;
use crate::model::SearchHit;

/// Turns what the user typed into an FTS5 query: each word becomes a quoted prefix term, so that
/// punctuation and FTS5 operators in the input are taken literally and never cause a syntax error.
/// `None` when nothing searchable remains.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let terms = fts_terms(input);
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

/// The FTS5 terms of what the user typed, one quoted prefix term a word (at most 16).
pub(crate) fn fts_terms(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(16)
        .map(|word| format!("\"{word}\"*"))
        .collect()
}

/// One searchable table family: its FTS table, key table and id column, and how a record's
/// indexed text is read (`text` over `from`, one value per FTS column, for the record whose
/// id is `record_id`).
struct Index {
    fts: &'static str,
    keys: &'static str,
    id: &'static str,
    columns: &'static str,
    text: &'static str,
    from: &'static str,
    record_id: &'static str,
    /// The records' table, read in the order they were written when the index is refilled.
    table: &'static str,
}

const EXPERTS: Index = Index {
    fts: "experts_fts",
    keys: "experts_fts_keys",
    id: "expert_id",
    columns: "names, organisation, bio, keywords",
    text: "e.first_name || ' ' || e.last_name,
        coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') || ' ' || e.job_title || ' ' || e.city,
        e.bio_fr || ' ' || e.bio_other, e.keywords",
    from: "experts e LEFT JOIN organisations o ON o.id = e.organisation_id",
    record_id: "e.id",
    table: "experts",
};

const EVENTS: Index = Index {
    fts: "events_fts",
    keys: "events_fts_keys",
    id: "event_id",
    columns: "title, code, city, description",
    text: "ev.title || ' ' || ev.subtitle, ev.code, ev.city || ' ' || ev.venue,
        ev.summary || ' ' || ev.audience || ' ' || ev.objectives",
    from: "events ev",
    record_id: "ev.id",
    table: "events",
};

const PROFESSIONS: Index = Index {
    fts: "professions_fts",
    keys: "professions_fts_keys",
    id: "profession_id",
    columns: "title, description, competences",
    text: "p.title, p.code || ' ' || p.description,
        coalesce((SELECT group_concat(c.label, ' ') FROM competences c WHERE c.profession_id = p.id), '')",
    from: "professions p",
    record_id: "p.id",
    table: "professions",
};

/// A resource: its authors' names, and the text extracted from its files (so that one query
/// finds a word of the title and a word inside a PDF alike).
const RESOURCES: Index = Index {
    fts: "resources_fts",
    keys: "resources_fts_keys",
    id: "resource_id",
    columns: "title, people, summary, keywords, files",
    text: "r.title,
        coalesce((SELECT group_concat(coalesce(ex.first_name || ' ' || ex.last_name,
                     o.name || ' ' || o.acronym), ' ')
                  FROM resource_authors a
                  LEFT JOIN experts ex ON ex.id = a.expert_id
                  LEFT JOIN organisations o ON o.id = a.organisation_id
                  WHERE a.resource_id = r.id), ''),
        r.summary || ' ' || r.audience,
        r.reference || ' ' || r.rights || ' ' || r.notes,
        coalesce((SELECT group_concat(fc.text, ' ')
                  FROM resource_files rf JOIN file_contents fc ON fc.sha256 = rf.sha256
                  WHERE rf.resource_id = r.id), '')",
    from: "resources r",
    record_id: "r.id",
    table: "resources",
};

const LEGAL_NOTES: Index = Index {
    fts: "legal_notes_fts",
    keys: "legal_notes_fts_keys",
    id: "note_id",
    columns: "question, answer, bases, author",
    text: "n.question, n.short_answer || ' ' || n.full_answer,
        coalesce((SELECT group_concat(b.identifier || ' ' || b.article, ' ')
                  FROM legal_bases b WHERE b.note_id = n.id), ''),
        n.author",
    from: "legal_notes n",
    record_id: "n.id",
    table: "legal_notes",
};

impl Index {
    /// Brings the index row of record `id` in line with the record: replaced when the record
    /// exists (keeping its rowid), removed with its key when it does not.
    fn refresh(&self, tx: &Transaction, id: &str) -> CoreResult<()> {
        let Index {
            fts,
            keys,
            id: id_column,
            columns,
            text,
            from,
            record_id,
            ..
        } = self;
        let existing: Option<i64> = tx
            .prepare_cached(&format!(
                "SELECT fts_rowid FROM {keys} WHERE {id_column} = ?1"
            ))?
            .query_row([id], |row| row.get(0))
            .optional()?;
        let rowid = match existing {
            Some(rowid) => {
                tx.prepare_cached(&format!("DELETE FROM {fts} WHERE rowid = ?1"))?
                    .execute([rowid])?;
                rowid
            }
            None => {
                tx.prepare_cached(&format!("INSERT INTO {keys} ({id_column}) VALUES (?1)"))?
                    .execute([id])?;
                tx.last_insert_rowid()
            }
        };
        let inserted = tx
            .prepare_cached(&format!(
                "INSERT INTO {fts} (rowid, {columns}) SELECT ?2, {text} FROM {from} WHERE {record_id} = ?1"
            ))?
            .execute(params![id, rowid])?;
        if inserted == 0 {
            tx.prepare_cached(&format!("DELETE FROM {keys} WHERE fts_rowid = ?1"))?
                .execute([rowid])?;
        }
        Ok(())
    }

    /// Empties the index and fills it again from the table, records in the order they were
    /// written (so that equally ranked matches keep their order).
    fn rebuild(&self, conn: &Connection) -> rusqlite::Result<()> {
        let Index {
            fts,
            keys,
            id,
            columns,
            text,
            from,
            record_id,
            table,
        } = self;
        conn.execute_batch(&format!(
            "DELETE FROM {fts};
             DELETE FROM {keys};
             INSERT INTO {keys} ({id}) SELECT id FROM {table} ORDER BY rowid;
             INSERT INTO {fts} (rowid, {columns})
                SELECT k.fts_rowid, {text} FROM {keys} k CROSS JOIN {from}
                WHERE {record_id} = k.{id} ORDER BY k.fts_rowid;"
        ))
    }
}

pub(crate) fn index_expert(tx: &Transaction, id: &str) -> CoreResult<()> {
    EXPERTS.refresh(tx, id)
}

pub(crate) fn index_event(tx: &Transaction, id: &str) -> CoreResult<()> {
    EVENTS.refresh(tx, id)
}

pub(crate) fn index_profession(tx: &Transaction, id: &str) -> CoreResult<()> {
    PROFESSIONS.refresh(tx, id)
}

/// Re-indexes a resource after any change to it, its authors or its files; removes the row of
/// a deleted one.
pub(crate) fn index_resource(tx: &Transaction, id: &str) -> CoreResult<()> {
    RESOURCES.refresh(tx, id)
}

/// Re-indexes a legal note after any change to it or its bases; removes a deleted one.
pub(crate) fn index_legal_note(tx: &Transaction, id: &str) -> CoreResult<()> {
    LEGAL_NOTES.refresh(tx, id)
}

/// Removes a deleted expert from the index: the same refresh, which removes the row of a
/// record that no longer exists.
pub(crate) fn unindex_expert(tx: &Transaction, id: &str) -> CoreResult<()> {
    EXPERTS.refresh(tx, id)
}

pub(crate) fn unindex_event(tx: &Transaction, id: &str) -> CoreResult<()> {
    EVENTS.refresh(tx, id)
}

pub(crate) fn unindex_profession(tx: &Transaction, id: &str) -> CoreResult<()> {
    PROFESSIONS.refresh(tx, id)
}

/// Refills every index from the tables (after a bulk import).
pub(crate) fn rebuild_all(conn: &Connection) -> rusqlite::Result<()> {
    for index in [EXPERTS, EVENTS, PROFESSIONS, RESOURCES, LEGAL_NOTES] {
        index.rebuild(conn)?;
    }
    Ok(())
}

/// Refills the indexes that exist at migration 4, the one that fills them: the library's
/// tables and indexes arrive empty with migration 9, so a file migrating from an older
/// version has nothing of them to index yet (and they do not exist when migration 4 runs).
pub(crate) fn rebuild_before_library(conn: &Connection) -> rusqlite::Result<()> {
    for index in [EXPERTS, EVENTS, PROFESSIONS] {
        index.rebuild(conn)?;
    }
    Ok(())
}

/// The best legal notes for an FTS query (?1), at most ?2: id, question, index row.
const LEGAL_NOTE_HITS: &str = "SELECT n.id, n.question, m.rowid
    FROM (SELECT rowid, rank FROM legal_notes_fts WHERE legal_notes_fts MATCH ?1
          ORDER BY rank LIMIT ?2) m
    JOIN legal_notes_fts_keys k ON k.fts_rowid = m.rowid
    JOIN legal_notes n ON n.id = k.note_id
    ORDER BY m.rank";

const LEGAL_NOTE_TEXT: &str =
    "SELECT question, answer, bases, author FROM legal_notes_fts WHERE rowid = ?1";

/// The hits of one library index, each with its passage (`search_passage`).
#[allow(clippy::too_many_arguments)]
fn library_hits(
    conn: &Connection,
    entity: &str,
    hits_sql: &str,
    text_sql: &str,
    query: &str,
    limit: i64,
    terms: &[String],
    hits: &mut Vec<SearchHit>,
) -> CoreResult<()> {
    let found: Vec<(String, String, i64)> = conn
        .prepare_cached(hits_sql)?
        .query_map(params![query, limit], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut text = conn.prepare_cached(text_sql)?;
    for (id, title, rowid) in found {
        let columns: Vec<String> = text.query_row([rowid], |row| {
            (0..row.as_ref().column_count())
                .map(|i| row.get(i))
                .collect::<Result<_, _>>()
        })?;
        hits.push(SearchHit {
            entity: entity.into(),
            id,
            title,
            detail: search_passage::passage(&columns, terms),
        });
    }
    Ok(())
}

impl Store {
    /// The global search box: the best matches among experts, events, professions, resources
    /// (including the text of their files) and legal notes.
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
                 FROM experts_fts f JOIN experts_fts_keys k ON k.fts_rowid = f.rowid
                 JOIN experts e ON e.id = k.expert_id
                 LEFT JOIN organisations o ON o.id = e.organisation_id
                 WHERE experts_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            ),
            (
                "event",
                "SELECT ev.id, ev.title, ev.code || ' — ' || ev.start_date
                 FROM events_fts f JOIN events_fts_keys k ON k.fts_rowid = f.rowid
                 JOIN events ev ON ev.id = k.event_id
                 WHERE events_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            ),
            (
                "profession",
                "SELECT p.id, p.title, coalesce(fam.label, '')
                 FROM professions_fts f JOIN professions_fts_keys k ON k.fts_rowid = f.rowid
                 JOIN professions p ON p.id = k.profession_id
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
        // The library, each hit with the passage that matched (from the title, the summary or
        // inside a file), its words between brackets. Resources come in tiers
        // (`search_tiers`): those described by the words first, ranked, then those found
        // inside their files.
        hits.extend(search_tiers::resource_hits(conn, text, limit)?);
        let terms = search_passage::terms(text);
        library_hits(
            conn,
            "legalNote",
            LEGAL_NOTE_HITS,
            LEGAL_NOTE_TEXT,
            &query,
            limit,
            &terms,
            &mut hits,
        )?;
        Ok(hits)
    }

    /// Professions whose title, description or competences match the query (all when empty).
    pub fn search_professions(&self, text: &str) -> CoreResult<Vec<crate::model::Profession>> {
        let Some(query) = fts_query(text) else {
            return self.list_professions();
        };
        let ids: Vec<String> = {
            let mut statement = self.conn().prepare_cached(
                "SELECT k.profession_id FROM professions_fts f
                 JOIN professions_fts_keys k ON k.fts_rowid = f.rowid WHERE professions_fts MATCH ?1",
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
