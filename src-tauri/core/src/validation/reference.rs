//! Rules of the reference entities: organisations, territories, themes.

use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_organisation(input: &OrganisationInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("name", &input.name, "Le nom");
    c.max_len("name", &input.name, 300, "Le nom");
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
                    "« {country} » n'est pas un code pays ISO 3166-1 (exemples : FR, DE, BE, CH)."
                ),
            );
        }
    }
    c.finish()
}

pub fn check_theme(input: &ThemeInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("label", &input.label, "Le libellé");
    c.finish()
}
