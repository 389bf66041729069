//! Training requests: a cross-border project (often an EGTC) asks the CNFPT or the MOT for a
//! training; the request is studied, answered, and answered by the events created from it.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// Where a request stands. `Declined` and `Dropped` need a reason in the history.
    RequestStatus {
        Received => ("received", "Reçue"),
        UnderStudy => ("under_study", "À l'étude"),
        ProposalSent => ("proposal_sent", "Proposition envoyée"),
        Accepted => ("accepted", "Acceptée"),
        Scheduled => ("scheduled", "Programmée"),
        Held => ("held", "Réalisée"),
        Declined => ("declined", "Déclinée"),
        Dropped => ("dropped", "Abandonnée"),
    }
);

impl RequestStatus {
    /// Whether the request still waits for work (the home view counts these).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            RequestStatus::Held | RequestStatus::Declined | RequestStatus::Dropped
        )
    }

    /// Whether moving to this status must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, RequestStatus::Declined | RequestStatus::Dropped)
    }
}

coded_enum!(
    /// The format the requesting project wishes.
    RequestFormat {
        Course => ("course", "Formation"),
        StudyVisit => ("study_visit", "Visite d'étude"),
        Webinar => ("webinar", "Webinaire"),
        Seminar => ("seminar", "Séminaire"),
        Workshop => ("workshop", "Atelier"),
        Other => ("other", "Autre"),
    }
);

/// One dated change of status: who made it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestStatusChange {
    /// RFC 3339 UTC timestamp.
    pub at: String,
    /// A [`RequestStatus`] code.
    pub status: String,
    pub by: String,
    pub reason: String,
}

/// A request for training from a cross-border project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingRequest {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub data: TrainingRequestInput,
    /// The dated history of its status, oldest first (the last entry is the current status).
    pub history: Vec<RequestStatusChange>,
    /// Ids of the events that answer it.
    pub event_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrainingRequestInput {
    /// ISO date (YYYY-MM-DD) the request arrived.
    pub received_date: String,
    pub title: String,
    /// Organisations asking, by id.
    pub requester_ids: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// The cross-border project and its Interreg programme (reference id, or empty).
    pub project_name: String,
    pub interreg_programme_id: Option<String>,
    pub territory_id: Option<String>,
    pub theme_ids: Vec<String>,
    pub target_profession_ids: Vec<String>,
    pub audience: String,
    pub expected_participants: Option<i64>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    /// The period wished, in words ("printemps 2027", "avant juin").
    pub desired_period: String,
    /// A [`RequestFormat`] code, or empty.
    pub format: String,
    /// The need, in the requester's words.
    pub need: String,
    /// Who handles it: organisations (a CNFPT structure, the MOT), by id.
    pub handler_ids: Vec<String>,
    /// A [`RequestStatus`] code. Changing it appends to the history.
    pub status: String,
    /// Why the status changed (required for declined and dropped).
    pub status_reason: String,
    pub notes: String,
}

/// One line of the requests list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSummary {
    pub id: String,
    pub title: String,
    pub received_date: String,
    pub status: String,
    pub project_name: String,
    pub territory_id: Option<String>,
    pub event_count: i64,
    /// Days since it was received; the home view flags open requests without an answer after
    /// [`REQUEST_ANSWER_DAYS`].
    pub age_days: i64,
    pub updated_at: String,
}

/// Days after which an open request still "received" or "under study" is flagged.
pub const REQUEST_ANSWER_DAYS: i64 = 30;

/// The filters of the requests list; empty values filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RequestFilter {
    /// Words searched in the title, the project's name and the need.
    pub query: String,
    pub status: Option<String>,
    pub territory_id: Option<String>,
    pub theme_id: Option<String>,
    /// Only requests received more than this many days ago.
    pub older_than_days: Option<i64>,
    /// Only open requests (neither held, declined nor dropped).
    pub open_only: bool,
}

/// How many open requests are in one status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestStatusCount {
    pub status: String,
    pub label: String,
    pub count: i64,
}

/// The home view's card: open requests by status, and those still « Reçue » or « À l'étude »
/// after [`REQUEST_ANSWER_DAYS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCounts {
    pub open_by_status: Vec<RequestStatusCount>,
    pub unanswered: Vec<RequestSummary>,
    pub answer_days: i64,
}

impl RequestStatus {
    /// The position in the ordinary flow (received → held); `None` for declined and dropped,
    /// which leave it.
    pub fn flow_rank(self) -> Option<u8> {
        match self {
            RequestStatus::Received => Some(0),
            RequestStatus::UnderStudy => Some(1),
            RequestStatus::ProposalSent => Some(2),
            RequestStatus::Accepted => Some(3),
            RequestStatus::Scheduled => Some(4),
            RequestStatus::Held => Some(5),
            RequestStatus::Declined | RequestStatus::Dropped => None,
        }
    }
}
