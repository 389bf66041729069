//! The passage shown under a resource or a legal note in the global search: the words around
//! the first one that matches what the user typed, matched words between `[` and `]`.
//!
//! Computed here rather than with FTS5's `snippet()`: `snippet()` scores every window of the
//! column around every match, which for a common word in the text of a 20-page file costs
//! milliseconds per hit; looking for the first matching word costs almost nothing.

use crate::exchange::folding::fold;

/// Words kept before and after the first match.
const BEFORE: usize = 6;
const AFTER: usize = 12;

/// The user's words folded as the index folds them (accents and case), in the order typed.
pub(crate) fn terms(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(16)
        .map(fold)
        .collect()
}

/// The passage of the first column (in the order given) holding a word that starts with one
/// of `terms`; empty when none does.
pub(crate) fn passage(columns: &[String], terms: &[String]) -> String {
    columns
        .iter()
        .find_map(|text| passage_in(text, terms))
        .unwrap_or_default()
}

fn matches(word: &str, terms: &[String]) -> bool {
    let folded = fold(word);
    terms.iter().any(|term| folded.starts_with(term.as_str()))
}

/// The byte ranges of the words of `text` (runs of letters and digits).
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// Appends what separates two words, its whitespace runs (line breaks too) as one space.
fn squash_into(out: &mut String, gap: &str) {
    for c in gap.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn passage_in(text: &str, terms: &[String]) -> Option<String> {
    let mut before: Vec<(usize, usize)> = Vec::with_capacity(BEFORE + 1);
    let mut all = words(text);
    let first = loop {
        let word = all.next()?;
        if matches(&text[word.0..word.1], terms) {
            break word;
        }
        if before.len() == BEFORE {
            before.remove(0);
        }
        before.push(word);
    };
    let after: Vec<(usize, usize)> = all.by_ref().take(AFTER).collect();
    let more_after = all.next().is_some();
    let window: Vec<(usize, usize)> = before
        .iter()
        .copied()
        .chain(std::iter::once(first))
        .chain(after)
        .collect();
    let start = window[0].0;
    let mut out = String::new();
    if start > 0 && text[..start].chars().any(char::is_alphanumeric) {
        out.push('…');
    }
    let mut at = start;
    for (word_start, word_end) in window {
        squash_into(&mut out, &text[at..word_start]);
        let word = &text[word_start..word_end];
        if matches(word, terms) {
            out.push('[');
            out.push_str(word);
            out.push(']');
        } else {
            out.push_str(word);
        }
        at = word_end;
    }
    if more_after {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_match_is_shown_with_its_neighbours_accents_folded() {
        let text =
            "Un deux trois quatre cinq six sept huit : la Mobilité des agents, \n\n vers un GECT.";
        let shown = passage(&["Titre".into(), text.into()], &terms("mobilite gect"));
        assert_eq!(
            shown,
            "…quatre cinq six sept huit : la [Mobilité] des agents, vers un [GECT]"
        );
        assert_eq!(passage(&["rien".into()], &terms("mobilite")), "");
    }
}
