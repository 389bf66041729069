//! Rules of professions, their competences and the observations of their evolution.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_profession(input: &ProfessionInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "L'intitulé du métier");
    c.max_lens(&[
        ("title", &input.title, SHORT_MAX, "L'intitulé du métier"),
        ("code", &input.code, SHORT_MAX, "Le code"),
        (
            "description",
            &input.description,
            LONG_MAX,
            "La description",
        ),
    ]);
    c.finish()
}

pub fn check_competence(input: &CompetenceInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("label", &input.label, "Le libellé de la compétence");
    c.max_lens(&[
        (
            "label",
            &input.label,
            SHORT_MAX,
            "Le libellé de la compétence",
        ),
        (
            "description",
            &input.description,
            LONG_MAX,
            "La description",
        ),
    ]);
    c.finish()
}

pub fn check_observation(input: &ObservationInput) -> CoreResult<()> {
    let mut c = Checker::new();
    if !(1950..=2100).contains(&input.year) {
        c.add("year", "L'année doit être comprise entre 1950 et 2100.");
    }
    c.code("trend", &input.trend, Trend::from_code, "La tendance");
    c.max_lens(&[
        ("level", &input.level, SHORT_MAX, "Le niveau requis"),
        ("source", &input.source, MEDIUM_MAX, "La source"),
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
    c.finish()
}

/// The period of the competences report: each year in 1900..=2100, the start not after the end.
pub fn check_report_filter(filter: &CompetencesReportFilter) -> CoreResult<()> {
    let mut c = Checker::new();
    let bounds = [
        ("fromYear", filter.from_year, "« Année de début »"),
        ("toYear", filter.to_year, "« Année de fin »"),
    ];
    for (field, year, label) in bounds {
        if year.is_some_and(|y| !(1900..=2100).contains(&y)) {
            c.add(
                field,
                format!("{label} doit être comprise entre 1900 et 2100."),
            );
        }
    }
    if let (Some(from), Some(to)) = (filter.from_year, filter.to_year) {
        if from > to {
            c.add(
                "toYear",
                format!("« Année de fin » ({to}) précède « Année de début » ({from})."),
            );
        }
    }
    c.finish()
}
