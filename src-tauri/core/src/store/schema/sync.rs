//! Migration 10: what the team sharing through CouchDB keeps beside the records (`sync`).
//!
//! Every write to a shared record, by any path (forms, imports, the exchange file, the GDPR
//! anonymisation, a sync applying a colleague's change), marks the record in `sync_changes`
//! from a trigger, so the mark is in the same transaction as the change and no write path can
//! forget it. Child rows (an expert's themes, a session's speakers…) mark their parent.

/// (table, entity of the record a row belongs to, column holding that record's id). The
/// entities are the exchange file's (`exchange::json` kinds).
pub(crate) const MARKED_TABLES: &[(&str, &str, &str)] = &[
    ("organisations", "organisation", "id"),
    ("territories", "territory", "id"),
    ("themes", "theme", "id"),
    ("professions", "profession", "id"),
    ("competences", "competence", "id"),
    ("competence_observations", "observation", "id"),
    ("experts", "expert", "id"),
    ("expert_languages", "expert", "expert_id"),
    ("expert_themes", "expert", "expert_id"),
    ("expert_territories", "expert", "expert_id"),
    ("expert_professions", "expert", "expert_id"),
    ("training_requests", "trainingRequest", "id"),
    ("request_organisations", "trainingRequest", "request_id"),
    ("request_history", "trainingRequest", "request_id"),
    ("events", "event", "id"),
    ("event_organisers", "event", "event_id"),
    ("event_themes", "event", "event_id"),
    ("event_professions", "event", "event_id"),
    ("sessions", "session", "id"),
    ("session_speakers", "session", "session_id"),
    ("participants", "participant", "id"),
    ("attendance", "participant", "participant_id"),
    ("resources", "resource", "id"),
    ("resource_authors", "resource", "resource_id"),
    ("resource_events", "resource", "resource_id"),
    ("resource_sessions", "resource", "resource_id"),
    ("resource_files", "resource", "resource_id"),
    ("legal_notes", "legalNote", "id"),
    ("legal_bases", "legalNote", "note_id"),
    ("legal_note_resources", "legalNote", "note_id"),
];

const V10_TABLES: &str = r#"
-- Records changed since the last sync (the trigger's marks); a sync turns them into revisions.
CREATE TABLE sync_changes (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

-- Each shared record's CouchDB document as this laptop last knew it: its revision, the
-- revision ids it descends from (newest first), the body at that revision (links as shared
-- ids), and the parent's body when the revision was made here (the common ancestor a merge
-- needs when a colleague changed the same parent).
CREATE TABLE sync_docs (
    doc_id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    ancestry TEXT NOT NULL,
    body TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    base_rev TEXT,
    base_body TEXT,
    UNIQUE (entity, record_id)
);

-- Revisions made here and not yet confirmed by the server, as the documents to send.
CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    document TEXT NOT NULL,
    UNIQUE (doc_id, rev)
);

-- The other leaves of a document in conflict (the record shows the winning one), until the
-- user chooses.
CREATE TABLE sync_conflicts (
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    ancestry TEXT NOT NULL,
    body TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, rev)
);

-- Leaves of documents that were settled (a merge, a user's choice, two deletions): never
-- shown as a conflict again when the server lists them.
CREATE TABLE sync_settled (
    doc_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;

-- Colleagues' revisions that cannot be written yet: a link whose record has not arrived, or a
-- rule the result would break (two events with one code). Tried again at every sync.
CREATE TABLE sync_waiting (
    doc_id TEXT PRIMARY KEY NOT NULL,
    rev TEXT NOT NULL,
    ancestry TEXT NOT NULL,
    body TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    attachments TEXT NOT NULL DEFAULT '{}',
    reason TEXT NOT NULL
);
"#;

/// The migration's SQL: the tables, one trigger per table and write, and a mark for every
/// record already in the file (none was ever shared).
pub(crate) fn v10_sync() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(build_v10);
    SQL.as_str()
}

fn build_v10() -> String {
    let mut sql = String::from(V10_TABLES);
    for (table, entity, column) in MARKED_TABLES {
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            sql.push_str(&format!(
                "CREATE TRIGGER sync_mark_{table}_{event} AFTER {event} ON {table} BEGIN
                   INSERT INTO sync_changes (entity, record_id) VALUES ('{entity}', {row}.{column})
                   ON CONFLICT DO NOTHING;
                 END;\n",
                event = event.to_lowercase(),
            ));
        }
        // An update moving a child row to another parent marks the one it left too.
        if *column != "id" {
            sql.push_str(&format!(
                "CREATE TRIGGER sync_mark_{table}_moved AFTER UPDATE OF {column} ON {table}
                 WHEN OLD.{column} IS NOT NEW.{column} BEGIN
                   INSERT INTO sync_changes (entity, record_id) VALUES ('{entity}', OLD.{column})
                   ON CONFLICT DO NOTHING;
                 END;\n"
            ));
        }
    }
    for (table, entity, column) in MARKED_TABLES {
        if *column == "id" {
            sql.push_str(&format!(
                "INSERT OR IGNORE INTO sync_changes (entity, record_id) SELECT '{entity}', id FROM {table};\n"
            ));
        }
    }
    sql
}
