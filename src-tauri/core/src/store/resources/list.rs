//! The resources list: filters, sorts, paging and, with a query, the matching passage.
//!
//! The filters run in SQL on narrow rows (id, title, dates, tier and rank); sorting and paging
//! are done here, because the title order folds accents and case as French readers expect
//! (« Éducation » between « Douane » and « Fiscalité »), which SQLite's NOCASE does not. Only
//! the page's rows are then completed with their authors, file count and passage, so that the
//! passage is computed for the lines shown, not for every match.
//!
//! By relevance, the matches come in the tiers of the global search (`search_tiers`): those
//! whose description holds every word first, ranked; then those found inside their files, in
//! the order they were created. Sorted otherwise, no rank is computed at all.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::Store;
use crate::error::CoreResult;
use crate::exchange::folding::fold;
use crate::model::*;
use crate::store::search::fts_query;
use crate::store::search_passage;
use crate::store::search_tiers::{resource_passage, tier_matches_sql, tier_queries, Tier};

/// A page holds at most this many lines, whatever is asked.
const PAGE_MAX: i64 = 500;
/// Lines of a page when none is asked.
const PAGE_DEFAULT: i64 = 50;

/// One matching resource before sorting: what the sorts need, and its index row.
struct Candidate {
    id: String,
    title: String,
    publication_date: String,
    updated_at: String,
    tier: Tier,
    rank: f64,
    fts_rowid: Option<i64>,
}

/// Sorts records by title with accents and case folded, then by `key`'s second part (the id)
/// so that equal titles keep one order.
pub(super) fn sort_by_title<T>(items: &mut [T], key: impl Fn(&T) -> (&String, &String)) {
    items.sort_by_cached_key(|item| {
        let (title, id) = key(item);
        (fold(title), title.clone(), id.clone())
    });
}

fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Whether the page is sorted by relevance: words given and no other sort asked.
fn by_relevance(filter: &ResourceFilter) -> bool {
    fts_query(&filter.query).is_some()
        && !matches!(filter.sort.as_str(), "title" | "date" | "updated")
}

/// Where the candidates come from, and its values: the matches of the words (by tier when
/// sorted by relevance, all at once and unranked otherwise) or every resource.
fn source_sql(filter: &ResourceFilter, values: &mut Vec<Value>) -> String {
    let matches: Vec<String> = if by_relevance(filter) {
        tier_queries(&filter.query)
            .into_iter()
            .map(|(tier, query)| {
                values.push(Value::Text(query));
                tier_matches_sql(tier)
            })
            .collect()
    } else if let Some(query) = fts_query(&filter.query) {
        values.push(Value::Text(query));
        vec!["SELECT rowid AS fts_rowid, 0 AS tier, 0 AS rank
              FROM resources_fts WHERE resources_fts MATCH ?"
            .into()]
    } else {
        return "(SELECT NULL AS tier, NULL AS rank, NULL AS fts_rowid) hits
                CROSS JOIN resources r"
            .into();
    };
    // The matches drive the join (CROSS JOIN fixes SQLite's join order).
    format!(
        "({}) hits
         CROSS JOIN resources_fts_keys k ON k.fts_rowid = hits.fts_rowid
         CROSS JOIN resources r ON r.id = k.resource_id",
        matches.join(" UNION ALL ")
    )
}

/// The SQL of the candidates and its values, one `?` each.
fn candidates_sql(filter: &ResourceFilter) -> (String, Vec<Value>) {
    let mut values: Vec<Value> = Vec::new();
    let mut conditions: Vec<&str> = Vec::new();
    let source = source_sql(filter, &mut values);
    let mut each = |value: Option<&str>, condition: &'static str| {
        if let Some(value) = value {
            conditions.push(condition);
            values.push(Value::Text(value.into()));
        }
    };
    each(text(&filter.kind), "r.kind = ?");
    each(text(&filter.status), "r.status = ?");
    each(
        text(&filter.theme_id),
        "EXISTS (SELECT 1 FROM json_each(r.theme_ids) j WHERE j.value = ?)",
    );
    each(
        text(&filter.territory_id),
        "EXISTS (SELECT 1 FROM json_each(r.territory_ids) j WHERE j.value = ?)",
    );
    each(
        text(&filter.language),
        "EXISTS (SELECT 1 FROM json_each(r.languages) j WHERE j.value = ?)",
    );
    if let Some(year) = filter.year {
        conditions.push("substr(r.publication_date, 1, 4) = ?");
        values.push(Value::Text(format!("{year:04}")));
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT r.id, r.title, r.publication_date, r.updated_at, hits.tier, hits.rank,
            hits.fts_rowid
         FROM {source} {where_clause}"
    );
    (sql, values)
}

fn sort(candidates: &mut [Candidate], filter: &ResourceFilter) {
    if by_relevance(filter) {
        // Tier by tier; the ranked tier by rank (rarely tied: titles are folded only for those
        // that tie), the unranked ones in index order as in the global search.
        candidates.sort_by(|a, b| {
            a.tier
                .cmp(&b.tier)
                .then_with(|| a.rank.total_cmp(&b.rank))
                .then_with(|| match a.tier {
                    Tier::Described => fold(&a.title).cmp(&fold(&b.title)),
                    _ => a.fts_rowid.cmp(&b.fts_rowid),
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        return;
    }
    sort_by_title(candidates, |c| (&c.title, &c.id));
    // Stable sorts over the title order: equal dates keep titles in order.
    match filter.sort.as_str() {
        "date" => candidates.sort_by(|a, b| b.publication_date.cmp(&a.publication_date)),
        "updated" => candidates.sort_by(|a, b| b.updated_at.cmp(&a.updated_at)),
        _ => {}
    }
}

/// The line of one resource of the page, its passage computed when a query was given.
fn summary(
    conn: &Connection,
    candidate: &Candidate,
    terms: &[String],
) -> CoreResult<ResourceSummary> {
    let mut statement = conn.prepare_cached(
        "SELECT r.kind, r.status, r.review_date,
            coalesce((SELECT group_concat(name, ', ') FROM
                (SELECT coalesce(ex.first_name || ' ' || ex.last_name, o.name) AS name
                 FROM resource_authors a
                 LEFT JOIN experts ex ON ex.id = a.expert_id
                 LEFT JOIN organisations o ON o.id = a.organisation_id
                 WHERE a.resource_id = r.id ORDER BY a.position)), ''),
            (SELECT COUNT(*) FROM resource_files rf WHERE rf.resource_id = r.id)
         FROM resources r WHERE r.id = ?1",
    )?;
    let (kind, status, review_date, authors, file_count) =
        statement.query_row([&candidate.id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?;
    let excerpt = match candidate.fts_rowid {
        Some(rowid) if !terms.is_empty() => resource_passage(conn, rowid, candidate.tier, terms)?,
        _ => String::new(),
    };
    Ok(ResourceSummary {
        id: candidate.id.clone(),
        title: candidate.title.clone(),
        kind,
        status,
        publication_date: candidate.publication_date.clone(),
        authors,
        review_date,
        file_count,
        excerpt,
        updated_at: candidate.updated_at.clone(),
    })
}

impl Store {
    /// A page of resources matching the filters and the words (searched in the resource and
    /// inside its files, accents and case aside), with the total of matches. Sorted by title,
    /// by publication date or last change (newest first), or by relevance when words are given
    /// and no sort is asked.
    pub fn list_resources(&self, filter: &ResourceFilter) -> CoreResult<Page<ResourceSummary>> {
        let conn = self.conn();
        let (sql, values) = candidates_sql(filter);
        let mut statement = conn.prepare_cached(&sql)?;
        let mut candidates: Vec<Candidate> = statement
            .query_map(params_from_iter(values.iter()), |row| {
                Ok(Candidate {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    publication_date: row.get(2)?,
                    updated_at: row.get(3)?,
                    tier: Tier::from_index(row.get::<_, Option<i64>>(4)?.unwrap_or(0)),
                    rank: row.get::<_, Option<f64>>(5)?.unwrap_or(0.0),
                    fts_rowid: row.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        sort(&mut candidates, filter);
        let limit = filter.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX) as usize;
        let offset = filter.offset.unwrap_or(0).max(0) as usize;
        let terms = match fts_query(&filter.query) {
            Some(_) => search_passage::terms(&filter.query),
            None => Vec::new(),
        };
        let items = candidates
            .iter()
            .skip(offset)
            .take(limit)
            .map(|candidate| summary(conn, candidate, &terms))
            .collect::<CoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: candidates.len() as i64,
        })
    }
}
