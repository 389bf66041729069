//! Validation of every input before it reaches the database: required fields, the shape of
//! e-mails, phones, dates and times, ISO country and language codes, CEFR levels, date ranges.
//!
//! Each check names the field it concerns and says in French what to change, so a form can put
//! the message beside the field and an import can cite it for a line. Checks that need the
//! database (a referenced record exists, a session falls inside its event) are made by the store
//! inside the writing transaction, with the same [`FieldError`] shape.

use chrono::{NaiveDate, NaiveTime};

use crate::error::{CoreError, CoreResult, FieldError};

mod events;
mod experts;
mod legal_notes;
pub mod limits;
mod logistics;
mod participants;
mod professions;
mod reference;
mod requests;
mod resources;
#[cfg(test)]
mod tests;

pub use events::*;
pub use experts::*;
pub use legal_notes::*;
pub use logistics::LOGISTICS_ROWS_MAX;
pub use participants::*;
pub use professions::*;
pub use reference::*;
pub use requests::*;
pub use resources::*;

/// ISO 3166-1 alpha-2 country codes (officially assigned).
const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// ISO 639-1 language codes.
const LANGUAGE_CODES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && COUNTRY_CODES.split(' ').any(|c| c == code)
}

pub fn is_language_code(code: &str) -> bool {
    code.len() == 2 && LANGUAGE_CODES.split(' ').any(|c| c == code)
}

/// Parses an ISO date (YYYY-MM-DD).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// Parses a 24-hour "HH:MM" time.
pub fn parse_time(value: &str) -> Option<NaiveTime> {
    if value.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(value, "%H:%M").ok()
}

/// A plain shape check: one `@`, a non-empty local part and a dotted domain, no spaces.
/// Deliverability cannot be checked offline; this catches typing mistakes.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// International or national numbers: digits with spaces, dots, dashes, parentheses and a
/// leading `+`; between 6 and 15 digits (E.164 allows at most 15).
pub fn is_phone(value: &str) -> bool {
    let body = value.strip_prefix('+').unwrap_or(value);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    allowed && (6..=15).contains(&digits)
}

/// The message for a text over its bound, or `None`: « La biographie dépasse 20 000 caractères
/// (25 312 saisis). »
pub fn too_long(value: &str, max: usize, label: &str) -> Option<String> {
    // A byte count is an upper bound on the characters: most values skip the count.
    if value.len() <= max {
        return None;
    }
    let count = value.chars().count();
    (count > max).then(|| {
        format!(
            "{label} dépasse {} caractères ({} saisis).",
            group_digits(max),
            group_digits(count)
        )
    })
}

/// 25312 → "25 312", as French writes numbers.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// A refused value as a message quotes it: its first characters only, so a message about a
/// megabyte-long cell stays one line.
pub fn quoted(value: &str) -> String {
    match value.char_indices().nth(limits::QUOTED_MAX) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

/// Collects field errors so that a form shows every problem at once, not one per attempt.
#[derive(Default)]
pub struct Checker {
    fields: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.fields.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn required(&mut self, field: &str, value: &str, label: &str) {
        if value.trim().is_empty() {
            self.add(field, format!("{label} est obligatoire."));
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize, label: &str) {
        if let Some(message) = too_long(value, max, label) {
            self.add(field, message);
        }
    }

    /// Bounds several texts at once: `(field, value, max, label)`.
    pub fn max_lens(&mut self, texts: &[(&str, &str, usize, &str)]) {
        for (field, value, max, label) in texts {
            self.max_len(field, value, *max, label);
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !is_email(value) {
            self.add(
                field,
                "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).",
            );
        }
    }

    pub fn phone(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !is_phone(value) {
            self.add(
                field,
                "Numéro de téléphone invalide (exemple : +33 3 88 00 00 00).",
            );
        }
    }

    pub fn country(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !is_country_code(value) {
            self.add(
                field,
                format!(
                    "« {} » n'est pas un code pays ISO 3166-1 (exemples : FR, DE, BE, CH).",
                    quoted(value)
                ),
            );
        }
    }

    pub fn language(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !is_language_code(value) {
            self.add(
                field,
                format!(
                    "« {} » n'est pas un code de langue ISO 639-1 (exemples : fr, de, en).",
                    quoted(value)
                ),
            );
        }
    }

    pub fn date(&mut self, field: &str, value: &str, label: &str) -> Option<NaiveDate> {
        if value.is_empty() {
            return None;
        }
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.add(field, format!("{label} n'est pas une date valide."));
        }
        parsed
    }

    pub fn time(&mut self, field: &str, value: &str, label: &str) -> Option<NaiveTime> {
        let parsed = parse_time(value);
        if parsed.is_none() {
            if value.is_empty() {
                self.add(field, format!("{label} est obligatoire."));
            } else {
                self.add(
                    field,
                    format!("{label} doit être une heure au format HH:MM (exemple : 09:30)."),
                );
            }
        }
        parsed
    }

    pub fn code<T>(&mut self, field: &str, value: &str, parse: fn(&str) -> Option<T>, label: &str) {
        if parse(value).is_none() {
            if value.is_empty() {
                self.add(field, format!("{label} est obligatoire."));
            } else {
                self.add(
                    field,
                    format!("{label} : valeur inconnue « {} ».", quoted(value)),
                );
            }
        }
    }

    pub fn finish(self) -> CoreResult<()> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation {
                fields: self.fields,
            })
        }
    }
}
