//! Text from decks, imports and the progress file made safe to print: a cue holding
//! `"\u{1b}[31m"` must read as those characters, not turn the learner's terminal red (or, with
//! other sequences, move the cursor, retitle the window or ring the bell).
//!
//! Every renderer passes the text it did not write itself (cues, answers, options,
//! explanations, sources, topics, titles, typed answers, lines of a deck quoted by a
//! diagnostic) through [`printable`] before laying it out or styling it; its own styles are
//! added after, so they are never escaped. Imports strip control characters from what they
//! write, and this is the net under every other way in (a deck written by hand, an old
//! progress file).

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character a terminal would act on written out as a deck writes
/// it (`\u{1b}`): ESC, BEL, backspace, carriage return, DEL, the C1 controls (U+0080 to
/// U+009F) and the rest of C0. Line feeds and tabs are kept: they are whitespace the layout
/// handles. Borrowed when there is nothing to escape, which is almost always.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            // Writing into a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A control character other than the line feed and the tab.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_written_out_as_a_deck_writes_them() {
        assert_eq!(printable("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(printable("bell\u{7}"), "bell\\u{7}");
        assert_eq!(printable("over\rwrite"), "over\\u{d}write");
        assert_eq!(printable("del\u{7f} c1\u{9b}2J"), "del\\u{7f} c1\\u{9b}2J");
    }

    #[test]
    fn plain_text_and_layout_whitespace_are_untouched_and_borrowed() {
        for text in ["Article 21", "two\nlines", "a\ttab", "日本 — “quoted”", ""] {
            assert!(matches!(printable(text), Cow::Borrowed(t) if t == text), "{text:?}");
        }
    }
}
