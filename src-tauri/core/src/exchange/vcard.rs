//! Experts as vCard 4.0 (RFC 6350), one card per expert, for address books (Outlook,
//! Thunderbird, GNOME Contacts, phones): name, organisation, function, e-mail, telephone,
//! city and country, languages by preference (best level first), themes as categories, the
//! short biographies as notes (one per language), a stable `urn:uuid` UID and the revision time.
//!
//! Internal notes, fees and consent details stay in Passerelle: a card is meant to be handed
//! to colleagues. Lines follow the same rules as iCalendar (CRLF, folding at 75 octets,
//! escaping), written by the helpers shared with [`super::ics`].

use std::collections::HashMap;

use super::ics::{escape_text, push_line, stored_time_stamp, PRODID};
use crate::error::CoreResult;
use crate::model::{Expert, LanguageLevel};
use crate::Store;

/// French names of the countries users meet most; other codes are written as they are.
fn country_name(code: &str) -> &str {
    match code {
        "FR" => "France",
        "DE" => "Allemagne",
        "BE" => "Belgique",
        "CH" => "Suisse",
        "IT" => "Italie",
        "ES" => "Espagne",
        "LU" => "Luxembourg",
        "MC" => "Monaco",
        "AD" => "Andorre",
        "NL" => "Pays-Bas",
        "GB" => "Royaume-Uni",
        "IE" => "Irlande",
        "PT" => "Portugal",
        "AT" => "Autriche",
        "PL" => "Pologne",
        "CZ" => "Tchéquie",
        "SK" => "Slovaquie",
        "HU" => "Hongrie",
        "SI" => "Slovénie",
        "HR" => "Croatie",
        "DK" => "Danemark",
        "SE" => "Suède",
        "FI" => "Finlande",
        "NO" => "Norvège",
        "GR" => "Grèce",
        "RO" => "Roumanie",
        "BG" => "Bulgarie",
        "BR" => "Brésil",
        "SR" => "Suriname",
        "GF" => "Guyane",
        "MF" => "Saint-Martin",
        "SX" => "Sint Maarten",
        other => other,
    }
}

/// A telephone number as written by a user. International numbers (with `+`) become `tel:`
/// URIs (RFC 3966, dashes as visual separators, a national "(0)" dropped); others stay text,
/// since a `tel:` URI needs the country.
fn telephone_line(phone: &str) -> String {
    let phone = phone.trim();
    if let Some(international) = phone.strip_prefix('+') {
        let without_trunk = international.replace("(0)", " ");
        let mut uri = String::from("tel:+");
        let mut separator = false;
        for c in without_trunk.chars() {
            if c.is_ascii_digit() {
                if separator && !uri.ends_with('+') {
                    uri.push('-');
                }
                separator = false;
                uri.push(c);
            } else {
                separator = true;
            }
        }
        format!("TEL;VALUE=uri;TYPE=work,voice:{uri}")
    } else {
        format!("TEL;VALUE=text;TYPE=work,voice:{}", escape_text(phone))
    }
}

fn push_card(out: &mut String, expert: &Expert, theme_labels: &HashMap<String, String>) {
    let d = &expert.data;
    push_line(out, "BEGIN:VCARD");
    push_line(out, "VERSION:4.0");
    push_line(out, &format!("PRODID:{PRODID}"));
    push_line(out, &format!("UID:urn:uuid:{}", expert.meta.id));
    push_line(out, "KIND:individual");
    let full_name = format!("{} {}", d.first_name.trim(), d.last_name.trim());
    push_line(out, &format!("FN:{}", escape_text(full_name.trim())));
    push_line(
        out,
        &format!(
            "N:{};{};;;",
            escape_text(d.last_name.trim()),
            escape_text(d.first_name.trim())
        ),
    );
    if let Some(organisation) = expert
        .organisation_name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        push_line(out, &format!("ORG:{}", escape_text(organisation)));
    }
    if !d.job_title.trim().is_empty() {
        push_line(out, &format!("TITLE:{}", escape_text(d.job_title.trim())));
    }
    if !d.email.trim().is_empty() {
        push_line(
            out,
            &format!("EMAIL;TYPE=work:{}", escape_text(d.email.trim())),
        );
    }
    if !d.phone.trim().is_empty() {
        push_line(out, &telephone_line(&d.phone));
    }
    if !d.city.trim().is_empty() || !d.country.is_empty() {
        // ADR: post office box; extended address; street; locality; region; postal code; country.
        push_line(
            out,
            &format!(
                "ADR;TYPE=work:;;;{};;;{}",
                escape_text(d.city.trim()),
                escape_text(country_name(&d.country))
            ),
        );
    }
    // Best level first: PREF=1 is the language to use with this person.
    let mut languages: Vec<(usize, &crate::model::LanguageSkill)> =
        d.languages.iter().enumerate().collect();
    languages.sort_by_key(|(position, skill)| {
        let rank = LanguageLevel::from_code(&skill.level)
            .map(LanguageLevel::rank)
            .unwrap_or(0);
        (std::cmp::Reverse(rank), *position)
    });
    for (preference, (_, skill)) in languages.iter().enumerate().take(100) {
        push_line(
            out,
            &format!(
                "LANG;PREF={}:{}",
                preference + 1,
                escape_text(&skill.language)
            ),
        );
    }
    let mut themes: Vec<&str> = d
        .theme_ids
        .iter()
        .filter_map(|id| theme_labels.get(id).map(String::as_str))
        .collect();
    themes.sort_unstable();
    if !themes.is_empty() {
        let categories: Vec<String> = themes.into_iter().map(escape_text).collect();
        push_line(out, &format!("CATEGORIES:{}", categories.join(",")));
    }
    if !d.bio_fr.trim().is_empty() {
        push_line(
            out,
            &format!("NOTE;LANGUAGE=fr:{}", escape_text(d.bio_fr.trim())),
        );
    }
    if !d.bio_other.trim().is_empty() {
        let language = d.bio_other_language.trim();
        let note = escape_text(d.bio_other.trim());
        if language.is_empty() || !language.chars().all(|c| c.is_ascii_alphabetic()) {
            push_line(out, &format!("NOTE:{note}"));
        } else {
            push_line(out, &format!("NOTE;LANGUAGE={language}:{note}"));
        }
    }
    if let Some(revision) = stored_time_stamp(&expert.meta.updated_at) {
        push_line(out, &format!("REV:{revision}"));
    }
    push_line(out, "END:VCARD");
}

/// The vCard file of the given experts, in the order given; an empty slice means every expert,
/// in directory order (last name, first name). An unknown id is a `NotFound` error.
pub fn experts_vcard(store: &Store, expert_ids: &[String]) -> CoreResult<String> {
    let ids = if expert_ids.is_empty() {
        store.expert_ids_by_name()?
    } else {
        expert_ids.to_vec()
    };
    let theme_labels: HashMap<String, String> = store
        .list_themes()?
        .into_iter()
        .map(|theme| (theme.meta.id, theme.data.label))
        .collect();
    let mut out = String::new();
    for id in &ids {
        let expert = store.get_expert(id)?;
        push_card(&mut out, &expert, &theme_labels);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::telephone_line;

    #[test]
    fn international_numbers_become_tel_uris_and_others_stay_text() {
        assert_eq!(
            telephone_line("+33 3 88 00 00 00"),
            "TEL;VALUE=uri;TYPE=work,voice:tel:+33-3-88-00-00-00"
        );
        assert_eq!(
            telephone_line("+49 (0)781 12-34"),
            "TEL;VALUE=uri;TYPE=work,voice:tel:+49-781-12-34"
        );
        assert_eq!(
            telephone_line("03.88.00.00.00"),
            "TEL;VALUE=text;TYPE=work,voice:03.88.00.00.00"
        );
    }
}
