#!/usr/bin/env python3
"""Writes the public-holiday fixtures the core's tests compare with (tests/holidays.rs).

Oracle: the `holidays` package (python-holidays, compiled from official sources):
    pip install holidays && python3 scripts/holidays-fixture.py
Writes src-tauri/core/tests/fixtures/holidays/<country>[-<region>].csv (date,name) for
2025-2030. CI does not run this: the CSV files are committed.
"""
import csv
import datetime
import pathlib

import holidays

YEARS = range(2025, 2031)
OUT = pathlib.Path(__file__).resolve().parent.parent / "src-tauri/core/tests/fixtures/holidays"
LANGUAGES = {"FR": "fr", "DE": "de", "BE": "fr", "LU": "fr", "CH": "fr", "IT": "it_IT",
             "ES": "es", "AD": "ca", "MC": "fr_MC"}
# Our region code -> python-holidays' subdivision name.
REGIONS = {
    "FR": {"6AE": "6AE", "57": "57"},
    "DE": {code: code for code in "BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH".split()},
    "BE": {"VG": "Flemish", "CF": "French", "DG": "German"},
    "CH": {code: code for code in "GE VD VS NE JU BS BL SO BE AG SH ZH TG SG TI GR".split()},
    "ES": {code: code for code in "CT PV NC AR".split()},
}


def write(name, days):
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as file:
        out = csv.writer(file, lineterminator="\n")
        out.writerow(["date", "name"])
        for day, label in sorted(days.items()):
            out.writerow([day.isoformat(), label])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for country, language in LANGUAGES.items():
        write(country, holidays.country_holidays(country, years=YEARS, language=language))
        for ours, theirs in REGIONS.get(country, {}).items():
            days = holidays.country_holidays(country, subdiv=theirs, years=YEARS, language=language)
            write(f"{country}-{ours}", days)
    print(f"holidays {holidays.__version__}: note the version and the date in the README of {OUT}")


if __name__ == "__main__":
    main()
