//! The real app under Xvfb, audited with axe-core against WCAG 2.1 A and AA on every screen a
//! user reaches, each with data in it: the example study visit and its speakers, an expert with
//! languages, a profession with a competence and its observations. One app start for the whole
//! walk, to keep the suite's time low; each screen's audit names the screen when it fails.

use std::path::Path;

use passerelle_core::model::{
    CompetenceInput, ExpertInput, LanguageSkill, ObservationInput, ProfessionInput,
};
use passerelle_core::Store;
use passerelle_e2e::Session;

fn seed(db: &Path) {
    let mut store = Store::open_with_reference(db).expect("seed database");
    passerelle_core::demo::add_demo(&mut store).expect("example study visit");
    store
        .create_expert(&ExpertInput {
            first_name: "Anna".into(),
            last_name: "Keller".into(),
            job_title: "Cheffe de projet Interreg".into(),
            country: "DE".into(),
            email: "anna.keller@example.org".into(),
            languages: vec![
                LanguageSkill {
                    language: "de".into(),
                    level: "native".into(),
                },
                LanguageSkill {
                    language: "fr".into(),
                    level: "C1".into(),
                },
            ],
            ..Default::default()
        })
        .expect("expert Keller");
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
    store
        .add_observation(
            &with_competence.competences[0].meta.id,
            &ObservationInput {
                year: 2026,
                trend: "growing".into(),
                level: "maîtrise".into(),
                source: "Observatoire de l'emploi territorial".into(),
                ..Default::default()
            },
        )
        .expect("observation");
}

/// Clicks the link in the first row `row_testid` whose text contains `needle`.
async fn open_row(session: &Session, row_testid: &str, needle: &str) {
    session.click_in_row(row_testid, needle, "a").await;
}

/// Audits the screen on display, keeping what it finds for the end of the walk: one run then
/// reports every screen, not only the first that fails.
async fn audit(session: &Session, findings: &mut Vec<String>, page: &str) {
    if let Err(found) = session.audit_findings(page).await {
        findings.push(found);
    }
}

/// Experts: the list, an expert's page, saved (a toast), its delete confirmation, the new
/// form with its errors.
async fn experts(session: &Session, findings: &mut Vec<String>) {
    session.click("nav-experts").await;
    session
        .wait_for_text("[data-testid=\"experts-table\"]", "Keller")
        .await;
    audit(session, findings, "experts").await;
    open_row(session, "expert-row", "Keller").await;
    session.testid("expert-form").await;
    session.settled("[data-testid=\"expert-save\"]").await;
    audit(session, findings, "expert").await;
    session.click("expert-save").await;
    session.testid("toast-success").await;
    audit(session, findings, "expert-saved-toast").await;
    session.click("expert-delete").await;
    session.testid("confirm-yes").await;
    audit(session, findings, "confirm-dialog").await;
    session.click("confirm-no").await;
    session.wait_until_gone("dialog[open]").await;

    session.click("nav-experts").await;
    session.click("expert-new").await;
    session.settled("[data-testid=\"expert-save\"]").await;
    session.click("expert-save").await;
    session.css("[aria-invalid=\"true\"]").await;
    audit(session, findings, "expert-new-with-errors").await;
}

/// Events: the list, the example's page with its agenda, the session form, the event form.
async fn events(session: &Session, findings: &mut Vec<String>) {
    session.click("nav-evenements").await;
    session.wait_for_text("main", "Eurodistrict").await;
    audit(session, findings, "events").await;
    open_row(session, "event-row", "Eurodistrict").await;
    session.testid("agenda").await;
    session.settled("[data-testid=\"session-new\"]").await;
    audit(session, findings, "event").await;
    session.click("session-new").await;
    session.testid("session-form").await;
    session.settled("[data-testid=\"session-save\"]").await;
    audit(session, findings, "session-form").await;
    session.click("session-cancel").await;
    session.click("event-edit").await;
    session.settled("[data-testid=\"event-save\"]").await;
    audit(session, findings, "event-form").await;
}

/// Professions: the list, a profession with its competence, the competence form.
async fn professions_and_organisations(session: &Session, findings: &mut Vec<String>) {
    session.click("nav-metiers").await;
    session
        .wait_for_text("[data-testid=\"professions-table\"]", "coopération")
        .await;
    audit(session, findings, "professions").await;
    open_row(session, "profession-row", "coopération").await;
    session
        .wait_for_text("[data-testid=\"competences\"]", "Montage")
        .await;
    audit(session, findings, "profession").await;
    session.click("competence-new").await;
    session.settled("[data-testid=\"competence-save\"]").await;
    audit(session, findings, "competence-form").await;

    // Organisations: the list and the new organisation's form with its errors.
    session.click("nav-structures").await;
    session
        .wait_for_text("[data-testid=\"organisations-table\"]", "Mission")
        .await;
    audit(session, findings, "organisations").await;
    session.click("organisation-new").await;
    session.settled("[data-testid=\"organisation-save\"]").await;
    session.click("organisation-save").await;
    session.css("[aria-invalid=\"true\"]").await;
    audit(session, findings, "organisation-new-with-errors").await;
}

/// Reference lists (each tab), « Échanges », and the global search with its results open.
async fn reference_exchange_and_search(session: &Session, findings: &mut Vec<String>) {
    session.click("nav-referentiels").await;
    for tab in ["territoires", "themes", "familles", "interreg"] {
        session.click(&format!("reference-tab-{tab}")).await;
        session
            .css(&format!(
                "[data-testid=\"reference-tab-{tab}\"][aria-current=\"page\"]"
            ))
            .await;
        session.settled("main h1").await;
        audit(session, findings, &format!("reference-{tab}")).await;
    }

    session.click("nav-exchange").await;
    session.testid("exchange-backup").await;
    session.settled("main h1").await;
    audit(session, findings, "exchange").await;

    // The global search with its results open.
    session.type_into("global-search", "keller").await;
    session.testid("global-search-hit").await;
    audit(session, findings, "global-search").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_an_automated_wcag_2_1_aa_audit() {
    let session = Session::start_seeded(4560, seed).await;
    let mut findings = Vec::new();
    session.client.set_window_size(1280, 800).await.ok();

    session.click("nav-accueil").await;
    session.wait_for_text("main", "événement").await;
    audit(&session, &mut findings, "home").await;
    experts(&session, &mut findings).await;
    events(&session, &mut findings).await;
    professions_and_organisations(&session, &mut findings).await;
    reference_exchange_and_search(&session, &mut findings).await;

    session.stop().await;
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}
