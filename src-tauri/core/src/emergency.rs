//! The emergency numbers of France and its neighbours, printed in the study-visit booklet for
//! each country the group crosses.
//!
//! Deliberately short and conservative: only official national numbers, free of charge from
//! any phone, that the authorities of each country publish — a wrong number in a booklet is
//! worse than a missing one. 112, the European emergency number, answers in every country of
//! the European Union and of the table; a country not in the table gets 112 alone when it is in
//! the European Union or the European Economic Area, and nothing otherwise.

/// One number and what it reaches, in French.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmergencyNumber {
    pub number: &'static str,
    pub service: &'static str,
}

const fn n(number: &'static str, service: &'static str) -> EmergencyNumber {
    EmergencyNumber { number, service }
}

const EUROPEAN: EmergencyNumber = n("112", "numéro d'urgence européen (toutes urgences)");

/// The numbers by ISO 3166-1 alpha-2 code, 112 first.
const TABLE: &[(&str, &[EmergencyNumber])] = &[
    (
        "FR",
        &[
            EUROPEAN,
            n("15", "SAMU (urgence médicale)"),
            n("17", "police secours"),
            n("18", "sapeurs-pompiers"),
            n(
                "114",
                "urgences pour les personnes sourdes ou malentendantes (SMS)",
            ),
        ],
    ),
    (
        "DE",
        &[
            n(
                "112",
                "pompiers et secours médical (Feuerwehr, Rettungsdienst)",
            ),
            n("110", "police (Polizei)"),
            n(
                "116117",
                "médecin de garde, hors urgence vitale (ärztlicher Bereitschaftsdienst)",
            ),
        ],
    ),
    (
        "BE",
        &[
            n("112", "pompiers et aide médicale urgente"),
            n("101", "police"),
        ],
    ),
    (
        "LU",
        &[n("112", "pompiers et secours médical"), n("113", "police")],
    ),
    (
        "CH",
        &[
            EUROPEAN,
            n("117", "police"),
            n("118", "pompiers"),
            n("144", "ambulance (urgence médicale)"),
            n("1414", "Rega (sauvetage aérien)"),
        ],
    ),
    (
        "IT",
        &[
            EUROPEAN,
            n(
                "118",
                "urgence médicale (là où le 112 n'est pas encore en service)",
            ),
        ],
    ),
    (
        "ES",
        &[
            EUROPEAN,
            n("091", "police nationale (Policía Nacional)"),
            n("061", "urgences médicales (selon la communauté autonome)"),
        ],
    ),
    ("AD", &[EUROPEAN, n("110", "police"), n("118", "pompiers")]),
    (
        "MC",
        &[EUROPEAN, n("17", "police"), n("18", "sapeurs-pompiers")],
    ),
];

/// Members of the European Union and of the European Economic Area, where 112 answers.
const EU_EEA: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
];

/// The emergency numbers of a country (ISO 3166-1 alpha-2, any case); empty when we do not
/// know them.
pub fn emergency_numbers(country: &str) -> Vec<EmergencyNumber> {
    let code = country.trim().to_ascii_uppercase();
    if let Some((_, numbers)) = TABLE.iter().find(|(c, _)| *c == code) {
        return numbers.to_vec();
    }
    if EU_EEA.contains(&code.as_str()) {
        return vec![EUROPEAN];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(country: &str) -> Vec<&'static str> {
        emergency_numbers(country)
            .iter()
            .map(|n| n.number)
            .collect()
    }

    #[test]
    fn each_neighbour_has_112_and_its_own_numbers() {
        assert_eq!(numbers("fr"), ["112", "15", "17", "18", "114"]);
        assert_eq!(numbers("DE"), ["112", "110", "116117"]);
        assert_eq!(numbers("CH"), ["112", "117", "118", "144", "1414"]);
        for country in ["FR", "DE", "BE", "LU", "CH", "IT", "ES", "AD", "MC", "NL"] {
            assert!(numbers(country).contains(&"112"), "{country}");
        }
    }

    #[test]
    fn an_unknown_country_gets_no_number_rather_than_a_guess() {
        assert!(numbers("US").is_empty());
        assert!(numbers("").is_empty());
        assert_eq!(numbers("NL"), ["112"]);
    }
}
