//! Work done once when the core is built rather than at every start of the application or of
//! `passerelle-cli` (a command line's whole run is a few tens of milliseconds):
//!
//! - the shipped fonts are trimmed (`src/documents/sfnt.rs`, shared with the library's tests)
//!   and written to `OUT_DIR`, where `documents::fonts` includes them;
//! - the reference data is fingerprinted (SHA-256 of the CSV files), so that a database that
//!   already holds this release's reference data is not loaded again
//!   (`Store::open_with_reference`).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

#[path = "src/documents/sfnt.rs"]
#[allow(dead_code)]
mod sfnt;

const FONTS: [&str; 4] = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
];

/// In the order `reference.rs` reads them; the fingerprint covers each name and content.
const REFERENCE_FILES: [&str; 6] = [
    "organisations.csv",
    "territories.csv",
    "themes.csv",
    "profession_families.csv",
    "professions.csv",
    "interreg_programmes.csv",
];

fn read(path: &Path) -> Vec<u8> {
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/documents/sfnt.rs");

    for name in FONTS {
        let shipped = read(&root.join("fonts").join(name));
        // A font this code cannot rewrite is embedded as shipped, as before trimming existed.
        let trimmed = sfnt::with_short_names(&shipped).unwrap_or(shipped);
        std::fs::write(out.join(name), trimmed).expect("trimmed font written");
    }

    let mut hash = Sha256::new();
    for name in REFERENCE_FILES {
        let text = read(&root.join("reference").join(name));
        hash.update(name.as_bytes());
        hash.update((text.len() as u64).to_le_bytes());
        hash.update(&text);
    }
    let hex: String = hash
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    std::fs::write(out.join("reference.sha256"), hex).expect("fingerprint written");
}
