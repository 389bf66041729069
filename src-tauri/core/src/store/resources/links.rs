//! Resources seen from the records they link to: an expert's or an organisation's page, an
//! event's page and its sessions, the home view's reviews due; and what the authors' own
//! changes mean for resources (a deletion refused, a new name re-indexed).

use rusqlite::{Row, Transaction};

use super::list::sort_by_title;
use super::Store;
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::store::search::index_resource;

/// How many titles a refusal message names before « … ».
const TITLES_SHOWN: usize = 5;

fn linked_from_row(row: &Row) -> rusqlite::Result<LinkedResource> {
    Ok(LinkedResource {
        id: row.get(0)?,
        title: row.get(1)?,
        kind: row.get(2)?,
        publication_date: row.get(3)?,
        detail: row.get(4)?,
    })
}

/// The author column `column` ("expert_id" or "organisation_id") is one of ours, never input.
fn authored_by(store: &Store, column: &str, id: &str) -> CoreResult<Vec<LinkedResource>> {
    let mut statement = store.conn().prepare_cached(&format!(
        "SELECT r.id, r.title, r.kind, r.publication_date, a.role FROM resource_authors a
         JOIN resources r ON r.id = a.resource_id
         WHERE a.{column} = ?1 ORDER BY r.publication_date DESC, r.id, a.position"
    ))?;
    let rows = statement.query_map([id], linked_from_row)?;
    // One line per resource, the roles of one author in it joined (« Auteur, Éditeur »).
    let mut lines: Vec<LinkedResource> = Vec::new();
    for row in rows {
        let mut line = row?;
        let role = AuthorRole::from_code(&line.detail)
            .map_or(line.detail.clone(), |r| r.label().to_string());
        match lines.last_mut() {
            Some(last) if last.id == line.id => {
                if !last.detail.split(", ").any(|r| r == role) {
                    last.detail = format!("{}, {role}", last.detail);
                }
            }
            _ => {
                line.detail = role;
                lines.push(line);
            }
        }
    }
    // Newest first, then by title (accents aside) within one date.
    sort_by_title(&mut lines, |l| (&l.title, &l.id));
    lines.sort_by(|a, b| b.publication_date.cmp(&a.publication_date));
    Ok(lines)
}

impl Store {
    /// What an expert wrote, contributed to or published, newest first; `detail` is their
    /// role (« Auteur », « Contributeur », « Éditeur »).
    pub fn resources_of_expert(&self, expert_id: &str) -> CoreResult<Vec<LinkedResource>> {
        authored_by(self, "expert_id", expert_id)
    }

    /// What an organisation wrote or published, newest first; `detail` is its role.
    pub fn resources_of_organisation(
        &self,
        organisation_id: &str,
    ) -> CoreResult<Vec<LinkedResource>> {
        authored_by(self, "organisation_id", organisation_id)
    }

    /// The event's own resources (detail "") then each session's (detail = session title),
    /// sessions in agenda order.
    pub fn resources_of_event(&self, event_id: &str) -> CoreResult<Vec<LinkedResource>> {
        let conn = self.conn();
        let mut own = conn.prepare_cached(
            "SELECT r.id, r.title, r.kind, r.publication_date, '' FROM resource_events re
             JOIN resources r ON r.id = re.resource_id WHERE re.event_id = ?1",
        )?;
        let mut lines: Vec<LinkedResource> = own
            .query_map([event_id], linked_from_row)?
            .collect::<Result<_, _>>()?;
        sort_by_title(&mut lines, |l| (&l.title, &l.id));
        let mut sessions = conn.prepare_cached(
            "SELECT s.id, r.id, r.title, r.kind, r.publication_date, s.title FROM sessions s
             JOIN resource_sessions rs ON rs.session_id = s.id
             JOIN resources r ON r.id = rs.resource_id
             WHERE s.event_id = ?1 ORDER BY s.date, s.start_time, s.end_time, s.title, s.id",
        )?;
        let rows: Vec<(String, LinkedResource)> = sessions
            .query_map([event_id], |row| {
                Ok((
                    row.get(0)?,
                    LinkedResource {
                        id: row.get(1)?,
                        title: row.get(2)?,
                        kind: row.get(3)?,
                        publication_date: row.get(4)?,
                        detail: row.get(5)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        // Within one session, resources by title.
        for group in rows.chunk_by(|a, b| a.0 == b.0) {
            let mut group: Vec<LinkedResource> = group.iter().map(|(_, l)| l.clone()).collect();
            sort_by_title(&mut group, |l| (&l.title, &l.id));
            lines.extend(group);
        }
        Ok(lines)
    }

    /// Resources AND legal notes whose review date (non-empty) is <= today (YYYY-MM-DD), oldest first.
    pub fn reviews_due(&self, today: &str) -> CoreResult<Vec<ReviewDue>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT 'resource', id, title, review_date FROM resources
             WHERE review_date != '' AND review_date <= ?1
             UNION ALL
             SELECT 'legalNote', id, question, review_date FROM legal_notes
             WHERE review_date != '' AND review_date <= ?1
             ORDER BY 4, 3, 2",
        )?;
        let rows = statement.query_map([today], |row| {
            Ok(ReviewDue {
                entity: row.get(0)?,
                id: row.get(1)?,
                title: row.get(2)?,
                review_date: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Refuses to delete an expert or an organisation (`column` "expert_id" or
/// "organisation_id") that authors resources, naming them: the resources would lose an
/// author silently. `who` starts the message (« Cet expert », « Cette structure »).
pub(crate) fn refuse_if_authored(
    tx: &Transaction,
    column: &str,
    id: &str,
    who: &str,
) -> CoreResult<()> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT DISTINCT r.title FROM resource_authors a JOIN resources r ON r.id = a.resource_id
         WHERE a.{column} = ?1 ORDER BY r.title"
    ))?;
    let titles: Vec<String> = statement
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if titles.is_empty() {
        return Ok(());
    }
    let mut shown: Vec<String> = titles
        .iter()
        .take(TITLES_SHOWN)
        .map(|t| format!("« {t} »"))
        .collect();
    if titles.len() > TITLES_SHOWN {
        shown.push("…".into());
    }
    Err(CoreError::InUse {
        message: format!(
            "{who} figure parmi les auteurs de {} ressource(s) : {}. Modifiez d'abord les auteurs de ces ressources. Rien n'a été modifié.",
            titles.len(),
            shown.join(", ")
        ),
        references: titles,
    })
}

/// Re-indexes the resources an expert or organisation authors (`column` as above): the
/// index holds the authors' names, so a renamed author is found under the new name.
pub(crate) fn reindex_authored(tx: &Transaction, column: &str, id: &str) -> CoreResult<()> {
    let ids: Vec<String> = {
        let mut statement = tx.prepare_cached(&format!(
            "SELECT DISTINCT resource_id FROM resource_authors WHERE {column} = ?1"
        ))?;
        let rows = statement.query_map([id], |row| row.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for resource_id in ids {
        index_resource(tx, &resource_id)?;
    }
    Ok(())
}
