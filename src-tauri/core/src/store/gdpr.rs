//! Personal data past its time (GDPR): experts to review, events whose participants may be
//! anonymised, the anonymisation itself, and the retention period kept in `meta`.

use chrono::{Months, NaiveDate};
use rusqlite::{params, OptionalExtension};

use super::rows::Columns;
use super::{now, OrNotFound, Store};
use crate::error::CoreResult;
use crate::model::*;
use crate::validation::check_retention_years;

const RETENTION_KEY: &str = "retention_years";

fn french(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or(date.to_string(), |d| d.format("%d/%m/%Y").to_string())
}

impl Store {
    /// The years after an event's end before its participants may be anonymised (`meta`,
    /// default [`DEFAULT_RETENTION_YEARS`]).
    pub fn retention_years(&self) -> CoreResult<i64> {
        let value: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RETENTION_KEY],
                |row| row.get(0),
            )
            .optional()?;
        Ok(value
            .and_then(|v| v.parse().ok())
            .filter(|years| check_retention_years(*years).is_ok())
            .unwrap_or(DEFAULT_RETENTION_YEARS))
    }

    pub fn set_retention_years(&mut self, years: i64) -> CoreResult<()> {
        check_retention_years(years)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![RETENTION_KEY, years.to_string()],
            )?;
            Ok(())
        })
    }

    /// Events that ended more than `years` years before `today` and still have participants
    /// whose personal data is not anonymised, oldest first.
    pub fn events_past_retention_on(
        &self,
        years: i64,
        today: NaiveDate,
    ) -> CoreResult<Vec<RetentionEvent>> {
        check_retention_years(years)?;
        let cutoff = today
            .checked_sub_months(Months::new(12 * years as u32))
            .unwrap_or(NaiveDate::MIN)
            .format("%Y-%m-%d")
            .to_string();
        let mut statement = self.conn().prepare(
            "SELECT e.id AS event_id, e.code, e.title, e.end_date, COUNT(*) AS participants
             FROM events e JOIN participants p ON p.event_id = e.id AND p.anonymised = 0
             WHERE e.end_date < ?1 GROUP BY e.id ORDER BY e.end_date, e.code",
        )?;
        let events = statement
            .query_map([cutoff], |row| {
                let mut c = Columns::new(row);
                Ok(RetentionEvent {
                    event_id: c.get("event_id")?,
                    code: c.get("code")?,
                    title: c.get("title")?,
                    end_date: c.get("end_date")?,
                    participants: c.get("participants")?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(events)
    }

    /// [`Store::events_past_retention_on`] as of today.
    pub fn events_past_retention(&self, years: i64) -> CoreResult<Vec<RetentionEvent>> {
        self.events_past_retention_on(years, chrono::Local::now().date_naive())
    }

    /// Blanks the personal data of every participant of these events, in one transaction:
    /// names, e-mail, phone, employer, job title, special needs and notes. The status, the
    /// profession, the counts and the attendance are kept (the certificates' totals and the
    /// reports stay true). Returns how many participants were anonymised.
    pub fn anonymise_participants(&mut self, event_ids: &[String]) -> CoreResult<usize> {
        self.write(|tx| {
            let mut count = 0;
            for event_id in event_ids {
                tx.query_row("SELECT 1 FROM events WHERE id = ?1", [event_id], |_| Ok(()))
                    .or_not_found("L'événement", event_id)?;
                count += tx.execute(
                    "UPDATE participants SET first_name = '', last_name = '', email = '',
                        phone = '', employer = '', job_title = '', special_needs = '', notes = '',
                        anonymised = 1, updated_at = ?2, version = version + 1
                     WHERE event_id = ?1 AND anonymised = 0",
                    params![event_id, now()],
                )?;
            }
            Ok(count)
        })
    }

    /// Experts whose review date is before `today`, or with no recorded consent, by name.
    pub fn experts_to_review_on(&self, today: NaiveDate) -> CoreResult<Vec<ExpertToReview>> {
        let today = today.format("%Y-%m-%d").to_string();
        let mut statement = self.conn().prepare(
            "SELECT id, first_name, last_name, review_date, consent_date FROM experts
             WHERE (review_date != '' AND review_date < ?1) OR consent_date = ''
             ORDER BY lower(last_name), lower(first_name), id",
        )?;
        let experts = statement
            .query_map([&today], |row| {
                let mut c = Columns::new(row);
                let id: String = c.get("id")?;
                let first: String = c.get("first_name")?;
                let last: String = c.get("last_name")?;
                let review_date: String = c.get("review_date")?;
                let consent: String = c.get("consent_date")?;
                let overdue = !review_date.is_empty() && review_date < today;
                let reason = match (overdue, consent.is_empty()) {
                    (true, true) => format!(
                        "Date de révision dépassée ({}) et aucun consentement enregistré",
                        french(&review_date)
                    ),
                    (true, false) => {
                        format!("Date de révision dépassée ({})", french(&review_date))
                    }
                    _ => "Aucun consentement enregistré".to_string(),
                };
                Ok(ExpertToReview {
                    expert_id: id,
                    name: format!("{first} {last}").trim().to_string(),
                    review_date,
                    consent_recorded: !consent.is_empty(),
                    reason,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(experts)
    }
}
