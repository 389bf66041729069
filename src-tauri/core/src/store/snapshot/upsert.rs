//! One upsert per table: a record written with the id, times and version it carries, inserted
//! or overwritten, its link rows replaced.

use rusqlite::{params, Transaction};

use super::ExchangedParticipant;
use crate::error::CoreResult;
use crate::model::*;
use crate::store::experts::write_expert_links;
use crate::store::to_json_list;

pub(super) fn upsert_organisation(tx: &Transaction, record: &Organisation) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO organisations (id, reference_key, name, acronym, kind, country, city, address, website,
            email, phone, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, name = excluded.name,
            acronym = excluded.acronym, kind = excluded.kind, country = excluded.country, city = excluded.city,
            address = excluded.address, website = excluded.website, email = excluded.email,
            phone = excluded.phone, notes = excluded.notes, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id, record.reference_key, d.name, d.acronym, d.kind, d.country, d.city, d.address,
        d.website, d.email, d.phone, d.notes, m.created_at, m.updated_at, m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_territory(tx: &Transaction, record: &Territory) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO territories (id, reference_key, name, kind, countries, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, name = excluded.name,
            kind = excluded.kind, countries = excluded.countries, notes = excluded.notes,
            created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.reference_key,
        d.name,
        d.kind,
        to_json_list(&d.countries),
        d.notes,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_theme(tx: &Transaction, record: &Theme) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO themes (id, reference_key, label, label_en, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, label = excluded.label,
            label_en = excluded.label_en, created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.reference_key,
        d.label,
        d.label_en,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_family(tx: &Transaction, record: &ProfessionFamily) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO profession_families (id, reference_key, label, level) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, label = excluded.label,
            level = excluded.level",
    )?
    .execute(params![
        record.id,
        record.reference_key,
        record.label,
        record.level
    ])?;
    Ok(())
}

pub(super) fn upsert_programme(tx: &Transaction, record: &InterregProgramme) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO interreg_programmes (id, reference_key, name, period, kind, french_perimeter, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, name = excluded.name,
            period = excluded.period, kind = excluded.kind, french_perimeter = excluded.french_perimeter,
            notes = excluded.notes",
    )?
    .execute(params![
        record.id,
        record.reference_key,
        record.name,
        record.period,
        record.kind,
        record.french_perimeter,
        record.notes
    ])?;
    Ok(())
}

pub(super) fn upsert_profession(tx: &Transaction, record: &Profession) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO professions (id, reference_key, title, family_id, code, description, created_at,
            updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET reference_key = excluded.reference_key, title = excluded.title,
            family_id = excluded.family_id, code = excluded.code, description = excluded.description,
            created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.reference_key,
        d.title,
        d.family_id,
        d.code,
        d.description,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_competence(tx: &Transaction, record: &Competence) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO competences (id, profession_id, label, description, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET profession_id = excluded.profession_id, label = excluded.label,
            description = excluded.description, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.profession_id,
        d.label,
        d.description,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_observation(
    tx: &Transaction,
    record: &CompetenceObservation,
) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO competence_observations (id, competence_id, year, trend, level, source, notes,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET competence_id = excluded.competence_id, year = excluded.year,
            trend = excluded.trend, level = excluded.level, source = excluded.source, notes = excluded.notes,
            created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.competence_id,
        d.year,
        d.trend,
        d.level,
        d.source,
        d.notes,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    Ok(())
}

pub(super) fn upsert_expert(tx: &Transaction, record: &Expert) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO experts (id, first_name, last_name, job_title, organisation_id, country, city, email,
            phone, bio_fr, bio_other, bio_other_language, keywords, availability, fees, consent_date,
            consent_source, review_date, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
         ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
            job_title = excluded.job_title, organisation_id = excluded.organisation_id,
            country = excluded.country, city = excluded.city, email = excluded.email, phone = excluded.phone,
            bio_fr = excluded.bio_fr, bio_other = excluded.bio_other,
            bio_other_language = excluded.bio_other_language, keywords = excluded.keywords,
            availability = excluded.availability, fees = excluded.fees, consent_date = excluded.consent_date,
            consent_source = excluded.consent_source, review_date = excluded.review_date,
            notes = excluded.notes, created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version",
    )?
    .execute(params![
        m.id, d.first_name, d.last_name, d.job_title, d.organisation_id, d.country, d.city, d.email,
        d.phone, d.bio_fr, d.bio_other, d.bio_other_language, d.keywords, d.availability, d.fees,
        d.consent_date, d.consent_source, d.review_date, d.notes, m.created_at, m.updated_at, m.version
    ])?;
    write_expert_links(tx, &m.id, d)
}

pub(super) fn upsert_event(tx: &Transaction, record: &Event) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO events (id, code, title, subtitle, kind, status, start_date, end_date, venue, address, city,
            country, territory_id, audience, objectives, prerequisites, summary, teaching_methods,
            evaluation_methods, accessibility, accessibility_contact, price, access_terms, capacity, languages,
            interpretation, contact_name, contact_email, contact_phone, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)
         ON CONFLICT(id) DO UPDATE SET code = excluded.code, title = excluded.title,
            subtitle = excluded.subtitle, kind = excluded.kind, status = excluded.status,
            start_date = excluded.start_date, end_date = excluded.end_date, venue = excluded.venue,
            address = excluded.address, city = excluded.city, country = excluded.country,
            territory_id = excluded.territory_id, audience = excluded.audience,
            objectives = excluded.objectives, prerequisites = excluded.prerequisites,
            summary = excluded.summary, teaching_methods = excluded.teaching_methods,
            evaluation_methods = excluded.evaluation_methods, accessibility = excluded.accessibility,
            accessibility_contact = excluded.accessibility_contact, price = excluded.price,
            access_terms = excluded.access_terms, capacity = excluded.capacity,
            languages = excluded.languages, interpretation = excluded.interpretation,
            contact_name = excluded.contact_name, contact_email = excluded.contact_email,
            contact_phone = excluded.contact_phone, notes = excluded.notes,
            created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id, d.code, d.title, d.subtitle, d.kind, d.status, d.start_date, d.end_date, d.venue,
        d.address, d.city, d.country, d.territory_id, d.audience, to_json_list(&d.objectives),
        d.prerequisites, d.summary, d.teaching_methods, d.evaluation_methods, d.accessibility,
        d.accessibility_contact, d.price, d.access_terms, d.capacity, to_json_list(&d.languages),
        d.interpretation, d.contact_name, d.contact_email, d.contact_phone, d.notes, m.created_at,
        m.updated_at, m.version
    ])?;
    crate::store::events::write_added_columns(tx, &m.id, d)?;
    let id = &m.id;
    for table in ["event_organisers", "event_themes", "event_professions"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE event_id = ?1"))?
            .execute([id])?;
    }
    let mut organiser = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_organisers (event_id, organisation_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, o) in d.organisers.iter().enumerate() {
        organiser.execute(params![id, o.organisation_id, o.role, position as i64])?;
    }
    for (sql, ids) in [
        (
            "INSERT OR IGNORE INTO event_themes (event_id, theme_id) VALUES (?1, ?2)",
            &d.theme_ids,
        ),
        (
            "INSERT OR IGNORE INTO event_professions (event_id, profession_id) VALUES (?1, ?2)",
            &d.target_profession_ids,
        ),
    ] {
        let mut statement = tx.prepare_cached(sql)?;
        for other in ids {
            statement.execute([id, other])?;
        }
    }
    Ok(())
}

pub(super) fn upsert_session(tx: &Transaction, record: &Session) -> CoreResult<()> {
    let (m, d) = (&record.meta, &record.data);
    tx.prepare_cached(
        "INSERT INTO sessions (id, event_id, date, start_time, end_time, title, description, kind, place,
            language, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT(id) DO UPDATE SET event_id = excluded.event_id, date = excluded.date,
            start_time = excluded.start_time, end_time = excluded.end_time, title = excluded.title,
            description = excluded.description, kind = excluded.kind, place = excluded.place,
            language = excluded.language, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        record.event_id,
        d.date,
        d.start_time,
        d.end_time,
        d.title,
        d.description,
        d.kind,
        d.place,
        d.language,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    crate::store::sessions::write_partner_texts(tx, &m.id, d)?;
    tx.prepare_cached("DELETE FROM session_speakers WHERE session_id = ?1")?
        .execute([&m.id])?;
    let mut speaker = tx.prepare_cached(
        "INSERT OR IGNORE INTO session_speakers (session_id, expert_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, s) in d.speakers.iter().enumerate() {
        speaker.execute(params![m.id, s.expert_id, s.role, position as i64])?;
    }
    Ok(())
}

/// A participant and its attendance, replaced whole. The caller has set aside the e-mail
/// addresses that move (see `write_records`) and checked that none is taken twice per event.
pub(super) fn upsert_participant(
    tx: &Transaction,
    record: &ExchangedParticipant,
) -> CoreResult<()> {
    let p = &record.participant;
    let (m, d) = (&p.meta, &p.data);
    tx.prepare_cached(
        "INSERT INTO participants (id, event_id, first_name, last_name, email, phone, employer,
            job_title, profession_id, status, special_needs, notes, status_since, anonymised,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT(id) DO UPDATE SET event_id = excluded.event_id,
            first_name = excluded.first_name, last_name = excluded.last_name,
            email = excluded.email, phone = excluded.phone, employer = excluded.employer,
            job_title = excluded.job_title, profession_id = excluded.profession_id,
            status = excluded.status, special_needs = excluded.special_needs,
            notes = excluded.notes, status_since = excluded.status_since,
            anonymised = excluded.anonymised, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        m.id,
        p.event_id,
        d.first_name,
        d.last_name,
        d.email,
        d.phone,
        d.employer,
        d.job_title,
        d.profession_id,
        d.status,
        d.special_needs,
        d.notes,
        record.status_since,
        p.anonymised,
        m.created_at,
        m.updated_at,
        m.version
    ])?;
    tx.prepare_cached("DELETE FROM attendance WHERE participant_id = ?1")?
        .execute([&m.id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO attendance (participant_id, date, part, mark) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for cell in &record.attendance {
        insert.execute(params![m.id, cell.date, cell.part, cell.mark])?;
    }
    Ok(())
}
