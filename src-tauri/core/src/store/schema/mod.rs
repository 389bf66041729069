//! The database schema as an ordered list of migrations. The schema version is SQLite's
//! `user_version`; a migration is never edited once released — a change is a new migration at
//! the end, so that a file from any older version can be brought up to date.

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, Migrations, M};

mod library;
mod reference_ids;
pub(crate) mod sync;

/// Version 1: every table. Identifiers are UUID strings so that records keep their identity when
/// exchanged between laptops; lists of plain strings (objectives, country codes) are JSON arrays,
/// links between records are tables with foreign keys.
const V1_TABLES: &str = r#"
CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    name TEXT NOT NULL,
    acronym TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organisations_by_name ON organisations(name COLLATE NOCASE);

CREATE TABLE territories (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    countries TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE themes (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    label TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE profession_families (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    label TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT ''
);

CREATE TABLE interreg_programmes (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    name TEXT NOT NULL,
    period TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    french_perimeter TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE professions (
    id TEXT PRIMARY KEY NOT NULL,
    reference_key TEXT UNIQUE,
    title TEXT NOT NULL,
    family_id TEXT REFERENCES profession_families(id) ON DELETE SET NULL,
    code TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE competences (
    id TEXT PRIMARY KEY NOT NULL,
    profession_id TEXT NOT NULL REFERENCES professions(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX competences_by_profession ON competences(profession_id);

CREATE TABLE competence_observations (
    id TEXT PRIMARY KEY NOT NULL,
    competence_id TEXT NOT NULL REFERENCES competences(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    trend TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX observations_by_competence ON competence_observations(competence_id, year);

CREATE TABLE experts (
    id TEXT PRIMARY KEY NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    job_title TEXT NOT NULL DEFAULT '',
    organisation_id TEXT REFERENCES organisations(id) ON DELETE RESTRICT,
    country TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    bio_fr TEXT NOT NULL DEFAULT '',
    bio_other TEXT NOT NULL DEFAULT '',
    bio_other_language TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    fees TEXT NOT NULL DEFAULT '',
    consent_date TEXT NOT NULL DEFAULT '',
    consent_source TEXT NOT NULL DEFAULT '',
    review_date TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX experts_by_name ON experts(last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX experts_by_organisation ON experts(organisation_id);
CREATE INDEX experts_by_country ON experts(country);

CREATE TABLE expert_languages (
    expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    language TEXT NOT NULL,
    level TEXT NOT NULL,
    level_rank INTEGER NOT NULL,
    PRIMARY KEY (expert_id, language)
);
CREATE INDEX expert_languages_by_language ON expert_languages(language, level_rank);

CREATE TABLE expert_themes (
    expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
    PRIMARY KEY (expert_id, theme_id)
);
CREATE INDEX expert_themes_by_theme ON expert_themes(theme_id);

CREATE TABLE expert_territories (
    expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    territory_id TEXT NOT NULL REFERENCES territories(id) ON DELETE RESTRICT,
    PRIMARY KEY (expert_id, territory_id)
);
CREATE INDEX expert_territories_by_territory ON expert_territories(territory_id);

CREATE TABLE expert_professions (
    expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    profession_id TEXT NOT NULL REFERENCES professions(id) ON DELETE RESTRICT,
    PRIMARY KEY (expert_id, profession_id)
);

CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    territory_id TEXT REFERENCES territories(id) ON DELETE RESTRICT,
    audience TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '[]',
    prerequisites TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    teaching_methods TEXT NOT NULL DEFAULT '',
    evaluation_methods TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    accessibility_contact TEXT NOT NULL DEFAULT '',
    price TEXT NOT NULL DEFAULT '',
    access_terms TEXT NOT NULL DEFAULT '',
    capacity INTEGER,
    languages TEXT NOT NULL DEFAULT '[]',
    interpretation TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_by_start ON events(start_date);
CREATE INDEX events_by_status ON events(status, start_date);

CREATE TABLE event_organisers (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, organisation_id, role)
);
CREATE INDEX event_organisers_by_organisation ON event_organisers(organisation_id);

CREATE TABLE event_themes (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
    PRIMARY KEY (event_id, theme_id)
);
CREATE INDEX event_themes_by_theme ON event_themes(theme_id);

CREATE TABLE event_professions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    profession_id TEXT NOT NULL REFERENCES professions(id) ON DELETE RESTRICT,
    PRIMARY KEY (event_id, profession_id)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sessions_by_event ON sessions(event_id, date, start_time);

CREATE TABLE session_speakers (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, expert_id)
);
CREATE INDEX session_speakers_by_expert ON session_speakers(expert_id);
"#;

/// Version 2: full-text indexes. `remove_diacritics 2` makes "etudes" find "Études"; the
/// indexes are kept up to date by the store in the same transaction as each write, and filled
/// from the existing rows when a version-1 file is migrated.
const V2_SEARCH: &str = r#"
CREATE VIRTUAL TABLE experts_fts USING fts5(
    expert_id UNINDEXED, names, organisation, bio, keywords,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE events_fts USING fts5(
    event_id UNINDEXED, title, code, city, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE professions_fts USING fts5(
    profession_id UNINDEXED, title, description, competences,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Version 3: the exchange bases. For each record that went out in or came in from a JSON
/// exchange file, the fingerprint (a hash of its content) it had then, so that the next import
/// can tell a record changed here from one changed in the file (see `exchange::json`).
/// `entity` is the record's table name ("experts", "sessions"…).
const V3_EXCHANGE_BASES: &str = r#"
CREATE TABLE exchange_bases (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
"#;

/// Version 4: search indexes keyed by rowid. Version 2 kept the record's id in an unindexed
/// column of each FTS table, so replacing one record's entry (`DELETE … WHERE expert_id = ?`)
/// scanned the whole index. Each FTS table now has a key table (`fts_rowid` ↔ the record's id,
/// unique) and rows are replaced by rowid; the indexes are refilled from the tables.
const V4_SEARCH_KEYS: &str = r#"
DROP TABLE experts_fts;
DROP TABLE events_fts;
DROP TABLE professions_fts;
CREATE VIRTUAL TABLE experts_fts USING fts5(
    names, organisation, bio, keywords,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE experts_fts_keys (
    fts_rowid INTEGER PRIMARY KEY,
    expert_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, code, city, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE events_fts_keys (
    fts_rowid INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE professions_fts USING fts5(
    title, description, competences,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE professions_fts_keys (
    fts_rowid INTEGER PRIMARY KEY,
    profession_id TEXT NOT NULL UNIQUE
);
"#;

/// Fills version 2's indexes from the rows of a version-1 file, as version 2 did (frozen here:
/// the store's search code now writes version 4's shape).
const V2_FILL: &str = r#"
INSERT INTO experts_fts (expert_id, names, organisation, bio, keywords)
    SELECT e.id, e.first_name || ' ' || e.last_name,
        coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') || ' ' || e.job_title || ' ' || e.city,
        e.bio_fr || ' ' || e.bio_other, e.keywords
    FROM experts e LEFT JOIN organisations o ON o.id = e.organisation_id;
INSERT INTO events_fts (event_id, title, code, city, description)
    SELECT ev.id, ev.title || ' ' || ev.subtitle, ev.code, ev.city || ' ' || ev.venue,
        ev.summary || ' ' || ev.audience || ' ' || ev.objectives
    FROM events ev;
INSERT INTO professions_fts (profession_id, title, description, competences)
    SELECT p.id, p.title, p.code || ' ' || p.description,
        coalesce((SELECT group_concat(c.label, ' ') FROM competences c WHERE c.profession_id = p.id), '')
    FROM professions p;
"#;

/// The tables whose rows carry a `version` (the edit counter of optimistic concurrency and of
/// the exchange merge), as they were at version 5. Frozen with that migration.
const V5_VERSIONED_TABLES: [&str; 9] = [
    "organisations",
    "territories",
    "themes",
    "professions",
    "competences",
    "competence_observations",
    "experts",
    "events",
    "sessions",
];

/// The highest record version, written out in migration 5's triggers (see
/// [`MAX_RECORD_VERSION`], which must stay equal to it).
const V5_MAX_VERSION: &str = "1000000000";

/// Version 5: record versions bounded to 1..=1000000000. A version near `i64::MAX` (from a
/// hand-made or hostile exchange file) would overflow at the next edit (`version + 1`) and
/// make the record impossible to save or to merge. SQLite cannot add a CHECK constraint to an
/// existing column without rebuilding each table, so BEFORE INSERT and BEFORE UPDATE triggers
/// refuse an out-of-range version instead; rows already out of range are first brought back
/// within it (a file migrated here is copied aside before, so the old values are kept there).
fn v5_version_bounds() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let max = V5_MAX_VERSION;
        let mut sql = String::new();
        for table in V5_VERSIONED_TABLES {
            let out_of_range = |row: &str| {
                format!(
                    "typeof({row}version) != 'integer' OR {row}version < 1 OR {row}version > {max}"
                )
            };
            let message = format!(
                "La version d''un enregistrement ({table}) doit être un nombre entier entre 1 et {max}. Rien n''a été modifié."
            );
            sql.push_str(&format!(
                "UPDATE {table} SET version = CASE WHEN typeof(version) = 'integer' AND version > {max} THEN {max} ELSE 1 END WHERE {};\n",
                out_of_range("")
            ));
            for (event, name) in [("INSERT", "insert"), ("UPDATE OF version", "update")] {
                sql.push_str(&format!(
                    "CREATE TRIGGER {table}_version_{name} BEFORE {event} ON {table}\n    WHEN {}\n    BEGIN SELECT RAISE(ABORT, '{message}'); END;\n",
                    out_of_range("NEW.")
                ));
            }
        }
        sql
    });
    SQL.as_str()
}

/// Version 6: facts about the database itself, one value per key. `reference` holds the
/// fingerprint of the shipped reference data last loaded into this file, so that a start with
/// the same release skips reading the reference files again (see `Store::open_with_reference`).
const V6_META: &str = r#"
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// Version 7: an event's texts in one partner language and its study-visit logistics (both as
/// JSON objects: they are read and written with the event, never queried apart), the sessions'
/// partner-language title and description, and the programme versions sent out. A version
/// keeps the PDF exactly as it was sent (so that printing it again gives the same bytes,
/// whatever later releases change in the layout) and the data it printed (to tell what the
/// next version changed).
const V7_PARTNER_LANGUAGE_AND_VERSIONS: &str = r#"
ALTER TABLE events ADD COLUMN partner_language TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN translation TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN logistics TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sessions ADD COLUMN title_partner TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN description_partner TEXT NOT NULL DEFAULT '';

CREATE TABLE programme_versions (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    created_at TEXT NOT NULL,
    version_date TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '[]',
    printed TEXT NOT NULL,
    pdf BLOB NOT NULL,
    UNIQUE (event_id, number)
);
"#;

/// Version 8: training requests (with their dated status history, their requesting and
/// handling organisations, and the events that answer them: `events.request_id`), the
/// participants of events, and their attendance per half-day. New tables bound `version` with
/// a CHECK rather than the triggers of version 5. A participant's attendance goes with it
/// (ON DELETE CASCADE); anonymising keeps the row and the attendance, blanking the person.
const V8_REQUESTS_AND_PARTICIPANTS: &str = r#"
CREATE TABLE training_requests (
    id TEXT PRIMARY KEY NOT NULL,
    received_date TEXT NOT NULL,
    title TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    project_name TEXT NOT NULL DEFAULT '',
    interreg_programme_id TEXT,
    territory_id TEXT REFERENCES territories(id) ON DELETE RESTRICT,
    theme_ids TEXT NOT NULL DEFAULT '[]',
    target_profession_ids TEXT NOT NULL DEFAULT '[]',
    audience TEXT NOT NULL DEFAULT '',
    expected_participants INTEGER,
    languages TEXT NOT NULL DEFAULT '[]',
    desired_period TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    need TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (typeof(version) = 'integer' AND version BETWEEN 1 AND 1000000000)
);
CREATE INDEX training_requests_by_status ON training_requests(status, received_date);

CREATE TABLE request_organisations (
    request_id TEXT NOT NULL REFERENCES training_requests(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('requester', 'handler')),
    position INTEGER NOT NULL,
    PRIMARY KEY (request_id, organisation_id, role)
);
CREATE INDEX request_organisations_by_organisation ON request_organisations(organisation_id);

CREATE TABLE request_history (
    request_id TEXT NOT NULL REFERENCES training_requests(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, position)
);

ALTER TABLE events ADD COLUMN request_id TEXT REFERENCES training_requests(id) ON DELETE SET NULL;
CREATE INDEX events_by_request ON events(request_id);

CREATE TABLE participants (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    employer TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    profession_id TEXT REFERENCES professions(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    special_needs TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    -- When the participant entered its current status: the waiting list is served in this order.
    status_since TEXT NOT NULL,
    anonymised INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (typeof(version) = 'integer' AND version BETWEEN 1 AND 1000000000)
);
CREATE INDEX participants_by_event ON participants(event_id, status, status_since);
-- One person registers once per event; anonymised rows have no e-mail.
CREATE UNIQUE INDEX participants_unique_email ON participants(event_id, lower(email)) WHERE email != '';

CREATE TABLE attendance (
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('am', 'pm')),
    mark TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'excused')),
    PRIMARY KEY (participant_id, date, part)
) WITHOUT ROWID;
"#;

fn fill_version_two_indexes(tx: &Transaction) -> HookResult {
    tx.execute_batch(V2_FILL)?;
    Ok(())
}

/// Version 12: the observations' index covers the competences report's whole order (a
/// competence's observations by year, then by when they were recorded), so that the report
/// reads 50,000 observations in order without SQLite sorting them nor checking their order.
const V12_OBSERVATIONS_IN_REPORT_ORDER: &str = r#"
DROP INDEX observations_by_competence;
CREATE INDEX observations_in_report_order
    ON competence_observations(competence_id, year, created_at, id);
"#;

fn fill_search_indexes(tx: &Transaction) -> HookResult {
    super::search::rebuild_before_library(tx)?;
    Ok(())
}

/// The ordered migrations; the schema version of a file is the number applied.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_TABLES),
        M::up_with_hook(V2_SEARCH, fill_version_two_indexes),
        M::up(V3_EXCHANGE_BASES),
        M::up_with_hook(V4_SEARCH_KEYS, fill_search_indexes),
        M::up(v5_version_bounds()),
        M::up(V6_META),
        M::up(V7_PARTNER_LANGUAGE_AND_VERSIONS),
        M::up(V8_REQUESTS_AND_PARTICIPANTS),
        M::up(library::V9_LIBRARY),
        M::up(sync::v10_sync()),
        M::up_with_hook("", reference_ids::v11_reference_ids),
        M::up(V12_OBSERVATIONS_IN_REPORT_ORDER),
    ])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = 12;

/// The highest version a record may carry (migration 5's triggers enforce it in the database,
/// the JSON import checks it before writing).
pub const MAX_RECORD_VERSION: i64 = 1_000_000_000;

#[cfg(test)]
mod tests {
    #[test]
    fn the_bound_in_the_triggers_is_the_published_one() {
        assert_eq!(
            super::V5_MAX_VERSION.parse::<i64>().unwrap(),
            super::MAX_RECORD_VERSION
        );
    }
}
