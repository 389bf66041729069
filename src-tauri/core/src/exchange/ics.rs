//! Events as iCalendar (RFC 5545) for Outlook, Thunderbird, GNOME Calendar and phones: one
//! VEVENT per session, with its place, its speakers and the event it belongs to; an event with
//! no agenda yet is one all-day VEVENT over its dates.
//!
//! Times: a session's date and times are wall-clock times at the venue, and are written as such
//! with `TZID=Europe/Paris` and the VTIMEZONE block that Outlook needs to read them. Every
//! country on France's mainland borders (Belgium, Luxembourg, Germany, Switzerland, Italy,
//! Monaco, Spain, Andorra) keeps Central European Time with the same EU summer-time dates
//! since 1996, so Europe/Paris gives the right instant for any venue there. Events held in the
//! United Kingdom, Ireland, Portugal or overseas (Guyane–Brazil, Saint-Martin) would need their
//! own zone; the application does not record a venue's zone yet.
//!
//! Identity: each VEVENT's UID is the session's UUID at `passerelle.mot-cnfpt.fr`, so importing
//! a newer file updates the calendar entries instead of duplicating them; SEQUENCE grows with
//! the session's and its event's versions. The stamp (DTSTAMP) is the caller's `now`, which
//! keeps the output deterministic in tests.
//!
//! The content-line helpers (escaping, folding at 75 octets, CRLF) are shared with `vcard`,
//! which follows the same rules (RFC 6350 §3.2–3.4).

use chrono::{DateTime, NaiveDate, Utc};

use crate::agenda::{AgendaSession, AgendaSpeaker};
use crate::error::CoreResult;
use crate::model::{Event, EventKind, EventStatus, SessionKind, SpeakerRole};
use crate::validation::{is_email, parse_date, parse_time};
use crate::Store;

/// The domain part of every UID we write.
pub const UID_DOMAIN: &str = "passerelle.mot-cnfpt.fr";

/// Identifies the producer, as RFC 5545 and RFC 6350 ask.
pub(crate) const PRODID: &str = "-//MOT et CNFPT//Passerelle//FR";

/// The only time zone written (see the module documentation for why).
pub const TZID: &str = "Europe/Paris";

/// Europe/Paris as Thunderbird and Outlook write it: the EU rules since 1996 (last Sunday of
/// March 02:00 → 03:00, last Sunday of October 03:00 → 02:00).
const VTIMEZONE_PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "X-LIC-LOCATION:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

// ---------------------------------------------------------------------------------------------
// Content lines (shared with vCard)

/// Escapes a TEXT value: backslash, semicolon and comma get a backslash, any line break
/// becomes `\n`; other control characters, which neither format allows, are dropped.
pub(crate) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: double quotes (never allowed inside one) become apostrophes, control
/// characters are dropped, and the value is quoted when it holds `;`, `:` or `,`.
pub(crate) fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '"' { '\'' } else { c })
        .collect();
    if clean.contains([';', ':', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Appends one content line, folded so that no physical line exceeds 75 octets (a
/// continuation line starts with a space, which counts), never inside a UTF-8 sequence, each
/// ending with CRLF. A fold is moved before a run of spaces when it can be, because some readers
/// trim the end of each physical line.
pub(crate) fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let trimmed = rest[..cut].trim_end_matches(' ').len();
        if trimmed > 0 {
            cut = trimmed;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

/// A UTC time as iCalendar and vCard write it: 20260301T083000Z.
pub(crate) fn utc_stamp(time: DateTime<Utc>) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A stored RFC 3339 time as a UTC stamp; `None` if it does not parse.
pub(crate) fn stored_time_stamp(rfc3339: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|time| utc_stamp(time.with_timezone(&Utc)))
}

// ---------------------------------------------------------------------------------------------
// Events

/// Events that end on or after `today`, soonest first: the "upcoming events" export. Cancelled
/// ones are included on purpose, so that a calendar which imported them earlier marks them
/// cancelled (STATUS:CANCELLED) instead of keeping a meeting that will not happen.
pub fn upcoming_event_ids(store: &Store, today: NaiveDate) -> CoreResult<Vec<String>> {
    store.event_ids_ending_from(&today.format("%Y-%m-%d").to_string())
}

fn status(event: &Event) -> &'static str {
    match EventStatus::from_code(&event.data.status) {
        Some(EventStatus::Cancelled) => "CANCELLED",
        Some(EventStatus::Confirmed | EventStatus::Held) => "CONFIRMED",
        _ => "TENTATIVE",
    }
}

/// The venue of the event in one line: venue, address, city, without empty parts.
fn event_place(event: &Event) -> String {
    [&event.data.venue, &event.data.address, &event.data.city]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Intervenant : Claire Exemple-Haller (Eurodistrict Strasbourg-Ortenau)".
fn speaker_line(speaker: &AgendaSpeaker) -> String {
    let role = SpeakerRole::from_code(&speaker.role)
        .map(SpeakerRole::label)
        .unwrap_or("Intervenant");
    let affiliation = match speaker.organisation.trim() {
        "" => speaker.job_title.trim(),
        organisation => organisation,
    };
    if affiliation.is_empty() {
        format!("{role} : {}", speaker.name)
    } else {
        format!("{role} : {} ({affiliation})", speaker.name)
    }
}

fn local_date_time(date: NaiveDate, time: &str) -> Option<String> {
    let time = parse_time(time)?;
    Some(format!(
        "{}T{}",
        date.format("%Y%m%d"),
        time.format("%H%M%S")
    ))
}

/// Lines shared by every VEVENT of an event.
fn push_event_common(out: &mut String, event: &Event, dtstamp: &str) {
    push_line(out, &format!("DTSTAMP:{dtstamp}"));
    push_line(out, &format!("STATUS:{}", status(event)));
    let email = event.data.contact_email.trim();
    if is_email(email) {
        let name = match event.data.contact_name.trim() {
            "" => "Passerelle",
            name => name,
        };
        push_line(
            out,
            &format!("ORGANIZER;CN={}:mailto:{email}", param_value(name)),
        );
    }
}

fn push_all_day_event(out: &mut String, event: &Event, dtstamp: &str) {
    let (Some(start), Some(end)) = (
        parse_date(&event.data.start_date),
        parse_date(&event.data.end_date),
    ) else {
        return;
    };
    let Some(after_end) = end.succ_opt() else {
        return;
    };
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}@{UID_DOMAIN}", event.meta.id));
    push_event_common(out, event, dtstamp);
    push_line(
        out,
        &format!("SEQUENCE:{}", (event.meta.version - 1).max(0)),
    );
    push_line(
        out,
        &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
    );
    // DTEND of a whole-day event is the day after the last one (exclusive).
    push_line(
        out,
        &format!("DTEND;VALUE=DATE:{}", after_end.format("%Y%m%d")),
    );
    push_line(out, &format!("SUMMARY:{}", escape_text(&event.data.title)));
    let place = event_place(event);
    if !place.is_empty() {
        push_line(out, &format!("LOCATION:{}", escape_text(&place)));
    }
    let mut description = format!("{} ({})", event.data.title.trim(), event.data.code.trim());
    if !event.data.summary.trim().is_empty() {
        description.push('\n');
        description.push_str(event.data.summary.trim());
    }
    push_line(out, &format!("DESCRIPTION:{}", escape_text(&description)));
    if let Some(kind) = EventKind::from_code(&event.data.kind) {
        push_line(out, &format!("CATEGORIES:{}", escape_text(kind.label())));
    }
    if let Some(modified) = stored_time_stamp(&event.meta.updated_at) {
        push_line(out, &format!("LAST-MODIFIED:{modified}"));
    }
    push_line(out, "END:VEVENT");
}

/// The iCalendar file of the given events (in the order given): one VEVENT per session, or one
/// all-day VEVENT for an event without sessions. An unknown id is a `NotFound` error.
pub fn events_ics(store: &Store, event_ids: &[String], now: DateTime<Utc>) -> CoreResult<String> {
    let dtstamp = utc_stamp(now);
    let mut events = Vec::with_capacity(event_ids.len());
    for id in event_ids {
        let event = store.get_event(id)?;
        let agenda = store.agenda_of(&event)?;
        events.push((event, agenda));
    }
    let mut out = String::new();
    let calendar_name = match events.as_slice() {
        [(only, _)] => only.data.title.clone(),
        _ => "Passerelle — événements".to_string(),
    };
    push_calendar_header(&mut out, &calendar_name);
    for (event, agenda) in &events {
        if agenda.sessions().next().is_none() {
            push_all_day_event(&mut out, event, &dtstamp);
            continue;
        }
        for item in agenda.sessions() {
            push_session(&mut out, event, item, &dtstamp);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    Ok(out)
}

fn push_calendar_header(out: &mut String, calendar_name: &str) {
    push_line(out, "BEGIN:VCALENDAR");
    push_line(out, "VERSION:2.0");
    push_line(out, &format!("PRODID:{PRODID}"));
    push_line(out, "CALSCALE:GREGORIAN");
    push_line(out, "METHOD:PUBLISH");
    push_line(out, &format!("X-WR-CALNAME:{}", escape_text(calendar_name)));
    push_line(out, &format!("X-WR-TIMEZONE:{TZID}"));
    for line in VTIMEZONE_PARIS {
        push_line(out, line);
    }
}

/// One VEVENT for a session; a session whose date or times cannot be read is left out.
fn push_session(out: &mut String, event: &Event, item: &AgendaSession, dtstamp: &str) {
    let session = &item.session;
    let Some(date) = parse_date(&session.data.date) else {
        return;
    };
    let (Some(start), Some(end)) = (
        local_date_time(date, &session.data.start_time),
        local_date_time(date, &session.data.end_time),
    ) else {
        return;
    };
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}@{UID_DOMAIN}", session.meta.id));
    push_event_common(out, event, dtstamp);
    let sequence = (session.meta.version - 1).max(0) + (event.meta.version - 1).max(0);
    push_line(out, &format!("SEQUENCE:{sequence}"));
    push_line(out, &format!("DTSTART;TZID={TZID}:{start}"));
    push_line(out, &format!("DTEND;TZID={TZID}:{end}"));
    push_line(
        out,
        &format!("SUMMARY:{}", escape_text(&session.data.title)),
    );
    let place = match session.data.place.trim() {
        "" => event_place(event),
        place => place.to_string(),
    };
    if !place.is_empty() {
        push_line(out, &format!("LOCATION:{}", escape_text(&place)));
    }
    push_line(
        out,
        &format!(
            "DESCRIPTION:{}",
            escape_text(&session_description(event, item))
        ),
    );
    let categories: Vec<String> = [
        SessionKind::from_code(&session.data.kind).map(SessionKind::label),
        EventKind::from_code(&event.data.kind).map(EventKind::label),
    ]
    .into_iter()
    .flatten()
    .map(escape_text)
    .collect();
    if !categories.is_empty() {
        push_line(out, &format!("CATEGORIES:{}", categories.join(",")));
    }
    if let Some(created) = stored_time_stamp(&session.meta.created_at) {
        push_line(out, &format!("CREATED:{created}"));
    }
    let modified = if session.meta.updated_at > event.meta.updated_at {
        &session.meta.updated_at
    } else {
        &event.meta.updated_at
    };
    if let Some(modified) = stored_time_stamp(modified) {
        push_line(out, &format!("LAST-MODIFIED:{modified}"));
    }
    push_line(out, "END:VEVENT");
}

/// The event's title and code, the session's description, then one line per speaker.
fn session_description(event: &Event, item: &AgendaSession) -> String {
    let mut description = format!("{} ({})", event.data.title.trim(), event.data.code.trim());
    let own = item.session.data.description.trim();
    if !own.is_empty() {
        description.push('\n');
        description.push_str(own);
    }
    let speaker_lines: Vec<String> = item.speaker_details.iter().map(speaker_line).collect();
    if !speaker_lines.is_empty() {
        description.push_str("\n\n");
        description.push_str(&speaker_lines.join("\n"));
    }
    description
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_line_breaks_become_backslash_n() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\nf\rg\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ng"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let value = "é".repeat(100);
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{value}"));
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        for line in &lines[1..] {
            assert!(line.starts_with(' '));
        }
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, format!("SUMMARY:{value}"));
    }

    #[test]
    fn a_fold_is_not_placed_right_after_a_space() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{} {}", "a".repeat(62), "b".repeat(40));
        push_line(&mut out, &line);
        for physical in out.split("\r\n") {
            assert!(!physical.ends_with(' '), "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn parameter_values_are_quoted_when_needed() {
        assert_eq!(param_value("Claire"), "Claire");
        assert_eq!(param_value("Dupont, Claire"), "\"Dupont, Claire\"");
        assert_eq!(param_value("Le \"chef\""), "Le 'chef'");
    }
}
