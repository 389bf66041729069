//! Organisations, territories, themes, profession families and Interreg programmes: the
//! reference entities that experts and events point to.

use rusqlite::{params, Row, Transaction};

use super::rows::Columns;
use super::{deleted_one, json_list, now, stale_or_missing, to_json_list, OrNotFound, Store};
use crate::error::{CoreError, CoreResult};
use crate::model::*;
use crate::validation::{check_organisation, check_territory, check_theme};

/// Reads a row of `SELECT * FROM organisations` (see [`Columns`]).
pub(super) fn organisation_from_row(row: &Row) -> rusqlite::Result<Organisation> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Organisation {
        reference_key: c.get("reference_key")?,
        data: OrganisationInput {
            name: c.get("name")?,
            acronym: c.get("acronym")?,
            kind: c.get("kind")?,
            country: c.get("country")?,
            city: c.get("city")?,
            address: c.get("address")?,
            website: c.get("website")?,
            email: c.get("email")?,
            phone: c.get("phone")?,
            notes: c.get("notes")?,
        },
        meta: c.meta(id)?,
    })
}

/// Reads a row of `SELECT * FROM territories`.
pub(super) fn territory_from_row(row: &Row) -> rusqlite::Result<Territory> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Territory {
        reference_key: c.get("reference_key")?,
        data: TerritoryInput {
            name: c.get("name")?,
            kind: c.get("kind")?,
            countries: json_list(c.get("countries")?),
            notes: c.get("notes")?,
        },
        meta: c.meta(id)?,
    })
}

/// Reads a row of `SELECT * FROM themes`.
pub(super) fn theme_from_row(row: &Row) -> rusqlite::Result<Theme> {
    let mut c = Columns::new(row);
    let id = c.get("id")?;
    Ok(Theme {
        reference_key: c.get("reference_key")?,
        data: ThemeInput {
            label: c.get("label")?,
            label_en: c.get("label_en")?,
        },
        meta: c.meta(id)?,
    })
}

/// Reads a row of `SELECT id, label, level, reference_key FROM profession_families`.
pub(super) fn family_from_row(row: &Row) -> rusqlite::Result<ProfessionFamily> {
    let mut c = Columns::new(row);
    Ok(ProfessionFamily {
        id: c.get("id")?,
        label: c.get("label")?,
        level: c.get("level")?,
        reference_key: c.get("reference_key")?,
    })
}

/// Reads a row of `SELECT id, name, period, kind, french_perimeter, notes, reference_key FROM
/// interreg_programmes`.
pub(super) fn programme_from_row(row: &Row) -> rusqlite::Result<InterregProgramme> {
    let mut c = Columns::new(row);
    Ok(InterregProgramme {
        id: c.get("id")?,
        name: c.get("name")?,
        period: c.get("period")?,
        kind: c.get("kind")?,
        french_perimeter: c.get("french_perimeter")?,
        notes: c.get("notes")?,
        reference_key: c.get("reference_key")?,
    })
}

/// Refuses to delete a record that others still point to, naming what points to it.
fn refuse_if_used(
    tx: &Transaction,
    checks: &[(&str, &str)],
    id: &str,
    what: &str,
) -> CoreResult<()> {
    let mut uses = Vec::new();
    for (sql, label) in checks {
        let count: i64 = tx.query_row(sql, [id], |row| row.get(0))?;
        if count > 0 {
            uses.push(format!("{count} {label}"));
        }
    }
    if uses.is_empty() {
        Ok(())
    } else {
        Err(CoreError::InUse {
            message: format!(
                "{what} ne peut pas être supprimé(e) : il reste {} qui y font référence. Retirez d'abord ces liens.",
                uses.join(", ")
            ),
            references: uses,
        })
    }
}

/// Inserts an organisation inside an open transaction; used by the store and the reference loader.
pub(crate) fn insert_organisation(
    tx: &Transaction,
    input: &OrganisationInput,
    reference_key: Option<&str>,
) -> CoreResult<String> {
    check_organisation(input)?;
    let (id, now) = super::reference::identity("organisations", reference_key);
    tx.execute(
        "INSERT INTO organisations (id, reference_key, name, acronym, kind, country, city, address,
            website, email, phone, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1)",
        params![
            id,
            reference_key,
            input.name.trim(),
            input.acronym.trim(),
            input.kind,
            input.country,
            input.city.trim(),
            input.address,
            input.website.trim(),
            input.email.trim(),
            input.phone.trim(),
            input.notes,
            now
        ],
    )?;
    Ok(id)
}

pub(crate) fn insert_territory(
    tx: &Transaction,
    input: &TerritoryInput,
    reference_key: Option<&str>,
) -> CoreResult<String> {
    check_territory(input)?;
    let (id, now) = super::reference::identity("territories", reference_key);
    tx.execute(
        "INSERT INTO territories (id, reference_key, name, kind, countries, notes, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
        params![id, reference_key, input.name.trim(), input.kind, to_json_list(&input.countries), input.notes, now],
    )?;
    Ok(id)
}

pub(crate) fn insert_theme(
    tx: &Transaction,
    input: &ThemeInput,
    reference_key: Option<&str>,
) -> CoreResult<String> {
    check_theme(input)?;
    let (id, now) = super::reference::identity("themes", reference_key);
    tx.execute(
        "INSERT INTO themes (id, reference_key, label, label_en, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)",
        params![
            id,
            reference_key,
            input.label.trim(),
            input.label_en.trim(),
            now
        ],
    )?;
    Ok(id)
}

impl Store {
    // --- organisations -------------------------------------------------------------------

    pub fn list_organisations(&self) -> CoreResult<Vec<Organisation>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT * FROM organisations ORDER BY name COLLATE NOCASE")?;
        let rows = statement.query_map([], organisation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_organisation(&self, id: &str) -> CoreResult<Organisation> {
        self.conn()
            .query_row(
                "SELECT * FROM organisations WHERE id = ?1",
                [id],
                organisation_from_row,
            )
            .or_not_found("La structure", id)
    }

    pub fn create_organisation(&mut self, input: &OrganisationInput) -> CoreResult<Organisation> {
        let id = self.write(|tx| insert_organisation(tx, input, None))?;
        self.get_organisation(&id)
    }

    pub fn update_organisation(
        &mut self,
        id: &str,
        version: i64,
        input: &OrganisationInput,
    ) -> CoreResult<Organisation> {
        check_organisation(input)?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE organisations SET name = ?3, acronym = ?4, kind = ?5, country = ?6, city = ?7,
                    address = ?8, website = ?9, email = ?10, phone = ?11, notes = ?12,
                    updated_at = ?13, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id, version, input.name.trim(), input.acronym.trim(), input.kind, input.country,
                    input.city.trim(), input.address, input.website.trim(), input.email.trim(),
                    input.phone.trim(), input.notes, now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "organisations", "La structure", id));
            }
            // Experts are found by their organisation's name: keep their index entries current.
            let experts: Vec<String> = {
                let mut statement = tx.prepare("SELECT id FROM experts WHERE organisation_id = ?1")?;
                let rows = statement.query_map([id], |row| row.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            for expert_id in experts {
                super::search::index_expert(tx, &expert_id)?;
            }
            // And resources by their authors' names.
            super::resources::reindex_authored(tx, "organisation_id", id)
        })?;
        self.get_organisation(id)
    }

    pub fn delete_organisation(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            refuse_if_used(
                tx,
                &[
                    ("SELECT COUNT(*) FROM experts WHERE organisation_id = ?1", "expert(s)"),
                    (
                        "SELECT COUNT(DISTINCT event_id) FROM event_organisers WHERE organisation_id = ?1",
                        "événement(s)",
                    ),
                    (
                        "SELECT COUNT(DISTINCT request_id) FROM request_organisations WHERE organisation_id = ?1",
                        "demande(s) de formation",
                    ),
                ],
                id,
                "Cette structure",
            )?;
            super::resources::refuse_if_authored(tx, "organisation_id", id, "Cette structure")?;
            let deleted = tx.execute("DELETE FROM organisations WHERE id = ?1", [id])?;
            deleted_one(deleted, "La structure", id)?;
            Ok(())
        })
    }

    // --- territories ---------------------------------------------------------------------

    pub fn list_territories(&self) -> CoreResult<Vec<Territory>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT * FROM territories ORDER BY kind, name COLLATE NOCASE")?;
        let rows = statement.query_map([], territory_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_territory(&self, id: &str) -> CoreResult<Territory> {
        self.conn()
            .query_row(
                "SELECT * FROM territories WHERE id = ?1",
                [id],
                territory_from_row,
            )
            .or_not_found("Le territoire", id)
    }

    pub fn create_territory(&mut self, input: &TerritoryInput) -> CoreResult<Territory> {
        let id = self.write(|tx| insert_territory(tx, input, None))?;
        self.get_territory(&id)
    }

    pub fn update_territory(
        &mut self,
        id: &str,
        version: i64,
        input: &TerritoryInput,
    ) -> CoreResult<Territory> {
        check_territory(input)?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE territories SET name = ?3, kind = ?4, countries = ?5, notes = ?6,
                    updated_at = ?7, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![
                    id,
                    version,
                    input.name.trim(),
                    input.kind,
                    to_json_list(&input.countries),
                    input.notes,
                    now()
                ],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "territories", "Le territoire", id));
            }
            Ok(())
        })?;
        self.get_territory(id)
    }

    pub fn delete_territory(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            refuse_if_used(
                tx,
                &[
                    (
                        "SELECT COUNT(*) FROM expert_territories WHERE territory_id = ?1",
                        "expert(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM events WHERE territory_id = ?1",
                        "événement(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM training_requests WHERE territory_id = ?1",
                        "demande(s) de formation",
                    ),
                    (
                        "SELECT COUNT(*) FROM resources r WHERE EXISTS (SELECT 1 FROM json_each(r.territory_ids) t WHERE t.value = ?1)",
                        "ressource(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM legal_notes n WHERE EXISTS (SELECT 1 FROM json_each(n.territory_ids) t WHERE t.value = ?1)",
                        "fiche(s) juridique(s)",
                    ),
                ],
                id,
                "Ce territoire",
            )?;
            deleted_one(
                tx.execute("DELETE FROM territories WHERE id = ?1", [id])?,
                "Le territoire",
                id,
            )?;
            Ok(())
        })
    }

    // --- themes --------------------------------------------------------------------------

    pub fn list_themes(&self) -> CoreResult<Vec<Theme>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT * FROM themes ORDER BY label COLLATE NOCASE")?;
        let rows = statement.query_map([], theme_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_theme(&self, id: &str) -> CoreResult<Theme> {
        self.conn()
            .query_row("SELECT * FROM themes WHERE id = ?1", [id], theme_from_row)
            .or_not_found("Le thème", id)
    }

    pub fn create_theme(&mut self, input: &ThemeInput) -> CoreResult<Theme> {
        let id = self.write(|tx| insert_theme(tx, input, None))?;
        self.get_theme(&id)
    }

    pub fn update_theme(
        &mut self,
        id: &str,
        version: i64,
        input: &ThemeInput,
    ) -> CoreResult<Theme> {
        check_theme(input)?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE themes SET label = ?3, label_en = ?4, updated_at = ?5, version = version + 1
                 WHERE id = ?1 AND version = ?2",
                params![id, version, input.label.trim(), input.label_en.trim(), now()],
            )?;
            if changed == 0 {
                return Err(stale_or_missing(tx, "themes", "Le thème", id));
            }
            Ok(())
        })?;
        self.get_theme(id)
    }

    pub fn delete_theme(&mut self, id: &str) -> CoreResult<()> {
        self.write(|tx| {
            refuse_if_used(
                tx,
                &[
                    (
                        "SELECT COUNT(*) FROM expert_themes WHERE theme_id = ?1",
                        "expert(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM event_themes WHERE theme_id = ?1",
                        "événement(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM training_requests r WHERE EXISTS (SELECT 1 FROM json_each(r.theme_ids) t WHERE t.value = ?1)",
                        "demande(s) de formation",
                    ),
                    (
                        "SELECT COUNT(*) FROM resources r WHERE EXISTS (SELECT 1 FROM json_each(r.theme_ids) t WHERE t.value = ?1)",
                        "ressource(s)",
                    ),
                    (
                        "SELECT COUNT(*) FROM legal_notes n WHERE EXISTS (SELECT 1 FROM json_each(n.theme_ids) t WHERE t.value = ?1)",
                        "fiche(s) juridique(s)",
                    ),
                ],
                id,
                "Ce thème",
            )?;
            deleted_one(
                tx.execute("DELETE FROM themes WHERE id = ?1", [id])?,
                "Le thème",
                id,
            )?;
            Ok(())
        })
    }

    // --- read-only reference lists -------------------------------------------------------

    pub fn list_profession_families(&self) -> CoreResult<Vec<ProfessionFamily>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, label, level, reference_key FROM profession_families ORDER BY level, label",
        )?;
        let rows = statement.query_map([], family_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn list_interreg_programmes(&self) -> CoreResult<Vec<InterregProgramme>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, name, period, kind, french_perimeter, notes, reference_key
             FROM interreg_programmes ORDER BY period DESC, name",
        )?;
        let rows = statement.query_map([], programme_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many records of each kind the file holds.
    pub fn counts(&self) -> CoreResult<Counts> {
        Ok(Counts {
            organisations: self.count("organisations")?,
            territories: self.count("territories")?,
            themes: self.count("themes")?,
            professions: self.count("professions")?,
            experts: self.count("experts")?,
            events: self.count("events")?,
            sessions: self.count("sessions")?,
            interreg_programmes: self.count("interreg_programmes")?,
        })
    }
}
