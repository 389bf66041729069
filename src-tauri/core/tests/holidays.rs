//! The holidays module against the official lists for 2025–2030, as python-holidays compiles
//! them (fixtures written by scripts/holidays-fixture.py; see the fixtures' README). Dates must
//! be equal as sets, year by year, except where documented below.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};
use passerelle_core::holidays::{holidays, regions, COUNTRIES};

const YEARS: std::ops::RangeInclusive<i32> = 2025..=2030;

/// Days python-holidays lists that we do not, by (country, region or "", words of its name),
/// each with the reason.
const THEIRS_ONLY: &[(&str, &str, &str, &str)] = &[
    (
        "IT",
        "",
        "Giorno dell'unità nazionale",
        "celebrated on the first Sunday of November (law 54/1977): not a day off",
    ),
    (
        "ES",
        "*",
        "Lunes siguiente",
        "a Monday a community took for a holiday falling on Sunday: set each year by decree",
    ),
    (
        "ES",
        "PV",
        "San José",
        "chosen by the Basque Country's yearly decree, not every year",
    ),
    (
        "ES",
        "PV",
        "Santiago Apóstol",
        "chosen by the Basque Country's yearly decree (not in 2026)",
    ),
    (
        "ES",
        "NC",
        "Santiago Apóstol",
        "chosen by Navarre's yearly decree, one year only",
    ),
    (
        "ES",
        "NC",
        "San José",
        "chosen by Navarre's yearly decree, one year only",
    ),
];

/// Why we list a day python-holidays does not, or None when we should not.
fn ours_only_reason(country: &str, region: &str, date: NaiveDate) -> Option<&'static str> {
    match (country, region) {
        // Spain's holidays stay holidays when they fall on a Sunday (Workers' Statute); the
        // yearly decree may move them to the Monday, which python-holidays then lists instead.
        ("ES", _) if date.weekday() == Weekday::Sun => {
            Some("a Spanish holiday on a Sunday, moved or dropped by that year's decree")
        }
        // The communities' days are public-service and school holidays of the community, which
        // python-holidays keeps out of its public list; at the border they close offices.
        ("BE", "VG") if (date.month(), date.day()) == (7, 11) => Some("Flemish Community day"),
        ("BE", "CF") if (date.month(), date.day()) == (9, 27) => Some("French Community day"),
        ("BE", "DG") if (date.month(), date.day()) == (11, 15) => {
            Some("German-speaking Community day")
        }
        _ => None,
    }
}

fn fixture(name: &str) -> Vec<(NaiveDate, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/holidays")
        .join(format!("{name}.csv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .skip(1)
        .map(|line| {
            let (date, name) = line.split_once(',').unwrap();
            (date.parse().unwrap(), name.trim_matches('"').to_string())
        })
        .collect()
}

fn excused_theirs(country: &str, region: &str, name: &str) -> bool {
    THEIRS_ONLY.iter().any(|(c, r, words, _)| {
        *c == country && (*r == "*" || *r == region) && name.contains(words)
    })
}

fn compare(country: &str, region: Option<&str>) -> Vec<String> {
    let region_code = region.unwrap_or("");
    let name = match region {
        Some(region) => format!("{country}-{region}"),
        None => country.to_string(),
    };
    let theirs = fixture(&name);
    let mut problems = Vec::new();
    for year in YEARS {
        let ours: BTreeSet<NaiveDate> = holidays(country, region, year)
            .unwrap()
            .into_iter()
            .map(|holiday| holiday.date)
            .collect();
        let theirs_year: Vec<&(NaiveDate, String)> = theirs
            .iter()
            .filter(|(date, _)| date.year() == year)
            .collect();
        for (date, label) in &theirs_year {
            if !ours.contains(date) && !excused_theirs(country, region_code, label) {
                problems.push(format!("{name}: missing {date} « {label} »"));
            }
        }
        let theirs_dates: BTreeSet<NaiveDate> = theirs_year.iter().map(|(date, _)| *date).collect();
        for date in ours.difference(&theirs_dates) {
            if ours_only_reason(country, region_code, *date).is_none() {
                problems.push(format!("{name}: extra {date}"));
            }
        }
    }
    problems
}

#[test]
fn every_country_and_region_matches_the_official_lists() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for country in COUNTRIES {
        problems.extend(compare(country, None));
        compared += 1;
        for region in regions(country).unwrap() {
            problems.extend(compare(country, Some(region)));
            compared += 1;
        }
    }
    // Moselle (57) is an alias of Alsace's rules; python-holidays has it apart.
    problems.extend(compare("FR", Some("57")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(compared, 49, "one fixture per country and region");
}

#[test]
fn the_exceptions_are_still_needed() {
    // An exception python-holidays no longer needs would hide a future regression.
    for (country, region, words, _) in THEIRS_ONLY {
        let names: Vec<String> = if *region == "*" {
            regions(country)
                .unwrap()
                .iter()
                .map(|r| format!("{country}-{r}"))
                .collect()
        } else {
            vec![format!(
                "{country}{}",
                if region.is_empty() {
                    String::new()
                } else {
                    format!("-{region}")
                }
            )]
        };
        let used = names
            .iter()
            .any(|name| fixture(name).iter().any(|(_, label)| label.contains(words)));
        assert!(
            used,
            "exception {country} {region} « {words} » matches nothing"
        );
    }
}

#[test]
fn swiss_national_days_are_those_every_canton_keeps() {
    let federal = holidays("CH", None, 2027).unwrap();
    let names: Vec<&str> = federal.iter().map(|h| h.name_fr.as_str()).collect();
    assert_eq!(
        names,
        ["Jour de l'an", "Ascension", "Fête nationale", "Noël"]
    );
    let geneva = holidays("ch", Some("ge"), 2027).unwrap();
    let fast = geneva
        .iter()
        .find(|h| h.name_fr == "Jeûne genevois")
        .unwrap();
    assert_eq!(fast.date, NaiveDate::from_ymd_opt(2027, 9, 9).unwrap());
    assert_eq!(fast.region.as_deref(), Some("GE"));
}
