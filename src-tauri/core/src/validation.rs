//! Validation of every input before it reaches the database: required fields, the shape of
//! e-mails, phones, dates and times, ISO country and language codes, CEFR levels, date ranges.
//!
//! Each check names the field it concerns and says in French what to change, so a form can put
//! the message beside the field and an import can cite it for a line. Checks that need the
//! database (a referenced record exists, a session falls inside its event) are made by the store
//! inside the writing transaction, with the same [`FieldError`] shape.

use chrono::{NaiveDate, NaiveTime};

use crate::error::{CoreError, CoreResult, FieldError};
use crate::model::*;

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
        if value.chars().count() > max {
            self.add(field, format!("{label} dépasse {max} caractères."));
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
                    "« {value} » n'est pas un code pays ISO 3166-1 (exemples : FR, DE, BE, CH)."
                ),
            );
        }
    }

    pub fn language(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !is_language_code(value) {
            self.add(
                field,
                format!(
                    "« {value} » n'est pas un code de langue ISO 639-1 (exemples : fr, de, en)."
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
                self.add(field, format!("{label} : valeur inconnue « {value} »."));
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

pub fn check_expert(input: &ExpertInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("lastName", &input.last_name, "Le nom");
    c.required("firstName", &input.first_name, "Le prénom");
    c.max_len("lastName", &input.last_name, 200, "Le nom");
    c.max_len("firstName", &input.first_name, 200, "Le prénom");
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

pub fn check_event(input: &EventInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("code", &input.code, "Le code");
    c.max_len("code", &input.code, 40, "Le code");
    c.required("title", &input.title, "Le titre");
    c.max_len("title", &input.title, 300, "Le titre");
    c.code(
        "kind",
        &input.kind,
        EventKind::from_code,
        "Le type d'événement",
    );
    c.code("status", &input.status, EventStatus::from_code, "Le statut");
    let start = if input.start_date.is_empty() {
        c.add("startDate", "La date de début est obligatoire.");
        None
    } else {
        c.date("startDate", &input.start_date, "La date de début")
    };
    let end = if input.end_date.is_empty() {
        c.add("endDate", "La date de fin est obligatoire.");
        None
    } else {
        c.date("endDate", &input.end_date, "La date de fin")
    };
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            c.add(
                "endDate",
                "La date de fin doit être égale ou postérieure à la date de début.",
            );
        }
    }
    c.country("country", &input.country);
    c.email("contactEmail", &input.contact_email);
    c.phone("contactPhone", &input.contact_phone);
    for (i, organiser) in input.organisers.iter().enumerate() {
        if OrganiserRole::from_code(&organiser.role).is_none() {
            c.add(
                format!("organisers.{i}.role"),
                "Rôle inconnu pour cette structure.",
            );
        }
    }
    for (i, language) in input.languages.iter().enumerate() {
        c.language(&format!("languages.{i}"), language);
    }
    for (i, objective) in input.objectives.iter().enumerate() {
        if objective.trim().is_empty() {
            c.add(
                format!("objectives.{i}"),
                "Cet objectif est vide : complétez-le ou retirez-le.",
            );
        }
    }
    if let Some(capacity) = input.capacity {
        if !(1..=100_000).contains(&capacity) {
            c.add(
                "capacity",
                "La capacité doit être un nombre de places positif.",
            );
        }
    }
    c.finish()
}

/// Checks a session on its own and against its event's dates.
pub fn check_session(input: &SessionInput, event: &EventInput) -> CoreResult<()> {
    let mut c = Checker::new();
    c.required("title", &input.title, "Le titre");
    c.max_len("title", &input.title, 300, "Le titre");
    c.code(
        "kind",
        &input.kind,
        SessionKind::from_code,
        "Le type de séquence",
    );
    c.language("language", &input.language);
    let date = if input.date.is_empty() {
        c.add("date", "La date est obligatoire.");
        None
    } else {
        c.date("date", &input.date, "La date")
    };
    let start = c.time("startTime", &input.start_time, "L'heure de début");
    let end = c.time("endTime", &input.end_time, "L'heure de fin");
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            c.add(
                "endTime",
                "L'heure de fin doit être après l'heure de début.",
            );
        }
    }
    if let (Some(date), Some(first), Some(last)) = (
        date,
        parse_date(&event.start_date),
        parse_date(&event.end_date),
    ) {
        if date < first || date > last {
            c.add(
                "date",
                format!(
                    "La séquence doit avoir lieu pendant l'événement, du {} au {}.",
                    first.format("%d/%m/%Y"),
                    last.format("%d/%m/%Y")
                ),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, speaker) in input.speakers.iter().enumerate() {
        if SpeakerRole::from_code(&speaker.role).is_none() {
            c.add(
                format!("speakers.{i}.role"),
                "Rôle inconnu pour cet intervenant.",
            );
        }
        if seen.contains(&speaker.expert_id.as_str()) {
            c.add(
                format!("speakers.{i}.expertId"),
                "Cet intervenant figure déjà dans la séquence.",
            );
        }
        seen.push(&speaker.expert_id);
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(result: CoreResult<()>) -> Vec<String> {
        match result {
            Err(CoreError::Validation { fields }) => fields.into_iter().map(|f| f.field).collect(),
            Ok(()) => Vec::new(),
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn email_shapes() {
        assert!(is_email("anne.muller@eurodistrict.eu"));
        assert!(!is_email("anne.muller"));
        assert!(!is_email("anne@muller"));
        assert!(!is_email("anne @muller.eu"));
        assert!(!is_email("a@b@c.eu"));
        assert!(!is_email("@muller.eu"));
    }

    #[test]
    fn phone_shapes() {
        assert!(is_phone("+33 3 88 00 00 00"));
        assert!(is_phone("03.88.00.00.00"));
        assert!(is_phone("+49 (0)781 12-34"));
        assert!(!is_phone("12"));
        assert!(!is_phone("appelez-moi"));
    }

    #[test]
    fn iso_codes() {
        assert!(is_country_code("FR") && is_country_code("DE") && is_country_code("CH"));
        assert!(!is_country_code("fr") && !is_country_code("XX") && !is_country_code("FRA"));
        assert!(is_language_code("de") && is_language_code("lb"));
        assert!(!is_language_code("DE") && !is_language_code("xx"));
    }

    #[test]
    fn expert_errors_name_each_field() {
        let input = ExpertInput {
            first_name: "".into(),
            last_name: "Muller".into(),
            email: "pas-une-adresse".into(),
            country: "Allemagne".into(),
            languages: vec![
                LanguageSkill {
                    language: "de".into(),
                    level: "C1".into(),
                },
                LanguageSkill {
                    language: "de".into(),
                    level: "Z9".into(),
                },
            ],
            ..Default::default()
        };
        let got = fields(check_expert(&input));
        assert_eq!(
            got,
            vec![
                "firstName",
                "email",
                "country",
                "languages.1.language",
                "languages.1.level"
            ]
        );
    }

    #[test]
    fn event_end_before_start_is_refused() {
        let input = EventInput {
            code: "VE-1".into(),
            title: "Visite".into(),
            kind: "study_visit".into(),
            status: "draft".into(),
            start_date: "2026-03-05".into(),
            end_date: "2026-03-03".into(),
            ..Default::default()
        };
        assert_eq!(fields(check_event(&input)), vec!["endDate"]);
    }

    #[test]
    fn session_outside_event_and_reversed_times_are_refused() {
        let event = EventInput {
            start_date: "2026-03-03".into(),
            end_date: "2026-03-05".into(),
            ..Default::default()
        };
        let session = SessionInput {
            date: "2026-03-06".into(),
            start_time: "14:00".into(),
            end_time: "12:00".into(),
            title: "Atelier".into(),
            kind: "workshop".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(check_session(&session, &event)),
            vec!["endTime", "date"]
        );
        let ok = SessionInput {
            date: "2026-03-05".into(),
            end_time: "16:30".into(),
            ..session
        };
        assert!(check_session(&ok, &event).is_ok());
    }
}
