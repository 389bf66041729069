//! From the database to the file: the store's records as the file's lists, their bases as
//! they go out, and the deterministic bytes (keys in a fixed order, pretty-printed, a final
//! newline, no export time). The import reads the local database through the same lists.

use super::fingerprint::bases_of;
use super::kinds::*;
use super::links::key_maps;
use super::shapes::{ExchangeFile, FamilyRecord, Lists, ProgrammeRecord};
use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::error::{CoreError, CoreResult};
use crate::store::snapshot::{Base, Snapshot};

/// The database's records as the file's lists (each sorted by id, as the snapshot is).
pub(super) fn lists_from_snapshot(snapshot: Snapshot) -> Lists {
    let Snapshot {
        organisations,
        territories,
        themes,
        profession_families,
        interreg_programmes,
        professions,
        competences,
        observations,
        experts,
        training_requests,
        events,
        sessions,
        participants,
        resources,
        legal_notes,
    } = snapshot;
    Lists {
        organisations: organisations
            .into_iter()
            .map(Organisations::from_model)
            .collect(),
        territories: territories
            .into_iter()
            .map(Territories::from_model)
            .collect(),
        themes: themes.into_iter().map(Themes::from_model).collect(),
        profession_families: profession_families
            .into_iter()
            .map(|f| FamilyRecord {
                id: f.id,
                reference_key: f.reference_key,
                label: f.label,
                level: f.level,
            })
            .collect(),
        interreg_programmes: interreg_programmes
            .into_iter()
            .map(|p| ProgrammeRecord {
                id: p.id,
                reference_key: p.reference_key,
                name: p.name,
                period: p.period,
                kind: p.kind,
                french_perimeter: p.french_perimeter,
                notes: p.notes,
            })
            .collect(),
        professions: professions
            .into_iter()
            .map(Professions::from_model)
            .collect(),
        competences: competences
            .into_iter()
            .map(Competences::from_model)
            .collect(),
        competence_observations: observations
            .into_iter()
            .map(Observations::from_model)
            .collect(),
        experts: experts.into_iter().map(Experts::from_model).collect(),
        training_requests: training_requests
            .into_iter()
            .map(Requests::from_model)
            .collect(),
        events: events.into_iter().map(Events::from_model).collect(),
        sessions: sessions.into_iter().map(Sessions::from_model).collect(),
        participants: participants
            .into_iter()
            .map(Participants::from_model)
            .collect(),
        resources: resources.into_iter().map(Resources::from_model).collect(),
        legal_notes: legal_notes
            .into_iter()
            .map(LegalNotes::from_model)
            .collect(),
        // Read apart, with the bytes (`files::export_pool`).
        files: Vec::new(),
        // Read apart, from the sync's tables (`sync::exchange_file`).
        revisions: Default::default(),
    }
}

/// The fingerprint of every record of `lists`: the bases an export records.
pub(super) fn bases(lists: &Lists) -> Vec<Base> {
    let keys = key_maps(&[lists]);
    let mut bases = Vec::new();
    macro_rules! collect_bases {
        ($kind:ident) => {
            bases_of::<$kind>(lists, &keys, &mut bases)
        };
    }
    for_each_kind!(collect_bases);
    bases
}

/// The file's bytes: UTF-8 JSON, pretty-printed, with a final newline.
pub(super) fn serialise(lists: &Lists) -> CoreResult<Vec<u8>> {
    let file = ExchangeFile {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        lists,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)
        .map_err(|error| CoreError::Io(std::io::Error::other(error)))?;
    bytes.push(b'\n');
    Ok(bytes)
}
