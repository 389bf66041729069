//! The real app under Xvfb, on a profession: its competences with their observations, and the
//! view of trends by year.

use std::path::Path;

use passerelle_core::model::{CompetenceInput, ObservationInput, ProfessionInput};
use passerelle_core::Store;
use passerelle_e2e::Session;

fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    let profession = store
        .create_profession(&ProfessionInput {
            title: "Chargé de coopération transfrontalière".into(),
            description: "Anime les partenariats de part et d'autre de la frontière.".into(),
            ..Default::default()
        })
        .expect("profession");
    let with_competence = store
        .add_competence(
            &profession.meta.id,
            &CompetenceInput {
                label: "Montage de projets Interreg".into(),
                ..Default::default()
            },
        )
        .expect("competence");
    let competence = &with_competence.competences[0].meta.id;
    for (year, trend) in [(2024, "stable"), (2026, "growing")] {
        store
            .add_observation(
                competence,
                &ObservationInput {
                    year,
                    trend: trend.into(),
                    level: "maîtrise".into(),
                    source: "Observatoire de l'emploi territorial".into(),
                    ..Default::default()
                },
            )
            .expect("observation");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profession_shows_its_competences_and_their_trends_by_year() {
    let session = Session::start_seeded(4540, seed).await;
    session.client.set_window_size(1024, 768).await.ok();

    session.click("nav-metiers").await;
    session.type_into("professions-search", "cooperation").await;
    session
        .wait_for_text(
            "[data-testid=\"professions-table\"]",
            "Chargé de coopération transfrontalière",
        )
        .await;
    session
        .click_in_row("profession-row", "coopération transfrontalière", "a")
        .await;
    let trends = session
        .wait_for_text(
            "[data-testid=\"trends-by-year\"]",
            "Montage de projets Interreg",
        )
        .await;
    for expected in ["2024", "2026", "stable", "en hausse"] {
        assert!(
            trends.contains(expected),
            "{expected} missing from {trends}"
        );
    }
    let observations = session
        .wait_for_text("[data-testid=\"observations-table\"]", "2026")
        .await;
    assert!(
        observations.contains("Observatoire de l'emploi territorial"),
        "{observations}"
    );
    session.scroll_to("competences").await;
    session.settled("[data-testid=\"competences\"]").await;
    session.screenshot("16-metier-evolutions").await;

    session.stop().await;
}
