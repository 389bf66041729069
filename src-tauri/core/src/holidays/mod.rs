//! Public holidays of the countries around France's borders — France, Germany, Belgium,
//! Luxembourg, Switzerland, Italy, Spain, Andorra and Monaco — for any year, with the regional
//! ones that matter at the border (Alsace-Moselle, the German Länder, Swiss cantons, Belgian
//! communities, some Spanish autonomous communities). Pure: dates are computed from rules
//! (fixed days, days counted from Easter by the Gregorian computus, a few weekday rules).
//!
//! Rules are those in force now; a `since` year keeps a recent holiday out of earlier years,
//! but the history before that is not modelled. The tests compare 2025–2030 with the lists of
//! python-holidays (fixtures under `core/tests/fixtures/holidays`), exceptions documented there.

mod swiss;
mod tables;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use crate::error::{CoreError, CoreResult};
use tables::{country_table, Region};

/// A public holiday: its date, its name in French and in the country's (or region's) language,
/// and the region code when it is kept only in a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_fr: String,
    pub name_local: String,
    pub region: Option<String>,
}

/// When a holiday falls in a year.
#[derive(Debug, Clone, Copy)]
pub(crate) enum When {
    /// Month and day.
    Fixed(u32, u32),
    /// Days after Easter Sunday (negative: before).
    Easter(i64),
    /// The given weekday on or after month/day (e.g. Thursday after the first Sunday of
    /// September is the Thursday on or after 4 September).
    WeekdayFrom(Weekday, u32, u32),
    /// A single year's holiday (an anniversary voted for that year only).
    Once(i32, u32, u32),
}

/// One holiday rule of a country or region.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub when: When,
    pub fr: &'static str,
    pub local: &'static str,
    /// The first year it is kept.
    pub since: i32,
}

pub(crate) const fn rule(when: When, fr: &'static str, local: &'static str) -> Rule {
    Rule {
        when,
        fr,
        local,
        since: i32::MIN,
    }
}

pub(crate) const fn rule_since(
    since: i32,
    when: When,
    fr: &'static str,
    local: &'static str,
) -> Rule {
    Rule {
        when,
        fr,
        local,
        since,
    }
}

/// The years whose holidays are computed: the Gregorian calendar's, up to four digits (beyond,
/// a date is no longer one a user types, and chrono's range ends).
pub const YEARS: std::ops::RangeInclusive<i32> = 1583..=9999;

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher");
/// `None` outside [`YEARS`].
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

impl When {
    fn date(self, year: i32, easter: NaiveDate) -> Option<NaiveDate> {
        match self {
            When::Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
            When::Easter(offset) => Some(easter + Duration::days(offset)),
            When::WeekdayFrom(weekday, month, day) => {
                let start = NaiveDate::from_ymd_opt(year, month, day)?;
                let ahead = (7 + weekday.num_days_from_monday()
                    - start.weekday().num_days_from_monday())
                    % 7;
                Some(start + Duration::days(ahead.into()))
            }
            When::Once(only, month, day) if only == year => {
                NaiveDate::from_ymd_opt(year, month, day)
            }
            When::Once(..) => None,
        }
    }
}

/// Adds the holidays of `rules` in `year`, a year of [`YEARS`] (checked by [`holidays`]).
fn apply(rules: &[Rule], year: i32, region: Option<&str>, into: &mut Vec<Holiday>) {
    let Some(easter) = easter_sunday(year) else {
        return;
    };
    for rule in rules.iter().filter(|rule| year >= rule.since) {
        if let Some(date) = rule.when.date(year, easter) {
            into.push(Holiday {
                date,
                name_fr: rule.fr.to_string(),
                name_local: rule.local.to_string(),
                region: region.map(str::to_string),
            });
        }
    }
}

/// The countries covered, as ISO 3166-1 alpha-2 codes.
pub const COUNTRIES: [&str; 9] = ["FR", "DE", "BE", "LU", "CH", "IT", "ES", "AD", "MC"];

/// The region codes accepted for a country (empty when only national holidays are covered).
pub fn regions(country: &str) -> CoreResult<Vec<&'static str>> {
    let table = table_of(country)?;
    Ok(table.regions.iter().map(|region| region.code).collect())
}

fn table_of(country: &str) -> CoreResult<tables::CountryTable> {
    let code = country.trim().to_ascii_uppercase();
    country_table(&code).ok_or_else(|| {
        CoreError::field(
            "country",
            format!(
                "Pays inconnu pour les jours fériés : « {} ». Pays pris en charge : {}.",
                country.trim(),
                COUNTRIES.join(", ")
            ),
        )
    })
}

fn region_of<'a>(
    table: &'a tables::CountryTable,
    country: &str,
    region: &str,
) -> CoreResult<&'a Region> {
    let code = region.trim().to_ascii_uppercase();
    table
        .regions
        .iter()
        .find(|candidate| candidate.code == code || candidate.aliases.contains(&code.as_str()))
        .ok_or_else(|| {
            let known: Vec<&str> = table.regions.iter().map(|region| region.code).collect();
            let known = if known.is_empty() {
                "aucune (jours fériés nationaux seulement)".to_string()
            } else {
                known.join(", ")
            };
            CoreError::field(
                "region",
                format!(
                    "Région inconnue pour les jours fériés de {} : « {} ». Régions prises en charge : {known}.",
                    country.trim().to_ascii_uppercase(),
                    region.trim()
                ),
            )
        })
}

/// The public holidays of `country` (ISO 3166-1 alpha-2, any case) in `year`, in date order:
/// the national ones, plus those of `region` when one is given (a German Land, a Swiss canton…:
/// see [`regions`]). An unknown country or region is an error naming it, in French.
pub fn holidays(country: &str, region: Option<&str>, year: i32) -> CoreResult<Vec<Holiday>> {
    if !YEARS.contains(&year) {
        return Err(CoreError::field(
            "year",
            format!(
                "Année hors de la plage prise en charge pour les jours fériés : {year} (de {} à {}).",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    let table = table_of(country)?;
    let mut list = Vec::new();
    apply(table.national, year, None, &mut list);
    if let Some(region) = region.filter(|region| !region.trim().is_empty()) {
        let found = region_of(&table, country, region)?;
        apply(found.rules, year, Some(found.code), &mut list);
    }
    if let Some(carry) = table.sunday_carry_over {
        carry(&mut list);
    }
    // Two rules on one day (e.g. Italy's 1 November) stay two entries: both names are right.
    list.sort_by(|a, b| a.date.cmp(&b.date).then(a.region.cmp(&b.region)));
    Ok(list)
}

/// The national public holiday of `country` on `date`, if any (an unknown country has none).
/// In Switzerland, "national" means the days every canton keeps: 1 January, Ascension, 1 August
/// and Christmas.
pub fn national_holiday_on(country: &str, date: NaiveDate) -> Option<Holiday> {
    holidays(country, None, date.year())
        .ok()?
        .into_iter()
        .find(|holiday| holiday.date == date)
}

/// The French name of a country covered here ("en Allemagne"…), for messages.
pub fn country_in_french(country: &str) -> Option<&'static str> {
    Some(match country.trim().to_ascii_uppercase().as_str() {
        "FR" => "en France",
        "DE" => "en Allemagne",
        "BE" => "en Belgique",
        "LU" => "au Luxembourg",
        "CH" => "en Suisse",
        "IT" => "en Italie",
        "ES" => "en Espagne",
        "AD" => "en Andorre",
        "MC" => "à Monaco",
        _ => return None,
    })
}

/// The agenda's warning for a session on a public holiday: « Le samedi 3 octobre 2026 est un
/// jour férié en Allemagne (Jour de l'Unité allemande – Tag der Deutschen Einheit). »
pub fn holiday_warning(country: &str, holiday: &Holiday) -> String {
    let place = country_in_french(country).unwrap_or("dans un pays du territoire");
    let names = if holiday.name_fr == holiday.name_local {
        holiday.name_fr.clone()
    } else {
        format!("{} – {}", holiday.name_fr, holiday.name_local)
    };
    format!(
        "Le {} est un jour férié {place} ({names}).",
        crate::documents::dates::long_date(holiday.date)
    )
}

/// Monaco: a holiday falling on a Sunday is also kept the next day (as python-holidays and the
/// Principality's yearly lists have it; Sainte-Dévote is not carried over).
pub(crate) fn monaco_carry_over(list: &mut Vec<Holiday>) {
    let carried: Vec<Holiday> = list
        .iter()
        .filter(|holiday| holiday.date.weekday() == Weekday::Sun)
        .filter(|holiday| holiday.date.month() != 1 || holiday.date.day() != 27)
        .map(|holiday| Holiday {
            date: holiday.date + Duration::days(1),
            name_fr: format!("{} (reporté)", holiday.name_fr),
            name_local: format!("{} (reporté)", holiday.name_local),
            region: holiday.region.clone(),
        })
        .collect();
    list.extend(carried);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_out_of_range_is_refused_not_a_panic() {
        for year in [0, 1582, 10_000, 300_000, i32::MAX, i32::MIN] {
            let error = super::holidays("DE", None, year).unwrap_err();
            assert!(
                error.to_string().contains("Année hors de la plage"),
                "{error}"
            );
        }
        assert!(super::holidays("DE", None, 9999).is_ok());
    }

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        for (year, month, day) in [
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(date(year, month, day)), "{year}");
        }
    }

    #[test]
    fn unknown_country_and_region_are_named() {
        let error = holidays("XX", None, 2026).unwrap_err().to_string();
        assert!(error.contains("« XX »"), "{error}");
        let error = holidays("DE", Some("ZZ"), 2026).unwrap_err().to_string();
        assert!(error.contains("« ZZ »") && error.contains("BW"), "{error}");
    }

    #[test]
    fn national_holiday_on_finds_the_day() {
        let unity = national_holiday_on("de", date(2026, 10, 3)).unwrap();
        assert_eq!(unity.name_local, "Tag der Deutschen Einheit");
        assert_eq!(unity.name_fr, "Jour de l'Unité allemande");
        assert!(national_holiday_on("DE", date(2026, 10, 4)).is_none());
        // Swiss national day is federal; Good Friday is cantonal only.
        assert!(national_holiday_on("CH", date(2026, 8, 1)).is_some());
        assert!(national_holiday_on("CH", date(2026, 4, 3)).is_none());
        assert!(national_holiday_on("XX", date(2026, 1, 1)).is_none());
    }

    #[test]
    fn the_warning_names_the_day_the_country_and_the_holiday() {
        let unity = national_holiday_on("DE", date(2026, 10, 3)).unwrap();
        assert_eq!(
            holiday_warning("DE", &unity),
            "Le samedi 3 octobre 2026 est un jour férié en Allemagne (Jour de l'Unité allemande – Tag der Deutschen Einheit)."
        );
        let fete = national_holiday_on("FR", date(2027, 7, 14)).unwrap();
        assert_eq!(
            holiday_warning("FR", &fete),
            "Le mercredi 14 juillet 2027 est un jour férié en France (Fête nationale)."
        );
    }

    #[test]
    fn regions_add_to_the_national_list() {
        let alsace = holidays("FR", Some("67"), 2026).unwrap();
        let good_friday = alsace.iter().find(|h| h.date == date(2026, 4, 3)).unwrap();
        assert_eq!(good_friday.region.as_deref(), Some("6AE"));
        assert_eq!(alsace.len(), 13);
        let sorted = alsace.windows(2).all(|w| w[0].date <= w[1].date);
        assert!(sorted);
    }
}
