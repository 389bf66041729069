use chrono::NaiveDate;

use super::labels;
use crate::documents::typography::NBSP;
use crate::model::PartnerLanguage::{self, *};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn range(language: PartnerLanguage, start: NaiveDate, end: NaiveDate) -> String {
    labels(language).date_range(start, end)
}

#[test]
fn dates_in_words_follow_each_language() {
    let (tue, thu) = (d(2027, 3, 16), d(2027, 3, 18));
    assert_eq!(labels(German).long_date(tue), "Dienstag, 16. März 2027");
    assert_eq!(
        range(German, tue, thu),
        "Dienstag, 16. bis Donnerstag, 18. März 2027"
    );
    assert_eq!(
        range(Italian, tue, thu),
        "da martedì 16 a giovedì 18 marzo 2027"
    );
    assert_eq!(
        range(Spanish, tue, thu),
        "del martes 16 al jueves 18 de marzo de 2027"
    );
    assert_eq!(
        range(Catalan, tue, thu),
        "del dimarts 16 al dijous 18 de març de 2027"
    );
    assert_eq!(
        range(Dutch, tue, thu),
        "van dinsdag 16 tot en met donderdag 18 maart 2027"
    );
    assert_eq!(
        range(English, tue, thu),
        "from Tuesday 16 to Thursday 18 March 2027"
    );
    assert_eq!(
        labels(Catalan).long_date(d(2027, 4, 6)),
        "dimarts 6 d'abril de 2027"
    );
    assert_eq!(
        labels(Italian).long_date(d(2027, 4, 1)),
        "giovedì 1º aprile 2027"
    );
    assert_eq!(
        range(German, d(2027, 3, 30), d(2027, 4, 1)),
        "Dienstag, 30. März bis Donnerstag, 1. April 2027"
    );
    assert_eq!(
        range(Spanish, d(2027, 12, 30), d(2028, 1, 1)),
        "del jueves 30 de diciembre de 2027 al sábado 1 de enero de 2028"
    );
    assert_eq!(labels(Spanish).short_date(tue), "16 de marzo de 2027");
    assert_eq!(
        labels(German).long_date(tue),
        labels(Luxembourgish).long_date(tue)
    );
}

#[test]
fn durations_and_days() {
    let plain = |s: String| s.replace(NBSP, " ");
    assert_eq!(
        plain(labels(German).duration(18 * 60 + 30)),
        "18 Std. 30 Min."
    );
    assert_eq!(plain(labels(German).days(3)), "3 Tage");
    assert_eq!(plain(labels(Italian).days(1)), "1 giorno");
    assert_eq!(plain(labels(Dutch).duration(6 * 60)), "6 uur");
    assert_eq!(plain(labels(English).duration(45)), "45 min");
}
