//! Unit tests of the shared CSV import: header matching, separators, the interface shapes and
//! the wording of reasons.

use super::*;
use crate::error::FieldError;

const COLUMNS: &[Column] = &[
    Column {
        header: "Nom",
        aliases: &["last name"],
        required: true,
    },
    Column {
        header: "E-mail",
        aliases: &["courriel", "email"],
        required: false,
    },
];

#[test]
fn header_names_are_matched_loosely_and_unknown_ones_listed() {
    let table = read_table("courriel;NOM *;Âge\nx@y.fr;Weber;40\n".as_bytes(), COLUMNS).unwrap();
    assert_eq!(table.ignored_columns, vec!["Âge"]);
    let row = table.rows[0].as_ref().unwrap();
    assert_eq!((row.get(0), row.get(1)), (Some("Weber"), Some("x@y.fr")));
}

#[test]
fn comma_and_tab_files_are_recognised_by_their_header() {
    for text in [
        "Nom,E-mail\r\nWeber,a@b.fr\r\n",
        "Nom\tE-mail\nWeber\ta@b.fr\n",
    ] {
        let table = read_table(text.as_bytes(), COLUMNS).unwrap();
        assert_eq!(
            table.rows[0].as_ref().unwrap().get(1),
            Some("a@b.fr"),
            "{text:?}"
        );
    }
    let error = read_table(b"Name|Mail\nWeber|a@b.fr\n", COLUMNS)
        .err()
        .unwrap();
    assert!(error.to_string().contains("séparateur"), "{error}");
}

#[test]
fn the_interface_shapes_are_camel_case() {
    let choices: CsvImportChoices =
        serde_json::from_str(r#"{"onDuplicate":"skip","skipInvalid":true}"#).unwrap();
    assert_eq!(choices.on_duplicate, DuplicatePolicy::Skip);
    assert!(choices.skip_invalid);
    let preview = CsvImportPreview {
        encoding: "UTF-8".into(),
        separator: "point-virgule".into(),
        rows: 1,
        new: 0,
        updated: 1,
        unchanged: 0,
        duplicates: vec![DuplicateRow {
            line: 2,
            label: "Anna Schäfer".into(),
            existing_id: "id".into(),
            matched_by: "adresse e-mail".into(),
            changed: true,
        }],
        rejected: Vec::new(),
        ignored_columns: Vec::new(),
    };
    let json = serde_json::to_string(&preview).unwrap();
    for key in [
        "\"existingId\"",
        "\"matchedBy\"",
        "\"ignoredColumns\"",
        "\"unchanged\"",
    ] {
        assert!(json.contains(key), "{json}");
    }
}

#[test]
fn reasons_read_like_a_sentence() {
    let field = FieldError {
        field: "email".into(),
        message: "Adresse e-mail invalide (exemple : x@y.fr).".into(),
    };
    assert_eq!(
        row_reason(14, &[], &[field]),
        "ligne 14 : adresse e-mail invalide (exemple : x@y.fr)"
    );
    assert_eq!(
        row_reason(3, &["MOT inconnue.".into(), "Pays vide".into()], &[]),
        "ligne 3 : MOT inconnue ; pays vide"
    );
}
