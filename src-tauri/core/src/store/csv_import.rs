//! The reads and writes behind the CSV exchange of experts and professions (`exchange::*_csv`):
//! everything an import needs to match rows against (records by name, e-mail, code) read in a
//! few bulk queries, and the planned creations and updates written in one transaction.
//!
//! The import plans inside [`Store::csv_import_experts`] / [`Store::csv_import_professions`]:
//! the context is read in the writing transaction, so the plan is never made against data a
//! colleague or another window changed since the preview, and a failure anywhere rolls back
//! every row.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use super::experts::{expert_from_row, insert_expert_rows, language_from, update_expert_rows};
use super::professions::{competence_from_row, profession_from_row};
use super::rows::Columns;
use super::search::{index_expert, index_profession, rebuild_all};
use super::{insert_profession, new_id, now, stale_or_missing, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::{check_competence, check_expert, check_profession};

/// One planned write of an import.
pub(crate) enum CsvWrite<I> {
    Create(I),
    /// An update based on the version read in the same transaction.
    Update {
        id: String,
        version: i64,
        input: I,
    },
}

/// A record as the CSV files name it: its label and, where it has one, a second name it can be
/// found by (an organisation's acronym, a theme's English label, a profession's code).
pub(crate) struct Label {
    pub id: String,
    pub label: String,
    pub alias: String,
}

/// What the expert CSV export and import work from.
pub(crate) struct ExpertContext {
    /// `alias` is the acronym.
    pub organisations: Vec<Label>,
    /// `alias` is the English label.
    pub themes: Vec<Label>,
    pub territories: Vec<Label>,
    /// `alias` is the CNFPT code.
    pub professions: Vec<Label>,
    /// Titles an earlier release shipped for reference professions (e.g. ESCO's English
    /// labels), so that files written with them still import; `alias` is empty.
    pub profession_former_titles: Vec<Label>,
    /// Every expert with languages and links, oldest first.
    pub experts: Vec<Expert>,
}

/// What the profession CSV export and import work from.
pub(crate) struct ProfessionContext {
    pub families: Vec<Label>,
    /// Every profession with its competences (without observations), oldest first.
    pub professions: Vec<Profession>,
}

/// A profession row of an import: the profession's fields, and the competences to add to it
/// (an import never removes a competence: it carries observations the file does not have).
pub(crate) struct ProfessionImport {
    pub input: ProfessionInput,
    pub new_competences: Vec<String>,
}

pub(super) fn labels(conn: &Connection, sql: &str) -> CoreResult<Vec<Label>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], |row| {
        Ok(Label {
            id: row.get(0)?,
            label: row.get(1)?,
            alias: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Reads `(owner id, value…)` rows, the owner first and named `owner`, and hands each to `add`
/// with the owner's position, the cursor after the owner.
fn each_link(
    conn: &Connection,
    sql: &str,
    owner: &str,
    positions: &HashMap<String, usize>,
    mut add: impl FnMut(usize, &mut Columns) -> rusqlite::Result<()>,
) -> CoreResult<()> {
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let mut columns = Columns::new(row);
        let id: String = columns.get(owner)?;
        if let Some(&position) = positions.get(&id) {
            add(position, &mut columns)?;
        }
    }
    Ok(())
}

pub(crate) fn read_expert_context(conn: &Connection) -> CoreResult<ExpertContext> {
    let mut experts: Vec<Expert> = {
        let mut statement = conn.prepare(
            "SELECT e.*, o.name AS organisation_name FROM experts e
             LEFT JOIN organisations o ON o.id = e.organisation_id ORDER BY e.created_at, e.id",
        )?;
        let rows = statement.query_map([], expert_from_row)?;
        rows.collect::<Result<_, _>>()?
    };
    let positions: HashMap<String, usize> = experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.meta.id.clone(), i))
        .collect();
    each_link(
        conn,
        "SELECT expert_id, language, level FROM expert_languages ORDER BY expert_id, position",
        "expert_id",
        &positions,
        |i, c| {
            experts[i].data.languages.push(language_from(c)?);
            Ok(())
        },
    )?;
    each_link(
        conn,
        "SELECT expert_id, theme_id FROM expert_themes",
        "expert_id",
        &positions,
        |i, c| {
            experts[i].data.theme_ids.push(c.get("theme_id")?);
            Ok(())
        },
    )?;
    each_link(
        conn,
        "SELECT expert_id, territory_id FROM expert_territories",
        "expert_id",
        &positions,
        |i, c| {
            experts[i].data.territory_ids.push(c.get("territory_id")?);
            Ok(())
        },
    )?;
    each_link(
        conn,
        "SELECT expert_id, profession_id FROM expert_professions",
        "expert_id",
        &positions,
        |i, c| {
            experts[i].data.profession_ids.push(c.get("profession_id")?);
            Ok(())
        },
    )?;
    Ok(ExpertContext {
        organisations: labels(
            conn,
            "SELECT id, name, acronym FROM organisations ORDER BY created_at, id",
        )?,
        themes: labels(
            conn,
            "SELECT id, label, label_en FROM themes ORDER BY created_at, id",
        )?,
        territories: labels(
            conn,
            "SELECT id, name, '' FROM territories ORDER BY created_at, id",
        )?,
        professions: labels(
            conn,
            "SELECT id, title, code FROM professions ORDER BY created_at, id",
        )?,
        profession_former_titles: former_profession_titles(conn)?,
        experts,
    })
}

pub(super) fn former_profession_titles(conn: &Connection) -> CoreResult<Vec<Label>> {
    let shipped = crate::reference::shipped()?;
    let mut statement =
        conn.prepare("SELECT id, reference_key FROM professions WHERE reference_key IS NOT NULL")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut labels = Vec::new();
    for row in rows {
        let (id, key) = row?;
        let Some(profession) = shipped.professions.iter().find(|p| p.key == key) else {
            continue;
        };
        for title in &profession.previous_titles {
            labels.push(Label {
                id: id.clone(),
                label: title.clone(),
                alias: String::new(),
            });
        }
    }
    Ok(labels)
}

pub(crate) fn read_profession_context(conn: &Connection) -> CoreResult<ProfessionContext> {
    let mut professions: Vec<Profession> = {
        let mut statement = conn.prepare(
            "SELECT p.*, f.label AS family_label FROM professions p
             LEFT JOIN profession_families f ON f.id = p.family_id ORDER BY p.created_at, p.id",
        )?;
        let rows = statement.query_map([], profession_from_row)?;
        rows.collect::<Result<_, _>>()?
    };
    let positions: HashMap<String, usize> = professions
        .iter()
        .enumerate()
        .map(|(i, p)| (p.meta.id.clone(), i))
        .collect();
    let mut statement =
        conn.prepare("SELECT * FROM competences ORDER BY profession_id, label COLLATE NOCASE, id")?;
    for competence in statement.query_map([], competence_from_row)? {
        let competence = competence?;
        if let Some(&i) = positions.get(&competence.profession_id) {
            professions[i].competences.push(competence);
        }
    }
    Ok(ProfessionContext {
        families: labels(
            conn,
            "SELECT id, label, '' FROM profession_families ORDER BY id",
        )?,
        professions,
    })
}

/// Above this many experts written, the full-text indexes are refilled once at the end instead
/// of record by record: reindexing one expert deletes by `expert_id`, an unindexed FTS column,
/// so it reads the whole index and an import of n rows would take time in n².
const BULK_REINDEX_FROM: usize = 100;

/// Inserts a new expert like `experts::insert_expert`, without its full-text entry (see
/// [`BULK_REINDEX_FROM`]); the rows come from a plan made with the same rules.
fn insert_new_expert(tx: &Transaction, input: &ExpertInput) -> CoreResult<String> {
    check_expert(input)?;
    insert_expert_rows(tx, input)
}

/// Updates an expert like `Store::update_expert`, without its full-text entry.
fn update_expert(tx: &Transaction, id: &str, version: i64, input: &ExpertInput) -> CoreResult<()> {
    check_expert(input)?;
    update_expert_rows(tx, id, version, input)
}

fn add_competences(tx: &Transaction, profession_id: &str, labels: &[String]) -> CoreResult<()> {
    let now = now();
    let mut statement = tx.prepare_cached(
        "INSERT INTO competences (id, profession_id, label, description, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, '', ?4, ?4, 1)",
    )?;
    for label in labels {
        check_competence(&CompetenceInput {
            label: label.clone(),
            description: String::new(),
        })?;
        statement.execute(params![new_id(), profession_id, label.trim(), now])?;
    }
    Ok(())
}

fn update_profession(
    tx: &Transaction,
    id: &str,
    version: i64,
    import: &ProfessionImport,
) -> CoreResult<()> {
    let input = &import.input;
    check_profession(input)?;
    if let Some(family) = &input.family_id {
        if !tx
            .prepare_cached("SELECT 1 FROM profession_families WHERE id = ?1")?
            .exists([family])?
        {
            return Err(CoreError::field(
                "familyId",
                "La famille de métiers choisie n'existe plus.",
            ));
        }
    }
    let changed = tx
        .prepare_cached(
            "UPDATE professions SET title = ?3, family_id = ?4, code = ?5, description = ?6,
            updated_at = ?7, version = version + 1
         WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id,
            version,
            input.title.trim(),
            input.family_id,
            input.code.trim(),
            input.description,
            now()
        ])?;
    if changed == 0 {
        return Err(stale_or_missing(tx, "professions", "Le métier", id));
    }
    add_competences(tx, id, &import.new_competences)?;
    index_profession(tx, id)
}

impl Store {
    pub(crate) fn csv_expert_context(&self) -> CoreResult<ExpertContext> {
        read_expert_context(self.conn())
    }

    pub(crate) fn csv_profession_context(&self) -> CoreResult<ProfessionContext> {
        read_profession_context(self.conn())
    }

    /// In one transaction: reads the context, lets `plan` decide the writes, makes them. Any
    /// error (from the plan or a write) rolls everything back.
    pub(crate) fn csv_import_experts<T>(
        &mut self,
        plan: impl FnOnce(&ExpertContext) -> CoreResult<(Vec<CsvWrite<ExpertInput>>, T)>,
    ) -> CoreResult<T> {
        self.write(|tx| {
            let context = read_expert_context(tx)?;
            let (writes, value) = plan(&context)?;
            let mut written = Vec::with_capacity(writes.len());
            for write in &writes {
                written.push(match write {
                    CsvWrite::Create(input) => insert_new_expert(tx, input)?,
                    CsvWrite::Update { id, version, input } => {
                        update_expert(tx, id, *version, input)?;
                        id.clone()
                    }
                });
            }
            if written.len() >= BULK_REINDEX_FROM {
                rebuild_all(tx)?;
            } else {
                for id in &written {
                    index_expert(tx, id)?;
                }
            }
            Ok(value)
        })
    }

    /// Like [`Store::csv_import_experts`], for professions and their competences.
    pub(crate) fn csv_import_professions<T>(
        &mut self,
        plan: impl FnOnce(&ProfessionContext) -> CoreResult<(Vec<CsvWrite<ProfessionImport>>, T)>,
    ) -> CoreResult<T> {
        self.write(|tx| {
            let context = read_profession_context(tx)?;
            let (writes, value) = plan(&context)?;
            for write in &writes {
                match write {
                    CsvWrite::Create(import) => {
                        let id = insert_profession(tx, &import.input, None)?;
                        add_competences(tx, &id, &import.new_competences)?;
                        index_profession(tx, &id)?;
                    }
                    CsvWrite::Update { id, version, input } => {
                        update_profession(tx, id, *version, input)?
                    }
                }
            }
            Ok(value)
        })
    }
}
