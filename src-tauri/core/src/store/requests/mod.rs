//! Training requests with their requesting and handling organisations, their dated status
//! history (appended in the transaction that changes the status) and the events answering
//! them (`events.request_id`, see `events`); the filtered list and the home view's counts.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};

use super::rows::Columns;
use super::{
    check_ids_exist, deleted_one, json_list, new_id, now, stale_or_missing, to_json_list,
    OrNotFound, Store,
};
use crate::error::{CoreError, CoreResult};
use crate::exchange::folding::fold;
use crate::model::*;
use crate::validation::check_request;

mod events;
pub(crate) use events::{check_request_exists, links_anew, mark_scheduled};

/// Who a status change is recorded for: the session's user name (`USER` on Linux and macOS,
/// `USERNAME` on Windows), else « Passerelle ». The application has no accounts, and the
/// person at the laptop is who a colleague reading the history wants to ask.
pub fn default_author() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "Passerelle".to_string())
}

/// Reads a row of `SELECT * FROM training_requests` (see [`Columns`]); organisations, history
/// and events are read apart.
pub(in crate::store) fn request_from_row(row: &Row) -> rusqlite::Result<TrainingRequest> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    let data = TrainingRequestInput {
        received_date: c.get("received_date")?,
        title: c.get("title")?,
        contact_name: c.get("contact_name")?,
        contact_email: c.get("contact_email")?,
        contact_phone: c.get("contact_phone")?,
        project_name: c.get("project_name")?,
        interreg_programme_id: c.get("interreg_programme_id")?,
        territory_id: c.get("territory_id")?,
        theme_ids: json_list(c.get("theme_ids")?),
        target_profession_ids: json_list(c.get("target_profession_ids")?),
        audience: c.get("audience")?,
        expected_participants: c.get("expected_participants")?,
        languages: json_list(c.get("languages")?),
        desired_period: c.get("desired_period")?,
        format: c.get("format")?,
        need: c.get("need")?,
        status: c.get("status")?,
        notes: c.get("notes")?,
        ..Default::default()
    };
    let meta = c.meta(id)?;
    Ok(TrainingRequest {
        meta,
        data,
        history: Vec::new(),
        event_ids: Vec::new(),
    })
}

/// Reads `at, status, by, reason` of `request_history` from the cursor.
pub(in crate::store) fn change_from(c: &mut Columns) -> rusqlite::Result<RequestStatusChange> {
    Ok(RequestStatusChange {
        at: c.get("at")?,
        status: c.get("status")?,
        by: c.get("by")?,
        reason: c.get("reason")?,
    })
}

fn summary_from_row(row: &Row) -> rusqlite::Result<RequestSummary> {
    let mut c = Columns::new(row);
    Ok(RequestSummary {
        id: c.get("id")?,
        title: c.get("title")?,
        received_date: c.get("received_date")?,
        status: c.get("status")?,
        project_name: c.get("project_name")?,
        territory_id: c.get("territory_id")?,
        event_count: c.get("event_count")?,
        age_days: c.get("age_days")?,
        updated_at: c.get("updated_at")?,
    })
}

/// The links a request names exist (the store's part of the validation).
fn check_links(tx: &Transaction, input: &TrainingRequestInput) -> CoreResult<()> {
    if let Some(territory) = &input.territory_id {
        let one = std::slice::from_ref(territory);
        check_ids_exist(tx, "territories", one, "territoryId", "Le territoire")?;
    }
    if let Some(programme) = &input.interreg_programme_id {
        let one = std::slice::from_ref(programme);
        check_ids_exist(
            tx,
            "interreg_programmes",
            one,
            "interregProgrammeId",
            "Le programme Interreg",
        )?;
    }
    let organisations = "organisations";
    check_ids_exist(
        tx,
        organisations,
        &input.requester_ids,
        "requesterIds",
        "La structure",
    )?;
    check_ids_exist(
        tx,
        organisations,
        &input.handler_ids,
        "handlerIds",
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
    Ok(())
}

/// Writes the request's organisations: requesters then handlers, each in the form's order.
pub(crate) fn write_organisations(
    tx: &Transaction,
    id: &str,
    input: &TrainingRequestInput,
) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM request_organisations WHERE request_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO request_organisations (request_id, organisation_id, role, position)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (role, ids) in [
        ("requester", &input.requester_ids),
        ("handler", &input.handler_ids),
    ] {
        for (position, organisation) in ids.iter().enumerate() {
            insert.execute(params![id, organisation, role, position as i64])?;
        }
    }
    Ok(())
}

/// Replaces the whole history (the exchange writes it as the file carries it).
pub(crate) fn write_history(
    tx: &Transaction,
    id: &str,
    history: &[RequestStatusChange],
) -> CoreResult<()> {
    tx.prepare_cached("DELETE FROM request_history WHERE request_id = ?1")?
        .execute([id])?;
    for change in history {
        append_change(tx, id, change)?;
    }
    Ok(())
}

pub(super) fn append_change(
    tx: &Transaction,
    id: &str,
    change: &RequestStatusChange,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO request_history (request_id, position, at, status, by, reason)
         VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM request_history WHERE request_id = ?1),
            ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        change.at,
        change.status,
        change.by.trim(),
        change.reason.trim()
    ])?;
    Ok(())
}

pub(super) fn current_status(tx: &Transaction, id: &str) -> CoreResult<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT status FROM training_requests WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?)
}

/// The summary's columns, then the words the text search folds and matches (title, project,
/// need).
const SUMMARY_SELECT: &str = "SELECT r.id, r.title, r.received_date, r.status, r.project_name,
    r.territory_id, (SELECT COUNT(*) FROM events ev WHERE ev.request_id = r.id) AS event_count,
    CAST(julianday(?1) - julianday(r.received_date) AS INTEGER) AS age_days, r.updated_at,
    r.title || ' ' || r.project_name || ' ' || r.need AS words
    FROM training_requests r";

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

impl Store {
    pub fn get_request(&self, id: &str) -> CoreResult<TrainingRequest> {
        let conn = self.conn();
        let mut request = conn
            .query_row(
                "SELECT * FROM training_requests WHERE id = ?1",
                [id],
                request_from_row,
            )
            .or_not_found("La demande", id)?;
        let mut organisations = conn.prepare_cached(
            "SELECT organisation_id, role FROM request_organisations WHERE request_id = ?1 ORDER BY role, position",
        )?;
        let rows = organisations.query_map([id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (organisation, role) = row?;
            match role.as_str() {
                "requester" => request.data.requester_ids.push(organisation),
                _ => request.data.handler_ids.push(organisation),
            }
        }
        let mut history = conn.prepare_cached(
            "SELECT at, status, by, reason FROM request_history WHERE request_id = ?1 ORDER BY position",
        )?;
        request.history = history
            .query_map([id], |row| change_from(&mut Columns::new(row)))?
            .collect::<Result<_, _>>()?;
        let mut events = conn.prepare_cached(
            "SELECT id FROM events WHERE request_id = ?1 ORDER BY start_date, code",
        )?;
        request.event_ids = events
            .query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(request)
    }

    /// Records a new request; its history starts with its status, dated now, for `by`.
    pub fn create_request(
        &mut self,
        input: &TrainingRequestInput,
        by: &str,
    ) -> CoreResult<TrainingRequest> {
        check_request(input, None)?;
        let id = new_id();
        self.write(|tx| {
            check_links(tx, input)?;
            let at = now();
            tx.execute(
                "INSERT INTO training_requests (id, received_date, title, contact_name, contact_email,
                    contact_phone, project_name, interreg_programme_id, territory_id, theme_ids,
                    target_profession_ids, audience, expected_participants, languages, desired_period,
                    format, need, status, notes, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                    ?19, ?20, ?20, 1)",
                params![
                    id, input.received_date, input.title.trim(), input.contact_name.trim(),
                    input.contact_email.trim(), input.contact_phone.trim(), input.project_name.trim(),
                    input.interreg_programme_id, input.territory_id, to_json_list(&input.theme_ids),
                    to_json_list(&input.target_profession_ids), input.audience,
                    input.expected_participants, to_json_list(&input.languages),
                    input.desired_period.trim(), input.format, input.need, input.status, input.notes, at
                ],
            )?;
            write_organisations(tx, &id, input)?;
            let change = RequestStatusChange {
                at,
                status: input.status.clone(),
                by: by.to_string(),
                reason: input.status_reason.clone(),
            };
            append_change(tx, &id, &change)
        })?;
        self.get_request(&id)
    }

    /// Saves the form over version `version`; a new status is appended to the history, with
    /// `by` and the form's reason, in the same transaction.
    pub fn update_request(
        &mut self,
        id: &str,
        version: i64,
        input: &TrainingRequestInput,
        by: &str,
    ) -> CoreResult<TrainingRequest> {
        self.write(|tx| {
            let previous = current_status(tx, id)?;
            check_request(input, previous.as_deref())?;
            check_links(tx, input)?;
            let at = now();
            let changed = tx.execute(
                "UPDATE training_requests SET received_date = ?3, title = ?4, contact_name = ?5,
                    contact_email = ?6, contact_phone = ?7, project_name = ?8, interreg_programme_id = ?9,
                    territory_id = ?10, theme_ids = ?11, target_profession_ids = ?12, audience = ?13,
                    expected_participants = ?14, languages = ?15, desired_period = ?16, format = ?17,
                    need = ?18, status = ?19, notes = ?20, updated_at = ?21, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id, version, input.received_date, input.title.trim(), input.contact_name.trim(),
                    input.contact_email.trim(), input.contact_phone.trim(), input.project_name.trim(),
                    input.interreg_programme_id, input.territory_id, to_json_list(&input.theme_ids),
                    to_json_list(&input.target_profession_ids), input.audience,
                    input.expected_participants, to_json_list(&input.languages),
                    input.desired_period.trim(), input.format, input.need, input.status, input.notes, at
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "training_requests", "La demande", id));
            }
            write_organisations(tx, id, input)?;
            if previous.as_deref() != Some(input.status.as_str()) {
                let change = RequestStatusChange {
                    at,
                    status: input.status.clone(),
                    by: by.to_string(),
                    reason: input.status_reason.clone(),
                };
                append_change(tx, id, &change)?;
            }
            Ok(())
        })?;
        self.get_request(id)
    }

    /// Deletes a request and its history; refused while events still answer it.
    pub fn delete_request(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let events: i64 = tx.query_row(
                "SELECT COUNT(*) FROM events WHERE request_id = ?1",
                [id],
                |row| row.get(0),
            )?;
            if events > 0 {
                let reference = format!("{events} événement(s)");
                return Err(CoreError::InUse {
                    message: format!(
                        "Cette demande ne peut pas être supprimée : {reference} y répondent. Retirez d'abord la demande de ces événements. Rien n'a été modifié."
                    ),
                    references: vec![reference],
                });
            }
            let deleted = tx.execute("DELETE FROM training_requests WHERE id = ?1", [id])?;
            deleted_one(deleted, "La demande", id)
        })
    }

    /// Requests matching the filters, most recently received first. Words are searched in
    /// the title, the project and the need, accents and case aside.
    pub fn list_requests(&self, filter: &RequestFilter) -> CoreResult<Vec<RequestSummary>> {
        // `?1` is today (the age); each filter value takes the next number.
        let mut values: Vec<Value> = vec![Value::Text(today())];
        let mut bind = |value: Value| {
            values.push(value);
            format!("?{}", values.len())
        };
        let mut conditions: Vec<String> = Vec::new();
        let text = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(String::from);
        if let Some(status) = text(&filter.status) {
            conditions.push(format!("r.status = {}", bind(Value::Text(status))));
        }
        if let Some(territory) = text(&filter.territory_id) {
            conditions.push(format!("r.territory_id = {}", bind(Value::Text(territory))));
        }
        if let Some(theme) = text(&filter.theme_id) {
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM json_each(r.theme_ids) t WHERE t.value = {})",
                bind(Value::Text(theme))
            ));
        }
        if let Some(days) = filter.older_than_days {
            conditions.push(format!(
                "julianday(?1) - julianday(r.received_date) > {}",
                bind(Value::Integer(days))
            ));
        }
        if filter.open_only {
            conditions.push("r.status NOT IN ('held', 'declined', 'dropped')".into());
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql =
            format!("{SUMMARY_SELECT} {where_clause} ORDER BY r.received_date DESC, r.title, r.id");
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map(params_from_iter(values.iter()), |row| {
            Ok((summary_from_row(row)?, row.get::<_, String>("words")?))
        })?;
        // Words are matched here, folded (accents and case: SQLite's LIKE folds ASCII only).
        let words: Vec<String> = fold(&filter.query)
            .split_whitespace()
            .map(String::from)
            .collect();
        let mut found = Vec::new();
        for row in rows {
            let (summary, text) = row?;
            let text = fold(&text);
            if words.iter().all(|word| text.contains(word.as_str())) {
                found.push(summary);
            }
        }
        Ok(found)
    }

    /// The home view's card: open requests by status (in the flow's order) and those without
    /// an answer after [`REQUEST_ANSWER_DAYS`], oldest first.
    pub fn request_counts(&self) -> CoreResult<RequestCounts> {
        let open = RequestFilter {
            open_only: true,
            ..Default::default()
        };
        let open = self.list_requests(&open)?;
        let open_by_status = RequestStatus::ALL
            .iter()
            .filter(|status| status.is_open())
            .map(|status| RequestStatusCount {
                status: status.code().into(),
                label: status.label().into(),
                count: open.iter().filter(|r| r.status == status.code()).count() as i64,
            })
            .collect();
        let mut unanswered: Vec<RequestSummary> = open
            .into_iter()
            .filter(|r| {
                (r.status == RequestStatus::Received.code()
                    || r.status == RequestStatus::UnderStudy.code())
                    && r.age_days > REQUEST_ANSWER_DAYS
            })
            .collect();
        unanswered.sort_by(|a, b| a.received_date.cmp(&b.received_date).then(a.id.cmp(&b.id)));
        Ok(RequestCounts {
            open_by_status,
            unanswered,
            answer_days: REQUEST_ANSWER_DAYS,
        })
    }
}

/// Inserts or overwrites a request with the id, times, version, organisations and history it
/// carries (the exchange's import), inside the caller's transaction.
pub(crate) fn upsert_request(tx: &Transaction, record: &TrainingRequest) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO training_requests (id, received_date, title, contact_name, contact_email,
            contact_phone, project_name, interreg_programme_id, territory_id, theme_ids,
            target_profession_ids, audience, expected_participants, languages, desired_period,
            format, need, status, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22)
         ON CONFLICT(id) DO UPDATE SET received_date = excluded.received_date, title = excluded.title,
            contact_name = excluded.contact_name, contact_email = excluded.contact_email,
            contact_phone = excluded.contact_phone, project_name = excluded.project_name,
            interreg_programme_id = excluded.interreg_programme_id, territory_id = excluded.territory_id,
            theme_ids = excluded.theme_ids, target_profession_ids = excluded.target_profession_ids,
            audience = excluded.audience, expected_participants = excluded.expected_participants,
            languages = excluded.languages, desired_period = excluded.desired_period,
            format = excluded.format, need = excluded.need, status = excluded.status,
            notes = excluded.notes, created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version",
    )?
    .execute(params![
        m.id, d.received_date, d.title, d.contact_name, d.contact_email, d.contact_phone,
        d.project_name, d.interreg_programme_id, d.territory_id, to_json_list(&d.theme_ids),
        to_json_list(&d.target_profession_ids), d.audience, d.expected_participants,
        to_json_list(&d.languages), d.desired_period, d.format, d.need, d.status, d.notes,
        m.created_at, m.updated_at, m.version
    ])?;
    write_organisations(tx, &m.id, d)?;
    write_history(tx, &m.id, &record.history)
}
