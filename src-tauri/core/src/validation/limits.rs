//! The longest text each kind of field accepts, in characters (not bytes, so an accented name
//! is not cut shorter than an English one). One place for every bound, so the forms, the CSV
//! import and the JSON import refuse the same text the same way.
//!
//! The bounds are far above anything a real record needs; they exist so that a pasted or
//! imported file of megabytes cannot swell the database, the search index, the exports and the
//! printed documents (a 10 MB biography would print thousands of pages).

/// A person's first or last name.
pub const NAME_MAX: usize = 200;
/// An event's code (printed in headers and file names).
pub const CODE_MAX: usize = 40;
/// Titles, names of organisations and places, e-mails, phones, acronyms, short labels.
pub const SHORT_MAX: usize = 300;
/// Keywords, a web address, a price, availability: a line or a short paragraph.
pub const MEDIUM_MAX: usize = 2_000;
/// Biographies, descriptions, objectives, notes, the texts of a programme.
pub const LONG_MAX: usize = 20_000;
/// How much of a refused value a message quotes back.
pub const QUOTED_MAX: usize = 80;
