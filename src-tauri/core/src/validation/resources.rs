//! Rules of a resource of the library as its form sends it. Whether the experts,
//! organisations, themes, territories, professions, events and sessions it names exist is
//! checked by the store, inside the writing transaction.

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

/// The most authors, languages or links of one kind a resource can carry: far above a real
/// record, low enough that a pasted file cannot swell the indexes.
pub const RESOURCE_LIST_MAX: usize = 200;

/// Checks a resource: title, kind and status required, authors each an expert or an
/// organisation with a known role, dates in their shapes, language codes, text bounds.
pub fn check_resource(input: &ResourceInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "Le titre");
    c.max_lens(&[
        ("title", &input.title, SHORT_MAX, "Le titre"),
        ("summary", &input.summary, LONG_MAX, "Le résumé"),
        ("audience", &input.audience, MEDIUM_MAX, "Le public visé"),
        ("rights", &input.rights, SHORT_MAX, "Les droits"),
        ("reference", &input.reference, MEDIUM_MAX, "La référence"),
        ("notes", &input.notes, LONG_MAX, "Les notes internes"),
    ]);
    c.code(
        "kind",
        &input.kind,
        ResourceKind::from_code,
        "Le type de ressource",
    );
    c.code(
        "status",
        &input.status,
        ResourceStatus::from_code,
        "Le statut",
    );
    check_authors(&mut c, &input.authors);
    if !input.publication_date.trim().is_empty() && !is_partial_date(input.publication_date.trim())
    {
        c.add(
            "publicationDate",
            format!(
                "La date de publication « {} » n'est pas une date valide (AAAA, AAAA-MM ou AAAA-MM-JJ, par exemple 2024 ou 2024-03-15).",
                quoted(&input.publication_date)
            ),
        );
    }
    if !input.review_date.trim().is_empty() && parse_date(input.review_date.trim()).is_none() {
        c.add(
            "reviewDate",
            "La date de révision n'est pas une date valide (AAAA-MM-JJ, par exemple 2026-06-30).",
        );
    }
    for (i, language) in input.languages.iter().enumerate() {
        if language.trim().is_empty() {
            c.add(format!("languages.{i}"), "Une langue est vide.");
        } else {
            c.language(&format!("languages.{i}"), language.trim());
        }
    }
    let lists: [(&str, usize, &str); 7] = [
        ("authors", input.authors.len(), "auteurs"),
        ("languages", input.languages.len(), "langues"),
        ("themeIds", input.theme_ids.len(), "thèmes"),
        ("territoryIds", input.territory_ids.len(), "territoires"),
        ("professionIds", input.profession_ids.len(), "métiers"),
        ("eventIds", input.event_ids.len(), "événements"),
        ("sessionIds", input.session_ids.len(), "séances"),
    ];
    for (field, len, what) in lists {
        if len > RESOURCE_LIST_MAX {
            c.add(
                field,
                format!("Une ressource compte au plus {RESOURCE_LIST_MAX} {what} ({len} saisis)."),
            );
        }
    }
    c.finish()
}

/// Each author is one expert or one organisation (never both, never none), with a known role;
/// messages start with « Auteur n° N : » so the form shows them on the right line.
fn check_authors(c: &mut Checker, authors: &[ResourceAuthor]) {
    for (i, author) in authors.iter().enumerate() {
        let field = format!("authors.{i}");
        let n = i + 1;
        let expert = author.expert_id.as_deref().is_some_and(|id| !id.is_empty());
        let organisation = author
            .organisation_id
            .as_deref()
            .is_some_and(|id| !id.is_empty());
        match (expert, organisation) {
            (false, false) => c.add(
                &field,
                format!("Auteur n° {n} : choisissez un expert ou une structure."),
            ),
            (true, true) => c.add(
                &field,
                format!("Auteur n° {n} : choisissez un expert ou une structure, pas les deux."),
            ),
            _ => {}
        }
        if AuthorRole::from_code(&author.role).is_none() {
            let message = if author.role.is_empty() {
                format!(
                    "Auteur n° {n} : le rôle est obligatoire (auteur, contributeur ou éditeur)."
                )
            } else {
                format!(
                    "Auteur n° {n} : rôle inconnu « {} » (auteur, contributeur ou éditeur).",
                    quoted(&author.role)
                )
            };
            c.add(&field, message);
        }
    }
}

/// A publication date as the library knows it: a year (YYYY), a month (YYYY-MM) or a day
/// (YYYY-MM-DD), each a real one.
pub fn is_partial_date(value: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match value.len() {
        4 => digits(value, 4),
        7 => {
            let (year, month) = (&value[..4], &value[5..]);
            digits(year, 4)
                && value.as_bytes()[4] == b'-'
                && digits(month, 2)
                && (1..=12).contains(&month.parse::<u32>().unwrap_or(0))
        }
        10 => parse_date(value).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_partial_date;

    #[test]
    fn publication_dates_are_a_year_a_month_or_a_real_day() {
        for good in ["2024", "2024-03", "2024-02-29", "1999-12"] {
            assert!(is_partial_date(good), "{good}");
        }
        for bad in [
            "24",
            "2024-13",
            "2023-02-29",
            "2024/03",
            "2024-3",
            "abcd",
            "2024-03-1",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
