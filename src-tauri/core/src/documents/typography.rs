//! French typographic rules applied to the text users type before it is laid out.
//!
//! The line breaker only breaks at ordinary spaces, so these rules work by choosing the right
//! space: a no-break space (U+00A0) before ":" and inside « », a narrow no-break space
//! (U+202F) before ";", "!" and "?", no-break spaces inside times ("14 h 30") and before "%"
//! and "€" after a number. Nothing else of the user's text is changed.

/// No-break space.
pub const NBSP: char = '\u{00A0}';
/// Narrow no-break space (espace fine insécable).
pub const NNBSP: char = '\u{202F}';

/// Characters a line must not start with: they stay glued to the word before them even when
/// an ordinary space separates them.
pub fn cannot_start_line(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '»'
            | '…'
            | '–'
            | '—'
            | '’'
            | '”'
            | '%'
            | '›'
    )
}

fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP || c == '\t'
}

/// The space French typography wants before `c`, if it wants one.
fn space_before(c: char) -> Option<char> {
    match c {
        ':' | '»' => Some(NBSP),
        ';' | '!' | '?' => Some(NNBSP),
        _ => None,
    }
}

/// Applies the French spacing rules to `text` (see the module documentation).
pub fn french(text: &str) -> String {
    if !needs_french_spacing(text) {
        return text.to_string();
    }
    french_spacing(text)
}

/// The rules of [`french`], applied character by character where one may apply: the text
/// between spaces, signs and guillemets is copied as it is.
fn french_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        let plain = rest
            .find(|c: char| c == ' ' || c == '\t' || c == '«' || space_before(c).is_some())
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if c == ' ' || c == '\t' {
            // A run of spaces: decide what it becomes from its neighbours.
            let after = rest.trim_start_matches([' ', '\t']);
            let run = &rest[..rest.len() - after.len()];
            let mut following = after.chars();
            let next = following.next();
            let after_next = following.next();
            let prev = out.chars().next_back();
            let replacement = match (prev, next) {
                (_, Some(n)) if space_before(n).is_some() && prev.is_some() => space_before(n),
                (Some('«'), Some(_)) => Some(NBSP),
                // "14 h 30", "9 h": digits, space, "h", then space+digit or a non-letter.
                (Some(p), Some('h'))
                    if p.is_ascii_digit() && !after_next.is_some_and(|a| a.is_alphabetic()) =>
                {
                    Some(NBSP)
                }
                (Some('h'), Some(n)) if n.is_ascii_digit() && preceded_by_digit_h(&out) => {
                    Some(NBSP)
                }
                (Some(p), Some('%' | '€')) if p.is_ascii_digit() => Some(NBSP),
                _ => None,
            };
            match replacement {
                Some(space) => out.push(space),
                None => out.push_str(run),
            }
            rest = after;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let next = rest.chars().next();
        // Missing space before ; ! ? : when the sign ends a word ("Pourquoi?" → "Pourquoi ?"),
        // but not inside URLs or times ("https://", "14:30"), hence the look-ahead.
        if let Some(space) = space_before(c) {
            let prev = out.chars().next_back();
            let ends_word = next.is_none_or(|n| n.is_whitespace() || n == '»');
            let glued = prev.is_some_and(|p| p.is_alphanumeric() || p == ')' || p == '»');
            if c != '»' && ends_word && glued {
                out.push(space);
            }
            if c == '»' && prev.is_some_and(|p| !is_space(p)) {
                out.push(NBSP);
            }
        }
        out.push(c);
        if c == '«' && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(NBSP);
        }
    }
    out
}

/// Whether any rule of [`french`] can apply to `text`: each needs one of the signs below, or
/// a space next to a digit (times). Most labels have none and are copied as they are.
fn needs_french_spacing(text: &str) -> bool {
    if text.contains([':', ';', '!', '?', '«', '»', '%', '€']) {
        return true;
    }
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        (*b == b' ' || *b == b'\t')
            && ((i > 0 && bytes[i - 1].is_ascii_digit())
                || bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// Whether `text` ends with digits, a no-break space and "h" (the first half of "14 h 30").
fn preceded_by_digit_h(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('h')
        && rev.next() == Some(NBSP)
        && rev.next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_high_punctuation_become_unbreakable() {
        assert_eq!(
            french("Objectif : réussir"),
            format!("Objectif{NBSP}: réussir")
        );
        assert_eq!(french("Vraiment ?"), format!("Vraiment{NNBSP}?"));
        assert_eq!(french("Oui ; non !"), format!("Oui{NNBSP}; non{NNBSP}!"));
        assert_eq!(french("Pourquoi?"), format!("Pourquoi{NNBSP}?"));
        assert_eq!(french("Note: voir"), format!("Note{NBSP}: voir"));
    }

    #[test]
    fn urls_and_clock_times_are_untouched() {
        assert_eq!(
            french("https://www.espaces-transfrontaliers.org/?a=1"),
            "https://www.espaces-transfrontaliers.org/?a=1"
        );
        assert_eq!(french("à 14:30"), "à 14:30");
    }

    #[test]
    fn guillemets_get_no_break_spaces() {
        assert_eq!(
            french("le « Eurodistrict »"),
            format!("le «{NBSP}Eurodistrict{NBSP}»")
        );
        assert_eq!(
            french("le «Eurodistrict»"),
            format!("le «{NBSP}Eurodistrict{NBSP}»")
        );
    }

    #[test]
    fn times_and_units_are_kept_together() {
        assert_eq!(
            french("à 14 h 30 précises"),
            format!("à 14{NBSP}h{NBSP}30 précises")
        );
        assert_eq!(french("dès 9 h, puis"), format!("dès 9{NBSP}h, puis"));
        assert_eq!(french("20 % et 150 €"), format!("20{NBSP}% et 150{NBSP}€"));
        // "3 hôtels" is not a time.
        assert_eq!(french("3 hôtels"), "3 hôtels");
    }

    /// [`french_spacing`] as it was first written: every character looked at in turn.
    fn french_by_char(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == ' ' || c == '\t' {
                // A run of spaces: decide what it becomes from its neighbours.
                let start = i;
                while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
                    i += 1;
                }
                let prev = out.chars().last();
                let next = chars.get(i).copied();
                let after_next = chars.get(i + 1).copied();
                let replacement = match (prev, next) {
                    (_, Some(n)) if space_before(n).is_some() && prev.is_some() => space_before(n),
                    (Some('«'), Some(_)) => Some(NBSP),
                    // "14 h 30", "9 h": digits, space, "h", then space+digit or a non-letter.
                    (Some(p), Some('h'))
                        if p.is_ascii_digit() && !after_next.is_some_and(|a| a.is_alphabetic()) =>
                    {
                        Some(NBSP)
                    }
                    (Some('h'), Some(n)) if n.is_ascii_digit() && preceded_by_digit_h(&out) => {
                        Some(NBSP)
                    }
                    (Some(p), Some('%' | '€')) if p.is_ascii_digit() => Some(NBSP),
                    _ => None,
                };
                match replacement {
                    Some(space) => out.push(space),
                    None => out.extend(&chars[start..i]),
                }
                continue;
            }
            // Missing space before ; ! ? : when the sign ends a word ("Pourquoi?" → "Pourquoi ?"),
            // but not inside URLs or times ("https://", "14:30"), hence the look-ahead.
            if let Some(space) = space_before(c) {
                let prev = out.chars().last();
                let next = chars.get(i + 1).copied();
                let ends_word = next.is_none_or(|n| n.is_whitespace() || n == '»');
                let glued = prev.is_some_and(|p| p.is_alphanumeric() || p == ')' || p == '»');
                if c != '»' && ends_word && glued {
                    out.push(space);
                }
                if c == '»' && prev.is_some_and(|p| !is_space(p)) {
                    out.push(NBSP);
                }
            }
            out.push(c);
            if c == '«' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
                out.push(NBSP);
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        /// Copying the plain stretches at once changes nothing to the result.
        #[test]
        fn the_spacing_is_the_one_applied_character_by_character(
            text in "[ a-zé0-9h:;!?«»%€\u{a0}\u{202f}\t)/.,]{0,40}",
        ) {
            proptest::prop_assert_eq!(french_spacing(&text), french_by_char(&text));
        }

        /// A text the quick check lets through is one the rules leave as it is.
        #[test]
        fn texts_without_signs_nor_spaced_digits_are_left_unchanged(
            text in "[ a-z0-9h:;!?«»%€\u{a0}\t]{0,40}",
        ) {
            if !needs_french_spacing(&text) {
                proptest::prop_assert_eq!(french_spacing(&text), text);
            }
        }
    }

    #[test]
    fn punctuation_that_cannot_start_a_line() {
        for c in [',', '.', ';', ':', '!', '?', ')', '»', '–', '—'] {
            assert!(cannot_start_line(c), "{c}");
        }
        for c in ['a', '«', '(', '9'] {
            assert!(!cannot_start_line(c), "{c}");
        }
    }
}
