//! Names and labels folded for matching and ordering: accents removed, lower case,
//! typographic apostrophes and dashes made plain, spaces collapsed. Used wherever a name typed
//! by a user is matched against stored ones (imports, requests, participants) and wherever a
//! list is ordered as French readers expect.

use unicode_normalization::UnicodeNormalization;

/// A name or label folded for matching: accents removed, lower case, typographic apostrophes
/// and dashes made plain, spaces collapsed ("Frontière France–Allemagne" and "frontiere
/// france-allemagne" fold alike).
pub fn fold(text: &str) -> String {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        space: false,
    };
    // Only the non-ASCII runs go through the canonical decomposition: an ASCII character
    // neither decomposes nor is reordered with its neighbours, so the runs it separates
    // decompose on their own exactly as the whole text would (and sorting a report's 5,000
    // labels spent most of its time decomposing plain ASCII).
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        rest[..ascii].chars().for_each(|c| folded.push(c));
        rest = &rest[ascii..];
        let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        rest[..other].nfd().for_each(|c| folded.push(c));
        rest = &rest[other..];
    }
    folded.text
}

/// [`fold`]'s output: characters mapped, runs of spaces made one, none at either end.
struct Folded {
    text: String,
    /// A space is due before the next character.
    space: bool,
}

impl Folded {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = !self.text.is_empty();
            return;
        }
        if matches!(c, '\u{300}'..='\u{36f}') {
            return;
        }
        if std::mem::take(&mut self.space) {
            self.text.push(' ');
        }
        match c {
            '’' | '‘' | '`' | '´' => self.text.push('\''),
            '–' | '—' | '‐' | '‑' | '−' => self.text.push('-'),
            'œ' | 'Œ' => self.text.push_str("oe"),
            'æ' | 'Æ' => self.text.push_str("ae"),
            'ß' => self.text.push_str("ss"),
            c => self.text.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_and_typography() {
        assert_eq!(
            fold("  Frontière  France–Allemagne "),
            "frontiere france-allemagne"
        );
        assert_eq!(fold("Cœur D’Alsace"), "coeur d'alsace");
        assert_eq!(fold("SCHÄFER"), "schafer");
    }

    /// `fold` as it was written first: the whole text decomposed, then spaces collapsed.
    fn fold_whole(text: &str) -> String {
        let mut folded = String::new();
        for c in text.nfd() {
            match c {
                '\u{300}'..='\u{36f}' => {}
                '’' | '‘' | '`' | '´' => folded.push('\''),
                '–' | '—' | '‐' | '‑' | '−' => folded.push('-'),
                'œ' | 'Œ' => folded.push_str("oe"),
                'æ' | 'Æ' => folded.push_str("ae"),
                'ß' => folded.push_str("ss"),
                c if c.is_whitespace() => folded.push(' '),
                c => folded.extend(c.to_lowercase()),
            }
        }
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn folding_by_runs_gives_what_decomposing_the_whole_text_gives() {
        for text in [
            "",
            "   ",
            "Chargé de coopération transfrontalière n° 12",
            "e\u{301}\u{327} E\u{327}\u{301}x",
            "\u{5D1}\u{5B0}\u{591}\u{5B8} a\u{5B8}\u{591}",
            "Nguyễn Thị Minh Khai\u{a0}\u{2009}–\u{202F}Hà Nội",
            "한국어 Ǆemal ǅ ﬁn Ⅻ",
            "\u{301}start and end\u{301} \t\n",
            "ÆSØP œuvre STRAßE ‘quoted’ `tick´",
        ] {
            assert_eq!(fold(text), fold_whole(text), "{text:?}");
        }
    }
}
