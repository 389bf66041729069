//! Rules of professions, their competences and the observations of their evolution.

use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_profession(input: &ProfessionInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "L'intitulé du métier");
    c.max_len("title", &input.title, 300, "L'intitulé du métier");
    c.finish()
}

pub fn check_competence(input: &CompetenceInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("label", &input.label, "Le libellé de la compétence");
    c.finish()
}

pub fn check_observation(input: &ObservationInput) -> CoreResult<()> {
    let mut c = Checker::new();
    if !(1950..=2100).contains(&input.year) {
        c.add("year", "L'année doit être comprise entre 1950 et 2100.");
    }
    c.code("trend", &input.trend, Trend::from_code, "La tendance");
    c.finish()
}
