//! Rules of a participant's record and of the attendance marks.
//!
//! The e-mail address is required (unless the record was anonymised): it is what tells two
//! registrations of one person apart, in the form as in a CSV import, and what a convocation is
//! sent to. A participant is named by a first or a last name (some people give only one).

use super::limits::*;
use super::*;
use crate::error::CoreResult;
use crate::model::*;

/// Checks a participant's fields; `anonymised` records have their personal data blanked, so
/// only the status and the lengths are checked.
pub fn check_participant(input: &ParticipantInput, anonymised: bool) -> CoreResult<()> {
    let mut c = Checker::new();
    if !anonymised {
        if input.first_name.trim().is_empty() && input.last_name.trim().is_empty() {
            c.add("lastName", "Le nom ou le prénom est obligatoire.");
        }
        if input.email.trim().is_empty() {
            c.add(
                "email",
                "L'adresse e-mail est obligatoire : elle distingue les inscrits et reçoit la convocation.",
            );
        }
    }
    c.max_lens(&[
        ("lastName", &input.last_name, NAME_MAX, "Le nom"),
        ("firstName", &input.first_name, NAME_MAX, "Le prénom"),
        ("email", &input.email, SHORT_MAX, "L'adresse e-mail"),
        ("phone", &input.phone, SHORT_MAX, "Le téléphone"),
        ("employer", &input.employer, SHORT_MAX, "L'employeur"),
        ("jobTitle", &input.job_title, SHORT_MAX, "La fonction"),
        (
            "specialNeeds",
            &input.special_needs,
            MEDIUM_MAX,
            "Les besoins particuliers",
        ),
        ("notes", &input.notes, LONG_MAX, "Les notes"),
    ]);
    c.email("email", input.email.trim());
    c.phone("phone", input.phone.trim());
    c.code(
        "status",
        &input.status,
        ParticipantStatus::from_code,
        "Le statut d'inscription",
    );
    c.finish()
}

/// The half of the day a session starting at `start` ("HH:MM") belongs to: before 13 h it is
/// the morning, as on the attendance sheets.
pub fn half_day_of(start: &str) -> HalfDayPart {
    if start < "13:00" {
        HalfDayPart::Morning
    } else {
        HalfDayPart::Afternoon
    }
}

/// « le 12/05/2026 après-midi », for messages about a half-day.
pub fn half_day_label(date: &str, part: &str) -> String {
    let shown = parse_date(date)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| quoted(date));
    let part = HalfDayPart::from_code(part)
        .map(|p| p.label().to_lowercase())
        .unwrap_or_else(|| quoted(part));
    format!("le {shown} {part}")
}

/// Checks the shape of attendance marks (codes, dates); whether the participant and the
/// half-day belong to the event is checked by the store, which knows them.
pub fn check_attendance_entries(entries: &[AttendanceEntry]) -> CoreResult<()> {
    let mut c = Checker::new();
    for (i, entry) in entries.iter().enumerate() {
        if parse_date(&entry.date).is_none() {
            c.add(
                format!("attendance.{i}.date"),
                format!("« {} » n'est pas une date valide.", quoted(&entry.date)),
            );
        }
        if HalfDayPart::from_code(&entry.part).is_none() {
            c.add(
                format!("attendance.{i}.part"),
                format!(
                    "Demi-journée inconnue « {} » (attendu : am ou pm).",
                    quoted(&entry.part)
                ),
            );
        }
        if AttendanceMark::from_code(&entry.mark).is_none() {
            c.add(
                format!("attendance.{i}.mark"),
                format!(
                    "Présence inconnue « {} » (attendu : présent, absent ou excusé).",
                    quoted(&entry.mark)
                ),
            );
        }
    }
    c.finish()
}

/// Years of retention before participants' data may be anonymised: at least 1, at most 50.
pub fn check_retention_years(years: i64) -> CoreResult<()> {
    if (1..=50).contains(&years) {
        Ok(())
    } else {
        Err(crate::error::CoreError::field(
            "retentionYears",
            "La durée de conservation doit être un nombre d'années entre 1 et 50.",
        ))
    }
}
