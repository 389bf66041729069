//! Reading a row's columns one after the other, in the order its SELECT lists them.
//!
//! rusqlite finds a column by name by scanning the statement's column names, so reading a
//! whole record by name costs the square of its width: for the exchange file's tens of
//! thousands of rows, a large part of the export. The row readers (`organisation_from_row`…,
//! one per table, next to the table's other functions) read by position instead, naming each
//! column as they go; in debug builds — the tests — every name is checked against the
//! statement's, so a reader out of step with its SELECT (a column added by a migration, a
//! reordered query) fails the tests that read that table instead of mixing up two fields.
//!
//! The record tables list `id` first and `created_at`, `updated_at`, `version` last, so
//! readers of `SELECT *` read the id, the fields, then [`Columns::meta`].

use rusqlite::types::FromSql;
use rusqlite::{Row, Statement};

use crate::model::RecordMeta;

pub(crate) struct Columns<'r, 's> {
    row: &'r Row<'s>,
    next: usize,
}

impl<'r, 's> Columns<'r, 's> {
    pub(crate) fn new(row: &'r Row<'s>) -> Self {
        Columns { row, next: 0 }
    }

    /// The next column, which the SELECT names `name`.
    pub(crate) fn get<T: FromSql>(&mut self, name: &str) -> rusqlite::Result<T> {
        let index = self.next;
        self.next += 1;
        if cfg!(debug_assertions) {
            check_name(self.row.as_ref(), index, name)?;
        }
        self.row.get(index)
    }

    /// `created_at`, `updated_at` and `version`, the record's `id` having been read first.
    pub(crate) fn meta(&mut self, id: String) -> rusqlite::Result<RecordMeta> {
        Ok(RecordMeta {
            id,
            created_at: self.get("created_at")?,
            updated_at: self.get("updated_at")?,
            version: self.get("version")?,
        })
    }
}

fn check_name(statement: &Statement, index: usize, name: &str) -> rusqlite::Result<()> {
    let actual = statement.column_name(index)?;
    if actual.eq_ignore_ascii_case(name) {
        Ok(())
    } else {
        Err(rusqlite::Error::InvalidColumnName(format!(
            "column {index} of the query is `{actual}`, the row reader expects `{name}`"
        )))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::Columns;

    // The check exists in debug builds only, where the tests run.
    #[cfg(debug_assertions)]
    #[test]
    fn a_reader_out_of_step_with_its_select_fails_instead_of_mixing_up_fields() {
        let conn = Connection::open_in_memory().unwrap();
        let read = |sql: &str| {
            conn.query_row(sql, [], |row| {
                let mut c = Columns::new(row);
                let city: String = c.get("city")?;
                let country: String = c.get("country")?;
                Ok((city, country))
            })
        };
        assert_eq!(
            read("SELECT 'Kehl' AS city, 'DE' AS country").unwrap(),
            ("Kehl".to_string(), "DE".to_string())
        );
        let error = read("SELECT 'DE' AS country, 'Kehl' AS city").unwrap_err();
        assert!(error.to_string().contains("expects `city`"), "{error}");
    }
}
