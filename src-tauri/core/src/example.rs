//! The whole opt-in example (`passerelle demo`, « Ajouter l'exemple »): the study visit of
//! [`crate::store::demo`], then the library's part — a labelled resource linked to the
//! visit, a legal note that cites it, and the note's own printed PDF attached to the resource,
//! so that a new user sees a file found by a word inside it.
//!
//! It lives above `store` and `printing` because it uses both: the attached PDF is printed
//! by Passerelle itself, so the example ships no binary file.

use crate::error::CoreResult;
use crate::model::{LegalBasis, LegalNoteInput, ResourceAuthor, ResourceInput};
use crate::printing::legal_note_pdf;
use crate::store::demo::add_demo;
use crate::store::Store;

/// The example resource's title: the library's part is added once, found by it.
pub const EXAMPLE_RESOURCE_TITLE: &str =
    "[Exemple] Guide de la mise à disposition d'agents territoriaux dans un GECT";

/// The name of the PDF attached to the example resource.
pub const EXAMPLE_FILE_NAME: &str = "exemple-fiche-juridique-gect.pdf";

/// Adds the example study visit and the library's example, each unless already there (a
/// database with the visit from an earlier release gains the library's part). Returns the
/// event's id.
pub fn add_example(store: &mut Store) -> CoreResult<String> {
    let event_id = add_demo(store)?;
    let present = store
        .all_resources()?
        .iter()
        .any(|r| r.data.title == EXAMPLE_RESOURCE_TITLE);
    if !present {
        add_library_example(store, &event_id)?;
    }
    Ok(event_id)
}

fn add_library_example(store: &mut Store, event_id: &str) -> CoreResult<()> {
    let publisher = store
        .list_organisations()?
        .into_iter()
        .find(|o| o.data.acronym == "MOT")
        .map(|o| ResourceAuthor {
            expert_id: None,
            organisation_id: Some(o.meta.id),
            role: "publisher".into(),
        });
    let resource = store.create_resource(&ResourceInput {
        title: EXAMPLE_RESOURCE_TITLE.into(),
        kind: "guide".into(),
        summary: "Ressource fictive (exemple). Les étapes d'une mise à disposition d'agents \
                  territoriaux auprès d'un groupement européen de coopération territoriale : \
                  convention, remboursement, suivi de carrière."
            .into(),
        authors: publisher.into_iter().collect(),
        publication_date: "2026-09".into(),
        languages: vec!["fr".into()],
        event_ids: vec![event_id.to_string()],
        audience: "Services des ressources humaines des collectivités frontalières".into(),
        status: "published".into(),
        rights: "Usage interne".into(),
        notes: "Exemple ajouté par Passerelle : supprimez-le quand vous n'en avez plus besoin."
            .into(),
        ..ResourceInput::default()
    })?;
    let note = store.create_legal_note(&example_note(&resource.meta.id))?;
    let pdf = legal_note_pdf(store, &note.meta.id)?;
    store.attach_file(&resource.meta.id, EXAMPLE_FILE_NAME, &pdf)?;
    Ok(())
}

fn example_note(resource_id: &str) -> LegalNoteInput {
    LegalNoteInput {
        question: "[Exemple] Un agent territorial peut-il être mis à disposition d'un GECT ?"
            .into(),
        short_answer: "Fiche fictive (exemple). Oui, dans le cadre d'une convention de mise à \
                       disposition passée entre la collectivité d'origine et le groupement."
            .into(),
        full_answer: "Fiche fictive (exemple), à vérifier avant tout usage. La mise à \
                      disposition place l'agent auprès d'un autre organisme tout en le \
                      maintenant dans son cadre d'emplois : il continue de percevoir sa \
                      rémunération de la collectivité d'origine. Une convention règle la \
                      nature des fonctions, les conditions d'emploi, le contrôle et \
                      l'évaluation des activités, ainsi que le remboursement de la \
                      rémunération par l'organisme d'accueil. Pour un groupement européen de \
                      coopération territoriale dont le siège est à l'étranger, la convention \
                      précise en outre le droit applicable aux conditions de travail."
            .into(),
        bases: vec![
            LegalBasis {
                kind: "code_article".into(),
                identifier: "Code général de la fonction publique".into(),
                article: "L. 512-6 à L. 512-15".into(),
                ..LegalBasis::default()
            },
            LegalBasis {
                kind: "eu_regulation".into(),
                identifier: "Règlement (CE) n° 1082/2006 relatif à un groupement européen de \
                             coopération territoriale"
                    .into(),
                date: "2006-07-05".into(),
                url: "https://eur-lex.europa.eu/eli/reg/2006/1082/oj".into(),
                ..LegalBasis::default()
            },
        ],
        countries: vec!["FR".into(), "DE".into()],
        up_to_date: "2026-09-01".into(),
        review_date: "2027-09-01".into(),
        author: "Service juridique (exemple)".into(),
        resource_ids: vec![resource_id.to_string()],
        ..LegalNoteInput::default()
    }
}
