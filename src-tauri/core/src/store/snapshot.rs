//! The whole database as records with their identity and times, for the JSON exchange file
//! (`exchange::json`): every record read in a stable order (by id, links by id or by their
//! printed position), and records written with the ids, times and versions they carry —
//! inserted or overwritten, a local reference record re-keyed to a colleague's id, the search
//! index and the exchange bases kept current — all inside the caller's one transaction.
//! Also the short lists the calendar and contact exports start from.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, Row, Transaction};

use super::experts::write_expert_links;
use super::search::{index_event, index_expert, index_profession};
use super::{json_list, to_json_list, Store};
use crate::error::CoreResult;
use crate::model::*;

/// Every record of the database. Each list is sorted by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    pub organisations: Vec<Organisation>,
    pub territories: Vec<Territory>,
    pub themes: Vec<Theme>,
    pub profession_families: Vec<ProfessionFamily>,
    pub interreg_programmes: Vec<InterregProgramme>,
    /// Without their competences (those are in `competences`).
    pub professions: Vec<Profession>,
    /// Without their observations (those are in `observations`).
    pub competences: Vec<Competence>,
    pub observations: Vec<CompetenceObservation>,
    /// `organisation_name` is not read: it is derived, not exchanged.
    pub experts: Vec<Expert>,
    pub events: Vec<Event>,
    pub sessions: Vec<Session>,
}

/// The tables whose rows can carry a reference key, and so can be re-keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceTable {
    Organisations,
    Territories,
    Themes,
    ProfessionFamilies,
    InterregProgrammes,
    Professions,
}

impl ReferenceTable {
    fn table(self) -> &'static str {
        match self {
            ReferenceTable::Organisations => "organisations",
            ReferenceTable::Territories => "territories",
            ReferenceTable::Themes => "themes",
            ReferenceTable::ProfessionFamilies => "profession_families",
            ReferenceTable::InterregProgrammes => "interreg_programmes",
            ReferenceTable::Professions => "professions",
        }
    }

    /// The columns holding an id of this table, as (table, column).
    fn referrers(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ReferenceTable::Organisations => &[
                ("experts", "organisation_id"),
                ("event_organisers", "organisation_id"),
            ],
            ReferenceTable::Territories => &[
                ("expert_territories", "territory_id"),
                ("events", "territory_id"),
            ],
            ReferenceTable::Themes => {
                &[("expert_themes", "theme_id"), ("event_themes", "theme_id")]
            }
            ReferenceTable::ProfessionFamilies => &[("professions", "family_id")],
            ReferenceTable::InterregProgrammes => &[],
            ReferenceTable::Professions => &[
                ("competences", "profession_id"),
                ("expert_professions", "profession_id"),
                ("event_professions", "profession_id"),
                ("professions_fts_keys", "profession_id"),
            ],
        }
    }
}

/// A local record that takes another id (the one a colleague's file gives the same reference
/// record), with everything pointing to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rekey {
    pub table: ReferenceTable,
    pub from: String,
    pub to: String,
}

/// The fingerprint of a record as last exchanged. `table` is the record's table name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base {
    pub table: &'static str,
    pub id: String,
    pub fingerprint: String,
}

/// What an import writes: re-keys first, then the records to insert or overwrite (with the
/// ids, times and versions they carry), then the new bases.
#[derive(Debug, Clone, Default)]
pub(crate) struct Changes {
    pub rekeys: Vec<Rekey>,
    pub records: Snapshot,
    pub bases: Vec<Base>,
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Rows of (owner id, value) grouped by owner, in the statement's order.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    value: impl Fn(&Row) -> rusqlite::Result<T>,
) -> CoreResult<HashMap<String, Vec<T>>> {
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    let mut map: HashMap<String, Vec<T>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let owner: String = row.get(0)?;
        map.entry(owner).or_default().push(value(row)?);
    }
    Ok(map)
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> CoreResult<Vec<T>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], map)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn second(row: &Row) -> rusqlite::Result<String> {
    row.get(1)
}

/// Reads a row's columns one after the other, in the order the SELECT lists them: by
/// position, since looking a column up by name scans the names at every read.
struct Columns<'r, 's> {
    row: &'r Row<'s>,
    next: usize,
}

impl<'r, 's> Columns<'r, 's> {
    fn new(row: &'r Row<'s>) -> Self {
        Columns { row, next: 0 }
    }

    fn get<T: rusqlite::types::FromSql>(&mut self) -> rusqlite::Result<T> {
        let value = self.row.get(self.next);
        self.next += 1;
        value
    }

    /// id, created_at, updated_at, version.
    fn meta(&mut self) -> rusqlite::Result<RecordMeta> {
        Ok(RecordMeta {
            id: self.get()?,
            created_at: self.get()?,
            updated_at: self.get()?,
            version: self.get()?,
        })
    }
}

/// Reads every record, each list sorted by id; link lists that are sets are sorted by id,
/// ordered ones (languages, organisers, speakers) keep their position.
pub(crate) fn read_snapshot(conn: &Connection) -> CoreResult<Snapshot> {
    let organisations = all(
        conn,
        "SELECT id, created_at, updated_at, version, reference_key, name, acronym, kind,
            country, city, address, website, email, phone, notes
         FROM organisations ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Organisation {
                meta: c.meta()?,
                reference_key: c.get()?,
                data: OrganisationInput {
                    name: c.get()?,
                    acronym: c.get()?,
                    kind: c.get()?,
                    country: c.get()?,
                    city: c.get()?,
                    address: c.get()?,
                    website: c.get()?,
                    email: c.get()?,
                    phone: c.get()?,
                    notes: c.get()?,
                },
            })
        },
    )?;
    let territories = all(
        conn,
        "SELECT id, created_at, updated_at, version, reference_key, name, kind,
            countries, notes
         FROM territories ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Territory {
                meta: c.meta()?,
                reference_key: c.get()?,
                data: TerritoryInput {
                    name: c.get()?,
                    kind: c.get()?,
                    countries: json_list(c.get()?),
                    notes: c.get()?,
                },
            })
        },
    )?;
    let themes = all(
        conn,
        "SELECT id, created_at, updated_at, version, reference_key, label, label_en
         FROM themes ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Theme {
                meta: c.meta()?,
                reference_key: c.get()?,
                data: ThemeInput {
                    label: c.get()?,
                    label_en: c.get()?,
                },
            })
        },
    )?;
    let profession_families = all(
        conn,
        "SELECT id, label, level, reference_key FROM profession_families ORDER BY id",
        |row| {
            Ok(ProfessionFamily {
                id: row.get(0)?,
                label: row.get(1)?,
                level: row.get(2)?,
                reference_key: row.get(3)?,
            })
        },
    )?;
    let interreg_programmes = all(
        conn,
        "SELECT id, name, period, kind, french_perimeter, notes, reference_key
         FROM interreg_programmes ORDER BY id",
        |row| {
            Ok(InterregProgramme {
                id: row.get(0)?,
                name: row.get(1)?,
                period: row.get(2)?,
                kind: row.get(3)?,
                french_perimeter: row.get(4)?,
                notes: row.get(5)?,
                reference_key: row.get(6)?,
            })
        },
    )?;
    let professions = all(
        conn,
        "SELECT id, created_at, updated_at, version, reference_key, title, family_id,
            code, description
         FROM professions ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Profession {
                meta: c.meta()?,
                reference_key: c.get()?,
                family_label: None,
                data: ProfessionInput {
                    title: c.get()?,
                    family_id: c.get()?,
                    code: c.get()?,
                    description: c.get()?,
                },
                competences: Vec::new(),
            })
        },
    )?;
    let competences = all(
        conn,
        "SELECT id, created_at, updated_at, version, profession_id, label, description
         FROM competences ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Competence {
                meta: c.meta()?,
                profession_id: c.get()?,
                data: CompetenceInput {
                    label: c.get()?,
                    description: c.get()?,
                },
                observations: Vec::new(),
            })
        },
    )?;
    let observations = all(
        conn,
        "SELECT id, created_at, updated_at, version, competence_id, year, trend, level,
            source, notes
         FROM competence_observations ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(CompetenceObservation {
                meta: c.meta()?,
                competence_id: c.get()?,
                data: ObservationInput {
                    year: c.get()?,
                    trend: c.get()?,
                    level: c.get()?,
                    source: c.get()?,
                    notes: c.get()?,
                },
            })
        },
    )?;

    let mut languages = grouped(
        conn,
        "SELECT expert_id, language, level FROM expert_languages ORDER BY expert_id, position",
        |row| {
            Ok(LanguageSkill {
                language: row.get(1)?,
                level: row.get(2)?,
            })
        },
    )?;
    let mut expert_themes = grouped(
        conn,
        "SELECT expert_id, theme_id FROM expert_themes ORDER BY expert_id, theme_id",
        second,
    )?;
    let mut expert_territories = grouped(
        conn,
        "SELECT expert_id, territory_id FROM expert_territories ORDER BY expert_id, territory_id",
        second,
    )?;
    let mut expert_professions = grouped(
        conn,
        "SELECT expert_id, profession_id FROM expert_professions ORDER BY expert_id, profession_id",
        second,
    )?;
    let mut experts = all(
        conn,
        "SELECT id, created_at, updated_at, version, first_name, last_name, job_title,
            organisation_id, country, city, email, phone, bio_fr, bio_other,
            bio_other_language, keywords, availability, fees, consent_date,
            consent_source, review_date, notes
         FROM experts ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Expert {
                meta: c.meta()?,
                organisation_name: None,
                data: ExpertInput {
                    first_name: c.get()?,
                    last_name: c.get()?,
                    job_title: c.get()?,
                    organisation_id: c.get()?,
                    country: c.get()?,
                    city: c.get()?,
                    email: c.get()?,
                    phone: c.get()?,
                    languages: Vec::new(),
                    theme_ids: Vec::new(),
                    territory_ids: Vec::new(),
                    profession_ids: Vec::new(),
                    bio_fr: c.get()?,
                    bio_other: c.get()?,
                    bio_other_language: c.get()?,
                    keywords: c.get()?,
                    availability: c.get()?,
                    fees: c.get()?,
                    consent_date: c.get()?,
                    consent_source: c.get()?,
                    review_date: c.get()?,
                    notes: c.get()?,
                },
            })
        },
    )?;
    for expert in &mut experts {
        let id = &expert.meta.id;
        expert.data.languages = languages.remove(id).unwrap_or_default();
        expert.data.theme_ids = expert_themes.remove(id).unwrap_or_default();
        expert.data.territory_ids = expert_territories.remove(id).unwrap_or_default();
        expert.data.profession_ids = expert_professions.remove(id).unwrap_or_default();
    }

    let mut organisers = grouped(
        conn,
        "SELECT event_id, organisation_id, role FROM event_organisers ORDER BY event_id, position",
        |row| {
            Ok(EventOrganiser {
                organisation_id: row.get(1)?,
                role: row.get(2)?,
            })
        },
    )?;
    let mut event_themes = grouped(
        conn,
        "SELECT event_id, theme_id FROM event_themes ORDER BY event_id, theme_id",
        second,
    )?;
    let mut event_professions = grouped(
        conn,
        "SELECT event_id, profession_id FROM event_professions ORDER BY event_id, profession_id",
        second,
    )?;
    let mut events = all(
        conn,
        "SELECT id, created_at, updated_at, version, code, title, subtitle, kind,
            status, start_date, end_date, venue, address, city, country, territory_id,
            audience, objectives, prerequisites, summary, teaching_methods,
            evaluation_methods, accessibility, accessibility_contact, price,
            access_terms, capacity, languages, interpretation, contact_name,
            contact_email, contact_phone, notes
         FROM events ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Event {
                meta: c.meta()?,
                data: EventInput {
                    code: c.get()?,
                    title: c.get()?,
                    subtitle: c.get()?,
                    kind: c.get()?,
                    status: c.get()?,
                    start_date: c.get()?,
                    end_date: c.get()?,
                    venue: c.get()?,
                    address: c.get()?,
                    city: c.get()?,
                    country: c.get()?,
                    territory_id: c.get()?,
                    organisers: Vec::new(),
                    theme_ids: Vec::new(),
                    target_profession_ids: Vec::new(),
                    audience: c.get()?,
                    objectives: json_list(c.get()?),
                    prerequisites: c.get()?,
                    summary: c.get()?,
                    teaching_methods: c.get()?,
                    evaluation_methods: c.get()?,
                    accessibility: c.get()?,
                    accessibility_contact: c.get()?,
                    price: c.get()?,
                    access_terms: c.get()?,
                    capacity: c.get()?,
                    languages: json_list(c.get()?),
                    interpretation: c.get()?,
                    contact_name: c.get()?,
                    contact_email: c.get()?,
                    contact_phone: c.get()?,
                    notes: c.get()?,
                },
            })
        },
    )?;
    for event in &mut events {
        let id = &event.meta.id;
        event.data.organisers = organisers.remove(id).unwrap_or_default();
        event.data.theme_ids = event_themes.remove(id).unwrap_or_default();
        event.data.target_profession_ids = event_professions.remove(id).unwrap_or_default();
    }

    let mut speakers = grouped(
        conn,
        "SELECT session_id, expert_id, role FROM session_speakers ORDER BY session_id, position",
        |row| {
            Ok(SessionSpeaker {
                expert_id: row.get(1)?,
                role: row.get(2)?,
            })
        },
    )?;
    let mut sessions = all(
        conn,
        "SELECT id, created_at, updated_at, version, event_id, date, start_time,
            end_time, title, description, kind, place, language
         FROM sessions ORDER BY id",
        |row| {
            let mut c = Columns::new(row);
            Ok(Session {
                meta: c.meta()?,
                event_id: c.get()?,
                data: SessionInput {
                    date: c.get()?,
                    start_time: c.get()?,
                    end_time: c.get()?,
                    title: c.get()?,
                    description: c.get()?,
                    kind: c.get()?,
                    place: c.get()?,
                    language: c.get()?,
                    speakers: Vec::new(),
                },
            })
        },
    )?;
    for session in &mut sessions {
        session.data.speakers = speakers.remove(&session.meta.id).unwrap_or_default();
    }

    Ok(Snapshot {
        organisations,
        territories,
        themes,
        profession_families,
        interreg_programmes,
        professions,
        competences,
        observations,
        experts,
        events,
        sessions,
    })
}

/// The fingerprints of the records as last exchanged, by (table, id).
pub(crate) fn read_bases(conn: &Connection) -> CoreResult<HashMap<(String, String), String>> {
    let mut statement = conn.prepare("SELECT entity, id, fingerprint FROM exchange_bases")?;
    let rows = statement.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records (or replaces) the fingerprints of records as just exchanged.
pub(crate) fn write_bases(tx: &Transaction, bases: &[Base]) -> CoreResult<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO exchange_bases (entity, id, fingerprint) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity, id) DO UPDATE SET fingerprint = excluded.fingerprint",
    )?;
    for base in bases {
        statement.execute(params![base.table, base.id, base.fingerprint])?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Gives a local record another id and moves everything that points to it. Foreign keys are
/// checked at commit (`defer_foreign_keys`), once parent and children agree again.
fn rekey(tx: &Transaction, rekey: &Rekey) -> CoreResult<()> {
    let table = rekey.table.table();
    // Table and column names come from the fixed lists above, never from the file.
    tx.execute(
        &format!("UPDATE {table} SET id = ?2 WHERE id = ?1"),
        [&rekey.from, &rekey.to],
    )?;
    for (referrer, column) in rekey.table.referrers() {
        tx.execute(
            &format!("UPDATE {referrer} SET {column} = ?2 WHERE {column} = ?1"),
            [&rekey.from, &rekey.to],
        )?;
    }
    tx.execute(
        "DELETE FROM exchange_bases WHERE entity = ?1 AND id = ?2",
        [table, rekey.to.as_str()],
    )?;
    tx.execute(
        "UPDATE exchange_bases SET id = ?3 WHERE entity = ?1 AND id = ?2",
        [table, rekey.from.as_str(), rekey.to.as_str()],
    )?;
    Ok(())
}

fn upsert_organisation(tx: &Transaction, record: &Organisation) -> CoreResult<()> {
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

fn upsert_territory(tx: &Transaction, record: &Territory) -> CoreResult<()> {
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

fn upsert_theme(tx: &Transaction, record: &Theme) -> CoreResult<()> {
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

fn upsert_family(tx: &Transaction, record: &ProfessionFamily) -> CoreResult<()> {
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

fn upsert_programme(tx: &Transaction, record: &InterregProgramme) -> CoreResult<()> {
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

fn upsert_profession(tx: &Transaction, record: &Profession) -> CoreResult<()> {
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

fn upsert_competence(tx: &Transaction, record: &Competence) -> CoreResult<()> {
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

fn upsert_observation(tx: &Transaction, record: &CompetenceObservation) -> CoreResult<()> {
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

fn upsert_expert(tx: &Transaction, record: &Expert) -> CoreResult<()> {
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

fn upsert_event(tx: &Transaction, record: &Event) -> CoreResult<()> {
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

fn upsert_session(tx: &Transaction, record: &Session) -> CoreResult<()> {
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

/// Above this many records to reindex, the search indexes are refilled in one pass.
const REINDEX_ONE_BY_ONE_UP_TO: usize = 200;

/// Writes an import's changes inside the caller's transaction: re-keys, then every record with
/// the id, times and version it carries, then the search index of what changed, then the bases.
/// The caller has checked the whole (links resolve, codes are unique); a constraint that still
/// fails rolls everything back.
pub(crate) fn write_changes(tx: &Transaction, changes: &Changes) -> CoreResult<()> {
    if !changes.rekeys.is_empty() {
        // A parent's id and its children's columns are updated one after the other; the check
        // waits for the commit. The pragma resets itself at the end of the transaction.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        for change in &changes.rekeys {
            rekey(tx, change)?;
        }
    }
    let records = &changes.records;
    // Codes are unique one statement at a time: moving them aside first lets two events of the
    // file swap their codes.
    let mut set_aside =
        tx.prepare_cached("UPDATE events SET code = char(1) || id WHERE id = ?1 AND code <> ?2")?;
    for event in &records.events {
        set_aside.execute([&event.meta.id, &event.data.code])?;
    }
    for record in &records.profession_families {
        upsert_family(tx, record)?;
    }
    for record in &records.interreg_programmes {
        upsert_programme(tx, record)?;
    }
    for record in &records.organisations {
        upsert_organisation(tx, record)?;
    }
    for record in &records.territories {
        upsert_territory(tx, record)?;
    }
    for record in &records.themes {
        upsert_theme(tx, record)?;
    }
    for record in &records.professions {
        upsert_profession(tx, record)?;
    }
    for record in &records.competences {
        upsert_competence(tx, record)?;
    }
    for record in &records.observations {
        upsert_observation(tx, record)?;
    }
    for record in &records.experts {
        upsert_expert(tx, record)?;
    }
    for record in &records.events {
        upsert_event(tx, record)?;
    }
    for record in &records.sessions {
        upsert_session(tx, record)?;
    }

    // The search index: experts are found by their organisation's name too, professions by
    // their competences.
    let mut experts: HashSet<String> = records.experts.iter().map(|e| e.meta.id.clone()).collect();
    {
        let mut of_organisation =
            tx.prepare_cached("SELECT id FROM experts WHERE organisation_id = ?1")?;
        for organisation in &records.organisations {
            let rows = of_organisation.query_map([&organisation.meta.id], |row| row.get(0))?;
            for row in rows {
                experts.insert(row?);
            }
        }
    }
    let mut professions: HashSet<&str> = records
        .professions
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    professions.extend(records.competences.iter().map(|c| c.profession_id.as_str()));
    for change in &changes.rekeys {
        if change.table == ReferenceTable::Professions {
            professions.insert(change.to.as_str());
        }
    }
    // Reindexing one record deletes its index row by an unindexed column, a scan of the whole
    // index: fine for a few records, quadratic for a colleague's whole database. Past a few
    // hundred, refilling the three indexes from the tables is one pass.
    if experts.len() + records.events.len() + professions.len() > REINDEX_ONE_BY_ONE_UP_TO {
        super::search::rebuild_all(tx)?;
    } else {
        for id in &experts {
            index_expert(tx, id)?;
        }
        for event in &records.events {
            index_event(tx, &event.meta.id)?;
        }
        for id in professions {
            index_profession(tx, id)?;
        }
    }

    write_bases(tx, &changes.bases)
}

impl Store {
    /// Events that end on or after `today` (ISO date), soonest first.
    pub(crate) fn event_ids_ending_from(&self, today: &str) -> CoreResult<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id FROM events WHERE end_date >= ?1 ORDER BY start_date, code, id",
        )?;
        let rows = statement.query_map([today], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every expert's id, in directory order (last name, first name).
    pub(crate) fn expert_ids_by_name(&self) -> CoreResult<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id FROM experts ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
