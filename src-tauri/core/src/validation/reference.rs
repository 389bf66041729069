//! Rules of the reference entities: organisations, territories, themes.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_organisation(input: &OrganisationInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("name", &input.name, "Le nom");
    c.max_lens(&[
        ("name", &input.name, SHORT_MAX, "Le nom"),
        ("acronym", &input.acronym, SHORT_MAX, "Le sigle"),
        ("city", &input.city, SHORT_MAX, "La ville"),
        ("address", &input.address, SHORT_MAX, "L'adresse"),
        ("website", &input.website, MEDIUM_MAX, "Le site internet"),
        ("email", &input.email, SHORT_MAX, "L'adresse e-mail"),
        ("phone", &input.phone, SHORT_MAX, "Le téléphone"),
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
    c.code(
        "kind",
        &input.kind,
        OrganisationKind::from_code,
        "Le type de structure",
    );
    c.country("country", &input.country);
    c.email("email", &input.email);
    c.phone("phone", &input.phone);
    c.finish()
}

pub fn check_territory(input: &TerritoryInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("name", &input.name, "Le nom");
    c.max_lens(&[
        ("name", &input.name, SHORT_MAX, "Le nom"),
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
    c.code(
        "kind",
        &input.kind,
        TerritoryKind::from_code,
        "Le type de territoire",
    );
    for (i, country) in input.countries.iter().enumerate() {
        if !is_country_code(country) {
            c.add(
                format!("countries.{i}"),
                format!(
                    "« {} » n'est pas un code pays ISO 3166-1 (exemples : FR, DE, BE, CH).",
                    quoted(country)
                ),
            );
        }
    }
    c.finish()
}

pub fn check_theme(input: &ThemeInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("label", &input.label, "Le libellé");
    c.max_lens(&[
        ("label", &input.label, SHORT_MAX, "Le libellé"),
        (
            "labelEn",
            &input.label_en,
            SHORT_MAX,
            "Le libellé en anglais",
        ),
    ]);
    c.finish()
}

/// The texts of a profession family and of an Interreg programme, read-only lists that only an
/// exchange file brings: `(field, value)` pairs, checked like a form's.
pub fn check_reference_texts(texts: &[(&str, &str)]) -> CoreResult<()> {
    let mut c = Checker::new();
    for (field, value) in texts {
        let max = if *field == "notes" || *field == "frenchPerimeter" {
            MEDIUM_MAX
        } else {
            SHORT_MAX
        };
        c.max_len(field, value, max, &format!("Le champ « {field} »"));
    }
    c.finish()
}
