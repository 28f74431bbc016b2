//! Word wrapping to a width in terminal columns.
//!
//! Two wrappers, kept as they were written for their screens (their outputs are pinned by
//! tests, so they are not merged here; see the differences below):
//! - [`wrap`] and [`wrap_prefixed`] return lines for a screen that must never overflow (the
//!   exam screen, the paper's review): a word longer than a line is cut, and the width is at
//!   least 10 columns.
//! - [`wrap_into`] and [`wrap_hanging`] append paragraphs to a string for the study session's
//!   feedback: words are never cut, each line of the text is its own paragraph, and a line
//!   keeps at least 20 columns after its indent.

use std::fmt::Write as _;

use super::width as measure_text_width;

/// Word-wraps `text` to `width` columns; lines after the first start with `indent`. A word
/// longer than a line is cut.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    wrap_prefixed("", text, width, indent)
}

/// [`wrap`] with the first line starting with `prefix` (an option's `❯ ● 1) `).
pub fn wrap_prefixed(prefix: &str, text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(10);
    let indent_width = measure_text_width(indent).min(width / 2);
    let mut lines = Vec::new();
    let mut line = prefix.to_owned();
    let mut used = measure_text_width(prefix);
    let mut fresh = true;
    for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let w = measure_text_width(word);
            let need = if fresh { w } else { w + 1 };
            if used + need <= width {
                if !fresh {
                    line.push(' ');
                }
                line.push_str(word);
                used += need;
                fresh = false;
                break;
            }
            if !fresh {
                lines.push(std::mem::replace(&mut line, indent.to_owned()));
                used = indent_width;
                fresh = true;
                continue;
            }
            // A word longer than a whole line: cut it (at least one character per line).
            let cut = console::truncate_str(word, width.saturating_sub(used), "");
            let mut at = cut.len();
            if at == 0 {
                at = word.chars().next().map_or(word.len(), char::len_utf8);
            }
            line.push_str(&word[..at]);
            lines.push(std::mem::replace(&mut line, indent.to_owned()));
            used = indent_width;
            word = &word[at..];
            if word.is_empty() {
                break;
            }
        }
    }
    if !fresh || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Word-wraps each line of `text` on its own to `width` columns, every line starting with
/// `margin` (the first) or as many spaces (the rest), and a line's continuation lines indented
/// by `hang(line)` more columns: a paper's
/// numbered statements and lettered options keep their text in a column under the label.
pub fn wrap_lines(
    text: &str,
    width: usize,
    margin: &str,
    hang: impl Fn(&str) -> usize,
) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let indent = " ".repeat(measure_text_width(margin) + hang(line));
        out.extend(wrap_prefixed(margin, line, width, &indent));
    }
    out
}

/// Appends `text` word-wrapped to `width` columns, every line starting with `indent`.
pub fn wrap_into(out: &mut String, text: &str, indent: &str, width: usize) {
    wrap_hanging(out, text, indent, indent, width);
}

/// [`wrap_into`] with another indent for the continuation lines (`✗ cue → answer` lists).
pub fn wrap_hanging(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    let mut indent = first;
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let room = width.saturating_sub(measure_text_width(indent)).max(20);
            let w = measure_text_width(word);
            let len = measure_text_width(&line);
            if !line.is_empty() && len + 1 + w > room {
                let _ = writeln!(out, "{indent}{line}");
                indent = rest;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{indent}{line}");
        indent = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_fits_the_width() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 15, "  ");
        assert_eq!(lines, ["the quick brown", "  fox jumps", "  over the lazy", "  dog"]);
        let long = wrap("abcdefghijklmnopqrstuvwxyz", 10, "");
        assert!(long.iter().all(|l| measure_text_width(l) <= 10), "{long:?}");
        assert_eq!(long.concat(), "abcdefghijklmnopqrstuvwxyz");
    }
}
