//! Printed documents: the training programme (programme de formation) and the attendance
//! sheets (feuilles d'émargement), as A4 PDF files in French, and the study-visit booklet
//! (livret), A5 or imposed on A4.
//!
//! The pieces, from the bottom up: [`fonts`] (the shipped DejaVu Sans family and its
//! metrics; `sfnt`, run by the build script, trims the files before they are subset), [`typography`] and [`dates`]
//! (French spacing, dates and times), [`layout`] (the project's own line breaking, blocks,
//! tables and pagination), [`pdf`] (printpdf output), then the documents, [`programme`],
//! [`attendance`], [`competences`] (the competences report), [`booklet`] (the study-visit
//! booklet) and [`participants`] (hours attended, convocations, certificates, mission
//! letters, badges and table cards). The documents take plain data ([`ProgrammeData`]) so that they do not depend on
//! the store.

pub mod attendance;
pub mod booklet;
pub mod competences;
pub mod dates;
pub mod fonts;
pub mod languages;
pub mod layout;
pub mod library;
pub mod participants;
pub mod pdf;
mod pdf_content;
pub mod programme;
pub mod sample;
// Run by the build script on the shipped fonts (see `fonts`); compiled here for its tests.
#[cfg(test)]
mod sfnt;
pub mod typography;

pub use attendance::{render_attendance_sheets, AttendanceOptions};
pub use booklet::{
    render_booklet, saddle_stitch_order, Booklet, BookletData, BookletOptions, CountryEmergency,
    EmergencyLine,
};
pub use competences::{render_competences_report, CompetencesReportOptions};
pub use participants::badges::{
    render_badges, render_table_cards, Badge, BadgeOptions, BadgeRole, BADGES_PER_SHEET,
};
pub use participants::certificate::{
    render_certificates, render_certificates_each, ActionNature, CertificateKind,
    CertificateOptions,
};
pub use participants::convocation::{
    render_convocations, render_convocations_each, ConvocationOptions,
};
pub use participants::hours::{hours_attended, planned_minutes, HalfDayHours, HoursAttended};
pub use participants::mission::{mission_file_name, render_mission_letter, MissionOptions};
pub use participants::{
    personal_file_name, sort_people, Attendance, Attendee, Person, PersonalPdf, Signatory,
};
pub use programme::{
    agenda_days, render_programme, training_days, training_minutes, ProgrammeData,
    ProgrammeOptions, ProgrammeOrganiser, ProgrammePartner, ProgrammeSession, ProgrammeSpeaker,
    SessionSpeakerLine,
};

/// Why a document could not be produced. Messages are in French, for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocumentError {
    /// A font shipped inside the application could not be read (a broken build).
    #[error("La police de caractères intégrée {0} est illisible : l'installation de Passerelle est sans doute endommagée.")]
    Font(&'static str),

    /// A session ends before it starts.
    #[error("La séance « {title} » du {date} se termine ({end}) avant de commencer ({start}) : corrigez ses horaires.")]
    SessionTimes {
        title: String,
        date: String,
        start: String,
        end: String,
    },

    /// Attendance sheets need at least one session to know which half-days to print.
    #[error("Aucune séance n'est inscrite au programme : ajoutez des séances avant d'imprimer les feuilles d'émargement.")]
    NoSession,

    /// More blank attendance rows than a sheet can sensibly have.
    #[error("Le nombre de lignes vierges demandé ({requested}) dépasse le maximum de {max}.")]
    TooManyRows { requested: usize, max: usize },

    /// Letters (convocations, certificates, badges…) need at least one person.
    #[error(
        "Aucun participant n'est indiqué : ajoutez des participants avant d'imprimer ce document."
    )]
    NoParticipant,

    /// A certificate or attestation asked for someone whose attendance was never recorded.
    #[error("Aucune présence n'est enregistrée pour {name} : saisissez ses présences dans la grille d'émargement avant d'imprimer son certificat ou son attestation.")]
    NoAttendance { name: String },

    /// A mission letter for a speaker who speaks in no session of the event.
    #[error("{name} n'intervient dans aucune séance de l'événement : ajoutez cette personne à une séance avant d'imprimer sa lettre de mission.")]
    NoMission { name: String },

    /// The PDF writer failed.
    #[error("La création du fichier PDF a échoué : {0}")]
    Pdf(String),
}

impl From<DocumentError> for crate::error::CoreError {
    fn from(err: DocumentError) -> Self {
        crate::error::CoreError::Document(err.to_string())
    }
}
