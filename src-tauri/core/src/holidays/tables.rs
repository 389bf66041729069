//! The holiday rules of each country and region. Local names are in the country's language (for
//! a Swiss canton or a Belgian community, in the region's).

use chrono::Weekday;

use super::swiss::{SWISS_CANTONS, SWITZERLAND};
use super::{monaco_carry_over, rule, rule_since, Holiday, Rule, When};
use When::{Easter, Fixed, Once, WeekdayFrom};

/// A region's holidays, added to the national ones.
pub(crate) struct Region {
    /// ISO 3166-2 subdivision code where there is one (without the country prefix).
    pub code: &'static str,
    /// Other codes accepted for the same rules.
    pub aliases: &'static [&'static str],
    pub rules: &'static [Rule],
}

pub(crate) struct CountryTable {
    pub national: &'static [Rule],
    pub regions: &'static [Region],
    pub sunday_carry_over: Option<fn(&mut Vec<Holiday>)>,
}

pub(crate) const fn region(code: &'static str, rules: &'static [Rule]) -> Region {
    Region {
        code,
        aliases: &[],
        rules,
    }
}

pub(crate) fn country_table(code: &str) -> Option<CountryTable> {
    let (national, regions): (&'static [Rule], &'static [Region]) = match code {
        "FR" => (FRANCE, FRANCE_REGIONS),
        "DE" => (GERMANY, GERMAN_LANDER),
        "BE" => (BELGIUM, BELGIAN_COMMUNITIES),
        "LU" => (LUXEMBOURG, &[]),
        "CH" => (SWITZERLAND, SWISS_CANTONS),
        "IT" => (ITALY, &[]),
        "ES" => (SPAIN, SPANISH_COMMUNITIES),
        "AD" => (ANDORRA, &[]),
        "MC" => (MONACO, &[]),
        _ => return None,
    };
    Some(CountryTable {
        national,
        regions,
        sunday_carry_over: (code == "MC").then_some(monaco_carry_over as fn(&mut Vec<Holiday>)),
    })
}

// --- France -----------------------------------------------------------------------------------

const FRANCE: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Jour de l'an"),
    rule(Easter(1), "Lundi de Pâques", "Lundi de Pâques"),
    rule(Fixed(5, 1), "Fête du Travail", "Fête du Travail"),
    rule(Fixed(5, 8), "Victoire 1945", "Victoire 1945"),
    rule(Easter(39), "Ascension", "Ascension"),
    rule(Easter(50), "Lundi de Pentecôte", "Lundi de Pentecôte"),
    rule(Fixed(7, 14), "Fête nationale", "Fête nationale"),
    rule(Fixed(8, 15), "Assomption", "Assomption"),
    rule(Fixed(11, 1), "Toussaint", "Toussaint"),
    rule(Fixed(11, 11), "Armistice 1918", "Armistice 1918"),
    rule(Fixed(12, 25), "Noël", "Noël"),
];

/// Alsace-Moselle (local law, code du travail art. L3134-13): the Collectivité européenne
/// d'Alsace (6AE, or its départements 67 and 68) and Moselle (57).
const FRANCE_REGIONS: &[Region] = &[Region {
    code: "6AE",
    aliases: &["57", "67", "68", "ALSACE-MOSELLE"],
    rules: &[
        rule(Easter(-2), "Vendredi saint", "Vendredi saint"),
        rule(Fixed(12, 26), "Saint-Étienne", "Saint-Étienne"),
    ],
}];

// --- Germany ----------------------------------------------------------------------------------

const GERMANY: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Neujahr"),
    rule(Easter(-2), "Vendredi saint", "Karfreitag"),
    rule(Easter(1), "Lundi de Pâques", "Ostermontag"),
    rule(Fixed(5, 1), "Fête du Travail", "Tag der Arbeit"),
    rule(Easter(39), "Ascension", "Christi Himmelfahrt"),
    rule(Easter(50), "Lundi de Pentecôte", "Pfingstmontag"),
    rule(
        Fixed(10, 3),
        "Jour de l'Unité allemande",
        "Tag der Deutschen Einheit",
    ),
    rule(Fixed(12, 25), "Noël", "Erster Weihnachtstag"),
    rule(Fixed(12, 26), "Saint-Étienne", "Zweiter Weihnachtstag"),
];

const EPIPHANY_DE: Rule = rule(Fixed(1, 6), "Épiphanie", "Heilige Drei Könige");
const CORPUS_DE: Rule = rule(Easter(60), "Fête-Dieu", "Fronleichnam");
const ALL_SAINTS_DE: Rule = rule(Fixed(11, 1), "Toussaint", "Allerheiligen");
const REFORMATION: Rule = rule(Fixed(10, 31), "Jour de la Réforme", "Reformationstag");
/// Kept again in the northern Länder since 2018.
const REFORMATION_2018: Rule =
    rule_since(2018, Fixed(10, 31), "Jour de la Réforme", "Reformationstag");
const EASTER_DE: Rule = rule(Easter(0), "Pâques", "Ostersonntag");
const PENTECOST_DE: Rule = rule(Easter(49), "Pentecôte", "Pfingstsonntag");
const ASSUMPTION_DE: Rule = rule(Fixed(8, 15), "Assomption", "Mariä Himmelfahrt");
const SOUTH: &[Rule] = &[EPIPHANY_DE, CORPUS_DE, ALL_SAINTS_DE];
const WEST: &[Rule] = &[CORPUS_DE, ALL_SAINTS_DE];
const NORTH: &[Rule] = &[REFORMATION_2018];

/// The 16 Länder (ISO 3166-2:DE). Bavaria's Assumption, kept only in its Catholic communes, and
/// Augsburg's Peace Festival are left out: they are not holidays of the whole Land.
const GERMAN_LANDER: &[Region] = &[
    region("BW", SOUTH),
    region("BY", SOUTH),
    region(
        "BE",
        &[
            rule_since(
                2019,
                Fixed(3, 8),
                "Journée internationale des femmes",
                "Frauentag",
            ),
            rule(
                Once(2025, 5, 8),
                "80e anniversaire de la libération du national-socialisme",
                "80. Jahrestag der Befreiung vom Nationalsozialismus",
            ),
            rule(
                Once(2028, 6, 17),
                "75e anniversaire du soulèvement du 17 juin 1953",
                "75. Jahrestag des Aufstandes vom 17. Juni 1953",
            ),
        ],
    ),
    region("BB", &[EASTER_DE, PENTECOST_DE, REFORMATION]),
    region("HB", NORTH),
    region("HH", NORTH),
    region("HE", &[CORPUS_DE]),
    region(
        "MV",
        &[
            rule_since(
                2023,
                Fixed(3, 8),
                "Journée internationale des femmes",
                "Frauentag",
            ),
            REFORMATION,
        ],
    ),
    region("NI", NORTH),
    region("NW", WEST),
    region("RP", WEST),
    region("SL", &[CORPUS_DE, ASSUMPTION_DE, ALL_SAINTS_DE]),
    region(
        "SN",
        &[
            REFORMATION,
            // The Wednesday before the last Sunday before Advent: between 16 and 22 November.
            rule(
                WeekdayFrom(Weekday::Wed, 11, 16),
                "Jour de pénitence et de prière",
                "Buß- und Bettag",
            ),
        ],
    ),
    region("ST", &[EPIPHANY_DE, REFORMATION]),
    region("SH", NORTH),
    region(
        "TH",
        &[
            rule_since(
                2019,
                Fixed(9, 20),
                "Journée mondiale de l'enfance",
                "Weltkindertag",
            ),
            REFORMATION,
        ],
    ),
];

// --- Belgium ----------------------------------------------------------------------------------

const BELGIUM: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Nouvel An"),
    rule(Easter(0), "Pâques", "Pâques"),
    rule(Easter(1), "Lundi de Pâques", "Lundi de Pâques"),
    rule(Fixed(5, 1), "Fête du Travail", "Fête du Travail"),
    rule(Easter(39), "Ascension", "Ascension"),
    rule(Easter(49), "Pentecôte", "Pentecôte"),
    rule(Easter(50), "Lundi de Pentecôte", "Lundi de Pentecôte"),
    rule(Fixed(7, 21), "Fête nationale", "Fête nationale"),
    rule(Fixed(8, 15), "Assomption", "Assomption"),
    rule(Fixed(11, 1), "Toussaint", "Toussaint"),
    rule(Fixed(11, 11), "Armistice 1918", "Jour de l'Armistice"),
    rule(Fixed(12, 25), "Noël", "Noël"),
];

/// The communities' days (public services and schools of the community; no ISO code: VG, CF, DG
/// are the communities' own abbreviations).
const BELGIAN_COMMUNITIES: &[Region] = &[
    Region {
        code: "VG",
        aliases: &["VLG", "FLEMISH"],
        rules: &[rule(
            Fixed(7, 11),
            "Fête de la Communauté flamande",
            "Feest van de Vlaamse Gemeenschap",
        )],
    },
    Region {
        code: "CF",
        aliases: &["FRENCH"],
        rules: &[rule(
            Fixed(9, 27),
            "Fête de la Fédération Wallonie-Bruxelles",
            "Fête de la Fédération Wallonie-Bruxelles",
        )],
    },
    Region {
        code: "DG",
        aliases: &["GERMAN"],
        rules: &[rule(
            Fixed(11, 15),
            "Fête de la Communauté germanophone",
            "Tag der Deutschsprachigen Gemeinschaft",
        )],
    },
];

// --- Luxembourg -------------------------------------------------------------------------------

const LUXEMBOURG: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Neijoerschdag"),
    rule(Easter(1), "Lundi de Pâques", "Ouschterméindeg"),
    rule(Fixed(5, 1), "Fête du Travail", "Dag vun der Aarbecht"),
    rule_since(2019, Fixed(5, 9), "Journée de l'Europe", "Europadag"),
    rule(Easter(39), "Ascension", "Christi Himmelfaart"),
    rule(Easter(50), "Lundi de Pentecôte", "Péngschtméindeg"),
    rule(Fixed(6, 23), "Fête nationale", "Nationalfeierdag"),
    rule(Fixed(8, 15), "Assomption", "Léiffrawëschdag"),
    rule(Fixed(11, 1), "Toussaint", "Allerhellgen"),
    rule(Fixed(12, 25), "Noël", "Chrëschtdag"),
    rule(Fixed(12, 26), "Saint-Étienne", "Stiefesdag"),
];

// --- Italy ------------------------------------------------------------------------------------

/// National holidays (law 260/1949 and later). The Day of National Unity is celebrated on the
/// first Sunday of November and is not a day off: left out.
const ITALY: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Capodanno"),
    rule(Fixed(1, 6), "Épiphanie", "Epifania"),
    rule(Easter(0), "Pâques", "Pasqua"),
    rule(Easter(1), "Lundi de Pâques", "Lunedì dell'Angelo"),
    rule(
        Fixed(4, 25),
        "Fête de la Libération",
        "Festa della Liberazione",
    ),
    rule(Fixed(5, 1), "Fête du Travail", "Festa del Lavoro"),
    rule(
        Fixed(6, 2),
        "Fête de la République",
        "Festa della Repubblica",
    ),
    rule(Fixed(8, 15), "Assomption", "Ferragosto"),
    // Restored as a national holiday from 2026 (law 151/2025).
    rule_since(
        2026,
        Fixed(10, 4),
        "Saint François d'Assise",
        "San Francesco d'Assisi",
    ),
    rule(Fixed(11, 1), "Toussaint", "Ognissanti"),
    rule(
        Fixed(12, 8),
        "Immaculée Conception",
        "Immacolata Concezione",
    ),
    rule(Fixed(12, 25), "Noël", "Natale"),
    rule(Fixed(12, 26), "Saint-Étienne", "Santo Stefano"),
];

// --- Spain ------------------------------------------------------------------------------------

/// The national holidays of the Workers' Statute (art. 37.2) and Royal Decree 2001/1983. Each
/// year a decree (BOE) lets the autonomous communities replace some of them (Epiphany, a day
/// falling on a Sunday…) and sets the regional ones: a community's actual list is the decree's.
/// Only the regional days stable by rule are covered here; the others are documented in the
/// tests as python-holidays (which follows the decrees) lists them.
const SPAIN: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Año Nuevo"),
    rule(Fixed(1, 6), "Épiphanie", "Epifanía del Señor"),
    rule(Easter(-2), "Vendredi saint", "Viernes Santo"),
    rule(Fixed(5, 1), "Fête du Travail", "Fiesta del Trabajo"),
    rule(Fixed(8, 15), "Assomption", "Asunción de la Virgen"),
    rule(
        Fixed(10, 12),
        "Fête nationale de l'Espagne",
        "Fiesta Nacional de España",
    ),
    rule(Fixed(11, 1), "Toussaint", "Todos los Santos"),
    rule(
        Fixed(12, 6),
        "Jour de la Constitution",
        "Día de la Constitución Española",
    ),
    rule(
        Fixed(12, 8),
        "Immaculée Conception",
        "Inmaculada Concepción",
    ),
    rule(Fixed(12, 25), "Noël", "Natividad del Señor"),
];

const HOLY_THURSDAY: Rule = rule(Easter(-3), "Jeudi saint", "Jueves Santo");
const EASTER_MONDAY_ES: Rule = rule(Easter(1), "Lundi de Pâques", "Lunes de Pascua");

const SPANISH_COMMUNITIES: &[Region] = &[
    region(
        "CT",
        &[
            rule(Easter(1), "Lundi de Pâques", "Dilluns de Pasqua Florida"),
            rule(Fixed(6, 24), "Saint-Jean", "Sant Joan"),
            rule(
                Fixed(9, 11),
                "Fête nationale de Catalogne",
                "Diada Nacional de Catalunya",
            ),
            rule(Fixed(12, 26), "Saint-Étienne", "Sant Esteve"),
        ],
    ),
    region("PV", &[HOLY_THURSDAY, EASTER_MONDAY_ES]),
    region(
        "NC",
        &[
            HOLY_THURSDAY,
            EASTER_MONDAY_ES,
            rule(
                Fixed(12, 3),
                "Saint François Xavier",
                "San Francisco Javier",
            ),
        ],
    ),
    region(
        "AR",
        &[
            HOLY_THURSDAY,
            rule(Fixed(4, 23), "Saint-Georges", "San Jorge"),
        ],
    ),
];

// --- Andorra ----------------------------------------------------------------------------------

const ANDORRA: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Cap d'Any"),
    rule(Fixed(1, 6), "Épiphanie", "Reis"),
    rule(Easter(-48), "Carnaval", "Carnaval"),
    rule(
        Fixed(3, 14),
        "Jour de la Constitution",
        "Dia de la Constitució",
    ),
    rule(Easter(-2), "Vendredi saint", "Divendres Sant"),
    rule(Easter(1), "Lundi de Pâques", "Dilluns de Pasqua"),
    rule(Fixed(5, 1), "Fête du Travail", "Festa del Treball"),
    rule(Easter(50), "Lundi de Pentecôte", "Dilluns de Pentecosta"),
    rule(Fixed(8, 15), "Assomption", "Assumpció"),
    rule(
        Fixed(9, 8),
        "Notre-Dame de Meritxell",
        "Mare de Déu de Meritxell",
    ),
    rule(Fixed(11, 1), "Toussaint", "Tots Sants"),
    rule(Fixed(12, 8), "Immaculée Conception", "Immaculada Concepció"),
    rule(Fixed(12, 25), "Noël", "Nadal"),
    rule(Fixed(12, 26), "Saint-Étienne", "Sant Esteve"),
];

// --- Monaco -----------------------------------------------------------------------------------

const MONACO: &[Rule] = &[
    rule(Fixed(1, 1), "Jour de l'an", "Jour de l'an"),
    rule(Fixed(1, 27), "Sainte-Dévote", "Sainte-Dévote"),
    rule(Easter(1), "Lundi de Pâques", "Lundi de Pâques"),
    rule(Fixed(5, 1), "Fête du Travail", "Fête du Travail"),
    rule(Easter(39), "Ascension", "Ascension"),
    rule(Easter(50), "Lundi de Pentecôte", "Lundi de Pentecôte"),
    rule(Easter(60), "Fête-Dieu", "Fête-Dieu"),
    rule(Fixed(8, 15), "Assomption", "Assomption"),
    rule(Fixed(11, 1), "Toussaint", "Toussaint"),
    rule(
        Fixed(11, 19),
        "Fête du Prince",
        "Fête de S.A.S. le Prince Souverain",
    ),
    rule(Fixed(12, 8), "Immaculée Conception", "Immaculée Conception"),
    rule(Fixed(12, 25), "Noël", "Noël"),
];
