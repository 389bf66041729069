//! Resources of the partnership's library: the record with its ordered authors (an expert or
//! an organisation each), its links to events and sessions, and its files (read through
//! `resource_files`). Every write re-indexes the resource in the same transaction; deleting
//! one deletes the file contents no other resource names.
//!
//! Themes, territories, professions and languages are JSON lists in the row (no foreign key):
//! the store checks them on write, and the deletion of a theme, territory or profession a
//! resource names is refused (see `organisations` and `professions`).

use rusqlite::{params, Connection, Row, Transaction};

use super::resource_files::{attach_in, delete_orphan_contents, files_of_resource, PreparedFile};
use super::rows::Columns;
use super::search::index_resource;
use super::{
    check_ids_exist, deleted_one, json_list, new_id, now, stale_or_missing, to_json_list,
    OrNotFound, Store,
};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::check_resource;

mod links;
mod list;

pub(crate) use links::{refuse_if_authored, reindex_authored};

/// Reads a row of `SELECT * FROM resources`; authors, events, sessions and files apart.
fn resource_from_row(row: &Row) -> rusqlite::Result<Resource> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let data = ResourceInput {
        title: c.get("title")?,
        kind: c.get("kind")?,
        summary: c.get("summary")?,
        publication_date: c.get("publication_date")?,
        languages: json_list(c.get("languages")?),
        theme_ids: json_list(c.get("theme_ids")?),
        territory_ids: json_list(c.get("territory_ids")?),
        profession_ids: json_list(c.get("profession_ids")?),
        audience: c.get("audience")?,
        status: c.get("status")?,
        review_date: c.get("review_date")?,
        rights: c.get("rights")?,
        reference: c.get("reference")?,
        notes: c.get("notes")?,
        ..Default::default()
    };
    let meta = c.meta(id)?;
    Ok(Resource {
        meta,
        data,
        files: Vec::new(),
    })
}

/// Completes a resource read by [`resource_from_row`]: authors in order, events by date,
/// sessions by event then agenda order, files in attach order.
fn complete(conn: &Connection, resource: &mut Resource) -> rusqlite::Result<()> {
    let id = resource.meta.id.clone();
    let mut authors = conn.prepare_cached(
        "SELECT expert_id, organisation_id, role FROM resource_authors
         WHERE resource_id = ?1 ORDER BY position",
    )?;
    resource.data.authors = authors
        .query_map([&id], |row| {
            Ok(ResourceAuthor {
                expert_id: row.get(0)?,
                organisation_id: row.get(1)?,
                role: row.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut events = conn.prepare_cached(
        "SELECT re.event_id FROM resource_events re JOIN events ev ON ev.id = re.event_id
         WHERE re.resource_id = ?1 ORDER BY ev.start_date, ev.code, ev.id",
    )?;
    resource.data.event_ids = events
        .query_map([&id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut sessions = conn.prepare_cached(
        "SELECT rs.session_id FROM resource_sessions rs JOIN sessions s ON s.id = rs.session_id
         JOIN events ev ON ev.id = s.event_id
         WHERE rs.resource_id = ?1
         ORDER BY ev.start_date, ev.code, ev.id, s.date, s.start_time, s.end_time, s.id",
    )?;
    resource.data.session_ids = sessions
        .query_map([&id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    resource.files = files_of_resource(conn, &id)?;
    Ok(())
}

/// The links a resource names exist (the store's part of the validation). Authors are
/// reported on their own line, « Auteur n° N : … ».
fn check_links(tx: &Transaction, input: &ResourceInput) -> CoreResult<()> {
    let mut expert = tx.prepare_cached("SELECT 1 FROM experts WHERE id = ?1")?;
    let mut organisation = tx.prepare_cached("SELECT 1 FROM organisations WHERE id = ?1")?;
    for (i, author) in input.authors.iter().enumerate() {
        let n = i + 1;
        // `normalised` has turned empty ids into `None`.
        let missing = match (&author.expert_id, &author.organisation_id) {
            (Some(id), _) if !expert.exists([id])? => Some(format!(
                "Auteur n° {n} : l'expert choisi n'existe plus (identifiant {id})."
            )),
            (_, Some(id)) if !organisation.exists([id])? => Some(format!(
                "Auteur n° {n} : la structure choisie n'existe plus (identifiant {id})."
            )),
            _ => None,
        };
        if let Some(message) = missing {
            return Err(CoreError::field(format!("authors.{i}"), message));
        }
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
    check_ids_exist(tx, "events", &input.event_ids, "eventIds", "L'événement")?;
    check_ids_exist(
        tx,
        "sessions",
        &input.session_ids,
        "sessionIds",
        "La séance",
    )?;
    Ok(())
}

/// The list without blanks and repeats, first occurrence kept, values trimmed.
fn distinct(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for value in list.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !out.iter().any(|seen| seen == value) {
            out.push(value.to_string());
        }
    }
    out
}

/// The input as it is stored: texts trimmed where blanks mean nothing, lists without repeats.
fn normalised(input: &ResourceInput) -> ResourceInput {
    ResourceInput {
        title: input.title.trim().into(),
        publication_date: input.publication_date.trim().into(),
        review_date: input.review_date.trim().into(),
        rights: input.rights.trim().into(),
        reference: input.reference.trim().into(),
        audience: input.audience.trim().into(),
        languages: distinct(&input.languages),
        theme_ids: distinct(&input.theme_ids),
        territory_ids: distinct(&input.territory_ids),
        profession_ids: distinct(&input.profession_ids),
        event_ids: distinct(&input.event_ids),
        session_ids: distinct(&input.session_ids),
        authors: input
            .authors
            .iter()
            .map(|a| ResourceAuthor {
                expert_id: a.expert_id.clone().filter(|s| !s.trim().is_empty()),
                organisation_id: a.organisation_id.clone().filter(|s| !s.trim().is_empty()),
                role: a.role.clone(),
            })
            .collect(),
        ..input.clone()
    }
}

/// Replaces the resource's authors, events and sessions.
fn write_links(tx: &Transaction, id: &str, input: &ResourceInput) -> CoreResult<()> {
    for table in ["resource_authors", "resource_events", "resource_sessions"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE resource_id = ?1"))?
            .execute([id])?;
    }
    let mut author = tx.prepare_cached(
        "INSERT INTO resource_authors (resource_id, position, expert_id, organisation_id, role)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, a) in input.authors.iter().enumerate() {
        author.execute(params![
            id,
            position as i64,
            a.expert_id,
            a.organisation_id,
            a.role
        ])?;
    }
    let mut event = tx.prepare_cached(
        "INSERT OR IGNORE INTO resource_events (resource_id, event_id) VALUES (?1, ?2)",
    )?;
    for event_id in &input.event_ids {
        event.execute(params![id, event_id])?;
    }
    let mut session = tx.prepare_cached(
        "INSERT OR IGNORE INTO resource_sessions (resource_id, session_id) VALUES (?1, ?2)",
    )?;
    for session_id in &input.session_ids {
        session.execute(params![id, session_id])?;
    }
    Ok(())
}

/// Inserts or overwrites the resource's row with the given times and version.
fn write_row(tx: &Transaction, meta: &RecordMeta, d: &ResourceInput) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO resources (id, title, kind, summary, publication_date, languages, theme_ids,
            territory_ids, profession_ids, audience, status, review_date, rights, reference, notes,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
            summary = excluded.summary, publication_date = excluded.publication_date,
            languages = excluded.languages, theme_ids = excluded.theme_ids,
            territory_ids = excluded.territory_ids, profession_ids = excluded.profession_ids,
            audience = excluded.audience, status = excluded.status,
            review_date = excluded.review_date, rights = excluded.rights,
            reference = excluded.reference, notes = excluded.notes,
            created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version",
    )?
    .execute(params![
        meta.id,
        d.title,
        d.kind,
        d.summary,
        d.publication_date,
        to_json_list(&d.languages),
        to_json_list(&d.theme_ids),
        to_json_list(&d.territory_ids),
        to_json_list(&d.profession_ids),
        d.audience,
        d.status,
        d.review_date,
        d.rights,
        d.reference,
        d.notes,
        meta.created_at,
        meta.updated_at,
        meta.version
    ])?;
    Ok(())
}

/// Replaces the resource's files by the references it carries, in their order. Their
/// contents are in `file_contents` already (the caller has checked it).
fn write_files(tx: &Transaction, id: &str, files: &[ResourceFile]) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM resource_files WHERE resource_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO resource_files (id, resource_id, position, name, sha256, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET resource_id = excluded.resource_id,
            position = excluded.position, name = excluded.name, sha256 = excluded.sha256,
            added_at = excluded.added_at",
    )?;
    for (position, file) in files.iter().enumerate() {
        insert.execute(params![
            file.id,
            id,
            position as i64,
            file.name,
            file.sha256,
            file.added_at
        ])?;
    }
    Ok(())
}

/// Inserts or overwrites resources with the ids, times, versions, authors, links and file
/// references they carry (the exchange's import), inside the caller's transaction, after
/// the records they link to and the files' contents; re-indexes them, then deletes the
/// contents no resource names any more.
pub(crate) fn write_exchanged(tx: &Transaction, records: &[Resource]) -> CoreResult<()> {
    for record in records {
        write_row(tx, &record.meta, &record.data)?;
        write_links(tx, &record.meta.id, &record.data)?;
        write_files(tx, &record.meta.id, &record.files)?;
        index_resource(tx, &record.meta.id)?;
    }
    delete_orphan_contents(tx)?;
    Ok(())
}

/// Every resource whole, by id (the exchange's snapshot).
pub(crate) fn read_all_by_id(conn: &Connection) -> CoreResult<Vec<Resource>> {
    let mut statement = conn.prepare("SELECT * FROM resources ORDER BY id")?;
    let mut resources: Vec<Resource> = statement
        .query_map([], resource_from_row)?
        .collect::<Result<_, _>>()?;
    for resource in &mut resources {
        complete(conn, resource)?;
    }
    Ok(resources)
}

/// Reads one resource whole, inside a transaction or not.
pub(crate) fn read_resource(conn: &Connection, id: &str) -> CoreResult<Resource> {
    let mut resource = conn
        .query_row(
            "SELECT * FROM resources WHERE id = ?1",
            [id],
            resource_from_row,
        )
        .or_not_found("La ressource", id)?;
    complete(conn, &mut resource)?;
    Ok(resource)
}

impl Store {
    /// Records a new resource (version 1), checked field by field and against the records
    /// it names.
    pub fn create_resource(&mut self, input: &ResourceInput) -> CoreResult<Resource> {
        self.create_resource_with_files(input, Vec::new())
    }

    /// Records a new resource with its files (name and bytes each) in one transaction: every
    /// file is inspected first, and one refused file leaves nothing behind, the resource
    /// included (the command line's `resource add --file`).
    pub fn create_resource_with_files(
        &mut self,
        input: &ResourceInput,
        files: Vec<(String, Vec<u8>)>,
    ) -> CoreResult<Resource> {
        check_resource(input)?;
        let prepared = files
            .into_iter()
            .map(|(name, bytes)| PreparedFile::inspect(&name, bytes))
            .collect::<CoreResult<Vec<_>>>()?;
        let input = normalised(input);
        let at = now();
        let meta = RecordMeta {
            id: new_id(),
            created_at: at.clone(),
            updated_at: at,
            version: 1,
        };
        self.write(|tx| {
            check_links(tx, &input)?;
            write_row(tx, &meta, &input)?;
            write_links(tx, &meta.id, &input)?;
            for file in &prepared {
                attach_in(tx, &meta.id, file)?;
            }
            index_resource(tx, &meta.id)
        })?;
        self.get_resource(&meta.id)
    }

    /// Saves the form over version `version`; refused if someone saved in between.
    pub fn update_resource(
        &mut self,
        id: &str,
        version: i64,
        input: &ResourceInput,
    ) -> CoreResult<Resource> {
        check_resource(input)?;
        let d = normalised(input);
        self.write(|tx| {
            check_links(tx, &d)?;
            let changed = tx.execute(
                "UPDATE resources SET title = ?3, kind = ?4, summary = ?5, publication_date = ?6,
                    languages = ?7, theme_ids = ?8, territory_ids = ?9, profession_ids = ?10,
                    audience = ?11, status = ?12, review_date = ?13, rights = ?14, reference = ?15,
                    notes = ?16, updated_at = ?17, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id,
                    version,
                    d.title,
                    d.kind,
                    d.summary,
                    d.publication_date,
                    to_json_list(&d.languages),
                    to_json_list(&d.theme_ids),
                    to_json_list(&d.territory_ids),
                    to_json_list(&d.profession_ids),
                    d.audience,
                    d.status,
                    d.review_date,
                    d.rights,
                    d.reference,
                    d.notes,
                    now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "resources", "La ressource", id));
            }
            write_links(tx, id, &d)?;
            index_resource(tx, id)
        })?;
        self.get_resource(id)
    }

    /// Removes the resource, its links and its files; contents no other resource names are deleted.
    pub fn delete_resource(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM resources WHERE id = ?1", [id])?;
            deleted_one(deleted, "La ressource", id)?;
            delete_orphan_contents(tx)?;
            index_resource(tx, id)
        })
    }

    /// One resource with its authors, links and files (in attach order).
    pub fn get_resource(&self, id: &str) -> CoreResult<Resource> {
        read_resource(self.conn(), id)
    }

    /// Every resource whole, in title order (accents and case aside): the exports.
    pub fn all_resources(&self) -> CoreResult<Vec<Resource>> {
        let mut resources = read_all_by_id(self.conn())?;
        list::sort_by_title(&mut resources, |r| (&r.data.title, &r.meta.id));
        Ok(resources)
    }
}
