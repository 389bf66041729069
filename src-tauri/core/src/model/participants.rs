//! Participants of an event, their registration status and their attendance per half-day.

use serde::{Deserialize, Serialize};

use super::RecordMeta;

coded_enum!(
    /// Where a registration stands. Only `Registered` and `Confirmed` take a seat.
    ParticipantStatus {
        PreRegistered => ("pre_registered", "Pré-inscrit"),
        Registered => ("registered", "Inscrit"),
        Confirmed => ("confirmed", "Confirmé"),
        WaitingList => ("waiting_list", "Liste d'attente"),
        Cancelled => ("cancelled", "Annulé"),
    }
);

impl ParticipantStatus {
    /// Whether the participant takes one of the event's seats (its capacity).
    pub fn takes_seat(self) -> bool {
        matches!(
            self,
            ParticipantStatus::Registered | ParticipantStatus::Confirmed
        )
    }
}

coded_enum!(
    /// Attendance of one participant for one half-day.
    AttendanceMark {
        Present => ("present", "Présent"),
        Absent => ("absent", "Absent"),
        Excused => ("excused", "Excusé"),
    }
);

coded_enum!(
    /// A half of a day; the boundary is 13 h, as on the attendance sheets.
    HalfDayPart {
        Morning => ("am", "Matin"),
        Afternoon => ("pm", "Après-midi"),
    }
);

/// A person registered (or waiting) for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub event_id: String,
    #[serde(flatten)]
    pub data: ParticipantInput,
    /// Set when the personal data was anonymised (the record keeps only counts and attendance).
    pub anonymised: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParticipantInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub employer: String,
    pub job_title: String,
    pub profession_id: Option<String>,
    /// A [`ParticipantStatus`] code.
    pub status: String,
    /// Sensitive: shown on the participant's page only, printed only where asked.
    pub special_needs: String,
    pub notes: String,
}

/// One cell of the attendance grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceEntry {
    pub participant_id: String,
    /// ISO date (YYYY-MM-DD).
    pub date: String,
    /// A [`HalfDayPart`] code.
    pub part: String,
    /// An [`AttendanceMark`] code.
    pub mark: String,
}

/// One line of the participants list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantSummary {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub employer: String,
    pub status: String,
    /// Position on the waiting list (1 = next to be promoted), when waiting.
    pub waiting_rank: Option<i64>,
    pub anonymised: bool,
}

/// Years after an event's end when its participants' personal data may be anonymised.
pub const DEFAULT_RETENTION_YEARS: i64 = 3;

/// What a write on a participant did besides saving it, for the interface to say.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantOutcome {
    pub participant: Participant,
    /// Set when the participant waits: their rank on the waiting list (1 = next).
    pub waiting_rank: Option<i64>,
    /// Who took the seat this write freed, promoted from the waiting list.
    pub promoted: Option<ParticipantSummary>,
    /// A French sentence when something happened that the user did not ask for directly
    /// (« Complet : ajouté en liste d'attente (rang 2). »).
    pub notice: Option<String>,
}

/// A half-day of an event that has training sessions: a column of the attendance grid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HalfDaySlot {
    /// ISO date.
    pub date: String,
    /// A [`HalfDayPart`] code.
    pub part: String,
}

/// An event whose participants' personal data is past its retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionEvent {
    pub event_id: String,
    pub code: String,
    pub title: String,
    pub end_date: String,
    /// Participants whose data is not anonymised yet.
    pub participants: i64,
}

/// An expert the GDPR asks to look at again: review date passed, or no recorded consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpertToReview {
    pub expert_id: String,
    pub name: String,
    /// ISO date, empty when none.
    pub review_date: String,
    pub consent_recorded: bool,
    /// « Date de révision dépassée (01/02/2025) », « Aucun consentement enregistré ».
    pub reason: String,
}
