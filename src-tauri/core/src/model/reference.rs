//! Reference entities: organisations, territories, themes, profession families and Interreg
//! programmes, most of them loaded from the reference data shipped with the application.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        Mot => ("mot", "MOT"),
        CnfptHeadquarters => ("cnfpt_headquarters", "CNFPT – siège"),
        CnfptDelegation => ("cnfpt_delegation", "CNFPT – délégation régionale"),
        CnfptInset => ("cnfpt_inset", "CNFPT – INSET"),
        CnfptInet => ("cnfpt_inet", "CNFPT – INET"),
        LocalAuthority => ("local_authority", "Collectivité territoriale"),
        CrossBorderStructure => ("cross_border_structure", "Structure transfrontalière"),
        University => ("university", "Université"),
        ForeignPartner => ("foreign_partner", "Partenaire étranger"),
        Other => ("other", "Autre"),
    }
);

coded_enum!(
    /// What kind of area a territory is.
    TerritoryKind {
        LandBorder => ("land_border", "Frontière terrestre"),
        MaritimeBorder => ("maritime_border", "Frontière maritime"),
        CrossBorderArea => ("cross_border_area", "Espace transfrontalier"),
        Other => ("other", "Autre"),
    }
);

/// A body: MOT, CNFPT structures, local authorities, cross-border structures, partners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: OrganisationInput,
    /// Key of the reference row this record came from, if any.
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrganisationInput {
    pub name: String,
    pub acronym: String,
    /// An [`OrganisationKind`] code.
    pub kind: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub city: String,
    pub address: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

/// A border or a cross-border area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Territory {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: TerritoryInput,
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TerritoryInput {
    pub name: String,
    /// A [`TerritoryKind`] code.
    pub kind: String,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub notes: String,
}

/// A theme of cross-border cooperation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Theme {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: ThemeInput,
    pub reference_key: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThemeInput {
    pub label: String,
    pub label_en: String,
}

/// A family of professions (famille de métiers, or a CNFPT "champ d'action publique locale").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfessionFamily {
    pub id: String,
    pub label: String,
    pub level: String,
    pub reference_key: Option<String>,
}

/// An Interreg programme, shipped as read-only reference data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InterregProgramme {
    pub id: String,
    pub name: String,
    pub period: String,
    pub kind: String,
    pub french_perimeter: String,
    pub notes: String,
    pub reference_key: Option<String>,
}
