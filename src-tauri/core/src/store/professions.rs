//! Professions (métiers), their competences and the observations of how each competence evolves.

use rusqlite::{params, Row, Transaction};

use super::rows::Columns;
use super::{check_ids_exist, deleted_one, new_id, now, stale_or_missing, OrNotFound, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::{check_competence, check_observation, check_profession};

const PROFESSION_SELECT: &str = "SELECT p.*, f.label AS family_label FROM professions p
    LEFT JOIN profession_families f ON f.id = p.family_id";

/// Reads a row of `SELECT *` from `professions`, then `family_label` (see [`Columns`]).
pub(super) fn profession_from_row(row: &Row) -> rusqlite::Result<Profession> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Profession {
        reference_key: c.get("reference_key")?,
        data: ProfessionInput {
            title: c.get("title")?,
            family_id: c.get("family_id")?,
            code: c.get("code")?,
            description: c.get("description")?,
        },
        meta: c.meta(id)?,
        family_label: c.get("family_label")?,
        competences: Vec::new(),
    })
}

/// Reads a row of `SELECT * FROM competences`.
pub(super) fn competence_from_row(row: &Row) -> rusqlite::Result<Competence> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Competence {
        profession_id: c.get("profession_id")?,
        data: CompetenceInput {
            label: c.get("label")?,
            description: c.get("description")?,
        },
        meta: c.meta(id)?,
        observations: Vec::new(),
    })
}

/// Reads a row of `SELECT * FROM competence_observations`.
pub(super) fn observation_from_row(row: &Row) -> rusqlite::Result<CompetenceObservation> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(CompetenceObservation {
        competence_id: c.get("competence_id")?,
        data: ObservationInput {
            year: c.get("year")?,
            trend: c.get("trend")?,
            level: c.get("level")?,
            source: c.get("source")?,
            notes: c.get("notes")?,
        },
        meta: c.meta(id)?,
    })
}

fn check_family(tx: &Transaction, input: &ProfessionInput) -> CoreResult<()> {
    if let Some(family) = &input.family_id {
        let mut statement = tx.prepare_cached("SELECT 1 FROM profession_families WHERE id = ?1")?;
        if !statement.exists([family])? {
            return Err(CoreError::field(
                "familyId",
                "La famille de métiers choisie n'existe plus.",
            ));
        }
    }
    Ok(())
}

pub(crate) fn insert_profession(
    tx: &Transaction,
    input: &ProfessionInput,
    reference_key: Option<&str>,
) -> CoreResult<String> {
    check_profession(input)?;
    check_family(tx, input)?;
    let (id, now) = super::reference::identity("professions", reference_key);
    tx.execute(
        "INSERT INTO professions (id, reference_key, title, family_id, code, description, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
        params![id, reference_key, input.title.trim(), input.family_id, input.code.trim(), input.description, now],
    )?;
    super::search::index_profession(tx, &id)?;
    Ok(id)
}

/// Writes a competence of an existing profession (checked by the caller), without re-indexing
/// the profession: a bulk writer indexes it once after all its competences.
pub(crate) fn insert_competence(
    tx: &Transaction,
    profession_id: &str,
    input: &CompetenceInput,
) -> CoreResult<String> {
    check_competence(input)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO competences (id, profession_id, label, description, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)",
        params![id, profession_id, input.label.trim(), input.description, now()],
    )?;
    Ok(id)
}

/// Writes an observation of an existing competence (checked by the caller).
pub(crate) fn insert_observation(
    tx: &Transaction,
    competence_id: &str,
    input: &ObservationInput,
) -> CoreResult<()> {
    check_observation(input)?;
    tx.execute(
        "INSERT INTO competence_observations (id, competence_id, year, trend, level, source, notes,
            created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)",
        params![
            new_id(),
            competence_id,
            input.year,
            input.trend,
            input.level.trim(),
            input.source.trim(),
            input.notes,
            now()
        ],
    )?;
    Ok(())
}

impl Store {
    /// Every profession, by family then title, without competences.
    pub fn list_professions(&self) -> CoreResult<Vec<Profession>> {
        let mut statement = self.conn().prepare_cached(&format!(
            "{PROFESSION_SELECT} ORDER BY f.label IS NULL, f.label, p.title COLLATE NOCASE"
        ))?;
        let rows = statement.query_map([], profession_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One profession with its competences and their observations.
    pub fn get_profession(&self, id: &str) -> CoreResult<Profession> {
        let mut profession = self
            .conn()
            .query_row(
                &format!("{PROFESSION_SELECT} WHERE p.id = ?1"),
                [id],
                profession_from_row,
            )
            .or_not_found("Le métier", id)?;
        let mut competences = {
            let mut statement = self.conn().prepare_cached(
                "SELECT * FROM competences WHERE profession_id = ?1 ORDER BY label COLLATE NOCASE",
            )?;
            let rows = statement.query_map([id], competence_from_row)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let mut statement = self.conn().prepare_cached(
            "SELECT * FROM competence_observations WHERE competence_id = ?1 ORDER BY year, created_at",
        )?;
        for competence in &mut competences {
            let rows = statement.query_map([&competence.meta.id], observation_from_row)?;
            competence.observations = rows.collect::<Result<_, _>>()?;
        }
        profession.competences = competences;
        Ok(profession)
    }

    pub fn create_profession(&mut self, input: &ProfessionInput) -> CoreResult<Profession> {
        let id = self.write(|tx| insert_profession(tx, input, None))?;
        self.get_profession(&id)
    }

    pub fn update_profession(
        &mut self,
        id: &str,
        version: i64,
        input: &ProfessionInput,
    ) -> CoreResult<Profession> {
        check_profession(input)?;
        self.write(|tx| {
            check_family(tx, input)?;
            let changed = tx.execute(
                "UPDATE professions SET title = ?3, family_id = ?4, code = ?5, description = ?6,
                    updated_at = ?7, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id,
                    version,
                    input.title.trim(),
                    input.family_id,
                    input.code.trim(),
                    input.description,
                    now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "professions", "Le métier", id));
            }
            super::search::index_profession(tx, id)
        })?;
        self.get_profession(id)
    }

    pub fn delete_profession(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            let experts: i64 = tx.query_row(
                "SELECT COUNT(*) FROM expert_professions WHERE profession_id = ?1",
                [id],
                |row| row.get(0),
            )?;
            let events: i64 = tx.query_row(
                "SELECT COUNT(*) FROM event_professions WHERE profession_id = ?1",
                [id],
                |row| row.get(0),
            )?;
            // Requests keep their target professions as a JSON list, which no foreign key
            // guards: without this count a deletion would leave them pointing at nothing.
            let requests: i64 = tx.query_row(
                "SELECT COUNT(*) FROM training_requests r WHERE EXISTS (SELECT 1 FROM json_each(r.target_profession_ids) p WHERE p.value = ?1)",
                [id],
                |row| row.get(0),
            )?;
            // Resources and legal notes too keep their professions as a JSON list.
            let resources: i64 = tx.query_row(
                "SELECT COUNT(*) FROM resources r WHERE EXISTS (SELECT 1 FROM json_each(r.profession_ids) p WHERE p.value = ?1)",
                [id],
                |row| row.get(0),
            )?;
            let notes: i64 = tx.query_row(
                "SELECT COUNT(*) FROM legal_notes n WHERE EXISTS (SELECT 1 FROM json_each(n.profession_ids) p WHERE p.value = ?1)",
                [id],
                |row| row.get(0),
            )?;
            if experts + events + requests + resources + notes > 0 {
                return Err(CoreError::InUse {
                    message: format!(
                        "Ce métier ne peut pas être supprimé : {experts} expert(s), {events} événement(s), {requests} demande(s) de formation, {resources} ressource(s) et {notes} fiche(s) juridique(s) y font référence."
                    ),
                    references: Vec::new(),
                });
            }
            deleted_one(tx.execute("DELETE FROM professions WHERE id = ?1", [id])?, "Le métier", id)?;
            super::search::unindex_profession(tx, id)?;
            Ok(())
        })
    }

    // --- competences ---------------------------------------------------------------------

    pub fn add_competence(
        &mut self,
        profession_id: &str,
        input: &CompetenceInput,
    ) -> CoreResult<Profession> {
        check_competence(input)?;
        self.write(|tx| {
            check_ids_exist(
                tx,
                "professions",
                &[profession_id.to_string()],
                "professionId",
                "Le métier",
            )?;
            insert_competence(tx, profession_id, input)?;
            super::search::index_profession(tx, profession_id)
        })?;
        self.get_profession(profession_id)
    }

    pub fn update_competence(
        &mut self,
        id: &str,
        version: i64,
        input: &CompetenceInput,
    ) -> CoreResult<Profession> {
        check_competence(input)?;
        let profession_id = self.write(|tx| {
            let changed = tx.execute(
                "UPDATE competences SET label = ?3, description = ?4, updated_at = ?5, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![id, version, input.label.trim(), input.description, now()],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "competences", "La compétence", id));
            }
            let profession_id: String =
                tx.query_row("SELECT profession_id FROM competences WHERE id = ?1", [id], |row| row.get(0))?;
            super::search::index_profession(tx, &profession_id)?;
            Ok(profession_id)
        })?;
        self.get_profession(&profession_id)
    }

    pub fn delete_competence(&mut self, id: &str) -> CoreResult<Profession> {
        let profession_id = self.write(|tx| {
            let profession_id: String = tx
                .query_row(
                    "SELECT profession_id FROM competences WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )
                .or_not_found("La compétence", id)?;
            tx.execute("DELETE FROM competences WHERE id = ?1", [id])?;
            super::search::index_profession(tx, &profession_id)?;
            Ok(profession_id)
        })?;
        self.get_profession(&profession_id)
    }

    // --- observations --------------------------------------------------------------------

    pub fn add_observation(
        &mut self,
        competence_id: &str,
        input: &ObservationInput,
    ) -> CoreResult<Profession> {
        check_observation(input)?;
        let profession_id = self.write(|tx| {
            let profession_id: String = tx
                .query_row(
                    "SELECT profession_id FROM competences WHERE id = ?1",
                    [competence_id],
                    |row| row.get(0),
                )
                .or_not_found("La compétence", competence_id)?;
            insert_observation(tx, competence_id, input)?;
            Ok(profession_id)
        })?;
        self.get_profession(&profession_id)
    }

    pub fn update_observation(
        &mut self,
        id: &str,
        version: i64,
        input: &ObservationInput,
    ) -> CoreResult<Profession> {
        check_observation(input)?;
        let profession_id: String = self.write(|tx| {
            let changed = tx.execute(
                "UPDATE competence_observations SET year = ?3, trend = ?4, level = ?5, source = ?6, notes = ?7,
                    updated_at = ?8, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![id, version, input.year, input.trend, input.level.trim(), input.source.trim(), input.notes, now()],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "competence_observations", "L'observation", id));
            }
            Ok(tx.query_row(
                "SELECT c.profession_id FROM competence_observations o JOIN competences c ON c.id = o.competence_id
                 WHERE o.id = ?1",
                [id],
                |row| row.get(0),
            )?)
        })?;
        self.get_profession(&profession_id)
    }

    pub fn delete_observation(&mut self, id: &str) -> CoreResult<Profession> {
        let profession_id: String = self.write(|tx| {
            let profession_id: String = tx
                .query_row(
                    "SELECT c.profession_id FROM competence_observations o JOIN competences c ON c.id = o.competence_id
                     WHERE o.id = ?1",
                    [id],
                    |row| row.get(0),
                )
                .or_not_found("L'observation", id)?;
            tx.execute("DELETE FROM competence_observations WHERE id = ?1", [id])?;
            Ok(profession_id)
        })?;
        self.get_profession(&profession_id)
    }
}
