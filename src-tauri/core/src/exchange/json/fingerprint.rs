//! Fingerprints: a short hash of a record's content, with links to reference records written
//! by key so that the ids those records had under older releases (random on each laptop) do
//! not change it. The database keeps, per record, the
//! fingerprint it had when last exchanged (its base), to tell on the next import which side
//! changed it.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::kinds::Kind;
use super::links::IdMaps;
use super::shapes::Lists;
use crate::store::snapshot::Base;

/// The content as fingerprinted and compared: links to reference records by key.
pub(super) fn canonical<K: Kind>(content: &K::Content, keys: &IdMaps) -> K::Content {
    let mut content = content.clone();
    K::map_ids(&mut content, keys);
    content
}

fn fingerprint<C: Serialize>(content: &C) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Serialising our own plain structs cannot fail; an empty hash input would only make the
    // record look changed, never lose data.
    let bytes = serde_json::to_vec(content).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let mut text = String::with_capacity(32);
    for byte in &digest[..16] {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 15)]));
    }
    text
}

/// The fingerprint of a record's content, with links to reference records by key.
pub(super) fn fingerprint_of<K: Kind>(content: &K::Content, keys: &IdMaps) -> String {
    if K::REFERENCE_LINKS {
        fingerprint(&canonical::<K>(content, keys))
    } else {
        fingerprint(content)
    }
}

/// The base of every record of one kind in `lists`, as it is now.
pub(super) fn bases_of<K: Kind>(lists: &Lists, keys: &IdMaps, bases: &mut Vec<Base>) {
    for record in K::list(lists) {
        bases.push(Base {
            table: K::TABLE,
            id: record.id.clone(),
            fingerprint: fingerprint_of::<K>(&record.content, keys),
        });
    }
}
