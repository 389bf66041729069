//! Switzerland: only 1 August is federal; the cantons keep the rest. Local names in the
//! canton's language.

use chrono::Weekday;

use super::tables::{region, Region};
use super::{rule, Rule, When};
use When::{Easter, Fixed, WeekdayFrom};

/// Only 1 August is federal (Constitution, art. 110); 1 January, Ascension and Christmas are
/// kept by every canton. Everything else is cantonal.
pub(crate) const SWITZERLAND: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Neujahr"),
    rule(Easter(39), "Ascension", "Auffahrt"),
    rule(Fixed(8, 1), "Fête nationale", "Bundesfeiertag"),
    rule(Fixed(12, 25), "Noël", "Weihnachten"),
];

/// A Swiss cantonal day with its names in French, German and Italian.
macro_rules! swiss {
    ($name:ident, $when:expr, $fr:literal, $de:literal, $it:literal) => {
        #[allow(non_snake_case, dead_code)]
        mod $name {
            use super::*;
            pub const FR: Rule = rule($when, $fr, $fr);
            pub const DE: Rule = rule($when, $fr, $de);
            pub const IT: Rule = rule($when, $fr, $it);
        }
    };
}

swiss!(
    BERCHTOLD,
    Fixed(1, 2),
    "Saint-Berchtold",
    "Berchtoldstag",
    "San Berclodo"
);
swiss!(
    EPIPHANY,
    Fixed(1, 6),
    "Épiphanie",
    "Heilige Drei Könige",
    "Epifania"
);
swiss!(
    NE_REPUBLIC,
    Fixed(3, 1),
    "Instauration de la République",
    "Jahrestag der Ausrufung der Republik",
    "Anniversario della Repubblica"
);
swiss!(
    JOSEPH,
    Fixed(3, 19),
    "Saint-Joseph",
    "Josefstag",
    "San Giuseppe"
);
swiss!(
    GOOD_FRIDAY,
    Easter(-2),
    "Vendredi saint",
    "Karfreitag",
    "Venerdì Santo"
);
swiss!(
    EASTER_MONDAY,
    Easter(1),
    "Lundi de Pâques",
    "Ostermontag",
    "Lunedì di Pasqua"
);
swiss!(
    LABOUR,
    Fixed(5, 1),
    "Fête du Travail",
    "Tag der Arbeit",
    "Festa del Lavoro"
);
swiss!(
    WHIT_MONDAY,
    Easter(50),
    "Lundi de Pentecôte",
    "Pfingstmontag",
    "Lunedì di Pentecoste"
);
swiss!(
    CORPUS,
    Easter(60),
    "Fête-Dieu",
    "Fronleichnam",
    "Corpus Domini"
);
swiss!(
    JU_PLEBISCITE,
    Fixed(6, 23),
    "Commémoration du plébiscite jurassien",
    "Fest der Unabhängigkeit",
    "Festa dell'indipendenza"
);
swiss!(
    PETER_PAUL,
    Fixed(6, 29),
    "Saint-Pierre et Saint-Paul",
    "Peter und Paul",
    "San Pietro e Paolo"
);
swiss!(
    ASSUMPTION,
    Fixed(8, 15),
    "Assomption",
    "Mariä Himmelfahrt",
    "Assunzione"
);
// Thursday after the first Sunday of September.
swiss!(
    JEUNE_GENEVOIS,
    WeekdayFrom(Weekday::Thu, 9, 5),
    "Jeûne genevois",
    "Genfer Bettag",
    "Digiuno ginevrino"
);
// Monday after the third Sunday of September.
swiss!(
    LUNDI_JEUNE,
    WeekdayFrom(Weekday::Mon, 9, 16),
    "Lundi du Jeûne fédéral",
    "Bettagsmontag",
    "Lunedì del digiuno federale"
);
swiss!(
    ALL_SAINTS,
    Fixed(11, 1),
    "Toussaint",
    "Allerheiligen",
    "Ognissanti"
);
swiss!(
    IMMACULATE,
    Fixed(12, 8),
    "Immaculée Conception",
    "Mariä Empfängnis",
    "Immacolata Concezione"
);
swiss!(
    STEPHEN,
    Fixed(12, 26),
    "Saint-Étienne",
    "Stephanstag",
    "Santo Stefano"
);
swiss!(
    RESTORATION,
    Fixed(12, 31),
    "Restauration de la République",
    "Wiederherstellung der Republik",
    "Restaurazione della Repubblica"
);

/// The border cantons (ISO 3166-2:CH) with their own days, as python-holidays lists them (the
/// tests compare); local names in the canton's language (Valais and Bern: the French names).
pub(crate) const SWISS_CANTONS: &[Region] = &[
    region(
        "GE",
        &[
            GOOD_FRIDAY::FR,
            EASTER_MONDAY::FR,
            WHIT_MONDAY::FR,
            JEUNE_GENEVOIS::FR,
            RESTORATION::FR,
        ],
    ),
    region(
        "VD",
        &[
            BERCHTOLD::FR,
            GOOD_FRIDAY::FR,
            EASTER_MONDAY::FR,
            WHIT_MONDAY::FR,
            LUNDI_JEUNE::FR,
        ],
    ),
    region(
        "VS",
        &[
            JOSEPH::FR,
            CORPUS::FR,
            ASSUMPTION::FR,
            ALL_SAINTS::FR,
            IMMACULATE::FR,
        ],
    ),
    region(
        "NE",
        &[NE_REPUBLIC::FR, GOOD_FRIDAY::FR, LABOUR::FR, CORPUS::FR],
    ),
    region(
        "JU",
        &[
            BERCHTOLD::FR,
            GOOD_FRIDAY::FR,
            EASTER_MONDAY::FR,
            LABOUR::FR,
            WHIT_MONDAY::FR,
            CORPUS::FR,
            JU_PLEBISCITE::FR,
            ASSUMPTION::FR,
            ALL_SAINTS::FR,
        ],
    ),
    region(
        "BS",
        &[
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "BL",
        &[
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            STEPHEN::DE,
        ],
    ),
    region("SO", &[GOOD_FRIDAY::DE]),
    region(
        "BE",
        &[
            BERCHTOLD::FR,
            GOOD_FRIDAY::FR,
            EASTER_MONDAY::FR,
            WHIT_MONDAY::FR,
            STEPHEN::FR,
        ],
    ),
    region(
        "AG",
        &[
            BERCHTOLD::DE,
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            CORPUS::DE,
            ASSUMPTION::DE,
            ALL_SAINTS::DE,
            IMMACULATE::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "SH",
        &[
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "ZH",
        &[
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "TG",
        &[
            BERCHTOLD::DE,
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            LABOUR::DE,
            WHIT_MONDAY::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "SG",
        &[
            GOOD_FRIDAY::DE,
            EASTER_MONDAY::DE,
            WHIT_MONDAY::DE,
            ALL_SAINTS::DE,
            STEPHEN::DE,
        ],
    ),
    region(
        "TI",
        &[
            EPIPHANY::IT,
            JOSEPH::IT,
            EASTER_MONDAY::IT,
            LABOUR::IT,
            WHIT_MONDAY::IT,
            CORPUS::IT,
            PETER_PAUL::IT,
            ASSUMPTION::IT,
            ALL_SAINTS::IT,
            IMMACULATE::IT,
            STEPHEN::IT,
        ],
    ),
    region("GR", &[EASTER_MONDAY::DE, WHIT_MONDAY::DE, STEPHEN::DE]),
];
