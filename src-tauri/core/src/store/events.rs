//! Events with their organisers, themes and target professions, the filtered event search, and
//! the agenda warnings (overlapping sessions, a speaker in two places at once).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};

use super::rows::Columns;
use super::search::{fts_query, index_event, unindex_event};
use super::{
    check_ids_exist, deleted_one, json_list, json_object, new_id, now, stale_or_missing,
    to_json_list, to_json_object, OrNotFound, Store,
};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::check_event;

/// Reads a row of `SELECT * FROM events` (see [`Columns`]); the organisers and links are read
/// apart.
pub(super) fn event_from_row(row: &Row) -> rusqlite::Result<Event> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let mut data = EventInput {
        code: c.get("code")?,
        title: c.get("title")?,
        subtitle: c.get("subtitle")?,
        kind: c.get("kind")?,
        status: c.get("status")?,
        start_date: c.get("start_date")?,
        end_date: c.get("end_date")?,
        venue: c.get("venue")?,
        address: c.get("address")?,
        city: c.get("city")?,
        country: c.get("country")?,
        territory_id: c.get("territory_id")?,
        organisers: Vec::new(),
        theme_ids: Vec::new(),
        target_profession_ids: Vec::new(),
        audience: c.get("audience")?,
        objectives: json_list(c.get("objectives")?),
        prerequisites: c.get("prerequisites")?,
        summary: c.get("summary")?,
        teaching_methods: c.get("teaching_methods")?,
        evaluation_methods: c.get("evaluation_methods")?,
        accessibility: c.get("accessibility")?,
        accessibility_contact: c.get("accessibility_contact")?,
        price: c.get("price")?,
        access_terms: c.get("access_terms")?,
        capacity: c.get("capacity")?,
        languages: json_list(c.get("languages")?),
        interpretation: c.get("interpretation")?,
        contact_name: c.get("contact_name")?,
        contact_email: c.get("contact_email")?,
        contact_phone: c.get("contact_phone")?,
        notes: c.get("notes")?,
        ..Default::default()
    };
    let meta = c.meta(id)?;
    // Migrations 7 and 8 appended these columns after `version`.
    data.partner_language = c.get("partner_language")?;
    data.translation = json_object(c.get("translation")?)?;
    data.logistics = json_object(c.get("logistics")?)?;
    data.request_id = c.get("request_id")?;
    Ok(Event { meta, data })
}

/// Writes the columns later migrations added to events (7: the partner-language texts and
/// logistics; 8: the training request answered), in the transaction of the event's own write.
pub(crate) fn write_added_columns(
    tx: &Transaction,
    id: &str,
    input: &EventInput,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE events SET partner_language = ?2, translation = ?3, logistics = ?4, request_id = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.partner_language,
        to_json_object(&input.translation)?,
        to_json_object(&input.logistics)?,
        input.request_id
    ])?;
    Ok(())
}

/// Reads `organisation_id, role` of `event_organisers` from the cursor.
pub(super) fn organiser_from(c: &mut Columns) -> rusqlite::Result<EventOrganiser> {
    Ok(EventOrganiser {
        organisation_id: c.get("organisation_id")?,
        role: c.get("role")?,
    })
}

fn summary_from_row(row: &Row) -> rusqlite::Result<EventSummary> {
    Ok(EventSummary {
        id: row.get("id")?,
        code: row.get("code")?,
        title: row.get("title")?,
        kind: row.get("kind")?,
        status: row.get("status")?,
        start_date: row.get("start_date")?,
        end_date: row.get("end_date")?,
        city: row.get("city")?,
        country: row.get("country")?,
        session_count: row.get("session_count")?,
        updated_at: row.get("updated_at")?,
    })
}

fn check_links(tx: &Transaction, input: &EventInput) -> CoreResult<()> {
    if let Some(territory) = &input.territory_id {
        check_ids_exist(
            tx,
            "territories",
            std::slice::from_ref(territory),
            "territoryId",
            "Le territoire",
        )?;
    }
    let organisations: Vec<String> = input
        .organisers
        .iter()
        .map(|o| o.organisation_id.clone())
        .collect();
    check_ids_exist(
        tx,
        "organisations",
        &organisations,
        "organisers",
        "La structure",
    )?;
    check_ids_exist(tx, "themes", &input.theme_ids, "themeIds", "Le thème")?;
    check_ids_exist(
        tx,
        "professions",
        &input.target_profession_ids,
        "targetProfessionIds",
        "Le métier",
    )?;
    super::requests::check_request_exists(tx, input.request_id.as_deref())
}

fn check_code_free(tx: &Transaction, code: &str, own_id: Option<&str>) -> CoreResult<()> {
    let holder: Option<String> = tx
        .query_row(
            "SELECT id FROM events WHERE code = ?1",
            [code.trim()],
            |row| row.get(0),
        )
        .optional()?;
    match holder {
        Some(holder) if Some(holder.as_str()) != own_id => Err(CoreError::Duplicate {
            field: "code".into(),
            message: format!(
                "Le code « {} » est déjà utilisé par un autre événement.",
                code.trim()
            ),
        }),
        _ => Ok(()),
    }
}

fn write_links(tx: &Transaction, id: &str, input: &EventInput) -> CoreResult<()> {
    for table in ["event_organisers", "event_themes", "event_professions"] {
        tx.execute(&format!("DELETE FROM {table} WHERE event_id = ?1"), [id])?;
    }
    let mut organiser = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_organisers (event_id, organisation_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, o) in input.organisers.iter().enumerate() {
        organiser.execute(params![id, o.organisation_id, o.role, position as i64])?;
    }
    let mut theme = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_themes (event_id, theme_id) VALUES (?1, ?2)",
    )?;
    for theme_id in &input.theme_ids {
        theme.execute([id, theme_id])?;
    }
    let mut profession = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_professions (event_id, profession_id) VALUES (?1, ?2)",
    )?;
    for profession_id in &input.target_profession_ids {
        profession.execute([id, profession_id])?;
    }
    Ok(())
}

/// Refuses new event dates that would leave existing sessions outside the event.
fn check_sessions_inside(tx: &Transaction, id: &str, input: &EventInput) -> CoreResult<()> {
    let outside: i64 = tx.query_row(
        "SELECT COUNT(*) FROM sessions WHERE event_id = ?1 AND (date < ?2 OR date > ?3)",
        params![id, input.start_date, input.end_date],
        |row| row.get(0),
    )?;
    if outside > 0 {
        return Err(CoreError::field(
            "startDate",
            format!(
                "{outside} séquence(s) du programme tomberaient hors des nouvelles dates : déplacez-les ou supprimez-les d'abord."
            ),
        ));
    }
    Ok(())
}

pub(crate) fn insert_event(tx: &Transaction, input: &EventInput) -> CoreResult<String> {
    check_event(input)?;
    check_code_free(tx, &input.code, None)?;
    check_links(tx, input)?;
    let id = new_id();
    let now = now();
    tx.execute(
        "INSERT INTO events (id, code, title, subtitle, kind, status, start_date, end_date, venue, address, city,
            country, territory_id, audience, objectives, prerequisites, summary, teaching_methods,
            evaluation_methods, accessibility, accessibility_contact, price, access_terms, capacity, languages,
            interpretation, contact_name, contact_email, contact_phone, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?31, 1)",
        params![
            id, input.code.trim(), input.title.trim(), input.subtitle.trim(), input.kind, input.status,
            input.start_date, input.end_date, input.venue, input.address, input.city.trim(), input.country,
            input.territory_id, input.audience, to_json_list(&input.objectives), input.prerequisites,
            input.summary, input.teaching_methods, input.evaluation_methods, input.accessibility,
            input.accessibility_contact, input.price, input.access_terms, input.capacity,
            to_json_list(&input.languages), input.interpretation, input.contact_name, input.contact_email.trim(),
            input.contact_phone.trim(), input.notes, now
        ],
    )?;
    write_added_columns(tx, &id, input)?;
    write_links(tx, &id, input)?;
    index_event(tx, &id)?;
    Ok(id)
}

const SUMMARY_SELECT: &str =
    "SELECT ev.id, ev.code, ev.title, ev.kind, ev.status, ev.start_date, ev.end_date,
    ev.city, ev.country, ev.updated_at,
    (SELECT COUNT(*) FROM sessions s WHERE s.event_id = ev.id) AS session_count
    FROM events ev";

impl Store {
    pub fn get_event(&self, id: &str) -> CoreResult<Event> {
        let conn = self.conn();
        let mut event = conn
            .query_row("SELECT * FROM events WHERE id = ?1", [id], event_from_row)
            .or_not_found("L'événement", id)?;
        let mut organisers = conn.prepare_cached(
            "SELECT organisation_id, role FROM event_organisers WHERE event_id = ?1 ORDER BY position",
        )?;
        event.data.organisers = organisers
            .query_map([id], |row| organiser_from(&mut Columns::new(row)))?
            .collect::<Result<_, _>>()?;
        let ids = |sql: &str| -> CoreResult<Vec<String>> {
            let mut statement = conn.prepare_cached(sql)?;
            let rows = statement.query_map([id], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        event.data.theme_ids = ids("SELECT theme_id FROM event_themes WHERE event_id = ?1")?;
        event.data.target_profession_ids =
            ids("SELECT profession_id FROM event_professions WHERE event_id = ?1")?;
        Ok(event)
    }

    /// The id of the event with this code, if there is one.
    pub fn event_id_by_code(&self, code: &str) -> CoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM events WHERE code = ?1",
                [code.trim()],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Finds an event by its code (used by the command line: `--event CODE`).
    pub fn find_event_by_code(&self, code: &str) -> CoreResult<Event> {
        let id: String = self
            .conn()
            .query_row(
                "SELECT id FROM events WHERE code = ?1",
                [code.trim()],
                |row| row.get(0),
            )
            .or_not_found("L'événement", code)?;
        self.get_event(&id)
    }

    pub fn create_event(&mut self, input: &EventInput) -> CoreResult<Event> {
        let id = self.write(|tx| {
            let id = insert_event(tx, input)?;
            super::requests::mark_scheduled(tx, input.request_id.as_deref(), &input.code)?;
            Ok(id)
        })?;
        self.get_event(&id)
    }

    pub fn update_event(
        &mut self,
        id: &str,
        version: i64,
        input: &EventInput,
    ) -> CoreResult<Event> {
        check_event(input)?;
        self.write(|tx| {
            check_code_free(tx, &input.code, Some(id))?;
            check_links(tx, input)?;
            check_sessions_inside(tx, id, input)?;
            let newly_linked = super::requests::links_anew(tx, id, input.request_id.as_deref())?;
            let changed = tx.execute(
                "UPDATE events SET code = ?3, title = ?4, subtitle = ?5, kind = ?6, status = ?7, start_date = ?8,
                    end_date = ?9, venue = ?10, address = ?11, city = ?12, country = ?13, territory_id = ?14,
                    audience = ?15, objectives = ?16, prerequisites = ?17, summary = ?18, teaching_methods = ?19,
                    evaluation_methods = ?20, accessibility = ?21, accessibility_contact = ?22, price = ?23,
                    access_terms = ?24, capacity = ?25, languages = ?26, interpretation = ?27, contact_name = ?28,
                    contact_email = ?29, contact_phone = ?30, notes = ?31, updated_at = ?32, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id, version, input.code.trim(), input.title.trim(), input.subtitle.trim(), input.kind,
                    input.status, input.start_date, input.end_date, input.venue, input.address, input.city.trim(),
                    input.country, input.territory_id, input.audience, to_json_list(&input.objectives),
                    input.prerequisites, input.summary, input.teaching_methods, input.evaluation_methods,
                    input.accessibility, input.accessibility_contact, input.price, input.access_terms,
                    input.capacity, to_json_list(&input.languages), input.interpretation, input.contact_name,
                    input.contact_email.trim(), input.contact_phone.trim(), input.notes, now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "events", "L'événement", id));
            }
            write_added_columns(tx, id, input)?;
            write_links(tx, id, input)?;
            if newly_linked {
                super::requests::mark_scheduled(tx, input.request_id.as_deref(), &input.code)?;
            }
            index_event(tx, id)
        })?;
        self.get_event(id)
    }

    /// Deletes an event with its agenda (the interface asks for confirmation first).
    pub fn delete_event(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            deleted_one(
                tx.execute("DELETE FROM events WHERE id = ?1", [id])?,
                "L'événement",
                id,
            )?;
            unindex_event(tx, id)?;
            Ok(())
        })
    }

    pub(crate) fn list_event_summaries(
        &self,
        tail: &str,
        values: &[Value],
    ) -> CoreResult<Vec<EventSummary>> {
        let mut statement = self
            .conn()
            .prepare_cached(&format!("{SUMMARY_SELECT} {tail}"))?;
        let rows = statement.query_map(params_from_iter(values.iter()), summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A page of events matching the text query and filters: upcoming first (soonest first),
    /// then past events (most recent first).
    pub fn search_events(&self, filter: &EventFilter) -> CoreResult<Page<EventSummary>> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        // As for experts: with a text query the matches drive the join.
        let source = match fts_query(&filter.query) {
            Some(query) => {
                values.push(Value::Text(query));
                "(SELECT k.event_id AS id FROM events_fts f
                    CROSS JOIN events_fts_keys k ON k.fts_rowid = f.rowid WHERE events_fts MATCH ?) hits
                 CROSS JOIN events ev ON ev.id = hits.id"
            }
            None => "events ev",
        };
        let mut equals = |column: &str, value: &Option<String>| {
            if let Some(value) = value.as_deref().filter(|s| !s.is_empty()) {
                conditions.push(format!("ev.{column} = ?"));
                values.push(Value::Text(value.into()));
            }
        };
        equals("status", &filter.status);
        equals("kind", &filter.kind);
        equals("territory_id", &filter.territory_id);
        equals("country", &filter.country);
        if let Some(theme) = filter.theme_id.as_deref().filter(|s| !s.is_empty()) {
            conditions.push(
                "EXISTS (SELECT 1 FROM event_themes t WHERE t.event_id = ev.id AND t.theme_id = ?)"
                    .into(),
            );
            values.push(Value::Text(theme.into()));
        }
        if let Some(from) = filter.from.as_deref().filter(|s| !s.is_empty()) {
            conditions.push("ev.end_date >= ?".into());
            values.push(Value::Text(from.into()));
        }
        if let Some(to) = filter.to.as_deref().filter(|s| !s.is_empty()) {
            conditions.push("ev.start_date <= ?".into());
            values.push(Value::Text(to.into()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let limit = filter.limit.unwrap_or(50).max(1);
        let offset = filter.offset.unwrap_or(0).max(0);
        // Filtered: the count rides along with the page (a window over the matching rows), so
        // the full-text query and the filters run once. Unfiltered: a plain COUNT is cheaper.
        let filtered = !where_clause.is_empty() || source != "events ev";
        let total_column = if filtered { "COUNT(*) OVER ()" } else { "NULL" };
        let filter_values = values.clone();
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        values.push(Value::Text(today.clone()));
        values.push(Value::Text(today));
        // The page is chosen on narrow rows first; the session counts are computed for its
        // rows only.
        let sql = format!(
            "WITH page AS (
                SELECT ev.id, {total_column} AS total, (ev.end_date < ?) AS past,
                    CASE WHEN ev.end_date >= ? THEN ev.start_date END AS upcoming_start,
                    ev.start_date, ev.code
                FROM {source} {where_clause}
                ORDER BY past ASC, upcoming_start ASC, ev.start_date DESC, ev.code
                LIMIT {limit} OFFSET {offset})
             SELECT ev.id, ev.code, ev.title, ev.kind, ev.status, ev.start_date, ev.end_date,
                ev.city, ev.country, ev.updated_at,
                (SELECT COUNT(*) FROM sessions s WHERE s.event_id = ev.id) AS session_count,
                page.total
             FROM page CROSS JOIN events ev ON ev.id = page.id
             ORDER BY page.past ASC, page.upcoming_start ASC, page.start_date DESC, page.code"
        );
        // The two date parameters come first in the statement: move them before the filters.
        let dates = values.split_off(values.len() - 2);
        let values: Vec<Value> = dates.into_iter().chain(values).collect();
        let mut statement = self.conn().prepare_cached(&sql)?;
        let rows: Vec<(EventSummary, Option<i64>)> = statement
            .query_map(params_from_iter(values.iter()), |row| {
                Ok((summary_from_row(row)?, row.get("total")?))
            })?
            .collect::<Result<_, _>>()?;
        let total = match rows.first() {
            Some((_, Some(total))) => *total,
            None if filtered && offset == 0 => 0,
            _ => self.conn().query_row(
                &format!("SELECT COUNT(*) FROM {source} {where_clause}"),
                params_from_iter(filter_values.iter()),
                |row| row.get(0),
            )?,
        };
        let items = rows.into_iter().map(|(item, _)| item).collect();
        Ok(Page { items, total })
    }

    /// Events ending on or after `today` (ISO date) and not cancelled, soonest first, each with
    /// its number of sessions.
    pub fn upcoming_events_with_session_counts(
        &self,
        today: &str,
    ) -> CoreResult<Vec<(Event, i64)>> {
        let ids: Vec<(String, i64)> = {
            let mut statement = self.conn().prepare_cached(
                "SELECT ev.id, (SELECT COUNT(*) FROM sessions s WHERE s.event_id = ev.id)
                 FROM events ev WHERE ev.end_date >= ?1 AND ev.status <> 'cancelled'
                 ORDER BY ev.start_date, ev.code",
            )?;
            let rows = statement.query_map([today], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        ids.into_iter()
            .map(|(id, count)| Ok((self.get_event(&id)?, count)))
            .collect()
    }
}
