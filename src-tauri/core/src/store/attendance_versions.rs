//! A participant whose attendance changes is a new version of that participant: the JSON
//! exchange carries the attendance inside the participant, and takes a colleague's change only
//! from a higher version (an equal one would be a conflict).

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Transaction};

use super::{now, MAX_RECORD_VERSION};
use crate::error::CoreResult;
use crate::model::AttendanceEntry;

type Marks = HashMap<String, BTreeSet<(String, String, String)>>;

/// Every attendance mark of the event's participants, by participant.
pub(super) fn marks_of_event(tx: &Transaction, event_id: &str) -> CoreResult<Marks> {
    let mut statement = tx.prepare_cached(
        "SELECT a.participant_id, a.date, a.part, a.mark FROM attendance a
         JOIN participants p ON p.id = a.participant_id WHERE p.event_id = ?1",
    )?;
    let mut rows = statement.query([event_id])?;
    let mut marks = Marks::new();
    while let Some(row) = rows.next()? {
        marks
            .entry(row.get(0)?)
            .or_default()
            .insert((row.get(1)?, row.get(2)?, row.get(3)?));
    }
    Ok(marks)
}

/// Raises the version of each participant whose marks differ between `before` and `entries`.
pub(super) fn bump_changed(
    tx: &Transaction,
    mut before: Marks,
    entries: &[AttendanceEntry],
) -> CoreResult<()> {
    let mut after = Marks::new();
    for e in entries {
        after.entry(e.participant_id.clone()).or_default().insert((
            e.date.clone(),
            e.part.clone(),
            e.mark.clone(),
        ));
    }
    let mut changed: BTreeSet<String> = BTreeSet::new();
    for (id, marks) in &after {
        if before.remove(id).as_ref() != Some(marks) {
            changed.insert(id.clone());
        }
    }
    changed.extend(before.into_keys());
    let mut bump = tx.prepare_cached(
        "UPDATE participants SET version = min(version + 1, ?3), updated_at = ?2 WHERE id = ?1",
    )?;
    let now = now();
    for id in changed {
        bump.execute(params![id, now, MAX_RECORD_VERSION])?;
    }
    Ok(())
}
