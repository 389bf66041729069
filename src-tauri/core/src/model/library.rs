//! The partnership's library: resources (guides, studies, legal texts…) with the files attached
//! to them, and legal notes (fiches juridiques) on the territorial civil service with their
//! legal bases. Files are kept inside the database, content-addressed by SHA-256, so that one
//! database file is still all there is to back up and exchange.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// What a resource is.
    ResourceKind {
        Guide => ("guide", "Guide"),
        Study => ("study", "Étude"),
        Report => ("report", "Rapport"),
        LegalNote => ("legal_note", "Note juridique"),
        LegalText => ("legal_text", "Texte juridique"),
        TrainingMaterial => ("training_material", "Support de formation"),
        Minutes => ("minutes", "Compte rendu"),
        Template => ("template", "Modèle ou outil"),
        Article => ("article", "Article"),
        Video => ("video", "Vidéo"),
        WebPage => ("web_page", "Page web"),
    }
);

coded_enum!(
    /// Where a resource stands in its life.
    ResourceStatus {
        Draft => ("draft", "Brouillon"),
        Published => ("published", "Publiée"),
        ToUpdate => ("to_update", "À mettre à jour"),
        Archived => ("archived", "Archivée"),
    }
);

coded_enum!(
    /// The part an expert or an organisation took in a resource.
    AuthorRole {
        Author => ("author", "Auteur"),
        Contributor => ("contributor", "Contributeur"),
        Publisher => ("publisher", "Éditeur"),
    }
);

coded_enum!(
    /// The nature of a legal basis.
    LegalBasisKind {
        Law => ("law", "Loi"),
        Decree => ("decree", "Décret"),
        CodeArticle => ("code_article", "Article de code"),
        EuRegulation => ("eu_regulation", "Règlement UE"),
        EuDirective => ("eu_directive", "Directive UE"),
        Treaty => ("treaty", "Traité ou accord"),
        CaseLaw => ("case_law", "Jurisprudence"),
        Circular => ("circular", "Circulaire"),
    }
);

coded_enum!(
    /// What could be done with an attached file's text when it was attached.
    FileTextStatus {
        Extracted => ("extracted", "Texte indexé"),
        NoText => ("no_text", "Aucun texte lisible (document numérisé ?)"),
        Encrypted => ("encrypted", "Document protégé : texte illisible"),
        Damaged => ("damaged", "Fichier endommagé : texte illisible"),
        NotIndexed => ("not_indexed", "Type de fichier dont le texte n'est pas indexé"),
    }
);

/// One author of a resource: an expert or an organisation (exactly one of the two), in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceAuthor {
    pub expert_id: Option<String>,
    pub organisation_id: Option<String>,
    /// An [`AuthorRole`] code.
    pub role: String,
}

/// A resource as a form edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceInput {
    pub title: String,
    /// A [`ResourceKind`] code.
    pub kind: String,
    pub summary: String,
    pub authors: Vec<ResourceAuthor>,
    /// ISO date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY); empty when unknown.
    pub publication_date: String,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub theme_ids: Vec<String>,
    pub territory_ids: Vec<String>,
    pub profession_ids: Vec<String>,
    /// The events it belongs to, and the sessions (of any event).
    pub event_ids: Vec<String>,
    pub session_ids: Vec<String>,
    pub audience: String,
    /// A [`ResourceStatus`] code.
    pub status: String,
    /// ISO date (YYYY-MM-DD) or empty.
    pub review_date: String,
    /// e.g. "Licence Ouverte 2.0", "Usage interne".
    pub rights: String,
    /// URL, ISBN, DOI, ELI, CELEX, NOR, ECLI…
    pub reference: String,
    pub notes: String,
}

/// A file attached to a resource. Its bytes are read separately (they can weigh 50 MB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceFile {
    pub id: String,
    /// The file's name as the user attached it.
    pub name: String,
    /// The media type detected from the content ("application/pdf"…).
    pub media_type: String,
    pub size: i64,
    /// Hex SHA-256 of the content: the same content attached twice is stored once.
    pub sha256: String,
    /// RFC 3339 UTC timestamp.
    pub added_at: String,
    /// A [`FileTextStatus`] code.
    pub text_status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: ResourceInput,
    /// In the order they were attached.
    pub files: Vec<ResourceFile>,
}

/// One line of the resources list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceSummary {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub publication_date: String,
    /// Authors' names in order, joined by ", ".
    pub authors: String,
    pub review_date: String,
    pub file_count: i64,
    /// With a query: the passage that matched, from the resource or from inside a file, the
    /// matched words between `[` and `]`; empty otherwise.
    pub excerpt: String,
    pub updated_at: String,
}

/// The filters of the resources list; empty values filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceFilter {
    /// Words searched in the resource and in the text of its files.
    pub query: String,
    pub kind: Option<String>,
    pub theme_id: Option<String>,
    pub territory_id: Option<String>,
    pub language: Option<String>,
    pub status: Option<String>,
    /// Publication year.
    pub year: Option<i32>,
    /// "title", "date" (newest first) or "updated" (latest first); relevance when a query is given
    /// and no sort is asked.
    pub sort: String,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// One legal basis of a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalBasis {
    /// A [`LegalBasisKind`] code.
    pub kind: String,
    /// e.g. "Code général de la fonction publique", "Règlement (CE) n° 1082/2006".
    pub identifier: String,
    /// e.g. "L. 512-6"; empty when the whole text is meant.
    pub article: String,
    /// ISO date (YYYY-MM-DD) of the text, or empty.
    pub date: String,
    /// Légifrance, EUR-Lex…; empty or an http(s) URL.
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalNoteInput {
    /// « Un agent territorial peut-il être mis à disposition d'un GECT ? »
    pub question: String,
    pub short_answer: String,
    pub full_answer: String,
    pub bases: Vec<LegalBasis>,
    /// ISO 3166-1 alpha-2 codes of the countries it concerns.
    pub countries: Vec<String>,
    /// The borders or cross-border areas it concerns.
    pub territory_ids: Vec<String>,
    pub theme_ids: Vec<String>,
    pub profession_ids: Vec<String>,
    /// « À jour au »: ISO date the law was checked.
    pub up_to_date: String,
    /// ISO date of the next review, or empty.
    pub review_date: String,
    /// Who wrote it (a jurist's name).
    pub author: String,
    pub resource_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegalNote {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: LegalNoteInput,
}

/// One line of the legal notes list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegalNoteSummary {
    pub id: String,
    pub question: String,
    pub short_answer: String,
    pub up_to_date: String,
    pub review_date: String,
    pub author: String,
    /// With a query: the matching passage, matched words between `[` and `]`.
    pub excerpt: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalNoteFilter {
    pub query: String,
    pub country: Option<String>,
    pub territory_id: Option<String>,
    pub theme_id: Option<String>,
    /// Only notes whose review date has passed.
    pub review_due: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A resource or a legal note whose review date has passed (home view).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDue {
    /// "resource" or "legalNote".
    pub entity: String,
    pub id: String,
    pub title: String,
    pub review_date: String,
}

/// The resources that link to one expert, organisation, event or session (their pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedResource {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub publication_date: String,
    /// The author's role for an expert or organisation; the session's title for an event's
    /// session resources; empty otherwise.
    pub detail: String,
}
