//! The coded values the interface offers in its selects, with their French labels, taken from
//! the model's enumerations so the interface never keeps a list of its own.

use serde::Serialize;

use crate::model::*;

#[derive(Debug, Clone, Serialize)]
pub struct CodeLabel {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalogue {
    pub organisation_kinds: Vec<CodeLabel>,
    pub territory_kinds: Vec<CodeLabel>,
    pub event_kinds: Vec<CodeLabel>,
    pub event_statuses: Vec<CodeLabel>,
    pub organiser_roles: Vec<CodeLabel>,
    pub session_kinds: Vec<CodeLabel>,
    pub speaker_roles: Vec<CodeLabel>,
    pub language_levels: Vec<CodeLabel>,
    pub trends: Vec<CodeLabel>,
    pub languages: Vec<CodeLabel>,
    /// The languages an event's texts can be translated into, beside the French.
    pub partner_languages: Vec<CodeLabel>,
    pub countries: Vec<CodeLabel>,
    pub request_statuses: Vec<CodeLabel>,
    pub request_formats: Vec<CodeLabel>,
    pub participant_statuses: Vec<CodeLabel>,
    pub attendance_marks: Vec<CodeLabel>,
    pub half_day_parts: Vec<CodeLabel>,
    /// The library: resources, their authors' roles and files, the legal notes' bases.
    pub resource_kinds: Vec<CodeLabel>,
    pub resource_statuses: Vec<CodeLabel>,
    pub author_roles: Vec<CodeLabel>,
    pub legal_basis_kinds: Vec<CodeLabel>,
    pub file_text_statuses: Vec<CodeLabel>,
}

macro_rules! codes_of {
    ($kind:ty) => {
        <$kind>::ALL
            .iter()
            .map(|value| CodeLabel {
                code: value.code(),
                label: value.label(),
            })
            .collect()
    };
}

/// Languages most used in cross-border cooperation first, then other European languages.
/// The French name of an ISO 639-1 language code ("de" → "allemand"), or the code itself.
pub fn language_label(code: &str) -> &str {
    LANGUAGES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, label)| *label)
        .unwrap_or(code)
}

const LANGUAGES: &[(&str, &str)] = &[
    ("fr", "français"),
    ("de", "allemand"),
    ("en", "anglais"),
    ("it", "italien"),
    ("es", "espagnol"),
    ("nl", "néerlandais"),
    ("lb", "luxembourgeois"),
    ("ca", "catalan"),
    ("eu", "basque"),
    ("pt", "portugais"),
    ("rm", "romanche"),
    ("br", "breton"),
    ("co", "corse"),
    ("oc", "occitan"),
    ("pl", "polonais"),
    ("cs", "tchèque"),
    ("sk", "slovaque"),
    ("hu", "hongrois"),
    ("ro", "roumain"),
    ("bg", "bulgare"),
    ("el", "grec"),
    ("hr", "croate"),
    ("sl", "slovène"),
    ("da", "danois"),
    ("sv", "suédois"),
    ("fi", "finnois"),
    ("et", "estonien"),
    ("lv", "letton"),
    ("lt", "lituanien"),
    ("mt", "maltais"),
    ("ga", "irlandais"),
    ("ar", "arabe"),
    ("ru", "russe"),
    ("uk", "ukrainien"),
    ("tr", "turc"),
    ("zh", "chinois"),
    ("ja", "japonais"),
    ("ht", "créole haïtien"),
];

/// France's neighbours and the European countries first; the codes are ISO 3166-1 alpha-2.
const COUNTRIES: &[(&str, &str)] = &[
    ("FR", "France"),
    ("DE", "Allemagne"),
    ("BE", "Belgique"),
    ("LU", "Luxembourg"),
    ("CH", "Suisse"),
    ("IT", "Italie"),
    ("ES", "Espagne"),
    ("AD", "Andorre"),
    ("MC", "Monaco"),
    ("GB", "Royaume-Uni"),
    ("NL", "Pays-Bas"),
    ("BR", "Brésil"),
    ("SR", "Suriname"),
    ("AT", "Autriche"),
    ("PT", "Portugal"),
    ("IE", "Irlande"),
    ("DK", "Danemark"),
    ("SE", "Suède"),
    ("FI", "Finlande"),
    ("NO", "Norvège"),
    ("IS", "Islande"),
    ("PL", "Pologne"),
    ("CZ", "Tchéquie"),
    ("SK", "Slovaquie"),
    ("HU", "Hongrie"),
    ("SI", "Slovénie"),
    ("HR", "Croatie"),
    ("RO", "Roumanie"),
    ("BG", "Bulgarie"),
    ("GR", "Grèce"),
    ("CY", "Chypre"),
    ("MT", "Malte"),
    ("EE", "Estonie"),
    ("LV", "Lettonie"),
    ("LT", "Lituanie"),
    ("LI", "Liechtenstein"),
    ("SM", "Saint-Marin"),
    ("VA", "Vatican"),
    ("UA", "Ukraine"),
    ("MA", "Maroc"),
    ("DZ", "Algérie"),
    ("TN", "Tunisie"),
    ("CA", "Canada"),
    ("US", "États-Unis"),
    ("MU", "Maurice"),
    ("MG", "Madagascar"),
    ("KM", "Comores"),
    ("SX", "Saint-Martin (partie néerlandaise)"),
    ("DM", "Dominique"),
    ("LC", "Sainte-Lucie"),
];

/// Every select list of the interface with its French labels.
pub fn catalogue() -> Catalogue {
    Catalogue {
        organisation_kinds: codes_of!(OrganisationKind),
        territory_kinds: codes_of!(TerritoryKind),
        event_kinds: codes_of!(EventKind),
        event_statuses: codes_of!(EventStatus),
        organiser_roles: codes_of!(OrganiserRole),
        session_kinds: codes_of!(SessionKind),
        speaker_roles: codes_of!(SpeakerRole),
        language_levels: codes_of!(LanguageLevel),
        trends: codes_of!(Trend),
        languages: LANGUAGES
            .iter()
            .filter(|(code, _)| crate::validation::is_language_code(code))
            .map(|(code, label)| CodeLabel { code, label })
            .collect(),
        partner_languages: codes_of!(PartnerLanguage),
        countries: COUNTRIES
            .iter()
            .map(|(code, label)| CodeLabel { code, label })
            .collect(),
        request_statuses: codes_of!(RequestStatus),
        request_formats: codes_of!(RequestFormat),
        participant_statuses: codes_of!(ParticipantStatus),
        attendance_marks: codes_of!(AttendanceMark),
        half_day_parts: codes_of!(HalfDayPart),
        resource_kinds: codes_of!(ResourceKind),
        resource_statuses: codes_of!(ResourceStatus),
        author_roles: codes_of!(AuthorRole),
        legal_basis_kinds: codes_of!(LegalBasisKind),
        file_text_statuses: codes_of!(FileTextStatus),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn partner_languages_are_the_seven_with_french_names() {
        let listed: Vec<(&str, &str)> = super::catalogue()
            .partner_languages
            .iter()
            .map(|l| (l.code, l.label))
            .collect();
        assert_eq!(
            listed,
            [
                ("de", "allemand"),
                ("it", "italien"),
                ("es", "espagnol"),
                ("ca", "catalan"),
                ("nl", "néerlandais"),
                ("lb", "luxembourgeois"),
                ("en", "anglais"),
            ]
        );
    }

    #[test]
    fn every_listed_country_is_a_valid_code() {
        for country in super::catalogue().countries {
            assert!(
                crate::validation::is_country_code(country.code),
                "{}",
                country.code
            );
        }
    }
}
