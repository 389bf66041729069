//! How the resources matching the user's words are ordered, for the global search and the
//! resources list: in three tiers, each an FTS5 query over `resources_fts`.
//!
//! 1. every word in the resource's description (title, authors, summary, keywords): ranked
//!    by bm25 over those columns;
//! 2. some words there, the others only inside its files;
//! 3. every word only inside its files.
//!
//! Tiers 2 and 3 come in the order the resources were indexed (their creation order), unranked.
//! Why: ranking a match makes FTS5 walk the positions of every word in every column, and the
//! `files` column of a resource holds the text of its files — for a common word, hundreds of
//! positions per resource. Ranking the 1,000 matches of two common words of 20-page texts cost
//! about 12 ms; a column filter (`{title …} : …`) hands bm25 only the short columns' positions
//! (bm25 weights of 0 on `files` do not: the positions are still walked), and the unranked
//! tiers are read in rowid order and stop at the limit. The three queries split the matches of
//! the words exactly (each match is in one tier), so totals stay exact.

use rusqlite::{Connection, OptionalExtension};

use super::search::fts_terms;
use super::search_passage;
use crate::error::CoreResult;

/// The resource's columns other than the text of its files.
const DESCRIPTION: &str = "{title people summary keywords}";

/// Where a resource matched the user's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tier {
    /// Every word in the description: ranked.
    Described,
    /// Some words in the description, the others only inside the files.
    Partly,
    /// Every word only inside the files.
    InFiles,
}

impl Tier {
    pub(crate) fn ranked(self) -> bool {
        self == Tier::Described
    }

    pub(crate) fn from_index(index: i64) -> Tier {
        match index {
            0 => Tier::Described,
            1 => Tier::Partly,
            _ => Tier::InFiles,
        }
    }
}

/// The FTS5 query of each tier for what the user typed, in tier order; empty when nothing
/// searchable remains. With one word the middle tier cannot match and is left out.
pub(crate) fn tier_queries(input: &str) -> Vec<(Tier, String)> {
    let terms = fts_terms(input);
    if terms.is_empty() {
        return Vec::new();
    }
    let all = terms.join(" ");
    let any = terms.join(" OR ");
    let mut queries = vec![(Tier::Described, format!("{DESCRIPTION} : ({all})"))];
    if terms.len() > 1 {
        queries.push((
            Tier::Partly,
            format!("(({all}) AND ({DESCRIPTION} : ({any}))) NOT ({DESCRIPTION} : ({all}))"),
        ));
    }
    queries.push((
        Tier::InFiles,
        format!("({all}) NOT ({DESCRIPTION} : ({any}))"),
    ));
    queries
}

/// The SQL that reads one tier's matches (?1 the tier's query), with the rank for the ranked
/// tier and 0 for the others (whose `rank` is never asked, so never computed).
pub(crate) fn tier_matches_sql(tier: Tier) -> String {
    let rank = if tier.ranked() { "rank" } else { "0" };
    format!(
        "SELECT rowid AS fts_rowid, {} AS tier, {rank} AS rank
         FROM resources_fts WHERE resources_fts MATCH ?",
        tier as i64
    )
}

/// A resource's passage for the user's `terms`: from the description first when every word
/// is there, from the text of its files first otherwise (the reason it was found).
pub(crate) fn resource_passage(
    conn: &Connection,
    fts_rowid: i64,
    tier: Tier,
    terms: &[String],
) -> CoreResult<String> {
    let sql = if tier == Tier::Described {
        "SELECT title, summary, people, keywords, files FROM resources_fts WHERE rowid = ?1"
    } else {
        "SELECT files, title, summary, people, keywords FROM resources_fts WHERE rowid = ?1"
    };
    let columns: Option<Vec<String>> = conn
        .prepare_cached(sql)?
        .query_row([fts_rowid], |row| {
            (0..5).map(|i| row.get(i)).collect::<Result<_, _>>()
        })
        .optional()?;
    Ok(columns
        .map(|columns| search_passage::passage(&columns, terms))
        .unwrap_or_default())
}

/// One tier's best resources, at most `limit`: id, title, index row. The ranked tier by rank,
/// the others in index order, reading no further than the limit.
fn tier_hits(
    conn: &Connection,
    tier: Tier,
    query: &str,
    limit: i64,
) -> CoreResult<Vec<(String, String, i64)>> {
    // The unranked tiers do not name `rank`, so that FTS5 never computes it.
    let (columns, order) = if tier.ranked() {
        ("rowid, rank", "rank")
    } else {
        ("rowid", "rowid")
    };
    let sql = format!(
        "SELECT r.id, r.title, m.rowid
         FROM (SELECT {columns} FROM resources_fts WHERE resources_fts MATCH ?1
               ORDER BY {order} LIMIT ?2) m
         JOIN resources_fts_keys k ON k.fts_rowid = m.rowid
         JOIN resources r ON r.id = k.resource_id
         ORDER BY m.{order}"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params![query, limit], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(found)
}

/// The global search's resources: at most `limit`, tier after tier, each with its passage.
pub(crate) fn resource_hits(
    conn: &Connection,
    input: &str,
    limit: i64,
) -> CoreResult<Vec<crate::model::SearchHit>> {
    let terms = search_passage::terms(input);
    let mut hits = Vec::new();
    for (tier, query) in tier_queries(input) {
        let left = limit - hits.len() as i64;
        if left <= 0 {
            break;
        }
        for (id, title, rowid) in tier_hits(conn, tier, &query, left)? {
            hits.push(crate::model::SearchHit {
                entity: "resource".into(),
                id,
                title,
                detail: resource_passage(conn, rowid, tier, &terms)?,
            });
        }
    }
    Ok(hits)
}
