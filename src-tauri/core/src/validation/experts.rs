//! Rules of an expert's record.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

pub fn check_expert(input: &ExpertInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("lastName", &input.last_name, "Le nom");
    c.required("firstName", &input.first_name, "Le prénom");
    c.max_lens(&[
        ("lastName", &input.last_name, NAME_MAX, "Le nom"),
        ("firstName", &input.first_name, NAME_MAX, "Le prénom"),
        ("jobTitle", &input.job_title, SHORT_MAX, "La fonction"),
        ("city", &input.city, SHORT_MAX, "La ville"),
        ("email", &input.email, SHORT_MAX, "L'adresse e-mail"),
        ("phone", &input.phone, SHORT_MAX, "Le téléphone"),
        ("bioFr", &input.bio_fr, LONG_MAX, "La biographie"),
        (
            "bioOther",
            &input.bio_other,
            LONG_MAX,
            "La biographie traduite",
        ),
        ("keywords", &input.keywords, MEDIUM_MAX, "Les mots-clés"),
        (
            "availability",
            &input.availability,
            MEDIUM_MAX,
            "La disponibilité",
        ),
        (
            "fees",
            &input.fees,
            MEDIUM_MAX,
            "Les conditions financières",
        ),
        (
            "consentSource",
            &input.consent_source,
            MEDIUM_MAX,
            "L'origine du consentement",
        ),
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
    c.email("email", &input.email);
    c.phone("phone", &input.phone);
    c.country("country", &input.country);
    let mut seen = Vec::new();
    for (i, skill) in input.languages.iter().enumerate() {
        if skill.language.is_empty() {
            c.add(format!("languages.{i}.language"), "Choisissez la langue.");
        } else if !is_language_code(&skill.language) {
            c.language(&format!("languages.{i}.language"), &skill.language);
        } else if seen.contains(&skill.language) {
            c.add(
                format!("languages.{i}.language"),
                format!("La langue « {} » est indiquée deux fois.", skill.language),
            );
        }
        seen.push(skill.language.clone());
        if LanguageLevel::from_code(&skill.level).is_none() {
            c.add(
                format!("languages.{i}.level"),
                "Niveau inconnu : choisissez A1, A2, B1, B2, C1, C2 ou langue maternelle.",
            );
        }
    }
    if !input.bio_other.is_empty() {
        c.language("bioOtherLanguage", &input.bio_other_language);
        if input.bio_other_language.is_empty() {
            c.add(
                "bioOtherLanguage",
                "Indiquez la langue de la biographie traduite.",
            );
        }
    }
    c.date(
        "consentDate",
        &input.consent_date,
        "La date du consentement",
    );
    c.date("reviewDate", &input.review_date, "La date de révision");
    if !input.consent_date.is_empty() && input.consent_source.trim().is_empty() {
        c.add(
            "consentSource",
            "Indiquez comment le consentement a été recueilli (RGPD).",
        );
    }
    c.finish()
}
