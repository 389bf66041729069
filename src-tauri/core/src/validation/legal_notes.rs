//! Rules of a legal note (fiche juridique) and of its legal bases. Whether the territories,
//! themes, professions and resources it names exist is checked by the store, inside the
//! writing transaction. A basis is named by its rank as the form shows it (« Base légale
//! n° 2 »), its field by its index (`bases.1.identifier`).

use super::limits::*;
use super::*;
use crate::model::*;

/// The most legal bases one note can carry: far above a real note, low enough that a hostile
/// exchange file cannot print a table of thousands of pages.
pub const LEGAL_BASES_MAX: usize = 100;

/// Checks a legal note as the form sends it.
pub fn check_legal_note(input: &LegalNoteInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("question", &input.question, "La question");
    c.required("shortAnswer", &input.short_answer, "La réponse courte");
    c.max_lens(&[
        ("question", &input.question, MEDIUM_MAX, "La question"),
        (
            "shortAnswer",
            &input.short_answer,
            MEDIUM_MAX,
            "La réponse courte",
        ),
        (
            "fullAnswer",
            &input.full_answer,
            LONG_MAX,
            "La réponse complète",
        ),
        ("author", &input.author, SHORT_MAX, "L'auteur"),
    ]);
    if input.bases.len() > LEGAL_BASES_MAX {
        c.add(
            "bases",
            format!(
                "Une fiche compte au plus {LEGAL_BASES_MAX} bases légales ({} saisies).",
                input.bases.len()
            ),
        );
    }
    for (i, basis) in input.bases.iter().enumerate() {
        check_basis(&mut c, i, basis);
    }
    for (i, country) in input.countries.iter().enumerate() {
        let field = format!("countries.{i}");
        if country.is_empty() {
            c.add(&field, "Un pays de la liste est vide.");
        } else {
            c.country(&field, country);
        }
    }
    let up_to_date = c.date("upToDate", input.up_to_date.trim(), "La date « à jour au »");
    let review = c.date(
        "reviewDate",
        input.review_date.trim(),
        "La date de prochaine révision",
    );
    if let (Some(up_to_date), Some(review)) = (up_to_date, review) {
        if review < up_to_date {
            c.add(
                "reviewDate",
                "La date de révision ne peut pas précéder la date « à jour au ».",
            );
        }
    }
    c.finish()
}

/// One basis: a known kind, an identifier, an ISO date or none, a web address or none.
fn check_basis(c: &mut Checker, index: usize, basis: &LegalBasis) {
    let rank = index + 1;
    let field = |name: &str| format!("bases.{index}.{name}");
    if basis.kind.is_empty() {
        c.add(
            field("kind"),
            format!("Base légale n° {rank} : la nature du texte est obligatoire."),
        );
    } else if LegalBasisKind::from_code(&basis.kind).is_none() {
        c.add(
            field("kind"),
            format!(
                "Base légale n° {rank} : nature de texte inconnue « {} ».",
                quoted(&basis.kind)
            ),
        );
    }
    if basis.identifier.trim().is_empty() {
        c.add(
            field("identifier"),
            format!("Base légale n° {rank} : l'identifiant du texte est obligatoire."),
        );
    }
    let label = format!("Base légale n° {rank} : l'identifiant du texte");
    c.max_len(&field("identifier"), &basis.identifier, SHORT_MAX, &label);
    let label = format!("Base légale n° {rank} : l'article");
    c.max_len(&field("article"), &basis.article, SHORT_MAX, &label);
    let label = format!("Base légale n° {rank} : la date du texte");
    c.date(&field("date"), basis.date.trim(), &label);
    let url = basis.url.trim();
    if !url.is_empty() && !is_web_address(url) {
        c.add(
            field("url"),
            format!(
                "Base légale n° {rank} : le lien doit être une adresse web commençant par http:// ou https:// (« {} »).",
                quoted(url)
            ),
        );
    }
    let label = format!("Base légale n° {rank} : le lien");
    c.max_len(&field("url"), &basis.url, MEDIUM_MAX, &label);
}

/// An http(s) address with something after the scheme and no spaces: what a link to
/// Légifrance or EUR-Lex looks like. Other schemes (`javascript:`, `file:`) are refused since
/// the interface and the PDF make the address clickable.
pub fn is_web_address(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            !rest.is_empty()
                && !rest.starts_with('/')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}
