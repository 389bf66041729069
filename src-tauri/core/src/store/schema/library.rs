//! Migration 9: the library (resources, their files, legal notes). Kept apart from the
//! earlier migrations only for the length of one file.

/// Version 9: the library. Resources with their ordered authors (an expert or an
/// organisation each), their links to events and sessions, and their files; legal notes with
/// their legal bases and related resources; and both full-text indexes (the resource's index
/// holds the text extracted from its files, so one query finds words of either).
///
/// Files are content-addressed: `file_contents` holds one row per distinct SHA-256 (its type,
/// size and extracted text), `file_data` its bytes apart, so that listing files never reads
/// megabytes; `resource_files` names a content for one resource. A content no resource names
/// any more is deleted by the store in the same transaction.
pub(super) const V9_LIBRARY: &str = r#"
CREATE TABLE resources (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    publication_date TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    theme_ids TEXT NOT NULL DEFAULT '[]',
    territory_ids TEXT NOT NULL DEFAULT '[]',
    profession_ids TEXT NOT NULL DEFAULT '[]',
    audience TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    review_date TEXT NOT NULL DEFAULT '',
    rights TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (typeof(version) = 'integer' AND version BETWEEN 1 AND 1000000000)
);
CREATE INDEX resources_by_kind ON resources(kind, publication_date);

CREATE TABLE resource_authors (
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    expert_id TEXT REFERENCES experts(id) ON DELETE RESTRICT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('author', 'contributor', 'publisher')),
    CHECK ((expert_id IS NULL) != (organisation_id IS NULL)),
    PRIMARY KEY (resource_id, position)
);
CREATE INDEX resource_authors_by_expert ON resource_authors(expert_id) WHERE expert_id IS NOT NULL;
CREATE INDEX resource_authors_by_organisation ON resource_authors(organisation_id) WHERE organisation_id IS NOT NULL;

CREATE TABLE resource_events (
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, event_id)
) WITHOUT ROWID;
CREATE INDEX resource_events_by_event ON resource_events(event_id);

CREATE TABLE resource_sessions (
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, session_id)
) WITHOUT ROWID;
CREATE INDEX resource_sessions_by_session ON resource_sessions(session_id);

CREATE TABLE file_contents (
    sha256 TEXT PRIMARY KEY NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    text_status TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT ''
);

CREATE TABLE file_data (
    sha256 TEXT PRIMARY KEY NOT NULL REFERENCES file_contents(sha256) ON DELETE CASCADE,
    data BLOB NOT NULL
);

CREATE TABLE resource_files (
    id TEXT PRIMARY KEY NOT NULL,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES file_contents(sha256) ON DELETE RESTRICT,
    added_at TEXT NOT NULL,
    UNIQUE (resource_id, sha256)
);
CREATE INDEX resource_files_by_resource ON resource_files(resource_id, position);
CREATE INDEX resource_files_by_content ON resource_files(sha256);

CREATE TABLE legal_notes (
    id TEXT PRIMARY KEY NOT NULL,
    question TEXT NOT NULL,
    short_answer TEXT NOT NULL DEFAULT '',
    full_answer TEXT NOT NULL DEFAULT '',
    countries TEXT NOT NULL DEFAULT '[]',
    territory_ids TEXT NOT NULL DEFAULT '[]',
    theme_ids TEXT NOT NULL DEFAULT '[]',
    profession_ids TEXT NOT NULL DEFAULT '[]',
    up_to_date TEXT NOT NULL DEFAULT '',
    review_date TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (typeof(version) = 'integer' AND version BETWEEN 1 AND 1000000000)
);

CREATE TABLE legal_bases (
    note_id TEXT NOT NULL REFERENCES legal_notes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    identifier TEXT NOT NULL CHECK (identifier != ''),
    article TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (note_id, position)
) WITHOUT ROWID;

CREATE TABLE legal_note_resources (
    note_id TEXT NOT NULL REFERENCES legal_notes(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (note_id, resource_id)
) WITHOUT ROWID;
CREATE INDEX legal_note_resources_by_resource ON legal_note_resources(resource_id);

CREATE VIRTUAL TABLE resources_fts USING fts5(
    title, people, summary, keywords, files,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE resources_fts_keys (
    fts_rowid INTEGER PRIMARY KEY,
    resource_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE legal_notes_fts USING fts5(
    question, answer, bases, author,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE legal_notes_fts_keys (
    fts_rowid INTEGER PRIMARY KEY,
    note_id TEXT NOT NULL UNIQUE
);
"#;
