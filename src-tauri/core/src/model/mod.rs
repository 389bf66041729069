//! The domain types: what Passerelle keeps about organisations, territories, themes,
//! professions, experts, events and their sessions, one file per family of entities
//! ([`reference`], [`professions`], [`experts`], [`events`]); the types every family shares
//! (record identity, coded values, pages of results) are here.
//!
//! Every stored record carries a stable UUID, its creation and update times and a `version`
//! that grows by one at each edit; an edit names the version it was based on so that a stale
//! edit can be refused instead of silently overwriting a colleague's change (optimistic
//! concurrency). Inputs (`*Input`) are what a form or an import sends; validation lives in
//! [`crate::validation`]. Everything that crosses to JavaScript is camelCase.

use serde::{Deserialize, Serialize};

/// Identity and bookkeeping shared by every stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordMeta {
    pub id: String,
    /// RFC 3339 UTC timestamps.
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

/// Declares a string-backed enumeration with its stored code and French label, so that the
/// database, the JSON sent to the interface and the printed documents agree on one spelling.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in the order the interface offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and exchanged in files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stored code; `None` for an unknown one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

mod competences_report;
mod events;
mod experts;
mod library;
mod logistics;
mod participants;
mod professions;
mod reference;
mod requests;
mod versions;

pub use competences_report::*;
pub use events::*;
pub use experts::*;
pub use library::*;
pub use logistics::*;
pub use participants::*;
pub use professions::*;
pub use reference::*;
pub use requests::*;
pub use versions::*;

/// A page of results with the total count matching the filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// One hit of the global search box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// "expert", "event", "profession", "resource" or "legalNote".
    pub entity: String,
    pub id: String,
    pub title: String,
    pub detail: String,
}

/// Counts shown on the home view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub organisations: i64,
    pub territories: i64,
    pub themes: i64,
    pub professions: i64,
    pub experts: i64,
    pub events: i64,
    pub sessions: i64,
    pub interreg_programmes: i64,
}
