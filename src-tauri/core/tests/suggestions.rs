//! Speaker suggestions on a real database: the expert who shares the event's themes and
//! territory and speaks the session's language comes first, and each says why.

mod common;

use common::{event, expert, seeded_store, theme_id};
use passerelle_core::model::LanguageSkill;

#[test]
fn the_best_fitting_experts_come_first_with_their_reasons() {
    let (_dir, mut store) = seeded_store();
    let health = theme_id(&store, "Santé");
    let culture = theme_id(&store, "Culture");
    let territory = store.list_territories().unwrap()[0].clone();

    let mut input = event("SUGG-2027", "2027-05-10", "2027-05-11");
    input.theme_ids = vec![health.clone(), culture.clone()];
    input.territory_id = Some(territory.meta.id.clone());
    let ev = store.create_event(&input).unwrap();

    let mut best = expert("Anna", "Keller");
    best.theme_ids = vec![health.clone(), culture.clone()];
    best.territory_ids = vec![territory.meta.id.clone()];
    best.languages.push(LanguageSkill {
        language: "de".into(),
        level: "C1".into(),
    });
    store.create_expert(&best).unwrap();
    let mut speaks = expert("Luc", "Martin");
    speaks.languages.push(LanguageSkill {
        language: "de".into(),
        level: "B2".into(),
    });
    store.create_expert(&speaks).unwrap();
    let mut one_theme = expert("Zoé", "Arnaud");
    one_theme.theme_ids = vec![culture.clone()];
    store.create_expert(&one_theme).unwrap();
    store.create_expert(&expert("Paul", "Sansrapport")).unwrap();

    let suggestions = store.suggest_speakers(&ev.meta.id, "de", "", 10).unwrap();
    let names: Vec<&str> = suggestions
        .iter()
        .map(|s| s.expert.last_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Keller", "Arnaud", "Martin"],
        "no reason, no suggestion"
    );
    let keller = &suggestions[0];
    assert_eq!(keller.score, 2 * 2 + 2 + 1);
    assert_eq!(keller.reasons.len(), 3, "{:?}", keller.reasons);
    assert!(
        keller.reasons[0].starts_with("2 thématiques en commun : Culture"),
        "{:?}",
        keller.reasons
    );
    assert!(
        keller.reasons[1].contains(&territory.data.name),
        "{:?}",
        keller.reasons
    );
    assert_eq!(
        keller.reasons[2],
        "parle allemand (C1), la langue de la séquence"
    );
    assert_eq!(suggestions[1].reasons, ["thématique en commun : Culture"]);

    // What the user types narrows the list, still in order of fit, and finds people with no
    // reason too.
    let typed = store
        .suggest_speakers(&ev.meta.id, "de", "sansrap", 10)
        .unwrap();
    assert_eq!(typed.len(), 1);
    assert_eq!(typed[0].expert.last_name, "Sansrapport");
    assert!(typed[0].reasons.is_empty());
    let typed = store.suggest_speakers(&ev.meta.id, "", "a", 10).unwrap();
    assert_eq!(
        typed[0].expert.last_name, "Keller",
        "fit first among the matches"
    );

    // A session in another language changes who fits.
    let in_italian = store.suggest_speakers(&ev.meta.id, "it", "", 10).unwrap();
    assert!(in_italian.iter().all(|s| s.expert.last_name != "Martin"));
    // FTS syntax typed by the user is harmless.
    assert!(store
        .suggest_speakers(&ev.meta.id, "de", "\"*) OR (", 10)
        .is_ok());
}
